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
 *   UNBIND       old id     frame       binding      -           -     (detail = the name)
 *   SLOT_SET     new id     container   index        old id      stack pos (site ITEM, ATTR, DICT_VALUE)
 *   SLOT_INSERT  id         container   index        -           stack pos (site ITEM, ATTR: detail = name)
 *   SLOT_REMOVE  id         container   index        -           -     (site ITEM, ATTR: detail = name; CLASS)
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
 *   GC_MERGE     -          from gen    to gen       old to tail old from head (old from tail in detail)
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
 *   ITER_MOVE    iterator   -           new cursor   old cursor  -
 *   INTERN       id         -           -            -           -
 *   FINALIZED    id         -           -            -           -
 *   WEAK_CLEAR   weakref    -           -            referent    -
 *   HASH         instance   -           hash (low)   hash (high) -
 *
 * The rules in detail (each is asserted on apply and undo):
 *   ALLOC pushes the new object with refcount 1 -- a class with 1 +
 *     its internal references (and its base's count goes up by
 *     HEAP_CLASS_BASE_REFS), and an instance's ALLOC also increfs its
 *     class (the instance's SITE_CLASS hold) and takes one slot of the
 *     class's shared-key room while more than one is left (EVF_SHRUNK,
 *     recorded on the first apply).  EVF_TRACKED: appended to
 *     generation 0's list; EVF_COUNTED: gens[0].count + 1.  FREE needs
 *     refcount 0, an untracked object (a GC_UNTRACK comes first) and not
 *     OBJF_CACHED; EVF_COUNTED: gens[0].count - 1.  A freed object's
 *     slots are still references until SLOT_REMOVE / DICT_REMOVE /
 *     SET_DISCARD / CONST_DROP (site FUNC_CONST) empty them; an instance
 *     gives up its class with SLOT_REMOVE of site CLASS (object = the
 *     class, after its attributes, as subtype_dealloc does), which sets
 *     its cls to OBJ_NULL.
 *   DECREF removes the stack entry at `index`, which must hold `object`.
 *   Every move off the stack takes the entry at `aux`, which must hold
 *     `object` (for DICT_INSERT: the key at aux, the value at aux + 1).
 *   BIND moves `aux` into binding `index` of frame `owner`, which must
 *     hold `other`, and pushes `other` unless OBJ_NULL.  EVF_APPEND
 *     (module frame): a new binding at index == name_count named
 *     `detail`, other == OBJ_NULL.
 *   UNBIND pushes binding `index` (== object) and removes it (module frame:
 *     the entry goes, later ones shift down; function frame: it becomes
 *     OBJ_NULL).  detail must be the binding's name (undo needs it).
 *   SLOT_SET moves `aux` into slot `index` of `owner` (site ITEM, ATTR,
 *     DICT_VALUE), which must hold `other`; pushes `other`.
 *   SLOT_INSERT moves `aux` into a new slot `index`: ITEM shifts later
 *     items right (index <= len); ATTR appends (index == count) attribute
 *     `detail`, and the class learns the name into its shared keys if it
 *     is new (EVF_LEARNED, recorded on the first apply), which takes one
 *     slot of its room (pyclass.usable, which must not be 0); the name
 *     __dict__ (an instance's real dict) is never learnt.
 *   SLOT_REMOVE pushes slot `index` (== object) and removes it: ITEM shifts
 *     left; ATTR removes attribute `detail` (required) shifting later ones;
 *     CLASS releases an instance's class.
 *   DICT_INSERT moves the key (== object) and the value (== other) into a
 *     new entry index == count, hashed with heap_hash.  DICT_REMOVE
 *     turns entry `index` (key == object, value == other) into a deleted
 *     entry (key OBJ_NULL, kept in place) and pushes key then value.
 *   SET_ADD moves `aux` (== object, hashable, not in the set) into the set
 *     as settable_add does.  The first apply records the table index,
 *     EVF_WAS_DUMMY and EVF_RESIZED (the caller may leave them 0); later
 *     applies check them.  A resize pushes the old table on the heap's
 *     saved-table stack and undo pops it back (so the table's number is
 *     implicit: at any position the stack is the same however the heap
 *     got there).  With EVF_CLEAN nothing is probed or recorded: the key
 *     goes to entry `index` (see EVF_CLEAN); undoing the last such add
 *     gives the set back its fresh table.
 *     SET_DISCARD pushes table entry `index` (== object), leaving a dummy.
 *   CONST_STORE moves `aux` into a constant table, appended (index ==
 *     const_count): site CONST, frame `owner`'s step constants; site
 *     FUNC_CONST, function `owner`'s co_consts (up to its const_cap).
 *     CONST_DROP pushes the last constant (index == const_count - 1) and
 *     removes it.
 *   FRAME_PUSH: frame number owner == frame_count for function `object`,
 *     all its locals unbound, taking the stack entry at `index` (== object)
 *     as the frame's hold.  FRAME_POP: the top frame, every local unbound;
 *     pushes its function.
 *   GC_TRACK appends to generation owner's list; GC_UNTRACK unlinks from
 *     generation owner (other == the previous object, OBJ_NULL at the
 *     head); GC_MOVE unlinks from generation aux (other == previous) and
 *     appends to generation owner.  GC_MERGE splices generation owner's
 *     list onto the end of generation index; the first apply records the
 *     old tail of `index` in other, and the old head and tail of `owner`
 *     in aux and detail (later applies check them).  GC_MOVE with owner
 *     == aux moves an object to the end of its own list.
 *   GC_REFS: gc_refs = (int32_t)owner, was (int32_t)other.  GC_MARK sets
 *     OBJF_REACHABLE and clears OBJF_UNREACHABLE (with EVF_CLEAR: clears
 *     both); GC_UNREACHABLE sets OBJF_UNREACHABLE and clears REACHABLE;
 *     the first apply records the old two bits in other (undo restores).
 *   GC_COUNT sets gens[owner].count; GC_CONFIG sets enum gc_setting owner
 *     (gc_enabled, a threshold, long_lived_total or long_lived_pending);
 *     both check that the old value is `other`.  FINALIZED sets
 *     OBJF_FINALIZED (tp_finalize has run: __del__ never runs twice).
 *     GC_BEGIN, GC_PHASE,
 *     GC_END, SAY, OUTPUT change nothing but h->position.
 *   ITER_MOVE sets an iterator's (or range_iterator's) cursor, pyiter.pos,
 *     which must be `other`, to `index`: next() moves it, so a seek back
 *     gives the iterator its place again.
 *   WEAK_CLEAR: a live weakref's referent (pyiter.weak), which must be
 *     `other`, becomes OBJ_NULL -- the weakref is dead, calling it gives
 *     None (clear_weakref); undo gives it back.  No count moves: a weak
 *     reference is not one.
 *   HASH: a live instance takes the hash its class's __hash__ gave
 *     (the 64 bits in index and other), its hash from then on; it had
 *     none (a __hash__ that changes its answer is refused), and undo
 *     takes it back.
 *   INTERN: a live str that no one shares becomes the interned one
 *     (sys.intern): OBJF_CACHED from now on, as the oracle counts an
 *     interned str; undo makes it an ordinary str again.
 *
 * Fields that only say where a reference came from or what it was for
 * (they feed event_describe, nothing else reads them):
 *   INCREF and DECREF may name the place of the reference in site / owner
 *   / aux, as the structural events do in site / owner / index: SITE_NAME
 *   with owner = frame and aux = binding; SITE_ITEM, ATTR, DICT_KEY,
 *   DICT_VALUE, SET, CLASS with owner = container id and aux = slot;
 *   SITE_FUNC_CONST with owner = function id and aux = constant number;
 *   SITE_CONST: a step constant.  detail is then the name involved: the
 *   name loaded, rebound, deleted or released, the attribute, the method
 *   (REASON_METHOD), or the function (REASON_CONSTANT, REASON_ARGUMENT).
 *   So after `del x` the DECREF is {REASON_DELETE, detail x}; when a
 *   freed list drops item 1 it is {REASON_DEALLOC, SITE_ITEM, owner =
 *   the list, aux = 1} ("item [1] of #7 dropped"); at a return it is
 *   {REASON_SCOPE_EXIT, SITE_NAME, owner = frame, detail = local}.
 */
#ifndef REFSCOPE_EVENT_H
#define REFSCOPE_EVENT_H

#include <stdbool.h>
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
	EV_OUTPUT,
	EV_ITER_MOVE,
	EV_INTERN,
	EV_FINALIZED,
	EV_WEAK_CLEAR,
	EV_HASH
};
#define EVENT_KIND_COUNT (EV_HASH + 1)

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
	REASON_GC,		/* collector bookkeeping */
	REASON_GC_COPY,		/* gc_refs: copied from the count */
	REASON_GC_INTERNAL,	/* gc_refs: one less, a reference from inside
				   (index: the referrer) */
	REASON_GC_REACHED,	/* gc_refs: 1, reached from a survivor
				   (index: the referrer) */
	REASON_GC_TENTATIVE	/* unreachable for now: gc_refs is 0 */
};

/* Flags of struct event. */
#define EVF_APPEND	0x01	/* BIND: created a new binding entry */
#define EVF_WAS_DUMMY	0x02	/* SET_ADD: reused a dummy entry */
#define EVF_RESIZED	0x04	/* SET_ADD: the table was resized after */
#define EVF_COUNTED	0x08	/* ALLOC/FREE: changed the gen-0 count */
#define EVF_TRACKED	0x10	/* ALLOC: the collector tracks it from birth */
#define EVF_LEARNED	0x20	/* SLOT_INSERT ATTR: the class learnt the
				   name (recorded by the first apply) */
#define EVF_SHRUNK	0x20	/* ALLOC of an instance: its class's shared
				   keys gave up one slot of room (recorded
				   by the first apply) */
#define EVF_CLEAN	0x80	/* SET_ADD: set_insert_clean at `index` into a
				   table of mask `other` (an empty table of mask
				   `detail` is first resized to it): how
				   set_merge fills a new set */
#define EVF_RESCUE	0x01	/* GC_MARK: move_unreachable finds a tentatively
				   unreachable object reachable: gc_refs 1, and
				   it goes to the end of its list (first apply
				   records old gc_refs in index, old prev in
				   aux) */
#define EVF_CLEAR	0x40	/* GC_MARK: clear both marks instead */

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
	GC_SETTING_THRESHOLD2,
	GC_SETTING_LONG_LIVED_TOTAL,	/* CPython's full-collection heuristic */
	GC_SETTING_LONG_LIVED_PENDING
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

/* The first application of a new event (timeline_emit calls it): applies
 * ev and records in it what only applying can tell -- SET_ADD's index and
 * flags, SLOT_INSERT's EVF_LEARNED, GC_MERGE's other/aux/detail, GC_MARK's
 * and GC_UNREACHABLE's other -- so that event_apply can replay it and
 * event_undo reverse it. */
void		 event_apply_first(struct heap *h, struct event *ev);

/* Moves h one event back: ev must be the last event applied. */
void		 event_undo(struct heap *h, const struct event *ev);

/* "mark", "update_refs", ... for a GC_PHASE's owner. */
const char	*gc_phase_name(uint32_t phase);

/* "alloc", "incref", ... as the trace spells them. */
const char	*event_kind_name(enum event_kind kind);

/*
 * ---- reading an event ----
 *
 * What an event changes, for those who show or write it (view/, writer/):
 * they read this rather than the fields above, whose meaning depends on
 * the kind.  The evaluation stack is left out: every reference an event
 * adds or takes away comes from the stack or goes to it (DECREF and
 * INCREF change only the stack), except an ALLOC's, which come with the
 * new object and their counts (an instance's hold on its class).
 * tests/check_event.c checks each reading against what applying the
 * event does to the heap, on every event of every scenario.
 */

/* A reference an event adds or takes away. */
struct event_ref {
	uint8_t		 site;		/* enum site_kind: SITE_NAME, SITE_CONST
					   and SITE_FRAME_FUNC are held by a
					   frame, the others by an object */
	uint32_t	 holder;	/* that frame's number, or object's id */
	uint32_t	 slot;		/* where, as heap_ref's index: item,
					   entry, table index, attribute,
					   binding, constant (0: CLASS,
					   FRAME_FUNC) */
	objid_t		 target;	/* what it refers to */
};

/* What a collection is at, for GC_BEGIN, GC_PHASE and GC_END. */
enum event_collection {
	EVENT_COLLECTION_NONE,
	EVENT_COLLECTION_BEGIN,		/* of `generation` */
	EVENT_COLLECTION_PHASE,		/* `phase` begins */
	EVENT_COLLECTION_END		/* `collected`, `uncollectable` */
};

#define EVENT_NO_FRAME		UINT32_MAX
#define EVENT_NO_SETTING	UINT32_MAX
#define EVENT_NO_GEN		UINT32_MAX
#define EVENT_NO_PHASE		UINT32_MAX
#define EVENT_ANY_SLOT		UINT32_MAX

struct event_reading {
	objid_t		 subject;	/* the object it is about, or OBJ_NULL */

	/* objects */
	objid_t		 born;		/* ALLOC: alive, with its first count */
	objid_t		 freed;		/* FREE */
	bool		 by_collector;	/* FREE: the cycle collector freed it */
	objid_t		 count_up;	/* INCREF: one more count; ALLOC of a
					   subclass: its base, count_by more */
	int32_t		 count_by;	/* how much count_up goes up: 1, or
					   HEAP_CLASS_BASE_REFS */
	objid_t		 count_down;	/* DECREF: one less */

	/* references (in heap_visit_refs order: a key before its value) */
	struct event_ref added[2];
	struct event_ref removed[2];
	uint8_t		 added_count;
	uint8_t		 removed_count;
	bool		 reordered;	/* SET_ADD laid the set's table out
					   anew (a resize, or set_merge filling
					   a new set): read its order from the
					   heap (after a resize the slot is
					   where the key went before it) */

	/* frames */
	uint32_t	 frame_pushed;	/* its number, or EVENT_NO_FRAME */
	uint32_t	 frame_popped;

	/* the collector */
	objid_t		 regen;		/* its generation changes, or whether
					   it is tracked */
	bool		 regen_all;	/* a generation merged into another */
	objid_t		 gc_object;	/* its gc_refs or marks change */
	bool		 gc_refs_set;	/* GC_REFS: gc_refs becomes gc_refs */
	int32_t		 gc_refs;
	bool		 rescued;	/* GC_MARK: reachable after all, so
					   gc_refs 1, and to its list's end */
	bool		 unreachable;	/* ... marked unreachable */
	bool		 tentative;	/* ... for now: gc_refs is 0 */
	objid_t		 gc_from;	/* the object whose references the
					   collector follows to gc_object (a
					   reference inside, a reach from a
					   survivor, a mark); gc_object itself
					   when it is visited (a count copied,
					   found tentatively unreachable);
					   OBJ_NULL: none, or a frame's name */
	bool		 gc_from_frames; /* a root marked from a frame's
					   binding number gc_via */
	uint32_t	 gc_via;	/* the slot of gc_from (heap_ref's
					   index) or binding followed, or
					   EVENT_ANY_SLOT: any reference to
					   gc_object */
	uint32_t	 gen_counted;	/* the generation whose count changes
					   (an ALLOC or FREE of a counted
					   object, GC_COUNT), or EVENT_NO_GEN */
	int32_t		 gen_change;	/* by how much */
	enum event_collection collection;
	uint32_t	 generation;	/* BEGIN, END: the one collected */
	uint32_t	 phase_number;	/* PHASE: an enum gc_phase, or
					   EVENT_NO_PHASE */
	uint32_t	 collected;	/* END */
	uint32_t	 uncollectable;	/* END */
	const char	*phase;		/* PHASE: its name (gc_phase_name) */
	uint32_t	 setting;	/* GC_CONFIG: an enum gc_setting, or
					   EVENT_NO_SETTING */
	uint32_t	 setting_value;	/* its new value */

	/* an iterator's cursor */
	objid_t		 iter_moved;	/* ITER_MOVE: the iterator, or OBJ_NULL */
	int64_t		 iter_pos;	/* its new cursor (pyiter.pos) */
	/* INTERN: the str that became the interned one */
	objid_t		 interned;
	/* WEAK_CLEAR: the weakref that let go of its referent (its weak
	 * reference, drawn apart: heap_weak_target) */
	objid_t		 weak_cleared;
	objid_t		 weak_referent;

	/* what the program printed */
	bool		 output;
	uint32_t	 text_at;	/* timeline_text(t, text_at) */
	uint32_t	 text_len;	/* bytes */
};

/* Whether ref is held by a frame (a name, a step constant, a frame's
 * function) rather than by an object. */
bool		 event_ref_in_frame(const struct event_ref *ref);

/* Reads ev into *r.  h serves for an ALLOC's hold on its class, read from
 * the instance (which holds it from just before the ALLOC until its
 * SLOT_REMOVE of site CLASS); NULL leaves that reference out. */
void		 event_read(const struct heap *h, const struct event *ev,
		    struct event_reading *r);

/*
 * Parts of the reading on their own, for the viewer's scans back over
 * a step or a whole timeline at each frame, where a whole reading of every
 * event would cost more than the frame.
 */

/* What a collection is at with ev: event_read's collection. */
static inline enum event_collection
event_collection(const struct event *ev)
{
	switch (ev->kind) {
	case EV_GC_BEGIN:
		return EVENT_COLLECTION_BEGIN;
	case EV_GC_PHASE:
		return EVENT_COLLECTION_PHASE;
	case EV_GC_END:
		return EVENT_COLLECTION_END;
	default:
		return EVENT_COLLECTION_NONE;
	}
}

/* The collector phase ev begins, an enum gc_phase, or EVENT_NO_PHASE
 * (event_read's phase_number). */
static inline uint32_t
event_phase(const struct event *ev)
{
	return ev->kind == EV_GC_PHASE ? ev->owner : EVENT_NO_PHASE;
}

/* The class an instance gives up with ev (its SLOT_REMOVE of site CLASS,
 * as a freed instance is emptied), *instance being the instance; or
 * OBJ_NULL (event_read's removed reference of site SITE_CLASS). */
static inline objid_t
event_class_released(const struct event *ev, objid_t *instance)
{
	if (ev->kind != EV_SLOT_REMOVE || ev->site != SITE_CLASS)
		return OBJ_NULL;
	*instance = ev->owner;
	return ev->object;
}

/* Whether ev printed text, and where it is: timeline_text(t, *at), *len
 * bytes (event_read's output, text_at and text_len). */
static inline bool
event_output(const struct event *ev, uint32_t *at, uint32_t *len)
{
	if (ev->kind != EV_OUTPUT)
		return false;
	*at = ev->owner;
	*len = ev->index;
	return true;
}

/* Appends the short human reason for ev ("bound to y", "argument n of
 * my_fun", "item [1] of #7 dropped"), describing names and slots from h as
 * it is just after ev was applied. */
void		 event_describe(const struct heap *h, const struct event *ev,
		    struct strbuf *out);

#endif
