/*
 * testlib.h: what several Check suites need: a file's text, and every
 * scenario of the test suite.
 */
#ifndef REFSCOPE_TESTLIB_H
#define REFSCOPE_TESTLIB_H

/* The whole file, NUL-terminated, or NULL.  Caller frees with xfree. */
char		*testlib_read_file(const char *path);

/* Calls visit with the path and the text of every .yaml file in
 * tests/scenarios, scenarios and tests/collector; returns how many. */
unsigned	 testlib_each_scenario(void (*visit)(const char *path,
		    const char *yaml));

#endif
