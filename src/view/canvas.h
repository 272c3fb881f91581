/*
 * canvas.h: a grid of character cells with styles -- what the viewer draws
 * into, and what `dump` prints.
 *
 * Nothing here knows about terminals: tui.c copies a canvas to ncurses,
 * canvas_to_text() prints it as plain text or with ANSI colours.  So every
 * picture the viewer shows can also be printed, compared with a golden file
 * and read by a person (tmux keeps its grid apart from the tty the same way).
 *
 * Coordinates are columns and rows from the top left, 0-based.  Drawing
 * outside the canvas is clipped silently.  Text from a scenario is drawn
 * with control characters made visible (as strbuf_append_visible does):
 * nothing written to a canvas can move a terminal's cursor.
 */
#ifndef REFSCOPE_CANVAS_H
#define REFSCOPE_CANVAS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/strbuf.h"

/* What a cell shows, by role; a theme maps roles to colours. */
enum canvas_style {
	STYLE_NORMAL,
	STYLE_DIM,		/* secondary text: ids, hints */
	STYLE_TITLE,		/* the title bar */
	STYLE_CODE,		/* the code panel */
	STYLE_CODE_CURRENT,	/* the statement being run */
	STYLE_NARRATION,	/* say: text */
	STYLE_NAME,		/* a name in a frame */
	STYLE_FRAME,		/* a frame's box */
	STYLE_BOX,		/* an object's box */
	STYLE_BOX_CACHED,	/* a shared object's box */
	STYLE_TYPE,		/* an object's type */
	STYLE_VALUE,		/* an object's value */
	STYLE_REFCOUNT,		/* the count, in its fixed place */
	STYLE_REFCOUNT_UP,	/* ... just went up */
	STYLE_REFCOUNT_DOWN,	/* ... just went down */
	STYLE_EDGE,		/* a reference arrow */
	STYLE_EDGE_NEW,		/* ... just drawn */
	STYLE_SELECTED,		/* the selected object and its referrers */
	STYLE_FREED,		/* an object fading out */
	STYLE_MARKED,		/* collector: marked / reachable */
	STYLE_UNREACHABLE,	/* collector: unreachable */
	STYLE_TIMELINE,		/* the timeline bar */
	STYLE_TIMELINE_NOW,	/* its current position */
	STYLE_HINT,		/* key hints */
	STYLE_GC_REFS,		/* collector: gc_refs, not a refcount */
	STYLE_TIMELINE_MARK,	/* a pause: or a collection on the timeline */
	STYLE_ERROR		/* an error banner */
};
#define CANVAS_STYLE_COUNT (STYLE_ERROR + 1)

/* Line directions a cell's box-drawing glyph connects (merged when lines
 * cross or join, so that ─ meeting │ becomes ┼ or ├). */
#define LINE_UP		0x01
#define LINE_DOWN	0x02
#define LINE_LEFT	0x04
#define LINE_RIGHT	0x08
#define LINE_HEAVY	0x10	/* thick variant (━┃┏...) */
#define LINE_DASHED	0x20	/* dashed where straight (┄┆): a weak
				   reference, which does not count */

struct cell {
	uint32_t	ch;	/* a code point; ' ' when empty */
	uint8_t		width;	/* 1, 2 (a wide character), 0 (the right
				   half of a wide character) */
	uint8_t		lines;	/* LINE_*: when set, the glyph comes from
				   these, not from ch */
	uint8_t		style;	/* enum canvas_style */
	uint8_t		flags;	/* CELL_BOLD ... */
};

#define CELL_BOLD	0x01
#define CELL_REVERSE	0x02

struct canvas {
	int		 width;
	int		 height;
	bool		 ascii;		/* draw with ASCII only (--ascii, or
					   a locale that is not UTF-8) */
	struct cell	*cells;		/* owned: width * height, row major */
};

/* A blank canvas (spaces, STYLE_NORMAL).  Caller frees with canvas_free. */
struct canvas	*canvas_new(int width, int height, bool ascii);
void		 canvas_free(struct canvas *c);
/* Blanks every cell; resizes first when the size differs. */
void		 canvas_reset(struct canvas *c, int width, int height);

/* The cell at x, y, or NULL outside. */
struct cell	*canvas_cell(struct canvas *c, int x, int y);

/*
 * Draws len bytes of UTF-8 text from x, y on one row, in style, using at
 * most max_columns columns (0: to the right edge).  Control characters are
 * shown visibly; wide characters take two columns (one that would be split
 * at the limit is not drawn); text that does not fit ends with "…" ("~" in
 * ASCII).  An escape such as \x1b is never split.  Returns the columns
 * used (drawn or clipped); a negative max_columns draws nothing.
 */
int		 canvas_text(struct canvas *c, int x, int y, const char *text,
		    size_t len, enum canvas_style style, int max_columns);
/* Same for a C string. */
int		 canvas_puts(struct canvas *c, int x, int y, const char *text,
		    enum canvas_style style);

/* Columns text would take (its visible form), as canvas_text counts. */
int		 canvas_text_width(const char *text, size_t len);

/*
 * Word-wraps text into lines of at most width columns (breaking inside a
 * word only when it alone is longer) and draws up to max_lines of them from
 * x, y.  Newlines in text end a line (a final newline adds no empty
 * line).  Returns the lines the whole text needs (which may exceed
 * max_lines).  With c NULL, only counts them.
 */
int		 canvas_wrap(struct canvas *c, int x, int y, int width,
		    int max_lines, const char *text, size_t len,
		    enum canvas_style style);

/* Sets style (and flags) on a rectangle, leaving the characters. */
void		 canvas_paint(struct canvas *c, int x, int y, int w, int h,
		    enum canvas_style style, uint8_t flags);

/* Fills a rectangle with spaces in style. */
void		 canvas_fill(struct canvas *c, int x, int y, int w, int h,
		    enum canvas_style style);

/* A box outline: the corners at (x, y) and (x + w - 1, y + h - 1). */
void		 canvas_box(struct canvas *c, int x, int y, int w, int h,
		    enum canvas_style style, bool heavy);

/* Adds line directions to one cell (merging with what is there). */
void		 canvas_line_cell(struct canvas *c, int x, int y, uint8_t lines,
		    enum canvas_style style);
/* A horizontal run from x0 to x1 (inclusive, either order) on row y, and a
 * vertical one; their ends connect to whatever lines are already there. */
void		 canvas_hline(struct canvas *c, int x0, int x1, int y,
		    enum canvas_style style);
void		 canvas_vline(struct canvas *c, int x, int y0, int y1,
		    enum canvas_style style);
/* The same, dashed (LINE_DASHED): a weak reference's arrow. */
void		 canvas_hline_dashed(struct canvas *c, int x0, int x1, int y,
		    enum canvas_style style);
void		 canvas_vline_dashed(struct canvas *c, int x, int y0, int y1,
		    enum canvas_style style);

/* An arrowhead pointing in direction LINE_UP/DOWN/LEFT/RIGHT. */
void		 canvas_arrow(struct canvas *c, int x, int y, uint8_t direction,
		    enum canvas_style style);
/* A small one, pointing on beyond the window's edge (LINE_UP/DOWN/LEFT/
 * RIGHT): where an arrow to a box out of view ends, in the glyph of the
 * "N more" note that counts the box (▸ ◂ ▴ ▾). */
void		 canvas_marker(struct canvas *c, int x, int y, uint8_t direction,
		    enum canvas_style style);

/* The glyph a cell shows (box drawing from its lines, ASCII when the
 * canvas is ASCII), as a code point.  The right half of a wide character
 * gives 0 (its left half covers it), or '?' in ASCII, where a wide
 * character prints as "??".  Never a control character. */
uint32_t	 canvas_glyph(const struct canvas *c, const struct cell *cell);

/*
 * Appends the whole canvas as text, one line per row, trailing spaces
 * trimmed.  With ansi, each run of cells of one style is wrapped in SGR
 * sequences from the default theme (for `dump --ansi`); without, plain.
 */
void		 canvas_to_text(const struct canvas *c, bool ansi,
		    struct strbuf *out);
/* The same for row y alone, without its newline. */
void		 canvas_row_to_text(const struct canvas *c, int y, bool ansi,
		    struct strbuf *out);

#endif
