/*
 * live.h: the ids of the objects alive during a run, in id order, kept up
 * to date from the run's events.
 *
 * A record per step that lists the heap (the trace, dump --list) must not
 * walk every object the run ever made: ids are never reused, so after a
 * million steps that each made and dropped an int, a walk over all ids
 * makes the run quadratic.  This list costs what is alive, plus what died
 * since it was last tidied.
 */
#ifndef REFSCOPE_LIVE_H
#define REFSCOPE_LIVE_H

#include <stdint.h>

#include "sim/event.h"
#include "sim/heap.h"

struct live_ids {
	objid_t		*ids;		/* owned; ascending; may hold the dead */
	uint32_t	 len;
	uint32_t	 cap;
	uint32_t	 dead;		/* entries freed since the last tidy */
};

#define LIVE_IDS_INIT { NULL, 0, 0, 0 }

/* Follows one event of a run going forward, as event_read read it (an
 * object born is added, one freed goes at the next tidy). */
void	live_ids_on_event(struct live_ids *l, const struct event_reading *r);

/*
 * Drops the entries of objects no longer alive in h, when enough have
 * died for it to pay; afterwards ids[0..len) holds every live object, and
 * may still hold dead ones (check heap_object(h, id)->state).
 */
void	live_ids_tidy(struct live_ids *l, const struct heap *h);

void	live_ids_free(struct live_ids *l);

#endif
