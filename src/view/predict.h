/*
 * predict.h: the viewer's predict mode (issue 18) -- before a step with a
 * question plays, the viewer stops, asks (run/quiz.h), takes the student's
 * answer, then plays the step and reveals whether the answer was right and,
 * if not, the misconception it reveals; at the end, the score.
 *
 * A state machine over the reader's position, with no curses in it: the
 * viewer passes every move through predict_gate, the keys of a question
 * through predict_key, and draws the panel with predict_draw.  Questions
 * answered (or skipped) stay so when the reader goes back; a reload starts
 * over.
 */
#ifndef REFSCOPE_PREDICT_H
#define REFSCOPE_PREDICT_H

#include <stdbool.h>
#include <stdint.h>

#include "run/quiz.h"
#include "view/canvas.h"

/* Keys predict_key takes besides printable characters. */
#define PREDICT_ENTER		'\n'
#define PREDICT_BACKSPACE	'\b'
#define PREDICT_ESCAPE		27

struct predict;

/*
 * Predict mode on run r (executed with retain; it must outlive the mode).
 * report (may be NULL) is a file name to which each answer is appended as
 * a JSON line {scenario, question, line, text, answer, expected, right}.
 */
struct predict	*predict_new(struct run *r, const char *report);
void		 predict_free(struct predict *p);

/*
 * The position a move from `from` to `to` may reach: `to`, or the start
 * of the first step on the way whose question is not answered yet -- and
 * then the question is being asked.
 */
uint64_t	 predict_gate(struct predict *p, uint64_t from, uint64_t to);

/* Whether a question waits for its answer (the viewer routes keys here). */
bool		 predict_asking(const struct predict *p);
/* Whether the question asking takes typed text (q is then a letter). */
bool		 predict_typing(const struct predict *p);

enum predict_action {
	PREDICT_NOTHING,	/* nothing changed */
	PREDICT_REDRAW,		/* the panel changed */
	PREDICT_PLAY		/* answered or skipped: play the step to
				   predict_play_until() */
};

/* A key while asking; selected is the box the reader has selected (Tab,
 * a click), which Space adds to or takes from a list of objects. */
enum predict_action predict_key(struct predict *p, int key, objid_t selected);
uint64_t	 predict_play_until(const struct predict *p);

/* A move key after a reveal: the reveal goes. */
void		 predict_dismiss(struct predict *p);

/*
 * Draws the panel, if any, over the bottom of c (above its last row, the
 * timeline): the question with the answer being given, the reveal, or at
 * the end of the run the score.  position is the reader's.
 */
void		 predict_draw(const struct predict *p, struct canvas *c,
		    uint64_t position);

/* Whether every report line was written; *why (static) says why not. */
bool		 predict_report_ok(const struct predict *p, const char **why);

#endif
