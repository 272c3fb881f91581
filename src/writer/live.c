/*
 * live.c: the live objects of a run, in id order (see live.h).
 *
 * Invariant: every object alive in the heap is in ids, once, in ascending
 * order.  Objects are born in id order almost always, so an ALLOC appends;
 * a FREE only counts, and the dead are swept out once they are half the
 * entries, which keeps the cost of every walk linear in what is alive.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>

#include "base/xalloc.h"
#include "writer/live.h"

static void
insert(struct live_ids *l, objid_t id)
{
	uint32_t lo = 0, hi = l->len;

	if (l->len == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->ids = xreallocarray(l->ids, l->cap, sizeof *l->ids);
	}
	if (l->len == 0 || l->ids[l->len - 1] < id) {
		l->ids[l->len++] = id;
		return;
	}
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (l->ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < l->len && l->ids[lo] == id)
		return;		/* born again: already listed */
	memmove(&l->ids[lo + 1], &l->ids[lo], (l->len - lo) * sizeof *l->ids);
	l->ids[lo] = id;
	l->len++;
}

void
live_ids_on_event(struct live_ids *l, const struct event_reading *r)
{
	if (r->born != OBJ_NULL)
		insert(l, r->born);
	else if (r->freed != OBJ_NULL)
		l->dead++;
}

void
live_ids_tidy(struct live_ids *l, const struct heap *h)
{
	uint32_t kept = 0;

	if (l->dead == 0 || l->dead < l->len / 2)
		return;
	for (uint32_t i = 0; i < l->len; i++)
		if (heap_object(h, l->ids[i])->state == OBJ_ALIVE)
			l->ids[kept++] = l->ids[i];
	l->len = kept;
	l->dead = 0;
}

void
live_ids_free(struct live_ids *l)
{
	xfree(l->ids);
	memset(l, 0, sizeof *l);
}
