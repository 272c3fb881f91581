/*
 * version.c: the rules of each modelled CPython version (version.h).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>

#include "sim/version.h"

static const struct version_rules rules[PY_VERSION_COUNT] = {
	[PY_3_11] = {
		.immortal = false,
		.letter_identifiers = true,
		.thresholds = { 700, 10, 10 },
		.collector = "generational, three generations",
	},
	[PY_3_12] = {
		.immortal = true,
		.immortal_count = 4294967295,	/* _Py_IMMORTAL_REFCNT */
		.thresholds = { 700, 10, 10 },
		.collector = "generational, three generations",
	},
	[PY_3_13] = {
		.immortal = true,
		.immortal_count = 4294967295,
		.thresholds = { 2000, 10, 10 },
		.inline_values = true,
		.collector = "generational, three generations",
	},
	/* 3.14.0 to 3.14.4 (the oracle is 3.14.2): the incremental
	 * collector, a young generation and an old one; gc.collect() is a
	 * full collection.  3.14.5 went back to the generational one. */
	[PY_3_14] = {
		.immortal = true,
		.immortal_count = 3221225472,	/* _Py_IMMORTAL_INITIAL_REFCNT */
		.thresholds = { 2000, 10, 0 },
		.borrowed_locals = true,
		.dicts_tracked = true,
		.untrack_new_tuples = true,
		.survivors_to_old = true,
		.inline_values = true,
		.static_keys = true,
		.collector = "incremental, young and old generations",
	},
};

const struct version_rules *
version_rules(enum py_version v)
{
	return &rules[(unsigned)v < PY_VERSION_COUNT ? v : PY_VERSION_DEFAULT];
}

void
version_init_heap(struct heap *h, enum py_version v)
{
	h->python = v;
	for (int g = 0; g < GEN_COUNT; g++)
		h->gens[g].threshold = version_rules(v)->thresholds[g];
}

bool
version_immortal(const struct heap *h, objid_t id)
{
	const struct object *o = heap_object(h, id);

	if (!version_rules(h->python)->immortal || !(o->flags & OBJF_CACHED))
		return false;
	switch ((enum obj_type)o->type) {
	case OBJ_NONE:
	case OBJ_BOOL:
	case OBJ_INT:
	case OBJ_TUPLE:
		return true;
	case OBJ_STR:
		/* an interned str is immortal only when the interpreter
		 * made it so at its start-up: not modelled, mortal here */
		return o->as.s->chars <= 1;
	default:
		return false;
	}
}

/* Whether class c's shared keys hold the name that str object k spells. */
static bool
class_has_key(const struct heap *h, const struct pyclass *c, objid_t k)
{
	const struct pystr *s = heap_object(h, k)->as.s;

	for (uint32_t i = 0; i < c->key_count; i++)
		if (atom_length(c->keys[i]) == s->len &&
		    memcmp(atom_name(c->keys[i]), s->data, s->len) == 0)
			return true;
	return false;
}

bool
version_dict_view(const struct heap *h, objid_t o, objid_t d)
{
	const struct object	*inst = heap_object(h, o);
	const struct pydict	*dd;
	const struct pyclass	*c;
	uint32_t		 unlearnt = 0;

	if (!version_rules(h->python)->inline_values ||
	    inst->type != OBJ_INSTANCE || inst->state != OBJ_ALIVE ||
	    inst->as.inst->cls == OBJ_NULL ||
	    heap_object(h, d)->type != OBJ_DICT)
		return false;
	c = heap_object(h, inst->as.inst->cls)->as.cls;
	dd = heap_object(h, d)->as.dict;
	for (uint32_t i = 0; i < dd->count; i++) {
		objid_t k = dd->entries[i].key;

		if (k == OBJ_NULL)
			continue;
		if (heap_object(h, k)->type != OBJ_STR)
			return false;
		if (!class_has_key(h, c, k))
			unlearnt++;
	}
	/* the names stored through the dict are not learnt by the model's
	 * keys (3.13 learns them): they take the room that is left */
	return unlearnt <= c->usable;
}

void
version_class_keys(struct heap *h, objid_t cls, const atom_t *names,
    uint32_t count)
{
	struct pyclass *c = heap_object(h, cls)->as.cls;

	if (!version_rules(h->python)->static_keys)
		return;
	/* insert_split_key stops at the first name with no room */
	for (uint32_t i = 0; i < count && c->usable > 0; i++)
		if (heap_class_learn(h, cls, names[i]))
			c->usable--;
}

int64_t
version_refcount(const struct heap *h, objid_t id)
{
	if (version_immortal(h, id))
		return version_rules(h->python)->immortal_count;
	return heap_object(h, id)->refcount;
}
