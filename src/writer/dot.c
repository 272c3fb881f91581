/*
 * dot.c: a scene as Graphviz DOT.
 */
#include "config.h"

#include <string.h>

#include "base/strbuf.h"
#include "writer/dot.h"

/* A DOT string literal: quotes and backslashes escaped, control
 * characters shown visibly, newlines as DOT's \n line breaks. */
static void
put_label(struct strbuf *out, const char *text)
{
	struct strbuf	visible = STRBUF_INIT;
	const char	*p;

	strbuf_append_visible(&visible, text, strlen(text), 1);
	strbuf_putc(out, '"');
	for (p = strbuf_str(&visible); *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			strbuf_putc(out, '\\');
		if (*p == '\n') {
			strbuf_puts(out, "\\n");
			continue;
		}
		strbuf_putc(out, *p);
	}
	strbuf_putc(out, '"');
	strbuf_free(&visible);
}

static void
node_name(struct strbuf *out, const struct scene_node *n)
{
	if (n->kind == SCENE_FRAME)
		strbuf_printf(out, "frame%u", n->frame);
	else
		strbuf_printf(out, "obj%u", n->id);
}

void
dot_write(const struct scene *s, struct strbuf *out)
{
	strbuf_puts(out, "digraph refscope {\n"
	    "  rankdir=LR;\n"
	    "  node [shape=box, fontname=\"monospace\"];\n"
	    "  edge [fontname=\"monospace\", fontsize=10];\n");
	if (s->python != NULL)	/* the CPython version modelled */
		strbuf_printf(out, "  // python %s\n", s->python);
	if (s->title != NULL) {
		strbuf_puts(out, "  label=");
		put_label(out, s->title);
		strbuf_puts(out, ";\n  labelloc=t;\n");
	}
	for (uint32_t i = 0; i < s->node_count; i++) {
		const struct scene_node	*n = &s->nodes[i];
		struct strbuf		 label = STRBUF_INIT;

		if (n->kind == SCENE_FRAME)
			strbuf_printf(&label, "%s", n->type);
		else {
			strbuf_printf(&label, "%s #%u\nrefcount %d", n->type,
			    n->id, (int)n->refcount);
			if (n->value != NULL)
				strbuf_printf(&label, "\n%s", n->value);
		}
		strbuf_puts(out, "  ");
		node_name(out, n);
		strbuf_puts(out, " [label=");
		put_label(out, strbuf_str(&label));
		if (n->kind == SCENE_FRAME)
			strbuf_puts(out, ", style=bold");
		else if (n->flags & SCENE_CACHED)
			strbuf_puts(out, ", style=dashed");
		else if (n->flags & SCENE_GARBAGE)
			strbuf_puts(out, ", color=red");
		strbuf_puts(out, "];\n");
		strbuf_free(&label);
	}
	for (uint32_t i = 0; i < s->node_count; i++) {
		const struct scene_node *n = &s->nodes[i];

		for (uint32_t k = 0; k < n->slot_count; k++) {
			const struct scene_node *to = scene_find(s,
			    n->slots[k].target);

			if (to == NULL)
				continue;
			strbuf_puts(out, "  ");
			node_name(out, n);
			strbuf_puts(out, " -> ");
			node_name(out, to);
			strbuf_puts(out, " [label=");
			put_label(out, n->slots[k].label);
			/* a weak reference: no count, a dashed arrow */
			if (n->slots[k].kind == SCENE_SLOT_WEAK)
				strbuf_puts(out, ", style=dashed, "
				    "arrowhead=empty");
			strbuf_puts(out, "];\n");
		}
	}
	if (s->crowded)
		strbuf_printf(out, "  more [label=\"%u more objects not drawn\", "
		    "shape=plaintext];\n", s->undrawn);
	strbuf_puts(out, "}\n");
}
