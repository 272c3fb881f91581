# src/writer: files for other tools, and the headless listings.
librefscope_a_SOURCES += \
	src/writer/trace.c src/writer/trace.h \
	src/writer/tracejson.c src/writer/tracejson.h \
	src/writer/delta.c src/writer/delta.h \
	src/writer/dump.c src/writer/dump.h \
	src/writer/dot.c src/writer/dot.h \
	src/writer/cast.c src/writer/cast.h \
	src/writer/python.c src/writer/python.h \
	src/writer/worksheet.c src/writer/worksheet.h \
	src/writer/pyscenario.c src/writer/pyscenario.h \
	src/writer/live.c src/writer/live.h \
	src/writer/budget.c src/writer/budget.h \
	src/writer/comparetext.c src/writer/comparetext.h

# export --python-check starts every program with src/writer/python-prelude.py, kept
# as Python source; the build makes it a C array of lines for python.c.
EXTRA_DIST += src/writer/python-prelude.py
AM_CPPFLAGS += -I$(top_builddir)/src
src/writer/python-prelude.inc: $(top_srcdir)/src/writer/python-prelude.py
	$(AM_V_GEN)$(MKDIR_P) src/writer && \
	sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$$/\\n",/' \
	    $(top_srcdir)/src/writer/python-prelude.py >$@.tmp && mv $@.tmp $@
src/writer/python.$(OBJEXT): src/writer/python-prelude.inc
MOSTLYCLEANFILES = src/writer/python-prelude.inc

check_PROGRAMS += tests/check_trace
tests_check_trace_SOURCES = tests/check_trace.c tests/testlib.c tests/testlib.h
# The str and float repr of the syntax tree, the simulator and the export.
check_PROGRAMS += tests/check_repr
tests_check_repr_SOURCES = tests/check_repr.c tests/data/pyhash/repr_cases.inc \
	tests/testlib.c tests/testlib.h
