/*
 * check_scene.c: the view model -- what a moment of a run shows.
 */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "base/atom.h"
#include "base/diag.h"
#include "lang/program.h"
#include "sim/heap.h"
#include "sim/interp.h"
#include "sim/timeline.h"
#include "view/canvas.h"
#include "view/layout.h"
#include "view/picture.h"
#include "view/scene.h"

struct run {
	struct scenario		*scenario;
	struct program		*program;
	struct heap		*heap;
	struct timeline		*timeline;
	struct diag		*errors;
};

static void
run_text(struct run *r, const char *yaml)
{
	memset(r, 0, sizeof *r);
	ck_assert_int_eq(scenario_load_string("t.yaml", yaml, strlen(yaml),
	    &r->scenario, &r->errors), 0);
	ck_assert_int_eq(program_compile(r->scenario, &r->program,
	    &r->errors), 0);
	r->heap = heap_new();
	r->timeline = timeline_new(true);
	ck_assert_int_eq(interp_run(r->program, r->heap, r->timeline, NULL,
	    NULL, &r->errors), 0);
}

static void
run_free(struct run *r)
{
	timeline_free(r->timeline);
	heap_free(r->heap);
	program_free(r->program);
	scenario_free(r->scenario);
	diag_free(r->errors);
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
	run_free(&r);
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
	run_free(&r);
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
	run_free(&r);
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
	run_free(&r);
}
END_TEST

static Suite *
scene_suite(void)
{
	Suite *s = suite_create("scene");
	TCase *tc = tcase_create("moments");

	tcase_add_test(tc, test_names_and_objects);
	tcase_add_test(tc, test_current_event_highlights);
	tcase_add_test(tc, test_garbage_and_folding);
	tcase_add_test(tc, test_selection_lists_referrers);
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
