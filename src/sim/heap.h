/*
 * heap.h: the state of the modelled interpreter at one moment -- objects,
 * frames with their names, the evaluation stack, the collector's generations.
 *
 * The heap is changed only by applying and undoing events (event.h); the
 * functions below that change it are the primitives event.c is built from,
 * and nothing else calls them.  Everything else reads.
 *
 * The invariant, checked by heap_check: every live object's reference count
 * equals the number of references to it that the heap records -- names in
 * frames, slots of containers (including those of objects being freed),
 * entries of the evaluation stack, constants held by a step or a function,
 * a frame's hold on its function, an instance's hold on its class -- plus
 * the references CPython's own machinery holds that the model does not draw
 * (a class's three: its __mro__ tuple and two descriptors).
 *
 * Ids are 1, 2, 3... in allocation order and never reused; the record of a
 * freed object stays, so that undoing its free or redoing its allocation
 * finds its value again.
 */
#ifndef REFSCOPE_HEAP_H
#define REFSCOPE_HEAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/atom.h"
#include "base/strbuf.h"
#include "py/bigint.h"
#include "py/pyversion.h"
#include "py/settable.h"

typedef uint32_t objid_t;
#define OBJ_NULL 0u

enum obj_type {
	OBJ_NONE,	/* NoneType */
	OBJ_BOOL,
	OBJ_INT,
	OBJ_FLOAT,
	OBJ_STR,
	OBJ_TUPLE,
	OBJ_LIST,
	OBJ_DICT,
	OBJ_SET,
	OBJ_FUNCTION,
	OBJ_CLASS,	/* a scenario class: type `type` */
	OBJ_INSTANCE,	/* an instance of a scenario class */
	OBJ_RANGE,	/* a range or a range_iterator: not the collector's */
	OBJ_ITER,	/* an iterator the collector tracks (list_iterator...),
			   a bound method or a super object */
	OBJ_TYPE	/* a built-in type (int, list_iterator, ...): static in
			   CPython, shared here, made on first use */
};
#define OBJ_TYPE_COUNT (OBJ_TYPE + 1)

/* What an OBJ_RANGE or OBJ_ITER is: its type name is the kind's. */
enum iter_kind {
	ITER_RANGE,		/* range: holds start, stop, step, length */
	ITER_RANGE_ITER,	/* range_iterator: C longs, holds nothing */
	ITER_LIST,		/* list_iterator: holds it_seq */
	ITER_TUPLE,		/* tuple_iterator */
	ITER_STR_ASCII,		/* str_ascii_iterator */
	ITER_STR,		/* str_iterator */
	ITER_DICT_KEYS,		/* dict_keys, a view: holds its dict */
	ITER_DICT_VALUES,	/* dict_values */
	ITER_DICT_ITEMS,	/* dict_items */
	ITER_DICT_KEYITER,	/* dict_keyiterator: di_dict */
	ITER_DICT_VALUEITER,	/* dict_valueiterator */
	ITER_DICT_ITEMITER,	/* dict_itemiterator: di_dict, di_result */
	ITER_SET,		/* set_iterator: si_set */
	ITER_ENUMERATE,		/* enumerate: en_sit, en_result */
	ITER_ZIP,		/* zip: ittuple, result */
	ITER_REVERSED,		/* reversed (over a sequence): seq */
	ITER_LIST_REVERSE,	/* list_reverseiterator: it_seq */
	ITER_GENERATOR,		/* generator (.py generator expressions):
				   its frame while it is not running --
				   the stack entries (top first), then the
				   locals in order, then the function
				   (f_func), last; stop: its __qualname__ */
	/* not iterators, but as small and as fixed: a C type holding a
	 * few references, tracked by the collector */
	ITER_METHOD,		/* method (a bound method): holds __func__,
				   then __self__ */
	ITER_SUPER,		/* super: holds __self__, __thisclass__,
				   __self_class__ */
	ITER_WEAKREF,		/* weakref.ref (ReferenceType): holds its
				   __callback__ when it has one; its
				   referent is pyiter.weak, not counted.
				   A KeyedRef (stop 1: weakref.py's
				   subclass, a WeakValueDictionary's
				   entry) holds its key first, then its
				   callback (its dealloc's order) */
	ITER_CELL,		/* cell: holds its cell_contents, or
				   nothing while empty */
	/* Exceptions (.py try/except): each slot is named by the atom its
	 * SLOT_INSERT carried (pyiter.names), in tp_traverse order. */
	ITER_EXCEPTION,		/* an instance of a built-in exception
				   class: args, then __traceback__ and
				   __context__ when set; stop: the class's
				   name (an atom) */
	ITER_TRACEBACK,		/* traceback: tb_next when set, tb_frame */
	ITER_FRAME,		/* frame: while its code runs, nothing (its
				   frame holds it, SITE_FRAME_OBJ); once
				   it owns the frame's data, f_back, f_func
				   and the bound locals by name; stop: the
				   code's name (an atom), len: its line */
	ITER_BUILTIN,		/* builtin_function_or_method: a built-in
				   function used as a value (print given
				   to weakref.finalize), shared
				   (OBJF_CACHED); holds nothing; stop: its
				   name (an atom) */
	ITER_NOTIMPLEMENTED,	/* NotImplementedType: NotImplemented, the
				   interpreter's one (OBJF_CACHED, not
				   tracked); holds nothing */
	ITER_GLOBALS		/* dict: the module's globals, as
				   gc.get_referrers answers it (shared,
				   OBJF_CACHED).  CPython made it at
				   start-up; its entries are the module
				   frame's names, which the model keeps
				   there, and the interpreter's own
				   (__builtins__, __loader__, ...), which
				   it does not keep: it holds nothing, and
				   the interpreter refuses each use of it
				   but its identity and type */
};
#define ITER_KIND_COUNT (ITER_GLOBALS + 1)
/* The kinds that are no iterator nor view: C objects holding a few
 * references (neither iter() nor next() takes them). */
#define ITER_IS_HOLDER(kind) ((kind) >= ITER_METHOD)
/* The dict views: not iterators, though they hold their dict the way an
 * iterator holds its sequence. */
#define ITER_IS_VIEW(kind) ((kind) >= ITER_DICT_KEYS && \
	(kind) <= ITER_DICT_ITEMS)
#define ITER_MAX_HELD	16

enum obj_state {
	OBJ_UNBORN,	/* allocated later in the timeline (or undone) */
	OBJ_ALIVE,
	OBJ_FREED	/* its count reached 0 (or the collector took it);
			   while it drops what it holds, those slots still
			   count as references */
};

/* Flags of struct object. */
#define OBJF_CACHED	0x01	/* shared: small int, interned str, None, ... */
#define OBJF_TRACKED	0x02	/* in one of the collector's generations */
#define OBJF_REACHABLE	0x04	/* collector: marked / kept (during a collection) */
#define OBJF_UNREACHABLE 0x08	/* collector: found unreachable */
#define OBJF_BIGINT	0x10	/* an INT beyond 64 bits: as.big, not as.i */
#define OBJF_FINALIZED	0x20	/* its __del__ has run (_PyGC_FINALIZED) */

#define GEN_COUNT 3

/* The references CPython holds to a class that the model does not draw:
 * its __mro__ tuple, and the __dict__ and __weakref__ descriptors.  A class
 * is ALLOCated with refcount 1 + these; heap_check counts them while it is
 * alive. */
#define HEAP_CLASS_INTERNAL_REFS 3
/* A class with a base holds it three times, none drawn: tp_base, the
 * tp_bases tuple and its tp_mro tuple.  Its own internal references are
 * then 1 (its __mro__; the descriptors are the base's), plus one when a
 * method uses super() (the __class__ cell). */
#define HEAP_CLASS_BASE_REFS 3
/* 3.11's shared keys (a class's instances' attribute names) take at most
 * SHARED_KEYS_MAX_SIZE names; each instance made takes one of that room
 * too, while more than one is left (init_inline_values).  An instance
 * that needs a name when no room is left gets a real dict, its attribute
 * "__dict__" (make_dict_from_instance_attributes). */
#define HEAP_SHARED_KEYS_MAX 30
/* The function number of a library's function the model never runs
 * (WeakValueDictionary's remove callback): its effect is the model's own
 * code. */
#define HEAP_FUNCTION_LIBRARY UINT32_MAX

struct pystr {
	size_t		 len;		/* bytes of UTF-8 */
	uint32_t	 chars;		/* code points */
	pyhash_t	 hash;
	char		 data[];	/* NUL-terminated */
};

/* list and tuple items */
struct pyseq {
	uint32_t	 len;
	uint32_t	 cap;
	objid_t		 items[];
};

/* dict entries in insertion order; a deleted entry keeps its place with
 * key OBJ_NULL, as in CPython's compact dict, so entry indices are stable */
struct dict_entry {
	objid_t		 key;
	objid_t		 value;
	pyhash_t	 hash;
};
struct pydict {
	uint32_t	 count;		/* entries, deleted ones included */
	uint32_t	 cap;
	uint32_t	 live;		/* len(d) */
	uint32_t	 index_mask;
	uint32_t	*index;		/* owned, NULL for small dicts: entry
					   numbers by hash, for heap_dict_find
					   (derived; not part of the state) */
	struct dict_entry entries[];
};

/* instance attributes in insertion order (what vars() would show) */
struct attribute {
	atom_t		 name;
	objid_t		 value;
};
struct pyinstance {
	objid_t		 cls;		/* the class, held (SITE_CLASS) from its
					   ALLOC; OBJ_NULL once a freed instance
					   has let it go (SLOT_REMOVE, CLASS) */
	uint32_t	 count;
	uint32_t	 cap;
	/* what its class's __hash__ gave (HASH event): the hash of the
	 * instance from then on; the model's identity hash before */
	bool		 hashed;
	pyhash_t	 hash;
	struct attribute attrs[];
};

struct pyfunction {
	atom_t		 name;
	atom_t		 qualname;	/* "C.m" for a method (its repr) */
	uint32_t	 index;		/* the program's function number */
	uint32_t	 const_count;	/* constants stored so far */
	uint32_t	 const_cap;	/* its code's constants (co_consts) */
	objid_t		*consts;	/* owned: const_cap of them, held */
	uint32_t	 local_count;
	atom_t		*locals;	/* owned: co_varnames, parameters first */
	bool		 defaults;	/* consts[0] is its __defaults__ tuple
					   (a .py def with default values; its
					   code's constants are the module's) */
	bool		 closure;	/* consts[0] is its __closure__ tuple
					   of cells (a .py def with free
					   variables), its defaults then
					   consts[1]: MAKE_FUNCTION sets the
					   closure first, func_clear drops
					   it after them */
};

/* A range or an iterator: the references it holds (SITE_HELD, in the
 * order its tp_dealloc drops them; an iterator over a sequence lets its
 * sequence go when it is exhausted, as CPython sets it_seq to NULL), and
 * a range's values. */
struct pyiter {
	uint8_t		 kind;		/* enum iter_kind */
	uint32_t	 count;		/* held references */
	objid_t		 held[ITER_MAX_HELD];
	atom_t		 names[ITER_MAX_HELD];	/* an exception's, a
					   traceback's, a frame's: each
					   slot's field or local */
	int64_t		 start, stop, step;	/* range, range_iterator */
	int64_t		 len;		/* how many it yields (range_iterator:
					   from start on) */
	int64_t		 pos;		/* an iterator's cursor: the next index
					   (a str's: byte offset; a dict's
					   entry, a set's table slot;
					   enumerate's next count), moved by
					   ITER_MOVE events */
	int64_t		 used;		/* di_used, si_used (the size the
					   iterator saw at its birth, -1 once
					   it raised); the interpreter's,
					   written in its one forward run */
	objid_t		 weak;		/* a weakref's referent (wr_object):
					   no count, no SITE; OBJ_NULL once
					   a WEAK_CLEAR has cleared it */
	objid_t		 weak_birth;	/* its referent at its birth, never
					   cleared: a dead weakref's hash is
					   the one it had (wr->hash) */
};

struct pyclass {
	atom_t		 name;
	objid_t		 base;		/* OBJ_NULL or its base class, held
					   HEAP_CLASS_BASE_REFS times from
					   its ALLOC, not drawn */
	uint8_t		 internal;	/* the references CPython's machinery
					   holds to it (HEAP_CLASS_INTERNAL_REFS
					   without a base) */
	atom_t		 exception;	/* an exception class (.py): the
					   built-in exception it derives
					   from ("ValueError"); else
					   ATOM_NONE.  Its instances are
					   exceptions (ITER_EXCEPTION) that
					   hold it, as "__class__" */
	atom_t		 path;		/* a library's class (weakref.py's
					   finalize): where it is defined,
					   "weakref" or "weakref.finalize";
					   ATOM_NONE for the program's own,
					   which are __main__'s */
	bool		 slotted;	/* it declares __slots__ (a library
					   class): its instances keep their
					   values in slots -- no __dict__, no
					   __weakref__, no shared keys to run
					   out of */
	struct pyinstance *ns;		/* owned: its namespace (tp_dict), as
					   attributes (site ATTR) in insertion
					   order; ns->cls is OBJ_NULL */
	uint32_t	 usable;	/* room left in the shared keys
					   (dk_usable): HEAP_SHARED_KEYS_MAX
					   at first */
	bool		 eq_by_code;	/* its __eq__ is a function of the
					   program's: the heap's equality
					   cannot say what it answers */
	uint32_t	 key_count;	/* attribute names in the order CPython's */
	uint32_t	 key_cap;	/* shared keys learnt them: the order in */
	atom_t		*keys;		/* which an instance's attributes die */
};

struct object {
	uint8_t		 type;		/* enum obj_type */
	uint8_t		 state;		/* enum obj_state */
	uint8_t		 flags;		/* OBJF_* */
	uint8_t		 gen;		/* 0..2 when TRACKED */
	int32_t		 refcount;
	objid_t		 gc_prev;	/* its generation's list, in CPython's */
	objid_t		 gc_next;	/* order (OBJ_NULL at the ends) */
	int32_t		 gc_refs;	/* collector scratch, shown by the viewer */
	/* gc_refs and the REACHABLE/UNREACHABLE flags are the collector's
	 * scratch: they mean something only between a GC_BEGIN and its GC_END
	 * and are not cleared afterwards (each event that sets them records
	 * what was there, so undo is exact). */
	union {
		int64_t		 i;		/* INT, BOOL */
		struct bigint	*big;		/* INT with OBJF_BIGINT: owned */
		double		 f;		/* FLOAT */
		struct pystr	*s;		/* STR */
		struct pyseq	*seq;		/* TUPLE, LIST */
		struct pydict	*dict;		/* DICT */
		struct settable	*set;		/* SET */
		struct pyfunction *fn;		/* FUNCTION */
		struct pyclass	*cls;		/* CLASS */
		struct pyinstance *inst;	/* INSTANCE */
		struct pyiter	*iter;		/* RANGE, ITER */
		atom_t		 name;		/* TYPE: the type's name */
	} as;
};

/* A name in a frame.  Module frame: insertion order, deleting removes the
 * entry (a dict).  Function frame: its locals in co_varnames order, fixed;
 * an unbound local has value OBJ_NULL. */
struct binding {
	atom_t		 name;
	objid_t		 value;
};

struct frame {
	objid_t		 function;	/* OBJ_NULL for the module frame */
	objid_t		 object;	/* its frame object (ITER_FRAME) once
					   something asked for one, held
					   (SITE_FRAME_OBJ); else OBJ_NULL */
	bool		 fixed;		/* function frame: names are its locals */
	struct binding	*names;		/* owned */
	uint32_t	 name_count;
	uint32_t	 name_cap;
	objid_t		*consts;	/* module frame: the current step's
					   constants (owned array, held refs) */
	uint32_t	 const_count;
	uint32_t	 const_cap;
};

struct gc_generation {
	objid_t		 head;		/* the list, oldest first */
	objid_t		 tail;
	uint32_t	 length;
	uint32_t	 count;		/* CPython's gen count */
	uint32_t	 threshold;
};

struct heap {
	struct object	*objects;	/* owned; index = id; [0] unused */
	uint32_t	 object_count;	/* ids in use: 1..object_count-1 */
	uint32_t	 object_cap;

	struct frame	*frames;	/* owned; [0] is the module frame */
	uint32_t	 frame_count;
	uint32_t	 frame_cap;

	objid_t		*stack;		/* owned: the evaluation stack (temps) */
	uint32_t	 stack_len;
	uint32_t	 stack_cap;	/* entries from stack[0] on */
	uint32_t	 stack_front;	/* free entries before stack[0] (the
					   allocation starts there) */

	uint32_t	 live_count;	/* ALIVE objects, cached included */
	uint32_t	 live_uncached;	/* ALIVE objects that are not cached */

	/* The CPython version modelled (sim/version.h says what differs):
	 * set once by interp_run, before the first event. */
	enum py_version	 python;
	bool		 qualified_weakref_repr;	/* version_init_heap's:
					   from 3.13 a weakref's repr names a
					   library's class with its module */
	const char	*file;		/* the scenario's, as a frame's repr
					   names it (borrowed; NULL: none) */

	struct gc_generation gens[GEN_COUNT];
	bool		 gc_enabled;
	uint32_t	 long_lived_total;	/* CPython's full-collection */
	uint32_t	 long_lived_pending;	/* heuristic (gc_collect_main) */

	/* Set tables replaced by a resize, kept to undo it: owned. */
	struct settable	*saved_tables;
	uint32_t	 saved_table_count;
	uint32_t	 saved_table_cap;

	uint64_t	 position;	/* events applied so far */
};

/* An empty heap: no objects, the module frame, gc enabled with
 * thresholds (700, 10, 10).  Caller owns it (heap_free). */
struct heap	*heap_new(void);
void		 heap_free(struct heap *h);

/* The record of id (any state); id must be < h->object_count and != 0. */
static inline struct object *
heap_object(const struct heap *h, objid_t id)
{
	return &h->objects[id];
}

static inline bool
heap_alive(const struct heap *h, objid_t id)
{
	return id != OBJ_NULL && id < h->object_count &&
	    h->objects[id].state == OBJ_ALIVE;
}

/* Python's type name: "int", "list", "NoneType", "function", "type", or
 * the class's name for an instance ("object" for a freed instance that has
 * let its class go).  Static or atom storage. */
const char	*heap_type_name(const struct heap *h, objid_t id);
/* Exception id's class of the program, or OBJ_NULL for an instance of a
 * built-in exception class (or one that has let its class go). */
objid_t		 heap_exception_class(const struct heap *h, objid_t id);
/* The built-in exception class exception id is, or derives from: what
 * its behaviour (str, matching) follows.  Atom storage. */
const char	*heap_exception_kind(const struct heap *h, objid_t id);

/* Whether objects of this type are containers the collector tracks. */
bool		 heap_type_is_container(enum obj_type type);

/* ---- reading the references of an object ---- */

enum site_kind {
	SITE_NONE,
	SITE_STACK,	/* owner: -, index: stack position */
	SITE_NAME,	/* owner: frame number, index: binding index */
	SITE_CONST,	/* owner: frame number (step constants) or function
			   id (SITE_FUNC_CONST), index: constant number */
	SITE_FUNC_CONST,
	SITE_ITEM,	/* owner: list/tuple id, index: item */
	SITE_DICT_KEY,	/* owner: dict id, index: entry */
	SITE_DICT_VALUE, /* owner: dict id, index: entry */
	SITE_SET,	/* owner: set id, index: table entry */
	SITE_ATTR,	/* owner: instance id, index: attribute */
	SITE_CLASS,	/* owner: instance id: its hold on its class */
	SITE_FRAME_FUNC, /* owner: frame number: its hold on its function */
	SITE_HELD,	/* owner: range or iterator id, index: held ref */
	SITE_FRAME_OBJ	/* owner: frame number: its frame object */
};

/* One outgoing reference of a container, in the order DESIGN §7 lists
 * them (and CPython iterates them). */
struct heap_ref {
	enum site_kind	 site;
	uint32_t	 index;
	objid_t		 target;
};

/*
 * Calls visit for each reference held by object id, in iteration order:
 * list/tuple items, dict entries (key then value), set entries in table
 * order, instance attributes in insertion order then its class, function
 * constants.  Stops early when visit returns false.
 */
typedef bool (*heap_visit_fn)(void *ctx, const struct heap_ref *ref);
void		 heap_visit_refs(const struct heap *h, objid_t id,
		    heap_visit_fn visit, void *ctx);

/* Number of references object id holds (heap_visit_refs would visit). */
uint32_t	 heap_ref_count(const struct heap *h, objid_t id);

/* The label of a reference as DESIGN §7 spells it: "[0]", "['k']",
 * "key 'k'", "{2}", ".name", "__class__", "co_consts[1]".  Appends to out. */
void		 heap_ref_label(const struct heap *h, objid_t owner,
		    const struct heap_ref *ref, struct strbuf *out);

/*
 * Appends Python's repr(id) (or str() with as_str, for print), cutting at
 * about max_chars characters with "…" (0 = no limit).  An int too long
 * for that, or for str() at all, shows its first digits and how many
 * there are: 1234567…(301 digits).  Recursive containers
 * print [...] / {...} as CPython does.  Instances print as
 * <__main__.Node object at #7>, functions as <function f at #3> (CPython shows an
 * address there).
 */
void		 heap_repr(const struct heap *h, objid_t id, bool as_str,
		    size_t max_chars, struct strbuf *out);
/*
 * heap_repr for the program's own print: false, with out as it was, when
 * CPython would raise, *why saying which: the repr would nest more than
 * max_depth objects on one path (each repr of an object, containers and
 * what they hold, counts one, as CPython's PyObject_Repr does), where it
 * raises RecursionError; or an int in it has more decimal digits than
 * str() allows (ValueError, BIGINT_STR_LIMIT_MESSAGE).
 */
enum heap_repr_failure {
	HEAP_REPR_TOO_DEEP,
	HEAP_REPR_INT_TOO_LONG,
	HEAP_REPR_GLOBALS	/* it holds the module's globals dict, whose
				   entries are not modelled */
};
bool		 heap_repr_nested(const struct heap *h, objid_t id, bool as_str,
		    size_t max_chars, uint32_t max_depth, struct strbuf *out,
		    enum heap_repr_failure *why);

/* heap_repr(h, id, false, max_chars, out), calling seen for each
 * container whose contents the repr printed (id first, if it is one):
 * until one of them changes, the repr stays the same, however the counts,
 * names and other objects change.  The delta trace relies on it. */
typedef void (*heap_seen_fn)(void *ctx, objid_t container);
void		 heap_repr_seen(const struct heap *h, objid_t id,
		    size_t max_chars, struct strbuf *out, heap_seen_fn seen,
		    void *ctx);

/* Python's len() for str, list, tuple, dict, set; -1 for others. */
int64_t		 heap_len(const struct heap *h, objid_t id);

/* Looks name up in frame number `frame` only: true with its binding index
 * and value when it is bound there.  False when it is not bound; for a
 * function frame whose local it is, *index is still set (to the unbound
 * local's binding) and *value to OBJ_NULL. */
bool		 heap_lookup_name(const struct heap *h, uint32_t frame,
		    atom_t name, uint32_t *index, objid_t *value);

/* The index of attribute name of instance (or class) id, or -1. */
int64_t		 heap_attr_index(const struct heap *h, objid_t id, atom_t name);
/* The value of attribute (or namespace entry) name of id, or OBJ_NULL. */
objid_t		 heap_attr_value(const struct heap *h, objid_t id, atom_t name);

/* hash(key) for hashable objects; false (and *hash untouched) otherwise. */
bool		 heap_hash(const struct heap *h, objid_t id, pyhash_t *hash);
/* a == b with Python's rules for the modelled types (1 == 1.0 == True). */
bool		 heap_equal(const struct heap *h, objid_t a, objid_t b);
/* The entry of dict id holding a key equal to key, or -1. */
int64_t		 heap_dict_find(const struct heap *h, objid_t id, objid_t key);
/* The table entry of set id holding an element equal to key, or -1. */
int64_t		 heap_set_find(const struct heap *h, objid_t id, objid_t key);

/*
 * CPython 3.11's default recursion limit.  Comparisons and reprs count
 * against it (Py_EnterRecursiveCall), so no walk of theirs goes deeper;
 * hashing a tuple does not count (tuplehash), and is not recursive here.
 */
#define HEAP_MAX_DEPTH	1000

/*
 * The same four, within a budget of objects visited (each visit costs one;
 * a part reached twice is visited twice, as CPython does).  When the budget
 * runs out the walk stops with the negative answer and sets exhausted: the
 * caller reports a limit, not the answer.  The interpreter gives one
 * budget to a whole run; the plain forms above have no limit.
 *
 * max_depth is how many nested comparisons (each pair that is not one
 * object, outermost first) the walk may make: where CPython would enter
 * one more, it raises RecursionError, and the walk stops with the negative
 * answer and sets too_deep.  At most HEAP_MAX_DEPTH.
 */
struct heap_budget {
	uint64_t	left;
	bool		exhausted;
	uint32_t	max_depth;
	bool		too_deep;
	/* an equality met an instance whose class's __eq__ is code
	 * (pyclass.eq_by_code) and another object: no answer */
	bool		needs_code;
};
#define HEAP_BUDGET_UNLIMITED	{ UINT64_MAX, false, HEAP_MAX_DEPTH, false, false }

bool		 heap_hash_within(const struct heap *h, objid_t id,
		    pyhash_t *hash, struct heap_budget *b);
bool		 heap_equal_within(const struct heap *h, objid_t a, objid_t b,
		    struct heap_budget *budget);
int64_t		 heap_dict_find_within(const struct heap *h, objid_t id,
		    objid_t key, struct heap_budget *b);

/*
 * a OP b for OP one of == != < > <= >= (enum compare_op of lang/ast.h),
 * as PyObject_RichCompare answers for the modelled types: numbers by
 * value (an int and a float exactly), strs by code points, lists and
 * tuples item by item, sets by inclusion.  HEAP_CMP_TYPE_ERROR when
 * CPython raises TypeError: bad[0] and bad[1] are the pair it could not
 * order (an item pair, inside a list).  A walk that stops (budget, depth)
 * answers false, as above.
 */
enum heap_cmp {
	HEAP_CMP_FALSE,
	HEAP_CMP_TRUE,
	HEAP_CMP_TYPE_ERROR
};
enum heap_cmp	 heap_compare_within(const struct heap *h, objid_t a,
		    objid_t b, int op, objid_t bad[2],
		    struct heap_budget *budget);
int64_t		 heap_set_find_within(const struct heap *h, objid_t id,
		    objid_t key, struct heap_budget *b);

/*
 * Checks the invariant above and that every reference points at an object
 * that is alive or being freed.  Returns true when it holds; otherwise false, with
 * a description of the first violation in why (caller frees with xfree).
 */
bool		 heap_check(const struct heap *h, char **why);

/*
 * A canonical text of the whole state (objects with values, counts and
 * references; frames; stack; gc state), for tests that compare two heaps:
 * a forward replay and a seek must give the same text.  Caller frees.
 */
char		*heap_fingerprint(const struct heap *h);

/* ---- making objects (the interpreter, before it emits their ALLOC) ---- */

/*
 * New object record with the next id, UNBORN: it exists once an ALLOC
 * event for it is applied.  Returns the id.  For TUPLE, LIST, DICT, SET,
 * CLASS and INSTANCE the heap allocates an empty value; for STR and
 * FUNCTION the caller sets as.s / as.fn to a struct allocated with xmalloc
 * (the heap then owns it), for numbers it sets as.i / as.f.  A record stays
 * with its value forever (ids are never reused), so that seeking back and
 * forth finds it again.  Set OBJF_CACHED in flags before the ALLOC for a
 * shared object that has no constructor below (the empty tuple).
 */
objid_t		 heap_reserve(struct heap *h, enum obj_type type);
/* None, True, False: always cached. */
objid_t		 heap_reserve_none(struct heap *h);
objid_t		 heap_reserve_bool(struct heap *h, bool value);
objid_t		 heap_reserve_int(struct heap *h, int64_t value, bool cached);
/* An int beyond 64 bits (value must not fit an int64): the heap takes
 * value and frees it with the record. */
objid_t		 heap_reserve_bigint(struct heap *h, struct bigint *value);

/* The value of an int object beyond 64 bits, or NULL when it is as.i
 * (a bool, an int that fits, or any other object). */
static inline const struct bigint *
heap_bigint(const struct object *o)
{
	return (o->flags & OBJF_BIGINT) ? o->as.big : NULL;
}
objid_t		 heap_reserve_float(struct heap *h, double value);
/* A str of the len bytes at utf8 (copied; character count and hash
 * computed here). */
objid_t		 heap_reserve_str(struct heap *h, const char *utf8, size_t len,
		    bool cached);
/* A function: locals (co_varnames, parameters first) are copied; room for
 * const_count constants (const_cap), which CONST_STOREs (site FUNC_CONST)
 * then append in order. */
/* Marks reserved function fn's first constant slot as its __defaults__. */
void		 heap_function_defaults(struct heap *h, objid_t fn);
/* Marks reserved function fn's first constant slot as its __closure__
 * (and its defaults, if any, the second). */
void		 heap_function_closure(struct heap *h, objid_t fn);
/* Function fn's __defaults__ tuple, or OBJ_NULL. */
objid_t		 heap_function_defaults_of(const struct heap *h, objid_t fn);
/* Gives reserved function fn its __qualname__ ("C.m", for its repr). */
void		 heap_function_qualname(struct heap *h, objid_t fn,
		    atom_t qualname);
/* The value of name in class cls's namespace or its bases' (as
 * _PyType_Lookup finds it along the mro), or OBJ_NULL. */
objid_t		 heap_class_lookup(const struct heap *h, objid_t cls,
		    atom_t name);
objid_t		 heap_reserve_function(struct heap *h, atom_t name,
		    uint32_t index, uint32_t const_count, const atom_t *locals,
		    uint32_t local_count);
objid_t		 heap_reserve_class(struct heap *h, atom_t name);
/* The built-in function called name as a value, shared (OBJF_CACHED). */
objid_t		 heap_reserve_builtin(struct heap *h, atom_t name);
objid_t		 heap_reserve_notimplemented(struct heap *h);
/* The module's globals dict, shared (OBJF_CACHED): ITER_GLOBALS. */
objid_t		 heap_reserve_globals(struct heap *h);
/* The built-in type called name, shared (OBJF_CACHED). */
objid_t		 heap_reserve_type(struct heap *h, atom_t name);
/* Gives reserved class cls a base (OBJ_NULL: none) and says how many
 * references CPython's machinery holds to it (see HEAP_CLASS_BASE_REFS);
 * its ALLOC starts its count at 1 + internal and takes its holds on base. */
void		 heap_class_setup(struct heap *h, objid_t cls, objid_t base,
		    uint8_t internal);
/* Makes cls a class of a library defined at path (pyclass.path),
 * declaring __slots__ if slotted. */
void		 heap_class_library(struct heap *h, objid_t cls, atom_t path,
		    bool slotted);
/* The attributes of an instance or the namespace of a class (the two
 * owners of site ATTR); NULL for other objects. */
const struct pyinstance *heap_attrs(const struct heap *h, objid_t id);
/* A range (OBJ_RANGE) or an iterator of kind, holding nothing yet: its
 * references go in with SLOT_INSERTs at SITE_HELD after its ALLOC. */
objid_t		 heap_reserve_iter(struct heap *h, enum iter_kind kind,
		    int64_t start, int64_t stop, int64_t step);
/* A KeyedRef to target: a weakref whose key and callback go in, in that
 * order, with SLOT_INSERTs at its birth. */
objid_t		 heap_reserve_keyed_ref(struct heap *h, objid_t target);
/* Weakref w's callback and (if index) where it holds it; OBJ_NULL when
 * it has none. */
objid_t		 heap_weakref_callback(const struct heap *h, objid_t w,
		    uint32_t *index);
/* A weakref (ITER_WEAKREF) to target, which must be weak-referenceable
 * (heap_weakrefable); its callback, if any, goes in with a SLOT_INSERT at
 * SITE_HELD after its ALLOC. */
objid_t		 heap_reserve_weakref(struct heap *h, objid_t target);
/* Whether id is an instance of the library class weakref.name
 * ("finalize", "WeakValueDictionary"). */
bool		 heap_is_library(const struct heap *h, objid_t id,
		    const char *name);
#define heap_is_finalize(h, id)	heap_is_library((h), (id), "finalize")
#define heap_is_wvd(h, id)	heap_is_library((h), (id), \
				    "WeakValueDictionary")
#define heap_is_wkd(h, id)	heap_is_library((h), (id), \
				    "WeakKeyDictionary")
/* Either of weakref.py's mappings: its items are in its attribute data. */
#define heap_is_weakdict(h, id)	(heap_is_wvd((h), (id)) || \
				    heap_is_wkd((h), (id)))
/* Finalizer f's _Info, its value in finalize._registry while f is alive
 * (neither called nor detached); else OBJ_NULL. */
objid_t		 heap_finalize_info(const struct heap *h, objid_t f);
/* What finalizer f is for while f and it are alive; else OBJ_NULL. */
objid_t		 heap_finalize_referent(const struct heap *h, objid_t f);
/* Whether weakref.ref(id) may be made: instances, classes, functions,
 * sets, built-in types and bound methods (types whose tp_weaklistoffset
 * is set); not ints, strs, tuples, lists, dicts, iterators, weakrefs. */
bool		 heap_weakrefable(const struct heap *h, objid_t id);
/* The referent of weakref id while it lives (what calling it returns),
 * else OBJ_NULL; OBJ_NULL for any other object. */
objid_t		 heap_weak_target(const struct heap *h, objid_t id);
/* CPython's name of id's type in a message (tp_name):
 * "weakref.ReferenceType" for a weakref, else heap_type_name. */
const char	*heap_tp_name(const struct heap *h, objid_t id);
/*
 * The live weakrefs to id in the order of its weak reference list
 * (tp_weaklist): the basic reference (no callback) first, then those with
 * a callback, the newest first (insert_head / insert_after in
 * Objects/weakrefobject.c).  Fills out (up to max), returns how many there
 * are.
 */
uint32_t	 heap_weakrefs_of(const struct heap *h, objid_t id,
		    objid_t *out, uint32_t max);

/* An instance of class cls, no attributes.  Its ALLOC also takes its hold
 * on the class (the class's count goes up by one, as PyType_GenericAlloc
 * increfs the type). */
objid_t		 heap_reserve_instance(struct heap *h, objid_t cls);

/* ---- primitives for event.c only ---- */

struct frame	*heap_frame(struct heap *h, uint32_t number);
void		 heap_stack_push(struct heap *h, objid_t id);
/* Removes the entry at position, returns it. */
objid_t		 heap_stack_remove(struct heap *h, uint32_t position);
void		 heap_stack_insert(struct heap *h, uint32_t position, objid_t id);
/* Keeps a resized-away set table (taking its entries array); returns its
 * number.  The saved tables are a stack: applying a resizing SET_ADD
 * pushes, undoing it pops (heap_restore_table), so the stack at a position
 * is the same however the heap got there. */
uint32_t	 heap_save_table(struct heap *h, const struct settable *old);
/* Pops the last saved table into *out (the caller takes its entries). */
void		 heap_restore_table(struct heap *h, struct settable *out);

/* A weakref's referent becomes target (event.c's WEAK_CLEAR and its
 * undo). */
void		 heap_weak_set(struct heap *h, objid_t weakref, objid_t target);
/* Storage of the structures above; no counts change here and nothing is
 * checked beyond bounds: event.c states and asserts the rules. */
/* Appends a function frame for function (fixed, every local unbound);
 * returns its number. */
uint32_t	 heap_frame_push(struct heap *h, objid_t function);
/* Removes the top frame (not the module frame). */
void		 heap_frame_pop(struct heap *h);
/* Inserts binding (name, value) at index of frame (module frame). */
void		 heap_binding_insert(struct heap *h, uint32_t frame,
		    uint32_t index, atom_t name, objid_t value);
void		 heap_binding_remove(struct heap *h, uint32_t frame,
		    uint32_t index);
/* Appends a step constant to frame's table. */
void		 heap_const_push(struct heap *h, uint32_t frame, objid_t id);
/* List/tuple items: insert at index (shifting right), remove (left). */
void		 heap_seq_insert(struct heap *h, objid_t seq, uint32_t index,
		    objid_t item);
objid_t		 heap_seq_remove(struct heap *h, objid_t seq, uint32_t index);
/* Instance attributes (a class's namespace) in insertion order. */
void		 heap_attr_insert(struct heap *h, objid_t inst, uint32_t index,
		    atom_t name, objid_t value);
void		 heap_attr_remove(struct heap *h, objid_t inst, uint32_t index);
/* Appends a live entry to a dict; pop removes the last entry (live). */
void		 heap_dict_append(struct heap *h, objid_t dict, objid_t key,
		    objid_t value, pyhash_t hash);
void		 heap_dict_pop(struct heap *h, objid_t dict);
/* A class's shared keys: learn appends name unless known (true when it
 * did); unlearn drops the last key, which must be name. */
bool		 heap_class_learn(struct heap *h, objid_t cls, atom_t name);
void		 heap_class_unlearn(struct heap *h, objid_t cls, atom_t name);
/* The collector's generation lists.  append: at the tail of gen (sets
 * TRACKED and gen); insert_after: after prev (OBJ_NULL: at the head);
 * unlink: out of its list (clears TRACKED). */
void		 heap_gc_append(struct heap *h, uint32_t gen, objid_t id);
void		 heap_gc_insert_after(struct heap *h, uint32_t gen, objid_t prev,
		    objid_t id);
void		 heap_gc_unlink(struct heap *h, objid_t id);
/* Moves the whole list of generation from onto the end of generation to. */
void		 heap_gc_splice(struct heap *h, uint32_t from, uint32_t to);
/* Undoes a splice: what follows `after` in generation to (all of it when
 * after is OBJ_NULL) becomes generation from's list; from must be empty. */
void		 heap_gc_split(struct heap *h, uint32_t to, objid_t after,
		    uint32_t from);

#endif
