/*
 * strbuf.c: growable strings and the two escapes for scenario text.
 *
 * Invariant: data is NULL (and len == cap == 0) until the first append;
 * from then on data[len] == '\0' and len < cap.
 *
 * Scenario text is untrusted: it may hold terminal escapes, bidi overrides
 * that reorder what a reader sees, or bytes that are not UTF-8 at all.  Both
 * escapes decode UTF-8 strictly (no overlong forms, no surrogates, nothing
 * past U+10FFFF) and treat each maximal ill-formed subsequence, as Unicode
 * defines it (the bytes that began a plausible sequence), as one error.
 */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/utf8.h"
#include "base/xalloc.h"

/* Makes room for extra more bytes plus the NUL. */
static void
strbuf_reserve(struct strbuf *sb, size_t extra)
{
	size_t need, cap;

	if (extra > SIZE_MAX - 1 - sb->len) {
		/* Cannot be represented: this is out of memory, so let
		 * xreallocarray's overflow check take the fatal path. */
		sb->data = xreallocarray(sb->data, SIZE_MAX, 2);
	}
	need = sb->len + extra + 1;
	if (sb->data != NULL && need <= sb->cap)
		return;
	cap = sb->cap < 64 ? 64 : sb->cap;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	sb->data = xrealloc(sb->data, cap);
	sb->cap = cap;
	if (sb->len == 0)
		sb->data[0] = '\0';
}

void
strbuf_append(struct strbuf *sb, const char *bytes, size_t len)
{
	if (sb->data == NULL || len >= sb->cap - sb->len)
		strbuf_reserve(sb, len);
	if (len != 0)
		memcpy(sb->data + sb->len, bytes, len);
	sb->len += len;
	sb->data[sb->len] = '\0';
}

void
strbuf_puts(struct strbuf *sb, const char *s)
{
	strbuf_append(sb, s, strlen(s));
}

void
strbuf_putc(struct strbuf *sb, char c)
{
	if (sb->data != NULL && sb->len + 2 <= sb->cap) {
		sb->data[sb->len++] = c;
		sb->data[sb->len] = '\0';
		return;
	}
	strbuf_append(sb, &c, 1);
}

void
strbuf_printf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	strbuf_vprintf(sb, fmt, ap);
	va_end(ap);
}

void
strbuf_vprintf(struct strbuf *sb, const char *fmt, va_list ap)
{
	va_list ap2;
	size_t room;
	int n;

	/* Try the room there is; grow once if it was too small. */
	strbuf_reserve(sb, 0);
	room = sb->cap - sb->len;
	va_copy(ap2, ap);
	n = vsnprintf(sb->data + sb->len, room, fmt, ap2);
	va_end(ap2);
	if (n < 0) {
		/* A bad format is refscope's bug; keep the string as it was. */
		sb->data[sb->len] = '\0';
		return;
	}
	if ((size_t)n >= room) {
		strbuf_reserve(sb, (size_t)n);
		va_copy(ap2, ap);
		vsnprintf(sb->data + sb->len, (size_t)n + 1, fmt, ap2);
		va_end(ap2);
	}
	sb->len += (size_t)n;
}

void
strbuf_truncate(struct strbuf *sb, size_t len)
{
	if (sb->data == NULL || len >= sb->len)
		return;
	sb->len = len;
	sb->data[len] = '\0';
}

char *
strbuf_detach(struct strbuf *sb)
{
	char *p;

	p = sb->data != NULL ? sb->data : xstrdup("");
	sb->data = NULL;
	sb->len = sb->cap = 0;
	return p;
}

void
strbuf_free(struct strbuf *sb)
{
	xfree(sb->data);
	sb->data = NULL;
	sb->len = sb->cap = 0;
}

const char *
strbuf_str(const struct strbuf *sb)
{
	return sb->data != NULL ? sb->data : "";
}

void
strbuf_append_visible(struct strbuf *sb, const char *text, size_t len,
    int keep_newline)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i, n, k;
	uint32_t c;

	strbuf_reserve(sb, len);
	for (i = 0; i < len; i += n) {
		n = utf8_decode(text + i, len - i, &c);
		if (c == UTF8_INVALID) {
			for (k = 0; k < n; k++)
				strbuf_printf(sb, "\\x%02x", s[i + k]);
		} else if (c == '\n')
			strbuf_append(sb, keep_newline ? "\n" : "\\n", keep_newline ? 1 : 2);
		else if (c == '\t')
			strbuf_append(sb, "\\t", 2);
		else if (c == '\r')
			strbuf_append(sb, "\\r", 2);
		else if (c < 0x20 || c == 0x7f)
			strbuf_printf(sb, "\\x%02x", (unsigned)c);
		else if (utf8_must_escape(c))
			strbuf_printf(sb, "\\u%04x", (unsigned)c);
		else
			strbuf_append(sb, text + i, n);
	}
}

void
strbuf_append_json_string(struct strbuf *sb, const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i, n;
	uint32_t c;

	strbuf_reserve(sb, len + 2);
	strbuf_putc(sb, '"');
	for (i = 0; i < len; i += n) {
		/* a run of printable ASCII needs no escape: copy it whole
		 * (traces are mostly that, and large) */
		size_t run = 0;

		while (i + run < len && s[i + run] >= 0x20 && s[i + run] < 0x7f &&
		    s[i + run] != '"' && s[i + run] != '\\')
			run++;
		if (run > 0) {
			strbuf_append(sb, text + i, run);
			n = run;
			continue;
		}
		n = utf8_decode(text + i, len - i, &c);
		switch (c) {
		case UTF8_INVALID:
			strbuf_append(sb, "\xef\xbf\xbd", 3);	/* U+FFFD */
			break;
		case '"':
			strbuf_append(sb, "\\\"", 2);
			break;
		case '\\':
			strbuf_append(sb, "\\\\", 2);
			break;
		case '\b':
			strbuf_append(sb, "\\b", 2);
			break;
		case '\f':
			strbuf_append(sb, "\\f", 2);
			break;
		case '\n':
			strbuf_append(sb, "\\n", 2);
			break;
		case '\r':
			strbuf_append(sb, "\\r", 2);
			break;
		case '\t':
			strbuf_append(sb, "\\t", 2);
			break;
		default:
			if (utf8_must_escape(c))
				strbuf_printf(sb, "\\u%04x", (unsigned)c);
			else
				strbuf_append(sb, text + i, n);
			break;
		}
	}
	strbuf_putc(sb, '"');
}
