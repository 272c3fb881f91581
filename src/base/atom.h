/*
 * atom.h: interned identifiers.
 *
 * Names of variables, parameters, attributes, functions and classes are
 * interned once into a process-wide table, so that the simulator compares
 * and stores them as small integers.  Atom 0 is "no name".
 */
#ifndef REFSCOPE_ATOM_H
#define REFSCOPE_ATOM_H

#include <stddef.h>
#include <stdint.h>

typedef uint32_t atom_t;

#define ATOM_NONE 0

/* The atom for the len bytes at name (not necessarily NUL-terminated). */
atom_t		 atom_intern(const char *name, size_t len);
/* Same, for a C string. */
atom_t		 atom_from(const char *name);
/* The name of an atom; valid until atom_reset.  "" for ATOM_NONE. */
const char	*atom_name(atom_t atom);
size_t		 atom_length(atom_t atom);
/* Frees the table (at exit, and between tests). */
void		 atom_reset(void);

#endif
