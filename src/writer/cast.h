/*
 * cast.h: `refscope export --cast` -- the viewer's animation as an
 * asciicast v2 recording (one JSON header line, then one
 * [seconds, "o", text] line per frame), for teachers to publish.
 *
 * The frames are the viewer's own (anim_draw), played from step 1 to the
 * end on a steady clock: every event takes the same time, each step's end
 * holds a moment for its narration, a pause: step holds longer.  After
 * the first frame only the rows that changed are sent.
 */
#ifndef REFSCOPE_CAST_H
#define REFSCOPE_CAST_H

#include <stdbool.h>
#include <stdio.h>

#include "base/diag.h"
#include "lang/program.h"
#include "sim/heap.h"
#include "sim/timeline.h"

/* The clock, in milliseconds. */
#define CAST_FRAME_MS	80	/* each of an event's animated frames */
#define CAST_FRAMES	4	/* animated frames per event */
#define CAST_SETTLE_MS	180	/* the settled picture, before the next */
#define CAST_STEP_MS	1200	/* extra at the end of a module step */
#define CAST_PAUSE_MS	2500	/* extra at the end of a pause: step */

/* The largest terminal recorded (--width, --height), in cells. */
#define CAST_MAX_SIZE	1000

struct cast_options {
	int	 width;		/* the terminal recorded, in cells */
	int	 height;
	bool	 ascii;		/* ASCII drawing only */
};

/*
 * Writes the recording of the run (h and t, made from p with a retained
 * timeline) to out.  A recording longer than WRITER_MAX_CAST (writer/budget.h)
 * stops there, and a located message saying so is appended to *errors.
 * It stops too at the first write error.  h is left where the recording
 * stopped.  Returns 0, or -1 when writing failed (out's error flag is set).
 */
int	cast_write(FILE *out, const struct program *p, struct heap *h,
	    const struct timeline *t, const struct cast_options *o,
	    struct diag **errors);

#endif
