/*
 * machine.c: the shared operations of the modelled interpreter.
 *
 * Deallocation is the subtle part.  CPython frees recursively: list_dealloc
 * decrefs an item, whose count reaches zero, whose dealloc runs at once,
 * before the list's next item is dropped.  We keep that order -- depth
 * first, each object's references dropped in its type's tp_dealloc order --
 * but walk it with an explicit stack of objects being freed, so a long chain
 * costs memory, not C stack.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "sim/gc.h"
#include "sim/interp.h"
#include "sim/machine.h"
#include "py/pyhash.h"

void
machine_init(struct machine *m, const struct program *p, struct heap *h,
    struct timeline *t)
{
	memset(m, 0, sizeof *m);
	m->program = p;
	m->heap = h;
	m->timeline = t;
	m->small_int_cache = p->scenario->settings.small_int_cache;
	m->intern_strings = p->scenario->settings.intern_strings;
	m->gc_model = p->scenario->settings.gc;
}

void
machine_fini(struct machine *m)
{
	xfree(m->interned);
	xfree(m->freed_counts);
	xfree(m->collected_counts);
	diag_free(m->error);
	xfree(m->dealloc.ids);
	xfree(m->dealloc.cursors);
	m->error = NULL;
}

void
machine_fail(struct machine *m, struct diag *d)
{
	if (m->error == NULL)
		m->error = d;
	else
		diag_free(d);
	m->failed = true;
}

static void
tally(struct machine *m, uint32_t step, bool collected)
{
	if (step > TIMELINE_MAX_STEPS)
		return;		/* no such step: the timeline refused it */
	if (step >= m->counts_cap) {
		uint32_t cap = m->counts_cap ? m->counts_cap : 64;

		while (cap <= step)
			cap *= 2;
		m->freed_counts = xreallocarray(m->freed_counts, cap,
		    sizeof *m->freed_counts);
		m->collected_counts = xreallocarray(m->collected_counts, cap,
		    sizeof *m->collected_counts);
		memset(m->freed_counts + m->counts_cap, 0,
		    (cap - m->counts_cap) * sizeof *m->freed_counts);
		memset(m->collected_counts + m->counts_cap, 0,
		    (cap - m->counts_cap) * sizeof *m->collected_counts);
		m->counts_cap = cap;
	}
	if (collected)
		m->collected_counts[step]++;
	else
		m->freed_counts[step]++;
}

uint32_t
machine_freed_in(const struct machine *m, uint32_t step)
{
	return step < m->counts_cap ? m->freed_counts[step] : 0;
}

uint32_t
machine_collected_in(const struct machine *m, uint32_t step)
{
	return step < m->counts_cap ? m->collected_counts[step] : 0;
}

bool
machine_emit(struct machine *m, struct event ev)
{
	if (m->failed)
		return false;
	ev.step = m->step;
	if (!timeline_emit(m->timeline, m->heap, &ev)) {
		machine_fail(m, diag_new(m->program->scenario->file,
		    (struct srcpos){ 0, 0 }, DIAG_MALFORMED,
		    "the run produced more than %u events (the limit of "
		    "DESIGN §8)", TIMELINE_MAX_EVENTS));
		return false;
	}
	if (ev.kind == EV_FREE)
		tally(m, m->step, ev.reason == REASON_COLLECTOR);
	return true;
}

uint32_t
machine_top(const struct machine *m)
{
	return m->heap->stack_len - 1;
}

/* ---- allocation ---- */

static bool
tracked_from_birth(enum obj_type type)
{
	/* dicts start untracked and are tracked once they hold something
	 * that may be tracked; the other containers from birth */
	return heap_type_is_container(type) && type != OBJ_DICT;
}

void
machine_alloc(struct machine *m, objid_t id, enum event_reason reason,
    atom_t detail)
{
	struct heap	*h = m->heap;
	enum obj_type	 type = heap_object(h, id)->type;
	uint8_t		 flags = 0;

	if (m->failed)
		return;
	if (h->live_count >= INTERP_MAX_LIVE) {
		machine_fail(m, diag_new(m->program->scenario->file,
		    (struct srcpos){ 0, 0 }, DIAG_MALFORMED,
		    "more than %u live objects (the limit of DESIGN §8)",
		    INTERP_MAX_LIVE));
		return;
	}
	/* shared objects (the empty tuple) are static in CPython: never
	 * counted or tracked by the collector */
	if (heap_type_is_container(type) &&
	    !(heap_object(h, id)->flags & OBJF_CACHED)) {
		/* _PyObject_GC_Link: count the allocation; past the
		 * threshold, collect before the new object exists. */
		if (!gc_maybe_collect_before_alloc(m))
			flags |= EVF_COUNTED;
		/* the textbook model counts every live container */
		if (tracked_from_birth(type) ||
		    m->gc_model == GC_MODEL_TEXTBOOK)
			flags |= EVF_TRACKED;
	}
	machine_emit(m, (struct event){ .kind = EV_ALLOC, .reason = reason,
	    .site = SITE_STACK, .flags = flags, .object = id,
	    .detail = detail });
}

void
machine_incref(struct machine *m, objid_t id, enum event_reason reason,
    atom_t detail)
{
	machine_emit(m, (struct event){ .kind = EV_INCREF, .reason = reason,
	    .site = SITE_STACK, .object = id, .detail = detail });
}

void
machine_decref_at(struct machine *m, uint32_t position,
    enum event_reason reason, atom_t detail)
{
	struct heap	*h = m->heap;
	objid_t		 id;

	if (m->failed)
		return;
	id = h->stack[position];
	if (!machine_emit(m, (struct event){ .kind = EV_DECREF,
	    .reason = reason, .site = SITE_STACK, .object = id,
	    .index = position, .detail = detail }))
		return;
	if (heap_object(h, id)->refcount == 0 &&
	    !(heap_object(h, id)->flags & OBJF_CACHED))
		machine_free(m, id);
}

void
machine_decref_top(struct machine *m, enum event_reason reason, atom_t detail)
{
	machine_decref_at(m, machine_top(m), reason, detail);
}

/* ---- shared objects ---- */

static objid_t
push_new_cached(struct machine *m, objid_t id, enum event_reason reason)
{
	heap_object(m->heap, id)->flags |= OBJF_CACHED;
	machine_alloc(m, id, reason, ATOM_NONE);
	return id;
}

/* Pushes the shared object *slot, creating it with make() on first use. */
static void
push_shared(struct machine *m, objid_t *slot, objid_t (*make)(struct heap *,
    const void *), const void *arg, enum event_reason reason)
{
	if (*slot != OBJ_NULL && heap_alive(m->heap, *slot)) {
		machine_incref(m, *slot, reason, ATOM_NONE);
		return;
	}
	if (*slot == OBJ_NULL)
		*slot = make(m->heap, arg);
	push_new_cached(m, *slot, reason);
}

static objid_t
make_none(struct heap *h, const void *arg)
{
	(void)arg;
	return heap_reserve_none(h);
}

static objid_t
make_bool(struct heap *h, const void *arg)
{
	return heap_reserve_bool(h, *(const bool *)arg);
}

static objid_t
make_int(struct heap *h, const void *arg)
{
	return heap_reserve_int(h, *(const int64_t *)arg, true);
}

static objid_t
make_empty_tuple(struct heap *h, const void *arg)
{
	(void)arg;
	return heap_reserve(h, OBJ_TUPLE);
}

struct str_arg {
	const char	*bytes;
	size_t		 len;
};

static objid_t
make_str(struct heap *h, const void *arg)
{
	const struct str_arg *s = arg;

	return heap_reserve_str(h, s->bytes, s->len, true);
}

void
machine_push_none(struct machine *m)
{
	push_shared(m, &m->none, make_none, NULL, REASON_RESULT);
}

void
machine_push_bool(struct machine *m, bool value)
{
	push_shared(m, value ? &m->true_obj : &m->false_obj, make_bool, &value,
	    REASON_RESULT);
}

void
machine_push_empty_tuple(struct machine *m)
{
	push_shared(m, &m->empty_tuple, make_empty_tuple, NULL, REASON_RESULT);
}

void
machine_push_int(struct machine *m, int64_t value, enum event_reason reason)
{
	if (m->small_int_cache && value >= MACHINE_SMALL_INT_MIN &&
	    value <= MACHINE_SMALL_INT_MAX) {
		push_shared(m, &m->small_ints[value - MACHINE_SMALL_INT_MIN],
		    make_int, &value, reason);
		return;
	}
	machine_alloc(m, heap_reserve_int(m->heap, value, false), reason, ATOM_NONE);
}

void
machine_push_float(struct machine *m, double value, enum event_reason reason)
{
	machine_alloc(m, heap_reserve_float(m->heap, value), reason, ATOM_NONE);
}

static uint64_t
bytes_hash(const char *bytes, size_t len)
{
	uint64_t hash = 1469598103934665603u;

	for (size_t i = 0; i < len; i++)
		hash = (hash ^ (unsigned char)bytes[i]) * 1099511628211u;
	return hash;
}

/* The slot of the interned string equal to bytes, empty if none. */
static objid_t *
interned_slot(struct machine *m, const char *bytes, size_t len)
{
	uint32_t mask = m->interned_cap - 1;
	uint32_t i = (uint32_t)bytes_hash(bytes, len) & mask;

	for (;;) {
		objid_t *slot = &m->interned[i];
		const struct pystr *s;

		if (*slot == OBJ_NULL)
			return slot;
		s = heap_object(m->heap, *slot)->as.s;
		if (s->len == len && memcmp(s->data, bytes, len) == 0)
			return slot;
		i = (i + 1) & mask;
	}
}

static void
interned_grow(struct machine *m)
{
	objid_t		*old = m->interned;
	uint32_t	 old_cap = m->interned_cap;

	m->interned_cap = old_cap ? old_cap * 2 : 64;
	m->interned = xcalloc(m->interned_cap, sizeof *m->interned);
	for (uint32_t i = 0; i < old_cap; i++) {
		const struct pystr *s;

		if (old[i] == OBJ_NULL)
			continue;
		s = heap_object(m->heap, old[i])->as.s;
		*interned_slot(m, s->data, s->len) = old[i];
	}
	xfree(old);
}

/*
 * CPython 3.11 keeps static str objects for the identifiers its own C code
 * uses (_Py_ID), interned at start-up; a few are single letters.  Interning
 * the constant 'a' finds that object, which is not the latin-1 singleton
 * that 'ab'[0] returns.  (3.12 dropped these.)
 */
static bool
is_static_identifier(const char *bytes, size_t len)
{
	return len == 1 && bytes[0] != '\0' &&
	    strchr("abcdefhijklmnopqrstvwxyBCLST_", bytes[0]) != NULL;
}

/* How CPython shares a str constant (intern) or a computed str. */
enum str_sharing {
	STR_NEW,		/* a new object each time */
	STR_EMPTY,		/* the empty-string singleton */
	STR_LATIN1,		/* a one-character latin-1 singleton */
	STR_INTERNED		/* the interned object */
};

static enum str_sharing
str_sharing(const struct machine *m, const char *bytes, size_t len,
    bool intern)
{
	if (len == 0)
		return STR_EMPTY;
	if (pystr_is_latin1_char(bytes, len) &&
	    !(intern && m->intern_strings && is_static_identifier(bytes, len)))
		return STR_LATIN1;
	if (intern && m->intern_strings &&
	    pystr_is_identifier_like(bytes, len))
		return STR_INTERNED;
	return STR_NEW;
}

/* The latin-1 code of a one-character str. */
static unsigned
latin1_code(const char *bytes, size_t len)
{
	unsigned c = (unsigned char)bytes[0];

	if (len == 2)	/* U+0080..U+00FF in UTF-8 */
		c = ((c & 0x1f) << 6) | ((unsigned char)bytes[1] & 0x3f);
	return c;
}

void
machine_push_str(struct machine *m, const char *bytes, size_t len, bool intern,
    enum event_reason reason)
{
	struct str_arg	 arg = { bytes, len };
	objid_t		*slot;

	switch (str_sharing(m, bytes, len, intern)) {
	case STR_EMPTY:
		push_shared(m, &m->empty_str, make_str, &arg, reason);
		return;
	case STR_LATIN1:
		push_shared(m, &m->latin1[latin1_code(bytes, len)], make_str,
		    &arg, reason);
		return;
	case STR_INTERNED:
		if ((m->interned_count + 1) * 2 > m->interned_cap)
			interned_grow(m);
		slot = interned_slot(m, bytes, len);
		if (*slot == OBJ_NULL)
			m->interned_count++;
		push_shared(m, slot, make_str, &arg, reason);
		return;
	case STR_NEW:
		break;
	}
	machine_alloc(m, heap_reserve_str(m->heap, bytes, len, false), reason,
	    ATOM_NONE);
}

objid_t
machine_shared_str(struct machine *m, const char *bytes, size_t len)
{
	switch (str_sharing(m, bytes, len, true)) {
	case STR_EMPTY:
		return m->empty_str;
	case STR_LATIN1:
		return m->latin1[latin1_code(bytes, len)];
	case STR_INTERNED:
		return m->interned_cap > 0 ? *interned_slot(m, bytes, len) :
		    OBJ_NULL;
	case STR_NEW:
		break;
	}
	return OBJ_NULL;
}

/* ---- containers ---- */

void
machine_build_sequence(struct machine *m, enum obj_type type, uint32_t count,
    enum event_reason reason)
{
	uint32_t	base;
	objid_t		id;

	if (type == OBJ_TUPLE && count == 0) {
		machine_push_empty_tuple(m);
		return;
	}
	base = m->heap->stack_len - count;
	id = heap_reserve(m->heap, type);
	machine_alloc(m, id, reason, ATOM_NONE);
	/* the items sit under the new container: move each, first first */
	for (uint32_t i = 0; i < count && !m->failed; i++)
		machine_emit(m, (struct event){ .kind = EV_SLOT_INSERT,
		    .reason = REASON_STORE, .site = SITE_ITEM,
		    .object = m->heap->stack[base], .owner = id, .index = i,
		    .aux = base });
}

bool
machine_may_be_tracked(const struct machine *m, objid_t id)
{
	const struct object *o = heap_object(m->heap, id);

	if (!heap_type_is_container(o->type))
		return false;
	if (o->type == OBJ_TUPLE)
		return (o->flags & OBJF_TRACKED) != 0;
	return true;
}

void
machine_maybe_track_dict(struct machine *m, objid_t dict, objid_t key,
    objid_t value)
{
	if (heap_object(m->heap, dict)->flags & OBJF_TRACKED ||
	    m->gc_model == GC_MODEL_TEXTBOOK)
		return;
	if (machine_may_be_tracked(m, key) || machine_may_be_tracked(m, value))
		machine_emit(m, (struct event){ .kind = EV_GC_TRACK,
		    .reason = REASON_GC, .object = dict, .owner = 0 });
}

/* ---- deallocation ---- */

/* Starts freeing id: out of the collector's lists, then the FREE event. */
static void
dealloc_begin(struct machine *m, objid_t id)
{
	struct heap	*h = m->heap;
	struct object	*o = heap_object(h, id);
	uint8_t		 flags = 0;
	bool		 by_collector = (o->flags & OBJF_UNREACHABLE) != 0;

	if (o->flags & OBJF_TRACKED)
		machine_emit(m, (struct event){ .kind = EV_GC_UNTRACK,
		    .reason = REASON_GC, .object = id, .owner = o->gen,
		    .other = o->gc_prev });
	/* PyObject_GC_Del: the gen-0 count drops, but not below 0 */
	if (heap_type_is_container(o->type) && h->gens[0].count > 0)
		flags |= EVF_COUNTED;
	machine_emit(m, (struct event){ .kind = EV_FREE,
	    .reason = by_collector ? REASON_COLLECTOR : REASON_REFCOUNT,
	    .flags = flags, .object = id });
}

/* The index of the attribute of instance id that dies next: CPython frees
 * an instance's values in the order of its class's shared keys, which is
 * the order the class first saw each name, not this instance's own. */
static int64_t
next_attribute(const struct heap *h, objid_t id)
{
	const struct pyinstance	*inst = heap_object(h, id)->as.inst;
	const struct pyclass	*cls = heap_object(h, inst->cls)->as.cls;
	int64_t			 best = -1;
	uint32_t		 best_rank = UINT32_MAX;

	for (uint32_t i = 0; i < inst->count; i++) {
		uint32_t rank = 0;

		while (rank < cls->key_count && cls->keys[rank] != inst->attrs[i].name)
			rank++;
		if (rank < best_rank) {
			best_rank = rank;
			best = i;
		}
	}
	return best;
}

/*
 * Drops the next reference a dying object holds, in its tp_dealloc order,
 * leaving it on top of the stack.  Returns false when nothing is left.
 * *cursor remembers where a dict's or a set's scan stopped (their deleted
 * entries stay in place), so freeing a big one stays linear.
 */
static bool
dealloc_drop_next(struct machine *m, objid_t id, uint32_t *cursor)
{
	struct heap	*h = m->heap;
	struct object	*o = heap_object(h, id);
	struct event	 ev = { .reason = REASON_DEALLOC, .owner = id };

	switch (o->type) {
	case OBJ_LIST:
	case OBJ_TUPLE:
		/* list_dealloc, tupledealloc: from the last item */
		if (o->as.seq->len == 0)
			return false;
		ev.kind = EV_SLOT_REMOVE;
		ev.site = SITE_ITEM;
		ev.index = o->as.seq->len - 1;
		ev.object = o->as.seq->items[ev.index];
		break;
	case OBJ_DICT: {
		/* free_keys_object: each entry's key, then its value */
		const struct pydict *d = o->as.dict;
		uint32_t i = *cursor;

		while (i < d->count && d->entries[i].key == OBJ_NULL)
			i++;
		*cursor = i;
		if (i == d->count)
			return false;
		ev.kind = EV_DICT_REMOVE;
		ev.site = SITE_DICT_KEY;
		ev.index = i;
		ev.object = d->entries[i].key;
		ev.other = d->entries[i].value;
		return machine_emit(m, ev);
	}
	case OBJ_SET: {
		int64_t i = settable_next(o->as.set, cursor);

		if (i < 0)
			return false;
		ev.kind = EV_SET_DISCARD;
		ev.site = SITE_SET;
		ev.index = (uint32_t)i;
		ev.object = o->as.set->entries[i].key;
		break;
	}
	case OBJ_INSTANCE: {
		int64_t i = next_attribute(h, id);

		if (i >= 0) {
			ev.kind = EV_SLOT_REMOVE;
			ev.site = SITE_ATTR;
			ev.index = (uint32_t)i;
			ev.object = o->as.inst->attrs[i].value;
			ev.detail = o->as.inst->attrs[i].name;
		} else if (o->as.inst->cls != OBJ_NULL) {
			/* subtype_dealloc drops the type last */
			ev.kind = EV_SLOT_REMOVE;
			ev.site = SITE_CLASS;
			ev.object = o->as.inst->cls;
		} else
			return false;
		break;
	}
	case OBJ_FUNCTION: {
		/* the code's co_consts tuple dies last to first */
		const struct pyfunction *fn = o->as.fn;

		if (fn->const_count == 0)
			return false;
		ev.kind = EV_CONST_DROP;
		ev.site = SITE_FUNC_CONST;
		ev.index = fn->const_count - 1;
		ev.object = fn->consts[ev.index];
		break;
	}
	default:
		return false;
	}
	return machine_emit(m, ev);
}

void
machine_free(struct machine *m, objid_t id)
{
	struct machine_dealloc *st = &m->dealloc;

	if (m->failed)
		return;
	dealloc_begin(m, id);
	if (st->len == st->cap) {
		st->cap = st->cap ? st->cap * 2 : 64;
		st->ids = xreallocarray(st->ids, st->cap, sizeof *st->ids);
		st->cursors = xreallocarray(st->cursors, st->cap,
		    sizeof *st->cursors);
	}
	st->cursors[st->len] = 0;
	st->ids[st->len++] = id;
	if (st->running)
		return;		/* the loop below, further up, takes it */

	st->running = true;
	while (st->len > 0 && !m->failed) {
		objid_t top = st->ids[st->len - 1];
		bool pair;

		if (!dealloc_drop_next(m, top, &st->cursors[st->len - 1])) {
			st->len--;
			continue;
		}
		/* a dict entry pushed its key and value: key first */
		pair = heap_object(m->heap, top)->type == OBJ_DICT;
		if (pair)
			machine_decref_at(m, machine_top(m) - 1,
			    REASON_DEALLOC, ATOM_NONE);
		machine_decref_top(m, REASON_DEALLOC, ATOM_NONE);
	}
	st->running = false;
	st->len = 0;
}
