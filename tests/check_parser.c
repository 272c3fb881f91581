/*
 * check_parser.c: the lexer, the parser and the AST texts of src/lang.
 *
 * Every text is parsed from an exact-length heap copy without a NUL after
 * it, so that the sanitizers catch any read past the length the parser was
 * given.  Works with CK_FORK=no (the atom table is reset after each test).
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

#include "base/atom.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "lang/ast.h"
#include "lang/lexer.h"
#include "lang/parser.h"

static void
teardown(void)
{
	atom_reset();
}

static char *
copy_exact(const char *src, size_t len)
{
	char	*copy = xmalloc(len > 0 ? len : 1);

	memcpy(copy, src, len);
	return copy;
}

static struct stmt *
parse_len(const char *src, size_t len, bool in_function,
    struct parse_error *err)
{
	char		*copy = copy_exact(src, len);
	struct stmt	*s;

	s = parse_statement(copy, len, in_function, err);
	xfree(copy);
	return s;
}

static struct stmt *
must_parse(const char *src)
{
	struct parse_error	 err;
	struct stmt		*s;

	s = parse_len(src, strlen(src), true, &err);
	ck_assert_msg(s != NULL, "%.80s: failed at %u: %s (%s)", src, err.offset,
	    err.message, err.hint);
	return s;
}

static struct expect *
must_parse_expect(const char *src)
{
	struct parse_error	 err;
	struct expect		*x;
	char			*copy = copy_exact(src, strlen(src));

	x = parse_expect(copy, strlen(src), &err);
	xfree(copy);
	ck_assert_msg(x != NULL, "%.80s: failed at %u: %s (%s)", src, err.offset,
	    err.message, err.hint);
	return x;
}

/* The value of `x = EXPR` (the tree stays owned by *s). */
static const struct expr *
value_of(const char *src, struct stmt **s)
{
	*s = must_parse(src);
	ck_assert_int_eq((*s)->kind, STMT_ASSIGN);
	return (*s)->as.assign.value;
}

static void
assert_text(const char *src, const char *want)
{
	struct stmt	*s = must_parse(src);
	char		*text = ast_stmt_text(s);

	ck_assert_str_eq(text, want);
	xfree(text);
	ast_free_stmt(s);
}

/* hint: NULL to ignore it, "" to require none. */
static void
assert_error_in(const char *src, bool in_function, uint32_t offset,
    const char *message, const char *hint)
{
	struct parse_error	 err;
	struct stmt		*s;

	s = parse_len(src, strlen(src), in_function, &err);
	ck_assert_msg(s == NULL, "%.80s: parsed, expected an error", src);
	ck_assert_str_eq(err.message, message);
	ck_assert_msg(err.offset == offset, "%.80s: offset %u, expected %u", src,
	    err.offset, offset);
	if (hint != NULL)
		ck_assert_str_eq(err.hint, hint);
}

static void
assert_error(const char *src, uint32_t offset, const char *message,
    const char *hint)
{
	assert_error_in(src, true, offset, message, hint);
}

static void
assert_expect_error(const char *src, uint32_t offset, const char *message,
    const char *hint)
{
	struct parse_error	 err;
	struct expect		*x;
	char			*copy = copy_exact(src, strlen(src));

	x = parse_expect(copy, strlen(src), &err);
	xfree(copy);
	ck_assert_msg(x == NULL, "%.80s: parsed, expected an error", src);
	ck_assert_str_eq(err.message, message);
	ck_assert_msg(err.offset == offset, "%.80s: offset %u, expected %u", src,
	    err.offset, offset);
	if (hint != NULL)
		ck_assert_str_eq(err.hint, hint);
}

static bool
name_is(const struct expr *e, const char *name)
{
	return e->kind == EXPR_NAME && strcmp(atom_name(e->as.name), name) == 0;
}

/* ---- the lexer ------------------------------------------------------ */

START_TEST(lexer_tokens_and_offsets)
{
	static const char src[] = "x.y += f(1, 'a') # note";
	static const struct {
		enum token_kind	kind;
		uint32_t	offset, length;
	} want[] = {
		{ TOK_NAME, 0, 1 }, { TOK_DOT, 1, 1 }, { TOK_NAME, 2, 1 },
		{ TOK_PLUSEQ, 4, 2 }, { TOK_NAME, 7, 1 }, { TOK_LPAREN, 8, 1 },
		{ TOK_INT, 9, 1 }, { TOK_COMMA, 10, 1 }, { TOK_STRING, 12, 3 },
		{ TOK_RPAREN, 15, 1 }, { TOK_END, 23, 0 }
	};
	struct lexer		lx;
	struct token		tok;
	struct parse_error	err;
	size_t			i;

	ck_assert(lexer_init(&lx, src, strlen(src), &err));
	for (i = 0; i < sizeof want / sizeof want[0]; i++) {
		ck_assert(lexer_next(&lx, &tok, &err));
		ck_assert_int_eq(tok.kind, want[i].kind);
		ck_assert_uint_eq(tok.offset, want[i].offset);
		ck_assert_uint_eq(tok.length, want[i].length);
		token_clear(&tok);
	}
	ck_assert(lexer_next(&lx, &tok, &err));
	ck_assert_int_eq(tok.kind, TOK_END);
}
END_TEST

START_TEST(lexer_operators_longest_match)
{
	static const char src[] = "** **= // //= << <<= >> >>= == != <= >= "
	    "-> := ... @= & | ^ ~ < > % %=";
	static const enum token_kind want[] = {
		TOK_DSTAR, TOK_DSTAREQ, TOK_DSLASH, TOK_DSLASHEQ, TOK_LSHIFT,
		TOK_LSHIFTEQ, TOK_RSHIFT, TOK_RSHIFTEQ, TOK_EQ, TOK_NE, TOK_LE,
		TOK_GE, TOK_ARROW, TOK_WALRUS, TOK_ELLIPSIS, TOK_ATEQ, TOK_AMP,
		TOK_PIPE, TOK_CARET, TOK_TILDE, TOK_LT, TOK_GT, TOK_PERCENT,
		TOK_PERCENTEQ, TOK_END
	};
	struct lexer		lx;
	struct token		tok;
	struct parse_error	err;
	size_t			i;

	ck_assert(lexer_init(&lx, src, strlen(src), &err));
	for (i = 0; i < sizeof want / sizeof want[0]; i++) {
		ck_assert(lexer_next(&lx, &tok, &err));
		ck_assert_msg(tok.kind == want[i], "token %zu: %s", i,
		    token_kind_text(tok.kind));
	}
}
END_TEST

START_TEST(lexer_keywords)
{
	static const char *const words[] = {
		"False", "None", "True", "and", "as", "assert", "async",
		"await", "break", "class", "continue", "def", "del", "elif",
		"else", "except", "finally", "for", "from", "global", "if",
		"import", "in", "is", "lambda", "nonlocal", "not", "or",
		"pass", "raise", "return", "try", "while", "with", "yield"
	};
	struct lexer		lx;
	struct token		tok;
	struct parse_error	err;
	size_t			i;

	for (i = 0; i < sizeof words / sizeof words[0]; i++) {
		ck_assert(lexer_init(&lx, words[i], strlen(words[i]), &err));
		ck_assert(lexer_next(&lx, &tok, &err));
		ck_assert(token_is_keyword(tok.kind));
		ck_assert_str_eq(token_kind_text(tok.kind), words[i]);
	}
	/* Soft keywords and builtins are names. */
	ck_assert(lexer_init(&lx, "match", 5, &err));
	ck_assert(lexer_next(&lx, &tok, &err));
	ck_assert_int_eq(tok.kind, TOK_NAME);
}
END_TEST

START_TEST(lexer_line_breaks)
{
	struct lexer		lx;
	struct token		tok;
	struct parse_error	err;
	static const char	inside[] = "[1,\n 2]\n";
	static const char	outside[] = "x\ny";

	/* Inside brackets a line break is a blank; a trailing one is the end. */
	ck_assert(lexer_init(&lx, inside, strlen(inside), &err));
	ck_assert(lexer_next(&lx, &tok, &err) && tok.kind == TOK_LBRACKET);
	ck_assert(lexer_next(&lx, &tok, &err) && tok.kind == TOK_INT);
	ck_assert(lexer_next(&lx, &tok, &err) && tok.kind == TOK_COMMA);
	ck_assert(lexer_next(&lx, &tok, &err) && tok.kind == TOK_INT);
	ck_assert(lexer_next(&lx, &tok, &err) && tok.kind == TOK_RBRACKET);
	ck_assert(lexer_next(&lx, &tok, &err) && tok.kind == TOK_END);

	ck_assert(lexer_init(&lx, outside, strlen(outside), &err));
	ck_assert(lexer_next(&lx, &tok, &err) && tok.kind == TOK_NAME);
	ck_assert(lexer_next(&lx, &tok, &err) && tok.kind == TOK_NEWLINE);
	ck_assert_uint_eq(tok.offset, 1);
	ck_assert(lexer_next(&lx, &tok, &err) && tok.kind == TOK_NAME);
}
END_TEST

START_TEST(lexer_describe_and_column)
{
	static const char	src[] = "for 'a long string that goes on and on and "
	    "on' é";
	struct lexer		lx;
	struct token		tok;
	struct parse_error	err;
	char			buf[80];

	ck_assert(lexer_init(&lx, src, strlen(src), &err));
	ck_assert(lexer_next(&lx, &tok, &err));
	token_describe(&tok, src, buf, sizeof buf);
	ck_assert_str_eq(buf, "keyword 'for'");
	ck_assert(lexer_next(&lx, &tok, &err));
	token_describe(&tok, src, buf, sizeof buf);
	ck_assert_str_eq(buf, "string 'a long string that goes on and ...");
	token_clear(&tok);
	ck_assert(lexer_next(&lx, &tok, &err));
	token_describe(&tok, src, buf, sizeof buf);
	ck_assert_str_eq(buf, "name 'é'");
	token_clear(&tok);	/* a name not in ASCII owns its NFKC form */
	ck_assert(lexer_next(&lx, &tok, &err));
	token_describe(&tok, src, buf, sizeof buf);
	ck_assert_str_eq(buf, "end of line");
	/* Columns count characters: 'é' is two bytes. */
	ck_assert_uint_eq(lexer_column("é = (", 5), 5);
}
END_TEST

/* ---- literals and escapes ------------------------------------------- */

START_TEST(literal_ints)
{
	static const struct {
		const char	*src;
		int64_t		 value;
	} cases[] = {
		{ "x = 0", 0 }, { "x = 00", 0 }, { "x = 0_0", 0 },
		{ "x = 1_000_000", 1000000 }, { "x = 0x_ff", 255 },
		{ "x = 0XdeadBEEF", 0xdeadbeef }, { "x = 0o17", 15 },
		{ "x = 0b1010", 10 },
		{ "x = 9223372036854775807", INT64_MAX },
		{ "x = 0x7fffffffffffffff", INT64_MAX }
	};
	struct stmt		*s;
	const struct expr	*e;
	size_t			 i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		e = value_of(cases[i].src, &s);
		ck_assert_int_eq(e->kind, EXPR_INT);
		ck_assert_msg(e->as.int_value == cases[i].value, "%s",
		    cases[i].src);
		ast_free_stmt(s);
	}
}
END_TEST

START_TEST(literal_floats)
{
	static const struct {
		const char	*src;
		double		 value;
	} cases[] = {
		{ "x = 1.5", 1.5 }, { "x = 1.", 1.0 }, { "x = .5", 0.5 },
		{ "x = 1e3", 1000.0 }, { "x = 1E-3", 0.001 },
		{ "x = 1_000.5", 1000.5 }, { "x = 1.5_5", 1.55 },
		{ "x = 012.5", 12.5 }, { "x = 1e1_0", 1e10 },
		{ "x = 0.1", 0.1 }
	};
	struct stmt		*s;
	const struct expr	*e;
	size_t			 i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		e = value_of(cases[i].src, &s);
		ck_assert_int_eq(e->kind, EXPR_FLOAT);
		ck_assert_msg(e->as.float_value == cases[i].value, "%s",
		    cases[i].src);
		ast_free_stmt(s);
	}
	/* Python reads an overflowing float literal as infinity. */
	e = value_of("x = 1e400", &s);
	ck_assert(isinf(e->as.float_value));
	ast_free_stmt(s);
}
END_TEST

static void
assert_str_value(const char *src, const char *bytes, size_t len)
{
	struct stmt		*s;
	const struct expr	*e = value_of(src, &s);

	ck_assert_int_eq(e->kind, EXPR_STR);
	ck_assert_msg(e->as.str.len == len, "%s: %zu bytes, expected %zu",
	    src, e->as.str.len, len);
	ck_assert_msg(memcmp(e->as.str.bytes, bytes, len) == 0, "%s", src);
	ck_assert_int_eq(e->as.str.bytes[len], '\0');
	ast_free_stmt(s);
}

START_TEST(literal_strings)
{
	assert_str_value("x = 'abc'", "abc", 3);
	assert_str_value("x = \"it's\"", "it's", 4);
	assert_str_value("x = ''", "", 0);
	assert_str_value("x = 'a\\\\b'", "a\\b", 3);
	assert_str_value("x = '\\'\\\"'", "'\"", 2);
	assert_str_value("x = '\\n\\t\\r\\a\\b\\f\\v'", "\n\t\r\a\b\f\v", 7);
	assert_str_value("x = 'a\\0b'", "a\0b", 3);
	assert_str_value("x = '\\101\\7\\0777'", "A\a?7", 4);
	assert_str_value("x = '\\x41\\xff'", "A\xc3\xbf", 3);
	assert_str_value("x = '\\u20ac'", "\xe2\x82\xac", 3);
	assert_str_value("x = '\\U0001F600'", "\xf0\x9f\x98\x80", 4);
	assert_str_value("x = 'caf\xc3\xa9'", "caf\xc3\xa9", 5);
	/* Unknown escapes keep their backslash, as in Python. */
	assert_str_value("x = '\\d\\z'", "\\d\\z", 4);
	/* A backslash before a line break continues the string. */
	assert_str_value("x = 'a\\\nb'", "ab", 2);
	/* Prefixes: raw keeps backslashes, u changes nothing. */
	assert_str_value("x = r'\\n'", "\\n", 2);
	assert_str_value("x = R'\\''", "\\'", 2);
	assert_str_value("x = u'x'", "x", 1);
	assert_str_value("x = U\"x\"", "x", 1);
	/* Adjacent literals are one. */
	assert_str_value("x = 'a' \"b\" r'\\c'", "ab\\c", 4);
}
END_TEST

START_TEST(literal_string_limit)
{
	char			*src = xmalloc(16384);
	struct stmt		*s;
	const struct expr	*e;

	/* 4096 characters, two bytes each, is within the limit. */
	strcpy(src, "x = '");
	for (int i = 0; i < 4096; i++)
		strcat(src, "\xc3\xa9");
	strcat(src, "'");
	e = value_of(src, &s);
	ck_assert_uint_eq(e->as.str.len, 8192);
	ast_free_stmt(s);
	xfree(src);

	src = xmalloc(16384);
	strcpy(src, "x = '");
	memset(src + 5, 'a', 4097);
	strcpy(src + 5 + 4097, "'");
	assert_error(src, 4, "string longer than 4096 characters (the limit "
	    "of DESIGN §8)", NULL);
	/* Escapes count as the characters they make. */
	strcpy(src, "x = '");
	for (int i = 0; i < 2049; i++)
		strcat(src, "\\x41\\n");
	strcat(src, "'");
	assert_error(src, 4, "string longer than 4096 characters (the limit "
	    "of DESIGN §8)", NULL);
	/* So does implicit concatenation. */
	strcpy(src, "x = '");
	memset(src + 5, 'a', 4000);
	strcpy(src + 5 + 4000, "' 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
	    "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb'");
	assert_error(src, 4, "string longer than 4096 characters (the limit "
	    "of DESIGN §8)", NULL);
	xfree(src);
}
END_TEST

START_TEST(literal_constants)
{
	struct stmt		*s;
	const struct expr	*e = value_of("x = True, False, None", &s);

	ck_assert_int_eq(e->kind, EXPR_TUPLE);
	ck_assert_int_eq(e->as.seq.items[0]->kind, EXPR_TRUE);
	ck_assert_int_eq(e->as.seq.items[1]->kind, EXPR_FALSE);
	ck_assert_int_eq(e->as.seq.items[2]->kind, EXPR_NONE);
	ast_free_stmt(s);
}
END_TEST

/* ---- precedence and the shape of trees ------------------------------ */

START_TEST(precedence_arith)
{
	struct stmt		*s;
	const struct expr	*e, *r;

	/* 1 + 2 * 3 is 1 + (2 * 3) */
	e = value_of("x = 1 + 2 * 3", &s);
	ck_assert_int_eq(e->kind, EXPR_BINARY);
	ck_assert_int_eq(e->as.binary.op, BINOP_ADD);
	r = e->as.binary.right;
	ck_assert_int_eq(r->kind, EXPR_BINARY);
	ck_assert_int_eq(r->as.binary.op, BINOP_MUL);
	ast_free_stmt(s);

	/* a - b - c is (a - b) - c */
	e = value_of("x = a - b - c", &s);
	ck_assert_int_eq(e->as.binary.op, BINOP_SUB);
	ck_assert_int_eq(e->as.binary.left->kind, EXPR_BINARY);
	ck_assert(name_is(e->as.binary.right, "c"));
	ast_free_stmt(s);

	/* -a * b is (-a) * b: unary binds tighter than * */
	e = value_of("x = -a * b", &s);
	ck_assert_int_eq(e->kind, EXPR_BINARY);
	ck_assert_int_eq(e->as.binary.op, BINOP_MUL);
	ck_assert_int_eq(e->as.binary.left->kind, EXPR_UNARY);
	ck_assert_int_eq(e->as.binary.left->as.unary.op, UNOP_NEG);
	ast_free_stmt(s);

	/* a // b % c / d is ((a // b) % c) / d */
	e = value_of("x = a // b % c / d", &s);
	ck_assert_int_eq(e->as.binary.op, BINOP_DIV);
	ck_assert_int_eq(e->as.binary.left->as.binary.op, BINOP_MOD);
	ck_assert_int_eq(e->as.binary.left->as.binary.left->as.binary.op,
	    BINOP_FLOORDIV);
	ast_free_stmt(s);

	/* - - +1 nests */
	e = value_of("x = - - +1", &s);
	ck_assert_int_eq(e->as.unary.op, UNOP_NEG);
	ck_assert_int_eq(e->as.unary.operand->as.unary.op, UNOP_NEG);
	ck_assert_int_eq(e->as.unary.operand->as.unary.operand->as.unary.op,
	    UNOP_POS);
	ast_free_stmt(s);
}
END_TEST

/* Python's own shapes: a chain of comparisons is one node, and so is a
 * run of one boolean operator; not binds looser than a comparison and **
 * tighter than unary minus, from the right. */
START_TEST(precedence_compare_bool_power)
{
	struct stmt		*s;
	const struct expr	*e, *r;

	e = value_of("x = a < b <= c is not d not in e", &s);
	ck_assert_int_eq(e->kind, EXPR_COMPARE);
	ck_assert_uint_eq(e->as.seq.count, 5);
	ck_assert_int_eq(e->as.seq.ops[0], CMP_LT);
	ck_assert_int_eq(e->as.seq.ops[1], CMP_LE);
	ck_assert_int_eq(e->as.seq.ops[2], CMP_IS_NOT);
	ck_assert_int_eq(e->as.seq.ops[3], CMP_NOT_IN);
	ck_assert(name_is(e->as.seq.items[4], "e"));
	ast_free_stmt(s);

	/* a or b and not c == d is a or (b and (not (c == d))) */
	e = value_of("x = a or b and not c == d or f", &s);
	ck_assert_int_eq(e->kind, EXPR_OR);
	ck_assert_uint_eq(e->as.seq.count, 3);
	r = e->as.seq.items[1];
	ck_assert_int_eq(r->kind, EXPR_AND);
	r = r->as.seq.items[1];
	ck_assert_int_eq(r->kind, EXPR_UNARY);
	ck_assert_int_eq(r->as.unary.op, UNOP_NOT);
	ck_assert_int_eq(r->as.unary.operand->kind, EXPR_COMPARE);
	ast_free_stmt(s);

	/* -a ** -b ** c is -(a ** (-(b ** c))) */
	e = value_of("x = -a ** -b ** c", &s);
	ck_assert_int_eq(e->kind, EXPR_UNARY);
	r = e->as.unary.operand;
	ck_assert_int_eq(r->as.binary.op, BINOP_POW);
	ck_assert(name_is(r->as.binary.left, "a"));
	r = r->as.binary.right;
	ck_assert_int_eq(r->kind, EXPR_UNARY);
	ck_assert_int_eq(r->as.unary.operand->as.binary.op, BINOP_POW);
	ast_free_stmt(s);

	/* a + b in c: arithmetic binds tighter than a comparison */
	e = value_of("x = a + b in c", &s);
	ck_assert_int_eq(e->kind, EXPR_COMPARE);
	ck_assert_int_eq(e->as.seq.items[0]->kind, EXPR_BINARY);
	ast_free_stmt(s);
}
END_TEST

START_TEST(precedence_postfix_and_parens)
{
	struct stmt		*s;
	const struct expr	*e;

	/* -a.b is -(a.b); (a + b) * c keeps the sum on the left */
	e = value_of("x = -a.b", &s);
	ck_assert_int_eq(e->kind, EXPR_UNARY);
	ck_assert_int_eq(e->as.unary.operand->kind, EXPR_ATTR);
	ast_free_stmt(s);

	e = value_of("x = (a + b) * c", &s);
	ck_assert_int_eq(e->as.binary.op, BINOP_MUL);
	ck_assert_int_eq(e->as.binary.left->as.binary.op, BINOP_ADD);
	/* The product starts at the '(', the sum at 'a'. */
	ck_assert_uint_eq(e->offset, 4);
	ck_assert_uint_eq(e->length, 11);
	ck_assert_uint_eq(e->as.binary.left->offset, 5);
	ck_assert_uint_eq(e->as.binary.left->length, 5);
	ast_free_stmt(s);

	/* f(a)(b)[0].c: postfix operators chain left to right */
	e = value_of("x = f(a)(b)[0].c", &s);
	ck_assert_int_eq(e->kind, EXPR_ATTR);
	ck_assert_str_eq(atom_name(e->as.attr.name), "c");
	ck_assert_uint_eq(e->as.attr.name_offset, 15);
	e = e->as.attr.object;
	ck_assert_int_eq(e->kind, EXPR_INDEX);
	ck_assert_int_eq(e->as.index.index->kind, EXPR_INT);
	e = e->as.index.object;
	ck_assert_int_eq(e->kind, EXPR_CALL);
	ck_assert_uint_eq(e->as.call.count, 1);
	ck_assert(name_is(e->as.call.args[0], "b"));
	ck_assert_int_eq(e->as.call.callee->kind, EXPR_CALL);
	ck_assert_uint_eq(e->offset, 4);
	ck_assert_uint_eq(e->length, 7);
	ast_free_stmt(s);
}
END_TEST

START_TEST(precedence_calls)
{
	struct stmt		*s = must_parse("lst.append(y, 1 + 2,)");
	const struct expr	*e = s->as.expr;

	ck_assert_int_eq(s->kind, STMT_EXPR);
	ck_assert_int_eq(e->kind, EXPR_CALL);
	ck_assert_int_eq(e->as.call.callee->kind, EXPR_ATTR);
	ck_assert_uint_eq(e->as.call.count, 2);
	ck_assert_int_eq(e->as.call.args[1]->kind, EXPR_BINARY);
	ck_assert_uint_eq(e->length, 21);
	ast_free_stmt(s);

	s = must_parse("gc.collect()");
	ck_assert_uint_eq(s->as.expr->as.call.count, 0);
	ast_free_stmt(s);
}
END_TEST

/* ---- displays ------------------------------------------------------- */

START_TEST(display_tuples)
{
	struct stmt		*s;
	const struct expr	*e;

	e = value_of("x = ()", &s);
	ck_assert_int_eq(e->kind, EXPR_TUPLE);
	ck_assert_uint_eq(e->as.seq.count, 0);
	ck_assert_uint_eq(e->length, 2);
	ast_free_stmt(s);

	e = value_of("x = (1,)", &s);
	ck_assert_int_eq(e->kind, EXPR_TUPLE);
	ck_assert_uint_eq(e->as.seq.count, 1);
	ast_free_stmt(s);

	e = value_of("x = (1)", &s);
	ck_assert_int_eq(e->kind, EXPR_INT);
	ast_free_stmt(s);

	e = value_of("x = 1, 2", &s);
	ck_assert_int_eq(e->kind, EXPR_TUPLE);
	ck_assert_uint_eq(e->as.seq.count, 2);
	ck_assert_uint_eq(e->offset, 4);
	ck_assert_uint_eq(e->length, 4);
	ast_free_stmt(s);

	e = value_of("x = 1,", &s);
	ck_assert_int_eq(e->kind, EXPR_TUPLE);
	ck_assert_uint_eq(e->as.seq.count, 1);
	ast_free_stmt(s);

	e = value_of("x = (1, (2, 3), [],)", &s);
	ck_assert_uint_eq(e->as.seq.count, 3);
	ck_assert_int_eq(e->as.seq.items[1]->kind, EXPR_TUPLE);
	ck_assert_int_eq(e->as.seq.items[2]->kind, EXPR_LIST);
	ast_free_stmt(s);
}
END_TEST

START_TEST(display_lists_dicts_sets)
{
	struct stmt		*s;
	const struct expr	*e;

	e = value_of("x = [1, 'a', [2],]", &s);
	ck_assert_int_eq(e->kind, EXPR_LIST);
	ck_assert_uint_eq(e->as.seq.count, 3);
	ck_assert_uint_eq(e->offset, 4);
	ck_assert_uint_eq(e->length, 14);
	ast_free_stmt(s);

	e = value_of("x = {}", &s);
	ck_assert_int_eq(e->kind, EXPR_DICT);
	ck_assert_uint_eq(e->as.dict.count, 0);
	ast_free_stmt(s);

	e = value_of("x = {'a': 1, 2: [3],}", &s);
	ck_assert_int_eq(e->kind, EXPR_DICT);
	ck_assert_uint_eq(e->as.dict.count, 2);
	ck_assert_int_eq(e->as.dict.keys[1]->kind, EXPR_INT);
	ck_assert_int_eq(e->as.dict.values[1]->kind, EXPR_LIST);
	ast_free_stmt(s);

	e = value_of("x = {1}", &s);
	ck_assert_int_eq(e->kind, EXPR_SET);
	ck_assert_uint_eq(e->as.seq.count, 1);
	ast_free_stmt(s);

	e = value_of("x = {1, (2, 3),}", &s);
	ck_assert_int_eq(e->kind, EXPR_SET);
	ck_assert_uint_eq(e->as.seq.count, 2);
	ast_free_stmt(s);

	/* A display may span lines inside its brackets, as in Python. */
	e = value_of("x = [1,\n     2]", &s);
	ck_assert_uint_eq(e->as.seq.count, 2);
	ast_free_stmt(s);
}
END_TEST

START_TEST(display_subscripts)
{
	struct stmt		*s;
	const struct expr	*e;

	e = value_of("x = d[1, 'a']", &s);
	ck_assert_int_eq(e->kind, EXPR_INDEX);
	ck_assert_int_eq(e->as.index.index->kind, EXPR_TUPLE);
	ast_free_stmt(s);

	e = value_of("x = m[i][j]", &s);
	ck_assert_int_eq(e->as.index.object->kind, EXPR_INDEX);
	ck_assert(name_is(e->as.index.index, "j"));
	ast_free_stmt(s);

	/* a slice's bounds not written are None, covering no text */
	e = value_of("x = s[:j]", &s);
	ck_assert_int_eq(e->as.index.index->kind, EXPR_SLICE);
	ck_assert_int_eq(e->as.index.index->as.seq.count, 3);
	ck_assert_int_eq(e->as.index.index->as.seq.items[0]->kind, EXPR_NONE);
	ck_assert_int_eq(e->as.index.index->as.seq.items[0]->length, 0);
	ck_assert(name_is(e->as.index.index->as.seq.items[1], "j"));
	ck_assert_int_eq(e->as.index.index->as.seq.items[2]->kind, EXPR_NONE);
	ast_free_stmt(s);
}
END_TEST

/* ---- targets -------------------------------------------------------- */

START_TEST(target_assign)
{
	struct stmt		*s;
	const struct expr	*t;

	s = must_parse("a = b = 1");
	ck_assert_int_eq(s->kind, STMT_ASSIGN);
	ck_assert_uint_eq(s->as.assign.target_count, 2);
	ck_assert(name_is(s->as.assign.targets[0], "a"));
	ck_assert(name_is(s->as.assign.targets[1], "b"));
	ck_assert_int_eq(s->as.assign.value->kind, EXPR_INT);
	ast_free_stmt(s);

	s = must_parse("a, b = b, a");
	t = s->as.assign.targets[0];
	ck_assert_int_eq(t->kind, EXPR_TUPLE);
	ck_assert_uint_eq(t->as.seq.count, 2);
	ck_assert_int_eq(s->as.assign.value->kind, EXPR_TUPLE);
	ast_free_stmt(s);

	s = must_parse("(a, [b, c.d]), e[0] = t");
	t = s->as.assign.targets[0];
	ck_assert_int_eq(t->kind, EXPR_TUPLE);
	ck_assert_int_eq(t->as.seq.items[0]->kind, EXPR_TUPLE);
	ck_assert_int_eq(t->as.seq.items[0]->as.seq.items[1]->kind,
	    EXPR_LIST);
	ck_assert_int_eq(t->as.seq.items[1]->kind, EXPR_INDEX);
	ast_free_stmt(s);

	s = must_parse("[a, b] = [1, 2]");
	ck_assert_int_eq(s->as.assign.targets[0]->kind, EXPR_LIST);
	ast_free_stmt(s);

	s = must_parse("x.next.prev = x");
	ck_assert_int_eq(s->as.assign.targets[0]->kind, EXPR_ATTR);
	ast_free_stmt(s);

	s = must_parse("f(x).y = 1");
	ck_assert_int_eq(s->as.assign.targets[0]->kind, EXPR_ATTR);
	ast_free_stmt(s);
}
END_TEST

START_TEST(target_augmented)
{
	static const struct {
		const char	*src;
		enum binary_op	 op;
		enum expr_kind	 target;
	} cases[] = {
		{ "x += 1", BINOP_ADD, EXPR_NAME },
		{ "x.n -= 2", BINOP_SUB, EXPR_ATTR },
		{ "x[0] *= 3", BINOP_MUL, EXPR_INDEX },
		{ "lst += [1, 2]", BINOP_ADD, EXPR_NAME },
	};
	struct stmt	*s;
	size_t		 i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		s = must_parse(cases[i].src);
		ck_assert_int_eq(s->kind, STMT_AUGASSIGN);
		ck_assert_int_eq(s->as.aug.op, cases[i].op);
		ck_assert_int_eq(s->as.aug.target->kind, cases[i].target);
		ast_free_stmt(s);
	}
	s = must_parse("t += 1, 2");
	ck_assert_int_eq(s->as.aug.value->kind, EXPR_TUPLE);
	ast_free_stmt(s);
}
END_TEST

START_TEST(target_del)
{
	struct stmt	*s = must_parse("del a, b.c, d[0],");

	ck_assert_int_eq(s->kind, STMT_DEL);
	ck_assert_uint_eq(s->as.del.count, 3);
	ck_assert_int_eq(s->as.del.targets[0]->kind, EXPR_NAME);
	ck_assert_int_eq(s->as.del.targets[1]->kind, EXPR_ATTR);
	ck_assert_int_eq(s->as.del.targets[2]->kind, EXPR_INDEX);
	ck_assert_uint_eq(s->as.del.targets[2]->offset, 12);
	ast_free_stmt(s);

	s = must_parse("del (x)");
	ck_assert_uint_eq(s->as.del.count, 1);
	ast_free_stmt(s);
}
END_TEST

START_TEST(target_errors)
{
	assert_error("1 = x", 0, "cannot assign to a literal", NULL);
	assert_error("f() = 1", 0, "cannot assign to a function call", NULL);
	assert_error("x + 1 = 2", 0, "cannot assign to an expression", NULL);
	assert_error("None = 1", 0, "cannot assign to None", NULL);
	assert_error("a, 1 = t", 3, "cannot assign to a literal", NULL);
	assert_error("x = 1 = y", 4, "cannot assign to a literal", NULL);
	assert_error("{} = 1", 0, "cannot assign to a dict display", NULL);
	assert_error("(a, b) += 1", 0, "a tuple cannot be the target of an "
	    "augmented assignment", "augment one name, attribute (x.a) or "
	    "subscript (x[0]) at a time");
	assert_error("'s' += 1", 0, "cannot assign to a literal", NULL);
	assert_error("del (a, b)", 4, "del takes its targets separated by "
	    "commas, not a tuple", "write `del a, b`");
	assert_error("del f()", 4, "cannot delete a function call", NULL);
	assert_error("del 1", 4, "cannot delete a literal", NULL);
	assert_error("del", 3, "expected an expression after 'del', found "
	    "end of line", "");
}
END_TEST

/* ---- statements ----------------------------------------------------- */

START_TEST(statement_kinds)
{
	struct stmt	*s;

	s = must_parse("pass");
	ck_assert_int_eq(s->kind, STMT_PASS);
	ast_free_stmt(s);

	s = must_parse("return");
	ck_assert_int_eq(s->kind, STMT_RETURN);
	ck_assert_ptr_null(s->as.value);
	ast_free_stmt(s);

	s = must_parse("return x, y");
	ck_assert_int_eq(s->as.value->kind, EXPR_TUPLE);
	ast_free_stmt(s);

	s = must_parse("global a, b");
	ck_assert_int_eq(s->kind, STMT_GLOBAL);
	ck_assert_uint_eq(s->as.global.count, 2);
	ck_assert_str_eq(atom_name(s->as.global.names[1]), "b");
	ck_assert_uint_eq(s->as.global.offsets[1], 10);
	ast_free_stmt(s);

	/* A bare expression is a statement (Python accepts it too). */
	s = must_parse("x");
	ck_assert_int_eq(s->kind, STMT_EXPR);
	ck_assert_int_eq(s->as.expr->kind, EXPR_NAME);
	ast_free_stmt(s);
	s = must_parse("1 + 2");
	ck_assert_int_eq(s->as.expr->kind, EXPR_BINARY);
	ast_free_stmt(s);
}
END_TEST

START_TEST(statement_module_level)
{
	struct parse_error	 err;
	struct stmt		*s;

	/* global is allowed at module level (Python accepts it there). */
	s = parse_len("global g", 8, false, &err);
	ck_assert_ptr_nonnull(s);
	ast_free_stmt(s);
	assert_error_in("return 1", false, 0, "`return` is only allowed in a "
	    "function body (under functions:)", NULL);
	assert_error_in("return", false, 0, "`return` is only allowed in a "
	    "function body (under functions:)", NULL);
}
END_TEST

START_TEST(statement_blanks_and_comments)
{
	struct stmt	*s;

	s = must_parse("  x = 1   # bind x\n\n");
	ck_assert_int_eq(s->kind, STMT_ASSIGN);
	ck_assert_uint_eq(s->offset, 2);
	ast_free_stmt(s);

	s = must_parse("# why\nx = 1");
	ck_assert_uint_eq(s->offset, 6);
	ast_free_stmt(s);

	/* A trailing ';' is Python and harmless. */
	s = must_parse("x = 1;");
	ck_assert_int_eq(s->kind, STMT_ASSIGN);
	ast_free_stmt(s);

	/* A backslash continues a line. */
	s = must_parse("x = 1 + \\\n    2");
	ck_assert_int_eq(s->as.assign.value->kind, EXPR_BINARY);
	ast_free_stmt(s);
}
END_TEST

/* ---- errors: messages, offsets and hints ---------------------------- */

static const struct error_case {
	const char	*src;
	uint32_t	 offset;
	const char	*message;
	const char	*hint;
} error_cases[] = {
	/* What the brief names by hint. */
	{ "for i in range(3): x.append(i)", 0,
	    "`for` loops are not part of the subset",
	    "use `repeat:` on the step" },
	{ "while True: pass", 0, "`while` loops are not part of the subset",
	    "use `repeat:` on the step" },
	{ "if x: y = 1", 0, "`if` is not part of the subset",
	    "a scenario is one straight path; write the steps that run" },
	{ "elif x: y", 0, "`elif` is not part of the subset", NULL },
	{ "else: y", 0, "`else` is not part of the subset", NULL },
	{ "import gc", 0, "`import` is not part of the subset",
	    "`sys` and `gc` are always available; there is nothing to "
	    "import" },
	{ "from sys import getrefcount", 0,
	    "`from ... import` is not part of the subset",
	    "`sys` and `gc` are always available; there is nothing to "
	    "import" },
	{ "f = lambda x: x", 4, "`lambda` is not part of the subset",
	    "define a function under `functions:`" },
	{ "def f(): pass", 0, "`def` cannot be written in a step",
	    "define functions under `functions:` in the scenario" },
	{ "class A: pass", 0, "`class` cannot be written in a step",
	    "declare classes under `classes:` in the scenario" },
	{ "x = [i for i in y]", 7, "comprehensions are not part of the subset",
	    "build the list with `repeat:` and `.append`" },
	{ "x = {k: v for k in y}", 10,
	    "comprehensions are not part of the subset", NULL },
	{ "f(x for x in y)", 4, "comprehensions are not part of the subset",
	    NULL },
	{ "x = a not b", 6, "expected 'in' after 'not', found name 'b'",
	    NULL },
	{ "x = a <", 7, "expected an expression after '<', found end of line",
	    NULL },
	{ "x = a is not", 12, "expected an expression after 'not', found end "
	    "of line", NULL },
	{ "x = a and", 9, "expected an expression after 'and', found end of "
	    "line", NULL },
	{ "x = -not a", 5, "expected an expression after '-', found keyword "
	    "'not'", NULL },
	{ "x = 2 **", 8, "expected an expression after '**', found end of "
	    "line", NULL },
	{ "x **= 3", 2, "'**=' is not part of the subset",
	    "only += -= *= are part of the subset" },
	{ "x = f'{}'", 7, "f-string: empty expression not allowed", NULL },
	{ "x = f'}'", 6, "f-string: single '}' is not allowed", NULL },
	{ "x = f'{a!x}'", 9, "f-string: invalid conversion character: "
	    "expected 's', 'r', or 'a'", NULL },
	{ "x = 'a' f'{b}'", 8, "an f-string beside another string literal is "
	    "not supported yet", NULL },
	{ "x = y[1:2, 3]", 9, "a subscript of several slices (a tuple holding "
	    "a slice) is not supported yet", NULL },
	{ "x = y[1, 2:3]", 10, "a subscript of several slices (a tuple holding "
	    "a slice) is not supported yet", NULL },
	{ "x = y[1:2:3:4]", 11, "expected ']' to close '[' at column 6, "
	    "found ':'", NULL },
	{ "print(x, end='')", 9, "keyword arguments are not part of the subset",
	    NULL },
	{ "f(*args)", 2, "unpacking arguments with `*` is not part of the "
	    "subset", "pass each argument by position" },
	{ "f(**kw)", 2, "unpacking arguments with `**` is not part of the "
	    "subset", NULL },
	{ "a, *b = t", 3, "unpacking with `*` is not part of the subset",
	    NULL },
	{ "x = [*a]", 5, "unpacking with `*` is not part of the subset", NULL },
	{ "x = {**d}", 5, "unpacking with `**` is not part of the subset",
	    NULL },
	{ "(x := 5)", 3, "`:=` is not part of the subset", NULL },
	{ "x = 1; y = 2", 5, "';' separates statements, and a step holds one",
	    "one statement per step: put the second statement in its own "
	    "step" },
	{ "x = 1\ny = 2", 6, "a step holds one statement on one line, found a "
	    "second line", "one statement per step: put the second statement "
	    "in its own step" },
	{ "yield x", 0, "`yield` is not part of the subset", NULL },
	{ "x = yield", 4, "`yield` is not part of the subset", NULL },
	{ "await x", 0, "`await` is not part of the subset", NULL },
	{ "async def f(): pass", 0, "`async` is not part of the subset", NULL },
	{ "with open(f) as g: pass", 0, "`with` is not part of the subset",
	    NULL },
	{ "try: pass", 0, "`try` is not part of the subset", NULL },
	{ "raise ValueError", 0, "`raise` is not part of the subset", NULL },
	{ "assert x", 0, "`assert` is not part of the subset",
	    "check with an `expect:` line on the step" },
	{ "nonlocal x", 0, "`nonlocal` is not part of the subset", NULL },
	{ "break", 0, "`break` is not part of the subset", NULL },
	{ "continue", 0, "`continue` is not part of the subset", NULL },
	{ "x = a if b else c", 6, "conditional expressions (a if b else c) are "
	    "not part of the subset", NULL },
	{ "x /= 2", 2, "'/=' is not part of the subset",
	    "only += -= *= are part of the subset; write `x = x / y`" },
	{ "x //= 2", 2, "'//=' is not part of the subset",
	    "only += -= *= are part of the subset; write `x = x // y`" },
	{ "x %= 2", 2, "'%=' is not part of the subset",
	    "only += -= *= are part of the subset; write `x = x % y`" },
	{ "x = ...", 4, "`...` (Ellipsis) is not part of the subset", NULL },
	{ "@decorator", 0, "decorators are not part of the subset", NULL },
	{ "x = a & b", 6, "bitwise operator '&' is not part of the subset",
	    NULL },
	{ "x = ~a", 4, "'~' (bitwise not) is not part of the subset", NULL },
	{ "x = a @ b", 6, "'@' (matrix multiplication) is not part of the "
	    "subset", NULL },
	{ "x: int = 3", 1, "annotations (x: int) are not part of the subset",
	    "write `x = value`" },
	{ "print 'hello'", 6, "expected the end of the statement after "
	    "'print', found string 'hello'", "print is a function: print(x)" },

	/* Incomplete and malformed statements. */
	{ "x =", 3, "expected an expression after '=', found end of line", "" },
	{ "x = ", 4, "expected an expression after '=', found end of line",
	    "" },
	{ "x = 1 +", 7, "expected an expression after '+', found end of line",
	    "" },
	{ "x = f(1, 2", 10, "expected ')' to close '(' at column 6, found end "
	    "of line", NULL },
	{ "y = (a, b c)", 10, "expected ')' to close '(' at column 5, found "
	    "name 'c'", "perhaps a comma or an operator is missing?" },
	{ "x = [1, 2", 9, "expected ']' to close '[' at column 5, found end "
	    "of line", NULL },
	{ "x = {1: 2, 3}", 12, "expected ':' after the dict key, found '}'",
	    NULL },
	{ "x = {1, 2: 3}", 9, "expected '}' to close '{' at column 5, found "
	    "':'", NULL },
	{ "x = [1, 2])", 10, "unmatched ')'", "" },
	{ "x = 1 2", 6, "expected the end of the statement after '1', found "
	    "number 2", "perhaps a comma or an operator is missing?" },
	{ "x = a.class", 6, "expected an attribute name after '.', found "
	    "keyword 'class'", NULL },
	{ "x = y[]", 6, "expected an index after '[', found ']'", NULL },
	{ "x = for", 4, "expected an expression after '=', found keyword 'for'",
	    "use `repeat:` on the step" },
	{ "", 0, "expected a statement, found end of line", NULL },
	{ "   # nothing", 12, "expected a statement, found end of line", NULL },
	{ ")", 0, "expected a statement, found ')'", NULL },
	{ "global", 6, "expected a name after 'global', found end of line",
	    NULL },
	{ "global a,", 9, "expected a name after ',', found end of line",
	    NULL },
	{ "x = (((((((", 11, "expected an expression after '(', found end of "
	    "line", NULL },
	{ "x = ((((((a", 11, "expected ')' to close '(' at column 10, found "
	    "end of line", "every bracket opened in a step must be closed in "
	    "it" },
	/* Column counts characters, not bytes. */
	{ "é = f(1 2)", 9, "expected ')' to close '(' at column 6, found "
	    "number 2", NULL },

	/* Tokens outside the subset. */
	{ "x = b'abc'", 4, "bytes are not part of the subset",
	    "use a str literal: '...'" },
	{ "x = rb'abc'", 4, "bytes are not part of the subset", NULL },
	{ "x = f'{y=}'", 8, "the = specifier of f-strings (f'{x=}') is not "
	    "supported yet", "write the name and the value: f'x={x}'" },
	{ "x = '''abc", 4, "unterminated triple-quoted string literal",
	    NULL },
	{ "x = \"\"\"abc\"\"", 4, "unterminated triple-quoted string "
	    "literal", NULL },
	{ "x = 3j", 4, "complex numbers are not part of the subset", NULL },
	{ "x = 'abc", 4, "unterminated string literal",
	    "close it with ' on the same line" },
	{ "x = \"abc", 4, "unterminated string literal",
	    "close it with \" on the same line" },
	{ "x = 'a\nb'", 4, "unterminated string literal", NULL },
	{ "x = '\\x4'", 5, "truncated \\x escape: it needs 2 hex digits", NULL },
	{ "x = '\\u12'", 5, "truncated \\u escape: it needs 4 hex digits",
	    NULL },
	{ "x = '\\U00110000'", 5, "\\U escape beyond U+10FFFF, the last "
	    "Unicode character", NULL },
	{ "x = '\\ud800'", 5, "surrogate code points (\\ud800) are not part of "
	    "the subset", NULL },
	{ "x = '\\N{BULLET}'", 5, "named escapes (\\N{...}) are not part of "
	    "the subset", NULL },
	{ "x = 012", 4, "leading zeros in decimal integer literals are not "
	    "permitted", NULL },
	{ "x = 1__0", 5, "invalid number '1_': misplaced '_'", NULL },
	{ "x = 1_", 5, "invalid number '1_': misplaced '_'", NULL },
	{ "x = 0x", 4, "invalid hexadecimal literal '0x'", NULL },
	{ "x = 0b102", 8, "invalid binary literal '0b102'", NULL },
	{ "x = 0o8", 6, "invalid octal literal '0o8'", NULL },
	{ "x = 1abc", 5, "invalid number: character 'a' right after '1'",
	    "put a space or an operator between a number and a name" },
	{ "x = $", 4, "unexpected character '$'", NULL },
	{ "x = a ! b", 6, "unexpected character '!'", NULL },
	{ "x = `a`", 4, "unexpected character '`'", NULL },
	{ "x = \xe2\x80\x98" "a\xe2\x80\x99", 4, "unexpected character '\xe2\x80"
	    "\x98' (U+2018)", "strings use straight quotes: ' or \"" },
	{ "x =\xc2\xa0" "1", 3, "unexpected invisible space U+00A0",
	    "replace it with an ordinary space" },
	{ "x = \x07", 4, "unexpected control character U+0007", NULL },
	{ "x = 1 \\", 6, "line continuation '\\' at the end of the statement",
	    NULL },
	{ "x = \xff", 4, "invalid UTF-8 byte 0xff", NULL },
	/* The first problem from the left wins. */
	{ "for c in 'ab", 0, "`for` loops are not part of the subset", NULL },
	{ "x = (1, 2 $", 10, "unexpected character '$'", NULL },
};

START_TEST(error_table)
{
	const struct error_case	*c = &error_cases[_i];

	assert_error(c->src, c->offset, c->message, c->hint);
}
END_TEST

START_TEST(error_nul_byte)
{
	struct parse_error	 err;
	struct stmt		*s;

	s = parse_len("x = 'a\0b'", 9, true, &err);
	ck_assert_ptr_null(s);
	ck_assert_uint_eq(err.offset, 6);
	ck_assert_str_eq(err.message, "the text contains a NUL byte");
}
END_TEST

/* No refusal of the subset is a hint-less "syntax error". */
START_TEST(error_messages_say_what_was_found)
{
	size_t	i;

	for (i = 0; i < sizeof error_cases / sizeof error_cases[0]; i++) {
		ck_assert_msg(strstr(error_cases[i].message, "syntax") == NULL,
		    "%s", error_cases[i].src);
		ck_assert_msg(error_cases[i].message[0] != '\0', "%s",
		    error_cases[i].src);
	}
}
END_TEST

/* ---- expect: lines -------------------------------------------------- */

START_TEST(expect_forms)
{
	struct expect	*x;

	x = must_parse_expect("refcount(x) == 2");
	ck_assert_int_eq(x->kind, EXPECT_REFCOUNT);
	ck_assert_int_eq(x->op, CMP_EQ);
	ck_assert(name_is(x->subject, "x"));
	ck_assert_ptr_null(x->other);
	ck_assert_int_eq(x->number, 2);
	ck_assert_uint_eq(x->number_offset, 15);
	ast_free_expect(x);

	x = must_parse_expect("gen(node.next) >= 1");
	ck_assert_int_eq(x->kind, EXPECT_GEN);
	ck_assert_int_eq(x->op, CMP_GE);
	ck_assert_int_eq(x->subject->kind, EXPR_ATTR);
	ast_free_expect(x);

	x = must_parse_expect("x is y");
	ck_assert_int_eq(x->kind, EXPECT_IS);
	ck_assert(name_is(x->other, "y"));
	ast_free_expect(x);

	x = must_parse_expect("x[0] is not None");
	ck_assert_int_eq(x->kind, EXPECT_IS_NOT);
	ck_assert_int_eq(x->subject->kind, EXPR_INDEX);
	ck_assert_int_eq(x->other->kind, EXPR_NONE);
	ast_free_expect(x);

	x = must_parse_expect("alive(d['k'].v)");
	ck_assert_int_eq(x->kind, EXPECT_ALIVE);
	ast_free_expect(x);

	x = must_parse_expect("heap == 3");
	ck_assert_int_eq(x->kind, EXPECT_HEAP);
	ck_assert_ptr_null(x->subject);
	ck_assert_int_eq(x->number, 3);
	ast_free_expect(x);

	x = must_parse_expect("collected != 0");
	ck_assert_int_eq(x->kind, EXPECT_COLLECTED);
	ck_assert_int_eq(x->op, CMP_NE);
	ast_free_expect(x);

	x = must_parse_expect("freed < -1");
	ck_assert_int_eq(x->kind, EXPECT_FREED);
	ck_assert_int_eq(x->op, CMP_LT);
	ck_assert_int_eq(x->number, -1);
	ck_assert_uint_eq(x->number_offset, 8);
	ast_free_expect(x);

	x = must_parse_expect("refcount(x) > +2  # comment");
	ck_assert_int_eq(x->op, CMP_GT);
	ck_assert_int_eq(x->number, 2);
	ast_free_expect(x);

	x = must_parse_expect("refcount(x) <= 9223372036854775807");
	ck_assert_int_eq(x->op, CMP_LE);
	ck_assert(x->number == INT64_MAX);
	ast_free_expect(x);

	/* The words are ordinary names where no form matches. */
	x = must_parse_expect("heap is refcount");
	ck_assert_int_eq(x->kind, EXPECT_IS);
	ck_assert(name_is(x->subject, "heap"));
	ast_free_expect(x);
}
END_TEST

START_TEST(expect_subjects)
{
	static const char *const ok[] = {
		"refcount(1000) == 2", "refcount('abc') == 2",
		"refcount(d[1, 'a']) == 1", "refcount(d[(1, 2)]) == 1",
		"refcount(d[-1]) == 1", "refcount(d[True]) == 1",
		"refcount(d[None]) == 1", "refcount((1, 'a', None)) == 1",
		"refcount(()) == 1", "x is -5", "x.a.b[0].c is y[1][2]",
		"refcount(1.5) == 1"
	};
	struct expect	*x;
	size_t		 i;

	for (i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		x = must_parse_expect(ok[i]);
		ast_free_expect(x);
	}
}
END_TEST

static const struct error_case expect_error_cases[] = {
	{ "refcount(f(x)) == 1", 9, "a call cannot be the subject of an "
	    "expect: line", "expect: subjects must be names, attributes or "
	    "subscripts with literal indices, so that checking never changes "
	    "the heap" },
	{ "refcount(x[i]) == 1", 11, "the index of a subscript in an expect: "
	    "line must be a literal", NULL },
	{ "refcount([1]) == 1", 9, "a list display cannot be the subject of an "
	    "expect: line", NULL },
	{ "refcount(x + 1) == 1", 9, "an operation cannot be the subject of an "
	    "expect: line", NULL },
	{ "x is [1]", 5, "a list display cannot be the subject of an expect: "
	    "line", NULL },
	{ "f(x) is y", 0, "a call cannot be the subject of an expect: line",
	    NULL },
	{ "refcount((1, x)) == 1", 9, "a tuple that is not all literals "
	    "cannot be the subject of an expect: line", NULL },
	{ "refcount(x, y) == 1", 10, "expected ')' to close '(' at column 9, "
	    "found ','", NULL },
	{ "refcount(x) == 1.5", 15, "expected an integer after '==', found "
	    "number 1.5", "counts are whole numbers" },
	{ "refcount(x) == y", 15, "expected an integer after '==', found name "
	    "'y'", NULL },
	{ "refcount(x)", 11, "expected a comparison (==, !=, <, >, <= or >=) "
	    "after ')', found end of line", NULL },
	{ "refcount(x) = 2", 12, "expected a comparison (==, !=, <, >, <= or "
	    ">=) after ')', found '='", "'=' binds a name; compare with '=='" },
	{ "sys.getrefcount(x) == 2", 0, "sys.getrefcount(...) is not a form of "
	    "expect: line", "write refcount(x) == N: the count without the "
	    "temporary reference that sys.getrefcount adds" },
	{ "len(x) == 2", 0, "len(...) is not a form of expect: line", NULL },
	{ "x == y", 2, "'==' in an expect: line compares counts, not objects",
	    NULL },
	{ "x", 1, "expected 'is' or 'is not' after 'x', found end of line",
	    NULL },
	{ "x is y and y is z", 7, "`and` is not part of the subset of expect: "
	    "lines", NULL },
	{ "x is y; y is z", 6, "an expect: line holds one check", NULL },
	{ "", 0, "expected a check, found end of line", NULL },
	{ "alive(x) == 1", 9, "expected the end of the expect: line after ')', "
	    "found '=='", NULL },
	{ "heap >=", 7, "expected an integer after '>=', found end of line",
	    NULL },
	{ "refcount(x) == 99999999999999999999", 15, "expected a count, found "
	    "an integer beyond 64 bits", "a count is a small whole number" },
};

/* Int literals of any length, as Python reads them; CPython's limit of
 * 4300 decimal digits (its SyntaxError's text) and refscope's on bits. */
START_TEST(big_literals)
{
	static const struct { const char *src, *text; } cases[] = {
		{ "x = 9223372036854775808", "x = 9223372036854775808" },
		{ "x = -9223372036854775809", "x = -9223372036854775809" },
		{ "x = 0x10000000000000000", "x = 18446744073709551616" },
		{ "x = 1_000_000_000_000_000_000_000",
		    "x = 1000000000000000000000" },
		{ "x = 0o7_7777_7777_7777_7777_7777_7777",
		    "x = 37778931862957161709567" },
		{ "x = 0b1" "0000000000000000000000000000000000000000000000000"
		    "000000000000000", "x = 18446744073709551616" },
	};
	struct strbuf	 sb = STRBUF_INIT;
	struct stmt	*st;
	char		*text;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		st = must_parse(cases[i].src);
		text = ast_stmt_text(st);
		ck_assert_str_eq(text, cases[i].text);
		xfree(text);
		ast_free_stmt(st);
	}
	strbuf_puts(&sb, "x = ");
	for (int i = 0; i < 4300; i++)
		strbuf_putc(&sb, i == 0 ? '1' : '0');
	st = must_parse(strbuf_str(&sb));
	ast_free_stmt(st);
	strbuf_putc(&sb, '0');
	assert_error(strbuf_str(&sb), 4, "Exceeds the limit (4300 digits) for "
	    "integer string conversion: value has 4301 digits; use "
	    "sys.set_int_max_str_digits() to increase the limit",
	    "Consider hexadecimal for huge integer literals to avoid decimal "
	    "conversion limits.");
	strbuf_truncate(&sb, 0);
	strbuf_puts(&sb, "x = 0x1");
	for (int i = 0; i < 131072 / 4; i++)
		strbuf_putc(&sb, '0');
	assert_error(strbuf_str(&sb), 4, "an integer of more than 131072 bits "
	    "(refscope's limit on ints)", NULL);
	strbuf_free(&sb);
}
END_TEST

START_TEST(expect_error_table)
{
	const struct error_case	*c = &expect_error_cases[_i];

	assert_expect_error(c->src, c->offset, c->message, c->hint);
}
END_TEST

START_TEST(expect_text)
{
	static const char *const lines[] = {
		"refcount(x) == 2", "gen(a.b) >= 1", "x is y",
		"x[0] is not None", "alive(d['k'])", "heap == 3",
		"collected != 0", "freed < -1", "refcount((1, 'a')) == 1",
		"x is -5"
	};
	struct expect	*x;
	char		*text;
	size_t		 i;

	for (i = 0; i < sizeof lines / sizeof lines[0]; i++) {
		x = must_parse_expect(lines[i]);
		text = ast_expect_text(x);
		ck_assert_str_eq(text, lines[i]);
		xfree(text);
		ast_free_expect(x);
	}
}
END_TEST

/* ---- the depth guard ------------------------------------------------ */

static char *
repeat_around(const char *head, const char *open, size_t n, const char *mid,
    const char *close)
{
	size_t	hl = strlen(head), ol = strlen(open), ml = strlen(mid);
	size_t	cl = strlen(close), i;
	char	*s = xmalloc(hl + n * (ol + cl) + ml + 1), *p = s;

	memcpy(p, head, hl);
	p += hl;
	for (i = 0; i < n; i++, p += ol)
		memcpy(p, open, ol);
	memcpy(p, mid, ml);
	p += ml;
	for (i = 0; i < n; i++, p += cl)
		memcpy(p, close, cl);
	*p = '\0';
	return s;
}

static void
assert_too_deep(const char *src)
{
	struct parse_error	 err;
	struct stmt		*s;

	s = parse_len(src, strlen(src), true, &err);
	ck_assert_ptr_null(s);
	ck_assert_str_eq(err.message, "expression nested too deeply (more "
	    "than 64 levels; each bracket pair, call, subscript, attribute "
	    "access and operator is one)");
	ck_assert_str_eq(err.hint, "split it into several steps, naming the "
	    "parts");
}

START_TEST(depth_guard)
{
	char		*src;
	struct stmt	*s;

	src = repeat_around("x = ", "(", 10000, "1", ")");
	assert_too_deep(src);
	xfree(src);
	src = repeat_around("x = ", "(", 10000, "", "");
	assert_too_deep(src);
	xfree(src);
	src = repeat_around("x = ", "[", 10000, "1", "]");
	assert_too_deep(src);
	xfree(src);
	src = repeat_around("x = ", "{1: ", 10000, "1", "}");
	assert_too_deep(src);
	xfree(src);
	src = repeat_around("x = ", "f(", 10000, "1", ")");
	assert_too_deep(src);
	xfree(src);
	src = repeat_around("x = ", "-", 10000, "1", "");
	assert_too_deep(src);
	xfree(src);
	src = repeat_around("x = 1", "", 10000, "", " + 1");
	assert_too_deep(src);
	xfree(src);
	src = repeat_around("x = a", "", 10000, "", ".b");
	assert_too_deep(src);
	xfree(src);
	src = repeat_around("x = a", "", 10000, "", "[0]");
	assert_too_deep(src);
	xfree(src);
	src = repeat_around("", "(", 10000, "a", ",)");
	assert_too_deep(src);
	xfree(src);

	/* Reasonable nesting is fine. */
	src = repeat_around("x = ", "(", 40, "1", ")");
	s = must_parse(src);
	ast_free_stmt(s);
	xfree(src);
	src = repeat_around("x = ", "[", 40, "1", "]");
	s = must_parse(src);
	ast_free_stmt(s);
	xfree(src);
	src = repeat_around("x = 1", "", 50, "", " + 1");
	s = must_parse(src);
	ast_free_stmt(s);
	xfree(src);
}
END_TEST

START_TEST(depth_expect)
{
	char			*src = repeat_around("refcount(", "(", 10000, "1",
	    ")");
	struct parse_error	 err;
	struct expect		*x;

	x = parse_expect(src, strlen(src), &err);
	ck_assert_ptr_null(x);
	ck_assert_str_eq(err.message, "expression nested too deeply (more "
	    "than 64 levels; each bracket pair, call, subscript, attribute "
	    "access and operator is one)");
	xfree(src);
}
END_TEST

/* One rule for every construct: 64 levels parse, 65 do not. */
START_TEST(depth_limit_each_construct)
{
	static const struct {
		const char	*head, *open, *mid, *close;
	} kinds[] = {
		{ "x = ", "(", "1", ")" },
		{ "x = ", "[", "1", "]" },
		{ "x = ", "{1: ", "1", "}" },
		{ "x = ", "{", "1", "}" },
		{ "x = ", "f(", "1", ")" },
		{ "x = ", "-", "1", "" },
		{ "x = 1", "", "", " + 1" },
		{ "x = 1", "", "", " * 1" },
		{ "x = a", "", "", ".b" },
		{ "x = a", "", "", "[0]" },
		{ "x = f", "", "", "()" },
		{ "", "(", "a", ",)" },
	};
	char		*src;
	struct stmt	*s;

	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
		src = repeat_around(kinds[k].head, kinds[k].open, 64,
		    kinds[k].mid, kinds[k].close);
		s = must_parse(src);
		ast_free_stmt(s);
		xfree(src);
		src = repeat_around(kinds[k].head, kinds[k].open, 65,
		    kinds[k].mid, kinds[k].close);
		assert_too_deep(src);
		xfree(src);
	}
}
END_TEST

/* A long flat display is not deep. */
START_TEST(depth_wide_is_fine)
{
	char		*src = repeat_around("x = [", "1, ", 20000, "1", "");
	size_t		 len = strlen(src);
	struct stmt	*s;

	src = xrealloc(src, len + 2);
	strcpy(src + len, "]");
	s = must_parse(src);
	ck_assert_uint_eq(s->as.assign.value->as.seq.count, 20001);
	ast_free_stmt(s);
	xfree(src);
}
END_TEST

/* ---- texts and the round trip --------------------------------------- */

/* Canonical statements: each parses and prints back as itself, and its
 * text parses to the same text again. */
static const char *const canonical[] = {
	"x = 200",
	"x = [1, 2]",
	"y = x",
	"lst.append(y)",
	"a, b = b, a",
	"x = 1, 2",
	"x = ()",
	"x = (1,)",
	"x = (1, 2), [3], {}",
	"x = [(1, 2), [3], {}]",
	"[a, b] = [1, 2]",
	"(a, b), c = t",
	"a = b = c = None",
	"x += 1",
	"s.items -= 2",
	"m[0] *= 3",
	"del a, b.c, d[0]",
	"return",
	"return x",
	"return x, y",
	"global a, b",
	"pass",
	"x = {}",
	"x = {'a': 1, 'b': [2]}",
	"x = {1, 2, 3}",
	"x = -1 - -2 * 3",
	"x = (a + b) * c",
	"x = a - (b - c)",
	"x = a - b - c",
	"x = a * (b // c) % d",
	"x = -(a + b)",
	"x = (-x).real",
	"x = (1).real",
	"x = 1.5",
	"x = 1e+16",
	"x = 1e-05",
	"x = 0.1",
	"x = 1000000000000000.0",
	"x = 'it\\'s \"q\"'",
	"x = \"it's\"",
	"x = 'tab\\there\\n\\x00\\x1b'",
	"x = 'caf\xc3\xa9 \xe2\x82\xac'",
	"x = '\\u202e'",
	"print('x is', x)",
	"f(a)(b)[c].d",
	"node.next.prev = node",
	"x = d[1, 'a']",
	"x = d[(1,)]",
	"x = s[1:2] + s[:] + s[::-1] + s[i:] + s[:j:k] + s[None:None]",
	"del l[a + 1:-b]",
	"l[::2] = t",
	"x = f'a{b}c{d!r:>5}{{}}' + f'{e!s}' + f'{f:.2f}'",
	"x = f\"{d['k']}\"",
	"x = f((1, 2))",
	"gc.collect()",
	"sys.getrefcount(x)",
	"x = True, False, None",
	"x = -9223372036854775807",
	"x = 1e309",
	"x = a < b <= c == d != e > f >= g",
	"x = a is b, a is not b, a in b, a not in b",
	"x = not a and (b or c) and not (d and e)",
	"x = (a < b) < c",
	"x = a or b or (c or d)",
	"x = -a ** -b ** c",
	"x = (a ** b) ** c",
	"x = (-2) ** 2",
	"x = not -a < b",
	"print(a == b, [not a], {a: b and c})",
};

/* A .py line's `for` header: its target (unpacking too) and iterable,
 * and its errors; a YAML step still refuses `for`. */
START_TEST(python_for_header)
{
	static const struct {
		const char *src, *want;
	} ok[] = {
		{ "for x in y:", "for x in y:" },
		{ "for a, b in pairs :", "for a, b in pairs:" },
		{ "for a, (b, c) in x, [1]:", "for a, (b, c) in x, [1]:" },
		{ "for d[k] in range(3):", "for d[k] in range(3):" },
		{ "for t, in z:", "for (t,) in z:" },
	};
	struct parse_error	 err;
	struct stmt		*s;
	char			*text;

	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		s = parse_line(ok[i].src, strlen(ok[i].src), false, &err);
		ck_assert_msg(s != NULL, "%s: %s", ok[i].src, err.message);
		ck_assert_int_eq(s->kind, STMT_FOR);
		text = ast_stmt_text(s);
		ck_assert_str_eq(text, ok[i].want);
		xfree(text);
		ast_free_stmt(s);
	}
	s = parse_line("for x y in z:", 13, false, &err);
	ck_assert_ptr_null(s);
	ck_assert_uint_eq(err.offset, 6);
	ck_assert_str_eq(err.message, "expected 'in' after the target of "
	    "`for`, found name 'y'");
	s = parse_line("for x in {1}:", 13, false, &err);
	ck_assert_ptr_null(s);
	ck_assert_uint_eq(err.offset, 9);
	s = parse_line("for 1 in z:", 11, false, &err);
	ck_assert_ptr_null(s);
	s = parse_line("for x in z: pass", 16, false, &err);
	ck_assert_ptr_null(s);
	assert_error_in("for x in y: pass", false, 0,
	    "`for` loops are not part of the subset", NULL);
}
END_TEST

/* A .py line's `with` header: each manager and its `as` name, in order;
 * a target other than a name and a block on the line are refused, and a
 * YAML step still refuses `with`. */
START_TEST(python_with_header)
{
	static const struct {
		const char	*src, *want;
		uint32_t	 count;
	} ok[] = {
		{ "with m:", "with m:", 1 },
		{ "with Res() as r:", "with Res() as r:", 1 },
		{ "with A(1) as a, B() as b :", "with A(1) as a, B() as b:", 2 },
		{ "with a, b.c as d:", "with a, b.c as d:", 2 },
	};
	struct parse_error	 err;
	struct stmt		*s;
	char			*text;

	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		s = parse_line(ok[i].src, strlen(ok[i].src), false, &err);
		ck_assert_msg(s != NULL, "%s: %s", ok[i].src, err.message);
		ck_assert_int_eq(s->kind, STMT_WITH);
		ck_assert_uint_eq(s->as.with.count, ok[i].count);
		text = ast_stmt_text(s);
		ck_assert_str_eq(text, ok[i].want);
		xfree(text);
		ast_free_stmt(s);
	}
	s = parse_line("with m as r.x:", 14, false, &err);
	ck_assert_ptr_null(s);
	ck_assert_uint_eq(err.offset, 10);
	ck_assert_str_eq(err.message, "a `with` target other than a name is "
	    "not supported yet");
	s = parse_line("with m as (a, b):", 17, false, &err);
	ck_assert_ptr_null(s);
	s = parse_line("with m: pass", 12, false, &err);
	ck_assert_ptr_null(s);
	s = parse_line("with m", 6, false, &err);
	ck_assert_ptr_null(s);
	assert_error_in("with open(f) as g: pass", false, 0,
	    "`with` is not part of the subset", NULL);
}
END_TEST

/* A .py line's lambda (its parameters, defaults and body, as text) and
 * nonlocal; the comprehension a `for` in brackets would make is named. */
START_TEST(python_lambda_nonlocal)
{
	static const struct {
		const char *src, *want;
	} ok[] = {
		{ "f = lambda: 1", "f = lambda: 1" },
		{ "f = lambda x, y=2: x+y", "f = lambda x, y=2: x + y" },
		{ "g(lambda a: lambda b: a*b)", "g(lambda a: lambda b: a * b)" },
		{ "fs = [lambda i=i: i, (lambda: 0)]",
		    "fs = [lambda i=i: i, lambda: 0]" },
		{ "x = (lambda: 1) + 2", "x = (lambda: 1) + 2" },
	};
	struct parse_error	 err;
	struct stmt		*s;
	char			*text;

	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		s = parse_line(ok[i].src, strlen(ok[i].src), false, &err);
		ck_assert_msg(s != NULL, "%s: %s", ok[i].src, err.message);
		text = ast_stmt_text(s);
		ck_assert_str_eq(text, ok[i].want);
		xfree(text);
		ast_free_stmt(s);
	}
	s = parse_line("nonlocal a, b", 13, true, &err);
	ck_assert_ptr_nonnull(s);
	ck_assert_int_eq(s->kind, STMT_NONLOCAL);
	ck_assert_uint_eq(s->as.global.count, 2);
	text = ast_stmt_text(s);
	ck_assert_str_eq(text, "nonlocal a, b");
	xfree(text);
	ast_free_stmt(s);
	s = parse_line("nonlocal a", 10, false, &err);
	ck_assert_ptr_null(s);
	ck_assert_str_eq(err.message, "SyntaxError: nonlocal declaration "
	    "not allowed at module level");
	s = parse_line("f = lambda x y: 1", 17, false, &err);
	ck_assert_ptr_null(s);
	ck_assert_uint_eq(err.offset, 13);
	s = parse_line("f = lambda x, x: 1", 18, false, &err);
	ck_assert_ptr_null(s);
	ck_assert_str_eq(err.message, "SyntaxError: duplicate argument 'x' "
	    "in function definition");
	s = parse_line("f(a, x for x in z)", 18, false, &err);
	ck_assert_ptr_null(s);
	ck_assert_str_eq(err.message, "SyntaxError: Generator expression "
	    "must be parenthesized");
	ck_assert_uint_eq(err.offset, 5);
	s = parse_line("y = [x for x in z", 17, false, &err);
	ck_assert_ptr_null(s);
	ck_assert_uint_eq(err.offset, 17);
	assert_error_in("f = lambda: 1", false, 4,
	    "`lambda` is not part of the subset", NULL);
}
END_TEST

/* Comprehensions (.py): each kind, its clauses in order, its text as
 * written. */
/* try:, except headers and raise read as CPython reads them, and print
 * back the same; what is not read yet is refused where it starts. */
START_TEST(python_exceptions)
{
	static const struct {
		const char	*src;
		enum stmt_kind	 kind;
		const char	*name;	/* except's `as` name */
		bool		 value;	/* except's type, raise's value */
	} cases[] = {
		{ "try:", STMT_TRY, NULL, false },
		{ "except:", STMT_EXCEPT, NULL, false },
		{ "except KeyError:", STMT_EXCEPT, NULL, true },
		{ "except ValueError as e:", STMT_EXCEPT, "e", true },
		{ "except (KeyError, IndexError) as err:", STMT_EXCEPT, "err",
		    true },
		{ "raise", STMT_RAISE, NULL, false },
		{ "raise ValueError", STMT_RAISE, NULL, true },
		{ "raise ValueError('bad', 2)", STMT_RAISE, NULL, true },
		{ "raise KeyError(k) from None", STMT_RAISE, NULL, true },
		{ "raise ValueError from err", STMT_RAISE, NULL, true },
	};
	static const struct {
		const char	*src;
		uint32_t	 offset;
		const char	*message;
	} bad[] = {
		{ "raise ValueError from", 21,
		    "expected an expression after 'from', found end of line" },
		{ "except ValueError as 3:", 21,
		    "expected a name after `as`, found number 3" },
		{ "try: x = 1", 5, "a block on the line of its header is not "
		    "supported yet" },
		{ "except KeyError", 15,
		    "expected ':' after the exception, found end of line" },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct parse_error	 err;
		struct stmt		*s = parse_line(cases[i].src,
		    strlen(cases[i].src), false, &err);
		char			*text;

		ck_assert_msg(s != NULL, "%s: %s", cases[i].src,
		    s == NULL ? err.message : "");
		ck_assert_int_eq(s->kind, cases[i].kind);
		if (s->kind == STMT_EXCEPT) {
			ck_assert_int_eq(s->as.handler.type != NULL,
			    cases[i].value);
			if (cases[i].name == NULL)
				ck_assert_uint_eq(s->as.handler.name, ATOM_NONE);
			else
				ck_assert_str_eq(atom_name(s->as.handler.name),
				    cases[i].name);
		} else if (s->kind == STMT_RAISE)
			ck_assert_int_eq(s->as.value != NULL, cases[i].value);
		text = ast_stmt_text(s);
		ck_assert_str_eq(text, cases[i].src);
		xfree(text);
		ast_free_stmt(s);
	}
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct parse_error	 err;
		struct stmt		*s = parse_line(bad[i].src,
		    strlen(bad[i].src), false, &err);

		ck_assert_msg(s == NULL, "%s parsed", bad[i].src);
		ck_assert_str_eq(err.message, bad[i].message);
		ck_assert_uint_eq(err.offset, bad[i].offset);
	}
}
END_TEST

START_TEST(python_comprehensions)
{
	static const struct {
		const char	*src;
		enum expr_kind	 kind;
		uint32_t	 clauses, ifs0;
	} cases[] = {
		{ "y = [x for x in z]", EXPR_LISTCOMP, 1, 0 },
		{ "y = [x * 2 for x in z if x if not x]", EXPR_LISTCOMP, 1, 2 },
		{ "y = {x for x in z}", EXPR_SETCOMP, 1, 0 },
		{ "y = {k: v for k, v in z}", EXPR_DICTCOMP, 1, 0 },
		{ "y = [(a, b) for a in z if a for b in a]", EXPR_LISTCOMP, 2,
		    1 },
		{ "y = f((x for x in z))", EXPR_GENEXP, 1, 0 },
		{ "y = [[c for c in r] for r in z]", EXPR_LISTCOMP, 1, 0 },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct parse_error	 err;
		struct stmt		*s = parse_line(cases[i].src,
		    strlen(cases[i].src), false, &err);
		struct expr		*e;
		char			*text;

		ck_assert_msg(s != NULL, "%s: %s", cases[i].src,
		    s == NULL ? err.message : "");
		e = s->as.assign.value;
		if (e->kind == EXPR_CALL)
			e = e->as.call.args[0];
		ck_assert_int_eq(e->kind, cases[i].kind);
		ck_assert_uint_eq(e->as.comp.count, cases[i].clauses);
		ck_assert_uint_eq(e->as.comp.clauses[0].if_count,
		    cases[i].ifs0);
		text = ast_stmt_text(s);
		ck_assert_str_eq(text, cases[i].src);
		xfree(text);
		ast_free_stmt(s);
	}
}
END_TEST

/* A conditional expression (.py): test, body, orelse, printed back with
 * the brackets an operand of it, or it as an operand, needs; and assert,
 * whose test and message are such expressions. */
START_TEST(python_ifexp)
{
	static const struct {
		const char	*src, *text;
	} cases[] = {
		{ "y = a if b else c", "y = a if b else c" },
		{ "y = a if b else c if d else e", "y = a if b else c if d else e" },
		{ "y = (a if b else c) if d else e",
		    "y = (a if b else c) if d else e" },
		{ "y = [a if b else c, d]", "y = [a if b else c, d]" },
		{ "y = f(a if b else c)", "y = f(a if b else c)" },
		{ "y = (a if b else c) + 1", "y = (a if b else c) + 1" },
		{ "y = a or b if c else d", "y = (a or b) if c else d" },
		{ "y = (lambda: a) if b else c", "y = (lambda: a) if b else c" },
		{ "y = lambda: a if b else c", "y = lambda: a if b else c" },
		{ "y = [a if b else c for a in d if a]",
		    "y = [a if b else c for a in d if a]" },
		/* assert's test and message are tests too */
		{ "assert a", "assert a" },
		{ "assert a if b else c, 'm'", "assert a if b else c, 'm'" },
		{ "assert (a, b)", "assert (a, b)" },
		{ "assert x == [], f(x)", "assert x == [], f(x)" },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct parse_error	 err;
		struct stmt		*s = parse_line(cases[i].src,
		    strlen(cases[i].src), false, &err);
		char			*text;

		ck_assert_msg(s != NULL, "%s: %s", cases[i].src,
		    s == NULL ? err.message : "");
		text = ast_stmt_text(s);
		ck_assert_str_eq(text, cases[i].text);
		xfree(text);
		ast_free_stmt(s);
	}
}
END_TEST

START_TEST(roundtrip_canonical)
{
	const char	*src = canonical[_i];
	struct stmt	*s = must_parse(src), *again;
	char		*text, *text2;

	text = ast_stmt_text(s);
	ck_assert_str_eq(text, src);
	again = must_parse(text);
	text2 = ast_stmt_text(again);
	ck_assert_str_eq(text2, text);
	xfree(text);
	xfree(text2);
	ast_free_stmt(s);
	ast_free_stmt(again);
}
END_TEST

/* Non-canonical spellings print in canonical form. */
START_TEST(roundtrip_normalises)
{
	assert_text("x=[1,2,]", "x = [1, 2]");
	assert_text("(a, b) = 1, 2", "a, b = 1, 2");
	assert_text("a, = t", "(a,) = t");
	assert_text("x = ((a))", "x = a");
	assert_text("x = 1.", "x = 1.0");
	assert_text("x = .5e1", "x = 5.0");
	assert_text("x = 0x_ff", "x = 255");
	assert_text("x = 1_000", "x = 1000");
	assert_text("x = \"a\" 'b'", "x = 'ab'");
	assert_text("x = r'\\n'", "x = '\\\\n'");
	assert_text("x = u'x'", "x = 'x'");
	assert_text("x = '\\u00e9\\xa0'", "x = '\xc3\xa9\\xa0'");
	assert_text("x = 1e400", "x = 1e309");
	assert_text("x = (a * b) + c", "x = a * b + c");
	assert_text("x = a + (b + c)", "x = a + (b + c)");
	assert_text("x = -(-1)", "x = --1");
	assert_text("x = 1 .real", "x = (1).real");
	assert_text("x = (not a) == b", "x = (not a) == b");
	assert_text("x = a and (b and c)", "x = a and (b and c)");
	assert_text("x = (a ** b)", "x = a ** b");
	assert_text("del x,", "del x");
	assert_text("x = 1;  # done", "x = 1");
	assert_text("t += 1, 2", "t += 1, 2");
	assert_text("x = {1: (2,), 3: ()}", "x = {1: (2,), 3: ()}");
	assert_text("x = [(1, 2)]", "x = [(1, 2)]");
}
END_TEST

START_TEST(text_expr_and_ops)
{
	struct stmt	*s = must_parse("x = f(a + 1, [b])");
	char		*text = ast_expr_text(s->as.assign.value);

	ck_assert_str_eq(text, "f(a + 1, [b])");
	xfree(text);
	ast_free_stmt(s);

	s = must_parse("x = 1, 2");
	text = ast_expr_text(s->as.assign.value);
	ck_assert_str_eq(text, "1, 2");
	xfree(text);
	ast_free_stmt(s);
}
END_TEST

/* Floats print as Python's repr prints them. */
START_TEST(text_floats)
{
	static const struct {
		const char	*src;
		const char	*text;
	} cases[] = {
		{ "x = 0.0", "x = 0.0" }, { "x = 100.0", "x = 100.0" },
		{ "x = 0.3", "x = 0.3" }, { "x = 2.5e-3", "x = 0.0025" },
		{ "x = 0.0001", "x = 0.0001" }, { "x = 0.00001", "x = 1e-05" },
		{ "x = 1.5e-7", "x = 1.5e-07" },
		{ "x = 1e15", "x = 1000000000000000.0" },
		{ "x = 1e16", "x = 1e+16" }, { "x = 1e22", "x = 1e+22" },
		{ "x = 123456789012345678.0", "x = 1.2345678901234568e+17" },
		{ "x = 1.7976931348623157e308",
		    "x = 1.7976931348623157e+308" },
		{ "x = 5e-324", "x = 5e-324" },
		{ "x = 0.1 + 0.2", "x = 0.1 + 0.2" },
	};
	size_t	i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		assert_text(cases[i].src, cases[i].text);
}
END_TEST

static Suite *
parser_suite(void)
{
	Suite	*s = suite_create("parser");
	TCase	*tc;

	tc = tcase_create("lexer");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, lexer_tokens_and_offsets);
	tcase_add_test(tc, lexer_operators_longest_match);
	tcase_add_test(tc, lexer_keywords);
	tcase_add_test(tc, lexer_line_breaks);
	tcase_add_test(tc, lexer_describe_and_column);
	suite_add_tcase(s, tc);

	tc = tcase_create("literals");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, literal_ints);
	tcase_add_test(tc, literal_floats);
	tcase_add_test(tc, literal_strings);
	tcase_add_test(tc, literal_string_limit);
	tcase_add_test(tc, literal_constants);
	suite_add_tcase(s, tc);

	tc = tcase_create("precedence");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, precedence_arith);
	tcase_add_test(tc, precedence_compare_bool_power);
	tcase_add_test(tc, precedence_postfix_and_parens);
	tcase_add_test(tc, precedence_calls);
	suite_add_tcase(s, tc);

	tc = tcase_create("displays");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, display_tuples);
	tcase_add_test(tc, display_lists_dicts_sets);
	tcase_add_test(tc, display_subscripts);
	suite_add_tcase(s, tc);

	tc = tcase_create("targets");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, target_assign);
	tcase_add_test(tc, target_augmented);
	tcase_add_test(tc, target_del);
	tcase_add_test(tc, target_errors);
	suite_add_tcase(s, tc);

	tc = tcase_create("statements");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, statement_kinds);
	tcase_add_test(tc, statement_module_level);
	tcase_add_test(tc, statement_blanks_and_comments);
	suite_add_tcase(s, tc);

	tc = tcase_create("errors");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_loop_test(tc, error_table, 0,
	    (int)(sizeof error_cases / sizeof error_cases[0]));
	tcase_add_test(tc, error_nul_byte);
	tcase_add_test(tc, error_messages_say_what_was_found);
	tcase_add_test(tc, big_literals);
	suite_add_tcase(s, tc);

	tc = tcase_create("expect");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, expect_forms);
	tcase_add_test(tc, expect_subjects);
	tcase_add_loop_test(tc, expect_error_table, 0,
	    (int)(sizeof expect_error_cases / sizeof expect_error_cases[0]));
	tcase_add_test(tc, expect_text);
	suite_add_tcase(s, tc);

	tc = tcase_create("depth");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, depth_guard);
	tcase_add_test(tc, depth_limit_each_construct);
	tcase_add_test(tc, depth_expect);
	tcase_add_test(tc, depth_wide_is_fine);
	suite_add_tcase(s, tc);

	tc = tcase_create("text");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, python_ifexp);
	tcase_add_loop_test(tc, roundtrip_canonical, 0,
	    (int)(sizeof canonical / sizeof canonical[0]));
	tcase_add_test(tc, roundtrip_normalises);
	tcase_add_test(tc, python_for_header);
	tcase_add_test(tc, python_with_header);
	tcase_add_test(tc, python_lambda_nonlocal);
	tcase_add_test(tc, python_comprehensions);
	tcase_add_test(tc, python_exceptions);
	tcase_add_test(tc, text_expr_and_ops);
	tcase_add_test(tc, text_floats);
	suite_add_tcase(s, tc);

	return s;
}

int
main(void)
{
	SRunner	*sr = srunner_create(parser_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
