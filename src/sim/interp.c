/*
 * interp.c: runs a compiled program as CPython 3.11 would run it, one
 * statement per step, recording every micro-event.
 *
 * Each evaluation leaves its result as a new reference on top of the stack
 * and returns false when the statement raised (the run then stops with a
 * located error naming CPython's exception).  The order of everything --
 * which operand is evaluated first, when a temporary is dropped, in which
 * order a frame's locals are released -- follows CPython's bytecode, because
 * each of those orders can be seen: in sys.getrefcount, in which object is
 * freed first, in what a collection finds.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <assert.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sys/resource.h>

#include "base/limits.h"
#include "base/strbuf.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "sim/gc.h"
#include "sim/gctrack.h"
#include "sim/interp.h"
#include "sim/machine.h"
#include "sim/objects.h"
#include "sim/refcount.h"
#include "sim/version.h"
#include "py/ops.h"
#include "py/pyformat.h"
#include "py/pyhash.h"
#include "py/pyslice.h"
#include "py/scalar.h"

/* Whose table of callables (the builtins, a module's, a type's methods). */
enum callable_owner {
	OWNER_BUILTIN, OWNER_SYS, OWNER_GC, OWNER_LIST, OWNER_DICT,
	OWNER_SET, OWNER_STR, OWNER_COUNT
};

#define CALLABLE_MAX 32	/* the most entries a table has */

struct interp {
	struct machine		 m;
	const struct program	*p;
	const struct interp_hooks *hooks;
	struct interp_result	*result;
	struct diag		**errors;

	/* where we are */
	const struct text	*code;		/* the statement's text */
	uint32_t		 frame;		/* current frame number */
	const struct program_function *function; /* NULL at module level */
	uint32_t		 depth;
	uint32_t		 module_step;	/* timeline step at depth 0 */
	bool			 returning;
	bool			 branch;	/* the last `if`/`while` test, or
						   a `for` that got an item */
	uint32_t		 pc;		/* the step running, in its body */

	/* the `for` loops running, innermost last: each one's iterator is
	 * on the evaluation stack (GET_ITER .. FOR_ITER) */
	struct for_loop {
		uint32_t	 header;	/* its header's step */
		uint32_t	 frame;		/* in this frame */
	}			*loops;
	uint32_t		 loop_count, loop_cap;

	objid_t			*step_consts;	/* module step: pool -> object */
	objid_t			*function_consts; /* the function pool's objects */

	/* interned atoms */
	atom_t			 a_sys, a_gc, a_i;
	/* the names of callable_tables, interned */
	atom_t			 callable_atoms[OWNER_COUNT][CALLABLE_MAX];

	/* work that is no event: objects visited by hashes and comparisons,
	 * list items shifted by an insert or a removal (INTERP_MAX_WORK) */
	struct heap_budget	 work;
	/* C calls in progress that count against CPython's recursion
	 * limit: a METH_O method (list.remove, set.add) enters one */
	uint32_t		 c_calls;

	/* the C stack: where the run began, how much of it the evaluation
	 * may use (stack_room()), whether it ran out */
	uintptr_t		 stack_base;
	size_t			 stack_room;
};

#define H(it) ((it)->m.heap)
#define TOP(it) (H(it)->stack_len - 1)

static bool exec_statement(struct interp *it, const struct stmt *s);
static bool list_extend(struct interp *it, uint32_t offset, objid_t l,
    objid_t iterable);
static bool is_unbound_global(const struct interp *it, atom_t name);
static void push_set_copy(struct interp *it, const struct settable *src);
static bool int_too_big(struct interp *it, uint32_t offset);
static void list_reorder(struct interp *it, objid_t l, const objid_t *a);
static bool all_constant(const struct expr *e);
static const struct callable *callable_find(const struct interp *it,
    enum callable_owner owner, atom_t name);
static bool eval(struct interp *it, const struct expr *e);
static const struct pystr *str_of(const struct interp *it, objid_t id);
static bool str_too_long(struct interp *it, uint32_t offset);
static void push_fresh_str(struct interp *it, const char *bytes, size_t len);

/* ---- errors ---- */

static bool raise(struct interp *it, uint32_t offset, const char *exception,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Stops the run with "Exception: message" at offset of the statement. */
static bool
raise(struct interp *it, uint32_t offset, const char *exception,
    const char *fmt, ...)
{
	struct strbuf	 sb = STRBUF_INIT;
	struct diag	*d;
	va_list		 ap;

	if (exception != NULL)
		strbuf_printf(&sb, "%s: ", exception);
	va_start(ap, fmt);
	strbuf_vprintf(&sb, fmt, ap);
	va_end(ap);
	if (exception != NULL && sb.len == strlen(exception) + 2)
		strbuf_truncate(&sb, sb.len - 2);	/* no message */
	d = program_error_at(it->p, it->code, offset, DIAG_MALFORMED, "%s",
	    strbuf_str(&sb));
	if (exception != NULL)
		diag_set_hint(d, "CPython would raise %s here; a scenario must "
		    "run without exceptions", exception);
	strbuf_free(&sb);
	machine_fail(&it->m, d);
	return false;
}

static bool
ok(const struct interp *it)
{
	return !it->m.failed;
}

/*
 * How much C stack the evaluation may use.  It recurses on the C stack (a
 * call inside an expression inside a call ...), and the limits on calls
 * (200) and on nesting (64 levels) multiply: at their worst the product
 * needs more than a small `ulimit -s` gives (or the default under a
 * sanitizer).  So the run measures what it uses against the process's
 * limit at each call, keeping a quarter of it (at least 1 MiB) for what
 * runs between two calls: 64 levels of expression at most, a repr or a
 * comparison up to 1000 deep, a cascade of frees.
 */
static size_t
stack_room(void)
{
	struct rlimit	rl;
	size_t		limit = (size_t)8 << 20, margin;

	if (getrlimit(RLIMIT_STACK, &rl) == 0) {
		if (rl.rlim_cur == RLIM_INFINITY)
			limit = (size_t)64 << 20;
		else
			limit = (size_t)rl.rlim_cur;
	}
	margin = limit / 4 > ((size_t)1 << 20) ? limit / 4 : (size_t)1 << 20;
	return limit > margin ? limit - margin : 0;
}

/* False (and the run stopped, located at offset) when the C stack used
 * since the run began is past stack_room(). */
static bool
stack_left(struct interp *it, uint32_t offset)
{
	char		here;
	uintptr_t	at = (uintptr_t)&here;
	size_t		used = at < it->stack_base ? it->stack_base - at :
			    at - it->stack_base;

	if (used <= it->stack_room)
		return true;
	return raise(it, offset, NULL, "calls and expressions nested too "
	    "deeply for the C stack (more than %zu KiB used; `ulimit -s` "
	    "sets the stack)", it->stack_room / 1024);
}

/*
 * Stops the run once its work budget is spent.  The events bound most of
 * what a run does, but not all: l.insert(0, x) shifts every item, and a
 * comparison of two structures that share their parts visits them again
 * and again, so a short scenario could otherwise run for hours.  Located
 * at the statement, as the other limits of the run.
 */
static bool
work_left(struct interp *it)
{
	if (!it->work.exhausted)
		return true;
	machine_fail(&it->m, diag_new(it->p->scenario->file,
	    (struct srcpos){ 0, 0 }, DIAG_MALFORMED, "the run hashed, "
	    "compared or shifted more than %llu items (the limit of DESIGN "
	    "§8)", (unsigned long long)INTERP_MAX_WORK));
	return false;
}

/* Charges n units of work; false (and the run stopped) past the budget. */
static bool
charge(struct interp *it, uint64_t n)
{
	if (n > it->work.left) {
		it->work.left = 0;
		it->work.exhausted = true;
	} else
		it->work.left -= n;
	return work_left(it);
}

/* ---- small helpers ---- */

static const struct object *
obj(const struct interp *it, objid_t id)
{
	return heap_object(H(it), id);
}

static const char *
type_name(const struct interp *it, objid_t id)
{
	return heap_type_name(H(it), id);
}

/* The stack entry at position; OBJ_NULL past the top, which a failed
 * operation (a limit reached mid-statement) can leave us reading. */
static objid_t
stack_at(const struct interp *it, uint32_t position)
{
	return position < H(it)->stack_len ? H(it)->stack[position] : OBJ_NULL;
}

static void
emit_move(struct interp *it, enum event_kind kind, enum site_kind site,
    objid_t object, uint32_t owner, uint32_t index, uint32_t other,
    uint32_t from, enum event_reason reason, atom_t detail)
{
	/* an item put in or taken out before the end shifts those after it */
	if ((kind == EV_SLOT_INSERT || kind == EV_SLOT_REMOVE) &&
	    site == SITE_ITEM) {
		int64_t len = heap_len(H(it), owner);

		if (len > (int64_t)index + 1 && !charge(it, (uint64_t)len -
		    index))
			return;
	}
	machine_emit(&it->m, (struct event){ .kind = kind, .reason = reason,
	    .site = site, .object = object, .owner = owner, .index = index,
	    .other = other, .aux = from, .detail = detail });
}

static void
drop_at(struct interp *it, uint32_t position, enum event_reason reason)
{
	refcount_decref_at(&it->m, position, reason, ATOM_NONE);
}

/* Drops the n entries at base.. in order, first first: how CPython's
 * opcodes release their operands and a call its arguments. */
static void
drop_operands(struct interp *it, uint32_t base, uint32_t n,
    enum event_reason reason)
{
	for (uint32_t i = 0; i < n && ok(it); i++)
		drop_at(it, base, reason);
}

static void
drop_top(struct interp *it, enum event_reason reason, atom_t detail)
{
	refcount_decref_top(&it->m, reason, detail);
}

static void
push_ref(struct interp *it, objid_t id, enum event_reason reason, atom_t detail)
{
	refcount_incref(&it->m, id, reason, detail);
}

static bool
is_intlike(const struct interp *it, objid_t id)
{
	enum obj_type t = obj(it, id)->type;

	return t == OBJ_INT || t == OBJ_BOOL;
}

/* The scalar view of an object, for scalar.c. */
static struct scalar
scalar_of(const struct interp *it, objid_t id)
{
	const struct object	*o = obj(it, id);
	struct scalar		 s = { 0 };

	switch (o->type) {
	case OBJ_BOOL:
		s.kind = SCALAR_BOOL;
		s.i = o->as.i;
		break;
	case OBJ_INT:
		s.kind = SCALAR_INT;
		s.i = o->as.i;
		break;
	case OBJ_FLOAT:
		s.kind = SCALAR_FLOAT;
		s.f = o->as.f;
		break;
	case OBJ_STR:
		s.kind = SCALAR_STR;
		s.s = o->as.s->data;
		s.len = o->as.s->len;
		break;
	default:
		s.kind = SCALAR_OTHER;
		s.type_name = type_name(it, id);
		break;
	}
	return s;
}

/* Pushes a scalar result as CPython makes it. */
static void
push_scalar(struct interp *it, struct scalar *s, enum event_reason reason)
{
	switch (s->kind) {
	case SCALAR_BOOL:
		objects_push_bool(&it->m, s->i != 0);
		break;
	case SCALAR_INT:
		objects_push_int(&it->m, s->i, reason);
		break;
	case SCALAR_FLOAT:
		objects_push_float(&it->m, s->f, reason);
		break;
	case SCALAR_STR:
		objects_push_str(&it->m, s->s, s->len, false, reason);
		break;
	default:
		break;
	}
	scalar_release(s);
}

/* ---- constants ---- */

/* Creates pool entry `index` (and a tuple's items first), leaving one
 * creation reference on the stack per entry created. */
static void
materialize(struct interp *it, const struct constant_pool *pool,
    objid_t *objects, uint32_t index)
{
	const struct constant *c = &pool->entries[index];

	if (objects[index] != OBJ_NULL || !ok(it))
		return;
	switch (c->kind) {
	case CONST_NONE:
		objects_push_none(&it->m);
		break;
	case CONST_TRUE:
	case CONST_FALSE:
		objects_push_bool(&it->m, c->kind == CONST_TRUE);
		break;
	case CONST_INT:
		objects_push_int(&it->m, c->as.i, REASON_CONSTANT);
		break;
	case CONST_FLOAT:
		objects_push_float(&it->m, c->as.f, REASON_CONSTANT);
		break;
	case CONST_STR:
		/* code objects intern their identifier-like str constants */
		objects_push_str(&it->m, c->as.str.bytes, c->as.str.len, true,
		    REASON_CONSTANT);
		break;
	case CONST_TUPLE:
		for (uint32_t i = 0; i < c->as.tuple.count; i++)
			materialize(it, pool, objects, c->as.tuple.items[i]);
		for (uint32_t i = 0; i < c->as.tuple.count; i++)
			push_ref(it, objects[c->as.tuple.items[i]],
			    REASON_CONSTANT, ATOM_NONE);
		objects_build_sequence(&it->m, OBJ_TUPLE, c->as.tuple.count,
		    REASON_CONSTANT);
		break;
	}
	if (ok(it))
		objects[index] = stack_at(it, TOP(it));
}

/*
 * Makes the constants of a code unit: every pool entry the listed co_consts
 * need, then stores each co_consts entry into its holder (a step's frame,
 * or a function), then drops the creation references.
 */
static void
make_constants(struct interp *it, const struct constant_pool *pool,
    objid_t *objects, const uint32_t *consts, uint32_t count,
    enum site_kind site, uint32_t owner)
{
	uint32_t base = H(it)->stack_len;

	for (uint32_t i = 0; i < count; i++)
		materialize(it, pool, objects, consts[i]);
	for (uint32_t i = 0; i < count && ok(it); i++) {
		push_ref(it, objects[consts[i]], REASON_CONSTANT, ATOM_NONE);
		emit_move(it, EV_CONST_STORE, site, objects[consts[i]], owner, i,
		    OBJ_NULL, TOP(it), REASON_CONSTANT, ATOM_NONE);
	}
	while (H(it)->stack_len > base && ok(it))
		drop_top(it, REASON_CONSTANT, ATOM_NONE);
}

static void
release_step_constants(struct interp *it)
{
	/* the code object dies: co_consts drops its items last to first */
	while (ok(it) && heap_frame(H(it), 0)->const_count > 0) {
		const struct frame *f = heap_frame(H(it), 0);
		uint32_t i = f->const_count - 1;

		emit_move(it, EV_CONST_DROP, SITE_CONST, f->consts[i], 0, i,
		    OBJ_NULL, 0, REASON_STEP_END, ATOM_NONE);
		drop_top(it, REASON_STEP_END, ATOM_NONE);
	}
}

static void
push_constant(struct interp *it, const struct expr *e)
{
	objid_t *objects = it->function || it->p->scenario->python ?
	    it->function_consts : it->step_consts;

	push_ref(it, objects[e->constant - 1], REASON_CONSTANT, ATOM_NONE);
}

/* ---- names ---- */

static bool
is_local(const struct interp *it, atom_t name, uint32_t *index)
{
	return it->function != NULL &&
	    program_is_local(it->function, name, index);
}

/* Moves the stack entry at `from` into name (STORE_NAME / STORE_FAST /
 * STORE_GLOBAL) and drops the old value. */
static void
store_name(struct interp *it, atom_t name, uint32_t from,
    enum event_reason reason, atom_t detail)
{
	uint32_t	frame = 0, index;
	objid_t		old = OBJ_NULL;
	uint8_t		flags = 0;

	if (is_local(it, name, &index)) {
		frame = it->frame;
		old = heap_frame(H(it), frame)->names[index].value;
	} else if (!heap_lookup_name(H(it), 0, name, &index, &old)) {
		index = heap_frame(H(it), 0)->name_count;
		flags = EVF_APPEND;
		old = OBJ_NULL;
	}
	machine_emit(&it->m, (struct event){ .kind = EV_BIND, .reason = reason,
	    .site = SITE_NAME, .flags = flags, .object = stack_at(it, from),
	    .owner = frame, .index = index, .other = old, .aux = from,
	    .detail = flags ? name : detail });
	if (old != OBJ_NULL && ok(it))
		drop_top(it, REASON_REBIND, name);
}

/* Python's other built-in names: using one is "not in the subset", not a
 * NameError CPython would raise. */
static bool
is_python_builtin(const char *name)
{
	static const char *const builtins[] = { "abs", "all", "any", "ascii",
	    "bin", "bool", "bytearray", "bytes", "callable", "chr",
	    "classmethod", "compile", "complex", "delattr", "dict", "dir",
	    "divmod", "enumerate", "eval", "exec", "filter", "float", "format",
	    "frozenset", "getattr", "globals", "hasattr", "hash", "help", "hex",
	    "input", "int", "isinstance", "issubclass", "iter", "list",
	    "locals", "map", "max", "memoryview", "min", "next", "object",
	    "oct", "open", "ord", "pow", "property", "range", "repr",
	    "reversed", "round", "set", "setattr", "slice", "sorted",
	    "staticmethod", "str", "sum", "super", "tuple", "type", "vars",
	    "zip", NULL };

	for (const char *const *b = builtins; *b != NULL; b++)
		if (strcmp(*b, name) == 0)
			return true;
	return false;
}

static bool
load_name(struct interp *it, const struct expr *e)
{
	atom_t		name = e->as.name;
	uint32_t	index;
	objid_t		value;

	if (is_local(it, name, &index)) {
		value = heap_frame(H(it), it->frame)->names[index].value;
		if (value == OBJ_NULL)
			return raise(it, e->offset, "UnboundLocalError",
			    "cannot access local variable '%s' where it is not "
			    "associated with a value", atom_name(name));
		push_ref(it, value, REASON_LOAD, name);
		return ok(it);
	}
	if (heap_lookup_name(H(it), 0, name, &index, &value)) {
		push_ref(it, value, REASON_LOAD, name);
		return ok(it);
	}
	if (callable_find(it, OWNER_BUILTIN, name) != NULL)
		return raise(it, e->offset, NULL, "the built-in %s can only be "
		    "called here, not used as a value", atom_name(name));
	if (name == it->a_sys || name == it->a_gc)
		return raise(it, e->offset, NULL, "`%s` can only be used to "
		    "call its functions (%s.…(…))", atom_name(name),
		    atom_name(name));
	if (is_python_builtin(atom_name(name)))
		return raise(it, e->offset, NULL, "the built-in %s is not part "
		    "of the subset", atom_name(name));
	return raise(it, e->offset, "NameError", "name '%s' is not defined",
	    atom_name(name));
}

static bool
delete_name(struct interp *it, const struct expr *e)
{
	atom_t		name = e->as.name;
	uint32_t	frame = 0, index;
	objid_t		value;

	if (is_local(it, name, &index)) {
		frame = it->frame;
		value = heap_frame(H(it), frame)->names[index].value;
		if (value == OBJ_NULL)
			return raise(it, e->offset, "UnboundLocalError",
			    "cannot access local variable '%s' where it is not "
			    "associated with a value", atom_name(name));
	} else if (!heap_lookup_name(H(it), 0, name, &index, &value))
		return raise(it, e->offset, "NameError",
		    "name '%s' is not defined", atom_name(name));
	machine_emit(&it->m, (struct event){ .kind = EV_UNBIND,
	    .reason = REASON_DELETE, .site = SITE_NAME, .object = value,
	    .owner = frame, .index = index, .detail = name });
	drop_top(it, REASON_DELETE, name);
	return ok(it);
}

/* ---- containers ---- */

static bool
index_of(struct interp *it, uint32_t offset, objid_t seq, objid_t key,
    const char *what, bool assignment, uint32_t *out)
{
	int64_t len = heap_len(H(it), seq), i;

	if (!is_intlike(it, key))
		return raise(it, offset, "TypeError", "%s indices must be "
		    "integers or slices, not %s", what, type_name(it, key));
	i = obj(it, key)->as.i;
	if (i < 0)
		i += len;
	if (i < 0 || i >= len)
		return raise(it, offset, "IndexError", "%s %sindex out of "
		    "range", what, assignment ? "assignment " : "");
	*out = (uint32_t)i;
	return true;
}

/*
 * How many nested comparisons or reprs CPython 3.11 has room for here: its
 * recursion limit less what is in use, one per Python frame (the module's
 * and each call's) and per counted C call.  Measured with python3 FILE.py:
 * at module level a == b of tuples nested 1000 deep raises RecursionError,
 * 999 deep does not; l.remove(b) raises at 999, print(a) at 999.
 */
static uint32_t
recursion_room(const struct interp *it)
{
	uint32_t used = 1 + it->depth + it->c_calls;

	return used < HEAP_MAX_DEPTH ? HEAP_MAX_DEPTH - used : 0;
}

/*
 * The C calls a call of a builtin adds to it->c_calls: one for a METH_O
 * method (list.remove, set.add, set.discard: method_vectorcall_O enters
 * a recursive call); for the others (print, dict.pop), one in a function
 * and none at module level -- measured (print of tuples nested 998 deep
 * raises in a function called from the module, not at module level), the
 * reason not found.
 */
static uint32_t
c_call_cost(const struct interp *it, bool meth_o)
{
	return meth_o || it->depth > 0;
}

/* Before a walk that compares: the depth it may reach here. */
static void
walk_begin(struct interp *it)
{
	it->work.max_depth = recursion_room(it);
	it->work.too_deep = false;
}

/* After it: false (and the run stopped) when it went too deep or spent
 * the budget; its answer is then no answer. */
static bool
walk_end(struct interp *it, uint32_t offset)
{
	if (it->work.too_deep) {
		it->work.too_deep = false;
		return raise(it, offset, "RecursionError", "maximum recursion "
		    "depth exceeded in comparison");
	}
	return work_left(it);
}

static bool
hash_of(struct interp *it, uint32_t offset, objid_t key, pyhash_t *hash)
{
	if (heap_hash_within(H(it), key, hash, &it->work))
		return true;
	if (!work_left(it))
		return false;
	return raise(it, offset, "TypeError", "unhashable type: '%s'",
	    type_name(it, key));
}

static bool
key_error(struct interp *it, uint32_t offset, objid_t key)
{
	struct strbuf sb = STRBUF_INIT;

	heap_repr(H(it), key, false, 60, &sb);
	raise(it, offset, "KeyError", "%s", strbuf_str(&sb));
	strbuf_free(&sb);
	return false;
}

/* The entry of dict d holding key, or -1; within the run's work budget
 * and CPython's recursion limit (past either, -1 and the run stopped,
 * located at offset). */
static int64_t
dict_find(struct interp *it, uint32_t offset, objid_t d, objid_t key)
{
	int64_t entry;

	walk_begin(it);
	entry = heap_dict_find_within(H(it), d, key, &it->work);
	return walk_end(it, offset) ? entry : -1;
}

static int64_t
set_find(struct interp *it, uint32_t offset, objid_t set, objid_t key)
{
	int64_t entry;

	walk_begin(it);
	entry = heap_set_find_within(H(it), set, key, &it->work);
	return walk_end(it, offset) ? entry : -1;
}

/* container[key], with both on the stack at base, base + 1. */
static bool
subscript_load(struct interp *it, uint32_t offset, uint32_t base)
{
	objid_t	container = stack_at(it, base), key = stack_at(it, base + 1);
	enum obj_type type = obj(it, container)->type;
	uint32_t i;

	switch (type) {
	case OBJ_LIST:
	case OBJ_TUPLE:
		if (!index_of(it, offset, container, key, type_name(it,
		    container), false, &i))
			return false;
		push_ref(it, obj(it, container)->as.seq->items[i], REASON_LOAD,
		    ATOM_NONE);
		break;
	case OBJ_STR: {
		const struct pystr *s = obj(it, container)->as.s;
		const char *p = s->data;

		if (!is_intlike(it, key))
			return raise(it, offset, "TypeError", "string indices "
			    "must be integers, not '%s'", type_name(it, key));
		if (!index_of(it, offset, container, key, "string", false, &i))
			return false;
		/* the i-th UTF-8 character */
		for (uint32_t k = 0; k < i; k++) {
			p++;
			while (((unsigned char)*p & 0xc0) == 0x80)
				p++;
		}
		{
			const char *q = p + 1;

			while (((unsigned char)*q & 0xc0) == 0x80)
				q++;
			objects_push_str(&it->m, p, (size_t)(q - p), false,
			    REASON_RESULT);
		}
		break;
	}
	case OBJ_DICT: {
		pyhash_t hash;
		int64_t entry;

		if (!hash_of(it, offset, key, &hash))
			return false;
		entry = dict_find(it, offset, container, key);
		if (entry < 0)
			return ok(it) && key_error(it, offset, key);
		push_ref(it, obj(it, container)->as.dict->entries[entry].value,
		    REASON_LOAD, ATOM_NONE);
		break;
	}
	case OBJ_RANGE:
		if (obj(it, container)->as.iter->kind == ITER_RANGE)
			return raise(it, offset, NULL, "indexing a range is "
			    "not supported yet");
		/* FALLTHROUGH */
	default:
		return raise(it, offset, "TypeError", "'%s' object is not "
		    "subscriptable", type_name(it, container));
	}
	if (!ok(it))
		return false;
	/* BINARY_SUBSCR drops the container, then the key */
	drop_operands(it, base, 2, REASON_OPERAND_DONE);
	return ok(it);
}

/* Puts the value at `from` into dict d under key (both references stay
 * on the stack: the dict takes new ones, as insertdict does). */
static bool
dict_store(struct interp *it, uint32_t offset, objid_t d, uint32_t key_pos,
    uint32_t value_pos)
{
	objid_t		key = stack_at(it, key_pos), value = stack_at(it, value_pos);
	pyhash_t	hash;
	int64_t		entry;

	if (!hash_of(it, offset, key, &hash))
		return false;
	/* insertdict starts with MAINTAIN_TRACKING, for new keys and old */
	gctrack_dict_store(&it->m, d, key, value);
	entry = dict_find(it, offset, d, key);
	if (!ok(it))
		return false;
	if (entry >= 0) {
		objid_t old = obj(it, d)->as.dict->entries[entry].value;

		push_ref(it, value, REASON_STORE, ATOM_NONE);
		emit_move(it, EV_SLOT_SET, SITE_DICT_VALUE, value, d,
		    (uint32_t)entry, old, TOP(it), REASON_STORE, ATOM_NONE);
		drop_top(it, REASON_REBIND, ATOM_NONE);
		return ok(it);
	}
	push_ref(it, key, REASON_STORE, ATOM_NONE);
	push_ref(it, value, REASON_STORE, ATOM_NONE);
	machine_emit(&it->m, (struct event){ .kind = EV_DICT_INSERT,
	    .reason = REASON_STORE, .site = SITE_DICT_KEY, .object = key,
	    .owner = d, .index = obj(it, d)->as.dict->count, .other = value,
	    .aux = TOP(it) - 1 });
	return ok(it);
}

/* container[key] = value: value, container, key on the stack from base. */
static bool
subscript_store(struct interp *it, uint32_t offset, uint32_t base)
{
	objid_t	value = stack_at(it, base), container = stack_at(it, base + 1);
	objid_t	key = stack_at(it, base + 2);
	enum obj_type type = obj(it, container)->type;
	uint32_t i;

	switch (type) {
	case OBJ_LIST: {
		objid_t old;

		if (!index_of(it, offset, container, key, "list", true, &i))
			return false;
		old = obj(it, container)->as.seq->items[i];
		/* list_ass_item stores a new reference, drops the old */
		push_ref(it, value, REASON_STORE, ATOM_NONE);
		emit_move(it, EV_SLOT_SET, SITE_ITEM, value, container, i, old,
		    TOP(it), REASON_STORE, ATOM_NONE);
		drop_top(it, REASON_REBIND, ATOM_NONE);
		break;
	}
	case OBJ_DICT:
		if (!dict_store(it, offset, container, base + 2, base))
			return false;
		break;
	case OBJ_TUPLE:
	case OBJ_STR:
	default:
		return raise(it, offset, "TypeError", "'%s' object does not "
		    "support item assignment", type_name(it, container));
	}
	/* STORE_SUBSCR drops the value, the container, the key */
	drop_operands(it, base, 3, REASON_OPERAND_DONE);
	return ok(it);
}

static bool
subscript_delete(struct interp *it, uint32_t offset, uint32_t base)
{
	objid_t	container = stack_at(it, base), key = stack_at(it, base + 1);
	uint32_t i;

	switch (obj(it, container)->type) {
	case OBJ_LIST:
		if (!index_of(it, offset, container, key, "list", true, &i))
			return false;
		emit_move(it, EV_SLOT_REMOVE, SITE_ITEM,
		    obj(it, container)->as.seq->items[i], container, i,
		    OBJ_NULL, 0, REASON_DELETE, ATOM_NONE);
		drop_top(it, REASON_DELETE, ATOM_NONE);
		break;
	case OBJ_DICT: {
		pyhash_t hash;
		int64_t entry;
		const struct dict_entry *e;

		if (!hash_of(it, offset, key, &hash))
			return false;
		entry = dict_find(it, offset, container, key);
		if (entry < 0)
			return ok(it) && key_error(it, offset, key);
		e = &obj(it, container)->as.dict->entries[entry];
		machine_emit(&it->m, (struct event){ .kind = EV_DICT_REMOVE,
		    .reason = REASON_DELETE, .site = SITE_DICT_KEY,
		    .object = e->key, .other = e->value, .owner = container,
		    .index = (uint32_t)entry });
		/* delitem_common: the value, then the key */
		drop_top(it, REASON_DELETE, ATOM_NONE);
		drop_top(it, REASON_DELETE, ATOM_NONE);
		break;
	}
	default:
		return raise(it, offset, "TypeError", "'%s' object doesn't "
		    "support item deletion", type_name(it, container));
	}
	drop_operands(it, base, 2, REASON_OPERAND_DONE);
	return ok(it);
}

/* ---- attributes ---- */

static bool
attribute_error(struct interp *it, uint32_t offset, objid_t o, atom_t name)
{
	return raise(it, offset, "AttributeError", "'%s' object has no "
	    "attribute '%s'", type_name(it, o), atom_name(name));
}

/* An attribute missing from the model that CPython has: o.__class__
 * of any object, o.__dict__ of an instance, a function or a class. */
static bool
attribute_unmodelled(struct interp *it, uint32_t offset, objid_t o,
    atom_t name)
{
	const char	*n = atom_name(name);
	enum obj_type	 type = obj(it, o)->type;

	if (strcmp(n, "__class__") != 0 && (strcmp(n, "__dict__") != 0 ||
	    (type != OBJ_INSTANCE && type != OBJ_FUNCTION &&
	    type != OBJ_CLASS)))
		return false;
	raise(it, offset, NULL, "reading %s is not supported yet", n);
	return true;
}

static bool
attribute_load(struct interp *it, const struct expr *e)
{
	objid_t	o;
	int64_t	i;

	if (!eval(it, e->as.attr.object))
		return false;
	o = stack_at(it, TOP(it));
	i = obj(it, o)->type == OBJ_INSTANCE ?
	    heap_attr_index(H(it), o, e->as.attr.name) : -1;
	if (i < 0) {
		if (attribute_unmodelled(it, e->as.attr.name_offset, o,
		    e->as.attr.name))
			return false;
		return attribute_error(it, e->as.attr.name_offset, o,
		    e->as.attr.name);
	}
	push_ref(it, obj(it, o)->as.inst->attrs[i].value, REASON_LOAD,
	    e->as.attr.name);
	drop_at(it, TOP(it) - 1, REASON_OPERAND_DONE);
	return ok(it);
}

/*
 * o.__class__ and o.__dict__ set to value, or deleted (value OBJ_NULL),
 * are no ordinary attributes: CPython checks the value, then changes the
 * object's type or namespace, which the model cannot do yet.  True (and
 * the run stopped, with CPython's own error or "not supported yet") when
 * name is one of them; false for an ordinary attribute.  Functions and
 * classes take no attributes in the subset at all: left to the caller.
 */
static bool
special_attribute(struct interp *it, uint32_t offset, objid_t o, atom_t name,
    objid_t value)
{
	const char	*n = atom_name(name);
	enum obj_type	 type = obj(it, o)->type;
	bool		 instance = type == OBJ_INSTANCE;

	if (type == OBJ_FUNCTION || type == OBJ_CLASS)
		return false;
	if (strcmp(n, "__class__") == 0) {
		if (value == OBJ_NULL)
			raise(it, offset, "TypeError", "can't delete __class__ "
			    "attribute");
		else if (obj(it, value)->type != OBJ_CLASS)
			raise(it, offset, "TypeError", "__class__ must be set "
			    "to a class, not '%s' object", type_name(it, value));
		else if (!instance)
			raise(it, offset, "TypeError", "__class__ assignment "
			    "only supported for mutable types or ModuleType "
			    "subclasses");
		else
			raise(it, offset, NULL, "assigning to __class__ (an "
			    "object changing its class) is not supported yet");
		return true;
	}
	if (strcmp(n, "__dict__") == 0 && instance) {
		if (value != OBJ_NULL && obj(it, value)->type != OBJ_DICT)
			raise(it, offset, "TypeError", "__dict__ must be set to "
			    "a dictionary, not a '%s'", type_name(it, value));
		else
			raise(it, offset, NULL, "%s __dict__ (an instance's "
			    "namespace as a dict) is not supported yet",
			    value == OBJ_NULL ? "deleting" : "assigning to");
		return true;
	}
	return false;
}

/* object.name = value, with value at `base` and object at base + 1. */
static bool
attribute_store(struct interp *it, uint32_t offset, atom_t name, uint32_t base)
{
	objid_t	value = stack_at(it, base), o = stack_at(it, base + 1);
	int64_t	i;

	if (special_attribute(it, offset, o, name, value))
		return false;
	if (obj(it, o)->type != OBJ_INSTANCE) {
		if (obj(it, o)->type == OBJ_FUNCTION ||
		    obj(it, o)->type == OBJ_CLASS)
			return raise(it, offset, NULL, "attributes of %ss are "
			    "not part of the subset; only instances take "
			    "attributes", type_name(it, o));
		return attribute_error(it, offset, o, name);
	}
	i = heap_attr_index(H(it), o, name);
	push_ref(it, value, REASON_STORE, name);
	if (i >= 0) {
		emit_move(it, EV_SLOT_SET, SITE_ATTR, value, o, (uint32_t)i,
		    obj(it, o)->as.inst->attrs[i].value, TOP(it), REASON_STORE,
		    name);
		drop_top(it, REASON_REBIND, name);
	} else
		emit_move(it, EV_SLOT_INSERT, SITE_ATTR, value, o,
		    obj(it, o)->as.inst->count, OBJ_NULL, TOP(it),
		    REASON_STORE, name);
	/* STORE_ATTR drops the value, then the object */
	drop_operands(it, base, 2, REASON_OPERAND_DONE);
	return ok(it);
}

static bool
attribute_delete(struct interp *it, const struct expr *t)
{
	objid_t	o;
	int64_t	i;

	if (!eval(it, t->as.attr.object))
		return false;
	o = stack_at(it, TOP(it));
	if (special_attribute(it, t->as.attr.name_offset, o, t->as.attr.name,
	    OBJ_NULL))
		return false;
	if (obj(it, o)->type != OBJ_INSTANCE ||
	    (i = heap_attr_index(H(it), o, t->as.attr.name)) < 0)
		return attribute_error(it, t->as.attr.name_offset, o,
		    t->as.attr.name);
	emit_move(it, EV_SLOT_REMOVE, SITE_ATTR,
	    obj(it, o)->as.inst->attrs[i].value, o, (uint32_t)i, OBJ_NULL, 0,
	    REASON_DELETE, t->as.attr.name);
	drop_top(it, REASON_DELETE, t->as.attr.name);
	drop_top(it, REASON_OPERAND_DONE, ATOM_NONE);
	return ok(it);
}

/* ---- operators ---- */

/* Pushes each item of a list or tuple (new references), first first. */
static void
push_items(struct interp *it, objid_t seq, int64_t times)
{
	const struct pyseq *s = obj(it, seq)->as.seq;
	uint32_t n = s->len;

	for (int64_t t = 0; t < times && ok(it); t++)
		for (uint32_t i = 0; i < n && ok(it); i++)
			push_ref(it, obj(it, seq)->as.seq->items[i],
			    REASON_RESULT, ATOM_NONE);
}

/* Whether len * times items are within the limit; asked by division so
 * that no product can wrap. */
static bool
items_fit(uint64_t len, int64_t times)
{
	return times <= 0 || len <= INTERP_MAX_ITEMS / (uint64_t)times;
}

static bool
too_many_items(struct interp *it, uint32_t offset)
{
	return raise(it, offset, NULL, "a sequence of more than %u items is "
	    "beyond the limits of DESIGN §8", INTERP_MAX_ITEMS);
}

/* list/tuple + and *, which scalar.c leaves to us. */
static bool
sequence_binary(struct interp *it, uint32_t offset, enum binary_op op,
    objid_t a, objid_t b)
{
	enum obj_type	ta = obj(it, a)->type, tb = obj(it, b)->type;
	objid_t		seq;
	int64_t		times;

	if (op == BINOP_ADD) {
		if (ta != tb || (ta != OBJ_LIST && ta != OBJ_TUPLE))
			return raise(it, offset, "TypeError", "can only "
			    "concatenate %s (not \"%s\") to %s", type_name(it,
			    a), type_name(it, b), type_name(it, a));
		/* tupleconcat returns an operand when the other is empty */
		if (ta == OBJ_TUPLE && heap_len(H(it), a) == 0) {
			push_ref(it, b, REASON_RESULT, ATOM_NONE);
			return ok(it);
		}
		if (ta == OBJ_TUPLE && heap_len(H(it), b) == 0) {
			push_ref(it, a, REASON_RESULT, ATOM_NONE);
			return ok(it);
		}
		if ((uint64_t)heap_len(H(it), a) + heap_len(H(it), b) >
		    INTERP_MAX_ITEMS)
			return too_many_items(it, offset);
		push_items(it, a, 1);
		push_items(it, b, 1);
		objects_build_sequence(&it->m, ta, (uint32_t)(heap_len(H(it),
		    a) + heap_len(H(it), b)), REASON_RESULT);
		return ok(it);
	}
	/* op == BINOP_MUL */
	seq = (ta == OBJ_LIST || ta == OBJ_TUPLE) ? a : b;
	if (!is_intlike(it, seq == a ? b : a))
		return raise(it, offset, "TypeError", "can't multiply sequence "
		    "by non-int of type '%s'", type_name(it, seq == a ? b : a));
	times = obj(it, seq == a ? b : a)->as.i;
	if (times < 0)
		times = 0;
	if (obj(it, seq)->type == OBJ_TUPLE &&
	    (times == 1 || heap_len(H(it), seq) == 0)) {
		if (times == 1)
			push_ref(it, seq, REASON_RESULT, ATOM_NONE);
		else
			objects_push_empty_tuple(&it->m);
		return ok(it);
	}
	/* an empty list repeated is empty at once, however many times */
	if (heap_len(H(it), seq) == 0)
		times = 0;
	if (!items_fit(heap_len(H(it), seq), times))
		return too_many_items(it, offset);
	push_items(it, seq, times);
	objects_build_sequence(&it->m, obj(it, seq)->type,
	    (uint32_t)(heap_len(H(it), seq) * times), REASON_RESULT);
	return ok(it);
}

/* ---- printf-style formatting: str % args ---- */

/* One conversion of str % args applied to arg, appended to out. */
/*
 * *object says whether CPython made a str of the argument and wrote it
 * whole (no padding), which the writer's read-only path can return as it
 * is: str() or repr() of anything but an int written straight, %d of a
 * float, or an int given a width, precision or sign.
 */
static bool
percent_arg(struct interp *it, uint32_t offset,
    const struct pyformat_percent *c, objid_t arg, struct strbuf *out,
    bool *object)
{
	size_t	before = out->len;
	int64_t	whole_chars = -1;	/* %s, %r: the text's length */
	const struct object	*o = obj(it, arg);
	struct pyformat_spec	 spec;
	struct strbuf		 text = STRBUF_INIT;
	enum pyformat_status	 status;
	char			 message[200];
	bool			 number = o->type == OBJ_INT ||
				    o->type == OBJ_BOOL || o->type == OBJ_FLOAT;

	pyformat_percent_spec(c, &spec);
	switch (c->type) {
	case 's':
	case 'r':
		if (!heap_repr_nested(H(it), arg, c->type == 's',
		    LIMIT_MAX_STRING + 1, recursion_room(it), &text)) {
			strbuf_free(&text);
			return raise(it, offset, "RecursionError", "maximum "
			    "recursion depth exceeded while getting the repr "
			    "of an object");
		}
		whole_chars = (int64_t)utf8_count(strbuf_str(&text), text.len);
		status = pyformat_str(&spec, strbuf_str(&text), text.len, out,
		    message, sizeof message);
		strbuf_free(&text);
		break;
	case 'd':
		if (!number)
			return raise(it, offset, "TypeError", "%%d format: a "
			    "real number is required, not %s",
			    type_name(it, arg));
		if (c->precision >= 0 || (o->type == OBJ_FLOAT &&
		    !(fabs(o->as.f) < 9.2e18)))
			return raise(it, offset, NULL, "%%d with a precision or "
			    "of a float beyond 64 bits is not supported yet");
		status = pyformat_int(&spec, o->type == OBJ_FLOAT ?
		    (int64_t)o->as.f : o->as.i, out, message, sizeof message);
		break;
	case 'x':
	case 'X':
	case 'o':
		if (o->type != OBJ_INT && o->type != OBJ_BOOL)
			return raise(it, offset, "TypeError", "%%%c format: an "
			    "integer is required, not %s", c->type,
			    type_name(it, arg));
		if (c->precision >= 0)
			return raise(it, offset, NULL, "%%%c with a precision "
			    "is not supported yet", c->type);
		status = pyformat_int(&spec, o->as.i, out, message,
		    sizeof message);
		break;
	default:	/* the float conversions */
		if (!number)
			return raise(it, offset, "TypeError", "must be real "
			    "number, not %s", type_name(it, arg));
		status = pyformat_float(&spec, o->type == OBJ_FLOAT ? o->as.f :
		    (double)o->as.i, out, message, sizeof message);
		break;
	}
	if (status != PYFORMAT_OK)
		return raise(it, offset, status == PYFORMAT_VALUE_ERROR ?
		    "ValueError" : NULL, "%s", message);
	/* written straight: an exact int with no width, precision or
	 * sign (the fast path), a float conversion without padding */
	*object = false;
	if (whole_chars >= 0 ? (c->width > whole_chars ||
	    (c->precision >= 0 && c->precision < whole_chars)) :
	    (c->width >= 0 && (size_t)c->width >= utf8_count(out->data +
	    before, out->len - before)))
		return true;
	if (o->type == OBJ_INT && c->type != 'f' && c->type != 'e' &&
	    c->type != 'g' && c->type != 'F' && c->type != 'E' &&
	    c->type != 'G')
		*object = c->width >= 0 || c->precision >= 0 || c->plus ||
		    c->space;
	else
		*object = c->type == 's' || c->type == 'r' ||
		    (o->type == OBJ_FLOAT && (c->type == 'd' ||
		    c->type == 'x' || c->type == 'X' || c->type == 'o'));
	return true;
}

/*
 * fmt % args for the str at base and the args at base + 1, as
 * PyUnicode_Format: a tuple is the arguments, anything else the one
 * argument.  The result is written as unicode_result_ready leaves it (the
 * empty str and one Latin-1 character are shared), except where the
 * writer's read-only fast path gives a str itself: a format without a
 * conversion, or one whose last conversion is a %s of a str that needs no
 * padding and finds nothing written before it.
 */
static bool
percent_format_at(struct interp *it, uint32_t offset, uint32_t base)
{
	objid_t			 fmt = stack_at(it, base), args = stack_at(it,
				    base + 1), arg, whole = OBJ_NULL;
	const struct pystr	*f = str_of(it, fmt);
	bool			 tuple = obj(it, args)->type == OBJ_TUPLE;
	uint32_t		 nargs = tuple ? (uint32_t)heap_len(H(it), args) :
				    1, used = 0;
	struct pyformat_percent	 c = { 0 };
	struct strbuf		 out = STRBUF_INIT;
	enum pyformat_status	 status;
	char			 message[200];
	size_t			 i = 0, from = 0;
	bool			 done = false, object = false, fresh = false;

	while (i < f->len) {
		for (from = i; i < f->len && f->data[i] != '%'; i++)
			continue;
		if (from == 0 && i == f->len)
			whole = fmt;
		strbuf_append(&out, f->data + from, i - from);
		if (i == f->len)
			break;
		from = i;
		status = pyformat_percent_parse(f->data, f->len, &i, &c,
		    message, sizeof message);
		if (status != PYFORMAT_OK) {
			raise(it, offset, status == PYFORMAT_VALUE_ERROR ?
			    "ValueError" : NULL, "%s", message);
			goto out;
		}
		if (c.type == '%') {
			strbuf_putc(&out, '%');
			continue;
		}
		if (used == nargs) {
			raise(it, offset, "TypeError", "not enough arguments "
			    "for format string");
			goto out;
		}
		arg = tuple ? obj(it, args)->as.seq->items[used] : args;
		used++;
		if (!percent_arg(it, offset, &c, arg, &out, &object))
			goto out;
		/* the format is this one conversion: written whole into a
		 * writer still empty (measured: not after a '' before it) */
		if (i == f->len && from == 0 && object && out.len > 0)
			whole = c.type == 's' && obj(it, arg)->type ==
			    OBJ_STR && out.len == str_of(it, arg)->len ? arg :
			    OBJ_NULL;
		fresh = i == f->len && from == 0 && object && whole == OBJ_NULL;
	}
	/* a list or a dict is a mapping: it need not be used up */
	if (used < nargs && obj(it, args)->type != OBJ_LIST &&
	    obj(it, args)->type != OBJ_DICT) {
		raise(it, offset, "TypeError", "not all arguments converted "
		    "during string formatting");
		goto out;
	}
	if (utf8_count(strbuf_str(&out), out.len) > LIMIT_MAX_STRING) {
		str_too_long(it, offset);
		goto out;
	}
	if (whole != OBJ_NULL)
		push_ref(it, whole, REASON_RESULT, ATOM_NONE);
	else if (fresh)
		push_fresh_str(it, strbuf_str(&out), out.len);
	else
		objects_push_str(&it->m, strbuf_str(&out), out.len, false,
		    REASON_RESULT);
	done = true;
out:
	strbuf_free(&out);
	if (!done || !ok(it))
		return false;
	/* BINARY_OP drops both operands */
	drop_operands(it, base, 2, REASON_OPERAND_DONE);
	return ok(it);
}

/*
 * a op b for the operands at base and base + 1: pushes the result, then
 * drops both operands (BINARY_OP).  The str identities CPython keeps
 * (s + '' is s, s * 1 is s) are kept.
 */
static bool
binary_at(struct interp *it, uint32_t offset, enum binary_op op, uint32_t base)
{
	objid_t			a = stack_at(it, base), b = stack_at(it, base + 1);
	struct scalar		sa = scalar_of(it, a), sb = scalar_of(it, b), r;
	char			message[200];
	enum scalar_status	status;

	if (op == BINOP_MOD && sa.kind == SCALAR_STR)
		return percent_format_at(it, offset, base);
	if (op == BINOP_ADD && sa.kind == SCALAR_STR && sb.kind == SCALAR_STR &&
	    (sa.len == 0 || sb.len == 0)) {
		push_ref(it, sa.len == 0 ? b : a, REASON_RESULT, ATOM_NONE);
		goto done;
	}
	if (op == BINOP_MUL && ((sa.kind == SCALAR_STR && is_intlike(it, b) &&
	    sb.i == 1) || (sb.kind == SCALAR_STR && is_intlike(it, a) &&
	    sa.i == 1))) {
		push_ref(it, sa.kind == SCALAR_STR ? a : b, REASON_RESULT,
		    ATOM_NONE);
		goto done;
	}
	status = scalar_binary(op, &sa, &sb, &r, message, sizeof message);
	switch (status) {
	case SCALAR_OK:
		push_scalar(it, &r, REASON_RESULT);
		break;
	case SCALAR_NOT_SCALAR:
		if (!sequence_binary(it, offset, op, a, b))
			return false;
		break;
	case SCALAR_TYPE_ERROR:
		return raise(it, offset, "TypeError", "%s", message);
	case SCALAR_ZERO_DIVISION:
		return raise(it, offset, "ZeroDivisionError", "%s", message);
	case SCALAR_OVERFLOW_ERROR:
		return raise(it, offset, "OverflowError", "%s", message);
	default:
		return raise(it, offset, NULL, "%s", message);
	}
done:
	if (!ok(it))
		return false;
	drop_operands(it, base, 2, REASON_OPERAND_DONE);
	return ok(it);
}

/* The first offset >= from where needle occurs in hay, or -1. */
static int64_t
find_bytes(const char *hay, size_t hlen, const char *needle, size_t nlen,
    size_t from)
{
	for (size_t i = from; i + nlen <= hlen; i++)
		if (memcmp(hay + i, needle, nlen) == 0)
			return (int64_t)i;
	return -1;
}

/* bool(o), as PyObject_IsTrue answers for the modelled types. */
static bool
truth(const struct interp *it, objid_t o)
{
	struct scalar	s = scalar_of(it, o);
	int		t = scalar_truth(&s);

	if (t >= 0)
		return t != 0;
	switch (obj(it, o)->type) {
	case OBJ_NONE:
		return false;
	case OBJ_LIST:
	case OBJ_TUPLE:
	case OBJ_DICT:
	case OBJ_SET:
	case OBJ_RANGE:		/* a range_iterator has no len: true */
		return heap_len(H(it), o) != 0;
	default:
		return true;
	}
}

static bool
eval_unary(struct interp *it, const struct expr *e)
{
	struct scalar		s, r;
	char			message[200];
	enum scalar_status	status;
	objid_t			o;
	bool			value;

	if (!eval(it, e->as.unary.operand))
		return false;
	o = stack_at(it, TOP(it));
	/* UNARY_NOT drops its operand, then pushes the bool */
	if (e->as.unary.op == UNOP_NOT) {
		value = !truth(it, o);
		drop_top(it, REASON_OPERAND_DONE, ATOM_NONE);
		objects_push_bool(&it->m, value);
		return ok(it);
	}
	s = scalar_of(it, o);
	/* +x of an exact int or float is x itself */
	if (e->as.unary.op == UNOP_POS &&
	    (s.kind == SCALAR_INT || s.kind == SCALAR_FLOAT)) {
		push_ref(it, o, REASON_RESULT, ATOM_NONE);
	} else {
		status = scalar_unary(e->as.unary.op, &s, &r, message,
		    sizeof message);
		if (status == SCALAR_TYPE_ERROR)
			return raise(it, e->offset, "TypeError", "%s", message);
		if (status != SCALAR_OK)
			return raise(it, e->offset, NULL, "%s", message);
		push_scalar(it, &r, REASON_RESULT);
	}
	drop_at(it, TOP(it) - 1, REASON_OPERAND_DONE);
	return ok(it);
}

/* ---- comparisons and boolean operators ---- */

/*
 * item in container, as PySequence_Contains answers: *found, or false
 * when it raised (the run stopped, located at offset).
 */
static bool range_contains(struct interp *it, uint32_t offset, objid_t r,
    objid_t item, bool *found);

static bool
contains(struct interp *it, uint32_t offset, objid_t container, objid_t item,
    bool *found)
{
	const struct object	*c = obj(it, container);
	pyhash_t		 hash;

	*found = false;
	switch (c->type) {
	case OBJ_LIST:
	case OBJ_TUPLE:
		walk_begin(it);
		for (uint32_t i = 0; i < obj(it, container)->as.seq->len &&
		    !*found; i++)
			*found = heap_equal_within(H(it),
			    obj(it, container)->as.seq->items[i], item,
			    &it->work);
		return walk_end(it, offset);
	case OBJ_STR: {
		const struct pystr *hay = c->as.s, *needle;

		if (obj(it, item)->type != OBJ_STR)
			return raise(it, offset, "TypeError", "'in <string>' "
			    "requires string as left operand, not %s",
			    type_name(it, item));
		needle = obj(it, item)->as.s;
		*found = find_bytes(hay->data, hay->len, needle->data,
		    needle->len, 0) >= 0;
		return charge(it, hay->len / 64 + 1);
	}
	case OBJ_SET:
		/* set_contains looks a set up as a frozenset, and a set of
		 * the model never holds one */
		if (obj(it, item)->type == OBJ_SET)
			return true;
		/* FALLTHROUGH */
	case OBJ_DICT:
		if (!hash_of(it, offset, item, &hash))
			return false;
		*found = (c->type == OBJ_SET ? set_find(it, offset, container,
		    item) : dict_find(it, offset, container, item)) >= 0;
		return ok(it);
	case OBJ_RANGE:
	case OBJ_ITER:
		return range_contains(it, offset, container, item, found);
	default:
		return raise(it, offset, "TypeError", "argument of type '%s' "
		    "is not iterable", type_name(it, container));
	}
}

/* item in a range (range_contains: an int by arithmetic); `in` an
 * iterator (which would consume it) is refused. */
static bool
range_contains(struct interp *it, uint32_t offset, objid_t r, objid_t item,
    bool *found)
{
	const struct pyiter	*ri = obj(it, r)->as.iter;
	int64_t			 v, last;

	if (ri->kind != ITER_RANGE || !is_intlike(it, item))
		return raise(it, offset, NULL, "`in` a %s%s is not supported "
		    "yet", type_name(it, r), ri->kind == ITER_RANGE ?
		    " for anything but an int" : "");
	v = obj(it, item)->as.i;
	if (ri->len == 0) {
		*found = false;
		return true;
	}
	last = ri->start + (ri->len - 1) * ri->step;
	if (ri->step > 0 ? v < ri->start || v > last :
	    v > ri->start || v < last) {
		*found = false;
		return true;
	}
	*found = (ri->step > 0 ? (uint64_t)v - (uint64_t)ri->start :
	    (uint64_t)ri->start - (uint64_t)v) % (ri->step > 0 ?
	    (uint64_t)ri->step : 0 - (uint64_t)ri->step) == 0;
	return true;
}

/*
 * left OP right for the stack entries at l < r: pushes the bool result.
 * COMPARE_OP and IS_OP push it, then drop left, then right; CONTAINS_OP
 * drops both first.
 */
static bool
compare_at(struct interp *it, uint32_t offset, enum compare_op op, uint32_t l,
    uint32_t r)
{
	objid_t		a = stack_at(it, l), b = stack_at(it, r), bad[2];
	enum heap_cmp	c;
	bool		result;

	switch (op) {
	case CMP_IS:
	case CMP_IS_NOT:
		result = (a == b) == (op == CMP_IS);
		break;
	case CMP_IN:
	case CMP_NOT_IN:
		if (!contains(it, offset, b, a, &result))
			return false;
		drop_at(it, l, REASON_OPERAND_DONE);
		drop_at(it, r - 1, REASON_OPERAND_DONE);
		objects_push_bool(&it->m, result == (op == CMP_IN));
		return ok(it);
	default:
		walk_begin(it);
		c = heap_compare_within(H(it), a, b, op, bad, &it->work);
		if (!walk_end(it, offset))
			return false;
		if (c == HEAP_CMP_TYPE_ERROR)
			return raise(it, offset, "TypeError", "'%s' not supported "
			    "between instances of '%s' and '%s'",
			    ops_compare_text(op), type_name(it, bad[0]),
			    type_name(it, bad[1]));
		result = c == HEAP_CMP_TRUE;
		break;
	}
	objects_push_bool(&it->m, result);
	drop_at(it, l, REASON_OPERAND_DONE);
	drop_at(it, r - 1, REASON_OPERAND_DONE);
	return ok(it);
}

/*
 * a < b < c as CPython 3.11 compiles it: b is kept (SWAP 2, COPY 2) for
 * the next comparison, a false result ends the chain (JUMP_IF_FALSE_OR_POP)
 * and then drops it (SWAP 2, POP_TOP).  The result is a bool: the model's
 * objects define no rich comparison of their own.
 */
static bool
eval_compare(struct interp *it, const struct expr *e)
{
	uint32_t		 n = e->as.seq.count, base = H(it)->stack_len;
	const struct expr	*last = e->as.seq.items[n - 1];

	if ((e->as.seq.ops[n - 2] == CMP_IN ||
	    e->as.seq.ops[n - 2] == CMP_NOT_IN) && last->kind == EXPR_SET &&
	    all_constant(last))
		return raise(it, last->offset, NULL, "`in` a set display of "
		    "constants is not supported yet (CPython makes it a "
		    "frozenset constant)");
	if (!eval(it, e->as.seq.items[0]))
		return false;
	for (uint32_t i = 1; i < n; i++) {
		if (!eval(it, e->as.seq.items[i]))
			return false;
		if (i + 1 == n)
			return compare_at(it, e->offset, e->as.seq.ops[i - 1],
			    base, base + 1);
		push_ref(it, stack_at(it, base + 1), REASON_LOAD, ATOM_NONE);
		if (!compare_at(it, e->offset, e->as.seq.ops[i - 1], base,
		    base + 2))
			return false;
		if (!truth(it, stack_at(it, TOP(it)))) {
			drop_at(it, base, REASON_OPERAND_DONE);
			return ok(it);
		}
		drop_top(it, REASON_OPERAND_DONE, ATOM_NONE);
	}
	return ok(it);
}

/* a and b, a or b: the first operand that decides is the value
 * (JUMP_IF_FALSE_OR_POP / JUMP_IF_TRUE_OR_POP drop the others). */
static bool
eval_boolop(struct interp *it, const struct expr *e)
{
	bool stop_on = e->kind == EXPR_OR;

	for (uint32_t i = 0; i < e->as.seq.count; i++) {
		if (!eval(it, e->as.seq.items[i]))
			return false;
		if (i + 1 == e->as.seq.count ||
		    truth(it, stack_at(it, TOP(it))) == stop_on)
			break;
		drop_top(it, REASON_OPERAND_DONE, ATOM_NONE);
	}
	return ok(it);
}

/* ---- displays ---- */

static bool
eval_items(struct interp *it, struct expr *const *items, uint32_t count)
{
	for (uint32_t i = 0; i < count; i++)
		if (!eval(it, items[i]))
			return false;
	return true;
}

static bool
set_add_from(struct interp *it, uint32_t offset, objid_t set, uint32_t from)
{
	objid_t		key = stack_at(it, from);
	pyhash_t	hash;

	if (!hash_of(it, offset, key, &hash))
		return false;
	if (set_find(it, offset, set, key) >= 0) {
		drop_at(it, from, REASON_OPERAND_DONE);
		return ok(it);
	}
	emit_move(it, EV_SET_ADD, SITE_SET, key, set, 0, OBJ_NULL, from,
	    REASON_STORE, ATOM_NONE);
	return ok(it);
}

static bool
equal_keys(void *ctx, uint32_t stored, uint32_t probe)
{
	return heap_equal(ctx, stored, probe);
}

/*
 * {c1, c2, c3, ...} of three or more constants: CPython 3.11 compiles it as
 * BUILD_SET 0; LOAD_CONST frozenset; SET_UPDATE.  The frozenset is built
 * twice (once from the items, then again by the constant merger from the
 * first one's order), and set_merge copies its layout into the new set --
 * which decides the display's iteration order.
 */
static bool
eval_constant_set(struct interp *it, const struct expr *e)
{
	objid_t		*objects = it->function ? it->function_consts :
	    it->step_consts;
	struct settable	 first, second;
	struct settable_change change;
	uint32_t	 cursor = 0;
	int64_t		 i;

	settable_init(&first);
	settable_init(&second);
	for (uint32_t k = 0; k < e->as.seq.count; k++) {
		objid_t item = objects[e->as.seq.items[k]->constant - 1];
		pyhash_t hash;

		if (!hash_of(it, e->as.seq.items[k]->offset, item, &hash))
			goto out;
		settable_add(&first, hash, item, equal_keys, H(it), &change);
		if (change.resized)
			xfree(change.old_entries);
	}
	while ((i = settable_next(&first, &cursor)) >= 0) {
		settable_add(&second, first.entries[i].hash,
		    first.entries[i].key, equal_keys, H(it), &change);
		if (change.resized)
			xfree(change.old_entries);
	}
	push_set_copy(it, &second);
out:
	settable_free(&first);
	settable_free(&second);
	return ok(it);
}

static bool
all_constant(const struct expr *e)
{
	for (uint32_t k = 0; k < e->as.seq.count; k++)
		if (e->as.seq.items[k]->constant == 0)
			return false;
	return true;
}

static bool
eval_display(struct interp *it, const struct expr *e)
{
	uint32_t	base = H(it)->stack_len;
	objid_t		id;

	switch (e->kind) {
	case EXPR_LIST:
	case EXPR_TUPLE:
		if (!eval_items(it, e->as.seq.items, e->as.seq.count))
			return false;
		objects_build_sequence(&it->m, e->kind == EXPR_LIST ? OBJ_LIST :
		    OBJ_TUPLE, e->as.seq.count, REASON_NEW);
		if (e->kind == EXPR_TUPLE)	/* BUILD_TUPLE */
			gctrack_tuple_built(&it->m,
			    stack_at(it, H(it)->stack_len - 1));
		return ok(it);
	case EXPR_SET:
		if (e->as.seq.count >= 3 && all_constant(e))
			return eval_constant_set(it, e);
		if (!eval_items(it, e->as.seq.items, e->as.seq.count))
			return false;
		id = heap_reserve(H(it), OBJ_SET);
		objects_alloc(&it->m, id, REASON_NEW, ATOM_NONE);
		/* BUILD_SET adds the items first to last */
		for (uint32_t i = 0; i < e->as.seq.count; i++)
			if (!set_add_from(it, e->as.seq.items[i]->offset, id,
			    base))
				return false;
		return ok(it);
	case EXPR_DICT:
		for (uint32_t i = 0; i < e->as.dict.count; i++)
			if (!eval(it, e->as.dict.keys[i]) ||
			    !eval(it, e->as.dict.values[i]))
				return false;
		id = heap_reserve(H(it), OBJ_DICT);
		objects_alloc(&it->m, id, REASON_NEW, ATOM_NONE);
		for (uint32_t i = 0; i < e->as.dict.count; i++)
			if (!dict_store(it, e->as.dict.keys[i]->offset, id,
			    base + 2 * i, base + 2 * i + 1))
				return false;
		/* BUILD_MAP then drops the keys and values it copied */
		while (H(it)->stack_len - 1 > base && ok(it))
			drop_at(it, H(it)->stack_len - 2, REASON_OPERAND_DONE);
		return ok(it);
	default:
		return false;
	}
}

/* ---- calls ---- */

static uint32_t
count_args(const struct expr *call)
{
	return call->as.call.count;
}

/* Drops the n arguments at base.. after a call. */
static void
drop_arguments(struct interp *it, uint32_t base, uint32_t n)
{
	drop_operands(it, base, n, REASON_ARGUMENT_DONE);
}

/*
 * Built-in functions and methods are tables of {name, arity, function}: one
 * for the builtins, one per module and one per type.  CPython words a wrong
 * argument count by the callable's calling convention, so each entry names
 * the convention its CPython 3.11 function has.
 */
enum call_conv {
	CONV_ANY,	/* print(): any number */
	CONV_O,		/* METH_O: "list.append() takes exactly one argument" */
	CONV_NOARGS,	/* METH_NOARGS: "list.clear() takes no arguments" */
	CONV_FAST,	/* _PyArg_CheckPositional: "insert expected 2 arguments" */
	CONV_ARGS,	/* getargs: "collect() takes at most 1 argument" */
	CONV_CLINIC	/* as CONV_ARGS, but "sum() takes at least 1
			   positional argument" */
};

/* Runs a call whose argument count is checked: self is the receiver
 * (OBJ_NULL for a function), its arguments are at base. */
typedef bool (*callable_fn)(struct interp *, const struct expr *call,
    objid_t self, uint32_t base);

struct callable {
	const char	*name;
	enum call_conv	 conv;
	uint8_t		 min, max;
	callable_fn	 fn;
};

/* CPython's TypeError for a wrong argument count of c (of owner prefix:
 * "list", "gc", or NULL for a builtin), or true when the count is right. */
static bool
check_arity(struct interp *it, const struct expr *call, const char *prefix,
    const struct callable *c)
{
	uint32_t	 n = count_args(call);
	uint32_t	 bound = n < c->min ? c->min : c->max;
	const char	*s = bound == 1 ? "" : "s", *how;
	char		 name[48];

	if (c->conv == CONV_ANY || (n >= c->min && n <= c->max))
		return true;
	snprintf(name, sizeof name, "%s%s%s", prefix != NULL ? prefix : "",
	    prefix != NULL ? "." : "", c->name);
	how = c->min == c->max ? "exactly" : n < c->min ? "at least" :
	    "at most";
	switch (c->conv) {
	case CONV_O:
		return raise(it, call->offset, "TypeError", "%s() takes exactly "
		    "one argument (%u given)", name, n);
	case CONV_NOARGS:
		return raise(it, call->offset, "TypeError", "%s() takes no "
		    "arguments (%u given)", name, n);
	case CONV_FAST:
		/* _PyArg_CheckPositional says "expected 2", not "exactly 2" */
		if (c->min == c->max)
			return raise(it, call->offset, "TypeError", "%s expected "
			    "%u argument%s, got %u", c->name, bound, s, n);
		return raise(it, call->offset, "TypeError", "%s expected %s %u "
		    "argument%s, got %u", c->name, how, bound, s, n);
	default:
		return raise(it, call->offset, "TypeError", "%s() takes %s %u "
		    "%sargument%s (%u given)", c->name, how, bound,
		    c->conv == CONV_CLINIC && n < c->min ? "positional " : "",
		    s, n);
	}
}

static void
emit_output(struct interp *it, const char *text, size_t len)
{
	uint32_t offset = timeline_add_text(it->m.timeline, text, len);

	machine_emit(&it->m, (struct event){ .kind = EV_OUTPUT,
	    .owner = offset, .index = (uint32_t)len });
}

/*
 * print(...): the text goes to the timeline, which keeps all the run
 * printed, so it is bounded (INTERP_MAX_OUTPUT); the repr of a list that
 * shares its parts doubles with each level, and is cut short as soon as
 * it is over.
 */
static bool
call_print(struct interp *it, uint32_t offset, uint32_t base, uint32_t n)
{
	struct strbuf	sb = STRBUF_INIT;
	size_t		printed = it->m.timeline->text_len, room;

	uint32_t	depth = recursion_room(it);
	uint32_t	cost = c_call_cost(it, false);

	depth = depth > cost ? depth - cost : 0;
	room = printed < INTERP_MAX_OUTPUT ? INTERP_MAX_OUTPUT - printed : 0;
	for (uint32_t i = 0; i < n && sb.len <= room; i++) {
		if (i > 0)
			strbuf_putc(&sb, ' ');
		if (!heap_repr_nested(H(it), stack_at(it, base + i), true,
		    room - (sb.len <= room ? sb.len : room) + 1, depth, &sb)) {
			strbuf_free(&sb);
			return raise(it, offset, "RecursionError", "maximum "
			    "recursion depth exceeded while getting the repr "
			    "of an object");
		}
	}
	strbuf_putc(&sb, '\n');
	if (sb.len > room) {
		strbuf_free(&sb);
		return raise(it, offset, NULL, "the run printed more than %u "
		    "MiB (the limit of DESIGN §8)",
		    INTERP_MAX_OUTPUT / (1024u * 1024u));
	}
	emit_output(it, strbuf_str(&sb), sb.len);
	strbuf_free(&sb);
	objects_push_none(&it->m);
	return ok(it);
}

static bool
builtin_print(struct interp *it, const struct expr *call, objid_t self,
    uint32_t base)
{
	(void)self;
	if (!call_print(it, call->offset, base, count_args(call)))
		return false;
	drop_arguments(it, base, count_args(call));
	return ok(it);
}

static bool
builtin_len(struct interp *it, const struct expr *call, objid_t self,
    uint32_t base)
{
	int64_t value = heap_len(H(it), stack_at(it, base));

	(void)self;
	if (value < 0)
		return raise(it, call->offset, "TypeError", "object of type '%s' "
		    "has no len()", type_name(it, stack_at(it, base)));
	objects_push_int(&it->m, value, REASON_RESULT);
	drop_arguments(it, base, 1);
	return ok(it);
}

static bool
builtin_id(struct interp *it, const struct expr *call, objid_t self,
    uint32_t base)
{
	(void)call;
	(void)self;
	/* the model's id */
	objects_push_int(&it->m, stack_at(it, base), REASON_RESULT);
	drop_arguments(it, base, 1);
	return ok(it);
}

static bool
push_int_tuple(struct interp *it, const uint32_t *values, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		objects_push_int(&it->m, values[i], REASON_RESULT);
	objects_build_sequence(&it->m, OBJ_TUPLE, n, REASON_RESULT);
	return ok(it);
}

static void
gc_config(struct interp *it, enum gc_setting setting, uint32_t value,
    uint32_t old)
{
	if (value != old)
		machine_emit(&it->m, (struct event){ .kind = EV_GC_CONFIG,
		    .reason = REASON_GC, .owner = setting, .index = value,
		    .other = old });
}

static bool
sys_getrefcount(struct interp *it, const struct expr *call, objid_t self,
    uint32_t base)
{
	int64_t n = version_refcount(H(it), stack_at(it, base));

	(void)self;
	/* the argument on the stack is one of the references, except on a
	 * version that borrows a local passed straight to a call */
	if (version_rules(H(it)->python)->borrowed_locals &&
	    !version_immortal(H(it), stack_at(it, base)) &&
	    call->as.call.args[0]->kind == EXPR_NAME &&
	    is_local(it, call->as.call.args[0]->as.name, NULL))
		n--;
	objects_push_int(&it->m, n, REASON_RESULT);
	drop_arguments(it, base, 1);
	return ok(it);
}

/* Drops the n arguments after the result: a call's usual end. */
static bool
call_done(struct interp *it, uint32_t base, uint32_t n)
{
	drop_arguments(it, base, n);
	return ok(it);
}

static bool
gc_collect_fn(struct interp *it, const struct expr *call, objid_t self,
    uint32_t base)
{
	int64_t generation = 2;

	(void)self;
	if (count_args(call) == 1) {
		if (!is_intlike(it, stack_at(it, base)))
			return raise(it, call->offset, "TypeError", "'%s' object "
			    "cannot be interpreted as an integer",
			    type_name(it, stack_at(it, base)));
		generation = obj(it, stack_at(it, base))->as.i;
		if (generation < 0 || generation > 2)
			return raise(it, call->offset, "ValueError",
			    "invalid generation");
	}
	objects_push_int(&it->m, gc_collect(&it->m, (int)generation),
	    REASON_RESULT);
	return call_done(it, base, count_args(call));
}

/* The name of the function a call calls: gc.enable tells gc.disable
 * apart, min tells max. */
static const char *
called_name(const struct expr *call)
{
	const struct expr *callee = call->as.call.callee;

	return atom_name(callee->kind == EXPR_NAME ? callee->as.name :
	    callee->as.attr.name);
}

/* gc.enable(), gc.disable() */
static bool
gc_enable_fn(struct interp *it, const struct expr *call, objid_t self,
    uint32_t base)
{
	(void)self;
	(void)base;
	gc_config(it, GC_SETTING_ENABLED, called_name(call)[0] == 'e',
	    H(it)->gc_enabled);
	objects_push_none(&it->m);
	return ok(it);
}

static bool
gc_isenabled_fn(struct interp *it, const struct expr *call, objid_t self,
    uint32_t base)
{
	(void)call;
	(void)self;
	(void)base;
	objects_push_bool(&it->m, H(it)->gc_enabled);
	return ok(it);
}

/* gc.get_count(), gc.get_threshold() */
static bool
gc_get_fn(struct interp *it, const struct expr *call, objid_t self,
    uint32_t base)
{
	bool		count = strcmp(called_name(call), "get_count") == 0;
	uint32_t	values[GEN_COUNT];

	(void)self;
	(void)base;
	for (int g = 0; g < GEN_COUNT; g++)
		values[g] = count ? H(it)->gens[g].count :
		    H(it)->gens[g].threshold;
	return push_int_tuple(it, values, GEN_COUNT);
}

static bool
gc_set_threshold_fn(struct interp *it, const struct expr *call, objid_t self,
    uint32_t base)
{
	uint32_t n = count_args(call);

	(void)self;
	/* gc_set_threshold parses "i|ii": C ints */
	for (uint32_t i = 0; i < n; i++) {
		objid_t a = stack_at(it, base + i);
		uint32_t at = call->as.call.args[i]->offset;

		if (!is_intlike(it, a))
			return raise(it, at, "TypeError", "'%s' object cannot "
			    "be interpreted as an integer", type_name(it, a));
		if (obj(it, a)->as.i > INT32_MAX)
			return raise(it, at, "OverflowError", "signed integer "
			    "is greater than maximum");
		if (obj(it, a)->as.i < INT32_MIN)
			return raise(it, at, "OverflowError", "signed integer "
			    "is less than minimum");
		if (obj(it, a)->as.i < 0)
			return raise(it, at, NULL, "a negative gc threshold is "
			    "not supported yet");
		gc_config(it, GC_SETTING_THRESHOLD0 + i,
		    (uint32_t)obj(it, a)->as.i, H(it)->gens[i].threshold);
	}
	objects_push_none(&it->m);
	return call_done(it, base, n);
}

/* Method names Python has, to tell AttributeError from "not in the subset". */
static bool
python_has_method(enum obj_type type, const char *name)
{
	static const char *const list_methods[] = { "append", "clear", "copy",
	    "count", "extend", "index", "insert", "pop", "remove", "reverse",
	    "sort", NULL };
	static const char *const dict_methods[] = { "clear", "copy",
	    "fromkeys", "get", "items", "keys", "pop", "popitem", "setdefault",
	    "update", "values", NULL };
	static const char *const set_methods[] = { "add", "clear", "copy",
	    "difference", "difference_update", "discard", "intersection",
	    "intersection_update", "isdisjoint", "issubset", "issuperset",
	    "pop", "remove", "symmetric_difference",
	    "symmetric_difference_update", "union", "update", NULL };
	static const char *const tuple_methods[] = { "count", "index", NULL };
	const char *const *names;

	switch (type) {
	case OBJ_LIST:	names = list_methods; break;
	case OBJ_DICT:	names = dict_methods; break;
	case OBJ_SET:	names = set_methods; break;
	case OBJ_TUPLE:	names = tuple_methods; break;
	case OBJ_STR:	return true;	/* many; none in the subset */
	default:	return false;
	}
	for (; *names != NULL; names++)
		if (strcmp(*names, name) == 0)
			return true;
	return false;
}

/* Detaches every item of list l, then drops them last to first
 * (_list_clear). */
static void
list_clear(struct interp *it, objid_t l)
{
	uint32_t base = H(it)->stack_len;

	while (obj(it, l)->as.seq->len > 0 && ok(it)) {
		uint32_t i = obj(it, l)->as.seq->len - 1;

		emit_move(it, EV_SLOT_REMOVE, SITE_ITEM,
		    obj(it, l)->as.seq->items[i], l, i, OBJ_NULL, 0,
		    REASON_METHOD, ATOM_NONE);
	}
	while (H(it)->stack_len > base && ok(it))
		drop_at(it, base, REASON_METHOD);
}

/* A method's usual end: None is the result, the n arguments dropped. */
static bool
return_none(struct interp *it, uint32_t base, uint32_t n)
{
	objects_push_none(&it->m);
	return call_done(it, base, n);
}

static bool
list_append(struct interp *it, const struct expr *call, objid_t l,
    uint32_t base)
{
	(void)call;
	/* list.append steals the argument (_PyList_AppendTakeRef) */
	emit_move(it, EV_SLOT_INSERT, SITE_ITEM, stack_at(it, base), l,
	    obj(it, l)->as.seq->len, OBJ_NULL, base, REASON_METHOD, ATOM_NONE);
	objects_push_none(&it->m);
	return ok(it);
}

static bool
list_insert(struct interp *it, const struct expr *call, objid_t l,
    uint32_t base)
{
	int64_t i, len = heap_len(H(it), l);

	if (!is_intlike(it, stack_at(it, base)))
		return raise(it, call->as.call.args[0]->offset, "TypeError",
		    "'%s' object cannot be interpreted as an integer",
		    type_name(it, stack_at(it, base)));
	i = obj(it, stack_at(it, base))->as.i;
	if (i < 0)
		i = i + len < 0 ? 0 : i + len;
	if (i > len)
		i = len;
	push_ref(it, stack_at(it, base + 1), REASON_METHOD, ATOM_NONE);
	emit_move(it, EV_SLOT_INSERT, SITE_ITEM, stack_at(it, TOP(it)), l,
	    (uint32_t)i, OBJ_NULL, TOP(it), REASON_METHOD, ATOM_NONE);
	return return_none(it, base, 2);
}

static bool
list_pop(struct interp *it, const struct expr *call, objid_t l,
    uint32_t base)
{
	uint32_t	n = count_args(call);
	int64_t		i, len = heap_len(H(it), l);

	if (len == 0)
		return raise(it, call->offset, "IndexError",
		    "pop from empty list");
	i = len - 1;
	if (n == 1) {
		if (!is_intlike(it, stack_at(it, base)))
			return raise(it, call->as.call.args[0]->offset,
			    "TypeError", "'%s' object cannot be interpreted as "
			    "an integer", type_name(it, stack_at(it, base)));
		i = obj(it, stack_at(it, base))->as.i;
		if (i < 0)
			i += len;
		if (i < 0 || i >= len)
			return raise(it, call->offset, "IndexError",
			    "pop index out of range");
	}
	/* the list's reference becomes the result */
	emit_move(it, EV_SLOT_REMOVE, SITE_ITEM, obj(it, l)->as.seq->items[i],
	    l, (uint32_t)i, OBJ_NULL, 0, REASON_METHOD, ATOM_NONE);
	return call_done(it, base, n);
}

static bool list_find(struct interp *it, uint32_t offset, objid_t l,
    objid_t x, int64_t from, int64_t *found);

static bool
list_remove(struct interp *it, const struct expr *call, objid_t l,
    uint32_t base)
{
	int64_t	found;
	bool	done;

	it->c_calls += c_call_cost(it, true);
	done = list_find(it, call->offset, l, stack_at(it, base), 0, &found);
	it->c_calls -= c_call_cost(it, true);
	if (!done)
		return false;
	if (found < 0)
		return raise(it, call->offset, "ValueError",
		    "list.remove(x): x not in list");
	emit_move(it, EV_SLOT_REMOVE, SITE_ITEM,
	    obj(it, l)->as.seq->items[found], l, (uint32_t)found, OBJ_NULL, 0,
	    REASON_METHOD, ATOM_NONE);
	drop_top(it, REASON_METHOD, ATOM_NONE);
	return return_none(it, base, 1);
}

static bool
list_clear_fn(struct interp *it, const struct expr *call, objid_t l,
    uint32_t base)
{
	(void)call;
	list_clear(it, l);
	return return_none(it, base, 0);
}

static bool
list_extend_fn(struct interp *it, const struct expr *call, objid_t l,
    uint32_t base)
{
	if (!list_extend(it, call->as.call.args[0]->offset, l,
	    stack_at(it, base)))
		return false;
	return return_none(it, base, 1);
}

static bool
dict_pop(struct interp *it, const struct expr *call, objid_t d,
    uint32_t base)
{
	uint32_t		 n = count_args(call);
	pyhash_t		 hash;
	int64_t			 entry;
	const struct dict_entry	*e;
	uint32_t		 cost;

	if (!hash_of(it, call->as.call.args[0]->offset, stack_at(it, base),
	    &hash))
		return false;
	cost = c_call_cost(it, false);
	it->c_calls += cost;
	entry = dict_find(it, call->as.call.args[0]->offset, d,
	    stack_at(it, base));
	it->c_calls -= cost;
	if (!ok(it))
		return false;
	if (entry < 0) {
		if (n == 1)
			return key_error(it, call->offset, stack_at(it, base));
		push_ref(it, stack_at(it, base + 1), REASON_RESULT, ATOM_NONE);
		return call_done(it, base, n);
	}
	e = &obj(it, d)->as.dict->entries[entry];
	machine_emit(&it->m, (struct event){ .kind = EV_DICT_REMOVE,
	    .reason = REASON_METHOD, .site = SITE_DICT_KEY, .object = e->key,
	    .other = e->value, .owner = d, .index = (uint32_t)entry });
	/* the key is dropped; the value is the result */
	drop_at(it, TOP(it) - 1, REASON_METHOD);
	return call_done(it, base, n);
}

static bool
dict_clear(struct interp *it, const struct expr *call, objid_t d,
    uint32_t base)
{
	uint32_t top = H(it)->stack_len;

	(void)call;
	(void)base;
	for (uint32_t i = 0; i < obj(it, d)->as.dict->count && ok(it); i++) {
		const struct dict_entry *e = &obj(it, d)->as.dict->entries[i];

		if (e->key == OBJ_NULL)
			continue;
		machine_emit(&it->m, (struct event){ .kind = EV_DICT_REMOVE,
		    .reason = REASON_METHOD, .site = SITE_DICT_KEY,
		    .object = e->key, .other = e->value, .owner = d,
		    .index = i });
	}
	while (H(it)->stack_len > top && ok(it))
		drop_at(it, top, REASON_METHOD);
	objects_push_none(&it->m);
	return ok(it);
}

static bool
set_add(struct interp *it, const struct expr *call, objid_t s,
    uint32_t base)
{
	bool added;

	push_ref(it, stack_at(it, base), REASON_METHOD, ATOM_NONE);
	it->c_calls += c_call_cost(it, true);
	added = set_add_from(it, call->as.call.args[0]->offset, s, TOP(it));
	it->c_calls -= c_call_cost(it, true);
	if (!added)
		return false;
	return return_none(it, base, 1);
}

static bool
set_discard(struct interp *it, const struct expr *call, objid_t s,
    uint32_t base)
{
	pyhash_t	hash;
	int64_t		i;

	if (!hash_of(it, call->as.call.args[0]->offset, stack_at(it, base),
	    &hash))
		return false;
	it->c_calls += c_call_cost(it, true);
	i = set_find(it, call->as.call.args[0]->offset, s, stack_at(it, base));
	it->c_calls -= c_call_cost(it, true);
	if (!ok(it))
		return false;
	if (i >= 0) {
		emit_move(it, EV_SET_DISCARD, SITE_SET,
		    obj(it, s)->as.set->entries[i].key, s, (uint32_t)i,
		    OBJ_NULL, 0, REASON_METHOD, ATOM_NONE);
		drop_top(it, REASON_METHOD, ATOM_NONE);
	}
	return return_none(it, base, 1);
}

/* ---- iteration, and the builtins that build from an iterable ---- */

/* Called with one item of an iterable on top of the stack: a new
 * reference the callback consumes or drops.  False when it raised. */
typedef bool (*item_fn)(struct interp *it, uint32_t offset, void *ctx);

static bool for_each_next(struct interp *it, uint32_t offset,
    objid_t iterable, item_fn fn, void *ctx);

/*
 * Visits the items of a list or tuple, a dict (its keys), a set (in table
 * order) or a str (its characters, new or shared strs), as CPython's
 * iteration yields them.  A list's length is taken first: l.extend(l)
 * doubles l.
 */
static bool
for_each_item(struct interp *it, uint32_t offset, objid_t iterable,
    item_fn fn, void *ctx)
{
	uint32_t	n, cursor = 0;
	int64_t		e;

	switch (obj(it, iterable)->type) {
	case OBJ_LIST:
	case OBJ_TUPLE:
		n = obj(it, iterable)->as.seq->len;
		for (uint32_t i = 0; i < n && ok(it); i++) {
			push_ref(it, obj(it, iterable)->as.seq->items[i],
			    REASON_LOAD, ATOM_NONE);
			if (!fn(it, offset, ctx))
				return false;
		}
		return ok(it);
	case OBJ_DICT:
		for (uint32_t i = 0; i < obj(it, iterable)->as.dict->count &&
		    ok(it); i++) {
			objid_t key = obj(it, iterable)->as.dict->entries[i].key;

			if (key == OBJ_NULL)
				continue;
			push_ref(it, key, REASON_LOAD, ATOM_NONE);
			if (!fn(it, offset, ctx))
				return false;
		}
		return ok(it);
	case OBJ_SET:
		while ((e = settable_next(obj(it, iterable)->as.set,
		    &cursor)) >= 0 && ok(it)) {
			push_ref(it, obj(it, iterable)->as.set->entries[e].key,
			    REASON_LOAD, ATOM_NONE);
			if (!fn(it, offset, ctx))
				return false;
		}
		return ok(it);
	case OBJ_STR: {
		size_t at = 0;

		while (at < obj(it, iterable)->as.s->len && ok(it)) {
			const char *p = obj(it, iterable)->as.s->data + at;
			size_t	    k = 1;

			while (at + k < obj(it, iterable)->as.s->len &&
			    ((unsigned char)p[k] & 0xc0) == 0x80)
				k++;
			objects_push_str(&it->m, p, k, false, REASON_RESULT);
			at += k;
			if (!fn(it, offset, ctx))
				return false;
		}
		return ok(it);
	}
	case OBJ_RANGE:
	case OBJ_ITER:
		return for_each_next(it, offset, iterable, fn, ctx);
	default:
		return raise(it, offset, "TypeError", "'%s' object is not "
		    "iterable", type_name(it, iterable));
	}
}

/* item_fn: appends the item to the list *ctx (it takes the reference). */
static bool
append_item(struct interp *it, uint32_t offset, void *ctx)
{
	objid_t l = *(objid_t *)ctx;

	(void)offset;
	emit_move(it, EV_SLOT_INSERT, SITE_ITEM, stack_at(it, TOP(it)), l,
	    obj(it, l)->as.seq->len, OBJ_NULL, TOP(it), REASON_METHOD,
	    ATOM_NONE);
	return ok(it);
}

/* Appends each item of iterable to list l (list.extend). */
static bool
list_extend(struct interp *it, uint32_t offset, objid_t l, objid_t iterable)
{
	return for_each_item(it, offset, iterable, append_item, &l);
}

/* item_fn: adds the item to the set *ctx. */
static bool
add_item(struct interp *it, uint32_t offset, void *ctx)
{
	return set_add_from(it, offset, *(objid_t *)ctx, TOP(it));
}

/* item_fn: leaves the item on the stack, counting it. */
static bool
keep_item(struct interp *it, uint32_t offset, void *ctx)
{
	(void)it;
	(void)offset;
	return ++*(uint32_t *)ctx <= INTERP_MAX_ITEMS ||
	    too_many_items(it, offset);
}

/* Pushes a new, empty container of type (list, dict, set). */
static objid_t
push_new(struct interp *it, enum obj_type type)
{
	objid_t id = heap_reserve(H(it), type);

	objects_alloc(&it->m, id, REASON_NEW, ATOM_NONE);
	return id;
}

/* A new list of iterable's items on top (PySequence_List). */
static bool
push_list_of(struct interp *it, uint32_t offset, objid_t iterable)
{
	objid_t l = push_new(it, OBJ_LIST);

	return ok(it) && for_each_item(it, offset, iterable, append_item, &l);
}

/* A new set on top with the keys of layout, each at its place. */
static void
push_set_layout(struct interp *it, const struct settable *layout)
{
	objid_t id = push_new(it, OBJ_SET);

	for (uint32_t k = 0; k <= layout->mask && ok(it); k++) {
		objid_t key = layout->entries[k].key;

		if (key == SETTABLE_EMPTY || key == SETTABLE_DUMMY)
			continue;
		push_ref(it, key, REASON_STORE, ATOM_NONE);
		machine_emit(&it->m, (struct event){ .kind = EV_SET_ADD,
		    .reason = REASON_STORE, .site = SITE_SET, .flags = EVF_CLEAN,
		    .object = key, .owner = id, .index = k,
		    .other = layout->mask, .aux = TOP(it),
		    .detail = SETTABLE_MINSIZE - 1 });
	}
}

/* A new set on top holding a copy of set src's table (set_merge). */
static void
push_set_copy(struct interp *it, const struct settable *src)
{
	struct settable	layout;

	settable_merge_layout(src, &layout);
	push_set_layout(it, &layout);
	settable_free(&layout);
}

static void
table_dup(const struct settable *src, struct settable *out)
{
	*out = *src;
	out->entries = xreallocarray(NULL, (size_t)src->mask + 1,
	    sizeof *out->entries);
	memcpy(out->entries, src->entries, ((size_t)src->mask + 1) *
	    sizeof *out->entries);
}

/* Adds the keys of set or dict other to table t, their hashes known; with
 * merge, as set_merge and set_update_internal do: one big resize first
 * (or, into an empty table, a copy of a set's layout). */
static void
table_add_all(struct interp *it, struct settable *t, objid_t other,
    bool merge)
{
	const struct object	*o = obj(it, other);
	struct settable_change	 ch;
	uint32_t		 cursor = 0;
	int64_t			 e;

	if (o->type == OBJ_SET) {
		if (merge && t->fill == 0) {
			settable_free(t);
			settable_merge_layout(o->as.set, t);
			return;
		}
		if (merge)
			settable_reserve(t, o->as.set->used);
		while ((e = settable_next(o->as.set, &cursor)) >= 0) {
			settable_add(t, o->as.set->entries[e].hash,
			    o->as.set->entries[e].key, equal_keys, H(it), &ch);
			if (ch.resized)
				xfree(ch.old_entries);
		}
		return;
	}
	if (merge)
		settable_reserve(t, o->as.dict->live);
	for (uint32_t i = 0; i < o->as.dict->count; i++) {
		if (o->as.dict->entries[i].key == OBJ_NULL)
			continue;
		settable_add(t, o->as.dict->entries[i].hash,
		    o->as.dict->entries[i].key, equal_keys, H(it), &ch);
		if (ch.resized)
			xfree(ch.old_entries);
	}
}

/*
 * set_update_internal: adds each item of iterable to set s.  A set or a
 * dict is merged with one resize first, which the model's one-key adds
 * cannot show: when that gives another table than adding the keys one by
 * one, the case is refused as not supported yet.
 */
static bool
set_update_from(struct interp *it, uint32_t offset, objid_t s,
    objid_t iterable)
{
	enum obj_type	t = obj(it, iterable)->type;
	struct settable	merged, stepwise;
	bool		same;

	if (t == OBJ_SET || t == OBJ_DICT) {
		table_dup(obj(it, s)->as.set, &merged);
		table_dup(obj(it, s)->as.set, &stepwise);
		table_add_all(it, &merged, iterable, true);
		table_add_all(it, &stepwise, iterable, false);
		same = merged.mask == stepwise.mask;
		for (uint32_t k = 0; same && k <= merged.mask; k++)
			same = merged.entries[k].key == stepwise.entries[k].key;
		settable_free(&merged);
		settable_free(&stepwise);
		if (!same)
			return raise(it, offset, NULL, "adding the keys of a %s "
			    "to a set this way is not supported yet (CPython "
			    "resizes the table once, first)", type_name(it,
			    iterable));
	}
	return for_each_item(it, offset, iterable, add_item, &s);
}

/* Copies every entry of dict src into dict d, in order (dict_merge). */
static bool
dict_merge(struct interp *it, uint32_t offset, objid_t d, objid_t src)
{
	for (uint32_t i = 0; i < obj(it, src)->as.dict->count && ok(it); i++) {
		const struct dict_entry *de = &obj(it, src)->as.dict->entries[i];
		objid_t key = de->key, value = de->value;

		if (key == OBJ_NULL)
			continue;
		push_ref(it, key, REASON_LOAD, ATOM_NONE);
		push_ref(it, value, REASON_LOAD, ATOM_NONE);
		if (!dict_store(it, offset, d, TOP(it) - 1, TOP(it)))
			return false;
		drop_operands(it, TOP(it) - 1, 2, REASON_OPERAND_DONE);
	}
	return ok(it);
}

/* What pair_item fills: the dict, and the number of the next pair. */
struct pairs {
	objid_t		 d;
	uint32_t	 n;
};

/* item_fn for dict(pairs): each item a list or tuple of a key and a
 * value (dict_merge_from_seq2). */
static bool
pair_item(struct interp *it, uint32_t offset, void *ctx)
{
	struct pairs *c = ctx;
	objid_t		pair = stack_at(it, TOP(it));
	enum obj_type	t = obj(it, pair)->type;

	if (t != OBJ_LIST && t != OBJ_TUPLE)
		return raise(it, offset, "TypeError", "cannot convert "
		    "dictionary update sequence element #%u to a sequence",
		    c->n);
	if (obj(it, pair)->as.seq->len != 2)
		return raise(it, offset, "ValueError", "dictionary update "
		    "sequence element #%u has length %u; 2 is required", c->n,
		    obj(it, pair)->as.seq->len);
	push_ref(it, obj(it, pair)->as.seq->items[0], REASON_LOAD, ATOM_NONE);
	push_ref(it, obj(it, pair)->as.seq->items[1], REASON_LOAD, ATOM_NONE);
	if (!dict_store(it, offset, c->d, TOP(it) - 1, TOP(it)))
		return false;
	c->n++;
	/* the key and the value, then the pair */
	drop_operands(it, TOP(it) - 1, 2, REASON_OPERAND_DONE);
	drop_top(it, REASON_OPERAND_DONE, ATOM_NONE);
	return ok(it);
}

/* dict(x) and d.update(x): the entries of a dict, or pairs. */
static bool
dict_update_from(struct interp *it, uint32_t offset, objid_t d, objid_t arg)
{
	struct pairs c = { d, 0 };

	if (obj(it, arg)->type == OBJ_DICT)
		return dict_merge(it, offset, d, arg);
	return for_each_item(it, offset, arg, pair_item, &c);
}

static bool
builtin_list(struct interp *it, const struct expr *call, objid_t self,
    uint32_t base)
{
	uint32_t n = count_args(call);

	(void)self;
	if (n == 0) {
		push_new(it, OBJ_LIST);
		return ok(it);
	}
	if (!push_list_of(it, call->offset, stack_at(it, base)))
		return false;
	return call_done(it, base, n);
}

static bool
builtin_tuple(struct interp *it, const struct expr *call, objid_t self,
    uint32_t base)
{
	uint32_t n = count_args(call), count = 0;
	objid_t	 arg = stack_at(it, base);

	(void)self;
	if (n == 0)
		objects_push_empty_tuple(&it->m);
	else if (obj(it, arg)->type == OBJ_TUPLE)
		push_ref(it, arg, REASON_RESULT, ATOM_NONE);
	else {
		if (!for_each_item(it, call->offset, arg, keep_item, &count))
			return false;
		objects_build_sequence(&it->m, OBJ_TUPLE, count, REASON_RESULT);
		/* PyList_AsTuple; other iterables grow the tuple */
		if (obj(it, arg)->type == OBJ_LIST)
			gctrack_tuple_built(&it->m,
			    stack_at(it, H(it)->stack_len - 1));
	}
	return call_done(it, base, n);
}

static bool
builtin_set(struct interp *it, const struct expr *call, objid_t self,
    uint32_t base)
{
	uint32_t n = count_args(call);
	objid_t	 arg = stack_at(it, base), s;

	(void)self;
	if (n == 1 && obj(it, arg)->type == OBJ_SET) {
		push_set_copy(it, obj(it, arg)->as.set);
		return call_done(it, base, n);
	}
	s = push_new(it, OBJ_SET);
	if (n == 1 && !set_update_from(it, call->offset, s, arg))
		return false;
	return call_done(it, base, n);
}

static bool
builtin_dict(struct interp *it, const struct expr *call, objid_t self,
    uint32_t base)
{
	uint32_t n = count_args(call);
	objid_t	 d = push_new(it, OBJ_DICT);

	(void)self;
	if (n == 1 && !dict_update_from(it, call->offset, d,
	    stack_at(it, base)))
		return false;
	return call_done(it, base, n);
}

/*
 * Sorts the items of list l by <, stably, as list.sort does: the list is
 * emptied (its items move to the stack), sorted there, and put back in
 * order.  Each comparison asks later < earlier, as CPython's run counting
 * and insertion do, so a TypeError names the pair the same way round.
 */
static bool
list_sort(struct interp *it, uint32_t offset, objid_t l)
{
	uint32_t	 n = obj(it, l)->as.seq->len;
	objid_t		*a, *tmp, bad[2];
	enum heap_cmp	 c = HEAP_CMP_FALSE;

	if (n < 2)
		return ok(it);
	a = xreallocarray(NULL, n, sizeof *a);
	tmp = xreallocarray(NULL, n, sizeof *tmp);
	memcpy(a, obj(it, l)->as.seq->items, n * sizeof *a);
	walk_begin(it);
	/* bottom-up merge sort: runs of width w merged pairwise */
	for (uint32_t w = 1; w < n && c != HEAP_CMP_TYPE_ERROR; w *= 2) {
		for (uint32_t lo = 0; lo < n; lo += 2 * w) {
			uint32_t mid = lo + w < n ? lo + w : n;
			uint32_t hi = lo + 2 * w < n ? lo + 2 * w : n;
			uint32_t i = lo, j = mid, k = lo;

			while (i < mid && j < hi) {
				c = heap_compare_within(H(it), a[j], a[i],
				    CMP_LT, bad, &it->work);
				if (c == HEAP_CMP_TYPE_ERROR)
					break;
				tmp[k++] = c == HEAP_CMP_TRUE ? a[j++] : a[i++];
			}
			if (c == HEAP_CMP_TYPE_ERROR)
				break;
			while (i < mid)
				tmp[k++] = a[i++];
			while (j < hi)
				tmp[k++] = a[j++];
		}
		if (c != HEAP_CMP_TYPE_ERROR)
			memcpy(a, tmp, n * sizeof *a);
	}
	xfree(tmp);
	if (!walk_end(it, offset) || c == HEAP_CMP_TYPE_ERROR) {
		xfree(a);
		if (!ok(it))
			return false;
		return raise(it, offset, "TypeError", "'<' not supported "
		    "between instances of '%s' and '%s'", type_name(it, bad[0]),
		    type_name(it, bad[1]));
	}
	list_reorder(it, l, a);
	xfree(a);
	return ok(it);
}

static bool
builtin_sorted(struct interp *it, const struct expr *call, objid_t self,
    uint32_t base)
{
	(void)self;
	if (!push_list_of(it, call->offset, stack_at(it, base)) ||
	    !list_sort(it, call->offset, stack_at(it, TOP(it))))
		return false;
	return call_done(it, base, 1);
}

/* item_fn of min() and max(): keeps the better of the item on top and the
 * best so far under it (min_max). */
struct best {
	enum compare_op	 op;		/* LT for min, GT for max */
	bool		 have;
};

static bool
best_item(struct interp *it, uint32_t offset, void *ctx)
{
	struct best	*b = ctx;
	objid_t		 bad[2];
	enum heap_cmp	 c;

	if (!b->have) {
		b->have = true;
		return true;
	}
	walk_begin(it);
	c = heap_compare_within(H(it), stack_at(it, TOP(it)),
	    stack_at(it, TOP(it) - 1), b->op, bad, &it->work);
	if (!walk_end(it, offset))
		return false;
	if (c == HEAP_CMP_TYPE_ERROR)
		return raise(it, offset, "TypeError", "'%s' not supported "
		    "between instances of '%s' and '%s'",
		    ops_compare_text(b->op), type_name(it, bad[0]),
		    type_name(it, bad[1]));
	drop_at(it, c == HEAP_CMP_TRUE ? TOP(it) - 1 : TOP(it),
	    REASON_OPERAND_DONE);
	return ok(it);
}

/* min() and max(), told apart by the name called */
static bool
builtin_min_max(struct interp *it, const struct expr *call, objid_t self,
    uint32_t base)
{
	uint32_t	n = count_args(call);
	enum compare_op	op = strcmp(called_name(call), "min") == 0 ? CMP_LT :
	    CMP_GT;
	struct best	b = { op, false };

	(void)self;
	if (n == 1) {
		if (!for_each_item(it, call->offset, stack_at(it, base),
		    best_item, &b))
			return false;
		if (!b.have)
			return raise(it, call->offset, "ValueError", "%s() arg "
			    "is an empty sequence", op == CMP_LT ? "min" :
			    "max");
	} else {
		for (uint32_t i = 0; i < n; i++) {
			push_ref(it, stack_at(it, base + i), REASON_LOAD,
			    ATOM_NONE);
			if (!best_item(it, call->offset, &b))
				return false;
		}
	}
	return call_done(it, base, n);
}


/* item_fn of sum(): adds numbers into a C accumulator, as builtin_sum's
 * fast paths do (no object for a partial sum). */
struct sum_acc {
	bool		 is_float;
	int64_t		 i;
	double		 f;
};

static bool
sum_item(struct interp *it, uint32_t offset, void *ctx)
{
	struct sum_acc	*acc = ctx;
	objid_t		 item = stack_at(it, TOP(it));
	const struct object *o = obj(it, item);

	if (o->type == OBJ_FLOAT) {
		if (!acc->is_float) {
			acc->is_float = true;
			acc->f = (double)acc->i;
		}
		acc->f += o->as.f;
	} else if (is_intlike(it, item)) {
		if (acc->is_float)
			acc->f += (double)o->as.i;
		else if (!pyint_add(acc->i, o->as.i, &acc->i))
			return int_too_big(it, offset);
	} else
		return raise(it, offset, "TypeError", "unsupported operand "
		    "type(s) for +: '%s' and '%s'", acc->is_float ? "float" :
		    "int", type_name(it, item));
	drop_top(it, REASON_OPERAND_DONE, ATOM_NONE);
	return ok(it);
}

static bool
builtin_sum(struct interp *it, const struct expr *call, objid_t self,
    uint32_t base)
{
	uint32_t	n = count_args(call);
	struct sum_acc	acc = { false, 0, 0.0 };

	(void)self;
	if (n == 2) {
		objid_t start = stack_at(it, base + 1);

		if (obj(it, start)->type == OBJ_STR)
			return raise(it, call->offset, "TypeError", "sum() "
			    "can't sum strings [use ''.join(seq) instead]");
		if (!is_intlike(it, start) && obj(it, start)->type != OBJ_FLOAT)
			return raise(it, call->offset, NULL, "sum() with a "
			    "start of type '%s' is not supported yet",
			    type_name(it, start));
		acc.is_float = obj(it, start)->type == OBJ_FLOAT;
		acc.i = acc.is_float ? 0 : obj(it, start)->as.i;
		acc.f = acc.is_float ? obj(it, start)->as.f : 0.0;
	}
	if (!for_each_item(it, call->offset, stack_at(it, base), sum_item,
	    &acc))
		return false;
	if (acc.is_float)
		objects_push_float(&it->m, acc.f, REASON_RESULT);
	else
		objects_push_int(&it->m, acc.i, REASON_RESULT);
	return call_done(it, base, n);
}

/* ---- the builtins of scalars ---- */

static bool
str_too_long(struct interp *it, uint32_t offset)
{
	return raise(it, offset, NULL, "a string longer than %u characters "
	    "(the limit of DESIGN §8)", LIMIT_MAX_STRING);
}

static bool
int_too_big(struct interp *it, uint32_t offset)
{
	return raise(it, offset, NULL, "integers beyond 64 bits are not "
	    "supported yet");
}

/* Pushes a new str object, never a shared one: what str(), repr() and
 * most str methods make, even of one character (str(5) is not the '5'
 * that indexing or chr() would share). */
static void
push_fresh_str(struct interp *it, const char *bytes, size_t len)
{
	if (len == 0) {
		objects_push_str(&it->m, bytes, len, false, REASON_RESULT);
		return;
	}
	objects_alloc(&it->m, heap_reserve_str(H(it), bytes, len, false),
	    REASON_RESULT, ATOM_NONE);
}

static bool
builtin_abs(struct interp *it, const struct expr *call, objid_t self,
    uint32_t base)
{
	objid_t			 x = stack_at(it, base);
	const struct object	*o = obj(it, x);

	(void)self;
	if (o->type == OBJ_FLOAT)
		objects_push_float(&it->m, fabs(o->as.f), REASON_RESULT);
	else if (o->type == OBJ_INT && o->as.i >= 0)
		push_ref(it, x, REASON_RESULT, ATOM_NONE);	/* long_long */
	else if (is_intlike(it, x)) {
		if (o->as.i == INT64_MIN)
			return int_too_big(it, call->offset);
		objects_push_int(&it->m, o->as.i < 0 ? -o->as.i : o->as.i,
		    REASON_RESULT);
	} else
		return raise(it, call->offset, "TypeError", "bad operand type "
		    "for abs(): '%s'", type_name(it, x));
	return call_done(it, base, 1);
}

static bool
builtin_bool(struct interp *it, const struct expr *call, objid_t self,
    uint32_t base)
{
	uint32_t n = count_args(call);

	(void)self;
	objects_push_bool(&it->m, n == 1 && truth(it, stack_at(it, base)));
	return call_done(it, base, n);
}

/* The text of a str as int() and float() read it: without the blanks
 * around it.  Returns the start and sets *len. */
static const char *
number_text(const struct pystr *s, size_t *len)
{
	const char *p = s->data, *end = s->data + s->len;

	while (p < end && strchr(" \t\n\r\f\v", *p) != NULL)
		p++;
	while (end > p && strchr(" \t\n\r\f\v", end[-1]) != NULL)
		end--;
	*len = (size_t)(end - p);
	return p;
}

/* int('...'): decimal digits with single underscores between them, an
 * optional sign; false when the text is not that. */
static bool
parse_decimal(const char *p, size_t len, int64_t *out, bool *overflow)
{
	size_t	 i = 0;
	bool	 neg = false, digit = false;
	int64_t	 v = 0;

	*overflow = false;
	if (i < len && (p[i] == '+' || p[i] == '-'))
		neg = p[i++] == '-';
	for (; i < len; i++) {
		if (p[i] == '_' && digit && i + 1 < len && p[i + 1] >= '0' &&
		    p[i + 1] <= '9')
			continue;
		if (p[i] < '0' || p[i] > '9')
			return false;
		digit = true;
		if (!pyint_mul(v, 10, &v) || !pyint_add(v, neg ? -(p[i] - '0') :
		    p[i] - '0', &v))
			*overflow = true;
	}
	*out = v;
	return digit;
}

static bool
value_error_literal(struct interp *it, uint32_t offset, const char *fmt,
    objid_t s)
{
	struct strbuf sb = STRBUF_INIT;

	heap_repr(H(it), s, false, 200, &sb);
	raise(it, offset, "ValueError", fmt, strbuf_str(&sb));
	strbuf_free(&sb);
	return false;
}

static bool
builtin_int(struct interp *it, const struct expr *call, objid_t self,
    uint32_t base)
{
	uint32_t		 n = count_args(call);
	objid_t			 x = stack_at(it, base);
	const struct object	*o;
	int64_t			 v;
	bool			 overflow;

	(void)self;
	if (n == 0) {
		objects_push_int(&it->m, 0, REASON_RESULT);
		return ok(it);
	}
	if (n == 2)
		return raise(it, call->offset, NULL, "int() with a base is not "
		    "supported yet");
	o = obj(it, x);
	switch (o->type) {
	case OBJ_INT:
		push_ref(it, x, REASON_RESULT, ATOM_NONE);
		break;
	case OBJ_BOOL:
		objects_push_int(&it->m, o->as.i, REASON_RESULT);
		break;
	case OBJ_FLOAT:
		if (isnan(o->as.f))
			return raise(it, call->offset, "ValueError", "cannot "
			    "convert float NaN to integer");
		if (isinf(o->as.f))
			return raise(it, call->offset, "OverflowError", "cannot "
			    "convert float infinity to integer");
		if (o->as.f >= 9223372036854775808.0 ||
		    o->as.f < -9223372036854775808.0)
			return int_too_big(it, call->offset);
		objects_push_int(&it->m, (int64_t)trunc(o->as.f),
		    REASON_RESULT);
		break;
	case OBJ_STR: {
		size_t		 len;
		const char	*p = number_text(o->as.s, &len);

		if (!parse_decimal(p, len, &v, &overflow))
			return value_error_literal(it, call->offset, "invalid "
			    "literal for int() with base 10: %s", x);
		if (overflow)
			return int_too_big(it, call->offset);
		objects_push_int(&it->m, v, REASON_RESULT);
		break;
	}
	default:
		return raise(it, call->offset, "TypeError", "int() argument "
		    "must be a string, a bytes-like object or a real number, "
		    "not '%s'", type_name(it, x));
	}
	return call_done(it, base, n);
}

/* float('...'): what Python's float() reads, through strtod in the C
 * locale after the checks strtod would let pass (hex, "infinity" ...). */
static bool
parse_float(const char *p, size_t len, double *out)
{
	char	 buf[128], *end;
	size_t	 k = 0;
	bool	 digit = false;

	if (len == 0 || len >= sizeof buf)
		return false;
	for (size_t i = 0; i < len; i++) {
		if (p[i] == '_') {
			/* only between digits */
			if (!digit || i + 1 >= len || p[i + 1] < '0' ||
			    p[i + 1] > '9')
				return false;
			continue;
		}
		digit = p[i] >= '0' && p[i] <= '9';
		/* strtod would also read hex and nan(...) */
		if (strchr("xXpP()", p[i]) != NULL)
			return false;
		buf[k++] = p[i];
	}
	buf[k] = '\0';
	*out = strtod(buf, &end);
	return *end == '\0' && end != buf;
}

static bool
builtin_float(struct interp *it, const struct expr *call, objid_t self,
    uint32_t base)
{
	uint32_t		 n = count_args(call);
	objid_t			 x = stack_at(it, base);
	const struct object	*o;
	double			 f;

	(void)self;
	if (n == 0) {
		objects_push_float(&it->m, 0.0, REASON_RESULT);
		return ok(it);
	}
	o = obj(it, x);
	switch (o->type) {
	case OBJ_FLOAT:
		push_ref(it, x, REASON_RESULT, ATOM_NONE);
		break;
	case OBJ_INT:
	case OBJ_BOOL:
		objects_push_float(&it->m, (double)o->as.i, REASON_RESULT);
		break;
	case OBJ_STR: {
		size_t		 len;
		const char	*p = number_text(o->as.s, &len);

		if (!parse_float(p, len, &f))
			return value_error_literal(it, call->offset, "could not "
			    "convert string to float: %s", x);
		objects_push_float(&it->m, f, REASON_RESULT);
		break;
	}
	default:
		return raise(it, call->offset, "TypeError", "float() argument "
		    "must be a string or a real number, not '%s'",
		    type_name(it, x));
	}
	return call_done(it, base, n);
}

/* str(x) and repr(x): x itself for str(an exact str), else a new str. */
/* Pushes str(x) (as_str) or repr(x): a str is its own str, anything
 * else a new str. */
static bool
push_str_of(struct interp *it, uint32_t offset, objid_t x, bool as_str)
{
	struct strbuf sb = STRBUF_INIT;

	if (as_str && obj(it, x)->type == OBJ_STR) {
		push_ref(it, x, REASON_RESULT, ATOM_NONE);
		return ok(it);
	}
	if (!heap_repr_nested(H(it), x, as_str, LIMIT_MAX_STRING + 1,
	    recursion_room(it), &sb)) {
		strbuf_free(&sb);
		return raise(it, offset, "RecursionError", "maximum "
		    "recursion depth exceeded while getting the repr of an "
		    "object");
	}
	if (utf8_count(strbuf_str(&sb), sb.len) > LIMIT_MAX_STRING) {
		strbuf_free(&sb);
		return str_too_long(it, offset);
	}
	push_fresh_str(it, strbuf_str(&sb), sb.len);
	strbuf_free(&sb);
	return ok(it);
}

static bool
builtin_str_repr(struct interp *it, const struct expr *call, objid_t self,
    uint32_t base)
{
	bool		as_str = strcmp(called_name(call), "str") == 0;
	uint32_t	n = count_args(call);
	objid_t		x = stack_at(it, base);

	(void)self;
	if (n == 0) {
		objects_push_str(&it->m, "", 0, false, REASON_RESULT);
		return ok(it);
	}
	if (n > 1)
		return raise(it, call->offset, NULL, "str() with an encoding is "
		    "not supported yet");
	if (!push_str_of(it, call->offset, x, as_str))
		return false;
	return call_done(it, base, n);
}


/* ---- isinstance ---- */

/* The built-in types a name can give isinstance(), by the types of
 * object that are instances of each. */
static const struct builtin_type {
	const char	*name;
	uint32_t	 types;		/* bits of enum obj_type */
} builtin_types[] = {
	{ "int", 1u << OBJ_INT | 1u << OBJ_BOOL },
	{ "bool", 1u << OBJ_BOOL },
	{ "float", 1u << OBJ_FLOAT },
	{ "str", 1u << OBJ_STR },
	{ "list", 1u << OBJ_LIST },
	{ "tuple", 1u << OBJ_TUPLE },
	{ "dict", 1u << OBJ_DICT },
	{ "set", 1u << OBJ_SET },
	{ "type", 1u << OBJ_CLASS },
	{ "object", ~0u },
};

/* The types e names when it is a built-in type's name (not rebound) or a
 * tuple display of those; 0 otherwise. */
static uint32_t
builtin_type_spec(const struct interp *it, const struct expr *e)
{
	uint32_t types = 0, t;

	if (e->kind == EXPR_TUPLE) {
		for (uint32_t i = 0; i < e->as.seq.count; i++) {
			if ((t = builtin_type_spec(it, e->as.seq.items[i])) == 0)
				return 0;
			types |= t;
		}
		return e->as.seq.count > 0 ? types : 0;
	}
	if (e->kind != EXPR_NAME || !is_unbound_global(it, e->as.name))
		return 0;
	for (size_t i = 0; i < sizeof builtin_types / sizeof builtin_types[0];
	    i++)
		if (strcmp(atom_name(e->as.name), builtin_types[i].name) == 0)
			return builtin_types[i].types;
	return 0;
}

/*
 * isinstance(x, T): T a built-in type's name (then not evaluated: the
 * model has no objects for them), a scenario class, or a tuple of either
 * kind.  eval_call leaves T off the stack when it is a name.
 */
static bool
builtin_isinstance(struct interp *it, const struct expr *call, objid_t self,
    uint32_t base)
{
	const struct expr	*spec = call->as.call.args[1];
	objid_t			 x = stack_at(it, base), t;
	uint32_t		 types = builtin_type_spec(it, spec), n;
	bool			 result;

	(void)self;
	if (types != 0) {
		result = (types >> obj(it, x)->type) & 1;
		objects_push_bool(&it->m, result);
		return call_done(it, base, 1);
	}
	t = stack_at(it, base + 1);
	n = obj(it, t)->type == OBJ_TUPLE ? obj(it, t)->as.seq->len : 1;
	result = false;
	for (uint32_t i = 0; i < n; i++) {
		objid_t cls = obj(it, t)->type == OBJ_TUPLE ?
		    obj(it, t)->as.seq->items[i] : t;

		if (obj(it, cls)->type != OBJ_CLASS)
			return raise(it, spec->offset, "TypeError", "isinstance() "
			    "arg 2 must be a type, a tuple of types, or a union");
		if (obj(it, x)->type == OBJ_INSTANCE &&
		    obj(it, x)->as.inst->cls == cls)
			result = true;
	}
	objects_push_bool(&it->m, result);
	return call_done(it, base, 2);
}

/* The built-ins of issue 16 the model has no object kind for yet, and
 * sys.intern. */
static bool
builtin_not_yet(struct interp *it, const struct expr *call, objid_t self,
    uint32_t base)
{
	(void)self;
	(void)base;
	if (call->as.call.callee->kind == EXPR_ATTR)
		return raise(it, call->offset, NULL, "sys.%s is not supported "
		    "yet", called_name(call));
	return raise(it, call->offset, NULL, "the built-in %s is not supported "
	    "yet", called_name(call));
}

/* ---- the methods of issue 16 ---- */

/* Puts list l's items back in the order of a (a permutation of them):
 * the list is emptied, last item first, and refilled, as list.sort and
 * list.reverse leave it. */
static void
list_reorder(struct interp *it, objid_t l, const objid_t *a)
{
	uint32_t n = obj(it, l)->as.seq->len, base = H(it)->stack_len;

	for (uint32_t i = n; i-- > 0 && ok(it);)
		emit_move(it, EV_SLOT_REMOVE, SITE_ITEM,
		    obj(it, l)->as.seq->items[i], l, i, OBJ_NULL, 0,
		    REASON_METHOD, ATOM_NONE);
	for (uint32_t k = 0; k < n && ok(it); k++) {
		uint32_t at = base;

		while (stack_at(it, at) != a[k])
			at++;
		emit_move(it, EV_SLOT_INSERT, SITE_ITEM, a[k], l, k, OBJ_NULL,
		    at, REASON_METHOD, ATOM_NONE);
	}
}

static bool
list_copy(struct interp *it, const struct expr *call, objid_t l,
    uint32_t base)
{
	(void)base;
	return push_list_of(it, call->offset, l);
}

static bool
list_sort_fn(struct interp *it, const struct expr *call, objid_t l,
    uint32_t base)
{
	/* key= and reverse= are keyword-only, and keywords are refused */
	if (count_args(call) > 0)
		return raise(it, call->offset, "TypeError", "sort() takes no "
		    "positional arguments");
	if (!list_sort(it, call->offset, l))
		return false;
	return return_none(it, base, 0);
}

static bool
list_reverse(struct interp *it, const struct expr *call, objid_t l,
    uint32_t base)
{
	uint32_t	 n = obj(it, l)->as.seq->len;
	objid_t		*a = xreallocarray(NULL, n ? n : 1, sizeof *a);

	(void)call;
	for (uint32_t i = 0; i < n; i++)
		a[i] = obj(it, l)->as.seq->items[n - 1 - i];
	list_reorder(it, l, a);
	xfree(a);
	return return_none(it, base, 0);
}

/* The first index of an item of list l equal to x at or after from, or -1
 * (and false when the walk raised). */
static bool
list_find(struct interp *it, uint32_t offset, objid_t l, objid_t x,
    int64_t from, int64_t *found)
{
	*found = -1;
	walk_begin(it);
	for (uint32_t i = (uint32_t)from; i < obj(it, l)->as.seq->len; i++)
		if (heap_equal_within(H(it), obj(it, l)->as.seq->items[i], x,
		    &it->work)) {
			*found = i;
			break;
		} else if (it->work.too_deep || it->work.exhausted)
			break;
	return walk_end(it, offset);
}

static bool
list_index(struct interp *it, const struct expr *call, objid_t l,
    uint32_t base)
{
	uint32_t	n = count_args(call);
	int64_t		from = 0, found;

	if (n > 1)
		return raise(it, call->offset, NULL, "list.index() with a start "
		    "or a stop is not supported yet");
	if (!list_find(it, call->offset, l, stack_at(it, base), from, &found))
		return false;
	if (found < 0) {
		struct strbuf sb = STRBUF_INIT;

		heap_repr(H(it), stack_at(it, base), false, 200, &sb);
		raise(it, call->offset, "ValueError", "%s is not in list",
		    strbuf_str(&sb));
		strbuf_free(&sb);
		return false;
	}
	objects_push_int(&it->m, found, REASON_RESULT);
	return call_done(it, base, n);
}

static bool
list_count(struct interp *it, const struct expr *call, objid_t l,
    uint32_t base)
{
	int64_t count = 0;

	walk_begin(it);
	for (uint32_t i = 0; i < obj(it, l)->as.seq->len; i++)
		if (heap_equal_within(H(it), obj(it, l)->as.seq->items[i],
		    stack_at(it, base), &it->work))
			count++;
	if (!walk_end(it, call->offset))
		return false;
	objects_push_int(&it->m, count, REASON_RESULT);
	return call_done(it, base, 1);
}

/* The entry of dict d holding the key at stack position pos, or -1 (and
 * the run stopped when hashing or comparing raised). */
static int64_t
dict_lookup(struct interp *it, uint32_t offset, objid_t d, uint32_t pos)
{
	pyhash_t hash;

	if (!hash_of(it, offset, stack_at(it, pos), &hash))
		return -1;
	return dict_find(it, offset, d, stack_at(it, pos));
}

static bool
dict_get(struct interp *it, const struct expr *call, objid_t d,
    uint32_t base)
{
	uint32_t	n = count_args(call);
	int64_t		entry = dict_lookup(it, call->offset, d, base);

	if (!ok(it))
		return false;
	if (entry >= 0)
		push_ref(it, obj(it, d)->as.dict->entries[entry].value,
		    REASON_RESULT, ATOM_NONE);
	else if (n == 2)
		push_ref(it, stack_at(it, base + 1), REASON_RESULT, ATOM_NONE);
	else
		objects_push_none(&it->m);
	return call_done(it, base, n);
}

static bool
dict_setdefault(struct interp *it, const struct expr *call, objid_t d,
    uint32_t base)
{
	uint32_t	n = count_args(call);
	int64_t		entry = dict_lookup(it, call->offset, d, base);

	if (!ok(it))
		return false;
	if (entry < 0) {
		if (n == 1)
			objects_push_none(&it->m);
		else
			push_ref(it, stack_at(it, base + 1), REASON_LOAD,
			    ATOM_NONE);
		/* the dict takes references of its own; this one is the
		 * result */
		if (!dict_store(it, call->offset, d, base, TOP(it)))
			return false;
		return call_done(it, base, n);
	}
	push_ref(it, obj(it, d)->as.dict->entries[entry].value, REASON_RESULT,
	    ATOM_NONE);
	return call_done(it, base, n);
}

static bool
dict_update(struct interp *it, const struct expr *call, objid_t d,
    uint32_t base)
{
	uint32_t n = count_args(call);

	if (n == 1 && !dict_update_from(it, call->offset, d,
	    stack_at(it, base)))
		return false;
	return return_none(it, base, n);
}

static bool
dict_copy(struct interp *it, const struct expr *call, objid_t d,
    uint32_t base)
{
	objid_t copy = push_new(it, OBJ_DICT);

	if (!dict_merge(it, call->offset, copy, d))
		return false;
	return call_done(it, base, 0);
}

static bool
dict_popitem(struct interp *it, const struct expr *call, objid_t d,
    uint32_t base)
{
	const struct pydict	*dict = obj(it, d)->as.dict;
	int64_t			 i = (int64_t)dict->count - 1;

	while (i >= 0 && dict->entries[i].key == OBJ_NULL)
		i--;
	if (i < 0)
		return raise(it, call->offset, "KeyError", "'popitem(): "
		    "dictionary is empty'");
	/* the dict's references move into a new (key, value) tuple */
	machine_emit(&it->m, (struct event){ .kind = EV_DICT_REMOVE,
	    .reason = REASON_METHOD, .site = SITE_DICT_KEY,
	    .object = dict->entries[i].key, .other = dict->entries[i].value,
	    .owner = d, .index = (uint32_t)i });
	objects_build_sequence(&it->m, OBJ_TUPLE, 2, REASON_RESULT);
	return call_done(it, base, 0);
}

static bool
set_remove(struct interp *it, const struct expr *call, objid_t s,
    uint32_t base)
{
	int64_t i;

	if (!hash_of(it, call->as.call.args[0]->offset, stack_at(it, base),
	    (pyhash_t[1]){ 0 }))
		return false;
	it->c_calls += c_call_cost(it, true);
	i = set_find(it, call->as.call.args[0]->offset, s, stack_at(it, base));
	it->c_calls -= c_call_cost(it, true);
	if (!ok(it))
		return false;
	if (i < 0)
		return key_error(it, call->offset, stack_at(it, base));
	emit_move(it, EV_SET_DISCARD, SITE_SET,
	    obj(it, s)->as.set->entries[i].key, s, (uint32_t)i, OBJ_NULL, 0,
	    REASON_METHOD, ATOM_NONE);
	drop_top(it, REASON_METHOD, ATOM_NONE);
	return return_none(it, base, 1);
}

static bool
set_copy(struct interp *it, const struct expr *call, objid_t s,
    uint32_t base)
{
	(void)call;
	push_set_copy(it, obj(it, s)->as.set);
	return call_done(it, base, 0);
}

static bool
set_union(struct interp *it, const struct expr *call, objid_t s,
    uint32_t base)
{
	uint32_t	n = count_args(call), i;
	objid_t		result, arg;
	struct settable	layout;

	/* the copy and the sets and dicts that come first are laid out
	 * here, resizes and all, and made at once */
	settable_merge_layout(obj(it, s)->as.set, &layout);
	for (i = 0; i < n; i++) {
		arg = stack_at(it, base + i);
		if (obj(it, arg)->type != OBJ_SET &&
		    obj(it, arg)->type != OBJ_DICT)
			break;
		table_add_all(it, &layout, arg, true);
	}
	push_set_layout(it, &layout);
	settable_free(&layout);
	result = stack_at(it, TOP(it));
	for (; i < n && ok(it); i++)
		if (!set_update_from(it, call->offset, result,
		    stack_at(it, base + i)))
			return false;
	return call_done(it, base, n);
}

static bool
set_update(struct interp *it, const struct expr *call, objid_t s,
    uint32_t base)
{
	uint32_t n = count_args(call);

	for (uint32_t i = 0; i < n && ok(it); i++)
		if (!set_update_from(it, call->offset, s,
		    stack_at(it, base + i)))
			return false;
	return return_none(it, base, n);
}

/* item_fn of set_intersection: the item goes into ctx->result when it is
 * in ctx->other. */
struct intersect {
	objid_t	 result, other;
};

static bool
intersect_item(struct interp *it, uint32_t offset, void *ctx)
{
	struct intersect	*c = ctx;
	pyhash_t		 hash;

	if (!hash_of(it, offset, stack_at(it, TOP(it)), &hash))
		return false;
	if (set_find(it, offset, c->other, stack_at(it, TOP(it))) < 0) {
		if (!ok(it))
			return false;
		drop_top(it, REASON_OPERAND_DONE, ATOM_NONE);
		return ok(it);
	}
	return set_add_from(it, offset, c->result, TOP(it));
}

/* set_intersection: a new set of the items of the smaller of two sets
 * (or of a non-set iterable) found in the other. */
static bool
set_intersection(struct interp *it, const struct expr *call, objid_t s,
    uint32_t base)
{
	uint32_t	 n = count_args(call);
	objid_t		 current = s, other;
	struct intersect c;

	if (n == 0) {
		push_set_copy(it, obj(it, s)->as.set);
		return call_done(it, base, 0);
	}
	push_ref(it, s, REASON_LOAD, ATOM_NONE);
	for (uint32_t i = 0; i < n; i++) {
		other = stack_at(it, base + i);
		c.result = push_new(it, OBJ_SET);
		c.other = current;
		if (obj(it, other)->type == OBJ_SET &&
		    heap_len(H(it), other) > heap_len(H(it), current)) {
			c.other = other;
			other = current;
		}
		if (!for_each_item(it, call->offset, other, intersect_item, &c))
			return false;
		/* the new result replaces the one before */
		drop_at(it, TOP(it) - 1, REASON_OPERAND_DONE);
		current = c.result;
	}
	return call_done(it, base, n);
}

/* ---- str methods ---- */

static const struct pystr *
str_of(const struct interp *it, objid_t id)
{
	return obj(it, id)->as.s;
}

/* Whether a str's bytes are all ASCII: the case mappings below are. */
static bool
is_ascii(const struct pystr *s)
{
	for (size_t i = 0; i < s->len; i++)
		if ((unsigned char)s->data[i] >= 0x80)
			return false;
	return true;
}

/* A TypeError unless the argument at pos is a str. */
static bool
want_str(struct interp *it, const struct expr *call, uint32_t pos,
    const char *fmt)
{
	objid_t a = stack_at(it, pos);

	if (obj(it, a)->type == OBJ_STR)
		return true;
	return raise(it, call->offset, "TypeError", fmt, type_name(it, a));
}

/* str.upper(), str.lower(): always a new str (or the empty one). */
static bool
str_case(struct interp *it, const struct expr *call, objid_t s,
    uint32_t base)
{
	const struct pystr	*str = str_of(it, s);
	bool			 upper = strcmp(called_name(call), "upper") == 0;
	char			*out;

	(void)base;
	if (!is_ascii(str))
		return raise(it, call->offset, NULL, "str.%s() of text beyond "
		    "ASCII is not supported yet", called_name(call));
	out = xmalloc(str->len + 1);
	for (size_t i = 0; i <= str->len; i++) {
		char ch = str->data[i];

		if (upper && ch >= 'a' && ch <= 'z')
			ch = (char)(ch - 'a' + 'A');
		else if (!upper && ch >= 'A' && ch <= 'Z')
			ch = (char)(ch - 'A' + 'a');
		out[i] = ch;
	}
	push_fresh_str(it, out, str->len);
	xfree(out);
	return ok(it);
}

/* Python's str.isspace() for the code point at p (len bytes left);
 * sets *n to its length in bytes. */
static bool
space_at(const char *p, size_t len, size_t *n)
{
	uint32_t cp;

	*n = utf8_decode(p, len, &cp);
	return (cp >= 0x09 && cp <= 0x0d) || (cp >= 0x1c && cp <= 0x20) ||
	    cp == 0x85 || cp == 0xa0 || cp == 0x1680 ||
	    (cp >= 0x2000 && cp <= 0x200a) || cp == 0x2028 || cp == 0x2029 ||
	    cp == 0x202f || cp == 0x205f || cp == 0x3000;
}

/* Whether the code point at p is one of chars (a str's bytes). */
static bool
in_chars(const char *p, size_t len, const struct pystr *chars, size_t *n)
{
	uint32_t cp;

	*n = utf8_decode(p, len, &cp);
	for (size_t i = 0; i + *n <= chars->len; i++)
		if (memcmp(chars->data + i, p, *n) == 0 &&
		    (i + *n == chars->len ||
		    ((unsigned char)chars->data[i + *n] & 0xc0) != 0x80) &&
		    ((unsigned char)chars->data[i] & 0xc0) != 0x80)
			return true;
	return false;
}

/* Pushes the bytes [from, to) of str s as a substring does: s itself when
 * it is all of s, else a new str or a shared one (empty, one Latin-1
 * character), as _PyUnicode_Substring makes it. */
static void
push_substring(struct interp *it, objid_t s, size_t from, size_t to)
{
	if (from == 0 && to == str_of(it, s)->len)
		push_ref(it, s, REASON_RESULT, ATOM_NONE);
	else
		objects_push_str(&it->m, str_of(it, s)->data + from, to - from,
		    false, REASON_RESULT);
}

static bool
str_strip(struct interp *it, const struct expr *call, objid_t s,
    uint32_t base)
{
	const struct pystr	*str = str_of(it, s), *chars = NULL;
	uint32_t		 n = count_args(call);
	size_t			 from = 0, to = str->len, k, back;

	if (n == 1 && obj(it, stack_at(it, base))->type != OBJ_NONE) {
		if (!want_str(it, call, base, "strip arg must be None or str"))
			return false;
		chars = str_of(it, stack_at(it, base));
	}
	while (from < to && (chars ? in_chars(str->data + from, to - from,
	    chars, &k) : space_at(str->data + from, to - from, &k)))
		from += k;
	while (to > from) {
		back = to - 1;
		while (back > from && ((unsigned char)str->data[back] & 0xc0) ==
		    0x80)
			back--;
		if (!(chars ? in_chars(str->data + back, to - back, chars, &k) :
		    space_at(str->data + back, to - back, &k)))
			break;
		to = back;
	}
	push_substring(it, s, from, to);
	return call_done(it, base, n);
}

static bool
str_starts_ends(struct interp *it, const struct expr *call, objid_t s,
    uint32_t base)
{
	const struct pystr	*str = str_of(it, s);
	bool			 starts = strcmp(called_name(call),
	    "startswith") == 0, found = false;
	objid_t			 arg = stack_at(it, base);
	uint32_t		 n = obj(it, arg)->type == OBJ_TUPLE ?
	    obj(it, arg)->as.seq->len : 1;

	if (count_args(call) > 1)
		return raise(it, call->offset, NULL, "str.%s() with a start or "
		    "an end is not supported yet", called_name(call));
	for (uint32_t i = 0; i < n && !found; i++) {
		objid_t		  p = obj(it, arg)->type == OBJ_TUPLE ?
		    obj(it, arg)->as.seq->items[i] : arg;
		const struct pystr *ps;

		if (obj(it, p)->type != OBJ_STR)
			return raise(it, call->offset, "TypeError", obj(it,
			    arg)->type == OBJ_TUPLE ? "tuple for %s must only "
			    "contain str, not %s" : "%s first arg must be str "
			    "or a tuple of str, not %s", called_name(call),
			    type_name(it, p));
		ps = str_of(it, p);
		found = ps->len <= str->len && memcmp(starts ? str->data :
		    str->data + str->len - ps->len, ps->data, ps->len) == 0;
	}
	objects_push_bool(&it->m, found);
	return call_done(it, base, 1);
}

static bool
str_replace(struct interp *it, const struct expr *call, objid_t s,
    uint32_t base)
{
	uint32_t	n = count_args(call);
	const struct pystr *str, *old, *new;
	struct strbuf	sb = STRBUF_INIT;
	int64_t		max = -1, done = 0, at;
	size_t		from = 0;

	if (!want_str(it, call, base, "replace() argument 1 must be str, not "
	    "%s") || !want_str(it, call, base + 1, "replace() argument 2 "
	    "must be str, not %s"))
		return false;
	if (n == 3) {
		if (!is_intlike(it, stack_at(it, base + 2)))
			return raise(it, call->offset, "TypeError", "'%s' object "
			    "cannot be interpreted as an integer",
			    type_name(it, stack_at(it, base + 2)));
		max = obj(it, stack_at(it, base + 2))->as.i;
	}
	str = str_of(it, s);
	old = str_of(it, stack_at(it, base));
	new = str_of(it, stack_at(it, base + 1));
	if (old->len == 0)
		return raise(it, call->offset, NULL, "str.replace() of the "
		    "empty string is not supported yet");
	while ((max < 0 || done < max) && (at = find_bytes(str->data, str->len,
	    old->data, old->len, from)) >= 0) {
		strbuf_append(&sb, str->data + from, (size_t)at - from);
		strbuf_append(&sb, new->data, new->len);
		from = (size_t)at + old->len;
		done++;
	}
	if (done == 0)
		push_ref(it, s, REASON_RESULT, ATOM_NONE);	/* unchanged */
	else {
		strbuf_append(&sb, str->data + from, str->len - from);
		if (utf8_count(strbuf_str(&sb), sb.len) > LIMIT_MAX_STRING) {
			strbuf_free(&sb);
			return str_too_long(it, call->offset);
		}
		push_fresh_str(it, strbuf_str(&sb), sb.len);
	}
	strbuf_free(&sb);
	return call_done(it, base, n);
}

/* item_fn of split(): appends the piece on top to the list under it. */
static bool
split_piece(struct interp *it, objid_t s, objid_t l, size_t from, size_t to)
{
	push_substring(it, s, from, to);
	return append_item(it, 0, &l);
}

static bool
str_split(struct interp *it, const struct expr *call, objid_t s,
    uint32_t base)
{
	uint32_t		 n = count_args(call);
	const struct pystr	*str = str_of(it, s), *sep = NULL;
	int64_t			 max = -1, done = 0, at;
	size_t			 from = 0, k;
	objid_t			 l;

	if (n >= 1 && obj(it, stack_at(it, base))->type != OBJ_NONE) {
		if (!want_str(it, call, base, "must be str or None, not %s"))
			return false;
		sep = str_of(it, stack_at(it, base));
		if (sep->len == 0)
			return raise(it, call->offset, "ValueError", "empty "
			    "separator");
	}
	if (n == 2) {
		if (!is_intlike(it, stack_at(it, base + 1)))
			return raise(it, call->offset, "TypeError", "'%s' object "
			    "cannot be interpreted as an integer",
			    type_name(it, stack_at(it, base + 1)));
		max = obj(it, stack_at(it, base + 1))->as.i;
	}
	l = push_new(it, OBJ_LIST);
	if (sep != NULL) {
		while ((max < 0 || done < max) && (at = find_bytes(str->data,
		    str->len, sep->data, sep->len, from)) >= 0 && ok(it)) {
			if (!split_piece(it, s, l, from, (size_t)at))
				return false;
			from = (size_t)at + sep->len;
			done++;
		}
		if (!split_piece(it, s, l, from, str->len))
			return false;
		return call_done(it, base, n);
	}
	/* runs of white space separate; none at the ends */
	for (;;) {
		size_t start;

		while (from < str->len && space_at(str->data + from,
		    str->len - from, &k))
			from += k;
		if (from >= str->len)
			break;
		start = from;
		if (max >= 0 && done >= max) {
			/* the rest, trailing white space and all */
			if (!split_piece(it, s, l, start, str->len))
				return false;
			break;
		}
		while (from < str->len && !space_at(str->data + from,
		    str->len - from, &k))
			from += k;
		if (!split_piece(it, s, l, start, from))
			return false;
		done++;
	}
	return call_done(it, base, n);
}

/*
 * sep.join(iterable): the iterable as a list or tuple (a list or tuple is
 * used as it is, anything else is made a list first, as PySequence_Fast
 * does), every item a str; one item is the result itself.
 */
static bool
str_join(struct interp *it, const struct expr *call, objid_t sep,
    uint32_t base)
{
	objid_t		 seq = stack_at(it, base);
	enum obj_type	 t = obj(it, seq)->type;
	struct strbuf	 sb = STRBUF_INIT;
	uint32_t	 n;

	if (t == OBJ_LIST || t == OBJ_TUPLE)
		push_ref(it, seq, REASON_LOAD, ATOM_NONE);
	else {
		if (t != OBJ_STR && t != OBJ_DICT && t != OBJ_SET)
			return raise(it, call->offset, "TypeError", "can only "
			    "join an iterable");
		if (!push_list_of(it, call->offset, seq))
			return false;
	}
	seq = stack_at(it, TOP(it));
	n = obj(it, seq)->as.seq->len;
	for (uint32_t i = 0; i < n; i++) {
		objid_t item = obj(it, seq)->as.seq->items[i];

		if (obj(it, item)->type != OBJ_STR) {
			strbuf_free(&sb);
			return raise(it, call->offset, "TypeError", "sequence "
			    "item %u: expected str instance, %s found", i,
			    type_name(it, item));
		}
		if (i > 0)
			strbuf_append(&sb, str_of(it, sep)->data,
			    str_of(it, sep)->len);
		strbuf_append(&sb, str_of(it, item)->data,
		    str_of(it, item)->len);
		if (sb.len > 4 * (size_t)LIMIT_MAX_STRING) {
			strbuf_free(&sb);
			return str_too_long(it, call->offset);
		}
	}
	if (utf8_count(strbuf_str(&sb), sb.len) > LIMIT_MAX_STRING) {
		strbuf_free(&sb);
		return str_too_long(it, call->offset);
	}
	if (n == 1)
		push_ref(it, obj(it, seq)->as.seq->items[0], REASON_RESULT,
		    ATOM_NONE);
	else
		push_fresh_str(it, strbuf_str(&sb), sb.len);
	strbuf_free(&sb);
	/* the sequence, then the argument */
	drop_at(it, TOP(it) - 1, REASON_OPERAND_DONE);
	return call_done(it, base, 1);
}


/* The methods of issue 16 that need an object kind the model has not yet
 * (dict views) or formatting. */
static bool
method_not_yet(struct interp *it, const struct expr *call, objid_t self,
    uint32_t base)
{
	(void)base;
	return raise(it, call->offset, NULL, "%s.%s() is not supported yet",
	    type_name(it, self), called_name(call));
}

/* ---- iterators and range (listobject.c's listiter, rangeobject.c) ---- */

/* Puts the reference on top into iterator or range id's next held slot. */
static void
hold_top(struct interp *it, objid_t id)
{
	emit_move(it, EV_SLOT_INSERT, SITE_HELD, stack_at(it, TOP(it)), id,
	    obj(it, id)->as.iter->count, OBJ_NULL, TOP(it), REASON_NEW,
	    ATOM_NONE);
}

/* iter(x) on top (PyObject_GetIter); x stays where it is. */
static bool
push_iter(struct interp *it, uint32_t offset, objid_t x)
{
	const struct object	*o = obj(it, x);
	enum iter_kind		 kind;
	objid_t			 id;

	switch (o->type) {
	case OBJ_LIST:
		kind = ITER_LIST;
		break;
	case OBJ_TUPLE:
		kind = ITER_TUPLE;
		break;
	case OBJ_STR:
		kind = is_ascii(o->as.s) ? ITER_STR_ASCII : ITER_STR;
		break;
	case OBJ_RANGE:
	case OBJ_ITER:
		if (o->as.iter->kind != ITER_RANGE) {
			push_ref(it, x, REASON_RESULT, ATOM_NONE);
			return ok(it);
		}
		/* range_iter: C longs, no hold on the range */
		id = heap_reserve_iter(H(it), ITER_RANGE_ITER,
		    o->as.iter->start, o->as.iter->stop, o->as.iter->step);
		objects_alloc(&it->m, id, REASON_NEW, ATOM_NONE);
		return ok(it);
	case OBJ_DICT:
	case OBJ_SET:
		return raise(it, offset, NULL, "iterating over a %s (its "
		    "%s) is not supported yet", type_name(it, x),
		    o->type == OBJ_DICT ? "dict_keyiterator" : "set_iterator");
	default:
		return raise(it, offset, "TypeError", "'%s' object is not "
		    "iterable", type_name(it, x));
	}
	id = heap_reserve_iter(H(it), kind, 0, 0, 1);
	objects_alloc(&it->m, id, REASON_NEW, ATOM_NONE);
	push_ref(it, x, REASON_LOAD, ATOM_NONE);
	hold_top(it, id);
	return ok(it);
}

/*
 * next(iterator): its next item on top and true, or false with *done set
 * when it is exhausted (an iterator over a sequence then lets the
 * sequence go, as listiter_next sets it_seq to NULL), or false on an
 * error.  iterator is an OBJ_ITER or a range_iterator.
 */
static bool
iter_step(struct interp *it, objid_t iterator, bool *done)
{
	struct pyiter	*i = H(it)->objects[iterator].as.iter;
	objid_t		 seq = i->count > 0 ? i->held[0] : OBJ_NULL;

	*done = false;
	switch ((enum iter_kind)i->kind) {
	case ITER_RANGE_ITER:
		if (i->pos >= i->len)
			break;
		objects_push_int(&it->m, i->start + i->pos++ * i->step,
		    REASON_RESULT);
		return ok(it);
	case ITER_LIST:
	case ITER_TUPLE:
		if (seq == OBJ_NULL)
			break;
		if (i->pos < obj(it, seq)->as.seq->len) {
			push_ref(it, obj(it, seq)->as.seq->items[i->pos++],
			    REASON_LOAD, ATOM_NONE);
			return ok(it);
		}
		goto exhausted;
	case ITER_STR_ASCII:
	case ITER_STR: {
		const struct pystr *str;
		size_t k = 1;

		if (seq == OBJ_NULL)
			break;
		str = obj(it, seq)->as.s;
		if ((size_t)i->pos >= str->len)
			goto exhausted;
		while ((size_t)i->pos + k < str->len &&
		    ((unsigned char)str->data[i->pos + k] & 0xc0) == 0x80)
			k++;
		objects_push_str(&it->m, str->data + i->pos, k, false,
		    REASON_RESULT);
		i->pos += (int64_t)k;
		return ok(it);
	}
	case ITER_RANGE:
		break;
	}
	*done = ok(it);
	return false;
exhausted:
	emit_move(it, EV_SLOT_REMOVE, SITE_HELD, seq, iterator, 0, OBJ_NULL,
	    0, REASON_METHOD, ATOM_NONE);
	drop_top(it, REASON_METHOD, ATOM_NONE);
	*done = ok(it);
	return false;
}

/* Whether id is an iterator that next() takes. */
static bool
is_iterator(const struct interp *it, objid_t id)
{
	const struct object *o = obj(it, id);

	return o->type == OBJ_ITER || (o->type == OBJ_RANGE &&
	    o->as.iter->kind == ITER_RANGE_ITER);
}

/*
 * for_each_item over a range (the values its range_iterator would make:
 * that iterator holds nothing and dies unseen within the line) or over
 * an iterator, which it exhausts.
 */
static bool
for_each_next(struct interp *it, uint32_t offset, objid_t iterable,
    item_fn fn, void *ctx)
{
	const struct pyiter	*r = obj(it, iterable)->as.iter;
	bool			 done = false;

	if (r->kind == ITER_RANGE) {
		for (int64_t i = 0; i < r->len && ok(it); i++) {
			objects_push_int(&it->m, r->start + i * r->step,
			    REASON_RESULT);
			if (!fn(it, offset, ctx))
				return false;
		}
		return ok(it);
	}
	while (iter_step(it, iterable, &done))
		if (!fn(it, offset, ctx))
			return false;
	return done;
}

static bool
builtin_iter(struct interp *it, const struct expr *call, objid_t self,
    uint32_t base)
{
	(void)self;
	if (count_args(call) == 2)
		return raise(it, call->offset, NULL, "iter(callable, "
		    "sentinel) is not supported yet");
	if (!push_iter(it, call->as.call.args[0]->offset,
	    stack_at(it, base)))
		return false;
	drop_arguments(it, base, 1);
	return ok(it);
}

static bool
builtin_next(struct interp *it, const struct expr *call, objid_t self,
    uint32_t base)
{
	uint32_t	n = count_args(call);
	objid_t		x = stack_at(it, base);
	bool		done;

	(void)self;
	if (!is_iterator(it, x))
		return raise(it, call->offset, "TypeError", "'%s' object is "
		    "not an iterator", type_name(it, x));
	if (!iter_step(it, x, &done)) {
		if (!done)
			return false;
		if (n == 1)
			return raise(it, call->offset, "StopIteration", "%s",
			    "");
		/* next(it, default): the default is the result */
		push_ref(it, stack_at(it, base + 1), REASON_RESULT,
		    ATOM_NONE);
	}
	drop_arguments(it, base, n);
	return ok(it);
}

/* The value of range()'s argument at pos, an int (PyNumber_Index). */
static bool
range_arg(struct interp *it, const struct expr *call, uint32_t base,
    uint32_t k, int64_t *v)
{
	objid_t x = stack_at(it, base + k);

	if (!is_intlike(it, x))
		return raise(it, call->as.call.args[k]->offset, "TypeError",
		    "'%s' object cannot be interpreted as an integer",
		    type_name(it, x));
	*v = obj(it, x)->as.i;
	return true;
}

/* range(stop), range(start, stop[, step]): it holds start, stop, step
 * and its length as int objects (range_from_array; compute_range_length
 * makes the length a new int, shared only when it is a small one). */
static bool
builtin_range(struct interp *it, const struct expr *call, objid_t self,
    uint32_t base)
{
	uint32_t	n = count_args(call);
	int64_t		v[3] = { 0, 0, 1 };
	objid_t		id;

	(void)self;
	for (uint32_t k = 0; k < n; k++) {
		if (!range_arg(it, call, base, k, &v[n == 1 ? 1 : k]))
			return false;
	}
	if (v[2] == 0)
		return raise(it, call->offset, "ValueError", "range() arg 3 "
		    "must not be zero");
	id = heap_reserve_iter(H(it), ITER_RANGE, v[0], v[1], v[2]);
	objects_alloc(&it->m, id, REASON_NEW, ATOM_NONE);
	for (uint32_t k = 0; k < 3 && ok(it); k++) {
		/* range(stop): start 0 and step 1 are the small ints */
		if (n == 1 && k != 1)
			objects_push_int(&it->m, k == 0 ? 0 : 1, REASON_LOAD);
		else if (n == 2 && k == 2)
			objects_push_int(&it->m, 1, REASON_LOAD);
		else
			push_ref(it, stack_at(it, base + (n == 1 ? 0 : k)),
			    REASON_LOAD, ATOM_NONE);
		hold_top(it, id);
	}
	objects_push_int(&it->m, obj(it, id)->as.iter->len, REASON_RESULT);
	hold_top(it, id);
	drop_arguments(it, base, n);
	return ok(it);
}

/* The tables, with CPython 3.11's calling convention of each. */
static const struct callable builtin_table[] = {
	{ "print", CONV_ANY, 0, 0, builtin_print },
	{ "len", CONV_O, 1, 1, builtin_len },
	{ "id", CONV_O, 1, 1, builtin_id },
	{ "abs", CONV_O, 1, 1, builtin_abs },
	{ "bool", CONV_FAST, 0, 1, builtin_bool },
	{ "int", CONV_ARGS, 0, 2, builtin_int },
	{ "float", CONV_FAST, 0, 1, builtin_float },
	{ "str", CONV_ARGS, 0, 3, builtin_str_repr },
	{ "repr", CONV_O, 1, 1, builtin_str_repr },
	{ "list", CONV_FAST, 0, 1, builtin_list },
	{ "tuple", CONV_FAST, 0, 1, builtin_tuple },
	{ "set", CONV_FAST, 0, 1, builtin_set },
	{ "dict", CONV_FAST, 0, 1, builtin_dict },
	{ "sorted", CONV_FAST, 1, 1, builtin_sorted },
	{ "min", CONV_FAST, 1, UINT8_MAX, builtin_min_max },
	{ "max", CONV_FAST, 1, UINT8_MAX, builtin_min_max },
	{ "sum", CONV_CLINIC, 1, 2, builtin_sum },
	{ "isinstance", CONV_FAST, 2, 2, builtin_isinstance },
	{ "type", CONV_ANY, 0, 0, builtin_not_yet },
	{ "range", CONV_FAST, 1, 3, builtin_range },
	{ "reversed", CONV_ANY, 0, 0, builtin_not_yet },
	{ "enumerate", CONV_ANY, 0, 0, builtin_not_yet },
	{ "zip", CONV_ANY, 0, 0, builtin_not_yet },
	{ "iter", CONV_FAST, 1, 2, builtin_iter },
	{ "next", CONV_FAST, 1, 2, builtin_next },
};
static const struct callable sys_table[] = {
	{ "getrefcount", CONV_O, 1, 1, sys_getrefcount },
	/* makes an existing str the interned one: a change of an
	 * object's state that no event records yet */
	{ "intern", CONV_O, 1, 1, builtin_not_yet },
};
/* in the order "not part of the subset" lists them */
static const struct callable gc_table[] = {
	{ "collect", CONV_ARGS, 0, 1, gc_collect_fn },
	{ "disable", CONV_NOARGS, 0, 0, gc_enable_fn },
	{ "enable", CONV_NOARGS, 0, 0, gc_enable_fn },
	{ "isenabled", CONV_NOARGS, 0, 0, gc_isenabled_fn },
	{ "set_threshold", CONV_ARGS, 1, 3, gc_set_threshold_fn },
	{ "get_threshold", CONV_NOARGS, 0, 0, gc_get_fn },
	{ "get_count", CONV_NOARGS, 0, 0, gc_get_fn },
};
static const struct callable list_table[] = {
	{ "append", CONV_O, 1, 1, list_append },
	{ "insert", CONV_FAST, 2, 2, list_insert },
	{ "pop", CONV_FAST, 0, 1, list_pop },
	{ "remove", CONV_O, 1, 1, list_remove },
	{ "clear", CONV_NOARGS, 0, 0, list_clear_fn },
	{ "extend", CONV_O, 1, 1, list_extend_fn },
	{ "copy", CONV_NOARGS, 0, 0, list_copy },
	{ "sort", CONV_ANY, 0, 0, list_sort_fn },
	{ "reverse", CONV_NOARGS, 0, 0, list_reverse },
	{ "index", CONV_FAST, 1, 3, list_index },
	{ "count", CONV_O, 1, 1, list_count },
};
static const struct callable dict_table[] = {
	{ "pop", CONV_FAST, 1, 2, dict_pop },
	{ "clear", CONV_NOARGS, 0, 0, dict_clear },
	{ "get", CONV_FAST, 1, 2, dict_get },
	{ "setdefault", CONV_FAST, 1, 2, dict_setdefault },
	{ "update", CONV_FAST, 0, 1, dict_update },
	{ "copy", CONV_NOARGS, 0, 0, dict_copy },
	{ "popitem", CONV_NOARGS, 0, 0, dict_popitem },
	{ "keys", CONV_ANY, 0, 0, method_not_yet },
	{ "values", CONV_ANY, 0, 0, method_not_yet },
	{ "items", CONV_ANY, 0, 0, method_not_yet },
};
static const struct callable set_table[] = {
	{ "add", CONV_O, 1, 1, set_add },
	{ "discard", CONV_O, 1, 1, set_discard },
	{ "remove", CONV_O, 1, 1, set_remove },
	{ "union", CONV_ANY, 0, 0, set_union },
	{ "intersection", CONV_ANY, 0, 0, set_intersection },
	{ "update", CONV_ANY, 0, 0, set_update },
	{ "copy", CONV_NOARGS, 0, 0, set_copy },
};
static const struct callable str_table[] = {
	{ "join", CONV_O, 1, 1, str_join },
	{ "split", CONV_ARGS, 0, 2, str_split },
	{ "upper", CONV_NOARGS, 0, 0, str_case },
	{ "lower", CONV_NOARGS, 0, 0, str_case },
	{ "replace", CONV_FAST, 2, 3, str_replace },
	{ "strip", CONV_FAST, 0, 1, str_strip },
	{ "startswith", CONV_ARGS, 1, 3, str_starts_ends },
	{ "endswith", CONV_ARGS, 1, 3, str_starts_ends },
	{ "format", CONV_ANY, 0, 0, method_not_yet },
};

#define TABLE(owner, prefix, t) \
	[owner] = { prefix, t, sizeof t / sizeof t[0] }
static const struct callable_table {
	const char		*prefix;	/* "list" of "list.append()" */
	const struct callable	*entries;
	uint32_t		 count;
} callable_tables[OWNER_COUNT] = {
	TABLE(OWNER_BUILTIN, NULL, builtin_table),
	TABLE(OWNER_SYS, "sys", sys_table),
	TABLE(OWNER_GC, "gc", gc_table),
	TABLE(OWNER_LIST, "list", list_table),
	TABLE(OWNER_DICT, "dict", dict_table),
	TABLE(OWNER_SET, "set", set_table),
	TABLE(OWNER_STR, "str", str_table),
};
#undef TABLE

/* Interns the tables' names, so that a call looks its name up by atom. */
static void
callables_intern(struct interp *it)
{
	for (int o = 0; o < OWNER_COUNT; o++) {
		const struct callable_table *t = &callable_tables[o];

		assert(t->count <= CALLABLE_MAX);
		for (uint32_t i = 0; i < t->count; i++)
			it->callable_atoms[o][i] = atom_from(t->entries[i].name);
	}
}

/* The entry of owner's table called name, or NULL. */
static const struct callable *
callable_find(const struct interp *it, enum callable_owner owner, atom_t name)
{
	for (uint32_t i = 0; i < callable_tables[owner].count; i++)
		if (it->callable_atoms[owner][i] == name)
			return &callable_tables[owner].entries[i];
	return NULL;
}

/* Checks the argument count of c, then calls it. */
static bool
callable_run(struct interp *it, const struct expr *call,
    enum callable_owner owner, const struct callable *c, objid_t self,
    uint32_t base)
{
	if (!check_arity(it, call, callable_tables[owner].prefix, c))
		return false;
	return c->fn(it, call, self, base);
}

/* sys.name(...) or gc.name(...), the arguments evaluated at base. */
static bool
call_module_function(struct interp *it, const struct expr *call,
    atom_t module, atom_t name, uint32_t base)
{
	enum callable_owner	 owner = module == it->a_sys ? OWNER_SYS :
	    OWNER_GC;
	const struct callable	*c = callable_find(it, owner, name);
	struct strbuf		 names = STRBUF_INIT;

	if (c != NULL)
		return callable_run(it, call, owner, c, OBJ_NULL, base);
	for (uint32_t i = 0; i < callable_tables[owner].count; i++)
		strbuf_printf(&names, "%s%s", i > 0 ? ", " : "",
		    callable_tables[owner].entries[i].name);
	if (owner == OWNER_SYS)
		raise(it, call->offset, NULL, "sys.%s is not part of the "
		    "subset (%s are)", atom_name(name), strbuf_str(&names));
	else
		raise(it, call->offset, NULL, "gc.%s is not part of the subset "
		    "(%s are)", atom_name(name), strbuf_str(&names));
	strbuf_free(&names);
	return false;
}

/* receiver.name(args): the receiver is at base - 1, the args from base. */
static bool
call_method(struct interp *it, const struct expr *call, atom_t name_atom,
    uint32_t base)
{
	objid_t			 self = stack_at(it, base - 1);
	enum obj_type		 type = obj(it, self)->type;
	const char		*name = atom_name(name_atom);
	const struct callable	*c = NULL;
	enum callable_owner	 owner = OWNER_COUNT;

	if (type == OBJ_LIST)
		owner = OWNER_LIST;
	else if (type == OBJ_DICT)
		owner = OWNER_DICT;
	else if (type == OBJ_SET)
		owner = OWNER_SET;
	else if (type == OBJ_STR)
		owner = OWNER_STR;
	if (owner != OWNER_COUNT)
		c = callable_find(it, owner, name_atom);
	if (c == NULL) {
		if (python_has_method(type, name))
			return raise(it, call->as.call.callee->as.attr.name_offset,
			    NULL, "%s.%s() is not part of the subset",
			    type_name(it, self), name);
		return attribute_error(it,
		    call->as.call.callee->as.attr.name_offset, self, name_atom);
	}
	if (!callable_run(it, call, owner, c, self, base))
		return false;
	/* the method's self is dropped after the call */
	drop_at(it, base - 1, REASON_OPERAND_DONE);
	return ok(it);
}

static bool run_function(struct interp *it, const struct expr *call,
    uint32_t base, uint32_t argc);

/* A call of a value: a scenario function or class at base, args above. */
static bool
call_value(struct interp *it, const struct expr *call, uint32_t base)
{
	objid_t		callee = stack_at(it, base);
	uint32_t	argc = count_args(call);
	objid_t		inst;

	switch (obj(it, callee)->type) {
	case OBJ_FUNCTION:
		return run_function(it, call, base, argc);
	case OBJ_CLASS:
		if (argc != 0)
			return raise(it, call->offset, "TypeError", "%s() takes "
			    "no arguments", atom_name(obj(it,
			    callee)->as.cls->name));
		inst = heap_reserve_instance(H(it), callee);
		objects_alloc(&it->m, inst, REASON_NEW, ATOM_NONE);
		drop_at(it, base, REASON_OPERAND_DONE);
		return ok(it);
	default:
		return raise(it, call->offset, "TypeError", "'%s' object is not "
		    "callable", type_name(it, callee));
	}
}

static bool
is_unbound_global(const struct interp *it, atom_t name)
{
	uint32_t	index;
	objid_t		value;

	if (is_local(it, name, &index))
		return false;
	return !heap_lookup_name(H(it), 0, name, &index, &value);
}

/* print(x, end=''), d.get(k, default=...): the builtins and methods take
 * their arguments by position only, for now. */
static bool
keywords_unsupported(struct interp *it, const struct expr *call)
{
	const struct expr *c = call->as.call.callee;

	return raise(it, call->offset, NULL, "keyword arguments to %s() are "
	    "not supported yet", c->kind == EXPR_NAME ? atom_name(c->as.name) :
	    atom_name(c->as.attr.name));
}

static bool
eval_call(struct interp *it, const struct expr *e)
{
	const struct expr	*callee = e->as.call.callee;
	const struct callable	*builtin;
	uint32_t		 base;

	/* print(...), len(...), id(...) */
	if (callee->kind == EXPR_NAME && is_unbound_global(it, callee->as.name) &&
	    (builtin = callable_find(it, OWNER_BUILTIN,
	    callee->as.name)) != NULL) {
		if (e->as.call.keywords != NULL)
			return keywords_unsupported(it, e);
		base = H(it)->stack_len;
		/* isinstance(x, int): the type is a name, not a value */
		if (builtin->fn == builtin_isinstance && e->as.call.count == 2 &&
		    builtin_type_spec(it, e->as.call.args[1]) != 0) {
			if (!eval(it, e->as.call.args[0]))
				return false;
		} else if (!eval_items(it, e->as.call.args, e->as.call.count))
			return false;
		return callable_run(it, e, OWNER_BUILTIN, builtin, OBJ_NULL,
		    base);
	}
	if (callee->kind == EXPR_ATTR) {
		const struct expr *object = callee->as.attr.object;

		/* sys.getrefcount(...), gc.collect(...) */
		if (object->kind == EXPR_NAME &&
		    (object->as.name == it->a_sys ||
		    object->as.name == it->a_gc) &&
		    is_unbound_global(it, object->as.name)) {
			if (e->as.call.keywords != NULL)
				return keywords_unsupported(it, e);
			base = H(it)->stack_len;
			if (!eval_items(it, e->as.call.args, e->as.call.count))
				return false;
			return call_module_function(it, e, object->as.name,
			    callee->as.attr.name, base);
		}
		/* receiver.method(...): LOAD_METHOD keeps the receiver */
		if (!eval(it, object))
			return false;
		if (obj(it, stack_at(it, TOP(it)))->type != OBJ_INSTANCE) {
			if (e->as.call.keywords != NULL)
				return keywords_unsupported(it, e);
			base = H(it)->stack_len;
			if (!eval_items(it, e->as.call.args, e->as.call.count))
				return false;
			return call_method(it, e, callee->as.attr.name, base);
		}
		/* an instance's attribute holding a function or class */
		{
			objid_t o = stack_at(it, TOP(it));
			int64_t i = heap_attr_index(H(it), o,
			    callee->as.attr.name);

			if (i < 0)
				return attribute_error(it,
				    callee->as.attr.name_offset, o,
				    callee->as.attr.name);
			push_ref(it, obj(it, o)->as.inst->attrs[i].value,
			    REASON_LOAD, callee->as.attr.name);
			drop_at(it, TOP(it) - 1, REASON_OPERAND_DONE);
		}
	} else if (!eval(it, callee))
		return false;
	base = TOP(it);
	if (!eval_items(it, e->as.call.args, e->as.call.count))
		return false;
	return call_value(it, e, base);
}

/* ---- expressions ---- */

/* ---- slices ----
 *
 * a[i:j:k] builds a slice object (BUILD_SLICE) that BINARY_SUBSCR,
 * STORE_SUBSCR or DELETE_SUBSCR drops at once.  It is no object of the
 * model: 3.11 takes it from a one-slot cache and gives it back when it
 * dies, so no id, no count and no collector count can see it
 * (gc.get_count() is the same before and after b = a[1:3]).  Its three
 * bounds stay on the stack in its place, and go as slice_dealloc drops
 * them: step, start, stop.
 */

static bool
slice_index(struct interp *it, uint32_t offset, objid_t o, bool *has,
    int64_t *value)
{
	if (obj(it, o)->type == OBJ_NONE)
		return true;
	if (!is_intlike(it, o))
		return raise(it, offset, "TypeError", "slice indices must be "
		    "integers or None or have an __index__ method");
	*has = true;
	*value = obj(it, o)->as.i;
	return true;
}

/* The items the slice whose bounds are at `at` takes from len items,
 * read as PySlice_Unpack reads them: the step first. */
static bool
slice_items(struct interp *it, uint32_t offset, uint32_t at, int64_t len,
    struct pyslice *out)
{
	struct pyslice_bounds b = { 0 };

	if (!slice_index(it, offset, stack_at(it, at + 2), &b.has_step,
	    &b.step))
		return false;
	if (b.has_step && b.step == 0)
		return raise(it, offset, "ValueError", "slice step cannot be "
		    "zero");
	if (!slice_index(it, offset, stack_at(it, at), &b.has_start,
	    &b.start) ||
	    !slice_index(it, offset, stack_at(it, at + 1), &b.has_stop,
	    &b.stop))
		return false;
	return pyslice_adjust(&b, len, out);
}

/* The slice object at `at` dies: slice_dealloc drops step, start, stop. */
static void
slice_release(struct interp *it, uint32_t at)
{
	drop_at(it, at + 2, REASON_OPERAND_DONE);
	drop_operands(it, at, 2, REASON_OPERAND_DONE);
}

/* A str's slice: s itself when it is all of s (step 1), a substring
 * (shared when empty or one Latin-1 character) for step 1, else always a
 * new str, even of one character (unicode_subscript's general case). */
static void
str_slice(struct interp *it, objid_t s, const struct pyslice *sl)
{
	const struct pystr	*p = str_of(it, s);
	size_t			*at = xcalloc(p->chars + 1, sizeof *at);
	struct strbuf		 sb = STRBUF_INIT;
	size_t			 k = 0;

	/* at[c]: where character c starts */
	for (size_t b = 0; b < p->len; b++)
		if (((unsigned char)p->data[b] & 0xc0) != 0x80)
			at[k++] = b;
	at[k] = p->len;
	if (sl->count == 0)
		objects_push_str(&it->m, "", 0, false, REASON_RESULT);
	else if (sl->step == 1)
		push_substring(it, s, at[sl->start], at[sl->start + sl->count]);
	else {
		for (int64_t i = 0, c = sl->start; i < sl->count;
		    i++, c += sl->step)
			strbuf_append(&sb, p->data + at[c], at[c + 1] - at[c]);
		push_fresh_str(it, strbuf_str(&sb), sb.len);
	}
	strbuf_free(&sb);
	xfree(at);
}

/* container[i:j:k]: the container at base, the bounds above it. */
static bool
slice_load(struct interp *it, uint32_t offset, uint32_t base)
{
	objid_t		c = stack_at(it, base);
	enum obj_type	type = obj(it, c)->type;
	struct pyslice	sl;

	if (type == OBJ_DICT)
		return raise(it, offset, "TypeError", "unhashable type: "
		    "'slice'");
	if (type != OBJ_LIST && type != OBJ_TUPLE && type != OBJ_STR)
		return raise(it, offset, "TypeError", "'%s' object is not "
		    "subscriptable", type_name(it, c));
	if (!slice_items(it, offset, base + 1, heap_len(H(it), c), &sl))
		return false;
	if (type == OBJ_STR)
		str_slice(it, c, &sl);
	else if (type == OBJ_TUPLE && sl.count == 0)
		objects_push_empty_tuple(&it->m);
	else if (type == OBJ_TUPLE && sl.start == 0 && sl.step == 1 &&
	    sl.count == heap_len(H(it), c))
		push_ref(it, c, REASON_RESULT, ATOM_NONE);
	else {
		/* list_slice and tuplesubscript: a new one, even empty */
		for (int64_t i = 0, k = sl.start; i < sl.count && ok(it);
		    i++, k += sl.step)
			push_ref(it, obj(it, c)->as.seq->items[k],
			    REASON_RESULT, ATOM_NONE);
		objects_build_sequence(&it->m, type, (uint32_t)sl.count,
		    REASON_RESULT);
	}
	if (!ok(it))
		return false;
	/* BINARY_SUBSCR drops the container, then the slice */
	drop_at(it, base, REASON_OPERAND_DONE);
	slice_release(it, base);
	return ok(it);
}

/*
 * The items a slice assignment puts in, as a new reference on top:
 * PySequence_Fast gives a list or a tuple itself, a list of any other
 * iterable's items; the list itself is copied first (a[:] = a).
 */
static bool
push_sequence_fast(struct interp *it, uint32_t offset, objid_t l, objid_t v,
    const char *message)
{
	switch (obj(it, v)->type) {
	case OBJ_LIST:
	case OBJ_TUPLE:
		if (v != l) {
			push_ref(it, v, REASON_LOAD, ATOM_NONE);
			return ok(it);
		}
		push_items(it, v, 1);
		objects_build_sequence(&it->m, OBJ_LIST,
		    (uint32_t)heap_len(H(it), v), REASON_RESULT);
		return ok(it);
	case OBJ_NONE:
	case OBJ_BOOL:
	case OBJ_INT:
	case OBJ_FLOAT:
	case OBJ_FUNCTION:
	case OBJ_CLASS:
	case OBJ_INSTANCE:
		return raise(it, offset, "TypeError", "%s", message);
	default:
		return push_list_of(it, offset, v);
	}
}

/*
 * l[ilow:ihigh] = v, or del l[ilow:ihigh] (v OBJ_NULL), as list_ass_slice:
 * the removed items are set aside, the new ones put in, then the removed
 * ones dropped last to first; a list left empty is cleared (_list_clear).
 */
static bool
list_assign_slice(struct interp *it, uint32_t offset, objid_t l,
    int64_t ilow, int64_t ihigh, objid_t v)
{
	int64_t		len = heap_len(H(it), l), n = 0, norig;
	uint32_t	recycle;
	objid_t		seq = OBJ_NULL;

	if (v != OBJ_NULL) {
		if (!push_sequence_fast(it, offset, l, v, "can only assign an "
		    "iterable"))
			return false;
		seq = stack_at(it, TOP(it));
		n = heap_len(H(it), seq);
	}
	if (ihigh < ilow)
		ihigh = ilow;
	norig = ihigh - ilow;
	if (len + n - norig == 0) {
		if (seq != OBJ_NULL)
			drop_top(it, REASON_OPERAND_DONE, ATOM_NONE);
		list_clear(it, l);
		return ok(it);
	}
	if ((uint64_t)(len + n - norig) > INTERP_MAX_ITEMS)
		return too_many_items(it, offset);
	recycle = H(it)->stack_len;
	for (int64_t k = 0; k < norig && ok(it); k++)
		emit_move(it, EV_SLOT_REMOVE, SITE_ITEM,
		    obj(it, l)->as.seq->items[ilow], l, (uint32_t)ilow,
		    OBJ_NULL, 0, v != OBJ_NULL ? REASON_REBIND : REASON_DELETE,
		    ATOM_NONE);
	for (int64_t k = 0; k < n && ok(it); k++) {
		push_ref(it, obj(it, seq)->as.seq->items[k], REASON_STORE,
		    ATOM_NONE);
		emit_move(it, EV_SLOT_INSERT, SITE_ITEM, stack_at(it, TOP(it)),
		    l, (uint32_t)(ilow + k), OBJ_NULL, TOP(it), REASON_STORE,
		    ATOM_NONE);
	}
	while (H(it)->stack_len > recycle && ok(it))
		drop_top(it, v != OBJ_NULL ? REASON_REBIND : REASON_DELETE,
		    ATOM_NONE);
	if (seq != OBJ_NULL && ok(it))
		drop_top(it, REASON_OPERAND_DONE, ATOM_NONE);
	return ok(it);
}

/*
 * l[i:j:k] = v with k != 1, as list_ass_subscript: v must have as many
 * items as the slice takes; each slot gets its new item, then the old
 * ones are dropped first to last.
 */
static bool
list_assign_extended(struct interp *it, uint32_t offset, objid_t l,
    const struct pyslice *sl, objid_t v)
{
	uint32_t	garbage;
	objid_t		seq;

	if (!push_sequence_fast(it, offset, l, v, "must assign iterable to "
	    "extended slice"))
		return false;
	seq = stack_at(it, TOP(it));
	if (heap_len(H(it), seq) != sl->count)
		return raise(it, offset, "ValueError", "attempt to assign "
		    "sequence of size %" PRId64 " to extended slice of size %"
		    PRId64, heap_len(H(it), seq), sl->count);
	garbage = H(it)->stack_len;
	for (int64_t i = 0, k = sl->start; i < sl->count && ok(it);
	    i++, k += sl->step) {
		push_ref(it, obj(it, seq)->as.seq->items[i], REASON_STORE,
		    ATOM_NONE);
		emit_move(it, EV_SLOT_SET, SITE_ITEM, stack_at(it, TOP(it)), l,
		    (uint32_t)k, obj(it, l)->as.seq->items[k], TOP(it),
		    REASON_STORE, ATOM_NONE);
	}
	while (H(it)->stack_len > garbage && ok(it))
		drop_at(it, garbage, REASON_REBIND);
	if (ok(it))
		drop_top(it, REASON_OPERAND_DONE, ATOM_NONE);
	return ok(it);
}

/* del l[i:j:k] with k != 1: the items go lowest first, and are dropped in
 * that order. */
static bool
list_delete_extended(struct interp *it, const struct pyslice *sl, objid_t l)
{
	int64_t		start = sl->start, step = sl->step;
	uint32_t	garbage = H(it)->stack_len;

	if (step < 0) {
		start = sl->start + step * (sl->count - 1);
		step = -step;
	}
	for (int64_t i = 0; i < sl->count && ok(it); i++) {
		uint32_t k = (uint32_t)(start + i * step - i);

		emit_move(it, EV_SLOT_REMOVE, SITE_ITEM,
		    obj(it, l)->as.seq->items[k], l, k, OBJ_NULL, 0,
		    REASON_DELETE, ATOM_NONE);
	}
	while (H(it)->stack_len > garbage && ok(it))
		drop_at(it, garbage, REASON_DELETE);
	return ok(it);
}

/*
 * container[i:j:k] = value (value OBJ_NULL: del container[i:j:k]); the
 * value (when there is one), the container and the bounds on the stack
 * from base.
 */
static bool
slice_assign(struct interp *it, uint32_t offset, uint32_t base, bool del)
{
	objid_t		value = del ? OBJ_NULL : stack_at(it, base);
	uint32_t	at = del ? base : base + 1;
	objid_t		l = stack_at(it, at);
	enum obj_type	type = obj(it, l)->type;
	struct pyslice	sl;
	bool		done;

	if (type == OBJ_DICT)
		return raise(it, offset, "TypeError", "unhashable type: "
		    "'slice'");
	if (type != OBJ_LIST)
		return raise(it, offset, "TypeError", "'%s' object does not "
		    "support item %s", type_name(it, l), del ? "deletion" :
		    "assignment");
	if (!slice_items(it, offset, at + 1, heap_len(H(it), l), &sl))
		return false;
	if (sl.step == 1)
		done = list_assign_slice(it, offset, l, sl.start, sl.stop,
		    value);
	else if (del)
		done = list_delete_extended(it, &sl, l);
	else
		done = list_assign_extended(it, offset, l, &sl, value);
	if (!done)
		return false;
	/* STORE_SUBSCR drops the value, the container, then the slice;
	 * DELETE_SUBSCR the container, then the slice */
	drop_operands(it, base, del ? 1 : 2, REASON_OPERAND_DONE);
	slice_release(it, base);
	return ok(it);
}

/* ---- f-strings ---- */

/*
 * format(v, spec) of the object at `at` (PyObject_Format), pushed: an
 * empty spec is str(v); a str that the spec leaves as it is, v itself;
 * any other result is written as unicode_result_ready leaves it (the empty
 * str and a one-character Latin-1 str are the shared ones).
 */
static bool
format_object(struct interp *it, uint32_t offset, objid_t v,
    const char *spec, size_t len)
{
	const struct object	*o = obj(it, v);
	struct pyformat_spec	 fs;
	struct strbuf		 sb = STRBUF_INIT;
	enum pyformat_status	 status;
	char			 message[200];

	if (len == 0)
		return push_str_of(it, offset, v, true);
	switch (o->type) {
	case OBJ_STR:
	case OBJ_INT:
	case OBJ_BOOL:
	case OBJ_FLOAT:
		break;
	default:
		return raise(it, offset, "TypeError", "unsupported format "
		    "string passed to %s.__format__", type_name(it, v));
	}
	status = pyformat_parse(spec, len, o->type == OBJ_BOOL ? "int" :
	    type_name(it, v), &fs, message, sizeof message);
	if (status == PYFORMAT_OK) {
		if (o->type == OBJ_STR)
			status = pyformat_str(&fs, o->as.s->data, o->as.s->len,
			    &sb, message, sizeof message);
		else if (o->type == OBJ_FLOAT)
			status = pyformat_float(&fs, o->as.f, &sb, message,
			    sizeof message);
		else
			status = pyformat_int(&fs, o->as.i, &sb, message,
			    sizeof message);
	}
	if (status == PYFORMAT_OK && o->type == OBJ_STR &&
	    pyformat_str_unchanged(&fs, o->as.s->chars))
		push_ref(it, v, REASON_RESULT, ATOM_NONE);
	else if (status == PYFORMAT_OK && utf8_count(strbuf_str(&sb), sb.len) >
	    LIMIT_MAX_STRING)
		str_too_long(it, offset);
	else if (status == PYFORMAT_OK)
		objects_push_str(&it->m, strbuf_str(&sb), sb.len, false,
		    REASON_RESULT);
	else
		raise(it, offset, status == PYFORMAT_VALUE_ERROR ?
		    "ValueError" : NULL, "%s", message);
	strbuf_free(&sb);
	return ok(it);
}

/*
 * FORMAT_VALUE: the field's value (converted by !s or !r, the value then
 * dropped), formatted by its spec; a str without a spec is its own
 * result.  Then the value and the spec are dropped.
 */
static bool
eval_format_value(struct interp *it, const struct expr *f)
{
	uint32_t	at = H(it)->stack_len, value;
	bool		has_spec = f->as.seq.count == 2;
	const struct expr *spec = has_spec ? f->as.seq.items[1] : NULL;

	if (!eval(it, f->as.seq.items[0]) || (has_spec && !eval(it, spec)))
		return false;
	value = at;
	if (f->as.seq.ops[0] != 0) {
		if (!push_str_of(it, f->offset, stack_at(it, at),
		    f->as.seq.ops[0] == 's'))
			return false;
		drop_at(it, at, REASON_OPERAND_DONE);
		value = TOP(it);
	}
	if (!has_spec && obj(it, stack_at(it, value))->type == OBJ_STR)
		return ok(it);
	if (!format_object(it, f->offset, stack_at(it, value),
	    has_spec ? spec->as.str.bytes : "", has_spec ? spec->as.str.len :
	    0))
		return false;
	drop_at(it, value, REASON_OPERAND_DONE);
	if (has_spec)
		drop_at(it, at, REASON_OPERAND_DONE);
	return ok(it);
}

/*
 * An f-string: its pieces in order, then BUILD_STRING joins them into a
 * new str (the empty one when they are all empty) and pops them, last
 * first.  A lone field is its FORMAT_VALUE's result, as CPython compiles
 * it.
 */
static bool
eval_fstring(struct interp *it, const struct expr *e)
{
	uint32_t	base = H(it)->stack_len, n = e->as.seq.count;
	struct strbuf	sb = STRBUF_INIT;

	for (uint32_t i = 0; i < n; i++)
		if (!(e->as.seq.items[i]->kind == EXPR_FORMAT ?
		    eval_format_value(it, e->as.seq.items[i]) :
		    eval(it, e->as.seq.items[i])))
			return false;
	if (n == 1)
		return ok(it);
	for (uint32_t i = 0; i < n; i++) {
		const struct pystr *s = str_of(it, stack_at(it, base + i));

		strbuf_append(&sb, s->data, s->len);
	}
	if (utf8_count(strbuf_str(&sb), sb.len) > LIMIT_MAX_STRING) {
		strbuf_free(&sb);
		return str_too_long(it, e->offset);
	}
	push_fresh_str(it, strbuf_str(&sb), sb.len);
	strbuf_free(&sb);
	for (uint32_t i = n; i-- > 0 && ok(it);)
		drop_at(it, base + i, REASON_OPERAND_DONE);
	return ok(it);
}

static bool
eval(struct interp *it, const struct expr *e)
{
	uint32_t base;

	if (!ok(it))
		return false;
	if (e->constant != 0) {
		push_constant(it, e);
		return ok(it);
	}
	switch (e->kind) {
	case EXPR_NAME:
		return load_name(it, e);
	case EXPR_ATTR:
		return attribute_load(it, e);
	case EXPR_INDEX:
		base = H(it)->stack_len;
		if (!eval(it, e->as.index.object) || !eval(it, e->as.index.index))
			return false;
		if (e->as.index.index->kind == EXPR_SLICE)
			return slice_load(it, e->offset, base);
		return subscript_load(it, e->offset, base);
	case EXPR_LIST:
	case EXPR_TUPLE:
	case EXPR_SET:
	case EXPR_DICT:
		return eval_display(it, e);
	case EXPR_BINARY:
		base = H(it)->stack_len;
		if (!eval(it, e->as.binary.left) || !eval(it, e->as.binary.right))
			return false;
		return binary_at(it, e->offset, e->as.binary.op, base);
	case EXPR_UNARY:
		return eval_unary(it, e);
	case EXPR_COMPARE:
		return eval_compare(it, e);
	case EXPR_AND:
	case EXPR_OR:
		return eval_boolop(it, e);
	case EXPR_CALL:
		return eval_call(it, e);
	case EXPR_FSTRING:
		return eval_fstring(it, e);
	case EXPR_SLICE:
		/* BUILD_SLICE: the bounds stand for the slice (see slices) */
		return eval_items(it, e->as.seq.items, e->as.seq.count);
	default:
		/* literals are always constants */
		return raise(it, e->offset, NULL, "internal error: unfolded "
		    "literal");
	}
}

/* ---- statements ---- */

static bool store_target(struct interp *it, const struct expr *t);

/* UNPACK_SEQUENCE: the value on top becomes its items, first on top. */
static bool
unpack(struct interp *it, const struct expr *t)
{
	objid_t		value = stack_at(it, TOP(it));
	uint32_t	want = t->as.seq.count;
	int64_t		have;

	if (obj(it, value)->type != OBJ_LIST && obj(it, value)->type !=
	    OBJ_TUPLE) {
		if (heap_len(H(it), value) >= 0)
			return raise(it, t->offset, NULL, "unpacking a %s is "
			    "not part of the subset; unpack a tuple or a list",
			    type_name(it, value));
		return raise(it, t->offset, "TypeError", "cannot unpack "
		    "non-iterable %s object", type_name(it, value));
	}
	have = heap_len(H(it), value);
	if (have > want)
		return raise(it, t->offset, "ValueError", "too many values to "
		    "unpack (expected %u)", want);
	if (have < want)
		return raise(it, t->offset, "ValueError", "not enough values "
		    "to unpack (expected %u, got %u)", want, (uint32_t)have);
	for (uint32_t i = want; i-- > 0 && ok(it);)
		push_ref(it, obj(it, value)->as.seq->items[i], REASON_UNPACK,
		    ATOM_NONE);
	drop_at(it, TOP(it) - want, REASON_OPERAND_DONE);
	for (uint32_t i = 0; i < want; i++)
		if (!store_target(it, t->as.seq.items[i]))
			return false;
	return ok(it);
}

/* Stores the value on top of the stack into target t. */
static bool
store_target(struct interp *it, const struct expr *t)
{
	uint32_t base = TOP(it);

	if (!ok(it))
		return false;
	switch (t->kind) {
	case EXPR_NAME:
		store_name(it, t->as.name, base, REASON_STORE, t->as.name);
		return ok(it);
	case EXPR_ATTR:
		if (!eval(it, t->as.attr.object))
			return false;
		return attribute_store(it, t->as.attr.name_offset,
		    t->as.attr.name, base);
	case EXPR_INDEX:
		if (!eval(it, t->as.index.object) || !eval(it, t->as.index.index))
			return false;
		if (t->as.index.index->kind == EXPR_SLICE)
			return slice_assign(it, t->offset, base, false);
		return subscript_store(it, t->offset, base);
	case EXPR_TUPLE:
	case EXPR_LIST:
		return unpack(it, t);
	default:
		return raise(it, t->offset, NULL, "cannot assign to this "
		    "expression");
	}
}

static bool
exec_assign(struct interp *it, const struct stmt *s)
{
	if (!eval(it, s->as.assign.value))
		return false;
	for (uint32_t i = 0; i < s->as.assign.target_count; i++) {
		/* a = b = v: DUP_TOP before every store but the last */
		if (i + 1 < s->as.assign.target_count)
			push_ref(it, stack_at(it, TOP(it)), REASON_STORE,
			    ATOM_NONE);
		if (!store_target(it, s->as.assign.targets[i]))
			return false;
	}
	return ok(it);
}

/* x op= v with the current value at base, v at base + 1: pushes the
 * result (lists extend or repeat in place) and drops both. */
static bool
inplace_at(struct interp *it, const struct stmt *s, uint32_t base)
{
	objid_t target = stack_at(it, base), value = stack_at(it, base + 1);

	if (obj(it, target)->type == OBJ_LIST && s->as.aug.op == BINOP_ADD) {
		if (!list_extend(it, s->as.aug.value->offset, target, value))
			return false;
	} else if (obj(it, target)->type == OBJ_LIST &&
	    s->as.aug.op == BINOP_MUL && is_intlike(it, value)) {
		int64_t times = obj(it, value)->as.i;
		uint32_t len = obj(it, target)->as.seq->len;

		/* list_inplace_repeat: an empty list stays as it is */
		if (len == 0)
			times = 1;
		if (times <= 0)
			list_clear(it, target);
		if (!items_fit(len, times))
			return too_many_items(it, s->offset);
		for (int64_t t = 1; t < times && ok(it); t++)
			for (uint32_t i = 0; i < len && ok(it); i++) {
				push_ref(it, obj(it, target)->as.seq->items[i],
				    REASON_METHOD, ATOM_NONE);
				emit_move(it, EV_SLOT_INSERT, SITE_ITEM,
				    stack_at(it, TOP(it)), target,
				    obj(it, target)->as.seq->len, OBJ_NULL,
				    TOP(it), REASON_METHOD, ATOM_NONE);
			}
	} else
		return binary_at(it, s->offset, s->as.aug.op, base);
	push_ref(it, target, REASON_RESULT, ATOM_NONE);
	drop_operands(it, base, 2, REASON_OPERAND_DONE);
	return ok(it);
}

static bool
exec_augassign(struct interp *it, const struct stmt *s)
{
	const struct expr	*t = s->as.aug.target;
	uint32_t		 base = H(it)->stack_len;

	switch (t->kind) {
	case EXPR_NAME:
		if (!eval(it, t) || !eval(it, s->as.aug.value) ||
		    !inplace_at(it, s, base))
			return false;
		store_name(it, t->as.name, TOP(it), REASON_STORE, t->as.name);
		return ok(it);
	case EXPR_ATTR: {
		objid_t o;
		int64_t i;

		if (!eval(it, t->as.attr.object))
			return false;
		o = stack_at(it, base);
		if (obj(it, o)->type != OBJ_INSTANCE ||
		    (i = heap_attr_index(H(it), o, t->as.attr.name)) < 0) {
			if (attribute_unmodelled(it, t->as.attr.name_offset, o,
			    t->as.attr.name))
				return false;
			return attribute_error(it, t->as.attr.name_offset, o,
			    t->as.attr.name);
		}
		push_ref(it, obj(it, o)->as.inst->attrs[i].value, REASON_LOAD,
		    t->as.attr.name);
		if (!eval(it, s->as.aug.value) || !inplace_at(it, s, base + 1))
			return false;
		/* result, object: as STORE_ATTR wants them */
		push_ref(it, o, REASON_OPERAND_DONE, ATOM_NONE);
		drop_at(it, base, REASON_OPERAND_DONE);
		return attribute_store(it, t->as.attr.name_offset,
		    t->as.attr.name, base);
	}
	case EXPR_INDEX:
		if (t->as.index.index->kind == EXPR_SLICE)
			return raise(it, t->offset, NULL, "augmented assignment "
			    "to a slice (a[i:j] += x) is not supported yet");
		if (!eval(it, t->as.index.object) || !eval(it, t->as.index.index))
			return false;
		push_ref(it, stack_at(it, base), REASON_OPERAND_DONE, ATOM_NONE);
		push_ref(it, stack_at(it, base + 1), REASON_OPERAND_DONE,
		    ATOM_NONE);
		if (!subscript_load(it, t->offset, base + 2) ||
		    !eval(it, s->as.aug.value) || !inplace_at(it, s, base + 2))
			return false;
		/* rotate to value, container, key for STORE_SUBSCR */
		push_ref(it, stack_at(it, base), REASON_OPERAND_DONE, ATOM_NONE);
		push_ref(it, stack_at(it, base + 1), REASON_OPERAND_DONE,
		    ATOM_NONE);
		drop_operands(it, base, 2, REASON_OPERAND_DONE);
		return subscript_store(it, t->offset, base);
	default:
		return raise(it, t->offset, NULL, "cannot assign to this "
		    "expression");
	}
}

static bool
exec_delete(struct interp *it, const struct stmt *s)
{
	for (uint32_t i = 0; i < s->as.del.count && ok(it); i++) {
		const struct expr *t = s->as.del.targets[i];
		uint32_t base = H(it)->stack_len;

		switch (t->kind) {
		case EXPR_NAME:
			if (!delete_name(it, t))
				return false;
			break;
		case EXPR_ATTR:
			if (!attribute_delete(it, t))
				return false;
			break;
		case EXPR_INDEX:
			if (!eval(it, t->as.index.object) ||
			    !eval(it, t->as.index.index))
				return false;
			if (t->as.index.index->kind == EXPR_SLICE ?
			    !slice_assign(it, t->offset, base, true) :
			    !subscript_delete(it, t->offset, base))
				return false;
			break;
		default:
			return raise(it, t->offset, NULL, "cannot delete this "
			    "expression");
		}
	}
	return ok(it);
}

/* Python's truth test (PyObject_IsTrue) of the object id. */
static bool
truth_of(const struct interp *it, objid_t id)
{
	const struct object *o = obj(it, id);

	switch (o->type) {
	case OBJ_NONE:
		return false;
	case OBJ_BOOL:
	case OBJ_INT:
		return o->as.i != 0;
	case OBJ_FLOAT:
		return o->as.f != 0.0;
	case OBJ_STR:
	case OBJ_TUPLE:
	case OBJ_LIST:
	case OBJ_DICT:
	case OBJ_SET:
	case OBJ_RANGE:
		return heap_len(H(it), id) != 0;
	default:
		return true;
	}
}

/* if/elif/while test: evaluated, tested, dropped (POP_JUMP_IF_FALSE). */
static bool
exec_test(struct interp *it, const struct expr *test)
{
	if (!eval(it, test))
		return false;
	it->branch = truth_of(it, stack_at(it, TOP(it)));
	drop_top(it, REASON_DISCARD, ATOM_NONE);
	return ok(it);
}

/* def f(...): MAKE_FUNCTION, then the name is bound to it.  Of a .py
 * file, the function's constants stay with the module's code (made
 * before the first line), so the function object holds none itself. */
static bool
exec_def(struct interp *it, const struct stmt *s)
{
	uint32_t			 i = s->as.def.function;
	const struct program_function	*f = &it->p->functions[i];
	bool				 defaults = s->as.def.defaults != NULL;
	objid_t				 fn = heap_reserve_function(H(it),
	    f->name, i, defaults ? 1 : 0, f->locals, f->local_count);

	if (defaults)
		heap_function_defaults(H(it), fn);
	objects_alloc(&it->m, fn, REASON_NEW, f->name);
	/* the defaults tuple (a constant when every default is one): the
	 * function holds it, so a mutable default lives as long as it does */
	if (defaults && ok(it) && eval(it, s->as.def.defaults))
		emit_move(it, EV_CONST_STORE, SITE_FUNC_CONST,
		    stack_at(it, TOP(it)), fn, 0, OBJ_NULL, TOP(it),
		    REASON_CONSTANT, f->name);
	if (ok(it))
		store_name(it, f->name, TOP(it), REASON_STORE, f->name);
	return ok(it);
}

/* CPython's list of missing parameters: 'a', 'a' and 'b', 'a', 'b', and
 * 'c' (into sb). */
static void
missing_names(struct strbuf *sb, const struct program_function *f,
    const uint32_t *missing, uint32_t n)
{
	for (uint32_t k = 0; k < n; k++) {
		if (k > 0)
			strbuf_puts(sb, k + 1 == n ? (n > 2 ? ", and " :
			    " and ") : ", ");
		strbuf_printf(sb, "'%s'", atom_name(f->locals[missing[k]]));
	}
}

/*
 * Arranges the arguments of a call of f (at base + 1.., after the
 * function) as its parameters: positional ones first, then each keyword
 * argument at its parameter's place, then the default values of the rest
 * (held by the function's __defaults__ tuple).  With keywords the values
 * are pushed again in parameter order and the arguments as passed are
 * dropped.  Raises CPython's TypeError for an unknown keyword, a
 * parameter given twice or one missing.
 */
static bool
bind_arguments(struct interp *it, const struct expr *call, uint32_t base,
    objid_t fn, const struct program_function *f)
{
	const struct pyfunction	*pf = obj(it, fn)->as.fn;
	const atom_t		*kw = call->as.call.keywords;
	uint32_t		 argc = count_args(call), npos = argc;
	objid_t			 tuple = pf->defaults && pf->const_count > 0 ?
	    pf->consts[0] : OBJ_NULL;
	uint32_t		 ndef = tuple != OBJ_NULL ?
	    (uint32_t)heap_len(H(it), tuple) : 0;
	uint32_t		 first = f->param_count - ndef;
	uint32_t		*from, *missing, nmissing = 0;
	struct strbuf		 sb = STRBUF_INIT;

	while (kw != NULL && npos > 0 && kw[npos - 1] != ATOM_NONE)
		npos--;
	if (npos > f->param_count) {
		if (first < f->param_count)
			return raise(it, call->offset, "TypeError", "%s() takes "
			    "from %u to %u positional arguments but %u were "
			    "given", atom_name(f->name), first,
			    f->param_count, npos);
		return raise(it, call->offset, "TypeError", "%s() takes "
		    "%u positional argument%s but %u %s given",
		    atom_name(f->name), f->param_count,
		    f->param_count == 1 ? "" : "s", npos,
		    npos == 1 ? "was" : "were");
	}
	if (kw == NULL && npos == f->param_count)
		return true;
	from = xcalloc(f->param_count + 1, sizeof *from);
	missing = xcalloc(f->param_count + 1, sizeof *missing);
	for (uint32_t k = 0; k < f->param_count; k++)
		from[k] = k < npos ? k : UINT32_MAX;
	for (uint32_t j = npos; j < argc && ok(it); j++) {
		uint32_t k;

		if (!program_is_local(f, kw[j], &k) || k >= f->param_count)
			raise(it, call->as.call.args[j]->offset, "TypeError",
			    "%s() got an unexpected keyword argument '%s'",
			    atom_name(f->name), atom_name(kw[j]));
		else if (from[k] != UINT32_MAX)
			raise(it, call->as.call.args[j]->offset, "TypeError",
			    "%s() got multiple values for argument '%s'",
			    atom_name(f->name), atom_name(kw[j]));
		else
			from[k] = j;
	}
	for (uint32_t k = 0; k < first && ok(it); k++)
		if (from[k] == UINT32_MAX)
			missing[nmissing++] = k;
	if (nmissing > 0 && ok(it)) {
		missing_names(&sb, f, missing, nmissing);
		raise(it, call->offset, "TypeError", "%s() missing %u required "
		    "positional argument%s: %s", atom_name(f->name), nmissing,
		    nmissing == 1 ? "" : "s", strbuf_str(&sb));
	}
	/* without keywords the arguments are in place: defaults go on top */
	for (uint32_t k = kw == NULL ? npos : 0; k < f->param_count && ok(it);
	    k++)
		push_ref(it, from[k] != UINT32_MAX ? stack_at(it, base + 1 +
		    from[k]) : obj(it, tuple)->as.seq->items[k - first],
		    REASON_ARGUMENT, f->locals[k]);
	for (uint32_t j = argc; kw != NULL && j-- > 0 && ok(it);)
		drop_at(it, base + 1 + j, REASON_OPERAND_DONE);
	strbuf_free(&sb);
	xfree(from);
	xfree(missing);
	return ok(it);
}

static bool exec_one(struct interp *it, const struct stmt *s);

/* A step's statements: one, or a line's statements separated by ';'. */
/* Whether the innermost running `for` is the one whose header is step
 * header of the current frame. */
static bool
in_loop(const struct interp *it, uint32_t header)
{
	return it->loop_count > 0 &&
	    it->loops[it->loop_count - 1].frame == it->frame &&
	    it->loops[it->loop_count - 1].header == header;
}

/* The innermost loop ends: its iterator, under the n references above
 * it, is dropped (a `break`, a `return`: POP_TOP, or FOR_ITER at the
 * end). */
static void
loop_end(struct interp *it, uint32_t above)
{
	it->loop_count--;
	drop_at(it, TOP(it) - above, REASON_OPERAND_DONE);
}

/*
 * A `for` header: GET_ITER the first time (the iterable evaluated, its
 * iterator kept on the stack, the iterable dropped), then FOR_ITER each
 * time: the next item bound to the target, or at the end the iterator
 * dropped and it->branch false.
 */
static bool
exec_for(struct interp *it, const struct stmt *s)
{
	bool done;

	if (!in_loop(it, it->pc)) {
		if (!eval(it, s->as.loop.iter) ||
		    !push_iter(it, s->as.loop.iter->offset,
		    stack_at(it, TOP(it))))
			return false;
		drop_at(it, TOP(it) - 1, REASON_OPERAND_DONE);
		if (it->loop_count == it->loop_cap) {
			it->loop_cap = it->loop_cap ? it->loop_cap * 2 : 8;
			it->loops = xreallocarray(it->loops, it->loop_cap,
			    sizeof *it->loops);
		}
		it->loops[it->loop_count++] = (struct for_loop){ it->pc,
		    it->frame };
		if (!ok(it))
			return false;
	}
	it->branch = iter_step(it, stack_at(it, TOP(it)), &done);
	if (it->branch)
		return store_target(it, s->as.loop.target);
	if (!done)
		return false;
	loop_end(it, 0);
	return ok(it);
}

/* `break` out of a `for` drops its iterator. */
static bool
exec_break(struct interp *it)
{
	uint32_t loop = it->function != NULL ?
	    it->function->body[it->pc].source->loop :
	    it->p->steps[it->pc].source->loop;

	if (loop != 0 && it->loop_count > 0 && in_loop(it, loop - 1))
		loop_end(it, 0);
	return ok(it);
}

static bool
exec_statement(struct interp *it, const struct stmt *s)
{
	for (; s != NULL; s = s->next)
		if (!exec_one(it, s) || it->returning)
			return ok(it);
	return ok(it);
}

static bool
exec_one(struct interp *it, const struct stmt *s)
{
	switch (s->kind) {
	case STMT_ASSIGN:
		return exec_assign(it, s);
	case STMT_AUGASSIGN:
		return exec_augassign(it, s);
	case STMT_DEL:
		return exec_delete(it, s);
	case STMT_EXPR:
		if (!eval(it, s->as.expr))
			return false;
		drop_top(it, REASON_DISCARD, ATOM_NONE);
		return ok(it);
	case STMT_RETURN:
		if (s->as.value != NULL) {
			if (!eval(it, s->as.value))
				return false;
		} else
			objects_push_none(&it->m);
		it->returning = true;
		return ok(it);
	case STMT_IF:
	case STMT_WHILE:
		return exec_test(it, s->as.test);
	case STMT_FOR:
		return exec_for(it, s);
	case STMT_BREAK:
		return exec_break(it);
	case STMT_DEF:
		return exec_def(it, s);
	case STMT_GLOBAL:
	case STMT_IMPORT:	/* sys and gc are always there */
	case STMT_PASS:
	case STMT_CONTINUE:
		return true;
	}
	return true;
}

/* Where a step of a .py body sends control once it ran: its next, or its
 * alt after a false test; a YAML step goes on to the one after it. */
static uint32_t
step_after(const struct interp *it, const struct program_step *st,
    uint32_t k, uint32_t count)
{
	const struct scenario_step *src = st->source;

	if (!it->p->scenario->python)
		return k + 1 < count ? k + 1 : SCENARIO_STEP_END;
	if (st->stmt != NULL && (st->stmt->kind == STMT_IF ||
	    st->stmt->kind == STMT_WHILE || st->stmt->kind == STMT_FOR) &&
	    !it->branch)
		return src->alt;
	return src->next;
}

/* ---- expect: ---- */

/* Resolves an expect subject without touching the heap; OBJ_NULL with
 * *why set when it cannot. */
static objid_t resolve(struct interp *it, const struct expr *e,
    const char **why);

/*
 * e with its unary signs folded into the number, as CPython's compiler
 * folds -1 into one constant (the small int -1 when it is cached): a
 * number literal under + and - becomes one EXPR_INT or EXPR_FLOAT in
 * *buf, and that is returned; anything else is returned as it is.
 */
static const struct expr *
fold_signs(const struct expr *e, struct expr *buf)
{
	const struct expr *inner;

	if (e->kind != EXPR_UNARY)
		return e;
	inner = fold_signs(e->as.unary.operand, buf);
	switch (inner->kind) {
	case EXPR_INT:
	case EXPR_TRUE:
	case EXPR_FALSE: {
		int64_t v = inner->kind == EXPR_INT ? inner->as.int_value :
		    inner->kind == EXPR_TRUE;

		if (e->as.unary.op == UNOP_NEG && v == INT64_MIN)
			return e;
		*buf = *e;
		buf->kind = EXPR_INT;
		buf->as.int_value = e->as.unary.op == UNOP_NEG ? -v : v;
		return buf;
	}
	case EXPR_FLOAT: {
		double v = inner->as.float_value;

		*buf = *e;
		buf->kind = EXPR_FLOAT;
		buf->as.float_value = e->as.unary.op == UNOP_NEG ? -v : v;
		return buf;
	}
	default:
		return e;
	}
}

static bool
literal_equals(struct interp *it, objid_t key, const struct expr *e)
{
	const struct object *o = obj(it, key);
	struct expr folded;

	e = fold_signs(e, &folded);
	switch (e->kind) {
	case EXPR_INT:
		return (o->type == OBJ_INT || o->type == OBJ_BOOL) ?
		    o->as.i == e->as.int_value : o->type == OBJ_FLOAT &&
		    o->as.f == (double)e->as.int_value;
	case EXPR_FLOAT:
		return o->type == OBJ_FLOAT ? o->as.f == e->as.float_value :
		    (o->type == OBJ_INT || o->type == OBJ_BOOL) &&
		    (double)o->as.i == e->as.float_value;
	case EXPR_STR:
		return o->type == OBJ_STR && o->as.s->len == e->as.str.len &&
		    memcmp(o->as.s->data, e->as.str.bytes, e->as.str.len) == 0;
	case EXPR_TRUE:
	case EXPR_FALSE:
		return (o->type == OBJ_INT || o->type == OBJ_BOOL) &&
		    o->as.i == (e->kind == EXPR_TRUE);
	case EXPR_NONE:
		return o->type == OBJ_NONE;
	case EXPR_TUPLE:
		if (o->type != OBJ_TUPLE || o->as.seq->len != e->as.seq.count)
			return false;
		for (uint32_t i = 0; i < e->as.seq.count; i++)
			if (!literal_equals(it, o->as.seq->items[i],
			    e->as.seq.items[i]))
				return false;
		return true;
	default:
		return false;
	}
}

static objid_t
resolve_literal(struct interp *it, const struct expr *e)
{
	struct expr folded;

	e = fold_signs(e, &folded);
	switch (e->kind) {
	case EXPR_NONE:
		return it->m.objects.none;
	case EXPR_TRUE:
		return it->m.objects.true_obj;
	case EXPR_FALSE:
		return it->m.objects.false_obj;
	case EXPR_INT:
		return objects_shared_int(&it->m, e->as.int_value);
	case EXPR_STR:
		return objects_shared_str(&it->m, e->as.str.bytes,
		    e->as.str.len);
	default:
		return OBJ_NULL;
	}
}

static objid_t
resolve(struct interp *it, const struct expr *e, const char **why)
{
	uint32_t	index;
	objid_t		o, value;

	switch (e->kind) {
	case EXPR_NAME:
		if (is_local(it, e->as.name, &index)) {
			value = heap_frame(H(it), it->frame)->names[index].value;
			if (value == OBJ_NULL)
				*why = "is not bound";
			return value;
		}
		if (heap_lookup_name(H(it), 0, e->as.name, &index, &value))
			return value;
		*why = "is not bound";
		return OBJ_NULL;
	case EXPR_ATTR: {
		int64_t i;

		o = resolve(it, e->as.attr.object, why);
		if (o == OBJ_NULL)
			return OBJ_NULL;
		if (obj(it, o)->type != OBJ_INSTANCE ||
		    (i = heap_attr_index(H(it), o, e->as.attr.name)) < 0) {
			*why = "has no such attribute";
			return OBJ_NULL;
		}
		return obj(it, o)->as.inst->attrs[i].value;
	}
	case EXPR_INDEX: {
		const struct object *c;
		struct expr folded;
		const struct expr *index = fold_signs(e->as.index.index,
		    &folded);

		o = resolve(it, e->as.index.object, why);
		if (o == OBJ_NULL)
			return OBJ_NULL;
		c = obj(it, o);
		if ((c->type == OBJ_LIST || c->type == OBJ_TUPLE) &&
		    index->kind == EXPR_INT) {
			int64_t i = index->as.int_value;

			if (i < 0)
				i += c->as.seq->len;
			if (i < 0 || i >= c->as.seq->len) {
				*why = "is out of range";
				return OBJ_NULL;
			}
			return c->as.seq->items[i];
		}
		if (c->type == OBJ_DICT)
			for (uint32_t i = 0; i < c->as.dict->count; i++)
				if (c->as.dict->entries[i].key != OBJ_NULL &&
				    literal_equals(it, c->as.dict->entries[i].key,
				    e->as.index.index))
					return c->as.dict->entries[i].value;
		*why = "has no such item";
		return OBJ_NULL;
	}
	case EXPR_NONE:
		/* a singleton, drawn once the scenario uses it */
		if (it->m.objects.none == OBJ_NULL)
			*why = "is not in the picture yet (refscope shows "
			    "None once the scenario uses it)";
		return it->m.objects.none;
	default:
		o = resolve_literal(it, e);
		if (o == OBJ_NULL)
			*why = "is a new object";
		return o;
	}
}

static bool
compare(int64_t a, enum compare_op op, int64_t b)
{
	switch (op) {
	case CMP_EQ:	return a == b;
	case CMP_NE:	return a != b;
	case CMP_LT:	return a < b;
	case CMP_GT:	return a > b;
	case CMP_LE:	return a <= b;
	case CMP_GE:	return a >= b;
	default:	return false;	/* expect: lines compare numbers */
	}
}

static void
expect_failed(struct interp *it, const struct text *where, const char *text,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void
expect_failed(struct interp *it, const struct text *where, const char *text,
    const char *fmt, ...)
{
	struct strbuf	sb = STRBUF_INIT;
	va_list		ap;

	strbuf_printf(&sb, "expect failed: %s: ", text);
	va_start(ap, fmt);
	strbuf_vprintf(&sb, fmt, ap);
	va_end(ap);
	diag_append(it->errors, program_error_at(it->p, where, 0,
	    DIAG_EXPECT_FAILED, "%s", strbuf_str(&sb)));
	strbuf_free(&sb);
	it->result->expects_failed++;
}

static void
check_expect(struct interp *it, const struct expect *x,
    const struct text *where, uint32_t tstep)
{
	const char	*why = NULL, *text = where->value;
	objid_t		 a = OBJ_NULL, b = OBJ_NULL;
	int64_t		 seen = 0;
	char		*subject = x->subject ? ast_expr_text(x->subject) : NULL;

	it->result->expects_checked++;
	if (x->subject != NULL) {
		a = resolve(it, x->subject, &why);
		if (a == OBJ_NULL && x->kind != EXPECT_IS_NOT &&
		    x->kind != EXPECT_ALIVE) {
			expect_failed(it, where, text, "%s %s", subject, why);
			goto out;
		}
	}
	switch (x->kind) {
	case EXPECT_REFCOUNT:
		seen = obj(it, a)->refcount;
		if (!compare(seen, x->op, x->number))
			expect_failed(it, where, text, "refcount(%s) is %lld",
			    subject, (long long)seen);
		goto out;
	case EXPECT_GEN:
		if (!(obj(it, a)->flags & OBJF_TRACKED)) {
			expect_failed(it, where, text, "%s is not tracked by "
			    "the collector", subject);
			goto out;
		}
		seen = obj(it, a)->gen;
		if (!compare(seen, x->op, x->number))
			expect_failed(it, where, text, "gen(%s) is %lld",
			    subject, (long long)seen);
		goto out;
	case EXPECT_IS:
	case EXPECT_IS_NOT: {
		const char *why_b = NULL;
		bool same;

		b = resolve(it, x->other, &why_b);
		same = a != OBJ_NULL && a == b;
		if (same != (x->kind == EXPECT_IS))
			expect_failed(it, where, text, "they are %s", same ?
			    "the same object" : "different objects");
		goto out;
	}
	case EXPECT_ALIVE:
		if (a == OBJ_NULL || !heap_alive(H(it), a))
			expect_failed(it, where, text, "%s %s", subject,
			    why ? why : "is not alive");
		goto out;
	case EXPECT_HEAP:
		seen = H(it)->live_uncached;
		break;
	case EXPECT_COLLECTED:
		seen = machine_collected_in(&it->m, tstep);
		break;
	case EXPECT_FREED:
		seen = machine_freed_in(&it->m, tstep);
		break;
	}
	if (!compare(seen, x->op, x->number))
		expect_failed(it, where, text, "the value is %lld",
		    (long long)seen);
out:
	xfree(subject);
}

/* ---- steps and calls ---- */

static void
bind_repeat_counter(struct interp *it, uint32_t repetition)
{
	objects_push_int(&it->m, repetition, REASON_REPEAT);
	if (ok(it))
		store_name(it, it->a_i, TOP(it), REASON_REPEAT, it->a_i);
}

static bool
check_step_limit(struct interp *it)
{
	/* step 0 is the set-up, not an executed step */
	if (it->m.timeline->step_count - 1 < TIMELINE_MAX_STEPS)
		return true;
	machine_fail(&it->m, diag_new(it->p->scenario->file,
	    (struct srcpos){ 0, 0 }, DIAG_MALFORMED, "the run executed more "
	    "than %u steps (the limit of DESIGN §8)", TIMELINE_MAX_STEPS));
	return false;
}

/*
 * Gives the objects a step's label: names their labels, recorded with the
 * run (timeline_add_label), where the expects are checked.  A subject
 * that names nothing, or a shared object (a small int, None: everyone's,
 * so no one's to name), stops the run at the label with its reason.
 */
static void
apply_labels(struct interp *it, const struct program_step *st)
{
	for (uint32_t i = 0; i < st->label_count && ok(it); i++) {
		const struct scenario_label	*src = &st->source->labels[i];
		const char			*why = NULL;
		objid_t				 o = resolve(it, st->labels[i],
						    &why);

		if (o != OBJ_NULL && (obj(it, o)->flags & OBJF_CACHED))
			why = "is shared by the interpreter (cached), not an "
			    "object the scenario made";
		if (why != NULL) {
			machine_fail(&it->m, program_error_at(it->p,
			    &src->subject, 0, DIAG_MALFORMED, "label: %s %s",
			    src->subject.value, why));
			return;
		}
		if (!timeline_add_label(it->m.timeline, o, atom_intern(
		    src->name.value, src->name.len)))
			machine_fail(&it->m, program_error_at(it->p,
			    &src->subject, 0, DIAG_MALFORMED, "more than %u "
			    "labels given in one run (the limit)",
			    TIMELINE_MAX_LABELS));
	}
}

/* Evaluates a step's expect: lines where it stands: inside a function,
 * before a returning step's frame goes. */
static void
check_expects(struct interp *it, uint32_t tstep, const struct program_step *st)
{
	for (uint32_t i = 0; i < st->expect_count && ok(it); i++)
		check_expect(it, st->expects[i], &st->source->expects[i], tstep);
}

/* Closes a step's record and hands it to the hooks (trace, dump). */
static void
close_step(struct interp *it, uint32_t tstep)
{
	timeline_end_step(it->m.timeline, tstep);
	it->result->steps_run++;
	if (it->hooks != NULL && it->hooks->on_step != NULL && ok(it))
		it->hooks->on_step(it->hooks->ctx, H(it), it->m.timeline, tstep);
}

static void
emit_say(struct interp *it, const struct program_step *st, uint32_t number)
{
	if (st->source->say.value != NULL)
		machine_emit(&it->m, (struct event){ .kind = EV_SAY,
		    .owner = number });
}

/* Leaves the frame: locals released in co_varnames order, then the
 * frame's hold on its function (_PyFrame_Clear). */
static void
leave_frame(struct interp *it)
{
	const struct program_function *f = it->function;
	uint32_t frame = it->frame;

	for (uint32_t i = 0; i < f->local_count && ok(it); i++) {
		objid_t v = heap_frame(H(it), frame)->names[i].value;

		if (v == OBJ_NULL)
			continue;
		machine_emit(&it->m, (struct event){ .kind = EV_UNBIND,
		    .reason = REASON_SCOPE_EXIT, .site = SITE_NAME, .object = v,
		    .owner = frame, .index = i, .detail = f->locals[i] });
		drop_top(it, REASON_SCOPE_EXIT, f->locals[i]);
	}
	machine_emit(&it->m, (struct event){ .kind = EV_FRAME_POP,
	    .reason = REASON_FRAME, .object = heap_frame(H(it),
	    frame)->function, .owner = frame });
	drop_top(it, REASON_FRAME, f->name);
}

/* Runs function at base with argc arguments above it; leaves its return
 * value at base. */
static bool
run_function(struct interp *it, const struct expr *call, uint32_t base,
    uint32_t argc)
{
	objid_t				 fn = stack_at(it, base);
	const struct program_function	*f =
	    &it->p->functions[obj(it, fn)->as.fn->index];
	const struct program_function	*saved_function = it->function;
	const struct text		*saved_code = it->code;
	uint32_t			 saved_frame = it->frame;
	uint32_t			 saved_step = it->m.step;
	uint32_t			 frame, after = SCENARIO_STEP_END;

	if (!bind_arguments(it, call, base, fn, f))
		return false;
	argc = f->param_count;
	if (it->depth + 1 > INTERP_MAX_DEPTH)
		return raise(it, call->offset, "RecursionError", "maximum "
		    "recursion depth exceeded (the call depth limit is %u)",
		    INTERP_MAX_DEPTH);
	/* between two calls, the nesting limit bounds the stack used */
	if (!stack_left(it, call->offset))
		return false;
	frame = H(it)->frame_count;
	machine_emit(&it->m, (struct event){ .kind = EV_FRAME_PUSH,
	    .reason = REASON_FRAME, .object = fn, .owner = frame,
	    .index = base, .detail = f->name });
	/* the arguments become the parameters (the frame takes them) */
	for (uint32_t k = 0; k < argc && ok(it); k++)
		machine_emit(&it->m, (struct event){ .kind = EV_BIND,
		    .reason = REASON_ARGUMENT, .site = SITE_NAME,
		    .object = stack_at(it, base), .owner = frame, .index = k,
		    .aux = base, .detail = f->name });
	it->function = f;
	it->frame = frame;
	it->depth++;
	for (uint32_t k = 0; k < f->body_count && ok(it); k = after) {
		const struct program_step *st = &f->body[k];
		uint32_t reps = st->source->repeat ? st->source->repeat : 1;

		for (uint32_t r = 0; r < reps && ok(it) && !it->returning; r++) {
			uint32_t tstep;
			bool last;

			it->code = &st->source->code;
			if (!check_step_limit(it))
				break;
			tstep = timeline_begin_step(it->m.timeline,
			    obj(it, fn)->as.fn->index + 1, k, it->depth, r,
			    it->module_step);
			it->m.step = tstep;
			it->code = &st->source->code;
			emit_say(it, st, k);
			if (st->source->has_repeat)
				bind_repeat_counter(it, r);
			it->pc = k;
			if (st->stmt != NULL)
				exec_statement(it, st->stmt);
			after = step_after(it, st, k, f->body_count);
			last = it->returning || (after == SCENARIO_STEP_END &&
			    r + 1 == reps);
			if (ok(it) && (last || r + 1 == reps)) {
				check_expects(it, tstep, st);
				apply_labels(it, st);
			}
			if (last && ok(it)) {
				if (!it->returning)
					objects_push_none(&it->m);
				/* a return inside loops: their iterators go,
				 * the innermost first, under the value */
				while (it->loop_count > 0 && it->loops[
				    it->loop_count - 1].frame == it->frame &&
				    ok(it))
					loop_end(it, 1);
				leave_frame(it);
			}
			if (ok(it))
				close_step(it, tstep);
		}
		if (it->returning)
			break;
	}
	it->returning = false;
	it->depth--;
	it->function = saved_function;
	it->frame = saved_frame;
	it->code = saved_code;
	it->m.step = saved_step;
	return ok(it);
}

/* Runs module step k (each repetition); returns the step to run next. */
static uint32_t
run_module_step(struct interp *it, uint32_t k)
{
	const struct program_step	*st = &it->p->steps[k];
	uint32_t			 reps = st->source->repeat ?
	    st->source->repeat : 1;

	for (uint32_t r = 0; r < reps && ok(it); r++) {
		uint32_t tstep;

		it->code = &st->source->code;
		if (!check_step_limit(it))
			return SCENARIO_STEP_END;
		tstep = timeline_begin_step(it->m.timeline, 0, k, 0, r,
		    it->m.timeline->step_count);
		it->module_step = tstep;
		it->m.step = tstep;
		it->code = &st->source->code;
		emit_say(it, st, k);
		if (st->source->has_repeat)
			bind_repeat_counter(it, r);
		it->pc = k;
		if (st->stmt != NULL && ok(it) && it->p->scenario->python)
			exec_statement(it, st->stmt);
		else if (st->stmt != NULL && ok(it)) {
			memset(it->step_consts, 0, st->pool.count *
			    sizeof *it->step_consts);
			make_constants(it, &st->pool, it->step_consts,
			    st->consts, st->const_count, SITE_CONST, 0);
			exec_statement(it, st->stmt);
			release_step_constants(it);
		}
		if (!ok(it))
			return SCENARIO_STEP_END;
		if (r + 1 == reps) {
			check_expects(it, tstep, st);
			apply_labels(it, st);
		}
		if (!ok(it))
			return SCENARIO_STEP_END;
		close_step(it, tstep);
	}
	return ok(it) ? step_after(it, st, k, it->p->step_count) :
	    SCENARIO_STEP_END;
}

/* A .py file's module code object: its co_consts, and each function's
 * code object's, exist before the first line runs and for the whole run;
 * the module frame holds them all (one reference per code object that
 * lists a constant). */
static void
make_module_constants(struct interp *it)
{
	const struct program	*p = it->p;
	uint32_t		 n = p->module_const_count, at = 0;
	uint32_t		*all;

	for (uint32_t i = 0; i < p->function_count; i++)
		n += p->functions[i].const_count;
	all = xcalloc(n ? n : 1, sizeof *all);
	for (uint32_t k = 0; k < p->module_const_count; k++)
		all[at++] = p->module_consts[k];
	for (uint32_t i = 0; i < p->function_count; i++)
		for (uint32_t k = 0; k < p->functions[i].const_count; k++)
			all[at++] = p->functions[i].consts[k];
	make_constants(it, &p->function_pool, it->function_consts, all, n,
	    SITE_CONST, 0);
	xfree(all);
}

/* A step with no statement of its own: one full collection, asked for by
 * the reader (interp_hooks.extra_collection). */
static void
run_extra_collection(struct interp *it)
{
	uint32_t tstep;

	if (!check_step_limit(it))
		return;
	tstep = timeline_begin_step(it->m.timeline, 0, UINT32_MAX, 0, 0,
	    it->m.timeline->step_count);
	it->module_step = tstep;
	it->m.step = tstep;
	gc_collect(&it->m, GEN_COUNT - 1);
	if (ok(it))
		close_step(it, tstep);
}

/* Before step 1: the scenario's settings, functions and classes, as the
 * module that defines them would run. */
static void
run_setup(struct interp *it)
{
	const struct program		*p = it->p;
	const struct scenario_settings	*s = &p->scenario->settings;
	uint32_t			 tstep;
	uint32_t			 base;

	tstep = timeline_begin_step(it->m.timeline, 0, UINT32_MAX, 0, 0, 0);
	it->m.step = tstep;
	if (s->gc == GC_MODEL_OFF)
		gc_config(it, GC_SETTING_ENABLED, 0, H(it)->gc_enabled);
	if (s->gc_threshold != 0)	/* else the version's */
		gc_config(it, GC_SETTING_THRESHOLD0, s->gc_threshold,
		    H(it)->gens[0].threshold);

	if (p->scenario->python) {
		/* functions are made by their `def` lines */
		make_module_constants(it);
		timeline_end_step(it->m.timeline, tstep);
		return;
	}
	/* the module's constants exist before its code runs */
	base = H(it)->stack_len;
	for (uint32_t i = 0; i < p->function_count; i++)
		for (uint32_t k = 0; k < p->functions[i].const_count; k++)
			materialize(it, &p->function_pool, it->function_consts,
			    p->functions[i].consts[k]);
	for (uint32_t i = 0; i < p->function_count && ok(it); i++) {
		const struct program_function *f = &p->functions[i];
		objid_t fn = heap_reserve_function(H(it), f->name, i,
		    f->const_count, f->locals, f->local_count);

		objects_alloc(&it->m, fn, REASON_NEW, f->name);
		for (uint32_t k = 0; k < f->const_count && ok(it); k++) {
			objid_t c = it->function_consts[f->consts[k]];

			push_ref(it, c, REASON_CONSTANT, f->name);
			emit_move(it, EV_CONST_STORE, SITE_FUNC_CONST, c, fn, k,
			    OBJ_NULL, TOP(it), REASON_CONSTANT, f->name);
		}
		store_name(it, f->name, TOP(it), REASON_STORE, f->name);
	}
	for (uint32_t i = 0; i < p->class_count && ok(it); i++) {
		objid_t cls = heap_reserve_class(H(it), p->classes[i].name);

		objects_alloc(&it->m, cls, REASON_NEW, p->classes[i].name);
		store_name(it, p->classes[i].name, TOP(it), REASON_STORE,
		    p->classes[i].name);
	}
	while (H(it)->stack_len > base && ok(it))
		drop_top(it, REASON_CONSTANT, ATOM_NONE);
	timeline_end_step(it->m.timeline, tstep);
}

static uint32_t
largest_pool(const struct program *p)
{
	uint32_t n = 1;

	for (uint32_t i = 0; i < p->step_count; i++)
		if (p->steps[i].pool.count > n)
			n = p->steps[i].pool.count;
	return n;
}

int
interp_run(const struct program *p, struct heap *h, struct timeline *t,
    const struct interp_hooks *hooks, struct interp_result *result,
    struct diag **errors)
{
	struct interp		it;
	struct interp_result	scratch;
	int			status = 0;

	memset(&it, 0, sizeof it);
	it.stack_base = (uintptr_t)&scratch;
	it.stack_room = stack_room();
	if (result == NULL)
		result = &scratch;
	memset(result, 0, sizeof *result);
	version_init_heap(h, p->scenario->settings.python);
	machine_init(&it.m, p, h, t);
	objects_init(&it.m);
	gc_init(&it.m);
	it.p = p;
	it.hooks = hooks;
	it.work = (struct heap_budget){ INTERP_MAX_WORK, false,
	    HEAP_MAX_DEPTH, false };
	it.result = result;
	it.errors = errors;
	it.a_sys = atom_from("sys");
	it.a_gc = atom_from("gc");
	it.a_i = atom_from("i");
	callables_intern(&it);
	it.step_consts = xcalloc(largest_pool(p), sizeof *it.step_consts);
	it.function_consts = xcalloc(p->function_pool.count ?
	    p->function_pool.count : 1, sizeof *it.function_consts);

	run_setup(&it);
	for (uint32_t k = 0, after; k < p->step_count && ok(&it); k = after) {
		after = run_module_step(&it, k);
		/* a .py line may run many times: the one the reader is at */
		if (hooks != NULL && hooks->extra_collection && ok(&it) &&
		    hooks->collect_after == (p->scenario->python ?
		    t->steps[it.module_step].ordinal : k))
			run_extra_collection(&it);
	}

	xfree(it.step_consts);
	xfree(it.function_consts);
	xfree(it.loops);
	if (it.m.error != NULL) {
		/* a limit reached deep inside is reported at the statement */
		if (it.m.error->pos.line == 0 && it.code != NULL)
			it.m.error->pos = text_locate(it.code, 0);
		diag_append(errors, it.m.error);
		it.m.error = NULL;
		status = -1;
	}
	objects_fini(&it.m);
	refcount_fini(&it.m);
	machine_fini(&it.m);
	return status;
}
