/*
 * bench_view.c: the viewer's speed figures (printed, not asserted):
 *   - one frame (scene, layout, screen drawing) of a 300-object heap;
 *   - playback: the animated frames (anim_draw) of the last events of that
 *     run, as the viewer plays them at 30 frames a second;
 *   - seeking to a random event of a 1 000 000-event timeline;
 *   - one frame of that timeline's heap of 200 000 objects, folded and
 *     cut to SCENE_MAX_OBJECTS as the viewer draws it;
 *   - planning the places of every object of a 100 000-event run (what
 *     the viewer does once per run, before its first frame).
 * Each figure is also a line "FIGURE name value unit", which make bench
 * (tests/bench/run-all.py) gathers into one table.
 * Build: make tests/bench/bench_view; run from the build tree.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/atom.h"
#include "base/diag.h"
#include "lang/program.h"
#include "run/run.h"
#include "sim/heap.h"
#include "sim/interp.h"
#include "sim/timeline.h"
#include "view/anim.h"
#include "view/canvas.h"
#include "view/layout.h"
#include "view/picture.h"
#include "view/scene.h"

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The machine-readable line of a figure. */
static void
figure(const char *name, double value, const char *unit)
{
	if (value == (double)(long long)value)	/* a count: every digit */
		printf("FIGURE %s %lld %s\n", name, (long long)value, unit);
	else
		printf("FIGURE %s %.6g %s\n", name, value, unit);
}

/* Loads and runs yaml, or says why not and exits. */
static void
run(struct run *r, const char *yaml)
{
	if (run_load_text(r, "bench.yaml", yaml, strlen(yaml)) != 0 ||
	    run_execute(r, true, NULL, NULL, NULL) != 0) {
		diag_print(stderr, r->errors, yaml);
		exit(2);
	}
}

/* Milliseconds a frame (scene, layout, screen) of r's heap as it stands
 * takes, over `frames` frames; prints how many objects were drawn. */
static double
time_frames(struct run *r, const struct scene_options *so,
    struct layout *l, struct canvas *c, int frames)
{
	struct picture_options	po = { .show_code = true, .show_hints = true };
	double			t0 = now();

	for (int i = 0; i < frames; i++) {
		struct scene s;

		scene_build(&s, r->heap, r->timeline, r->program, so);
		layout_place(l, &s);
		picture_draw(c, &s, l, r->program, &po);
		if (i == 0)
			printf("frame: %u of %u live objects drawn\n",
			    s.node_count - s.frame_count, r->heap->live_count);
		scene_free(&s);
	}
	return (now() - t0) * 1000 / frames;
}

int
main(void)
{
	struct run		 r;
	struct scene_options	 so;
	struct picture_options	 po = { .show_code = true, .show_hints = true };
	struct layout		*l = layout_new();
	struct canvas		*c = canvas_new(160, 50, false);
	double			 t0, t1, ms;
	int			 frames = 200, seeks = 1000;
	uint64_t		 end;

	/* 300 objects: 100 lists each holding a new int and a shared str */
	run(&r, "refscope: 1\ntitle: bench\nsettings:\n  gc: off\nsteps:\n"
	    "  - do: keep = []\n"
	    "  - do: keep.append([i + 1000, 'hello world'])\n"
	    "    repeat: 100\n");
	scene_options_default(&so);
	so.max_slots = 0;	/* no folding: all 300 drawn */
	ms = time_frames(&r, &so, l, c, 200);
	printf("frame (scene + layout + screen) of a ~300-object heap: "
	    "%.3f ms  (target: under 2 ms)\n", ms);
	figure("frame_300_objects.time", ms, "ms");

	/* playback: each of the last events as the viewer animates it at 30
	 * frames a second (up to 8 frames an event), then settled */
	end = r.heap->position;
	frames = 0;
	t0 = now();
	for (uint64_t pos = end - 100; pos <= end; pos++) {
		timeline_seek(r.timeline, r.heap, pos);
		for (int k = 0; k <= 8; k++, frames++)
			anim_draw(c, r.heap, r.timeline, r.program, l, &so, &po,
			    k * ANIM_SETTLED / 8);
	}
	t1 = now();
	printf("playback: %d animated frames of the last 100 events: %.3f ms "
	    "a frame, room for %.0f frames a second  (target: keeps up with "
	    "30)\n", frames, (t1 - t0) * 1000 / frames,
	    frames / (t1 - t0));
	figure("playback.frame_time", (t1 - t0) * 1000 / frames, "ms");
	figure("playback.frames_per_second", frames / (t1 - t0), "frames/s");
	run_free(&r);

	/* a timeline of about a million events */
	run(&r, "refscope: 1\ntitle: bench\nsettings:\n  gc: off\nsteps:\n"
	    "  - do: keep = []\n"
	    "  - do: keep.append([i, i])\n"
	    "    repeat: 100000\n");
	end = r.heap->position;
	srand(1);
	t0 = now();
	for (int i = 0; i < seeks; i++)
		timeline_seek(r.timeline, r.heap,
		    (uint64_t)rand() % (end + 1));
	t1 = now();
	printf("seek: %llu events; a random seek takes %.3f ms on average "
	    "(target: under 10 ms)\n", (unsigned long long)end,
	    (t1 - t0) * 1000 / seeks);
	figure("seek.events", (double)end, "events");
	figure("seek.time", (t1 - t0) * 1000 / seeks, "ms");
	timeline_seek(r.timeline, r.heap, end);
	scene_options_default(&so);
	ms = time_frames(&r, &so, l, c, 20);
	printf("frame of that heap, as the viewer draws it: %.3f ms  (the "
	    "viewer's budget at 30 frames a second: 33 ms)\n", ms);
	figure("frame_large_heap.time", ms, "ms");
	run_free(&r);

	/* the plan of a run of about 100 000 events, made afresh */
	run(&r, "refscope: 1\ntitle: bench\nsettings:\n  gc: off\nsteps:\n"
	    "  - do: keep = []\n"
	    "  - do: keep.append([i, i])\n"
	    "    repeat: 10000\n");
	scene_options_default(&so);
	t0 = now();
	layout_forget(l);
	layout_plan(l, r.timeline, r.heap, &so);
	t1 = now();
	printf("plan: the places of %u objects over %llu events: %.3f ms  "
	    "(target: under 1 s)\n", r.heap->object_count - 1,
	    (unsigned long long)r.timeline->event_count, (t1 - t0) * 1000);
	figure("plan.events", (double)r.timeline->event_count, "events");
	figure("plan.time", (t1 - t0) * 1000, "ms");
	run_free(&r);
	layout_free(l);
	canvas_free(c);
	atom_reset();
	return 0;
}
