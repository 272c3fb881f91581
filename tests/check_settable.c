/*
 * check_settable.c: CPython 3.11's set table.  Each case replays a sequence
 * of set.add / set.discard on ints, floats and strs and compares the
 * iteration order with python3's list(s) for the same sequence, recorded
 * with PYTHONHASHSEED=0 by tests/data/pyhash/generate.py.  Along the way
 * every operation is undone and the table compared with its state before,
 * byte for byte, then redone.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <check.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "py/pyhash.h"
#include "py/settable.h"

/* A Python value: 'i' int, 'f' float or 's' str. */
struct set_value {
	char		 type;
	int64_t		 i;
	double		 f;
	const char	*s;
};

struct set_op {
	char		 op;		/* 'a' add, 'd' discard */
	struct set_value v;
};

struct set_case {
	const char		*name;
	const struct set_op	*ops;
	size_t			 nops;
	const struct set_value	*order;	/* list(s) at the end */
	size_t			 norder;
};

#include "data/pyhash/settable_cases.inc"

#define NELEM(a)	(sizeof (a) / sizeof (a)[0])

/* The test's heap: object id n is values[n - 1] (0 is SETTABLE_EMPTY). */
struct store {
	const struct set_value **values;
	size_t			 len, cap;
};

static uint32_t
store_add(struct store *st, const struct set_value *v)
{
	if (st->len == st->cap) {
		st->cap = st->cap ? st->cap * 2 : 64;
		st->values = xreallocarray(st->values, st->cap,
		    sizeof *st->values);
	}
	st->values[st->len++] = v;
	return (uint32_t)st->len;
}

static const struct set_value *
store_get(const struct store *st, uint32_t id)
{
	ck_assert_uint_ge(id, 1);
	ck_assert_uint_le(id, st->len);
	return st->values[id - 1];
}

static pyhash_t
value_hash(const struct set_value *v)
{
	switch (v->type) {
	case 'i':
		return pyhash_int(v->i);
	case 'f':
		return pyhash_float(v->f);
	default:
		return pyhash_str(v->s, strlen(v->s));
	}
}

/* Python's int == float: exact, so 2**53 + 1 != 2.0**53. */
static bool
int_equals_float(int64_t i, double f)
{
	if (!(f >= -9223372036854775808.0 && f < 9223372036854775808.0))
		return false;
	return (int64_t)f == i && (double)(int64_t)f == f;
}

static bool
value_equal(const struct set_value *a, const struct set_value *b)
{
	if (a->type == 's' || b->type == 's')
		return a->type == b->type && strcmp(a->s, b->s) == 0;
	if (a->type == 'i' && b->type == 'i')
		return a->i == b->i;
	if (a->type == 'f' && b->type == 'f')
		return a->f == b->f;
	if (a->type == 'i')
		return int_equals_float(a->i, b->f);
	return int_equals_float(b->i, a->f);
}

static bool
store_equal(void *ctx, uint32_t stored, uint32_t probe)
{
	const struct store *st = ctx;

	return value_equal(store_get(st, stored), store_get(st, probe));
}

/* The same value, not just an equal one: list(s) shows the object that
 * got in first (1 stays 1 when 1.0 is added). */
static bool
value_same(const struct set_value *a, const struct set_value *b)
{
	if (a->type != b->type)
		return false;
	if (a->type == 'f')
		return memcmp(&a->f, &b->f, sizeof a->f) == 0;
	return value_equal(a, b);
}

struct snapshot {
	struct settable_entry	*entries;
	uint32_t		 mask, fill, used;
};

static void
snapshot_take(struct snapshot *sn, const struct settable *t)
{
	size_t size = (size_t)t->mask + 1;

	sn->entries = xmalloc(size * sizeof *sn->entries);
	memcpy(sn->entries, t->entries, size * sizeof *sn->entries);
	sn->mask = t->mask;
	sn->fill = t->fill;
	sn->used = t->used;
}

static void
snapshot_check(struct snapshot *sn, const struct settable *t)
{
	ck_assert_uint_eq(t->mask, sn->mask);
	ck_assert_uint_eq(t->fill, sn->fill);
	ck_assert_uint_eq(t->used, sn->used);
	ck_assert_int_eq(memcmp(t->entries, sn->entries,
	    ((size_t)t->mask + 1) * sizeof *sn->entries), 0);
	xfree(sn->entries);
	sn->entries = NULL;
}

/* The table's own invariants, and every active key findable. */
static void
check_invariants(const struct settable *t, struct store *st)
{
	const struct settable_entry *e;
	uint32_t active = 0, dummies = 0, i;

	ck_assert_uint_ge(t->mask + 1, SETTABLE_MINSIZE);
	ck_assert_uint_eq((t->mask + 1) & t->mask, 0);
	for (i = 0; i <= t->mask; i++) {
		e = &t->entries[i];
		if (e->key == SETTABLE_EMPTY)
			ck_assert_int_eq(e->hash, 0);
		else if (e->key == SETTABLE_DUMMY) {
			ck_assert_int_eq(e->hash, -1);
			dummies++;
		} else {
			active++;
			ck_assert_int_eq(e->hash,
			    value_hash(store_get(st, e->key)));
			ck_assert_int_eq(settable_find(t, e->hash, e->key,
			    store_equal, st), i);
		}
	}
	ck_assert_uint_eq(t->used, active);
	ck_assert_uint_eq(t->fill, active + dummies);
	ck_assert_uint_lt(t->fill, t->mask + 1);
}

/* One add: undo it, check the table is back, redo it. */
static void
add_undo_redo(struct settable *t, struct store *st, pyhash_t hash,
    uint32_t id)
{
	struct settable_change c;
	struct snapshot sn;

	snapshot_take(&sn, t);
	settable_add(t, hash, id, store_equal, st, &c);
	settable_undo_add(t, &c);
	snapshot_check(&sn, t);

	settable_add(t, hash, id, store_equal, st, &c);
	if (c.resized)
		xfree(c.old_entries);
}

static void
discard_undo_redo(struct settable *t, struct store *st, pyhash_t hash,
    uint32_t id)
{
	struct snapshot sn;
	int64_t index;
	uint32_t key;

	index = settable_find(t, hash, id, store_equal, st);
	if (index < 0)
		return;
	snapshot_take(&sn, t);
	key = settable_discard_at(t, (uint32_t)index);
	ck_assert(value_equal(store_get(st, key), store_get(st, id)));
	ck_assert_int_eq(settable_find(t, hash, id, store_equal, st), -1);
	settable_undo_discard(t, (uint32_t)index, hash, key);
	snapshot_check(&sn, t);
	ck_assert_uint_eq(settable_discard_at(t, (uint32_t)index), key);
}

static void
run_case(const struct set_case *sc)
{
	struct store st = { NULL, 0, 0 };
	struct settable t;
	uint32_t id, cursor;
	int64_t index;
	size_t i, n;

	settable_init(&t);
	for (i = 0; i < sc->nops; i++) {
		id = store_add(&st, &sc->ops[i].v);
		if (sc->ops[i].op == 'a')
			add_undo_redo(&t, &st, value_hash(&sc->ops[i].v), id);
		else
			discard_undo_redo(&t, &st, value_hash(&sc->ops[i].v),
			    id);
		if (i % 16 == 0 || i + 1 == sc->nops)
			check_invariants(&t, &st);
	}

	ck_assert_uint_eq(t.used, sc->norder);
	cursor = 0;
	n = 0;
	while ((index = settable_next(&t, &cursor)) >= 0) {
		ck_assert_uint_lt(n, sc->norder);
		ck_assert_msg(value_same(store_get(&st, t.entries[index].key),
		    &sc->order[n]), "%s: item %zu differs from python3's",
		    sc->name, n);
		n++;
	}
	ck_assert_uint_eq(n, sc->norder);
	ck_assert_int_eq(settable_next(&t, &cursor), -1);

	settable_free(&t);
	xfree(st.values);
}

START_TEST(test_python_order)
{
	run_case(&set_cases[_i]);
}
END_TEST

/* ---- hand-made cases ---- */

static const struct set_value ints[] = {
	{ 'i', 1, 0, NULL }, { 'i', 9, 0, NULL }, { 'i', 17, 0, NULL },
	{ 'i', 25, 0, NULL }, { 'i', 2, 0, NULL }, { 'i', 3, 0, NULL },
	{ 'i', 4, 0, NULL }, { 'i', 5, 0, NULL },
};

static bool
ints_equal(void *ctx, uint32_t stored, uint32_t probe)
{
	(void)ctx;
	return ints[stored - 1].i == ints[probe - 1].i;
}

START_TEST(test_empty)
{
	struct settable t;
	uint32_t cursor = 0;

	settable_init(&t);
	ck_assert_uint_eq(t.mask, SETTABLE_MINSIZE - 1);
	ck_assert_uint_eq(t.fill, 0);
	ck_assert_uint_eq(t.used, 0);
	ck_assert_int_eq(settable_next(&t, &cursor), -1);
	ck_assert_int_eq(settable_find(&t, pyhash_int(1), 1, ints_equal, NULL),
	    -1);
	settable_free(&t);
}
END_TEST

START_TEST(test_add_reports)
{
	struct settable t;
	struct settable_change c;

	settable_init(&t);
	settable_add(&t, pyhash_int(1), 1, ints_equal, NULL, &c);
	ck_assert(c.added);
	ck_assert_uint_eq(c.index, 1);
	ck_assert(!c.was_dummy);
	ck_assert(!c.resized);
	ck_assert_ptr_null(c.old_entries);

	/* Already there: nothing changes, index says where it is. */
	settable_add(&t, pyhash_int(1), 1, ints_equal, NULL, &c);
	ck_assert(!c.added);
	ck_assert_uint_eq(c.index, 1);
	settable_undo_add(&t, &c);
	ck_assert_uint_eq(t.used, 1);

	/* 1, 9, 17 probe 1 -> 6 -> 7; with 1 and 17 discarded, 25 takes the
	 * last dummy it passed (slot 7), not the first: [9, 25] in 3.11. */
	settable_add(&t, pyhash_int(9), 2, ints_equal, NULL, &c);
	ck_assert_uint_eq(c.index, 6);
	settable_add(&t, pyhash_int(17), 3, ints_equal, NULL, &c);
	ck_assert_uint_eq(c.index, 7);
	settable_discard_at(&t, 1);
	settable_discard_at(&t, 7);
	settable_add(&t, pyhash_int(25), 4, ints_equal, NULL, &c);
	ck_assert(c.added);
	ck_assert(c.was_dummy);
	ck_assert_uint_eq(c.index, 7);
	ck_assert_uint_eq(t.fill, 3);
	ck_assert_uint_eq(t.used, 2);
	settable_undo_add(&t, &c);
	ck_assert_uint_eq(t.entries[7].key, SETTABLE_DUMMY);
	ck_assert_int_eq(t.entries[7].hash, -1);
	ck_assert_uint_eq(t.used, 1);
	settable_free(&t);
}
END_TEST

START_TEST(test_resize_hands_back)
{
	struct settable t;
	struct settable_change c;
	struct settable_entry *before;
	uint32_t id;

	/* The fifth add fills 5 of 8 (5 * 5 >= 7 * 3): a table of 32. */
	settable_init(&t);
	for (id = 1; id <= 4; id++) {
		settable_add(&t, pyhash_int(ints[id + 3].i), id + 4, ints_equal,
		    NULL, &c);
		ck_assert(!c.resized);
	}
	before = t.entries;
	settable_add(&t, pyhash_int(1), 1, ints_equal, NULL, &c);
	ck_assert(c.resized);
	ck_assert_ptr_eq(c.old_entries, before);
	ck_assert_uint_eq(c.old_mask, 7);
	ck_assert_uint_eq(c.old_fill, 4);
	ck_assert_uint_eq(c.old_used, 4);
	ck_assert_uint_eq(t.mask, 31);
	ck_assert_uint_eq(t.fill, 5);
	ck_assert_uint_eq(t.used, 5);

	settable_undo_add(&t, &c);
	ck_assert_ptr_eq(t.entries, before);
	ck_assert_uint_eq(t.mask, 7);
	ck_assert_uint_eq(t.used, 4);
	ck_assert_uint_eq(t.entries[1].key, SETTABLE_EMPTY);
	settable_free(&t);
}
END_TEST

static Suite *
settable_suite(void)
{
	Suite *s = suite_create("settable");
	TCase *tc;

	tc = tcase_create("table");
	tcase_add_test(tc, test_empty);
	tcase_add_test(tc, test_add_reports);
	tcase_add_test(tc, test_resize_hands_back);
	suite_add_tcase(s, tc);

	tc = tcase_create("python3");
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_python_order, 0, (int)NELEM(set_cases));
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(settable_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
