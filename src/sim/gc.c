/*
 * gc.c: CPython 3.11's cycle collector (Modules/gcmodule.c), on the model.
 *
 * Reference counting cannot free a cycle: each member keeps the next one's
 * count above zero.  The collector finds such groups without knowing the
 * roots.  For each object of the generation being collected it starts from
 * the reference count (update_refs) and subtracts every reference coming
 * from inside the generation (subtract_refs).  What is left, gc_refs, counts
 * references from outside: an object with gc_refs > 0 is certainly
 * reachable, and so is everything it reaches (move_unreachable).  The rest
 * is garbage: the collector clears each garbage object's references
 * (delete_garbage), and ordinary reference counting frees the lot.
 *
 * Orders matter -- they decide which object dies first -- so this file keeps
 * CPython's: generation lists in allocation order, younger generations
 * appended to the one collected, objects found reachable late moved to the
 * end of the list, referents visited in each type's tp_traverse order.
 *
 * The computation runs on scratch arrays; then its outcome is emitted as
 * events (objects found unreachable, survivors moved, generations merged,
 * objects cleared and freed), so the timeline can replay and undo it.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "sim/gc.h"
#include "sim/gctrack.h"
#include "sim/version.h"
#include "sim/machine.h"
#include "sim/refcount.h"

/*
 * A map from object ids to numbers, for a collection's scratch: sized by
 * what is collected, not by every id the run ever made.  (Ids are never
 * reused, so an array indexed by id made each collection cost the whole
 * history of the run, and a million gc.collect() calls quadratic.)  Open
 * addressing, at most half full; OBJ_NULL marks a free entry.
 */
struct idmap {
	objid_t		*keys;
	uint32_t	*values;
	uint32_t	 mask;		/* entries - 1, a power of two */
};

/* A map for at most count ids. */
static void
idmap_init(struct idmap *map, uint32_t count)
{
	uint32_t entries = 16;

	while (entries / 2 < count + 1)
		entries *= 2;
	map->keys = xcalloc(entries, sizeof *map->keys);
	map->values = xcalloc(entries, sizeof *map->values);
	map->mask = entries - 1;
}

static uint32_t
idmap_find(const struct idmap *map, objid_t id)
{
	uint32_t i = (id * 2654435761u) & map->mask;

	while (map->keys[i] != OBJ_NULL && map->keys[i] != id)
		i = (i + 1) & map->mask;
	return i;
}

static void
idmap_put(struct idmap *map, objid_t id, uint32_t value)
{
	uint32_t i = idmap_find(map, id);

	map->keys[i] = id;
	map->values[i] = value;
}

/* The value of id, 0 when it has none (or the map was never made: a
 * collection gc_referents borrows only for its traverse). */
static uint32_t
idmap_get(const struct idmap *map, objid_t id)
{
	uint32_t i;

	if (map->keys == NULL)
		return 0;
	i = idmap_find(map, id);
	return map->keys[i] == id ? map->values[i] : 0;
}

static void
idmap_free(struct idmap *map)
{
	xfree(map->keys);
	xfree(map->values);
}

/* Scratch state of one collection, indexed by position in `young`. */
struct collection {
	struct machine	*m;
	int		 generation;
	objid_t		*young;		/* the collected list, in order */
	uint32_t	 count;
	struct idmap	 slot_of;	/* id -> 1 + index in young, 0 = not in it */
	struct idmap	 view_of;	/* a young instance's dict that views
					   its inline values -> 1 + its
					   index (version_dict_view) */
	int64_t		*refs;		/* gc_refs */
	bool		*unreachable;	/* tentatively unreachable */
	bool		*collecting;	/* not yet scanned by move_unreachable */
	bool		*resurrected;	/* reachable again after a finalizer */
	uint32_t	*next;		/* linked lists over young indices */
	uint32_t	*prev;
	uint32_t	 young_head, young_tail;	/* still young */
	uint32_t	 unreach_head, unreach_tail;	/* unreachable */
	objid_t		 current;	/* whose references are being visited */
	objid_t		*found;		/* gc_referents: what was visited */
	uint32_t	 found_count, found_cap;
	void		*scratch;	/* gc_referrers' */
};

#define NIL UINT32_MAX

static void
emit(struct machine *m, enum event_kind kind, objid_t object, uint32_t owner,
    uint32_t index, uint32_t other)
{
	machine_emit(m, (struct event){ .kind = kind, .reason = REASON_GC,
	    .object = object, .owner = owner, .index = index, .other = other });
}

/* gc_refs of id becomes value (an event, so the viewer can show it). */
static void
set_refs(struct machine *m, objid_t id, int64_t value, enum event_reason why,
    objid_t referrer)
{
	machine_emit(m, (struct event){ .kind = EV_GC_REFS, .reason = why,
	    .object = id, .owner = (uint32_t)(int32_t)value,
	    .other = (uint32_t)heap_object(m->heap, id)->gc_refs,
	    .index = referrer });
}

static void
mark(struct machine *m, objid_t id, objid_t referrer, enum site_kind site,
    uint32_t index, atom_t name)
{
	machine_emit(m, (struct event){ .kind = EV_GC_MARK, .reason = REASON_GC,
	    .object = id, .owner = referrer, .site = site, .index = index,
	    .detail = name });
}

static void
unreachable(struct machine *m, objid_t id, enum event_reason why)
{
	machine_emit(m, (struct event){ .kind = EV_GC_UNREACHABLE,
	    .reason = why, .object = id });
}

/* The attribute an instance's real dict is (interp.c's instance_dict). */
static atom_t
dict_atom(void)
{
	/* not cached: the atom table is reset between runs in the tests */
	return atom_from("__dict__");
}

/* When id is an instance whose real dict views its inline values
 * (version_dict_view), notes the dict in c->view_of as value. */
static void
note_view(struct collection *c, objid_t id, uint32_t value)
{
	const struct heap *h = c->m->heap;
	int64_t d = heap_object(h, id)->type == OBJ_INSTANCE ?
	    heap_attr_index(h, id, dict_atom()) : -1;

	if (d >= 0 && version_dict_view(h, id,
	    heap_attrs(h, id)->attrs[d].value))
		idmap_put(&c->view_of, heap_attrs(h, id)->attrs[d].value,
		    value);
}

/* ---- tp_traverse, in CPython's order ---- */

typedef void (*visit_fn)(struct collection *c, objid_t referent);

/* The values of dict d, which views an instance of class cls (3.13 on):
 * in its shared keys' order, as _PyObject_VisitManagedDict visits the
 * inline values, then those whose names the model's keys have not learnt
 * (version_dict_view), in d's order. */
static void
visit_view(struct collection *c, const struct pyclass *cls, objid_t d,
    visit_fn visit)
{
	const struct heap	*h = c->m->heap;
	const struct pydict	*dd = heap_object(h, d)->as.dict;
	uint32_t		 visited = 0;
	objid_t			 instance = c->current;

	/* the model draws the values as the dict's: its events say that
	 * the dict refers to them, as it does on the screen */
	c->current = d;
	for (uint32_t k = 0; k < cls->key_count; k++) {
		const char	*name = atom_name(cls->keys[k]);
		size_t		 len = atom_length(cls->keys[k]);

		for (uint32_t i = 0; i < dd->count; i++) {
			const struct pystr *s;

			if (dd->entries[i].key == OBJ_NULL)
				continue;
			s = heap_object(h, dd->entries[i].key)->as.s;
			if (s->len == len && memcmp(s->data, name, len) == 0) {
				visit(c, dd->entries[i].value);
				visited++;
			}
		}
	}
	for (uint32_t i = 0; i < dd->count && visited < dd->live; i++) {
		bool known = false;
		const struct pystr *s;

		if (dd->entries[i].key == OBJ_NULL)
			continue;
		s = heap_object(h, dd->entries[i].key)->as.s;
		for (uint32_t k = 0; k < cls->key_count && !known; k++)
			known = atom_length(cls->keys[k]) == s->len &&
			    memcmp(atom_name(cls->keys[k]), s->data,
			    s->len) == 0;
		if (!known)
			visit(c, dd->entries[i].value);
	}
	c->current = instance;
}

static void
traverse(struct collection *c, objid_t id, visit_fn visit)
{
	const struct heap	*h = c->m->heap;
	const struct object	*o = heap_object(h, id);

	switch (o->type) {
	case OBJ_LIST:
	case OBJ_TUPLE:
		/* list_traverse, tupletraverse: last item first */
		for (uint32_t i = o->as.seq->len; i-- > 0;)
			visit(c, o->as.seq->items[i]);
		break;
	case OBJ_DICT: {
		/* dict_traverse: each entry's value, then its key -- but only
		 * the values of a dict whose keys are all strs (DK_IS_UNICODE;
		 * a str is never the collector's); nothing of a dict that
		 * views an instance's inline values (3.13 on: they are the
		 * instance's to visit) */
		bool unicode = true;

		if (idmap_get(&c->view_of, id) != 0)
			break;
		for (uint32_t i = 0; i < o->as.dict->count; i++)
			if (o->as.dict->entries[i].key != OBJ_NULL &&
			    heap_object(h, o->as.dict->entries[i].key)->type !=
			    OBJ_STR)
				unicode = false;
		for (uint32_t i = 0; i < o->as.dict->count; i++) {
			const struct dict_entry *e = &o->as.dict->entries[i];

			if (e->key == OBJ_NULL)
				continue;
			visit(c, e->value);
			if (!unicode)
				visit(c, e->key);
		}
		break;
	}
	case OBJ_SET: {
		uint32_t cursor = 0;
		int64_t i;

		while ((i = settable_next(o->as.set, &cursor)) >= 0)
			visit(c, o->as.set->entries[i].key);
		break;
	}
	case OBJ_INSTANCE: {
		/* subtype_traverse: the values in shared-key order, then the
		 * type (instances count as references to a heap type) */
		const struct pyinstance *inst = o->as.inst;
		const struct pyclass *cls = heap_object(h, inst->cls)->as.cls;

		for (uint32_t k = 0; k < cls->key_count; k++)
			for (uint32_t i = 0; i < inst->count; i++)
				if (inst->attrs[i].name == cls->keys[k])
					visit(c, inst->attrs[i].value);
		/* then its real dict, if it has one (never a shared key);
		 * 3.13 on, while that dict views the values, the values
		 * instead (they are still the instance's) */
		for (uint32_t i = 0; i < inst->count; i++) {
			objid_t d = inst->attrs[i].value;

			if (inst->attrs[i].name != dict_atom())
				continue;
			if (idmap_get(&c->view_of, d) != 0)
				visit_view(c, cls, d, visit);
			else
				visit(c, d);
		}
		if (inst->cls != OBJ_NULL)
			visit(c, inst->cls);
		break;
	}
	case OBJ_ITER:
		/* an exception of a heap type: subtype_traverse visits its
		 * class (the last slot) before BaseException_traverse */
		if (o->as.iter->kind == ITER_EXCEPTION &&
		    heap_exception_class(h, id) != OBJ_NULL)
			visit(c, heap_exception_class(h, id));
		/* listiter_traverse and the others: the sequence */
		for (uint32_t i = 0; i < o->as.iter->count; i++)
			if (o->as.iter->kind != ITER_EXCEPTION ||
			    o->as.iter->names[i] != atom_from("__class__"))
				visit(c, o->as.iter->held[i]);
		break;
	case OBJ_FUNCTION: {
		/* func_traverse: a .py function's __defaults__, then its
		 * __closure__ (its own fields, not its code's constants) */
		objid_t d = heap_function_defaults_of(h, id);

		if (d != OBJ_NULL)
			visit(c, d);
		if (o->as.fn->closure && o->as.fn->const_count > 0)
			visit(c, o->as.fn->consts[0]);
		break;
	}
	default:
		/* functions hold their constants through their code object,
		 * which the collector does not track; classes hold nothing
		 * the model draws */
		break;
	}
}

static uint32_t
slot(const struct collection *c, objid_t id)
{
	return idmap_get(&c->slot_of, id);
}

/* ---- deduce_unreachable ---- */

static void
visit_decref(struct collection *c, objid_t referent)
{
	uint32_t s = slot(c, referent);

	if (s == 0)
		return;
	c->refs[s - 1]--;
	set_refs(c->m, referent, c->refs[s - 1], REASON_GC_INTERNAL,
	    c->current);
}

static void
list_unlink(struct collection *c, uint32_t i, uint32_t *head, uint32_t *tail)
{
	if (c->prev[i] != NIL)
		c->next[c->prev[i]] = c->next[i];
	else
		*head = c->next[i];
	if (c->next[i] != NIL)
		c->prev[c->next[i]] = c->prev[i];
	else
		*tail = c->prev[i];
	c->next[i] = c->prev[i] = NIL;
}

static void
list_append(struct collection *c, uint32_t i, uint32_t *head, uint32_t *tail)
{
	c->prev[i] = *tail;
	c->next[i] = NIL;
	if (*tail != NIL)
		c->next[*tail] = i;
	else
		*head = i;
	*tail = i;
}

static void
visit_reachable(struct collection *c, objid_t referent)
{
	uint32_t s = slot(c, referent), i;

	if (s == 0)
		return;
	i = s - 1;
	if (!c->collecting[i])
		return;
	if (c->unreachable[i]) {
		/* found reachable after all: back to the end of young */
		list_unlink(c, i, &c->unreach_head, &c->unreach_tail);
		list_append(c, i, &c->young_head, &c->young_tail);
		c->unreachable[i] = false;
		c->refs[i] = 1;
		machine_emit(c->m, (struct event){ .kind = EV_GC_MARK,
		    .reason = REASON_GC, .flags = EVF_RESCUE,
		    .object = referent, .owner = c->current });
	} else if (c->refs[i] == 0) {
		c->refs[i] = 1;
		set_refs(c->m, referent, 1, REASON_GC_REACHED, c->current);
	}
}

static void
move_unreachable(struct collection *c)
{
	uint32_t gc, prev = NIL;

	c->young_head = c->count ? 0 : NIL;
	c->young_tail = c->count ? c->count - 1 : NIL;
	c->unreach_head = c->unreach_tail = NIL;
	for (uint32_t i = 0; i < c->count; i++) {
		c->prev[i] = i ? i - 1 : NIL;
		c->next[i] = i + 1 < c->count ? i + 1 : NIL;
	}
	gc = c->young_head;
	while (gc != NIL && !c->m->failed) {
		if (c->refs[gc] > 0) {
			/* certainly reachable: CPython just passes over it
			 * (its gc_refs already says so); only a rescue from
			 * the unreachable list is an event of its own */
			c->current = c->young[gc];
			traverse(c, c->young[gc], visit_reachable);
			c->collecting[gc] = false;
			prev = gc;
		} else {
			list_unlink(c, gc, &c->young_head, &c->young_tail);
			list_append(c, gc, &c->unreach_head, &c->unreach_tail);
			c->unreachable[gc] = true;
			unreachable(c->m, c->young[gc], REASON_GC_TENTATIVE);
		}
		gc = prev == NIL ? c->young_head : c->next[prev];
	}
}

/* ---- delete_garbage: tp_clear of each type ---- */

/* Detaches every reference of a container first, then drops them in the
 * order they were detached (list_clear, dict_tp_clear, set_clear). */
static void
clear_all_then_drop(struct machine *m, objid_t id)
{
	struct heap	*h = m->heap;
	struct object	*o = heap_object(h, id);
	uint32_t	 base = h->stack_len;

	switch (o->type) {
	case OBJ_LIST:
		while (o->as.seq->len > 0 && !m->failed) {
			uint32_t i = o->as.seq->len - 1;

			machine_emit(m, (struct event){ .kind = EV_SLOT_REMOVE,
			    .reason = REASON_COLLECTOR, .site = SITE_ITEM,
			    .object = o->as.seq->items[i], .owner = id,
			    .index = i });
		}
		break;
	case OBJ_DICT:
		for (uint32_t i = 0; i < o->as.dict->count && !m->failed; i++) {
			const struct dict_entry *e = &o->as.dict->entries[i];

			if (e->key == OBJ_NULL)
				continue;
			machine_emit(m, (struct event){ .kind = EV_DICT_REMOVE,
			    .reason = REASON_COLLECTOR, .site = SITE_DICT_KEY,
			    .object = e->key, .other = e->value, .owner = id,
			    .index = i });
		}
		break;
	case OBJ_SET: {
		uint32_t cursor = 0;
		int64_t i;

		while ((i = settable_next(o->as.set, &cursor)) >= 0 &&
		    !m->failed)
			machine_emit(m, (struct event){ .kind = EV_SET_DISCARD,
			    .reason = REASON_COLLECTOR, .site = SITE_SET,
			    .object = o->as.set->entries[i].key, .owner = id,
			    .index = (uint32_t)i });
		break;
	}
	default:
		break;
	}
	while (h->stack_len > base && !m->failed)
		refcount_decref_at(m, base, REASON_COLLECTOR, ATOM_NONE);
}

/* func_clear (Py_CLEAR of __defaults__, then of __closure__) and
 * cell_clear (of its contents): one field at a time, each dropped before
 * the next goes. */
static void
clear_function_or_cell(struct machine *m, objid_t id)
{
	struct object *o = heap_object(m->heap, id);

	if (o->type == OBJ_FUNCTION) {
		while (o->as.fn->const_count > 0 && !m->failed &&
		    (o->as.fn->defaults || o->as.fn->closure)) {
			uint32_t i = o->as.fn->const_count - 1;

			machine_emit(m, (struct event){ .kind = EV_CONST_DROP,
			    .reason = REASON_COLLECTOR,
			    .site = SITE_FUNC_CONST,
			    .object = o->as.fn->consts[i], .owner = id,
			    .index = i });
			refcount_decref_top(m, REASON_COLLECTOR, ATOM_NONE);
			o = heap_object(m->heap, id);
		}
		return;
	}
	if (o->as.iter->count == 0 || m->failed)
		return;
	machine_emit(m, (struct event){ .kind = EV_SLOT_REMOVE,
	    .reason = REASON_COLLECTOR, .site = SITE_HELD,
	    .object = o->as.iter->held[0], .owner = id, .index = 0 });
	refcount_decref_top(m, REASON_COLLECTOR, ATOM_NONE);
}

/* BaseException_clear, tb_clear: each field in order, one at a time;
 * frame_tp_clear: the locals only (not f_back, not f_func). */
static void
clear_exception_or_frame(struct machine *m, objid_t id)
{
	for (;;) {
		const struct pyiter *it = heap_object(m->heap, id)->as.iter;
		uint32_t i = it->kind == ITER_FRAME ?
		    refcount_frame_slot(m, it, true) : 0;

		/* BaseException_clear leaves the class (its last slot) to
		 * subtype_dealloc */
		if (i >= it->count || m->failed || (it->kind ==
		    ITER_EXCEPTION && it->names[i] == atom_from("__class__")))
			return;
		machine_emit(m, (struct event){ .kind = EV_SLOT_REMOVE,
		    .reason = REASON_COLLECTOR, .site = SITE_HELD,
		    .object = it->held[i], .owner = id, .index = i,
		    .detail = it->names[i] });
		refcount_decref_top(m, REASON_COLLECTOR, ATOM_NONE);
	}
}

/* subtype_clear: each attribute in shared-key order, one at a time. */
static void
clear_instance(struct machine *m, objid_t id)
{
	struct heap *h = m->heap;

	for (;;) {
		const struct pyinstance *inst = heap_object(h, id)->as.inst;
		const struct pyclass *cls = heap_object(h, inst->cls)->as.cls;
		int64_t found = -1;

		for (uint32_t k = 0; k < cls->key_count && found < 0; k++)
			for (uint32_t i = 0; i < inst->count; i++)
				if (inst->attrs[i].name == cls->keys[k]) {
					found = i;
					break;
				}
		/* then Py_CLEAR of its real dict */
		for (uint32_t i = 0; i < inst->count && found < 0; i++)
			if (inst->attrs[i].name == dict_atom())
				found = i;
		if (found < 0 || m->failed)
			return;
		machine_emit(m, (struct event){ .kind = EV_SLOT_REMOVE,
		    .reason = REASON_COLLECTOR, .site = SITE_ATTR,
		    .object = inst->attrs[found].value, .owner = id,
		    .index = (uint32_t)found, .detail = inst->attrs[found].name });
		refcount_decref_top(m, REASON_COLLECTOR, ATOM_NONE);
	}
}

static void
delete_garbage(struct collection *c)
{
	struct machine	*m = c->m;
	struct heap	*h = m->heap;

	emit(m, EV_GC_PHASE, OBJ_NULL, GC_PHASE_DELETE, 0, 0);
	for (uint32_t i = c->unreach_head; i != NIL && !m->failed;
	    i = c->next[i]) {
		objid_t id = c->young[i];

		if (!heap_alive(h, id))
			continue;	/* freed by an earlier clear's cascade */
		/* Py_INCREF(op); clear(op); Py_DECREF(op) */
		refcount_incref(m, id, REASON_COLLECTOR, ATOM_NONE);
		if (heap_object(h, id)->type == OBJ_INSTANCE)
			clear_instance(m, id);
		else if (heap_object(h, id)->type == OBJ_ITER && heap_object(h,
		    id)->as.iter->kind >= ITER_EXCEPTION)
			clear_exception_or_frame(m, id);
		else if (heap_object(h, id)->type == OBJ_FUNCTION ||
		    (heap_object(h, id)->type == OBJ_ITER && heap_object(h,
		    id)->as.iter->kind == ITER_CELL))
			clear_function_or_cell(m, id);
		else
			clear_all_then_drop(m, id);
		refcount_decref_top(m, REASON_COLLECTOR, ATOM_NONE);
	}
}

/* ---- gc.get_referents ---- */

static void
visit_gather(struct collection *c, objid_t referent)
{
	if (c->found_count == c->found_cap) {
		c->found_cap = c->found_cap ? c->found_cap * 2 : 8;
		c->found = xreallocarray(c->found, c->found_cap,
		    sizeof *c->found);
	}
	c->found[c->found_count++] = referent;
}

objid_t *
gc_referents(struct machine *m, objid_t id, uint32_t *n)
{
	struct collection c;

	memset(&c, 0, sizeof c);
	c.m = m;
	if (heap_type_is_container(heap_object(m->heap, id)->type))
		traverse(&c, id, visit_gather);
	*n = c.found_count;
	return c.found;
}

/* ---- gc.get_referrers ---- */

/* Scratch of gc_referrers: objs, and whether a visit met one of them. */
struct referrers {
	const objid_t	*objs;
	uint32_t	 count;
	bool		 met;		/* the traverse under way met one */
	uint32_t	 held;		/* references counted so far */
	const char	*why;		/* what the model keeps no object for */
};

static bool
is_one_of(const struct referrers *r, objid_t id)
{
	for (uint32_t i = 0; i < r->count; i++)
		if (r->objs[i] == id)
			return true;
	return false;
}

/* referrersvisit: whether the referent is one of objs. */
static void
visit_referrer(struct collection *c, objid_t referent)
{
	struct referrers *r = c->scratch;

	if (is_one_of(r, referent))
		r->met = true;
}

/* Each reference a heap object holds to one of objs: counted, and the
 * holder told apart from what CPython keeps in an object of its own. */
struct holder {
	struct referrers	*r;
	const struct object	*o;
};

static bool
count_held(void *ctx, const struct heap_ref *ref)
{
	struct holder *hd = ctx;

	if (!is_one_of(hd->r, ref->target))
		return true;
	hd->r->held++;
	if (ref->site == SITE_FUNC_CONST)
		hd->r->why = "a function's code holds it among its constants "
		    "(co_consts), which refscope does not model as an object";
	else if (hd->o->type == OBJ_CLASS)
		hd->r->why = "a class holds it in its __dict__, which refscope "
		    "does not model as an object";
	else if (hd->o->state != OBJ_ALIVE)
		hd->r->why = "an object being freed still holds it";
	return true;
}

/*
 * Counts every reference to objs as heap_check does, asking of each
 * holder whether CPython keeps it as the model does: a tracked object the
 * model tracks too, an untracked one untracked, a frame's locals and the
 * evaluation stack outside the collector's reach, the module's names in
 * its globals dict.  Returns whether a module-level name holds one; sets
 * r->why when something else does, or when the count is not accounted for.
 */
static bool
account_holders(const struct heap *h, struct referrers *r)
{
	bool		in_globals = false;
	int64_t		total = 0;

	for (uint32_t i = 0; i < r->count; i++) {
		const struct object *x = heap_object(h, r->objs[i]);
		bool again = false;

		for (uint32_t k = 0; k < i; k++)
			again = again || r->objs[k] == r->objs[i];
		if (x->flags & OBJF_CACHED)
			r->why = "it is shared: the interpreter's own objects "
			    "hold it too";
		else if (x->type == OBJ_CLASS)
			r->why = "it is a class: the interpreter's type "
			    "machinery holds it too (its __mro__, its "
			    "subclasses')";
		if (!again)
			total += x->refcount;
	}
	for (uint32_t i = 0; i < h->frame_count; i++) {
		const struct frame *f = &h->frames[i];

		for (uint32_t j = 0; j < f->name_count; j++) {
			if (!is_one_of(r, f->names[j].value))
				continue;
			r->held++;
			if (i == 0)
				in_globals = true;
			else if (!f->fixed)
				r->why = "a class body's namespace holds it";
		}
		for (uint32_t j = 0; j < f->const_count; j++)
			if (is_one_of(r, f->consts[j])) {
				r->held++;
				r->why = "the module's code holds it among its "
				    "constants (co_consts), which refscope "
				    "does not model as an object";
			}
		if (i > 0 && is_one_of(r, f->function))
			r->held++;
		if (f->object != OBJ_NULL && is_one_of(r, f->object))
			r->held++;
	}
	for (uint32_t i = 0; i < h->stack_len; i++)
		if (is_one_of(r, h->stack[i]))
			r->held++;
	for (objid_t id = 1; id < h->object_count; id++) {
		struct holder hd = { r, heap_object(h, id) };

		if (hd.o->state != OBJ_UNBORN)
			heap_visit_refs(h, id, count_held, &hd);
	}
	if (r->why == NULL && r->held != total)
		r->why = "something refscope does not model as an object holds "
		    "it too";
	return in_globals;
}

objid_t *
gc_referrers(struct machine *m, const objid_t *objs, uint32_t count,
    uint32_t *n, uint32_t *globals_at, const char **why)
{
	const struct heap	*h = m->heap;
	struct referrers	 r = { objs, count, false, 0, NULL };
	struct collection	 c;
	bool			 in_globals;
	uint32_t		 tracked = 0;

	*n = 0;
	*globals_at = UINT32_MAX;
	in_globals = account_holders(h, &r);
	if (r.why == NULL && m->gc.young_promoted)
		r.why = "on 3.14 a young collection has put the program's "
		    "objects among the old ones, in whichever of the old "
		    "generation's two spaces the interpreter's start-up left "
		    "to visit: where the module's globals dict stands among "
		    "them is not the program's to say";
	if (r.why != NULL) {
		*why = r.why;
		return NULL;
	}
	for (int g = 0; g < GEN_COUNT; g++)
		tracked += h->gens[g].length;
	memset(&c, 0, sizeof c);
	c.m = m;
	c.scratch = &r;
	idmap_init(&c.view_of, tracked);
	for (int g = 0; g < GEN_COUNT; g++)
		for (objid_t id = h->gens[g].head; id != OBJ_NULL;
		    id = heap_object(h, id)->gc_next)
			note_view(&c, id, 1);
	for (int g = 0; g < GEN_COUNT; g++) {
		if (g == GEN_COUNT - 1 && in_globals)
			*globals_at = c.found_count;
		for (objid_t id = h->gens[g].head; id != OBJ_NULL;
		    id = heap_object(h, id)->gc_next) {
			r.met = false;
			c.current = id;
			traverse(&c, id, visit_referrer);
			if (r.met)
				visit_gather(&c, id);
		}
	}
	idmap_free(&c.view_of);
	*why = NULL;
	*n = c.found_count;
	return c.found;
}

/* ---- weak references ---- */

/*
 * handle_weakrefs, before the finalizers: a weakref found unreachable is
 * cleared; so is every weakref to an unreachable object, and those of
 * them that have a callback and are not garbage themselves are held
 * (Py_INCREF, onto wrcb_to_call) to be called, in that order, once all
 * are cleared.  A callback keeps its weakref's hold (_PyWeakref_ClearRef
 * leaves wr_callback); after its call the weakref goes to `old`, or is
 * counted as freed if the call let it die.  Returns how many died so.
 */
static uint32_t
handle_weakrefs(struct collection *c, int old)
{
	struct machine	*m = c->m;
	struct heap	*h = m->heap;
	uint32_t	 base = h->stack_len, freed = 0, calls = 0, cap = 0;
	objid_t		*called = NULL;

	if (m->weakrefs == 0)
		return 0;
	for (uint32_t i = c->unreach_head; i != NIL && !m->failed;
	    i = c->next[i]) {
		objid_t id = c->young[i], target = heap_weak_target(h, id);
		uint32_t n;
		objid_t *refs;

		if (target != OBJ_NULL)
			machine_emit(m, (struct event){ .kind = EV_WEAK_CLEAR,
			    .reason = REASON_COLLECTOR, .object = id,
			    .other = target });
		refs = refcount_weakrefs(m, id, &n);
		for (uint32_t k = 0; k < n && !m->failed; k++) {
			uint32_t s = slot(c, refs[k]);

			machine_emit(m, (struct event){ .kind = EV_WEAK_CLEAR,
			    .reason = REASON_COLLECTOR, .object = refs[k],
			    .other = id });
			if (heap_weakref_callback(h, refs[k], NULL) ==
			    OBJ_NULL || (s != 0 && c->unreachable[s - 1]))
				continue;
			refcount_incref(m, refs[k], REASON_COLLECTOR,
			    ATOM_NONE);
			if (calls == cap) {
				cap = cap ? cap * 2 : 4;
				called = xreallocarray(called, cap,
				    sizeof *called);
			}
			called[calls++] = refs[k];
		}
		xfree(refs);
	}
	for (uint32_t i = 0; i < calls && !m->failed; i++) {
		objid_t w = called[i];

		if (m->weak_callback != NULL)
			m->weak_callback(m, heap_weakref_callback(h, w, NULL),
			    w);
		refcount_decref_at(m, base, REASON_COLLECTOR, ATOM_NONE);
		if (!heap_alive(h, w))
			freed++;
		else if (heap_object(h, w)->flags & OBJF_TRACKED)
			machine_emit(m, (struct event){ .kind = EV_GC_MOVE,
			    .reason = REASON_GC, .object = w,
			    .owner = (uint32_t)old,
			    .other = heap_object(h, w)->gc_prev,
			    .aux = heap_object(h, w)->gen });
	}
	xfree(called);
	return freed;
}

/* ---- finalizers (PEP 442) ---- */

/* finalize_garbage: each unreachable object that has a finalizer not run
 * yet, in the unreachable list's order, before anything is cleared. */
static void
finalize_garbage(struct collection *c)
{
	struct machine *m = c->m;

	for (uint32_t i = c->unreach_head; i != NIL && !m->failed;
	    i = c->next[i])
		if (heap_alive(m->heap, c->young[i]) &&
		    refcount_has_finalizer(m, c->young[i]))
			m->finalize(m, c->young[i]);
}

/* One reference from inside the still-unreachable set fewer. */
static void
visit_set_decref(struct collection *c, objid_t referent)
{
	uint32_t s = slot(c, referent);

	if (s != 0 && c->unreachable[s - 1] &&
	    heap_alive(c->m->heap, referent))
		c->refs[s - 1]--;
}

/* What a resurrected object reaches in the set is resurrected too. */
static void
visit_resurrect(struct collection *c, objid_t referent)
{
	uint32_t s = slot(c, referent);

	if (s != 0 && c->unreachable[s - 1] &&
	    heap_alive(c->m->heap, referent))
		c->resurrected[s - 1] = true;
}

/*
 * handle_resurrected_objects: deduce_unreachable once more over what the
 * finalizers left alive of the unreachable list (each one's count minus
 * the references from the others).  What is referenced from outside now,
 * and what it reaches, was resurrected: it is reachable again and goes
 * to the generation the survivors went to, `old`.  Returns how many are
 * left (final_unreachable), which gc.collect() reports and
 * delete_garbage clears.
 */
static uint32_t
handle_resurrected(struct collection *c, int old)
{
	struct machine	*m = c->m;
	struct heap	*h = m->heap;
	uint32_t	 left = 0;
	bool		 more = true;

	for (uint32_t i = c->unreach_head; i != NIL; i = c->next[i])
		if (heap_alive(h, c->young[i]))
			c->refs[i] = heap_object(h, c->young[i])->refcount;
	for (uint32_t i = c->unreach_head; i != NIL; i = c->next[i])
		if (heap_alive(h, c->young[i]))
			traverse(c, c->young[i], visit_set_decref);
	for (uint32_t i = c->unreach_head; i != NIL; i = c->next[i])
		if (heap_alive(h, c->young[i]) && c->refs[i] > 0)
			c->resurrected[i] = true;
	while (more) {
		more = false;
		for (uint32_t i = c->unreach_head; i != NIL; i = c->next[i]) {
			if (!c->resurrected[i] || !c->unreachable[i])
				continue;
			c->unreachable[i] = false;
			traverse(c, c->young[i], visit_resurrect);
			more = true;
		}
	}
	for (uint32_t i = c->unreach_head, next; i != NIL && !m->failed;
	    i = next) {
		next = c->next[i];
		if (!heap_alive(h, c->young[i]))
			continue;
		if (!c->resurrected[i]) {
			left++;
			continue;
		}
		mark(m, c->young[i], OBJ_NULL, SITE_NONE, 0, ATOM_NONE);
		emit(m, EV_GC_TRACK, c->young[i], (uint32_t)old, 0, 0);
		list_unlink(c, i, &c->unreach_head, &c->unreach_tail);
	}
	return left;
}

/* ---- survivors ---- */

static void
merge_generation(struct machine *m, int from, int to)
{
	struct heap *h = m->heap;

	if (h->gens[from].head == OBJ_NULL)
		return;
	machine_emit(m, (struct event){ .kind = EV_GC_MERGE,
	    .reason = REASON_GC, .owner = (uint32_t)from, .index = (uint32_t)to,
	    .other = h->gens[to].tail, .aux = h->gens[from].head,
	    .detail = h->gens[from].tail });
}

static void
set_count(struct machine *m, int g, uint32_t value)
{
	struct heap *h = m->heap;

	if (h->gens[g].count != value)
		emit(m, EV_GC_COUNT, OBJ_NULL, (uint32_t)g, value,
		    h->gens[g].count);
}

static void
set_setting(struct machine *m, enum gc_setting setting, uint32_t value,
    uint32_t old)
{
	if (value != old)
		machine_emit(m, (struct event){ .kind = EV_GC_CONFIG,
		    .reason = REASON_GC, .owner = setting, .index = value,
		    .other = old });
}

static uint32_t textbook_collect(struct machine *m);

void
gc_init(struct machine *m)
{
	m->gc.model = m->program->scenario->settings.gc;
}

static void
collection_init(struct collection *c, struct machine *m, int generation)
{
	struct heap	*h = m->heap;
	uint32_t	 n = h->gens[generation].length, i = 0;

	memset(c, 0, sizeof *c);
	c->m = m;
	c->generation = generation;
	c->count = n;
	c->young = xcalloc(n ? n : 1, sizeof *c->young);
	idmap_init(&c->slot_of, n);
	c->refs = xcalloc(n ? n : 1, sizeof *c->refs);
	c->unreachable = xcalloc(n ? n : 1, sizeof *c->unreachable);
	c->collecting = xcalloc(n ? n : 1, sizeof *c->collecting);
	c->resurrected = xcalloc(n ? n : 1, sizeof *c->resurrected);
	c->next = xcalloc(n ? n : 1, sizeof *c->next);
	c->prev = xcalloc(n ? n : 1, sizeof *c->prev);
	idmap_init(&c->view_of, n);
	for (objid_t id = h->gens[generation].head; id != OBJ_NULL;
	    id = heap_object(h, id)->gc_next) {
		c->young[i] = id;
		idmap_put(&c->slot_of, id, i + 1);
		c->refs[i] = heap_object(h, id)->refcount;
		c->collecting[i] = true;
		note_view(c, id, i + 1);
		i++;
	}
}

static void
collection_free(struct collection *c)
{
	xfree(c->young);
	idmap_free(&c->slot_of);
	idmap_free(&c->view_of);
	xfree(c->refs);
	xfree(c->unreachable);
	xfree(c->collecting);
	xfree(c->resurrected);
	xfree(c->next);
	xfree(c->prev);
}

uint32_t
gc_collect(struct machine *m, int generation)
{
	struct heap		*h = m->heap;
	struct collection	 c;
	uint32_t		 found = 0, survivors;

	if (m->gc.collecting || m->failed)
		return 0;
	if (m->gc.model == GC_MODEL_TEXTBOOK)
		return textbook_collect(m);
	m->gc.collecting = true;
	emit(m, EV_GC_BEGIN, OBJ_NULL, (uint32_t)generation, 0, 0);
	if (generation + 1 < GEN_COUNT)
		set_count(m, generation + 1, h->gens[generation + 1].count + 1);
	for (int i = 0; i <= generation; i++)
		set_count(m, i, 0);
	for (int i = 0; i < generation; i++)
		merge_generation(m, i, generation);

	collection_init(&c, m, generation);
	emit(m, EV_GC_PHASE, OBJ_NULL, GC_PHASE_UPDATE_REFS, 0, 0);
	for (uint32_t i = 0; i < c.count && !m->failed; i++)
		set_refs(m, c.young[i], c.refs[i], REASON_GC_COPY, OBJ_NULL);
	emit(m, EV_GC_PHASE, OBJ_NULL, GC_PHASE_SUBTRACT_REFS, 0, 0);
	for (uint32_t i = 0; i < c.count && !m->failed; i++) {
		c.current = c.young[i];
		traverse(&c, c.young[i], visit_decref);
	}
	emit(m, EV_GC_PHASE, OBJ_NULL, GC_PHASE_MOVE_UNREACHABLE, 0, 0);
	move_unreachable(&c);

	/* what is unreachable leaves the generation, in list order: the
	 * order in which CPython finalises it */
	emit(m, EV_GC_PHASE, OBJ_NULL, GC_PHASE_FINALIZE, 0, 0);
	for (uint32_t i = c.unreach_head; i != NIL && !m->failed;
	    i = c.next[i]) {
		objid_t id = c.young[i];

		emit(m, EV_GC_UNTRACK, id, (uint32_t)generation, 0,
		    heap_object(h, id)->gc_prev);
		unreachable(m, id, REASON_COLLECTOR);
	}
	/* (survivors found reachable late went to the end of the list as
	 * they were rescued, as in CPython) */
	survivors = h->gens[generation].length;
	gctrack_untrack_atomic(m, generation, OBJ_TUPLE);
	emit(m, EV_GC_PHASE, OBJ_NULL, GC_PHASE_PROMOTE, 0, 0);
	if (generation < GEN_COUNT - 1) {
		if (generation == GEN_COUNT - 2)
			set_setting(m, GC_SETTING_LONG_LIVED_PENDING,
			    h->long_lived_pending + survivors,
			    h->long_lived_pending);
		if (version_rules(h->python)->survivors_to_old &&
		    survivors > 0)
			m->gc.young_promoted = true;
		merge_generation(m, generation,
		    version_rules(h->python)->survivors_to_old &&
		    generation == 0 ?
		    GEN_COUNT - 1 : generation + 1);
	} else {
		gctrack_untrack_atomic(m, generation, OBJ_DICT);
		set_setting(m, GC_SETTING_LONG_LIVED_PENDING, 0,
		    h->long_lived_pending);
		set_setting(m, GC_SETTING_LONG_LIVED_TOTAL,
		    h->gens[generation].length, h->long_lived_total);
	}
	found = handle_weakrefs(&c, generation < GEN_COUNT - 1 ?
	    generation + 1 : generation);
	finalize_garbage(&c);
	found += handle_resurrected(&c, generation < GEN_COUNT - 1 ?
	    generation + 1 : generation);
	delete_garbage(&c);
	emit(m, EV_GC_END, OBJ_NULL, (uint32_t)generation, found, 0);
	collection_free(&c);
	m->gc.collecting = false;
	return found;
}

/* ---- the textbook collector: mark from the roots, sweep the heap ---- */

struct tracer {
	struct machine	*m;
	struct idmap	 marked;	/* id -> 1 once marked */
	objid_t		*work;		/* marked, references not yet visited */
	uint32_t	 work_len;
	objid_t		 current;
	objid_t		*swept;		/* what the sweep looks at (gather) */
	uint32_t	 swept_len;
	uint32_t	 swept_cap;
};

static bool
is_marked(const struct tracer *t, objid_t id)
{
	return idmap_get(&t->marked, id) != 0;
}

static void
trace_mark(struct tracer *t, objid_t id, objid_t referrer,
    enum site_kind site, uint32_t index, atom_t name)
{
	const struct object *o = heap_object(t->m->heap, id);

	if ((o->flags & OBJF_CACHED) || is_marked(t, id))
		return;
	idmap_put(&t->marked, id, 1);
	mark(t->m, id, referrer, site, index, name);
	t->work[t->work_len++] = id;
}

static bool
trace_visit(void *ctx, const struct heap_ref *ref)
{
	struct tracer *t = ctx;

	trace_mark(t, ref->target, t->current, ref->site, ref->index,
	    ATOM_NONE);
	return !t->m->failed;
}

/*
 * The mark phase: every object reachable from the roots gets the mark, one
 * at a time.  The roots are the names of every frame, and what the running
 * statement holds (its evaluation stack and constants): a collection can
 * start in the middle of a statement, while a new list's items exist only
 * on the stack.
 */
static void
textbook_mark(struct tracer *t)
{
	struct heap *h = t->m->heap;

	for (uint32_t f = 0; f < h->frame_count; f++) {
		const struct frame *fr = &h->frames[f];

		for (uint32_t i = 0; i < fr->name_count; i++)
			if (fr->names[i].value != OBJ_NULL)
				trace_mark(t, fr->names[i].value, OBJ_NULL,
				    SITE_NAME, i, fr->names[i].name);
		if (fr->function != OBJ_NULL)
			trace_mark(t, fr->function, OBJ_NULL, SITE_STACK, 0,
			    ATOM_NONE);
		if (fr->object != OBJ_NULL)
			trace_mark(t, fr->object, OBJ_NULL, SITE_STACK, 0,
			    ATOM_NONE);
		for (uint32_t i = 0; i < fr->const_count; i++)
			trace_mark(t, fr->consts[i], OBJ_NULL, SITE_STACK, 0,
			    ATOM_NONE);
	}
	for (uint32_t i = 0; i < h->stack_len; i++)
		trace_mark(t, h->stack[i], OBJ_NULL, SITE_STACK, i, ATOM_NONE);
	while (t->work_len > 0 && !t->m->failed) {
		t->current = t->work[--t->work_len];
		heap_visit_refs(h, t->current, trace_visit, t);
	}
}

/* Drops every reference a garbage object holds, in its clear order. */
static void
clear_garbage(struct machine *m, objid_t id)
{
	struct heap *h = m->heap;

	if (heap_object(h, id)->type == OBJ_INSTANCE) {
		clear_instance(m, id);
		return;
	}
	if (heap_object(h, id)->type == OBJ_TUPLE) {
		/* tuples have no tp_clear in CPython, but the sweep frees
		 * every unmarked object: drop its items, last first */
		uint32_t base = h->stack_len;

		while (heap_object(h, id)->as.seq->len > 0 && !m->failed) {
			uint32_t i = heap_object(h, id)->as.seq->len - 1;

			machine_emit(m, (struct event){ .kind = EV_SLOT_REMOVE,
			    .reason = REASON_COLLECTOR, .site = SITE_ITEM,
			    .object = heap_object(h, id)->as.seq->items[i],
			    .owner = id, .index = i });
		}
		while (h->stack_len > base && !m->failed)
			refcount_decref_at(m, base, REASON_COLLECTOR, ATOM_NONE);
		return;
	}
	clear_all_then_drop(m, id);
}

static void
swept_add(struct tracer *t, objid_t id)
{
	if (t->swept_len == t->swept_cap) {
		t->swept_cap = t->swept_cap ? t->swept_cap * 2 : 64;
		t->swept = xreallocarray(t->swept, t->swept_cap,
		    sizeof *t->swept);
	}
	t->swept[t->swept_len++] = id;
}

/* What only garbage holds is garbage too: an int or a str no name reaches. */
static bool
gather_visit(void *ctx, const struct heap_ref *ref)
{
	struct tracer		*t = ctx;
	const struct object	*o = heap_object(t->m->heap, ref->target);

	if (o->state == OBJ_ALIVE && !heap_type_is_container(o->type) &&
	    !(o->flags & OBJF_CACHED) && !is_marked(t, ref->target))
		swept_add(t, ref->target);
	return true;
}

static int
id_cmp(const void *a, const void *b)
{
	objid_t x = *(const objid_t *)a, y = *(const objid_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * The unmarked objects, in id order, without walking the dead: in this
 * model every live container is tracked, so the unmarked ones are on the
 * generation lists, and the other garbage is what they hold.
 */
static void
gather(struct tracer *t)
{
	struct heap	*h = t->m->heap;
	uint32_t	 kept = 0;

	for (int g = 0; g < GEN_COUNT; g++)
		for (objid_t id = h->gens[g].head; id != OBJ_NULL;
		    id = heap_object(h, id)->gc_next) {
			if ((heap_object(h, id)->flags & OBJF_CACHED) ||
			    is_marked(t, id))
				continue;
			swept_add(t, id);
			heap_visit_refs(h, id, gather_visit, t);
		}
	if (t->swept_len > 1)
		qsort(t->swept, t->swept_len, sizeof *t->swept, id_cmp);
	for (uint32_t i = 0; i < t->swept_len; i++)
		if (kept == 0 || t->swept[kept - 1] != t->swept[i])
			t->swept[kept++] = t->swept[i];
	t->swept_len = kept;
}

/*
 * The sweep phase walks the heap in id order: each unmarked object is
 * garbage.  All are flagged first, so that every one of them that dies --
 * whichever clear finally brings its count to 0 -- is freed by the
 * collector; then each still alive is cleared in id order.
 */
static uint32_t
textbook_sweep(struct tracer *t)
{
	struct machine	*m = t->m;
	struct heap	*h = m->heap;
	uint32_t	 found = 0;

	gather(t);
	for (uint32_t i = 0; i < t->swept_len && !m->failed; i++) {
		objid_t			 id = t->swept[i];
		const struct object	*o = heap_object(h, id);

		if (o->state != OBJ_ALIVE || is_marked(t, id) ||
		    (o->flags & OBJF_CACHED))
			continue;
		unreachable(m, id, REASON_COLLECTOR);
		found++;
	}
	for (uint32_t i = 0; i < t->swept_len && !m->failed; i++) {
		objid_t id = t->swept[i];

		if (is_marked(t, id) || !heap_alive(h, id) ||
		    !(heap_object(h, id)->flags & OBJF_UNREACHABLE))
			continue;
		refcount_incref(m, id, REASON_COLLECTOR, ATOM_NONE);
		clear_garbage(m, id);
		refcount_decref_top(m, REASON_COLLECTOR, ATOM_NONE);
	}
	return found;
}

static uint32_t
textbook_collect(struct machine *m)
{
	struct heap	*h = m->heap;
	struct tracer	 t = { .m = m };
	uint32_t	 found;

	m->gc.collecting = true;
	emit(m, EV_GC_BEGIN, OBJ_NULL, 0, 0, 0);
	/* what can be marked is alive, and nothing is born while collecting */
	idmap_init(&t.marked, h->live_count);
	t.work = xcalloc(h->live_count + 1, sizeof *t.work);
	emit(m, EV_GC_PHASE, OBJ_NULL, GC_PHASE_MARK, 0, 0);
	textbook_mark(&t);
	emit(m, EV_GC_PHASE, OBJ_NULL, GC_PHASE_SWEEP, 0, 0);
	found = textbook_sweep(&t);
	emit(m, EV_GC_END, OBJ_NULL, 0, found, 0);
	idmap_free(&t.marked);
	xfree(t.work);
	xfree(t.swept);
	m->gc.collecting = false;
	return found;
}

/* gc_collect_generations: the oldest generation past its threshold. */
static void
collect_generations(struct machine *m)
{
	struct heap *h = m->heap;

	for (int i = GEN_COUNT - 1; i >= 0; i--) {
		if (h->gens[i].count <= h->gens[i].threshold)
			continue;
		/* avoid quadratic work on many long-lived objects */
		if (i == GEN_COUNT - 1 &&
		    h->long_lived_pending < h->long_lived_total / 4)
			continue;
		gc_collect(m, i);
		break;
	}
}

/* Counts an allocation and collects past the threshold; true when a
 * collection ran (which also reset the count the allocation would have
 * raised). */
static bool
collect_before_alloc(struct machine *m)
{
	struct heap *h = m->heap;

	if (m->gc.collecting || m->failed)
		return false;
	if (m->gc.model == GC_MODEL_TEXTBOOK) {
		/* the article's trigger: the live containers (all tracked in
		 * this model) reach the threshold with this allocation */
		uint32_t live = 0;

		for (int g = 0; g < GEN_COUNT; g++)
			live += h->gens[g].length;
		if (h->gc_enabled && live + 1 == h->gens[0].threshold)
			textbook_collect(m);
		return false;
	}
	if (!h->gc_enabled || h->gens[0].threshold == 0 ||
	    h->gens[0].count + 1 <= h->gens[0].threshold)
		return false;
	set_count(m, 0, h->gens[0].count + 1);
	collect_generations(m);
	return true;
}

uint8_t
gc_link(struct machine *m, objid_t id)
{
	const struct object	*o = heap_object(m->heap, id);
	uint8_t			 flags = 0;

	/* shared objects (the empty tuple) are static in CPython: never
	 * counted or tracked by the collector */
	if (!heap_type_is_container(o->type) || (o->flags & OBJF_CACHED))
		return 0;
	if (!collect_before_alloc(m))
		flags |= EVF_COUNTED;
	return flags | gctrack_alloc_flags(m, id);
}
