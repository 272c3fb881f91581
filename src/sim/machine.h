/*
 * machine.h: the state of one run of the modelled interpreter, and its one
 * way to change the heap: machine_emit.
 *
 * The operations live in the modules above this one, each with its own
 * prefix and its own part of struct machine:
 *
 *	objects.c	object creation and CPython's shared objects (None,
 *			small ints, one-character and interned strs): it owns
 *			m->objects
 *	gc.c		the collector; gctrack.c its tracking rules: they own
 *			m->gc
 *	refcount.c	increfs, decrefs and the deallocation cascade: it
 *			owns m->refcount
 *
 * Calls go one way, down: interp.c → objects.c → gc.c → refcount.c →
 * gctrack.c → machine.c (machine.c calls none of them).  So the owner of a
 * machine (interp.c) sets it up with machine_init then each module's init,
 * and tears it down with each module's fini then machine_fini.
 *
 * Everything follows CPython 3.11's reference discipline: an operation's
 * result is a new reference on top of the evaluation stack; the caller
 * consumes it (moving it into a name or slot) or drops it.
 */
#ifndef REFSCOPE_MACHINE_H
#define REFSCOPE_MACHINE_H

#include <stdbool.h>
#include <stdint.h>

#include "base/diag.h"
#include "lang/program.h"
#include "sim/event.h"
#include "sim/gc.h"
#include "sim/heap.h"
#include "sim/objects.h"
#include "sim/refcount.h"
#include "sim/timeline.h"

struct machine {
	const struct program *program;
	struct heap	*heap;
	struct timeline	*timeline;
	uint32_t	 step;		/* the timeline step events go to */
	struct diag	*error;		/* the first fatal error, owned */
	bool		 failed;	/* stop: an exception or a limit */

	/*
	 * tp_finalize of an instance whose class has __del__: the
	 * interpreter's (NULL: none), called by refcount.c when the count
	 * reaches 0 and by gc.c for unreachable objects.  A function pointer,
	 * as CPython's type slot is, because they are below the interpreter:
	 * a call from them up into interp.c would make the file-level call
	 * graph of src/sim loop (tests/structure/calls.py).  It runs the
	 * finalizer with the object held once more on the stack, sets
	 * OBJF_FINALIZED, then drops that reference -- which frees the object
	 * if nothing else took one (PyObject_CallFinalizerFromDealloc).
	 */
	void		(*finalize)(struct machine *m, objid_t id);
	/*
	 * A weakref's callback, the interpreter's too (NULL: none), called
	 * by refcount.c when the referent dies (PyObject_ClearWeakRefs) and
	 * by gc.c for a referent found unreachable (handle_weakrefs): calls
	 * callback(weakref) and drops what it returns.  The caller holds
	 * both.  weakrefs counts the weakref objects made so far: while it
	 * is 0 nobody looks for a dying object's weak references.
	 */
	void		(*weak_callback)(struct machine *m, objid_t callback,
			    objid_t weakref);
	uint32_t	 weakrefs;

	/* Each module's own state: only that module writes it. */
	struct objects_state	objects;
	struct gc_state		gc;
	struct refcount_state	refcount;

	/* Per timeline step: objects freed by counting / by the collector. */
	uint32_t	*freed_counts;
	uint32_t	*collected_counts;
	uint32_t	 counts_cap;
};

/* Zeroes m, then binds it to p, h and t (none of which it owns). */
void		 machine_init(struct machine *m, const struct program *p,
		    struct heap *h, struct timeline *t);
/* Frees what machine.c allocated (the tallies, the error if it is still
 * there); call each module's fini first. */
void		 machine_fini(struct machine *m);

/* Records a fatal error (the first one wins; m owns d) and stops the run. */
void		 machine_fail(struct machine *m, struct diag *d);

/* Emits one event for the current step.  False when the run must stop. */
bool		 machine_emit(struct machine *m, struct event ev);

/* The stack position of the top entry. */
uint32_t	 machine_top(const struct machine *m);

/* Per-step tallies, for expect: and the trace. */
uint32_t	 machine_freed_in(const struct machine *m, uint32_t step);
uint32_t	 machine_collected_in(const struct machine *m, uint32_t step);

#endif
