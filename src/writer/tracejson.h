/*
 * tracejson.h: the JSON pieces of a trace record (DESIGN §7), shared by
 * the full trace and the delta trace so that both spell an object, a
 * reference and a frame the same way, byte for byte.
 */
#ifndef REFSCOPE_TRACEJSON_H
#define REFSCOPE_TRACEJSON_H

#include <stdbool.h>
#include <stdint.h>

#include "base/strbuf.h"
#include "sim/heap.h"

/* A record's repr is cut to this many characters, ending in "…". */
#define TRACE_REPR_MAX 60

/* Scratch buffers, kept between calls so a record allocates nothing. */
struct trace_json {
	struct strbuf	 repr;
	struct strbuf	 label;
};

#define TRACE_JSON_INIT { STRBUF_INIT, STRBUF_INIT }

void	trace_json_free(struct trace_json *j);

/* Appends v in decimal. */
void	trace_json_uint(struct strbuf *out, uint64_t v);
void	trace_json_int(struct strbuf *out, int64_t v);

/* Whether a record lists id: alive, and if shared (cached) only while
 * something holds it. */
bool	trace_json_listed(const struct heap *h, objid_t id);

/* {"id":..,"type":..,"repr":..,"refcount":..,"cached":..,"gen":..,
 * "refs":[..]}: one heap entry as it stands in h. */
void	trace_json_object(struct trace_json *j, const struct heap *h,
	    objid_t id, struct strbuf *out);

/* trace_json_object, calling seen for each container its repr printed
 * (heap_repr_seen). */
void	trace_json_object_seen(struct trace_json *j, const struct heap *h,
	    objid_t id, struct strbuf *out, heap_seen_fn seen, void *ctx);

/* {"via":..,"id":..}: one reference of owner. */
void	trace_json_ref(struct trace_json *j, const struct heap *h,
	    objid_t owner, const struct heap_ref *ref, struct strbuf *out);

/* The "gen" value: the collector's generation, or null untracked. */
void	trace_json_gen(const struct heap *h, objid_t id, struct strbuf *out);

/* {"function":..,"names":{..}}: frame number f, its bound names. */
void	trace_json_frame(const struct heap *h, uint32_t f, struct strbuf *out);

#endif
