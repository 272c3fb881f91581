/*
 * python.h: `refscope export --python-check` -- the scenario as a Python 3
 * program that performs its statements in CPython, prints what they print,
 * and checks every expect: line there with sys.getrefcount, `is` and the gc
 * module (DESIGN §6).
 */
#ifndef REFSCOPE_PYTHON_H
#define REFSCOPE_PYTHON_H

#include "base/strbuf.h"
#include "lang/program.h"
#include "sim/heap.h"
#include "sim/timeline.h"

/*
 * Appends the program for p to out.  t and h are refscope's complete run of
 * p, every event retained (timeline_new(true)): they tell what CPython
 * cannot reproduce -- a collection that started by itself, a setting CPython
 * does not have, frees that happen out of Python's sight -- and each expect
 * that cannot be checked in CPython for such a reason is written as a
 * comment saying why, never dropped silently.  Scenario text of any kind
 * goes into valid Python string literals or comments, with control and
 * bidirectional characters escaped.  A .py scenario is written as it was
 * read: it is a Python program already.
 */
void	python_write(const struct program *p, const struct timeline *t,
	    const struct heap *h, struct strbuf *out);

#endif
