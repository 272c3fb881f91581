/*
 * picture.c: the screen, panel by panel, into a canvas.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/xalloc.h"
#include "view/picture.h"

#define CODE_ROWS	3	/* the statement before, the current, after */
#define NARRATION_ROWS	3
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

static enum canvas_style
box_style(const struct scene_node *n)
{
	if (n->kind == SCENE_FRAME)
		return STYLE_FRAME;
	if (n->flags & SCENE_FREED)
		return STYLE_FREED;
	if (n->flags & SCENE_UNREACHABLE)
		return STYLE_UNREACHABLE;
	if (n->flags & SCENE_MARKED)
		return STYLE_MARKED;
	if (n->flags & SCENE_GARBAGE)
		return STYLE_UNREACHABLE;
	if (n->flags & SCENE_CACHED)
		return STYLE_BOX_CACHED;
	return STYLE_BOX;
}

/* The count in the top right corner: "3", or "2→3" just after a change. */
static void
draw_refcount(struct canvas *c, const struct scene_node *n, int x, int y,
    int w)
{
	char			text[48];
	enum canvas_style	style = STYLE_REFCOUNT;
	int			len;

	if (n->delta != 0) {
		snprintf(text, sizeof text, " %d\xe2\x86\x92%d ",
		    (int)(n->refcount - n->delta), (int)n->refcount);
		style = n->delta > 0 ? STYLE_REFCOUNT_UP : STYLE_REFCOUNT_DOWN;
	} else
		snprintf(text, sizeof text, " %d ", (int)n->refcount);
	len = canvas_text_width(text, strlen(text));
	canvas_text(c, x + w - 1 - len, y, text, strlen(text), style, len);
}

/* The bottom border tells the collector's view: gc_refs during a CPython
 * collection's counting phases, else the generation of a tracked object. */
static void
draw_gc_tag(struct canvas *c, const struct scene *s,
    const struct scene_node *n, int x, int y, int w)
{
	char text[32];

	if (n->kind != SCENE_OBJECT || !n->tracked)
		return;
	if (n->flags & SCENE_GC_REFS)
		snprintf(text, sizeof text, " gc_refs %d ", (int)n->gc_refs);
	else if (strcmp(s->gc_model, "textbook") != 0)
		snprintf(text, sizeof text, " gen %u ", n->gen);
	else
		return;
	canvas_text(c, x + w - 1 - canvas_text_width(text, strlen(text)), y,
	    text, strlen(text), (n->flags & SCENE_GC_REFS) ? STYLE_REFCOUNT :
	    STYLE_DIM, w - 2);
}

static void
draw_box(struct canvas *c, const struct scene *s, const struct scene_node *n,
    const struct layout_box *b, int ox, int oy, objid_t selected)
{
	int	x = ox + b->x, y = oy + b->y, row = 1;
	char	title[96];
	bool	picked = n->kind == SCENE_OBJECT && n->id == selected;

	canvas_fill(c, x, y, b->w, b->h, STYLE_NORMAL);
	canvas_box(c, x, y, b->w, b->h, picked ? STYLE_SELECTED :
	    box_style(n), picked || (n->flags & SCENE_CHANGED) != 0);
	if (n->kind == SCENE_OBJECT)
		snprintf(title, sizeof title, " %s #%u ", n->type, n->id);
	else
		snprintf(title, sizeof title, " %s ", n->type);
	canvas_text(c, x + 1, y, title, strlen(title), STYLE_TYPE,
	    n->kind == SCENE_OBJECT ? b->w - 4 - 2 * digits(n->refcount + 1) :
	    b->w - 2);
	if (n->kind == SCENE_OBJECT)
		draw_refcount(c, n, x, y, b->w);
	draw_gc_tag(c, s, n, x, y + b->h - 1, b->w);
	if (n->slot_count == 0 && n->value != NULL)
		canvas_text(c, x + 2, y + 1, n->value, strlen(n->value),
		    STYLE_VALUE, b->w - 4);
	for (uint32_t k = 0; k < n->slot_count; k++, row++) {
		if (n->folded > 0 && k == n->fold_at) {
			char more[40];

			snprintf(more, sizeof more, "\xe2\x80\xa6 %u more",
			    n->folded);
			canvas_text(c, x + 2, y + row, more, strlen(more),
			    STYLE_DIM, b->w - 4);
			row++;
		}
		canvas_text(c, x + 2, y + row, n->slots[k].label,
		    strlen(n->slots[k].label), n->slots[k].changed ?
		    STYLE_EDGE_NEW : STYLE_NAME, b->w - 5);
		canvas_text(c, x + b->w - 2, y + row, "\xe2\x97\x8f", 3,
		    n->slots[k].changed ? STYLE_EDGE_NEW : STYLE_EDGE, 1);
	}
}

static void
draw_edge(struct canvas *c, const struct scene *s, const struct layout_edge *e,
    int ox, int oy, objid_t selected)
{
	enum canvas_style style = s->nodes[e->from].slots[e->slot].changed ?
	    STYLE_EDGE_NEW : STYLE_EDGE;

	if (selected != OBJ_NULL && s->nodes[e->to].kind == SCENE_OBJECT &&
	    s->nodes[e->to].id == selected)
		style = STYLE_SELECTED;
	uint32_t last = e->point_count - 1;

	for (uint32_t k = 0; k < last; k++) {
		int x0 = ox + e->points[2 * k], y0 = oy + e->points[2 * k + 1];
		int x1 = ox + e->points[2 * k + 2];
		int y1 = oy + e->points[2 * k + 3];

		if (y0 == y1)
			canvas_hline(c, x0, x1, y0, style);
		else
			canvas_vline(c, x0, y0, y1, style);
	}
	canvas_arrow(c, ox + e->points[2 * last], oy + e->points[2 * last + 1],
	    e->arrow, style);
}

/* Copies the rectangle of src at (sx, sy) into dst at (dx, dy). */
static void
blit(struct canvas *dst, int dx, int dy, const struct canvas *src, int sx,
    int sy, int w, int h)
{
	for (int row = 0; row < h; row++)
		for (int col = 0; col < w; col++) {
			const struct cell *from = canvas_cell(
			    (struct canvas *)src, sx + col, sy + row);
			struct cell *to = canvas_cell(dst, dx + col, dy + row);

			if (from == NULL || to == NULL)
				continue;
			*to = *from;
			/* half a wide character at the left edge: a space */
			if (to->width == 0 && col == 0) {
				to->ch = ' ';
				to->width = 1;
			}
		}
}

void
picture_graph(struct canvas *c, const struct scene *s, const struct layout *l,
    int x, int y, int w, int h, int scroll_x, int scroll_y, objid_t selected)
{
	struct canvas *g = canvas_new(l->width + 1, l->height + 1, c->ascii);

	/* edges first: boxes drawn over them keep their borders clean; the
	 * selected object's edges last, so they win at crossings */
	for (uint32_t i = 0; i < l->edge_count; i++)
		if (s->nodes[l->edges[i].to].id != selected ||
		    s->nodes[l->edges[i].to].kind != SCENE_OBJECT)
			draw_edge(g, s, &l->edges[i], 0, 0, selected);
	for (uint32_t i = 0; i < l->edge_count; i++)
		if (s->nodes[l->edges[i].to].id == selected &&
		    s->nodes[l->edges[i].to].kind == SCENE_OBJECT)
			draw_edge(g, s, &l->edges[i], 0, 0, selected);
	for (uint32_t i = 0; i < l->box_count; i++)
		draw_box(g, s, &s->nodes[i], &l->boxes[i], 0, 0, selected);
	blit(c, x, y, g, scroll_x, scroll_y, w, h);
	canvas_free(g);
}

/* ---- the panels ---- */

static void
draw_title(struct canvas *c, const struct scene *s)
{
	struct strbuf	left = STRBUF_INIT, right = STRBUF_INIT;
	int		rw;

	canvas_fill(c, 0, 0, c->width, 1, STYLE_TITLE);
	strbuf_printf(&left, " %s", s->title ? s->title : "");
	if (s->section != NULL)
		strbuf_printf(&left, "  \xc2\xb7  %s", s->section);
	strbuf_printf(&right, "step %u/%u  \xc2\xb7  event %llu/%llu  "
	    "\xc2\xb7  gc %s ", s->step, s->step_total,
	    (unsigned long long)s->event, (unsigned long long)s->event_total,
	    s->gc_model);
	rw = canvas_text_width(strbuf_str(&right), right.len);
	canvas_text(c, 0, 0, strbuf_str(&left), left.len, STYLE_TITLE,
	    c->width - rw - 1);
	canvas_text(c, c->width - rw, 0, strbuf_str(&right), right.len,
	    STYLE_TITLE, rw);
	strbuf_free(&left);
	strbuf_free(&right);
}

/* The module's statements around the current one (or the function's,
 * during a call), the current one highlighted. */
static void
draw_code(struct canvas *c, const struct scene *s, const struct program *p,
    int y)
{
	int		current = -1;
	uint32_t	count = p->step_count;

	for (uint32_t i = 0; i < count && s->code != NULL; i++)
		if (p->steps[i].source->code.value == s->code)
			current = (int)i;
	for (int row = 0; row < CODE_ROWS; row++) {
		int k = current < 0 ? row : current - 1 + row;
		const char *text;
		bool now;

		if (k < 0 || (uint32_t)k >= count)
			continue;
		text = p->steps[k].source->code.value;
		now = k == current;
		canvas_text(c, 1, y + row, now ? "\xe2\x96\xb6 " : "  ",
		    now ? 4 : 2, now ? STYLE_CODE_CURRENT : STYLE_CODE, 2);
		if (text != NULL)
			canvas_text(c, 3, y + row, text, strlen(text),
			    now ? STYLE_CODE_CURRENT : STYLE_CODE,
			    c->width - 4);
		else
			canvas_text(c, 3, y + row, "(narration)", 11,
			    STYLE_DIM, c->width - 4);
	}
	/* a statement of a function body is not among the module's */
	if (current < 0 && s->code != NULL) {
		canvas_fill(c, 0, y, c->width, CODE_ROWS, STYLE_NORMAL);
		canvas_text(c, 1, y + 1, "\xe2\x96\xb6 ", 4,
		    STYLE_CODE_CURRENT, 2);
		canvas_text(c, 3, y + 1, s->code, strlen(s->code),
		    STYLE_CODE_CURRENT, c->width - 4);
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

static void
draw_narration(struct canvas *c, const struct scene *s, int y)
{
	int rows = NARRATION_ROWS;

	if (s->narration != NULL)
		canvas_wrap(c, 1, y, c->width - 2, rows, s->narration,
		    strlen(s->narration), STYLE_NARRATION);
	if (s->reason != NULL) {
		struct strbuf line = STRBUF_INIT;

		strbuf_printf(&line, "\xe2\x86\x92 %s", s->reason);
		if (s->gc_phase != NULL)
			strbuf_printf(&line, "   (collector: %s)", s->gc_phase);
		canvas_text(c, 1, y + rows, strbuf_str(&line), line.len,
		    STYLE_DIM, c->width - 2);
		strbuf_free(&line);
	}
}

static void
draw_timeline(struct canvas *c, const struct scene *s, bool hints, int y)
{
	int hw = hints ? canvas_text_width(HINTS, strlen(HINTS)) + 2 : 0;
	int bar = c->width - hw - 2;

	canvas_fill(c, 0, y, c->width, 1, STYLE_TIMELINE);
	if (bar > 4 && s->step_total > 0) {
		for (int i = 0; i < bar; i++)
			canvas_text(c, 1 + i, y, c->ascii ? "-" :
			    "\xe2\x94\x80", c->ascii ? 1 : 3, STYLE_TIMELINE, 1);
		/* a tick per step when there is room, and the position */
		if ((uint32_t)bar >= s->step_total)
			for (uint32_t k = 1; k <= s->step_total; k++)
				canvas_text(c, 1 + (int)((k - 1) * (uint64_t)(bar -
				    1) / (s->step_total > 1 ? s->step_total - 1 :
				    1)), y, c->ascii ? "+" : "\xe2\x94\xbc",
				    c->ascii ? 1 : 3, STYLE_TIMELINE, 1);
		canvas_text(c, 1 + (int)((s->step > 0 ? s->step - 1 : 0) *
		    (uint64_t)(bar - 1) / (s->step_total > 1 ? s->step_total -
		    1 : 1)), y, c->ascii ? "#" : "\xe2\x96\x88", c->ascii ? 1 :
		    3, STYLE_TIMELINE_NOW, 1);
	}
	if (hints)
		canvas_text(c, c->width - hw + 1, y, HINTS, strlen(HINTS),
		    STYLE_HINT, hw - 1);
}

static int
code_rows(const struct picture_options *o)
{
	return o == NULL || o->show_code ? CODE_ROWS + 1 : 0;
}

void
picture_draw(struct canvas *c, const struct scene *s, const struct layout *l,
    const struct program *p, const struct picture_options *o)
{
	int top = 1 + code_rows(o);
	int bottom = c->height - 1 - (NARRATION_ROWS + 1) - 1;

	canvas_reset(c, c->width, c->height);
	draw_title(c, s);
	if (code_rows(o) > 0) {
		draw_code(c, s, p, 1);
		canvas_hline(c, 0, c->width - 1, CODE_ROWS + 1, STYLE_DIM);
	}
	if (bottom > top)
		picture_graph(c, s, l, 1, top, c->width - 2, bottom - top,
		    o ? o->scroll_x : 0, o ? o->scroll_y : 0,
		    o ? o->selected : OBJ_NULL);
	if (o != NULL && o->banner != NULL) {
		canvas_fill(c, 0, top, c->width, 2, STYLE_ERROR);
		canvas_wrap(c, 1, top, c->width - 2, 2, o->banner,
		    strlen(o->banner), STYLE_ERROR);
	}
	canvas_hline(c, 0, c->width - 1, bottom, STYLE_DIM);
	draw_narration(c, s, bottom + 1);
	if (o != NULL && o->selected != OBJ_NULL)
		draw_referrers(c, s, o->selected, bottom + 1, NARRATION_ROWS);
	draw_timeline(c, s, o == NULL || o->show_hints, c->height - 1);
}

int
picture_full_height(const struct scene *s, const struct layout *l,
    const struct program *p, int w)
{
	(void)s;
	(void)p;
	(void)w;
	/* title, code and its rule, the graph, a rule, narration and the
	 * reason, the timeline */
	return 1 + CODE_ROWS + 1 + l->height + 1 + 1 + NARRATION_ROWS + 1 + 1;
}
