/*
 * pyversion.h: the CPython versions refscope models (DESIGN §10), by name.
 * What differs between them is sim/version.h's; this is only which ones
 * there are and how a scenario or the command line names one.
 */
#ifndef REFSCOPE_PYVERSION_H
#define REFSCOPE_PYVERSION_H

#include <stdbool.h>
#include <stddef.h>

enum py_version {
	PY_3_11,
	PY_3_12,
	PY_3_13,
	PY_3_14,
	PY_VERSION_COUNT
};

/* The version a scenario models unless it or the command line says. */
#define PY_VERSION_DEFAULT	PY_3_11
/* The names, for messages: "3.11, 3.12, 3.13 or 3.14". */
#define PY_VERSION_CHOICES	"3.11, 3.12, 3.13 or 3.14"

/* The version named by the len bytes at s ("3.12"); false if none is. */
bool		 pyversion_parse(const char *s, size_t len,
		    enum py_version *out);
/* "3.11" ...; a static string. */
const char	*pyversion_name(enum py_version v);

#endif
