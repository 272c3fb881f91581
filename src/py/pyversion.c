/*
 * pyversion.c: the modelled CPython versions by name (pyversion.h).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>

#include "py/pyversion.h"

static const char *const names[PY_VERSION_COUNT] = {
	[PY_3_11] = "3.11",
	[PY_3_12] = "3.12",
	[PY_3_13] = "3.13",
	[PY_3_14] = "3.14",
};

bool
pyversion_parse(const char *s, size_t len, enum py_version *out)
{
	for (int v = 0; v < PY_VERSION_COUNT; v++) {
		if (strlen(names[v]) == len && memcmp(names[v], s, len) == 0) {
			*out = (enum py_version)v;
			return true;
		}
	}
	return false;
}

const char *
pyversion_name(enum py_version v)
{
	return (unsigned)v < PY_VERSION_COUNT ? names[v] : "?";
}
