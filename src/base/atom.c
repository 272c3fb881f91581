/*
 * atom.c: the process-wide table of interned names.
 *
 * Atom n (n >= 1) is names[n - 1]; its bytes never move until atom_reset,
 * so atom_name() pointers stay valid while atoms are added.  The index is an
 * open-addressing hash table of atoms (0 = empty slot), kept at most half
 * full, with linear probing.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "base/atom.h"
#include "base/xalloc.h"

struct atom_entry {
	char		*name;		/* owned, NUL-terminated */
	size_t		 len;
	uint32_t	 hash;
};

static struct atom_entry	*names;		/* names[atom - 1] */
static size_t			 nnames, names_cap;
static atom_t			*slots;		/* the hash index */
static size_t			 nslots;	/* a power of two, or 0 */

/* FNV-1a: short identifiers, no adversary worth a keyed hash. */
static uint32_t
atom_hash(const char *name, size_t len)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)name[i];
		h *= 16777619u;
	}
	return h;
}

static void
atom_grow_index(void)
{
	size_t n, i, j;
	atom_t *s;

	n = nslots == 0 ? 64 : nslots * 2;
	s = xcalloc(n, sizeof *s);
	for (i = 0; i < nnames; i++) {
		j = names[i].hash & (n - 1);
		while (s[j] != ATOM_NONE)
			j = (j + 1) & (n - 1);
		s[j] = (atom_t)(i + 1);
	}
	xfree(slots);
	slots = s;
	nslots = n;
}

atom_t
atom_intern(const char *name, size_t len)
{
	struct atom_entry *e;
	uint32_t h;
	size_t j;
	atom_t a;

	h = atom_hash(name, len);
	if (nslots != 0) {
		for (j = h & (nslots - 1); (a = slots[j]) != ATOM_NONE;
		    j = (j + 1) & (nslots - 1)) {
			e = &names[a - 1];
			if (e->hash == h && e->len == len &&
			    memcmp(e->name, name, len) == 0)
				return a;
		}
	}

	/* No check for UINT32_MAX atoms: names[] (24 bytes an atom) runs
	 * out of memory long before, and that is fatal in xalloc. */
	if ((nnames + 1) * 2 > nslots)
		atom_grow_index();
	if (nnames == names_cap) {
		names_cap = names_cap == 0 ? 64 : names_cap * 2;
		names = xreallocarray(names, names_cap, sizeof *names);
	}
	e = &names[nnames];
	e->name = xmalloc(len + 1);
	if (len != 0)
		memcpy(e->name, name, len);
	e->name[len] = '\0';
	e->len = len;
	e->hash = h;
	a = (atom_t)++nnames;

	for (j = h & (nslots - 1); slots[j] != ATOM_NONE;
	    j = (j + 1) & (nslots - 1))
		;
	slots[j] = a;
	return a;
}

atom_t
atom_from(const char *name)
{
	return atom_intern(name, strlen(name));
}

const char *
atom_name(atom_t atom)
{
	if (atom == ATOM_NONE || atom > nnames)
		return "";
	return names[atom - 1].name;
}

size_t
atom_length(atom_t atom)
{
	if (atom == ATOM_NONE || atom > nnames)
		return 0;
	return names[atom - 1].len;
}

void
atom_reset(void)
{
	size_t i;

	for (i = 0; i < nnames; i++)
		xfree(names[i].name);
	xfree(names);
	xfree(slots);
	names = NULL;
	slots = NULL;
	nnames = names_cap = nslots = 0;
}
