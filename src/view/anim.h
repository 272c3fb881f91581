/*
 * anim.h: how one event is animated -- a few moments between the picture
 * before it and the picture after it.
 *
 * An event's animation runs from 0 to 1000 (thousandths of its time).
 * An event that takes something away -- a name unbound, a slot emptied or
 * rebound, a frame popped -- first shows the moment before it with that
 * thing fading and its arrow shrinking back into its slot
 * (scene_build_ahead); then every event shows the moment after it with
 * what it brought growing in: an arrow drawn from its slot to its target,
 * a new box brightening, a count showing "+1" then "2→3", a freed box
 * flashing and fading to an outline, a frame sliding in.  At 1000 the
 * picture is settled: the one `dump` prints.
 *
 * The viewer, `export --cast` and the benchmark draw through anim_draw, so
 * all three show the same frames.
 */
#ifndef REFSCOPE_ANIM_H
#define REFSCOPE_ANIM_H

#include <stdbool.h>
#include <stdint.h>

#include "lang/program.h"
#include "sim/heap.h"
#include "sim/timeline.h"
#include "view/canvas.h"
#include "view/layout.h"
#include "view/picture.h"
#include "view/scene.h"

#define ANIM_SETTLED	1000

/* One frame of an animation: the heap position to draw, whether to draw
 * it as the moment ahead of the next event, and how far that part of the
 * animation has run (0..999; ANIM_SETTLED: not animating). */
struct anim_moment {
	uint64_t	 position;
	bool		 ahead;
	int		 progress;
};

/* Whether event ev has a part before it (something fades away first). */
bool		 anim_takes_away(const struct event *ev);

/* The moment `permille` (0..1000) through the animation of the event that
 * brings the heap to `position` (>= 1) of t. */
struct anim_moment anim_moment_at(const struct timeline *t, uint64_t position,
		    int permille);

/*
 * Draws the whole screen into c (its size is the screen's) at moment
 * `permille` of the animation of the event that brought h to its position;
 * permille >= ANIM_SETTLED (or position 0) draws the settled picture.  h is
 * moved as needed and put back where it was.  po gives panning, selection
 * and banner; its animation fields and graph origin are set here.
 */
void		 anim_draw(struct canvas *c, struct heap *h,
		    const struct timeline *t, const struct program *p,
		    struct layout *l, const struct scene_options *so,
		    struct picture_options *po, int permille);

#endif
