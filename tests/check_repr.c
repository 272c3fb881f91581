/*
 * check_repr.c: refscope writes a str or a float in three places -- the
 * syntax tree's text (narration, the trace), the simulator's repr (print,
 * the picture) and the Python export's literals -- and all three must be
 * python3's repr.  The cases and what python3 answers are in
 * tests/data/pyhash/repr_cases.inc (generate.py repr): quotes of both
 * kinds, backslashes, controls, characters str.isprintable refuses, and
 * characters beyond the BMP; floats either side of the exponent form,
 * -0.0, inf and nan.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/atom.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "lang/ast.h"
#include "run/run.h"
#include "sim/heap.h"
#include "writer/python.h"
#include "testlib.h"

struct str_case {
	const char	*value;		/* UTF-8, may hold NUL */
	size_t		 len;
	const char	*step;		/* "x = <literal>", as YAML */
	const char	*repr;		/* python3's repr(value) */
	size_t		 repr_len;
	const char	*export;	/* the export's literal; NULL when value
					   holds NUL, which no scenario text
					   (YAML) can */
};

struct float_case {
	uint64_t	 bits;
	const char	*step;		/* "x = <source>", as YAML */
	const char	*repr;		/* python3's repr */
	const char	*text;		/* as source: repr, but infinity as
					   ast.unparse writes it */
};

#include "data/pyhash/repr_cases.inc"

#define NELEM(a)	(sizeof (a) / sizeof (a)[0])

/* The repr of what x is bound to after a scenario of one step, `step`. */
static char *
simulator_repr(const char *step)
{
	struct strbuf	 yaml = STRBUF_INIT, out = STRBUF_INIT;
	struct run	 r;
	uint32_t	 index;
	objid_t		 x;

	strbuf_printf(&yaml, "refscope: 1\ntitle: repr\nsteps:\n  - do: %s\n",
	    step);
	ck_assert_int_eq(run_load_text(&r, "repr.yaml", strbuf_str(&yaml),
	    yaml.len), 0);
	ck_assert_int_eq(run_execute(&r, false, NULL, NULL, NULL), 0);
	ck_assert(heap_lookup_name(r.heap, 0, atom_intern("x", 1), &index,
	    &x));
	heap_repr(r.heap, x, false, 0, &out);
	run_free(&r);
	strbuf_free(&yaml);
	return strbuf_detach(&out);
}

/* The literal export --python writes for the scenario's file name (its
 * FILE = line): the export's way with any text. */
static char *
export_literal(const char *name)
{
	static const char yaml[] =
	    "refscope: 1\ntitle: repr\nsteps:\n  - do: x = 1\n";
	struct strbuf	 out = STRBUF_INIT;
	struct run	 r;
	const char	*line, *end;
	char		*literal;

	ck_assert_int_eq(run_load_text(&r, name, yaml, strlen(yaml)), 0);
	ck_assert_int_eq(run_execute(&r, true, NULL, NULL, NULL), 0);
	python_write(r.program, r.timeline, r.heap, &out);
	line = strstr(strbuf_str(&out), "\nFILE = ");
	ck_assert_ptr_nonnull(line);
	line += strlen("\nFILE = ");
	end = strchr(line, '\n');
	literal = xstrndup(line, (size_t)(end - line));
	run_free(&r);
	strbuf_free(&out);
	return literal;
}

START_TEST(str_everywhere)
{
	const struct str_case	*c = &str_cases[_i];
	struct expr		 e = { .kind = EXPR_STR };
	char			*text;

	/* the syntax tree's text of the literal */
	e.as.str.bytes = (char *)c->value;
	e.as.str.len = c->len;
	text = ast_expr_text(&e);
	ck_assert_uint_eq(strlen(text), c->repr_len);
	ck_assert_mem_eq(text, c->repr, c->repr_len);
	xfree(text);

	/* the simulator's repr of the object the literal made */
	text = simulator_repr(c->step);
	ck_assert_uint_eq(strlen(text), c->repr_len);
	ck_assert_mem_eq(text, c->repr, c->repr_len);
	xfree(text);

	/* the export's literal: repr's escapes, always in double quotes */
	if (c->export != NULL) {
		text = export_literal(c->value);
		ck_assert_str_eq(text, c->export);
		xfree(text);
	}
}
END_TEST

START_TEST(float_everywhere)
{
	const struct float_case	*c = &float_cases[_i];
	struct expr		 e = { .kind = EXPR_FLOAT };
	char			*text;

	memcpy(&e.as.float_value, &c->bits, sizeof e.as.float_value);
	text = ast_expr_text(&e);
	ck_assert_str_eq(text, c->text);
	xfree(text);

	text = simulator_repr(c->step);
	ck_assert_str_eq(text, c->repr);
	xfree(text);
}
END_TEST

static Suite *
repr_suite(void)
{
	Suite	*s = suite_create("repr");
	TCase	*tc = tcase_create("agree");

	tcase_add_loop_test(tc, str_everywhere, 0, (int)NELEM(str_cases));
	tcase_add_loop_test(tc, float_everywhere, 0, (int)NELEM(float_cases));
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return testlib_run_suite(repr_suite());
}
