/*
 * budget.h: how much one command may write (DESIGN §8).
 *
 * A trace or a dump lists the heap at every step, so a scenario of three
 * lines -- a list that grows by one item a million times -- asks for a
 * listing of half a million million objects.  Written to a file or a pipe
 * that is what the user asked for, and it is written (`trace --delta`
 * makes it small).  On a terminal it would bury the screen for hours, so
 * there a listing stops at OUT_MAX_TERMINAL unless --max-output says
 * otherwise.  A writer spends its bytes here; once the budget is spent it
 * writes nothing more, does no more of the work, and the command ends
 * with a located message and status 2.
 */
#ifndef REFSCOPE_BUDGET_H
#define REFSCOPE_BUDGET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"
#include "lang/program.h"
#include "sim/timeline.h"

/* What a listing writes to a terminal when --max-output does not say:
 * far more than a person reads (a course scenario's trace is a few
 * hundred KiB). */
#define OUT_MAX_TERMINAL	(256u * 1024u * 1024u)

/* A picture also costs the heap it is drawn from (the scene looks at
 * every object): about what writing this many bytes costs, per object. */
#define OUT_PICTURE_OBJECT_BYTES	2u

/* The most a writer may write: bytes (0: no limit), and whether the user
 * set it (--max-output) or it is the terminal's. */
struct out_limit {
	uint64_t	 bytes;
	bool		 from_option;
};

struct out_budget {
	const char	*what;		/* "the trace", for the message */
	struct out_limit limit;
	uint64_t	 written;
	struct diag	*spent;		/* owned: set when the budget ran out */
};

/*
 * Whether n more bytes (or their cost in bytes) fit.  When they do not, notes (once) where the
 * writing stops: at the statement of step `step` of t.  After that every
 * call answers false.
 */
bool		 out_budget_spend(struct out_budget *b, uint64_t n,
		    const struct program *p, const struct timeline *t,
		    uint32_t step);

/* Whether the budget has run out. */
bool		 out_budget_spent(const struct out_budget *b);

/* Moves the message, if any, to the end of *errors. */
void		 out_budget_take(struct out_budget *b, struct diag **errors);

#endif
