/*
 * scene.h: one moment of a run, as something to draw -- the view model.
 *
 * A scene is built from the heap as it stands at a timeline position (the
 * viewer seeks there first) plus the event that brought it there: it lists
 * the frames with their names, the objects with their slots, the references
 * between them, and what the current event changed (a count that went up
 * or down, an arrow just drawn, an object just freed, the collector's
 * marks).  It knows nothing of positions on the screen (layout.h) or of
 * terminals (tui.c); the same scene feeds the viewer and `refscope dump`.
 *
 * All strings in a scene live in its own arena and die with it.
 */
#ifndef REFSCOPE_SCENE_H
#define REFSCOPE_SCENE_H

#include <stdbool.h>
#include <stdint.h>

#include "lang/program.h"
#include "sim/event.h"
#include "sim/heap.h"
#include "sim/timeline.h"

/* Node flags. */
#define SCENE_CACHED	0x0001	/* a shared object: drawn apart, never freed */
#define SCENE_NEW	0x0002	/* allocated by the current event */
#define SCENE_FREED	0x0004	/* freed by the current event */
#define SCENE_MARKED	0x0008	/* collector: reachable (this collection
					   said so: an event, never a guess) */
#define SCENE_UNREACHABLE 0x0010 /* collector: unreachable (ditto) */
#define SCENE_TENTATIVE	0x0020	/* collector: unreachable for now */
#define SCENE_GC_REFS	0x0040	/* show gc_refs: this collection has
					   computed it, and is still counting */
#define SCENE_CHANGED	0x0080	/* the current event touched it */
#define SCENE_GARBAGE	0x0100	/* alive but reachable from no frame */
#define SCENE_DOOMED	0x0200	/* a frame the next event pops */
#define SCENE_SWEPT	0x0400	/* textbook sweep: already passed over */
#define SCENE_VISITING	0x0800	/* collector: following its references now */
#define SCENE_IMMORTAL	0x1000	/* PEP 683 (3.12 on): its count never moves */

enum scene_node_kind {
	SCENE_FRAME,		/* a frame: its slots are its names */
	SCENE_OBJECT
};

/* What a slot is: a name or an object's reference, or a frame's quieter
 * holds -- the constants of the code it runs (one strip listing their
 * values, no arrow: target OBJ_NULL), a value on the evaluation stack (a
 * temporary, an argument being passed). */
enum scene_slot_kind {
	SCENE_SLOT_REF,
	SCENE_SLOT_CONST,
	SCENE_SLOT_TEMP,
	SCENE_SLOT_WEAK		/* a weakref's referent: an arrow of its own
				   (dashed), which no count includes; the
				   weakref's last slot */
};

/* Frame slots' indexes: a name's binding index, or one of these plus the
 * constant's or the stack entry's. */
#define SCENE_CONST_INDEX	0x40000000u
#define SCENE_TEMP_INDEX	0x80000000u
#define SCENE_FRAME_OBJ_INDEX	0x3fffffffu	/* a frame's frame object */

struct scene_slot {
	const char	*label;		/* "x", "[0]", "['k']", ".next", "{1}" */
	objid_t		 target;	/* OBJ_NULL: nothing (an unbound local) */
	uint32_t	 index;		/* the binding or reference index */
	uint8_t		 kind;		/* enum scene_slot_kind */
	uint8_t		 site;		/* objects: the reference's site */
	bool		 changed;	/* the current event set it */
	bool		 doomed;	/* the next event removes it (ahead) */
};

struct scene_node {
	enum scene_node_kind kind;
	objid_t		 id;		/* objects */
	uint32_t	 frame;		/* frames: their number */
	const char	*type;		/* "list", "int"; frames: "<module>", "f" */
	const char	*value;		/* a short repr; NULL for containers */
	const char	*label;		/* the scenario's name for it (label:),
					   or NULL */
	int32_t		 refcount;
	int32_t		 delta;		/* +1 / -1 from the current event */
	int32_t		 gc_refs;
	uint8_t		 gen;		/* when tracked */
	bool		 tracked;
	uint16_t	 flags;		/* SCENE_* */
	struct scene_slot *slots;
	uint32_t	 slot_count;	/* slots shown */
	uint32_t	 folded;	/* slots hidden after slots[fold_at - 1] */
	uint32_t	 fold_at;
	uint32_t	 hidden;	/* references to it drawn as no arrow: */
	uint32_t	 hidden_class;	/* ... instances' holds on their class,
					   the rest: a folded slot, a holder
					   not drawn, a running frame's hold
					   on its function */
	uint32_t	 hidden_own;	/* ... and a class's own (its __mro__,
					   two descriptors, a __class__ cell;
					   its subclasses' holds on it) */
	uint32_t	 hidden_const;	/* ... and a code's constants: listed
					   on their frame's strip, or held by
					   a constant (a tuple's items) */
};

/* The references to n that its box lists as not drawn: with its arrows,
 * its whole count. */
static inline uint32_t
scene_hidden(const struct scene_node *n)
{
	return n->hidden + n->hidden_class + n->hidden_own + n->hidden_const;
}

struct scene {
	struct scene_node *nodes;	/* frames first, then objects by id */
	uint32_t	 node_count;
	uint32_t	 frame_count;

	/* what is around the graph */
	const char	*title;
	const char	*section;	/* may be NULL */
	const char	*gc_model;	/* "cpython", "textbook", "off" */
	const char	*python;	/* the CPython version modelled: "3.11" */
	uint32_t	 step;		/* current module-level step (1-based,
					   a repetition counts), 0 before */
	uint32_t	 step_total;	/* module-level steps executed */
	uint64_t	 event;		/* events applied */
	uint64_t	 event_total;
	const char	*code;		/* the current statement, or NULL */
	const char	*narration;	/* the current step's say:, or NULL */
	const char	*reason;	/* what the last event did, or NULL */
	const char	*output;	/* the last SCENE_OUTPUT_LINES lines
					   printed so far, or NULL */
	bool		 prints;	/* the run prints something at all:
					   the picture keeps an output area */
	const char	*gc_phase;	/* during a collection, or NULL */
	const char	*gc_doing;	/* ... the phase in plain words */
	const char	*gc_function;	/* ... CPython's function for it, or
					   NULL (the textbook model) */
	/* the generations (the cpython model's strip): counts, thresholds,
	   and how the current event changed a count (+1, -1, 0) */
	uint32_t	 gen_count[GEN_COUNT];
	uint32_t	 gen_threshold[GEN_COUNT];
	int8_t		 gen_delta[GEN_COUNT];
	uint32_t	 undrawn;	/* live objects not drawn: what only
					   folded slots hold, and any over
					   max_objects */
	bool		 crowded;	/* max_objects were drawn, not all */
	bool		 ahead;		/* built by scene_build_ahead */
	bool		 settled;	/* a step's end: its net effect */

	struct scene_arena *arena;	/* owned */
};

/* The printed lines a scene keeps: what an output area can show. */
#define SCENE_OUTPUT_LINES	4

/* The objects a scene draws at most, by default: more is no picture. */
#define SCENE_MAX_OBJECTS	400

struct scene_options {
	uint32_t	 max_slots;	/* fold containers longer than this */
	uint32_t	 max_objects;	/* draw no more objects than this */
	bool		 show_cached;	/* draw shared objects (default true) */
	bool		 show_constants; /* a function's co_consts */
	bool		 micro;		/* the last event even at a step's
					   end (an animation's moments) */
	int		 plan_rows;	/* the rows the screen gives the graph:
					   the plan (plan.h) spreads a column
					   that would be taller over several
					   side by side; 0: no limit */
};

/* The defaults: fold after 8 slots, at most SCENE_MAX_OBJECTS objects,
 * shared objects and functions' constants shown.  0 for max_slots or
 * max_objects: no limit. */
void		 scene_options_default(struct scene_options *o);

/*
 * Builds the scene for h, which must stand at timeline position
 * h->position of t (the last event applied, if any, is t's event
 * h->position - 1).  t must retain its events.  *s is overwritten; free it
 * with scene_free.
 *
 * At the end of a step (unless o->micro) the scene is settled: it shows
 * the step's net effect, not its last event -- each count the step
 * changed as "before→now", what it made new, what it freed (that was
 * there before it), the slots it set, and that effect in words as the
 * reason.  Elsewhere it shows what the last event did.
 */
void		 scene_build(struct scene *s, const struct heap *h,
		    const struct timeline *t, const struct program *p,
		    const struct scene_options *o);
void		 scene_free(struct scene *s);

/*
 * The moment just before event h->position of t (which must exist): the
 * heap as it stands, with what that event is about to remove marked
 * doomed (a name or slot losing its arrow, a frame about to pop), and the
 * title, code and reason of that event.  An animation shows this first
 * for events that take something away (anim.h).  Free with scene_free.
 */
void		 scene_build_ahead(struct scene *s, const struct heap *h,
		    const struct timeline *t, const struct program *p,
		    const struct scene_options *o);

/* Whether the viewer shows ref come and go: a name's or a slot's arrow,
 * not an instance's hold on its class, a constant or a frame's hold on its
 * function. */
bool		 scene_ref_animated(const struct event_ref *ref);

/* The node of object id, or NULL when the scene does not show it. */
const struct scene_node *scene_find(const struct scene *s, objid_t id);

#endif
