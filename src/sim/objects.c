/*
 * objects.c: new objects, and the ones CPython shares (objects.h).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>

#include "base/limits.h"
#include "base/xalloc.h"
#include "sim/gc.h"
#include "sim/machine.h"
#include "sim/objects.h"
#include "py/pyhash.h"
#include "sim/refcount.h"
#include "sim/version.h"

void
objects_init(struct machine *m)
{
	const struct scenario_settings *s = &m->program->scenario->settings;

	m->objects.small_int_cache = s->small_int_cache;
	m->objects.intern_strings = s->intern_strings;
}

void
objects_fini(struct machine *m)
{
	xfree(m->objects.interned);
	m->objects.interned = NULL;
	xfree(m->objects.types);
	m->objects.types = NULL;
	m->objects.type_count = 0;
	xfree(m->objects.statics);
	m->objects.statics = NULL;
	m->objects.static_count = 0;
	xfree(m->objects.builtins);
	m->objects.builtins = NULL;
	m->objects.builtin_count = 0;
	m->objects.interned_cap = m->objects.interned_count = 0;
}

static void
alloc(struct machine *m, objid_t id, enum event_reason reason, atom_t detail,
    bool collected)
{
	struct heap	*h = m->heap;
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
	/* the collector's say: counted, tracked; maybe a collection first,
	 * before the new object exists */
	if (collected)
		flags = gc_link(m, id);
	machine_emit(m, (struct event){ .kind = EV_ALLOC, .reason = reason,
	    .site = SITE_STACK, .flags = flags, .object = id,
	    .detail = detail });
}

void
objects_alloc(struct machine *m, objid_t id, enum event_reason reason,
    atom_t detail)
{
	alloc(m, id, reason, detail, true);
}

void
objects_alloc_library(struct machine *m, objid_t id, enum event_reason reason,
    atom_t detail)
{
	alloc(m, id, reason, detail, false);
}

/* ---- shared objects ---- */

/* Pushes the shared object *slot, creating it with make() on first use. */
static void
push_shared(struct machine *m, objid_t *slot, objid_t (*make)(struct heap *,
    const void *), const void *arg, enum event_reason reason)
{
	if (*slot != OBJ_NULL && heap_alive(m->heap, *slot)) {
		refcount_incref(m, *slot, reason, ATOM_NONE);
		return;
	}
	if (*slot == OBJ_NULL)
		*slot = make(m->heap, arg);
	heap_object(m->heap, *slot)->flags |= OBJF_CACHED;
	objects_alloc(m, *slot, reason, ATOM_NONE);
}

/* The slot of the shared object called a in list (count of them), added
 * empty on first use. */
static objid_t *
named_slot(struct objects_type **list, uint32_t *count, atom_t a)
{
	uint32_t i;

	for (i = 0; i < *count && (*list)[i].name != a; i++)
		;
	if (i == *count) {
		*list = xreallocarray(*list, i + 1, sizeof **list);
		(*list)[i] = (struct objects_type){ a, OBJ_NULL };
		(*count)++;
	}
	return &(*list)[i].id;
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
objects_push_none(struct machine *m)
{
	push_shared(m, &m->objects.none, make_none, NULL, REASON_RESULT);
}

void
objects_push_bool(struct machine *m, bool value)
{
	push_shared(m, value ? &m->objects.true_obj : &m->objects.false_obj,
	    make_bool, &value, REASON_RESULT);
}

static objid_t
make_empty_list(struct heap *h, const void *arg)
{
	(void)arg;
	return heap_reserve(h, OBJ_LIST);
}

void
objects_push_gc_garbage(struct machine *m)
{
	push_shared(m, &m->objects.gc_garbage, make_empty_list, NULL,
	    REASON_LOAD);
}

static objid_t
make_notimplemented(struct heap *h, const void *arg)
{
	(void)arg;
	return heap_reserve_notimplemented(h);
}

void
objects_push_notimplemented(struct machine *m)
{
	push_shared(m, &m->objects.notimplemented, make_notimplemented, NULL,
	    REASON_LOAD);
}

static objid_t
make_globals(struct heap *h, const void *arg)
{
	(void)arg;
	return heap_reserve_globals(h);
}

void
objects_push_globals(struct machine *m, enum event_reason reason)
{
	push_shared(m, &m->objects.globals, make_globals, NULL, reason);
}

void
objects_push_empty_tuple(struct machine *m)
{
	push_shared(m, &m->objects.empty_tuple, make_empty_tuple, NULL,
	    REASON_RESULT);
}

void
objects_push_bool_str(struct machine *m, bool value)
{
	struct str_arg arg = { value ? "True" : "False", value ? 4 : 5 };

	push_shared(m, &m->objects.bool_str[value], make_str, &arg,
	    REASON_RESULT);
}

void
objects_push_static_str(struct machine *m, const char *text)
{
	struct objects_state	*st = &m->objects;
	struct str_arg		 arg = { text, strlen(text) };

	push_shared(m, named_slot(&st->statics, &st->static_count,
	    atom_from(text)), make_str, &arg, REASON_RESULT);
}

static bool
is_small_int(const struct machine *m, int64_t value)
{
	return m->objects.small_int_cache && value >= OBJECTS_SMALL_INT_MIN &&
	    value <= OBJECTS_SMALL_INT_MAX;
}

void
objects_push_int(struct machine *m, int64_t value, enum event_reason reason)
{
	if (is_small_int(m, value)) {
		push_shared(m,
		    &m->objects.small_ints[value - OBJECTS_SMALL_INT_MIN],
		    make_int, &value, reason);
		return;
	}
	objects_alloc(m, heap_reserve_int(m->heap, value, false), reason,
	    ATOM_NONE);
}

void
objects_push_bigint(struct machine *m, struct bigint *value,
    enum event_reason reason)
{
	objects_alloc(m, heap_reserve_bigint(m->heap, value), reason,
	    ATOM_NONE);
}

objid_t
objects_shared_int(const struct machine *m, int64_t value)
{
	if (!is_small_int(m, value))
		return OBJ_NULL;
	return m->objects.small_ints[value - OBJECTS_SMALL_INT_MIN];
}

void
objects_push_float(struct machine *m, double value, enum event_reason reason)
{
	objects_alloc(m, heap_reserve_float(m->heap, value), reason,
	    ATOM_NONE);
}

static uint64_t
bytes_hash(const char *bytes, size_t len)
{
	uint64_t hash = 1469598103934665603u;

	for (size_t i = 0; i < len; i++)
		hash = (hash ^ (unsigned char)bytes[i]) * 1099511628211u;
	return hash;
}

/* The index of the interned table's entry for bytes: the interned string
 * equal to them, or the empty entry where it would go.  The table must
 * exist. */
static uint32_t
interned_find(const struct machine *m, const char *bytes, size_t len)
{
	const struct objects_state	*st = &m->objects;
	uint32_t			 mask = st->interned_cap - 1;
	uint32_t			 i = (uint32_t)bytes_hash(bytes, len) & mask;

	for (;;) {
		objid_t			 id = st->interned[i];
		const struct pystr	*s;

		if (id == OBJ_NULL)
			return i;
		s = heap_object(m->heap, id)->as.s;
		if (s->len == len && memcmp(s->data, bytes, len) == 0)
			return i;
		i = (i + 1) & mask;
	}
}

static void
interned_grow(struct machine *m)
{
	struct objects_state	*st = &m->objects;
	objid_t			*old = st->interned;
	uint32_t		 old_cap = st->interned_cap;

	st->interned_cap = old_cap ? old_cap * 2 : 64;
	st->interned = xcalloc(st->interned_cap, sizeof *st->interned);
	for (uint32_t i = 0; i < old_cap; i++) {
		const struct pystr *s;

		if (old[i] == OBJ_NULL)
			continue;
		s = heap_object(m->heap, old[i])->as.s;
		st->interned[interned_find(m, s->data, s->len)] = old[i];
	}
	xfree(old);
}

/*
 * CPython 3.11 keeps static str objects for the identifiers its own C code
 * uses (_Py_ID), interned at start-up; a few are single letters.  Interning
 * the constant 'a' finds that object, which is not the latin-1 singleton
 * that 'ab'[0] returns.  (3.12 dropped these: version.h.)
 */
static bool
is_static_identifier(const struct machine *m, const char *bytes, size_t len)
{
	return version_rules(m->heap->python)->letter_identifiers &&
	    len == 1 && bytes[0] != '\0' &&
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
	bool interning = intern && m->objects.intern_strings;

	if (len == 0)
		return STR_EMPTY;
	if (pystr_is_latin1_char(bytes, len) &&
	    !(interning && is_static_identifier(m, bytes, len)))
		return STR_LATIN1;
	if (interning && pystr_is_identifier_like(bytes, len))
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
objects_push_str(struct machine *m, const char *bytes, size_t len, bool intern,
    enum event_reason reason)
{
	struct objects_state	*st = &m->objects;
	struct str_arg		 arg = { bytes, len };
	objid_t			*slot;

	switch (str_sharing(m, bytes, len, intern)) {
	case STR_EMPTY:
		push_shared(m, &st->empty_str, make_str, &arg, reason);
		return;
	case STR_LATIN1:
		push_shared(m, &st->latin1[latin1_code(bytes, len)], make_str,
		    &arg, reason);
		return;
	case STR_INTERNED:
		if ((st->interned_count + 1) * 2 > st->interned_cap)
			interned_grow(m);
		slot = &st->interned[interned_find(m, bytes, len)];
		if (*slot == OBJ_NULL)
			st->interned_count++;
		push_shared(m, slot, make_str, &arg, reason);
		return;
	case STR_NEW:
		break;
	}
	objects_alloc(m, heap_reserve_str(m->heap, bytes, len, false), reason,
	    ATOM_NONE);
}

static objid_t
make_type(struct heap *h, const void *arg)
{
	return heap_reserve_type(h, *(const atom_t *)arg);
}

void
objects_push_type(struct machine *m, const char *name)
{
	struct objects_state	*st = &m->objects;
	atom_t			 a = atom_from(name);

	push_shared(m, named_slot(&st->types, &st->type_count, a), make_type,
	    &a, REASON_RESULT);
}

static objid_t
make_builtin(struct heap *h, const void *arg)
{
	return heap_reserve_builtin(h, *(const atom_t *)arg);
}

void
objects_push_builtin(struct machine *m, const char *name)
{
	struct objects_state	*st = &m->objects;
	atom_t			 a = atom_from(name);

	push_shared(m, named_slot(&st->builtins, &st->builtin_count, a),
	    make_builtin, &a, REASON_RESULT);
}

void
objects_intern(struct machine *m, objid_t id)
{
	struct objects_state	*st = &m->objects;
	const struct object	*o = heap_object(m->heap, id);
	objid_t			*slot;

	/* 3.11's static one-letter identifiers are interned at start-up:
	 * interning the latin-1 singleton finds the other object */
	if (is_static_identifier(m, o->as.s->data, o->as.s->len)) {
		objects_push_str(m, o->as.s->data, o->as.s->len, true,
		    REASON_RESULT);
		return;
	}
	if ((st->interned_count + 1) * 2 > st->interned_cap)
		interned_grow(m);
	slot = &st->interned[interned_find(m, o->as.s->data, o->as.s->len)];
	if (*slot == OBJ_NULL && !(o->flags & OBJF_CACHED)) {
		machine_emit(m, (struct event){ .kind = EV_INTERN,
		    .reason = REASON_RESULT, .object = id });
		*slot = id;
		st->interned_count++;
	}
	refcount_incref(m, *slot != OBJ_NULL ? *slot : id, REASON_RESULT,
	    ATOM_NONE);
}

objid_t
objects_shared_str(const struct machine *m, const char *bytes, size_t len)
{
	const struct objects_state *st = &m->objects;

	switch (str_sharing(m, bytes, len, true)) {
	case STR_EMPTY:
		return st->empty_str;
	case STR_LATIN1:
		return st->latin1[latin1_code(bytes, len)];
	case STR_INTERNED:
		return st->interned_cap > 0 ?
		    st->interned[interned_find(m, bytes, len)] : OBJ_NULL;
	case STR_NEW:
		break;
	}
	return OBJ_NULL;
}

/* ---- containers ---- */

void
objects_build_sequence(struct machine *m, enum obj_type type, uint32_t count,
    enum event_reason reason)
{
	uint32_t	base;
	objid_t		id;

	if (type == OBJ_TUPLE && count == 0) {
		objects_push_empty_tuple(m);
		return;
	}
	base = m->heap->stack_len - count;
	id = heap_reserve(m->heap, type);
	objects_alloc(m, id, reason, ATOM_NONE);
	/* the items sit under the new container: move each, first first */
	for (uint32_t i = 0; i < count && !m->failed; i++)
		machine_emit(m, (struct event){ .kind = EV_SLOT_INSERT,
		    .reason = REASON_STORE, .site = SITE_ITEM,
		    .object = m->heap->stack[base], .owner = id, .index = i,
		    .aux = base });
}
