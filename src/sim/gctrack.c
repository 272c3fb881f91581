/*
 * gctrack.c: which objects the collector tracks, and when (gctrack.h).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "sim/gctrack.h"
#include "sim/machine.h"
#include "sim/version.h"

uint8_t
gctrack_alloc_flags(const struct machine *m, objid_t id)
{
	const struct object	*o = heap_object(m->heap, id);
	enum obj_type		 type = o->type;

	/* dicts start untracked (gctrack_dict_store tracks them) before
	 * 3.14, and frame objects (_PyFrame_New_NoTrack: tracked once they
	 * own their frame's data); the other containers are tracked from
	 * birth; the textbook model tracks every live container */
	if (m->gc.model == GC_MODEL_TEXTBOOK)
		return EVF_TRACKED;
	if (type == OBJ_ITER && o->as.iter->kind == ITER_FRAME)
		return 0;
	if (type != OBJ_DICT || version_rules(m->heap->python)->dicts_tracked)
		return EVF_TRACKED;
	return 0;
}

void
gctrack_tuple_built(struct machine *m, objid_t id)
{
	const struct object	*o;
	const struct pyseq	*seq;

	if (id == OBJ_NULL || m->failed)
		return;
	o = heap_object(m->heap, id);
	seq = o->as.seq;
	if (!version_rules(m->heap->python)->untrack_new_tuples ||
	    m->gc.model == GC_MODEL_TEXTBOOK || !(o->flags & OBJF_TRACKED))
		return;
	for (uint32_t i = 0; i < seq->len; i++)
		if (heap_type_is_container(heap_object(m->heap,
		    seq->items[i])->type))
			return;
	machine_emit(m, (struct event){ .kind = EV_GC_UNTRACK,
	    .reason = REASON_GC, .object = id, .owner = o->gen,
	    .other = o->gc_prev });
}

bool
gctrack_may_be_tracked(const struct machine *m, objid_t id)
{
	const struct object *o = heap_object(m->heap, id);

	if (!heap_type_is_container(o->type))
		return false;
	if (o->type == OBJ_TUPLE)
		return (o->flags & OBJF_TRACKED) != 0;
	return true;
}

void
gctrack_dict_store(struct machine *m, objid_t dict, objid_t key,
    objid_t value)
{
	if (heap_object(m->heap, dict)->flags & OBJF_TRACKED ||
	    m->gc.model == GC_MODEL_TEXTBOOK)
		return;
	if (gctrack_may_be_tracked(m, key) || gctrack_may_be_tracked(m, value))
		machine_emit(m, (struct event){ .kind = EV_GC_TRACK,
		    .reason = REASON_GC, .object = dict, .owner = 0 });
}

void
gctrack_now(struct machine *m, objid_t id)
{
	if (!(heap_object(m->heap, id)->flags & OBJF_TRACKED))
		machine_emit(m, (struct event){ .kind = EV_GC_TRACK,
		    .reason = REASON_GC, .object = id, .owner = 0 });
}

void
gctrack_recycled(struct machine *m, objid_t tuple)
{
	gctrack_now(m, tuple);
}

static bool
tuple_may_untrack(const struct machine *m, objid_t id)
{
	const struct pyseq *seq = heap_object(m->heap, id)->as.seq;

	for (uint32_t i = 0; i < seq->len; i++)
		if (gctrack_may_be_tracked(m, seq->items[i]))
			return false;
	return true;
}

static bool
dict_may_untrack(const struct machine *m, objid_t id)
{
	const struct pydict *d = heap_object(m->heap, id)->as.dict;

	for (uint32_t i = 0; i < d->count; i++) {
		if (d->entries[i].key == OBJ_NULL)
			continue;
		if (gctrack_may_be_tracked(m, d->entries[i].key) ||
		    gctrack_may_be_tracked(m, d->entries[i].value))
			return false;
	}
	return true;
}

void
gctrack_untrack_atomic(struct machine *m, int g, enum obj_type type)
{
	struct heap	*h = m->heap;
	objid_t		 id = h->gens[g].head;

	if (type == OBJ_DICT && version_rules(h->python)->dicts_tracked)
		return;
	while (id != OBJ_NULL && !m->failed) {
		objid_t next = heap_object(h, id)->gc_next;
		const struct object *o = heap_object(h, id);

		if (o->type == type && (type == OBJ_TUPLE ?
		    tuple_may_untrack(m, id) : dict_may_untrack(m, id)))
			machine_emit(m, (struct event){ .kind = EV_GC_UNTRACK,
			    .reason = REASON_GC, .object = id,
			    .owner = (uint32_t)g, .other = o->gc_prev });
		id = next;
	}
}

uint8_t
gctrack_release(struct machine *m, objid_t id)
{
	struct heap		*h = m->heap;
	const struct object	*o = heap_object(h, id);

	if (o->flags & OBJF_TRACKED)
		machine_emit(m, (struct event){ .kind = EV_GC_UNTRACK,
		    .reason = REASON_GC, .object = id, .owner = o->gen,
		    .other = o->gc_prev });
	/* PyObject_GC_Del: the gen-0 count drops, but not below 0 */
	if (heap_type_is_container(o->type) && h->gens[0].count > 0)
		return EVF_COUNTED;
	return 0;
}
