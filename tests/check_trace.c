/*
 * check_trace.c: the trace writer (src/out/trace.c, delta.c).
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
#include "out/trace.h"
#include "sim/heap.h"
#include "sim/interp.h"
#include "sim/timeline.h"
#include "testlib.h"

/* The trace of p written with o, as a string the caller frees. */
static char *
trace_of(const struct program *p, const struct trace_options *o,
    size_t *len)
{
	char			*text = NULL;
	FILE			*out = open_memstream(&text, len);
	struct heap		*h = heap_new();
	struct timeline		*t = timeline_new(false);
	struct interp_hooks	 hooks = { 0 };
	struct trace_writer	*w;
	struct diag		*errors = NULL;

	ck_assert_ptr_nonnull(out);
	w = trace_writer_new(out, p, o);
	trace_writer_attach(w, t, &hooks);
	interp_run(p, h, t, &hooks, NULL, &errors);
	trace_writer_take_errors(w, &errors);
	trace_writer_free(w);
	ck_assert_int_eq(fclose(out), 0);
	timeline_free(t);
	heap_free(h);
	diag_free(errors);
	return text;
}

static void
check_scenario(const char *path, const char *yaml)
{
	struct scenario		*sc = NULL;
	struct program		*p = NULL;
	struct diag		*errors = NULL;
	struct trace_options	 cached = { .events = true };
	struct trace_options	 fresh = { .events = true, .fresh = true };
	char			*a, *b;
	size_t			 alen, blen, at = 0;

	if (scenario_load_string(path, yaml, strlen(yaml), &sc, &errors) != 0 ||
	    program_compile(sc, &p, &errors) != 0)
		goto out;
	a = trace_of(p, &cached, &alen);
	b = trace_of(p, &fresh, &blen);
	while (at < alen && at < blen && a[at] == b[at])
		at++;
	ck_assert_msg(alen == blen && at == alen, "%s: the cached trace "
	    "differs at byte %zu: ...%.200s", path, at, a + (at > 80 ?
	    at - 80 : 0));
	xfree(a);
	xfree(b);
out:
	program_free(p);
	scenario_free(sc);
	diag_free(errors);
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
	SRunner	*sr;
	int	 failed;

	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_cache_is_exact);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
