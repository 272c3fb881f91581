/*
 * compare.h: where two runs of one scenario under two CPython versions
 * differ, step by step (`refscope compare`, the viewer's version toggle).
 *
 * Both runs are of the same file, so while they take the same path their
 * timelines have the same steps, paired in rows: row k holds a step of
 * each.  A step only one version makes (the steps of 3.11's own frame for
 * a comprehension, which 3.12 on inline) has no row: what it does counts
 * as the doing of the step it is in.
 * At the end of each step the two heaps are set side by side by the names
 * the frames hold -- what sys.getrefcount says of each name's object,
 * whether it is immortal, which names share one object, whether the
 * collector tracks it and in which generation -- and the step's own
 * events by what they did: the objects freed and in what order, what each
 * collection found, what was printed; and the collector's thresholds.
 * Each difference is put down to one rule of sim/version.h (the rule's
 * name and sentence live there).  A difference reported at a step is one
 * that is new at that step, or changed: one that merely holds on is said
 * once.
 */
#ifndef REFSCOPE_COMPARE_H
#define REFSCOPE_COMPARE_H

#include <stdbool.h>
#include <stdint.h>

#include "base/strbuf.h"
#include "py/pyversion.h"
#include "run/run.h"
#include "sim/version.h"

/* One difference at one step. */
struct compare_diff {
	uint32_t	 step;		/* its row */
	char		*what;		/* what differs: "x", "x is y",
					   "output", "freed", ... (visible) */
	char		*a;		/* as the first version has it */
	char		*b;		/* as the second has it */
	enum version_rule rule;		/* the rule behind it */
	char		*key;		/* NULL, or what makes it the same
					   difference as one of the step
					   before though a or b moved */
};

struct compare {
	enum py_version	 version[2];
	struct compare_diff *diffs;	/* owned, by step */
	uint32_t	 count;
	uint32_t	 cap;
	uint32_t	*first;		/* owned: first[k] is the first diff of
					   row k, first[k + 1] one past its
					   last (steps + 1 entries) */
	uint32_t	 steps;		/* rows: the steps compared */
	uint32_t	*step_of[2];	/* owned: each run's timeline step of
					   row k (steps of them) */
	uint32_t	*row_of[2];	/* owned: each run's steps' rows, or
					   COMPARE_NO_ROW */
	uint32_t	 steps_differ;	/* of them, with a difference */
	uint32_t	 more[2];	/* steps one run has beyond the other's
					   (after a parting, or at the end) */
	bool		 parted;	/* the runs took different paths after
					   step steps - 1 */
	bool		 uses_with;	/* the scenario has a `with`: its
					   counts and frees differ first by
					   how one keeps __exit__ */
};

/*
 * Compares two executed runs of one scenario with retained timelines, a
 * under c->version[0]'s rules and b under c->version[1]'s (each heap
 * knows its own).  Fills *c (caller frees with compare_free).  Leaves
 * each heap at its timeline's end.
 */
void	 compare_runs(struct compare *c, struct run *a, struct run *b);

#define COMPARE_NO_ROW	UINT32_MAX

/* The row of step k of run side (0: the first version's), or, for a
 * step only that run makes, the row of the step it is in; COMPARE_NO_ROW
 * past the rows compared. */
uint32_t compare_row(const struct compare *c, int side, uint32_t k);

/* The differences of row k: *n of them from the returned one (none past
 * the rows compared). */
const struct compare_diff *compare_step(const struct compare *c, uint32_t k,
	    uint32_t *n);

/* Appends difference d as the report and the viewer say it: "count of x:
 * 2 on 3.11, immortal (getrefcount 4294967295) on 3.12". */
void	 compare_diff_text(const struct compare *c,
	    const struct compare_diff *d, struct strbuf *out);

void	 compare_free(struct compare *c);

/*
 * Loads the file at path twice, as version v[0] and as v[1] (whatever the
 * file or --python say), and executes both with retained timelines, into
 * pair[0] and pair[1].  Returns 0, or -1 with status-2 diagnostics in the
 * first run that failed, *failed saying which (0 or 1).  Either way free
 * both with run_free.
 */
int	 compare_load_pair(struct run pair[2], const char *path,
	    bool regular_only, const enum py_version v[2], int *failed);

#endif
