/*
 * main.c: the command line (DESIGN §6) -- reads the arguments, picks a mode,
 * and leaves all the work to the layers.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/atom.h"
#include "base/datadir.h"
#include "base/diag.h"
#include "base/strbuf.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "lang/program.h"
#include "lang/scenario.h"
#include "py/pyversion.h"
#include "writer/budget.h"
#include "writer/cast.h"
#include "writer/comparetext.h"
#include "writer/dot.h"
#include "writer/dump.h"
#include "writer/python.h"
#include "writer/worksheet.h"
#include "writer/pyscenario.h"
#include "writer/trace.h"
#include "run/compare.h"
#include "run/run.h"
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
"       refscope export --python FILE  the scenario as a .py scenario\n"
"       refscope export --python-check FILE  a program checking it in CPython\n"
"       refscope export --dot FILE     the graph at a step as Graphviz DOT\n"
"       refscope export --cast FILE    the animation as an asciicast v2 file\n"
"       refscope export --worksheet FILE  questions and answer key, Markdown\n"
"       refscope compare FILE          where two versions differ, step by step\n"
"       refscope list                  the shipped scenarios, in course order\n"
"       refscope new FILE              write a commented starter scenario\n"
"       refscope --help | --version    this help, or the version\n"
"options: every command --python 3.11|3.12|3.13|3.14 (the CPython modelled);\n"
"         compare and the viewer --python A,B (two versions to compare);\n"
"         viewer --ascii --mono --light --predict --report FILE;\n"
"         check --stats;\n"
"         trace --events --delta --max-output SIZE;\n"
"         dump --width N --ansi --ascii --list --max-output SIZE;\n"
"         export --dot --step N;\n"
"         export --cast --width N --height N --ascii\n"
"FILE may be the NAME of a shipped scenario.  More in refscope(1).\n";

/*
 * Writing to stdout.  Every command's output goes through stdout, and a
 * write that fails (a full disk, a closed pipe or a closed stdout) must
 * not pass for success: the first failure's errno is kept here (the
 * writers of src/writer keep theirs and stop at once; main.c's own writes
 * are checked as they go), and main() reports it once, at the end, with
 * status 2.  errno must be read right at the failure: once the stream has
 * failed, a later fflush finds nothing left to write and says nothing.
 */
static int stdout_error;

/* Notes err (an errno, or 0) as stdout's first write error. */
static void
stdout_note(int err)
{
	if (stdout_error == 0 && err != 0)
		stdout_error = err;
}

/* Notes a failure of the write to stdout just made; whether stdout is
 * still good. */
static bool
stdout_ok(void)
{
	if (ferror(stdout))
		stdout_note(errno != 0 ? errno : EIO);
	return stdout_error == 0;
}

/* printf to stdout, checked; whether stdout is still good. */
static bool
stdout_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static bool
stdout_printf(const char *fmt, ...)
{
	va_list ap;

	errno = 0;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	return stdout_ok();
}

/* Writes len bytes to stdout, checked; whether stdout is still good. */
static bool
stdout_write(const void *data, size_t len)
{
	errno = 0;
	if (fwrite(data, 1, len, stdout) != len && !ferror(stdout))
		stdout_note(EIO);
	return stdout_ok();
}

/* Flushes stdout before stderr speaks, so that they interleave right. */
static void
stdout_flush(void)
{
	errno = 0;
	if (fflush(stdout) != 0)
		stdout_note(errno != 0 ? errno : EIO);
}

/* The end of every command: flushes and closes stdout, and turns a write
 * that failed into a message and status 2. */
static int
stdout_finish(int status)
{
	stdout_flush();
	errno = 0;
	if (fclose(stdout) != 0)
		stdout_note(errno != 0 ? errno : EIO);
	if (stdout_error == 0)
		return status;
	fprintf(stderr, "refscope: <stdout>: %s\n", strerror(stdout_error));
	return 2;
}

/*
 * A closed stdin, stdout or stderr (`refscope check f >&-`) would let the
 * next file refscope opens take its number: the output would land in a
 * scenario file, or in the file `refscope new` writes.  So each closed one
 * is opened on /dev/null, read-only: a write to it still fails (EBADF, as
 * on the closed descriptor) and is reported.
 */
static void
guard_std_fds(void)
{
	for (int fd = 0; fd <= 2; fd++) {
		if (fcntl(fd, F_GETFD) == -1 && errno == EBADF &&
		    open("/dev/null", O_RDONLY) != fd)
			_exit(2);	/* nothing can be said: no stderr */
	}
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

/* The answer to a malformed command line: what was wrong (a printf
 * format; scenario-free text, or arguments made visible), then the usage,
 * on stderr.  Returns the exit status, 2. */
static int
usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int
usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("refscope: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	fputs(usage, stderr);
	return 2;
}

/* The answer to an argument cmd does not take: an unknown option, or a
 * second file. */
static int
bad_argument(const char *cmd, const char *arg)
{
	char	*shown = visible(arg);
	int	 status;

	if (arg[0] == '-')
		status = usage_error("%s: unknown option '%s'", cmd, shown);
	else
		status = usage_error("%s: one FILE only, found '%s' too", cmd,
		    shown);
	xfree(shown);
	return status;
}

/*
 * Reads the value of option argv[*i] (the next argument) as a decimal
 * number from lo to hi into *out, and steps *i over it.  Strict, unlike
 * atoi: digits only, no sign, no blanks, no junk after them, no wrap-
 * around; a fault says what was found.  Whether it was read.
 */
static bool
parse_number(int argc, char **argv, int *i, long lo, long hi, long *out)
{
	const char	*opt = argv[*i], *text;
	char		*end, *shown;
	long		 n;

	if (*i + 1 >= argc) {
		usage_error("%s: expected a number from %ld to %ld, found "
		    "nothing", opt, lo, hi);
		return false;
	}
	text = argv[++*i];
	errno = 0;
	n = strtol(text, &end, 10);
	if (text[0] >= '0' && text[0] <= '9' && *end == '\0' &&
	    errno == 0 && n >= lo && n <= hi) {
		*out = n;
		return true;
	}
	shown = visible(text);
	usage_error("%s: expected a number from %ld to %ld, found '%s'", opt,
	    lo, hi, shown);
	xfree(shown);
	return false;
}

static bool
is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* `--python A,B`: the two versions compare and the viewer's toggle show
 * (python_pair_set), and whether a single version was given instead. */
static enum py_version	python_pair[2] = { PY_3_11, PY_VERSION_COUNT - 1 };
static bool		python_pair_set;
static bool		python_single_set;

/* FILE as given, or NAME of a shipped scenario.  Caller frees. */
static char *
resolve_scenario(const char *arg)
{
	char	*dir, *path;

	if (is_file(arg) || strchr(arg, '/') != NULL ||
	    strstr(arg, ".yaml") != NULL || scenario_is_python(arg) ||
	    (dir = datadir_find(DATADIR_SCENARIOS)) == NULL)
		return xstrdup(arg);
	/* a shipped lesson may be Python (DESIGN §9) or YAML */
	path = xasprintf("%s/%s.py", dir, arg);
	if (!is_file(path)) {
		xfree(path);
		path = xasprintf("%s/%s.yaml", dir, arg);
	}
	xfree(dir);
	if (is_file(path))
		return path;
	xfree(path);
	return xstrdup(arg);
}

/* Prints the run's diagnostics on stderr, after what stdout holds, quoting
 * the text that was read; gives the exit status they make. */
static int
print_errors(struct run *r)
{
	int	 status = run_status(r);

	if (r->errors == NULL)
		return status;
	stdout_flush();
	diag_print(stderr, r->errors, run_source(r));
	return status;
}

/* Loads FILE or NAME (resolve_scenario) into *r. */
static int
load_arg(struct run *r, const char *arg)
{
	char	*path = resolve_scenario(arg);
	int	 rc = run_load_file(r, path, false);

	xfree(path);
	return rc;
}

/* Loads FILE for a command; on failure prints the errors, frees r and
 * gives the exit status in *status. */
static bool
open_run(struct run *r, const char *file, int *status)
{
	if (load_arg(r, file) == 0)
		return true;
	*status = print_errors(r);
	run_free(r);
	return false;
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
 * --max-output SIZE at argv[*i]: bytes, or with K, M or G (KiB, MiB,
 * GiB); 0 for no limit.  Reads it into *max and steps *i over it; a fault
 * says what was found.  Whether it was read.
 */
static bool
parse_max_output(int argc, char **argv, int *i, struct writer_limit *max)
{
	const char		*text;
	char			*end, *shown;
	unsigned long long	 n;
	unsigned		 shift = 0;

	if (*i + 1 >= argc) {
		usage_error("--max-output: expected a size such as 64M (bytes, "
		    "or K, M or G; 0 for no limit), found nothing");
		return false;
	}
	text = argv[++*i];
	errno = 0;
	n = strtoull(text, &end, 10);
	if (end != text && *end != '\0' && end[1] == '\0')
		shift = *end == 'K' || *end == 'k' ? 10 : *end == 'M' ||
		    *end == 'm' ? 20 : *end == 'G' || *end == 'g' ? 30 : 0;
	if (text[0] >= '0' && text[0] <= '9' && errno == 0 &&
	    (*end == '\0' || shift != 0) && n <= (UINT64_MAX >> 30)) {
		max->bytes = (uint64_t)n << shift;
		max->source = WRITER_LIMIT_OPTION;
		return true;
	}
	shown = visible(text);
	usage_error("--max-output: expected a size such as 64M (bytes, or K, "
	    "M or G; 0 for no limit), found '%s'", shown);
	xfree(shown);
	return false;
}

/* A listing's limit until --max-output says: only a terminal has one. */
static struct writer_limit
default_max_output(void)
{
	struct writer_limit max = { 0, WRITER_LIMIT_TERMINAL };

	if (isatty(STDOUT_FILENO))
		max.bytes = WRITER_MAX_TERMINAL;
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
		else if (strcmp(argv[i], "--max-output") == 0) {
			if (!parse_max_output(argc, argv, &i, &o.max))
				return 2;
		} else if (file == NULL && argv[i][0] != '-')
			file = argv[i];
		else
			return bad_argument("trace", argv[i]);
	}
	if (file == NULL)
		return usage_error("trace: expected a FILE");
	if (!open_run(&r, file, &status))
		return status;
	w = trace_writer_new(stdout, r.program, &o);
	run_execute(&r, false, &hooks, attach_trace, w);
	stdout_note(trace_writer_error(w));
	trace_writer_take_errors(w, &r.errors);
	status = print_errors(&r);
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
	long			 n;
	int			 status;

	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--list") == 0)
			o.list = true;
		else if (strcmp(argv[i], "--ansi") == 0)
			o.ansi = true;
		else if (strcmp(argv[i], "--ascii") == 0)
			o.ascii = true;
		else if (strcmp(argv[i], "--max-output") == 0) {
			if (!parse_max_output(argc, argv, &i, &o.max))
				return 2;
		} else if (strcmp(argv[i], "--width") == 0) {
			if (!parse_number(argc, argv, &i, 1, DUMP_MAX_WIDTH,
			    &n))
				return 2;
			o.width = (int)n;
		} else if (file == NULL && argv[i][0] != '-')
			file = argv[i];
		else
			return bad_argument("dump", argv[i]);
	}
	if (file == NULL)
		return usage_error("dump: expected a FILE");
	o.ascii = o.ascii || !utf8_locale();
	if (!open_run(&r, file, &status))
		return status;
	w = dump_writer_new(stdout, r.program, &o);
	/* the picture reads the last event: the timeline keeps them */
	if (run_execute(&r, !o.list, &hooks, attach_dump, w) == 0)
		dump_writer_pictures(w, r.heap, r.timeline);
	stdout_note(dump_writer_error(w));
	dump_writer_take_errors(w, &r.errors);
	status = print_errors(&r);
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
		return usage_error("check: expected a FILE");
	for (int i = 0; i < argc && stdout_error == 0; i++) {
		struct run		r;
		struct interp_hooks	hooks = { 0 };
		struct stats		stats = { 0 };
		int			status;

		if (load_arg(&r, argv[i]) == 0) {
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
		status = print_errors(&r);
		if (status == 0) {
			char *name = visible(argv[i]);

			stdout_printf("%s: ok (%u steps run, %u expects "
			    "checked", name, r.result.steps_run,
			    r.result.expects_checked);
			if (r.result.answers_checked > 0)
				stdout_printf(", %u answer%s checked",
				    r.result.answers_checked,
				    r.result.answers_checked == 1 ? "" : "s");
			stdout_printf(")\n");
			xfree(name);
		}
		if (status > worst)
			worst = status;
		run_free(&r);
	}
	return worst;
}

/* refscope [--ascii] [--mono] [--light] [--predict] [--report FILE]
 * [FILE|NAME]: the viewer. */
static int
cmd_view(int argc, char **argv)
{
	struct tui_options	 o = { 0 };
	struct run		 r;
	const char		*arg = NULL;
	char			*path, *why;
	int			 status;

	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--ascii") == 0 && arg == NULL)
			o.ascii = true;
		else if (strcmp(argv[i], "--mono") == 0 && arg == NULL)
			o.mono = true;
		else if (strcmp(argv[i], "--light") == 0 && arg == NULL)
			o.light = true;
		else if (strcmp(argv[i], "--predict") == 0 && arg == NULL)
			o.predict = true;
		else if (strcmp(argv[i], "--report") == 0 && arg == NULL &&
		    i + 1 < argc)
			o.report = argv[++i];
		else if (arg == NULL && argv[i][0] != '-')
			arg = argv[i];
		else
			return bad_argument("the viewer", argv[i]);
	}
	path = arg != NULL ? resolve_scenario(arg) : datadir_find(DATADIR_TOUR);
	if (path == NULL) {
		fputs("refscope: the tour is not installed; try `refscope "
		    "list`\n", stderr);
		return 2;
	}
	/* --python A,B: A's run first, and v switches to B (the reloads
	 * keep the version shown) */
	if (python_pair_set) {
		o.versions = true;
		o.pair[0] = python_pair[0];
		o.pair[1] = python_pair[1];
		run_force_python(true, python_pair[0]);
	}
	/* the viewer gets a run made: its errors are printed here, before
	 * the terminal is touched */
	status = run_load_retained(&r, path, false, NULL);
	xfree(path);
	if (status != 0) {
		print_errors(&r);
		run_free(&r);
		return 2;
	}
	status = tui_run(&r, &o, &why);
	if (why != NULL) {
		fprintf(stderr, "refscope: %s\n", why);
		xfree(why);
	}
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

	if (load_arg(r, file) == 0 && run_execute(r, true, &hooks, NULL,
	    NULL) == 0)
		return 0;
	status = print_errors(r);
	run_free(r);
	return status;
}

/* refscope export --cast [--width N] [--height N] [--ascii] FILE: the
 * animation as an asciicast v2 recording. */
static int
export_cast(int argc, char **argv)
{
	struct run		 r;
	struct cast_options	 o = { .width = 100, .height = 30 };
	const char		*file = NULL;
	long			 n;
	int			 status;

	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--width") == 0) {
			if (!parse_number(argc, argv, &i, PICTURE_MIN_WIDTH,
			    CAST_MAX_SIZE, &n))
				return 2;
			o.width = (int)n;
		} else if (strcmp(argv[i], "--height") == 0) {
			if (!parse_number(argc, argv, &i, PICTURE_MIN_HEIGHT,
			    CAST_MAX_SIZE, &n))
				return 2;
			o.height = (int)n;
		} else if (strcmp(argv[i], "--ascii") == 0)
			o.ascii = true;
		else if (file == NULL && argv[i][0] != '-')
			file = argv[i];
		else
			return bad_argument("export --cast", argv[i]);
	}
	if (file == NULL)
		return usage_error("export --cast: expected a FILE");
	o.ascii = o.ascii || !utf8_locale();
	if ((status = run_for_export(&r, file)) != 0)
		return status;
	if (cast_write(stdout, r.program, r.heap, r.timeline, &o,
	    &r.errors) != 0)
		stdout_note(errno);
	status = print_errors(&r);
	run_free(&r);
	return status;
}

/* export --python-check: the program that checks the scenario in CPython.
 * It is written even when an expect failed in refscope (CPython's answer
 * is what one wants then), and the failures are reported too, with
 * status 1. */
static int
export_python_check(struct run *r)
{
	struct strbuf out = STRBUF_INIT;
	int status;

	python_write(r->program, r->timeline, r->heap, &out);
	stdout_write(out.data, out.len);
	strbuf_free(&out);
	status = print_errors(r);
	run_free(r);
	return status;
}

/* export --worksheet: the run's questions (run/quiz.h) as a worksheet with
 * its answer key.  A wrong author's answer: is reported too (status 1);
 * the key holds the model's answer. */
static int
export_worksheet(struct run *r)
{
	struct strbuf	out = STRBUF_INIT;
	struct quiz	q;
	int		status;

	quiz_build(r, &q);
	worksheet_write(r->program, &q, &out);
	stdout_write(out.data, out.len);
	strbuf_free(&out);
	quiz_free(&q);
	status = print_errors(r);
	run_free(r);
	return status;
}

/* export --python: the scenario as a .py scenario (a .py file: itself).
 * When refscope cannot run the .py form yet, a note says why. */
static int
export_python(struct run *r)
{
	struct strbuf	 out = STRBUF_INIT;
	char		*why = NULL;
	int		 status;

	if (r->scenario->python)
		strbuf_append(&out, r->scenario->source,
		    r->scenario->source_len);
	else
		why = pyscenario_write(r->scenario, &out);
	stdout_write(out.data, out.len);
	strbuf_free(&out);
	status = print_errors(r);
	if (why != NULL) {
		char *shown = visible(why);

		fprintf(stderr, "refscope: note: refscope cannot run the .py "
		    "form yet: %s\n", shown);
		xfree(shown);
		xfree(why);
	}
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
	stdout_write(out.data, out.len);
	strbuf_free(&out);
	scene_free(&s);
	status = print_errors(r);
	run_free(r);
	return status;
}

/* refscope export --python FILE | --python-check FILE | --dot [--step N]
 * FILE | --worksheet FILE | --cast ... */
static int
cmd_export(int argc, char **argv)
{
	struct run	 r;
	const char	*file = NULL;
	bool		 dot = false, python = false, check = false;
	bool		 worksheet = false;
	long		 step = -1;
	int		 status;

	if (argc > 0 && strcmp(argv[0], "--cast") == 0)
		return export_cast(argc - 1, argv + 1);
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--dot") == 0)
			dot = true;
		else if (strcmp(argv[i], "--step") == 0) {
			if (!parse_number(argc, argv, &i, 1, UINT32_MAX - 1,
			    &step))
				return 2;
		}
		else if (strcmp(argv[i], "--python") == 0)
			python = true;
		else if (strcmp(argv[i], "--worksheet") == 0)
			worksheet = true;
		else if (strcmp(argv[i], "--python-check") == 0)
			check = true;
		else if (file == NULL && argv[i][0] != '-')
			file = argv[i];
		else
			return bad_argument("export", argv[i]);
	}
	if (dot + python + check + worksheet != 1)
		return usage_error("export: expected one of --python, "
		    "--python-check, --dot, --worksheet and --cast");
	if (!dot && step >= 0)
		return usage_error("export: --step is for --dot");
	if (file == NULL)
		return usage_error("export: expected a FILE");
	if ((status = run_for_export(&r, file)) != 0)
		return status;
	if (worksheet)
		return export_worksheet(&r);
	return python ? export_python(&r) : check ?
	    export_python_check(&r) : export_dot(&r, file, step);
}

/* refscope new FILE: a commented starter scenario that passes check. */
static int
cmd_new(int argc, char **argv)
{
	char		*starter, *text = NULL, *name;
	struct diag	*errors = NULL;
	size_t		 len;
	FILE		*out;
	int		 fd;

	if (argc != 1)
		return usage_error("new: expected one FILE");
	/* a .py name gets the Python starter (DESIGN §9) */
	if ((starter = datadir_find(scenario_is_python(argv[0]) ?
	    DATADIR_STARTER_PY : DATADIR_STARTER)) != NULL)
		scenario_read_file(starter, true, &text, &len, &errors);
	xfree(starter);
	diag_free(errors);
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
	/* a write that fails leaves no half starter behind: the file is
	 * refscope's own (O_EXCL), so removing it loses nothing.  Over a
	 * file size limit (ulimit -f) the write fails with EFBIG rather than
	 * kill refscope before it can clean up. */
	signal(SIGXFSZ, SIG_IGN);
	errno = 0;
	if (fputs(text, out) == EOF || fflush(out) != 0 || ferror(out)) {
		fprintf(stderr, "refscope: %s: %s\n", name,
		    strerror(errno != 0 ? errno : EIO));
		fclose(out);
		unlink(argv[0]);
		xfree(text);
		xfree(name);
		return 2;
	}
	if (fclose(out) != 0) {
		fprintf(stderr, "refscope: %s: %s\n", name, strerror(errno));
		unlink(argv[0]);
		xfree(text);
		xfree(name);
		return 2;
	}
	xfree(text);
	stdout_printf("wrote %s; try: refscope check %s\n", name, name);
	xfree(name);
	return 0;
}

/* One line of refscope list: section, name, title, summary. */
static void
list_scenario(const char *dir, const char *name)
{
	char		*path = xasprintf("%s/%s", dir, name);
	struct scenario	*s = NULL;
	size_t		 shown = strlen(name) - (scenario_is_python(name) ?
	    3 : 5);
	struct diag	*errors = NULL;
	struct strbuf	 line = STRBUF_INIT;

	if (scenario_load_file(path, &s, &errors) == 0) {
		if (s->section.value != NULL)
			strbuf_append_visible(&line, s->section.value,
			    s->section.len, 0);
		while (line.len < 30)
			strbuf_putc(&line, ' ');
		strbuf_printf(&line, " %-22.*s ", (int)shown, name);
		strbuf_append_visible(&line, s->title.value, s->title.len, 0);
		/* a scenario for one version says so (DESIGN §10) */
		if (s->settings.python_set)
			strbuf_printf(&line, " (python %s)",
			    pyversion_name(s->settings.python));
		if (s->summary.value != NULL) {
			strbuf_puts(&line, " — ");
			strbuf_append_visible(&line, s->summary.value,
			    s->summary.len, 0);
		}
		strbuf_putc(&line, '\n');
		stdout_write(line.data, line.len);
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

		if ((len > 5 && strcmp(de->d_name + len - 5, ".yaml") == 0) ||
		    (len > 3 && scenario_is_python(de->d_name))) {
			names = xreallocarray(names, count + 1, sizeof *names);
			names[count++] = xstrdup(de->d_name);
		}
	}
	if (dir != NULL)
		closedir(dir);
	if (count > 1)
		qsort(names, count, sizeof *names, compare_names);
	for (size_t i = 0; i < count; i++) {
		if (stdout_error == 0)
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

/* refscope compare [--python A,B] FILE: where the runs of FILE under two
 * CPython versions differ, step by step (run/compare.h). */
static int
cmd_compare(int argc, char **argv)
{
	const char	*file = NULL;
	struct run	 pair[2];
	struct compare	 c;
	struct strbuf	 out = STRBUF_INIT;
	char		*path, *name;
	int		 failed, status;

	for (int i = 0; i < argc; i++) {
		if (file == NULL && argv[i][0] != '-')
			file = argv[i];
		else
			return bad_argument("compare", argv[i]);
	}
	if (python_single_set)
		return usage_error("compare: --python takes two versions, "
		    "such as 3.11,3.14");
	if (file == NULL)
		return usage_error("compare: expected a FILE");
	path = resolve_scenario(file);
	status = compare_load_pair(pair, path, false, python_pair, &failed);
	xfree(path);
	if (status != 0) {
		status = print_errors(&pair[failed]);
		run_free(&pair[0]);
		run_free(&pair[1]);
		return status;
	}
	compare_runs(&c, &pair[0], &pair[1]);
	name = visible(file);
	comparetext_write(&c, &pair[0], name, &out);
	stdout_write(out.data, out.len);
	strbuf_free(&out);
	xfree(name);
	compare_free(&c);
	run_free(&pair[0]);
	run_free(&pair[1]);
	return 0;
}

/* The answer to a command line no command takes. */
static int
unknown_command(int argc, char **argv)
{
	char	*shown;
	int	 status;

	if (argv[1][0] == '-')
		return bad_argument("refscope", argv[1]);
	if (strcmp(argv[1], "list") == 0)
		return usage_error("list: takes no argument");
	if (argc > 2 && argv[2][0] != '-' && strchr(argv[1], '/') == NULL &&
	    strstr(argv[1], ".yaml") == NULL && !scenario_is_python(argv[1])) {
		shown = visible(argv[1]);
		status = usage_error("unknown command '%s'", shown);
		xfree(shown);
		return status;
	}
	return bad_argument("the viewer", argv[2]);
}

/* Reads "A,B" (value, len bytes) into python_pair; false if it is not two
 * different versions. */
static bool
parse_python_pair(const char *value)
{
	const char *comma = strchr(value, ',');

	if (comma == NULL || !pyversion_parse(value, (size_t)(comma - value),
	    &python_pair[0]) || !pyversion_parse(comma + 1,
	    strlen(comma + 1), &python_pair[1]) ||
	    python_pair[0] == python_pair[1])
		return false;
	python_pair_set = true;
	return true;
}

/*
 * `--python X.Y` (or `--python=X.Y`), taken out of argv wherever it is,
 * for every command (DESIGN §10): every scenario loaded is run as that
 * CPython version (run_force_python).  `export --python FILE` is the
 * Python export: there an option --python is the version only when a
 * version-like word (a digit first) follows it.  Returns -1 after a usage
 * error (status 2), else 0; *argc counts what is left.
 */
static int
take_python_option(int *argc, char **argv)
{
	bool		 export = *argc >= 2 && strcmp(argv[1], "export") == 0;
	enum py_version	 v;
	const char	*value;
	char		*shown;
	int		 i, n, out;

	for (i = out = 1; i < *argc; i++) {
		n = 1;
		if (strncmp(argv[i], "--python=", 9) == 0)
			value = argv[i] + 9;
		else if (strcmp(argv[i], "--python") == 0 && i + 1 < *argc &&
		    (!export || (argv[i + 1][0] >= '0' &&
		    argv[i + 1][0] <= '9'))) {
			value = argv[i + 1];
			n = 2;
		} else if (strcmp(argv[i], "--python") == 0 && !export) {
			usage_error("--python: expected " PY_VERSION_CHOICES
			    ", found nothing");
			return -1;
		} else {
			argv[out++] = argv[i];
			continue;
		}
		if (strchr(value, ',') != NULL) {
			if (!parse_python_pair(value)) {
				shown = visible(value);
				usage_error("--python: expected two different "
				    "versions A,B of " PY_VERSION_CHOICES
				    ", found '%s'", shown);
				xfree(shown);
				return -1;
			}
			i += n - 1;
			continue;
		}
		if (!pyversion_parse(value, strlen(value), &v)) {
			shown = visible(value);
			usage_error("--python: expected " PY_VERSION_CHOICES
			    ", found '%s'", shown);
			xfree(shown);
			return -1;
		}
		run_force_python(true, v);
		python_single_set = true;
		i += n - 1;
	}
	argv[out] = NULL;
	*argc = out;
	return 0;
}

int
main(int argc, char **argv)
{
	int status;

	guard_std_fds();
	if (take_python_option(&argc, argv) != 0)
		return stdout_finish(2);
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0)) {
		stdout_write(usage, strlen(usage));
		return stdout_finish(0);
	}
	if (argc >= 2 && strcmp(argv[1], "--version") == 0) {
		stdout_printf("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
		return stdout_finish(0);
	}
	if (python_pair_set && argc >= 2 && (strcmp(argv[1], "check") == 0
	    || strcmp(argv[1], "trace") == 0 || strcmp(argv[1], "dump") == 0 ||
	    strcmp(argv[1], "export") == 0 || strcmp(argv[1], "new") == 0 ||
	    strcmp(argv[1], "list") == 0))
		status = usage_error("%s: --python takes one version; two, "
		    "A,B, are for compare and the viewer", argv[1]);
	else if (argc >= 2 && strcmp(argv[1], "check") == 0)
		status = cmd_check(argc - 2, argv + 2);
	else if (argc >= 2 && strcmp(argv[1], "trace") == 0)
		status = cmd_trace(argc - 2, argv + 2);
	else if (argc >= 2 && strcmp(argv[1], "dump") == 0)
		status = cmd_dump(argc - 2, argv + 2);
	else if (argc >= 2 && strcmp(argv[1], "export") == 0)
		status = cmd_export(argc - 2, argv + 2);
	else if (argc >= 2 && strcmp(argv[1], "compare") == 0)
		status = cmd_compare(argc - 2, argv + 2);
	else if (argc >= 2 && strcmp(argv[1], "new") == 0)
		status = cmd_new(argc - 2, argv + 2);
	else if (argc == 2 && strcmp(argv[1], "list") == 0)
		status = cmd_list();
	else if (argc == 1 || strcmp(argv[1], "--ascii") == 0 ||
	    strcmp(argv[1], "--mono") == 0 ||
	    strcmp(argv[1], "--light") == 0 ||
	    strcmp(argv[1], "--predict") == 0 ||
	    strcmp(argv[1], "--report") == 0 ||
	    (argc == 2 && argv[1][0] != '-'))
		status = cmd_view(argc - 1, argv + 1);
	else
		status = unknown_command(argc, argv);
	atom_reset();
	return stdout_finish(status);
}
