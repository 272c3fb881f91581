/*
 * layout.h: where each box of a scene goes on a character grid, and the
 * orthogonal path of each reference.
 *
 * Boxes stand in columns: the frames in column 0, then each object one
 * column right of the first thing that referred to it.  Between two
 * columns is a gutter, whose vertical lanes carry the edges: an edge leaves
 * its slot to the right, runs down or up a lane of the source's gutter,
 * crosses other columns only along rows where they have no box, and enters
 * its target from the left -- or from the right when the target stands in
 * the same column or further left (a cycle).  So no edge crosses a box.
 * An edge from a frame object into a box hung under it (plan.h) takes no
 * lane: it runs down the column's right margin, back over the row above
 * its target and in through the left margin.
 *
 * A picture is a function of the moment alone, never of the moments drawn
 * before it: places come from a plan made once over the whole run
 * (plan.h), in which an object keeps one column and one row for its life
 * and a freed object's place stays empty for a while.  A scene drawn
 * without a plan (a run still being made) is placed breadth first, packed
 * top down.  Columns that a moment leaves empty take no room.  Column and
 * gutter widths go up in steps (a few cells; lanes in pairs), so that one
 * wider box or one more edge seldom moves the columns to its right.
 *
 * Lanes are handed out so that edges cross each other little: in a gutter,
 * edges running down take lanes right to left from the highest slot, those
 * running up left to right from the highest, so that neighbouring edges
 * nest instead of crossing.
 */
#ifndef REFSCOPE_LAYOUT_H
#define REFSCOPE_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/heap.h"
#include "sim/timeline.h"
#include "view/canvas.h"
#include "view/plan.h"
#include "view/scene.h"

/* A box is tall enough for this many arrowheads entering from the left,
 * each on a row of its own (more share the last rows). */
#define LAYOUT_ARROWS_MOST	16

/* Free cells on each side of a gutter's lanes: an arrowhead stands in the
 * margin left of its target's column. */
#define LAYOUT_GAP_MARGIN	2

struct layout_box {
	int		 x, y;		/* top left */
	int		 w, h;
	uint32_t	 column;
};

/* One edge: a path of points (corners), first at the slot, last at the
 * arrowhead's cell; consecutive points share a row or a column. */
struct layout_edge {
	uint32_t	 from;		/* node index */
	uint32_t	 slot;
	uint32_t	 to;		/* node index */
	int		*points;	/* x0, y0, x1, y1, ... (owned) */
	uint32_t	 point_count;
	uint8_t		 arrow;		/* LINE_LEFT or LINE_RIGHT: its head points;
					   0: none */
	int		 lane;		/* the x of its first vertical run, in
					   its source's gutter */
};

struct layout {
	struct layout_box	*boxes;		/* one per scene node */
	uint32_t		 box_count;
	struct layout_edge	*edges;
	uint32_t		 edge_count;
	int			 width;		/* extent of everything */
	int			 height;
	int			*column_x;	/* each column's left edge */
	int			*lanes_x;	/* the first lane of the gutter
						   right of each column */
	uint32_t		 column_count;	/* (0: the frames') */

	/* the places planned over a whole run (layout_plan) */
	struct plan		 plan;
	const struct timeline	*planned;	/* for this run, or NULL */
	uint64_t		 planned_events;
	uint32_t		 planned_slots;
	bool			 planned_constants;
	int			 planned_rows;
};

/* An empty layout with no memory; caller frees with layout_free. */
struct layout	*layout_new(void);
void		 layout_free(struct layout *l);

/* Plans the places of every object of run t for scenes built with o
 * (plan_build; h is put back where it was), unless it is planned for t
 * already.  Scenes of t are then placed by the plan. */
void		 layout_plan(struct layout *l, const struct timeline *t,
		    struct heap *h, const struct scene_options *o);

/* Places the scene's boxes and routes its edges: a function of the scene
 * and the plan only.  The result stays valid until the next call. */
void		 layout_place(struct layout *l, const struct scene *s);

/* Drops the plan (the run it was made for is gone: a reload). */
void		 layout_forget(struct layout *l);

/* The text a box shows, for its width: its title (type and id), its
 * refcount text, and one line per slot or the value.  Shared with the
 * drawing code so that sizes and contents agree. */
int		 layout_box_width(const struct scene_node *n);
int		 layout_box_height(const struct scene_node *n);
/* What a box says of the references to it that no arrow draws (ASCII):
 * " +6 instances ", " +2 unseen ". */
void		 layout_hidden_text(const struct scene_node *n, char *buf,
		    size_t size);

#endif
