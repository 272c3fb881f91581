/*
 * pyfile.c: a .py file → a scenario whose steps are its lines.
 *
 * Two passes.  The first cuts the text into logical lines as Python's
 * tokenizer does (brackets and backslashes join physical lines, strings
 * may hold '#'), each with its indentation, its code and its comment.
 * The second reads the blocks by indentation and lays each body (the
 * module's, each function's) out as a list of steps in source order,
 * wiring where control goes next by back-patching: the jumps still open
 * when a step is added lead to it; a body's open jumps at its end lead
 * to its loop header, or past its `if`, or out of the function.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "lang/parser.h"
#include "lang/pyfile.h"
#include "py/pyversion.h"

/* One logical line: code (maybe none) and a comment (maybe none). */
struct pyline {
	size_t		 start, end;	/* code bytes; start == end: none */
	struct srcpos	 pos;		/* of the code's first character */
	uint32_t	 indent;	/* columns before the code */
	size_t		 cstart, cend;	/* comment text, after the '#' */
	struct srcpos	 cpos;		/* of that text */
	bool		 has_comment;
};

/* A jump still open: step index * 2, + 1 for the step's alt. */
struct patches {
	uint32_t	*items;
	uint32_t	 count, cap;
};

/* A body being laid out (the module's or a function's). */
struct body {
	struct scenario_step	*steps;
	uint32_t		 count, cap;
	struct patches		 open;		/* jumps to the next step */
	bool			 in_function;
	uint32_t		 class_fn;	/* a class body: its function
						   number + 1, else 0 */
	uint32_t		 def_fn;	/* a def's body: its function
						   number + 1, else 0 */
	/* what the steps being added get (scenario_step's fields) */
	uint32_t		 handler, clause;
	uint32_t		 blocks;	/* `for` loops and `except`
						   blocks around them */
};

struct loop {
	uint32_t	 header;
	struct patches	 breaks;
};

struct reader {
	const char	*file;
	const char	*src;
	size_t		 len;
	struct pyline	*lines;
	uint32_t	 count, pos;
	struct diag	**errors;
	bool		 failed;
	struct scenario	*sc;
	struct body	**bodies;	/* the module's, then each function's */
	uint32_t	 body_count;
	bool		 started;	/* a statement was read */
	uint32_t	 indents[PARSER_MAX_DEPTH + 2];	/* of the blocks
					   being read, outermost first */
	/* narration waiting for the next statement */
	struct strbuf	 say;
	struct srcpos	 say_pos;
	/* the statement a directive below it belongs to */
	struct body	*last_body;
	uint32_t	 last_step;
};

static void pyfile_error(struct reader *r, struct srcpos pos, const char *fmt,
    ...) __attribute__((format(printf, 3, 4)));

static void
pyfile_error(struct reader *r, struct srcpos pos, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (!r->failed)
		diag_append(r->errors, diag_newv(r->file, pos,
		    DIAG_MALFORMED, fmt, ap));
	va_end(ap);
	r->failed = true;
}

/* ---- pass 1: logical lines ---- */

/* The column (1-based, in characters) of byte at, on the line from bol. */
static uint32_t
column(const char *src, size_t bol, size_t at)
{
	return (uint32_t)utf8_count(src + bol, at - bol) + 1;
}

/* Skips a string literal starting at quote q; returns the byte after it
 * (or where it stops unterminated: the lexer will say so). */
static size_t
skip_string(struct reader *r, size_t q, uint32_t *line, size_t *bol)
{
	const char	*s = r->src;
	char		 c = s[q];
	bool		 triple = q + 2 < r->len && s[q + 1] == c && s[q + 2] == c;
	size_t		 i = q + (triple ? 3 : 1);

	while (i < r->len) {
		if (s[i] == '\\' && i + 1 < r->len) {
			if (s[i + 1] == '\n') {
				(*line)++;
				*bol = i + 2;
			}
			i += 2;
			continue;
		}
		if (s[i] == '\n') {
			if (!triple)
				return i;
			(*line)++;
			*bol = i + 1;
		} else if (s[i] == c && (!triple || (i + 2 < r->len &&
		    s[i + 1] == c && s[i + 2] == c)))
			return i + (triple ? 3 : 1);
		i++;
	}
	return i;
}

static void
add_line(struct reader *r, const struct pyline *l, uint32_t *cap)
{
	if (r->count == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		r->lines = xreallocarray(r->lines, *cap, sizeof *r->lines);
	}
	r->lines[r->count++] = *l;
}

static void
split_lines(struct reader *r)
{
	const char	*s = r->src;
	size_t		 i = 0, bol;
	uint32_t	 line = 1, cap = 0;

	if (r->len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < r->len) {
		struct pyline	 l;
		unsigned	 depth = 0;
		uint32_t	 indent = 0;
		size_t		 last = i;	/* end of code so far */

		memset(&l, 0, sizeof l);
		bol = i;
		while (i < r->len && (s[i] == ' ' || s[i] == '\t' ||
		    s[i] == '\f')) {
			indent = s[i] == '\t' ? (indent / 8 + 1) * 8 :
			    s[i] == ' ' ? indent + 1 : 0;
			i++;
		}
		l.indent = indent;
		l.start = l.end = i;
		l.pos = (struct srcpos){ line, column(s, bol, i) };
		while (i < r->len) {
			char c = s[i];

			if (c == '#') {
				size_t e = i;

				while (e < r->len && s[e] != '\n')
					e++;
				l.has_comment = true;
				l.cstart = i + 1;
				l.cend = e;
				while (l.cend > l.cstart && (s[l.cend - 1] ==
				    '\r' || s[l.cend - 1] == ' '))
					l.cend--;
				l.cpos = (struct srcpos){ line,
				    column(s, bol, i + 1) };
				i = e;
				continue;
			}
			if (c == '\n') {
				i++;
				if (depth == 0)
					break;
				line++;
				bol = i;
				continue;
			}
			if (c == '\\' && i + 1 < r->len && (s[i + 1] == '\n' ||
			    (s[i + 1] == '\r' && i + 2 < r->len &&
			    s[i + 2] == '\n'))) {
				i += s[i + 1] == '\n' ? 2 : 3;
				line++;
				bol = i;
				continue;
			}
			if (c == '\'' || c == '"') {
				i = skip_string(r, i, &line, &bol);
				last = i;
				continue;
			}
			if (c == '(' || c == '[' || c == '{')
				depth++;
			else if ((c == ')' || c == ']' || c == '}') &&
			    depth > 0)
				depth--;
			i++;
			if (c != ' ' && c != '\t' && c != '\r' && c != '\f')
				last = i;
		}
		if (last > l.start)
			l.end = last;
		line++;
		if (l.end > l.start || l.has_comment)
			add_line(r, &l, &cap);
	}
}

/* ---- pass 2: blocks and steps ---- */

static bool
has_code(const struct pyline *l)
{
	return l->end > l->start;
}

/* Whether the code of l starts with keyword kw (as a whole word). */
static bool
starts_with(const struct reader *r, const struct pyline *l, const char *kw)
{
	size_t n = strlen(kw);
	char c;

	if (l->end - l->start < n || memcmp(r->src + l->start, kw, n) != 0)
		return false;
	if (l->start + n == l->end)
		return true;
	c = r->src[l->start + n];
	return !(c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' &&
	    c <= 'Z') || (c >= '0' && c <= '9') || (c & 0x80));
}

static void
patch_add(struct patches *p, uint32_t step, bool alt)
{
	if (p->count == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 8;
		p->items = xreallocarray(p->items, p->cap, sizeof *p->items);
	}
	p->items[p->count++] = step * 2 + (alt ? 1 : 0);
}

static void
patch_move(struct patches *to, struct patches *from)
{
	for (uint32_t i = 0; i < from->count; i++) {
		if (to->count == to->cap) {
			to->cap = to->cap ? to->cap * 2 : 8;
			to->items = xreallocarray(to->items, to->cap,
			    sizeof *to->items);
		}
		to->items[to->count++] = from->items[i];
	}
	from->count = 0;
}

/* Points every open jump of p at step target. */
static void
patch_to(struct body *b, struct patches *p, uint32_t target)
{
	for (uint32_t i = 0; i < p->count; i++) {
		struct scenario_step *st = &b->steps[p->items[i] / 2];

		if (p->items[i] % 2)
			st->alt = target;
		else
			st->next = target;
	}
	p->count = 0;
}

static void
text_free_py(struct text *t)
{
	xfree(t->value);
	t->value = NULL;
}

static void
text_of(struct text *t, const char *bytes, size_t len, struct srcpos pos)
{
	memset(t, 0, sizeof *t);
	t->value = xmalloc(len + 1);
	memcpy(t->value, bytes, len);
	t->value[len] = '\0';
	t->len = len;
	t->pos = pos;
	t->style = TEXT_PYTHON;
}

/* A comment's text with the blank after '#' gone. */
static void
comment_text(const struct reader *r, const struct pyline *l, size_t *start,
    struct srcpos *pos)
{
	*start = l->cstart;
	*pos = l->cpos;
	if (*start < l->cend && r->src[*start] == ' ') {
		(*start)++;
		pos->col++;
	}
}

static struct scenario_step *
last_step(struct reader *r)
{
	return &r->last_body->steps[r->last_step];
}

/* The text after a directive's word ("expect:"), spaces skipped. */
static void
directive_rest(struct reader *r, const struct pyline *l, size_t start,
    struct srcpos pos, size_t word, struct text *out)
{
	start += word;
	pos.col += word;
	while (start < l->cend && r->src[start] == ' ') {
		start++;
		pos.col++;
	}
	text_of(out, r->src + start, l->cend - start, pos);
}

/* Whether the comment text t (n bytes) starts with word. */
static bool
comment_starts(const char *t, size_t n, const char *word)
{
	size_t	w = strlen(word);

	return n >= w && memcmp(t, word, w) == 0;
}

/* Skips the blanks of l's comment from i (and pos with it). */
static size_t
skip_blanks(const struct reader *r, const struct pyline *l, size_t i,
    struct srcpos *pos)
{
	while (i < l->cend && r->src[i] == ' ') {
		i++;
		pos->col++;
	}
	return i;
}

/*
 * `# label: SUBJECT "NAME"[, SUBJECT "NAME"...]` from byte i of l's
 * comment: YAML's label: mapping, for the statement above.  A subject is
 * an expect: subject (the compiler parses it); it ends at the blank before
 * the name's opening quote, outside brackets and strings.  The name is in
 * double quotes, where \" and \\ stand for " and \.
 */
static void
labels(struct reader *r, const struct pyline *l, size_t i, struct srcpos pos)
{
	struct scenario_step	*st = last_step(r);
	const char		*s = r->src;

	for (;;) {
		struct scenario_label	*lb;
		struct srcpos		 spos, npos;
		struct strbuf		 name = STRBUF_INIT;
		size_t			 b, e;
		unsigned		 depth = 0;
		char			 quote = 0;

		i = skip_blanks(r, l, i, &pos);
		b = i;
		spos = pos;
		for (e = i; e < l->cend; e++) {
			char c = s[e];

			if (quote != 0) {
				if (c == '\\' && e + 1 < l->cend)
					e++;
				else if (c == quote)
					quote = 0;
			} else if (c == '\'' || (c == '"' && depth > 0))
				quote = c;
			else if (c == '[' || c == '(')
				depth++;
			else if ((c == ']' || c == ')') && depth > 0)
				depth--;
			else if (c == '"' && depth == 0)
				break;
		}
		pos.col += (uint32_t)utf8_count(s + b, e - b);
		i = e;
		while (e > b && s[e - 1] == ' ')
			e--;
		if (e == b || i >= l->cend) {
			pyfile_error(r, e == b ? spos : pos, "`# label:` "
			    "expected an object and its name in double quotes, "
			    "as in # label: r.a \"node 1\"");
			return;
		}
		npos = pos;
		for (i++, pos.col++; i < l->cend && s[i] != '"'; i++) {
			if (s[i] == '\\' && i + 1 < l->cend &&
			    (s[i + 1] == '"' || s[i + 1] == '\\')) {
				i++;
				pos.col++;
			}
			strbuf_putc(&name, s[i]);
			if ((s[i] & 0xc0) != 0x80)
				pos.col++;
		}
		if (i >= l->cend) {
			pyfile_error(r, npos, "`# label:` a name without its "
			    "closing quote");
			strbuf_free(&name);
			return;
		}
		i++;
		pos.col++;
		if (utf8_count(name.data, name.len) > SCENARIO_MAX_LABEL) {
			pyfile_error(r, npos, "the label is %zu characters "
			    "long; the limit is %u", utf8_count(name.data,
			    name.len), SCENARIO_MAX_LABEL);
			strbuf_free(&name);
			return;
		}
		if (st->label_count == SCENARIO_MAX_STEP_LABELS) {
			pyfile_error(r, spos, "more than %u labels for one "
			    "statement", SCENARIO_MAX_STEP_LABELS);
			strbuf_free(&name);
			return;
		}
		st->labels = xreallocarray(st->labels, st->label_count + 1,
		    sizeof *st->labels);
		lb = &st->labels[st->label_count++];
		text_of(&lb->subject, s + b, e - b, spos);
		text_of(&lb->name, name.data != NULL ? name.data : "",
		    name.len, npos);
		strbuf_free(&name);
		i = skip_blanks(r, l, i, &pos);
		if (i >= l->cend)
			return;
		if (s[i] != ',') {
			pyfile_error(r, pos, "`# label:` expected ',' and "
			    "another label, or the end of the line");
			return;
		}
		i++;
		pos.col++;
	}
}

/*
 * `# expect: EXPR`, `# ask: EXPR`, `# answer: VALUE`, `# label: ...` or
 * `# pause`: for the
 * statement above (or on) the line.  Returns false when the comment is
 * narration.
 */
static bool
directive(struct reader *r, const struct pyline *l, bool trailing)
{
	struct scenario_step *st;
	size_t		 start;
	struct srcpos	 pos;
	const char	*t;
	size_t		 n;

	comment_text(r, l, &start, &pos);
	t = r->src + start;
	n = l->cend - start;
	/* `# expect[3.12+]: ...`: the versions go with the check, which
	 * the compiler reads as `[3.12+]: ...` (a YAML expect's prefix) */
	if (comment_starts(t, n, "expect:") || comment_starts(t, n,
	    "expect[")) {
		if (r->last_body == NULL) {
			pyfile_error(r, l->cpos, "`# expect:` checks the "
			    "statement above it, and there is none");
			return true;
		}
		st = last_step(r);
		if (st->expect_count == SCENARIO_MAX_WRITTEN_STEPS) {
			pyfile_error(r, l->cpos, "too many `# expect:` lines");
			return true;
		}
		st->expects = xreallocarray(st->expects, st->expect_count + 1,
		    sizeof *st->expects);
		directive_rest(r, l, start, pos, t[6] == ':' ? 7 : 6,
		    &st->expects[st->expect_count++]);
		return true;
	}
	if (comment_starts(t, n, "ask:")) {
		if (r->last_body == NULL)
			pyfile_error(r, l->cpos, "`# ask:` asks about the "
			    "statement above it, and there is none");
		else if ((st = last_step(r))->ask.value != NULL)
			pyfile_error(r, l->cpos, "the statement above already "
			    "has a `# ask:`; a step asks one question");
		else
			directive_rest(r, l, start, pos, 4, &st->ask);
		return true;
	}
	if (comment_starts(t, n, "answer:")) {
		if (r->last_body == NULL ||
		    (st = last_step(r))->ask.value == NULL)
			pyfile_error(r, l->cpos, "`# answer:` answers the "
			    "`# ask:` above it, and there is none");
		else if (st->answer.value != NULL)
			pyfile_error(r, l->cpos, "the `# ask:` above already "
			    "has its `# answer:`");
		else
			directive_rest(r, l, start, pos, 7, &st->answer);
		return true;
	}
	if (n >= 6 && memcmp(t, "label:", 6) == 0) {
		if (r->last_body == NULL)
			pyfile_error(r, l->cpos, "`# label:` names objects of "
			    "the statement above it, and there is none");
		else
			labels(r, l, start + 6, (struct srcpos){ pos.line,
			    pos.col + 6 });
		return true;
	}
	if (n == 5 && memcmp(t, "pause", 5) == 0) {
		if (r->last_body == NULL)
			pyfile_error(r, l->cpos, "`# pause` stops after the "
			    "statement above it, and there is none");
		else
			last_step(r)->pause = true;
		return true;
	}
	(void)trailing;
	return false;
}

static bool
word_is(const char *s, size_t n, const char *w)
{
	return strlen(w) == n && memcmp(s, w, n) == 0;
}

/* One `NAME VALUE` of a settings line. */
static void
setting(struct reader *r, const char *s, size_t n, struct srcpos pos)
{
	struct scenario_settings *set = &r->sc->settings;
	size_t	k = 0, v;

	while (k < n && s[k] != ' ')
		k++;
	v = k;
	while (v < n && s[v] == ' ')
		v++;
	if (word_is(s, k, "gc")) {
		if (word_is(s + v, n - v, "cpython"))
			set->gc = GC_MODEL_CPYTHON;
		else if (word_is(s + v, n - v, "textbook"))
			set->gc = GC_MODEL_TEXTBOOK;
		else if (word_is(s + v, n - v, "off"))
			set->gc = GC_MODEL_OFF;
		else
			pyfile_error(r, pos, "gc: expected one of cpython, "
			    "textbook, off, found '%.*s'", (int)(n - v), s + v);
	} else if (word_is(s, k, "gc_threshold")) {
		char		*end;
		unsigned long	 t;
		char		 buf[16];

		if (n - v == 0 || n - v >= sizeof buf) {
			pyfile_error(r, pos, "gc_threshold: expected a number "
			    "from 1 to %u", UINT32_MAX);
			return;
		}
		memcpy(buf, s + v, n - v);
		buf[n - v] = '\0';
		t = strtoul(buf, &end, 10);
		if (*end != '\0' || buf[0] < '0' || buf[0] > '9' || t < 1 ||
		    t > UINT32_MAX)
			pyfile_error(r, pos, "gc_threshold: expected a number "
			    "from 1 to %u, found '%s'", UINT32_MAX, buf);
		else
			set->gc_threshold = (uint32_t)t;
	} else if (word_is(s, k, "python")) {
		if (!pyversion_parse(s + v, n - v, &set->python))
			pyfile_error(r, pos, "python: expected "
			    PY_VERSION_CHOICES ", found '%.*s'",
			    (int)(n - v), s + v);
		else
			set->python_set = true;
	} else if (word_is(s, k, "small_int_cache") ||
	    word_is(s, k, "intern_strings")) {
		bool *b = word_is(s, k, "small_int_cache") ?
		    &set->small_int_cache : &set->intern_strings;

		if (word_is(s + v, n - v, "true"))
			*b = true;
		else if (word_is(s + v, n - v, "false"))
			*b = false;
		else
			pyfile_error(r, pos, "%.*s: expected true or false, "
			    "found '%.*s'", (int)k, s, (int)(n - v), s + v);
	} else if (word_is(s, k, "section")) {
		const char	*q = s + v;
		size_t		 qn = n - v;

		if (qn >= 2 && q[0] == '"' && q[qn - 1] == '"') {
			q++;
			qn -= 2;
		}
		text_free_py(&r->sc->section);
		text_of(&r->sc->section, q, qn, pos);
	} else
		pyfile_error(r, pos, "unknown setting '%.*s' (expected gc, "
		    "gc_threshold, small_int_cache, intern_strings, python, "
		    "section)",
		    (int)k, s);
}

/* `# refscope: NAME VALUE[, NAME VALUE...]` */
static bool
settings_line(struct reader *r, const struct pyline *l)
{
	size_t		 start, i;
	struct srcpos	 pos;

	comment_text(r, l, &start, &pos);
	if (l->cend - start < 9 || memcmp(r->src + start, "refscope:", 9) != 0)
		return false;
	if (r->started) {
		pyfile_error(r, l->cpos, "a `# refscope:` settings line "
		    "belongs at the top of the file, before the first "
		    "statement");
		return true;
	}
	r->sc->settings.pos = l->cpos;
	i = start + 9;
	pos.col += 9;
	while (i < l->cend && !r->failed) {
		size_t b, e;

		while (i < l->cend && r->src[i] == ' ') {
			i++;
			pos.col++;
		}
		b = i;
		/* a quoted value may hold a comma: section "1. Names, not
		 * variables" */
		for (bool quoted = false; i < l->cend && (quoted ||
		    r->src[i] != ','); i++)
			if (r->src[i] == '"')
				quoted = !quoted;
		e = i;
		while (e > b && r->src[e - 1] == ' ')
			e--;
		if (e > b)
			setting(r, r->src + b, e - b, pos);
		pos.col += (uint32_t)utf8_count(r->src + b, i - b) + 1;
		i++;
	}
	return true;
}

static bool
has_word(const char *s, size_t n, const char *w)
{
	size_t wn = strlen(w);

	for (size_t i = 0; i + wn <= n; i++)
		if (memcmp(s + i, w, wn) == 0)
			return true;
	return false;
}

/* A full-line comment: settings, a directive, or narration. */
static void
comment_line(struct reader *r, const struct pyline *l)
{
	size_t		start;
	struct srcpos	pos;

	if (settings_line(r, l) || directive(r, l, false))
		return;
	comment_text(r, l, &start, &pos);
	/* #!... and an encoding line are for the system, not the class */
	if (l->cpos.line <= 2 && (r->src[l->cstart] == '!' ||
	    has_word(r->src + l->cstart, l->cend - l->cstart, "coding")))
		return;
	if (r->say.len == 0)
		r->say_pos = pos;
	else
		strbuf_putc(&r->say, '\n');
	strbuf_append(&r->say, r->src + start, l->cend - start);
}

/* Adds the step of line l to b: the open jumps lead to it. */
static uint32_t
add_step(struct reader *r, struct body *b, const struct pyline *l)
{
	struct scenario_step	*st;
	uint32_t		 k = b->count;

	if (b->count == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 16;
		b->steps = xreallocarray(b->steps, b->cap, sizeof *b->steps);
	}
	st = &b->steps[b->count++];
	memset(st, 0, sizeof *st);
	st->pos = l->pos;
	text_of(&st->code, r->src + l->start, l->end - l->start, l->pos);
	st->repeat = 1;
	st->repeat_pos = l->pos;
	st->next = st->alt = SCENARIO_STEP_END;
	st->handler = b->handler;
	st->clause = b->clause;
	patch_to(b, &b->open, k);
	r->last_body = b;
	r->last_step = k;
	r->started = true;
	if (l->has_comment && !directive(r, l, true)) {
		size_t		start;
		struct srcpos	pos;

		comment_text(r, l, &start, &pos);
		if (r->say.len == 0)
			r->say_pos = pos;
		else
			strbuf_putc(&r->say, '\n');
		strbuf_append(&r->say, r->src + start, l->cend - start);
	}
	if (r->say.len > 0) {
		text_of(&st->say, r->say.data, r->say.len, r->say_pos);
		strbuf_truncate(&r->say, 0);
	}
	return k;
}

/* The next line with code, the comments before it read. */
static const struct pyline *
next_code(struct reader *r)
{
	while (r->pos < r->count && !has_code(&r->lines[r->pos]) &&
	    !r->failed)
		comment_line(r, &r->lines[r->pos++]);
	return r->pos < r->count && !r->failed ? &r->lines[r->pos] : NULL;
}

static void block(struct reader *r, struct body *b, uint32_t indent,
    struct loop *loop, unsigned depth);

/* The indented block under header h (a statement of `what`, e.g. 'if'). */
static void
sub_block(struct reader *r, struct body *b, const struct pyline *h,
    const char *what, struct loop *loop, unsigned depth)
{
	const struct pyline *l = next_code(r);

	if (r->failed)
		return;
	if (l == NULL || l->indent <= h->indent) {
		bool def = strcmp(what, "def") == 0;
		bool cls = strcmp(what, "class definition") == 0;

		pyfile_error(r, l != NULL ? l->pos : h->pos, "IndentationError: "
		    "expected an indented block after %s%s%s on line %u",
		    def || cls ? "" : "'", def ? "function definition" : what,
		    def || cls ? "" : "' statement", h->pos.line);
		return;
	}
	block(r, b, l->indent, loop, depth + 1);
}

/* Whether the code of l is exactly `else:` (or `else :`). */
static bool
is_else(struct reader *r, const struct pyline *l)
{
	size_t i = l->start + 4;

	while (i < l->end && r->src[i] == ' ')
		i++;
	if (i < l->end && r->src[i] == ':' && i + 1 == l->end)
		return true;
	pyfile_error(r, l->pos, "a block on the line of its header is not "
	    "supported yet; put it on the lines below, indented");
	return false;
}

/* if test: ... [elif test: ...]* [else: ...] */
static void
if_statement(struct reader *r, struct body *b, const struct pyline *l,
    struct loop *loop, unsigned depth)
{
	struct patches	ends = { NULL, 0, 0 };
	uint32_t	indent = l->indent;
	const char	*what = "if";

	for (;;) {
		uint32_t h = add_step(r, b, l);

		r->pos++;
		patch_add(&b->open, h, false);
		sub_block(r, b, l, what, loop, depth);
		patch_move(&ends, &b->open);
		patch_add(&b->open, h, true);
		if ((l = next_code(r)) == NULL || l->indent != indent)
			break;
		if (starts_with(r, l, "elif")) {
			what = "elif";
			continue;
		}
		if (starts_with(r, l, "else") && is_else(r, l)) {
			const struct pyline *e = l;

			r->pos++;
			sub_block(r, b, e, "else", loop, depth);
		}
		break;
	}
	patch_move(&b->open, &ends);
	xfree(ends.items);
}

/* while test: ... [else: ...]  or  for target in iter: ... [else: ...]
 * -- the header is a step at each iteration; when its test is false (the
 * iterator is exhausted) control takes its alt, to the `else:` block or
 * past the loop; a `break` goes past the `else:` block. */
static void
loop_statement(struct reader *r, struct body *b, const struct pyline *l,
    const char *what, struct loop *outer, unsigned depth)
{
	struct loop	lp = { 0, { NULL, 0, 0 } };
	const struct pyline *e;

	bool		iterates = strcmp(what, "for") == 0;

	lp.header = add_step(r, b, l);
	r->pos++;
	patch_add(&b->open, lp.header, false);
	b->blocks += iterates;		/* its iterator, on the stack */
	sub_block(r, b, l, what, &lp, depth);
	b->blocks -= iterates;
	patch_to(b, &b->open, lp.header);
	patch_add(&b->open, lp.header, true);
	if ((e = next_code(r)) != NULL && e->indent == l->indent &&
	    starts_with(r, e, "else") && is_else(r, e)) {
		r->pos++;
		sub_block(r, b, e, "else", outer, depth);
	}
	patch_move(&b->open, &lp.breaks);
	xfree(lp.breaks.items);
}

/* Whether l is `word:` alone (`finally:`, `else:`). */
static bool
is_bare_header(struct reader *r, const struct pyline *l, const char *word)
{
	size_t i = l->start + strlen(word);

	while (i < l->end && r->src[i] == ' ')
		i++;
	return i < l->end && r->src[i] == ':' && i + 1 == l->end;
}

/* Handlers still unknown while a `try` is laid out: its clauses' and its
 * `else:` block's exceptions go to its `finally:` block if it has one, else
 * out to the handler around it. */
#define HANDLER_PENDING(t)	(0x80000000u | (t))

/* Sets handler `from` to `to` in steps first.. of b. */
static void
resolve_handler(struct body *b, uint32_t first, uint32_t from, uint32_t to)
{
	for (uint32_t k = first; k < b->count; k++)
		if (b->steps[k].handler == from)
			b->steps[k].handler = to;
}

/*
 * try: ... [except [E [as n]]: ...]... [else: ...] [finally: ...]
 * -- the `try:` line is a step (CPython gives its NOP a line); an
 * exception raised in its block goes to the first `except` header, each
 * header's alt to the next one, the last one's to SCENARIO_STEP_RERAISE;
 * the block's end goes to the `else:` block, each clause's end past the
 * statement, or to the `finally:` block, which an exception raised in
 * the clauses or in `else:` comes to as well.
 */
static void
try_statement(struct reader *r, struct body *b, const struct pyline *l,
    struct loop *loop, unsigned depth)
{
	struct patches		 body_ends = { NULL, 0, 0 }, ends = { NULL,
				    0, 0 };
	uint32_t		 t, first = UINT32_MAX, last = UINT32_MAX;
	uint32_t		 outer = b->handler, outer_clause = b->clause;
	uint32_t		 body_start, fin;
	const struct pyline	*h;
	bool			 bare = false;

	t = add_step(r, b, l);
	r->pos++;
	patch_add(&b->open, t, false);
	body_start = b->count;
	b->handler = 1 + t;		/* for now: the first header's, below */
	sub_block(r, b, l, "try", loop, depth);
	b->handler = HANDLER_PENDING(t);
	patch_move(&body_ends, &b->open);
	while (!r->failed && (h = next_code(r)) != NULL &&
	    h->indent == l->indent && starts_with(r, h, "except")) {
		struct scenario_step *st;
		uint32_t k;

		if (bare) {
			pyfile_error(r, h->pos, "SyntaxError: default "
			    "'except:' must be last");
			break;
		}
		bare = is_bare_header(r, h, "except");
		if (last != UINT32_MAX)
			patch_add(&b->open, last, true);
		k = add_step(r, b, h);
		if (first == UINT32_MAX)
			first = k;
		st = &b->steps[k];
		st->try_first = 1 + first;
		st->blocks = b->blocks;
		last = k;
		r->pos++;
		patch_add(&b->open, k, false);
		b->clause = 1 + k;
		b->blocks += 1;
		sub_block(r, b, h, "except", loop, depth);
		b->blocks -= 1;
		b->clause = outer_clause;
		patch_move(&ends, &b->open);
	}
	if (r->failed)
		goto done;
	h = next_code(r);
	if (first == UINT32_MAX && (h == NULL || h->indent != l->indent ||
	    !starts_with(r, h, "finally"))) {
		pyfile_error(r, h != NULL ? h->pos : l->pos, "SyntaxError: "
		    "expected 'except' or 'finally' block");
		goto done;
	}
	if (last != UINT32_MAX)
		b->steps[last].alt = SCENARIO_STEP_RERAISE;
	patch_move(&b->open, &body_ends);
	if (first != UINT32_MAX && h != NULL && h->indent == l->indent &&
	    starts_with(r, h, "else") && is_else(r, h)) {
		r->pos++;
		sub_block(r, b, h, "else", loop, depth);
	}
	patch_move(&b->open, &ends);
	b->handler = outer;
	h = next_code(r);
	if (r->failed || h == NULL || h->indent != l->indent ||
	    !starts_with(r, h, "finally")) {
		resolve_handler(b, body_start, 1 + t, 1 + first);
		resolve_handler(b, body_start, HANDLER_PENDING(t), outer);
		goto done;
	}
	if (!is_bare_header(r, h, "finally")) {
		pyfile_error(r, h->pos, "a block on the line of its header is "
		    "not supported yet; put it on the lines below, indented");
		goto done;
	}
	fin = b->count;
	r->pos++;
	b->clause = 1 + t;
	sub_block(r, b, h, "finally", loop, depth);
	b->clause = outer_clause;
	if (r->failed)
		goto done;
	b->steps[fin].finally_entry = true;
	/* a nested try's own finally: block runs first, then this one */
	for (uint32_t k = body_start; k < fin; k++)
		if (b->steps[k].finally_at == 0)
			b->steps[k].finally_at = 1 + fin;
	b->steps[fin].blocks = b->blocks;
	resolve_handler(b, body_start, 1 + t, first != UINT32_MAX ?
	    1 + first : 1 + fin);
	resolve_handler(b, body_start, HANDLER_PENDING(t), 1 + fin);
done:
	xfree(body_ends.items);
	xfree(ends.items);
}

/*
 * with mgr [as name], ...: ... -- the `with` line is a step (BEFORE_WITH
 * for each manager, in order), and so is each manager's call of
 * __exit__, which CPython gives the `with` line too: an exit step per
 * manager after the block, the last manager's first.  The block's end,
 * and a `return`, `break` or `continue` leaving it (finally_at), go to
 * the first exit step, which exits every manager, the last first, in one
 * line event; an exception raised in the block goes to it too, as to a
 * `finally:` block, and from each exit step that lets the exception go
 * on, to the next manager's exit step: a line event each, as CPython
 * reports each handler.  The block's steps have the managers' __exit__
 * on the stack (blocks).
 */
static void
with_statement(struct reader *r, struct body *b, const struct pyline *l,
    struct loop *loop, unsigned depth)
{
	struct patches		 ends = { NULL, 0, 0 };
	struct parse_error	 err;
	struct stmt		*s;
	struct pyline		 exit_line = *l;
	struct strbuf		 say;
	struct srcpos		 say_pos;
	struct body		*last_body;
	uint32_t		 h, first, n, body_start, outer = b->handler;
	uint32_t		 last_step;

	s = parse_line(r->src + l->start, l->end - l->start, b->in_function,
	    &err);
	if (s == NULL || s->kind != STMT_WITH) {
		struct text t;

		text_of(&t, r->src + l->start, l->end - l->start, l->pos);
		pyfile_error(r, s == NULL ? text_locate(&t, err.offset) :
		    l->pos, "%s", s == NULL ? err.message : "expected `with`");
		xfree(t.value);
		ast_free_stmt(s);
		return;
	}
	n = s->as.with.count;
	ast_free_stmt(s);
	h = add_step(r, b, l);
	r->pos++;
	patch_add(&b->open, h, false);
	body_start = b->count;
	b->handler = HANDLER_PENDING(h);
	b->blocks += n;
	sub_block(r, b, l, "with", loop, depth);
	b->blocks -= n;
	b->handler = outer;
	if (r->failed)
		return;
	/* the exit steps take neither the line's comment nor the comments
	 * read after the block, and a directive after the block's last
	 * line still goes to that line */
	exit_line.has_comment = false;
	say = r->say;
	say_pos = r->say_pos;
	last_body = r->last_body;
	last_step = r->last_step;
	r->say = (struct strbuf)STRBUF_INIT;
	first = b->count;
	for (uint32_t i = n; i >= 1; i--) {
		uint32_t x = add_step(r, b, &exit_line);

		b->steps[x].with_item = i;
		b->steps[x].finally_entry = true;
		b->steps[x].clause = 1 + h;
		b->steps[x].blocks = b->blocks + i;
		patch_add(&ends, x, false);
	}
	strbuf_free(&r->say);
	r->say = say;
	r->say_pos = say_pos;
	r->last_body = last_body;
	r->last_step = last_step;
	b->steps[h].with_exits = 1 + first;
	resolve_handler(b, body_start, HANDLER_PENDING(h), 1 + first);
	for (uint32_t k = body_start; k < first; k++)
		if (b->steps[k].finally_at == 0)
			b->steps[k].finally_at = 1 + first;
	patch_move(&b->open, &ends);
	xfree(ends.items);
}

static struct body *
new_body(struct reader *r, bool in_function)
{
	struct body *b = xcalloc(1, sizeof *b);

	b->in_function = in_function;
	r->bodies = xreallocarray(r->bodies, r->body_count + 1,
	    sizeof *r->bodies);
	r->bodies[r->body_count++] = b;
	return b;
}

/* A header line that makes a function of its own (a `def`, or a class
 * body): its statement (of kind, caller frees it), its step in b, and its
 * function, or NULL after reporting why. */
static struct scenario_function *
function_header(struct reader *r, struct body *b, const struct pyline *l,
    enum stmt_kind kind, const char *expected, struct stmt **out)
{
	struct parse_error		 err;
	struct stmt			*s;
	struct scenario_function	*f;
	uint32_t			 k;

	*out = NULL;
	s = parse_line(r->src + l->start, l->end - l->start, b->in_function,
	    &err);
	if (s == NULL || s->kind != kind) {
		struct text t;

		text_of(&t, r->src + l->start, l->end - l->start, l->pos);
		pyfile_error(r, s == NULL ? text_locate(&t, err.offset) :
		    l->pos, "%s", s == NULL ? err.message : expected);
		xfree(t.value);
		ast_free_stmt(s);
		return NULL;
	}
	k = add_step(r, b, l);
	patch_add(&b->open, k, false);
	r->sc->functions = xreallocarray(r->sc->functions,
	    r->sc->function_count + 1, sizeof *r->sc->functions);
	f = &r->sc->functions[r->sc->function_count++];
	memset(f, 0, sizeof *f);
	b->steps[k].function = r->sc->function_count;
	f->pos = l->pos;
	*out = s;
	return f;
}

/* def name(params): ... -- the line is a module step that makes the
 * function; its body is a body of its own. */
static void
def_statement(struct reader *r, struct body *b, const struct pyline *l,
    unsigned depth)
{
	struct stmt			*s;
	struct scenario_function	*f;
	struct body			*fb;

	if ((f = function_header(r, b, l, STMT_DEF, "expected `def`",
	    &s)) == NULL)
		return;
	f->in_class = b->class_fn;
	f->parent = b->def_fn;
	text_of(&f->name, atom_name(s->as.def.name),
	    atom_length(s->as.def.name), l->pos);
	f->param_count = s->as.def.count;
	f->params = xcalloc(s->as.def.count ? s->as.def.count : 1,
	    sizeof *f->params);
	for (uint32_t i = 0; i < s->as.def.count; i++)
		text_of(&f->params[i], atom_name(s->as.def.params[i]),
		    atom_length(s->as.def.params[i]), l->pos);
	ast_free_stmt(s);
	r->pos++;
	fb = new_body(r, true);
	fb->def_fn = r->sc->function_count;
	sub_block(r, fb, l, "def", NULL, depth);
	patch_to(fb, &fb->open, SCENARIO_STEP_END);
	/* the body's steps move into the function at the end (see
	 * pyfile_load): a directive below its last line may still add to
	 * that line */
}

/* class name[(base)]: ... -- the line is a module step that runs the
 * class body, a function of its own (as CPython compiles it), then makes
 * the class from what the body bound. */
static void
class_statement(struct reader *r, struct body *b, const struct pyline *l,
    unsigned depth)
{
	struct stmt			*s;
	struct scenario_function	*f;
	struct body			*cb;

	if (b->class_fn != 0) {
		pyfile_error(r, l->pos, "a `class` inside a class body is not "
		    "supported yet");
		return;
	}
	if ((f = function_header(r, b, l, STMT_CLASS, "expected `class`",
	    &s)) == NULL)
		return;
	f->is_class = true;
	text_of(&f->name, atom_name(s->as.cls.name),
	    atom_length(s->as.cls.name), l->pos);
	f->params = xcalloc(1, sizeof *f->params);
	ast_free_stmt(s);
	r->pos++;
	cb = new_body(r, false);
	cb->class_fn = r->sc->function_count;
	sub_block(r, cb, l, "class definition", NULL, depth);
	patch_to(cb, &cb->open, SCENARIO_STEP_END);
}

static const char *const unsupported[] = {
	"async", "match",
	NULL
};

static void
statement(struct reader *r, struct body *b, const struct pyline *l,
    struct loop *loop, unsigned depth)
{
	uint32_t k;

	for (size_t i = 0; unsupported[i] != NULL; i++) {
		if (starts_with(r, l, unsupported[i]) &&
		    (strcmp(unsupported[i], "match") != 0 ||
		    r->src[l->end - 1] == ':')) {
			pyfile_error(r, l->pos, "`%s` is not supported yet",
			    unsupported[i]);
			return;
		}
	}
	if (r->src[l->end - 1] != ':' && (starts_with(r, l, "if") ||
	    starts_with(r, l, "try") || starts_with(r, l, "except") ||
	    starts_with(r, l, "elif") || starts_with(r, l, "else") ||
	    starts_with(r, l, "while") || starts_with(r, l, "for") ||
	    starts_with(r, l, "def") || starts_with(r, l, "class") ||
	    starts_with(r, l, "with"))) {
		pyfile_error(r, l->pos, "a block on the line of its header is "
		    "not supported yet; put it on the lines below, indented");
		return;
	}
	if (starts_with(r, l, "class")) {
		class_statement(r, b, l, depth);
		return;
	}
	if (starts_with(r, l, "if")) {
		if_statement(r, b, l, loop, depth);
		return;
	}
	if (starts_with(r, l, "while") || starts_with(r, l, "for")) {
		loop_statement(r, b, l, starts_with(r, l, "for") ? "for" :
		    "while", loop, depth);
		return;
	}
	if (starts_with(r, l, "def")) {
		def_statement(r, b, l, depth);
		return;
	}
	if (starts_with(r, l, "with")) {
		with_statement(r, b, l, loop, depth);
		return;
	}
	if (starts_with(r, l, "try")) {
		if (!is_bare_header(r, l, "try")) {
			pyfile_error(r, l->pos, "SyntaxError: expected ':' "
			    "after `try`");
			return;
		}
		try_statement(r, b, l, loop, depth);
		return;
	}
	if (starts_with(r, l, "except") || starts_with(r, l, "finally")) {
		pyfile_error(r, l->pos, "SyntaxError: invalid syntax "
		    "(`%s` without a `try` above it)", starts_with(r, l,
		    "except") ? "except" : "finally");
		return;
	}
	if (starts_with(r, l, "elif") || starts_with(r, l, "else")) {
		pyfile_error(r, l->pos, "SyntaxError: invalid syntax (`%s` "
		    "without an `if` above it)", starts_with(r, l, "elif") ?
		    "elif" : "else");
		return;
	}
	if (r->src[l->end - 1] == ':') {
		/* `x = 1; if x:` -- no simple statement ends so */
		pyfile_error(r, l->pos, "SyntaxError: invalid syntax (a "
		    "compound statement starts a line of its own)");
		return;
	}
	k = add_step(r, b, l);
	r->pos++;
	if (starts_with(r, l, "break") || starts_with(r, l, "continue")) {
		bool brk = starts_with(r, l, "break");

		if (loop == NULL) {
			pyfile_error(r, l->pos, brk ? "SyntaxError: 'break' "
			    "outside loop" : "SyntaxError: 'continue' not "
			    "properly in loop");
			return;
		}
		if (brk) {
			patch_add(&loop->breaks, k, false);
			b->steps[k].loop = loop->header + 1;
		} else
			b->steps[k].next = loop->header;
		return;
	}
	patch_add(&b->open, k, false);
}

/* The statements at indentation `indent`, until a line indented less. */
static void
block(struct reader *r, struct body *b, uint32_t indent, struct loop *loop,
    unsigned depth)
{
	const struct pyline *l;

	if (depth > PARSER_MAX_DEPTH) {
		pyfile_error(r, r->lines[r->pos].pos, "blocks nested deeper "
		    "than %u levels", PARSER_MAX_DEPTH);
		return;
	}
	r->indents[depth] = indent;
	while ((l = next_code(r)) != NULL && !r->failed) {
		if (l->indent < indent) {
			bool outer = false;

			for (unsigned d = 0; d < depth; d++)
				outer = outer || r->indents[d] == l->indent;
			if (!outer)
				pyfile_error(r, l->pos, "IndentationError: "
				    "unindent does not match any outer "
				    "indentation level");
			return;
		}
		if (l->indent > indent) {
			pyfile_error(r, l->pos, "IndentationError: unexpected "
			    "indent");
			return;
		}
		statement(r, b, l, loop, depth);
		if (b->count + r->sc->step_count > SCENARIO_MAX_WRITTEN_STEPS) {
			pyfile_error(r, l->pos, "more than %u lines of code "
			    "(the limit of DESIGN §8)",
			    SCENARIO_MAX_WRITTEN_STEPS);
			return;
		}
	}
}

/* ---- the docstring ---- */

/* The module docstring, when the first line is a string alone: its first
 * line is the title, the rest of its first paragraph the summary. */
static void
docstring(struct reader *r)
{
	const struct pyline	*l = next_code(r);
	const char		*s;
	size_t			 q, n, i, e;
	uint32_t		 line, dummy_line = 0;
	size_t			 bol = 0;
	struct strbuf		 sum = STRBUF_INIT;

	if (l == NULL || l->indent != 0)
		return;
	s = r->src + l->start;
	q = 0;
	while (q < 2 && q < l->end - l->start && strchr("rRuU", s[q]) != NULL
	    && s[q] != '\0')
		q++;
	if (q >= l->end - l->start || (s[q] != '"' && s[q] != '\''))
		return;
	if (skip_string(r, l->start + q, &dummy_line, &bol) != l->end)
		return;
	n = (l->end - l->start) - q;
	if (n >= 6 && s[q + 1] == s[q] && s[q + 2] == s[q]) {
		s += q + 3;
		n -= 6;
	} else {
		s += q + 1;
		n -= 2;
	}
	i = 0;
	line = l->pos.line;
	while (i < n && (s[i] == ' ' || s[i] == '\n' || s[i] == '\r')) {
		if (s[i] == '\n')
			line++;
		i++;
	}
	e = i;
	while (e < n && s[e] != '\n')
		e++;
	{
		size_t te = e;

		while (te > i && (s[te - 1] == ' ' || s[te - 1] == '\r'))
			te--;
		if (te > i) {
			text_free_py(&r->sc->title);
			text_of(&r->sc->title, s + i, te - i,
			    (struct srcpos){ line, line == l->pos.line ?
			    l->pos.col + (uint32_t)(s - (r->src + l->start)) +
			    (uint32_t)i : 1 });
		}
	}
	/* the summary: the rest of the title's paragraph, or (PEP 257's
	 * summary line, a blank line, a description) the paragraph after */
	{
		size_t b = e;

		while (b < n && (s[b] == ' ' || s[b] == '\r'))
			b++;
		if (b + 1 < n && s[b] == '\n') {
			size_t c = b + 1;

			while (c < n && (s[c] == ' ' || s[c] == '\r'))
				c++;
			if (c < n && s[c] == '\n') {
				/* a blank line: skip the blank lines */
				e = c;
				while (e + 1 < n) {
					size_t d = e + 1;

					while (d < n && (s[d] == ' ' ||
					    s[d] == '\r'))
						d++;
					if (d >= n || s[d] != '\n')
						break;
					e = d;
				}
			}
		}
	}
	while (e < n) {
		size_t b = e + 1, c;

		while (b < n && s[b] == ' ')
			b++;
		c = b;
		while (c < n && s[c] != '\n')
			c++;
		while (c > b && (s[c - 1] == ' ' || s[c - 1] == '\r'))
			c--;
		if (c == b)
			break;
		if (sum.len > 0)
			strbuf_putc(&sum, ' ');
		strbuf_append(&sum, s + b, c - b);
		e = c;
		while (e < n && s[e] != '\n')
			e++;
	}
	if (sum.len > 0)
		text_of(&r->sc->summary, sum.data, sum.len,
		    (struct srcpos){ line + 1, 1 });
	strbuf_free(&sum);
	r->pos++;
	/* narration above the docstring is not a statement's */
	strbuf_truncate(&r->say, 0);
}

/* ---- the whole file ---- */

static struct scenario_step *
take_steps(struct body *b, uint32_t *count)
{
	struct scenario_step *steps = b->steps;

	*count = b->count;
	if (steps == NULL)
		steps = xcalloc(1, sizeof *steps);
	b->steps = NULL;
	b->count = 0;
	return steps;
}

int
pyfile_load(const char *name, char *source, size_t len,
    struct scenario **out, struct diag **errors)
{
	struct reader	 r;
	struct scenario	*sc = xcalloc(1, sizeof *sc);
	struct body	*module;
	const char	*base;
	uint32_t	 fn = 0;

	*out = NULL;
	memset(&r, 0, sizeof r);
	r.file = name;
	r.src = source;
	r.len = len;
	r.errors = errors;
	r.sc = sc;
	sc->file = xstrdup(name);
	sc->source = source;
	sc->source_len = len;
	diag_lines_build(&sc->lines, source);
	sc->version = 1;
	sc->python = true;
	sc->settings.small_int_cache = true;
	sc->settings.intern_strings = true;
	sc->settings.gc = GC_MODEL_CPYTHON;
	sc->settings.gc_threshold = 0;	/* the version's */
	sc->settings.python = PY_VERSION_DEFAULT;
	sc->classes = xcalloc(1, sizeof *sc->classes);
	sc->functions = xcalloc(1, sizeof *sc->functions);

	if (memchr(source, '\0', len) != NULL)
		pyfile_error(&r, (struct srcpos){ 1, 1 }, "the file holds a "
		    "NUL byte: it is not Python source");
	split_lines(&r);
	module = new_body(&r, false);
	if (!r.failed)
		docstring(&r);
	if (!r.failed)
		block(&r, module, 0, NULL, 0);
	if (!r.failed && r.pos < r.count)
		pyfile_error(&r, r.lines[r.pos].pos, "IndentationError: "
		    "unindent does not match any outer indentation level");
	if (!r.failed && module->count == 0)
		pyfile_error(&r, (struct srcpos){ 1, 1 }, "the file has no "
		    "statement to run");
	patch_to(module, &module->open, SCENARIO_STEP_END);
	/* narration under the last statement: the end of the lesson */
	if (!r.failed && r.say.len > 0 && r.last_body != NULL) {
		struct scenario_step *st = last_step(&r);
		struct strbuf all = STRBUF_INIT;

		if (st->say.value != NULL) {
			strbuf_append(&all, st->say.value, st->say.len);
			strbuf_putc(&all, '\n');
		}
		strbuf_append(&all, r.say.data, r.say.len);
		text_free_py(&st->say);
		text_of(&st->say, all.data, all.len, st->pos);
		strbuf_free(&all);
	}
	if (sc->title.value == NULL) {
		base = strrchr(name, '/');
		base = base != NULL ? base + 1 : name;
		text_of(&sc->title, base, strlen(base),
		    (struct srcpos){ 1, 1 });
	}
	sc->steps = take_steps(module, &sc->step_count);
	for (uint32_t i = 1; i < r.body_count; i++, fn++)
		sc->functions[fn].body = take_steps(r.bodies[i],
		    &sc->functions[fn].body_count);
	for (uint32_t i = 0; i < r.body_count; i++) {
		for (uint32_t k = 0; k < r.bodies[i]->count; k++)
			text_free_py(&r.bodies[i]->steps[k].code);
		xfree(r.bodies[i]->steps);
		xfree(r.bodies[i]->open.items);
		xfree(r.bodies[i]);
	}
	xfree(r.bodies);
	xfree(r.lines);
	strbuf_free(&r.say);
	if (r.failed) {
		scenario_free(sc);
		return -1;
	}
	*out = sc;
	return 0;
}
