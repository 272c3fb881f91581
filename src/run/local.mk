# src/run: one run of a scenario (load the file once, compile, execute,
# diagnostics); above lang/ and sim/, below view/, writer/ and main.c.
librefscope_a_SOURCES += \
	src/run/run.c src/run/run.h \
	src/run/quiz.c src/run/quiz.h \
	src/run/compare.c src/run/compare.h

check_PROGRAMS += tests/check_run
tests_check_run_SOURCES = tests/check_run.c tests/testlib.c tests/testlib.h
