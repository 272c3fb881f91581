/*
 * event.h: the micro-event vocabulary (DESIGN §5).
 *
 * A statement becomes a sequence of events, each small enough to animate and
 * each undoable: event_apply moves the heap one event forward, event_undo one
 * back, and applying then undoing leaves the heap exactly as it was.
 *
 * The model is CPython's ownership discipline made visible.  A value being
 * computed lives on the evaluation stack, where it is a reference like any
 * other (that is why sys.getrefcount says one more).  So:
 *   - only ALLOC, INCREF and DECREF change a count; INCREF pushes a new
 *     reference onto the stack, DECREF removes one from the stack;
 *   - the structural events move a reference between the stack and a name,
 *     a slot or a constant table without changing any count: BIND takes the
 *     stack entry at position `aux` (removing it; later entries shift down)
 *     into a name and pushes the name's old reference on top (which a DECREF
 *     then drops), SLOT_REMOVE pushes a slot's reference, and so on.  Every
 *     event that moves a reference *off* the stack says from which position
 *     (`aux`), because CPython's opcodes take their operands from under the
 *     result they build (BUILD_LIST fills a list from the items below it);
 *     every reference moved *onto* the stack goes on top.
 * So the heap invariant (heap.h) holds after every single event.
 *
 * Fields by kind (object / owner / index / other / aux):
 *   ALLOC        new id     -           -            -           -
 *   INCREF       id         -           -            -           -
 *   DECREF       id         -           stack pos    -           -
 *   BIND         new id     frame       binding      old id      stack pos (flag APPEND: a new binding)
 *   UNBIND       old id     frame       binding      -           -
 *   SLOT_SET     new id     container   index        old id      stack pos (site ITEM, ATTR, DICT_VALUE)
 *   SLOT_INSERT  id         container   index        -           stack pos (site ITEM, ATTR: detail = name)
 *   SLOT_REMOVE  id         container   index        -           -     (site ITEM, ATTR)
 *   DICT_INSERT  key        dict        entry        value       stack pos of the key (the value just above it)
 *   DICT_REMOVE  key        dict        entry        value       -     (pushes key, then value)
 *   SET_ADD      key        set         table index  -           stack pos (flags WAS_DUMMY, RESIZED)
 *   SET_DISCARD  key        set         table index  -           -
 *   CONST_STORE  id         frame/fn    index        -           stack pos (site CONST or FUNC_CONST)
 *   CONST_DROP   id         frame/fn    index        -           -
 *   FRAME_PUSH   function   frame       stack pos    -           -
 *   FRAME_POP    function   frame       -            -           -
 *   FREE         id         -           -            -           -     (reason REFCOUNT or COLLECTOR)
 *   GC_TRACK     id         gen         -            -           -
 *   GC_UNTRACK   id         gen         -            old prev    -
 *   GC_MOVE      id         new gen     -            old prev    old gen (unlink, append to new gen)
 *   GC_MERGE     -          from gen    to gen       old to tail old from head/tail in detail/aux
 *   GC_BEGIN     -          generation  -            -           -     (counts before: see gc.c)
 *   GC_PHASE     -          phase       -            -           -
 *   GC_REFS      id         new refs    -            old refs    -
 *   GC_MARK      id         referrer    -            -           -     (flag set: REACHABLE)
 *   GC_UNREACHABLE id       -           -            -           -
 *   GC_END       -          generation  collected    uncollectable -
 *   GC_COUNT     -          generation  new count    old count   -
 *   GC_CONFIG    -          setting     new value    old value   -
 *   SAY          -          step        -            -           -
 *   OUTPUT       -          text offset text length  -           -
 */
#ifndef REFSCOPE_EVENT_H
#define REFSCOPE_EVENT_H

#include <stdint.h>

#include "base/strbuf.h"
#include "sim/heap.h"

enum event_kind {
	EV_ALLOC,
	EV_INCREF,
	EV_DECREF,
	EV_BIND,
	EV_UNBIND,
	EV_SLOT_SET,
	EV_SLOT_INSERT,
	EV_SLOT_REMOVE,
	EV_DICT_INSERT,
	EV_DICT_REMOVE,
	EV_SET_ADD,
	EV_SET_DISCARD,
	EV_CONST_STORE,
	EV_CONST_DROP,
	EV_FRAME_PUSH,
	EV_FRAME_POP,
	EV_FREE,
	EV_GC_TRACK,
	EV_GC_UNTRACK,
	EV_GC_MOVE,
	EV_GC_MERGE,
	EV_GC_BEGIN,
	EV_GC_PHASE,
	EV_GC_REFS,
	EV_GC_MARK,
	EV_GC_UNREACHABLE,
	EV_GC_END,
	EV_GC_COUNT,
	EV_GC_CONFIG,
	EV_SAY,
	EV_OUTPUT
};
#define EVENT_KIND_COUNT (EV_OUTPUT + 1)

/* Why an event happened; with the event's site and detail it becomes the
 * short human reason of DESIGN §5 ("bound to y", "argument n of my_fun"). */
enum event_reason {
	REASON_NONE,
	REASON_NEW,		/* alloc: a new object for an expression */
	REASON_CONSTANT,	/* alloc/incref: a constant of the code */
	REASON_LOAD,		/* incref: a name/item/attribute read */
	REASON_RESULT,		/* alloc/incref: the result of an operation */
	REASON_RETURN,		/* a function's return value */
	REASON_ARGUMENT,	/* bind: argument -> parameter (detail: function) */
	REASON_ARGUMENT_DONE,	/* decref: an argument no longer needed */
	REASON_OPERAND_DONE,	/* decref: an operand no longer needed */
	REASON_DISCARD,		/* decref: an expression statement's value */
	REASON_STORE,		/* bind/slot_set/insert: an assignment */
	REASON_REBIND,		/* decref: the old value of a name or slot */
	REASON_DELETE,		/* unbind/slot_remove/decref: del */
	REASON_METHOD,		/* a method changed a container (detail: method) */
	REASON_SCOPE_EXIT,	/* unbind/decref: a function's local at return */
	REASON_FRAME,		/* frame push/pop, a frame's function */
	REASON_STEP_END,	/* const_drop/decref: a step's constants */
	REASON_DEALLOC,		/* slot_remove/decref: a freed object drops what it held */
	REASON_REFCOUNT,	/* free: its count reached 0 */
	REASON_COLLECTOR,	/* free, slot clears: the cycle collector */
	REASON_REPEAT,		/* bind: the repeat: counter i */
	REASON_UNPACK,		/* tuple unpacking */
	REASON_GC		/* collector bookkeeping */
};

/* Flags of struct event. */
#define EVF_APPEND	0x01	/* BIND: created a new binding entry */
#define EVF_WAS_DUMMY	0x02	/* SET_ADD: reused a dummy entry */
#define EVF_RESIZED	0x04	/* SET_ADD: the table was resized after */
#define EVF_COUNTED	0x08	/* ALLOC/FREE: changed the gen-0 count */
#define EVF_TRACKED	0x10	/* ALLOC: the collector tracks it from birth */

/* Collector phases (GC_PHASE owner). */
enum gc_phase {
	GC_PHASE_MARK,			/* textbook */
	GC_PHASE_SWEEP,			/* textbook */
	GC_PHASE_UPDATE_REFS,		/* cpython */
	GC_PHASE_SUBTRACT_REFS,
	GC_PHASE_MOVE_UNREACHABLE,
	GC_PHASE_FINALIZE,
	GC_PHASE_DELETE,
	GC_PHASE_PROMOTE
};

/* Settings changed by GC_CONFIG (owner). */
enum gc_setting {
	GC_SETTING_ENABLED,
	GC_SETTING_THRESHOLD0,
	GC_SETTING_THRESHOLD1,
	GC_SETTING_THRESHOLD2
};

struct event {
	uint8_t		 kind;		/* enum event_kind */
	uint8_t		 reason;	/* enum event_reason */
	uint8_t		 site;		/* enum site_kind, where it applies */
	uint8_t		 flags;		/* EVF_* */
	uint32_t	 step;		/* the timeline step it belongs to */
	uint32_t	 object;
	uint32_t	 owner;
	uint32_t	 index;
	uint32_t	 other;
	uint32_t	 aux;
	uint32_t	 detail;	/* an atom (name, method, function) */
};

/* Moves h one event forward.  The event must be the next one (events are
 * applied in timeline order); violating its preconditions is a bug and
 * aborts. */
void		 event_apply(struct heap *h, const struct event *ev);

/* Moves h one event back: ev must be the last event applied. */
void		 event_undo(struct heap *h, const struct event *ev);

/* "alloc", "incref", ... as the trace spells them. */
const char	*event_kind_name(enum event_kind kind);

/* Appends the short human reason for ev ("bound to y", "argument n of
 * my_fun", "item [1] of #7 dropped"), describing names and slots from h as
 * it is just after ev was applied. */
void		 event_describe(const struct heap *h, const struct event *ev,
		    struct strbuf *out);

#endif
