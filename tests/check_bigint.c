/*
 * check_bigint.c: ints of any size (py/bigint.h) against what python3.11
 * answers for the same operands (tests/data/bigint/generate.py): every
 * operator, the floor rules, float conversion, true division, exact
 * comparison with floats, the hash, the text in every base.
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
#include "py/bigint.h"

struct unary_case {
	const char	*value, *hex, *oct, *bin;
	pyhash_t	 hash;
	int		 float_overflow;
	double		 as_float;	/* exact: a hexadecimal constant */
};

struct binary_case {
	const char	*a, *b, *add, *sub, *mul, *floordiv, *mod;
	int		 truediv_status;	/* 0 ok, 1 OverflowError, 2 b == 0 */
	double		 truediv;
	int		 cmp;
};

struct pow_case {
	const char	*a;
	unsigned	 e;
	const char	*result;
};

struct float_case {
	const char	*a;
	double		 f;
	int		 cmp;
};

#include "data/bigint/bigint_cases.inc"

#define COUNT(a) (sizeof (a) / sizeof (a)[0])

/* A signed decimal text as a bigint. */
static struct bigint *
parse(const char *text)
{
	bool		 neg = text[0] == '-';
	struct bigint	*b = bigint_parse(text + neg, strlen(text + neg), 10);

	if (neg && b->sign != 0)
		b->sign = -1;
	return b;
}

/* Whether two doubles are the same, -0.0 and 0.0 told apart. */
static bool
same_double(double a, double b)
{
	return a == b && signbit(a) == signbit(b);
}

/* Checks that b's text in base is want, and frees b. */
static void
expect_text(struct bigint *b, unsigned base, const char *want,
    const char *what, const char *x, const char *y)
{
	struct strbuf sb = STRBUF_INIT;

	bigint_write(b, base, &sb);
	ck_assert_msg(strcmp(strbuf_str(&sb), want) == 0,
	    "%s of %s and %s: %s, python3 says %s", what, x, y,
	    strbuf_str(&sb), want);
	strbuf_free(&sb);
	bigint_free(b);
}

START_TEST(test_text_hash_float)
{
	for (size_t i = 0; i < COUNT(unary_cases); i++) {
		const struct unary_case *c = &unary_cases[i];
		struct bigint	*b = parse(c->value);
		double		 d = 0;
		bool		 fits = bigint_to_double(b, &d);

		expect_text(bigint_copy(b), 10, c->value, "str", c->value, "-");
		expect_text(bigint_copy(b), 16, c->hex, "hex", c->value, "-");
		expect_text(bigint_copy(b), 8, c->oct, "oct", c->value, "-");
		expect_text(bigint_copy(b), 2, c->bin, "bin", c->value, "-");
		ck_assert_msg(bigint_hash(b) == c->hash, "hash(%s)", c->value);
		ck_assert_msg(fits == !c->float_overflow, "float(%s) overflow",
		    c->value);
		if (fits)
			ck_assert_msg(same_double(d, c->as_float),
			    "float(%s): %.17g", c->value, d);
		ck_assert_uint_eq(bigint_decimal_digits(b), strlen(c->value) -
		    (c->value[0] == '-'));
		bigint_free(b);
	}
}
END_TEST

START_TEST(test_parse_bases)
{
	for (size_t i = 0; i < COUNT(unary_cases); i++) {
		const struct unary_case *c = &unary_cases[i];
		const char	*hex = c->hex + (c->hex[0] == '-');
		struct bigint	*b = parse(c->value);
		struct bigint	*h = bigint_parse(hex, strlen(hex), 16);

		if (c->hex[0] == '-' && h->sign != 0)
			h->sign = -1;
		ck_assert_msg(bigint_cmp(b, h) == 0, "0x%s is %s", c->hex,
		    c->value);
		bigint_free(b);
		bigint_free(h);
	}
}
END_TEST

START_TEST(test_binary)
{
	for (size_t i = 0; i < COUNT(binary_cases); i++) {
		const struct binary_case *c = &binary_cases[i];
		struct bigint	*a = parse(c->a), *b = parse(c->b), *q, *r;
		double		 d = 0;

		expect_text(bigint_add(a, b), 10, c->add, "+", c->a, c->b);
		expect_text(bigint_sub(a, b), 10, c->sub, "-", c->a, c->b);
		expect_text(bigint_mul(a, b), 10, c->mul, "*", c->a, c->b);
		ck_assert_msg(bigint_cmp(a, b) == c->cmp, "cmp %s %s", c->a,
		    c->b);
		if (c->truediv_status != 2) {
			bigint_divmod(a, b, &q, &r);
			expect_text(q, 10, c->floordiv, "//", c->a, c->b);
			expect_text(r, 10, c->mod, "%", c->a, c->b);
			ck_assert_msg(bigint_truediv(a, b, &d) ==
			    (c->truediv_status == 0), "%s / %s overflow", c->a,
			    c->b);
			if (c->truediv_status == 0)
				ck_assert_msg(same_double(d, c->truediv),
				    "%s / %s: %.17g, python3 says %.17g", c->a,
				    c->b, d, c->truediv);
		}
		bigint_free(a);
		bigint_free(b);
	}
}
END_TEST

START_TEST(test_pow)
{
	for (size_t i = 0; i < COUNT(pow_cases); i++) {
		struct bigint *a = parse(pow_cases[i].a);

		expect_text(bigint_pow(a, pow_cases[i].e), 10,
		    pow_cases[i].result, "**", pow_cases[i].a, "e");
		bigint_free(a);
	}
}
END_TEST

START_TEST(test_compare_float)
{
	for (size_t i = 0; i < COUNT(float_cases); i++) {
		const struct float_case *c = &float_cases[i];
		struct bigint *a = parse(c->a);

		ck_assert_msg(bigint_cmp_double(a, c->f) == c->cmp,
		    "%s against %.17g", c->a, c->f);
		bigint_free(a);
	}
}
END_TEST

START_TEST(test_fits_and_limit)
{
	struct bigint	*b = bigint_from_i64(INT64_MIN), *c, *ten;
	struct strbuf	 sb = STRBUF_INIT;
	int64_t		 v = 0;

	ck_assert(bigint_fits(b, &v));
	ck_assert(v == INT64_MIN);
	c = bigint_sub(b, (ten = bigint_from_i64(1)));
	ck_assert(!bigint_fits(c, &v));
	bigint_free(c);
	bigint_free(ten);
	bigint_free(b);
	/* 10**4299 has 4300 digits, 10**4300 one too many */
	ten = bigint_from_i64(10);
	b = bigint_pow(ten, 4299);
	ck_assert(bigint_decimal_fits(b));
	c = bigint_pow(ten, 4300);
	ck_assert(!bigint_decimal_fits(c));
	bigint_write_elided(c, 20, &sb);
	ck_assert_str_eq(strbuf_str(&sb), "100000…(4301 digits)");
	strbuf_free(&sb);
	bigint_free(b);
	bigint_free(c);
	bigint_free(ten);
	/* int(-1e300), as python3 prints it */
	b = bigint_from_double(-1e300);
	bigint_write(b, 10, &sb);
	ck_assert_str_eq(strbuf_str(&sb),
	    "-10000000000000000525047602552044202487044685811081591549158"
	    "541155118024579889081957863713750804478640437044438328838781"
	    "769425232353604305756447921847867069828483872009265758037378"
	    "302337947880900593689532349707999450811190389676408800746527"
	    "427801424945792587888200568428381156694721963868654594005401"
	    "60");
	strbuf_free(&sb);
	bigint_free(b);
}
END_TEST

static Suite *
bigint_suite(void)
{
	Suite *s = suite_create("bigint");
	TCase *tc = tcase_create("python3");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_text_hash_float);
	tcase_add_test(tc, test_parse_bases);
	tcase_add_test(tc, test_binary);
	tcase_add_test(tc, test_pow);
	tcase_add_test(tc, test_compare_float);
	tcase_add_test(tc, test_fits_and_limit);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(bigint_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
