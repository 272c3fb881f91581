/*
 * gc.h: cycle collection over the modelled heap.
 *
 * The cpython model is CPython 3.11's Modules/gcmodule.c: three generations
 * kept as lists in allocation order, a collection of generation g merges
 * the younger ones into it, computes gc_refs (update_refs, subtract_refs),
 * moves what is unreachable out (move_unreachable, with its exact order),
 * promotes the survivors, then clears the unreachable objects one by one
 * (delete_garbage) so that reference counting frees them.  Each phase is an
 * event; the textbook model (mark from the names, sweep the heap) shares
 * the freeing.
 *
 * Which objects are tracked, and when, is in gctrack.h.  The collector
 * frees through the reference-count core (refcount.h) and allocates
 * nothing on the modelled heap.
 */
#ifndef REFSCOPE_GC_H
#define REFSCOPE_GC_H

#include <stdbool.h>
#include <stdint.h>

#include "lang/scenario.h"
#include "sim/heap.h"

struct machine;

/* What the collector keeps in struct machine (gc.c and gctrack.c write
 * it).  A collection's own lists are in its scratch state, made and freed
 * by gc_collect, so no two runs, nor two collections, share anything. */
struct gc_state {
	enum gc_model	 model;		/* the scenario's settings: gc: */
	bool		 collecting;	/* inside a collection: no nested one */
};

/* Reads the collector's settings from m's program (after machine_init). */
void		gc_init(struct machine *m);

/*
 * Runs a collection of `generation` (0..2; 2 is gc.collect()) now and
 * returns what gc.collect() returns: the number of unreachable objects found.
 */
uint32_t	gc_collect(struct machine *m, int generation);

/*
 * gc.get_referents(id): what id's tp_traverse visits, in its order (a
 * list's items from the last, a dict's values and non-str keys, an
 * instance's attributes in shared-key order then its class), as an array
 * the caller frees with xfree (NULL, *n 0: nothing, or no container).
 */
objid_t		*gc_referents(struct machine *m, objid_t id, uint32_t *n);

/*
 * _PyObject_GC_Link: called as object id (reserved, not yet allocated) is
 * about to be allocated; returns the flags of its ALLOC.  A shared object
 * or one that is not a container concerns the collector not at all (0).
 * For another container CPython counts the allocation (EVF_COUNTED) and,
 * past generation 0's threshold with the collector enabled, collects first
 * (which resets the count instead); the container is tracked from birth
 * (EVF_TRACKED) by gctrack's rules.
 */
uint8_t		gc_link(struct machine *m, objid_t id);

#endif
