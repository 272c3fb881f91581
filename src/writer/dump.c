/*
 * dump.c: a plain-text listing of each step, for people.
 *
 * Scenario text (code, output, reprs) is written with control characters
 * made visible: a dump goes to a terminal as often as to a file.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/xalloc.h"
#include "writer/budget.h"
#include "writer/dump.h"
#include "writer/live.h"
#include "view/canvas.h"
#include "view/layout.h"
#include "view/picture.h"
#include "view/scene.h"

struct dump_writer {
	FILE			*out;
	const struct program	*program;
	struct dump_options	 options;
	struct layout		*layout;	/* kept: objects keep their place */
	struct strbuf		 output;	/* printed since the last record */
	struct strbuf		 text;
	struct live_ids		 live;		/* what a listing shows */
	struct writer_budget	 budget;
};

struct dump_writer *
dump_writer_new(FILE *out, const struct program *p,
    const struct dump_options *o)
{
	struct dump_writer *w = xcalloc(1, sizeof *w);

	w->out = out;
	w->program = p;
	w->options = *o;
	if (w->options.width < PICTURE_MIN_WIDTH)
		w->options.width = PICTURE_MIN_WIDTH;
	w->layout = layout_new();
	w->budget.what = "the dump";
	w->budget.limit = o->max;
	return w;
}

void
dump_writer_free(struct dump_writer *w)
{
	if (w == NULL)
		return;
	strbuf_free(&w->output);
	strbuf_free(&w->text);
	layout_free(w->layout);
	live_ids_free(&w->live);
	diag_free(w->budget.spent);
	xfree(w);
}

static void
put_visible(struct strbuf *sb, const char *text, size_t len)
{
	strbuf_append_visible(sb, text, len, 0);
}

struct refs_ctx {
	const struct heap	*h;
	objid_t			 owner;
	struct strbuf		*out;
};

static bool
ref_text(void *ctx, const struct heap_ref *ref)
{
	struct refs_ctx	*c = ctx;
	struct strbuf	 label = STRBUF_INIT;

	heap_ref_label(c->h, c->owner, ref, &label);
	strbuf_puts(c->out, "  ");
	put_visible(c->out, strbuf_str(&label), label.len);
	strbuf_printf(c->out, " → #%u", ref->target);
	strbuf_free(&label);
	return true;
}

static void
object_line(const struct heap *h, objid_t id, struct strbuf *out)
{
	const struct object	*o = heap_object(h, id);
	struct strbuf		 repr = STRBUF_INIT;
	struct refs_ctx		 refs = { h, id, out };

	heap_repr(h, id, false, 60, &repr);
	strbuf_printf(out, "  #%-4u %-9s refcount %-3d ", id,
	    heap_type_name(h, id), o->refcount);
	put_visible(out, strbuf_str(&repr), repr.len);
	if (o->flags & OBJF_CACHED)
		strbuf_puts(out, "  (shared)");
	strbuf_putc(out, '\n');
	if (heap_ref_count(h, id) > 0 && o->type != OBJ_CLASS) {
		strbuf_puts(out, "        refs:");
		heap_visit_refs(h, id, ref_text, &refs);
		strbuf_putc(out, '\n');
	}
	/* a weakref's referent: listed apart, it counts for nothing */
	if (heap_weak_target(h, id) != OBJ_NULL)
		strbuf_printf(out, "        weakly: #%" PRIu32 " (not counted)\n",
		    heap_weak_target(h, id));
	strbuf_free(&repr);
}

/* Writes what w->text holds, if the budget allows what it cost: its
 * bytes, and extra for work the bytes do not show. */
static void
put_text(struct dump_writer *w, const struct timeline *t, uint32_t step,
    uint64_t extra)
{
	if (writer_budget_spend(&w->budget, extra, w->program, t, step))
		writer_budget_write(&w->budget, w->out, w->text.data,
		    w->text.len, w->program, t, step);
}

/* The viewer's screen for the end of step, as tall as it needs. */
static void
picture_step(struct dump_writer *w, const struct heap *h,
    const struct timeline *t, uint32_t step)
{
	struct scene		s;
	struct scene_options	so;
	struct picture_options	po = { .show_code = true };
	struct canvas		*c;
	int			 width;

	scene_options_default(&so);
	scene_build(&s, h, t, w->program, &so);
	layout_place(w->layout, &s);
	/* no panning on paper: as wide as the graph needs */
	width = w->layout->width + 2 > w->options.width ?
	    w->layout->width + 2 : w->options.width;
	c = canvas_new(width, picture_full_height(&s, w->layout, w->program,
	    width), w->options.ascii);
	picture_draw(c, &s, w->layout, w->program, &po);
	strbuf_truncate(&w->text, 0);
	canvas_to_text(c, w->options.ansi, &w->text);
	strbuf_putc(&w->text, '\n');
	put_text(w, t, step, (uint64_t)h->object_count *
	    WRITER_PICTURE_OBJECT_BYTES);
	canvas_free(c);
	scene_free(&s);
}

static void
on_step(void *ctx, const struct heap *h, const struct timeline *t,
    uint32_t step)
{
	struct dump_writer		*w = ctx;
	const struct timeline_step	*ts = &t->steps[step];
	const struct program_function	*f = ts->function ?
	    &w->program->functions[ts->function - 1] : NULL;
	const struct scenario_step	*src = program_step_source(
	    w->program, ts->function, ts->source);
	struct strbuf			*out = &w->text;

	if (!w->options.list || writer_budget_spent(&w->budget))
		return;		/* pictures are drawn after the run */
	strbuf_truncate(out, 0);
	strbuf_printf(out, "── step %u", step);
	if (f != NULL)
		strbuf_printf(out, " · in %s", atom_name(f->name));
	strbuf_printf(out, " · line %u", scenario_editor_pos(
	    w->program->scenario, src->code.value ? src->code.pos :
	    src->pos).line);
	if (src->code.value != NULL) {
		strbuf_puts(out, " · ");
		put_visible(out, src->code.value, src->code.len);
	}
	strbuf_puts(out, "\n");
	if (src->say.value != NULL) {
		/* the narration, one indented line per line of say: */
		const char *p = src->say.value, *end = p + src->say.len;

		while (p < end) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			const char *stop = nl ? nl : end;

			if (stop > p) {
				strbuf_puts(out, "  │ ");
				put_visible(out, p, (size_t)(stop - p));
				strbuf_putc(out, '\n');
			}
			p = nl ? nl + 1 : end;
		}
	}
	for (uint32_t i = 0; i < h->frame_count; i++) {
		const struct frame *fr = &h->frames[i];

		strbuf_printf(out, "  %s:", fr->function ? atom_name(heap_object(
		    h, fr->function)->as.fn->name) : "names");
		for (uint32_t k = 0; k < fr->name_count; k++)
			if (fr->names[k].value != OBJ_NULL)
				strbuf_printf(out, " %s → #%u",
				    atom_name(fr->names[k].name),
				    fr->names[k].value);
		strbuf_putc(out, '\n');
	}
	live_ids_tidy(&w->live, h);
	for (uint32_t i = 0; i < w->live.len; i++) {
		objid_t			 id = w->live.ids[i];
		const struct object	*o = heap_object(h, id);

		if (o->state == OBJ_ALIVE &&
		    (!(o->flags & OBJF_CACHED) || o->refcount > 0))
			object_line(h, id, out);
	}
	if (w->output.len > 0) {
		strbuf_puts(out, "  printed: ");
		strbuf_append_visible(out, strbuf_str(&w->output),
		    w->output.len, 0);
		strbuf_putc(out, '\n');
		strbuf_truncate(&w->output, 0);
	}
	strbuf_putc(out, '\n');
	put_text(w, t, step, 0);
}

static void
on_event(void *ctx, const struct heap *h, const struct timeline *t,
    const struct event *ev)
{
	struct dump_writer	*w = ctx;
	struct event_reading	 r;

	if (writer_budget_spent(&w->budget))
		return;
	event_read(h, ev, &r);
	live_ids_on_event(&w->live, &r);
	if (r.output)
		strbuf_append(&w->output, timeline_text(t, r.text_at),
		    r.text_len);
}

static const struct timeline *sort_timeline;

/* Steps in the order they end: a call's body steps before the statement
 * that made the call. */
static int
compare_ends(const void *a, const void *b)
{
	const struct timeline_step *p = &sort_timeline->steps[*(const uint32_t *)a];
	const struct timeline_step *q = &sort_timeline->steps[*(const uint32_t *)b];

	if (p->end_event != q->end_event)
		return p->end_event < q->end_event ? -1 : 1;
	return p->depth > q->depth ? -1 : p->depth < q->depth;
}

void
dump_writer_pictures(struct dump_writer *w, struct heap *h,
    const struct timeline *t)
{
	uint32_t		*order;
	struct scene_options	 so;

	if (w->options.list || t->step_count < 2)
		return;
	/* the viewer's places: planned over the whole run */
	scene_options_default(&so);
	layout_plan(w->layout, t, h, &so);
	order = xcalloc(t->step_count, sizeof *order);
	for (uint32_t k = 1; k < t->step_count; k++)
		order[k - 1] = k;
	sort_timeline = t;
	qsort(order, t->step_count - 1, sizeof *order, compare_ends);
	for (uint32_t i = 0; i + 1 < t->step_count &&
	    !writer_budget_spent(&w->budget); i++) {
		timeline_seek(t, h, t->steps[order[i]].end_event);
		picture_step(w, h, t, order[i]);
	}
	xfree(order);
}

void
dump_writer_take_errors(struct dump_writer *w, struct diag **errors)
{
	writer_budget_take(&w->budget, errors);
}

int
dump_writer_error(const struct dump_writer *w)
{
	return w->budget.error;
}

void
dump_writer_attach(struct dump_writer *w, struct timeline *t,
    struct interp_hooks *hooks)
{
	t->on_event = on_event;
	t->ctx = w;
	hooks->on_step = on_step;
	hooks->ctx = w;
}
