/*
 * ident.c: NFKC for identifiers (Unicode's normalization: full
 * compatibility decomposition, canonical ordering, canonical composition,
 * with Hangul by arithmetic), and the XID tables CPython's tokenizer
 * checks names against.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "base/strbuf.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "lang/ident.h"

struct nfkc_decomp {
	uint32_t	cp;
	uint16_t	first;
	uint16_t	len;
};
struct nfkc_class {
	uint32_t	first, last;
	uint8_t		ccc;
};
struct nfkc_pair {
	uint32_t	a, b, composite;
};
struct nfkc_range {
	uint32_t	first, last;
};

#include "lang/unicode_nfkc.inc"

#define COUNT(a)	(sizeof (a) / sizeof (a)[0])

/* Hangul syllables, decomposed and composed by arithmetic (Unicode 3.12). */
#define S_BASE	0xac00u
#define L_BASE	0x1100u
#define V_BASE	0x1161u
#define T_BASE	0x11a7u
#define L_COUNT	19u
#define V_COUNT	21u
#define T_COUNT	28u
#define N_COUNT	(V_COUNT * T_COUNT)
#define S_COUNT	(L_COUNT * N_COUNT)

static bool
in_ranges(const struct nfkc_range *r, size_t n, uint32_t cp)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cp < r[mid].first)
			hi = mid;
		else if (cp > r[mid].last)
			lo = mid + 1;
		else
			return true;
	}
	return false;
}

bool
ident_is_start(uint32_t cp)
{
	return in_ranges(nfkc_xid_start, COUNT(nfkc_xid_start), cp);
}

bool
ident_is_continue(uint32_t cp)
{
	return in_ranges(nfkc_xid_continue, COUNT(nfkc_xid_continue), cp);
}

static const struct nfkc_decomp *
decomposition(uint32_t cp)
{
	size_t lo = 0, hi = COUNT(nfkc_decomps);

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cp < nfkc_decomps[mid].cp)
			hi = mid;
		else if (cp > nfkc_decomps[mid].cp)
			lo = mid + 1;
		else
			return &nfkc_decomps[mid];
	}
	return NULL;
}

static uint8_t
combining_class(uint32_t cp)
{
	size_t lo = 0, hi = COUNT(nfkc_classes);

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cp < nfkc_classes[mid].first)
			hi = mid;
		else if (cp > nfkc_classes[mid].last)
			lo = mid + 1;
		else
			return nfkc_classes[mid].ccc;
	}
	return 0;
}

/* The primary composite of a + b, or 0. */
static uint32_t
compose_pair(uint32_t a, uint32_t b)
{
	size_t lo = 0, hi = COUNT(nfkc_pairs);

	if (a >= L_BASE && a < L_BASE + L_COUNT && b >= V_BASE &&
	    b < V_BASE + V_COUNT)
		return S_BASE + ((a - L_BASE) * V_COUNT + (b - V_BASE)) *
		    T_COUNT;
	if (a >= S_BASE && a < S_BASE + S_COUNT && (a - S_BASE) % T_COUNT == 0 &&
	    b > T_BASE && b < T_BASE + T_COUNT)
		return a + (b - T_BASE);
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct nfkc_pair *p = &nfkc_pairs[mid];

		if (a < p->a || (a == p->a && b < p->b))
			hi = mid;
		else if (a > p->a || b > p->b)
			lo = mid + 1;
		else
			return p->composite;
	}
	return 0;
}

struct cps {
	uint32_t	*v;
	size_t		 len, cap;
};

static void
cps_push(struct cps *c, uint32_t cp)
{
	if (c->len == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 32;
		c->v = xreallocarray(c->v, c->cap, sizeof *c->v);
	}
	c->v[c->len++] = cp;
}

static void
decompose(struct cps *c, uint32_t cp)
{
	const struct nfkc_decomp *d;

	if (cp >= S_BASE && cp < S_BASE + S_COUNT) {
		uint32_t s = cp - S_BASE;

		cps_push(c, L_BASE + s / N_COUNT);
		cps_push(c, V_BASE + (s % N_COUNT) / T_COUNT);
		if (s % T_COUNT != 0)
			cps_push(c, T_BASE + s % T_COUNT);
		return;
	}
	d = decomposition(cp);
	if (d == NULL) {
		cps_push(c, cp);
		return;
	}
	/* the table holds the full NFKD already */
	for (uint16_t i = 0; i < d->len; i++)
		cps_push(c, nfkc_pool[d->first + i]);
}

/* Canonical ordering: marks between starters sorted by class, stably. */
static void
reorder(struct cps *c)
{
	for (size_t i = 1; i < c->len; i++) {
		uint32_t cp = c->v[i];
		uint8_t cc = combining_class(cp);
		size_t j = i;

		if (cc == 0)
			continue;
		while (j > 0 && combining_class(c->v[j - 1]) > cc) {
			c->v[j] = c->v[j - 1];
			j--;
		}
		c->v[j] = cp;
	}
}

/* Canonical composition, in place: the Unicode standard's sample code
 * (a mark composes with the last starter unless blocked). */
static void
compose(struct cps *c)
{
	size_t	starter = 0, out = 1;
	int	last;

	if (c->len == 0)
		return;
	last = combining_class(c->v[0]) != 0 ? 256 : 0;
	for (size_t i = 1; i < c->len; i++) {
		uint32_t cp = c->v[i], composite;
		int cc = combining_class(cp);

		composite = compose_pair(c->v[starter], cp);
		if (composite != 0 && (last < cc || last == 0)) {
			c->v[starter] = composite;
			continue;
		}
		if (cc == 0)
			starter = out;
		last = cc;
		c->v[out++] = cp;
	}
	c->len = out;
}

char *
ident_nfkc(const char *s, size_t len, size_t *out_len)
{
	struct cps	c = { NULL, 0, 0 };
	struct strbuf	sb = STRBUF_INIT;
	size_t		i, n;
	bool		ascii = true;
	uint32_t	cp;

	for (i = 0; i < len && ascii; i++)
		ascii = (unsigned char)s[i] < 0x80;
	if (ascii)
		return NULL;
	for (i = 0; i < len; i += n) {
		n = utf8_decode(s + i, len - i, &cp);
		if (cp == UTF8_INVALID) {
			n = 1;
			cp = 0xfffd;
		}
		decompose(&c, cp);
	}
	reorder(&c);
	compose(&c);
	for (i = 0; i < c.len; i++) {
		char b[4];

		strbuf_append(&sb, b, utf8_encode(c.v[i], b));
	}
	xfree(c.v);
	*out_len = sb.len;
	return strbuf_detach(&sb);
}
