/*
 * machine.h: the operations of the modelled interpreter that the statement
 * runner (interp.c) and the collector (gc.c) share -- each one a short,
 * fixed sequence of events emitted through the timeline.
 *
 * Everything here follows CPython 3.11's reference discipline: an
 * operation's result is a new reference on top of the evaluation stack; the
 * caller consumes it (moving it into a name or slot) or drops it.  Freeing
 * is iterative: a count reaching zero starts a deallocation that drops what
 * the object held, in the order CPython's tp_dealloc drops it, depth-first
 * like CPython's recursion but on an explicit stack (CPython needs its
 * "trashcan" for the same reason: a 100 000-long chain must not recurse).
 */
#ifndef REFSCOPE_MACHINE_H
#define REFSCOPE_MACHINE_H

#include <stdbool.h>
#include <stdint.h>

#include "base/diag.h"
#include "lang/program.h"
#include "sim/event.h"
#include "sim/heap.h"
#include "sim/timeline.h"

#define MACHINE_SMALL_INT_MIN	(-5)
#define MACHINE_SMALL_INT_MAX	256
#define MACHINE_CLASS_INTERNAL_REFS 3	/* CPython 3.11: __mro__ and two descriptors */

/* An interned string: the shared object for an identifier-like constant. */
struct machine_intern {
	objid_t		 id;
	uint32_t	 next;		/* chain in the bucket, 0 = end (1-based) */
};

struct machine {
	const struct program *program;
	struct heap	*heap;
	struct timeline	*timeline;
	uint32_t	 step;		/* the timeline step events go to */
	struct diag	*error;		/* the first fatal error, owned */
	bool		 failed;	/* stop: an exception or a limit */

	/* Settings (scenario settings:). */
	bool		 small_int_cache;
	bool		 intern_strings;
	enum gc_model	 gc_model;

	/* The shared objects, created on first use. */
	objid_t		 none, true_obj, false_obj;
	objid_t		 empty_tuple, empty_str;
	objid_t		 small_ints[MACHINE_SMALL_INT_MAX - MACHINE_SMALL_INT_MIN + 1];
	objid_t		 latin1[256];
	objid_t		*interned;	/* open hash table of ids */
	uint32_t	 interned_cap;
	uint32_t	 interned_count;

	bool		 collecting;	/* inside a collection: no nested one */

	/* Objects whose deallocation is under way, innermost last. */
	struct machine_dealloc {
		objid_t		*ids;
		uint32_t	*cursors;	/* where each one's scan is */
		uint32_t	 len;
		uint32_t	 cap;
		bool		 running;
	} dealloc;

	/* Per timeline step: objects freed by counting / by the collector. */
	uint32_t	*freed_counts;
	uint32_t	*collected_counts;
	uint32_t	 counts_cap;
};

void		 machine_init(struct machine *m, const struct program *p,
		    struct heap *h, struct timeline *t);
void		 machine_fini(struct machine *m);

/* Records a fatal error (the first one wins) and stops the run. */
void		 machine_fail(struct machine *m, struct diag *d);

/* Emits one event for the current step.  False when the run must stop. */
bool		 machine_emit(struct machine *m, struct event ev);

/* ---- new references on top of the stack ---- */

/* Allocates the reserved object id (ALLOC; a collection first when the
 * allocation of a container passes the collector's threshold). */
void		 machine_alloc(struct machine *m, objid_t id,
		    enum event_reason reason, atom_t detail);
/* Pushes another reference to id. */
void		 machine_incref(struct machine *m, objid_t id,
		    enum event_reason reason, atom_t detail);
/* Drops the stack entry at position; frees the object when that was its
 * last reference (and the cascade that follows). */
void		 machine_decref_at(struct machine *m, uint32_t position,
		    enum event_reason reason, atom_t detail);
void		 machine_decref_top(struct machine *m,
		    enum event_reason reason, atom_t detail);
/* The stack position of the top entry. */
uint32_t	 machine_top(const struct machine *m);

/* Pushes None, True/False, an int, a float, a str: the shared object when
 * CPython shares it (small ints, one-character strs, the empty str, and
 * with intern identifier-like strs), else a new object. */
void		 machine_push_none(struct machine *m);
void		 machine_push_bool(struct machine *m, bool value);
void		 machine_push_int(struct machine *m, int64_t value,
		    enum event_reason reason);
void		 machine_push_float(struct machine *m, double value,
		    enum event_reason reason);
void		 machine_push_str(struct machine *m, const char *bytes, size_t len,
		    bool intern, enum event_reason reason);
/* The object a str constant is in CPython when it is shared (interned,
 * one-character, empty) and already exists; else OBJ_NULL (a constant
 * would be a new object).  Makes no event: for expect: lines. */
objid_t		 machine_shared_str(struct machine *m, const char *bytes,
		    size_t len);
/* Pushes the empty tuple. */
void		 machine_push_empty_tuple(struct machine *m);

/* Builds a list or tuple from the `count` entries at the top of the stack
 * (first item deepest), which it takes; pushes the new container. */
void		 machine_build_sequence(struct machine *m, enum obj_type type,
		    uint32_t count, enum event_reason reason);

/* The collector tracks a dict once it holds something that may be tracked
 * (CPython's MAINTAIN_TRACKING). */
void		 machine_maybe_track_dict(struct machine *m, objid_t dict,
		    objid_t key, objid_t value);
/* Whether CPython's _PyObject_GC_MAY_BE_TRACKED holds for id. */
bool		 machine_may_be_tracked(const struct machine *m, objid_t id);

/* Frees id, whose count just reached 0 (or that the collector is clearing:
 * cause REASON_COLLECTOR), and everything that dies with it. */
void		 machine_free(struct machine *m, objid_t id);

/* Per-step tallies, for expect: and the trace. */
uint32_t	 machine_freed_in(const struct machine *m, uint32_t step);
uint32_t	 machine_collected_in(const struct machine *m, uint32_t step);

#endif
