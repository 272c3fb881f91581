/*
 * refcount.c: increfs, decrefs and deallocation.
 *
 * Deallocation is the subtle part.  CPython frees recursively: list_dealloc
 * decrefs an item, whose count reaches zero, whose dealloc runs at once,
 * before the list's next item is dropped.  We keep that order -- depth
 * first, each object's references dropped in its type's tp_dealloc order --
 * but walk it with an explicit stack of objects being freed, so a long chain
 * costs memory, not C stack.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "base/xalloc.h"
#include "sim/gctrack.h"
#include "sim/machine.h"
#include "sim/refcount.h"
#include "sim/version.h"

void
refcount_fini(struct machine *m)
{
	struct refcount_state *st = &m->refcount;

	xfree(st->ids);
	xfree(st->cursors);
	st->ids = NULL;
	st->cursors = NULL;
	st->len = st->cap = 0;
}

void
refcount_incref(struct machine *m, objid_t id, enum event_reason reason,
    atom_t detail)
{
	machine_emit(m, (struct event){ .kind = EV_INCREF, .reason = reason,
	    .site = SITE_STACK, .object = id, .detail = detail });
}

void
refcount_decref_at(struct machine *m, uint32_t position,
    enum event_reason reason, atom_t detail)
{
	struct heap	*h = m->heap;
	objid_t		 id;

	if (m->failed)
		return;
	id = h->stack[position];
	if (!machine_emit(m, (struct event){ .kind = EV_DECREF,
	    .reason = reason, .site = SITE_STACK, .object = id,
	    .index = position, .detail = detail }))
		return;
	if (heap_object(h, id)->refcount == 0 &&
	    !(heap_object(h, id)->flags & OBJF_CACHED))
		refcount_free(m, id);
}

void
refcount_decref_top(struct machine *m, enum event_reason reason,
    atom_t detail)
{
	refcount_decref_at(m, machine_top(m), reason, detail);
}

/* Starts freeing id: out of the collector's lists, then the FREE event. */
static void
dealloc_begin(struct machine *m, objid_t id)
{
	const struct object	*o = heap_object(m->heap, id);
	bool			 by_collector = (o->flags & OBJF_UNREACHABLE) != 0;
	uint8_t			 flags = gctrack_release(m, id);

	machine_emit(m, (struct event){ .kind = EV_FREE,
	    .reason = by_collector ? REASON_COLLECTOR : REASON_REFCOUNT,
	    .flags = flags, .object = id });
}

/* The index of the attribute of instance id that dies next: CPython frees
 * an instance's values in the order of its class's shared keys, which is
 * the order the class first saw each name, not this instance's own. */
static int64_t
next_attribute(const struct heap *h, objid_t id)
{
	const struct pyinstance	*inst = heap_object(h, id)->as.inst;
	const struct pyclass	*cls = heap_object(h, inst->cls)->as.cls;
	int64_t			 best = -1;
	uint32_t		 best_rank = UINT32_MAX;

	for (uint32_t i = 0; i < inst->count; i++) {
		uint32_t rank = 0;

		while (rank < cls->key_count && cls->keys[rank] != inst->attrs[i].name)
			rank++;
		if (rank < best_rank) {
			best_rank = rank;
			best = i;
		}
	}
	return best;
}

/*
 * Drops the next reference a dying object holds, in its tp_dealloc order,
 * leaving it on top of the stack.  Returns false when nothing is left.
 * *cursor remembers where a dict's or a set's scan stopped (their deleted
 * entries stay in place), so freeing a big one stays linear.
 */
static bool
dealloc_drop_next(struct machine *m, objid_t id, uint32_t *cursor)
{
	struct heap	*h = m->heap;
	struct object	*o = heap_object(h, id);
	struct event	 ev = { .reason = REASON_DEALLOC, .owner = id };

	switch (o->type) {
	case OBJ_LIST:
	case OBJ_TUPLE:
		/* list_dealloc, tupledealloc: from the last item */
		if (o->as.seq->len == 0)
			return false;
		ev.kind = EV_SLOT_REMOVE;
		ev.site = SITE_ITEM;
		ev.index = o->as.seq->len - 1;
		ev.object = o->as.seq->items[ev.index];
		break;
	case OBJ_DICT: {
		/* free_keys_object: each entry's key, then its value */
		const struct pydict *d = o->as.dict;
		uint32_t i = *cursor;

		while (i < d->count && d->entries[i].key == OBJ_NULL)
			i++;
		*cursor = i;
		if (i == d->count)
			return false;
		ev.kind = EV_DICT_REMOVE;
		ev.site = SITE_DICT_KEY;
		ev.index = i;
		ev.object = d->entries[i].key;
		ev.other = d->entries[i].value;
		return machine_emit(m, ev);
	}
	case OBJ_SET: {
		int64_t i = settable_next(o->as.set, cursor);

		if (i < 0)
			return false;
		ev.kind = EV_SET_DISCARD;
		ev.site = SITE_SET;
		ev.index = (uint32_t)i;
		ev.object = o->as.set->entries[i].key;
		break;
	}
	case OBJ_INSTANCE: {
		int64_t i = next_attribute(h, id);

		if (i >= 0) {
			ev.kind = EV_SLOT_REMOVE;
			ev.site = SITE_ATTR;
			ev.index = (uint32_t)i;
			ev.object = o->as.inst->attrs[i].value;
			ev.detail = o->as.inst->attrs[i].name;
		} else if (o->as.inst->cls != OBJ_NULL) {
			/* subtype_dealloc drops the type last */
			ev.kind = EV_SLOT_REMOVE;
			ev.site = SITE_CLASS;
			ev.object = o->as.inst->cls;
		} else
			return false;
		break;
	}
	case OBJ_FUNCTION: {
		/* the code's co_consts tuple dies last to first */
		const struct pyfunction *fn = o->as.fn;

		if (fn->const_count == 0)
			return false;
		ev.kind = EV_CONST_DROP;
		ev.site = SITE_FUNC_CONST;
		ev.index = fn->const_count - 1;
		ev.object = fn->consts[ev.index];
		break;
	}
	case OBJ_RANGE:
	case OBJ_ITER:
		/* range_dealloc: start, stop, step, length; an iterator's
		 * dealloc: its sequence, when it still holds it */
		if (o->as.iter->count == 0)
			return false;
		ev.kind = EV_SLOT_REMOVE;
		ev.site = SITE_HELD;
		ev.index = 0;
		/* frame_dealloc: f_func, the locals (3.14: the last
		 * first), then f_back */
		if (o->as.iter->kind == ITER_FRAME)
			ev.index = refcount_frame_slot(m, o->as.iter, false);
		ev.object = o->as.iter->held[ev.index];
		ev.detail = o->as.iter->names[ev.index];
		break;
	default:
		return false;
	}
	return machine_emit(m, ev);
}

uint32_t
refcount_frame_slot(const struct machine *m, const struct pyiter *f,
    bool locals_only)
{
	const atom_t	f_back = atom_from("f_back"),
			f_func = atom_from("f_func");
	bool		last_first = version_rules(m->heap->python)->
			    locals_last_first;

	for (uint32_t i = 0; i < f->count && !locals_only; i++)
		if (f->names[i] == f_func)
			return i;
	for (uint32_t n = 0; n < f->count; n++) {
		uint32_t i = last_first ? f->count - 1 - n : n;

		if (f->names[i] != f_back && f->names[i] != f_func)
			return i;
	}
	return locals_only || f->count == 0 ? UINT32_MAX : 0;
}

bool
refcount_has_finalizer(const struct machine *m, objid_t id)
{
	const struct object *o = heap_object(m->heap, id);

	if (m->finalize == NULL || (o->flags & OBJF_FINALIZED))
		return false;
	/* _PyGen_Finalize closes a generator that has not ended */
	if (o->type == OBJ_ITER)
		return o->as.iter->kind == ITER_GENERATOR &&
		    o->as.iter->count > 0;
	return o->type == OBJ_INSTANCE && o->as.inst->cls != OBJ_NULL &&
	    heap_class_lookup(m->heap, o->as.inst->cls,
	    atom_from("__del__")) != OBJ_NULL;
}

objid_t *
refcount_weakrefs(const struct machine *m, objid_t id, uint32_t *n)
{
	objid_t *refs;

	*n = 0;
	if (m->weakrefs == 0 || !heap_weakrefable(m->heap, id) ||
	    (*n = heap_weakrefs_of(m->heap, id, NULL, 0)) == 0)
		return NULL;
	refs = xcalloc(*n, sizeof *refs);
	heap_weakrefs_of(m->heap, id, refs, *n);
	return refs;
}

/*
 * PyObject_ClearWeakRefs, as a dying object's dealloc calls it (after
 * its finalizer, before it drops what it holds): every weakref to it is
 * cleared in its list's order, each taking its callback out onto the
 * stack; then the callbacks are called, each with its weakref, in that
 * order; then dropped, the last first (the tuple CPython gathers them in
 * dies from its end).
 */
static void
clear_weakrefs(struct machine *m, objid_t id)
{
	struct heap	*h = m->heap;
	uint32_t	 n, base = h->stack_len, calls = 0;
	objid_t		*refs = refcount_weakrefs(m, id, &n);
	objid_t		*called;

	if (refs == NULL)
		return;
	called = xcalloc(n, sizeof *called);
	for (uint32_t i = 0; i < n && !m->failed; i++) {
		uint32_t at;
		objid_t	 callback = heap_weakref_callback(h, refs[i], &at);

		machine_emit(m, (struct event){ .kind = EV_WEAK_CLEAR,
		    .reason = REASON_DEALLOC, .object = refs[i],
		    .other = id });
		if (callback == OBJ_NULL)
			continue;
		machine_emit(m, (struct event){ .kind = EV_SLOT_REMOVE,
		    .reason = REASON_DEALLOC, .site = SITE_HELD,
		    .owner = refs[i], .index = at, .object = callback });
		called[calls++] = refs[i];
	}
	for (uint32_t i = 0; i < calls && !m->failed; i++)
		if (m->weak_callback != NULL)
			m->weak_callback(m, h->stack[base + i], called[i]);
	while (h->stack_len > base && !m->failed)
		refcount_decref_top(m, REASON_DEALLOC, ATOM_NONE);
	xfree(called);
	xfree(refs);
}

void
refcount_free(struct machine *m, objid_t id)
{
	struct refcount_state	*st = &m->refcount;
	uint32_t		 base;
	bool			 running;

	if (m->failed)
		return;
	if (refcount_has_finalizer(m, id)) {
		/* subtype_dealloc calls tp_finalize first, at once, even in
		 * the middle of a cascade: what dies while __del__ runs dies
		 * then, in its own cascade; then the finalizer's reference
		 * goes, and the object is freed, unless __del__ resurrected
		 * it. */
		running = st->running;
		st->running = false;
		m->finalize(m, id);
		st->running = running;
		return;
	}
	dealloc_begin(m, id);
	/* its weakrefs' callbacks run now, at once, as __del__ does */
	running = st->running;
	st->running = false;
	clear_weakrefs(m, id);
	st->running = running;
	if (st->len == st->cap) {
		st->cap = st->cap ? st->cap * 2 : 64;
		st->ids = xreallocarray(st->ids, st->cap, sizeof *st->ids);
		st->cursors = xreallocarray(st->cursors, st->cap,
		    sizeof *st->cursors);
	}
	st->cursors[st->len] = 0;
	st->ids[st->len++] = id;
	if (st->running)
		return;		/* the loop below, further up, takes it */

	st->running = true;
	base = st->len - 1;
	while (st->len > base && !m->failed) {
		objid_t top = st->ids[st->len - 1];
		bool pair;

		if (!dealloc_drop_next(m, top, &st->cursors[st->len - 1])) {
			st->len--;
			continue;
		}
		/* a dict entry pushed its key and value: key first */
		pair = heap_object(m->heap, top)->type == OBJ_DICT;
		if (pair)
			refcount_decref_at(m, machine_top(m) - 1,
			    REASON_DEALLOC, ATOM_NONE);
		refcount_decref_top(m, REASON_DEALLOC, ATOM_NONE);
	}
	st->running = false;
	st->len = base;
}
