/*
 * objects.h: object creation in the modelled interpreter -- each kind of
 * new object as a new reference on top of the stack, and the objects
 * CPython 3.11 shares instead of making anew: None, True, False, the empty
 * tuple, the small ints, the empty str, the one-character latin-1 strs and
 * the interned strs.
 *
 * A shared object is made on first use (ALLOC, flagged OBJF_CACHED so
 * neither counting nor the collector frees it); later uses push another
 * reference (INCREF).  Allocating a container may first run a collection
 * (gc.h), as _PyObject_GC_Link does.
 */
#ifndef REFSCOPE_OBJECTS_H
#define REFSCOPE_OBJECTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/event.h"
#include "sim/heap.h"

#define OBJECTS_SMALL_INT_MIN	(-5)
#define OBJECTS_SMALL_INT_MAX	256

struct machine;

/*
 * What objects.c keeps in struct machine: the settings that decide what is
 * shared, and the shared objects (OBJ_NULL until first made).  Others may
 * read the ids (expect: asks which object None is); only objects.c writes.
 * The interned table is objects.c's, freed by objects_fini.
 */
struct objects_state {
	bool		 small_int_cache;	/* settings: small_int_cache */
	bool		 intern_strings;	/* settings: intern_strings */

	objid_t		 none, true_obj, false_obj;
	objid_t		 empty_tuple, empty_str;
	objid_t		 gc_garbage;		/* gc.garbage's list */
	objid_t		 notimplemented;	/* NotImplemented */
	objid_t		 globals;		/* the module's globals dict */
	objid_t		 bool_str[2];		/* 'False', 'True' */
	objid_t		 small_ints[OBJECTS_SMALL_INT_MAX -
			    OBJECTS_SMALL_INT_MIN + 1];
	objid_t		 latin1[256];
	struct objects_type {
		atom_t	 name;
		objid_t	 id;
	}		*types;		/* the built-in types made so far */
	uint32_t	 type_count;
	struct objects_type *statics;	/* the static strs made so far */
	uint32_t	 static_count;
	struct objects_type *builtins;	/* the built-in functions used as
					   values so far */
	uint32_t	 builtin_count;
	objid_t		*interned;	/* open hash table of ids */
	uint32_t	 interned_cap;
	uint32_t	 interned_count;
};

/* Reads the sharing settings from m's program (after machine_init). */
void	objects_init(struct machine *m);
/* Frees the interned table. */
void	objects_fini(struct machine *m);

/* Allocates the object id reserved on the heap (ALLOC: the new reference
 * on top of the stack); fails the run past INTERP_MAX_LIVE live objects.
 * The collector first has its say (gc_link: counted, tracked, maybe a
 * collection before the new object exists). */
void	objects_alloc(struct machine *m, objid_t id, enum event_reason reason,
	    atom_t detail);
/* The same for an object a library made at its import, before the
 * program ran (weakref.finalize's class): the model makes it when the
 * program first needs it, and the collector neither counts nor tracks
 * it (in CPython it is long in the oldest generation). */
void	objects_alloc_library(struct machine *m, objid_t id,
	    enum event_reason reason, atom_t detail);

/* Pushes None, True/False, an int, a float, a str: the shared object when
 * CPython shares it (small ints, one-character strs, the empty str, and
 * with intern identifier-like strs), else a new object. */
void	objects_push_none(struct machine *m);
void	objects_push_bool(struct machine *m, bool value);
void	objects_push_int(struct machine *m, int64_t value,
	    enum event_reason reason);
/* An int beyond 64 bits (value must not fit an int64): always a new
 * object, which takes value. */
void	objects_push_bigint(struct machine *m, struct bigint *value,
	    enum event_reason reason);
void	objects_push_float(struct machine *m, double value,
	    enum event_reason reason);
void	objects_push_str(struct machine *m, const char *bytes, size_t len,
	    bool intern, enum event_reason reason);
/* sys.intern(s) (PyUnicode_InternInPlace): pushes the interned str equal
 * to str id -- the one already interned, or else id itself, which becomes
 * the interned one (INTERN) unless it is shared already. */
void	objects_intern(struct machine *m, objid_t id);

/* Pushes the built-in type called name (type(x), or the name int used
 * as a value): one shared object per type, made on first use. */
void	objects_push_type(struct machine *m, const char *name);

/* Pushes the built-in function called name used as a value (print
 * passed to weakref.finalize): static in CPython, one shared object per
 * function here, made on first use. */
void	objects_push_builtin(struct machine *m, const char *name);

/* Pushes gc.garbage: a list the interpreter made at its start, shared
 * (its count is the interpreter's: not modelled); the collector puts
 * nothing in it unless gc.set_debug(gc.DEBUG_SAVEALL), not modelled. */
void	objects_push_gc_garbage(struct machine *m);

/* Pushes NotImplemented: the interpreter's one, shared (its count is the
 * interpreter's; immortal from 3.12), which the collector does not track. */
void	objects_push_notimplemented(struct machine *m);

/* Pushes the module's globals dict (ITER_GLOBALS): the interpreter's,
 * made at its start-up, shared (its count is the interpreter's). */
void	objects_push_globals(struct machine *m, enum event_reason reason);

/* Pushes the empty tuple. */
void	objects_push_empty_tuple(struct machine *m);
/* Pushes str(value) of a bool: 3.11's static 'True' or 'False' (_Py_ID,
 * never freed, not the interned str a constant 'True' is). */
void	objects_push_bool_str(struct machine *m, bool value);
/* Pushes the interpreter's static str of text (_Py_STR: shared, never
 * freed), made on first use: an error message CPython keeps ready, as
 * "list index out of range". */
void	objects_push_static_str(struct machine *m, const char *text);

/* Builds a list or tuple from the `count` entries at the top of the stack
 * (first item deepest), which it takes; pushes the new container. */
void	objects_build_sequence(struct machine *m, enum obj_type type,
	    uint32_t count, enum event_reason reason);

/* The object an int or a str constant is in CPython when it is shared
 * (a small int; an interned, one-character or empty str) and already
 * exists; else OBJ_NULL (a constant would be a new object).  Make no
 * event: for expect: lines. */
objid_t	objects_shared_int(const struct machine *m, int64_t value);
objid_t	objects_shared_str(const struct machine *m, const char *bytes,
	    size_t len);

#endif
