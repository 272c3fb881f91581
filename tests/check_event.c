/*
 * check_event.c: reading an event (event_read) against applying it.
 *
 * For every event of every scenario, the heap is compared just before and
 * just after the event: the references it gains and loses must be those
 * the reading says were added and removed (each in the slot it names),
 * counts move only as count_up, count_down and born say, objects are born
 * and freed only as born and freed say, and a generation, a collector
 * mark, a frame, a setting or an iterator's cursor changes only where the
 * reading says so.
 * Reading the event before it is applied must say the same as after.
 */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "base/atom.h"
#include "base/xalloc.h"
#include "run/run.h"
#include "sim/event.h"
#include "sim/heap.h"
#include "sim/timeline.h"
#include "testlib.h"

/* One reference, held by a frame (SITE_NAME, SITE_CONST, SITE_FRAME_FUNC)
 * or by an object. */
struct ref {
	uint32_t	 site;
	uint32_t	 holder;
	uint32_t	 slot;
	objid_t		 target;
};

struct objstate {
	uint8_t		 state;
	uint8_t		 flags;
	uint8_t		 gen;
	int32_t		 refcount;
	int32_t		 gc_refs;
	int64_t		 pos;		/* an iterator's cursor */
	objid_t		 weak;		/* a weakref's referent */
};

/* What the heap is at one position, as far as readings speak of it. */
struct snap {
	struct ref	*refs;
	size_t		 len;
	size_t		 cap;
	struct objstate	*objs;
	uint32_t	 obj_count;
	uint32_t	 obj_cap;	/* objs is reused: taken at every event */
	uint32_t	 frame_count;
	uint32_t	 thresholds[GEN_COUNT];
	uint32_t	 counts[GEN_COUNT];
	bool		 gc_enabled;
	uint32_t	 long_lived_total;
	uint32_t	 long_lived_pending;
};

/* How much of each reading the scenarios exercised. */
static struct {
	uint64_t	 events, added, removed, born, freed, up, down, pushed,
			 popped, regen, gc_object, setting, output, gen_counted,
			 phase, class_released, gc_from, gc_via, gc_from_frames,
			 iter_moved, interned, weak_cleared;
} seen;

static void
snap_add(struct snap *s, uint32_t site, uint32_t holder, uint32_t slot,
    objid_t target)
{
	if (s->len == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 256;
		s->refs = xreallocarray(s->refs, s->cap, sizeof *s->refs);
	}
	s->refs[s->len++] = (struct ref){ site, holder, slot, target };
}

struct visit {
	struct snap	*s;
	objid_t		 holder;
};

static bool
visit_ref(void *ctx, const struct heap_ref *ref)
{
	struct visit *v = ctx;

	snap_add(v->s, ref->site, v->holder, ref->index, ref->target);
	return true;
}

static void
snap_take(struct snap *s, const struct heap *h)
{
	s->len = 0;
	for (uint32_t f = 0; f < h->frame_count; f++) {
		const struct frame *fr = &h->frames[f];

		for (uint32_t i = 0; i < fr->name_count; i++)
			if (fr->names[i].value != OBJ_NULL)
				snap_add(s, SITE_NAME, f, i,
				    fr->names[i].value);
		for (uint32_t i = 0; i < fr->const_count; i++)
			snap_add(s, SITE_CONST, f, i, fr->consts[i]);
		if (fr->function != OBJ_NULL)
			snap_add(s, SITE_FRAME_FUNC, f, 0, fr->function);
		if (fr->object != OBJ_NULL)
			snap_add(s, SITE_FRAME_OBJ, f, 0, fr->object);
	}
	s->obj_count = h->object_count;
	if (s->obj_cap < h->object_count + 1) {
		s->obj_cap = (h->object_count + 1) * 2;
		s->objs = xreallocarray(s->objs, s->obj_cap, sizeof *s->objs);
	}
	memset(&s->objs[0], 0, sizeof *s->objs);
	for (objid_t id = 1; id < h->object_count; id++) {
		const struct object	*o = heap_object(h, id);
		struct visit		 v = { s, id };

		s->objs[id] = (struct objstate){ o->state, o->flags, o->gen,
		    o->refcount, o->gc_refs, o->type == OBJ_ITER ||
		    o->type == OBJ_RANGE ? o->as.iter->pos : 0,
		    o->type == OBJ_ITER ? o->as.iter->weak : OBJ_NULL };
		if (o->state != OBJ_UNBORN)
			heap_visit_refs(h, id, visit_ref, &v);
	}
	s->frame_count = h->frame_count;
	for (int g = 0; g < GEN_COUNT; g++) {
		s->thresholds[g] = h->gens[g].threshold;
		s->counts[g] = h->gens[g].count;
	}
	s->gc_enabled = h->gc_enabled;
	s->long_lived_total = h->long_lived_total;
	s->long_lived_pending = h->long_lived_pending;
}

static void
snap_free(struct snap *s)
{
	xfree(s->refs);
	xfree(s->objs);
}

static const struct objstate *
state_of(const struct snap *s, objid_t id)
{
	static const struct objstate unborn = { .state = OBJ_UNBORN };

	return id < s->obj_count ? &s->objs[id] : &unborn;
}

static bool
same_ref(const struct ref *a, const struct event_ref *b)
{
	return a->site == b->site && a->holder == b->holder &&
	    a->slot == b->slot && a->target == b->target;
}

/* The index of ref r, slot and all, in s; -1 if it is not there. */
static long
find_ref(const struct snap *s, const struct event_ref *r)
{
	for (size_t i = 0; i < s->len; i++)
		if (same_ref(&s->refs[i], r))
			return (long)i;
	return -1;
}

/* Orders references without their slot: items shift when one goes in or
 * out, so only the ones named must be where the reading says. */
static int
compare_refs(const void *a, const void *b)
{
	const struct ref *x = a, *y = b;

	if (x->site != y->site)
		return x->site < y->site ? -1 : 1;
	if (x->holder != y->holder)
		return x->holder < y->holder ? -1 : 1;
	if (x->target != y->target)
		return x->target < y->target ? -1 : 1;
	return 0;
}

static bool
same_reading(const struct event_reading *a, const struct event_reading *b)
{
	if (a->subject != b->subject || a->born != b->born ||
	    a->freed != b->freed || a->by_collector != b->by_collector ||
	    a->count_up != b->count_up || a->count_by != b->count_by ||
	    a->count_down != b->count_down ||
	    a->added_count != b->added_count ||
	    a->removed_count != b->removed_count ||
	    a->reordered != b->reordered ||
	    a->frame_pushed != b->frame_pushed ||
	    a->frame_popped != b->frame_popped || a->regen != b->regen ||
	    a->regen_all != b->regen_all || a->gc_object != b->gc_object ||
	    a->gc_refs_set != b->gc_refs_set || a->gc_refs != b->gc_refs ||
	    a->rescued != b->rescued ||
	    a->unreachable != b->unreachable ||
	    a->tentative != b->tentative || a->collection != b->collection ||
	    a->generation != b->generation || a->collected != b->collected ||
	    a->uncollectable != b->uncollectable || a->phase != b->phase ||
	    a->setting != b->setting ||
	    a->setting_value != b->setting_value || a->output != b->output ||
	    a->gc_from != b->gc_from || a->gc_via != b->gc_via ||
	    a->gc_from_frames != b->gc_from_frames ||
	    a->gen_counted != b->gen_counted ||
	    a->gen_change != b->gen_change ||
	    a->phase_number != b->phase_number ||
	    a->text_at != b->text_at || a->text_len != b->text_len ||
	    a->iter_moved != b->iter_moved || a->iter_pos != b->iter_pos ||
	    a->interned != b->interned ||
	    a->weak_cleared != b->weak_cleared ||
	    a->weak_referent != b->weak_referent)
		return false;
	for (uint8_t i = 0; i < a->added_count; i++) {
		struct ref x = { a->added[i].site, a->added[i].holder,
		    a->added[i].slot, a->added[i].target };

		if (!same_ref(&x, &b->added[i]))
			return false;
	}
	for (uint8_t i = 0; i < a->removed_count; i++) {
		struct ref x = { a->removed[i].site, a->removed[i].holder,
		    a->removed[i].slot, a->removed[i].target };

		if (!same_ref(&x, &b->removed[i]))
			return false;
	}
	return true;
}

/* The references: before, less what was removed (each found in its
 * slot), plus what was added (each found in its slot after), is after. */
static void
snap_copy_refs(struct snap *to, const struct snap *from)
{
	for (size_t i = 0; i < from->len; i++)
		snap_add(to, from->refs[i].site, from->refs[i].holder,
		    from->refs[i].slot, from->refs[i].target);
}

static void
check_refs(const char *where, const struct snap *before,
    const struct snap *after, const struct event_reading *r)
{
	struct snap expect = { 0 }, got = { 0 };

	snap_copy_refs(&expect, before);
	snap_copy_refs(&got, after);
	for (uint8_t i = 0; i < r->removed_count; i++) {
		long at = find_ref(&expect, &r->removed[i]);

		ck_assert_msg(at >= 0, "%s: removed ref %u of site %u "
		    "holder %u slot %u target %u was not there", where, i,
		    r->removed[i].site, r->removed[i].holder,
		    r->removed[i].slot, r->removed[i].target);
		expect.refs[at] = expect.refs[--expect.len];
	}
	for (uint8_t i = 0; i < r->added_count; i++) {
		struct event_ref anywhere = r->added[i];

		/* a resize moved the key from the slot it went to */
		if (r->reordered && find_ref(after, &anywhere) < 0) {
			for (size_t k = 0; k < after->len; k++)
				if (after->refs[k].site == anywhere.site &&
				    after->refs[k].holder == anywhere.holder &&
				    after->refs[k].target == anywhere.target)
					anywhere.slot = after->refs[k].slot;
		}
		ck_assert_msg(find_ref(after, &anywhere) >= 0,
		    "%s: added ref %u of site %u holder %u slot %u target "
		    "%u is not there", where, i, r->added[i].site,
		    r->added[i].holder, r->added[i].slot,
		    r->added[i].target);
		snap_add(&expect, r->added[i].site, r->added[i].holder,
		    r->added[i].slot, r->added[i].target);
	}
	ck_assert_msg(expect.len == got.len, "%s: %zu references expected, "
	    "%zu there", where, expect.len, got.len);
	if (expect.len > 0) {	/* an empty snapshot has no array */
		qsort(expect.refs, expect.len, sizeof *expect.refs,
		    compare_refs);
		qsort(got.refs, got.len, sizeof *got.refs, compare_refs);
	}
	for (size_t i = 0; i < expect.len; i++)
		ck_assert_msg(compare_refs(&expect.refs[i], &got.refs[i]) == 0,
		    "%s: a reference of holder %u changed unsaid", where,
		    got.refs[i].holder);
	snap_free(&expect);
	snap_free(&got);
}

/* Counts, lives, generations, collector marks and cursors of every
 * object.  What is checked of every object at every event fails with
 * ck_abort_msg rather than being a ck_assert: Check writes down where
 * each assertion is, and these are millions. */
static void
check_objects(const char *where, const struct snap *before,
    const struct snap *after, const struct event_reading *r)
{
	uint32_t n = after->obj_count > before->obj_count ?
	    after->obj_count : before->obj_count;

	for (objid_t id = 1; id < n; id++) {
		const struct objstate	*b = state_of(before, id);
		const struct objstate	*a = state_of(after, id);
		int32_t			 moved = (r->count_up == id ?
		    r->count_by : 0) -
		    (r->count_down == id);

		if (id == r->born) {
			ck_assert_msg(b->state == OBJ_UNBORN &&
			    a->state == OBJ_ALIVE && a->refcount > 0,
			    "%s: #%u was not born", where, id);
			continue;
		}
		if (id == r->freed)
			ck_assert_msg(b->state == OBJ_ALIVE &&
			    a->state == OBJ_FREED, "%s: #%u was not freed",
			    where, id);
		else if (a->state != b->state)
			ck_abort_msg("%s: #%u changed state unsaid", where, id);
		/* a new object's holds come with their counts */
		for (uint8_t i = 0; r->born != OBJ_NULL && i < r->added_count;
		    i++)
			moved += r->added[i].target == id;
		if (a->refcount - b->refcount != moved)
			ck_abort_msg("%s: #%u's count went from %d to %d, the "
			    "reading says %+d", where, id, b->refcount,
			    a->refcount, moved);
		/* only sys.intern makes an object shared after its birth */
		if ((a->flags & OBJF_CACHED) != (b->flags & OBJF_CACHED)) {
			if (r->interned != id || !(a->flags & OBJF_CACHED))
				ck_abort_msg("%s: #%u's sharing changed unsaid",
				    where, id);
		} else if (r->interned == id)
			ck_abort_msg("%s: #%u was said to be interned", where,
			    id);
		if ((a->flags & OBJF_TRACKED) != (b->flags & OBJF_TRACKED) ||
		    ((a->flags & OBJF_TRACKED) && a->gen != b->gen))
			ck_assert_msg(r->regen == id || r->regen_all,
			    "%s: #%u's generation changed unsaid", where, id);
		if ((a->flags & (OBJF_REACHABLE | OBJF_UNREACHABLE)) !=
		    (b->flags & (OBJF_REACHABLE | OBJF_UNREACHABLE)) ||
		    a->gc_refs != b->gc_refs)
			ck_assert_msg(r->gc_object == id,
			    "%s: #%u's collector marks changed unsaid", where,
			    id);
		if (r->gc_object == id && r->gc_refs_set)
			ck_assert_int_eq(a->gc_refs, r->gc_refs);
		if (r->gc_object == id && r->rescued)
			ck_assert(a->gc_refs == 1 &&
			    (a->flags & OBJF_REACHABLE));
		if (r->gc_object == id && r->unreachable)
			ck_assert(a->flags & OBJF_UNREACHABLE);
		if (r->weak_cleared == id || a->weak != b->weak)
			ck_assert_msg(r->weak_cleared == id &&
			    b->weak == r->weak_referent && a->weak == OBJ_NULL,
			    "%s: #%u's weak referent went from #%u to #%u, "
			    "the reading says %s", where, id, b->weak, a->weak,
			    r->weak_cleared == id ? "so" : "nothing");
		if (r->iter_moved == id || a->pos != b->pos)
			ck_assert_msg(r->iter_moved == id &&
			    a->pos == r->iter_pos, "%s: #%u's cursor went "
			    "from %lld to %lld, the reading says %s", where, id,
			    (long long)b->pos, (long long)a->pos,
			    r->iter_moved == id ? "so" : "nothing");
	}
}

static void
check_rest(const char *where, const struct snap *before,
    const struct snap *after, const struct event_reading *r)
{
	uint32_t frames = before->frame_count;

	if (r->frame_pushed != EVENT_NO_FRAME) {
		ck_assert_uint_eq(r->frame_pushed, frames);
		frames++;
	}
	if (r->frame_popped != EVENT_NO_FRAME) {
		frames--;
		ck_assert_uint_eq(r->frame_popped, frames);
	}
	ck_assert_msg(after->frame_count == frames, "%s: %u frames, the "
	    "reading says %u", where, after->frame_count, frames);
	for (int g = 0; g < GEN_COUNT; g++)
		if (after->thresholds[g] != before->thresholds[g]) {
			ck_assert_msg(r->setting == GC_SETTING_THRESHOLD0 +
			    (uint32_t)g, "%s: threshold %d changed unsaid",
			    where, g);
			ck_assert_uint_eq(r->setting_value,
			    after->thresholds[g]);
		}
	for (uint32_t g = 0; g < GEN_COUNT; g++) {
		int64_t change = (int64_t)after->counts[g] - before->counts[g];

		ck_assert_msg(change == (r->gen_counted == g ? r->gen_change :
		    0), "%s: generation %u's count changed by %lld, the "
		    "reading says %d", where, g, (long long)change,
		    r->gen_counted == g ? r->gen_change : 0);
	}
	if (after->gc_enabled != before->gc_enabled)
		ck_assert(r->setting == GC_SETTING_ENABLED &&
		    (r->setting_value != 0) == after->gc_enabled);
	if (after->long_lived_total != before->long_lived_total)
		ck_assert(r->setting == GC_SETTING_LONG_LIVED_TOTAL &&
		    r->setting_value == after->long_lived_total);
	if (after->long_lived_pending != before->long_lived_pending)
		ck_assert(r->setting == GC_SETTING_LONG_LIVED_PENDING &&
		    r->setting_value == after->long_lived_pending);
}

/* Whether s holds a reference to target from holder (an object, or with
 * in_frame any frame) at slot (any with EVENT_ANY_SLOT). */
static bool
holds(const struct snap *s, bool in_frame, objid_t holder, uint32_t slot,
    objid_t target)
{
	for (size_t i = 0; i < s->len; i++) {
		const struct ref	*x = &s->refs[i];
		struct event_ref	 e = { (uint8_t)x->site, x->holder,
					    x->slot, x->target };

		if (event_ref_in_frame(&e) != in_frame || x->target != target ||
		    (!in_frame && x->holder != holder) ||
		    (in_frame && x->site != SITE_NAME) ||
		    (slot != EVENT_ANY_SLOT && x->slot != slot))
			continue;
		return true;
	}
	return false;
}

/* The collector's step: what it follows a reference from holds that
 * reference (in the slot named); an object is visited itself only when
 * its count is copied or it is found tentatively unreachable.  And the
 * parts of the reading on their own say what the reading says. */
static void
check_parts(const char *where, const struct event *ev,
    const struct snap *after, const struct event_reading *r)
{
	objid_t	 instance = OBJ_NULL, cls = event_class_released(ev,
		    &instance);
	bool	 released = false;

	if (r->gc_from_frames)
		ck_assert_msg(r->gc_from == OBJ_NULL && holds(after, true,
		    0, r->gc_via, r->gc_object), "%s: no frame's binding %u "
		    "holds #%u", where, r->gc_via, r->gc_object);
	else if (r->gc_from == r->gc_object && r->gc_from != OBJ_NULL)
		ck_assert_msg(r->tentative || r->gc_refs_set,
		    "%s: #%u visited itself", where, r->gc_object);
	else if (r->gc_from != OBJ_NULL)
		ck_assert_msg(holds(after, false, r->gc_from, r->gc_via,
		    r->gc_object), "%s: #%u holds no reference to #%u in "
		    "slot %u", where, r->gc_from, r->gc_object, r->gc_via);
	else
		ck_assert_uint_eq(r->gc_via, EVENT_ANY_SLOT);
	ck_assert_uint_eq(event_phase(ev), r->phase_number);
	ck_assert((r->phase_number != EVENT_NO_PHASE) ==
	    (r->collection == EVENT_COLLECTION_PHASE));
	if (r->phase_number != EVENT_NO_PHASE)
		ck_assert_str_eq(gc_phase_name(r->phase_number), r->phase);
	for (uint8_t k = 0; k < r->removed_count; k++)
		if (r->removed[k].site == SITE_CLASS) {
			ck_assert_uint_eq(cls, r->removed[k].target);
			ck_assert_uint_eq(instance, r->removed[k].holder);
			released = true;
		}
	ck_assert_msg(released == (cls != OBJ_NULL), "%s: a class released "
	    "unsaid", where);
}

static void
tally(const struct event_reading *r)
{
	seen.events++;
	seen.added += r->added_count;
	seen.removed += r->removed_count;
	seen.born += r->born != OBJ_NULL;
	seen.freed += r->freed != OBJ_NULL;
	seen.up += r->count_up != OBJ_NULL;
	seen.down += r->count_down != OBJ_NULL;
	seen.pushed += r->frame_pushed != EVENT_NO_FRAME;
	seen.popped += r->frame_popped != EVENT_NO_FRAME;
	seen.regen += r->regen != OBJ_NULL;
	seen.gc_object += r->gc_object != OBJ_NULL;
	seen.setting += r->setting != EVENT_NO_SETTING;
	seen.output += r->output;
	seen.gen_counted += r->gen_counted != EVENT_NO_GEN;
	seen.phase += r->phase_number != EVENT_NO_PHASE;
	seen.class_released += r->removed_count > 0 &&
	    r->removed[0].site == SITE_CLASS;
	seen.gc_from += r->gc_from != OBJ_NULL &&
	    r->gc_from != r->gc_object;
	seen.gc_via += r->gc_via != EVENT_ANY_SLOT && !r->gc_from_frames;
	seen.gc_from_frames += r->gc_from_frames;
	seen.iter_moved += r->iter_moved != OBJ_NULL;
	seen.interned += r->interned != OBJ_NULL;
	seen.weak_cleared += r->weak_cleared != OBJ_NULL;
}

/* Replays the scenario one event at a time, each checked. */
static void
check_scenario(const char *path, const char *yaml)
{
	struct run		 run;
	struct snap		 a = { 0 }, b = { 0 }, tmp;
	struct event_reading	 ahead, r;
	char			 where[512];
	uint64_t		 end;

	memset(&run, 0, sizeof run);
	if (run_load_text(&run, path, yaml, strlen(yaml)) == 0)
		(void)run_execute(&run, true, NULL, NULL, NULL);
	if (run.heap == NULL) {
		run_free(&run);
		atom_reset();
		return;
	}
	end = run.heap->position;
	timeline_seek(run.timeline, run.heap, 0);
	snap_take(&b, run.heap);
	for (uint64_t p = 0; p < end; p++) {
		const struct event *ev = &run.timeline->events[p];

		snprintf(where, sizeof where, "%s: event %llu (%s)", path,
		    (unsigned long long)p + 1, event_kind_name(ev->kind));
		event_read(run.heap, ev, &ahead);
		timeline_seek(run.timeline, run.heap, p + 1);
		event_read(run.heap, ev, &r);
		ck_assert_msg(same_reading(&ahead, &r),
		    "%s: read differently before and after", where);
		snap_take(&a, run.heap);
		check_objects(where, &b, &a, &r);
		check_rest(where, &b, &a, &r);
		check_refs(where, &b, &a, &r);
		check_parts(where, ev, &a, &r);
		tally(&r);
		tmp = b;
		b = a;
		a = tmp;
	}
	snap_free(&a);
	snap_free(&b);
	run_free(&run);
	atom_reset();
}

START_TEST(test_reading_agrees_with_applying_on_every_scenario)
{
	ck_assert_uint_gt(testlib_each_scenario(check_scenario), 100);
	/* the scenarios exercise every part of the reading: asserted on
	 * the whole corpus (a sample may miss the rarer parts) */
	if (testlib_sample() > 1)
		return;
	ck_assert_uint_gt(seen.events, 10000);
	ck_assert_uint_gt(seen.added, 1000);
	ck_assert_uint_gt(seen.removed, 1000);
	ck_assert_uint_gt(seen.born, 100);
	ck_assert_uint_gt(seen.freed, 100);
	ck_assert_uint_gt(seen.up, 100);
	ck_assert_uint_gt(seen.down, 100);
	ck_assert_uint_gt(seen.pushed, 10);
	ck_assert_uint_gt(seen.popped, 10);
	ck_assert_uint_gt(seen.regen, 100);
	ck_assert_uint_gt(seen.gc_object, 100);
	ck_assert_uint_gt(seen.setting, 10);
	ck_assert_uint_gt(seen.output, 10);
	ck_assert_uint_gt(seen.gen_counted, 100);
	ck_assert_uint_gt(seen.phase, 10);
	ck_assert_uint_gt(seen.class_released, 10);
	ck_assert_uint_gt(seen.gc_from, 100);
	ck_assert_uint_gt(seen.gc_via, 5);
	ck_assert_uint_gt(seen.gc_from_frames, 5);
	ck_assert_uint_gt(seen.iter_moved, 50);
	ck_assert_uint_gt(seen.interned, 2);
	ck_assert_uint_gt(seen.weak_cleared, 5);
}
END_TEST

/* The same on CPython 3.14, whose rules differ most from 3.11's (immortal
 * objects, tracking from birth, untracking at creation, survivors of a
 * young collection to the old generation): its events must read as they
 * apply too. */
START_TEST(test_reading_agrees_with_applying_on_3_14)
{
	run_force_python(true, PY_3_14);
	ck_assert_uint_gt(testlib_each_scenario(check_scenario), 100);
	run_force_python(false, PY_VERSION_DEFAULT);
}
END_TEST

static Suite *
event_suite(void)
{
	Suite *s = suite_create("event");
	TCase *tc;

	tc = tcase_create("reading");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_reading_agrees_with_applying_on_every_scenario);
	tcase_add_test(tc, test_reading_agrees_with_applying_on_3_14);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return testlib_run_suite(event_suite());
}
