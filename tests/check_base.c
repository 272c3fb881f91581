/*
 * check_base.c: the Check suite of src/base (strbuf, its escapes, UTF-8
 * decoding, atoms, diagnostics, xalloc's failure injection).
 *
 * Every test also runs with CK_FORK=no (under gdb or valgrind), except the
 * one that needs the default fatal handler to exit the process: it is only
 * registered when Check forks.
 */
#include "config.h"

#include <check.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/atom.h"
#include "base/diag.h"
#include "base/strbuf.h"
#include "base/utf8.h"
#include "base/xalloc.h"

static void
setup(void)
{
}

static void
teardown(void)
{
	xalloc_fail_after(0);
	xalloc_set_fatal(NULL);
	atom_reset();
}

/* ---- strbuf: growth and printf ---- */

START_TEST(test_strbuf_empty)
{
	struct strbuf sb = STRBUF_INIT;
	char *s;

	ck_assert_ptr_null(sb.data);
	ck_assert_str_eq(strbuf_str(&sb), "");
	s = strbuf_detach(&sb);
	ck_assert_ptr_nonnull(s);
	ck_assert_str_eq(s, "");
	xfree(s);
	strbuf_free(&sb);
	strbuf_truncate(&sb, 3);
	ck_assert_uint_eq(sb.len, 0);
}
END_TEST

START_TEST(test_strbuf_growth)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	for (i = 0; i < 10000; i++)
		strbuf_putc(&sb, (char)('a' + i % 26));
	ck_assert_uint_eq(sb.len, 10000);
	ck_assert_uint_gt(sb.cap, sb.len);
	ck_assert_int_eq(sb.data[10000], '\0');
	ck_assert_int_eq(sb.data[9999], 'a' + 9999 % 26);
	ck_assert_uint_eq(strlen(strbuf_str(&sb)), 10000);

	strbuf_truncate(&sb, 3);
	ck_assert_str_eq(strbuf_str(&sb), "abc");
	strbuf_truncate(&sb, 50);	/* longer: no change */
	ck_assert_str_eq(strbuf_str(&sb), "abc");
	strbuf_puts(&sb, "def");
	strbuf_append(&sb, "ghi\0jkl", 7);
	ck_assert_uint_eq(sb.len, 13);
	ck_assert_int_eq(memcmp(sb.data, "abcdefghi\0jkl", 14), 0);
	strbuf_free(&sb);
	ck_assert_ptr_null(sb.data);
	ck_assert_uint_eq(sb.len, 0);
}
END_TEST

START_TEST(test_strbuf_printf)
{
	struct strbuf sb = STRBUF_INIT;
	char big[300], *s;

	strbuf_printf(&sb, "%d-%s", 42, "x");
	ck_assert_str_eq(strbuf_str(&sb), "42-x");
	/* Longer than any first allocation: the grow-and-retry path. */
	memset(big, 'z', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	strbuf_printf(&sb, "[%s]", big);
	ck_assert_uint_eq(sb.len, 4 + 2 + 299);
	ck_assert_int_eq(sb.data[4], '[');
	ck_assert_int_eq(sb.data[sb.len - 1], ']');
	ck_assert_int_eq(sb.data[sb.len], '\0');
	strbuf_printf(&sb, "%s", "");
	ck_assert_uint_eq(sb.len, 305);

	s = strbuf_detach(&sb);
	ck_assert_uint_eq(strlen(s), 305);
	ck_assert_ptr_null(sb.data);
	ck_assert_uint_eq(sb.len, 0);
	xfree(s);
}
END_TEST

/* ---- visible escaping ---- */

static char *
visible(const char *text, size_t len, int keep_newline)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_append_visible(&sb, text, len, keep_newline);
	return strbuf_detach(&sb);
}

#define ck_visible(in, keep, want) do {					\
	char *got_ = visible((in), sizeof(in) - 1, (keep));		\
	ck_assert_str_eq(got_, (want));					\
	xfree(got_);							\
} while (0)

START_TEST(test_visible_c0_and_del)
{
	ck_visible("a\x1b[2Jb", 0, "a\\x1b[2Jb");
	ck_visible("bell\a", 0, "bell\\x07");
	ck_visible("over\rwrite", 0, "over\\rwrite");
	ck_visible("back\bspace", 0, "back\\x08space");
	ck_visible("del\x7f", 0, "del\\x7f");
	ck_visible("tab\there", 0, "tab\\there");
	ck_visible("nul\0byte", 0, "nul\\x00byte");
	ck_visible("two\nlines", 0, "two\\nlines");
	ck_visible("two\nlines", 1, "two\nlines");
	ck_visible("keep\r\n", 1, "keep\\r\n");
}
END_TEST

START_TEST(test_visible_unicode)
{
	ck_visible("caf\xc3\xa9 \xe2\x86\x92 ok", 0, "caf\xc3\xa9 \xe2\x86\x92 ok");
	ck_visible("\xf0\x9f\x90\x8d", 0, "\xf0\x9f\x90\x8d");	/* U+1F40D */
	ck_visible("nel\xc2\x85", 0, "nel\\u0085");		/* C1 */
	ck_visible("\xc2\x9b" "31m", 0, "\\u009b31m");		/* CSI */
	ck_visible("abc\xe2\x80\xae" "fed", 0, "abc\\u202efed");	/* RLO */
	ck_visible("\xe2\x80\xaa\xe2\x81\xa6\xe2\x81\xa9", 0,
	    "\\u202a\\u2066\\u2069");
	ck_visible("\xc2\xa0", 0, "\xc2\xa0");			/* NBSP: fine */
	/* the invisible format characters: LRM, RLM, ALM, BOM, LS, PS, ZWSP */
	ck_visible("\xe2\x80\x8e\xe2\x80\x8f\xd8\x9c\xef\xbb\xbf", 0,
	    "\\u200e\\u200f\\u061c\\ufeff");
	ck_visible("a\xe2\x80\xa8" "b\xe2\x80\xa9\xe2\x80\x8b", 0,
	    "a\\u2028b\\u2029\\u200b");
	ck_visible("\xd8\x9b\xe2\x80\x90", 0, "\xd8\x9b\xe2\x80\x90"); /* beside */
}
END_TEST

START_TEST(test_visible_invalid_utf8)
{
	ck_visible("a\xff" "b", 0, "a\\xffb");
	ck_visible("\x80", 0, "\\x80");				/* lone continuation */
	ck_visible("\xc0\xaf", 0, "\\xc0\\xaf");		/* overlong '/' */
	ck_visible("\xed\xa0\x80", 0, "\\xed\\xa0\\x80");	/* surrogate */
	ck_visible("\xf4\x90\x80\x80", 0, "\\xf4\\x90\\x80\\x80");	/* > U+10FFFF */
	ck_visible("\xe2\x86" "x", 0, "\\xe2\\x86x");		/* truncated */
	ck_visible("\xe2\x86", 0, "\\xe2\\x86");		/* truncated at end */
	ck_visible("\xe2\xe2\x86\x92", 0, "\\xe2\xe2\x86\x92");	/* resyncs */
}
END_TEST

/* ---- JSON escaping ---- */

static char *
json(const char *text, size_t len)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_append_json_string(&sb, text, len);
	return strbuf_detach(&sb);
}

#define ck_json(in, want) do {						\
	char *got_ = json((in), sizeof(in) - 1);			\
	ck_assert_str_eq(got_, (want));					\
	xfree(got_);							\
} while (0)

START_TEST(test_json_basic)
{
	ck_json("", "\"\"");
	ck_json("x = [1, 2]", "\"x = [1, 2]\"");
	ck_json("say \"hi\"", "\"say \\\"hi\\\"\"");
	ck_json("a\\b", "\"a\\\\b\"");
	ck_json("/", "\"/\"");
	ck_json("caf\xc3\xa9", "\"caf\xc3\xa9\"");
}
END_TEST

START_TEST(test_json_controls)
{
	ck_json("\n\r\t\b\f", "\"\\n\\r\\t\\b\\f\"");
	ck_json("\x01\x1b\x1f", "\"\\u0001\\u001b\\u001f\"");
	ck_json("\0", "\"\\u0000\"");
	ck_json("\x7f", "\"\\u007f\"");
	ck_json("\xc2\x85", "\"\\u0085\"");
	ck_json("\xe2\x80\xae", "\"\\u202e\"");
}
END_TEST

START_TEST(test_json_line_separator)
{
	char *got;

	/* U+2028 is valid in JSON either raw or escaped. */
	got = json("a\xe2\x80\xa8" "b", 5);
	ck_assert_msg(strcmp(got, "\"a\xe2\x80\xa8" "b\"") == 0 ||
	    strcmp(got, "\"a\\u2028b\"") == 0, "got %s", got);
	xfree(got);
}
END_TEST

START_TEST(test_json_invalid_utf8)
{
	ck_json("a\xff" "b", "\"a\xef\xbf\xbd" "b\"");
	ck_json("\xe2\x86", "\"\xef\xbf\xbd\"");		/* one subpart */
	ck_json("\xc0\xaf", "\"\xef\xbf\xbd\xef\xbf\xbd\"");
	ck_json("\xed\xa0\x80", "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"");
}
END_TEST

/* ---- utf8: the strict decoder ---- */

struct utf8_case {
	const char	*bytes;
	size_t		 len;		/* bytes available */
	size_t		 want_len;	/* what utf8_decode returns */
	uint32_t	 want_cp;
};

/*
 * Decodes each case from a heap copy of exactly len bytes, so that valgrind
 * and the sanitizers catch a read past the end of a truncated sequence.
 */
static void
ck_utf8_cases(const struct utf8_case *cases, size_t n)
{
	char *copy;
	uint32_t cp;
	size_t i, got;

	for (i = 0; i < n; i++) {
		copy = xmalloc(cases[i].len);
		memcpy(copy, cases[i].bytes, cases[i].len);
		cp = 0;
		got = utf8_decode(copy, cases[i].len, &cp);
		ck_assert_msg(got == cases[i].want_len &&
		    cp == cases[i].want_cp,
		    "case %zu: got length %zu, cp 0x%x; want %zu, 0x%x", i,
		    got, (unsigned)cp, cases[i].want_len,
		    (unsigned)cases[i].want_cp);
		/* a well-formed sequence is as long as its lead announces */
		if (cp != UTF8_INVALID)
			ck_assert_uint_eq(utf8_sequence_length(
			    (unsigned char)copy[0]), got);
		xfree(copy);
	}
}

START_TEST(test_utf8_well_formed)
{
	static const struct utf8_case cases[] = {
		{ "\0", 1, 1, 0 },
		{ "A", 1, 1, 'A' },
		{ "\x7f", 1, 1, 0x7f },
		{ "ab", 2, 1, 'a' },			/* one character only */
		{ "\xc2\x80", 2, 2, 0x80 },
		{ "\xc2\xa9", 2, 2, 0xa9 },
		{ "\xdf\xbf", 2, 2, 0x7ff },
		{ "\xe0\xa0\x80", 3, 3, 0x800 },
		{ "\xe2\x82\xac", 3, 3, 0x20ac },
		{ "\xed\x9f\xbf", 3, 3, 0xd7ff },	/* below surrogates */
		{ "\xee\x80\x80", 3, 3, 0xe000 },	/* above them */
		{ "\xef\xbf\xbf", 3, 3, 0xffff },
		{ "\xf0\x90\x80\x80", 4, 4, 0x10000 },
		{ "\xf0\x9f\x98\x80", 4, 4, 0x1f600 },
		{ "\xf4\x8f\xbf\xbf", 4, 4, 0x10ffff },
		{ "\xe2\x82\xac" "x", 4, 3, 0x20ac },
	};

	ck_utf8_cases(cases, sizeof cases / sizeof cases[0]);
}
END_TEST

START_TEST(test_utf8_overlong_surrogate_range)
{
	static const struct utf8_case cases[] = {
		/* overlong forms: wrong at the lead or the second byte */
		{ "\xc0\x80", 2, 1, UTF8_INVALID },
		{ "\xc1\xbf", 2, 1, UTF8_INVALID },
		{ "\xe0\x80\x80", 3, 1, UTF8_INVALID },
		{ "\xe0\x9f\xbf", 3, 1, UTF8_INVALID },
		{ "\xf0\x80\x80\x80", 4, 1, UTF8_INVALID },
		{ "\xf0\x8f\xbf\xbf", 4, 1, UTF8_INVALID },
		/* surrogates */
		{ "\xed\xa0\x80", 3, 1, UTF8_INVALID },
		{ "\xed\xbf\xbf", 3, 1, UTF8_INVALID },
		/* past U+10FFFF */
		{ "\xf4\x90\x80\x80", 4, 1, UTF8_INVALID },
		{ "\xf5\x80\x80\x80", 4, 1, UTF8_INVALID },
		{ "\xf7\xbf\xbf\xbf", 4, 1, UTF8_INVALID },
		{ "\xf8\x88\x80\x80\x80", 5, 1, UTF8_INVALID },
		{ "\xfe", 1, 1, UTF8_INVALID },
		{ "\xff", 1, 1, UTF8_INVALID },
	};

	ck_utf8_cases(cases, sizeof cases / sizeof cases[0]);
}
END_TEST

START_TEST(test_utf8_truncated_and_continuation)
{
	static const struct utf8_case cases[] = {
		/* truncated at the end of the text: the whole start is one
		 * subpart */
		{ "\xc2", 1, 1, UTF8_INVALID },
		{ "\xe2", 1, 1, UTF8_INVALID },
		{ "\xe2\x82", 2, 2, UTF8_INVALID },
		{ "\xe2\x82\xac", 2, 2, UTF8_INVALID },	/* len stops it */
		{ "\xf0\x9f", 2, 2, UTF8_INVALID },
		{ "\xf0\x9f\x98", 3, 3, UTF8_INVALID },
		/* lone continuation bytes */
		{ "\x80", 1, 1, UTF8_INVALID },
		{ "\xbf", 1, 1, UTF8_INVALID },
		{ "\x80\x80", 2, 1, UTF8_INVALID },
		{ "\xa9" "a", 2, 1, UTF8_INVALID },
	};

	ck_utf8_cases(cases, sizeof cases / sizeof cases[0]);
}
END_TEST

START_TEST(test_utf8_maximal_subpart)
{
	static const struct utf8_case cases[] = {
		/* broken by a byte that is not a continuation byte, which is
		 * left for the next call */
		{ "\xc2" "a", 2, 1, UTF8_INVALID },
		{ "\xe0\xa0" "a", 3, 2, UTF8_INVALID },
		{ "\xe2" "a", 2, 1, UTF8_INVALID },
		{ "\xe2\x82" "a", 3, 2, UTF8_INVALID },
		{ "\xed\x9f" "a", 3, 2, UTF8_INVALID },
		{ "\xf0\x9f" "a", 3, 2, UTF8_INVALID },
		{ "\xf0\x9f\x98" "a", 4, 3, UTF8_INVALID },
		{ "\xf4\x8f\xbf" "a", 4, 3, UTF8_INVALID },
		{ "\xe2\x82\xe2\x82\xac", 5, 2, UTF8_INVALID },
		{ "\xf0\x9f\x98\xf0", 4, 3, UTF8_INVALID },
		/* a second byte out of the lead's range ends it at once */
		{ "\xe0\x80" "a", 3, 1, UTF8_INVALID },
		{ "\xed\xa0" "a", 3, 1, UTF8_INVALID },
		{ "\xf4\x90" "a", 3, 1, UTF8_INVALID },
	};

	ck_utf8_cases(cases, sizeof cases / sizeof cases[0]);
}
END_TEST

/* Unicode 3.9's example: U+FFFD substitution of maximal subparts. */
START_TEST(test_utf8_walk)
{
	static const char text[] = "\x61\xf1\x80\x80\xe1\x80\xc2\x62\x80"
	    "\x63\x80\xbf\x64";
	static const size_t want_len[] = { 1, 3, 2, 1, 1, 1, 1, 1, 1, 1 };
	static const uint32_t want_cp[] = { 'a', UTF8_INVALID, UTF8_INVALID,
	    UTF8_INVALID, 'b', UTF8_INVALID, 'c', UTF8_INVALID, UTF8_INVALID,
	    'd' };
	size_t i, k, n, len = sizeof text - 1;
	uint32_t cp;

	for (i = 0, k = 0; i < len; i += n, k++) {
		ck_assert_uint_lt(k, sizeof want_len / sizeof want_len[0]);
		n = utf8_decode(text + i, len - i, &cp);
		ck_assert_uint_eq(n, want_len[k]);
		ck_assert_uint_eq(cp, want_cp[k]);
	}
	ck_assert_uint_eq(k, sizeof want_len / sizeof want_len[0]);
}
END_TEST

START_TEST(test_utf8_count)
{
	/* "aé€😀": 1 + 2 + 3 + 4 bytes, 4 characters */
	const char *s = "a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80";

	ck_assert_uint_eq(utf8_count(s, 0), 0);
	ck_assert_uint_eq(utf8_count(s, 1), 1);
	ck_assert_uint_eq(utf8_count(s, 3), 2);
	ck_assert_uint_eq(utf8_count(s, 6), 3);
	ck_assert_uint_eq(utf8_count(s, strlen(s)), 4);
	/* cut inside a character: its lead byte counts it */
	ck_assert_uint_eq(utf8_count(s, 2), 2);
	ck_assert_uint_eq(utf8_count(s, 8), 4);
	/* a stray continuation byte starts none */
	ck_assert_uint_eq(utf8_count("\x80\x80x", 3), 1);
	/* a NUL is a character: len, not the terminator, ends the text */
	ck_assert_uint_eq(utf8_count("a\0b", 3), 3);
}
END_TEST

START_TEST(test_utf8_sequence_length)
{
	unsigned b;
	size_t want;

	for (b = 0; b < 0x100; b++) {
		if (b < 0x80)
			want = 1;
		else if (b < 0xc0)
			want = 1;	/* continuation */
		else if (b < 0xe0)
			want = 2;	/* C0 and C1 too: the pattern */
		else if (b < 0xf0)
			want = 3;
		else if (b < 0xf8)
			want = 4;	/* F5..F7 too */
		else
			want = 1;
		ck_assert_msg(utf8_sequence_length((unsigned char)b) == want,
		    "byte 0x%02x: want %zu", b, want);
	}
}
END_TEST

/* ---- atoms ---- */

START_TEST(test_atom_identity)
{
	atom_t x, y, x2;

	ck_assert_str_eq(atom_name(ATOM_NONE), "");
	ck_assert_uint_eq(atom_length(ATOM_NONE), 0);
	x = atom_from("x");
	ck_assert_uint_eq(x, 1);
	y = atom_from("y");
	ck_assert_uint_eq(y, 2);
	x2 = atom_intern("xyz", 1);	/* not NUL-terminated at len */
	ck_assert_uint_eq(x2, x);
	ck_assert_uint_eq(atom_intern("xyz", 3), 3);
	ck_assert_str_eq(atom_name(x), "x");
	ck_assert_str_eq(atom_name(3), "xyz");
	ck_assert_uint_eq(atom_length(3), 3);
	ck_assert_uint_ne(atom_from(""), ATOM_NONE);
	ck_assert_uint_eq(atom_from(""), atom_intern("", 0));
}
END_TEST

START_TEST(test_atom_many)
{
	char name[32];
	const char *first;
	atom_t a;
	int i;

	first = atom_name(atom_from("name0"));
	for (i = 0; i < 20000; i++) {
		snprintf(name, sizeof name, "name%d", i);
		a = atom_from(name);
		ck_assert_uint_eq(a, (atom_t)i + 1);
	}
	/* Earlier names stay where they were while the table grows. */
	ck_assert_ptr_eq(atom_name(1), first);
	for (i = 0; i < 20000; i++) {
		snprintf(name, sizeof name, "name%d", i);
		ck_assert_uint_eq(atom_from(name), (atom_t)i + 1);
		ck_assert_str_eq(atom_name((atom_t)i + 1), name);
	}
}
END_TEST

START_TEST(test_atom_reset)
{
	atom_from("a");
	atom_from("b");
	ck_assert_uint_eq(atom_from("b"), 2);
	atom_reset();
	ck_assert_str_eq(atom_name(2), "");
	ck_assert_uint_eq(atom_from("b"), 1);
	atom_reset();
	atom_reset();	/* twice is fine */
}
END_TEST

/* ---- diagnostics ---- */

/* What diag_print writes, as a string the caller frees. */
static char *
printed(const struct diag *list, const char *source)
{
	char buf[4096];
	size_t n;
	FILE *f;

	f = tmpfile();
	ck_assert_ptr_nonnull(f);
	diag_print(f, list, source);
	rewind(f);
	n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	return xstrdup(buf);
}

#define ck_printed(list, source, want) do {				\
	char *got_ = printed((list), (source));				\
	ck_assert_str_eq(got_, (want));					\
	xfree(got_);							\
} while (0)

START_TEST(test_diag_excerpt)
{
	/* Column 12 of line 2 is the x, after the two-byte é. */
	const char *src = "title: caf\xc3\xa9\nsteps: [\xc3\xa9, x\n";
	struct srcpos pos = { 2, 12 };
	struct diag *d;

	d = diag_new("f.yaml", pos, DIAG_MALFORMED, "name '%s' is not defined",
	    "x");
	diag_set_hint(d, "bind %s first", "x");
	ck_printed(d, src,
	    "f.yaml:2:12: error: name 'x' is not defined\n"
	    "    2 | steps: [\xc3\xa9, x\n"
	    "      |            ^\n"
	    "hint: bind x first\n");
	/* Without the source: no excerpt. */
	ck_printed(d, NULL,
	    "f.yaml:2:12: error: name 'x' is not defined\n"
	    "hint: bind x first\n");
	diag_set_hint(d, "replaced");
	ck_assert_str_eq(d->hint, "replaced");
	diag_free(d);
}
END_TEST

START_TEST(test_diag_positions)
{
	const char *src = "a: 1\r\nb: [\t2\n";
	struct srcpos none = { 0, 0 }, lineonly = { 1, 0 }, far = { 9, 1 };
	struct srcpos tab = { 2, 6 }, past = { 1, 7 }, end = { 3, 1 };
	struct diag *d;

	d = diag_new("f.yaml", none, DIAG_MALFORMED, "empty file");
	ck_printed(d, src, "f.yaml: error: empty file\n");
	diag_free(d);

	d = diag_new(NULL, none, DIAG_MALFORMED, "no file");
	ck_printed(d, src, "refscope: error: no file\n");
	diag_free(d);

	d = diag_new("f.yaml", lineonly, DIAG_MALFORMED, "m");
	ck_printed(d, src, "f.yaml:1: error: m\n    1 | a: 1\n");
	diag_free(d);

	d = diag_new("f.yaml", far, DIAG_MALFORMED, "m");	/* no such line */
	ck_printed(d, src, "f.yaml:9:1: error: m\n");
	diag_free(d);

	/* The tab is shown as \t, and the caret moves with it. */
	d = diag_new("f.yaml", tab, DIAG_MALFORMED, "m");
	ck_printed(d, src,
	    "f.yaml:2:6: error: m\n"
	    "    2 | b: [\\t2\n"
	    "      |       ^\n");
	diag_free(d);

	/* Just past the end of the line (CRLF is one break). */
	d = diag_new("f.yaml", past, DIAG_MALFORMED, "m");
	ck_printed(d, src,
	    "f.yaml:1:7: error: m\n"
	    "    1 | a: 1\n"
	    "      |       ^\n");
	diag_free(d);

	/* The empty line after the last break exists (end of stream). */
	d = diag_new("f.yaml", end, DIAG_MALFORMED, "m");
	ck_printed(d, src,
	    "f.yaml:3:1: error: m\n"
	    "    3 |\n"
	    "      | ^\n");
	diag_free(d);
}
END_TEST

START_TEST(test_diag_visible_and_list)
{
	const char *src = "do: \xe2\x80\xae" "x\x1b\n";
	struct srcpos p1 = { 1, 6 }, p2 = { 1, 1 };
	struct diag *list = NULL, *d;

	ck_assert_int_eq(diag_list_status(list), 0);
	d = diag_new("f\x1b.yaml", p1, DIAG_EXPECT_FAILED, "bad %s",
	    "\x1b[31mred");
	diag_append(&list, d);
	ck_assert_int_eq(diag_list_status(list), 1);
	diag_append(&list, diag_new("g.yaml", p2, DIAG_MALFORMED, "second"));
	ck_assert_int_eq(diag_list_status(list), 2);
	ck_assert_ptr_eq(list, d);
	ck_assert_str_eq(list->next->message, "second");
	ck_printed(list, src,
	    "f\\x1b.yaml:1:6: error: bad \\x1b[31mred\n"
	    "    1 | do: \\u202ex\\x1b\n"
	    "      |           ^\n"
	    "g.yaml:1:1: error: second\n"
	    "    1 | do: \\u202ex\\x1b\n"
	    "      | ^\n");
	diag_free(list);
	diag_free(NULL);
}
END_TEST

/* The index in characters (not bytes) of the first c of s. */
static size_t
char_index(const char *s, char c)
{
	size_t n = 0;

	for (; *s != '\0' && *s != c; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

START_TEST(test_diag_long_line)
{
	/* One line of 400 001 characters with the error at column 200 001
	 * (a one-line file of a megabyte gave a message of as much, and a
	 * caret line of as many spaces): a window around the column, cut
	 * with an ellipsis at both ends, the caret under the x. */
	size_t half = 200000;
	char *src = xmalloc(2 * half + 2), *got, *line, *caret;
	struct srcpos pos = { 1, (uint32_t)half + 1 };
	struct diag *d;

	memset(src, 'a', half);
	src[half] = 'x';
	memset(src + half + 1, 'b', half);
	src[2 * half + 1] = '\0';
	d = diag_new("f", pos, DIAG_MALFORMED, "m");
	got = printed(d, src);
	ck_assert_uint_lt(strlen(got), 300);
	line = strstr(got, "    1 | \xe2\x80\xa6" "a");
	ck_assert_ptr_nonnull(line);
	ck_assert_ptr_nonnull(strstr(line, "xbbb"));
	ck_assert_ptr_nonnull(strstr(line, "b\xe2\x80\xa6\n"));
	caret = strchr(line, '\n') + 1;
	ck_assert_uint_eq(char_index(caret, '^'), char_index(line, 'x'));
	xfree(got);

	/* Near the start, no cut before; the caret under the x. */
	src[half] = 'b';
	src[10] = 'x';
	pos.col = 11;
	diag_free(d);
	d = diag_new("f", pos, DIAG_MALFORMED, "m");
	got = printed(d, src);
	ck_assert_ptr_nonnull(strstr(got, "    1 | aaaaaaaaaax"));
	caret = strchr(strstr(got, "    1 | "), '\n') + 1;
	ck_assert_uint_eq(char_index(caret, '^'), char_index(strstr(got,
	    "    1 | "), 'x'));
	xfree(got);
	diag_free(d);
	xfree(src);
}
END_TEST

START_TEST(test_diag_line_breaks)
{
	/* libyaml's lines end at NEL and LS too, an editor's do not: a
	 * position on libyaml's line 3 is on the editor's line 1, and is
	 * printed so (a BOM is not on line 1). */
	const char *src = "\xef\xbb\xbf" "a\xc2\x85" "b\xe2\x80\xa8" "c\rd";
	struct srcpos p1 = { 1, 1 }, p3 = { 3, 1 }, p4 = { 4, 1 };
	struct srcpos past = { 2, 2 };
	struct diag *d;

	d = diag_new("f", p1, DIAG_MALFORMED, "m");
	ck_printed(d, src, "f:1:1: error: m\n    1 | a\\u0085b\\u2028c\n"
	    "      | ^\n");
	diag_free(d);
	d = diag_new("f", p3, DIAG_MALFORMED, "m");
	ck_printed(d, src, "f:1:5: error: m\n    1 | a\\u0085b\\u2028c\n"
	    "      |               ^\n");
	diag_free(d);
	d = diag_new("f", p4, DIAG_MALFORMED, "m");
	ck_printed(d, src, "f:2:1: error: m\n    2 | d\n      | ^\n");
	diag_free(d);
	/* the end of libyaml's line 2 ("b"): the LS, column 4 */
	d = diag_new("f", past, DIAG_MALFORMED, "m");
	ck_printed(d, src, "f:1:4: error: m\n    1 | a\\u0085b\\u2028c\n"
	    "      |         ^\n");
	diag_free(d);
	/* without the source, libyaml's position as it is */
	d = diag_new("f", p3, DIAG_MALFORMED, "m");
	ck_printed(d, NULL, "f:3:1: error: m\n");
	diag_free(d);
}
END_TEST

/* ---- xalloc ---- */

static jmp_buf oom_jump;
static volatile int oom_count;

static void
oom_handler(void)
{
	oom_count++;
	longjmp(oom_jump, 1);
}

START_TEST(test_xalloc_injection)
{
	void *volatile a = NULL, *volatile b = NULL, *volatile c = NULL;

	xalloc_set_fatal(oom_handler);
	oom_count = 0;
	xalloc_fail_after(3);
	if (setjmp(oom_jump) == 0) {
		a = xmalloc(8);
		b = xstrdup("two");
		c = xmalloc(8);		/* the third: fails */
		ck_abort_msg("the third allocation did not fail");
	}
	ck_assert_int_eq(oom_count, 1);
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	ck_assert_ptr_null(c);
	ck_assert_str_eq((char *)b, "two");
	/* It fired once and is disarmed now. */
	c = xrealloc(a, 64);
	a = NULL;
	xfree(c);
	xfree(b);

	/* 0 disarms. */
	xalloc_fail_after(1);
	xalloc_fail_after(0);
	a = xcalloc(4, 4);
	xfree(a);
	ck_assert_int_eq(oom_count, 1);
}
END_TEST

START_TEST(test_xalloc_overflow)
{
	void *volatile p = NULL;

	xalloc_set_fatal(oom_handler);
	oom_count = 0;
	if (setjmp(oom_jump) == 0) {
		p = xcalloc(SIZE_MAX / 2, 4);
		ck_abort_msg("xcalloc did not check count * size");
	}
	ck_assert_int_eq(oom_count, 1);
	p = xmalloc(4);
	if (setjmp(oom_jump) == 0) {
		p = xreallocarray(p, SIZE_MAX / 8, 16);
		ck_abort_msg("xreallocarray did not check count * size");
	}
	ck_assert_int_eq(oom_count, 2);
	xfree(p);	/* untouched by the failed call */
}
END_TEST

START_TEST(test_xalloc_strings)
{
	char *s;

	s = xstrndup("abcdef", 3);
	ck_assert_str_eq(s, "abc");
	xfree(s);
	s = xstrndup("ab", 10);		/* stops at the NUL */
	ck_assert_str_eq(s, "ab");
	xfree(s);
	s = xasprintf("%s=%d", "n", 7);
	ck_assert_str_eq(s, "n=7");
	xfree(s);
	s = xmalloc(0);
	ck_assert_ptr_nonnull(s);
	xfree(s);
	xfree(NULL);
}
END_TEST

/* Forked only: the default handler prints and exits with status 2. */
START_TEST(test_xalloc_default_exits)
{
	xalloc_fail_after(1);
	(void)xmalloc(16);
	ck_abort_msg("xmalloc returned after a failure");
}
END_TEST

static Suite *
base_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("base");

	tc = tcase_create("strbuf");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_strbuf_empty);
	tcase_add_test(tc, test_strbuf_growth);
	tcase_add_test(tc, test_strbuf_printf);
	suite_add_tcase(s, tc);

	tc = tcase_create("visible");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_visible_c0_and_del);
	tcase_add_test(tc, test_visible_unicode);
	tcase_add_test(tc, test_visible_invalid_utf8);
	suite_add_tcase(s, tc);

	tc = tcase_create("json");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_json_basic);
	tcase_add_test(tc, test_json_controls);
	tcase_add_test(tc, test_json_line_separator);
	tcase_add_test(tc, test_json_invalid_utf8);
	suite_add_tcase(s, tc);

	tc = tcase_create("utf8");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_utf8_well_formed);
	tcase_add_test(tc, test_utf8_overlong_surrogate_range);
	tcase_add_test(tc, test_utf8_truncated_and_continuation);
	tcase_add_test(tc, test_utf8_maximal_subpart);
	tcase_add_test(tc, test_utf8_walk);
	tcase_add_test(tc, test_utf8_sequence_length);
	tcase_add_test(tc, test_utf8_count);
	suite_add_tcase(s, tc);

	tc = tcase_create("atom");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_atom_identity);
	tcase_add_test(tc, test_atom_many);
	tcase_add_test(tc, test_atom_reset);
	suite_add_tcase(s, tc);

	tc = tcase_create("diag");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_diag_excerpt);
	tcase_add_test(tc, test_diag_positions);
	tcase_add_test(tc, test_diag_visible_and_list);
	tcase_add_test(tc, test_diag_line_breaks);
	tcase_add_test(tc, test_diag_long_line);
	suite_add_tcase(s, tc);

	tc = tcase_create("xalloc");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_xalloc_injection);
	tcase_add_test(tc, test_xalloc_overflow);
	tcase_add_test(tc, test_xalloc_strings);
	suite_add_tcase(s, tc);

	return s;
}

int
main(void)
{
	SRunner *sr;
	Suite *s;
	TCase *tc;
	int failed;

	s = base_suite();
	sr = srunner_create(s);
	/* Without fork, exiting would end the whole run. */
	if (srunner_fork_status(sr) != CK_NOFORK) {
		tc = tcase_create("xalloc_exit");
		tcase_add_checked_fixture(tc, setup, teardown);
		tcase_add_exit_test(tc, test_xalloc_default_exits, 2);
		suite_add_tcase(s, tc);
	}
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	atom_reset();
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
