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
#include "base/datadir.h"
#include "base/diag.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "lang/program.h"
#include "lang/scenario.h"
#include "out/budget.h"
#include "out/cast.h"
#include "out/dot.h"
#include "out/dump.h"
#include "out/python.h"
#include "out/trace.h"
#include "sim/heap.h"
#include "sim/interp.h"
#include "sim/timeline.h"
#include "view/picture.h"
#include "view/scene.h"
#include "view/tui.h"

static const char usage[] =
"usage: refscope [FILE|NAME]           open the viewer (no argument: the tour)\n"
"       refscope check FILE...         run every expect:, print located errors\n"
"       refscope trace FILE            print the run as JSON Lines\n"
"       refscope dump FILE             print each step's picture as text\n"
"       refscope export --python FILE  the scenario as a Python program\n"
"       refscope export --dot FILE     the graph at a step as Graphviz DOT\n"
"       refscope export --cast FILE    the animation as an asciicast v2 file\n"
"       refscope list                  the shipped scenarios, in course order\n"
"       refscope new FILE              write a commented starter scenario\n"
"       refscope --help | --version    this help, or the version\n"
"options: viewer --ascii --mono --light; check --stats;\n"
"         trace --events --delta --max-output SIZE;\n"
"         dump --width N --ansi --ascii --list --max-output SIZE;\n"
"         export --dot --step N;\n"
"         export --cast --width N --height N --ascii\n"
"FILE may be the NAME of a shipped scenario.  More in refscope(1).\n";

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
	char	*dir, *path;

	if (is_file(arg) || strchr(arg, '/') != NULL ||
	    strstr(arg, ".yaml") != NULL ||
	    (dir = datadir_find(DATADIR_SCENARIOS)) == NULL)
		return xstrdup(arg);
	path = xasprintf("%s/%s.yaml", dir, arg);
	xfree(dir);
	if (is_file(path))
		return path;
	xfree(path);
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

/*
 * --max-output SIZE: bytes, or with K, M or G (KiB, MiB, GiB); 0 for no
 * limit.  Without it a listing to a terminal stops at OUT_MAX_TERMINAL,
 * and one to a file or a pipe has no limit.
 */
static bool
parse_max_output(int argc, char **argv, int *i, struct out_limit *max)
{
	const char		*text;
	char			*end;
	unsigned long long	 n;
	unsigned		 shift = 0;

	if (strcmp(argv[*i], "--max-output") != 0)
		return false;
	if (*i + 1 >= argc) {
		fputs("refscope: --max-output needs a size (such as 64M, or "
		    "0 for no limit)\n", stderr);
		return false;
	}
	text = argv[++*i];
	errno = 0;
	n = strtoull(text, &end, 10);
	if (end != text && *end != '\0' && end[1] == '\0')
		shift = *end == 'K' || *end == 'k' ? 10 : *end == 'M' ||
		    *end == 'm' ? 20 : *end == 'G' || *end == 'g' ? 30 : 0;
	if (end == text || text[0] == '-' || errno != 0 ||
	    (*end != '\0' && shift == 0) || n > (UINT64_MAX >> 30)) {
		char *shown = visible(text);

		fprintf(stderr, "refscope: --max-output: expected a size such "
		    "as 64M (bytes, or K, M or G; 0 for no limit), found '%s'\n",
		    shown);
		xfree(shown);
		--*i;
		return false;
	}
	max->bytes = (uint64_t)n << shift;
	max->from_option = true;
	return true;
}

/* A listing's limit until --max-output says: only a terminal has one. */
static struct out_limit
default_max_output(void)
{
	struct out_limit max = { 0, false };

	if (isatty(STDOUT_FILENO))
		max.bytes = OUT_MAX_TERMINAL;
	return max;
}

static int
cmd_trace(int argc, char **argv)
{
	struct trace_options	 o = { .max = default_max_output() };
	const char		*file = NULL;
	struct run		 r;
	struct trace_writer	*w;
	struct interp_hooks	 hooks = { 0 };
	int			 status;

	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--events") == 0)
			o.events = true;
		else if (strcmp(argv[i], "--delta") == 0)
			o.delta = true;
		else if (parse_max_output(argc, argv, &i, &o.max))
			;
		else if (file == NULL && argv[i][0] != '-')
			file = argv[i];
		else
			return usage_error();
	}
	if (file == NULL)
		return usage_error();
	if (!run_open(&r, file, &status))
		return status;
	w = trace_writer_new(stdout, r.program, &o);
	run_execute(&r, false, &hooks, attach_trace, w);
	fflush(stdout);
	trace_writer_take_errors(w, &r.errors);
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
	struct dump_options	 o = { .width = 100,
				     .max = default_max_output() };
	const char		*file = NULL;
	int			 status;

	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--list") == 0)
			o.list = true;
		else if (strcmp(argv[i], "--ansi") == 0)
			o.ansi = true;
		else if (strcmp(argv[i], "--ascii") == 0)
			o.ascii = true;
		else if (parse_max_output(argc, argv, &i, &o.max))
			;
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
	dump_writer_take_errors(w, &r.errors);
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
		else if (strcmp(argv[i], "--light") == 0 && arg == NULL)
			o.light = true;
		else if (arg == NULL && argv[i][0] != '-')
			arg = argv[i];
		else
			return usage_error();
	}
	path = arg != NULL ? resolve_scenario(arg) : datadir_find(DATADIR_TOUR);
	if (path == NULL) {
		fputs("refscope: the tour is not installed; try `refscope "
		    "list`\n", stderr);
		return 2;
	}
	status = tui_run(path, &o);
	xfree(path);
	return status;
}

static int
compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Loads and runs FILE for an export, keeping the whole timeline.  On
 * failure prints why, frees r and returns the exit status (else 0). */
static int
run_for_export(struct run *r, const char *file)
{
	struct interp_hooks	hooks = { 0 };
	int			status;

	if (run_load(r, file) == 0 && run_execute(r, true, &hooks, NULL,
	    NULL) == 0)
		return 0;
	status = run_print_errors(r);
	run_free(r);
	return status;
}

/* A size of a recorded terminal: 20..1000 cells. */
static bool
parse_size(const char *text, int *out)
{
	char	*end;
	long	 n = strtol(text, &end, 10);

	if (*end != '\0' || n < 20 || n > 1000)
		return false;
	*out = (int)n;
	return true;
}

/* refscope export --cast [--width N] [--height N] [--ascii] FILE: the
 * animation as an asciicast v2 recording. */
static int
export_cast(int argc, char **argv)
{
	struct run		 r;
	struct cast_options	 o = { .width = 100, .height = 30 };
	const char		*file = NULL;
	int			 status;

	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--width") == 0 && i + 1 < argc &&
		    parse_size(argv[i + 1], &o.width))
			i++;
		else if (strcmp(argv[i], "--height") == 0 && i + 1 < argc &&
		    parse_size(argv[i + 1], &o.height))
			i++;
		else if (strcmp(argv[i], "--ascii") == 0)
			o.ascii = true;
		else if (file == NULL && argv[i][0] != '-')
			file = argv[i];
		else
			return usage_error();
	}
	if (file == NULL || o.width < PICTURE_MIN_WIDTH ||
	    o.height < PICTURE_MIN_HEIGHT)
		return usage_error();
	if ((status = run_for_export(&r, file)) != 0)
		return status;
	if (cast_write(stdout, r.program, r.heap, r.timeline, &o) != 0) {
		fprintf(stderr, "refscope: cannot write the recording\n");
		run_free(&r);
		return 2;
	}
	status = run_print_errors(&r);
	run_free(&r);
	return status;
}

/* export --python: the program that checks the scenario in CPython.  It is
 * written even when an expect failed in refscope (CPython's answer is what
 * one wants then), and the failures are reported too, with status 1. */
static int
export_python(struct run *r)
{
	struct strbuf out = STRBUF_INIT;
	int status;

	python_write(r->program, r->timeline, r->heap, &out);
	fwrite(out.data, 1, out.len, stdout);
	strbuf_free(&out);
	status = run_print_errors(r);
	run_free(r);
	return status;
}

/* export --dot: the graph at the end of timeline step `step` (-1: the
 * last) as DOT. */
static int
export_dot(struct run *r, const char *file, long step)
{
	struct scene_options	 so;
	struct scene		 s;
	struct strbuf		 out = STRBUF_INIT;
	int			 status;

	if (step < 0)
		step = (long)r->timeline->step_count - 1;
	if (step >= (long)r->timeline->step_count) {
		char *name = visible(file);

		fprintf(stderr, "refscope: %s has %u steps, not %ld\n", name,
		    r->timeline->step_count - 1, step);
		xfree(name);
		run_free(r);
		return 2;
	}
	timeline_seek(r->timeline, r->heap,
	    r->timeline->steps[step].end_event);
	scene_options_default(&so);
	so.max_slots = 0;		/* no folding in a file */
	scene_build(&s, r->heap, r->timeline, r->program, &so);
	dot_write(&s, &out);
	fwrite(out.data, 1, out.len, stdout);
	strbuf_free(&out);
	scene_free(&s);
	status = run_print_errors(r);
	run_free(r);
	return status;
}

/* refscope export --python FILE | --dot [--step N] FILE | --cast ... */
static int
cmd_export(int argc, char **argv)
{
	struct run	 r;
	const char	*file = NULL;
	bool		 dot = false, python = false;
	long		 step = -1;
	int		 status;

	if (argc > 0 && strcmp(argv[0], "--cast") == 0)
		return export_cast(argc - 1, argv + 1);
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--dot") == 0)
			dot = true;
		else if (strcmp(argv[i], "--step") == 0 && i + 1 < argc &&
		    atol(argv[i + 1]) > 0)
			step = atol(argv[++i]);
		else if (strcmp(argv[i], "--python") == 0)
			python = true;
		else if (file == NULL && argv[i][0] != '-')
			file = argv[i];
		else
			return usage_error();
	}
	if (dot == python || file == NULL || (python && step >= 0))
		return usage_error();
	if ((status = run_for_export(&r, file)) != 0)
		return status;
	return python ? export_python(&r) : export_dot(&r, file, step);
}

/* refscope new FILE: a commented starter scenario that passes check. */
static int
cmd_new(int argc, char **argv)
{
	char	*starter, *text = NULL, *name;
	FILE	*out;
	int	 fd;

	if (argc != 1)
		return usage_error();
	if ((starter = datadir_find(DATADIR_STARTER)) != NULL)
		text = scenario_read_source(starter);
	xfree(starter);
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

/* One line of refscope list: section, name, title, summary. */
static void
list_scenario(const char *dir, const char *name)
{
	char		*path = xasprintf("%s/%s.yaml", dir, name);
	struct scenario	*s = NULL;
	struct diag	*errors = NULL;
	struct strbuf	 line = STRBUF_INIT;

	if (scenario_load_file(path, &s, &errors) == 0) {
		if (s->section.value != NULL)
			strbuf_append_visible(&line, s->section.value,
			    s->section.len, 0);
		while (line.len < 30)
			strbuf_putc(&line, ' ');
		strbuf_printf(&line, " %-22s ", name);
		strbuf_append_visible(&line, s->title.value, s->title.len, 0);
		if (s->summary.value != NULL) {
			strbuf_puts(&line, " — ");
			strbuf_append_visible(&line, s->summary.value,
			    s->summary.len, 0);
		}
		puts(strbuf_str(&line));
	}
	strbuf_free(&line);
	scenario_free(s);
	diag_free(errors);
	xfree(path);
}

/* refscope list: the shipped scenarios, the course in order. */
static int
cmd_list(void)
{
	char		*found = datadir_find(DATADIR_SCENARIOS);
	DIR		*dir = found != NULL ? opendir(found) : NULL;
	struct dirent	*de;
	char		**names = NULL;
	size_t		 count = 0;

	while (dir != NULL && (de = readdir(dir)) != NULL) {
		size_t len = strlen(de->d_name);

		if (len > 5 && strcmp(de->d_name + len - 5, ".yaml") == 0) {
			names = xreallocarray(names, count + 1, sizeof *names);
			names[count++] = xstrndup(de->d_name, len - 5);
		}
	}
	if (dir != NULL)
		closedir(dir);
	if (count > 1)
		qsort(names, count, sizeof *names, compare_names);
	for (size_t i = 0; i < count; i++) {
		list_scenario(found, names[i]);
		xfree(names[i]);
	}
	xfree(names);
	xfree(found);
	if (count > 0)
		return 0;
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
	    strcmp(argv[1], "--mono") == 0 ||
	    strcmp(argv[1], "--light") == 0 || (argc == 2 && argv[1][0] != '-'))
		status = cmd_view(argc - 1, argv + 1);
	else
		status = usage_error();
	atom_reset();
	return status;
}
