/*
 * picture.c: the screen, panel by panel, into a canvas.
 */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/xalloc.h"
#include "lang/ast.h"
#include "lang/program.h"
#include "view/picture.h"

#define CODE_ROWS	3	/* the statement before, the current, after */
#define NARRATION_ROWS	3
#define TITLE_MIN_ROOM	24	/* columns the title bar keeps for the title */
#define BANNER_ROWS	2
#define HINTS		"space play  \xe2\x86\x90\xe2\x86\x92 event  " \
			"\xe2\x86\x91\xe2\x86\x93 step  ? help  q quit"

/* ---- the graph ---- */

static int
digits(int64_t v)
{
	int n = v < 0 ? 2 : 1;

	for (v = v < 0 ? -v : v; v >= 10; v /= 10)
		n++;
	return n;
}

/* What the graph is drawn with: the selection, and how far the current
 * event's animation has run (anim.h).  Boxes and edges come to it in the
 * window's cells (struct view). */
struct graph_pen {
	objid_t		 selected;
	bool		 animating;
	int		 progress;	/* 0..999 while animating */
	int		 width, height;	/* of the window onto the graph */
};

/* Whether the animation is still before the given point (in thousandths):
 * a settled picture is past every point. */
static bool
before(const struct graph_pen *pen, int permille)
{
	return pen->animating && pen->progress < permille;
}

static enum canvas_style
box_style(const struct scene_node *n, const struct graph_pen *pen)
{
	if (n->flags & SCENE_DOOMED)
		return STYLE_FREED;
	if (n->kind == SCENE_FRAME)
		return STYLE_FRAME;
	if (n->flags & SCENE_FREED)	/* a flash, then fading */
		return before(pen, 333) ? STYLE_UNREACHABLE : STYLE_FREED;
	if ((n->flags & SCENE_NEW) && before(pen, 500))
		return STYLE_DIM;	/* fading in */
	/* the collector's "you are here": the look of the reference it
	 * follows from there */
	if (n->flags & SCENE_VISITING)
		return STYLE_EDGE_NEW;
	if (n->flags & SCENE_UNREACHABLE)
		return STYLE_UNREACHABLE;
	if (n->flags & SCENE_MARKED)
		return STYLE_MARKED;
	/* (no name reaching an object is no verdict: only the collector's
	 * events give one) */
	if (n->flags & SCENE_CACHED)
		return STYLE_BOX_CACHED;
	return STYLE_BOX;
}

/* A frame being pushed slides in from the left edge; one about to be
 * popped slides out. */
static bool
sliding(const struct scene_node *n, const struct graph_pen *pen)
{
	return n->kind == SCENE_FRAME && pen->animating &&
	    (n->flags & (SCENE_DOOMED | SCENE_NEW)) != 0;
}

/* How far left of its place a sliding frame is drawn. */
static int
slide_offset(const struct scene_node *n, const struct layout_box *b,
    const struct graph_pen *pen)
{
	int travel = b->x + b->w;

	if (!sliding(n, pen))
		return 0;
	if (n->flags & SCENE_DOOMED)
		return travel * pen->progress / 1000;
	return travel * (1000 - pen->progress) / 1000;
}

/*
 * The count in the top right corner: "3"; just after a change "2→3",
 * highlighted, and while that change is animated first "2 +1", the
 * reference that arrives or leaves.
 */
static void
draw_refcount(struct canvas *c, const struct scene_node *n, int x, int y,
    int w, const struct graph_pen *pen)
{
	char			text[48], badge[16];
	enum canvas_style	style = STYLE_REFCOUNT;
	int			len, blen;

	if (n->flags & SCENE_IMMORTAL) {
		/* sys.getrefcount says a fixed huge number, whatever refers
		 * to it: the bottom border says why */
		snprintf(text, sizeof text, c->ascii ? " inf " :
		    " \xe2\x88\x9e ");
		len = canvas_text_width(text, strlen(text));
		canvas_text(c, x + w - 1 - len, y, text, strlen(text), style,
		    len);
		return;
	}
	if (n->delta != 0 && before(pen, 500)) {
		snprintf(text, sizeof text, " %d ", (int)(n->refcount -
		    n->delta));
		snprintf(badge, sizeof badge, n->delta > 0 ? "+%d" :
		    (c->ascii ? "-%d" : "\xe2\x88\x92%d"), abs(n->delta));
		len = canvas_text_width(text, strlen(text));
		blen = canvas_text_width(badge, strlen(badge));
		canvas_text(c, x + w - 1 - len - blen, y, text, strlen(text),
		    STYLE_REFCOUNT, len);
		canvas_text(c, x + w - 1 - blen, y, badge, strlen(badge),
		    n->delta > 0 ? STYLE_REFCOUNT_UP : STYLE_REFCOUNT_DOWN,
		    blen);
		return;
	}
	if (n->delta != 0) {
		snprintf(text, sizeof text, " %d\xe2\x86\x92%d ",
		    (int)(n->refcount - n->delta), (int)n->refcount);
		style = n->delta > 0 ? STYLE_REFCOUNT_UP : STYLE_REFCOUNT_DOWN;
	} else
		snprintf(text, sizeof text, " %d ", (int)n->refcount);
	len = canvas_text_width(text, strlen(text));
	canvas_text(c, x + w - 1 - len, y, text, strlen(text), style, len);
}

/* What a box's bottom border says, by its flags, most telling first: the
 * first rule whose flags are all set (and none of its exceptions) wins. */
static const struct tag_rule {
	uint16_t		 all;
	uint16_t		 none;
	const char		*text;
	enum canvas_style	 style;
} tag_rules[] = {
	{ SCENE_FREED, SCENE_SWEPT, " freed ", STYLE_FREED },
	{ SCENE_SWEPT | SCENE_MARKED, 0, " swept: kept ", STYLE_DIM },
	{ SCENE_SWEPT | SCENE_UNREACHABLE, 0, " swept: garbage ",
	    STYLE_UNREACHABLE },
	{ SCENE_SWEPT | SCENE_FREED, 0, " swept: garbage ", STYLE_UNREACHABLE },
	/* in words too, not only in colour (--mono, a washed-out
	 * projector): reached by the collector's mark */
	{ SCENE_MARKED, SCENE_SWEPT | SCENE_GC_REFS, " marked ", STYLE_MARKED },
	/* PEP 683 (3.12 on): shared, and its count fixed */
	{ SCENE_IMMORTAL, 0, " immortal ", STYLE_BOX_CACHED },
	/* shared by the interpreter (small ints, None...): never freed */
	{ SCENE_CACHED, 0, " cached ", STYLE_BOX_CACHED },
	/* the collector's verdicts, once an event of it has given them
	 * (while it counts, gc_refs says more) */
	{ SCENE_MARKED, SCENE_GC_REFS, " marked ", STYLE_MARKED },
	{ SCENE_UNREACHABLE, SCENE_GC_REFS, " unreachable ",
	    STYLE_UNREACHABLE },
};

/* The bottom border: what becomes of the object (tag_rules), else the
 * collector's view of a tracked one -- gc_refs during a CPython
 * collection's counting phases, or its generation.  Returns the column
 * where the tag begins (x + w - 1, the corner, without one). */
static int
draw_tag(struct canvas *c, const struct scene *s, const struct scene_node *n,
    int x, int y, int w)
{
	char			 number[32];
	const char		*text = NULL;
	enum canvas_style	 style = STYLE_DIM;
	size_t			 len;
	int			 at;

	if (n->kind != SCENE_OBJECT)
		return x + w - 1;
	for (size_t i = 0; i < sizeof tag_rules / sizeof *tag_rules; i++)
		if ((n->flags & tag_rules[i].all) == tag_rules[i].all &&
		    (n->flags & tag_rules[i].none) == 0) {
			text = tag_rules[i].text;
			style = tag_rules[i].style;
			break;
		}
	if (text == NULL && n->tracked && (n->flags & SCENE_GC_REFS)) {
		snprintf(number, sizeof number, " gc_refs %d ",
		    (int)n->gc_refs);
		text = number;
		style = STYLE_GC_REFS;
	} else if (text == NULL && n->tracked &&
	    strcmp(s->gc_model, "textbook") != 0) {
		snprintf(number, sizeof number, " gen %u ", n->gen);
		text = number;
	}
	if (text == NULL)
		return x + w - 1;
	len = strlen(text);
	/* between the corners: in a narrow box without the spaces round it,
	 * cut short at worst -- never over a corner */
	if (canvas_text_width(text, len) > w - 2 && len > 2 &&
	    text[0] == ' ' && text[len - 1] == ' ') {
		text++;
		len -= 2;
	}
	at = x + w - 1 - canvas_text_width(text, len);
	if (at < x + 1)
		at = x + 1;
	canvas_text(c, at, y, text, len, style, w - 2);
	return at;
}

/* The references to n that no arrow draws, at the left of its bottom
 * border up to column end (where the tag begins): "+6 instances" (their
 * holds on their class), "+3 own" (a class's own), "+2 unseen" (a folded
 * slot, a holder not drawn -- by the scene, or `off`: the window's, out
 * of it --, a running frame's hold on its function).  Where a collector's
 * tag leaves too little room, only the total ("+9"): the tag is what the
 * moment is about, and a number is never cut. */
static void
draw_hidden(struct canvas *c, const struct scene_node *n, uint32_t off,
    int x, int y, int end)
{
	struct scene_node	 counts = *n;	/* (for its counts only) */
	char			 text[48];
	int			 room = end - (x + 1) - 1;	/* a dash
								   before the
								   tag */

	counts.hidden += off;
	if (scene_hidden(&counts) == 0)
		return;
	layout_hidden_text(&counts, text, sizeof text);
	if ((int)strlen(text) > room)
		snprintf(text, sizeof text, " +%u ",
		    (unsigned)scene_hidden(&counts));
	if ((int)strlen(text) <= room)
		canvas_text(c, x + 1, y, text, strlen(text), STYLE_DIM, room);
}

static enum canvas_style
slot_style(const struct scene_slot *slot, enum canvas_style normal)
{
	if (slot->doomed)
		return STYLE_FREED;
	return slot->changed ? STYLE_EDGE_NEW : normal;
}

/*
 * A box's title in its top border: the type and id (" Node #3 "), after
 * the scenario's label for it if any (" node 1 · Node #3 ", the label as
 * bright as a name) -- in place of the type when the box is too narrow
 * for both (" node 1 #3 ": layout.c sizes a box for the one or the
 * other) --, after "▶" while the collector visits it.
 */
static void
draw_title_of(struct canvas *c, const struct scene_node *n, int x, int y,
    int w, enum canvas_style style)
{
	char			 title[96], id[96], sep[8];
	enum canvas_style	 type_style = style == STYLE_DIM ||
	    style == STYLE_FREED ? style : STYLE_TYPE;
	int			 room = n->kind == SCENE_OBJECT ? w - 4 - 2 *
	    digits(n->refcount + 1) : w - 2;
	int			 used = 0, label_room;

	if (n->kind != SCENE_OBJECT) {
		snprintf(title, sizeof title, " %s ", n->type);
		canvas_text(c, x + 1, y, title, strlen(title), type_style,
		    room);
		return;
	}
	snprintf(title, sizeof title, " %s", !(n->flags & SCENE_VISITING) ?
	    "" : c->ascii ? "> " : "\xe2\x96\xb6 ");
	used = canvas_text(c, x + 1, y, title, strlen(title), type_style,
	    room);
	snprintf(id, sizeof id, "%s #%u ", n->type, n->id);
	/* ("-" would read as the border in ASCII) */
	snprintf(sep, sizeof sep, "%s ", c->ascii ? ":" : " \xc2\xb7");
	/* a label too long for the box gives way ("node 1…"), never the
	 * id: "list #14" cut to "list #1" would name another object */
	label_room = room - used - canvas_text_width(sep, strlen(sep)) -
	    canvas_text_width(id, strlen(id));
	if (n->label != NULL &&
	    canvas_text_width(n->label, strlen(n->label)) > label_room) {
		snprintf(id, sizeof id, "#%u ", n->id);
		snprintf(sep, sizeof sep, " ");
		label_room = room - used - 1 - canvas_text_width(id,
		    strlen(id));
	}
	if (n->label != NULL && (label_room >= 2 || (label_room == 1 &&
	    canvas_text_width(n->label, strlen(n->label)) == 1))) {
		used += canvas_text(c, x + 1 + used, y, n->label,
		    strlen(n->label), type_style == STYLE_TYPE ? STYLE_NAME :
		    type_style, label_room);
		used += canvas_text(c, x + 1 + used, y, sep, strlen(sep),
		    STYLE_DIM, room - used);
	}
	/* nor is the id cut for a long type name: the type gives way
	 * ("builtin_function_or_me… #4") */
	if (canvas_text_width(id, strlen(id)) > room - used &&
	    n->label == NULL) {
		int idw;

		snprintf(id, sizeof id, " #%u ", n->id);
		idw = canvas_text_width(id, strlen(id));
		if (room - used - idw >= 2)
			used += canvas_text(c, x + 1 + used, y, n->type,
			    strlen(n->type), type_style, room - used - idw);
	}
	canvas_text(c, x + 1 + used, y, id, strlen(id), type_style,
	    room - used);
}

/* Box n at b; off: the references into it from boxes out of view. */
static void
draw_box(struct canvas *c, const struct scene *s, const struct scene_node *n,
    const struct layout_box *b, const struct graph_pen *pen, uint32_t off)
{
	int			x = b->x - slide_offset(n, b, pen);
	int			y = b->y;
	int			row = 1;
	bool			picked = n->kind == SCENE_OBJECT &&
	    n->id == pen->selected;
	enum canvas_style	style = picked ? STYLE_SELECTED :
	    box_style(n, pen);

	canvas_fill(c, x, y, b->w, b->h, STYLE_NORMAL);
	canvas_box(c, x, y, b->w, b->h, style,
	    picked || (n->flags & SCENE_CHANGED) != 0);
	/* the last of a free's fade: an empty outline -- not while it still
	 * holds what it is about to release */
	if ((n->flags & SCENE_FREED) && pen->animating &&
	    pen->progress >= 666 && n->slot_count == 0)
		return;
	draw_title_of(c, n, x, y, b->w, style);
	if (n->kind == SCENE_OBJECT)
		draw_refcount(c, n, x, y, b->w, pen);
	draw_hidden(c, n, off, x, y + b->h - 1,
	    draw_tag(c, s, n, x, y + b->h - 1, b->w));
	if (n->slot_count == 0 && n->value != NULL)
		canvas_text(c, x + 2, y + 1, n->value, strlen(n->value),
		    style == STYLE_DIM ? STYLE_DIM : STYLE_VALUE, b->w - 4);
	for (uint32_t k = 0; k < n->slot_count; k++, row++) {
		const struct scene_slot *slot = &n->slots[k];

		if (n->folded > 0 && k == n->fold_at) {
			char more[40];

			snprintf(more, sizeof more, "\xe2\x80\xa6 %u more",
			    n->folded);
			canvas_text(c, x + 2, y + row, more, strlen(more),
			    STYLE_DIM, b->w - 4);
			row++;
		}
		/* a frame's constants and stack: quieter than its names */
		canvas_text(c, x + 2, y + row, slot->label,
		    strlen(slot->label), slot_style(slot,
		    slot->kind == SCENE_SLOT_REF ? STYLE_NAME : STYLE_DIM),
		    b->w - (slot->target != OBJ_NULL ? 5 : 3));
		/* a weak reference starts hollow: it does not count */
		if (slot->target != OBJ_NULL)	/* (not a strip) */
			canvas_text(c, x + b->w - 2, y + row,
			    slot->kind == SCENE_SLOT_WEAK ? "\xe2\x97\x8b" :
			    "\xe2\x97\x8f", 3, slot_style(slot,
			    slot->kind == SCENE_SLOT_REF ? STYLE_EDGE :
			    STYLE_DIM), 1);
	}
}

/* The number of cells an edge's path covers, corners counted once. */
static int
edge_length(const struct layout_edge *e)
{
	int len = 0;

	for (uint32_t k = 0; k + 1 < e->point_count; k++)
		len += abs(e->points[2 * k + 2] - e->points[2 * k]) +
		    abs(e->points[2 * k + 3] - e->points[2 * k + 1]);
	return len;
}

/* Draws the first `limit` cells of an edge's path from its slot (all of
 * it, and its head, when limit >= its length).  Cut short -- an arrow
 * growing toward its target, or shrinking back into its slot -- it
 * carries its head at the tip, pointing the way it runs there (at a
 * corner, the way it came): a line that ends in nothing would read as a
 * line that just stops, and a head at the target with the line short of
 * it as an arrow that jumps. */
static void
draw_path(struct canvas *c, const struct layout_edge *e, int limit,
    enum canvas_style style, bool dashed)
{
	uint32_t	last = e->point_count - 1;
	int		x0, y0, x1 = 0, y1 = 0;
	uint8_t		way = 0;

	if (limit <= 0)
		return;
	for (uint32_t k = 0; k < last; k++) {
		int len;

		x0 = e->points[2 * k];
		y0 = e->points[2 * k + 1];
		x1 = e->points[2 * k + 2];
		y1 = e->points[2 * k + 3];
		len = abs(x1 - x0) + abs(y1 - y0);
		way = x1 > x0 ? LINE_RIGHT : x1 < x0 ? LINE_LEFT :
		    y1 > y0 ? LINE_DOWN : LINE_UP;
		if (len > limit) {	/* the growing (or shrinking) tip */
			x1 = x0 + (x1 > x0 ? limit : x1 < x0 ? -limit : 0);
			y1 = y0 + (y1 > y0 ? limit : y1 < y0 ? -limit : 0);
		}
		if (y0 == y1)
			(dashed ? canvas_hline_dashed : canvas_hline)(c, x0, x1,
			    y0, style);
		else
			(dashed ? canvas_vline_dashed : canvas_vline)(c, x0, y0,
			    y1, style);
		limit -= len;
		if (limit < 0 || (limit == 0 && k + 1 < last)) {
			canvas_arrow(c, x1, y1, way, style);
			return;
		}
		if (limit == 0)
			break;
	}
	if (e->arrow != 0)
		canvas_arrow(c, e->points[2 * last], e->points[2 * last + 1],
		    e->arrow, style);
}

/* How edge e is drawn: its style, and how many cells of its path (all,
 * edge_length, when settled): a new one grows from its slot to its target
 * while animated, one the next event removes fades and shrinks back into
 * its slot; a sliding frame's come when it has arrived (-1). */
static int
edge_pen(const struct scene *s, const struct layout_edge *e,
    const struct graph_pen *pen, enum canvas_style *style)
{
	const struct scene_node	*from = &s->nodes[e->from];
	const struct scene_slot	*slot = &from->slots[e->slot];
	int			 len = edge_length(e);

	*style = slot_style(slot, STYLE_EDGE);
	if (pen->selected != OBJ_NULL && s->nodes[e->to].kind == SCENE_OBJECT &&
	    s->nodes[e->to].id == pen->selected)
		*style = STYLE_SELECTED;
	if (sliding(from, pen))
		return -1;
	if (pen->animating && slot->doomed)
		return len * (1000 - pen->progress) / 1000;
	if (pen->animating && slot->changed)
		return len * pen->progress / 1000;
	return len;
}

static void
draw_edge(struct canvas *c, const struct scene *s, const struct layout_edge *e,
    const struct graph_pen *pen)
{
	enum canvas_style	style;
	int			limit = edge_pen(s, e, pen, &style);

	if (limit >= 0)
		draw_path(c, e, limit, style, s->nodes[e->from].slots[
		    e->slot].kind == SCENE_SLOT_WEAK);
}

/* Copies src into dst at (dx, dy), a row at a time. */
static void
blit(struct canvas *dst, int dx, int dy, const struct canvas *src)
{
	int col0 = dx < 0 ? -dx : 0;
	int cols = src->width;

	if (dx + cols > dst->width)
		cols = dst->width - dx;
	for (int row = 0; row < src->height && col0 < cols; row++) {
		struct cell *to;

		if (dy + row < 0 || dy + row >= dst->height)
			continue;
		to = &dst->cells[(size_t)(dy + row) * (size_t)dst->width +
		    (size_t)(dx + col0)];
		memcpy(to, &src->cells[(size_t)row * (size_t)src->width +
		    (size_t)col0], (size_t)(cols - col0) * sizeof *to);
		/* half a wide character at the left edge: a space */
		if (col0 == 0 && to->width == 0) {
			to->ch = ' ';
			to->width = 1;
		}
	}
}

/* When the scene could not draw every object, says so in the window's
 * bottom right corner. */
static void
draw_crowded_note(struct canvas *g, const struct scene *s)
{
	char	note[96];
	int	width;

	if (!s->crowded)
		return;
	snprintf(note, sizeof note, " %u more object%s not drawn ",
	    s->undrawn, s->undrawn == 1 ? "" : "s");
	width = canvas_text_width(note, strlen(note));
	canvas_text(g, g->width - width, g->height - 1, note, strlen(note),
	    STYLE_DIM, width);
}

/* ---- the window onto the graph ---- */

#define SPREAD_MOST	8	/* cells a gutter may gain on a wide panel */
#define SPREAD_FROM	100	/* ... from this panel width on, one per */
#define SPREAD_PER	10	/* ... this many columns more */
#define PAN_ROWS	4	/* vertical panning goes by this many rows */

/*
 * Where the layout's cells go in the window: each gutter widened by
 * `spread`, the objects panned by (pan_x, pan_y), the frames (column 0,
 * and the first run of each arrow from a name: its slot and its lane in
 * the frames' gutter) pinned -- at the top too unless frames_y says
 * they pan with the rest.  With pan_x > 0, cells left of pin_x are the
 * frames' alone.  Panned down, the objects start a row lower (`top`):
 * the window's first row is the markers' of the arrows that leave by
 * the top, as its last row is the note's, so that no marker stands on
 * another arrow's line.
 */
struct view {
	const struct layout	*l;
	int			 spread;
	int			 pan_x, pan_y;
	int			 frames_y;
	int			 top;		/* 1: panned down, the first
						   row kept for markers */
	int			 pin_x;
	int			 height;	/* of the window, less its
						   last row */
	int			*room;		/* by box: room_right's, made
						   once (view_setup) */
};

/* How far up the window moves the objects' rows, and the frames'. */
static int
objects_dy(const struct view *v)
{
	return v->pan_y - v->top;
}

static int
frames_dy(const struct view *v)
{
	return v->frames_y > 0 ? v->frames_y - v->top : 0;
}

/* Which column's zone x is in: a gutter belongs to the column on its
 * left, but for its right margin, where arrowheads enter the next. */
static uint32_t
zone_of(const struct layout *l, int x)
{
	uint32_t lo = 0, hi = l->column_count;	/* zone in [lo, hi) */

	while (hi - lo > 1) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (l->column_x[mid] - LAYOUT_GAP_MARGIN <= x)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

static int
spread_x(const struct view *v, int x)
{
	return x + v->spread * (int)zone_of(v->l, x);
}

/* The left edge of column k, spread. */
static int
column_left(const struct view *v, uint32_t k)
{
	return spread_x(v, v->l->column_x[k]);
}

/* The leftmost lane of gutter g that carries an arrow the window draws
 * when it shows column g + 1 first: one from a name to a column further
 * right, or one back from there (INT_MAX: none does). */
static int
gutter_carries(const struct layout *l, uint32_t g)
{
	int lo = l->lanes_x[g], hi = l->column_x[g + 1] - LAYOUT_GAP_MARGIN;
	int first = INT_MAX;

	for (uint32_t i = 0; i < l->edge_count; i++) {
		const struct layout_edge	*e = &l->edges[i];
		uint32_t			 c = l->boxes[e->from].column;

		if (c != 0 && c <= g)
			continue;	/* from a column panned away */
		if (c == 0 && l->boxes[e->to].column == g + 1)
			continue;	/* straight across (reroute) */
		for (uint32_t k = 0; k + 1 < e->point_count; k++) {
			int x = e->points[2 * k];

			if (x == e->points[2 * k + 2] && x >= lo && x < hi &&
			    x < first)
				first = x;
		}
	}
	return first;
}

/*
 * How far the objects pan to show column k first, next to the frames:
 * column k where column 1 stands -- or, when the gutter on its left
 * carries arrows the window draws, the first of their lanes one cell
 * right of the frames' own: under the frames' strip they would be hidden
 * (an arrow would come out of it from nowhere) or run beside the frames'
 * lanes as one tangle.
 */
static int
pan_for(const struct view *v, uint32_t k)
{
	int px = column_left(v, k) - column_left(v, 1), lane, lanes;

	if (k < 2 || (lane = gutter_carries(v->l, k - 1)) == INT_MAX)
		return px;
	lanes = spread_x(v, lane) - (v->pin_x + 1);
	return lanes < px ? lanes : px;
}

/* How much the moment is about box n: the object the collector visits
 * most, then one the moment made or freed, then one counted or whose
 * slot is set; 0: not at all. */
static int
weight(const struct scene_node *n)
{
	if (n->kind != SCENE_OBJECT)
		return 0;
	if (n->flags & SCENE_VISITING)
		return 4;
	if (!(n->flags & SCENE_CHANGED) && n->delta == 0)
		return 0;	/* (a ghost still releasing is not news) */
	return n->flags & (SCENE_NEW | SCENE_FREED) ? 2 : 1;
}

/* The most boxes the panning weighs (the first, by id): a cascade of a
 * thousand is panned to as well by its first few. */
#define PAN_WEIGHED	24
/* ... and the most of what they refer to, each of which weighs less than
 * the least of them all together (PAN_TOUCHED times less). */
#define PAN_REFERRED	48
#define PAN_TOUCHED	(PAN_REFERRED + 1)

/* The columns box i needs right of it in the window: one where arrows
 * leave its slots (a box at the window's very edge would have them
 * leave over its border); two for an arrow back to its own column or
 * one left of it, which turns down a lane right of it (reroute: the
 * window's last column at the least). */
static int
room_needed(const struct view *v, const struct scene *s, uint32_t i)
{
	const struct scene_node	*n = &s->nodes[i];
	int			 room = 0;

	for (uint32_t k = 0; k < n->slot_count && room < 2; k++) {
		const struct scene_node *to;

		if (n->slots[k].target == OBJ_NULL)
			continue;
		room = 1;
		to = scene_find(s, n->slots[k].target);
		if (to != NULL && v->l->boxes[to - s->nodes].column <=
		    v->l->boxes[i].column)
			room = 2;
	}
	return room;
}

static int
room_right(const struct view *v, uint32_t i)
{
	return v->room[i];
}

/* What the window shows of the boxes in `at` (their weights in w) when
 * panned by (px, py): the weight of those it shows whole -- a box that
 * one of them refers to (by[k] says which) only with that one. */
static int
pan_score(const struct view *v, const uint32_t *at,
    const int *w, const uint32_t *by, uint32_t n, int px, int py, int width,
    int height)
{
	bool	shows[PAN_WEIGHED + PAN_REFERRED];
	int	score = 0;

	for (uint32_t k = 0; k < n; k++) {
		const struct layout_box	*b = &v->l->boxes[at[k]];
		int			 x = spread_x(v, b->x) - px;

		/* (panned down, the first row is the markers') */
		shows[k] = x >= (px > 0 ? v->pin_x : 0) && x + b->w +
		    room_right(v, at[k]) <= width && b->y - py >= 0 &&
		    b->y + b->h - py <= height - (py > 0 ? 1 : 0) &&
		    (by[k] == UINT32_MAX || shows[by[k]]);
		if (shows[k])
			score += w[k];
	}
	return score;
}

/*
 * Pans so that what the moment touches is in the w x h window: by whole
 * columns (the first one shown next to the frames) and by PAN_ROWS rows,
 * to where the window shows the most of it whole (weight()), then the
 * most of what it refers to beside it (a list just built with its
 * items, an exception caught with its args and traceback), the least
 * panned of those.  A function of the moment only: never of the panning
 * before.
 */
static void
pan_to_action(struct view *v, const struct scene *s, int w, int h)
{
	const struct layout	*l = v->l;
	uint32_t		 at[PAN_WEIGHED + PAN_REFERRED], n = 0, all;
	uint32_t		 by[PAN_WEIGHED + PAN_REFERRED];
	int			 wt[PAN_WEIGHED + PAN_REFERRED], best = 0;

	v->pan_x = v->pan_y = 0;
	if (l->column_count < 2)
		return;
	for (uint32_t i = s->frame_count; i < l->box_count &&
	    n < PAN_WEIGHED; i++)
		if ((wt[n] = weight(&s->nodes[i]) * PAN_TOUCHED) > 0) {
			by[n] = UINT32_MAX;
			at[n++] = i;
		}
	if (n == 0)
		return;
	/* what they refer to, each with the one that refers to it */
	all = n;
	for (uint32_t i = 0; i < l->edge_count && all < n + PAN_REFERRED;
	    i++) {
		uint32_t k = 0;

		while (k < n && at[k] != l->edges[i].from)
			k++;
		if (k < n && l->edges[i].to >= s->frame_count) {
			wt[all] = 1;
			by[all] = k;
			at[all++] = l->edges[i].to;
		}
	}
	best = pan_score(v, at, wt, by, all, 0, 0, w, h);
	for (uint32_t k = 1; k < l->column_count; k++) {
		int px = pan_for(v, k);

		/* rows: unpanned, or a weighed box's bottom at the bottom
		 * (the least panning that shows it), or its top at the top
		 * -- a box referred to too: the one that refers to it may
		 * show above it */
		for (uint32_t r = 0; r <= 2 * all; r++) {
			const struct layout_box *b = &l->boxes[at[r / 2 %
			    all]];
			int py = r == 2 * all ? 0 : r % 2 == 0 ? b->y /
			    PAN_ROWS * PAN_ROWS : (b->y + b->h - h +
			    PAN_ROWS - 1) / PAN_ROWS * PAN_ROWS;
			int score;

			if (py < 0)
				py = 0;
			score = pan_score(v, at, wt, by, all, px, py, w,
			    h);

			if (score > best || (score == best && (py < v->pan_y ||
			    (py == v->pan_y && px < v->pan_x)))) {
				best = score;
				v->pan_x = px;
				v->pan_y = py;
			}
		}
	}
}

/* The view of l in a w x h window, for o (NULL: panned by itself). */
static void
view_setup(struct view *v, const struct scene *s, const struct layout *l,
    int w, int h, const struct picture_options *o)
{
	int base = (w - SPREAD_FROM) / SPREAD_PER, frames = 0;

	memset(v, 0, sizeof *v);
	v->l = l;
	v->height = h;
	if (l->column_count > 1) {
		int fit = (w - l->width) / (int)(l->column_count - 1);

		v->spread = base < fit ? base : fit;
		if (v->spread > SPREAD_MOST)
			v->spread = SPREAD_MOST;
		if (v->spread < 0)
			v->spread = 0;
		v->pin_x = l->column_x[1] - LAYOUT_GAP_MARGIN;
	} else
		v->pin_x = w;
	v->room = xcalloc(l->box_count + 1, sizeof *v->room);
	for (uint32_t i = s->frame_count; i < l->box_count; i++)
		v->room[i] = room_needed(v, s, i);
	if (o != NULL && o->manual_pan) {
		v->pan_x = o->scroll_x > 0 ? o->scroll_x : 0;
		v->pan_y = o->scroll_y > 0 ? o->scroll_y : 0;
	} else
		pan_to_action(v, s, w, h);
	for (uint32_t i = 0; i < s->frame_count && i < l->box_count; i++)
		if (l->boxes[i].y + l->boxes[i].h > frames)
			frames = l->boxes[i].y + l->boxes[i].h;
	/* frames taller than the window pan with the rest */
	v->frames_y = frames > h ? v->pan_y : 0;
	v->top = v->pan_y > 0 ? 1 : 0;
}

/* Box i of l as the window shows it. */
static struct layout_box
view_box(const struct view *v, const struct scene *s, uint32_t i)
{
	struct layout_box b = v->l->boxes[i];

	if (i < s->frame_count)
		b.y -= frames_dy(v);
	else {
		b.x = spread_x(v, b.x) - v->pan_x;
		b.y -= objects_dy(v);
	}
	return b;
}

static void
view_point(struct layout_edge *out, int x, int y)
{
	int *last = &out->points[2 * (out->point_count - 1)];

	if (out->point_count > 0 && last[0] == x && last[1] == y)
		return;
	/* a run from a pinned frame to a panned box: down its lane first */
	if (out->point_count > 0 && last[0] != x && last[1] != y) {
		out->points[2 * out->point_count] = last[0];
		out->points[2 * out->point_count + 1] = y;
		out->point_count++;
	}
	out->points[2 * out->point_count] = x;
	out->points[2 * out->point_count + 1] = y;
	out->point_count++;
}

/* The first column the window shows next to the frames. */
static uint32_t
first_column(const struct view *v)
{
	for (uint32_t k = 1; k < v->l->column_count; k++)
		if (column_left(v, k) - v->pan_x >= v->pin_x)
			return k;
	return v->l->column_count;
}

/* Drops each corner of path e that lies on the line of its neighbours:
 * where the window maps a pinned lane and a panned corridor onto one
 * column, the path would run up it and back down over itself, and end
 * in a stub. */
static void
drop_jogs(struct layout_edge *e)
{
	int		*p = e->points;
	uint32_t	 k = 1;

	while (k + 1 < e->point_count) {
		int *a = &p[2 * k - 2], *b = &p[2 * k], *c = &p[2 * k + 2];

		if ((a[0] == b[0] && b[0] == c[0]) ||
		    (a[1] == b[1] && b[1] == c[1])) {
			memmove(b, c, (e->point_count - k - 1) * 2 *
			    sizeof *p);
			e->point_count--;
			if (k > 1)
				k--;
		} else
			k++;
	}
}

/*
 * Edge e as the window shows it, the whole of its path (its points are
 * the caller's to free).  An arrow from a name starts with the pinned
 * frames, runs to its lane in their gutter and down (or up) it to where
 * the panned objects are.
 */
static struct layout_edge
view_edge(const struct view *v, const struct scene *s,
    const struct layout_edge *e)
{
	struct layout_edge	 out = *e;

	out.points = xcalloc(4 * (size_t)e->point_count + 8,
	    sizeof *out.points);
	out.point_count = 0;
	if (e->from >= s->frame_count) {
		for (uint32_t k = 0; k < e->point_count; k++)
			view_point(&out, spread_x(v, e->points[2 * k]) -
			    v->pan_x, e->points[2 * k + 1] - objects_dy(v));
		drop_jogs(&out);
		return out;
	}
	view_point(&out, e->points[0], e->points[1] - frames_dy(v));
	view_point(&out, e->lane, e->points[1] - frames_dy(v));
	/* (the layout's point at the lane is the pinned one just put: panned
	 * it would be a jog up or down the lane and back) */
	for (uint32_t k = e->point_count > 2 && e->points[2] == e->lane ? 2 :
	    1; k < e->point_count; k++) {
		int x = e->points[2 * k], y = e->points[2 * k + 1];

		view_point(&out, k + 1 < e->point_count && zone_of(v->l, x) ==
		    0 ? x : spread_x(v, x) - v->pan_x, y - objects_dy(v));
	}
	drop_jogs(&out);
	return out;
}

/* The direction from (x0, y0) to (x1, y1), on a row or a column. */
static uint8_t
heading(int x0, int y0, int x1, int y1)
{
	if (x1 != x0)
		return x1 > x0 ? LINE_RIGHT : LINE_LEFT;
	return y1 > y0 ? LINE_DOWN : LINE_UP;
}

/*
 * Edge e (view_edge) to a box out of the window, on its `side` of it
 * (beyond()): an arrow never just stops.  It runs to the window's edge on
 * that side and ends there in a marker pointing on (*marker, the glyph
 * of the "N more" note that counts the box): cut where its path first
 * leaves the cells [x0, x1] x [y0, y1] (one going down runs on into the
 * note's row below, settle_markers; one going up into the markers' row
 * above, struct view's `top`; one turning in column x1 is cut there), or,
 * where the path stays in them (the box is partly in the window), its
 * last run carried on to the edge.
 * An arrow from a name is a stub pointing the way its box lies
 * ("●┃─◂", "●┃─▾"): the names stay pinned while the objects pan, so
 * a lane from a name runs across the other names' arrows.
 */
static void
to_the_edge(struct layout_edge *e, bool named, uint8_t side, int x0, int x1,
    int y0, int y1, uint8_t *marker)
{
	int		*p = e->points;
	uint32_t	 last;

	*marker = side;
	e->arrow = 0;
	if (named) {
		/* a short stub, left of every lane of the frames' gutter: a
		 * lane run to the window's edge would cross the other names'
		 * arrows, and join them where it ends */
		p[2] = p[0] + 1;
		p[3] = p[1];
		e->point_count = 2;
		return;
	}
	for (uint32_t k = 0; k + 1 < e->point_count; k++) {
		int	*q = &p[2 * k + 2];
		uint8_t	 way = heading(p[2 * k], p[2 * k + 1], q[0], q[1]);

		/* (a corner in the last column turns out of sight: the
		 * marker goes there, not a lane down the window's edge) */
		if (q[0] >= x0 && q[0] < x1 && q[1] >= y0 && q[1] <= y1)
			continue;
		if (way == LINE_RIGHT)
			q[0] = x1;
		else if (way == LINE_LEFT)
			q[0] = x0;
		else if (way == LINE_DOWN)
			q[1] = y1 + 1;	/* into the note's row */
		else
			q[1] = y0 > 0 ? y0 - 1 : 0;	/* the markers' row */
		e->point_count = k + 2;
		*marker = way;
		return;
	}
	last = e->point_count - 1;
	if (side == LINE_RIGHT) {
		p[2 * last] = x1;
		return;
	}
	/* above or below: on along its last lane, if it has one */
	for (uint32_t k = last; k > 0; k--)
		if (p[2 * k] == p[2 * k - 2] && (side == LINE_UP ||
		    side == LINE_DOWN)) {
			p[2 * k + 1] = side == LINE_DOWN ? y1 + 1 : y0 > 0 ?
			    y0 - 1 : 0;
			e->point_count = k + 1;
			return;
		}
}

/* Whether box b (as the window shows it) of node n shows whole: a box is
 * drawn whole or not at all, never cut through its count; with the
 * objects panned sideways, the frames' strip is theirs; the arrows out
 * of its slots need a column right of it. */
static bool
whole(const struct view *v, const struct graph_pen *pen, uint32_t i,
    const struct layout_box *b)
{
	return b->x >= (v->pan_x > 0 ? v->pin_x : 0) &&
	    b->x + b->w + room_right(v, i) <= pen->width &&
	    b->y >= v->top && b->y + b->h <= pen->height;
}

/* The side of the window that box b (as the window shows it, not whole)
 * lies beyond: the right, the left (panned away behind the frames: no
 * panning up or down would show it), below or above, first of those
 * that hold. */
static uint8_t
beyond(const struct view *v, const struct graph_pen *pen, uint32_t i,
    const struct layout_box *b)
{
	if (b->x + b->w + room_right(v, i) > pen->width)
		return LINE_RIGHT;
	if (b->x < v->pin_x)
		return LINE_LEFT;
	if (b->y + b->h > pen->height)
		return LINE_DOWN;
	return LINE_UP;
}

/*
 * How much of a frame the window shows.  A frame taller than the window
 * (the names column pans with the rest then) is drawn as a closed box
 * over the rows the window has of it, never cut through an entry: where
 * names are out of view above or below, its first or last row says how
 * many ("\xe2\x96\xb4 3 more", "\xe2\x96\xbe 2 more"), and their arrows are not drawn (the
 * boxes they go into count them as unseen).  Too few rows for that: the
 * frame is not drawn, and the window's last row counts it.
 */
struct frame_clip {
	bool		 drawn;
	int		 top, bottom;		/* the rows of its borders */
	int		 first, last;		/* the rows of the slots shown */
	uint32_t	 above, below;		/* slots out of view */
};

static void
frame_clips(const struct view *v, const struct scene *s,
    const struct graph_pen *pen, struct frame_clip *clip)
{
	for (uint32_t i = 0; i < s->frame_count && i < v->l->box_count; i++) {
		struct layout_box	 b = view_box(v, s, i);
		struct frame_clip	*f = &clip[i];
		const struct scene_node	*n = &s->nodes[i];
		int			 ftop = v->frames_y > 0 ? v->top :
		    0;
		bool			 cut_above = b.y < ftop;
		bool			 cut_below = b.y + b.h > pen->height;

		memset(f, 0, sizeof *f);
		f->top = cut_above ? ftop : b.y;
		f->bottom = cut_below ? pen->height - 1 : b.y + b.h - 1;
		f->first = f->top + 1 + (cut_above ? 1 : 0);
		f->last = f->bottom - 1 - (cut_below ? 1 : 0);
		if ((cut_above || cut_below) && (n->slot_count == 0 ||
		    f->last < f->first - 1 || f->bottom - f->top < 2))
			continue;	/* no room for what it would say */
		f->drawn = true;
		for (uint32_t k = 0; k < n->slot_count; k++) {
			int row = b.y + 1 + (int)k;

			if (row < f->first)
				f->above++;
			else if (row > f->last)
				f->below++;
		}
	}
}

/* Whether the window shows slot row y of frame clip f. */
static bool
frame_row_shown(const struct frame_clip *f, int y)
{
	return f->drawn && y >= f->first && y <= f->last;
}

/* Frame n (box b as the window has it, clip f): whole, or over the rows
 * the window has of it, with what it leaves out said in its first and
 * last rows. */
static void
draw_frame(struct canvas *c, const struct scene *s, const struct scene_node *n,
    const struct layout_box *b, const struct frame_clip *f,
    const struct graph_pen *pen)
{
	struct scene_node	 part = *n;
	struct layout_box	 pb = *b;
	struct scene_slot	*slots;
	char			 above[32], below[32];
	uint32_t		 j = 0;

	if (!f->drawn)
		return;
	if (f->above == 0 && f->below == 0 && f->top == b->y &&
	    f->bottom == b->y + b->h - 1) {
		draw_box(c, s, n, b, pen, 0);
		return;
	}
	slots = xcalloc(n->slot_count + 2, sizeof *slots);
	snprintf(above, sizeof above, "%s %u more", c->ascii ? "^" :
	    "\xe2\x96\xb4", f->above);
	snprintf(below, sizeof below, "%s %u more", c->ascii ? "v" :
	    "\xe2\x96\xbe", f->below);
	if (f->first > f->top + 1)
		slots[j++] = (struct scene_slot){ .label = above,
		    .target = OBJ_NULL, .kind = SCENE_SLOT_CONST };
	for (uint32_t k = 0; k < n->slot_count; k++)
		if (frame_row_shown(f, b->y + 1 + (int)k))
			slots[j++] = n->slots[k];
	if (f->last < f->bottom - 1)
		slots[j++] = (struct scene_slot){ .label = below,
		    .target = OBJ_NULL, .kind = SCENE_SLOT_CONST };
	part.slots = slots;
	part.slot_count = j;
	part.folded = 0;
	pb.y = f->top;
	pb.h = f->bottom - f->top + 1;
	draw_box(c, s, &part, &pb, pen, 0);
	xfree(slots);
}

/* Where the window's last row says what lies beyond: cells [0, left)
 * and [right, width) hold its words. */
struct note_span {
	int		 left, right;
};

/*
 * What lies beyond the window, said on its last row (kept free of boxes
 * and, when it says something, of edges): at its left end the boxes
 * panned past on the left, above and below ("◂ 1 more  ▴ 3 more  ▾ 2
 * more"), at its right end those to the right ("4 more ▸") -- each by
 * the edge it is about.  A frame too far out of view to be drawn is
 * counted too.  Returns where the words are; with `draw` false, only
 * that.
 */
static struct note_span
draw_overflow(struct canvas *c, const struct view *v, const struct scene *s,
    const struct graph_pen *pen, const struct frame_clip *clip, bool draw)
{
	uint32_t		right = 0, below = 0, left = 0, above = 0;
	struct strbuf		sb = STRBUF_INIT;
	bool			a = c->ascii;
	struct note_span	span = { 0, c->width };

	for (uint32_t i = 0; i < s->frame_count && i < v->l->box_count; i++)
		if (!clip[i].drawn) {
			struct layout_box b = view_box(v, s, i);

			if (b.y < (v->frames_y > 0 ? v->top : 0))
				above++;
			else
				below++;
		}
	for (uint32_t i = s->frame_count; i < v->l->box_count; i++) {
		struct layout_box b = view_box(v, s, i);

		if (whole(v, pen, i, &b))
			continue;
		switch (beyond(v, pen, i, &b)) {
		case LINE_RIGHT:
			right++;
			break;
		case LINE_DOWN:
			below++;
			break;
		case LINE_LEFT:
			left++;
			break;
		default:
			above++;
			break;
		}
	}
	if (left + above + below + right == 0)
		return span;
	/* the row is the marks' alone: bits of the edges that run beyond it
	 * would read as marks or as arrows into them */
	if (draw)
		canvas_fill(c, 0, c->height - 1, c->width, 1, STYLE_NORMAL);
	if (left > 0)
		strbuf_printf(&sb, "%s %u more  ", a ? "<" : "\xe2\x97\x82",
		    left);
	if (above > 0)
		strbuf_printf(&sb, "%s %u more  ", a ? "^" : "\xe2\x96\xb4",
		    above);
	if (below > 0)
		strbuf_printf(&sb, "%s %u more  ", a ? "v" : "\xe2\x96\xbe",
		    below);
	if (sb.len > 0) {
		strbuf_truncate(&sb, sb.len - 2);
		span.left = canvas_text_width(strbuf_str(&sb), sb.len);
		if (span.left > c->width)
			span.left = c->width;
		if (draw)
			canvas_text(c, 0, c->height - 1, strbuf_str(&sb),
			    sb.len, STYLE_HINT, c->width);
	}
	if (right > 0) {
		int w;

		strbuf_truncate(&sb, 0);
		strbuf_printf(&sb, "%u more %s", right, a ? ">" :
		    "\xe2\x96\xb8");
		w = canvas_text_width(strbuf_str(&sb), sb.len);
		span.right = c->width - w;
		if (span.right < span.left + 2)
			span.right = span.left + 2;
		if (draw)
			canvas_text(c, span.right, c->height - 1,
			    strbuf_str(&sb), sb.len, STYLE_HINT,
			    c->width - span.right);
	}
	strbuf_free(&sb);
	return span;
}

/* The edges as the window shows them, by edge: each one's path (no
 * points: not drawn) and the marker it ends in (0: an arrowhead). */
struct edges_shown {
	struct layout_edge	*paths;
	uint8_t			*marker;
	bool			*crowded;	/* into a box with more than
						   LAYOUT_ARROWS_MOST arrows
						   (they share its last row) */
	uint32_t		 count;
};

/* Whether no path of es but path `self` has a cell of row y from xa to
 * xb: a run along it would read as part of another arrow -- but for the
 * arrows into a crowded box, which share its last row. */
static bool
row_clear(const struct edges_shown *es, const struct layout *l, uint32_t self,
    int y, int xa, int xb)
{
	int lo = xa < xb ? xa : xb, hi = xa < xb ? xb : xa;

	for (uint32_t i = 0; i < es->count; i++) {
		const int	*p = es->paths[i].points;
		bool		 sharing = es->crowded[self] &&
		    l->edges[i].to == l->edges[self].to;

		for (uint32_t k = 0; i != self && !sharing &&
		    k + 1 < es->paths[i].point_count; k++) {
			int a = p[2 * k], b = p[2 * k + 2];

			if (p[2 * k + 1] == y && p[2 * k + 3] == y &&
			    (a < b ? a : b) <= hi && lo <= (a > b ? a : b))
				return false;
		}
	}
	return true;
}

/* Whether no path of es but path `self` has a cell of column x from row
 * ya to yb (in the window's last column: another arrow's marker). */
static bool
column_clear(const struct edges_shown *es, uint32_t self, int x, int ya,
    int yb)
{
	int lo = ya < yb ? ya : yb, hi = ya < yb ? yb : ya;

	for (uint32_t i = 0; i < es->count; i++) {
		const int *p = es->paths[i].points;

		for (uint32_t k = 0; i != self &&
		    k + 1 < es->paths[i].point_count; k++) {
			int xa = p[2 * k], xb = p[2 * k + 2];
			int ya0 = p[2 * k + 1], yb0 = p[2 * k + 3];

			if ((xa < xb ? xa : xb) <= x &&
			    x <= (xa > xb ? xa : xb) &&
			    (ya0 < yb0 ? ya0 : yb0) <= hi &&
			    lo <= (ya0 > yb0 ? ya0 : yb0))
				return false;
		}
	}
	return true;
}

/* Whether a box the window shows (not a frame) has a cell of row y from
 * xa to xb. */
static bool
box_across(const struct view *v, const struct scene *s, const bool *shown,
    int y, int xa, int xb)
{
	int lo = xa < xb ? xa : xb, hi = xa < xb ? xb : xa;

	for (uint32_t i = s->frame_count; i < v->l->box_count; i++) {
		struct layout_box b;

		if (!shown[i])
			continue;
		b = view_box(v, s, i);
		if (y >= b.y && y < b.y + b.h && b.x <= hi &&
		    lo <= b.x + b.w - 1)
			return true;
	}
	return false;
}

/* Whether path e has a point outside the cells [x0, x1] x [y0, y1]. */
static bool
leaves(const struct layout_edge *e, int x0, int x1, int y0, int y1)
{
	for (uint32_t k = 0; k < e->point_count; k++) {
		int x = e->points[2 * k], y = e->points[2 * k + 1];

		if (x < x0 || x > x1 || y < y0 || y > y1)
			return true;
	}
	return false;
}

/*
 * A new corridor for path i between two boxes the window shows, whose
 * layout's corridor is no good in the window: it runs out of the window
 * and back (a line off the edge to nothing, and one from nowhere), kept
 * clear of boxes the window does not show; or it is an arrow from a name
 * into the first column shown, past columns panned away behind the
 * frames (straight across on its arrowhead's row, where that row is
 * free).  The nearest row in the window free of boxes shown and of the
 * other paths' runs; none: the path stays as it was.  An arrow back from
 * a box at the window's right edge, whose lane lies past it, turns in
 * the last column (xmax) instead, where that column is free.
 */
static void
reroute(const struct view *v, const struct scene *s, const bool *shown,
    struct edges_shown *es, uint32_t i, bool straight, int xmin, int xmax)
{
	struct layout_edge	*e = &es->paths[i];
	int			*p = e->points;
	int			 x1, x2, xt, ys, yt, near;

	if (e->point_count < 5)
		return;		/* no corridor */
	/* out of the slot to lane x1, ..., down lane x2 and across to xt */
	x1 = p[2];
	ys = p[3];
	x2 = p[2 * e->point_count - 4];
	xt = p[2 * e->point_count - 2];
	yt = p[2 * e->point_count - 1];
	near = straight ? yt : (ys + yt) / 2;
	if (x1 > xmax && p[0] < xmax)
		x1 = xmax;
	if (x1 < xmin || x2 < xmin)
		straight = false;
	for (int d = 0; d <= 2 * v->height; d++) {
		for (int sign = -1; sign <= 1; sign += 2) {
			int	y = near + sign * d;
			bool	across = straight && y == yt;

			if ((d == 0 && sign > 0) || y < v->top ||
			    y >= v->height ||
			    (!across && (x1 < xmin || x2 < xmin)))
				continue;
			if (!row_clear(es, v->l, i, y, x1, across ? xt : x2) ||
			    box_across(v, s, shown, y, x1, across ? xt : x2) ||
			    (x1 == xmax && !column_clear(es, i, x1, ys, y)))
				continue;
			e->point_count = 2;
			p[2] = x1;	/* (turning in the last column) */
			view_point(e, x1, y);
			if (!across) {
				view_point(e, x2, y);
				view_point(e, x2, yt);
			}
			view_point(e, xt, yt);
			/* a corridor on the slot's own row, to a lane left
			 * of the first: straight there, not out and back */
			drop_jogs(e);
			return;
		}
	}
}

/* ---- every arrow followable on its own ---- */

/* One cell of a path, with the ways its line leaves it. */
struct path_cell {
	int		 x, y;
	uint8_t		 lines;
};

/* The cells path e covers, as the canvas draws it: each end of a run
 * gets only the way inwards, a corner both of its runs'.  Returns their
 * number; *cells is the caller's to free. */
static uint32_t
path_cells(const struct layout_edge *e, struct path_cell **cells)
{
	uint32_t	 n = 0, cap = 1;
	struct path_cell *out;

	for (uint32_t k = 0; k + 1 < e->point_count; k++)
		cap += (uint32_t)(abs(e->points[2 * k + 2] - e->points[2 * k]) +
		    abs(e->points[2 * k + 3] - e->points[2 * k + 1]));
	out = xcalloc(cap + 1, sizeof *out);
	for (uint32_t k = 0; k + 1 < e->point_count; k++) {
		int	x0 = e->points[2 * k], y0 = e->points[2 * k + 1];
		int	x1 = e->points[2 * k + 2], y1 = e->points[2 * k + 3];
		int	dx = x1 > x0 ? 1 : x1 < x0 ? -1 : 0;
		int	dy = y1 > y0 ? 1 : y1 < y0 ? -1 : 0;
		uint8_t	fwd = dx > 0 ? LINE_RIGHT : dx < 0 ? LINE_LEFT :
			    dy > 0 ? LINE_DOWN : LINE_UP;
		uint8_t	back = dx > 0 ? LINE_LEFT : dx < 0 ? LINE_RIGHT :
			    dy > 0 ? LINE_UP : LINE_DOWN;

		if (dx == 0 && dy == 0)
			continue;
		for (int x = x0, y = y0;; x += dx, y += dy) {
			uint8_t m = (x == x0 && y == y0 ? 0 : back) |
			    (x == x1 && y == y1 ? 0 : fwd);

			if (x == x0 && y == y0 && n > 0 &&
			    out[n - 1].x == x && out[n - 1].y == y)
				out[n - 1].lines |= m;	/* a corner */
			else
				out[n++] = (struct path_cell){ x, y, m };
			if (x == x1 && y == y1)
				break;
		}
	}
	*cells = out;
	return n;
}

/* The lines of the window's paths, cell by cell: how many paths pass,
 * their ways, and whether each went straight through. */
struct lines_map {
	int		 w, h;
	uint8_t		*lines;
	uint8_t		*count;
	bool		*straight;
};

static bool
straight_through(uint8_t m)
{
	return m == (LINE_LEFT | LINE_RIGHT) || m == (LINE_UP | LINE_DOWN);
}

/* Adds path e's cells; those left of xmin are under the frames' strip
 * (not drawn). */
static void
lines_map_path(struct lines_map *m, const struct layout_edge *e, int xmin)
{
	struct path_cell	*cells;
	uint32_t		 n = path_cells(e, &cells);

	for (uint32_t k = 0; k < n; k++) {
		size_t at;

		if (cells[k].x < xmin || cells[k].x >= m->w ||
		    cells[k].y < 0 || cells[k].y >= m->h)
			continue;
		at = (size_t)cells[k].y * (size_t)m->w + (size_t)cells[k].x;
		if (m->count[at] < UINT8_MAX)
			m->count[at]++;
		m->lines[at] |= cells[k].lines;
		m->straight[at] = (m->count[at] == 1 || m->straight[at]) &&
		    straight_through(cells[k].lines);
	}
	xfree(cells);
}

/* Whether path e can be followed on its own among what the map holds
 * (without e): each of its cells is free, or crossed straight through
 * by one other line that it crosses straight through. */
static bool
lines_map_clear(const struct lines_map *m, const struct layout_edge *e,
    int xmin)
{
	struct path_cell	*cells;
	uint32_t		 n = path_cells(e, &cells);
	bool			 clear = true;

	for (uint32_t k = 0; k < n && clear; k++) {
		size_t at;

		if (cells[k].x < xmin || cells[k].x >= m->w ||
		    cells[k].y < 0 || cells[k].y >= m->h)
			continue;
		at = (size_t)cells[k].y * (size_t)m->w + (size_t)cells[k].x;
		if (m->count[at] == 0)
			continue;
		clear = m->count[at] == 1 && m->straight[at] &&
		    straight_through(cells[k].lines) &&
		    (m->lines[at] & cells[k].lines) == 0;
	}
	xfree(cells);
	return clear;
}

/* Whether path e, which map m holds, can be followed on its own: each of
 * its cells is its alone, or crossed straight through by one other line
 * that it crosses straight through. */
static bool
lines_map_clear_self(const struct lines_map *m, const struct layout_edge *e)
{
	struct path_cell	*cells;
	uint32_t		 n = path_cells(e, &cells);
	bool			 clear = true;

	for (uint32_t k = 0; k < n && clear; k++) {
		size_t at;

		if (cells[k].x < 0 || cells[k].x >= m->w ||
		    cells[k].y < 0 || cells[k].y >= m->h)
			continue;
		at = (size_t)cells[k].y * (size_t)m->w + (size_t)cells[k].x;
		clear = m->count[at] == 1 || (m->count[at] == 2 &&
		    m->straight[at] && m->lines[at] == (LINE_UP | LINE_DOWN |
		    LINE_LEFT | LINE_RIGHT));
	}
	xfree(cells);
	return clear;
}

/* The paths of es but path `self` in map m (cleared first). */
static void
lines_map_others(struct lines_map *m, const struct edges_shown *es,
    const struct scene *s, const struct view *v, uint32_t self)
{
	int xmin = v->pan_x > 0 ? v->pin_x : 0;

	memset(m->lines, 0, (size_t)m->w * (size_t)m->h);
	memset(m->count, 0, (size_t)m->w * (size_t)m->h);
	for (uint32_t j = 0; j < es->count; j++)
		if (j != self && es->paths[j].point_count > 0)
			lines_map_path(m, &es->paths[j], v->l->edges[j].from <
			    s->frame_count ? 0 : xmin);
}

/*
 * Path e from a name moved to lane x of the frames' gutter and, when it
 * crosses the columns along a corridor, that corridor to row y (INT_MIN:
 * where it is).  False where the corridor would cross a box shown.
 */
static bool
name_path_at(struct layout_edge *e, const struct view *v,
    const struct scene *s, const bool *shown, int x, int y)
{
	e->points[2] = e->points[4] = x;
	if (y == INT_MIN || e->point_count < 6)
		return true;
	e->points[5] = e->points[7] = y;
	return !box_across(v, s, shown, y, x, e->points[6]);
}

/* The lanes the names' arrows may take in the window, [*lo, *hi): the
 * frames' gutter, as far as the window has it clear of the first column
 * it shows (spread, and panned).  False: no column is shown. */
static bool
name_lanes(const struct view *v, int *lo, int *hi)
{
	uint32_t first = first_column(v);

	if (v->l->column_count < 2 || first >= v->l->column_count)
		return false;
	*lo = v->l->lanes_x[0];
	*hi = column_left(v, first) - v->pan_x - 1;
	return *hi > *lo;
}

/* Whether path e goes from a name down (or up) a lane of the frames'
 * gutter into a box the window shows: one untangle_names may move (not
 * one whose corridor the panning put on its slot's row). */
static bool
name_path(const struct edges_shown *es, const struct scene *s,
    const struct view *v, const bool *shown, uint32_t i)
{
	const struct layout_edge *e = &es->paths[i];

	int lo, hi;

	return e->point_count >= 4 && v->l->edges[i].from < s->frame_count &&
	    shown[v->l->edges[i].to] && !es->crowded[i] &&
	    e->points[2] == e->points[4] &&
	    name_lanes(v, &lo, &hi) && e->points[2] >= lo && e->points[2] < hi;
}

/* The row of the first run of path e after its lane: where its arrowhead
 * is, or its corridor. */
static int
after_lane(const struct layout_edge *e)
{
	return e->points[5];
}

/* Moves the corridor of one of the names' paths n (k of them) not yet
 * placed off the rows where names' arrows leave their slots, to the
 * nearest row free of them and of boxes; false: none could move. */
static bool
move_corridor(struct edges_shown *es, const struct scene *s,
    const struct view *v, const struct graph_pen *pen, const bool *shown,
    const uint32_t *n, uint32_t k, const bool *placed)
{
	for (uint32_t a = 0; a < k; a++) {
		struct layout_edge	*e = &es->paths[n[a]];
		bool			 on_slot_row = false;

		if (placed[a] || e->point_count < 6 ||
		    e->points[5] != e->points[7])
			continue;	/* no corridor */
		for (uint32_t b = 0; b < k; b++)
			on_slot_row |= es->paths[n[b]].points[1] ==
			    e->points[5];
		for (int d = 1; on_slot_row && d < pen->height; d++)
			for (int side = -1; side <= 1; side += 2) {
				int	y = e->points[5] + side * d;
				bool	taken = false;

				if (y < v->top || y >= pen->height)
					continue;
				/* off every name's slot row (not only those
				 * of the arrows handed lanes here: one whose
				 * corridor runs on along its own row too) and
				 * off the other arrows' runs */
				for (uint32_t b = 0; b < es->count; b++)
					taken |= es->paths[b].point_count > 0 &&
					    v->l->edges[b].from <
					    s->frame_count &&
					    es->paths[b].points[1] == y;
				if (taken || box_across(v, s, shown, y,
				    e->points[4], e->points[6]) ||
				    !row_clear(es, v->l, n[a], y, e->points[4],
				    e->points[6]))
					continue;
				e->points[5] = e->points[7] = y;
				return true;
			}
	}
	return false;
}

/*
 * The lanes of the names' arrows handed out again in the window, as
 * layout.c's order_lanes does in a layout: an arrow whose run after its
 * lane is on the row where another name's arrow leaves its slot gets a
 * lane right of that one's; otherwise they keep their order.
 */
static void
order_name_lanes(struct edges_shown *es, const struct scene *s,
    const struct view *v, const struct graph_pen *pen, const bool *shown)
{
	uint32_t	*n = xcalloc(es->count + 1, sizeof *n);
	int		*lanes = xcalloc(es->count + 1, sizeof *lanes);
	bool		*placed = xcalloc(es->count + 1, sizeof *placed);
	uint32_t	 k = 0;

	for (uint32_t i = 0; i < es->count; i++)
		if (name_path(es, s, v, shown, i))
			n[k++] = i;
	for (uint32_t a = 1; a < k; a++)	/* by lane */
		for (uint32_t b = a; b > 0 && es->paths[n[b]].points[2] <
		    es->paths[n[b - 1]].points[2]; b--) {
			uint32_t t = n[b];

			n[b] = n[b - 1];
			n[b - 1] = t;
		}
	for (uint32_t a = 0; a < k; a++)
		lanes[a] = es->paths[n[a]].points[2];
	for (uint32_t slot = 0; slot < k; slot++) {
		uint32_t pick = k;

		for (uint32_t a = 0; a < k && pick == k; a++) {
			bool waits = false;

			for (uint32_t b = 0; b < k && !placed[a]; b++)
				waits |= b != a && !placed[b] &&
				    es->paths[n[b]].points[1] ==
				    after_lane(&es->paths[n[a]]);
			if (!placed[a] && !waits)
				pick = a;
		}
		/* they wait for each other: a corridor moves off the rows the
		 * names leave on, or the first goes */
		if (pick == k && move_corridor(es, s, v, pen, shown, n, k,
		    placed)) {
			slot--;
			continue;
		}
		if (pick == k)
			for (pick = 0; placed[pick]; pick++)
				;
		placed[pick] = true;
		es->paths[n[pick]].points[2] = es->paths[n[pick]].points[4] =
		    lanes[slot];
	}
	xfree(n);
	xfree(lanes);
	xfree(placed);
}

/*
 * Path e from a name, which no lane (or corridor row) takes cleanly --
 * two names' arrows each entering on the row the other leaves on, or a
 * corridor whose far lane the panning put among the names' own: a
 * detour through the frames' gutter instead, down lane x1 to row y,
 * across to lane x2, on to its box's row and in -- the nearest that
 * crosses the others cleanly.  False: none does (or the box is not to
 * be reached from the gutter without crossing another).
 */
static bool
name_detour(struct layout_edge *e, const struct lines_map *m,
    const struct view *v, const struct scene *s, const bool *shown, int lo,
    int hi, int height)
{
	int	xs = e->points[0], ys = e->points[1], lane = e->points[2];
	int	xt = e->points[2 * e->point_count - 2];
	int	yt = e->points[2 * e->point_count - 1];
	int	mid = (ys + yt) / 2;

	for (int d1 = 0; d1 < hi - lo; d1++)
		for (int s1 = -1; s1 <= 1; s1 += 2) {
			int x1 = lane + s1 * d1;

			if ((d1 == 0 && s1 > 0) || x1 < lo || x1 >= hi)
				continue;
			for (int r = 0; r < 2 * height; r++) {
				int y = mid + (r % 2 ? -(r + 1) / 2 : r / 2);

				if (y < v->top || y >= height || y == ys ||
				    y == yt)
					continue;
				for (int x2 = lo; x2 < hi; x2++) {
					int p[12] = { xs, ys, x1, ys, x1, y,
					    x2, y, x2, yt, xt, yt };
					struct layout_edge t = *e;

					if (x2 == x1 || box_across(v, s, shown,
					    yt, x2, xt))
						continue;
					t.points = p;
					t.point_count = 6;
					if (!lines_map_clear(m, &t, 0))
						continue;
					memcpy(e->points, p, sizeof p);
					e->point_count = 6;
					return true;
				}
			}
		}
	return false;
}

/*
 * The names are pinned while the objects pan: an arrow from a name runs
 * along its slot's row to its lane in the frames' gutter, pinned, then
 * to the row of its box's arrowhead (or of its corridor), panned --
 * which can be the row where another name's arrow leaves its slot, so
 * that one runs along the other's cells and the two read as one line
 * forking ("prices" seeming to point at an int).  The names' lanes are
 * handed out again for the window (order_name_lanes); an arrow that
 * still runs along another's cells moves to another lane of the gutter,
 * and its corridor to another row, the nearest where it crosses the
 * others cleanly.  Moving one can free another: this goes over them
 * again while it moves any.
 */
static void
untangle_names(struct edges_shown *es, const struct scene *s,
    const struct view *v, const struct graph_pen *pen, const bool *shown)
{
	struct lines_map	 m = { .w = pen->width, .h = pen->height };
	int			 lo, hi;
	bool			 moved = true;

	if (!name_lanes(v, &lo, &hi))
		return;
	order_name_lanes(es, s, v, pen, shown);
	m.lines = xcalloc((size_t)m.w * (size_t)m.h + 1, 1);
	m.count = xcalloc((size_t)m.w * (size_t)m.h + 1, 1);
	m.straight = xcalloc((size_t)m.w * (size_t)m.h + 1, sizeof *m.straight);
	for (int pass = 0; pass < 3 && moved; pass++) {
		bool *tangled = xcalloc(es->count + 1, sizeof *tangled);

		/* which are tangled, from one map of them all */
		lines_map_others(&m, es, s, v, UINT32_MAX);
		for (uint32_t i = 0; i < es->count; i++)
			tangled[i] = name_path(es, s, v, shown, i) &&
			    !lines_map_clear_self(&m, &es->paths[i]);
		moved = false;
		for (uint32_t i = 0; i < es->count; i++) {
			struct layout_edge	*e = &es->paths[i];
			int			 lane, row, rows;
			bool			 found = false;

			if (!tangled[i] || !name_path(es, s, v, shown, i))
				continue;
			lines_map_others(&m, es, s, v, i);
			if (lines_map_clear(&m, e, 0))
				continue;
			lane = e->points[2];
			row = e->point_count >= 6 && e->points[5] ==
			    e->points[7] ? e->points[5] : INT_MIN;
			rows = row == INT_MIN ? 0 : 2 * pen->height;
			/* the nearest lane, then the nearest row */
			for (int d = 0; d < hi - lo && !found; d++)
				for (int side = -1; side <= 1 && !found;
				    side += 2) {
					int x = lane + side * d;

					if ((d == 0 && side > 0) || x < lo ||
					    x >= hi)
						continue;
					for (int r = 0; r <= rows && !found;
					    r++) {
						int y = row == INT_MIN ?
						    INT_MIN : row + (r % 2 ?
						    -(r + 1) / 2 : r / 2);

						if (y != INT_MIN && (y < v->top ||
						    y >= pen->height))
							continue;
						found = name_path_at(e, v, s,
						    shown, x, y) &&
						    lines_map_clear(&m, e, 0);
					}
				}
			if (!found)
				name_path_at(e, v, s, shown, lane, row);
			if (!found)
				found = name_detour(e, &m, v, s, shown, lo, hi,
				    pen->height);
			moved |= found;
		}
		xfree(tangled);
	}
	xfree(m.lines);
	xfree(m.count);
	xfree(m.straight);
}

/* The edges es as the window shows them (es->paths owned; free with
 * edges_shown_free): none from a box or a name out of view (a line from
 * nowhere says nothing: the box it goes into counts it as unseen, in
 * off[], by node, for draw_hidden), one to a box out of view to the
 * window's edge (to_the_edge), some on corridors of their own
 * (reroute). */
static void
edges_shown_make(struct edges_shown *es, const struct scene *s,
    const struct view *v, const struct graph_pen *pen, const bool *shown,
    const struct frame_clip *clip, uint32_t *off)
{
	const struct layout	*l = v->l;
	uint32_t		 first = first_column(v);
	uint32_t		*into = xcalloc(l->box_count + 1, sizeof *into);

	es->count = l->edge_count;
	es->paths = xcalloc(l->edge_count + 1, sizeof *es->paths);
	es->marker = xcalloc(l->edge_count + 1, sizeof *es->marker);
	es->crowded = xcalloc(l->edge_count + 1, sizeof *es->crowded);
	for (uint32_t i = 0; i < l->edge_count; i++)
		into[l->edges[i].to]++;
	for (uint32_t i = 0; i < l->edge_count; i++)
		es->crowded[i] = into[l->edges[i].to] > LAYOUT_ARROWS_MOST;
	xfree(into);
	for (uint32_t i = 0; i < l->edge_count; i++) {
		const struct layout_edge *e = &l->edges[i];

		if (!shown[e->from])
			continue;
		es->paths[i] = view_edge(v, s, e);
		/* a frame taller than the window: a name out of it */
		if (e->from < s->frame_count && !frame_row_shown(
		    &clip[e->from], es->paths[i].points[1])) {
			xfree(es->paths[i].points);
			memset(&es->paths[i], 0, sizeof es->paths[i]);
		}
	}
	/* what is not drawn into a box shown, it counts as unseen */
	for (uint32_t i = 0; i < l->edge_count; i++) {
		const struct layout_edge *e = &l->edges[i];

		if (es->paths[i].point_count == 0 && shown[e->to] &&
		    s->nodes[e->from].slots[e->slot].kind != SCENE_SLOT_WEAK)
			off[e->to]++;
	}
	for (uint32_t i = 0; i < l->edge_count; i++) {
		const struct layout_edge	*e = &l->edges[i];
		struct layout_box		 to;
		bool				 named = e->from <
		    s->frame_count;

		if (es->paths[i].point_count == 0 || shown[e->to])
			continue;
		to = view_box(v, s, e->to);
		to_the_edge(&es->paths[i], named, beyond(v, pen, e->to, &to),
		    named || v->pan_x == 0 ? 0 : v->pin_x, pen->width - 1,
		    v->top, pen->height - 1, &es->marker[i]);
	}
	for (uint32_t i = 0; i < l->edge_count; i++) {
		const struct layout_edge	*e = &l->edges[i];
		bool				 named = e->from <
		    s->frame_count;
		bool				 straight = named &&
		    v->pan_x > 0 && l->boxes[e->to].column == first &&
		    first >= 2;
		int				 xmin = v->pan_x > 0 ?
		    v->pin_x : 0;

		if (es->paths[i].point_count == 0 || !shown[e->to])
			continue;
		if (straight || leaves(&es->paths[i], named ? 0 : xmin,
		    pen->width - 1, v->top, pen->height - 1))
			reroute(v, s, shown, es, i, straight, named ? 0 :
			    xmin, pen->width - 1);
	}
	untangle_names(es, s, v, pen, shown);
}

static void
edges_shown_free(struct edges_shown *es)
{
	for (uint32_t i = 0; i < es->count; i++)
		xfree(es->paths[i].points);
	xfree(es->paths);
	xfree(es->marker);
	xfree(es->crowded);
}

/* The edges into (pass 1) or not into (pass 0) the selected object, from
 * a frame (named) or not: objects' arrows first, then the names' over
 * the cleared strip of the pinned frames. */
static void
draw_edges(struct canvas *g, const struct scene *s, const struct view *v,
    const struct graph_pen *pen, const struct edges_shown *es, bool named)
{
	const struct layout *l = v->l;

	for (int pass = 0; pass < 2; pass++)
		for (uint32_t i = 0; i < l->edge_count; i++) {
			const struct scene_node	*to = &s->nodes[l->edges[i].to];
			bool			 picked = to->kind ==
			    SCENE_OBJECT && to->id == pen->selected;

			if (picked != (pass == 1) ||
			    (l->edges[i].from < s->frame_count) != named ||
			    es->paths[i].point_count == 0)
				continue;
			draw_edge(g, s, &es->paths[i], pen);
		}
}

/*
 * Where the arrows to boxes out of view end, in their markers: one
 * pointing down runs into the window's last row, the note's (kept free
 * of lines), but not beside the note's words, where it would read as
 * one of their marks ("5 more ▸ ▾▾▾▾"): it ends at the foot of its lane.
 * And a marker never stands on another arrow's line, which it would cut
 * in two: an arrow whose end another line passes through ends a cell
 * short, and again, until its end is its own.
 */
static void
settle_markers(struct edges_shown *es, const struct graph_pen *pen,
    struct note_span note)
{
	int		 w = pen->width, h = pen->height + 1;
	uint8_t		*count = xcalloc((size_t)w * (size_t)h + 1, 1);

	for (uint32_t i = 0; i < es->count; i++) {
		int *p = es->paths[i].points;
		int  n = (int)es->paths[i].point_count;

		if (es->marker[i] == LINE_DOWN && n >= 2 &&
		    p[2 * n - 1] == pen->height && p[2 * n - 3] < p[2 * n - 1] &&
		    (p[2 * n - 2] < note.left + 2 ||
		    p[2 * n - 2] > note.right - 3))
			p[2 * n - 1]--;
	}
	for (uint32_t i = 0; i < es->count; i++) {
		struct path_cell	*cells;
		uint32_t		 n = path_cells(&es->paths[i], &cells);

		for (uint32_t k = 0; k < n; k++)
			if (cells[k].x >= 0 && cells[k].x < w &&
			    cells[k].y >= 0 && cells[k].y < h &&
			    count[cells[k].y * w + cells[k].x] < UINT8_MAX)
				count[cells[k].y * w + cells[k].x]++;
		xfree(cells);
	}
	for (uint32_t i = 0; i < es->count; i++) {
		struct layout_edge *e = &es->paths[i];

		while (es->marker[i] != 0 && e->point_count >= 2) {
			int	*end = &e->points[2 * e->point_count - 2];
			int	 dx = end[-2] < end[0] ? -1 : end[-2] > end[0];
			int	 dy = end[-1] < end[1] ? -1 : end[-1] > end[1];

			if (end[0] < 0 || end[0] >= w || end[1] < 0 ||
			    end[1] >= h || count[end[1] * w + end[0]] < 2)
				break;
			count[end[1] * w + end[0]]--;
			end[0] += dx;
			end[1] += dy;
			if (end[0] == end[-2] && end[1] == end[-1]) {
				if (e->point_count == 2)
					break;	/* back at its slot */
				e->point_count--;
			}
		}
	}
	xfree(count);
}

/* The markers the edges to boxes out of view end in (settle_markers),
 * once grown whole: over every line, so that no run across erases one. */
static void
draw_markers(struct canvas *g, const struct scene *s,
    const struct edges_shown *es, const struct graph_pen *pen)
{
	for (uint32_t i = 0; i < es->count; i++) {
		const struct layout_edge	*e = &es->paths[i];
		enum canvas_style		 style;

		if (es->marker[i] == 0 || e->point_count == 0 ||
		    edge_pen(s, e, pen, &style) < edge_length(e))
			continue;
		canvas_marker(g, e->points[2 * e->point_count - 2],
		    e->points[2 * e->point_count - 1], es->marker[i], style);
	}
}

void
picture_graph(struct canvas *c, const struct scene *s, const struct layout *l,
    int x, int y, int w, int h, struct picture_options *o)
{
	struct canvas		*g;
	struct graph_pen	 pen = { .selected = OBJ_NULL };
	struct view		 v;
	bool			*shown;
	uint32_t		*off;
	struct edges_shown	 es;
	struct frame_clip	*clip;

	if (w <= 0 || h <= 0)
		return;
	g = canvas_new(w, h, c->ascii);
	pen.width = w;
	pen.height = h - 1;	/* the last row says what lies beyond */
	if (o != NULL) {
		pen.selected = o->selected;
		pen.animating = o->animating;
		pen.progress = o->progress;
	}
	view_setup(&v, s, l, w, pen.height, o);
	shown = xcalloc(l->box_count + 1, sizeof *shown);
	for (uint32_t i = 0; i < l->box_count; i++) {
		struct layout_box b = view_box(&v, s, i);

		shown[i] = i < s->frame_count || sliding(&s->nodes[i], &pen) ||
		    whole(&v, &pen, i, &b);
	}
	clip = xcalloc(s->frame_count + 1, sizeof *clip);
	frame_clips(&v, s, &pen, clip);
	off = xcalloc(l->box_count + 1, sizeof *off);
	edges_shown_make(&es, s, &v, &pen, shown, clip, off);
	settle_markers(&es, &pen, draw_overflow(g, &v, s, &pen, clip, false));
	/* edges first: boxes drawn over them keep their borders clean; the
	 * selected object's edges last, so they win at crossings */
	draw_edges(g, s, &v, &pen, &es, false);
	for (uint32_t i = s->frame_count; i < l->box_count; i++) {
		struct layout_box b = view_box(&v, s, i);

		if (shown[i])
			draw_box(g, s, &s->nodes[i], &b, &pen, off[i]);
	}
	if (v.pan_x > 0)	/* the frames' strip */
		canvas_fill(g, 0, 0, v.pin_x, pen.height, STYLE_NORMAL);
	draw_edges(g, s, &v, &pen, &es, true);
	for (uint32_t i = 0; i < s->frame_count && i < l->box_count; i++) {
		struct layout_box b = view_box(&v, s, i);

		draw_frame(g, s, &s->nodes[i], &b, &clip[i], &pen);
	}
	draw_overflow(g, &v, s, &pen, clip, true);
	draw_markers(g, s, &es, &pen);
	draw_crowded_note(g, s);
	blit(c, x, y, g);
	canvas_free(g);
	xfree(clip);
	xfree(shown);
	xfree(off);
	xfree(v.room);
	edges_shown_free(&es);
	if (o != NULL) {
		o->pan_x = v.pan_x;
		o->pan_y = v.pan_y;
		o->spread = v.spread;
	}
}

objid_t
picture_object_at(const struct scene *s, const struct layout *l,
    const struct picture_options *o, int x, int y)
{
	struct view	v = { .l = l, .spread = o->spread, .pan_x = o->pan_x,
			    .pan_y = o->pan_y, .top = o->pan_y > 0 };
	int		gx = x - o->graph_x, gy = y - o->graph_y;

	if (l->column_count > 1 && o->pan_x > 0 &&
	    gx < l->column_x[1] - LAYOUT_GAP_MARGIN)
		return OBJ_NULL;	/* the pinned frames */
	for (uint32_t i = s->frame_count; i < l->box_count; i++) {
		struct layout_box b = view_box(&v, s, i);

		if (gx >= b.x && gx < b.x + b.w && gy >= b.y &&
		    gy < b.y + b.h)
			return s->nodes[i].id;
	}
	return OBJ_NULL;
}

/* ---- the panels ---- */

static void
draw_title(struct canvas *c, const struct scene *s,
    const struct picture_options *o)
{
	struct strbuf	left = STRBUF_INIT, right = STRBUF_INIT;
	int		rw;

	canvas_fill(c, 0, 0, c->width, 1, STYLE_TITLE);
	strbuf_printf(&left, " %s", s->title ? s->title : "");
	if (s->section != NULL)
		strbuf_printf(&left, "  \xc2\xb7  %s", s->section);
	/* wide separators, or narrow ones when those would leave the title
	 * a few letters ("Tr…" at 80 columns) */
	for (int wide = 1; wide >= 0; wide--) {
		const char *sep = wide ? "  \xc2\xb7  " : " \xc2\xb7 ";

		strbuf_truncate(&right, 0);
		if (o != NULL && o->speed != NULL)
			strbuf_printf(&right, "%s%s", o->speed, sep);
		strbuf_printf(&right, "step %u/%u%sevent %llu/%llu%spython "
		    "%s%sgc %s ", s->step, s->step_total, sep,
		    (unsigned long long)s->event,
		    (unsigned long long)s->event_total, sep, s->python, sep,
		    s->gc_model);
		rw = canvas_text_width(strbuf_str(&right), right.len);
		if (c->width - rw - 1 >= TITLE_MIN_ROOM)
			break;
	}
	canvas_text(c, 0, 0, strbuf_str(&left), left.len, STYLE_TITLE,
	    c->width - rw - 1);
	canvas_text(c, c->width - rw, 0, strbuf_str(&right), right.len,
	    STYLE_TITLE, rw);
	strbuf_free(&left);
	strbuf_free(&right);
}

/* Where the current statement is written: a module step, or a step of
 * a function's body (*function set). */
static const struct program_step *
find_statement(const struct program *p, const char *code,
    const struct program_function **function, uint32_t *count, int *at)
{
	*function = NULL;
	for (uint32_t i = 0; i < p->step_count; i++)
		if (p->steps[i].source->code.value == code) {
			*count = p->step_count;
			*at = (int)i;
			return p->steps;
		}
	for (uint32_t f = 0; f < p->function_count; f++)
		for (uint32_t i = 0; i < p->functions[f].body_count; i++)
			if (p->functions[f].body[i].source->code.value ==
			    code) {
				*function = &p->functions[f];
				*count = p->functions[f].body_count;
				*at = (int)i;
				return p->functions[f].body;
			}
	*count = p->step_count;
	*at = -1;
	return p->steps;
}

/* The header over a class body's lines: its class statement as written
 * ("class B(A):"), not the function CPython compiles the body to. */
static void
class_header(const struct program *p, const struct program_function *fn,
    struct strbuf *out)
{
	uint32_t f = (uint32_t)(fn - p->functions);

	for (uint32_t i = 0; i < p->step_count; i++) {
		const struct stmt *st = p->steps[i].stmt;

		if (st != NULL && st->kind == STMT_CLASS &&
		    st->as.cls.function == f &&
		    p->steps[i].source->code.value != NULL) {
			strbuf_puts(out, p->steps[i].source->code.value);
			return;
		}
	}
	strbuf_printf(out, "class %s:", atom_name(fn->name));
}

/* The statements around the current one, the current one highlighted:
 * the module's, or during a call the function's body under its def; in
 * the first `width` columns. */
static void
draw_code(struct canvas *c, const struct scene *s, const struct program *p,
    int y, int width)
{
	const struct program_function	*fn;
	const struct program_step	*lines;
	uint32_t			 count;
	int				 current, first, indent = 3;

	lines = find_statement(p, s->code, &fn, &count, &current);
	if (current < 0 && s->code != NULL) {
		/* a statement the scenario does not have (the viewer's g) */
		canvas_text(c, 1, y + 1, "\xe2\x96\xb6 ", 4,
		    STYLE_CODE_CURRENT, 2);
		canvas_text(c, 3, y + 1, s->code, strlen(s->code),
		    STYLE_CODE_CURRENT, width - 4);
		return;
	}
	first = current < 0 ? 0 : current - 1;
	if (fn != NULL) {
		struct strbuf	 def = STRBUF_INIT;

		if (fn->is_class)	/* a class body runs as a function */
			class_header(p, fn, &def);
		else {
			strbuf_printf(&def, "def %s(", atom_name(fn->name));
			for (uint32_t i = 0; i < fn->param_count; i++)
				strbuf_printf(&def, "%s%s", i > 0 ? ", " : "",
				    atom_name(fn->locals[i]));
			strbuf_puts(&def, "):");
		}
		canvas_text(c, 3, y, strbuf_str(&def), def.len, STYLE_DIM,
		    width - 4);
		strbuf_free(&def);
		indent = 7;
		first = current;	/* the def line takes the first row */
		y++;
	}
	for (int row = 0; row < CODE_ROWS - (fn != NULL); row++) {
		int		 k = first + row;
		const char	*text;
		bool		 now;

		if (k < 0 || (uint32_t)k >= count)
			continue;
		text = lines[k].source->code.value;
		now = k == current;
		canvas_text(c, indent - 2, y + row, now ? "\xe2\x96\xb6 " :
		    "  ", now ? 4 : 2, now ? STYLE_CODE_CURRENT : STYLE_CODE,
		    2);
		if (text != NULL)
			canvas_text(c, indent, y + row, text, strlen(text),
			    now ? STYLE_CODE_CURRENT : STYLE_CODE,
			    width - indent - 1);
		else
			canvas_text(c, indent, y + row, "(narration)", 11,
			    STYLE_DIM, width - indent - 1);
	}
}

/* The output area's width at screen width w: a third of the code panel's
 * right side when the run prints at all (the same at every moment, so
 * the code does not jump when the first line is printed), else 0. */
static int
output_width(const struct scene *s, int w)
{
	return s->prints ? w / 3 : 0;
}

/*
 * What the program has printed up to this moment, newest last: the last
 * `rows` lines in the w columns from x (a rule on their left), labelled
 * on the rule row under them.
 */
static void
draw_output(struct canvas *c, const struct scene *s, int x, int y, int w,
    int rows)
{
	const char	*text = s->output, *end, *line;
	int		 row = rows;

	canvas_vline(c, x, y, y + rows, STYLE_DIM);
	canvas_text(c, x + 1, y + rows, " printed ", 9, STYLE_DIM, w - 2);
	if (text == NULL) {
		canvas_text(c, x + 2, y + rows - 1, "(nothing yet)", 13,
		    STYLE_DIM, w - 3);
		return;
	}
	end = text + strlen(text);
	if (end > text && end[-1] == '\n')
		end--;		/* the last line's newline */
	while (row > 0) {
		for (line = end; line > text && line[-1] != '\n'; line--)
			;
		canvas_text(c, x + 2, y + --row, line, (size_t)(end - line),
		    STYLE_VALUE, w - 3);
		if (line == text)
			break;
		end = line - 1;
	}
}

/*
 * "Why is this 3?": the selected object and every reference to it the
 * picture draws, with what holds the rest (a statement's temporaries, a
 * code object's constants, instances' holds on their class).
 */
static void
draw_referrers(struct canvas *c, const struct scene *s, objid_t selected,
    int y, int rows)
{
	const struct scene_node	*n = scene_find(s, selected);
	struct strbuf		 sb = STRBUF_INIT;
	int32_t			 drawn = 0;

	if (n == NULL)
		return;
	strbuf_printf(&sb, "#%u %s has %d reference%s:", n->id, n->type,
	    (int)n->refcount, n->refcount == 1 ? "" : "s");
	for (uint32_t i = 0; i < s->node_count; i++) {
		const struct scene_node *from = &s->nodes[i];

		for (uint32_t k = 0; k < from->slot_count; k++) {
			if (from->slots[k].target != selected)
				continue;
			if (from->kind == SCENE_FRAME)
				strbuf_printf(&sb, "  name %s (%s)",
				    from->slots[k].label, from->type);
			else
				strbuf_printf(&sb, "  %s of #%u %s",
				    from->slots[k].label, from->id, from->type);
			drawn++;
		}
	}
	if (n->refcount > drawn)
		strbuf_printf(&sb, "  + %d not drawn (the running statement, "
		    "constants, a class's instances and own references)",
		    (int)(n->refcount - drawn));
	canvas_fill(c, 0, y, c->width, rows, STYLE_NORMAL);
	canvas_wrap(c, 1, y, c->width - 2, rows, strbuf_str(&sb), sb.len,
	    STYLE_SELECTED);
	strbuf_free(&sb);
}

/* What step 0 says before anything has run, when the set-up has no say:
 * of its own: the title, the section and the summary, so the first
 * screen a class sees tells what the lesson is about.  Caller frees. */
static char *
opening_text(const struct program *p)
{
	const struct scenario	*sc = p != NULL ? p->scenario : NULL;
	struct strbuf		 sb = STRBUF_INIT;
	char			*text;

	if (sc == NULL || sc->title.value == NULL)
		return NULL;
	strbuf_puts(&sb, sc->title.value);
	if (sc->section.value != NULL)
		strbuf_printf(&sb, "  \xc2\xb7  %s", sc->section.value);
	if (sc->summary.value != NULL)
		strbuf_printf(&sb, "\n%s", sc->summary.value);
	text = xstrdup(strbuf_str(&sb));
	strbuf_free(&sb);
	return text;
}

/* The rows narration text needs at width w. */
static int
wrapped_rows(const char *text, int w)
{
	return text == NULL ? 0 : canvas_wrap(NULL, 0, 0, w - 2, INT_MAX, text,
	    strlen(text), STYLE_NARRATION);
}

/* need rows, at least NARRATION_ROWS, at most a quarter of a screen of
 * height h (0: no limit, for dump). */
static int
clamp_rows(int need, int h)
{
	int most = h > 0 ? h / 4 : INT_MAX;

	if (most < NARRATION_ROWS)
		most = NARRATION_ROWS;
	return need < NARRATION_ROWS ? NARRATION_ROWS : need > most ? most :
	    need;
}

int
picture_narration_rows(const struct program *p, int w, int h)
{
	char	*opening = opening_text(p);
	int	 need = wrapped_rows(opening, w);

	xfree(opening);

	for (uint32_t i = 0; i < p->step_count; i++) {
		int n = wrapped_rows(p->steps[i].source->say.value, w);

		need = n > need ? n : need;
	}
	for (uint32_t f = 0; f < p->function_count; f++)
		for (uint32_t i = 0; i < p->functions[f].body_count; i++) {
			int n = wrapped_rows(
			    p->functions[f].body[i].source->say.value, w);

			need = n > need ? n : need;
		}
	return clamp_rows(need, h);
}

static void
draw_narration(struct canvas *c, const struct scene *s,
    const struct program *p, int y, int rows)
{
	if (s->narration != NULL)
		canvas_wrap(c, 1, y, c->width - 2, rows, s->narration,
		    strlen(s->narration), STYLE_NARRATION);
	else if (s->step == 0) {
		char *text = opening_text(p);

		if (text != NULL)
			canvas_wrap(c, 1, y, c->width - 2, rows, text,
			    strlen(text), STYLE_NARRATION);
		xfree(text);
	}
	if (s->reason != NULL) {
		struct strbuf line = STRBUF_INIT;

		strbuf_printf(&line, "\xe2\x86\x92 %s", s->reason);
		canvas_text(c, 1, y + rows, strbuf_str(&line), line.len,
		    STYLE_DIM, c->width - 2);
		strbuf_free(&line);
	}
}

/*
 * During a collection, on the rule right over the graph (where the eye
 * is): what the collector is doing in plain words, then CPython's name
 * for it, quieter.  In the first w columns.
 */
static void
draw_phase(struct canvas *c, const struct scene *s, int y, int w)
{
	struct strbuf	 sb = STRBUF_INIT;
	int		 x;

	if (s->gc_doing == NULL)
		return;
	strbuf_printf(&sb, " collector: %s ", s->gc_doing);
	x = 1 + canvas_text(c, 1, y, strbuf_str(&sb), sb.len,
	    STYLE_CODE_CURRENT, w - 2);
	if (s->gc_function != NULL && x < w - 2) {
		strbuf_truncate(&sb, 0);
		strbuf_printf(&sb, " %s ", s->gc_function);
		canvas_text(c, x, y, strbuf_str(&sb), sb.len, STYLE_DIM,
		    w - 1 - x);
	}
	strbuf_free(&sb);
}

/*
 * The cpython model's generations on the rule under the graph, at its
 * right end: each one's count and threshold ("gen 0: 3/700"), a count the
 * current event changed in the colour of a count going up or down.
 */
static void
draw_generations(struct canvas *c, const struct scene *s, int y)
{
	char	part[GEN_COUNT][48];
	int	width = 0, x;

	if (strcmp(s->gc_model, "cpython") != 0)
		return;
	for (int g = 0; g < GEN_COUNT; g++) {
		snprintf(part[g], sizeof part[g], " gen %d: %u/%u ", g,
		    s->gen_count[g], s->gen_threshold[g]);
		width += (int)strlen(part[g]);
	}
	if (width + 2 > c->width)
		return;
	x = c->width - 1 - width;
	for (int g = 0; g < GEN_COUNT; g++) {
		enum canvas_style style = s->gen_delta[g] > 0 ?
		    STYLE_REFCOUNT_UP : s->gen_delta[g] < 0 ?
		    STYLE_REFCOUNT_DOWN : STYLE_DIM;

		x += canvas_text(c, x, y, part[g], strlen(part[g]), style,
		    (int)strlen(part[g]));
	}
}

/* The timeline bar's cells: from column 1, bar wide (too narrow for a
 * tick per step when < 5), the key hints after it. */
static int
hints_width(bool hints)
{
	return hints ? canvas_text_width(HINTS, strlen(HINTS)) + 2 : 0;
}

static int
timeline_bar(int width, bool hints)
{
	return width - hints_width(hints) - 2;
}

/* The column of module step k's tick (1..total) on a bar that wide. */
static int
timeline_x(uint32_t k, uint32_t total, int bar)
{
	return 1 + (int)((k > 0 ? k - 1 : 0) * (uint64_t)(bar - 1) /
	    (total > 1 ? total - 1 : 1));
}

/* The tick of step k: a pause ◆ or a collection G stand out from the
 * plain ┼, so a teacher sees where the play will stop and where the
 * collector runs. */
static void
draw_tick(struct canvas *c, int x, int y, uint8_t mark)
{
	if (mark & PICTURE_MARK_COLLECT)
		canvas_puts(c, x, y, "G", STYLE_TIMELINE_MARK);
	else if (mark & PICTURE_MARK_PAUSE)
		canvas_puts(c, x, y, c->ascii ? "@" : "\xe2\x97\x86",
		    STYLE_TIMELINE_MARK);
	else
		canvas_puts(c, x, y, c->ascii ? "+" : "\xe2\x94\xbc",
		    STYLE_TIMELINE);
}

static void
draw_timeline(struct canvas *c, const struct scene *s,
    const struct picture_options *o, int y)
{
	bool	hints = o == NULL || o->show_hints;
	int	hw = hints_width(hints);
	int	bar = timeline_bar(c->width, hints);

	canvas_fill(c, 0, y, c->width, 1, STYLE_TIMELINE);
	if (bar > 4 && s->step_total > 0) {
		const uint8_t *marks = o != NULL ? o->step_marks : NULL;

		for (int i = 0; i < bar; i++)
			canvas_text(c, 1 + i, y, c->ascii ? "-" :
			    "\xe2\x94\x80", c->ascii ? 1 : 3, STYLE_TIMELINE, 1);
		/* a tick per step when there is room (the marked ones even
		 * when there is not), and the position */
		for (uint32_t k = 1; k <= s->step_total; k++) {
			uint8_t mark = marks != NULL ? marks[k] : 0;

			if ((uint32_t)bar >= s->step_total || mark != 0)
				draw_tick(c, timeline_x(k, s->step_total, bar),
				    y, mark);
		}
		canvas_text(c, timeline_x(s->step, s->step_total, bar), y,
		    c->ascii ? "#" : "\xe2\x96\x88", c->ascii ? 1 : 3,
		    STYLE_TIMELINE_NOW, 1);
	}
	if (hints)
		canvas_text(c, c->width - hw + 1, y, HINTS, strlen(HINTS),
		    STYLE_HINT, hw - 1);
}

uint32_t
picture_timeline_step(const struct scene *s, const struct picture_options *o,
    int w, int h, int x, int y)
{
	int		bar = timeline_bar(w, o == NULL || o->show_hints);
	uint64_t	k;

	if (y != h - 1 || bar <= 4 || s->step_total == 0 || x < 1 ||
	    x > bar)
		return 0;
	/* timeline_x backwards, to the nearest tick */
	k = 1 + ((uint64_t)(x - 1) * (s->step_total - 1) +
	    (uint64_t)(bar - 1) / 2) / (uint64_t)(bar - 1);
	return k > s->step_total ? s->step_total : (uint32_t)k;
}

static int
code_rows(const struct picture_options *o)
{
	return o == NULL || o->show_code ? CODE_ROWS + 1 : 0;
}

/* The lines of text from line on. */
static int
count_lines(const char *line)
{
	int n = 1;

	while ((line = strchr(line, '\n')) != NULL) {
		line++;
		n++;
	}
	return n;
}

/* The differences of two versions at this step (picture_options), a line
 * each, under the graph's rule; the last row counts what does not fit. */
static void
draw_differences(struct canvas *c, const char *text, int y)
{
	const char	*line = text, *end;
	char		*note;

	for (int row = 0; line != NULL && row < PICTURE_DIFF_ROWS; row++) {
		if (row == PICTURE_DIFF_ROWS - 1 && count_lines(line) > 1) {
			note = xasprintf("... and %d more: refscope compare "
			    "lists them", count_lines(line));
			canvas_text(c, 1, y + row, note, strlen(note),
			    STYLE_DIM, c->width - 2);
			xfree(note);
			return;
		}
		end = strchr(line, '\n');
		canvas_text(c, 1, y + row, line, end != NULL ?
		    (size_t)(end - line) : strlen(line), row == 0 ?
		    STYLE_NARRATION : STYLE_DIM, c->width - 2);
		line = end != NULL ? end + 1 : NULL;
	}
}

int
picture_graph_rows(int height, const struct picture_options *o)
{
	int diff_rows = o->differences != NULL ? PICTURE_DIFF_ROWS : 0;
	int rows;

	if (o->narration_rows <= 0)
		return 0;	/* it changes with each moment's narration */
	rows = height - 1 - (o->narration_rows + 1) - 1 - diff_rows -
	    (1 + code_rows(o));
	return rows > 0 ? rows : 0;
}

void
picture_draw(struct canvas *c, const struct scene *s, const struct layout *l,
    const struct program *p, struct picture_options *o)
{
	int rows = o != NULL && o->narration_rows > 0 ? o->narration_rows :
	    clamp_rows(wrapped_rows(s->narration, c->width), c->height);
	int top = 1 + code_rows(o);
	int diff_rows = o != NULL && o->differences != NULL ?
	    PICTURE_DIFF_ROWS : 0;
	int bottom = c->height - 1 - (rows + 1) - 1 - diff_rows;

	canvas_reset(c, c->width, c->height);
	draw_title(c, s, o);
	if (code_rows(o) > 0) {
		int ow = output_width(s, c->width);

		draw_code(c, s, p, 1, c->width - ow);
		canvas_hline(c, 0, c->width - 1, CODE_ROWS + 1, STYLE_DIM);
		if (ow > 0)
			draw_output(c, s, c->width - ow, 1, ow, CODE_ROWS);
		draw_phase(c, s, CODE_ROWS + 1, c->width - ow);
	}
	if (o != NULL && o->banner != NULL) {
		/* two rows of its own: the graph stays whole below it */
		canvas_fill(c, 0, top, c->width, BANNER_ROWS, STYLE_ERROR);
		canvas_wrap(c, 1, top, c->width - 2, BANNER_ROWS, o->banner,
		    strlen(o->banner), STYLE_ERROR);
		top += BANNER_ROWS;
	}
	if (bottom > top)
		picture_graph(c, s, l, 1, top, c->width - 1, bottom - top, o);
	if (o != NULL) {
		o->graph_x = 1;
		o->graph_y = top;
	}
	canvas_hline(c, 0, c->width - 1, bottom, STYLE_DIM);
	draw_generations(c, s, bottom);
	if (diff_rows > 0)
		draw_differences(c, o->differences, bottom + 1);
	draw_narration(c, s, p, bottom + 1 + diff_rows, rows);
	if (o != NULL && o->selected != OBJ_NULL)
		draw_referrers(c, s, o->selected, bottom + 1 + diff_rows,
		    rows);
	draw_timeline(c, s, o, c->height - 1);
}

int
picture_full_height(const struct scene *s, const struct layout *l,
    const struct program *p, int w)
{
	(void)p;
	/* title, code and its rule, the graph, a rule, narration and the
	 * reason, the timeline */
	return 1 + CODE_ROWS + 1 + l->height + 1 + 1 +
	    clamp_rows(wrapped_rows(s->narration, w), 0) + 1 + 1;
}
