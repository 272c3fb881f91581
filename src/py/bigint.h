/*
 * bigint.h: Python's ints of any size, with CPython 3.11's rules: floor
 * division, the sign of %, exact comparison with floats, correctly rounded
 * conversion and true division, long_hash, decimal text and its
 * 4300-digit limit.
 *
 * An int is an int64 wherever it fits (scalar.h, the heap's int objects);
 * a struct bigint is the exception, for the values beyond.  The functions
 * here take any value, zero and small ones included, and do not shrink
 * their results: bigint_fits says when the caller should keep an int64.
 *
 * Ownership: every function that returns a struct bigint * returns a new
 * one, allocated with xmalloc, that the caller owns and frees with
 * bigint_free (a heap int object owns its own, as a str object owns its
 * text).  Values are never changed after they are made (but for the
 * cache of their decimal text), so a borrowed one can be read by anyone
 * while its owner keeps it.
 */
#ifndef REFSCOPE_BIGINT_H
#define REFSCOPE_BIGINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/strbuf.h"
#include "py/pyhash.h"

struct bigint {
	int		 sign;		/* -1, 0 or 1 */
	uint32_t	 len;		/* digits in use; the top one is not 0 */
	char		*decimal;	/* a cache, the one field written after
					   the value is made: its decimal text,
					   made by the first bigint_write in
					   base 10 (a picture redraws a long
					   int at every step); owned, freed
					   with it */
	uint32_t	 digit[];	/* the magnitude in base 2**32, least
					   significant first */
};

/* CPython's default sys.get_int_max_str_digits(): str(int) and int(str)
 * of more decimal digits raise ValueError. */
#define BIGINT_MAX_STR_DIGITS	4300u

/* CPython's message for str(int) past the limit, and for int(str) (its
 * own number of digits, the ": value has N digits" part, is the
 * caller's to put in). */
#define BIGINT_STR_LIMIT_MESSAGE "Exceeds the limit (4300 digits) for " \
	"integer string conversion; use sys.set_int_max_str_digits() to " \
	"increase the limit"

/* CPython's OverflowError messages of float(int) and of int / int. */
#define BIGINT_FLOAT_OVERFLOW	"int too large to convert to float"
#define BIGINT_DIV_OVERFLOW	"integer division result too large for a float"
/* What CPython says when an int beyond 64 bits is used as an index, a
 * repeat count or a length (OverflowError; IndexError for an index). */
#define BIGINT_INDEX_OVERFLOW	"cannot fit 'int' into an index-sized integer"

void		 bigint_free(struct bigint *b);

struct bigint	*bigint_from_i64(int64_t v);
/* The exact value of a finite double, its fraction dropped (int(x)). */
struct bigint	*bigint_from_double(double d);
struct bigint	*bigint_copy(const struct bigint *b);
/* Whether b fits an int64; *out is then its value. */
bool		 bigint_fits(const struct bigint *b, int64_t *out);
/* The number of bits of |b| (int.bit_length()). */
uint64_t	 bigint_bits(const struct bigint *b);

struct bigint	*bigint_neg(const struct bigint *b);
struct bigint	*bigint_add(const struct bigint *a, const struct bigint *b);
struct bigint	*bigint_sub(const struct bigint *a, const struct bigint *b);
struct bigint	*bigint_mul(const struct bigint *a, const struct bigint *b);
/* a // b and a % b as Python (the remainder has the divisor's sign);
 * b is not zero.  Either of q and r may be NULL. */
void		 bigint_divmod(const struct bigint *a, const struct bigint *b,
		    struct bigint **q, struct bigint **r);
/* a ** e for e >= 0. */
struct bigint	*bigint_pow(const struct bigint *a, uint64_t e);

/* -1, 0 or 1 as a <, ==, > b. */
int		 bigint_cmp(const struct bigint *a, const struct bigint *b);
/* The same against a double that is not a NaN (infinities included),
 * exactly, as float_richcompare orders an int and a float. */
int		 bigint_cmp_double(const struct bigint *a, double d);

/* float(b), correctly rounded (half to even); false when it is beyond
 * the largest double (CPython: "int too large to convert to float"). */
bool		 bigint_to_double(const struct bigint *b, double *out);
/* a / b correctly rounded, as long_true_divide; b is not zero.  False
 * when the quotient is beyond the largest double (CPython: "integer
 * division result too large for a float"). */
bool		 bigint_truediv(const struct bigint *a, const struct bigint *b,
		    double *out);

/* hash(b): long_hash, |b| modulo 2**61 - 1 with b's sign, -1 as -2. */
pyhash_t	 bigint_hash(const struct bigint *b);

/* Appends b in base 2, 8, 10 or 16 (lowercase digits, '-' first when
 * negative, no prefix).  Any size: the 4300-digit limit is the
 * caller's (bigint_decimal_fits). */
void		 bigint_write(const struct bigint *b, unsigned base,
		    struct strbuf *out);
/* Appends the decimal text of b as a viewer shows a long one: all of it
 * when it has at most max_digits digits (0: any number), else its first
 * digits, "…" and the count, "1234567…(301 digits)", within max_digits
 * characters where it can. */
void		 bigint_write_elided(const struct bigint *b, size_t max_digits,
		    struct strbuf *out);
/* The number of decimal digits of |b| (1 for 0). */
size_t		 bigint_decimal_digits(const struct bigint *b);
/* Whether str(b) is allowed: at most BIGINT_MAX_STR_DIGITS digits. */
bool		 bigint_decimal_fits(const struct bigint *b);

/* The value of len digits (0-9, a-f, A-F; nothing else, no sign and no
 * underscores: the caller reads those) in base 2, 8, 10 or 16. */
struct bigint	*bigint_parse(const char *digits, size_t len, unsigned base);

#endif
