# src/out: files for other tools, and the headless listings.
librefscope_a_SOURCES += \
	src/out/trace.c src/out/trace.h \
	src/out/tracejson.c src/out/tracejson.h \
	src/out/delta.c src/out/delta.h \
	src/out/dump.c src/out/dump.h \
	src/out/dot.c src/out/dot.h \
	src/out/cast.c src/out/cast.h \
	src/out/python.c src/out/python.h \
	src/out/live.c src/out/live.h \
	src/out/budget.c src/out/budget.h

# export --python starts every program with src/out/python-prelude.py, kept
# as Python source; the build makes it a C array of lines for python.c.
EXTRA_DIST += src/out/python-prelude.py
AM_CPPFLAGS += -I$(top_builddir)/src
src/out/python-prelude.inc: $(top_srcdir)/src/out/python-prelude.py
	$(AM_V_GEN)$(MKDIR_P) src/out && \
	sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$$/\\n",/' \
	    $(top_srcdir)/src/out/python-prelude.py >$@.tmp && mv $@.tmp $@
src/out/python.$(OBJEXT): src/out/python-prelude.inc
MOSTLYCLEANFILES = src/out/python-prelude.inc

check_PROGRAMS += tests/check_trace
tests_check_trace_SOURCES = tests/check_trace.c tests/testlib.c tests/testlib.h
