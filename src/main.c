/*
 * main.c: the command line (DESIGN §6) -- reads the arguments, picks a mode,
 * and leaves all the work to the layers.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/atom.h"
#include "base/diag.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "lang/program.h"
#include "lang/scenario.h"
#include "out/dot.h"
#include "out/dump.h"
#include "out/trace.h"
#include "sim/heap.h"
#include "sim/interp.h"
#include "sim/timeline.h"
#include "view/scene.h"
#include "view/tui.h"

static const char usage[] =
"usage: refscope [--ascii] [--mono] [FILE|NAME]\n"
"                                       open the viewer (no argument: the tour)\n"
"       refscope check FILE...          validate, run every expect:\n"
"       refscope trace [--events] FILE  print the JSON Lines trace\n"
"       refscope dump [--width N] [--ansi] [--ascii] [--list] FILE\n"
"                                       print each step's picture as text\n"
"       refscope list                   the shipped scenarios\n"
"       refscope new FILE               write a commented starter scenario\n"
"       refscope export --dot [--step N] FILE\n"
"                                       the graph at a step as Graphviz DOT\n"
"       refscope --help | --version\n";

/* Prints the usage to stderr: the answer to a malformed command line. */
static int
usage_error(void)
{
	fputs(usage, stderr);
	return 2;
}

/* A name from the command line, to print: file names come from downloads
 * too, and may hold control characters.  Caller frees. */
static char *
visible(const char *name)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_append_visible(&sb, name, strlen(name), 0);
	return strbuf_detach(&sb);
}

/* Where shipped scenarios live: the source tree first (before install),
 * then the installed data directory. */
static const char *const scenario_dirs[] = {
	SRCDIR "/scenarios",
	PKGDATADIR "/scenarios",
};

static bool
is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* FILE as given, or NAME of a shipped scenario.  Caller frees. */
static char *
resolve_scenario(const char *arg)
{
	if (is_file(arg) || strchr(arg, '/') != NULL ||
	    strstr(arg, ".yaml") != NULL)
		return xstrdup(arg);
	for (size_t i = 0; i < sizeof scenario_dirs / sizeof *scenario_dirs;
	    i++) {
		char *path = xasprintf("%s/%s.yaml", scenario_dirs[i], arg);

		if (is_file(path))
			return path;
		xfree(path);
	}
	return xstrdup(arg);
}

/* One scenario, loaded, compiled and run with hooks; prints diagnostics. */
struct run {
	char			*path;		/* resolved file */
	struct scenario		*scenario;
	struct program		*program;
	struct heap		*heap;
	struct timeline		*timeline;
	struct interp_result	 result;
	struct diag		*errors;
};

static int
run_print_errors(struct run *r)
{
	int	 status = diag_list_status(r->errors);
	char	*source = NULL;

	if (r->errors == NULL)
		return status;
	fflush(stdout);
	if (r->scenario == NULL && r->path != NULL)
		source = scenario_read_source(r->path);
	diag_print(stderr, r->errors, r->scenario ? r->scenario->source :
	    source);
	xfree(source);
	return status;
}

static int
run_load(struct run *r, const char *arg)
{
	memset(r, 0, sizeof *r);
	r->path = resolve_scenario(arg);
	return program_load(r->path, &r->scenario, &r->program, &r->errors);
}

static void run_free(struct run *r);

/* Loads FILE for a command; on failure prints the errors, frees r and
 * gives the exit status in *status. */
static bool
run_open(struct run *r, const char *file, int *status)
{
	if (run_load(r, file) == 0)
		return true;
	*status = run_print_errors(r);
	run_free(r);
	return false;
}

static void
run_free(struct run *r)
{
	timeline_free(r->timeline);
	heap_free(r->heap);
	program_free(r->program);
	scenario_free(r->scenario);
	diag_free(r->errors);
	xfree(r->path);
}

/* Runs a loaded scenario; the writer's hooks see every step. */
static int
run_execute(struct run *r, bool retain, struct interp_hooks *hooks,
    void (*attach)(void *, struct timeline *, struct interp_hooks *),
    void *writer)
{
	r->heap = heap_new();
	r->timeline = timeline_new(retain);
	if (attach != NULL)
		attach(writer, r->timeline, hooks);
	return interp_run(r->program, r->heap, r->timeline, hooks, &r->result,
	    &r->errors);
}

static void
attach_trace(void *w, struct timeline *t, struct interp_hooks *hooks)
{
	trace_writer_attach(w, t, hooks);
}

static void
attach_dump(void *w, struct timeline *t, struct interp_hooks *hooks)
{
	dump_writer_attach(w, t, hooks);
}

static int
cmd_trace(int argc, char **argv)
{
	bool			 events = false;
	const char		*file = NULL;
	struct run		 r;
	struct trace_writer	*w;
	struct interp_hooks	 hooks = { 0 };
	int			 status;

	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--events") == 0)
			events = true;
		else if (file == NULL && argv[i][0] != '-')
			file = argv[i];
		else
			return usage_error();
	}
	if (file == NULL)
		return usage_error();
	if (!run_open(&r, file, &status))
		return status;
	w = trace_writer_new(stdout, r.program, events);
	run_execute(&r, false, &hooks, attach_trace, w);
	fflush(stdout);
	status = run_print_errors(&r);
	trace_writer_free(w);
	run_free(&r);
	return status;
}

static int
cmd_dump(int argc, char **argv)
{
	struct run		 r;
	struct dump_writer	*w;
	struct interp_hooks	 hooks = { 0 };
	struct dump_options	 o = { .width = 100 };
	const char		*file = NULL;
	int			 status;

	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--list") == 0)
			o.list = true;
		else if (strcmp(argv[i], "--ansi") == 0)
			o.ansi = true;
		else if (strcmp(argv[i], "--ascii") == 0)
			o.ascii = true;
		else if (strcmp(argv[i], "--width") == 0 && i + 1 < argc &&
		    atoi(argv[i + 1]) > 0 && atoi(argv[i + 1]) <= 1000)
			o.width = atoi(argv[++i]);
		else if (file == NULL && argv[i][0] != '-')
			file = argv[i];
		else
			return usage_error();
	}
	if (file == NULL)
		return usage_error();
	if (!run_open(&r, file, &status))
		return status;
	w = dump_writer_new(stdout, r.program, &o);
	/* the picture reads the last event: the timeline keeps them */
	if (run_execute(&r, !o.list, &hooks, attach_dump, w) == 0)
		dump_writer_pictures(w, r.heap, r.timeline);
	fflush(stdout);
	status = run_print_errors(&r);
	dump_writer_free(w);
	run_free(&r);
	return status;
}

/* check --stats: the figures the benchmarks print. */
struct stats {
	uint32_t	peak_live;
};

static void
stats_on_event(void *ctx, const struct heap *h, const struct timeline *t,
    const struct event *ev)
{
	struct stats *s = ctx;

	(void)t;
	(void)ev;
	if (h->live_count > s->peak_live)
		s->peak_live = h->live_count;
}

static void
attach_stats(void *ctx, struct timeline *t, struct interp_hooks *hooks)
{
	(void)hooks;
	t->on_event = stats_on_event;
	t->ctx = ctx;
}

static int
cmd_check(int argc, char **argv)
{
	int	worst = 0;
	bool	with_stats = argc > 0 && strcmp(argv[0], "--stats") == 0;

	if (with_stats) {
		argc--;
		argv++;
	}
	if (argc == 0)
		return usage_error();
	for (int i = 0; i < argc; i++) {
		struct run		r;
		struct interp_hooks	hooks = { 0 };
		struct stats		stats = { 0 };
		int			status;

		if (run_load(&r, argv[i]) == 0) {
			/* with --stats the timeline keeps every event, as
			 * the viewer does, so the memory figure includes it */
			run_execute(&r, with_stats, &hooks, with_stats ?
			    attach_stats : NULL, &stats);
			if (with_stats)
				fprintf(stderr, "{\"steps\":%u,\"events\":%llu,"
				    "\"peak_live\":%u}\n", r.result.steps_run,
				    (unsigned long long)r.timeline->event_count,
				    stats.peak_live);
		}
		status = run_print_errors(&r);
		if (status == 0) {
			char *name = visible(argv[i]);

			printf("%s: ok (%u steps run, %u expects checked)\n",
			    name, r.result.steps_run,
			    r.result.expects_checked);
			xfree(name);
		}
		if (status > worst)
			worst = status;
		run_free(&r);
	}
	return worst;
}

/* The scenario the viewer opens without an argument, until the course
 * has a tour of its own. */
#define TOUR_NAME	"01-names"

/* refscope [--ascii] [--mono] [FILE|NAME]: the viewer. */
static int
cmd_view(int argc, char **argv)
{
	struct tui_options	 o = { 0 };
	const char		*arg = NULL;
	char			*path;
	int			 status;

	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--ascii") == 0 && arg == NULL)
			o.ascii = true;
		else if (strcmp(argv[i], "--mono") == 0 && arg == NULL)
			o.mono = true;
		else if (arg == NULL && argv[i][0] != '-')
			arg = argv[i];
		else
			return usage_error();
	}
	path = resolve_scenario(arg != NULL ? arg : TOUR_NAME);
	status = tui_run(path, &o);
	xfree(path);
	return status;
}

static int
compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* refscope export --dot [--step N] FILE: the graph at a step as DOT. */
static int
cmd_export(int argc, char **argv)
{
	struct run		 r;
	struct interp_hooks	 hooks = { 0 };
	struct scene_options	 so;
	struct scene		 s;
	struct strbuf		 out = STRBUF_INIT;
	const char		*file = NULL;
	bool			 dot = false;
	long			 step = -1;
	int			 status;

	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--dot") == 0)
			dot = true;
		else if (strcmp(argv[i], "--step") == 0 && i + 1 < argc &&
		    atol(argv[i + 1]) > 0)
			step = atol(argv[++i]);
		else if (strcmp(argv[i], "--python") == 0 ||
		    strcmp(argv[i], "--cast") == 0) {
			fprintf(stderr, "refscope: export %s is not written "
			    "yet\n", argv[i]);
			return 2;
		} else if (file == NULL && argv[i][0] != '-')
			file = argv[i];
		else
			return usage_error();
	}
	if (!dot || file == NULL)
		return usage_error();
	if (run_load(&r, file) != 0 || run_execute(&r, true, &hooks, NULL,
	    NULL) != 0) {
		status = run_print_errors(&r);
		run_free(&r);
		return status;
	}
	if (step < 0)
		step = (long)r.timeline->step_count - 1;
	if (step >= (long)r.timeline->step_count) {
		char *name = visible(file);

		fprintf(stderr, "refscope: %s has %u steps, not %ld\n", name,
		    r.timeline->step_count - 1, step);
		xfree(name);
		run_free(&r);
		return 2;
	}
	timeline_seek(r.timeline, r.heap, r.timeline->steps[step].end_event);
	scene_options_default(&so);
	so.max_slots = 0;		/* no folding in a file */
	scene_build(&s, r.heap, r.timeline, r.program, &so);
	dot_write(&s, &out);
	fwrite(out.data, 1, out.len, stdout);
	strbuf_free(&out);
	scene_free(&s);
	status = run_print_errors(&r);
	run_free(&r);
	return status;
}

/* refscope new FILE: a commented starter scenario that passes check. */
static int
cmd_new(int argc, char **argv)
{
	static const char *const starters[] = {
		SRCDIR "/assets/starter.yaml",
		PKGDATADIR "/starter.yaml",
	};
	char	*text = NULL, *name;
	FILE	*out;
	int	 fd;

	if (argc != 1)
		return usage_error();
	for (size_t i = 0; i < sizeof starters / sizeof *starters && !text; i++)
		text = scenario_read_source(starters[i]);
	if (text == NULL) {
		fputs("refscope: the starter scenario is not installed\n",
		    stderr);
		return 2;
	}
	/* never overwrite: an author's file is worth more than a starter */
	name = visible(argv[0]);
	fd = open(argv[0], O_WRONLY | O_CREAT | O_EXCL, 0644);
	if (fd < 0 || (out = fdopen(fd, "w")) == NULL) {
		fprintf(stderr, "refscope: cannot create %s: %s\n", name,
		    strerror(errno));
		if (fd >= 0)
			close(fd);
		xfree(text);
		xfree(name);
		return 2;
	}
	fputs(text, out);
	fclose(out);
	xfree(text);
	printf("wrote %s; try: refscope check %s\n", name, name);
	xfree(name);
	return 0;
}

static int
cmd_list(void)
{
	for (size_t d = 0; d < sizeof scenario_dirs / sizeof *scenario_dirs;
	    d++) {
		DIR		*dir = opendir(scenario_dirs[d]);
		struct dirent	*de;
		char		**names = NULL;
		size_t		 count = 0;

		if (dir == NULL)
			continue;
		while ((de = readdir(dir)) != NULL) {
			size_t len = strlen(de->d_name);

			if (len > 5 && strcmp(de->d_name + len - 5, ".yaml") == 0) {
				names = xreallocarray(names, count + 1,
				    sizeof *names);
				names[count++] = xstrndup(de->d_name, len - 5);
			}
		}
		closedir(dir);
		qsort(names, count, sizeof *names, compare_names);
		for (size_t i = 0; i < count; i++) {
			char		*path = xasprintf("%s/%s.yaml",
			    scenario_dirs[d], names[i]);
			struct scenario	*s = NULL;
			struct diag	*errors = NULL;
			struct strbuf	 line = STRBUF_INIT;

			if (scenario_load_file(path, &s, &errors) == 0) {
				/* section, name, title, summary: the course in
				 * order */
				if (s->section.value != NULL)
					strbuf_append_visible(&line,
					    s->section.value, s->section.len, 0);
				while (line.len < 30)
					strbuf_putc(&line, ' ');
				strbuf_printf(&line, " %-22s ", names[i]);
				strbuf_append_visible(&line, s->title.value,
				    s->title.len, 0);
				if (s->summary.value != NULL) {
					strbuf_puts(&line, " — ");
					strbuf_append_visible(&line,
					    s->summary.value, s->summary.len, 0);
				}
				puts(strbuf_str(&line));
			}
			strbuf_free(&line);
			scenario_free(s);
			diag_free(errors);
			xfree(path);
			xfree(names[i]);
		}
		xfree(names);
		if (count > 0)
			return 0;
	}
	fputs("refscope: no shipped scenarios found\n", stderr);
	return 2;
}

int
main(int argc, char **argv)
{
	int status;

	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0)) {
		fputs(usage, stdout);
		return 0;
	}
	if (argc >= 2 && strcmp(argv[1], "--version") == 0) {
		printf("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
		return 0;
	}
	if (argc >= 2 && strcmp(argv[1], "check") == 0)
		status = cmd_check(argc - 2, argv + 2);
	else if (argc >= 2 && strcmp(argv[1], "trace") == 0)
		status = cmd_trace(argc - 2, argv + 2);
	else if (argc >= 2 && strcmp(argv[1], "dump") == 0)
		status = cmd_dump(argc - 2, argv + 2);
	else if (argc >= 2 && strcmp(argv[1], "export") == 0)
		status = cmd_export(argc - 2, argv + 2);
	else if (argc >= 2 && strcmp(argv[1], "new") == 0)
		status = cmd_new(argc - 2, argv + 2);
	else if (argc == 2 && strcmp(argv[1], "list") == 0)
		status = cmd_list();
	else if (argc == 1 || strcmp(argv[1], "--ascii") == 0 ||
	    strcmp(argv[1], "--mono") == 0 || (argc == 2 && argv[1][0] != '-'))
		status = cmd_view(argc - 1, argv + 1);
	else
		status = usage_error();
	atom_reset();
	return status;
}
