/*
 * check_run.c: one run of a scenario (src/run) -- what each step leaves
 * in the run, the text it quotes, the status it gives, and who frees what.
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/atom.h"
#include "base/diag.h"
#include "base/xalloc.h"
#include "run/compare.h"
#include "run/quiz.h"
#include "run/run.h"
#include "testlib.h"

#define HEADER "refscope: 1\ntitle: t\n"

/* A fresh name in the temporary folder; caller frees and unlinks. */
static char *
temp_name(const char *what)
{
	const char *dir = getenv("TMPDIR");

	return xasprintf("%s/check_run-%ld-%s", dir != NULL ? dir : "/tmp",
	    (long)getpid(), what);
}

static void
write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fputs(text, f) >= 0, 1);
	ck_assert_int_eq(fclose(f), 0);
}

/* The file is read once: after the load, changing it changes nothing the
 * run quotes, and the run holds the path it was given and what the file
 * was before the read. */
START_TEST(test_file_is_read_once)
{
	char		*path = temp_name("once.yaml");
	struct run	 r;

	write_file(path, HEADER "steps:\n  - do: x = [1]\n");
	ck_assert_int_eq(run_load_file(&r, path, false), 0);
	write_file(path, "changed\n");
	ck_assert_str_eq(r.path, path);
	/* the file as it was before the read, for the viewer's watch */
	ck_assert(r.stat_ok);
	ck_assert_int_eq(r.stat.st_size, strlen(run_source(&r)));
	ck_assert_ptr_null(r.source);	/* the scenario holds the text */
	ck_assert_ptr_nonnull(strstr(run_source(&r), "x = [1]"));
	ck_assert_ptr_nonnull(r.program);
	ck_assert_ptr_null(r.heap);	/* not executed yet */
	ck_assert_int_eq(run_status(&r), 0);
	run_free(&r);
	unlink(path);
	xfree(path);
	atom_reset();
}
END_TEST

/* A file that is not YAML: the text read is what a message quotes. */
START_TEST(test_bad_yaml_quotes_the_text_read)
{
	char		*path = temp_name("bad.yaml");
	struct run	 r;

	write_file(path, HEADER "steps: [\n");
	ck_assert_int_eq(run_load_file(&r, path, false), -1);
	ck_assert_ptr_null(r.scenario);
	ck_assert_ptr_null(r.program);
	ck_assert_str_eq(run_source(&r), HEADER "steps: [\n");
	ck_assert_int_eq(run_status(&r), 2);
	ck_assert_str_eq(r.errors->file, path);
	run_free(&r);
	unlink(path);
	xfree(path);
}
END_TEST

/* With regular_only a FIFO is refused unread: the load does not wait. */
START_TEST(test_regular_only_refuses_a_fifo)
{
	char		*path = temp_name("fifo");
	struct run	 r;

	ck_assert_int_eq(mkfifo(path, 0600), 0);
	ck_assert_int_eq(run_load_file(&r, path, true), -1);
	ck_assert_ptr_null(run_source(&r));
	ck_assert_int_eq(run_status(&r), 2);
	ck_assert_ptr_nonnull(strstr(r.errors->message, "not a regular file"));
	run_free(&r);
	unlink(path);
	xfree(path);
}
END_TEST

/* A compile error: the scenario is there (and quoted), the program not. */
START_TEST(test_compile_error_keeps_the_scenario)
{
	const char	*yaml = HEADER "steps:\n  - do: x = (\n";
	struct run	 r;

	ck_assert_int_eq(run_load_text(&r, "t.yaml", yaml, strlen(yaml)), -1);
	ck_assert(!r.stat_ok);		/* no file */
	ck_assert_ptr_nonnull(r.scenario);
	ck_assert_ptr_null(r.program);
	ck_assert_str_eq(run_source(&r), yaml);
	ck_assert_int_eq(run_status(&r), 2);
	ck_assert_str_eq(r.errors->file, "t.yaml");
	run_free(&r);
	run_free(&r);			/* twice is harmless */
	atom_reset();
}
END_TEST

struct attached {
	struct timeline	*seen;
	uint64_t	 events_then;
	uint32_t	 steps_then;
	uint64_t	 events;
};

static void
count_event(void *ctx, const struct heap *h, const struct timeline *t,
    const struct event *ev)
{
	(void)h;
	(void)t;
	(void)ev;
	((struct attached *)ctx)->events++;
}

static void
attach(void *ctx, struct timeline *t, struct interp_hooks *hooks)
{
	struct attached *a = ctx;

	ck_assert_ptr_nonnull(hooks);
	a->seen = t;
	a->events_then = t->event_count;
	a->steps_then = t->step_count;
	t->on_event = count_event;
	t->ctx = a;
}

/* attach sees the new timeline before the first event; retain keeps the
 * events; a failed expect is status 1 and the run goes on. */
START_TEST(test_execute_attaches_first_and_retains)
{
	const char		*yaml = HEADER "steps:\n  - do: x = [1]\n"
	    "    expect:\n      - refcount(x) == 5\n  - do: y = x\n";
	struct run		 r;
	struct interp_hooks	 hooks = { 0 };
	struct attached		 a = { 0 };

	ck_assert_int_eq(run_load_text(&r, "t.yaml", yaml, strlen(yaml)), 0);
	ck_assert_int_eq(run_execute(&r, _i == 1, &hooks, attach, &a), 0);
	ck_assert_ptr_eq(a.seen, r.timeline);
	ck_assert_uint_eq(a.events_then, 0);
	ck_assert_uint_eq(a.steps_then, 0);
	ck_assert_uint_gt(a.events, 0);
	ck_assert_uint_eq(a.events, r.timeline->event_count);
	ck_assert_int_eq(r.timeline->retain, _i == 1);
	ck_assert_int_eq(r.timeline->events != NULL, _i == 1);
	ck_assert_uint_eq(r.result.steps_run, 2);
	ck_assert_uint_eq(r.result.expects_failed, 1);
	ck_assert_int_eq(run_status(&r), 1);
	run_free(&r);
	atom_reset();
}
END_TEST

/* A statement that raises stops the run: -1, status 2, and the heap and
 * timeline hold what ran. */
START_TEST(test_execute_stops_on_a_raise)
{
	const char	*yaml = HEADER "steps:\n  - do: x = 1\n"
	    "  - do: y = 1 / 0\n  - do: z = 2\n";
	struct run	 r;

	ck_assert_int_eq(run_load_text(&r, "t.yaml", yaml, strlen(yaml)), 0);
	ck_assert_int_eq(run_execute(&r, true, NULL, NULL, NULL), -1);
	ck_assert_int_eq(run_status(&r), 2);
	ck_assert_ptr_nonnull(strstr(r.errors->message, "ZeroDivisionError"));
	ck_assert_ptr_nonnull(r.heap);
	ck_assert_uint_gt(r.timeline->event_count, 0);
	run_free(&r);
	atom_reset();
}
END_TEST

/* Executes a loaded run, which must check `expects` expect: lines and
 * pass them all, then frees it. */
static void
execute_passes(struct run *r, uint32_t expects)
{
	ck_assert_int_eq(run_execute(r, false, NULL, NULL, NULL), 0);
	ck_assert_uint_eq(r->result.expects_checked, expects);
	ck_assert_uint_eq(r->result.expects_failed, 0);
	run_free(r);
}

/* A .py file: its lines are steps, its blocks wire where each goes next,
 * its comments are narration and checks, its docstring the title. */
static const char PYFILE[] =
    "\"\"\"Title line.\n"
    "\n"
    "Summary one,\n"
    "  and two.\n"
    "\n"
    "Not the summary.\"\"\"\n"
    "# refscope: gc textbook, gc_threshold 5\n"
    "# narration of x\n"
    "x = 1  # and its trailing comment\n"
    "# expect: refcount(x) == 3\n"
    "# pause\n"
    "while x:\n"
    "    x -= 1; y = 2\n"
    "    if y:\n"
    "        continue\n"
    "    else:\n"
    "        break\n"
    "def f(a, b=[]):\n"
    "    return a\n"
    "z = f(x, b=3)\n";

START_TEST(test_pyfile_lines_are_steps)
{
	struct run			 r;
	const struct scenario		*s;
	const struct scenario_step	*st;

	ck_assert_int_eq(run_load_text(&r, "lesson.py", PYFILE,
	    strlen(PYFILE)), 0);
	s = r.scenario;
	ck_assert(s->python);
	ck_assert_str_eq(s->title.value, "Title line.");
	ck_assert_str_eq(s->summary.value, "Summary one, and two.");
	ck_assert_int_eq(s->settings.gc, GC_MODEL_TEXTBOOK);
	ck_assert_uint_eq(s->settings.gc_threshold, 5);
	/* x =, while, x -= 1; y = 2, if, continue, break, def, z = */
	ck_assert_uint_eq(s->step_count, 8);
	st = &s->steps[0];
	ck_assert_uint_eq(st->pos.line, 9);
	ck_assert_str_eq(st->code.value, "x = 1");
	ck_assert_str_eq(st->say.value,
	    "narration of x\nand its trailing comment");
	ck_assert_uint_eq(st->expect_count, 1);
	ck_assert_str_eq(st->expects[0].value, "refcount(x) == 3");
	ck_assert_uint_eq(st->expects[0].pos.line, 10);
	ck_assert_uint_eq(st->expects[0].pos.col, 11);
	ck_assert(st->pause);
	ck_assert_uint_eq(st->next, 1);
	/* while: into the body, or past it (to the def line) */
	ck_assert_uint_eq(s->steps[1].next, 2);
	ck_assert_uint_eq(s->steps[1].alt, 6);
	ck_assert_str_eq(s->steps[2].code.value, "x -= 1; y = 2");
	ck_assert_uint_eq(s->steps[2].next, 3);
	/* if: continue, else: break (the else line is no step) */
	ck_assert_uint_eq(s->steps[3].next, 4);
	ck_assert_uint_eq(s->steps[3].alt, 5);
	ck_assert_uint_eq(s->steps[4].next, 1);
	ck_assert_uint_eq(s->steps[5].next, 6);
	/* the def line makes function 1; its body is its own */
	ck_assert_uint_eq(s->steps[6].function, 1);
	ck_assert_uint_eq(s->function_count, 1);
	ck_assert_uint_eq(s->functions[0].param_count, 2);
	ck_assert_uint_eq(s->functions[0].body_count, 1);
	ck_assert_uint_eq(s->functions[0].body[0].next, SCENARIO_STEP_END);
	ck_assert_uint_eq(s->steps[7].next, SCENARIO_STEP_END);
	/* the module's code holds its constant 1 too: 2 */
	execute_passes(&r, 1);
	atom_reset();
}
END_TEST

/* One module: equal constants on two lines are one object, as in
 * `python3 FILE.py`; a YAML scenario compiles each step alone. */
START_TEST(test_pyfile_is_one_module)
{
	static const char py[] = "a = 257\nb = 257\n# expect: a is b\n";
	static const char yaml[] = HEADER "steps:\n  - do: a = 257\n"
	    "  - do: b = 257\n    expect: [a is not b]\n";
	struct run r;

	ck_assert_int_eq(run_load_text(&r, "m.py", py, strlen(py)), 0);
	execute_passes(&r, 1);
	ck_assert_int_eq(run_load_text(&r, "m.yaml", yaml, strlen(yaml)), 0);
	execute_passes(&r, 1);
	atom_reset();
}
END_TEST

/* The viewer's g on a .py line inside a loop: one collection, after the
 * run of the line the reader is at (its ordinal), not after every run. */
START_TEST(test_pyfile_extra_collection_once)
{
	static const char py[] = "n = 3\nwhile n:\n    n -= 1\n";
	struct run		r;
	struct interp_hooks	hooks = { 0 };
	uint32_t		extra = 0, before = 0;

	hooks.extra_collection = true;
	hooks.collect_after = 4;	/* n = 3, while, n -= 1, while */
	ck_assert_int_eq(run_load_text(&r, "g.py", py, strlen(py)), 0);
	ck_assert_int_eq(run_execute(&r, false, &hooks, NULL, NULL), 0);
	for (uint32_t i = 1; i < r.timeline->step_count; i++) {
		const struct timeline_step *ts = &r.timeline->steps[i];

		if (ts->source != UINT32_MAX)
			continue;
		extra++;
		before = r.timeline->steps[i - 1].ordinal;
	}
	ck_assert_uint_eq(extra, 1);
	ck_assert_uint_eq(before, 4);
	run_free(&r);
	atom_reset();
}
END_TEST

/* Runs text as name (retained) and builds its quiz. */
static void
quiz_of(struct run *r, struct quiz *q, const char *name, const char *text)
{
	ck_assert_int_eq(run_load_text(r, name, text, strlen(text)), 0);
	ck_assert_int_eq(run_execute(r, true, NULL, NULL, NULL), 0);
	quiz_build(r, q);
}

/* Without ask: lines the questions come from the events, one per step
 * worth asking, each answered by the model; the heap is put back. */
START_TEST(test_quiz_made_from_events)
{
	static const char py[] = "x = [1000]\ny = x\nz = 7\n"
	    "pair = [x, [2000]]\ndel x, y\ndel pair\nprint(z)\n";
	struct run		 r;
	struct quiz		 q;
	struct quiz_reply	 a = { 0 };
	uint64_t		 at;

	ck_assert_int_eq(run_load_text(&r, "q.py", py, strlen(py)), 0);
	ck_assert_int_eq(run_execute(&r, true, NULL, NULL, NULL), 0);
	at = r.heap->position;
	quiz_build(&r, &q);
	ck_assert_uint_eq(r.heap->position, at);
	/* y = x, pair = [...], del x, y, del pair, print */
	ck_assert_uint_eq(q.count, 5);

	ck_assert_int_eq(q.questions[0].kind, QUIZ_NUMBER);
	ck_assert_str_eq(q.questions[0].check, "refcount(x)");
	ck_assert_int_eq(q.questions[0].number, 2);
	ck_assert_int_eq(q.questions[0].before, 1);
	a.number = 1;		/* "y got a copy" */
	ck_assert(!quiz_is_right(&q.questions[0], &a));
	ck_assert_ptr_nonnull(strstr(quiz_misconception(&q.questions[0], &a),
	    "not a copy"));
	a.number = 2;
	ck_assert(quiz_is_right(&q.questions[0], &a));
	ck_assert_ptr_null(quiz_misconception(&q.questions[0], &a));

	ck_assert_int_eq(q.questions[1].kind, QUIZ_NUMBER);	/* x in pair */
	ck_assert_int_eq(q.questions[1].number, 3);
	ck_assert_int_eq(q.questions[1].names, 2);
	a.number = 2;		/* names only */
	ck_assert_ptr_nonnull(strstr(quiz_misconception(&q.questions[1], &a),
	    "not names only"));
	/* del x, y: the list lives on in pair -- nothing is freed */
	ck_assert_int_eq(q.questions[2].kind, QUIZ_FREED);
	ck_assert_uint_eq(q.questions[2].object_count, 0);
	{
		objid_t		 picked[1];

		ck_assert_int_eq(q.questions[3].kind, QUIZ_FREED);
		picked[0] = q.questions[3].objects[0];
		a.objects = picked;
		a.object_count = 1;
		ck_assert_ptr_nonnull(strstr(quiz_misconception(
		    &q.questions[2], &a), "deletes a name"));
	}
	/* del pair: pair, then its last item's list, then x's list -- the
	 * last slot first (the ints are constants of the module's code) */
	ck_assert_uint_eq(q.questions[3].object_count, 3);
	ck_assert_ptr_nonnull(strstr(q.questions[3].object_texts[0],
	    "list #"));
	ck_assert_ptr_nonnull(strstr(q.questions[3].object_texts[1],
	    "[2000]"));
	ck_assert_ptr_nonnull(strstr(q.questions[3].object_texts[2],
	    "[1000]"));
	a.objects = q.questions[3].objects;
	a.object_count = 2;		/* one missed */
	ck_assert_ptr_nonnull(strstr(quiz_misconception(&q.questions[3], &a),
	    "cascades"));

	ck_assert_int_eq(q.questions[4].kind, QUIZ_PRINTED);
	ck_assert_str_eq(q.questions[4].printed, "7\n");
	a.printed = "7";
	ck_assert(quiz_is_right(&q.questions[4], &a));
	quiz_free(&q);
	run_free(&r);
	atom_reset();
}
END_TEST

/* With ask: lines, those are the questions, once each (a line in a loop
 * is asked the first time), answered by the interpreter's values. */
START_TEST(test_quiz_of_asks)
{
	static const char py[] = "n = 300\na = 'x' * n\nb = a\n"
	    "# ask: a is b\nfor i in range(3):\n    c = [a]\n"
	    "    # ask: refcount(a)\n";
	struct run		 r;
	struct quiz		 q;

	quiz_of(&r, &q, "a.py", py);
	ck_assert_uint_eq(r.result.answer_count, 4);	/* 1 + 3 runs */
	ck_assert_uint_eq(q.count, 2);
	ck_assert_int_eq(q.questions[0].kind, QUIZ_TRUTH);
	ck_assert_int_eq(q.questions[0].number, 1);
	ck_assert(q.questions[0].authored);
	ck_assert_int_eq(q.questions[1].kind, QUIZ_NUMBER);
	ck_assert_int_eq(q.questions[1].number, 3);	/* a, b, c[0] */
	ck_assert_uint_eq(q.questions[1].code->pos.line, 6);
	quiz_free(&q);
	run_free(&r);
	atom_reset();
}
END_TEST

/* The scenarios compared, and their differences (for the message). */
static unsigned compared, differences;

/* A scenario compared with itself under one version agrees at every
 * step; under 3.11 and 3.14, every difference is put down to a rule by
 * which the two differ, at a step the two runs share. */
static void
compare_one(const char *path, const char *yaml)
{
	static const enum py_version same[2] = { PY_3_12, PY_3_12 };
	static const enum py_version two[2] = { PY_3_11, PY_3_14 };
	struct run	 pair[2];
	struct compare	 c;
	int		 failed;

	(void)yaml;
	if (compare_load_pair(pair, path, false, same, &failed) == 0) {
		compare_runs(&c, &pair[0], &pair[1]);
		if (c.count != 0)
			ck_abort_msg("%s: 3.12 differs from itself at step "
			    "%u: %s", path, c.diffs[0].step, c.diffs[0].what);
		ck_assert(!c.parted);
		ck_assert_uint_eq(c.steps, pair[0].timeline->step_count);
		compare_free(&c);
	}
	run_free(&pair[0]);
	run_free(&pair[1]);
	if (compare_load_pair(pair, path, false, two, &failed) == 0) {
		compare_runs(&c, &pair[0], &pair[1]);
		for (uint32_t i = 0; i < c.count; i++) {
			const struct compare_diff *d = &c.diffs[i];

			if (d->rule == VRULE_NONE || !version_rule_differs(
			    d->rule, PY_3_11, PY_3_14))
				ck_abort_msg("%s: step %u: %s: %s / %s: no rule",
				    path, d->step, d->what, d->a, d->b);
			ck_assert_uint_lt(d->step, c.steps);
			ck_assert(i == 0 || c.diffs[i - 1].step <= d->step);
		}
		for (uint32_t k = 0; k < c.steps; k++)
			ck_assert_uint_le(c.first[k], c.first[k + 1]);
		differences += c.count;
		compared++;
		compare_free(&c);
	}
	run_free(&pair[0]);
	run_free(&pair[1]);
}

START_TEST(test_compare_every_scenario)
{
	compared = differences = 0;
	testlib_each_scenario(compare_one);
	ck_assert_uint_gt(compared, 100 / testlib_sample());
	ck_assert_uint_gt(differences, 0);
}
END_TEST

/* 3.13 and 3.14 on a local passed to sys.getrefcount: the output differs
 * at the body's step, by the borrowed references, and the thresholds at
 * the set-up; nothing else. */
START_TEST(test_compare_borrowed)
{
	static const enum py_version two[2] = { PY_3_13, PY_3_14 };
	struct run			 pair[2];
	struct compare			 c;
	const struct compare_diff	*d;
	uint32_t			 n, outputs = 0;
	int				 failed;

	ck_assert_int_eq(compare_load_pair(pair, "tests/pyfiles/"
	    "versions-borrowed.py", false, two, &failed), 0);
	compare_runs(&c, &pair[0], &pair[1]);
	ck_assert_uint_eq(c.count, 2);
	d = compare_step(&c, 0, &n);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(d->rule, VRULE_THRESHOLDS);
	for (uint32_t k = 1; k < c.steps; k++) {
		d = compare_step(&c, k, &n);
		for (uint32_t i = 0; i < n; i++) {
			ck_assert_str_eq(d[i].what, "output");
			ck_assert_str_eq(d[i].a, "\"3\\n\"");
			ck_assert_str_eq(d[i].b, "\"2\\n\"");
			ck_assert_int_eq(d[i].rule, VRULE_BORROWED);
			ck_assert_uint_gt(pair[0].timeline->steps[k].depth, 0);
			outputs++;
		}
	}
	ck_assert_uint_eq(outputs, 1);
	ck_assert_uint_eq(c.steps_differ, 2);
	compare_free(&c);
	run_free(&pair[0]);
	run_free(&pair[1]);
}
END_TEST

/* Every rule has a name and a sentence, and differs where version.c's
 * rows do. */
START_TEST(test_version_rule_table)
{
	for (int r = 0; r <= VRULE_COUNT; r++) {
		ck_assert_uint_gt(strlen(version_rule_name(r)), 0);
		ck_assert_uint_gt(strlen(version_rule_says(r)), 0);
		for (int v = 0; v < PY_VERSION_COUNT; v++)
			ck_assert(!version_rule_differs(r, v, v));
	}
	ck_assert(version_rule_differs(VRULE_IMMORTAL, PY_3_11, PY_3_12));
	ck_assert(!version_rule_differs(VRULE_IMMORTAL, PY_3_12, PY_3_13));
	ck_assert(version_rule_differs(VRULE_IMMORTAL, PY_3_13, PY_3_14));
	ck_assert(version_rule_differs(VRULE_BORROWED, PY_3_13, PY_3_14));
	ck_assert(!version_rule_differs(VRULE_BORROWED, PY_3_11, PY_3_13));
	ck_assert(version_rule_differs(VRULE_THRESHOLDS, PY_3_12, PY_3_13));
	ck_assert(!version_rule_differs(VRULE_THRESHOLDS, PY_3_11, PY_3_12));
	ck_assert(version_rule_differs(VRULE_LETTERS, PY_3_11, PY_3_12));
	ck_assert(version_rule_differs(VRULE_COLLECTOR, PY_3_13, PY_3_14));
	ck_assert(!version_rule_differs(VRULE_NONE, PY_3_11, PY_3_14));
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("run");
	TCase	*tc = tcase_create("run");

	tcase_add_test(tc, test_file_is_read_once);
	tcase_add_test(tc, test_bad_yaml_quotes_the_text_read);
	tcase_add_test(tc, test_regular_only_refuses_a_fifo);
	tcase_add_test(tc, test_compile_error_keeps_the_scenario);
	tcase_add_loop_test(tc, test_execute_attaches_first_and_retains, 0, 2);
	tcase_add_test(tc, test_execute_stops_on_a_raise);
	tcase_add_test(tc, test_pyfile_lines_are_steps);
	tcase_add_test(tc, test_pyfile_is_one_module);
	tcase_add_test(tc, test_pyfile_extra_collection_once);
	tcase_add_test(tc, test_quiz_made_from_events);
	tcase_add_test(tc, test_quiz_of_asks);
	tcase_add_test(tc, test_compare_borrowed);
	tcase_add_test(tc, test_version_rule_table);
	tcase_add_test(tc, test_compare_every_scenario);
	tcase_set_timeout(tc, 600);
	suite_add_tcase(s, tc);
	return testlib_run_suite(s);
}
