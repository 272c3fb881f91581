/*
 * check_layout.c: layout properties on every scenario of the test suite,
 * at the end of every step: no two boxes overlap, every edge runs on rows
 * and columns, touches no box, starts at its slot and ends at its target,
 * nothing is placed at negative coordinates, and a planned object stands
 * at its planned row whenever it is drawn (a freed neighbour leaves a
 * gap).  And the screen of a moment is the same whatever route reached
 * it: seeking straight there, playing event by event, stepping back from
 * the end, or after a resize -- at 80x24, 120x40 and 200x60.  On each of
 * those screens, and on the screen of every event (at one of the sizes
 * in turn), every box is there whole with no line across it, no line
 * just stops, and no two lines merge: every arrow can be followed on
 * its own.
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/atom.h"
#include "base/diag.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "lang/program.h"
#include "run/run.h"
#include "sim/heap.h"
#include "sim/interp.h"
#include "sim/timeline.h"
#include "view/anim.h"
#include "view/canvas.h"
#include "view/layout.h"
#include "view/picture.h"
#include "view/plan.h"
#include "view/scene.h"
#include "testlib.h"

/* The cell at x, y of c, or NULL outside: canvas_cell, inline (the
 * screens are read cell by cell many times over). */
static inline struct cell *
cell_at(struct canvas *c, int x, int y)
{
	if (x < 0 || y < 0 || x >= c->width || y >= c->height)
		return NULL;
	return &c->cells[(size_t)y * (size_t)c->width + (size_t)x];
}

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
		 * the slots leave) onto the title row or a row below them */
		if (edge->arrow == LINE_RIGHT ? p[2 * last + 1] <= to->y ||
		    p[2 * last + 1] >= to->y + to->h - 1 :
		    p[2 * last + 1] < to->y ||
		    p[2 * last + 1] >= to->y + to->h - 1 ||
		    (p[2 * last + 1] > to->y && p[2 * last + 1] < to->y +
		    layout_box_height(&s->nodes[edge->to]) - 1 &&
		    s->nodes[edge->to].slot_count > 0))
			return xasprintf("edge %u ends beside, not at, its "
			    "target", e);
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

/* A planned object drawn at moment `what` stands at its planned row. */
static void
check_planned_rows(const char *path, const char *what, const struct layout *l,
    const struct scene *s)
{
	uint64_t at = s->ahead ? s->event - 1 : s->event;

	for (uint32_t i = s->frame_count; i < s->node_count; i++) {
		objid_t	id = s->nodes[i].id;
		int32_t	row = plan_row(&l->plan, id, at);

		if (row == PLAN_NO_ROW)
			continue;
		ck_assert_msg(l->boxes[i].y == row, "%s, %s: #%u at row %d, "
		    "planned at %d", path, what, id, l->boxes[i].y, (int)row);
	}
}

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
		check_planned_rows(path, "ahead", l, &s);
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

	scene_options_default(&o);
	if (run_load_text(&r, path, yaml, strlen(yaml)) != 0)
		goto out;
	run_execute(&r, true, NULL, NULL, NULL);
	p = r.program;
	h = r.heap;
	t = r.timeline;
	/* the places with no limit, and spread for a screen of 16 rows */
	for (int rows = 0; rows <= 16; rows += 16) {
		o.plan_rows = rows;
		layout_plan(l, t, h, &o);
		for (uint32_t step = 1; step < t->step_count; step++) {
			struct scene	 s;
			char		*why;

			check_ahead(path, h, t, p, l, step, 16);
			timeline_seek(t, h, t->steps[step].end_event);
			scene_build(&s, h, t, p, &o);
			layout_place(l, &s);
			why = check_placed(l, &s);
			ck_assert_msg(why == NULL, "%s, step %u, %d rows: %s",
			    path, step, rows, why);
			check_planned_rows(path, "a step end", l, &s);
			scene_free(&s);
		}
	}
out:
	layout_free(l);
	run_free(&r);
	atom_reset();
}

/* ---- routes ---- */

struct screens {
	char		**text;		/* by step: its settled screen */
	uint32_t	  count;
};

/*
 * The picture options a w x h screen of r is drawn with: the viewer's
 * (tui.c's compose) -- the narration's rows fixed for the whole run, and
 * so the graph's, which the plan spreads tall columns to fit: checked on
 * other rows, the screens would pass on layouts no class sees.  Every
 * scenario of the suite, lessons and stress alike (many names, long
 * lists), as the viewer would show it.
 */
static void
viewer_options(struct picture_options *po, const struct run *r, int w,
    int hgt)
{
	memset(po, 0, sizeof *po);
	po->show_code = true;
	po->show_hints = true;
	po->speed = "4 events/s";
	po->narration_rows = picture_narration_rows(r->program, w, hgt);
}

/* Draws the settled screen at position h->position, w x h cells, on c. */
static void
draw_settled(struct run *r, struct layout *l, struct canvas *c, int w,
    int hgt)
{
	struct scene_options	 so;
	struct picture_options	 po;

	scene_options_default(&so);
	viewer_options(&po, r, w, hgt);
	canvas_reset(c, w, hgt);
	anim_draw(c, r->heap, r->timeline, r->program, l, &so, &po,
	    ANIM_SETTLED);
}

/* The settled screen at position h->position, w x h cells, as text with
 * its colours (caller frees). */
static char *
screen(struct run *r, struct layout *l, struct canvas *c, int w, int hgt)
{
	struct strbuf	 sb = STRBUF_INIT;
	char		*text;

	draw_settled(r, l, c, w, hgt);
	canvas_to_text(c, true, &sb);
	text = xstrdup(strbuf_str(&sb));
	strbuf_free(&sb);
	return text;
}

/* Whether the cells of row y of c from x spell text (ASCII). */
static bool
spells(struct canvas *c, int x, int y, const char *text)
{
	for (; *text != '\0'; text++, x++) {
		struct cell *cell = cell_at(c, x, y);

		if (cell == NULL || cell->lines != 0 ||
		    cell->ch != (uint32_t)(unsigned char)*text)
			return false;
	}
	return true;
}

static bool
corner(struct canvas *c, int x, int y, uint8_t lines)
{
	struct cell *cell = cell_at(c, x, y);

	return cell != NULL && (cell->lines & 0x0f) == lines;
}

/* The graph's panel: from under the code panel's rule (row GRAPH_TOP) to
 * the next rule; the graph starts at column 1. */
#define GRAPH_TOP	5

static int
graph_bottom(struct canvas *c)
{
	int bottom = GRAPH_TOP;

	while (bottom < c->height && cell_at(c, 0, bottom)->lines == 0)
		bottom++;
	return bottom;
}

static void screen_abort(const char *path, const char *when,
    struct canvas *c, const char *fmt, ...)
    __attribute__((format(printf, 4, 5), noreturn));

/* Fails, the screen printed first (it is too long for Check's message). */
static void
screen_abort(const char *path, const char *when, struct canvas *c,
    const char *fmt, ...)
{
	struct strbuf	text = STRBUF_INIT;
	char		what[256];
	va_list		ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	canvas_to_text(c, false, &text);
	fprintf(stderr, "%s\n", strbuf_str(&text));
	strbuf_free(&text);
	ck_abort_msg("%s, %s, %dx%d: %s (the screen is above)", path, when,
	    c->width, c->height, what);
	abort();
}

/* No line runs across the box of #id at x, y (w x h) on screen c: its
 * sides are plain sides, its inside has no line. */
static void
check_box_crossed(const char *path, const char *when, struct canvas *c,
    objid_t id, int x, int y, int w, int h)
{
	for (int row = y; row < y + h; row++)
		for (int col = x; col < x + w; col++) {
			uint8_t lines = cell_at(c, col, row)->lines & 0x0f;
			bool	side_x = col == x || col == x + w - 1;
			bool	side_y = row == y || row == y + h - 1;

			if (side_x && side_y)
				continue;	/* a corner (checked) */
			/* (the top and bottom borders have words in them) */
			if (side_x ? lines == (LINE_UP | LINE_DOWN) : side_y ?
			    lines == (LINE_LEFT | LINE_RIGHT) || lines == 0 :
			    lines == 0)
				continue;
			screen_abort(path, when, c, "a line runs across the "
			    "box of #%u at %d,%d", id, col, row);
		}
}

/*
 * On the screen c shows (the settled moment h stands at, drawn with l),
 * every box whose title is on screen is there whole: its four corners
 * where the layout's size puts them -- a box is drawn whole or not at
 * all, never cut through its count.
 */
static void
check_whole_boxes(const char *path, const char *when, struct run *r,
    struct layout *l, struct canvas *c)
{
	struct scene_options	 so;
	struct scene		 s;
	struct strbuf		 text = STRBUF_INIT;
	int			 top = GRAPH_TOP, bottom = graph_bottom(c);

	/* the scene drawn, whose places l holds */
	scene_options_default(&so);
	scene_build(&s, r->heap, r->timeline, r->program, &so);
	if (s.node_count != l->box_count)
		ck_abort_msg("%s, %s: the scene is not the one drawn", path,
		    when);
	/* each title on screen, "#12 ", read where its '#' is (one pass
	 * over the panel, not one per box) */
	for (int y = top; y < bottom; y++)
		for (int x = 1; x < c->width; x++) {
			const struct scene_node	*n;
			struct cell		*hash = cell_at(c, x, y);
			char			 title[32];
			unsigned long		 id = 0;
			int			 cx = x, w, h;
			uint32_t		 i;

			if (hash->lines != 0 || hash->ch != '#')
				continue;
			for (int d = x + 1; d < c->width && d < x + 11; d++) {
				struct cell *digit = cell_at(c, d, y);

				if (digit->lines != 0 || digit->ch < '0' ||
				    digit->ch > '9')
					break;
				id = id * 10 + (digit->ch - '0');
			}
			if (id == 0 || id > UINT32_MAX ||
			    (n = scene_find(&s, (objid_t)id)) == NULL ||
			    n->kind != SCENE_OBJECT)
				continue;
			i = (uint32_t)(n - s.nodes);
			snprintf(title, sizeof title, "#%u ", n->id);
			if (!spells(c, x, y, title))
				continue;
			w = l->boxes[i].w;
			h = l->boxes[i].h;
			while (cx > 0 && !corner(c, cx, y, LINE_DOWN |
			    LINE_RIGHT))
				cx--;
			if (corner(c, cx, y, LINE_DOWN | LINE_RIGHT) &&
			    corner(c, cx + w - 1, y, LINE_DOWN | LINE_LEFT) &&
			    corner(c, cx, y + h - 1, LINE_UP | LINE_RIGHT) &&
			    corner(c, cx + w - 1, y + h - 1, LINE_UP |
			    LINE_LEFT) && y + h - 1 < bottom) {
				check_box_crossed(path, when, c, n->id, cx, y,
				    w, h);
				continue;
			}
			canvas_to_text(c, false, &text);
			ck_abort_msg("%s, %s, %dx%d: the box of #%u at "
			    "%d,%d (%dx%d) is cut:\n%s", path, when, c->width,
			    c->height, n->id, cx, y, w, h, strbuf_str(&text));
		}
	strbuf_free(&text);
	scene_free(&s);
}

/*
 * On screen c, every box of the graph's panel -- a frame too -- is
 * closed: from its top left corner (a corner with its title after it),
 * its left side runs down to a bottom left corner and its top right to a
 * top right corner, with the fourth corner where they say.  A frame
 * taller than the window is drawn closed over the rows the window has
 * of it, saying what it leaves out, never cut through its names.
 */
static void
check_closed_boxes(const char *path, const char *when, struct canvas *c)
{
	int		top = GRAPH_TOP, bottom = graph_bottom(c);

	for (int y = top; y < bottom; y++)
		for (int x = 0; x + 1 < c->width; x++) {
			int x1 = x + 1, y1 = y + 1;

			if (!corner(c, x, y, LINE_DOWN | LINE_RIGHT) ||
			    cell_at(c, x + 1, y)->lines != 0 ||
			    cell_at(c, x + 1, y)->ch != ' ')
				continue;	/* not a box's top left */
			while (x1 < c->width && !corner(c, x1, y, LINE_DOWN |
			    LINE_LEFT))
				x1++;
			while (y1 < bottom && !corner(c, x, y1, LINE_UP |
			    LINE_RIGHT) && (cell_at(c, x, y1)->lines &
			    0x0f) == (LINE_UP | LINE_DOWN))
				y1++;
			if (x1 < c->width && y1 < bottom &&
			    corner(c, x, y1, LINE_UP | LINE_RIGHT) &&
			    corner(c, x1, y1, LINE_UP | LINE_LEFT))
				continue;
			screen_abort(path, when, c, "the box at %d,%d is not "
			    "closed", x, y);
		}
}

/*
 * On screen c, no line of the graph's panel just stops: every end of a
 * line is at a slot (a run out of a box's right border), an arrowhead or
 * a marker at the window's edge -- an arrow to a box out of view runs to
 * the edge, and one from a box out of view is not drawn.
 */
static void
check_loose_ends(const char *path, const char *when, struct canvas *c)
{
	int		top = GRAPH_TOP, bottom = graph_bottom(c);

	for (int y = top; y < bottom; y++)
		for (int x = 1; x < c->width; x++) {
			uint8_t		 lines = cell_at(c, x, y)->lines &
			    0x0f;
			struct cell	*left = cell_at(c, x - 1, y);

			if (lines == 0 || (lines & (lines - 1)) != 0)
				continue;	/* none, or a line through */
			if (lines == LINE_RIGHT && (left->lines &
			    (LINE_UP | LINE_DOWN)) == (LINE_UP | LINE_DOWN))
				continue;	/* out of a slot */
			screen_abort(path, when, c, "a line stops at %d,%d",
			    x, y);
		}
}

/*
 * On screen c, every arrow can be followed on its own: no line of the
 * graph's panel forks (a cell joining three ways: two arrows merged, the
 * way one of them goes cannot be told).  Lines cross (four ways) or turn
 * (two); they never fork.
 */
static void
check_forks(const char *path, const char *when, struct canvas *c)
{
	int		top = GRAPH_TOP, bottom = graph_bottom(c);

	for (int y = top; y < bottom; y++)
		for (int x = 1; x < c->width; x++) {
			uint8_t	lines = cell_at(c, x, y)->lines & 0x0f;
			int	ways = 0;

			for (uint8_t bit = 1; bit <= LINE_RIGHT; bit <<= 1)
				ways += (lines & bit) != 0;
			if (ways != 3)
				continue;	/* none, an end, a turn, across */
			screen_abort(path, when, c, "two lines merge at "
			    "%d,%d", x, y);
		}
}

/*
 * On screen c, a marker at the window's edge (▸ ◂ ▴ ▾) ends one line: no
 * more than one line runs into it (a marker drawn over another arrow's
 * line would cut that line in two).
 */
static void
check_markers(const char *path, const char *when, struct canvas *c)
{
	static const uint32_t markers[] = { 0x25b8, 0x25c2, 0x25b4, 0x25be };
	static const struct {
		int		 dx, dy;
		uint8_t		 toward;
	} sides[] = {
		{ -1, 0, LINE_RIGHT }, { 1, 0, LINE_LEFT },
		{ 0, -1, LINE_DOWN }, { 0, 1, LINE_UP },
	};
	int		top = GRAPH_TOP, bottom = graph_bottom(c);

	for (int y = top; y < bottom; y++)
		for (int x = 1; x < c->width; x++) {
			struct cell	*cell = cell_at(c, x, y);
			bool		 marker = false;
			int		 into = 0;

			for (size_t m = 0; m < sizeof markers / sizeof *markers;
			    m++)
				marker |= cell->lines == 0 &&
				    cell->ch == markers[m];
			for (size_t k = 0; marker &&
			    k < sizeof sides / sizeof *sides; k++) {
				struct cell *n = cell_at(c, x + sides[k].dx,
				    y + sides[k].dy);

				into += n != NULL &&
				    (n->lines & sides[k].toward) != 0;
			}
			if (into <= 1)
				continue;
			screen_abort(path, when, c, "the marker at %d,%d is "
			    "on another line", x, y);
		}
}

/* The properties of the settled screen c shows (the moment h stands at,
 * drawn with l). */
static void
check_screen(const char *path, const char *when, struct run *r,
    struct layout *l, struct canvas *c)
{
	uint32_t	*into;
	bool		 crowded = false;

	check_whole_boxes(path, when, r, l, c);
	check_closed_boxes(path, when, c);
	check_loose_ends(path, when, c);
	check_markers(path, when, c);
	/* a box with more than LAYOUT_ARROWS_MOST arrows into it has them
	 * share its last row (layout.c's entry_rows): they join on their
	 * way there, by design */
	into = xcalloc(l->box_count + 1, sizeof *into);
	for (uint32_t e = 0; e < l->edge_count; e++)
		crowded |= ++into[l->edges[e].to] > LAYOUT_ARROWS_MOST;
	xfree(into);
	if (!crowded)
		check_forks(path, when, c);
}

/* Whether the title of #id ("#12 ") is in the graph panel of c: its box
 * is drawn (whole: check_whole_boxes). */
static bool
title_shown(struct canvas *c, objid_t id)
{
	char title[32];

	snprintf(title, sizeof title, "#%u ", id);
	for (int y = GRAPH_TOP; y < graph_bottom(c); y++)
		for (int x = 1; x < c->width; x++)
			if (spells(c, x, y, title))
				return true;
	return false;
}

/*
 * Where a step touched one object only (a count changed, an object made
 * or freed), and its box is on screen c, so is every box it refers to
 * when they could all stand in the window beside it (within the graph
 * panel's width right of the frames, and its rows with room for the
 * panning's steps): what a class follows from the object the step is
 * about is its arrows.  (Lesson 18 at 120x40, `except ValueError as e`:
 * the exception was drawn, its args and its traceback below the window,
 * under rows the temporaries of the call had held.)  Every scenario of
 * the suite.  The window reckoned with is the panning's: a column shown
 * first beside the frames brings the lanes of the gutter on its left
 * with it (picture.c's pan_for: an arrow in them would otherwise come
 * out of the frames' strip), so the boxes fit only with those lanes
 * (taken from the gutter's first: the most they can take).
 */
static void
check_touched_beside(const char *path, const char *when, struct run *r,
    struct layout *l, struct canvas *c)
{
	struct scene_options	 so;
	struct scene		 s;
	uint32_t		 touched = UINT32_MAX, n = 0;
	int			 rows = graph_bottom(c) - GRAPH_TOP;

	scene_options_default(&so);
	scene_build(&s, r->heap, r->timeline, r->program, &so);
	for (uint32_t i = s.frame_count; i < s.node_count; i++)
		if (s.nodes[i].flags & SCENE_CHANGED) {
			touched = i;
			n++;
		}
	if (n == 1 && l->column_count > 1 && s.node_count == l->box_count &&
	    title_shown(c, s.nodes[touched].id)) {
		const struct scene_node	*x = &s.nodes[touched];
		const struct layout_box	*bx = &l->boxes[touched];
		int			 left = bx->x, right = bx->x + bx->w;
		int			 top = bx->y, bottom = bx->y + bx->h;
		uint32_t		 first = bx->column;
		objid_t			 missing = OBJ_NULL;

		for (uint32_t k = 0; k < x->slot_count; k++) {
			const struct scene_node	*y = scene_find(&s,
			    x->slots[k].target);
			const struct layout_box	*by;

			if (y == NULL || y->kind != SCENE_OBJECT || y == x)
				continue;
			by = &l->boxes[y - s.nodes];
			left = by->x < left ? by->x : left;
			right = by->x + by->w > right ? by->x + by->w : right;
			top = by->y < top ? by->y : top;
			bottom = by->y + by->h > bottom ? by->y + by->h :
			    bottom;
			first = by->column < first ? by->column : first;
			if (!title_shown(c, y->id))
				missing = y->id;
		}
		/* the first lane stands a cell left of where the column
		 * would */
		if (first > 1 && l->lanes_x[first - 1] - 1 < left)
			left = l->lanes_x[first - 1] - 1;
		if (missing != OBJ_NULL && right - left + 2 <= c->width - 1 -
		    l->column_x[1] && bottom - top + 6 <= rows)
			screen_abort(path, when, c, "#%u, which the step "
			    "touched, is drawn, and #%u, which it refers to, "
			    "is not, though they all fit the window", x->id,
			    missing);
	}
	scene_free(&s);
}

static void
same_screen(const char *path, const char *route, uint32_t step,
    const char *want, const char *got)
{
	ck_assert_msg(strcmp(want, got) == 0, "%s, step %u: the screen "
	    "reached %s differs from the one reached by seeking:\n%s\n---\n"
	    "%s", path, step, route, want, got);
}

static const struct timeline *ends;

static int
compare_ends(const void *a, const void *b)
{
	uint64_t x = ends->steps[*(const uint32_t *)a].end_event;
	uint64_t y = ends->steps[*(const uint32_t *)b].end_event;

	return x < y ? -1 : x > y;
}

/*
 * The screens of each step end of one scenario, at each size, reached by
 * three routes: seeking straight there with a fresh layout, playing every
 * event from the start, and stepping back from the end after a resize.
 * Playing is done once for the three sizes: what a moment drawn leaves
 * behind for the next is the layout, and the canvas it was drawn on
 * changes size from one event to the next (a resize while playing).
 */
static void
check_routes(const char *path, const char *yaml)
{
	static const int	 sizes[][2] = { { 80, 24 }, { 120, 40 },
				    { 200, 60 } };
	enum { SIZES = sizeof sizes / sizeof *sizes };
	struct run		 r;
	struct timeline		*t;
	struct canvas		*c = canvas_new(80, 24, false);
	struct layout		*l;
	char			**seek[SIZES];
	uint32_t		*by_end;
	uint64_t		 drawn = 0;

	if (run_load_text(&r, path, yaml, strlen(yaml)) != 0 ||
	    run_execute(&r, true, NULL, NULL, NULL) != 0 ||
	    r.timeline->event_count > 20000) {
		run_free(&r);
		canvas_free(c);
		atom_reset();
		return;
	}
	t = r.timeline;
	by_end = xcalloc(t->step_count, sizeof *by_end);
	for (uint32_t k = 0; k < t->step_count; k++)
		by_end[k] = k;
	ends = t;
	qsort(by_end, t->step_count, sizeof *by_end, compare_ends);
	/* seeking straight to each step's end with a fresh layout */
	for (size_t z = 0; z < SIZES; z++) {
		seek[z] = xcalloc(t->step_count, sizeof *seek[z]);
		for (uint32_t step = 0; step < t->step_count; step++) {
			char when[32];

			snprintf(when, sizeof when, "step %u", step);
			l = layout_new();
			timeline_seek(t, r.heap, t->steps[step].end_event);
			seek[z][step] = screen(&r, l, c, sizes[z][0],
			    sizes[z][1]);
			check_screen(path, when, &r, l, c);
			check_touched_beside(path, when, &r, l, c);
			layout_free(l);
		}
	}
	/* playing: every event drawn a quarter through, each step end
	 * (steps nest: in order of their ends) settled at every size */
	l = layout_new();
	timeline_seek(t, r.heap, 0);
	for (uint32_t k = 0; k < t->step_count; k++) {
		uint32_t step = by_end[k];

		while (r.heap->position < t->steps[step].end_event) {
			struct picture_options	 po;
			struct scene_options	 so;
			const int		*size = sizes[drawn++ % SIZES];
			char			 when[48];

			scene_options_default(&so);
			viewer_options(&po, &r, size[0], size[1]);
			timeline_seek(t, r.heap, r.heap->position + 1);
			/* an arrow being drawn, or taken back, ends in its
			 * head wherever it has got to (a quarter through an
			 * event that takes something away is its first half,
			 * three quarters the second) */
			for (int part = 1; part <= 3; part += 2) {
				snprintf(when, sizeof when, "event %llu, %d/4 "
				    "through", (unsigned long long)
				    r.heap->position, part);
				canvas_reset(c, size[0], size[1]);
				anim_draw(c, r.heap, t, r.program, l, &so, &po,
				    ANIM_SETTLED * part / 4);
				check_loose_ends(path, when, c);
			}
			/* and as it stands when stepped to by event, at the
			 * next size */
			size = sizes[drawn % SIZES];
			snprintf(when, sizeof when, "event %llu",
			    (unsigned long long)r.heap->position);
			draw_settled(&r, l, c, size[0], size[1]);
			check_screen(path, when, &r, l, c);
		}
		for (size_t z = 0; z < SIZES; z++) {
			char	*got = screen(&r, l, c, sizes[z][0],
			    sizes[z][1]);
			char	 route[48];

			snprintf(route, sizeof route, "by playing, at %dx%d",
			    sizes[z][0], sizes[z][1]);
			same_screen(path, route, step, seek[z][step], got);
			xfree(got);
		}
	}
	layout_free(l);
	/* back from the end, after a resize */
	for (size_t z = 0; z < SIZES; z++) {
		l = layout_new();
		for (uint32_t step = t->step_count; step-- > 0;) {
			char	*got, route[48];

			draw_settled(&r, l, c, 120, 40);
			timeline_seek(t, r.heap, t->steps[step].end_event);
			got = screen(&r, l, c, sizes[z][0], sizes[z][1]);
			snprintf(route, sizeof route, "back from the end, at "
			    "%dx%d", sizes[z][0], sizes[z][1]);
			same_screen(path, route, step, seek[z][step], got);
			xfree(got);
		}
		layout_free(l);
	}
	for (size_t z = 0; z < SIZES; z++) {
		for (uint32_t step = 0; step < t->step_count; step++)
			xfree(seek[z][step]);
		xfree(seek[z]);
	}
	xfree(by_end);
	canvas_free(c);
	run_free(&r);
	atom_reset();
}

/* ---- every counted reference is visible ---- */

/* At moment `what`: each object's count is the arrows into it plus the
 * references its box lists as not drawn, no two arrows into a box share
 * an arrowhead, and no box is drawn for what only constants hold.  Plain
 * ifs, not ck_assert: Check records every assertion passed with a write,
 * and these run millions of times. */
static void
check_counted(const char *path, uint64_t what, const struct layout *l,
    const struct scene *s)
{
	for (uint32_t i = s->frame_count; i < s->node_count; i++) {
		const struct scene_node	*n = &s->nodes[i];
		uint32_t		 arrows = 0, into = 0;

		/* a box with more than LAYOUT_ARROWS_MOST arrows shares its
		 * last row (layout.c's entry_rows): the others have one each */
		for (uint32_t e = 0; e < l->edge_count; e++)
			into += l->edges[e].to == i;
		for (uint32_t e = 0; e < l->edge_count; e++) {
			const struct layout_edge *a = &l->edges[e];

			if (a->to != i)
				continue;
			/* a weak reference's arrow counts nothing */
			if (s->nodes[a->from].slots[a->slot].kind !=
			    SCENE_SLOT_WEAK)
				arrows++;
			for (uint32_t f = e + 1; f < l->edge_count; f++) {
				const struct layout_edge *b = &l->edges[f];
				const int *pa = &a->points[2 * (a->point_count
				    - 1)];
				const int *pb = &b->points[2 * (b->point_count
				    - 1)];

				if (b->to == i && pa[0] == pb[0] &&
				    pa[1] == pb[1] && (into <= LAYOUT_ARROWS_MOST
				    || pa[1] != l->boxes[i].y + l->boxes[i].h - 2))
					ck_abort_msg("%s, event %llu: two arrows "
					    "into #%u share the arrowhead at "
					    "%d,%d", path, (unsigned long long)
					    what, n->id, pa[0], pa[1]);
			}
		}
		/* what only constants hold is on their strip, not a box */
		if (n->refcount != 0 && !(n->flags & SCENE_FREED) &&
		    (int64_t)arrows + scene_hidden(n) <= n->hidden_const)
			ck_abort_msg("%s, event %llu: #%u has a box, but only "
			    "constants hold it", path, (unsigned long long)what,
			    n->id);
		if ((int64_t)arrows + scene_hidden(n) != n->refcount)
			ck_abort_msg("%s, event %llu: #%u counts %d, shows %u "
			    "arrows + %u + %u + %u + %u not drawn", path,
			    (unsigned long long)what, n->id, (int)n->refcount,
			    arrows, n->hidden, n->hidden_class, n->hidden_own,
			    n->hidden_const);
	}
}

static void
check_every_event(const char *path, const char *yaml)
{
	struct run		 r;
	struct layout		*l = layout_new();
	struct scene_options	 o;

	scene_options_default(&o);
	if (run_load_text(&r, path, yaml, strlen(yaml)) != 0 ||
	    run_execute(&r, true, NULL, NULL, NULL) != 0 ||
	    r.timeline->event_count > 20000)
		goto out;
	layout_plan(l, r.timeline, r.heap, &o);
	for (uint64_t i = 0; i <= r.timeline->event_count; i++) {
		struct scene s;

		timeline_seek(r.timeline, r.heap, i);
		o.micro = false;
		scene_build(&s, r.heap, r.timeline, r.program, &o);
		layout_place(l, &s);
		check_counted(path, i, l, &s);
		scene_free(&s);
		if (i < r.timeline->event_count &&
		    anim_takes_away(&r.timeline->events[i])) {
			scene_build_ahead(&s, r.heap, r.timeline, r.program,
			    &o);
			layout_place(l, &s);
			check_counted(path, i, l, &s);
			scene_free(&s);
		}
	}
out:
	layout_free(l);
	run_free(&r);
	atom_reset();
}

/* ---- what the picture's words say ---- */

/* A class, and a list whose label is at the length limit. */
static const char words_py[] =
    "\"\"\"What the picture says about a class and a long label\"\"\"\n"
    "class Node:\n"
    "    pass\n"
    "n = Node()\n"
    "xs = [[], []]\n"
    "# label: xs \"a label of 20 chars.\"\n"
    "del xs\n";

/* The screen at the moment the heap is at, w x h, as plain text (caller
 * frees). */
static char *
plain_screen(struct run *r, struct layout *l, struct canvas *c, int w,
    int hgt)
{
	struct scene_options	 so;
	struct picture_options	 po = { .show_code = true,
				    .show_hints = true, .speed = "4 events/s" };
	struct strbuf		 sb = STRBUF_INIT;
	char			*text;

	scene_options_default(&so);
	canvas_reset(c, w, hgt);
	anim_draw(c, r->heap, r->timeline, r->program, l, &so, &po,
	    ANIM_SETTLED);
	canvas_to_text(c, false, &sb);
	text = xstrdup(strbuf_str(&sb));
	strbuf_free(&sb);
	return text;
}

/* A class body's lines are shown under their class statement, never as a
 * def; a label at its length limit is whole, in place of the type, and
 * the box's id beside it;
 * at 80 columns the title bar leaves the title more than a few letters. */
START_TEST(test_picture_words)
{
	struct run	 r;
	struct canvas	*c = canvas_new(80, 24, false);
	struct layout	*l = layout_new();
	objid_t		 xs = OBJ_NULL;
	bool		 body = false, labelled = false;

	ck_assert_int_eq(run_load_text(&r, "words.py", words_py,
	    strlen(words_py)), 0);
	ck_assert_int_eq(run_execute(&r, true, NULL, NULL, NULL), 0);
	for (uint32_t k = 0; k < r.timeline->step_count; k++) {
		char	*text, want[64];

		timeline_seek(r.timeline, r.heap,
		    r.timeline->steps[k].end_event);
		for (uint32_t i = 0; i < r.heap->frames[0].name_count; i++)
			if (strcmp(atom_name(r.heap->frames[0].names[i].name),
			    "xs") == 0)
				xs = r.heap->frames[0].names[i].value;
		text = plain_screen(&r, l, c, 80, 24);
		ck_assert_msg(strstr(text, "def Node(") == NULL,
		    "a class body shown as a def:\n%s", text);
		if (strstr(text, "\xe2\x96\xb6 pass") != NULL) {
			body = true;
			ck_assert_msg(strstr(text, "   class Node:\n     "
			    "\xe2\x96\xb6 pass") != NULL, "the class body "
			    "not under its class statement:\n%s", text);
		}
		if (xs != OBJ_NULL && strstr(text, "a label") != NULL) {
			labelled = true;
			snprintf(want, sizeof want, "a label of 20 chars. "
			    "#%u ", (unsigned)xs);
			ck_assert_msg(strstr(text, want) != NULL, "the long "
			    "label is not whole, in place of the type, beside "
			    "\"#%u\":\n%s", (unsigned)xs, text);
		}
		ck_assert_msg(strncmp(text, " What the pict", 14) ==
		    0, "the title cut short at 80 columns:\n%s", text);
		xfree(text);
	}
	ck_assert(body);
	ck_assert(labelled);
	layout_free(l);
	canvas_free(c);
	run_free(&r);
	atom_reset();
}
END_TEST

START_TEST(test_every_reference_shows)
{
	ck_assert_uint_gt(testlib_each_scenario(check_every_event), 100);
}
END_TEST

START_TEST(test_every_route)
{
	ck_assert_uint_gt(testlib_each_scenario(check_routes), 100);
}
END_TEST

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
	tcase_add_test(tc, test_every_route);
	tcase_add_test(tc, test_every_reference_shows);
	suite_add_tcase(s, tc);
	tc = tcase_create("words");
	tcase_add_test(tc, test_picture_words);
	suite_add_tcase(s, tc);
	return testlib_run_suite(s);
}
