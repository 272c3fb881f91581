/*
 * bigint.c: integers of any size (bigint.h).
 *
 * Sign and magnitude; the magnitude is base 2**32, least significant digit
 * first, with no zero digit on top (zero has none).  The algorithms are
 * the textbook ones (schoolbook multiplication, Knuth's algorithm D): the
 * limit on an int's size (base/limits.h, enforced by scalar.c) keeps them
 * fast enough.  What must agree with CPython bit for bit -- rounding to a
 * double, true division, the hash -- follows Objects/longobject.c and is
 * said where it does.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/xalloc.h"
#include "py/bigint.h"

static struct bigint *shifted(const struct bigint *b, int64_t n,
    bool *inexact);

/* ---- storage ---- */

static struct bigint *
make(uint32_t len)
{
	struct bigint *b = xmalloc(sizeof *b + (len ? len : 1) *
	    sizeof b->digit[0]);

	b->sign = 1;
	b->len = len;
	b->decimal = NULL;
	memset(b->digit, 0, (len ? len : 1) * sizeof b->digit[0]);
	return b;
}

/* Drops zero digits from the top; zero has sign 0. */
static struct bigint *
normalize(struct bigint *b)
{
	while (b->len > 0 && b->digit[b->len - 1] == 0)
		b->len--;
	if (b->len == 0)
		b->sign = 0;
	return b;
}

void
bigint_free(struct bigint *b)
{
	if (b != NULL)
		xfree(b->decimal);
	xfree(b);
}

static struct bigint *
from_u64(uint64_t m, int sign)
{
	struct bigint *b = make(2);

	b->digit[0] = (uint32_t)m;
	b->digit[1] = (uint32_t)(m >> 32);
	b->sign = sign;
	return normalize(b);
}

struct bigint *
bigint_from_i64(int64_t v)
{
	return from_u64(v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v,
	    v < 0 ? -1 : 1);
}

struct bigint *
bigint_copy(const struct bigint *b)
{
	struct bigint *c = make(b->len);

	c->sign = b->sign;
	memcpy(c->digit, b->digit, b->len * sizeof b->digit[0]);
	return c;
}

bool
bigint_fits(const struct bigint *b, int64_t *out)
{
	uint64_t m;

	if (b->len > 2)
		return false;
	m = b->len == 0 ? 0 : b->digit[0];
	if (b->len == 2)
		m |= (uint64_t)b->digit[1] << 32;
	if (b->sign >= 0 ? m > (uint64_t)INT64_MAX :
	    m > (uint64_t)INT64_MAX + 1)
		return false;
	*out = b->sign >= 0 ? (int64_t)m : (int64_t)((uint64_t)0 - m);
	return true;
}

static unsigned
bits32(uint32_t x)
{
	return x != 0 ? 32 - (unsigned)__builtin_clz(x) : 0;
}

uint64_t
bigint_bits(const struct bigint *b)
{
	if (b->len == 0)
		return 0;
	return (uint64_t)(b->len - 1) * 32 + bits32(b->digit[b->len - 1]);
}

/* ---- magnitudes ---- */

static int
mag_cmp(const struct bigint *a, const struct bigint *b)
{
	if (a->len != b->len)
		return a->len < b->len ? -1 : 1;
	for (uint32_t i = a->len; i-- > 0;)
		if (a->digit[i] != b->digit[i])
			return a->digit[i] < b->digit[i] ? -1 : 1;
	return 0;
}

static struct bigint *
mag_add(const struct bigint *a, const struct bigint *b)
{
	const struct bigint	*l = a->len >= b->len ? a : b;
	const struct bigint	*s = l == a ? b : a;
	struct bigint		*r = make(l->len + 1);
	uint64_t		 carry = 0;

	for (uint32_t i = 0; i < l->len; i++) {
		carry += (uint64_t)l->digit[i] + (i < s->len ? s->digit[i] : 0);
		r->digit[i] = (uint32_t)carry;
		carry >>= 32;
	}
	r->digit[l->len] = (uint32_t)carry;
	return normalize(r);
}

/* |a| - |b| for |a| >= |b|. */
static struct bigint *
mag_sub(const struct bigint *a, const struct bigint *b)
{
	struct bigint	*r = make(a->len);
	int64_t		 borrow = 0;

	for (uint32_t i = 0; i < a->len; i++) {
		int64_t d = (int64_t)a->digit[i] - (i < b->len ? b->digit[i] :
		    0) - borrow;

		borrow = d < 0;
		r->digit[i] = (uint32_t)(d + (borrow ? (int64_t)1 << 32 : 0));
	}
	return normalize(r);
}

/* |b| divided by a one-digit d in place of q's digits; the remainder. */
static uint32_t
mag_divsmall(const uint32_t *digit, uint32_t len, uint32_t d, uint32_t *q)
{
	uint64_t rem = 0;

	for (uint32_t i = len; i-- > 0;) {
		uint64_t cur = rem << 32 | digit[i];

		q[i] = (uint32_t)(cur / d);
		rem = cur % d;
	}
	return (uint32_t)rem;
}

/*
 * |a| = q * |b| + r, 0 <= r < |b|, by Knuth's algorithm D (TAOCP 4.3.1;
 * the form of Hacker's Delight's divmnu): the divisor normalized so that
 * its top digit has its high bit set, each quotient digit estimated from
 * the top two digits of the remainder and corrected at most twice.
 */
static void
mag_divmod(const struct bigint *a, const struct bigint *b, struct bigint **qp,
    struct bigint **rp)
{
	uint32_t	 n = b->len, m = a->len, *u, *v;
	struct bigint	*q, *r;
	unsigned	 s;

	if (mag_cmp(a, b) < 0) {
		*qp = make(0);
		normalize(*qp);
		*rp = bigint_copy(a);
		(*rp)->sign = a->len ? 1 : 0;
		return;
	}
	q = make(m - n + 1);
	if (n == 1) {
		r = make(1);
		r->digit[0] = mag_divsmall(a->digit, m, b->digit[0], q->digit);
		*qp = normalize(q);
		*rp = normalize(r);
		return;
	}
	s = 32 - bits32(b->digit[n - 1]);
	v = xmalloc(n * sizeof *v);
	u = xmalloc((m + 1) * sizeof *u);
	for (uint32_t i = n - 1; i > 0; i--)
		v[i] = b->digit[i] << s | (s ? (uint32_t)((uint64_t)b->digit[i - 1]
		    >> (32 - s)) : 0);
	v[0] = b->digit[0] << s;
	u[m] = s ? (uint32_t)((uint64_t)a->digit[m - 1] >> (32 - s)) : 0;
	for (uint32_t i = m - 1; i > 0; i--)
		u[i] = a->digit[i] << s | (s ? (uint32_t)((uint64_t)a->digit[i - 1]
		    >> (32 - s)) : 0);
	u[0] = a->digit[0] << s;
	for (uint32_t j = m - n + 1; j-- > 0;) {
		uint64_t num = (uint64_t)u[j + n] << 32 | u[j + n - 1];
		uint64_t qhat = num / v[n - 1], rhat = num % v[n - 1];
		int64_t	 t, k;

		while (qhat >= ((uint64_t)1 << 32) || qhat * v[n - 2] >
		    ((rhat << 32) | u[j + n - 2])) {
			qhat--;
			rhat += v[n - 1];
			if (rhat >= ((uint64_t)1 << 32))
				break;
		}
		/* u[j..j+n] -= qhat * v */
		k = 0;
		for (uint32_t i = 0; i < n; i++) {
			uint64_t p = qhat * v[i];

			t = (int64_t)u[i + j] - k - (int64_t)(p & 0xffffffffu);
			u[i + j] = (uint32_t)t;
			k = (int64_t)(p >> 32) - (t >> 32);
		}
		t = (int64_t)u[j + n] - k;
		u[j + n] = (uint32_t)t;
		if (t < 0) {
			/* qhat was one too many: add v back */
			uint64_t c = 0;

			qhat--;
			for (uint32_t i = 0; i < n; i++) {
				c += (uint64_t)u[i + j] + v[i];
				u[i + j] = (uint32_t)c;
				c >>= 32;
			}
			u[j + n] += (uint32_t)c;
		}
		q->digit[j] = (uint32_t)qhat;
	}
	r = make(n);
	for (uint32_t i = 0; i < n; i++)
		r->digit[i] = u[i] >> s | (s ? (uint32_t)((uint64_t)u[i + 1] <<
		    (32 - s)) : 0);
	xfree(u);
	xfree(v);
	*qp = normalize(q);
	*rp = normalize(r);
}

/* ---- arithmetic ---- */

struct bigint *
bigint_neg(const struct bigint *b)
{
	struct bigint *r = bigint_copy(b);

	r->sign = -b->sign;
	return r;
}

/* a + b with b's sign taken as bsign. */
static struct bigint *
add_signed(const struct bigint *a, const struct bigint *b, int bsign)
{
	struct bigint	*r;
	int		 c;

	if (b->len == 0)
		return bigint_copy(a);
	if (a->len == 0) {
		r = bigint_copy(b);
		r->sign = bsign;
		return r;
	}
	if (a->sign == bsign) {
		r = mag_add(a, b);
		r->sign = a->sign;
		return r;
	}
	c = mag_cmp(a, b);
	if (c == 0)
		return normalize(make(0));
	r = c > 0 ? mag_sub(a, b) : mag_sub(b, a);
	r->sign = c > 0 ? a->sign : bsign;
	return r;
}

struct bigint *
bigint_add(const struct bigint *a, const struct bigint *b)
{
	return add_signed(a, b, b->sign);
}

struct bigint *
bigint_sub(const struct bigint *a, const struct bigint *b)
{
	return add_signed(a, b, -b->sign);
}

struct bigint *
bigint_mul(const struct bigint *a, const struct bigint *b)
{
	struct bigint *r;

	if (a->len == 0 || b->len == 0)
		return normalize(make(0));
	r = make(a->len + b->len);
	for (uint32_t i = 0; i < a->len; i++) {
		uint64_t carry = 0;

		for (uint32_t j = 0; j < b->len; j++) {
			carry += (uint64_t)a->digit[i] * b->digit[j] +
			    r->digit[i + j];
			r->digit[i + j] = (uint32_t)carry;
			carry >>= 32;
		}
		r->digit[i + b->len] = (uint32_t)carry;
	}
	r->sign = a->sign * b->sign;
	return normalize(r);
}

void
bigint_divmod(const struct bigint *a, const struct bigint *b, struct bigint **qp,
    struct bigint **rp)
{
	struct bigint *q, *r, *t;

	mag_divmod(a, b, &q, &r);
	if (q->len)
		q->sign = a->sign * b->sign;
	if (r->len)
		r->sign = a->sign;
	/* truncated to floored: when the signs differ and r != 0, q - 1
	 * and r + b (l_divmod) */
	if (r->len && a->sign != b->sign) {
		struct bigint *one = bigint_from_i64(1);

		t = bigint_sub(q, one);
		bigint_free(q);
		bigint_free(one);
		q = t;
		t = bigint_add(r, b);
		bigint_free(r);
		r = t;
	}
	if (qp != NULL)
		*qp = q;
	else
		bigint_free(q);
	if (rp != NULL)
		*rp = r;
	else
		bigint_free(r);
}

struct bigint *
bigint_pow(const struct bigint *a, uint64_t e)
{
	struct bigint *r = bigint_from_i64(1), *base = bigint_copy(a), *t;

	while (e > 0) {
		if (e & 1) {
			t = bigint_mul(r, base);
			bigint_free(r);
			r = t;
		}
		e >>= 1;
		if (e > 0) {
			t = bigint_mul(base, base);
			bigint_free(base);
			base = t;
		}
	}
	bigint_free(base);
	return r;
}

/* ---- comparisons ---- */

int
bigint_cmp(const struct bigint *a, const struct bigint *b)
{
	if (a->sign != b->sign)
		return a->sign < b->sign ? -1 : 1;
	return a->sign >= 0 ? mag_cmp(a, b) : -mag_cmp(a, b);
}

struct bigint *
bigint_from_double(double d)
{
	struct bigint	*m, *r;
	double		 f = trunc(d);
	int		 e;
	bool		 inexact = false;

	if (fabs(f) < 9007199254740992.0)
		return bigint_from_i64((int64_t)f);
	/* f = mant * 2**(e - 53) exactly, mant of 53 bits */
	m = from_u64((uint64_t)ldexp(fabs(frexp(f, &e)), 53), 1);
	r = shifted(m, e - 53, &inexact);
	bigint_free(m);
	r->sign = f < 0 ? -1 : 1;
	return r;
}

int
bigint_cmp_double(const struct bigint *a, double d)
{
	struct bigint	*fl;
	int		 c;

	if (isinf(d))
		return d > 0 ? -1 : 1;
	/* compare with floor(d): equal to it, a is below d unless d is
	 * that integer */
	fl = bigint_from_double(floor(d));
	c = bigint_cmp(a, fl);
	bigint_free(fl);
	if (c == 0 && floor(d) != d)
		c = -1;
	return c;
}

/* ---- conversion to float ---- */

/* The top 64 bits of |b| from bit `from` up (b has more than from + 64
 * bits or exactly), with any nonzero bit below them ORed into the lowest
 * (a sticky bit: the 11 bits below a double's 53 keep the rounding
 * exact). */
static uint64_t
top_bits(const struct bigint *b, uint64_t from)
{
	uint64_t	 m = 0;
	uint32_t	 w = (uint32_t)(from / 32), s = (uint32_t)(from % 32);
	bool		 sticky = false;

	for (uint32_t i = 0; i < 3; i++) {
		uint64_t d = w + i < b->len ? b->digit[w + i] : 0;

		if (i == 0) {
			m = d >> s;
			sticky = (d & (((uint64_t)1 << s) - 1)) != 0;
		} else if (32 * i - s < 64)
			m |= d << (32 * i - s);
	}
	for (uint32_t i = 0; i < w && !sticky; i++)
		sticky = b->digit[i] != 0;
	return m | (sticky ? 1 : 0);
}

bool
bigint_to_double(const struct bigint *b, double *out)
{
	uint64_t	 bits = bigint_bits(b), m;
	double		 d;

	if (bits <= 64) {
		m = top_bits(b, 0);
		d = (double)m;
	} else {
		if (bits > DBL_MAX_EXP)
			return false;
		m = top_bits(b, bits - 64);
		/* uint64 to double rounds half to even, with the sticky
		 * bit deciding a tie */
		d = ldexp((double)m, (int)(bits - 64));
	}
	if (isinf(d))
		return false;
	*out = b->sign < 0 ? -d : d;
	return true;
}

/* b shifted left (n > 0) or right (n < 0, the lost bits ORed into
 * *inexact). */
static struct bigint *
shifted(const struct bigint *b, int64_t n, bool *inexact)
{
	struct bigint	*r;
	uint32_t	 w, s;

	if (n >= 0) {
		w = (uint32_t)(n / 32);
		s = (uint32_t)(n % 32);
		r = make(b->len + w + 1);
		for (uint32_t i = 0; i < b->len; i++) {
			uint64_t d = (uint64_t)b->digit[i] << s;

			r->digit[i + w] |= (uint32_t)d;
			r->digit[i + w + 1] |= (uint32_t)(d >> 32);
		}
	} else {
		w = (uint32_t)((uint64_t)-n / 32);
		s = (uint32_t)((uint64_t)-n % 32);
		if (w >= b->len) {
			*inexact = *inexact || b->len != 0;
			return normalize(make(0));
		}
		r = make(b->len - w);
		for (uint32_t i = 0; i < w; i++)
			*inexact = *inexact || b->digit[i] != 0;
		*inexact = *inexact || (b->digit[w] & (((uint64_t)1 << s) - 1));
		for (uint32_t i = w; i < b->len; i++) {
			uint64_t d = b->digit[i] >> s;

			if (s && i + 1 < b->len)
				d |= (uint64_t)b->digit[i + 1] << (32 - s);
			r->digit[i - w] = (uint32_t)d;
		}
	}
	r->sign = 1;
	return normalize(r);
}

/*
 * long_true_divide, its general path: |a| is shifted so that the integer
 * quotient x has DBL_MANT_DIG + 2 or + 3 bits (fewer where the result is
 * subnormal), the lost bits and the remainder make one inexact flag, and
 * x is rounded once, half to even, at the double's last bit.
 */
bool
bigint_truediv(const struct bigint *a, const struct bigint *b, double *out)
{
	bool		 negate = (a->sign < 0) != (b->sign < 0), inexact = false;
	int64_t		 diff, shift, extra;
	struct bigint	*x, *q, *r, *bb;
	uint64_t	 xbits, low, mask;
	double		 dx;

	if (a->len == 0) {
		*out = negate ? -0.0 : 0.0;
		return true;
	}
	diff = (int64_t)bigint_bits(a) - (int64_t)bigint_bits(b);
	if (diff > DBL_MAX_EXP)
		return false;
	if (diff < DBL_MIN_EXP - DBL_MANT_DIG - 1) {
		*out = negate ? -0.0 : 0.0;
		return true;
	}
	shift = (diff > DBL_MIN_EXP ? diff : DBL_MIN_EXP) - DBL_MANT_DIG - 2;
	x = shifted(a, -shift, &inexact);
	bb = bigint_copy(b);
	bb->sign = 1;
	mag_divmod(x, bb, &q, &r);
	inexact = inexact || r->len != 0;
	bigint_free(x);
	bigint_free(r);
	bigint_free(bb);
	xbits = bigint_bits(q);
	extra = ((int64_t)xbits > DBL_MIN_EXP - shift ? (int64_t)xbits :
	    DBL_MIN_EXP - shift) - DBL_MANT_DIG;
	/* x has at most DBL_MANT_DIG + 3 bits: one uint64 */
	low = q->len ? q->digit[0] : 0;
	if (q->len > 1)
		low |= (uint64_t)q->digit[1] << 32;
	bigint_free(q);
	mask = (uint64_t)1 << (extra - 1);
	if ((low | inexact) & mask && (low | inexact) & (3 * mask - 1))
		low += mask;
	low &= ~(2 * mask - 1);
	dx = (double)low;
	if (shift + (int64_t)xbits >= DBL_MAX_EXP &&
	    (shift + (int64_t)xbits > DBL_MAX_EXP ||
	    dx == ldexp(1.0, (int)xbits)))
		return false;
	dx = ldexp(dx, (int)shift);
	*out = negate ? -dx : dx;
	return true;
}

/* ---- hash ---- */

pyhash_t
bigint_hash(const struct bigint *b)
{
	const uint64_t	modulus = ((uint64_t)1 << 61) - 1;
	uint64_t	x = 0;
	pyhash_t	h;

	/* x * 2**32 + digit modulo 2**61 - 1, from the top: multiplying by
	 * 2**32 is a rotation of the 61 bits (2**61 is 1 there) */
	for (uint32_t i = b->len; i-- > 0;) {
		x = ((x << 32) & modulus) | (x >> 29);
		x += b->digit[i];
		if (x >= modulus)
			x -= modulus;
	}
	h = b->sign < 0 ? -(pyhash_t)x : (pyhash_t)x;
	return h == -1 ? -2 : h;
}

/* ---- text ---- */

static void write_base(const struct bigint *b, unsigned base,
    struct strbuf *out);

void
bigint_write(const struct bigint *b, unsigned base, struct strbuf *out)
{
	struct strbuf text = STRBUF_INIT;

	if (base != 10) {
		write_base(b, base, out);
		return;
	}
	if (b->decimal == NULL) {
		write_base(b, 10, &text);
		/* the cache: logically const, the value is the same */
		((struct bigint *)b)->decimal = strbuf_detach(&text);
	}
	strbuf_puts(out, b->decimal);
}

/* bigint_write without the cache: the digits by repeated division by
 * the largest power of base in a digit. */
static void
write_base(const struct bigint *b, unsigned base, struct strbuf *out)
{
	/* the largest power of base in a digit, and its exponent */
	uint32_t	 chunk = base == 10 ? 1000000000u : base == 16 ?
			    0x10000000u : base == 8 ? 0x40000000u : 0x80000000u;
	unsigned	 per = base == 10 ? 9 : base == 16 ? 7 : base == 8 ?
			    10 : 31;
	uint32_t	*q, len = b->len, *pieces;
	size_t		 count = 0;
	char		*text, *p;

	if (b->len == 0) {
		strbuf_putc(out, '0');
		return;
	}
	q = xmalloc(len * sizeof *q);
	memcpy(q, b->digit, len * sizeof *q);
	pieces = xmalloc(((size_t)len * 32 / per + 2) * sizeof *pieces);
	while (len > 0) {
		pieces[count++] = mag_divsmall(q, len, chunk, q);
		while (len > 0 && q[len - 1] == 0)
			len--;
	}
	text = xmalloc(count * per + 2);
	p = text + count * per + 1;
	*p = '\0';
	for (size_t i = 0; i < count; i++) {
		uint32_t v = pieces[i];

		for (unsigned k = 0; k < per; k++) {
			*--p = "0123456789abcdef"[v % base];
			v /= base;
			if (v == 0 && i + 1 == count)
				break;
		}
	}
	if (b->sign < 0)
		*--p = '-';
	strbuf_puts(out, p);
	xfree(text);
	xfree(pieces);
	xfree(q);
}

size_t
bigint_decimal_digits(const struct bigint *b)
{
	struct strbuf	sb = STRBUF_INIT;
	size_t		n;

	bigint_write(b, 10, &sb);
	n = sb.len - (b->sign < 0);
	strbuf_free(&sb);
	return n;
}

bool
bigint_decimal_fits(const struct bigint *b)
{
	/* 4300 decimal digits need at least 14282 bits: below that, no
	 * conversion is needed to know */
	if (bigint_bits(b) < 14280)
		return true;
	return bigint_decimal_digits(b) <= BIGINT_MAX_STR_DIGITS;
}

void
bigint_write_elided(const struct bigint *b, size_t max_digits,
    struct strbuf *out)
{
	struct strbuf	 sb = STRBUF_INIT;
	char		 tail[40];
	size_t		 digits, keep, tail_len;
	const char	*s;

	bigint_write(b, 10, &sb);
	s = strbuf_str(&sb);
	digits = sb.len - (b->sign < 0);
	if (max_digits == 0 || sb.len <= max_digits) {
		strbuf_append(out, s, sb.len);
		strbuf_free(&sb);
		return;
	}
	tail_len = (size_t)snprintf(tail, sizeof tail, "…(%zu digits)",
	    digits);
	/* "…" is one character of three bytes */
	keep = max_digits > tail_len - 2 + 1 ? max_digits - (tail_len - 2) :
	    1 + (b->sign < 0);
	strbuf_append(out, s, keep);
	strbuf_puts(out, tail);
	strbuf_free(&sb);
}

static unsigned
digit_of(char c)
{
	if (c >= '0' && c <= '9')
		return (unsigned)(c - '0');
	if (c >= 'a' && c <= 'f')
		return (unsigned)(c - 'a' + 10);
	return (unsigned)(c - 'A' + 10);
}

struct bigint *
bigint_parse(const char *digits, size_t len, unsigned base)
{
	unsigned	 per = base == 10 ? 9 : base == 16 ? 7 : base == 8 ?
			    10 : 31;
	struct bigint	*r = make((uint32_t)(len * 4 / 32 + 2));
	uint32_t	 used = 0;

	/* r = r * base**k + chunk, k digits at a time */
	for (size_t at = 0; at < len;) {
		uint32_t	mul = 1, add = 0;
		uint64_t	carry;

		for (unsigned k = 0; k < per && at < len; k++, at++) {
			mul *= base;
			add = add * base + digit_of(digits[at]);
		}
		carry = add;
		for (uint32_t i = 0; i < used; i++) {
			carry += (uint64_t)r->digit[i] * mul;
			r->digit[i] = (uint32_t)carry;
			carry >>= 32;
		}
		if (carry)
			r->digit[used++] = (uint32_t)carry;
	}
	r->len = used;
	return normalize(r);
}
