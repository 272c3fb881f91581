/*
 * pyformat.h: format(value, spec) of a str, an int or a float as CPython
 * 3.11's __format__ methods write it (the format-spec mini-language), for
 * f-strings and str.format.
 *
 * The subset: [[fill]align][sign][0][width][grouping][.precision][type],
 * grouping (',' or '_') for ints only.  What CPython reads but refscope
 * does not yet ('#', grouping of floats or with '0', 'z', 'n', a float's
 * precision without a type) is PYFORMAT_UNSUPPORTED, so that the caller
 * can say so instead of pretending CPython would raise.
 */
#ifndef REFSCOPE_PYFORMAT_H
#define REFSCOPE_PYFORMAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/strbuf.h"
#include "py/bigint.h"

struct pyformat_spec {
	const char	*fill;		/* UTF-8 of the fill character */
	size_t		 fill_len;
	char		 align;		/* 0 (the type's default), < > ^ = */
	char		 sign;		/* 0, + - or space */
	bool		 zero;		/* a 0 before the width */
	int64_t		 width;		/* -1: none */
	char		 grouping;	/* 0, ',' or '_' */
	int64_t		 precision;	/* -1: none */
	char		 type;		/* 0: none */
};

enum pyformat_status {
	PYFORMAT_OK,
	PYFORMAT_VALUE_ERROR,	/* CPython raises ValueError: message */
	PYFORMAT_OVERFLOW_ERROR, /* CPython raises OverflowError: message */
	PYFORMAT_UNSUPPORTED	/* legal, not modelled yet: message */
};

/* Reads a spec (the text after ':') for a value of type type_name. */
enum pyformat_status pyformat_parse(const char *spec, size_t len,
		    const char *type_name, struct pyformat_spec *out,
		    char *message, size_t size);

/* Whether format(s, spec) of a str of chars characters is s itself
 * (no padding, no truncation: unicode_format's fast path). */
bool		 pyformat_str_unchanged(const struct pyformat_spec *spec,
		    size_t chars);

/* Appends format(value, spec); the spec is not empty (an empty one is
 * str(value), the caller's). */
enum pyformat_status pyformat_str(const struct pyformat_spec *spec,
		    const char *utf8, size_t len, struct strbuf *out,
		    char *message, size_t size);
enum pyformat_status pyformat_int(const struct pyformat_spec *spec,
		    int64_t value, struct strbuf *out, char *message,
		    size_t size);
/* The same for an int beyond 64 bits (CPython's limit on decimal digits
 * is a VALUE_ERROR, a float type of one too large an OVERFLOW_ERROR). */
enum pyformat_status pyformat_bigint(const struct pyformat_spec *spec,
		    const struct bigint *value, struct strbuf *out,
		    char *message, size_t size);
enum pyformat_status pyformat_float(const struct pyformat_spec *spec,
		    double value, struct strbuf *out, char *message,
		    size_t size);



/* One conversion of printf-style formatting, str % args. */
struct pyformat_percent {
	bool	 minus, plus, space, zero;
	int64_t	 width, precision;	/* -1: none */
	char	 type;			/* d i u s r f F e E g G x X o % */
};

/*
 * Reads the conversion whose '%' is at fmt[*at] and leaves *at past it.
 * VALUE_ERROR with CPython's message for an incomplete or unknown one;
 * UNSUPPORTED for a mapping key, '*', '#' or %c.
 */
enum pyformat_status pyformat_percent_parse(const char *fmt, size_t len,
		    size_t *at, struct pyformat_percent *out, char *message,
		    size_t size);

/* The format spec that writes the same as conversion c of a value of
 * that type (str for s and r). */
void		 pyformat_percent_spec(const struct pyformat_percent *c,
		    struct pyformat_spec *out);
#endif
