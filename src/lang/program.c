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

#include <stdarg.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "lang/parser.h"
#include "lang/program.h"
#include "py/pyhash.h"
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
	memset(c, 0, sizeof *c);
}

/* Adds c (taking what it owns) unless an equal entry exists; returns the
 * entry's index. */
static uint32_t
pool_intern(struct constant_pool *pool, struct constant *c)
{
	for (uint32_t i = 0; i < pool->count; i++) {
		if (constant_equal(&pool->entries[i], c)) {
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
		c.kind = CONST_INT;
		c.as.i = s->i;
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
	struct constant	 c = { .kind = CONST_TUPLE };

	if ((op != CMP_IN && op != CMP_NOT_IN) || last->kind != EXPR_LIST)
		return;
	for (uint32_t i = 0; i < last->as.seq.count; i++)
		if (last->as.seq.items[i]->constant == 0)
			return;
	c.as.tuple.count = last->as.seq.count;
	c.as.tuple.items = xcalloc(c.as.tuple.count ? c.as.tuple.count : 1,
	    sizeof *c.as.tuple.items);
	for (uint32_t i = 0; i < c.as.tuple.count; i++)
		c.as.tuple.items[i] = last->as.seq.items[i]->constant - 1;
	last->constant = pool_intern(scratch, &c) + 1;
}

/*
 * Folds e (children first) and, for a constant that survives folding,
 * interns it into a scratch pool: e->constant is then 1 + its index there.
 * Which constants the code really loads is decided afterwards (unit_collect),
 * because the operands of a folded operation never become objects.
 */
static void
fold(struct constant_pool *scratch, struct expr *e)
{
	struct constant	c = { 0 };
	struct scalar	a, b, r;
	char		message[160];

	switch (e->kind) {
	case EXPR_INT:
		c.kind = CONST_INT;
		c.as.i = e->as.int_value;
		break;
	case EXPR_FLOAT:
		c.kind = CONST_FLOAT;
		c.as.f = e->as.float_value;
		break;
	case EXPR_STR:
		c.kind = CONST_STR;
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
	case EXPR_SET:
	case EXPR_AND:
	case EXPR_OR:
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
	case EXPR_TUPLE: {
		bool all = true;

		for (uint32_t i = 0; i < e->as.seq.count; i++) {
			fold(scratch, e->as.seq.items[i]);
			all = all && e->as.seq.items[i]->constant != 0;
		}
		if (!all)
			return;
		c.kind = CONST_TUPLE;
		c.as.tuple.count = e->as.seq.count;
		c.as.tuple.items = xcalloc(e->as.seq.count ? e->as.seq.count : 1,
		    sizeof *c.as.tuple.items);
		for (uint32_t i = 0; i < e->as.seq.count; i++)
			c.as.tuple.items[i] = e->as.seq.items[i]->constant - 1;
		break;
	}
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
	case EXPR_UNARY:
		fold(scratch, e->as.unary.operand);
		if (!literal_scalar(scratch, e->as.unary.operand, &a) ||
		    scalar_unary(e->as.unary.op, &a, &r, message,
		    sizeof message) != SCALAR_OK)
			return;
		c = constant_from_scalar(&r);
		break;
	case EXPR_BINARY:
		fold(scratch, e->as.binary.left);
		fold(scratch, e->as.binary.right);
		if (!literal_scalar(scratch, e->as.binary.left, &a) ||
		    !literal_scalar(scratch, e->as.binary.right, &b))
			return;
		/* what would raise is left for run time, as CPython does */
		if (scalar_binary(e->as.binary.op, &a, &b, &r, message,
		    sizeof message) != SCALAR_OK)
			return;
		c = constant_from_scalar(&r);
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
	else if (src->kind == CONST_TUPLE) {
		c.as.tuple.items = xcalloc(src->as.tuple.count ?
		    src->as.tuple.count : 1, sizeof *c.as.tuple.items);
		for (uint32_t i = 0; i < src->as.tuple.count; i++)
			c.as.tuple.items[i] = unit_intern(u, scratch,
			    src->as.tuple.items[i]);
	}
	return pool_intern(u->pool, &c);
}

/* Walks e in evaluation order: each outermost constant joins the unit's
 * pool and co_consts; e->constant is rewritten to the unit's index. */
static void
unit_collect(struct unit *u, const struct constant_pool *scratch,
    struct expr *e)
{
	if (e->constant != 0) {
		e->constant = unit_intern(u, scratch, e->constant - 1) + 1;
		unit_use(u, e->constant - 1);
		return;
	}
	switch (e->kind) {
	case EXPR_ATTR:
		unit_collect(u, scratch, e->as.attr.object);
		break;
	case EXPR_INDEX:
		unit_collect(u, scratch, e->as.index.object);
		unit_collect(u, scratch, e->as.index.index);
		break;
	case EXPR_LIST:
	case EXPR_TUPLE:
	case EXPR_SET:
	case EXPR_COMPARE:
	case EXPR_AND:
	case EXPR_OR:
	case EXPR_SLICE:
	case EXPR_FSTRING:
	case EXPR_FORMAT:
		for (uint32_t i = 0; i < e->as.seq.count; i++)
			unit_collect(u, scratch, e->as.seq.items[i]);
		break;
	case EXPR_DICT:
		for (uint32_t i = 0; i < e->as.dict.count; i++) {
			unit_collect(u, scratch, e->as.dict.keys[i]);
			unit_collect(u, scratch, e->as.dict.values[i]);
		}
		break;
	case EXPR_CALL:
		unit_collect(u, scratch, e->as.call.callee);
		for (uint32_t i = 0; i < e->as.call.count; i++)
			unit_collect(u, scratch, e->as.call.args[i]);
		break;
	case EXPR_UNARY:
		unit_collect(u, scratch, e->as.unary.operand);
		break;
	case EXPR_BINARY:
		unit_collect(u, scratch, e->as.binary.left);
		unit_collect(u, scratch, e->as.binary.right);
		break;
	default:
		break;
	}
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
			if (!collect) {
				fold(&scratch, d);
				break;
			}
			/* 3.11 builds the defaults tuple with LOAD_CONSTs and
			 * BUILD_TUPLE, and its optimizer folds a tuple of
			 * constants after the fact: the items stay in
			 * co_consts, the folded tuple joins them.  3.12 on
			 * drop the constants no instruction loads
			 * (remove_unused_consts): only the tuple stays */
			for (uint32_t i = 0; i < d->as.seq.count &&
			    (d->constant == 0 || u->python == PY_3_11); i++) {
				struct expr *item = d->as.seq.items[i];

				if (d->constant != 0 && item->constant == 0)
					fold(&scratch, item);
				unit_collect(u, &scratch, item);
			}
			if (d->constant != 0) {
				d->constant = unit_intern(u, &scratch,
				    d->constant - 1) + 1;
				unit_use(u, d->constant - 1);
			}
			break;
		}
		case STMT_EXPR:
		case STMT_RETURN:
		case STMT_IF:
		case STMT_WHILE: {
			struct expr *e = s->kind == STMT_EXPR ? s->as.expr :
			    s->kind == STMT_RETURN ? s->as.value : s->as.test;

			if (e == NULL)
				break;
			if (collect)
				unit_collect(u, &scratch, e);
			else
				fold(&scratch, e);
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
};

static void scan_expr(struct scan *sc, const struct expr *e);

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

static void
scan_expr(struct scan *sc, const struct expr *e)
{
	if (e->constant != 0)
		return;
	switch (e->kind) {
	case EXPR_NAME:
		names_add(&sc->order, e->as.name);
		names_add(&sc->loaded, e->as.name);
		break;
	case EXPR_ATTR:
		scan_expr(sc, e->as.attr.object);
		break;
	case EXPR_INDEX:
		scan_expr(sc, e->as.index.object);
		scan_expr(sc, e->as.index.index);
		break;
	case EXPR_LIST:
	case EXPR_TUPLE:
	case EXPR_SET:
	case EXPR_COMPARE:
	case EXPR_AND:
	case EXPR_OR:
	case EXPR_SLICE:
	case EXPR_FSTRING:
	case EXPR_FORMAT:
		for (uint32_t i = 0; i < e->as.seq.count; i++)
			scan_expr(sc, e->as.seq.items[i]);
		break;
	case EXPR_DICT:
		for (uint32_t i = 0; i < e->as.dict.count; i++) {
			scan_expr(sc, e->as.dict.keys[i]);
			scan_expr(sc, e->as.dict.values[i]);
		}
		break;
	case EXPR_CALL:
		scan_expr(sc, e->as.call.callee);
		for (uint32_t i = 0; i < e->as.call.count; i++)
			scan_expr(sc, e->as.call.args[i]);
		break;
	case EXPR_UNARY:
		scan_expr(sc, e->as.unary.operand);
		break;
	case EXPR_BINARY:
		scan_expr(sc, e->as.binary.left);
		scan_expr(sc, e->as.binary.right);
		break;
	default:
		break;
	}
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
		if (s->as.value != NULL)
			scan_expr(sc, s->as.value);
		break;
	case STMT_IF:
	case STMT_WHILE:
		scan_expr(sc, s->as.test);
		break;
	case STMT_FOR:
		scan_expr(sc, s->as.loop.iter);
		scan_target(sc, s->as.loop.target);
		break;
	case STMT_GLOBAL:
		for (uint32_t i = 0; i < s->as.global.count; i++)
			names_add(&sc->globals, s->as.global.names[i]);
		break;
	default:
		break;
	}
	if (s->next != NULL)
		scan_statement(sc, s->next);
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
		    "name '%s' %s global declaration", atom_name(a), what));
		rc = -1;
	}
	return rc;
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
	for (uint32_t i = 0; i < f->body_count; i++) {
		const struct program_step *st = &f->body[i];

		if (st->source->has_repeat) {
			f->uses_repeat = true;
			names_add(&sc.order, repeat_name);
			names_add(&sc.stored, repeat_name);
		}
		for (const struct stmt *g = st->stmt; g != NULL; g = g->next)
			if (g->kind == STMT_GLOBAL &&
			    check_global_late(p, f, &sc, st, g, errors) < 0)
				rc = -1;
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
	/* co_varnames: parameters, then bound non-global names by first use */
	for (uint32_t i = f->param_count; i < sc.order.count; i++) {
		atom_t a = sc.order.atoms[i];

		if (!names_has(&sc.stored, a) || names_has(&sc.globals, a))
			continue;
		f->locals = xreallocarray(f->locals, f->local_count + 1,
		    sizeof *f->locals);
		f->locals[f->local_count++] = a;
	}
	f->globals = sc.globals.atoms;
	f->global_count = sc.globals.count;
	xfree(sc.order.atoms);
	xfree(sc.stored.atoms);
	xfree(sc.loaded.atoms);
	return rc;
}

/* ---- steps ---- */

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

static void
compile_function_constants(struct program *p)
{
	for (uint32_t i = 0; i < p->function_count; i++) {
		struct program_function	*f = &p->functions[i];
		struct unit		 u = { &p->function_pool, &f->consts,
		    &f->const_count, 0, p->scenario->settings.python };

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
		f->body_count = src->body_count;
		f->body = xcalloc(src->body_count ? src->body_count : 1,
		    sizeof *f->body);
		for (uint32_t k = 0; k < src->body_count; k++)
			if (compile_step(s, &src->body[k], &f->body[k], true,
			    errors) != 0)
				rc = -1;
	}
	p->step_count = s->step_count;
	p->steps = xcalloc(s->step_count ? s->step_count : 1, sizeof *p->steps);
	for (uint32_t i = 0; i < s->step_count; i++)
		if (compile_step(s, &s->steps[i], &p->steps[i], false,
		    errors) != 0)
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
	for (uint32_t i = 0; i < p->function_count; i++)
		if (analyse_function(p, &p->functions[i], errors) != 0)
			rc = -1;
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
		xfree(f->globals);
		xfree(f->consts);
	}
	xfree(p->functions);
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
