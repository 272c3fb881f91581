/*
 * scene.c: the heap at a timeline position -> nodes, slots and highlights.
 */
#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "py/pyversion.h"
#include "sim/event.h"
#include "sim/version.h"
#include "view/scene.h"

#define SCENE_VALUE_CHARS	24
#define SCENE_CONST_CHARS	10	/* a constant's value on its strip */
#define SCENE_STRIP_CHARS	26	/* the strip, "consts" included, at most */
#define SCENE_STRIP_LEAST	16	/* ... and at least ("consts 1001 …+9") */

/* Strings of one scene: blocks that are freed together. */
struct scene_arena {
	struct scene_arena	*next;
	size_t			 used;
	size_t			 size;
	char			 data[];
};

static char *
arena_alloc(struct scene *s, size_t n)
{
	struct scene_arena *a = s->arena;

	if (a == NULL || a->size - a->used < n) {
		size_t size = n > 8192 ? n : 8192;

		a = xmalloc(sizeof *a + size);
		a->next = s->arena;
		a->used = 0;
		a->size = size;
		s->arena = a;
	}
	a->used += n;
	return a->data + a->used - n;
}

static const char *
arena_copy(struct scene *s, const char *text, size_t len)
{
	char *copy = arena_alloc(s, len + 1);

	memcpy(copy, text, len);
	copy[len] = '\0';
	return copy;
}

static const char *
arena_strbuf(struct scene *s, const struct strbuf *sb)
{
	return arena_copy(s, strbuf_str(sb), sb->len);
}

void
scene_options_default(struct scene_options *o)
{
	memset(o, 0, sizeof *o);
	o->max_slots = 8;
	o->max_objects = SCENE_MAX_OBJECTS;
	o->show_cached = true;
	o->show_constants = true;
}

void
scene_free(struct scene *s)
{
	struct scene_arena *a = s->arena, *next;

	for (uint32_t i = 0; i < s->node_count; i++)
		xfree(s->nodes[i].slots);
	xfree(s->nodes);
	for (; a != NULL; a = next) {
		next = a->next;
		xfree(a);
	}
	memset(s, 0, sizeof *s);
}

const struct scene_node *
scene_find(const struct scene *s, objid_t id)
{
	/* objects come after the frames, in id order */
	uint32_t lo = s->frame_count, hi = s->node_count;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (s->nodes[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < s->node_count && s->nodes[lo].id == id ? &s->nodes[lo] :
	    NULL;
}

/* ---- which objects are shown ---- */

/* Whether the event read in r takes a reference out of an object onto
 * the stack, putting none back: a container emptying a slot (a frame's
 * names and constants are not containers). */
static bool
releases(const struct event_reading *r)
{
	return r->removed_count > 0 && r->added_count == 0 &&
	    !event_ref_in_frame(&r->removed[0]);
}

/* Whether the event read in r took away a reference object id held (a
 * freed container releasing what it held). */
static bool
released_by(const struct event_reading *r, objid_t id)
{
	for (uint8_t k = 0; k < r->removed_count; k++)
		if (!event_ref_in_frame(&r->removed[k]) &&
		    r->removed[k].holder == id)
			return true;
	return false;
}

static bool
shown(const struct heap *h, objid_t id, const struct scene_options *o,
    const struct event_reading *last, const bool *ghosts)
{
	const struct object *obj = heap_object(h, id);

	/* a freed container stays, a ghost, until it has released all it
	 * held, one reference at a time; then it fades */
	if (obj->state == OBJ_FREED)
		return (last != NULL && (last->freed == id ||
		    released_by(last, id))) || (ghosts != NULL && ghosts[id]) ||
		    heap_ref_count(h, id) > 0;
	if (obj->state != OBJ_ALIVE)
		return false;
	if (obj->flags & OBJF_CACHED)
		return o->show_cached && obj->refcount > 0;
	return true;
}

/* References drawn as arrows: not an instance's hold on its class (every
 * instance has one; the class's count says so), and a function's
 * constants only when asked. */
static bool
drawn(const struct heap_ref *ref, const struct scene_options *o)
{
	if (ref->site == SITE_CLASS)
		return false;
	if (ref->site == SITE_FUNC_CONST)
		return o->show_constants;
	return true;
}

/* ---- reachability from the frames, to show garbage ---- */

struct reach {
	bool		*seen;		/* by id */
	objid_t		*work;
	uint32_t	 len;
};

static void
reach_push(struct reach *r, objid_t id)
{
	if (id == OBJ_NULL || r->seen[id])
		return;
	r->seen[id] = true;
	r->work[r->len++] = id;
}

static void
reach_init(struct reach *r, const struct heap *h)
{
	r->seen = xcalloc(h->object_count ? h->object_count : 1,
	    sizeof *r->seen);
	r->work = xcalloc(h->object_count ? h->object_count : 1,
	    sizeof *r->work);
	r->len = 0;
}

static bool
reach_visit(void *ctx, const struct heap_ref *ref)
{
	reach_push(ctx, ref->target);
	return true;
}

struct quiet_walk {
	struct reach	*r;
	const bool	*picked;
};

static bool
quiet_visit(void *ctx, const struct heap_ref *ref)
{
	struct quiet_walk *w = ctx;

	if (!w->picked[ref->target])
		reach_push(w->r, ref->target);
	return true;
}

/* Marks what the running program can reach: frames, the stack, the step's
 * constants, and what a cascade is about to drop.  What is alive and not
 * reached is garbage (a cycle). */
static bool *
reachable_set(const struct heap *h)
{
	struct reach r;

	reach_init(&r, h);
	for (uint32_t f = 0; f < h->frame_count; f++) {
		const struct frame *fr = &h->frames[f];

		for (uint32_t i = 0; i < fr->name_count; i++)
			reach_push(&r, fr->names[i].value);
		for (uint32_t i = 0; i < fr->const_count; i++)
			reach_push(&r, fr->consts[i]);
		reach_push(&r, fr->function);
		reach_push(&r, fr->object);
	}
	for (uint32_t i = 0; i < h->stack_len; i++)
		reach_push(&r, h->stack[i]);
	/* what a freed object has not dropped yet goes in its cascade, not
	 * to the collector: not garbage; nor is an object whose count just
	 * reached 0, which is being freed */
	for (objid_t id = 1; id < h->object_count; id++) {
		const struct object *o = heap_object(h, id);

		if (o->state == OBJ_ALIVE && o->refcount == 0)
			reach_push(&r, id);
		if (o->state == OBJ_FREED)
			heap_visit_refs(h, id, reach_visit, &r);
	}
	while (r.len > 0) {
		objid_t id = r.work[--r.len];

		if (heap_object(h, id)->state == OBJ_ALIVE)
			heap_visit_refs(h, id, reach_visit, &r);
	}
	xfree(r.work);
	return r.seen;
}

/* ---- slots ---- */

/* The references an object draws as slots, gathered before any label is
 * made: a list of a million items folds to a few slots, and only those
 * get labels. */
struct slot_list {
	const struct scene_options *o;
	struct heap_ref		*refs;
	uint32_t		 count;
	uint32_t		 cap;
};

static bool
slot_visit(void *ctx, const struct heap_ref *ref)
{
	struct slot_list *l = ctx;

	if (!drawn(ref, l->o))
		return true;
	if (l->count == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->refs = xreallocarray(l->refs, l->cap, sizeof *l->refs);
	}
	l->refs[l->count++] = *ref;
	return true;
}

/* Makes n's slots of what l gathered for object id: all of them, or when
 * there are more than max (at least 3), the first max - 2 and the last. */
static void
make_slots(struct scene *s, const struct heap *h, objid_t id,
    const struct slot_list *l, uint32_t max, struct scene_node *n)
{
	struct strbuf	label = STRBUF_INIT;
	uint32_t	keep = l->count;

	if (max >= 3 && l->count > max) {
		keep = max - 2;
		n->fold_at = keep;
		n->folded = l->count - keep - 1;
	}
	n->slot_count = keep + (n->folded > 0 ? 1 : 0);
	n->slots = n->slot_count > 0 ? xcalloc(n->slot_count,
	    sizeof *n->slots) : NULL;
	for (uint32_t k = 0; k < n->slot_count; k++) {
		const struct heap_ref *ref = &l->refs[k < keep ? k :
		    l->count - 1];

		strbuf_truncate(&label, 0);
		heap_ref_label(h, id, ref, &label);
		n->slots[k] = (struct scene_slot){
		    .label = arena_strbuf(s, &label), .target = ref->target,
		    .index = ref->index, .site = (uint8_t)ref->site };
	}
	strbuf_free(&label);
}

/* A live weakref's referent as one more slot, after its counted ones:
 * drawn, but counted by no box (count_hidden walks the heap's references,
 * which do not include it). */
static void
add_weak_slot(struct scene *s, const struct heap *h, objid_t id,
    struct scene_node *n)
{
	objid_t target = heap_weak_target(h, id);

	if (target == OBJ_NULL)
		return;
	n->slots = xreallocarray(n->slots, n->slot_count + 1,
	    sizeof *n->slots);
	n->slots[n->slot_count++] = (struct scene_slot){
	    .label = arena_copy(s, "weakly", 6), .target = target,
	    .index = 0, .site = SITE_NONE, .kind = SCENE_SLOT_WEAK };
}

/* ---- nodes ---- */

static void
add_node(struct scene *s, uint32_t *cap, struct scene_node node)
{
	if (s->node_count == *cap) {
		*cap = *cap ? *cap * 2 : 32;
		s->nodes = xreallocarray(s->nodes, *cap, sizeof *s->nodes);
	}
	s->nodes[s->node_count++] = node;
}

/* Whether fr->consts[i] is held by an earlier entry too (a constant of
 * two code objects, or of the code and of the parsed file). */
static bool
const_repeated(const struct frame *fr, uint32_t i)
{
	for (uint32_t k = 0; k < i; k++)
		if (fr->consts[k] == fr->consts[i])
			return true;
	return false;
}

/*
 * A frame's constants (the step's, or the module's co_consts in a .py
 * file) as one quiet strip of their values, each once, "consts 1001
 * 'héllo' …+12": twenty arrows from twenty `const` rows were a tangle
 * nobody could read from the back of a room.  A constant's box, when
 * something else draws one, says "+1 const" instead (count_hidden), one
 * for each reference: "+2 consts" for the code's and the parsed file's.
 * The strip is no wider than the frame's names (or SCENE_STRIP_LEAST):
 * quieter than they are, it must not widen the frames' column and push
 * the graph right.
 */
static const char *
consts_strip(struct scene *s, const struct heap *h, const struct frame *fr)
{
	struct strbuf	sb = STRBUF_INIT, value = STRBUF_INIT;
	size_t		room = SCENE_STRIP_LEAST, width = 6;	/* "consts" */
	size_t		*ends = xcalloc(fr->const_count + 1, sizeof *ends);
	uint32_t	i, distinct = 0, shown = 0;
	const char	*text;

	for (i = 0; i < fr->name_count; i++) {
		const char *name = atom_name(fr->names[i].name);
		size_t w = utf8_count(name, strlen(name));

		if (fr->names[i].value != OBJ_NULL && w > room)
			room = w;
	}
	if (room > SCENE_STRIP_CHARS)
		room = SCENE_STRIP_CHARS;
	/* every value, then as many as fit with " …+N" after them */
	strbuf_puts(&sb, "consts");
	ends[0] = strlen(strbuf_str(&sb));
	for (i = 0; i < fr->const_count; i++) {
		if (const_repeated(fr, i))
			continue;
		strbuf_truncate(&value, 0);
		heap_repr(h, fr->consts[i], false, SCENE_CONST_CHARS, &value);
		strbuf_putc(&sb, ' ');
		strbuf_puts(&sb, strbuf_str(&value));
		ends[++distinct] = strlen(strbuf_str(&sb));
	}
	for (shown = distinct; shown > 0; shown--) {
		size_t rest = 0;

		width = utf8_count(strbuf_str(&sb), ends[shown]);
		for (uint32_t n = distinct - shown; n > 0; n /= 10)
			rest = rest == 0 ? 4 : rest + 1;	/* " …+12" */
		if (width + rest <= room)
			break;
	}
	strbuf_truncate(&sb, ends[shown]);
	if (shown < distinct)
		strbuf_printf(&sb, " \xe2\x80\xa6+%u", distinct - shown);
	text = arena_strbuf(s, &sb);
	strbuf_free(&sb);
	strbuf_free(&value);
	xfree(ends);
	return text;
}

/*
 * A frame's slots: its bound names; then the strip of the constants of
 * the code it runs; the running (top) frame also the evaluation stack,
 * bottom first: temporaries, arguments being passed -- references that
 * count as much as a name does.
 */
static void
build_frames(struct scene *s, const struct heap *h, uint32_t *cap)
{
	for (uint32_t f = 0; f < h->frame_count; f++) {
		const struct frame	*fr = &h->frames[f];
		struct scene_node	 n = { .kind = SCENE_FRAME, .frame = f };
		uint32_t		 k = 0, stack = f + 1 == h->frame_count ?
					    h->stack_len : 0;

		n.type = fr->function == OBJ_NULL ? "<module>" :
		    atom_name(heap_object(h, fr->function)->as.fn->name);
		n.slots = xcalloc(fr->name_count + stack + 3,
		    sizeof *n.slots);
		for (uint32_t i = 0; i < fr->name_count; i++) {
			if (fr->names[i].value == OBJ_NULL)
				continue;
			n.slots[k].label = atom_name(fr->names[i].name);
			n.slots[k].target = fr->names[i].value;
			n.slots[k].index = i;
			k++;
		}
		if (fr->const_count > 0)
			n.slots[k++] = (struct scene_slot){
			    .label = consts_strip(s, h, fr),
			    .target = OBJ_NULL, .kind = SCENE_SLOT_CONST,
			    .index = SCENE_CONST_INDEX };
		if (fr->object != OBJ_NULL)
			n.slots[k++] = (struct scene_slot){ .label = "frame",
			    .target = fr->object, .kind = SCENE_SLOT_TEMP,
			    .index = SCENE_FRAME_OBJ_INDEX };
		for (uint32_t i = 0; i < stack; i++)
			n.slots[k++] = (struct scene_slot){ .label = "temp",
			    .target = h->stack[i], .kind = SCENE_SLOT_TEMP,
			    .index = SCENE_TEMP_INDEX + i };
		n.slot_count = k;
		add_node(s, cap, n);
	}
	s->frame_count = s->node_count;
}

static struct scene_node *node_of(struct scene *s, objid_t id);

/* ---- references drawn as no arrow ---- */

struct hidden_count {
	struct scene		*s;
	const struct scene_options *o;
	const struct scene_node	*holder;	/* NULL: not drawn */
	bool			 quiet_holder;	/* not drawn: constants hold it */
	uint32_t		 next;		/* its slot to match next */
	uint32_t		*drawn;		/* by node: slots into it */
};

/* Whether the holder draws ref as its next slot: its slots are some of
 * its references (a fold keeps the first few and the last) in the order
 * heap_visit_refs gives them, so one cursor walks them. */
static bool
slot_drawn(struct hidden_count *c, const struct heap_ref *ref)
{
	const struct scene_slot *slot;

	if (c->next >= c->holder->slot_count)
		return false;
	slot = &c->holder->slots[c->next];
	if (slot->index != ref->index || slot->target != ref->target ||
	    slot->site != (uint8_t)ref->site)
		return false;
	c->next++;
	return true;
}

static bool
hidden_visit(void *ctx, const struct heap_ref *ref)
{
	struct hidden_count	*c = ctx;
	struct scene_node	*n = node_of(c->s, ref->target);

	if (n == NULL)
		return true;
	if (ref->site == SITE_CLASS)
		n->hidden_class++;
	else if (c->holder == NULL && c->quiet_holder)
		n->hidden_const++;	/* an item of a constant tuple */
	else if (c->holder != NULL && drawn(ref, c->o) && slot_drawn(c, ref))
		c->drawn[n - c->s->nodes]++;
	else
		n->hidden++;
	return true;
}

/*
 * Counts, for each object drawn, the references to it that no slot draws:
 * every reference the heap records is either a drawn slot or counted
 * here, so a box can say what its arrows do not.  A frame draws its
 * names and the stack; its constants (listed on its strip) and its hold
 * on its function are counted, as is what a constant tuple holds.
 * When every object is drawn, every reference is visited; a crowded
 * scene visits those of the objects drawn, and what the heap counts
 * beyond them is held by objects not drawn (heap_check's invariant).
 */
static void
count_hidden(struct scene *s, const struct heap *h,
    const struct scene_options *o, const bool *quiet)
{
	struct hidden_count c = { .s = s, .o = o };

	c.drawn = xcalloc(s->node_count + 1, sizeof *c.drawn);
	for (uint32_t f = 0; f < h->frame_count; f++) {
		const struct frame	*fr = &h->frames[f];
		struct scene_node	*n = node_of(s, fr->function);

		if (n != NULL)
			n->hidden++;
		for (uint32_t i = 0; i < fr->const_count; i++)
			if ((n = node_of(s, fr->consts[i])) != NULL)
				n->hidden_const++;
	}
	for (uint32_t f = 0; f < s->frame_count; f++)
		for (uint32_t k = 0; k < s->nodes[f].slot_count; k++) {
			struct scene_node *n = node_of(s,
			    s->nodes[f].slots[k].target);

			if (n != NULL)
				c.drawn[n - s->nodes]++;
		}
	for (uint32_t k = s->frame_count; k < s->node_count; k++)
		if (heap_object(h, s->nodes[k].id)->type == OBJ_CLASS &&
		    heap_object(h, s->nodes[k].id)->state == OBJ_ALIVE)
			s->nodes[k].hidden_own = heap_object(h,
			    s->nodes[k].id)->as.cls->internal;
	/* a subclass holds its base three times, drawn as no arrow */
	for (objid_t id = 1; id < h->object_count; id++) {
		const struct object	*o = heap_object(h, id);
		struct scene_node	*b;

		if (o->type == OBJ_CLASS && o->state == OBJ_ALIVE &&
		    o->as.cls->base != OBJ_NULL &&
		    (b = node_of(s, o->as.cls->base)) != NULL)
			b->hidden_own += HEAP_CLASS_BASE_REFS;
	}
	if (s->undrawn == 0) {
		for (objid_t id = 1; id < h->object_count; id++) {
			const struct object *obj = heap_object(h, id);

			if (obj->state != OBJ_ALIVE && obj->state != OBJ_FREED)
				continue;
			c.holder = scene_find(s, id);
			c.quiet_holder = quiet[id];
			c.next = 0;
			heap_visit_refs(h, id, hidden_visit, &c);
		}
	} else {
		for (uint32_t k = s->frame_count; k < s->node_count; k++) {
			c.holder = &s->nodes[k];
			c.next = 0;
			heap_visit_refs(h, s->nodes[k].id, hidden_visit, &c);
		}
		for (uint32_t k = s->frame_count; k < s->node_count; k++) {
			struct scene_node	*n = &s->nodes[k];
			int64_t			 rest = (int64_t)n->refcount -
						    c.drawn[k] -
						    scene_hidden(n);

			if (rest > 0)
				n->hidden += (uint32_t)rest;
		}
	}
	xfree(c.drawn);
}

static const char *
object_value(struct scene *s, const struct heap *h, objid_t id)
{
	const struct object	*o = heap_object(h, id);
	struct strbuf		 sb = STRBUF_INIT;
	const char		*value;

	switch (o->type) {
	case OBJ_NONE:
	case OBJ_BOOL:
	case OBJ_INT:
	case OBJ_FLOAT:
	case OBJ_STR:
	case OBJ_TYPE:
		heap_repr(h, id, false, SCENE_VALUE_CHARS, &sb);
		break;
	case OBJ_FUNCTION:
		strbuf_printf(&sb, "%s()", atom_name(o->as.fn->name));
		break;
	case OBJ_CLASS:
		strbuf_printf(&sb, "class %s", atom_name(o->as.cls->name));
		break;
	case OBJ_RANGE:
		if (o->as.iter->kind != ITER_RANGE)
			return NULL;
		heap_repr(h, id, false, SCENE_VALUE_CHARS, &sb);
		break;
	case OBJ_ITER:
		/* whose frame it is, and where it is (or ended) */
		if (o->as.iter->kind == ITER_FRAME)
			strbuf_printf(&sb, "%s, line %" PRId64,
			    atom_name((atom_t)o->as.iter->stop),
			    o->as.iter->len);
		else if (o->as.iter->kind == ITER_TRACEBACK)
			strbuf_printf(&sb, "line %" PRId64, o->as.iter->len);
		else if (o->as.iter->kind == ITER_BUILTIN)
			strbuf_printf(&sb, "%s()",
			    atom_name((atom_t)o->as.iter->stop));
		else if (o->as.iter->kind == ITER_NOTIMPLEMENTED)
			strbuf_puts(&sb, "NotImplemented");
		else if (o->as.iter->kind == ITER_GLOBALS)
			strbuf_puts(&sb, "the module's globals");
		else
			return NULL;
		break;
	case OBJ_TUPLE:
	case OBJ_LIST:
	case OBJ_DICT:
	case OBJ_SET:
		if (heap_len(h, id) == 0)
			heap_repr(h, id, false, 0, &sb);	/* [] {} set() () */
		else
			return NULL;
		break;
	default:
		return NULL;
	}
	value = arena_strbuf(s, &sb);
	strbuf_free(&sb);
	return value;
}

/* The node of object id, with its slots folded. */
static struct scene_node
object_node(struct scene *s, const struct heap *h,
    const struct scene_options *o, const bool *reached, objid_t id,
    struct slot_list *l)
{
	const struct object	*obj = heap_object(h, id);
	struct scene_node	 n = { .kind = SCENE_OBJECT, .id = id };

	n.type = arena_copy(s, heap_type_name(h, id),
	    strlen(heap_type_name(h, id)));
	n.value = object_value(s, h, id);
	n.refcount = obj->refcount;
	n.gc_refs = obj->gc_refs;
	n.tracked = (obj->flags & OBJF_TRACKED) != 0;
	n.gen = obj->gen;
	if (obj->flags & OBJF_CACHED)
		n.flags |= SCENE_CACHED;
	if (version_immortal(h, id))
		n.flags |= SCENE_IMMORTAL;
	if (obj->state == OBJ_FREED)
		n.flags |= SCENE_FREED;
	else if (!reached[id] && !(obj->flags & OBJF_CACHED))
		n.flags |= SCENE_GARBAGE;
	l->count = 0;
	heap_visit_refs(h, id, slot_visit, l);
	make_slots(s, h, id, l, o->max_slots, &n);
	add_weak_slot(s, h, id, &n);
	return n;
}

/*
 * Which objects are drawn.  A picture of a million boxes helps nobody and
 * would take the memory and the seconds DESIGN §8 forbids, so the scene
 * draws what the program reaches the way a reader would, breadth first
 * from the names: through the slots a fold keeps (what only a folded-away
 * slot holds stays folded away too) and through the references that are
 * not drawn as arrows.  Then what the program cannot reach (a freed
 * object, a cycle), which is the point of the lesson.  At most
 * o->max_objects in all; the rest is counted in s->undrawn.
 */
struct pick {
	struct scene		*scene;
	const struct heap	*h;
	const struct scene_options *o;
	const struct event_reading *last;
	const bool		*ghosts;	/* by id: freed objects shown */
	bool			*reached;	/* by id: reachable_set */
	struct slot_list	 slots;
	bool			*picked;	/* by id */
	objid_t			*queue;		/* breadth first */
	uint32_t		 head, tail;
	struct scene_node	*nodes;		/* queue[k]'s is nodes[k] */
	uint32_t		 count;
};

static bool
shown_now(const struct pick *p, objid_t id)
{
	return shown(p->h, id, p->o, p->last, p->ghosts);
}

static bool
pick_full(const struct pick *p)
{
	return p->o->max_objects > 0 && p->count >= p->o->max_objects;
}

static void
pick_push(struct pick *p, objid_t id)
{
	if (id == OBJ_NULL || p->picked[id] || pick_full(p) ||
	    !shown_now(p, id))
		return;
	p->picked[id] = true;
	p->queue[p->tail++] = id;
	p->nodes[p->count++] = object_node(p->scene, p->h, p->o, p->reached,
	    id, &p->slots);
}

static bool
pick_visit_hidden_ref(void *ctx, const struct heap_ref *ref)
{
	struct pick *p = ctx;

	if (!drawn(ref, p->o))
		pick_push(p, ref->target);
	return true;
}

static bool
pick_visit_ref(void *ctx, const struct heap_ref *ref)
{
	pick_push(ctx, ref->target);
	return true;
}

/* Breadth first from what is queued: kept slots, then hidden refs. */
static void
pick_spread(struct pick *p)
{
	while (p->head < p->tail) {
		uint32_t		 k = p->head++;
		objid_t			 id = p->queue[k];
		const struct scene_node	*n = &p->nodes[k];

		for (uint32_t i = 0; i < n->slot_count; i++)
			pick_push(p, n->slots[i].target);
		heap_visit_refs(p->h, id, pick_visit_hidden_ref, p);
	}
}

static int
node_id_order(const void *a, const void *b)
{
	objid_t x = ((const struct scene_node *)a)->id;
	objid_t y = ((const struct scene_node *)b)->id;

	return x < y ? -1 : x > y;
}

/* What the frames' constants hold and nothing drawn does: the constants
 * themselves, a constant tuple's items.  No box: the strip lists them. */
static bool *
quiet_set(const struct heap *h, const bool *picked)
{
	struct reach r;

	reach_init(&r, h);
	for (uint32_t f = 0; f < h->frame_count; f++)
		for (uint32_t i = 0; i < h->frames[f].const_count; i++)
			if (!picked[h->frames[f].consts[i]])
				reach_push(&r, h->frames[f].consts[i]);
	while (r.len > 0) {
		objid_t id = r.work[--r.len];

		heap_visit_refs(h, id, quiet_visit, &(struct quiet_walk){
		    &r, picked });
	}
	xfree(r.work);
	return r.seen;
}

/* Which objects are drawn (struct pick); *quiet (caller frees) says, by
 * id, which are not because only constants hold them. */
static void
build_objects(struct scene *s, const struct heap *h,
    const struct scene_options *o, const struct event_reading *last,
    const bool *ghosts, uint32_t *cap, bool **quiet)
{
	struct pick	 p = { .scene = s, .h = h, .o = o, .last = last,
			    .ghosts = ghosts };
	size_t		 ids = h->object_count ? h->object_count : 1;
	size_t		 most = o->max_objects > 0 && o->max_objects < ids ?
			    o->max_objects : ids;

	p.reached = reachable_set(h);
	p.slots = (struct slot_list){ .o = o };
	p.picked = xcalloc(ids, sizeof *p.picked);
	p.queue = xcalloc(most, sizeof *p.queue);
	p.nodes = xcalloc(most, sizeof *p.nodes);
	/* the roots of reachable_set, in the reader's order */
	for (uint32_t f = 0; f < h->frame_count; f++) {
		const struct frame *fr = &h->frames[f];

		for (uint32_t i = 0; i < fr->name_count; i++)
			pick_push(&p, fr->names[i].value);
	}
	pick_spread(&p);
	/* not the constants: what only they hold is on their strip */
	for (uint32_t f = 0; f < h->frame_count; f++) {
		pick_push(&p, h->frames[f].function);
		pick_push(&p, h->frames[f].object);
	}
	for (uint32_t i = 0; i < h->stack_len; i++)
		pick_push(&p, h->stack[i]);
	/* what a cascade is dropping, the object it has just freed, and
	 * one whose count has just reached 0 */
	for (objid_t id = 1; id < h->object_count && !pick_full(&p); id++)
		if (heap_object(h, id)->state == OBJ_FREED ||
		    (heap_object(h, id)->state == OBJ_ALIVE &&
		    heap_object(h, id)->refcount == 0)) {
			pick_push(&p, id);
			heap_visit_refs(h, id, pick_visit_ref, &p);
		}
	pick_spread(&p);
	/* then what the program cannot reach: the cycles */
	for (objid_t id = 1; id < h->object_count && !pick_full(&p); id++)
		if (!p.reached[id]) {
			pick_push(&p, id);
			pick_spread(&p);
		}
	*quiet = quiet_set(h, p.picked);
	for (objid_t id = 1; id < h->object_count; id++)
		if (!p.picked[id] && !(*quiet)[id] && shown_now(&p, id))
			s->undrawn++;
	s->crowded = pick_full(&p) && s->undrawn > 0;
	qsort(p.nodes, p.count, sizeof *p.nodes, node_id_order);
	for (uint32_t i = 0; i < p.count; i++)
		add_node(s, cap, p.nodes[i]);
	xfree(p.slots.refs);
	xfree(p.nodes);
	xfree(p.queue);
	xfree(p.picked);
	xfree(p.reached);
}

/* ---- the current event ---- */

static struct scene_node *
node_of(struct scene *s, objid_t id)
{
	return (struct scene_node *)scene_find(s, id);
}

static void
mark_slot(struct scene_node *n, objid_t target)
{
	if (n == NULL)
		return;
	n->flags |= SCENE_CHANGED;
	for (uint32_t i = 0; i < n->slot_count; i++)
		if (n->slots[i].target == target)
			n->slots[i].changed = true;
}

/* Marks the slot at reference (or binding) index of n, if it still holds
 * target: what a whole step set. */
static void
mark_slot_at(struct scene_node *n, uint32_t index, objid_t target)
{
	if (n == NULL)
		return;
	for (uint32_t i = 0; i < n->slot_count; i++)
		if (n->slots[i].index == index &&
		    n->slots[i].target == target) {
			n->slots[i].changed = true;
			n->flags |= SCENE_CHANGED;
		}
}

/* Lights the constants strip of frame node n. */
static void
mark_strip(struct scene_node *n)
{
	if (n == NULL)
		return;
	for (uint32_t i = 0; i < n->slot_count; i++)
		if (n->slots[i].kind == SCENE_SLOT_CONST)
			n->slots[i].changed = true;
}

/* The node holding ref: a frame's, or its object's. */
static struct scene_node *
holder_node(struct scene *s, const struct event_ref *ref)
{
	if (!event_ref_in_frame(ref))
		return node_of(s, ref->holder);
	return ref->holder < s->frame_count ? &s->nodes[ref->holder] : NULL;
}

static void
apply_last_event(struct scene *s, const struct event_reading *r)
{
	struct scene_node	*n;
	const struct event_ref	*ref;

	if ((n = node_of(s, r->born)) != NULL)
		n->flags |= SCENE_NEW | SCENE_CHANGED;
	if ((n = node_of(s, r->freed)) != NULL)
		n->flags |= SCENE_CHANGED;
	if ((n = node_of(s, r->count_up)) != NULL) {
		n->delta = +1;
		n->flags |= SCENE_CHANGED;
	}
	if ((n = node_of(s, r->count_down)) != NULL) {
		n->delta = -1;
		n->flags |= SCENE_CHANGED;
	}
	/* the arrow it adds (of a new dict entry, the value's) */
	ref = r->added_count > 0 ? &r->added[r->added_count - 1] : NULL;
	if (ref != NULL && scene_ref_animated(ref))
		mark_slot(holder_node(s, ref), ref->target);
	if (r->frame_pushed < s->frame_count)
		s->nodes[r->frame_pushed].flags |= SCENE_NEW | SCENE_CHANGED;
	/* a constant made or let go: its frame's strip */
	for (uint8_t k = 0; k < r->added_count + r->removed_count; k++) {
		ref = k < r->added_count ? &r->added[k] :
		    &r->removed[k - r->added_count];
		if (ref->site == SITE_CONST)
			mark_strip(holder_node(s, ref));
	}
	if ((n = node_of(s, r->gc_object)) != NULL) {
		n->flags |= SCENE_CHANGED;
		if (r->tentative)
			n->flags |= SCENE_TENTATIVE;
	}
}

/*
 * An instance gives up its class last as it is freed (subtype_dealloc),
 * after which the heap can only call it "object".  A box that was a Node
 * a moment ago stays a Node: the class it released is in the events of
 * its module step.
 */
static void
name_freed_instances(struct scene *s, const struct heap *h,
    const struct timeline *t)
{
	const struct timeline_step	*ts;
	uint64_t			 start;

	if (h->position == 0)
		return;
	ts = &t->steps[t->events[h->position - 1].step];
	start = ts->parent < t->step_count ? t->steps[ts->parent].first_event :
	    ts->first_event;
	for (uint32_t k = s->frame_count; k < s->node_count; k++) {
		struct scene_node	*n = &s->nodes[k];
		const struct object	*o = heap_object(h, n->id);

		if (o->state != OBJ_FREED || o->type != OBJ_INSTANCE ||
		    o->as.inst->cls != OBJ_NULL)
			continue;
		for (uint64_t i = h->position; i > start; i--) {
			objid_t instance = OBJ_NULL, cls =
			    event_class_released(&t->events[i - 1], &instance);

			if (cls != OBJ_NULL && instance == n->id) {
				n->type = atom_name(heap_object(h,
				    cls)->as.cls->name);
				break;
			}
		}
	}
}

/* ---- a settled step ---- */

/* The step record that ends at h's position, if any: the one of the last
 * event, or the module step around it. */
static const struct timeline_step *
step_ending(const struct heap *h, const struct timeline *t)
{
	const struct timeline_step *ts;

	if (h->position == 0)
		return NULL;
	ts = &t->steps[t->events[h->position - 1].step];
	if (ts->end_event == h->position)
		return ts;
	if (ts->parent < t->step_count &&
	    t->steps[ts->parent].end_event == h->position)
		return &t->steps[ts->parent];
	return NULL;
}

/* What a step did to each object, from its events: count changes, and
 * whether it was born or freed during the step. */
struct step_effect {
	int32_t		*delta;		/* by id */
	bool		*born;
	bool		*ghosts;	/* freed in the step, alive before it */
};

static void
step_effect(struct step_effect *e, const struct heap *h,
    const struct timeline *t, const struct timeline_step *ts)
{
	size_t ids = h->object_count ? h->object_count : 1;

	e->delta = xcalloc(ids, sizeof *e->delta);
	e->born = xcalloc(ids, sizeof *e->born);
	e->ghosts = xcalloc(ids, sizeof *e->ghosts);
	for (uint64_t i = ts->first_event; i < ts->end_event; i++) {
		struct event_reading r;

		event_read(NULL, &t->events[i], &r);
		if (r.born != OBJ_NULL && r.born < ids)
			e->born[r.born] = true;
		if (r.count_up != OBJ_NULL && r.count_up < ids)
			e->delta[r.count_up] += r.count_by;
		if (r.count_down != OBJ_NULL && r.count_down < ids)
			e->delta[r.count_down]--;
		if (r.freed != OBJ_NULL && r.freed < ids && !e->born[r.freed])
			e->ghosts[r.freed] = true;
	}
}

static void
step_effect_free(struct step_effect *e)
{
	xfree(e->delta);
	xfree(e->born);
	xfree(e->ghosts);
}

/* The net effect of the step on the scene: each count that changed as
 * "before→now", each object made by the step and each slot it set
 * highlighted, the objects it freed shown freed; and as the reason, the
 * effect in words. */
static void
apply_step(struct scene *s, const struct heap *h, const struct timeline *t,
    const struct timeline_step *ts, const struct step_effect *e)
{
	struct strbuf	 sb = STRBUF_INIT;
	uint32_t	 told = 0, more = 0;

	for (uint64_t i = ts->first_event; i < ts->end_event; i++) {
		struct event_reading r;

		event_read(NULL, &t->events[i], &r);
		/* a name's or a slot's arrow set, as an animation shows it */
		for (uint8_t k = 0; k < r.added_count; k++)
			if (scene_ref_animated(&r.added[k]))
				mark_slot_at(holder_node(s, &r.added[k]),
				    r.added[k].slot, r.added[k].target);
	}
	for (uint32_t k = s->frame_count; k < s->node_count; k++) {
		struct scene_node	*n = &s->nodes[k];
		const char		*what = NULL;

		if (n->flags & SCENE_CACHED)
			continue;	/* shared: its count is no lesson */
		if (e->born[n->id] && !(n->flags & SCENE_FREED)) {
			n->flags |= SCENE_NEW | SCENE_CHANGED;
			what = "new";
		} else if (e->ghosts[n->id]) {
			n->delta = e->delta[n->id];
			n->flags |= SCENE_CHANGED;
			what = "freed";
		} else if (!e->born[n->id] && e->delta[n->id] != 0) {
			n->delta = e->delta[n->id];
			n->flags |= SCENE_CHANGED;
		} else
			continue;
		if (told == 3) {
			more++;
			continue;
		}
		strbuf_printf(&sb, "%s%s #%u ", told ? "; " : "", n->type,
		    n->id);
		if (what != NULL && strcmp(what, "new") == 0)
			strbuf_printf(&sb, "new, count %d", (int)n->refcount);
		else if (what != NULL)
			strbuf_puts(&sb, "freed");
		else
			strbuf_printf(&sb, "%d\xe2\x86\x92%d",
			    (int)(n->refcount - n->delta), (int)n->refcount);
		told++;
	}
	if (more > 0)
		strbuf_printf(&sb, "; %u more", more);
	if (told == 0)
		strbuf_puts(&sb, "no count changed");
	s->reason = arena_strbuf(s, &sb);
	strbuf_free(&sb);
	(void)h;
}

/* Marks the slots at reference (or binding) index of node n that the next
 * event takes away; target OBJ_NULL: whatever they hold. */
static void
doom_slots(struct scene_node *n, uint32_t index, objid_t target)
{
	if (n == NULL)
		return;
	for (uint32_t i = 0; i < n->slot_count; i++)
		if (n->slots[i].index == index && (target == OBJ_NULL ||
		    n->slots[i].target == target)) {
			n->slots[i].doomed = true;
			n->flags |= SCENE_CHANGED;
		}
}

/* What the next event will take away, for scene_build_ahead. */
static void
apply_next_event(struct scene *s, const struct heap *h,
    const struct event *ev)
{
	struct event_reading r;

	event_read(h, ev, &r);
	for (uint8_t i = 0; i < r.removed_count; i++)
		if (scene_ref_animated(&r.removed[i]))
			doom_slots(holder_node(s, &r.removed[i]),
			    r.removed[i].slot, r.removed[i].target);
	if (r.frame_popped != EVENT_NO_FRAME && s->frame_count > 0)
		s->nodes[s->frame_count - 1].flags |= SCENE_DOOMED;
}

bool
scene_ref_animated(const struct event_ref *ref)
{
	switch (ref->site) {
	case SITE_NAME:
	case SITE_ITEM:
	case SITE_ATTR:
	case SITE_DICT_KEY:
	case SITE_DICT_VALUE:
	case SITE_SET:
		return true;
	default:
		return false;
	}
}

/*
 * The textbook sweep visits the heap in id order, flagging each unmarked
 * object: everything up to the last one flagged has been passed over, and
 * once the flagging is done (the clearing has begun), all of it.
 */
static void
apply_sweep(struct scene *s, const struct timeline *t, uint64_t position)
{
	objid_t	 at = OBJ_NULL;
	bool	 done = false;

	for (uint64_t i = position; i > 0; i--) {
		struct event_reading r;

		event_read(NULL, &t->events[i - 1], &r);
		if (r.collection == EVENT_COLLECTION_PHASE)
			break;
		if (r.unreachable) {
			if (at == OBJ_NULL)
				at = r.gc_object;
		} else if (at == OBJ_NULL)
			done = true;
	}
	if (done && at == OBJ_NULL)
		done = false;	/* nothing flagged yet */
	for (uint32_t k = s->frame_count; k < s->node_count; k++)
		if (done || s->nodes[k].id <= at)
			s->nodes[k].flags |= SCENE_SWEPT;
}

/* A collector's phase where the eye is: what it does in plain words
 * first, CPython's function second (none for the textbook model). */
static const struct phase_words {
	const char	*doing;
	const char	*function;
} phase_words[] = {
	[GC_PHASE_MARK] = { "mark: follow references from the roots",
	    NULL },
	[GC_PHASE_SWEEP] = { "sweep: free what is not marked", NULL },
	[GC_PHASE_UPDATE_REFS] = { "copy each count", "update_refs" },
	[GC_PHASE_SUBTRACT_REFS] = { "subtract references from inside",
	    "subtract_refs" },
	[GC_PHASE_MOVE_UNREACHABLE] = { "find what is unreachable",
	    "move_unreachable" },
	[GC_PHASE_FINALIZE] = { "set the unreachable apart",
	    "finalize_garbage" },
	[GC_PHASE_DELETE] = { "free it", "delete_garbage" },
	[GC_PHASE_PROMOTE] = { "survivors move up a generation",
	    "gc_list_merge" },
};
#define PHASE_NONE	UINT32_MAX	/* begun, no phase yet */

/* The phases in which a CPython collection counts with gc_refs. */
static bool
counting(uint32_t phase)
{
	return phase == GC_PHASE_UPDATE_REFS ||
	    phase == GC_PHASE_SUBTRACT_REFS ||
	    phase == GC_PHASE_MOVE_UNREACHABLE;
}

/*
 * During a collection: its phase, and what it has computed so far.  A
 * collection runs inside one step, so looking back to the step's first
 * event finds its GC_BEGIN, or its GC_END when it is over.  A box shows a
 * gc_refs or a verdict only once an event of this collection computed it:
 * the heap's flags and gc_refs of an object the collection has not
 * reached yet are not news (and may be a previous collection's).
 */
static void
apply_collection(struct scene *s, const struct heap *h,
    const struct timeline *t)
{
	uint64_t	 start = t->steps[t->events[h->position - 1].step].first_event;
	uint64_t	 begin = UINT64_MAX;
	uint32_t	 phase = PHASE_NONE;
	bool		*judged;

	for (uint64_t i = h->position; i > start; i--) {
		const struct event	*ev = &t->events[i - 1];
		enum event_collection	 c = event_collection(ev);

		if (c == EVENT_COLLECTION_END)
			return;
		if (c == EVENT_COLLECTION_PHASE && phase == PHASE_NONE)
			phase = event_phase(ev);
		if (c == EVENT_COLLECTION_BEGIN) {
			begin = i - 1;
			break;
		}
	}
	if (begin == UINT64_MAX)
		return;
	s->gc_phase = phase != PHASE_NONE ? gc_phase_name(phase) : "begin";
	if (phase < sizeof phase_words / sizeof *phase_words) {
		s->gc_doing = phase_words[phase].doing;
		s->gc_function = phase_words[phase].function;
	} else {
		s->gc_doing = "start";
		s->gc_function = strcmp(s->gc_model, "textbook") == 0 ? NULL :
		    "gc_collect_main";
	}
	judged = xcalloc(s->node_count ? s->node_count : 1, sizeof *judged);
	for (uint64_t i = begin + 1; i < h->position; i++) {
		struct event_reading	 r;
		struct scene_node	*n;

		event_read(NULL, &t->events[i], &r);
		if (r.gc_object == OBJ_NULL ||
		    (n = node_of(s, r.gc_object)) == NULL)
			continue;
		if (r.gc_refs_set)
			n->flags |= SCENE_GC_REFS;
		else
			judged[n - s->nodes] = true;
	}
	for (uint32_t k = s->frame_count; k < s->node_count; k++) {
		struct scene_node	*n = &s->nodes[k];
		const struct object	*o = heap_object(h, n->id);

		if (!counting(phase) || !n->tracked)
			n->flags &= ~SCENE_GC_REFS;
		if (!judged[k])
			continue;
		if (o->flags & OBJF_REACHABLE)
			n->flags |= SCENE_MARKED;
		if (o->flags & OBJF_UNREACHABLE)
			n->flags |= SCENE_UNREACHABLE;
	}
	xfree(judged);
	if (phase == GC_PHASE_SWEEP)
		apply_sweep(s, t, h->position);
}

/* Lights the slots of n that hold target (at reference index `index`
 * when it is not UINT32_MAX): the reference the collector follows. */
static void
light_slots(struct scene_node *n, objid_t target, uint32_t index)
{
	for (uint32_t i = 0; i < n->slot_count; i++)
		if (n->slots[i].target == target &&
		    (index == UINT32_MAX || n->slots[i].index == index)) {
			n->slots[i].changed = true;
			n->flags |= SCENE_CHANGED;
		}
}

/*
 * The collector's current step, for the last event applied: the object
 * whose references it is following is "visiting", the reference it
 * follows is lit, and the object at its end changed.  A count copied or
 * an object found tentatively unreachable is visited itself; a root
 * marked by the textbook collector is reached from a frame's name.
 */
static void
apply_visit(struct scene *s, const struct event_reading *r)
{
	struct scene_node	*target = node_of(s, r->gc_object), *from;

	if (r->gc_from_frames) {
		for (uint32_t f = 0; f < s->frame_count; f++)
			light_slots(&s->nodes[f], r->gc_object, r->gc_via);
		return;
	}
	if ((from = node_of(s, r->gc_from)) == NULL)
		return;
	from->flags |= SCENE_VISITING | SCENE_CHANGED;
	if (from != target && target != NULL)
		light_slots(from, r->gc_object, r->gc_via);
}

/* The generations' counts and thresholds, and how the last event moved a
 * count: an allocation or a free of a counted object, or GC_COUNT. */
static void
build_generations(struct scene *s, const struct heap *h,
    const struct event_reading *last)
{
	for (int g = 0; g < GEN_COUNT; g++) {
		s->gen_count[g] = h->gens[g].count;
		s->gen_threshold[g] = h->gens[g].threshold;
	}
	if (last == NULL)
		return;
	if (last->gen_counted < GEN_COUNT && last->gen_change != 0)
		s->gen_delta[last->gen_counted] = last->gen_change > 0 ? 1 :
		    -1;
}

/* ---- the text around the graph ---- */

/* The last SCENE_OUTPUT_LINES lines printed up to the current position.
 * The printed pieces are contiguous in the timeline's text, in order, so
 * what is printed by then is the text up to the end of the last OUTPUT
 * event applied: seeking back takes lines away. */
static const char *
recent_output(struct scene *s, const struct heap *h, const struct timeline *t)
{
	const char	*text = t->text;
	size_t		 end = 0, start;
	uint32_t	 lines = 0;
	uint32_t	 at, len;

	if (t->text_len == 0)
		return NULL;	/* nothing to look back for */
	for (uint64_t i = h->position; i > 0; i--)
		if (event_output(&t->events[i - 1], &at, &len)) {
			end = (size_t)at + len;
			break;
		}
	if (end == 0)
		return NULL;
	/* a final newline ends the last line; it starts no new one */
	start = text[end - 1] == '\n' ? end - 1 : end;
	while (start > 0 && !(text[start - 1] == '\n' &&
	    ++lines == SCENE_OUTPUT_LINES))
		start--;
	return arena_copy(s, text + start, end - start);
}

/* The scenario's names for objects (label:) given by position: the
 * latest for each object. */
static void
apply_labels(struct scene *s, const struct timeline *t, uint64_t position)
{
	for (uint32_t i = 0; i < t->label_count &&
	    t->labels[i].position <= position; i++) {
		struct scene_node *n = node_of(s, t->labels[i].object);

		if (n != NULL)
			n->label = atom_name(t->labels[i].name);
	}
}

/*
 * What event ev did, in words.  A freed container releases each reference
 * in two events: the slot gives it to the stack ("item [2] of #5
 * released"), then the count drops; the drop says whose it was, not "a
 * temporary dropped".
 */
static void
describe(const struct heap *h, const struct timeline *t,
    const struct event *ev, struct strbuf *out)
{
	struct event_reading	 now, before;

	event_read(NULL, ev, &now);
	if (now.count_down != OBJ_NULL && ev > t->events) {
		event_read(NULL, ev - 1, &before);
		for (uint8_t k = 0; releases(&before) &&
		    k < before.removed_count; k++) {
			const struct event_ref *ref = &before.removed[k];

			if (ref->target != now.count_down ||
			    ref->holder == now.count_down ||
			    heap_object(h, ref->holder)->state != OBJ_FREED)
				continue;
			event_describe(h, ev - 1, out);
			strbuf_puts(out, ": its count goes down");
			return;
		}
	}
	event_describe(h, ev, out);
}

/* The title bar, code, narration and reason, for the moment after event
 * `ev` (the last applied, or with s->ahead the next one). */
static void
build_text(struct scene *s, const struct heap *h, const struct timeline *t,
    const struct program *p, const struct event *ev)
{
	const struct scenario	*sc = p->scenario;
	static const char *const models[] = { "cpython", "textbook", "off" };

	s->title = sc->title.value;
	s->section = sc->section.value;
	s->gc_model = models[sc->settings.gc];
	s->python = pyversion_name(h->python);
	s->step_total = t->module_steps > 0 ? t->module_steps - 1 : 0;
	s->event = h->position + (s->ahead ? 1 : 0);
	s->event_total = t->event_count;
	if (ev != NULL) {
		const struct timeline_step	*ts = &t->steps[ev->step];
		const struct scenario_step	*src = program_step_source(p,
		    ts->function, ts->source);
		struct strbuf			 reason = STRBUF_INIT;

		s->step = ts->ordinal;
		if (src != NULL) {
			s->code = src->code.value;
			s->narration = src->say.value;
		} else if (ev->step > 0) {
			/* a step the scenario does not have: the viewer's g */
			s->code = "gc.collect()";
			s->narration = "You pressed g: the viewer runs a full "
			    "collection here, as gc.collect() would. Press r "
			    "to reload the scenario as it is written.";
		}
		describe(h, t, ev, &reason);
		s->reason = arena_strbuf(s, &reason);
		strbuf_free(&reason);
	}
	s->output = recent_output(s, h, t);
	s->prints = t->text_len > 0;
}

void
scene_build(struct scene *s, const struct heap *h, const struct timeline *t,
    const struct program *p, const struct scene_options *o)
{
	const struct event		*last = h->position > 0 ?
	    &t->events[h->position - 1] : NULL;
	const struct timeline_step	*ended = o->micro ? NULL :
	    step_ending(h, t);
	struct step_effect		 e = { 0 };
	struct event_reading		 r;
	uint32_t			 cap = 0;
	bool				*quiet;

	memset(s, 0, sizeof *s);
	if (last != NULL)
		event_read(h, last, &r);
	if (ended != NULL)
		step_effect(&e, h, t, ended);
	build_frames(s, h, &cap);
	build_objects(s, h, o, ended != NULL || last == NULL ? NULL : &r,
	    e.ghosts, &cap, &quiet);
	count_hidden(s, h, o, quiet);
	xfree(quiet);
	name_freed_instances(s, h, t);
	apply_labels(s, t, h->position);
	build_text(s, h, t, p, last);
	build_generations(s, h, last != NULL ? &r : NULL);
	if (ended != NULL) {
		s->settled = true;
		apply_step(s, h, t, ended, &e);
		apply_collection(s, h, t);
		step_effect_free(&e);
	} else if (last != NULL) {
		apply_last_event(s, &r);
		apply_collection(s, h, t);
		if (s->gc_phase != NULL)
			apply_visit(s, &r);
	}
}

void
scene_build_ahead(struct scene *s, const struct heap *h,
    const struct timeline *t, const struct program *p,
    const struct scene_options *o)
{
	const struct event	*next = &t->events[h->position];
	uint32_t		 cap = 0;
	bool			*quiet;

	memset(s, 0, sizeof *s);
	s->ahead = true;
	build_frames(s, h, &cap);
	build_objects(s, h, o, NULL, NULL, &cap, &quiet);
	count_hidden(s, h, o, quiet);
	xfree(quiet);
	apply_labels(s, t, h->position);
	build_text(s, h, t, p, next);
	build_generations(s, h, NULL);
	apply_next_event(s, h, next);
	if (h->position > 0)
		apply_collection(s, h, t);
}
