/*
 * dump.h: `refscope dump` -- each step as text a person can read: by
 * default the viewer's own picture (the same scene, layout and canvas code),
 * or, with --list, a compact listing of the names of every frame and every
 * live object with its type, value, reference count and references.
 */
#ifndef REFSCOPE_DUMP_H
#define REFSCOPE_DUMP_H

#include <stdbool.h>
#include <stdio.h>

#include "lang/program.h"
#include "writer/budget.h"
#include "sim/interp.h"

struct dump_writer;

/* The widest picture dump draws (--width), in columns. */
#define DUMP_MAX_WIDTH	1000

struct dump_options {
	bool	list;		/* the listing, not the picture */
	int	width;		/* the picture's width in columns */
	bool	ansi;		/* colours as ANSI escapes */
	bool	ascii;		/* ASCII only */
	struct writer_limit max;	/* stop there, with a message */
};

/* A writer to out (not closed by it); caller frees with dump_writer_free.
 * The picture needs a timeline that retains its events. */
struct dump_writer *dump_writer_new(FILE *out, const struct program *p,
		    const struct dump_options *o);
void		 dump_writer_free(struct dump_writer *w);
/* After the run: the picture of every step, in step order, each at the
 * end of its step (seeking h through t).  Nothing with --list. */
void		 dump_writer_pictures(struct dump_writer *w, struct heap *h,
		    const struct timeline *t);
/* When the dump was cut short by its limit (budget.h), moves that located message to *errors. */
void		 dump_writer_take_errors(struct dump_writer *w,
		    struct diag **errors);
/* The errno of the write that failed and ended the dump, or 0. */
int		 dump_writer_error(const struct dump_writer *w);
/* Sets the hooks that print each step as it ends (the listing). */
void		 dump_writer_attach(struct dump_writer *w, struct timeline *t,
		    struct interp_hooks *hooks);

#endif
