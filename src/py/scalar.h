/*
 * scalar.h: Python's arithmetic on the immutable scalars (bool, int, float,
 * str), shared by the compiler's constant folding (500 + 500 is one
 * constant) and the simulator's operators, so the two can never disagree.
 *
 * Containers (list + list, tuple * 2) are the simulator's business; this
 * reports SCALAR_NOT_SCALAR for them so the caller can take over.
 */
#ifndef REFSCOPE_SCALAR_H
#define REFSCOPE_SCALAR_H

#include <stddef.h>
#include <stdint.h>

#include "py/bigint.h"
#include "py/ops.h"

enum scalar_kind {
	SCALAR_BOOL,
	SCALAR_INT,
	SCALAR_FLOAT,
	SCALAR_STR,
	SCALAR_OTHER		/* any other type: named by type_name */
};

/*
 * An int is i when it fits 64 bits, and big (never NULL then) when it
 * does not: a value that fits is never a bigint, so two ints are equal
 * only when both are small or both big.
 */
struct scalar {
	enum scalar_kind kind;
	int64_t		 i;		/* BOOL, INT */
	const struct bigint *big;	/* INT beyond 64 bits: not owned... */
	struct bigint	*owned_big;	/* ...unless a result: big == owned_big */
	double		 f;		/* FLOAT */
	const char	*s;		/* STR: UTF-8 bytes, not owned... */
	size_t		 len;
	char		*owned;		/* ...unless a result: then s == owned */
	const char	*type_name;	/* OTHER: "list", "NoneType", ... */
};

enum scalar_status {
	SCALAR_OK,
	SCALAR_TYPE_ERROR,		/* TypeError: message */
	SCALAR_ZERO_DIVISION,		/* ZeroDivisionError: message */
	SCALAR_OVERFLOW_ERROR,		/* OverflowError: message (a float) */
	SCALAR_TOO_BIG,			/* an int beyond LIMIT_MAX_INT_BITS */
	SCALAR_TOO_LONG,		/* a str beyond LIMIT_MAX_STRING characters */
	SCALAR_UNSUPPORTED,		/* legal Python outside the subset */
	SCALAR_NOT_SCALAR		/* a sequence operation: the caller's */
};

/*
 * a op b with Python's rules.  On SCALAR_OK *out is the result (a STR result
 * is owned by out->owned, a big INT by out->owned_big: free them with
 * scalar_release, or take them and set the field to NULL).  Otherwise message
 * holds CPython's own text ("unsupported operand type(s) for +: 'int' and
 * 'str'").
 */
enum scalar_status scalar_binary(enum binary_op op, const struct scalar *a,
		    const struct scalar *b, struct scalar *out,
		    char *message, size_t message_size);
/* -a, +a, and `not a` (SCALAR_NOT_SCALAR for OTHER: the caller knows
 * the truth of containers). */
enum scalar_status scalar_unary(enum unary_op op, const struct scalar *a,
		    struct scalar *out, char *message, size_t message_size);

/* Python's truth value of a scalar (bool(x)): 1 or 0; -1 for OTHER. */
int		 scalar_truth(const struct scalar *s);

/* Frees a result's owned text or digits. */
void		 scalar_release(struct scalar *s);

/* The int value of an INT or BOOL as a new bigint (caller frees). */
struct bigint	*scalar_bigint(const struct scalar *s);
/* Sets out to the INT r: its int64 when it fits (r is then freed), else
 * r itself, owned by out. */
void		 scalar_set_int(struct scalar *out, struct bigint *r);
/* The float of an INT or BOOL; false when it is too large for a double
 * (OverflowError: BIGINT_FLOAT_OVERFLOW). */
bool		 scalar_int_to_double(const struct scalar *s, double *out);

/* The Python type name of a scalar ("int", "str", ...). */
const char	*scalar_type_name(const struct scalar *s);

#endif
