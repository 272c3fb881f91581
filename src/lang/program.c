/*
 * program.c: a scenario → a compiled program, as CPython's compiler would
 * see it.
 *
 * Three passes, each mirroring a part of CPython:
 *   - parse every `do:` and `expect:` (lang/parser.c);
 *   - symbol analysis for each function (Python/symtable.c): a name bound
 *     anywhere in the body is local unless declared global; co_varnames
 *     lists the parameters, then the other locals in the order the code
 *     generator first meets them;
 *   - constants (Python/ast_opt.c and the compiler's constant cache): fold
 *     operations on constants, make a tuple of constants a constant, and
 *     give equal constants of one compilation unit one pool entry; each code
 *     object's co_consts lists its top-level constants in order of first use.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "lang/parser.h"
#include "lang/program.h"
#include "py/bigint.h"
#include "py/pyhash.h"
#include "py/pyversion.h"
#include "py/scalar.h"

/* ---- diagnostics ---- */

struct diag *
program_error_at(const struct program *p, const struct text *code,
    uint32_t offset, enum diag_status status, const char *fmt, ...)
{
	struct diag	*d;
	va_list		 ap;

	va_start(ap, fmt);
	d = diag_newv(p->scenario->file, text_locate(code, offset), status,
	    fmt, ap);
	va_end(ap);
	return d;
}

static void
report_parse_error(const struct scenario *s, const struct text *t,
    const struct parse_error *err, struct diag **errors)
{
	struct diag *d = diag_new(s->file, text_locate(t, err->offset),
	    DIAG_MALFORMED, "%s", err->message);

	if (err->hint[0] != '\0')
		diag_set_hint(d, "%s", err->hint);
	diag_append(errors, d);
}

/* ---- constant pools ---- */

static bool
constant_equal(const struct constant *a, const struct constant *b)
{
	if (a->kind != b->kind)
		return false;
	switch (a->kind) {
	case CONST_INT:
		return a->as.i == b->as.i;
	case CONST_BIGINT:
		return bigint_cmp(a->as.big, b->as.big) == 0;
	case CONST_FLOAT:
		/* the compiler's constant key tells 0.0 from -0.0 */
		return memcmp(&a->as.f, &b->as.f, sizeof a->as.f) == 0;
	case CONST_STR:
		return a->as.str.len == b->as.str.len &&
		    memcmp(a->as.str.bytes, b->as.str.bytes, a->as.str.len) == 0;
	case CONST_TUPLE:
		return a->as.tuple.count == b->as.tuple.count &&
		    memcmp(a->as.tuple.items, b->as.tuple.items,
		    a->as.tuple.count * sizeof *a->as.tuple.items) == 0;
	default:
		return true;
	}
}

static void
constant_clear(struct constant *c)
{
	if (c->kind == CONST_STR)
		xfree(c->as.str.bytes);
	else if (c->kind == CONST_TUPLE)
		xfree(c->as.tuple.items);
	else if (c->kind == CONST_BIGINT)
		bigint_free(c->as.big);
	memset(c, 0, sizeof *c);
}

/* Adds c (taking what it owns) unless an equal entry exists; returns the
 * entry's index. */
static uint32_t
pool_intern(struct constant_pool *pool, struct constant *c)
{
	for (uint32_t i = 0; i < pool->count; i++) {
		if (constant_equal(&pool->entries[i], c)) {
			/* the compiler's constant cache keeps the first of
			 * equal objects, and the tree's come before those
			 * the code generator makes at the end of a unit */
			if (c->origin > pool->entries[i].origin)
				pool->entries[i].origin = c->origin;
			constant_clear(c);
			return i;
		}
	}
	if (pool->count == pool->cap) {
		pool->cap = pool->cap ? pool->cap * 2 : 8;
		pool->entries = xreallocarray(pool->entries, pool->cap,
		    sizeof *pool->entries);
	}
	pool->entries[pool->count] = *c;
	memset(c, 0, sizeof *c);
	return pool->count++;
}

static void
pool_free(struct constant_pool *pool)
{
	for (uint32_t i = 0; i < pool->count; i++)
		constant_clear(&pool->entries[i]);
	xfree(pool->entries);
	memset(pool, 0, sizeof *pool);
}

/* A copy of len bytes that may hold NULs ('\x00' is a str like any
 * other), NUL-terminated.  xstrndup would stop at the first NUL. */
static char *
bytes_dup(const char *bytes, size_t len)
{
	char *copy = xmalloc(len + 1);

	memcpy(copy, bytes, len);
	copy[len] = '\0';
	return copy;
}

/* ---- folding ---- */

/* The unit being compiled: where constants go, and its co_consts. */
struct unit {
	struct constant_pool *pool;
	uint32_t	**consts;
	uint32_t	 *const_count;
	uint32_t	  const_cap;
	enum py_version	  python;	/* the version compiled for */
};

static void
unit_use(struct unit *u, uint32_t index)
{
	for (uint32_t i = 0; i < *u->const_count; i++)
		if ((*u->consts)[i] == index)
			return;
	if (*u->const_count == u->const_cap) {
		u->const_cap = u->const_cap ? u->const_cap * 2 : 8;
		*u->consts = xreallocarray(*u->consts, u->const_cap,
		    sizeof **u->consts);
	}
	(*u->consts)[(*u->const_count)++] = index;
}

static bool
literal_scalar(const struct constant_pool *pool, const struct expr *e,
    struct scalar *out)
{
	const struct constant *c;

	memset(out, 0, sizeof *out);
	if (e->constant == 0)
		return false;
	c = &pool->entries[e->constant - 1];
	switch (c->kind) {
	case CONST_TRUE:
	case CONST_FALSE:
		out->kind = SCALAR_BOOL;
		out->i = c->kind == CONST_TRUE;
		return true;
	case CONST_INT:
		out->kind = SCALAR_INT;
		out->i = c->as.i;
		return true;
	case CONST_BIGINT:
		out->kind = SCALAR_INT;
		out->big = c->as.big;
		return true;
	case CONST_FLOAT:
		out->kind = SCALAR_FLOAT;
		out->f = c->as.f;
		return true;
	case CONST_STR:
		out->kind = SCALAR_STR;
		out->s = c->as.str.bytes;
		out->len = c->as.str.len;
		return true;
	default:
		return false;
	}
}

static struct constant
constant_from_scalar(struct scalar *s)
{
	struct constant c = { 0 };

	switch (s->kind) {
	case SCALAR_BOOL:
		c.kind = s->i ? CONST_TRUE : CONST_FALSE;
		break;
	case SCALAR_INT:
		c.kind = s->big != NULL ? CONST_BIGINT : CONST_INT;
		c.as.i = s->i;
		if (s->big != NULL) {
			c.as.big = s->owned_big != NULL ? s->owned_big :
			    bigint_copy(s->big);
			s->owned_big = NULL;
			s->big = NULL;
		}
		break;
	case SCALAR_FLOAT:
		c.kind = CONST_FLOAT;
		c.as.f = s->f;
		break;
	default:
		c.kind = CONST_STR;
		c.as.str.len = s->len;
		c.as.str.bytes = s->owned ? s->owned : bytes_dup(s->s, s->len);
		s->owned = NULL;
		break;
	}
	return c;
}

/* The n-th code point of a valid UTF-8 str as a str constant. */
static struct constant
str_item(const char *bytes, size_t len, int64_t n)
{
	struct constant	c = { .kind = CONST_STR };
	size_t		at = 0;
	uint32_t	cp;

	for (int64_t k = 0; k < n; k++)
		at += utf8_decode(bytes + at, len - at, &cp);
	c.as.str.len = utf8_decode(bytes + at, len - at, &cp);
	c.as.str.bytes = bytes_dup(bytes + at, c.as.str.len);
	return c;
}

/*
 * CPython's fold_subscr: a constant str or tuple indexed by a constant int
 * is folded to the item (an index out of range is left to raise at run
 * time).  So 'xy'[1] is the constant 'y' -- interned like any literal --
 * not the one-character string indexing makes at run time.  Returns 1 +
 * the item's index in scratch, or 0 when e does not fold.
 */
static uint32_t
fold_subscript(struct constant_pool *scratch, const struct expr *e)
{
	const struct constant	*object, *index;
	struct constant		 c;
	int64_t			 i, n;

	if (e->as.index.object->constant == 0 ||
	    e->as.index.index->constant == 0)
		return 0;
	object = &scratch->entries[e->as.index.object->constant - 1];
	index = &scratch->entries[e->as.index.index->constant - 1];
	if (index->kind == CONST_INT)
		i = index->as.i;
	else if (index->kind == CONST_TRUE || index->kind == CONST_FALSE)
		i = index->kind == CONST_TRUE;
	else
		return 0;
	if (object->kind == CONST_TUPLE)
		n = object->as.tuple.count;
	else if (object->kind == CONST_STR)
		n = (int64_t)pystr_length(object->as.str.bytes,
		    object->as.str.len);
	else
		return 0;
	if (i < 0)
		i += n;
	if (i < 0 || i >= n)
		return 0;
	if (object->kind == CONST_TUPLE)
		return object->as.tuple.items[i] + 1;
	c = str_item(object->as.str.bytes, object->as.str.len, i);
	c.origin = CONST_BY_AST;
	return pool_intern(scratch, &c) + 1;
}

/* The tuple of the items of the (folded) display e when they are all
 * constants: 1 + its index in scratch, or 0. */
static uint32_t
fold_items_tuple(struct constant_pool *scratch, const struct expr *e,
    enum constant_origin origin)
{
	struct constant	c = { .kind = CONST_TUPLE, .origin = origin };

	for (uint32_t i = 0; i < e->as.seq.count; i++)
		if (e->as.seq.items[i]->constant == 0)
			return 0;
	c.as.tuple.count = e->as.seq.count;
	c.as.tuple.items = xcalloc(c.as.tuple.count ? c.as.tuple.count : 1,
	    sizeof *c.as.tuple.items);
	for (uint32_t i = 0; i < c.as.tuple.count; i++)
		c.as.tuple.items[i] = e->as.seq.items[i]->constant - 1;
	return pool_intern(scratch, &c) + 1;
}

/*
 * CPython's fold_compare: the list display of constants on the right of
 * the last `in` / `not in` of a comparison is a constant tuple, so
 * x in [1000, 2000] builds no list.  (A set display there would be a
 * frozenset constant: the simulator refuses that case.)
 */
static void
fold_in_list(struct constant_pool *scratch, struct expr *e)
{
	struct expr	*last = e->as.seq.items[e->as.seq.count - 1];
	uint8_t		 op = e->as.seq.ops[e->as.seq.count - 2];

	if ((op != CMP_IN && op != CMP_NOT_IN) || last->kind != EXPR_LIST)
		return;
	last->items_constant = 0;
	last->constant = fold_items_tuple(scratch, last, CONST_BY_AST);
}

/* The bits of an int scalar's magnitude (int.bit_length()). */
static uint64_t
scalar_bits(const struct scalar *s)
{
	uint64_t m;

	if (s->big != NULL)
		return bigint_bits(s->big);
	m = s->i < 0 ? (uint64_t)0 - (uint64_t)s->i : (uint64_t)s->i;
	return m == 0 ? 0 : 64 - (uint64_t)__builtin_clzll(m);
}

/*
 * CPython's safe_multiply and safe_power (Python/ast_opt.c): ints are
 * folded only up to MAX_INT_SIZE, 128 bits -- a * b when the operands'
 * bits add up to at most 128, a ** b when bits(a) <= 128 // b.  So
 * 2 ** 64 is a constant and 2 ** 65 is computed at run time.
 */
static bool
foldable_size(enum binary_op op, const struct scalar *a,
    const struct scalar *b)
{
	const uint64_t max_int_size = 128;
	uint64_t abits, bbits;

	if ((a->kind != SCALAR_INT && a->kind != SCALAR_BOOL) ||
	    (b->kind != SCALAR_INT && b->kind != SCALAR_BOOL))
		return true;
	abits = scalar_bits(a);
	bbits = scalar_bits(b);
	if (op == BINOP_MUL)
		return abits == 0 || bbits == 0 || abits + bbits <= max_int_size;
	if (op == BINOP_POW && abits != 0 && bbits != 0 && (b->big != NULL ||
	    b->i > 0))
		return b->big == NULL && abits <= max_int_size / (uint64_t)b->i;
	return true;
}

/*
 * Folds e (children first) and, for a constant that survives folding,
 * interns it into a scratch pool: e->constant is then 1 + its index there.
 * Which constants the code really loads is decided afterwards (unit_collect),
 * because the operands of a folded operation never become objects.
 */
static void fold(struct constant_pool *scratch, struct expr *e);

static void
fold_child(struct expr *child, void *ctx)
{
	fold(ctx, child);
}

static void
fold(struct constant_pool *scratch, struct expr *e)
{
	struct constant	c = { 0 };
	struct scalar	a, b, r;
	char		message[160];

	switch (e->kind) {
	case EXPR_INT:
		c.kind = e->big != NULL ? CONST_BIGINT : CONST_INT;
		c.origin = CONST_BY_PARSER;
		c.as.i = e->as.int_value;
		if (e->big != NULL)
			c.as.big = bigint_copy(e->big);
		break;
	case EXPR_FLOAT:
		c.kind = CONST_FLOAT;
		c.origin = CONST_BY_PARSER;
		c.as.f = e->as.float_value;
		break;
	case EXPR_STR:
		c.kind = CONST_STR;
		c.origin = CONST_BY_PARSER;
		c.as.str.len = e->as.str.len;
		c.as.str.bytes = bytes_dup(e->as.str.bytes, e->as.str.len);
		break;
	case EXPR_TRUE:
		c.kind = CONST_TRUE;
		break;
	case EXPR_NAME:
		/* the compiler reads __debug__ as the constant True (the
		 * parser refuses it as a target) */
		if (strcmp(atom_name(e->as.name), "__debug__") != 0)
			return;
		c.kind = CONST_TRUE;
		break;
	case EXPR_FALSE:
		c.kind = CONST_FALSE;
		break;
	case EXPR_NONE:
		c.kind = CONST_NONE;
		break;
	case EXPR_ATTR:
		fold(scratch, e->as.attr.object);
		return;
	case EXPR_INDEX:
		fold(scratch, e->as.index.object);
		fold(scratch, e->as.index.index);
		e->constant = fold_subscript(scratch, e);
		return;
	case EXPR_LIST:
		/* 3.11's starunpack_helper: three or more constants are
		 * one constant tuple the new list is extended with */
		for (uint32_t i = 0; i < e->as.seq.count; i++)
			fold(scratch, e->as.seq.items[i]);
		if (e->as.seq.count > 2)
			e->items_constant = fold_items_tuple(scratch, e,
			    CONST_BY_COMPILER);
		return;
	case EXPR_SET:
	case EXPR_AND:
	case EXPR_OR:
	case EXPR_IFEXP:
	case EXPR_SLICE:
	case EXPR_FSTRING:
	case EXPR_FORMAT:
		for (uint32_t i = 0; i < e->as.seq.count; i++)
			fold(scratch, e->as.seq.items[i]);
		return;
	case EXPR_COMPARE:
		for (uint32_t i = 0; i < e->as.seq.count; i++)
			fold(scratch, e->as.seq.items[i]);
		fold_in_list(scratch, e);
		return;
	case EXPR_TUPLE:
		for (uint32_t i = 0; i < e->as.seq.count; i++)
			fold(scratch, e->as.seq.items[i]);
		e->constant = fold_items_tuple(scratch, e, CONST_BY_AST);
		return;
	case EXPR_DICT:
		for (uint32_t i = 0; i < e->as.dict.count; i++) {
			fold(scratch, e->as.dict.keys[i]);
			fold(scratch, e->as.dict.values[i]);
		}
		return;
	case EXPR_CALL:
		fold(scratch, e->as.call.callee);
		for (uint32_t i = 0; i < e->as.call.count; i++)
			fold(scratch, e->as.call.args[i]);
		return;
	case EXPR_LAMBDA:
		/* its defaults, in this scope; its body is its own unit */
		if (e->as.lambda.defaults != NULL)
			fold(scratch, e->as.lambda.defaults);
		return;
	case EXPR_LISTCOMP:
	case EXPR_SETCOMP:
	case EXPR_DICTCOMP:
	case EXPR_GENEXP:
		/* the first iterable, in this scope; the rest too when it
		 * is inlined here, else in its own unit */
		fold(scratch, e->as.comp.clauses[0].iter);
		if (e->as.comp.function == COMP_INLINED)
			ast_comp_each_own(e, fold_child, scratch);
		return;
	case EXPR_UNARY:
		fold(scratch, e->as.unary.operand);
		if (!literal_scalar(scratch, e->as.unary.operand, &a) ||
		    scalar_unary(e->as.unary.op, &a, &r, message,
		    sizeof message) != SCALAR_OK)
			return;
		c = constant_from_scalar(&r);
		c.origin = CONST_BY_AST;
		break;
	case EXPR_BINARY:
		fold(scratch, e->as.binary.left);
		fold(scratch, e->as.binary.right);
		if (!literal_scalar(scratch, e->as.binary.left, &a) ||
		    !literal_scalar(scratch, e->as.binary.right, &b))
			return;
		/* what would raise is left for run time, as CPython does,
		 * and so are the ints it finds too large to fold */
		if (!foldable_size(e->as.binary.op, &a, &b) ||
		    scalar_binary(e->as.binary.op, &a, &b, &r, message,
		    sizeof message) != SCALAR_OK)
			return;
		c = constant_from_scalar(&r);
		c.origin = CONST_BY_AST;
		break;
	default:
		return;
	}
	e->constant = pool_intern(scratch, &c) + 1;
}

/* Copies scratch entry `index` (and, for a tuple, its items first) into the
 * unit's pool; returns the unit's index. */
static uint32_t
unit_intern(struct unit *u, const struct constant_pool *scratch,
    uint32_t index)
{
	const struct constant	*src = &scratch->entries[index];
	struct constant		 c = *src;

	if (src->kind == CONST_STR)
		c.as.str.bytes = bytes_dup(src->as.str.bytes, src->as.str.len);
	else if (src->kind == CONST_BIGINT)
		c.as.big = bigint_copy(src->as.big);
	else if (src->kind == CONST_TUPLE) {
		c.as.tuple.items = xcalloc(src->as.tuple.count ?
		    src->as.tuple.count : 1, sizeof *c.as.tuple.items);
		for (uint32_t i = 0; i < src->as.tuple.count; i++)
			c.as.tuple.items[i] = unit_intern(u, scratch,
			    src->as.tuple.items[i]);
	}
	return pool_intern(u->pool, &c);
}

static void unit_collect(struct unit *u, struct constant_pool *scratch,
    struct expr *e);
static void collect_defaults(struct unit *u, struct constant_pool *scratch,
    struct expr *d);

struct collect_ctx {
	struct unit			*u;
	struct constant_pool		*scratch;
};

static void
collect_child(struct expr *child, void *ctx)
{
	struct collect_ctx *c = ctx;

	unit_collect(c->u, c->scratch, child);
}

/* Walks e in evaluation order: each outermost constant joins the unit's
 * pool and co_consts; e->constant is rewritten to the unit's index. */
static void
unit_collect(struct unit *u, struct constant_pool *scratch, struct expr *e)
{
	struct collect_ctx c = { u, scratch };

	if (e->constant != 0) {
		e->constant = unit_intern(u, scratch, e->constant - 1) + 1;
		unit_use(u, e->constant - 1);
		return;
	}
	if (e->items_constant != 0) {
		/* the items are loaded as the tuple, never one by one */
		e->items_constant = unit_intern(u, scratch,
		    e->items_constant - 1) + 1;
		unit_use(u, e->items_constant - 1);
		return;
	}
	if (e->kind == EXPR_LAMBDA) {
		if (e->as.lambda.defaults != NULL)
			collect_defaults(u, scratch, e->as.lambda.defaults);
		return;
	}
	ast_expr_each_child(e, collect_child, &c);
	if (ast_is_comp(e) && e->as.comp.function == COMP_INLINED)
		ast_comp_each_own(e, collect_child, &c);
}

/* A comprehension's own unit: what its code evaluates (not the first
 * iterable, which the code it is in evaluates). */
static void
unit_add_comp(struct unit *u, const struct expr *e)
{
	struct constant_pool	scratch = { 0 };
	struct collect_ctx	c = { u, &scratch };

	ast_comp_each_own(e, fold_child, &scratch);
	ast_comp_each_own(e, collect_child, &c);
	pool_free(&scratch);
}

/* The parts of a target that are evaluated (the object of a.x, the object
 * and index of a[i]), for folding and collecting. */
static void
target_walk(struct unit *u, struct constant_pool *scratch, struct expr *t,
    bool collect)
{
	switch (t->kind) {
	case EXPR_ATTR:
		if (collect)
			unit_collect(u, scratch, t->as.attr.object);
		else
			fold(scratch, t->as.attr.object);
		break;
	case EXPR_INDEX:
		if (collect) {
			unit_collect(u, scratch, t->as.index.object);
			unit_collect(u, scratch, t->as.index.index);
		} else {
			fold(scratch, t->as.index.object);
			fold(scratch, t->as.index.index);
		}
		break;
	case EXPR_TUPLE:
	case EXPR_LIST:
		for (uint32_t i = 0; i < t->as.seq.count; i++)
			target_walk(u, scratch, t->as.seq.items[i], collect);
		break;
	default:
		break;
	}
}

/* A def's or a lambda's defaults tuple d, folded.  3.11 builds it with
 * LOAD_CONSTs and BUILD_TUPLE, and its optimizer folds a tuple of
 * constants after the fact: the items stay in co_consts, the folded tuple
 * joins them.  3.12 on drop the constants no instruction loads
 * (remove_unused_consts): only the tuple stays. */
static void
collect_defaults(struct unit *u, struct constant_pool *scratch,
    struct expr *d)
{
	for (uint32_t i = 0; i < d->as.seq.count &&
	    (d->constant == 0 || u->python == PY_3_11); i++) {
		struct expr *item = d->as.seq.items[i];

		if (d->constant != 0 && item->constant == 0)
			fold(scratch, item);
		unit_collect(u, scratch, item);
	}
	if (d->constant != 0) {
		/* the defaults tuple is the code generator's, not the tree's */
		scratch->entries[d->constant - 1].origin = CONST_BY_COMPILER;
		d->constant = unit_intern(u, scratch, d->constant - 1) + 1;
		unit_use(u, d->constant - 1);
	}
}

/* Folds and collects the constants of one statement, in the order the
 * code generator emits them. */
static void
unit_add_statement(struct unit *u, struct stmt *s)
{
	struct constant_pool scratch = { 0 };

	for (int pass = 0; pass < 2; pass++) {
		bool collect = pass == 1;

		switch (s->kind) {
		case STMT_ASSIGN:
			if (collect)
				unit_collect(u, &scratch, s->as.assign.value);
			else
				fold(&scratch, s->as.assign.value);
			for (uint32_t i = 0; i < s->as.assign.target_count; i++)
				target_walk(u, &scratch,
				    s->as.assign.targets[i], collect);
			break;
		case STMT_FOR:
			/* CPython's fold_iter: a list display to iterate
			 * over is a tuple (a constant one when its items
			 * are) */
			if (s->as.loop.iter->kind == EXPR_LIST)
				s->as.loop.iter->kind = EXPR_TUPLE;
			if (collect)
				unit_collect(u, &scratch, s->as.loop.iter);
			else
				fold(&scratch, s->as.loop.iter);
			target_walk(u, &scratch, s->as.loop.target, collect);
			break;
		case STMT_WITH:
			for (uint32_t i = 0; i < s->as.with.count; i++)
				if (collect)
					unit_collect(u, &scratch,
					    s->as.with.items[i]);
				else
					fold(&scratch, s->as.with.items[i]);
			break;
		case STMT_AUGASSIGN:
			target_walk(u, &scratch, s->as.aug.target, collect);
			if (collect)
				unit_collect(u, &scratch, s->as.aug.value);
			else
				fold(&scratch, s->as.aug.value);
			break;
		case STMT_DEL:
			for (uint32_t i = 0; i < s->as.del.count; i++)
				target_walk(u, &scratch, s->as.del.targets[i],
				    collect);
			break;
		case STMT_DEF: {
			struct expr *d = s->as.def.defaults;

			if (d == NULL)
				break;
			if (!collect)
				fold(&scratch, d);
			else
				collect_defaults(u, &scratch, d);
			break;
		}
		case STMT_EXPR:
		case STMT_RETURN:
		case STMT_RAISE:
		case STMT_EXCEPT:
		case STMT_IF:
		case STMT_WHILE:
		case STMT_ASSERT: {
			struct expr *e = s->kind == STMT_EXPR ? s->as.expr :
			    s->kind == STMT_RETURN || s->kind == STMT_RAISE ?
			    s->as.value : s->kind == STMT_EXCEPT ?
			    s->as.handler.type : s->as.test;

			if (e == NULL)
				break;
			if (collect)
				unit_collect(u, &scratch, e);
			else
				fold(&scratch, e);
			/* raise's `from`, assert's message: after */
			if (s->cause != NULL) {
				if (collect)
					unit_collect(u, &scratch, s->cause);
				else
					fold(&scratch, s->cause);
			}
			break;
		}
		default:
			break;
		}
	}
	pool_free(&scratch);
}

/* ---- symbol analysis ---- */

struct names {
	atom_t		*atoms;
	uint32_t	 count;
	uint32_t	 cap;
};

static bool
atoms_has(const atom_t *a, uint32_t n, atom_t x)
{
	for (uint32_t i = 0; i < n; i++)
		if (a[i] == x)
			return true;
	return false;
}

static bool
names_has(const struct names *n, atom_t a)
{
	for (uint32_t i = 0; i < n->count; i++)
		if (n->atoms[i] == a)
			return true;
	return false;
}

static void
names_add(struct names *n, atom_t a)
{
	if (names_has(n, a))
		return;
	if (n->count == n->cap) {
		n->cap = n->cap ? n->cap * 2 : 8;
		n->atoms = xreallocarray(n->atoms, n->cap, sizeof *n->atoms);
	}
	n->atoms[n->count++] = a;
}

/* Names in the order the code generator meets them (loads and stores);
 * `stored` collects the names bound. */
struct scan {
	struct names	order;
	struct names	stored;
	struct names	loaded;		/* USE in CPython's symtable */
	struct names	globals;
	struct names	nonlocals;
};

static void scan_expr(struct scan *sc, const struct expr *e);

static void
scan_child(struct expr *child, void *ctx)
{
	scan_expr(ctx, child);
}

static void
scan_target(struct scan *sc, const struct expr *t)
{
	switch (t->kind) {
	case EXPR_NAME:
		names_add(&sc->order, t->as.name);
		names_add(&sc->stored, t->as.name);
		break;
	case EXPR_ATTR:
		scan_expr(sc, t->as.attr.object);
		break;
	case EXPR_INDEX:
		scan_expr(sc, t->as.index.object);
		scan_expr(sc, t->as.index.index);
		break;
	case EXPR_TUPLE:
	case EXPR_LIST:
		for (uint32_t i = 0; i < t->as.seq.count; i++)
			scan_target(sc, t->as.seq.items[i]);
		break;
	default:
		break;
	}
}

/* A comprehension's own parts, as its code meets them: each clause's
 * target after its iterable, then its tests, then the element. */
static void
scan_comp_own(struct scan *sc, const struct expr *e)
{
	for (uint32_t i = 0; i < e->as.comp.count; i++) {
		const struct comp_clause *c = &e->as.comp.clauses[i];

		if (i > 0)
			scan_expr(sc, c->iter);
		scan_target(sc, c->target);
		for (uint32_t k = 0; k < c->if_count; k++)
			scan_expr(sc, c->ifs[k]);
	}
	scan_expr(sc, e->as.comp.elt);
	if (e->as.comp.value != NULL)
		scan_expr(sc, e->as.comp.value);
}

/* An inlined comprehension (3.12 on) uses, in the code it is in, the
 * names it loads that are not its own targets; its targets are hidden
 * there (saved and restored around it), bound by no statement. */
static void
scan_comp_inlined(struct scan *sc, const struct expr *e)
{
	struct scan	inner = { 0 };
	struct names	own = { 0 };

	scan_comp_own(&inner, e);
	for (uint32_t i = 0; i < e->as.comp.count; i++) {
		struct scan t = { 0 };

		scan_target(&t, e->as.comp.clauses[i].target);
		for (uint32_t k = 0; k < t.stored.count; k++)
			names_add(&own, t.stored.atoms[k]);
		xfree(t.order.atoms);
		xfree(t.stored.atoms);
		xfree(t.loaded.atoms);
	}
	for (uint32_t i = 0; i < inner.order.count; i++) {
		atom_t a = inner.order.atoms[i];

		if (names_has(&own, a) || !names_has(&inner.loaded, a))
			continue;
		names_add(&sc->order, a);
		names_add(&sc->loaded, a);
	}
	xfree(own.atoms);
	xfree(inner.order.atoms);
	xfree(inner.stored.atoms);
	xfree(inner.loaded.atoms);
	xfree(inner.globals.atoms);
	xfree(inner.nonlocals.atoms);
}

static void
scan_expr(struct scan *sc, const struct expr *e)
{
	if (e->constant != 0)
		return;
	if (e->kind == EXPR_NAME) {
		names_add(&sc->order, e->as.name);
		names_add(&sc->loaded, e->as.name);
	}
	ast_expr_each_child(e, scan_child, sc);
	if (ast_is_comp(e) && e->as.comp.function == COMP_INLINED)
		scan_comp_inlined(sc, e);
}

static void
scan_statement(struct scan *sc, const struct stmt *s)
{
	switch (s->kind) {
	case STMT_ASSIGN:
		scan_expr(sc, s->as.assign.value);
		for (uint32_t i = 0; i < s->as.assign.target_count; i++)
			scan_target(sc, s->as.assign.targets[i]);
		break;
	case STMT_AUGASSIGN:
		/* loaded first, but CPython's symtable marks it stored only */
		if (s->as.aug.target->kind == EXPR_NAME)
			names_add(&sc->order, s->as.aug.target->as.name);
		scan_target(sc, s->as.aug.target);
		scan_expr(sc, s->as.aug.value);
		break;
	case STMT_DEL:
		for (uint32_t i = 0; i < s->as.del.count; i++)
			scan_target(sc, s->as.del.targets[i]);
		break;
	case STMT_EXPR:
		scan_expr(sc, s->as.expr);
		break;
	case STMT_RETURN:
	case STMT_RAISE:
		if (s->as.value != NULL)
			scan_expr(sc, s->as.value);
		if (s->cause != NULL)
			scan_expr(sc, s->cause);
		break;
	case STMT_EXCEPT:
		/* `as name` stores, and its cleanup deletes, the name */
		if (s->as.handler.type != NULL)
			scan_expr(sc, s->as.handler.type);
		if (s->as.handler.name != ATOM_NONE) {
			names_add(&sc->order, s->as.handler.name);
			names_add(&sc->stored, s->as.handler.name);
		}
		break;
	case STMT_IF:
	case STMT_WHILE:
		scan_expr(sc, s->as.test);
		break;
	case STMT_ASSERT:
		scan_expr(sc, s->as.test);
		if (s->cause != NULL)
			scan_expr(sc, s->cause);
		break;
	case STMT_WITH:
		/* each manager, then its `as` name, in order */
		for (uint32_t i = 0; i < s->as.with.count; i++) {
			scan_expr(sc, s->as.with.items[i]);
			if (s->as.with.names[i] != ATOM_NONE) {
				names_add(&sc->order, s->as.with.names[i]);
				names_add(&sc->stored, s->as.with.names[i]);
			}
		}
		break;
	case STMT_FOR:
		scan_expr(sc, s->as.loop.iter);
		scan_target(sc, s->as.loop.target);
		break;
	case STMT_GLOBAL:
		for (uint32_t i = 0; i < s->as.global.count; i++)
			names_add(&sc->globals, s->as.global.names[i]);
		break;
	case STMT_NONLOCAL:
		for (uint32_t i = 0; i < s->as.global.count; i++)
			names_add(&sc->nonlocals, s->as.global.names[i]);
		break;
	case STMT_DEF:
		/* a method's def in a class body binds its name there */
		if (s->as.def.defaults != NULL)
			scan_expr(sc, s->as.def.defaults);
		names_add(&sc->order, s->as.def.name);
		names_add(&sc->stored, s->as.def.name);
		break;
	default:
		break;
	}
	if (s->next != NULL)
		scan_statement(sc, s->next);
}

enum local_kind
program_local_kind(const struct program_function *f, uint32_t i)
{
	return f->local_kinds != NULL ? (enum local_kind)f->local_kinds[i] :
	    LOCAL_FAST;
}

bool
program_is_local(const struct program_function *f, atom_t name,
    uint32_t *index)
{
	for (uint32_t i = 0; i < f->local_count; i++) {
		if (f->locals[i] == name) {
			if (index != NULL)
				*index = i;
			return true;
		}
	}
	return false;
}

/*
 * `global x` after x is used or bound in the same function: CPython's
 * symtable refuses it, the parameters excepted (they get their own
 * message below).
 */
static int
check_global_late(const struct program *p, const struct program_function *f,
    const struct scan *sc, const struct program_step *st,
    const struct stmt *s, struct diag **errors)
{
	int			 rc = 0;

	for (uint32_t i = 0; i < s->as.global.count; i++) {
		atom_t		 a = s->as.global.names[i];
		const char	*what;
		bool		 param = false;

		for (uint32_t k = 0; k < f->param_count; k++)
			param = param || f->locals[k] == a;
		if (param)
			continue;
		if (names_has(&sc->loaded, a))
			what = "is used prior to";
		else if (names_has(&sc->stored, a))
			what = "is assigned to before";
		else
			continue;
		diag_append(errors, program_error_at(p, &st->source->code,
		    s->as.global.offsets[i], DIAG_MALFORMED, "SyntaxError: "
		    "name '%s' %s %s declaration", atom_name(a), what,
		    s->kind == STMT_GLOBAL ? "global" : "nonlocal"));
		rc = -1;
	}
	return rc;
}

/*
 * ---- locals that may be unbound (3.14's LOAD_FAST_CHECK) ----
 *
 * CPython's compiler marks the load of a local that some path reaches
 * unbound -- a local first bound in a `try` or `with` block, whose handler
 * can run before the binding; one bound in a branch; one deleted -- as a
 * checked load, and 3.14 borrows no checked load.  This is the same
 * dataflow over a function's steps: each step's set of locals that may
 * be unbound as it begins, from the function's start (every local but
 * the parameters) along each way control goes on (next, alt, the
 * exception handler, a `with`'s exit steps, the `finally:` block a jump
 * runs), each step's statements binding (or, loaded once, checking) the
 * names they name and unbinding those they delete.  Only plain locals
 * among the first 64 are followed, as CPython follows them.
 */

struct unbound_walk {
	const struct program_function	*f;
	uint64_t			 mask;
	bool				 set;	/* del: unbind */
};

static void
unbound_name(struct unbound_walk *w, atom_t name)
{
	uint32_t i;

	if (!program_is_local(w->f, name, &i) || i >= 64 ||
	    (w->f->local_kinds != NULL && w->f->local_kinds[i] != LOCAL_FAST))
		return;
	if (w->set)
		w->mask |= UINT64_C(1) << i;
	else
		w->mask &= ~(UINT64_C(1) << i);
}

static void
unbound_expr(struct expr *e, void *ctx)
{
	if (e->kind == EXPR_NAME)
		unbound_name(ctx, e->as.name);
	ast_expr_each_child(e, unbound_expr, ctx);
}

/* The mask after step statements s ran from mask m; *loaded: after the
 * loads alone (a `for` that ends, an `except` that does not match). */
static uint64_t
unbound_after(const struct program_function *f, const struct stmt *s,
    uint64_t m, uint64_t *loaded)
{
	struct unbound_walk w = { f, m, false };

	*loaded = m;
	for (; s != NULL; s = s->next) {
		switch (s->kind) {
		case STMT_ASSIGN:
			unbound_expr(s->as.assign.value, &w);
			for (uint32_t i = 0; i < s->as.assign.target_count; i++)
				unbound_expr(s->as.assign.targets[i], &w);
			break;
		case STMT_AUGASSIGN:
			unbound_expr(s->as.aug.target, &w);
			unbound_expr(s->as.aug.value, &w);
			break;
		case STMT_DEL:
			w.set = true;
			for (uint32_t i = 0; i < s->as.del.count; i++)
				unbound_expr(s->as.del.targets[i], &w);
			w.set = false;
			break;
		case STMT_EXPR:
			unbound_expr(s->as.expr, &w);
			break;
		case STMT_RETURN:
		case STMT_RAISE:
			if (s->as.value != NULL)
				unbound_expr(s->as.value, &w);
			if (s->cause != NULL)
				unbound_expr(s->cause, &w);
			break;
		case STMT_IF:
		case STMT_WHILE:
			unbound_expr(s->as.test, &w);
			break;
		case STMT_ASSERT:
			unbound_expr(s->as.test, &w);
			if (s->cause != NULL)
				unbound_expr(s->cause, &w);
			break;
		case STMT_FOR:
			unbound_expr(s->as.loop.iter, &w);
			*loaded = w.mask;
			unbound_expr(s->as.loop.target, &w);
			break;
		case STMT_EXCEPT:
			if (s->as.handler.type != NULL)
				unbound_expr(s->as.handler.type, &w);
			*loaded = w.mask;
			if (s->as.handler.name != ATOM_NONE)
				unbound_name(&w, s->as.handler.name);
			break;
		case STMT_WITH:
			for (uint32_t i = 0; i < s->as.with.count; i++) {
				unbound_expr(s->as.with.items[i], &w);
				if (s->as.with.names[i] != ATOM_NONE)
					unbound_name(&w, s->as.with.names[i]);
			}
			break;
		case STMT_DEF:
			unbound_name(&w, s->as.def.name);
			break;
		case STMT_IMPORT:
			for (uint32_t i = 0; i < s->as.global.count; i++)
				unbound_name(&w, s->as.global.names[i]);
			break;
		default:
			break;
		}
		if (s->kind != STMT_FOR && s->kind != STMT_EXCEPT)
			*loaded = w.mask;
	}
	return w.mask;
}

/* Control goes from step k to step j of f with mask m: the `as` names of
 * the `except` clauses it leaves are deleted on the way. */
static bool
unbound_flow(const struct program_function *f, uint32_t k, uint32_t j,
    uint64_t m, uint64_t *in)
{
	struct unbound_walk w = { f, m, true };

	if (j >= f->body_count)
		return false;
	for (uint32_t c = f->body[k].source->clause; c != 0;
	    c = f->body[c - 1].source->clause) {
		const struct stmt *h = f->body[c - 1].stmt;
		bool inside = false;

		if (h == NULL || h->kind != STMT_EXCEPT ||
		    h->as.handler.name == ATOM_NONE)
			continue;
		for (uint32_t d = f->body[j].source->clause; d != 0 && !inside;
		    d = f->body[d - 1].source->clause)
			inside = d == c;
		if (!inside && j != c - 1)
			unbound_name(&w, h->as.handler.name);
	}
	if ((in[j] | w.mask) == in[j])
		return false;
	in[j] |= w.mask;
	return true;
}

static void
unbound_locals(struct program_function *f)
{
	uint64_t	*in;
	bool		 changed = true;

	if (f->is_class || f->comp != NULL || f->body_count == 0)
		return;
	in = xcalloc(f->body_count, sizeof *in);
	for (uint32_t i = f->param_count; i < f->local_count && i < 64; i++)
		if (f->local_kinds == NULL || f->local_kinds[i] == LOCAL_FAST)
			in[0] |= UINT64_C(1) << i;
	/* a mask only grows, 64 bits a step: this ends */
	while (changed) {
		changed = false;
		for (uint32_t k = 0; k < f->body_count; k++) {
			const struct scenario_step	*st = f->body[k].source;
			/* an exit step runs __exit__, binding nothing */
			const struct stmt		*s = st->with_item != 0 ?
			    NULL : f->body[k].stmt;
			uint64_t			 loaded, out;
			enum stmt_kind			 kind = s != NULL ?
			    s->kind : STMT_PASS;

			out = unbound_after(f, s, in[k], &loaded);
			changed |= unbound_flow(f, k, st->next, out, in);
			if (kind == STMT_IF || kind == STMT_WHILE ||
			    kind == STMT_FOR || kind == STMT_EXCEPT)
				changed |= unbound_flow(f, k, st->alt, loaded,
				    in);
			if (st->handler != 0)
				changed |= unbound_flow(f, k, st->handler - 1,
				    in[k] | out, in);
			for (uint32_t x = 0; st->with_exits != 0 &&
			    kind == STMT_WITH && x < s->as.with.count; x++)
				changed |= unbound_flow(f, k, st->with_exits -
				    1 + x, in[k], in);
			if (st->with_item > 1)
				changed |= unbound_flow(f, k, k + 1, in[k], in);
			if (st->finally_at != 0 && (kind == STMT_RETURN ||
			    kind == STMT_BREAK || kind == STMT_CONTINUE))
				changed |= unbound_flow(f, k, st->finally_at - 1,
				    out, in);
		}
	}
	for (uint32_t k = 0; k < f->body_count; k++)
		f->body[k].unbound = in[k];
	xfree(in);
}

static int
analyse_function(const struct program *p, struct program_function *f,
    struct diag **errors)
{
	struct scan	sc = { 0 };
	atom_t		repeat_name = atom_from("i");
	int		rc = 0;

	for (uint32_t i = 0; i < f->param_count; i++)
		names_add(&sc.order, f->locals[i]);
	if (f->comp != NULL)
		scan_comp_own(&sc, f->comp);
	for (uint32_t i = 0; i < f->body_count; i++) {
		const struct program_step *st = &f->body[i];

		if (st->source->has_repeat) {
			f->uses_repeat = true;
			names_add(&sc.order, repeat_name);
			names_add(&sc.stored, repeat_name);
		}
		for (const struct stmt *g = st->stmt; g != NULL; g = g->next) {
			if ((g->kind == STMT_GLOBAL ||
			    g->kind == STMT_NONLOCAL) &&
			    check_global_late(p, f, &sc, st, g, errors) < 0)
				rc = -1;
			for (uint32_t k = 0; g->kind == STMT_NONLOCAL &&
			    k < g->as.global.count; k++) {
				uint32_t n = f->nonlocal_count;

				if (names_has(&sc.nonlocals,
				    g->as.global.names[k]) ||
				    atoms_has(f->nonlocals, n,
				    g->as.global.names[k]))
					continue;
				/* where each is declared, for the errors of
				 * the closure analysis */
				f->nonlocals = xreallocarray(f->nonlocals,
				    n + 1, sizeof *f->nonlocals);
				f->nonlocal_steps = xreallocarray(
				    f->nonlocal_steps, n + 1,
				    sizeof *f->nonlocal_steps);
				f->nonlocal_offsets = xreallocarray(
				    f->nonlocal_offsets, n + 1,
				    sizeof *f->nonlocal_offsets);
				f->nonlocals[n] = g->as.global.names[k];
				f->nonlocal_steps[n] = i;
				f->nonlocal_offsets[n] = g->as.global.offsets[k];
				f->nonlocal_count = n + 1;
			}
		}
		if (st->stmt != NULL)
			scan_statement(&sc, st->stmt);
	}
	for (uint32_t i = 0; i < sc.globals.count; i++) {
		for (uint32_t k = 0; k < f->param_count; k++) {
			if (f->locals[k] != sc.globals.atoms[i])
				continue;
			diag_append(errors, diag_new(p->scenario->file,
			    f->source->pos, DIAG_MALFORMED,
			    "SyntaxError: name '%s' is parameter and global",
			    atom_name(sc.globals.atoms[i])));
			rc = -1;
		}
	}
	for (uint32_t i = 0; i < f->nonlocal_count; i++) {
		atom_t	a = f->nonlocals[i];
		bool	param = false;

		for (uint32_t k = 0; k < f->param_count; k++)
			param = param || f->locals[k] == a;
		if (!param && !names_has(&sc.globals, a))
			continue;
		diag_append(errors, program_error_at(p,
		    &f->body[f->nonlocal_steps[i]].source->code,
		    f->nonlocal_offsets[i], DIAG_MALFORMED, param ?
		    "SyntaxError: name '%s' is parameter and nonlocal" :
		    "SyntaxError: name '%s' is nonlocal and global",
		    atom_name(a)));
		rc = -1;
	}
	/* co_varnames: parameters, then bound non-global names by first use */
	for (uint32_t i = f->param_count; i < sc.order.count; i++) {
		atom_t a = sc.order.atoms[i];

		if (!names_has(&sc.stored, a) || names_has(&sc.globals, a) ||
		    names_has(&sc.nonlocals, a))
			continue;
		f->locals = xreallocarray(f->locals, f->local_count + 1,
		    sizeof *f->locals);
		f->locals[f->local_count++] = a;
	}
	f->globals = sc.globals.atoms;
	f->global_count = sc.globals.count;
	xfree(sc.nonlocals.atoms);
	f->uses = sc.loaded.atoms;
	f->use_count = sc.loaded.count;
	/* super() and __class__ make the compiler give the class a
	 * __class__ cell, one more reference to it */
	f->uses_super = names_has(&sc.loaded, atom_from("super")) ||
	    names_has(&sc.loaded, atom_from("__class__"));
	xfree(sc.order.atoms);
	xfree(sc.stored.atoms);
	return rc;
}

/* ---- closures ----
 *
 * CPython's symtable (analyze_name): a name a function uses but does not
 * bind, nor declares global, is free when an enclosing function binds it
 * -- a cell of that function then, and free in every function between
 * (each passes the cell on in its own __closure__) -- and global when none
 * does.  A `nonlocal` name must find such a binding.
 */

struct scope {
	struct names	cells;
	struct names	frees;
};

/* Resolves name n used in function i (1 + its number in `fn`): true when
 * an enclosing function binds it. */
static bool
resolve_free(struct program *p, struct scope *sc, uint32_t fn, atom_t n)
{
	uint32_t g;

	for (g = p->functions[fn - 1].parent; g != 0;
	    g = p->functions[g - 1].parent) {
		const struct program_function *e = &p->functions[g - 1];

		if (atoms_has(e->globals, e->global_count, n))
			return false;
		if (atoms_has(e->nonlocals, e->nonlocal_count, n) ||
		    atoms_has(e->locals, e->local_count, n))
			break;
	}
	if (g == 0)
		return false;
	if (atoms_has(p->functions[g - 1].locals,
	    p->functions[g - 1].local_count, n))
		names_add(&sc[g - 1].cells, n);
	for (uint32_t h = fn; h != g; h = p->functions[h - 1].parent)
		names_add(&sc[h - 1].frees, n);
	return true;
}

static int
atom_order(const void *a, const void *b)
{
	return strcmp(atom_name(*(const atom_t *)a),
	    atom_name(*(const atom_t *)b));
}

/* Function f's locals as 3.11's localsplus: its plain locals (a cell
 * parameter stays in its place), then its other cells, then its free
 * variables, each of the two sorted (the compiler's dictbytype). */
static void
closure_layout(struct program_function *f, struct scope *sc)
{
	atom_t		*all;
	uint8_t		*kinds;
	uint32_t	 n = 0;

	if (sc->cells.count == 0 && sc->frees.count == 0)
		return;
	if (sc->cells.count > 0)
		qsort(sc->cells.atoms, sc->cells.count,
		    sizeof *sc->cells.atoms, atom_order);
	if (sc->frees.count > 0)
		qsort(sc->frees.atoms, sc->frees.count,
		    sizeof *sc->frees.atoms, atom_order);
	all = xcalloc(f->local_count + sc->frees.count, sizeof *all);
	kinds = xcalloc(f->local_count + sc->frees.count, sizeof *kinds);
	for (uint32_t i = 0; i < f->local_count; i++) {
		bool cell = names_has(&sc->cells, f->locals[i]);

		if (cell && i >= f->param_count)
			continue;
		kinds[n] = cell ? LOCAL_CELL : LOCAL_FAST;
		all[n++] = f->locals[i];
	}
	for (uint32_t i = 0; i < sc->cells.count; i++) {
		if (atoms_has(f->locals, f->param_count, sc->cells.atoms[i]))
			continue;
		kinds[n] = LOCAL_CELL;
		all[n++] = sc->cells.atoms[i];
	}
	for (uint32_t i = 0; i < sc->frees.count; i++) {
		kinds[n] = LOCAL_FREE;
		all[n++] = sc->frees.atoms[i];
	}
	xfree(f->locals);
	f->locals = all;
	f->local_count = n;
	f->local_kinds = kinds;
	f->free_count = sc->frees.count;
}

static int
analyse_closures(struct program *p, struct diag **errors)
{
	struct scope	*sc = xcalloc(p->function_count ? p->function_count :
	    1, sizeof *sc);
	int		 rc = 0;

	for (uint32_t i = 0; i < p->function_count; i++) {
		struct program_function *f = &p->functions[i];

		for (uint32_t k = 0; k < f->nonlocal_count; k++) {
			if (resolve_free(p, sc, i + 1, f->nonlocals[k]))
				continue;
			diag_append(errors, program_error_at(p,
			    &f->body[f->nonlocal_steps[k]].source->code,
			    f->nonlocal_offsets[k], DIAG_MALFORMED,
			    "SyntaxError: no binding for nonlocal '%s' found",
			    atom_name(f->nonlocals[k])));
			rc = -1;
		}
		for (uint32_t k = 0; k < f->use_count; k++) {
			atom_t n = f->uses[k];

			if (!atoms_has(f->locals, f->local_count, n) &&
			    !atoms_has(f->globals, f->global_count, n) &&
			    !atoms_has(f->nonlocals, f->nonlocal_count, n))
				(void)resolve_free(p, sc, i + 1, n);
		}
	}
	for (uint32_t i = 0; i < p->function_count; i++) {
		closure_layout(&p->functions[i], &sc[i]);
		xfree(sc[i].cells.atoms);
		xfree(sc[i].frees.atoms);
		xfree(p->functions[i].uses);
		p->functions[i].uses = NULL;
		p->functions[i].use_count = 0;
	}
	xfree(sc);
	return rc;
}

/* ---- steps ---- */

bool
ask_is_truth(const struct expect *ask)
{
	return ask->kind == EXPECT_IS || ask->kind == EXPECT_IS_NOT ||
	    ask->kind == EXPECT_ALIVE;
}

/* An answer: as written: True/False (or YAML's true/false) for a question
 * of truth, else a decimal integer. */
static bool
parse_answer(const struct text *t, bool truth, int64_t *out)
{
	static const char *const yes[] = { "True", "true", NULL };
	static const char *const no[] = { "False", "false", NULL };
	const char	*v = t->value;
	char		*end;
	long long	 n;

	if (truth) {
		for (int i = 0; yes[i] != NULL; i++)
			if (strcmp(v, yes[i]) == 0 || strcmp(v, no[i]) == 0) {
				*out = strcmp(v, yes[i]) == 0;
				return true;
			}
		return false;
	}
	if (!(*v == '-' || (*v >= '0' && *v <= '9')))
		return false;
	errno = 0;
	n = strtoll(v, &end, 10);
	if (errno != 0 || *end != '\0' || end == v)
		return false;
	*out = n;
	return true;
}

/* A step's ask: and answer: (scenario.h), parsed. */
static int
compile_ask(const struct scenario *s, const struct scenario_step *src,
    struct program_step *dst, struct diag **errors)
{
	struct parse_error	err;

	if (src->ask.value == NULL)
		return 0;
	memset(&err, 0, sizeof err);
	if ((dst->ask = parse_ask(src->ask.value, src->ask.len, &err)) ==
	    NULL) {
		report_parse_error(s, &src->ask, &err, errors);
		return -1;
	}
	if (src->answer.value == NULL)
		return 0;
	if (!parse_answer(&src->answer, ask_is_truth(dst->ask),
	    &dst->answer)) {
		diag_append(errors, diag_new(s->file, src->answer.pos,
		    DIAG_MALFORMED, "answer: expected %s, found '%.40s'",
		    ask_is_truth(dst->ask) ? "True or False (the ask is a "
		    "question of truth)" : "a whole number (the ask is a "
		    "count)", src->answer.value));
		return -1;
	}
	dst->has_answer = true;
	return 0;
}

static int
compile_step(const struct scenario *s, const struct scenario_step *src,
    struct program_step *dst, bool in_function, struct diag **errors)
{
	struct parse_error	err;
	int			rc = 0;


	dst->source = src;
	if (src->code.value != NULL) {
		memset(&err, 0, sizeof err);
		dst->stmt = s->python ? parse_line(src->code.value,
		    src->code.len, in_function, &err) :
		    parse_statement(src->code.value, src->code.len,
		    in_function, &err);
		if (dst->stmt != NULL && dst->stmt->kind == STMT_DEF)
			dst->stmt->as.def.function = src->function - 1;
		if (dst->stmt != NULL && dst->stmt->kind == STMT_CLASS)
			dst->stmt->as.cls.function = src->function - 1;
		if (dst->stmt == NULL) {
			report_parse_error(s, &src->code, &err, errors);
			rc = -1;
		}
	}
	if (src->expect_count > 0)
		dst->expects = xcalloc(src->expect_count, sizeof *dst->expects);
	for (uint32_t i = 0; i < src->expect_count; i++) {
		memset(&err, 0, sizeof err);
		dst->expects[i] = parse_expect(src->expects[i].value,
		    src->expects[i].len, &err);
		if (dst->expects[i] == NULL) {
			report_parse_error(s, &src->expects[i], &err, errors);
			rc = -1;
		}
		dst->expect_count++;
	}
	if (compile_ask(s, src, dst, errors) < 0)
		rc = -1;
	if (src->label_count > 0)
		dst->labels = xcalloc(src->label_count, sizeof *dst->labels);
	for (uint32_t i = 0; i < src->label_count; i++) {
		memset(&err, 0, sizeof err);
		dst->labels[i] = parse_label_subject(
		    src->labels[i].subject.value, src->labels[i].subject.len,
		    &err);
		if (dst->labels[i] == NULL) {
			report_parse_error(s, &src->labels[i].subject, &err,
			    errors);
			rc = -1;
		}
		dst->label_count++;
	}
	return rc;
}

static void
step_free(struct program_step *st)
{
	ast_free_expect(st->ask);
	if (!st->borrowed)
		ast_free_stmt(st->stmt);
	for (uint32_t i = 0; i < st->expect_count; i++)
		ast_free_expect(st->expects[i]);
	xfree(st->expects);
	for (uint32_t i = 0; i < st->label_count; i++)
		ast_free_expr(st->labels[i]);
	xfree(st->labels);
	pool_free(&st->pool);
	xfree(st->consts);
}

/* ---- lambdas ----
 *
 * `lambda params: body` is a function like a def's, with no name to bind:
 * CPython compiles it to a code object of its own, named <lambda>, whose
 * one line returns body.  Each becomes a program function after the
 * scenario's (in the order the code meets them, nested ones after the one
 * they are in), with a one-step source of its own: its line.
 */

struct lambda_walk {
	struct program			*p;
	uint32_t			 owner;	/* 1 + function, 0 module */
	const struct scenario_step	*line;
	struct diag			**errors;
	int				 rc;
};

static void lambda_expr(struct expr *e, void *ctx);

/* A program function for lambda or comprehension e, named name, in w's
 * scope: its index, or UINT32_MAX after an error. */
static uint32_t
lambda_new(struct lambda_walk *w, struct expr *e, const char *name)
{
	struct program		*p = w->p;
	struct scenario_function *sf;
	struct program_function	*f;
	struct strbuf		 q = STRBUF_INIT;
	uint32_t		 i = p->function_count;

	if (w->owner != 0 && p->functions[w->owner - 1].is_class) {
		diag_append(w->errors, program_error_at(p, &w->line->code,
		    e->offset, DIAG_MALFORMED, "%s in a class body is not "
		    "supported yet", e->kind == EXPR_LAMBDA ? "a `lambda`" :
		    "a comprehension"));
		w->rc = -1;
		return UINT32_MAX;
	}
	sf = xcalloc(1, sizeof *sf);
	sf->name.value = (char *)name;
	sf->name.len = strlen(name);
	sf->name.pos = w->line->pos;
	sf->pos = w->line->pos;
	sf->parent = w->owner;
	sf->body = xcalloc(1, sizeof *sf->body);
	sf->body_count = 1;
	sf->body[0].pos = w->line->pos;
	sf->body[0].code = w->line->code;	/* borrowed: the same line */
	sf->body[0].repeat = 1;
	sf->body[0].repeat_pos = w->line->pos;
	sf->body[0].next = sf->body[0].alt = SCENARIO_STEP_END;
	p->lambda_sources = xreallocarray(p->lambda_sources,
	    p->lambda_count + 1, sizeof *p->lambda_sources);
	p->lambda_sources[p->lambda_count++] = sf;

	p->functions = xreallocarray(p->functions, i + 1,
	    sizeof *p->functions);
	p->function_count = i + 1;
	f = &p->functions[i];
	memset(f, 0, sizeof *f);
	f->source = sf;
	f->name = atom_from(name);
	if (w->owner != 0) {
		atom_t up = p->functions[w->owner - 1].qualname;

		strbuf_append(&q, atom_name(up), atom_length(up));
		strbuf_puts(&q, ".<locals>.");
	}
	strbuf_puts(&q, name);
	f->qualname = atom_intern(q.data, q.len);
	strbuf_free(&q);
	f->parent = w->owner;
	f->body_count = 1;
	f->body = xcalloc(1, sizeof *f->body);
	f->body[0].source = &sf->body[0];
	f->body[0].borrowed = true;
	if (e->kind != EXPR_LAMBDA) {
		/* its one parameter, the iterator of its first iterable */
		f->comp = e;
		f->param_count = f->local_count = 1;
		f->locals = xcalloc(1, sizeof *f->locals);
		f->locals[0] = atom_from(".0");
		return i;
	}
	f->param_count = f->local_count = e->as.lambda.count;
	f->locals = xcalloc(e->as.lambda.count ? e->as.lambda.count : 1,
	    sizeof *f->locals);
	for (uint32_t k = 0; k < e->as.lambda.count; k++)
		f->locals[k] = e->as.lambda.params[k];
	f->body[0].stmt = e->as.lambda.body;
	return i;
}

static const char *
comp_name(enum expr_kind kind)
{
	return kind == EXPR_LISTCOMP ? "<listcomp>" : kind == EXPR_SETCOMP ?
	    "<setcomp>" : kind == EXPR_DICTCOMP ? "<dictcomp>" : "<genexpr>";
}

static void
lambda_comp_own(struct expr *e, void *ctx)
{
	struct lambda_walk *w = ctx;

	if (w->rc == 0)
		lambda_expr(e, ctx);
}

/* Sets *ctx to the first lambda in e, comprehensions' own parts too. */
static void
find_lambda(struct expr *e, void *ctx)
{
	const struct expr **found = ctx;

	if (*found != NULL)
		return;
	if (e->kind == EXPR_LAMBDA) {
		*found = e;
		return;
	}
	ast_expr_each_child(e, find_lambda, ctx);
	if (ast_is_comp(e))
		ast_comp_each_own(e, find_lambda, ctx);
}

/*
 * A comprehension: 3.11 makes each a function of its own; 3.12 on inline
 * a list, set or dict comprehension in the code it is in (PEP 709), and
 * keep a generator expression's function.  CPython's fold_iter makes a
 * list display iterated over a tuple, in every clause.
 */
static void
comp_compile(struct lambda_walk *w, struct expr *e)
{
	struct lambda_walk inner = *w;

	for (uint32_t i = 0; i < e->as.comp.count; i++)
		if (e->as.comp.clauses[i].iter->kind == EXPR_LIST)
			e->as.comp.clauses[i].iter->kind = EXPR_TUPLE;
	if (e->kind != EXPR_GENEXP &&
	    w->p->scenario->settings.python != PY_3_11) {
		const struct expr *lambda = NULL;

		ast_comp_each_own(e, find_lambda, &lambda);
		if (lambda != NULL) {
			/* its variables would be cells of the code it is
			 * inlined in */
			diag_append(w->errors, program_error_at(w->p,
			    &w->line->code, lambda->offset, DIAG_MALFORMED,
			    "a `lambda` in a comprehension is not supported "
			    "yet on %s (PEP 709 inlines the comprehension)",
			    pyversion_name(w->p->scenario->settings.python)));
			w->rc = -1;
			return;
		}
		e->as.comp.function = COMP_INLINED;
		ast_comp_each_own(e, lambda_comp_own, w);
		return;
	}
	e->as.comp.function = lambda_new(w, e, comp_name(e->kind));
	if (w->rc != 0)
		return;
	inner.owner = e->as.comp.function + 1;
	ast_comp_each_own(e, lambda_comp_own, &inner);
	w->rc = inner.rc;
}

static void
lambda_expr(struct expr *e, void *ctx)
{
	struct lambda_walk *w = ctx;

	ast_expr_each_child(e, lambda_expr, ctx);
	if (w->rc != 0)
		return;
	if (ast_is_comp(e))
		comp_compile(w, e);
	if (e->kind == EXPR_LAMBDA) {
		struct lambda_walk inner = *w;

		e->as.lambda.function = lambda_new(w, e, "<lambda>");
		if (w->rc != 0)
			return;
		/* the lambdas in its body are its own */
		inner.owner = e->as.lambda.function + 1;
		lambda_expr(e->as.lambda.body->as.value, &inner);
		w->rc = inner.rc;
	}
}

static void
lambda_statement(struct lambda_walk *w, struct stmt *s)
{
	for (; s != NULL && w->rc == 0; s = s->next) {
		switch (s->kind) {
		case STMT_ASSIGN:
			lambda_expr(s->as.assign.value, w);
			for (uint32_t i = 0; i < s->as.assign.target_count; i++)
				lambda_expr(s->as.assign.targets[i], w);
			break;
		case STMT_AUGASSIGN:
			lambda_expr(s->as.aug.target, w);
			lambda_expr(s->as.aug.value, w);
			break;
		case STMT_EXPR:
			lambda_expr(s->as.expr, w);
			break;
		case STMT_RETURN:
		case STMT_RAISE:
			if (s->as.value != NULL)
				lambda_expr(s->as.value, w);
			if (s->cause != NULL)
				lambda_expr(s->cause, w);
			break;
		case STMT_EXCEPT:
			if (s->as.handler.type != NULL)
				lambda_expr(s->as.handler.type, w);
			break;
		case STMT_IF:
		case STMT_WHILE:
			lambda_expr(s->as.test, w);
			break;
		case STMT_ASSERT:
			lambda_expr(s->as.test, w);
			if (s->cause != NULL)
				lambda_expr(s->cause, w);
			break;
		case STMT_FOR:
			lambda_expr(s->as.loop.iter, w);
			break;
		case STMT_WITH:
			for (uint32_t i = 0; i < s->as.with.count; i++)
				lambda_expr(s->as.with.items[i], w);
			break;
		case STMT_DEF:
			if (s->as.def.defaults != NULL)
				lambda_expr(s->as.def.defaults, w);
			break;
		case STMT_CLASS:
			if (s->as.cls.base != NULL)
				lambda_expr(s->as.cls.base, w);
			break;
		default:
			break;
		}
	}
}

/* Makes a program function of every lambda of a .py file. */
static int
compile_lambdas(struct program *p, struct diag **errors)
{
	struct lambda_walk	w = { p, 0, NULL, errors, 0 };
	uint32_t		n = p->function_count;

	for (uint32_t i = 0; i < p->step_count && w.rc == 0; i++) {
		w.line = p->steps[i].source;
		lambda_statement(&w, p->steps[i].stmt);
	}
	for (uint32_t k = 0; k < n && w.rc == 0; k++) {
		w.owner = k + 1;
		for (uint32_t i = 0; i < p->functions[k].body_count &&
		    w.rc == 0; i++) {
			w.line = p->functions[k].body[i].source;
			lambda_statement(&w, p->functions[k].body[i].stmt);
		}
	}
	return w.rc;
}

/* A class body's docstring is its first statement, a str alone: CPython
 * compiles it as `__doc__ = '...'`, so the class's namespace holds it. */
static void
class_docstring(struct program_function *f)
{
	struct stmt	*s = f->body_count > 0 ? f->body[0].stmt : NULL;
	struct expr	*value, *target;

	if (s == NULL || s->kind != STMT_EXPR || s->next != NULL ||
	    s->as.expr->kind != EXPR_STR)
		return;
	value = s->as.expr;
	target = xcalloc(1, sizeof *target);
	target->kind = EXPR_NAME;
	target->offset = value->offset;
	target->as.name = atom_from("__doc__");
	s->kind = STMT_ASSIGN;
	s->as.assign.targets = xcalloc(1, sizeof *s->as.assign.targets);
	s->as.assign.targets[0] = target;
	s->as.assign.target_count = 1;
	s->as.assign.value = value;
}

static void
compile_function_constants(struct program *p)
{
	for (uint32_t i = 0; i < p->function_count; i++) {
		struct program_function	*f = &p->functions[i];
		struct unit		 u = { &p->function_pool, &f->consts,
		    &f->const_count, 0, p->scenario->settings.python };

		if (f->comp != NULL)
			unit_add_comp(&u, f->comp);
		for (uint32_t k = 0; k < f->body_count; k++) {
			const struct scenario_step *src = f->body[k].source;

			/* `for i in range(N):` loads N before the body */
			if (src->has_repeat) {
				struct constant c = { .kind = CONST_INT,
				    .as.i = src->repeat };

				unit_use(&u, pool_intern(u.pool, &c));
			}
			for (struct stmt *x = f->body[k].stmt; x != NULL;
			    x = x->next)
				unit_add_statement(&u, x);
		}
	}
}

/* Function i's co_consts as CPython 3.11 has them, as a tuple constant:
 * its docstring slot (None) first, then the constants it loads. */
static struct constant
code_consts_tuple(struct program *p, uint32_t i)
{
	const struct program_function	*f = &p->functions[i];
	struct constant			 none = { .kind = CONST_NONE };
	struct constant			 c = { .kind = CONST_TUPLE };
	uint32_t			 nix = pool_intern(&p->function_pool,
	    &none);

	c.as.tuple.items = xcalloc(f->const_count + 1,
	    sizeof *c.as.tuple.items);
	c.as.tuple.items[c.as.tuple.count++] = nix;
	for (uint32_t k = 0; k < f->const_count; k++)
		if (f->consts[k] != nix)
			c.as.tuple.items[c.as.tuple.count++] = f->consts[k];
	return c;
}

/* Whether function i's co_consts hold a code object (a def in its body):
 * no tuple of constants equals it. */
static bool
holds_code(const struct program *p, uint32_t i)
{
	for (uint32_t j = 0; j < p->function_count; j++)
		if (p->functions[j].source->parent == i + 1)
			return true;
	return false;
}

/*
 * 3.11's makecode merges each code object's co_consts tuple into the
 * compiler's constant cache: a function whose co_consts equals a tuple
 * constant of the module (`def f(x=None)` gives both (None,)) or another
 * function's co_consts shares that one tuple, which then holds the items
 * once.  A class body's co_consts starts with its qualname, so it is
 * left out.
 */
static void
merge_code_consts(struct program *p)
{
	struct constant_pool	*pool = &p->function_pool;
	uint32_t		 before = pool->count;

	for (uint32_t i = 0; i < p->function_count; i++) {
		struct constant	c;
		bool		shared = false;

		if (p->functions[i].is_class || holds_code(p, i))
			continue;	/* a class body lists its qualname first */
		c = code_consts_tuple(p, i);
		for (uint32_t k = 0; k < before && !shared; k++)
			shared = constant_equal(&pool->entries[k], &c);
		for (uint32_t j = 0; j < p->function_count && !shared; j++) {
			struct constant d;

			if (j == i || p->functions[j].is_class ||
			    holds_code(p, j))
				continue;
			d = code_consts_tuple(p, j);
			shared = constant_equal(&d, &c);
			constant_clear(&d);
		}
		if (shared)
			p->functions[i].consts_tuple = pool_intern(pool, &c) +
			    1;
		else
			constant_clear(&c);
	}
}

/* ---- a class's __static_attributes__ ---- */

/* Adds NAME of each self.NAME that target e stores to (a tuple or list
 * target's items too), once: compiler_maybe_add_static_attribute_to_class
 * takes an attribute stored to whose object is the name `self`. */
static void
static_target(struct program_function *cls, const struct expr *e)
{
	if (e->kind == EXPR_TUPLE || e->kind == EXPR_LIST) {
		for (uint32_t i = 0; i < e->as.seq.count; i++)
			static_target(cls, e->as.seq.items[i]);
		return;
	}
	if (e->kind != EXPR_ATTR || e->as.attr.object->kind != EXPR_NAME ||
	    strcmp(atom_name(e->as.attr.object->as.name), "self") != 0)
		return;
	for (uint32_t i = 0; i < cls->static_attr_count; i++)
		if (cls->static_attrs[i] == e->as.attr.name)
			return;
	cls->static_attrs = xreallocarray(cls->static_attrs,
	    cls->static_attr_count + 1, sizeof *cls->static_attrs);
	cls->static_attrs[cls->static_attr_count++] = e->as.attr.name;
}

/* The __static_attributes__ of class body `body`: from the statements of
 * the functions defined in it, sorted (_PyCompile_StaticAttributesAsTuple
 * sorts the set; code point order, which UTF-8's byte order is). */
static void
static_attributes(struct program *p, uint32_t body)
{
	struct program_function *cls = &p->functions[body];

	for (uint32_t i = 0; i < p->function_count; i++) {
		const struct program_function *f = &p->functions[i];

		if (f->source->in_class != body + 1)
			continue;
		for (uint32_t k = 0; k < f->body_count; k++)
			for (const struct stmt *st = f->body[k].stmt;
			    st != NULL; st = st->next) {
				if (st->kind == STMT_ASSIGN)
					for (uint32_t t = 0;
					    t < st->as.assign.target_count;
					    t++)
						static_target(cls,
						    st->as.assign.targets[t]);
				else if (st->kind == STMT_FOR)
					static_target(cls,
					    st->as.loop.target);
			}
	}
	if (cls->static_attr_count > 1)
		qsort(cls->static_attrs, cls->static_attr_count,
		    sizeof *cls->static_attrs, atom_order);
}

int
program_compile(const struct scenario *s, struct program **out,
    struct diag **errors)
{
	struct program	*p = xcalloc(1, sizeof *p);
	int		 rc = 0;

	*out = NULL;
	p->scenario = s;
	p->class_count = s->class_count;
	p->classes = xcalloc(s->class_count ? s->class_count : 1,
	    sizeof *p->classes);
	for (uint32_t i = 0; i < s->class_count; i++) {
		p->classes[i].name = atom_intern(s->classes[i].name.value,
		    s->classes[i].name.len);
		p->classes[i].source = &s->classes[i];
	}
	p->function_count = s->function_count;
	p->functions = xcalloc(s->function_count ? s->function_count : 1,
	    sizeof *p->functions);
	for (uint32_t i = 0; i < s->function_count; i++) {
		const struct scenario_function	*src = &s->functions[i];
		struct program_function		*f = &p->functions[i];

		f->source = src;
		f->name = atom_intern(src->name.value, src->name.len);
		f->param_count = f->local_count = src->param_count;
		f->locals = xcalloc(src->param_count ? src->param_count : 1,
		    sizeof *f->locals);
		for (uint32_t k = 0; k < src->param_count; k++)
			f->locals[k] = atom_intern(src->params[k].value,
			    src->params[k].len);
		f->qualname = f->name;
		f->is_class = src->is_class;
		f->parent = src->parent;
		if (src->parent != 0) {
			/* CPython's qualname of a nested function */
			atom_t		 up = p->functions[src->parent - 1].qualname;
			struct strbuf	 q = STRBUF_INIT;

			strbuf_append(&q, atom_name(up), atom_length(up));
			strbuf_puts(&q, ".<locals>.");
			strbuf_append(&q, src->name.value, src->name.len);
			f->qualname = atom_intern(q.data, q.len);
			strbuf_free(&q);
		}
		if (src->in_class != 0) {
			const struct text *c = &s->functions[src->in_class -
			    1].name;
			char *q = xmalloc(c->len + 1 + src->name.len + 1);

			memcpy(q, c->value, c->len);
			q[c->len] = '.';
			memcpy(q + c->len + 1, src->name.value, src->name.len);
			f->qualname = atom_intern(q, c->len + 1 + src->name.len);
			xfree(q);
		}
		f->body_count = src->body_count;
		f->body = xcalloc(src->body_count ? src->body_count : 1,
		    sizeof *f->body);
		for (uint32_t k = 0; k < src->body_count; k++)
			if (compile_step(s, &src->body[k], &f->body[k],
			    !src->is_class, errors) != 0)
				rc = -1;
		if (src->is_class && rc == 0)
			class_docstring(f);
	}
	p->step_count = s->step_count;
	p->steps = xcalloc(s->step_count ? s->step_count : 1, sizeof *p->steps);
	for (uint32_t i = 0; i < s->step_count; i++)
		if (compile_step(s, &s->steps[i], &p->steps[i], false,
		    errors) != 0)
			rc = -1;
	if (rc == 0 && s->python && compile_lambdas(p, errors) != 0)
		rc = -1;
	if (rc != 0) {
		program_free(p);
		return -1;
	}

	if (s->python) {
		/* one module: its lines and its functions are one unit */
		struct unit u = { &p->function_pool, &p->module_consts,
		    &p->module_const_count, 0, s->settings.python };

		for (uint32_t i = 0; i < p->step_count; i++)
			for (struct stmt *x = p->steps[i].stmt; x != NULL;
			    x = x->next)
				unit_add_statement(&u, x);
	}
	for (uint32_t i = 0; i < p->step_count && !s->python; i++) {
		struct program_step	*st = &p->steps[i];
		struct unit		 u = { &st->pool, &st->consts,
		    &st->const_count, 0, s->settings.python };

		if (st->stmt != NULL)
			unit_add_statement(&u, st->stmt);
	}
	compile_function_constants(p);
	if (s->python)
		merge_code_consts(p);
	for (uint32_t i = 0; i < p->function_count; i++)
		if (p->functions[i].is_class)
			static_attributes(p, i);
	for (uint32_t i = 0; i < p->function_count; i++)
		if (analyse_function(p, &p->functions[i], errors) != 0)
			rc = -1;
	if (rc == 0 && analyse_closures(p, errors) != 0)
		rc = -1;
	for (uint32_t i = 0; rc == 0 && s->python && i < p->function_count;
	    i++)
		unbound_locals(&p->functions[i]);
	if (rc != 0) {
		program_free(p);
		return -1;
	}
	*out = p;
	return 0;
}

const struct scenario_step *
program_step_source(const struct program *p, uint32_t function,
    uint32_t source)
{
	if (source == UINT32_MAX)
		return NULL;
	if (function == 0)
		return p->steps[source].source;
	return p->functions[function - 1].body[source].source;
}

void
program_free(struct program *p)
{
	if (p == NULL)
		return;
	for (uint32_t i = 0; i < p->function_count; i++) {
		struct program_function *f = &p->functions[i];

		for (uint32_t k = 0; k < f->body_count; k++)
			step_free(&f->body[k]);
		xfree(f->body);
		xfree(f->locals);
		xfree(f->local_kinds);
		xfree(f->globals);
		xfree(f->nonlocals);
		xfree(f->nonlocal_steps);
		xfree(f->nonlocal_offsets);
		xfree(f->uses);
		xfree(f->consts);
		xfree(f->static_attrs);
	}
	xfree(p->functions);
	for (uint32_t i = 0; i < p->lambda_count; i++) {
		xfree(p->lambda_sources[i]->body);
		xfree(p->lambda_sources[i]);
	}
	xfree(p->lambda_sources);
	xfree(p->classes);
	for (uint32_t i = 0; i < p->step_count; i++)
		step_free(&p->steps[i]);
	xfree(p->steps);
	pool_free(&p->function_pool);
	xfree(p->module_consts);
	xfree(p);
}

int32_t
program_find_function(const struct program *p, atom_t name)
{
	for (uint32_t i = 0; i < p->function_count; i++)
		if (p->functions[i].name == name)
			return (int32_t)i;
	return -1;
}

int32_t
program_find_class(const struct program *p, atom_t name)
{
	for (uint32_t i = 0; i < p->class_count; i++)
		if (p->classes[i].name == name)
			return (int32_t)i;
	return -1;
}

int
program_load(const char *path, struct scenario **scenario,
    struct program **program, struct diag **errors)
{
	*program = NULL;
	if (scenario_load_file(path, scenario, errors) != 0)
		return -1;
	/* on a compile error the scenario stays: its text is the excerpt */
	return program_compile(*scenario, program, errors);
}
