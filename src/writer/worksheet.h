/*
 * worksheet.h: `refscope export --worksheet` -- a scenario's questions
 * (run/quiz.h) as a Markdown worksheet a teacher hands out: the program
 * with numbered lines, then numbered questions each ending in '?', then an
 * answer key computed by the model.
 *
 * The answer key is also read by a program (tests/diff/run-worksheet.sh
 * checks it against CPython), so each answer is one paragraph of a fixed
 * shape:
 *
 *   **N.** step S, line L, `CHECK`: **ANSWER**. WHY
 *
 * with CHECK the question in the expect language (`refcount(x)`,
 * `x is y`, `freed`, `collected`) or `printed`, whose answer follows as
 * an indented block instead (what the line prints, line by line).  S is
 * the viewer's step number (the trace's "step"), L the line of a .py file
 * or the written step of a YAML one.
 */
#ifndef REFSCOPE_WORKSHEET_H
#define REFSCOPE_WORKSHEET_H

#include "base/strbuf.h"
#include "lang/program.h"
#include "run/quiz.h"

/* Appends the worksheet of program p, whose run's questions are q. */
void	worksheet_write(const struct program *p, const struct quiz *q,
	    struct strbuf *out);

#endif
