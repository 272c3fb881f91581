/*
 * pynames.h: the names CPython gives a module before its first line: the
 * builtins (print, len, ValueError, exit, ...) and a file's own globals
 * (__name__, __file__, ...).  The simulator models some of them; for the
 * others it must say "not supported yet", never NameError.
 */
#ifndef REFSCOPE_PYNAMES_H
#define REFSCOPE_PYNAMES_H

#include <stdbool.h>

/* Whether name is in builtins in one of the versions modelled. */
bool	pynames_is_builtin(const char *name);
/* Whether name is a global of every module run as a file (__name__). */
bool	pynames_is_module_global(const char *name);

/* The built-in exception classes the model raises and catches: the base
 * class of exception class name ("" for BaseException), or NULL when
 * name is none of them. */
const char *pynames_exception_base(const char *name);
/* Whether exception class name is cls or derives from it. */
bool	pynames_exception_matches(const char *name, const char *cls);

#endif
