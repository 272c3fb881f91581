/*
 * trace.c: streaming JSON Lines (DESIGN §7).
 *
 * Events arrive in order, but a step's events interleave with those of the
 * function bodies it calls, and its record is written only when it ends.
 * So per open step -- at most one per call depth -- we gather what it freed,
 * what the collector took and what it printed.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <inttypes.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/xalloc.h"
#include "py/pyversion.h"
#include "sim/version.h"
#include "writer/budget.h"
#include "writer/delta.h"
#include "writer/live.h"
#include "writer/trace.h"
#include "writer/tracejson.h"

/* Appends a string literal without measuring it. */
#define put_lit(sb, literal) strbuf_append((sb), "" literal, sizeof(literal) - 1)

struct open_step {
	uint32_t	 step;
	struct strbuf	 freed;		/* "1,2,3" */
	struct strbuf	 collected;
	struct strbuf	 output;	/* raw text */
};

struct trace_writer {
	FILE			*out;
	const struct program	*program;
	bool			 with_events;
	struct open_step	*open;		/* innermost last */
	uint32_t		 open_count;
	uint32_t		 open_cap;
	struct strbuf		 line;		/* reused for each line */
	struct trace_json	 json;		/* scratch */
	struct live_ids		 live;		/* what a record lists */
	struct trace_delta	*delta;		/* the changes, or the cache */
	bool			 delta_records;	/* --delta */
	bool			 first_written;
	struct writer_budget	 budget;
};

struct trace_writer *
trace_writer_new(FILE *out, const struct program *p,
    const struct trace_options *o)
{
	struct trace_writer *w = xcalloc(1, sizeof *w);

	w->out = out;
	w->program = p;
	w->with_events = o->events;
	w->delta_records = o->delta;
	if (o->delta)
		w->delta = trace_delta_new(TRACE_DELTA_RECORDS);
	else if (!o->fresh)
		w->delta = trace_delta_new(TRACE_DELTA_CACHE);
	w->budget.what = "the trace";
	w->budget.limit = o->max;
	return w;
}

static void
open_step_clear(struct open_step *s)
{
	strbuf_free(&s->freed);
	strbuf_free(&s->collected);
	strbuf_free(&s->output);
}

void
trace_writer_free(struct trace_writer *w)
{
	if (w == NULL)
		return;
	for (uint32_t i = 0; i < w->open_count; i++)
		open_step_clear(&w->open[i]);
	xfree(w->open);
	strbuf_free(&w->line);
	trace_json_free(&w->json);
	diag_free(w->budget.spent);
	live_ids_free(&w->live);
	trace_delta_free(w->delta);
	xfree(w);
}

static struct open_step *
open_step(struct trace_writer *w, uint32_t step)
{
	for (uint32_t i = w->open_count; i-- > 0;)
		if (w->open[i].step == step)
			return &w->open[i];
	if (w->open_count == w->open_cap) {
		w->open_cap = w->open_cap ? w->open_cap * 2 : 8;
		w->open = xreallocarray(w->open, w->open_cap, sizeof *w->open);
	}
	memset(&w->open[w->open_count], 0, sizeof w->open[0]);
	w->open[w->open_count].step = step;
	return &w->open[w->open_count++];
}

static void
put_json(struct strbuf *sb, const char *text)
{
	strbuf_append_json_string(sb, text, strlen(text));
}

static void
list_append_id(struct strbuf *list, objid_t id)
{
	if (list->len > 0)
		strbuf_putc(list, ',');
	trace_json_uint(list, id);
}

/* "frames":[..],"heap":[..]: the whole state, as a full record has it. */
static void
state_json(struct trace_writer *w, const struct heap *h, struct strbuf *out)
{
	put_lit(out, ",\"frames\":[");
	for (uint32_t f = 0; f < h->frame_count; f++) {
		if (f > 0)
			strbuf_putc(out, ',');
		trace_json_frame(h, f, out);
	}
	put_lit(out, "],\"heap\":");
	if (w->delta != NULL && !w->delta_records) {
		trace_delta_heap(w->delta, h, &w->live, &w->json, out);
		return;
	}
	strbuf_putc(out, '[');
	for (uint32_t i = 0, n = 0; i < w->live.len; i++) {
		objid_t id = w->live.ids[i];

		if (!trace_json_listed(h, id))
			continue;
		if (n++ > 0)
			strbuf_putc(out, ',');
		trace_json_object(&w->json, h, id, out);
	}
	strbuf_putc(out, ']');
}

/* Writes the line built in w->line, if the budget allows. */
static void
put_line(struct trace_writer *w, const struct timeline *t, uint32_t step)
{
	writer_budget_write(&w->budget, w->out, w->line.data, w->line.len,
	    w->program, t, step);
}

static void
on_step(void *ctx, const struct heap *h, const struct timeline *t,
    uint32_t step)
{
	struct trace_writer		*w = ctx;
	const struct timeline_step	*ts = &t->steps[step];
	const struct scenario_step	*src = program_step_source(
	    w->program, ts->function, ts->source);
	struct open_step		*os;
	struct strbuf			*out = &w->line;

	if (writer_budget_spent(&w->budget))
		return;
	os = open_step(w, step);
	strbuf_truncate(out, 0);
	put_lit(out, "{\"step\":");
	trace_json_uint(out, step);
	put_lit(out, ",\"depth\":");
	trace_json_uint(out, ts->depth);
	put_lit(out, ",\"line\":");
	trace_json_uint(out, scenario_editor_pos(w->program->scenario,
	    src->code.value ? src->code.pos : src->pos).line);
	put_lit(out, ",\"code\":");
	if (src->code.value != NULL)
		strbuf_append_json_string(out, src->code.value, src->code.len);
	else
		put_lit(out, "\"\"");
	live_ids_tidy(&w->live, h);
	if (!w->delta_records || !w->first_written) {
		state_json(w, h, out);
		if (w->delta_records)
			trace_delta_begin(w->delta, h, &w->live);
	} else
		trace_delta_record(w->delta, h, &w->live, &w->json, out);
	w->first_written = true;
	put_lit(out, ",\"freed\":[");
	strbuf_append(out, strbuf_str(&os->freed), os->freed.len);
	strbuf_puts(out, "],\"collected\":[");
	strbuf_append(out, strbuf_str(&os->collected), os->collected.len);
	strbuf_puts(out, "],\"output\":");
	strbuf_append_json_string(out, strbuf_str(&os->output),
	    os->output.len);
	/* the CPython version modelled (DESIGN §10) */
	strbuf_puts(out, ",\"python\":\"");
	strbuf_puts(out, pyversion_name(h->python));
	strbuf_puts(out, "\"}\n");
	put_line(w, t, step);

	/* the step is over: forget it */
	open_step_clear(os);
	*os = w->open[--w->open_count];
}

/* The collector's generation counts, as gc.get_count() would say. */
static void
gc_counts_json(const struct heap *h, struct strbuf *out)
{
	put_lit(out, ",\"counts\":[");
	for (int g = 0; g < GEN_COUNT; g++) {
		if (g > 0)
			strbuf_putc(out, ',');
		trace_json_uint(out, h->gens[g].count);
	}
	strbuf_putc(out, ']');
}

static void
event_json(struct trace_writer *w, const struct heap *h,
    const struct timeline *t, const struct event *ev,
    const struct event_reading *r)
{
	struct strbuf *out = &w->line;

	strbuf_truncate(out, 0);
	strbuf_puts(out, "{\"event\":");
	put_json(out, event_kind_name(ev->kind));
	strbuf_puts(out, ",\"step\":");
	trace_json_uint(out, ev->step);
	if (r->subject != OBJ_NULL) {
		strbuf_puts(out, ",\"id\":");
		trace_json_uint(out, r->subject);
		strbuf_puts(out, ",\"type\":");
		put_json(out, heap_type_name(h, r->subject));
		/* the collector's own passes leave counts alone */
		if (r->gc_object == OBJ_NULL) {
			strbuf_puts(out, ",\"refcount\":");
			trace_json_int(out, version_refcount(h, r->subject));
		}
	}
	if (r->freed != OBJ_NULL)
		strbuf_puts(out, r->by_collector ?
		    ",\"cause\":\"collector\"" : ",\"cause\":\"refcount\"");
	if (r->collection == EVENT_COLLECTION_BEGIN ||
	    r->collection == EVENT_COLLECTION_END) {
		strbuf_puts(out, ",\"generation\":");
		trace_json_uint(out, r->generation);
		if (r->collection == EVENT_COLLECTION_END) {
			strbuf_puts(out, ",\"collected\":");
			trace_json_uint(out, r->collected);
			strbuf_puts(out, ",\"uncollectable\":");
			trace_json_uint(out, r->uncollectable);
		}
		gc_counts_json(h, out);
	}
	/* move_unreachable's first verdict, which a later reference may
	 * overturn; the final one comes at the finalize phase */
	if (r->tentative)
		put_lit(out, ",\"tentative\":true");
	if (r->phase != NULL) {
		strbuf_puts(out, ",\"phase\":");
		put_json(out, r->phase);
	}
	if (r->gc_refs_set) {
		strbuf_puts(out, ",\"gc_refs\":");
		trace_json_int(out, r->gc_refs);
	}
	if (r->output) {
		strbuf_puts(out, ",\"text\":");
		strbuf_append_json_string(out, timeline_text(t, r->text_at),
		    r->text_len);
	}
	strbuf_puts(out, ",\"reason\":");
	{
		struct strbuf reason = STRBUF_INIT;

		event_describe(h, ev, &reason);
		strbuf_append_json_string(out, strbuf_str(&reason), reason.len);
		strbuf_free(&reason);
	}
	strbuf_puts(out, "}\n");
	put_line(w, t, ev->step);
}

static void
on_event(void *ctx, const struct heap *h, const struct timeline *t,
    const struct event *ev)
{
	struct trace_writer	*w = ctx;
	struct open_step	*os;
	struct event_reading	 r;

	if (writer_budget_spent(&w->budget))
		return;
	event_read(h, ev, &r);
	live_ids_on_event(&w->live, &r);
	if (w->delta != NULL)
		trace_delta_on_event(w->delta, h, &r);
	if (w->with_events)
		event_json(w, h, t, ev, &r);
	if (ev->step == 0 && t->steps[0].source == UINT32_MAX)
		return;		/* the set-up before step 1: no record */
	if (r.freed != OBJ_NULL) {
		os = open_step(w, ev->step);
		list_append_id(r.by_collector ? &os->collected : &os->freed,
		    r.freed);
	}
	if (r.output) {
		os = open_step(w, ev->step);
		strbuf_append(&os->output, timeline_text(t, r.text_at),
		    r.text_len);
	}
}

void
trace_writer_take_errors(struct trace_writer *w, struct diag **errors)
{
	writer_budget_take(&w->budget, errors);
}

int
trace_writer_error(const struct trace_writer *w)
{
	return w->budget.error;
}

void
trace_writer_attach(struct trace_writer *w, struct timeline *t,
    struct interp_hooks *hooks)
{
	t->on_event = on_event;
	t->ctx = w;
	hooks->on_step = on_step;
	hooks->ctx = w;
}
