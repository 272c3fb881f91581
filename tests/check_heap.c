/*
 * check_heap.c: the heap, its events and the timeline.
 *
 * Every event goes through emit(), which applies it with timeline_emit,
 * runs heap_check, undoes it and compares the fingerprint with the one
 * before, then redoes it and compares with the one after: so each test
 * below also checks that every event it uses is exactly reversible and
 * keeps the refcount invariant.  A small interpreter over events (store,
 * load, del, build, drop with the free cascade) writes the sequences the
 * way interp.c does.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <check.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/atom.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "sim/event.h"
#include "sim/heap.h"
#include "py/pyhash.h"
#include "py/settable.h"
#include "sim/timeline.h"

static struct heap	*h;
static struct timeline	*tl;
static uint64_t		 kinds_seen;	/* bit per event kind */
static char		**fps;		/* fingerprints after each event */
static size_t		 fps_len, fps_cap;
static bool		 recording;

static void
setup(void)
{
	h = heap_new();
	tl = timeline_new(true);
	kinds_seen = 0;
	fps = NULL;
	fps_len = fps_cap = 0;
	recording = false;
}

static void
teardown(void)
{
	size_t i;

	for (i = 0; i < fps_len; i++)
		xfree(fps[i]);
	xfree(fps);
	timeline_free(tl);
	heap_free(h);
	atom_reset();
}

static void
check_heap(void)
{
	char *why = NULL;
	bool ok = heap_check(h, &why);

	ck_assert_msg(ok, "heap_check: %s", why != NULL ? why : "");
	xfree(why);
}

static void
record(char *fp)
{
	if (fps_len == fps_cap) {
		fps_cap = fps_cap == 0 ? 256 : fps_cap * 2;
		fps = xreallocarray(fps, fps_cap, sizeof *fps);
	}
	fps[fps_len++] = fp;
}

/* Applies ev; checks the invariant, and that undo and redo are exact. */
static void
emit(struct event ev)
{
	char *before, *after, *again;
	struct event *last;

	before = heap_fingerprint(h);
	ck_assert(timeline_emit(tl, h, &ev));
	kinds_seen |= (uint64_t)1 << ev.kind;
	check_heap();
	after = heap_fingerprint(h);
	last = &tl->events[tl->event_count - 1];

	event_undo(h, last);
	again = heap_fingerprint(h);
	ck_assert_str_eq(again, before);
	check_heap();
	xfree(again);

	event_apply(h, last);
	again = heap_fingerprint(h);
	ck_assert_str_eq(again, after);
	xfree(again);
	xfree(before);
	if (recording)
		record(after);
	else
		xfree(after);
}

#define EMIT(...)	emit((struct event){ __VA_ARGS__ })

static uint32_t
top(void)
{
	ck_assert_uint_gt(h->stack_len, 0);
	return h->stack_len - 1;
}

static int32_t
rc(objid_t id)
{
	return heap_object(h, id)->refcount;
}

static atom_t
A(const char *name)
{
	return atom_from(name);
}

/* The reason the last event would show. */
static char *
last_reason(void)
{
	struct strbuf sb = STRBUF_INIT;

	event_describe(h, &tl->events[tl->event_count - 1], &sb);
	return strbuf_detach(&sb);
}

static void
check_reason(const char *want)
{
	char *got = last_reason();

	ck_assert_str_eq(got, want);
	xfree(got);
}

static void
check_repr(objid_t id, bool as_str, size_t max, const char *want)
{
	struct strbuf sb = STRBUF_INIT;

	heap_repr(h, id, as_str, max, &sb);
	ck_assert_str_eq(strbuf_str(&sb), want);
	strbuf_free(&sb);
}

/* ---- a tiny interpreter over events ---- */

static objid_t
alloc(objid_t id, enum event_reason reason)
{
	uint8_t flags = 0;

	if (heap_type_is_container(heap_object(h, id)->type) &&
	    heap_object(h, id)->type != OBJ_DICT)
		flags = EVF_TRACKED | EVF_COUNTED;
	else if (heap_object(h, id)->type == OBJ_DICT)
		flags = EVF_COUNTED;
	EMIT(.kind = EV_ALLOC, .reason = reason, .object = id, .flags = flags);
	return id;
}

static void
incref(objid_t id, enum event_reason reason, atom_t detail)
{
	EMIT(.kind = EV_INCREF, .reason = reason, .object = id,
	    .detail = detail);
}

static void dealloc(objid_t id);

/* Drops stack entry pos (how gives reason and description fields); at 0
 * the object is freed and drops what it held, as CPython cascades. */
static void
drop(uint32_t pos, struct event how)
{
	objid_t id = h->stack[pos];

	how.kind = EV_DECREF;
	how.object = id;
	how.index = pos;
	emit(how);
	if (rc(id) == 0 && !(heap_object(h, id)->flags & OBJF_CACHED))
		dealloc(id);
}

#define DROP_TOP(...)	drop(top(), (struct event){ __VA_ARGS__ })

static void
dealloc(objid_t id)
{
	struct object *o = heap_object(h, id);
	struct dict_entry de;
	struct attribute at;
	uint8_t flags = 0;
	uint32_t i, cursor = 0;
	int64_t e;
	objid_t item;

	if (o->flags & OBJF_TRACKED)
		EMIT(.kind = EV_GC_UNTRACK, .reason = REASON_GC, .object = id,
		    .owner = o->gen, .other = o->gc_prev);
	if (heap_type_is_container(o->type) && h->gens[0].count > 0)
		flags = EVF_COUNTED;
	EMIT(.kind = EV_FREE, .reason = REASON_REFCOUNT, .object = id,
	    .flags = flags);
	switch (heap_object(h, id)->type) {
	case OBJ_LIST:
	case OBJ_TUPLE:
		while ((i = heap_object(h, id)->as.seq->len) > 0) {
			item = heap_object(h, id)->as.seq->items[i - 1];
			EMIT(.kind = EV_SLOT_REMOVE, .reason = REASON_DEALLOC,
			    .site = SITE_ITEM, .object = item, .owner = id,
			    .index = i - 1);
			DROP_TOP(.reason = REASON_DEALLOC, .site = SITE_ITEM,
			    .owner = id, .aux = i - 1);
		}
		break;
	case OBJ_DICT:
		for (i = 0; i < heap_object(h, id)->as.dict->count; i++) {
			de = heap_object(h, id)->as.dict->entries[i];
			if (de.key == OBJ_NULL)
				continue;
			EMIT(.kind = EV_DICT_REMOVE, .reason = REASON_DEALLOC,
			    .site = SITE_DICT_KEY, .object = de.key,
			    .other = de.value, .owner = id, .index = i);
			drop(h->stack_len - 2, (struct event){
			    .reason = REASON_DEALLOC, .site = SITE_DICT_KEY,
			    .owner = id, .aux = i });
			DROP_TOP(.reason = REASON_DEALLOC,
			    .site = SITE_DICT_VALUE, .owner = id, .aux = i);
		}
		break;
	case OBJ_SET:
		while ((e = settable_next(heap_object(h, id)->as.set,
		    &cursor)) >= 0) {
			item = heap_object(h, id)->as.set->entries[e].key;
			EMIT(.kind = EV_SET_DISCARD, .reason = REASON_DEALLOC,
			    .site = SITE_SET, .object = item, .owner = id,
			    .index = (uint32_t)e);
			DROP_TOP(.reason = REASON_DEALLOC, .site = SITE_SET,
			    .owner = id, .aux = (uint32_t)e);
		}
		break;
	case OBJ_INSTANCE:
		while (heap_object(h, id)->as.inst->count > 0) {
			at = heap_object(h, id)->as.inst->attrs[0];
			EMIT(.kind = EV_SLOT_REMOVE, .reason = REASON_DEALLOC,
			    .site = SITE_ATTR, .object = at.value, .owner = id,
			    .index = 0, .detail = at.name);
			DROP_TOP(.reason = REASON_DEALLOC, .site = SITE_ATTR,
			    .owner = id, .detail = at.name);
		}
		item = heap_object(h, id)->as.inst->cls;
		if (item != OBJ_NULL) {
			EMIT(.kind = EV_SLOT_REMOVE, .reason = REASON_DEALLOC,
			    .site = SITE_CLASS, .object = item, .owner = id);
			DROP_TOP(.reason = REASON_DEALLOC, .site = SITE_CLASS,
			    .owner = id);
		}
		break;
	case OBJ_FUNCTION:
		while ((i = heap_object(h, id)->as.fn->const_count) > 0) {
			item = heap_object(h, id)->as.fn->consts[i - 1];
			EMIT(.kind = EV_CONST_DROP, .reason = REASON_DEALLOC,
			    .site = SITE_FUNC_CONST, .object = item,
			    .owner = id, .index = i - 1);
			DROP_TOP(.reason = REASON_DEALLOC,
			    .site = SITE_FUNC_CONST, .owner = id,
			    .aux = i - 1);
		}
		break;
	default:
		break;
	}
}

static objid_t
value_of(const char *name)
{
	uint32_t index;
	objid_t value;

	if (!heap_lookup_name(h, 0, A(name), &index, &value))
		return OBJ_NULL;
	return value;
}

/* name = the stack entry at pos (module frame). */
static void
store(const char *name, uint32_t pos)
{
	uint32_t index;
	objid_t old;
	atom_t a = A(name);

	if (heap_lookup_name(h, 0, a, &index, &old)) {
		EMIT(.kind = EV_BIND, .reason = REASON_STORE,
		    .site = SITE_NAME, .object = h->stack[pos], .owner = 0,
		    .index = index, .other = old, .aux = pos);
		DROP_TOP(.reason = REASON_REBIND, .detail = a);
	} else
		EMIT(.kind = EV_BIND, .reason = REASON_STORE,
		    .site = SITE_NAME, .flags = EVF_APPEND,
		    .object = h->stack[pos], .owner = 0,
		    .index = h->frames[0].name_count, .aux = pos,
		    .detail = a);
}

static void
load(const char *name)
{
	objid_t v = value_of(name);

	ck_assert_uint_ne(v, OBJ_NULL);
	incref(v, REASON_LOAD, A(name));
}

static void
del(const char *name)
{
	uint32_t index;
	objid_t value;

	ck_assert(heap_lookup_name(h, 0, A(name), &index, &value));
	EMIT(.kind = EV_UNBIND, .reason = REASON_DELETE, .site = SITE_NAME,
	    .object = value, .owner = 0, .index = index, .detail = A(name));
	DROP_TOP(.reason = REASON_DELETE, .detail = A(name));
}

/* Allocates the reserved id as the step's next constant; returns it. */
static objid_t
constant(objid_t id)
{
	alloc(id, REASON_CONSTANT);
	EMIT(.kind = EV_CONST_STORE, .reason = REASON_CONSTANT,
	    .site = SITE_CONST, .object = id, .owner = 0,
	    .index = h->frames[0].const_count, .aux = top());
	return id;
}

static void
load_constant(objid_t id)
{
	incref(id, REASON_CONSTANT, ATOM_NONE);
}

/* The end of a module step: its code object drops its constants, last
 * to first. */
static void
step_end(void)
{
	uint32_t i;

	while ((i = h->frames[0].const_count) > 0) {
		EMIT(.kind = EV_CONST_DROP, .reason = REASON_STEP_END,
		    .site = SITE_CONST, .object = h->frames[0].consts[i - 1],
		    .owner = 0, .index = i - 1);
		DROP_TOP(.reason = REASON_STEP_END);
	}
}

/* BUILD_LIST / BUILD_TUPLE: a new container takes the count entries on
 * top of the stack, first first; it ends on top. */
static objid_t
build(enum obj_type type, uint32_t count)
{
	uint32_t base = h->stack_len - count, i;
	objid_t id = heap_reserve(h, type);

	alloc(id, REASON_NEW);
	for (i = 0; i < count; i++)
		EMIT(.kind = EV_SLOT_INSERT, .reason = REASON_STORE,
		    .site = SITE_ITEM, .object = h->stack[base], .owner = id,
		    .index = i, .aux = base);
	return id;
}

/* dict[key] = value with key and value on top (value on top). */
static void
dict_store(objid_t d)
{
	objid_t key = h->stack[h->stack_len - 2];
	objid_t value = h->stack[h->stack_len - 1];
	int64_t i = heap_dict_find(h, d, key);

	if (i >= 0) {
		EMIT(.kind = EV_SLOT_SET, .reason = REASON_STORE,
		    .site = SITE_DICT_VALUE, .object = value, .owner = d,
		    .index = (uint32_t)i,
		    .other = heap_object(h, d)->as.dict->entries[i].value,
		    .aux = top());
		DROP_TOP(.reason = REASON_REBIND, .site = SITE_DICT_VALUE,
		    .owner = d, .aux = (uint32_t)i);
		DROP_TOP(.reason = REASON_OPERAND_DONE);
		return;
	}
	if (heap_object(h, d)->as.dict->count == 0 &&
	    !(heap_object(h, d)->flags & OBJF_TRACKED))
		EMIT(.kind = EV_GC_TRACK, .reason = REASON_GC, .object = d);
	EMIT(.kind = EV_DICT_INSERT, .reason = REASON_STORE,
	    .site = SITE_DICT_KEY, .object = key, .owner = d,
	    .index = heap_object(h, d)->as.dict->count, .other = value,
	    .aux = h->stack_len - 2);
}

/* set.add(top) */
static void
set_add(objid_t s)
{
	if (heap_set_find(h, s, h->stack[top()]) >= 0) {
		DROP_TOP(.reason = REASON_OPERAND_DONE);
		return;
	}
	EMIT(.kind = EV_SET_ADD, .reason = REASON_METHOD, .site = SITE_SET,
	    .object = h->stack[top()], .owner = s, .aux = top(),
	    .detail = A("add"));
}

static objid_t
new_int(int64_t v)
{
	return heap_reserve_int(h, v, v >= -5 && v <= 256);
}

/* ---- event kinds ---- */

/* hash() of a tuple nested 1500 deep: CPython's value (tuplehash counts
 * no recursion, and the walk here keeps a stack of its own). */
START_TEST(test_hash_deep_tuple)
{
	objid_t		t = alloc(new_int(1000), REASON_NEW);
	pyhash_t	hash = 0;

	/* BUILD_TUPLE 1, 1500 times; applied without emit()'s checks,
	 * whose fingerprints would walk the chain at every event */
	for (int i = 0; i < 1500; i++) {
		t = heap_reserve(h, OBJ_TUPLE);
		ck_assert(timeline_emit(tl, h, &(struct event){
		    .kind = EV_ALLOC, .reason = REASON_NEW, .object = t,
		    .flags = EVF_TRACKED | EVF_COUNTED }));
		ck_assert(timeline_emit(tl, h, &(struct event){
		    .kind = EV_SLOT_INSERT, .reason = REASON_STORE,
		    .site = SITE_ITEM, .object = h->stack[top() - 1],
		    .owner = t, .index = 0, .aux = top() - 1 }));
	}
	check_heap();
	ck_assert(heap_hash(h, t, &hash));
	/* python3.11: t = 1000, then t = (t,) 1500 times; hash(t) */
	ck_assert_int_eq(hash, -6104748464349079838);
}
END_TEST

START_TEST(test_kind_names)
{
	static const char *const names[] = {
		"alloc", "incref", "decref", "bind", "unbind", "slot_set",
		"slot_insert", "slot_remove", "dict_insert", "dict_remove",
		"set_add", "set_discard", "const_store", "const_drop",
		"frame_push", "frame_pop", "free", "gc_track", "gc_untrack",
		"gc_move", "gc_merge", "gc_begin", "gc_phase", "gc_refs",
		"gc_mark", "gc_unreachable", "gc_end", "gc_count", "gc_config",
		"say", "output", "iter_move", "intern", "finalized",
		"weak_clear", "hash"
	};
	int k;

	ck_assert_int_eq(EVENT_KIND_COUNT, sizeof names / sizeof names[0]);
	for (k = 0; k < EVENT_KIND_COUNT; k++)
		ck_assert_str_eq(event_kind_name((enum event_kind)k), names[k]);
	ck_assert_str_eq(event_kind_name((enum event_kind)99), "?");
}
END_TEST

/* One statement or more for every kind; emit() checks each both ways. */
START_TEST(test_every_kind_round_trips)
{
	atom_t names[3] = { A("a"), A("b"), A("c") };
	objid_t fn, c1000, l, d, k, s, cls, inst, v, t, w;
	uint32_t off;
	int kind;

	/* def f(a, b): c = a   -- with one constant, 1000 */
	fn = heap_reserve_function(h, A("f"), 0, 1, names, 3);
	alloc(fn, REASON_NEW);
	c1000 = alloc(new_int(1000), REASON_CONSTANT);
	EMIT(.kind = EV_CONST_STORE, .reason = REASON_CONSTANT,
	    .site = SITE_FUNC_CONST, .object = c1000, .owner = fn, .index = 0,
	    .aux = top(), .detail = A("f"));
	check_reason("co_consts[0] of f");
	store("f", top());

	/* l = [1000] ... l[0] = l; l.insert(0, 5); del l[1] */
	load_constant(c1000);
	l = build(OBJ_LIST, 1);
	store("l", top());
	load("l");
	load("l");
	EMIT(.kind = EV_SLOT_SET, .reason = REASON_STORE, .site = SITE_ITEM,
	    .object = l, .owner = l, .index = 0, .other = c1000, .aux = 0);
	check_reason("stored in item [0] of #3");
	DROP_TOP(.reason = REASON_REBIND, .site = SITE_ITEM, .owner = l);
	check_reason("item [0] of #3 replaced");
	DROP_TOP(.reason = REASON_OPERAND_DONE);
	v = constant(new_int(5));
	load_constant(v);
	EMIT(.kind = EV_SLOT_INSERT, .reason = REASON_METHOD,
	    .site = SITE_ITEM, .object = v, .owner = l, .index = 0,
	    .aux = top(), .detail = A("insert"));
	check_reason("item [0] of #3 stored by .insert()");
	EMIT(.kind = EV_SLOT_REMOVE, .reason = REASON_DELETE,
	    .site = SITE_ITEM, .object = l, .owner = l, .index = 1);
	check_reason("del item [1] of #3");
	DROP_TOP(.reason = REASON_DELETE, .site = SITE_ITEM, .owner = l,
	    .aux = 1);
	step_end();
	check_repr(l, false, 0, "[5]");

	/* d = {}; d['k'] = l; del d['k'] */
	d = alloc(heap_reserve(h, OBJ_DICT), REASON_NEW);
	store("d", top());
	k = constant(heap_reserve_str(h, "k", 1, true));
	load_constant(k);
	load("l");
	dict_store(d);
	check_reason("entry ['k'] added to #5");
	EMIT(.kind = EV_DICT_REMOVE, .reason = REASON_DELETE,
	    .site = SITE_DICT_KEY, .object = k, .owner = d, .index = 0,
	    .other = l);
	check_reason("del #5['k']");
	DROP_TOP(.reason = REASON_DELETE, .site = SITE_DICT_VALUE, .owner = d);
	DROP_TOP(.reason = REASON_DELETE, .site = SITE_DICT_KEY, .owner = d);
	step_end();

	/* s = {l[0]}; s.discard(5) */
	load("l");
	incref(v, REASON_LOAD, ATOM_NONE);
	DROP_TOP(.reason = REASON_OPERAND_DONE, .detail = ATOM_NONE);
	s = alloc(heap_reserve(h, OBJ_SET), REASON_NEW);
	incref(v, REASON_LOAD, ATOM_NONE);
	set_add(s);
	check_reason("added to #7");
	EMIT(.kind = EV_SET_DISCARD, .reason = REASON_METHOD, .site = SITE_SET,
	    .object = v, .owner = s,
	    .index = (uint32_t)heap_set_find(h, s, v), .detail = A("discard"));
	check_reason("removed from #7");
	DROP_TOP(.reason = REASON_METHOD, .detail = A("discard"));
	store("s", top());
	DROP_TOP(.reason = REASON_OPERAND_DONE);

	/* f(l, 5) */
	load("f");
	load("l");
	incref(v, REASON_LOAD, ATOM_NONE);
	off = h->stack_len - 3;
	EMIT(.kind = EV_FRAME_PUSH, .reason = REASON_FRAME, .object = fn,
	    .owner = 1, .index = off, .detail = A("f"));
	check_reason("call f");
	EMIT(.kind = EV_BIND, .reason = REASON_ARGUMENT, .site = SITE_NAME,
	    .object = l, .owner = 1, .index = 0, .aux = off,
	    .detail = A("f"));
	EMIT(.kind = EV_BIND, .reason = REASON_ARGUMENT, .site = SITE_NAME,
	    .object = v, .owner = 1, .index = 1, .aux = off,
	    .detail = A("f"));
	check_reason("argument b of f");
	EMIT(.kind = EV_UNBIND, .reason = REASON_SCOPE_EXIT, .site = SITE_NAME,
	    .object = l, .owner = 1, .index = 0, .detail = A("a"));
	check_reason("local a of f released");
	DROP_TOP(.reason = REASON_SCOPE_EXIT, .site = SITE_NAME, .owner = 1,
	    .detail = A("a"));
	check_reason("local a of f released");
	EMIT(.kind = EV_UNBIND, .reason = REASON_SCOPE_EXIT, .site = SITE_NAME,
	    .object = v, .owner = 1, .index = 1, .detail = A("b"));
	DROP_TOP(.reason = REASON_SCOPE_EXIT, .site = SITE_NAME, .owner = 1,
	    .detail = A("b"));
	EMIT(.kind = EV_FRAME_POP, .reason = REASON_FRAME, .object = fn,
	    .owner = 1);
	check_reason("f returned");
	DROP_TOP(.reason = REASON_FRAME);

	/* class C: pass; o = C(); o.x = l; del o */
	cls = alloc(heap_reserve_class(h, A("C")), REASON_NEW);
	ck_assert_int_eq(rc(cls), 1 + HEAP_CLASS_INTERNAL_REFS);
	store("C", top());
	inst = alloc(heap_reserve_instance(h, cls), REASON_NEW);
	ck_assert_int_eq(rc(cls), 2 + HEAP_CLASS_INTERNAL_REFS);
	load("l");
	EMIT(.kind = EV_SLOT_INSERT, .reason = REASON_STORE, .site = SITE_ATTR,
	    .object = l, .owner = inst, .index = 0, .aux = top(),
	    .detail = A("x"));
	check_reason("stored in .x of #9");
	/* hash(inst) by its class's __hash__: -2 from then on */
	{
		pyhash_t hash = 0;

		EMIT(.kind = EV_HASH, .object = inst, .index = UINT32_MAX - 1,
		    .other = UINT32_MAX);
		check_reason("hashed by its class's __hash__");
		ck_assert(heap_hash(h, inst, &hash));
		ck_assert_int_eq(hash, -2);
	}
	store("o", top());
	del("o");
	ck_assert_int_eq(heap_object(h, inst)->state, OBJ_FREED);
	ck_assert_int_eq(rc(cls), 1 + HEAP_CLASS_INTERNAL_REFS);

	/* ri = iter(range(3)); next(ri) */
	t = alloc(heap_reserve_iter(h, ITER_RANGE_ITER, 0, 3, 1), REASON_NEW);
	EMIT(.kind = EV_ITER_MOVE, .object = t, .index = 1, .other = 0);
	check_reason("next item at 1");
	ck_assert_int_eq(heap_object(h, t)->as.iter->pos, 1);
	store("ri", top());

	/* the collector's bookkeeping */
	t = value_of("l");
	EMIT(.kind = EV_GC_BEGIN, .reason = REASON_GC, .owner = 0);
	check_reason("collecting generation 0");
	EMIT(.kind = EV_GC_PHASE, .reason = REASON_GC,
	    .owner = GC_PHASE_UPDATE_REFS);
	check_reason("update_refs");
	EMIT(.kind = EV_GC_REFS, .reason = REASON_GC, .object = t,
	    .owner = (uint32_t)rc(t), .other = 0);
	EMIT(.kind = EV_GC_REFS, .reason = REASON_GC, .object = t,
	    .owner = (uint32_t)-1, .other = (uint32_t)rc(t));
	check_reason("gc_refs = -1");
	EMIT(.kind = EV_GC_UNREACHABLE, .reason = REASON_GC, .object = t);
	check_reason("unreachable");
	EMIT(.kind = EV_GC_MARK, .reason = REASON_GC, .object = t,
	    .owner = d);
	check_reason("reachable from #5");
	ck_assert_uint_eq(heap_object(h, t)->flags &
	    (OBJF_REACHABLE | OBJF_UNREACHABLE), OBJF_REACHABLE);
	EMIT(.kind = EV_GC_MARK, .reason = REASON_GC, .object = t,
	    .flags = EVF_CLEAR);
	check_reason("marks cleared");
	EMIT(.kind = EV_GC_MOVE, .reason = REASON_GC, .object = t, .owner = 1,
	    .aux = 0, .other = heap_object(h, t)->gc_prev);
	check_reason("moved to generation 1");
	EMIT(.kind = EV_GC_MERGE, .reason = REASON_GC, .owner = 0, .index = 1);
	check_reason("generation 0 merged into 1");
	ck_assert_uint_eq(h->gens[0].length, 0);
	EMIT(.kind = EV_GC_COUNT, .reason = REASON_GC, .owner = 0, .index = 0,
	    .other = h->gens[0].count);
	EMIT(.kind = EV_GC_CONFIG, .reason = REASON_GC,
	    .owner = GC_SETTING_THRESHOLD0, .index = 5, .other = 700);
	check_reason("threshold 0 = 5");
	EMIT(.kind = EV_GC_CONFIG, .reason = REASON_GC,
	    .owner = GC_SETTING_ENABLED, .index = 0, .other = 1);
	check_reason("gc.disable()");
	EMIT(.kind = EV_GC_CONFIG, .reason = REASON_GC,
	    .owner = GC_SETTING_LONG_LIVED_PENDING, .index = 3, .other = 0);
	ck_assert_uint_eq(h->long_lived_pending, 3);
	EMIT(.kind = EV_GC_END, .reason = REASON_GC, .owner = 0, .index = 0);
	check_reason("collection done: 0 collected");
	/* w = sys.intern(...): a new str becomes the interned one */
	w = alloc(heap_reserve_str(h, "ab cd", 5, false), REASON_NEW);
	ck_assert_uint_eq(heap_object(h, w)->flags & OBJF_CACHED, 0);
	EMIT(.kind = EV_INTERN, .reason = REASON_RESULT, .object = w);
	check_reason("interned: shared from now on");
	ck_assert_uint_eq(heap_object(h, w)->flags & OBJF_CACHED, OBJF_CACHED);
	store("w", top());
	EMIT(.kind = EV_SAY, .owner = 0);
	off = timeline_add_text(tl, "hi\n", 3);
	EMIT(.kind = EV_OUTPUT, .owner = off, .index = 3);
	EMIT(.kind = EV_FINALIZED, .object = inst);
	check_reason("__del__ has run (never again)");
	ck_assert(heap_object(h, inst)->flags & OBJF_FINALIZED);
	/* wr = weakref.ref(C): C's count does not move; then cleared */
	ck_assert(heap_weakrefable(h, cls));
	{
		int32_t before = rc(cls);

		w = alloc(heap_reserve_weakref(h, cls), REASON_NEW);
		ck_assert_int_eq(rc(cls), before);
	}
	ck_assert_uint_eq(heap_weak_target(h, w), cls);
	store("wr", top());
	EMIT(.kind = EV_WEAK_CLEAR, .object = w, .other = cls);
	check_reason("weak reference cleared: it gives None now");
	ck_assert_uint_eq(heap_weak_target(h, w), OBJ_NULL);

	for (kind = 0; kind < EVENT_KIND_COUNT; kind++)
		ck_assert_msg(kinds_seen & ((uint64_t)1 << kind),
		    "event kind %s never used", event_kind_name(kind));
	ck_assert_uint_eq(h->stack_len, 0);
}
END_TEST

/* ---- realistic statements ---- */

START_TEST(test_list_literal_and_rebind)
{
	objid_t i1000, lst, seven;
	char *fp;

	/* x = [1000, 1000]: one constant, held twice */
	i1000 = constant(new_int(1000));
	check_reason("constant of this step");
	lst = heap_reserve(h, OBJ_LIST);
	alloc(lst, REASON_NEW);
	check_reason("new list");
	load_constant(i1000);
	EMIT(.kind = EV_SLOT_INSERT, .reason = REASON_STORE, .site = SITE_ITEM,
	    .object = i1000, .owner = lst, .index = 0, .aux = top());
	load_constant(i1000);
	EMIT(.kind = EV_SLOT_INSERT, .reason = REASON_STORE, .site = SITE_ITEM,
	    .object = i1000, .owner = lst, .index = 1, .aux = top());
	store("x", top());
	check_reason("bound to x");
	step_end();
	check_reason("constant of this step released");
	ck_assert_int_eq(rc(i1000), 2);
	ck_assert_int_eq(rc(lst), 1);
	ck_assert_uint_eq(heap_ref_count(h, lst), 2);
	check_repr(lst, false, 0, "[1000, 1000]");
	ck_assert_uint_eq(h->live_count, 2);
	ck_assert_uint_eq(h->gens[0].count, 1);
	ck_assert_uint_eq(h->gens[0].head, lst);

	/* x = 7: the list dies, and takes the int with it */
	seven = constant(heap_reserve_int(h, 7, true));
	load_constant(seven);
	EMIT(.kind = EV_BIND, .reason = REASON_STORE, .site = SITE_NAME,
	    .object = seven, .owner = 0, .index = 0, .other = lst,
	    .aux = top());
	DROP_TOP(.reason = REASON_REBIND, .detail = A("x"));
	/* drop() went on through the cascade; read its story back */
	ck_assert_int_eq(heap_object(h, lst)->state, OBJ_FREED);
	ck_assert_int_eq(heap_object(h, i1000)->state, OBJ_FREED);
	ck_assert_uint_eq(h->gens[0].count, 0);
	ck_assert_uint_eq(h->gens[0].length, 0);
	step_end();
	ck_assert_int_eq(rc(seven), 1);
	ck_assert_uint_eq(h->live_count, 1);
	ck_assert_uint_eq(h->live_uncached, 0);

	/* the cascade, event by event: x rebound, free, items last first */
	{
		static const char *const want[] = {
			"x rebound", "untracked", "count reached 0",
			"item [1] of #2 released", "item [1] of #2 dropped",
			"item [0] of #2 released", "item [0] of #2 dropped",
			"count reached 0"
		};
		uint64_t first = 0, i;
		struct strbuf sb = STRBUF_INIT;

		for (i = 0; i < tl->event_count; i++) {
			if (tl->events[i].kind == EV_DECREF &&
			    tl->events[i].reason == REASON_REBIND)
				first = i;
		}
		for (i = 0; i < sizeof want / sizeof want[0]; i++) {
			timeline_seek(tl, h, first + i + 1);
			strbuf_truncate(&sb, 0);
			event_describe(h, &tl->events[first + i], &sb);
			ck_assert_str_eq(strbuf_str(&sb), want[i]);
		}
		strbuf_free(&sb);
	}
	timeline_seek(tl, h, tl->event_count);

	/* and back to the beginning, where nothing exists */
	fp = heap_fingerprint(h);
	timeline_seek(tl, h, 0);
	ck_assert_uint_eq(h->live_count, 0);
	ck_assert_uint_eq(h->frames[0].name_count, 0);
	check_heap();
	timeline_seek(tl, h, tl->event_count);
	{
		char *again = heap_fingerprint(h);

		ck_assert_str_eq(again, fp);
		xfree(again);
	}
	xfree(fp);
}
END_TEST

/* def my_fun(n): tmp = [n, n]; return tmp -- then y = my_fun(500) */
START_TEST(test_frame_call)
{
	atom_t locals[2] = { A("n"), A("tmp") };
	objid_t fn, arg, lst;
	uint32_t base, i;
	uint32_t index;
	objid_t value;

	fn = heap_reserve_function(h, A("my_fun"), 0, 0, locals, 2);
	alloc(fn, REASON_NEW);
	store("my_fun", top());

	arg = constant(new_int(500));
	load("my_fun");
	load_constant(arg);
	base = h->stack_len - 2;
	EMIT(.kind = EV_FRAME_PUSH, .reason = REASON_FRAME, .object = fn,
	    .owner = 1, .index = base, .detail = A("my_fun"));
	ck_assert_uint_eq(h->frame_count, 2);
	ck_assert(h->frames[1].fixed);
	ck_assert(!heap_lookup_name(h, 1, A("tmp"), &index, &value));
	ck_assert_uint_eq(index, 1);
	ck_assert_uint_eq(value, OBJ_NULL);
	EMIT(.kind = EV_BIND, .reason = REASON_ARGUMENT, .site = SITE_NAME,
	    .object = arg, .owner = 1, .index = 0, .aux = base,
	    .detail = A("my_fun"));
	check_reason("argument n of my_fun");
	ck_assert_int_eq(rc(arg), 2);

	/* tmp = [n, n] */
	incref(arg, REASON_LOAD, A("n"));
	check_reason("n loaded");
	incref(arg, REASON_LOAD, A("n"));
	lst = build(OBJ_LIST, 2);
	EMIT(.kind = EV_BIND, .reason = REASON_STORE, .site = SITE_NAME,
	    .object = lst, .owner = 1, .index = 1, .aux = top());
	check_reason("bound to tmp");
	ck_assert_int_eq(rc(arg), 4);

	/* return tmp: the value goes on the stack, the locals go */
	incref(lst, REASON_RETURN, ATOM_NONE);
	check_reason("return value");
	for (i = 0; i < 2; i++) {
		value = h->frames[1].names[i].value;
		EMIT(.kind = EV_UNBIND, .reason = REASON_SCOPE_EXIT,
		    .site = SITE_NAME, .object = value, .owner = 1,
		    .index = i, .detail = locals[i]);
		DROP_TOP(.reason = REASON_SCOPE_EXIT, .site = SITE_NAME,
		    .owner = 1, .aux = i, .detail = locals[i]);
	}
	check_reason("local tmp of my_fun released");
	EMIT(.kind = EV_FRAME_POP, .reason = REASON_FRAME, .object = fn,
	    .owner = 1);
	check_reason("my_fun returned");
	ck_assert_uint_eq(h->frame_count, 1);
	drop(top(), (struct event){ .reason = REASON_FRAME });
	store("y", top());
	step_end();
	ck_assert_int_eq(rc(lst), 1);
	ck_assert_int_eq(rc(arg), 2);
	ck_assert_int_eq(rc(fn), 1);
	check_repr(lst, false, 0, "[500, 500]");
	ck_assert_uint_eq(h->stack_len, 0);

	/* a frame still holding a name cannot be popped; seek back into the
	 * call and out again */
	timeline_seek(tl, h, 12);
	ck_assert_uint_eq(h->frame_count, 2);
	check_heap();
	timeline_seek(tl, h, tl->event_count);
	ck_assert_uint_eq(h->frame_count, 1);
}
END_TEST

START_TEST(test_dict)
{
	objid_t d, ka, kb, one, two, t;
	struct heap_ref ref;
	struct strbuf sb = STRBUF_INIT;

	d = alloc(heap_reserve(h, OBJ_DICT), REASON_NEW);
	store("d", top());
	check_repr(d, false, 0, "{}");
	ck_assert(!(heap_object(h, d)->flags & OBJF_TRACKED));

	/* d['a'] = 1; d['b'] = 2 */
	ka = constant(heap_reserve_str(h, "a", 1, true));
	one = constant(heap_reserve_int(h, 1, true));
	kb = constant(heap_reserve_str(h, "b", 1, true));
	two = constant(heap_reserve_int(h, 2, true));
	load_constant(ka);
	load_constant(one);
	dict_store(d);
	ck_assert(heap_object(h, d)->flags & OBJF_TRACKED);
	load_constant(kb);
	load_constant(two);
	dict_store(d);
	check_repr(d, false, 0, "{'a': 1, 'b': 2}");
	ck_assert_int_eq(heap_len(h, d), 2);
	ck_assert_int_eq(heap_dict_find(h, d, kb), 1);

	/* labels: key then value, per live entry */
	ck_assert_uint_eq(heap_ref_count(h, d), 4);
	ref = (struct heap_ref){ SITE_DICT_KEY, 0, ka };
	heap_ref_label(h, d, &ref, &sb);
	ck_assert_str_eq(strbuf_str(&sb), "key 'a'");
	strbuf_truncate(&sb, 0);
	ref = (struct heap_ref){ SITE_DICT_VALUE, 1, two };
	heap_ref_label(h, d, &ref, &sb);
	ck_assert_str_eq(strbuf_str(&sb), "['b']");

	/* d['a'] = 2: the value slot changes */
	load_constant(ka);
	load_constant(two);
	dict_store(d);
	check_repr(d, false, 0, "{'a': 2, 'b': 2}");

	/* del d['a']: the entry stays, deleted; a new key goes after */
	EMIT(.kind = EV_DICT_REMOVE, .reason = REASON_DELETE,
	    .site = SITE_DICT_KEY, .object = ka, .owner = d, .index = 0,
	    .other = two);
	check_reason("del #1['a']");
	DROP_TOP(.reason = REASON_DELETE);
	DROP_TOP(.reason = REASON_DELETE);
	check_repr(d, false, 0, "{'b': 2}");
	ck_assert_uint_eq(heap_object(h, d)->as.dict->count, 2);
	ck_assert_int_eq(heap_dict_find(h, d, ka), -1);
	load_constant(ka);
	load_constant(one);
	dict_store(d);
	check_repr(d, false, 0, "{'b': 2, 'a': 1}");
	ck_assert_int_eq(heap_dict_find(h, d, ka), 2);

	/* a tuple key */
	load_constant(one);
	load_constant(two);
	t = build(OBJ_TUPLE, 2);
	load_constant(ka);
	dict_store(d);
	check_repr(d, false, 0, "{'b': 2, 'a': 1, (1, 2): 'a'}");
	strbuf_truncate(&sb, 0);
	ref = (struct heap_ref){ SITE_DICT_VALUE, 3, ka };
	heap_ref_label(h, d, &ref, &sb);
	ck_assert_str_eq(strbuf_str(&sb), "[(1, 2)]");
	step_end();
	ck_assert_int_eq(rc(t), 1);

	/* del d: entries die in insertion order, key then value */
	del("d");
	ck_assert_int_eq(heap_object(h, d)->state, OBJ_FREED);
	ck_assert_int_eq(heap_object(h, t)->state, OBJ_FREED);
	ck_assert_uint_eq(h->live_count, 4);
	strbuf_free(&sb);
}
END_TEST

/* The entry equal to key by a plain scan, to hold heap_dict_find to. */
static int64_t
scan_dict(objid_t d, objid_t key)
{
	const struct pydict *pd = heap_object(h, d)->as.dict;
	uint32_t i;

	for (i = 0; i < pd->count; i++) {
		if (pd->entries[i].key != OBJ_NULL &&
		    heap_equal(h, pd->entries[i].key, key))
			return i;
	}
	return -1;
}

/* A dict big enough for its index: inserts, deletes, re-inserts, keys
 * whose hashes collide (-1 and -2), seeking back and forth. */
START_TEST(test_big_dict)
{
	objid_t d, keys[120], none;
	uint64_t marks[4];
	uint32_t i, m;
	int64_t e;

	d = alloc(heap_reserve(h, OBJ_DICT), REASON_NEW);
	store("d", top());
	none = constant(heap_reserve_none(h));
	for (i = 0; i < 120; i++)
		keys[i] = constant(heap_reserve_int(h, (int64_t)i - 60, false));
	m = 0;
	for (i = 0; i < 120; i++) {
		load_constant(keys[(i * 7) % 120]);
		load_constant(none);
		dict_store(d);
		if (i == 10 || i == 40 || i == 90)
			marks[m++] = tl->event_count;
		if (i % 3 == 0) {
			e = heap_dict_find(h, d, keys[(i * 7) % 120]);
			ck_assert_int_ge(e, 0);
			EMIT(.kind = EV_DICT_REMOVE, .reason = REASON_DELETE,
			    .site = SITE_DICT_KEY,
			    .object = keys[(i * 7) % 120],
			    .owner = d, .index = (uint32_t)e, .other = none);
			DROP_TOP(.reason = REASON_DELETE);
			DROP_TOP(.reason = REASON_DELETE);
		}
	}
	for (i = 0; i < 120; i += 3) {		/* re-insert some */
		load_constant(keys[i]);
		load_constant(keys[i]);
		dict_store(d);
	}
	marks[m++] = tl->event_count;
	ck_assert_ptr_nonnull(heap_object(h, d)->as.dict->index);

	for (m = 0; m < 8; m++) {
		timeline_seek(tl, h, marks[(m * 3) % 4]);
		for (i = 0; i < 120; i++)
			ck_assert_int_eq(heap_dict_find(h, d, keys[i]),
			    scan_dict(d, keys[i]));
	}
	timeline_seek(tl, h, tl->event_count);
	/* the deleted keys, 21k mod 120, are the multiples of 3: all back */
	ck_assert_int_eq(heap_len(h, d), 120);
	ck_assert_uint_eq(heap_object(h, d)->as.dict->count, 160);
}
END_TEST

START_TEST(test_set_resize)
{
	objid_t s, ints[6], e;
	uint64_t start;
	char *before, *after;
	uint32_t i, resized = 0, cursor = 0;
	struct heap_ref ref;
	struct strbuf sb = STRBUF_INIT;

	s = alloc(heap_reserve(h, OBJ_SET), REASON_NEW);
	store("s", top());
	check_repr(s, false, 0, "set()");
	before = heap_fingerprint(h);
	start = tl->event_count;
	for (i = 0; i < 6; i++) {
		ints[i] = constant(new_int(8 * i));
		load_constant(ints[i]);
		set_add(s);
	}
	for (i = 0; i < tl->event_count; i++) {
		if (tl->events[i].kind == EV_SET_ADD &&
		    (tl->events[i].flags & EVF_RESIZED))
			resized++;
	}
	ck_assert_uint_ge(resized, 1);
	ck_assert_uint_eq(h->saved_table_count, resized);
	/* CPython 3.11: s = set(); for n in range(6): s.add(n * 8) */
	check_repr(s, false, 0, "{0, 32, 8, 40, 16, 24}");
	ck_assert_int_ge(heap_set_find(h, s, ints[5]), 0);

	/* {i} labels count positions in iteration order */
	e = (objid_t)settable_next(heap_object(h, s)->as.set, &cursor);
	(void)settable_next(heap_object(h, s)->as.set, &cursor);
	e = (objid_t)settable_next(heap_object(h, s)->as.set, &cursor);
	ref = (struct heap_ref){ SITE_SET, e,
	    heap_object(h, s)->as.set->entries[e].key };
	heap_ref_label(h, s, &ref, &sb);
	ck_assert_str_eq(strbuf_str(&sb), "{2}");
	check_repr(ref.target, false, 0, "8");

	/* undone, the table is what it was, byte for byte */
	after = heap_fingerprint(h);
	timeline_seek(tl, h, start);
	{
		char *again = heap_fingerprint(h);

		ck_assert_str_eq(again, before);
		xfree(again);
	}
	ck_assert_uint_eq(h->saved_table_count, 0);
	timeline_seek(tl, h, tl->event_count);
	{
		char *again = heap_fingerprint(h);

		ck_assert_str_eq(again, after);
		xfree(again);
	}

	/* discard then re-add: the dummy is reused; the set dies in table
	 * order */
	EMIT(.kind = EV_SET_DISCARD, .reason = REASON_METHOD, .site = SITE_SET,
	    .object = ints[1], .owner = s,
	    .index = (uint32_t)heap_set_find(h, s, ints[1]));
	DROP_TOP(.reason = REASON_METHOD);
	check_repr(s, false, 0, "{0, 32, 40, 16, 24}");
	load_constant(ints[1]);
	set_add(s);
	ck_assert(tl->events[tl->event_count - 1].flags & EVF_WAS_DUMMY);
	check_repr(s, false, 0, "{0, 32, 8, 40, 16, 24}");
	step_end();
	del("s");
	ck_assert_int_eq(heap_object(h, s)->state, OBJ_FREED);
	ck_assert_uint_eq(h->live_uncached, 0);	/* small ints are cached */
	xfree(before);
	xfree(after);
	strbuf_free(&sb);
}
END_TEST

static bool
equal_cb(void *ctx, uint32_t stored, uint32_t probe)
{
	return heap_equal(ctx, stored, probe);
}

/* s = {8, 16, 0, 1000, -1, 24}: CPython 3.11 makes a frozenset constant
 * (twice: the constant merger rebuilds it) and SET_UPDATEs a new set from
 * it, whose layout set_merge decides; the adds are EVF_CLEAN. */
START_TEST(test_set_display_clean_adds)
{
	static const int64_t values[] = { 8, 16, 0, 1000, -1, 24 };
	struct settable first, second, layout;
	struct settable_change ch;
	objid_t items[6], s;
	uint64_t start;
	uint32_t i, cursor = 0;
	int64_t e;
	pyhash_t hash;
	char *before;

	for (i = 0; i < 6; i++)
		items[i] = constant(heap_reserve_int(h, values[i],
		    values[i] >= -5 && values[i] <= 256));
	settable_init(&first);
	settable_init(&second);
	for (i = 0; i < 6; i++) {
		ck_assert(heap_hash(h, items[i], &hash));
		settable_add(&first, hash, items[i], equal_cb, h, &ch);
		if (ch.resized)
			xfree(ch.old_entries);
	}
	while ((e = settable_next(&first, &cursor)) >= 0) {
		settable_add(&second, first.entries[e].hash,
		    first.entries[e].key, equal_cb, h, &ch);
		if (ch.resized)
			xfree(ch.old_entries);
	}
	settable_merge_layout(&second, &layout);

	before = heap_fingerprint(h);
	start = tl->event_count;
	s = alloc(heap_reserve(h, OBJ_SET), REASON_NEW);
	for (i = 0; i <= layout.mask; i++) {
		if (layout.entries[i].key == SETTABLE_EMPTY)
			continue;
		load_constant(layout.entries[i].key);
		EMIT(.kind = EV_SET_ADD, .reason = REASON_STORE,
		    .site = SITE_SET, .flags = EVF_CLEAN,
		    .object = layout.entries[i].key, .owner = s, .index = i,
		    .other = layout.mask, .aux = top(),
		    .detail = SETTABLE_MINSIZE - 1);
	}
	check_repr(s, false, 0, "{0, 16, -1, 8, 1000, 24}");
	ck_assert_uint_eq(heap_object(h, s)->as.set->mask, layout.mask);
	ck_assert_int_ge(heap_set_find(h, s, items[3]), 0);
	store("s", top());
	step_end();

	/* all the way back: the set's table is a fresh one again */
	timeline_seek(tl, h, start + 1);
	ck_assert_uint_eq(heap_object(h, s)->as.set->mask,
	    SETTABLE_MINSIZE - 1);
	timeline_seek(tl, h, start);
	{
		char *again = heap_fingerprint(h);

		ck_assert_str_eq(again, before);
		xfree(again);
	}
	timeline_seek(tl, h, tl->event_count);
	check_repr(s, false, 0, "{0, 16, -1, 8, 1000, 24}");
	xfree(before);
	settable_free(&layout);
	settable_free(&first);
	settable_free(&second);
}
END_TEST

/* class Node: pass; a = Node(); a.val = 1; a.nxt = a; b = Node();
 * b.nxt = None; b.val = 2 -- the shared keys and the instance's hold. */
START_TEST(test_instances)
{
	objid_t cls, a, b, one, none;
	struct heap_ref ref;
	struct strbuf sb = STRBUF_INIT;

	cls = alloc(heap_reserve_class(h, A("Node")), REASON_NEW);
	store("Node", top());
	check_repr(cls, false, 0, "<class '__main__.Node'>");
	ck_assert_str_eq(heap_type_name(h, cls), "type");
	a = alloc(heap_reserve_instance(h, cls), REASON_NEW);
	store("a", top());
	ck_assert_str_eq(heap_type_name(h, a), "Node");
	check_repr(a, false, 0, "<__main__.Node object at #2>");
	check_repr(a, true, 0, "<__main__.Node object at #2>");
	one = constant(heap_reserve_int(h, 1, true));
	none = constant(heap_reserve_none(h));
	load_constant(one);
	EMIT(.kind = EV_SLOT_INSERT, .reason = REASON_STORE, .site = SITE_ATTR,
	    .object = one, .owner = a, .index = 0, .aux = top(),
	    .detail = A("val"));
	ck_assert(tl->events[tl->event_count - 1].flags & EVF_LEARNED);
	load("a");
	EMIT(.kind = EV_SLOT_INSERT, .reason = REASON_STORE, .site = SITE_ATTR,
	    .object = a, .owner = a, .index = 1, .aux = top(),
	    .detail = A("nxt"));
	ck_assert_int_eq(heap_attr_index(h, a, A("nxt")), 1);
	ck_assert_int_eq(heap_attr_index(h, a, A("zzz")), -1);
	/* a.val = None */
	load_constant(none);
	EMIT(.kind = EV_SLOT_SET, .reason = REASON_STORE, .site = SITE_ATTR,
	    .object = none, .owner = a, .index = 0, .other = one,
	    .aux = top(), .detail = A("val"));
	check_reason("stored in .val of #2");
	DROP_TOP(.reason = REASON_REBIND, .site = SITE_ATTR, .owner = a,
	    .detail = A("val"));
	check_reason("val rebound");

	b = alloc(heap_reserve_instance(h, cls), REASON_NEW);
	store("b", top());
	load_constant(none);
	EMIT(.kind = EV_SLOT_INSERT, .reason = REASON_STORE, .site = SITE_ATTR,
	    .object = none, .owner = b, .index = 0, .aux = top(),
	    .detail = A("nxt"));
	ck_assert(!(tl->events[tl->event_count - 1].flags & EVF_LEARNED));
	ck_assert_uint_eq(heap_object(h, cls)->as.cls->key_count, 2);
	ck_assert_int_eq(rc(cls), 3 + HEAP_CLASS_INTERNAL_REFS);

	/* refs: attributes in insertion order, then the class */
	ck_assert_uint_eq(heap_ref_count(h, a), 3);
	ref = (struct heap_ref){ SITE_ATTR, 1, a };
	heap_ref_label(h, a, &ref, &sb);
	ck_assert_str_eq(strbuf_str(&sb), ".nxt");
	strbuf_truncate(&sb, 0);
	ref = (struct heap_ref){ SITE_CLASS, 0, cls };
	heap_ref_label(h, a, &ref, &sb);
	ck_assert_str_eq(strbuf_str(&sb), "__class__");
	step_end();

	/* del a: a cycle, it survives; del b: freed, its class let go */
	del("a");
	ck_assert_int_eq(rc(a), 1);
	del("b");
	ck_assert_int_eq(heap_object(h, b)->state, OBJ_FREED);
	ck_assert_uint_eq(heap_object(h, b)->as.inst->cls, OBJ_NULL);
	ck_assert_int_eq(rc(cls), 2 + HEAP_CLASS_INTERNAL_REFS);
	strbuf_free(&sb);
}
END_TEST

/* l = []; l.append(l); del l; then what gc.collect() does to it. */
START_TEST(test_collector_frees_a_cycle)
{
	objid_t l;

	l = build(OBJ_LIST, 0);
	store("l", top());
	load("l");
	load("l");
	EMIT(.kind = EV_SLOT_INSERT, .reason = REASON_METHOD,
	    .site = SITE_ITEM, .object = l, .owner = l, .index = 0,
	    .aux = top(), .detail = A("append"));
	DROP_TOP(.reason = REASON_OPERAND_DONE);
	check_repr(l, false, 0, "[[...]]");
	del("l");
	ck_assert_int_eq(rc(l), 1);

	/* delete_garbage: hold it, clear it, let go */
	EMIT(.kind = EV_GC_UNREACHABLE, .reason = REASON_GC, .object = l);
	incref(l, REASON_GC, ATOM_NONE);
	EMIT(.kind = EV_SLOT_REMOVE, .reason = REASON_COLLECTOR,
	    .site = SITE_ITEM, .object = l, .owner = l, .index = 0);
	check_reason("item [0] of #1 cleared by the collector");
	DROP_TOP(.reason = REASON_COLLECTOR, .site = SITE_ITEM, .owner = l);
	EMIT(.kind = EV_DECREF, .reason = REASON_GC, .object = l,
	    .index = top());
	EMIT(.kind = EV_GC_UNTRACK, .reason = REASON_GC, .object = l,
	    .owner = 0, .other = OBJ_NULL);
	EMIT(.kind = EV_FREE, .reason = REASON_COLLECTOR, .object = l,
	    .flags = EVF_COUNTED);
	check_reason("freed by the collector");
	ck_assert_uint_eq(h->live_count, 0);
	ck_assert_uint_eq(h->gens[0].count, 0);
}
END_TEST

/* ---- timeline ---- */

static int hook_calls;

static void
hook(void *ctx, const struct heap *hh, const struct timeline *t,
    const struct event *ev)
{
	(void)ctx;
	(void)t;
	ck_assert_uint_eq(hh->position, (uint64_t)hook_calls + 1);
	ck_assert_int_eq(ev->kind, EV_SAY);
	hook_calls++;
}

START_TEST(test_timeline_steps_and_text)
{
	uint32_t m0, b0, b1, m1;
	uint32_t o1, o2;
	struct event say = { .kind = EV_SAY };

	m0 = timeline_begin_step(tl, 0, 0, 0, 0, 0);
	emit(say);				/* event 0: module step */
	b0 = timeline_begin_step(tl, 1, 0, 1, 0, m0);
	emit(say);				/* event 1: body step */
	timeline_end_step(tl, b0);
	emit(say);				/* event 2: back in m0 */
	b1 = timeline_begin_step(tl, 1, 1, 1, 0, m0);
	emit(say);				/* event 3 */
	timeline_end_step(tl, b1);
	emit(say);				/* event 4 */
	timeline_end_step(tl, m0);
	m1 = timeline_begin_step(tl, 0, 1, 0, 0, 3);
	emit(say);				/* event 5 */
	timeline_end_step(tl, m1);
	ck_assert_uint_eq(tl->step_count, 4);
	ck_assert_uint_eq(timeline_step_of(tl, 0), m0);
	ck_assert_uint_eq(timeline_step_of(tl, 1), b0);
	ck_assert_uint_eq(timeline_step_of(tl, 2), m0);
	ck_assert_uint_eq(timeline_step_of(tl, 3), b1);
	ck_assert_uint_eq(timeline_step_of(tl, 4), m0);
	ck_assert_uint_eq(timeline_step_of(tl, 5), m1);
	ck_assert_uint_eq(tl->steps[b1].first_event, 3);
	ck_assert_uint_eq(tl->steps[b1].end_event, 4);

	o1 = timeline_add_text(tl, "one\n", 4);
	o2 = timeline_add_text(tl, "two\n", 4);
	ck_assert_uint_eq(o1, 0);
	ck_assert_uint_eq(o2, 4);
	ck_assert_str_eq(timeline_text(tl, o1), "one\ntwo\n");
	ck_assert_str_eq(timeline_text(tl, o2), "two\n");
}
END_TEST

START_TEST(test_timeline_streaming_and_limits)
{
	struct timeline *t = timeline_new(false);
	struct event say = { .kind = EV_SAY };
	int i;

	hook_calls = 0;
	t->on_event = hook;
	for (i = 0; i < 3000; i++)
		ck_assert(timeline_emit(t, h, &say));
	ck_assert_int_eq(hook_calls, 3000);
	ck_assert_uint_eq(t->event_count, 3000);
	ck_assert_ptr_null(t->events);

	/* over the limit: refused, nothing applied */
	t->event_count = TIMELINE_MAX_EVENTS;
	ck_assert(!timeline_emit(t, h, &say));
	ck_assert_uint_eq(h->position, 3000);
	ck_assert_int_eq(hook_calls, 3000);
	t->step_count = TIMELINE_MAX_STEPS + 1;	/* the set-up and the steps */
	ck_assert_uint_eq(timeline_begin_step(t, 0, 0, 0, 0, 0), UINT32_MAX);
	t->step_count = 0;
	timeline_free(t);
}
END_TEST

/* ---- the property: seeking anywhere equals replaying forward ---- */

static uint64_t rng;

static uint32_t
rnd(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng % n);
}

static const char *const pnames[] = { "a", "b", "c", "d", "e", "f" };
#define PNAMES	(sizeof pnames / sizeof pnames[0])

/* A random bound name whose object has type type (OBJ_TYPE_COUNT: any),
 * or NULL. */
static const char *
pick(int type)
{
	uint32_t start = rnd(PNAMES), i;
	objid_t v;

	for (i = 0; i < PNAMES; i++) {
		const char *n = pnames[(start + i) % PNAMES];

		v = value_of(n);
		if (v != OBJ_NULL && (type == OBJ_TYPE_COUNT ||
		    heap_object(h, v)->type == type))
			return n;
	}
	return NULL;
}

static void
random_statement(objid_t fn, objid_t cls)
{
	const char *n, *m;
	objid_t o, x;
	uint32_t i, k, base;
	int64_t e;
	pyhash_t hash;

	switch (rnd(16)) {
	case 0:		/* n = <int constant> */
		x = constant(new_int((int64_t)rnd(600) - 10));
		load_constant(x);
		store(pnames[rnd(PNAMES)], top());
		break;
	case 1:		/* n = [names...] or (names...) */
	case 2:
		k = rnd(4);
		for (i = 0; i < k; i++) {
			if ((n = pick(OBJ_TYPE_COUNT)) == NULL)
				break;
			load(n);
		}
		build(rnd(2) ? OBJ_LIST : OBJ_TUPLE, i);
		store(pnames[rnd(PNAMES)], top());
		break;
	case 3:		/* n = m */
		if ((m = pick(OBJ_TYPE_COUNT)) == NULL)
			break;
		load(m);
		store(pnames[rnd(PNAMES)], top());
		break;
	case 4:		/* del n */
		if ((n = pick(OBJ_TYPE_COUNT)) != NULL)
			del(n);
		break;
	case 5:		/* l.append(m), maybe l itself */
		if ((n = pick(OBJ_LIST)) == NULL ||
		    (m = pick(OBJ_TYPE_COUNT)) == NULL)
			break;
		load(m);
		o = value_of(n);
		EMIT(.kind = EV_SLOT_INSERT, .reason = REASON_METHOD,
		    .site = SITE_ITEM, .object = value_of(m), .owner = o,
		    .index = heap_object(h, o)->as.seq->len, .aux = top(),
		    .detail = A("append"));
		break;
	case 6:		/* l.pop(i) */
		if ((n = pick(OBJ_LIST)) == NULL)
			break;
		o = value_of(n);
		if ((k = heap_object(h, o)->as.seq->len) == 0)
			break;
		i = rnd(k);
		EMIT(.kind = EV_SLOT_REMOVE, .reason = REASON_METHOD,
		    .site = SITE_ITEM, .object = heap_object(h,
		    o)->as.seq->items[i], .owner = o, .index = i,
		    .detail = A("pop"));
		DROP_TOP(.reason = REASON_DISCARD);
		break;
	case 7:		/* l[i] = m */
		if ((n = pick(OBJ_LIST)) == NULL ||
		    (m = pick(OBJ_TYPE_COUNT)) == NULL)
			break;
		o = value_of(n);
		if ((k = heap_object(h, o)->as.seq->len) == 0)
			break;
		i = rnd(k);
		load(m);
		EMIT(.kind = EV_SLOT_SET, .reason = REASON_STORE,
		    .site = SITE_ITEM, .object = value_of(m), .owner = o,
		    .index = i, .other = heap_object(h, o)->as.seq->items[i],
		    .aux = top());
		DROP_TOP(.reason = REASON_REBIND, .site = SITE_ITEM,
		    .owner = o, .aux = i);
		break;
	case 8:		/* n = {}; or d[key] = m */
		if ((n = pick(OBJ_DICT)) == NULL || rnd(3) == 0) {
			alloc(heap_reserve(h, OBJ_DICT), REASON_NEW);
			store(pnames[rnd(PNAMES)], top());
			break;
		}
		if ((m = pick(OBJ_TYPE_COUNT)) == NULL)
			break;
		o = value_of(n);
		if (rnd(2) == 0) {
			x = value_of(m);
			if (!heap_hash(h, x, &hash))
				break;
			load(m);
		} else {
			x = constant(new_int((int64_t)rnd(8)));
			load_constant(x);
		}
		load(m);
		dict_store(o);
		break;
	case 9:		/* del d[key] */
		if ((n = pick(OBJ_DICT)) == NULL)
			break;
		o = value_of(n);
		for (i = 0; i < heap_object(h, o)->as.dict->count; i++) {
			struct dict_entry de =
			    heap_object(h, o)->as.dict->entries[i];

			if (de.key == OBJ_NULL)
				continue;
			EMIT(.kind = EV_DICT_REMOVE, .reason = REASON_DELETE,
			    .site = SITE_DICT_KEY, .object = de.key,
			    .owner = o, .index = i, .other = de.value);
			drop(h->stack_len - 2, (struct event){
			    .reason = REASON_DELETE });
			DROP_TOP(.reason = REASON_DELETE);
			break;
		}
		break;
	case 10:	/* n = set(); s.add(k) */
		if ((n = pick(OBJ_SET)) == NULL || rnd(4) == 0) {
			alloc(heap_reserve(h, OBJ_SET), REASON_NEW);
			store(pnames[rnd(PNAMES)], top());
			break;
		}
		x = constant(new_int((int64_t)rnd(40)));
		load_constant(x);
		set_add(value_of(n));
		break;
	case 11:	/* s.discard(some element) */
		if ((n = pick(OBJ_SET)) == NULL)
			break;
		o = value_of(n);
		i = 0;
		if ((e = settable_next(heap_object(h, o)->as.set, &i)) < 0)
			break;
		EMIT(.kind = EV_SET_DISCARD, .reason = REASON_METHOD,
		    .site = SITE_SET, .object = heap_object(h,
		    o)->as.set->entries[e].key, .owner = o,
		    .index = (uint32_t)e, .detail = A("discard"));
		DROP_TOP(.reason = REASON_METHOD);
		break;
	case 12:	/* f(m, m2): c = a; return */
		if ((n = pick(OBJ_TYPE_COUNT)) == NULL ||
		    (m = pick(OBJ_TYPE_COUNT)) == NULL)
			break;
		incref(fn, REASON_LOAD, A("f"));
		load(n);
		load(m);
		base = h->stack_len - 3;
		EMIT(.kind = EV_FRAME_PUSH, .reason = REASON_FRAME,
		    .object = fn, .owner = 1, .index = base);
		for (i = 0; i < 2; i++)
			EMIT(.kind = EV_BIND, .reason = REASON_ARGUMENT,
			    .site = SITE_NAME, .object = h->stack[base],
			    .owner = 1, .index = i, .aux = base,
			    .detail = A("f"));
		incref(h->frames[1].names[rnd(2)].value, REASON_LOAD,
		    ATOM_NONE);
		EMIT(.kind = EV_BIND, .reason = REASON_STORE,
		    .site = SITE_NAME, .object = h->stack[top()], .owner = 1,
		    .index = 2, .aux = top());
		incref(heap_object(h, fn)->as.fn->consts[0], REASON_CONSTANT,
		    A("f"));
		for (i = 0; i < 3; i++) {
			x = h->frames[1].names[i].value;
			EMIT(.kind = EV_UNBIND, .reason = REASON_SCOPE_EXIT,
			    .site = SITE_NAME, .object = x, .owner = 1,
			    .index = i,
			    .detail = h->frames[1].names[i].name);
			DROP_TOP(.reason = REASON_SCOPE_EXIT,
			    .site = SITE_NAME, .owner = 1, .aux = i);
		}
		EMIT(.kind = EV_FRAME_POP, .reason = REASON_FRAME,
		    .object = fn, .owner = 1);
		DROP_TOP(.reason = REASON_FRAME);
		store(pnames[rnd(PNAMES)], top());
		break;
	case 13:	/* n = C(); n.attr = m */
		alloc(heap_reserve_instance(h, cls), REASON_NEW);
		if ((m = pick(OBJ_TYPE_COUNT)) != NULL) {
			static const char *const attrs[] = { "x", "y", "z" };

			load(m);
			EMIT(.kind = EV_SLOT_INSERT, .reason = REASON_STORE,
			    .site = SITE_ATTR, .object = value_of(m),
			    .owner = h->stack[top() - 1], .index = 0,
			    .aux = top(), .detail = A(attrs[rnd(3)]));
		}
		store(pnames[rnd(PNAMES)], top());
		break;
	case 14:	/* the collector's bookkeeping on a tracked object */
		if ((n = pick(OBJ_TYPE_COUNT)) == NULL)
			break;
		o = value_of(n);
		if (!(heap_object(h, o)->flags & OBJF_TRACKED))
			break;
		switch (rnd(6)) {
		case 0:
			k = rnd(GEN_COUNT);
			EMIT(.kind = EV_GC_MOVE, .reason = REASON_GC,
			    .object = o, .owner = k,
			    .aux = heap_object(h, o)->gen,
			    .other = heap_object(h, o)->gc_prev);
			break;
		case 1:
			k = rnd(GEN_COUNT - 1);
			EMIT(.kind = EV_GC_MERGE, .reason = REASON_GC,
			    .owner = k, .index = k + 1);
			break;
		case 2:
			EMIT(.kind = EV_GC_REFS, .reason = REASON_GC,
			    .object = o, .owner = rnd(5),
			    .other = (uint32_t)heap_object(h, o)->gc_refs);
			break;
		case 3:
			EMIT(.kind = rnd(2) ? EV_GC_MARK : EV_GC_UNREACHABLE,
			    .reason = REASON_GC, .object = o);
			break;
		case 4:
			EMIT(.kind = EV_GC_COUNT, .reason = REASON_GC,
			    .owner = 0, .index = rnd(9),
			    .other = h->gens[0].count);
			break;
		default:
			EMIT(.kind = EV_GC_CONFIG, .reason = REASON_GC,
			    .owner = GC_SETTING_THRESHOLD1, .index = rnd(20),
			    .other = h->gens[1].threshold);
			break;
		}
		break;
	default:	/* n = 'text' * k, a fresh str, and say something */
		x = constant(heap_reserve_str(h, "t\xc3\xa9xt", 5, false));
		load_constant(x);
		store(pnames[rnd(PNAMES)], top());
		EMIT(.kind = EV_SAY, .owner = 0);
		break;
	}
	step_end();
	ck_assert_uint_eq(h->stack_len, 0);
}

static void
seek_property(uint64_t seed, uint64_t events)
{
	atom_t locals[3] = { A("a"), A("b"), A("c") };
	objid_t fn, cls, c;
	uint64_t p, n;
	int i;
	char *fp;

	rng = seed;
	recording = true;
	record(heap_fingerprint(h));
	fn = heap_reserve_function(h, A("f"), 0, 1, locals, 3);
	alloc(fn, REASON_NEW);
	c = alloc(heap_reserve_float(h, 0.5), REASON_CONSTANT);
	EMIT(.kind = EV_CONST_STORE, .reason = REASON_CONSTANT,
	    .site = SITE_FUNC_CONST, .object = c, .owner = fn, .index = 0,
	    .aux = top());
	store("fn", top());
	cls = alloc(heap_reserve_class(h, A("C")), REASON_NEW);
	store("C", top());
	while (tl->event_count < events)
		random_statement(fn, cls);
	/* and let everything go, so frees and cascades are in the run */
	for (i = 0; i < (int)PNAMES; i++) {
		if (value_of(pnames[i]) != OBJ_NULL)
			del(pnames[i]);
	}
	recording = false;
	n = tl->event_count;
	ck_assert_uint_eq(fps_len, n + 1);

	for (i = 0; i < 300; i++) {
		p = i == 0 ? 0 : i == 1 ? n : rnd((uint32_t)n + 1);
		timeline_seek(tl, h, p);
		ck_assert_uint_eq(h->position, p);
		fp = heap_fingerprint(h);
		ck_assert_msg(strcmp(fp, fps[p]) == 0,
		    "seek to %llu differs from the forward run",
		    (unsigned long long)p);
		xfree(fp);
		if (i % 16 == 0)
			check_heap();
	}
}

START_TEST(test_seek_equals_replay)
{
	seek_property(0x9e3779b97f4a7c15ull + (uint64_t)_i * 7919,
	    _i == 2 ? 1500 : 600);
}
END_TEST

/* ---- reading ---- */

/* An int beyond 64 bits: its repr, CPython's 4300-digit limit on the
 * program's str(), the picture's elision, its hash and its equality with
 * the same value as a float (what python3 says of 2**70 and 10**4300). */
START_TEST(test_bigint_object)
{
	struct bigint		*two = bigint_from_i64(2), *ten = bigint_from_i64(10);
	struct strbuf		 sb = STRBUF_INIT;
	enum heap_repr_failure	 why;
	objid_t			 big, huge, f, small;
	pyhash_t		 hash;

	big = alloc(heap_reserve_bigint(h, bigint_pow(two, 70)), REASON_NEW);
	check_repr(big, false, 0, "1180591620717411303424");
	check_repr(big, false, 16, "1180…(22 digits)");
	check_repr(big, false, 22, "1180591620717411303424");
	ck_assert(heap_hash(h, big, &hash));
	ck_assert_int_eq(hash, 512);			/* hash(2**70) */
	f = alloc(heap_reserve_float(h, 1180591620717411303424.0), REASON_NEW);
	ck_assert(heap_equal(h, big, f));
	small = alloc(heap_reserve_int(h, INT64_MAX, false), REASON_NEW);
	ck_assert(!heap_equal(h, big, small));
	huge = alloc(heap_reserve_bigint(h, bigint_pow(ten, 4300)),
	    REASON_NEW);
	ck_assert(!heap_repr_nested(h, huge, true, 0, 10, &sb, &why));
	ck_assert_int_eq(why, HEAP_REPR_INT_TOO_LONG);
	ck_assert_uint_eq(sb.len, 0);
	check_repr(huge, false, 0,
	    "10000000000000000000000000…(4301 digits)");
	bigint_free(two);
	bigint_free(ten);
	strbuf_free(&sb);
}
END_TEST

START_TEST(test_repr_scalars)
{
	objid_t o;

	o = alloc(heap_reserve_none(h), REASON_NEW);
	check_repr(o, false, 0, "None");
	ck_assert_str_eq(heap_type_name(h, o), "NoneType");
	o = alloc(heap_reserve_bool(h, true), REASON_NEW);
	check_repr(o, false, 0, "True");
	o = alloc(heap_reserve_bool(h, false), REASON_NEW);
	check_repr(o, false, 0, "False");
	o = alloc(heap_reserve_int(h, -9223372036854775807 - 1, false),
	    REASON_NEW);
	check_repr(o, false, 0, "-9223372036854775808");
	o = alloc(heap_reserve_float(h, 0.1), REASON_NEW);
	check_repr(o, false, 0, "0.1");
	o = alloc(heap_reserve_float(h, 1e16), REASON_NEW);
	check_repr(o, false, 0, "1e+16");
	o = alloc(heap_reserve_float(h, -0.0), REASON_NEW);
	check_repr(o, true, 0, "-0.0");
	o = alloc(heap_reserve_str(h, "it's", 4, false), REASON_NEW);
	check_repr(o, false, 0, "\"it's\"");
	check_repr(o, true, 0, "it's");
	ck_assert_int_eq(heap_len(h, o), 4);
	o = alloc(heap_reserve_str(h, "a\"b'c\n", 6, false), REASON_NEW);
	check_repr(o, false, 0, "'a\"b\\'c\\n'");
	o = alloc(heap_reserve_str(h,
	    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", 10, false),
	    REASON_NEW);
	ck_assert_int_eq(heap_len(h, o), 5);
	check_repr(o, false, 4, "'\xc3\xa9\xc3\xa9\xe2\x80\xa6");
	check_repr(o, false, 7, "'\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9'");
	check_repr(o, false, 6,
	    "'\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xe2\x80\xa6");
	check_repr(o, true, 1, "\xe2\x80\xa6");
}
END_TEST

START_TEST(test_repr_containers)
{
	objid_t one, s, t0, t1, t2, l, d, fn, deep[250];
	struct strbuf sb = STRBUF_INIT;
	enum heap_repr_failure why;
	size_t i, n;
	char *p;

	one = constant(heap_reserve_int(h, 1, true));
	s = constant(heap_reserve_str(h, "a", 1, true));
	t0 = build(OBJ_TUPLE, 0);
	check_repr(t0, false, 0, "()");
	load_constant(one);
	t1 = build(OBJ_TUPLE, 1);
	check_repr(t1, false, 0, "(1,)");
	load_constant(one);
	load_constant(s);
	t2 = build(OBJ_TUPLE, 2);
	check_repr(t2, false, 0, "(1, 'a')");
	check_repr(t2, true, 0, "(1, 'a')");
	l = build(OBJ_LIST, 3);
	check_repr(l, false, 0, "[(), (1,), (1, 'a')]");
	ck_assert_int_eq(heap_len(h, l), 3);

	/* recursion as Py_ReprEnter shows it */
	d = alloc(heap_reserve(h, OBJ_DICT), REASON_NEW);
	load_constant(s);
	incref(d, REASON_LOAD, ATOM_NONE);
	dict_store(d);
	check_repr(d, false, 0, "{'a': {...}}");
	incref(d, REASON_LOAD, ATOM_NONE);
	EMIT(.kind = EV_SLOT_INSERT, .reason = REASON_METHOD,
	    .site = SITE_ITEM, .object = d, .owner = l, .index = 3,
	    .aux = top());
	check_repr(l, false, 0, "[(), (1,), (1, 'a'), {'a': {...}}]");
	incref(l, REASON_LOAD, ATOM_NONE);
	t1 = build(OBJ_TUPLE, 1);
	EMIT(.kind = EV_SLOT_INSERT, .reason = REASON_METHOD,
	    .site = SITE_ITEM, .object = t1, .owner = l, .index = 0,
	    .aux = top());
	check_repr(t1, false, 0,
	    "([(...), (), (1,), (1, 'a'), {'a': {...}}],)");

	/* max_chars: 60 at most, ending in the ellipsis */
	heap_repr(h, l, false, 20, &sb);
	ck_assert_str_eq(strbuf_str(&sb), "[([...],), (), (1,)\xe2\x80\xa6");
	strbuf_truncate(&sb, 0);
	fn = alloc(heap_reserve_function(h, A("f"), 0, 0, NULL, 0),
	    REASON_NEW);
	check_repr(fn, false, 0, "<function f at #9>");
	ck_assert_str_eq(heap_type_name(h, fn), "function");

	/* 250 levels print whole (CPython's limit is 1000); a repr allowed
	 * fewer objects on one path says so and leaves sb as it was */
	for (i = 0; i < 250; i++) {
		if (i > 0)
			incref(deep[i - 1], REASON_LOAD, ATOM_NONE);
		deep[i] = build(OBJ_LIST, i > 0);
	}
	heap_repr(h, deep[249], false, 0, &sb);
	p = sb.data;
	for (n = 0; p[n] == '['; n++)
		;
	ck_assert_uint_eq(n, 250);
	ck_assert_uint_eq(sb.len, 250 + 250);
	strbuf_truncate(&sb, 0);
	strbuf_puts(&sb, "x");
	ck_assert(!heap_repr_nested(h, deep[249], false, 0, 249, &sb, &why));
	ck_assert_int_eq(why, HEAP_REPR_TOO_DEEP);
	ck_assert_str_eq(strbuf_str(&sb), "x");
	ck_assert(heap_repr_nested(h, deep[249], false, 0, 250, &sb, &why));
	ck_assert_uint_eq(sb.len, 1 + 500);
	strbuf_truncate(&sb, 0);
	heap_repr(h, deep[249], false, 60, &sb);
	ck_assert_uint_eq(sb.len, 59 + 3);
	strbuf_free(&sb);
}
END_TEST

START_TEST(test_equal_and_hash)
{
	objid_t i1, f1, tr, i2, big, fbig, s1, s2, t1, t2, l1, l2, d;
	pyhash_t a, b, c;

	i1 = constant(heap_reserve_int(h, 1, true));
	f1 = constant(heap_reserve_float(h, 1.0));
	tr = constant(heap_reserve_bool(h, true));
	i2 = constant(heap_reserve_int(h, 2, true));
	big = constant(heap_reserve_int(h, 9007199254740993, false));
	fbig = constant(heap_reserve_float(h, 9007199254740992.0));
	s1 = constant(heap_reserve_str(h, "ab", 2, true));
	s2 = constant(heap_reserve_str(h, "ab", 2, false));
	ck_assert(heap_equal(h, i1, f1));
	ck_assert(heap_equal(h, tr, f1));
	ck_assert(heap_equal(h, i1, tr));
	ck_assert(!heap_equal(h, i1, i2));
	ck_assert(!heap_equal(h, big, fbig));	/* 2**53 + 1 != 2.0**53 */
	ck_assert(heap_equal(h, s1, s2));
	ck_assert(!heap_equal(h, s1, i1));
	ck_assert(heap_hash(h, i1, &a) && heap_hash(h, f1, &b) &&
	    heap_hash(h, tr, &c));
	ck_assert(a == b && b == c && a == 1);
	ck_assert(heap_hash(h, s1, &a) && heap_hash(h, s2, &b) && a == b);

	/* tuples hash from their items: hash((1, 2)) in CPython 3.11 */
	load_constant(i1);
	load_constant(i2);
	t1 = build(OBJ_TUPLE, 2);
	load_constant(f1);
	load_constant(i2);
	t2 = build(OBJ_TUPLE, 2);
	ck_assert(heap_hash(h, t1, &a) && a == -3550055125485641917LL);
	ck_assert(heap_hash(h, t2, &b) && a == b);
	ck_assert(heap_equal(h, t1, t2));
	load_constant(i1);
	l1 = build(OBJ_LIST, 1);
	load_constant(f1);
	l2 = build(OBJ_LIST, 1);
	ck_assert(heap_equal(h, l1, l2));
	ck_assert(!heap_equal(h, l1, t1));
	ck_assert(!heap_hash(h, l1, &a));
	incref(l1, REASON_LOAD, ATOM_NONE);
	t1 = build(OBJ_TUPLE, 1);
	ck_assert(!heap_hash(h, t1, &a));	/* ([1],) is unhashable */

	/* d[1] = 'a'; d[1.0] = 'b'; d[True] = 'c' -> {1: 'c'} */
	d = alloc(heap_reserve(h, OBJ_DICT), REASON_NEW);
	load_constant(i1);
	load_constant(s1);
	dict_store(d);
	load_constant(f1);
	load_constant(s2);
	dict_store(d);
	load_constant(tr);
	load_constant(s1);
	dict_store(d);
	check_repr(d, false, 0, "{1: 'ab'}");
	ck_assert_int_eq(heap_len(h, d), 1);
	ck_assert_int_eq(heap_dict_find(h, d, f1), 0);
	ck_assert_int_eq(heap_dict_find(h, d, tr), 0);
	ck_assert_int_eq(heap_dict_find(h, d, i2), -1);
	ck_assert_int_eq(heap_dict_find(h, d, l1), -1);
}
END_TEST

/* {1: 2, 3: [4]} == {3: [4.0], 1: 2.0}; {1, 2} == {2.0, 1}; hash(-1) ==
 * hash(-2) collide in a set. */
START_TEST(test_equal_containers)
{
	objid_t n[5], f[3], m1, m2, d1, d2, s1, s2, none;
	pyhash_t a, b;
	int i;

	for (i = 0; i < 5; i++)
		n[i] = constant(heap_reserve_int(h, i, true));
	for (i = 0; i < 3; i++)
		f[i] = constant(heap_reserve_float(h, (double)i + 1.0));
	m1 = constant(heap_reserve_int(h, -1, true));
	m2 = constant(heap_reserve_int(h, -2, true));
	none = constant(heap_reserve_none(h));
	ck_assert(heap_equal(h, f[0], n[1]));
	ck_assert(!heap_equal(h, f[0], f[1]));
	ck_assert(heap_hash(h, none, &a));
	ck_assert(a == pyhash_identity(none));

	d1 = alloc(heap_reserve(h, OBJ_DICT), REASON_NEW);
	load_constant(n[1]);
	load_constant(n[2]);
	dict_store(d1);
	load_constant(n[3]);
	load_constant(n[4]);
	build(OBJ_LIST, 1);
	dict_store(d1);
	d2 = alloc(heap_reserve(h, OBJ_DICT), REASON_NEW);
	load_constant(n[3]);
	load_constant(n[4]);
	build(OBJ_LIST, 1);
	dict_store(d2);
	ck_assert(!heap_equal(h, d1, d2));
	load_constant(n[1]);
	load_constant(f[1]);
	dict_store(d2);
	ck_assert(heap_equal(h, d1, d2));
	ck_assert(heap_equal(h, d2, d1));
	load_constant(n[1]);
	load_constant(n[3]);
	dict_store(d2);
	ck_assert(!heap_equal(h, d1, d2));
	check_repr(d2, false, 0, "{3: [4], 1: 3}");

	s1 = alloc(heap_reserve(h, OBJ_SET), REASON_NEW);
	load_constant(n[1]);
	set_add(s1);
	load_constant(n[2]);
	set_add(s1);
	s2 = alloc(heap_reserve(h, OBJ_SET), REASON_NEW);
	load_constant(f[1]);
	set_add(s2);
	ck_assert(!heap_equal(h, s1, s2));
	load_constant(n[1]);
	set_add(s2);
	ck_assert(heap_equal(h, s1, s2));
	ck_assert_int_eq(heap_len(h, s2), 2);
	ck_assert(!heap_equal(h, s1, d1));
	ck_assert(!heap_hash(h, s1, &b));

	/* -1 and -2 share a hash: the second probes past the first */
	load_constant(m1);
	set_add(s2);
	load_constant(m2);
	set_add(s2);
	ck_assert_int_ge(heap_set_find(h, s2, m1), 0);
	ck_assert_int_ge(heap_set_find(h, s2, m2), 0);
	ck_assert_int_lt(heap_set_find(h, s2, n[3]), 0);
	check_repr(s2, false, 0, "{1, 2.0, -1, -2}");
}
END_TEST

START_TEST(test_labels)
{
	atom_t names[1] = { A("x") };
	objid_t fn, c, l;
	struct heap_ref ref;
	struct strbuf sb = STRBUF_INIT;

	fn = alloc(heap_reserve_function(h, A("g"), 0, 2, names, 1),
	    REASON_NEW);
	c = alloc(heap_reserve_int(h, 1000, false), REASON_CONSTANT);
	EMIT(.kind = EV_CONST_STORE, .reason = REASON_CONSTANT,
	    .site = SITE_FUNC_CONST, .object = c, .owner = fn, .index = 0,
	    .aux = top());
	incref(c, REASON_CONSTANT, A("g"));
	check_reason("constant of g");
	EMIT(.kind = EV_CONST_STORE, .reason = REASON_CONSTANT,
	    .site = SITE_FUNC_CONST, .object = c, .owner = fn, .index = 1,
	    .aux = top());
	ck_assert_uint_eq(heap_ref_count(h, fn), 2);
	ref = (struct heap_ref){ SITE_FUNC_CONST, 1, c };
	heap_ref_label(h, fn, &ref, &sb);
	ck_assert_str_eq(strbuf_str(&sb), "co_consts[1]");
	incref(c, REASON_LOAD, ATOM_NONE);
	l = build(OBJ_LIST, 1);
	strbuf_truncate(&sb, 0);
	ref = (struct heap_ref){ SITE_ITEM, 0, c };
	heap_ref_label(h, l, &ref, &sb);
	ck_assert_str_eq(strbuf_str(&sb), "[0]");

	/* the function dies: co_consts from the last */
	DROP_TOP(.reason = REASON_DISCARD);
	store("g", top());
	del("g");
	ck_assert_int_eq(heap_object(h, fn)->state, OBJ_FREED);
	ck_assert_int_eq(heap_object(h, c)->state, OBJ_FREED);
	ck_assert_uint_eq(heap_object(h, fn)->as.fn->const_count, 0);
	strbuf_free(&sb);
}
END_TEST

struct describe_case {
	struct event	 ev;
	const char	*want;
};

/* Reasons read from the heap as it stands; the events need not be
 * applied for that. */
START_TEST(test_describe)
{
	objid_t d, k, v, inst, cls, fn, s;
	atom_t x = A("x"), locals[1] = { A("n") };
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	d = alloc(heap_reserve(h, OBJ_DICT), REASON_NEW);	/* 1 */
	k = constant(heap_reserve_str(h, "k", 1, true));	/* 2 */
	v = constant(heap_reserve_int(h, 7, true));		/* 3 */
	load_constant(k);
	load_constant(v);
	dict_store(d);
	cls = alloc(heap_reserve_class(h, A("C")), REASON_NEW);	/* 4 */
	inst = alloc(heap_reserve_instance(h, cls), REASON_NEW); /* 5 */
	load_constant(v);
	EMIT(.kind = EV_SLOT_INSERT, .reason = REASON_STORE, .site = SITE_ATTR,
	    .object = v, .owner = inst, .index = 0, .aux = top(), .detail = x);
	fn = alloc(heap_reserve_function(h, A("f"), 0, 1, locals, 1),
	    REASON_NEW);					/* 6 */
	s = alloc(heap_reserve(h, OBJ_SET), REASON_NEW);	/* 7 */
	EMIT(.kind = EV_FRAME_PUSH, .reason = REASON_FRAME, .object = fn,
	    .owner = 1, .index = top() - 1);

	{
		const struct describe_case cases[] = {
			{ { .kind = EV_ALLOC, .reason = REASON_NEW,
			    .object = d }, "new dict" },
			{ { .kind = EV_ALLOC, .reason = REASON_CONSTANT,
			    .object = v, .detail = A("f") }, "constant of f" },
			{ { .kind = EV_ALLOC, .reason = REASON_METHOD,
			    .object = v, .detail = A("pop") },
			    "new int from .pop()" },
			{ { .kind = EV_INCREF, .reason = REASON_LOAD,
			    .site = SITE_DICT_VALUE, .owner = d, .aux = 0,
			    .object = v }, "#1['k'] loaded" },
			{ { .kind = EV_INCREF, .reason = REASON_LOAD,
			    .site = SITE_ATTR, .owner = inst, .aux = 0,
			    .object = v }, ".x of #5 loaded" },
			{ { .kind = EV_INCREF, .reason = REASON_METHOD,
			    .object = v, .detail = A("append") },
			    "held by .append()" },
			{ { .kind = EV_INCREF, .reason = REASON_RESULT,
			    .object = v }, "result" },
			{ { .kind = EV_DECREF, .reason = REASON_ARGUMENT_DONE,
			    .object = v }, "argument dropped after the call" },
			{ { .kind = EV_DECREF, .reason = REASON_DEALLOC,
			    .site = SITE_DICT_KEY, .owner = d, .object = k },
			    "key 'k' of #1 dropped" },
			{ { .kind = EV_DECREF, .reason = REASON_DEALLOC,
			    .site = SITE_DICT_VALUE, .owner = d, .aux = 4,
			    .object = v }, "value of #1 dropped" },
			{ { .kind = EV_DECREF, .reason = REASON_DEALLOC,
			    .site = SITE_SET, .owner = s, .object = v },
			    "element of #7 dropped" },
			{ { .kind = EV_DECREF, .reason = REASON_DEALLOC,
			    .site = SITE_CLASS, .owner = inst, .object = cls },
			    "__class__ of #5 dropped" },
			{ { .kind = EV_DECREF, .reason = REASON_DEALLOC,
			    .site = SITE_FUNC_CONST, .owner = fn, .aux = 0,
			    .object = v }, "co_consts[0] of f dropped" },
			{ { .kind = EV_DECREF, .reason = REASON_DEALLOC,
			    .object = v }, "dropped by a freed object" },
			{ { .kind = EV_DECREF, .reason = REASON_DELETE,
			    .site = SITE_NAME, .owner = 1, .aux = 0,
			    .object = v }, "del n" },
			{ { .kind = EV_DECREF, .reason = REASON_SCOPE_EXIT,
			    .detail = x, .object = v }, "local x released" },
			{ { .kind = EV_DECREF, .reason = REASON_STEP_END,
			    .site = SITE_CONST, .object = v },
			    "constant of this step released" },
			{ { .kind = EV_DECREF, .reason = REASON_METHOD,
			    .detail = A("pop"), .object = v },
			    "dropped by .pop()" },
			{ { .kind = EV_DECREF, .reason = REASON_NONE,
			    .object = v }, "reference dropped" },
			{ { .kind = EV_BIND, .reason = REASON_REPEAT,
			    .owner = 1, .index = 0 }, "repeat counter n" },
			{ { .kind = EV_UNBIND, .reason = REASON_DELETE,
			    .detail = x }, "del x" },
			{ { .kind = EV_DICT_REMOVE, .reason = REASON_METHOD,
			    .object = k, .owner = d, .detail = A("pop") },
			    "entry ['k'] removed by .pop()" },
			{ { .kind = EV_SET_DISCARD, .reason = REASON_DEALLOC,
			    .object = v, .owner = s },
			    "element of #7 released" },
			{ { .kind = EV_SLOT_REMOVE, .reason = REASON_DEALLOC,
			    .site = SITE_ATTR, .owner = inst, .detail = x },
			    ".x of #5 released" },
			{ { .kind = EV_FREE, .reason = REASON_REFCOUNT,
			    .object = v }, "count reached 0" },
			{ { .kind = EV_GC_TRACK, .owner = 0, .object = d },
			    "tracked in generation 0" },
			{ { .kind = EV_GC_PHASE, .owner = GC_PHASE_SWEEP },
			    "sweep" },
			{ { .kind = EV_GC_MARK, .object = d }, "reachable: referenced from outside" },
			{ { .kind = EV_GC_COUNT, .owner = 1, .index = 3 },
			    "count of generation 1 = 3" },
			{ { .kind = EV_GC_CONFIG,
			    .owner = GC_SETTING_LONG_LIVED_TOTAL, .index = 9 },
			    "long_lived_total = 9" },
			{ { .kind = EV_GC_CONFIG, .owner = GC_SETTING_ENABLED,
			    .index = 1 }, "gc.enable()" },
			{ { .kind = EV_OUTPUT }, "output" },
			{ { .kind = EV_SAY }, "narration" },
		};

		for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
			strbuf_truncate(&sb, 0);
			event_describe(h, &cases[i].ev, &sb);
			ck_assert_msg(strcmp(strbuf_str(&sb),
			    cases[i].want) == 0,
			    "case %zu: \"%s\", want \"%s\"", i,
			    strbuf_str(&sb), cases[i].want);
		}
	}
	strbuf_free(&sb);
}
END_TEST

START_TEST(test_check_catches_a_wrong_count)
{
	objid_t i1000, l;
	char *why = NULL;

	i1000 = constant(new_int(1000));
	load_constant(i1000);
	l = build(OBJ_LIST, 1);
	store("x", top());
	step_end();
	check_heap();

	heap_object(h, i1000)->refcount++;
	ck_assert(!heap_check(h, &why));
	ck_assert_ptr_nonnull(why);
	ck_assert_str_eq(why, "#1 (int, alive): refcount 2 but 1 references");
	xfree(why);
	heap_object(h, i1000)->refcount--;

	heap_object(h, l)->as.seq->items[0] = 99;
	why = NULL;
	ck_assert(!heap_check(h, &why));
	ck_assert_ptr_nonnull(strstr(why, "bad id 99"));
	xfree(why);
	heap_object(h, l)->as.seq->items[0] = i1000;

	h->live_count++;
	ck_assert(!heap_check(h, NULL));
	h->live_count--;
	check_heap();
}
END_TEST

/*
 * The evaluation stack against a plain array: pushes, inserts and removes
 * at the bottom, the middle and the top, in a pseudo-random mix that
 * drains it and fills it again (the bottom is where a long run of
 * temporaries is taken from, so that end moves too).
 */
START_TEST(test_stack_positions)
{
	struct heap	*s = heap_new();
	objid_t		 model[512];
	uint32_t	 len = 0, seed = 12345;

	for (int round = 0; round < 6000; round++) {
		/* alternately mostly filling and mostly draining */
		uint32_t r, at, fill = (round / 1000) % 2 ? 30 : 70;

		seed = seed * 1103515245u + 12345u;
		r = seed >> 16;
		if (len == 0 || (len < 512 && r % 100 < fill)) {
			at = r % 4 == 0 ? 0 : r % 4 == 1 ? len : (r >> 4) % (len + 1);
			memmove(&model[at + 1], &model[at],
			    (len - at) * sizeof *model);
			model[at] = (objid_t)round + 1;
			len++;
			heap_stack_insert(s, at, (objid_t)round + 1);
		} else {
			at = r % 4 == 0 ? 0 : r % 4 == 1 ? len - 1 :
			    (r >> 4) % len;
			ck_assert_uint_eq(heap_stack_remove(s, at), model[at]);
			memmove(&model[at], &model[at + 1],
			    (len - at - 1) * sizeof *model);
			len--;
		}
		ck_assert_uint_eq(s->stack_len, len);
		/* ck_assert only where they differ: each ck_assert is a write
		 * to the Check parent, and 1.5 million of them took seconds */
		for (uint32_t i = 0; i < len; i++)
			if (s->stack[i] != model[i])
				ck_assert_uint_eq(s->stack[i], model[i]);
	}
	heap_free(s);
}
END_TEST

/*
 * A million temporaries taken from the bottom one by one, as a list of a
 * million items is built, and put back: linear, not quadratic (this took
 * minutes when each take moved every entry above it).
 */
START_TEST(test_stack_bottom_run_is_linear)
{
	struct heap	*s = heap_new();
	const uint32_t	 n = 1000000;

	heap_stack_push(s, 7);
	for (uint32_t i = 0; i < n; i++)
		heap_stack_push(s, i + 100);
	for (uint32_t i = 0; i < n; i++) {
		objid_t got = heap_stack_remove(s, 1);

		if (got != i + 100)	/* ck_assert is slow (see above) */
			ck_assert_uint_eq(got, i + 100);
	}
	ck_assert_uint_eq(s->stack_len, 1);
	for (uint32_t i = n; i-- > 0;)
		heap_stack_insert(s, 1, i + 100);
	ck_assert_uint_eq(s->stack_len, n + 1);
	ck_assert_uint_eq(s->stack[0], 7);
	ck_assert_uint_eq(s->stack[1], 100);
	ck_assert_uint_eq(s->stack[n], n + 99);
	heap_free(s);
}
END_TEST

static Suite *
heap_suite(void)
{
	Suite *s = suite_create("heap");
	TCase *tc;

	tc = tcase_create("events");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_kind_names);
	tcase_add_test(tc, test_every_kind_round_trips);
	suite_add_tcase(s, tc);

	tc = tcase_create("statements");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_list_literal_and_rebind);
	tcase_add_test(tc, test_frame_call);
	tcase_add_test(tc, test_dict);
	tcase_add_test(tc, test_big_dict);
	tcase_add_test(tc, test_set_resize);
	tcase_add_test(tc, test_set_display_clean_adds);
	tcase_add_test(tc, test_instances);
	tcase_add_test(tc, test_collector_frees_a_cycle);
	suite_add_tcase(s, tc);

	tc = tcase_create("timeline");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_timeline_steps_and_text);
	tcase_add_test(tc, test_timeline_streaming_and_limits);
	tcase_add_loop_test(tc, test_seek_equals_replay, 0, 3);
	suite_add_tcase(s, tc);

	tc = tcase_create("reading");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_repr_scalars);
	tcase_add_test(tc, test_repr_containers);
	tcase_add_test(tc, test_bigint_object);
	tcase_add_test(tc, test_hash_deep_tuple);
	tcase_add_test(tc, test_equal_and_hash);
	tcase_add_test(tc, test_equal_containers);
	tcase_add_test(tc, test_labels);
	tcase_add_test(tc, test_describe);
	tcase_add_test(tc, test_check_catches_a_wrong_count);
	suite_add_tcase(s, tc);

	tc = tcase_create("stack");
	tcase_add_test(tc, test_stack_positions);
	tcase_add_test(tc, test_stack_bottom_run_is_linear);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(heap_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
