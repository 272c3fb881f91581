/*
 * comparetext.h: `refscope compare` -- a comparison of two versions' runs
 * (run/compare.h) as text, step by step, each difference with the rule
 * behind it.
 */
#ifndef REFSCOPE_COMPARETEXT_H
#define REFSCOPE_COMPARETEXT_H

#include "base/strbuf.h"
#include "run/compare.h"
#include "run/run.h"

/* Appends the report of c to out: a is the first run compared (for each
 * step's line and code), name the file as the user named it (visible). */
void	comparetext_write(const struct compare *c, const struct run *a,
	    const char *name, struct strbuf *out);

#endif
