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
#include "lang/parser.h"
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
#include "py/pynames.h"
#include "py/pyslice.h"
#include "py/scalar.h"

/* Whose table of callables (the builtins, a module's, a type's methods). */
enum callable_owner {
	OWNER_BUILTIN, OWNER_SYS, OWNER_GC, OWNER_LIST, OWNER_DICT,
	OWNER_SET, OWNER_STR, OWNER_WEAKREF, OWNER_COPY, OWNER_COUNT
};

#define CALLABLE_MAX 32	/* the most entries a table has */

/* weakref.py's two weak mappings (weakdict_*) */
enum weakdict_kind { WEAK_VALUES, WEAK_KEYS, WEAKDICT_KINDS };

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

	/* the comprehensions running, innermost first */
	struct comp_run		*comp;

	/* Exceptions (.py): the one on its way up, on top of the stack,
	 * with the run stopped (m.failed, no error) until a step runner
	 * catches it; whether the running frame's traceback entry is made
	 * (a re-raise makes none); where the running frame's stack begins;
	 * and, for each frame that called another, the step it is at and
	 * whether an exception may come back into it (not into C code, a
	 * __del__'s or a __repr__'s caller, nor into a comprehension). */
	objid_t			 raising;
	bool			 raise_traced;
	uint32_t		 jump;		/* 1 + the step to run next,
						   whatever the step's own */
	bool			 past_with;	/* or past_step (which may be
						   SCENARIO_STEP_END): a `with`
						   line whose exception a
						   manager swallowed */
	uint32_t		 past_step;
	const struct text	*raise_code;	/* where it was raised */
	uint32_t		 raise_offset;
	uint32_t		 frame_base;
	struct caller {
		const struct program_function *function;
		uint32_t	 pc;
		bool		 crossable;
	}			*callers;
	uint32_t		 caller_count, caller_cap;

	/* the `for` loops running, innermost last: each one's iterator is
	 * on the evaluation stack (GET_ITER .. FOR_ITER) */
	struct for_loop {
		uint32_t	 header;	/* its header's step */
		uint32_t	 frame;		/* in this frame */
		uint32_t	 at;		/* its iterator's stack position */
		/* or an `except` block (.py): it handles exc, held at `at`
		 * (tstate's exc_info) under a None (PUSH_EXC_INFO's
		 * previous exception); header is the clause that matched
		 * (the first while none has), first its try's first */
		bool		 handler;
		bool		 is_finally;	/* a `finally:` block an
						   exception came to: the
						   exception is on the stack
						   above the None too; header
						   is its `try:` step */
		bool		 returning;	/* or a `return` came to it:
						   the value is at `at`, and
						   nothing else; matched: a
						   return from code only an
						   exception reaches, which
						   the block's copy is in */
		bool		 jumping;	/* or a `break` or `continue`:
						   nothing on the stack; it
						   goes on to step target,
						   ending the `for` loop
						   `loop` (1 + its header)
						   for a break; matched as
						   for a return */
		uint32_t	 target;
		uint32_t	 loop;
		/* or a `with` manager's exit (.py): its __exit__ at `at`,
		 * a bound method (3.11 to 3.13), or the function and the
		 * manager above it (3.14's LOAD_SPECIAL); header is the
		 * `with` step, target the manager's exit step */
		bool		 is_with;
		bool		 matched;
		objid_t		 exc;
		uint32_t	 first;
	}			*loops;
	uint32_t		 loop_count, loop_cap;

	objid_t			*step_consts;	/* module step: pool -> object */
	objid_t			*function_consts; /* the function pool's objects */

	/* the class statement running (.py): its base and how many
	 * references CPython's machinery will hold to the class; and the
	 * class each class body made, by program function (super()) */
	objid_t			 class_base;
	uint8_t			 class_internal;
	atom_t			 class_exception;	/* pyclass.exception */
	bool			 text_methods;	/* a class has __repr__ or
						   __str__ */
	bool			 eq_methods;	/* ... a rich comparison
						   method or __hash__ */
	objid_t			*class_of;
	/* weakref.finalize, the library's class (made by the first
	 * finalizer), and its _index_iter's next number */
	objid_t			 finalize_cls;
	int64_t			 finalize_index;
	objid_t			 weakdict_cls[WEAKDICT_KINDS];	/* their classes */
	uint32_t		 library_depth;	/* in weakref.py's code:
						   what it raises is not
						   followed to an except */

	/* interned atoms */
	atom_t			 a_sys, a_gc, a_i, a_weakref, a_copy;
	/* the names `from MODULE import NAME` lines have run, each calling
	 * into its module's table */
	struct imported_name {
		atom_t			 name;
		enum callable_owner	 owner;
	}			*imported;
	uint32_t		 imported_count;
	atom_t			 a_init, a_del, a_repr, a_str, a_doc, a_class,
				 a_super, a_dict, a_slotnames, a_hash;
	/* the rich comparison methods, by enum compare_op (CMP_EQ..CMP_GE) */
	atom_t			 a_richcompare[CMP_GE + 1];
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
static bool push_function(struct interp *it, uint32_t i,
    const struct expr *defaults);
static bool exec_class(struct interp *it, const struct stmt *s);
static objid_t unbind_local(struct interp *it, uint32_t frame, uint32_t i);
static objid_t push_new(struct interp *it, enum obj_type type);
static objid_t text_method(const struct interp *it, objid_t x, bool as_str);
static bool repr_runs_code_in(const struct interp *it, objid_t x,
    uint32_t depth);
static bool run_function(struct interp *it, const struct expr *call,
    uint32_t base, uint32_t nself);
static void hold_top(struct interp *it, objid_t id);
static bool gen_resume(struct interp *it, uint32_t offset, objid_t g,
    bool *done);
static void gen_close(struct interp *it, objid_t g);
static void class_finish(struct interp *it);
static bool eval_comp(struct interp *it, const struct expr *e);
static bool hidden_find(const struct interp *it, atom_t name,
    struct comp_run **run, uint32_t *i);
static objid_t hidden_value(const struct interp *it,
    const struct comp_run *run, uint32_t i);

static bool list_extend(struct interp *it, uint32_t offset, objid_t l,
    objid_t iterable);
static bool is_unbound_global(const struct interp *it, atom_t name);
static bool push_weaklist_head(struct interp *it, objid_t o);
static bool finalize_attribute(struct interp *it, uint32_t offset,
    objid_t f, atom_t name);
static bool instance_store(struct interp *it, uint32_t offset, atom_t name,
    uint32_t base);
static bool weakdict_attribute(struct interp *it, uint32_t offset,
    objid_t d, atom_t name);
static bool weakdict_getitem(struct interp *it, uint32_t offset, objid_t d,
    objid_t key);
static bool weakdict_setitem(struct interp *it, uint32_t offset, objid_t d,
    objid_t key, objid_t value);
static bool weakdict_delitem(struct interp *it, uint32_t offset, objid_t d,
    objid_t key);
static bool weakdict_contains(struct interp *it, uint32_t offset, objid_t d,
    objid_t key, bool *found);
static bool weakdict_unsupported(struct interp *it, uint32_t offset,
    const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static bool weakref_by_code(const struct interp *it, objid_t x);
static void push_weakref(struct interp *it, objid_t target,
    objid_t callback);
static void push_set_copy(struct interp *it, const struct settable *src);
static bool all_constant(const struct expr *e);
static const struct callable *callable_find(const struct interp *it,
    enum callable_owner owner, atom_t name);
static enum callable_owner module_owner(const struct interp *it,
    atom_t module);
static enum callable_owner imported_owner(const struct interp *it,
    atom_t name);
static bool eval(struct interp *it, const struct expr *e);
static const struct pystr *str_of(const struct interp *it, objid_t id);
static bool str_too_long(struct interp *it, uint32_t offset);
static void push_fresh_str(struct interp *it, const char *bytes, size_t len);
static objid_t push_new(struct interp *it, enum obj_type type);
static bool throw_new(struct interp *it, uint32_t offset, const char *name,
    const char *message, objid_t arg);
static bool throw(struct interp *it, uint32_t offset, bool traced);
static bool handling_here(const struct interp *it);
static void enter_returning(struct interp *it, uint32_t fin,
    bool from_handler);
static bool catchable(const struct interp *it);
enum catch_kind { CATCH_NONE, CATCH_FOLLOWED, CATCH_UNFOLLOWED };
static enum catch_kind catch_kind(const struct interp *it);
static void push_exception(struct interp *it, const char *name, uint32_t n);
static bool is_exception(const struct interp *it, objid_t v);
static int64_t held_named(const struct interp *it, objid_t id, atom_t name);
static void hold_named(struct interp *it, objid_t id, uint32_t index,
    atom_t name, enum event_reason reason);
static void unhold(struct interp *it, objid_t id, uint32_t i,
    enum event_reason reason);
static bool keywords_unsupported(struct interp *it, const struct expr *call);

/* ---- errors ---- */

static bool raise(struct interp *it, uint32_t offset, const char *exception,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static bool builtin_type_has_method(const char *type_name, const char *name);
static void push_type_of(struct interp *it, objid_t x, enum event_reason reason,
    atom_t name);
static bool iter_step(struct interp *it, uint32_t offset, objid_t iterator,
    bool *done);
static bool globals_refused(struct interp *it, uint32_t offset);

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
	if (exception != NULL && catch_kind(it) == CATCH_NONE)
		diag_set_hint(d, "CPython would raise %s here, and nothing "
		    "catches it: the program would stop", exception);
	else if (exception != NULL)
		diag_set_hint(d, "CPython would raise %s here; following it to "
		    "an `except` from here is not supported yet", exception);
	strbuf_free(&sb);
	machine_fail(&it->m, d);
	return false;
}

/* What CPython raises where pyformat said no. */
static bool
format_failed(struct interp *it, uint32_t offset, enum pyformat_status status,
    const char *message)
{
	return raise(it, offset, status == PYFORMAT_VALUE_ERROR ? "ValueError" :
	    status == PYFORMAT_OVERFLOW_ERROR ? "OverflowError" : NULL, "%s",
	    message);
}

/* format(o, spec) of an int or a bool object, of any size. */
static enum pyformat_status
format_int(const struct object *o, const struct pyformat_spec *spec,
    struct strbuf *out, char *message, size_t size)
{
	if (heap_bigint(o) != NULL)
		return pyformat_bigint(spec, o->as.big, out, message, size);
	return pyformat_int(spec, o->as.i, out, message, size);
}

/* What CPython raises where heap_repr_nested gave up. */
static bool
repr_failed(struct interp *it, uint32_t offset, enum heap_repr_failure why)
{
	if (why == HEAP_REPR_INT_TOO_LONG)
		return raise(it, offset, "ValueError", "%s",
		    BIGINT_STR_LIMIT_MESSAGE);
	if (why == HEAP_REPR_GLOBALS)
		return globals_refused(it, offset);
	return raise(it, offset, "RecursionError", "maximum recursion depth "
	    "exceeded while getting the repr of an object");
}

/* Whether the run goes on: no error stopped it, no exception is on its
 * way up. */
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

/* Whether o is the module's globals dict (ITER_GLOBALS): gc.get_referrers
 * answers with it, but the model keeps no dict of its entries -- the
 * module frame's names are the program's, and beside them are the
 * interpreter's (__builtins__, __loader__, __spec__, ...) -- so every use
 * of it but its identity and its type is refused, located, here. */
static bool
is_globals(const struct interp *it, objid_t o)
{
	const struct object *ob = obj(it, o);

	return ob->type == OBJ_ITER && ob->as.iter->kind == ITER_GLOBALS;
}

static bool
globals_refused(struct interp *it, uint32_t offset)
{
	return raise(it, offset, NULL, "using the module's globals dict "
	    "(other than by `is`, type() and isinstance()) is not supported "
	    "yet: beside the program's names it holds the interpreter's "
	    "own (__builtins__, __loader__, ...), which refscope does not "
	    "model");
}

/* True, and refused, when o is the module's globals dict. */
static bool
globals_used(struct interp *it, uint32_t offset, objid_t o)
{
	return is_globals(it, o) && !globals_refused(it, offset);
}

static const char *
type_name(const struct interp *it, objid_t id)
{
	return heap_type_name(H(it), id);
}

/*
 * Charges the decimal text of the ints beyond 64 bits that str(id) or
 * repr(id) writes, id's own or its items' (a list's, a tuple's): each
 * costs its length squared in digits, as bigint_write divides.  False
 * (the run stopped) past the budget.
 */
static bool
charge_repr(struct interp *it, objid_t id)
{
	const struct object	*o = obj(it, id);
	uint64_t		 cost = 0;

	if (heap_bigint(o) != NULL)
		cost = (uint64_t)o->as.big->len * o->as.big->len;
	else if (o->type == OBJ_LIST || o->type == OBJ_TUPLE)
		for (uint32_t i = 0; i < o->as.seq->len; i++) {
			const struct object *item = obj(it,
			    o->as.seq->items[i]);

			if (heap_bigint(item) != NULL)
				cost += (uint64_t)item->as.big->len *
				    item->as.big->len;
		}
	return cost == 0 || charge(it, cost);
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

/*
 * The value of int object id where CPython converts it to a C integer:
 * false, with exception raised (CPython's message), when it is beyond
 * 64 bits.
 */
static bool
c_integer(struct interp *it, uint32_t offset, objid_t id,
    const char *exception, const char *message, int64_t *out)
{
	*out = 0;
	if (heap_bigint(obj(it, id)) != NULL)
		return raise(it, offset, exception, "%s", message);
	*out = obj(it, id)->as.i;
	return true;
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
		s.big = heap_bigint(o);
		s.i = s.big != NULL ? 0 : o->as.i;
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
		if (s->big == NULL) {
			objects_push_int(&it->m, s->i, reason);
			break;
		}
		/* the new object takes the digits (a copy when borrowed) */
		objects_push_bigint(&it->m, s->owned_big != NULL ?
		    s->owned_big : bigint_copy(s->big), reason);
		s->owned_big = NULL;
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
	case CONST_BIGINT:
		objects_push_bigint(&it->m, bigint_copy(c->as.big),
		    REASON_CONSTANT);
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

/* The objects of the running code's constant pool: a function's and a .py
 * module's are the unit's pool, a YAML step's its own. */
static objid_t *
code_constants(const struct interp *it)
{
	return it->function || it->p->scenario->python ?
	    it->function_consts : it->step_consts;
}

static void
push_constant(struct interp *it, const struct expr *e)
{
	push_ref(it, code_constants(it)[e->constant - 1], REASON_CONSTANT,
	    ATOM_NONE);
}

/* ---- names ---- */

static bool
is_local(const struct interp *it, atom_t name, uint32_t *index)
{
	return it->function != NULL &&
	    program_is_local(it->function, name, index);
}

/* ---- cells (.py closures) ----
 *
 * A local that an inner function uses lives in a cell (MAKE_CELL), which
 * the frame holds in the local's slot; a free variable's slot holds the
 * enclosing function's cell, taken from the function's __closure__ tuple
 * (COPY_FREE_VARS).  LOAD_DEREF and STORE_DEREF go through the cell: the
 * cell holds the value, the frame and every closure hold the cell.
 */

/* Whether local i of the running function is a cell or a free variable. */
static bool
is_deref(const struct interp *it, uint32_t i)
{
	return it->function != NULL &&
	    program_local_kind(it->function, i) != LOCAL_FAST;
}

/* The value in cell c, OBJ_NULL while it is empty. */
static objid_t
cell_contents(const struct interp *it, objid_t c)
{
	const struct pyiter *cell = obj(it, c)->as.iter;

	return cell->count > 0 ? cell->held[0] : OBJ_NULL;
}

/* The value of local i of the running frame, through its cell for a cell
 * or free variable; OBJ_NULL when it is unbound. */
static objid_t
local_value(const struct interp *it, uint32_t i)
{
	objid_t v = heap_frame(H(it), it->frame)->names[i].value;

	return v != OBJ_NULL && is_deref(it, i) ? cell_contents(it, v) : v;
}

/* PyCell_SET: the stack entry at `from` into cell c, the old contents
 * dropped after (Py_XDECREF of the old). */
static void
cell_store(struct interp *it, objid_t c, uint32_t from,
    enum event_reason reason, atom_t name)
{
	objid_t old = cell_contents(it, c);

	if (old != OBJ_NULL)
		emit_move(it, EV_SLOT_REMOVE, SITE_HELD, old, c, 0, OBJ_NULL,
		    0, reason, name);
	if (ok(it))
		emit_move(it, EV_SLOT_INSERT, SITE_HELD, stack_at(it, from), c,
		    0, OBJ_NULL, from, reason, name);
	if (old != OBJ_NULL && ok(it))
		drop_top(it, REASON_REBIND, name);
}

/* The UnboundLocalError (a cell of its own) or NameError (a free
 * variable) of reading local i while it is unbound. */
static bool
unbound_local(struct interp *it, uint32_t offset, uint32_t i)
{
	const char *name = atom_name(it->function->locals[i]);

	if (program_local_kind(it->function, i) == LOCAL_FREE)
		return raise(it, offset, "NameError", "cannot access free "
		    "variable '%s' where it is not associated with a value in "
		    "enclosing scope", name);
	return raise(it, offset, "UnboundLocalError", "cannot access local "
	    "variable '%s' where it is not associated with a value", name);
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

	if (is_local(it, name, &index) && is_deref(it, index)) {
		cell_store(it, heap_frame(H(it), it->frame)->names[index].value,
		    from, reason, name);
		return;
	}
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

/* Whether the builtin called name is a type: as a value, the type
 * object. */
static bool
is_builtin_type(const char *name)
{
	static const char *const types[] = { "bool", "int", "float", "str",
	    "tuple", "list", "dict", "set", "type", "range", "enumerate",
	    "zip", "reversed", NULL };

	for (const char *const *t = types; *t != NULL; t++)
		if (strcmp(*t, name) == 0)
			return true;
	return false;
}

static bool
load_name(struct interp *it, const struct expr *e)
{
	atom_t		 name = e->as.name;
	uint32_t	 index;
	objid_t		 value;
	struct comp_run	*run;

	if (hidden_find(it, name, &run, &index)) {
		if ((value = hidden_value(it, run, index)) == OBJ_NULL)
			return raise(it, e->offset, "UnboundLocalError",
			    "cannot access local variable '%s' where it is "
			    "not associated with a value", atom_name(name));
		push_ref(it, value, REASON_LOAD, name);
		return ok(it);
	}
	if (is_local(it, name, &index)) {
		value = local_value(it, index);
		if (value == OBJ_NULL)
			return unbound_local(it, e->offset, index);
		push_ref(it, value, REASON_LOAD, name);
		return ok(it);
	}
	if (heap_lookup_name(H(it), 0, name, &index, &value)) {
		push_ref(it, value, REASON_LOAD, name);
		return ok(it);
	}
	if (is_builtin_type(atom_name(name)) ||
	    pynames_exception_base(atom_name(name)) != NULL) {
		objects_push_type(&it->m, atom_name(name));
		return ok(it);
	}
	if (strcmp(atom_name(name), "print") == 0) {
		objects_push_builtin(&it->m, "print");
		return ok(it);
	}
	if (strcmp(atom_name(name), "NotImplemented") == 0) {
		objects_push_notimplemented(&it->m);
		return ok(it);
	}
	if (callable_find(it, OWNER_BUILTIN, name) != NULL)
		return raise(it, e->offset, NULL, "the built-in %s can only be "
		    "called here, not used as a value", atom_name(name));
	if (module_owner(it, name) != OWNER_COUNT)
		return raise(it, e->offset, NULL, "`%s` can only be used to "
		    "call its functions (%s.…(…))", atom_name(name),
		    atom_name(name));
	if (imported_owner(it, name) != OWNER_COUNT)
		return raise(it, e->offset, NULL, "`%s` (imported from a "
		    "module) can only be called here, not used as a value",
		    atom_name(name));
	if (pynames_is_builtin(atom_name(name)))
		return raise(it, e->offset, NULL, "the built-in %s is not "
		    "supported yet", atom_name(name));
	if (pynames_is_module_global(atom_name(name)))
		return raise(it, e->offset, NULL, "the module's global %s is "
		    "not supported yet", atom_name(name));
	return raise(it, e->offset, "NameError", "name '%s' is not defined",
	    atom_name(name));
}

static bool
delete_name(struct interp *it, const struct expr *e)
{
	atom_t		name = e->as.name;
	uint32_t	frame = 0, index;
	objid_t		value;

	if (is_local(it, name, &index) && is_deref(it, index)) {
		/* DELETE_DEREF: the cell stays, empty */
		objid_t c = heap_frame(H(it), it->frame)->names[index].value;

		if ((value = cell_contents(it, c)) == OBJ_NULL)
			return unbound_local(it, e->offset, index);
		emit_move(it, EV_SLOT_REMOVE, SITE_HELD, value, c, 0, OBJ_NULL,
		    0, REASON_DELETE, name);
		drop_top(it, REASON_DELETE, name);
		return ok(it);
	}
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
	if (!c_integer(it, offset, key, "IndexError", BIGINT_INDEX_OVERFLOW,
	    &i))
		return false;
	if (i < 0)
		i += len;
	if (i < 0 || i >= len) {
		char message[64];

		snprintf(message, sizeof message, "%s %sindex out of range",
		    what, assignment ? "assignment " : "");
		/* list_item's message is a static str (_Py_STR(list_err)) */
		if (strcmp(message, "list index out of range") == 0 &&
		    catchable(it)) {
			objects_push_static_str(&it->m, message);
			push_exception(it, "IndexError", 1);
			return ok(it) && throw(it, offset, false);
		}
		return throw_new(it, offset, "IndexError", message, OBJ_NULL);
	}
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
	it->work.needs_code = false;
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
	/* a path that does not follow __eq__ met one: refused, not wrong */
	if (it->work.needs_code) {
		it->work.needs_code = false;
		return raise(it, offset, NULL, "comparing an instance whose "
		    "class defines __eq__ here is not supported yet");
	}
	return work_left(it);
}

/* What a key is hashed for: CPython 3.14 says so when it cannot be. */
enum hash_use {
	HASH_PLAIN,
	HASH_DICT_KEY,
	HASH_SET_ELEMENT
};

static bool unhashable_part(struct interp *it, uint32_t offset, objid_t key,
    objid_t *bad);
static bool throw_new(struct interp *it, uint32_t offset, const char *name,
    const char *message, objid_t arg);
static objid_t hash_method(const struct interp *it, objid_t x);
static bool hash_by_code(struct interp *it, uint32_t offset, objid_t x,
    objid_t m, pyhash_t *hash);
static int64_t dict_find_by_code(struct interp *it, uint32_t offset,
    objid_t d, objid_t key);
static int64_t set_find_by_code(struct interp *it, uint32_t offset,
    objid_t set, objid_t key);

/* hash(key), or a TypeError an `except` may catch: "unhashable type:
 * 'list'", naming the part that is not hashable; 3.14 says what key was
 * to be (set_unhashable_type, dict_unhashable_type). */
static bool
hash_of(struct interp *it, enum hash_use use, uint32_t offset, objid_t key,
    pyhash_t *hash)
{
	objid_t		 bad = OBJ_NULL;
	bool		 says_use = use != HASH_PLAIN &&
	    version_rules(H(it)->python)->says_unhashable_use;
	struct strbuf	 sb = STRBUF_INIT;
	objid_t		 m = hash_method(it, key);

	if (heap_is_weakdict(H(it), key))
		return weakdict_unsupported(it, offset, "hashing a %s (a "
		    "Mapping: unhashable)", type_name(it, key));
	if (weakref_by_code(it, key))
		return weakdict_unsupported(it, offset, "hashing a weakref to "
		    "an instance whose class defines __eq__ or __hash__");
	if (m != OBJ_NULL)
		return hash_by_code(it, offset, key, m, hash);
	if (it->eq_methods && !unhashable_part(it, offset, key, &bad))
		return false;
	if (bad == OBJ_NULL) {
		if (heap_hash_within(H(it), key, hash, &it->work))
			return true;
		if (!work_left(it) || !unhashable_part(it, offset, key, &bad))
			return false;
	}
	if (says_use)
		strbuf_printf(&sb, "cannot use '%s' as a %s (", type_name(it,
		    key), use == HASH_DICT_KEY ? "dict key" : "set element");
	strbuf_printf(&sb, "unhashable type: '%s'", type_name(it, bad));
	if (says_use)
		strbuf_putc(&sb, ')');
	throw_new(it, offset, "TypeError", strbuf_str(&sb), OBJ_NULL);
	strbuf_free(&sb);
	return false;
}

static bool
key_error(struct interp *it, uint32_t offset, objid_t key)
{
	struct strbuf sb = STRBUF_INIT;

	heap_repr(H(it), key, false, 60, &sb);
	throw_new(it, offset, "KeyError", strbuf_str(&sb), key);
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

	if (it->eq_methods)
		return dict_find_by_code(it, offset, d, key);
	walk_begin(it);
	entry = heap_dict_find_within(H(it), d, key, &it->work);
	return walk_end(it, offset) ? entry : -1;
}

static int64_t
set_find(struct interp *it, uint32_t offset, objid_t set, objid_t key)
{
	int64_t entry;

	if (it->eq_methods)
		return set_find_by_code(it, offset, set, key);
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

	if (globals_used(it, offset, container))
		return false;
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

		if (!hash_of(it, HASH_DICT_KEY, offset, key, &hash))
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
		if (heap_is_weakdict(H(it), container)) {
			if (!weakdict_getitem(it, offset, container, key))
				return false;
			break;
		}
		return raise(it, offset, "TypeError", "'%s' object is not "
		    "subscriptable", type_name(it, container));
	}
	if (!ok(it))
		return false;
	/* BINARY_SUBSCR drops the container, then the key */
	drop_operands(it, base, 2, REASON_OPERAND_DONE);
	return ok(it);
}

/*
 * insertdict once the key is looked up (entry, or -1): the value at
 * value_pos into dict d under the key at key_pos.  Unless take, both
 * references stay on the stack: the dict makes new ones (PyDict_SetItem).
 * With take, key and value are the top two and the dict takes them
 * (MAP_ADD's _PyDict_SetItem_Take2): a key already there is dropped,
 * after the old value.
 */
static bool
dict_settle(struct interp *it, objid_t d, uint32_t key_pos,
    uint32_t value_pos, bool take, int64_t entry)
{
	objid_t	key = stack_at(it, key_pos), value = stack_at(it, value_pos);

	if (entry >= 0) {
		objid_t old = obj(it, d)->as.dict->entries[entry].value;

		if (!take)
			push_ref(it, value, REASON_STORE, ATOM_NONE);
		emit_move(it, EV_SLOT_SET, SITE_DICT_VALUE, value, d,
		    (uint32_t)entry, old, TOP(it), REASON_STORE, ATOM_NONE);
		drop_top(it, REASON_REBIND, ATOM_NONE);
		if (take)
			drop_top(it, REASON_OPERAND_DONE, ATOM_NONE);
		return ok(it);
	}
	if (!take) {
		push_ref(it, key, REASON_STORE, ATOM_NONE);
		push_ref(it, value, REASON_STORE, ATOM_NONE);
	}
	machine_emit(&it->m, (struct event){ .kind = EV_DICT_INSERT,
	    .reason = REASON_STORE, .site = SITE_DICT_KEY, .object = key,
	    .owner = d, .index = obj(it, d)->as.dict->count, .other = value,
	    .aux = TOP(it) - 1 });
	return ok(it);
}

/* insertdict with the key hashed and looked up first (dict_settle). */
static bool
dict_insert_at(struct interp *it, uint32_t offset, objid_t d,
    uint32_t key_pos, uint32_t value_pos, bool take)
{
	objid_t		key = stack_at(it, key_pos), value = stack_at(it, value_pos);
	pyhash_t	hash;
	int64_t		entry;

	/* PyDict_SetItem takes its references before it hashes: a class's
	 * __hash__ and __eq__ see them (they go as MAP_ADD's do) */
	if (!take && it->eq_methods) {
		push_ref(it, key, REASON_STORE, ATOM_NONE);
		push_ref(it, value, REASON_STORE, ATOM_NONE);
		take = true;
		key_pos = TOP(it) - 1;
		value_pos = TOP(it);
	}
	if (!hash_of(it, HASH_DICT_KEY, offset, key, &hash))
		return false;
	/* insertdict starts with MAINTAIN_TRACKING, for new keys and old */
	gctrack_dict_store(&it->m, d, key, value);
	entry = dict_find(it, offset, d, key);
	return ok(it) && dict_settle(it, d, key_pos, value_pos, take, entry);
}

static bool
dict_store(struct interp *it, uint32_t offset, objid_t d, uint32_t key_pos,
    uint32_t value_pos)
{
	return dict_insert_at(it, offset, d, key_pos, value_pos, false);
}

/* container[key] = value: value, container, key on the stack from base. */
static bool
subscript_store(struct interp *it, uint32_t offset, uint32_t base)
{
	objid_t	value = stack_at(it, base), container = stack_at(it, base + 1);
	objid_t	key = stack_at(it, base + 2);
	enum obj_type type = obj(it, container)->type;
	uint32_t i;

	if (globals_used(it, offset, container))
		return false;
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
		if (heap_is_weakdict(H(it), container)) {
			if (!weakdict_setitem(it, offset, container, key,
			    value))
				return false;
			break;
		}
		return raise(it, offset, "TypeError", "'%s' object does not "
		    "support item assignment", type_name(it, container));
	}
	/* STORE_SUBSCR drops the value, the container, the key */
	drop_operands(it, base, 3, REASON_OPERAND_DONE);
	return ok(it);
}

/* del d[key]: KeyError when it is not there. */
static bool
dict_delete(struct interp *it, uint32_t offset, objid_t d, objid_t key)
{
	pyhash_t		 hash;
	int64_t			 entry;
	const struct dict_entry	*e;

	if (!hash_of(it, HASH_DICT_KEY, offset, key, &hash))
		return false;
	entry = dict_find(it, offset, d, key);
	if (entry < 0)
		return ok(it) && key_error(it, offset, key);
	e = &obj(it, d)->as.dict->entries[entry];
	machine_emit(&it->m, (struct event){ .kind = EV_DICT_REMOVE,
	    .reason = REASON_DELETE, .site = SITE_DICT_KEY, .object = e->key,
	    .other = e->value, .owner = d, .index = (uint32_t)entry });
	/* delitem_common: the value, then the key */
	drop_top(it, REASON_DELETE, ATOM_NONE);
	drop_top(it, REASON_DELETE, ATOM_NONE);
	return ok(it);
}

static bool
subscript_delete(struct interp *it, uint32_t offset, uint32_t base)
{
	objid_t	container = stack_at(it, base), key = stack_at(it, base + 1);
	uint32_t i;

	if (globals_used(it, offset, container))
		return false;
	switch (obj(it, container)->type) {
	case OBJ_LIST:
		if (!index_of(it, offset, container, key, "list", true, &i))
			return false;
		emit_move(it, EV_SLOT_REMOVE, SITE_ITEM,
		    obj(it, container)->as.seq->items[i], container, i,
		    OBJ_NULL, 0, REASON_DELETE, ATOM_NONE);
		drop_top(it, REASON_DELETE, ATOM_NONE);
		break;
	case OBJ_DICT:
		if (!dict_delete(it, offset, container, key))
			return false;
		break;
	default:
		if (heap_is_weakdict(H(it), container)) {
			if (!weakdict_delitem(it, offset, container, key))
				return false;
			break;
		}
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

/* The methods (and a number's attributes) Python has: to tell
 * AttributeError from "not supported yet". */
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
	static const char *const range_attributes[] = { "count", "index",
	    "start", "step", "stop", NULL };
	/* and the data attributes of numbers */
	static const char *const int_attributes[] = { "as_integer_ratio",
	    "bit_count", "bit_length", "conjugate", "denominator", "from_bytes",
	    "imag", "is_integer", "numerator", "real", "to_bytes", NULL };
	static const char *const float_attributes[] = { "as_integer_ratio",
	    "conjugate", "fromhex", "hex", "imag", "is_integer", "real", NULL };
	const char *const *names;

	switch (type) {
	case OBJ_LIST:	names = list_methods; break;
	case OBJ_DICT:	names = dict_methods; break;
	case OBJ_SET:	names = set_methods; break;
	case OBJ_TUPLE:	names = tuple_methods; break;
	case OBJ_RANGE:	names = range_attributes; break;
	case OBJ_INT:
	case OBJ_BOOL:	names = int_attributes; break;
	case OBJ_FLOAT:	names = float_attributes; break;
	case OBJ_STR:	return true;	/* many; none in the subset */
	default:	return false;
	}
	for (; *names != NULL; names++)
		if (strcmp(*names, name) == 0)
			return true;
	return false;
}

/* Whether an object of the C type kind has the attribute name (beside
 * the special ones): those of exceptions, tracebacks, frames and
 * generators, which the model reads only some of. */
static bool
iter_has_attribute(enum iter_kind kind, const char *name)
{
	static const struct {
		enum iter_kind	 kind;
		const char	*names[10];
	} table[] = {
		{ ITER_EXCEPTION, { "add_note", "args", "with_traceback" } },
		{ ITER_TRACEBACK, { "tb_frame", "tb_lasti", "tb_lineno",
		    "tb_next" } },
		{ ITER_FRAME, { "clear", "f_back", "f_builtins", "f_code",
		    "f_globals", "f_lasti", "f_lineno", "f_locals",
		    "f_trace", "f_trace_lines" } },
		{ ITER_GENERATOR, { "close", "gi_code", "gi_frame",
		    "gi_running", "gi_suspended", "gi_yieldfrom", "send",
		    "throw" } },
		{ ITER_CELL, { "cell_contents" } },
	};

	for (size_t i = 0; i < sizeof table / sizeof *table; i++)
		for (size_t k = 0; table[i].kind == kind && k <
		    sizeof table[i].names / sizeof *table[i].names &&
		    table[i].names[k] != NULL; k++)
			if (strcmp(table[i].names[k], name) == 0)
				return true;
	return false;
}

/* An attribute the model did not find that CPython may have: a special
 * name (__class__, __name__, __dict__, ...: every object has some), or a
 * method of a built-in type read without a call (x.append).  True (and
 * raised) when name is one. */
static bool
attribute_unmodelled(struct interp *it, uint32_t offset, objid_t o,
    atom_t name)
{
	const char	*n = atom_name(name);
	size_t		 len = strlen(n);
	enum obj_type	 type = obj(it, o)->type;

	if (len > 4 && strncmp(n, "__", 2) == 0 &&
	    strcmp(n + len - 2, "__") == 0)
		raise(it, offset, NULL, "reading %s is not supported yet", n);
	else if (python_has_method(type, n))
		raise(it, offset, NULL, "reading %s.%s (other than to call "
		    "it) is not supported yet", type_name(it, o), n);
	else if (type == OBJ_ITER &&
	    iter_has_attribute(obj(it, o)->as.iter->kind, n))
		raise(it, offset, NULL, "%s.%s is not supported yet",
		    type_name(it, o), n);
	else if (type == OBJ_TYPE && builtin_type_has_method(
	    atom_name(obj(it, o)->as.name), n))
		/* dict.keys: a method descriptor, not modelled */
		raise(it, offset, NULL, "reading %s.%s (a built-in type's "
		    "method, unbound) is not supported yet",
		    atom_name(obj(it, o)->as.name), n);
	else
		return false;
	return true;
}

/* ---- an instance's attributes: inline values or a real dict ----
 *
 * 3.11 keeps an instance's attributes as values beside it, in its class's
 * shared keys, until the keys have no room for a name it needs, or its
 * __dict__ is read: then make_dict_from_instance_attributes moves them
 * into a real dict, which the instance holds from then on (drawn as its
 * attribute __dict__), and every attribute is that dict's.
 */

/* Instance o's real dict, or OBJ_NULL while its values are inline. */
static objid_t
instance_dict_of(const struct interp *it, objid_t o)
{
	int64_t i = heap_attr_index(H(it), o, it->a_dict);

	return i >= 0 ? obj(it, o)->as.inst->attrs[i].value : OBJ_NULL;
}

/* The entry of dict d whose key is the str name, or -1. */
static int64_t
dict_name_entry(const struct interp *it, objid_t d, atom_t name)
{
	const struct pydict	*dd = obj(it, d)->as.dict;
	size_t			 len = atom_length(name);

	for (uint32_t e = 0; e < dd->count; e++) {
		objid_t k = dd->entries[e].key;

		if (k != OBJ_NULL && obj(it, k)->type == OBJ_STR &&
		    str_of(it, k)->len == len &&
		    memcmp(str_of(it, k)->data, atom_name(name), len) == 0)
			return e;
	}
	return -1;
}

/* Instance o's own attribute name (inline or in its dict), or OBJ_NULL. */
static objid_t
instance_value(const struct interp *it, objid_t o, atom_t name)
{
	objid_t	d = instance_dict_of(it, o);
	int64_t	i;

	if (d != OBJ_NULL) {
		i = dict_name_entry(it, d, name);
		return i >= 0 ? obj(it, d)->as.dict->entries[i].value :
		    OBJ_NULL;
	}
	i = heap_attr_index(H(it), o, name);
	return i >= 0 ? obj(it, o)->as.inst->attrs[i].value : OBJ_NULL;
}

/* Whether o's class can keep name inline: it has the name already, or
 * room for one more (insert_into_dictkeys). */
static bool
shared_keys_take(const struct interp *it, objid_t o, atom_t name)
{
	const struct pyclass *c = obj(it, obj(it, o)->as.inst->cls)->as.cls;

	for (uint32_t k = 0; k < c->key_count; k++)
		if (c->keys[k] == name)
			return true;
	return c->usable > 0;
}

/* Instance o's real dict, made now if its values are inline: a new dict
 * takes them, in their order, and the instance takes the dict. */
static objid_t
instance_dict(struct interp *it, objid_t o)
{
	objid_t d = instance_dict_of(it, o);

	if (d != OBJ_NULL)
		return d;
	d = push_new(it, OBJ_DICT);
	while (obj(it, o)->as.inst->count > 0 && ok(it)) {
		atom_t	name = obj(it, o)->as.inst->attrs[0].name;
		objid_t	value = obj(it, o)->as.inst->attrs[0].value;

		objects_push_str(&it->m, atom_name(name), atom_length(name),
		    true, REASON_STORE);
		emit_move(it, EV_SLOT_REMOVE, SITE_ATTR, value, o, 0,
		    OBJ_NULL, 0, REASON_STORE, name);
		dict_store(it, 0, d, TOP(it) - 1, TOP(it));
		drop_top(it, REASON_OPERAND_DONE, ATOM_NONE);
		drop_top(it, REASON_OPERAND_DONE, ATOM_NONE);
	}
	emit_move(it, EV_SLOT_INSERT, SITE_ATTR, d, o, 0, OBJ_NULL, TOP(it),
	    REASON_STORE, it->a_dict);
	return d;
}

/*
 * An exception's fields, in the order BaseException_traverse visits them
 * and BaseException_clear drops them (the same in 3.11 to 3.14; notes,
 * between args and the traceback, are never set here), then its class,
 * which subtype_dealloc drops last.  Its slots keep this order, so that
 * refcount.c's dealloc, dropping the first slot each time, drops them as
 * CPython does.
 */
static const char *const exception_fields[] = { "__dict__", "args",
    "__traceback__", "__cause__", "__context__", "__class__" };

/* Where field name goes among exception exc's slots: after those that
 * come before it in exception_fields. */
static uint32_t
exception_slot(const struct interp *it, objid_t exc, atom_t name)
{
	const struct pyiter	*h = obj(it, exc)->as.iter;
	size_t			 rank = 0, n = sizeof exception_fields /
				    sizeof *exception_fields;
	uint32_t		 at = 0;

	while (rank < n && atom_from(exception_fields[rank]) != name)
		rank++;
	for (uint32_t i = 0; i < h->count; i++)
		for (size_t r = 0; r < rank; r++)
			if (h->names[i] == atom_from(exception_fields[r])) {
				at = i + 1;
				break;
			}
	return at;
}

/* Whether name is a field of BaseException's own (a getset descriptor
 * its type defines: it comes before the exception's __dict__). */
static bool
exception_field(atom_t name)
{
	const char *n = atom_name(name);

	for (size_t k = 1; k < sizeof exception_fields /
	    sizeof *exception_fields - 1; k++)
		if (strcmp(n, exception_fields[k]) == 0)
			return true;
	return strcmp(n, "__suppress_context__") == 0 ||
	    strcmp(n, "__notes__") == 0;
}

/* Exception exc's __dict__, or OBJ_NULL while it has none. */
static objid_t
exception_dict_of(const struct interp *it, objid_t exc)
{
	int64_t i = held_named(it, exc, it->a_dict);

	return i >= 0 ? obj(it, exc)->as.iter->held[i] : OBJ_NULL;
}

/* Exception exc's __dict__, made now if it has none: BaseException keeps
 * a dict pointer of its own (tp_dictoffset), which the first attribute
 * set or the first read of __dict__ fills with a new dict
 * (_PyObjectDict_SetItem, PyObject_GenericGetDict): a plain dict, no
 * shared keys, as the type's dict is not a managed one. */
static objid_t
exception_dict(struct interp *it, objid_t exc)
{
	objid_t d = exception_dict_of(it, exc);

	if (d != OBJ_NULL)
		return d;
	d = push_new(it, OBJ_DICT);
	if (ok(it))
		hold_named(it, exc, exception_slot(it, exc, it->a_dict),
		    it->a_dict, REASON_STORE);
	return d;
}

/* name along class cls's mro; but every class has a __doc__ of its own
 * (type_new sets it to None when the body gives none), so that one is
 * never inherited. */
static objid_t
class_lookup(const struct interp *it, objid_t cls, atom_t name)
{
	int64_t i;

	if (name != it->a_doc)
		return heap_class_lookup(H(it), cls, name);
	i = heap_attr_index(H(it), cls, name);
	return i >= 0 ? heap_attrs(H(it), cls)->attrs[i].value : OBJ_NULL;
}

/* A bound method of fn and self on top (PyMethod_New: the method holds
 * its function, then self). */
static void
push_bound_method(struct interp *it, objid_t fn, objid_t self)
{
	objid_t m = heap_reserve_iter(H(it), ITER_METHOD, 0, 0, 1);

	objects_alloc(&it->m, m, REASON_NEW, ATOM_NONE);
	push_ref(it, fn, REASON_LOAD, ATOM_NONE);
	hold_top(it, m);
	push_ref(it, self, REASON_LOAD, ATOM_NONE);
	hold_top(it, m);
}

/* What a class attribute read through an instance (or super) gives: a
 * function becomes a bound method (function.__get__), anything else is
 * itself.  On top. */
static void
push_descriptor(struct interp *it, objid_t v, objid_t self)
{
	if (obj(it, v)->type == OBJ_FUNCTION)
		push_bound_method(it, v, self);
	else
		push_ref(it, v, REASON_LOAD, ATOM_NONE);
}

/* f.__closure__ and f.__defaults__ of a function (the tuple, or None),
 * a cell's cell_contents, on top; true when name was one of them (or the
 * run stopped on a special name the model does not keep). */
static bool
closure_attribute(struct interp *it, uint32_t offset, objid_t o,
    atom_t name, bool *done)
{
	const struct object	*ob = obj(it, o);
	const char		*n = atom_name(name);
	objid_t			 v = OBJ_NULL;

	*done = true;
	if (ob->type == OBJ_ITER && ob->as.iter->kind == ITER_CELL &&
	    strcmp(n, "cell_contents") == 0) {
		if ((v = cell_contents(it, o)) == OBJ_NULL)
			return raise(it, offset, "ValueError", "Cell is empty");
		push_ref(it, v, REASON_LOAD, name);
		return ok(it);
	}
	if (ob->type != OBJ_FUNCTION || strncmp(n, "__", 2) != 0) {
		*done = false;
		return true;
	}
	if (strcmp(n, "__name__") == 0) {
		/* func_name: its code's co_name, an interned identifier */
		objects_push_str(&it->m, atom_name(ob->as.fn->name),
		    atom_length(ob->as.fn->name), true, REASON_LOAD);
		return ok(it);
	}
	if (strcmp(n, "__class__") == 0) {
		push_type_of(it, o, REASON_LOAD, name);
		return ok(it);
	}
	if (strcmp(n, "__closure__") == 0 && ob->as.fn->closure)
		v = ob->as.fn->consts[0];
	else if (strcmp(n, "__defaults__") == 0)
		v = heap_function_defaults_of(H(it), o);
	else if (strcmp(n, "__closure__") != 0)
		return raise(it, offset, NULL, "reading %s of a function is "
		    "not supported yet", n);
	if (v == OBJ_NULL)
		objects_push_none(&it->m);
	else
		push_ref(it, v, REASON_LOAD, name);
	return ok(it);
}

/* o.name on top, o staying where it is: an instance's own attribute, then
 * its class's (PyObject_GenericGetAttr; no descriptor but functions), a
 * class's namespace along its bases, what super() finds after its class. */
/* An exception's args, __traceback__, __context__, __cause__, a
 * traceback's tb_frame and tb_next: what the slot of that name holds, or
 * None; an exception's class attribute; false when o has no such field. */
static bool
exception_attribute(struct interp *it, objid_t o, atom_t name)
{
	static const char *const fields[] = { "args", "__traceback__",
	    "__context__", "__cause__", "tb_frame", "tb_next" };
	const struct pyiter	*h = obj(it, o)->as.iter;
	int64_t			 i;
	objid_t			 cls, v;

	if (h->kind != ITER_EXCEPTION && h->kind != ITER_TRACEBACK)
		return false;
	if (h->kind == ITER_TRACEBACK && strcmp(atom_name(name),
	    "tb_lineno") == 0) {
		objects_push_int(&it->m, h->len, REASON_RESULT);
		return true;
	}
	for (size_t k = 0; k < sizeof fields / sizeof *fields; k++) {
		if (strcmp(atom_name(name), fields[k]) != 0 ||
		    (h->kind == ITER_TRACEBACK) != (k >= 4))
			continue;
		if ((i = held_named(it, o, name)) >= 0)
			push_ref(it, h->held[i], REASON_LOAD, name);
		else
			objects_push_none(&it->m);
		return true;
	}
	/* then its __dict__ (made by reading it) and what that holds
	 * (PyObject_GenericGetAttr: after the type's data descriptors) */
	if (h->kind == ITER_EXCEPTION && name == it->a_dict) {
		v = exception_dict(it, o);
		if (ok(it))
			push_ref(it, v, REASON_LOAD, name);
		return true;
	}
	if (h->kind == ITER_EXCEPTION &&
	    (v = exception_dict_of(it, o)) != OBJ_NULL &&
	    (i = dict_name_entry(it, v, name)) >= 0) {
		push_ref(it, obj(it, v)->as.dict->entries[i].value,
		    REASON_LOAD, name);
		return true;
	}
	/* an exception of a class of the program: its class, and what the
	 * class (or a base of the program) defines */
	if (h->kind == ITER_EXCEPTION &&
	    (cls = heap_exception_class(H(it), o)) != OBJ_NULL) {
		if (name == it->a_class) {
			push_ref(it, cls, REASON_LOAD, name);
			return true;
		}
		if ((v = class_lookup(it, cls, name)) != OBJ_NULL) {
			push_descriptor(it, v, o);
			return true;
		}
	}
	return false;
}

static bool
attribute_push(struct interp *it, uint32_t offset, objid_t o, atom_t name)
{
	const struct object	*ob = obj(it, o);
	objid_t			 v = OBJ_NULL;
	bool			 done;

	if (globals_used(it, offset, o))
		return false;
	if (!closure_attribute(it, offset, o, name, &done) || done)
		return ok(it);
	if (heap_is_finalize(H(it), o))
		return finalize_attribute(it, offset, o, name);
	if (heap_is_weakdict(H(it), o) && name != it->a_dict &&
	    name != it->a_class)
		return weakdict_attribute(it, offset, o, name);
	switch (ob->type) {
	case OBJ_INSTANCE:
		if (name == it->a_dict) {
			v = instance_dict(it, o);
			if (ok(it))
				push_ref(it, v, REASON_LOAD, name);
			return ok(it);
		}
		if ((v = instance_value(it, o, name)) != OBJ_NULL) {
			push_ref(it, v, REASON_LOAD, name);
			return ok(it);
		}
		if (name == it->a_class) {
			push_ref(it, ob->as.inst->cls, REASON_LOAD, name);
			return ok(it);
		}
		if (strcmp(atom_name(name), "__weakref__") == 0)
			return push_weaklist_head(it, o);
		if ((v = class_lookup(it, ob->as.inst->cls, name)) !=
		    OBJ_NULL) {
			push_descriptor(it, v, o);
			return ok(it);
		}
		break;
	case OBJ_CLASS:
		if ((v = class_lookup(it, o, name)) != OBJ_NULL) {
			push_ref(it, v, REASON_LOAD, name);
			return ok(it);
		}
		/* type_name: the heap type's ht_name, the class statement's
		 * (interned) name */
		if (strcmp(atom_name(name), "__name__") == 0) {
			objects_push_str(&it->m, atom_name(ob->as.cls->name),
			    atom_length(ob->as.cls->name), true, REASON_LOAD);
			return ok(it);
		}
		if (name == it->a_class)
			return raise(it, offset, NULL, "reading __class__ of a "
			    "class (its metaclass, type) is not supported yet");
		if (name != it->a_doc && !attribute_unmodelled(it, offset, o,
		    name))
			return raise(it, offset, "AttributeError", "type object "
			    "'%s' has no attribute '%s'", atom_name(
			    ob->as.cls->name), atom_name(name));
		break;
	case OBJ_TYPE:
		/* type_name: a static type's name, as a new str */
		if (strcmp(atom_name(name), "__name__") == 0) {
			push_fresh_str(it, atom_name(ob->as.name),
			    atom_length(ob->as.name));
			return ok(it);
		}
		/* Exception.__init__: a slot wrapper, which it has */
		if (name == it->a_init)
			return raise(it, offset, NULL, "%s.__init__ (a built-in "
			    "type's slot wrapper) is not supported yet; call "
			    "super().__init__(...)", atom_name(ob->as.name));
		break;
	case OBJ_ITER:
		if (exception_attribute(it, o, name))
			return ok(it);
		if (ob->as.iter->kind == ITER_METHOD &&
		    ob->as.iter->count == 2 && (strcmp(atom_name(name),
		    "__func__") == 0 || strcmp(atom_name(name),
		    "__self__") == 0)) {
			push_ref(it, ob->as.iter->held[atom_name(name)[2] ==
			    'f' ? 0 : 1], REASON_LOAD, name);
			return ok(it);
		}
		if (ob->as.iter->kind != ITER_SUPER || ob->as.iter->count != 3)
			break;
		/* super_getattro: along the mro after __thisclass__ */
		v = heap_class_lookup(H(it), obj(it,
		    ob->as.iter->held[1])->as.cls->base, name);
		if (v != OBJ_NULL) {
			push_descriptor(it, v, ob->as.iter->held[0]);
			return ok(it);
		}
		break;
	default:
		break;
	}
	if (!ok(it))
		return false;
	/* type_new puts __doc__ = None in every class's namespace */
	if (name == it->a_doc && (ob->type == OBJ_INSTANCE ||
	    ob->type == OBJ_CLASS)) {
		objects_push_none(&it->m);
		return ok(it);
	}
	/* object.__class__: type(x) (a class's is its metaclass: above) */
	if (name == it->a_class && ob->type != OBJ_CLASS) {
		push_type_of(it, o, REASON_LOAD, name);
		return ok(it);
	}
	if (attribute_unmodelled(it, offset, o, name))
		return false;
	return attribute_error(it, offset, o, name);
}

static bool
attribute_load(struct interp *it, const struct expr *e)
{
	const struct expr *object = e->as.attr.object;

	/* gc.garbage: a list CPython keeps, which only DEBUG_SAVEALL fills
	 * (the collector frees cycles with __del__ too) */
	if (object->kind == EXPR_NAME && object->as.name == it->a_gc &&
	    is_unbound_global(it, object->as.name) &&
	    strcmp(atom_name(e->as.attr.name), "garbage") == 0) {
		objects_push_gc_garbage(&it->m);
		return ok(it);
	}
	if (!eval(it, object))
		return false;
	if (!attribute_push(it, e->as.attr.name_offset, stack_at(it, TOP(it)),
	    e->as.attr.name))
		return false;
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
	if (instance && heap_is_weakdict(H(it), o) &&
	    strcmp(n, "__dict__") != 0 && strcmp(n, "__class__") != 0) {
		raise(it, offset, NULL, "%s an attribute of a %s is not "
		    "supported yet", value != OBJ_NULL ? "setting" :
		    "deleting", type_name(it, o));
		return true;
	}
	if (instance && heap_is_finalize(H(it), o)) {
		/* __slots__ = (), and the property atexit */
		if (strcmp(n, "atexit") == 0)
			raise(it, offset, NULL, "%s finalize.atexit is not "
			    "supported yet", value != OBJ_NULL ? "setting" :
			    "deleting");
		else
			attribute_error(it, offset, o, name);
		return true;
	}
	/* BaseException's setters check and convert (args becomes a
	 * tuple, __context__ must be an exception), which is not followed */
	if (is_exception(it, o) && (exception_field(name) ||
	    strcmp(n, "__dict__") == 0)) {
		raise(it, offset, NULL, "%s an exception's %s is not supported "
		    "yet", value != OBJ_NULL ? "setting" : "deleting", n);
		return true;
	}
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
	if (special_attribute(it, offset, stack_at(it, base + 1), name,
	    stack_at(it, base)))
		return false;
	return instance_store(it, offset, name, base);
}

/* STORE_ATTR past the special names: value, object on the stack from
 * base; an instance keeps the name inline or in its real dict. */
static bool
instance_store(struct interp *it, uint32_t offset, atom_t name, uint32_t base)
{
	objid_t	value = stack_at(it, base), o = stack_at(it, base + 1), d;
	int64_t	i;

	if (obj(it, o)->type != OBJ_INSTANCE) {
		if (obj(it, o)->type == OBJ_FUNCTION ||
		    obj(it, o)->type == OBJ_CLASS)
			return raise(it, offset, NULL, "attributes of %ss are "
			    "not part of the subset; only instances take "
			    "attributes", type_name(it, o));
		if (!is_exception(it, o))
			return attribute_error(it, offset, o, name);
	}
	/* an exception keeps its attributes in its own dict, made by the
	 * first (PyObject_GenericSetAttr, then PyDict_SetItem) */
	if (is_exception(it, o)) {
		d = exception_dict(it, o);
		if (!ok(it))
			return false;
		objects_push_str(&it->m, atom_name(name), atom_length(name),
		    true, REASON_STORE);
		dict_store(it, offset, d, TOP(it), base);
		drop_top(it, REASON_OPERAND_DONE, ATOM_NONE);
		drop_operands(it, base, 2, REASON_OPERAND_DONE);
		return ok(it);
	}
	d = instance_dict_of(it, o);
	i = heap_attr_index(H(it), o, name);
	if (d == OBJ_NULL && i < 0 && !shared_keys_take(it, o, name))
		d = instance_dict(it, o);	/* no room left for the name */
	if (d != OBJ_NULL) {
		objects_push_str(&it->m, atom_name(name), atom_length(name),
		    true, REASON_STORE);
		dict_store(it, offset, d, TOP(it), base);
		drop_top(it, REASON_OPERAND_DONE, ATOM_NONE);
	} else if (i >= 0) {
		push_ref(it, value, REASON_STORE, name);
		emit_move(it, EV_SLOT_SET, SITE_ATTR, value, o, (uint32_t)i,
		    obj(it, o)->as.inst->attrs[i].value, TOP(it), REASON_STORE,
		    name);
		drop_top(it, REASON_REBIND, name);
	} else {
		push_ref(it, value, REASON_STORE, name);
		emit_move(it, EV_SLOT_INSERT, SITE_ATTR, value, o,
		    obj(it, o)->as.inst->count, OBJ_NULL, TOP(it),
		    REASON_STORE, name);
	}
	/* STORE_ATTR drops the value, then the object */
	drop_operands(it, base, 2, REASON_OPERAND_DONE);
	return ok(it);
}

static bool
attribute_delete(struct interp *it, const struct expr *t)
{
	objid_t	o, d;
	int64_t	i;

	if (!eval(it, t->as.attr.object))
		return false;
	o = stack_at(it, TOP(it));
	if (special_attribute(it, t->as.attr.name_offset, o, t->as.attr.name,
	    OBJ_NULL))
		return false;
	if ((obj(it, o)->type == OBJ_INSTANCE &&
	    (d = instance_dict_of(it, o)) != OBJ_NULL) ||
	    (is_exception(it, o) && (d = exception_dict_of(it, o)) !=
	    OBJ_NULL)) {
		const struct dict_entry *e;

		if ((i = dict_name_entry(it, d, t->as.attr.name)) < 0)
			return attribute_error(it, t->as.attr.name_offset, o,
			    t->as.attr.name);
		e = &obj(it, d)->as.dict->entries[i];
		machine_emit(&it->m, (struct event){ .kind = EV_DICT_REMOVE,
		    .reason = REASON_DELETE, .site = SITE_DICT_KEY,
		    .object = e->key, .other = e->value, .owner = d,
		    .index = (uint32_t)i });
		drop_top(it, REASON_DELETE, t->as.attr.name);
		drop_top(it, REASON_DELETE, ATOM_NONE);
		drop_top(it, REASON_OPERAND_DONE, ATOM_NONE);
		return ok(it);
	}
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

/* dict_keys and dict_items: set-like views (dictview_richcompare, the
 * set operators) */
static bool
is_set_like_view(const struct interp *it, objid_t id)
{
	const struct object *o = obj(it, id);

	return o->type == OBJ_ITER && (o->as.iter->kind == ITER_DICT_KEYS ||
	    o->as.iter->kind == ITER_DICT_ITEMS);
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
		/* only a list or a tuple has sq_concat */
		if (ta != OBJ_LIST && ta != OBJ_TUPLE)
			return raise(it, offset, "TypeError", "unsupported "
			    "operand type(s) for +: '%s' and '%s'",
			    type_name(it, a), type_name(it, b));
		if (ta != tb)
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
	if (!c_integer(it, offset, seq == a ? b : a, "OverflowError",
	    BIGINT_INDEX_OVERFLOW, &times))
		return false;
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
	enum heap_repr_failure	 why;
	char			 message[200];
	bool			 number = o->type == OBJ_INT ||
				    o->type == OBJ_BOOL || o->type == OBJ_FLOAT;

	pyformat_percent_spec(c, &spec);
	switch (c->type) {
	case 's':
	case 'r':
		if (text_method(it, arg, c->type == 's') != OBJ_NULL ||
		    repr_runs_code_in(it, arg, 0))
			return raise(it, offset, NULL, "%%%c of an instance "
			    "whose class defines __str__ or __repr__ is not "
			    "supported yet", c->type);
		if (!charge_repr(it, arg))
			return false;
		if (!heap_repr_nested(H(it), arg, c->type == 's',
		    LIMIT_MAX_STRING + 1, recursion_room(it), &text, &why)) {
			strbuf_free(&text);
			return repr_failed(it, offset, why);
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
		if (c->precision >= 0)
			return raise(it, offset, NULL, "%%d with a precision "
			    "is not supported yet");
		if (o->type == OBJ_FLOAT && !isfinite(o->as.f))
			return raise(it, offset, isnan(o->as.f) ? "ValueError" :
			    "OverflowError", "cannot convert float %s to "
			    "integer", isnan(o->as.f) ? "NaN" : "infinity");
		if (o->type == OBJ_FLOAT && !(fabs(o->as.f) < 9.2e18)) {
			struct bigint *b = bigint_from_double(o->as.f);

			status = pyformat_bigint(&spec, b, out, message,
			    sizeof message);
			bigint_free(b);
		} else if (o->type == OBJ_FLOAT)
			status = pyformat_int(&spec, (int64_t)o->as.f, out,
			    message, sizeof message);
		else
			status = format_int(o, &spec, out, message,
			    sizeof message);
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
		status = format_int(o, &spec, out, message, sizeof message);
		break;
	default:	/* the float conversions */
		if (!number)
			return raise(it, offset, "TypeError", "must be real "
			    "number, not %s", type_name(it, arg));
		status = o->type == OBJ_FLOAT ? pyformat_float(&spec, o->as.f,
		    out, message, sizeof message) : format_int(o, &spec, out,
		    message, sizeof message);
		break;
	}
	if (status != PYFORMAT_OK)
		return format_failed(it, offset, status, message);
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
			format_failed(it, offset, status, message);
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

/* The work of an operation on ints beyond 64 bits, in digit products
 * (schoolbook: + and - the operands' lengths, * // % their product, **
 * about its result's length squared); 0 for the int64 path. */
static uint64_t
big_cost(enum binary_op op, const struct scalar *a, const struct scalar *b,
    const struct scalar *r)
{
	uint64_t la = a->big != NULL ? a->big->len : 1;
	uint64_t lb = b->big != NULL ? b->big->len : 1;
	uint64_t lr = r->big != NULL ? r->big->len : 1;

	if (a->big == NULL && b->big == NULL && r->big == NULL)
		return 0;
	switch (op) {
	case BINOP_ADD:
	case BINOP_SUB:
		return la + lb;
	case BINOP_POW:
		return lr * lr;
	default:
		return la * lb;
	}
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
	/* set_sub and dictviews_sub: a - b of sets and set-like views */
	if (op == BINOP_SUB && (is_set_like_view(it, a) ||
	    (obj(it, a)->type == OBJ_SET && (obj(it, b)->type == OBJ_SET ||
	    is_set_like_view(it, b)))))
		return raise(it, offset, NULL, "the difference of sets (a - b) "
		    "is not supported yet");
	status = scalar_binary(op, &sa, &sb, &r, message, sizeof message);
	if (status == SCALAR_OK && !charge(it, big_cost(op, &sa, &sb, &r))) {
		scalar_release(&r);
		return false;
	}
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
		if (version_rules(H(it)->python)->says_division_by_zero)
			snprintf(message, sizeof message, "division by zero");
		else if (version_rules(H(it)->python)->float_modulo_by_zero &&
		    strcmp(message, "float modulo") == 0)
			snprintf(message, sizeof message, "float modulo by zero");
		return throw_new(it, offset, "ZeroDivisionError", message,
		    OBJ_NULL);
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
	case OBJ_ITER:		/* a dict view has its dict's len */
		return heap_len(H(it), o) != 0;
	case OBJ_INSTANCE:	/* a WeakValueDictionary's __len__ */
		return !heap_is_weakdict(H(it), o) || heap_len(H(it), o) != 0;
	default:
		return true;
	}
}

/* Whether o is NotImplemented in a boolean context, refused: 3.11 to
 * 3.13 answer True with a DeprecationWarning on stderr, 3.14 raises a
 * TypeError; neither is followed here. */
static bool
truth_refused(struct interp *it, uint32_t offset, objid_t o)
{
	if (o != it->m.objects.notimplemented)
		return false;
	raise(it, offset, NULL, "NotImplemented in a boolean context is not "
	    "supported yet (3.14 raises TypeError, the others warn)");
	return true;
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
		if (truth_refused(it, e->offset, o))
			return false;
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
/* ---- comparisons of instances: the rich comparison methods ----
 *
 * A class of the program that defines (or inherits) one of __eq__, __ne__,
 * __lt__, __gt__, __le__ and __ge__ has slot_tp_richcompare: comparing its
 * instance calls the method of the operator, the function held (unbound:
 * no bound method is made) and both operands its arguments; an operator it
 * has no method for gets object's answer.  Any other class has
 * object_richcompare, which knows only identity.  The model's own equality
 * (heap_equal) knows identity only too, so comparing a container that
 * holds such an instance runs here, or is refused.
 */

/* Each operator's method, by enum compare_op, and the operator the other
 * operand is asked when the first says NotImplemented (_Py_SwappedOp). */
static const char *const richcompare_names[CMP_GE + 1] = {
	[CMP_EQ] = "__eq__", [CMP_NE] = "__ne__", [CMP_LT] = "__lt__",
	[CMP_GT] = "__gt__", [CMP_LE] = "__le__", [CMP_GE] = "__ge__"
};
static const enum compare_op swapped_op[CMP_GE + 1] = {
	[CMP_EQ] = CMP_EQ, [CMP_NE] = CMP_NE, [CMP_LT] = CMP_GT,
	[CMP_GT] = CMP_LT, [CMP_LE] = CMP_GE, [CMP_GE] = CMP_LE
};

/* The function class cls defines or inherits as name, or OBJ_NULL
 * (object's own, or no function). */
static objid_t
class_function(const struct interp *it, objid_t cls, atom_t name)
{
	objid_t m = class_lookup(it, cls, name);

	return m != OBJ_NULL && obj(it, m)->type == OBJ_FUNCTION ? m :
	    OBJ_NULL;
}

/* Whether x is an instance whose class has a method for an operator
 * from first to CMP_GE (the orderings come after == and !=). */
static bool
has_compare_method(const struct interp *it, objid_t x, enum compare_op first)
{
	objid_t cls;

	if (!it->eq_methods || obj(it, x)->type != OBJ_INSTANCE)
		return false;
	cls = obj(it, x)->as.inst->cls;
	for (unsigned op = first; op <= CMP_GE; op++)
		if (class_function(it, cls, it->a_richcompare[op]) != OBJ_NULL)
			return true;
	return false;
}

static bool
compares_by_code(const struct interp *it, objid_t x)
{
	return has_compare_method(it, x, CMP_EQ);
}

static bool equality_runs_code_in(const struct interp *it, objid_t x);

/* Whether a and b may be compared by the model's equality: false (and
 * the run stopped) when one is a container that holds an instance that
 * compares by code.  Such an instance itself may be: what reaches here
 * is an ordering (<), which has no method of the program to call and
 * raises CPython's TypeError. */
static bool
equality_plain(struct interp *it, uint32_t offset, objid_t a, objid_t b)
{
	objid_t x;

	if (!it->eq_methods)
		return true;
	x = obj(it, a)->type != OBJ_INSTANCE && equality_runs_code_in(it, a) ?
	    a : obj(it, b)->type != OBJ_INSTANCE &&
	    equality_runs_code_in(it, b) ? b : OBJ_NULL;
	if (x == OBJ_NULL)
		return true;
	return raise(it, offset, NULL, "comparing %s (which calls the "
	    "comparison methods of the class it holds) is not supported yet",
	    obj(it, x)->type == OBJ_LIST ? "a list" : obj(it, x)->type ==
	    OBJ_TUPLE ? "a tuple" : obj(it, x)->type == OBJ_DICT ? "a dict" :
	    "a set");
}

/* Whether class sub derives from class cls (is it or a subclass). */
static bool
class_derives(const struct interp *it, objid_t sub, objid_t cls)
{
	for (; sub != OBJ_NULL; sub = obj(it, sub)->as.cls->base)
		if (sub == cls)
			return true;
	return false;
}

/*
 * self's tp_richcompare for op with other: its result pushed and *done,
 * or nothing pushed for NotImplemented.  A built-in type says
 * NotImplemented to an instance; object_richcompare knows identity for
 * ==, makes != of the class's == with its truth turned, and has no
 * ordering.
 */
static bool
slot_richcompare(struct interp *it, objid_t self, objid_t other,
    enum compare_op op, bool *done)
{
	objid_t		m;
	bool		same, wrapped;
	uint32_t	at;

	*done = false;
	if (obj(it, self)->type != OBJ_INSTANCE)
		return true;
	m = class_function(it, obj(it, self)->as.inst->cls,
	    it->a_richcompare[op]);
	if (m != OBJ_NULL) {
		at = H(it)->stack_len;
		push_ref(it, m, REASON_LOAD, ATOM_NONE);
		push_ref(it, self, REASON_ARGUMENT, ATOM_NONE);
		push_ref(it, other, REASON_ARGUMENT, ATOM_NONE);
		if (!ok(it) || !run_function(it, NULL, at, 2))
			return false;
		/* the method's NotImplemented: as if it had none */
		*done = stack_at(it, TOP(it)) != it->m.objects.notimplemented;
		if (!*done)
			drop_top(it, REASON_OPERAND_DONE, ATOM_NONE);
		return ok(it);
	}
	if (op == CMP_EQ) {
		if (self == other) {
			objects_push_bool(&it->m, true);
			*done = true;
		}
		return true;
	}
	if (op != CMP_NE)
		return true;
	/* object.__ne__.  Through slot_tp_richcompare it is a wrapper
	 * descriptor called by tp_call: a tuple of both operands, and
	 * wrapperdescr_call's slice of it without self, held meanwhile */
	wrapped = compares_by_code(it, self);
	at = H(it)->stack_len;
	if (wrapped) {
		push_ref(it, self, REASON_ARGUMENT, ATOM_NONE);
		push_ref(it, other, REASON_ARGUMENT, ATOM_NONE);
		objects_build_sequence(&it->m, OBJ_TUPLE, 2, REASON_ARGUMENT);
		push_ref(it, other, REASON_ARGUMENT, ATOM_NONE);
		objects_build_sequence(&it->m, OBJ_TUPLE, 1, REASON_ARGUMENT);
	}
	if (!slot_richcompare(it, self, other, CMP_EQ, done))
		return false;
	if (*done) {
		same = truth(it, stack_at(it, TOP(it)));
		drop_top(it, REASON_OPERAND_DONE, ATOM_NONE);
		objects_push_bool(&it->m, !same);
	}
	if (wrapped) {
		drop_at(it, at + 1, REASON_OPERAND_DONE);
		drop_at(it, at, REASON_OPERAND_DONE);
	}
	return ok(it);
}

/*
 * Pushes v OP w, one of them an instance that compares by code
 * (do_richcompare): w's method first when w's class is a subclass of v's,
 * then v's, then w's with the operator swapped; when each says
 * NotImplemented, the identity for == and !=, and for an ordering nothing
 * (*answered false: CPython's TypeError, order_error, is the caller's to
 * raise once it let go of what it holds).
 */
static bool
richcompare_push(struct interp *it, objid_t v, objid_t w,
    enum compare_op op, bool *answered)
{
	bool	w_first = false, done;

	*answered = true;
	if (obj(it, v)->type == OBJ_INSTANCE &&
	    obj(it, w)->type == OBJ_INSTANCE &&
	    obj(it, v)->as.inst->cls != obj(it, w)->as.inst->cls)
		w_first = class_derives(it, obj(it, w)->as.inst->cls,
		    obj(it, v)->as.inst->cls);
	if (w_first && (!slot_richcompare(it, w, v, swapped_op[op], &done) ||
	    done))
		return ok(it);
	if (!slot_richcompare(it, v, w, op, &done) || done)
		return ok(it);
	if (!w_first && (!slot_richcompare(it, w, v, swapped_op[op], &done) ||
	    done))
		return ok(it);
	if (op == CMP_EQ || op == CMP_NE)
		objects_push_bool(&it->m, (v == w) == (op == CMP_EQ));
	else
		*answered = false;
	return ok(it);
}

/* do_richcompare's TypeError of an ordering nobody answered, deep in a
 * comparison, a sort, min or max: it stops the run (these hold what
 * CPython would let go on the way to an `except`). */
static bool
order_error(struct interp *it, uint32_t offset, enum compare_op op,
    objid_t v, objid_t w)
{
	return raise(it, offset, "TypeError", "'%s' not supported between "
	    "instances of '%s' and '%s'", ops_compare_text(op),
	    type_name(it, v), type_name(it, w));
}

static bool equal_bool(struct interp *it, uint32_t offset, objid_t a,
    objid_t b, bool *equal);

/* Whether v and w are two containers of one type, kind1 or kind2, one
 * of which holds an instance that compares by code. */
static bool
pair_by_code(const struct interp *it, objid_t v, objid_t w,
    enum obj_type kind1, enum obj_type kind2)
{
	enum obj_type t = obj(it, v)->type;

	return (t == kind1 || t == kind2) && obj(it, w)->type == t &&
	    (equality_runs_code_in(it, v) || equality_runs_code_in(it, w));
}

/* ... two lists or two tuples */
static bool
seqs_by_code(const struct interp *it, objid_t v, objid_t w)
{
	return pair_by_code(it, v, w, OBJ_LIST, OBJ_TUPLE);
}

/* *holds = x OP y by the model's own comparison, where no class's
 * method runs (x and y hold none); CPython's TypeError stops the run. */
static bool
plain_order(struct interp *it, uint32_t offset, objid_t x, objid_t y,
    enum compare_op op, bool *holds)
{
	objid_t		bad[2];
	enum heap_cmp	c;

	if (!equality_plain(it, offset, x, y))
		return false;
	walk_begin(it);
	c = heap_compare_within(H(it), x, y, op, bad, &it->work);
	if (!walk_end(it, offset))
		return false;
	if (c == HEAP_CMP_TYPE_ERROR)
		return order_error(it, offset, op, bad[0], bad[1]);
	*holds = c == HEAP_CMP_TRUE;
	return true;
}

/*
 * Pushes v OP w of two lists or two tuples (seqs_by_code) as
 * list_richcompare and tuplerichcompare find it: lists of two lengths
 * differ at once (== and != only); else the first index whose items are
 * not equal (equal_bool; a list holds both items meanwhile, and skips a
 * pair that is one object without holding them) decides -- by op on that
 * pair, or by the lengths when there is none.
 */
static bool
seq_compare_by_code(struct interp *it, uint32_t offset, objid_t v,
    objid_t w, enum compare_op op)
{
	bool		list = obj(it, v)->type == OBJ_LIST, equal = true;
	uint32_t	i;
	int		c;

	if (list && (op == CMP_EQ || op == CMP_NE) &&
	    obj(it, v)->as.seq->len != obj(it, w)->as.seq->len) {
		objects_push_bool(&it->m, op == CMP_NE);
		return ok(it);
	}
	for (i = 0; i < obj(it, v)->as.seq->len &&
	    i < obj(it, w)->as.seq->len; i++) {
		objid_t a = obj(it, v)->as.seq->items[i];
		objid_t b = obj(it, w)->as.seq->items[i];

		if (list && a == b)
			continue;
		if (list) {
			push_ref(it, a, REASON_LOAD, ATOM_NONE);
			push_ref(it, b, REASON_LOAD, ATOM_NONE);
		}
		if (!equal_bool(it, offset, a, b, &equal))
			return false;
		if (list) {
			drop_at(it, TOP(it) - 1, REASON_OPERAND_DONE);
			drop_top(it, REASON_OPERAND_DONE, ATOM_NONE);
		}
		if (!equal)
			break;
	}
	if (i >= obj(it, v)->as.seq->len || i >= obj(it, w)->as.seq->len) {
		c = (obj(it, v)->as.seq->len > obj(it, w)->as.seq->len) -
		    (obj(it, v)->as.seq->len < obj(it, w)->as.seq->len);
		objects_push_bool(&it->m, op == CMP_EQ ? c == 0 : op ==
		    CMP_NE ? c != 0 : op == CMP_LT ? c < 0 : op == CMP_LE ?
		    c <= 0 : op == CMP_GT ? c > 0 : c >= 0);
		return ok(it);
	}
	if (op == CMP_EQ || op == CMP_NE) {
		objects_push_bool(&it->m, op == CMP_NE);
		return ok(it);
	}
	/* the pair that differs, ordered */
	v = obj(it, v)->as.seq->items[i];
	w = obj(it, w)->as.seq->items[i];
	if (seqs_by_code(it, v, w))
		return seq_compare_by_code(it, offset, v, w, op);
	if (compares_by_code(it, v) || compares_by_code(it, w)) {
		bool answered;

		return richcompare_push(it, v, w, op, &answered) &&
		    (answered || order_error(it, offset, op, v, w));
	}
	if (!plain_order(it, offset, v, w, op, &equal))
		return false;
	objects_push_bool(&it->m, equal);
	return ok(it);
}

static bool tables_by_code(const struct interp *it, objid_t v, objid_t w);
static bool table_equal_by_code(struct interp *it, uint32_t offset,
    objid_t v, objid_t w, bool *equal);

/* Whether a and b are equal as PyObject_RichCompareBool says: the same
 * object, or == (by code when one compares by code) is true. */
static bool
equal_bool(struct interp *it, uint32_t offset, objid_t a, objid_t b,
    bool *equal)
{
	*equal = a == b;
	if (*equal)
		return true;
	if (tables_by_code(it, a, b))
		return table_equal_by_code(it, offset, a, b, equal);
	if (compares_by_code(it, a) || compares_by_code(it, b) ||
	    seqs_by_code(it, a, b)) {
		bool answered;

		if (!(seqs_by_code(it, a, b) ? seq_compare_by_code(it, offset,
		    a, b, CMP_EQ) : richcompare_push(it, a, b, CMP_EQ,
		    &answered)))
			return false;
		*equal = truth(it, stack_at(it, TOP(it)));
		drop_top(it, REASON_OPERAND_DONE, ATOM_NONE);
		return ok(it);
	}
	if (!equality_plain(it, offset, a, b))
		return false;
	walk_begin(it);
	*equal = heap_equal_within(H(it), a, b, &it->work);
	return walk_end(it, offset);
}

/* ---- __hash__, and the lookups that call __eq__ ----
 *
 * A class of the program that defines __hash__ has slot_tp_hash: hashing
 * its instance calls the method; the instance keeps what it gave (a HASH
 * event) for the tables that store it.  A dict or set lookup then asks
 * __eq__ of each key of the same hash that is not the object itself, in
 * the order its probe meets them, holding the stored key meanwhile
 * (lookdict, set_lookkey: PyObject_RichCompareBool(startkey, key)).
 */

/* The __hash__ function x's class defines or inherits, or OBJ_NULL. */
static objid_t
hash_method(const struct interp *it, objid_t x)
{
	if (!it->eq_methods || obj(it, x)->type != OBJ_INSTANCE)
		return OBJ_NULL;
	return class_function(it, obj(it, x)->as.inst->cls, it->a_hash);
}

/*
 * Whether the keys of container (a dict or a set) may be taken with the
 * hashes stored beside them: false (and the run stopped) when one is an
 * instance its class's __hash__ hashes.  CPython then reuses the stored
 * hash (dict_merge, set_merge, set_update_internal, set_intersection) and
 * asks __eq__ on a collision, where the model's paths would hash again.
 */
static bool
stored_hashes_plain(struct interp *it, uint32_t offset, objid_t container)
{
	const struct object	*o = obj(it, container);
	uint32_t		 cursor = 0;
	int64_t			 e;
	bool			 by_code = false;

	if (!it->eq_methods)
		return true;
	if (o->type == OBJ_DICT)
		for (uint32_t i = 0; i < o->as.dict->count && !by_code; i++)
			by_code = o->as.dict->entries[i].key != OBJ_NULL &&
			    hash_method(it, o->as.dict->entries[i].key) !=
			    OBJ_NULL;
	else
		while (!by_code && (e = settable_next(o->as.set, &cursor)) >= 0)
			by_code = hash_method(it, o->as.set->entries[e].key) !=
			    OBJ_NULL;
	return !by_code || raise(it, offset, NULL, "taking the keys of a %s "
	    "that holds an instance whose class defines __hash__ is not "
	    "supported yet (CPython reuses the hashes it stored)",
	    type_name(it, container));
}

/*
 * hash(x) by its class's __hash__ m (slot_tp_hash): the method called
 * with x, its int made a hash (PyLong_AsSsize_t, or int's hash beyond 64
 * bits; -1, the error value, becomes -2).  x takes the hash the first
 * time; a later answer that differs (a key mutated under its table) is
 * refused.
 */
static bool
hash_by_code(struct interp *it, uint32_t offset, objid_t x, objid_t m,
    pyhash_t *hash)
{
	uint32_t		 at = H(it)->stack_len;
	const struct object	*r;
	const struct pyinstance	*inst;

	push_ref(it, m, REASON_LOAD, it->a_hash);
	push_ref(it, x, REASON_ARGUMENT, ATOM_NONE);
	if (!ok(it) || !run_function(it, NULL, at, 1))
		return false;
	r = obj(it, stack_at(it, TOP(it)));
	/* CPython raises without letting the result go (it leaks, never
	 * freed): not modelled, the run stops with its message */
	if (r->type != OBJ_INT && r->type != OBJ_BOOL)
		return raise(it, offset, "TypeError", "__hash__ method should "
		    "return an integer");
	*hash = heap_bigint(r) != NULL ? bigint_hash(r->as.big) : r->as.i;
	if (*hash == -1)
		*hash = -2;
	drop_top(it, REASON_OPERAND_DONE, ATOM_NONE);
	inst = obj(it, x)->as.inst;
	if (inst->hashed && inst->hash != *hash)
		return raise(it, offset, NULL, "a __hash__ that answers "
		    "otherwise than before for the same object is not "
		    "supported yet");
	if (!inst->hashed && ok(it))
		machine_emit(&it->m, (struct event){ .kind = EV_HASH,
		    .reason = REASON_RESULT, .object = x,
		    .index = (uint32_t)(uint64_t)*hash,
		    .other = (uint32_t)((uint64_t)*hash >> 32) });
	return ok(it);
}

/* Whether stored, a key of a table, equals key as a lookup asks it
 * (equal_bool), stored held meanwhile. */
static bool
table_key_equal(struct interp *it, uint32_t offset, objid_t stored,
    objid_t key, bool *equal)
{
	push_ref(it, stored, REASON_LOAD, ATOM_NONE);
	if (!equal_bool(it, offset, stored, key, equal))
		return false;
	drop_top(it, REASON_OPERAND_DONE, ATOM_NONE);
	return ok(it);
}

/* Whether set table t is as it was (before): no key added or taken. */
static bool
same_table(const struct settable *t, const struct settable *before)
{
	return t->entries == before->entries && t->mask == before->mask &&
	    t->fill == before->fill && t->used == before->used;
}

/* A comparison changed the table a lookup walks: CPython starts the
 * lookup again (or, comparing tables, walks on), not followed yet. */
static bool
table_changed(struct interp *it, uint32_t offset)
{
	return raise(it, offset, NULL, "a comparison that changes the dict "
	    "or set it looks a key up in is not supported yet (CPython "
	    "starts the lookup again)");
}

/*
 * The entry of dict d holding key, or -1, where a class's methods may
 * compare: the entries of key's hash in the order the probe meets them,
 * which is their order in the dict while it never lost one (no dummy in
 * CPython's index), each the object itself or equal (table_key_equal).
 */
static int64_t
dict_find_by_code(struct interp *it, uint32_t offset, objid_t d, objid_t key)
{
	const struct pydict	*dict = obj(it, d)->as.dict;
	uint32_t		 count = dict->count, same_hash = 0;
	pyhash_t		 hash;
	bool			 equal, by_code = compares_by_code(it, key);

	walk_begin(it);
	(void)heap_hash_within(H(it), key, &hash, &it->work);
	if (!walk_end(it, offset) || !charge(it, count))
		return -1;
	for (uint32_t i = 0; i < count; i++)
		if (dict->entries[i].key != OBJ_NULL &&
		    dict->entries[i].hash == hash) {
			same_hash++;
			by_code = by_code ||
			    compares_by_code(it, dict->entries[i].key);
		}
	/* the order of the calls is the probe's, which deletions change */
	if (same_hash > 1 && by_code && dict->live != count) {
		(void)raise(it, offset, NULL, "looking a key up among keys of "
		    "one hash that a class's __eq__ compares, in a dict that "
		    "lost entries, is not supported yet (the order CPython's "
		    "probe meets them in is not modelled)");
		return -1;
	}
	for (uint32_t i = 0; i < count; i++) {
		objid_t stored = obj(it, d)->as.dict->entries[i].key;

		if (stored == OBJ_NULL ||
		    obj(it, d)->as.dict->entries[i].hash != hash)
			continue;
		if (stored == key)
			return i;
		if (!table_key_equal(it, offset, stored, key, &equal))
			return -1;
		if (obj(it, d)->as.dict->count != count ||
		    obj(it, d)->as.dict->entries[i].key != stored) {
			(void)table_changed(it, offset);
			return -1;
		}
		if (equal)
			return i;
	}
	return -1;
}

/* What set_find_by_code's probe met: the keys of the hash that are not
 * the probe, in order. */
struct probe_keys {
	objid_t		*keys;
	uint32_t	 count, cap;
};

static bool
note_probe_key(void *ctx, uint32_t stored, uint32_t probe)
{
	struct probe_keys *p = ctx;

	(void)probe;
	if (p->count == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 8;
		p->keys = xreallocarray(p->keys, p->cap, sizeof *p->keys);
	}
	p->keys[p->count++] = stored;
	return false;
}

static bool
same_key(void *ctx, uint32_t stored, uint32_t probe)
{
	(void)ctx;
	return stored == probe;
}

/*
 * The table entry of set holding key, or -1, where a class's methods may
 * compare: set_lookkey's probe, the keys of key's hash it meets before
 * key itself or the end, each compared in turn (table_key_equal).
 */
static int64_t
set_find_by_code(struct interp *it, uint32_t offset, objid_t set,
    objid_t key)
{
	struct probe_keys	 met = { NULL, 0, 0 };
	const struct settable	*t = obj(it, set)->as.set;
	struct settable		 before = *t;
	pyhash_t		 hash;
	int64_t			 found;
	bool			 equal = false;

	walk_begin(it);
	(void)heap_hash_within(H(it), key, &hash, &it->work);
	if (!walk_end(it, offset))
		return -1;
	found = settable_find(t, hash, key, note_probe_key, &met);
	if (!charge(it, met.count + 1)) {
		xfree(met.keys);
		return -1;
	}
	for (uint32_t i = 0; i < met.count && !equal; i++) {
		if (!table_key_equal(it, offset, met.keys[i], key, &equal)) {
			found = -1;
			break;
		}
		t = obj(it, set)->as.set;
		if (!same_table(t, &before)) {
			(void)table_changed(it, offset);
			found = -1;
			break;
		}
		if (equal)
			found = settable_find(t, hash, met.keys[i], same_key,
			    NULL);
	}
	xfree(met.keys);
	return found;
}

/* ... two dicts or two sets */
static bool
tables_by_code(const struct interp *it, objid_t v, objid_t w)
{
	return pair_by_code(it, v, w, OBJ_DICT, OBJ_SET);
}

/* Whether dict d is an instance's __dict__: CPython's split dict, which
 * dict_equal walks in its class's shared-key order, not modelled. */
static bool
is_instance_dict(const struct interp *it, objid_t d)
{
	for (objid_t o = 1; o < H(it)->object_count; o++)
		if (obj(it, o)->type == OBJ_INSTANCE &&
		    obj(it, o)->state == OBJ_ALIVE &&
		    instance_dict_of(it, o) == d)
			return true;
	return false;
}

/* dict_equal's step for entry i of dict v: its value and key held, the
 * key looked up in w by its stored hash, w's value held, and the two
 * values compared (equal_bool); then key, value and w's value let go. */
static bool
dict_entry_equal(struct interp *it, uint32_t offset, objid_t v, uint32_t i,
    objid_t w, bool *equal)
{
	objid_t	value = obj(it, v)->as.dict->entries[i].value;
	objid_t	key = obj(it, v)->as.dict->entries[i].key;
	int64_t	e;

	push_ref(it, value, REASON_LOAD, ATOM_NONE);
	push_ref(it, key, REASON_LOAD, ATOM_NONE);
	e = dict_find(it, offset, w, key);
	if (!ok(it))
		return false;
	*equal = e >= 0;
	if (*equal) {
		push_ref(it, obj(it, w)->as.dict->entries[e].value,
		    REASON_LOAD, ATOM_NONE);
		if (!equal_bool(it, offset, value, stack_at(it, TOP(it)),
		    equal))
			return false;
		drop_at(it, TOP(it) - 1, REASON_OPERAND_DONE);
		drop_at(it, TOP(it) - 1, REASON_OPERAND_DONE);
		drop_top(it, REASON_OPERAND_DONE, ATOM_NONE);
		return ok(it);
	}
	drop_top(it, REASON_OPERAND_DONE, ATOM_NONE);
	drop_top(it, REASON_OPERAND_DONE, ATOM_NONE);
	return ok(it);
}

/*
 * *equal = v == w of two dicts or two sets (tables_by_code): the sizes
 * first; then each entry of v in its order, looked up in w by the hash
 * stored with it (no __hash__ runs), as dict_equal (the values compared
 * too) and set_issubset (the key held meanwhile) do.  An __eq__ that
 * changes v is refused.
 */
static bool
table_equal_by_code(struct interp *it, uint32_t offset, objid_t v,
    objid_t w, bool *equal)
{
	struct settable		 before;
	uint32_t		 cursor = 0, count;
	int64_t			 e;

	*equal = heap_len(H(it), v) == heap_len(H(it), w);
	if (obj(it, v)->type == OBJ_DICT) {
		if (is_instance_dict(it, v) || is_instance_dict(it, w))
			return raise(it, offset, NULL, "comparing an "
			    "instance's __dict__ that holds what a class's "
			    "methods compare is not supported yet");
		count = obj(it, v)->as.dict->count;
		for (uint32_t i = 0; i < count && *equal; i++) {
			if (obj(it, v)->as.dict->entries[i].key == OBJ_NULL)
				continue;
			if (!dict_entry_equal(it, offset, v, i, w, equal))
				return false;
			if (obj(it, v)->as.dict->count != count)
				return table_changed(it, offset);
		}
		return ok(it);
	}
	before = *obj(it, v)->as.set;
	while (*equal && (e = settable_next(obj(it, v)->as.set, &cursor)) >=
	    0) {
		objid_t key = obj(it, v)->as.set->entries[e].key;

		push_ref(it, key, REASON_LOAD, ATOM_NONE);
		*equal = set_find(it, offset, w, key) >= 0;
		if (!ok(it))
			return false;
		drop_top(it, REASON_OPERAND_DONE, ATOM_NONE);
		if (!same_table(obj(it, v)->as.set, &before))
			return table_changed(it, offset);
	}
	return ok(it);
}

/*
 * The part of key that cannot be hashed, in the order tuplehash hashes
 * (*bad): key itself, or an item of a tuple key, as deep as it goes;
 * OBJ_NULL when every part can.  An instance whose class sets __hash__
 * to None (a class defining __eq__ alone) cannot; one in a tuple whose
 * class defines __hash__ is not followed yet, and stops the run (false).
 */
static bool
unhashable_part(struct interp *it, uint32_t offset, objid_t key,
    objid_t *bad)
{
	const struct object	*o = obj(it, key);
	objid_t			 m;
	pyhash_t		 h;

	*bad = OBJ_NULL;
	if (o->type == OBJ_TUPLE) {
		for (uint32_t i = 0; i < o->as.seq->len && *bad == OBJ_NULL;
		    i++)
			if (!unhashable_part(it, offset, o->as.seq->items[i],
			    bad))
				return false;
		return true;
	}
	if (o->type == OBJ_INSTANCE && it->eq_methods &&
	    (m = class_lookup(it, o->as.inst->cls, it->a_hash)) != OBJ_NULL) {
		/* a function here is inside a tuple (hash_of calls it for
		 * the instance itself) */
		if (obj(it, m)->type == OBJ_FUNCTION)
			return raise(it, offset, NULL, "hashing a tuple that "
			    "holds an instance whose class defines __hash__ is "
			    "not supported yet");
		if (obj(it, m)->type != OBJ_NONE)
			return raise(it, offset, NULL, "a __hash__ that is not "
			    "a function (a %s) is not supported yet",
			    type_name(it, m));
		*bad = key;
		return true;
	}
	if (!heap_hash_within(H(it), key, &h, &it->work)) {
		if (!work_left(it))
			return false;
		*bad = key;
	}
	return true;
}

static bool view_contains(struct interp *it, uint32_t offset, objid_t view,
    objid_t item, bool *found);
static bool range_contains(struct interp *it, uint32_t offset, objid_t r,
    objid_t item, bool *found);

/* Whether item i of list or tuple seq equals x (equal_bool), when a
 * class compares by code: a list's item is held meanwhile (list_contains,
 * list.index, list.count, list.remove), a tuple's is not. */
static bool
item_equal(struct interp *it, uint32_t offset, objid_t seq, uint32_t i,
    objid_t x, bool *equal)
{
	bool	list = obj(it, seq)->type == OBJ_LIST;
	objid_t	el = obj(it, seq)->as.seq->items[i];

	if (list)
		push_ref(it, el, REASON_LOAD, ATOM_NONE);
	if (!equal_bool(it, offset, el, x, equal))
		return false;
	if (list)
		drop_top(it, REASON_OPERAND_DONE, ATOM_NONE);
	return ok(it);
}

/* item in a list or tuple when a class compares by code: each item
 * compared with it in turn, the list's length read again each time (the
 * code may change it). */
static bool
contains_by_code(struct interp *it, uint32_t offset, objid_t container,
    objid_t item, bool *found)
{
	for (uint32_t i = 0; !*found && i < obj(it, container)->as.seq->len;
	    i++)
		if (!item_equal(it, offset, container, i, item, found))
			return false;
	return ok(it);
}

static bool
contains(struct interp *it, uint32_t offset, objid_t container, objid_t item,
    bool *found)
{
	const struct object	*c = obj(it, container);
	pyhash_t		 hash;

	*found = false;
	if (globals_used(it, offset, container))
		return false;
	switch (c->type) {
	case OBJ_LIST:
	case OBJ_TUPLE:
		if (it->eq_methods)
			return contains_by_code(it, offset, container, item,
			    found);
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
		if (!hash_of(it, c->type == OBJ_SET ?
		    HASH_SET_ELEMENT : HASH_DICT_KEY, offset, item, &hash))
			return false;
		*found = (c->type == OBJ_SET ? set_find(it, offset, container,
		    item) : dict_find(it, offset, container, item)) >= 0;
		return ok(it);
	case OBJ_ITER:
		if (ITER_IS_VIEW(c->as.iter->kind))
			return view_contains(it, offset, container, item, found);
		/* FALLTHROUGH */
	case OBJ_RANGE:
		return range_contains(it, offset, container, item, found);
	case OBJ_INSTANCE:
		if (heap_is_weakdict(H(it), container))
			return weakdict_contains(it, offset, container, item,
			    found);
		/* FALLTHROUGH */
	default:
		return raise(it, offset, "TypeError", "argument of type '%s' "
		    "is not iterable", type_name(it, container));
	}
}

/* item in a dict view: a key looked up (dictkeys_contains), a pair's key
 * looked up and its value compared (dictitems_contains: anything but a
 * pair is not in it), a value compared with each in turn. */
static bool
view_contains(struct interp *it, uint32_t offset, objid_t view, objid_t item,
    bool *found)
{
	const struct pyiter	*v = obj(it, view)->as.iter;
	objid_t			 d = v->held[0];
	const struct pydict	*dict = obj(it, d)->as.dict;
	const struct object	*pair = obj(it, item);
	pyhash_t		 hash;
	int64_t			 e;

	if (v->kind != ITER_DICT_KEYS && !equality_plain(it, offset, d, item))
		return false;
	switch ((enum iter_kind)v->kind) {
	case ITER_DICT_KEYS:
		return contains(it, offset, d, item, found);
	case ITER_DICT_ITEMS:
		if (pair->type != OBJ_TUPLE || pair->as.seq->len != 2)
			return true;
		if (!hash_of(it, HASH_DICT_KEY, offset, pair->as.seq->items[0], &hash))
			return false;
		e = dict_find(it, offset, d, pair->as.seq->items[0]);
		if (e < 0)
			return ok(it);
		walk_begin(it);
		*found = heap_equal_within(H(it), dict->entries[e].value,
		    pair->as.seq->items[1], &it->work);
		return walk_end(it, offset);
	default:
		walk_begin(it);
		for (uint32_t i = 0; i < dict->count && !*found; i++)
			if (dict->entries[i].key != OBJ_NULL)
				*found = heap_equal_within(H(it),
				    dict->entries[i].value, item, &it->work);
		return walk_end(it, offset);
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
	/* a range's bounds are int64 here: an int beyond is never in it */
	if (ri->len == 0 || heap_bigint(obj(it, item)) != NULL) {
		*found = false;
		return true;
	}
	v = obj(it, item)->as.i;
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

/* COMPARE_OP, IS_OP and CONTAINS_OP let go of their operands at l < r
 * (what they pushed above stays): the left first, or on 3.14 the right
 * first. */
static void
drop_compared(struct interp *it, uint32_t l, uint32_t r)
{
	if (version_rules(H(it)->python)->compare_drops_right_first) {
		drop_at(it, r, REASON_OPERAND_DONE);
		drop_at(it, l, REASON_OPERAND_DONE);
	} else {
		drop_at(it, l, REASON_OPERAND_DONE);
		drop_at(it, r - 1, REASON_OPERAND_DONE);
	}
}

/* COMPARE_OP's TypeError for the pair v, w that has no order: the
 * operands at l < r are let go first, as CPython does. */
static bool
unordered(struct interp *it, uint32_t offset, enum compare_op op, uint32_t l,
    uint32_t r, objid_t v, objid_t w)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_printf(&sb, "'%s' not supported between instances of '%s' "
	    "and '%s'", ops_compare_text(op), type_name(it, v),
	    type_name(it, w));
	drop_compared(it, l, r);
	(void)throw_new(it, offset, "TypeError", strbuf_str(&sb), OBJ_NULL);
	strbuf_free(&sb);
	return false;
}

/*
 * left OP right for the stack entries at l < r: pushes the result.
 * COMPARE_OP and IS_OP push it, then drop the operands; CONTAINS_OP
 * drops them first.  A TypeError drops them before it is raised.
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
		drop_compared(it, l, r);
		objects_push_bool(&it->m, result == (op == CMP_IN));
		return ok(it);
	default:
		if (heap_is_weakdict(H(it), a) || heap_is_weakdict(H(it), b))
			return weakdict_unsupported(it, offset, "comparing a %s "
			    "(Mapping.__eq__)", type_name(it,
			    heap_is_weakdict(H(it), a) ? a : b));
		if ((op == CMP_EQ || op == CMP_NE) &&
		    tables_by_code(it, a, b)) {
			if (!table_equal_by_code(it, offset, a, b, &result))
				return false;
			result = result == (op == CMP_EQ);
			break;
		}
		if (seqs_by_code(it, a, b) || compares_by_code(it, a) ||
		    compares_by_code(it, b)) {
			bool answered = true;

			if (!(seqs_by_code(it, a, b) ? seq_compare_by_code(it,
			    offset, a, b, op) : richcompare_push(it, a, b, op,
			    &answered)))
				return false;
			if (!answered)
				return unordered(it, offset, op, l, r, a, b);
			drop_compared(it, l, r);
			return ok(it);
		}
		if (!equality_plain(it, offset, a, b))
			return false;
		if (is_set_like_view(it, a) || is_set_like_view(it, b))
			return raise(it, offset, NULL, "comparing a %s (set-like: "
			    "CPython compares its keys as a set) is not "
			    "supported yet", type_name(it,
			    is_set_like_view(it, a) ? a : b));
		walk_begin(it);
		c = heap_compare_within(H(it), a, b, op, bad, &it->work);
		if (!walk_end(it, offset))
			return false;
		if (c == HEAP_CMP_TYPE_ERROR)
			return unordered(it, offset, op, l, r, bad[0], bad[1]);
		result = c == HEAP_CMP_TRUE;
		break;
	}
	objects_push_bool(&it->m, result);
	drop_compared(it, l, r);
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
		if (i + 1 == e->as.seq.count)
			break;
		if (truth_refused(it, e->as.seq.items[i]->offset,
		    stack_at(it, TOP(it))))
			return false;
		if (truth(it, stack_at(it, TOP(it))) == stop_on)
			break;
		drop_top(it, REASON_OPERAND_DONE, ATOM_NONE);
	}
	return ok(it);
}

/* body if test else orelse: the test, tested and dropped
 * (POP_JUMP_IF_FALSE), then one of the two. */
static bool
eval_ifexp(struct interp *it, const struct expr *e)
{
	bool yes;

	if (!eval(it, e->as.seq.items[0]) || truth_refused(it,
	    e->as.seq.items[0]->offset, stack_at(it, TOP(it))))
		return false;
	yes = truth(it, stack_at(it, TOP(it)));
	drop_top(it, REASON_OPERAND_DONE, ATOM_NONE);
	return ok(it) && eval(it, e->as.seq.items[yes ? 1 : 2]);
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

/* set_add_key where a class's methods may run: key hashed, then held
 * (set_add_entry's reference, which __eq__ sees) while the set is probed;
 * it goes into the set, or is let go when the set has the key. */
static bool
set_add_entry(struct interp *it, uint32_t offset, objid_t set, objid_t key)
{
	pyhash_t hash;

	if (!hash_of(it, HASH_SET_ELEMENT, offset, key, &hash))
		return false;
	push_ref(it, key, REASON_STORE, ATOM_NONE);
	if (set_find(it, offset, set, key) >= 0)
		drop_top(it, REASON_OPERAND_DONE, ATOM_NONE);
	else if (ok(it))
		emit_move(it, EV_SET_ADD, SITE_SET, key, set, 0, OBJ_NULL,
		    TOP(it), REASON_STORE, ATOM_NONE);
	return ok(it);
}

/* Adds the key at stack position from to set, which lets go of it.
 * With takes, the set probes with that reference, which it then keeps
 * (3.14's BUILD_SET and SET_ADD: _PySet_AddTakeRef); else, where a
 * class's __eq__ may run, with one of its own (PySet_Add). */
static bool
set_add_from(struct interp *it, uint32_t offset, objid_t set, uint32_t from,
    bool takes)
{
	objid_t		key = stack_at(it, from);
	pyhash_t	hash;

	if (it->eq_methods && !takes) {
		if (!set_add_entry(it, offset, set, key))
			return false;
		drop_at(it, from, REASON_OPERAND_DONE);
		return ok(it);
	}
	if (!hash_of(it, HASH_SET_ELEMENT, offset, key, &hash))
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
	objid_t		*objects = code_constants(it);
	struct settable	 first, second;
	struct settable_change change;
	uint32_t	 cursor = 0;
	int64_t		 i;

	settable_init(&first);
	settable_init(&second);
	for (uint32_t k = 0; k < e->as.seq.count; k++) {
		objid_t item = objects[e->as.seq.items[k]->constant - 1];
		pyhash_t hash;

		if (!hash_of(it, HASH_SET_ELEMENT, e->as.seq.items[k]->offset, item, &hash))
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

/*
 * [c1, c2, c3, ...] of three or more constants: CPython 3.11 compiles it as
 * BUILD_LIST 0; LOAD_CONST (c1, c2, c3, ...); LIST_EXTEND, so the items
 * are the constant tuple's (the compiler put the tuple, not the items, in
 * co_consts).
 */
static bool
eval_constant_list(struct interp *it, const struct expr *e)
{
	objid_t		l = push_new(it, OBJ_LIST);
	objid_t		tuple = code_constants(it)[e->items_constant - 1];

	push_ref(it, tuple, REASON_CONSTANT, ATOM_NONE);
	if (!list_extend(it, e->offset, l, tuple))
		return false;
	drop_top(it, REASON_OPERAND_DONE, ATOM_NONE);
	return ok(it);
}

static bool
eval_display(struct interp *it, const struct expr *e)
{
	uint32_t	base = H(it)->stack_len;
	objid_t		id;

	switch (e->kind) {
	case EXPR_LIST:
		if (e->items_constant != 0)
			return eval_constant_list(it, e);
		/* FALLTHROUGH */
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
			    base, version_rules(H(it)->python)->set_op_takes))
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

/* The number of arguments call passes by position (before the first
 * keyword). */
static uint32_t
count_positional(const struct expr *call)
{
	uint32_t n = count_args(call), k = 0;

	while (k < n && (call->as.call.keywords == NULL ||
	    call->as.call.keywords[k] == ATOM_NONE))
		k++;
	return k;
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
	uint32_t	 n = count_positional(call);	/* keywords: c's own */
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

/* ---- str() and repr() of instances: __str__, __repr__ ---- */

/* The class of the program of instance or exception x, or OBJ_NULL. */
static objid_t
program_class_of(const struct interp *it, objid_t x)
{
	if (obj(it, x)->type == OBJ_INSTANCE)
		return obj(it, x)->as.inst->cls;
	return is_exception(it, x) ? heap_exception_class(H(it), x) : OBJ_NULL;
}

/* The __str__ (as_str) or __repr__ that str(x) or repr(x) calls for an
 * instance or an exception whose class of the program defines one, or
 * OBJ_NULL for the built-in one (object.__str__ is repr(x), which may be
 * the class's __repr__; BaseException has a __str__ of its own). */
static objid_t
text_method(const struct interp *it, objid_t x, bool as_str)
{
	objid_t	m = OBJ_NULL, cls = program_class_of(it, x);
	bool	exception = is_exception(it, x);

	if (cls == OBJ_NULL)
		return OBJ_NULL;
	if (as_str)
		m = heap_class_lookup(H(it), cls, it->a_str);
	if (m == OBJ_NULL && (!as_str || !exception))
		m = heap_class_lookup(H(it), cls, it->a_repr);
	return m;
}

struct code_search {
	const struct interp	*it;
	bool			(*runs_code)(const struct interp *, objid_t);
	bool			*seen;		/* by id: containers looked in */
	uint32_t		 depth;
	bool			 found;
};

static bool code_search_in(struct code_search *cs, objid_t x);

static bool
code_search_visit(void *ctx, const struct heap_ref *ref)
{
	struct code_search *cs = ctx;

	if (cs->runs_code(cs->it, ref->target))
		cs->found = true;
	else
		(void)code_search_in(cs, ref->target);
	return !cs->found;
}

/* Looks in container x once (a shared part is looked in once); the walk
 * is as deep as the repr's, which HEAP_MAX_DEPTH bounds, and the call
 * depth is DESIGN §8's. */
static bool
code_search_in(struct code_search *cs, objid_t x)
{
	switch (obj(cs->it, x)->type) {
	case OBJ_LIST:
	case OBJ_TUPLE:
	case OBJ_DICT:
	case OBJ_SET:
		/* deeper, the repr raises RecursionError first */
		if (cs->seen[x] || cs->depth > HEAP_MAX_DEPTH)
			return cs->found;
		cs->seen[x] = true;
		cs->depth++;
		heap_visit_refs(cs->it->m.heap, x, code_search_visit, cs);
		cs->depth--;
		return cs->found;
	default:
		return false;
	}
}

/* Whether something container x holds, at any depth, runs_code. */
static bool
code_search(const struct interp *it, objid_t x,
    bool (*runs_code)(const struct interp *, objid_t))
{
	struct code_search cs = { it, runs_code, NULL, 0, false };

	cs.seen = xcalloc(H(it)->object_count, sizeof *cs.seen);
	(void)code_search_in(&cs, x);
	xfree(cs.seen);
	return cs.found;
}

static bool
repr_by_code(const struct interp *it, objid_t x)
{
	return text_method(it, x, false) != OBJ_NULL;
}

/* Whether the repr of container x would call a class's __repr__ for
 * something inside it (list_repr calls PyObject_Repr on each item): the
 * model writes a container's repr without running code.  Only a program
 * with such a class has to look. */
static bool
repr_runs_code_in(const struct interp *it, objid_t x, uint32_t depth)
{
	(void)depth;
	return it->text_methods && code_search(it, x, repr_by_code);
}

/* Whether x is, or container x holds, an instance that compares by code
 * (compares_by_code): the model's own equality knows identity only. */
static bool
equality_runs_code_in(const struct interp *it, objid_t x)
{
	return it->eq_methods && (compares_by_code(it, x) ||
	    code_search(it, x, compares_by_code));
}

static bool
repr_code_unsupported(struct interp *it, uint32_t offset, objid_t x)
{
	return raise(it, offset, NULL, "the repr of a %s holding an instance "
	    "whose class defines __repr__ is not supported yet",
	    type_name(it, x));
}

/* str(x) (as_str) or repr(x) by method m of x's class (text_method):
 * called with x, its result -- which must be a str -- on top. */
static bool
call_text_method(struct interp *it, uint32_t offset, objid_t x, objid_t m,
    bool as_str)
{
	uint32_t at = H(it)->stack_len;

	if (obj(it, m)->type != OBJ_FUNCTION)
		return raise(it, offset, NULL, "a %s that is not a function "
		    "is not supported yet", as_str ? "__str__" : "__repr__");
	push_ref(it, m, REASON_LOAD, ATOM_NONE);
	push_ref(it, x, REASON_ARGUMENT, ATOM_NONE);
	if (!run_function(it, NULL, at, 1))
		return false;
	if (obj(it, stack_at(it, TOP(it)))->type != OBJ_STR)
		return raise(it, offset, "TypeError", "%s returned non-string "
		    "(type %s)", m == heap_class_lookup(H(it),
		    program_class_of(it, x), it->a_str) ? "__str__" :
		    "__repr__", type_name(it, stack_at(it, TOP(it))));
	return ok(it);
}

/*
 * print(...): the text goes to the timeline, which keeps all the run
 * printed, so it is bounded (INTERP_MAX_OUTPUT); the repr of a list that
 * shares its parts doubles with each level, and is cut short as soon as
 * it is over.  sep and end: strs, or OBJ_NULL or None for ' ' and '\n'.
 */
static bool
call_print_with(struct interp *it, uint32_t offset, uint32_t base,
    uint32_t n, objid_t sep, objid_t end)
{
	struct strbuf	sb = STRBUF_INIT;
	size_t		printed = it->m.timeline->text_len, room;
	enum heap_repr_failure why;
	const struct pystr *sep_text = sep != OBJ_NULL &&
	    obj(it, sep)->type == OBJ_STR ? str_of(it, sep) : NULL;
	const struct pystr *end_text = end != OBJ_NULL &&
	    obj(it, end)->type == OBJ_STR ? str_of(it, end) : NULL;

	uint32_t	depth = recursion_room(it);
	uint32_t	cost = c_call_cost(it, false);

	depth = depth > cost ? depth - cost : 0;
	room = printed < INTERP_MAX_OUTPUT ? INTERP_MAX_OUTPUT - printed : 0;
	for (uint32_t i = 0; i < n && sb.len <= room; i++) {
		objid_t x = stack_at(it, base + i), m = text_method(it, x, true);

		if (i > 0 && sep_text != NULL)
			strbuf_append(&sb, sep_text->data, sep_text->len);
		else if (i > 0)
			strbuf_putc(&sb, ' ');
		if (m != OBJ_NULL) {
			const struct pystr *text;

			/* print has written what comes before, then calls
			 * __str__, which may print itself */
			emit_output(it, strbuf_str(&sb), sb.len);
			room -= sb.len;
			strbuf_truncate(&sb, 0);
			if (!call_text_method(it, offset, x, m, true)) {
				strbuf_free(&sb);
				return false;
			}
			text = str_of(it, stack_at(it, TOP(it)));
			strbuf_append(&sb, text->data, text->len);
			drop_top(it, REASON_OPERAND_DONE, ATOM_NONE);
			room = it->m.timeline->text_len < INTERP_MAX_OUTPUT ?
			    INTERP_MAX_OUTPUT - it->m.timeline->text_len : 0;
			continue;
		}
		if (repr_runs_code_in(it, x, 0)) {
			strbuf_free(&sb);
			return repr_code_unsupported(it, offset, x);
		}
		if (!charge_repr(it, x)) {
			strbuf_free(&sb);
			return false;
		}
		if (!heap_repr_nested(H(it), x, true,
		    room - (sb.len <= room ? sb.len : room) + 1, depth, &sb,
		    &why)) {
			strbuf_free(&sb);
			return repr_failed(it, offset, why);
		}
	}
	if (end_text != NULL)
		strbuf_append(&sb, end_text->data, end_text->len);
	else
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

/* print(...): the defaults' sep and end. */
static bool
call_print(struct interp *it, uint32_t offset, uint32_t base, uint32_t n)
{
	return call_print_with(it, offset, base, n, OBJ_NULL, OBJ_NULL);
}

static bool
builtin_print(struct interp *it, const struct expr *call, objid_t self,
    uint32_t base)
{
	uint32_t	 n = count_args(call), positional = n;
	objid_t		 kw[2] = { OBJ_NULL, OBJ_NULL };	/* sep, end */

	(void)self;
	/* print's own keywords (after the positional arguments) */
	for (uint32_t k = 0; call->as.call.keywords != NULL && k < n; k++) {
		const char	*name = atom_name(call->as.call.keywords[k]);
		int		 which = strcmp(name, "sep") == 0 ? 0 :
		    strcmp(name, "end") == 0 ? 1 : -1;
		objid_t		 v = stack_at(it, base + k);

		if (call->as.call.keywords[k] == ATOM_NONE)
			continue;
		if (positional == n)
			positional = k;
		if (which < 0)
			return raise(it, call->as.call.args[k]->offset, NULL,
			    "print() with %s= is not supported yet (sep= "
			    "and end= are)", name);
		if (obj(it, v)->type != OBJ_NONE &&
		    obj(it, v)->type != OBJ_STR) {
			struct strbuf sb = STRBUF_INIT;

			strbuf_printf(&sb, "%s must be None or a string, not "
			    "%s", name, type_name(it, v));
			throw_new(it, call->offset, "TypeError",
			    strbuf_str(&sb), OBJ_NULL);
			strbuf_free(&sb);
			return false;
		}
		kw[which] = v;
	}
	if (!call_print_with(it, call->offset, base, positional, kw[0],
	    kw[1]))
		return false;
	drop_arguments(it, base, n);
	return ok(it);
}

static bool
builtin_len(struct interp *it, const struct expr *call, objid_t self,
    uint32_t base)
{
	int64_t value = heap_len(H(it), stack_at(it, base));

	(void)self;
	if (globals_used(it, call->offset, stack_at(it, base)))
		return false;
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

/* Whether the model's hash of x is CPython's (64-bit, PYTHONHASHSEED=0):
 * a number's, a str's, a tuple's of such, or what a class's __hash__
 * gave; None, functions, classes and other instances hash by address in
 * CPython, by id here. */
static bool
hash_is_cpythons(const struct interp *it, objid_t x)
{
	const struct object *o = obj(it, x);

	switch (o->type) {
	case OBJ_INT:
	case OBJ_BOOL:
	case OBJ_FLOAT:
	case OBJ_STR:
		return true;
	case OBJ_INSTANCE:
		return o->as.inst->hashed;
	case OBJ_TUPLE:
		for (uint32_t i = 0; i < o->as.seq->len; i++)
			if (!hash_is_cpythons(it, o->as.seq->items[i]))
				return false;
		return true;
	default:
		return false;
	}
}

/* hash(x): PyObject_Hash, its class's __hash__ run for an instance */
static bool
builtin_hash(struct interp *it, const struct expr *call, objid_t self,
    uint32_t base)
{
	pyhash_t hash;

	(void)self;
	if (!hash_of(it, HASH_PLAIN, call->offset, stack_at(it, base), &hash))
		return false;
	if (!hash_is_cpythons(it, stack_at(it, base)))
		return raise(it, call->offset, NULL, "hash() of a %s is not "
		    "supported yet (CPython hashes it by its address)",
		    type_name(it, stack_at(it, base)));
	objects_push_int(&it->m, hash, REASON_RESULT);
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

/* ---- 3.14's borrowed references (LOAD_FAST_BORROW) ----
 *
 * 3.14 loads a plain fast local whose reference is used up in the same
 * basic block without a new reference: a value so loaded is on the stack
 * uncounted.  sys.getrefcount sees it: its own argument, and every such
 * load of the same object the statement left on the stack beneath it
 * (print("v", v, sys.getrefcount(v)) counts neither v).  Not in code only
 * an exception reaches, which 3.14 leaves alone.
 */

static const struct stmt *body_stmt(const struct interp *it,
    const struct program_function *f, uint32_t k);
static bool handling_here(const struct interp *it);

/* Whether e is a plain fast local of the running frame whose value is x. */
static bool
borrowed_load_of(const struct interp *it, const struct expr *e, objid_t x)
{
	uint32_t index;

	return e->kind == EXPR_NAME && is_local(it, e->as.name, &index) &&
	    !is_deref(it, index) &&
	    heap_frame(H(it), it->frame)->names[index].value == x;
}

struct borrow_walk {
	const struct interp	*it;
	const struct expr	*target;	/* the getrefcount call */
	objid_t			 x;		/* its argument's value */
	uint32_t		 count;
	bool			 found;
	bool			 jumped;	/* the way up crossed a jump:
						   what is kept above is in
						   another block, counted */
	const struct expr	*checked;	/* the load 3.14 checks, not
						   borrowed (checked_load) */
	/* scratch: a node's children, in evaluation order */
	const struct expr	*children[64];
	uint32_t		 child_count;
};

static void
borrow_child(struct expr *child, void *ctx)
{
	struct borrow_walk *w = ctx;

	if (w->child_count < sizeof w->children / sizeof w->children[0])
		w->children[w->child_count++] = child;
}

/* Whether a node of kind k keeps its children's values on the stack
 * while its later children run (a call's callee and arguments, a
 * display's items, an operator's left operand); a comparison keeps only
 * the one before. */
static bool
keeps_operands(enum expr_kind k)
{
	return k == EXPR_CALL || k == EXPR_LIST || k == EXPR_TUPLE ||
	    k == EXPR_SET || k == EXPR_DICT || k == EXPR_BINARY ||
	    k == EXPR_INDEX || k == EXPR_SLICE || k == EXPR_COMPARE;
}

/* Looks for w->target under e; on the way back up, counts the borrowed
 * loads of w->x that the nodes above it keep on the stack meanwhile. */
static void
borrow_find(struct borrow_walk *w, const struct expr *e)
{
	const struct expr	*kids[64];
	uint32_t		 n;

	if (e == w->target) {
		w->found = true;
		return;
	}
	w->child_count = 0;
	ast_expr_each_child(e, borrow_child, w);
	n = w->child_count;
	memcpy(kids, w->children, n * sizeof *kids);
	for (uint32_t k = 0; k < n && !w->found; k++) {
		borrow_find(w, kids[k]);
		if (w->found && (e->kind == EXPR_AND || e->kind == EXPR_OR))
			w->jumped = true;
		if (!w->found || w->jumped || !keeps_operands(e->kind))
			continue;
		for (uint32_t j = e->kind == EXPR_COMPARE && k > 0 ? k - 1 : 0;
		    j < k; j++) {
			const struct expr *kept = kids[j];

			/* a method's self stays under its arguments */
			if (e->kind == EXPR_CALL && j == 0 &&
			    kept->kind == EXPR_ATTR)
				kept = kept->as.attr.object;
			if (kept != w->checked)
				w->count += borrowed_load_of(w->it, kept,
				    w->x);
		}
	}
}

/* The roots of statement s's expressions, in the order its code
 * evaluates them (targets after the value): up to 2 * n of them. */
static uint32_t
stmt_roots(const struct stmt *s, const struct expr **roots, uint32_t n)
{
	uint32_t k = 0;

	switch (s->kind) {
	case STMT_EXPR:
		roots[k++] = s->as.expr;
		break;
	case STMT_ASSIGN:
		roots[k++] = s->as.assign.value;
		for (uint32_t i = 0; i < s->as.assign.target_count && k < n;
		    i++)
			roots[k++] = s->as.assign.targets[i];
		break;
	case STMT_AUGASSIGN:
		roots[k++] = s->as.aug.target;
		roots[k++] = s->as.aug.value;
		break;
	case STMT_RETURN:
	case STMT_RAISE:
		if (s->as.value != NULL)
			roots[k++] = s->as.value;
		break;
	case STMT_IF:
	case STMT_WHILE:
		roots[k++] = s->as.test;
		break;
	case STMT_ASSERT:
		roots[k++] = s->as.test;
		if (s->cause != NULL && k < n)
			roots[k++] = s->cause;
		break;
	case STMT_FOR:
		roots[k++] = s->as.loop.iter;
		break;
	default:
		break;
	}
	return k;
}

/* The first node under e naming name, in evaluation order, or NULL. */
static const struct expr *
first_name(const struct expr *e, atom_t name, unsigned depth)
{
	struct borrow_walk	 w;
	const struct expr	*kids[64], *found;
	uint32_t		 n;

	if (e->kind == EXPR_NAME && e->as.name == name)
		return e;
	if (depth > PARSER_MAX_DEPTH)
		return NULL;
	w.child_count = 0;
	ast_expr_each_child(e, borrow_child, &w);
	n = w.child_count;
	memcpy(kids, w.children, n * sizeof *kids);
	for (uint32_t k = 0; k < n; k++)
		if ((found = first_name(kids[k], name, depth + 1)) != NULL)
			return found;
	return NULL;
}

/*
 * The load of a local that 3.14 checks (LOAD_FAST_CHECK) and so does not
 * borrow, where call's argument is a local that may be unbound as the
 * running step begins (program_step.unbound): the first node of the
 * step's statements naming it -- a load before call's, the argument
 * itself, or a binding, after which nothing is checked.  NULL when no
 * load is checked.
 */
static const struct expr *
checked_load(const struct interp *it, const struct expr *call)
{
	const struct expr	*arg = call->as.call.args[0], *found = NULL;
	const struct stmt	*s = body_stmt(it, it->function, it->pc);
	uint32_t		 index;

	if (it->function == NULL || arg->kind != EXPR_NAME ||
	    !is_local(it, arg->as.name, &index) || index >= 64 ||
	    !(it->function->body[it->pc].unbound & (UINT64_C(1) << index)))
		return NULL;
	for (; s != NULL && found == NULL; s = s->next) {
		const struct expr	*roots[8];
		uint32_t		 n = stmt_roots(s, roots, 8);

		for (uint32_t i = 0; i < n && found == NULL; i++)
			found = first_name(roots[i], arg->as.name, 0);
	}
	return found;
}

/* The borrowed references to x, the argument of sys.getrefcount call,
 * on the stack as it runs: 0 but on 3.14. */
static uint32_t
borrowed_at_call(const struct interp *it, const struct expr *call,
    objid_t x)
{
	const struct stmt	*s = body_stmt(it, it->function, it->pc);
	struct borrow_walk	 w = { it, call, x, 0, false, false, NULL,
				    { NULL }, 0 };

	if (!version_rules(H(it)->python)->borrowed_locals ||
	    handling_here(it) || version_immortal(H(it), w.x))
		return 0;
	w.checked = checked_load(it, call);
	w.count = call->as.call.args[0] != w.checked &&
	    borrowed_load_of(it, call->as.call.args[0], w.x);
	for (; s != NULL && !w.found; s = s->next) {
		const struct expr *roots[2] = { NULL, NULL };

		switch (s->kind) {
		case STMT_EXPR:
			roots[0] = s->as.expr;
			break;
		case STMT_ASSIGN:
			roots[0] = s->as.assign.value;
			break;
		case STMT_AUGASSIGN:
			roots[0] = s->as.aug.target;
			roots[1] = s->as.aug.value;
			break;
		case STMT_RETURN:
		case STMT_RAISE:
			roots[0] = s->as.value;
			break;
		case STMT_IF:
		case STMT_WHILE:
			roots[0] = s->as.test;
			break;
		case STMT_ASSERT:
			roots[0] = s->as.test;
			roots[1] = s->cause;
			break;
		case STMT_FOR:
			roots[0] = s->as.loop.iter;
			break;
		default:
			break;
		}
		for (uint32_t i = 0; i < 2 && roots[i] != NULL && !w.found; i++)
			borrow_find(&w, roots[i]);
	}
	return w.count;
}

static bool
sys_getrefcount(struct interp *it, const struct expr *call, objid_t self,
    uint32_t base)
{
	int64_t n = version_refcount(H(it), stack_at(it, base));

	(void)self;
	/* its count is the interpreter's: its functions' __globals__, the
	 * module, the frames running its code */
	if (globals_used(it, call->offset, stack_at(it, base)))
		return false;
	/* the argument on the stack is one of the references, but not a
	 * borrowed one (3.14) */
	n -= borrowed_at_call(it, call, stack_at(it, base));
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

/* sys.intern(s): the interned str equal to s (s itself, made the
 * interned one, when there is none yet). */
static bool
sys_intern(struct interp *it, const struct expr *call, objid_t self,
    uint32_t base)
{
	objid_t s = stack_at(it, base);

	(void)self;
	if (obj(it, s)->type != OBJ_STR)
		return raise(it, call->as.call.args[0]->offset, "TypeError",
		    "intern() argument must be str, not %s", type_name(it, s));
	objects_intern(&it->m, s);
	return call_done(it, base, 1);
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
		if (!c_integer(it, call->offset, stack_at(it, base),
		    "OverflowError", "Python int too large to convert to C "
		    "int", &generation))
			return false;
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

/* ---- weakref (Objects/weakrefobject.c) and the gc's look at the heap ---- */

/* TypeError: cannot create weak reference to 'int' object */
static bool
weakref_type_error(struct interp *it, uint32_t offset, objid_t x)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_printf(&sb, "cannot create weak reference to '%s' object",
	    heap_tp_name(H(it), x));
	throw_new(it, offset, "TypeError", strbuf_str(&sb), OBJ_NULL);
	strbuf_free(&sb);
	return false;
}

/* Whether weakref.ref(target) cannot be made here, raised: CPython's
 * TypeError, or not supported yet of a class (`what` says for what). */
static bool
weak_target_refused(struct interp *it, uint32_t offset, objid_t target,
    const char *what)
{
	if (!heap_weakrefable(H(it), target))
		return !weakref_type_error(it, offset, target);
	if (obj(it, target)->type == OBJ_CLASS ||
	    obj(it, target)->type == OBJ_TYPE)
		return !raise(it, offset, NULL, "%s of a class is not supported "
		    "yet (CPython gives it the weakref its base's __subclasses__ "
		    "already holds, which is not modelled)", what);
	return false;
}

/*
 * weakref.ref(obj[, callback]): a weakref object that does not count.
 * Without a callback (or with None) obj's basic reference is shared: a
 * second weakref.ref(obj) is the same object (get_basic_refs).  The
 * callback is held by the weakref until the referent dies.
 */
static bool
weakref_ref(struct interp *it, const struct expr *call, objid_t self,
    uint32_t base)
{
	uint32_t	 n = count_args(call);
	objid_t		 target, callback = OBJ_NULL;

	(void)self;
	if (n < 1 || n > 2)
		return raise(it, call->offset, "TypeError", "__new__ expected "
		    "%s argument%s, got %u", n < 1 ? "at least 1" :
		    "at most 2", n < 1 ? "" : "s", n);
	target = stack_at(it, base);
	if (weak_target_refused(it, call->offset, target, "weakref.ref"))
		return false;
	if (n == 2 && obj(it, stack_at(it, base + 1))->type != OBJ_NONE)
		callback = stack_at(it, base + 1);
	push_weakref(it, target, callback);
	return call_done(it, base, n);
}

/* ref(target[, callback]) on top: without a callback, target's basic
 * reference when it has one (get_basic_refs); else a new weakref, which
 * holds its callback. */
static void
push_weakref(struct interp *it, objid_t target, objid_t callback)
{
	objid_t first, w;

	if (callback == OBJ_NULL && heap_weakrefs_of(H(it), target, &first,
	    1) > 0 && heap_weakref_callback(H(it), first, NULL) == OBJ_NULL) {
		push_ref(it, first, REASON_RESULT, ATOM_NONE);
		return;
	}
	w = heap_reserve_weakref(H(it), target);
	objects_alloc(&it->m, w, REASON_NEW, ATOM_NONE);
	if (callback != OBJ_NULL) {
		push_ref(it, callback, REASON_LOAD, ATOM_NONE);
		hold_top(it, w);
	}
	it->m.weakrefs++;
}

/* obj.__weakref__: the head of obj's weak reference list (its basic
 * reference, if it has one), or None. */
static bool
push_weaklist_head(struct interp *it, objid_t o)
{
	objid_t head;

	if (heap_weakrefs_of(H(it), o, &head, 1) > 0)
		push_ref(it, head, REASON_LOAD, ATOM_NONE);
	else
		objects_push_none(&it->m);
	return ok(it);
}

/* weakref.getweakrefcount(obj): how many weakrefs obj has (0 for an
 * object that cannot have any). */
static bool
weakref_getweakrefcount(struct interp *it, const struct expr *call,
    objid_t self, uint32_t base)
{
	objid_t		 target = stack_at(it, base);
	uint32_t	 n = 0;

	(void)self;
	if (obj(it, target)->type == OBJ_CLASS ||
	    obj(it, target)->type == OBJ_TYPE)
		return raise(it, call->offset, NULL, "weakref.getweakrefcount "
		    "of a class is not supported yet (CPython counts the "
		    "weakref its base's __subclasses__ holds, which is not "
		    "modelled)");
	if (heap_weakrefable(H(it), target))
		n = heap_weakrefs_of(H(it), target, NULL, 0);
	objects_push_int(&it->m, n, REASON_RESULT);
	return call_done(it, base, 1);
}

/* Calling a weakref, r(): its referent (a new reference), or None once it
 * died.  The weakref on the stack at base goes after. */
static bool
call_weakref(struct interp *it, const struct expr *call, uint32_t base)
{
	objid_t target = heap_weak_target(H(it), stack_at(it, base));

	if (count_args(call) != 0)
		return raise(it, call->offset, "TypeError", "weakref expected 0 "
		    "arguments, got %u", count_args(call));
	if (target == OBJ_NULL)
		objects_push_none(&it->m);
	else
		push_ref(it, target, REASON_RESULT, ATOM_NONE);
	drop_at(it, base, REASON_OPERAND_DONE);
	return ok(it);
}

/* weakref.py's code runs from here to library_leave: what it raises
 * is not followed to an except (catch_kind) */
static void
library_enter(struct interp *it)
{
	it->library_depth++;
}

static bool
library_leave(struct interp *it, bool done)
{
	it->library_depth--;
	return done;
}

/* ---- weakref.finalize (Lib/weakref.py) ----
 *
 * A finalizer is an instance of weakref.py's class finalize, which keeps
 * nothing itself (__slots__ = ()): what it needs is in an _Info (slots
 * weakref, func, args, kwargs, atexit, index) that the class's _registry
 * dict keeps under it while it is alive.  Its weakref to obj has it as
 * the callback, so obj's death calls it: __call__ takes its entry out of
 * the registry and calls func(*args), once; f() does the same sooner,
 * f.detach() takes the entry out without the call.
 *
 * CPython made the two classes and the registry at `import weakref`; the
 * model makes them at the first finalizer (a picture without one does
 * not show them), as old objects the collector neither counts nor
 * tracks.  CPython's machinery holds the classes (measured: finalize 3 --
 * the module, its __mro__, and the bound _exitfunc atexit keeps from the
 * first finalizer on; _Info 7 -- its __mro__ and its six slot
 * descriptors).  Not modelled: atexit calling the finalizers still alive
 * when the program ends (the model stops at the program's end).
 */
#define FINALIZE_CLASS_REFS		3
#define FINALIZE_INFO_CLASS_REFS	7

enum finalize_slot {
	FIN_WEAKREF, FIN_FUNC, FIN_ARGS, FIN_KWARGS, FIN_ATEXIT, FIN_INDEX,
	FIN_SLOT_COUNT
};
static const char *const finalize_slots[FIN_SLOT_COUNT] = {
	"weakref", "func", "args", "kwargs", "atexit", "index"
};

/* The value of class cls's namespace entry name. */
static objid_t
class_entry(const struct interp *it, objid_t cls, const char *name)
{
	return heap_attr_value(H(it), cls, atom_from(name));
}

/* Moves the top of the stack into namespace entry name of class cls. */
static void
class_store_top(struct interp *it, objid_t cls, const char *name)
{
	emit_move(it, EV_SLOT_INSERT, SITE_ATTR, stack_at(it, TOP(it)), cls,
	    heap_attrs(H(it), cls)->count, OBJ_NULL, TOP(it), REASON_STORE,
	    atom_from(name));
}

/* The library class weakref.finalize, made on first use with its
 * _registry dict and its _Info class (in its namespace's order). */
static objid_t
finalize_class(struct interp *it)
{
	objid_t cls, v;

	if (it->finalize_cls != OBJ_NULL)
		return it->finalize_cls;
	cls = heap_reserve_class(H(it), atom_from("finalize"));
	heap_class_setup(H(it), cls, OBJ_NULL, FINALIZE_CLASS_REFS);
	heap_class_library(H(it), cls, atom_from("weakref"), true);
	objects_alloc_library(&it->m, cls, REASON_NEW, ATOM_NONE);
	v = heap_reserve(H(it), OBJ_DICT);
	objects_alloc_library(&it->m, v, REASON_NEW, ATOM_NONE);
	class_store_top(it, cls, "_registry");
	v = heap_reserve_class(H(it), atom_from("_Info"));
	heap_class_setup(H(it), v, OBJ_NULL, FINALIZE_INFO_CLASS_REFS);
	heap_class_library(H(it), v, atom_from("weakref.finalize"), true);
	objects_alloc_library(&it->m, v, REASON_NEW, ATOM_NONE);
	class_store_top(it, cls, "_Info");
	/* the module and the machinery hold it now */
	drop_top(it, REASON_OPERAND_DONE, ATOM_NONE);
	it->finalize_cls = cls;
	return cls;
}

/* Whether a finalizer may call func: a function of the program, a
 * method bound to one, or print. */
static bool
finalize_callable(struct interp *it, uint32_t offset, objid_t func)
{
	const struct object *o = obj(it, func);

	if (o->type == OBJ_FUNCTION || (o->type == OBJ_ITER &&
	    ((o->as.iter->kind == ITER_METHOD && o->as.iter->count == 2 &&
	    obj(it, o->as.iter->held[0])->type == OBJ_FUNCTION) ||
	    o->as.iter->kind == ITER_BUILTIN)))
		return true;
	return raise(it, offset, NULL, "a weakref.finalize calling a %s is "
	    "not supported yet (a function, a bound method or print is)",
	    o->type == OBJ_CLASS ? "class" : type_name(it, func));
}

/*
 * weakref.finalize(obj, func, *args): finalize.__init__ -- the new
 * finalizer, its *args tuple, its _Info, then the weakref to obj whose
 * callback it is; the _Info takes them, and the registry takes the
 * finalizer and its _Info.  The frame's locals go (args, then info);
 * the finalizer is the result.
 */
static bool
weakref_finalize(struct interp *it, const struct expr *call, objid_t self,
    uint32_t base)
{
	uint32_t	n = count_args(call);
	objid_t		target, cls, f, info, w;

	(void)self;
	if (call->as.call.keywords != NULL)
		return keywords_unsupported(it, call);
	if (n < 2)
		return raise(it, call->offset, "TypeError", "finalize.__init__() "
		    "missing %u required positional argument%s: %s", 2 - n,
		    n == 0 ? "s" : "", n == 0 ? "'obj' and 'func'" : "'func'");
	target = stack_at(it, base);
	if (!finalize_callable(it, call->as.call.args[1]->offset,
	    stack_at(it, base + 1)))
		return false;
	/* raised in finalize.__init__, whose frame its traceback holds */
	library_enter(it);
	if (library_leave(it, weak_target_refused(it, call->offset, target,
	    "weakref.finalize")))
		return false;
	cls = finalize_class(it);
	f = heap_reserve_instance(H(it), cls);
	objects_alloc(&it->m, f, REASON_NEW, ATOM_NONE);
	for (uint32_t k = 2; k < n && ok(it); k++)
		push_ref(it, stack_at(it, base + k), REASON_ARGUMENT, ATOM_NONE);
	if (n == 2)
		objects_push_empty_tuple(&it->m);
	else {
		objects_build_sequence(&it->m, OBJ_TUPLE, n - 2,
		    REASON_ARGUMENT);
		gctrack_tuple_built(&it->m, stack_at(it, TOP(it)));
	}
	info = heap_reserve_instance(H(it), class_entry(it, cls, "_Info"));
	objects_alloc(&it->m, info, REASON_NEW, ATOM_NONE);
	w = heap_reserve_weakref(H(it), target);
	objects_alloc(&it->m, w, REASON_NEW, ATOM_NONE);
	push_ref(it, f, REASON_LOAD, ATOM_NONE);
	hold_top(it, w);
	it->m.weakrefs++;
	for (int k = FIN_WEAKREF; k < FIN_SLOT_COUNT && ok(it); k++) {
		switch ((enum finalize_slot)k) {
		case FIN_WEAKREF:	/* on top already */
			break;
		case FIN_FUNC:
			push_ref(it, stack_at(it, base + 1), REASON_LOAD,
			    ATOM_NONE);
			break;
		case FIN_ARGS:
			push_ref(it, stack_at(it, TOP(it) - 1), REASON_LOAD,
			    ATOM_NONE);
			break;
		case FIN_KWARGS:	/* kwargs or None */
			objects_push_none(&it->m);
			break;
		case FIN_ATEXIT:
			objects_push_bool(&it->m, true);
			break;
		case FIN_INDEX:		/* next(self._index_iter) */
			objects_push_int(&it->m, it->finalize_index++,
			    REASON_RESULT);
			break;
		case FIN_SLOT_COUNT:
			break;
		}
		emit_move(it, EV_SLOT_INSERT, SITE_ATTR, stack_at(it, TOP(it)),
		    info, (uint32_t)k, OBJ_NULL, TOP(it), REASON_STORE,
		    atom_from(finalize_slots[k]));
	}
	/* self._registry[self] = info */
	if (!ok(it) || !dict_store(it, call->offset, class_entry(it, cls,
	    "_registry"), TOP(it) - 2, TOP(it)))
		return false;
	drop_at(it, TOP(it) - 1, REASON_SCOPE_EXIT);	/* args */
	drop_top(it, REASON_SCOPE_EXIT, ATOM_NONE);	/* info */
	return call_done(it, base, n);
}

/* Finalizer f's entry in its class's registry, or -1. */
static int64_t
finalize_entry(const struct interp *it, objid_t f, objid_t *registry)
{
	const struct pydict *d;

	*registry = class_entry(it, obj(it, f)->as.inst->cls, "_registry");
	d = obj(it, *registry)->as.dict;
	for (uint32_t k = 0; k < d->count; k++)
		if (d->entries[k].key == f)
			return k;
	return -1;
}

/* self._registry.pop(self, None): finalizer f's _Info on top (the
 * registry drops its key), or None. */
static void
finalize_pop(struct interp *it, objid_t f)
{
	objid_t			 registry;
	int64_t			 entry = finalize_entry(it, f, &registry);
	const struct dict_entry	*e;

	if (entry < 0) {
		objects_push_none(&it->m);
		return;
	}
	e = &obj(it, registry)->as.dict->entries[entry];
	machine_emit(&it->m, (struct event){ .kind = EV_DICT_REMOVE,
	    .reason = REASON_METHOD, .site = SITE_DICT_KEY, .object = e->key,
	    .other = e->value, .owner = registry, .index = (uint32_t)entry });
	drop_at(it, TOP(it) - 1, REASON_METHOD);
}

/* The value of slot k of _Info info. */
static objid_t
info_slot(const struct interp *it, objid_t info, enum finalize_slot k)
{
	return instance_value(it, info, atom_from(finalize_slots[k]));
}

/*
 * info.func(*info.args, **(info.kwargs or {})) with info on top: the
 * result on top of it.  CALL_FUNCTION_EX keeps the callable, the args
 * tuple and the merged kwargs dict on the stack (a second empty dict,
 * `{}`, is merged into it and dropped) while the call's frame takes a
 * reference of its own to the function and to each argument.
 */
static bool
finalize_run_func(struct interp *it, objid_t info)
{
	objid_t		 func = info_slot(it, info, FIN_FUNC);
	objid_t		 args = info_slot(it, info, FIN_ARGS);
	const struct pyiter *m = obj(it, func)->as.iter;
	uint32_t	 at = H(it)->stack_len, n = heap_len(H(it), args) < 0 ?
	    0 : (uint32_t)heap_len(H(it), args), call_at;

	push_ref(it, func, REASON_LOAD, ATOM_NONE);
	push_ref(it, args, REASON_LOAD, ATOM_NONE);
	push_new(it, OBJ_DICT);
	push_new(it, OBJ_DICT);
	drop_top(it, REASON_OPERAND_DONE, ATOM_NONE);
	call_at = H(it)->stack_len;
	if (obj(it, func)->type == OBJ_FUNCTION)
		push_ref(it, func, REASON_LOAD, ATOM_NONE);
	else if (m->kind == ITER_METHOD) {
		push_ref(it, m->held[0], REASON_LOAD, ATOM_NONE);
		push_ref(it, m->held[1], REASON_ARGUMENT, ATOM_NONE);
	}
	for (uint32_t k = 0; k < n && ok(it); k++)
		push_ref(it, obj(it, args)->as.seq->items[k], REASON_ARGUMENT,
		    ATOM_NONE);
	if (!ok(it))
		return false;
	if (obj(it, func)->type == OBJ_FUNCTION) {
		if (!run_function(it, NULL, call_at, n))
			return false;
	} else if (m->kind == ITER_METHOD) {
		if (!run_function(it, NULL, call_at, n + 1))
			return false;
	} else {
		if (!call_print(it, 0, call_at, n))
			return false;
		drop_operands(it, call_at, n, REASON_ARGUMENT_DONE);
	}
	/* the result stays; the callable, the tuple and the dict go */
	drop_operands(it, at, 3, REASON_OPERAND_DONE);
	return ok(it);
}

/*
 * finalize.__call__(self, _=None) with its frame's locals from base on
 * (self, and the weakref when a callback): takes self's entry out of the
 * registry and, if there was one, calls its function.  Leaves the result
 * (None without a call) on top, after the frame's locals went: self, _,
 * then info, whose _Info dies there unless it is kept elsewhere.
 */
static bool
finalize_call_body(struct interp *it, objid_t f, uint32_t base)
{
	objid_t info;

	finalize_pop(it, f);
	info = stack_at(it, TOP(it));
	if (obj(it, info)->type == OBJ_NONE)
		objects_push_none(&it->m);
	else if (!finalize_run_func(it, info))
		return false;
	while (H(it)->stack_len - 1 > base && ok(it))
		drop_at(it, base, REASON_SCOPE_EXIT);
	return ok(it);
}

/* f() of finalizer f at base: its __call__ (an argument is `_`). */
static bool
call_finalize(struct interp *it, const struct expr *call, uint32_t base)
{
	uint32_t n = count_args(call), at = H(it)->stack_len;

	if (n > 1)
		return raise(it, call->offset, "TypeError", "finalize.__call__() "
		    "takes from 1 to 2 positional arguments but %u were given",
		    n + 1);
	push_ref(it, stack_at(it, base), REASON_ARGUMENT, ATOM_NONE);
	if (n == 1)
		push_ref(it, stack_at(it, base + 1), REASON_ARGUMENT,
		    ATOM_NONE);
	else
		objects_push_none(&it->m);
	library_enter(it);
	if (!library_leave(it, finalize_call_body(it, stack_at(it, base),
	    at)))
		return false;
	drop_operands(it, base, n + 1, REASON_OPERAND_DONE);
	return ok(it);
}

/*
 * f.peek(), f.detach(): (obj, func, args, kwargs or {}) while f and obj
 * are alive, else None -- detach takes f's entry out of the registry
 * first.  The frame's locals (self, info, obj) go after the result is
 * made: a detached _Info dies then, and its weakref with it.
 */
static bool
finalize_peek(struct interp *it, uint32_t offset, objid_t f, bool detach)
{
	uint32_t	base = H(it)->stack_len;
	objid_t		registry, info, target = OBJ_NULL;
	int64_t		entry = finalize_entry(it, f, &registry);

	push_ref(it, f, REASON_ARGUMENT, ATOM_NONE);
	if (entry < 0)
		objects_push_none(&it->m);
	else
		push_ref(it, obj(it, registry)->as.dict->entries[entry].value,
		    REASON_RESULT, ATOM_NONE);
	info = stack_at(it, TOP(it));
	/* obj = info and info.weakref() */
	if (entry >= 0)
		target = heap_weak_target(H(it), info_slot(it, info,
		    FIN_WEAKREF));
	if (target != OBJ_NULL)
		push_ref(it, target, REASON_RESULT, ATOM_NONE);
	else
		objects_push_none(&it->m);
	if (target == OBJ_NULL)
		objects_push_none(&it->m);
	else {
		if (detach) {
			finalize_pop(it, f);
			drop_top(it, REASON_OPERAND_DONE, ATOM_NONE);
		}
		push_ref(it, target, REASON_LOAD, ATOM_NONE);
		push_ref(it, info_slot(it, info, FIN_FUNC), REASON_LOAD,
		    ATOM_NONE);
		push_ref(it, info_slot(it, info, FIN_ARGS), REASON_LOAD,
		    ATOM_NONE);
		push_new(it, OBJ_DICT);
		objects_build_sequence(&it->m, OBJ_TUPLE, 4, REASON_RESULT);
		gctrack_tuple_built(&it->m, stack_at(it, TOP(it)));
	}
	(void)offset;
	while (H(it)->stack_len - 1 > base && ok(it))
		drop_at(it, base, REASON_SCOPE_EXIT);
	return ok(it);
}

/*
 * What reading name of finalizer f gives (on top): f.alive, f.atexit (a
 * property: its _Info's, or False), f.__class__.  Anything else of
 * finalize's is not followed; a name it does not have is CPython's
 * AttributeError.
 */
static bool
finalize_attribute(struct interp *it, uint32_t offset, objid_t f,
    atom_t name)
{
	const char	*n = atom_name(name);
	objid_t		 registry;
	int64_t		 entry = finalize_entry(it, f, &registry);

	if (strcmp(n, "alive") == 0)
		objects_push_bool(&it->m, entry >= 0);
	else if (strcmp(n, "atexit") == 0 && entry < 0)
		objects_push_bool(&it->m, false);
	else if (strcmp(n, "atexit") == 0)
		push_ref(it, info_slot(it, obj(it,
		    registry)->as.dict->entries[entry].value, FIN_ATEXIT),
		    REASON_LOAD, name);
	else if (name == it->a_class)
		push_ref(it, obj(it, f)->as.inst->cls, REASON_LOAD, name);
	else if (strcmp(n, "peek") == 0 || strcmp(n, "detach") == 0)
		return raise(it, offset, NULL, "reading finalize.%s other "
		    "than to call it is not supported yet", n);
	else if (n[0] == '_')
		return raise(it, offset, NULL, "reading finalize.%s is not "
		    "supported yet", n);
	else
		return attribute_error(it, offset, f, name);
	return ok(it);
}

/* ---- weakref.WeakValueDictionary, weakref.WeakKeyDictionary ----
 *
 * Both are instances of weakref.py's classes, whose dict `data` holds the
 * items, and whose `_remove` function (its defaults hold a weakref to the
 * instance) is the callback of the weakrefs in data: a dying value or key
 * takes its entry out.  3.11 to 3.13 give them a list _pending_removals
 * and a set _iterating besides (removals while iterating), and a
 * WeakKeyDictionary a flag _dirty_len; 3.14 has none of them.
 *
 * A WeakValueDictionary maps each key to a KeyedRef -- a weakref to the
 * value that holds the key: the value's count does not move, the key is
 * held twice.  _remove_dead_weakref deletes an entry only while it holds
 * a dead weakref.  A WeakKeyDictionary maps ref(key, _remove) to the
 * value: a weakref hashes as its referent and two live ones are equal
 * when their referents are, so d[k] looks up ref(k) -- k's basic weakref,
 * made for the lookup when k has none, and dropped after.
 *
 * The class is made at the first instance (a library class, as
 * weakref.finalize); CPython's machinery holds it (measured below, by
 * version: its module, __mro__, __dict__ and __weakref__ descriptors, and
 * other modules that import it).  What _remove does is the model's code
 * (HEAP_FUNCTION_LIBRARY).  What their methods raise is not followed to
 * an except (library_depth); iterating one, their other methods,
 * comparing and hashing them are not followed yet.
 */
static const struct weakdict_class {
	const char	*name;
	uint8_t		 refs[PY_VERSION_COUNT];
} weakdict_classes[WEAKDICT_KINDS] = {
	[WEAK_VALUES] = { "WeakValueDictionary", { 4, 5, 5, 5 } },
	[WEAK_KEYS] = { "WeakKeyDictionary", { 5, 6, 6, 4 } },
};

static enum weakdict_kind
weakdict_kind(const struct interp *it, objid_t d)
{
	return heap_is_wkd(H(it), d) ? WEAK_KEYS : WEAK_VALUES;
}

static bool
weakdict_unsupported(struct interp *it, uint32_t offset, const char *fmt, ...)
{
	struct strbuf	sb = STRBUF_INIT;
	va_list		ap;

	va_start(ap, fmt);
	strbuf_vprintf(&sb, fmt, ap);
	va_end(ap);
	raise(it, offset, NULL, "%s is not supported yet", strbuf_str(&sb));
	strbuf_free(&sb);
	return false;
}

/* Whether x is a weakref whose referent compares or hashes by the
 * program's code: its hash and equality would run it. */
static bool
weakref_by_code(const struct interp *it, objid_t x)
{
	const struct object *o = obj(it, x);

	return it->eq_methods && o->type == OBJ_ITER &&
	    o->as.iter->kind == ITER_WEAKREF &&
	    compares_by_code(it, o->as.iter->weak_birth);
}

/* The library class of the weak mappings of this kind, made on first use. */
static objid_t
weakdict_class(struct interp *it, enum weakdict_kind k)
{
	objid_t	cls;
	atom_t	statics[2];

	if (it->weakdict_cls[k] != OBJ_NULL)
		return it->weakdict_cls[k];
	cls = heap_reserve_class(H(it), atom_from(weakdict_classes[k].name));
	heap_class_setup(H(it), cls, OBJ_NULL,
	    weakdict_classes[k].refs[H(it)->python]);
	heap_class_library(H(it), cls, atom_from("weakref"), false);
	/* 3.14's shared keys start with its __static_attributes__ */
	statics[0] = atom_from("_remove");
	statics[1] = atom_from("data");
	version_class_keys(H(it), cls, statics, 2);
	objects_alloc_library(&it->m, cls, REASON_NEW, ATOM_NONE);
	drop_top(it, REASON_OPERAND_DONE, ATOM_NONE);
	it->weakdict_cls[k] = cls;
	return cls;
}

/* self.name = the object on top (taken) */
static bool
weakdict_store_top(struct interp *it, objid_t d, const char *name)
{
	push_ref(it, d, REASON_LOAD, ATOM_NONE);
	return instance_store(it, 0, atom_from(name), TOP(it) - 1);
}

/* def remove(..., selfref=ref(self)[, _atomic_removal=...]): on top */
static objid_t
weakdict_push_remove(struct interp *it, objid_t d, enum weakdict_kind k)
{
	struct strbuf	sb = STRBUF_INIT;
	objid_t		fn;

	fn = heap_reserve_function(H(it), atom_from("remove"),
	    HEAP_FUNCTION_LIBRARY, 1, NULL, 0);
	heap_function_defaults(H(it), fn);
	strbuf_printf(&sb, "%s.__init__.<locals>.remove",
	    weakdict_classes[k].name);
	heap_function_qualname(H(it), fn, atom_from(strbuf_str(&sb)));
	strbuf_free(&sb);
	objects_alloc(&it->m, fn, REASON_NEW, ATOM_NONE);
	push_weakref(it, d, OBJ_NULL);
	if (k == WEAK_VALUES)
		objects_push_builtin(&it->m, "_remove_dead_weakref");
	objects_build_sequence(&it->m, OBJ_TUPLE, k == WEAK_VALUES ? 2 : 1,
	    REASON_RESULT);
	gctrack_tuple_built(&it->m, stack_at(it, TOP(it)));
	emit_move(it, EV_CONST_STORE, SITE_FUNC_CONST, stack_at(it, TOP(it)),
	    fn, 0, OBJ_NULL, TOP(it), REASON_CONSTANT, ATOM_NONE);
	return fn;
}

/*
 * weakref.WeakValueDictionary(), weakref.WeakKeyDictionary(): the
 * instance, then what __init__ gives it, in its order -- for values
 * _remove first, for keys data first.
 */
static bool
weakdict_new(struct interp *it, const struct expr *call, uint32_t base,
    enum weakdict_kind k)
{
	objid_t d;

	if (call->as.call.keywords != NULL || count_args(call) != 0)
		return weakdict_unsupported(it, call->offset, "a %s made from "
		    "other items", weakdict_classes[k].name);
	d = heap_reserve_instance(H(it), weakdict_class(it, k));
	objects_alloc(&it->m, d, REASON_NEW, ATOM_NONE);
	if (k == WEAK_KEYS) {
		push_new(it, OBJ_DICT);
		weakdict_store_top(it, d, "data");
	}
	push_ref(it, weakdict_push_remove(it, d, k), REASON_LOAD, ATOM_NONE);
	weakdict_store_top(it, d, "_remove");
	drop_top(it, REASON_SCOPE_EXIT, ATOM_NONE);	/* remove */
	if (H(it)->python < PY_3_14) {
		push_new(it, OBJ_LIST);
		weakdict_store_top(it, d, "_pending_removals");
		push_new(it, OBJ_SET);
		weakdict_store_top(it, d, "_iterating");
		if (k == WEAK_KEYS) {
			objects_push_bool(&it->m, false);
			weakdict_store_top(it, d, "_dirty_len");
		}
	}
	if (k == WEAK_VALUES) {
		push_new(it, OBJ_DICT);
		weakdict_store_top(it, d, "data");
	}
	return ok(it) && call_done(it, base, 0);
}

static bool
weakref_wvd(struct interp *it, const struct expr *call, objid_t self,
    uint32_t base)
{
	(void)self;
	return weakdict_new(it, call, base, WEAK_VALUES);
}

static bool
weakref_wkd(struct interp *it, const struct expr *call, objid_t self,
    uint32_t base)
{
	(void)self;
	return weakdict_new(it, call, base, WEAK_KEYS);
}

static objid_t
weakdict_data(const struct interp *it, objid_t d)
{
	return instance_value(it, d, atom_from("data"));
}

/*
 * What d's data keys the lookup of key by: key itself (values), or ref(key)
 * (keys: its basic weakref, made now when it has none), pushed; false
 * when key cannot be weakly referenced (*weak says so: TypeError).
 */
static bool
weakdict_push_key(struct interp *it, objid_t d, objid_t key, bool *weak)
{
	*weak = true;
	if (weakdict_kind(it, d) == WEAK_VALUES) {
		push_ref(it, key, REASON_LOAD, ATOM_NONE);
		return true;
	}
	if (!heap_weakrefable(H(it), key)) {
		*weak = false;
		return false;
	}
	push_weakref(it, key, OBJ_NULL);
	return true;
}

/* d's data entry for the lookup key on top (-1: none), or false for an
 * unhashable one. */
static bool
weakdict_entry(struct interp *it, uint32_t offset, objid_t d, int64_t *entry)
{
	objid_t		data = weakdict_data(it, d);
	pyhash_t	hash;

	*entry = -1;
	if (!hash_of(it, HASH_DICT_KEY, offset, stack_at(it, TOP(it)), &hash))
		return false;
	*entry = dict_find(it, offset, data, stack_at(it, TOP(it)));
	return ok(it);
}

/* What d's entry gives: the live value of a KeyedRef, or the value. */
static objid_t
weakdict_value(const struct interp *it, objid_t d, int64_t entry)
{
	objid_t v;

	if (entry < 0)
		return OBJ_NULL;
	v = obj(it, weakdict_data(it, d))->as.dict->entries[entry].value;
	return weakdict_kind(it, d) == WEAK_VALUES ? heap_weak_target(H(it),
	    v) : v;
}

/* d[key] on top; KeyError (of the lookup key) when d has none. */
static bool
weakdict_getitem(struct interp *it, uint32_t offset, objid_t d, objid_t key)
{
	int64_t	entry;
	objid_t	value;
	bool	weak, done;

	library_enter(it);
	if (!weakdict_push_key(it, d, key, &weak))
		return library_leave(it, weakref_type_error(it, offset, key));
	done = weakdict_entry(it, offset, d, &entry);
	value = weakdict_value(it, d, entry);
	if (done && value == OBJ_NULL)
		done = key_error(it, offset, stack_at(it, TOP(it)));
	else if (done) {
		push_ref(it, value, REASON_RESULT, ATOM_NONE);
		drop_at(it, TOP(it) - 1, REASON_OPERAND_DONE);
	}
	return library_leave(it, done && ok(it));
}

/* d[key] = value: data[key] = KeyedRef(value, _remove, key), or
 * data[ref(key, _remove)] = value */
static bool
weakdict_setitem(struct interp *it, uint32_t offset, objid_t d, objid_t key,
    objid_t value)
{
	bool		values = weakdict_kind(it, d) == WEAK_VALUES;
	objid_t		target = values ? value : key, r;
	objid_t		remove = instance_value(it, d, atom_from("_remove"));
	bool		done;

	library_enter(it);
	if (weak_target_refused(it, offset, target, type_name(it, d)))
		return library_leave(it, false);
	if (values) {
		/* the KeyedRef holds its key, then its callback */
		r = heap_reserve_keyed_ref(H(it), value);
		objects_alloc(&it->m, r, REASON_NEW, ATOM_NONE);
		it->m.weakrefs++;
		push_ref(it, key, REASON_LOAD, ATOM_NONE);
		hold_top(it, r);
		push_ref(it, remove, REASON_LOAD, ATOM_NONE);
		hold_top(it, r);
		push_ref(it, key, REASON_LOAD, ATOM_NONE);
	} else {
		push_weakref(it, key, remove);
		push_ref(it, value, REASON_LOAD, ATOM_NONE);
	}
	done = values ? dict_store(it, offset, weakdict_data(it, d), TOP(it),
	    TOP(it) - 1) : dict_store(it, offset, weakdict_data(it, d),
	    TOP(it) - 1, TOP(it));
	if (done)
		drop_operands(it, TOP(it) - 1, 2, REASON_OPERAND_DONE);
	return library_leave(it, done && ok(it));
}

/* del d[key]: del data[key], or del data[ref(key)] after
 * self._dirty_len = True (3.11-3.13) */
static bool
weakdict_delitem(struct interp *it, uint32_t offset, objid_t d, objid_t key)
{
	bool weak, done;

	library_enter(it);
	if (weakdict_kind(it, d) == WEAK_KEYS && H(it)->python < PY_3_14) {
		objects_push_bool(&it->m, true);
		weakdict_store_top(it, d, "_dirty_len");
	}
	if (!weakdict_push_key(it, d, key, &weak))
		return library_leave(it, weakref_type_error(it, offset, key));
	done = dict_delete(it, offset, weakdict_data(it, d),
	    stack_at(it, TOP(it)));
	if (done)
		drop_top(it, REASON_OPERAND_DONE, ATOM_NONE);
	return library_leave(it, done && ok(it));
}

/* key in d: a live value under key, or ref(key) in data (a key that
 * cannot be weakly referenced is in no WeakKeyDictionary) */
static bool
weakdict_contains(struct interp *it, uint32_t offset, objid_t d, objid_t key,
    bool *found)
{
	int64_t	entry;
	bool	weak, done;

	*found = false;
	library_enter(it);
	if (!weakdict_push_key(it, d, key, &weak))
		return library_leave(it, true);
	done = weakdict_entry(it, offset, d, &entry);
	*found = entry >= 0 && (weakdict_kind(it, d) == WEAK_KEYS ||
	    weakdict_value(it, d, entry) != OBJ_NULL);
	if (done)
		drop_top(it, REASON_OPERAND_DONE, ATOM_NONE);
	return library_leave(it, done && ok(it));
}

/* d.get(key, default=None), with the arguments from base on */
static bool
weakdict_get(struct interp *it, const struct expr *call, objid_t d,
    uint32_t base)
{
	uint32_t	n = count_args(call);
	uint32_t	at = call->as.call.args[0]->offset;
	objid_t		value, key = stack_at(it, base);
	int64_t		entry;
	bool		weak, done;

	if (n < 1 || n > 2)
		return raise(it, call->offset, "TypeError", n < 1 ?
		    "%s.get() missing 1 required positional argument: 'key'" :
		    "%s.get() takes from 2 to 3 positional arguments but %u "
		    "were given", type_name(it, d), n + 1);
	library_enter(it);
	if (!weakdict_push_key(it, d, key, &weak))
		return library_leave(it, weakref_type_error(it, at, key));
	done = weakdict_entry(it, at, d, &entry);
	value = weakdict_value(it, d, entry);
	if (done && value != OBJ_NULL)
		push_ref(it, value, REASON_RESULT, ATOM_NONE);
	else if (done && n == 2)
		push_ref(it, stack_at(it, base + 1), REASON_RESULT, ATOM_NONE);
	else if (done)
		objects_push_none(&it->m);
	if (done)
		drop_at(it, TOP(it) - 1, REASON_OPERAND_DONE);
	return library_leave(it, done && call_done(it, base, n));
}

/* What reading name of weak mapping d gives: what the model follows of
 * it is its items; its attributes and other methods not yet. */
static bool
weakdict_attribute(struct interp *it, uint32_t offset, objid_t d,
    atom_t name)
{
	static const char *const methods[] = { "get", "keys", "values",
	    "items", "pop", "popitem", "setdefault", "update", "copy", "clear",
	    "itervaluerefs", "valuerefs", "keyrefs", NULL };
	const char *n = atom_name(name);

	for (size_t i = 0; methods[i] != NULL; i++)
		if (strcmp(n, methods[i]) == 0)
			return raise(it, offset, NULL, "reading %s.%s other "
			    "than to call it is not supported yet",
			    type_name(it, d), n);
	if (n[0] == '_' || strcmp(n, "data") == 0)
		return raise(it, offset, NULL, "reading %s.%s is not "
		    "supported yet", type_name(it, d), n);
	return attribute_error(it, offset, d, name);
}

/*
 * The callback remove(wr) of a weakref in d's data (fn is _remove):
 * self = selfref(); if it lives, the entry goes -- a WeakValueDictionary's
 * only while it holds a dead weakref (_remove_dead_weakref), a
 * WeakKeyDictionary's whose key is wr (del self.data[k]).  Either drops
 * the value, then the key.  The frame's locals go last: wr, the defaults
 * (selfref, _atomic_removal), self.
 */
static void
weakdict_remove(struct interp *it, objid_t fn, objid_t w)
{
	uint32_t	 at = H(it)->stack_len;
	objid_t		 defaults = heap_function_defaults_of(H(it), fn);
	uint32_t	 n = (uint32_t)heap_len(H(it), defaults);
	objid_t		 d, data, key;
	int64_t		 entry;

	push_ref(it, w, REASON_ARGUMENT, ATOM_NONE);
	for (uint32_t k = 0; k < n; k++)
		push_ref(it, obj(it, defaults)->as.seq->items[k],
		    REASON_ARGUMENT, ATOM_NONE);
	d = heap_weak_target(H(it), obj(it, defaults)->as.seq->items[0]);
	if (d == OBJ_NULL)
		objects_push_none(&it->m);
	else {
		push_ref(it, d, REASON_RESULT, ATOM_NONE);
		data = weakdict_data(it, d);
		key = weakdict_kind(it, d) == WEAK_VALUES ?
		    obj(it, w)->as.iter->held[0] : w;
		push_ref(it, data, REASON_LOAD, ATOM_NONE);
		push_ref(it, key, REASON_LOAD, ATOM_NONE);
		entry = dict_find(it, 0, data, key);
		if (entry >= 0 && ok(it)) {
			const struct dict_entry *e =
			    &obj(it, data)->as.dict->entries[entry];

			if (weakdict_kind(it, d) == WEAK_KEYS ||
			    (obj(it, e->value)->type == OBJ_ITER &&
			    obj(it, e->value)->as.iter->kind == ITER_WEAKREF &&
			    heap_weak_target(H(it), e->value) == OBJ_NULL)) {
				machine_emit(&it->m, (struct event){
				    .kind = EV_DICT_REMOVE,
				    .reason = REASON_METHOD,
				    .site = SITE_DICT_KEY, .object = e->key,
				    .other = e->value, .owner = data,
				    .index = (uint32_t)entry });
				drop_top(it, REASON_METHOD, ATOM_NONE);
				drop_top(it, REASON_METHOD, ATOM_NONE);
			}
		}
		drop_operands(it, TOP(it) - 1, 2, REASON_ARGUMENT_DONE);
	}
	while (H(it)->stack_len > at && ok(it))
		drop_at(it, at, REASON_SCOPE_EXIT);
}

/* f(x) on top (PyObject_CallOneArg), f a function of the program or a
 * bound method of one (method_vectorcall: its function, self first);
 * another callable is refused, what naming the role it plays. */
static bool
call_one_arg(struct interp *it, uint32_t offset, objid_t f, objid_t x,
    const char *what)
{
	uint32_t at = H(it)->stack_len;

	if (obj(it, f)->type == OBJ_FUNCTION)
		push_ref(it, f, REASON_LOAD, ATOM_NONE);
	else if (obj(it, f)->type == OBJ_ITER &&
	    obj(it, f)->as.iter->kind == ITER_METHOD &&
	    obj(it, f)->as.iter->count == 2 && obj(it,
	    obj(it, f)->as.iter->held[0])->type == OBJ_FUNCTION) {
		push_ref(it, obj(it, f)->as.iter->held[0], REASON_LOAD,
		    ATOM_NONE);
		push_ref(it, obj(it, f)->as.iter->held[1], REASON_ARGUMENT,
		    ATOM_NONE);
	} else
		return raise(it, offset, NULL, "%s that is not a function nor "
		    "a bound method (a %s) is not supported yet", what,
		    type_name(it, f));
	push_ref(it, x, REASON_ARGUMENT, ATOM_NONE);
	return ok(it) && run_function(it, NULL, at, H(it)->stack_len - at -
	    1);
}

/* The machine's weakref callback (struct machine.weak_callback): what
 * handle_callback does, callback(weakref), its result dropped. */
static void
interp_weak_callback(struct machine *m, objid_t callback, objid_t w)
{
	struct interp	*it = (struct interp *)m;	/* its first member */
	uint32_t	 at = H(it)->stack_len;

	if (obj(it, callback)->type == OBJ_FUNCTION &&
	    obj(it, callback)->as.fn->index == HEAP_FUNCTION_LIBRARY) {
		weakdict_remove(it, callback, w);
		return;
	}
	if (heap_is_finalize(H(it), callback)) {
		/* slot_tp_call: __call__(callback, w) */
		push_ref(it, callback, REASON_ARGUMENT, ATOM_NONE);
		push_ref(it, w, REASON_ARGUMENT, ATOM_NONE);
		if (finalize_call_body(it, callback, at))
			drop_top(it, REASON_DISCARD, ATOM_NONE);
		return;
	}
	if (call_one_arg(it, 0, callback, w, "a weakref callback"))
		drop_top(it, REASON_DISCARD, ATOM_NONE);
}

/* Whether CPython's collector tracks x now: the model's lists say, but
 * for what it keeps out of them -- a class is always tracked (the
 * library's are made by objects_alloc_library), and so are the
 * interpreter's own built-in functions, gc.garbage and the module's
 * globals dict (shared here). */
static bool
tracked(const struct interp *it, objid_t x)
{
	const struct object *o = obj(it, x);

	return (o->flags & OBJF_TRACKED) != 0 || o->type == OBJ_CLASS ||
	    (o->type == OBJ_ITER && (o->as.iter->kind == ITER_BUILTIN ||
	    o->as.iter->kind == ITER_GLOBALS)) ||
	    x == it->m.objects.gc_garbage;
}

/* gc.is_tracked(x): whether the collector tracks x now. */
static bool
gc_is_tracked_fn(struct interp *it, const struct expr *call, objid_t self,
    uint32_t base)
{
	(void)call;
	(void)self;
	objects_push_bool(&it->m, tracked(it, stack_at(it, base)));
	return call_done(it, base, 1);
}

/* gc.get_referents(x, ...): a list of what each argument's tp_traverse
 * visits, in its order.  A function's and a class's hold the code, the
 * globals and the machinery refscope does not draw. */
static bool
gc_get_referents_fn(struct interp *it, const struct expr *call,
    objid_t self, uint32_t base)
{
	uint32_t n = count_args(call), total = 0;

	(void)self;
	for (uint32_t k = 0; k < n; k++) {
		enum obj_type t = obj(it, stack_at(it, base + k))->type;

		if (globals_used(it, call->as.call.args[k]->offset,
		    stack_at(it, base + k)))
			return false;
		if (t == OBJ_FUNCTION || t == OBJ_CLASS)
			return raise(it, call->as.call.args[k]->offset, NULL,
			    "gc.get_referents of a %s is not supported yet "
			    "(its code, globals and the type machinery are "
			    "not modelled)", type_name(it, stack_at(it,
			    base + k)));
	}
	for (uint32_t k = 0; k < n && ok(it); k++) {
		uint32_t found;
		objid_t *refs = gc_referents(&it->m, stack_at(it, base + k),
		    &found);

		for (uint32_t i = 0; i < found && ok(it); i++)
			push_ref(it, refs[i], REASON_RESULT, ATOM_NONE);
		total += found;
		xfree(refs);
	}
	objects_build_sequence(&it->m, OBJ_LIST, total, REASON_RESULT);
	return call_done(it, base, n);
}

/* gc.get_referrers(x, ...): a new list of the tracked objects that refer
 * to one of the arguments (gc_referrers), with the module's globals dict
 * where CPython's lists have it when a module-level name holds one.  The
 * list is made first, empty, as gc_get_referrers_impl makes it: its
 * allocation may collect before the lists are read. */
static bool
gc_get_referrers_fn(struct interp *it, const struct expr *call,
    objid_t self, uint32_t base)
{
	uint32_t	 n = count_args(call), found, globals_at, list;
	objid_t		*args = xcalloc(n ? n : 1, sizeof *args), *refs;
	const char	*why;

	(void)self;
	for (uint32_t k = 0; k < n; k++) {
		args[k] = stack_at(it, base + k);
		if (globals_used(it, call->as.call.args[k]->offset, args[k])) {
			xfree(args);
			return false;
		}
	}
	objects_build_sequence(&it->m, OBJ_LIST, 0, REASON_RESULT);
	list = TOP(it);
	refs = ok(it) ? gc_referrers(&it->m, args, n, &found, &globals_at,
	    &why) : NULL;
	xfree(args);
	if (!ok(it))
		return false;
	if (refs == NULL && why != NULL)
		return raise(it, n == 1 ? call->as.call.args[0]->offset :
		    call->offset, NULL, "gc.get_referrers is not supported "
		    "yet here: %s", why);
	for (uint32_t i = 0; i <= found && ok(it); i++) {
		if (i == globals_at) {
			objects_push_globals(&it->m, REASON_RESULT);
			emit_move(it, EV_SLOT_INSERT, SITE_ITEM, stack_at(it,
			    TOP(it)), stack_at(it, list), heap_len(H(it),
			    stack_at(it, list)), OBJ_NULL, TOP(it),
			    REASON_RESULT, ATOM_NONE);
		}
		if (i == found)
			break;
		push_ref(it, refs[i], REASON_RESULT, ATOM_NONE);
		emit_move(it, EV_SLOT_INSERT, SITE_ITEM, refs[i], stack_at(it,
		    list), heap_len(H(it), stack_at(it, list)), OBJ_NULL,
		    TOP(it), REASON_RESULT, ATOM_NONE);
	}
	xfree(refs);
	return call_done(it, base, n);
}

/* The gc functions whose answer depends on what the interpreter did or
 * keeps beside the program, which the model does not have: a located
 * refusal saying what. */
static const struct {
	const char	*name;
	const char	*why;
} gc_unmodelled[] = {
	{ "get_objects", "its answer holds the interpreter's own objects "
	    "(modules, code, the library's classes and functions), which "
	    "refscope does not model" },
	{ "get_stats", "its counts go back to the interpreter's start-up, "
	    "whose collections refscope does not model" },
	{ "freeze", "the permanent generation is not modelled" },
	{ "unfreeze", "the permanent generation is not modelled" },
	{ "get_freeze_count", "the permanent generation is not modelled" },
};

static bool
gc_unmodelled_fn(struct interp *it, const struct expr *call, objid_t self,
    uint32_t base)
{
	const char *name = called_name(call), *why = "";

	(void)self;
	(void)base;
	for (size_t k = 0; k < sizeof gc_unmodelled / sizeof *gc_unmodelled;
	    k++)
		if (strcmp(name, gc_unmodelled[k].name) == 0)
			why = gc_unmodelled[k].why;
	return raise(it, call->offset, NULL, "gc.%s is not supported yet: %s",
	    name, why);
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
		if (heap_bigint(obj(it, a)) != NULL)
			return raise(it, at, "OverflowError", "Python int too "
			    "large to convert to C long");
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
	if (!c_integer(it, call->as.call.args[0]->offset, stack_at(it, base),
	    "OverflowError", "Python int too large to convert to C ssize_t", &i))
		return false;
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
		return throw_new(it, call->offset, "IndexError",
		    "pop from empty list", OBJ_NULL);
	i = len - 1;
	if (n == 1) {
		if (!is_intlike(it, stack_at(it, base)))
			return raise(it, call->as.call.args[0]->offset,
			    "TypeError", "'%s' object cannot be interpreted as "
			    "an integer", type_name(it, stack_at(it, base)));
		if (!c_integer(it, call->as.call.args[0]->offset,
		    stack_at(it, base), "OverflowError", "Python int too large to convert to C ssize_t", &i))
			return false;
		if (i < 0)
			i += len;
		if (i < 0 || i >= len)
			return throw_new(it, call->offset, "IndexError",
			    "pop index out of range", OBJ_NULL);
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
		return throw_new(it, call->offset, "ValueError",
		    "list.remove(x): x not in list", OBJ_NULL);
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

	if (!hash_of(it, HASH_DICT_KEY, call->as.call.args[0]->offset, stack_at(it, base),
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

	it->c_calls += c_call_cost(it, true);
	if (it->eq_methods)
		added = set_add_entry(it, call->as.call.args[0]->offset, s,
		    stack_at(it, base));
	else {
		push_ref(it, stack_at(it, base), REASON_METHOD, ATOM_NONE);
		added = set_add_from(it, call->as.call.args[0]->offset, s,
		    TOP(it), false);
	}
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

	if (!hash_of(it, HASH_SET_ELEMENT, call->as.call.args[0]->offset, stack_at(it, base),
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
static bool for_each_fresh(struct interp *it, uint32_t offset,
    objid_t iterable, item_fn fn, void *ctx);
static bool push_iter(struct interp *it, uint32_t offset, objid_t x);

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
	uint32_t	n;

	if (globals_used(it, offset, iterable))
		return false;
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
	case OBJ_SET:
		/* through their iterator, as CPython's callers go: it dies
		 * at the end, after the items */
		return for_each_fresh(it, offset, iterable, fn, ctx);
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
	case OBJ_ITER:
		if (ITER_IS_VIEW(obj(it, iterable)->as.iter->kind))
			return for_each_fresh(it, offset, iterable, fn, ctx);
		/* FALLTHROUGH */
	case OBJ_RANGE:
		return for_each_next(it, offset, iterable, fn, ctx);
	default:
		return raise(it, offset, "TypeError", "'%s' object is not "
		    "iterable", type_name(it, iterable));
	}
}

/* for_each_item over the keys of a dict or a set with no iterator: how
 * set_update_internal and set_intersection walk them (set_next,
 * _PyDict_Next). */
static bool
for_each_entry(struct interp *it, uint32_t offset, objid_t iterable,
    item_fn fn, void *ctx)
{
	uint32_t	cursor = 0;
	int64_t		e;

	if (obj(it, iterable)->type == OBJ_DICT) {
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
	}
	while ((e = settable_next(obj(it, iterable)->as.set, &cursor)) >= 0 &&
	    ok(it)) {
		push_ref(it, obj(it, iterable)->as.set->entries[e].key,
		    REASON_LOAD, ATOM_NONE);
		if (!fn(it, offset, ctx))
			return false;
	}
	return ok(it);
}

/* for_each_item through a new iterator of iterable (a dict, a set, a
 * view), dropped once exhausted. */
static bool
for_each_fresh(struct interp *it, uint32_t offset, objid_t iterable,
    item_fn fn, void *ctx)
{
	uint32_t	at;
	objid_t		iterator;

	if (!push_iter(it, offset, iterable))
		return false;
	at = TOP(it);
	iterator = stack_at(it, at);
	if (!for_each_next(it, offset, iterator, fn, ctx))
		return false;
	drop_at(it, at, REASON_OPERAND_DONE);
	return ok(it);
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

/* 3.14's list_extend_dictitems: a dict's items view extends a list with
 * no iterator, each pair a new tuple from an array (version.h). */
static bool
extend_dict_items(struct interp *it, objid_t l, objid_t view)
{
	objid_t d = obj(it, view)->as.iter->held[0];

	for (uint32_t k = 0; k < obj(it, d)->as.dict->count && ok(it); k++) {
		const struct dict_entry *e = &obj(it, d)->as.dict->entries[k];

		if (e->key == OBJ_NULL)
			continue;
		push_ref(it, e->key, REASON_LOAD, ATOM_NONE);
		push_ref(it, e->value, REASON_LOAD, ATOM_NONE);
		objects_build_sequence(&it->m, OBJ_TUPLE, 2, REASON_RESULT);
		gctrack_tuple_built(&it->m, stack_at(it, TOP(it)));
		append_item(it, 0, &l);
	}
	return ok(it);
}

/* Appends each item of iterable to list l (list.extend). */
static bool
list_extend(struct interp *it, uint32_t offset, objid_t l, objid_t iterable)
{
	if (obj(it, iterable)->type == OBJ_ITER &&
	    obj(it, iterable)->as.iter->kind == ITER_DICT_ITEMS &&
	    version_rules(H(it)->python)->list_packs_dict_items)
		return extend_dict_items(it, l, iterable);
	return for_each_item(it, offset, iterable, append_item, &l);
}

/* item_fn: adds the item to the set *ctx. */
static bool
add_item(struct interp *it, uint32_t offset, void *ctx)
{
	return set_add_from(it, offset, *(objid_t *)ctx, TOP(it), false);
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

	return ok(it) && list_extend(it, offset, l, iterable);
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

	if ((t == OBJ_SET || t == OBJ_DICT) &&
	    !stored_hashes_plain(it, offset, iterable))
		return false;
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
		return for_each_entry(it, offset, iterable, add_item, &s);
	}
	return for_each_item(it, offset, iterable, add_item, &s);
}

/* Copies every entry of dict src into dict d, in order (dict_merge). */
static bool
dict_merge(struct interp *it, uint32_t offset, objid_t d, objid_t src)
{
	if (!stored_hashes_plain(it, offset, src))
		return false;
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

/* Empties list l, last item first, its items moved to the stack (in
 * reverse order) from where list_refill takes them back. */
static void
list_unload(struct interp *it, objid_t l)
{
	for (uint32_t i = obj(it, l)->as.seq->len; i-- > 0 && ok(it);)
		emit_move(it, EV_SLOT_REMOVE, SITE_ITEM,
		    obj(it, l)->as.seq->items[i], l, i, OBJ_NULL, 0,
		    REASON_METHOD, ATOM_NONE);
}

/* Refills empty list l with the n items list_unload put on the stack
 * from base, in the order of a (a permutation of them). */
static void
list_refill(struct interp *it, objid_t l, const objid_t *a, uint32_t n,
    uint32_t base)
{
	for (uint32_t k = 0; k < n && ok(it); k++) {
		uint32_t at = base;

		while (stack_at(it, at) != a[k])
			at++;
		emit_move(it, EV_SLOT_INSERT, SITE_ITEM, a[k], l, k, OBJ_NULL,
		    at, REASON_METHOD, ATOM_NONE);
	}
}

/* Puts list l's items back in the order of a (a permutation of them):
 * the list is emptied, last item first, and refilled, as list.sort and
 * list.reverse leave it. */
static void
list_reorder(struct interp *it, objid_t l, const objid_t *a)
{
	uint32_t n = obj(it, l)->as.seq->len, base = H(it)->stack_len;

	list_unload(it, l);
	list_refill(it, l, a, n, base);
}

/* ---- list.sort() where a class's __lt__ runs ----
 *
 * list_sort_impl as CPython runs it for fewer than 64 items (minrun is
 * then all of them: one run, no merges): the run count_run finds at the
 * start, reversed if it descends, extended by binary insertion
 * (binarysort) to the end.  Each
 * comparison asks x < y (IFLT) and a printing __lt__ shows them all, so
 * the order and the operands are CPython's to the letter.  The list is
 * empty meanwhile (its items on the stack), as CPython empties it.
 */

/* From this many items on, list.sort() merges runs: refused. */
#define SORT_BY_CODE_MAX 64

struct code_sort {
	struct interp	*it;
	uint32_t	 offset;
	objid_t		*a;		/* the items, being sorted */
	uint32_t	 n;
};

/*
 * *holds = x OP y (an ordering) as PyObject_RichCompareBool finds it,
 * running the classes' methods where they have them; nobody answering
 * stops the run (order_error).  (list.sort's unsafe_object_compare, for
 * items of one class, calls x's slot once more first when it says
 * NotImplemented, which a method of the model never returns.)
 */
static bool
order_bool(struct interp *it, uint32_t offset, objid_t x, objid_t y,
    enum compare_op op, bool *holds)
{
	bool answered;

	if (compares_by_code(it, x) || compares_by_code(it, y)) {
		if (!richcompare_push(it, x, y, op, &answered))
			return false;
		if (!answered)
			return order_error(it, offset, op, x, y);
		*holds = truth(it, stack_at(it, TOP(it)));
		drop_top(it, REASON_OPERAND_DONE, ATOM_NONE);
		return ok(it);
	}
	return plain_order(it, offset, x, y, op, holds);
}

/* *less = x < y, as the sort's key_compare asks it. */
static bool
sort_less(struct code_sort *s, objid_t x, objid_t y, bool *less)
{
	return order_bool(s->it, s->offset, x, y, CMP_LT, less);
}

/* *less = a[i] < a[j] */
static bool
sort_less_at(struct code_sort *s, uint32_t i, uint32_t j, bool *less)
{
	return sort_less(s, s->a[i], s->a[j], less);
}

static void
reverse_items(objid_t *a, uint32_t from, uint32_t to)
{
	while (from + 1 < to) {
		objid_t t = a[from];

		a[from++] = a[--to];
		a[to] = t;
	}
}

/* 3.11's count_run: the items ascending from the start, or strictly
 * descending (then reversed); *run their number. */
static bool
count_run(struct code_sort *s, uint32_t *run)
{
	bool		less;
	uint32_t	n = 2;

	if (!sort_less_at(s, 1, 0, &less))
		return false;
	if (less) {
		for (; n < s->n; n++)
			if (!sort_less_at(s, n, n - 1, &less) || !less)
				break;
		reverse_items(s->a, 0, n);
	} else
		for (; n < s->n; n++)
			if (!sort_less_at(s, n, n - 1, &less) || less)
				break;
	*run = n;
	return ok(s->it);
}

/* count_run_relaxed's helper: the last *equal + 1 items before n, all
 * equal, reversed (REVERSE_LAST_NEQ), to be put back by the whole run's
 * reversal. */
static void
reverse_equal_tail(objid_t *a, uint32_t n, uint32_t *equal)
{
	if (*equal > 0)
		reverse_items(a, n - (*equal + 1), n);
	*equal = 0;
}

/* 3.13's count_run: ascending first; else a descending run that may
 * hold equal neighbours, reversed, then extended by what ascends after
 * it; *run the run's length. */
static bool
count_run_relaxed(struct code_sort *s, uint32_t *run)
{
	bool		less;
	uint32_t	n, equal = 0;

	for (n = 1; n < s->n; n++)
		if (!sort_less_at(s, n, n - 1, &less) || less)
			break;
	if (!ok(s->it) || n == s->n)
		return *run = n, ok(s->it);
	if (n > 1) {
		/* lo[0] < lo[n-1]: an ascending run ended; else all equal */
		if (!sort_less_at(s, 0, n - 1, &less))
			return false;
		if (less)
			return *run = n, true;
		reverse_items(s->a, 0, n);
	}
	for (n++; n < s->n; n++) {
		if (!sort_less_at(s, n, n - 1, &less))
			return false;
		if (less) {
			reverse_equal_tail(s->a, n, &equal);
			continue;
		}
		if (!sort_less_at(s, n - 1, n, &less))
			return false;
		if (less)
			break;
		equal++;
	}
	reverse_equal_tail(s->a, n, &equal);
	reverse_items(s->a, 0, n);
	for (; n < s->n; n++)
		if (!sort_less_at(s, n, n - 1, &less) || less)
			break;
	*run = n;
	return ok(s->it);
}

/* binarysort: the items from start on each inserted into the sorted
 * ones before it, after those it is not less than (stable). */
static bool
binary_insertion(struct code_sort *s, uint32_t start)
{
	bool less;

	for (; start < s->n; start++) {
		objid_t		pivot = s->a[start];
		uint32_t	lo = 0, hi = start, mid;

		do {
			mid = lo + ((hi - lo) >> 1);
			if (!sort_less(s, pivot, s->a[mid], &less))
				return false;
			if (less)
				hi = mid;
			else
				lo = mid + 1;
		} while (lo < hi);
		memmove(&s->a[lo + 1], &s->a[lo], (start - lo) * sizeof *s->a);
		s->a[lo] = pivot;
	}
	return true;
}

/* Whether sorting list l runs a class's comparison methods. */
static bool
sort_runs_code(const struct interp *it, objid_t l)
{
	const struct pyseq *seq = obj(it, l)->as.seq;

	for (uint32_t i = 0; it->eq_methods && i < seq->len; i++)
		if (equality_runs_code_in(it, seq->items[i]))
			return true;
	return false;
}

/* list.sort() of list l (of n >= 2 items) where a class's __lt__ runs. */
static bool
list_sort_by_code(struct interp *it, uint32_t offset, objid_t l)
{
	const struct pyseq	*seq = obj(it, l)->as.seq;
	struct code_sort	 s = { it, offset, NULL, seq->len };
	uint32_t		 base = H(it)->stack_len, run;
	bool			 sorted, orders = false;

	for (uint32_t i = 0; i < s.n; i++) {
		objid_t x = seq->items[i];

		if (obj(it, x)->type != OBJ_INSTANCE &&
		    equality_runs_code_in(it, x))
			return raise(it, offset, NULL, "sorting a %s that holds "
			    "an instance a class's methods compare is not "
			    "supported yet", type_name(it, x));
		orders = orders || has_compare_method(it, x, CMP_LT);
	}
	if (s.n >= SORT_BY_CODE_MAX) {
		/* with no ordering method, count_run's first comparison runs
		 * no code, and most often raises CPython's TypeError */
		if (!orders && !sort_less(&s, seq->items[1], seq->items[0],
		    &sorted))
			return false;
		return raise(it, offset, NULL, "sorting %d or more items that "
		    "a class's methods compare (CPython merges runs) is not "
		    "supported yet", SORT_BY_CODE_MAX);
	}
	s.a = xreallocarray(NULL, s.n, sizeof *s.a);
	memcpy(s.a, seq->items, s.n * sizeof *s.a);
	list_unload(it, l);
	sorted = (version_rules(H(it)->python)->sort_relaxed_runs ?
	    count_run_relaxed(&s, &run) : count_run(&s, &run)) &&
	    binary_insertion(&s, run);
	if (sorted && obj(it, l)->as.seq->len != 0)
		sorted = raise(it, offset, NULL, "a comparison that changes "
		    "the list being sorted is not supported yet (CPython "
		    "raises ValueError: list modified during sort)");
	if (sorted)
		list_refill(it, l, s.a, s.n, base);
	xfree(s.a);
	return sorted && ok(it);
}

/*
 * Sorts the items of list l by <, stably, as list.sort does: the list is
 * emptied (its items move to the stack), sorted there, and put back in
 * order.  Each comparison asks later < earlier, as CPython's run counting
 * and insertion do, so a TypeError names the pair the same way round.
 */
static bool sort_by_keys(struct interp *it, uint32_t offset,
    const objid_t *keys, uint32_t *perm, uint32_t n);

static bool
list_sort(struct interp *it, uint32_t offset, objid_t l)
{
	uint32_t	 n = obj(it, l)->as.seq->len, *perm;
	objid_t		*a;
	bool		 sorted;

	if (n < 2)
		return ok(it);
	if (sort_runs_code(it, l))
		return list_sort_by_code(it, offset, l);
	perm = xreallocarray(NULL, n, sizeof *perm);
	for (uint32_t i = 0; i < n; i++)
		perm[i] = i;
	sorted = sort_by_keys(it, offset, obj(it, l)->as.seq->items, perm, n);
	if (sorted) {
		a = xreallocarray(NULL, n, sizeof *a);
		for (uint32_t i = 0; i < n; i++)
			a[i] = obj(it, l)->as.seq->items[perm[i]];
		list_reorder(it, l, a);
		xfree(a);
	}
	xfree(perm);
	return sorted && ok(it);
}

/*
 * Sorts perm (n indices into keys) stably by the keys they index, by <
 * as the model compares (no class's method runs), each comparison asking
 * later < earlier, as CPython's run counting and insertion do, so that a
 * TypeError names the pair the same way round.  False (raised) on one.
 */
static bool
sort_by_keys(struct interp *it, uint32_t offset, const objid_t *keys,
    uint32_t *perm, uint32_t n)
{
	uint32_t	*tmp = xreallocarray(NULL, n ? n : 1, sizeof *tmp);
	objid_t		 bad[2];
	enum heap_cmp	 c = HEAP_CMP_FALSE;

	walk_begin(it);
	/* bottom-up merge sort: runs of width w merged pairwise */
	for (uint32_t w = 1; w < n && c != HEAP_CMP_TYPE_ERROR; w *= 2) {
		for (uint32_t lo = 0; lo < n; lo += 2 * w) {
			uint32_t mid = lo + w < n ? lo + w : n;
			uint32_t hi = lo + 2 * w < n ? lo + 2 * w : n;
			uint32_t i = lo, j = mid, k = lo;

			while (i < mid && j < hi) {
				c = heap_compare_within(H(it), keys[perm[j]],
				    keys[perm[i]], CMP_LT, bad, &it->work);
				if (c == HEAP_CMP_TYPE_ERROR)
					break;
				tmp[k++] = c == HEAP_CMP_TRUE ? perm[j++] :
				    perm[i++];
			}
			if (c == HEAP_CMP_TYPE_ERROR)
				break;
			while (i < mid)
				tmp[k++] = perm[i++];
			while (j < hi)
				tmp[k++] = perm[j++];
		}
		if (c != HEAP_CMP_TYPE_ERROR)
			memcpy(perm, tmp, n * sizeof *perm);
	}
	xfree(tmp);
	if (!walk_end(it, offset))
		return false;
	if (c == HEAP_CMP_TYPE_ERROR)
		return raise(it, offset, "TypeError", "'<' not supported "
		    "between instances of '%s' and '%s'", type_name(it, bad[0]),
		    type_name(it, bad[1]));
	return true;
}


/*
 * list.sort(key=key, reverse=reverse) as list_sort_impl runs it: the
 * list emptied (its items on the stack), key called on each item in
 * order and the keys kept; with reverse both reversed first (so equal
 * keys keep their order), sorted stably by key, the result reversed
 * back; the list refilled, then the keys let go in the items' new order.
 * Keys a class's methods compare are refused.
 */
static bool
list_sort_keyed(struct interp *it, uint32_t offset, objid_t l, objid_t key,
    bool reverse)
{
	uint32_t	 n = obj(it, l)->as.seq->len, base, kbase, *perm, *gone;
	objid_t		*a, *keys;
	bool		 sorted = true;

	if (key == OBJ_NULL && !reverse)
		return list_sort(it, offset, l);
	if (key == OBJ_NULL && sort_runs_code(it, l))
		return raise(it, offset, NULL, "sorting with reverse=True "
		    "items a class's methods compare is not supported yet");
	a = xreallocarray(NULL, n ? n : 1, sizeof *a);
	memcpy(a, obj(it, l)->as.seq->items, n * sizeof *a);
	base = H(it)->stack_len;
	list_unload(it, l);
	kbase = H(it)->stack_len;
	for (uint32_t i = 0; i < n && sorted && ok(it); i++)
		sorted = key == OBJ_NULL ? (push_ref(it, a[i], REASON_LOAD,
		    ATOM_NONE), ok(it)) : call_one_arg(it, offset, key, a[i],
		    "a key=");
	/* CPython gives the list its items back before the exception goes
	 * up; the model's unwinding would drop them */
	if (!sorted && !it->m.failed)
		sorted = raise(it, offset, NULL, "an exception out of a key= "
		    "function is not supported yet");
	keys = xreallocarray(NULL, n ? n : 1, sizeof *keys);
	perm = xreallocarray(NULL, n ? n : 1, sizeof *perm);
	for (uint32_t i = 0; sorted && ok(it) && i < n; i++) {
		keys[i] = stack_at(it, kbase + i);
		perm[i] = reverse && n > 1 ? n - 1 - i : i;
		if (key != OBJ_NULL && equality_runs_code_in(it, keys[i]))
			sorted = raise(it, offset, NULL, "sorting by keys a "
			    "class's methods compare is not supported yet");
	}
	if (sorted && ok(it) && n > 1)
		sorted = sort_by_keys(it, offset, keys, perm, n);
	if (sorted && ok(it) && reverse)
		for (uint32_t i = 0; i < n / 2; i++) {
			uint32_t t = perm[i];

			perm[i] = perm[n - 1 - i];
			perm[n - 1 - i] = t;
		}
	if (sorted && ok(it)) {
		objid_t *order = xreallocarray(NULL, n ? n : 1, sizeof *order);

		for (uint32_t i = 0; i < n; i++)
			order[i] = a[perm[i]];
		list_refill(it, l, order, n, base);
		xfree(order);
		/* the keys, from where the items left them, in new order */
		kbase = base;
		gone = xcalloc(n ? n : 1, sizeof *gone);
		for (uint32_t k = 0; k < n && ok(it); k++) {
			uint32_t before = 0;

			for (uint32_t i = 0; i < perm[k]; i++)
				before += gone[i] == 0;
			drop_at(it, kbase + before, REASON_OPERAND_DONE);
			gone[perm[k]] = 1;
		}
		xfree(gone);
	}
	xfree(a);
	xfree(keys);
	xfree(perm);
	return sorted && ok(it);
}

/* key= and reverse= of sorted() and list.sort(), the call's arguments
 * from its first keyword on (at base + positional): *key OBJ_NULL when
 * None or not given.  Another keyword, or a reverse= that is no int, is
 * refused. */
static bool
sort_keywords(struct interp *it, const struct expr *call, uint32_t base,
    objid_t *key, bool *reverse)
{
	uint32_t n = count_args(call);

	*key = OBJ_NULL;
	*reverse = false;
	for (uint32_t k = count_positional(call); k < n; k++) {
		const char	*name = atom_name(call->as.call.keywords[k]);
		objid_t		 v = stack_at(it, base + k);

		if (strcmp(name, "key") == 0 && obj(it, v)->type != OBJ_NONE)
			*key = v;
		else if (strcmp(name, "reverse") == 0 && is_intlike(it, v))
			*reverse = truth(it, v);
		else if (strcmp(name, "reverse") == 0)
			return raise(it, call->as.call.args[k]->offset, NULL,
			    "reverse= of a %s is not supported yet (an int or "
			    "a bool is)", type_name(it, v));
		else if (strcmp(name, "key") != 0)
			return raise(it, call->as.call.args[k]->offset, NULL,
			    "sorting with %s= is not supported yet (key= and "
			    "reverse= are)", name);
	}
	return true;
}

static bool
builtin_sorted(struct interp *it, const struct expr *call, objid_t self,
    uint32_t base)
{
	objid_t	key;
	bool	reverse;

	(void)self;
	if (count_positional(call) != 1)
		return raise(it, call->offset, NULL, "sorted() with other "
		    "than one argument by position is not supported yet");
	if (!sort_keywords(it, call, base, &key, &reverse) ||
	    !push_list_of(it, call->offset, stack_at(it, base)) ||
	    !list_sort_keyed(it, call->offset, stack_at(it, TOP(it)), key,
	    reverse))
		return false;
	return call_done(it, base, count_args(call));
}

/*
 * item_fn of min() and max(): keeps the better of the item on top and the
 * best so far under it (min_max).  Where a class of the program compares
 * (by_code), each is held twice, as CPython holds item and val (its key,
 * the item itself) while a comparison's methods run; the loser lets go
 * of both, a new best of the old best's val, then item.
 */
struct best {
	enum compare_op	 op;		/* LT for min, GT for max */
	bool		 have;
	bool		 by_code;
	objid_t		 key;		/* key=, or OBJ_NULL: val is item */
};

static bool
best_item(struct interp *it, uint32_t offset, void *ctx)
{
	struct best	*b = ctx;
	uint32_t	 held = b->by_code || b->key != OBJ_NULL ? 2 : 1;
	bool		 better;

	if (b->key != OBJ_NULL) {
		/* val = key(item) */
		if (!call_one_arg(it, offset, b->key,
		    stack_at(it, TOP(it)), "a key="))
			return false;
	} else if (b->by_code)
		push_ref(it, stack_at(it, TOP(it)), REASON_LOAD, ATOM_NONE);
	if (!b->have) {
		b->have = true;
		return ok(it);
	}
	if (!order_bool(it, offset, stack_at(it, TOP(it)),
	    stack_at(it, TOP(it) - held), b->op, &better))
		return false;
	for (uint32_t k = 0; k < held; k++)
		drop_at(it, better ? TOP(it) - held : TOP(it) - (held - 1 - k),
		    REASON_OPERAND_DONE);
	return ok(it);
}

/* min() and max(), told apart by the name called */
static bool
builtin_min_max(struct interp *it, const struct expr *call, objid_t self,
    uint32_t base)
{
	uint32_t	n = count_positional(call);
	enum compare_op	op = strcmp(called_name(call), "min") == 0 ? CMP_LT :
	    CMP_GT;
	struct best	b = { op, false, it->eq_methods, OBJ_NULL };
	bool		tuple;

	(void)self;
	for (uint32_t k = n; k < count_args(call); k++) {
		objid_t v = stack_at(it, base + k);

		if (strcmp(atom_name(call->as.call.keywords[k]), "key") != 0)
			return raise(it, call->as.call.args[k]->offset, NULL,
			    "%s() with %s= is not supported yet (key= is)",
			    called_name(call),
			    atom_name(call->as.call.keywords[k]));
		if (obj(it, v)->type != OBJ_NONE)
			b.key = v;
	}
	/* the positional arguments' tuple shows where code runs */
	tuple = (b.by_code || b.key != OBJ_NULL) && n > 1 &&
	    version_rules(H(it)->python)->minmax_args_tuple;
	if (n == 1) {
		if (!for_each_item(it, call->offset, stack_at(it, base),
		    best_item, &b))
			return false;
		if (!b.have) {
			struct strbuf sb = STRBUF_INIT;

			strbuf_printf(&sb, "%s() %s", called_name(call),
			    version_rules(H(it)->python)->
			    says_iterable_argument_empty ? "iterable argument "
			    "is empty" : "arg is an empty sequence");
			throw_new(it, call->offset, "ValueError",
			    strbuf_str(&sb), OBJ_NULL);
			strbuf_free(&sb);
			return false;
		}
	} else {
		/* METH_VARARGS: the arguments in a tuple, iterated */
		for (uint32_t i = 0; i < n && tuple; i++)
			push_ref(it, stack_at(it, base + i), REASON_ARGUMENT,
			    ATOM_NONE);
		if (tuple)
			objects_build_sequence(&it->m, OBJ_TUPLE, n,
			    REASON_ARGUMENT);
		for (uint32_t i = 0; i < n; i++) {
			push_ref(it, stack_at(it, base + i), REASON_LOAD,
			    ATOM_NONE);
			if (!best_item(it, call->offset, &b))
				return false;
		}
	}
	if (b.by_code || b.key != OBJ_NULL)
		drop_top(it, REASON_OPERAND_DONE, ATOM_NONE);
	if (tuple)
		drop_at(it, TOP(it) - 1, REASON_OPERAND_DONE);
	return call_done(it, base, count_args(call));
}

/* sum()'s running total, as builtin_sum_impl keeps it: a C accumulator (an
 * int or a float scalar) on its int and float fast paths, with the float
 * path's compensation (3.12 on, version.h), or an object once it has left
 * them for PyNumber_Add, which it never re-enters. */
struct sum_total {
	struct scalar			 acc;
	double				 lo;	/* Neumaier's compensation */
	bool				 generic;
	const struct version_rules	*rules;
};

/* cs_add: Neumaier's step, the sum in t->acc.f, its lost low bits in lo */
static void
sum_compensate(struct sum_total *t, double x)
{
	double hi = t->acc.f, sum = hi + x;

	if (fabs(hi) >= fabs(x))
		t->lo += (hi - sum) + x;
	else
		t->lo += (x - sum) + hi;
	t->acc.f = sum;
}

/* cs_to_double: the total with its compensation, unless that is 0 or not
 * finite (so an infinite sum stays one, not a NaN) */
static void
sum_settle(struct sum_total *t)
{
	if (t->acc.kind == SCALAR_FLOAT && t->lo != 0 && isfinite(t->lo))
		t->acc.f += t->lo;
	t->lo = 0;
}

/* The float path's step for item, when the version compensates: true when
 * it took the item, false when the item leaves the path (an int beyond a C
 * long before 3.14) or on an error. */
static bool
sum_float_path(struct interp *it, uint32_t offset, struct sum_total *t,
    const struct scalar *item, bool *taken)
{
	double x;

	*taken = true;
	if (item->kind == SCALAR_FLOAT) {
		sum_compensate(t, item->f);
		return true;
	}
	if (item->big == NULL) {
		/* PyLong_AsLongAndOverflow, or 3.14's PyLong_AsDouble */
		if (t->rules->sum_compensates_ints)
			sum_compensate(t, (double)item->i);
		else
			t->acc.f += (double)item->i;
		return true;
	}
	if (!t->rules->sum_compensates_ints) {
		*taken = false;
		return true;
	}
	if (!bigint_to_double(item->big, &x))
		return raise(it, offset, "OverflowError", "int too large to "
		    "convert to float");
	sum_compensate(t, x);
	return true;
}

/* item_fn of sum(): adds the number on top into the total, as
 * builtin_sum's fast paths do (no object for a partial sum); ints beyond
 * 64 bits add as PyNumber_Add would. */
static bool
sum_item(struct interp *it, uint32_t offset, void *ctx)
{
	struct sum_total	*t = ctx;
	struct scalar		 item, r;
	objid_t			 id = stack_at(it, TOP(it));
	char			 message[200];
	enum scalar_status	 status;
	bool			 taken = false;

	item = scalar_of(it, id);
	if (item.kind != SCALAR_INT && item.kind != SCALAR_BOOL &&
	    item.kind != SCALAR_FLOAT)
		return raise(it, offset, "TypeError", "unsupported operand "
		    "type(s) for +: '%s' and '%s'", scalar_type_name(&t->acc),
		    type_name(it, id));
	if (t->acc.kind == SCALAR_FLOAT && !t->generic &&
	    t->rules->sum_compensated) {
		if (!sum_float_path(it, offset, t, &item, &taken))
			return false;
		if (!taken) {
			sum_settle(t);
			t->generic = true;
		}
	}
	if (!taken) {
		status = scalar_binary(BINOP_ADD, &t->acc, &item, &r, message,
		    sizeof message);
		if (status != SCALAR_OK)
			return raise(it, offset, status ==
			    SCALAR_OVERFLOW_ERROR ? "OverflowError" : NULL,
			    "%s", message);
		scalar_release(&t->acc);
		t->acc = r;
		/* the int path left with an int beyond a C long: PyNumber_Add
		 * from here on */
		if (r.kind == SCALAR_INT && r.big != NULL)
			t->generic = true;
	}
	drop_top(it, REASON_OPERAND_DONE, ATOM_NONE);
	return ok(it);
}

static bool
builtin_sum(struct interp *it, const struct expr *call, objid_t self,
    uint32_t base)
{
	uint32_t		n = count_args(call);
	struct sum_total	t = { .acc = { .kind = SCALAR_INT },
				    .rules = version_rules(H(it)->python) };
	bool			done;

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
		t.acc = scalar_of(it, start);
		/* a bool or a big int starts on no fast path */
		t.generic = t.acc.kind == SCALAR_BOOL ||
		    (t.acc.kind == SCALAR_INT && t.acc.big != NULL);
		if (t.acc.kind == SCALAR_BOOL)
			t.acc.kind = SCALAR_INT;
	}
	done = for_each_item(it, call->offset, stack_at(it, base), sum_item,
	    &t);
	sum_settle(&t);
	if (done)
		push_scalar(it, &t.acc, REASON_RESULT);
	scalar_release(&t.acc);
	return done && call_done(it, base, n);
}

/* ---- the builtins of scalars ---- */

static bool
str_too_long(struct interp *it, uint32_t offset)
{
	return raise(it, offset, NULL, "a string longer than %u characters "
	    "(the limit of DESIGN §8)", LIMIT_MAX_STRING);
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
	else if (o->type == OBJ_INT && (heap_bigint(o) != NULL ?
	    o->as.big->sign > 0 : o->as.i >= 0))
		push_ref(it, x, REASON_RESULT, ATOM_NONE);	/* long_long */
	else if (is_intlike(it, x)) {
		struct scalar	s = scalar_of(it, x), r;
		char		message[200];

		/* -x of a negative int: never an error */
		(void)scalar_unary(UNOP_NEG, &s, &r, message, sizeof message);
		push_scalar(it, &r, REASON_RESULT);
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
	if (n == 1 && truth_refused(it, call->offset, stack_at(it, base)))
		return false;
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
 * optional sign; false when the text is not that.  The digits go to
 * digits without the underscores. */
static bool
parse_decimal(const char *p, size_t len, bool *neg, struct strbuf *digits)
{
	size_t	 i = 0;
	bool	 digit = false;

	*neg = false;
	if (i < len && (p[i] == '+' || p[i] == '-'))
		*neg = p[i++] == '-';
	for (; i < len; i++) {
		if (p[i] == '_' && digit && i + 1 < len && p[i + 1] >= '0' &&
		    p[i + 1] <= '9')
			continue;
		if (p[i] < '0' || p[i] > '9')
			return false;
		digit = true;
		strbuf_putc(digits, p[i]);
	}
	return digit;
}

/* Pushes int(text) for the decimal digits of parse_decimal, or raises
 * CPython's ValueError past its 4300 digits. */
static bool
push_decimal(struct interp *it, uint32_t offset, bool neg,
    const struct strbuf *digits)
{
	struct scalar	s = { .kind = SCALAR_INT };
	struct bigint	*b;

	if (digits->len > BIGINT_MAX_STR_DIGITS)
		return raise(it, offset, "ValueError", "Exceeds the limit (%u "
		    "digits) for integer string conversion: value has %zu "
		    "digits; use sys.set_int_max_str_digits() to increase the "
		    "limit", BIGINT_MAX_STR_DIGITS, digits->len);
	b = bigint_parse(strbuf_str(digits), digits->len, 10);
	if (neg && b->sign != 0)
		b->sign = -1;
	scalar_set_int(&s, b);
	push_scalar(it, &s, REASON_RESULT);
	return ok(it);
}

static bool
value_error_literal(struct interp *it, uint32_t offset, const char *fmt,
    objid_t s)
{
	struct strbuf sb = STRBUF_INIT, msg = STRBUF_INIT;

	heap_repr(H(it), s, false, 200, &sb);
	strbuf_printf(&msg, fmt, strbuf_str(&sb));
	throw_new(it, offset, "ValueError", strbuf_str(&msg), OBJ_NULL);
	strbuf_free(&msg);
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
	bool			 neg, done;

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
			objects_push_bigint(&it->m,
			    bigint_from_double(o->as.f), REASON_RESULT);
		else
			objects_push_int(&it->m, (int64_t)trunc(o->as.f),
			    REASON_RESULT);
		break;
	case OBJ_STR: {
		size_t		 len;
		const char	*p = number_text(o->as.s, &len);

		struct strbuf	 digits = STRBUF_INIT;

		if (!parse_decimal(p, len, &neg, &digits)) {
			strbuf_free(&digits);
			return value_error_literal(it, call->offset, "invalid "
			    "literal for int() with base 10: %s", x);
		}
		done = push_decimal(it, call->offset, neg, &digits);
		strbuf_free(&digits);
		if (!done)
			return false;
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
	case OBJ_BOOL: {
		struct scalar s = scalar_of(it, x);

		if (!scalar_int_to_double(&s, &f))
			return raise(it, call->offset, "OverflowError", "%s",
			    BIGINT_FLOAT_OVERFLOW);
		objects_push_float(&it->m, f, REASON_RESULT);
		break;
	}
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

/* Pushes str(x) (as_str) or repr(x): a str is its own str, a bool's is
 * a static str (bool_repr's _Py_ID), anything else a new str. */
static bool
push_str_of(struct interp *it, uint32_t offset, objid_t x, bool as_str)
{
	struct strbuf		sb = STRBUF_INIT;
	enum heap_repr_failure	why;
	objid_t			m = text_method(it, x, as_str);

	if (as_str && obj(it, x)->type == OBJ_STR) {
		push_ref(it, x, REASON_RESULT, ATOM_NONE);
		return ok(it);
	}
	if (m != OBJ_NULL)
		return call_text_method(it, offset, x, m, as_str);
	if (repr_runs_code_in(it, x, 0))
		return repr_code_unsupported(it, offset, x);
	if (obj(it, x)->type == OBJ_BOOL) {
		objects_push_bool_str(&it->m, obj(it, x)->as.i != 0);
		return ok(it);
	}
	if (!charge_repr(it, x))
		return false;
	if (!heap_repr_nested(H(it), x, as_str, LIMIT_MAX_STRING + 1,
	    recursion_room(it), &sb, &why)) {
		strbuf_free(&sb);
		return repr_failed(it, offset, why);
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
 * object that are instances of each (the first bit: what it makes). */
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
	{ "type", 1u << OBJ_CLASS | 1u << OBJ_TYPE },
	{ "object", ~0u },
};

/* Whether the built-in type called type_name has a method called name
 * (python_has_method of the objects it makes). */
static bool
builtin_type_has_method(const char *type_name, const char *name)
{
	for (size_t i = 0; i < sizeof builtin_types / sizeof builtin_types[0];
	    i++)
		if (strcmp(type_name, builtin_types[i].name) == 0 &&
		    builtin_types[i].types != ~0u)
			return python_has_method((enum obj_type)
			    __builtin_ctz(builtin_types[i].types), name);
	return false;
}

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
/* type(x) on top: its class, for an instance (or an exception) of a
 * class of the program; else the built-in type object of its type. */
static void
push_type_of(struct interp *it, objid_t x, enum event_reason reason,
    atom_t name)
{
	if (obj(it, x)->type == OBJ_INSTANCE)
		push_ref(it, obj(it, x)->as.inst->cls, reason, name);
	else if (is_exception(it, x) &&
	    heap_exception_class(H(it), x) != OBJ_NULL)
		push_ref(it, heap_exception_class(H(it), x), reason, name);
	else
		objects_push_type(&it->m, type_name(it, x));
}

/* type(x): type_new with one argument. */
static bool
builtin_type(struct interp *it, const struct expr *call, objid_t self,
    uint32_t base)
{
	uint32_t	n = count_args(call);
	objid_t		x = stack_at(it, base);

	(void)self;
	if (n == 3)
		return raise(it, call->offset, NULL, "type() with three "
		    "arguments (making a class) is not supported yet");
	if (n != 1)
		return raise(it, call->offset, "TypeError", "type() takes 1 or "
		    "3 arguments");
	push_type_of(it, x, REASON_RESULT, ATOM_NONE);
	return call_done(it, base, 1);
}

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
		result = (types >> (is_globals(it, x) ? OBJ_DICT :
		    obj(it, x)->type)) & 1;
		objects_push_bool(&it->m, result);
		return call_done(it, base, 1);
	}
	t = stack_at(it, base + 1);
	n = obj(it, t)->type == OBJ_TUPLE ? obj(it, t)->as.seq->len : 1;
	result = false;
	for (uint32_t i = 0; i < n; i++) {
		objid_t cls = obj(it, t)->type == OBJ_TUPLE ?
		    obj(it, t)->as.seq->items[i] : t;

		if (obj(it, cls)->type == OBJ_TYPE) {
			/* a built-in type as a value: its subclasses are the
			 * table's, or it is the type of x itself */
			const char *name = atom_name(obj(it, cls)->as.name);

			for (size_t k = 0; k < sizeof builtin_types /
			    sizeof builtin_types[0]; k++)
				if (strcmp(name, builtin_types[k].name) == 0 &&
				    ((builtin_types[k].types >>
				    (is_globals(it, x) ? OBJ_DICT :
				    obj(it, x)->type)) & 1))
					result = true;
			if (strcmp(name, type_name(it, x)) == 0 &&
			    obj(it, x)->type != OBJ_INSTANCE)
				result = true;
			/* an exception is an instance of its bases too */
			if (is_exception(it, x) &&
			    pynames_exception_base(name) != NULL &&
			    pynames_exception_matches(heap_exception_kind(H(it),
			    x), name))
				result = true;
			continue;
		}
		if (obj(it, cls)->type != OBJ_CLASS)
			return raise(it, spec->offset, "TypeError", "isinstance() "
			    "arg 2 must be a type, a tuple of types, or a union");
		if (obj(it, x)->type == OBJ_INSTANCE &&
		    class_derives(it, obj(it, x)->as.inst->cls, cls))
			result = true;
		if (is_exception(it, x) && heap_exception_class(H(it), x) !=
		    OBJ_NULL && class_derives(it, heap_exception_class(H(it), x),
		    cls))
			result = true;
	}
	objects_push_bool(&it->m, result);
	return call_done(it, base, 2);
}

/* any(x), all(x): x's iterator (PyObject_GetIter) stepped until an item
 * whose truth decides -- a true one for any, a false one for all -- each
 * item let go once tested, then the iterator, whatever is left in it. */
static bool
builtin_any_all(struct interp *it, const struct expr *call, objid_t self,
    uint32_t base)
{
	bool		 any = called_name(call)[1] == 'n', decided = false;
	bool		 done = false;
	uint32_t	 offset = call->as.call.args[0]->offset;
	objid_t		 iterator;

	(void)self;
	if (!push_iter(it, offset, stack_at(it, base)))
		return false;
	iterator = stack_at(it, TOP(it));
	while (!decided && iter_step(it, offset, iterator, &done)) {
		if (truth_refused(it, offset, stack_at(it, TOP(it))))
			return false;
		decided = truth(it, stack_at(it, TOP(it))) == any;
		drop_top(it, REASON_OPERAND_DONE, ATOM_NONE);
		if (!ok(it))
			return false;
	}
	if (!decided && !done)
		return false;
	drop_top(it, REASON_OPERAND_DONE, ATOM_NONE);
	objects_push_bool(&it->m, decided == any);
	return call_done(it, base, 1);
}

/* globals(): the module's globals dict, the interpreter's (is_globals). */
static bool
builtin_globals(struct interp *it, const struct expr *call, objid_t self,
    uint32_t base)
{
	(void)call;
	(void)self;
	objects_push_globals(&it->m, REASON_RESULT);
	return call_done(it, base, 0);
}

/* vars(x): an instance's __dict__, made if need be. */
static bool
builtin_vars(struct interp *it, const struct expr *call, objid_t self,
    uint32_t base)
{
	objid_t x = stack_at(it, base);

	(void)self;
	if (count_args(call) == 0)
		return raise(it, call->offset, NULL, "vars() without an "
		    "argument (the local names as a dict) is not supported "
		    "yet");
	switch (obj(it, x)->type) {
	case OBJ_INSTANCE:
		if (heap_is_finalize(H(it), x))
			break;		/* __slots__ = (): no __dict__ */
		push_ref(it, instance_dict(it, x), REASON_RESULT, ATOM_NONE);
		return call_done(it, base, 1);
	case OBJ_ITER:
		if (!is_exception(it, x))
			break;
		push_ref(it, exception_dict(it, x), REASON_RESULT, ATOM_NONE);
		return call_done(it, base, 1);
	case OBJ_CLASS:
	case OBJ_FUNCTION:
		return raise(it, call->offset, NULL, "vars() of a %s (its "
		    "namespace) is not supported yet", type_name(it, x));
	default:
		break;
	}
	return raise(it, call->offset, "TypeError", "vars() argument must "
	    "have __dict__ attribute");
}

/* ---- the methods of issue 16 ---- */

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
	objid_t	key;
	bool	reverse;

	/* key= and reverse= are keyword-only */
	if (count_positional(call) > 0)
		return raise(it, call->offset, "TypeError", "sort() takes no "
		    "positional arguments");
	if (!sort_keywords(it, call, base, &key, &reverse) ||
	    !list_sort_keyed(it, call->offset, l, key, reverse))
		return false;
	return return_none(it, base, count_args(call));
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
	bool equal = false;

	*found = -1;
	if (it->eq_methods) {
		for (uint32_t i = (uint32_t)from; !equal &&
		    i < obj(it, l)->as.seq->len; i++) {
			if (!item_equal(it, offset, l, i, x, &equal))
				return false;
			if (equal)
				*found = i;
		}
		return ok(it);
	}
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
		strbuf_puts(&sb, " is not in list");
		throw_new(it, call->offset, "ValueError", strbuf_str(&sb),
		    OBJ_NULL);
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
	bool	equal;

	if (it->eq_methods) {
		for (uint32_t i = 0; i < obj(it, l)->as.seq->len; i++) {
			if (!item_equal(it, call->offset, l, i,
			    stack_at(it, base), &equal))
				return false;
			count += equal;
		}
	} else {
		walk_begin(it);
		for (uint32_t i = 0; i < obj(it, l)->as.seq->len; i++)
			if (heap_equal_within(H(it),
			    obj(it, l)->as.seq->items[i], stack_at(it, base),
			    &it->work))
				count++;
		if (!walk_end(it, call->offset))
			return false;
	}
	objects_push_int(&it->m, count, REASON_RESULT);
	return call_done(it, base, 1);
}

/* The entry of dict d holding the key at stack position pos, or -1 (and
 * the run stopped when hashing or comparing raised). */
static int64_t
dict_lookup(struct interp *it, uint32_t offset, objid_t d, uint32_t pos)
{
	pyhash_t hash;

	if (!hash_of(it, HASH_DICT_KEY, offset, stack_at(it, pos), &hash))
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
		 * result.  PyDict_SetDefault inserts what it looked up,
		 * without hashing or looking again */
		gctrack_dict_store(&it->m, d, stack_at(it, base),
		    stack_at(it, TOP(it)));
		if (!ok(it) || !dict_settle(it, d, base, TOP(it), false, -1))
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

	if (!hash_of(it, HASH_SET_ELEMENT, call->as.call.args[0]->offset, stack_at(it, base),
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
	for (i = 0; i < n; i++) {
		arg = stack_at(it, base + i);
		if ((obj(it, arg)->type == OBJ_SET ||
		    obj(it, arg)->type == OBJ_DICT) && (!stored_hashes_plain(it,
		    call->offset, arg) || (i == 0 && !stored_hashes_plain(it,
		    call->offset, s))))
			return false;
	}
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

	/* set_intersection adds what it found with the hash it has */
	if (hash_method(it, stack_at(it, TOP(it))) != OBJ_NULL)
		return raise(it, offset, NULL, "the intersection of a set and "
		    "an instance whose class defines __hash__ is not supported "
		    "yet");
	if (!hash_of(it, HASH_PLAIN, offset, stack_at(it, TOP(it)), &hash))
		return false;
	if (set_find(it, offset, c->other, stack_at(it, TOP(it))) < 0) {
		if (!ok(it))
			return false;
		drop_top(it, REASON_OPERAND_DONE, ATOM_NONE);
		return ok(it);
	}
	return set_add_from(it, offset, c->result, TOP(it), false);
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
		if (obj(it, other)->type == OBJ_SET &&
		    !stored_hashes_plain(it, call->offset, other))
			return false;
		if (!(obj(it, other)->type == OBJ_SET ? for_each_entry(it,
		    call->offset, other, intersect_item, &c) : for_each_item(it,
		    call->offset, other, intersect_item, &c)))
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
		if (!c_integer(it, call->offset, stack_at(it, base + 2),
		    "OverflowError", "Python int too large to convert to C ssize_t", &max))
			return false;
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
		if (!c_integer(it, call->offset, stack_at(it, base + 1),
		    "OverflowError", "Python int too large to convert to C ssize_t", &max))
			return false;
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
		if (t != OBJ_STR && t != OBJ_DICT && t != OBJ_SET &&
		    t != OBJ_RANGE && t != OBJ_ITER)
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


/* ---- str.format (Objects/stringlib/unicode_format.h) ---- */

static bool format_text(struct interp *it, uint32_t offset, objid_t v,
    const char *spec, size_t len, struct strbuf *out, bool *same);
static bool format_object(struct interp *it, uint32_t offset, objid_t v,
    const char *spec, size_t len);

/*
 * What build_string's _PyUnicodeWriter holds: text, or -- when the one
 * thing written is a whole str, written last (overallocate off) into an
 * empty writer -- that str itself, held on the stack (readonly), which
 * _PyUnicodeWriter_Finish then returns.
 */
struct fmt_writer {
	struct strbuf	 text;
	bool		 readonly;	/* the result is on top of the stack */
};

struct fmt_state {
	const struct expr	*call;
	uint32_t		 base;		/* the arguments */
	uint32_t		 positional;	/* the first ones; then keywords */
	enum { FMT_INIT, FMT_AUTO, FMT_MANUAL } numbering;
	uint32_t		 next;		/* the next automatic index */
};

static bool
fmt_error(struct interp *it, const struct fmt_state *f, const char *message)
{
	return raise(it, f->call->offset, "ValueError", "%s", message);
}

/*
 * The argument a field names (get_field_object): an index (automatic
 * when the name is empty) into the positional arguments, or a keyword.
 * Its id, or OBJ_NULL when it raised.
 */
static objid_t
fmt_argument(struct interp *it, struct fmt_state *f, const char *name,
    size_t len)
{
	const atom_t	*kw = f->call->as.call.keywords;
	uint64_t	 index = 0;
	bool		 numeric = true;
	struct strbuf	 sb = STRBUF_INIT;

	for (size_t k = 0; k < len; k++) {
		if (name[k] == '.' || name[k] == '[') {
			raise(it, f->call->offset, NULL, "a field that looks "
			    "up an attribute or an item ('{0.x}', '{0[1]}') "
			    "is not supported yet");
			return OBJ_NULL;
		}
		if (name[k] < '0' || name[k] > '9')
			numeric = false;
		else if (index < UINT32_MAX)
			index = index * 10 + (uint64_t)(name[k] - '0');
	}
	if (len == 0 || numeric) {
		if (f->numbering == FMT_INIT)
			f->numbering = len == 0 ? FMT_AUTO : FMT_MANUAL;
		if (f->numbering == FMT_MANUAL && len == 0) {
			fmt_error(it, f, "cannot switch from manual field "
			    "specification to automatic field numbering");
			return OBJ_NULL;
		}
		if (f->numbering == FMT_AUTO && len > 0) {
			fmt_error(it, f, "cannot switch from automatic field "
			    "numbering to manual field specification");
			return OBJ_NULL;
		}
		if (len == 0)
			index = f->next++;
		if (index >= f->positional) {
			raise(it, f->call->offset, "IndexError", "Replacement "
			    "index %" PRIu64 " out of range for positional "
			    "args tuple", index);
			return OBJ_NULL;
		}
		return stack_at(it, f->base + (uint32_t)index);
	}
	for (uint32_t k = f->positional; k < count_args(f->call); k++) {
		const char *key = atom_name(kw[k]);

		if (strlen(key) == len && memcmp(key, name, len) == 0)
			return stack_at(it, f->base + k);
	}
	pyrepr_str(&sb, name, len);
	raise(it, f->call->offset, "KeyError", "%s", strbuf_str(&sb));
	strbuf_free(&sb);
	return OBJ_NULL;
}

/*
 * One replacement field (output_markup): its argument, converted (!r,
 * !s: a new str), formatted by render_field -- a str, an int or a float
 * straight into the writer, anything else through format(), whose
 * result is a str.  last: nothing follows it, so a whole str written into
 * the empty writer becomes the result.
 */
static bool
fmt_field(struct interp *it, struct fmt_state *f, struct fmt_writer *w,
    const char *name, size_t name_len, char conversion, const char *spec,
    size_t spec_len, bool last)
{
	objid_t			 v = fmt_argument(it, f, name, name_len);
	uint32_t		 held = H(it)->stack_len;
	enum obj_type		 t;
	bool			 same, whole;
	size_t			 mark = w->text.len;

	if (v == OBJ_NULL)
		return false;
	/* do_conversion, then the spec */
	if (conversion != 0 && conversion != 'r' && conversion != 's') {
		if (conversion == 'a')
			return raise(it, f->call->offset, NULL, "the !a "
			    "conversion is not supported yet");
		if ((unsigned char)conversion > 32 &&
		    (unsigned char)conversion < 127)
			return raise(it, f->call->offset, "ValueError",
			    "Unknown conversion specifier %c", conversion);
		return raise(it, f->call->offset, "ValueError", "Unknown "
		    "conversion specifier \\x%x", (unsigned char)conversion);
	}
	if (memchr(spec, '{', spec_len) != NULL)
		return raise(it, f->call->offset, NULL, "a field inside a "
		    "format spec ('{:{}}') is not supported yet");
	if (conversion != 0) {
		if (!push_str_of(it, f->call->offset, v, conversion == 's'))
			return false;
		v = stack_at(it, TOP(it));
	}
	t = (enum obj_type)obj(it, v)->type;
	if (t == OBJ_STR || t == OBJ_INT || t == OBJ_FLOAT) {
		if (!format_text(it, f->call->offset, v, spec, spec_len,
		    &w->text, &same))
			return false;
		whole = same && w->text.len > mark;
		if (whole && last && mark == 0) {
			push_ref(it, v, REASON_RESULT, ATOM_NONE);
			w->readonly = true;
		}
	} else {
		/* PyObject_Format: its result is a str written whole */
		if (!format_object(it, f->call->offset, v, spec, spec_len))
			return false;
		heap_repr(H(it), stack_at(it, TOP(it)), true, 0, &w->text);
		if (last && mark == 0 && w->text.len > 0)
			w->readonly = true;
		else
			drop_top(it, REASON_OPERAND_DONE, ATOM_NONE);
	}
	/* the conversion's str goes once written */
	if (conversion != 0 && ok(it))
		drop_at(it, held, REASON_OPERAND_DONE);
	return ok(it);
}

/*
 * s.format(*args, **kwargs) (do_string_format): the text with each
 * replacement field formatted, a new str -- or, when the whole text is
 * one str written whole (the format string with no field, or one field
 * alone), that str.
 */
static bool
str_format(struct interp *it, const struct expr *call, objid_t s,
    uint32_t base)
{
	const struct pystr	*fmt = str_of(it, s);
	const char		*p = fmt->data;
	size_t			 len = fmt->len, at = 0;
	struct fmt_state	 f = { call, base, count_args(call), FMT_INIT,
				    0 };
	struct fmt_writer	 w = { STRBUF_INIT, false };

	if (call->as.call.keywords != NULL)
		for (uint32_t k = 0; k < count_args(call); k++)
			if (call->as.call.keywords[k] != ATOM_NONE) {
				f.positional = k;
				break;
			}
	while (at < len && ok(it)) {
		/* MarkupIterator_next: literal text up to a brace */
		size_t	start = at, lit_end, name, name_end, spec = 0;
		size_t	spec_end = 0;
		char	c = 0, conversion = 0;
		bool	markup = false;

		while (at < len) {
			c = p[at++];
			if (c == '{' || c == '}') {
				markup = true;
				break;
			}
		}
		lit_end = at;
		if (markup && ((c == '}' && (at >= len || p[at] != '}')) ||
		    (c == '{' && at >= len))) {
			strbuf_free(&w.text);
			return fmt_error(it, &f, c == '}' ? "Single '}' "
			    "encountered in format string" : "Single '{' "
			    "encountered in format string");
		}
		if (markup && p[at] == c) {
			at++;		/* {{ or }}: the brace is text */
			markup = false;
		} else if (markup)
			lit_end--;
		if (lit_end > start) {
			if (start == 0 && lit_end == len) {
				/* the format string itself, whole */
				push_ref(it, s, REASON_RESULT, ATOM_NONE);
				w.readonly = true;
			} else
				strbuf_append(&w.text, p + start,
				    lit_end - start);
		}
		if (!markup)
			continue;
		/* parse_field: the name up to '!', ':' or '}' */
		name = at;
		c = 0;
		while (at < len) {
			c = p[at++];
			if (c == '{') {
				strbuf_free(&w.text);
				return fmt_error(it, &f, "unexpected '{' in "
				    "field name");
			}
			if (c == '[') {
				while (at < len && p[at] != ']')
					at++;
				continue;
			}
			if (c == '}' || c == ':' || c == '!')
				break;
		}
		name_end = at - 1;
		if (c == '!' || c == ':') {
			unsigned count = 1;

			if (c == '!') {
				if (at >= len) {
					strbuf_free(&w.text);
					return fmt_error(it, &f, "end of string "
					    "while looking for conversion "
					    "specifier");
				}
				conversion = p[at++];
				if (at < len) {
					c = p[at++];
					if (c != '}' && c != ':') {
						strbuf_free(&w.text);
						return fmt_error(it, &f,
						    "expected ':' after "
						    "conversion specifier");
					}
				}
			}
			if (c != '}') {
				spec = at;
				while (at < len && count > 0) {
					if (p[at] == '{')
						count++;
					else if (p[at] == '}')
						count--;
					at++;
				}
				if (count > 0) {
					strbuf_free(&w.text);
					return fmt_error(it, &f, "unmatched '{' "
					    "in format spec");
				}
				spec_end = at - 1;
			}
		} else if (c != '}') {
			strbuf_free(&w.text);
			return fmt_error(it, &f, "expected '}' before end of "
			    "string");
		}
		if (!fmt_field(it, &f, &w, p + name, name_end - name,
		    conversion, p + spec, spec_end - spec, at >= len)) {
			strbuf_free(&w.text);
			return false;
		}
		if (utf8_count(strbuf_str(&w.text), w.text.len) >
		    LIMIT_MAX_STRING) {
			strbuf_free(&w.text);
			return str_too_long(it, call->offset);
		}
	}
	if (ok(it) && !w.readonly)
		objects_push_str(&it->m, strbuf_str(&w.text), w.text.len,
		    false, REASON_RESULT);
	strbuf_free(&w.text);
	return ok(it) && call_done(it, base, count_args(call));
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

/* Pushes a new iterator (or view) of kind that holds x (kind's first
 * field: it_seq, di_dict, si_set, dv_dict); x stays where it is. */
static objid_t
push_holder(struct interp *it, enum iter_kind kind, objid_t x)
{
	objid_t id = heap_reserve_iter(H(it), kind, 0, 0, 1);

	objects_alloc(&it->m, id, REASON_NEW, ATOM_NONE);
	push_ref(it, x, REASON_LOAD, ATOM_NONE);
	hold_top(it, id);
	return id;
}

/* PyTuple_Pack(n, None, ...): the result holder enumerate, zip and a
 * dict's item iterator make at their birth, on top (zip's is PyTuple_New
 * filled, which 3.14 leaves tracked where it untracks the packed one). */
static void
push_none_tuple(struct interp *it, uint32_t n)
{
	if (n == 0) {
		objects_push_empty_tuple(&it->m);
		return;
	}
	for (uint32_t k = 0; k < n; k++)
		objects_push_none(&it->m);
	objects_build_sequence(&it->m, OBJ_TUPLE, n, REASON_NEW);
}

/* dictiter_new: an iterator of kind over dict d on top; an item
 * iterator also makes its result tuple (None, None). */
static void
push_dict_iter(struct interp *it, enum iter_kind kind, objid_t d)
{
	objid_t id = push_holder(it, kind, d);
	struct pyiter *i = H(it)->objects[id].as.iter;

	i->used = i->len = obj(it, d)->as.dict->live;
	if (kind == ITER_DICT_ITEMITER) {
		push_none_tuple(it, 2);
		gctrack_tuple_built(&it->m, stack_at(it, TOP(it)));
		hold_top(it, id);
	}
}

/* iter(x) on top (PyObject_GetIter); x stays where it is. */
static bool
push_iter(struct interp *it, uint32_t offset, objid_t x)
{
	const struct object	*o = obj(it, x);
	objid_t			 id;

	if (heap_is_weakdict(H(it), x))
		return weakdict_unsupported(it, offset, "iterating a %s",
		    type_name(it, x));
	if (globals_used(it, offset, x))
		return false;
	switch (o->type) {
	case OBJ_LIST:
		push_holder(it, ITER_LIST, x);
		return ok(it);
	case OBJ_TUPLE:
		push_holder(it, ITER_TUPLE, x);
		return ok(it);
	case OBJ_STR:
		push_holder(it, is_ascii(o->as.s) ? ITER_STR_ASCII : ITER_STR,
		    x);
		return ok(it);
	case OBJ_DICT:
		push_dict_iter(it, ITER_DICT_KEYITER, x);
		return ok(it);
	case OBJ_SET:
		id = push_holder(it, ITER_SET, x);
		H(it)->objects[id].as.iter->used = o->as.set->used;
		return ok(it);
	case OBJ_RANGE:
	case OBJ_ITER:
		if (ITER_IS_HOLDER(o->as.iter->kind))
			return raise(it, offset, "TypeError", "'%s' object is "
			    "not iterable", type_name(it, x));
		if (ITER_IS_VIEW(o->as.iter->kind)) {
			/* dictkeys_iter and the others: over the view's dict */
			push_dict_iter(it, (enum iter_kind)(o->as.iter->kind +
			    (ITER_DICT_KEYITER - ITER_DICT_KEYS)),
			    o->as.iter->held[0]);
			return ok(it);
		}
		if (o->as.iter->kind != ITER_RANGE) {
			push_ref(it, x, REASON_RESULT, ATOM_NONE);
			return ok(it);
		}
		/* range_iter: C longs, no hold on the range */
		id = heap_reserve_iter(H(it), ITER_RANGE_ITER,
		    o->as.iter->start, o->as.iter->stop, o->as.iter->step);
		objects_alloc(&it->m, id, REASON_NEW, ATOM_NONE);
		return ok(it);
	default:
		return raise(it, offset, "TypeError", "'%s' object is not "
		    "iterable", type_name(it, x));
	}
}

/* The reference iterator holds in its first field (it_seq, di_dict,
 * si_set, seq), or OBJ_NULL once it let it go. */
static objid_t
iter_source(const struct interp *it, const struct pyiter *i)
{
	if (i->count == 0)
		return OBJ_NULL;
	/* an item iterator that let its dict go still holds di_result */
	if (i->kind == ITER_DICT_ITEMITER &&
	    obj(it, i->held[0])->type != OBJ_DICT)
		return OBJ_NULL;
	return i->held[0];
}

/* Exhausted: the iterator lets its source go (it_seq = NULL,
 * Py_DECREF), leaving *done set. */
static bool
iter_release(struct interp *it, objid_t iterator, objid_t source,
    bool *done)
{
	emit_move(it, EV_SLOT_REMOVE, SITE_HELD, source, iterator, 0,
	    OBJ_NULL, 0, REASON_METHOD, ATOM_NONE);
	drop_top(it, REASON_METHOD, ATOM_NONE);
	*done = ok(it);
	return false;
}

/*
 * The result tuple of an iterator that recycles it (enumerate, a dict's
 * items), the iterator's last held reference, made of the 2 new items at
 * the top of the stack (first deepest; swapped: last deepest, as
 * enumerate has its item before its count).  When the iterator holds the
 * only reference, the items go into it and the old ones are dropped
 * after the tuple is pushed (Py_REFCNT(result) == 1, as
 * dictiter_iternextitem and enum_next do); else a new tuple takes them.
 */
static void
push_pair(struct interp *it, objid_t iterator, bool swapped)
{
	const struct pyiter	*i = obj(it, iterator)->as.iter;
	objid_t			 result = i->held[i->count - 1];
	uint32_t		 base = TOP(it) - 1, from;
	bool			 recycle = obj(it, result)->refcount == 1;

	if (!recycle) {
		result = heap_reserve(H(it), OBJ_TUPLE);
		objects_alloc(&it->m, result, REASON_RESULT, ATOM_NONE);
	}
	for (uint32_t k = 0; k < 2 && ok(it); k++) {
		/* a SLOT_SET pushes the old item on top; the new items stay
		 * at base and base + 1 until taken */
		from = swapped ? base + 1 - k : base;
		if (recycle)
			emit_move(it, EV_SLOT_SET, SITE_ITEM, stack_at(it, from),
			    result, k, obj(it, result)->as.seq->items[k], from,
			    REASON_RESULT, ATOM_NONE);
		else
			emit_move(it, EV_SLOT_INSERT, SITE_ITEM,
			    stack_at(it, from), result, k, OBJ_NULL, from,
			    REASON_STORE, ATOM_NONE);
	}
	if (!recycle || !ok(it))
		return;
	push_ref(it, result, REASON_RESULT, ATOM_NONE);
	drop_at(it, base, REASON_REBIND);
	drop_at(it, base, REASON_REBIND);
	gctrack_recycled(&it->m, result);
}

/* Moves iterator's cursor by n (an event: a seek puts it back). */
static void
iter_advance(struct interp *it, objid_t iterator, int64_t n)
{
	int64_t pos = obj(it, iterator)->as.iter->pos;

	machine_emit(&it->m, (struct event){ .kind = EV_ITER_MOVE,
	    .object = iterator, .index = (uint32_t)(pos + n),
	    .other = (uint32_t)pos });
}

/* dictiter_iternextkey and its value and item siblings. */
static bool
dict_iter_step(struct interp *it, uint32_t offset, objid_t iterator,
    bool *done)
{
	struct pyiter		*i = H(it)->objects[iterator].as.iter;
	objid_t			 d = iter_source(it, i);
	const struct pydict	*dict;
	uint32_t		 e;

	if (d == OBJ_NULL) {
		*done = true;
		return false;
	}
	dict = obj(it, d)->as.dict;
	if (i->used != dict->live) {
		i->used = -1;	/* sticky */
		return raise(it, offset, "RuntimeError", "dictionary "
		    "changed size during iteration");
	}
	for (e = (uint32_t)i->pos; e < dict->count &&
	    dict->entries[e].key == OBJ_NULL; e++)
		;
	if (e >= dict->count)
		return iter_release(it, iterator, d, done);
	if (i->len == 0)
		return raise(it, offset, "RuntimeError", "dictionary keys "
		    "changed during iteration");
	iter_advance(it, iterator, (int64_t)e + 1 - i->pos);
	i->len--;
	if (i->kind != ITER_DICT_VALUEITER)
		push_ref(it, dict->entries[e].key, REASON_LOAD, ATOM_NONE);
	if (i->kind != ITER_DICT_KEYITER)
		push_ref(it, obj(it, d)->as.dict->entries[e].value,
		    REASON_LOAD, ATOM_NONE);
	if (i->kind == ITER_DICT_ITEMITER)
		push_pair(it, iterator, false);
	return ok(it);
}

/* setiter_iternext. */
static bool
set_iter_step(struct interp *it, uint32_t offset, objid_t iterator,
    bool *done)
{
	struct pyiter		*i = H(it)->objects[iterator].as.iter;
	objid_t			 s = iter_source(it, i);
	const struct settable	*t;
	uint32_t		 cursor = (uint32_t)i->pos;
	int64_t			 e;

	if (s == OBJ_NULL) {
		*done = true;
		return false;
	}
	t = obj(it, s)->as.set;
	if (i->used != t->used) {
		i->used = -1;
		return raise(it, offset, "RuntimeError", "Set changed size "
		    "during iteration");
	}
	e = settable_next(t, &cursor);
	if (e < 0)
		return iter_release(it, iterator, s, done);
	iter_advance(it, iterator, e + 1 - i->pos);
	push_ref(it, t->entries[e].key, REASON_LOAD, ATOM_NONE);
	return ok(it);
}

static bool iter_step(struct interp *it, uint32_t offset, objid_t iterator,
    bool *done);

/* enum_next: the next item of en_sit, then its count, as a pair. */
static bool
enumerate_step(struct interp *it, uint32_t offset, objid_t iterator,
    bool *done)
{
	struct pyiter *i = H(it)->objects[iterator].as.iter;

	if (!iter_step(it, offset, i->held[0], done))
		return false;
	objects_push_int(&it->m, i->pos, REASON_RESULT);
	iter_advance(it, iterator, 1);
	push_pair(it, iterator, true);
	return ok(it);
}

/*
 * zip_next: with the only reference to its result, each iterator's next
 * item replaces the result's item in turn (the old one dropped at once);
 * else a new tuple is filled.  The first exhausted iterator ends it (a
 * new tuple, partly filled, is dropped).
 */
static bool
zip_step(struct interp *it, uint32_t offset, objid_t iterator, bool *done)
{
	const struct pyiter	*i = obj(it, iterator)->as.iter;
	objid_t			 iters = i->held[0], result = i->held[1];
	uint32_t		 n = obj(it, iters)->as.seq->len;
	bool			 recycle = obj(it, result)->refcount == 1;

	*done = false;
	if (n == 0) {
		*done = true;
		return false;
	}
	if (recycle)
		push_ref(it, result, REASON_RESULT, ATOM_NONE);
	else {
		result = heap_reserve(H(it), OBJ_TUPLE);
		objects_alloc(&it->m, result, REASON_RESULT, ATOM_NONE);
	}
	for (uint32_t k = 0; k < n && ok(it); k++) {
		if (!iter_step(it, offset, obj(it, iters)->as.seq->items[k],
		    done)) {
			if (*done)
				drop_top(it, REASON_OPERAND_DONE, ATOM_NONE);
			return false;
		}
		if (recycle) {
			emit_move(it, EV_SLOT_SET, SITE_ITEM, stack_at(it,
			    TOP(it)), result, k,
			    obj(it, result)->as.seq->items[k], TOP(it),
			    REASON_RESULT, ATOM_NONE);
			drop_top(it, REASON_REBIND, ATOM_NONE);
		} else
			emit_move(it, EV_SLOT_INSERT, SITE_ITEM, stack_at(it,
			    TOP(it)), result, k, OBJ_NULL, TOP(it),
			    REASON_STORE, ATOM_NONE);
	}
	if (recycle && ok(it))
		gctrack_recycled(&it->m, result);
	return ok(it);
}

/* listreviter_next and reversed_next: backwards from pos, the source let
 * go at the end.  reversed over a str indexes it, making each character
 * (pos: the byte offset where the next one ends). */
static bool
reverse_step(struct interp *it, objid_t iterator, bool *done)
{
	struct pyiter		*i = H(it)->objects[iterator].as.iter;
	objid_t			 seq = iter_source(it, i);
	const struct object	*o;
	int64_t			 k;

	*done = false;
	if (seq == OBJ_NULL) {
		*done = true;
		return false;
	}
	o = obj(it, seq);
	if (o->type == OBJ_STR) {
		if (i->pos <= 0)
			return iter_release(it, iterator, seq, done);
		for (k = i->pos - 1; k > 0 &&
		    ((unsigned char)o->as.s->data[k] & 0xc0) == 0x80; k--)
			;
		objects_push_str(&it->m, o->as.s->data + k,
		    (size_t)(i->pos - k), false, REASON_RESULT);
		iter_advance(it, iterator, k - i->pos);
		return ok(it);
	}
	if (i->pos < 0 && i->kind == ITER_LIST_REVERSE &&
	    version_rules(H(it)->python)->list_reverse_keeps_seq) {
		*done = ok(it);
		return false;
	}
	if (i->pos < 0 || i->pos >= (int64_t)o->as.seq->len)
		return iter_release(it, iterator, seq, done);
	push_ref(it, o->as.seq->items[i->pos], REASON_LOAD, ATOM_NONE);
	iter_advance(it, iterator, -1);
	return ok(it);
}

/*
 * next(iterator): its next item on top and true, or false with *done set
 * when it is exhausted (an iterator over a sequence then lets the
 * sequence go, as listiter_next sets it_seq to NULL), or false on an
 * error (located at offset).  iterator is an OBJ_ITER that is no view, or
 * a range_iterator.
 */
static bool
iter_step(struct interp *it, uint32_t offset, objid_t iterator, bool *done)
{
	const struct pyiter *i = obj(it, iterator)->as.iter;
	objid_t		 seq = i->count > 0 ? i->held[0] : OBJ_NULL;

	*done = false;
	switch ((enum iter_kind)i->kind) {
	case ITER_RANGE_ITER:
		if (i->pos >= i->len)
			break;
		objects_push_int(&it->m, i->start + i->pos * i->step,
		    REASON_RESULT);
		iter_advance(it, iterator, 1);
		return ok(it);
	case ITER_LIST:
	case ITER_TUPLE:
		if (seq == OBJ_NULL)
			break;
		if (i->pos < obj(it, seq)->as.seq->len) {
			push_ref(it, obj(it, seq)->as.seq->items[i->pos],
			    REASON_LOAD, ATOM_NONE);
			iter_advance(it, iterator, 1);
			return ok(it);
		}
		return iter_release(it, iterator, seq, done);
	case ITER_STR_ASCII:
	case ITER_STR: {
		const struct pystr *str;
		size_t k = 1;

		if (seq == OBJ_NULL)
			break;
		str = obj(it, seq)->as.s;
		if ((size_t)i->pos >= str->len)
			return iter_release(it, iterator, seq, done);
		while ((size_t)i->pos + k < str->len &&
		    ((unsigned char)str->data[i->pos + k] & 0xc0) == 0x80)
			k++;
		objects_push_str(&it->m, str->data + i->pos, k, false,
		    REASON_RESULT);
		iter_advance(it, iterator, (int64_t)k);
		return ok(it);
	}
	case ITER_DICT_KEYITER:
	case ITER_DICT_VALUEITER:
	case ITER_DICT_ITEMITER:
		return dict_iter_step(it, offset, iterator, done);
	case ITER_SET:
		return set_iter_step(it, offset, iterator, done);
	case ITER_ENUMERATE:
		return enumerate_step(it, offset, iterator, done);
	case ITER_ZIP:
		return zip_step(it, offset, iterator, done);
	case ITER_REVERSED:
	case ITER_LIST_REVERSE:
		return reverse_step(it, iterator, done);
	case ITER_GENERATOR:
		return gen_resume(it, offset, iterator, done);
	case ITER_RANGE:
	case ITER_DICT_KEYS:
	case ITER_DICT_VALUES:
	case ITER_DICT_ITEMS:
	case ITER_METHOD:
	case ITER_SUPER:
	case ITER_WEAKREF:
	case ITER_CELL:
	case ITER_EXCEPTION:
	case ITER_TRACEBACK:
	case ITER_FRAME:
	case ITER_BUILTIN:
	case ITER_NOTIMPLEMENTED:
	case ITER_GLOBALS:
		break;
	}
	*done = ok(it);
	return false;
}

/* Whether id is an iterator that next() takes. */
static bool
is_iterator(const struct interp *it, objid_t id)
{
	const struct object *o = obj(it, id);

	return (o->type == OBJ_ITER && !ITER_IS_VIEW(o->as.iter->kind) &&
	    !ITER_IS_HOLDER(o->as.iter->kind)) ||
	    (o->type == OBJ_RANGE && o->as.iter->kind == ITER_RANGE_ITER);
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
	while (iter_step(it, offset, iterable, &done))
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
	if (!iter_step(it, call->offset, x, &done)) {
		if (!done)
			return false;
		if (n == 1) {
			/* PyErr_SetNone: no arguments */
			if (!catchable(it))
				return raise(it, call->offset,
				    "StopIteration", "%s", "");
			push_exception(it, "StopIteration", 0);
			return ok(it) && throw(it, call->offset, false);
		}
		/* next(it, default): the default is the result */
		push_ref(it, stack_at(it, base + 1), REASON_RESULT,
		    ATOM_NONE);
	}
	drop_arguments(it, base, n);
	return ok(it);
}

/* d.keys(), d.values(), d.items(): a new view holding d
 * (dictview_new). */
static bool
dict_view(struct interp *it, const struct expr *call, objid_t d,
    uint32_t base)
{
	const char *name = called_name(call);

	push_holder(it, name[0] == 'k' ? ITER_DICT_KEYS : name[0] == 'v' ?
	    ITER_DICT_VALUES : ITER_DICT_ITEMS, d);
	return call_done(it, base, 0);
}

/* enumerate(iterable[, start]) (enum_new_impl): the enumerate object,
 * then the iterator of iterable, then its result (None, None). */
static bool
builtin_enumerate(struct interp *it, const struct expr *call, objid_t self,
    uint32_t base)
{
	uint32_t	n = count_args(call);
	int64_t		start = 0;
	objid_t		id;

	(void)self;
	/* enum_vectorcall words its argument count itself */
	if (n == 0)
		return raise(it, call->offset, "TypeError", "enumerate() "
		    "missing required argument 'iterable'");
	if (n > 2)
		return raise(it, call->offset, "TypeError", "enumerate() takes "
		    "at most 2 arguments (%u given)", n);
	if (n == 2) {
		objid_t x = stack_at(it, base + 1);

		if (!is_intlike(it, x))
			return raise(it, call->as.call.args[1]->offset,
			    "TypeError", "'%s' object cannot be interpreted "
			    "as an integer", type_name(it, x));
		start = obj(it, x)->as.i;
	}
	id = heap_reserve_iter(H(it), ITER_ENUMERATE, 0, 0, 1);
	objects_alloc(&it->m, id, REASON_NEW, ATOM_NONE);
	H(it)->objects[id].as.iter->pos = start;
	if (!push_iter(it, call->as.call.args[0]->offset,
	    stack_at(it, base)))
		return false;
	hold_top(it, id);
	push_none_tuple(it, 2);
	gctrack_tuple_built(&it->m, stack_at(it, TOP(it)));
	hold_top(it, id);
	drop_arguments(it, base, n);
	return ok(it);
}

/* zip(*iterables) (zip_new): the tuple of their iterators, filled as
 * they are made, the result tuple of Nones, then the zip object. */
static bool
builtin_zip(struct interp *it, const struct expr *call, objid_t self,
    uint32_t base)
{
	uint32_t	n = count_args(call);
	objid_t		iters, id;

	(void)self;
	if (n == 0)
		objects_push_empty_tuple(&it->m);
	else {
		iters = heap_reserve(H(it), OBJ_TUPLE);
		objects_alloc(&it->m, iters, REASON_NEW, ATOM_NONE);
		for (uint32_t k = 0; k < n && ok(it); k++) {
			if (!push_iter(it, call->as.call.args[k]->offset,
			    stack_at(it, base + k)))
				return false;
			emit_move(it, EV_SLOT_INSERT, SITE_ITEM, stack_at(it,
			    TOP(it)), iters, k, OBJ_NULL, TOP(it),
			    REASON_STORE, ATOM_NONE);
		}
	}
	push_none_tuple(it, n);
	id = heap_reserve_iter(H(it), ITER_ZIP, 0, 0, 1);
	objects_alloc(&it->m, id, REASON_NEW, ATOM_NONE);
	/* the zip takes both tuples from under it */
	emit_move(it, EV_SLOT_INSERT, SITE_HELD, stack_at(it, TOP(it) - 2),
	    id, 0, OBJ_NULL, TOP(it) - 2, REASON_NEW, ATOM_NONE);
	emit_move(it, EV_SLOT_INSERT, SITE_HELD, stack_at(it, TOP(it) - 1),
	    id, 1, OBJ_NULL, TOP(it) - 1, REASON_NEW, ATOM_NONE);
	drop_arguments(it, base, n);
	return ok(it);
}

/* reversed(seq) (reversed_new_impl): a list's __reversed__ makes a
 * list_reverseiterator, a range's a range_iterator going down; a tuple
 * or a str gets the generic reversed object, which indexes it. */
static bool
builtin_reversed(struct interp *it, const struct expr *call, objid_t self,
    uint32_t base)
{
	objid_t			 x = stack_at(it, base), id;
	const struct object	*o = obj(it, x);
	struct pyiter		*r;

	(void)self;
	if (globals_used(it, call->offset, x))
		return false;
	switch (o->type) {
	case OBJ_LIST:
		id = push_holder(it, ITER_LIST_REVERSE, x);
		H(it)->objects[id].as.iter->pos = (int64_t)o->as.seq->len - 1;
		break;
	case OBJ_TUPLE:
		id = push_holder(it, ITER_REVERSED, x);
		H(it)->objects[id].as.iter->pos = (int64_t)o->as.seq->len - 1;
		break;
	case OBJ_STR:
		id = push_holder(it, ITER_REVERSED, x);
		/* the byte offset where the last character ends */
		H(it)->objects[id].as.iter->pos = (int64_t)o->as.s->len;
		break;
	case OBJ_RANGE:
		if (o->as.iter->kind != ITER_RANGE)
			goto not_reversible;
		/* range_reverse: from the last value, step negated */
		id = heap_reserve_iter(H(it), ITER_RANGE_ITER, 0, 0, 1);
		r = H(it)->objects[id].as.iter;
		r->len = o->as.iter->len;
		r->step = -o->as.iter->step;
		r->start = o->as.iter->start + (r->len - 1) * o->as.iter->step;
		r->stop = o->as.iter->start - o->as.iter->step;
		objects_alloc(&it->m, id, REASON_NEW, ATOM_NONE);
		break;
	case OBJ_DICT:
		return raise(it, call->offset, NULL, "reversed() of a dict "
		    "(its dict_reversekeyiterator) is not supported yet");
	case OBJ_ITER:
		if (ITER_IS_VIEW(o->as.iter->kind))
			return raise(it, call->offset, NULL, "reversed() of a "
			    "%s is not supported yet", type_name(it, x));
		goto not_reversible;
	default:
	not_reversible:
		return raise(it, call->offset, "TypeError", "'%s' object is "
		    "not reversible", type_name(it, x));
	}
	drop_arguments(it, base, 1);
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
	return c_integer(it, call->as.call.args[k]->offset, x, NULL,
	    "a range beyond 64 bits is not supported yet", v);
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
	{ "hash", CONV_O, 1, 1, builtin_hash },
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
	{ "type", CONV_ANY, 0, 0, builtin_type },
	{ "range", CONV_FAST, 1, 3, builtin_range },
	{ "reversed", CONV_FAST, 1, 1, builtin_reversed },
	{ "enumerate", CONV_ANY, 0, 0, builtin_enumerate },
	{ "zip", CONV_ANY, 0, 0, builtin_zip },
	{ "iter", CONV_FAST, 1, 2, builtin_iter },
	{ "next", CONV_FAST, 1, 2, builtin_next },
	{ "vars", CONV_FAST, 0, 1, builtin_vars },
	{ "globals", CONV_NOARGS, 0, 0, builtin_globals },
	{ "any", CONV_O, 1, 1, builtin_any_all },
	{ "all", CONV_O, 1, 1, builtin_any_all },
};
static const struct callable sys_table[] = {
	{ "getrefcount", CONV_O, 1, 1, sys_getrefcount },
	{ "intern", CONV_O, 1, 1, sys_intern },
};
/* ---- copy (Lib/copy.py) ---- */

/* copy.deepcopy's memo: each original copied so far and its copy, as the
 * memo dict maps id(x) to the copy (Lib/copy.py). */
struct deep_memo {
	objid_t		*from, *to;
	uint32_t	 count, cap;
};

/* How deep deepcopy follows containers here: CPython's limit is its
 * recursion limit, two Python frames a level, less what is running. */
#define DEEPCOPY_MAX_DEPTH	100

static objid_t
deep_memo_get(const struct deep_memo *memo, objid_t x)
{
	for (uint32_t i = 0; i < memo->count; i++)
		if (memo->from[i] == x)
			return memo->to[i];
	return OBJ_NULL;
}

static void
deep_memo_put(struct deep_memo *memo, objid_t x, objid_t y)
{
	if (memo->count == memo->cap) {
		memo->cap = memo->cap ? memo->cap * 2 : 8;
		memo->from = xreallocarray(memo->from, memo->cap,
		    sizeof *memo->from);
		memo->to = xreallocarray(memo->to, memo->cap,
		    sizeof *memo->to);
	}
	memo->from[memo->count] = x;
	memo->to[memo->count++] = y;
}

static bool deepcopy_push(struct interp *it, uint32_t offset, objid_t x,
    struct deep_memo *memo, uint32_t depth);

/*
 * Pushes copy.copy(x) of instance x, or copy.deepcopy(x) when memo is not
 * NULL.  object.__reduce_ex__(4) (reduce_newobj) takes x's state -- its
 * __dict__, made real if its values are inline, or None while it has no
 * attribute (_PyObject_IsInstanceDictEmpty) -- then its class's slot names,
 * which copyreg._slotnames caches the first time as `cls.__slotnames__ =
 * []` in the class's own dict.  copy._reconstruct makes y with
 * cls.__new__(cls) (no __init__ runs); deepcopy memoizes y and copies the
 * state (so a reference back to x comes to y); then, when there is a
 * state, y.__dict__.update(state): y's own dict, made real, takes the
 * keys and values.  The tuples and bound methods of the reduce protocol
 * are made and freed inside the call and not modelled, nor is the memo
 * keeping the state's copy until deepcopy returns (y's dict holds all it
 * holds).
 */
static bool
copy_instance(struct interp *it, uint32_t offset, objid_t x,
    struct deep_memo *memo, uint32_t depth)
{
	objid_t			 cls = obj(it, x)->as.inst->cls, y, state = OBJ_NULL;
	objid_t			 d = instance_dict_of(it, x);

	if (obj(it, cls)->as.cls->path != ATOM_NONE)
		return raise(it, offset, NULL, "copying a %s (a class of the "
		    "library) is not supported yet", type_name(it, x));
	if (obj(it, x)->as.inst->count > 0 || (d != OBJ_NULL &&
	    obj(it, d)->as.dict->live > 0))
		state = instance_dict(it, x);
	if (heap_attr_index(H(it), cls, it->a_slotnames) < 0) {
		objid_t names = push_new(it, OBJ_LIST);

		emit_move(it, EV_SLOT_INSERT, SITE_ATTR, names, cls,
		    heap_attrs(H(it), cls)->count, OBJ_NULL, TOP(it),
		    REASON_STORE, it->a_slotnames);
	}
	y = heap_reserve_instance(H(it), cls);
	objects_alloc(&it->m, y, REASON_NEW, ATOM_NONE);
	if (memo != NULL)
		deep_memo_put(memo, x, y);
	if (state == OBJ_NULL || !ok(it))
		return ok(it);
	if (memo != NULL) {
		if (!deepcopy_push(it, offset, state, memo, depth + 1))
			return false;
		state = stack_at(it, TOP(it));
	}
	if (!dict_merge(it, offset, instance_dict(it, y), state))
		return false;
	if (memo != NULL)
		drop_top(it, REASON_OPERAND_DONE, ATOM_NONE);
	return ok(it);
}

/*
 * Pushes deepcopy(x): what the memo has for x; x itself when it is
 * atomic (_deepcopy_atomic); a new list or dict, memoized before its
 * items are copied (so a cycle comes back to the copy), its dict values
 * copied before their keys (`y[deepcopy(key)] = deepcopy(value)` runs
 * the right side first); a tuple's items, and a new tuple only when one
 * of them is a new object.  The memo's own objects (the dict, the ints
 * of id(), the keep-alive list) are made and freed inside the call and
 * are not modelled.
 */
static bool
deepcopy_push(struct interp *it, uint32_t offset, objid_t x,
    struct deep_memo *memo, uint32_t depth)
{
	objid_t y = deep_memo_get(memo, x);

	if (y != OBJ_NULL) {
		push_ref(it, y, REASON_RESULT, ATOM_NONE);
		return ok(it);
	}
	if (depth > DEEPCOPY_MAX_DEPTH)
		return raise(it, offset, NULL, "copy.deepcopy of containers "
		    "nested deeper than %u is not supported yet",
		    DEEPCOPY_MAX_DEPTH);
	switch (obj(it, x)->type) {
	case OBJ_LIST:
		y = push_new(it, OBJ_LIST);
		deep_memo_put(memo, x, y);
		for (uint32_t i = 0; i < obj(it, x)->as.seq->len && ok(it);
		    i++) {
			if (!deepcopy_push(it, offset,
			    obj(it, x)->as.seq->items[i], memo, depth + 1))
				return false;
			emit_move(it, EV_SLOT_INSERT, SITE_ITEM, stack_at(it,
			    TOP(it)), y, obj(it, y)->as.seq->len, OBJ_NULL,
			    TOP(it), REASON_METHOD, ATOM_NONE);
		}
		return ok(it);
	case OBJ_DICT:
		y = push_new(it, OBJ_DICT);
		deep_memo_put(memo, x, y);
		for (uint32_t i = 0; i < obj(it, x)->as.dict->count && ok(it);
		    i++) {
			const struct dict_entry *e = &obj(it, x)->as.dict->
			    entries[i];
			objid_t key = e->key;

			if (key == OBJ_NULL)
				continue;
			if (!deepcopy_push(it, offset, e->value, memo,
			    depth + 1) || !deepcopy_push(it, offset, key, memo,
			    depth + 1) || !dict_store(it, offset, y, TOP(it),
			    TOP(it) - 1))
				return false;
			drop_operands(it, TOP(it) - 1, 2, REASON_OPERAND_DONE);
		}
		return ok(it);
	case OBJ_TUPLE: {
		uint32_t n = obj(it, x)->as.seq->len, base = H(it)->stack_len;
		bool same = true;

		for (uint32_t i = 0; i < n; i++) {
			if (!deepcopy_push(it, offset,
			    obj(it, x)->as.seq->items[i], memo, depth + 1))
				return false;
			same = same && stack_at(it, TOP(it)) ==
			    obj(it, x)->as.seq->items[i];
		}
		/* a cycle through the items may have copied x already */
		if ((y = deep_memo_get(memo, x)) != OBJ_NULL || same) {
			drop_operands(it, base, n, REASON_OPERAND_DONE);
			push_ref(it, y != OBJ_NULL ? y : x, REASON_RESULT,
			    ATOM_NONE);
			return ok(it);
		}
		objects_build_sequence(&it->m, OBJ_TUPLE, n, REASON_RESULT);
		deep_memo_put(memo, x, stack_at(it, TOP(it)));
		return ok(it);
	}
	case OBJ_INSTANCE:
		return copy_instance(it, offset, x, memo, depth);
	case OBJ_SET:
		return raise(it, offset, NULL, "copy.deepcopy of a '%s' object "
		    "is not supported yet (CPython copies it through "
		    "__reduce_ex__)", type_name(it, x));
	case OBJ_ITER:
		if (obj(it, x)->as.iter->kind != ITER_WEAKREF)
			return raise(it, offset, NULL, "copy.deepcopy of a '%s' "
			    "object is not supported yet", type_name(it, x));
		/* FALLTHROUGH */
	default:
		push_ref(it, x, REASON_RESULT, ATOM_NONE);
		return ok(it);
	}
}

/*
 * copy.copy(x): a list, dict or set is copied as its own .copy() copies
 * it (_copy_dispatch); what copy.py calls immutable (None, bool, int,
 * float, str, tuple, range, a function, a class, a type, a weakref) is x
 * itself; an instance goes through __reduce_ex__ (copy_instance).
 * copy.deepcopy(x) is deepcopy_push's, with a memo of its own.
 */
static bool
copy_copy_fn(struct interp *it, const struct expr *call, objid_t self,
    uint32_t base)
{
	uint32_t	 n = count_args(call);
	objid_t		 x;

	(void)self;
	for (uint32_t k = 0; k < n; k++)
		if (globals_used(it, call->as.call.args[k]->offset,
		    stack_at(it, base + k)))
			return false;
	if (strcmp(called_name(call), "deepcopy") == 0) {
		struct deep_memo memo = { NULL, NULL, 0, 0 };
		bool done;

		/* deepcopy(x, memo=None): the memo is the caller's to give */
		if (n != 1)
			return raise(it, call->offset, NULL, "copy.deepcopy "
			    "with other than one argument is not supported yet");
		done = deepcopy_push(it, call->offset, stack_at(it, base),
		    &memo, 0);
		xfree(memo.from);
		xfree(memo.to);
		return done && call_done(it, base, 1);
	}
	if (n != 1)
		return raise(it, call->offset, "TypeError", n == 0 ? "copy() "
		    "missing 1 required positional argument: 'x'" : "copy() "
		    "takes 1 positional argument but %u were given", n);
	x = stack_at(it, base);
	switch (obj(it, x)->type) {
	case OBJ_LIST:
		if (!push_list_of(it, call->offset, x))
			return false;
		break;
	case OBJ_DICT: {
		objid_t copy = push_new(it, OBJ_DICT);

		if (!dict_merge(it, call->offset, copy, x))
			return false;
		break;
	}
	case OBJ_SET:
		push_set_copy(it, obj(it, x)->as.set);
		break;
	case OBJ_INSTANCE:
		if (!copy_instance(it, call->offset, x, NULL, 0))
			return false;
		break;
	case OBJ_ITER:
		if (obj(it, x)->as.iter->kind != ITER_WEAKREF)
			return raise(it, call->offset, NULL, "copy.copy of a "
			    "%s is not supported yet", type_name(it, x));
		/* FALLTHROUGH */
	default:
		push_ref(it, x, REASON_RESULT, ATOM_NONE);
		break;
	}
	return call_done(it, base, 1);
}

/* in the order "not part of the subset" lists them */
static const struct callable gc_table[] = {
	{ "collect", CONV_ARGS, 0, 1, gc_collect_fn },
	{ "disable", CONV_NOARGS, 0, 0, gc_enable_fn },
	{ "enable", CONV_NOARGS, 0, 0, gc_enable_fn },
	{ "isenabled", CONV_NOARGS, 0, 0, gc_isenabled_fn },
	{ "set_threshold", CONV_ARGS, 1, 3, gc_set_threshold_fn },
	{ "get_threshold", CONV_NOARGS, 0, 0, gc_get_fn },
	{ "get_count", CONV_NOARGS, 0, 0, gc_get_fn },
	{ "is_tracked", CONV_O, 1, 1, gc_is_tracked_fn },
	{ "get_referents", CONV_ANY, 0, 0, gc_get_referents_fn },
	{ "get_referrers", CONV_ANY, 0, 0, gc_get_referrers_fn },
	{ "get_objects", CONV_ANY, 0, 0, gc_unmodelled_fn },
	{ "get_stats", CONV_ANY, 0, 0, gc_unmodelled_fn },
	{ "freeze", CONV_ANY, 0, 0, gc_unmodelled_fn },
	{ "unfreeze", CONV_ANY, 0, 0, gc_unmodelled_fn },
	{ "get_freeze_count", CONV_ANY, 0, 0, gc_unmodelled_fn },
};
static const struct callable weakref_table[] = {
	{ "ref", CONV_ANY, 0, 0, weakref_ref },
	{ "finalize", CONV_ANY, 0, 0, weakref_finalize },
	{ "WeakValueDictionary", CONV_ANY, 0, 0, weakref_wvd },
	{ "WeakKeyDictionary", CONV_ANY, 0, 0, weakref_wkd },
	{ "getweakrefcount", CONV_O, 1, 1, weakref_getweakrefcount },
};
static const struct callable copy_table[] = {
	{ "copy", CONV_ANY, 0, 0, copy_copy_fn },
	{ "deepcopy", CONV_ANY, 0, 0, copy_copy_fn },
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
	{ "keys", CONV_NOARGS, 0, 0, dict_view },
	{ "values", CONV_NOARGS, 0, 0, dict_view },
	{ "items", CONV_NOARGS, 0, 0, dict_view },
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
	{ "format", CONV_ANY, 0, 0, str_format },
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
	TABLE(OWNER_WEAKREF, "weakref", weakref_table),
	TABLE(OWNER_COPY, "copy", copy_table),
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

/* The table of module (sys, gc, weakref, copy), or OWNER_COUNT. */
static enum callable_owner
module_owner(const struct interp *it, atom_t module)
{
	if (module == it->a_sys)
		return OWNER_SYS;
	if (module == it->a_gc)
		return OWNER_GC;
	if (module == it->a_weakref)
		return OWNER_WEAKREF;
	if (module == it->a_copy)
		return OWNER_COPY;
	return OWNER_COUNT;
}

/* The table a name from a `from MODULE import NAME` line calls into, or
 * OWNER_COUNT. */
static enum callable_owner
imported_owner(const struct interp *it, atom_t name)
{
	for (uint32_t i = 0; i < it->imported_count; i++)
		if (it->imported[i].name == name)
			return it->imported[i].owner;
	return OWNER_COUNT;
}

/* `from MODULE import NAME, ...`: each name must be one of the module's
 * functions refscope has; from then on a call of it calls that.  (CPython
 * binds the name in the module; refscope draws it no more than sys.) */
static bool
exec_import(struct interp *it, const struct stmt *s)
{
	enum callable_owner owner = module_owner(it, s->as.global.module);

	if (s->as.global.module == ATOM_NONE)
		return true;
	for (uint32_t i = 0; i < s->as.global.count; i++) {
		atom_t name = s->as.global.names[i];

		if (callable_find(it, owner, name) == NULL)
			return raise(it, s->as.global.offsets[i], NULL, "%s.%s "
			    "is not part of the subset", atom_name(
			    s->as.global.module), atom_name(name));
		if (imported_owner(it, name) != OWNER_COUNT)
			continue;
		it->imported = xreallocarray(it->imported,
		    it->imported_count + 1, sizeof *it->imported);
		it->imported[it->imported_count++] =
		    (struct imported_name){ name, owner };
	}
	return true;
}

/* sys.name(...) or gc.name(...), the arguments evaluated at base. */
static bool
call_module_function(struct interp *it, const struct expr *call,
    atom_t module, atom_t name, uint32_t base)
{
	enum callable_owner	 owner = module_owner(it, module);
	const struct callable	*c = callable_find(it, owner, name);
	struct strbuf		 names = STRBUF_INIT;

	if (c != NULL)
		return callable_run(it, call, owner, c, OBJ_NULL, base);
	/* (what it refuses, each with its reason, is not named) */
	for (uint32_t i = 0; i < callable_tables[owner].count; i++)
		if (callable_tables[owner].entries[i].fn != gc_unmodelled_fn)
			strbuf_printf(&names, "%s%s", names.len > 0 ? ", " :
			    "", callable_tables[owner].entries[i].name);
	raise(it, call->offset, NULL, "%s.%s is not part of the subset (%s "
	    "are)", atom_name(module), atom_name(name), strbuf_str(&names));
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

	if (globals_used(it, call->as.call.callee->as.attr.name_offset, self))
		return false;
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
		if (type == OBJ_TYPE && name_atom == it->a_init)
			return attribute_push(it,
			    call->as.call.callee->as.attr.name_offset, self,
			    name_atom);
		if (python_has_method(type, name))
			return raise(it, call->as.call.callee->as.attr.name_offset,
			    NULL, "%s.%s() is not part of the subset",
			    type_name(it, self), name);
		if (type == OBJ_TYPE && builtin_type_has_method(
		    atom_name(obj(it, self)->as.name), name))
			return raise(it, call->as.call.callee->as.attr.name_offset,
			    NULL, "calling %s.%s (a built-in type's method, "
			    "unbound) is not supported yet; call it on the "
			    "object", atom_name(obj(it, self)->as.name), name);
		if (attribute_unmodelled(it,
		    call->as.call.callee->as.attr.name_offset, self, name_atom))
			return false;
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

/* Pushes again the n arguments at from.., then drops them where they
 * were: a call whose callable the interpreter replaces (a bound method by
 * its function and self, a class by its __init__) moves them on top. */
static void
move_arguments(struct interp *it, uint32_t from, uint32_t n)
{
	for (uint32_t j = 0; j < n && ok(it); j++)
		push_ref(it, stack_at(it, from + j), REASON_ARGUMENT, ATOM_NONE);
	drop_operands(it, from, n, REASON_OPERAND_DONE);
}

static void push_class_exception(struct interp *it, objid_t cls, uint32_t n);

/*
 * slot_tp_init: calls __init__ function init with self and n arguments --
 * the items of tuple `args`, or with args OBJ_NULL the values on the stack
 * from `from` on --, which must return None; drops that None.
 */
static bool
call_init(struct interp *it, const struct expr *call, objid_t init,
    objid_t self, objid_t args, uint32_t from, uint32_t n)
{
	uint32_t at = H(it)->stack_len;

	push_ref(it, init, REASON_LOAD, it->a_init);
	push_ref(it, self, REASON_ARGUMENT, ATOM_NONE);
	for (uint32_t j = 0; j < n && ok(it); j++)
		push_ref(it, args != OBJ_NULL ? obj(it, args)->as.seq->items[j] :
		    stack_at(it, from + j), REASON_ARGUMENT, ATOM_NONE);
	if (!ok(it) || !run_function(it, call, at, 1))
		return false;
	if (obj(it, stack_at(it, TOP(it)))->type != OBJ_NONE)
		return raise(it, call->offset, "TypeError", "__init__() should "
		    "return None, not '%s'", type_name(it, stack_at(it,
		    TOP(it))));
	drop_top(it, REASON_DISCARD, ATOM_NONE);
	return ok(it);
}

/*
 * The new exception on top, made by BaseException_new with the call's
 * tuple of arguments as its args, while that tuple is still the call's
 * too: slot_tp_init calls the class's __init__ with the exception first
 * and the tuple's items after, which must return None; then
 * _PyObject_MakeTpCall lets its tuple go (freed if __init__ gave the
 * exception other args).  The exception stays on top.
 */
static bool
exception_init(struct interp *it, const struct expr *call, objid_t init)
{
	objid_t exc = stack_at(it, TOP(it)), args;

	if (obj(it, init)->type != OBJ_FUNCTION)
		return raise(it, call->offset, NULL, "an __init__ that is not "
		    "a function (a %s) is not supported yet", type_name(it,
		    init));
	args = obj(it, exc)->as.iter->held[held_named(it, exc,
	    atom_from("args"))];
	push_ref(it, args, REASON_LOAD, ATOM_NONE);
	if (!ok(it) || !call_init(it, call, init, exc, args, 0,
	    obj(it, args)->as.seq->len))
		return false;
	drop_top(it, REASON_OPERAND_DONE, ATOM_NONE);
	return ok(it);
}

/*
 * super().__init__(args) in a method of an exception class, when no class
 * of the program after the method's defines __init__: the built-in
 * BaseException_init, which gives the exception a new tuple of these
 * arguments as its args (Py_XSETREF: the new one held, then the old one
 * dropped).  The super object on top goes first (3.11's LOAD_METHOD
 * replaces it by a method-wrapper holding the exception, which the model
 * stands for by a reference to the exception); the call makes its tuple
 * from the arguments, and drops it and them after.  None on top.
 */
static bool
super_exception_init(struct interp *it, const struct expr *e, objid_t self)
{
	uint32_t	n = count_args(e), base;
	objid_t		tuple;
	int64_t		i;

	if (e->as.call.keywords != NULL)
		return keywords_unsupported(it, e);
	push_ref(it, self, REASON_LOAD, ATOM_NONE);
	drop_at(it, TOP(it) - 1, REASON_OPERAND_DONE);
	base = H(it)->stack_len;
	if (!ok(it) || !eval_items(it, e->as.call.args, e->as.call.count))
		return false;
	for (uint32_t k = 0; k < n && ok(it); k++)
		push_ref(it, stack_at(it, base + k), REASON_ARGUMENT,
		    ATOM_NONE);
	objects_build_sequence(&it->m, OBJ_TUPLE, n, REASON_NEW);
	if (n > 0 && ok(it))
		gctrack_tuple_built(&it->m, stack_at(it, TOP(it)));
	if (!ok(it))
		return false;
	tuple = stack_at(it, TOP(it));
	i = held_named(it, self, atom_from("args"));
	unhold(it, self, (uint32_t)i, REASON_REBIND);
	push_ref(it, tuple, REASON_STORE, atom_from("args"));
	hold_named(it, self, (uint32_t)i, atom_from("args"), REASON_STORE);
	drop_top(it, REASON_REBIND, atom_from("args"));
	if (ok(it))
		drop_top(it, REASON_OPERAND_DONE, ATOM_NONE);
	drop_operands(it, base, n, REASON_ARGUMENT_DONE);
	if (ok(it))
		drop_top(it, REASON_OPERAND_DONE, ATOM_NONE);
	objects_push_none(&it->m);
	return ok(it);
}

/*
 * E(args) of an exception class, a built-in one or one of the program:
 * _PyObject_MakeTpCall makes a tuple of the arguments, BaseException_new
 * the exception with it as its args (BaseException_init sets the same,
 * or the class's own __init__ runs: exception_init); CALL drops the
 * arguments, then the class.
 */
static bool
call_exception_class(struct interp *it, const struct expr *call,
    uint32_t base)
{
	objid_t		callee = stack_at(it, base), init;
	uint32_t	argc = count_args(call);

	if (call->as.call.keywords != NULL)
		return keywords_unsupported(it, call);
	for (uint32_t k = 0; k < argc && ok(it); k++)
		push_ref(it, stack_at(it, base + 1 + k), REASON_ARGUMENT,
		    ATOM_NONE);
	if (!ok(it))
		return false;
	if (obj(it, callee)->type == OBJ_CLASS)
		push_class_exception(it, callee, argc);
	else
		push_exception(it, atom_name(obj(it, callee)->as.name), argc);
	if (ok(it) && obj(it, callee)->type == OBJ_CLASS &&
	    (init = heap_class_lookup(H(it), callee, it->a_init)) != OBJ_NULL &&
	    !exception_init(it, call, init))
		return false;
	for (uint32_t k = 0; k < argc && ok(it); k++)
		drop_at(it, base + 1, REASON_ARGUMENT_DONE);
	if (ok(it))
		drop_at(it, base, REASON_OPERAND_DONE);
	return ok(it);
}

/*
 * C(args): type_call -- object_new makes the instance (which holds its
 * class), then slot_tp_init calls __init__ with it first, whose result
 * must be None; CALL then drops the class and the arguments.  The
 * instance is left at base.
 */
static bool
call_class(struct interp *it, const struct expr *call, uint32_t base)
{
	objid_t		cls = stack_at(it, base), inst, init;
	uint32_t	n = count_args(call);

	if (obj(it, cls)->as.cls->exception != ATOM_NONE)
		return call_exception_class(it, call, base);
	init = heap_class_lookup(H(it), cls, it->a_init);
	if (init == OBJ_NULL && n != 0)
		return raise(it, call->offset, "TypeError", "%s() takes no "
		    "arguments", atom_name(obj(it, cls)->as.cls->name));
	if (init != OBJ_NULL && obj(it, init)->type != OBJ_FUNCTION)
		return raise(it, call->offset, NULL, "an __init__ that is not "
		    "a function (a %s) is not supported yet", type_name(it,
		    init));
	inst = heap_reserve_instance(H(it), cls);
	objects_alloc(&it->m, inst, REASON_NEW, ATOM_NONE);
	if (init != OBJ_NULL && !call_init(it, call, init, inst, OBJ_NULL,
	    base + 1, n))
		return false;
	drop_operands(it, base, n + 1, REASON_OPERAND_DONE);
	return ok(it);
}

/* m(args) of a bound method m at base: PRECALL puts its function and self
 * in its place, and drops it. */
static bool
call_bound_method(struct interp *it, const struct expr *call, uint32_t base)
{
	const struct pyiter	*m = obj(it, stack_at(it, base))->as.iter;
	objid_t			 fn = m->held[0], self = m->held[1];
	uint32_t		 n = count_args(call);

	if (obj(it, fn)->type != OBJ_FUNCTION)
		return raise(it, call->offset, NULL, "calling a method of a %s "
		    "is not supported yet", type_name(it, fn));
	push_ref(it, fn, REASON_LOAD, ATOM_NONE);
	push_ref(it, self, REASON_ARGUMENT, ATOM_NONE);
	drop_at(it, base, REASON_OPERAND_DONE);
	/* the arguments stay above the function and self */
	move_arguments(it, base, n);
	return ok(it) && run_function(it, call, base, 1);
}

/* A call of a value: a scenario function or class at base, args above. */
static bool
call_value(struct interp *it, const struct expr *call, uint32_t base)
{
	objid_t		callee = stack_at(it, base);
	uint32_t	argc = count_args(call);
	objid_t		inst;

	switch (obj(it, callee)->type) {
	case OBJ_FUNCTION:
		return run_function(it, call, base, 0);
	case OBJ_INSTANCE:
		if (heap_is_finalize(H(it), callee))
			return call_finalize(it, call, base);
		return raise(it, call->offset, "TypeError", "'%s' object is not "
		    "callable", type_name(it, callee));
	case OBJ_CLASS:
		if (it->p->scenario->python)
			return call_class(it, call, base);
		if (argc != 0)
			return raise(it, call->offset, "TypeError", "%s() takes "
			    "no arguments", atom_name(obj(it,
			    callee)->as.cls->name));
		inst = heap_reserve_instance(H(it), callee);
		objects_alloc(&it->m, inst, REASON_NEW, ATOM_NONE);
		drop_at(it, base, REASON_OPERAND_DONE);
		return ok(it);
	case OBJ_TYPE:
		if (pynames_exception_base(atom_name(obj(it,
		    callee)->as.name)) != NULL)
			return call_exception_class(it, call, base);
		return raise(it, call->offset, NULL, "calling a type object "
		    "(%s) is not supported yet; call the built-in by its name",
		    atom_name(obj(it, callee)->as.name));
	case OBJ_ITER:
		if (obj(it, callee)->as.iter->kind == ITER_METHOD)
			return call_bound_method(it, call, base);
		if (obj(it, callee)->as.iter->kind == ITER_WEAKREF)
			return call_weakref(it, call, base);
		if (obj(it, callee)->as.iter->kind == ITER_BUILTIN) {
			/* print, the one built-in that is a value */
			if (call->as.call.keywords != NULL)
				return keywords_unsupported(it, call);
			if (!call_print(it, call->offset, base + 1, argc))
				return false;
			drop_operands(it, base + 1, argc, REASON_ARGUMENT_DONE);
			drop_at(it, base, REASON_OPERAND_DONE);
			return ok(it);
		}
		/* FALLTHROUGH */
	default:
		return raise(it, call->offset, "TypeError", "'%s' object is not "
		    "callable", type_name(it, callee));
	}
}

/*
 * super() in a method: a super object of the method's class (its
 * __class__ cell) and its first argument, on top.
 */
static bool
push_super(struct interp *it, const struct expr *call)
{
	const struct program_function	*f = it->function;
	objid_t				 self, cls, id, self_class;

	if (count_args(call) != 0)
		return raise(it, call->offset, NULL, "super() with arguments "
		    "is not supported yet");
	/* super_init_without_args checks in this order */
	if (f == NULL || f->param_count == 0)
		return raise(it, call->offset, "RuntimeError", "super(): no "
		    "arguments");
	if ((self = local_value(it, 0)) == OBJ_NULL)
		return raise(it, call->offset, "RuntimeError", "super(): "
		    "arg[0] deleted");
	if (f->source->in_class == 0)
		return raise(it, call->offset, "RuntimeError", "super(): "
		    "__class__ cell not found");
	cls = it->class_of[f->source->in_class - 1];
	self_class = obj(it, self)->type == OBJ_INSTANCE ?
	    obj(it, self)->as.inst->cls : is_exception(it, self) ?
	    heap_exception_class(H(it), self) : OBJ_NULL;
	if (self_class == OBJ_NULL || heap_class_lookup(H(it), self_class,
	    f->name) == OBJ_NULL)
		return raise(it, call->offset, "TypeError", "super(type, obj): "
		    "obj must be an instance or subtype of type");
	/* super_init: obj, then type, then type(obj) */
	id = heap_reserve_iter(H(it), ITER_SUPER, 0, 0, 1);
	objects_alloc(&it->m, id, REASON_NEW, ATOM_NONE);
	push_ref(it, self, REASON_LOAD, ATOM_NONE);
	hold_top(it, id);
	push_ref(it, cls, REASON_LOAD, ATOM_NONE);
	hold_top(it, id);
	push_ref(it, self_class, REASON_LOAD, ATOM_NONE);
	hold_top(it, id);
	return ok(it);
}

/*
 * receiver.name(args) with the receiver on top, for an instance, a class
 * or a super object.  LOAD_METHOD: a function found in an instance's
 * class is called with the instance as self, no bound method made (the
 * receiver moves above the function); anything else is loaded as an
 * attribute (a super object gives a bound method) and called.
 */
static bool
call_attribute(struct interp *it, const struct expr *e)
{
	const struct expr	*callee = e->as.call.callee;
	objid_t			 o = stack_at(it, TOP(it)), v, cls = OBJ_NULL;
	uint32_t		 base;
	const char		*name = atom_name(callee->as.attr.name);

	if (heap_is_weakdict(H(it), o)) {
		if (strcmp(name, "get") != 0)
			return raise(it, e->offset, NULL, "%s.%s() is not "
			    "supported yet", type_name(it, o), name);
		if (e->as.call.keywords != NULL)
			return keywords_unsupported(it, e);
		base = H(it)->stack_len;
		if (!eval_items(it, e->as.call.args, e->as.call.count) ||
		    !weakdict_get(it, e, o, base))
			return false;
		drop_at(it, TOP(it) - 1, REASON_OPERAND_DONE);
		return ok(it);
	}
	if (heap_is_finalize(H(it), o) && (strcmp(name, "peek") == 0 ||
	    strcmp(name, "detach") == 0)) {
		if (e->as.call.count != 0)
			return raise(it, e->offset, "TypeError", "finalize.%s() "
			    "takes 1 positional argument but %u were given",
			    name, e->as.call.count + 1);
		if (!finalize_peek(it, e->offset, o, name[0] == 'd'))
			return false;
		drop_at(it, TOP(it) - 1, REASON_OPERAND_DONE);
		return ok(it);
	}
	if (obj(it, o)->type == OBJ_ITER && obj(it, o)->as.iter->kind ==
	    ITER_SUPER && obj(it, o)->as.iter->count == 3 &&
	    callee->as.attr.name == it->a_init &&
	    is_exception(it, obj(it, o)->as.iter->held[0]) &&
	    heap_class_lookup(H(it), obj(it, obj(it, o)->as.iter->held[1])->
	    as.cls->base, it->a_init) == OBJ_NULL)
		return super_exception_init(it, e, obj(it, o)->as.iter->held[0]);
	/* an instance's own attribute, or an exception's field, is no
	 * method */
	if (obj(it, o)->type == OBJ_INSTANCE &&
	    callee->as.attr.name != it->a_dict &&
	    instance_value(it, o, callee->as.attr.name) == OBJ_NULL)
		cls = obj(it, o)->as.inst->cls;
	else if (is_exception(it, o) && held_named(it, o,
	    callee->as.attr.name) < 0 && (exception_dict_of(it, o) ==
	    OBJ_NULL || dict_name_entry(it, exception_dict_of(it, o),
	    callee->as.attr.name) < 0))
		cls = heap_exception_class(H(it), o);
	if (cls != OBJ_NULL && (v = heap_class_lookup(H(it), cls,
	    callee->as.attr.name)) != OBJ_NULL &&
	    obj(it, v)->type == OBJ_FUNCTION) {
		push_ref(it, v, REASON_METHOD, callee->as.attr.name);
		push_ref(it, o, REASON_ARGUMENT, ATOM_NONE);
		drop_at(it, TOP(it) - 2, REASON_OPERAND_DONE);
		base = TOP(it) - 1;
		if (!eval_items(it, e->as.call.args, e->as.call.count))
			return false;
		return run_function(it, e, base, 1);
	}
	if (!attribute_push(it, callee->as.attr.name_offset, o,
	    callee->as.attr.name))
		return false;
	drop_at(it, TOP(it) - 1, REASON_OPERAND_DONE);
	base = TOP(it);
	if (!eval_items(it, e->as.call.args, e->as.call.count))
		return false;
	return call_value(it, e, base);
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
/* Whether the method name of a built-in type's object takes keyword
 * arguments in the model. */
static bool
takes_keywords(enum obj_type type, const char *name)
{
	return (type == OBJ_STR && strcmp(name, "format") == 0) ||
	    (type == OBJ_LIST && strcmp(name, "sort") == 0);
}

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

	/* ref(...) after `from weakref import ref` */
	if (callee->kind == EXPR_NAME && it->imported_count > 0 &&
	    imported_owner(it, callee->as.name) != OWNER_COUNT &&
	    is_unbound_global(it, callee->as.name)) {
		enum callable_owner owner = imported_owner(it, callee->as.name);

		if (e->as.call.keywords != NULL)
			return keywords_unsupported(it, e);
		base = H(it)->stack_len;
		if (!eval_items(it, e->as.call.args, e->as.call.count))
			return false;
		return callable_run(it, e, owner, callable_find(it, owner,
		    callee->as.name), OBJ_NULL, base);
	}
	/* print(...), len(...), id(...) */
	if (callee->kind == EXPR_NAME && is_unbound_global(it, callee->as.name) &&
	    (builtin = callable_find(it, OWNER_BUILTIN,
	    callee->as.name)) != NULL) {
		if (e->as.call.keywords != NULL && builtin->fn !=
		    builtin_print && builtin->fn != builtin_sorted &&
		    builtin->fn != builtin_min_max)
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

		/* sys.getrefcount(...), gc.collect(...), weakref.ref(...) */
		if (object->kind == EXPR_NAME &&
		    module_owner(it, object->as.name) != OWNER_COUNT &&
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
		if (obj(it, stack_at(it, TOP(it)))->type == OBJ_CLASS ||
		    (obj(it, stack_at(it, TOP(it)))->type == OBJ_ITER &&
		    obj(it, stack_at(it, TOP(it)))->as.iter->kind ==
		    ITER_SUPER) || (is_exception(it, stack_at(it, TOP(it))) &&
		    heap_exception_class(H(it), stack_at(it, TOP(it))) !=
		    OBJ_NULL))
			return call_attribute(it, e);
		if (obj(it, stack_at(it, TOP(it)))->type != OBJ_INSTANCE) {
			/* str.format and list.sort take keywords */
			if (e->as.call.keywords != NULL &&
			    !takes_keywords(obj(it, stack_at(it, TOP(it)))->type,
			    atom_name(callee->as.attr.name)))
				return keywords_unsupported(it, e);
			base = H(it)->stack_len;
			if (!eval_items(it, e->as.call.args, e->as.call.count))
				return false;
			return call_method(it, e, callee->as.attr.name, base);
		}
		return call_attribute(it, e);
	} else if (callee->kind == EXPR_NAME && callee->as.name ==
	    it->a_super && is_unbound_global(it, callee->as.name)) {
		return push_super(it, e);
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
	/* _PyEval_SliceIndex clamps an int beyond to PY_SSIZE_T_MAX/MIN */
	if (heap_bigint(obj(it, o)) != NULL)
		*value = obj(it, o)->as.big->sign < 0 ? INT64_MIN : INT64_MAX;
	else
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

/* A slice of a dict, or of the module's globals: a key, which 3.11 cannot
 * hash and from 3.12 looks up.  True when c is neither. */
static bool
slice_of_mapping(struct interp *it, uint32_t offset, objid_t c)
{
	if (globals_used(it, offset, c))
		return false;
	if (obj(it, c)->type != OBJ_DICT)
		return true;
	if (version_rules(H(it)->python)->slices_hashable)
		return raise(it, offset, NULL, "a slice as a dict key (slices "
		    "are hashable from 3.12) is not supported yet");
	return raise(it, offset, "TypeError", "unhashable type: 'slice'");
}

/* container[i:j:k]: the container at base, the bounds above it. */
static bool
slice_load(struct interp *it, uint32_t offset, uint32_t base)
{
	objid_t		c = stack_at(it, base);
	enum obj_type	type = obj(it, c)->type;
	struct pyslice	sl;

	if (!slice_of_mapping(it, offset, c))
		return false;
	if (type == OBJ_RANGE && obj(it, c)->as.iter->kind == ITER_RANGE)
		return raise(it, offset, NULL, "slicing a range is not "
		    "supported yet");
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

	if (!slice_of_mapping(it, offset, l))
		return false;
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
 * format(v, spec) as text appended to out, as the __format__ of a str, an
 * int (a bool too) or a float writes it; another object only with an
 * empty spec, as str(v).  *same: the text is v itself (a str the spec
 * leaves as it is).  False when it raised.
 */
static bool
format_text(struct interp *it, uint32_t offset, objid_t v, const char *spec,
    size_t len, struct strbuf *out, bool *same)
{
	const struct object	*o = obj(it, v);
	struct pyformat_spec	 fs;
	enum pyformat_status	 status;
	enum heap_repr_failure	 why;
	char			 message[200];

	*same = false;
	switch (o->type) {
	case OBJ_STR:
	case OBJ_INT:
	case OBJ_BOOL:
	case OBJ_FLOAT:
		break;
	default:
		if (len > 0)
			return raise(it, offset, "TypeError", "unsupported "
			    "format string passed to %s.__format__",
			    type_name(it, v));
		if (text_method(it, v, true) != OBJ_NULL ||
		    repr_runs_code_in(it, v, 0))
			return raise(it, offset, NULL, "str.format() of an "
			    "instance whose class defines __str__ or __repr__ "
			    "is not supported yet");
		if (!charge_repr(it, v))
			return false;
		if (!heap_repr_nested(H(it), v, true, LIMIT_MAX_STRING + 1,
		    recursion_room(it), out, &why))
			return repr_failed(it, offset, why);
		return ok(it);
	}
	if (!charge_repr(it, v))
		return false;
	if (len == 0) {
		*same = o->type == OBJ_STR;
		if (!heap_repr_nested(H(it), v, true, LIMIT_MAX_STRING + 1,
		    recursion_room(it), out, &why))
			return repr_failed(it, offset, why);
		return ok(it);
	}
	status = pyformat_parse(spec, len, o->type == OBJ_BOOL ? "int" :
	    type_name(it, v), &fs, message, sizeof message);
	if (status == PYFORMAT_OK) {
		if (o->type == OBJ_STR)
			status = pyformat_str(&fs, o->as.s->data, o->as.s->len,
			    out, message, sizeof message);
		else if (o->type == OBJ_FLOAT)
			status = pyformat_float(&fs, o->as.f, out, message,
			    sizeof message);
		else
			status = format_int(o, &fs, out, message,
			    sizeof message);
	}
	if (status != PYFORMAT_OK)
		return format_failed(it, offset, status, message);
	*same = o->type == OBJ_STR && pyformat_str_unchanged(&fs,
	    o->as.s->chars);
	return ok(it);
}

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
	struct strbuf	sb = STRBUF_INIT;
	bool		same;

	if (len == 0)
		return push_str_of(it, offset, v, true);
	if (!format_text(it, offset, v, spec, len, &sb, &same))
		;
	else if (same)
		push_ref(it, v, REASON_RESULT, ATOM_NONE);
	else if (utf8_count(strbuf_str(&sb), sb.len) > LIMIT_MAX_STRING)
		str_too_long(it, offset);
	else
		objects_push_str(&it->m, strbuf_str(&sb), sb.len, false,
		    REASON_RESULT);
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
	case EXPR_IFEXP:
		return eval_ifexp(it, e);
	case EXPR_CALL:
		return eval_call(it, e);
	case EXPR_FSTRING:
		return eval_fstring(it, e);
	case EXPR_SLICE:
		/* BUILD_SLICE: the bounds stand for the slice (see slices) */
		return eval_items(it, e->as.seq.items, e->as.seq.count);
	case EXPR_LAMBDA:
		return push_function(it, e->as.lambda.function,
		    e->as.lambda.defaults);
	case EXPR_LISTCOMP:
	case EXPR_SETCOMP:
	case EXPR_DICTCOMP:
	case EXPR_GENEXP:
		return eval_comp(it, e);
	default:
		/* literals are always constants */
		return raise(it, e->offset, NULL, "internal error: unfolded "
		    "literal");
	}
}

/* ---- statements ---- */

static bool store_target(struct interp *it, const struct expr *t);

static bool unpack_check(struct interp *it, const struct expr *t,
    objid_t value);

/* UNPACK_SEQUENCE: the value on top becomes its items, first on top. */
static bool
unpack(struct interp *it, const struct expr *t)
{
	objid_t		value = stack_at(it, TOP(it));
	uint32_t	want = t->as.seq.count;

	if (!unpack_check(it, t, value))
		return false;
	for (uint32_t i = want; i-- > 0 && ok(it);)
		push_ref(it, obj(it, value)->as.seq->items[i], REASON_UNPACK,
		    ATOM_NONE);
	drop_at(it, TOP(it) - want, REASON_OPERAND_DONE);
	for (uint32_t i = 0; i < want; i++)
		if (!store_target(it, t->as.seq.items[i]))
			return false;
	return ok(it);
}

/* Whether value can be unpacked to the targets of t: the subset's types,
 * with CPython's errors for a wrong count. */
static bool
unpack_check(struct interp *it, const struct expr *t, objid_t value)
{
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
	return true;
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
		int64_t times;
		uint32_t len = obj(it, target)->as.seq->len;

		if (!c_integer(it, s->as.aug.value->offset, value,
		    "OverflowError", BIGINT_INDEX_OVERFLOW, &times))
			return false;

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

/* if/elif/while test: evaluated, tested, dropped (POP_JUMP_IF_FALSE). */
static bool
exec_test(struct interp *it, const struct expr *test)
{
	if (!eval(it, test) || truth_refused(it, test->offset,
	    stack_at(it, TOP(it))))
		return false;
	it->branch = truth(it, stack_at(it, TOP(it)));
	drop_top(it, REASON_DISCARD, ATOM_NONE);
	return ok(it);
}

/* def f(...): MAKE_FUNCTION, then the name is bound to it.  Of a .py
 * file, the function's constants stay with the module's code (made
 * before the first line), so the function object holds none itself. */
/* LOAD_CLOSURE of each free variable of function f, in its co_freevars
 * order, then BUILD_TUPLE: the running frame's cells that f's __closure__
 * will hold, as a new tuple on top. */
static void
push_closure(struct interp *it, const struct program_function *f)
{
	uint32_t first = f->local_count - f->free_count, index = 0;

	for (uint32_t k = 0; k < f->free_count && ok(it); k++) {
		atom_t name = f->locals[first + k];

		/* the compiler made it a cell or free variable here */
		if (!is_local(it, name, &index) || !is_deref(it, index)) {
			raise(it, 0, NULL, "internal: no cell for '%s'",
			    atom_name(name));
			return;
		}
		push_ref(it, heap_frame(H(it), it->frame)->names[index].value,
		    REASON_LOAD, name);
	}
	if (!ok(it))
		return;
	objects_build_sequence(&it->m, OBJ_TUPLE, f->free_count, REASON_NEW);
	gctrack_tuple_built(&it->m, stack_at(it, TOP(it)));
}

/* A function with free variables, as 3.11 makes it: its defaults tuple,
 * then its closure tuple, then MAKE_FUNCTION, which takes the closure
 * first and the defaults after; on top. */
static bool
push_closure_function(struct interp *it, uint32_t i,
    const struct expr *defaults_expr)
{
	const struct program_function	*f = &it->p->functions[i];
	bool				 defaults = defaults_expr != NULL;
	objid_t				 fn;

	if (defaults && !eval(it, defaults_expr))
		return false;
	push_closure(it, f);
	if (!ok(it))
		return false;
	fn = heap_reserve_function(H(it), f->name, i, defaults ? 2 : 1,
	    f->locals, f->local_count);
	heap_function_closure(H(it), fn);
	if (defaults)
		heap_function_defaults(H(it), fn);
	heap_function_qualname(H(it), fn, f->qualname);
	objects_alloc(&it->m, fn, REASON_NEW, f->name);
	for (uint32_t k = 0; k < (defaults ? 2u : 1u) && ok(it); k++)
		emit_move(it, EV_CONST_STORE, SITE_FUNC_CONST,
		    stack_at(it, TOP(it) - 1), fn, k, OBJ_NULL, TOP(it) - 1,
		    REASON_CONSTANT, f->name);
	return ok(it);
}

/* As a frame of function fn starts, before its first line: COPY_FREE_VARS
 * (its free variables' slots take the cells of its __closure__), then
 * MAKE_CELL of each cell in slot order (a parameter's value moves into
 * its cell). */
static void
frame_cells(struct interp *it, objid_t fn, const struct program_function *f,
    uint32_t frame)
{
	uint32_t first = f->local_count - f->free_count;

	for (uint32_t k = 0; k < f->free_count && ok(it); k++) {
		objid_t closure = obj(it, fn)->as.fn->consts[0];

		push_ref(it, obj(it, closure)->as.seq->items[k], REASON_LOAD,
		    f->locals[first + k]);
		machine_emit(&it->m, (struct event){ .kind = EV_BIND,
		    .reason = REASON_STORE, .site = SITE_NAME,
		    .object = stack_at(it, TOP(it)), .owner = frame,
		    .index = first + k, .aux = TOP(it),
		    .detail = f->locals[first + k] });
	}
	for (uint32_t i = 0; i < first && ok(it); i++) {
		objid_t c, v;

		if (program_local_kind(f, i) != LOCAL_CELL)
			continue;
		c = heap_reserve_iter(H(it), ITER_CELL, 0, 0, 1);
		objects_alloc(&it->m, c, REASON_NEW, f->locals[i]);
		v = heap_frame(H(it), frame)->names[i].value;
		if (v != OBJ_NULL) {
			machine_emit(&it->m, (struct event){ .kind = EV_UNBIND,
			    .reason = REASON_ARGUMENT, .site = SITE_NAME,
			    .object = v, .owner = frame, .index = i,
			    .detail = f->locals[i] });
			hold_top(it, c);
		}
		if (ok(it))
			machine_emit(&it->m, (struct event){ .kind = EV_BIND,
			    .reason = REASON_STORE, .site = SITE_NAME,
			    .object = c, .owner = frame, .index = i,
			    .aux = TOP(it), .detail = f->locals[i] });
	}
}

/* The function object of program function i (a def's or a lambda's),
 * with its defaults (a tuple display, or NULL), on top. */
static bool
push_function(struct interp *it, uint32_t i, const struct expr *defaults)
{
	const struct program_function	*f = &it->p->functions[i];
	objid_t				 fn;

	if (f->free_count > 0)
		return push_closure_function(it, i, defaults);
	fn = heap_reserve_function(H(it), f->name, i, defaults ? 1 : 0,
	    f->locals, f->local_count);
	if (defaults)
		heap_function_defaults(H(it), fn);
	heap_function_qualname(H(it), fn, f->qualname);
	objects_alloc(&it->m, fn, REASON_NEW, f->name);
	/* the defaults tuple (a constant when every default is one): the
	 * function holds it, so a mutable default lives as long as it does */
	if (defaults && ok(it) && eval(it, defaults))
		emit_move(it, EV_CONST_STORE, SITE_FUNC_CONST,
		    stack_at(it, TOP(it)), fn, 0, OBJ_NULL, TOP(it),
		    REASON_CONSTANT, f->name);
	return ok(it);
}

static bool
exec_def(struct interp *it, const struct stmt *s)
{
	atom_t name = it->p->functions[s->as.def.function].name;

	if (push_function(it, s->as.def.function, s->as.def.defaults))
		store_name(it, name, TOP(it), REASON_STORE, name);
	return ok(it);
}

/* ---- classes (.py) ----
 *
 * `class C(B):` runs as 3.11 runs it: the body is a function of its own
 * (LOAD_BUILD_CLASS, MAKE_FUNCTION), run in a frame whose locals become
 * the class's namespace (type_new copies them into its tp_dict), then the
 * name is bound.  The class is made at the end of its body, in its frame,
 * from the names the body bound, in their order.
 */

/* The special methods a class body may define: the model calls each
 * where CPython would.  Any other dunder would change what an operator
 * or a builtin does, which the model cannot follow yet. */
static bool
dunder_supported(const struct interp *it, atom_t name)
{
	const char *n = atom_name(name);
	size_t len = strlen(n);

	if (len < 5 || strncmp(n, "__", 2) != 0 ||
	    strcmp(n + len - 2, "__") != 0)
		return true;
	for (unsigned op = CMP_EQ; op <= CMP_GE; op++)
		if (name == it->a_richcompare[op])
			return true;
	/* __enter__ and __exit__ only a `with` calls */
	return name == it->a_init || name == it->a_del ||
	    name == it->a_repr || name == it->a_str || name == it->a_doc ||
	    name == it->a_hash || strcmp(n, "__enter__") == 0 ||
	    strcmp(n, "__exit__") == 0;
}

/* The class body's frame is at its end: the class is made and takes the
 * body's names (each unbound from the frame, then an attribute of the
 * class), and is left on the stack as the body's value. */
static void
class_finish(struct interp *it)
{
	const struct program_function	*f = it->function;
	uint32_t			 frame = it->frame, n = 0;
	objid_t				 cls = heap_reserve_class(H(it),
	    f->name);

	heap_class_setup(H(it), cls, it->class_base, it->class_internal);
	obj(it, cls)->as.cls->exception = it->class_exception;
	version_class_keys(H(it), cls, f->static_attrs, f->static_attr_count);
	objects_alloc(&it->m, cls, REASON_NEW, f->name);
	for (uint32_t i = 0; i < f->local_count && ok(it); i++) {
		objid_t v = unbind_local(it, frame, i);

		if (v != OBJ_NULL)
			emit_move(it, EV_SLOT_INSERT, SITE_ATTR, v, cls, n++,
			    OBJ_NULL, TOP(it), REASON_STORE, f->locals[i]);
	}
	/* type_ready_set_hash: a class that defines __eq__ and not
	 * __hash__ has instances that cannot be hashed */
	if (heap_attr_index(H(it), cls, it->a_richcompare[CMP_EQ]) >= 0 &&
	    heap_attr_index(H(it), cls, it->a_hash) < 0 && ok(it)) {
		objects_push_none(&it->m);
		emit_move(it, EV_SLOT_INSERT, SITE_ATTR, stack_at(it, TOP(it)),
		    cls, n++, OBJ_NULL, TOP(it), REASON_STORE, it->a_hash);
	}
	obj(it, cls)->as.cls->eq_by_code = class_function(it, cls,
	    it->a_richcompare[CMP_EQ]) != OBJ_NULL;
	it->class_of[f - it->p->functions] = cls;
	if (heap_attr_index(H(it), cls, it->a_repr) >= 0 ||
	    heap_attr_index(H(it), cls, it->a_str) >= 0)
		it->text_methods = true;
	for (unsigned op = CMP_EQ; op <= CMP_GE; op++)
		if (heap_attr_index(H(it), cls, it->a_richcompare[op]) >= 0)
			it->eq_methods = true;
	if (heap_attr_index(H(it), cls, it->a_hash) >= 0)
		it->eq_methods = true;
}

static bool
exec_class(struct interp *it, const struct stmt *s)
{
	uint32_t			 i = s->as.cls.function;
	const struct program_function	*f = &it->p->functions[i];
	objid_t				 base = OBJ_NULL, fn;
	uint8_t				 internal;
	atom_t				 exception = ATOM_NONE;

	for (uint32_t k = 0; k < f->local_count; k++)
		if (!dunder_supported(it, f->locals[k]))
			return raise(it, s->offset, NULL, "a class defining %s "
			    "is not supported yet", atom_name(f->locals[k]));
	if (s->as.cls.base != NULL) {
		if (!eval(it, s->as.cls.base))
			return false;
		base = stack_at(it, TOP(it));
		if (obj(it, base)->type == OBJ_TYPE &&
		    pynames_exception_base(atom_name(obj(it,
		    base)->as.name)) != NULL)
			exception = obj(it, base)->as.name;
		else if (obj(it, base)->type != OBJ_CLASS)
			return raise(it, s->as.cls.base->offset, NULL, "a base "
			    "that is not a class of the program nor a built-in "
			    "exception (a %s) is not supported yet",
			    type_name(it, base));
		else
			exception = obj(it, base)->as.cls->exception;
	}
	/* an exception's __init__ runs from its call (exception_init),
	 * its __str__ and __repr__ where print and repr ask; the others
	 * (__del__: the finalizer is an instance's only) are not followed
	 * yet */
	for (uint32_t k = 0; k < f->local_count && exception != ATOM_NONE;
	    k++) {
		const char	*n = atom_name(f->locals[k]);
		size_t		 len = strlen(n);

		if (f->locals[k] != it->a_doc && f->locals[k] != it->a_str &&
		    f->locals[k] != it->a_repr && f->locals[k] != it->a_init &&
		    len > 4 &&
		    strncmp(n, "__", 2) == 0 && strcmp(n + len - 2, "__") == 0)
			return raise(it, s->offset, NULL, "an exception class "
			    "defining %s is not supported yet", n);
	}
	/* the class's own references from CPython's machinery: its
	 * __mro__, the __dict__ and __weakref__ descriptors unless its base
	 * has them (a built-in exception has a __dict__), the __class__
	 * cell when a method uses super() */
	internal = base == OBJ_NULL ? HEAP_CLASS_INTERNAL_REFS :
	    obj(it, base)->type == OBJ_CLASS ? 1 :
	    HEAP_CLASS_INTERNAL_REFS - 1;
	for (uint32_t k = 0; k < it->p->function_count; k++)
		if (it->p->functions[k].source->in_class == i + 1 &&
		    it->p->functions[k].uses_super) {
			internal++;
			break;
		}
	fn = heap_reserve_function(H(it), f->name, i, 0, f->locals,
	    f->local_count);
	objects_alloc(&it->m, fn, REASON_NEW, f->name);
	it->class_base = base != OBJ_NULL && obj(it, base)->type == OBJ_CLASS ?
	    base : OBJ_NULL;
	it->class_internal = internal;
	it->class_exception = exception;
	if (!ok(it) || !run_function(it, NULL, TOP(it), 0))
		return false;
	if (base != OBJ_NULL)
		drop_at(it, TOP(it) - 1, REASON_OPERAND_DONE);
	if (ok(it))
		store_name(it, f->name, TOP(it), REASON_STORE, f->name);
	return ok(it);
}

/*
 * The machine's finalizer (struct machine.finalize): slot_tp_finalize
 * calls the class's __del__ with the object, which is held once more for
 * the call (PyObject_CallFinalizerFromDealloc sets its count to 1); then
 * it is marked finalized and that reference dropped: the object is freed
 * then, unless __del__ stored it somewhere (resurrection).  What __del__
 * prints goes where CPython prints it: in the middle of the statement, the
 * cascade or the collection that killed the object.
 */
static void
interp_finalize(struct machine *m, objid_t id)
{
	struct interp	*it = (struct interp *)m;	/* m is its first member */
	objid_t		 del;
	uint32_t	 at;

	/* subtype_dealloc untracks the object, then tracks it again for
	 * the finalizer: it goes to the end of generation 0, where it stays
	 * if __del__ resurrects it (unreachable objects are not tracked) */
	if ((obj(it, id)->flags & OBJF_TRACKED) && (obj(it, id)->gen != 0 ||
	    H(it)->gens[0].tail != id))
		machine_emit(&it->m, (struct event){ .kind = EV_GC_MOVE,
		    .reason = REASON_GC, .object = id, .owner = 0,
		    .other = obj(it, id)->gc_prev, .aux = obj(it, id)->gen });
	if (obj(it, id)->type == OBJ_ITER) {
		gen_close(it, id);
		return;
	}
	del = heap_class_lookup(H(it), obj(it, id)->as.inst->cls, it->a_del);
	push_ref(it, id, REASON_LOAD, it->a_del);
	if (obj(it, del)->type != OBJ_FUNCTION) {
		raise(it, 0, NULL, "a __del__ that is not a function (a %s) is "
		    "not supported yet", type_name(it, del));
		return;
	}
	at = H(it)->stack_len;
	push_ref(it, del, REASON_LOAD, it->a_del);
	push_ref(it, id, REASON_ARGUMENT, ATOM_NONE);
	if (!ok(it) || !run_function(it, NULL, at, 1))
		return;
	drop_top(it, REASON_DISCARD, ATOM_NONE);
	machine_emit(&it->m, (struct event){ .kind = EV_FINALIZED,
	    .object = id });
	drop_top(it, REASON_OPERAND_DONE, it->a_del);
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
 * parameter given twice or one missing.  A method's self comes first,
 * on the stack but not in call's arguments (nself 1); call is NULL for a
 * call the interpreter makes itself (__del__, __repr__), with no more
 * arguments.
 */
static bool
bind_arguments(struct interp *it, const struct expr *call, uint32_t base,
    uint32_t nself, objid_t fn, const struct program_function *f)
{
	const atom_t		*kw = call != NULL ? call->as.call.keywords :
	    NULL;
	uint32_t		 argc = nself + (call != NULL ?
	    count_args(call) : 0), npos = argc;
	uint32_t		 offset = call != NULL ? call->offset : 0;
	objid_t			 tuple = heap_function_defaults_of(H(it), fn);
	uint32_t		 ndef = tuple != OBJ_NULL ?
	    (uint32_t)heap_len(H(it), tuple) : 0;
	uint32_t		 first = f->param_count - ndef;
	uint32_t		*from, *missing, nmissing = 0;
	const char		*name = atom_name(f->qualname);
	struct strbuf		 sb = STRBUF_INIT;

	while (kw != NULL && npos > nself && kw[npos - nself - 1] != ATOM_NONE)
		npos--;
	if (npos > f->param_count) {
		if (first < f->param_count)
			return raise(it, offset, "TypeError", "%s() takes "
			    "from %u to %u positional arguments but %u were "
			    "given", name, first, f->param_count, npos);
		return raise(it, offset, "TypeError", "%s() takes "
		    "%u positional argument%s but %u %s given", name,
		    f->param_count, f->param_count == 1 ? "" : "s", npos,
		    npos == 1 ? "was" : "were");
	}
	if (kw == NULL && npos == f->param_count)
		return true;
	from = xcalloc(f->param_count + 1, sizeof *from);
	missing = xcalloc(f->param_count + 1, sizeof *missing);
	for (uint32_t k = 0; k < f->param_count; k++)
		from[k] = k < npos ? k : UINT32_MAX;
	for (uint32_t j = npos; j < argc && ok(it); j++) {
		atom_t		a = kw[j - nself];
		uint32_t	at = call->as.call.args[j - nself]->offset;
		uint32_t	k;

		if (!program_is_local(f, a, &k) || k >= f->param_count)
			raise(it, at, "TypeError", "%s() got an unexpected "
			    "keyword argument '%s'", name, atom_name(a));
		else if (from[k] != UINT32_MAX)
			raise(it, at, "TypeError", "%s() got multiple values "
			    "for argument '%s'", name, atom_name(a));
		else
			from[k] = j;
	}
	for (uint32_t k = 0; k < first && ok(it); k++)
		if (from[k] == UINT32_MAX)
			missing[nmissing++] = k;
	if (nmissing > 0 && ok(it)) {
		missing_names(&sb, f, missing, nmissing);
		raise(it, offset, "TypeError", "%s() missing %u required "
		    "positional argument%s: %s", name, nmissing,
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

/* ---- exceptions (.py) ----
 *
 * CPython 3.11's zero-cost exceptions, one statement at a time.  An
 * exception object is made and raised (RAISE_VARARGS, or a failing
 * operation: a KeyError, a ZeroDivisionError); it rides on top of the
 * stack while the C calls that led to it return, the run stopped
 * (m.failed with no error) as for any failure.  The step runner of each
 * frame it comes to catches it (catch_here): it adds the frame's
 * traceback entry (PyTraceBack_Here: a traceback object holding the frame
 * object, which the frame makes on first asking), then pops what the
 * frame's stack holds above the level of the handler -- the `for`
 * iterators and `except` blocks in between, each with its own cleanup --
 * and goes on at the first `except` header of the innermost `try`; with
 * no handler in the frame, the frame ends (its frame object, when a
 * traceback keeps it, takes its locals: take_ownership) and the
 * exception goes on up.
 *
 * An `except` block keeps on the stack the exception it handles (the
 * thread's exc_info) under a None (the previous exc_info, as
 * PUSH_EXC_INFO pushes it): leaving the block normally drops both
 * (POP_EXCEPT), then sets the `as` name to None and deletes it; leaving
 * it by an exception does the name first.
 *
 * Only what can be followed is caught: an exception that would come back
 * into C code (a __repr__ called by print, a __del__, a class body) or out
 * of a comprehension stops the run as before, as does one that nothing
 * catches ("CPython would raise X here").
 */

static uint32_t with_width(const struct interp *it);
static void with_drop_exit(struct interp *it, const struct for_loop *b);

/* A `for` loop, an `except` block or a `finally:` block begins. */
static void
push_block(struct interp *it, struct for_loop b)
{
	if (it->loop_count == it->loop_cap) {
		it->loop_cap = it->loop_cap ? it->loop_cap * 2 : 8;
		it->loops = xreallocarray(it->loops, it->loop_cap,
		    sizeof *it->loops);
	}
	it->loops[it->loop_count++] = b;
}

static const struct scenario_step *
body_step(const struct interp *it, const struct program_function *f,
    uint32_t k)
{
	return f != NULL ? f->body[k].source : it->p->steps[k].source;
}

static const struct stmt *
body_stmt(const struct interp *it, const struct program_function *f,
    uint32_t k)
{
	return f != NULL ? f->body[k].stmt : it->p->steps[k].stmt;
}

static bool in_comprehension(const struct interp *it);

/*
 * Where an exception raised in step k of function f (NULL: the module)
 * goes in its frame (number frame; UINT32_MAX: a caller's, the
 * innermost one running f): 1 + the handler's step, 0 out of the frame.
 * A step's handler is fixed, but for a `with` line and its exit steps:
 * there it is the exit step of the innermost manager of that statement
 * entered and not yet exited, when there is one -- the `with` line
 * enters its managers one after the other, each exit step exits one.
 */
static uint32_t
step_handler(const struct interp *it, const struct program_function *f,
    uint32_t k, uint32_t frame)
{
	const struct scenario_step	*st = body_step(it, f, k);
	uint32_t			 h;

	if (st->with_exits == 0 && st->with_item == 0)
		return st->handler;
	h = st->with_item != 0 ? st->clause - 1 : k;
	for (uint32_t i = it->loop_count; i-- > 0;) {
		const struct for_loop *b = &it->loops[i];

		/* a caller's: the innermost frame below the running one
		 * that has blocks */
		if (frame == UINT32_MAX && b->frame < it->frame)
			frame = b->frame;
		if (b->frame != frame)
			continue;
		if (b->is_with && b->header == h)
			return 1 + b->target;
	}
	return st->handler;
}

/* Whether an exception raised now comes to a `try` with handlers: in this
 * frame or up the calls; and whether it can be followed there, back
 * through the calls (not into C code, nor out of a comprehension). */
static enum catch_kind
catch_kind(const struct interp *it)
{
	/* an exception out of a library's Python code (weakref.py) would
	 * carry its frames in its traceback, which the model does not make */
	bool followed = !in_comprehension(it) && it->library_depth == 0;

	if (it->p->scenario->python &&
	    step_handler(it, it->function, it->pc, it->frame) != 0)
		return followed ? CATCH_FOLLOWED : CATCH_UNFOLLOWED;
	for (uint32_t d = it->caller_count; d-- > 0;) {
		const struct caller *c = &it->callers[d];

		followed = followed && c->crossable;
		if (it->p->scenario->python &&
		    step_handler(it, c->function, c->pc, UINT32_MAX) != 0)
			return followed ? CATCH_FOLLOWED : CATCH_UNFOLLOWED;
	}
	return CATCH_NONE;
}

static bool
catchable(const struct interp *it)
{
	return catch_kind(it) == CATCH_FOLLOWED;
}

/* The i-th slot of holder id named name, or -1. */
static int64_t
held_named(const struct interp *it, objid_t id, atom_t name)
{
	const struct pyiter *h = obj(it, id)->as.iter;

	for (uint32_t i = 0; i < h->count; i++)
		if (h->names[i] == name)
			return i;
	return -1;
}

/* Moves the top of the stack into holder id's slot index, named. */
static void
hold_named(struct interp *it, objid_t id, uint32_t index, atom_t name,
    enum event_reason reason)
{
	emit_move(it, EV_SLOT_INSERT, SITE_HELD, stack_at(it, TOP(it)), id,
	    index, OBJ_NULL, TOP(it), reason, name);
}

/* Takes holder id's slot i onto the stack. */
static void
unhold(struct interp *it, objid_t id, uint32_t i, enum event_reason reason)
{
	const struct pyiter *h = obj(it, id)->as.iter;

	emit_move(it, EV_SLOT_REMOVE, SITE_HELD, h->held[i], id, i, OBJ_NULL,
	    0, reason, h->names[i]);
}

/* An instance of built-in exception class name with the n values on top
 * of the stack as its args (BaseException_new: the args tuple of the
 * call, then the instance); pushed in their place. */
static void
push_exception(struct interp *it, const char *name, uint32_t n)
{
	objid_t e;

	objects_build_sequence(&it->m, OBJ_TUPLE, n, REASON_NEW);
	if (n > 0 && ok(it))
		gctrack_tuple_built(&it->m, stack_at(it, TOP(it)));
	e = heap_reserve_iter(H(it), ITER_EXCEPTION, 0,
	    (int64_t)atom_from(name), 0);
	objects_alloc(&it->m, e, REASON_NEW, atom_from(name));
	if (!ok(it))
		return;
	emit_move(it, EV_SLOT_INSERT, SITE_HELD, stack_at(it, TOP(it) - 1), e,
	    0, OBJ_NULL, TOP(it) - 1, REASON_NEW, atom_from("args"));
}

/* An instance of exception class cls of the program, made as
 * push_exception makes one of a built-in class, which holds its class
 * too (PyType_GenericAlloc takes a reference to a heap type). */
static void
push_class_exception(struct interp *it, objid_t cls, uint32_t n)
{
	objid_t e;

	push_exception(it, atom_name(obj(it, cls)->as.cls->name), n);
	if (!ok(it))
		return;
	e = stack_at(it, TOP(it));
	push_ref(it, cls, REASON_LOAD, it->a_class);
	hold_named(it, e, obj(it, e)->as.iter->count, it->a_class,
	    REASON_NEW);
}

/* The running frame's line, for its frame object's repr. */
static int64_t
current_line(const struct interp *it)
{
	return it->code != NULL && it->code->value != NULL ?
	    (int64_t)it->code->pos.line : 0;
}

/* The frame object of frame number f, made on first asking
 * (_PyFrame_GetFrameObject): the frame holds it. */
static objid_t
frame_object(struct interp *it, uint32_t f, int64_t line)
{
	const struct frame	*fr = heap_frame(H(it), f);
	objid_t			 o;
	atom_t			 code = fr->function == OBJ_NULL ?
	    atom_from("<module>") : obj(it, fr->function)->as.fn->name;

	if (fr->object != OBJ_NULL)
		return fr->object;
	o = heap_reserve_iter(H(it), ITER_FRAME, 0, (int64_t)code, 0);
	obj(it, o)->as.iter->len = line;
	objects_alloc(&it->m, o, REASON_NEW, code);
	if (ok(it))
		emit_move(it, EV_SLOT_INSERT, SITE_FRAME_OBJ, o, f, 0,
		    OBJ_NULL, TOP(it), REASON_FRAME, code);
	return o;
}

/* PyTraceBack_Here for the running frame, the exception on top: a new
 * traceback holding the exception's (tb_next) and the frame object
 * becomes its __traceback__. */
static void
traceback_here(struct interp *it)
{
	objid_t		exc = stack_at(it, TOP(it)), tb, fo;
	int64_t		old = held_named(it, exc, atom_from("__traceback__"));

	fo = frame_object(it, it->frame, current_line(it));
	tb = heap_reserve_iter(H(it), ITER_TRACEBACK, 0, 0, 0);
	obj(it, tb)->as.iter->len = current_line(it);	/* tb_lineno */
	objects_alloc(&it->m, tb, REASON_NEW, ATOM_NONE);
	if (old >= 0 && ok(it)) {
		unhold(it, exc, (uint32_t)old, REASON_STORE);
		hold_named(it, tb, 0, atom_from("tb_next"), REASON_STORE);
	}
	if (!ok(it))
		return;
	push_ref(it, fo, REASON_LOAD, ATOM_NONE);
	hold_named(it, tb, obj(it, tb)->as.iter->count, atom_from("tb_frame"),
	    REASON_STORE);
	hold_named(it, exc, exception_slot(it, exc,
	    atom_from("__traceback__")), atom_from("__traceback__"),
	    REASON_STORE);
}

/* The innermost block of the running frame, or NULL. */
static struct for_loop *
frame_block(struct interp *it)
{
	if (it->loop_count == 0 ||
	    it->loops[it->loop_count - 1].frame != it->frame)
		return NULL;
	return &it->loops[it->loop_count - 1];
}

/* The exception the thread is handling (sys.exception()): the innermost
 * `except` block's, in any frame; OBJ_NULL when none. */
static objid_t
handled_exception(const struct interp *it)
{
	for (uint32_t i = it->loop_count; i-- > 0;)
		if (it->loops[i].handler && !it->loops[i].returning &&
		    !it->loops[i].jumping)
			return it->loops[i].exc;
	return OBJ_NULL;
}

/* Whether the running frame is in an `except` block or in a `finally:`
 * block an exception came to. */
static bool
handling_here(const struct interp *it)
{
	for (uint32_t i = it->loop_count; i-- > 0 &&
	    it->loops[i].frame == it->frame;)
		if (it->loops[i].handler && ((!it->loops[i].returning &&
		    !it->loops[i].jumping) || it->loops[i].matched))
			return true;
	return false;
}

/* The `as` name of the clause that matched in block b, or ATOM_NONE
 * (none has yet). */
static atom_t
clause_name(const struct interp *it, const struct for_loop *b)
{
	const struct stmt *s = body_stmt(it, it->function, b->header);

	return b->matched && s != NULL && s->kind == STMT_EXCEPT ?
	    s->as.handler.name : ATOM_NONE;
}

/* The innermost loop ends: its iterator, at stack position at, is
 * dropped. */
static void
loop_end_at(struct interp *it, uint32_t at)
{
	it->loop_count--;
	drop_at(it, at, REASON_OPERAND_DONE);
}

/* `name = None; del name`: the end of an `except E as name:` block. */
static void
clear_clause_name(struct interp *it, atom_t name, uint32_t offset)
{
	struct expr e = { .kind = EXPR_NAME, .offset = offset };

	if (name == ATOM_NONE)
		return;
	e.as.name = name;
	objects_push_none(&it->m);
	store_name(it, name, TOP(it), REASON_STORE, name);
	if (ok(it))
		delete_name(it, &e);
}

/* POP_EXCEPT: the previous exc_info (a None here) goes back, the handled
 * exception is dropped. */
static void
pop_except(struct interp *it, const struct for_loop *b)
{
	drop_at(it, b->at + 1, REASON_OPERAND_DONE);
	if (ok(it))
		drop_at(it, b->at, REASON_OPERAND_DONE);
}

/* The running frame's innermost block ends: a loop drops its iterator; an
 * `except` block ends its handling, after the name when an exception
 * leaves it, before it otherwise. */
static void
block_end(struct interp *it, bool by_exception)
{
	struct for_loop	b = it->loops[it->loop_count - 1];
	atom_t		name;

	if (b.is_with) {
		it->loop_count--;
		with_drop_exit(it, &b);
		return;
	}
	if (!b.handler) {
		loop_end_at(it, b.at);
		return;
	}
	if (b.jumping) {
		/* an exception leaves the block: the jump is forgotten */
		it->loop_count--;
		return;
	}
	if (b.is_finally && b.returning) {
		/* an exception leaves the block: the value returned goes */
		drop_at(it, b.at, REASON_OPERAND_DONE);
		it->loop_count--;
		return;
	}
	if (b.is_finally) {
		/* another exception leaves the block: its own goes */
		drop_at(it, b.at + 2, REASON_OPERAND_DONE);
		if (ok(it))
			pop_except(it, &b);
		it->loop_count--;
		return;
	}
	name = clause_name(it, &b);
	if (by_exception)
		clear_clause_name(it, name, 0);
	if (ok(it))
		pop_except(it, &b);
	if (ok(it) && !by_exception)
		clear_clause_name(it, name, 0);
	it->loop_count--;
}

/* Whether step k of the running frame's body is inside the block of
 * `except` header h (SCENARIO_STEP_END: nothing is). */
static bool
in_clause(const struct interp *it, uint32_t k, uint32_t h)
{
	if (k >= SCENARIO_STEP_RERAISE)
		return false;
	for (uint32_t c = body_step(it, it->function, k)->clause; c != 0;
	    c = body_step(it, it->function, c - 1)->clause)
		if (c - 1 == h)
			return true;
	return false;
}

static bool in_loop(const struct interp *it, uint32_t header);
static void loop_end(struct interp *it, uint32_t above);

/* Whether the `try` of the `finally:` block at step fin is inside the
 * loop whose header is step header: a `break` or `continue` of that loop
 * runs the block on its way. */
static bool
finally_inside(const struct interp *it, uint32_t fin, uint32_t header)
{
	return body_step(it, it->function, fin)->clause - 1 > header;
}

/* A `break` or `continue` comes to the `finally:` block at step fin: the
 * block runs (the copy of it the compiler put there), then the jump goes
 * on. */
static void
enter_jumping(struct interp *it, uint32_t fin, uint32_t target,
    uint32_t loop, bool from_handler)
{
	push_block(it, (struct for_loop){ .header = body_step(it,
	    it->function, fin)->clause - 1, .frame = it->frame,
	    .at = H(it)->stack_len, .handler = true, .is_finally = true,
	    .jumping = true, .target = target, .loop = loop,
	    .matched = from_handler, .first = UINT32_MAX });
}

/* The innermost block is a `finally:` block a jump came to, at its end:
 * on to the next `finally:` block out inside the loop, or to the jump's
 * target -- a `break` ends its loop, once the `except` blocks inside the
 * loop have ended.  False when the run stopped. */
static bool
jump_goes_on(struct interp *it, uint32_t *after)
{
	struct for_loop	 j = *frame_block(it);
	uint32_t	 next = body_step(it, it->function, j.header)->finally_at;
	uint32_t	 header = j.loop != 0 ? j.loop - 1 : j.target;
	struct for_loop	*b;

	it->loop_count--;
	if (next != 0 && finally_inside(it, next - 1, header)) {
		enter_jumping(it, next - 1, j.target, j.loop, j.matched);
		*after = next - 1;
		return ok(it);
	}
	*after = j.target;
	if (j.loop == 0)
		return ok(it);
	while (ok(it) && (b = frame_block(it)) != NULL && b->handler)
		block_end(it, false);
	if (ok(it) && in_loop(it, j.loop - 1))
		loop_end(it, 0);
	return ok(it);
}

/* Control goes on to step `after`: the `except` blocks it is not in end
 * (what POP_EXCEPT and the name's cleanup do at a clause's last line);
 * the next header of the same `try` stays in its block.  A `finally:`
 * block an exception came to raises it again at its end (RERAISE: no new
 * traceback entry): true then. */
static bool
leave_clauses(struct interp *it, uint32_t *after, uint32_t offset)
{
	struct for_loop *b;

	while (ok(it) && (b = frame_block(it)) != NULL && b->handler &&
	    !in_clause(it, *after, b->header) && !(!b->is_finally &&
	    *after < SCENARIO_STEP_RERAISE && body_step(it, it->function,
	    *after)->try_first == b->first + 1)) {
		if (b->jumping && !jump_goes_on(it, after))
			return false;
		if (b->jumping)
			continue;
		if (b->returning) {
			/* on to the next `finally:` block out, or out */
			uint32_t next = body_step(it, it->function,
			    b->header)->finally_at;
			bool from_handler = b->matched;

			it->loop_count--;
			if (next == 0) {
				it->returning = true;
				return false;
			}
			enter_returning(it, next - 1, from_handler);
			*after = next - 1;
			continue;
		}
		if (b->is_finally) {
			struct for_loop f = *b;

			pop_except(it, &f);
			it->loop_count--;
			return ok(it) && !throw(it, offset, true);
		}
		block_end(it, false);
	}
	return false;
}

/* A `return` comes to the `finally:` block at step fin with its value on
 * top: the block runs, then the return goes on. */
static void
enter_returning(struct interp *it, uint32_t fin, bool from_handler)
{
	push_block(it, (struct for_loop){ .header = body_step(it,
	    it->function, fin)->clause - 1, .frame = it->frame,
	    .at = TOP(it), .handler = true, .is_finally = true,
	    .returning = true, .matched = from_handler,
	    .first = UINT32_MAX });
}

/* The loops and `except` blocks inside the try of the `finally:` block
 * at step fin end, as the compiler unwinds them before its copy of the
 * block. */
static bool
end_blocks_in_try(struct interp *it, uint32_t fin)
{
	uint32_t blocks = body_step(it, it->function, fin)->blocks;

	for (;;) {
		uint32_t n = 0;

		for (uint32_t i = 0; i < it->loop_count; i++)
			n += it->loops[i].frame == it->frame;
		if (n <= blocks || !ok(it))
			break;
		block_end(it, false);
	}
	return ok(it);
}

/* `return value` inside a try that has a `finally:` block (the value on
 * top): the blocks inside the try end, and the `finally:` block runs
 * before the frame returns. */
static bool
return_through_finally(struct interp *it, uint32_t fin)
{
	bool from_handler = handling_here(it);

	if (!end_blocks_in_try(it, fin))
		return false;
	enter_returning(it, fin, from_handler);
	it->jump = fin + 1;
	return true;
}

/* `break` (loop: 1 + its loop's header) or `continue` (loop 0) going
 * to step target out of a try that has a `finally:` block at step fin,
 * inside the loop: the blocks inside the try end, and the `finally:`
 * block runs before the jump. */
static bool
jump_through_finally(struct interp *it, uint32_t fin, uint32_t target,
    uint32_t loop)
{
	bool from_handler = handling_here(it);

	if (!end_blocks_in_try(it, fin))
		return false;
	enter_jumping(it, fin, target, loop, from_handler);
	it->jump = fin + 1;
	return true;
}

/*
 * The exception on top comes to its handler, step h -- the first
 * `except` header of its try, or a `finally:` block (which ends by raising
 * it again): PUSH_EXC_INFO, the previous exc_info (a None here) under the
 * exception, which the handler's block holds.  The compiler gives it no
 * line: it runs before the handler's first line event, in the step that
 * raised.
 */
static void
push_exc_info(struct interp *it, uint32_t h)
{
	const struct scenario_step	*st = body_step(it, it->function, h);
	objid_t				 exc = stack_at(it, TOP(it));

	objects_push_none(&it->m);
	push_ref(it, exc, REASON_LOAD, ATOM_NONE);
	if (!ok(it))
		return;
	/* a finally: block's steps are those of its `try:` step's clause */
	if (st->finally_entry)
		push_block(it, (struct for_loop){ .header = st->clause - 1,
		    .frame = it->frame, .at = TOP(it) - 2, .handler = true,
		    .is_finally = true, .exc = exc, .first = UINT32_MAX });
	else
		push_block(it, (struct for_loop){ .header = h,
		    .frame = it->frame, .at = TOP(it) - 2, .handler = true,
		    .exc = exc, .first = h });
}

/* The stack level of the running frame's innermost block, or of the
 * frame: what stays when an exception comes to its handler. */
static uint32_t
block_level(struct interp *it)
{
	const struct for_loop *b = frame_block(it);

	return b == NULL ? it->frame_base : b->jumping ? b->at : b->at +
	    (b->returning ? 1 : b->is_finally ? 3 : b->handler ? 2 :
	    b->is_with ? with_width(it) : 1);
}

/* Drops what the stack holds between level and the exception on top,
 * the top first (exception_unwind's pops). */
static void
pop_under_exception(struct interp *it, uint32_t level)
{
	while (ok(it) && TOP(it) > level)
		drop_at(it, TOP(it) - 1, REASON_OPERAND_DONE);
}

/*
 * An exception raised in the running frame's step k has come to its step
 * runner: its traceback entry, then the stack unwound down to the
 * handler's level.  True with *after set to the first `except` header of
 * the handler, the exception on top; false with *escaping set when the
 * frame has none (its stack is then empty but for the exception, which
 * goes on up once the frame is left), or when an error (not an exception)
 * stopped the run, which stays stopped.
 */
static bool
catch_here(struct interp *it, uint32_t k, uint32_t *after, objid_t *escaping)
{
	objid_t				 exc = it->raising;
	uint32_t			 blocks = 0;
	uint32_t			 handler = step_handler(it, it->function,
	    k, it->frame);

	*escaping = OBJ_NULL;
	if (exc == OBJ_NULL || it->m.error != NULL)
		return false;
	it->raising = OBJ_NULL;
	it->m.failed = false;
	if (!it->raise_traced)
		traceback_here(it);
	it->raise_traced = false;
	if (handler != 0)
		blocks = body_step(it, it->function, handler - 1)->blocks;
	while (ok(it) && frame_block(it) != NULL) {
		uint32_t n = 0;

		for (uint32_t i = 0; i < it->loop_count; i++)
			n += it->loops[i].frame == it->frame;
		if (n <= blocks)
			break;
		pop_under_exception(it, block_level(it));
		if (ok(it))
			block_end(it, true);
	}
	pop_under_exception(it, block_level(it));
	if (!ok(it))
		return false;
	if (handler == 0) {
		*escaping = exc;
		return false;
	}
	*after = handler - 1;
	push_exc_info(it, *after);
	return ok(it);
}

/* What stops the run when an exception cannot be followed to a handler:
 * CPython's message, as before the model had exceptions. */
static bool
uncaught(struct interp *it, uint32_t offset, objid_t exc)
{
	struct strbuf sb = STRBUF_INIT;

	/* its own __str__ would make the message: not run here */
	if (text_method(it, exc, true) == OBJ_NULL)
		heap_repr(H(it), exc, true, 200, &sb);
	raise(it, offset, heap_type_name(H(it), exc), "%s", strbuf_str(&sb));
	strbuf_free(&sb);
	return false;
}

/* RAISE_VARARGS with the exception on top: its __context__ is the
 * exception being handled (_PyErr_SetObject), and up it goes. */
static bool
throw(struct interp *it, uint32_t offset, bool traced)
{
	objid_t exc = stack_at(it, TOP(it)), handled = handled_exception(it);
	int64_t old;

	if (!catchable(it)) {
		/* located where it was raised, as CPython's traceback ends */
		if (traced && it->raise_code != NULL) {
			it->code = it->raise_code;
			offset = it->raise_offset;
		}
		return uncaught(it, offset, exc);
	}
	if (!traced) {
		it->raise_code = it->code;
		it->raise_offset = offset;
	}
	if (handled != OBJ_NULL && handled != exc && !traced) {
		atom_t context = atom_from("__context__");

		if ((old = held_named(it, exc, context)) >= 0) {
			unhold(it, exc, (uint32_t)old, REASON_REBIND);
			drop_top(it, REASON_REBIND, context);
		}
		push_ref(it, handled, REASON_LOAD, context);
		hold_named(it, exc, exception_slot(it, exc, context), context,
		    REASON_STORE);
	}
	if (!ok(it))
		return false;
	it->raising = exc;
	it->raise_traced = traced;
	it->m.failed = true;
	return false;
}

/* Raises a new exception of class name whose one argument is arg or,
 * with arg OBJ_NULL, a new str of message; or, where nothing could catch
 * it, stops the run with "name: message" as before. */
static bool
throw_new(struct interp *it, uint32_t offset, const char *name,
    const char *message, objid_t arg)
{
	if (!catchable(it))
		return raise(it, offset, name, "%s", message);
	if (arg != OBJ_NULL)
		push_ref(it, arg, REASON_NEW, ATOM_NONE);
	else
		push_fresh_str(it, message, strlen(message));
	push_exception(it, name, 1);
	return ok(it) && throw(it, offset, false);
}

/* Whether the value on top of the stack is an exception class (a type
 * object, or a tuple of them) that exc is an instance of. */
static bool
exception_matches(struct interp *it, uint32_t offset, objid_t type,
    objid_t exc, bool *match)
{
	const struct object *t = obj(it, type);

	if (t->type == OBJ_TUPLE) {
		for (uint32_t i = 0; i < t->as.seq->len; i++) {
			if (!exception_matches(it, offset, t->as.seq->items[i],
			    exc, match))
				return false;
			if (*match)
				return true;
		}
		*match = false;
		return true;
	}
	if (t->type == OBJ_CLASS && t->as.cls->exception != ATOM_NONE) {
		objid_t cls = heap_exception_class(H(it), exc);

		*match = cls != OBJ_NULL && class_derives(it, cls, type);
		return true;
	}
	if (t->type != OBJ_TYPE ||
	    pynames_exception_base(atom_name(t->as.name)) == NULL)
		return throw_new(it, offset, "TypeError", "catching classes "
		    "that do not inherit from BaseException is not allowed",
		    OBJ_NULL);
	*match = pynames_exception_matches(heap_exception_kind(H(it), exc),
	    atom_name(t->as.name));
	return true;
}

/* An `except [E [as name]]:` header, the exception under its block (see
 * push_exc_info): each tests it (CHECK_EXC_MATCH) and, when it matches,
 * binds it or drops it; it->branch says which. */
static bool
exec_except(struct interp *it, const struct stmt *s)
{
	struct for_loop	*b = frame_block(it);	/* push_exc_info's */
	objid_t		 exc = b->exc;
	bool		 match = true;

	if (s->as.handler.type != NULL) {
		if (!eval(it, s->as.handler.type) ||
		    !exception_matches(it, s->as.handler.type->offset,
		    stack_at(it, TOP(it)), exc, &match))
			return false;
		drop_top(it, REASON_OPERAND_DONE, ATOM_NONE);
	}
	it->branch = match;
	if (!match || !ok(it))
		return ok(it);
	b->header = it->pc;
	b->matched = true;
	if (s->as.handler.name != ATOM_NONE)
		store_name(it, s->as.handler.name, TOP(it), REASON_STORE,
		    s->as.handler.name);
	else
		drop_top(it, REASON_OPERAND_DONE, ATOM_NONE);
	return ok(it);
}

/* No clause matched (RERAISE 0): the exception goes on up from its `except`
 * block, which ends, with no new traceback entry. */
static bool
reraise_unmatched(struct interp *it, uint32_t offset)
{
	struct for_loop b = it->loops[it->loop_count - 1];

	pop_except(it, &b);
	it->loop_count--;
	if (!ok(it))
		return false;
	return throw(it, offset, true);
}

/* After step k ran, with *after where control goes: an `except` header
 * that found no match re-raises; an exception on its way up is caught
 * (*after: its handler) or leaves the frame (returned: the frame must
 * end, then the exception goes on up); control that leaves an `except`
 * block ends it. */
static objid_t
step_exceptions(struct interp *it, uint32_t k, uint32_t *after)
{
	objid_t escaping = OBJ_NULL;
	uint32_t offset = body_stmt(it, it->function, k) != NULL ?
	    body_stmt(it, it->function, k)->offset : 0;

	if (it->jump != 0) {
		*after = it->jump - 1;
		it->jump = 0;
	}
	if (it->past_with) {
		*after = it->past_step;
		it->past_with = false;
	}
	if (*after == SCENARIO_STEP_RERAISE && ok(it))
		reraise_unmatched(it, offset);
	for (;;) {
		if (it->raising != OBJ_NULL) {
			catch_here(it, k, after, &escaping);
			return escaping;
		}
		/* a return ends the frame's blocks as the frame goes, under
		 * its value: a `finally:` block it leaves raises nothing */
		if (!ok(it) || it->returning ||
		    !leave_clauses(it, after, offset))
			return OBJ_NULL;
	}
}

/* The frame has ended by exception exc (on top): up it goes. */
static void
rethrow(struct interp *it, objid_t exc)
{
	it->raising = exc;
	it->raise_traced = false;
	it->m.failed = true;
}

/* What `raise` does with an exception class at stack position at: calls
 * it with no arguments (its args is ()), the instance on top and the
 * class dropped.  Returns what is to be raised (the value itself when it
 * is no class), OBJ_NULL when the run stopped. */
static objid_t
raised_instance(struct interp *it, uint32_t offset, uint32_t at)
{
	objid_t	v = stack_at(it, at);
	bool	program = obj(it, v)->type == OBJ_CLASS &&
	    obj(it, v)->as.cls->exception != ATOM_NONE;
	atom_t	name;

	if (!program && (obj(it, v)->type != OBJ_TYPE ||
	    pynames_exception_base(atom_name(obj(it, v)->as.name)) == NULL))
		return v;
	name = program ? obj(it, v)->as.cls->name : obj(it, v)->as.name;
	if (!catchable(it)) {
		raise(it, offset, atom_name(name), "%s", "");
		return OBJ_NULL;
	}
	if (program)
		push_class_exception(it, v, 0);
	else
		push_exception(it, atom_name(name), 0);
	if (ok(it))
		drop_at(it, at, REASON_OPERAND_DONE);
	return ok(it) ? stack_at(it, TOP(it)) : OBJ_NULL;
}

static bool
is_exception(const struct interp *it, objid_t v)
{
	return obj(it, v)->type == OBJ_ITER &&
	    obj(it, v)->as.iter->kind == ITER_EXCEPTION;
}

/* `raise exc from cause` (do_raise): the cause, an instance (a class is
 * called), becomes exc's __cause__ (PyException_SetCause; None leaves
 * none).  The two are the top two of the stack, exc on top at the end. */
static bool
set_cause(struct interp *it, uint32_t offset, objid_t exc)
{
	uint32_t	at = stack_at(it, TOP(it)) == exc ? TOP(it) - 1 : TOP(it);
	objid_t		cause = raised_instance(it, offset, at);
	atom_t		field = atom_from("__cause__");
	int64_t		old;

	if (cause == OBJ_NULL)
		return false;
	at = stack_at(it, TOP(it)) == exc && TOP(it) > 0 &&
	    stack_at(it, TOP(it) - 1) == cause ? TOP(it) - 1 : TOP(it);
	if (obj(it, cause)->type == OBJ_NONE) {
		drop_at(it, at, REASON_OPERAND_DONE);
		return ok(it);
	}
	if (!is_exception(it, cause))
		return throw_new(it, offset, "TypeError", "exception causes "
		    "must derive from BaseException", OBJ_NULL);
	if ((old = held_named(it, exc, field)) >= 0) {
		unhold(it, exc, (uint32_t)old, REASON_REBIND);
		drop_top(it, REASON_REBIND, field);
		at = stack_at(it, TOP(it)) == cause ? TOP(it) : TOP(it) - 1;
	}
	if (ok(it))
		emit_move(it, EV_SLOT_INSERT, SITE_HELD, cause, exc,
		    exception_slot(it, exc, field), OBJ_NULL, at,
		    REASON_STORE, field);
	return ok(it);
}

/* raise [value [from cause]]: an instance, or a class called with no
 * arguments; a bare raise re-raises the exception being handled, with no
 * traceback entry (do_raise returns into exception_unwind). */
static bool
exec_raise(struct interp *it, const struct stmt *s)
{
	objid_t v;

	if (s->as.value == NULL) {
		objid_t handled = handled_exception(it);

		if (handled == OBJ_NULL)
			return raise(it, s->offset, "RuntimeError", "No active "
			    "exception to reraise");
		push_ref(it, handled, REASON_LOAD, ATOM_NONE);
		return ok(it) && throw(it, s->offset, true);
	}
	if (!eval(it, s->as.value) || (s->cause != NULL &&
	    !eval(it, s->cause)))
		return false;
	v = raised_instance(it, s->offset, TOP(it) - (s->cause != NULL));
	if (v == OBJ_NULL)
		return false;
	if (!is_exception(it, v))
		return throw_new(it, s->offset, "TypeError", "exceptions must "
		    "derive from BaseException", OBJ_NULL);
	if (s->cause != NULL && !set_cause(it, s->offset, v))
		return false;
	return throw(it, s->offset, false);
}

/* assert test[, message]: the test, tested and dropped (POP_JUMP_IF_TRUE);
 * when it is false, AssertionError(message) -- or AssertionError() --
 * raised (LOAD_ASSERTION_ERROR, CALL, RAISE_VARARGS). */
static bool
exec_assert(struct interp *it, const struct stmt *s)
{
	bool holds;

	if (!eval(it, s->as.test) || truth_refused(it, s->as.test->offset,
	    stack_at(it, TOP(it))))
		return false;
	holds = truth(it, stack_at(it, TOP(it)));
	drop_top(it, REASON_OPERAND_DONE, ATOM_NONE);
	if (!ok(it) || holds)
		return ok(it);
	if (s->cause != NULL && !eval(it, s->cause))
		return false;
	push_exception(it, "AssertionError", s->cause != NULL);
	return ok(it) && throw(it, s->offset, false);
}

/* The line the calling frame is at. */
static int64_t
caller_line(const struct interp *it)
{
	const struct caller *c;

	if (it->caller_count == 0)
		return 0;
	c = &it->callers[it->caller_count - 1];
	return (int64_t)body_step(it, c->function, c->pc)->pos.line;
}

/* The frame ends by the exception on top: its frame object, when only the
 * frame holds it, goes first; otherwise it takes the frame's data
 * (take_ownership: the locals, f_func, and f_back, the caller's frame
 * object) and the collector tracks it. */
static void
leave_frame_owned(struct interp *it, objid_t fo)
{
	const struct program_function	*f = it->function;
	uint32_t			 frame = it->frame, held = 0;
	objid_t				 back;

	/* its f_lineno from now on: the line the frame ended at */
	obj(it, fo)->as.iter->len = current_line(it);
	for (uint32_t i = 0; i < f->local_count && ok(it); i++)
		if (unbind_local(it, frame, i) != OBJ_NULL && ok(it))
			hold_named(it, fo, held++, f->locals[i], REASON_FRAME);
	machine_emit(&it->m, (struct event){ .kind = EV_FRAME_POP,
	    .reason = REASON_FRAME, .object = heap_frame(H(it),
	    frame)->function, .owner = frame });
	if (ok(it))
		hold_named(it, fo, 0, atom_from("f_func"), REASON_FRAME);
	back = frame_object(it, frame - 1, caller_line(it));
	if (!ok(it))
		return;
	push_ref(it, back, REASON_LOAD, ATOM_NONE);
	hold_named(it, fo, 0, atom_from("f_back"), REASON_FRAME);
	gctrack_now(&it->m, fo);
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
		push_block(it, (struct for_loop){ .header = it->pc,
		    .frame = it->frame, .at = TOP(it) });
		if (!ok(it))
			return false;
	}
	it->branch = iter_step(it, s->as.loop.iter->offset,
	    stack_at(it, TOP(it)), &done);
	if (it->branch)
		return store_target(it, s->as.loop.target);
	if (!done)
		return false;
	loop_end(it, 0);
	return ok(it);
}

/* The running frame's `except` blocks and `finally:` blocks inside the
 * loop whose header is step header end, the innermost first: a `break` or
 * `continue` leaves them (a `finally:` block an exception came to drops it
 * instead of raising it again: POP_TOP, POP_EXCEPT). */
static bool
end_handlers_in_loop(struct interp *it, uint32_t header)
{
	for (struct for_loop *b; ok(it) && (b = frame_block(it)) != NULL &&
	    b->handler && b->header > header;)
		block_end(it, false);
	return ok(it);
}

/* `break` out of a `for` drops its iterator; through a `finally:` block
 * inside the loop, after the block ran. */
static bool
exec_break(struct interp *it)
{
	const struct scenario_step *src = body_step(it, it->function, it->pc);
	uint32_t loop = src->loop;

	if (loop != 0 && src->finally_at != 0 &&
	    finally_inside(it, src->finally_at - 1, loop - 1))
		return jump_through_finally(it, src->finally_at - 1, src->next,
		    loop);
	if (loop == 0 || !end_handlers_in_loop(it, loop - 1))
		return ok(it);
	if (it->loop_count > 0 && in_loop(it, loop - 1))
		loop_end(it, 0);
	return ok(it);
}

/* `continue` goes back to its loop's header (its next); through a
 * `finally:` block inside the loop, after the block ran. */
static bool
exec_continue(struct interp *it)
{
	const struct scenario_step *src = body_step(it, it->function, it->pc);

	if (src->finally_at != 0 &&
	    finally_inside(it, src->finally_at - 1, src->next))
		return jump_through_finally(it, src->finally_at - 1, src->next,
		    0);
	return end_handlers_in_loop(it, src->next);
}

/* ---- with (.py) ----
 *
 * A `with` is a try whose `finally:` block calls the manager's __exit__
 * (pyfile.c lays it out so: the `with` line, the block, an exit step per
 * manager).  The `with` line, for each manager in order, evaluates it and
 * runs BEFORE_WITH: 3.11 to 3.13 look up __enter__ then __exit__ on its
 * class, each a bound method (which holds the manager), keep the
 * __exit__ one on the stack and call the other; 3.14's LOAD_SPECIAL looks
 * up __exit__ first and keeps the function and the manager on the stack,
 * no bound method made.  A block of kind is_with says where they are.
 *
 * An exit step meets the manager's block in one of three ways.  Control
 * came from the block's end, or a `return`, `break` or `continue` left
 * it: each manager still entered is exited, the last first, by calling
 * __exit__(None, None, None) and dropping what it returned.  An exception
 * came to it, as to a `finally:` block (push_exc_info): WITH_EXCEPT_START
 * calls __exit__(type, exc, traceback); a true result swallows the
 * exception (the managers before go on as from the block's end), a false
 * one raises it again with no new traceback entry, to the next manager's
 * exit step.  Either way the manager's block ends before its __exit__
 * runs: what __exit__ raises goes to the next manager out.
 */

/* How many stack slots a manager's __exit__ takes. */
static uint32_t
with_width(const struct interp *it)
{
	return version_rules(H(it)->python)->with_load_special ? 2 : 1;
}

/* What a manager's block holds goes, the top first (the unwinding's
 * pops, or the POP_TOPs after a swallowed exception). */
static void
with_drop_exit(struct interp *it, const struct for_loop *b)
{
	for (uint32_t i = with_width(it); i-- > 0 && ok(it);)
		drop_at(it, b->at + i, REASON_OPERAND_DONE);
}

/* Takes the innermost manager's block of the `with` at step h out of
 * the running frame's blocks into *out; false when none is left. */
static bool
with_take_block(struct interp *it, uint32_t h, struct for_loop *out)
{
	for (uint32_t i = it->loop_count; i-- > 0 &&
	    it->loops[i].frame == it->frame;) {
		if (!it->loops[i].is_with || it->loops[i].header != h)
			continue;
		*out = it->loops[i];
		memmove(&it->loops[i], &it->loops[i + 1],
		    (it->loop_count - i - 1) * sizeof *it->loops);
		it->loop_count--;
		return true;
	}
	return false;
}

/* The call of a special method with n arguments: what bind_arguments
 * and run_function read of a call. */
static struct expr
with_call(uint32_t offset, uint32_t n)
{
	struct expr e = { .kind = EXPR_CALL, .offset = offset };

	e.as.call.count = n;
	return e;
}

/* The manager's function named name (a function of its class), or
 * OBJ_NULL when it has none; false (the run stopped) on one the model
 * cannot call. */
static bool
with_lookup(struct interp *it, uint32_t offset, objid_t mgr, const char *name,
    objid_t *fn)
{
	objid_t cls = OBJ_NULL;

	*fn = OBJ_NULL;
	if (obj(it, mgr)->type == OBJ_INSTANCE && !heap_is_weakdict(H(it),
	    mgr) && !heap_is_finalize(H(it), mgr))
		cls = obj(it, mgr)->as.inst->cls;
	else if (is_exception(it, mgr))
		cls = heap_exception_class(H(it), mgr);
	if (cls == OBJ_NULL)
		return true;
	*fn = heap_class_lookup(H(it), cls, atom_from(name));
	if (*fn != OBJ_NULL && (obj(it, *fn)->type != OBJ_FUNCTION ||
	    obj(it, mgr)->type != OBJ_INSTANCE))
		return raise(it, offset, NULL, "a `with` on a %s whose %s is "
		    "not a method of its class is not supported yet",
		    type_name(it, mgr), name);
	return true;
}

/*
 * BEFORE_WITH (LOAD_SPECIAL on 3.14) for the manager on top, at stack
 * position base: its __exit__ stays at base, __enter__'s result is
 * pushed.  A manager without the protocol raises TypeError, the one
 * method it misses named as each version names it.
 */
static bool
with_enter(struct interp *it, uint32_t offset, uint32_t base)
{
	bool		 special = version_rules(H(it)->python)->with_load_special;
	objid_t		 mgr = stack_at(it, base), enter, exit;
	struct expr	 call = with_call(offset, 0);
	char		 msg[160];

	if (!with_lookup(it, offset, mgr, "__enter__", &enter) ||
	    !with_lookup(it, offset, mgr, "__exit__", &exit))
		return false;
	if (enter == OBJ_NULL || exit == OBJ_NULL) {
		/* 3.11 to 3.13 ask for __enter__ first, 3.14 for __exit__ */
		const char *missed = special ? (exit == OBJ_NULL ?
		    " (missed __exit__ method)" : " (missed __enter__ method)") :
		    enter == OBJ_NULL ? "" : " (missed __exit__ method)";

		snprintf(msg, sizeof msg, "'%s' object does not support the "
		    "context manager protocol%s", type_name(it, mgr), missed);
		return throw_new(it, offset, "TypeError", msg, OBJ_NULL);
	}
	if (special) {
		/* COPY 1, LOAD_SPECIAL __exit__, SWAP 2, SWAP 3, LOAD_SPECIAL
		 * __enter__: the function and the manager under each call */
		push_ref(it, exit, REASON_METHOD, atom_from("__exit__"));
		push_ref(it, mgr, REASON_ARGUMENT, ATOM_NONE);
		push_ref(it, enter, REASON_METHOD, atom_from("__enter__"));
		push_ref(it, mgr, REASON_ARGUMENT, ATOM_NONE);
		if (ok(it))
			drop_at(it, base, REASON_OPERAND_DONE);
		return ok(it) && run_function(it, &call, base + 2, 1);
	}
	/* both bound methods made, the manager replaced by __exit__'s;
	 * __enter__'s goes once it returned */
	push_bound_method(it, enter, mgr);
	push_bound_method(it, exit, mgr);
	if (ok(it))
		drop_at(it, base, REASON_OPERAND_DONE);
	if (!ok(it))
		return false;
	push_ref(it, enter, REASON_LOAD, ATOM_NONE);
	push_ref(it, mgr, REASON_ARGUMENT, ATOM_NONE);
	if (!ok(it) || !run_function(it, &call, base + 2, 1))
		return false;
	drop_at(it, base, REASON_OPERAND_DONE);
	return ok(it);
}

static bool with_catch(struct interp *it, uint32_t h, uint32_t offset);
static bool with_exit_all(struct interp *it, uint32_t h, uint32_t offset);

/* The `with` line: each manager entered in order, its block begun, its
 * result bound to its `as` name or dropped. */
static bool
exec_with(struct interp *it, const struct stmt *s)
{
	const struct scenario_step *src = body_step(it, it->function, it->pc);

	for (uint32_t i = 0; i < s->as.with.count; i++) {
		uint32_t base = H(it)->stack_len;

		if (!eval(it, s->as.with.items[i]) ||
		    !with_enter(it, s->as.with.items[i]->offset, base)) {
			/* a manager entered before swallows it: on past
			 * the statement, from its last exit step */
			if (!with_catch(it, it->pc, s->offset) ||
			    !with_exit_all(it, it->pc, s->offset))
				return false;
			it->past_with = true;
			it->past_step = body_step(it, it->function,
			    src->with_exits - 1 + s->as.with.count -
			    1)->next;
			return true;
		}
		push_block(it, (struct for_loop){ .header = it->pc,
		    .frame = it->frame, .at = base, .is_with = true,
		    .target = src->with_exits - 1 + (s->as.with.count - 1 -
		    i) });
		if (s->as.with.names[i] != ATOM_NONE)
			store_name(it, s->as.with.names[i], TOP(it),
			    REASON_STORE, s->as.with.names[i]);
		else
			drop_top(it, REASON_DISCARD, ATOM_NONE);
		if (!ok(it))
			return false;
	}
	return true;
}

/*
 * Calls the __exit__ of manager block b (out of the blocks already) with
 * args as its three arguments, its result left on top.  3.11 to 3.13 call
 * the bound method, whose function's frame takes references of its own
 * to the function, the manager and the arguments; so does WITH_EXCEPT_START
 * on 3.14, which borrows what the stack holds.  3.14's plain exit (steal)
 * is a CALL 3 whose frame takes the stack's function, manager and Nones.
 */
static bool
with_call_exit(struct interp *it, const struct for_loop *b, uint32_t offset,
    const objid_t args[3], bool steal)
{
	struct expr	call = with_call(offset, 3);
	uint32_t	base;
	objid_t		fn, self;

	if (with_width(it) == 2) {
		fn = stack_at(it, b->at);
		self = stack_at(it, b->at + 1);
	} else {
		const struct pyiter *m = obj(it, stack_at(it, b->at))->as.iter;

		fn = m->held[0];
		self = m->held[1];
	}
	if (steal && b->at + 2 != H(it)->stack_len) {
		/* a `return`'s value above them: they come to the top */
		push_ref(it, fn, REASON_LOAD, ATOM_NONE);
		push_ref(it, self, REASON_ARGUMENT, ATOM_NONE);
		if (ok(it))
			drop_at(it, b->at + 1, REASON_OPERAND_DONE);
		if (ok(it))
			drop_at(it, b->at, REASON_OPERAND_DONE);
	}
	base = steal ? H(it)->stack_len - 2 : H(it)->stack_len;
	if (!steal) {
		push_ref(it, fn, REASON_LOAD, ATOM_NONE);
		push_ref(it, self, REASON_ARGUMENT, ATOM_NONE);
	}
	for (uint32_t j = 0; j < 3 && ok(it); j++)
		push_ref(it, args[j], REASON_ARGUMENT, ATOM_NONE);
	return ok(it) && run_function(it, &call, base, 1);
}

/* __exit__(None, None, None) of manager block b, and its result dropped:
 * 3.11 to 3.13's CALL drops the Nones it loaded, then the bound method. */
static bool
with_exit_plain(struct interp *it, const struct for_loop *b, uint32_t offset)
{
	bool	steal = with_width(it) == 2;
	objid_t	args[3];

	/* LOAD_CONST None, three times: CALL 3 takes them on 3.14 */
	for (int j = 0; j < 3; j++)
		objects_push_none(&it->m);
	if (!ok(it))
		return false;
	args[0] = args[1] = args[2] = stack_at(it, TOP(it));
	for (int j = 0; j < 3 && steal && ok(it); j++)
		drop_top(it, REASON_OPERAND_DONE, ATOM_NONE);
	if (!ok(it) || !with_call_exit(it, b, offset, args, steal))
		return false;
	if (!steal) {
		for (int j = 0; j < 3 && ok(it); j++)
			drop_at(it, TOP(it) - 1, REASON_ARGUMENT_DONE);
		if (ok(it))
			drop_at(it, b->at, REASON_OPERAND_DONE);
	}
	if (ok(it))
		drop_top(it, REASON_DISCARD, ATOM_NONE);
	return ok(it);
}

/* Each manager of the `with` at step h still entered is exited with
 * Nones, the last first; a `return`'s value or a jump's block above them
 * is then where they were. */
static bool
with_exit_all(struct interp *it, uint32_t h, uint32_t offset)
{
	struct for_loop		 b;
	struct for_loop		*top = frame_block(it);
	bool			 passing = top != NULL && (top->returning ||
				    top->jumping) && top->header == h;

	while (ok(it) && with_take_block(it, h, &b)) {
		if (!with_exit_plain(it, &b, offset) &&
		    !with_catch(it, h, offset))
			return false;
	}
	if (passing && ok(it))
		frame_block(it)->at = frame_block(it)->returning ? TOP(it) :
		    H(it)->stack_len;
	return ok(it);
}

/*
 * An exception came to the exit step of manager block b, the `finally:`
 * block that push_exc_info began on top: WITH_EXCEPT_START calls
 * __exit__(type(exc), exc, exc.__traceback__), POP_JUMP_IF_TRUE drops
 * the result.  True: the exception is swallowed (POP_TOP, POP_EXCEPT,
 * then the manager's __exit__ goes); false: it is raised again (RERAISE,
 * then POP_EXCEPT in its cleanup), or __exit__ raised.
 */
static bool
with_exit_exception(struct interp *it, const struct for_loop *b,
    uint32_t offset, bool *reraised)
{
	struct for_loop	 f = *frame_block(it);
	objid_t		 exc = f.exc, args[3];
	int64_t		 tb = held_named(it, exc, atom_from("__traceback__"));
	bool		 swallow;

	*reraised = false;
	args[0] = heap_exception_class(H(it), exc);
	if (args[0] == OBJ_NULL) {
		/* a built-in class: its type object */
		objects_push_type(&it->m, type_name(it, exc));
		if (!ok(it))
			return false;
		args[0] = stack_at(it, TOP(it));
		drop_top(it, REASON_OPERAND_DONE, ATOM_NONE);
	}
	args[1] = exc;
	if (tb < 0)
		return raise(it, offset, NULL, "an exception with no "
		    "traceback coming to a `with` is not supported yet");
	args[2] = obj(it, exc)->as.iter->held[tb];
	if (!ok(it) || !with_call_exit(it, b, offset, args, false) ||
	    truth_refused(it, offset, stack_at(it, TOP(it))))
		return false;
	swallow = truth(it, stack_at(it, TOP(it)));
	drop_top(it, REASON_OPERAND_DONE, ATOM_NONE);
	if (!ok(it))
		return false;
	if (!swallow) {
		pop_except(it, &f);
		it->loop_count--;
		*reraised = true;
		return ok(it) && throw(it, offset, true);
	}
	drop_at(it, f.at + 2, REASON_OPERAND_DONE);
	if (ok(it))
		pop_except(it, &f);
	it->loop_count--;
	if (ok(it))
		with_drop_exit(it, b);
	return ok(it);
}

/*
 * An exception raised on the `with` line at step h (by a manager's
 * expression or __enter__) or by an __exit__ comes to the next manager
 * out's handler, further on in the same line: no line event, so it is
 * caught here, in the running step, as catch_here would (its traceback
 * entry, the stack unwound down to that manager, PUSH_EXC_INFO).  Only a
 * RERAISE of a false __exit__ result seems to come from the block's line,
 * and makes a step of its own (step_handler).  True when a manager
 * swallowed the exception; false when it goes on, or nothing of this
 * `with` is left to catch it.
 */
static bool
with_catch(struct interp *it, uint32_t h, uint32_t offset)
{
	struct for_loop	 b;
	objid_t		 exc = it->raising;
	uint32_t	 i = it->loop_count;
	bool		 reraised;

	while (i-- > 0 && it->loops[i].frame == it->frame)
		if (it->loops[i].is_with && it->loops[i].header == h)
			break;
	if (exc == OBJ_NULL || it->m.error != NULL || i == UINT32_MAX ||
	    it->loops[i].frame != it->frame || !it->loops[i].is_with ||
	    it->loops[i].header != h)
		return false;
	it->raising = OBJ_NULL;
	it->m.failed = false;
	if (!it->raise_traced)
		traceback_here(it);
	it->raise_traced = false;
	while (ok(it) && it->loop_count > i + 1) {
		pop_under_exception(it, block_level(it));
		if (ok(it))
			block_end(it, true);
	}
	pop_under_exception(it, block_level(it));
	objects_push_none(&it->m);
	push_ref(it, exc, REASON_LOAD, ATOM_NONE);
	if (!ok(it))
		return false;
	push_block(it, (struct for_loop){ .header = h, .frame = it->frame,
	    .at = TOP(it) - 2, .handler = true, .is_finally = true,
	    .exc = exc, .first = UINT32_MAX });
	if (!with_take_block(it, h, &b))
		return false;
	if (with_exit_exception(it, &b, offset, &reraised))
		return true;
	return !reraised && with_catch(it, h, offset);
}

/* An exit step of the `with` at step src->clause - 1. */
static bool
exec_with_exit(struct interp *it, const struct stmt *s)
{
	const struct scenario_step	*src = body_step(it, it->function,
	    it->pc);
	uint32_t			 h = src->clause - 1;
	struct for_loop			*f = frame_block(it);
	struct for_loop			 b;

	if (f != NULL && f->is_finally && !f->returning && !f->jumping &&
	    f->header == h) {
		/* the manager's block is the one under the handler's */
		bool reraised;

		if (!with_take_block(it, h, &b))
			return raise(it, s->offset, NULL, "no manager to exit");
		if (!with_exit_exception(it, &b, s->offset, &reraised) &&
		    (reraised || !with_catch(it, h, s->offset)))
			return false;
	}
	return with_exit_all(it, h, s->offset);
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
		if (body_step(it, it->function, it->pc)->finally_at != 0)
			return return_through_finally(it, body_step(it,
			    it->function, it->pc)->finally_at - 1);
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
	case STMT_CLASS:
		return exec_class(it, s);
	case STMT_IMPORT:	/* the modules are always there */
		return exec_import(it, s);
	case STMT_EXCEPT:
		return exec_except(it, s);
	case STMT_RAISE:
		return exec_raise(it, s);
	case STMT_ASSERT:
		return exec_assert(it, s);
	case STMT_CONTINUE:
		return exec_continue(it);
	case STMT_WITH:
		if (body_step(it, it->function, it->pc)->with_item != 0)
			return exec_with_exit(it, s);
		return exec_with(it, s);
	case STMT_GLOBAL:
	case STMT_NONLOCAL:
	case STMT_PASS:
	case STMT_TRY:
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
	    st->stmt->kind == STMT_WHILE || st->stmt->kind == STMT_FOR ||
	    st->stmt->kind == STMT_EXCEPT) && !it->branch)
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
	if (inner->kind == EXPR_INT && inner->big != NULL)
		return e;	/* literal_equals reads the signs itself */
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

/* The value of an int literal beyond 64 bits under its signs (*negative
 * when they make it negative), or NULL when e is not one. */
static const struct bigint *
big_literal(const struct expr *e, bool *negative)
{
	*negative = false;
	while (e->kind == EXPR_UNARY && e->as.unary.op != UNOP_NOT) {
		*negative ^= e->as.unary.op == UNOP_NEG;
		e = e->as.unary.operand;
	}
	return e->kind == EXPR_INT ? e->big : NULL;
}

/* Whether number object o equals the literal value (negated). */
static bool
big_literal_equals(const struct object *o, const struct bigint *value,
    bool negative)
{
	struct bigint	*v = negative ? bigint_neg(value) : bigint_copy(value);
	bool		 equal;

	if (o->type == OBJ_FLOAT)
		equal = !isnan(o->as.f) && bigint_cmp_double(v, o->as.f) == 0;
	else
		equal = heap_bigint(o) != NULL && bigint_cmp(v, o->as.big) == 0;
	bigint_free(v);
	return equal;
}

static bool
literal_equals(struct interp *it, objid_t key, const struct expr *e)
{
	const struct object *o = obj(it, key);
	struct expr folded;
	bool negative;

	e = fold_signs(e, &folded);
	if (big_literal(e, &negative) != NULL)
		return big_literal_equals(o, big_literal(e, &negative),
		    negative);
	if (heap_bigint(o) != NULL)
		return e->kind == EXPR_FLOAT && bigint_cmp_double(o->as.big,
		    e->as.float_value) == 0;
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
		return e->big != NULL ? OBJ_NULL :
		    objects_shared_int(&it->m, e->as.int_value);
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
			value = local_value(it, index);
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
		    index->kind == EXPR_INT && index->big == NULL) {
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

/*
 * The value of an expect: or ask: line where it stands: a count, or 1/0
 * for a question of truth (is, is not, alive).  False when its subject
 * names nothing it can be asked of, with *why saying so ("is not
 * defined", "is not tracked by the collector").
 */
static bool
expect_value(struct interp *it, const struct expect *x, uint32_t tstep,
    int64_t *value, const char **why)
{
	objid_t		 a = OBJ_NULL, b;
	const char	*why_b = NULL;

	*value = 0;
	*why = NULL;
	if (x->subject != NULL) {
		a = resolve(it, x->subject, why);
		if (a == OBJ_NULL && x->kind != EXPECT_IS_NOT &&
		    x->kind != EXPECT_ALIVE)
			return false;
	}
	switch (x->kind) {
	case EXPECT_REFCOUNT:
		*value = obj(it, a)->refcount;
		break;
	case EXPECT_GEN:
		if (!(obj(it, a)->flags & OBJF_TRACKED)) {
			*why = "is not tracked by the collector";
			return false;
		}
		*value = obj(it, a)->gen;
		break;
	case EXPECT_IS:
	case EXPECT_IS_NOT:
		b = resolve(it, x->other, &why_b);
		*value = (a != OBJ_NULL && a == b) == (x->kind == EXPECT_IS);
		break;
	case EXPECT_ALIVE:
		*value = a != OBJ_NULL && heap_alive(H(it), a);
		break;
	case EXPECT_HEAP:
		*value = H(it)->live_uncached;
		break;
	case EXPECT_COLLECTED:
		*value = machine_collected_in(&it->m, tstep);
		break;
	case EXPECT_FREED:
		*value = machine_freed_in(&it->m, tstep);
		break;
	}
	return true;
}

static void
check_expect(struct interp *it, const struct expect *x,
    const struct text *where, uint32_t tstep)
{
	const char	*why, *text = where->value;
	int64_t		 seen;
	char		*subject = x->subject ? ast_expr_text(x->subject) : NULL;

	it->result->expects_checked++;
	if (!expect_value(it, x, tstep, &seen, &why)) {
		expect_failed(it, where, text, "%s %s", subject, why);
		goto out;
	}
	switch (x->kind) {
	case EXPECT_REFCOUNT:
	case EXPECT_GEN:
		if (!compare(seen, x->op, x->number))
			expect_failed(it, where, text, "%s(%s) is %lld",
			    x->kind == EXPECT_GEN ? "gen" : "refcount",
			    subject, (long long)seen);
		break;
	case EXPECT_IS:
	case EXPECT_IS_NOT:
		if (!seen)
			expect_failed(it, where, text, "they are %s",
			    x->kind == EXPECT_IS ? "different objects" :
			    "the same object");
		break;
	case EXPECT_ALIVE:
		if (!seen)
			expect_failed(it, where, text, "%s %s", subject,
			    why ? why : "is not alive");
		break;
	default:
		if (!compare(seen, x->op, x->number))
			expect_failed(it, where, text, "the value is %lld",
			    (long long)seen);
		break;
	}
out:
	xfree(subject);
}

/* An answer as a reader would write it: True/False, or the number. */
static const char *
answer_text(const struct expect *ask, int64_t v, char *buf, size_t size)
{
	if (ask_is_truth(ask))
		return v ? "True" : "False";
	snprintf(buf, size, "%lld", (long long)v);
	return buf;
}

/*
 * Records a step's ask: as its value where the step ended, and checks the
 * author's answer: against it.  A subject that names nothing there, or a
 * wrong answer, is reported like a failed expect (status 1).
 */
static void
record_answer(struct interp *it, uint32_t tstep, const struct program_step *st)
{
	struct interp_result	*r = it->result;
	const struct scenario_step *src = st->source;
	const char		*why;
	int64_t			 v;
	char			 got[24], given[24];

	if (!expect_value(it, st->ask, tstep, &v, &why)) {
		char *subject = ast_expr_text(st->ask->subject);

		diag_append(it->errors, program_error_at(it->p, &src->ask, 0,
		    DIAG_EXPECT_FAILED, "ask: %s: %s %s", src->ask.value,
		    subject, why));
		xfree(subject);
		r->expects_failed++;
		return;
	}
	if (r->answer_count % 16 == 0)
		r->answers = xreallocarray(r->answers, r->answer_count + 16,
		    sizeof *r->answers);
	r->answers[r->answer_count++] = (struct interp_answer){ tstep, st, v };
	if (!st->has_answer)
		return;
	r->answers_checked++;
	if (v != st->answer) {
		diag_append(it->errors, program_error_at(it->p, &src->answer,
		    0, DIAG_EXPECT_FAILED, "answer: %s is %s, not %s",
		    src->ask.value, answer_text(st->ask, v, got, sizeof got),
		    answer_text(st->ask, st->answer, given, sizeof given)));
		r->expects_failed++;
	}
}

void
interp_result_free(struct interp_result *r)
{
	xfree(r->answers);
	r->answers = NULL;
	r->answer_count = 0;
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

/* Evaluates a step's expect: lines and its ask: where it stands: inside a
 * function, before a returning step's frame goes. */
static void
check_expects(struct interp *it, uint32_t tstep, const struct program_step *st)
{
	for (uint32_t i = 0; i < st->expect_count && ok(it); i++)
		if (expect_for_version(st->expects[i], H(it)->python))
			check_expect(it, st->expects[i],
			    &st->source->expects[i], tstep);
	if (st->ask != NULL && ok(it))
		record_answer(it, tstep, st);
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

/* Local i of function frame `frame` onto the stack, unbound (a frame
 * that ends lets its locals go); OBJ_NULL when it was not bound. */
static objid_t
unbind_local(struct interp *it, uint32_t frame, uint32_t i)
{
	objid_t v = heap_frame(H(it), frame)->names[i].value;

	if (v != OBJ_NULL)
		machine_emit(&it->m, (struct event){ .kind = EV_UNBIND,
		    .reason = REASON_SCOPE_EXIT, .site = SITE_NAME,
		    .object = v, .owner = frame, .index = i,
		    .detail = it->function->locals[i] });
	return v;
}

/* Leaves the frame: locals released in co_varnames order, then the
 * frame's hold on its function (_PyFrame_Clear). */
static void
leave_frame(struct interp *it)
{
	const struct program_function *f = it->function;
	uint32_t frame = it->frame;
	objid_t fo = heap_frame(H(it), frame)->object;

	/* _PyFrame_Clear: a frame object something else holds takes the
	 * frame's data; one only the frame holds goes first */
	if (fo != OBJ_NULL) {
		emit_move(it, EV_SLOT_REMOVE, SITE_FRAME_OBJ, fo, frame, 0,
		    OBJ_NULL, 0, REASON_FRAME, f->name);
		if (ok(it) && obj(it, fo)->refcount > 1) {
			leave_frame_owned(it, fo);
			drop_top(it, REASON_FRAME, f->name);
			return;
		}
		drop_top(it, REASON_FRAME, f->name);
	}

	for (uint32_t n = 0; n < f->local_count && ok(it); n++) {
		uint32_t i = version_rules(H(it)->python)->locals_last_first ?
		    f->local_count - 1 - n : n;

		if (unbind_local(it, frame, i) != OBJ_NULL)
			drop_top(it, REASON_SCOPE_EXIT, f->locals[i]);
	}
	machine_emit(&it->m, (struct event){ .kind = EV_FRAME_POP,
	    .reason = REASON_FRAME, .object = heap_frame(H(it),
	    frame)->function, .owner = frame });
	drop_top(it, REASON_FRAME, f->name);
}

/* ---- comprehensions (.py) ----
 *
 * 3.11 runs a comprehension as a function of its own: MAKE_FUNCTION, the
 * first iterable, GET_ITER, CALL with the iterator as its one argument
 * (.0).  Its frame builds the list (set, dict) on its stack, loads .0,
 * and for each item FOR_ITER, STORE_FAST of the target, the tests, the
 * element, LIST_APPEND (SET_ADD, MAP_ADD).  3.12 on inline a list, set
 * or dict comprehension in the code it is in (PEP 709): no function, no
 * frame; its targets are hidden fast locals there, saved before the loop
 * and restored after it (LOAD_FAST_AND_CLEAR), held here on the stack.
 *
 * Each item ends with a jump back to a FOR_ITER, which sys.settrace
 * reports as the line again: the running step ends there and another
 * step of the same line begins (the comprehension's own in 3.11, the
 * enclosing code's from 3.12 on).
 */

struct comp_run {
	const struct expr	*e;
	struct comp_run		*outer;
	uint32_t		 frame;		/* the frame its code runs in */
	uint32_t		 result;	/* stack position of the list,
						   set or dict being built */
	uint32_t		*iters;		/* each clause's iterator's */
	/* 3.12 on: its targets' names, each one's value's stack position,
	 * and whether it has one yet */
	atom_t			*hidden;
	uint32_t		*slots;
	bool			*bound;
	uint32_t		 hidden_count;
	bool			 inlined;
	/* the items an unpacking has put on the stack, not yet stored:
	 * their positions */
	uint32_t		*pending;
	uint32_t		 pending_count;
};

/* Whether the running frame is inside a comprehension's loop. */
static bool
in_comprehension(const struct interp *it)
{
	return it->comp != NULL && it->comp->frame == it->frame;
}

static bool
hidden_find(const struct interp *it, atom_t name, struct comp_run **run,
    uint32_t *i)
{
	for (struct comp_run *r = it->comp; r != NULL; r = r->outer) {
		if (r->frame != it->frame)
			return false;
		for (uint32_t k = 0; k < r->hidden_count; k++)
			if (r->hidden[k] == name) {
				*run = r;
				*i = k;
				return true;
			}
	}
	return false;
}

static objid_t
hidden_value(const struct interp *it, const struct comp_run *run, uint32_t i)
{
	return run->bound[i] ? stack_at(it, run->slots[i]) : OBJ_NULL;
}

/* Drops the stack entry at pos, which run tracks: the positions above it
 * move down one. */
static void
comp_drop(struct interp *it, struct comp_run *run, uint32_t pos)
{
	drop_at(it, pos, REASON_OPERAND_DONE);
	if (run->result > pos)
		run->result--;
	for (uint32_t i = 0; i < run->e->as.comp.count; i++)
		if (run->iters[i] != UINT32_MAX && run->iters[i] > pos)
			run->iters[i]--;
	for (uint32_t i = 0; i < run->hidden_count; i++)
		if (run->bound[i] && run->slots[i] > pos)
			run->slots[i]--;
	for (uint32_t i = 0; i < run->pending_count; i++)
		if (run->pending[i] > pos)
			run->pending[i]--;
}

/*
 * Stores the value at stack position pos to target t of an inlined
 * comprehension (a name, or a tuple or list of them): UNPACK_SEQUENCE,
 * then STORE_FAST of each name, which drops the old value.  A hidden
 * name's value stays where it is on the stack: that is its slot.
 */
static bool
hidden_store_at(struct interp *it, struct comp_run *run, const struct expr *t,
    uint32_t pos)
{
	uint32_t	i, old, want, first;
	bool		was;

	if (t->kind == EXPR_NAME) {
		for (i = 0; run->hidden[i] != t->as.name; i++)
			;
		was = run->bound[i];
		old = run->slots[i];
		run->slots[i] = pos;
		run->bound[i] = true;
		if (was)
			comp_drop(it, run, old);
		return ok(it);
	}
	if (t->kind != EXPR_TUPLE && t->kind != EXPR_LIST)
		return raise(it, t->offset, NULL, "a comprehension target "
		    "other than names is not supported yet");
	if (!unpack_check(it, t, stack_at(it, pos)))
		return false;
	want = t->as.seq.count;
	first = run->pending_count;
	run->pending = xreallocarray(run->pending, first + want,
	    sizeof *run->pending);
	run->pending_count += want;
	for (i = want; i-- > 0 && ok(it);) {
		push_ref(it, obj(it, stack_at(it, pos))->as.seq->items[i],
		    REASON_UNPACK, ATOM_NONE);
		run->pending[first + i] = TOP(it);
	}
	comp_drop(it, run, pos);
	for (i = 0; i < want && ok(it); i++)
		hidden_store_at(it, run, t->as.seq.items[i],
		    run->pending[first + i]);
	run->pending_count = first;
	return ok(it);
}

static void
hidden_add(struct comp_run *run, const struct expr *t)
{
	if (t->kind == EXPR_TUPLE || t->kind == EXPR_LIST) {
		for (uint32_t i = 0; i < t->as.seq.count; i++)
			hidden_add(run, t->as.seq.items[i]);
		return;
	}
	if (t->kind != EXPR_NAME)
		return;
	for (uint32_t i = 0; i < run->hidden_count; i++)
		if (run->hidden[i] == t->as.name)
			return;
	run->hidden = xreallocarray(run->hidden, run->hidden_count + 1,
	    sizeof *run->hidden);
	run->hidden[run->hidden_count++] = t->as.name;
}

/* The jump back to a FOR_ITER: sys.settrace reports the line again.  In
 * a comprehension's own frame that is a step of its own; inlined, it is
 * the same line of the code it is in, whose step goes on (a statement is
 * one step, however many line events it gets). */
static bool
line_again(struct interp *it, const struct comp_run *run)
{
	struct timeline			*t = it->m.timeline;
	const struct timeline_step	*cur = &t->steps[it->m.step];
	uint32_t			 function = cur->function;
	uint32_t			 source = cur->source;

	if (run->inlined)
		return true;
	close_step(it, it->m.step);
	if (!ok(it) || !check_step_limit(it))
		return false;
	it->m.step = timeline_begin_step(t, function, source, it->depth, 0,
	    it->module_step);
	return true;
}

/* LIST_APPEND, SET_ADD, MAP_ADD of the element (and value) on top into
 * the container being built; each takes its operands' references. */
static bool
comp_add(struct interp *it, struct comp_run *run)
{
	objid_t		c = stack_at(it, run->result);
	uint32_t	offset = run->e->as.comp.elt->offset;

	switch (run->e->kind) {
	case EXPR_LISTCOMP:
		emit_move(it, EV_SLOT_INSERT, SITE_ITEM, stack_at(it, TOP(it)),
		    c, obj(it, c)->as.seq->len, OBJ_NULL, TOP(it),
		    REASON_STORE, ATOM_NONE);
		return ok(it);
	case EXPR_SETCOMP:
		return set_add_from(it, offset, c, TOP(it),
		    version_rules(H(it)->python)->set_op_takes);
	default:
		return dict_insert_at(it, offset, c, TOP(it) - 1, TOP(it),
		    true);
	}
}

/*
 * The comprehension's loop, from clause *level, whose iterator is on the
 * stack: each item stored to the clause's target and tested, then the
 * next clause's loop, down to the element, which is left on top (with a
 * dict's value above its key): *made.  A clause that runs out drops its
 * iterator and goes back to the one before; when the first runs out,
 * *made is false.
 */
static bool
comp_next(struct interp *it, struct comp_run *run, uint32_t *level,
    bool *made)
{
	const struct expr	*e = run->e;
	bool			 done, pass;

	for (;;) {
		const struct comp_clause *c = &e->as.comp.clauses[*level];

		if (!iter_step(it, c->iter->offset,
		    stack_at(it, run->iters[*level]), &done)) {
			if (!done)
				return false;
			comp_drop(it, run, run->iters[*level]);
			run->iters[*level] = UINT32_MAX;
			if (*level == 0) {
				*made = false;
				return ok(it);
			}
			(*level)--;
			if (!line_again(it, run))
				return false;
			continue;
		}
		if (run->inlined ? !hidden_store_at(it, run, c->target,
		    TOP(it)) : !store_target(it, c->target))
			return false;
		pass = true;
		for (uint32_t k = 0; k < c->if_count && pass; k++) {
			if (!exec_test(it, c->ifs[k]))
				return false;
			pass = it->branch;
		}
		if (!pass) {
			if (!line_again(it, run))
				return false;
			continue;
		}
		if (*level + 1 < e->as.comp.count) {
			const struct expr *next = e->as.comp.clauses[
			    *level + 1].iter;

			if (!eval(it, next) || !push_iter(it, next->offset,
			    stack_at(it, TOP(it))))
				return false;
			drop_at(it, TOP(it) - 1, REASON_OPERAND_DONE);
			run->iters[++*level] = TOP(it);
			continue;
		}
		if (!eval(it, e->as.comp.elt) || (e->as.comp.value != NULL &&
		    !eval(it, e->as.comp.value)))
			return false;
		*made = true;
		return ok(it);
	}
}

/* A list, set or dict comprehension's loop to its end, each element
 * added, each jump back a line again. */
static bool
comp_fill(struct interp *it, struct comp_run *run)
{
	uint32_t	level = 0;
	bool		made;

	while (comp_next(it, run, &level, &made) && made)
		if (!comp_add(it, run) || !line_again(it, run))
			return false;
	return ok(it);
}

/* BUILD_LIST (SET, MAP) on top: the container the comprehension fills. */
static void
comp_begin(struct interp *it, struct comp_run *run)
{
	static const enum obj_type type[] = {
		[EXPR_LISTCOMP] = OBJ_LIST, [EXPR_SETCOMP] = OBJ_SET,
		[EXPR_DICTCOMP] = OBJ_DICT,
	};

	push_new(it, type[run->e->kind]);
	run->result = TOP(it);
}

/* 3.12 on: the comprehension in the running code, its iterator on top. */
static bool
comp_inlined(struct interp *it, struct comp_run *run)
{
	const struct expr *e = run->e;

	for (uint32_t i = 0; i < e->as.comp.count; i++)
		hidden_add(run, e->as.comp.clauses[i].target);
	run->slots = xcalloc(run->hidden_count + 1, sizeof *run->slots);
	run->bound = xcalloc(run->hidden_count + 1, sizeof *run->bound);
	run->iters[0] = TOP(it);
	comp_begin(it, run);
	run->outer = it->comp;
	it->comp = run;
	if (ok(it))
		comp_fill(it, run);
	it->comp = run->outer;
	/* the targets restored, the last saved first */
	for (uint32_t i = run->hidden_count; i-- > 0 && ok(it);)
		if (run->bound[i])
			comp_drop(it, run, run->slots[i]);
	return ok(it);
}

/* Where the interpreter was, kept while it runs a comprehension's or a
 * generator's frame. */
struct saved_place {
	const struct program_function	*function;
	const struct text		*code;
	uint32_t			 frame, step, pc;
};

/* Enters frame number `frame` of function fi (its one body step) and
 * opens that step: sys.settrace's call and line events.  False when the
 * run is over (an error, the step limit); leave_place either way. */
static bool
enter_place(struct interp *it, struct saved_place *saved, uint32_t fi,
    uint32_t frame)
{
	const struct program_function *f = &it->p->functions[fi];

	*saved = (struct saved_place){ it->function, it->code, it->frame,
	    it->m.step, it->pc };
	it->function = f;
	it->frame = frame;
	it->code = &f->body[0].source->code;
	it->pc = 0;
	it->depth++;
	if (!ok(it) || !check_step_limit(it))
		return false;
	it->m.step = timeline_begin_step(it->m.timeline, fi + 1, 0, it->depth,
	    0, it->module_step);
	return true;
}

static void
leave_place(struct interp *it, const struct saved_place *saved)
{
	it->depth--;
	it->function = saved->function;
	it->frame = saved->frame;
	it->code = saved->code;
	it->m.step = saved->step;
	it->pc = saved->pc;
}

/* 3.11 (and a generator expression's function): the comprehension's
 * function called with the iterator, which is on top, the function
 * under it. */
static bool
comp_called(struct interp *it, struct comp_run *run, uint32_t fi)
{
	const struct program_function	*f = &it->p->functions[fi];
	struct saved_place		 saved;
	uint32_t			 base = TOP(it) - 1, frame;
	objid_t				 fn = stack_at(it, base);

	if (it->depth + 1 > INTERP_MAX_DEPTH)
		return raise(it, run->e->offset, "RecursionError", "maximum "
		    "recursion depth exceeded (the call depth limit is %u)",
		    INTERP_MAX_DEPTH);
	frame = H(it)->frame_count;
	machine_emit(&it->m, (struct event){ .kind = EV_FRAME_PUSH,
	    .reason = REASON_FRAME, .object = fn, .owner = frame,
	    .index = base, .detail = f->name });
	if (ok(it))
		machine_emit(&it->m, (struct event){ .kind = EV_BIND,
		    .reason = REASON_ARGUMENT, .site = SITE_NAME,
		    .object = stack_at(it, base), .owner = frame, .index = 0,
		    .aux = base, .detail = f->name });
	if (f->local_kinds != NULL && ok(it))
		frame_cells(it, fn, f, frame);
	if (enter_place(it, &saved, fi, frame)) {
		run->frame = frame;
		comp_begin(it, run);
		/* LOAD_FAST .0: FOR_ITER works on the stack's reference */
		push_ref(it, heap_frame(H(it), frame)->names[0].value,
		    REASON_LOAD, f->locals[0]);
		run->iters[0] = TOP(it);
		if (ok(it))
			comp_fill(it, run);
		if (ok(it))
			leave_frame(it);
		if (ok(it))
			close_step(it, it->m.step);
	}
	leave_place(it, &saved);
	return ok(it);
}

/* ---- generator expressions (.py) ----
 *
 * Calling a generator expression's function makes a generator, which
 * takes the frame the call would have run (RETURN_GENERATOR): here its
 * references -- .0, then the function -- move into the generator object.
 * Each next() (gen_send_ex) pushes the frame again with what the
 * generator kept, runs it to its next element (YIELD_VALUE: the frame's
 * stack, locals and function move back into the generator, the element
 * goes to the caller) or to its end (the frame is cleared as a return
 * clears it).  Each resume is a step of its own: sys.settrace reports a
 * call and a line event each time.  pos: 0 made, 1 started, 2 done.
 */

enum { GEN_MADE, GEN_STARTED, GEN_DONE };

/* Whether f has cells of its own (MAKE_CELL: a function inside it reads
 * one of its variables), which a generator's frame does not keep here. */
static bool
gen_has_cells(const struct program_function *f)
{
	for (uint32_t k = 0; k < f->local_count; k++)
		if (program_local_kind(f, k) == LOCAL_CELL)
			return true;
	return false;
}

/* The local index of what a generator that has not started holds at
 * held[i] (of count, its function last): .0, then its free variables'
 * cells. */
static uint32_t
gen_made_local(const struct program_function *f, uint32_t i, uint32_t count)
{
	return i == 0 ? 0 : f->local_count - (count - 2) + (i - 1);
}

/* The function under the iterator on top: the frame a call would start
 * (.0, then COPY_FREE_VARS: the cells of its __closure__) goes into a
 * new generator with the function (RETURN_GENERATOR), left on top. */
static bool
gen_new(struct interp *it, uint32_t fi)
{
	const struct program_function	*f = &it->p->functions[fi];
	uint32_t			 first = f->local_count - f->free_count;
	objid_t				 g, fn = stack_at(it, TOP(it) - 1);

	g = heap_reserve_iter(H(it), ITER_GENERATOR, 0,
	    (int64_t)f->qualname, 0);
	objects_alloc(&it->m, g, REASON_NEW, f->name);
	if (ok(it))
		emit_move(it, EV_SLOT_INSERT, SITE_HELD, stack_at(it,
		    TOP(it) - 1), g, 0, OBJ_NULL, TOP(it) - 1,
		    REASON_ARGUMENT, f->locals[0]);
	for (uint32_t k = 0; k < f->free_count && ok(it); k++) {
		objid_t closure = obj(it, fn)->as.fn->consts[0];

		push_ref(it, obj(it, closure)->as.seq->items[k], REASON_LOAD,
		    f->locals[first + k]);
		emit_move(it, EV_SLOT_INSERT, SITE_HELD, stack_at(it,
		    TOP(it)), g, 1 + k, OBJ_NULL, TOP(it), REASON_STORE,
		    f->locals[first + k]);
	}
	if (ok(it))
		emit_move(it, EV_SLOT_INSERT, SITE_HELD, stack_at(it,
		    TOP(it) - 1), g, 1 + f->free_count, OBJ_NULL, TOP(it) - 1,
		    REASON_FRAME, f->name);
	return ok(it);
}

/* YIELD_VALUE with the element on top: the frame's stack entries (the
 * clauses' iterators, top first), its locals in order and its function
 * go back into generator g; the frame goes; the element stays on top. */
static void
gen_suspend(struct interp *it, struct comp_run *run, objid_t g,
    const struct program_function *f)
{
	uint32_t n = run->e->as.comp.count, held = 0;

	for (uint32_t j = n; j-- > 0 && ok(it);)
		emit_move(it, EV_SLOT_INSERT, SITE_HELD, stack_at(it,
		    run->iters[j]), g, held++, OBJ_NULL, run->iters[j],
		    REASON_FRAME, ATOM_NONE);
	for (uint32_t k = 0; k < f->local_count && ok(it); k++)
		if (unbind_local(it, it->frame, k) != OBJ_NULL && ok(it))
			emit_move(it, EV_SLOT_INSERT, SITE_HELD, stack_at(it,
			    TOP(it)), g, held++, OBJ_NULL, TOP(it),
			    REASON_FRAME, f->locals[k]);
	if (!ok(it))
		return;
	machine_emit(&it->m, (struct event){ .kind = EV_FRAME_POP,
	    .reason = REASON_FRAME, .object = heap_frame(H(it),
	    it->frame)->function, .owner = it->frame });
	if (ok(it))
		emit_move(it, EV_SLOT_INSERT, SITE_HELD, stack_at(it, TOP(it)),
		    g, held, OBJ_NULL, TOP(it), REASON_FRAME, f->name);
}

/* next() of generator g: its next element on top, or *done at its end
 * (StopIteration). */
static bool
gen_resume(struct interp *it, uint32_t offset, objid_t g, bool *done)
{
	const struct pyiter		*gi = obj(it, g)->as.iter;
	struct saved_place		 saved;
	const struct program_function	*f;
	struct comp_run			 run = { .frame = 0 };
	objid_t				 fn;
	uint32_t			 frame, stack, level = 0, fi;
	bool				 started = gi->pos == GEN_STARTED;
	bool				 made = false;

	*done = false;
	if (gi->count == 0 && gi->pos == GEN_STARTED)
		return raise(it, offset, "ValueError", "generator already "
		    "executing");
	if (gi->count == 0 || gi->pos == GEN_DONE) {
		*done = true;
		return ok(it);
	}
	if (it->depth + 1 > INTERP_MAX_DEPTH)
		return raise(it, offset, "RecursionError", "maximum "
		    "recursion depth exceeded (the call depth limit is %u)",
		    INTERP_MAX_DEPTH);
	fn = gi->held[gi->count - 1];
	fi = obj(it, fn)->as.fn->index;
	f = &it->p->functions[fi];
	stack = started ? gi->count - 1 - f->local_count : 0;
	/* the frame again: its function, its locals, its stack */
	emit_move(it, EV_SLOT_REMOVE, SITE_HELD, fn, g, gi->count - 1,
	    OBJ_NULL, 0, REASON_FRAME, f->name);
	frame = H(it)->frame_count;
	if (ok(it))
		machine_emit(&it->m, (struct event){ .kind = EV_FRAME_PUSH,
		    .reason = REASON_FRAME, .object = fn, .owner = frame,
		    .index = TOP(it), .detail = f->name });
	for (uint32_t i = 0, n = gi->count; ok(it) && gi->count > stack;
	    i++) {
		objid_t		v = gi->held[stack];
		uint32_t	k = started ? i : gen_made_local(f, i, n + 1);

		emit_move(it, EV_SLOT_REMOVE, SITE_HELD, v, g, stack,
		    OBJ_NULL, 0, REASON_FRAME, f->locals[k]);
		if (ok(it))
			machine_emit(&it->m, (struct event){ .kind = EV_BIND,
			    .reason = REASON_STORE, .site = SITE_NAME,
			    .object = v, .owner = frame, .index = k,
			    .aux = TOP(it), .detail = f->locals[k] });
	}
	run.e = f->comp;
	run.frame = frame;
	run.iters = xcalloc(run.e->as.comp.count, sizeof *run.iters);
	for (uint32_t j = 0; j < run.e->as.comp.count; j++)
		run.iters[j] = UINT32_MAX;
	for (uint32_t j = 0; ok(it) && j < stack; j++) {
		uint32_t last = obj(it, g)->as.iter->count - 1;

		emit_move(it, EV_SLOT_REMOVE, SITE_HELD, obj(it,
		    g)->as.iter->held[last], g, last, OBJ_NULL, 0,
		    REASON_FRAME, ATOM_NONE);
		run.iters[j] = TOP(it);
	}
	if (enter_place(it, &saved, fi, frame)) {
		if (started)	/* back at the innermost FOR_ITER */
			level = stack - 1;
		else {
			/* LOAD_FAST .0 */
			iter_advance(it, g, GEN_STARTED);
			push_ref(it, heap_frame(H(it), frame)->names[0].value,
			    REASON_LOAD, f->locals[0]);
			run.iters[0] = TOP(it);
		}
		if (ok(it))
			comp_next(it, &run, &level, &made);
		if (ok(it) && made)
			gen_suspend(it, &run, g, f);
		else if (ok(it)) {
			/* the end: the frame cleared, as a return clears
			 * it (its None is StopIteration's) */
			iter_advance(it, g, GEN_DONE - GEN_STARTED);
			leave_frame(it);
			*done = ok(it);
		}
		if (ok(it))
			close_step(it, it->m.step);
	}
	xfree(run.iters);
	leave_place(it, &saved);
	return ok(it) && made;
}

/* _PyGen_Finalize of a generator that has not ended: gen_close throws
 * GeneratorExit into its frame, which ends it as an exception ends a
 * frame -- its stack entries popped, top first, then its locals in
 * order, then its function -- while the finalizer holds the generator. */
static void
gen_close(struct interp *it, objid_t g)
{
	const struct version_rules	*vr = version_rules(H(it)->python);
	const struct pyiter		*gi = obj(it, g)->as.iter;
	const struct pyfunction		*fn = obj(it, gi->held[gi->count -
					    1])->as.fn;
	bool				 clears = gi->pos != GEN_MADE ||
					    vr->close_clears_unstarted;
	uint32_t			 stack = gi->pos == GEN_STARTED ?
					    gi->count - 1 - fn->local_count : 0;

	push_ref(it, g, REASON_LOAD, ATOM_NONE);
	if (stack > 0 && vr->close_locals_first) {
		/* the locals, in order, then the stack from its bottom */
		for (uint32_t k = 0; k < fn->local_count && ok(it); k++) {
			emit_move(it, EV_SLOT_REMOVE, SITE_HELD,
			    gi->held[stack], g, stack, OBJ_NULL, 0,
			    REASON_SCOPE_EXIT, fn->locals[k]);
			drop_top(it, REASON_SCOPE_EXIT, fn->locals[k]);
		}
		for (uint32_t j = stack; j-- > 0 && ok(it);) {
			emit_move(it, EV_SLOT_REMOVE, SITE_HELD, gi->held[j],
			    g, j, OBJ_NULL, 0, REASON_SCOPE_EXIT, ATOM_NONE);
			drop_top(it, REASON_SCOPE_EXIT, ATOM_NONE);
		}
	}
	/* the stack from its top, the locals, the function */
	while (ok(it) && clears && gi->count > 0) {
		emit_move(it, EV_SLOT_REMOVE, SITE_HELD, gi->held[0], g, 0,
		    OBJ_NULL, 0, REASON_SCOPE_EXIT, ATOM_NONE);
		drop_top(it, REASON_SCOPE_EXIT, ATOM_NONE);
	}
	if (ok(it))
		iter_advance(it, g, GEN_DONE - gi->pos);
	if (ok(it))
		machine_emit(&it->m, (struct event){ .kind = EV_FINALIZED,
		    .object = g });
	drop_top(it, REASON_OPERAND_DONE, ATOM_NONE);
}

static bool
eval_comp(struct interp *it, const struct expr *e)
{
	const struct expr	*first = e->as.comp.clauses[0].iter;
	uint32_t		 fi = e->as.comp.function;
	bool			 inlined = fi == COMP_INLINED;
	struct comp_run		 run = { .e = e, .frame = it->frame,
	    .inlined = inlined };

	if (e->kind == EXPR_GENEXP && gen_has_cells(&it->p->functions[fi]))
		return raise(it, e->as.comp.elt->offset, NULL, "a generator "
		    "expression whose variable a function inside it reads (a "
		    "cell of its own) is not supported yet");
	if (!inlined && !push_function(it, fi, NULL))
		return false;
	/* GET_ITER: the iterator takes the iterable's place */
	if (!eval(it, first) || !push_iter(it, first->offset,
	    stack_at(it, TOP(it))))
		return false;
	drop_at(it, TOP(it) - 1, REASON_OPERAND_DONE);
	if (!ok(it))
		return false;
	run.iters = xcalloc(e->as.comp.count, sizeof *run.iters);
	for (uint32_t i = 0; i < e->as.comp.count; i++)
		run.iters[i] = UINT32_MAX;
	if (e->kind == EXPR_GENEXP)
		gen_new(it, fi);
	else if (inlined)
		comp_inlined(it, &run);
	else
		comp_called(it, &run, fi);
	xfree(run.iters);
	xfree(run.hidden);
	xfree(run.slots);
	xfree(run.bound);
	xfree(run.pending);
	return ok(it);
}

/* Runs function at base with its arguments above it (a method's self
 * first, nself 1, then call's arguments); leaves its return value at
 * base.  A class body (.py) leaves the class it made. */
static bool
run_function(struct interp *it, const struct expr *call, uint32_t base,
    uint32_t nself)
{
	objid_t				 fn = stack_at(it, base);
	const struct program_function	*f =
	    &it->p->functions[obj(it, fn)->as.fn->index];
	const struct program_function	*saved_function = it->function;
	const struct text		*saved_code = it->code;
	uint32_t			 saved_frame = it->frame;
	uint32_t			 saved_step = it->m.step;
	uint32_t			 saved_pc = it->pc;
	uint32_t			 saved_base = it->frame_base;
	uint32_t			 frame, after = SCENARIO_STEP_END;
	objid_t				 escaping = OBJ_NULL;
	bool				 crossable = call != NULL &&
	    !in_comprehension(it);
	/* a __del__ can run while the frame it interrupts is returning */
	bool				 saved_returning = it->returning;
	uint32_t			 offset = call != NULL ? call->offset :
	    0, argc;

	if (!bind_arguments(it, call, base, nself, fn, f))
		return false;
	argc = f->param_count;
	if (it->depth + 1 > INTERP_MAX_DEPTH)
		return raise(it, offset, "RecursionError", "maximum "
		    "recursion depth exceeded (the call depth limit is %u)",
		    INTERP_MAX_DEPTH);
	/* between two calls, the nesting limit bounds the stack used */
	if (!stack_left(it, offset))
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
	if (f->local_kinds != NULL)
		frame_cells(it, fn, f, frame);
	if (it->caller_count == it->caller_cap) {
		it->caller_cap = it->caller_cap ? it->caller_cap * 2 : 16;
		it->callers = xreallocarray(it->callers, it->caller_cap,
		    sizeof *it->callers);
	}
	it->callers[it->caller_count++] = (struct caller){ saved_function,
	    saved_pc, crossable };
	it->function = f;
	it->frame = frame;
	it->frame_base = H(it)->stack_len;
	it->returning = false;
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
			if (st->stmt != NULL && ok(it))
				exec_statement(it, st->stmt);
			after = step_after(it, st, k, f->body_count);
			escaping = step_exceptions(it, k, &after);
			last = it->returning || escaping != OBJ_NULL ||
			    (after == SCENARIO_STEP_END && r + 1 == reps);
			if (ok(it) && escaping == OBJ_NULL &&
			    (last || r + 1 == reps)) {
				check_expects(it, tstep, st);
				apply_labels(it, st);
			}
			if (last && ok(it)) {
				if (escaping != OBJ_NULL)
					;	/* on top, for the caller */
				else if (f->is_class)
					class_finish(it);
				else if (!it->returning)
					objects_push_none(&it->m);
				/* a return inside loops and `except` blocks:
				 * they end, the innermost first, under the
				 * value */
				while (ok(it) && frame_block(it) != NULL)
					block_end(it, false);
				leave_frame(it);
			}
			if (ok(it))
				close_step(it, tstep);
			if (escaping != OBJ_NULL) {
				if (ok(it))
					rethrow(it, escaping);
				break;
			}
		}
		if (it->returning)
			break;
	}
	it->returning = saved_returning;
	it->depth--;
	it->caller_count--;
	it->function = saved_function;
	it->frame = saved_frame;
	it->frame_base = saved_base;
	it->pc = saved_pc;
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
	    st->source->repeat : 1, after = SCENARIO_STEP_END;
	objid_t				 escaping;

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
		if (st->stmt != NULL && ok(it) && it->p->scenario->python) {
			exec_statement(it, st->stmt);
			after = step_after(it, st, k, it->p->step_count);
			/* catchable() made sure a handler is there */
			if ((escaping = step_exceptions(it, k, &after)) !=
			    OBJ_NULL)
				uncaught(it, st->stmt->offset, escaping);
		} else if (st->stmt != NULL && ok(it)) {
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
	if (!ok(it))
		return SCENARIO_STEP_END;
	return it->p->scenario->python ? after : step_after(it, st, k,
	    it->p->step_count);
}

/* 3.14 untracks a code object's co_consts tuple that holds no container,
 * as it does a tuple built at run time (measured: gc.is_tracked of
 * f.__code__.co_consts): seen where that tuple is shared, as the
 * __defaults__ (None,) of `def f(x=None): pass` is. */
static void
untrack_code_consts(struct interp *it)
{
	for (uint32_t i = 0; i < it->p->function_count && ok(it); i++)
		if (it->p->functions[i].consts_tuple != 0)
			gctrack_tuple_built(&it->m, it->function_consts[
			    it->p->functions[i].consts_tuple - 1]);
}

/* Marks pool entry k and, for a tuple, its items: what making k makes. */
static void
mark_used(const struct constant_pool *pool, bool *used, uint32_t k)
{
	const struct constant *c = &pool->entries[k];

	used[k] = true;
	if (c->kind == CONST_TUPLE)
		for (uint32_t i = 0; i < c->as.tuple.count; i++)
			mark_used(pool, used, c->as.tuple.items[i]);
}

/* Whether the file's parsed tree holds constant c's object: one the
 * parser made, or (up to 3.13) one the AST optimizer folded. */
static bool
tree_holds(const struct interp *it, const struct constant *c)
{
	return c->origin == CONST_BY_PARSER || (c->origin == CONST_BY_AST &&
	    version_rules(H(it)->python)->tree_holds_folds);
}

/* A .py file's module code object: its co_consts, and each function's
 * code object's, exist before the first line runs and for the whole run;
 * the module frame holds them all (one reference per code object that
 * lists a constant), and after them the references of the parsed tree
 * (`python3 FILE.py` frees it when the module returns): one on each
 * object it made, a tuple's items included. */
static void
make_module_constants(struct interp *it)
{
	const struct program	*p = it->p;
	uint32_t		 n = p->module_const_count, at = 0;
	uint32_t		*all;
	bool			*used;

	for (uint32_t i = 0; i < p->function_count; i++)
		n += p->functions[i].const_count + 1;
	n += p->function_pool.count;
	all = xcalloc(n ? n : 1, sizeof *all);
	for (uint32_t k = 0; k < p->module_const_count; k++)
		all[at++] = p->module_consts[k];
	/* each function's code object holds its co_consts: the items, or
	 * the one tuple it shares (program_function.consts_tuple) */
	for (uint32_t i = 0; i < p->function_count; i++) {
		if (p->functions[i].consts_tuple != 0)
			all[at++] = p->functions[i].consts_tuple - 1;
		else
			for (uint32_t k = 0; k < p->functions[i].const_count;
			    k++)
				all[at++] = p->functions[i].consts[k];
	}
	used = xcalloc(p->function_pool.count + 1, sizeof *used);
	for (uint32_t i = 0; i < at; i++)
		mark_used(&p->function_pool, used, all[i]);
	for (uint32_t k = 0; k < p->function_pool.count; k++)
		if (used[k] && tree_holds(it, &p->function_pool.entries[k]))
			all[at++] = k;
	xfree(used);
	make_constants(it, &p->function_pool, it->function_consts, all, at,
	    SITE_CONST, 0);
	xfree(all);
	untrack_code_consts(it);
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
	h->file = p->scenario->file;
	machine_init(&it.m, p, h, t);
	if (p->scenario->python)
		it.m.finalize = interp_finalize;
	it.m.weak_callback = interp_weak_callback;
	objects_init(&it.m);
	gc_init(&it.m);
	it.p = p;
	it.hooks = hooks;
	it.work = (struct heap_budget){ INTERP_MAX_WORK, false,
	    HEAP_MAX_DEPTH, false, false };
	it.result = result;
	it.errors = errors;
	it.a_sys = atom_from("sys");
	it.a_gc = atom_from("gc");
	it.a_weakref = atom_from("weakref");
	it.a_copy = atom_from("copy");
	it.a_i = atom_from("i");
	it.a_init = atom_from("__init__");
	it.a_del = atom_from("__del__");
	it.a_repr = atom_from("__repr__");
	it.a_str = atom_from("__str__");
	it.a_doc = atom_from("__doc__");
	it.a_class = atom_from("__class__");
	it.a_super = atom_from("super");
	it.a_dict = atom_from("__dict__");
	it.a_slotnames = atom_from("__slotnames__");
	for (unsigned op = CMP_EQ; op <= CMP_GE; op++)
		it.a_richcompare[op] = atom_from(richcompare_names[op]);
	it.a_hash = atom_from("__hash__");
	it.class_of = xcalloc(p->function_count ? p->function_count : 1,
	    sizeof *it.class_of);
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
	xfree(it.class_of);
	xfree(it.imported);
	xfree(it.loops);
	xfree(it.callers);
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
	if (result == &scratch)
		interp_result_free(&scratch);
	return status;
}
