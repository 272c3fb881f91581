/*
 * predict.c: the viewer's predict mode (predict.h).
 *
 * States of a question: OPEN until its step is reached; then the one being
 * asked (p->asking) takes keys until it is answered -- RIGHT or WRONG --
 * or SKIPPED.  The last one answered is revealed (p->revealed) until the
 * reader moves on.  Nothing here moves the reader: the viewer does, told
 * by predict_gate where to stop and by PREDICT_PLAY how far to play.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "view/predict.h"

#define NONE		UINT32_MAX
#define PANEL_ROWS	4	/* rows of text a panel is given */
#define PANEL_MAX_LINES	8	/* the lines they may wrap to */

enum question_state { OPEN, RIGHT, WRONG, SKIPPED };

struct predict {
	struct run	*run;		/* borrowed */
	struct quiz	 quiz;
	uint8_t		*state;		/* enum question_state, per question */
	uint32_t	 asking;	/* the question asked, or NONE */
	uint32_t	 revealed;	/* the last one answered, or NONE */
	const char	*misconception;	/* of that answer, or NULL */
	char		*given;		/* that answer, as the student gave it */

	/* the answer being given */
	struct strbuf	 typed;		/* a number, or printed text */
	objid_t		*picks;		/* objects, in the order picked */
	uint32_t	 pick_count;

	char		*report;	/* the file answers go to, or NULL */
	int		 report_errno;	/* its first write error, or 0 */
};

struct predict *
predict_new(struct run *r, const char *report)
{
	struct predict *p = xcalloc(1, sizeof *p);

	p->run = r;
	quiz_build(r, &p->quiz);
	p->state = xcalloc(p->quiz.count > 0 ? p->quiz.count : 1, 1);
	p->asking = p->revealed = NONE;
	p->typed = (struct strbuf)STRBUF_INIT;
	p->picks = xcalloc(1, sizeof *p->picks);
	p->report = report != NULL ? xstrdup(report) : NULL;
	return p;
}

void
predict_free(struct predict *p)
{
	if (p == NULL)
		return;
	quiz_free(&p->quiz);
	strbuf_free(&p->typed);
	xfree(p->state);
	xfree(p->picks);
	xfree(p->given);
	xfree(p->report);
	xfree(p);
}

static const struct quiz_question *
question(const struct predict *p, uint32_t i)
{
	return &p->quiz.questions[i];
}

/* Where a question stops the reader: just before its step's first event. */
static uint64_t
gate_of(const struct predict *p, uint32_t i)
{
	return p->run->timeline->steps[question(p, i)->step].first_event;
}

uint64_t
predict_gate(struct predict *p, uint64_t from, uint64_t to)
{
	uint32_t	first = NONE;
	uint64_t	at;

	if (p->asking != NONE)
		return from;
	for (uint32_t i = 0; i < p->quiz.count; i++) {
		at = gate_of(p, i);
		if (p->state[i] == OPEN && from <= at && at < to &&
		    (first == NONE || at < gate_of(p, first)))
			first = i;
	}
	if (first == NONE)
		return to;
	p->asking = first;
	p->revealed = NONE;
	strbuf_truncate(&p->typed, 0);
	p->pick_count = 0;
	return gate_of(p, first);
}

bool
predict_asking(const struct predict *p)
{
	return p->asking != NONE;
}

bool
predict_typing(const struct predict *p)
{
	return p->asking != NONE &&
	    question(p, p->asking)->kind == QUIZ_PRINTED;
}

uint64_t
predict_play_until(const struct predict *p)
{
	uint32_t i = p->revealed;

	return i == NONE ? 0 :
	    p->run->timeline->steps[question(p, i)->step].end_event;
}

void
predict_dismiss(struct predict *p)
{
	p->revealed = NONE;
}

/* "list #5" for a picked object: its type and id, as its box says. */
static void
object_name(const struct predict *p, objid_t o, struct strbuf *out)
{
	strbuf_printf(out, "%s #%u", heap_type_name(p->run->heap, o),
	    (unsigned)o);
}

/* The answer being given (or given), as the panel and the report show
 * it. */
static char *
answer_text(const struct predict *p, const struct quiz_question *q)
{
	struct strbuf sb = STRBUF_INIT;

	switch (q->kind) {
	case QUIZ_FREED:
	case QUIZ_COLLECTED:
		if (p->pick_count == 0)
			strbuf_puts(&sb, "nothing");
		for (uint32_t i = 0; i < p->pick_count; i++) {
			if (i > 0)
				strbuf_puts(&sb, q->kind == QUIZ_FREED ?
				    ", then " : ", ");
			object_name(p, p->picks[i], &sb);
		}
		break;
	default:
		strbuf_append(&sb, p->typed.data, p->typed.len);
		break;
	}
	return strbuf_detach(&sb);
}

/* Appends one answer to the report, as a JSON line. */
static void
report_answer(struct predict *p, uint32_t i, const char *given, bool right)
{
	const struct quiz_question *q = question(p, i);
	struct strbuf	 sb = STRBUF_INIT;
	char		*expected = quiz_answer_text(q);
	FILE		*f;

	if (p->report == NULL || p->report_errno != 0)
		goto out;
	strbuf_puts(&sb, "{\"scenario\":");
	strbuf_append_json_string(&sb, p->run->path, strlen(p->run->path));
	strbuf_printf(&sb, ",\"question\":%u,\"line\":%u,\"text\":", i + 1,
	    q->code != NULL ? q->code->pos.line : 0);
	strbuf_append_json_string(&sb, q->text, strlen(q->text));
	strbuf_puts(&sb, ",\"answer\":");
	if (given != NULL)
		strbuf_append_json_string(&sb, given, strlen(given));
	else
		strbuf_puts(&sb, "null");
	strbuf_puts(&sb, ",\"expected\":");
	strbuf_append_json_string(&sb, expected, strlen(expected));
	strbuf_printf(&sb, ",\"right\":%s}\n", right ? "true" : "false");
	if ((f = fopen(p->report, "a")) == NULL) {
		p->report_errno = errno;
		goto out;
	}
	if (fwrite(sb.data, 1, sb.len, f) != sb.len)
		p->report_errno = errno != 0 ? errno : EIO;
	if (fclose(f) != 0 && p->report_errno == 0)
		p->report_errno = errno != 0 ? errno : EIO;
out:
	xfree(expected);
	strbuf_free(&sb);
}

/* The answer given: judged, revealed, reported. */
static enum predict_action
submit(struct predict *p)
{
	const struct quiz_question *q = question(p, p->asking);
	struct quiz_reply a = { 0 };
	bool right;

	if (q->kind == QUIZ_NUMBER)
		a.number = strtoll(strbuf_str(&p->typed), NULL, 10);
	else if (q->kind == QUIZ_TRUTH)
		a.number = p->typed.data[0] == 'T';
	a.objects = p->picks;
	a.object_count = p->pick_count;
	a.printed = strbuf_str(&p->typed);
	right = quiz_is_right(q, &a);
	p->misconception = quiz_misconception(q, &a);
	xfree(p->given);
	p->given = answer_text(p, q);
	p->state[p->asking] = right ? RIGHT : WRONG;
	report_answer(p, p->asking, p->given, right);
	p->revealed = p->asking;
	p->asking = NONE;
	return PREDICT_PLAY;
}

/* Space: the selected box into the list, or out of it. */
static enum predict_action
toggle_pick(struct predict *p, objid_t o)
{
	uint32_t i;

	if (o == OBJ_NULL)
		return PREDICT_NOTHING;
	for (i = 0; i < p->pick_count && p->picks[i] != o; i++)
		;
	if (i < p->pick_count) {
		memmove(&p->picks[i], &p->picks[i + 1],
		    (p->pick_count - i - 1) * sizeof *p->picks);
		p->pick_count--;
	} else {
		p->picks = xreallocarray(p->picks, p->pick_count + 1,
		    sizeof *p->picks);
		p->picks[p->pick_count++] = o;
	}
	return PREDICT_REDRAW;
}

/* Backspace on typed text: one character (not one byte) goes. */
static void
erase_char(struct strbuf *s)
{
	size_t n = s->len;

	while (n > 0 && ((unsigned char)s->data[n - 1] & 0xc0) == 0x80)
		n--;
	strbuf_truncate(s, n > 0 ? n - 1 : 0);
}

enum predict_action
predict_key(struct predict *p, int key, objid_t selected)
{
	const struct quiz_question *q;

	if (p->asking == NONE)
		return PREDICT_NOTHING;
	q = question(p, p->asking);
	if (key == PREDICT_ESCAPE) {
		p->state[p->asking] = SKIPPED;
		report_answer(p, p->asking, NULL, false);
		xfree(p->given);
		p->given = NULL;
		p->misconception = NULL;
		p->revealed = p->asking;
		p->asking = NONE;
		return PREDICT_PLAY;
	}
	switch (q->kind) {
	case QUIZ_TRUTH:
		if (key == 't' || key == 'T' || key == 'y' || key == 'Y' ||
		    key == 'f' || key == 'F' || key == 'n' || key == 'N') {
			strbuf_truncate(&p->typed, 0);
			strbuf_puts(&p->typed, strchr("tTyY", key) ? "True" :
			    "False");
			return submit(p);
		}
		return PREDICT_NOTHING;
	case QUIZ_FREED:
	case QUIZ_COLLECTED:
		if (key == ' ')
			return toggle_pick(p, selected);
		if (key == PREDICT_BACKSPACE && p->pick_count > 0) {
			p->pick_count--;
			return PREDICT_REDRAW;
		}
		return key == PREDICT_ENTER ? submit(p) : PREDICT_NOTHING;
	case QUIZ_NUMBER:
		if ((key >= '0' && key <= '9' && p->typed.len < 18) ||
		    (key == '-' && p->typed.len == 0)) {
			strbuf_putc(&p->typed, (char)key);
			return PREDICT_REDRAW;
		}
		break;
	case QUIZ_PRINTED:
		if (key >= ' ' && key < 256 && key != 127 &&
		    p->typed.len < 200) {
			strbuf_putc(&p->typed, (char)key);
			return PREDICT_REDRAW;
		}
		break;
	}
	if (key == PREDICT_BACKSPACE && p->typed.len > 0) {
		erase_char(&p->typed);
		return PREDICT_REDRAW;
	}
	if (key == PREDICT_ENTER && p->typed.len > 0 &&
	    strcmp(strbuf_str(&p->typed), "-") != 0)
		return submit(p);
	return PREDICT_NOTHING;
}

bool
predict_report_ok(const struct predict *p, const char **why)
{
	*why = p->report_errno != 0 ? strerror(p->report_errno) : NULL;
	return p->report_errno == 0;
}

/* ---- the panel ---- */

struct panel_row {
	const char		*text;
	enum canvas_style	 style;
};

static const char *
how_to_answer(const struct quiz_question *q, bool ascii)
{
	switch (q->kind) {
	case QUIZ_NUMBER:
		return "type a number, Enter answers; Esc skips";
	case QUIZ_TRUTH:
		return "t: True, f: False; Esc skips";
	case QUIZ_PRINTED:
		return "type what it prints, Enter answers; Esc skips";
	default:
		return ascii ? "Tab selects a box, Space adds or removes it, "
		    "Enter answers (none: nothing); Esc skips" :
		    "Tab selects a box, Space adds or removes it, Enter "
		    "answers (none: nothing) \xc2\xb7 Esc skips";
	}
}

/* A box over the bottom of c, above the timeline row: each row's text
 * word-wrapped to the width, so that nothing a student must read is cut
 * on a narrow screen (at most PANEL_MAX_LINES lines in all). */
static void
draw_panel(struct canvas *c, const char *title, const struct panel_row *rows,
    int n)
{
	int w = c->width, tw = w - 4, lines = 0, h, y;

	for (int i = 0; i < n; i++)
		if (rows[i].text != NULL)
			lines += canvas_wrap(NULL, 0, 0, tw, PANEL_MAX_LINES,
			    rows[i].text, strlen(rows[i].text), rows[i].style);
	if (lines > PANEL_MAX_LINES)
		lines = PANEL_MAX_LINES;
	h = lines + 2;
	y = c->height - 1 - h;
	if (y < 0)
		return;
	canvas_fill(c, 0, y, w, h, STYLE_NORMAL);
	canvas_box(c, 0, y, w, h, STYLE_FRAME, true);
	canvas_text(c, 2, y, title, strlen(title), STYLE_TITLE, tw);
	y++;
	for (int i = 0; i < n && lines > 0; i++) {
		int used;

		if (rows[i].text == NULL)
			continue;
		used = canvas_wrap(c, 2, y, tw, lines, rows[i].text,
		    strlen(rows[i].text), rows[i].style);
		used = used < lines ? used : lines;
		y += used;
		lines -= used;
	}
}

/* How many were answered right, out of those asked. */
static void
score(const struct predict *p, uint32_t *right, uint32_t *asked)
{
	*right = *asked = 0;
	for (uint32_t i = 0; i < p->quiz.count; i++) {
		*right += p->state[i] == RIGHT;
		*asked += p->state[i] != OPEN;
	}
}

static void
draw_question(const struct predict *p, struct canvas *c)
{
	const struct quiz_question *q = question(p, p->asking);
	char	*title, *where, *given = answer_text(p, q), *line;

	title = xasprintf(" Predict %s question %u of %u ", c->ascii ? "--" :
	    "\xe2\x80\x94", p->asking + 1, p->quiz.count);
	where = xasprintf("Line %u: %s", q->code != NULL ?
	    q->code->pos.line : 0, q->code != NULL ? q->code->value : "");
	line = xasprintf("Your answer: %s%s", given, c->ascii ? "_" :
	    "\xe2\x96\x8f");
	{
		struct panel_row rows[PANEL_ROWS] = {
			{ where, STYLE_CODE_CURRENT },
			{ q->text, STYLE_NARRATION },
			{ line, STYLE_NAME },
			{ how_to_answer(q, c->ascii), STYLE_HINT },
		};

		draw_panel(c, title, rows, PANEL_ROWS);
	}
	xfree(title);
	xfree(where);
	xfree(given);
	xfree(line);
}

/* The model's answer as the panel says it: objects by their boxes'
 * titles ("list #5, then int #6"), the rest as the worksheet does. */
static char *
model_answer(const struct predict *p, const struct quiz_question *q)
{
	struct strbuf sb = STRBUF_INIT;

	if (q->kind != QUIZ_FREED && q->kind != QUIZ_COLLECTED)
		return quiz_answer_text(q);
	if (q->object_count == 0)
		strbuf_puts(&sb, "nothing is freed");
	for (uint32_t i = 0; i < q->object_count; i++) {
		if (i > 0)
			strbuf_puts(&sb, q->kind == QUIZ_FREED ? ", then " :
			    ", ");
		object_name(p, q->objects[i], &sb);
	}
	return strbuf_detach(&sb);
}

/* "✓ Right: 2", "✗ You said 1; the answer is 2", "Skipped. ..." for the
 * last answer revealed. */
static char *
verdict_text(const struct predict *p, const struct canvas *c)
{
	const struct quiz_question *q = question(p, p->revealed);
	char	*answer = model_answer(p, q), *verdict;

	switch (p->state[p->revealed]) {
	case RIGHT:
		verdict = xasprintf("%s Right: %s", c->ascii ? "+" :
		    "\xe2\x9c\x93", answer);
		break;
	case SKIPPED:
		verdict = xasprintf("Skipped. The answer: %s", answer);
		break;
	default:
		verdict = xasprintf("%s You said %s; the answer is %s",
		    c->ascii ? "x" : "\xe2\x9c\x97", p->given, answer);
		break;
	}
	xfree(answer);
	return verdict;
}

static void
draw_reveal(const struct predict *p, struct canvas *c)
{
	const struct quiz_question *q = question(p, p->revealed);
	char		*verdict = verdict_text(p, c), *why = NULL, *tally;
	uint32_t	 right, asked;

	score(p, &right, &asked);
	if (q->why != NULL)
		why = xasprintf("Why: %s", q->why);
	tally = xasprintf("Score %u/%u so far; move on with the arrow keys",
	    right, asked);
	{
		struct panel_row rows[PANEL_ROWS] = {
			{ verdict, p->state[p->revealed] == RIGHT ?
			    STYLE_MARKED : STYLE_ERROR },
			{ p->misconception, STYLE_NARRATION },
			{ why, STYLE_DIM },
			{ tally, STYLE_HINT },
		};

		draw_panel(c, " Predict ", rows, PANEL_ROWS);
	}
	xfree(verdict);
	xfree(why);
	xfree(tally);
}

/* The end of the run: the last answer's verdict, if it was just given,
 * the score and the questions missed. */
static void
draw_score(const struct predict *p, struct canvas *c)
{
	struct strbuf	 missed = STRBUF_INIT;
	char		*head, *verdict = NULL;
	uint32_t	 right, asked, n = 0;

	score(p, &right, &asked);
	head = xasprintf("Score %u/%u%s", right, asked, asked < p->quiz.count ?
	    " (some questions were passed by)" : "");
	for (uint32_t i = 0; i < p->quiz.count; i++) {
		const struct quiz_question *q = question(p, i);

		if (p->state[i] != WRONG && p->state[i] != SKIPPED)
			continue;
		strbuf_printf(&missed, "%s%u (line %u)", n++ == 0 ?
		    "Missed: question " : ", ", i + 1, q->code != NULL ?
		    q->code->pos.line : 0);
	}
	if (n == 0)
		strbuf_puts(&missed, "Every answer right.");
	if (p->revealed != NONE)
		verdict = verdict_text(p, c);
	{
		struct panel_row rows[3] = {
			{ verdict, verdict == NULL ? STYLE_NORMAL :
			    p->state[p->revealed] == RIGHT ? STYLE_MARKED :
			    STYLE_ERROR },
			{ head, STYLE_TITLE },
			{ strbuf_str(&missed), STYLE_NARRATION },
		};

		draw_panel(c, c->ascii ? " Predict -- the end " :
		    " Predict \xe2\x80\x94 the end ", verdict != NULL ?
		    rows : rows + 1, verdict != NULL ? 3 : 2);
	}
	xfree(head);
	xfree(verdict);
	strbuf_free(&missed);
}

void
predict_draw(const struct predict *p, struct canvas *c, uint64_t position)
{
	uint32_t right, asked;

	score(p, &right, &asked);
	if (p->asking != NONE)
		draw_question(p, c);
	else if (position >= p->run->timeline->event_count && asked > 0)
		draw_score(p, c);	/* the end: the score, whatever else */
	else if (p->revealed != NONE)
		draw_reveal(p, c);
}
