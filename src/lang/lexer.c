/*
 * lexer.c: Python's tokens on one line of scenario text.
 *
 * The text is checked to be UTF-8 once, in lexer_init, so every later step
 * may decode code points without checking again.  Each token is read on
 * demand: the parser asks for the next one only when it needs it, so the
 * first problem the author would meet reading left to right is the one
 * reported (`for c in 'ab` is a `for` error, not an unterminated string).
 *
 * Numbers follow Python 3.11's rules (underscores only between digits, no
 * leading zeros in decimal integers, a letter right after a number is an
 * error).  Floats are converted in the "C" locale, whatever the program's
 * locale is: the viewer sets LC_ALL from the environment for ncursesw, and
 * strtod would then read "1.5" as 1 in a locale whose decimal point is ','.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <locale.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/limits.h"
#include "base/strbuf.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "lang/ident.h"
#include "lang/lexer.h"
#include "py/bigint.h"

/* Spellings, indexed by enum token_kind. */
static const char *const token_texts[] = {
	[TOK_END] = "end of line",
	[TOK_NEWLINE] = "line break",
	[TOK_NAME] = "name",
	[TOK_INT] = "integer",
	[TOK_FLOAT] = "float",
	[TOK_STRING] = "string",
	[TOK_FSTRING] = "f-string",
	[TOK_LPAREN] = "(", [TOK_RPAREN] = ")",
	[TOK_LBRACKET] = "[", [TOK_RBRACKET] = "]",
	[TOK_LBRACE] = "{", [TOK_RBRACE] = "}",
	[TOK_COMMA] = ",", [TOK_DOT] = ".", [TOK_COLON] = ":",
	[TOK_SEMICOLON] = ";", [TOK_ASSIGN] = "=",
	[TOK_PLUS] = "+", [TOK_MINUS] = "-", [TOK_STAR] = "*",
	[TOK_SLASH] = "/", [TOK_DSLASH] = "//", [TOK_PERCENT] = "%",
	[TOK_PLUSEQ] = "+=", [TOK_MINUSEQ] = "-=", [TOK_STAREQ] = "*=",
	[TOK_SLASHEQ] = "/=", [TOK_DSLASHEQ] = "//=", [TOK_PERCENTEQ] = "%=",
	[TOK_EQ] = "==", [TOK_NE] = "!=", [TOK_LT] = "<", [TOK_GT] = ">",
	[TOK_LE] = "<=", [TOK_GE] = ">=",
	[TOK_DSTAR] = "**", [TOK_DSTAREQ] = "**=",
	[TOK_AT] = "@", [TOK_ATEQ] = "@=",
	[TOK_AMP] = "&", [TOK_AMPEQ] = "&=", [TOK_PIPE] = "|",
	[TOK_PIPEEQ] = "|=", [TOK_CARET] = "^", [TOK_CARETEQ] = "^=",
	[TOK_LSHIFT] = "<<", [TOK_LSHIFTEQ] = "<<=",
	[TOK_RSHIFT] = ">>", [TOK_RSHIFTEQ] = ">>=",
	[TOK_TILDE] = "~", [TOK_ARROW] = "->", [TOK_WALRUS] = ":=",
	[TOK_ELLIPSIS] = "...",
	[TOK_KW_FALSE] = "False", [TOK_KW_NONE] = "None", [TOK_KW_TRUE] = "True",
	[TOK_KW_AND] = "and", [TOK_KW_AS] = "as", [TOK_KW_ASSERT] = "assert",
	[TOK_KW_ASYNC] = "async", [TOK_KW_AWAIT] = "await",
	[TOK_KW_BREAK] = "break", [TOK_KW_CLASS] = "class",
	[TOK_KW_CONTINUE] = "continue", [TOK_KW_DEF] = "def",
	[TOK_KW_DEL] = "del", [TOK_KW_ELIF] = "elif", [TOK_KW_ELSE] = "else",
	[TOK_KW_EXCEPT] = "except", [TOK_KW_FINALLY] = "finally",
	[TOK_KW_FOR] = "for", [TOK_KW_FROM] = "from",
	[TOK_KW_GLOBAL] = "global", [TOK_KW_IF] = "if",
	[TOK_KW_IMPORT] = "import", [TOK_KW_IN] = "in", [TOK_KW_IS] = "is",
	[TOK_KW_LAMBDA] = "lambda", [TOK_KW_NONLOCAL] = "nonlocal",
	[TOK_KW_NOT] = "not", [TOK_KW_OR] = "or", [TOK_KW_PASS] = "pass",
	[TOK_KW_RAISE] = "raise", [TOK_KW_RETURN] = "return",
	[TOK_KW_TRY] = "try", [TOK_KW_WHILE] = "while", [TOK_KW_WITH] = "with",
	[TOK_KW_YIELD] = "yield"
};

static void
lex_error(struct lexer *lx, struct parse_error *err, size_t offset,
    const char *hint, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void
lex_error(struct lexer *lx, struct parse_error *err, size_t offset,
    const char *hint, const char *fmt, ...)
{
	va_list	ap;

	lx->failed = true;
	err->offset = (uint32_t)offset;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof err->message, fmt, ap);
	va_end(ap);
	snprintf(err->hint, sizeof err->hint, "%s", hint != NULL ? hint : "");
}

/*
 * Decodes the UTF-8 sequence at s (n bytes available) into *cp.  Returns
 * its length, or 0 (leaving *cp alone) if n is 0 or the sequence is not
 * well-formed as utf8_decode judges it (overlong forms, surrogates and
 * values beyond U+10FFFF are not).
 */
static size_t
decode_char(const unsigned char *s, size_t n, uint32_t *cp)
{
	uint32_t	c;
	size_t		len;

	if (n == 0)
		return 0;
	len = utf8_decode((const char *)s, n, &c);
	if (c == UTF8_INVALID)
		return 0;
	*cp = c;
	return len;
}

static void
utf8_append(struct strbuf *sb, uint32_t cp)
{
	char	b[4];

	strbuf_append(sb, b, utf8_encode(cp, b));
}

static bool
is_space_code_point(uint32_t cp)
{
	return cp == 0xa0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200b) ||
	    cp == 0x202f || cp == 0x205f || cp == 0x3000 || cp == 0xfeff;
}

bool
token_is_keyword(enum token_kind kind)
{
	return kind >= TOK_FIRST_KEYWORD && kind <= TOK_LAST_KEYWORD;
}

const char *
token_kind_text(enum token_kind kind)
{
	if ((size_t)kind < sizeof token_texts / sizeof token_texts[0] &&
	    token_texts[kind] != NULL)
		return token_texts[kind];
	return "?";
}

uint32_t
lexer_column(const char *text, size_t offset)
{
	return 1 + (uint32_t)utf8_count(text, offset);
}

/* At most max bytes of s (len bytes), cut at a character boundary. */
static size_t
cut_text(const char *s, size_t len, size_t max)
{
	if (len <= max)
		return len;
	while (max > 0 && ((unsigned char)s[max] & 0xc0) == 0x80)
		max--;
	return max;
}

void
token_describe(const struct token *tok, const char *text, char *buf,
    size_t size)
{
	const char	*src = text + tok->offset;
	size_t		 n;
	const char	*more;

	n = cut_text(src, tok->length, 32);
	more = n < tok->length ? "..." : "";
	switch (tok->kind) {
	case TOK_END:
		snprintf(buf, size, "end of line");
		break;
	case TOK_NEWLINE:
		snprintf(buf, size, "a line break");
		break;
	case TOK_NAME:
		snprintf(buf, size, "name '%.*s%s'", (int)n, src, more);
		break;
	case TOK_INT:
	case TOK_FLOAT:
		snprintf(buf, size, "number %.*s%s", (int)n, src, more);
		break;
	case TOK_STRING:
	case TOK_FSTRING:
		snprintf(buf, size, "string %.*s%s", (int)n, src, more);
		break;
	default:
		if (token_is_keyword(tok->kind))
			snprintf(buf, size, "keyword '%s'",
			    token_kind_text(tok->kind));
		else
			snprintf(buf, size, "'%s'", token_kind_text(tok->kind));
		break;
	}
}

void
token_clear(struct token *tok)
{
	if (tok == NULL)
		return;
	if (tok->kind == TOK_STRING || tok->kind == TOK_FSTRING ||
	    tok->kind == TOK_NAME)
		xfree(tok->value.str.bytes);
	bigint_free(tok->big);
	memset(tok, 0, sizeof *tok);
	tok->kind = TOK_END;
}

bool
lexer_init(struct lexer *lx, const char *text, size_t len,
    struct parse_error *err)
{
	const unsigned char	*s = (const unsigned char *)text;
	size_t			 i, n;
	uint32_t		 cp;

	memset(lx, 0, sizeof *lx);
	lx->text = text;
	lx->len = len;
	if (len >= UINT32_MAX) {
		lex_error(lx, err, 0, NULL, "the statement is too long (%zu bytes)",
		    len);
		return false;
	}
	for (i = 0; i < len; i += n) {
		n = decode_char(s + i, len - i, &cp);
		if (n == 0) {
			lex_error(lx, err, i, "save the scenario as UTF-8",
			    "invalid UTF-8 byte 0x%02x", s[i]);
			return false;
		}
		if (cp == 0) {
			lex_error(lx, err, i, "write \\0 for a NUL character "
			    "inside a string", "the text contains a NUL byte");
			return false;
		}
	}
	return true;
}

static bool
is_name_start(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
	    c >= 0x80;
}

static bool
is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* The length of the name at pos (0 if none starts there). */
static size_t
name_length(const struct lexer *lx, size_t pos)
{
	const unsigned char	*s = (const unsigned char *)lx->text;
	size_t			 i = pos, n;
	uint32_t		 cp;

	while (i < lx->len) {
		if (s[i] < 0x80) {
			if (!is_name_start(s[i]) && !is_digit(s[i]))
				break;
			if (i == pos && is_digit(s[i]))
				break;
			i++;
			continue;
		}
		/* CPython checks the text as written, then normalizes */
		n = decode_char(s + i, lx->len - i, &cp);
		if (n == 0 || !(i == pos ? ident_is_start(cp) :
		    ident_is_continue(cp)))
			break;
		i += n;
	}
	return i - pos;
}

static void
describe_char(const char *text, size_t len, size_t pos, char *buf,
    size_t size)
{
	uint32_t	cp;
	size_t		n;

	n = decode_char((const unsigned char *)text + pos, len - pos, &cp);
	if (n == 0)
		snprintf(buf, size, "byte 0x%02x", (unsigned char)text[pos]);
	else if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0))
		snprintf(buf, size, "control character U+%04X", (unsigned)cp);
	else if (is_space_code_point(cp))
		snprintf(buf, size, "invisible space U+%04X", (unsigned)cp);
	else if (cp < 0x80)
		snprintf(buf, size, "character '%c'", (char)cp);
	else
		snprintf(buf, size, "character '%.*s' (U+%04X)", (int)n,
		    text + pos, (unsigned)cp);
}

static bool
unexpected_char(struct lexer *lx, struct parse_error *err)
{
	const unsigned char	*s = (const unsigned char *)lx->text;
	uint32_t		 cp = s[lx->pos];
	char			 what[64];
	const char		*hint = NULL;

	decode_char(s + lx->pos, lx->len - lx->pos, &cp);
	describe_char(lx->text, lx->len, lx->pos, what, sizeof what);
	if (cp == '!')
		hint = "`!=` is a comparison, and comparisons are only "
		    "available in `expect:` lines; `not` is not part of the "
		    "subset either";
	else if (cp == '$' || cp == '?' || cp == '`')
		hint = "Python does not use this character outside strings";
	else if (cp == 0x2018 || cp == 0x2019 || cp == 0x201c ||
	    cp == 0x201d)
		hint = "strings use straight quotes: ' or \"";
	else if (is_space_code_point(cp))
		hint = "replace it with an ordinary space";
	else if (cp == 0x2212 || cp == 0x2013 || cp == 0x2014)
		hint = "use the ASCII minus sign '-'";
	else if (cp == 0xd7)
		hint = "use '*' to multiply";
	lex_error(lx, err, lx->pos, hint, "unexpected %s", what);
	return false;
}

/* Skips blanks, comments, and line breaks inside brackets.  Stops at a
 * line break outside brackets, a token, or the end. */
static bool
skip_blanks(struct lexer *lx, struct parse_error *err)
{
	const char	*t = lx->text;
	size_t		 after;

	while (lx->pos < lx->len) {
		switch (t[lx->pos]) {
		case ' ':
		case '\t':
		case '\f':
			lx->pos++;
			break;
		case '#':
			while (lx->pos < lx->len && t[lx->pos] != '\n' &&
			    t[lx->pos] != '\r')
				lx->pos++;
			break;
		case '\r':
		case '\n':
			if (lx->brackets == 0)
				return true;
			lx->pos++;
			break;
		case '\\':
			after = lx->pos + 1;
			if (after < lx->len && t[after] == '\r')
				after++;
			if (after < lx->len && t[after] == '\n')
				after++;
			if (after == lx->pos + 1) {
				if (after == lx->len)
					lex_error(lx, err, lx->pos,
					    "remove the backslash: a step is "
					    "one line",
					    "line continuation '\\' at the end "
					    "of the statement");
				else
					lex_error(lx, err, lx->pos,
					    "a backslash continues a line only "
					    "when the line break follows it "
					    "at once",
					    "unexpected character '\\' outside "
					    "a string");
				return false;
			}
			lx->pos = after;
			break;
		default:
			return true;
		}
	}
	return true;
}

/* Whether only blanks, comments and line breaks are left from pos. */
static bool
only_blanks_left(const struct lexer *lx, size_t pos)
{
	const char	*t = lx->text;

	while (pos < lx->len) {
		switch (t[pos]) {
		case ' ':
		case '\t':
		case '\f':
		case '\r':
		case '\n':
			pos++;
			break;
		case '#':
			while (pos < lx->len && t[pos] != '\n' && t[pos] != '\r')
				pos++;
			break;
		default:
			return false;
		}
	}
	return true;
}

static enum token_kind
keyword_kind(const char *s, size_t len)
{
	int	k;

	for (k = TOK_FIRST_KEYWORD; k <= TOK_LAST_KEYWORD; k++) {
		if (strlen(token_texts[k]) == len &&
		    memcmp(token_texts[k], s, len) == 0)
			return (enum token_kind)k;
	}
	return TOK_NAME;
}

/* strtod in the "C" locale (see the top of the file). */
static double
strtod_c(const char *s)
{
	locale_t	c, old;
	double		d;

	c = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	if (c == (locale_t)0)
		return strtod(s, NULL);
	old = uselocale(c);
	d = strtod(s, NULL);
	uselocale(old);
	freelocale(c);
	return d;
}

static int
digit_value(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return 99;
}

static bool
number_followed_badly(struct lexer *lx, size_t start, struct parse_error *err)
{
	const unsigned char	*s = (const unsigned char *)lx->text;
	size_t			 p = lx->pos;
	char			 what[64];

	if (p >= lx->len)
		return false;
	if (s[p] == 'j' || s[p] == 'J') {
		lex_error(lx, err, start, "use an int or a float",
		    "complex numbers are not part of the subset");
		return true;
	}
	if (is_name_start(s[p]) || is_digit(s[p])) {
		if (s[p] >= 0x80 && name_length(lx, p) == 0)
			return false;
		describe_char(lx->text, lx->len, p, what, sizeof what);
		lex_error(lx, err, p,
		    "put a space or an operator between a number and a name",
		    "invalid number: %s right after '%.*s'", what,
		    (int)cut_text(lx->text + start, p - start, 32),
		    lx->text + start);
		return true;
	}
	return false;
}

/*
 * Reads digits of base with single underscores between them, from
 * lx->pos.  Returns the number of digits read, or -1 after an error.
 */
static long
scan_digits(struct lexer *lx, int base, bool allow_leading_underscore,
    size_t start, struct parse_error *err)
{
	const unsigned char	*s = (const unsigned char *)lx->text;
	long			 count = 0;

	for (;;) {
		if (lx->pos < lx->len && s[lx->pos] == '_' &&
		    (count > 0 || allow_leading_underscore)) {
			if (lx->pos + 1 >= lx->len ||
			    digit_value(s[lx->pos + 1]) >= base) {
				lex_error(lx, err, lx->pos,
				    "an underscore may only stand between two "
				    "digits: 1_000",
				    "invalid number '%.*s': misplaced '_'",
				    (int)cut_text(lx->text + start,
				    lx->pos + 1 - start, 32), lx->text + start);
				return -1;
			}
			lx->pos++;
		}
		if (lx->pos >= lx->len || digit_value(s[lx->pos]) >= base)
			break;
		lx->pos++;
		count++;
	}
	return count;
}


/*
 * An int literal beyond 64 bits: its digits (buf, taken) as a bigint.
 * CPython refuses more than 4300 decimal digits (a SyntaxError with
 * int()'s message and a hint of its own); refscope refuses an int
 * beyond its limit on ints.
 */
static bool
big_literal(struct lexer *lx, struct token *tok, char *buf, size_t len,
    unsigned base, size_t start, struct parse_error *err)
{
	if (base == 10 && len > BIGINT_MAX_STR_DIGITS) {
		xfree(buf);
		lex_error(lx, err, start, "Consider hexadecimal for huge "
		    "integer literals to avoid decimal conversion limits.",
		    "Exceeds the limit (%u digits) for integer string "
		    "conversion: value has %zu digits; use "
		    "sys.set_int_max_str_digits() to increase the limit",
		    BIGINT_MAX_STR_DIGITS, len);
		return false;
	}
	tok->big = bigint_parse(buf, len, base);
	xfree(buf);
	if (bigint_bits(tok->big) > LIMIT_MAX_INT_BITS) {
		lex_error(lx, err, start, NULL, "an integer of more than %u "
		    "bits (refscope's limit on ints)", LIMIT_MAX_INT_BITS);
		return false;
	}
	return true;
}

static bool
lex_number(struct lexer *lx, struct token *tok, struct parse_error *err)
{
	const char		*t = lx->text;
	const unsigned char	*s = (const unsigned char *)t;
	size_t			 start = lx->pos, i;
	int			 base = 10;
	bool			 is_float = false, nonzero = false;
	uint64_t		 value = 0;
	long			 n;
	char			*buf;
	size_t			 blen;
	uint32_t		 cp;
	const char		*kind_name = "decimal";

	if (s[start] == '0' && start + 1 < lx->len) {
		switch (s[start + 1]) {
		case 'x': case 'X':
			base = 16;
			kind_name = "hexadecimal";
			break;
		case 'o': case 'O':
			base = 8;
			kind_name = "octal";
			break;
		case 'b': case 'B':
			base = 2;
			kind_name = "binary";
			break;
		}
	}
	if (base != 10) {
		lx->pos += 2;
		n = scan_digits(lx, base, true, start, err);
		if (n < 0)
			return false;
		if (n == 0 || (lx->pos < lx->len && is_digit(s[lx->pos])) ||
		    (base == 16 && lx->pos < lx->len &&
		    digit_value(s[lx->pos]) < 16)) {
			/* Show the literal up to and with the bad character. */
			i = lx->pos;
			if (i < lx->len)
				i += decode_char(s + i, lx->len - i, &cp);
			lex_error(lx, err, lx->pos < lx->len ? lx->pos : start,
			    base == 16 ? "hexadecimal digits are 0-9 and a-f: "
			    "0x1f" : base == 8 ? "octal digits are 0-7: 0o17" :
			    "binary digits are 0 and 1: 0b101",
			    "invalid %s literal '%.*s'", kind_name,
			    (int)cut_text(t + start, i - start, 32), t + start);
			return false;
		}
	} else {
		if (s[start] != '.') {
			if (scan_digits(lx, 10, false, start, err) < 0)
				return false;
		}
		if (lx->pos < lx->len && s[lx->pos] == '.') {
			is_float = true;
			lx->pos++;
			if (lx->pos < lx->len && is_digit(s[lx->pos]) &&
			    scan_digits(lx, 10, false, start, err) < 0)
				return false;
		}
		if (lx->pos < lx->len && (s[lx->pos] == 'e' ||
		    s[lx->pos] == 'E')) {
			i = lx->pos + 1;
			if (i < lx->len && (s[i] == '+' || s[i] == '-'))
				i++;
			if (i < lx->len && is_digit(s[i])) {
				is_float = true;
				lx->pos = i;
				if (scan_digits(lx, 10, false, start, err) < 0)
					return false;
			}
		}
	}
	if (number_followed_badly(lx, start, err))
		return false;

	tok->offset = (uint32_t)start;
	tok->length = (uint32_t)(lx->pos - start);
	if (is_float) {
		buf = xmalloc(lx->pos - start + 1);
		blen = 0;
		for (i = start; i < lx->pos; i++) {
			if (t[i] != '_')
				buf[blen++] = t[i];
		}
		buf[blen] = '\0';
		tok->kind = TOK_FLOAT;
		tok->value.float_value = strtod_c(buf);
		xfree(buf);
		return true;
	}

	/* the digits without underscores: an int64 when they fit, else a
	 * bigint (any length, as Python's) */
	buf = xmalloc(lx->pos - start + 1);
	blen = 0;
	i = base == 10 ? start : start + 2;
	for (; i < lx->pos; i++) {
		if (t[i] == '_')
			continue;
		if (base == 10 && nonzero == false && t[i] != '0' &&
		    i > start) {
			xfree(buf);
			lex_error(lx, err, start,
			    "write the number without leading zeros, or use "
			    "0o for octal: 0o17",
			    "leading zeros in decimal integer literals are not "
			    "permitted");
			return false;
		}
		if (t[i] != '0')
			nonzero = true;
		buf[blen++] = t[i];
		if (value <= (uint64_t)INT64_MAX)
			value = value > (UINT64_C(1) << 63) / (unsigned)base ?
			    UINT64_MAX : value * (unsigned)base +
			    (uint64_t)digit_value(s[i]);
	}
	tok->kind = TOK_INT;
	if (value <= (uint64_t)INT64_MAX) {
		xfree(buf);
		tok->value.int_value = (int64_t)value;
		return true;
	}
	return big_literal(lx, tok, buf, blen, (unsigned)base, start, err);
}

static bool
hex_escape(struct lexer *lx, size_t at, size_t digits, uint32_t *cp,
    struct parse_error *err)
{
	const unsigned char	*s = (const unsigned char *)lx->text;
	size_t			 i;
	uint32_t		 v = 0;
	char			 c = lx->text[at + 1];

	for (i = 0; i < digits; i++) {
		if (at + 2 + i >= lx->len || digit_value(s[at + 2 + i]) >= 16) {
			lex_error(lx, err, at,
			    "write '\\\\' for a backslash itself",
			    "truncated \\%c escape: it needs %zu hex digits",
			    c, digits);
			return false;
		}
		v = v * 16 + (uint32_t)digit_value(s[at + 2 + i]);
	}
	if (v > 0x10ffff) {
		lex_error(lx, err, at, NULL,
		    "\\U escape beyond U+10FFFF, the last Unicode character");
		return false;
	}
	if (v >= 0xd800 && v <= 0xdfff) {
		lex_error(lx, err, at,
		    "write the character itself, or its \\U escape",
		    "surrogate code points (\\u%04x) are not part of the subset",
		    (unsigned)v);
		return false;
	}
	*cp = v;
	return true;
}

/*
 * Decodes the escape at lx->pos (a backslash) of a non-raw string into sb.
 * Returns false after an error.
 */
static bool
lex_escape(struct lexer *lx, struct strbuf *sb, size_t *chars,
    struct parse_error *err)
{
	const char	*t = lx->text;
	size_t		 at = lx->pos, i;
	uint32_t	 cp = 0;
	char		 c;

	c = t[at + 1];		/* the caller checked at + 1 < len */
	switch (c) {
	case '\r':
		lx->pos += 2;
		if (lx->pos < lx->len && t[lx->pos] == '\n')
			lx->pos++;
		return true;
	case '\n':
		lx->pos += 2;
		return true;
	case '\\': cp = '\\'; break;
	case '\'': cp = '\''; break;
	case '"': cp = '"'; break;
	case 'n': cp = '\n'; break;
	case 't': cp = '\t'; break;
	case 'r': cp = '\r'; break;
	case 'a': cp = 7; break;
	case 'b': cp = 8; break;
	case 'f': cp = 12; break;
	case 'v': cp = 11; break;
	case '0': case '1': case '2': case '3':
	case '4': case '5': case '6': case '7':
		for (i = 0; i < 3 && at + 1 + i < lx->len &&
		    t[at + 1 + i] >= '0' && t[at + 1 + i] <= '7'; i++)
			cp = cp * 8 + (uint32_t)(t[at + 1 + i] - '0');
		utf8_append(sb, cp);
		(*chars)++;
		lx->pos = at + 1 + i;
		return true;
	case 'x':
	case 'u':
	case 'U':
		if (!hex_escape(lx, at, c == 'x' ? 2 : c == 'u' ? 4 : 8, &cp,
		    err))
			return false;
		utf8_append(sb, cp);
		(*chars)++;
		lx->pos = at + 2 + (c == 'x' ? 2 : c == 'u' ? 4 : 8);
		return true;
	case 'N':
		lex_error(lx, err, at,
		    "write the character itself, or its \\uXXXX escape",
		    "named escapes (\\N{...}) are not part of the subset");
		return false;
	default:
		/* Python keeps an unknown escape as it is, backslash and all;
		 * the character after it is copied by the caller. */
		strbuf_putc(sb, '\\');
		(*chars)++;
		lx->pos++;
		return true;
	}
	strbuf_putc(sb, (char)cp);
	(*chars)++;
	lx->pos += 2;
	return true;
}

bool
lexer_decode(const char *text, size_t start, size_t end, bool raw,
    struct strbuf *out, size_t *chars, struct parse_error *err)
{
	struct lexer	lx = { .text = text, .len = end, .pos = start };
	uint32_t	cp;
	size_t		n;

	while (lx.pos < end) {
		if (!raw && text[lx.pos] == '\\' && lx.pos + 1 < end) {
			if (!lex_escape(&lx, out, chars, err))
				return false;
			continue;
		}
		n = decode_char((const unsigned char *)text + lx.pos,
		    end - lx.pos, &cp);
		strbuf_append(out, text + lx.pos, n);
		lx.pos += n;
		(*chars)++;
	}
	return true;
}

/*
 * A string literal whose prefix (prefix_len bytes: "", "r", "u", ...) starts
 * at start and whose opening quote is at lx->pos.
 */
static bool
lex_string(struct lexer *lx, struct token *tok, size_t start, bool raw,
    struct parse_error *err)
{
	const char	*t = lx->text;
	char		 q = t[lx->pos];
	struct strbuf	 sb = STRBUF_INIT;
	size_t		 chars = 0, n;
	uint32_t	 cp;

	bool		 triple = lx->pos + 2 < lx->len && t[lx->pos + 1] == q &&
	    t[lx->pos + 2] == q;

	/* '''...''' (a docstring): it may hold line breaks, which a .py
	 * file's logical line keeps */
	lx->pos += triple ? 3 : 1;
	for (;;) {
		if (triple && lx->pos < lx->len && t[lx->pos] == '\r') {
			lx->pos++;
			continue;
		}
		if (triple && lx->pos >= lx->len) {
			lex_error(lx, err, start, NULL, "unterminated "
			    "triple-quoted string literal");
			strbuf_free(&sb);
			return false;
		}
		if (triple && t[lx->pos] == q && lx->pos + 2 < lx->len &&
		    t[lx->pos + 1] == q && t[lx->pos + 2] == q) {
			lx->pos += 3;
			break;
		}
		if (triple && t[lx->pos] == q) {
			strbuf_putc(&sb, q);
			chars++;
			lx->pos++;
			continue;
		}
		if (!triple && (lx->pos >= lx->len || t[lx->pos] == '\n' ||
		    t[lx->pos] == '\r')) {
			lex_error(lx, err, start, q == '"' ?
			    "close it with \" on the same line" :
			    "close it with ' on the same line",
			    "unterminated string literal");
			strbuf_free(&sb);
			return false;
		}
		if (t[lx->pos] == q) {
			lx->pos++;
			break;
		}
		if (t[lx->pos] == '\\' && lx->pos + 1 < lx->len) {
			if (raw) {
				/* A raw string keeps the backslash, which
				 * still stops a quote from ending it. */
				strbuf_putc(&sb, '\\');
				chars++;
				lx->pos++;
				if (t[lx->pos] == q || t[lx->pos] == '\\') {
					strbuf_putc(&sb, t[lx->pos]);
					chars++;
					lx->pos++;
				}
				continue;
			}
			if (!lex_escape(lx, &sb, &chars, err)) {
				strbuf_free(&sb);
				return false;
			}
			if (chars > LIMIT_MAX_STRING)
				break;
			continue;
		}
		n = decode_char((const unsigned char *)t + lx->pos,
		    lx->len - lx->pos, &cp);
		strbuf_append(&sb, t + lx->pos, n);
		lx->pos += n;
		chars++;
		if (chars > LIMIT_MAX_STRING)
			break;
	}
	if (chars > LIMIT_MAX_STRING) {
		lex_error(lx, err, start, "build a long text with + from "
		    "shorter strings, or shorten it",
		    "string longer than %d characters (the limit of DESIGN §8)",
		    LIMIT_MAX_STRING);
		strbuf_free(&sb);
		return false;
	}
	tok->kind = TOK_STRING;
	tok->offset = (uint32_t)start;
	tok->length = (uint32_t)(lx->pos - start);
	tok->value.str.len = sb.len;
	tok->value.str.chars = chars;
	tok->value.str.bytes = strbuf_detach(&sb);
	return true;
}

/* A name, a keyword, or a string with a prefix. */
static bool
lex_name(struct lexer *lx, struct token *tok, struct parse_error *err)
{
	const char	*t = lx->text;
	size_t		 start = lx->pos, len, i;
	bool		 raw = false, bytes = false, fmt = false, uni = false;
	bool		 prefix = true;

	len = name_length(lx, start);
	if (len == 0)
		return unexpected_char(lx, err);
	if (len <= 2 && start + len < lx->len &&
	    (t[start + len] == '\'' || t[start + len] == '"')) {
		for (i = 0; i < len; i++) {
			switch (t[start + i]) {
			case 'r': case 'R': raw = true; break;
			case 'b': case 'B': bytes = true; break;
			case 'f': case 'F': fmt = true; break;
			case 'u': case 'U': uni = true; break;
			default: prefix = false; break;
			}
		}
		if (len == 2 && (uni || !raw || (t[start] | 0x20) ==
		    (t[start + 1] | 0x20)))
			prefix = false;
		if (prefix) {
			if (bytes) {
				lex_error(lx, err, start,
				    "use a str literal: '...'",
				    "bytes are not part of the subset");
				return false;
			}
			lx->pos = start + len;
			if (!fmt)
				return lex_string(lx, tok, start, raw, err);
			/* 3.11 ends an f-string where a raw string would end;
			 * its fields are the parser's */
			if (!lex_string(lx, tok, start, true, err))
				return false;
			tok->kind = TOK_FSTRING;
			return true;
		}
	}
	lx->pos = start + len;
	/* keywords are matched as written, as CPython's parser does */
	tok->kind = keyword_kind(t + start, len);
	tok->offset = (uint32_t)start;
	tok->length = (uint32_t)len;
	if (tok->kind == TOK_NAME)
		tok->value.str.bytes = ident_nfkc(t + start, len,
		    &tok->value.str.len);
	return true;
}

/* The operator or delimiter at lx->pos: the longest that matches. */
static bool
lex_operator(struct lexer *lx, struct token *tok, struct parse_error *err)
{
	static const struct {
		const char	*text;
		enum token_kind	 kind;
	} ops[] = {
		{ "...", TOK_ELLIPSIS }, { "**=", TOK_DSTAREQ },
		{ "//=", TOK_DSLASHEQ }, { "<<=", TOK_LSHIFTEQ },
		{ ">>=", TOK_RSHIFTEQ },
		{ "**", TOK_DSTAR }, { "//", TOK_DSLASH }, { "<<", TOK_LSHIFT },
		{ ">>", TOK_RSHIFT }, { "==", TOK_EQ }, { "!=", TOK_NE },
		{ "<=", TOK_LE }, { ">=", TOK_GE }, { "+=", TOK_PLUSEQ },
		{ "-=", TOK_MINUSEQ }, { "*=", TOK_STAREQ },
		{ "/=", TOK_SLASHEQ }, { "%=", TOK_PERCENTEQ },
		{ "@=", TOK_ATEQ }, { "&=", TOK_AMPEQ }, { "|=", TOK_PIPEEQ },
		{ "^=", TOK_CARETEQ }, { "->", TOK_ARROW },
		{ ":=", TOK_WALRUS },
		{ "(", TOK_LPAREN }, { ")", TOK_RPAREN },
		{ "[", TOK_LBRACKET }, { "]", TOK_RBRACKET },
		{ "{", TOK_LBRACE }, { "}", TOK_RBRACE },
		{ ",", TOK_COMMA }, { ".", TOK_DOT }, { ":", TOK_COLON },
		{ ";", TOK_SEMICOLON }, { "=", TOK_ASSIGN }, { "+", TOK_PLUS },
		{ "-", TOK_MINUS }, { "*", TOK_STAR }, { "/", TOK_SLASH },
		{ "%", TOK_PERCENT }, { "<", TOK_LT }, { ">", TOK_GT },
		{ "@", TOK_AT }, { "&", TOK_AMP }, { "|", TOK_PIPE },
		{ "^", TOK_CARET }, { "~", TOK_TILDE }
	};
	size_t	i, n, left = lx->len - lx->pos;

	for (i = 0; i < sizeof ops / sizeof ops[0]; i++) {
		n = strlen(ops[i].text);
		if (n > left || memcmp(lx->text + lx->pos, ops[i].text, n) != 0)
			continue;
		tok->kind = ops[i].kind;
		tok->offset = (uint32_t)lx->pos;
		tok->length = (uint32_t)n;
		lx->pos += n;
		switch (tok->kind) {
		case TOK_LPAREN:
		case TOK_LBRACKET:
		case TOK_LBRACE:
			lx->brackets++;
			break;
		case TOK_RPAREN:
		case TOK_RBRACKET:
		case TOK_RBRACE:
			if (lx->brackets > 0)
				lx->brackets--;
			break;
		default:
			break;
		}
		return true;
	}
	return unexpected_char(lx, err);
}

bool
lexer_next(struct lexer *lx, struct token *tok, struct parse_error *err)
{
	const unsigned char	*s = (const unsigned char *)lx->text;
	unsigned char		 c;

	memset(tok, 0, sizeof *tok);
	tok->kind = TOK_END;
	tok->offset = (uint32_t)lx->pos;
	if (lx->failed)
		return false;
	if (!skip_blanks(lx, err)) {
		tok->offset = err->offset;
		return false;
	}
	if (lx->pos >= lx->len) {
		tok->offset = (uint32_t)lx->len;
		return true;
	}
	c = s[lx->pos];
	if (c == '\n' || c == '\r') {
		tok->offset = (uint32_t)lx->pos;
		if (only_blanks_left(lx, lx->pos)) {
			lx->pos = lx->len;
			return true;
		}
		tok->kind = TOK_NEWLINE;
		tok->length = 1;
		while (lx->pos < lx->len && (s[lx->pos] == '\n' ||
		    s[lx->pos] == '\r' || s[lx->pos] == ' ' ||
		    s[lx->pos] == '\t' || s[lx->pos] == '\f'))
			lx->pos++;
		return true;
	}
	if (is_digit(c) || (c == '.' && lx->pos + 1 < lx->len &&
	    is_digit(s[lx->pos + 1]))) {
		if (lex_number(lx, tok, err))
			return true;
	} else if (c == '\'' || c == '"') {
		if (lex_string(lx, tok, lx->pos, false, err))
			return true;
	} else if (is_name_start(c)) {
		if (lex_name(lx, tok, err))
			return true;
	} else if (lex_operator(lx, tok, err))
		return true;
	token_clear(tok);
	tok->offset = err->offset;
	return false;
}
