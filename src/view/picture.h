/*
 * picture.h: a whole screen of refscope drawn into a canvas -- the title
 * bar, the code panel, the graph, the narration, the timeline bar -- from a
 * scene and its layout.  The viewer shows it; `refscope dump` prints it.
 *
 *   ┌ title bar: title · section · step k/n · event k/n · gc model ──────┐
 *   code panel (the statements, the current one highlighted)
 *   the graph (frames on the left, objects to the right), spread over a
 *   wide panel, panned to keep what the moment touches in view (or as
 *   the reader pans it), the frames pinned at the left
 *   narration (the step's say:, wrapped) and what the last event did
 *   timeline bar: a tick per step, the position, key hints
 */
#ifndef REFSCOPE_PICTURE_H
#define REFSCOPE_PICTURE_H

#include <stdbool.h>
#include <stdint.h>

#include "lang/program.h"
#include "view/canvas.h"
#include "view/layout.h"
#include "view/scene.h"

/* The smallest screen the viewer draws on; below it, a message. */
#define PICTURE_MIN_WIDTH	60
#define PICTURE_MIN_HEIGHT	16

struct picture_options {
	int		 scroll_x;	/* graph panning, with manual_pan */
	int		 scroll_y;
	bool		 manual_pan;	/* the reader pans; else the picture
					   pans by itself (picture_graph) */
	int		 pan_x;		/* out: the panning drawn */
	int		 pan_y;
	int		 spread;	/* out: cells added to each gutter */
	bool		 show_hints;	/* key hints in the timeline bar */
	bool		 show_code;	/* the code panel */
	const char	*banner;	/* an error banner over the graph, or NULL */
	objid_t		 selected;	/* highlighted with every reference to
					   it, listed under the graph; or 0 */
	int		 narration_rows; /* rows for the narration; 0: what
					   this step's needs (see
					   picture_narration_rows) */
	bool		 animating;	/* the current event is being animated */
	int		 progress;	/* ... this far, 0..999 (anim.h) */
	int		 graph_x;	/* out: where the graph panel's top */
	int		 graph_y;	/*   left cell is on the canvas */
	const char	*speed;		/* the play speed, for the title bar
					   (the viewer's), or NULL */
	const uint8_t	*step_marks;	/* PICTURE_MARK_* of module step k
					   at [k], 1..scene step_total, or
					   NULL: plain ticks */
	const char	*differences;	/* two versions compared (the
					   viewer's v): lines for the step
					   panel, PICTURE_DIFF_ROWS of them
					   shown over the narration; or NULL */
};

/* The rows the differences of two versions take, while they are shown
 * (the same at every step, so the graph does not jump). */
#define PICTURE_DIFF_ROWS	3

/* What the timeline marks on a step's tick. */
#define PICTURE_MARK_PAUSE	0x01	/* the step is a pause: */
#define PICTURE_MARK_COLLECT	0x02	/* a collection runs in it */

/*
 * Draws the whole screen into c (its size is the screen's).  p gives the
 * code panel its statements.  Scenario text is drawn through the canvas,
 * so control characters are made visible.
 */
void		 picture_draw(struct canvas *c, const struct scene *s,
		    const struct layout *l, const struct program *p,
		    struct picture_options *o);

/*
 * Draws only the graph (boxes, slots, counts, edges) with its top left
 * at (x, y) of c, clipped to the w x h rectangle; o gives the selection,
 * the animation and the panning (NULL: none, panned by itself).  Only that
 * window is drawn, so the cost does not grow with the graph's size.
 *
 * On a panel wider than the graph needs, each gutter gets up to a few
 * more cells (o->spread).  Unless o->manual_pan, the graph pans by itself
 * so that what the moment touches (a box made, freed, counted, visited,
 * a slot set) is in view, column by column and a few rows at a time: a
 * function of the moment and the panel's size, never of the moments
 * before.  The frames stay pinned at the left (and at the top, when they
 * fit) while the objects pan; an arrow from a name to a box panned out of
 * view stops short.  A box is drawn whole or not at all; the last row
 * counts the boxes beyond each edge ("4 more ▸"), and a crowded scene
 * (scene.h) says how many objects are not drawn.  o->pan_x, o->pan_y and
 * o->spread say what was drawn.
 */
void		 picture_graph(struct canvas *c, const struct scene *s,
		    const struct layout *l, int x, int y, int w, int h,
		    struct picture_options *o);

/* The object whose box covers cell (x, y) of a screen drawn with o (its
 * graph_x, graph_y, pan_x, pan_y and spread), or OBJ_NULL: what a mouse
 * click picks. */
objid_t		 picture_object_at(const struct scene *s,
		    const struct layout *l, const struct picture_options *o,
		    int x, int y);

/* The module step whose tick on the timeline bar is nearest cell (x, y)
 * of a w x h screen drawn with o (NULL: the defaults), 1..s->step_total,
 * or 0 when (x, y) is not on the bar: what a click on it seeks to. */
uint32_t	 picture_timeline_step(const struct scene *s,
		    const struct picture_options *o, int w, int h, int x,
		    int y);

/* The narration rows that fit every step's say: of p at width w on a
 * screen of height h: a screen that keeps them steady from step to step
 * passes this as picture_options.narration_rows. */
int		 picture_narration_rows(const struct program *p, int w, int h);

/* The rows a screen of `height` rows drawn with o gives the graph panel
 * (banners aside), or 0 when o's narration rows are not fixed: what the
 * plan spreads tall columns to fit (scene_options.plan_rows). */
int		 picture_graph_rows(int height,
		    const struct picture_options *o);

/* The rows the screen needs at width w to show the whole graph of l and
 * every panel -- what `dump` uses as its height. */
int		 picture_full_height(const struct scene *s,
		    const struct layout *l, const struct program *p, int w);

#endif
