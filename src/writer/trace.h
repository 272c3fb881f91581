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
#include "writer/budget.h"
#include "sim/interp.h"
#include "sim/timeline.h"

struct trace_writer;

struct trace_options {
	bool		 events;	/* a line per micro-event too */
	bool		 delta;		/* later records say only what
					   changed (delta.h) */
	struct writer_limit max;		/* stop there, with a message */
	bool		 fresh;		/* full records: render every object
					   afresh, without delta.h's cache
					   (the tests compare the two) */
};

/* A writer to out (not closed by it).  Caller frees with
 * trace_writer_free. */
struct trace_writer *trace_writer_new(FILE *out, const struct program *p,
		    const struct trace_options *o);
void		 trace_writer_free(struct trace_writer *w);

/* Hooks everything up: t->on_event and the returned hooks. */
void		 trace_writer_attach(struct trace_writer *w, struct timeline *t,
		    struct interp_hooks *hooks);

/* When the trace was cut short by its limit (budget.h), moves that
 * located message to *errors. */
void		 trace_writer_take_errors(struct trace_writer *w,
		    struct diag **errors);
/* The errno of the write that failed and ended the trace, or 0. */
int		 trace_writer_error(const struct trace_writer *w);

#endif
