/*
 * cast.c: the animation, frame by frame, as asciicast v2.
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "base/strbuf.h"
#include "writer/budget.h"
#include "sim/event.h"
#include "view/anim.h"
#include "view/canvas.h"
#include "view/layout.h"
#include "view/picture.h"
#include "view/scene.h"
#include "writer/cast.h"

struct cast_writer {
	FILE			*out;
	const struct program	*program;
	struct heap		*heap;
	const struct timeline	*timeline;
	struct layout		*layout;
	struct scene_options	 scene_options;
	struct canvas		*frame;		/* being drawn */
	struct canvas		*shown;		/* what the player shows */
	bool			 first;
	int			 narration_rows;
	uint64_t		 clock_ms;
	struct strbuf		 text;		/* one frame's output */
	struct strbuf		 line;
	struct writer_budget	 budget;
};

/* Whether row y of a and b (of one size) shows the same cells. */
static bool
row_equal(const struct canvas *a, const struct canvas *b, int y)
{
	size_t at = (size_t)y * (size_t)a->width;

	return memcmp(a->cells + at, b->cells + at,
	    (size_t)a->width * sizeof *a->cells) == 0;
}

/* Writes w->line, unless a write failed already. */
static void
put(struct cast_writer *w)
{
	if (w->budget.error != 0)
		return;
	errno = 0;
	if (fwrite(w->line.data, 1, w->line.len, w->out) != w->line.len ||
	    ferror(w->out))
		w->budget.error = errno != 0 ? errno : EIO;
}

/* Emits text as one asciicast event at the current clock. */
static void
emit(struct cast_writer *w, const char *text, size_t len)
{
	strbuf_truncate(&w->line, 0);
	strbuf_printf(&w->line, "[%llu.%03llu, \"o\", ",
	    (unsigned long long)(w->clock_ms / 1000),
	    (unsigned long long)(w->clock_ms % 1000));
	strbuf_append_json_string(&w->line, text, len);
	strbuf_puts(&w->line, "]\n");
	put(w);
}

/* Draws the moment `permille` of the current event and sends the rows
 * that differ from what is shown (all of them the first time), if the
 * budget allows: the bytes, and the drawing, which looks at every object
 * and cell even when no row changed. */
static void
frame(struct cast_writer *w, uint64_t position, int permille)
{
	uint64_t	cost;
	uint32_t	step = position > 0 ?
	    w->timeline->events[position - 1].step : 0;

	struct picture_options po = { .show_code = true,
	    .narration_rows = w->narration_rows };

	canvas_reset(w->frame, w->shown->width, w->shown->height);
	anim_draw(w->frame, w->heap, w->timeline, w->program, w->layout,
	    &w->scene_options, &po, permille);
	strbuf_truncate(&w->text, 0);
	if (w->first)
		strbuf_puts(&w->text, "\033[?25l\033[H\033[2J");
	for (int y = 0; y < w->frame->height; y++) {
		if (!w->first && row_equal(w->frame, w->shown, y))
			continue;
		strbuf_printf(&w->text, "\033[%d;1H\033[2K", y + 1);
		canvas_row_to_text(w->frame, y, true, &w->text);
	}
	w->first = false;
	cost = w->text.len + (uint64_t)w->heap->object_count *
	    WRITER_PICTURE_OBJECT_BYTES + (uint64_t)w->frame->width *
	    (uint64_t)w->frame->height;
	if (!writer_budget_spend(&w->budget, cost, w->program, w->timeline, step))
		return;
	if (w->text.len > 0)
		emit(w, w->text.data, w->text.len);
	memcpy(w->shown->cells, w->frame->cells, (size_t)w->frame->width *
	    (size_t)w->frame->height * sizeof *w->frame->cells);
}

/* How long the settled picture after event `position` stays: longer at
 * the end of a module-level step, longest at a pause:. */
static uint64_t
hold_ms(const struct cast_writer *w, uint64_t position)
{
	const struct timeline		*t = w->timeline;
	const struct timeline_step	*ts = &t->steps[t->events[position -
	    1].step];
	const struct program		*p = w->program;

	if (ts->depth > 0 || ts->end_event != position)
		return CAST_SETTLE_MS;
	if (ts->source < p->step_count && p->steps[ts->source].source->pause)
		return CAST_SETTLE_MS + CAST_PAUSE_MS;
	return CAST_SETTLE_MS + CAST_STEP_MS;
}

static void
write_header(struct cast_writer *w, const struct cast_options *o)
{
	const char *title = w->program->scenario->title.value;

	strbuf_truncate(&w->line, 0);
	strbuf_printf(&w->line, "{\"version\": 2, \"width\": %d, "
	    "\"height\": %d, \"title\": ", o->width, o->height);
	strbuf_append_json_string(&w->line, title, strlen(title));
	strbuf_puts(&w->line, ", \"env\": {\"TERM\": \"xterm-256color\"}}\n");
	put(w);
}

int
cast_write(FILE *out, const struct program *p, struct heap *h,
    const struct timeline *t, const struct cast_options *o,
    struct diag **errors)
{
	struct cast_writer	w;
	uint64_t		start = t->step_count > 0 ?
	    t->steps[0].end_event : 0;

	memset(&w, 0, sizeof w);
	w.out = out;
	w.program = p;
	w.heap = h;
	w.timeline = t;
	w.layout = layout_new();
	scene_options_default(&w.scene_options);
	w.frame = canvas_new(o->width, o->height, o->ascii);
	w.shown = canvas_new(o->width, o->height, o->ascii);
	w.first = true;
	w.budget.what = "the recording";
	w.budget.limit = (struct writer_limit){ WRITER_MAX_CAST, WRITER_LIMIT_FIXED };
	w.narration_rows = picture_narration_rows(p, o->width, o->height);
	write_header(&w, o);

	/* as the viewer opens: after the set-up, before step 1 */
	timeline_seek(t, h, start);
	frame(&w, start, ANIM_SETTLED);
	w.clock_ms += CAST_STEP_MS;
	for (uint64_t pos = start + 1; pos <= t->event_count &&
	    !writer_budget_spent(&w.budget); pos++) {
		timeline_seek(t, h, pos);
		for (int k = 0; k < CAST_FRAMES; k++) {
			frame(&w, pos, k * ANIM_SETTLED / CAST_FRAMES);
			w.clock_ms += CAST_FRAME_MS;
		}
		frame(&w, pos, ANIM_SETTLED);
		w.clock_ms += hold_ms(&w, pos);
	}
	/* the end, after a last hold; a recording cut short ends so too,
	 * so that its player's cursor comes back */
	emit(&w, "\033[0m\033[?25h", 10);
	writer_budget_take(&w.budget, errors);

	strbuf_free(&w.text);
	strbuf_free(&w.line);
	canvas_free(w.frame);
	canvas_free(w.shown);
	layout_free(w.layout);
	errno = 0;
	if (w.budget.error == 0 && fflush(out) != 0)
		w.budget.error = errno != 0 ? errno : EIO;
	if (w.budget.error == 0)
		return 0;
	errno = w.budget.error;
	return -1;
}
