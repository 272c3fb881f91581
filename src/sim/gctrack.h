/*
 * gctrack.h: the collector's tracking rules -- which objects are on its
 * generation lists, from when, and when they leave them.  Part of the
 * collector (gc.h), in a file of its own because the reference-count core
 * needs one of them (a dying object leaves the lists) while the collector
 * needs the core (clearing garbage drops references): with the rules here,
 * calls go one way, gc.c → refcount.c → gctrack.c.
 *
 * CPython 3.11's rules: containers are tracked from birth, except dicts,
 * which are tracked once they hold something that may be tracked
 * (MAINTAIN_TRACKING); a collection untracks the tuples, and a full one the
 * dicts, that hold nothing that may be tracked (untrack_tuples,
 * untrack_dicts); a freed object leaves its list (PyObject_GC_UnTrack).  The
 * textbook model tracks every container for its whole life.
 *
 * Each rule that changes something emits its event through machine_emit;
 * none allocates.
 */
#ifndef REFSCOPE_GCTRACK_H
#define REFSCOPE_GCTRACK_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/heap.h"

struct machine;

/* The tracking flag of the ALLOC of id, a new container that is not a
 * shared object: EVF_TRACKED when it is tracked from birth.  (gc_link
 * asks, and adds whether the allocation is counted.) */
uint8_t	gctrack_alloc_flags(const struct machine *m, objid_t id);

/* A tuple built from an array (BUILD_TUPLE, tuple() of a list,
 * PyTuple_Pack, a code object's co_consts) has all its items: on a
 * version that untracks such a tuple when it holds no container (3.14),
 * untracks it. */
void	gctrack_tuple_built(struct machine *m, objid_t id);

/* Whether CPython's _PyObject_GC_MAY_BE_TRACKED holds for id. */

bool	gctrack_may_be_tracked(const struct machine *m, objid_t id);

/* MAINTAIN_TRACKING: before dict gets key and value, tracks it (GC_TRACK)
 * when one of them may be tracked. */
void	gctrack_dict_store(struct machine *m, objid_t dict, objid_t key,
	    objid_t value);

/* _PyObject_GC_TRACK of id unless it is tracked (a frame object taking
 * its frame's data). */
void	gctrack_now(struct machine *m, objid_t id);

/* A result tuple an iterator recycles (enumerate, zip, a dict's items)
 * is tracked again (GC_TRACK) when a collection untracked it
 * (bpo-42536). */
void	gctrack_recycled(struct machine *m, objid_t tuple);

/* untrack_tuples (type OBJ_TUPLE) or untrack_dicts (OBJ_DICT) over
 * generation g, in list order: GC_UNTRACK for each one that holds nothing
 * that may be tracked. */
void	gctrack_untrack_atomic(struct machine *m, int g, enum obj_type type);

/* id is being freed: takes it off its list (GC_UNTRACK, when tracked) and
 * returns the flags of its FREE (EVF_COUNTED when PyObject_GC_Del lowers
 * generation 0's count, which never goes below 0). */
uint8_t	gctrack_release(struct machine *m, objid_t id);

#endif
