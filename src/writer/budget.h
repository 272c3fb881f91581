/*
 * budget.h: how much one command may write (DESIGN §8).
 *
 * A trace or a dump lists the heap at every step, so a scenario of three
 * lines -- a list that grows by one item a million times -- asks for a
 * listing of half a million million objects.  Written to a file or a pipe
 * that is what the user asked for, and it is written (`trace --delta`
 * makes it small).  On a terminal it would bury the screen for hours, so
 * there a listing stops at WRITER_MAX_TERMINAL unless --max-output says
 * otherwise.  A recording (export --cast) also costs the drawing of every
 * frame: it always stops at WRITER_MAX_CAST, a limit of DESIGN §8.  A writer
 * spends its bytes here; once the budget is spent it writes nothing more,
 * does no more of the work, and the command ends with a located message
 * and status 2.  The writer sets what and limit, and frees spent if it is
 * not taken.
 *
 * A write that fails (a full disk, a closed pipe) ends the writing too:
 * nothing after it could reach the reader, so the writer stops at once
 * rather than run on, and keeps errno for the command to report.
 */
#ifndef REFSCOPE_BUDGET_H
#define REFSCOPE_BUDGET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "base/diag.h"
#include "lang/program.h"
#include "sim/timeline.h"

/* What a listing writes to a terminal when --max-output does not say:
 * far more than a person reads (a course scenario's trace is a few
 * hundred KiB). */
#define WRITER_MAX_TERMINAL	(256u * 1024u * 1024u)

/* What a recording may cost: a few seconds of drawing. */
#ifndef WRITER_MAX_CAST
#define WRITER_MAX_CAST		(64u * 1024u * 1024u)
#endif

/* A picture also costs the heap it is drawn from (the scene looks at
 * every object): about what writing this many bytes costs, per object. */
#define WRITER_PICTURE_OBJECT_BYTES	2u

/* Who set a limit: the message says so, and what to do about it. */
enum writer_limit_source {
	WRITER_LIMIT_TERMINAL,	/* standard output is a terminal */
	WRITER_LIMIT_OPTION,	/* --max-output */
	WRITER_LIMIT_FIXED		/* DESIGN §8 */
};

/* The most a writer may write: bytes (0: no limit), and who said so. */
struct writer_limit {
	uint64_t		 bytes;
	enum writer_limit_source	 source;
};

struct writer_budget {
	const char	*what;		/* "the trace", for the message */
	struct writer_limit limit;
	uint64_t	 written;
	struct diag	*spent;		/* owned: set when the budget ran out */
	int		 error;		/* errno of the first failed write */
};

/*
 * Whether n more bytes (or their cost in bytes) fit (never after a failed
 * write).  When they do not, notes (once) where the
 * writing stops: at the statement of step `step` of t.  After that every
 * call answers false.
 */
bool		 writer_budget_spend(struct writer_budget *b, uint64_t n,
		    const struct program *p, const struct timeline *t,
		    uint32_t step);

/*
 * Spends len bytes as writer_budget_spend does and, if they fit, writes them
 * to out.  A failed write sets b->error; after that nothing is written.
 * Whether the bytes were written.
 */
bool		 writer_budget_write(struct writer_budget *b, FILE *out,
		    const void *data, size_t len, const struct program *p,
		    const struct timeline *t, uint32_t step);

/* Whether the writing has ended: the budget ran out or a write failed. */
bool		 writer_budget_spent(const struct writer_budget *b);

/* Moves the message, if any, to the end of *errors. */
void		 writer_budget_take(struct writer_budget *b, struct diag **errors);

#endif
