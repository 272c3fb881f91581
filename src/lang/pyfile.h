/*
 * pyfile.h: a Python source file read as a scenario (DESIGN §9).
 *
 * The file's logical lines become steps, in the module and in the body of
 * each `def`; blocks (`if`/`elif`/`else`, `while`) become each step's
 * next and alt (scenario.h), so the simulator walks the lines as CPython
 * 3.11's line tracing sees them.  Comments are the narration: the
 * full-line comments above a statement (and its trailing comment) are its
 * say:; `# expect: EXPR` and `# pause` under a statement (or trailing it)
 * belong to that statement; `# refscope: NAME VALUE, ...` lines at the
 * top are the settings; the module docstring gives the title and summary.
 * The statements stay text here; lang/program.c parses them
 * (parse_line).
 */
#ifndef REFSCOPE_PYFILE_H
#define REFSCOPE_PYFILE_H

#include <stddef.h>

#include "base/diag.h"
#include "lang/scenario.h"

/*
 * Reads source (xmalloc'd, len bytes plus a NUL; the scenario owns it on
 * success, it is freed on failure) as the .py scenario `name`.  Returns 0
 * and *out (scenario_free), or -1 with located status-2 diagnostics:
 * indentation, a block missing, `break` outside a loop, a construct not
 * supported yet, a bad settings line, a directive with no statement.
 */
int	pyfile_load(const char *name, char *source, size_t len,
	    struct scenario **out, struct diag **errors);

#endif
