/*
 * scalar.c: Python's + - * / // % ** and unary - + not on bool, int, float, str,
 * with CPython 3.11's error messages.  Ints take the int64 path first and
 * the bigint one (py/bigint.h) only when an operand or the result is
 * beyond 64 bits.
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
#include "py/bigint.h"
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
	bigint_free(s->owned_big);
	s->owned_big = NULL;
	s->big = NULL;
}

struct bigint *
scalar_bigint(const struct scalar *s)
{
	return s->big != NULL ? bigint_copy(s->big) : bigint_from_i64(s->i);
}

void
scalar_set_int(struct scalar *out, struct bigint *r)
{
	out->kind = SCALAR_INT;
	if (bigint_fits(r, &out->i)) {
		bigint_free(r);
		return;
	}
	out->i = 0;
	out->big = out->owned_big = r;
}

bool
scalar_int_to_double(const struct scalar *s, double *out)
{
	if (s->big == NULL) {
		*out = (double)s->i;
		return true;
	}
	return bigint_to_double(s->big, out);
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

/* A number as a float, as float arithmetic converts an int operand. */
static bool
as_double(const struct scalar *s, double *out)
{
	if (s->kind == SCALAR_FLOAT) {
		*out = s->f;
		return true;
	}
	return scalar_int_to_double(s, out);
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
int_too_big(char *message, size_t size)
{
	return fail(SCALAR_TOO_BIG, message, size, "an integer of more than "
	    "%u bits (refscope's limit on ints)", LIMIT_MAX_INT_BITS);
}

static enum scalar_status
float_overflow(char *message, size_t size)
{
	return fail(SCALAR_OVERFLOW_ERROR, message, size, "%s",
	    BIGINT_FLOAT_OVERFLOW);
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

/* int ** int by squaring, within 64 bits; false on overflow. */
static bool
small_pow(int64_t a, int64_t b, int64_t *out)
{
	int64_t	r = 1, base = a;

	while (b > 0) {
		if ((b & 1) && !pyint_mul(r, base, &r))
			return false;
		b >>= 1;
		if (b > 0 && !pyint_mul(base, base, &base))
			return false;
	}
	*out = r;
	return true;
}

/*
 * a ** b for ints beyond the fast path, b >= 0: what the limit refuses
 * is refused before the work (|a| >= 2 makes at least (bits - 1) * b + 1
 * bits); 0, 1 and -1 take any exponent, as CPython does.
 */
static enum scalar_status
big_pow(const struct scalar *a, const struct scalar *b, struct scalar *out,
    char *message, size_t size)
{
	struct bigint	*x;
	uint64_t	 abits, e;
	bool		 odd;

	out->kind = SCALAR_INT;
	if (a->big == NULL && a->i >= -1 && a->i <= 1) {
		odd = b->big != NULL ? (b->big->digit[0] & 1) : (b->i & 1);
		out->i = a->i == -1 && !odd ? 1 : a->i;
		if (a->i == 0 && b->big == NULL && b->i == 0)
			out->i = 1;
		return SCALAR_OK;
	}
	if (b->big != NULL)
		return int_too_big(message, size);
	e = (uint64_t)b->i;
	if (e == 0) {
		out->i = 1;
		return SCALAR_OK;
	}
	x = scalar_bigint(a);
	abits = bigint_bits(x);
	if ((abits - 1) > (LIMIT_MAX_INT_BITS - 1) / e) {
		bigint_free(x);
		return int_too_big(message, size);
	}
	scalar_set_int(out, bigint_pow(x, e));
	bigint_free(x);
	return SCALAR_OK;
}

/* a op b where an operand or the result is beyond 64 bits; b is not
 * zero for / // %. */
static enum scalar_status
big_arith(enum binary_op op, const struct scalar *a, const struct scalar *b,
    struct scalar *out, char *message, size_t size)
{
	struct bigint	*x, *y, *r = NULL;

	if (op == BINOP_POW)
		return big_pow(a, b, out, message, size);
	x = scalar_bigint(a);
	y = scalar_bigint(b);
	switch (op) {
	case BINOP_ADD:		r = bigint_add(x, y); break;
	case BINOP_SUB:		r = bigint_sub(x, y); break;
	case BINOP_MUL:		r = bigint_mul(x, y); break;
	case BINOP_FLOORDIV:	bigint_divmod(x, y, &r, NULL); break;
	case BINOP_MOD:		bigint_divmod(x, y, NULL, &r); break;
	case BINOP_POW:		/* big_pow, above */
		break;
	case BINOP_DIV:
		out->kind = SCALAR_FLOAT;
		if (!bigint_truediv(x, y, &out->f)) {
			bigint_free(x);
			bigint_free(y);
			return fail(SCALAR_OVERFLOW_ERROR, message, size, "%s",
			    BIGINT_DIV_OVERFLOW);
		}
		break;
	}
	bigint_free(x);
	bigint_free(y);
	if (r == NULL)
		return SCALAR_OK;
	if (bigint_bits(r) > LIMIT_MAX_INT_BITS) {
		bigint_free(r);
		return int_too_big(message, size);
	}
	scalar_set_int(out, r);
	return SCALAR_OK;
}

static bool
is_zero(const struct scalar *s)
{
	return s->big == NULL && s->i == 0;
}

static bool
is_negative(const struct scalar *s)
{
	return s->big != NULL ? s->big->sign < 0 : s->i < 0;
}

static enum scalar_status
int_arith(enum binary_op op, const struct scalar *a, const struct scalar *b,
    struct scalar *out, char *message, size_t size)
{
	bool	ok = false;
	double	x, y;

	if ((op == BINOP_DIV || op == BINOP_FLOORDIV || op == BINOP_MOD) &&
	    is_zero(b))
		return fail(SCALAR_ZERO_DIVISION, message, size, "%s",
		    op == BINOP_DIV ? "division by zero" : op == BINOP_MOD ?
		    "integer modulo by zero" :
		    "integer division or modulo by zero");
	/* a negative exponent makes a float, as long_pow does */
	if (op == BINOP_POW && is_negative(b)) {
		if (!as_double(a, &x) || !as_double(b, &y))
			return float_overflow(message, size);
		return float_pow(x, y, out, message, size);
	}
	out->kind = SCALAR_INT;
	if (a->big == NULL && b->big == NULL) {
		switch (op) {
		case BINOP_ADD:	ok = pyint_add(a->i, b->i, &out->i); break;
		case BINOP_SUB:	ok = pyint_sub(a->i, b->i, &out->i); break;
		case BINOP_MUL:	ok = pyint_mul(a->i, b->i, &out->i); break;
		case BINOP_DIV:
			out->kind = SCALAR_FLOAT;
			out->f = pyint_truediv(a->i, b->i);
			return SCALAR_OK;
		case BINOP_FLOORDIV:
			ok = pyint_floordiv(a->i, b->i, &out->i);
			break;
		case BINOP_MOD:	ok = pyint_mod(a->i, b->i, &out->i); break;
		case BINOP_POW:	ok = small_pow(a->i, b->i, &out->i); break;
		}
		if (ok)
			return SCALAR_OK;
	}
	return big_arith(op, a, b, out, message, size);
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

			if (n->big != NULL)
				return fail(SCALAR_OVERFLOW_ERROR, message,
				    size, "%s", BIGINT_INDEX_OVERFLOW);

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
		double x, y;

		if (is_intlike(a) && is_intlike(b))
			return int_arith(op, a, b, out, message, size);
		if (!as_double(a, &x) || !as_double(b, &y))
			return float_overflow(message, size);
		return float_arith(op, x, y, out, message, size);
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
		return s->i != 0 || s->big != NULL;
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
	struct bigint *x;

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
		/* the same value: a big one is borrowed, as a's is */
		out->i = a->i;
		out->big = a->big;
		return SCALAR_OK;
	}
	if (a->big == NULL && pyint_sub(0, a->i, &out->i))
		return SCALAR_OK;
	x = scalar_bigint(a);
	scalar_set_int(out, bigint_neg(x));
	bigint_free(x);
	return SCALAR_OK;
}
