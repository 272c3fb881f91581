/*
 * diag.c: located diagnostics, and printing them as a compiler does.
 *
 * Positions come from libyaml's marks, so the excerpt finds a line the way
 * libyaml counts lines (\n, \r\n, \r, U+0085, U+2028 and U+2029 each end
 * one; a leading byte order mark is not part of line 1) and a column the
 * way it counts columns: in characters, from 1 here.
 */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/diag.h"
#include "base/strbuf.h"
#include "base/xalloc.h"

/* The narrowest gutter, as in "   14 | ". */
#define DIAG_GUTTER	5

/* How much of a line an excerpt quotes around the column, in characters,
 * and what marks a cut. */
#define DIAG_BEFORE	60
#define DIAG_AFTER	40
#define DIAG_CUT	"…"

struct diag *
diag_new(const char *file, struct srcpos pos, enum diag_status status,
    const char *fmt, ...)
{
	struct diag *d;
	va_list ap;

	va_start(ap, fmt);
	d = diag_newv(file, pos, status, fmt, ap);
	va_end(ap);
	return d;
}

struct diag *
diag_newv(const char *file, struct srcpos pos, enum diag_status status,
    const char *fmt, va_list ap)
{
	struct strbuf sb = STRBUF_INIT;
	struct diag *d;

	d = xcalloc(1, sizeof *d);
	d->file = file != NULL ? xstrdup(file) : NULL;
	d->pos = pos;
	d->status = status;
	strbuf_vprintf(&sb, fmt, ap);
	d->message = strbuf_detach(&sb);
	d->hint = NULL;
	d->next = NULL;
	return d;
}

void
diag_set_hint(struct diag *d, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vprintf(&sb, fmt, ap);
	va_end(ap);
	xfree(d->hint);
	d->hint = strbuf_detach(&sb);
}

void
diag_append(struct diag **list, struct diag *d)
{
	while (*list != NULL)
		list = &(*list)->next;
	*list = d;
}

int
diag_list_status(const struct diag *list)
{
	int worst = 0;

	for (; list != NULL; list = list->next) {
		if ((int)list->status > worst)
			worst = (int)list->status;
	}
	return worst;
}

/* The length of the line break at s (0 if none), as libyaml sees them. */
static size_t
line_break(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	if (u[0] == '\r')
		return u[1] == '\n' ? 2 : 1;
	if (u[0] == '\n')
		return 1;
	if (u[0] == 0xc2 && u[1] == 0x85)
		return 2;
	if (u[0] == 0xe2 && u[1] == 0x80 && (u[2] == 0xa8 || u[2] == 0xa9))
		return 3;
	return 0;
}

/* Finds line number line (1-based) of source: its start and length without
 * the break.  Zero when the text has fewer lines. */
static int
find_line(const char *source, uint32_t line, const char **start, size_t *len)
{
	const char *p = source;
	uint32_t n = 1;

	if (strncmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	while (n < line) {
		while (*p != '\0' && line_break(p) == 0)
			p++;
		if (*p == '\0')
			return 0;
		p += line_break(p);
		n++;
	}
	*start = p;
	while (*p != '\0' && line_break(p) == 0)
		p++;
	*len = (size_t)(p - *start);
	return 1;
}

/* The characters of s (valid UTF-8, as strbuf_append_visible produces). */
static size_t
count_chars(const char *s, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++) {
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			n++;
	}
	return n;
}

/* The byte after n characters forward from off (or at len). */
static size_t
chars_forward(const char *line, size_t len, size_t off, size_t n)
{
	while (n-- > 0 && off < len) {
		off++;
		while (off < len && ((unsigned char)line[off] & 0xc0) == 0x80)
			off++;
	}
	return off;
}

/* The byte n characters back from off (or 0). */
static size_t
chars_back(const char *line, size_t off, size_t n)
{
	while (n-- > 0 && off > 0) {
		off--;
		while (off > 0 && ((unsigned char)line[off] & 0xc0) == 0x80)
			off--;
	}
	return off;
}

/*
 * The source line, then a caret under column col (0: no caret).  A long
 * line (a one-line file of a megabyte) is quoted as a window around the
 * column, DIAG_BEFORE characters before it and DIAG_AFTER from it, with
 * an ellipsis where it is cut; the caret stays under its character.
 */
static void
append_excerpt(struct strbuf *sb, uint32_t lineno, uint32_t col,
    const char *line, size_t len)
{
	struct strbuf prefix = STRBUF_INIT;
	size_t off = 0, chars = 0, start, end, pad, i;
	int width;

	/* Walk col - 1 characters: a lead byte and its continuation bytes. */
	while (col > 0 && chars + 1 < col && off < len) {
		off = chars_forward(line, len, off, 1);
		chars++;
	}
	start = chars_back(line, off, DIAG_BEFORE);
	end = chars_forward(line, len, off, DIAG_AFTER);

	width = snprintf(NULL, 0, "%u", (unsigned)lineno);
	if (width < DIAG_GUTTER)
		width = DIAG_GUTTER;
	strbuf_printf(sb, "%*u |", width, (unsigned)lineno);
	if (len > 0) {
		strbuf_putc(sb, ' ');
		if (start > 0)
			strbuf_puts(sb, DIAG_CUT);
		strbuf_append_visible(sb, line + start, end - start, 0);
		if (end < len)
			strbuf_puts(sb, DIAG_CUT);
	}
	strbuf_putc(sb, '\n');
	if (col == 0)
		return;

	/* The escapes widen what precedes the caret: measure it as shown. */
	strbuf_append_visible(&prefix, line + start, off - start, 0);
	pad = count_chars(strbuf_str(&prefix), prefix.len) + (col - 1 - chars);
	if (start > 0)
		pad += count_chars(DIAG_CUT, strlen(DIAG_CUT));
	strbuf_free(&prefix);

	strbuf_printf(sb, "%*s | ", width, "");
	for (i = 0; i < pad; i++)
		strbuf_putc(sb, ' ');
	strbuf_puts(sb, "^\n");
}

void
diag_print(FILE *out, const struct diag *list, const char *source)
{
	struct strbuf sb = STRBUF_INIT;
	const struct diag *d;
	const char *line;
	size_t len;

	for (d = list; d != NULL; d = d->next) {
		if (d->file != NULL)
			strbuf_append_visible(&sb, d->file, strlen(d->file), 0);
		else
			strbuf_puts(&sb, "refscope");
		if (d->pos.line != 0) {
			strbuf_printf(&sb, ":%u", (unsigned)d->pos.line);
			if (d->pos.col != 0)
				strbuf_printf(&sb, ":%u", (unsigned)d->pos.col);
		}
		strbuf_puts(&sb, ": error: ");
		strbuf_append_visible(&sb, d->message, strlen(d->message), 0);
		strbuf_putc(&sb, '\n');

		if (source != NULL && d->pos.line != 0 &&
		    find_line(source, d->pos.line, &line, &len))
			append_excerpt(&sb, d->pos.line, d->pos.col, line, len);

		if (d->hint != NULL) {
			strbuf_puts(&sb, "hint: ");
			strbuf_append_visible(&sb, d->hint, strlen(d->hint), 1);
			strbuf_putc(&sb, '\n');
		}
	}
	if (sb.len > 0)
		fwrite(sb.data, 1, sb.len, out);
	strbuf_free(&sb);
}

void
diag_free(struct diag *list)
{
	struct diag *next;

	for (; list != NULL; list = next) {
		next = list->next;
		xfree(list->file);
		xfree(list->message);
		xfree(list->hint);
		xfree(list);
	}
}
