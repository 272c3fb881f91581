/*
 * check_layout.c: layout properties on every scenario of the test suite,
 * at the end of every step: no two boxes overlap, every edge runs on rows
 * and columns, touches no box, starts at its slot and ends at its target,
 * nothing is placed at negative coordinates, and an object that stays in
 * its column never moves up (a freed neighbour leaves a gap).
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/atom.h"
#include "base/diag.h"
#include "base/xalloc.h"
#include "lang/program.h"
#include "run/run.h"
#include "sim/heap.h"
#include "sim/interp.h"
#include "sim/timeline.h"
#include "view/anim.h"
#include "view/layout.h"
#include "view/scene.h"
#include "testlib.h"

static bool
inside(const struct layout_box *b, int x, int y)
{
	return x >= b->x && x < b->x + b->w && y >= b->y && y < b->y + b->h;
}

static bool
overlap(const struct layout_box *a, const struct layout_box *b)
{
	return a->x < b->x + b->w && b->x < a->x + a->w &&
	    a->y < b->y + b->h && b->y < a->y + a->h;
}

/* Every property, for one placed scene; returns a description of the
 * first violation (caller frees) or NULL. */
static char *
check_placed(const struct layout *l, const struct scene *s)
{
	for (uint32_t i = 0; i < l->box_count; i++) {
		if (l->boxes[i].x < 0 || l->boxes[i].y < 0)
			return xasprintf("box %u at negative coordinates", i);
		for (uint32_t j = i + 1; j < l->box_count; j++)
			if (overlap(&l->boxes[i], &l->boxes[j]))
				return xasprintf("boxes %u and %u overlap", i, j);
	}
	for (uint32_t e = 0; e < l->edge_count; e++) {
		const struct layout_edge	*edge = &l->edges[e];
		const struct layout_box		*from = &l->boxes[edge->from];
		const struct layout_box		*to = &l->boxes[edge->to];
		const int			*p = edge->points;
		uint32_t			 last = edge->point_count - 1;

		if (edge->point_count < 2)
			return xasprintf("edge %u has %u points", e,
			    edge->point_count);
		if (p[0] != from->x + from->w || p[1] <= from->y ||
		    p[1] >= from->y + from->h - 1)
			return xasprintf("edge %u does not start at its slot", e);
		if (edge->arrow == LINE_RIGHT ? p[2 * last] != to->x - 1 :
		    p[2 * last] != to->x + to->w)
			return xasprintf("edge %u does not end at its target", e);
		/* from the left into a content row; from the right (where
		 * the slots leave) onto the title row */
		if (edge->arrow == LINE_RIGHT ? p[2 * last + 1] <= to->y ||
		    p[2 * last + 1] >= to->y + to->h - 1 :
		    p[2 * last + 1] != to->y)
			return xasprintf("edge %u ends beside, not at, its "
			    "target", e);
		(void)s;
		for (uint32_t k = 0; k < last; k++) {
			int x0 = p[2 * k], y0 = p[2 * k + 1];
			int x1 = p[2 * k + 2], y1 = p[2 * k + 3];
			int dx = x1 > x0 ? 1 : x1 < x0 ? -1 : 0;
			int dy = y1 > y0 ? 1 : y1 < y0 ? -1 : 0;

			if (dx != 0 && dy != 0)
				return xasprintf("edge %u has a diagonal", e);
			if (x0 < 0 || y0 < 0)
				return xasprintf("edge %u goes negative", e);
			for (int x = x0, y = y0;; x += dx, y += dy) {
				for (uint32_t b = 0; b < l->box_count; b++)
					if (inside(&l->boxes[b], x, y))
						return xasprintf("edge %u crosses "
						    "box %u at %d,%d", e, b, x,
						    y);
				if (x == x1 && y == y1)
					break;
			}
		}
	}
	return NULL;
}

struct remembered {
	uint32_t	 column;
	int		 y;
	bool		 known;
};

/* Checks the layout of the moments ahead of the events of step `step`
 * that take something away (what an animation shows first), at most
 * `most` of them. */
static void
check_ahead(const char *path, struct heap *h, const struct timeline *t,
    const struct program *p, struct layout *l, uint32_t step, int most)
{
	struct scene_options o;

	scene_options_default(&o);
	for (uint64_t i = t->steps[step].first_event;
	    i < t->steps[step].end_event && most > 0; i++) {
		struct scene	 s;
		char		*why;

		if (!anim_takes_away(&t->events[i]))
			continue;
		most--;
		timeline_seek(t, h, i);
		scene_build_ahead(&s, h, t, p, &o);
		layout_place(l, &s);
		why = check_placed(l, &s);
		ck_assert_msg(why == NULL, "%s, ahead of event %llu: %s", path,
		    (unsigned long long)i + 1, why);
		scene_free(&s);
	}
}

/* Runs one scenario and checks the layout at the end of every step, and
 * ahead of the events that take something away. */
static void
check_scenario(const char *path, const char *yaml)
{
	struct run		 r;
	struct program		*p;
	struct heap		*h;
	struct timeline		*t;
	struct layout		*l = layout_new();
	struct scene_options	 o;
	struct remembered	*before = NULL;
	uint32_t		 before_cap = 0;

	scene_options_default(&o);
	if (run_load_text(&r, path, yaml, strlen(yaml)) != 0)
		goto out;
	run_execute(&r, true, NULL, NULL, NULL);
	p = r.program;
	h = r.heap;
	t = r.timeline;
	for (uint32_t step = 1; step < t->step_count; step++) {
		struct scene	 s;
		char		*why;

		check_ahead(path, h, t, p, l, step, 16);
		timeline_seek(t, h, t->steps[step].end_event);
		scene_build(&s, h, t, p, &o);
		layout_place(l, &s);
		why = check_placed(l, &s);
		ck_assert_msg(why == NULL, "%s, step %u: %s", path, step, why);
		if (before_cap < h->object_count) {
			before = xreallocarray(before, h->object_count,
			    sizeof *before);
			memset(before + before_cap, 0, (h->object_count -
			    before_cap) * sizeof *before);
			before_cap = h->object_count;
		}
		for (uint32_t i = s.frame_count; i < s.node_count; i++) {
			struct remembered *r = &before[s.nodes[i].id];

			/* an object keeps its column, and never moves up */
			if (r->known)
				ck_assert_msg(r->column == l->boxes[i].column,
				    "%s, step %u: #%u moved from column %u to "
				    "%u", path, step, s.nodes[i].id, r->column,
				    l->boxes[i].column);
			if (r->known)
				ck_assert_msg(l->boxes[i].y >= r->y, "%s, step "
				    "%u: #%u moved up from row %d to %d", path,
				    step, s.nodes[i].id, r->y, l->boxes[i].y);
			r->known = true;
			r->column = l->boxes[i].column;
			r->y = l->boxes[i].y;
		}
		scene_free(&s);
	}
out:
	xfree(before);
	layout_free(l);
	run_free(&r);
	atom_reset();
}

START_TEST(test_every_scenario)
{
	ck_assert_uint_gt(testlib_each_scenario(check_scenario), 100);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("layout");
	TCase	*tc = tcase_create("properties");

	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_every_scenario);
	suite_add_tcase(s, tc);
	return testlib_run_suite(s);
}
