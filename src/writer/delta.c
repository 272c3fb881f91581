/*
 * delta.c: the delta trace's bookkeeping (see delta.h).
 *
 * Between two records we gather, from the events alone:
 *   - the objects whose listing may have changed (queue): every object an
 *     event names, and the watchers of every container whose contents
 *     changed;
 *   - the changes of each listed object's references, as splices of its
 *     "refs" worked out at the event (ops), so that appending to a list of
 *     a million items writes one item, not a million;
 *   - the frames pushed, popped, bound or unbound.
 * At the record each queued object is compared with what the last record
 * said of it (struct delta_obj keeps that), and only what differs is
 * written.
 *
 * Invariant, between records: for every listed object W and every
 * container X that W's last written repr printed, W is in X's watchers
 * (which may also hold stale entries, dropped when next looked at).  So a
 * change to X queues every object whose repr it may change.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "sim/version.h"
#include "writer/delta.h"

#define put_lit(sb, literal) strbuf_append((sb), "" literal, sizeof(literal) - 1)

/* What the last record said of one object. */
struct delta_obj {
	char		*repr;		/* owned, as written */
	uint32_t	 repr_len;
	int64_t		 refcount;	/* as sys.getrefcount counts */
	int32_t		 gen;		/* -1: untracked */
	bool		 cached;	/* shared (sys.intern may make it so) */
	objid_t		 weak;		/* a weakref's referent, as listed */
	bool		 listed;
	uint32_t	 queued;	/* the record it is queued for, 0: none */
	uint32_t	 ops_first;	/* pending splices: index + 1 in d->ops */
	uint32_t	 ops_last;
	objid_t		*seen;		/* owned: the containers its repr printed */
	uint32_t	 seen_len;
	objid_t		*watchers;	/* owned: who may have printed this one */
	uint32_t	 watchers_len;
	uint32_t	 watchers_cap;
	char		*json;		/* owned, CACHE: as trace_json_object */
	uint32_t	 json_len;
};

/* One splice of an object's references, as JSON text in d->optext. */
struct delta_op {
	uint32_t	 next;		/* index + 1, 0: the last */
	size_t		 start;
	size_t		 len;
};

struct trace_delta {
	enum trace_delta_mode mode;
	bool		 started;
	uint32_t	 record;	/* records written since the first */
	struct delta_obj *objs;		/* by id */
	uint32_t	 objs_cap;

	objid_t		*queue;		/* to compare at the next record */
	uint32_t	 queue_len;
	uint32_t	 queue_cap;
	bool		 queue_all;	/* the collector moved whole generations */

	struct delta_op	*ops;
	uint32_t	 ops_len;
	uint32_t	 ops_cap;
	struct strbuf	 optext;

	/* dicts with a key whose repr changes (a weakref when it is
	 * cleared, a finalizer when it dies): their "key ..." labels are
	 * listed anew when one may have changed (rekey) */
	objid_t		*volatile_dicts;
	uint32_t	 volatile_len;
	uint32_t	 volatile_cap;
	bool		 rekey;

	uint32_t	 frame_count;	/* at the last record */
	uint32_t	 frames_from;	/* lowest frame pushed or popped since */
	uint8_t		*frame_dirty;	/* by frame number: names changed */
	uint32_t	 frame_dirty_cap;

	/* scratch for a record */
	objid_t		*seen;		/* what a repr printed */
	uint32_t	 seen_len;
	uint32_t	 seen_cap;
	objid_t		 seen_self;
	struct strbuf	 repr;
	struct strbuf	 added;		/* "new" */
	struct strbuf	 changed;
	struct strbuf	 gone;
};

struct trace_delta *
trace_delta_new(enum trace_delta_mode mode)
{
	struct trace_delta *d = xcalloc(1, sizeof *d);

	d->mode = mode;
	d->started = mode == TRACE_DELTA_CACHE;
	d->frames_from = UINT32_MAX;
	return d;
}

static void
obj_forget(struct delta_obj *s, bool dead)
{
	xfree(s->repr);
	xfree(s->seen);
	xfree(s->json);
	s->repr = NULL;
	s->seen = NULL;
	s->json = NULL;
	s->repr_len = s->seen_len = s->json_len = 0;
	s->listed = false;
	if (dead) {
		xfree(s->watchers);
		s->watchers = NULL;
		s->watchers_len = s->watchers_cap = 0;
	}
}

void
trace_delta_free(struct trace_delta *d)
{
	if (d == NULL)
		return;
	for (uint32_t i = 0; i < d->objs_cap; i++)
		obj_forget(&d->objs[i], true);
	xfree(d->objs);
	xfree(d->queue);
	xfree(d->ops);
	strbuf_free(&d->optext);
	xfree(d->frame_dirty);
	xfree(d->volatile_dicts);
	xfree(d->seen);
	strbuf_free(&d->repr);
	strbuf_free(&d->added);
	strbuf_free(&d->changed);
	strbuf_free(&d->gone);
	xfree(d);
}

static struct delta_obj *
obj(struct trace_delta *d, objid_t id)
{
	if (id >= d->objs_cap) {
		uint32_t cap = d->objs_cap ? d->objs_cap : 256;

		while (cap <= id)
			cap *= 2;
		d->objs = xreallocarray(d->objs, cap, sizeof *d->objs);
		memset(&d->objs[d->objs_cap], 0,
		    (cap - d->objs_cap) * sizeof *d->objs);
		d->objs_cap = cap;
	}
	return &d->objs[id];
}

static void *
copy_of(const void *data, size_t len)
{
	void *p = xmalloc(len > 0 ? len : 1);

	if (len > 0)
		memcpy(p, data, len);
	return p;
}

static void
enqueue(struct trace_delta *d, objid_t id)
{
	struct delta_obj *s = obj(d, id);

	if (s->queued == d->record + 1)
		return;
	s->queued = d->record + 1;
	if (d->queue_len == d->queue_cap) {
		d->queue_cap = d->queue_cap ? d->queue_cap * 2 : 64;
		d->queue = xreallocarray(d->queue, d->queue_cap,
		    sizeof *d->queue);
	}
	d->queue[d->queue_len++] = id;
}

static bool
holds(const objid_t *ids, uint32_t len, objid_t id)
{
	for (uint32_t i = 0; i < len; i++)
		if (ids[i] == id)
			return true;
	return false;
}

/* The contents of container x changed: x and whoever printed it. */
static void
mutated(struct trace_delta *d, objid_t x)
{
	struct delta_obj *s;

	enqueue(d, x);
	/* watchers have entries already: obj() moves nothing from here */
	s = obj(d, x);
	for (uint32_t i = 0; i < s->watchers_len;) {
		objid_t			 w = s->watchers[i];
		struct delta_obj	*ws = obj(d, w);

		if (ws->listed && holds(ws->seen, ws->seen_len, x)) {
			enqueue(d, w);
			i++;
		} else
			s->watchers[i] = s->watchers[--s->watchers_len];
	}
}

/* Starts a splice of id's references, written into d->optext: its
 * "[at,deleted,[", to which the caller appends what it inserts. */
static struct strbuf *
op_begin(struct trace_delta *d, objid_t id, uint32_t at, uint32_t deleted)
{
	struct delta_obj	*s = obj(d, id);
	struct delta_op		*op;

	if (d->ops_len == d->ops_cap) {
		d->ops_cap = d->ops_cap ? d->ops_cap * 2 : 64;
		d->ops = xreallocarray(d->ops, d->ops_cap, sizeof *d->ops);
	}
	op = &d->ops[d->ops_len++];
	op->next = 0;
	op->start = d->optext.len;
	op->len = 0;
	if (s->ops_first == 0)
		s->ops_first = d->ops_len;
	else
		d->ops[s->ops_last - 1].next = d->ops_len;
	s->ops_last = d->ops_len;
	strbuf_putc(&d->optext, '[');
	trace_json_uint(&d->optext, at);
	strbuf_putc(&d->optext, ',');
	trace_json_uint(&d->optext, deleted);
	put_lit(&d->optext, ",[");
	return &d->optext;
}

/* Ends the splice op_begin started. */
static void
op_end(struct trace_delta *d)
{
	struct delta_op *op = &d->ops[d->ops_len - 1];

	put_lit(&d->optext, "]]");
	op->len = d->optext.len - op->start;
}

/* [at,deleted,[]] or [at,deleted,[id]]: a splice of one item. */
static void
op_item(struct trace_delta *d, objid_t owner, uint32_t at, uint32_t deleted,
    objid_t inserted)
{
	struct strbuf *out = op_begin(d, owner, at, deleted);

	if (inserted != OBJ_NULL)
		trace_json_uint(out, inserted);
	op_end(d);
}

/* [at,deleted,[REF...]]: a splice of labelled references, the refs
 * inserted given as n sites of owner. */
static void
op_refs(struct trace_delta *d, struct trace_json *j, const struct heap *h,
    objid_t owner, uint32_t at, uint32_t deleted, const struct heap_ref *refs,
    uint32_t n)
{
	struct strbuf *out = op_begin(d, owner, at, deleted);

	for (uint32_t i = 0; i < n; i++) {
		if (i > 0)
			strbuf_putc(out, ',');
		trace_json_ref(j, h, owner, &refs[i], out);
	}
	op_end(d);
}

/* Live dict entries before entry e: half the position of its key. */
static uint32_t
dict_live_before(const struct pydict *dict, uint32_t e)
{
	uint32_t n = 0;

	for (uint32_t i = 0; i < e; i++)
		if (dict->entries[i].key != OBJ_NULL)
			n++;
	return n;
}

/* The position of table entry e in the set's iteration order. */
static uint32_t
set_position(const struct settable *t, uint32_t e)
{
	uint32_t	cursor = 0, n = 0;
	int64_t		i;

	while ((i = settable_next(t, &cursor)) >= 0 && (uint32_t)i < e)
		n++;
	return n;
}

/* The whole set, replacing its `old` elements. */
static void
op_set_all(struct trace_delta *d, objid_t owner, const struct settable *t,
    uint32_t old)
{
	struct strbuf	*out = op_begin(d, owner, 0, old);
	uint32_t	 cursor = 0, n = 0;
	int64_t		 i;

	while ((i = settable_next(t, &cursor)) >= 0) {
		if (n++ > 0)
			strbuf_putc(out, ',');
		trace_json_uint(out, t->entries[i].key);
	}
	op_end(d);
}

/* Where ref stands in its holder's listed references (items, elements
 * or "refs"), as trace_json_object lists them. */
static uint32_t
ref_position(const struct object *o, const struct event_ref *ref)
{
	switch (ref->site) {
	case SITE_DICT_KEY:
		return 2 * dict_live_before(o->as.dict, ref->slot);
	case SITE_DICT_VALUE:
		return 2 * dict_live_before(o->as.dict, ref->slot) + 1;
	case SITE_SET:
		return set_position(o->as.set, ref->slot);
	case SITE_CLASS:	/* after the attributes */
		return o->as.inst->count;
	default:		/* an item, an attribute, a constant */
		return ref->slot;
	}
}

/* An event changed the references of one object: the holder of what r
 * adds and removes.  They are one splice: what it removes stands where
 * what it adds goes. */
static void
references_changed(struct trace_delta *d, const struct heap *h,
    const struct event_reading *r)
{
	const struct event_ref	*first = r->removed_count > 0 ?
	    &r->removed[0] : &r->added[0];
	objid_t			 c = first->holder;
	const struct object	*o = heap_object(h, c);
	struct trace_json	 j = TRACE_JSON_INIT;
	struct heap_ref		 refs[ITER_MAX_HELD];
	uint32_t		 at;

	mutated(d, c);
	if (d->mode == TRACE_DELTA_CACHE || !obj(d, c)->listed)
		return;		/* it will be listed whole, or not at all */
	if (r->reordered) {
		op_set_all(d, c, o->as.set, o->as.set->used - 1);
		return;
	}
	if (o->type == OBJ_ITER && o->as.iter->kind == ITER_GENERATOR) {
		/* a generator's slots are named by where its frame stands
		 * (heap_held_label): each change lists them all anew */
		uint32_t n = o->as.iter->count;

		for (uint32_t i = 0; i < n; i++)
			refs[i] = (struct heap_ref){ SITE_HELD, i,
			    o->as.iter->held[i] };
		op_refs(d, &j, h, c, 0, n + r->removed_count -
		    r->added_count, refs, n);
		trace_json_free(&j);
		return;
	}
	at = ref_position(o, first);
	if (first->site == SITE_ITEM || first->site == SITE_SET) {
		/* items and elements are listed as bare ids */
		op_item(d, c, at, r->removed_count, r->added_count > 0 ?
		    r->added[0].target : OBJ_NULL);
		return;
	}
	for (uint8_t i = 0; i < r->added_count; i++)
		refs[i] = (struct heap_ref){ r->added[i].site,
		    r->added[i].slot, r->added[i].target };
	op_refs(d, &j, h, c, at, r->removed_count, refs, r->added_count);
	trace_json_free(&j);
}

static void
frame_dirty(struct trace_delta *d, uint32_t f)
{
	if (f >= d->frame_dirty_cap) {
		uint32_t cap = d->frame_dirty_cap ? d->frame_dirty_cap : 16;

		while (cap <= f)
			cap *= 2;
		d->frame_dirty = xreallocarray(d->frame_dirty, cap, 1);
		memset(d->frame_dirty + d->frame_dirty_cap, 0,
		    cap - d->frame_dirty_cap);
		d->frame_dirty_cap = cap;
	}
	d->frame_dirty[f] = 1;
}

/* Whether a dict key's repr, and so its label, can change while it is
 * a key: a weakref's when it is cleared, a finalizer's when it dies. */
static bool
volatile_key(const struct heap *h, objid_t key)
{
	const struct object *o = heap_object(h, key);

	return (o->type == OBJ_ITER && o->as.iter->kind == ITER_WEAKREF) ||
	    heap_is_finalize(h, key);
}

/* Keeps the dicts whose keys an event added or removed is volatile, and
 * notes when a label may have changed. */
static void
watch_keys(struct trace_delta *d, const struct heap *h,
    const struct event_reading *r)
{
	if (r->weak_cleared != OBJ_NULL && d->volatile_len > 0)
		d->rekey = true;
	for (uint8_t i = 0; i < r->added_count + r->removed_count; i++) {
		const struct event_ref *ref = i < r->added_count ?
		    &r->added[i] : &r->removed[i - r->added_count];

		if (ref->site != SITE_DICT_KEY || !volatile_key(h,
		    ref->target))
			continue;
		d->rekey = true;
		if (holds(d->volatile_dicts, d->volatile_len, ref->holder))
			continue;
		if (d->volatile_len == d->volatile_cap) {
			d->volatile_cap = d->volatile_cap ?
			    d->volatile_cap * 2 : 8;
			d->volatile_dicts = xreallocarray(d->volatile_dicts,
			    d->volatile_cap, sizeof *d->volatile_dicts);
		}
		d->volatile_dicts[d->volatile_len++] = ref->holder;
	}
}

static bool
gather_ref(void *ctx, const struct heap_ref *ref)
{
	struct heap_ref **at = ctx;

	*(*at)++ = *ref;
	return true;
}

/* Before a record: each dict with volatile keys is queued, and its
 * references listed anew (one splice of them all, after the event's). */
static void
rekey_dicts(struct trace_delta *d, const struct heap *h)
{
	struct trace_json j = TRACE_JSON_INIT;

	if (!d->rekey)
		return;
	d->rekey = false;
	for (uint32_t i = 0; i < d->volatile_len;) {
		objid_t		 id = d->volatile_dicts[i];
		uint32_t	 n;
		struct heap_ref	*refs, *at;

		if (heap_object(h, id)->state != OBJ_ALIVE) {
			d->volatile_dicts[i] = d->volatile_dicts[
			    --d->volatile_len];
			continue;
		}
		i++;
		enqueue(d, id);
		if (d->mode == TRACE_DELTA_CACHE || !obj(d, id)->listed)
			continue;
		n = heap_ref_count(h, id);
		refs = at = xcalloc(n + 1, sizeof *refs);
		heap_visit_refs(h, id, gather_ref, &at);
		op_refs(d, &j, h, id, 0, n, refs, n);
		xfree(refs);
	}
	trace_json_free(&j);
}

void
trace_delta_on_event(struct trace_delta *d, const struct heap *h,
    const struct event_reading *r)
{
	bool held = false;

	if (!d->started)
		return;
	watch_keys(d, h, r);
	/* an object's own record: its count, its life, its generation,
	 * whether it is shared */
	if (r->interned != OBJ_NULL)
		enqueue(d, r->interned);
	/* a weakref's repr and its weak reference: it, and whoever
	 * printed it */
	if (r->weak_cleared != OBJ_NULL)
		mutated(d, r->weak_cleared);
	if (r->born != OBJ_NULL)
		enqueue(d, r->born);
	if (r->freed != OBJ_NULL)
		enqueue(d, r->freed);
	if (r->count_up != OBJ_NULL)
		enqueue(d, r->count_up);
	if (r->count_down != OBJ_NULL)
		enqueue(d, r->count_down);
	if (r->regen != OBJ_NULL)
		enqueue(d, r->regen);
	if (r->regen_all)
		d->queue_all = true;
	if (r->frame_pushed < d->frames_from)
		d->frames_from = r->frame_pushed;
	if (r->frame_popped < d->frames_from)
		d->frames_from = r->frame_popped;
	if (r->born != OBJ_NULL) {
		/* its holds are listed with it; but an instance born holds
		 * its class, whose count so changes (copy.copy makes one
		 * without the class being loaded) */
		for (uint8_t i = 0; i < r->added_count; i++)
			if (r->added[i].site == SITE_CLASS)
				enqueue(d, r->added[i].target);
		return;
	}
	/* references: a frame's names, or an object's listing (a frame's
	 * function and step constants are in no listing) */
	for (uint8_t i = 0; i < r->added_count + r->removed_count; i++) {
		const struct event_ref *ref = i < r->added_count ?
		    &r->added[i] : &r->removed[i - r->added_count];

		if (ref->site == SITE_NAME)
			frame_dirty(d, ref->holder);
		else if (!event_ref_in_frame(ref))
			held = true;
	}
	if (held)
		references_changed(d, h, r);
}

static void
on_seen(void *ctx, objid_t container)
{
	struct trace_delta *d = ctx;

	if (container == d->seen_self ||
	    holds(d->seen, d->seen_len, container))
		return;
	if (d->seen_len == d->seen_cap) {
		d->seen_cap = d->seen_cap ? d->seen_cap * 2 : 16;
		d->seen = xreallocarray(d->seen, d->seen_cap, sizeof *d->seen);
	}
	d->seen[d->seen_len++] = container;
}

/* Computes id's repr into d->repr and what it printed into d->seen. */
static void
repr_now(struct trace_delta *d, const struct heap *h, objid_t id)
{
	strbuf_truncate(&d->repr, 0);
	d->seen_len = 0;
	d->seen_self = id;
	heap_repr_seen(h, id, TRACE_REPR_MAX, &d->repr, on_seen, d);
}

/* Takes d->seen as what id's repr printed now: becomes a watcher of each
 * container newly seen. */
static void
remember_seen(struct trace_delta *d, objid_t id)
{
	struct delta_obj *s;

	for (uint32_t i = 0; i < d->seen_len; i++) {
		struct delta_obj *x = obj(d, d->seen[i]);

		s = obj(d, id);
		if (holds(s->seen, s->seen_len, d->seen[i]))
			continue;
		if (x->watchers_len == x->watchers_cap) {
			x->watchers_cap = x->watchers_cap ?
			    x->watchers_cap * 2 : 4;
			x->watchers = xreallocarray(x->watchers,
			    x->watchers_cap, sizeof *x->watchers);
		}
		x->watchers[x->watchers_len++] = id;
	}
	s = obj(d, id);
	xfree(s->seen);
	s->seen = d->seen_len ? copy_of(d->seen, d->seen_len *
	    sizeof *d->seen) : NULL;
	s->seen_len = d->seen_len;
}

/* Takes d->repr and d->seen as what id's record says now. */
static void
remember_repr(struct trace_delta *d, objid_t id)
{
	struct delta_obj *s;

	remember_seen(d, id);
	s = obj(d, id);
	xfree(s->repr);
	s->repr = copy_of(d->repr.data, d->repr.len);
	s->repr_len = (uint32_t)d->repr.len;
}

static int32_t
gen_of(const struct heap *h, objid_t id)
{
	const struct object *o = heap_object(h, id);

	return (o->flags & OBJF_TRACKED) ? o->gen : -1;
}

/* Takes id as the last record lists it (it is listed). */
static void
remember(struct trace_delta *d, const struct heap *h, objid_t id)
{
	struct delta_obj *s;

	repr_now(d, h, id);
	remember_repr(d, id);
	s = obj(d, id);
	s->listed = true;
	s->refcount = version_refcount(h, id);
	s->gen = gen_of(h, id);
	s->cached = (heap_object(h, id)->flags & OBJF_CACHED) != 0;
	s->weak = heap_weak_target(h, id);
}

void
trace_delta_begin(struct trace_delta *d, const struct heap *h,
    const struct live_ids *live)
{
	for (uint32_t i = 0; i < live->len; i++)
		if (trace_json_listed(h, live->ids[i]))
			remember(d, h, live->ids[i]);
	d->frame_count = h->frame_count;
	d->started = true;
}

static void
list_comma(struct strbuf *list)
{
	if (list->len > 0)
		strbuf_putc(list, ',');
}

/* The "changed" entry of a listed object that stays listed, if anything
 * about it changed. */
static void
object_changes(struct trace_delta *d, const struct heap *h, objid_t id)
{
	const struct object	*o = heap_object(h, id);
	struct delta_obj	*s = obj(d, id);
	struct strbuf		*out = &d->changed;
	size_t			 mark = out->len;
	bool			 any = false;

	list_comma(out);
	put_lit(out, "{\"id\":");
	trace_json_uint(out, id);
	if (version_refcount(h, id) != s->refcount) {
		s->refcount = version_refcount(h, id);
		put_lit(out, ",\"refcount\":");
		trace_json_int(out, s->refcount);
		any = true;
	}
	if (((o->flags & OBJF_CACHED) != 0) != s->cached) {
		s->cached = !s->cached;
		put_lit(out, ",\"cached\":");
		strbuf_puts(out, s->cached ? "true" : "false");
		any = true;
	}
	if (gen_of(h, id) != s->gen) {
		put_lit(out, ",\"gen\":");
		trace_json_gen(h, id, out);
		s->gen = gen_of(h, id);
		any = true;
	}
	/* a weakref cleared: its referent goes ("weak":null) */
	if (heap_weak_target(h, id) != s->weak) {
		s->weak = heap_weak_target(h, id);
		put_lit(out, ",\"weak\":");
		if (s->weak == OBJ_NULL)
			put_lit(out, "null");
		else
			trace_json_uint(out, s->weak);
		any = true;
	}
	repr_now(d, h, id);
	if (d->repr.len != s->repr_len || (s->repr_len > 0 &&
	    memcmp(d->repr.data, s->repr, s->repr_len) != 0)) {
		put_lit(out, ",\"repr\":");
		strbuf_append_json_string(out, d->repr.data, d->repr.len);
		any = true;
	}
	remember_repr(d, id);
	s = obj(d, id);		/* remember_repr may have moved the table */
	if (s->ops_first != 0) {
		uint32_t op = s->ops_first;

		if (o->type == OBJ_LIST || o->type == OBJ_TUPLE)
			put_lit(out, ",\"items\":[");
		else if (o->type == OBJ_SET)
			put_lit(out, ",\"elements\":[");
		else
			put_lit(out, ",\"refs\":[");
		for (bool first = true; op != 0; op = d->ops[op - 1].next) {
			if (!first)
				strbuf_putc(out, ',');
			first = false;
			strbuf_append(out, d->optext.data + d->ops[op - 1].start,
			    d->ops[op - 1].len);
		}
		strbuf_putc(out, ']');
		any = true;
	}
	if (any)
		strbuf_putc(out, '}');
	else
		strbuf_truncate(out, mark);
}

static int
compare_ids(const void *a, const void *b)
{
	objid_t x = *(const objid_t *)a, y = *(const objid_t *)b;

	return (x > y) - (x < y);
}

static void
objects_json(struct trace_delta *d, const struct heap *h,
    struct trace_json *j, struct strbuf *out)
{
	strbuf_truncate(&d->added, 0);
	strbuf_truncate(&d->changed, 0);
	strbuf_truncate(&d->gone, 0);
	if (d->queue_len > 1)
		qsort(d->queue, d->queue_len, sizeof *d->queue, compare_ids);
	for (uint32_t i = 0; i < d->queue_len; i++) {
		objid_t			 id = d->queue[i];
		struct delta_obj	*s = obj(d, id);
		bool			 now = trace_json_listed(h, id);

		if (!now) {
			if (s->listed) {
				list_comma(&d->gone);
				trace_json_uint(&d->gone, id);
			}
			obj_forget(s, heap_object(h, id)->state != OBJ_ALIVE);
		} else if (!s->listed) {
			list_comma(&d->added);
			trace_json_object(j, h, id, &d->added);
			remember(d, h, id);
		} else
			object_changes(d, h, id);
		s = obj(d, id);
		s->ops_first = s->ops_last = 0;
	}
	put_lit(out, ",\"new\":[");
	strbuf_append(out, d->added.data, d->added.len);
	put_lit(out, "],\"changed\":[");
	strbuf_append(out, d->changed.data, d->changed.len);
	put_lit(out, "],\"gone\":[");
	strbuf_append(out, d->gone.data, d->gone.len);
	strbuf_putc(out, ']');
}

/* "frames":{"keep":K,"put":[[i,FRAME],...]}, when they changed. */
static void
frames_json(struct trace_delta *d, const struct heap *h, struct strbuf *out)
{
	uint32_t	keep = d->frames_from;
	bool		first = true;

	if (keep > d->frame_count)
		keep = d->frame_count;
	if (keep > h->frame_count)
		keep = h->frame_count;
	for (uint32_t f = 0; f < h->frame_count; f++) {
		if (f < keep && (f >= d->frame_dirty_cap ||
		    !d->frame_dirty[f]))
			continue;
		if (first) {
			put_lit(out, ",\"frames\":{\"keep\":");
			trace_json_uint(out, keep);
			put_lit(out, ",\"put\":[");
		} else
			strbuf_putc(out, ',');
		first = false;
		strbuf_putc(out, '[');
		trace_json_uint(out, f);
		strbuf_putc(out, ',');
		trace_json_frame(h, f, out);
		strbuf_putc(out, ']');
	}
	if (first && keep < d->frame_count) {	/* frames only popped */
		put_lit(out, ",\"frames\":{\"keep\":");
		trace_json_uint(out, keep);
		put_lit(out, ",\"put\":[");
		first = false;
	}
	if (!first)
		put_lit(out, "]}");
	if (d->frame_dirty_cap > 0)
		memset(d->frame_dirty, 0, d->frame_dirty_cap);
	d->frames_from = UINT32_MAX;
	d->frame_count = h->frame_count;
}

/* The collector moved whole generations: every live object may have a
 * new "gen". */
static void
queue_if_all(struct trace_delta *d, const struct heap *h,
    const struct live_ids *live)
{
	if (!d->queue_all)
		return;
	for (uint32_t i = 0; i < live->len; i++)
		if (heap_object(h, live->ids[i])->state == OBJ_ALIVE)
			enqueue(d, live->ids[i]);
	d->queue_all = false;
}

void
trace_delta_record(struct trace_delta *d, const struct heap *h,
    const struct live_ids *live, struct trace_json *j, struct strbuf *out)
{
	queue_if_all(d, h, live);
	rekey_dicts(d, h);
	frames_json(d, h, out);
	objects_json(d, h, j, out);
	d->queue_len = 0;
	d->ops_len = 0;
	strbuf_truncate(&d->optext, 0);
	d->record++;
}

/* CACHE: renders id into its cached JSON, watching what its repr prints. */
static void
cache_object(struct trace_delta *d, const struct heap *h,
    struct trace_json *j, objid_t id)
{
	struct delta_obj *s;

	strbuf_truncate(&d->repr, 0);
	d->seen_len = 0;
	d->seen_self = id;
	trace_json_object_seen(j, h, id, &d->repr, on_seen, d);
	remember_seen(d, id);
	s = obj(d, id);
	xfree(s->json);
	s->json = copy_of(d->repr.data, d->repr.len);
	s->json_len = (uint32_t)d->repr.len;
	s->listed = true;
}

void
trace_delta_heap(struct trace_delta *d, const struct heap *h,
    const struct live_ids *live, struct trace_json *j, struct strbuf *out)
{
	queue_if_all(d, h, live);
	rekey_dicts(d, h);
	for (uint32_t i = 0; i < d->queue_len; i++) {
		objid_t id = d->queue[i];

		if (trace_json_listed(h, id))
			cache_object(d, h, j, id);
		else
			obj_forget(obj(d, id), heap_object(h, id)->state !=
			    OBJ_ALIVE);
	}
	d->queue_len = 0;
	d->record++;
	strbuf_putc(out, '[');
	for (uint32_t i = 0, n = 0; i < live->len; i++) {
		objid_t			 id = live->ids[i];
		struct delta_obj	*s;

		if (!trace_json_listed(h, id))
			continue;
		s = obj(d, id);
		if (s->json == NULL)	/* cannot be: each was queued */
			cache_object(d, h, j, id);
		s = obj(d, id);
		if (n++ > 0)
			strbuf_putc(out, ',');
		strbuf_append(out, s->json, s->json_len);
	}
	strbuf_putc(out, ']');
}
