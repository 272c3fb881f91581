/*
 * worksheet.c: a scenario's questions as a Markdown worksheet
 * (worksheet.h).  Every text from the scenario goes through
 * strbuf_append_visible, so nothing in it can reach a terminal raw.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "writer/worksheet.h"

static void
put_text(struct strbuf *out, const char *s, size_t len)
{
	strbuf_append_visible(out, s, len, 0);
}

/* The line a question names: a .py file's own, a YAML step's number. */
static uint32_t
line_of(const struct program *p, const struct quiz_question *q)
{
	if (p->scenario->python)
		return q->code != NULL ? q->code->pos.line : 0;
	for (uint32_t i = 0; i < p->step_count; i++)
		if (&p->steps[i].source->code == q->code)
			return i + 1;
	return 0;
}

/* One listed line: its number (0: none) and its code, indented. */
static void
listing_line(struct strbuf *out, uint32_t number, uint32_t indent,
    const struct text *code)
{
	if (number > 0)
		strbuf_printf(out, "%3u  ", number);
	else
		strbuf_puts(out, "     ");
	for (uint32_t i = 0; i < indent; i++)
		strbuf_putc(out, ' ');
	strbuf_append_visible(out, code->value, code->len, 1);
	strbuf_putc(out, '\n');
}

static int
by_line(const void *a, const void *b)
{
	const struct text *x = *(const struct text *const *)a;
	const struct text *y = *(const struct text *const *)b;

	return (x->pos.line > y->pos.line) - (x->pos.line < y->pos.line);
}

/* A .py file: every statement at its line and column, comments left out
 * (they hold the expects and the answers). */
static void
listing_python(const struct program *p, struct strbuf *out)
{
	const struct scenario *s = p->scenario;
	const struct text **code;
	uint32_t n = 0, cap = s->step_count;

	for (uint32_t f = 0; f < s->function_count; f++)
		cap += s->functions[f].body_count;
	code = xcalloc(cap > 0 ? cap : 1, sizeof *code);
	for (uint32_t i = 0; i < s->step_count; i++)
		if (s->steps[i].code.value != NULL)
			code[n++] = &s->steps[i].code;
	for (uint32_t f = 0; f < s->function_count; f++)
		for (uint32_t i = 0; i < s->functions[f].body_count; i++)
			if (s->functions[f].body[i].code.value != NULL)
				code[n++] = &s->functions[f].body[i].code;
	qsort(code, n, sizeof *code, by_line);
	for (uint32_t i = 0; i < n; i++)
		listing_line(out, code[i]->pos.line, code[i]->pos.col - 1,
		    code[i]);
	xfree(code);
}

/* A YAML scenario: its functions as `def`s, then its steps numbered. */
static void
listing_yaml(const struct program *p, struct strbuf *out)
{
	const struct scenario *s = p->scenario;

	for (uint32_t f = 0; f < s->function_count; f++) {
		const struct scenario_function *fn = &s->functions[f];

		strbuf_puts(out, "     def ");
		put_text(out, fn->name.value, fn->name.len);
		strbuf_putc(out, '(');
		for (uint32_t i = 0; i < fn->param_count; i++) {
			if (i > 0)
				strbuf_puts(out, ", ");
			put_text(out, fn->params[i].value, fn->params[i].len);
		}
		strbuf_puts(out, "):\n");
		for (uint32_t i = 0; i < fn->body_count; i++)
			if (fn->body[i].code.value != NULL)
				listing_line(out, 0, 4, &fn->body[i].code);
	}
	for (uint32_t i = 0; i < s->step_count; i++)
		if (s->steps[i].code.value != NULL)
			listing_line(out, i + 1, 0, &s->steps[i].code);
}

static void
question(const struct program *p, const struct quiz_question *q,
    uint32_t number, struct strbuf *out)
{
	strbuf_printf(out, "%u. %s %u: `", number, p->scenario->python ?
	    "Line" : "Step", line_of(p, q));
	if (q->code != NULL)
		put_text(out, q->code->value, q->code->len);
	strbuf_puts(out, "`  \n   ");
	strbuf_puts(out, q->text);
	if (q->kind == QUIZ_FREED)
		strbuf_puts(out, " (\"nothing\" is an answer.)");
	strbuf_puts(out, "\n\n");
}

static void
answer(const struct program *p, const struct quiz_question *q,
    uint32_t number, struct strbuf *out)
{
	char *text = quiz_answer_text(q);

	strbuf_printf(out, "**%u.** step %u, line %u, `", number, q->ordinal,
	    line_of(p, q));
	put_text(out, q->check, strlen(q->check));
	strbuf_puts(out, "`:");
	if (q->kind == QUIZ_PRINTED) {
		/* what was printed, as an indented block, line by line */
		const char *s = text, *nl;

		strbuf_puts(out, "\n\n");
		do {
			nl = strchr(s, '\n');
			strbuf_puts(out, "    ");
			put_text(out, s, nl != NULL ? (size_t)(nl - s) :
			    strlen(s));
			strbuf_putc(out, '\n');
			s = nl + 1;
		} while (nl != NULL);
	} else {
		strbuf_puts(out, " **");
		put_text(out, text, strlen(text));
		strbuf_puts(out, "**.");
		if (q->why != NULL) {
			strbuf_putc(out, ' ');
			put_text(out, q->why, strlen(q->why));
			strbuf_putc(out, '.');
		}
		strbuf_putc(out, '\n');
	}
	strbuf_putc(out, '\n');
	xfree(text);
}

void
worksheet_write(const struct program *p, const struct quiz *q,
    struct strbuf *out)
{
	const struct scenario *s = p->scenario;

	strbuf_puts(out, "# Worksheet: ");
	put_text(out, s->title.value, s->title.len);
	strbuf_puts(out, "\n\n");
	if (s->summary.value != NULL) {
		strbuf_append_visible(out, s->summary.value, s->summary.len,
		    1);
		strbuf_puts(out, "\n\n");
	}
	strbuf_puts(out, "Answer each question before you run the line it "
	    "asks about; then run the\nprogram in refscope and compare.  "
	    "\"The reference count\" is the number of\nreferences to the "
	    "object: `sys.getrefcount` prints one more.\n\n"
	    "## The program\n\n```python\n");
	if (s->python)
		listing_python(p, out);
	else
		listing_yaml(p, out);
	strbuf_puts(out, "```\n\n## Questions\n\n");
	if (q->count == 0)
		strbuf_puts(out, "(This program asks nothing: nothing in it "
		    "frees, prints or changes a count worth predicting.)\n\n");
	for (uint32_t i = 0; i < q->count; i++)
		question(p, &q->questions[i], i + 1, out);
	strbuf_puts(out, "## Answer key\n\n");
	for (uint32_t i = 0; i < q->count; i++)
		answer(p, &q->questions[i], i + 1, out);
}
