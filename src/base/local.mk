# src/base: allocation, diagnostics, strings, atoms, the shipped files'
# place -- used by every layer.
librefscope_a_SOURCES += \
	src/base/atom.c src/base/atom.h \
	src/base/datadir.c src/base/datadir.h \
	src/base/diag.c src/base/diag.h \
	src/base/limits.h \
	src/base/strbuf.c src/base/strbuf.h \
	src/base/utf8.c src/base/utf8.h \
	src/base/xalloc.c src/base/xalloc.h

check_PROGRAMS += tests/check_base
tests_check_base_SOURCES = tests/check_base.c
