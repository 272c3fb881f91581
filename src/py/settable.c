/*
 * settable.c: CPython 3.11's set table (Objects/setobject.c), entry for
 * entry, so that iterating a set gives CPython's order.
 *
 * Invariants, as in CPython:
 * - an entry is unused (hash 0, key SETTABLE_EMPTY), a dummy left by a
 *   discard (hash -1, key SETTABLE_DUMMY) or active (any other key; a real
 *   hash is never -1);
 * - fill counts active and dummy entries, used the active ones, and
 *   fill <= mask always leaves an unused entry to end every probe;
 * - the table size mask + 1 is a power of two >= SETTABLE_MINSIZE.
 * The caller's keys are object ids other than EMPTY (0) and DUMMY.
 *
 * A probe looks at LINEAR_PROBES + 1 neighbouring entries before jumping
 * with the perturbed recurrence i = i * 5 + 1 + perturb; CPython skips the
 * linear run when it would run off the end of the table.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "base/xalloc.h"
#include "py/pyhash.h"
#include "py/settable.h"

#define LINEAR_PROBES	9
#define PERTURB_SHIFT	5

void
settable_init(struct settable *t)
{
	t->entries = xcalloc(SETTABLE_MINSIZE, sizeof *t->entries);
	t->mask = SETTABLE_MINSIZE - 1;
	t->fill = 0;
	t->used = 0;
}

void
settable_free(struct settable *t)
{
	xfree(t->entries);
	t->entries = NULL;
	t->mask = t->fill = t->used = 0;
}

static bool
is_unused(const struct settable_entry *e)
{
	return e->hash == 0 && e->key == SETTABLE_EMPTY;
}

/* set_lookkey: the active entry equal to probe, or the unused entry that
 * ends the search.  Dummies never match (their hash is -1). */
int64_t
settable_find(const struct settable *t, pyhash_t hash, uint32_t probe,
    settable_equal_fn equal, void *ctx)
{
	const struct settable_entry *e;
	size_t mask = t->mask, i, perturb;
	int probes;

	i = (size_t)hash & mask;
	perturb = (size_t)hash;
	for (;;) {
		e = &t->entries[i];
		probes = i + LINEAR_PROBES <= mask ? LINEAR_PROBES : 0;
		do {
			if (is_unused(e))
				return -1;
			if (e->hash == hash &&
			    (e->key == probe || equal(ctx, e->key, probe)))
				return e - t->entries;
			e++;
		} while (probes--);
		perturb >>= PERTURB_SHIFT;
		i = (i * 5 + 1 + perturb) & mask;
	}
}

/* set_insert_clean: puts a key known to be absent into a table without
 * dummies, at the first unused entry of its probe sequence. */
static void
insert_clean(struct settable_entry *table, size_t mask, pyhash_t hash,
    uint32_t key)
{
	struct settable_entry *e;
	size_t i = (size_t)hash & mask, perturb = (size_t)hash, j;

	for (;;) {
		e = &table[i];
		if (e->key == SETTABLE_EMPTY)
			goto found;
		if (i + LINEAR_PROBES <= mask) {
			for (j = 0; j < LINEAR_PROBES; j++) {
				e++;
				if (e->key == SETTABLE_EMPTY)
					goto found;
			}
		}
		perturb >>= PERTURB_SHIFT;
		i = (i * 5 + 1 + perturb) & mask;
	}
found:
	e->hash = hash;
	e->key = key;
}

/* set_table_resize: a fresh table of the smallest power of two above
 * minused, the active entries reinserted in old table order, the dummies
 * dropped.  Returns the old array, which the caller now owns. */
static struct settable_entry *
table_resize(struct settable *t, size_t minused)
{
	struct settable_entry *old = t->entries, *e;
	size_t newsize = SETTABLE_MINSIZE, oldsize = (size_t)t->mask + 1;

	while (newsize <= minused)
		newsize <<= 1;
	t->entries = xcalloc(newsize, sizeof *t->entries);
	t->mask = (uint32_t)(newsize - 1);
	t->fill = t->used;
	for (e = old; e < old + oldsize; e++) {
		if (e->key != SETTABLE_EMPTY && e->key != SETTABLE_DUMMY)
			insert_clean(t->entries, t->mask, e->hash, e->key);
	}
	return old;
}

void
settable_reserve(struct settable *t, uint32_t n)
{
	if ((size_t)(t->fill + n) * 5 >= (size_t)t->mask * 3)
		xfree(table_resize(t, ((size_t)t->used + n) * 2));
}

/*
 * set_add_entry.  The search remembers the last dummy it passed (not the
 * first: 3.11 overwrites freeslot at every dummy) and reuses it once the
 * key proves absent; only filling an unused entry can trigger a resize.
 */
void
settable_add(struct settable *t, pyhash_t hash, uint32_t key,
    settable_equal_fn equal, void *ctx, struct settable_change *change)
{
	struct settable_entry *e, *freeslot = NULL;
	size_t mask = t->mask, i, perturb;
	int probes;

	memset(change, 0, sizeof *change);
	change->old_mask = t->mask;
	change->old_fill = t->fill;
	change->old_used = t->used;

	i = (size_t)hash & mask;
	perturb = (size_t)hash;
	for (;;) {
		e = &t->entries[i];
		probes = i + LINEAR_PROBES <= mask ? LINEAR_PROBES : 0;
		do {
			if (is_unused(e))
				goto found_unused_or_dummy;
			if (e->hash == hash) {
				if (e->key == key || equal(ctx, e->key, key)) {
					change->index = (uint32_t)(e - t->entries);
					return;		/* found_active */
				}
			} else if (e->hash == -1)
				freeslot = e;
			e++;
		} while (probes--);
		perturb >>= PERTURB_SHIFT;
		i = (i * 5 + 1 + perturb) & mask;
	}

found_unused_or_dummy:
	change->added = true;
	if (freeslot != NULL) {
		change->index = (uint32_t)(freeslot - t->entries);
		change->was_dummy = true;
		freeslot->hash = hash;
		freeslot->key = key;
		t->used++;
		return;
	}
	change->index = (uint32_t)(e - t->entries);
	e->hash = hash;
	e->key = key;
	t->fill++;
	t->used++;
	if ((size_t)t->fill * 5 < mask * 3)
		return;
	change->resized = true;
	change->old_entries = table_resize(t, t->used > 50000 ?
	    (size_t)t->used * 2 : (size_t)t->used * 4);
}

void
settable_undo_add(struct settable *t, const struct settable_change *c)
{
	struct settable_entry *e;

	if (!c->added)
		return;
	if (c->resized) {
		/* The old array comes back; it still holds the new key. */
		xfree(t->entries);
		t->entries = c->old_entries;
	}
	e = &t->entries[c->index];
	if (c->was_dummy) {
		e->hash = -1;
		e->key = SETTABLE_DUMMY;
	} else {
		e->hash = 0;
		e->key = SETTABLE_EMPTY;
	}
	t->mask = c->old_mask;
	t->fill = c->old_fill;
	t->used = c->old_used;
}

/* set_discard_entry, once the caller has found the entry. */
uint32_t
settable_discard_at(struct settable *t, uint32_t index)
{
	struct settable_entry *e = &t->entries[index];
	uint32_t key = e->key;

	e->hash = -1;
	e->key = SETTABLE_DUMMY;
	t->used--;
	return key;
}

void
settable_undo_discard(struct settable *t, uint32_t index, pyhash_t hash,
    uint32_t key)
{
	struct settable_entry *e = &t->entries[index];

	e->hash = hash;
	e->key = key;
	t->used++;
}

int64_t
settable_next(const struct settable *t, uint32_t *cursor)
{
	size_t i;

	for (i = *cursor; i <= t->mask; i++) {
		if (t->entries[i].key != SETTABLE_EMPTY &&
		    t->entries[i].key != SETTABLE_DUMMY) {
			*cursor = (uint32_t)(i + 1);
			return (int64_t)i;
		}
	}
	*cursor = t->mask + 1;
	return -1;
}

/*
 * set_merge into an empty set (SET_UPDATE of a new set from a frozenset, as
 * CPython 3.11 builds a display of three or more constants): one resize up
 * front when the other's entries would overfill it, then the other's
 * entries copied index for index if the sizes agree, else reinserted with
 * set_insert_clean in the other's table order.
 */
void
settable_merge_layout(const struct settable *other, struct settable *out)
{
	size_t newsize = SETTABLE_MINSIZE;

	settable_init(out);
	if (other->used == 0)
		return;
	if ((size_t)(out->fill + other->used) * 5 >= (size_t)out->mask * 3) {
		while (newsize <= (size_t)(out->used + other->used) * 2)
			newsize <<= 1;
		xfree(out->entries);
		out->entries = xcalloc(newsize, sizeof *out->entries);
		out->mask = (uint32_t)(newsize - 1);
	}
	if (out->mask == other->mask && other->fill == other->used) {
		memcpy(out->entries, other->entries,
		    ((size_t)other->mask + 1) * sizeof *out->entries);
	} else {
		for (uint32_t i = 0; i <= other->mask; i++) {
			const struct settable_entry *e = &other->entries[i];

			if (e->key != SETTABLE_EMPTY && e->key != SETTABLE_DUMMY)
				insert_clean(out->entries, out->mask, e->hash,
				    e->key);
		}
	}
	out->fill = out->used = other->used;
}
