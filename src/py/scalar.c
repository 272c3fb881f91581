/*
 * scalar.c: Python's + - * / // % ** and unary - + not on bool, int, float, str,
 * with CPython 3.11's error messages.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "base/limits.h"
#include "base/xalloc.h"
#include "py/ops.h"
#include "py/pyhash.h"
#include "py/scalar.h"

const char *
scalar_type_name(const struct scalar *s)
{
	switch (s->kind) {
	case SCALAR_BOOL:	return "bool";
	case SCALAR_INT:	return "int";
	case SCALAR_FLOAT:	return "float";
	case SCALAR_STR:	return "str";
	default:		return s->type_name ? s->type_name : "object";
	}
}

void
scalar_release(struct scalar *s)
{
	xfree(s->owned);
	s->owned = NULL;
}

static bool
is_intlike(const struct scalar *s)
{
	return s->kind == SCALAR_BOOL || s->kind == SCALAR_INT;
}

static bool
is_number(const struct scalar *s)
{
	return is_intlike(s) || s->kind == SCALAR_FLOAT;
}

static bool
is_sequence_other(const struct scalar *s)
{
	return s->kind == SCALAR_OTHER && s->type_name != NULL &&
	    (strcmp(s->type_name, "list") == 0 ||
	    strcmp(s->type_name, "tuple") == 0);
}

static double
as_double(const struct scalar *s)
{
	return s->kind == SCALAR_FLOAT ? s->f : (double)s->i;
}

static enum scalar_status fail(enum scalar_status, char *, size_t,
    const char *, ...) __attribute__((format(printf, 4, 5)));

static enum scalar_status
fail(enum scalar_status status, char *message, size_t size, const char *fmt,
    ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(message, size, fmt, ap);
	va_end(ap);
	return status;
}

static enum scalar_status
unsupported(enum binary_op op, const struct scalar *a, const struct scalar *b,
    char *message, size_t size)
{
	return fail(SCALAR_TYPE_ERROR, message, size,
	    "unsupported operand type(s) for %s%s: '%s' and '%s'",
	    ops_binary_text(op), op == BINOP_POW ? " or pow()" : "",
	    scalar_type_name(a), scalar_type_name(b));
}

static enum scalar_status
int_overflow(char *message, size_t size)
{
	return fail(SCALAR_OVERFLOW, message, size,
	    "integers beyond 64 bits are not supported yet");
}

/* CPython's float_pow: its special cases, then C's pow. */
static enum scalar_status
float_pow(double a, double b, struct scalar *out, char *message, size_t size)
{
	out->kind = SCALAR_FLOAT;
	if (a == 0.0 && b < 0.0)
		return fail(SCALAR_ZERO_DIVISION, message, size,
		    "0.0 cannot be raised to a negative power");
	if (a < 0.0 && isfinite(b) && b != floor(b))
		return fail(SCALAR_UNSUPPORTED, message, size,
		    "complex numbers (a negative number to a fractional "
		    "power) are not supported yet");
	out->f = pow(a, b);
	if (isinf(out->f) && isfinite(a) && isfinite(b))
		return fail(SCALAR_OVERFLOW_ERROR, message, size,
		    "(34, 'Numerical result out of range')");
	return SCALAR_OK;
}

/* int ** int by squaring, within 64 bits; a negative exponent makes a
 * float, as long_pow does. */
static enum scalar_status
int_pow(int64_t a, int64_t b, struct scalar *out, char *message, size_t size)
{
	int64_t	r = 1, base = a;

	if (b < 0)
		return float_pow((double)a, (double)b, out, message, size);
	out->kind = SCALAR_INT;
	while (b > 0) {
		if ((b & 1) && !pyint_mul(r, base, &r))
			return int_overflow(message, size);
		b >>= 1;
		if (b > 0 && !pyint_mul(base, base, &base))
			return int_overflow(message, size);
	}
	out->i = r;
	return SCALAR_OK;
}

static enum scalar_status
int_arith(enum binary_op op, int64_t a, int64_t b, struct scalar *out,
    char *message, size_t size)
{
	bool ok = true;

	out->kind = SCALAR_INT;
	switch (op) {
	case BINOP_ADD:	ok = pyint_add(a, b, &out->i); break;
	case BINOP_SUB:	ok = pyint_sub(a, b, &out->i); break;
	case BINOP_MUL:	ok = pyint_mul(a, b, &out->i); break;
	case BINOP_DIV:
		if (b == 0)
			return fail(SCALAR_ZERO_DIVISION, message, size,
			    "division by zero");
		out->kind = SCALAR_FLOAT;
		out->f = pyint_truediv(a, b);
		return SCALAR_OK;
	case BINOP_FLOORDIV:
		if (b == 0)
			return fail(SCALAR_ZERO_DIVISION, message, size,
			    "integer division or modulo by zero");
		ok = pyint_floordiv(a, b, &out->i);
		break;
	case BINOP_MOD:
		if (b == 0)
			return fail(SCALAR_ZERO_DIVISION, message, size,
			    "integer modulo by zero");
		ok = pyint_mod(a, b, &out->i);
		break;
	case BINOP_POW:
		return int_pow(a, b, out, message, size);
	}
	if (!ok)
		return int_overflow(message, size);
	return SCALAR_OK;
}

static enum scalar_status
float_arith(enum binary_op op, double a, double b, struct scalar *out,
    char *message, size_t size)
{
	out->kind = SCALAR_FLOAT;
	switch (op) {
	case BINOP_ADD:	out->f = a + b; break;
	case BINOP_SUB:	out->f = a - b; break;
	case BINOP_MUL:	out->f = a * b; break;
	case BINOP_DIV:
		if (b == 0)
			return fail(SCALAR_ZERO_DIVISION, message, size,
			    "float division by zero");
		out->f = a / b;
		break;
	case BINOP_FLOORDIV:
		if (b == 0)
			return fail(SCALAR_ZERO_DIVISION, message, size,
			    "float floor division by zero");
		out->f = pyfloat_floordiv(a, b);
		break;
	case BINOP_MOD:
		if (b == 0)
			return fail(SCALAR_ZERO_DIVISION, message, size,
			    "float modulo");
		out->f = pyfloat_mod(a, b);
		break;
	case BINOP_POW:
		return float_pow(a, b, out, message, size);
	}
	return SCALAR_OK;
}

static enum scalar_status
str_result(struct scalar *out, const char *a, size_t alen, const char *b,
    size_t blen, int64_t times, char *message, size_t size)
{
	size_t	chars = (pystr_length(a, alen) + pystr_length(b, blen)) *
	    (size_t)times;
	size_t	len = (alen + blen) * (size_t)times;
	char	*p;

	if (chars > LIMIT_MAX_STRING)
		return fail(SCALAR_TOO_LONG, message, size, "a string longer "
		    "than %u characters (the limit of DESIGN §8)",
		    LIMIT_MAX_STRING);
	p = xmalloc(len + 1);
	for (int64_t t = 0; t < times; t++) {
		memcpy(p + (size_t)t * (alen + blen), a, alen);
		memcpy(p + (size_t)t * (alen + blen) + alen, b, blen);
	}
	p[len] = '\0';
	out->kind = SCALAR_STR;
	out->s = out->owned = p;
	out->len = len;
	return SCALAR_OK;
}

static enum scalar_status
str_binary(enum binary_op op, const struct scalar *a, const struct scalar *b,
    struct scalar *out, char *message, size_t size)
{
	switch (op) {
	case BINOP_ADD:
		if (a->kind == SCALAR_STR && b->kind == SCALAR_STR)
			return str_result(out, a->s, a->len, b->s, b->len, 1,
			    message, size);
		if (a->kind == SCALAR_STR)
			return fail(SCALAR_TYPE_ERROR, message, size,
			    "can only concatenate str (not \"%s\") to str",
			    scalar_type_name(b));
		if (is_sequence_other(a))
			return SCALAR_NOT_SCALAR;
		return unsupported(op, a, b, message, size);
	case BINOP_MUL: {
		const struct scalar *seq = a->kind == SCALAR_STR ? a : b;
		const struct scalar *n = a->kind == SCALAR_STR ? b : a;

		if (is_intlike(n)) {
			int64_t times = n->i < 0 ? 0 : n->i;

			if (seq->len != 0 && times > (int64_t)LIMIT_MAX_STRING)
				return fail(SCALAR_TOO_LONG, message, size,
				    "a string longer than %u characters "
				    "(the limit of DESIGN §8)",
				    LIMIT_MAX_STRING);
			return str_result(out, seq->s, seq->len, "", 0,
			    seq->len ? times : 0, message, size);
		}
		if (n == b || !is_sequence_other(n))
			return fail(SCALAR_TYPE_ERROR, message, size,
			    "can't multiply sequence by non-int of type '%s'",
			    scalar_type_name(n));
		return SCALAR_NOT_SCALAR;
	}
	case BINOP_MOD:
		if (a->kind == SCALAR_STR)
			return fail(SCALAR_UNSUPPORTED, message, size,
			    "string formatting with %% is not part of the "
			    "subset");
		/* FALLTHROUGH */
	default:
		return unsupported(op, a, b, message, size);
	}
}

enum scalar_status
scalar_binary(enum binary_op op, const struct scalar *a, const struct scalar *b,
    struct scalar *out, char *message, size_t size)
{
	memset(out, 0, sizeof *out);
	message[0] = '\0';
	if (is_number(a) && is_number(b)) {
		if (is_intlike(a) && is_intlike(b))
			return int_arith(op, a->i, b->i, out, message, size);
		return float_arith(op, as_double(a), as_double(b), out,
		    message, size);
	}
	if (a->kind == SCALAR_STR || b->kind == SCALAR_STR)
		return str_binary(op, a, b, out, message, size);
	if ((op == BINOP_ADD || op == BINOP_MUL) &&
	    (is_sequence_other(a) || is_sequence_other(b)))
		return SCALAR_NOT_SCALAR;
	return unsupported(op, a, b, message, size);
}

int
scalar_truth(const struct scalar *s)
{
	switch (s->kind) {
	case SCALAR_BOOL:
	case SCALAR_INT:
		return s->i != 0;
	case SCALAR_FLOAT:
		return s->f != 0.0;	/* nan is true */
	case SCALAR_STR:
		return s->len != 0;
	default:
		return -1;
	}
}

enum scalar_status
scalar_unary(enum unary_op op, const struct scalar *a, struct scalar *out,
    char *message, size_t size)
{
	memset(out, 0, sizeof *out);
	message[0] = '\0';
	if (op == UNOP_NOT) {
		if (scalar_truth(a) < 0)
			return SCALAR_NOT_SCALAR;
		out->kind = SCALAR_BOOL;
		out->i = !scalar_truth(a);
		return SCALAR_OK;
	}
	if (!is_number(a))
		return fail(SCALAR_TYPE_ERROR, message, size,
		    "bad operand type for unary %s: '%s'",
		    ops_unary_text(op), scalar_type_name(a));
	if (a->kind == SCALAR_FLOAT) {
		out->kind = SCALAR_FLOAT;
		out->f = op == UNOP_NEG ? -a->f : a->f;
		return SCALAR_OK;
	}
	out->kind = SCALAR_INT;
	if (op == UNOP_POS) {
		out->i = a->i;
		return SCALAR_OK;
	}
	if (!pyint_sub(0, a->i, &out->i))
		return int_overflow(message, size);
	return SCALAR_OK;
}
