/*
 * pyscenario.c: a YAML scenario as a .py scenario (export --python).
 *
 * Written twice: the first text has every expect as an `# expect:` line;
 * it is run in refscope, and the second text turns the expects that failed
 * there into notes at the top (a file's constants are the module's: see
 * pyscenario.h).  Both texts are made by the same walk, so the n-th expect
 * written is the same expect in both.
 */
#include "config.h"

#include <inttypes.h>
#include <stdbool.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/xalloc.h"
#include "py/pyversion.h"
#include "run/run.h"
#include "writer/pyscenario.h"

/* The width of the docstring's lines. */
#define DOC_WIDTH	72

struct emit {
	const struct scenario	*s;
	struct strbuf		*out;
	uint32_t		 line;		/* of out's next line */
	uint32_t		 expects;	/* written so far */
	uint32_t		 total;		/* of the first pass */
	uint32_t		*expect_line;	/* first pass: where each is */
	uint32_t		 expect_cap;
	const bool		*demote;	/* second pass: which are notes */
	struct strbuf		 scratch;
};

/* Appends text to the output, counting its lines. */
static void
put(struct emit *e, const char *s, size_t len)
{
	strbuf_append(e->out, s, len);
	for (size_t i = 0; i < len; i++)
		if (s[i] == '\n')
			e->line++;
}

static void
puts_(struct emit *e, const char *s)
{
	put(e, s, strlen(s));
}

static void
indent(struct emit *e, int n)
{
	for (int i = 0; i < n; i++)
		put(e, " ", 1);
}

/* Text on one line, control and invisible characters escaped. */
static void
put_visible(struct emit *e, const char *s, size_t len)
{
	struct strbuf v = STRBUF_INIT;

	strbuf_append_visible(&v, s, len, false);
	put(e, strbuf_str(&v), v.len);
	strbuf_free(&v);
}

/* Narration: a comment line for each of its lines ("#" alone for a blank
 * one), trailing blank lines dropped. */
static void
put_say(struct emit *e, int ind, const struct text *say)
{
	const char	*p = say->value, *end;
	size_t		 len = say->len;

	while (len > 0 && (p[len - 1] == '\n' || p[len - 1] == ' '))
		len--;
	while (len > 0) {
		end = memchr(p, '\n', len);
		size_t n = end != NULL ? (size_t)(end - p) : len;

		indent(e, ind);
		puts_(e, n > 0 ? "# " : "#");
		put_visible(e, p, n);
		puts_(e, "\n");
		if (end == NULL)
			break;
		len -= n + 1;
		p = end + 1;
	}
}

/* A statement as written: its first line at ind, the lines a bracket
 * continues as they are. */
static void
put_code(struct emit *e, int ind, const struct text *code)
{
	const char	*p = code->value;
	size_t		 len = code->len;

	while (len > 0 && (*p == ' ' || *p == '\n' || *p == '\r' ||
	    *p == '\t')) {
		p++;
		len--;
	}
	while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\n' ||
	    p[len - 1] == '\r' || p[len - 1] == '\t'))
		len--;
	indent(e, ind);
	/* an invisible or control character can only be inside a string
	 * literal (Python refuses it elsewhere), where the escape that makes
	 * it visible is the same character */
	strbuf_truncate(&e->scratch, 0);
	strbuf_append_visible(&e->scratch, p, len, true);
	put(e, strbuf_str(&e->scratch), e->scratch.len);
	puts_(e, "\n");
}

/* Counts the next checked line (an expect or an answer), which the first
 * pass writes at e->line: whether to write it (the second pass leaves out
 * those that failed in the file). */
static bool
checked_line(struct emit *e)
{
	uint32_t k = e->expects++;

	if (e->demote != NULL)
		return !e->demote[k];
	if (k == e->expect_cap) {
		e->expect_cap = e->expect_cap ? e->expect_cap * 2 : 16;
		e->expect_line = xreallocarray(e->expect_line, e->expect_cap,
		    sizeof *e->expect_line);
	}
	e->expect_line[k] = e->line;
	return true;
}

static void
put_expects(struct emit *e, int ind, const struct scenario_step *st)
{
	for (uint32_t i = 0; i < st->expect_count; i++) {
		if (!checked_line(e))
			continue;
		indent(e, ind);
		puts_(e, "# expect: ");
		put_visible(e, st->expects[i].value, st->expects[i].len);
		puts_(e, "\n");
	}
}

/* `# ask:` and its `# answer:` (YAML's ask: and answer:). */
static void
put_ask(struct emit *e, int ind, const struct scenario_step *st)
{
	if (st->ask.value == NULL)
		return;
	indent(e, ind);
	puts_(e, "# ask: ");
	put_visible(e, st->ask.value, st->ask.len);
	puts_(e, "\n");
	if (st->answer.value == NULL || !checked_line(e))
		return;
	indent(e, ind);
	puts_(e, "# answer: ");
	put_visible(e, st->answer.value, st->answer.len);
	puts_(e, "\n");
}

/* `# label: SUBJECT "NAME", ...`: a name's " and \ escaped. */
static void
put_labels(struct emit *e, int ind, const struct scenario_step *st)
{
	struct strbuf name = STRBUF_INIT;

	if (st->label_count == 0)
		return;
	indent(e, ind);
	puts_(e, "# label:");
	for (uint32_t i = 0; i < st->label_count; i++) {
		const struct text *n = &st->labels[i].name;

		puts_(e, i > 0 ? ", " : " ");
		put_visible(e, st->labels[i].subject.value,
		    st->labels[i].subject.len);
		strbuf_truncate(&name, 0);
		for (size_t k = 0; k < n->len; k++) {
			if (n->value[k] == '"' || n->value[k] == '\\')
				strbuf_putc(&name, '\\');
			strbuf_putc(&name, n->value[k]);
		}
		puts_(e, " \"");
		put_visible(e, strbuf_str(&name), name.len);
		puts_(e, "\"");
	}
	puts_(e, "\n");
	strbuf_free(&name);
}

/* One step at indentation ind: its narration, its statement (`pass` for a
 * narration step; in a loop for repeat:), its directives. */
static void
put_step(struct emit *e, int ind, const struct scenario_step *st)
{
	if (st->say.value != NULL)
		put_say(e, ind, &st->say);
	if (st->has_repeat) {
		indent(e, ind);
		strbuf_printf(e->out, "for i in range(%" PRIu32 "):\n",
		    st->repeat);
		e->line++;
		ind += 4;
	}
	if (st->code.value != NULL)
		put_code(e, ind, &st->code);
	else {
		indent(e, ind);
		puts_(e, "pass\n");
	}
	put_expects(e, ind, st);
	put_ask(e, ind, st);
	if (st->pause) {
		indent(e, ind);
		puts_(e, "# pause\n");
	}
	put_labels(e, ind, st);
}

static bool
text_has(const struct text *t, const char *word)
{
	size_t n = strlen(word);

	for (size_t i = 0; t->value != NULL && i + n <= t->len; i++)
		if (memcmp(t->value + i, word, n) == 0)
			return true;
	return false;
}

/* Whether any statement says word (`gc.`, `sys.`). */
static bool
uses(const struct scenario *s, const char *word)
{
	for (uint32_t i = 0; i < s->step_count; i++)
		if (text_has(&s->steps[i].code, word))
			return true;
	for (uint32_t f = 0; f < s->function_count; f++)
		for (uint32_t i = 0; i < s->functions[f].body_count; i++)
			if (text_has(&s->functions[f].body[i].code, word))
				return true;
	return false;
}

/* Text on one line, made visible, without the blanks around it. */
static void
put_trimmed_visible(struct strbuf *out, const struct text *t)
{
	const char	*p = t->value;
	size_t		 n = t->len;

	while (n > 0 && (*p == ' ' || *p == '\n' || *p == '\r')) {
		p++;
		n--;
	}
	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\n' ||
	    p[n - 1] == '\r'))
		n--;
	strbuf_append_visible(out, p, n, false);
}

/* The docstring: the title, then the summary as a paragraph (pyfile.c
 * reads the title's line, and the paragraph's lines joined). */
static void
put_docstring(struct emit *e)
{
	const struct scenario	*s = e->s;
	struct strbuf		 d = STRBUF_INIT;

	put_trimmed_visible(&d, &s->title);
	if (s->summary.value != NULL) {
		struct strbuf	 sum = STRBUF_INIT;
		const char	*w = NULL;
		size_t		 col = 0;

		/* a paragraph of lines of at most 72 columns, which pyfile.c
		 * joins again with a blank */
		put_trimmed_visible(&sum, &s->summary);
		strbuf_puts(&d, "\n\n");
		for (const char *p = strbuf_str(&sum); ; p++) {
			if (*p != ' ' && *p != '\0') {
				if (w == NULL)
					w = p;
				continue;
			}
			if (w != NULL) {
				size_t n = (size_t)(p - w);

				if (col > 0 && col + 1 + n > DOC_WIDTH) {
					strbuf_putc(&d, '\n');
					col = 0;
				} else if (col > 0) {
					strbuf_putc(&d, ' ');
					col++;
				}
				strbuf_append(&d, w, n);
				col += n;
				w = NULL;
			}
			if (*p == '\0')
				break;
		}
		strbuf_free(&sum);
	}
	/* Python reads escapes and the end of the literal where refscope
	 * takes the text as it is: a backslash makes it raw, and a quote
	 * never touches the closing ones */
	if (d.len > 0 && memchr(d.data, '\\', d.len) != NULL)
		puts_(e, "r");
	puts_(e, "\"\"\"");
	for (size_t i = 0; i < d.len; i++) {
		if (d.data[i] == '"' && i + 2 < d.len && d.data[i + 1] == '"' &&
		    d.data[i + 2] == '"') {
			puts_(e, "\"\" \"");
			i += 2;
		} else
			put(e, d.data + i, 1);
	}
	if (d.len > 0 && d.data[d.len - 1] == '"')
		puts_(e, " ");
	puts_(e, "\"\"\"\n");
	strbuf_free(&d);
}

/* A note for each expect and answer of step st that does not hold in the
 * file; k counts them, in the order the walk writes them. */
static void
note_step(struct emit *e, const struct scenario_step *st, uint32_t *k)
{
	const struct scenario	*s = e->s;
	uint32_t		 n = st->expect_count +
	    (st->answer.value != NULL);

	for (uint32_t x = 0; x < n; x++, (*k)++) {
		const struct text *t = x < st->expect_count ? &st->expects[x] :
		    &st->answer;

		if (e->demote == NULL || !e->demote[*k])
			continue;
		strbuf_printf(e->out, "#   line %" PRIu32 ": %s",
		    scenario_editor_pos(s, t->pos).line,
		    x < st->expect_count ? "" : "answer: ");
		put_visible(e, t->value, t->len);
		puts_(e, "\n");
	}
}

/* The notes on the expects that do not hold in a file, and the settings:
 * above the docstring, where a comment is no statement's narration. */
static void
put_top(struct emit *e)
{
	const struct scenario		*s = e->s;
	const struct scenario_settings	*set = &s->settings;
	uint32_t			 k = 0, notes = 0;
	struct strbuf			 set_line = STRBUF_INIT;

	puts_(e, "# Exported by `refscope export --python` from ");
	put_visible(e, s->file, strlen(s->file));
	puts_(e, ".\n");
	for (uint32_t i = 0; e->demote != NULL && i < e->total; i++)
		notes += e->demote[i];
	if (notes > 0) {
		strbuf_printf(e->out, "# A file is compiled as one module: "
		    "its code and its parsed tree hold\n# its constants for "
		    "the whole run, and equal ones on two lines are one\n"
		    "# object, where each YAML step is compiled alone, as at "
		    "the prompt.  So %" PRIu32 "\n# of the YAML scenario's "
		    "expects and answers do%s not hold here (or not at\n"
		    "# every run of a loop's line):\n", notes,
		    notes == 1 ? "es" : "");
		e->line += 5;
	}
	for (uint32_t f = 0; f < s->function_count; f++)
		for (uint32_t i = 0; i < s->functions[f].body_count; i++)
			note_step(e, &s->functions[f].body[i], &k);
	for (uint32_t i = 0; i < s->step_count; i++)
		note_step(e, &s->steps[i], &k);
	if (s->section.value != NULL) {
		strbuf_puts(&set_line, ", section \"");
		strbuf_append_visible(&set_line, s->section.value,
		    s->section.len, false);
		strbuf_puts(&set_line, "\"");
	}
	if (set->gc != GC_MODEL_CPYTHON)
		strbuf_puts(&set_line, set->gc == GC_MODEL_TEXTBOOK ?
		    ", gc textbook" : ", gc off");
	if (set->gc_threshold != 0)	/* 0: the version's own */
		strbuf_printf(&set_line, ", gc_threshold %" PRIu32,
		    set->gc_threshold);
	if (set->python_set)
		strbuf_printf(&set_line, ", python %s",
		    pyversion_name(set->python));
	if (!set->small_int_cache)
		strbuf_puts(&set_line, ", small_int_cache false");
	if (!set->intern_strings)
		strbuf_puts(&set_line, ", intern_strings false");
	if (set_line.len > 0) {
		puts_(e, "# refscope:");
		put(e, set_line.data + 1, set_line.len - 1);
		puts_(e, "\n");
	}
	strbuf_free(&set_line);
}

/* The whole file.  The expects are counted in the order put_top lists
 * them: the functions' first, then the module's. */
static void
put_all(struct emit *e)
{
	const struct scenario *s = e->s;

	e->line = 1;
	e->expects = 0;
	put_top(e);
	put_docstring(e);
	if (uses(s, "gc."))
		puts_(e, "import gc\n");
	if (uses(s, "sys."))
		puts_(e, "import sys\n");
	for (uint32_t c = 0; c < s->class_count; c++) {
		puts_(e, "\n\nclass ");
		put(e, s->classes[c].name.value, s->classes[c].name.len);
		puts_(e, ":\n    pass\n");
	}
	for (uint32_t f = 0; f < s->function_count; f++) {
		const struct scenario_function *fn = &s->functions[f];

		puts_(e, "\n\ndef ");
		put(e, fn->name.value, fn->name.len);
		puts_(e, "(");
		for (uint32_t i = 0; i < fn->param_count; i++) {
			if (i > 0)
				puts_(e, ", ");
			put(e, fn->params[i].value, fn->params[i].len);
		}
		puts_(e, "):\n");
		for (uint32_t i = 0; i < fn->body_count; i++)
			put_step(e, 4, &fn->body[i]);
	}
	if (s->class_count + s->function_count > 0)
		puts_(e, "\n");
	for (uint32_t i = 0; i < s->step_count; i++) {
		puts_(e, "\n");
		put_step(e, 0, &s->steps[i]);
	}
}

char *
pyscenario_write(const struct scenario *s, struct strbuf *out)
{
	struct emit	 e;
	struct strbuf	 first = STRBUF_INIT;
	struct run	 r;
	bool		*demote;
	char		*name, *why = NULL;
	size_t		 base = strlen(s->file);

	memset(&e, 0, sizeof e);
	e.s = s;
	e.out = &first;
	put_all(&e);
	e.total = e.expects;

	/* the .py form, run as refscope runs a file of that name */
	if (base > 5 && strcmp(s->file + base - 5, ".yaml") == 0)
		base -= 5;
	name = xasprintf("%.*s.py", (int)base, s->file);
	demote = xcalloc(e.expects + 1, sizeof *demote);
	if (run_load_text(&r, name, first.data, first.len) != 0 ||
	    run_execute(&r, false, NULL, NULL, NULL) != 0) {
		for (const struct diag *d = r.errors; d != NULL; d = d->next)
			if (d->status == DIAG_MALFORMED) {
				why = xasprintf("%s:%" PRIu32 ":%" PRIu32 ": %s",
				    name, d->pos.line, d->pos.col, d->message);
				break;
			}
	} else
		for (const struct diag *d = r.errors; d != NULL; d = d->next)
			for (uint32_t k = 0; k < e.expects; k++)
				if (d->status == DIAG_EXPECT_FAILED &&
				    d->pos.line == e.expect_line[k])
					demote[k] = true;
	run_free(&r);

	e.out = out;
	e.demote = demote;
	put_all(&e);
	strbuf_free(&first);
	xfree(demote);
	xfree(e.expect_line);
	strbuf_free(&e.scratch);
	xfree(name);
	return why;
}
