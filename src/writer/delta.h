/*
 * delta.h: the delta trace (`trace --delta`, DESIGN §7): each record after
 * the first says only what changed since the record before it.
 *
 * A full record lists every live object, so a run's full trace is steps x
 * live objects long.  A delta record is as long as what its events did:
 * the first record holds the whole state, as the full trace's first
 * record does, byte for byte; each later one holds
 *
 *   "frames":{"keep":K,"put":[[i,FRAME],...]}   only when frames changed:
 *       keep the first K frames, then set frame i (i <= the count) for
 *       each put, FRAME as in the full record;
 *   "new":[OBJECT,...]         objects listed now and not before, whole;
 *   "changed":[{"id":N, ...}]  objects listed before and now, with only
 *       the fields that changed: "refcount", "repr", "gen", and the
 *       changes of its references as splices [AT,DELETE,[INSERT...]]
 *       applied in order to its "refs": under "items" (a list or tuple:
 *       INSERT are ids, and every reference is then labelled "[i]" by its
 *       position), "elements" (a set: the same with "{i}") or "refs"
 *       (INSERT are {"via","id"} as in the full record);
 *   "gone":[N,...]             objects listed before and not now;
 *
 * and step, depth, line, code, freed, collected and output as in the full
 * record.  Replaying the records in order rebuilds every full record
 * exactly (tests/cli/replay-delta.py does, for every scenario in the
 * tree), with the heap in id order.
 *
 * The work per record is what its events touched: the objects an event
 * names, and the containers whose (cut) repr printed a container that
 * changed -- heap_repr_seen tells which, so nothing walks the heap.
 */
#ifndef REFSCOPE_DELTA_H
#define REFSCOPE_DELTA_H

#include "base/strbuf.h"
#include "writer/live.h"
#include "writer/tracejson.h"
#include "sim/event.h"
#include "sim/heap.h"

struct trace_delta;

/*
 * TRACE_DELTA_RECORDS writes delta records.  TRACE_DELTA_CACHE serves the
 * full trace: it keeps every listed object's JSON and renders afresh only
 * the objects a delta record would name, so a record of ten thousand
 * objects of which one changed costs a copy, not ten thousand reprs.
 */
enum trace_delta_mode {
	TRACE_DELTA_RECORDS,
	TRACE_DELTA_CACHE
};

/* Caller frees with trace_delta_free. */
struct trace_delta *trace_delta_new(enum trace_delta_mode mode);
void		 trace_delta_free(struct trace_delta *d);

/* RECORDS: takes the state of h, which the first record has just listed
 * whole, as the base of the next record.  live holds every live object. */
void		 trace_delta_begin(struct trace_delta *d,
		    const struct heap *h, const struct live_ids *live);

/* Follows one event of the run, as event_read read it, just applied to h
 * (RECORDS: nothing before trace_delta_begin; CACHE: every event from the
 * run's start). */
void		 trace_delta_on_event(struct trace_delta *d,
		    const struct heap *h, const struct event_reading *r);

/* RECORDS: appends to out the state fields of a later record -- "frames"
 * if they changed, then "new", "changed" and "gone", each after a comma
 * -- and takes the state of h as the base of the next one. */
void		 trace_delta_record(struct trace_delta *d,
		    const struct heap *h, const struct live_ids *live,
		    struct trace_json *j, struct strbuf *out);

/* CACHE: appends the full record's heap list, [OBJECT,...] in id order,
 * as trace_json_object would write each; live holds every live object. */
void		 trace_delta_heap(struct trace_delta *d, const struct heap *h,
		    const struct live_ids *live, struct trace_json *j,
		    struct strbuf *out);

#endif
