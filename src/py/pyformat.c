/*
 * pyformat.c: the format-spec mini-language of 3.11's str, int and float
 * __format__ (Python/formatter_unicode.c), for the subset pyformat.h
 * names.  Widths count characters, not bytes.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/limits.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "py/pyformat.h"
#include "py/pyhash.h"

static enum pyformat_status
say(enum pyformat_status status, char *message, size_t size,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static enum pyformat_status
say(enum pyformat_status status, char *message, size_t size,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(message, size, fmt, ap);
	va_end(ap);
	return status;
}

static bool
is_align(char c)
{
	return c == '<' || c == '>' || c == '^' || c == '=';
}

/* A run of digits as a count; false when it would pass the string
 * limit (CPython would build it; refscope refuses it). */
static bool
read_number(const char *s, size_t len, size_t *i, int64_t *out)
{
	int64_t v = 0;

	while (*i < len && s[*i] >= '0' && s[*i] <= '9') {
		v = v * 10 + (s[*i] - '0');
		if (v > LIMIT_MAX_STRING)
			return false;
		(*i)++;
	}
	*out = v;
	return true;
}

enum pyformat_status
pyformat_parse(const char *s, size_t len, const char *type_name,
    struct pyformat_spec *out, char *message, size_t size)
{
	size_t i = 0, n;

	memset(out, 0, sizeof *out);
	out->fill = " ";
	out->fill_len = 1;
	out->width = out->precision = -1;
	n = len > 0 ? utf8_sequence_length((unsigned char)s[0]) : 0;
	if (n > 0 && n < len && is_align(s[n])) {
		out->fill = s;
		out->fill_len = n;
		out->align = s[n];
		i = n + 1;
	} else if (len > 0 && is_align(s[0])) {
		out->align = s[0];
		i = 1;
	}
	if (i < len && (s[i] == '+' || s[i] == '-' || s[i] == ' '))
		out->sign = s[i++];
	if (i < len && (s[i] == 'z' || s[i] == '#'))
		return say(PYFORMAT_UNSUPPORTED, message, size, "the '%c' "
		    "option of a format spec is not supported yet", s[i]);
	if (i < len && s[i] == '0') {
		out->zero = true;
		i++;
	}
	if (i < len && s[i] >= '0' && s[i] <= '9' &&
	    !read_number(s, len, &i, &out->width))
		goto too_wide;
	if (i < len && (s[i] == ',' || s[i] == '_')) {
		out->grouping = s[i++];
		if (i < len && (s[i] == ',' || s[i] == '_'))
			return say(PYFORMAT_VALUE_ERROR, message, size,
			    s[i] != out->grouping ? "Cannot specify both ',' "
			    "and '_'." : "Cannot specify '%c' with '%c'.",
			    s[i], s[i]);
	}
	if (i < len && s[i] == '.') {
		i++;
		if (i == len || s[i] < '0' || s[i] > '9')
			return say(PYFORMAT_VALUE_ERROR, message, size,
			    "Format specifier missing precision");
		if (!read_number(s, len, &i, &out->precision))
			goto too_wide;
	}
	if (len - i > 1)
		return say(PYFORMAT_VALUE_ERROR, message, size, "Invalid "
		    "format specifier '%.*s' for object of type '%s'",
		    (int)len, s, type_name);
	if (i < len)
		out->type = s[i];
	if (out->grouping != 0 && (strchr("sxXobcn", out->type) != NULL &&
	    out->type != 0) && !(out->grouping == '_' &&
	    strchr("xXob", out->type) != NULL))
		return say(PYFORMAT_VALUE_ERROR, message, size, "Cannot "
		    "specify '%c' with '%c'.", out->grouping, out->type);
	if (out->grouping != 0 && out->type == 0 &&
	    strcmp(type_name, "str") == 0)
		return say(PYFORMAT_VALUE_ERROR, message, size, "Cannot "
		    "specify '%c' with 's'.", out->grouping);
	if (out->grouping != 0 && (out->zero || strcmp(type_name, "int") != 0))
		return say(PYFORMAT_UNSUPPORTED, message, size, "grouping "
		    "digits with '%c' %s is not supported yet", out->grouping,
		    out->zero ? "and zero padding" : "outside an int");
	if (out->zero && out->align == 0) {
		out->fill = "0";
		out->align = '=';
		out->zero = false;
	}
	return PYFORMAT_OK;
too_wide:
	return say(PYFORMAT_UNSUPPORTED, message, size, "a width or precision "
	    "over %u (the string limit of DESIGN §8) is not supported yet",
	    LIMIT_MAX_STRING);
}

bool
pyformat_str_unchanged(const struct pyformat_spec *spec, size_t chars)
{
	return (spec->width < 0 || (size_t)spec->width <= chars) &&
	    (spec->precision < 0 || (size_t)spec->precision >= chars);
}

static void
put_fill(const struct pyformat_spec *spec, struct strbuf *out, int64_t n)
{
	for (int64_t i = 0; i < n; i++)
		strbuf_append(out, spec->fill, spec->fill_len);
}

/* sign and body (chars characters) padded to the width; '=' puts the
 * padding between them. */
static void
pad(const struct pyformat_spec *spec, char default_align, const char *sign,
    const char *body, size_t blen, size_t chars, struct strbuf *out)
{
	char	 align = spec->align ? spec->align : default_align;
	int64_t	 total = (int64_t)(chars + strlen(sign));
	int64_t	 room = spec->width > total ? spec->width - total : 0;
	int64_t	 left = align == '>' || align == '=' ? room :
		    align == '^' ? room / 2 : 0;

	if (align == '=') {
		strbuf_puts(out, sign);
		put_fill(spec, out, left);
	} else {
		put_fill(spec, out, left);
		strbuf_puts(out, sign);
	}
	strbuf_append(out, body, blen);
	put_fill(spec, out, room - left);
}

enum pyformat_status
pyformat_str(const struct pyformat_spec *spec, const char *s, size_t len,
    struct strbuf *out, char *message, size_t size)
{
	size_t chars = 0, blen = 0;

	if (spec->type != 0 && spec->type != 's')
		return say(PYFORMAT_VALUE_ERROR, message, size, "Unknown "
		    "format code '%c' for object of type 'str'", spec->type);
	if (spec->sign != 0)
		return say(PYFORMAT_VALUE_ERROR, message, size, "Sign not "
		    "allowed in string format specifier");
	if (spec->align == '=')
		return say(PYFORMAT_VALUE_ERROR, message, size, "'=' "
		    "alignment not allowed in string format specifier");
	/* the first precision characters */
	while (blen < len && (spec->precision < 0 ||
	    chars < (size_t)spec->precision)) {
		blen += utf8_sequence_length((unsigned char)s[blen]);
		chars++;
	}
	pad(spec, '<', "", s, blen, chars, out);
	return PYFORMAT_OK;
}

/* The base of an int's format type; 0 for a float type, -1 (and the
 * message) for an error. */
static int
int_base(const struct pyformat_spec *spec, char *message, size_t size,
    enum pyformat_status *status)
{
	switch (spec->type) {
	case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case '%':
		return 0;
	case 0: case 'd': return 10;
	case 'x': case 'X': return 16;
	case 'o': return 8;
	case 'b': return 2;
	case 'c': case 'n':
		*status = say(PYFORMAT_UNSUPPORTED, message, size, "the format "
		    "code '%c' is not supported yet", spec->type);
		return -1;
	default:
		*status = say(PYFORMAT_VALUE_ERROR, message, size, "Unknown "
		    "format code '%c' for object of type 'int'", spec->type);
		return -1;
	}
}

/* An int's digits (the magnitude's, most significant first) with its
 * sign, grouped (every 3 decimal digits, every 4 others) and padded. */
static void
put_int(const struct pyformat_spec *spec, bool negative, const char *digits,
    size_t n, unsigned base, struct strbuf *out)
{
	struct strbuf	 body = STRBUF_INIT;
	size_t		 every = base == 10 ? 3 : 4;
	const char	*sign = negative ? "-" : spec->sign == '+' ? "+" :
			    spec->sign == ' ' ? " " : "";

	for (size_t i = 0; i < n; i++) {
		if (spec->grouping != 0 && i > 0 && (n - i) % every == 0)
			strbuf_putc(&body, spec->grouping);
		strbuf_putc(&body, spec->type == 'X' && digits[i] >= 'a' ?
		    (char)(digits[i] - 'a' + 'A') : digits[i]);
	}
	pad(spec, '>', sign, strbuf_str(&body), body.len, body.len, out);
	strbuf_free(&body);
}

enum pyformat_status
pyformat_bigint(const struct pyformat_spec *spec, const struct bigint *value,
    struct strbuf *out, char *message, size_t size)
{
	enum pyformat_status	 status = PYFORMAT_OK;
	int			 base = int_base(spec, message, size, &status);
	struct strbuf		 digits = STRBUF_INIT;
	double			 d;

	if (base < 0)
		return status;
	if (base == 0) {
		if (!bigint_to_double(value, &d))
			return say(PYFORMAT_OVERFLOW_ERROR, message, size,
			    "%s", BIGINT_FLOAT_OVERFLOW);
		return pyformat_float(spec, d, out, message, size);
	}
	if (spec->precision >= 0)
		return say(PYFORMAT_VALUE_ERROR, message, size, "Precision "
		    "not allowed in integer format specifier");
	if (base == 10 && !bigint_decimal_fits(value))
		return say(PYFORMAT_VALUE_ERROR, message, size, "%s",
		    BIGINT_STR_LIMIT_MESSAGE);
	bigint_write(value, (unsigned)base, &digits);
	put_int(spec, value->sign < 0, strbuf_str(&digits) +
	    (value->sign < 0), digits.len - (value->sign < 0), (unsigned)base,
	    out);
	strbuf_free(&digits);
	return PYFORMAT_OK;
}

enum pyformat_status
pyformat_int(const struct pyformat_spec *spec, int64_t value,
    struct strbuf *out, char *message, size_t size)
{
	char			 digits[80];
	uint64_t		 mag;
	enum pyformat_status	 status = PYFORMAT_OK;
	int			 base = int_base(spec, message, size, &status);
	int			 n = 0;

	if (base < 0)
		return status;
	if (base == 0)
		return pyformat_float(spec, (double)value, out, message, size);
	if (spec->precision >= 0)
		return say(PYFORMAT_VALUE_ERROR, message, size, "Precision "
		    "not allowed in integer format specifier");
	mag = value < 0 ? (uint64_t)0 - (uint64_t)value : (uint64_t)value;
	do {
		unsigned d = (unsigned)(mag % (unsigned)base);

		digits[sizeof digits - 1 - n++] = (char)(d < 10 ? '0' + d :
		    'a' + d - 10);
		mag /= (unsigned)base;
	} while (mag > 0);
	put_int(spec, value < 0, digits + sizeof digits - n, (size_t)n,
	    (unsigned)base, out);
	return PYFORMAT_OK;
}

enum pyformat_status
pyformat_float(const struct pyformat_spec *spec, double value,
    struct strbuf *out, char *message, size_t size)
{
	struct strbuf	 body = STRBUF_INIT;
	const char	*sign;
	char		 type = spec->type, cfmt[16];
	int		 prec = spec->precision < 0 ? 6 : (int)spec->precision;
	double		 mag = fabs(value);
	int		 n;

	switch (type) {
	case 0:
		if (spec->precision >= 0)
			return say(PYFORMAT_UNSUPPORTED, message, size, "a "
			    "float's precision without a type ('.3') is not "
			    "supported yet; give one: '.3g' or '.3f'");
		pyrepr_float(&body, mag);
		break;
	case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case '%':
		if (isnan(mag) || isinf(mag)) {
			strbuf_puts(&body, isnan(mag) ? "nan" : "inf");
			if (type == 'E' || type == 'F' || type == 'G')
				for (size_t i = 0; i < body.len; i++)
					body.data[i] = (char)(body.data[i] -
					    'a' + 'A');
			if (type == '%')
				strbuf_putc(&body, '%');
			break;
		}
		snprintf(cfmt, sizeof cfmt, "%%.%d%c", prec,
		    type == '%' ? 'f' : type);
		n = snprintf(NULL, 0, cfmt, type == '%' ? mag * 100 : mag);
		{
			char *buf = xmalloc((size_t)n + 1);

			snprintf(buf, (size_t)n + 1, cfmt, type == '%' ?
			    mag * 100 : mag);
			strbuf_puts(&body, buf);
			xfree(buf);
		}
		if (type == '%')
			strbuf_putc(&body, '%');
		break;
	case 'n':
		return say(PYFORMAT_UNSUPPORTED, message, size, "the format "
		    "code 'n' is not supported yet");
	default:
		return say(PYFORMAT_VALUE_ERROR, message, size, "Unknown "
		    "format code '%c' for object of type 'float'", type);
	}
	sign = signbit(value) && !isnan(value) ? "-" : spec->sign == '+' ?
	    "+" : spec->sign == ' ' ? " " : "";
	pad(spec, '>', sign, body.data, body.len, body.len, out);
	strbuf_free(&body);
	return PYFORMAT_OK;
}

enum pyformat_status
pyformat_percent_parse(const char *fmt, size_t len, size_t *at,
    struct pyformat_percent *out, char *message, size_t size)
{
	size_t i = *at + 1;

	memset(out, 0, sizeof *out);
	out->width = out->precision = -1;
	if (i < len && fmt[i] == '(')
		return say(PYFORMAT_UNSUPPORTED, message, size, "%%(name) "
		    "conversions (formatting from a dict) are not supported "
		    "yet");
	for (; i < len; i++) {
		if (fmt[i] == '-')
			out->minus = true;
		else if (fmt[i] == '+')
			out->plus = true;
		else if (fmt[i] == ' ')
			out->space = true;
		else if (fmt[i] == '0')
			out->zero = true;
		else if (fmt[i] == '#')
			return say(PYFORMAT_UNSUPPORTED, message, size, "the "
			    "'#' flag of %% formatting is not supported yet");
		else
			break;
	}
	if (i < len && (fmt[i] == '*' || (fmt[i] == '.' && i + 1 < len &&
	    fmt[i + 1] == '*')))
		return say(PYFORMAT_UNSUPPORTED, message, size, "a width or "
		    "precision given as * is not supported yet");
	if (i < len && fmt[i] >= '0' && fmt[i] <= '9' &&
	    !read_number(fmt, len, &i, &out->width))
		goto too_wide;
	if (i < len && fmt[i] == '.') {
		i++;
		out->precision = 0;
		if (!read_number(fmt, len, &i, &out->precision))
			goto too_wide;
	}
	while (i < len && (fmt[i] == 'h' || fmt[i] == 'l' || fmt[i] == 'L'))
		i++;
	if (i >= len)
		return say(PYFORMAT_VALUE_ERROR, message, size,
		    "incomplete format");
	if (fmt[i] == 'c' || fmt[i] == 'a')
		return say(PYFORMAT_UNSUPPORTED, message, size, "the %%%c "
		    "conversion is not supported yet", fmt[i]);
	if (strchr("diusrfFeEgGxXo%", fmt[i]) == NULL || fmt[i] == '\0') {
		uint32_t cp;

		utf8_decode(fmt + i, len - i, &cp);
		return say(PYFORMAT_VALUE_ERROR, message, size, "unsupported "
		    "format character '%.*s' (0x%x) at index %zu",
		    (int)utf8_sequence_length((unsigned char)fmt[i]), fmt + i,
		    (unsigned)cp, utf8_count(fmt, i));
	}
	out->type = fmt[i] == 'i' || fmt[i] == 'u' ? 'd' : fmt[i];
	*at = i + 1;
	return PYFORMAT_OK;
too_wide:
	return say(PYFORMAT_UNSUPPORTED, message, size, "a width or precision "
	    "over %u (the string limit of DESIGN §8) is not supported yet",
	    LIMIT_MAX_STRING);
}

void
pyformat_percent_spec(const struct pyformat_percent *c,
    struct pyformat_spec *out)
{
	bool text = c->type == 's' || c->type == 'r';

	memset(out, 0, sizeof *out);
	out->fill = c->zero && !c->minus && !text ? "0" : " ";
	out->fill_len = 1;
	out->align = c->minus ? '<' : c->zero && !text ? '=' : '>';
	out->sign = text ? 0 : c->plus ? '+' : c->space ? ' ' : 0;
	out->width = c->width;
	out->precision = c->precision;
	out->type = text ? 0 : c->type;
}
