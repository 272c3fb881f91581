/*
 * check_pyhash.c: CPython 3.11's hashes, reprs and arithmetic, against
 * tables that python3.11 itself wrote (tests/data/pyhash/generate.py, run
 * with PYTHONHASHSEED=0); and the operators' text (py/ops.h).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <check.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "py/ops.h"
#include "py/pyhash.h"

struct int_case {
	int64_t		 value;
	pyhash_t	 hash;
};

struct float_case {
	uint64_t	 bits;
	pyhash_t	 hash;
	const char	*repr;
};

struct str_case {
	const char	*utf8;
	size_t		 len;
	size_t		 chars;
	pyhash_t	 hash;
	const char	*repr;
	size_t		 repr_len;
};

struct tuple_case {
	const pyhash_t	*items;
	size_t		 count;
	pyhash_t	 hash;
};

struct intdiv_case {
	int64_t		 a, b, q, r;
	bool		 ok;
};

struct floatdiv_case {
	uint64_t	 a, b, q, r;
};

#include "data/pyhash/pyhash_cases.inc"

#define NELEM(a)	(sizeof (a) / sizeof (a)[0])

static double
from_bits(uint64_t bits)
{
	double d;

	memcpy(&d, &bits, sizeof d);
	return d;
}

static uint64_t
to_bits(double d)
{
	uint64_t bits;

	memcpy(&bits, &d, sizeof bits);
	return bits;
}

/* ---- hashes ---- */

START_TEST(test_hash_int)
{
	size_t i;

	for (i = 0; i < NELEM(int_cases); i++)
		ck_assert_msg(pyhash_int(int_cases[i].value) == int_cases[i].hash,
		    "hash(%lld) = %lld, python says %lld",
		    (long long)int_cases[i].value,
		    (long long)pyhash_int(int_cases[i].value),
		    (long long)int_cases[i].hash);
	ck_assert_int_eq(pyhash_int(-1), -2);
	ck_assert_int_eq(pyhash_int(-2), -2);
}
END_TEST

START_TEST(test_hash_float)
{
	size_t i;
	double v;

	for (i = 0; i < NELEM(float_cases); i++) {
		v = from_bits(float_cases[i].bits);
		ck_assert_msg(pyhash_float(v) == float_cases[i].hash,
		    "hash(%s) = %lld, python says %lld", float_cases[i].repr,
		    (long long)pyhash_float(v), (long long)float_cases[i].hash);
	}
	ck_assert_int_eq(pyhash_float(INFINITY), 314159);
	ck_assert_int_eq(pyhash_float(-INFINITY), -314159);
	ck_assert_int_eq(pyhash_float(-1.0), -2);
	ck_assert_int_eq(pyhash_float(NAN), 0);
	/* Integral floats hash as the equal int. */
	ck_assert_int_eq(pyhash_float(12345.0), pyhash_int(12345));
	ck_assert_int_eq(pyhash_float(-9007199254740992.0),
	    pyhash_int(-9007199254740992LL));
}
END_TEST

START_TEST(test_hash_str)
{
	size_t i;
	const struct str_case *c;

	for (i = 0; i < NELEM(str_cases); i++) {
		c = &str_cases[i];
		ck_assert_msg(pyhash_str(c->utf8, c->len) == c->hash,
		    "hash(%s) = %lld, python says %lld", c->repr,
		    (long long)pyhash_str(c->utf8, c->len), (long long)c->hash);
	}
	ck_assert_int_eq(pyhash_str("", 0), 0);
}
END_TEST

START_TEST(test_hash_tuple)
{
	size_t i;
	const struct tuple_case *c;

	for (i = 0; i < NELEM(tuple_cases); i++) {
		c = &tuple_cases[i];
		ck_assert_msg(pyhash_tuple(c->items, c->count) == c->hash,
		    "tuple case %zu: %lld, python says %lld", i,
		    (long long)pyhash_tuple(c->items, c->count),
		    (long long)c->hash);
	}
	ck_assert_int_eq(pyhash_tuple(NULL, 0), 5740354900026072187LL);
}
END_TEST

START_TEST(test_hash_identity)
{
	uint32_t id;

	/* Deterministic, never -1, and distinct for distinct ids. */
	for (id = 0; id < 1000; id++) {
		ck_assert_int_eq(pyhash_identity(id), pyhash_identity(id));
		ck_assert_int_ne(pyhash_identity(id), -1);
		if (id > 0)
			ck_assert_int_ne(pyhash_identity(id),
			    pyhash_identity(id - 1));
	}
	ck_assert_int_ne(pyhash_identity(UINT32_MAX), -1);
}
END_TEST

/* ---- repr ---- */

START_TEST(test_repr_float)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	for (i = 0; i < NELEM(float_cases); i++) {
		strbuf_truncate(&sb, 0);
		pyrepr_float(&sb, from_bits(float_cases[i].bits));
		ck_assert_str_eq(strbuf_str(&sb), float_cases[i].repr);
	}
	strbuf_truncate(&sb, 0);
	pyrepr_float(&sb, NAN);
	ck_assert_str_eq(strbuf_str(&sb), "nan");
	strbuf_truncate(&sb, 0);
	pyrepr_float(&sb, -NAN);
	ck_assert_str_eq(strbuf_str(&sb), "nan");
	strbuf_free(&sb);
}
END_TEST

START_TEST(test_repr_float_appends)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_puts(&sb, "x = ");
	pyrepr_float(&sb, 1e16);
	strbuf_puts(&sb, ", ");
	pyrepr_float(&sb, 1234567890123456.0);
	strbuf_puts(&sb, ", ");
	pyrepr_float(&sb, -0.0);
	strbuf_puts(&sb, ", ");
	pyrepr_float(&sb, 1.5e-5);
	ck_assert_str_eq(strbuf_str(&sb),
	    "x = 1e+16, 1234567890123456.0, -0.0, 1.5e-05");
	strbuf_free(&sb);
}
END_TEST

START_TEST(test_repr_str)
{
	struct strbuf sb = STRBUF_INIT;
	const struct str_case *c;
	size_t i;

	for (i = 0; i < NELEM(str_cases); i++) {
		c = &str_cases[i];
		strbuf_truncate(&sb, 0);
		pyrepr_str(&sb, c->utf8, c->len);
		ck_assert_uint_eq(sb.len, c->repr_len);
		ck_assert_mem_eq(strbuf_str(&sb), c->repr, c->repr_len);
	}
	strbuf_free(&sb);
}
END_TEST

START_TEST(test_repr_str_invalid_utf8)
{
	struct strbuf sb = STRBUF_INIT;

	/* Not Python input; one U+FFFD per bad byte, consistently. */
	pyrepr_str(&sb, "a\xff" "b\xc3", 4);
	ck_assert_str_eq(strbuf_str(&sb), "'a\xef\xbf\xbd" "b\xef\xbf\xbd'");
	ck_assert_uint_eq(pystr_length("a\xff" "b\xc3", 4), 4);
	ck_assert_int_eq(pyhash_str("a\xff" "b\xc3", 4),
	    pyhash_str("a\xef\xbf\xbd" "b\xef\xbf\xbd", 8));
	strbuf_free(&sb);
}
END_TEST

/* ---- strings ---- */

START_TEST(test_str_length)
{
	size_t i;

	for (i = 0; i < NELEM(str_cases); i++)
		ck_assert_uint_eq(pystr_length(str_cases[i].utf8,
		    str_cases[i].len), str_cases[i].chars);
}
END_TEST

START_TEST(test_str_identifier_like)
{
	ck_assert(pystr_is_identifier_like("", 0));
	ck_assert(pystr_is_identifier_like("abc", 3));
	ck_assert(pystr_is_identifier_like("__init__", 8));
	ck_assert(pystr_is_identifier_like("9lives", 6));
	ck_assert(pystr_is_identifier_like("A_Z_09", 6));
	ck_assert(!pystr_is_identifier_like("a b", 3));
	ck_assert(!pystr_is_identifier_like("a-b", 3));
	ck_assert(!pystr_is_identifier_like("caf\xc3\xa9", 5));
	ck_assert(!pystr_is_identifier_like("a.b", 3));
	ck_assert(!pystr_is_identifier_like("a\0b", 3));
}
END_TEST

START_TEST(test_str_latin1_char)
{
	ck_assert(pystr_is_latin1_char("a", 1));
	ck_assert(pystr_is_latin1_char("\0", 1));
	ck_assert(pystr_is_latin1_char("\xc3\xa9", 2));		/* é */
	ck_assert(pystr_is_latin1_char("\xc3\xbf", 2));		/* ÿ */
	ck_assert(!pystr_is_latin1_char("", 0));
	ck_assert(!pystr_is_latin1_char("ab", 2));
	ck_assert(!pystr_is_latin1_char("\xc4\x80", 2));	/* U+0100 */
	ck_assert(!pystr_is_latin1_char("\xe2\x86\x92", 3));	/* → */
	ck_assert(!pystr_is_latin1_char("\xc3\xa9x", 3));
}
END_TEST

/* ---- arithmetic ---- */

START_TEST(test_int_floordiv_mod)
{
	const struct intdiv_case *c;
	int64_t q, r;
	size_t i;

	for (i = 0; i < NELEM(intdiv_cases); i++) {
		c = &intdiv_cases[i];
		ck_assert_msg(pyint_floordiv(c->a, c->b, &q) == c->ok,
		    "%lld // %lld overflow", (long long)c->a, (long long)c->b);
		if (c->ok)
			ck_assert_msg(q == c->q, "%lld // %lld = %lld, not %lld",
			    (long long)c->a, (long long)c->b, (long long)q,
			    (long long)c->q);
		ck_assert(pyint_mod(c->a, c->b, &r));
		ck_assert_msg(r == c->r, "%lld %% %lld = %lld, not %lld",
		    (long long)c->a, (long long)c->b, (long long)r,
		    (long long)c->r);
	}
	ck_assert(!pyint_floordiv(INT64_MIN, -1, &q));
	ck_assert(pyint_mod(INT64_MIN, -1, &r));
	ck_assert_int_eq(r, 0);
	ck_assert(pyint_floordiv(-7, 2, &q));
	ck_assert_int_eq(q, -4);
	ck_assert(pyint_mod(-7, 2, &r));
	ck_assert_int_eq(r, 1);
	ck_assert(pyint_mod(7, -2, &r));
	ck_assert_int_eq(r, -1);
}
END_TEST

START_TEST(test_int_overflow)
{
	int64_t out;

	ck_assert(pyint_add(INT64_MAX - 1, 1, &out));
	ck_assert_int_eq(out, INT64_MAX);
	ck_assert(!pyint_add(INT64_MAX, 1, &out));
	ck_assert(!pyint_add(INT64_MIN, -1, &out));
	ck_assert(pyint_sub(INT64_MIN + 1, 1, &out));
	ck_assert_int_eq(out, INT64_MIN);
	ck_assert(!pyint_sub(INT64_MIN, 1, &out));
	ck_assert(!pyint_sub(0, INT64_MIN, &out));
	ck_assert(pyint_mul(-3037000499LL, 3037000499LL, &out));
	ck_assert_int_eq(out, -9223372030926249001LL);
	ck_assert(!pyint_mul(3037000500LL, 3037000500LL, &out));
	ck_assert(!pyint_mul(INT64_MIN, -1, &out));
	ck_assert(pyint_mul(INT64_MIN, 1, &out));
	ck_assert_int_eq(out, INT64_MIN);
}
END_TEST

START_TEST(test_float_floordiv_mod)
{
	const struct floatdiv_case *c;
	double a, b;
	size_t i;

	/* Bits, not ==: the sign of a zero and NaN results count. */
	for (i = 0; i < NELEM(floatdiv_cases); i++) {
		c = &floatdiv_cases[i];
		a = from_bits(c->a);
		b = from_bits(c->b);
		ck_assert_msg(to_bits(pyfloat_floordiv(a, b)) == c->q,
		    "%a // %a = %a, not %a", a, b, pyfloat_floordiv(a, b),
		    from_bits(c->q));
		ck_assert_msg(to_bits(pyfloat_mod(a, b)) == c->r,
		    "%a %% %a = %a, not %a", a, b, pyfloat_mod(a, b),
		    from_bits(c->r));
	}
}
END_TEST

/* ---- operators ---- */

START_TEST(test_ops_text)
{
	struct strbuf sb = STRBUF_INIT;
	int op;

	/* Every operator of each kind, in enum order, then one past. */
	for (op = BINOP_ADD; op <= BINOP_POW + 1; op++)
		strbuf_printf(&sb, "%s ", ops_binary_text((enum binary_op)op));
	for (op = UNOP_NEG; op <= UNOP_NOT + 1; op++)
		strbuf_printf(&sb, "%s ", ops_unary_text((enum unary_op)op));
	for (op = CMP_EQ; op <= CMP_NOT_IN + 1; op++)
		strbuf_printf(&sb, "%s ", ops_compare_text((enum compare_op)op));
	ck_assert_str_eq(strbuf_str(&sb),
	    "+ - * / // % ** ? - + not  ? == != < > <= >= is is not in "
	    "not in ? ");
	strbuf_free(&sb);
}
END_TEST

static Suite *
pyhash_suite(void)
{
	Suite *s = suite_create("pyhash");
	TCase *tc;

	tc = tcase_create("hash");
	tcase_add_test(tc, test_hash_int);
	tcase_add_test(tc, test_hash_float);
	tcase_add_test(tc, test_hash_str);
	tcase_add_test(tc, test_hash_tuple);
	tcase_add_test(tc, test_hash_identity);
	suite_add_tcase(s, tc);

	tc = tcase_create("repr");
	tcase_add_test(tc, test_repr_float);
	tcase_add_test(tc, test_repr_float_appends);
	tcase_add_test(tc, test_repr_str);
	tcase_add_test(tc, test_repr_str_invalid_utf8);
	suite_add_tcase(s, tc);

	tc = tcase_create("str");
	tcase_add_test(tc, test_str_length);
	tcase_add_test(tc, test_str_identifier_like);
	tcase_add_test(tc, test_str_latin1_char);
	suite_add_tcase(s, tc);

	tc = tcase_create("arith");
	tcase_add_test(tc, test_int_floordiv_mod);
	tcase_add_test(tc, test_int_overflow);
	tcase_add_test(tc, test_float_floordiv_mod);
	suite_add_tcase(s, tc);

	tc = tcase_create("ops");
	tcase_add_test(tc, test_ops_text);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(pyhash_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
