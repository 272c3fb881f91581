/*
 * plan.c: one replay of the run gathers each object's life (when it is
 * born, when its place is free again, what first refers to it, how tall
 * its box gets); columns follow from the first referrers, rows are handed
 * out first fit in order of birth over each column's living boxes.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "sim/event.h"
#include "view/layout.h"
#include "view/plan.h"

#define NEVER		UINT64_MAX
#define HOLDER_NONE	0
#define HOLDER_FRAME	UINT32_MAX
/* Beyond this many living planned boxes in one column, new ones float:
 * first fit would cost too much, and no screen shows them anyway. */
#define PLAN_COLUMN_MOST 512
/* The first few referrers of an object are kept: the first that lasts
 * (a name, or an object that outlives the statement making it) places it,
 * not the tuple an unpacking builds and drops at once. */
#define PLAN_CANDIDATES	4

struct life {
	uint64_t	 born;
	uint64_t	 until;		/* its place is free from here on */
	uint32_t	 born_step;	/* module steps of its birth and */
	uint32_t	 died_step;	/* death (UINT32_MAX: never) */
	uint32_t	 holders[PLAN_CANDIDATES]; /* HOLDER_FRAME, ids; then
					   HOLDER_NONE */
	bool		 folded[PLAN_CANDIDATES]; /* entered at a folded slot */
	uint32_t	 holder;	/* the one chosen */
	uint32_t	 rows;		/* the most its box shows */
	uint32_t	 most_count;	/* the most references it had that
					   are drawn: room for as many
					   arrowheads */
	int32_t		 class_holds;	/* a class: instances holding it */
	uint32_t	 column;	/* 0 until resolved */
	bool		 floats;	/* no row */
	bool		 reborn;	/* a shared object back after it went */
};

struct planner {
	const struct scene_options *o;
	struct life	*lives;		/* by id */
	uint32_t	 count;
	struct life	 scratch;
};

int
plan_box_height(uint32_t slots, uint32_t max_slots)
{
	uint32_t rows = slots;

	if (max_slots >= 3 && slots > max_slots)
		rows = max_slots;	/* max - 2 kept, the last, the fold */
	return (int)(rows == 0 ? 1 : rows) + 2;
}

/* The record of id; ids beyond the run's (none, if the timeline made
 * the heap) share a scratch record. */
static struct life *
life_of(struct planner *p, objid_t id)
{
	return id < p->count ? &p->lives[id] : &p->scratch;
}

/* As scene.c draws references: an instance's hold on its class never, a
 * function's constants when asked. */
static bool
drawn_site(uint8_t site, const struct scene_options *o)
{
	if (site == SITE_CLASS)
		return false;
	if (site == SITE_FUNC_CONST)
		return o->show_constants;
	return true;
}

struct slot_count {
	const struct scene_options *o;
	uint32_t	 n;
};

static bool
count_visit(void *ctx, const struct heap_ref *ref)
{
	struct slot_count *c = ctx;

	if (drawn_site(ref->site, c->o))
		c->n++;
	/* past the fold, the box is as tall as it gets */
	return c->o->max_slots < 3 || c->n <= c->o->max_slots;
}

static void
grow(struct planner *p, const struct heap *h, objid_t owner)
{
	struct slot_count	 c = { p->o, 0 };
	struct life		*l = life_of(p, owner);

	heap_visit_refs(h, owner, count_visit, &c);
	if (c.n > l->rows)
		l->rows = c.n;
}

/* Object `target` is referred to from slot position `pos` of `owner`
 * (HOLDER_FRAME: a name); the first such reference places it. */
static void
held(struct planner *p, objid_t target, uint32_t owner, uint32_t pos)
{
	struct life *l;

	if (target == OBJ_NULL)
		return;
	l = life_of(p, target);
	for (uint32_t k = 0; k < PLAN_CANDIDATES; k++) {
		if (l->holders[k] == owner)
			return;
		if (l->holders[k] != HOLDER_NONE)
			continue;
		l->holders[k] = owner;
		l->folded[k] = owner != HOLDER_FRAME && p->o->max_slots >= 3 &&
		    pos >= p->o->max_slots - 2;
		return;
	}
}

/* The module step event ev runs in. */
static uint32_t
module_step(const struct timeline *t, const struct event *ev)
{
	const struct timeline_step *s = &t->steps[ev->step];

	return s->parent < t->step_count ? s->parent : ev->step;
}

/* Chooses each object's referrer among its candidates: the first name,
 * or object that outlives the module step it was made in. */
static void
choose_holders(struct planner *p)
{
	for (uint32_t id = 1; id < p->count; id++) {
		struct life	*l = &p->lives[id];
		uint32_t	 pick = 0;

		for (uint32_t k = 0; k < PLAN_CANDIDATES &&
		    l->holders[k] != HOLDER_NONE; k++) {
			uint32_t h = l->holders[k];

			if (h == HOLDER_FRAME || (h < p->count &&
			    p->lives[h].died_step != p->lives[h].born_step)) {
				pick = k;
				break;
			}
		}
		l->holder = l->holders[pick];
		l->floats = (l->holder != HOLDER_NONE && l->folded[pick]) ||
		    l->reborn;
	}
}

/* Notes how many arrows may enter object id now: its count, less what
 * is never drawn (instances' holds on a class, a class's own). */
static void
count_arrows(struct planner *p, const struct heap *h, objid_t id)
{
	const struct object	*o = heap_object(h, id);
	struct life		*l = life_of(p, id);
	int32_t			 n = o->refcount - l->class_holds -
				    (o->type == OBJ_CLASS ?
				    HEAP_CLASS_INTERNAL_REFS : 0);

	if (n > 0 && (uint32_t)n > l->most_count)
		l->most_count = (uint32_t)n;
}

/* Object id goes at event ev (number i): its place is free once the
 * module step it goes in is over. */
static void
gone(struct planner *p, const struct timeline *t, const struct event *ev,
    objid_t id, uint64_t i)
{
	uint32_t	 top = module_step(t, ev);
	struct life	*l = life_of(p, id);

	l->died_step = top;
	l->until = t->steps[top].end_event > i ? t->steps[top].end_event :
	    i + 1;
}

/* Where a reference the event read in r added sits among its holder's
 * drawn rows, for held(): a dict entry is two rows, its key's and its
 * value's.  A value replaced in place (no key added with it) is placed
 * by its entry number, as the planner always placed it. */
static uint32_t
row_of(const struct event_reading *r, const struct event_ref *ref)
{
	switch (ref->site) {
	case SITE_SET:
		return 0;
	case SITE_DICT_KEY:
		return 2 * ref->slot;
	case SITE_DICT_VALUE:
		return r->added_count == 2 ? 2 * ref->slot + 1 : ref->slot;
	default:
		return ref->slot;
	}
}

/* The references event ev added: a name or a drawn slot is a candidate
 * referrer (and a box may grow), an instance's hold on its class is an
 * arrow never drawn. */
static void
observe_added(struct planner *p, const struct heap *h,
    const struct event_reading *r)
{
	objid_t grown = OBJ_NULL;

	for (uint8_t k = 0; k < r->added_count; k++) {
		const struct event_ref *ref = &r->added[k];

		if (ref->site == SITE_NAME)
			held(p, ref->target, HOLDER_FRAME, 0);
		else if (ref->site == SITE_CLASS)
			life_of(p, ref->target)->class_holds++;
		else if (event_ref_in_frame(ref) ||
		    !drawn_site(ref->site, p->o))
			continue;
		else {
			/* a function's constants are rows, not referrers */
			if (ref->site != SITE_FUNC_CONST)
				held(p, ref->target, ref->holder,
				    row_of(r, ref));
			grown = ref->holder;
		}
	}
	if (grown != OBJ_NULL)
		grow(p, h, grown);
}

static void
observe(struct planner *p, const struct timeline *t, const struct heap *h,
    const struct event *ev, uint64_t i)
{
	struct event_reading r;

	event_read(h, ev, &r);
	if (r.born != OBJ_NULL) {
		life_of(p, r.born)->born = i;
		life_of(p, r.born)->born_step = module_step(t, ev);
		count_arrows(p, h, r.born);
	}
	if (r.freed != OBJ_NULL)
		gone(p, t, ev, r.freed, i);
	/* a shared object nobody holds is not drawn: gone too */
	if (r.count_down != OBJ_NULL &&
	    (heap_object(h, r.count_down)->flags & OBJF_CACHED) &&
	    heap_object(h, r.count_down)->refcount == 0)
		gone(p, t, ev, r.count_down, i);
	if (r.count_up != OBJ_NULL) {
		/* back after it went: its place may be taken, it floats */
		if (life_of(p, r.count_up)->until != NEVER)
			life_of(p, r.count_up)->reborn = true;
		count_arrows(p, h, r.count_up);
	}
	observe_added(p, h, &r);
	for (uint8_t k = 0; k < r.removed_count; k++)
		if (r.removed[k].site == SITE_CLASS)
			life_of(p, r.removed[k].target)->class_holds--;
}

/* Columns and floating, along each chain of first referrers; a chain
 * that comes back on itself (a cycle no name ever held) starts at 1. */
static void
resolve(struct planner *p)
{
	uint32_t *chain = xcalloc(p->count + 1, sizeof *chain);

	for (uint32_t id = 1; id < p->count; id++) {
		uint32_t	n = 0, at = id, column = 0;
		bool		floats = false;

		while (at != HOLDER_NONE && at != HOLDER_FRAME &&
		    at < p->count && p->lives[at].column == 0) {
			p->lives[at].column = UINT32_MAX;	/* on the chain */
			chain[n++] = at;
			at = p->lives[at].holder;
		}
		if (at != HOLDER_NONE && at != HOLDER_FRAME && at < p->count &&
		    p->lives[at].column != UINT32_MAX) {
			column = p->lives[at].column;
			floats = p->lives[at].floats;
		}
		while (n > 0) {
			struct life *l = &p->lives[chain[--n]];

			column++;
			floats = floats || l->floats;
			l->column = column;
			l->floats = floats;
		}
	}
	xfree(chain);
}

/* A box placed in a column: rows [y, y + h) and a blank row after. */
struct placed {
	int32_t		 y, h;
	uint64_t	 until;
};

struct column_rows {
	struct placed	*boxes;		/* sorted by y */
	uint32_t	 count, cap;
};

/* The first row from `from` down where a box of height hgt fits among the
 * boxes of c still standing at moment `now`; drops those gone. */
static int32_t
first_fit(struct column_rows *c, uint64_t now, int32_t from, int32_t hgt,
    uint32_t *at)
{
	uint32_t	k = 0;
	int32_t		y = from;

	for (uint32_t i = 0; i < c->count; i++)
		if (c->boxes[i].until > now)
			c->boxes[k++] = c->boxes[i];
	c->count = k;
	for (k = 0; k < c->count; k++) {
		if (c->boxes[k].y >= y + hgt + 1)
			break;
		if (c->boxes[k].y + c->boxes[k].h + 1 > y)
			y = c->boxes[k].y + c->boxes[k].h + 1;
	}
	*at = k;
	return y;
}

static const struct life *sort_lives;

static int
compare_born(const void *a, const void *b)
{
	const struct life	*l = sort_lives;
	uint32_t		 i = *(const uint32_t *)a, j = *(const uint32_t *)b;

	if (l[i].column != l[j].column)
		return l[i].column < l[j].column ? -1 : 1;
	if (l[i].born != l[j].born)
		return l[i].born < l[j].born ? -1 : 1;
	return i < j ? -1 : i > j;
}

static void
assign_rows(struct planner *p, struct plan *pl)
{
	uint32_t		*ids = xcalloc(p->count + 1, sizeof *ids);
	uint32_t		 n = 0, columns = 0;
	struct column_rows	*cols;

	for (uint32_t id = 1; id < p->count; id++) {
		pl->column[id] = p->lives[id].column;
		pl->row[id] = PLAN_NO_ROW;
		if (p->lives[id].born == NEVER)
			continue;
		if (p->lives[id].column + 1 > columns)
			columns = p->lives[id].column + 1;
		if (!p->lives[id].floats)
			ids[n++] = id;
	}
	sort_lives = p->lives;
	qsort(ids, n, sizeof *ids, compare_born);
	cols = xcalloc(columns + 1, sizeof *cols);
	for (uint32_t k = 0; k < n; k++) {
		const struct life	*l = &p->lives[ids[k]];
		struct column_rows	*c = &cols[l->column];
		int32_t			 hgt = plan_box_height(l->rows,
					    p->o->max_slots);
		int32_t			 arrows = (int32_t)(l->most_count <
					    LAYOUT_ARROWS_MOST ? l->most_count :
					    LAYOUT_ARROWS_MOST) + 2;
		uint32_t		 at, up = l->holder;
		int32_t			 from = up != HOLDER_NONE &&
					    up != HOLDER_FRAME && up < p->count &&
					    pl->row[up] != PLAN_NO_ROW ?
					    pl->row[up] : 0;
		int32_t			 y;

		if (arrows > hgt)
			hgt = arrows;	/* an arrowhead for each reference */
		y = first_fit(c, l->born, from, hgt, &at);
		if (c->count >= PLAN_COLUMN_MOST)
			continue;	/* it floats */
		if (c->count == c->cap) {
			c->cap = c->cap ? 2 * c->cap : 16;
			c->boxes = xreallocarray(c->boxes, c->cap,
			    sizeof *c->boxes);
		}
		memmove(&c->boxes[at + 1], &c->boxes[at], (c->count - at) *
		    sizeof *c->boxes);
		c->boxes[at] = (struct placed){ y, hgt, l->until };
		c->count++;
		pl->row[ids[k]] = y;
	}
	for (uint32_t c = 0; c <= columns; c++)
		xfree(cols[c].boxes);
	xfree(cols);
	xfree(ids);
}

void
plan_build(struct plan *pl, const struct timeline *t, struct heap *h,
    const struct scene_options *o)
{
	struct planner	 p = { .o = o };
	uint64_t	 home = h->position;

	/* every id the run uses exists at its end */
	timeline_seek(t, h, t->event_count);
	p.count = h->object_count + 1;
	p.lives = xcalloc(p.count, sizeof *p.lives);
	for (uint32_t i = 0; i < p.count; i++) {
		p.lives[i].until = p.lives[i].born = NEVER;
		p.lives[i].died_step = UINT32_MAX;
	}
	timeline_seek(t, h, 0);
	/* what stands before the first event was born with the run */
	for (objid_t id = 1; id < h->object_count; id++)
		if (heap_object(h, id)->state == OBJ_ALIVE)
			life_of(&p, id)->born = 0;
	for (uint64_t i = 0; i < t->event_count; i++) {
		event_apply(h, &t->events[i]);
		observe(&p, t, h, &t->events[i], i);
	}
	timeline_seek(t, h, home);
	choose_holders(&p);
	resolve(&p);
	memset(pl, 0, sizeof *pl);
	pl->count = p.count;
	pl->column = xcalloc(p.count, sizeof *pl->column);
	pl->row = xcalloc(p.count, sizeof *pl->row);
	assign_rows(&p, pl);
	xfree(p.lives);
}

void
plan_free(struct plan *pl)
{
	xfree(pl->column);
	xfree(pl->row);
	memset(pl, 0, sizeof *pl);
}
