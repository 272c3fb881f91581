/*
 * check_trace.c: the trace writer (src/writer/trace.c, delta.c).
 *
 * The full trace keeps every object's JSON and renders again only what
 * the events touched (delta.h's cache); a missed change would leave a
 * stale object in every later record.  So on every scenario of the test
 * suite the trace is written twice -- with the cache, and rendering every
 * object afresh -- and the two must be equal byte for byte.  (The delta
 * records are checked against the full trace by tests/delta/run-delta.sh.)
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/atom.h"
#include "base/diag.h"
#include "base/xalloc.h"
#include "lang/program.h"
#include "writer/trace.h"
#include "run/run.h"
#include "sim/heap.h"
#include "sim/interp.h"
#include "sim/timeline.h"
#include "testlib.h"

static void
attach_trace(void *w, struct timeline *t, struct interp_hooks *hooks)
{
	trace_writer_attach(w, t, hooks);
}

/* The trace of the scenario yaml written with o, as a string the caller
 * frees; NULL when it does not load. */
static char *
trace_of(const char *path, const char *yaml, const struct trace_options *o,
    size_t *len)
{
	char			*text = NULL;
	FILE			*out;
	struct run		 r;
	struct interp_hooks	 hooks = { 0 };
	struct trace_writer	*w;

	if (run_load_text(&r, path, yaml, strlen(yaml)) != 0) {
		run_free(&r);
		return NULL;
	}
	out = open_memstream(&text, len);
	ck_assert_ptr_nonnull(out);
	w = trace_writer_new(out, r.program, o);
	run_execute(&r, false, &hooks, attach_trace, w);
	trace_writer_take_errors(w, &r.errors);
	trace_writer_free(w);
	ck_assert_int_eq(fclose(out), 0);
	run_free(&r);
	return text;
}

static void
check_scenario(const char *path, const char *yaml)
{
	struct trace_options	 cached = { .events = true };
	struct trace_options	 fresh = { .events = true, .fresh = true };
	char			*a, *b;
	size_t			 alen, blen, at = 0;

	if ((a = trace_of(path, yaml, &cached, &alen)) == NULL)
		goto out;
	b = trace_of(path, yaml, &fresh, &blen);
	ck_assert_ptr_nonnull(b);
	while (at < alen && at < blen && a[at] == b[at])
		at++;
	ck_assert_msg(alen == blen && at == alen, "%s: the cached trace "
	    "differs at byte %zu: ...%.200s", path, at, a + (at > 80 ?
	    at - 80 : 0));
	xfree(a);
	xfree(b);
out:
	atom_reset();
}

START_TEST(test_cache_is_exact)
{
	ck_assert_uint_gt(testlib_each_scenario(check_scenario), 100);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("trace");
	TCase	*tc = tcase_create("cache");

	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_cache_is_exact);
	suite_add_tcase(s, tc);
	return testlib_run_suite(s);
}
