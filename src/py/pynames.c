/*
 * pynames.c: the names every CPython module can use without defining them,
 * sorted for bsearch.  Generated from 3.11's dir(builtins), with what
 * 3.12 to 3.14 add, and the globals a module run as a file has.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "py/pynames.h"

static const char *const builtins[] = {
	"ArithmeticError", "AssertionError", "AttributeError",
	"BaseException", "BaseExceptionGroup", "BlockingIOError",
	"BrokenPipeError", "BufferError", "BytesWarning",
	"ChildProcessError", "ConnectionAbortedError", "ConnectionError",
	"ConnectionRefusedError", "ConnectionResetError",
	"DeprecationWarning", "EOFError", "Ellipsis", "EncodingWarning",
	"EnvironmentError", "Exception", "ExceptionGroup", "FileExistsError",
	"FileNotFoundError", "FloatingPointError", "FutureWarning",
	"GeneratorExit", "IOError", "ImportError", "ImportWarning",
	"IndentationError", "IndexError", "InterruptedError",
	"IsADirectoryError", "KeyError", "KeyboardInterrupt", "LookupError",
	"MemoryError", "ModuleNotFoundError", "NameError",
	"NotADirectoryError", "NotImplemented", "NotImplementedError",
	"OSError", "OverflowError", "PendingDeprecationWarning",
	"PermissionError", "ProcessLookupError", "PythonFinalizationError",
	"RecursionError", "ReferenceError", "ResourceWarning",
	"RuntimeError", "RuntimeWarning", "StopAsyncIteration",
	"StopIteration", "SyntaxError", "SyntaxWarning", "SystemError",
	"SystemExit", "TabError", "TimeoutError", "TypeError",
	"UnboundLocalError", "UnicodeDecodeError", "UnicodeEncodeError",
	"UnicodeError", "UnicodeTranslateError", "UnicodeWarning",
	"UserWarning", "ValueError", "Warning", "ZeroDivisionError",
	"__build_class__", "__debug__", "__import__", "abs", "aiter", "all",
	"anext", "any", "ascii", "bin", "bool", "breakpoint", "bytearray",
	"bytes", "callable", "chr", "classmethod", "compile", "complex",
	"copyright", "credits", "delattr", "dict", "dir", "divmod",
	"enumerate", "eval", "exec", "exit", "filter", "float", "format",
	"frozenset", "getattr", "globals", "hasattr", "hash", "help", "hex",
	"id", "input", "int", "isinstance", "issubclass", "iter", "len",
	"license", "list", "locals", "map", "max", "memoryview", "min",
	"next", "object", "oct", "open", "ord", "pow", "print", "property",
	"quit", "range", "repr", "reversed", "round", "set", "setattr",
	"slice", "sorted", "staticmethod", "str", "sum", "super", "tuple",
	"type", "vars", "zip",
};

static const char *const module_globals[] = {
	"__annotations__", "__builtins__", "__cached__", "__doc__", "__file__",
	"__loader__", "__name__", "__package__", "__spec__",
};

static int
compare(const void *key, const void *entry)
{
	return strcmp(key, *(const char *const *)entry);
}

bool
pynames_is_builtin(const char *name)
{
	return bsearch(name, builtins, sizeof builtins / sizeof *builtins,
	    sizeof *builtins, compare) != NULL;
}

bool
pynames_is_module_global(const char *name)
{
	return bsearch(name, module_globals, sizeof module_globals /
	    sizeof *module_globals, sizeof *module_globals, compare) != NULL;
}

/* Builtins' exception hierarchy (Objects/exceptions.c), the part the
 * model raises and a teaching program catches. */
static const struct exception_class {
	const char	*name;
	const char	*base;
} exception_classes[] = {
	{ "ArithmeticError", "Exception" },
	{ "AssertionError", "Exception" },
	{ "AttributeError", "Exception" },
	{ "BaseException", "" },
	{ "Exception", "BaseException" },
	{ "IndexError", "LookupError" },
	{ "KeyError", "LookupError" },
	{ "LookupError", "Exception" },
	{ "NameError", "Exception" },
	{ "NotImplementedError", "RuntimeError" },
	{ "OverflowError", "ArithmeticError" },
	{ "RecursionError", "RuntimeError" },
	{ "RuntimeError", "Exception" },
	{ "StopIteration", "Exception" },
	{ "TypeError", "Exception" },
	{ "UnboundLocalError", "NameError" },
	{ "ValueError", "Exception" },
	{ "ZeroDivisionError", "ArithmeticError" },
};

const char *
pynames_exception_base(const char *name)
{
	for (size_t i = 0; i < sizeof exception_classes /
	    sizeof *exception_classes; i++)
		if (strcmp(exception_classes[i].name, name) == 0)
			return exception_classes[i].base;
	return NULL;
}

bool
pynames_exception_matches(const char *name, const char *cls)
{
	while (name != NULL && *name != '\0') {
		if (strcmp(name, cls) == 0)
			return true;
		name = pynames_exception_base(name);
	}
	return false;
}
