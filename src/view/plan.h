/*
 * plan.h: where each object stands for its whole life, planned once over
 * a recorded run.
 *
 * The timeline is known before anything is drawn, so places need not be
 * found moment by moment (which made a moment's picture depend on the
 * moments drawn before it).  A plan gives each object a column for its
 * life and a row for each stretch of it with a box (a stint): its column
 * is one right of the first thing that refers to it (a frame's name:
 * column 1; an object's slot: that object's column + 1; nothing but the
 * stack: column 1) -- or, for what a function's local held first and its
 * frame object keeps longer once the function has raised or returned,
 * under that frame object, in its column, placed after it from its row
 * down (its locals read like its frame's names, top to bottom) --, so
 * the graph flows left to right
 * from the frames in reference order -- but for the definitions (a function or a class a
 * frame's name holds first, and what hangs off them), which stand in
 * columns of their own right of the data's: what a lesson's statements
 * make comes first, the `def` and `class` lines it needs after; a stint's row is the first one free in that column
 * over the whole stint, for the tallest its box gets, from its referrer's
 * row down (columns are planned left to right), with a row for each
 * arrowhead its highest count may bring (up to LAYOUT_ARROWS_MOST).  A
 * freed object's place, or one whose box goes, stays taken until the
 * module step it went in is over, so nothing moves into it while it goes
 * -- or, for a box that came and went within one line of a function (a
 * temporary no step's end shows), until that line is over.
 * A column whose boxes would stand taller than the rows the screen gives
 * the graph (scene_options.plan_rows) is spread over several side by
 * side, each a column of the plan: each stint of an object takes the
 * first where it fits (what hangs under a frame object, the frame
 * object's), and keeps it while it lasts.
 *
 * An object that enters a container at a slot the scene folds away
 * (scene_options.max_slots) gets a column but no row: it is drawn below
 * the planned boxes of its column when it is drawn at all.
 */
#ifndef REFSCOPE_PLAN_H
#define REFSCOPE_PLAN_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/heap.h"
#include "sim/timeline.h"
#include "view/scene.h"

#define PLAN_NO_ROW	INT32_MAX
#define PLAN_NO_STINT	UINT32_MAX

/* A stretch of an object's life with a box, from timeline position
 * `from` on, at one row.  An object has a box while something other than
 * the constants refers to it (scene.h: the strip lists the constants); a
 * constant used once and back on its strip gives its place up at the end
 * of that module step, and gets a new one if it is used again later. */
struct plan_stint {
	uint64_t	 from;
	int32_t		 row;		/* PLAN_NO_ROW: none (it floats) */
	uint32_t	 column;	/* of the plan (a tall column's spread
					   ones counted apart); 0: none */
	uint32_t	 next;		/* the same object's next, or
					   PLAN_NO_STINT */
};

struct plan {
	uint32_t	 count;		/* ids 0..count-1 are planned */
	uint32_t	*column;	/* by id, its first stint's; 0: not
					   planned */
	uint32_t	*first;		/* by id: its first stint, or
					   PLAN_NO_STINT */
	bool		*hangs;		/* by id: it stands under the frame
					   object that holds it, in its
					   column */
	struct plan_stint *stints;
	uint32_t	 stint_count;
};

/*
 * Plans every object of t, which must retain its events, for scenes built
 * with o.  h must have been built by t's events; it is replayed from the
 * start and put back where it was.  *pl is overwritten; free with
 * plan_free.
 */
void		 plan_build(struct plan *pl, const struct timeline *t,
		    struct heap *h, const struct scene_options *o);
void		 plan_free(struct plan *pl);

/* The row of object id when the heap stands at timeline position
 * `position`, or PLAN_NO_ROW (not planned, floating, or no box then). */
int32_t		 plan_row(const struct plan *pl, objid_t id,
		    uint64_t position);

/* The column of object id at `position`: its stint's then (before its
 * first, the first's), or 0 (not planned). */
uint32_t	 plan_column(const struct plan *pl, objid_t id,
		    uint64_t position);

/* The box height (rows, borders included) of an object that draws
 * `slots` references, folded as a scene with max_slots folds them. */
int		 plan_box_height(uint32_t slots, uint32_t max_slots);

#endif
