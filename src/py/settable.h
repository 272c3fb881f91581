/*
 * settable.h: CPython 3.11's set hash table (Objects/setobject.c), so that
 * a set's iteration order -- and so its repr, and the order its items die
 * in -- is CPython's.
 *
 * The table stores object ids, not objects; equality of two keys is asked
 * of the caller through a callback.  The table owns its entries array.
 * Every mutation is reported so that the caller can record an undoable
 * event: an add says where it went and what was there; a resize hands back
 * the old entries array (the caller keeps it to undo).
 */
#ifndef REFSCOPE_SETTABLE_H
#define REFSCOPE_SETTABLE_H

#include <stdbool.h>
#include <stdint.h>

#include "py/pyhash.h"

#define SETTABLE_EMPTY	0u		/* key of an unused entry (hash 0) */
#define SETTABLE_DUMMY	UINT32_MAX	/* key of a deleted entry (hash -1) */
#define SETTABLE_MINSIZE 8u

struct settable_entry {
	pyhash_t	hash;
	uint32_t	key;		/* an object id, EMPTY or DUMMY */
};

struct settable {
	struct settable_entry *entries;	/* owned; mask + 1 of them */
	uint32_t	mask;
	uint32_t	fill;		/* active + dummy */
	uint32_t	used;		/* active */
};

/* Whether the stored key equals the probe (same hash already checked). */
typedef bool (*settable_equal_fn)(void *ctx, uint32_t stored, uint32_t probe);

void	settable_init(struct settable *t);		/* empty, SETTABLE_MINSIZE */
void	settable_free(struct settable *t);

/* Index of the entry holding a key equal to probe, or -1. */
int64_t	settable_find(const struct settable *t, pyhash_t hash, uint32_t probe,
	    settable_equal_fn equal, void *ctx);

/* What settable_add did, for undo. */
struct settable_change {
	bool		 added;		/* false: an equal key was there */
	uint32_t	 index;		/* entry written (before any resize) */
	bool		 was_dummy;	/* the entry held a dummy */
	bool		 resized;	/* the table was resized after */
	struct settable_entry *old_entries; /* when resized: the old array, now
					       the caller's (free with xfree) */
	uint32_t	 old_mask, old_fill, old_used; /* before the add */
};

/* set.add(key) as set_add_entry, including the resize rule.  key is an
 * object id other than SETTABLE_EMPTY and SETTABLE_DUMMY.  When the key was
 * already there, change->index is its entry. */
void	settable_add(struct settable *t, pyhash_t hash, uint32_t key,
	    settable_equal_fn equal, void *ctx, struct settable_change *change);

/* Undoes a settable_add (the most recent change to t).  When c->resized,
 * the table takes c->old_entries back (the caller must forget it) and frees
 * its newer array. */
void	settable_undo_add(struct settable *t, const struct settable_change *c);

/* set.discard: turns the entry at index into a dummy; returns its key. */
uint32_t settable_discard_at(struct settable *t, uint32_t index);
/* Undoes a discard of key (with hash) at index. */
void	settable_undo_discard(struct settable *t, uint32_t index, pyhash_t hash,
	    uint32_t key);

/* The one big resize set_merge (and set.update of a dict) makes before
 * adding n keys to a table that is not empty, when they could pass the
 * fill limit. */
void	settable_reserve(struct settable *t, uint32_t n);

/* The table set_merge makes when it fills a new, empty set from `other`
 * (a set without dummies): out is initialised by it; caller frees it. */
void	settable_merge_layout(const struct settable *other,
	    struct settable *out);

/* Visits the active entries in table order (CPython's iteration order).
 * Returns the next active index >= *cursor and advances it, or -1. */
int64_t	settable_next(const struct settable *t, uint32_t *cursor);

#endif
