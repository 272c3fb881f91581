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
	/* 3.14: a young collection has put survivors among the old objects,
	 * in the space being visited, which is the interpreter's start-up's
	 * to say (gc_referrers) */
	bool		 young_promoted;
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
 * gc.get_referrers(objs...): the objects on the collector's lists whose
 * tp_traverse visits one of objs, each once, in the order
 * gc_referrers_for meets them: generation 0's list, then 1's, then 2's
 * (3.14: the young, then the old).  The module's globals dict is on none
 * of the model's lists: CPython made it at start-up, and it stands in the
 * oldest generation before anything the program made.  *globals_at is
 * where it goes in the answer (how many referrers come before it), or
 * UINT32_MAX when no module-level name holds one of objs.
 *
 * NULL, with *why saying so, when the model cannot give CPython's answer:
 * one of objs is held by what it keeps no object for (a constant by its
 * code's co_consts, a class attribute by the class's __dict__, a shared
 * object by the interpreter), or on 3.14 a young collection has put
 * survivors among the old objects (in whichever of its two spaces the
 * interpreter's start-up left to visit).  Else an array to xfree, *n
 * entries (NULL when *n is 0).
 */
objid_t		*gc_referrers(struct machine *m, const objid_t *objs,
		    uint32_t count, uint32_t *n, uint32_t *globals_at,
		    const char **why);

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
