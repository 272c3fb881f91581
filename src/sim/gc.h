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
 */
#ifndef REFSCOPE_GC_H
#define REFSCOPE_GC_H

#include <stdbool.h>
#include <stdint.h>

struct machine;

/*
 * Runs a collection of `generation` (0..2; 2 is gc.collect()) now and
 * returns what gc.collect() returns: the number of unreachable objects found.
 */
uint32_t	gc_collect(struct machine *m, int generation);

/*
 * Called as a container is about to be allocated: CPython counts the
 * allocation and, past generation 0's threshold with the collector enabled,
 * collects before the object exists.  Returns true when a collection ran
 * (which also reset the count the allocation would have raised).
 */
bool		gc_maybe_collect_before_alloc(struct machine *m);

#endif
