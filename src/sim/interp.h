/*
 * interp.h: runs a compiled program against the heap, as CPython 3.11 would,
 * and records every micro-event in a timeline.
 *
 * The run is eager and total: interp_run executes every step once.  A
 * statement that would raise in Python stops the run with a located error
 * naming the exception; a failed expect: is reported and the run goes on.
 */
#ifndef REFSCOPE_INTERP_H
#define REFSCOPE_INTERP_H

#include <stdint.h>

#include "base/diag.h"
#include "base/limits.h"
#include "lang/program.h"
#include "sim/heap.h"
#include "sim/timeline.h"

/* The limits the simulator enforces (INTERP_MAX_*) are in base/limits.h. */

struct interp_hooks {
	/* Called when an executed step has ended (its record is complete);
	 * step is its number in the timeline. */
	void	(*on_step)(void *ctx, const struct heap *h,
		    const struct timeline *t, uint32_t step);
	void	 *ctx;

	/* The viewer's g key: after module step number collect_after
	 * (0-based, its last repetition; of a .py scenario, whose lines run
	 * again in loops, the module step record with that ordinal) the run
	 * gets one extra step, a full collection as gc.collect() would
	 * make, with no statement. */
	bool	  extra_collection;
	uint32_t  collect_after;
};

/* What a run did, for `check` and for expect: evaluation. */
struct interp_result {
	uint32_t	 steps_run;
	uint32_t	 expects_checked;
	uint32_t	 expects_failed;	/* and answers found wrong */
	/* the ask: lines' values where their steps ended, each time one
	 * ran, in run order (owned: interp_result_free) */
	struct interp_answer {
		uint32_t	 step;		/* the timeline step */
		const struct program_step *asked; /* borrowed: its ask: */
		int64_t		 value;		/* a count, or 1/0 for a
						   question of truth */
	}		*answers;
	uint32_t	 answer_count;
	uint32_t	 answers_checked;	/* against an answer: */
};

/* Frees what a result owns (its answers); the struct itself is the
 * caller's. */
void	interp_result_free(struct interp_result *r);

/*
 * Runs p.  h must be new (heap_new) and t empty.  Returns 0 when every
 * statement ran (expects may have failed: see result and *errors, status 1),
 * -1 when a statement raised or a limit was hit (a status-2 diagnostic in
 * *errors; h and t then hold the run up to that point).
 */
int	interp_run(const struct program *p, struct heap *h, struct timeline *t,
	    const struct interp_hooks *hooks, struct interp_result *result,
	    struct diag **errors);

#endif
