/*
 * dump.h: `refscope dump` -- each step's state as plain text a person can
 * read: the names of every frame, every live object with its type, value
 * and reference count, and what it refers to.  (The viewer's own picture
 * replaces this listing once the view layer exists.)
 */
#ifndef REFSCOPE_DUMP_H
#define REFSCOPE_DUMP_H

#include <stdio.h>

#include "lang/program.h"
#include "sim/interp.h"

struct dump_writer;

/* A writer to out (not closed by it); caller frees with dump_writer_free. */
struct dump_writer *dump_writer_new(FILE *out, const struct program *p);
void		 dump_writer_free(struct dump_writer *w);
/* Sets the hooks that print each step as it ends. */
void		 dump_writer_attach(struct dump_writer *w, struct timeline *t,
		    struct interp_hooks *hooks);

#endif
