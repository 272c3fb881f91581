/*
 * refcount.h: the reference-count core of the modelled interpreter:
 * another reference to an object, one reference dropped, and the
 * deallocation that follows the last one.
 *
 * Freeing is iterative: a count reaching zero starts a deallocation that
 * drops what the object held, in the order CPython's tp_dealloc drops it,
 * depth-first like CPython's recursion but on an explicit stack (CPython
 * needs its "trashcan" for the same reason: a 100 000-long chain must not
 * recurse).
 *
 * It calls only the collector's tracking rules (gctrack.h: a dying object
 * leaves the collector's lists) and machine_emit; the collector calls it to
 * clear garbage, never the other way round.
 */
#ifndef REFSCOPE_REFCOUNT_H
#define REFSCOPE_REFCOUNT_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/event.h"
#include "sim/heap.h"

struct machine;

/* What refcount.c keeps in struct machine: the objects whose deallocation
 * is under way, innermost last.  Its arrays are refcount.c's, freed by
 * refcount_fini. */
struct refcount_state {
	objid_t		*ids;
	uint32_t	*cursors;	/* where each one's scan is */
	uint32_t	 len;
	uint32_t	 cap;
	bool		 running;
};

/* Frees the deallocation stack (m stays usable: it grows again). */
void	refcount_fini(struct machine *m);

/* Pushes another reference to id (INCREF). */
void	refcount_incref(struct machine *m, objid_t id,
	    enum event_reason reason, atom_t detail);
/* Drops the stack entry at position (DECREF); frees the object when that
 * was its last reference, and the cascade that follows. */
void	refcount_decref_at(struct machine *m, uint32_t position,
	    enum event_reason reason, atom_t detail);
void	refcount_decref_top(struct machine *m, enum event_reason reason,
	    atom_t detail);

/* Whether freeing id would call its finalizer first: an instance whose
 * class has __del__, not finalized yet, and a machine with a finalizer. */
bool	refcount_has_finalizer(const struct machine *m, objid_t id);

/* The slot of frame object f to release next: its dealloc's order (f_func,
 * the locals -- the last first from 3.14 --, then f_back), or with
 * locals_only its tp_clear's (the locals alone; UINT32_MAX when none
 * is left). */
uint32_t refcount_frame_slot(const struct machine *m, const struct pyiter *f,
	    bool locals_only);

/* The live weakrefs to id in its weak reference list's order
 * (heap_weakrefs_of), as an array the caller frees with xfree; NULL with
 * *n 0 when there are none (or id cannot have any). */
objid_t	*refcount_weakrefs(const struct machine *m, objid_t id, uint32_t *n);

/* Frees id, whose count just reached 0, and everything that dies with it;
 * the FREE says REASON_COLLECTOR when the collector found id unreachable. */
void	refcount_free(struct machine *m, objid_t id);

#endif
