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
		.tree_holds_folds = true,
		.close_clears_unstarted = true,
		.immortal = false,
		.letter_identifiers = true,
		.thresholds = { 700, 10, 10 },
		.minmax_args_tuple = true,
		.collector = "generational, three generations",
	},
	[PY_3_12] = {
		.tree_holds_folds = true,
		.slices_hashable = true,
		.says_iterable_argument_empty = true,
		.inlines_comprehensions = true,
		.immortal = true,
		.drops_unused_consts = true,
		.immortal_count = 4294967295,	/* _Py_IMMORTAL_REFCNT */
		.thresholds = { 700, 10, 10 },
		.sum_compensated = true,
		.minmax_args_tuple = true,
		.collector = "generational, three generations",
	},
	[PY_3_13] = {
		.tree_holds_folds = true,
		.slices_hashable = true,
		.says_iterable_argument_empty = true,
		.inlines_comprehensions = true,
		.immortal = true,
		.drops_unused_consts = true,
		.immortal_count = 4294967295,
		.thresholds = { 2000, 10, 10 },
		.list_reverse_keeps_seq = true,
		.sum_compensated = true,
		.inline_values = true,
		.close_locals_first = true,
		.float_modulo_by_zero = true,
		.qualified_weakref_repr = true,
		.sort_relaxed_runs = true,
		.collector = "generational, three generations",
	},
	/* 3.14.0 to 3.14.4 (the oracle is 3.14.2): the incremental
	 * collector, a young generation and an old one; gc.collect() is a
	 * full collection.  3.14.5 went back to the generational one. */
	[PY_3_14] = {
		.slices_hashable = true,
		.says_iterable_argument_empty = true,
		.inlines_comprehensions = true,
		.immortal = true,
		.drops_unused_consts = true,
		.immortal_count = 3221225472,	/* _Py_IMMORTAL_INITIAL_REFCNT */
		.thresholds = { 2000, 10, 0 },
		.borrowed_locals = true,
		.dicts_tracked = true,
		.untrack_new_tuples = true,
		.survivors_to_old = true,
		.list_reverse_keeps_seq = true,
		.sum_compensated = true,
		.sum_compensates_ints = true,
		.list_packs_dict_items = true,
		.inline_values = true,
		.static_keys = true,
		.close_locals_first = true,
		.locals_last_first = true,
		.compare_drops_right_first = true,
		.float_modulo_by_zero = true,
		.says_division_by_zero = true,
		.says_unhashable_use = true,
		.qualified_weakref_repr = true,
		.sort_relaxed_runs = true,
		.set_op_takes = true,
		.with_load_special = true,
		.collector = "incremental, young and old generations",
	},
};

/* The rules by name (version_rule_name): what a comparison of two
 * versions says of each difference it puts down to one. */
static const struct {
	const char	*name;
	const char	*says;
} rule_names[VRULE_COUNT + 1] = {
	[VRULE_IMMORTAL] = { "immortal objects (PEP 683)",
	    "from 3.12 None, True, False, the small ints and one-character "
	    "strs are immortal: their count is not counted, and "
	    "sys.getrefcount gives a fixed figure, another on 3.14" },
	[VRULE_LETTERS] = { "one-letter strs",
	    "3.11 has static strs of its own for some one-letter names; from "
	    "3.12 every one-character latin-1 str is the one shared object" },
	[VRULE_CONSTANTS] = { "unused constants dropped",
	    "from 3.12 the compiler drops the constants no instruction loads, "
	    "such as the items of a folded tuple" },
	[VRULE_BORROWED] = { "borrowed references (LOAD_FAST_BORROW)",
	    "on 3.14 a local loaded for a call, a display or an operator "
	    "is borrowed, so sys.getrefcount counts neither its argument "
	    "nor such loads of it beneath" },
	[VRULE_THRESHOLDS] = { "collector thresholds",
	    "from 3.13 the collector starts at 2000 allocations, not 700; "
	    "3.14's has no third threshold" },
	[VRULE_TRACKING] = { "what the collector tracks",
	    "3.14 tracks a dict from its birth and leaves a new tuple of "
	    "no containers untracked (enumerate's and a dict's pairs, "
	    "co_consts)" },
	[VRULE_COLLECTOR] = { "incremental collector",
	    "3.14's collector has a young and an old generation: what "
	    "survives a young collection goes to the old one" },
	[VRULE_REVERSED] = { "an exhausted reversed() keeps its list",
	    "from 3.13 a list_reverseiterator that ran past the start still "
	    "holds its list" },
	[VRULE_SUM] = { "sum() compensates",
	    "from 3.12 sum() adds floats with compensated (Neumaier) "
	    "summation; 3.14 takes the ints beyond a C long in too" },
	[VRULE_PACKED] = { "list() of d.items() without an iterator",
	    "3.14's list(), list.extend() and sorted() make a dict's pairs "
	    "straight from the dict, with no dict_itemiterator" },
	[VRULE_FOLDED] = { "constants folded in the tree",
	    "up to 3.13 the parsed file, kept while it runs, holds the "
	    "constants folded from it (a tuple of constants, -5000); 3.14 "
	    "folds them in the code generator, so only the code holds them" },
	[VRULE_GEN_CLOSE] = { "closing a generator",
	    "3.11 clears the frame of a generator that never started when "
	    "it closes it (as the collector's finalizer does), later "
	    "versions leave it to the generator's end; from 3.13 a "
	    "generator closed at a yield lets its locals go before its "
	    "stack" },
	[VRULE_INLINED] = { "inlined comprehensions (PEP 709)",
	    "3.11 runs a list, set or dict comprehension as a function of "
	    "its own, in a frame of its own; from 3.12 it runs in the code "
	    "it is in, with no function and no frame" },
	[VRULE_LOCALS_ORDER] = { "locals and operands go last first",
	    "from 3.14 a function that returns lets its locals go from the "
	    "last to the first, and ==, is and in let their right operand go "
	    "before their left (so their __del__ run in that order); before, "
	    "first to last" },
	[VRULE_MESSAGES] = { "error messages",
	    "the words of an exception: 3.13 says \"float modulo by zero\" "
	    "where 3.11 says \"float modulo\", and 3.14 says \"division by "
	    "zero\" of every division and modulo by zero; from 3.13 a "
	    "weakref's repr names a library's class with its module" },
	[VRULE_SORT] = { "comparisons in sorts and sets",
	    "from 3.13 list.sort() looks for a descending run with equal "
	    "items in it, with compares of its own, and min() and max() of "
	    "several arguments take them without a tuple: a class's __lt__ "
	    "is called other times, and sees counts one lower; 3.14's set "
	    "displays and comprehensions add without a reference of their "
	    "own, which __eq__ sees" },
	[VRULE_WITH] = { "with (LOAD_SPECIAL)",
	    "on 3.14 a `with` keeps __exit__'s function and the manager on "
	    "the stack, no bound method made; before, a bound method holds "
	    "the manager, and the frames of __enter__ and __exit__ hold it "
	    "once more" },
	[VRULE_NONE] = { "no modelled rule",
	    "none of the rules refscope models explains this" },
};

const char *
version_rule_name(enum version_rule r)
{
	return rule_names[(unsigned)r < VRULE_COUNT ? r : VRULE_NONE].name;
}

const char *
version_rule_says(enum version_rule r)
{
	return rule_names[(unsigned)r < VRULE_COUNT ? r : VRULE_NONE].says;
}

bool
version_rule_differs(enum version_rule r, enum py_version a,
    enum py_version b)
{
	const struct version_rules *x = version_rules(a), *y = version_rules(b);

	switch (r) {
	case VRULE_IMMORTAL:
		return x->immortal != y->immortal ||
		    x->immortal_count != y->immortal_count;
	case VRULE_LETTERS:
		return x->letter_identifiers != y->letter_identifiers;
	case VRULE_CONSTANTS:
		return x->drops_unused_consts != y->drops_unused_consts;
	case VRULE_BORROWED:
		return x->borrowed_locals != y->borrowed_locals;
	case VRULE_THRESHOLDS:
		for (int g = 0; g < GEN_COUNT; g++)
			if (x->thresholds[g] != y->thresholds[g])
				return true;
		return false;
	case VRULE_TRACKING:
		return x->dicts_tracked != y->dicts_tracked ||
		    x->untrack_new_tuples != y->untrack_new_tuples;
	case VRULE_PACKED:
		return x->list_packs_dict_items != y->list_packs_dict_items;
	case VRULE_FOLDED:
		return x->tree_holds_folds != y->tree_holds_folds;
	case VRULE_INLINED:
		return x->inlines_comprehensions != y->inlines_comprehensions;
	case VRULE_LOCALS_ORDER:
		return x->locals_last_first != y->locals_last_first ||
		    x->compare_drops_right_first !=
		    y->compare_drops_right_first;
	case VRULE_MESSAGES:
		return x->float_modulo_by_zero != y->float_modulo_by_zero ||
		    x->says_division_by_zero != y->says_division_by_zero ||
		    x->says_unhashable_use != y->says_unhashable_use ||
		    x->slices_hashable != y->slices_hashable ||
		    x->says_iterable_argument_empty !=
		    y->says_iterable_argument_empty ||
		    x->qualified_weakref_repr != y->qualified_weakref_repr;
	case VRULE_GEN_CLOSE:
		return x->close_clears_unstarted != y->close_clears_unstarted ||
		    x->close_locals_first != y->close_locals_first;
	case VRULE_REVERSED:
		return x->list_reverse_keeps_seq != y->list_reverse_keeps_seq;
	case VRULE_SUM:
		return x->sum_compensated != y->sum_compensated ||
		    x->sum_compensates_ints != y->sum_compensates_ints;
	case VRULE_COLLECTOR:
		return x->survivors_to_old != y->survivors_to_old;
	case VRULE_WITH:
		return x->with_load_special != y->with_load_special;
	case VRULE_SORT:
		return x->sort_relaxed_runs != y->sort_relaxed_runs ||
		    x->minmax_args_tuple != y->minmax_args_tuple ||
		    x->set_op_takes != y->set_op_takes;
	default:
		return false;
	}
}

const struct version_rules *
version_rules(enum py_version v)
{
	return &rules[(unsigned)v < PY_VERSION_COUNT ? v : PY_VERSION_DEFAULT];
}

void
version_init_heap(struct heap *h, enum py_version v)
{
	h->python = v;
	h->qualified_weakref_repr = version_rules(v)->qualified_weakref_repr;
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
	case OBJ_TYPE:	/* a static type, made immortal at start-up */
		return true;
	case OBJ_STR:
		/* an interned str is immortal only when the interpreter
		 * made it so at its start-up: not modelled, mortal here */
		return o->as.s->chars <= 1;
	case OBJ_ITER:	/* NotImplemented, a static object */
		return o->as.iter->kind == ITER_NOTIMPLEMENTED;
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
