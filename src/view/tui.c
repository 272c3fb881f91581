/*
 * tui.c: the interactive viewer -- the only file of refscope that includes
 * curses.
 *
 * State and time.  The viewer holds one good run of its scenario (scenario,
 * program, heap, timeline) and a position in it: the heap always stands at
 * heap->position, and every move, forward or back, is a timeline_seek.
 * Nothing is ever re-executed except by a reload.  A frame is drawn whole
 * from that state -- scene, layout, picture into a canvas, then the canvas
 * copied cell by cell to curses -- and curses sends only what changed.
 *
 * The clock.  The input loop waits in getch with a timeout: the next play
 * tick while playing, else POLL_MS.  Each wake-up may advance the play by
 * one event and, every POLL_MS, asks the run module whether the file
 * changed (run_file_changed) for a hot reload.
 *
 * The terminal.  One function, tui_restore, gives the terminal back (endwin,
 * then the termios saved before curses started); it is registered with
 * atexit and called on every way out.  Signal handlers do no other work:
 * SIGINT, SIGTERM and SIGHUP only set a flag the loop reads (getch returns
 * early, as the handlers are installed without SA_RESTART); a second one
 * while the loop is busy, and every other signal whose default action
 * ends the process (tui_signals), restore with async-signal-safe calls
 * only -- write(2) of the terminfo strings saved at start-up and
 * tcsetattr -- before re-raising.  There is no SIGWINCH handler: curses'
 * own turns a resize into KEY_RESIZE.
 */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "base/diag.h"
#include "base/strbuf.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "lang/program.h"
#include "lang/scenario.h"
#include "run/compare.h"
#include "run/run.h"
#include "sim/heap.h"
#include "sim/interp.h"
#include "sim/timeline.h"
#include "view/anim.h"
#include "view/canvas.h"
#include "view/layout.h"
#include "view/picture.h"
#include "view/scene.h"
#include "view/predict.h"
#include "view/tui.h"

/* Last: term.h defines macros named lines, columns and the like. */
#include <curses.h>
#include <term.h>

/* How often the file is checked for a change, and the longest wait for a
 * key when nothing plays. */
#define POLL_MS		250

/* Play speeds: milliseconds per event, slowest first. */
static const int play_delays[] = { 1500, 1000, 600, 400, 250, 150, 80, 40,
    20, 10 };
#define PLAY_SPEEDS	(int)(sizeof play_delays / sizeof *play_delays)
#define PLAY_DEFAULT	4

/* The animation of one event: its length when stepped by hand, the
 * share of the play delay it takes while playing, and the frame clock
 * (30 frames a second).  Below ANIM_MIN_MS an event just appears. */
#define ANIM_STEP_MS	360
#define ANIM_SHARE	3 / 4
#define ANIM_MAX_MS	900
#define ANIM_MIN_MS	60
#define FRAME_MS	33

/* Graph panning, in cells per key press. */
#define PAN_X		8
#define PAN_Y		3

/* ---- the terminal: restore on every way out ---- */

static struct termios		saved_termios;
static bool			have_termios;
static volatile sig_atomic_t	terminal_active;
static volatile sig_atomic_t	quit_signal;

/* What leaves curses' screen, for the signal handlers: the terminfo
 * strings rmcup, cnorm, sgr0 and rmkx, saved when curses started. */
static char			reset_seq[256];
static size_t			reset_len;

/*
 * Every signal whose default action ends the process, so that none leaves
 * the terminal in the alternate screen with echo off.  INT, TERM and HUP
 * ask to quit: the loop ends and restores as on q.  The others restore in
 * the handler, say so, and are raised again with the action they had (the
 * default, or a sanitizer's), as the faults (SEGV, BUS, FPE, ILL, ABRT)
 * and Ctrl-\ (QUIT) expect: a core dump where the default gives one.
 * SIGKILL and SIGSTOP cannot be caught; a signal that was ignored when
 * the viewer started (nohup) stays ignored.
 */
struct tui_signal {
	int		 sig;
	const char	*line;		/* written on stderr: the name */
	bool		 quit;		/* a request to quit */
	bool		 fault;		/* caught even when ignored */
};
static const struct tui_signal tui_signals[] = {
	{ SIGINT, NULL, true, false },
	{ SIGTERM, NULL, true, false },
	{ SIGHUP, NULL, true, false },
	{ SIGQUIT, "refscope: SIGQUIT; terminal restored\n", false, false },
	{ SIGILL, "refscope: SIGILL; terminal restored\n", false, true },
	{ SIGTRAP, "refscope: SIGTRAP; terminal restored\n", false, true },
	{ SIGABRT, "refscope: SIGABRT; terminal restored\n", false, true },
	{ SIGBUS, "refscope: SIGBUS; terminal restored\n", false, true },
	{ SIGFPE, "refscope: SIGFPE; terminal restored\n", false, true },
	{ SIGSEGV, "refscope: SIGSEGV; terminal restored\n", false, true },
	{ SIGSYS, "refscope: SIGSYS; terminal restored\n", false, true },
	{ SIGUSR1, "refscope: SIGUSR1; terminal restored\n", false, false },
	{ SIGUSR2, "refscope: SIGUSR2; terminal restored\n", false, false },
	{ SIGPIPE, "refscope: SIGPIPE; terminal restored\n", false, false },
	{ SIGALRM, "refscope: SIGALRM; terminal restored\n", false, false },
	{ SIGXCPU, "refscope: SIGXCPU; terminal restored\n", false, false },
	{ SIGXFSZ, "refscope: SIGXFSZ; terminal restored\n", false, false },
	{ SIGVTALRM, "refscope: SIGVTALRM; terminal restored\n", false,
	    false },
	{ SIGPROF, "refscope: SIGPROF; terminal restored\n", false, false },
#ifdef SIGSTKFLT
	{ SIGSTKFLT, "refscope: SIGSTKFLT; terminal restored\n", false,
	    false },
#endif
#ifdef SIGPWR
	{ SIGPWR, "refscope: SIGPWR; terminal restored\n", false, false },
#endif
#if defined(SIGIO) && SIGIO != SIGURG
	/* (SIGIO ends a process on Linux; where it is SIGURG, it does not) */
	{ SIGIO, "refscope: SIGIO; terminal restored\n", false, false },
#endif
};
#define TUI_SIGNALS	(sizeof tui_signals / sizeof *tui_signals)
static struct sigaction		old_actions[TUI_SIGNALS];

/* Gives the terminal back: out of curses, the saved termios.  Safe to call
 * any number of times, from atexit too. */
static void
tui_restore(void)
{
	if (!terminal_active)
		return;
	terminal_active = 0;
	endwin();
	fflush(stdout);
	if (have_termios)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved_termios);
}

/* The same with async-signal-safe calls only, for signal handlers. */
static void
restore_in_handler(void)
{
	ssize_t n;

	if (!terminal_active)
		return;
	terminal_active = 0;
	n = write(STDOUT_FILENO, reset_seq, reset_len);
	(void)n;
	if (have_termios)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved_termios);
}

static void
on_quit_signal(int sig)
{
	/* The loop reads the flag at its next wake-up; a second signal means
	 * it is busy (a long reload), so leave now. */
	if (quit_signal != 0) {
		restore_in_handler();
		signal(sig, SIG_DFL);
		raise(sig);
		return;
	}
	quit_signal = sig;
}

static void
on_fatal_signal(int sig)
{
	ssize_t n;

	restore_in_handler();
	/* the old action (a sanitizer's, or the default) gets it next, as
	 * the signal is blocked until this handler returns */
	for (size_t i = 0; i < TUI_SIGNALS; i++) {
		if (tui_signals[i].sig != sig)
			continue;
		n = write(STDERR_FILENO, tui_signals[i].line,
		    strlen(tui_signals[i].line));
		(void)n;
		sigaction(sig, &old_actions[i], NULL);
	}
	raise(sig);
}

static void
on_out_of_memory(void)
{
	tui_restore();
	fputs("refscope: out of memory\n", stderr);
	exit(2);
}

static void
install_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	/* no SA_RESTART: a signal wakes getch at once */
	for (size_t i = 0; i < TUI_SIGNALS; i++) {
		const struct tui_signal *ts = &tui_signals[i];

		sigaction(ts->sig, NULL, &old_actions[i]);
		if (old_actions[i].sa_handler == SIG_IGN && !ts->fault)
			continue;
		sa.sa_handler = ts->quit ? on_quit_signal : on_fatal_signal;
		sigaction(ts->sig, &sa, NULL);
	}
}

/* Appends s to what the signal handlers write to leave curses. */
static void
save_reset_bytes(const char *s)
{
	size_t len = strlen(s);

	if (reset_len + len < sizeof reset_seq) {
		memcpy(reset_seq + reset_len, s, len);
		reset_len += len;
	}
}

static void
save_reset_string(const char *cap)
{
	char *s = tigetstr(cap);

	if (s != NULL && s != (char *)-1)
		save_reset_bytes(s);
}

/* What turns the terminal's mouse reports off, as curses would: the XM
 * capability with 0, or xterm's sequence when the terminal has a mouse
 * key but no XM. */
static void
save_mouse_off(void)
{
	char *xm = tigetstr("XM"), *kmous = tigetstr("kmous");

	if (xm != NULL && xm != (char *)-1)
		save_reset_bytes(tiparm(xm, 0));
	else if (kmous != NULL && kmous != (char *)-1)
		save_reset_bytes("\033[?1000l");
}

/* Whether the terminal TERM names can address the cursor (cup) and is
 * not a hardcopy one.  true when TERM is unknown: newterm then says so. */
static bool
can_address_cursor(void)
{
	TERMINAL	*saved = cur_term, *probe;
	char		*cup;
	bool		 ok;
	int		 err;

	if (setupterm(NULL, STDOUT_FILENO, &err) != OK)
		return true;
	cup = tigetstr("cup");
	ok = cup != NULL && cup != (char *)-1 && tigetflag("hc") <= 0;
	probe = set_curterm(saved);
	del_curterm(probe);
	return ok;
}

/* ---- colours and attributes ---- */

struct style_look {
	short	 fg, bg;	/* -1: the terminal's default */
	attr_t	 attr;		/* with colours */
	attr_t	 mono;		/* without */
};

/*
 * The looks every room shares: the meanings stay apart -- a count going
 * up is black on green, going down black on yellow, unreachable white on
 * magenta, an error white on red, a freed box a red outline; gc_refs is
 * magenta and underlined, never the refcount's look.  -1 is the
 * terminal's own colour (ink or page), which reads wherever it is.  As
 * they stand they are the theme for a background nobody reported: only
 * what reads on black and on white alike (the terminal's ink, green,
 * magenta, red, colours on a ground of their own; no yellow or cyan
 * letters, nothing faint).
 */
static const struct style_look looks_any[CANVAS_STYLE_COUNT] = {
	[STYLE_NORMAL]		= { -1, -1, A_NORMAL, A_NORMAL },
	[STYLE_DIM]		= { -1, -1, A_NORMAL, A_DIM },
	[STYLE_TITLE]		= { COLOR_WHITE, COLOR_BLUE, A_BOLD,
				    A_REVERSE | A_BOLD },
	[STYLE_CODE]		= { -1, -1, A_NORMAL, A_NORMAL },
	[STYLE_CODE_CURRENT]	= { COLOR_BLACK, COLOR_CYAN, A_BOLD,
				    A_REVERSE | A_BOLD },
	[STYLE_NARRATION]	= { -1, -1, A_BOLD, A_BOLD },
	[STYLE_NAME]		= { -1, -1, A_BOLD, A_BOLD },
	[STYLE_FRAME]		= { COLOR_GREEN, -1, A_NORMAL, A_NORMAL },
	[STYLE_BOX]		= { -1, -1, A_NORMAL, A_NORMAL },
	[STYLE_BOX_CACHED]	= { COLOR_MAGENTA, -1, A_NORMAL, A_DIM },
	[STYLE_TYPE]		= { COLOR_GREEN, -1, A_NORMAL, A_NORMAL },
	[STYLE_VALUE]		= { -1, -1, A_BOLD, A_BOLD },
	[STYLE_REFCOUNT]	= { -1, -1, A_BOLD, A_BOLD },
	[STYLE_REFCOUNT_UP]	= { COLOR_BLACK, COLOR_GREEN, A_BOLD,
				    A_REVERSE | A_BOLD },
	[STYLE_REFCOUNT_DOWN]	= { COLOR_BLACK, COLOR_YELLOW, A_BOLD,
				    A_REVERSE | A_BOLD | A_UNDERLINE },
	[STYLE_EDGE]		= { -1, -1, A_NORMAL, A_NORMAL },
	[STYLE_EDGE_NEW]	= { COLOR_GREEN, -1, A_BOLD, A_BOLD },
	[STYLE_SELECTED]	= { -1, -1, A_REVERSE | A_BOLD, A_REVERSE },
	[STYLE_FREED]		= { COLOR_RED, -1, A_NORMAL, A_DIM },
	[STYLE_MARKED]		= { COLOR_BLACK, COLOR_GREEN, A_NORMAL,
				    A_BOLD | A_UNDERLINE },
	[STYLE_UNREACHABLE]	= { COLOR_WHITE, COLOR_MAGENTA, A_BOLD,
				    A_REVERSE },
	[STYLE_TIMELINE]	= { COLOR_GREEN, -1, A_NORMAL, A_NORMAL },
	[STYLE_TIMELINE_NOW]	= { -1, -1, A_BOLD, A_BOLD },
	[STYLE_HINT]		= { -1, -1, A_NORMAL, A_DIM },
	[STYLE_GC_REFS]		= { COLOR_MAGENTA, -1, A_BOLD | A_UNDERLINE,
				    A_UNDERLINE },
	[STYLE_TIMELINE_MARK]	= { COLOR_MAGENTA, -1, A_BOLD, A_BOLD },
	[STYLE_ERROR]		= { COLOR_WHITE, COLOR_RED, A_BOLD,
				    A_REVERSE | A_BOLD },
};

/* What a room whose background is known changes in looks_any. */
struct room_look {
	enum canvas_style	 style;
	struct style_look	 look;
};

/* A dark background: the strong light colours a projector shows best. */
static const struct room_look room_dark[] = {
	{ STYLE_DIM,		{ -1, -1, A_DIM, A_DIM } },
	{ STYLE_NAME,		{ COLOR_CYAN, -1, A_BOLD, A_BOLD } },
	{ STYLE_FRAME,		{ COLOR_CYAN, -1, A_NORMAL, A_NORMAL } },
	{ STYLE_REFCOUNT,	{ COLOR_YELLOW, -1, A_BOLD, A_BOLD } },
	{ STYLE_TIMELINE,	{ COLOR_CYAN, -1, A_NORMAL, A_NORMAL } },
	{ STYLE_TIMELINE_NOW,	{ COLOR_YELLOW, -1, A_BOLD, A_BOLD } },
	{ STYLE_HINT,		{ -1, -1, A_DIM, A_DIM } },
};

/* Dark ink on a light page -- a terminal that reports a light background,
 * and --light, which paints its own white page (page_colour): blue where
 * the dark room has cyan. */
static const struct room_look room_ink[] = {
	{ STYLE_NAME,		{ COLOR_BLUE, -1, A_BOLD, A_BOLD } },
	{ STYLE_FRAME,		{ COLOR_BLUE, -1, A_NORMAL, A_NORMAL } },
	{ STYLE_TYPE,		{ COLOR_BLUE, -1, A_NORMAL, A_NORMAL } },
	{ STYLE_EDGE_NEW,	{ COLOR_BLUE, -1, A_BOLD, A_BOLD } },
	{ STYLE_TIMELINE,	{ COLOR_BLUE, -1, A_NORMAL, A_NORMAL } },
};

enum room {
	ROOM_ANY,
	ROOM_DARK,
	ROOM_INK
};

/* The background the terminal reported, before curses started. */
enum background {
	BACKGROUND_UNKNOWN,
	BACKGROUND_DARK,
	BACKGROUND_LIGHT
};

static struct style_look	 looks[CANVAS_STYLE_COUNT]; /* in use */
static enum room		 room_default;	/* the room's: t's other */
static bool			 page;	/* --light: a white page of our own */
static bool			 use_colour;

/* Puts the looks of room r in use. */
static void
set_room(enum room r)
{
	const struct room_look	*changes = r == ROOM_DARK ? room_dark :
	    r == ROOM_INK ? room_ink : NULL;
	size_t			 n = r == ROOM_DARK ? sizeof room_dark /
	    sizeof *room_dark : r == ROOM_INK ? sizeof room_ink /
	    sizeof *room_ink : 0;

	memcpy(looks, looks_any, sizeof looks);
	for (size_t i = 0; i < n; i++)
		looks[changes[i].style] = changes[i].look;
}

/* The colours of the white page: the whitest white and the blackest
 * black the terminal has for the terminal's own (-1) -- the 8-colour
 * white is a light grey, and bold black is drawn grey by many terminals;
 * the 256-colour cube's are neither. */
static short
page_colour(short c, bool fg)
{
	if (c != -1 || !page)
		return c;
	if (fg)
		return COLORS >= 256 ? 16 : COLOR_BLACK;
	return COLORS >= 256 ? 231 : COLORS >= 16 ? 15 : COLOR_WHITE;
}

/* Makes the colour pairs of the theme in use. */
static void
init_theme(void)
{
	for (int i = 0; i < CANVAS_STYLE_COUNT; i++)
		init_pair((short)(i + 1), page_colour(looks[i].fg, true),
		    page_colour(looks[i].bg, false));
	/* the empty part of the screen takes the page's colours too */
	bkgdset(COLOR_PAIR(STYLE_NORMAL + 1));
}

static int64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* How long the terminal has to answer the background query. */
#define QUERY_MS	200

/* The background an OSC 11 reply in buf gives ("]11;rgb:R/G/B", each 1 to
 * 4 hex digits), by its luminance; unknown without one. */
static enum background
background_of_reply(const char *buf)
{
	const char	*p = strstr(buf, "]11;rgb:");
	double		 rgb[3], lum;

	if (p == NULL)
		return BACKGROUND_UNKNOWN;
	p += 8;
	for (int i = 0; i < 3; i++) {
		char		*end;
		unsigned long	 v = strtoul(p, &end, 16);
		long		 n = end - p;

		if (n < 1 || n > 4 || (i < 2 && *end != '/'))
			return BACKGROUND_UNKNOWN;
		rgb[i] = (double)v / (double)((1UL << (4 * n)) - 1);
		p = end + 1;
	}
	lum = 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2];
	return lum > 0.5 ? BACKGROUND_LIGHT : BACKGROUND_DARK;
}

/*
 * Asks the terminal for its background colour before curses starts: OSC
 * 11, then DA1 (which every terminal answers), so that one which ignores
 * OSC 11 costs a round trip, not the whole QUERY_MS.  Echo off while it
 * waits; bytes typed meanwhile are dropped, as curses' start would.
 */
static enum background
query_background(void)
{
	static const char	 ask[] = "\033]11;?\033\\\033[c";
	struct termios		 raw;
	char			 buf[256];
	size_t			 len = 0;
	int64_t			 deadline;
	bool			 answered = false;

	if (!have_termios)
		return BACKGROUND_UNKNOWN;
	raw = saved_termios;
	raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
	raw.c_cc[VMIN] = 0;
	raw.c_cc[VTIME] = 0;
	if (tcsetattr(STDIN_FILENO, TCSANOW, &raw) != 0)
		return BACKGROUND_UNKNOWN;
	if (write(STDOUT_FILENO, ask, sizeof ask - 1) == (ssize_t)(sizeof ask -
	    1)) {
		deadline = now_ms() + QUERY_MS;
		while (!answered && len < sizeof buf - 1) {
			struct pollfd	pfd = { STDIN_FILENO, POLLIN, 0 };
			int64_t		left = deadline - now_ms();
			ssize_t		n;

			if (left <= 0 || poll(&pfd, 1, (int)left) <= 0)
				break;
			n = read(STDIN_FILENO, buf + len, sizeof buf - 1 - len);
			if (n <= 0)
				break;
			len += (size_t)n;
			buf[len] = '\0';
			/* DA1's answer, ESC [ ? ... c, comes last */
			answered = strstr(buf, "\033[?") != NULL &&
			    buf[len - 1] == 'c';
		}
	}
	buf[len] = '\0';
	/* TCSAFLUSH: what came after the answers is not a key */
	tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_termios);
	return background_of_reply(buf);
}

/* COLORFGBG ("fg;bg", set by rxvt and konsole): bg 7 or 15 is light, 0
 * to 6 and 8 dark; anything else says nothing. */
static enum background
background_of_env(void)
{
	const char	*v = getenv("COLORFGBG"), *bg;
	char		*end;
	long		 n;

	if (v == NULL || (bg = strrchr(v, ';')) == NULL)
		return BACKGROUND_UNKNOWN;
	n = strtol(bg + 1, &end, 10);
	if (end == bg + 1 || *end != '\0')
		return BACKGROUND_UNKNOWN;
	if (n == 7 || n == 15)
		return BACKGROUND_LIGHT;
	return n >= 0 && n <= 8 ? BACKGROUND_DARK : BACKGROUND_UNKNOWN;
}

/* The room's theme: by the background the terminal reports (asked only
 * when ask: not for --mono), else by COLORFGBG, else the one that reads
 * on both. */
static void
choose_theme(bool light, bool ask)
{
	enum background b = ask ? query_background() : BACKGROUND_UNKNOWN;

	if (b == BACKGROUND_UNKNOWN)
		b = background_of_env();
	room_default = b == BACKGROUND_DARK ? ROOM_DARK : b ==
	    BACKGROUND_LIGHT ? ROOM_INK : ROOM_ANY;
	page = light;
	set_room(light ? ROOM_INK : room_default);
}

static void
start_colours(bool mono)
{
	const char *no_color = getenv("NO_COLOR");

	use_colour = false;
	if (mono || (no_color != NULL && no_color[0] != '\0') ||
	    !has_colors() || start_color() == ERR)
		return;
	if (COLOR_PAIRS < CANVAS_STYLE_COUNT + 1 || COLORS < 8)
		return;
	use_default_colors();
	use_colour = true;
	init_theme();
}

/* ---- the viewer's state ---- */

struct viewer {
	struct run		 run;		/* the last good run; its
						   path is the file watched */
	struct run_version	 version;	/* of the last load tried */
	char			*banner;	/* owned; NULL: none */

	struct scene_options	 scene_options;
	struct layout		*layout;
	struct canvas		*canvas;
	bool			 ascii;

	bool			 playing;
	int			 speed;		/* index in play_delays */
	int64_t			 next_play;	/* ms, monotonic */
	uint64_t		 play_until;	/* stop there (g); 0: the end */
	bool			 help;
	objid_t			 selected;	/* Tab cycles; 0: none */
	int			 scroll_x, scroll_y;
	bool			 manual_pan;	/* the reader pans (H J K L)
						   until the next move */
	int			 pan_x, pan_y;	/* the panning drawn */
	int			 spread;
	int			 graph_x, graph_y; /* the graph panel on screen */
	int			 narration_rows;	/* for the size below */
	int			 narration_w, narration_h;
	bool			 dirty;		/* draw before waiting */

	/* the event being animated: the one that brought the heap to
	 * anim_position (0: none), from anim_start for anim_ms */
	uint64_t		 anim_position;
	int64_t			 anim_start;
	int			 anim_ms;

	struct interp_hooks	 run_hooks;	/* g: an extra collection */
	struct predict		*predict;	/* p: predict mode, or NULL */
	const char		*report;	/* --report: answers go there */
	bool			 predict_on;	/* predict mode was on */
	uint8_t			*step_marks;	/* PICTURE_MARK_* of each
						   module step (owned) */
	char			 speed_text[32];	/* the title bar's */

	/* v: two versions of CPython.  run is the version shown,
	 * pair[shown]; other the other's run of the same file, and cmp
	 * where the two differ, step by step (run/compare.h). */
	bool			 versions;
	enum py_version		 pair[2];
	int			 shown;
	struct run		 other;
	struct compare		 cmp;
	char			*differences;	/* the step panel's, owned */
};

/* A one-paragraph form of the first diagnostic, for the banner (two rows):
 * "file:line:col: message (hint)", and how many more there are; source
 * (or NULL) gives the place as an editor counts it. */
static char *
banner_text(const char *prefix, const struct diag *d, const char *source)
{
	struct strbuf	 sb = STRBUF_INIT;
	struct diag_lines editor;
	unsigned	 more = 0;
	char		*text;

	strbuf_puts(&sb, prefix);
	if (d != NULL) {
		if (d->file != NULL) {
			/* the name alone: the banner has two rows */
			const char *base = strrchr(d->file, '/');

			strbuf_printf(&sb, "%s:", base != NULL ? base + 1 :
			    d->file);
		}
		if (d->pos.line > 0) {
			struct srcpos pos;

			diag_lines_build(&editor, source);
			pos = diag_lines_editor(&editor, d->pos);
			diag_lines_free(&editor);
			strbuf_printf(&sb, "%u:%u:", pos.line, pos.col);
		}
		strbuf_printf(&sb, " %s", d->message);
		if (d->hint != NULL)
			strbuf_printf(&sb, " (%s)", d->hint);
		for (const struct diag *e = d->next; e != NULL; e = e->next)
			more++;
		if (more > 0)
			strbuf_printf(&sb, " -- and %u more", more);
	}
	text = xstrdup(strbuf_str(&sb));
	strbuf_free(&sb);
	return text;
}

static void
set_banner(struct viewer *v, char *text)
{
	xfree(v->banner);
	v->banner = text;
	v->dirty = true;
}

static const struct timeline *
TL(const struct viewer *v)
{
	return v->run.timeline;
}

static uint64_t
position(const struct viewer *v)
{
	return v->run.heap->position;
}

/* Starts the animation of the event that brought the heap where it
 * stands, to last ms. */
static void
animate(struct viewer *v, int ms)
{
	v->anim_position = ms >= ANIM_MIN_MS ? position(v) : 0;
	v->anim_start = now_ms();
	v->anim_ms = ms;
	v->dirty = true;
}

/* How far that animation has run at time now, in thousandths. */
static int
anim_permille(const struct viewer *v, int64_t now)
{
	int64_t elapsed = now - v->anim_start;

	if (v->anim_position == 0 || v->anim_position != position(v) ||
	    elapsed >= v->anim_ms)
		return ANIM_SETTLED;
	return elapsed <= 0 ? 0 : (int)(elapsed * ANIM_SETTLED / v->anim_ms);
}

static void
seek(struct viewer *v, uint64_t pos)
{
	if (pos > TL(v)->event_count)
		pos = TL(v)->event_count;
	/* predict mode: a step with a question waits for the answer */
	if (v->predict != NULL && pos > position(v)) {
		uint64_t to = predict_gate(v->predict, position(v), pos);

		if (to != pos) {
			v->playing = false;
			v->play_until = 0;
			v->dirty = true;
			pos = to;
		}
	}
	if (pos != position(v)) {
		timeline_seek(TL(v), v->run.heap, pos);
		v->manual_pan = false;	/* the picture follows the action */
		v->dirty = true;
	}
}

/* A move by the reader: forward, the event that lands is animated;
 * back, the picture is there at once. */
static void
move_to(struct viewer *v, uint64_t pos)
{
	uint64_t from = position(v);

	seek(v, pos);
	if (position(v) > from)
		animate(v, ANIM_STEP_MS);
	else
		v->anim_position = 0;
}

/* The step record the reader is in: that of the last event applied. */
static uint32_t
current_step(const struct viewer *v)
{
	uint64_t p = position(v);

	return p > 0 ? TL(v)->events[p - 1].step : 0;
}

static uint32_t
current_depth(const struct viewer *v)
{
	return TL(v)->steps[current_step(v)].depth;
}

/* Where the viewer opens and Home goes: after the set-up (functions and
 * classes defined), before step 1. */
static uint64_t
start_position(const struct viewer *v)
{
	return TL(v)->step_count > 0 ? TL(v)->steps[0].end_event : 0;
}

/* The end of the next step: the nearest step end after the position, among
 * steps no deeper than max_depth (UINT32_MAX: any -- stepping into calls). */
static void
next_step(struct viewer *v, uint32_t max_depth)
{
	const struct timeline	*t = TL(v);
	uint64_t		 p = position(v), best = UINT64_MAX;

	for (uint32_t k = 0; k < t->step_count; k++) {
		const struct timeline_step *s = &t->steps[k];

		if (s->depth <= max_depth && s->end_event > p &&
		    s->end_event < best)
			best = s->end_event;
	}
	move_to(v, best == UINT64_MAX ? t->event_count : best);
}

/* The end of the previous step no deeper than the current one. */
static void
previous_step(struct viewer *v)
{
	const struct timeline	*t = TL(v);
	uint64_t		 p = position(v), best = 0;
	uint32_t		 depth = current_depth(v);

	for (uint32_t k = 0; k < t->step_count; k++) {
		const struct timeline_step *s = &t->steps[k];

		if (s->depth <= depth && s->end_event < p &&
		    s->end_event > best)
			best = s->end_event;
	}
	move_to(v, best);
}

/* Whether a step marked pause: ends exactly at the position (the step of
 * the last event, or the module step around it). */
static bool
at_pause(const struct viewer *v)
{
	const struct timeline	*t = TL(v);
	uint64_t		 p = position(v);
	uint32_t		 k;

	if (p == 0)
		return false;
	k = t->events[p - 1].step;
	for (int i = 0; i < 2; i++) {
		const struct timeline_step	*ts = &t->steps[k];
		const struct scenario_step	*src = program_step_source(
		    v->run.program, ts->function, ts->source);

		if (ts->end_event == p && src != NULL && src->pause)
			return true;
		if (ts->parent == k || ts->parent >= t->step_count)
			break;
		k = ts->parent;
	}
	return false;
}

/* One event forward; stops the play at the end and after a pause: step. */
static void
play_tick(struct viewer *v)
{
	int delay = play_delays[v->speed] * ANIM_SHARE;

	if (position(v) >= TL(v)->event_count) {
		v->playing = false;
		v->dirty = true;
		return;
	}
	seek(v, position(v) + 1);
	animate(v, delay < ANIM_MAX_MS ? delay : ANIM_MAX_MS);
	if (position(v) >= TL(v)->event_count || at_pause(v) ||
	    position(v) == v->play_until)
		v->playing = false;
}

/* What the timeline marks on each module step of the run: its pause:
 * and the collections that run inside it. */
static void
find_step_marks(struct viewer *v)
{
	const struct timeline	*t = TL(v);

	xfree(v->step_marks);
	v->step_marks = xcalloc(t->module_steps + 1, 1);
	for (uint32_t i = 0; i < t->step_count; i++) {
		const struct timeline_step	*ts = &t->steps[i];
		const struct scenario_step	*src;
		uint8_t				*m;

		if (ts->depth != 0 || ts->ordinal > t->module_steps)
			continue;
		m = &v->step_marks[ts->ordinal];
		src = program_step_source(v->run.program, ts->function,
		    ts->source);
		if (src != NULL && src->pause)
			*m |= PICTURE_MARK_PAUSE;
		for (uint64_t e = ts->first_event; e < ts->end_event; e++)
			if (event_collection(&t->events[e]) ==
			    EVENT_COLLECTION_BEGIN) {
				*m |= PICTURE_MARK_COLLECT;
				break;
			}
	}
}

static void	adopt(struct viewer *v, uint32_t step);
static void	versions_refresh(struct viewer *v);

/* Re-runs the file.  On success the new run replaces the old and the
 * reader stays at the same step number (clamped), at its end; on failure
 * the old run stays and the banner says why. */
static bool
reload(struct viewer *v)
{
	struct run	 fresh;
	uint32_t	 step = current_step(v);
	int		 rc;

	v->play_until = 0;
	v->anim_position = 0;
	/* with regular_only nothing but a regular file is read, and nothing
	 * blocks: the watched name may now be a FIFO, or the terminal */
	rc = run_load_retained(&fresh, v->run.path, true, &v->run_hooks);
	v->version = run_version_read(&fresh);
	if (rc != 0) {
		set_banner(v, banner_text("not reloaded: ", fresh.errors,
		    run_source(&fresh)));
		run_free(&fresh);
		return false;
	}
	run_free(&v->run);
	v->run = fresh;
	adopt(v, step);
	versions_refresh(v);
	return true;
}

/* Makes the viewer show v->run, a new run, at the end of step number
 * `step` (clamped): what depends on the run is made anew. */
static void
adopt(struct viewer *v, uint32_t step)
{
	predict_free(v->predict);	/* its questions were the old run's */
	v->predict = NULL;
	if (v->report != NULL || v->predict_on)
		v->predict = predict_new(&v->run, v->report);
	layout_forget(v->layout);	/* planned for the run just freed */
	find_step_marks(v);
	v->narration_w = 0;		/* its say: texts may have changed */
	set_banner(v, v->run.errors != NULL ? banner_text("", v->run.errors,
	    run_source(&v->run)) : NULL);
	if (step >= TL(v)->step_count)
		step = TL(v)->step_count - 1;
	seek(v, TL(v)->steps[step].end_event);
	v->playing = false;
	v->dirty = true;
}

/*
 * The other version's run of the file, made anew (after a reload, a g,
 * the first v), and where the two differ.  The other run is made as the
 * shown one was, with the same hooks (g's extra collection), so that
 * their steps pair up.  A failure leaves no other run, and says why.
 */
static void
versions_refresh(struct viewer *v)
{
	uint64_t	pos = position(v);
	struct run	*a, *b;

	if (!v->versions)
		return;
	compare_free(&v->cmp);
	run_free(&v->other);
	if (run_load_file_as(&v->other, v->run.path, true,
	    v->pair[!v->shown]) != 0 || run_execute(&v->other, true,
	    &v->run_hooks, NULL, NULL) != 0) {
		set_banner(v, banner_text("python versions: ",
		    v->other.errors, run_source(&v->other)));
		run_free(&v->other);
		return;
	}
	a = v->shown == 0 ? &v->run : &v->other;
	b = v->shown == 0 ? &v->other : &v->run;
	compare_runs(&v->cmp, a, b);
	timeline_seek(TL(v), v->run.heap, pos);
}

/* v: the other version, at the same step.  The first v without --python
 * A,B pairs the version shown with 3.14 (with 3.11 when 3.14 is shown). */
static void
switch_version(struct viewer *v)
{
	struct run	tmp;
	uint32_t	step = current_step(v), row;

	if (!v->versions) {
		v->versions = true;
		v->shown = 0;
		v->pair[0] = v->run.heap->python;
		v->pair[1] = v->pair[0] == PY_VERSION_COUNT - 1 ? PY_3_11 :
		    PY_VERSION_COUNT - 1;
		versions_refresh(v);
	}
	if (v->other.timeline == NULL)
		return;		/* the banner says why */
	/* the same step of the other run: its row's, or the step it is
	 * in, where it has none there */
	row = compare_row(&v->cmp, v->shown, step);
	if (row < v->cmp.steps)
		step = v->cmp.step_of[!v->shown][row];
	tmp = v->run;
	v->run = v->other;
	v->other = tmp;
	v->shown = !v->shown;
	/* reloads (a saved file, r, g) keep the version shown */
	run_force_python(true, v->pair[v->shown]);
	v->anim_position = 0;
	v->play_until = 0;
	adopt(v, step);
}

/* The step panel's lines while two versions are compared: which, and the
 * differences at the current step (a module step's with those of the
 * calls it makes: j steps over them), each with its rule's name. */
static const char *
differences_text(struct viewer *v)
{
	struct strbuf			 sb = STRBUF_INIT;
	const struct compare_diff	*d;
	uint32_t			 k, last, n = 0;

	xfree(v->differences);
	v->differences = NULL;
	if (!v->versions || v->other.timeline == NULL)
		return NULL;
	/* the rows of the current step, and of the calls a module step
	 * makes */
	k = last = compare_row(&v->cmp, v->shown, current_step(v));
	if (k == COMPARE_NO_ROW)
		k = last = v->cmp.steps;
	while (k < v->cmp.steps && TL(v)->steps[v->cmp.step_of[v->shown][
	    k]].depth == 0 && last + 1 < v->cmp.steps &&
	    TL(v)->steps[v->cmp.step_of[v->shown][last + 1]].depth > 0)
		last++;
	for (uint32_t i = k; i <= last; i++) {
		uint32_t m;

		compare_step(&v->cmp, i, &m);
		n += m;
	}
	strbuf_printf(&sb, "python %s, v: %s.  ", pyversion_name(
	    v->pair[v->shown]), pyversion_name(v->pair[!v->shown]));
	if (k >= v->cmp.steps)
		strbuf_printf(&sb, "The runs part after step %u.",
		    v->cmp.steps > 0 ? v->cmp.step_of[v->shown][
		    v->cmp.steps - 1] : 0);
	else if (n == 0)
		strbuf_printf(&sb, "No difference arises at this step.");
	else
		strbuf_printf(&sb, "%u difference%s arise%s at this step:", n,
		    n == 1 ? "" : "s", n == 1 ? "s" : "");
	for (uint32_t i = k; i <= last && k < v->cmp.steps; i++) {
		uint32_t m;

		d = compare_step(&v->cmp, i, &m);
		for (uint32_t j = 0; j < m; j++) {
			strbuf_putc(&sb, '\n');
			compare_diff_text(&v->cmp, &d[j], &sb);
			strbuf_printf(&sb, " (%s)",
			    version_rule_name(d[j].rule));
		}
	}
	v->differences = strbuf_detach(&sb);
	return v->differences;
}

/* The module-level step the reader is in (its timeline record), or 0
 * before step 1. */
static uint32_t
current_module_step(const struct viewer *v)
{
	const struct timeline	*t = TL(v);
	uint32_t		 k = current_step(v);

	while (k > 0 && t->steps[k].depth > 0 && t->steps[k].parent < k)
		k = t->steps[k].parent;
	return k;
}

/*
 * g: what a collection would do now.  The run is made again with a full
 * collection after the current module-level step, and played from there:
 * the timeline is never changed behind the reader's back, only re-run, as
 * a reload is (r goes back to the scenario as written).
 */
static void
collect_now(struct viewer *v)
{
	const struct timeline_step	*ts;
	uint32_t			 k = current_module_step(v);
	uint32_t			 extra;
	bool				 ok;

	ts = &TL(v)->steps[k];
	if (k == 0 || ts->source == UINT32_MAX) {
		set_banner(v, xstrdup("g: step to a statement first; a "
		    "collection runs after the current step"));
		return;
	}
	v->run_hooks.extra_collection = true;
	v->run_hooks.collect_after = v->run.program->scenario->python ?
	    ts->ordinal : ts->source;
	ok = reload(v);
	v->run_hooks.extra_collection = false;	/* r: as written */
	if (!ok)
		return;
	/* the extra step follows the last repetition of step `source` */
	extra = UINT32_MAX;
	for (uint32_t i = 1; i < TL(v)->step_count; i++)
		if (TL(v)->steps[i].depth == 0 &&
		    TL(v)->steps[i].source == UINT32_MAX)
			extra = i;
	if (extra == UINT32_MAX)
		return;
	seek(v, TL(v)->steps[extra].first_event);
	v->play_until = TL(v)->steps[extra].end_event;
	v->playing = true;
	v->next_play = now_ms();
}

/* ---- drawing ---- */

/* The keys, as ? shows them (and the man page lists them): every key
 * handle_key reads.  Each fits a half of an 80-column help (keys 14
 * columns, what they do 20). */
struct help_entry {
	const char	*keys;		/* UTF-8 */
	const char	*keys_ascii;
	const char	*what;
};

static const struct help_entry help[] = {
	{ "space", "space", "play / pause" },
	{ "\xe2\x86\x92 l", "Right l", "next event" },
	{ "\xe2\x86\x90 h", "Left h", "previous event" },
	{ "\xe2\x86\x93 j", "Down j", "next step over calls" },
	{ "\xe2\x86\x91 k", "Up k", "previous step" },
	{ "s", "s", "next step into calls" },
	{ "+ -", "+ -", "play faster / slower" },
	{ "Home <", "Home <", "the start" },
	{ "End >", "End >", "the end" },
	{ "g", "g", "run a collection now" },
	{ "p", "p", "predict, then see" },
	{ "Tab S-Tab", "Tab S-Tab", "select next / prev" },
	{ "click a box", "click a box", "who refers to it?" },
	{ "click timeline", "click timeline", "go to that step" },
	{ "Esc", "Esc", "no selection" },
	{ "H J K L", "H J K L", "pan the graph" },
	{ "S-\xe2\x86\x90\xe2\x86\x92\xe2\x86\x91\xe2\x86\x93",
	    "S-arrows", "pan the graph" },
	{ "^L", "^L", "redraw the screen" },
	{ "t", "t", "white page / default" },
	{ "v", "v", "other python version" },
	{ "r", "r", "reload the file" },
	{ "?", "?", "this help" },
	{ "q Q", "q Q", "quit" },
};
#define HELP_COUNT	(int)(sizeof help / sizeof *help)

static int
text_width(const char *text)
{
	return canvas_text_width(text, strlen(text));
}

/* The keys in a box over the picture: one column, or two when the screen
 * is too short for one (descriptions are cut to fit a narrow one). */
static void
draw_help(struct canvas *c)
{
	const char	*title = c->ascii ? "refscope -- keys (any key closes)" :
	    "refscope \xe2\x80\x94 keys (any key closes)";
	int		 key_w = 0, what_w = 0, n_columns, rows, col_w, w, h, x, y;

	for (int i = 0; i < HELP_COUNT; i++) {
		const char *k = c->ascii ? help[i].keys_ascii : help[i].keys;

		key_w = text_width(k) > key_w ? text_width(k) : key_w;
		what_w = text_width(help[i].what) > what_w ?
		    text_width(help[i].what) : what_w;
	}
	n_columns = HELP_COUNT + 4 <= c->height ? 1 : 2;
	rows = (HELP_COUNT + n_columns - 1) / n_columns;
	col_w = key_w + 2 + what_w;
	w = 4 + n_columns * col_w + (n_columns - 1) * 3;
	if (w < text_width(title) + 4)
		w = text_width(title) + 4;
	if (w > c->width) {
		w = c->width;
		col_w = (w - 4 - (n_columns - 1) * 3) / n_columns;
	}
	h = rows + 4;
	x = (c->width - w) / 2;
	y = c->height > h ? (c->height - h) / 2 : 0;
	canvas_fill(c, x, y, w, h, STYLE_NORMAL);
	canvas_box(c, x, y, w, h, STYLE_FRAME, true);
	canvas_text(c, x + 2, y + 1, title, strlen(title), STYLE_TITLE, w - 4);
	for (int i = 0; i < HELP_COUNT; i++) {
		const char	*k = c->ascii ? help[i].keys_ascii :
		    help[i].keys;
		int		 cx = x + 2 + (i / rows) * (col_w + 3);
		int		 cy = y + 3 + i % rows;

		canvas_text(c, cx, cy, k, strlen(k), STYLE_NAME, key_w);
		canvas_text(c, cx + key_w + 2, cy, help[i].what,
		    strlen(help[i].what), STYLE_NORMAL, col_w - key_w - 2);
	}
}

/* Below the minimum size: a centred request, nothing else. */
static void
draw_too_small(struct canvas *c)
{
	struct strbuf	sb = STRBUF_INIT;
	int		rows, tw;

	strbuf_printf(&sb, "enlarge the terminal to at least %d%s%d",
	    PICTURE_MIN_WIDTH, c->ascii ? "x" : "\xc3\x97",
	    PICTURE_MIN_HEIGHT);
	tw = canvas_text_width(strbuf_str(&sb), sb.len);
	if (tw <= c->width)
		canvas_text(c, (c->width - tw) / 2, c->height / 2,
		    strbuf_str(&sb), sb.len, STYLE_NORMAL, 0);
	else {
		rows = canvas_wrap(NULL, 0, 0, c->width, c->height,
		    strbuf_str(&sb), sb.len, STYLE_NORMAL);
		canvas_wrap(c, 0, (c->height - rows) / 2, c->width,
		    c->height, strbuf_str(&sb), sb.len, STYLE_NORMAL);
	}
	strbuf_free(&sb);
}

/* The picture options of the viewer's state, for drawing and for
 * finding what a click hit. */
static void
view_options(struct viewer *v, struct picture_options *po)
{
	memset(po, 0, sizeof *po);
	/* the play speed as a teacher says it: events a second */
	snprintf(v->speed_text, sizeof v->speed_text, "%s%.3g events/s",
	    !v->playing ? "" : v->canvas->ascii ? "> " : "\xe2\x96\xb6 ",
	    1000.0 / play_delays[v->speed]);
	po->scroll_x = v->scroll_x;
	po->scroll_y = v->scroll_y;
	po->manual_pan = v->manual_pan;
	po->pan_x = v->pan_x;
	po->pan_y = v->pan_y;
	po->spread = v->spread;
	po->show_hints = true;
	po->show_code = true;
	po->banner = v->banner;
	po->selected = v->selected;
	po->graph_x = v->graph_x;
	po->graph_y = v->graph_y;
	po->step_marks = v->step_marks;
	po->speed = v->speed_text;
	po->differences = differences_text(v);
}

static void
compose(struct viewer *v, int width, int height, int permille)
{
	struct canvas		*c = v->canvas;
	struct picture_options	 po;

	canvas_reset(c, width, height);
	if (width < PICTURE_MIN_WIDTH || height < PICTURE_MIN_HEIGHT) {
		draw_too_small(c);
		return;
	}
	if (v->narration_w != width || v->narration_h != height) {
		v->narration_rows = picture_narration_rows(v->run.program,
		    width, height);
		v->narration_w = width;
		v->narration_h = height;
	}
	view_options(v, &po);
	po.narration_rows = v->narration_rows;
	anim_draw(c, v->run.heap, TL(v), v->run.program, v->layout,
	    &v->scene_options, &po, permille);
	v->selected = po.selected;		/* cleared when it is gone */
	v->graph_x = po.graph_x;
	v->graph_y = po.graph_y;
	v->pan_x = po.pan_x;
	v->pan_y = po.pan_y;
	v->spread = po.spread;
	if (v->scroll_x > v->layout->width)
		v->scroll_x = v->layout->width;
	if (v->scroll_y > v->layout->height)
		v->scroll_y = v->layout->height;
	if (v->playing)
		canvas_text(c, 0, height - 1, c->ascii ? ">" : "\xe2\x96\xb6",
		    c->ascii ? 1 : 3, STYLE_TIMELINE_NOW, 1);
	if (v->predict != NULL)
		predict_draw(v->predict, c, position(v));
	if (v->help)
		draw_help(c);
}

static attr_t
cell_attr(const struct cell *cell)
{
	const struct style_look	*look = &looks[cell->style <
	    CANVAS_STYLE_COUNT ? cell->style : STYLE_NORMAL];
	attr_t			 a = use_colour ? look->attr : look->mono;

	if (cell->flags & CELL_BOLD)
		a |= A_BOLD;
	if (cell->flags & CELL_REVERSE)
		a |= A_REVERSE;
	return a;
}

/* Copies the canvas to the screen; curses sends only what changed. */
static void
show_canvas(const struct canvas *c)
{
	for (int y = 0; y < c->height; y++)
		for (int x = 0; x < c->width; x++) {
			const struct cell	*cell = &c->cells[(size_t)y *
			    (size_t)c->width + (size_t)x];
			uint32_t		 g = canvas_glyph(c, cell);
			wchar_t			 wc[2];
			cchar_t			 cc;
			short			 pair = 0;

			if (g == 0)	/* the right half of a wide char */
				continue;
			if (use_colour)
				pair = (short)((cell->style <
				    CANVAS_STYLE_COUNT ? cell->style : 0) + 1);
			wc[0] = (wchar_t)g;
			wc[1] = L'\0';
			if (setcchar(&cc, wc, cell_attr(cell), pair, NULL) ==
			    OK)
				mvadd_wch(y, x, &cc);
		}
	wnoutrefresh(stdscr);
	doupdate();
}

static void
draw(struct viewer *v)
{
	int h, w, permille = anim_permille(v, now_ms());

	getmaxyx(stdscr, h, w);
	if (w < 1 || h < 1)
		return;
	compose(v, w, h, permille);
	show_canvas(v->canvas);
	if (permille >= ANIM_SETTLED)
		v->anim_position = 0;	/* the settled frame is up */
	v->dirty = false;
}

/* ---- keys ---- */

static int key_shift_up = -1, key_shift_down = -1;

/* Shift+Up/Down are extended terminfo keys (kUP, kDN) in xterm and tmux
 * descriptions: their codes are only known at run time. */
static void
find_extended_keys(void)
{
	char *s;

	if ((s = tigetstr("kUP")) != NULL && s != (char *)-1)
		key_shift_up = key_defined(s);
	if ((s = tigetstr("kDN")) != NULL && s != (char *)-1)
		key_shift_down = key_defined(s);
}

/* The reader pans from what is on screen; the next move hands the
 * panning back to the picture. */
static void
pan(struct viewer *v, int dx, int dy)
{
	if (!v->manual_pan) {
		v->scroll_x = v->pan_x;
		v->scroll_y = v->pan_y;
		v->manual_pan = true;
	}
	v->scroll_x += dx;
	v->scroll_y += dy;
	if (v->scroll_x < 0)
		v->scroll_x = 0;
	if (v->scroll_y < 0)
		v->scroll_y = 0;
	v->dirty = true;
}

/* Tab, Shift-Tab: the next (previous) object on screen becomes the
 * selected one, and every reference to it is highlighted and listed. */
static void
select_next(struct viewer *v, int direction)
{
	struct scene	scene;
	uint32_t	count;
	int64_t		at = -1;

	scene_build(&scene, v->run.heap, TL(v), v->run.program,
	    &v->scene_options);
	count = scene.node_count - scene.frame_count;
	if (count > 0) {
		for (uint32_t i = 0; i < count; i++)
			if (scene.nodes[scene.frame_count + i].id == v->selected)
				at = i;
		if (at < 0)
			at = direction > 0 ? 0 : (int64_t)count - 1;
		else
			at = (at + direction + (int64_t)count) % (int64_t)count;
		v->selected = scene.nodes[scene.frame_count + at].id;
	}
	scene_free(&scene);
	v->dirty = true;
}

/* To the end of module step k (1..), as the timeline numbers them. */
static void
seek_step(struct viewer *v, uint32_t k)
{
	const struct timeline *t = TL(v);

	for (uint32_t i = 0; i < t->step_count; i++)
		if (t->steps[i].depth == 0 && t->steps[i].ordinal == k) {
			move_to(v, t->steps[i].end_event);
			v->playing = false;
			v->dirty = true;
			return;
		}
}

/* A click: the object under the pointer becomes the selected one (a
 * click on nothing clears the selection). */
static void
click(struct viewer *v)
{
	MEVENT			 me;
	struct scene		 scene;
	struct picture_options	 po;
	uint32_t		 step;

	if (getmouse(&me) != OK ||
	    !(me.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)))
		return;
	scene_build(&scene, v->run.heap, TL(v), v->run.program,
	    &v->scene_options);
	view_options(v, &po);
	step = picture_timeline_step(&scene, &po, COLS, LINES, me.x, me.y);
	if (step > 0) {
		/* a click on the timeline: to the end of that step */
		scene_free(&scene);
		seek_step(v, step);
		return;
	}
	layout_place(v->layout, &scene);
	v->selected = picture_object_at(&scene, v->layout, &po, me.x, me.y);
	scene_free(&scene);
	v->dirty = true;
}

/* t: the other theme. */
static void
toggle_theme(struct viewer *v)
{
	/* the room's theme and the white page, whichever is not up */
	page = !page;
	set_room(page ? ROOM_INK : room_default);
	if (use_colour)
		init_theme();
	clearok(curscr, TRUE);
	v->dirty = true;
}

/* Handles one key; false to quit. */
/* p: predict mode on or off. */
static void
toggle_predict(struct viewer *v)
{
	if (v->predict != NULL) {
		predict_free(v->predict);
		v->predict = NULL;
	} else
		v->predict = predict_new(&v->run, v->report);
	v->predict_on = v->predict != NULL;
	v->dirty = true;
}

/* A key while a question waits: the answer's keys go to predict.c; Tab
 * and clicks still select the boxes an answer picks; q quits unless the
 * answer is being typed. */
static bool
answer_key(struct viewer *v, int key)
{
	bool typing = predict_typing(v->predict);

	switch (key) {
	case '\t':
	case KEY_BTAB:
		select_next(v, key == '\t' ? +1 : -1);
		return true;
	case KEY_MOUSE:
		click(v);
		return true;
	case KEY_ENTER:
	case '\r':
		key = PREDICT_ENTER;
		break;
	case KEY_BACKSPACE:
	case 127:
		key = PREDICT_BACKSPACE;
		break;
	case 'q':
	case 'Q':
	case '?':
	case 'p':
		if (typing)
			break;
		if (key == 'p') {
			toggle_predict(v);
			return true;
		}
		if (key == '?') {
			v->help = true;
			v->dirty = true;
			return true;
		}
		return false;
	}
	switch (predict_key(v->predict, key, v->selected)) {
	case PREDICT_PLAY:
		/* the step plays, then the reveal stays over it */
		v->play_until = predict_play_until(v->predict);
		v->playing = true;
		v->next_play = now_ms();
		v->dirty = true;
		break;
	case PREDICT_REDRAW:
		v->dirty = true;
		break;
	case PREDICT_NOTHING:
		break;
	}
	return true;
}

static bool
handle_key(struct viewer *v, int key)
{
	const struct timeline *t = TL(v);

	if (key == KEY_RESIZE) {
		v->dirty = true;
		return true;
	}
	if (v->help) {
		/* any key closes the help; q still quits */
		v->help = false;
		v->dirty = true;
		return key != 'q';
	}
	if (v->predict != NULL && predict_asking(v->predict))
		return answer_key(v, key);
	if (key > 0 && (key == key_shift_up || key == key_shift_down)) {
		pan(v, 0, key == key_shift_up ? -PAN_Y : PAN_Y);
		return true;
	}
	switch (key) {
	case 'q':
	case 'Q':
		return false;
	case ' ':
		v->playing = !v->playing;
		if (v->playing && position(v) >= t->event_count)
			v->playing = false;
		v->next_play = now_ms();
		v->dirty = true;
		return true;
	case '+':
	case '=':
		if (v->speed + 1 < PLAY_SPEEDS)
			v->speed++;
		v->dirty = true;
		return true;
	case '-':
	case '_':
		if (v->speed > 0)
			v->speed--;
		v->dirty = true;
		return true;
	case '?':
		v->help = true;
		v->dirty = true;
		return true;
	case '\t':
	case KEY_BTAB:
		select_next(v, key == '\t' ? +1 : -1);
		return true;
	case 27:	/* Escape: no selection */
		v->selected = OBJ_NULL;
		v->dirty = true;
		return true;
	case 'r':
		reload(v);
		return true;
	case 'g':
		collect_now(v);
		return true;
	case 'p':
		toggle_predict(v);
		return true;
	case 'v':
		switch_version(v);
		return true;
	case 't':
		toggle_theme(v);
		return true;
	case KEY_MOUSE:
		click(v);
		return true;
	case 'H':
	case KEY_SLEFT:
		pan(v, -PAN_X, 0);
		return true;
	case 'L':
	case KEY_SRIGHT:
		pan(v, PAN_X, 0);
		return true;
	case 'K':
	case KEY_SR:
		pan(v, 0, -PAN_Y);
		return true;
	case 'J':
	case KEY_SF:
		pan(v, 0, PAN_Y);
		return true;
	case 12:	/* ^L: redraw everything */
		clearok(curscr, TRUE);
		v->dirty = true;
		return true;
	}
	/* the rest move the reader, which stops the play and ends a
	 * reveal */
	if (v->predict != NULL)
		predict_dismiss(v->predict);
	switch (key) {
	case KEY_RIGHT:
	case 'l':
		move_to(v, position(v) + 1);
		break;
	case KEY_LEFT:
	case 'h':
		if (position(v) > 0)
			move_to(v, position(v) - 1);
		break;
	case KEY_DOWN:
	case 'j':
		next_step(v, current_depth(v));
		break;
	case 's':
		next_step(v, UINT32_MAX);
		break;
	case KEY_UP:
	case 'k':
		previous_step(v);
		break;
	case KEY_HOME:
	case '<':
		move_to(v, start_position(v));
		break;
	case KEY_END:
	case '>':
		move_to(v, t->event_count);
		break;
	default:
		return true;
	}
	if (v->playing) {
		v->playing = false;
		v->dirty = true;
	}
	return true;
}

/* ---- the loop ---- */

static int
start_terminal(bool mono, bool light, char **why)
{
	SCREEN		*screen;
	const char	*term = getenv("TERM") != NULL ? getenv("TERM") : "";

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		*why = xstrdup("the viewer needs a terminal (try `refscope "
		    "dump FILE`)");
		return -1;
	}
	have_termios = tcgetattr(STDIN_FILENO, &saved_termios) == 0;
	/* our handlers first: curses installs its own only where none is */
	install_signals();
	atexit(tui_restore);
	xalloc_set_fatal(on_out_of_memory);
	/* A terminal that cannot move the cursor (TERM=dumb, a hardcopy
	 * one) would get a blank or garbled screen: say so before curses
	 * touches it.  An unknown TERM is newterm's to refuse, below. */
	if (!can_address_cursor()) {
		*why = xasprintf("the terminal (TERM=%s) cannot move the "
		    "cursor, which the viewer needs; set TERM to your "
		    "terminal's type (e.g. xterm-256color), or try `refscope "
		    "dump FILE`", term);
		return -1;
	}
	/* before curses: the answer must not reach it as keys */
	choose_theme(light, !mono && (getenv("NO_COLOR") == NULL ||
	    getenv("NO_COLOR")[0] == '\0'));
	/* the size from the terminal, even when LINES/COLUMNS are set */
	use_tioctl(TRUE);
	screen = newterm(NULL, stdout, stdin);
	if (screen == NULL) {
		*why = xasprintf("cannot use the terminal (TERM=%s)", term);
		return -1;
	}
	terminal_active = 1;
	set_term(screen);
	save_reset_string("rmcup");
	save_reset_string("cnorm");
	save_reset_string("sgr0");
	save_reset_string("rmkx");
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	/* a click selects; no motion reports, and no delay for doubles */
	if (mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED, NULL) != 0)
		save_mouse_off();
	mouseinterval(0);
	start_colours(mono);
	find_extended_keys();
	return 0;
}

static void
loop(struct viewer *v)
{
	int64_t next_poll = now_ms() + POLL_MS;

	for (;;) {
		int64_t	now;
		int	wait, key;

		if (quit_signal)
			return;
		if (v->dirty)
			draw(v);
		now = now_ms();
		wait = (int)(next_poll > now ? next_poll - now : 0);
		if (v->playing) {
			int64_t until = v->next_play - now;

			if (until < wait)
				wait = until > 0 ? (int)until : 0;
		}
		if (v->anim_position != 0 && wait > FRAME_MS)
			wait = FRAME_MS;	/* the next frame */
		timeout(wait);
		key = getch();
		if (quit_signal)
			return;
		if (key != ERR && !handle_key(v, key))
			return;
		if (v->anim_position != 0)
			v->dirty = true;
		now = now_ms();
		if (v->playing && now >= v->next_play) {
			play_tick(v);
			v->next_play = now + play_delays[v->speed];
			v->dirty = true;
		}
		if (now >= next_poll) {
			if (run_file_changed(v->run.path, &v->version))
				reload(v);
			next_poll = now + POLL_MS;
		}
	}
}

int
tui_run(struct run *r, const struct tui_options *o, char **why)
{
	struct viewer	 v;
	const char	*report_why;
	int		 sig;

	memset(&v, 0, sizeof v);
	v.run = *r;
	memset(r, 0, sizeof *r);	/* the viewer's now */
	/* the file as it was before the run read it: one that changed since
	 * (a FIFO written to, an edit meanwhile) is re-run */
	v.version = run_version_read(&v.run);
	if (v.run.errors != NULL)
		v.banner = banner_text("", v.run.errors, run_source(&v.run));

	setlocale(LC_ALL, "");
	v.ascii = (o != NULL && o->ascii) || !utf8_locale();
	*why = NULL;
	if (start_terminal(o != NULL && o->mono, o != NULL && o->light,
	    why) != 0) {
		xfree(v.banner);
		run_free(&v.run);
		return 2;
	}
	scene_options_default(&v.scene_options);
	v.layout = layout_new();
	v.canvas = canvas_new(COLS > 0 ? COLS : 1, LINES > 0 ? LINES : 1,
	    v.ascii);
	v.speed = PLAY_DEFAULT;
	find_step_marks(&v);
	seek(&v, start_position(&v));
	v.report = o != NULL ? o->report : NULL;
	if (o != NULL && (o->predict || o->report != NULL))
		toggle_predict(&v);
	if (o != NULL && o->versions) {
		v.versions = true;
		v.pair[0] = o->pair[0];
		v.pair[1] = o->pair[1];
		versions_refresh(&v);
	}
	v.dirty = true;

	loop(&v);

	sig = quit_signal;
	tui_restore();
	if (v.predict != NULL && !predict_report_ok(v.predict, &report_why))
		*why = xasprintf("could not write the report %s: %s",
		    v.report, report_why);
	predict_free(v.predict);
	canvas_free(v.canvas);
	layout_free(v.layout);
	xfree(v.banner);
	xfree(v.step_marks);
	xfree(v.differences);
	compare_free(&v.cmp);
	run_free(&v.other);
	run_free(&v.run);
	if (sig != 0) {
		/* end as the signal would have ended us */
		signal(sig, SIG_DFL);
		raise(sig);
	}
	return *why != NULL ? 2 : 0;
}
