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
#define HOLDER_FRAME	UINT32_MAX	/* a name of the module's */
#define HOLDER_LOCAL	(UINT32_MAX - 1) /* a function's local: chosen, it
					   is HOLDER_FRAME */
/* Beyond this many living planned boxes in one column, new ones float:
 * first fit would cost too much, and no screen shows them anyway. */
#define PLAN_COLUMN_MOST 512
/* The first few referrers of an object are kept, with how long each
 * holds it (choose_holders). */
#define PLAN_CANDIDATES	4

/* How long a referrer holds an object: over how many module step ends
 * (the settled moments a class looks at), then over how many events. */
struct hold {
	uint32_t	 active;	/* its references to it now */
	uint32_t	 ends_from;	/* since when (while active) */
	uint64_t	 events_from;
	uint32_t	 ends;		/* held, in total */
	uint64_t	 events;
};

struct life {
	uint32_t	 holders[PLAN_CANDIDATES]; /* HOLDER_FRAME, _LOCAL, ids; then
					   HOLDER_NONE */
	struct hold	 holds[PLAN_CANDIDATES];
	uint32_t	 holder_stint[PLAN_CANDIDATES]; /* the holder's box
					   then (NO_STINT: a frame) */
	uint64_t	 step_end[PLAN_CANDIDATES]; /* the end of the module
					   step the reference came in */
	bool		 folded[PLAN_CANDIDATES]; /* entered at a folded slot */
	uint32_t	 holder;	/* the one chosen */
	uint32_t	 rows;		/* the most its box shows */
	uint32_t	 most_count;	/* the most references it had that
					   are drawn: room for as many
					   arrowheads */
	int32_t		 class_holds;	/* a class: what holds it undrawn --
					   its instances, and its living
					   subclasses HEAP_CLASS_BASE_REFS
					   times each */
	uint32_t	 column;	/* 0 until resolved */
	bool		 floats;	/* no row */
	bool		 defines;	/* a function or a class */
	bool		 frame_object;	/* a frame object (it takes over the
					   locals of its frame) */
	bool		 definition;	/* a definition, or hangs off one
					   (resolve) */
	bool		 hangs;		/* its holder is a frame object: it
					   stands under it, in its column */

	/* whether it has a box now, as the scene decides: it has one while
	 * something other than the constants (and what only they hold)
	 * refers to it -- a name, the stack, a drawn box */
	uint32_t	 quiet;		/* references from constants, and
					   from objects with no box */
	bool		 boxed;
	uint32_t	 first, last;	/* its stints, or NO_STINT */
};

/* A stretch of an object's life with a box: its place is its own from
 * `born` until `until` (the end of the module step its box went in). */
struct stint {
	objid_t		 id;
	uint64_t	 born;		/* the event that gave it a box */
	uint64_t	 until;
	uint32_t	 next;		/* the id's next stint, or NO_STINT */
	uint64_t	 taken;		/* its turn to be placed: born, or
					   after what it hangs under
					   (hang_order) */
	uint32_t	 under;		/* frame objects it hangs under */
};

#define NO_STINT	PLAN_NO_STINT

struct planner {
	const struct scene_options *o;
	const struct timeline *t;
	struct life	*lives;		/* by id */
	uint32_t	 count;
	struct life	 scratch;
	struct stint	*stints;
	uint32_t	 stint_count, stint_cap;
	objid_t		*work;		/* objects whose box may come or go */
	uint32_t	 work_len, work_cap;
	bool		 weak;		/* a weakref has been made: boxes take
					   their weak arrows too */
	uint32_t	 ends;		/* module step ends passed */
	uint64_t	 now;		/* events applied */
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
	/* a weakref's referent: one more slot (scene.c's weak slot) */
	if (heap_weak_target(h, owner) != OBJ_NULL)
		c.n++;
	if (c.n > l->rows)
		l->rows = c.n;
}

/* The module step event ev runs in. */
static uint32_t
module_step(const struct timeline *t, const struct event *ev)
{
	const struct timeline_step *s = &t->steps[ev->step];

	return s->parent < t->step_count ? s->parent : ev->step;
}

/* Object `target` is referred to from slot position `pos` of `owner`
 * (HOLDER_FRAME, HOLDER_LOCAL: a name; `boxed`: the owner has a box): its hold
 * on it begins, or one more of its references -- a new candidate only
 * while it has a box (not a constant tuple). */
static void
held(struct planner *p, const struct event *ev, objid_t target,
    uint32_t owner, uint32_t pos, bool boxed)
{
	struct life *l;

	if (target == OBJ_NULL)
		return;
	l = life_of(p, target);
	for (uint32_t k = 0; k < PLAN_CANDIDATES; k++) {
		struct hold *d = &l->holds[k];

		if (l->holders[k] == HOLDER_NONE) {
			if (!boxed)
				return;
			bool object = owner < HOLDER_LOCAL;

			l->holders[k] = owner;
			l->folded[k] = object && p->o->max_slots >= 3 &&
			    pos >= p->o->max_slots - 2;
			l->holder_stint[k] = object ? life_of(p, owner)->last :
			    NO_STINT;
			l->step_end[k] = p->t->steps[module_step(p->t,
			    ev)].end_event;
		} else if (l->holders[k] != owner)
			continue;
		if (d->active++ == 0) {
			d->ends_from = p->ends;
			d->events_from = p->now;
		}
		return;
	}
}

/* One of owner's references to target is gone. */
static void
let_go(struct planner *p, objid_t target, uint32_t owner)
{
	struct life *l = life_of(p, target);

	for (uint32_t k = 0; k < PLAN_CANDIDATES &&
	    l->holders[k] != HOLDER_NONE; k++) {
		struct hold *d = &l->holds[k];

		if (l->holders[k] != owner || d->active == 0)
			continue;
		if (--d->active == 0) {
			d->ends += p->ends - d->ends_from;
			d->events += p->now - d->events_from;
		}
		return;
	}
}

/* Whether hold a is longer than b: over more module step ends, or as
 * many and more events. */
static bool
longer(const struct hold *a, const struct hold *b)
{
	if (a->ends != b->ends)
		return a->ends > b->ends;
	return a->events > b->events;
}

/* How far up a chain of referrers makes_ring looks: rings are short,
 * and a longer one is still drawn (resolve starts it at column 1). */
#define PLAN_RING_LOOK	64

/* Whether a chain of referrers from `holder` up comes back to id. */
static bool
makes_ring(const struct planner *p, objid_t id, uint32_t holder)
{
	for (uint32_t n = 0; n < PLAN_RING_LOOK && holder != HOLDER_NONE &&
	    holder != HOLDER_FRAME && holder < p->count; n++) {
		if (holder == id)
			return true;
		holder = p->lives[holder].holder;
	}
	return false;
}

/* Whether candidate k of l holds it beyond the statement that gave it
 * the reference: a name, or an object whose box outlasts the module step
 * in which it took it (not the tuple an unpacking builds and drops at
 * once, nor a constant tuple built in the set-up). */
static bool
lasts(const struct planner *p, const struct life *l, uint32_t k)
{
	uint32_t st = l->holder_stint[k];

	return l->holders[k] >= HOLDER_LOCAL || (st != NO_STINT &&
	    p->stints[st].until > l->step_end[k]);
}

/* Chooses id's referrer (choose_holders); with `rings`, one that does
 * not lead back to it, a local of a function's rather than none. */
static void
pick_holder(struct planner *p, objid_t id, bool rings)
{
	struct life	*l = &p->lives[id];
	uint32_t	 pick = 0, n = 0;

	while (n < PLAN_CANDIDATES && l->holders[n] != HOLDER_NONE)
		n++;
	for (uint32_t k = 0; k < n; k++) {
		bool outheld = false;

		if (!lasts(p, l, k) || (rings && makes_ring(p, id,
		    l->holders[k])))
			continue;
		for (uint32_t j = k + 1; j < n && !rings; j++)
			outheld = outheld || (l->holders[k] == HOLDER_LOCAL &&
			    l->holders[j] < p->count &&
			    p->lives[l->holders[j]].frame_object &&
			    longer(&l->holds[j], &l->holds[k]));
		if (outheld)
			continue;
		pick = k;
		break;
	}
	l->holder = l->holders[pick] == HOLDER_LOCAL ? HOLDER_FRAME :
	    l->holders[pick];
	l->floats = l->holder != HOLDER_NONE && l->folded[pick];
}

/*
 * Chooses each object's referrer among its candidates: the first that
 * lasts (a name, or an object that outlives the statement making it) --
 * but not a function's local that the function's frame object holds
 * longer, over the module step ends a class looks at (then over the
 * events): a frame object takes over the locals of its frame when the
 * function returns or raises (a traceback keeps it), and what they hold
 * hangs under it (resolve: in its column, as the frame's names would
 * list it), with which the picture shows it for most of its life, and
 * not by a frame long gone.  (Only then: a node a function
 * makes and hands to a parent's attribute keeps the column its `self`
 * gave it, as every lesson has it.)
 * Where that makes a ring (a function's cycle: its exception, the
 * traceback, the frame object holding the local that holds the
 * exception), its first-born member keeps its first referrer, so the
 * ring is drawn from the object the function made first.
 */
static void
choose_holders(struct planner *p)
{
	for (uint32_t id = 1; id < p->count; id++)
		pick_holder(p, id, false);
	for (uint32_t id = 1; id < p->count; id++)
		if (makes_ring(p, id, p->lives[id].holder))
			pick_holder(p, id, true);
	for (uint32_t id = 1; id < p->count; id++) {
		uint32_t holder = p->lives[id].holder;

		/* (its f_back, the frame object of the frame that called
		 * it, is no local: frames stand side by side) */
		p->lives[id].hangs = holder != HOLDER_NONE &&
		    holder < p->count && p->lives[holder].frame_object &&
		    !p->lives[id].frame_object;
	}
}

/* Notes how many arrows may enter object id now: its count, less what
 * is never drawn (instances' holds on a class, a class's own -- one, its
 * __mro__, for a class with a base, whose descriptors are the base's --,
 * the constants). */
static void
count_arrows(struct planner *p, const struct heap *h, objid_t id)
{
	const struct object	*o = heap_object(h, id);
	struct life		*l = life_of(p, id);
	int32_t			 n = o->refcount - l->class_holds -
				    (int32_t)l->quiet - (o->type == OBJ_CLASS &&
				    o->as.cls != NULL ? o->as.cls->internal : 0);

	/* each weakref's arrow needs an arrowhead too, though it counts
	 * nothing */
	if (p->weak && heap_weakrefable(h, id))
		n += (int32_t)heap_weakrefs_of(h, id, NULL, 0);
	if (n > 0 && (uint32_t)n > l->most_count)
		l->most_count = (uint32_t)n;
}

/* Class id, born (by +1) or freed (-1), holds its base, if it has one,
 * as scene.c counts it: HEAP_CLASS_BASE_REFS references, none drawn. */
static void
subclass_holds(struct planner *p, const struct heap *h, objid_t id, int by)
{
	const struct object *o;

	if (id == OBJ_NULL)
		return;
	o = heap_object(h, id);
	if (o->type == OBJ_CLASS && o->as.cls != NULL &&
	    o->as.cls->base != OBJ_NULL)
		life_of(p, o->as.cls->base)->class_holds +=
		    by * HEAP_CLASS_BASE_REFS;
}

/*
 * The event after which the place of a box that goes at event i, and had
 * come at `born`, is free: the end of the module step it goes in, so
 * nothing moves into it while it goes (the step's end shows what the
 * step freed, in its place).  A box that came and goes within one line of
 * a function (a temporary: the `100` of `size > 100`, the class a
 * `raise` calls) is shown at no step's end: its place is free at the end
 * of that line (a freed one's releases are over by then), and does not
 * keep what the function makes next from the top of the column.
 */
static uint64_t
place_free(const struct timeline *t, const struct event *ev, uint64_t i,
    uint64_t born)
{
	const struct timeline_step	*line = &t->steps[ev->step];
	uint32_t			 top = module_step(t, ev);
	uint64_t			 end = t->steps[top].end_event;

	if (line->depth > 0 && born > line->first_event)
		end = line->end_event;
	return end > i ? end : i + 1;
}

/* Object id gets a box at event i (UINT64_MAX: before the first): a new
 * stint, or its last one again when its place is still its own. */
static void
stint_open(struct planner *p, objid_t id, uint64_t i)
{
	struct life	*l = life_of(p, id);
	uint64_t	 born = i == UINT64_MAX ? 0 : i + 1;
	struct stint	*st;

	if (l == &p->scratch)
		return;
	if (l->last != NO_STINT && p->stints[l->last].until >= born) {
		p->stints[l->last].until = NEVER;
		return;
	}
	if (p->stint_count == p->stint_cap) {
		p->stint_cap = p->stint_cap ? 2 * p->stint_cap : 64;
		p->stints = xreallocarray(p->stints, p->stint_cap,
		    sizeof *p->stints);
	}
	st = &p->stints[p->stint_count];
	*st = (struct stint){ .id = id, .born = born, .until = NEVER,
	    .next = NO_STINT, .taken = born };
	if (l->last != NO_STINT)
		p->stints[l->last].next = p->stint_count;
	else
		l->first = p->stint_count;
	l->last = p->stint_count++;
}

static void
stint_close(struct planner *p, const struct event *ev, objid_t id,
    uint64_t i)
{
	struct life *l = life_of(p, id);

	if (l != &p->scratch && l->last != NO_STINT &&
	    p->stints[l->last].until == NEVER)
		p->stints[l->last].until = ev == NULL ? 0 :
		    place_free(p->t, ev, i, p->stints[l->last].born);
}


/* ---- which objects have a box ---- */

static void
work_push(struct planner *p, objid_t id)
{
	if (id == OBJ_NULL || id >= p->count)
		return;
	if (p->work_len == p->work_cap) {
		p->work_cap = p->work_cap ? 2 * p->work_cap : 64;
		p->work = xreallocarray(p->work, p->work_cap, sizeof *p->work);
	}
	p->work[p->work_len++] = id;
}

struct quieting {
	struct planner	*p;
	int		 by;
};

static bool
quiet_visit(void *ctx, const struct heap_ref *ref)
{
	struct quieting *q = ctx;

	life_of(q->p, ref->target)->quiet += (uint32_t)q->by;
	work_push(q->p, ref->target);
	return true;
}

/* Whether object id has a box in the scene now: alive and referred to by
 * more than the quiet references (or at 0, being freed, unless shared:
 * a shared object nobody holds is not drawn); a ghost keeps what it had. */
static bool
boxed_now(struct planner *p, const struct heap *h, objid_t id)
{
	const struct object *o = heap_object(h, id);

	if (o->state == OBJ_FREED)
		return life_of(p, id)->boxed;
	if (o->state != OBJ_ALIVE)
		return false;
	if (o->refcount == 0)
		return !(o->flags & OBJF_CACHED);
	return (uint32_t)o->refcount > life_of(p, id)->quiet;
}

/* Settles the objects on the work list (event i, ev; UINT64_MAX: the
 * start): each whose box comes or goes opens or closes a stint, and what
 * it refers to becomes loud or quiet with it. */
static void
settle(struct planner *p, const struct heap *h, const struct event *ev,
    uint64_t i)
{
	while (p->work_len > 0) {
		objid_t		 id = p->work[--p->work_len];
		struct life	*l = life_of(p, id);
		bool		 now = boxed_now(p, h, id);
		struct quieting	 q = { p, now ? -1 : +1 };

		if (now == l->boxed)
			continue;
		l->boxed = now;
		if (now)
			stint_open(p, id, i);
		else
			stint_close(p, ev, id, i);
		heap_visit_refs(h, id, quiet_visit, &q);
	}
}

/* A reference ref came (by +1) or went (-1): from a constant or from an
 * object with no box, it is quiet. */
static void
quiet_ref(struct planner *p, const struct event_ref *ref, int by)
{
	if (ref->site == SITE_CONST ? true : event_ref_in_frame(ref) ? false :
	    !life_of(p, ref->holder)->boxed)
		life_of(p, ref->target)->quiet += (uint32_t)by;
	work_push(p, ref->target);
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

/* The references event ev added (read in r): a name or a drawn slot is a candidate
 * referrer (and a box may grow), an instance's hold on its class is an
 * arrow never drawn. */
static void
observe_added(struct planner *p, const struct heap *h,
    const struct event *ev, const struct event_reading *r)
{
	objid_t grown = OBJ_NULL;

	for (uint8_t k = 0; k < r->added_count; k++) {
		const struct event_ref *ref = &r->added[k];

		if (ref->site == SITE_NAME)
			held(p, ev, ref->target, ref->holder == 0 ?
			    HOLDER_FRAME : HOLDER_LOCAL, 0, true);
		else if (ref->site == SITE_CLASS)
			life_of(p, ref->target)->class_holds++;
		else if (event_ref_in_frame(ref) ||
		    !drawn_site(ref->site, p->o))
			continue;
		else {
			/* a function's constants are rows, not referrers;
			 * nor is what has no box (a constant tuple) */
			if (ref->site != SITE_FUNC_CONST)
				held(p, ev, ref->target, ref->holder,
				    row_of(r, ref),
				    life_of(p, ref->holder)->boxed);
			grown = ref->holder;
		}
	}
	if (grown != OBJ_NULL)
		grow(p, h, grown);
}

static void
observe(struct planner *p, const struct heap *h, const struct event *ev,
    uint64_t i)
{
	struct event_reading r;

	event_read(h, ev, &r);
	if (r.freed != OBJ_NULL)
		stint_close(p, ev, r.freed, i);
	subclass_holds(p, h, r.born, +1);
	subclass_holds(p, h, r.freed, -1);
	for (uint8_t k = 0; k < r.added_count; k++)
		quiet_ref(p, &r.added[k], +1);
	for (uint8_t k = 0; k < r.removed_count; k++)
		quiet_ref(p, &r.removed[k], -1);
	work_push(p, r.born);
	work_push(p, r.count_up);
	work_push(p, r.count_down);
	settle(p, h, ev, i);
	if (r.born != OBJ_NULL)
		count_arrows(p, h, r.born);
	/* a weakref is born with its weak slot, and its arrow into its
	 * referent */
	if (r.born != OBJ_NULL && heap_weak_target(h, r.born) != OBJ_NULL) {
		p->weak = true;
		grow(p, h, r.born);
		count_arrows(p, h, heap_weak_target(h, r.born));
	}
	if (r.count_up != OBJ_NULL)
		count_arrows(p, h, r.count_up);
	observe_added(p, h, ev, &r);
	for (uint8_t k = 0; k < r.removed_count; k++) {
		const struct event_ref *ref = &r.removed[k];

		if (ref->site == SITE_CLASS)
			life_of(p, ref->target)->class_holds--;
		else if (ref->site == SITE_NAME)
			let_go(p, ref->target, ref->holder == 0 ?
			    HOLDER_FRAME : HOLDER_LOCAL);
		else if (!event_ref_in_frame(ref))
			let_go(p, ref->target, ref->holder);
	}
}

/* Columns and floating, along each chain of first referrers (what a
 * frame object holds: its column, hung under it -- not a column right of
 * the frame object, which stands at the right of the exception and its
 * tracebacks, where a projector's screen ends); a chain that comes back
 * on itself (a cycle no name ever held) starts at 1.
 *
 * The definitions -- a function or a class a frame's name holds first,
 * and what hangs off them -- stand right of the data, in columns of
 * their own after the data's last: a lesson is about the objects its
 * statements make, and the `def` and `class` lines it needs to make them
 * come first, so the first columns would otherwise be theirs for the
 * whole run, and what the lesson is about pushed off a projector's
 * screen.  Early on, while only they live, the data's columns are empty
 * and take no room: they still stand next to the frames. */
static void
resolve(struct planner *p)
{
	uint32_t	*chain = xcalloc(p->count + 1, sizeof *chain);
	uint32_t	 data_columns = 0;

	for (uint32_t id = 1; id < p->count; id++) {
		uint32_t	n = 0, at = id, column = 0;
		bool		floats = false, definition = false;

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
			definition = p->lives[at].definition;
		}
		while (n > 0) {
			struct life *l = &p->lives[chain[--n]];

			/* what a frame object holds stands under it */
			if (!l->hangs || column == 0)
				column++;
			floats = floats || l->floats;
			/* (a function a list holds is data) */
			definition = definition || (column == 1 && l->defines);
			l->column = column;
			l->floats = floats;
			l->definition = definition;
		}
	}
	for (uint32_t id = 1; id < p->count; id++)
		if (!p->lives[id].definition &&
		    p->lives[id].column > data_columns)
			data_columns = p->lives[id].column;
	for (uint32_t id = 1; id < p->count; id++)
		if (p->lives[id].definition)
			p->lives[id].column += data_columns;
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
 * boxes of c still standing at moment `now`; drops those gone by `keep`
 * (no box still to be placed is born before it). */
static int32_t
first_fit(struct column_rows *c, uint64_t now, uint64_t keep, int32_t from,
    int32_t hgt, uint32_t *at)
{
	uint32_t	k = 0;
	int32_t		y = from;

	for (uint32_t i = 0; i < c->count; i++)
		if (c->boxes[i].until > keep)
			c->boxes[k++] = c->boxes[i];
	c->count = k;
	for (k = 0; k < c->count; k++) {
		if (c->boxes[k].until <= now)
			continue;
		if (c->boxes[k].y >= y + hgt + 1)
			break;
		if (c->boxes[k].y + c->boxes[k].h + 1 > y)
			y = c->boxes[k].y + c->boxes[k].h + 1;
	}
	for (k = 0; k < c->count && c->boxes[k].y < y; k++)
		;
	*at = k;
	return y;
}

static const struct planner *sort_planner;

static int
compare_born(const void *a, const void *b)
{
	const struct planner	*p = sort_planner;
	const struct stint	*x = &p->stints[*(const uint32_t *)a];
	const struct stint	*y = &p->stints[*(const uint32_t *)b];
	uint32_t		 cx = p->lives[x->id].column;
	uint32_t		 cy = p->lives[y->id].column;

	if (cx != cy)
		return cx < cy ? -1 : 1;
	if (x->taken != y->taken)
		return x->taken < y->taken ? -1 : 1;
	if (x->under != y->under)
		return x->under < y->under ? -1 : 1;
	if (x->born != y->born)
		return x->born < y->born ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

/*
 * What hangs under a frame object is placed after it, from its row down
 * -- though it is often born first: a function's locals come before the
 * frame object that takes them over when the function raises.  So its
 * stints take their turn right after the frame object's first (`taken`,
 * then `under`), and are placed among the boxes standing from their own
 * birth on (assign_rows keeps those that went since).
 */
static void
hang_order(struct planner *p)
{
	for (uint32_t id = 1; id < p->count; id++) {
		const struct life	*l = &p->lives[id];
		uint32_t		 at = l->holder;

		if (!l->hangs || p->lives[at].first == NO_STINT)
			continue;
		for (uint32_t k = l->first; k != NO_STINT;
		    k = p->stints[k].next) {
			struct stint *st = &p->stints[k];

			if (st->taken < p->stints[p->lives[at].first].born)
				st->taken = p->stints[p->lives[at].first].born;
			st->under = 1;
		}
	}
}

/* The stint of id standing at position `at` (the last begun by then),
 * or NO_STINT. */
static uint32_t
stint_at(const struct plan *pl, objid_t id, uint64_t at)
{
	uint32_t found = NO_STINT;

	if (id >= pl->count)
		return NO_STINT;
	for (uint32_t k = pl->first[id]; k != NO_STINT &&
	    pl->stints[k].from <= at; k = pl->stints[k].next)
		found = k;
	return found;
}

/* The row of the stint of id standing at position `at`, or PLAN_NO_ROW. */
static int32_t
row_at(const struct plan *pl, objid_t id, uint64_t at)
{
	uint32_t k = stint_at(pl, id, at);

	return k == NO_STINT ? PLAN_NO_ROW : pl->stints[k].row;
}

int32_t
plan_row(const struct plan *pl, objid_t id, uint64_t position)
{
	return row_at(pl, id, position);
}

uint32_t
plan_column(const struct plan *pl, objid_t id, uint64_t position)
{
	uint32_t k = stint_at(pl, id, position);

	if (id >= pl->count)
		return 0;
	return k == NO_STINT ? pl->column[id] : pl->stints[k].column;
}

/* A column's boxes stand in up to this many columns side by side when
 * they would be taller than the rows the screen gives the graph. */
#define PLAN_SPREAD_MOST 8
#define NO_SUB		UINT32_MAX

/* The columns one column of the flow is spread over, each with its own
 * boxes. */
struct spread {
	struct column_rows	 sub[PLAN_SPREAD_MOST];
	uint32_t		 count;		/* at least 1 */
};

/*
 * Where a stint of height hgt born at `now` goes in column c: the first of
 * its side-by-side columns where it fits within `rows` (from its
 * referrer's row `from` down, or else from the top); a new one when none
 * has room; the one where it stands highest when no more can be opened.
 * Each stint is a place of its own, chosen afresh like its row: a
 * constant given a box a moment at the run's start (where the first
 * column is crowded) must not stand out of the way for the rest of it.
 * *sub is set to the side-by-side column chosen.
 */
static int32_t
spread_fit(struct spread *c, uint64_t now, uint64_t keep, int32_t from,
    int32_t hgt, int32_t rows, uint32_t *sub, uint32_t *at)
{
	int32_t		best_y = INT32_MAX, y;
	uint32_t	best = 0, best_at = 0, k;

	for (k = 0; k < c->count; k++) {
		y = first_fit(&c->sub[k], now, keep, from, hgt, at);
		if (rows <= 0 || y + hgt <= rows)
			goto found;
		y = first_fit(&c->sub[k], now, keep, 0, hgt, at);
		if (y + hgt <= rows)
			goto found;
		if (y < best_y) {
			best_y = y;
			best = k;
			best_at = *at;
		}
	}
	if (c->count < PLAN_SPREAD_MOST) {
		k = c->count++;
		y = first_fit(&c->sub[k], now, keep, 0, hgt, at);
		goto found;
	}
	*sub = best;
	*at = best_at;
	return best_y;
found:
	*sub = k;
	return y;
}

static void
assign_rows(struct planner *p, struct plan *pl)
{
	uint32_t		*order = xcalloc(p->stint_count + 1,
				    sizeof *order);
	uint32_t		*sub = xcalloc(p->stint_count + 1,
				    sizeof *sub);	/* by stint */
	uint32_t		*base;
	uint64_t		*keep;
	uint32_t		 n = 0, columns = 0;
	struct spread		*cols;

	for (uint32_t id = 1; id < p->count; id++) {
		pl->column[id] = p->lives[id].column;
		pl->first[id] = p->lives[id].first;
		pl->hangs[id] = p->lives[id].hangs;
		if (p->lives[id].column + 1 > columns)
			columns = p->lives[id].column + 1;
	}
	for (uint32_t k = 0; k < p->stint_count; k++) {
		pl->stints[k] = (struct plan_stint){ .from = p->stints[k].born,
		    .row = PLAN_NO_ROW, .next = p->stints[k].next };
		if (!p->lives[p->stints[k].id].floats)
			order[n++] = k;
	}
	hang_order(p);
	sort_planner = p;
	qsort(order, n, sizeof *order, compare_born);
	/* a box gone before the birth of every box still to be placed in
	 * its column is no obstacle to any of them */
	keep = xcalloc(n + 1, sizeof *keep);
	for (uint32_t k = n; k-- > 0;) {
		const struct stint *st = &p->stints[order[k]];

		keep[k] = st->born;
		if (k + 1 < n && p->lives[p->stints[order[k + 1]].id].column ==
		    p->lives[st->id].column && keep[k + 1] < keep[k])
			keep[k] = keep[k + 1];
	}
	cols = xcalloc(columns + 1, sizeof *cols);
	for (uint32_t c = 0; c <= columns; c++)
		cols[c].count = 1;
	for (uint32_t k = 0; k < p->stint_count; k++)
		sub[k] = NO_SUB;	/* (a floating one's: the first) */
	for (uint32_t k = 0; k < n; k++) {
		const struct stint	*st = &p->stints[order[k]];
		const struct life	*l = &p->lives[st->id];
		struct column_rows	*c;
		int32_t			 hgt = plan_box_height(l->rows,
					    p->o->max_slots);
		int32_t			 arrows = (int32_t)(l->most_count <
					    LAYOUT_ARROWS_MOST ? l->most_count :
					    LAYOUT_ARROWS_MOST) + 2;
		uint32_t		 at, hung, up = l->holder;
		int32_t			 from = up != HOLDER_NONE &&
					    up != HOLDER_FRAME && up < p->count ?
					    row_at(pl, up, st->born) : 0;
		int32_t			 y;

		/* a list made after its items: from its first row */
		if (from == PLAN_NO_ROW && up != HOLDER_NONE &&
		    up != HOLDER_FRAME && up < p->count &&
		    pl->first[up] != NO_STINT)
			from = pl->stints[pl->first[up]].row;
		if (from == PLAN_NO_ROW)
			from = 0;
		if (arrows > hgt)
			hgt = arrows;	/* an arrowhead for each reference */
		/* (born first, it hangs under the frame object's first) */
		hung = !l->hangs ? NO_STINT : stint_at(pl, up, st->born) !=
		    NO_STINT ? stint_at(pl, up, st->born) : pl->first[up];
		if (hung != NO_STINT && sub[hung] != NO_SUB) {
			/* under its frame object, beside which it is read,
			 * even past the rows: it never moves away from it */
			sub[order[k]] = sub[hung];
			y = first_fit(&cols[l->column].sub[sub[hung]],
			    st->born, keep[k], from, hgt, &at);
		} else
			y = spread_fit(&cols[l->column], st->born, keep[k],
			    from, hgt, p->o->plan_rows, &sub[order[k]], &at);
		c = &cols[l->column].sub[sub[order[k]]];
		if (c->count >= PLAN_COLUMN_MOST)
			continue;	/* it floats */
		if (c->count == c->cap) {
			c->cap = c->cap ? 2 * c->cap : 16;
			c->boxes = xreallocarray(c->boxes, c->cap,
			    sizeof *c->boxes);
		}
		memmove(&c->boxes[at + 1], &c->boxes[at], (c->count - at) *
		    sizeof *c->boxes);
		c->boxes[at] = (struct placed){ y, hgt, st->until };
		c->count++;
		pl->stints[order[k]].row = y;
	}
	/* the columns of the flow, each spread over its side-by-side ones */
	base = xcalloc(columns + 2, sizeof *base);
	for (uint32_t c = 0; c <= columns; c++)
		base[c + 1] = base[c] + cols[c].count;
	for (uint32_t k = 0; k < p->stint_count; k++) {
		uint32_t flow = p->lives[p->stints[k].id].column;

		if (flow != 0)
			pl->stints[k].column = base[flow] +
			    (sub[k] != NO_SUB ? sub[k] : 0);
	}
	for (uint32_t id = 1; id < p->count; id++)
		if (pl->column[id] != 0)
			pl->column[id] = pl->first[id] != NO_STINT ?
			    pl->stints[pl->first[id]].column :
			    base[pl->column[id]];
	for (uint32_t c = 0; c <= columns; c++)
		for (uint32_t k = 0; k < cols[c].count; k++)
			xfree(cols[c].sub[k].boxes);
	xfree(cols);
	xfree(base);
	xfree(sub);
	xfree(keep);
	xfree(order);
}

void
plan_build(struct plan *pl, const struct timeline *t, struct heap *h,
    const struct scene_options *o)
{
	struct planner	 p = { .o = o, .t = t };
	uint64_t	 home = h->position;

	/* every id the run uses exists at its end */
	timeline_seek(t, h, t->event_count);
	p.count = h->object_count + 1;
	p.lives = xcalloc(p.count, sizeof *p.lives);
	for (uint32_t i = 0; i < p.count; i++) {
		p.lives[i].first = p.lives[i].last = NO_STINT;
		if (i > 0 && i < h->object_count) {
			uint8_t type = heap_object(h, i)->type;

			p.lives[i].defines = type == OBJ_FUNCTION ||
			    type == OBJ_CLASS;
			p.lives[i].frame_object = type == OBJ_ITER &&
			    heap_object(h, i)->as.iter != NULL &&
			    heap_object(h, i)->as.iter->kind == ITER_FRAME;
		}
	}
	p.scratch.first = p.scratch.last = NO_STINT;
	timeline_seek(t, h, 0);
	/* what stands before the first event was born with the run: every
	 * reference quiet at first, then those of what has a box loud */
	for (uint32_t f = 0; f < h->frame_count; f++)
		for (uint32_t i = 0; i < h->frames[f].const_count; i++)
			life_of(&p, h->frames[f].consts[i])->quiet++;
	for (objid_t id = 1; id < h->object_count; id++)
		if (heap_object(h, id)->state == OBJ_ALIVE) {
			struct quieting q = { &p, +1 };

			heap_visit_refs(h, id, quiet_visit, &q);
			subclass_holds(&p, h, id, +1);
			work_push(&p, id);
		}
	settle(&p, h, NULL, UINT64_MAX);
	for (objid_t id = 1; id < h->object_count; id++)
		if (heap_object(h, id)->state == OBJ_ALIVE)
			count_arrows(&p, h, id);
	for (uint64_t i = 0; i < t->event_count; i++) {
		event_apply(h, &t->events[i]);
		observe(&p, h, &t->events[i], i);
		p.now = i + 1;
		if (t->steps[module_step(t, &t->events[i])].end_event == i + 1)
			p.ends++;
	}
	/* the holds still on at the end last until then */
	for (uint32_t id = 1; id < p.count; id++)
		for (uint32_t k = 0; k < PLAN_CANDIDATES; k++)
			if (p.lives[id].holds[k].active > 0) {
				p.lives[id].holds[k].active = 1;
				let_go(&p, id, p.lives[id].holders[k]);
			}
	timeline_seek(t, h, home);
	choose_holders(&p);
	resolve(&p);
	memset(pl, 0, sizeof *pl);
	pl->count = p.count;
	pl->column = xcalloc(p.count, sizeof *pl->column);
	pl->first = xcalloc(p.count, sizeof *pl->first);
	pl->hangs = xcalloc(p.count, sizeof *pl->hangs);
	pl->stints = xcalloc(p.stint_count + 1, sizeof *pl->stints);
	pl->stint_count = p.stint_count;
	assign_rows(&p, pl);
	xfree(p.stints);
	xfree(p.work);
	xfree(p.lives);
}

void
plan_free(struct plan *pl)
{
	xfree(pl->column);
	xfree(pl->first);
	xfree(pl->hangs);
	xfree(pl->stints);
	memset(pl, 0, sizeof *pl);
}
