/*
 * budget.h: how much one command may write (DESIGN §8).
 *
 * A trace or a dump lists the heap at every step, so a scenario of three
 * lines -- a list that grows by one item a million times -- asks for a
 * listing of half a million million objects.  A writer spends its bytes
 * here; once the budget is spent it writes nothing more, does no more of
 * the work, and the command ends with a located message and status 2.
 * The writer sets what and limit, and frees spent if it is not taken.
 */
#ifndef REFSCOPE_BUDGET_H
#define REFSCOPE_BUDGET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"
#include "lang/program.h"
#include "sim/timeline.h"

/* What each listing may write: at most a few seconds of work (less
 * than a second for most), far more than any listing a person reads
 * (a course scenario's trace is a few hundred KiB). */
#ifndef OUT_MAX_TRACE
#define OUT_MAX_TRACE		(256u * 1024u * 1024u)	/* JSON Lines */
#endif
#ifndef OUT_MAX_LISTING
#define OUT_MAX_LISTING		(128u * 1024u * 1024u)	/* dump --list */
#endif
#ifndef OUT_MAX_PICTURES
#define OUT_MAX_PICTURES	(128u * 1024u * 1024u)	/* dump */
#endif
/* A picture also costs the heap it is drawn from (the scene looks at
 * every object): about what writing this many bytes costs, per object. */
#define OUT_PICTURE_OBJECT_BYTES	2u

struct out_budget {
	const char	*what;		/* "the trace", for the message */
	uint64_t	 limit;		/* bytes */
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
