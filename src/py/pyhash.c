/*
 * pyhash.c: CPython 3.11's hashes, float and str repr, and int/float
 * arithmetic, bit for bit.
 *
 * The reference is CPython itself: Python/pyhash.c (SipHash-1-3 and
 * _Py_HashDouble), Objects/longobject.c (long_hash), Objects/tupleobject.c
 * (tuplehash), Python/pystrtod.c (float_repr_style 'r'),
 * Objects/unicodeobject.c (unicode_repr) and Objects/floatobject.c
 * (float_floor_div, float_rem).  tests/data/pyhash/generate.py records what
 * python3.11 answers and tests/check_pyhash.c holds this file to it.
 *
 * Strings arrive as UTF-8 but CPython hashes its own storage: one, two or
 * four bytes per code point, whichever the widest character needs.  We never
 * build that buffer; the hash is fed one code unit at a time.  An invalid
 * UTF-8 byte counts as one character U+FFFD everywhere in this file, so
 * length, hash and repr agree with each other even on bad input.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/utf8.h"
#include "py/pyhash.h"

/* Py_hash_t arithmetic of a 64-bit build (Include/pyhash.h). */
#define HASH_BITS	61
#define HASH_MODULUS	(((uint64_t)1 << HASH_BITS) - 1)
#define HASH_INF	314159

/* ------------------------------------------------------------------ */
/* UTF-8 */

/*
 * Decodes one code point at s[*i] and advances *i.  Strict as CPython's
 * decoder: no overlong forms, no surrogates, nothing above U+10FFFF; a bad
 * sequence yields U+FFFD and consumes one byte.
 */
static uint32_t
utf8_next(const char *s, size_t len, size_t *i)
{
	uint32_t c;
	size_t n;

	n = utf8_decode(s + *i, len - *i, &c);
	if (c == UTF8_INVALID) {
		(*i)++;
		return 0xfffd;
	}
	*i += n;
	return c;
}

size_t
pystr_length(const char *utf8, size_t len)
{
	size_t i = 0, n = 0;

	while (i < len) {
		utf8_next(utf8, len, &i);
		n++;
	}
	return n;
}

bool
pystr_is_identifier_like(const char *utf8, size_t len)
{
	size_t i;
	unsigned char c;

	/* all_name_chars() in Objects/codeobject.c: ASCII alnum and '_'. */
	for (i = 0; i < len; i++) {
		c = (unsigned char)utf8[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '_'))
			return false;
	}
	return true;
}

bool
pystr_is_latin1_char(const char *utf8, size_t len)
{
	size_t i = 0;
	uint32_t c;

	if (len == 0)
		return false;
	c = utf8_next(utf8, len, &i);
	return i == len && c < 0x100;
}

/* ------------------------------------------------------------------ */
/* Hashes */

pyhash_t
pyhash_int(int64_t value)
{
	uint64_t x;

	/* long_hash reduces |value| modulo 2**61 - 1 and then applies the
	 * sign; the unsigned negation keeps INT64_MIN defined. */
	x = value < 0 ? -(uint64_t)value : (uint64_t)value;
	x %= HASH_MODULUS;
	if (value < 0)
		x = -x;
	if (x == (uint64_t)-1)
		x = (uint64_t)-2;
	return (pyhash_t)x;
}

pyhash_t
pyhash_float(double value)
{
	uint64_t x, y;
	double m;
	int e, sign;

	if (isinf(value))
		return value > 0 ? HASH_INF : -HASH_INF;
	if (isnan(value))
		return 0;	/* id-based in 3.11; see the header */

	/* _Py_HashDouble: the exact rational value modulo 2**61 - 1, taking
	 * the mantissa 28 bits at a time so integral floats hash as ints. */
	m = frexp(value, &e);
	sign = 1;
	if (m < 0) {
		sign = -1;
		m = -m;
	}
	x = 0;
	while (m != 0.0) {
		x = ((x << 28) & HASH_MODULUS) | x >> (HASH_BITS - 28);
		m *= 268435456.0;	/* 2**28 */
		e -= 28;
		y = (uint64_t)m;
		m -= (double)y;
		x += y;
		if (x >= HASH_MODULUS)
			x -= HASH_MODULUS;
	}
	e = e >= 0 ? e % HASH_BITS : HASH_BITS - 1 - ((-1 - e) % HASH_BITS);
	x = ((x << e) & HASH_MODULUS) | x >> (HASH_BITS - e);
	x = x * (uint64_t)(int64_t)sign;
	if (x == (uint64_t)-1)
		x = (uint64_t)-2;
	return (pyhash_t)x;
}

/*
 * SipHash-1-3 as Python/pyhash.c's siphash13(), fed incrementally: 'pending'
 * collects up to eight little-endian bytes before they are compressed.
 */
struct siphash {
	uint64_t	v0, v1, v2, v3;
	uint64_t	pending;
	unsigned	npending;
	uint64_t	total;
};

#define ROTL64(x, b)	(((x) << (b)) | ((x) >> (64 - (b))))

static void
sip_round(struct siphash *s)
{
	s->v0 += s->v1;
	s->v2 += s->v3;
	s->v1 = ROTL64(s->v1, 13) ^ s->v0;
	s->v3 = ROTL64(s->v3, 16) ^ s->v2;
	s->v0 = ROTL64(s->v0, 32);
	s->v2 += s->v1;
	s->v0 += s->v3;
	s->v1 = ROTL64(s->v1, 17) ^ s->v2;
	s->v3 = ROTL64(s->v3, 21) ^ s->v0;
	s->v2 = ROTL64(s->v2, 32);
}

static void
sip_init(struct siphash *s)
{
	/* PYTHONHASHSEED=0 zeroes the key: k0 = k1 = 0. */
	s->v0 = 0x736f6d6570736575ULL;
	s->v1 = 0x646f72616e646f6dULL;
	s->v2 = 0x6c7967656e657261ULL;
	s->v3 = 0x7465646279746573ULL;
	s->pending = 0;
	s->npending = 0;
	s->total = 0;
}

static void
sip_byte(struct siphash *s, uint8_t b)
{
	s->pending |= (uint64_t)b << (8 * s->npending);
	s->total++;
	if (++s->npending == 8) {
		s->v3 ^= s->pending;
		sip_round(s);
		s->v0 ^= s->pending;
		s->pending = 0;
		s->npending = 0;
	}
}

static uint64_t
sip_final(struct siphash *s)
{
	uint64_t b;

	b = (s->total << 56) | s->pending;
	s->v3 ^= b;
	sip_round(s);
	s->v0 ^= b;
	s->v2 ^= 0xff;
	sip_round(s);
	sip_round(s);
	sip_round(s);
	return (s->v0 ^ s->v1) ^ (s->v2 ^ s->v3);
}

pyhash_t
pyhash_str(const char *utf8, size_t len)
{
	struct siphash s;
	uint32_t c, widest = 0;
	unsigned kind, k;
	uint64_t x;
	size_t i;

	if (len == 0)
		return 0;	/* _Py_HashBytes: hash('') is 0 */

	/* The canonical form's width (PyUnicode_KIND) is the widest
	 * character's: 1 for latin-1, 2 for the BMP, 4 beyond. */
	for (i = 0; i < len; ) {
		c = utf8_next(utf8, len, &i);
		if (c > widest)
			widest = c;
	}
	kind = widest < 0x100 ? 1 : widest < 0x10000 ? 2 : 4;

	sip_init(&s);
	for (i = 0; i < len; ) {
		c = utf8_next(utf8, len, &i);
		for (k = 0; k < kind; k++)
			sip_byte(&s, (uint8_t)(c >> (8 * k)));
	}
	x = sip_final(&s);
	if (x == (uint64_t)-1)
		x = (uint64_t)-2;
	return (pyhash_t)x;
}

/* tuplehash's xxHash constants and rotation for a 64-bit Py_uhash_t. */
#define XXPRIME_1	11400714785074694791ULL
#define XXPRIME_2	14029467366897019727ULL
#define XXPRIME_5	2870177450012600261ULL
#define XXROTATE(x)	(((x) << 31) | ((x) >> 33))

pyhash_t
pyhash_tuple(const pyhash_t *item_hashes, size_t count)
{
	uint64_t acc = pyhash_tuple_start();
	size_t i;

	for (i = 0; i < count; i++)
		acc = pyhash_tuple_add(acc, item_hashes[i]);
	return pyhash_tuple_end(acc, count);
}

uint64_t
pyhash_tuple_start(void)
{
	return XXPRIME_5;
}

uint64_t
pyhash_tuple_add(uint64_t acc, pyhash_t item_hash)
{
	acc += (uint64_t)item_hash * XXPRIME_2;
	acc = XXROTATE(acc);
	return acc * XXPRIME_1;
}

pyhash_t
pyhash_tuple_end(uint64_t acc, size_t count)
{
	/* The length, mangled to keep hash(()) what it has always been. */
	acc += (uint64_t)count ^ (XXPRIME_5 ^ 3527539ULL);
	if (acc == (uint64_t)-1)
		return 1546275796;
	return (pyhash_t)acc;
}

pyhash_t
pyhash_identity(uint32_t id)
{
	uint64_t y;

	/* _Py_HashPointer of a made-up 16-byte aligned address: the rotation
	 * drops the always-zero low bits, exactly as for a real object. */
	y = (uint64_t)id << 4;
	y = (y >> 4) | (y << 60);
	if (y == (uint64_t)-1)
		y = (uint64_t)-2;
	return (pyhash_t)y;
}

/* ------------------------------------------------------------------ */
/* repr(float) */

/*
 * Shortest round-trip digits, as David Gay's dtoa mode 0 that CPython uses:
 * the fewest significant digits that read back as the same double, and of
 * those the closest to it.  For each precision p we take the correctly
 * rounded p-digit decimal (glibc's printf is exact); when it misses, the one
 * p-digit number that can still hit is its neighbour on the far side, which
 * matters where the rounding interval is lopsided (powers of two).
 *
 * digits receives the significant digits (no trailing zeros) and *decpt the
 * decimal point position: value = 0.DIGITS * 10**decpt.  value is finite
 * and positive.
 */

struct decimal {
	char	digits[24];	/* significant digits, NUL-terminated */
	int	ndigits;
	int	exp10;		/* value = d.ddd * 10**exp10 */
};

/* Reads the value of d back through strtod.  The text is "DDDDe-N" with no
 * decimal point, so LC_NUMERIC cannot get in the way. */
static bool
decimal_reads_as(const struct decimal *d, double value)
{
	char buf[48];

	snprintf(buf, sizeof buf, "%se%d", d->digits, d->exp10 - (d->ndigits - 1));
	return strtod(buf, NULL) == value;
}

/* The correctly rounded p-digit decimal of value, via "%.*e".  The decimal
 * point may be any locale's: we only take digits and the exponent. */
static void
decimal_round(double value, int p, struct decimal *d)
{
	char buf[64], *s, *e;

	snprintf(buf, sizeof buf, "%.*e", p - 1, value);
	d->ndigits = 0;
	for (s = buf; *s != '\0' && *s != 'e'; s++) {
		if (*s >= '0' && *s <= '9')
			d->digits[d->ndigits++] = *s;
	}
	d->digits[d->ndigits] = '\0';
	e = strchr(buf, 'e');
	d->exp10 = e != NULL ? atoi(e + 1) : 0;
}

/* Moves d to the next decimal with as many digits, up (dir > 0) or down;
 * false if there is none (d was zero). */
static bool
decimal_step(struct decimal *d, int dir)
{
	int i;

	if (dir > 0) {
		for (i = d->ndigits - 1; i >= 0 && d->digits[i] == '9'; i--)
			d->digits[i] = '0';
		if (i < 0) {
			/* 999 + 1 = 1000: one digit more, drop the last 0. */
			d->digits[0] = '1';
			d->exp10++;
		} else
			d->digits[i]++;
		return true;
	}
	for (i = d->ndigits - 1; i >= 0 && d->digits[i] == '0'; i--)
		d->digits[i] = '9';
	if (i < 0)
		return false;	/* was zero */
	d->digits[i]--;
	if (d->digits[0] == '0') {
		/* 1000 - 1 = 0999: below a power of ten the same number of
		 * digits reaches one place further, 9999 * 10**-1. */
		d->digits[0] = '9';
		d->exp10--;
	}
	return true;
}

static void
shortest_digits(double value, struct decimal *out)
{
	struct decimal d, n;
	int p;

	for (p = 1; p <= 17; p++) {
		decimal_round(value, p, &d);
		if (decimal_reads_as(&d, value))
			goto found;
		n = d;
		if (decimal_step(&n, +1) && decimal_reads_as(&n, value)) {
			d = n;
			goto found;
		}
		n = d;
		if (decimal_step(&n, -1) && decimal_reads_as(&n, value)) {
			d = n;
			goto found;
		}
	}
	decimal_round(value, 17, &d);	/* always round-trips */
found:
	while (d.ndigits > 1 && d.digits[d.ndigits - 1] == '0')
		d.digits[--d.ndigits] = '\0';
	*out = d;
}

void
pyrepr_float(struct strbuf *out, double value)
{
	struct decimal d;
	int decpt, i;

	if (isnan(value)) {
		strbuf_puts(out, "nan");	/* the sign of a NaN never shows */
		return;
	}
	if (signbit(value)) {
		strbuf_putc(out, '-');
		value = -value;
	}
	if (isinf(value)) {
		strbuf_puts(out, "inf");
		return;
	}
	if (value == 0.0) {
		strbuf_puts(out, "0.0");
		return;
	}
	shortest_digits(value, &d);
	decpt = d.exp10 + 1;

	/* format_float_short, mode 'r': an exponent when the value is below
	 * 1e-4 or reaches 1e16; '.0' for integral values without one. */
	if (decpt <= -4 || decpt > 16) {
		strbuf_putc(out, d.digits[0]);
		if (d.ndigits > 1) {
			strbuf_putc(out, '.');
			strbuf_append(out, d.digits + 1, (size_t)d.ndigits - 1);
		}
		strbuf_printf(out, "e%c%02d", d.exp10 < 0 ? '-' : '+',
		    abs(d.exp10));
	} else if (decpt <= 0) {
		strbuf_puts(out, "0.");
		for (i = decpt; i < 0; i++)
			strbuf_putc(out, '0');
		strbuf_append(out, d.digits, (size_t)d.ndigits);
	} else if (decpt < d.ndigits) {
		strbuf_append(out, d.digits, (size_t)decpt);
		strbuf_putc(out, '.');
		strbuf_append(out, d.digits + decpt, (size_t)(d.ndigits - decpt));
	} else {
		strbuf_append(out, d.digits, (size_t)d.ndigits);
		for (i = d.ndigits; i < decpt; i++)
			strbuf_putc(out, '0');
		strbuf_puts(out, ".0");
	}
}

/* ------------------------------------------------------------------ */
/* repr(str) */

struct cp_range {
	uint32_t	first, last;
};

#include "py/unicode_printable.inc"

/* Py_UNICODE_ISPRINTABLE, from the generated table of the exceptions. */
static bool
is_printable(uint32_t c)
{
	size_t lo = 0, hi = sizeof nonprintable_ranges /
	    sizeof nonprintable_ranges[0], mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (c < nonprintable_ranges[mid].first)
			hi = mid;
		else if (c > nonprintable_ranges[mid].last)
			lo = mid + 1;
		else
			return false;
	}
	return true;
}

void
pyrepr_str(struct strbuf *out, const char *utf8, size_t len)
{
	bool squote = false, dquote = false;
	size_t i;
	char quote;

	for (i = 0; i < len; i++) {
		if (utf8[i] == '\'')
			squote = true;
		else if (utf8[i] == '"')
			dquote = true;
	}
	/* unicode_repr: single quotes unless only they appear inside. */
	quote = squote && !dquote ? '"' : '\'';

	strbuf_putc(out, quote);
	pyrepr_str_body(out, utf8, len, quote);
	strbuf_putc(out, quote);
}

void
pyrepr_str_body(struct strbuf *out, const char *utf8, size_t len, char quote)
{
	size_t i, start;
	uint32_t c;

	for (i = 0; i < len; ) {
		start = i;
		c = utf8_next(utf8, len, &i);
		if ((quote != 0 && c == (uint32_t)quote) || c == '\\') {
			strbuf_putc(out, '\\');
			strbuf_putc(out, (char)c);
		} else if (c == '\t')
			strbuf_puts(out, "\\t");
		else if (c == '\n')
			strbuf_puts(out, "\\n");
		else if (c == '\r')
			strbuf_puts(out, "\\r");
		else if (c < ' ' || c == 0x7f)
			strbuf_printf(out, "\\x%02x", c);
		else if (c < 0x7f)
			strbuf_putc(out, (char)c);
		else if (is_printable(c)) {
			if (c == 0xfffd && i - start == 1)
				strbuf_puts(out, "\xef\xbf\xbd");
			else
				strbuf_append(out, utf8 + start, i - start);
		} else if (c <= 0xff)
			strbuf_printf(out, "\\x%02x", c);
		else if (c <= 0xffff)
			strbuf_printf(out, "\\u%04x", c);
		else
			strbuf_printf(out, "\\U%08x", c);
	}
}

/* ------------------------------------------------------------------ */
/* Arithmetic */

bool
pyint_add(int64_t a, int64_t b, int64_t *out)
{
	return !__builtin_add_overflow(a, b, out);
}

bool
pyint_sub(int64_t a, int64_t b, int64_t *out)
{
	return !__builtin_sub_overflow(a, b, out);
}

bool
pyint_mul(int64_t a, int64_t b, int64_t *out)
{
	return !__builtin_mul_overflow(a, b, out);
}

bool
pyint_floordiv(int64_t a, int64_t b, int64_t *out)
{
	int64_t q;

	if (b == 0 || (a == INT64_MIN && b == -1))
		return false;
	/* C truncates toward zero; Python floors. */
	q = a / b;
	if (a % b != 0 && ((a < 0) != (b < 0)))
		q--;
	*out = q;
	return true;
}

bool
pyint_mod(int64_t a, int64_t b, int64_t *out)
{
	int64_t r;

	if (b == 0)
		return false;
	if (b == -1) {
		*out = 0;	/* INT64_MIN % -1 traps in C */
		return true;
	}
	/* The remainder takes the divisor's sign. */
	r = a % b;
	if (r != 0 && ((r < 0) != (b < 0)))
		r += b;
	*out = r;
	return true;
}

/* The number of significant bits of x (0 for 0). */
static int
bit_length(uint64_t x)
{
	int n = 0;

	while (x != 0) {
		n++;
		x >>= 1;
	}
	return n;
}

/*
 * long_true_divide in Objects/longobject.c: when both operands fit in a
 * double's 53 bits, one IEEE division is correctly rounded; otherwise the
 * quotient is computed exactly: |a| shifted left so that the 128-bit
 * quotient has 63 or 64 bits, the remainder kept as a sticky bit, then
 * rounded once to 53 bits, half to even.  The result of 64-bit operands
 * can neither overflow nor underflow a double.
 */
double
pyint_truediv(int64_t a, int64_t b)
{
	__extension__ typedef unsigned __int128 u128;
	const int64_t	exact = (int64_t)1 << 53;
	bool		negative = (a < 0) != (b < 0);
	uint64_t	n, d, q, m, rest, half;
	u128		num;
	int		shift, drop;

	if (a >= -exact && a <= exact && b >= -exact && b <= exact)
		return (double)a / (double)b;
	if (a == 0)
		return negative ? -0.0 : 0.0;
	n = a < 0 ? (uint64_t)0 - (uint64_t)a : (uint64_t)a;
	d = b < 0 ? (uint64_t)0 - (uint64_t)b : (uint64_t)b;
	/* num has 63 + bits(d) bits (at most 127): the quotient 63 or 64 */
	shift = 63 + bit_length(d) - bit_length(n);
	num = (u128)n << shift;
	q = (uint64_t)(num / d);
	drop = bit_length(q) - 53;
	m = q >> drop;
	/* the dropped bits, and below them 1 when the division was not
	 * exact (drop is 10 or 11: the sticky bit is never the half) */
	rest = (q & (((uint64_t)1 << drop) - 1)) << 1 | (num % d != 0);
	half = (uint64_t)1 << drop;
	if (rest > half || (rest == half && (m & 1)))
		m++;
	return ldexp(negative ? -(double)m : (double)m, drop - shift);
}

/* _float_div_mod in Objects/floatobject.c, both halves. */
static void
float_div_mod(double vx, double wx, double *floordiv, double *mod)
{
	double div;

	*mod = fmod(vx, wx);
	/* fmod is exact, so vx - mod is a multiple of wx in exact arithmetic;
	 * the division may still land just off an integer. */
	div = (vx - *mod) / wx;
	if (*mod != 0.0) {
		if ((wx < 0) != (*mod < 0)) {
			*mod += wx;
			div -= 1.0;
		}
	} else
		*mod = copysign(0.0, wx);
	if (div != 0.0) {
		*floordiv = floor(div);
		if (div - *floordiv > 0.5)
			*floordiv += 1.0;
	} else
		*floordiv = copysign(0.0, vx / wx);
}

double
pyfloat_floordiv(double a, double b)
{
	double q, r;

	float_div_mod(a, b, &q, &r);
	return q;
}

double
pyfloat_mod(double a, double b)
{
	double r;

	/* float_rem: like the above without the quotient. */
	r = fmod(a, b);
	if (r != 0.0) {
		if ((b < 0) != (r < 0))
			r += b;
	} else
		r = copysign(0.0, b);
	return r;
}
