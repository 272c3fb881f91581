/*
 * timeline.h: the recorded run of a scenario.
 *
 * A scenario is run once, eagerly; the interpreter emits each event through
 * timeline_emit, which applies it to the heap and keeps it.  Afterwards the
 * viewer only seeks: timeline_seek applies or undoes events until the heap
 * stands just after a given event, so going back costs what going forward
 * costs, and nothing is ever re-executed.
 *
 * Steps: every executed statement (module-level or in a function body, one
 * per repetition) is a step record: where its events start, which written
 * step it runs, its depth, and what it printed.
 *
 * A timeline made with retain == false (for `trace`, which streams) keeps
 * step records' counters but drops events once the hook has seen them.
 */
#ifndef REFSCOPE_TIMELINE_H
#define REFSCOPE_TIMELINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/atom.h"
#include "base/limits.h"
#include "sim/event.h"
#include "sim/heap.h"

/* Its limits (TIMELINE_MAX_*) are in base/limits.h. */

struct timeline_step {
	uint64_t	 first_event;	/* index of its first event */
	uint64_t	 end_event;	/* one past its last event */
	uint32_t	 function;	/* 0: module; else 1 + program function */
	uint32_t	 source;	/* written step: index in steps or body */
	uint32_t	 depth;		/* 0 module level, else call depth */
	uint32_t	 repetition;	/* 0..repeat-1 */
	uint32_t	 parent;	/* enclosing module step's number (itself at depth 0) */
	uint32_t	 ordinal;	/* which module-level step it is or runs
					   inside, counting repetitions: 0 the
					   set-up, then 1, 2, ... (what the
					   viewer calls step k of n) */
	uint32_t	 output_offset;	/* its printed text in the text arena */
	uint32_t	 output_len;
};

/* A teacher's name for an object (a step's label:), given once `position`
 * events had been applied; it holds until the object gets another. */
struct timeline_label {
	uint64_t	 position;
	objid_t		 object;
	atom_t		 name;
};

struct timeline {
	struct event	*events;	/* owned */
	uint64_t	 event_count;	/* events emitted (kept or not) */
	uint64_t	 event_cap;
	bool		 retain;

	struct timeline_step *steps;	/* owned */
	uint32_t	 step_count;
	uint32_t	 step_cap;
	uint32_t	 module_steps;	/* records at depth 0, the set-up too */

	char		*text;		/* owned arena: printed output */
	size_t		 text_len;
	size_t		 text_cap;

	struct timeline_label *labels;	/* owned, in the order given (so by
					   position) */
	uint32_t	 label_count;
	uint32_t	 label_cap;

	/* Optional: sees each event right after it is applied. */
	void		(*on_event)(void *ctx, const struct heap *h,
			    const struct timeline *t, const struct event *ev);
	void		*ctx;
};

/* A new, empty timeline; caller owns it (timeline_free). */
struct timeline	*timeline_new(bool retain);
void		 timeline_free(struct timeline *t);

/* Opens a step record and returns its number (0-based); its end_event is
 * its first_event until timeline_end_step.  Returns UINT32_MAX, opening
 * nothing, once the set-up and TIMELINE_MAX_STEPS records exist. */
uint32_t	 timeline_begin_step(struct timeline *t, uint32_t function,
		    uint32_t source, uint32_t depth, uint32_t repetition,
		    uint32_t parent);
/* Closes step number `step` (sets its end). */
void		 timeline_end_step(struct timeline *t, uint32_t step);

/* Applies ev to h and records it (ev->step must be set by the caller).
 * Returns false when TIMELINE_MAX_EVENTS is reached (nothing applied). */
bool		 timeline_emit(struct timeline *t, struct heap *h,
		    const struct event *ev);

/* Appends printed text; returns its offset in the arena.  Pieces are
 * contiguous (a step's prints form one run); the arena is NUL-terminated
 * after its last piece only, so read a piece by offset and length. */
uint32_t	 timeline_add_text(struct timeline *t, const char *text,
		    size_t len);
static inline const char *
timeline_text(const struct timeline *t, uint32_t offset)
{
	return t->text + offset;
}

/* Records that object gets the label name from the current position
 * (t->event_count) on.  Returns false, recording nothing, once
 * TIMELINE_MAX_LABELS are recorded. */
bool		 timeline_add_label(struct timeline *t, objid_t object,
		    atom_t name);

/* The label of object at position, or ATOM_NONE. */
atom_t		 timeline_label_at(const struct timeline *t, objid_t object,
		    uint64_t position);

/* Moves h (which must have been built by this timeline's events) so that
 * exactly the first `position` events are applied.  Retained timelines only. */
void		 timeline_seek(const struct timeline *t, struct heap *h,
		    uint64_t position);

/* The step an event index falls in (binary search), for the viewer. */
uint32_t	 timeline_step_of(const struct timeline *t, uint64_t position);

#endif
