/*
 * testlib.h: what several Check suites need: a file's text, every
 * scenario of the test suite, and running a suite.
 */
#ifndef REFSCOPE_TESTLIB_H
#define REFSCOPE_TESTLIB_H

#include <check.h>

/* The whole file, NUL-terminated, or NULL.  Caller frees with xfree. */
char		*testlib_read_file(const char *path);

/* Calls visit with the path and the text of every .yaml file in
 * tests/scenarios, scenarios, tests/collector and assets, and every .py
 * file there and in tests/pyfiles (a .py is read as Python by its path);
 * returns how many there are.  With TEST_SAMPLE=N in the environment (the
 * valgrind pass) it calls visit on one in N only. */
/* N of TEST_SAMPLE=N, or 1: a test's own counts of what the scenarios
 * exercised are divided by it. */
unsigned	 testlib_sample(void);
unsigned	 testlib_each_scenario(void (*visit)(const char *path,
		    const char *yaml));

/* Runs suite s (and frees it): EXIT_SUCCESS when no test failed, the
 * exit status of a Check program. */
int		 testlib_run_suite(Suite *s);

#endif
