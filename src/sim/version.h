/*
 * version.h: what differs between the CPython versions refscope models
 * (DESIGN §10), each rule in one place: a row per version, and the
 * questions the rest of the simulator, the writers and the view ask of it.
 *
 * Measured on the real interpreters (tests/oracle: pyodide 0.27.8 is
 * 3.12.7, 0.29.5 is 3.13.2, 314.0.8 is 3.14.2; python3 is 3.11.2), except
 * the counts of immortal objects: pyodide is a 32-bit build, so these are
 * the 64-bit builds' (Include/refcount.h), which students run.
 */
#ifndef REFSCOPE_VERSION_H
#define REFSCOPE_VERSION_H

#include <stdbool.h>
#include <stdint.h>

#include "py/pyversion.h"
#include "sim/heap.h"

struct version_rules {
	/* PEP 683 (3.12 on): None, True, False, the small ints, the empty
	 * tuple, the empty and one-character latin-1 strs and the built-in
	 * (static) types are immortal, and
	 * sys.getrefcount says immortal_count of each, whatever refers to
	 * them: UINT32_MAX on 3.12 and 3.13, 3 << 30 on 3.14. */
	bool		 immortal;
	int64_t		 immortal_count;
	/* 3.11's _Py_ID has static strs of its own for some single
	 * letters: the constant 'a' is that object, not the latin-1
	 * singleton that 'ab'[0] is (objects.c says which letters).  3.12
	 * dropped them: one-character latin-1 strs are all singletons. */
	bool		 letter_identifiers;
	/* gc.get_threshold() of a fresh interpreter. */
	uint32_t	 thresholds[GEN_COUNT];
	/* 3.14's LOAD_FAST_BORROW: a function's local passed straight to a
	 * call is a borrowed reference, so sys.getrefcount(local) does not
	 * count it (one less than 3.13). */
	bool		 borrowed_locals;
	/* 3.14's tracking: a dict is tracked from birth and never
	 * untracked; a tuple made from an array (BUILD_TUPLE, tuple() of a
	 * list, PyTuple_Pack: enumerate's and a dict item iterator's
	 * (None, None), a code object's co_consts) that holds no container
	 * starts untracked, where a folded constant or zip's result (filled
	 * item by item) stays tracked; the survivors of a young
	 * collection, gc.collect(0), go to the old generation (which
	 * gc.get_objects() reports as generation 2). */
	bool		 dicts_tracked;
	bool		 untrack_new_tuples;
	bool		 survivors_to_old;
	/* 3.12's compiler drops the constants no instruction loads (a
	 * folded tuple's items stay in 3.11's co_consts).  The compiler is
	 * in lang/, below sim/: program.c applies the same fact itself. */
	bool		 drops_unused_consts;
	/* `python3 FILE.py` keeps the file's parsed tree until the module
	 * returns, one reference on each constant the parser made
	 * (program.h's constant_origin); up to 3.13 also on each one the
	 * AST optimizer folded (a tuple of constants, -5000), which 3.14
	 * folds in the code generator instead (measured with
	 * PyRun_FileExFlags in each version). */
	bool		 tree_holds_folds;
	/* 3.13's listreviter_next: once its index has passed the list's
	 * start it returns without letting the list go, so an exhausted
	 * list_reverseiterator keeps it_seq (one past the end, a list
	 * that shrank under it, still lets it go). */
	bool		 list_reverse_keeps_seq;
	/* sum()'s float path (builtin_sum_impl): from 3.12 its float items
	 * add with Neumaier's compensated summation (sum([0.1] * 10) is
	 * 1.0), its ints that fit a C long plainly; 3.14 compensates its
	 * int items too, of any size, where 3.12 and 3.13 leave the fast
	 * path for PyNumber_Add at an int beyond a C long. */
	/* 3.14's list_extend_dictitems: list(), list.extend() and sorted()
	 * of a dict's items view make each pair straight from the dict
	 * (PyTuple_FromArray, so untracked as above), with no iterator and
	 * no recycled result tuple. */
	bool		 list_packs_dict_items;
	bool		 sum_compensated;
	bool		 sum_compensates_ints;
	/* 3.13's inline values: an instance's values live in the instance
	 * itself, and reading its __dict__ makes a dict that only views
	 * them (the instance still owns them) until a name finds no room in
	 * the class's shared keys.  The collector then visits the values
	 * from the instance and nothing from the dict: such a dict is never
	 * found unreachable (version_dict_view). */
	bool		 inline_values;
	/* 3.14: a class's shared keys start with its __static_attributes__
	 * (the names its methods store as self.NAME, sorted), each taking
	 * one of the keys' room, whether an instance ever gets it or not
	 * (_PyDict_NewKeysForClass).  Before, they learn names as instances
	 * get them.  Changes the order an instance's attributes die in and
	 * where the 30-key budget runs out. */
	bool		 static_keys;
	/* 3.11's gen_close throws GeneratorExit into a generator that
	 * never started, which clears its frame then; from 3.12 it only
	 * marks it done, and the frame goes with the generator.  The
	 * collector's finalizer so breaks a cycle through an unstarted
	 * generator expression on 3.11, and leaves it to be cleared on
	 * 3.12 on. */
	bool		 close_clears_unstarted;
	/* 3.13's gen_close ends a generator suspended at a yield without
	 * throwing into it (_PyFrame_ClearLocals): its locals go in order,
	 * then its stack bottom up, its function with the generator.
	 * Before, GeneratorExit unwinds the frame: the stack top first,
	 * then the locals, then the function. */
	bool		 close_locals_first;
	/* PEP 709 (3.12 on): a list, set or dict comprehension runs in the
	 * code it is in, with no function object and no frame of its own
	 * (3.11 calls a <listcomp> function).  The compiler is in lang/:
	 * program.c applies the same fact itself. */
	bool		 inlines_comprehensions;
	/* 3.14's _PyFrame_ClearLocals: a frame that ends lets its locals go
	 * from the last to the first (the stack pointer down), and so do a
	 * frame object's dealloc and its tp_clear; before, first to last. */
	bool		 locals_last_first;
	/* 3.14's COMPARE_OP, IS_OP and CONTAINS_OP let their right operand
	 * go first (PyStackRef_CLOSE of the inputs from the top); before,
	 * the left first. */
	bool		 compare_drops_right_first;
	/* ZeroDivisionError's message: 3.13 says "float modulo by zero"
	 * where 3.11 says "float modulo"; 3.14 says "division by zero" of
	 * every division and modulo. */
	bool		 float_modulo_by_zero;
	bool		 says_division_by_zero;
	/* TypeError of an unhashable key: 3.14 says what it was to be,
	 * "cannot use 'list' as a set element (unhashable type: 'list')",
	 * where 3.11 says "unhashable type: 'list'". */
	bool		 says_unhashable_use;
	/* min() and max() of nothing: 3.12 says "min() iterable argument
	 * is empty" where 3.11 says "min() arg is an empty sequence". */
	bool		 says_iterable_argument_empty;
	/* 3.12 made slice objects hashable: d[1:2] looks the slice up as a
	 * key (KeyError) where 3.11 raises "unhashable type: 'slice'". */
	bool		 slices_hashable;
	/* 3.13's weakref repr names its referent's type by its fully
	 * qualified name: a library class's with its module ('weakref.
	 * WeakValueDictionary'); before, by its plain name. */
	bool		 qualified_weakref_repr;
	/* 3.14's LOAD_SPECIAL: a `with` looks up __exit__, then __enter__,
	 * and keeps __exit__'s function and the manager on the stack; 3.11
	 * to 3.13's BEFORE_WITH looks up __enter__ first and keeps a bound
	 * method, which holds the manager.  So what __exit__ sees counted
	 * differs, and which missing method the TypeError names. */
	bool		 with_load_special;
	/* list.sort() of fewer than 64 items is one run: count_run, then
	 * binary insertion.  3.13's count_run also takes a run that is
	 * descending but for equal neighbours (reversing those on the way)
	 * and extends a reversed run by an ascending tail, with compares of
	 * its own; 3.11's stops at the first pair out of order.  Visible
	 * when a class's __lt__ prints. */
	bool		 sort_relaxed_runs;
	/* min() and max() of several arguments go through a tuple of them
	 * (METH_VARARGS) up to 3.12; 3.13's take the call's array
	 * (vectorcall), so an argument's count inside __lt__ is one less. */
	bool		 minmax_args_tuple;
	/* 3.14's BUILD_SET and SET_ADD give the set the stack's reference
	 * (_PySet_AddTakeRef), which it probes with; before, PySet_Add takes
	 * one of its own first, which a class's __eq__ sees. */
	bool		 set_op_takes;
	/* The collector, in words, for the title bar and FORMAT.md. */
	const char	*collector;
};

/*
 * The rules by name, for what shows two versions side by side (refscope
 * compare, the viewer's version toggle): each difference it finds is put
 * down to one of these, named and said in a sentence here and nowhere
 * else.
 */
enum version_rule {
	VRULE_IMMORTAL,
	VRULE_LETTERS,
	VRULE_CONSTANTS,
	VRULE_BORROWED,
	VRULE_THRESHOLDS,
	VRULE_TRACKING,
	VRULE_COLLECTOR,
	VRULE_REVERSED,
	VRULE_SUM,
	VRULE_PACKED,
	VRULE_FOLDED,
	VRULE_GEN_CLOSE,
	VRULE_INLINED,
	VRULE_LOCALS_ORDER,
	VRULE_MESSAGES,
	VRULE_SORT,
	VRULE_WITH,
	VRULE_COUNT,
	VRULE_NONE = VRULE_COUNT	/* none of the modelled rules */
};

/* The rule's name: "immortal objects (PEP 683)"; a static string. */
const char	*version_rule_name(enum version_rule r);
/* What the rule says, one short sentence; a static string. */
const char	*version_rule_says(enum version_rule r);
/* Whether versions a and b differ by rule r. */
bool		 version_rule_differs(enum version_rule r, enum py_version a,
		    enum py_version b);

/* The rules of version v. */
const struct version_rules *version_rules(enum py_version v);

/* Makes the fresh heap h model version v: its version, its collector's
 * thresholds.  Before the first event (the initial state, not an event). */
void	version_init_heap(struct heap *h, enum py_version v);

/* Whether object id is immortal in the version h models. */
bool	version_immortal(const struct heap *h, objid_t id);

/* Whether d, the real dict (attribute __dict__) of instance o, is still a
 * view of o's inline values on the version h models (inline_values): every
 * key a str, and those its class's shared keys have not learnt fit in the
 * room left.  Drawn and counted as 3.11's dict (it holds the values); only
 * the collector sees it otherwise (gc.c). */
bool	version_dict_view(const struct heap *h, objid_t o, objid_t d);

/* Class cls, made but not yet allocated, takes the shared keys the
 * version h models starts a class with: names (its __static_attributes__,
 * count of them) on 3.14 while there is room, none before. */
void	version_class_keys(struct heap *h, objid_t cls, const atom_t *names,
	    uint32_t count);

/* What sys.getrefcount counts of id on the version h models, without the
 * call's own argument: its references, or the immortal count. */
int64_t	version_refcount(const struct heap *h, objid_t id);

#endif
