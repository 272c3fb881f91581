/*
 * ast.c: freeing trees, and printing them back as canonical Python source.
 *
 * The text is what the narration and the trace show ("x = [1, 2]"), so it
 * must read like Python and parse back to the same tree: parentheses are
 * put where precedence needs them and nowhere else, a tuple at the top of a
 * statement goes without them (`a, b = b, a`), and strings and floats
 * are written by Python's own repr (py/pyhash.h), the one the simulator
 * shows.
 *
 * Every tree here was made by the parser, whose depth guard bounds how deep
 * it is (PARSER_MAX_DEPTH): the recursions below cannot run away.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <inttypes.h>
#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/xalloc.h"
#include "lang/ast.h"
#include "py/ops.h"
#include "py/pyhash.h"

/* Binding strength, loosest first: the operand of an operator of strength
 * s is parenthesised when it binds more loosely than s. */
enum prec {
	PREC_TUPLE,		/* a, b  (bare tuple) */
	PREC_IFEXP,		/* a if b else c; a list's item, an argument */
	PREC_OR,		/* or: any expression but a bare tuple */
	PREC_AND,		/* and */
	PREC_NOT,		/* not x */
	PREC_COMPARE,		/* < == is in ... */
	PREC_ARITH,		/* + -   */
	PREC_TERM,		/* * / // % */
	PREC_UNARY,		/* -x +x */
	PREC_POWER,		/* ** */
	PREC_POSTFIX		/* calls, .attr, [index], atoms */
};

/* Whether e's children are as.seq. */
static bool
has_seq(const struct expr *e)
{
	switch (e->kind) {
	case EXPR_LIST:
	case EXPR_TUPLE:
	case EXPR_SET:
	case EXPR_COMPARE:
	case EXPR_AND:
	case EXPR_OR:
	case EXPR_IFEXP:
	case EXPR_SLICE:
	case EXPR_FSTRING:
	case EXPR_FORMAT:
		return true;
	default:
		return false;
	}
}

void
ast_expr_each_child(const struct expr *e, ast_child_fn *fn, void *ctx)
{
	if (has_seq(e)) {
		for (uint32_t i = 0; i < e->as.seq.count; i++)
			fn(e->as.seq.items[i], ctx);
		return;
	}
	switch (e->kind) {
	case EXPR_ATTR:
		fn(e->as.attr.object, ctx);
		break;
	case EXPR_INDEX:
		fn(e->as.index.object, ctx);
		fn(e->as.index.index, ctx);
		break;
	case EXPR_DICT:
		for (uint32_t i = 0; i < e->as.dict.count; i++) {
			fn(e->as.dict.keys[i], ctx);
			fn(e->as.dict.values[i], ctx);
		}
		break;
	case EXPR_BINARY:
		fn(e->as.binary.left, ctx);
		fn(e->as.binary.right, ctx);
		break;
	case EXPR_UNARY:
		fn(e->as.unary.operand, ctx);
		break;
	case EXPR_CALL:
		fn(e->as.call.callee, ctx);
		for (uint32_t i = 0; i < e->as.call.count; i++)
			fn(e->as.call.args[i], ctx);
		break;
	case EXPR_LAMBDA:
		if (e->as.lambda.defaults != NULL)
			fn(e->as.lambda.defaults, ctx);
		break;
	case EXPR_LISTCOMP:
	case EXPR_SETCOMP:
	case EXPR_DICTCOMP:
	case EXPR_GENEXP:
		fn(e->as.comp.clauses[0].iter, ctx);
		break;
	default:
		break;
	}
}

bool
ast_is_comp(const struct expr *e)
{
	return e->kind == EXPR_LISTCOMP || e->kind == EXPR_SETCOMP ||
	    e->kind == EXPR_DICTCOMP || e->kind == EXPR_GENEXP;
}

void
ast_comp_each_own(const struct expr *e, ast_child_fn *fn, void *ctx)
{
	for (uint32_t i = 0; i < e->as.comp.count; i++) {
		const struct comp_clause *c = &e->as.comp.clauses[i];

		if (i > 0)
			fn(c->iter, ctx);
		for (uint32_t k = 0; k < c->if_count; k++)
			fn(c->ifs[k], ctx);
	}
	fn(e->as.comp.elt, ctx);
	if (e->as.comp.value != NULL)
		fn(e->as.comp.value, ctx);
}

void
ast_comp_each_target(const struct expr *e, ast_child_fn *fn, void *ctx)
{
	for (uint32_t i = 0; i < e->as.comp.count; i++)
		fn(e->as.comp.clauses[i].target, ctx);
}

static void
free_child(struct expr *child, void *ctx)
{
	(void)ctx;
	ast_free_expr(child);
}

void
ast_free_expr(struct expr *e)
{
	if (e == NULL)
		return;
	ast_expr_each_child(e, free_child, NULL);
	if (has_seq(e)) {
		xfree(e->as.seq.items);
		xfree(e->as.seq.ops);
	}
	switch (e->kind) {
	case EXPR_INT:
		bigint_free(e->big);
		break;
	case EXPR_STR:
		xfree(e->as.str.bytes);
		break;
	case EXPR_DICT:
		xfree(e->as.dict.keys);
		xfree(e->as.dict.values);
		break;
	case EXPR_CALL:
		xfree(e->as.call.args);
		xfree(e->as.call.keywords);
		break;
	case EXPR_LAMBDA:
		xfree(e->as.lambda.params);
		xfree(e->as.lambda.offsets);
		ast_free_stmt(e->as.lambda.body);
		break;
	case EXPR_LISTCOMP:
	case EXPR_SETCOMP:
	case EXPR_DICTCOMP:
	case EXPR_GENEXP:
		/* the first iterable went with the children */
		ast_comp_each_own(e, free_child, NULL);
		ast_comp_each_target(e, free_child, NULL);
		for (uint32_t i = 0; i < e->as.comp.count; i++)
			xfree(e->as.comp.clauses[i].ifs);
		xfree(e->as.comp.clauses);
		break;
	default:
		break;
	}
	xfree(e);
}

void
ast_free_stmt(struct stmt *s)
{
	uint32_t	i;

	if (s == NULL)
		return;
	switch (s->kind) {
	case STMT_ASSIGN:
		for (i = 0; i < s->as.assign.target_count; i++)
			ast_free_expr(s->as.assign.targets[i]);
		xfree(s->as.assign.targets);
		ast_free_expr(s->as.assign.value);
		break;
	case STMT_AUGASSIGN:
		ast_free_expr(s->as.aug.target);
		ast_free_expr(s->as.aug.value);
		break;
	case STMT_DEL:
		for (i = 0; i < s->as.del.count; i++)
			ast_free_expr(s->as.del.targets[i]);
		xfree(s->as.del.targets);
		break;
	case STMT_EXPR:
		ast_free_expr(s->as.expr);
		break;
	case STMT_RETURN:
	case STMT_RAISE:
		ast_free_expr(s->as.value);
		ast_free_expr(s->cause);
		break;
	case STMT_EXCEPT:
		ast_free_expr(s->as.handler.type);
		break;
	case STMT_GLOBAL:
	case STMT_IMPORT:
	case STMT_NONLOCAL:
		xfree(s->as.global.names);
		xfree(s->as.global.offsets);
		break;
	case STMT_IF:
	case STMT_WHILE:
		ast_free_expr(s->as.test);
		break;
	case STMT_ASSERT:
		ast_free_expr(s->as.test);
		ast_free_expr(s->cause);
		break;
	case STMT_FOR:
		ast_free_expr(s->as.loop.target);
		ast_free_expr(s->as.loop.iter);
		break;
	case STMT_DEF:
		xfree(s->as.def.params);
		xfree(s->as.def.offsets);
		ast_free_expr(s->as.def.defaults);
		break;
	case STMT_CLASS:
		ast_free_expr(s->as.cls.base);
		break;
	case STMT_WITH:
		for (i = 0; i < s->as.with.count; i++)
			ast_free_expr(s->as.with.items[i]);
		xfree(s->as.with.items);
		xfree(s->as.with.names);
		xfree(s->as.with.offsets);
		break;
	case STMT_PASS:
	case STMT_BREAK:
	case STMT_CONTINUE:
	case STMT_TRY:
		break;
	}
	ast_free_stmt(s->next);
	xfree(s);
}

void
ast_free_expect(struct expect *x)
{
	if (x == NULL)
		return;
	ast_free_expr(x->subject);
	ast_free_expr(x->other);
	xfree(x);
}

/*
 * A float as source: its repr, except infinity (which a literal such as
 * 1e400 gives), whose repr "inf" would read back as a name; it is written
 * as ast.unparse writes it.
 */
static void
put_float(struct strbuf *sb, double v)
{
	if (isinf(v))
		strbuf_puts(sb, v > 0 ? "1e309" : "-1e309");
	else
		pyrepr_float(sb, v);
}

static enum prec
expr_prec(const struct expr *e)
{
	switch (e->kind) {
	case EXPR_BINARY:
		if (e->as.binary.op == BINOP_POW)
			return PREC_POWER;
		return e->as.binary.op == BINOP_ADD ||
		    e->as.binary.op == BINOP_SUB ? PREC_ARITH : PREC_TERM;
	case EXPR_UNARY:
		return e->as.unary.op == UNOP_NOT ? PREC_NOT : PREC_UNARY;
	case EXPR_COMPARE:
		return PREC_COMPARE;
	case EXPR_AND:
		return PREC_AND;
	case EXPR_OR:
		return PREC_OR;
	case EXPR_IFEXP:
		return PREC_IFEXP;
	case EXPR_TUPLE:
		return e->as.seq.count >= 2 ? PREC_TUPLE : PREC_POSTFIX;
	case EXPR_LAMBDA:
		return PREC_OR;		/* below every operator: in brackets */
	default:
		return PREC_POSTFIX;
	}
}

static void put_expr(struct strbuf *, const struct expr *, enum prec);
static void put_comp(struct strbuf *, const struct expr *);

static void
put_items(struct strbuf *sb, struct expr *const *items, uint32_t count)
{
	uint32_t	i;

	for (i = 0; i < count; i++) {
		if (i > 0)
			strbuf_puts(sb, ", ");
		put_expr(sb, items[i], PREC_IFEXP);
	}
}

/* The object of .attr, [index] or a call: an int needs parentheses,
 * since `1.real` would read as the float `1.`. */
static void
put_postfix_object(struct strbuf *sb, const struct expr *e)
{
	if (e->kind == EXPR_INT) {
		strbuf_putc(sb, '(');
		put_expr(sb, e, PREC_TUPLE);
		strbuf_putc(sb, ')');
	} else
		put_expr(sb, e, PREC_POSTFIX);
}

/* An f-string as written: its literal parts with braces doubled, its
 * fields as {expr!c:spec}; double quotes when a field holds a '. */
static void
put_fstring(struct strbuf *sb, const struct expr *e)
{
	struct strbuf	 body = STRBUF_INIT, part = STRBUF_INIT;
	char		 quote = '\'';

	for (uint32_t i = 0; i < e->as.seq.count; i++) {
		const struct expr *f = e->as.seq.items[i];

		if (f->kind == EXPR_STR)
			continue;
		put_expr(&part, f->as.seq.items[0], PREC_TUPLE);
		if (memchr(part.data, '\'', part.len) != NULL)
			quote = '"';
		strbuf_free(&part);
		part = (struct strbuf)STRBUF_INIT;
	}
	for (uint32_t i = 0; i < e->as.seq.count; i++) {
		const struct expr *f = e->as.seq.items[i];

		if (f->kind == EXPR_STR) {
			pyrepr_str_body(&part, f->as.str.bytes, f->as.str.len,
			    quote);
			for (size_t k = 0; k < part.len; k++) {
				strbuf_putc(&body, part.data[k]);
				if (part.data[k] == '{' || part.data[k] == '}')
					strbuf_putc(&body, part.data[k]);
			}
			strbuf_free(&part);
			part = (struct strbuf)STRBUF_INIT;
			continue;
		}
		strbuf_putc(&body, '{');
		put_expr(&body, f->as.seq.items[0], PREC_TUPLE);
		if (f->as.seq.ops[0] != 0)
			strbuf_printf(&body, "!%c", f->as.seq.ops[0]);
		if (f->as.seq.count == 2) {
			strbuf_putc(&body, ':');
			strbuf_append(&body, f->as.seq.items[1]->as.str.bytes,
			    f->as.seq.items[1]->as.str.len);
		}
		strbuf_putc(&body, '}');
	}
	strbuf_printf(sb, "f%c%s%c", quote, strbuf_str(&body), quote);
	strbuf_free(&body);
}

/* [elt for t in it if c ...], with its own brackets. */
static void
put_comp(struct strbuf *sb, const struct expr *e)
{
	const char *brackets = e->kind == EXPR_LISTCOMP ? "[]" :
	    e->kind == EXPR_GENEXP ? "()" : "{}";

	strbuf_putc(sb, brackets[0]);
	put_expr(sb, e->as.comp.elt, PREC_IFEXP);
	if (e->as.comp.value != NULL) {
		strbuf_puts(sb, ": ");
		put_expr(sb, e->as.comp.value, PREC_IFEXP);
	}
	for (uint32_t i = 0; i < e->as.comp.count; i++) {
		const struct comp_clause *c = &e->as.comp.clauses[i];

		strbuf_puts(sb, " for ");
		put_expr(sb, c->target, PREC_TUPLE);
		strbuf_puts(sb, " in ");
		/* an or_test: a lambda or a bare tuple needs brackets */
		put_expr(sb, c->iter, PREC_AND);
		for (uint32_t k = 0; k < c->if_count; k++) {
			strbuf_puts(sb, " if ");
			put_expr(sb, c->ifs[k], PREC_AND);
		}
	}
	strbuf_putc(sb, brackets[1]);
}

static void
put_expr(struct strbuf *sb, const struct expr *e, enum prec min)
{
	enum prec	p = expr_prec(e);
	bool		paren = p < min;
	uint32_t	i;

	if (paren)
		strbuf_putc(sb, '(');
	switch (e->kind) {
	case EXPR_LAMBDA: {
		uint32_t first = e->as.lambda.count - (e->as.lambda.defaults ?
		    e->as.lambda.defaults->as.seq.count : 0);

		strbuf_puts(sb, e->as.lambda.count ? "lambda " : "lambda");
		for (i = 0; i < e->as.lambda.count; i++) {
			if (i > 0)
				strbuf_puts(sb, ", ");
			strbuf_puts(sb, atom_name(e->as.lambda.params[i]));
			if (i >= first) {
				strbuf_putc(sb, '=');
				put_expr(sb, e->as.lambda.defaults->as.seq.items[
				    i - first], PREC_IFEXP);
			}
		}
		strbuf_puts(sb, ": ");
		put_expr(sb, e->as.lambda.body->as.value, PREC_IFEXP);
		break;
	}
	case EXPR_INT:
		if (e->big != NULL)
			bigint_write(e->big, 10, sb);
		else
			strbuf_printf(sb, "%" PRId64, e->as.int_value);
		break;
	case EXPR_FLOAT:
		put_float(sb, e->as.float_value);
		break;
	case EXPR_STR:
		pyrepr_str(sb, e->as.str.bytes, e->as.str.len);
		break;
	case EXPR_TRUE:
		strbuf_puts(sb, "True");
		break;
	case EXPR_FALSE:
		strbuf_puts(sb, "False");
		break;
	case EXPR_NONE:
		strbuf_puts(sb, "None");
		break;
	case EXPR_NAME:
		strbuf_append(sb, atom_name(e->as.name),
		    atom_length(e->as.name));
		break;
	case EXPR_ATTR:
		put_postfix_object(sb, e->as.attr.object);
		strbuf_putc(sb, '.');
		strbuf_append(sb, atom_name(e->as.attr.name),
		    atom_length(e->as.attr.name));
		break;
	case EXPR_INDEX:
		put_postfix_object(sb, e->as.index.object);
		strbuf_putc(sb, '[');
		put_expr(sb, e->as.index.index, PREC_TUPLE);
		strbuf_putc(sb, ']');
		break;
	case EXPR_LIST:
		strbuf_putc(sb, '[');
		put_items(sb, e->as.seq.items, e->as.seq.count);
		strbuf_putc(sb, ']');
		break;
	case EXPR_TUPLE:
		if (e->as.seq.count < 2) {
			strbuf_putc(sb, '(');
			put_items(sb, e->as.seq.items, e->as.seq.count);
			if (e->as.seq.count == 1)
				strbuf_putc(sb, ',');
			strbuf_putc(sb, ')');
		} else
			put_items(sb, e->as.seq.items, e->as.seq.count);
		break;
	case EXPR_SET:
		strbuf_putc(sb, '{');
		put_items(sb, e->as.seq.items, e->as.seq.count);
		strbuf_putc(sb, '}');
		break;
	case EXPR_LISTCOMP:
	case EXPR_SETCOMP:
	case EXPR_DICTCOMP:
	case EXPR_GENEXP:
		put_comp(sb, e);
		break;
	case EXPR_DICT:
		strbuf_putc(sb, '{');
		for (i = 0; i < e->as.dict.count; i++) {
			if (i > 0)
				strbuf_puts(sb, ", ");
			put_expr(sb, e->as.dict.keys[i], PREC_IFEXP);
			strbuf_puts(sb, ": ");
			put_expr(sb, e->as.dict.values[i], PREC_IFEXP);
		}
		strbuf_putc(sb, '}');
		break;
	case EXPR_BINARY:
		/* Left-associative: an equal-strength left operand needs no
		 * parentheses, an equal-strength right one does; ** is the
		 * other way round, and its right operand may be unary. */
		put_expr(sb, e->as.binary.left, p == PREC_POWER ? p + 1 : p);
		strbuf_printf(sb, " %s ", ops_binary_text(e->as.binary.op));
		put_expr(sb, e->as.binary.right, p == PREC_POWER ? PREC_UNARY :
		    p + 1);
		break;
	case EXPR_UNARY:
		strbuf_puts(sb, ops_unary_text(e->as.unary.op));
		put_expr(sb, e->as.unary.operand, p);
		break;
	case EXPR_IFEXP:
		/* body and test are or_tests: a lambda needs brackets */
		put_expr(sb, e->as.seq.items[1], PREC_AND);
		strbuf_puts(sb, " if ");
		put_expr(sb, e->as.seq.items[0], PREC_AND);
		strbuf_puts(sb, " else ");
		put_expr(sb, e->as.seq.items[2], PREC_IFEXP);
		break;
	case EXPR_COMPARE:
	case EXPR_AND:
	case EXPR_OR:
		/* a chain is one node: an operand of the same strength was
		 * written in parentheses */
		for (i = 0; i < e->as.seq.count; i++) {
			if (i > 0)
				strbuf_printf(sb, " %s ", e->kind == EXPR_AND ?
				    "and" : e->kind == EXPR_OR ? "or" :
				    ops_compare_text(e->as.seq.ops[i - 1]));
			put_expr(sb, e->as.seq.items[i], p + 1);
		}
		break;
	case EXPR_FSTRING:
		put_fstring(sb, e);
		break;
	case EXPR_FORMAT:
		/* only inside an f-string, which writes it */
		break;
	case EXPR_SLICE:
		/* the bounds as written: an unwritten one has no text */
		for (i = 0; i < 3; i++) {
			const struct expr *b = e->as.seq.items[i];

			if (i == 1 || (i == 2 && b->length > 0))
				strbuf_putc(sb, ':');
			if (b->kind != EXPR_NONE || b->length > 0)
				put_expr(sb, b, PREC_IFEXP);
		}
		break;
	case EXPR_CALL:
		put_postfix_object(sb, e->as.call.callee);
		strbuf_putc(sb, '(');
		if (e->as.call.keywords == NULL)
			put_items(sb, e->as.call.args, e->as.call.count);
		for (uint32_t k = 0; e->as.call.keywords != NULL &&
		    k < e->as.call.count; k++) {
			atom_t kw = e->as.call.keywords[k];

			if (k > 0)
				strbuf_puts(sb, ", ");
			if (kw != ATOM_NONE)
				strbuf_printf(sb, "%s=", atom_name(kw));
			put_expr(sb, e->as.call.args[k], PREC_TUPLE);
		}
		strbuf_putc(sb, ')');
		break;
	}
	if (paren)
		strbuf_putc(sb, ')');
}

char *
ast_expr_text(const struct expr *e)
{
	struct strbuf	sb = STRBUF_INIT;

	put_expr(&sb, e, PREC_TUPLE);
	return strbuf_detach(&sb);
}

char *
ast_stmt_text(const struct stmt *s)
{
	struct strbuf	sb = STRBUF_INIT;
	uint32_t	i;

	switch (s->kind) {
	case STMT_ASSIGN:
		for (i = 0; i < s->as.assign.target_count; i++) {
			put_expr(&sb, s->as.assign.targets[i], PREC_TUPLE);
			strbuf_puts(&sb, " = ");
		}
		put_expr(&sb, s->as.assign.value, PREC_TUPLE);
		break;
	case STMT_AUGASSIGN:
		put_expr(&sb, s->as.aug.target, PREC_TUPLE);
		strbuf_printf(&sb, " %s= ", ops_binary_text(s->as.aug.op));
		put_expr(&sb, s->as.aug.value, PREC_TUPLE);
		break;
	case STMT_DEL:
		strbuf_puts(&sb, "del ");
		for (i = 0; i < s->as.del.count; i++) {
			if (i > 0)
				strbuf_puts(&sb, ", ");
			put_expr(&sb, s->as.del.targets[i], PREC_ARITH);
		}
		break;
	case STMT_EXPR:
		put_expr(&sb, s->as.expr, PREC_TUPLE);
		break;
	case STMT_RETURN:
	case STMT_RAISE:
		strbuf_puts(&sb, s->kind == STMT_RETURN ? "return" : "raise");
		if (s->as.value != NULL) {
			strbuf_putc(&sb, ' ');
			put_expr(&sb, s->as.value, PREC_TUPLE);
		}
		if (s->cause != NULL) {
			strbuf_puts(&sb, " from ");
			put_expr(&sb, s->cause, PREC_TUPLE);
		}
		break;
	case STMT_GLOBAL:
	case STMT_IMPORT:
	case STMT_NONLOCAL:
		if (s->kind == STMT_IMPORT && s->as.global.module != ATOM_NONE)
			strbuf_printf(&sb, "from %s ",
			    atom_name(s->as.global.module));
		strbuf_puts(&sb, s->kind == STMT_GLOBAL ? "global " :
		    s->kind == STMT_NONLOCAL ? "nonlocal " : "import ");
		for (i = 0; i < s->as.global.count; i++) {
			if (i > 0)
				strbuf_puts(&sb, ", ");
			strbuf_append(&sb, atom_name(s->as.global.names[i]),
			    atom_length(s->as.global.names[i]));
		}
		break;
	case STMT_PASS:
		strbuf_puts(&sb, "pass");
		break;
	case STMT_IF:
	case STMT_WHILE:
		strbuf_puts(&sb, s->kind == STMT_IF ? "if " : "while ");
		put_expr(&sb, s->as.test, PREC_TUPLE);
		strbuf_putc(&sb, ':');
		break;
	case STMT_ASSERT:
		/* a tuple in brackets: a comma would start the message */
		strbuf_puts(&sb, "assert ");
		put_expr(&sb, s->as.test, PREC_IFEXP);
		if (s->cause != NULL) {
			strbuf_puts(&sb, ", ");
			put_expr(&sb, s->cause, PREC_IFEXP);
		}
		break;
	case STMT_FOR:
		strbuf_puts(&sb, "for ");
		put_expr(&sb, s->as.loop.target, PREC_TUPLE);
		strbuf_puts(&sb, " in ");
		put_expr(&sb, s->as.loop.iter, PREC_TUPLE);
		strbuf_putc(&sb, ':');
		break;
	case STMT_BREAK:
		strbuf_puts(&sb, "break");
		break;
	case STMT_TRY:
		strbuf_puts(&sb, "try:");
		break;
	case STMT_EXCEPT:
		strbuf_puts(&sb, "except");
		if (s->as.handler.type != NULL) {
			/* a tuple of classes keeps its brackets */
			strbuf_putc(&sb, ' ');
			put_expr(&sb, s->as.handler.type, PREC_ARITH);
		}
		if (s->as.handler.name != ATOM_NONE)
			strbuf_printf(&sb, " as %s",
			    atom_name(s->as.handler.name));
		strbuf_putc(&sb, ':');
		break;
	case STMT_CONTINUE:
		strbuf_puts(&sb, "continue");
		break;
	case STMT_WITH:
		strbuf_puts(&sb, "with ");
		for (i = 0; i < s->as.with.count; i++) {
			if (i > 0)
				strbuf_puts(&sb, ", ");
			put_expr(&sb, s->as.with.items[i], PREC_ARITH);
			if (s->as.with.names[i] != ATOM_NONE)
				strbuf_printf(&sb, " as %s",
				    atom_name(s->as.with.names[i]));
		}
		strbuf_putc(&sb, ':');
		break;
	case STMT_DEF:
		strbuf_puts(&sb, "def ");
		strbuf_append(&sb, atom_name(s->as.def.name),
		    atom_length(s->as.def.name));
		strbuf_putc(&sb, '(');
		for (i = 0; i < s->as.def.count; i++) {
			const struct expr *d = s->as.def.defaults;
			uint32_t first = d != NULL ? s->as.def.count -
			    d->as.seq.count : s->as.def.count;

			if (i > 0)
				strbuf_puts(&sb, ", ");
			strbuf_append(&sb, atom_name(s->as.def.params[i]),
			    atom_length(s->as.def.params[i]));
			if (i >= first) {
				strbuf_putc(&sb, '=');
				put_expr(&sb, d->as.seq.items[i - first],
				    PREC_TUPLE);
			}
		}
		strbuf_puts(&sb, "):");
		break;
	case STMT_CLASS:
		strbuf_puts(&sb, "class ");
		strbuf_append(&sb, atom_name(s->as.cls.name),
		    atom_length(s->as.cls.name));
		if (s->as.cls.base != NULL) {
			strbuf_putc(&sb, '(');
			put_expr(&sb, s->as.cls.base, PREC_TUPLE);
			strbuf_putc(&sb, ')');
		}
		strbuf_putc(&sb, ':');
		break;
	}
	if (s->next != NULL) {
		char *rest = ast_stmt_text(s->next);

		strbuf_printf(&sb, "; %s", rest);
		xfree(rest);
	}
	return strbuf_detach(&sb);
}

char *
ast_expect_text(const struct expect *x)
{
	struct strbuf	sb = STRBUF_INIT;
	const char	*fn = NULL;

	switch (x->kind) {
	case EXPECT_REFCOUNT:
		fn = "refcount";
		break;
	case EXPECT_GEN:
		fn = "gen";
		break;
	case EXPECT_ALIVE:
		fn = "alive";
		break;
	case EXPECT_HEAP:
		strbuf_puts(&sb, "heap");
		break;
	case EXPECT_COLLECTED:
		strbuf_puts(&sb, "collected");
		break;
	case EXPECT_FREED:
		strbuf_puts(&sb, "freed");
		break;
	case EXPECT_IS:
	case EXPECT_IS_NOT:
		put_expr(&sb, x->subject, PREC_ARITH);
		strbuf_puts(&sb, x->kind == EXPECT_IS ? " is " : " is not ");
		put_expr(&sb, x->other, PREC_ARITH);
		return strbuf_detach(&sb);
	}
	if (fn != NULL) {
		strbuf_printf(&sb, "%s(", fn);
		put_expr(&sb, x->subject, PREC_ARITH);
		strbuf_putc(&sb, ')');
	}
	if (x->kind != EXPECT_ALIVE)
		strbuf_printf(&sb, " %s %" PRId64, ops_compare_text(x->op),
		    x->number);
	return strbuf_detach(&sb);
}
