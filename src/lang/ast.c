/*
 * ast.c: freeing trees, and printing them back as canonical Python source.
 *
 * The text is what the narration and the trace show ("x = [1, 2]"), so it
 * must read like Python and parse back to the same tree: parentheses are
 * put where precedence needs them and nowhere else, a tuple at the top of a
 * statement goes without them (`a, b = b, a`), strings look like Python's
 * repr, and floats take the shortest form that reads back exactly, as
 * Python's repr does.
 *
 * Every tree here was made by the parser, whose depth guard bounds how deep
 * it is (PARSER_MAX_DEPTH): the recursions below cannot run away.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <inttypes.h>
#include <locale.h>
#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "lang/ast.h"

/* Binding strength, loosest first: the operand of an operator of strength
 * s is parenthesised when it binds more loosely than s. */
enum prec {
	PREC_TUPLE,		/* a, b  (bare tuple) */
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

void
ast_free_expr(struct expr *e)
{
	uint32_t	i;

	if (e == NULL)
		return;
	switch (e->kind) {
	case EXPR_STR:
		xfree(e->as.str.bytes);
		break;
	case EXPR_ATTR:
		ast_free_expr(e->as.attr.object);
		break;
	case EXPR_INDEX:
		ast_free_expr(e->as.index.object);
		ast_free_expr(e->as.index.index);
		break;
	case EXPR_LIST:
	case EXPR_TUPLE:
	case EXPR_SET:
	case EXPR_COMPARE:
	case EXPR_AND:
	case EXPR_OR:
		for (i = 0; i < e->as.seq.count; i++)
			ast_free_expr(e->as.seq.items[i]);
		xfree(e->as.seq.items);
		xfree(e->as.seq.ops);
		break;
	case EXPR_DICT:
		for (i = 0; i < e->as.dict.count; i++) {
			ast_free_expr(e->as.dict.keys[i]);
			ast_free_expr(e->as.dict.values[i]);
		}
		xfree(e->as.dict.keys);
		xfree(e->as.dict.values);
		break;
	case EXPR_BINARY:
		ast_free_expr(e->as.binary.left);
		ast_free_expr(e->as.binary.right);
		break;
	case EXPR_UNARY:
		ast_free_expr(e->as.unary.operand);
		break;
	case EXPR_CALL:
		ast_free_expr(e->as.call.callee);
		for (i = 0; i < e->as.call.count; i++)
			ast_free_expr(e->as.call.args[i]);
		xfree(e->as.call.args);
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
		ast_free_expr(s->as.value);
		break;
	case STMT_GLOBAL:
		xfree(s->as.global.names);
		xfree(s->as.global.offsets);
		break;
	case STMT_PASS:
		break;
	}
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

const char *
ast_binary_op_text(enum binary_op op)
{
	switch (op) {
	case BINOP_ADD:
		return "+";
	case BINOP_SUB:
		return "-";
	case BINOP_MUL:
		return "*";
	case BINOP_DIV:
		return "/";
	case BINOP_FLOORDIV:
		return "//";
	case BINOP_MOD:
		return "%";
	case BINOP_POW:
		return "**";
	}
	return "?";
}

const char *
ast_compare_op_text(enum compare_op op)
{
	switch (op) {
	case CMP_EQ:
		return "==";
	case CMP_NE:
		return "!=";
	case CMP_LT:
		return "<";
	case CMP_GT:
		return ">";
	case CMP_LE:
		return "<=";
	case CMP_GE:
		return ">=";
	case CMP_IS:
		return "is";
	case CMP_IS_NOT:
		return "is not";
	case CMP_IN:
		return "in";
	case CMP_NOT_IN:
		return "not in";
	}
	return "?";
}

/*
 * Python's repr(float), without depending on the simulator: the shortest
 * digits that read back to the same double, in positional form when the
 * decimal point falls within 16 places of the first digit and in exponent
 * form otherwise (Python's float_repr_style 'short').  Infinity, which a
 * literal such as 1e400 gives, is written as ast.unparse writes it.
 * printf and strtod run in the "C" locale, whatever the program set.
 */
static void
put_float(struct strbuf *sb, double v)
{
	locale_t	 c, old = (locale_t)0;
	char		 buf[40], digits[24];
	int		 prec, exp10, decpt, ndigits, i;
	char		*e;

	if (isnan(v)) {
		strbuf_puts(sb, "nan");
		return;
	}
	if (isinf(v)) {
		strbuf_puts(sb, v > 0 ? "1e309" : "-1e309");
		return;
	}
	if (v == 0) {
		strbuf_puts(sb, signbit(v) ? "-0.0" : "0.0");
		return;
	}
	c = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	if (c != (locale_t)0)
		old = uselocale(c);
	for (prec = 1; prec <= 17; prec++) {
		snprintf(buf, sizeof buf, "%.*e", prec - 1, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	if (c != (locale_t)0) {
		uselocale(old);
		freelocale(c);
	}

	/* buf is [-]d[.ddd]e[+-]XX: collect the digits and the exponent. */
	e = buf;
	if (*e == '-') {
		strbuf_putc(sb, '-');
		e++;
	}
	ndigits = 0;
	for (; *e != 'e' && *e != '\0'; e++) {
		if (*e >= '0' && *e <= '9' && ndigits < (int)sizeof digits - 1)
			digits[ndigits++] = *e;
	}
	exp10 = *e == 'e' ? atoi(e + 1) : 0;
	while (ndigits > 1 && digits[ndigits - 1] == '0')
		ndigits--;
	digits[ndigits] = '\0';
	decpt = exp10 + 1;

	if (decpt > 16 || decpt < -3) {
		strbuf_putc(sb, digits[0]);
		if (ndigits > 1) {
			strbuf_putc(sb, '.');
			strbuf_puts(sb, digits + 1);
		}
		strbuf_printf(sb, "e%c%02d", exp10 < 0 ? '-' : '+',
		    exp10 < 0 ? -exp10 : exp10);
	} else if (decpt <= 0) {
		strbuf_puts(sb, "0.");
		for (i = 0; i < -decpt; i++)
			strbuf_putc(sb, '0');
		strbuf_puts(sb, digits);
	} else if (decpt >= ndigits) {
		strbuf_puts(sb, digits);
		for (i = ndigits; i < decpt; i++)
			strbuf_putc(sb, '0');
		strbuf_puts(sb, ".0");
	} else {
		strbuf_append(sb, digits, (size_t)decpt);
		strbuf_putc(sb, '.');
		strbuf_puts(sb, digits + decpt);
	}
}

/*
 * Whether repr() escapes a character that is not a control character.
 * Python asks str.isprintable(), which needs Unicode's tables; these are
 * the ranges a scenario can plausibly hold (spaces other than ' ', format
 * characters such as the bidi controls, private use, non-characters).
 * pyrepr_str in the simulator is the exact one.
 */
static bool
repr_escapes(uint32_t cp)
{
	return (cp >= 0x80 && cp <= 0xa0) || cp == 0xad ||
	    (cp >= 0x600 && cp <= 0x605) || cp == 0x61c || cp == 0x6dd ||
	    cp == 0x70f || cp == 0x180e || cp == 0x1680 ||
	    (cp >= 0x2000 && cp <= 0x200f) || (cp >= 0x2028 && cp <= 0x202f) ||
	    (cp >= 0x205f && cp <= 0x206f) || cp == 0x3000 ||
	    (cp >= 0xd800 && cp <= 0xf8ff) || cp == 0xfeff ||
	    (cp >= 0xfff9 && cp <= 0xfffb) || (cp >= 0xfffe && cp <= 0xffff) ||
	    (cp >= 0xe0000 && cp <= 0xe0fff) || cp >= 0xf0000;
}

/* A str literal as Python's repr writes it. */
static void
put_str(struct strbuf *sb, const char *bytes, size_t len)
{
	const unsigned char	*s = (const unsigned char *)bytes;
	char			 q = '\'';
	size_t			 i, n;
	uint32_t		 cp;

	if (memchr(bytes, '\'', len) != NULL && memchr(bytes, '"', len) == NULL)
		q = '"';
	strbuf_putc(sb, q);
	for (i = 0; i < len; i += n) {
		/* a malformed byte is shown as \xhh, one at a time */
		n = utf8_decode(bytes + i, len - i, &cp);
		if (cp == UTF8_INVALID) {
			strbuf_printf(sb, "\\x%02x", s[i]);
			n = 1;
			continue;
		}
		if (cp == (uint32_t)q || cp == '\\') {
			strbuf_putc(sb, '\\');
			strbuf_putc(sb, (char)cp);
		} else if (cp == '\n')
			strbuf_puts(sb, "\\n");
		else if (cp == '\r')
			strbuf_puts(sb, "\\r");
		else if (cp == '\t')
			strbuf_puts(sb, "\\t");
		else if (cp < 0x20 || cp == 0x7f)
			strbuf_printf(sb, "\\x%02x", (unsigned)cp);
		else if (repr_escapes(cp)) {
			if (cp < 0x100)
				strbuf_printf(sb, "\\x%02x", (unsigned)cp);
			else if (cp < 0x10000)
				strbuf_printf(sb, "\\u%04x", (unsigned)cp);
			else
				strbuf_printf(sb, "\\U%08x", (unsigned)cp);
		} else
			strbuf_append(sb, bytes + i, n);
	}
	strbuf_putc(sb, q);
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
	case EXPR_TUPLE:
		return e->as.seq.count >= 2 ? PREC_TUPLE : PREC_POSTFIX;
	default:
		return PREC_POSTFIX;
	}
}

static void put_expr(struct strbuf *, const struct expr *, enum prec);

static void
put_items(struct strbuf *sb, struct expr *const *items, uint32_t count)
{
	uint32_t	i;

	for (i = 0; i < count; i++) {
		if (i > 0)
			strbuf_puts(sb, ", ");
		put_expr(sb, items[i], PREC_OR);
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

static void
put_expr(struct strbuf *sb, const struct expr *e, enum prec min)
{
	enum prec	p = expr_prec(e);
	bool		paren = p < min;
	uint32_t	i;

	if (paren)
		strbuf_putc(sb, '(');
	switch (e->kind) {
	case EXPR_INT:
		strbuf_printf(sb, "%" PRId64, e->as.int_value);
		break;
	case EXPR_FLOAT:
		put_float(sb, e->as.float_value);
		break;
	case EXPR_STR:
		put_str(sb, e->as.str.bytes, e->as.str.len);
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
	case EXPR_DICT:
		strbuf_putc(sb, '{');
		for (i = 0; i < e->as.dict.count; i++) {
			if (i > 0)
				strbuf_puts(sb, ", ");
			put_expr(sb, e->as.dict.keys[i], PREC_OR);
			strbuf_puts(sb, ": ");
			put_expr(sb, e->as.dict.values[i], PREC_OR);
		}
		strbuf_putc(sb, '}');
		break;
	case EXPR_BINARY:
		/* Left-associative: an equal-strength left operand needs no
		 * parentheses, an equal-strength right one does; ** is the
		 * other way round, and its right operand may be unary. */
		put_expr(sb, e->as.binary.left, p == PREC_POWER ? p + 1 : p);
		strbuf_printf(sb, " %s ", ast_binary_op_text(e->as.binary.op));
		put_expr(sb, e->as.binary.right, p == PREC_POWER ? PREC_UNARY :
		    p + 1);
		break;
	case EXPR_UNARY:
		strbuf_puts(sb, e->as.unary.op == UNOP_NOT ? "not " :
		    e->as.unary.op == UNOP_NEG ? "-" : "+");
		put_expr(sb, e->as.unary.operand, p);
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
				    ast_compare_op_text(e->as.seq.ops[i - 1]));
			put_expr(sb, e->as.seq.items[i], p + 1);
		}
		break;
	case EXPR_CALL:
		put_postfix_object(sb, e->as.call.callee);
		strbuf_putc(sb, '(');
		put_items(sb, e->as.call.args, e->as.call.count);
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
		strbuf_printf(&sb, " %s= ", ast_binary_op_text(s->as.aug.op));
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
		strbuf_puts(&sb, "return");
		if (s->as.value != NULL) {
			strbuf_putc(&sb, ' ');
			put_expr(&sb, s->as.value, PREC_TUPLE);
		}
		break;
	case STMT_GLOBAL:
		strbuf_puts(&sb, "global ");
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
		strbuf_printf(&sb, " %s %" PRId64, ast_compare_op_text(x->op),
		    x->number);
	return strbuf_detach(&sb);
}
