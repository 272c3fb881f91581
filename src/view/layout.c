/*
 * layout.c: columns of boxes, gutters of lanes, corridors for long edges.
 *
 * The grid, left to right: column 0 (frames), gutter 0, column 1, gutter 1,
 * ...  A gutter is as wide as the lanes its edges need plus a margin on
 * each side; every edge gets lanes of its own, so two vertical runs never
 * overlap.  Horizontal runs may cross vertical ones (the canvas draws a
 * junction); none crosses a box, because a run that passes a column does so
 * on a corridor: a row where that column has no box, and where no other
 * edge runs along the same cells (two arrows sharing a run would read as
 * one, split at a fork).
 */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "view/layout.h"
#include "view/plan.h"

#define COLUMN_WIDTH_STEP	4	/* column widths go up in steps */
#define BOX_MIN_WIDTH		12
#define BOX_MAX_WIDTH		32
#define NO_COLUMN		UINT32_MAX

struct layout *
layout_new(void)
{
	return xcalloc(1, sizeof(struct layout));
}

static void
free_edges(struct layout *l)
{
	for (uint32_t i = 0; i < l->edge_count; i++)
		xfree(l->edges[i].points);
	xfree(l->edges);
	l->edges = NULL;
	l->edge_count = 0;
}

void
layout_free(struct layout *l)
{
	if (l == NULL)
		return;
	free_edges(l);
	xfree(l->boxes);
	xfree(l->column_x);
	xfree(l->lanes_x);
	plan_free(&l->plan);
	xfree(l);
}

void
layout_forget(struct layout *l)
{
	plan_free(&l->plan);
	l->planned = NULL;
}

void
layout_plan(struct layout *l, const struct timeline *t, struct heap *h,
    const struct scene_options *o)
{
	if (l->planned == t && l->planned_events == t->event_count &&
	    l->planned_slots == o->max_slots &&
	    l->planned_constants == o->show_constants &&
	    l->planned_rows == o->plan_rows)
		return;
	plan_free(&l->plan);
	plan_build(&l->plan, t, h, o);
	l->planned = t;
	l->planned_events = t->event_count;
	l->planned_slots = o->max_slots;
	l->planned_constants = o->show_constants;
	l->planned_rows = o->plan_rows;
}

/* ---- box sizes ---- */

static int
digits(int64_t v)
{
	int n = v < 0 ? 2 : 1;

	for (v = v < 0 ? -v : v; v >= 10; v /= 10)
		n++;
	return n;
}

int
layout_box_width(const struct scene_node *n)
{
	/* "┌ list #12 ─ 2→3 ┐": the title, a dash, the count (room for a
	 * change: "2→3"), the corners */
	int w = canvas_text_width(n->type, strlen(n->type)) + 5;

	if (n->kind == SCENE_OBJECT)
		w += 2 + digits(n->id) + 3 + 2 * digits(n->refcount + 1);
	/* a label costs no more than the type it may stand in for ("node 1
	 * #3", picture.c's title): a teacher's name for a box must not push
	 * the columns right of it off the screen */
	if (n->label != NULL) {
		int label = canvas_text_width(n->label, strlen(n->label));
		int type = canvas_text_width(n->type, strlen(n->type));

		if (label > type)
			w += label - type;
	}

	/* (a box with slots shows them, not its value: a frame object's
	 * "careful, line 72" must not widen it) */
	if (n->value != NULL && n->slot_count == 0) {
		int v = canvas_text_width(n->value, strlen(n->value)) + 4;

		if (v > w)
			w = v;
	}
	/* "│ name ●│"; a frame's strip of constants has no dot */
	for (uint32_t i = 0; i < n->slot_count; i++) {
		int s = canvas_text_width(n->slots[i].label,
		    strlen(n->slots[i].label)) +
		    (n->slots[i].target != OBJ_NULL ? 6 : 4);

		if (s > w)
			w = s;
	}
	if (n->folded > 0 && 16 > w)
		w = 16;			/* "… 296 more" */
	if (scene_hidden(n) > 0) {
		char text[48];

		/* "└ +6 instances ── gen 0 ┘" */
		layout_hidden_text(n, text, sizeof text);
		if ((int)strlen(text) + 11 > w)
			w = (int)strlen(text) + 11;
	}
	if (w < BOX_MIN_WIDTH)
		w = BOX_MIN_WIDTH;
	return w > BOX_MAX_WIDTH ? BOX_MAX_WIDTH : w;
}

void
layout_hidden_text(const struct scene_node *n, char *buf, size_t size)
{
	const struct {
		uint32_t	 count;
		const char	*what;
	} parts[] = {
		{ n->hidden_class, n->hidden_class == 1 ? "instance" :
		    "instances" },
		{ n->hidden_own, "own" },
		{ n->hidden_const, n->hidden_const == 1 ? "const" : "consts" },
		{ n->hidden, "unseen" },
	};
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
		int len;

		if (parts[i].count == 0 || used >= size)
			continue;
		len = snprintf(buf + used, size - used, " +%u %s",
		    parts[i].count, parts[i].what);
		if (len > 0)
			used += (size_t)len;
	}
	if (used > 0 && used + 1 < size) {
		buf[used] = ' ';
		buf[used + 1] = '\0';
	}
}

int
layout_box_height(const struct scene_node *n)
{
	int rows = (int)n->slot_count + (n->folded > 0 ? 1 : 0);

	if (rows == 0)
		rows = 1;		/* the value, or an empty frame */
	return rows + 2;
}

/* The row of slot k inside its box, counting the fold line. */
static int
slot_row(const struct scene_node *n, uint32_t k)
{
	return 1 + (int)k + (n->folded > 0 && k >= n->fold_at ? 1 : 0);
}

/* ---- columns ---- */

static uint32_t
node_index(const struct scene *s, objid_t id)
{
	const struct scene_node *n = scene_find(s, id);

	return n == NULL ? UINT32_MAX : (uint32_t)(n - s->nodes);
}

/* The heap's position at scene s (one ahead of it is still to come). */
static uint64_t
scene_position(const struct scene *s)
{
	return s->ahead && s->event > 0 ? s->event - 1 : s->event;
}

/* The column the plan gives object node n of s now, or NO_COLUMN. */
static uint32_t
planned_column(const struct layout *l, const struct scene *s,
    const struct scene_node *n)
{
	uint32_t column;

	if (n->kind != SCENE_OBJECT)
		return NO_COLUMN;
	column = plan_column(&l->plan, n->id, scene_position(s));
	return column == 0 ? NO_COLUMN : column;
}

static int
compare_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* Numbers the columns in use 0, 1, 2, ... keeping their order: a column
 * the moment leaves empty takes no room. */
static uint32_t
close_up_columns(const struct scene *s, uint32_t *column)
{
	uint32_t	*used = xcalloc(s->node_count + 1, sizeof *used);
	uint32_t	 n = 0, distinct = 0;

	for (uint32_t i = 0; i < s->node_count; i++)
		used[n++] = column[i];
	qsort(used, n, sizeof *used, compare_u32);
	for (uint32_t i = 0; i < n; i++)
		if (distinct == 0 || used[distinct - 1] != used[i])
			used[distinct++] = used[i];
	for (uint32_t i = 0; i < s->node_count; i++) {
		uint32_t *at = bsearch(&column[i], used, distinct,
		    sizeof *used, compare_u32);

		column[i] = (uint32_t)(at - used);
	}
	xfree(used);
	return distinct;
}

/*
 * Breadth first from the frames, then from each node not reached yet
 * (garbage).  A planned object stands in its planned column; another goes
 * one column right of what first refers to it (garbage: column 1).
 * order[] is the discovery order.  Returns the number of columns.
 */
static uint32_t
assign_columns(const struct layout *l, const struct scene *s,
    uint32_t *column, uint32_t *order)
{
	uint32_t *queue = xcalloc(s->node_count + 1, sizeof *queue);
	uint32_t head = 0, tail = 0, seen = 0, next = s->frame_count;

	for (uint32_t i = 0; i < s->node_count; i++)
		column[i] = i < s->frame_count ? 0 : NO_COLUMN;
	for (uint32_t i = 0; i < s->frame_count; i++)
		queue[tail++] = i;
	for (;;) {
		while (head < tail) {
			uint32_t from = queue[head++];
			const struct scene_node *n = &s->nodes[from];

			order[from] = seen++;
			for (uint32_t k = 0; k < n->slot_count; k++) {
				uint32_t to = node_index(s, n->slots[k].target);
				uint32_t planned;

				if (to == UINT32_MAX || column[to] != NO_COLUMN)
					continue;
				planned = planned_column(l, s, &s->nodes[to]);
				column[to] = planned != NO_COLUMN ? planned :
				    column[from] + 1;
				queue[tail++] = to;
			}
		}
		while (next < s->node_count && column[next] != NO_COLUMN)
			next++;
		if (next >= s->node_count)
			break;
		column[next] = planned_column(l, s, &s->nodes[next]);
		if (column[next] == NO_COLUMN)
			column[next] = 1;
		queue[tail++] = next;
	}
	xfree(queue);
	return close_up_columns(s, column);
}

/* A box gets a content row for each arrow entering it (up to
 * LAYOUT_ARROWS_MOST); the plan kept that room, as a count is never below
 * the arrows into the box. */
static void
grow_for_arrows(struct layout *l, const struct scene *s)
{
	uint32_t *left = xcalloc(s->node_count + 1, sizeof *left);

	for (uint32_t i = 0; i < s->node_count; i++)
		for (uint32_t k = 0; k < s->nodes[i].slot_count; k++) {
			uint32_t to = node_index(s, s->nodes[i].slots[k].target);

			if (to != UINT32_MAX)
				left[to]++;
		}
	for (uint32_t i = 0; i < s->node_count; i++) {
		int want = (int)(left[i] < LAYOUT_ARROWS_MOST ? left[i] :
		    LAYOUT_ARROWS_MOST) + 2;

		if (want > l->boxes[i].h)
			l->boxes[i].h = want;
	}
	xfree(left);
}

/* ---- rows ---- */

struct placing {
	const struct layout	*l;
	const struct scene	*s;
	const uint32_t		*order;
};

/* The row the plan gives node n of s, or INT_MAX: below the planned ones. */
static int
planned_row(const struct layout *l, const struct scene *s,
    const struct scene_node *n)
{
	int32_t row;

	if (n->kind != SCENE_OBJECT)
		return INT_MAX;
	row = plan_row(&l->plan, n->id, scene_position(s));
	return row == PLAN_NO_ROW ? INT_MAX : row;
}

static const struct placing *sort_context;

static int
compare_rows(const void *a, const void *b)
{
	const struct placing	*p = sort_context;
	uint32_t		 i = *(const uint32_t *)a, j = *(const uint32_t *)b;
	int			 ri = planned_row(p->l, p->s, &p->s->nodes[i]);
	int			 rj = planned_row(p->l, p->s, &p->s->nodes[j]);

	if (ri != rj)
		return ri < rj ? -1 : 1;
	return p->order[i] < p->order[j] ? -1 : p->order[i] > p->order[j];
}

/* Each column top down: a planned box at its planned row (the plan keeps
 * them apart), the others packed below them in discovery order. */
static void
assign_rows(struct layout *l, const struct scene *s, const uint32_t *order,
    uint32_t columns)
{
	uint32_t	*members = xcalloc(s->node_count + 1, sizeof *members);
	struct placing	 p = { l, s, order };

	for (uint32_t c = 0; c < columns; c++) {
		uint32_t	count = 0;
		int		cursor = 0;

		for (uint32_t i = 0; i < s->node_count; i++)
			if (l->boxes[i].column == c)
				members[count++] = i;
		sort_context = &p;
		qsort(members, count, sizeof *members, compare_rows);
		for (uint32_t k = 0; k < count; k++) {
			struct layout_box *b = &l->boxes[members[k]];
			int want = planned_row(l, s, &s->nodes[members[k]]);

			b->y = want != INT_MAX && want > cursor ? want : cursor;
			cursor = b->y + b->h + 1;
		}
	}
	xfree(members);
}

/* ---- edges ---- */

/* The cells an edge's horizontal run covers on its row: x0 to x1. */
struct run {
	int		 x0, x1;
};

/* The runs noted on one row. */
struct row_runs {
	struct run	*runs;
	uint32_t	 count, cap;
};

/*
 * What routing needs to know, indexed so that looking for a corridor
 * costs what the rows it tries hold, not every box and run of the scene:
 * a scene with hundreds of arrows (a frame's stack in the middle of
 * [0] * 1000) would otherwise take seconds a frame.
 */
struct grid {
	uint32_t	 columns;
	int		*column_x;	/* left edge of each column */
	int		*column_w;
	uint32_t	*lanes;		/* lanes used in each gutter */
	struct row_runs	*rows;		/* the horizontal runs so far, by row */
	int		 row_count;
	uint8_t		*boxed;		/* by column, then row: a box is there */
	int		 boxed_rows;	/* rows in boxed: below, no box */
};

/* Notes which rows of each column a box covers. */
static void
note_boxes(const struct layout *l, struct grid *g)
{
	g->boxed_rows = 0;
	for (uint32_t i = 0; i < l->box_count; i++)
		if (l->boxes[i].y + l->boxes[i].h > g->boxed_rows)
			g->boxed_rows = l->boxes[i].y + l->boxes[i].h;
	g->boxed = xcalloc((size_t)g->columns * (size_t)g->boxed_rows + 1,
	    sizeof *g->boxed);
	for (uint32_t i = 0; i < l->box_count; i++) {
		const struct layout_box	*b = &l->boxes[i];
		uint8_t			*at = g->boxed + (size_t)b->column *
		    (size_t)g->boxed_rows;

		for (int y = b->y < 0 ? 0 : b->y; y < b->y + b->h; y++)
			at[y] = 1;
	}
}

/* Notes a horizontal run from xa to xb (either order) on row y. */
static void
add_run(struct grid *g, int y, int xa, int xb)
{
	struct row_runs *r;

	if (y < 0)
		return;		/* (no corridor is looked for above row 0) */
	if (y >= g->row_count) {
		int n = g->row_count > 0 ? g->row_count : 16;

		while (n <= y)
			n *= 2;
		g->rows = xreallocarray(g->rows, (size_t)n, sizeof *g->rows);
		memset(g->rows + g->row_count, 0, (size_t)(n - g->row_count) *
		    sizeof *g->rows);
		g->row_count = n;
	}
	r = &g->rows[y];
	if (r->count == r->cap) {
		r->cap = r->cap > 0 ? 2 * r->cap : 4;
		r->runs = xreallocarray(r->runs, r->cap, sizeof *r->runs);
	}
	r->runs[r->count++] = (struct run){ xa < xb ? xa : xb,
	    xa < xb ? xb : xa };
}

/* Whether no run noted on row y shares a cell with xa..xb: two runs on
 * one row would read as one line, and neither's way could be told. */
static bool
row_free(const struct grid *g, int y, int xa, int xb)
{
	int lo = xa < xb ? xa : xb, hi = xa < xb ? xb : xa;

	if (y < 0 || y >= g->row_count)
		return true;
	for (uint32_t i = 0; i < g->rows[y].count; i++)
		if (g->rows[y].runs[i].x0 <= hi && lo <= g->rows[y].runs[i].x1)
			return false;
	return true;
}

static void
grid_free(struct grid *g)
{
	for (int y = 0; y < g->row_count; y++)
		xfree(g->rows[y].runs);
	xfree(g->rows);
	xfree(g->boxed);
	xfree(g->column_w);
	xfree(g->lanes);
}

static int
lane_x(const struct grid *g, uint32_t gutter, uint32_t lane)
{
	return g->column_x[gutter] + g->column_w[gutter] + LAYOUT_GAP_MARGIN +
	    (int)lane;
}

/* Whether row y is free of boxes in every column from c0 to c1. */
static bool
corridor_free(const struct grid *g, uint32_t c0, uint32_t c1, int y)
{
	if (y < 0 || y >= g->boxed_rows)
		return y >= 0;
	for (uint32_t c = c0; c <= c1 && c < g->columns; c++)
		if (g->boxed[(size_t)c * (size_t)g->boxed_rows + (size_t)y])
			return false;
	return true;
}

/* The free row nearest to `near` for a run from xa to xb across columns
 * c0..c1: no box of theirs on it, and no other edge's run along it there.
 * The run is noted. */
static int
find_corridor(struct grid *g, uint32_t c0, uint32_t c1, int near, int xa,
    int xb)
{
	for (int d = 0;; d++) {
		int y;

		if (near - d >= 0 && corridor_free(g, c0, c1, near - d) &&
		    row_free(g, near - d, xa, xb))
			y = near - d;
		else if (corridor_free(g, c0, c1, near + d) &&
		    row_free(g, near + d, xa, xb))
			y = near + d;
		else
			continue;
		add_run(g, y, xa, xb);
		return y;
	}
}

static void
add_point(struct layout_edge *e, int x, int y)
{
	/* a point on the line of the last two adds nothing */
	if (e->point_count >= 2) {
		int *p = &e->points[2 * (e->point_count - 2)];

		if ((p[0] == p[2] && p[2] == x) || (p[1] == p[3] && p[3] == y)) {
			p[2] = x;
			p[3] = y;
			return;
		}
	}
	e->points = xreallocarray(e->points, 2 * (e->point_count + 1),
	    sizeof *e->points);
	e->points[2 * e->point_count] = x;
	e->points[2 * e->point_count + 1] = y;
	e->point_count++;
}

/* The edge enters its target at row `entry` (entry_rows), leaving its
 * source's gutter down lane x1 and, past the next column, entering its
 * target's gutter down lane x2. */
static void
route(struct layout *l, struct grid *g, struct layout_edge *e,
    const struct scene *s, int entry, int x1, int x2, bool detour)
{
	const struct layout_box	*from = &l->boxes[e->from];
	const struct layout_box	*to = &l->boxes[e->to];
	uint32_t		 cs = from->column, ct = to->column;
	int			 ys = from->y + slot_row(&s->nodes[e->from], e->slot);
	int			 yt = entry;

	add_point(e, from->x + from->w, ys);
	add_point(e, x1, ys);
	e->arrow = LINE_RIGHT;
	e->lane = x1;
	if (ct == cs + 1 && !detour) {
		/* into the next column: one lane */
		add_point(e, x1, yt);
		add_point(e, to->x - 1, yt);
	} else if (ct > cs) {
		/* further right (or the next column, by a detour): along a
		 * corridor across the columns between (none for a detour) */
		int yc = find_corridor(g, cs + 1, ct - 1, (ys + yt) / 2,
		    x1, x2);

		add_point(e, x1, yc);
		add_point(e, x2, yc);
		add_point(e, x2, yt);
		add_point(e, to->x - 1, yt);
	} else {
		/* the same column or one to the left (a box referring to
		 * itself, a neighbour, a cycle): back along a corridor across
		 * the columns between, into the gutter left of the target,
		 * and in from the left like every other arrow -- each on a
		 * row of its own */
		int yc = find_corridor(g, ct, cs, (ys + yt) / 2, x1, x2);

		add_point(e, x1, yc);
		add_point(e, x2, yc);
		add_point(e, x2, yt);
		add_point(e, to->x - 1, yt);
	}
}

/* Edge e hangs (hang_edges): down the right margin `off` cells right
 * of its box, across on the row over its target, down the left margin
 * and into it. */
static void
route_hung(struct layout *l, struct layout_edge *e, int ys, int yt, int off)
{
	const struct layout_box	*from = &l->boxes[e->from];
	const struct layout_box	*to = &l->boxes[e->to];

	add_point(e, from->x + from->w, ys);
	add_point(e, from->x + off, ys);
	add_point(e, from->x + off, to->y - 1);
	add_point(e, to->x - LAYOUT_GAP_MARGIN, to->y - 1);
	add_point(e, to->x - LAYOUT_GAP_MARGIN, yt);
	add_point(e, to->x - 1, yt);
	e->arrow = LINE_RIGHT;
	e->lane = from->x + off;
}

/* One edge to route, with what orders it among the others. */
struct pending_edge {
	uint32_t	 from, slot, to;
	uint32_t	 column;	/* the source's */
	int		 y_from;	/* the slot's row */
	bool		 down;		/* the target's entry row is lower */
	int		 entry;		/* the row its arrowhead is on */
};

static int
compare_entering(const void *a, const void *b)
{
	const struct pending_edge *p = *(const struct pending_edge *const *)a;
	const struct pending_edge *q = *(const struct pending_edge *const *)b;

	if (p->to != q->to)
		return p->to < q->to ? -1 : 1;
	if (p->y_from != q->y_from)
		return p->y_from < q->y_from ? -1 : 1;
	if (p->column != q->column)
		return p->column < q->column ? -1 : 1;
	return p->slot < q->slot ? -1 : p->slot > q->slot;
}

/*
 * Each reference gets its own arrowhead: every arrow enters its box from
 * the left, on the box's content rows top down in the order of the slots
 * the arrows leave (so they do not cross at the box).  Only a box with
 * more than LAYOUT_ARROWS_MOST arrows shares its last row.
 */
static void
entry_rows(const struct layout *l, struct pending_edge *list, uint32_t n)
{
	struct pending_edge	**by = xcalloc(n + 1, sizeof *by);
	uint32_t		  k = 0;

	for (uint32_t i = 0; i < n; i++)
		by[i] = &list[i];
	qsort(by, n, sizeof *by, compare_entering);
	for (uint32_t i = 0; i < n; i++) {
		const struct layout_box	*t = &l->boxes[by[i]->to];
		uint32_t		 rows = (uint32_t)t->h - 2;

		if (i == 0 || by[i]->to != by[i - 1]->to)
			k = 0;
		by[i]->entry = t->y + 1 + (int)(k < rows ? k : rows - 1);
		k++;
	}
	xfree(by);
}

static int
compare_pending(const void *a, const void *b)
{
	const struct pending_edge *p = a, *q = b;

	if (p->column != q->column)
		return p->column < q->column ? -1 : 1;
	if (p->down != q->down)
		return p->down ? -1 : 1;	/* down first: left lanes */
	if (p->y_from != q->y_from)		/* lanes go left to right */
		return (p->y_from > q->y_from) == p->down ? -1 : 1;
	return p->slot < q->slot ? -1 : p->slot > q->slot;
}

/*
 * The edges in the order their lanes are handed out (left to right in each
 * gutter).  Two edges running down from slots one above the other cross
 * when the upper one's lane is left of the lower one's (the upper edge's
 * end runs right across the lower's lane), and nest when it is right; for
 * edges running up it is the other way round.
 */
static struct pending_edge *
order_edges(const struct layout *l, const struct scene *s, uint32_t *count)
{
	struct pending_edge	*list;
	uint32_t		 n = 0, cap = 0;

	for (uint32_t i = 0; i < s->node_count; i++)
		cap += s->nodes[i].slot_count;
	list = xcalloc(cap + 1, sizeof *list);
	for (uint32_t i = 0; i < s->node_count; i++) {
		const struct scene_node *node = &s->nodes[i];

		for (uint32_t k = 0; k < node->slot_count; k++) {
			uint32_t		 to = node_index(s,
			    node->slots[k].target);
			const struct layout_box	*from = &l->boxes[i];

			if (to == UINT32_MAX)
				continue;
			list[n++] = (struct pending_edge){ .from = i, .slot = k,
			    .to = to, .column = from->column,
			    .y_from = from->y + slot_row(node, k) };
		}
	}
	entry_rows(l, list, n);
	for (uint32_t i = 0; i < n; i++)
		list[i].down = list[i].entry >= list[i].y_from;
	qsort(list, n, sizeof *list, compare_pending);
	*count = n;
	return list;
}

/*
 * An arrow into the next column that enters its box on the row where
 * another arrow leaves a slot of its own column must have its lane right
 * of that one's: the run out of the slot then ends before the run into
 * the box begins.  With its lane left of it, the two would run along the
 * same cells and read as one line forking into the box (and the slot's
 * arrow would seem to point there).  The lanes of each gutter are handed
 * out again, left to right, in the order they were (nesting, not
 * crossing), except that an arrow waits for the one leaving the row it
 * enters on.  Arrows that wait for each other (A enters where B leaves,
 * B where A leaves, or round a longer ring) cannot all be satisfied: the
 * first in order goes, and takes a detour (*detour): from its lane along
 * a corridor to a second lane right of all of these, and from there into
 * its box.  Works on the lanes' ranks in each gutter.
 */
static void
order_lanes(const struct layout *l, const struct pending_edge *p, uint32_t n,
    const int *hung, int *x1, bool *detour)
{
	uint32_t	*group = xcalloc(n + 1, sizeof *group);
	int		*lanes = xcalloc(n + 1, sizeof *lanes);
	bool		*placed = xcalloc(n + 1, sizeof *placed);
	uint32_t	*leaving;
	int		 rows = 1;

	for (uint32_t i = 0; i < n; i++) {
		if (p[i].y_from + 1 > rows)
			rows = p[i].y_from + 1;
		if (p[i].entry + 1 > rows)
			rows = p[i].entry + 1;
	}
	leaving = xcalloc((size_t)rows + 1, sizeof *leaving);
	for (uint32_t i = 0; i < n;) {
		uint32_t c = p[i].column, k = 0;

		/* (p is in lane order, gutter by gutter) */
		while (i < n && p[i].column == c) {
			if (hung[i] == 0) {
				group[k] = i;
				lanes[k++] = x1[i];
			}
			i++;
		}
		for (uint32_t a = 0; a < k; a++)
			leaving[p[group[a]].y_from]++;
		for (uint32_t slot = 0; slot < k; slot++) {
			uint32_t pick = k;

			for (uint32_t a = 0; a < k && pick == k; a++) {
				const struct pending_edge *e = &p[group[a]];

				if (placed[a])
					continue;
				if (l->boxes[e->to].column != c + 1 ||
				    leaving[e->entry] == 0 ||
				    (e->entry == e->y_from &&
				    leaving[e->entry] == 1))
					pick = a;
			}
			if (pick == k) {
				/* they wait for each other: the first goes,
				 * and enters its box from a lane of its own
				 * right of these */
				for (pick = 0; placed[pick]; pick++)
					;
				detour[group[pick]] = true;
			}
			placed[pick] = true;
			leaving[p[group[pick]].y_from]--;
			x1[group[pick]] = lanes[slot];
		}
		memset(placed, 0, (size_t)k * sizeof *placed);
	}
	xfree(group);
	xfree(lanes);
	xfree(placed);
	xfree(leaving);
}

/* Rounds column widths up to a multiple of COLUMN_WIDTH_STEP and lanes
 * to pairs: widths change in steps, not with every cell. */
static void
round_widths(struct grid *g, uint32_t *need)
{
	for (uint32_t c = 0; c < g->columns; c++) {
		g->column_w[c] = (g->column_w[c] + COLUMN_WIDTH_STEP - 1) /
		    COLUMN_WIDTH_STEP * COLUMN_WIDTH_STEP;
		need[c] = (need[c] + 1) / 2 * 2;
	}
}

/* Counts the lanes each gutter needs, so columns can be spaced first
 * (an arrow down the margins needs none). */
static void
count_lanes(const struct layout *l, const struct pending_edge *p, uint32_t n,
    const int *hung, uint32_t *need)
{
	for (uint32_t i = 0; i < n; i++) {
		uint32_t cs = l->boxes[p[i].from].column;
		uint32_t ct = l->boxes[p[i].to].column;

		if (hung[i] != 0)
			continue;
		need[cs]++;
		if (ct > cs + 1 || ct <= cs)
			need[ct - 1]++;
	}
}

/*
 * What a frame object holds hangs under it in its column (plan.h).  An
 * arrow from its slot into such a box takes no lane: out of the slot
 * into the outer cell of the column's right margin (the runs out of the
 * slots below cross it there), down to the blank row over the box, back
 * across the column on that row and into the box through its left
 * margin -- the column needs no room right of it, which a screen has
 * least of where frame objects stand.  One such arrow from a box at most
 * (the margin has room for one run down), the first into its box (none
 * crosses its way down the left margin), with no box as wide beside its
 * way down and the row over its box free; any other goes by the lanes.
 * hung[i] is 0, or one more than how far right of its box's left edge
 * pending edge i runs down.
 */
static void
hang_edges(const struct layout *l, const struct scene *s,
    const struct pending_edge *p, uint32_t n, int *hung)
{
	for (uint32_t i = 0; i < n; i++) {
		const struct layout_box	*f = &l->boxes[p[i].from];
		const struct layout_box	*t = &l->boxes[p[i].to];
		const struct scene_node	*target = &s->nodes[p[i].to];
		bool			 ok;

		hung[i] = 0;
		ok = target->kind == SCENE_OBJECT && l->planned != NULL &&
		    target->id < l->plan.count && l->plan.hangs[target->id] &&
		    t->column == f->column && t->y > f->y + f->h &&
		    p[i].entry == t->y + 1;
		/* one from a box: the margin has room for one run down */
		for (uint32_t j = 0; ok && j < i; j++)
			ok = !(hung[j] != 0 && p[j].from == p[i].from);
		for (uint32_t b = 0; ok && b < l->box_count; b++) {
			const struct layout_box *o = &l->boxes[b];

			if (b == p[i].from || b == p[i].to ||
			    o->column != f->column || o->y > t->y - 1 ||
			    o->y + o->h <= f->y + f->h)
				continue;
			/* beside its way down: narrower, or in the way */
			ok = o->y + o->h <= t->y - 1 && o->w <= f->w;
		}
		if (ok)
			hung[i] = f->w + 2;
	}
}

void
layout_place(struct layout *l, const struct scene *s)
{
	uint32_t	*column = xcalloc(s->node_count + 1, sizeof *column);
	uint32_t	*order = xcalloc(s->node_count + 1, sizeof *order);
	struct grid		 g = { 0 };
	uint32_t		*need;
	uint32_t		 edges = 0;
	struct pending_edge	*pending;
	int			*x1, *x2, *hung;
	bool			*detour;

	free_edges(l);
	l->boxes = xreallocarray(l->boxes, s->node_count + 1, sizeof *l->boxes);
	l->box_count = s->node_count;
	g.columns = assign_columns(l, s, column, order);
	for (uint32_t i = 0; i < s->node_count; i++) {
		l->boxes[i].column = column[i];
		l->boxes[i].w = layout_box_width(&s->nodes[i]);
		l->boxes[i].h = layout_box_height(&s->nodes[i]);
	}
	grow_for_arrows(l, s);
	assign_rows(l, s, order, g.columns);

	/* the edges, in the order their lanes are handed out: in each
	 * gutter the lanes leaving its column first, then those entering
	 * the next from further away (or by a detour), so that an arrow's
	 * run into a box never shares a row's cells with one leaving a slot
	 * on that row */
	g.lanes = xcalloc(g.columns + 1, sizeof *g.lanes);
	pending = order_edges(l, s, &edges);
	x1 = xcalloc(edges + 1, sizeof *x1);
	x2 = xcalloc(edges + 1, sizeof *x2);
	detour = xcalloc(edges + 1, sizeof *detour);
	hung = xcalloc(edges + 1, sizeof *hung);
	hang_edges(l, s, pending, edges, hung);
	for (uint32_t i = 0; i < edges; i++)
		if (hung[i] == 0)
			x1[i] = (int)g.lanes[pending[i].column]++;
	order_lanes(l, pending, edges, hung, x1, detour);

	/* columns left to right, each gutter as wide as its lanes */
	g.column_x = xcalloc(g.columns + 1, sizeof *g.column_x);
	g.column_w = xcalloc(g.columns + 1, sizeof *g.column_w);
	need = xcalloc(g.columns + 1, sizeof *need);
	count_lanes(l, pending, edges, hung, need);
	for (uint32_t i = 0; i < edges; i++)
		need[pending[i].column] += detour[i];
	for (uint32_t i = 0; i < s->node_count; i++)
		if (l->boxes[i].w > g.column_w[l->boxes[i].column])
			g.column_w[l->boxes[i].column] = l->boxes[i].w;
	round_widths(&g, need);
	for (uint32_t c = 1; c < g.columns; c++)
		g.column_x[c] = g.column_x[c - 1] + g.column_w[c - 1] +
		    2 * LAYOUT_GAP_MARGIN + (int)need[c - 1];
	for (uint32_t i = 0; i < s->node_count; i++)
		l->boxes[i].x = g.column_x[l->boxes[i].column];

	l->edges = xcalloc(edges + 1, sizeof *l->edges);
	for (uint32_t i = 0; i < edges; i++)
		x1[i] = hung[i] != 0 ? l->boxes[pending[i].from].x +
		    hung[i] - 1 : lane_x(&g, pending[i].column,
		    (uint32_t)x1[i]);
	for (uint32_t i = 0; i < edges; i++) {
		uint32_t cs = pending[i].column;
		uint32_t ct = l->boxes[pending[i].to].column;

		if (hung[i] != 0)
			x2[i] = l->boxes[pending[i].to].x - LAYOUT_GAP_MARGIN;
		else if (ct != cs + 1 || detour[i])
			x2[i] = lane_x(&g, ct - 1, g.lanes[ct - 1]++);
	}
	/* the boxes and the runs out of slots and into boxes, for the
	 * corridors to keep off */
	note_boxes(l, &g);
	for (uint32_t i = 0; i < edges; i++) {
		const struct layout_box	*from = &l->boxes[pending[i].from];
		const struct layout_box	*to = &l->boxes[pending[i].to];

		add_run(&g, pending[i].y_from, from->x + from->w, x1[i]);
		add_run(&g, pending[i].entry, to->column == from->column + 1 &&
		    !detour[i] ? x1[i] : x2[i], to->x - 1);
		if (hung[i] != 0)	/* its way back over the target */
			add_run(&g, to->y - 1, x1[i], x2[i]);
	}
	for (uint32_t i = 0; i < edges; i++) {
		struct layout_edge *e = &l->edges[l->edge_count++];

		e->from = pending[i].from;
		e->slot = pending[i].slot;
		e->to = pending[i].to;
		if (hung[i] != 0)
			route_hung(l, e, pending[i].y_from, pending[i].entry,
			    hung[i] - 1);
		else
			route(l, &g, e, s, pending[i].entry, x1[i], x2[i],
			    detour[i]);
	}
	xfree(pending);
	xfree(hung);
	xfree(x1);
	xfree(x2);
	xfree(detour);

	/* the extent */
	l->width = l->height = 0;
	for (uint32_t i = 0; i < l->box_count; i++) {
		if (l->boxes[i].x + l->boxes[i].w > l->width)
			l->width = l->boxes[i].x + l->boxes[i].w;
		if (l->boxes[i].y + l->boxes[i].h > l->height)
			l->height = l->boxes[i].y + l->boxes[i].h;
	}
	for (uint32_t i = 0; i < l->edge_count; i++)
		for (uint32_t k = 0; k < l->edges[i].point_count; k++) {
			int x = l->edges[i].points[2 * k];
			int y = l->edges[i].points[2 * k + 1];

			if (x + 1 > l->width)
				l->width = x + 1;
			if (y + 1 > l->height)
				l->height = y + 1;
		}
	xfree(column);
	xfree(order);
	xfree(need);
	xfree(l->column_x);
	l->column_x = g.column_x;	/* the picture spreads the gutters */
	l->column_count = g.columns;
	l->lanes_x = xreallocarray(l->lanes_x, g.columns + 1,
	    sizeof *l->lanes_x);
	for (uint32_t c = 0; c < g.columns; c++)
		l->lanes_x[c] = lane_x(&g, c, 0);
	grid_free(&g);
}
