/*
 * tui.h: the interactive viewer -- the ncurses front end (DESIGN §6, §8).
 *
 * The viewer runs a scenario once into a timeline and then only seeks in
 * it: every frame is drawn whole from (timeline position, view options)
 * into a canvas by picture_draw and copied to the screen, and curses works
 * out what changed.  It watches its file and re-runs it when it changes.
 *
 * tui.c is the only file of refscope that includes curses.  Whatever way
 * the viewer ends -- q, an error, SIGINT, SIGTERM, SIGHUP, a crash signal,
 * running out of memory -- the terminal is restored.
 */
#ifndef REFSCOPE_TUI_H
#define REFSCOPE_TUI_H

#include <stdbool.h>

#include "py/pyversion.h"

struct tui_options {
	bool	 ascii;		/* --ascii: draw with ASCII only (also when
				   the locale's character set is not UTF-8) */
	bool	 mono;		/* --mono: attributes, no colours (also when
				   NO_COLOR is set or the terminal has none) */
	bool	 light;		/* --light: the light theme (t toggles) */
	bool	 predict;	/* --predict: ask before each step (p
				   toggles) */
	const char *report;	/* --report FILE: append each answer (and
				   predict), or NULL */
	bool	 versions;	/* --python A,B: the run given is A's; v
				   switches to B's at the same step, and
				   the step panel lists where they differ */
	enum py_version pair[2];
};

struct run;

/*
 * Opens the viewer on run r -- made by run_load_retained, without a
 * status-2 error (its failed expects show in the banner) -- and returns
 * when the reader quits: 0.  The viewer takes the run (it frees it); when
 * r->path changes, and on g, it asks run_load_retained for a new run and
 * shows that run's errors in its banner.  The viewer itself never reads a
 * file.  When it cannot use the terminal (standard input or output is not
 * one, TERM cannot move the cursor) it returns 2 with the reason in *why
 * (the caller's to print and free) without touching the screen.  A SIGINT,
 * SIGTERM or SIGHUP restores the terminal and ends the process by that
 * signal.  o may be NULL (the defaults).  When the report could not be
 * written, it returns 2 with the reason in *why, after the reader quit.
 */
int	 tui_run(struct run *r, const struct tui_options *o, char **why);

#endif
