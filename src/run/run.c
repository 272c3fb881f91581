/*
 * run.c: one run of a scenario, from its text to its diagnostics.
 */
#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include "base/xalloc.h"
#include "run/run.h"

/* The version the command line asked for (run_force_python). */
static bool		forced;
static enum py_version	forced_version;

void
run_force_python(bool force, enum py_version v)
{
	forced = force;
	forced_version = v;
}

/* Parses and compiles r->source (len bytes), then lets it go: the
 * scenario holds its own copy, and quoting uses that one. */
static int
run_compile(struct run *r, size_t len)
{
	if (scenario_load_string(r->path, r->source, len, &r->scenario,
	    &r->errors) != 0)
		return -1;
	if (forced)
		r->scenario->settings.python = forced_version;
	xfree(r->source);
	r->source = NULL;
	return program_compile(r->scenario, &r->program, &r->errors);
}

int
run_load_file(struct run *r, const char *path, bool regular_only)
{
	size_t len;

	memset(r, 0, sizeof *r);
	r->path = xstrdup(path);
	/* before the read: a change while it reads is a change to see */
	r->stat_ok = stat(path, &r->stat) == 0;
	/* read once, and quote a message from what was read: a FIFO gives
	 * its text once, and opening it again would wait for ever */
	if (scenario_read_file(r->path, regular_only, &r->source, &len,
	    &r->errors) != 0)
		return -1;
	return run_compile(r, len);
}

int
run_load_file_as(struct run *r, const char *path, bool regular_only,
    enum py_version v)
{
	bool		was = forced;
	enum py_version	was_version = forced_version;
	int		rc;

	run_force_python(true, v);
	rc = run_load_file(r, path, regular_only);
	run_force_python(was, was_version);
	return rc;
}

int
run_load_text(struct run *r, const char *name, const char *text, size_t len)
{
	memset(r, 0, sizeof *r);
	r->path = xstrdup(name);
	r->source = xmalloc(len + 1);
	memcpy(r->source, text, len);
	r->source[len] = '\0';
	return run_compile(r, len);
}

int
run_execute(struct run *r, bool retain, struct interp_hooks *hooks,
    run_attach_fn *attach, void *ctx)
{
	r->heap = heap_new();
	r->timeline = timeline_new(retain);
	if (attach != NULL)
		attach(ctx, r->timeline, hooks);
	return interp_run(r->program, r->heap, r->timeline, hooks, &r->result,
	    &r->errors);
}

int
run_load_retained(struct run *r, const char *path, bool regular_only,
    struct interp_hooks *hooks)
{
	if (run_load_file(r, path, regular_only) != 0)
		return -1;
	return run_execute(r, true, hooks, NULL, NULL);
}

static struct run_version
run_version_of(bool exists, const struct stat *st)
{
	struct run_version v;

	memset(&v, 0, sizeof v);
	if (!exists)
		return v;
	v.exists = true;
	v.dev = st->st_dev;
	v.ino = st->st_ino;
	v.size = st->st_size;
	v.mtime = st->st_mtim;
	return v;
}

struct run_version
run_version_read(const struct run *r)
{
	return run_version_of(r->stat_ok, &r->stat);
}

bool
run_file_changed(const char *path, const struct run_version *seen)
{
	struct stat		st;
	struct run_version	now;

	now = run_version_of(stat(path, &st) == 0, &st);
	return now.exists && !(now.exists == seen->exists &&
	    now.dev == seen->dev && now.ino == seen->ino &&
	    now.size == seen->size &&
	    now.mtime.tv_sec == seen->mtime.tv_sec &&
	    now.mtime.tv_nsec == seen->mtime.tv_nsec);
}

int
run_status(const struct run *r)
{
	return diag_list_status(r->errors);
}

const char *
run_source(const struct run *r)
{
	return r->scenario != NULL ? r->scenario->source : r->source;
}

void
run_free(struct run *r)
{
	interp_result_free(&r->result);
	timeline_free(r->timeline);
	heap_free(r->heap);
	program_free(r->program);
	scenario_free(r->scenario);
	diag_free(r->errors);
	xfree(r->source);
	xfree(r->path);
	memset(r, 0, sizeof *r);
}
