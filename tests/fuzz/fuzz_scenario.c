/*
 * fuzz_scenario.c: libFuzzer entry point -- any bytes as a scenario file,
 * through the loader, the compiler, a whole run with the JSON Lines trace
 * of every event, the viewer's picture and the DOT export of a few steps,
 * and a seek back to the start.  Whatever the input, refscope must answer
 * with a result or a located error: never a crash, a hang, a leak or
 * undefined behaviour.
 *
 * Everything refscope writes on the way (the trace, the picture as text,
 * the DOT file, the printed diagnostics) must also be safe for a terminal:
 * no control character but the line break, no DEL, no C1 control, no
 * bidirectional override.  A raw one is a crash here, so the fuzzer finds
 * the input that smuggles it through (DESIGN §8).
 *
 *   tests/fuzz/build.sh && ./fuzz_scenario -dict=tests/fuzz/scenario.dict \
 *       CORPUS tests/fuzz/corpus
 */
#define _GNU_SOURCE	/* fopencookie */
#include "config.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "base/atom.h"
#include "base/diag.h"
#include "base/strbuf.h"
#include "lang/program.h"
#include "lang/scenario.h"
#include "writer/dot.h"
#include "writer/trace.h"
#include "run/run.h"
#include "sim/heap.h"
#include "sim/interp.h"
#include "sim/timeline.h"
#include "view/canvas.h"
#include "view/layout.h"
#include "view/picture.h"
#include "view/scene.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * Stops at the first byte sequence a terminal would act on.  The state
 * carries a UTF-8 sequence cut between two writes.
 */
struct raw_scan {
	const char	*what;
	unsigned char	 held[3];
	size_t		 held_len;
	size_t		 written;	/* bytes seen so far */
};

static void
raw_found(const struct raw_scan *rs, const char *kind, size_t at)
{
	fprintf(stderr, "fuzz_scenario: raw %s in %s (byte %zu)\n", kind,
	    rs->what, at);
	abort();
}

/* Checks one complete UTF-8 sequence (or a lone byte) of n bytes at u. */
static void
raw_check(const struct raw_scan *rs, const unsigned char *u, size_t n,
    size_t at)
{
	if (n == 1 && ((u[0] < 0x20 && u[0] != '\n') || u[0] == 0x7f))
		raw_found(rs, "C0 control or DEL", at);
	if (n == 2 && u[0] == 0xc2 && u[1] < 0xa0)
		raw_found(rs, "C1 control", at);
	if (n == 3 && u[0] == 0xe2 && u[1] == 0x80 && u[2] >= 0xaa &&
	    u[2] <= 0xae)
		raw_found(rs, "bidirectional embedding or override", at);
	if (n == 3 && u[0] == 0xe2 && u[1] == 0x81 && u[2] >= 0xa6 &&
	    u[2] <= 0xa9)
		raw_found(rs, "bidirectional isolate", at);
}

static size_t
utf8_length(unsigned char lead)
{
	if (lead >= 0xf0)
		return 4;
	if (lead >= 0xe0)
		return 3;
	if (lead >= 0xc0)
		return 2;
	return 1;
}

static void
raw_scan(struct raw_scan *rs, const char *text, size_t len)
{
	const unsigned char *u = (const unsigned char *)text;
	unsigned char seq[4];
	size_t i = 0, n;

	while (i < len || rs->held_len > 0) {
		size_t have = rs->held_len;

		memcpy(seq, rs->held, have);
		if (have == 0) {
			if (i >= len)
				break;
			seq[have++] = u[i++];
		}
		n = utf8_length(seq[0]);
		while (have < n && i < len && (u[i] & 0xc0) == 0x80)
			seq[have++] = u[i++];
		if (have < n && i >= len) {
			/* cut at the end of this write: finish it next time */
			memcpy(rs->held, seq, have);
			rs->held_len = have;
			return;
		}
		rs->held_len = 0;
		raw_check(rs, seq, have, i);
	}
}

static ssize_t
scan_write(void *cookie, const char *buf, size_t size)
{
	struct raw_scan *rs = cookie;

	raw_scan(rs, buf, size);
	rs->written += size;
	return (ssize_t)size;
}

/* A FILE that checks what is written to it and keeps nothing. */
static FILE *
scan_open(struct raw_scan *rs, const char *what)
{
	static const cookie_io_functions_t io = { .write = scan_write };

	memset(rs, 0, sizeof *rs);
	rs->what = what;
	return fopencookie(rs, "w", io);
}

static void
scan_strbuf(const char *what, const struct strbuf *sb)
{
	struct raw_scan rs = { .what = what };

	raw_scan(&rs, strbuf_str(sb), sb->len);
}

/* The viewer's screen and the DOT export at the end of step, checked. */
static void
draw_step(struct heap *h, struct timeline *t, const struct program *p,
    struct layout *l, uint32_t step)
{
	struct scene		s;
	struct scene_options	so;
	struct picture_options	po = { .show_code = true, .show_hints = true };
	struct canvas		*c;
	struct strbuf		text = STRBUF_INIT;

	timeline_seek(t, h, t->steps[step].end_event);
	scene_options_default(&so);
	scene_build(&s, h, t, p, &so);
	layout_place(l, &s);
	c = canvas_new(100, 30, false);
	picture_draw(c, &s, l, p, &po);
	canvas_to_text(c, false, &text);
	scan_strbuf("the picture", &text);
	strbuf_truncate(&text, 0);
	dot_write(&s, &text);
	scan_strbuf("the DOT export", &text);
	strbuf_free(&text);
	canvas_free(c);
	scene_free(&s);
}

/*
 * The trace of a small input can be huge (each record lists the heap), and
 * writing it all would make the fuzzer slow for nothing: the trace writer
 * sees the run until it has written TRACE_SAMPLE bytes, then no more.
 */
#define TRACE_SAMPLE	(256u * 1024u)

struct sampled_trace {
	struct raw_scan		 rs;
	FILE			*file;
	struct trace_writer	*writer;
	struct interp_hooks	 writer_hooks;
	void			(*writer_on_event)(void *, const struct heap *,
				    const struct timeline *,
				    const struct event *);
	void			*writer_ctx;
};

static bool
sampling(struct sampled_trace *st)
{
	fflush(st->file);
	return st->rs.written < TRACE_SAMPLE;
}

static void
sampled_on_event(void *ctx, const struct heap *h, const struct timeline *t,
    const struct event *ev)
{
	struct sampled_trace *st = ctx;

	if (sampling(st))
		st->writer_on_event(st->writer_ctx, h, t, ev);
}

static void
sampled_on_step(void *ctx, const struct heap *h, const struct timeline *t,
    uint32_t step)
{
	struct sampled_trace *st = ctx;

	if (sampling(st))
		st->writer_hooks.on_step(st->writer_hooks.ctx, h, t, step);
}

/* Puts the sampling between the trace writer and the run. */
static void
attach_sampled(void *ctx, struct timeline *t, struct interp_hooks *hooks)
{
	struct sampled_trace *st = ctx;

	trace_writer_attach(st->writer, t, &st->writer_hooks);
	st->writer_on_event = t->on_event;
	st->writer_ctx = t->ctx;
	t->on_event = sampled_on_event;
	t->ctx = st;
	hooks->on_step = sampled_on_step;
	hooks->ctx = st;
}

static void
run(struct run *r, bool delta)
{
	const struct program	*p = r->program;
	struct heap		*h;
	struct timeline		*t;
	struct interp_hooks	 hooks = { 0 };
	struct sampled_trace	 st;
	struct layout		*l = layout_new();

	st.file = scan_open(&st.rs, "the trace");
	st.writer = trace_writer_new(st.file, p, &(struct trace_options){
	    .events = true, .delta = delta });
	run_execute(r, true, &hooks, attach_sampled, &st);
	h = r->heap;
	t = r->timeline;
	t->on_event = NULL;
	fclose(st.file);
	trace_writer_free(st.writer);
	/* the first, a middle and the last step, as the viewer would */
	if (t->step_count > 1) {
		draw_step(h, t, p, l, 1);
		draw_step(h, t, p, l, t->step_count / 2);
		draw_step(h, t, p, l, t->step_count - 1);
	}
	/* and back to the start: every event must undo */
	timeline_seek(t, h, 0);
	layout_free(l);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct run		 r;
	struct raw_scan		 rs;
	FILE			*out;

	/* run_load_text copies the input NUL-terminated, as a file is read */
	if (run_load_text(&r, "fuzz.yaml", (const char *)data, size) == 0)
		run(&r, (size & 1) != 0);
	out = scan_open(&rs, "the diagnostics");
	diag_print(out, r.errors, run_source(&r));
	fclose(out);
	run_free(&r);
	atom_reset();
	return 0;
}
