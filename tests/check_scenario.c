/*
 * check_scenario.c: the scenario loader (src/lang/scenario.c) and its
 * libyaml position pass (src/lang/yamlpos.c).
 *
 * Fixtures live in tests/data/scenario/{good,bad}/ under SRCDIR; the
 * rest are inline strings.  Every test works with CK_FORK=no, so the
 * suite can run under valgrind.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <check.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/diag.h"
#include "base/xalloc.h"
#include "lang/scenario.h"
#include "lang/yamlpos.h"

#ifndef SRCDIR
#define SRCDIR "."
#endif

#define FIXTURES SRCDIR "/tests/data/scenario"

/* --- helpers ------------------------------------------------------------ */

static struct scenario *
load_ok_file(const char *rel)
{
	struct scenario *s = NULL;
	struct diag *errors = NULL;
	char *path = xasprintf("%s/%s", FIXTURES, rel);
	int rc = scenario_load_file(path, &s, &errors);

	if (rc != 0 && errors != NULL)
		fprintf(stderr, "%s:%u:%u: %s\n", path, errors->pos.line,
		    errors->pos.col, errors->message);
	ck_assert_int_eq(rc, 0);
	ck_assert_ptr_null(errors);
	ck_assert_ptr_nonnull(s);
	ck_assert_str_eq(s->file, path);
	xfree(path);
	return s;
}

static struct scenario *
load_ok(const char *yaml)
{
	struct scenario *s = NULL;
	struct diag *errors = NULL;
	int rc = scenario_load_string("t.yaml", yaml, strlen(yaml), &s,
	    &errors);

	if (rc != 0 && errors != NULL)
		fprintf(stderr, "t.yaml:%u:%u: %s\n", errors->pos.line,
		    errors->pos.col, errors->message);
	ck_assert_int_eq(rc, 0);
	ck_assert_ptr_null(errors);
	ck_assert_ptr_nonnull(s);
	return s;
}

static struct diag *
load_bad_len(const char *yaml, size_t len)
{
	struct scenario *s = (struct scenario *)1;
	struct diag *errors = NULL;
	int rc = scenario_load_string("t.yaml", yaml, len, &s, &errors);

	ck_assert_int_eq(rc, -1);
	ck_assert_ptr_null(s);
	ck_assert_ptr_nonnull(errors);
	ck_assert_int_eq(diag_list_status(errors), DIAG_MALFORMED);
	return errors;
}

static struct diag *
load_bad(const char *yaml)
{
	return load_bad_len(yaml, strlen(yaml));
}

static struct diag *
load_bad_file(const char *rel)
{
	struct scenario *s = (struct scenario *)1;
	struct diag *errors = NULL;
	char *path = xasprintf("%s/%s", FIXTURES, rel);
	int rc = scenario_load_file(path, &s, &errors);

	ck_assert_int_eq(rc, -1);
	ck_assert_ptr_null(s);
	ck_assert_ptr_nonnull(errors);
	ck_assert_str_eq(errors->file, path);
	xfree(path);
	return errors;
}

static unsigned
count(const struct diag *d)
{
	unsigned n = 0;

	for (; d != NULL; d = d->next)
		n++;
	return n;
}

/* d is at line:col with exactly this message (and hint, if not NULL). */
static void
at(const struct diag *d, uint32_t line, uint32_t col, const char *message,
    const char *hint)
{
	ck_assert_ptr_nonnull(d);
	ck_assert_str_eq(d->message, message);
	ck_assert_uint_eq(d->pos.line, line);
	ck_assert_uint_eq(d->pos.col, col);
	ck_assert_int_eq(d->status, DIAG_MALFORMED);
	if (hint != NULL) {
		ck_assert_ptr_nonnull(d->hint);
		ck_assert_str_eq(d->hint, hint);
	}
}

/* The only error of yaml. */
static void
only(const char *yaml, uint32_t line, uint32_t col, const char *message,
    const char *hint)
{
	struct diag *d = load_bad(yaml);

	at(d, line, col, message, hint);
	ck_assert_uint_eq(count(d), 1);
	diag_free(d);
}

static void
pos_is(struct srcpos p, uint32_t line, uint32_t col)
{
	ck_assert_uint_eq(p.line, line);
	ck_assert_uint_eq(p.col, col);
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

#define HEAD "refscope: 1\ntitle: t\n"

/* --- a valid scenario loads with every field right ----------------------- */

START_TEST(test_full)
{
	struct scenario *s = load_ok_file("good/full.yaml");
	const struct scenario_function *f;
	const struct scenario_step *st;

	ck_assert_ptr_nonnull(s->source);
	ck_assert_uint_eq(s->source_len, strlen(s->source));
	ck_assert_uint_eq(s->version, 1);

	ck_assert_str_eq(s->title.value, "Names point at objects");
	ck_assert_uint_eq(s->title.len, 22);
	pos_is(s->title.pos, 3, 8);
	ck_assert_int_eq(s->title.style, TEXT_PLAIN);
	ck_assert_str_eq(s->section.value, "2. Names, not variables");
	pos_is(s->section.pos, 4, 11);
	ck_assert_int_eq(s->section.style, TEXT_DOUBLE_QUOTED);
	ck_assert_str_eq(s->summary.value, "It's one line for the catalog.");
	pos_is(s->summary.pos, 5, 11);
	ck_assert_int_eq(s->summary.style, TEXT_SINGLE_QUOTED);

	ck_assert(!s->settings.small_int_cache);
	ck_assert(!s->settings.intern_strings);
	ck_assert_int_eq(s->settings.gc, GC_MODEL_TEXTBOOK);
	ck_assert_uint_eq(s->settings.gc_threshold, 25);
	pos_is(s->settings.pos, 6, 1);

	ck_assert_uint_eq(s->function_count, 2);
	f = &s->functions[0];
	ck_assert_str_eq(f->name.value, "my_fun");
	pos_is(f->name.pos, 12, 11);
	pos_is(f->pos, 12, 3);
	ck_assert_uint_eq(f->param_count, 2);
	ck_assert_str_eq(f->params[0].value, "n");
	pos_is(f->params[0].pos, 13, 14);
	ck_assert_str_eq(f->params[1].value, "m");
	pos_is(f->params[1].pos, 13, 17);
	ck_assert_uint_eq(f->body_count, 2);
	ck_assert_str_eq(f->body[0].code.value, "tmp = [n, m]");
	pos_is(f->body[0].code.pos, 15, 13);
	pos_is(f->body[0].pos, 15, 7);
	ck_assert_str_eq(f->body[1].code.value, "return tmp");
	pos_is(f->body[1].pos, 16, 7);
	f = &s->functions[1];
	ck_assert_str_eq(f->name.value, "no_params");
	ck_assert_uint_eq(f->param_count, 0);
	ck_assert_uint_eq(f->body_count, 1);
	ck_assert_ptr_null(f->body[0].code.value);
	ck_assert_str_eq(f->body[0].say.value, "Only talk.");

	ck_assert_uint_eq(s->class_count, 2);
	ck_assert_str_eq(s->classes[0].name.value, "Node");
	pos_is(s->classes[0].name.pos, 21, 11);
	pos_is(s->classes[0].pos, 21, 3);
	ck_assert_str_eq(s->classes[1].name.value, "Leaf");

	ck_assert_uint_eq(s->step_count, 3);
	st = &s->steps[0];
	pos_is(st->pos, 24, 3);
	ck_assert_str_eq(st->code.value, "x = 200");
	pos_is(st->code.pos, 24, 9);
	ck_assert_str_eq(st->say.value, "A new int object is made\n"
	    "and the name x is bound to it.\n");
	ck_assert_int_eq(st->say.style, TEXT_LITERAL);
	ck_assert_uint_eq(st->say.indent, 6);
	pos_is(st->say.pos, 26, 7);
	ck_assert_uint_eq(st->expect_count, 2);
	ck_assert_str_eq(st->expects[0].value, "refcount(x) == 1");
	pos_is(st->expects[0].pos, 29, 9);
	ck_assert_str_eq(st->expects[1].value, "alive(x)");
	pos_is(st->expects[1].pos, 30, 10);
	ck_assert(st->pause);
	ck_assert_uint_eq(st->repeat, 3);
	ck_assert(st->has_repeat);
	pos_is(st->repeat_pos, 32, 13);

	st = &s->steps[1];
	ck_assert_ptr_null(st->code.value);
	ck_assert_str_eq(st->say.value, "Folded narration.\n");
	ck_assert_int_eq(st->say.style, TEXT_FOLDED);
	ck_assert_uint_eq(st->expect_count, 0);
	ck_assert(!st->pause);
	ck_assert_uint_eq(st->repeat, 1);
	ck_assert(!st->has_repeat);

	st = &s->steps[2];
	ck_assert_str_eq(st->code.value, "y = x");
	ck_assert(!st->pause);
	pos_is(st->pos, 36, 3);
	scenario_free(s);
}
END_TEST

START_TEST(test_defaults)
{
	struct scenario *s = load_ok_file("good/minimal.yaml");

	ck_assert(s->settings.small_int_cache);
	ck_assert(s->settings.intern_strings);
	ck_assert_int_eq(s->settings.gc, GC_MODEL_CPYTHON);
	ck_assert_uint_eq(s->settings.gc_threshold, 0);
	pos_is(s->settings.pos, 0, 0);
	ck_assert_ptr_null(s->section.value);
	ck_assert_ptr_null(s->summary.value);
	ck_assert_uint_eq(s->function_count, 0);
	ck_assert_uint_eq(s->class_count, 0);
	ck_assert_uint_eq(s->step_count, 1);
	ck_assert_ptr_null(s->steps[0].say.value);
	ck_assert_uint_eq(s->steps[0].repeat, 1);
	ck_assert(!s->steps[0].has_repeat);
	pos_is(s->steps[0].repeat_pos, 4, 3);
	ck_assert(!s->steps[0].pause);
	scenario_free(s);

	/* A settings mapping that gives one key keeps the other defaults. */
	s = load_ok(HEAD "settings:\n  gc: off\nsteps:\n  - do: x = 1\n");
	ck_assert_int_eq(s->settings.gc, GC_MODEL_OFF);
	ck_assert(s->settings.small_int_cache);
	ck_assert(s->settings.intern_strings);
	ck_assert_uint_eq(s->settings.gc_threshold, 0);
	pos_is(s->settings.pos, 3, 1);
	scenario_free(s);
}
END_TEST

START_TEST(test_flow_and_strings)
{
	struct scenario *s;

	/* Flow style, quoted numbers and texts that look like other types. */
	s = load_ok("{refscope: 1, title: 123, steps: [{do: x = 1, "
	    "repeat: \"2\", expect: [true]}, {say: ''}]}");
	ck_assert_str_eq(s->title.value, "123");
	ck_assert_uint_eq(s->steps[0].repeat, 2);
	ck_assert(s->steps[0].has_repeat);
	ck_assert_str_eq(s->steps[0].expects[0].value, "true");
	pos_is(s->steps[0].pos, 1, 35);
	ck_assert_str_eq(s->steps[1].say.value, "");
	scenario_free(s);

	/* An empty narration is allowed; UTF-8 counts as characters. */
	s = load_ok(HEAD "steps:\n  - say:\n  - do: s = 'é'\n    say: ünï\n");
	ck_assert_str_eq(s->steps[0].say.value, "");
	ck_assert_str_eq(s->steps[1].code.value, "s = 'é'");
	pos_is(s->steps[1].say.pos, 6, 10);
	scenario_free(s);
}
END_TEST

START_TEST(test_crlf_bom)
{
	struct scenario *s = load_ok_file("good/crlf_bom.yaml");

	ck_assert_str_eq(s->title.value, "CRLF and a BOM");
	pos_is(s->title.pos, 2, 9);
	ck_assert_str_eq(s->steps[0].code.value, "x = 1");
	pos_is(s->steps[0].code.pos, 4, 9);
	ck_assert_str_eq(s->steps[1].say.value, "two\nlines\n");
	pos_is(s->steps[1].say.pos, 6, 7);
	pos_is(text_locate(&s->steps[1].say, 4), 7, 7);
	scenario_free(s);
}
END_TEST

START_TEST(test_limits_exact)
{
	struct scenario *s;
	char *yaml, *big;
	size_t i;

	/* 4096 characters is allowed, even when they are 8192 bytes. */
	big = xmalloc(2 * 4096 + 1);
	for (i = 0; i < 4096; i++)
		memcpy(big + 2 * i, "\xc3\xa9", 2);
	big[2 * 4096] = '\0';
	yaml = xasprintf(HEAD "steps:\n  - say: %s\n    repeat: 1000000\n"
	    "    do: x = 1\n", big);
	s = load_ok(yaml);
	ck_assert_uint_eq(s->steps[0].say.len, 8192);
	ck_assert_uint_eq(s->steps[0].repeat, 1000000);
	scenario_free(s);
	xfree(yaml);
	xfree(big);
}
END_TEST

START_TEST(test_ten_thousand_steps)
{
	struct scenario *s;
	char *yaml, *p;
	size_t i, n = 10000;
	const char step[] = "  - do: x = 1\n";

	yaml = xmalloc(64 + n * (sizeof step - 1));
	p = yaml + sprintf(yaml, HEAD "steps:\n");
	for (i = 0; i < n; i++)
		p += sprintf(p, "%s", step);
	s = load_ok(yaml);
	ck_assert_uint_eq(s->step_count, 10000);
	pos_is(s->steps[9999].pos, 10003, 3);
	scenario_free(s);
	xfree(yaml);
}
END_TEST

/* --- errors: keys, types, required keys ---------------------------------- */

START_TEST(test_unknown_key)
{
	struct diag *d = load_bad_file("bad/unknown_key.yaml");

	at(d, 5, 5, "unknown key 'sya' in a step; expected one of: do, say, "
	    "expect, ask, answer, pause, repeat, label", "did you mean 'say'?");
	ck_assert_uint_eq(count(d), 1);
	diag_free(d);

	only(HEAD "steps:\n  - do: x = 1\ntitel: x\n", 5, 1,
	    "unknown key 'titel' in the scenario; expected one of: refscope, "
	    "title, section, summary, settings, functions, classes, steps",
	    "did you mean 'title'?");
	only(HEAD "settings:\n  gc_treshold: 5\nsteps:\n  - do: x = 1\n", 4, 3,
	    "unknown key 'gc_treshold' in settings; expected one of: "
	    "small_int_cache, intern_strings, gc, gc_threshold, python",
	    "did you mean 'gc_threshold'?");
	only(HEAD "functions:\n  - name: f\n    parms: [a]\n    body:\n"
	    "      - do: return 1\nsteps:\n  - do: x = 1\n", 5, 5,
	    "unknown key 'parms' in a function; expected one of: name, params, "
	    "body", "did you mean 'params'?");

	/* Far from every key: no guess. */
	d = load_bad(HEAD "steps:\n  - do: x = 1\n    colour: red\n");
	at(d, 5, 5, "unknown key 'colour' in a step; expected one of: do, say, "
	    "expect, ask, answer, pause, repeat, label", NULL);
	ck_assert_ptr_null(d->hint);
	diag_free(d);
}
END_TEST

START_TEST(test_wrong_type)
{
	struct diag *d = load_bad_file("bad/steps_mapping.yaml");

	at(d, 4, 3, "'steps' must be a sequence of steps, found a mapping",
	    NULL);
	ck_assert_uint_eq(count(d), 1);
	diag_free(d);

	only(HEAD "steps: x = 1\n", 3, 8,
	    "'steps' must be a sequence of steps, found 'x = 1'", NULL);
	only(HEAD "steps:\n", 3, 7,
	    "'steps' must be a sequence of steps, found nothing", NULL);
	only(HEAD "steps: []\n", 3, 8, "'steps' must have at least one step",
	    NULL);
	only(HEAD "steps:\n  - x = 1\n", 4, 5,
	    "a step must be a mapping with 'do:' or 'say:', found 'x = 1'",
	    "write '- do: x = 1'");
	only(HEAD "settings: fast\nsteps:\n  - do: x = 1\n", 3, 11,
	    "'settings' must be a mapping, found 'fast'", NULL);
	only("refscope: 1\ntitle: [a, b]\nsteps:\n  - do: x = 1\n", 2, 8,
	    "'title' must be text, found a sequence", NULL);
	only(HEAD "steps:\n  - do: x = 1\n    expect: refcount(x) == 1\n",
	    5, 13,
	    "'expect' must be a sequence of checks, found 'refcount(x) == 1'",
	    "write each check on its own line: '- refcount(x) == 1'");
	only(HEAD "steps:\n  - do: x = 1\n    expect:\n      - {a: 1}\n", 6, 9,
	    "an expect: check must be a check such as refcount(x) == 1, "
	    "found a mapping", NULL);
	only(HEAD "functions: {name: f}\nsteps:\n  - do: x = 1\n", 3, 12,
	    "'functions' must be a sequence of functions, found a mapping",
	    NULL);
	only(HEAD "classes:\n  - Node\nsteps:\n  - do: x = 1\n", 4, 5,
	    "a class must be a mapping, found 'Node'", NULL);
	only(HEAD "functions:\n  - name: f\n    params: n\n    body:\n"
	    "      - do: return n\nsteps:\n  - do: x = 1\n", 5, 13,
	    "'params' must be a sequence of names, found 'n'",
	    "write params: [a, b]");
	only("- a\n- b\n", 1, 1, "a scenario must be a mapping with refscope:, "
	    "title: and steps:, found a sequence", NULL);
	only(HEAD "steps:\n  - do:\n", 4, 8,
	    "'do' is empty; expected one statement", NULL);
	only(HEAD "steps:\n  - do: '  '\n    expect: ['']\n", 5, 14,
	    "an expect: check is empty; expected a check such as "
	    "refcount(x) == 1", NULL);
}
END_TEST

START_TEST(test_missing)
{
	struct diag *d = load_bad_file("bad/missing_title.yaml");

	at(d, 2, 1, "missing required key 'title'",
	    "add 'title: ...', shown in the title bar");
	ck_assert_uint_eq(count(d), 1);
	diag_free(d);

	d = load_bad("title: t\n");
	at(d, 1, 1, "missing required key 'refscope'",
	    "a scenario starts with 'refscope: 1'");
	at(d->next, 1, 1, "missing required key 'steps'",
	    "add 'steps:' with at least one step");
	ck_assert_uint_eq(count(d), 2);
	diag_free(d);

	only(HEAD "functions:\n  - params: [a]\n    body:\n"
	    "      - do: return a\nsteps:\n  - do: x = 1\n", 4, 5,
	    "missing required key 'name' in a function", NULL);
	only(HEAD "functions:\n  - name: f\nsteps:\n  - do: x = 1\n", 4, 5,
	    "missing required key 'body' in a function",
	    "add 'body:' with at least one step");
	only(HEAD "classes:\n  - {}\nsteps:\n  - do: x = 1\n", 4, 5,
	    "missing required key 'name' in a class", NULL);
	only(HEAD "steps:\n  - pause: true\n", 4, 3,
	    "a step needs 'do:' or 'say:'",
	    "add 'do: STATEMENT' or 'say: TEXT'");
	only(HEAD "steps:\n  - say: hi\n    repeat: 2\n", 5, 5,
	    "'repeat' needs a 'do:' to repeat", NULL);
}
END_TEST

START_TEST(test_empty)
{
	struct diag *d = load_bad_file("bad/empty.yaml");

	at(d, 0, 0, "the file is empty; a scenario needs refscope:, title: "
	    "and steps:", NULL);
	ck_assert_uint_eq(count(d), 1);
	diag_free(d);

	only("", 0, 0, "the file is empty; a scenario needs refscope:, title: "
	    "and steps:", NULL);
	only("---\n...\n", 0, 0, "the file is empty; a scenario needs "
	    "refscope:, title: and steps:", NULL);
}
END_TEST

START_TEST(test_many_errors)
{
	struct diag *d, *last;
	char *yaml, *p;
	int i;

	/* Every error is reported, in document order, up to a limit. */
	d = load_bad(HEAD "steps:\n  - do: x\n    pause: 1\n  - do: y\n"
	    "    repeat: two\n");
	at(d, 5, 12, "'pause' must be true or false, found '1'", NULL);
	at(d->next, 7, 13, "'repeat' must be a whole number, found 'two'",
	    NULL);
	ck_assert_uint_eq(count(d), 2);
	diag_free(d);

	/* Sorted by position, though the scenario's keys are checked
	 * before their values. */
	d = load_bad(HEAD "settings:\n  gc: py\nsteps:\n  - do: x\nzzz: 1\n");
	at(d, 4, 7, "gc: expected one of cpython, textbook, off, found 'py'",
	    NULL);
	at(d->next, 7, 1, "unknown key 'zzz' in the scenario; expected one of: "
	    "refscope, title, section, summary, settings, functions, classes, "
	    "steps", NULL);
	ck_assert_uint_eq(count(d), 2);
	diag_free(d);

	yaml = xmalloc(64 + 100 * 32);
	p = yaml + sprintf(yaml, HEAD "steps:\n");
	for (i = 0; i < 100; i++)
		p += sprintf(p, "  - bad: %d\n", i);
	d = load_bad(yaml);
	ck_assert_uint_eq(count(d), 21);
	at(d, 4, 5, "unknown key 'bad' in a step; expected one of: do, say, "
	    "expect, ask, answer, pause, repeat, label", NULL);
	for (last = d; last->next != NULL; last = last->next)
		;
	ck_assert_str_eq(last->message, "too many errors; stopping here");
	diag_free(d);
	xfree(yaml);
}
END_TEST

/* --- errors: values ------------------------------------------------------ */

START_TEST(test_version)
{
	struct diag *d = load_bad_file("bad/version2.yaml");

	at(d, 1, 11, "refscope: 2 is not a supported format version; "
	    "expected 1", NULL);
	ck_assert_uint_eq(count(d), 1);
	diag_free(d);

	/* An unsupported version stops there: its keys may differ. */
	only("refscope: 3\nfoo: bar\n", 1, 11,
	    "refscope: 3 is not a supported format version; expected 1", NULL);
	only("refscope: one\ntitle: t\nsteps:\n  - do: x = 1\n", 1, 11,
	    "refscope: expected the format version 1, found 'one'",
	    "write 'refscope: 1'");
	only("refscope: 01\ntitle: t\nsteps:\n  - do: x = 1\n", 1, 11,
	    "refscope: expected the format version 1, found '01'", NULL);
}
END_TEST

START_TEST(test_repeat)
{
	only(HEAD "steps:\n  - do: x = 1\n    repeat: 0\n", 5, 13,
	    "repeat: must be between 1 and 1000000, found 0", NULL);
	only(HEAD "steps:\n  - do: x = 1\n    repeat: 1000001\n", 5, 13,
	    "repeat: must be between 1 and 1000000, found 1000001", NULL);
	only(HEAD "steps:\n  - do: x = 1\n    repeat: -3\n", 5, 13,
	    "repeat: must be between 1 and 1000000, found -3", NULL);
	only(HEAD "steps:\n  - do: x = 1\n"
	    "    repeat: 99999999999999999999999\n", 5, 13,
	    "repeat: must be between 1 and 1000000, found "
	    "99999999999999999999999", NULL);
	/* libcyaml would read these as 12 and 8. */
	only(HEAD "steps:\n  - do: x = 1\n    repeat: 12abc\n", 5, 13,
	    "'repeat' must be a whole number, found '12abc'", NULL);
	only(HEAD "steps:\n  - do: x = 1\n    repeat: 010\n", 5, 13,
	    "'repeat' must be a whole number, found '010'",
	    "write it without leading zeros");
	only(HEAD "steps:\n  - do: x = 1\n    repeat: 0x10\n", 5, 13,
	    "'repeat' must be a whole number, found '0x10'", NULL);
	only(HEAD "steps:\n  - do: x = 1\n    repeat: [3]\n", 5, 13,
	    "'repeat' must be a whole number, found a sequence", NULL);
}
END_TEST

START_TEST(test_booleans)
{
	only(HEAD "steps:\n  - do: x = 1\n    pause: 12abc\n", 5, 12,
	    "'pause' must be true or false, found '12abc'", NULL);
	only(HEAD "steps:\n  - do: x = 1\n    pause: yes\n", 5, 12,
	    "'pause' must be true or false, found 'yes'", NULL);
	only(HEAD "settings:\n  small_int_cache: True\nsteps:\n  - do: x = 1\n",
	    4, 20, "'small_int_cache' must be true or false, found 'True'",
	    NULL);
	only(HEAD "settings:\n  intern_strings:\nsteps:\n  - do: x = 1\n",
	    4, 18, "'intern_strings' must be true or false, found nothing",
	    NULL);
}
END_TEST

START_TEST(test_gc)
{
	only(HEAD "settings:\n  gc: python\nsteps:\n  - do: x = 1\n", 4, 7,
	    "gc: expected one of cpython, textbook, off, found 'python'",
	    "did you mean 'cpython'?");
	only(HEAD "settings:\n  gc: 1\nsteps:\n  - do: x = 1\n", 4, 7,
	    "gc: expected one of cpython, textbook, off, found '1'", NULL);
	only(HEAD "settings:\n  gc_threshold: 0\nsteps:\n  - do: x = 1\n",
	    4, 17,
	    "gc_threshold must be at least 1, found 0", NULL);
	only(HEAD "settings:\n  gc_threshold: 4294967296\nsteps:\n"
	    "  - do: x = 1\n", 4, 17,
	    "gc_threshold must be at most 4294967295, found 4294967296", NULL);
	only(HEAD "settings:\n  gc_threshold: 7e2\nsteps:\n  - do: x = 1\n",
	    4, 17, "'gc_threshold' must be a whole number, found '7e2'", NULL);
}
END_TEST

/* python: the CPython version modelled (DESIGN §10). */
START_TEST(test_python_setting)
{
	struct scenario *s;

	s = load_ok(HEAD "steps:\n  - do: x = 1\n");
	ck_assert_int_eq(s->settings.python, PY_3_11);
	ck_assert(!s->settings.python_set);
	scenario_free(s);
	s = load_ok(HEAD "settings:\n  python: 3.14\nsteps:\n  - do: x = 1\n");
	ck_assert_int_eq(s->settings.python, PY_3_14);
	ck_assert(s->settings.python_set);
	scenario_free(s);
	s = load_ok(HEAD "settings:\n  python: \"3.12\"\nsteps:\n"
	    "  - do: x = 1\n");
	ck_assert_int_eq(s->settings.python, PY_3_12);
	scenario_free(s);
	only(HEAD "settings:\n  python: 3.10\nsteps:\n  - do: x = 1\n", 4, 11,
	    "python: expected 3.11, 3.12, 3.13 or 3.14, found '3.10'", NULL);
	only(HEAD "settings:\n  python: [3]\nsteps:\n  - do: x = 1\n", 4, 11,
	    "python: expected 3.11, 3.12, 3.13 or 3.14, found a sequence",
	    NULL);
}
END_TEST

START_TEST(test_names)
{
	struct diag *d = load_bad_file("bad/names.yaml");

	at(d, 4, 11, "'my-fun' is not a Python identifier, so it cannot name "
	    "a function", NULL);
	at(d->next, 8, 17, "'class' is a Python keyword, so it cannot name a "
	    "parameter", NULL);
	at(d->next->next, 8, 24, "parameter 'a' is given twice; the first is "
	    "at line 8, column 14", NULL);
	at(d->next->next->next, 11, 11, "function 'f' is defined twice; the "
	    "first definition is at line 7, column 11", NULL);
	at(d->next->next->next->next, 16, 11, "'f' names both a function "
	    "(line 7) and a class", NULL);
	ck_assert_uint_eq(count(d), 5);
	diag_free(d);

	only(HEAD "classes:\n  - name: 2fast\nsteps:\n  - do: x = 1\n", 4, 11,
	    "'2fast' is not a Python identifier, so it cannot name a class",
	    "a name is letters, digits and _, and does not start with a digit");
	only(HEAD "classes:\n  - name: None\nsteps:\n  - do: x = 1\n", 4, 11,
	    "'None' is a Python keyword, so it cannot name a class", NULL);
	only(HEAD "classes:\n  - name: A\n  - name: A\nsteps:\n  - do: x = 1\n",
	    5, 11, "class 'A' is defined twice; the first definition is at "
	    "line 4, column 11", "rename or remove one of them");
	only(HEAD "classes:\n  - name: ''\nsteps:\n  - do: x = 1\n", 4, 11,
	    "'name' is empty; expected a Python name", NULL);
}
END_TEST

/* --- errors: the YAML itself --------------------------------------------- */

START_TEST(test_syntax)
{
	struct diag *d = load_bad_file("bad/syntax.yaml");

	at(d, 6, 7, "did not find expected ',' or ']' (while parsing a flow "
	    "sequence that starts at line 5, column 13)", "close the '[' that "
	    "starts at line 5, column 13, or, if the value is Python, put it "
	    "all in quotes");
	ck_assert_uint_eq(count(d), 1);
	diag_free(d);

	d = load_bad_file("bad/colon_in_plain.yaml");
	at(d, 4, 15, "mapping values are not allowed in this context",
	    "a ': ' inside a plain value starts a mapping; put the whole value "
	    "in quotes, e.g. do: \"d = {1: 2}\"");
	diag_free(d);

	d = load_bad(HEAD "steps:\n\t- do: x = 1\n");
	ck_assert_uint_eq(d->pos.line, 4);
	ck_assert_uint_eq(d->pos.col, 1);
	ck_assert_str_eq(d->hint, "indent with spaces: YAML does not allow "
	    "tabs here");
	diag_free(d);

	/* libyaml's columns count characters, not bytes. */
	only(HEAD "steps:\n  - say: \"é\\q\"\n", 4, 12,
	    "found unknown escape character (while parsing a quoted scalar "
	    "that starts at line 4, column 10)", NULL);
}
END_TEST

START_TEST(test_encoding)
{
	only(HEAD "steps:\n  - say: caf\xff\n", 4, 13,
	    "the file is not valid UTF-8 text (invalid leading UTF-8 octet)",
	    "save the file as UTF-8");
	only(HEAD "steps:\n  - say: \"a\x01\"\n", 4, 12,
	    "control characters are not allowed (found U+0001)", NULL);
	only("\xff\xfer\0e\0", 1, 1,
	    "the file is UTF-16 text; scenarios are UTF-8", NULL);
	/* A \0 escape is valid YAML but cannot be a C string. */
	only(HEAD "steps:\n  - do: \"x\\0\"\n", 4, 9,
	    "'do' contains a NUL character", "remove the \\0 escape");
}
END_TEST

START_TEST(test_aliases)
{
	struct diag *d;
	double t0 = now();

	d = load_bad_file("bad/alias_bomb.yaml");
	at(d, 3, 4, "anchors and aliases are not supported in scenarios",
	    "write the value out in full where it is needed");
	ck_assert_uint_eq(count(d), 1);
	diag_free(d);
	ck_assert(now() - t0 < 2.0);

	only(HEAD "steps:\n  - do: *x\n", 4, 9,
	    "anchors and aliases are not supported in scenarios", NULL);
	only(HEAD "steps: !!seq\n  - do: x = 1\n", 3, 8,
	    "YAML tags ('tag:yaml.org,2002:seq') are not supported in "
	    "scenarios", NULL);
}
END_TEST

START_TEST(test_documents)
{
	only(HEAD "steps:\n  - do: x = 1\n---\ntitle: two\n", 5, 1,
	    "a second YAML document is not allowed; a scenario is one "
	    "document", "split it into two files");
	only(HEAD "title: again\nsteps:\n  - do: x = 1\n", 3, 1,
	    "duplicate key 'title'; it is already given at line 2, column 1",
	    NULL);
	only(HEAD "? [a]\n: b\nsteps:\n  - do: x = 1\n", 3, 3,
	    "a key must be a name, found a sequence", NULL);
}
END_TEST

START_TEST(test_deep_nesting)
{
	size_t n = 10000, i;
	char *yaml = xmalloc(32 + 2 * n);
	char *p = yaml + sprintf(yaml, "refscope: 1\nx: ");
	struct diag *d;
	double t0;

	for (i = 0; i < n; i++)
		*p++ = '[';
	for (i = 0; i < n; i++)
		*p++ = ']';
	*p = '\0';
	t0 = now();
	d = load_bad(yaml);
	ck_assert(now() - t0 < 2.0);
	/* The root mapping is level 1, the first '[' (column 4) level 2. */
	at(d, 2, 4 + SCENARIO_MAX_NESTING - 1,
	    "the YAML is nested more than 64 levels deep", NULL);
	ck_assert_uint_eq(count(d), 1);
	diag_free(d);
	xfree(yaml);

	/* Block nesting counts the same way. */
	yaml = xmalloc(64 * 70 * 40);
	p = yaml + sprintf(yaml, "refscope: 1\n");
	for (i = 0; i < 70; i++)
		p += sprintf(p, "%*sk:\n", (int)i, "");
	sprintf(p, "%*sv\n", 70, "");
	d = load_bad(yaml);
	/* The key at indentation j opens a mapping of level j + 1. */
	at(d, 2 + 64, 65, "the YAML is nested more than 64 levels deep", NULL);
	diag_free(d);
	xfree(yaml);
}
END_TEST

/* --- errors: the limits of DESIGN §8 ------------------------------------- */

START_TEST(test_too_many_steps)
{
	size_t n = 9999, i;
	const char step[] = "  - do: x = 1\n";
	char *yaml = xmalloc(256 + n * (sizeof step - 1));
	char *p;
	struct diag *d;

	/* Two body steps and 9999 steps: the 9999th step is the 10001st. */
	p = yaml + sprintf(yaml, HEAD "functions:\n  - name: f\n    body:\n"
	    "      - do: a = 1\n      - do: return a\nsteps:\n");
	for (i = 0; i < n; i++)
		p += sprintf(p, "%s", step);
	d = load_bad(yaml);
	at(d, 8 + 9998 + 1, 3, "more than 10000 written steps (the limit of "
	    "DESIGN §8)", "split the scenario into several files");
	ck_assert_uint_eq(count(d), 1);
	diag_free(d);
	xfree(yaml);
}
END_TEST

START_TEST(test_long_string)
{
	char *big = xmalloc(4098), *yaml;
	struct diag *d;

	memset(big, 'a', 4097);
	big[4097] = '\0';
	yaml = xasprintf(HEAD "steps:\n  - do: x = 1\n    say: \"%s\"\n", big);
	d = load_bad(yaml);
	at(d, 5, 10, "'say' is 4097 characters long; the limit is 4096 "
	    "(DESIGN §8)", NULL);
	ck_assert_uint_eq(count(d), 1);
	diag_free(d);
	xfree(yaml);

	yaml = xasprintf("refscope: 1\ntitle: %s\nsteps:\n  - do: x = 1\n",
	    big);
	only(yaml, 2, 8, "'title' is 4097 characters long; the limit is 4096 "
	    "(DESIGN §8)", NULL);
	xfree(yaml);
	xfree(big);
}
END_TEST

START_TEST(test_file_size)
{
	size_t n = SCENARIO_MAX_FILE_BYTES + 1;
	char *yaml = xmalloc(n);
	char path[] = "/tmp/check_scenario_XXXXXX";
	struct scenario *s = NULL;
	struct diag *d;
	FILE *f;
	int fd;

	memset(yaml, '#', n);
	d = load_bad_len(yaml, n);
	at(d, 0, 0, "file is larger than 1 MiB (the limit of DESIGN §8)",
	    NULL);
	diag_free(d);

	fd = mkstemp(path);
	ck_assert_int_ne(fd, -1);
	f = fdopen(fd, "w");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(yaml, 1, n, f), n);
	fclose(f);
	d = NULL;
	ck_assert_int_eq(scenario_load_file(path, &s, &d), -1);
	ck_assert_ptr_null(s);
	at(d, 0, 0, "file is larger than 1 MiB (the limit of DESIGN §8)",
	    NULL);
	ck_assert_str_eq(d->file, path);
	diag_free(d);
	unlink(path);
	xfree(yaml);
}
END_TEST

START_TEST(test_unreadable)
{
	struct scenario *s = NULL;
	struct diag *d = NULL;
	char *msg;

	ck_assert_int_eq(scenario_load_file("/nonexistent/x.yaml", &s, &d), -1);
	ck_assert_ptr_null(s);
	msg = xasprintf("cannot open '/nonexistent/x.yaml': %s",
	    strerror(ENOENT));
	at(d, 0, 0, msg, NULL);
	ck_assert_str_eq(d->file, "/nonexistent/x.yaml");
	ck_assert_uint_eq(count(d), 1);
	xfree(msg);
	diag_free(d);

	d = NULL;
	ck_assert_int_eq(scenario_load_file(FIXTURES, &s, &d), -1);
	msg = xasprintf("cannot read '%s': %s", FIXTURES, strerror(EISDIR));
	at(d, 0, 0, msg, NULL);
	xfree(msg);
	diag_free(d);
}
END_TEST

/* --- text_locate --------------------------------------------------------- */

START_TEST(test_locate_plain)
{
	struct scenario *s = load_ok(HEAD "steps:\n  - do: abc = é + 1\n"
	    "  - do: a =\n      1 +\n\n      2\n");
	const struct text *t = &s->steps[0].code;

	ck_assert_int_eq(t->style, TEXT_PLAIN);
	pos_is(text_locate(t, 0), 4, 9);
	pos_is(text_locate(t, 6), 4, 15);	/* é */
	pos_is(text_locate(t, 7), 4, 15);	/* its second byte */
	pos_is(text_locate(t, 9), 4, 17);	/* + */
	pos_is(text_locate(t, t->len), 4, 20);	/* just after */
	pos_is(text_locate(t, 1000), 4, 20);

	/* A plain scalar over lines: breaks fold to spaces, an empty line
	 * to a newline. */
	t = &s->steps[1].code;
	ck_assert_str_eq(t->value, "a = 1 +\n2");
	pos_is(text_locate(t, 3), 5, 12);	/* the folded break */
	pos_is(text_locate(t, 4), 6, 7);	/* 1 */
	pos_is(text_locate(t, 7), 7, 1);	/* the empty line */
	pos_is(text_locate(t, 8), 8, 7);	/* 2 */
	scenario_free(s);
}
END_TEST

START_TEST(test_locate_quoted)
{
	struct scenario *s = load_ok(HEAD "steps:\n  - do: 'it''s x'\n"
	    "  - do: \"a\\\"b\\\\c\\x41\\u00e9é\\td\"\n"
	    "  - do: \"ab\\\n      cd\"\n");
	const struct text *t = &s->steps[0].code;

	ck_assert_str_eq(t->value, "it's x");
	ck_assert_int_eq(t->style, TEXT_SINGLE_QUOTED);
	pos_is(t->pos, 4, 10);
	pos_is(text_locate(t, 2), 4, 12);	/* '' */
	pos_is(text_locate(t, 3), 4, 14);	/* s */
	pos_is(text_locate(t, 5), 4, 16);	/* x */

	t = &s->steps[1].code;
	ck_assert_str_eq(t->value, "a\"b\\cA\xc3\xa9\xc3\xa9\td");
	ck_assert_int_eq(t->style, TEXT_DOUBLE_QUOTED);
	pos_is(text_locate(t, 0), 5, 10);	/* a */
	pos_is(text_locate(t, 1), 5, 11);	/* \" */
	pos_is(text_locate(t, 2), 5, 13);	/* b */
	pos_is(text_locate(t, 3), 5, 14);	/* \\ */
	pos_is(text_locate(t, 4), 5, 16);	/* c */
	pos_is(text_locate(t, 5), 5, 17);	/* \x41 */
	pos_is(text_locate(t, 6), 5, 21);	/* \u00e9 */
	pos_is(text_locate(t, 7), 5, 21);
	pos_is(text_locate(t, 8), 5, 27);	/* é */
	pos_is(text_locate(t, 10), 5, 28);	/* \t */
	pos_is(text_locate(t, 11), 5, 30);	/* d */
	pos_is(text_locate(t, 12), 5, 31);

	/* An escaped line break joins the lines with nothing between. */
	t = &s->steps[2].code;
	ck_assert_str_eq(t->value, "abcd");
	pos_is(text_locate(t, 1), 6, 11);
	pos_is(text_locate(t, 2), 7, 7);
	scenario_free(s);
}
END_TEST

START_TEST(test_locate_block)
{
	struct scenario *s = load_ok(HEAD "steps:\n  - say: |\n      line one\n"
	    "        indented\n      three\n  - say: >-\n      one\n      two\n"
	    "\n      three\n  - say: |2\n       x\n      y\n");
	const struct text *t = &s->steps[0].say;

	ck_assert_str_eq(t->value, "line one\n  indented\nthree\n");
	ck_assert_int_eq(t->style, TEXT_LITERAL);
	ck_assert_uint_eq(t->indent, 6);
	pos_is(t->pos, 5, 7);
	pos_is(text_locate(t, 0), 5, 7);
	pos_is(text_locate(t, 5), 5, 12);	/* o of one */
	pos_is(text_locate(t, 8), 5, 15);	/* its line break */
	pos_is(text_locate(t, 9), 6, 7);	/* the extra indentation */
	pos_is(text_locate(t, 11), 6, 9);	/* i */
	pos_is(text_locate(t, 20), 7, 7);	/* t of three */
	pos_is(text_locate(t, 25), 7, 12);	/* the final newline */

	t = &s->steps[1].say;
	ck_assert_str_eq(t->value, "one two\nthree");
	ck_assert_int_eq(t->style, TEXT_FOLDED);
	pos_is(t->pos, 9, 7);
	pos_is(text_locate(t, 3), 9, 10);	/* the folded break */
	pos_is(text_locate(t, 4), 10, 7);	/* two */
	pos_is(text_locate(t, 7), 11, 1);	/* the empty line */
	pos_is(text_locate(t, 8), 12, 7);	/* three */

	/* An explicit indentation indicator counts from the enclosing
	 * mapping's indentation (4 here). */
	t = &s->steps[2].say;
	ck_assert_str_eq(t->value, " x\ny\n");
	ck_assert_uint_eq(t->indent, 6);
	pos_is(t->pos, 14, 7);
	pos_is(text_locate(t, 1), 14, 8);
	pos_is(text_locate(t, 3), 15, 7);
	scenario_free(s);
}
END_TEST

START_TEST(test_locate_without_raw)
{
	struct text t;

	memset(&t, 0, sizeof t);
	t.value = (char *)"a'bé c";
	t.len = strlen(t.value);
	t.pos.line = 3;
	t.pos.col = 10;
	t.style = TEXT_PLAIN;
	pos_is(text_locate(&t, 5), 3, 14);
	t.style = TEXT_SINGLE_QUOTED;
	pos_is(text_locate(&t, 2), 3, 13);
	t.value = (char *)"ab\ncd";
	t.len = 5;
	t.style = TEXT_LITERAL;
	t.indent = 4;
	pos_is(text_locate(&t, 4), 4, 6);
	t.value = NULL;
	pos_is(text_locate(&t, 4), 3, 10);
}
END_TEST

/* --- yamlpos directly ---------------------------------------------------- */

START_TEST(test_yamlpos_table)
{
	const char *src = "a:\n  b: [x, {c: d}]\n  e:\n  - f\n  -   # c\n"
	    "    g: h\n";
	struct yamlpos *yp = NULL;
	struct diag *d = NULL;
	const struct yamlpos_node *n, *root;

	ck_assert_int_eq(yamlpos_scan("y", src, strlen(src), 8, &yp, &d), 0);
	ck_assert_ptr_null(d);
	root = yamlpos_root(yp);
	ck_assert_ptr_nonnull(root);
	ck_assert_str_eq(root->path, "");
	ck_assert_int_eq(root->kind, YAMLPOS_MAPPING);

	n = yamlpos_find(yp, "a.b[1].c");
	ck_assert_ptr_nonnull(n);
	ck_assert_str_eq(n->key, "c");
	ck_assert_str_eq(n->value, "d");
	pos_is(n->key_pos, 2, 11);
	pos_is(n->value_pos, 2, 14);
	n = yamlpos_find(yp, "a.b");
	ck_assert(n->flow);
	ck_assert_uint_eq(n->child_count, 2);
	ck_assert_str_eq(yamlpos_first(yp, n)->value, "x");
	ck_assert_str_eq(yamlpos_next(yp, yamlpos_first(yp, n))->path,
	    "a.b[1]");
	/* Block sequence items: the key position is the `-`, also when the
	 * item starts on a later line after a comment. */
	n = yamlpos_findf(yp, "a.e[%d]", 0);
	pos_is(n->key_pos, 4, 3);
	pos_is(n->value_pos, 4, 5);
	n = yamlpos_find(yp, "a.e[1]");
	pos_is(n->key_pos, 5, 3);
	pos_is(n->value_pos, 6, 5);
	ck_assert_ptr_nonnull(yamlpos_get(yp, n, "g"));
	ck_assert_ptr_null(yamlpos_get(yp, n, "h"));
	ck_assert_ptr_null(yamlpos_find(yp, "a.x"));
	yamlpos_free(yp);

	/* Nothing at all: an empty tree. */
	ck_assert_int_eq(yamlpos_scan("y", "# c\n", 4, 8, &yp, &d), 0);
	ck_assert_ptr_null(yamlpos_root(yp));
	yamlpos_free(yp);

	pos_is(yamlpos_offset_pos("ab\r\ncé\nd", 9, 8), 3, 1);
	pos_is(yamlpos_offset_pos("ab\r\ncé\nd", 9, 7), 2, 3);
}
END_TEST

/* --- running out of memory (fork mode only: each case exits) ------------ */

static void
quiet_oom(void)
{
	_exit(2);
}

/*
 * The _i-th allocation of a whole load fails: the process must end through
 * the fatal handler (status 2), never crash.  Past the last allocation the
 * load succeeds, and the case exits the same way to share the expectation.
 */
START_TEST(test_oom_sweep)
{
	struct scenario *s = NULL;
	struct diag *d = NULL;
	char *path = xasprintf("%s/good/full.yaml", FIXTURES);

	xalloc_set_fatal(quiet_oom);
	xalloc_fail_after((unsigned long)_i);
	if (scenario_load_file(path, &s, &d) == 0)
		scenario_free(s);
	diag_free(d);
	xalloc_fail_after(0);
	xfree(path);
	_exit(2);
}
END_TEST

static Suite *
oom_suite(void)
{
	Suite *s = suite_create("scenario out of memory");
	TCase *tc = tcase_create("oom");

	tcase_add_loop_exit_test(tc, test_oom_sweep, 2, 1, 700);
	suite_add_tcase(s, tc);
	return s;
}

static Suite *
scenario_suite(void)
{
	Suite *s = suite_create("scenario");
	TCase *tc;

	tc = tcase_create("load");
	tcase_add_test(tc, test_full);
	tcase_add_test(tc, test_defaults);
	tcase_add_test(tc, test_flow_and_strings);
	tcase_add_test(tc, test_crlf_bom);
	tcase_add_test(tc, test_limits_exact);
	tcase_add_test(tc, test_ten_thousand_steps);
	tcase_set_timeout(tc, 30);
	suite_add_tcase(s, tc);

	tc = tcase_create("shape errors");
	tcase_add_test(tc, test_unknown_key);
	tcase_add_test(tc, test_wrong_type);
	tcase_add_test(tc, test_missing);
	tcase_add_test(tc, test_empty);
	tcase_add_test(tc, test_many_errors);
	suite_add_tcase(s, tc);

	tc = tcase_create("value errors");
	tcase_add_test(tc, test_version);
	tcase_add_test(tc, test_repeat);
	tcase_add_test(tc, test_booleans);
	tcase_add_test(tc, test_gc);
	tcase_add_test(tc, test_python_setting);
	tcase_add_test(tc, test_names);
	suite_add_tcase(s, tc);

	tc = tcase_create("yaml errors");
	tcase_add_test(tc, test_syntax);
	tcase_add_test(tc, test_encoding);
	tcase_add_test(tc, test_aliases);
	tcase_add_test(tc, test_documents);
	tcase_add_test(tc, test_deep_nesting);
	suite_add_tcase(s, tc);

	tc = tcase_create("limits");
	tcase_add_test(tc, test_too_many_steps);
	tcase_add_test(tc, test_long_string);
	tcase_add_test(tc, test_file_size);
	tcase_add_test(tc, test_unreadable);
	tcase_set_timeout(tc, 30);
	suite_add_tcase(s, tc);

	tc = tcase_create("text_locate");
	tcase_add_test(tc, test_locate_plain);
	tcase_add_test(tc, test_locate_quoted);
	tcase_add_test(tc, test_locate_block);
	tcase_add_test(tc, test_locate_without_raw);
	suite_add_tcase(s, tc);

	tc = tcase_create("yamlpos");
	tcase_add_test(tc, test_yamlpos_table);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(scenario_suite());
	int failed;

	if (srunner_fork_status(sr) != CK_NOFORK)
		srunner_add_suite(sr, oom_suite());

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
