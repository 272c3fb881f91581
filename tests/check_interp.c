/*
 * check_interp.c: the simulator end to end -- scenarios in, heap and
 * timeline out.  The heap invariant is checked after every event of every
 * run here, and seeking is checked against forward replay.
 */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "base/atom.h"
#include "base/diag.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "lang/program.h"
#include "run/run.h"
#include "sim/heap.h"
#include "sim/interp.h"
#include "sim/timeline.h"
#include "testlib.h"

/* A run and what the invariant check found in it. */
struct trial {
	struct run	 run;
	int		 rc;
	char		*violation;	/* first invariant violation */
	uint64_t	 checked;
};

static void
check_invariant(void *ctx, const struct heap *h, const struct timeline *t,
    const struct event *ev)
{
	struct trial	*r = ctx;
	char		*why = NULL;

	(void)t;
	(void)ev;
	r->checked++;
	if (r->violation == NULL && !heap_check(h, &why))
		r->violation = xasprintf("after event %llu (%s): %s",
		    (unsigned long long)h->position,
		    event_kind_name(ev->kind), why);
	xfree(why);
}

/* Sets the check after every event. */
static void
attach_check(void *ctx, struct timeline *t, struct interp_hooks *hooks)
{
	(void)hooks;
	t->on_event = check_invariant;
	t->ctx = ctx;
}

/* Loads and runs YAML text; every event is followed by heap_check
 * unless the run is too big for that (then only the end is checked). */
static void
run_named_checked(struct trial *r, const char *name, const char *yaml,
    bool retain, bool each)
{
	memset(r, 0, sizeof *r);
	r->rc = run_load_text(&r->run, name, yaml, strlen(yaml));
	if (r->rc != 0)
		return;
	r->rc = run_execute(&r->run, retain, NULL, each ? attach_check : NULL,
	    r);
	if (!each) {
		char *why = NULL;

		if (!heap_check(r->run.heap, &why))
			r->violation = xasprintf("at the end: %s", why);
		xfree(why);
	}
}

static void
run_text_checked(struct trial *r, const char *yaml, bool retain, bool each)
{
	run_named_checked(r, "test.yaml", yaml, retain, each);
}

static void
run_text(struct trial *r, const char *yaml, bool retain)
{
	run_text_checked(r, yaml, retain, true);
}

static void
trial_free(struct trial *r)
{
	run_free(&r->run);
	xfree(r->violation);
	atom_reset();
}

static objid_t
name_value(const struct trial *r, const char *name)
{
	uint32_t	index;
	objid_t		value;

	if (!heap_lookup_name(r->run.heap, 0, atom_from(name), &index, &value))
		return OBJ_NULL;
	return value;
}

static int32_t
refcount_of(const struct trial *r, const char *name)
{
	objid_t id = name_value(r, name);

	ck_assert_msg(id != OBJ_NULL, "%s is not bound", name);
	return heap_object(r->run.heap, id)->refcount;
}

#define HEADER "refscope: 1\ntitle: t\n"

static void
assert_clean(const struct trial *r)
{
	ck_assert_msg(r->violation == NULL, "invariant: %s", r->violation);
	if (r->rc != 0)
		ck_abort_msg("run failed: %s", r->run.errors ?
		    r->run.errors->message : "(no message)");
}

/* ---- the heap model ---- */

START_TEST(test_literals_are_step_constants)
{
	struct trial r;

	run_text(&r, HEADER "steps:\n"
	    "  - do: x = 1000\n"
	    "  - do: y = 1000\n"
	    "  - do: z = [1000, 1000]\n"
	    "  - do: w = x\n", false);
	assert_clean(&r);
	/* one object per equal literal in a step; two steps, two objects */
	ck_assert_uint_ne(name_value(&r, "x"), name_value(&r, "y"));
	ck_assert_int_eq(refcount_of(&r, "x"), 2);
	ck_assert_int_eq(refcount_of(&r, "y"), 1);
	{
		objid_t z = name_value(&r, "z");
		const struct pyseq *items = heap_object(r.run.heap, z)->as.seq;

		ck_assert_uint_eq(items->len, 2);
		ck_assert_uint_eq(items->items[0], items->items[1]);
		ck_assert_int_eq(heap_object(r.run.heap,
		    items->items[0])->refcount, 2);
	}
	trial_free(&r);
}
END_TEST

START_TEST(test_small_ints_and_interning_are_shared)
{
	struct trial r;

	run_text(&r, HEADER "steps:\n"
	    "  - do: a = 200\n"
	    "  - do: b = 200\n"
	    "  - do: s = 'hello'\n"
	    "  - do: t = 'hello'\n"
	    "  - do: u = 'hello world'\n"
	    "  - do: v = 'hello world'\n"
	    "  - do: c = 500 + 500\n", false);
	assert_clean(&r);
	ck_assert_uint_eq(name_value(&r, "a"), name_value(&r, "b"));
	ck_assert_uint_eq(name_value(&r, "s"), name_value(&r, "t"));
	ck_assert_uint_ne(name_value(&r, "u"), name_value(&r, "v"));
	ck_assert(heap_object(r.run.heap, name_value(&r, "a"))->flags &
	    OBJF_CACHED);
	ck_assert_int_eq(heap_object(r.run.heap, name_value(&r, "c"))->as.i,
	    1000);
	ck_assert_int_eq(refcount_of(&r, "c"), 1);
	trial_free(&r);
}
END_TEST

START_TEST(test_function_constants_live_with_the_function)
{
	struct trial r;

	run_text(&r, HEADER
	    "functions:\n"
	    "  - name: make\n"
	    "    params: []\n"
	    "    body:\n"
	    "      - do: return [1000]\n"
	    "steps:\n"
	    "  - do: a = make()\n"
	    "  - do: b = make()\n", false);
	assert_clean(&r);
	{
		objid_t a = name_value(&r, "a"), b = name_value(&r, "b");
		objid_t ia = heap_object(r.run.heap, a)->as.seq->items[0];
		objid_t ib = heap_object(r.run.heap, b)->as.seq->items[0];

		ck_assert_uint_ne(a, b);
		ck_assert_uint_eq(ia, ib);
		/* the function's code, a[0], b[0] */
		ck_assert_int_eq(heap_object(r.run.heap, ia)->refcount, 3);
	}
	trial_free(&r);
}
END_TEST

START_TEST(test_getrefcount_counts_its_argument)
{
	struct trial r;

	run_text(&r, HEADER "steps:\n"
	    "  - do: x = [1, 2]\n"
	    "  - do: y = x\n"
	    "  - do: n = sys.getrefcount(x)\n"
	    "  - do: pair = [x, sys.getrefcount(x)]\n", false);
	assert_clean(&r);
	ck_assert_int_eq(heap_object(r.run.heap, name_value(&r, "n"))->as.i, 3);
	/* x is on the stack for the list while getrefcount runs */
	ck_assert_int_eq(heap_object(r.run.heap, heap_object(r.run.heap,
	    name_value(&r, "pair"))->as.seq->items[1])->as.i, 4);
	trial_free(&r);
}
END_TEST

START_TEST(test_cascade_frees_in_cpython_order)
{
	struct trial r;

	run_text(&r, HEADER "steps:\n"
	    "  - do: x = [[1000], [2000]]\n"
	    "  - do: del x\n", false);
	assert_clean(&r);
	/* the outer list, then its items last to first, each with its int */
	ck_assert_uint_eq(r.run.heap->live_uncached, 0);
	trial_free(&r);
}
END_TEST

START_TEST(test_long_chain_frees_without_recursion)
{
	struct trial r;

	run_text_checked(&r, HEADER "steps:\n"
	    "  - do: l = []\n"
	    "  - do: l = [l]\n"
	    "    repeat: 100000\n"
	    "  - do: del l\n"
	    "    expect:\n"
	    "      - freed == 100001\n"
	    "      - heap == 1\n", false, false);
	assert_clean(&r);
	ck_assert_uint_eq(r.run.result.expects_failed, 0);
	ck_assert_uint_eq(r.run.heap->live_uncached, 1);	/* i */
	trial_free(&r);
}
END_TEST

START_TEST(test_cycle_survives_until_collected)
{
	struct trial r;

	run_text(&r, HEADER "classes:\n  - name: Node\nsteps:\n"
	    "  - do: a = Node()\n"
	    "  - do: b = Node()\n"
	    "  - do: a.other = b\n"
	    "  - do: b.other = a\n"
	    "  - do: del a, b\n"
	    "    expect:\n"
	    "      - heap == 3\n"
	    "  - do: n = gc.collect()\n"
	    "    expect:\n"
	    "      - collected == 2\n"
	    "      - heap == 1\n", false);
	assert_clean(&r);
	ck_assert_uint_eq(r.run.result.expects_failed, 0);
	ck_assert_int_eq(heap_object(r.run.heap, name_value(&r, "n"))->as.i, 2);
	trial_free(&r);
}
END_TEST

/* The viewer's g: an extra step after the chosen module step, holding a
 * full collection that frees the cycle, with no statement of its own. */
START_TEST(test_extra_collection_after_a_step)
{
	struct trial		 r;
	struct interp_hooks	 hooks = { .extra_collection = true,
				     .collect_after = 2 };
	const char		*yaml = HEADER "steps:\n"
	    "  - do: a = []\n  - do: a.append(a)\n  - do: del a\n"
	    "  - do: b = 1\n";
	uint32_t		 extra = UINT32_MAX, frees = 0;

	memset(&r, 0, sizeof r);
	ck_assert_int_eq(run_load_text(&r.run, "test.yaml", yaml,
	    strlen(yaml)), 0);
	ck_assert_int_eq(run_execute(&r.run, true, &hooks, NULL, NULL), 0);
	/* set-up, three steps, the collection, the last step */
	ck_assert_uint_eq(r.run.timeline->step_count, 6);
	for (uint32_t k = 1; k < r.run.timeline->step_count; k++)
		if (r.run.timeline->steps[k].source == UINT32_MAX)
			extra = k;
	ck_assert_uint_eq(extra, 4);
	ck_assert_uint_eq(r.run.timeline->steps[5].source, 3);
	for (uint64_t i = r.run.timeline->steps[extra].first_event;
	    i < r.run.timeline->steps[extra].end_event; i++) {
		const struct event *ev = &r.run.timeline->events[i];

		if (ev->kind == EV_FREE) {
			ck_assert_int_eq(ev->reason, REASON_COLLECTOR);
			frees++;
		}
		if (ev->kind == EV_GC_END)
			ck_assert_uint_eq(ev->index, 1);	/* collected */
	}
	ck_assert_uint_eq(frees, 1);
	trial_free(&r);
}
END_TEST

/* ---- expect: ---- */

START_TEST(test_expect_failure_is_located_with_the_value)
{
	struct trial r;

	run_text(&r, HEADER "steps:\n"
	    "  - do: x = [1]\n"
	    "    expect:\n"
	    "      - refcount(x) == 1\n"
	    "      - refcount(x) == 5\n", false);
	ck_assert_int_eq(r.rc, 0);
	ck_assert_uint_eq(r.run.result.expects_checked, 2);
	ck_assert_uint_eq(r.run.result.expects_failed, 1);
	ck_assert_ptr_nonnull(r.run.errors);
	ck_assert_int_eq(r.run.errors->status, DIAG_EXPECT_FAILED);
	ck_assert_uint_eq(r.run.errors->pos.line, 7);
	ck_assert_uint_eq(r.run.errors->pos.col, 9);
	ck_assert_ptr_nonnull(strstr(r.run.errors->message,
	    "refcount(x) is 1"));
	trial_free(&r);
}
END_TEST

/* ---- exceptions ---- */

static const struct {
	const char	*code;
	const char	*message;	/* a part of it */
	uint32_t	 col;
} raising[] = {
	{ "x = y", "NameError: name 'y' is not defined", 13 },
	{ "x = [1][5]", "IndexError: list index out of range", 13 },
	{ "x = {}['k']", "KeyError: 'k'", 13 },
	{ "x = 1 + 'a'", "TypeError: unsupported operand type(s) for +: 'int' "
	    "and 'str'", 13 },
	{ "x = 'a' + 1", "TypeError: can only concatenate str (not \"int\") "
	    "to str", 13 },
	{ "x = 1 // 0", "ZeroDivisionError: integer division or modulo by "
	    "zero", 13 },
	{ "x = (1).nothing", "AttributeError: 'int' object has no attribute "
	    "'nothing'", 17 },
	{ "\"x = {[1]: 2}\"", "TypeError: unhashable type: 'list'", 15 },
	{ "x, y = [1, 2, 3]", "ValueError: too many values to unpack", 9 },
};

START_TEST(test_raising_statement_is_located)
{
	struct trial	 r;
	char		*yaml = xasprintf(HEADER "steps:\n  - do: %s\n",
	    raising[_i].code);

	run_text(&r, yaml, false);
	ck_assert_int_eq(r.rc, -1);
	ck_assert_ptr_nonnull(r.run.errors);
	ck_assert_int_eq(r.run.errors->status, DIAG_MALFORMED);
	ck_assert_msg(strstr(r.run.errors->message, raising[_i].message) !=
	    NULL, "%s: got '%s'", raising[_i].code, r.run.errors->message);
	ck_assert_uint_eq(r.run.errors->pos.line, 4);
	ck_assert_msg(r.run.errors->pos.col == raising[_i].col, "%s: col %u",
	    raising[_i].code, r.run.errors->pos.col);
	ck_assert_msg(r.violation == NULL, "invariant: %s", r.violation);
	xfree(yaml);
	trial_free(&r);
}
END_TEST

START_TEST(test_recursion_limit_is_recursion_error)
{
	struct trial r;

	run_text(&r, HEADER "functions:\n"
	    "  - name: f\n    params: []\n    body:\n      - do: return f()\n"
	    "steps:\n  - do: f()\n", false);
	ck_assert_int_eq(r.rc, -1);
	ck_assert_ptr_nonnull(strstr(r.run.errors->message, "RecursionError"));
	trial_free(&r);
}
END_TEST

/*
 * A list of a million items is built (in well under a second: each item
 * is taken from the bottom of the stack), and one more item, by + as by *,
 * is over the limit: a located error, not minutes of work.
 */
START_TEST(test_sequence_item_limit)
{
	static const char *const over[] = {
		"l = l + [1]", "l = [1] + l", "l = l * 2", "t = (0,) + t",
	};
	struct trial	 r;
	char		*yaml = xasprintf(HEADER "steps:\n"
	    "  - do: l = [0] * 1000000\n  - do: t = (1,) * 1000000\n"
	    "  - do: %s\n", over[_i]);

	run_text_checked(&r, yaml, false, false);
	ck_assert_int_eq(r.rc, -1);
	ck_assert_ptr_nonnull(r.run.errors);
	ck_assert_int_eq(r.run.errors->status, DIAG_MALFORMED);
	ck_assert_msg(strstr(r.run.errors->message,
	    "more than 1000000 items") != NULL, "%s: got '%s'", over[_i],
	    r.run.errors->message);
	ck_assert_uint_eq(r.run.errors->pos.line, 6);
	ck_assert_uint_eq(r.run.errors->pos.col, 13);
	ck_assert_msg(r.violation == NULL, "invariant: %s", r.violation);
	ck_assert_int_eq(heap_len(r.run.heap, name_value(&r, "l")), 1000000);
	xfree(yaml);
	trial_free(&r);
}
END_TEST

/*
 * A hundred thousand collections, each after a new int object: a
 * collection costs what it looks at, not every id the run ever made (this
 * took minutes when each one swept or indexed every id).
 */
START_TEST(test_collections_cost_what_they_collect)
{
	static const char *const models[] = { "cpython", "textbook" };
	struct trial	 r;
	char		*yaml = xasprintf(HEADER "settings:\n  gc: %s\n"
	    "steps:\n  - do: l = [1]\n  - do: l.append(l)\n"
	    "  - do: x = 1000 + i\n    repeat: 100000\n"
	    "  - do: gc.collect()\n    repeat: 100000\n", models[_i]);

	run_text_checked(&r, yaml, false, false);
	assert_clean(&r);
	ck_assert_uint_eq(r.run.result.steps_run, 200002);
	xfree(yaml);
	trial_free(&r);
}
END_TEST

/* ---- the timeline ---- */

/* Seeks to random positions, in random order, and compares each state
 * with the one forward replay produced there. */
static void
check_seeking(const char *name, const char *yaml)
{
	struct trial	 r;
	uint64_t	 end;
	enum { SAMPLES = 24 };
	uint64_t	 at[SAMPLES];
	char		*fingerprint[SAMPLES];

	/* by its name: a .py file is read as Python */
	run_named_checked(&r, name, yaml, true, true);
	ck_assert_msg(r.violation == NULL, "%s: invariant: %s", name,
	    r.violation);
	if (r.run.heap == NULL) {
		trial_free(&r);
		return;
	}
	end = r.run.heap->position;
	r.run.timeline->on_event = NULL;
	srand(7);
	for (int i = 0; i < SAMPLES; i++)
		at[i] = end ? (uint64_t)rand() % (end + 1) : 0;
	at[0] = 0;
	at[1] = end;
	/* forward replay from the very beginning */
	timeline_seek(r.run.timeline, r.run.heap, 0);
	for (uint64_t p = 0; p <= end; p++) {
		for (int i = 0; i < SAMPLES; i++)
			if (at[i] == p)
				fingerprint[i] = heap_fingerprint(r.run.heap);
		if (p < end)
			timeline_seek(r.run.timeline, r.run.heap, p + 1);
	}
	for (int k = 0; k < 3 * SAMPLES; k++) {
		int	 i = rand() % SAMPLES;
		char	*seen;

		timeline_seek(r.run.timeline, r.run.heap, at[i]);
		seen = heap_fingerprint(r.run.heap);
		ck_assert_msg(strcmp(seen, fingerprint[i]) == 0,
		    "%s: seeking to %llu differs from forward replay", name,
		    (unsigned long long)at[i]);
		xfree(seen);
	}
	for (int i = 0; i < SAMPLES; i++)
		xfree(fingerprint[i]);
	trial_free(&r);
}

START_TEST(test_seek_equals_replay_on_every_scenario)
{
	ck_assert_uint_gt(testlib_each_scenario(check_seeking), 100);
}
END_TEST

/* The invariants and seeking on CPython 3.14's rules too (sim/version.c:
 * the most different from 3.11's). */
START_TEST(test_seek_equals_replay_on_3_14)
{
	run_force_python(true, PY_3_14);
	ck_assert_uint_gt(testlib_each_scenario(check_seeking), 100);
	run_force_python(false, PY_VERSION_DEFAULT);
}
END_TEST

static Suite *
interp_suite(void)
{
	Suite *s = suite_create("interp");
	TCase *tc;

	tc = tcase_create("heap model");
	tcase_add_test(tc, test_literals_are_step_constants);
	tcase_add_test(tc, test_small_ints_and_interning_are_shared);
	tcase_add_test(tc, test_function_constants_live_with_the_function);
	tcase_add_test(tc, test_getrefcount_counts_its_argument);
	tcase_add_test(tc, test_cascade_frees_in_cpython_order);
	tcase_add_test(tc, test_cycle_survives_until_collected);
	tcase_add_test(tc, test_extra_collection_after_a_step);
	suite_add_tcase(s, tc);

	tc = tcase_create("deep structures");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_long_chain_frees_without_recursion);
	suite_add_tcase(s, tc);

	tc = tcase_create("expect");
	tcase_add_test(tc, test_expect_failure_is_located_with_the_value);
	suite_add_tcase(s, tc);

	tc = tcase_create("exceptions");
	tcase_add_loop_test(tc, test_raising_statement_is_located, 0,
	    sizeof raising / sizeof *raising);
	tcase_add_test(tc, test_recursion_limit_is_recursion_error);
	tcase_add_loop_test(tc, test_sequence_item_limit, 0, 4);
	suite_add_tcase(s, tc);

	tc = tcase_create("collector");
	tcase_add_loop_test(tc, test_collections_cost_what_they_collect, 0, 2);
	suite_add_tcase(s, tc);

	tc = tcase_create("timeline");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_seek_equals_replay_on_every_scenario);
	tcase_add_test(tc, test_seek_equals_replay_on_3_14);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return testlib_run_suite(interp_suite());
}
