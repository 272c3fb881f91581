/*
 * diag.c: located diagnostics, and printing them as a compiler does.
 *
 * Positions come from libyaml's marks, which count a line the libyaml way:
 * \n, \r\n, \r, U+0085, U+2028 and U+2029 each end one (a leading byte
 * order mark is not part of line 1), and columns in characters.  An editor
 * ends a line at \n, \r\n and \r only, so a file holding U+0085 or
 * U+2028 would be quoted one line further down than the editor shows it.
 * So when the source is at hand, diag_print turns each position back into
 * the byte libyaml meant and prints that byte's line and column as an
 * editor counts them, quoting the editor's line.
 */
#include "config.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/diag.h"
#include "base/strbuf.h"
#include "base/utf8.h"
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

/* The length of the line break at s (0 if none), as an editor sees them. */
static size_t
editor_break(const char *s)
{
	if (s[0] == '\r')
		return s[1] == '\n' ? 2 : 1;
	return s[0] == '\n';
}

/*
 * Finds position pos (libyaml's) in source: the editor's line holding it,
 * its start and length without the break, and pos as an editor counts it
 * (the column past the line's end when libyaml's was).  Zero when the text
 * has fewer lines.
 */
static int
find_line(const char *source, struct srcpos *pos, const char **start,
    size_t *len)
{
	const char *p = source, *line;
	uint32_t n = 1, editor_line = 1, col = 1, past;
	size_t bl;

	if (strncmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	line = p;
	while (n < pos->line) {
		while (*p != '\0' && line_break(p) == 0)
			p++;
		if (*p == '\0')
			return 0;
		if ((bl = editor_break(p)) != 0) {
			p += bl;
			line = p;
			editor_line++;
		} else
			p += line_break(p);
		n++;
	}
	/* col - 1 characters along libyaml's line, not past its end */
	past = pos->col > 0 ? pos->col - 1 : 0;
	while (past > 0 && *p != '\0' && line_break(p) == 0) {
		p++;
		while (((unsigned char)*p & 0xc0) == 0x80)
			p++;
		past--;
	}
	col += (uint32_t)utf8_count(line, (size_t)(p - line));
	*start = line;
	while (*p != '\0' && editor_break(p) == 0)
		p++;
	*len = (size_t)(p - line);
	pos->line = editor_line;
	if (pos->col > 0)
		pos->col = col + past;
	return 1;
}

void
diag_lines_build(struct diag_lines *m, const char *source)
{
	const char	*p = source, *q;
	uint32_t	 n = 0, cap = 0, line = 1, shift = 0;
	size_t		 bl;

	memset(m, 0, sizeof *m);
	if (source == NULL || (strstr(source, "\xc2\x85") == NULL &&
	    strstr(source, "\xe2\x80\xa8") == NULL &&
	    strstr(source, "\xe2\x80\xa9") == NULL))
		return;
	if (strncmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	for (;;) {
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			m->line = xreallocarray(m->line, cap, sizeof *m->line);
			m->shift = xreallocarray(m->shift, cap,
			    sizeof *m->shift);
		}
		m->line[n] = line;	/* libyaml's line n + 1 */
		m->shift[n++] = shift;
		for (q = p; *q != '\0' && line_break(q) == 0; q++)
			;
		shift += (uint32_t)utf8_count(p, (size_t)(q - p));
		p = q;
		if (*p == '\0')
			break;
		if ((bl = editor_break(p)) != 0) {
			line++;
			shift = 0;
		} else {
			bl = line_break(p);
			shift++;	/* the separator is a character there */
		}
		p += bl;
	}
	m->count = n;
}

struct srcpos
diag_lines_editor(const struct diag_lines *m, struct srcpos pos)
{
	if (m->count == 0 || pos.line == 0 || pos.line > m->count)
		return pos;
	if (pos.col > 0)
		pos.col += m->shift[pos.line - 1];
	pos.line = m->line[pos.line - 1];
	return pos;
}

void
diag_lines_free(struct diag_lines *m)
{
	xfree(m->line);
	xfree(m->shift);
	memset(m, 0, sizeof *m);
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
	pad = utf8_count(strbuf_str(&prefix), prefix.len) + (col - 1 - chars);
	if (start > 0)
		pad += utf8_count(DIAG_CUT, strlen(DIAG_CUT));
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
	const char *line = NULL;
	size_t len = 0;

	for (d = list; d != NULL; d = d->next) {
		struct srcpos	pos = d->pos;
		bool		found = source != NULL && pos.line != 0 &&
		    find_line(source, &pos, &line, &len);

		if (d->file != NULL)
			strbuf_append_visible(&sb, d->file, strlen(d->file), 0);
		else
			strbuf_puts(&sb, "refscope");
		if (pos.line != 0) {
			strbuf_printf(&sb, ":%u", (unsigned)pos.line);
			if (pos.col != 0)
				strbuf_printf(&sb, ":%u", (unsigned)pos.col);
		}
		strbuf_puts(&sb, ": error: ");
		strbuf_append_visible(&sb, d->message, strlen(d->message), 0);
		strbuf_putc(&sb, '\n');

		if (found)
			append_excerpt(&sb, pos.line, pos.col, line, len);

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
