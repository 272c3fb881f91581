/*
 * heap.c: the modelled interpreter's state, and everything that reads it.
 *
 * Invariants (heap_check verifies all of them):
 *   - objects[id] for 1 <= id < object_count; ids are never reused.  An
 *     UNBORN record holds a value that an ALLOC will bring to life; nothing
 *     may refer to it.
 *   - every ALIVE or FREED object's refcount is the number of references to
 *     it: names of every frame, entries of the evaluation stack, step
 *     constants, function constants, slots of ALIVE and FREED containers,
 *     an instance's hold on its class, a frame's hold on its function, and
 *     HEAP_CLASS_INTERNAL_REFS for each ALIVE class.  A FREED object keeps
 *     its slots as references until events empty them, as CPython's
 *     deallocators drop their items one at a time.
 *   - an object is TRACKED iff it is on exactly one generation's list,
 *     linked through gc_prev/gc_next, with gen naming that list; only ALIVE
 *     objects are tracked.
 *   - live_count / live_uncached count the ALIVE objects.
 *
 * Reading follows CPython 3.11 to the character: repr is list_repr,
 * tuplerepr, dict_repr, set_repr with Py_ReprEnter's "[...]" for an object
 * already being printed; == is PyObject_RichCompareBool, identity first;
 * hashes come from pyhash.c.  Every recursion here carries a depth and
 * stops at HEAP_MAX_DEPTH (heap.h), where CPython raises RecursionError.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/atom.h"
#include "base/strbuf.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "lang/ast.h"
#include "sim/heap.h"
#include "py/pyhash.h"
#include "py/settable.h"

/* A dict gets a hash index of its entries from this many on, so that
 * d[k] = v in a long repeat stays linear; smaller ones are scanned. */
#define DICT_INDEX_MIN	16
#define INDEX_FREE	UINT32_MAX

/* Generation thresholds of gc.get_threshold() in a fresh CPython 3.11. */
static const uint32_t default_thresholds[GEN_COUNT] = { 700, 10, 10 };

/* The capacity to grow cap to so that need elements fit: doubling. */
static uint32_t
next_cap(uint32_t cap, uint32_t need)
{
	uint32_t n = cap < 4 ? 4 : cap;

	while (n < need)
		n = n > UINT32_MAX / 2 ? UINT32_MAX : n * 2;
	return n;
}

/* Grows array (of *cap elements of size bytes) to hold at least need. */
static void *
grow(void *array, uint32_t *cap, uint32_t need, size_t size)
{
	if (need <= *cap)
		return array;
	*cap = next_cap(*cap, need);
	return xreallocarray(array, *cap, size);
}

struct heap *
heap_new(void)
{
	struct heap *h;
	int g;

	h = xcalloc(1, sizeof *h);
	h->object_cap = 64;
	h->objects = xcalloc(h->object_cap, sizeof *h->objects);
	h->object_count = 1;		/* id 0 is OBJ_NULL */
	h->frame_cap = 8;
	h->frames = xcalloc(h->frame_cap, sizeof *h->frames);
	h->frame_count = 1;		/* the module frame, all zero */
	for (g = 0; g < GEN_COUNT; g++)
		h->gens[g].threshold = default_thresholds[g];
	h->gc_enabled = true;
	return h;
}

static void
object_free_value(struct object *o)
{
	switch ((enum obj_type)o->type) {
	case OBJ_STR:
		xfree(o->as.s);
		break;
	case OBJ_TUPLE:
	case OBJ_LIST:
		xfree(o->as.seq);
		break;
	case OBJ_DICT:
		if (o->as.dict != NULL)
			xfree(o->as.dict->index);
		xfree(o->as.dict);
		break;
	case OBJ_SET:
		if (o->as.set != NULL) {
			settable_free(o->as.set);
			xfree(o->as.set);
		}
		break;
	case OBJ_FUNCTION:
		if (o->as.fn != NULL) {
			xfree(o->as.fn->consts);
			xfree(o->as.fn->locals);
			xfree(o->as.fn);
		}
		break;
	case OBJ_CLASS:
		if (o->as.cls != NULL) {
			xfree(o->as.cls->keys);
			xfree(o->as.cls->ns);
			xfree(o->as.cls);
		}
		break;
	case OBJ_INSTANCE:
		xfree(o->as.inst);
		break;
	case OBJ_RANGE:
	case OBJ_ITER:
		xfree(o->as.iter);
		break;
	case OBJ_INT:
		if (o->flags & OBJF_BIGINT)
			bigint_free(o->as.big);
		break;
	case OBJ_NONE:
	case OBJ_BOOL:
	case OBJ_FLOAT:
	case OBJ_TYPE:
		break;
	}
}

void
heap_free(struct heap *h)
{
	uint32_t i;

	if (h == NULL)
		return;
	for (i = 1; i < h->object_count; i++)
		object_free_value(&h->objects[i]);
	xfree(h->objects);
	for (i = 0; i < h->frame_count; i++) {
		xfree(h->frames[i].names);
		xfree(h->frames[i].consts);
	}
	xfree(h->frames);
	xfree(h->stack != NULL ? h->stack - h->stack_front : NULL);
	for (i = 0; i < h->saved_table_count; i++)
		xfree(h->saved_tables[i].entries);
	xfree(h->saved_tables);
	xfree(h);
}

static const char *const type_names[OBJ_TYPE_COUNT] = {
	"NoneType", "bool", "int", "float", "str", "tuple", "list", "dict",
	"set", "function", "type", NULL, NULL, NULL, "type"
};

static const char *const iter_names[ITER_KIND_COUNT] = {
	"range", "range_iterator", "list_iterator", "tuple_iterator",
	"str_ascii_iterator", "str_iterator", "dict_keys", "dict_values",
	"dict_items", "dict_keyiterator", "dict_valueiterator",
	"dict_itemiterator", "set_iterator", "enumerate", "zip", "reversed",
	"list_reverseiterator", "generator", "method", "super",
	"ReferenceType", "cell", "BaseException", "traceback", "frame",
	"builtin_function_or_method", "NotImplementedType", "dict"
};

const char *
heap_type_name(const struct heap *h, objid_t id)
{
	const struct object *o = heap_object(h, id);

	if (o->type == OBJ_INSTANCE) {
		if (o->as.inst->cls == OBJ_NULL)
			return "object";
		return atom_name(heap_object(h, o->as.inst->cls)->as.cls->name);
	}
	if (o->type == OBJ_ITER && o->as.iter->kind == ITER_EXCEPTION)
		return atom_name((atom_t)o->as.iter->stop);
	if (o->type == OBJ_ITER && o->as.iter->kind == ITER_WEAKREF &&
	    o->as.iter->stop == 1)
		return "KeyedRef";
	if (o->type == OBJ_RANGE || o->type == OBJ_ITER)
		return iter_names[o->as.iter->kind];
	return type_names[o->type];
}

objid_t
heap_exception_class(const struct heap *h, objid_t id)
{
	const struct pyiter	*e = heap_object(h, id)->as.iter;
	atom_t			 name = atom_from("__class__");

	for (uint32_t i = 0; i < e->count; i++)
		if (e->names[i] == name)
			return e->held[i];
	return OBJ_NULL;
}

const char *
heap_exception_kind(const struct heap *h, objid_t id)
{
	objid_t cls = heap_exception_class(h, id);

	return cls != OBJ_NULL ?
	    atom_name(heap_object(h, cls)->as.cls->exception) :
	    atom_name((atom_t)heap_object(h, id)->as.iter->stop);
}

bool
heap_type_is_container(enum obj_type type)
{
	switch (type) {
	case OBJ_TUPLE:
	case OBJ_LIST:
	case OBJ_DICT:
	case OBJ_SET:
	case OBJ_FUNCTION:
	case OBJ_CLASS:
	case OBJ_INSTANCE:
	case OBJ_ITER:
		return true;
	default:
		return false;
	}
}

/* ---- making objects ---- */

objid_t
heap_reserve(struct heap *h, enum obj_type type)
{
	struct object *o;
	objid_t id;

	if (h->object_count == UINT32_MAX) {
		/* Four billion records do not fit in memory anyway: take
		 * xalloc's out-of-memory path. */
		h->objects = xreallocarray(h->objects, SIZE_MAX, 2);
	}
	h->objects = grow(h->objects, &h->object_cap, h->object_count + 1,
	    sizeof *h->objects);
	id = h->object_count++;
	o = &h->objects[id];
	memset(o, 0, sizeof *o);
	o->type = (uint8_t)type;
	o->state = OBJ_UNBORN;
	switch (type) {
	case OBJ_TUPLE:
	case OBJ_LIST:
		o->as.seq = xcalloc(1, sizeof *o->as.seq);
		break;
	case OBJ_DICT:
		o->as.dict = xcalloc(1, sizeof *o->as.dict);
		break;
	case OBJ_SET:
		o->as.set = xmalloc(sizeof *o->as.set);
		settable_init(o->as.set);
		break;
	case OBJ_CLASS:
		o->as.cls = xcalloc(1, sizeof *o->as.cls);
		o->as.cls->ns = xcalloc(1, sizeof *o->as.cls->ns);
		o->as.cls->internal = HEAP_CLASS_INTERNAL_REFS;
		o->as.cls->usable = HEAP_SHARED_KEYS_MAX;
		break;
	case OBJ_INSTANCE:
		o->as.inst = xcalloc(1, sizeof *o->as.inst);
		break;
	case OBJ_RANGE:
	case OBJ_ITER:
		o->as.iter = xcalloc(1, sizeof *o->as.iter);
		break;
	default:
		break;
	}
	return id;
}

objid_t
heap_reserve_none(struct heap *h)
{
	objid_t id = heap_reserve(h, OBJ_NONE);

	heap_object(h, id)->flags |= OBJF_CACHED;
	return id;
}

objid_t
heap_reserve_bool(struct heap *h, bool value)
{
	objid_t id = heap_reserve(h, OBJ_BOOL);

	heap_object(h, id)->as.i = value ? 1 : 0;
	heap_object(h, id)->flags |= OBJF_CACHED;
	return id;
}

objid_t
heap_reserve_bigint(struct heap *h, struct bigint *value)
{
	objid_t id = heap_reserve(h, OBJ_INT);

	heap_object(h, id)->as.big = value;
	heap_object(h, id)->flags |= OBJF_BIGINT;
	return id;
}

objid_t
heap_reserve_int(struct heap *h, int64_t value, bool cached)
{
	objid_t id = heap_reserve(h, OBJ_INT);

	heap_object(h, id)->as.i = value;
	if (cached)
		heap_object(h, id)->flags |= OBJF_CACHED;
	return id;
}

objid_t
heap_reserve_float(struct heap *h, double value)
{
	objid_t id = heap_reserve(h, OBJ_FLOAT);

	heap_object(h, id)->as.f = value;
	return id;
}

objid_t
heap_reserve_str(struct heap *h, const char *utf8, size_t len, bool cached)
{
	struct pystr *s;
	objid_t id;

	s = xmalloc(offsetof(struct pystr, data) + len + 1);
	s->len = len;
	s->chars = (uint32_t)pystr_length(utf8, len);
	s->hash = pyhash_str(utf8, len);
	if (len != 0)
		memcpy(s->data, utf8, len);
	s->data[len] = '\0';
	id = heap_reserve(h, OBJ_STR);
	heap_object(h, id)->as.s = s;
	if (cached)
		heap_object(h, id)->flags |= OBJF_CACHED;
	return id;
}

objid_t
heap_reserve_function(struct heap *h, atom_t name, uint32_t index,
    uint32_t const_count, const atom_t *locals, uint32_t local_count)
{
	struct pyfunction *fn;
	objid_t id;

	fn = xcalloc(1, sizeof *fn);
	fn->name = name;
	fn->qualname = name;
	fn->index = index;
	fn->const_count = 0;
	fn->const_cap = const_count;
	fn->consts = xcalloc(const_count, sizeof *fn->consts);
	fn->local_count = local_count;
	fn->locals = xcalloc(local_count, sizeof *fn->locals);
	if (local_count != 0)
		memcpy(fn->locals, locals, local_count * sizeof *locals);
	id = heap_reserve(h, OBJ_FUNCTION);
	heap_object(h, id)->as.fn = fn;
	return id;
}

void
heap_function_qualname(struct heap *h, objid_t fn, atom_t qualname)
{
	heap_object(h, fn)->as.fn->qualname = qualname;
}

objid_t
heap_class_lookup(const struct heap *h, objid_t cls, atom_t name)
{
	/* single inheritance: the mro is the chain of bases */
	while (cls != OBJ_NULL) {
		const struct pyinstance *ns = heap_object(h, cls)->as.cls->ns;

		for (uint32_t i = 0; i < ns->count; i++)
			if (ns->attrs[i].name == name)
				return ns->attrs[i].value;
		cls = heap_object(h, cls)->as.cls->base;
	}
	return OBJ_NULL;
}

void
heap_function_defaults(struct heap *h, objid_t fn)
{
	heap_object(h, fn)->as.fn->defaults = true;
}

void
heap_function_closure(struct heap *h, objid_t fn)
{
	heap_object(h, fn)->as.fn->closure = true;
}

objid_t
heap_function_defaults_of(const struct heap *h, objid_t fn)
{
	const struct pyfunction *f = heap_object(h, fn)->as.fn;
	uint32_t at = f->closure ? 1 : 0;

	return f->defaults && f->const_count > at ? f->consts[at] : OBJ_NULL;
}

objid_t
heap_reserve_class(struct heap *h, atom_t name)
{
	objid_t id = heap_reserve(h, OBJ_CLASS);

	heap_object(h, id)->as.cls->name = name;
	return id;
}

void
heap_class_setup(struct heap *h, objid_t cls, objid_t base, uint8_t internal)
{
	heap_object(h, cls)->as.cls->base = base;
	heap_object(h, cls)->as.cls->internal = internal;
}

void
heap_class_library(struct heap *h, objid_t cls, atom_t path, bool slotted)
{
	struct pyclass *c = heap_object(h, cls)->as.cls;

	c->path = path;
	c->slotted = slotted;
	/* slots are no shared keys: never out of room */
	if (slotted)
		c->usable = UINT32_MAX;
}

/* Where the attributes of an instance or a class are kept. */
static struct pyinstance **
attrs_slot(struct object *o)
{
	return o->type == OBJ_CLASS ? &o->as.cls->ns : &o->as.inst;
}

const struct pyinstance *
heap_attrs(const struct heap *h, objid_t id)
{
	struct object *o = heap_object(h, id);

	if (o->type != OBJ_CLASS && o->type != OBJ_INSTANCE)
		return NULL;
	return *attrs_slot(o);
}

objid_t
heap_reserve_instance(struct heap *h, objid_t cls)
{
	objid_t id = heap_reserve(h, OBJ_INSTANCE);

	heap_object(h, id)->as.inst->cls = cls;
	return id;
}

objid_t
heap_reserve_builtin(struct heap *h, atom_t name)
{
	objid_t id = heap_reserve_iter(h, ITER_BUILTIN, 0, (int64_t)name, 1);

	heap_object(h, id)->flags |= OBJF_CACHED;
	return id;
}

objid_t
heap_reserve_notimplemented(struct heap *h)
{
	objid_t id = heap_reserve_iter(h, ITER_NOTIMPLEMENTED, 0, 0, 0);

	heap_object(h, id)->flags |= OBJF_CACHED;
	return id;
}

objid_t
heap_reserve_globals(struct heap *h)
{
	objid_t id = heap_reserve_iter(h, ITER_GLOBALS, 0, 0, 0);

	heap_object(h, id)->flags |= OBJF_CACHED;
	return id;
}

objid_t
heap_reserve_type(struct heap *h, atom_t name)
{
	objid_t id = heap_reserve(h, OBJ_TYPE);

	heap_object(h, id)->as.name = name;
	heap_object(h, id)->flags |= OBJF_CACHED;
	return id;
}

objid_t
heap_reserve_iter(struct heap *h, enum iter_kind kind, int64_t start,
    int64_t stop, int64_t step)
{
	objid_t id = heap_reserve(h, kind == ITER_RANGE ||
	    kind == ITER_RANGE_ITER ? OBJ_RANGE : OBJ_ITER);
	struct pyiter *it = heap_object(h, id)->as.iter;

	it->kind = (uint8_t)kind;
	it->start = start;
	it->stop = stop;
	it->step = step;
	/* compute_range_length */
	if (step > 0 && start < stop)
		it->len = (int64_t)(((uint64_t)stop - (uint64_t)start - 1) /
		    (uint64_t)step + 1);
	else if (step < 0 && start > stop)
		it->len = (int64_t)(((uint64_t)start - (uint64_t)stop - 1) /
		    (0 - (uint64_t)step) + 1);
	else
		it->len = 0;
	return id;
}

objid_t
heap_reserve_weakref(struct heap *h, objid_t target)
{
	objid_t id = heap_reserve_iter(h, ITER_WEAKREF, 0, 0, 1);

	heap_object(h, id)->as.iter->weak = target;
	heap_object(h, id)->as.iter->weak_birth = target;
	return id;
}

bool
heap_weakrefable(const struct heap *h, objid_t id)
{
	const struct object *o = heap_object(h, id);

	switch (o->type) {
	case OBJ_INSTANCE:
		/* no __weakref__ slot in a class that declares __slots__ */
		return o->as.inst->cls == OBJ_NULL || !heap_object(h,
		    o->as.inst->cls)->as.cls->slotted;
	case OBJ_CLASS:
	case OBJ_FUNCTION:
	case OBJ_SET:
	case OBJ_TYPE:
		return true;
	case OBJ_ITER:
		return o->as.iter->kind == ITER_METHOD;
	default:
		return false;
	}
}

objid_t
heap_reserve_keyed_ref(struct heap *h, objid_t target)
{
	objid_t id = heap_reserve_weakref(h, target);

	heap_object(h, id)->as.iter->stop = 1;
	return id;
}

objid_t
heap_weakref_callback(const struct heap *h, objid_t w, uint32_t *index)
{
	const struct pyiter	*it = heap_object(h, w)->as.iter;
	uint32_t		 at = it->stop == 1 ? 1 : 0;

	if (index != NULL)
		*index = at;
	return it->count > at ? it->held[at] : OBJ_NULL;
}

objid_t
heap_weak_target(const struct heap *h, objid_t id)
{
	const struct object *o = heap_object(h, id);

	if (o->state != OBJ_ALIVE || o->type != OBJ_ITER ||
	    o->as.iter->kind != ITER_WEAKREF)
		return OBJ_NULL;
	return o->as.iter->weak;
}

const char *
heap_tp_name(const struct heap *h, objid_t id)
{
	const struct object *o = heap_object(h, id);

	if (o->type == OBJ_ITER && o->as.iter->kind == ITER_WEAKREF)
		return o->as.iter->stop == 1 ? "KeyedRef" :
		    "weakref.ReferenceType";
	return heap_type_name(h, id);
}

uint32_t
heap_weakrefs_of(const struct heap *h, objid_t id, objid_t *out,
    uint32_t max)
{
	uint32_t n = 0;

	/* the basic reference, then the others from the newest */
	for (int pass = 0; pass < 2; pass++)
		for (objid_t w = h->object_count; w-- > 1;) {
			const struct object *o = heap_object(h, w);

			if (heap_weak_target(h, w) != id ||
			    (o->as.iter->count == 0) != (pass == 0))
				continue;
			if (n < max)
				out[n] = w;
			n++;
		}
	return n;
}

/* ---- primitives ---- */

void
heap_weak_set(struct heap *h, objid_t weakref, objid_t target)
{
	heap_object(h, weakref)->as.iter->weak = target;
}

struct frame *
heap_frame(struct heap *h, uint32_t number)
{
	return &h->frames[number];
}

void
heap_stack_push(struct heap *h, objid_t id)
{
	heap_stack_insert(h, h->stack_len, id);
}

/*
 * Removing an entry moves the entries on its shorter side, so that taking
 * the bottom of a long run of temporaries is cheap: building a list of a
 * million items takes each from the bottom of the run, and clearing one
 * drops them from there.  The stack then starts further into its
 * allocation (stack_front); inserting near the bottom gives that back.
 */
objid_t
heap_stack_remove(struct heap *h, uint32_t position)
{
	objid_t id = h->stack[position];

	if (position < h->stack_len - 1 - position) {
		memmove(&h->stack[1], &h->stack[0], position * sizeof *h->stack);
		h->stack++;
		h->stack_front++;
		h->stack_cap--;
	} else
		memmove(&h->stack[position], &h->stack[position + 1],
		    (h->stack_len - position - 1) * sizeof *h->stack);
	h->stack_len--;
	return id;
}

void
heap_stack_insert(struct heap *h, uint32_t position, objid_t id)
{
	if (h->stack_front > 0 && position < h->stack_len - position) {
		h->stack--;
		h->stack_front--;
		h->stack_cap++;
		memmove(&h->stack[0], &h->stack[1], position * sizeof *h->stack);
	} else {
		if (h->stack_len + 1 > h->stack_cap && h->stack_front > 0) {
			/* use the room in front before asking for more */
			objid_t *start = h->stack - h->stack_front;

			memmove(start, h->stack, h->stack_len *
			    sizeof *h->stack);
			h->stack = start;
			h->stack_cap += h->stack_front;
			h->stack_front = 0;
		}
		h->stack = grow(h->stack, &h->stack_cap, h->stack_len + 1,
		    sizeof *h->stack);
		memmove(&h->stack[position + 1], &h->stack[position],
		    (h->stack_len - position) * sizeof *h->stack);
	}
	h->stack[position] = id;
	h->stack_len++;
}

uint32_t
heap_save_table(struct heap *h, const struct settable *old)
{
	h->saved_tables = grow(h->saved_tables, &h->saved_table_cap,
	    h->saved_table_count + 1, sizeof *h->saved_tables);
	h->saved_tables[h->saved_table_count] = *old;
	return h->saved_table_count++;
}

void
heap_restore_table(struct heap *h, struct settable *out)
{
	*out = h->saved_tables[--h->saved_table_count];
}

uint32_t
heap_frame_push(struct heap *h, objid_t function)
{
	const struct pyfunction *fn = heap_object(h, function)->as.fn;
	struct frame *f;
	uint32_t i;

	h->frames = grow(h->frames, &h->frame_cap, h->frame_count + 1,
	    sizeof *h->frames);
	f = &h->frames[h->frame_count];
	memset(f, 0, sizeof *f);
	f->function = function;
	f->fixed = true;
	f->name_count = f->name_cap = fn->local_count;
	f->names = xcalloc(fn->local_count, sizeof *f->names);
	for (i = 0; i < fn->local_count; i++)
		f->names[i].name = fn->locals[i];
	return h->frame_count++;
}

void
heap_frame_pop(struct heap *h)
{
	struct frame *f = &h->frames[--h->frame_count];

	xfree(f->names);
	xfree(f->consts);
	memset(f, 0, sizeof *f);
}

void
heap_binding_insert(struct heap *h, uint32_t frame, uint32_t index,
    atom_t name, objid_t value)
{
	struct frame *f = &h->frames[frame];

	f->names = grow(f->names, &f->name_cap, f->name_count + 1,
	    sizeof *f->names);
	memmove(&f->names[index + 1], &f->names[index],
	    (f->name_count - index) * sizeof *f->names);
	f->names[index].name = name;
	f->names[index].value = value;
	f->name_count++;
}

void
heap_binding_remove(struct heap *h, uint32_t frame, uint32_t index)
{
	struct frame *f = &h->frames[frame];

	memmove(&f->names[index], &f->names[index + 1],
	    (f->name_count - index - 1) * sizeof *f->names);
	f->name_count--;
}

void
heap_const_push(struct heap *h, uint32_t frame, objid_t id)
{
	struct frame *f = &h->frames[frame];

	f->consts = grow(f->consts, &f->const_cap, f->const_count + 1,
	    sizeof *f->consts);
	f->consts[f->const_count++] = id;
}

void
heap_seq_insert(struct heap *h, objid_t seq, uint32_t index, objid_t item)
{
	struct object *o = heap_object(h, seq);
	struct pyseq *s = o->as.seq;
	uint32_t cap;

	if (s->len == s->cap) {
		cap = next_cap(s->cap, s->len + 1);
		s = xrealloc(s, offsetof(struct pyseq, items) +
		    (size_t)cap * sizeof *s->items);
		s->cap = cap;
		o->as.seq = s;
	}
	memmove(&s->items[index + 1], &s->items[index],
	    (s->len - index) * sizeof *s->items);
	s->items[index] = item;
	s->len++;
}

objid_t
heap_seq_remove(struct heap *h, objid_t seq, uint32_t index)
{
	struct pyseq *s = heap_object(h, seq)->as.seq;
	objid_t item = s->items[index];

	memmove(&s->items[index], &s->items[index + 1],
	    (s->len - index - 1) * sizeof *s->items);
	s->len--;
	return item;
}

void
heap_attr_insert(struct heap *h, objid_t inst, uint32_t index, atom_t name,
    objid_t value)
{
	struct object *o = heap_object(h, inst);
	struct pyinstance *in = *attrs_slot(o);
	uint32_t cap;

	if (in->count == in->cap) {
		cap = next_cap(in->cap, in->count + 1);
		in = xrealloc(in, offsetof(struct pyinstance, attrs) +
		    (size_t)cap * sizeof *in->attrs);
		in->cap = cap;
		*attrs_slot(o) = in;
	}
	memmove(&in->attrs[index + 1], &in->attrs[index],
	    (in->count - index) * sizeof *in->attrs);
	in->attrs[index].name = name;
	in->attrs[index].value = value;
	in->count++;
}

void
heap_attr_remove(struct heap *h, objid_t inst, uint32_t index)
{
	struct pyinstance *in = *attrs_slot(heap_object(h, inst));

	memmove(&in->attrs[index], &in->attrs[index + 1],
	    (in->count - index - 1) * sizeof *in->attrs);
	in->count--;
}

/*
 * The index: open addressing with linear probing over entry numbers, deleted
 * entries included (their key is OBJ_NULL, so lookups pass over them).
 * Entries are only ever appended and, undoing, removed from the end: the
 * last one added is never in the way of another's probe, so removing it is
 * just freeing its slot.
 */
static void
dict_index_put(struct pydict *d, uint32_t e)
{
	uint32_t i = (uint32_t)((uint64_t)d->entries[e].hash & d->index_mask);

	while (d->index[i] != INDEX_FREE)
		i = (i + 1) & d->index_mask;
	d->index[i] = e;
}

static void
dict_index_build(struct pydict *d, uint32_t size)
{
	uint32_t e;

	xfree(d->index);
	d->index = xreallocarray(NULL, size, sizeof *d->index);
	memset(d->index, 0xff, (size_t)size * sizeof *d->index);
	d->index_mask = size - 1;
	for (e = 0; e < d->count; e++)
		dict_index_put(d, e);
}

void
heap_dict_append(struct heap *h, objid_t dict, objid_t key, objid_t value,
    pyhash_t hash)
{
	struct object *o = heap_object(h, dict);
	struct pydict *d = o->as.dict;
	uint32_t cap;

	if (d->count == d->cap) {
		cap = next_cap(d->cap, d->count + 1);
		d = xrealloc(d, offsetof(struct pydict, entries) +
		    (size_t)cap * sizeof *d->entries);
		d->cap = cap;
		o->as.dict = d;
	}
	d->entries[d->count].key = key;
	d->entries[d->count].value = value;
	d->entries[d->count].hash = hash;
	d->count++;
	d->live++;
	if (d->index != NULL && (uint64_t)d->count * 2 <= d->index_mask)
		dict_index_put(d, d->count - 1);
	else if (d->count >= DICT_INDEX_MIN)
		dict_index_build(d, next_cap(d->index_mask + 1,
		    d->count * 2 + 1));
}

void
heap_dict_pop(struct heap *h, objid_t dict)
{
	struct pydict *d = heap_object(h, dict)->as.dict;
	uint32_t e = d->count - 1, i;

	if (d->index != NULL) {
		i = (uint32_t)((uint64_t)d->entries[e].hash & d->index_mask);
		while (d->index[i] != e)
			i = (i + 1) & d->index_mask;
		d->index[i] = INDEX_FREE;
	}
	d->count--;
	d->live--;
}

bool
heap_class_learn(struct heap *h, objid_t cls, atom_t name)
{
	struct pyclass *c = heap_object(h, cls)->as.cls;
	uint32_t i;

	for (i = 0; i < c->key_count; i++) {
		if (c->keys[i] == name)
			return false;
	}
	c->keys = grow(c->keys, &c->key_cap, c->key_count + 1, sizeof *c->keys);
	c->keys[c->key_count++] = name;
	return true;
}

void
heap_class_unlearn(struct heap *h, objid_t cls, atom_t name)
{
	struct pyclass *c = heap_object(h, cls)->as.cls;

	if (c->key_count == 0 || c->keys[c->key_count - 1] != name) {
		fprintf(stderr, "refscope: heap: class #%" PRIu32
		    " unlearns %s, not its last key\n", cls, atom_name(name));
		abort();
	}
	c->key_count--;
}

void
heap_gc_insert_after(struct heap *h, uint32_t gen, objid_t prev, objid_t id)
{
	struct gc_generation *g = &h->gens[gen];
	struct object *o = heap_object(h, id);
	objid_t next;

	next = prev == OBJ_NULL ? g->head : heap_object(h, prev)->gc_next;
	o->gc_prev = prev;
	o->gc_next = next;
	if (prev == OBJ_NULL)
		g->head = id;
	else
		heap_object(h, prev)->gc_next = id;
	if (next == OBJ_NULL)
		g->tail = id;
	else
		heap_object(h, next)->gc_prev = id;
	g->length++;
	o->flags |= OBJF_TRACKED;
	o->gen = (uint8_t)gen;
}

void
heap_gc_append(struct heap *h, uint32_t gen, objid_t id)
{
	heap_gc_insert_after(h, gen, h->gens[gen].tail, id);
}

void
heap_gc_unlink(struct heap *h, objid_t id)
{
	struct object *o = heap_object(h, id);
	struct gc_generation *g = &h->gens[o->gen];

	if (o->gc_prev == OBJ_NULL)
		g->head = o->gc_next;
	else
		heap_object(h, o->gc_prev)->gc_next = o->gc_next;
	if (o->gc_next == OBJ_NULL)
		g->tail = o->gc_prev;
	else
		heap_object(h, o->gc_next)->gc_prev = o->gc_prev;
	g->length--;
	o->gc_prev = o->gc_next = OBJ_NULL;
	o->flags &= (uint8_t)~OBJF_TRACKED;
	o->gen = 0;
}

void
heap_gc_splice(struct heap *h, uint32_t from, uint32_t to)
{
	struct gc_generation *f = &h->gens[from], *t = &h->gens[to];
	objid_t id;

	if (f->head == OBJ_NULL)
		return;
	for (id = f->head; id != OBJ_NULL; id = heap_object(h, id)->gc_next)
		heap_object(h, id)->gen = (uint8_t)to;
	if (t->tail == OBJ_NULL)
		t->head = f->head;
	else
		heap_object(h, t->tail)->gc_next = f->head;
	heap_object(h, f->head)->gc_prev = t->tail;
	t->tail = f->tail;
	t->length += f->length;
	f->head = f->tail = OBJ_NULL;
	f->length = 0;
}

void
heap_gc_split(struct heap *h, uint32_t to, objid_t after, uint32_t from)
{
	struct gc_generation *f = &h->gens[from], *t = &h->gens[to];
	objid_t first, id;
	uint32_t n = 0;

	first = after == OBJ_NULL ? t->head : heap_object(h, after)->gc_next;
	if (first == OBJ_NULL)
		return;
	for (id = first; id != OBJ_NULL; id = heap_object(h, id)->gc_next) {
		heap_object(h, id)->gen = (uint8_t)from;
		n++;
	}
	f->head = first;
	f->tail = t->tail;
	f->length = n;
	heap_object(h, first)->gc_prev = OBJ_NULL;
	t->tail = after;
	if (after == OBJ_NULL)
		t->head = OBJ_NULL;
	else
		heap_object(h, after)->gc_next = OBJ_NULL;
	t->length -= n;
}

/* ---- references ---- */

void
heap_visit_refs(const struct heap *h, objid_t id, heap_visit_fn visit,
    void *ctx)
{
	const struct object *o = heap_object(h, id);
	struct heap_ref r;
	uint32_t i, cursor;
	int64_t e;

	switch ((enum obj_type)o->type) {
	case OBJ_TUPLE:
	case OBJ_LIST:
		r.site = SITE_ITEM;
		for (i = 0; i < o->as.seq->len; i++) {
			r.index = i;
			r.target = o->as.seq->items[i];
			if (!visit(ctx, &r))
				return;
		}
		break;
	case OBJ_DICT:
		for (i = 0; i < o->as.dict->count; i++) {
			const struct dict_entry *de = &o->as.dict->entries[i];

			if (de->key == OBJ_NULL)
				continue;
			r.index = i;
			r.site = SITE_DICT_KEY;
			r.target = de->key;
			if (!visit(ctx, &r))
				return;
			r.site = SITE_DICT_VALUE;
			r.target = de->value;
			if (!visit(ctx, &r))
				return;
		}
		break;
	case OBJ_SET:
		r.site = SITE_SET;
		cursor = 0;
		while ((e = settable_next(o->as.set, &cursor)) >= 0) {
			r.index = (uint32_t)e;
			r.target = o->as.set->entries[e].key;
			if (!visit(ctx, &r))
				return;
		}
		break;
	case OBJ_CLASS:
		/* type_traverse: its tp_dict (the base and the mro are
		 * among what the model does not draw) */
		r.site = SITE_ATTR;
		for (i = 0; i < o->as.cls->ns->count; i++) {
			r.index = i;
			r.target = o->as.cls->ns->attrs[i].value;
			if (!visit(ctx, &r))
				return;
		}
		break;
	case OBJ_INSTANCE:
		r.site = SITE_ATTR;
		for (i = 0; i < o->as.inst->count; i++) {
			r.index = i;
			r.target = o->as.inst->attrs[i].value;
			if (!visit(ctx, &r))
				return;
		}
		if (o->as.inst->cls != OBJ_NULL && o->state != OBJ_UNBORN) {
			r.site = SITE_CLASS;
			r.index = 0;
			r.target = o->as.inst->cls;
			(void)visit(ctx, &r);
		}
		break;
	case OBJ_FUNCTION:
		r.site = SITE_FUNC_CONST;
		for (i = 0; i < o->as.fn->const_count; i++) {
			/* func_traverse visits the defaults before the
			 * closure, which MAKE_FUNCTION stored first */
			r.index = o->as.fn->closure ? o->as.fn->const_count -
			    1 - i : i;
			r.target = o->as.fn->consts[r.index];
			if (!visit(ctx, &r))
				return;
		}
		break;
	case OBJ_RANGE:
	case OBJ_ITER:
		r.site = SITE_HELD;
		for (i = 0; i < o->as.iter->count; i++) {
			r.index = i;
			r.target = o->as.iter->held[i];
			if (!visit(ctx, &r))
				return;
		}
		break;
	default:
		break;
	}
}

static bool
count_ref(void *ctx, const struct heap_ref *ref)
{
	(void)ref;
	(*(uint32_t *)ctx)++;
	return true;
}

uint32_t
heap_ref_count(const struct heap *h, objid_t id)
{
	uint32_t n = 0;

	heap_visit_refs(h, id, count_ref, &n);
	return n;
}

/* The field of CPython's struct that holds a range's or an iterator's
 * reference number index.  A dict item iterator that let its dict go
 * holds its result tuple alone: the target says which field it is. */
static const char *
heap_held_label(const struct heap *h, const struct pyiter *it,
    uint32_t index)
{
	static const char *const fields[ITER_KIND_COUNT][3] = {
		[ITER_LIST] = { "it_seq" },
		[ITER_TUPLE] = { "it_seq" },
		[ITER_STR_ASCII] = { "it_seq" },
		[ITER_STR] = { "it_seq" },
		[ITER_DICT_KEYS] = { "dv_dict" },
		[ITER_DICT_VALUES] = { "dv_dict" },
		[ITER_DICT_ITEMS] = { "dv_dict" },
		[ITER_DICT_KEYITER] = { "di_dict" },
		[ITER_DICT_VALUEITER] = { "di_dict" },
		[ITER_DICT_ITEMITER] = { "di_dict", "di_result" },
		[ITER_SET] = { "si_set" },
		[ITER_ENUMERATE] = { "en_sit", "en_result" },
		[ITER_ZIP] = { "ittuple", "result" },
		[ITER_REVERSED] = { "seq" },
		[ITER_LIST_REVERSE] = { "it_seq" },
		[ITER_METHOD] = { "__func__", "__self__" },
		[ITER_SUPER] = { "__self__", "__thisclass__", "__self_class__" },
		[ITER_WEAKREF] = { "__callback__" },
		[ITER_CELL] = { "cell_contents" },
	};
	static const char *const range_fields[ITER_MAX_HELD] = {
		"start", "stop", "step", "length"
	};

	if (it->kind == ITER_RANGE)
		return index < ITER_MAX_HELD ? range_fields[index] : "?";
	if (it->kind == ITER_WEAKREF && it->stop == 1)
		return index == 1 ? "__callback__" : "key";
	if (it->kind >= ITER_EXCEPTION)
		return index < it->count && it->names[index] != ATOM_NONE ?
		    atom_name(it->names[index]) : "?";
	if (it->kind == ITER_GENERATOR && index < it->count) {
		const struct object	*last = heap_object(h,
		    it->held[it->count - 1]);
		const struct pyfunction	*fn = last->as.fn;
		uint32_t		 nfree = 0, stack;

		/* named by what it holds, not by its state, so that a name
		 * changes only with the slots: not started, .0, the free
		 * variables' cells, the function; started, the stack (one
		 * entry at least), every local, the function; anything else
		 * is a frame on its way in or out */
		if (last->type != OBJ_FUNCTION)
			return "gi_frame";
		if (fn->closure)
			nfree = (uint32_t)heap_object(h,
			    fn->consts[0])->as.seq->len;
		if (index == it->count - 1)
			return "f_func";
		if (it->count == 2 + nfree)
			return atom_name(fn->locals[index == 0 ? 0 :
			    fn->local_count - nfree + index - 1]);
		if (it->count < fn->local_count + 2)
			return "gi_frame";
		stack = it->count - 1 - fn->local_count;
		return index < stack ? "stack" :
		    atom_name(fn->locals[index - stack]);
	}
	if (it->kind == ITER_DICT_ITEMITER && index < it->count)
		return heap_object(h, it->held[index])->type == OBJ_TUPLE ?
		    "di_result" : "di_dict";
	if (index < 3 && fields[it->kind][index] != NULL)
		return fields[it->kind][index];
	return "?";
}

void
heap_ref_label(const struct heap *h, objid_t owner, const struct heap_ref *ref,
    struct strbuf *out)
{
	const struct object *o = heap_object(h, owner);
	uint32_t cursor = 0, position = 0;
	int64_t e;

	switch (ref->site) {
	case SITE_ITEM:
		strbuf_printf(out, "[%" PRIu32 "]", ref->index);
		break;
	case SITE_DICT_KEY:
		strbuf_puts(out, "key ");
		heap_repr(h, ref->target, false, 0, out);
		break;
	case SITE_DICT_VALUE:
		strbuf_putc(out, '[');
		heap_repr(h, o->as.dict->entries[ref->index].key, false, 0,
		    out);
		strbuf_putc(out, ']');
		break;
	case SITE_SET:
		/* The position in iteration order, not the table slot. */
		while ((e = settable_next(o->as.set, &cursor)) >= 0 &&
		    (uint32_t)e < ref->index)
			position++;
		strbuf_printf(out, "{%" PRIu32 "}", position);
		break;
	case SITE_ATTR:
		strbuf_putc(out, '.');
		strbuf_puts(out, atom_name(heap_attrs(h,
		    owner)->attrs[ref->index].name));
		break;
	case SITE_CLASS:
		strbuf_puts(out, "__class__");
		break;
	case SITE_HELD:
		strbuf_puts(out, heap_held_label(h, o->as.iter, ref->index));
		break;
	case SITE_FUNC_CONST:
		if (o->as.fn->closure && ref->index == 0)
			strbuf_puts(out, "__closure__");
		else if (o->as.fn->defaults)
			strbuf_puts(out, "__defaults__");
		else
			strbuf_printf(out, "co_consts[%" PRIu32 "]",
			    ref->index);
		break;
	default:
		break;
	}
}

/* ---- repr ---- */

#define REPR_BUCKETS	256

struct repr_ctx {
	const struct heap *h;
	struct strbuf	*out;
	size_t		 start;		/* out->len when we began */
	size_t		 limit;		/* max characters, 0: none */
	size_t		 chars;		/* characters produced */
	bool		 over;		/* more than limit produced: stop */
	bool		 too_deep;	/* nested beyond max_depth: stop */
	bool		 python;	/* the program's repr: CPython's limit
					   on an int's digits holds */
	bool		 int_too_long;	/* python, and an int broke it: stop */
	bool		 globals;	/* python, and the module's globals
					   dict was met: stop */
	uint32_t	 nest;		/* objects on the path, this one too */
	uint32_t	 max_depth;
	uint32_t	 depth;		/* containers on the path */
	objid_t		 active[HEAP_MAX_DEPTH]; /* Py_ReprEnter's list */
	/* how many of active[] fall in each bucket (id % REPR_BUCKETS): a
	 * repr of a chain a thousand deep, cut at 60 characters, then asks
	 * "entered?" 60 times without scanning active[] each time */
	uint8_t		 entered[REPR_BUCKETS];
	heap_seen_fn	 seen;		/* heap_repr_seen's watcher, or NULL */
	void		*seen_ctx;
};

static void
repr_put(struct repr_ctx *c, const char *s, size_t len)
{
	if (c->over)
		return;
	strbuf_append(c->out, s, len);
	c->chars += utf8_count(s, len);
	if (c->limit != 0 && c->chars > c->limit)
		c->over = true;
}

static void
repr_puts(struct repr_ctx *c, const char *s)
{
	repr_put(c, s, strlen(s));
}

static void
repr_object(struct repr_ctx *c, objid_t id, bool as_str);
static void
repr_exception(struct repr_ctx *c, objid_t id, bool as_str);

/* Where class o is defined: its library's path, or __main__. */
static const char *
class_path(const struct object *o)
{
	return o->as.cls->path != ATOM_NONE ? atom_name(o->as.cls->path) :
	    "__main__";
}

bool
heap_is_library(const struct heap *h, objid_t id, const char *name)
{
	const struct object *o = heap_object(h, id);
	const struct pyclass *c;

	if (o->type != OBJ_INSTANCE || o->as.inst->cls == OBJ_NULL)
		return false;
	c = heap_object(h, o->as.inst->cls)->as.cls;
	return c->path != ATOM_NONE && strcmp(atom_name(c->path),
	    "weakref") == 0 && strcmp(atom_name(c->name), name) == 0;
}

objid_t
heap_attr_value(const struct heap *h, objid_t id, atom_t name)
{
	int64_t i = heap_attr_index(h, id, name);

	return i >= 0 ? heap_attrs(h, id)->attrs[i].value : OBJ_NULL;
}

static objid_t
attr_value(const struct heap *h, objid_t id, const char *name)
{
	return heap_attr_value(h, id, atom_from(name));
}

/* Finalizer f's registry (its class's _registry), its _Info there and
 * the _Info's weakref (OBJ_NULL: none). */
static void
finalize_parts(const struct heap *h, objid_t f, objid_t *registry,
    objid_t *info, objid_t *weakref)
{
	const struct pydict *d;

	*registry = attr_value(h, heap_object(h, f)->as.inst->cls,
	    "_registry");
	*info = *weakref = OBJ_NULL;
	if (*registry == OBJ_NULL ||
	    heap_object(h, *registry)->type != OBJ_DICT)
		return;
	d = heap_object(h, *registry)->as.dict;
	for (uint32_t k = 0; k < d->count && *info == OBJ_NULL; k++)
		if (d->entries[k].key == f)
			*info = d->entries[k].value;
	if (*info != OBJ_NULL)
		*weakref = attr_value(h, *info, "weakref");
}

objid_t
heap_finalize_info(const struct heap *h, objid_t f)
{
	objid_t registry, info, w;

	finalize_parts(h, f, &registry, &info, &w);
	return info;
}

objid_t
heap_finalize_referent(const struct heap *h, objid_t f)
{
	objid_t registry, info, w;

	finalize_parts(h, f, &registry, &info, &w);
	return w != OBJ_NULL ? heap_weak_target(h, w) : OBJ_NULL;
}

/* finalize.__repr__ (weakref.py): its referent's type and address while
 * it is alive -- which the registry and the weakref decide: watched */
static void
repr_finalize(struct repr_ctx *c, objid_t f, struct strbuf *out)
{
	objid_t registry, info, w, referent;

	finalize_parts(c->h, f, &registry, &info, &w);
	referent = w != OBJ_NULL ? heap_weak_target(c->h, w) : OBJ_NULL;
	if (c->seen != NULL && registry != OBJ_NULL)
		c->seen(c->seen_ctx, registry);
	if (c->seen != NULL && w != OBJ_NULL)
		c->seen(c->seen_ctx, w);
	strbuf_printf(out, "<finalize object at #%" PRIu32 "; ", f);
	if (referent == OBJ_NULL)
		strbuf_puts(out, "dead>");
	else
		strbuf_printf(out, "for '%s' at #%" PRIu32 ">",
		    heap_type_name(c->h, referent), referent);
}

/* repr of a range (range_repr: the step only when it is not 1) or of an
 * iterator (object_repr, the id for the address). */
static void
repr_iter(const struct heap *h, objid_t id, struct strbuf *out)
{
	const struct pyiter	*it = heap_object(h, id)->as.iter;
	const struct object	*referent;

	if (it->kind == ITER_METHOD && it->count == 2 &&
	    heap_object(h, it->held[0])->type == OBJ_FUNCTION) {
		/* method_repr: the function's qualname, repr(self) */
		strbuf_printf(out, "<bound method %s of ", atom_name(
		    heap_object(h, it->held[0])->as.fn->qualname));
		heap_repr(h, it->held[1], false, 0, out);
		strbuf_putc(out, '>');
		return;
	}
	if (it->kind == ITER_WEAKREF) {
		/* weakref_repr: the referent's type, its __name__ if it has
		 * one */
		strbuf_printf(out, "<weakref at #%" PRIu32 "; ", id);
		if (it->weak == OBJ_NULL) {
			strbuf_puts(out, "dead>");
			return;
		}
		strbuf_puts(out, "to '");
		referent = heap_object(h, it->weak);
		if (h->qualified_weakref_repr &&
		    referent->type == OBJ_INSTANCE &&
		    referent->as.inst->cls != OBJ_NULL &&
		    heap_object(h, referent->as.inst->cls)->as.cls->path !=
		    ATOM_NONE)
			strbuf_printf(out, "%s.", class_path(heap_object(h,
			    referent->as.inst->cls)));
		strbuf_printf(out, "%s' at #%" PRIu32,
		    heap_type_name(h, it->weak), it->weak);
		if (heap_object(h, it->weak)->type == OBJ_FUNCTION)
			strbuf_printf(out, " (%s)", atom_name(heap_object(h,
			    it->weak)->as.fn->name));
		else if (heap_object(h, it->weak)->type == OBJ_CLASS)
			strbuf_printf(out, " (%s)", atom_name(heap_object(h,
			    it->weak)->as.cls->name));
		strbuf_putc(out, '>');
		return;
	}
	if (it->kind == ITER_SUPER && it->count == 3) {
		strbuf_printf(out, "<super: <class '%s'>, <%s object>>",
		    atom_name(heap_object(h, it->held[1])->as.cls->name),
		    heap_type_name(h, it->held[0]));
		return;
	}
	if (it->kind == ITER_CELL) {
		/* cell_repr */
		strbuf_printf(out, "<cell at #%" PRIu32 ": ", id);
		if (it->count == 0)
			strbuf_puts(out, "empty>");
		else
			strbuf_printf(out, "%s object at #%" PRIu32 ">",
			    heap_type_name(h, it->held[0]), it->held[0]);
		return;
	}
	if (it->kind == ITER_BUILTIN) {
		strbuf_printf(out, "<built-in function %s>",
		    atom_name((atom_t)it->stop));
		return;
	}
	if (it->kind == ITER_NOTIMPLEMENTED) {
		strbuf_puts(out, "NotImplemented");
		return;
	}
	if (it->kind == ITER_GLOBALS) {
		/* a picture's and the trace's: the program's repr of it is
		 * refused (repr_object) */
		strbuf_puts(out, "<the module's globals>");
		return;
	}
	if (it->kind == ITER_GENERATOR) {
		strbuf_printf(out, "<generator object %s at #%" PRIu32 ">",
		    atom_name((atom_t)it->stop), id);
		return;
	}
	if (it->kind == ITER_FRAME) {
		strbuf_printf(out, "<frame at #%" PRIu32 ", file '%s', line %"
		    PRId64 ", code %s>", id, h->file != NULL ? h->file : "?",
		    it->len, atom_name((atom_t)it->stop));
		return;
	}
	if (it->kind != ITER_RANGE) {
		strbuf_printf(out, "<%s object at #%" PRIu32 ">",
		    heap_type_name(h, id), id);
		return;
	}
	strbuf_printf(out, "range(%" PRId64 ", %" PRId64, it->start,
	    it->stop);
	if (it->step != 1)
		strbuf_printf(out, ", %" PRId64, it->step);
	strbuf_putc(out, ')');
}

/* Whether id is already being printed further out (Py_ReprEnter). */
static bool
repr_entered(const struct repr_ctx *c, objid_t id)
{
	uint32_t i;

	if (c->entered[id % REPR_BUCKETS] == 0)
		return false;
	for (i = 0; i < c->depth; i++) {
		if (c->active[i] == id)
			return true;
	}
	return false;
}

static void
repr_container(struct repr_ctx *c, objid_t id)
{
	const struct object *o = heap_object(c->h, id);
	const char *open, *close;
	uint32_t i, n = 0, cursor = 0;
	int64_t e;

	if (c->seen != NULL)
		c->seen(c->seen_ctx, id);
	switch (o->type) {
	case OBJ_LIST:
		open = "[";
		close = "]";
		break;
	case OBJ_TUPLE:
		open = "(";
		close = ")";
		break;
	case OBJ_SET:
		if (o->as.set->used == 0) {
			repr_puts(c, "set()");
			return;
		}
		/* FALLTHROUGH */
	default:
		open = "{";
		close = "}";
		break;
	}
	if (repr_entered(c, id)) {
		repr_puts(c, o->type == OBJ_SET ? "set(...)" : open);
		if (o->type != OBJ_SET) {
			repr_puts(c, "...");
			repr_puts(c, close);
		}
		return;
	}
	c->active[c->depth++] = id;
	c->entered[id % REPR_BUCKETS]++;
	repr_puts(c, open);
	switch (o->type) {
	case OBJ_LIST:
	case OBJ_TUPLE:
		for (i = 0; i < o->as.seq->len && !c->over; i++) {
			if (i > 0)
				repr_puts(c, ", ");
			repr_object(c, o->as.seq->items[i], false);
		}
		if (o->type == OBJ_TUPLE && o->as.seq->len == 1)
			repr_puts(c, ",");
		break;
	case OBJ_DICT:
		for (i = 0; i < o->as.dict->count && !c->over; i++) {
			const struct dict_entry *de = &o->as.dict->entries[i];

			if (de->key == OBJ_NULL)
				continue;
			if (n++ > 0)
				repr_puts(c, ", ");
			repr_object(c, de->key, false);
			repr_puts(c, ": ");
			repr_object(c, de->value, false);
		}
		break;
	case OBJ_SET:
		while (!c->over &&
		    (e = settable_next(o->as.set, &cursor)) >= 0) {
			if (n++ > 0)
				repr_puts(c, ", ");
			repr_object(c, o->as.set->entries[e].key, false);
		}
		break;
	}
	repr_puts(c, close);
	c->entered[id % REPR_BUCKETS]--;
	c->depth--;
}

/* dictview_repr: "dict_items([('a', 1)])", the repr of the list
 * PySequence_List makes of the view (each item of dict_items a new
 * tuple); "..." for a view already being printed (Py_ReprEnter). */
static void
repr_view(struct repr_ctx *c, objid_t id)
{
	const struct pyiter	*v = heap_object(c->h, id)->as.iter;
	const struct pydict	*d;
	uint32_t		 n = 0;

	if (repr_entered(c, id)) {
		repr_puts(c, "...");
		return;
	}
	repr_puts(c, heap_type_name(c->h, id));
	if (v->count == 0) {
		repr_puts(c, "([])");
		return;
	}
	if (c->seen != NULL)
		c->seen(c->seen_ctx, v->held[0]);
	d = heap_object(c->h, v->held[0])->as.dict;
	c->active[c->depth++] = id;
	c->entered[id % REPR_BUCKETS]++;
	repr_puts(c, "([");
	/* the list's repr is one more level, each item's tuple another */
	c->nest++;
	for (uint32_t i = 0; i < d->count && !c->over; i++) {
		const struct dict_entry *de = &d->entries[i];

		if (de->key == OBJ_NULL)
			continue;
		if (n++ > 0)
			repr_puts(c, ", ");
		if (v->kind == ITER_DICT_KEYS)
			repr_object(c, de->key, false);
		else if (v->kind == ITER_DICT_VALUES)
			repr_object(c, de->value, false);
		else if (c->nest >= c->max_depth) {
			c->too_deep = true;
			c->over = true;
		} else {
			c->nest++;
			repr_puts(c, "(");
			repr_object(c, de->key, false);
			repr_puts(c, ", ");
			repr_object(c, de->value, false);
			repr_puts(c, ")");
			c->nest--;
		}
	}
	c->nest--;
	repr_puts(c, "])");
	c->entered[id % REPR_BUCKETS]--;
	c->depth--;
}

/*
 * A long int: the program's repr writes it whole, or stops where CPython
 * raises ValueError; a picture shows an int that is the whole text, or
 * one str() refuses, as its first digits and their count, not clipped.
 */
static void
repr_bigint(struct repr_ctx *c, const struct bigint *b)
{
	const size_t	 refused = 40;	/* a picture of an int str() refuses */
	struct strbuf	 sb = STRBUF_INIT;
	bool		 fits = bigint_decimal_fits(b);

	if (c->python && !fits) {
		c->int_too_long = true;
		c->over = true;
		return;
	}
	if (!c->python && c->depth == 0 && c->limit != 0)
		bigint_write_elided(b, c->limit, &sb);
	else if (!c->python && !fits)
		bigint_write_elided(b, refused, &sb);
	else
		bigint_write(b, 10, &sb);
	repr_put(c, strbuf_str(&sb), sb.len);
	strbuf_free(&sb);
}

static void
repr_object(struct repr_ctx *c, objid_t id, bool as_str)
{
	const struct object *o = heap_object(c->h, id);
	struct strbuf tmp = STRBUF_INIT;
	char num[32];

	if (c->over)
		return;
	/* PyObject_Repr enters a recursive call for every object */
	if (c->nest >= c->max_depth) {
		c->too_deep = true;
		c->over = true;
		return;
	}
	c->nest++;
	switch ((enum obj_type)o->type) {
	case OBJ_NONE:
		repr_puts(c, "None");
		break;
	case OBJ_TYPE:
		strbuf_printf(&tmp, "<class '%s'>", atom_name(o->as.name));
		repr_put(c, strbuf_str(&tmp), tmp.len);
		break;
	case OBJ_BOOL:
		repr_puts(c, o->as.i ? "True" : "False");
		break;
	case OBJ_INT: {
		if (o->flags & OBJF_BIGINT) {
			repr_bigint(c, o->as.big);
			break;
		}
		/* by hand: traces print millions of these */
		uint64_t v = o->as.i < 0 ? (uint64_t)0 - (uint64_t)o->as.i :
		    (uint64_t)o->as.i;
		char *p = num + sizeof num;

		*--p = '\0';
		do {
			*--p = (char)('0' + v % 10);
			v /= 10;
		} while (v != 0);
		if (o->as.i < 0)
			*--p = '-';
		repr_puts(c, p);
		break;
	}
	case OBJ_FLOAT:
		pyrepr_float(&tmp, o->as.f);
		repr_put(c, strbuf_str(&tmp), tmp.len);
		break;
	case OBJ_STR:
		if (as_str)
			repr_put(c, o->as.s->data, o->as.s->len);
		else {
			pyrepr_str(&tmp, o->as.s->data, o->as.s->len);
			repr_put(c, strbuf_str(&tmp), tmp.len);
		}
		break;
	case OBJ_TUPLE:
	case OBJ_LIST:
	case OBJ_DICT:
	case OBJ_SET:
		repr_container(c, id);
		break;
	case OBJ_FUNCTION:
		strbuf_printf(&tmp, "<function %s at #%" PRIu32 ">",
		    atom_name(o->as.fn->qualname), id);
		repr_put(c, strbuf_str(&tmp), tmp.len);
		break;
	case OBJ_CLASS:
		strbuf_printf(&tmp, "<class '%s.%s'>", class_path(o),
		    atom_name(o->as.cls->name));
		repr_put(c, strbuf_str(&tmp), tmp.len);
		break;
	case OBJ_INSTANCE:
		if (heap_is_finalize(c->h, id))
			repr_finalize(c, id, &tmp);
		else if (heap_is_weakdict(c->h, id))
			strbuf_printf(&tmp, "<%s at #%" PRIu32 ">",
			    heap_type_name(c->h, id), id);
		else
			strbuf_printf(&tmp, "<%s.%s object at #%" PRIu32 ">",
			    o->as.inst->cls != OBJ_NULL ? class_path(
			    heap_object(c->h, o->as.inst->cls)) : "__main__",
			    heap_type_name(c->h, id), id);
		repr_put(c, strbuf_str(&tmp), tmp.len);
		break;
	case OBJ_RANGE:
	case OBJ_ITER:
		if (ITER_IS_VIEW(o->as.iter->kind)) {
			repr_view(c, id);
			break;
		}
		if (o->as.iter->kind == ITER_EXCEPTION) {
			repr_exception(c, id, as_str);
			break;
		}
		if (o->as.iter->kind == ITER_GLOBALS && c->python) {
			/* dict_repr of entries the model does not keep */
			c->globals = true;
			c->over = true;
			break;
		}
		/* a weakref's repr changes when it is cleared, a cell's with
		 * what it holds: watch them */
		if ((o->as.iter->kind == ITER_WEAKREF ||
		    o->as.iter->kind == ITER_CELL) && c->seen != NULL)
			c->seen(c->seen_ctx, id);
		repr_iter(c->h, id, &tmp);
		repr_put(c, strbuf_str(&tmp), tmp.len);
		break;
	}
	c->nest--;
	strbuf_free(&tmp);
}

/* BaseException_repr: Name(arg) for one argument, Name(a, b) or Name()
 * for the others; BaseException_str: str(arg), the tuple's repr, or ''
 * -- KeyError_str: repr(arg). */
static void
repr_exception(struct repr_ctx *c, objid_t id, bool as_str)
{
	const struct pyiter	*e = heap_object(c->h, id)->as.iter;
	const char		*name = atom_name((atom_t)e->stop);
	objid_t			 args = OBJ_NULL;
	const struct pyseq	*seq;

	/* its args: the first slot, or the second after a __dict__ */
	for (uint32_t i = 0; i < e->count && args == OBJ_NULL; i++)
		if (e->names[i] == atom_from("args"))
			args = e->held[i];

	if (args == OBJ_NULL || heap_object(c->h, args)->type != OBJ_TUPLE) {
		if (!as_str) {
			repr_puts(c, name);
			repr_puts(c, "()");
		}
		return;
	}
	seq = heap_object(c->h, args)->as.seq;
	if (as_str) {
		if (seq->len == 1)
			repr_object(c, seq->items[0],
			    strcmp(heap_exception_kind(c->h, id), "KeyError") !=
			    0);
		else if (seq->len > 1)
			repr_object(c, args, false);
		return;
	}
	repr_puts(c, name);
	if (seq->len == 1) {
		repr_puts(c, "(");
		repr_object(c, seq->items[0], false);
		repr_puts(c, ")");
	} else
		repr_object(c, args, false);
}

/* The walk of heap_repr, heap_repr_nested and heap_repr_seen; false when
 * too deep (out then ends where the walk stopped). */
static bool
repr_walk(const struct heap *h, objid_t id, bool as_str, size_t max_chars,
    uint32_t max_depth, struct strbuf *out, heap_seen_fn seen,
    void *seen_ctx, enum heap_repr_failure *why)
{
	struct repr_ctx	 ctx, *c = &ctx;
	size_t		 off, n;

	/* active[] is filled as the walk descends: no need to clear it */
	memset(c->entered, 0, sizeof c->entered);
	c->seen = seen;
	c->seen_ctx = seen_ctx;
	c->h = h;
	c->out = out;
	c->start = out->len;
	c->limit = max_chars;
	c->chars = 0;
	c->over = false;
	c->too_deep = false;
	c->python = why != NULL;
	c->int_too_long = false;
	c->globals = false;
	c->nest = 0;
	c->max_depth = max_depth < HEAP_MAX_DEPTH ? max_depth : HEAP_MAX_DEPTH;
	c->depth = 0;
	repr_object(c, id, as_str);
	if (c->over && max_chars != 0) {
		/* Keep max_chars - 1 characters and end with the ellipsis. */
		off = c->start;
		for (n = 0; n + 1 < max_chars; n++) {
			off++;
			while (off < out->len &&
			    ((unsigned char)out->data[off] & 0xc0) == 0x80)
				off++;
		}
		if (off < out->len)
			strbuf_truncate(out, off);
		strbuf_puts(out, "\xe2\x80\xa6");
	} else if (c->too_deep)
		strbuf_puts(out, "\xe2\x80\xa6");
	if (why != NULL)
		*why = c->int_too_long ? HEAP_REPR_INT_TOO_LONG :
		    c->globals ? HEAP_REPR_GLOBALS : HEAP_REPR_TOO_DEEP;
	return !c->too_deep && !c->int_too_long && !c->globals;
}

void
heap_repr(const struct heap *h, objid_t id, bool as_str, size_t max_chars,
    struct strbuf *out)
{
	/* a picture shows what fits: deeper than CPython could print, the
	 * text ends with the ellipsis where the walk stopped */
	(void)repr_walk(h, id, as_str, max_chars, HEAP_MAX_DEPTH, out, NULL,
	    NULL, NULL);
}

bool
heap_repr_nested(const struct heap *h, objid_t id, bool as_str,
    size_t max_chars, uint32_t max_depth, struct strbuf *out,
    enum heap_repr_failure *why)
{
	size_t start = out->len;

	if (repr_walk(h, id, as_str, max_chars, max_depth, out, NULL, NULL,
	    why))
		return true;
	strbuf_truncate(out, start);
	return false;
}

void
heap_repr_seen(const struct heap *h, objid_t id, size_t max_chars,
    struct strbuf *out, heap_seen_fn seen, void *ctx)
{
	(void)repr_walk(h, id, false, max_chars, HEAP_MAX_DEPTH, out, seen,
	    ctx, NULL);
}

int64_t
heap_len(const struct heap *h, objid_t id)
{
	const struct object *o = heap_object(h, id);

	switch (o->type) {
	case OBJ_STR:
		return o->as.s->chars;
	case OBJ_TUPLE:
	case OBJ_LIST:
		return o->as.seq->len;
	case OBJ_DICT:
		return o->as.dict->live;
	case OBJ_SET:
		return o->as.set->used;
	case OBJ_RANGE:
		return o->as.iter->kind == ITER_RANGE ? o->as.iter->len : -1;
	case OBJ_ITER:
		/* a view's len is its dict's */
		if (ITER_IS_VIEW(o->as.iter->kind) && o->as.iter->count > 0)
			return heap_object(h, o->as.iter->held[0])->as.dict->live;
		return -1;
	case OBJ_INSTANCE:
		/* a weak mapping's __len__: its data's (3.11-3.13: less
		 * its pending removals, which only iterating it makes) */
		if (heap_is_weakdict(h, id) && (id = attr_value(h, id,
		    "data")) != OBJ_NULL)
			return heap_object(h, id)->as.dict->live;
		return -1;
	default:
		return -1;
	}
}

bool
heap_lookup_name(const struct heap *h, uint32_t frame, atom_t name,
    uint32_t *index, objid_t *value)
{
	const struct frame *f = &h->frames[frame];
	uint32_t i;

	for (i = 0; i < f->name_count; i++) {
		if (f->names[i].name != name)
			continue;
		*index = i;
		*value = f->names[i].value;
		return f->names[i].value != OBJ_NULL;
	}
	return false;
}

int64_t
heap_attr_index(const struct heap *h, objid_t id, atom_t name)
{
	const struct pyinstance *in = heap_attrs(h, id);
	uint32_t i;

	for (i = 0; in != NULL && i < in->count; i++) {
		if (in->attrs[i].name == name)
			return i;
	}
	return -1;
}

/* ---- hash and == ---- */

/*
 * Each object a hash or a comparison visits costs one unit of the budget:
 * shared parts are visited again each time they are reached, as CPython
 * does, so a tuple of two tuples of two tuples ... sixty deep would take
 * 2^60 visits.  With the budget spent, the walk stops, answering "not
 * hashable", "not equal", "not found", and says so in exhausted.
 */
static bool
spend(struct heap_budget *b)
{
	if (b->left == 0) {
		b->exhausted = true;
		return false;
	}
	b->left--;
	return true;
}

/* hash() of an object that is no tuple; false when it is unhashable. */
static bool
hash_leaf(const struct object *o, objid_t id, pyhash_t *hash)
{
	switch ((enum obj_type)o->type) {
	case OBJ_INSTANCE:
		*hash = o->as.inst->hashed ? o->as.inst->hash :
		    pyhash_identity(id);
		return true;
	case OBJ_NONE:
	case OBJ_FUNCTION:
	case OBJ_CLASS:
	case OBJ_TYPE:
	case OBJ_ITER:
		/* dict_keys and dict_items are set-like: __hash__ is None */
		if (o->type == OBJ_ITER && (o->as.iter->kind == ITER_DICT_KEYS ||
		    o->as.iter->kind == ITER_DICT_ITEMS ||
		    o->as.iter->kind == ITER_GLOBALS))
			return false;
		*hash = pyhash_identity(id);
		return true;
	case OBJ_RANGE:
		/* range_hash: hash((len, start, step)); with fewer than two
		 * numbers CPython puts None in, whose hash is its address:
		 * those get the model's identity hash */
		if (o->as.iter->kind == ITER_RANGE && o->as.iter->len >= 2) {
			const pyhash_t items[3] = { pyhash_int(o->as.iter->len),
			    pyhash_int(o->as.iter->start),
			    pyhash_int(o->as.iter->step) };

			*hash = pyhash_tuple(items, 3);
			return true;
		}
		*hash = pyhash_identity(id);
		return true;
	case OBJ_BOOL:
	case OBJ_INT:
		*hash = heap_bigint(o) != NULL ? bigint_hash(o->as.big) :
		    pyhash_int(o->as.i);
		return true;
	case OBJ_FLOAT:
		*hash = pyhash_float(o->as.f);
		return true;
	case OBJ_STR:
		*hash = o->as.s->hash;
		return true;
	case OBJ_TUPLE:
	case OBJ_LIST:
	case OBJ_DICT:
	case OBJ_SET:
		return false;
	}
	return false;
}

/* A tuple whose hash is being computed: the item to hash next. */
struct hash_frame {
	objid_t		id;
	uint32_t	next;
	uint64_t	acc;
};

/*
 * hash(id), tuples item by item on a stack of our own rather than the C
 * stack: tuplehash counts no recursion, so CPython hashes a tuple nested
 * as deep as memory allows (a million levels fit in the limits).
 */
static bool
hash_at(const struct heap *h, objid_t id, pyhash_t *hash,
    struct heap_budget *b)
{
	struct hash_frame	*stack = NULL, *f;
	size_t			 n = 0, cap = 0;
	const struct pyseq	*seq;
	pyhash_t		 v = 0;
	bool			 have, ok = true;

	for (;;) {
		const struct object *o = heap_object(h, id);

		if (!spend(b)) {
			ok = false;
			break;
		}
		/* weakref_hash: its referent's (kept once computed) */
		if (o->type == OBJ_ITER && o->as.iter->kind == ITER_WEAKREF) {
			id = o->as.iter->weak_birth;
			o = heap_object(h, id);
		}
		if (o->type == OBJ_TUPLE) {
			if (n == cap) {
				cap = cap ? cap * 2 : 16;
				stack = xreallocarray(stack, cap, sizeof *stack);
			}
			stack[n++] = (struct hash_frame){ id, 0,
			    pyhash_tuple_start() };
			have = false;
		} else if (hash_leaf(o, id, &v))
			have = true;
		else {
			ok = false;
			break;
		}
		/* up while tuples are complete, then down to the next item */
		while (n > 0) {
			f = &stack[n - 1];
			seq = heap_object(h, f->id)->as.seq;
			if (have) {
				f->acc = pyhash_tuple_add(f->acc, v);
				f->next++;
			}
			if (f->next < seq->len) {
				id = seq->items[f->next];
				break;
			}
			v = pyhash_tuple_end(f->acc, seq->len);
			have = true;
			n--;
		}
		if (n == 0)
			break;
	}
	xfree(stack);
	if (ok)
		*hash = v;
	return ok;
}

bool
heap_hash_within(const struct heap *h, objid_t id, pyhash_t *hash,
    struct heap_budget *b)
{
	pyhash_t v;

	if (!hash_at(h, id, &v, b))
		return false;
	*hash = v;
	return true;
}

bool
heap_hash(const struct heap *h, objid_t id, pyhash_t *hash)
{
	struct heap_budget b = HEAP_BUDGET_UNLIMITED;

	return heap_hash_within(h, id, hash, &b);
}

static bool equal_at(const struct heap *h, objid_t a, objid_t b, int depth,
    struct heap_budget *budget);

/* int == float as Python compares them: exactly, never by rounding the
 * int to a double. */
static bool
int_equals_float(int64_t i, double f)
{
	if (!isfinite(f) || f != floor(f))
		return false;
	if (f < -9223372036854775808.0 || f >= 9223372036854775808.0)
		return false;
	return (int64_t)f == i;
}

struct equal_ctx {
	const struct heap	*h;
	int			 depth;
	struct heap_budget	*budget;
};

static bool
set_equal_cb(void *ctx, uint32_t stored, uint32_t probe)
{
	const struct equal_ctx *e = ctx;

	return equal_at(e->h, stored, probe, e->depth, e->budget);
}

/* Whether a walk stopped (out of budget or too deep): its answer then
 * is the negative one, whatever a later identity check finds. */
static bool
stopped(const struct heap_budget *b)
{
	return b->exhausted || b->too_deep || b->needs_code;
}

/* Whether o is an instance whose class's __eq__ is code. */
static bool
eq_by_code(const struct heap *h, const struct object *o)
{
	return o->type == OBJ_INSTANCE && o->as.inst->cls != OBJ_NULL &&
	    heap_object(h, o->as.inst->cls)->as.cls->eq_by_code;
}

static int64_t
dict_find_at(const struct heap *h, objid_t id, objid_t key, int depth,
    struct heap_budget *b)
{
	const struct pydict *d = heap_object(h, id)->as.dict;
	pyhash_t hash;
	uint32_t i;

	if (!hash_at(h, key, &hash, b))
		return -1;
	if (d->index != NULL) {
		for (i = (uint32_t)((uint64_t)hash & d->index_mask);
		    d->index[i] != INDEX_FREE; i = (i + 1) & d->index_mask) {
			const struct dict_entry *de = &d->entries[d->index[i]];

			if (de->key != OBJ_NULL && de->hash == hash &&
			    (de->key == key ||
			    equal_at(h, de->key, key, depth, b)))
				return stopped(b) ? -1 : (int64_t)d->index[i];
		}
		return -1;
	}
	for (i = 0; i < d->count; i++) {
		if (d->entries[i].key == OBJ_NULL || d->entries[i].hash != hash)
			continue;
		if (d->entries[i].key == key ||
		    equal_at(h, d->entries[i].key, key, depth, b))
			return stopped(b) ? -1 : (int64_t)i;
	}
	return -1;
}

static int64_t
set_find_at(const struct heap *h, objid_t id, objid_t key, int depth,
    struct heap_budget *b)
{
	struct equal_ctx e = { h, depth, b };
	pyhash_t hash;
	int64_t found;

	if (!hash_at(h, key, &hash, b))
		return -1;
	found = settable_find(heap_object(h, id)->as.set, hash, key,
	    set_equal_cb, &e);
	return stopped(b) ? -1 : found;
}

/*
 * The order of two numbers, one of them an int beyond 64 bits (never a
 * NaN): -1, 0 or 1, exactly, as long_richcompare and float_richcompare
 * find it.  A big int never equals a small one.
 */
static int
number_order(const struct object *x, const struct object *y)
{
	const struct bigint	*bx = heap_bigint(x), *by = heap_bigint(y);

	if (bx != NULL && by != NULL)
		return bigint_cmp(bx, by);
	if (bx == NULL)
		return -number_order(y, x);
	/* bx against a small int, a bool or a float */
	if (y->type == OBJ_FLOAT)
		return bigint_cmp_double(bx, y->as.f);
	return bx->sign;
}

static bool
equal_at(const struct heap *h, objid_t a, objid_t b, int depth,
    struct heap_budget *budget)
{
	const struct object *x, *y;
	const struct dict_entry *de;
	uint32_t i, cursor = 0;
	int64_t e, j;

	/* once stopped, nothing is equal: the caller reports why */
	if (stopped(budget))
		return false;
	if (a == b)
		return true;	/* PyObject_RichCompareBool's shortcut */
	/* PyObject_RichCompare enters a recursive call */
	if (depth >= (int)budget->max_depth || depth >= HEAP_MAX_DEPTH) {
		budget->too_deep = true;
		return false;
	}
	if (!spend(budget))
		return false;
	x = heap_object(h, a);
	y = heap_object(h, b);
	if (eq_by_code(h, x) || eq_by_code(h, y)) {
		budget->needs_code = true;
		return false;
	}
	if (heap_bigint(x) != NULL || heap_bigint(y) != NULL)
		return number_order(x, y) == 0;
	if ((x->type == OBJ_INT || x->type == OBJ_BOOL) &&
	    (y->type == OBJ_INT || y->type == OBJ_BOOL))
		return x->as.i == y->as.i;
	if (x->type == OBJ_FLOAT && y->type == OBJ_FLOAT)
		return x->as.f == y->as.f;
	if (x->type == OBJ_FLOAT && (y->type == OBJ_INT || y->type == OBJ_BOOL))
		return int_equals_float(y->as.i, x->as.f);
	if (y->type == OBJ_FLOAT && (x->type == OBJ_INT || x->type == OBJ_BOOL))
		return int_equals_float(x->as.i, y->as.f);
	if (x->type != y->type)
		return false;
	/* weakref_richcompare: two live ones compare their referents, a
	 * dead one is only itself */
	if (x->type == OBJ_ITER && x->as.iter->kind == ITER_WEAKREF &&
	    y->as.iter->kind == ITER_WEAKREF)
		return heap_weak_target(h, a) != OBJ_NULL &&
		    heap_weak_target(h, b) != OBJ_NULL &&
		    equal_at(h, x->as.iter->weak, y->as.iter->weak, depth + 1,
		    budget);
	switch (x->type) {
	case OBJ_STR:
		return x->as.s->len == y->as.s->len &&
		    memcmp(x->as.s->data, y->as.s->data, x->as.s->len) == 0;
	case OBJ_TUPLE:
	case OBJ_LIST:
		if (x->as.seq->len != y->as.seq->len)
			return false;
		for (i = 0; i < x->as.seq->len; i++) {
			/* A list may change under a comparison in CPython;
			 * here nothing runs in between. */
			if (!equal_at(h, x->as.seq->items[i],
			    y->as.seq->items[i], depth + 1, budget))
				return false;
		}
		return true;
	case OBJ_DICT:
		if (x->as.dict->live != y->as.dict->live)
			return false;
		for (i = 0; i < x->as.dict->count; i++) {
			de = &x->as.dict->entries[i];
			if (de->key == OBJ_NULL)
				continue;
			j = dict_find_at(h, b, de->key, depth + 1, budget);
			if (j < 0 || !equal_at(h, de->value,
			    y->as.dict->entries[j].value, depth + 1, budget))
				return false;
		}
		return true;
	case OBJ_SET:
		if (x->as.set->used != y->as.set->used)
			return false;
		while ((e = settable_next(x->as.set, &cursor)) >= 0) {
			if (set_find_at(h, b, x->as.set->entries[e].key,
			    depth + 1, budget) < 0)
				return false;
		}
		return true;
	case OBJ_RANGE:
		/* range_equals: the same numbers (an iterator: identity) */
		if (x->as.iter->kind != ITER_RANGE ||
		    y->as.iter->kind != ITER_RANGE ||
		    x->as.iter->len != y->as.iter->len)
			return false;
		return x->as.iter->len == 0 ||
		    (x->as.iter->start == y->as.iter->start &&
		    (x->as.iter->len == 1 ||
		    x->as.iter->step == y->as.iter->step));
	default:
		return false;	/* identity, checked above */
	}
}

/* An int and a float ordered exactly (f not a nan): -1, 0 or 1. */
static int
int_float_order(int64_t i, double f)
{
	double	t;
	int64_t	ti;

	if (f >= 9223372036854775808.0)
		return -1;
	if (f < -9223372036854775808.0)
		return 1;
	t = trunc(f);
	ti = (int64_t)t;
	if (i != ti)
		return i < ti ? -1 : 1;
	return f > t ? -1 : f < t ? 1 : 0;
}

/* Whether an order c (-1, 0, 1) satisfies op. */
static bool
order_holds(int c, int op)
{
	switch (op) {
	case CMP_EQ:	return c == 0;
	case CMP_NE:	return c != 0;
	case CMP_LT:	return c < 0;
	case CMP_GT:	return c > 0;
	case CMP_LE:	return c <= 0;
	default:	return c >= 0;
	}
}

static enum heap_cmp
cmp_of(bool b)
{
	return b ? HEAP_CMP_TRUE : HEAP_CMP_FALSE;
}

/* Whether every element of set a is in set b. */
static bool
set_within(const struct heap *h, objid_t a, objid_t b, int depth,
    struct heap_budget *budget)
{
	const struct settable *t = heap_object(h, a)->as.set;
	uint32_t cursor = 0;
	int64_t e;

	while ((e = settable_next(t, &cursor)) >= 0)
		if (set_find_at(h, b, t->entries[e].key, depth, budget) < 0)
			return false;
	return !stopped(budget);
}

static enum heap_cmp
compare_at(const struct heap *h, objid_t a, objid_t b, int op, int depth,
    objid_t bad[2], struct heap_budget *budget)
{
	const struct object *x = heap_object(h, a), *y = heap_object(h, b);
	bool xi = x->type == OBJ_INT || x->type == OBJ_BOOL;
	bool yi = y->type == OBJ_INT || y->type == OBJ_BOOL;
	uint32_t i, n;
	size_t len;
	int c;

	if (stopped(budget))
		return HEAP_CMP_FALSE;
	/* numbers first: a float is not equal to itself when it is a nan */
	if ((xi || x->type == OBJ_FLOAT) && (yi || y->type == OBJ_FLOAT)) {
		if ((!xi && isnan(x->as.f)) || (!yi && isnan(y->as.f)))
			return cmp_of(op == CMP_NE);
		if (heap_bigint(x) != NULL || heap_bigint(y) != NULL)
			c = number_order(x, y);
		else if (xi && yi)
			c = (x->as.i > y->as.i) - (x->as.i < y->as.i);
		else if ((!xi && isnan(x->as.f)) || (!yi && isnan(y->as.f)))
			return cmp_of(op == CMP_NE);
		else if (xi)
			c = int_float_order(x->as.i, y->as.f);
		else if (yi)
			c = -int_float_order(y->as.i, x->as.f);
		else
			c = (x->as.f > y->as.f) - (x->as.f < y->as.f);
		return cmp_of(order_holds(c, op));
	}
	if (op == CMP_EQ || op == CMP_NE)
		return cmp_of(equal_at(h, a, b, depth, budget) == (op == CMP_EQ)
		    && !stopped(budget));
	if (x->type != y->type || (x->type != OBJ_STR &&
	    x->type != OBJ_LIST && x->type != OBJ_TUPLE && x->type != OBJ_SET)) {
		bad[0] = a;
		bad[1] = b;
		return HEAP_CMP_TYPE_ERROR;
	}
	/* PyObject_RichCompare enters a recursive call */
	if (depth >= (int)budget->max_depth || depth >= HEAP_MAX_DEPTH) {
		budget->too_deep = true;
		return HEAP_CMP_FALSE;
	}
	if (!spend(budget))
		return HEAP_CMP_FALSE;
	switch (x->type) {
	case OBJ_STR:
		/* UTF-8 bytes sort as their code points */
		len = x->as.s->len < y->as.s->len ? x->as.s->len : y->as.s->len;
		c = memcmp(x->as.s->data, y->as.s->data, len);
		if (c == 0)
			c = (x->as.s->len > y->as.s->len) -
			    (x->as.s->len < y->as.s->len);
		return cmp_of(order_holds(c < 0 ? -1 : c > 0, op));
	case OBJ_SET: {
		uint32_t na = x->as.set->used, nb = y->as.set->used;

		/* set_richcompare: inclusion, sizes first */
		if (op == CMP_LT || op == CMP_LE)
			return cmp_of((op == CMP_LE ? na <= nb : na < nb) &&
			    set_within(h, a, b, depth + 1, budget));
		return cmp_of((op == CMP_GE ? na >= nb : na > nb) &&
		    set_within(h, b, a, depth + 1, budget));
	}
	default:
		/* list_richcompare / tuplerichcompare: the first pair that
		 * is not equal decides, else the lengths */
		n = x->as.seq->len < y->as.seq->len ? x->as.seq->len :
		    y->as.seq->len;
		for (i = 0; i < n; i++)
			if (!equal_at(h, x->as.seq->items[i],
			    y->as.seq->items[i], depth + 1, budget))
				break;
		if (stopped(budget))
			return HEAP_CMP_FALSE;
		if (i == n)
			return cmp_of(order_holds((x->as.seq->len >
			    y->as.seq->len) - (x->as.seq->len < y->as.seq->len),
			    op));
		return compare_at(h, x->as.seq->items[i], y->as.seq->items[i],
		    op, depth + 1, bad, budget);
	}
}

enum heap_cmp
heap_compare_within(const struct heap *h, objid_t a, objid_t b, int op,
    objid_t bad[2], struct heap_budget *budget)
{
	return compare_at(h, a, b, op, 0, bad, budget);
}

bool
heap_equal_within(const struct heap *h, objid_t a, objid_t b,
    struct heap_budget *budget)
{
	return equal_at(h, a, b, 0, budget);
}

int64_t
heap_dict_find_within(const struct heap *h, objid_t id, objid_t key,
    struct heap_budget *b)
{
	return dict_find_at(h, id, key, 0, b);
}

int64_t
heap_set_find_within(const struct heap *h, objid_t id, objid_t key,
    struct heap_budget *b)
{
	return set_find_at(h, id, key, 0, b);
}

bool
heap_equal(const struct heap *h, objid_t a, objid_t b)
{
	struct heap_budget budget = HEAP_BUDGET_UNLIMITED;

	return equal_at(h, a, b, 0, &budget);
}

int64_t
heap_dict_find(const struct heap *h, objid_t id, objid_t key)
{
	struct heap_budget b = HEAP_BUDGET_UNLIMITED;

	return dict_find_at(h, id, key, 0, &b);
}

int64_t
heap_set_find(const struct heap *h, objid_t id, objid_t key)
{
	struct heap_budget b = HEAP_BUDGET_UNLIMITED;

	return set_find_at(h, id, key, 0, &b);
}

/* ---- the invariant ---- */

static const char *const state_names[] = { "unborn", "alive", "freed" };

struct check_ctx {
	const struct heap *h;
	int64_t		*counts;
	objid_t		 owner;		/* whose slots are being visited */
	char		*why;		/* the first problem found */
};

static void
check_fail(struct check_ctx *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
check_fail(struct check_ctx *c, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	if (c->why != NULL)
		return;
	va_start(ap, fmt);
	strbuf_vprintf(&sb, fmt, ap);
	va_end(ap);
	c->why = strbuf_detach(&sb);
}

/* Counts one reference to target from the place described by what. */
static void
check_ref(struct check_ctx *c, objid_t target, const char *what,
    uint32_t owner, uint32_t index)
{
	if (target == OBJ_NULL || target >= c->h->object_count) {
		check_fail(c, "%s %" PRIu32 "/%" PRIu32 " refers to bad id %"
		    PRIu32, what, owner, index, target);
		return;
	}
	if (heap_object(c->h, target)->state == OBJ_UNBORN) {
		check_fail(c, "%s %" PRIu32 "/%" PRIu32 " refers to #%" PRIu32
		    ", which is unborn", what, owner, index, target);
		return;
	}
	c->counts[target]++;
}

static bool
check_visit(void *ctx, const struct heap_ref *ref)
{
	struct check_ctx *c = ctx;

	check_ref(c, ref->target, "slot", c->owner, ref->index);
	return true;
}

static void
check_gc_lists(struct check_ctx *c)
{
	const struct heap *h = c->h;
	const struct object *o;
	uint32_t g, n, tracked = 0, total = 0, i;
	objid_t id, prev;

	for (g = 0; g < GEN_COUNT; g++) {
		n = 0;
		prev = OBJ_NULL;
		for (id = h->gens[g].head; id != OBJ_NULL && c->why == NULL;
		    id = o->gc_next) {
			if (id >= h->object_count || n > h->object_count) {
				check_fail(c, "generation %" PRIu32
				    "'s list is broken", g);
				return;
			}
			o = heap_object(h, id);
			if (o->gc_prev != prev || o->gen != g ||
			    !(o->flags & OBJF_TRACKED) ||
			    o->state != OBJ_ALIVE)
				check_fail(c, "#%" PRIu32 " is badly linked in "
				    "generation %" PRIu32, id, g);
			prev = id;
			n++;
		}
		if (c->why == NULL && (h->gens[g].tail != prev ||
		    h->gens[g].length != n))
			check_fail(c, "generation %" PRIu32 ": length %" PRIu32
			    " or tail #%" PRIu32 " do not match its list "
			    "(%" PRIu32 " objects)", g, h->gens[g].length,
			    h->gens[g].tail, n);
		total += n;
	}
	for (i = 1; i < h->object_count; i++) {
		if (heap_object(h, i)->flags & OBJF_TRACKED)
			tracked++;
	}
	if (tracked != total)
		check_fail(c, "%" PRIu32 " objects are TRACKED but %" PRIu32
		    " are on the lists", tracked, total);
}

bool
heap_check(const struct heap *h, char **why)
{
	struct check_ctx c;
	const struct object *o;
	const struct frame *f;
	uint32_t i, j, live = 0, uncached = 0;

	c.h = h;
	c.why = NULL;
	c.counts = xcalloc(h->object_count, sizeof *c.counts);

	for (i = 0; i < h->frame_count; i++) {
		f = &h->frames[i];
		for (j = 0; j < f->name_count; j++) {
			if (f->names[j].value != OBJ_NULL)
				check_ref(&c, f->names[j].value, "name", i, j);
			else if (!f->fixed)
				check_fail(&c, "module binding %s is empty",
				    atom_name(f->names[j].name));
		}
		for (j = 0; j < f->const_count; j++)
			check_ref(&c, f->consts[j], "constant", i, j);
		if (i > 0)
			check_ref(&c, f->function, "frame", i, 0);
		if (f->object != OBJ_NULL)
			check_ref(&c, f->object, "frame object", i, 0);
	}
	for (i = 0; i < h->stack_len; i++)
		check_ref(&c, h->stack[i], "stack", 0, i);
	for (i = 1; i < h->object_count; i++) {
		o = heap_object(h, i);
		if (o->state == OBJ_UNBORN)
			continue;
		c.owner = i;
		heap_visit_refs(h, i, check_visit, &c);
		if (o->type == OBJ_CLASS && o->state == OBJ_ALIVE) {
			c.counts[i] += o->as.cls->internal;
			if (o->as.cls->base != OBJ_NULL)
				c.counts[o->as.cls->base] +=
				    HEAP_CLASS_BASE_REFS;
		}
		if (o->state == OBJ_ALIVE) {
			live++;
			if (!(o->flags & OBJF_CACHED))
				uncached++;
		}
	}
	for (i = 1; i < h->object_count && c.why == NULL; i++) {
		o = heap_object(h, i);
		if (o->state == OBJ_UNBORN) {
			if (o->refcount != 0 || (o->flags & OBJF_TRACKED))
				check_fail(&c, "#%" PRIu32 " is unborn but has "
				    "a count or is tracked", i);
			continue;
		}
		if (o->refcount != c.counts[i])
			check_fail(&c, "#%" PRIu32 " (%s, %s): refcount %"
			    PRId32 " but %" PRId64 " references", i,
			    heap_type_name(h, i), state_names[o->state],
			    o->refcount, c.counts[i]);
		else if (o->state == OBJ_FREED && (o->flags & OBJF_TRACKED))
			check_fail(&c, "#%" PRIu32 " is freed but tracked", i);
	}
	if (c.why == NULL && (live != h->live_count ||
	    uncached != h->live_uncached))
		check_fail(&c, "live counters say %" PRIu32 "/%" PRIu32
		    ", objects say %" PRIu32 "/%" PRIu32, h->live_count,
		    h->live_uncached, live, uncached);
	if (c.why == NULL)
		check_gc_lists(&c);
	xfree(c.counts);
	if (c.why == NULL)
		return true;
	if (why != NULL)
		*why = c.why;
	else
		xfree(c.why);
	return false;
}

/* ---- fingerprint ---- */

struct fingerprint_ctx {
	const struct heap *h;
	objid_t		 owner;
	struct strbuf	*sb;
};

static bool
fingerprint_ref(void *ctx, const struct heap_ref *ref)
{
	struct fingerprint_ctx *fc = ctx;

	strbuf_putc(fc->sb, ' ');
	heap_ref_label(fc->h, fc->owner, ref, fc->sb);
	strbuf_printf(fc->sb, "->%" PRIu32, ref->target);
	return true;
}

static void
fingerprint_object(const struct heap *h, objid_t id, struct strbuf *sb)
{
	const struct object *o = heap_object(h, id);
	struct fingerprint_ctx fc = { h, id, sb };
	const struct settable *t;
	uint32_t i;

	strbuf_printf(sb, "#%" PRIu32 " %s %s f=%02x rc=%" PRId32 " gen=%u"
	    " prev=%" PRIu32 " next=%" PRIu32 " refs=%" PRId32 " ",
	    id, state_names[o->state], heap_type_name(h, id),
	    (unsigned)o->flags, o->refcount, (unsigned)o->gen, o->gc_prev,
	    o->gc_next, o->gc_refs);
	switch ((enum obj_type)o->type) {
	case OBJ_NONE:
	case OBJ_BOOL:
	case OBJ_INT:
	case OBJ_FLOAT:
	case OBJ_STR:
	case OBJ_TYPE:
		heap_repr(h, id, false, 0, sb);
		break;
	case OBJ_TUPLE:
	case OBJ_LIST:
		strbuf_printf(sb, "len=%" PRIu32, o->as.seq->len);
		break;
	case OBJ_DICT:
		strbuf_printf(sb, "count=%" PRIu32 " live=%" PRIu32 " [",
		    o->as.dict->count, o->as.dict->live);
		for (i = 0; i < o->as.dict->count; i++)
			strbuf_printf(sb, " %" PRIu32 ":%" PRIu32 "/%" PRIx64,
			    o->as.dict->entries[i].key,
			    o->as.dict->entries[i].value,
			    (uint64_t)o->as.dict->entries[i].hash);
		strbuf_puts(sb, " ]");
		break;
	case OBJ_SET:
		t = o->as.set;
		strbuf_printf(sb, "mask=%" PRIu32 " fill=%" PRIu32 " used=%"
		    PRIu32 " [", t->mask, t->fill, t->used);
		for (i = 0; i <= t->mask; i++) {
			if (t->entries[i].key != SETTABLE_EMPTY)
				strbuf_printf(sb, " %" PRIu32 ":%" PRIu32 "/%"
				    PRIx64, i, t->entries[i].key,
				    (uint64_t)t->entries[i].hash);
		}
		strbuf_puts(sb, " ]");
		break;
	case OBJ_FUNCTION:
		strbuf_printf(sb, "%s index=%" PRIu32 " consts=%" PRIu32 "/%"
		    PRIu32 " locals=", atom_name(o->as.fn->name),
		    o->as.fn->index, o->as.fn->const_count,
		    o->as.fn->const_cap);
		for (i = 0; i < o->as.fn->local_count; i++)
			strbuf_printf(sb, "%s%s", i > 0 ? "," : "",
			    atom_name(o->as.fn->locals[i]));
		break;
	case OBJ_CLASS:
		strbuf_printf(sb, "%s base=%" PRIu32 " internal=%u usable=%"
		    PRIu32 " keys=", atom_name(o->as.cls->name),
		    o->as.cls->base, (unsigned)o->as.cls->internal,
		    o->as.cls->usable);
		for (i = 0; i < o->as.cls->key_count; i++)
			strbuf_printf(sb, "%s%s", i > 0 ? "," : "",
			    atom_name(o->as.cls->keys[i]));
		break;
	case OBJ_INSTANCE:
		strbuf_printf(sb, "cls=%" PRIu32 " attrs=", o->as.inst->cls);
		for (i = 0; i < o->as.inst->count; i++)
			strbuf_printf(sb, "%s%s", i > 0 ? "," : "",
			    atom_name(o->as.inst->attrs[i].name));
		break;
	case OBJ_RANGE:
	case OBJ_ITER:
		strbuf_printf(sb, "%s %" PRId64 ",%" PRId64 ",%" PRId64
		    " pos=%" PRId64 " weak=%" PRIu32, heap_type_name(h, id),
		    o->as.iter->start, o->as.iter->step, o->as.iter->len,
		    o->as.iter->pos, o->as.iter->weak);
		break;
	}
	strbuf_puts(sb, " |");
	heap_visit_refs(h, id, fingerprint_ref, &fc);
	strbuf_putc(sb, '\n');
}

char *
heap_fingerprint(const struct heap *h)
{
	struct strbuf sb = STRBUF_INIT;
	const struct frame *f;
	const struct settable *t;
	objid_t id;
	uint32_t i, j;

	strbuf_printf(&sb, "position %" PRIu64 " live %" PRIu32 "/%" PRIu32
	    "\n", h->position, h->live_count, h->live_uncached);
	/* Unborn records are not state: a seek leaves more of them behind
	 * than a replay that stopped at the same position. */
	for (id = 1; id < h->object_count; id++) {
		if (heap_object(h, id)->state != OBJ_UNBORN)
			fingerprint_object(h, id, &sb);
	}
	for (i = 0; i < h->frame_count; i++) {
		f = &h->frames[i];
		strbuf_printf(&sb, "frame %" PRIu32 " fn=%" PRIu32 " fixed=%d:",
		    i, f->function, (int)f->fixed);
		for (j = 0; j < f->name_count; j++)
			strbuf_printf(&sb, " %s=%" PRIu32,
			    atom_name(f->names[j].name), f->names[j].value);
		strbuf_puts(&sb, " consts:");
		for (j = 0; j < f->const_count; j++)
			strbuf_printf(&sb, " %" PRIu32, f->consts[j]);
		strbuf_putc(&sb, '\n');
	}
	strbuf_puts(&sb, "stack:");
	for (i = 0; i < h->stack_len; i++)
		strbuf_printf(&sb, " %" PRIu32, h->stack[i]);
	strbuf_putc(&sb, '\n');
	for (i = 0; i < GEN_COUNT; i++) {
		strbuf_printf(&sb, "gen %" PRIu32 " count=%" PRIu32
		    " threshold=%" PRIu32 " length=%" PRIu32 ":", i,
		    h->gens[i].count, h->gens[i].threshold, h->gens[i].length);
		for (id = h->gens[i].head; id != OBJ_NULL;
		    id = heap_object(h, id)->gc_next)
			strbuf_printf(&sb, " %" PRIu32, id);
		strbuf_putc(&sb, '\n');
	}
	strbuf_printf(&sb, "gc enabled=%d long_lived=%" PRIu32 "/%" PRIu32
	    "\n", (int)h->gc_enabled, h->long_lived_total,
	    h->long_lived_pending);
	for (i = 0; i < h->saved_table_count; i++) {
		t = &h->saved_tables[i];
		strbuf_printf(&sb, "saved %" PRIu32 " mask=%" PRIu32 " fill=%"
		    PRIu32 " used=%" PRIu32 ":", i, t->mask, t->fill, t->used);
		for (j = 0; j <= t->mask; j++) {
			if (t->entries[j].key != SETTABLE_EMPTY)
				strbuf_printf(&sb, " %" PRIu32 ":%" PRIu32, j,
				    t->entries[j].key);
		}
		strbuf_putc(&sb, '\n');
	}
	return strbuf_detach(&sb);
}
