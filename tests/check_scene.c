/*
 * check_scene.c: the view model -- what a moment of a run shows.
 */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "base/atom.h"
#include "base/diag.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "lang/program.h"
#include "run/run.h"
#include "sim/event.h"
#include "sim/heap.h"
#include "sim/interp.h"
#include "sim/timeline.h"
#include "view/anim.h"
#include "view/canvas.h"
#include "view/layout.h"
#include "view/picture.h"
#include "view/scene.h"

static void
run_text(struct run *r, const char *yaml)
{
	ck_assert_int_eq(run_load_text(r, "t.yaml", yaml, strlen(yaml)), 0);
	ck_assert_int_eq(run_execute(r, true, NULL, NULL, NULL), 0);
}

static void
run_done(struct run *r)
{
	run_free(r);
	atom_reset();
}

/* Seeks to the end of step `step` and builds its scene. */
static void
scene_at_step_end(struct run *r, uint32_t step, struct scene *s)
{
	struct scene_options o;

	scene_options_default(&o);
	timeline_seek(r->timeline, r->heap, r->timeline->steps[step].end_event);
	scene_build(s, r->heap, r->timeline, r->program, &o);
}

static const struct scene_slot *
frame_slot(const struct scene *s, uint32_t frame, const char *name)
{
	for (uint32_t i = 0; i < s->nodes[frame].slot_count; i++)
		if (strcmp(s->nodes[frame].slots[i].label, name) == 0)
			return &s->nodes[frame].slots[i];
	return NULL;
}

#define HEADER "refscope: 1\ntitle: Scene test\nsteps:\n"

START_TEST(test_names_and_objects)
{
	struct run r;
	struct scene s;
	const struct scene_slot *x, *y;
	const struct scene_node *n;

	run_text(&r, HEADER "  - do: x = [1000, 'hello world']\n"
	    "    say: A list.\n  - do: y = x\n");
	scene_at_step_end(&r, 2, &s);
	ck_assert_uint_eq(s.frame_count, 1);
	ck_assert_str_eq(s.nodes[0].type, "<module>");
	x = frame_slot(&s, 0, "x");
	y = frame_slot(&s, 0, "y");
	ck_assert_ptr_nonnull(x);
	ck_assert_ptr_nonnull(y);
	ck_assert_uint_eq(x->target, y->target);
	n = scene_find(&s, x->target);
	ck_assert_ptr_nonnull(n);
	ck_assert_str_eq(n->type, "list");
	ck_assert_ptr_null(n->value);
	ck_assert_int_eq(n->refcount, 2);
	ck_assert_uint_eq(n->slot_count, 2);
	ck_assert_str_eq(n->slots[0].label, "[0]");
	ck_assert_str_eq(scene_find(&s, n->slots[1].target)->value,
	    "'hello world'");
	ck_assert_str_eq(s.title, "Scene test");
	ck_assert_str_eq(s.code, "y = x");
	ck_assert_uint_eq(s.step, 2);
	ck_assert_uint_eq(s.step_total, 2);
	scene_free(&s);

	scene_at_step_end(&r, 1, &s);
	ck_assert_str_eq(s.narration, "A list.");
	scene_free(&s);
	run_done(&r);
}
END_TEST

START_TEST(test_current_event_highlights)
{
	struct run r;
	struct scene s;
	struct scene_options o;
	uint64_t i;

	run_text(&r, HEADER "  - do: x = [1000]\n  - do: del x\n");
	scene_options_default(&o);
	/* find the free of the list, and look just after it */
	for (i = 0; i < r.timeline->event_count; i++)
		if (r.timeline->events[i].kind == EV_FREE &&
		    heap_object(r.heap, r.timeline->events[i].object)->type ==
		    OBJ_LIST)
			break;
	ck_assert_uint_lt(i, r.timeline->event_count);
	timeline_seek(r.timeline, r.heap, i + 1);
	scene_build(&s, r.heap, r.timeline, r.program, &o);
	ck_assert_ptr_nonnull(scene_find(&s, r.timeline->events[i].object));
	ck_assert(scene_find(&s, r.timeline->events[i].object)->flags &
	    SCENE_FREED);
	ck_assert_ptr_nonnull(strstr(s.reason, "freed") ?
	    s.reason : strstr(s.reason, "count"));
	scene_free(&s);

	/* the decref before it (the untracking comes between) shows -1 */
	while (i > 0 && r.timeline->events[i].kind != EV_DECREF)
		i--;
	timeline_seek(r.timeline, r.heap, i + 1);
	scene_build(&s, r.heap, r.timeline, r.program, &o);
	ck_assert_int_eq(scene_find(&s, r.timeline->events[i].object)->delta,
	    -1);
	scene_free(&s);
	run_done(&r);
}
END_TEST

/* At a step's end the scene shows the step's net effect: `x = 1000` a
 * new object with count 1 (its count went 1, 2, 1 on the way), `y = x`
 * 1→2, `del y` 2→1, `del x` freed; with micro, the last event. */
START_TEST(test_settled_step)
{
	struct run r;
	struct scene s;
	struct scene_options o;
	const struct scene_node *n;
	objid_t id;

	run_text(&r, HEADER "  - do: x = 1000\n  - do: y = x\n"
	    "  - do: del y\n  - do: del x\n");
	scene_at_step_end(&r, 1, &s);
	ck_assert(s.settled);
	id = frame_slot(&s, 0, "x")->target;
	n = scene_find(&s, id);
	ck_assert_int_eq(n->refcount, 1);
	ck_assert_int_eq(n->delta, 0);
	ck_assert(n->flags & SCENE_NEW);
	ck_assert(frame_slot(&s, 0, "x")->changed);
	ck_assert_ptr_nonnull(strstr(s.reason, "new, count 1"));
	scene_free(&s);

	scene_at_step_end(&r, 2, &s);
	n = scene_find(&s, id);
	ck_assert_int_eq(n->refcount, 2);
	ck_assert_int_eq(n->delta, +1);
	ck_assert(!(n->flags & SCENE_NEW));
	ck_assert(frame_slot(&s, 0, "y")->changed);
	ck_assert(!frame_slot(&s, 0, "x")->changed);
	ck_assert_ptr_nonnull(strstr(s.reason, "1\xe2\x86\x92" "2"));
	scene_free(&s);

	scene_at_step_end(&r, 3, &s);
	ck_assert_int_eq(scene_find(&s, id)->delta, -1);
	ck_assert_ptr_nonnull(strstr(s.reason, "2\xe2\x86\x92" "1"));
	scene_free(&s);

	scene_at_step_end(&r, 4, &s);
	n = scene_find(&s, id);
	ck_assert_ptr_nonnull(n);
	ck_assert(n->flags & SCENE_FREED);
	ck_assert_int_eq(n->delta, -1);
	ck_assert_ptr_nonnull(strstr(s.reason, "freed"));
	scene_free(&s);

	/* the same moment, event by event: the last event (not a count
	 * change of x's int: the step ends after the free) */
	scene_options_default(&o);
	o.micro = true;
	scene_build(&s, r.heap, r.timeline, r.program, &o);
	ck_assert(!s.settled);
	ck_assert(strstr(s.reason, "1\xe2\x86\x92") == NULL);
	scene_free(&s);
	/* and between two events of a step, nothing is settled */
	timeline_seek(r.timeline, r.heap, r.timeline->steps[2].end_event - 1);
	scene_options_default(&o);
	scene_build(&s, r.heap, r.timeline, r.program, &o);
	ck_assert(!s.settled);
	scene_free(&s);
	run_done(&r);
}
END_TEST

/* A cascade one reference at a time: the freed list stays, a ghost with
 * its slots, while it releases them last first; each drop of a count
 * says whose reference it was; once it holds nothing, it goes. */
START_TEST(test_cascade_ghost)
{
	struct run	 r;
	struct scene	 s;
	struct scene_options o;
	uint64_t	 i, released = 0;
	objid_t		 list = OBJ_NULL;

	run_text(&r, HEADER "  - do: x = [1000, 2000, 3000]\n"
	    "  - do: del x\n");
	scene_options_default(&o);
	for (i = 0; i < r.timeline->event_count; i++) {
		const struct event *ev = &r.timeline->events[i];

		/* (the step's constant tuple the list was made from dies
		 * first) */
		if (ev->kind == EV_FREE && list == OBJ_NULL &&
		    heap_object(r.heap, ev->object)->type == OBJ_LIST) {
			list = ev->object;
			continue;
		}
		if (list == OBJ_NULL || ev->kind != EV_SLOT_REMOVE ||
		    ev->owner != list)
			continue;
		/* ahead of the release: the ghost and its slot, doomed */
		timeline_seek(r.timeline, r.heap, i);
		scene_build_ahead(&s, r.heap, r.timeline, r.program, &o);
		ck_assert_ptr_nonnull(scene_find(&s, list));
		ck_assert(scene_find(&s, list)->flags & SCENE_FREED);
		ck_assert_uint_eq(scene_find(&s, list)->slot_count,
		    3 - released);
		ck_assert_uint_eq(scene_find(&s, list)->slots[2 -
		    released].index, 2 - released);	/* the last first */
		ck_assert(scene_find(&s, list)->slots[2 - released].doomed);
		scene_free(&s);
		/* the count that drops says whose reference it was */
		timeline_seek(r.timeline, r.heap, i + 2);
		ck_assert_int_eq(r.timeline->events[i + 1].kind, EV_DECREF);
		scene_build(&s, r.heap, r.timeline, r.program, &o);
		ck_assert_ptr_nonnull(strstr(s.reason, "released"));
		ck_assert_ptr_nonnull(strstr(s.reason, "item ["));
		ck_assert_ptr_null(strstr(s.reason, "temporary"));
		/* after the last release, nothing holds the ghost up */
		ck_assert((scene_find(&s, list) != NULL) == (released < 2));
		scene_free(&s);
		released++;
	}
	ck_assert_uint_eq(released, 3);
	run_done(&r);
}
END_TEST

/* The graph of s alone in a w x h window, as text, into out. */
static void
graph_text(const struct scene *s, const struct layout *l, int w, int h,
    struct strbuf *out)
{
	struct canvas		*c = canvas_new(w, h, false);
	struct picture_options	 po = { .manual_pan = true };

	picture_graph(c, s, l, 0, 0, w, h, &po);
	canvas_to_text(c, false, out);
	canvas_free(c);
}

/* A window onto a graph larger than it: each box is drawn whole or not
 * at all, and what is left out is counted at the edges. */
START_TEST(test_overflow_marked)
{
	struct run		 r;
	struct scene		 s;
	struct layout		*lay = layout_new();
	struct strbuf		 text = STRBUF_INIT;
	uint32_t		 out = 0;

	run_text(&r, HEADER "  - do: a = [[1000, 2000], [3000], 4000]\n"
	    "  - do: b = [5000, 6000, 7000, 8000]\n");
	scene_at_step_end(&r, 2, &s);
	layout_place(lay, &s);
	graph_text(&s, lay, 40, 10, &text);
	for (uint32_t i = s.frame_count; i < s.node_count; i++) {
		const struct layout_box	*b = &lay->boxes[i];
		char			 title[32];
		bool			 in = b->x >= 0 && b->x + b->w <= 40 &&
					    b->y >= 0 && b->y + b->h <= 9;

		snprintf(title, sizeof title, " #%u ", s.nodes[i].id);
		ck_assert_msg((strstr(strbuf_str(&text), title) != NULL) == in,
		    "box #%u is %s but its title is %s", s.nodes[i].id,
		    in ? "inside" : "outside", in ? "missing" : "drawn");
		out += !in;
	}
	ck_assert_uint_gt(out, 0);
	/* every box left out is counted once, right or below */
	{
		unsigned right = 0, below = 0;
		const char *p = strstr(strbuf_str(&text), " more \xe2\x96\xb8");
		const char *q = strstr(strbuf_str(&text), "\xe2\x96\xbe ");

		/* (the note's "▾ 1 more", not a name's arrow "─▾") */
		while (q != NULL && (q[4] < '0' || q[4] > '9'))
			q = strstr(q + 1, "\xe2\x96\xbe ");

		if (p != NULL) {
			while (p > strbuf_str(&text) && p[-1] >= '0' &&
			    p[-1] <= '9')
				p--;
			right = (unsigned)atoi(p);
		}
		if (q != NULL)
			below = (unsigned)atoi(q + 4);
		ck_assert_msg(right + below == out, "%u right + %u below, "
		    "%u left out:\n%s", right, below, out, strbuf_str(&text));
	}
	strbuf_free(&text);
	layout_free(lay);
	scene_free(&s);
	run_done(&r);
}
END_TEST

/* A code's constants are one quiet strip on their frame, not an arrow
 * each: what only constants hold gets no box; a box something else
 * draws says "+2 consts" for its constant (the module's code and the
 * parsed file). */
START_TEST(test_constants_strip)
{
	static const char py[] = "x = [1001, 2001]\n"
	    "for name in ('p', 'q'):\n    pass\ny = 'héllo'\n";
	struct run			 r;
	struct scene			 s;
	const struct scene_slot		*strip = NULL;
	const struct scene_node		*n;
	uint32_t			 consts = 0;

	ck_assert_int_eq(run_load_text(&r, "t.py", py, strlen(py)), 0);
	ck_assert_int_eq(run_execute(&r, true, NULL, NULL, NULL), 0);
	scene_at_step_end(&r, 1, &s);
	for (uint32_t i = 0; i < s.nodes[0].slot_count; i++)
		if (s.nodes[0].slots[i].kind == SCENE_SLOT_CONST) {
			strip = &s.nodes[0].slots[i];
			consts++;
		}
	ck_assert_uint_eq(consts, 1);
	ck_assert_uint_eq(strip->target, OBJ_NULL);
	/* no wider than the names, or than "consts 1001 …+9": what does
	 * not fit is counted */
	ck_assert_msg(strncmp(strip->label, "consts 1001 \xe2\x80\xa6+", 16) ==
	    0, "strip: %s", strip->label);
	/* the list holds 1001, and so do the module's co_consts and the
	 * parsed file: a box, +2 consts */
	n = scene_find(&s, scene_find(&s, frame_slot(&s, 0, "x")->target)->
	    slots[0].target);
	ck_assert_ptr_nonnull(n);
	ck_assert_str_eq(n->value, "1001");
	ck_assert_int_eq(n->refcount, 3);
	ck_assert_uint_eq(n->hidden_const, 2);
	/* 'héllo', ('p', 'q') and their items: only constants hold them */
	for (uint32_t i = s.frame_count; i < s.node_count; i++)
		ck_assert_msg(s.nodes[i].value == NULL ||
		    (strcmp(s.nodes[i].value, "'héllo'") != 0 &&
		    strcmp(s.nodes[i].value, "'q'") != 0), "%s has a box",
		    s.nodes[i].value);
	ck_assert_uint_eq(s.undrawn, 0);
	scene_free(&s);
	/* bound to a name, a constant gets its box, and its strip stays */
	scene_at_step_end(&r, r.timeline->step_count - 1, &s);
	n = scene_find(&s, frame_slot(&s, 0, "y")->target);
	ck_assert_ptr_nonnull(n);
	ck_assert_int_eq(n->refcount, 3);
	ck_assert_uint_eq(n->hidden_const, 2);
		scene_free(&s);
	run_done(&r);
}
END_TEST

START_TEST(test_garbage_and_folding)
{
	struct run r;
	struct scene s;
	const struct scene_node *n = NULL;

	run_text(&r, "refscope: 1\ntitle: t\nclasses:\n  - name: Node\n"
	    "steps:\n  - do: a = Node()\n  - do: a.me = a\n  - do: del a\n"
	    "  - do: l = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]\n");
	scene_at_step_end(&r, 4, &s);
	for (uint32_t k = s.frame_count; k < s.node_count; k++)
		if (strcmp(s.nodes[k].type, "Node") == 0)
			n = &s.nodes[k];
	ck_assert_ptr_nonnull(n);
	ck_assert(n->flags & SCENE_GARBAGE);
	n = scene_find(&s, frame_slot(&s, 0, "l")->target);
	ck_assert_uint_eq(n->slot_count, 7);	/* 6 first, then the last */
	ck_assert_uint_eq(n->folded, 5);
	ck_assert_uint_eq(n->fold_at, 6);
	ck_assert_str_eq(n->slots[6].label, "[11]");
	scene_free(&s);
	run_done(&r);
}
END_TEST

/* What only a folded-away slot holds is folded away too; what a kept slot
 * or a name also holds stays. */
START_TEST(test_fold_hides_what_only_it_holds)
{
	struct run r;
	struct scene s;
	const struct scene_node *l;
	uint32_t lists = 0;

	run_text(&r, HEADER "  - do: l = []\n  - do: l.append([i])\n"
	    "    repeat: 30\n  - do: keep = l[10]\n");
	scene_at_step_end(&r, r.timeline->step_count - 1, &s);
	l = scene_find(&s, frame_slot(&s, 0, "l")->target);
	ck_assert_uint_eq(l->folded, 23);
	for (uint32_t k = s.frame_count; k < s.node_count; k++)
		if (strcmp(s.nodes[k].type, "list") == 0)
			lists++;
	/* l, its 6 first items and its last, and l[10] through keep */
	ck_assert_uint_eq(lists, 1 + 7 + 1);
	ck_assert_ptr_nonnull(scene_find(&s, frame_slot(&s, 0,
	    "keep")->target));
	/* 22 lists and the 22 small ints only they hold */
	ck_assert_uint_eq(s.undrawn, 44);
	ck_assert(!s.crowded);
	scene_free(&s);
	run_done(&r);
}
END_TEST

/* A heap too big to draw: the nearest max_objects are drawn, the rest
 * counted, and the picture costs its window, not the graph. */
START_TEST(test_crowded_scene)
{
	struct run r;
	struct scene s;
	struct layout *lay = layout_new();
	struct canvas *c = canvas_new(100, 30, false);
	struct picture_options po = { .show_code = true };
	struct strbuf text = STRBUF_INIT;
	uint32_t objects;

	run_text(&r, HEADER "  - do: l = None\n  - do: l = [l]\n"
	    "    repeat: 1000\n");
	scene_at_step_end(&r, r.timeline->step_count - 1, &s);
	objects = s.node_count - s.frame_count;
	ck_assert_uint_eq(objects, SCENE_MAX_OBJECTS);
	ck_assert(s.crowded);
	/* 1000 lists, None, the int the repetition's i names, and the
	 * one it named before, which the step freed (shown freed) */
	ck_assert_uint_eq(objects + s.undrawn, 1003);
	/* breadth first from the names: the outermost list is drawn */
	ck_assert_ptr_nonnull(scene_find(&s, frame_slot(&s, 0,
	    "l")->target));
	layout_place(lay, &s);
	picture_draw(c, &s, lay, r.program, &po);
	canvas_to_text(c, false, &text);
	ck_assert_ptr_nonnull(strstr(strbuf_str(&text),
	    "603 more objects not drawn"));
	strbuf_free(&text);
	canvas_free(c);
	layout_free(lay);
	scene_free(&s);
	run_done(&r);
}
END_TEST

/* "Why is this 3?": a selected object lists every reference the picture
 * draws, and says how many it does not. */
START_TEST(test_selection_lists_referrers)
{
	struct run		 r;
	struct scene		 s;
	struct layout		*l = layout_new();
	struct canvas		*c = canvas_new(100, 30, false);
	struct picture_options	 o = { .show_code = true };
	struct strbuf		 text = STRBUF_INIT;

	run_text(&r, HEADER "  - do: x = [1000]\n  - do: y = x\n"
	    "  - do: z = [x]\n");
	scene_at_step_end(&r, 3, &s);
	layout_place(l, &s);
	o.selected = frame_slot(&s, 0, "x")->target;
	picture_draw(c, &s, l, r.program, &o);
	canvas_to_text(c, false, &text);
	ck_assert_ptr_nonnull(strstr(strbuf_str(&text), "has 3 references:"));
	ck_assert_ptr_nonnull(strstr(strbuf_str(&text), "name x (<module>)"));
	ck_assert_ptr_nonnull(strstr(strbuf_str(&text), "name y (<module>)"));
	ck_assert_ptr_nonnull(strstr(strbuf_str(&text), "[0] of #"));
	ck_assert_ptr_null(strstr(strbuf_str(&text), "not drawn"));
	strbuf_free(&text);
	canvas_free(c);
	layout_free(l);
	scene_free(&s);
	run_done(&r);
}
END_TEST

/* The index of the first event of kind `kind` at or after `from` in step
 * `step` (any step: UINT32_MAX); fails the test when there is none. */
static uint64_t
find_event(const struct run *r, enum event_kind kind, uint32_t step,
    uint64_t from)
{
	for (uint64_t i = from; i < r->timeline->event_count; i++)
		if (r->timeline->events[i].kind == kind &&
		    (step == UINT32_MAX || r->timeline->events[i].step == step))
			return i;
	ck_abort_msg("no %s event", event_kind_name(kind));
	return 0;
}

/* The moment ahead of an event marks what it takes away: the name del
 * unbinds, the old arrow of a rebinding, a frame about to pop. */
START_TEST(test_ahead_marks_what_goes)
{
	struct run		 r;
	struct scene		 s;
	struct scene_options	 o;
	uint64_t		 i;

	run_text(&r, "refscope: 1\ntitle: Scene test\nfunctions:\n"
	    "  - name: f\n    params: [n]\n    body:\n      - do: pass\n"
	    "steps:\n  - do: x = [1000]\n  - do: y = x\n  - do: del x\n"
	    "  - do: y = 5\n  - do: f(y)\n");
	scene_options_default(&o);

	i = find_event(&r, EV_UNBIND, 3, 0);
	timeline_seek(r.timeline, r.heap, i);
	scene_build_ahead(&s, r.heap, r.timeline, r.program, &o);
	ck_assert(s.ahead);
	ck_assert_uint_eq(s.event, i + 1);
	ck_assert_str_eq(s.code, "del x");
	ck_assert(frame_slot(&s, 0, "x")->doomed);
	ck_assert(!frame_slot(&s, 0, "y")->doomed);
	scene_free(&s);

	i = find_event(&r, EV_BIND, 4, 0);
	timeline_seek(r.timeline, r.heap, i);
	scene_build_ahead(&s, r.heap, r.timeline, r.program, &o);
	ck_assert(frame_slot(&s, 0, "y")->doomed);
	ck_assert_ptr_nonnull(scene_find(&s, frame_slot(&s, 0, "y")->target));
	scene_free(&s);

	/* a pushed frame is new; one about to pop is doomed */
	i = find_event(&r, EV_FRAME_PUSH, UINT32_MAX, 0);
	timeline_seek(r.timeline, r.heap, i + 1);
	scene_build(&s, r.heap, r.timeline, r.program, &o);
	ck_assert_uint_eq(s.frame_count, 2);
	ck_assert(s.nodes[1].flags & SCENE_NEW);
	scene_free(&s);
	i = find_event(&r, EV_FRAME_POP, UINT32_MAX, 0);
	timeline_seek(r.timeline, r.heap, i);
	scene_build_ahead(&s, r.heap, r.timeline, r.program, &o);
	ck_assert_uint_eq(s.frame_count, 2);
	ck_assert(s.nodes[1].flags & SCENE_DOOMED);
	ck_assert(!(s.nodes[0].flags & SCENE_DOOMED));
	scene_free(&s);
	run_done(&r);
}
END_TEST

/* In a cascade, what a freed list has not dropped yet is on its way out,
 * not garbage waiting for the collector. */
START_TEST(test_cascade_is_not_garbage)
{
	struct run		 r;
	struct scene		 s;
	struct scene_options	 o;
	uint64_t		 i = 0;
	objid_t			 outer, inner;

	run_text(&r, HEADER "  - do: x = [[1000]]\n  - do: del x\n");
	scene_options_default(&o);
	timeline_seek(r.timeline, r.heap, r.timeline->steps[1].end_event);
	scene_build(&s, r.heap, r.timeline, r.program, &o);
	outer = frame_slot(&s, 0, "x")->target;
	inner = scene_find(&s, outer)->slots[0].target;
	scene_free(&s);
	do
		i = find_event(&r, EV_FREE, 2, i) + 1;
	while (r.timeline->events[i - 1].object != outer);
	timeline_seek(r.timeline, r.heap, i);
	scene_build(&s, r.heap, r.timeline, r.program, &o);
	ck_assert(scene_find(&s, outer)->flags & SCENE_FREED);
	ck_assert_ptr_nonnull(scene_find(&s, inner));
	ck_assert(!(scene_find(&s, inner)->flags & SCENE_GARBAGE));
	scene_free(&s);
	run_done(&r);
}
END_TEST

/* An event that takes something away spends its first half ahead of
 * itself; others only after. */
START_TEST(test_anim_moments)
{
	struct run		r;
	struct anim_moment	m;
	uint64_t		unbind, incref;

	run_text(&r, HEADER "  - do: x = [1000]\n  - do: del x\n");
	unbind = find_event(&r, EV_UNBIND, UINT32_MAX, 0) + 1;
	incref = find_event(&r, EV_INCREF, UINT32_MAX, 0) + 1;

	m = anim_moment_at(r.timeline, unbind, 0);
	ck_assert(m.ahead);
	ck_assert_uint_eq(m.position, unbind - 1);
	ck_assert_int_eq(m.progress, 0);
	m = anim_moment_at(r.timeline, unbind, 499);
	ck_assert(m.ahead);
	ck_assert_int_eq(m.progress, 998);
	m = anim_moment_at(r.timeline, unbind, 500);
	ck_assert(!m.ahead);
	ck_assert_uint_eq(m.position, unbind);
	ck_assert_int_eq(m.progress, 0);
	m = anim_moment_at(r.timeline, unbind, ANIM_SETTLED);
	ck_assert(!m.ahead);
	ck_assert_int_eq(m.progress, ANIM_SETTLED);

	m = anim_moment_at(r.timeline, incref, 250);
	ck_assert(!m.ahead);
	ck_assert_uint_eq(m.position, incref);
	ck_assert_int_eq(m.progress, 250);
	run_done(&r);
}
END_TEST

static int
count_of(const char *text, const char *what)
{
	int n = 0;

	for (const char *p = strstr(text, what); p != NULL;
	    p = strstr(p + 1, what))
		n++;
	return n;
}

/* The text of c (caller frees); frees c and l. */
static char *
take_text(struct canvas *c, struct layout *l)
{
	struct strbuf	 text = STRBUF_INIT;
	char		*out;

	canvas_to_text(c, false, &text);
	out = xstrdup(strbuf_str(&text));
	strbuf_free(&text);
	canvas_free(c);
	layout_free(l);
	return out;
}

/* Draws the screen at `permille` of the animation of the event just
 * before position; returns the text (caller frees). */
static char *
frame_text(struct run *r, uint64_t position, int permille)
{
	struct layout		*l = layout_new();
	struct canvas		*c = canvas_new(100, 30, false);
	struct picture_options	 po = { .show_code = true };
	struct scene_options	 so;

	scene_options_default(&so);
	timeline_seek(r->timeline, r->heap, position);
	anim_draw(c, r->heap, r->timeline, r->program, l, &so, &po,
	    permille);
	ck_assert_uint_eq(r->heap->position, position);	/* put back */
	return take_text(c, l);
}

/* The frames of an animation: a count shows the reference arriving
 * ("+1") before old -> new; a freed box flashes, then fades to an empty
 * outline; a deleted name's row is there ahead of the del and gone after. */
START_TEST(test_animated_frames)
{
	struct run	 r;
	uint64_t	 incref, free_list, unbind;
	char		*t;

	run_text(&r, HEADER "  - do: x = [1000]\n  - do: y = x\n"
	    "  - do: del x\n  - do: del y\n");
	incref = find_event(&r, EV_INCREF, 2, 0) + 1;
	t = frame_text(&r, incref, 100);
	ck_assert_ptr_nonnull(strstr(t, " 1 +1"));
	ck_assert_ptr_null(strstr(t, "1\xe2\x86\x92" "2"));
	free(t);
	t = frame_text(&r, incref, 700);
	ck_assert_ptr_nonnull(strstr(t, "1\xe2\x86\x92" "2"));
	free(t);

	/* ahead of the del: the slots x, y and [0]; after it, y, [0] and
	 * the stack's temp, which holds the reference x gave up until the
	 * next event drops it */
	unbind = find_event(&r, EV_UNBIND, 3, 0) + 1;
	t = frame_text(&r, unbind, 100);
	ck_assert_int_eq(count_of(t, "\xe2\x97\x8f"), 3);
	ck_assert_ptr_nonnull(strstr(t, "del x"));
	free(t);
	t = frame_text(&r, unbind, 800);
	ck_assert_int_eq(count_of(t, "\xe2\x97\x8f"), 3);
	ck_assert_ptr_nonnull(strstr(t, "temp"));
	ck_assert_ptr_null(strstr(t, " x "));
	free(t);

	free_list = find_event(&r, EV_FREE, 4, 0) + 1;
	while (heap_object(r.heap, r.timeline->events[free_list - 1].object)->
	    type != OBJ_LIST)
		free_list = find_event(&r, EV_FREE, 4, free_list) + 1;
	t = frame_text(&r, free_list, 100);
	ck_assert_ptr_nonnull(strstr(t, "list #"));
	free(t);
	/* a ghost while it still holds its item, not an empty outline */
	t = frame_text(&r, free_list, 900);
	ck_assert_ptr_nonnull(strstr(t, "list #"));
	ck_assert_ptr_nonnull(strstr(t, "[0]"));
	free(t);
	t = frame_text(&r, free_list, ANIM_SETTLED);	/* as dump shows it */
	ck_assert_ptr_nonnull(strstr(t, "list #"));
	free(t);
	/* the int it released last fades to an empty outline */
	free_list = find_event(&r, EV_FREE, 4, free_list) + 1;
	ck_assert_int_eq(heap_object(r.heap, r.timeline->events[free_list -
	    1].object)->type, OBJ_INT);
	t = frame_text(&r, free_list, 900);
	ck_assert_ptr_null(strstr(t, "int #"));
	free(t);
	run_done(&r);
}
END_TEST

/* The textbook sweep passes over the heap in id order: the objects it
 * has passed say whether they were kept or are garbage. */
START_TEST(test_sweep_passes_in_id_order)
{
	struct run		 r;
	struct scene		 s;
	struct scene_options	 o;
	uint64_t		 first;
	objid_t			 flagged;

	run_text(&r, "refscope: 1\ntitle: Sweep\nsettings:\n"
	    "  gc: textbook\nsteps:\n  - do: keep = [1000]\n"
	    "  - do: a = []\n  - do: a.append(a)\n  - do: del a\n"
	    "  - do: b = []\n  - do: b.append(b)\n  - do: del b\n"
	    "  - do: gc.collect()\n");
	scene_options_default(&o);
	first = find_event(&r, EV_GC_UNREACHABLE, UINT32_MAX, 0);
	flagged = r.timeline->events[first].object;
	timeline_seek(r.timeline, r.heap, first + 1);
	scene_build(&s, r.heap, r.timeline, r.program, &o);
	ck_assert_str_eq(s.gc_phase, "sweep");
	for (uint32_t k = s.frame_count; k < s.node_count; k++)
		ck_assert_msg(((s.nodes[k].flags & SCENE_SWEPT) != 0) ==
		    (s.nodes[k].id <= flagged), "#%u", s.nodes[k].id);
	ck_assert(scene_find(&s, flagged)->flags & SCENE_UNREACHABLE);
	scene_free(&s);
	run_done(&r);
}
END_TEST

/* Two rings, one still named, collected by the model of `gc`. */
#define RINGS(gc) "refscope: 1\ntitle: Rings\nsettings:\n  gc: " gc "\n" \
	"classes:\n  - name: Node\nsteps:\n" \
	"  - do: a, b, c = Node(), Node(), Node()\n" \
	"  - do: a.next, b.next, c.next = b, a, a\n" \
	"  - do: x, y = Node(), Node()\n  - do: x.next, y.next = y, x\n" \
	"  - do: del a, b, x, y\n  - do: gc.collect()\n"

/*
 * A collection shown as it is computed: at every event of the run, a box
 * shows gc_refs or a verdict only when an event of the collection under
 * way has computed it (counted here from the events themselves), never
 * before the collection and never after; the object whose references
 * the collector follows is "visiting", and the reference it follows is
 * lit.
 */
static void
check_computed_in_order(const char *yaml, bool textbook)
{
	struct run		 r;
	struct scene		 s;
	struct scene_options	 o;
	const struct timeline	*t;
	uint64_t		 begin = UINT64_MAX;
	uint32_t		 visits = 0, verdicts = 0, refs_shown = 0;
	bool			*refs, *judged;

	run_text(&r, yaml);
	t = r.timeline;
	scene_options_default(&o);
	refs = xcalloc(r.heap->object_count, sizeof *refs);
	judged = xcalloc(r.heap->object_count, sizeof *judged);
	for (uint64_t pos = 1; pos <= t->event_count; pos++) {
		const struct event *ev = &t->events[pos - 1];

		if (ev->kind == EV_GC_BEGIN) {
			begin = pos - 1;
			memset(refs, 0, r.heap->object_count * sizeof *refs);
			memset(judged, 0, r.heap->object_count *
			    sizeof *judged);
		} else if (ev->kind == EV_GC_END)
			begin = UINT64_MAX;
		else if (ev->kind == EV_GC_REFS)
			refs[ev->object] = true;
		else if (ev->kind == EV_GC_MARK ||
		    ev->kind == EV_GC_UNREACHABLE)
			judged[ev->object] = true;
		timeline_seek(t, r.heap, pos);
		scene_build(&s, r.heap, t, r.program, &o);
		ck_assert_msg((s.gc_doing != NULL) == (begin != UINT64_MAX),
		    "phase words at event %llu", (unsigned long long)pos);
		for (uint32_t k = s.frame_count; k < s.node_count; k++) {
			const struct scene_node *n = &s.nodes[k];

			ck_assert_msg(!(n->flags & SCENE_GC_REFS) ||
			    (begin != UINT64_MAX && refs[n->id]),
			    "gc_refs of #%u before it was computed (event "
			    "%llu)", n->id, (unsigned long long)pos);
			ck_assert_msg(!(n->flags & (SCENE_MARKED |
			    SCENE_UNREACHABLE)) || (begin != UINT64_MAX &&
			    judged[n->id]), "a verdict on #%u before it was "
			    "given (event %llu)", n->id,
			    (unsigned long long)pos);
			refs_shown += (n->flags & SCENE_GC_REFS) != 0;
			verdicts += (n->flags & (SCENE_MARKED |
			    SCENE_UNREACHABLE)) != 0;
		}
		/* following a reference: from the visiting object, lit */
		if ((ev->kind == EV_GC_REFS && ev->reason ==
		    REASON_GC_INTERNAL) || (ev->kind == EV_GC_MARK &&
		    ev->owner != OBJ_NULL)) {
			const struct scene_node *from = scene_find(&s,
			    ev->kind == EV_GC_REFS ? ev->index : ev->owner);
			bool lit = false;

			ck_assert_ptr_nonnull(from);
			ck_assert(from->flags & SCENE_VISITING);
			for (uint32_t i = 0; i < from->slot_count; i++)
				lit |= from->slots[i].changed &&
				    from->slots[i].target == ev->object;
			/* (an instance's class is no arrow) */
			ck_assert(lit || heap_object(r.heap,
			    ev->object)->type == OBJ_CLASS);
			visits++;
		}
		scene_free(&s);
	}
	/* the checks above had something to check */
	ck_assert_uint_gt(visits, 1);
	ck_assert_uint_gt(verdicts, 3);
	if (!textbook)
		ck_assert_uint_gt(refs_shown, 3);
	xfree(refs);
	xfree(judged);
	run_done(&r);
}

START_TEST(test_cpython_collection_computed_in_order)
{
	check_computed_in_order(RINGS("cpython"), false);
}
END_TEST

START_TEST(test_textbook_collection_computed_in_order)
{
	check_computed_in_order(RINGS("textbook"), true);
}
END_TEST

/* The phase in plain words with CPython's name, and the generations'
 * counts as they change. */
START_TEST(test_phase_words_and_generations)
{
	struct run		 r;
	struct scene		 s;
	struct scene_options	 o;
	uint64_t		 i;

	run_text(&r, RINGS("cpython"));
	scene_options_default(&o);
	i = find_event(&r, EV_GC_PHASE, UINT32_MAX, 0);
	i = find_event(&r, EV_GC_PHASE, UINT32_MAX, i + 1);
	timeline_seek(r.timeline, r.heap, i + 1);
	scene_build(&s, r.heap, r.timeline, r.program, &o);
	ck_assert_str_eq(s.gc_doing, "subtract references from inside");
	ck_assert_str_eq(s.gc_function, "subtract_refs");
	scene_free(&s);
	/* a tracked allocation counts in generation 0 */
	i = find_event(&r, EV_ALLOC, 1, 0);
	while (!(r.timeline->events[i].flags & EVF_COUNTED))
		i = find_event(&r, EV_ALLOC, 1, i + 1);
	timeline_seek(r.timeline, r.heap, i + 1);
	scene_build(&s, r.heap, r.timeline, r.program, &o);
	ck_assert_int_eq(s.gen_delta[0], 1);
	ck_assert_uint_eq(s.gen_count[0], r.heap->gens[0].count);
	ck_assert_uint_eq(s.gen_threshold[0], 700);
	ck_assert_uint_eq(s.gen_threshold[1], 10);
	scene_free(&s);
	run_done(&r);
}
END_TEST

/* The 120x40 screen of scene s, as text (caller frees). */
static char *
drawn_text(const struct scene *s, const struct program *p)
{
	struct layout	*l = layout_new();
	struct canvas	*c = canvas_new(120, 40, false);

	layout_place(l, s);
	picture_draw(c, s, l, p, NULL);
	return take_text(c, l);
}

/* A label: names an object from the end of its step on, for its life; a
 * later label replaces it; the box's title shows it. */
START_TEST(test_labels)
{
	struct run		 r;
	struct scene		 s;
	struct scene_options	 o;
	char			*t;
	objid_t			 node;

	run_text(&r, "refscope: 1\ntitle: Labels\nclasses:\n  - name: Node\n"
	    "steps:\n  - do: r = Node()\n  - do: r.a = Node()\n"
	    "    label: {r.a: \"node 1\"}\n  - do: x = 1000\n"
	    "  - do: r.a.b = r\n    label: {r: root, \"r.a\": first}\n");
	scene_options_default(&o);
	/* the step's own events: not yet */
	timeline_seek(r.timeline, r.heap, r.timeline->steps[2].end_event - 1);
	scene_build(&s, r.heap, r.timeline, r.program, &o);
	node = frame_slot(&s, 0, "r") != NULL ? scene_find(&s,
	    frame_slot(&s, 0, "r")->target)->slots[0].target : OBJ_NULL;
	ck_assert_uint_ne(node, OBJ_NULL);
	ck_assert_ptr_null(scene_find(&s, node)->label);
	scene_free(&s);
	/* its end, and a later step */
	for (uint32_t step = 2; step <= 3; step++) {
		scene_at_step_end(&r, step, &s);
		ck_assert_str_eq(scene_find(&s, node)->label, "node 1");
		ck_assert_ptr_null(scene_find(&s, frame_slot(&s, 0,
		    "r")->target)->label);
		scene_free(&s);
	}
	/* renamed, and drawn in the box's title */
	scene_at_step_end(&r, 4, &s);
	ck_assert_str_eq(scene_find(&s, node)->label, "first");
	ck_assert_str_eq(scene_find(&s, frame_slot(&s, 0, "r")->target)->label,
	    "root");
	ck_assert_uint_eq(timeline_label_at(r.timeline, node,
	    r.timeline->event_count), atom_from("first"));
	t = drawn_text(&s, r.program);
	/* (in place of the type: a label widens no box) */
	ck_assert_msg(strstr(t, " first #") != NULL, "%s", t);
	ck_assert_ptr_nonnull(strstr(t, " root #"));
	xfree(t);
	scene_free(&s);
	run_done(&r);
}
END_TEST

static Suite *
scene_suite(void)
{
	Suite *s = suite_create("scene");
	TCase *tc = tcase_create("moments");

	tcase_add_test(tc, test_names_and_objects);
	tcase_add_test(tc, test_current_event_highlights);
	tcase_add_test(tc, test_settled_step);
	tcase_add_test(tc, test_cascade_ghost);
	tcase_add_test(tc, test_overflow_marked);
	tcase_add_test(tc, test_garbage_and_folding);
	tcase_add_test(tc, test_fold_hides_what_only_it_holds);
	tcase_add_test(tc, test_crowded_scene);
	tcase_add_test(tc, test_selection_lists_referrers);
	tcase_add_test(tc, test_ahead_marks_what_goes);
	tcase_add_test(tc, test_anim_moments);
	tcase_add_test(tc, test_cascade_is_not_garbage);
	tcase_add_test(tc, test_animated_frames);
	tcase_add_test(tc, test_sweep_passes_in_id_order);
	tcase_add_test(tc, test_cpython_collection_computed_in_order);
	tcase_add_test(tc, test_constants_strip);
	tcase_add_test(tc, test_textbook_collection_computed_in_order);
	tcase_add_test(tc, test_phase_words_and_generations);
	tcase_add_test(tc, test_labels);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner	*sr = srunner_create(scene_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
