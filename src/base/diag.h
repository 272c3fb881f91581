/*
 * diag.h: located diagnostics, returned as values.
 *
 * Deep code never prints and never exits: it builds a struct diag and hands
 * it up.  Only main.c (through diag_print) decides where the text goes.
 * Positions are 1-based lines and columns in characters, as an editor shows
 * them; 0 means "unknown".
 */
#ifndef REFSCOPE_DIAG_H
#define REFSCOPE_DIAG_H

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>

struct srcpos {
	uint32_t line;
	uint32_t col;
};

/* Exit statuses of DESIGN §8. */
enum diag_status {
	DIAG_EXPECT_FAILED = 1,		/* an expect: line did not hold */
	DIAG_MALFORMED = 2		/* bad input or over a limit */
};

struct diag {
	char		*file;		/* owned; may be NULL */
	struct srcpos	 pos;
	enum diag_status status;
	char		*message;	/* owned: what was found, what was expected */
	char		*hint;		/* owned; may be NULL: what to do instead */
	struct diag	*next;		/* a list, in the order found */
};

/* A new diagnostic; the caller owns it (diag_free).  The format is a
 * printf format written by refscope, never scenario text. */
struct diag *diag_new(const char *file, struct srcpos pos,
    enum diag_status status, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
struct diag *diag_newv(const char *file, struct srcpos pos,
    enum diag_status status, const char *fmt, va_list ap)
    __attribute__((format(printf, 4, 0)));

/* Sets (replaces) the hint of d. */
void diag_set_hint(struct diag *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Appends d (which may itself be a list) to the list *list. */
void diag_append(struct diag **list, struct diag *d);

/* The worst status in the list: 2 beats 1; 0 for an empty list. */
int diag_list_status(const struct diag *list);

/*
 * Prints each diagnostic of the list as a compiler does:
 *   file:line:col: error: message
 *      14 |   - do: x = [1, 2
 *         |                  ^
 *   hint: ...
 * source is the whole text of the file (for the excerpt), or NULL.
 * Scenario text in messages and excerpts is printed with control
 * characters made visible.
 */
void diag_print(FILE *out, const struct diag *list, const char *source);

/*
 * Positions in the editor's numbering, for what prints them without
 * diag_print (a trace's "line", a dump, an export, the viewer): built once
 * from the source, then a lookup per position.  A text without U+0085,
 * U+2028 or U+2029 needs no table: its positions are the editor's.
 */
struct diag_lines {
	uint32_t	 count;		/* libyaml's lines with an entry */
	uint32_t	*line;		/* owned: the editor's line of each */
	uint32_t	*shift;		/* owned: characters before it there */
};

void		 diag_lines_build(struct diag_lines *m, const char *source);
struct srcpos	 diag_lines_editor(const struct diag_lines *m,
		    struct srcpos pos);
void		 diag_lines_free(struct diag_lines *m);

/* Frees a whole list.  NULL is fine. */
void diag_free(struct diag *list);

#endif
