/*
 * trace.h: the JSON Lines trace of DESIGN §7.
 *
 * A trace writer is attached to a run through the timeline's on_event and
 * the interpreter's on_step hooks: it writes each step's record as the step
 * ends (and, with events, one line per micro-event as it happens), so the
 * trace streams -- it never holds more than the steps still open.
 * Every string is JSON-escaped so no control character reaches a terminal.
 */
#ifndef REFSCOPE_TRACE_H
#define REFSCOPE_TRACE_H

#include <stdbool.h>
#include <stdio.h>

#include "lang/program.h"
#include "sim/interp.h"
#include "sim/timeline.h"

struct trace_writer;

/* A writer to out (not closed by it); with_events adds the event lines.
 * Caller frees with trace_writer_free. */
struct trace_writer *trace_writer_new(FILE *out, const struct program *p,
		    bool with_events);
void		 trace_writer_free(struct trace_writer *w);

/* Hooks everything up: t->on_event and the returned hooks. */
void		 trace_writer_attach(struct trace_writer *w, struct timeline *t,
		    struct interp_hooks *hooks);

/* When the trace was cut short by the limit on what a command writes
 * (budget.h), moves that located message to *errors. */
void		 trace_writer_take_errors(struct trace_writer *w,
		    struct diag **errors);
/* The errno of the write that failed and ended the trace, or 0. */
int		 trace_writer_error(const struct trace_writer *w);

/* Appends the JSON of one object as it stands in h (id, type, repr,
 * refcount, cached, refs) -- shared with other writers. */
void		 trace_object_json(const struct heap *h, objid_t id,
		    struct strbuf *out);

#endif
