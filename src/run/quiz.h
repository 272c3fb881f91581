/*
 * quiz.h: the questions a run asks before its steps play -- predict, then
 * see (issue 18) -- with the model's answers and, for a wrong answer, the
 * misconception it reveals.
 *
 * A scenario's questions are its authored ask: lines (a step's ask: in
 * YAML, `# ask:` in a .py file), each at the first time its step ran.  A
 * scenario without any gets questions made from its events instead, at
 * the module-level steps where something is worth asking: objects freed
 * (which, and in what order), a collection (which objects it frees, or
 * what gc.collect() prints), a line that prints, a named object's count
 * changed by the line.  At most one question per step.
 *
 * The answers are read from the run's timeline and heap, which quiz_build
 * moves about and puts back where they were; the questions borrow the
 * run's texts, so the run must outlive them.
 */
#ifndef REFSCOPE_QUIZ_H
#define REFSCOPE_QUIZ_H

#include <stdbool.h>
#include <stdint.h>

#include "run/run.h"

enum quiz_kind {
	QUIZ_NUMBER,	/* a count: refcount(x), heap, freed, ... */
	QUIZ_TRUTH,	/* True or False: x is y, alive(x) */
	QUIZ_FREED,	/* which objects reference counting frees, in order
			   (perhaps none) */
	QUIZ_COLLECTED,	/* which objects the collector frees */
	QUIZ_PRINTED	/* what the line prints */
};

struct quiz_question {
	enum quiz_kind	 kind;
	bool		 authored;	/* an ask: line, not made by quiz */
	uint32_t	 step;		/* the timeline step asked about */
	uint32_t	 ordinal;	/* the viewer's step number of it */
	const struct text *code;	/* borrowed: the line asked about */
	char		*text;		/* the question, ending in '?' */
	char		*check;		/* what is asked, in the expect
					   language where it has a form
					   ("refcount(x)", "x is y", "freed")
					   or "printed" */

	/* the answer */
	int64_t		 number;	/* NUMBER; TRUTH as 1/0 */
	objid_t		*objects;	/* FREED in order; COLLECTED */
	char		**object_texts;	/* each one as the worksheet names it
					   ("list #3 [1000, 2000]") */
	uint32_t	 object_count;
	char		*printed;	/* PRINTED: the text, newlines and all */
	char		*why;		/* one sentence from the events'
					   reasons, or NULL */

	/* what a count question knows of its object, for the
	 * misconceptions: its count before the line (-1: new) and the names
	 * bound to it after (0 when not known) */
	int64_t		 before;
	uint32_t	 names;
};

/* Everything is owned by the quiz (quiz_free). */
struct quiz {
	struct quiz_question *questions;
	uint32_t	 count;
};

/*
 * The questions of an executed run (run_execute with retain; the run must
 * have completed: a run stopped by an error asks nothing past it).  The
 * heap is put back at the position it had.
 */
void	quiz_build(struct run *r, struct quiz *q);
void	quiz_free(struct quiz *q);

/* A student's answer to q: the fields of q's kind. */
struct quiz_reply {
	int64_t		 number;	/* NUMBER; TRUTH as 1/0 */
	const objid_t	*objects;	/* FREED (in order), COLLECTED */
	uint32_t	 object_count;
	const char	*printed;	/* PRINTED; a final newline ignored */
};

bool	quiz_is_right(const struct quiz_question *q,
	    const struct quiz_reply *a);

/* For a wrong reply, the misconception it reveals in one sentence (static
 * text); NULL for a right one. */
const char *quiz_misconception(const struct quiz_question *q,
	    const struct quiz_reply *a);

/* The answer as the worksheet writes it ("2", "True", "list #3, then
 * int #4", "nothing is freed", the printed text).  Caller frees. */
char	*quiz_answer_text(const struct quiz_question *q);

#endif
