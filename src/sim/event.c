/*
 * event.c: applying and undoing micro-events, and saying why they happened.
 *
 * Every event is a small, exactly reversible change; the rules are listed
 * in event.h.  apply and undo check each rule before they touch anything,
 * so a wrong event aborts at the event that is wrong, with what was
 * expected, rather than corrupting a heap that a later seek would trip
 * over.  Those checks are the interpreter's contract, not input
 * validation: a scenario can never make one fail.
 *
 * What an event needs to be undone is in the event itself, with three
 * exceptions that only the first application can know (event_apply_first
 * records them into the event): where settable_add put a key and whether
 * it resized (the old table goes on the heap's saved-table stack, so
 * redo and undo stay symmetric), whether a class learnt an attribute
 * name, and the list boundaries of a generation merge.
 *
 * Each kind is one row of the table at the end of the file: its name,
 * how it applies and how it is undone; a new kind is a new row, not a
 * case in two switches.  event_describe is data too: a table of
 * templates, the first row matching (kind, reason, site, what fields are
 * set) wins.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/atom.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "sim/event.h"
#include "sim/heap.h"
#include "py/settable.h"

/* ---- checking ---- */

static _Noreturn void
event_fail(const struct heap *h, const struct event *ev, bool undo,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* A broken rule is a bug in whoever emitted the event: say which event and
 * which rule, then stop (abort keeps the core and the sanitizers' report). */
static _Noreturn void
event_fail(const struct heap *h, const struct event *ev, bool undo,
    const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "refscope: bug: %s of event %" PRIu64 " (%s object=%"
	    PRIu32 " owner=%" PRIu32 " index=%" PRIu32 " other=%" PRIu32
	    " aux=%" PRIu32 " site=%u flags=%#x): ", undo ? "undo" : "apply",
	    undo ? h->position - 1 : h->position, event_kind_name(ev->kind),
	    ev->object, ev->owner, ev->index, ev->other, ev->aux,
	    (unsigned)ev->site, (unsigned)ev->flags);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

#define REQUIRE(cond, ...) do {						\
	if (!(cond))							\
		event_fail(h, ev, undo, __VA_ARGS__);			\
} while (0)

/* The record of id, which must exist (not necessarily alive). */
static struct object *
object_of(struct heap *h, const struct event *ev, bool undo, objid_t id)
{
	REQUIRE(id != OBJ_NULL && id < h->object_count, "no object #%" PRIu32,
	    id);
	return heap_object(h, id);
}

/* The record of id, which must be of type type and ALIVE (or, with
 * freed_too, FREED). */
static struct object *
typed_object(struct heap *h, const struct event *ev, bool undo, objid_t id,
    enum obj_type type, bool freed_too)
{
	struct object *o = object_of(h, ev, undo, id);

	REQUIRE(o->type == type, "#%" PRIu32 " is a %s", id,
	    heap_type_name(h, id));
	REQUIRE(o->state == OBJ_ALIVE || (freed_too && o->state == OBJ_FREED),
	    "#%" PRIu32 " is not alive", id);
	return o;
}

/* The record of id, an instance or a class (the owners of attributes),
 * ALIVE (or, with freed_too, FREED). */
static struct object *
attr_owner(struct heap *h, const struct event *ev, bool undo, objid_t id,
    bool freed_too)
{
	struct object *o = object_of(h, ev, undo, id);

	REQUIRE(o->type == OBJ_INSTANCE || o->type == OBJ_CLASS, "#%" PRIu32
	    " has no attributes (a %s)", id, heap_type_name(h, id));
	REQUIRE(o->state == OBJ_ALIVE || (freed_too && o->state == OBJ_FREED),
	    "#%" PRIu32 " is not alive", id);
	return o;
}

/* Removes the stack's top, which must be id. */
static void
pop_top(struct heap *h, const struct event *ev, bool undo, objid_t id)
{
	REQUIRE(h->stack_len > 0 && h->stack[h->stack_len - 1] == id,
	    "the stack's top is #%" PRIu32 ", not #%" PRIu32,
	    h->stack_len > 0 ? h->stack[h->stack_len - 1] : 0, id);
	(void)heap_stack_remove(h, h->stack_len - 1);
}

/* Takes the stack entry at position `at` (a move's source), which must be
 * id; the entries above it shift down. */
static void
take_at(struct heap *h, const struct event *ev, bool undo, uint32_t at,
    objid_t id)
{
	REQUIRE(at < h->stack_len && h->stack[at] == id,
	    "stack entry %" PRIu32 " is #%" PRIu32 ", not #%" PRIu32, at,
	    at < h->stack_len ? h->stack[at] : 0, id);
	(void)heap_stack_remove(h, at);
}

/* Undoes take_at. */
static void
put_at(struct heap *h, const struct event *ev, bool undo, uint32_t at,
    objid_t id)
{
	REQUIRE(at <= h->stack_len, "no stack position %" PRIu32, at);
	heap_stack_insert(h, at, id);
}

static struct frame *
frame_of(struct heap *h, const struct event *ev, bool undo, uint32_t number)
{
	REQUIRE(number < h->frame_count, "no frame %" PRIu32, number);
	return heap_frame(h, number);
}

static bool
all_unbound(const struct frame *f)
{
	uint32_t i;

	for (i = 0; i < f->name_count; i++) {
		if (f->names[i].value != OBJ_NULL)
			return false;
	}
	return true;
}

/* The slot that SLOT_SET names (site ITEM, ATTR or DICT_VALUE). */
static objid_t *
slot_of(struct heap *h, const struct event *ev, bool undo)
{
	struct object *o = object_of(h, ev, undo, ev->owner);

	REQUIRE(o->state == OBJ_ALIVE, "#%" PRIu32 " is not alive", ev->owner);
	switch (ev->site) {
	case SITE_ITEM:
		REQUIRE(o->type == OBJ_LIST || o->type == OBJ_TUPLE,
		    "#%" PRIu32 " has no items", ev->owner);
		REQUIRE(ev->index < o->as.seq->len, "no item %" PRIu32,
		    ev->index);
		return &o->as.seq->items[ev->index];
	case SITE_ATTR:
		REQUIRE(o->type == OBJ_INSTANCE || o->type == OBJ_CLASS,
		    "#%" PRIu32 " has no attributes", ev->owner);
		REQUIRE(ev->index < heap_attrs(h, ev->owner)->count,
		    "no attribute %" PRIu32, ev->index);
		return &((struct pyinstance *)heap_attrs(h,
		    ev->owner))->attrs[ev->index].value;
	case SITE_DICT_VALUE:
		REQUIRE(o->type == OBJ_DICT, "#%" PRIu32 " is no dict",
		    ev->owner);
		REQUIRE(ev->index < o->as.dict->count &&
		    o->as.dict->entries[ev->index].key != OBJ_NULL,
		    "no entry %" PRIu32, ev->index);
		return &o->as.dict->entries[ev->index].value;
	default:
		REQUIRE(false, "site %u has no slot to set",
		    (unsigned)ev->site);
	}
	return NULL;
}

static pyhash_t
hash_of(struct heap *h, const struct event *ev, bool undo, objid_t id)
{
	pyhash_t hash = 0;

	REQUIRE(heap_hash(h, id, &hash), "#%" PRIu32 " (%s) is unhashable",
	    id, heap_type_name(h, id));
	return hash;
}

static bool
set_equal(void *ctx, uint32_t stored, uint32_t probe)
{
	return heap_equal(ctx, stored, probe);
}

static int32_t
initial_refcount(const struct object *o)
{
	return o->type == OBJ_CLASS ? 1 + o->as.cls->internal : 1;
}

#define MARKS	(OBJF_REACHABLE | OBJF_UNREACHABLE)

/* The attribute name of an instance's real dict, never a shared key. */
static atom_t
dict_name(void)
{
	/* not cached: the atom table is reset between runs in the tests */
	return atom_from("__dict__");
}

static bool
class_knows(const struct heap *h, objid_t cls, atom_t name)
{
	const struct pyclass *c = heap_object(h, cls)->as.cls;
	uint32_t i;

	for (i = 0; i < c->key_count; i++) {
		if (c->keys[i] == name)
			return true;
	}
	return false;
}

/* ---- apply and undo ---- */

/* One kind's move forward or back: undo says which way (it is also what
 * REQUIRE reports), record is the event itself on its first application
 * (see event_apply_first), NULL otherwise. */
typedef void event_fn(struct heap *h, const struct event *ev, bool undo,
    struct event *record);

static void
alloc_apply(struct heap *h, const struct event *ev, bool undo,
    struct event *record)
{
	struct object *o = object_of(h, ev, undo, ev->object), *c;

	REQUIRE(o->state == OBJ_UNBORN, "#%" PRIu32 " already exists",
	    ev->object);
	if (o->type == OBJ_INSTANCE && o->as.inst->cls != OBJ_NULL) {
		c = typed_object(h, ev, undo, o->as.inst->cls, OBJ_CLASS,
		    false);
		c->refcount++;
		if (record != NULL && c->as.cls->usable > 1)
			record->flags |= EVF_SHRUNK;
		REQUIRE(!(ev->flags & EVF_SHRUNK) || c->as.cls->usable > 1,
		    "class #%" PRIu32 " has no room to give",
		    o->as.inst->cls);
		if (ev->flags & EVF_SHRUNK)
			c->as.cls->usable--;
	}
	if (o->type == OBJ_CLASS && o->as.cls->base != OBJ_NULL) {
		c = typed_object(h, ev, undo, o->as.cls->base, OBJ_CLASS,
		    false);
		c->refcount += HEAP_CLASS_BASE_REFS;
	}
	o->state = OBJ_ALIVE;
	o->refcount = initial_refcount(o);
	if (ev->flags & EVF_TRACKED) {
		REQUIRE(heap_type_is_container(o->type), "a %s is not tracked",
		    heap_type_name(h, ev->object));
		heap_gc_append(h, 0, ev->object);
	}
	if (ev->flags & EVF_COUNTED)
		h->gens[0].count++;
	h->live_count++;
	if (!(o->flags & OBJF_CACHED))
		h->live_uncached++;
	heap_stack_push(h, ev->object);
}

static void
alloc_undo(struct heap *h, const struct event *ev, bool undo,
    struct event *record)
{
	struct object *o = object_of(h, ev, undo, ev->object);

	(void)record;
	REQUIRE(o->state == OBJ_ALIVE &&
	    o->refcount == initial_refcount(o),
	    "#%" PRIu32 " has refcount %" PRId32, ev->object, o->refcount);
	pop_top(h, ev, undo, ev->object);
	if (ev->flags & EVF_TRACKED) {
		REQUIRE((o->flags & OBJF_TRACKED) && o->gen == 0 &&
		    h->gens[0].tail == ev->object,
		    "#%" PRIu32 " is not generation 0's last", ev->object);
		heap_gc_unlink(h, ev->object);
	}
	if (ev->flags & EVF_COUNTED) {
		REQUIRE(h->gens[0].count > 0, "generation 0's count is 0");
		h->gens[0].count--;
	}
	if (o->type == OBJ_INSTANCE && o->as.inst->cls != OBJ_NULL) {
		heap_object(h, o->as.inst->cls)->refcount--;
		if (ev->flags & EVF_SHRUNK)
			heap_object(h, o->as.inst->cls)->as.cls->usable++;
	}
	if (o->type == OBJ_CLASS && o->as.cls->base != OBJ_NULL)
		heap_object(h, o->as.cls->base)->refcount -=
		    HEAP_CLASS_BASE_REFS;
	o->state = OBJ_UNBORN;
	o->refcount = 0;
	h->live_count--;
	if (!(o->flags & OBJF_CACHED))
		h->live_uncached--;
}

static void
incref_apply(struct heap *h, const struct event *ev, bool undo,
    struct event *record)
{
	struct object *o = object_of(h, ev, undo, ev->object);

	(void)record;
	REQUIRE(o->state == OBJ_ALIVE, "#%" PRIu32 " is not alive",
	    ev->object);
	o->refcount++;
	heap_stack_push(h, ev->object);
}

static void
incref_undo(struct heap *h, const struct event *ev, bool undo,
    struct event *record)
{
	struct object *o = object_of(h, ev, undo, ev->object);

	(void)record;
	REQUIRE(o->state == OBJ_ALIVE && o->refcount > 0,
	    "#%" PRIu32 " has refcount %" PRId32, ev->object, o->refcount);
	pop_top(h, ev, undo, ev->object);
	o->refcount--;
}

static void
decref_apply(struct heap *h, const struct event *ev, bool undo,
    struct event *record)
{
	struct object *o = object_of(h, ev, undo, ev->object);

	(void)record;
	REQUIRE(ev->index < h->stack_len && h->stack[ev->index] == ev->object,
	    "stack entry %" PRIu32 " is not #%" PRIu32, ev->index,
	    ev->object);
	REQUIRE(o->state == OBJ_ALIVE && o->refcount > 0,
	    "#%" PRIu32 " has refcount %" PRId32, ev->object, o->refcount);
	(void)heap_stack_remove(h, ev->index);
	o->refcount--;
}

static void
decref_undo(struct heap *h, const struct event *ev, bool undo,
    struct event *record)
{
	struct object *o = object_of(h, ev, undo, ev->object);

	(void)record;
	REQUIRE(o->state == OBJ_ALIVE && ev->index <= h->stack_len,
	    "cannot give #%" PRIu32 " back at %" PRIu32, ev->object,
	    ev->index);
	heap_stack_insert(h, ev->index, ev->object);
	o->refcount++;
}

static void
apply_bind(struct heap *h, const struct event *ev, bool undo,
    struct event *record)
{
	struct frame *f = frame_of(h, ev, undo, ev->owner);
	uint32_t index;
	objid_t value;

	(void)record;
	if (!undo) {
		if (ev->flags & EVF_APPEND) {
			REQUIRE(!f->fixed && ev->index == f->name_count &&
			    ev->detail != ATOM_NONE && ev->other == OBJ_NULL,
			    "not a new binding");
			REQUIRE(!heap_lookup_name(h, ev->owner, ev->detail,
			    &index, &value), "%s is already bound",
			    atom_name(ev->detail));
		} else {
			REQUIRE(ev->index < f->name_count &&
			    f->names[ev->index].value == ev->other &&
			    (f->fixed || ev->other != OBJ_NULL),
			    "binding %" PRIu32 " does not hold #%" PRIu32,
			    ev->index, ev->other);
		}
		take_at(h, ev, undo, ev->aux, ev->object);
		if (ev->flags & EVF_APPEND)
			heap_binding_insert(h, ev->owner, ev->index,
			    ev->detail, ev->object);
		else
			f->names[ev->index].value = ev->object;
		if (ev->other != OBJ_NULL)
			heap_stack_push(h, ev->other);
	} else {
		REQUIRE(ev->index < f->name_count &&
		    f->names[ev->index].value == ev->object,
		    "binding %" PRIu32 " does not hold #%" PRIu32, ev->index,
		    ev->object);
		if (ev->other != OBJ_NULL)
			pop_top(h, ev, undo, ev->other);
		if (ev->flags & EVF_APPEND) {
			REQUIRE(ev->index == f->name_count - 1,
			    "binding %" PRIu32 " is not the last", ev->index);
			heap_binding_remove(h, ev->owner, ev->index);
		} else
			f->names[ev->index].value = ev->other;
		put_at(h, ev, undo, ev->aux, ev->object);
	}
}

static void
apply_unbind(struct heap *h, const struct event *ev, bool undo,
    struct event *record)
{
	struct frame *f = frame_of(h, ev, undo, ev->owner);

	(void)record;
	if (!undo) {
		REQUIRE(ev->index < f->name_count &&
		    f->names[ev->index].value == ev->object &&
		    ev->object != OBJ_NULL,
		    "binding %" PRIu32 " does not hold #%" PRIu32, ev->index,
		    ev->object);
		REQUIRE(f->names[ev->index].name == ev->detail,
		    "binding %" PRIu32 " is %s, detail says %s", ev->index,
		    atom_name(f->names[ev->index].name),
		    atom_name(ev->detail));
		if (f->fixed)
			f->names[ev->index].value = OBJ_NULL;
		else
			heap_binding_remove(h, ev->owner, ev->index);
		heap_stack_push(h, ev->object);
	} else {
		pop_top(h, ev, undo, ev->object);
		if (f->fixed) {
			REQUIRE(ev->index < f->name_count &&
			    f->names[ev->index].value == OBJ_NULL,
			    "local %" PRIu32 " is bound", ev->index);
			f->names[ev->index].value = ev->object;
		} else {
			REQUIRE(ev->index <= f->name_count, "no binding %"
			    PRIu32, ev->index);
			heap_binding_insert(h, ev->owner, ev->index,
			    ev->detail, ev->object);
		}
	}
}

static void
apply_slot_set(struct heap *h, const struct event *ev, bool undo,
    struct event *record)
{
	objid_t *slot = slot_of(h, ev, undo);
	objid_t from = undo ? ev->object : ev->other;

	(void)record;
	REQUIRE(*slot == from, "the slot holds #%" PRIu32 ", not #%" PRIu32,
	    *slot, from);
	if (!undo) {
		take_at(h, ev, undo, ev->aux, ev->object);
		*slot = ev->object;
		if (ev->other != OBJ_NULL)
			heap_stack_push(h, ev->other);
	} else {
		if (ev->other != OBJ_NULL)
			pop_top(h, ev, undo, ev->other);
		*slot = ev->other;
		put_at(h, ev, undo, ev->aux, ev->object);
	}
}

/* The reference a slot gains: a move from stack position aux when
 * inserting, back from the top when a removal is undone. */
static void
slot_source(struct heap *h, const struct event *ev, bool undo, bool insert)
{
	if (insert)
		take_at(h, ev, undo, ev->aux, ev->object);
	else
		pop_top(h, ev, undo, ev->object);
}

/* The reference a slot loses: onto the top when removing, back to stack
 * position aux when an insert is undone. */
static void
slot_sink(struct heap *h, const struct event *ev, bool undo, bool remove)
{
	if (remove)
		heap_stack_push(h, ev->object);
	else
		put_at(h, ev, undo, ev->aux, ev->object);
}

/* A range or an iterator that holds references: alive, or being freed
 * when freed_too. */
static struct object *
held_owner(struct heap *h, const struct event *ev, bool undo, bool freed_too)
{
	struct object *o = object_of(h, ev, undo, ev->owner);

	REQUIRE((o->type == OBJ_RANGE || o->type == OBJ_ITER) &&
	    (o->state == OBJ_ALIVE || (freed_too && o->state == OBJ_FREED)),
	    "#%" PRIu32 " holds no references", ev->owner);
	return o;
}

/* SLOT_INSERT forward / SLOT_REMOVE backward: a reference goes into a
 * new slot.  On the first apply, what the class knew decides
 * EVF_LEARNED. */
static void
slot_add(struct heap *h, const struct event *ev, bool undo,
    struct event *record)
{
	const bool insert = !undo;
	struct object *o;
	objid_t cls;
	bool learned;

	if (record != NULL && ev->site == SITE_ATTR) {
		o = attr_owner(h, ev, undo, ev->owner, false);
		record->flags &= (uint8_t)~EVF_LEARNED;
		if (o->type == OBJ_INSTANCE && o->as.inst->cls != OBJ_NULL &&
		    ev->detail != dict_name() && !class_knows(h,
		    o->as.inst->cls, ev->detail))
			record->flags |= EVF_LEARNED;
	}
	switch (ev->site) {
	case SITE_ITEM:
		o = object_of(h, ev, undo, ev->owner);
		REQUIRE((o->type == OBJ_LIST || o->type == OBJ_TUPLE) &&
		    (o->state == OBJ_ALIVE ||
		    (!insert && o->state == OBJ_FREED)),
		    "#%" PRIu32 " takes no items", ev->owner);
		REQUIRE(ev->index <= o->as.seq->len, "no position %" PRIu32,
		    ev->index);
		slot_source(h, ev, undo, insert);
		heap_seq_insert(h, ev->owner, ev->index, ev->object);
		break;
	case SITE_ATTR:
		o = attr_owner(h, ev, undo, ev->owner, !insert);
		REQUIRE(ev->detail != ATOM_NONE, "no attribute name");
		REQUIRE(insert ? ev->index == heap_attrs(h, ev->owner)->count :
		    ev->index <= heap_attrs(h, ev->owner)->count,
		    "attribute %" PRIu32 " out of place", ev->index);
		REQUIRE(heap_attr_index(h, ev->owner, ev->detail) < 0,
		    "#%" PRIu32 " already has .%s", ev->owner,
		    atom_name(ev->detail));
		slot_source(h, ev, undo, insert);
		heap_attr_insert(h, ev->owner, ev->index, ev->detail,
		    ev->object);
		cls = o->type == OBJ_INSTANCE ?
		    heap_object(h, ev->owner)->as.inst->cls : OBJ_NULL;
		if (insert && cls != OBJ_NULL && ev->detail != dict_name()) {
			REQUIRE(!(ev->flags & EVF_LEARNED) ||
			    heap_object(h, cls)->as.cls->usable > 0,
			    "class #%" PRIu32 " has no room for .%s", cls,
			    atom_name(ev->detail));
			learned = heap_class_learn(h, cls, ev->detail);
			REQUIRE(learned == !!(ev->flags & EVF_LEARNED),
			    "the class %s .%s", learned ? "learnt" :
			    "already knew", atom_name(ev->detail));
			if (learned)
				heap_object(h, cls)->as.cls->usable--;
		}
		break;
	case SITE_CLASS:
		o = typed_object(h, ev, undo, ev->owner, OBJ_INSTANCE, true);
		REQUIRE(!insert && o->as.inst->cls == OBJ_NULL,
		    "#%" PRIu32 " cannot take back class #%" PRIu32,
		    ev->owner, ev->object);
		typed_object(h, ev, undo, ev->object, OBJ_CLASS, false);
		pop_top(h, ev, undo, ev->object);
		heap_object(h, ev->owner)->as.inst->cls = ev->object;
		break;
	case SITE_HELD:
		o = held_owner(h, ev, undo, !insert);
		REQUIRE(ev->index <= o->as.iter->count &&
		    o->as.iter->count < ITER_MAX_HELD, "held reference %"
		    PRIu32 " out of place", ev->index);
		slot_source(h, ev, undo, insert);
		memmove(&o->as.iter->held[ev->index + 1],
		    &o->as.iter->held[ev->index], (o->as.iter->count -
		    ev->index) * sizeof *o->as.iter->held);
		memmove(&o->as.iter->names[ev->index + 1],
		    &o->as.iter->names[ev->index], (o->as.iter->count -
		    ev->index) * sizeof *o->as.iter->names);
		o->as.iter->held[ev->index] = ev->object;
		o->as.iter->names[ev->index] = ev->detail;
		o->as.iter->count++;
		break;
	case SITE_FRAME_OBJ: {
		struct frame *f = frame_of(h, ev, undo, ev->owner);

		REQUIRE(f->object == OBJ_NULL, "frame %" PRIu32 " has a frame "
		    "object", ev->owner);
		slot_source(h, ev, undo, insert);
		f->object = ev->object;
		break;
	}
	default:
		REQUIRE(false, "site %u takes no inserts", (unsigned)ev->site);
	}
}

/* SLOT_REMOVE forward / SLOT_INSERT backward: a slot's reference goes
 * back to the stack. */
static void
slot_take(struct heap *h, const struct event *ev, bool undo,
    struct event *record)
{
	const bool remove = !undo;
	struct object *o;
	objid_t cls;

	(void)record;
	switch (ev->site) {
	case SITE_ITEM:
		o = object_of(h, ev, undo, ev->owner);
		REQUIRE((o->type == OBJ_LIST || o->type == OBJ_TUPLE) &&
		    (o->state == OBJ_ALIVE ||
		    (remove && o->state == OBJ_FREED)),
		    "#%" PRIu32 " has no items to take", ev->owner);
		REQUIRE(ev->index < o->as.seq->len &&
		    o->as.seq->items[ev->index] == ev->object,
		    "item %" PRIu32 " is not #%" PRIu32, ev->index,
		    ev->object);
		(void)heap_seq_remove(h, ev->owner, ev->index);
		break;
	case SITE_ATTR: {
		const struct pyinstance *in;

		o = attr_owner(h, ev, undo, ev->owner, remove);
		in = heap_attrs(h, ev->owner);
		REQUIRE(ev->index < in->count &&
		    in->attrs[ev->index].value == ev->object &&
		    in->attrs[ev->index].name == ev->detail,
		    "attribute %" PRIu32 " is not .%s = #%" PRIu32, ev->index,
		    atom_name(ev->detail), ev->object);
		REQUIRE(remove || ev->index == in->count - 1,
		    "attribute %" PRIu32 " is not the last", ev->index);
		heap_attr_remove(h, ev->owner, ev->index);
		cls = o->type == OBJ_INSTANCE ? o->as.inst->cls : OBJ_NULL;
		if (!remove && cls != OBJ_NULL && (ev->flags & EVF_LEARNED)) {
			heap_class_unlearn(h, cls, ev->detail);
			heap_object(h, cls)->as.cls->usable++;
		}
		break;
	}
	case SITE_CLASS:
		o = typed_object(h, ev, undo, ev->owner, OBJ_INSTANCE, true);
		REQUIRE(remove && o->state == OBJ_FREED &&
		    o->as.inst->count == 0 && o->as.inst->cls == ev->object &&
		    ev->object != OBJ_NULL,
		    "#%" PRIu32 " cannot let class #%" PRIu32 " go", ev->owner,
		    ev->object);
		o->as.inst->cls = OBJ_NULL;
		break;
	case SITE_HELD:
		o = held_owner(h, ev, undo, remove);
		REQUIRE(ev->index < o->as.iter->count &&
		    o->as.iter->held[ev->index] == ev->object,
		    "held reference %" PRIu32 " is not #%" PRIu32, ev->index,
		    ev->object);
		o->as.iter->count--;
		memmove(&o->as.iter->held[ev->index],
		    &o->as.iter->held[ev->index + 1], (o->as.iter->count -
		    ev->index) * sizeof *o->as.iter->held);
		memmove(&o->as.iter->names[ev->index],
		    &o->as.iter->names[ev->index + 1], (o->as.iter->count -
		    ev->index) * sizeof *o->as.iter->names);
		o->as.iter->held[o->as.iter->count] = OBJ_NULL;
		o->as.iter->names[o->as.iter->count] = ATOM_NONE;
		break;
	case SITE_FRAME_OBJ: {
		struct frame *f = frame_of(h, ev, undo, ev->owner);

		REQUIRE(f->object == ev->object && ev->object != OBJ_NULL,
		    "frame %" PRIu32 "'s frame object is not #%" PRIu32,
		    ev->owner, ev->object);
		f->object = OBJ_NULL;
		break;
	}
	default:
		REQUIRE(false, "site %u has no slots to take",
		    (unsigned)ev->site);
	}
	slot_sink(h, ev, undo, remove);
}

static void
dict_insert(struct heap *h, const struct event *ev, bool undo,
    struct event *record)
{
	struct object *o = typed_object(h, ev, undo, ev->owner, OBJ_DICT,
	    false);
	pyhash_t hash;

	(void)record;
	REQUIRE(ev->index == o->as.dict->count, "entry %" PRIu32
	    " is not the next", ev->index);
	REQUIRE(ev->aux + 1 < h->stack_len &&
	    h->stack[ev->aux + 1] == ev->other,
	    "the value #%" PRIu32 " is not above the key", ev->other);
	hash = hash_of(h, ev, undo, ev->object);
	take_at(h, ev, undo, ev->aux, ev->object);
	take_at(h, ev, undo, ev->aux, ev->other);
	heap_dict_append(h, ev->owner, ev->object, ev->other, hash);
}

/* DICT_REMOVE forward, DICT_INSERT backward: an entry's key and value go
 * back to the stack; remove leaves a deleted entry and pushes both,
 * un-insert drops the entry and puts both back where they came from. */
static void
dict_take(struct heap *h, const struct event *ev, bool undo,
    struct event *record)
{
	const bool remove = !undo;
	struct object *o = typed_object(h, ev, undo, ev->owner, OBJ_DICT,
	    remove);
	struct pydict *d = o->as.dict;

	(void)record;
	REQUIRE(ev->index < d->count && d->entries[ev->index].key ==
	    ev->object && d->entries[ev->index].value == ev->other,
	    "entry %" PRIu32 " is not #%" PRIu32 ": #%" PRIu32, ev->index,
	    ev->object, ev->other);
	if (remove) {
		d->entries[ev->index].key = OBJ_NULL;
		d->entries[ev->index].value = OBJ_NULL;
		d->live--;
		heap_stack_push(h, ev->object);
		heap_stack_push(h, ev->other);
	} else {
		REQUIRE(ev->index == d->count - 1, "entry %" PRIu32
		    " is not the last", ev->index);
		heap_dict_pop(h, ev->owner);
		put_at(h, ev, undo, ev->aux, ev->other);
		put_at(h, ev, undo, ev->aux, ev->object);
	}
}

static void
dict_untake(struct heap *h, const struct event *ev, bool undo,
    struct event *record)
{
	struct object *o = typed_object(h, ev, undo, ev->owner, OBJ_DICT,
	    true);
	struct pydict *d = o->as.dict;

	(void)record;
	REQUIRE(ev->index < d->count && d->entries[ev->index].key == OBJ_NULL,
	    "entry %" PRIu32 " is not deleted", ev->index);
	pop_top(h, ev, undo, ev->other);
	pop_top(h, ev, undo, ev->object);
	d->entries[ev->index].key = ev->object;
	d->entries[ev->index].value = ev->other;
	d->live++;
}

/*
 * SET_ADD with EVF_CLEAN: set_merge filling a new set, as set_insert_clean
 * does -- no probing here, the interpreter worked out the layout.  The
 * table it goes into starts empty (mask `detail`), so growing it to mask
 * `other` and, undone, shrinking it back to a fresh table need nothing
 * saved.
 */
static void
set_add_clean(struct heap *h, const struct event *ev, bool undo)
{
	struct object *o = typed_object(h, ev, undo, ev->owner, OBJ_SET,
	    false);
	struct settable *t = o->as.set;
	struct settable_entry *e;
	pyhash_t hash = hash_of(h, ev, undo, ev->object);

	if (!undo) {
		if (t->mask != ev->other) {
			REQUIRE(t->used == 0 && t->fill == 0 &&
			    t->mask == ev->detail, "the set is not a new one "
			    "of mask %" PRIu32, ev->detail);
			xfree(t->entries);
			t->entries = xcalloc((size_t)ev->other + 1,
			    sizeof *t->entries);
			t->mask = ev->other;
		}
		REQUIRE(ev->index <= t->mask &&
		    t->entries[ev->index].key == SETTABLE_EMPTY,
		    "table entry %" PRIu32 " is not free", ev->index);
		take_at(h, ev, undo, ev->aux, ev->object);
		t->entries[ev->index].hash = hash;
		t->entries[ev->index].key = ev->object;
		t->fill++;
		t->used++;
		return;
	}
	REQUIRE(t->mask == ev->other && ev->index <= t->mask &&
	    t->entries[ev->index].key == ev->object,
	    "table entry %" PRIu32 " is not #%" PRIu32, ev->index, ev->object);
	e = &t->entries[ev->index];
	e->hash = 0;
	e->key = SETTABLE_EMPTY;
	t->fill--;
	t->used--;
	if (t->used == 0 && t->mask != ev->detail) {
		settable_free(t);
		settable_init(t);
		REQUIRE(t->mask == ev->detail, "a new set has mask %" PRIu32,
		    t->mask);
	}
	put_at(h, ev, undo, ev->aux, ev->object);
}

static void
apply_set_add(struct heap *h, const struct event *ev, bool undo,
    struct event *record)
{
	struct object *o = typed_object(h, ev, undo, ev->owner, OBJ_SET,
	    false);
	struct settable_change ch;
	struct settable old;
	pyhash_t hash;
	uint8_t flags;

	if (ev->flags & EVF_CLEAN) {
		set_add_clean(h, ev, undo);
		return;
	}
	hash = hash_of(h, ev, undo, ev->object);
	take_at(h, ev, undo, ev->aux, ev->object);
	settable_add(o->as.set, hash, ev->object, set_equal, h, &ch);
	REQUIRE(ch.added, "#%" PRIu32 " was already in the set", ev->object);
	if (ch.resized) {
		/* The old array still holds the new key; with the counts
		 * from before the add, it is what settable_undo_add takes. */
		old.entries = ch.old_entries;
		old.mask = ch.old_mask;
		old.fill = ch.old_fill;
		old.used = ch.old_used;
		(void)heap_save_table(h, &old);
	}
	flags = (uint8_t)((ch.was_dummy ? EVF_WAS_DUMMY : 0) |
	    (ch.resized ? EVF_RESIZED : 0));
	if (record != NULL) {
		record->index = ch.index;
		record->flags = (uint8_t)((record->flags &
		    ~(EVF_WAS_DUMMY | EVF_RESIZED)) | flags);
		return;
	}
	REQUIRE(ch.index == ev->index && flags ==
	    (ev->flags & (EVF_WAS_DUMMY | EVF_RESIZED)),
	    "the set now adds at %" PRIu32 " with flags %#x; was the event "
	    "first applied with event_apply_first?", ch.index,
	    (unsigned)flags);
}

static void
undo_set_add(struct heap *h, const struct event *ev, bool undo,
    struct event *record)
{
	struct object *o = typed_object(h, ev, undo, ev->owner, OBJ_SET,
	    false);
	struct settable *t = o->as.set;
	struct settable_change ch;
	struct settable old;

	(void)record;
	if (ev->flags & EVF_CLEAN) {
		set_add_clean(h, ev, undo);
		return;
	}
	memset(&ch, 0, sizeof ch);
	ch.added = true;
	ch.index = ev->index;
	ch.was_dummy = (ev->flags & EVF_WAS_DUMMY) != 0;
	ch.resized = (ev->flags & EVF_RESIZED) != 0;
	if (ch.resized) {
		REQUIRE(h->saved_table_count > 0 &&
		    heap_set_find(h, ev->owner, ev->object) >= 0,
		    "no saved table, or #%" PRIu32 " is not in the set",
		    ev->object);
		heap_restore_table(h, &old);
		REQUIRE(ev->index <= old.mask &&
		    old.entries[ev->index].key == ev->object,
		    "saved table entry %" PRIu32 " is not #%" PRIu32,
		    ev->index, ev->object);
		ch.old_entries = old.entries;
		ch.old_mask = old.mask;
		ch.old_fill = old.fill;
		ch.old_used = old.used;
	} else {
		REQUIRE(ev->index <= t->mask &&
		    t->entries[ev->index].key == ev->object,
		    "table entry %" PRIu32 " is not #%" PRIu32, ev->index,
		    ev->object);
		/* The counts from before the add. */
		ch.old_mask = t->mask;
		ch.old_fill = t->fill - (ch.was_dummy ? 0 : 1);
		ch.old_used = t->used - 1;
	}
	settable_undo_add(t, &ch);
	put_at(h, ev, undo, ev->aux, ev->object);
}

static void
apply_set_discard(struct heap *h, const struct event *ev, bool undo,
    struct event *record)
{
	struct object *o = typed_object(h, ev, undo, ev->owner, OBJ_SET, true);
	struct settable *t = o->as.set;

	(void)record;
	REQUIRE(ev->index <= t->mask, "no table entry %" PRIu32, ev->index);
	if (!undo) {
		REQUIRE(t->entries[ev->index].key == ev->object,
		    "table entry %" PRIu32 " is not #%" PRIu32, ev->index,
		    ev->object);
		(void)settable_discard_at(t, ev->index);
		heap_stack_push(h, ev->object);
	} else {
		REQUIRE(t->entries[ev->index].key == SETTABLE_DUMMY,
		    "table entry %" PRIu32 " is not a dummy", ev->index);
		pop_top(h, ev, undo, ev->object);
		settable_undo_discard(t, ev->index,
		    hash_of(h, ev, undo, ev->object), ev->object);
	}
}

/* The constant table CONST_STORE / CONST_DROP name: a frame's step
 * constants (grown as needed) or a function's co_consts (cap fixed). */
struct const_table {
	objid_t		*items;
	uint32_t	*count;
	uint32_t	 cap;		/* UINT32_MAX: grows */
};

static struct const_table
const_table_of(struct heap *h, const struct event *ev, bool undo,
    bool freed_too)
{
	struct const_table ct;
	struct frame *f;
	struct object *o;

	if (ev->site == SITE_CONST) {
		f = frame_of(h, ev, undo, ev->owner);
		ct.items = f->consts;
		ct.count = &f->const_count;
		ct.cap = UINT32_MAX;
		return ct;
	}
	REQUIRE(ev->site == SITE_FUNC_CONST, "site %u holds no constants",
	    (unsigned)ev->site);
	o = typed_object(h, ev, undo, ev->owner, OBJ_FUNCTION, freed_too);
	ct.items = o->as.fn->consts;
	ct.count = &o->as.fn->const_count;
	ct.cap = o->as.fn->const_cap;
	return ct;
}

/* CONST_STORE forward (from stack position aux) / CONST_DROP backward
 * (from the top): a constant is appended. */
static void
const_put(struct heap *h, const struct event *ev, bool undo,
    struct event *record)
{
	const bool store = !undo;
	struct const_table ct = const_table_of(h, ev, undo, !store);

	(void)record;
	REQUIRE(ev->index == *ct.count && *ct.count < ct.cap,
	    "constant %" PRIu32 " is not the next (%" PRIu32 " of %" PRIu32
	    " stored)", ev->index, *ct.count, ct.cap);
	if (store)
		take_at(h, ev, undo, ev->aux, ev->object);
	else
		pop_top(h, ev, undo, ev->object);
	if (ev->site == SITE_CONST)
		heap_const_push(h, ev->owner, ev->object);
	else
		ct.items[(*ct.count)++] = ev->object;
}

/* CONST_DROP forward (onto the top) / CONST_STORE backward (back to aux):
 * the last constant is removed. */
static void
const_take(struct heap *h, const struct event *ev, bool undo,
    struct event *record)
{
	const bool drop = !undo;
	struct const_table ct = const_table_of(h, ev, undo, drop);

	(void)record;
	REQUIRE(*ct.count > 0 && ev->index == *ct.count - 1 &&
	    ct.items[ev->index] == ev->object,
	    "constant %" PRIu32 " is not the last or not #%" PRIu32,
	    ev->index, ev->object);
	if (ev->site == SITE_FUNC_CONST)
		ct.items[ev->index] = OBJ_NULL;
	(*ct.count)--;
	if (drop)
		heap_stack_push(h, ev->object);
	else
		put_at(h, ev, undo, ev->aux, ev->object);
}

/* FRAME_PUSH forward / FRAME_POP backward. */
static void
frame_open(struct heap *h, const struct event *ev, bool undo,
    struct event *record)
{
	const bool push = !undo;

	(void)record;
	typed_object(h, ev, undo, ev->object, OBJ_FUNCTION, false);
	REQUIRE(ev->owner == h->frame_count && ev->owner > 0,
	    "frame %" PRIu32 " is not the next", ev->owner);
	if (push) {
		REQUIRE(ev->index < h->stack_len &&
		    h->stack[ev->index] == ev->object,
		    "stack entry %" PRIu32 " is not #%" PRIu32, ev->index,
		    ev->object);
		(void)heap_stack_remove(h, ev->index);
	} else
		pop_top(h, ev, undo, ev->object);
	(void)heap_frame_push(h, ev->object);
}

/* FRAME_POP forward / FRAME_PUSH backward. */
static void
frame_close(struct heap *h, const struct event *ev, bool undo,
    struct event *record)
{
	const bool pop = !undo;
	struct frame *f = frame_of(h, ev, undo, ev->owner);

	(void)record;
	REQUIRE(ev->owner == h->frame_count - 1 && ev->owner > 0 &&
	    f->function == ev->object, "frame %" PRIu32 " is not the top "
	    "frame of #%" PRIu32, ev->owner, ev->object);
	REQUIRE(all_unbound(f) && f->const_count == 0 &&
	    f->object == OBJ_NULL,
	    "frame %" PRIu32 " still holds names", ev->owner);
	heap_frame_pop(h);
	if (pop)
		heap_stack_push(h, ev->object);
	else {
		REQUIRE(ev->index <= h->stack_len, "no stack position %" PRIu32,
		    ev->index);
		heap_stack_insert(h, ev->index, ev->object);
	}
}

static void
apply_free(struct heap *h, const struct event *ev, bool undo,
    struct event *record)
{
	struct object *o = object_of(h, ev, undo, ev->object);

	(void)record;
	REQUIRE(o->refcount == 0, "#%" PRIu32 " has refcount %" PRId32,
	    ev->object, o->refcount);
	if (!undo) {
		REQUIRE(o->state == OBJ_ALIVE, "#%" PRIu32 " is not alive",
		    ev->object);
		REQUIRE(!(o->flags & OBJF_TRACKED), "#%" PRIu32 " is still "
		    "tracked", ev->object);
		REQUIRE(!(o->flags & OBJF_CACHED), "#%" PRIu32 " is cached",
		    ev->object);
		if (ev->flags & EVF_COUNTED) {
			REQUIRE(h->gens[0].count > 0,
			    "generation 0's count is 0");
			h->gens[0].count--;
		}
		o->state = OBJ_FREED;
		h->live_count--;
		h->live_uncached--;
	} else {
		REQUIRE(o->state == OBJ_FREED, "#%" PRIu32 " is not freed",
		    ev->object);
		if (ev->flags & EVF_COUNTED)
			h->gens[0].count++;
		o->state = OBJ_ALIVE;
		h->live_count++;
		h->live_uncached++;
	}
}

/* The record of a collector list event's object, in a generation. */
static struct object *
listed_object(struct heap *h, const struct event *ev, bool undo)
{
	REQUIRE(ev->owner < GEN_COUNT, "no generation %" PRIu32, ev->owner);
	return object_of(h, ev, undo, ev->object);
}

static void
gc_track(struct heap *h, const struct event *ev, bool undo,
    struct event *record)
{
	struct object *o = listed_object(h, ev, undo);
	bool tracked = (o->flags & OBJF_TRACKED) != 0;

	(void)record;
	if (!undo) {
		REQUIRE(o->state == OBJ_ALIVE && !tracked &&
		    heap_type_is_container(o->type),
		    "#%" PRIu32 " cannot be tracked", ev->object);
		heap_gc_append(h, ev->owner, ev->object);
	} else {
		REQUIRE(tracked && o->gen == ev->owner &&
		    h->gens[ev->owner].tail == ev->object,
		    "#%" PRIu32 " is not generation %" PRIu32 "'s last",
		    ev->object, ev->owner);
		heap_gc_unlink(h, ev->object);
	}
}

static void
gc_untrack(struct heap *h, const struct event *ev, bool undo,
    struct event *record)
{
	struct object *o = listed_object(h, ev, undo);
	bool tracked = (o->flags & OBJF_TRACKED) != 0;

	(void)record;
	if (!undo) {
		REQUIRE(tracked && o->gen == ev->owner &&
		    o->gc_prev == ev->other, "#%" PRIu32 " is not "
		    "after #%" PRIu32 " in generation %" PRIu32,
		    ev->object, ev->other, ev->owner);
		heap_gc_unlink(h, ev->object);
	} else {
		REQUIRE(!tracked && o->state == OBJ_ALIVE,
		    "#%" PRIu32 " is tracked", ev->object);
		REQUIRE(ev->other == OBJ_NULL ||
		    ((heap_object(h, ev->other)->flags & OBJF_TRACKED) &&
		    heap_object(h, ev->other)->gen == ev->owner),
		    "#%" PRIu32 " is not in generation %" PRIu32,
		    ev->other, ev->owner);
		heap_gc_insert_after(h, ev->owner, ev->other, ev->object);
	}
}

static void
gc_move(struct heap *h, const struct event *ev, bool undo,
    struct event *record)
{
	struct object *o = listed_object(h, ev, undo);
	bool tracked = (o->flags & OBJF_TRACKED) != 0;
	uint32_t from, to;

	(void)record;
	REQUIRE(ev->aux < GEN_COUNT, "no generation %" PRIu32, ev->aux);
	from = undo ? ev->owner : ev->aux;
	to = undo ? ev->aux : ev->owner;
	REQUIRE(tracked && o->gen == from, "#%" PRIu32 " is not in "
	    "generation %" PRIu32, ev->object, from);
	if (!undo)
		REQUIRE(o->gc_prev == ev->other, "#%" PRIu32 " is not "
		    "after #%" PRIu32, ev->object, ev->other);
	else
		REQUIRE(h->gens[from].tail == ev->object, "#%" PRIu32
		    " is not generation %" PRIu32 "'s last",
		    ev->object, from);
	heap_gc_unlink(h, ev->object);
	if (!undo)
		heap_gc_append(h, to, ev->object);
	else
		heap_gc_insert_after(h, to, ev->other, ev->object);
}

static void
apply_gc_merge(struct heap *h, const struct event *ev, bool undo,
    struct event *record)
{
	const struct gc_generation *from, *to;

	REQUIRE(ev->owner < GEN_COUNT && ev->index < GEN_COUNT &&
	    ev->owner != ev->index, "cannot merge generation %" PRIu32
	    " into %" PRIu32, ev->owner, ev->index);
	from = &h->gens[ev->owner];
	to = &h->gens[ev->index];
	if (record != NULL) {
		record->other = to->tail;
		record->aux = from->head;
		record->detail = from->tail;
	} else
		REQUIRE(ev->other == to->tail && ev->aux == from->head &&
		    ev->detail == from->tail, "the lists changed since the "
		    "merge was recorded");
	heap_gc_splice(h, ev->owner, ev->index);
}

static void
undo_gc_merge(struct heap *h, const struct event *ev, bool undo,
    struct event *record)
{
	(void)record;
	REQUIRE(h->gens[ev->owner].head == OBJ_NULL, "generation %" PRIu32
	    " is not empty", ev->owner);
	heap_gc_split(h, ev->index, ev->other, ev->owner);
	REQUIRE(h->gens[ev->owner].head == ev->aux &&
	    h->gens[ev->owner].tail == ev->detail,
	    "generation %" PRIu32 " came back different", ev->owner);
}

/* GC_MARK and GC_UNREACHABLE: the object's two marks become `mark`; the
 * first apply records the old ones in other. */
static struct object *
set_marks(struct heap *h, const struct event *ev, bool undo,
    struct event *record, uint8_t mark)
{
	struct object *o = object_of(h, ev, undo, ev->object);
	uint8_t old = o->flags & MARKS;

	if (record != NULL)
		record->other = old;
	else
		REQUIRE(ev->other == old, "the marks were %#x, not %#x",
		    (unsigned)old, (unsigned)ev->other);
	o->flags = (uint8_t)((o->flags & ~MARKS) | mark);
	return o;
}

/* Undoes set_marks. */
static void
unset_marks(struct heap *h, const struct event *ev, bool undo,
    struct event *record)
{
	struct object *o = object_of(h, ev, undo, ev->object);

	(void)record;
	o->flags = (uint8_t)((o->flags & ~MARKS) | (ev->other & MARKS));
}

static void
apply_gc_mark(struct heap *h, const struct event *ev, bool undo,
    struct event *record)
{
	struct object *o = set_marks(h, ev, undo, record,
	    (ev->flags & EVF_CLEAR) ? 0 : OBJF_REACHABLE);

	if (ev->flags & EVF_RESCUE) {
		/* visit_reachable: gc_refs 1, back to the end of the list */
		REQUIRE(o->flags & OBJF_TRACKED, "#%" PRIu32 " is not tracked",
		    ev->object);
		if (record != NULL) {
			record->index = (uint32_t)o->gc_refs;
			record->aux = o->gc_prev;
		}
		uint32_t gen = o->gen;	/* unlinking forgets it */

		o->gc_refs = 1;
		heap_gc_unlink(h, ev->object);
		heap_gc_append(h, gen, ev->object);
	}
}

static void
undo_gc_mark(struct heap *h, const struct event *ev, bool undo,
    struct event *record)
{
	struct object *o = object_of(h, ev, undo, ev->object);

	unset_marks(h, ev, undo, record);
	if (ev->flags & EVF_RESCUE) {
		uint32_t gen = o->gen;

		REQUIRE(h->gens[gen].tail == ev->object,
		    "#%" PRIu32 " is not its generation's last", ev->object);
		heap_gc_unlink(h, ev->object);
		heap_gc_insert_after(h, gen, ev->aux, ev->object);
		o->gc_refs = (int32_t)ev->index;
	}
}

static void
apply_gc_unreachable(struct heap *h, const struct event *ev, bool undo,
    struct event *record)
{
	(void)set_marks(h, ev, undo, record, OBJF_UNREACHABLE);
}

/* FINALIZED: forward sets the flag, which must be clear; back clears it. */
static void
apply_finalized(struct heap *h, const struct event *ev, bool undo,
    struct event *record)
{
	struct object *o = object_of(h, ev, undo, ev->object);

	(void)record;
	REQUIRE(!(o->flags & OBJF_FINALIZED) == !undo, "#%" PRIu32 " %s "
	    "finalized", ev->object, undo ? "was not" : "is already");
	o->flags ^= OBJF_FINALIZED;
}

/* HASH: the instance takes the hash in index and other (low, high),
 * having none; undo takes it back. */
static void
apply_hash(struct heap *h, const struct event *ev, bool undo,
    struct event *record)
{
	struct object	*o = object_of(h, ev, undo, ev->object);
	pyhash_t	 hash = (pyhash_t)((uint64_t)ev->other << 32 |
	    ev->index);

	(void)record;
	REQUIRE(o->type == OBJ_INSTANCE && o->state == OBJ_ALIVE,
	    "#%" PRIu32 " is no live instance", ev->object);
	REQUIRE(o->as.inst->hashed == undo && (!undo ||
	    o->as.inst->hash == hash), "#%" PRIu32 " %s", ev->object, undo ?
	    "has not this hash" : "is hashed already");
	o->as.inst->hashed = !undo;
	o->as.inst->hash = undo ? 0 : hash;
}

/* WEAK_CLEAR: the weakref's referent goes from `other` to none, and
 * back on undo. */
static void
apply_weak_clear(struct heap *h, const struct event *ev, bool undo,
    struct event *record)
{
	struct object *o = object_of(h, ev, undo, ev->object);

	(void)record;
	REQUIRE(o->type == OBJ_ITER && o->as.iter->kind == ITER_WEAKREF &&
	    o->state == OBJ_ALIVE, "#%" PRIu32 " is no live weakref",
	    ev->object);
	REQUIRE(o->as.iter->weak == (undo ? OBJ_NULL : ev->other),
	    "#%" PRIu32 " refers weakly to #%" PRIu32, ev->object,
	    o->as.iter->weak);
	heap_weak_set(h, ev->object, undo ? ev->other : OBJ_NULL);
}

/* GC_COUNT and GC_CONFIG: *value goes from `other` to `index`, and back
 * on undo. */
static void
set_value(struct heap *h, const struct event *ev, bool undo, uint32_t *value)
{
	uint32_t from = undo ? ev->index : ev->other;

	REQUIRE(*value == from, "the value is %" PRIu32 ", not %" PRIu32,
	    *value, from);
	*value = undo ? ev->other : ev->index;
}

static void
gc_count(struct heap *h, const struct event *ev, bool undo,
    struct event *record)
{
	(void)record;
	REQUIRE(ev->owner < GEN_COUNT, "no generation %" PRIu32, ev->owner);
	set_value(h, ev, undo, &h->gens[ev->owner].count);
}

/* INTERN forward: a str becomes the shared interned one; backward, an
 * ordinary str again. */
static void
apply_intern(struct heap *h, const struct event *ev, bool undo,
    struct event *record)
{
	struct object *o = typed_object(h, ev, undo, ev->object, OBJ_STR,
	    false);

	(void)record;
	REQUIRE(!!(o->flags & OBJF_CACHED) == undo, "#%" PRIu32 " is %s",
	    ev->object, undo ? "not interned" : "shared already");
	if (undo) {
		o->flags &= (uint8_t)~OBJF_CACHED;
		h->live_uncached++;
	} else {
		o->flags |= OBJF_CACHED;
		h->live_uncached--;
	}
}

static void
iter_move(struct heap *h, const struct event *ev, bool undo,
    struct event *record)
{
	struct object	*o = object_of(h, ev, undo, ev->object);
	uint32_t	 from = undo ? ev->index : ev->other;

	(void)record;
	REQUIRE((o->type == OBJ_ITER || o->type == OBJ_RANGE) &&
	    o->state == OBJ_ALIVE, "#%" PRIu32 " is no live iterator",
	    ev->object);
	/* a reversed iterator's cursor ends at -1: the fields hold int32s */
	REQUIRE(o->as.iter->pos == (int32_t)from, "the cursor is at %" PRId64
	    ", not %" PRId32, o->as.iter->pos, (int32_t)from);
	o->as.iter->pos = (int32_t)(undo ? ev->other : ev->index);
}

static void
gc_config(struct heap *h, const struct event *ev, bool undo,
    struct event *record)
{
	uint32_t from = undo ? ev->index : ev->other;

	(void)record;
	switch (ev->owner) {
	case GC_SETTING_ENABLED:
		REQUIRE(h->gc_enabled == (from != 0), "gc is %s",
		    h->gc_enabled ? "enabled" : "disabled");
		h->gc_enabled = (undo ? ev->other : ev->index) != 0;
		break;
	case GC_SETTING_THRESHOLD0:
	case GC_SETTING_THRESHOLD1:
	case GC_SETTING_THRESHOLD2:
		set_value(h, ev, undo, &h->gens[ev->owner -
		    GC_SETTING_THRESHOLD0].threshold);
		break;
	case GC_SETTING_LONG_LIVED_TOTAL:
		set_value(h, ev, undo, &h->long_lived_total);
		break;
	case GC_SETTING_LONG_LIVED_PENDING:
		set_value(h, ev, undo, &h->long_lived_pending);
		break;
	default:
		REQUIRE(false, "no gc setting %" PRIu32, ev->owner);
	}
}

static void
apply_gc_refs(struct heap *h, const struct event *ev, bool undo,
    struct event *record)
{
	struct object *o = object_of(h, ev, undo, ev->object);
	int32_t from = (int32_t)(undo ? ev->owner : ev->other);
	int32_t to = (int32_t)(undo ? ev->other : ev->owner);

	(void)record;
	REQUIRE(o->gc_refs == from, "gc_refs is %" PRId32 ", not %" PRId32,
	    o->gc_refs, from);
	o->gc_refs = to;
}

/* GC_BEGIN, GC_PHASE, GC_END, SAY, OUTPUT: only h->position moves. */
static void
no_change(struct heap *h, const struct event *ev, bool undo,
    struct event *record)
{
	(void)h;
	(void)ev;
	(void)undo;
	(void)record;
}

/* ---- describing ---- */

#define ANY	0xff		/* any reason or site */
#define N_DETAIL 0x01		/* the row needs detail != 0 */
#define N_SITE	0x02		/* ... site != SITE_NONE */
#define N_OWNER	0x04		/* ... owner != 0 */
#define N_CLEAR	0x08		/* ... EVF_CLEAR */
#define N_RESCUE 0x10		/* ... EVF_RESCUE */

/*
 * Templates: %n the detail atom, %b the name of binding (owner, index),
 * %t the object's type, %s the place of the reference (site/owner and
 * index, or aux for INCREF and DECREF), %o the owner as #N, %k the
 * object's repr, %f the name of function `object`, %F of function
 * `owner`, %L of frame owner's function, %g the owner number, %i the
 * index, %p a collector phase, %r gc_refs, %c a collector setting.
 */
struct reason_row {
	uint8_t		 kind;
	uint8_t		 reason;
	uint8_t		 site;
	uint8_t		 need;
	const char	*text;
};

static const struct reason_row reason_rows[] = {
	{ EV_ALLOC, REASON_CONSTANT, ANY, N_DETAIL, "constant of %n" },
	{ EV_ALLOC, REASON_CONSTANT, ANY, 0, "constant of this step" },
	{ EV_ALLOC, REASON_RESULT, ANY, 0, "result" },
	{ EV_ALLOC, REASON_RETURN, ANY, 0, "return value" },
	{ EV_ALLOC, REASON_UNPACK, ANY, 0, "unpacked" },
	{ EV_ALLOC, REASON_METHOD, ANY, N_DETAIL, "new %t from .%n()" },
	{ EV_ALLOC, ANY, ANY, 0, "new %t" },

	{ EV_INCREF, REASON_LOAD, ANY, N_DETAIL, "%n loaded" },
	{ EV_INCREF, REASON_LOAD, ANY, N_SITE, "%s loaded" },
	{ EV_INCREF, REASON_CONSTANT, ANY, N_DETAIL, "constant of %n" },
	{ EV_INCREF, REASON_CONSTANT, ANY, 0, "constant of this step" },
	{ EV_INCREF, REASON_RESULT, ANY, 0, "result" },
	{ EV_INCREF, REASON_RETURN, ANY, 0, "return value" },
	{ EV_INCREF, REASON_ARGUMENT, ANY, N_DETAIL, "argument of %n" },
	{ EV_INCREF, REASON_METHOD, ANY, N_DETAIL, "held by .%n()" },
	{ EV_INCREF, REASON_UNPACK, ANY, 0, "unpacked" },
	{ EV_INCREF, REASON_REPEAT, ANY, 0, "repeat counter" },
	{ EV_INCREF, ANY, ANY, 0, "new reference" },

	{ EV_DECREF, REASON_REBIND, ANY, N_DETAIL, "%n rebound" },
	{ EV_DECREF, REASON_REBIND, ANY, N_SITE, "%s replaced" },
	{ EV_DECREF, REASON_DELETE, ANY, N_DETAIL, "del %n" },
	{ EV_DECREF, REASON_DELETE, ANY, N_SITE, "del %s" },
	{ EV_DECREF, REASON_SCOPE_EXIT, SITE_NAME, N_DETAIL,
	    "local %n of %L released" },
	{ EV_DECREF, REASON_SCOPE_EXIT, ANY, N_DETAIL, "local %n released" },
	{ EV_DECREF, REASON_ARGUMENT_DONE, ANY, 0,
	    "argument dropped after the call" },
	{ EV_DECREF, REASON_OPERAND_DONE, ANY, 0, "operand dropped" },
	{ EV_DECREF, REASON_DISCARD, ANY, 0, "value discarded" },
	{ EV_DECREF, REASON_RESULT, ANY, 0, "temporary dropped" },
	{ EV_DECREF, REASON_RETURN, ANY, 0, "return value dropped" },
	{ EV_DECREF, REASON_STEP_END, ANY, 0,
	    "constant of this step released" },
	{ EV_DECREF, REASON_DEALLOC, ANY, N_SITE, "%s dropped" },
	{ EV_DECREF, REASON_DEALLOC, ANY, 0, "dropped by a freed object" },
	{ EV_DECREF, REASON_METHOD, ANY, N_DETAIL, "dropped by .%n()" },
	{ EV_DECREF, REASON_COLLECTOR, ANY, N_SITE,
	    "%s cleared by the collector" },
	{ EV_DECREF, ANY, ANY, 0, "reference dropped" },

	{ EV_BIND, REASON_ARGUMENT, ANY, N_DETAIL, "argument %b of %n" },
	{ EV_BIND, REASON_REPEAT, ANY, 0, "repeat counter %b" },
	{ EV_BIND, ANY, ANY, 0, "bound to %b" },

	{ EV_UNBIND, REASON_DELETE, ANY, 0, "del %n" },
	{ EV_UNBIND, REASON_SCOPE_EXIT, ANY, 0, "local %n of %L released" },
	{ EV_UNBIND, ANY, ANY, 0, "%n unbound" },

	{ EV_SLOT_SET, ANY, ANY, 0, "stored in %s" },
	{ EV_SLOT_INSERT, REASON_METHOD, SITE_ITEM, N_DETAIL,
	    "%s stored by .%n()" },
	{ EV_SLOT_INSERT, ANY, ANY, 0, "stored in %s" },
	{ EV_SLOT_REMOVE, REASON_DEALLOC, ANY, 0, "%s released" },
	{ EV_SLOT_REMOVE, REASON_METHOD, SITE_ITEM, N_DETAIL,
	    "%s removed by .%n()" },
	{ EV_SLOT_REMOVE, REASON_DELETE, ANY, 0, "del %s" },
	{ EV_SLOT_REMOVE, REASON_COLLECTOR, ANY, 0,
	    "%s cleared by the collector" },
	{ EV_SLOT_REMOVE, ANY, ANY, 0, "%s removed" },

	{ EV_DICT_INSERT, ANY, ANY, 0, "entry [%k] added to %o" },
	{ EV_DICT_REMOVE, REASON_DEALLOC, ANY, 0, "entry [%k] of %o released" },
	{ EV_DICT_REMOVE, REASON_METHOD, ANY, N_DETAIL,
	    "entry [%k] removed by .%n()" },
	{ EV_DICT_REMOVE, REASON_DELETE, ANY, 0, "del %o[%k]" },
	{ EV_DICT_REMOVE, REASON_COLLECTOR, ANY, 0,
	    "entry [%k] of %o cleared by the collector" },
	{ EV_DICT_REMOVE, ANY, ANY, 0, "entry [%k] of %o removed" },
	{ EV_SET_ADD, ANY, ANY, 0, "added to %o" },
	{ EV_SET_DISCARD, REASON_DEALLOC, ANY, 0, "element of %o released" },
	{ EV_SET_DISCARD, REASON_COLLECTOR, ANY, 0,
	    "element of %o cleared by the collector" },
	{ EV_SET_DISCARD, ANY, ANY, 0, "removed from %o" },

	{ EV_CONST_STORE, ANY, SITE_FUNC_CONST, 0, "%s" },
	{ EV_CONST_STORE, ANY, ANY, 0, "constant of this step" },
	{ EV_CONST_DROP, ANY, SITE_FUNC_CONST, 0, "%s released" },
	{ EV_CONST_DROP, ANY, ANY, 0, "constant of this step released" },
	{ EV_FRAME_PUSH, ANY, ANY, 0, "call %f" },
	{ EV_FRAME_POP, ANY, ANY, 0, "%f returned" },

	{ EV_FREE, REASON_COLLECTOR, ANY, 0, "freed by the collector" },
	{ EV_FREE, ANY, ANY, 0, "count reached 0" },

	{ EV_GC_TRACK, ANY, ANY, 0, "tracked in generation %g" },
	{ EV_GC_UNTRACK, ANY, ANY, 0, "untracked" },
	{ EV_GC_MOVE, ANY, ANY, 0, "moved to generation %g" },
	{ EV_GC_MERGE, ANY, ANY, 0, "generation %g merged into %i" },
	{ EV_GC_BEGIN, ANY, ANY, 0, "collecting generation %g" },
	{ EV_GC_PHASE, ANY, ANY, 0, "%p" },
	{ EV_GC_REFS, REASON_GC_COPY, ANY, 0, "gc_refs = %r, its count" },
	{ EV_GC_REFS, REASON_GC_INTERNAL, ANY, 0,
	    "gc_refs = %r: #%i inside the generation refers to it" },
	{ EV_GC_REFS, REASON_GC_REACHED, ANY, 0,
	    "gc_refs = %r: reached from #%i" },
	{ EV_GC_REFS, ANY, ANY, 0, "gc_refs = %r" },
	{ EV_GC_MARK, ANY, ANY, N_CLEAR, "marks cleared" },
	{ EV_GC_MARK, ANY, ANY, N_RESCUE, "reachable after all: reached from "
	    "%o, back to the end of the list (gc_refs = 1)" },
	{ EV_GC_MARK, ANY, SITE_NAME, N_DETAIL, "reachable from %n" },
	{ EV_GC_MARK, ANY, SITE_STACK, 0, "reachable: held by the running "
	    "statement" },
	{ EV_GC_MARK, ANY, ANY, N_SITE | N_OWNER, "reachable via %s" },
	{ EV_GC_MARK, ANY, ANY, N_OWNER, "reachable from %o" },
	{ EV_GC_MARK, ANY, ANY, 0, "reachable: referenced from outside" },
	{ EV_GC_UNREACHABLE, REASON_GC_TENTATIVE, ANY, 0,
	    "unreachable for now: gc_refs is 0" },
	{ EV_GC_UNREACHABLE, ANY, ANY, 0, "unreachable" },
	{ EV_GC_END, ANY, ANY, 0, "collection done: %i collected" },
	{ EV_GC_COUNT, ANY, ANY, 0, "count of generation %g = %i" },
	{ EV_GC_CONFIG, ANY, ANY, 0, "%c" },
	{ EV_SAY, ANY, ANY, 0, "narration" },
	{ EV_OUTPUT, ANY, ANY, 0, "output" },
	{ EV_ITER_MOVE, ANY, ANY, 0, "next item at %i" },
	{ EV_INTERN, ANY, ANY, 0, "interned: shared from now on" },
	{ EV_FINALIZED, ANY, ANY, 0, "__del__ has run (never again)" },
	{ EV_HASH, ANY, ANY, 0, "hashed by its class's __hash__" },
	{ EV_WEAK_CLEAR, ANY, ANY, 0, "weak reference cleared: it gives None "
	    "now" },
};


static const char *const phase_names[] = {
	"mark", "sweep", "update_refs", "subtract_refs", "move_unreachable",
	"finalize", "delete", "promote"
};

const char *
gc_phase_name(uint32_t phase)
{
	return phase < sizeof phase_names / sizeof phase_names[0] ?
	    phase_names[phase] : "?";
}

/* Keys in a reason stay short: the reason is one line under the graph. */
#define DESCRIBE_REPR_CHARS	24

static bool
row_matches(const struct reason_row *r, const struct event *ev)
{
	if (r->kind != ev->kind)
		return false;
	if (r->reason != ANY && r->reason != ev->reason)
		return false;
	if (r->site != ANY && r->site != ev->site)
		return false;
	if ((r->need & N_DETAIL) && ev->detail == ATOM_NONE)
		return false;
	if ((r->need & N_SITE) && ev->site == SITE_NONE)
		return false;
	if ((r->need & N_OWNER) && ev->owner == 0)
		return false;
	if ((r->need & N_CLEAR) && !(ev->flags & EVF_CLEAR))
		return false;
	if ((r->need & N_RESCUE) && !(ev->flags & EVF_RESCUE))
		return false;
	return true;
}

static bool
known(const struct heap *h, objid_t id)
{
	return id != OBJ_NULL && id < h->object_count;
}

/* The name of function object id, or "?" when it is none. */
static const char *
function_name(const struct heap *h, objid_t id)
{
	if (!known(h, id) || heap_object(h, id)->type != OBJ_FUNCTION)
		return "?";
	return atom_name(heap_object(h, id)->as.fn->name);
}

static void
put_repr(const struct heap *h, objid_t id, struct strbuf *out)
{
	if (known(h, id))
		heap_repr(h, id, false, DESCRIBE_REPR_CHARS, out);
	else
		strbuf_putc(out, '?');
}

/* Where a reference is: "item [1] of #7", ".val of #7", "x", ... */
static void
describe_site(const struct heap *h, const struct event *ev, uint32_t slot,
    struct strbuf *out)
{
	const struct object *o = known(h, ev->owner) ?
	    heap_object(h, ev->owner) : NULL;
	uint32_t owner = ev->owner;

	switch (ev->site) {
	case SITE_ITEM:
		strbuf_printf(out, "item [%" PRIu32 "] of #%" PRIu32, slot,
		    owner);
		break;
	case SITE_ATTR:
		if (ev->detail != ATOM_NONE)
			strbuf_printf(out, ".%s", atom_name(ev->detail));
		else if (o != NULL && o->type == OBJ_INSTANCE &&
		    slot < o->as.inst->count)
			strbuf_printf(out, ".%s",
			    atom_name(o->as.inst->attrs[slot].name));
		else
			strbuf_puts(out, "attribute");
		strbuf_printf(out, " of #%" PRIu32, owner);
		break;
	case SITE_DICT_KEY:
		strbuf_puts(out, "key ");
		put_repr(h, ev->object, out);
		strbuf_printf(out, " of #%" PRIu32, owner);
		break;
	case SITE_DICT_VALUE:
		if (o != NULL && o->type == OBJ_DICT &&
		    slot < o->as.dict->count &&
		    o->as.dict->entries[slot].key != OBJ_NULL) {
			strbuf_printf(out, "#%" PRIu32 "[", owner);
			put_repr(h, o->as.dict->entries[slot].key, out);
			strbuf_putc(out, ']');
		} else
			strbuf_printf(out, "value of #%" PRIu32, owner);
		break;
	case SITE_SET:
		strbuf_printf(out, "element of #%" PRIu32, owner);
		break;
	case SITE_CLASS:
		strbuf_printf(out, "__class__ of #%" PRIu32, owner);
		break;
	case SITE_HELD:
	case SITE_FUNC_CONST:
		/* a cell's cell_contents, a bound method's __func__, a .py
		 * function's __closure__ or __defaults__: by the field's name;
		 * an exception's, a traceback's or a frame's by the name its
		 * event carries (the slot may be gone already) */
		if (o != NULL && o->type == OBJ_ITER && ev->site == SITE_HELD &&
		    o->as.iter->kind >= ITER_EXCEPTION &&
		    ev->detail != ATOM_NONE)
			strbuf_printf(out, "%s of #%" PRIu32,
			    atom_name(ev->detail), owner);
		else if (o != NULL && ((o->type == OBJ_ITER &&
		    ITER_IS_HOLDER(o->as.iter->kind) &&
		    slot < o->as.iter->count) || (o->type == OBJ_FUNCTION &&
		    (o->as.fn->closure || o->as.fn->defaults) &&
		    slot < o->as.fn->const_cap))) {
			struct heap_ref ref = { ev->site, slot, OBJ_NULL };

			heap_ref_label(h, owner, &ref, out);
			if (o->type == OBJ_FUNCTION)
				strbuf_printf(out, " of %s",
				    function_name(h, owner));
			else
				strbuf_printf(out, " of #%" PRIu32, owner);
		} else if (ev->site == SITE_HELD)
			strbuf_printf(out, "what #%" PRIu32 " iterates over",
			    owner);
		else
			strbuf_printf(out, "co_consts[%" PRIu32 "] of %s",
			    slot, function_name(h, owner));
		break;
	case SITE_CONST:
		strbuf_puts(out, "constant of this step");
		break;
	case SITE_NAME:
		if (ev->detail != ATOM_NONE)
			strbuf_puts(out, atom_name(ev->detail));
		else if (owner < h->frame_count &&
		    slot < h->frames[owner].name_count)
			strbuf_puts(out,
			    atom_name(h->frames[owner].names[slot].name));
		else
			strbuf_puts(out, "a name");
		break;
	case SITE_FRAME_FUNC:
		strbuf_printf(out, "the function of frame %" PRIu32, owner);
		break;
	case SITE_FRAME_OBJ:
		strbuf_printf(out, "the frame object of frame %" PRIu32, owner);
		break;
	case SITE_STACK:
		strbuf_puts(out, "a temporary");
		break;
	default:
		strbuf_puts(out, "?");
		break;
	}
}

static void
put_placeholder(const struct heap *h, const struct event *ev, char c,
    struct strbuf *out)
{
	const struct frame *f;
	uint32_t slot;

	switch (c) {
	case 'n':
		strbuf_puts(out, atom_name(ev->detail));
		break;
	case 'b':
		if (ev->owner < h->frame_count &&
		    ev->index < h->frames[ev->owner].name_count)
			strbuf_puts(out, atom_name(
			    h->frames[ev->owner].names[ev->index].name));
		else
			strbuf_puts(out, "?");
		break;
	case 't':
		strbuf_puts(out, known(h, ev->object) ?
		    heap_type_name(h, ev->object) : "?");
		break;
	case 's':
		slot = ev->kind == EV_INCREF || ev->kind == EV_DECREF ?
		    ev->aux : ev->index;
		describe_site(h, ev, slot, out);
		break;
	case 'o':
		strbuf_printf(out, "#%" PRIu32, ev->owner);
		break;
	case 'k':
		put_repr(h, ev->object, out);
		break;
	case 'f':
		strbuf_puts(out, function_name(h, ev->object));
		break;
	case 'F':
		strbuf_puts(out, function_name(h, ev->owner));
		break;
	case 'L':
		f = ev->owner < h->frame_count ? &h->frames[ev->owner] : NULL;
		strbuf_puts(out, f != NULL && f->function != OBJ_NULL ?
		    function_name(h, f->function) : "<module>");
		break;
	case 'g':
		strbuf_printf(out, "%" PRIu32, ev->owner);
		break;
	case 'i':
		strbuf_printf(out, "%" PRIu32, ev->index);
		break;
	case 'p':
		strbuf_puts(out, gc_phase_name(ev->owner));
		break;
	case 'r':
		strbuf_printf(out, "%" PRId32, (int32_t)ev->owner);
		break;
	case 'c':
		if (ev->owner == GC_SETTING_ENABLED)
			strbuf_puts(out, ev->index ? "gc.enable()" :
			    "gc.disable()");
		else if (ev->owner <= GC_SETTING_THRESHOLD2)
			strbuf_printf(out, "threshold %u = %" PRIu32,
			    (unsigned)(ev->owner - GC_SETTING_THRESHOLD0),
			    ev->index);
		else
			strbuf_printf(out, "%s = %" PRIu32, ev->owner ==
			    GC_SETTING_LONG_LIVED_TOTAL ? "long_lived_total" :
			    "long_lived_pending", ev->index);
		break;
	default:
		strbuf_putc(out, c);
		break;
	}
}

/* ---- reading ---- */

typedef void event_read_fn(const struct heap *h, const struct event *ev,
    struct event_reading *r);

static void
add_ref(struct event_reading *r, uint8_t site, uint32_t holder, uint32_t slot,
    objid_t target)
{
	r->added[r->added_count++] = (struct event_ref){ site, holder, slot,
	    target };
}

static void
remove_ref(struct event_reading *r, uint8_t site, uint32_t holder,
    uint32_t slot, objid_t target)
{
	r->removed[r->removed_count++] = (struct event_ref){ site, holder,
	    slot, target };
}

/* The slot a slot event names: an instance's class has one, number 0. */
static uint32_t
slot_number(const struct event *ev)
{
	return ev->site == SITE_CLASS ? 0 : ev->index;
}

static void
read_alloc(const struct heap *h, const struct event *ev,
    struct event_reading *r)
{
	const struct object *o = h != NULL ? heap_object(h, ev->object) :
	    NULL;

	r->born = ev->object;
	if (ev->flags & EVF_TRACKED)
		r->regen = ev->object;
	if (ev->flags & EVF_COUNTED) {
		r->gen_counted = 0;
		r->gen_change = 1;
	}
	if (o != NULL && o->type == OBJ_INSTANCE &&
	    o->as.inst->cls != OBJ_NULL)
		add_ref(r, SITE_CLASS, ev->object, 0, o->as.inst->cls);
	/* a subclass holds its base three times, none drawn */
	if (o != NULL && o->type == OBJ_CLASS &&
	    o->as.cls->base != OBJ_NULL) {
		r->count_up = o->as.cls->base;
		r->count_by = HEAP_CLASS_BASE_REFS;
	}
}

static void
read_incref(const struct heap *h, const struct event *ev,
    struct event_reading *r)
{
	(void)h;
	r->count_up = ev->object;
}

static void
read_decref(const struct heap *h, const struct event *ev,
    struct event_reading *r)
{
	(void)h;
	r->count_down = ev->object;
}

static void
read_bind(const struct heap *h, const struct event *ev,
    struct event_reading *r)
{
	(void)h;
	add_ref(r, SITE_NAME, ev->owner, ev->index, ev->object);
	if (ev->other != OBJ_NULL)
		remove_ref(r, SITE_NAME, ev->owner, ev->index, ev->other);
}

static void
read_unbind(const struct heap *h, const struct event *ev,
    struct event_reading *r)
{
	(void)h;
	remove_ref(r, SITE_NAME, ev->owner, ev->index, ev->object);
}

static void
read_slot_set(const struct heap *h, const struct event *ev,
    struct event_reading *r)
{
	(void)h;
	add_ref(r, ev->site, ev->owner, ev->index, ev->object);
	remove_ref(r, ev->site, ev->owner, ev->index, ev->other);
}

/* SLOT_INSERT, CONST_STORE: one reference into a new slot. */
static void
read_insert(const struct heap *h, const struct event *ev,
    struct event_reading *r)
{
	(void)h;
	add_ref(r, ev->site, ev->owner, slot_number(ev), ev->object);
}

/* SLOT_REMOVE, SET_DISCARD, CONST_DROP: one slot's reference goes. */
static void
read_remove(const struct heap *h, const struct event *ev,
    struct event_reading *r)
{
	(void)h;
	remove_ref(r, ev->site, ev->owner, slot_number(ev), ev->object);
}

static void
read_dict_insert(const struct heap *h, const struct event *ev,
    struct event_reading *r)
{
	(void)h;
	add_ref(r, SITE_DICT_KEY, ev->owner, ev->index, ev->object);
	add_ref(r, SITE_DICT_VALUE, ev->owner, ev->index, ev->other);
}

static void
read_dict_remove(const struct heap *h, const struct event *ev,
    struct event_reading *r)
{
	(void)h;
	remove_ref(r, SITE_DICT_KEY, ev->owner, ev->index, ev->object);
	remove_ref(r, SITE_DICT_VALUE, ev->owner, ev->index, ev->other);
}

static void
read_set_add(const struct heap *h, const struct event *ev,
    struct event_reading *r)
{
	(void)h;
	add_ref(r, SITE_SET, ev->owner, ev->index, ev->object);
	r->reordered = (ev->flags & (EVF_RESIZED | EVF_CLEAN)) != 0;
}

static void
read_frame_push(const struct heap *h, const struct event *ev,
    struct event_reading *r)
{
	(void)h;
	r->frame_pushed = ev->owner;
	add_ref(r, SITE_FRAME_FUNC, ev->owner, 0, ev->object);
}

static void
read_frame_pop(const struct heap *h, const struct event *ev,
    struct event_reading *r)
{
	(void)h;
	r->frame_popped = ev->owner;
	remove_ref(r, SITE_FRAME_FUNC, ev->owner, 0, ev->object);
}

static void
read_free(const struct heap *h, const struct event *ev,
    struct event_reading *r)
{
	(void)h;
	r->freed = ev->object;
	r->by_collector = ev->reason == REASON_COLLECTOR;
	if (ev->flags & EVF_COUNTED) {
		r->gen_counted = 0;
		r->gen_change = -1;
	}
}

/* GC_TRACK, GC_UNTRACK, GC_MOVE. */
static void
read_gc_list(const struct heap *h, const struct event *ev,
    struct event_reading *r)
{
	(void)h;
	r->regen = ev->object;
}

static void
read_gc_merge(const struct heap *h, const struct event *ev,
    struct event_reading *r)
{
	(void)h;
	(void)ev;
	r->regen_all = true;
}

static void
read_gc_begin(const struct heap *h, const struct event *ev,
    struct event_reading *r)
{
	(void)h;
	r->generation = ev->owner;
}

static void
read_gc_phase(const struct heap *h, const struct event *ev,
    struct event_reading *r)
{
	(void)h;
	r->phase_number = event_phase(ev);
	r->phase = gc_phase_name(r->phase_number);
}

static void
read_gc_end(const struct heap *h, const struct event *ev,
    struct event_reading *r)
{
	(void)h;
	r->generation = ev->owner;
	r->collected = ev->index;
	r->uncollectable = ev->other;
}

static void
read_gc_refs(const struct heap *h, const struct event *ev,
    struct event_reading *r)
{
	(void)h;
	r->gc_object = ev->object;
	r->gc_refs_set = true;
	r->gc_refs = (int32_t)ev->owner;
	/* a reference from inside or from a survivor: the referrer's */
	r->gc_from = ev->reason == REASON_GC_INTERNAL ||
	    ev->reason == REASON_GC_REACHED ? ev->index : ev->object;
}

static void
read_gc_mark(const struct heap *h, const struct event *ev,
    struct event_reading *r)
{
	(void)h;
	r->gc_object = ev->object;
	r->rescued = (ev->flags & EVF_RESCUE) != 0;
	if (ev->flags & EVF_CLEAR)
		return;
	if (ev->owner == OBJ_NULL && ev->site == SITE_NAME) {
		r->gc_from_frames = true;
		r->gc_via = ev->index;
		return;
	}
	r->gc_from = ev->owner;
	/* a rescue names the referrer, not the slot it followed */
	if (!r->rescued && ev->site != SITE_NONE)
		r->gc_via = ev->index;
}

static void
read_gc_unreachable(const struct heap *h, const struct event *ev,
    struct event_reading *r)
{
	(void)h;
	r->gc_object = ev->object;
	r->unreachable = true;
	r->tentative = ev->reason == REASON_GC_TENTATIVE;
	if (r->tentative)
		r->gc_from = ev->object;
}

static void
read_gc_config(const struct heap *h, const struct event *ev,
    struct event_reading *r)
{
	(void)h;
	r->setting = ev->owner;
	r->setting_value = ev->index;
}

static void
read_iter_move(const struct heap *h, const struct event *ev,
    struct event_reading *r)
{
	(void)h;
	r->iter_moved = ev->object;
	r->iter_pos = (int32_t)ev->index;
}

static void
read_intern(const struct heap *h, const struct event *ev,
    struct event_reading *r)
{
	(void)h;
	r->interned = ev->object;
}

static void
read_weak_clear(const struct heap *h, const struct event *ev,
    struct event_reading *r)
{
	(void)h;
	r->weak_cleared = ev->object;
	r->weak_referent = ev->other;
}

static void
read_output(const struct heap *h, const struct event *ev,
    struct event_reading *r)
{
	(void)h;
	r->output = event_output(ev, &r->text_at, &r->text_len);
}

static void
read_gc_count(const struct heap *h, const struct event *ev,
    struct event_reading *r)
{
	(void)h;
	r->gen_counted = ev->owner;
	r->gen_change = (int32_t)(ev->index - ev->other);
}

/* SAY: nothing the readers show. */
static void
read_nothing(const struct heap *h, const struct event *ev,
    struct event_reading *r)
{
	(void)h;
	(void)ev;
	(void)r;
}

/* ---- the kinds ---- */

/* Each kind of event: its name in the trace, how it applies, how it is
 * undone and how it reads.  (Its reasons are rows of reason_rows: they
 * depend on the reason and the site as much as on the kind.) */
struct event_kind_row {
	const char		*name;
	event_fn		*apply;
	event_fn		*undo;
	event_read_fn		*read;
};

static const struct event_kind_row kinds[EVENT_KIND_COUNT] = {
	[EV_ALLOC] = { "alloc", alloc_apply, alloc_undo, read_alloc },
	[EV_INCREF] = { "incref", incref_apply, incref_undo, read_incref },
	[EV_DECREF] = { "decref", decref_apply, decref_undo, read_decref },
	[EV_BIND] = { "bind", apply_bind, apply_bind, read_bind },
	[EV_UNBIND] = { "unbind", apply_unbind, apply_unbind, read_unbind },
	[EV_SLOT_SET] = { "slot_set", apply_slot_set, apply_slot_set,
	    read_slot_set },
	[EV_SLOT_INSERT] = { "slot_insert", slot_add, slot_take, read_insert },
	[EV_SLOT_REMOVE] = { "slot_remove", slot_take, slot_add, read_remove },
	[EV_DICT_INSERT] = { "dict_insert", dict_insert, dict_take,
	    read_dict_insert },
	[EV_DICT_REMOVE] = { "dict_remove", dict_take, dict_untake,
	    read_dict_remove },
	[EV_SET_ADD] = { "set_add", apply_set_add, undo_set_add, read_set_add },
	[EV_SET_DISCARD] = { "set_discard", apply_set_discard,
	    apply_set_discard, read_remove },
	[EV_CONST_STORE] = { "const_store", const_put, const_take,
	    read_insert },
	[EV_CONST_DROP] = { "const_drop", const_take, const_put, read_remove },
	[EV_FRAME_PUSH] = { "frame_push", frame_open, frame_close,
	    read_frame_push },
	[EV_FRAME_POP] = { "frame_pop", frame_close, frame_open,
	    read_frame_pop },
	[EV_FREE] = { "free", apply_free, apply_free, read_free },
	[EV_GC_TRACK] = { "gc_track", gc_track, gc_track, read_gc_list },
	[EV_GC_UNTRACK] = { "gc_untrack", gc_untrack, gc_untrack,
	    read_gc_list },
	[EV_GC_MOVE] = { "gc_move", gc_move, gc_move, read_gc_list },
	[EV_GC_MERGE] = { "gc_merge", apply_gc_merge, undo_gc_merge,
	    read_gc_merge },
	[EV_GC_BEGIN] = { "gc_begin", no_change, no_change, read_gc_begin },
	[EV_GC_PHASE] = { "gc_phase", no_change, no_change, read_gc_phase },
	[EV_GC_REFS] = { "gc_refs", apply_gc_refs, apply_gc_refs,
	    read_gc_refs },
	[EV_GC_MARK] = { "gc_mark", apply_gc_mark, undo_gc_mark, read_gc_mark },
	[EV_GC_UNREACHABLE] = { "gc_unreachable", apply_gc_unreachable,
	    unset_marks, read_gc_unreachable },
	[EV_GC_END] = { "gc_end", no_change, no_change, read_gc_end },
	[EV_GC_COUNT] = { "gc_count", gc_count, gc_count, read_gc_count },
	[EV_GC_CONFIG] = { "gc_config", gc_config, gc_config, read_gc_config },
	[EV_SAY] = { "say", no_change, no_change, read_nothing },
	[EV_OUTPUT] = { "output", no_change, no_change, read_output },
	[EV_ITER_MOVE] = { "iter_move", iter_move, iter_move, read_iter_move },
	[EV_INTERN] = { "intern", apply_intern, apply_intern, read_intern },
	[EV_FINALIZED] = { "finalized", apply_finalized, apply_finalized,
	    read_nothing },
	[EV_WEAK_CLEAR] = { "weak_clear", apply_weak_clear, apply_weak_clear,
	    read_weak_clear },
	[EV_HASH] = { "hash", apply_hash, apply_hash, read_nothing },
};

/* The row of ev's kind, which must be one. */
static const struct event_kind_row *
kind_of(const struct heap *h, const struct event *ev, bool undo)
{
	REQUIRE(ev->kind < EVENT_KIND_COUNT, "unknown event kind %u",
	    (unsigned)ev->kind);
	return &kinds[ev->kind];
}

void
event_apply(struct heap *h, const struct event *ev)
{
	kind_of(h, ev, false)->apply(h, ev, false, NULL);
	h->position++;
}

void
event_apply_first(struct heap *h, struct event *ev)
{
	kind_of(h, ev, false)->apply(h, ev, false, ev);
	h->position++;
}

void
event_undo(struct heap *h, const struct event *ev)
{
	const bool undo = true;

	REQUIRE(h->position > 0, "nothing to undo");
	kind_of(h, ev, undo)->undo(h, ev, undo, NULL);
	h->position--;
}

bool
event_ref_in_frame(const struct event_ref *ref)
{
	return ref->site == SITE_NAME || ref->site == SITE_CONST ||
	    ref->site == SITE_FRAME_FUNC || ref->site == SITE_FRAME_OBJ;
}

void
event_read(const struct heap *h, const struct event *ev,
    struct event_reading *r)
{
	/* copied whole: cheaper than clearing it field by field */
	static const struct event_reading blank = {
		.frame_pushed = EVENT_NO_FRAME,
		.frame_popped = EVENT_NO_FRAME,
		.setting = EVENT_NO_SETTING,
		.gc_via = EVENT_ANY_SLOT,
		.gen_counted = EVENT_NO_GEN,
		.phase_number = EVENT_NO_PHASE,
		.count_by = 1
	};

	*r = blank;
	if (ev->kind >= EVENT_KIND_COUNT)
		return;
	r->subject = ev->object;
	r->collection = event_collection(ev);
	kinds[ev->kind].read(h, ev, r);
}

const char *
event_kind_name(enum event_kind kind)
{
	if ((unsigned)kind >= EVENT_KIND_COUNT)
		return "?";
	return kinds[kind].name;
}

void
event_describe(const struct heap *h, const struct event *ev,
    struct strbuf *out)
{
	const char *p;
	size_t i;

	for (i = 0; i < sizeof reason_rows / sizeof reason_rows[0]; i++) {
		if (!row_matches(&reason_rows[i], ev))
			continue;
		for (p = reason_rows[i].text; *p != '\0'; p++) {
			if (*p == '%' && p[1] != '\0')
				put_placeholder(h, ev, *++p, out);
			else
				strbuf_putc(out, *p);
		}
		return;
	}
	strbuf_puts(out, event_kind_name(ev->kind));
}
