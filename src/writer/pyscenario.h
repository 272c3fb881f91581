/*
 * pyscenario.h: `refscope export --python` of a YAML scenario -- the same
 * lesson as a .py scenario (DESIGN §9): the docstring its title and
 * summary, `# refscope:` its settings, comments its narration, `# expect:`,
 * `# pause` and `# label:` its directives, `def` and `class` its functions
 * and classes, a `for i in range(N):` loop its `repeat:`, `pass` its
 * narration steps.
 */
#ifndef REFSCOPE_PYSCENARIO_H
#define REFSCOPE_PYSCENARIO_H

#include "base/strbuf.h"
#include "lang/scenario.h"

/*
 * Appends the .py form of YAML scenario s to out.  A file is compiled as
 * one module, where each YAML step is compiled alone (FORMAT.md, section
 * 9): its code and parsed tree hold its constants for the whole run, equal
 * ones are one object, so some expects of s may not hold in the file.  The
 * .py form is run in refscope to find them, and each is written as a note
 * above the docstring (where narration belongs to no statement) instead of
 * an `# expect:` line.  Returns NULL, or (owned) the first error refscope
 * gives the .py form when it cannot run it (a construct .py files do not
 * support yet); the text is written either way.
 */
char	*pyscenario_write(const struct scenario *s, struct strbuf *out);

#endif
