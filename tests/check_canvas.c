/*
 * check_canvas.c: the Check suite of src/view/canvas (the cell grid the
 * viewer and `dump` draw into).
 *
 * Most tests draw, print the canvas with canvas_to_text and compare with
 * the exact text a person has read: what a row shows is what a reader of
 * `dump` or the viewer sees.  Every printed canvas also goes through
 * assert_safe(), which fails on any byte that could move a terminal's
 * cursor or reorder text, and (for ANSI) on any escape but an SGR one.
 *
 * The fixture keeps one canvas and one output buffer, both freed in
 * teardown, so the suite runs the same with CK_FORK=no (gdb, valgrind).
 */
#include "config.h"

#include <check.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/xalloc.h"
#include "view/canvas.h"

static struct canvas	*cv;
static struct strbuf	 out;

static void
setup(void)
{
	cv = NULL;
	memset(&out, 0, sizeof out);
}

static void
teardown(void)
{
	canvas_free(cv);
	cv = NULL;
	strbuf_free(&out);
}

/*
 * Why s is not safe to print, or NULL (then *at is unused): s must be
 * valid UTF-8 without C0 controls (but '\n'), DEL, C1 controls or bidi
 * controls; with ansi, every ESC must start an SGR sequence, ESC [
 * digits-and-semicolons m.  *at is the offending byte.
 */
static const char *
safe_fault(const char *s, bool ansi, size_t *at)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, n, k;
	uint32_t c;

	while (p[i] != '\0') {
		*at = i;
		if (p[i] == 0x1b) {
			if (!ansi)
				return "raw ESC";
			if (p[i + 1] != '[')
				return "ESC not starting a CSI";
			k = i + 2;
			while ((p[k] >= '0' && p[k] <= '9') || p[k] == ';')
				k++;
			if (p[k] != 'm')
				return "CSI not an SGR";
			i = k + 1;
			continue;
		}
		if (p[i] < 0x80) {
			if (p[i] != '\n' && (p[i] < 0x20 || p[i] == 0x7f))
				return "raw control character";
			i++;
			continue;
		}
		if (p[i] >= 0xc2 && p[i] <= 0xdf) {
			n = 1;
			c = p[i] & 0x1f;
		} else if (p[i] >= 0xe0 && p[i] <= 0xef) {
			n = 2;
			c = p[i] & 0x0f;
		} else if (p[i] >= 0xf0 && p[i] <= 0xf4) {
			n = 3;
			c = p[i] & 0x07;
		} else
			return "invalid UTF-8 lead byte";
		for (k = 1; k <= n; k++) {
			if (p[i + k] < 0x80 || p[i + k] > 0xbf)
				return "truncated UTF-8";
			c = (c << 6) | (p[i + k] & 0x3f);
		}
		if (c >= 0x80 && c <= 0x9f)
			return "C1 control";
		if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069))
			return "bidi control";
		if ((c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff ||
		    c < (n == 1 ? 0x80u : n == 2 ? 0x800u : 0x10000u))
			return "not a shortest-form scalar value";
		i += n + 1;
	}
	return NULL;
}

static void
assert_safe(const char *s, bool ansi)
{
	const char *why;
	size_t at = 0;

	why = safe_fault(s, ansi, &at);
	ck_assert_msg(why == NULL, "%s at byte %zu", why, at);
}

/* The canvas as text (checked safe); valid until the next call. */
static const char *
text_of(const struct canvas *c, bool ansi)
{
	strbuf_free(&out);
	canvas_to_text(c, ansi, &out);
	assert_safe(strbuf_str(&out), ansi);
	return strbuf_str(&out);
}

/* Row y of the canvas as plain text, without its newline. */
static const char *
row_of(const struct canvas *c, int y)
{
	const char *s, *nl;
	int i;

	s = text_of(c, false);
	for (i = 0; i < y; i++) {
		nl = strchr(s, '\n');
		ck_assert_ptr_nonnull(nl);
		s = nl + 1;
	}
	nl = strchr(s, '\n');
	ck_assert_ptr_nonnull(nl);
	strbuf_truncate(&out, (size_t)(nl - strbuf_str(&out)));
	return s;
}

/* ---- the grid: new, cells, reset and resize ---- */

START_TEST(test_grid_new)
{
	struct cell *cl;

	cv = canvas_new(4, 3, false);
	ck_assert_int_eq(cv->width, 4);
	ck_assert_int_eq(cv->height, 3);
	ck_assert(!cv->ascii);
	ck_assert_str_eq(text_of(cv, false), "\n\n\n");
	ck_assert_str_eq(text_of(cv, true), "\n\n\n");
	cl = canvas_cell(cv, 3, 2);
	ck_assert_ptr_nonnull(cl);
	ck_assert_uint_eq(cl->ch, ' ');
	ck_assert_uint_eq(cl->width, 1);
	ck_assert_uint_eq(cl->lines, 0);
	ck_assert_uint_eq(cl->style, STYLE_NORMAL);
	ck_assert_uint_eq(cl->flags, 0);
	ck_assert_ptr_eq(cl, &cv->cells[2 * 4 + 3]);
	ck_assert_ptr_null(canvas_cell(cv, 4, 0));
	ck_assert_ptr_null(canvas_cell(cv, 0, 3));
	ck_assert_ptr_null(canvas_cell(cv, -1, 0));
	ck_assert_ptr_null(canvas_cell(cv, 0, -1));
}
END_TEST

START_TEST(test_grid_empty)
{
	cv = canvas_new(0, 0, false);
	ck_assert_str_eq(text_of(cv, false), "");
	ck_assert_ptr_null(canvas_cell(cv, 0, 0));
	/* Drawing on nothing is clipped, not a crash. */
	ck_assert_int_eq(canvas_puts(cv, 0, 0, "x", STYLE_NORMAL), 0);
	canvas_box(cv, 0, 0, 3, 3, STYLE_BOX, false);
	canvas_hline(cv, 0, 5, 0, STYLE_EDGE);
	canvas_fill(cv, 0, 0, 2, 2, STYLE_TITLE);
	ck_assert_int_eq(canvas_wrap(cv, 0, 0, 5, 3, "a b", 3, STYLE_NORMAL),
	    1);
	ck_assert_str_eq(text_of(cv, true), "");
	canvas_reset(cv, -3, 2);
	ck_assert_int_eq(cv->width, 0);
	ck_assert_int_eq(cv->height, 2);
	ck_assert_str_eq(text_of(cv, false), "\n\n");
	canvas_free(NULL);
}
END_TEST

START_TEST(test_grid_reset_same_size)
{
	cv = canvas_new(6, 2, false);
	canvas_puts(cv, 0, 0, "héllo", STYLE_TITLE);
	canvas_box(cv, 0, 1, 6, 1, STYLE_BOX, true);
	canvas_paint(cv, 0, 0, 6, 2, STYLE_ERROR, CELL_REVERSE);
	ck_assert_str_eq(text_of(cv, false), "héllo\n━━━━━━\n");
	canvas_reset(cv, 6, 2);
	ck_assert_str_eq(text_of(cv, true), "\n\n");
	ck_assert_uint_eq(canvas_cell(cv, 0, 1)->lines, 0);
	ck_assert_uint_eq(canvas_cell(cv, 0, 0)->style, STYLE_NORMAL);
	ck_assert_uint_eq(canvas_cell(cv, 0, 0)->flags, 0);
}
END_TEST

START_TEST(test_grid_resize)
{
	cv = canvas_new(5, 2, true);
	canvas_puts(cv, 0, 0, "abcde", STYLE_NORMAL);
	canvas_reset(cv, 3, 4);
	ck_assert_int_eq(cv->width, 3);
	ck_assert_int_eq(cv->height, 4);
	ck_assert(cv->ascii);
	ck_assert_str_eq(text_of(cv, false), "\n\n\n\n");
	ck_assert_ptr_nonnull(canvas_cell(cv, 2, 3));
	ck_assert_ptr_null(canvas_cell(cv, 3, 0));
	ck_assert_ptr_null(canvas_cell(cv, 0, 4));
	canvas_puts(cv, 1, 3, "xyz", STYLE_NORMAL);
	ck_assert_str_eq(text_of(cv, false), "\n\n\n x~\n");
	canvas_reset(cv, 8, 1);
	canvas_puts(cv, 0, 0, "abcdefgh", STYLE_NORMAL);
	ck_assert_str_eq(text_of(cv, false), "abcdefgh\n");
}
END_TEST

/* ---- text: clipping, the ellipsis, wide characters ---- */

START_TEST(test_text_fits)
{
	cv = canvas_new(10, 2, false);
	ck_assert_int_eq(canvas_puts(cv, 1, 0, "hello", STYLE_NORMAL), 5);
	ck_assert_int_eq(canvas_text(cv, 0, 1, "abcdef", 3, STYLE_NORMAL, 0),
	    3);
	ck_assert_str_eq(text_of(cv, false), " hello\nabc\n");
	/* Exactly as wide as the room: no ellipsis. */
	canvas_reset(cv, 10, 2);
	ck_assert_int_eq(canvas_puts(cv, 0, 0, "0123456789", STYLE_NORMAL),
	    10);
	ck_assert_int_eq(canvas_text(cv, 0, 1, "abcde", 5, STYLE_NORMAL, 5),
	    5);
	ck_assert_str_eq(text_of(cv, false), "0123456789\nabcde\n");
	ck_assert_int_eq(canvas_puts(cv, 0, 0, "", STYLE_NORMAL), 0);
}
END_TEST

START_TEST(test_text_ellipsis)
{
	cv = canvas_new(10, 4, false);
	ck_assert_int_eq(canvas_puts(cv, 0, 0, "abcdefghijkl", STYLE_NORMAL),
	    10);
	ck_assert_int_eq(canvas_text(cv, 0, 1, "abcdefghijkl", 12,
	    STYLE_NORMAL, 5), 5);
	ck_assert_int_eq(canvas_puts(cv, 7, 2, "abcdef", STYLE_NORMAL), 3);
	/* max_columns past the edge: the edge wins. */
	ck_assert_int_eq(canvas_text(cv, 6, 3, "abcdef", 6, STYLE_NORMAL,
	    40), 4);
	ck_assert_str_eq(text_of(cv, false),
	    "abcdefghi…\n"
	    "abcd…\n"
	    "       ab…\n"
	    "      abc…\n");

	canvas_reset(cv, 10, 2);
	ck_assert_int_eq(canvas_text(cv, 0, 0, "ab", 2, STYLE_NORMAL, 1), 1);
	ck_assert_int_eq(canvas_text(cv, 0, 1, "a", 1, STYLE_NORMAL, 1), 1);
	ck_assert_str_eq(text_of(cv, false), "…\na\n");
	ck_assert_int_eq(canvas_text(cv, 0, 0, "ab", 2, STYLE_NORMAL, -1), 0);
	ck_assert_int_eq(canvas_puts(cv, 10, 0, "ab", STYLE_NORMAL), 0);
}
END_TEST

START_TEST(test_text_ellipsis_ascii)
{
	cv = canvas_new(8, 2, true);
	ck_assert_int_eq(canvas_puts(cv, 0, 0, "abcdefghijkl", STYLE_NORMAL),
	    8);
	ck_assert_int_eq(canvas_text(cv, 0, 1, "abcdef", 6, STYLE_NORMAL, 4),
	    4);
	ck_assert_str_eq(text_of(cv, false), "abcdefg~\nabc~\n");
}
END_TEST

START_TEST(test_text_clipped_outside)
{
	cv = canvas_new(6, 2, false);
	/* Off the left: laid out from x, the cells outside clipped. */
	ck_assert_int_eq(canvas_puts(cv, -2, 0, "abcdef", STYLE_NORMAL), 6);
	/* Rows outside draw nothing. */
	canvas_puts(cv, 0, -1, "zzz", STYLE_NORMAL);
	canvas_puts(cv, 0, 2, "zzz", STYLE_NORMAL);
	canvas_text(cv, 0, 1, "xy", 2, STYLE_NORMAL, 0);
	ck_assert_str_eq(text_of(cv, false), "cdef\nxy\n");
}
END_TEST

START_TEST(test_text_wide)
{
	struct cell *cl;

	cv = canvas_new(6, 1, false);
	ck_assert_int_eq(canvas_text_width("ab漢字", strlen("ab漢字")), 6);
	ck_assert_int_eq(canvas_puts(cv, 0, 0, "ab漢字", STYLE_NORMAL), 6);
	ck_assert_str_eq(text_of(cv, false), "ab漢字\n");
	cl = canvas_cell(cv, 2, 0);
	ck_assert_uint_eq(cl->ch, 0x6f22);
	ck_assert_uint_eq(cl->width, 2);
	ck_assert_uint_eq(canvas_cell(cv, 3, 0)->width, 0);
	ck_assert_uint_eq(canvas_glyph(cv, canvas_cell(cv, 3, 0)), 0);
	ck_assert_uint_eq(canvas_glyph(cv, cl), 0x6f22);

	/* Emoji are wide; combining marks take no column.  The invisible
	 * format characters (a zero width joiner, a zero width space: "a\u200bb"
	 * would pass for "ab") are shown as escapes, by the one rule of
	 * utf8_must_escape. */
	ck_assert_int_eq(canvas_text_width("😀", strlen("😀")), 2);
	ck_assert_int_eq(canvas_text_width("e\xcc\x81", 3), 1);
	ck_assert_int_eq(canvas_text_width("a\xe2\x80\x8d" "b", 5), 8);
	ck_assert_int_eq(canvas_text_width("a\xe2\x80\x8b" "b", 5), 8);
	ck_assert_int_eq(canvas_text_width("ｈｉ", strlen("ｈｉ")), 4);
	canvas_reset(cv, 6, 1);
	canvas_puts(cv, 0, 0, "e\xcc\x81😀x", STYLE_NORMAL);
	ck_assert_str_eq(text_of(cv, false), "e😀x\n");
}
END_TEST

START_TEST(test_text_wide_right_edge)
{
	/* One column short: the last wide character gives way to "…". */
	cv = canvas_new(5, 1, false);
	ck_assert_int_eq(canvas_puts(cv, 0, 0, "ab漢字", STYLE_NORMAL), 5);
	ck_assert_str_eq(text_of(cv, false), "ab漢…\n");
	/* Two short: a wide character never lands split. */
	canvas_reset(cv, 4, 1);
	ck_assert_int_eq(canvas_puts(cv, 0, 0, "ab漢字", STYLE_NORMAL), 3);
	ck_assert_str_eq(text_of(cv, false), "ab…\n");
	canvas_reset(cv, 4, 1);
	ck_assert_int_eq(canvas_text(cv, 1, 0, "a漢", strlen("a漢"),
	    STYLE_NORMAL, 2), 2);
	ck_assert_str_eq(text_of(cv, false), " a…\n");
	/* A wide character alone in one column. */
	canvas_reset(cv, 1, 1);
	ck_assert_int_eq(canvas_puts(cv, 0, 0, "漢", STYLE_NORMAL), 1);
	ck_assert_str_eq(text_of(cv, false), "…\n");
	ck_assert_uint_eq(canvas_cell(cv, 0, 0)->width, 1);
	/* Half off the left edge: a space, never half a character. */
	canvas_reset(cv, 4, 1);
	ck_assert_int_eq(canvas_puts(cv, -1, 0, "漢ab", STYLE_NORMAL), 4);
	ck_assert_str_eq(text_of(cv, false), " ab\n");
}
END_TEST

START_TEST(test_text_over_wide)
{
	cv = canvas_new(6, 2, false);
	canvas_puts(cv, 0, 0, "漢字", STYLE_NORMAL);
	/* Writing the right half of 漢 blanks its left half. */
	canvas_puts(cv, 1, 0, "x", STYLE_NORMAL);
	ck_assert_str_eq(text_of(cv, false), " x字\n\n");
	ck_assert_uint_eq(canvas_cell(cv, 0, 0)->width, 1);
	/* Writing the left half of 字 blanks its right half. */
	canvas_puts(cv, 2, 0, "y", STYLE_NORMAL);
	ck_assert_str_eq(text_of(cv, false), " xy\n\n");
	ck_assert_uint_eq(canvas_cell(cv, 3, 0)->width, 1);
	/* A wide character over two halves of two others. */
	canvas_puts(cv, 0, 1, "漢字", STYLE_NORMAL);
	canvas_puts(cv, 1, 1, "語", STYLE_NORMAL);
	ck_assert_str_eq(text_of(cv, false), " xy\n 語\n");
	/* A line over a right half. */
	canvas_reset(cv, 6, 1);
	canvas_puts(cv, 0, 0, "漢字", STYLE_NORMAL);
	canvas_vline(cv, 3, 0, 0, STYLE_EDGE);
	ck_assert_str_eq(text_of(cv, false), "漢 │\n");
}
END_TEST

/* ---- text: control characters are always made visible ---- */

START_TEST(test_escape_each)
{
	static const struct {
		const char	*raw;
		const char	*shown;
	} cases[] = {
		{ "a\x1b[31mb", "a\\x1b[31mb" },
		{ "bell\a", "bell\\x07" },
		{ "cr\rlf\n", "cr\\rlf\\n" },
		{ "back\bspace", "back\\x08space" },
		{ "tab\there", "tab\\there" },
		{ "del\x7f", "del\\x7f" },
		{ "nul", "nul" },
		{ "nel\xc2\x85", "nel\\u0085" },
		{ "csi\xc2\x9b" "2J", "csi\\u009b2J" },
		{ "rlo\xe2\x80\xae" "cba", "rlo\\u202ecba" },
		{ "lri\xe2\x81\xa6" "x", "lri\\u2066x" },
		{ "ls\xe2\x80\xa8" "x", "ls\\u2028x" },
		{ "ff\xff", "ff\\xff" },
		{ "cut\xe2\x82", "cut\\xe2\\x82" },
		{ "over\xc0\xaf", "over\\xc0\\xaf" },
		{ "sur\xed\xa0\x80", "sur\\xed\\xa0\\x80" },
		{ "big\xf4\x90\x80\x80", "big\\xf4\\x90\\x80\\x80" },
	};
	size_t i, len;
	int w;

	cv = canvas_new(30, 1, false);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		canvas_reset(cv, 30, 1);
		len = strlen(cases[i].raw);
		w = canvas_text(cv, 0, 0, cases[i].raw, len, STYLE_VALUE, 0);
		ck_assert_int_eq(w, (int)strlen(cases[i].shown));
		ck_assert_int_eq(canvas_text_width(cases[i].raw, len), w);
		ck_assert_str_eq(row_of(cv, 0), cases[i].shown);
		text_of(cv, true);	/* also safe in colour */
	}
}
END_TEST

START_TEST(test_escape_nul_byte)
{
	cv = canvas_new(10, 1, false);
	ck_assert_int_eq(canvas_text(cv, 0, 0, "a\0b", 3, STYLE_NORMAL, 0), 6);
	ck_assert_str_eq(text_of(cv, false), "a\\x00b\n");
}
END_TEST

/* The canvas agrees with strbuf_append_visible, the one escape of
 * refscope, on a string holding every kind of hazard. */
START_TEST(test_escape_like_strbuf)
{
	static const char raw[] = "x\x1b]0;t\a\r\b\t\x7f\xc2\x85\xc2\x9f"
	    "\xe2\x80\xaa\xe2\x80\xae\xe2\x81\xa9\xff\xfe\xe2\x82y é漢";
	struct strbuf want = STRBUF_INIT;
	int w;

	strbuf_append_visible(&want, raw, sizeof raw - 1, 0);
	cv = canvas_new(120, 1, false);
	w = canvas_text(cv, 0, 0, raw, sizeof raw - 1, STYLE_NORMAL, 0);
	ck_assert_int_eq(w, canvas_text_width(raw, sizeof raw - 1));
	ck_assert_str_eq(row_of(cv, 0), strbuf_str(&want));
	strbuf_free(&want);
}
END_TEST

START_TEST(test_escape_never_split)
{
	cv = canvas_new(10, 3, false);
	/* "ab\x1b" is 6 columns: in 5 the escape goes whole. */
	ck_assert_int_eq(canvas_text(cv, 0, 0, "ab\x1b", 3, STYLE_NORMAL, 5),
	    3);
	ck_assert_int_eq(canvas_text(cv, 0, 1, "ab\x1b", 3, STYLE_NORMAL, 6),
	    6);
	ck_assert_int_eq(canvas_text(cv, 0, 2, "\xe2\x80\xae!", 4,
	    STYLE_NORMAL, 6), 1);
	ck_assert_str_eq(text_of(cv, false), "ab…\nab\\x1b\n…\n");
}
END_TEST

/* Cells written raw through canvas_cell still print safely. */
START_TEST(test_escape_raw_cells)
{
	cv = canvas_new(6, 1, false);
	canvas_cell(cv, 0, 0)->ch = 0x1b;
	canvas_cell(cv, 1, 0)->ch = 0x202e;
	canvas_cell(cv, 2, 0)->ch = 0x85;
	canvas_cell(cv, 3, 0)->ch = 0x110000;
	canvas_cell(cv, 4, 0)->ch = 0x6f22;	/* wide in a narrow cell */
	canvas_cell(cv, 5, 0)->width = 0;	/* half of nothing */
	ck_assert_str_eq(text_of(cv, false), "?????\n");
	text_of(cv, true);
}
END_TEST

/* ---- lines, boxes and their junctions ---- */

START_TEST(test_lines_cross)
{
	cv = canvas_new(5, 5, false);
	canvas_hline(cv, 4, 0, 2, STYLE_EDGE);
	canvas_vline(cv, 2, 0, 4, STYLE_EDGE);
	ck_assert_str_eq(text_of(cv, false),
	    "  │\n"
	    "  │\n"
	    "──┼──\n"
	    "  │\n"
	    "  │\n");
	ck_assert_uint_eq(canvas_cell(cv, 2, 2)->lines,
	    LINE_UP | LINE_DOWN | LINE_LEFT | LINE_RIGHT);
	ck_assert_uint_eq(canvas_cell(cv, 0, 2)->lines, LINE_RIGHT);
	ck_assert_uint_eq(canvas_cell(cv, 4, 2)->lines, LINE_LEFT);
}
END_TEST

START_TEST(test_lines_ends_join)
{
	/* Lines ending on a line make ├ ┤ ┬ ┴, a corner where two ends meet. */
	cv = canvas_new(7, 5, false);
	canvas_vline(cv, 3, 0, 4, STYLE_EDGE);
	canvas_hline(cv, 0, 3, 1, STYLE_EDGE);
	canvas_hline(cv, 3, 6, 3, STYLE_EDGE);
	canvas_hline(cv, 0, 2, 4, STYLE_EDGE);
	canvas_vline(cv, 0, 2, 4, STYLE_EDGE);
	ck_assert_str_eq(text_of(cv, false),
	    "   │\n"
	    "───┤\n"
	    "│  │\n"
	    "│  ├───\n"
	    "└──│\n");
	canvas_reset(cv, 5, 3);
	canvas_hline(cv, 0, 4, 1, STYLE_EDGE);
	canvas_vline(cv, 2, 0, 1, STYLE_EDGE);
	canvas_vline(cv, 2, 2, 1, STYLE_EDGE);
	ck_assert_str_eq(text_of(cv, false), "  │\n──┼──\n  │\n");
	canvas_reset(cv, 5, 2);
	canvas_hline(cv, 0, 4, 1, STYLE_EDGE);
	canvas_vline(cv, 2, 0, 1, STYLE_EDGE);
	ck_assert_str_eq(text_of(cv, false), "  │\n──┴──\n");
}
END_TEST

START_TEST(test_lines_box)
{
	cv = canvas_new(6, 3, false);
	canvas_box(cv, 0, 0, 5, 3, STYLE_BOX, false);
	ck_assert_str_eq(text_of(cv, false),
	    "┌───┐\n"
	    "│   │\n"
	    "└───┘\n");
	/* Two boxes sharing a side. */
	canvas_reset(cv, 6, 3);
	canvas_box(cv, 0, 0, 3, 3, STYLE_BOX, false);
	canvas_box(cv, 2, 0, 3, 3, STYLE_BOX, false);
	ck_assert_str_eq(text_of(cv, false),
	    "┌─┬─┐\n"
	    "│ │ │\n"
	    "└─┴─┘\n");
	/* Degenerate boxes are lines, empty ones nothing. */
	canvas_reset(cv, 6, 3);
	canvas_box(cv, 0, 0, 4, 1, STYLE_BOX, false);
	canvas_box(cv, 5, 0, 1, 3, STYLE_BOX, false);
	canvas_box(cv, 0, 2, 0, 3, STYLE_BOX, false);
	canvas_box(cv, 0, 2, 3, -1, STYLE_BOX, false);
	ck_assert_str_eq(text_of(cv, false),
	    "──── │\n"
	    "     │\n"
	    "     │\n");
}
END_TEST

START_TEST(test_lines_box_met_by_edges)
{
	cv = canvas_new(10, 5, false);
	canvas_box(cv, 2, 0, 5, 4, STYLE_BOX, false);
	canvas_hline(cv, 0, 2, 1, STYLE_EDGE);	/* into the left side */
	canvas_hline(cv, 6, 9, 2, STYLE_EDGE);	/* out of the right side */
	canvas_vline(cv, 4, 3, 4, STYLE_EDGE);	/* out of the bottom */
	ck_assert_str_eq(text_of(cv, false),
	    "  ┌───┐\n"
	    "──┤   │\n"
	    "  │   ├───\n"
	    "  └─┬─┘\n"
	    "    │\n");
	ck_assert_uint_eq(canvas_cell(cv, 4, 3)->style, STYLE_EDGE);
}
END_TEST

START_TEST(test_lines_heavy)
{
	cv = canvas_new(8, 4, false);
	canvas_box(cv, 0, 0, 4, 3, STYLE_BOX_CACHED, true);
	ck_assert_str_eq(text_of(cv, false),
	    "┏━━┓\n"
	    "┃  ┃\n"
	    "┗━━┛\n"
	    "\n");
	ck_assert_uint_ne(canvas_cell(cv, 0, 0)->lines & LINE_HEAVY, 0);
	/* A light line joining a heavy box takes its weight: one cell has
	 * one weight. */
	canvas_hline(cv, 3, 6, 1, STYLE_EDGE);
	canvas_line_cell(cv, 7, 3, LINE_HEAVY | LINE_UP | LINE_LEFT,
	    STYLE_EDGE);
	ck_assert_str_eq(text_of(cv, false),
	    "┏━━┓\n"
	    "┃  ┣───\n"
	    "┗━━┛\n"
	    "       ┛\n");
}
END_TEST

START_TEST(test_lines_every_mask)
{
	static const char *light[16] = {
		" ", "│", "│", "│", "─", "┘", "┐", "┤",
		"─", "└", "┌", "├", "─", "┴", "┬", "┼"
	};
	static const char *heavy[16] = {
		" ", "┃", "┃", "┃", "━", "┛", "┓", "┫",
		"━", "┗", "┏", "┣", "━", "┻", "┳", "╋"
	};
	static const char ascii[16] = {
		' ', '|', '|', '|', '-', '+', '+', '+',
		'-', '+', '+', '+', '-', '+', '+', '+'
	};
	uint8_t m;
	char want[8];

	cv = canvas_new(1, 1, false);
	for (m = 1; m < 16; m++) {
		canvas_reset(cv, 1, 1);
		canvas_line_cell(cv, 0, 0, m, STYLE_EDGE);
		ck_assert_str_eq(row_of(cv, 0), light[m]);
		canvas_line_cell(cv, 0, 0, LINE_HEAVY, STYLE_EDGE);
		ck_assert_str_eq(row_of(cv, 0), heavy[m]);
		cv->ascii = true;
		want[0] = ascii[m];
		want[1] = '\0';
		ck_assert_str_eq(row_of(cv, 0), want);
		cv->ascii = false;
	}
	/* No direction: no line, and the text stays. */
	canvas_reset(cv, 1, 1);
	canvas_puts(cv, 0, 0, "k", STYLE_NORMAL);
	canvas_line_cell(cv, 0, 0, 0, STYLE_EDGE);
	canvas_line_cell(cv, 0, 0, LINE_HEAVY, STYLE_EDGE);
	ck_assert_str_eq(row_of(cv, 0), "k");
}
END_TEST

START_TEST(test_lines_and_text)
{
	cv = canvas_new(6, 2, false);
	/* A line over text replaces it. */
	canvas_puts(cv, 0, 0, "hello", STYLE_VALUE);
	canvas_vline(cv, 1, 0, 1, STYLE_EDGE);
	ck_assert_str_eq(text_of(cv, false), "h│llo\n │\n");
	ck_assert_uint_eq(canvas_cell(cv, 1, 0)->lines, LINE_DOWN);
	ck_assert_uint_eq(canvas_cell(cv, 1, 0)->ch, ' ');
	/* Text over a line clears the line: a later line does not merge
	 * with it. */
	canvas_reset(cv, 6, 2);
	canvas_hline(cv, 0, 5, 0, STYLE_EDGE);
	canvas_puts(cv, 1, 0, "ab", STYLE_NAME);
	ck_assert_str_eq(text_of(cv, false), "─ab───\n\n");
	ck_assert_uint_eq(canvas_cell(cv, 1, 0)->lines, 0);
	canvas_vline(cv, 1, 0, 1, STYLE_EDGE);
	ck_assert_str_eq(text_of(cv, false), "─│b───\n │\n");
}
END_TEST

START_TEST(test_lines_arrows)
{
	cv = canvas_new(6, 5, false);
	canvas_hline(cv, 0, 4, 0, STYLE_EDGE);
	canvas_arrow(cv, 4, 0, LINE_RIGHT, STYLE_EDGE);	/* over the end */
	canvas_arrow(cv, 0, 1, LINE_LEFT, STYLE_EDGE);
	canvas_arrow(cv, 1, 1, LINE_UP, STYLE_EDGE);
	canvas_arrow(cv, 2, 1, LINE_DOWN, STYLE_EDGE);
	canvas_arrow(cv, 3, 1, LINE_UP | LINE_DOWN, STYLE_EDGE);  /* none */
	canvas_arrow(cv, 9, 9, LINE_UP, STYLE_EDGE);	/* clipped */
	canvas_vline(cv, 5, 2, 3, STYLE_EDGE);
	canvas_arrow(cv, 5, 4, LINE_DOWN, STYLE_EDGE_NEW);
	ck_assert_str_eq(text_of(cv, false),
	    "────▶\n"
	    "◀▲▼\n"
	    "     │\n"
	    "     │\n"
	    "     ▼\n");
	ck_assert_uint_eq(canvas_cell(cv, 4, 0)->lines, 0);
	cv->ascii = true;
	ck_assert_str_eq(text_of(cv, false),
	    "---->\n"
	    "<^v\n"
	    "     |\n"
	    "     |\n"
	    "     v\n");
}
END_TEST

START_TEST(test_lines_clipped)
{
	cv = canvas_new(4, 4, false);
	canvas_box(cv, -1, -1, 4, 4, STYLE_BOX, false);
	canvas_hline(cv, -100, 100, 3, STYLE_EDGE);
	canvas_vline(cv, 9, 0, 3, STYLE_EDGE);
	canvas_hline(cv, 0, 3, -1, STYLE_EDGE);
	canvas_box(cv, 2147483640, 0, 100, 2, STYLE_BOX, false);
	canvas_box(cv, -2147483647, -2147483647, 2147483647, 2147483647,
	    STYLE_BOX, false);
	ck_assert_str_eq(text_of(cv, false),
	    "  │\n"
	    "  │\n"
	    "──┘\n"
	    "────\n");
}
END_TEST

/* ---- ASCII mode ---- */

START_TEST(test_ascii_picture)
{
	cv = canvas_new(14, 4, true);
	canvas_box(cv, 0, 0, 6, 3, STYLE_FRAME, false);
	canvas_box(cv, 8, 0, 6, 4, STYLE_BOX, true);
	canvas_puts(cv, 1, 1, "x", STYLE_NAME);
	canvas_hline(cv, 5, 7, 1, STYLE_EDGE);
	canvas_arrow(cv, 7, 1, LINE_RIGHT, STYLE_EDGE);
	canvas_text(cv, 9, 1, "int 7", 5, STYLE_VALUE, 4);
	canvas_text(cv, 9, 2, "rc=3", 4, STYLE_REFCOUNT, 4);
	ck_assert_str_eq(text_of(cv, false),
	    "+----+  +----+\n"
	    "|x   +->|int~|\n"
	    "+----+  |rc=3|\n"
	    "        +----+\n");
}
END_TEST

START_TEST(test_ascii_non_ascii_text)
{
	cv = canvas_new(16, 2, true);
	/* Layout is the same as in UTF-8; only the glyphs change. */
	ck_assert_int_eq(canvas_puts(cv, 0, 0, "漢a…→é─", STYLE_NORMAL), 7);
	canvas_puts(cv, 0, 1, "3 −1 ×2 “q”", STYLE_NORMAL);
	ck_assert_str_eq(text_of(cv, false), "??a~>?-\n3 -1 x2 \"q\"\n");
	cv->ascii = false;
	ck_assert_str_eq(text_of(cv, false), "漢a…→é─\n3 −1 ×2 “q”\n");
}
END_TEST

/* ---- wrapping ---- */

/* Wraps text into a canvas of width + 2 columns at x = 1 and returns what
 * it drew, one line per row. */
static const char *
wrapped(int width, int max_lines, const char *text, int *lines)
{
	canvas_free(cv);
	cv = canvas_new(width + 2, max_lines, false);
	*lines = canvas_wrap(cv, 1, 0, width, max_lines, text, strlen(text),
	    STYLE_NARRATION);
	ck_assert_int_eq(canvas_wrap(NULL, 0, 0, width, 0, text,
	    strlen(text), STYLE_NARRATION), *lines);
	return text_of(cv, false);
}

START_TEST(test_wrap_paragraph)
{
	int n;

	ck_assert_str_eq(wrapped(20, 6,
	    "Names refer to objects; objects never refer to names.", &n),
	    " Names refer to\n"
	    " objects; objects\n"
	    " never refer to\n"
	    " names.\n"
	    "\n"
	    "\n");
	ck_assert_int_eq(n, 4);
	/* A line filled exactly. */
	ck_assert_str_eq(wrapped(20, 2, "a list holds its items and more",
	    &n),
	    " a list holds its\n"
	    " items and more\n");
	ck_assert_int_eq(n, 2);
	ck_assert_str_eq(wrapped(20, 2, "exactly twenty chars then more",
	    &n),
	    " exactly twenty chars\n"
	    " then more\n");
	ck_assert_int_eq(n, 2);
}
END_TEST

START_TEST(test_wrap_long_word)
{
	int n;

	ck_assert_str_eq(wrapped(8, 5, "a supercalifragilistic b", &n),
	    " a\n"
	    " supercal\n"
	    " ifragili\n"
	    " stic b\n"
	    "\n");
	ck_assert_int_eq(n, 4);
	/* Wide characters break by columns, never in half. */
	ck_assert_str_eq(wrapped(3, 3, "漢字語", &n), " 漢\n 字\n 語\n");
	ck_assert_int_eq(n, 3);
	ck_assert_str_eq(wrapped(4, 2, "漢字語", &n), " 漢字\n 語\n");
	ck_assert_int_eq(n, 2);
	/* A unit wider than the line gets a line of its own, clipped. */
	ck_assert_str_eq(wrapped(1, 2, "漢x", &n), " …\n x\n");
	ck_assert_int_eq(n, 2);
	ck_assert_str_eq(wrapped(3, 2, "a \x1b", &n), " a\n …\n");
	ck_assert_int_eq(n, 2);
}
END_TEST

START_TEST(test_wrap_newlines)
{
	int n;

	ck_assert_str_eq(wrapped(20, 5,
	    "one\n\ntwo three four five six\n", &n),
	    " one\n"
	    "\n"
	    " two three four five\n"
	    " six\n"
	    "\n");
	ck_assert_int_eq(n, 4);
	ck_assert_str_eq(wrapped(5, 2, "\n", &n), "\n\n");
	ck_assert_int_eq(n, 1);
	ck_assert_str_eq(wrapped(5, 2, "", &n), "\n\n");
	ck_assert_int_eq(n, 0);
	ck_assert_str_eq(wrapped(5, 3, "a\n\n", &n), " a\n\n\n");
	ck_assert_int_eq(n, 2);
	/* A carriage return is not a line break: it shows. */
	ck_assert_str_eq(wrapped(10, 1, "a\rb", &n), " a\\rb\n");
	ck_assert_int_eq(n, 1);
}
END_TEST

START_TEST(test_wrap_spaces)
{
	int n;

	/* Spaces inside a line stay; at a break they go. */
	ck_assert_str_eq(wrapped(6, 3, "aa  bb    cc   ", &n),
	    " aa  bb\n"
	    " cc\n"
	    "\n");
	ck_assert_int_eq(n, 2);
	/* Leading spaces are indentation, on the first line only. */
	ck_assert_str_eq(wrapped(6, 3, "  x = 1 + 2", &n),
	    "   x =\n"
	    " 1 + 2\n"
	    "\n");
	ck_assert_int_eq(n, 2);
	ck_assert_str_eq(wrapped(4, 2, "      ab", &n), "\n ab\n");
	ck_assert_int_eq(n, 2);
}
END_TEST

START_TEST(test_wrap_max_lines)
{
	int n;

	cv = canvas_new(12, 3, false);
	canvas_puts(cv, 0, 2, "keep", STYLE_NORMAL);
	n = canvas_wrap(cv, 0, 0, 6, 2, "one two three four", 18,
	    STYLE_NARRATION);
	ck_assert_int_eq(n, 4);
	ck_assert_str_eq(text_of(cv, false), "one\ntwo\nkeep\n");
	/* Width or lines of nothing. */
	ck_assert_int_eq(canvas_wrap(cv, 0, 0, 0, 2, "abc", 3, STYLE_NORMAL),
	    0);
	ck_assert_int_eq(canvas_wrap(cv, 0, 0, 3, 0, "abc def", 7,
	    STYLE_NORMAL), 2);
	ck_assert_str_eq(text_of(cv, false), "one\ntwo\nkeep\n");
	/* Lines below the canvas are counted, not drawn. */
	ck_assert_int_eq(canvas_wrap(cv, 8, 1, 4, 10, "ab cd ef gh", 11,
	    STYLE_NARRATION), 4);
	ck_assert_str_eq(text_of(cv, false), "one\ntwo     ab\nkeep    cd\n");
	/* At the right edge: clipped there, with the ellipsis. */
	canvas_reset(cv, 12, 3);
	ck_assert_int_eq(canvas_wrap(cv, 9, 0, 6, 3, "abcdef ghi", 10,
	    STYLE_NARRATION), 2);
	ck_assert_str_eq(text_of(cv, false), "         ab…\n         ghi\n\n");
}
END_TEST

START_TEST(test_wrap_escapes)
{
	const char *s;
	int n;

	s = wrapped(6, 4, "\x1b[2J \xe2\x80\xae" "evil \xff", &n);
	ck_assert_str_eq(s,
	    " \\x1b[2\n"
	    " J\n"
	    " \\u202e\n"
	    " evil\n");
	ck_assert_int_eq(n, 5);
}
END_TEST

/* ---- paint and fill ---- */

START_TEST(test_paint)
{
	struct cell *cl;

	cv = canvas_new(6, 2, false);
	canvas_puts(cv, 0, 0, "abc", STYLE_NORMAL);
	canvas_box(cv, 0, 1, 3, 1, STYLE_EDGE, false);
	canvas_paint(cv, 1, 0, 4, 2, STYLE_SELECTED, CELL_BOLD);
	ck_assert_str_eq(text_of(cv, false), "abc\n───\n");
	cl = canvas_cell(cv, 1, 0);
	ck_assert_uint_eq(cl->ch, 'b');
	ck_assert_uint_eq(cl->style, STYLE_SELECTED);
	ck_assert_uint_eq(cl->flags, CELL_BOLD);
	ck_assert_uint_eq(canvas_cell(cv, 1, 1)->lines,
	    LINE_LEFT | LINE_RIGHT);
	ck_assert_uint_eq(canvas_cell(cv, 0, 0)->style, STYLE_NORMAL);
	ck_assert_uint_eq(canvas_cell(cv, 4, 1)->style, STYLE_SELECTED);
	ck_assert_uint_eq(canvas_cell(cv, 5, 1)->style, STYLE_NORMAL);
	/* Clipped and empty rectangles. */
	canvas_paint(cv, -5, -5, 6, 6, STYLE_DIM, 0);
	ck_assert_uint_eq(canvas_cell(cv, 0, 0)->style, STYLE_DIM);
	ck_assert_uint_eq(canvas_cell(cv, 1, 0)->style, STYLE_SELECTED);
	canvas_paint(cv, 0, 0, 0, 5, STYLE_ERROR, 0);
	canvas_paint(cv, 6, 0, 5, 5, STYLE_ERROR, 0);
	canvas_paint(cv, 2147483647, 2147483647, 2147483647, 9, STYLE_ERROR,
	    0);
	ck_assert_uint_eq(canvas_cell(cv, 0, 0)->style, STYLE_DIM);
	/* Bold is in SELECTED's colours already: not said twice. */
	ck_assert_str_eq(text_of(cv, true),
	    "\033[0;2ma\033[0;1;33mbc\033[0m\n"
	    "─\033[0;1;33m──\033[0m\n");
}
END_TEST

START_TEST(test_fill)
{
	cv = canvas_new(6, 3, false);
	canvas_puts(cv, 0, 0, "abcdef", STYLE_NORMAL);
	canvas_puts(cv, 0, 1, "漢字語", STYLE_NORMAL);
	canvas_box(cv, 0, 2, 6, 1, STYLE_EDGE, false);
	/* Cutting through 漢 and 語 blanks their other halves. */
	canvas_fill(cv, 1, 0, 4, 3, STYLE_TITLE);
	ck_assert_str_eq(text_of(cv, false), "a    f\n\n─    ─\n");
	ck_assert_uint_eq(canvas_cell(cv, 0, 1)->width, 1);
	ck_assert_uint_eq(canvas_cell(cv, 5, 1)->width, 1);
	ck_assert_uint_eq(canvas_cell(cv, 2, 2)->lines, 0);
	ck_assert_uint_eq(canvas_cell(cv, 2, 2)->style, STYLE_TITLE);
	ck_assert_uint_eq(canvas_cell(cv, 0, 0)->style, STYLE_NORMAL);
	canvas_fill(cv, -3, -3, 100, 100, STYLE_NORMAL);
	canvas_fill(cv, 0, 0, -1, 2, STYLE_ERROR);
	ck_assert_str_eq(text_of(cv, true), "\n\n\n");
}
END_TEST

/* ---- ANSI output ---- */

START_TEST(test_ansi_runs)
{
	cv = canvas_new(10, 2, false);
	canvas_puts(cv, 0, 0, "x", STYLE_NORMAL);
	canvas_puts(cv, 2, 0, "rc", STYLE_REFCOUNT_UP);
	canvas_puts(cv, 5, 0, "y", STYLE_DIM);
	canvas_puts(cv, 0, 1, "a", STYLE_REFCOUNT_DOWN);
	canvas_puts(cv, 1, 1, "b", STYLE_REFCOUNT_DOWN);
	ck_assert_str_eq(text_of(cv, true),
	    "x \033[0;1;32mrc\033[0m \033[0;2my\033[0m\n"
	    "\033[0;1;30;43mab\033[0m\n");
	ck_assert_str_eq(text_of(cv, false), "x rc y\nab\n");
}
END_TEST

START_TEST(test_ansi_backgrounds_kept)
{
	/* A title bar's coloured spaces show, so they are not trimmed. */
	cv = canvas_new(8, 3, false);
	canvas_fill(cv, 0, 0, 8, 1, STYLE_TITLE);
	canvas_puts(cv, 1, 0, "T", STYLE_TITLE);
	canvas_puts(cv, 0, 1, "dim", STYLE_DIM);
	canvas_fill(cv, 3, 1, 5, 1, STYLE_DIM);
	canvas_puts(cv, 0, 2, "if x:", STYLE_CODE_CURRENT);
	canvas_paint(cv, 5, 2, 2, 1, STYLE_CODE, CELL_REVERSE);
	ck_assert_str_eq(text_of(cv, true),
	    "\033[0;1;37;44m T      \033[0m\n"
	    "\033[0;2mdim\033[0m\n"
	    "\033[0;1;7mif x:\033[0;7m  \033[0m\n");
	ck_assert_str_eq(text_of(cv, false), " T\ndim\nif x:\n");
}
END_TEST

START_TEST(test_ansi_only_sgr)
{
	static const char hostile[] = "\x1b]52;c;ZXZpbA==\a\x1b[2J\x9b" "6n"
	    "\xc2\x9b" "6n\xe2\x80\xae\r\b\x7f\xff漢";
	int st, y;

	cv = canvas_new(40, CANVAS_STYLE_COUNT + 1, false);
	for (st = 0; st < CANVAS_STYLE_COUNT; st++) {
		y = st;
		canvas_text(cv, 0, y, hostile, sizeof hostile - 1,
		    (enum canvas_style)st, 0);
		canvas_paint(cv, 30, y, 10, 1, (enum canvas_style)st,
		    (uint8_t)(st % 4));
		canvas_box(cv, 36, y, 4, 1, (enum canvas_style)st, st % 2);
	}
	canvas_cell(cv, 0, CANVAS_STYLE_COUNT)->style = 200;	/* no such */
	canvas_cell(cv, 0, CANVAS_STYLE_COUNT)->ch = 'z';
	text_of(cv, true);	/* assert_safe checks every ESC */
	text_of(cv, false);
	cv->ascii = true;
	text_of(cv, true);
	ck_assert_str_eq(row_of(cv, CANVAS_STYLE_COUNT), "z");
}
END_TEST

/* ---- invariants under random drawing ---- */

static uint32_t	rng_state;

static uint32_t
rng(uint32_t n)
{
	rng_state = rng_state * 1103515245u + 12345u;
	return (rng_state >> 16) % n;
}

/* Why the cell at x, y breaks the grid's invariants, or NULL. */
static const char *
cell_fault(const struct canvas *c, int x, int y)
{
	const struct cell *cl = &c->cells[y * c->width + x];

	if (cl->width == 2 && (x == c->width - 1 || cl[1].width != 0))
		return "wide cell without its right half";
	if (cl->width == 2 && cl->lines != 0)
		return "wide cell with lines";
	if (cl->width == 0 && (x == 0 || cl[-1].width != 2))
		return "right half without its left half";
	if (cl->width > 2)
		return "bad width";
	if (cl->lines != 0 && cl->ch != ' ')
		return "line cell holding a character";
	return NULL;
}

/* Why the grid or its text breaks an invariant, or NULL: wide pairs
 * intact, line cells blank underneath, every printed row no wider than
 * the canvas. */
static const char *
grid_fault(const struct canvas *c)
{
	const char *s, *nl, *why;
	int x, y;

	for (y = 0; y < c->height; y++) {
		for (x = 0; x < c->width; x++) {
			if ((why = cell_fault(c, x, y)) != NULL)
				return why;
		}
	}
	for (s = text_of(c, false); (nl = strchr(s, '\n')) != NULL;
	    s = nl + 1) {
		if (canvas_text_width(s, (size_t)(nl - s)) > c->width)
			return "a row wider than the canvas";
	}
	if (*s != '\0')
		return "a last row without its newline";
	return NULL;
}

/* (One assertion per call: Check records every passing assertion, which
 * is slow by the million.) */
static void
assert_invariants(const struct canvas *c)
{
	const char *why;

	why = grid_fault(c);
	ck_assert_msg(why == NULL, "%s", why);
	text_of(c, true);
}

START_TEST(test_invariants_random)
{
	static const char *texts[] = {
		"abc", "漢字語", "a漢b", "😀x😀", "e\xcc\x81\xe2\x80\x8d",
		"\x1b[1m", "\xe2\x80\xae", "\xff\xfe", "tab\there",
		"a long line of narration for wrapping", "", " ", "ｈｉ",
		"x\n\ny", "\xf0\x9f\x98"
	};
	size_t ntexts = sizeof texts / sizeof texts[0];
	const char *t;
	int i, x, y;

	rng_state = 20240611u;
	cv = canvas_new(13, 7, false);
	for (i = 0; i < 3000; i++) {
		x = (int)rng(17) - 2;
		y = (int)rng(11) - 2;
		t = texts[rng((uint32_t)ntexts)];
		switch (rng(11)) {
		case 0:
			canvas_text(cv, x, y, t, strlen(t),
			    (enum canvas_style)rng(CANVAS_STYLE_COUNT),
			    (int)rng(8));
			break;
		case 1:
			canvas_wrap(cv, x, y, (int)rng(8), (int)rng(4), t,
			    strlen(t), STYLE_NARRATION);
			break;
		case 2:
			canvas_box(cv, x, y, (int)rng(9), (int)rng(6),
			    STYLE_BOX, rng(2));
			break;
		case 3:
			canvas_hline(cv, x, (int)rng(17) - 2, y, STYLE_EDGE);
			break;
		case 4:
			canvas_vline(cv, x, y, (int)rng(11) - 2, STYLE_EDGE);
			break;
		case 5:
			canvas_line_cell(cv, x, y, (uint8_t)rng(32),
			    STYLE_EDGE);
			break;
		case 6:
			canvas_arrow(cv, x, y, (uint8_t)(1u << rng(4)),
			    STYLE_EDGE_NEW);
			break;
		case 7:
			canvas_fill(cv, x, y, (int)rng(6), (int)rng(4),
			    (enum canvas_style)rng(CANVAS_STYLE_COUNT));
			break;
		case 8:
			canvas_paint(cv, x, y, (int)rng(6), (int)rng(4),
			    (enum canvas_style)rng(CANVAS_STYLE_COUNT),
			    (uint8_t)rng(4));
			break;
		case 9:
			cv->ascii = !cv->ascii;
			break;
		default:
			if (rng(20) == 0)
				canvas_reset(cv, 9 + (int)rng(6),
				    5 + (int)rng(4));
			else
				canvas_puts(cv, x, y, t, STYLE_VALUE);
			break;
		}
		assert_invariants(cv);
	}
}
END_TEST

static Suite *
canvas_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("canvas");

	tc = tcase_create("grid");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_grid_new);
	tcase_add_test(tc, test_grid_empty);
	tcase_add_test(tc, test_grid_reset_same_size);
	tcase_add_test(tc, test_grid_resize);
	suite_add_tcase(s, tc);

	tc = tcase_create("text");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_text_fits);
	tcase_add_test(tc, test_text_ellipsis);
	tcase_add_test(tc, test_text_ellipsis_ascii);
	tcase_add_test(tc, test_text_clipped_outside);
	tcase_add_test(tc, test_text_wide);
	tcase_add_test(tc, test_text_wide_right_edge);
	tcase_add_test(tc, test_text_over_wide);
	suite_add_tcase(s, tc);

	tc = tcase_create("escapes");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_escape_each);
	tcase_add_test(tc, test_escape_nul_byte);
	tcase_add_test(tc, test_escape_like_strbuf);
	tcase_add_test(tc, test_escape_never_split);
	tcase_add_test(tc, test_escape_raw_cells);
	suite_add_tcase(s, tc);

	tc = tcase_create("lines");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_lines_cross);
	tcase_add_test(tc, test_lines_ends_join);
	tcase_add_test(tc, test_lines_box);
	tcase_add_test(tc, test_lines_box_met_by_edges);
	tcase_add_test(tc, test_lines_heavy);
	tcase_add_test(tc, test_lines_every_mask);
	tcase_add_test(tc, test_lines_and_text);
	tcase_add_test(tc, test_lines_arrows);
	tcase_add_test(tc, test_lines_clipped);
	suite_add_tcase(s, tc);

	tc = tcase_create("ascii");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_ascii_picture);
	tcase_add_test(tc, test_ascii_non_ascii_text);
	suite_add_tcase(s, tc);

	tc = tcase_create("wrap");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_wrap_paragraph);
	tcase_add_test(tc, test_wrap_long_word);
	tcase_add_test(tc, test_wrap_newlines);
	tcase_add_test(tc, test_wrap_spaces);
	tcase_add_test(tc, test_wrap_max_lines);
	tcase_add_test(tc, test_wrap_escapes);
	suite_add_tcase(s, tc);

	tc = tcase_create("paint");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_paint);
	tcase_add_test(tc, test_fill);
	suite_add_tcase(s, tc);

	tc = tcase_create("ansi");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_ansi_runs);
	tcase_add_test(tc, test_ansi_backgrounds_kept);
	tcase_add_test(tc, test_ansi_only_sgr);
	suite_add_tcase(s, tc);

	tc = tcase_create("invariants");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_invariants_random);
	suite_add_tcase(s, tc);

	return s;
}

int
main(void)
{
	SRunner *sr;
	int failed;

	sr = srunner_create(canvas_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
