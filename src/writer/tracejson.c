/*
 * tracejson.c: the JSON pieces of a trace record (see tracejson.h).
 *
 * A trace of a long run writes millions of these, so the common cases
 * (an item reference, a number) are built by hand rather than printf'd.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>

#include "base/atom.h"
#include "sim/version.h"
#include "writer/tracejson.h"

/* Appends a string literal without measuring it. */
#define put_lit(sb, literal) strbuf_append((sb), "" literal, sizeof(literal) - 1)

void
trace_json_free(struct trace_json *j)
{
	strbuf_free(&j->repr);
	strbuf_free(&j->label);
}

/* Writes v in decimal at p; returns the end. */
static char *
format_uint(char *p, uint64_t v)
{
	char	buf[24];
	int	n = 0;

	do {
		buf[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	while (n > 0)
		*p++ = buf[--n];
	return p;
}

void
trace_json_uint(struct strbuf *out, uint64_t v)
{
	char	buf[24];

	strbuf_append(out, buf, (size_t)(format_uint(buf, v) - buf));
}

void
trace_json_int(struct strbuf *out, int64_t v)
{
	if (v < 0) {
		strbuf_putc(out, '-');
		trace_json_uint(out, (uint64_t)0 - (uint64_t)v);
	} else
		trace_json_uint(out, (uint64_t)v);
}

bool
trace_json_listed(const struct heap *h, objid_t id)
{
	const struct object *o = heap_object(h, id);

	if (o->state != OBJ_ALIVE)
		return false;
	return !(o->flags & OBJF_CACHED) || o->refcount > 0;
}

void
trace_json_ref(struct trace_json *j, const struct heap *h, objid_t owner,
    const struct heap_ref *ref, struct strbuf *out)
{
	if (ref->site == SITE_ITEM) {
		/* {"via":"[i]","id":n}: the common case, in one append */
		char buf[80], *p = buf;

		memcpy(p, "{\"via\":\"[", 9);
		p = format_uint(p + 9, ref->index);
		memcpy(p, "]\",\"id\":", 8);
		p = format_uint(p + 8, ref->target);
		*p++ = '}';
		strbuf_append(out, buf, (size_t)(p - buf));
		return;
	}
	put_lit(out, "{\"via\":");
	strbuf_truncate(&j->label, 0);
	heap_ref_label(h, owner, ref, &j->label);
	strbuf_append_json_string(out, strbuf_str(&j->label), j->label.len);
	put_lit(out, ",\"id\":");
	trace_json_uint(out, ref->target);
	strbuf_putc(out, '}');
}

struct refs_ctx {
	struct trace_json	*j;
	const struct heap	*h;
	objid_t			 owner;
	struct strbuf		*out;
	bool			 first;
};

static bool
ref_json(void *ctx, const struct heap_ref *ref)
{
	struct refs_ctx *c = ctx;

	if (!c->first)
		strbuf_putc(c->out, ',');
	c->first = false;
	trace_json_ref(c->j, c->h, c->owner, ref, c->out);
	return true;
}

void
trace_json_gen(const struct heap *h, objid_t id, struct strbuf *out)
{
	const struct object *o = heap_object(h, id);

	if (o->flags & OBJF_TRACKED)
		trace_json_uint(out, o->gen);
	else
		put_lit(out, "null");
}

void
trace_json_object(struct trace_json *j, const struct heap *h, objid_t id,
    struct strbuf *out)
{
	trace_json_object_seen(j, h, id, out, NULL, NULL);
}

void
trace_json_object_seen(struct trace_json *j, const struct heap *h,
    objid_t id, struct strbuf *out, heap_seen_fn seen, void *ctx)
{
	const struct object	*o = heap_object(h, id);
	struct refs_ctx		 refs = { j, h, id, out, true };

	put_lit(out, "{\"id\":");
	trace_json_uint(out, id);
	/* type names are identifiers (the loader checks class names): no
	 * escape is needed */
	put_lit(out, ",\"type\":\"");
	strbuf_puts(out, heap_type_name(h, id));
	put_lit(out, "\",\"repr\":");
	strbuf_truncate(&j->repr, 0);
	if (seen != NULL)
		heap_repr_seen(h, id, TRACE_REPR_MAX, &j->repr, seen, ctx);
	else
		heap_repr(h, id, false, TRACE_REPR_MAX, &j->repr);
	strbuf_append_json_string(out, strbuf_str(&j->repr), j->repr.len);
	put_lit(out, ",\"refcount\":");
	trace_json_int(out, version_refcount(h, id));
	if (version_immortal(h, id))
		put_lit(out, ",\"immortal\":true");
	if (o->flags & OBJF_CACHED)
		put_lit(out, ",\"cached\":true");
	else
		put_lit(out, ",\"cached\":false");
	put_lit(out, ",\"gen\":");
	trace_json_gen(h, id, out);
	put_lit(out, ",\"refs\":[");
	heap_visit_refs(h, id, ref_json, &refs);
	put_lit(out, "]");
	/* a weakref's referent: a reference of its own kind, not counted */
	if (heap_weak_target(h, id) != OBJ_NULL) {
		put_lit(out, ",\"weak\":");
		trace_json_uint(out, heap_weak_target(h, id));
	}
	strbuf_putc(out, '}');
}

void
trace_json_frame(const struct heap *h, uint32_t f, struct strbuf *out)
{
	const struct frame	*fr = &h->frames[f];
	bool			 first = true;

	put_lit(out, "{\"function\":");
	if (fr->function == OBJ_NULL)
		put_lit(out, "\"<module>\"");
	else {
		const char *name = atom_name(heap_object(h,
		    fr->function)->as.fn->name);

		strbuf_append_json_string(out, name, strlen(name));
	}
	put_lit(out, ",\"names\":{");
	for (uint32_t i = 0; i < fr->name_count; i++) {
		const char *name;

		if (fr->names[i].value == OBJ_NULL)
			continue;
		if (!first)
			strbuf_putc(out, ',');
		first = false;
		name = atom_name(fr->names[i].name);
		strbuf_append_json_string(out, name, strlen(name));
		strbuf_putc(out, ':');
		trace_json_uint(out, fr->names[i].value);
	}
	put_lit(out, "}}");
}
