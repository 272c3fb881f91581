/*
 * run.h: one run of a scenario -- load (read the file once, parse,
 * compile), execute (into a heap and a timeline, with hooks), and the
 * diagnostics that came of it, quoted from the text that was read.
 *
 * What every front end does with a scenario: the commands of main.c, the
 * viewer (its first run comes from main.c, its reloads from here), the
 * fuzzer, the benchmarks and the Check suites.  A run lives in its own
 * layer, src/run/, above lang/ and sim/ and below view/, writer/ and main.c:
 * sim/ knows nothing of files or YAML (lang/scenario.c, libcyaml), and a
 * run reads a file and parses it.
 *
 * Nothing here prints: the errors are a list of values, r->errors, and the
 * caller decides where they go (diag_print with run_source).
 */
#ifndef REFSCOPE_RUN_H
#define REFSCOPE_RUN_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>
#include <time.h>

#include "base/diag.h"
#include "lang/program.h"
#include "lang/scenario.h"
#include "sim/heap.h"
#include "sim/interp.h"
#include "sim/timeline.h"

/*
 * Everything a run made.  The run owns every member; run_free frees them
 * all.  A member is NULL until its step made it: a load that failed leaves
 * the program (and perhaps the scenario) NULL, a run not executed leaves
 * the heap and the timeline NULL.
 */
struct run {
	char			*path;		/* the name in messages */
	bool			 stat_ok;	/* the file was there ... */
	struct stat		 stat;		/* ... as this, just before
						   it was read (a watcher's
						   first version) */
	char			*source;	/* the text read, until the
						   scenario holds its copy */
	struct scenario		*scenario;
	struct program		*program;
	struct heap		*heap;
	struct timeline		*timeline;
	struct interp_result	 result;	/* of run_execute */
	struct diag		*errors;	/* every step's, in order */
};

/* Called by run_execute with the new, empty timeline before the first
 * step: where a writer sets the timeline's hooks and fills *hooks. */
typedef void run_attach_fn(void *ctx, struct timeline *t,
    struct interp_hooks *hooks);

/*
 * Fills *r (any previous content is ignored) from the file at path: reads
 * it once (scenario_read_file; with regular_only anything but a regular
 * file is refused and nothing blocks, for the viewer's reload), parses and
 * compiles it.  Returns 0, or -1 with status-2 diagnostics in r->errors.
 * Either way free *r with run_free.
 */
int	 run_load_file(struct run *r, const char *path, bool regular_only);

/*
 * Makes every later load model CPython version v, whatever its file says
 * (`--python X.Y` on the command line, DESIGN §10); force false: each
 * file's own (its `python` setting, else PY_VERSION_DEFAULT).  One setting
 * for the process, so that the viewer's reloads keep it.
 */
void	 run_force_python(bool force, enum py_version v);

/* run_load_file as version v, whatever the file or run_force_python say
 * (the two runs a comparison of versions makes). */
int	 run_load_file_as(struct run *r, const char *path, bool regular_only,
	    enum py_version v);

/* The same from the len bytes at text (copied); name is used in messages. */
int	 run_load_text(struct run *r, const char *name, const char *text,
	    size_t len);

/*
 * Executes a loaded run (run_load_* returned 0) into a new heap and a new
 * timeline that keeps every event if retain (a viewer, a picture, an
 * export seeks in it) or only the steps.  attach (may be NULL) is called
 * with ctx first; hooks may be NULL when attach is.  As interp_run: 0 when
 * every statement ran (failed expects add status-1 diagnostics), -1 when
 * one raised or a limit was hit (status 2; the heap and the timeline hold
 * the run up to there).  r->result says how far it went.
 */
int	 run_execute(struct run *r, bool retain, struct interp_hooks *hooks,
	    run_attach_fn *attach, void *ctx);

/*
 * run_load_file, then, if that worked, run_execute with a retained
 * timeline and hooks (may be NULL): a run to seek in, as the viewer shows
 * one -- its first from main.c, its reloads and g.  Returns 0, or -1 with
 * status-2 diagnostics in r->errors.  Either way free *r with run_free.
 */
int	 run_load_retained(struct run *r, const char *path, bool regular_only,
	    struct interp_hooks *hooks);

/* What identifies a version of a run's file: a change of any member is an
 * edit (an editor may replace the file rather than write it). */
struct run_version {
	bool		 exists;
	dev_t		 dev;
	ino_t		 ino;
	off_t		 size;
	struct timespec	 mtime;
};

/* The version of the file r read, as it was just before the read (so a
 * change while it read is a change). */
struct run_version run_version_read(const struct run *r);

/* Whether the file at path is there now and other than version seen: a
 * watcher's question (a file being replaced may be missing a moment). */
bool	 run_file_changed(const char *path, const struct run_version *seen);

/* The exit status the diagnostics give: 2, 1, or 0 for none. */
int	 run_status(const struct run *r);

/* The text that was read (for diag_print's excerpts), or NULL if none. */
const char *run_source(const struct run *r);

/* Frees everything *r holds and empties it (run_free twice is harmless). */
void	 run_free(struct run *r);

#endif
