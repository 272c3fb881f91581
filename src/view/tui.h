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

struct tui_options {
	bool	 ascii;		/* --ascii: draw with ASCII only (also when
				   the locale's character set is not UTF-8) */
	bool	 mono;		/* --mono: attributes, no colours (also when
				   NO_COLOR is set or the terminal has none) */
	bool	 light;		/* --light: the light theme (t toggles) */
};

struct run;

/*
 * Opens the viewer on run r -- loaded from a file and executed with a
 * retained timeline, without a status-2 error (its failed expects show in
 * the banner) -- and returns when the reader quits: 0.  The viewer takes
 * the run (it frees it) and re-runs r->path itself when the file changes.
 * When standard input or output is not a terminal it prints a message and
 * returns 2 without touching the terminal.  A SIGINT, SIGTERM or SIGHUP
 * restores the terminal and ends the process by that signal.  o may be
 * NULL (the defaults).
 */
int	 tui_run(struct run *r, const struct tui_options *o);

#endif
