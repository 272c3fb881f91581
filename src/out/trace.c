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
#include "out/budget.h"
#include "out/live.h"
#include "out/trace.h"

#define TRACE_REPR_MAX 60

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
	struct strbuf		 repr;		/* scratch */
	struct strbuf		 label;		/* scratch */
	struct live_ids		 live;		/* what a record lists */
	struct out_budget	 budget;
};

struct trace_writer *
trace_writer_new(FILE *out, const struct program *p, bool with_events)
{
	struct trace_writer *w = xcalloc(1, sizeof *w);

	w->out = out;
	w->program = p;
	w->with_events = with_events;
	w->budget.what = "the trace";
	w->budget.limit = OUT_MAX_TRACE;
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
	strbuf_free(&w->repr);
	strbuf_free(&w->label);
	diag_free(w->budget.spent);
	live_ids_free(&w->live);
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

/* Writes v in decimal at p; returns the end. */
static char *
format_uint(char *p, uint64_t v)
{
	char	buf[24];
	int	n = 0;

	do {
		buf[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	while (n > 0)
		*p++ = buf[--n];
	return p;
}

static char *
format_lit(char *p, const char *literal, size_t len)
{
	memcpy(p, literal, len);
	return p + len;
}

static void
put_uint(struct strbuf *sb, uint64_t v)
{
	char	buf[24];
	int	n = 0;

	do {
		buf[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	while (n > 0)
		strbuf_putc(sb, buf[--n]);
}

static void
put_int(struct strbuf *sb, int64_t v)
{
	if (v < 0) {
		strbuf_putc(sb, '-');
		put_uint(sb, (uint64_t)0 - (uint64_t)v);
	} else
		put_uint(sb, (uint64_t)v);
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
	put_uint(list, id);
}

struct refs_ctx {
	const struct heap	*h;
	objid_t			 owner;
	struct strbuf		*out;
	bool			 first;
	struct strbuf		 label;
};

static bool
ref_json(void *ctx, const struct heap_ref *ref)
{
	struct refs_ctx *c = ctx;

	if (ref->site == SITE_ITEM) {
		/* {"via":"[i]","id":n}: the common case, in one append */
		char buf[80], *p = buf;

		if (!c->first)
			*p++ = ',';
		p = format_lit(p, "{\"via\":\"[", 9);
		p = format_uint(p, ref->index);
		p = format_lit(p, "]\",\"id\":", 8);
		p = format_uint(p, ref->target);
		*p++ = '}';
		strbuf_append(c->out, buf, (size_t)(p - buf));
		c->first = false;
		return true;
	}
	strbuf_append(c->out, c->first ? "{\"via\":" : ",{\"via\":",
	    c->first ? 7 : 8);
	c->first = false;
	{
		strbuf_truncate(&c->label, 0);
		heap_ref_label(c->h, c->owner, ref, &c->label);
		strbuf_append_json_string(c->out, strbuf_str(&c->label),
		    c->label.len);
	}
	strbuf_puts(c->out, ",\"id\":");
	put_uint(c->out, ref->target);
	strbuf_putc(c->out, '}');
	return true;
}

/* Type names are identifiers (the loader checks class names): no escape
 * is needed. */
static void
put_name(struct strbuf *sb, const char *name)
{
	strbuf_putc(sb, '"');
	strbuf_puts(sb, name);
	strbuf_putc(sb, '"');
}

/* One heap entry; repr and label are scratch buffers the caller keeps. */
static void
object_json(const struct heap *h, objid_t id, struct strbuf *out,
    struct strbuf *repr, struct strbuf *label)
{
	const struct object	*o = heap_object(h, id);
	struct refs_ctx		 refs = { h, id, out, true, *label };

	put_lit(out, "{\"id\":");
	put_uint(out, id);
	put_lit(out, ",\"type\":");
	put_name(out, heap_type_name(h, id));
	strbuf_truncate(repr, 0);
	heap_repr(h, id, false, TRACE_REPR_MAX, repr);
	put_lit(out, ",\"repr\":");
	strbuf_append_json_string(out, strbuf_str(repr), repr->len);
	put_lit(out, ",\"refcount\":");
	put_int(out, o->refcount);
	if (o->flags & OBJF_CACHED)
		put_lit(out, ",\"cached\":true");
	else
		put_lit(out, ",\"cached\":false");
	/* the collector's generation, null when it does not track it */
	if (o->flags & OBJF_TRACKED) {
		put_lit(out, ",\"gen\":");
		put_uint(out, o->gen);
	} else
		put_lit(out, ",\"gen\":null");
	put_lit(out, ",\"refs\":[");
	heap_visit_refs(h, id, ref_json, &refs);
	put_lit(out, "]}");
	*label = refs.label;
}

void
trace_object_json(const struct heap *h, objid_t id, struct strbuf *out)
{
	struct strbuf repr = STRBUF_INIT, label = STRBUF_INIT;

	object_json(h, id, out, &repr, &label);
	strbuf_free(&repr);
	strbuf_free(&label);
}

/* Whether the trace lists id: live objects, and shared ones only while
 * something holds them. */
static bool
listed(const struct heap *h, objid_t id)
{
	const struct object *o = heap_object(h, id);

	if (o->state != OBJ_ALIVE)
		return false;
	return !(o->flags & OBJF_CACHED) || o->refcount > 0;
}

static void
frames_json(const struct heap *h, struct strbuf *out)
{
	strbuf_puts(out, "\"frames\":[");
	for (uint32_t f = 0; f < h->frame_count; f++) {
		const struct frame *fr = &h->frames[f];
		bool first = true;

		if (f > 0)
			strbuf_putc(out, ',');
		strbuf_puts(out, "{\"function\":");
		if (fr->function == OBJ_NULL)
			put_json(out, "<module>");
		else
			put_json(out, atom_name(heap_object(h,
			    fr->function)->as.fn->name));
		strbuf_puts(out, ",\"names\":{");
		for (uint32_t i = 0; i < fr->name_count; i++) {
			if (fr->names[i].value == OBJ_NULL)
				continue;
			if (!first)
				strbuf_putc(out, ',');
			first = false;
			put_json(out, atom_name(fr->names[i].name));
			strbuf_putc(out, ':');
			put_uint(out, fr->names[i].value);
		}
		strbuf_puts(out, "}}");
	}
	strbuf_putc(out, ']');
}

/* Writes the line built in w->line, if the budget allows. */
static void
put_line(struct trace_writer *w, const struct timeline *t, uint32_t step)
{
	out_budget_write(&w->budget, w->out, w->line.data, w->line.len,
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

	if (out_budget_spent(&w->budget))
		return;
	os = open_step(w, step);
	strbuf_truncate(out, 0);
	strbuf_puts(out, "{\"step\":");
	put_uint(out, step);
	strbuf_puts(out, ",\"depth\":");
	put_uint(out, ts->depth);
	strbuf_puts(out, ",\"line\":");
	put_uint(out, src->code.value ? src->code.pos.line : src->pos.line);
	strbuf_puts(out, ",\"code\":");
	if (src->code.value != NULL)
		strbuf_append_json_string(out, src->code.value, src->code.len);
	else
		strbuf_puts(out, "\"\"");
	strbuf_putc(out, ',');
	frames_json(h, out);
	strbuf_puts(out, ",\"heap\":[");
	live_ids_tidy(&w->live, h);
	for (uint32_t i = 0, n = 0; i < w->live.len; i++) {
		objid_t id = w->live.ids[i];

		if (!listed(h, id))
			continue;
		if (n++ > 0)
			strbuf_putc(out, ',');
		object_json(h, id, out, &w->repr, &w->label);
	}
	strbuf_puts(out, "],\"freed\":[");
	strbuf_append(out, strbuf_str(&os->freed), os->freed.len);
	strbuf_puts(out, "],\"collected\":[");
	strbuf_append(out, strbuf_str(&os->collected), os->collected.len);
	strbuf_puts(out, "],\"output\":");
	strbuf_append_json_string(out, strbuf_str(&os->output),
	    os->output.len);
	strbuf_puts(out, "}\n");
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
		put_uint(out, h->gens[g].count);
	}
	strbuf_putc(out, ']');
}

static void
event_json(struct trace_writer *w, const struct heap *h,
    const struct timeline *t, const struct event *ev)
{
	struct strbuf *out = &w->line;

	strbuf_truncate(out, 0);
	strbuf_puts(out, "{\"event\":");
	put_json(out, event_kind_name(ev->kind));
	strbuf_puts(out, ",\"step\":");
	put_uint(out, ev->step);
	if (ev->object != OBJ_NULL && ev->kind < EV_GC_BEGIN) {
		strbuf_puts(out, ",\"id\":");
		put_uint(out, ev->object);
		strbuf_puts(out, ",\"type\":");
		put_json(out, heap_type_name(h, ev->object));
		strbuf_puts(out, ",\"refcount\":");
		put_int(out, heap_object(h, ev->object)->refcount);
	} else if (ev->object != OBJ_NULL) {
		strbuf_puts(out, ",\"id\":");
		put_uint(out, ev->object);
		strbuf_puts(out, ",\"type\":");
		put_json(out, heap_type_name(h, ev->object));
	}
	switch (ev->kind) {
	case EV_FREE:
		strbuf_puts(out, ev->reason == REASON_COLLECTOR ?
		    ",\"cause\":\"collector\"" : ",\"cause\":\"refcount\"");
		break;
	case EV_GC_BEGIN:
		strbuf_puts(out, ",\"generation\":");
		put_uint(out, ev->owner);
		gc_counts_json(h, out);
		break;
	case EV_GC_END:
		strbuf_puts(out, ",\"generation\":");
		put_uint(out, ev->owner);
		strbuf_puts(out, ",\"collected\":");
		put_uint(out, ev->index);
		strbuf_puts(out, ",\"uncollectable\":");
		put_uint(out, ev->other);
		gc_counts_json(h, out);
		break;
	case EV_GC_UNREACHABLE:
		/* move_unreachable's first verdict, which a later reference
		 * may overturn; the final one comes at the finalize phase */
		if (ev->reason == REASON_GC_TENTATIVE)
			put_lit(out, ",\"tentative\":true");
		break;
	case EV_GC_PHASE:
		strbuf_puts(out, ",\"phase\":");
		put_json(out, gc_phase_name(ev->owner));
		break;
	case EV_GC_REFS:
		strbuf_puts(out, ",\"gc_refs\":");
		put_int(out, (int32_t)ev->owner);
		break;
	case EV_OUTPUT:
		strbuf_puts(out, ",\"text\":");
		strbuf_append_json_string(out, timeline_text(t, ev->owner),
		    ev->index);
		break;
	default:
		break;
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

	if (out_budget_spent(&w->budget))
		return;
	live_ids_on_event(&w->live, ev);
	if (ev->step == 0 && t->steps[0].source == UINT32_MAX) {
		/* the set-up before step 1: no record, but its events */
		if (w->with_events)
			event_json(w, h, t, ev);
		return;
	}
	if (w->with_events)
		event_json(w, h, t, ev);
	switch (ev->kind) {
	case EV_FREE:
		os = open_step(w, ev->step);
		list_append_id(ev->reason == REASON_COLLECTOR ? &os->collected :
		    &os->freed, ev->object);
		break;
	case EV_OUTPUT:
		os = open_step(w, ev->step);
		strbuf_append(&os->output, timeline_text(t, ev->owner),
		    ev->index);
		break;
	default:
		break;
	}
}

void
trace_writer_take_errors(struct trace_writer *w, struct diag **errors)
{
	out_budget_take(&w->budget, errors);
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
