/*
 * datadir.h: where refscope's shipped files are -- the course of scenarios,
 * the built-in tour and the starter scenario of `refscope new`.
 *
 * The program built in a source tree reads them from that tree, so that an
 * edited scenario shows at once and nothing needs installing; an installed
 * program reads them from its data directory, $(pkgdatadir), and never from
 * the source tree it was built in.  The data directory is found beside the
 * program first (PREFIX/bin/refscope -> PREFIX/share/refscope), so an
 * installed tree still works after `make install prefix=DIR` or DESTDIR=DIR,
 * or when moved; else it is the one configure chose.
 */
#ifndef REFSCOPE_DATADIR_H
#define REFSCOPE_DATADIR_H

enum datadir_file {
	DATADIR_SCENARIOS,	/* the folder of the shipped scenarios */
	DATADIR_STARTER,	/* the file `refscope new` copies */
	DATADIR_STARTER_PY,	/* the same for `refscope new lesson.py` */
	DATADIR_TOUR		/* the scenario opened with no argument */
};

/* The path of `what` in the first place that has it, or NULL when none
 * does.  Caller frees with xfree. */
char	*datadir_find(enum datadir_file what);

#endif
