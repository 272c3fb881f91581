/*
 * dot.h: `refscope export --dot` -- the names -> objects graph at one step
 * as Graphviz DOT: frames and their names, objects with their type, id,
 * value and reference count, and each reference as a labelled edge.
 */
#ifndef REFSCOPE_DOT_H
#define REFSCOPE_DOT_H

#include "base/strbuf.h"
#include "view/scene.h"

/* Appends the DOT text of scene s to out.  Labels are escaped for DOT
 * (quotes, backslashes) and control characters made visible. */
void	dot_write(const struct scene *s, struct strbuf *out);

#endif
