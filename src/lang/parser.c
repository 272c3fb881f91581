/*
 * parser.c: recursive descent over the tokens of one statement, or of one
 * expect: line, into the tree of ast.h.
 *
 * The grammar is Python's, cut down to DESIGN §3; the rule a function
 * parses is written above it.  Two things shape the code:
 *
 * - Refusals.  Most mistakes an author makes are valid Python outside the
 *   subset (a loop, a comparison, a keyword argument).  Those are
 *   recognised where Python would accept them and refused with a message
 *   saying what was found and a hint saying what to write instead; a bare
 *   "syntax error" is never the answer when a better one is known.
 *
 * - Depth.  Every recursion, and every step of a left-deep chain (a + b +
 *   c, a.b.c), goes through enter(), so no tree is deeper than
 *   PARSER_MAX_DEPTH: whoever walks a tree recursively later (ast.c, the
 *   compiler) may do so without a guard of its own.
 *
 * Tokens are lexed on demand and kept in an array, so the parser may look
 * ahead (a NAME followed by '=' inside a call is a keyword argument) and
 * the first problem met from the left is the one reported.  The first
 * error wins: fail() records only the first, and every function returns
 * NULL once one is recorded.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/atom.h"
#include "base/limits.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "lang/ast.h"
#include "lang/lexer.h"
#include "lang/parser.h"
#include "py/pyversion.h"

/* The forms of an expect: line, for the hints of parse_expect. */
#define HINT_FORMS "an expect: line is one of refcount(E) == N, gen(E) == N, " \
	"E is E, E is not E, alive(E), heap == N, collected == N, freed == N"
#define HINT_SUBJECT "expect: subjects must be names, attributes or " \
	"subscripts with literal indices, so that checking never changes " \
	"the heap"
#define HINT_LABEL "a label: names an object by a name, an attribute or " \
	"a subscript with a literal index, such as r.a or nodes[0]"
#define HINT_TARGET "the left of '=' takes names, attributes (x.a), " \
	"subscripts (x[0]), and tuples or lists of those"

struct parser {
	const char		*text;
	size_t			 len;
	struct lexer		 lx;
	struct token		*toks;		/* lexed so far; the last may be END */
	size_t			 ntoks;
	size_t			 cap;
	size_t			 pos;		/* the current token */
	unsigned		 depth;		/* see enter() */
	bool			 in_function;	/* return allowed */
	bool			 expect_mode;	/* comparisons are left to the caller */
	bool			 ask_mode;	/* an ask: the forms without
						   their comparison */
	bool			 label_mode;	/* a subject is a label:'s */
	bool			 python;	/* a line of a .py scenario */
	enum token_kind		 bracket;	/* the innermost open bracket
						   (or a call's parenthesis):
						   what a `for` in it makes */
	bool			 more;		/* ';' then another statement */
	bool			 failed;
	struct parse_error	*err;
};

/* What a keyword outside the subset gets when it starts a statement or an
 * expression. */
struct refusal {
	enum token_kind	 kind;
	const char	*message;
	const char	*hint;
};

static const struct refusal refusals[] = {
	{ TOK_KW_FOR, "`for` loops are not part of the subset",
	    "use `repeat:` on the step" },
	{ TOK_KW_WHILE, "`while` loops are not part of the subset",
	    "use `repeat:` on the step" },
	{ TOK_KW_IF, "`if` is not part of the subset",
	    "a scenario is one straight path; write the steps that run" },
	{ TOK_KW_ELIF, "`elif` is not part of the subset",
	    "a scenario is one straight path; write the steps that run" },
	{ TOK_KW_ELSE, "`else` is not part of the subset",
	    "a scenario is one straight path; write the steps that run" },
	{ TOK_KW_IMPORT, "`import` is not part of the subset",
	    "`sys` and `gc` are always available; there is nothing to import" },
	{ TOK_KW_FROM, "`from ... import` is not part of the subset",
	    "`sys` and `gc` are always available; there is nothing to import" },
	{ TOK_KW_LAMBDA, "`lambda` is not part of the subset",
	    "define a function under `functions:`" },
	{ TOK_KW_DEF, "`def` cannot be written in a step",
	    "define functions under `functions:` in the scenario" },
	{ TOK_KW_CLASS, "`class` cannot be written in a step",
	    "declare classes under `classes:` in the scenario" },
	{ TOK_KW_YIELD, "`yield` is not part of the subset",
	    "generators are not modelled; return a list built with `.append`" },
	{ TOK_KW_AWAIT, "`await` is not part of the subset",
	    "coroutines are not modelled; call functions directly" },
	{ TOK_KW_ASYNC, "`async` is not part of the subset",
	    "coroutines are not modelled; call functions directly" },
	{ TOK_KW_WITH, "`with` is not part of the subset",
	    "context managers are not modelled; write the steps that run" },
	{ TOK_KW_TRY, "`try` is not part of the subset",
	    "a statement that would raise is reported as an error of the "
	    "scenario; write the steps that run" },
	{ TOK_KW_EXCEPT, "`except` is not part of the subset",
	    "a statement that would raise is reported as an error of the "
	    "scenario; write the steps that run" },
	{ TOK_KW_FINALLY, "`finally` is not part of the subset",
	    "a statement that would raise is reported as an error of the "
	    "scenario; write the steps that run" },
	{ TOK_KW_RAISE, "`raise` is not part of the subset",
	    "a scenario is one straight path without exceptions" },
	{ TOK_KW_ASSERT, "`assert` is not part of the subset",
	    "check with an `expect:` line on the step" },
	{ TOK_KW_NONLOCAL, "`nonlocal` is not part of the subset",
	    "functions do not nest; `global` reaches a module-level name" },
	{ TOK_KW_BREAK, "`break` is not part of the subset",
	    "there are no loops to leave; use `repeat:` on the step" },
	{ TOK_KW_CONTINUE, "`continue` is not part of the subset",
	    "there are no loops; use `repeat:` on the step" },
	{ TOK_KW_AS, "`as` is not part of the subset",
	    "name an object with `=`" },
};

static const struct refusal *
find_refusal(enum token_kind kind)
{
	size_t	i;

	for (i = 0; i < sizeof refusals / sizeof refusals[0]; i++) {
		if (refusals[i].kind == kind)
			return &refusals[i];
	}
	return NULL;
}

/*
 * Records the first error; later ones are consequences and are dropped.
 * Returns NULL, so that a parse function can `return fail(...)`.
 */
static void *
fail(struct parser *p, size_t offset, const char *hint, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void *
fail(struct parser *p, size_t offset, const char *hint, const char *fmt, ...)
{
	va_list	ap;

	if (p->failed)
		return NULL;
	p->failed = true;
	p->err->offset = (uint32_t)offset;
	va_start(ap, fmt);
	vsnprintf(p->err->message, sizeof p->err->message, fmt, ap);
	va_end(ap);
	snprintf(p->err->hint, sizeof p->err->hint, "%s",
	    hint != NULL ? hint : "");
	return NULL;
}

/* The token k ahead of the current one, lexing as needed.  A lexing error
 * is recorded and reads as the end of the line.  The pointer is valid
 * until the next call (the array may move). */
static struct token *
peek(struct parser *p, size_t k)
{
	struct parse_error	 lexerr;
	struct token		*t;

	while (p->ntoks <= p->pos + k) {
		if (p->ntoks > 0 && p->toks[p->ntoks - 1].kind == TOK_END)
			return &p->toks[p->ntoks - 1];
		if (p->ntoks == p->cap) {
			p->cap = p->cap == 0 ? 16 : p->cap * 2;
			p->toks = xreallocarray(p->toks, p->cap,
			    sizeof *p->toks);
		}
		t = &p->toks[p->ntoks++];
		memset(&lexerr, 0, sizeof lexerr);
		if (!lexer_next(&p->lx, t, &lexerr)) {
			if (!p->failed) {
				p->failed = true;
				*p->err = lexerr;
			}
			t->kind = TOK_END;
		}
	}
	return &p->toks[p->pos + k];
}

static enum token_kind
kind_at(struct parser *p, size_t k)
{
	return peek(p, k)->kind;
}

static enum token_kind
cur_kind(struct parser *p)
{
	return peek(p, 0)->kind;
}

static uint32_t
cur_offset(struct parser *p)
{
	return peek(p, 0)->offset;
}

static void
advance(struct parser *p)
{
	if (peek(p, 0)->kind != TOK_END)
		p->pos++;
}

/* Where the last consumed token ends. */
static uint32_t
prev_end(const struct parser *p)
{
	const struct token	*t;

	if (p->pos == 0)
		return 0;
	t = &p->toks[p->pos - 1];
	return t->offset + t->length;
}

/* "found ..." for the current token. */
static const char *
found(struct parser *p, char *buf, size_t size)
{
	token_describe(peek(p, 0), p->text, buf, size);
	return buf;
}

/* " after 'x'" for the last consumed token, or "" at the start. */
static const char *
after(struct parser *p, char *buf, size_t size)
{
	const struct token	*t;
	size_t			 n;

	if (p->pos == 0) {
		buf[0] = '\0';
		return buf;
	}
	t = &p->toks[p->pos - 1];
	if (t->kind == TOK_STRING)
		snprintf(buf, size, " after the string");
	else if (t->kind == TOK_NAME || t->kind == TOK_INT ||
	    t->kind == TOK_FLOAT) {
		n = t->length > 32 ? 32 : t->length;
		while (n > 0 && n < t->length &&
		    ((unsigned char)p->text[t->offset + n] & 0xc0) == 0x80)
			n--;
		snprintf(buf, size, " after '%.*s%s'", (int)n,
		    p->text + t->offset, n < t->length ? "..." : "");
	} else
		snprintf(buf, size, " after '%s'", token_kind_text(t->kind));
	return buf;
}

/*
 * One more level of nesting.  Returns false (and records the error) past
 * PARSER_MAX_DEPTH; on true the caller owes a leave().  One rule for every
 * construct: a level is a bracket pair ( [ {, a call's parentheses, a
 * subscript's brackets, a '.' of an attribute access, a unary operator or
 * a binary operator (a + b + c is two: the tree is left-deep).
 */
static bool
enter(struct parser *p)
{
	if (p->depth >= PARSER_MAX_DEPTH) {
		fail(p, cur_offset(p),
		    "split it into several steps, naming the parts",
		    "expression nested too deeply (more than %d levels; each "
		    "bracket pair, call, subscript, attribute access and "
		    "operator is one)", PARSER_MAX_DEPTH);
		return false;
	}
	p->depth++;
	return true;
}

static void
leave(struct parser *p, unsigned levels)
{
	p->depth -= levels;
}

static bool
is_compare(enum token_kind k)
{
	return k == TOK_EQ || k == TOK_NE || k == TOK_LT || k == TOK_GT ||
	    k == TOK_LE || k == TOK_GE;
}

/* Whether k can start an expression, counting the starts that are refused
 * with a message of their own (so that `a, *b` reaches that message). */
static bool
starts_expr(enum token_kind k)
{
	switch (k) {
	case TOK_NAME: case TOK_INT: case TOK_FLOAT: case TOK_STRING:
	case TOK_FSTRING:
	case TOK_KW_TRUE: case TOK_KW_FALSE: case TOK_KW_NONE:
	case TOK_LPAREN: case TOK_LBRACKET: case TOK_LBRACE:
	case TOK_MINUS: case TOK_PLUS: case TOK_TILDE:
	case TOK_STAR: case TOK_DSTAR: case TOK_ELLIPSIS:
	case TOK_KW_LAMBDA: case TOK_KW_YIELD: case TOK_KW_AWAIT:
	case TOK_KW_NOT:
		return true;
	default:
		return false;
	}
}

/* Tokens that start an expression but not a statement's continuation: two
 * of these in a row mean a missing comma or operator. */
static bool
starts_operand(enum token_kind k)
{
	return k == TOK_NAME || k == TOK_INT || k == TOK_FLOAT ||
	    k == TOK_STRING || k == TOK_FSTRING || k == TOK_KW_TRUE ||
	    k == TOK_KW_FALSE || k == TOK_KW_NONE || k == TOK_LBRACE;
}

static struct expr *
new_expr(enum expr_kind kind, uint32_t offset)
{
	struct expr	*e = xcalloc(1, sizeof *e);

	e->kind = kind;
	e->offset = offset;
	return e;
}

/* Sets e's extent from start to the end of the last consumed token. */
static struct expr *
finish(struct parser *p, struct expr *e, uint32_t start)
{
	e->offset = start;
	e->length = prev_end(p) - start;
	return e;
}

/* A growing array of trees, owned until handed to a node. */
struct exprvec {
	struct expr	**items;
	uint32_t	  count;
	uint32_t	  cap;
};

static void
vec_push(struct exprvec *v, struct expr *e)
{
	if (v->count == v->cap) {
		v->cap = v->cap == 0 ? 4 : v->cap * 2;
		v->items = xreallocarray(v->items, v->cap, sizeof *v->items);
	}
	v->items[v->count++] = e;
}

static void
vec_free(struct exprvec *v)
{
	uint32_t	i;

	for (i = 0; i < v->count; i++)
		ast_free_expr(v->items[i]);
	xfree(v->items);
	v->items = NULL;
	v->count = v->cap = 0;
}

static struct expr *
seq_expr(enum expr_kind kind, struct exprvec *v)
{
	struct expr	*e = new_expr(kind, 0);

	e->as.seq.items = v->items;
	e->as.seq.count = v->count;
	v->items = NULL;
	v->count = v->cap = 0;
	return e;
}

/*
 * "expected ')' to close '(' at column 7, found ','": the current token
 * should have closed the bracket opened at open.
 */
static void *
close_error(struct parser *p, enum token_kind closer, uint32_t open)
{
	char		 what[80];
	const char	*hint = NULL;
	enum token_kind	 k = cur_kind(p);
	const char	*opener;

	opener = closer == TOK_RPAREN ? "(" : closer == TOK_RBRACKET ? "[" :
	    "{";
	if (k == TOK_ASSIGN)
		hint = "`=` cannot appear inside brackets; keyword arguments "
		    "are not part of the subset";
	else if (k == TOK_COLON && closer == TOK_RBRACE)
		hint = "a display is either a dict {k: v, ...} or a set "
		    "{a, b, ...}";
	else if (starts_operand(k))
		hint = "perhaps a comma or an operator is missing?";
	else if (k == TOK_END)
		hint = "every bracket opened in a step must be closed in it";
	return fail(p, cur_offset(p), hint,
	    "expected '%s' to close '%s' at column %u, found %s",
	    token_kind_text(closer), opener, lexer_column(p->text, open),
	    found(p, what, sizeof what));
}

/* "expected an expression after '=', found end of line", with the hint of
 * a keyword outside the subset when one is found. */
static void *
expected_expr(struct parser *p)
{
	char			 what[80], aft[64];
	const struct refusal	*r = find_refusal(cur_kind(p));

	return fail(p, cur_offset(p), r != NULL ? r->hint : NULL,
	    "expected an expression%s, found %s", after(p, aft, sizeof aft),
	    found(p, what, sizeof what));
}

static struct expr *parse_test(struct parser *);
static struct expr *parse_ifexp(struct parser *, struct expr *);
static struct expr *parse_exprlist(struct parser *);
static struct expr *parse_lambda(struct parser *);
static struct expr *parse_comp(struct parser *p, enum expr_kind kind,
    struct expr *elt, struct expr *value, uint32_t open,
    enum token_kind closer);
static bool parse_params(struct parser *p, enum token_kind close,
    atom_t **names, uint32_t **offsets, uint32_t *count,
    struct expr **defaults_out);

/* The refusals that can follow a complete operand: in an expect: line
 * boolean operators and `in`; conditional expressions, comprehensions, `:=`, bitwise and
 * matrix operators.  Returns true (and records the error) for one. */
static bool
refuse_after_operand(struct parser *p)
{
	enum token_kind	 k = cur_kind(p);

	switch (k) {
	case TOK_EQ: case TOK_NE: case TOK_LT:
	case TOK_GT: case TOK_LE: case TOK_GE:
	case TOK_KW_IS:
		/* a statement's test took them; an expect: line's caller
		 * takes them */
		return false;
	case TOK_KW_IN: case TOK_KW_NOT: case TOK_KW_AND: case TOK_KW_OR:
		if (!p->expect_mode)
			return false;
		fail(p, cur_offset(p), HINT_FORMS, "`%s` is not part of the "
		    "subset of expect: lines", token_kind_text(k));
		return true;
	case TOK_KW_IF:
		fail(p, cur_offset(p),
		    "a scenario is one straight path; write the steps that run",
		    "conditional expressions (a if b else c) are not part of "
		    "the subset");
		return true;
	case TOK_KW_FOR:
		/* a .py file's brackets and calls take a comprehension
		 * after their first item (parse_comp) */
		if (p->python && !p->expect_mode)
			return false;
		fail(p, cur_offset(p), "build the list with `repeat:` and "
		    "`.append`", "comprehensions are not part of the subset");
		return true;
	case TOK_KW_ASYNC:
		fail(p, cur_offset(p), NULL, "asynchronous comprehensions are "
		    "not part of the subset");
		return true;
	case TOK_WALRUS:
		fail(p, cur_offset(p), "bind the name in a step of its own with "
		    "`=`", "`:=` is not part of the subset");
		return true;
	case TOK_AMP: case TOK_PIPE: case TOK_CARET:
	case TOK_LSHIFT: case TOK_RSHIFT:
		fail(p, cur_offset(p), "the subset has + - * / // % on "
		    "numbers", "bitwise operator '%s' is not part of the subset",
		    token_kind_text(k));
		return true;
	case TOK_AT:
		fail(p, cur_offset(p), "the subset has + - * / // % on "
		    "numbers", "'@' (matrix multiplication) is not part of the "
		    "subset");
		return true;
	default:
		return false;
	}
}

/*
 * Items up to a closing bracket, after the opener (and, for a tuple, after
 * a first item and its comma, already in v):
 *   items -> [test {',' test} [',']] closer
 */
static bool
parse_items(struct parser *p, struct exprvec *v, enum token_kind closer,
    uint32_t open)
{
	struct expr	*e;

	while (cur_kind(p) != closer) {
		if (!starts_expr(cur_kind(p)))
			return close_error(p, closer, open) != NULL;
		if ((e = parse_test(p)) == NULL)
			return false;
		vec_push(v, e);
		if (cur_kind(p) == TOK_COMMA)
			advance(p);
		else if (cur_kind(p) != closer)
			return close_error(p, closer, open) != NULL;
	}
	advance(p);
	return true;
}

/*
 * paren -> '(' ')' | '(' test ')' | '(' test ',' items
 * A parenthesised expression is the inner tree itself, as in Python's ast.
 */
static struct expr *
parse_paren(struct parser *p)
{
	uint32_t	 open = cur_offset(p);
	struct exprvec	 v = { NULL, 0, 0 };
	struct expr	*e;

	advance(p);
	if (cur_kind(p) == TOK_RPAREN) {
		advance(p);
		return finish(p, new_expr(EXPR_TUPLE, open), open);
	}
	if ((e = parse_test(p)) == NULL)
		return NULL;
	if (cur_kind(p) == TOK_RPAREN) {
		advance(p);
		return e;
	}
	if (cur_kind(p) == TOK_KW_FOR)
		return parse_comp(p, EXPR_GENEXP, e, NULL, open, TOK_RPAREN);
	if (cur_kind(p) != TOK_COMMA) {
		ast_free_expr(e);
		return close_error(p, TOK_RPAREN, open);
	}
	advance(p);
	vec_push(&v, e);
	if (!parse_items(p, &v, TOK_RPAREN, open)) {
		vec_free(&v);
		return NULL;
	}
	return finish(p, seq_expr(EXPR_TUPLE, &v), open);
}

/* list -> '[' items */
static struct expr *
parse_list(struct parser *p)
{
	uint32_t	open = cur_offset(p);
	struct exprvec	v = { NULL, 0, 0 };

	advance(p);
	if (starts_expr(cur_kind(p))) {
		struct expr *e = parse_test(p);

		if (e == NULL)
			return NULL;
		if (cur_kind(p) == TOK_KW_FOR)
			return parse_comp(p, EXPR_LISTCOMP, e, NULL, open,
			    TOK_RBRACKET);
		vec_push(&v, e);
		if (cur_kind(p) == TOK_COMMA)
			advance(p);
		else if (cur_kind(p) != TOK_RBRACKET) {
			vec_free(&v);
			return close_error(p, TOK_RBRACKET, open);
		}
	}
	if (!parse_items(p, &v, TOK_RBRACKET, open)) {
		vec_free(&v);
		return NULL;
	}
	return finish(p, seq_expr(EXPR_LIST, &v), open);
}

/*
 * brace -> '{' '}'
 *        | '{' test ':' test {',' test ':' test} [','] '}'
 *        | '{' test {',' test} [','] '}'
 * {} is an empty dict, as in Python.
 */
static struct expr *
parse_brace(struct parser *p)
{
	uint32_t	 open = cur_offset(p);
	struct exprvec	 keys = { NULL, 0, 0 }, values = { NULL, 0, 0 };
	struct expr	*e, *d;
	char		 what[80];

	advance(p);
	if (cur_kind(p) == TOK_RBRACE) {
		advance(p);
		return finish(p, new_expr(EXPR_DICT, open), open);
	}
	if (cur_kind(p) == TOK_DSTAR)
		return fail(p, cur_offset(p), "write the entries out: {k: v}",
		    "unpacking with `**` is not part of the subset");
	if ((e = parse_test(p)) == NULL)
		return NULL;
	if (cur_kind(p) == TOK_KW_FOR)
		return parse_comp(p, EXPR_SETCOMP, e, NULL, open, TOK_RBRACE);
	if (cur_kind(p) != TOK_COLON) {
		/* A set display. */
		vec_push(&keys, e);
		if (cur_kind(p) == TOK_COMMA)
			advance(p);
		else if (cur_kind(p) != TOK_RBRACE) {
			vec_free(&keys);
			return close_error(p, TOK_RBRACE, open);
		}
		if (!parse_items(p, &keys, TOK_RBRACE, open)) {
			vec_free(&keys);
			return NULL;
		}
		return finish(p, seq_expr(EXPR_SET, &keys), open);
	}
	for (;;) {
		vec_push(&keys, e);
		advance(p);		/* the ':' */
		if ((e = parse_test(p)) == NULL)
			goto fail;
		if (cur_kind(p) == TOK_KW_FOR && keys.count == 1) {
			struct expr *key = keys.items[0];

			xfree(keys.items);
			vec_free(&values);
			return parse_comp(p, EXPR_DICTCOMP, key, e, open,
			    TOK_RBRACE);
		}
		vec_push(&values, e);
		if (cur_kind(p) == TOK_COMMA)
			advance(p);
		else if (cur_kind(p) != TOK_RBRACE) {
			close_error(p, TOK_RBRACE, open);
			goto fail;
		}
		if (cur_kind(p) == TOK_RBRACE)
			break;
		if (cur_kind(p) == TOK_DSTAR) {
			fail(p, cur_offset(p), "write the entries out: {k: v}",
			    "unpacking with `**` is not part of the subset");
			goto fail;
		}
		if ((e = parse_test(p)) == NULL)
			goto fail;
		if (cur_kind(p) != TOK_COLON) {
			ast_free_expr(e);
			fail(p, cur_offset(p), "a display is either a dict "
			    "{k: v, ...} or a set {a, b, ...}",
			    "expected ':' after the dict key, found %s",
			    found(p, what, sizeof what));
			goto fail;
		}
	}
	advance(p);
	d = new_expr(EXPR_DICT, open);
	d->as.dict.keys = keys.items;
	d->as.dict.values = values.items;
	d->as.dict.count = keys.count;
	return finish(p, d, open);
fail:
	vec_free(&keys);
	vec_free(&values);
	return NULL;
}

static void parser_done(struct parser *);

/*
 * The expression of an f-string field, text[start, end), parsed as CPython
 * 3.11 parses it: as if in parentheses, by a parser of its own over the
 * same text, so that its offsets are the file's.
 */
static struct expr *
parse_field_expr(struct parser *p, size_t start, size_t end)
{
	struct parser	 q;
	struct expr	*e;

	memset(&q, 0, sizeof q);
	q.text = p->text;
	q.len = end;
	q.err = p->err;
	q.depth = p->depth;
	q.in_function = p->in_function;
	q.python = p->python;
	q.lx.text = p->text;
	q.lx.len = end;
	q.lx.pos = start;
	e = parse_exprlist(&q);
	if (e != NULL && cur_kind(&q) != TOK_END) {
		char what[80];

		fail(&q, cur_offset(&q), NULL, "f-string: expected '}' after "
		    "the expression, found %s", found(&q, what, sizeof what));
		ast_free_expr(e);
		e = NULL;
	}
	parser_done(&q);
	if (e == NULL)
		p->failed = true;
	return e;
}

/* Where the expression of the field at i ends (3.11's fstring_find_expr):
 * at a '!', ':', '=' or '}' outside brackets and strings; 0 after an
 * error. */
static size_t
field_expr_end(struct parser *p, size_t i, size_t end)
{
	const char	*t = p->text;
	unsigned	 depth = 0;
	char		 quote = 0;

	for (; i < end; i++) {
		char c = t[i], next = i + 1 < end ? t[i + 1] : 0;

		if (c == '\\')
			return fail(p, i, NULL, "f-string expression part "
			    "cannot include a backslash"), 0;
		if (quote != 0) {
			if (c == quote)
				quote = 0;
			continue;
		}
		if (c == '\'' || c == '"')
			quote = c;
		else if (c == '#')
			return fail(p, i, NULL, "f-string expression part "
			    "cannot include '#'"), 0;
		else if (c == '(' || c == '[' || c == '{')
			depth++;
		else if ((c == ')' || c == ']' || (c == '}' && depth > 0)) &&
		    depth > 0)
			depth--;
		else if (depth == 0 && (c == '!' || c == '=' || c == '<' ||
		    c == '>') && next == '=')
			i++;
		else if (depth == 0 && (c == '!' || c == ':' || c == '}' ||
		    c == '='))
			return i;
	}
	return fail(p, end, NULL, "f-string: expecting '}'"), 0;
}

/* field -> '{' expr ['=' ] ['!' conversion] [':' spec] '}', from the
 * '{' at *at; *at is left past the '}'. */
static struct expr *
parse_field(struct parser *p, size_t *at, size_t end)
{
	const char	*t = p->text;
	size_t		 i = *at + 1, e_end, spec;
	struct expr	*value, *f;
	bool		 blank = true;
	char		 conversion = 0;

	if ((e_end = field_expr_end(p, i, end)) == 0)
		return NULL;
	for (size_t k = i; k < e_end; k++)
		blank = blank && (t[k] == ' ' || t[k] == '\t');
	if (blank)
		return fail(p, e_end, NULL, "f-string: empty expression not "
		    "allowed");
	if (t[e_end] == '=')
		return fail(p, e_end, "write the name and the value: "
		    "f'x={x}'", "the = specifier of f-strings (f'{x=}') is "
		    "not supported yet");
	if ((value = parse_field_expr(p, i, e_end)) == NULL)
		return NULL;
	i = e_end;
	if (t[i] == '!') {
		conversion = i + 1 < end ? t[i + 1] : 0;
		if (conversion == 'a') {
			fail(p, i, "use !r: for ASCII text, ascii() and repr() "
			    "agree", "the !a conversion is not supported yet");
			goto fail;
		}
		if (conversion != 's' && conversion != 'r') {
			fail(p, i + 1, NULL, "f-string: invalid conversion "
			    "character: expected 's', 'r', or 'a'");
			goto fail;
		}
		i += 2;
	}
	f = new_expr(EXPR_FORMAT, (uint32_t)*at);
	f->as.seq.items = xcalloc(2, sizeof *f->as.seq.items);
	f->as.seq.items[0] = value;
	f->as.seq.count = 1;
	f->as.seq.ops = xcalloc(1, 1);
	f->as.seq.ops[0] = (uint8_t)conversion;
	if (i < end && t[i] == ':') {
		struct expr *sp;

		spec = ++i;
		while (i < end && t[i] != '}' && t[i] != '{')
			i++;
		if (i < end && t[i] == '{') {
			fail(p, i, NULL, "a field inside a format spec "
			    "(f'{x:{width}}') is not supported yet");
			ast_free_expr(f);
			return NULL;
		}
		sp = new_expr(EXPR_STR, (uint32_t)spec);
		sp->length = (uint32_t)(i - spec);
		sp->as.str.bytes = xmalloc(i - spec + 1);
		memcpy(sp->as.str.bytes, t + spec, i - spec);
		sp->as.str.bytes[i - spec] = '\0';
		sp->as.str.len = i - spec;
		f->as.seq.items[1] = sp;
		f->as.seq.count = 2;
	}
	if (i >= end || t[i] != '}') {
		fail(p, i, NULL, "f-string: expecting '}'");
		ast_free_expr(f);
		return NULL;
	}
	f->length = (uint32_t)(i + 1 - *at);
	*at = i + 1;
	return f;
fail:
	ast_free_expr(value);
	return NULL;
}

/* Ends the literal part in lit (if any) as a piece of v. */
static void
flush_literal(struct exprvec *v, struct strbuf *lit, size_t from, size_t to)
{
	struct expr *e;

	if (lit->len == 0)
		return;
	e = new_expr(EXPR_STR, (uint32_t)from);
	e->length = (uint32_t)(to - from);
	e->as.str.len = lit->len;
	e->as.str.bytes = strbuf_detach(lit);
	vec_push(v, e);
}

/*
 * fstring -> FSTRING: the literal parts ({{ and }} for braces) and the
 * fields.  Without a field it is a str constant; with one, EXPR_FSTRING.
 */
static struct expr *
parse_fstring(struct parser *p)
{
	struct token	*tok = peek(p, 0);
	const char	*t = p->text;
	size_t		 end = tok->offset + tok->length - 1;
	size_t		 i = end - tok->value.str.len, from = i, lit_from = i;
	bool		 raw = false;
	struct strbuf	 lit = STRBUF_INIT;
	struct exprvec	 v = { 0 };
	size_t		 chars = 0;
	struct expr	*e;
	uint32_t	 start = tok->offset;

	for (size_t k = tok->offset; t[k] != '\'' && t[k] != '"'; k++)
		raw = raw || t[k] == 'r' || t[k] == 'R';
	while (i <= end) {
		if (i < end && t[i] != '{' && t[i] != '}') {
			i++;
			continue;
		}
		if (!lexer_decode(t, from, i, raw, &lit, &chars, p->err)) {
			p->failed = true;
			goto fail;
		}
		if (i == end)
			break;
		if (i + 1 < end && t[i + 1] == t[i]) {
			strbuf_putc(&lit, t[i]);
			chars++;
			from = i += 2;
			continue;
		}
		if (t[i] == '}') {
			fail(p, i, "write }} for a brace itself",
			    "f-string: single '}' is not allowed");
			goto fail;
		}
		flush_literal(&v, &lit, lit_from, i);
		if ((e = parse_field(p, &i, end)) == NULL)
			goto fail;
		vec_push(&v, e);
		from = lit_from = i;
	}
	if (chars > LIMIT_MAX_STRING) {
		fail(p, start, NULL, "string longer than %d characters (the "
		    "limit of DESIGN §8)", LIMIT_MAX_STRING);
		goto fail;
	}
	advance(p);
	if (v.count == 0) {
		e = new_expr(EXPR_STR, start);
		e->as.str.len = lit.len;
		e->as.str.bytes = strbuf_detach(&lit);
		return finish(p, e, start);
	}
	flush_literal(&v, &lit, lit_from, end);
	e = seq_expr(EXPR_FSTRING, &v);
	return finish(p, e, start);
fail:
	strbuf_free(&lit);
	vec_free(&v);
	return NULL;
}

/* strings -> STRING {STRING}: adjacent literals are one, as in Python. */
static struct expr *
parse_strings(struct parser *p)
{
	uint32_t	 start = cur_offset(p);
	struct strbuf	 sb = STRBUF_INIT;
	size_t		 chars = 0;
	struct token	*t;
	struct expr	*e;

	if (kind_at(p, 0) == TOK_FSTRING && kind_at(p, 1) != TOK_STRING &&
	    kind_at(p, 1) != TOK_FSTRING)
		return parse_fstring(p);
	for (size_t k = 0; kind_at(p, k) == TOK_STRING ||
	    kind_at(p, k) == TOK_FSTRING; k++)
		if (kind_at(p, k) == TOK_FSTRING)
			return fail(p, peek(p, k)->offset, "join them with +",
			    "an f-string beside another string literal is not "
			    "supported yet");
	while ((t = peek(p, 0))->kind == TOK_STRING) {
		strbuf_append(&sb, t->value.str.bytes, t->value.str.len);
		chars += t->value.str.chars;
		advance(p);
	}
	if (chars > LIMIT_MAX_STRING) {
		strbuf_free(&sb);
		return fail(p, start, "build a long text with + from shorter "
		    "strings, or shorten it", "string longer than %d "
		    "characters (the limit of DESIGN §8)", LIMIT_MAX_STRING);
	}
	e = new_expr(EXPR_STR, start);
	e->as.str.len = sb.len;
	e->as.str.bytes = strbuf_detach(&sb);
	return finish(p, e, start);
}

/* The atom a NAME token stands for: its NFKC form (PEP 3131), which the
 * lexer made when it was not ASCII. */
static atom_t
name_atom(const struct parser *p, const struct token *t)
{
	if (t->value.str.bytes != NULL)
		return atom_intern(t->value.str.bytes, t->value.str.len);
	return atom_intern(p->text + t->offset, t->length);
}

/*
 * atom -> NAME | INT | FLOAT | strings | 'True' | 'False' | 'None'
 *       | paren | list | brace
 */
static struct expr *
parse_atom(struct parser *p)
{
	struct token		*t = peek(p, 0);
	uint32_t		 start = t->offset;
	struct expr		*e;
	const struct refusal	*r;

	switch (t->kind) {
	case TOK_NAME:
		e = new_expr(EXPR_NAME, start);
		e->as.name = name_atom(p, t);
		advance(p);
		return finish(p, e, start);
	case TOK_INT:
		e = new_expr(EXPR_INT, start);
		e->as.int_value = t->value.int_value;
		e->big = t->big != NULL ? bigint_copy(t->big) : NULL;
		advance(p);
		return finish(p, e, start);
	case TOK_FLOAT:
		e = new_expr(EXPR_FLOAT, start);
		e->as.float_value = t->value.float_value;
		advance(p);
		return finish(p, e, start);
	case TOK_STRING:
	case TOK_FSTRING:
		return parse_strings(p);
	case TOK_KW_TRUE:
	case TOK_KW_FALSE:
	case TOK_KW_NONE:
		e = new_expr(t->kind == TOK_KW_TRUE ? EXPR_TRUE :
		    t->kind == TOK_KW_FALSE ? EXPR_FALSE : EXPR_NONE, start);
		advance(p);
		return finish(p, e, start);
	case TOK_LPAREN:
	case TOK_LBRACKET:
	case TOK_LBRACE: {
		enum token_kind opener = t->kind;

		/* a bracket pair is a level, as a call's parentheses are */
		enum token_kind outer = p->bracket;

		if (!enter(p))
			return NULL;
		p->bracket = opener;
		e = opener == TOK_LPAREN ? parse_paren(p) :
		    opener == TOK_LBRACKET ? parse_list(p) : parse_brace(p);
		p->bracket = outer;
		leave(p, 1);
		return e;
	}
	case TOK_ELLIPSIS:
		return fail(p, start, "write `pass` for a step that does "
		    "nothing, or use None as a placeholder",
		    "`...` (Ellipsis) is not part of the subset");
	case TOK_STAR:
	case TOK_DSTAR:
		return fail(p, start, "name each item (a, b = t) and pass each "
		    "argument by position", "unpacking with `%s` is not part "
		    "of the subset", token_kind_text(t->kind));
	case TOK_KW_LAMBDA:
	case TOK_KW_YIELD:
	case TOK_KW_AWAIT:
		r = find_refusal(t->kind);
		return fail(p, start, r->hint, "%s", r->message);
	case TOK_KW_NOT:
		if (!p->expect_mode)
			return expected_expr(p);
		return fail(p, start, HINT_FORMS, "`not` is not part of the "
		    "subset of expect: lines");
	default:
		return expected_expr(p);
	}
}

/* call -> '(' [test {',' test} [',']] ')'   (positional arguments only) */
static struct expr *
parse_call_args(struct parser *p, struct expr *callee, uint32_t start)
{
	uint32_t	 open = cur_offset(p);
	struct exprvec	 args = { NULL, 0, 0 };
	struct expr	*e;
	enum token_kind	 k;
	atom_t		*keywords = NULL;

	advance(p);
	while ((k = cur_kind(p)) != TOK_RPAREN) {
		atom_t kw = ATOM_NONE;

		if (k == TOK_STAR || k == TOK_DSTAR) {
			fail(p, cur_offset(p), "pass each argument by position",
			    "unpacking arguments with `%s` is not part of the "
			    "subset", token_kind_text(k));
			goto fail;
		}
		if (k == TOK_NAME && kind_at(p, 1) == TOK_ASSIGN) {
			if (!p->python) {
				fail(p, cur_offset(p), "pass the arguments by "
				    "position; print separates its arguments "
				    "with a space", "keyword arguments are not "
				    "part of the subset");
				goto fail;
			}
			kw = name_atom(p, peek(p, 0));
			for (uint32_t i = 0; keywords != NULL &&
			    i < args.count; i++)
				if (keywords[i] == kw) {
					fail(p, cur_offset(p), NULL,
					    "SyntaxError: keyword argument "
					    "repeated: %s", atom_name(kw));
					goto fail;
				}
			advance(p);		/* the name */
			advance(p);		/* the '=' */
			k = cur_kind(p);
		} else if (keywords != NULL && starts_expr(k)) {
			fail(p, cur_offset(p), NULL, "SyntaxError: positional "
			    "argument follows keyword argument");
			goto fail;
		}
		if (!starts_expr(k)) {
			if (args.count == 0 && k != TOK_COMMA)
				expected_expr(p);
			else
				close_error(p, TOK_RPAREN, open);
			goto fail;
		}
		if ((e = parse_test(p)) == NULL)
			goto fail;
		if (cur_kind(p) == TOK_KW_FOR) {
			/* f(x for x in y): the generator is the argument,
			 * the call's parentheses its own */
			if (args.count > 0 || kw != ATOM_NONE) {
				uint32_t at = e->offset;

				ast_free_expr(e);
				fail(p, at, "put it in parentheses "
				    "of its own", "SyntaxError: Generator "
				    "expression must be parenthesized");
				goto fail;
			}
			if ((e = parse_comp(p, EXPR_GENEXP, e, NULL, open,
			    TOK_RPAREN)) == NULL)
				goto fail;
			vec_push(&args, e);
			goto done;
		}
		if (kw != ATOM_NONE || keywords != NULL) {
			bool first = keywords == NULL;

			keywords = xreallocarray(keywords, args.count + 1,
			    sizeof *keywords);
			if (first)	/* the positional ones before it */
				memset(keywords, 0, args.count *
				    sizeof *keywords);
			keywords[args.count] = kw;
		}
		vec_push(&args, e);
		if (cur_kind(p) == TOK_COMMA)
			advance(p);
		else if (cur_kind(p) != TOK_RPAREN) {
			close_error(p, TOK_RPAREN, open);
			goto fail;
		}
	}
	advance(p);
done:
	e = new_expr(EXPR_CALL, start);
	e->as.call.callee = callee;
	e->as.call.args = args.items;
	e->as.call.count = args.count;
	e->as.call.keywords = keywords;
	return finish(p, e, start);
fail:
	ast_free_expr(callee);
	vec_free(&args);
	xfree(keywords);
	return NULL;
}

/* A call's arguments: a `for` among them makes a generator expression. */
static struct expr *
parse_call(struct parser *p, struct expr *callee, uint32_t start)
{
	enum token_kind	 outer = p->bracket;
	struct expr	*e;

	p->bracket = TOK_LPAREN;
	e = parse_call_args(p, callee, start);
	p->bracket = outer;
	return e;
}

/*
 * A bound of a slice that is not written is the constant None, as
 * CPython's compiler loads it; it covers no text (length 0), so the
 * slice's text shows it as written.
 */
static struct expr *
slice_bound(struct parser *p)
{
	if (cur_kind(p) == TOK_COLON || cur_kind(p) == TOK_RBRACKET ||
	    cur_kind(p) == TOK_COMMA)
		return new_expr(EXPR_NONE, cur_offset(p));
	return parse_test(p);
}

/* slice -> [test] ':' [test] [':' [test]]   (lower already read) */
static struct expr *
parse_slice(struct parser *p, struct expr *lower, uint32_t start)
{
	struct expr	*e = new_expr(EXPR_SLICE, start);

	e->as.seq.items = xcalloc(3, sizeof *e->as.seq.items);
	e->as.seq.count = 3;
	e->as.seq.items[0] = lower != NULL ? lower :
	    new_expr(EXPR_NONE, start);
	advance(p);	/* the first ':' */
	if ((e->as.seq.items[1] = slice_bound(p)) == NULL)
		goto fail;
	if (cur_kind(p) == TOK_COLON) {
		advance(p);
		if ((e->as.seq.items[2] = slice_bound(p)) == NULL)
			goto fail;
	} else
		e->as.seq.items[2] = new_expr(EXPR_NONE, cur_offset(p));
	return finish(p, e, start);
fail:
	ast_free_expr(e);
	return NULL;
}

/* subscript -> '[' (slice | test {',' test} [',']) ']' */
static struct expr *
parse_subscript(struct parser *p, struct expr *object, uint32_t start)
{
	uint32_t	 open = cur_offset(p), istart;
	struct expr	*index = NULL, *e;
	char		 what[80];

	advance(p);
	istart = cur_offset(p);
	if (cur_kind(p) == TOK_COLON) {
		if ((index = parse_slice(p, NULL, istart)) == NULL)
			goto fail;
		goto close;
	}
	if (cur_kind(p) == TOK_RBRACKET || !starts_expr(cur_kind(p))) {
		fail(p, cur_offset(p), NULL, "expected an index after '[', "
		    "found %s", found(p, what, sizeof what));
		goto fail;
	}
	if ((index = parse_exprlist(p)) == NULL)
		goto fail;
	if (cur_kind(p) == TOK_COLON) {
		if (index->kind == EXPR_TUPLE)
			goto several;
		if ((index = parse_slice(p, index, istart)) == NULL)
			goto fail;
	}
close:
	if (cur_kind(p) == TOK_COMMA)
		goto several;
	if (cur_kind(p) != TOK_RBRACKET) {
		close_error(p, TOK_RBRACKET, open);
		goto fail;
	}
	advance(p);
	e = new_expr(EXPR_INDEX, start);
	e->as.index.object = object;
	e->as.index.index = index;
	return finish(p, e, start);
several:
	fail(p, cur_offset(p), "take one slice at a time: x[1:3]",
	    "a subscript of several slices (a tuple holding a slice) is not "
	    "supported yet");
fail:
	ast_free_expr(object);
	ast_free_expr(index);
	return NULL;
}

/*
 * postfix -> atom { '(' call | '.' NAME | '[' subscript }
 * Each trailer deepens the tree by one, so each counts as a level.
 */
static struct expr *
parse_postfix(struct parser *p)
{
	uint32_t	 start = cur_offset(p), levels = 0;
	struct expr	*e, *a;
	struct token	*t;
	char		 what[80];

	if ((e = parse_atom(p)) == NULL)
		return NULL;
	for (;;) {
		switch (cur_kind(p)) {
		case TOK_LPAREN:
		case TOK_DOT:
		case TOK_LBRACKET:
			break;
		default:
			leave(p, levels);
			return e;
		}
		if (!enter(p))
			break;
		levels++;
		if (cur_kind(p) == TOK_LPAREN)
			e = parse_call(p, e, start);
		else if (cur_kind(p) == TOK_LBRACKET)
			e = parse_subscript(p, e, start);
		else {
			advance(p);
			t = peek(p, 0);
			if (t->kind != TOK_NAME) {
				fail(p, t->offset, token_is_keyword(t->kind) ?
				    "a keyword cannot be an attribute name" :
				    NULL, "expected an attribute name after "
				    "'.', found %s",
				    found(p, what, sizeof what));
				break;
			}
			a = new_expr(EXPR_ATTR, start);
			a->as.attr.object = e;
			a->as.attr.name = name_atom(p, t);
			a->as.attr.name_offset = t->offset;
			advance(p);
			e = finish(p, a, start);
		}
		if (e == NULL) {
			leave(p, levels);
			return NULL;
		}
	}
	leave(p, levels);
	ast_free_expr(e);
	return NULL;
}

static struct expr *parse_factor(struct parser *);

/* power -> postfix ['**' factor]   (right-associative: a ** b ** c is
 * a ** (b ** c), and 2 ** -1 takes a unary operand on the right) */
static struct expr *
parse_power(struct parser *p)
{
	uint32_t	 start = cur_offset(p);
	struct expr	*e, *right, *b;

	if ((e = parse_postfix(p)) == NULL)
		return NULL;
	if (cur_kind(p) != TOK_DSTAR)
		return e;
	if (!enter(p)) {
		ast_free_expr(e);
		return NULL;
	}
	advance(p);
	right = parse_factor(p);
	leave(p, 1);
	if (right == NULL) {
		ast_free_expr(e);
		return NULL;
	}
	b = new_expr(EXPR_BINARY, start);
	b->as.binary.op = BINOP_POW;
	b->as.binary.left = e;
	b->as.binary.right = right;
	return finish(p, b, start);
}

/* factor -> ('-' | '+') factor | power */
static struct expr *
parse_factor(struct parser *p)
{
	uint32_t	 start = cur_offset(p);
	enum token_kind	 k = cur_kind(p);
	struct expr	*operand, *e;

	if (k == TOK_TILDE)
		return fail(p, start, "the subset has + - * / // % on numbers",
		    "'~' (bitwise not) is not part of the subset");
	if (k != TOK_MINUS && k != TOK_PLUS)
		return parse_power(p);
	if (!enter(p))
		return NULL;
	advance(p);
	operand = parse_factor(p);
	leave(p, 1);
	if (operand == NULL)
		return NULL;
	e = new_expr(EXPR_UNARY, start);
	e->as.unary.op = k == TOK_MINUS ? UNOP_NEG : UNOP_POS;
	e->as.unary.operand = operand;
	return finish(p, e, start);
}

static bool
binary_op(enum token_kind k, bool term, enum binary_op *op)
{
	if (!term && (k == TOK_PLUS || k == TOK_MINUS)) {
		*op = k == TOK_PLUS ? BINOP_ADD : BINOP_SUB;
		return true;
	}
	if (term && k == TOK_STAR) {
		*op = BINOP_MUL;
		return true;
	}
	if (term && k == TOK_SLASH) {
		*op = BINOP_DIV;
		return true;
	}
	if (term && k == TOK_DSLASH) {
		*op = BINOP_FLOORDIV;
		return true;
	}
	if (term && k == TOK_PERCENT) {
		*op = BINOP_MOD;
		return true;
	}
	return false;
}

/*
 * term  -> factor {('*' | '/' | '//' | '%') factor}
 * arith -> term {('+' | '-') term}
 * Left-associative; each operator of a chain deepens the tree by one.
 */
static struct expr *
parse_binary(struct parser *p, bool term)
{
	uint32_t	 start = cur_offset(p), levels = 0;
	struct expr	*left, *right, *e;
	enum binary_op	 op;

	left = term ? parse_factor(p) : parse_binary(p, true);
	if (left == NULL)
		return NULL;
	while (binary_op(cur_kind(p), term, &op)) {
		if (!enter(p)) {
			ast_free_expr(left);
			left = NULL;
			break;
		}
		levels++;
		advance(p);
		right = term ? parse_factor(p) : parse_binary(p, true);
		if (right == NULL) {
			ast_free_expr(left);
			left = NULL;
			break;
		}
		e = new_expr(EXPR_BINARY, start);
		e->as.binary.op = op;
		e->as.binary.left = left;
		e->as.binary.right = right;
		left = finish(p, e, start);
	}
	leave(p, levels);
	return left;
}

/*
 * The comparison operator at the current token, and how many tokens it
 * takes (`is not` and `not in` are two); false when there is none.
 */
static bool
compare_op_at(struct parser *p, enum compare_op *op, unsigned *ntokens)
{
	static const struct {
		enum token_kind	 kind;
		enum compare_op	 op;
	} ops[] = {
		{ TOK_EQ, CMP_EQ }, { TOK_NE, CMP_NE }, { TOK_LT, CMP_LT },
		{ TOK_GT, CMP_GT }, { TOK_LE, CMP_LE }, { TOK_GE, CMP_GE },
		{ TOK_KW_IN, CMP_IN },
	};
	enum token_kind k = cur_kind(p);

	*ntokens = 1;
	for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
		if (ops[i].kind == k) {
			*op = ops[i].op;
			return true;
		}
	}
	if (k == TOK_KW_IS) {
		*op = kind_at(p, 1) == TOK_KW_NOT ? CMP_IS_NOT : CMP_IS;
		*ntokens = *op == CMP_IS_NOT ? 2 : 1;
		return true;
	}
	if (k == TOK_KW_NOT && kind_at(p, 1) == TOK_KW_IN) {
		*op = CMP_NOT_IN;
		*ntokens = 2;
		return true;
	}
	return false;
}

/*
 * comparison -> arith {comp_op arith}
 * comp_op    -> '<' | '>' | '==' | '>=' | '<=' | '!=' | 'in' | 'not' 'in'
 *             | 'is' | 'is' 'not'
 * A chain is one node, as in Python's ast: a < b < c evaluates b once.
 */
static struct expr *
parse_comparison(struct parser *p)
{
	uint32_t	 start = cur_offset(p);
	struct exprvec	 v = { NULL, 0, 0 };
	struct expr	*e;
	uint8_t		*ops = NULL;
	enum compare_op	 op;
	unsigned	 n;
	char		 what[80];

	if ((e = parse_binary(p, false)) == NULL)
		return NULL;
	if (!compare_op_at(p, &op, &n)) {
		if (cur_kind(p) == TOK_KW_NOT) {
			uint32_t at = cur_offset(p);

			ast_free_expr(e);
			advance(p);
			return fail(p, at, NULL, "expected 'in' after 'not', "
			    "found %s", found(p, what, sizeof what));
		}
		return e;
	}
	if (!enter(p)) {
		ast_free_expr(e);
		return NULL;
	}
	vec_push(&v, e);
	while (compare_op_at(p, &op, &n)) {
		ops = xreallocarray(ops, v.count, sizeof *ops);
		ops[v.count - 1] = (uint8_t)op;
		while (n-- > 0)
			advance(p);
		if ((e = parse_binary(p, false)) == NULL) {
			vec_free(&v);
			xfree(ops);
			leave(p, 1);
			return NULL;
		}
		vec_push(&v, e);
	}
	leave(p, 1);
	e = seq_expr(EXPR_COMPARE, &v);
	e->as.seq.ops = ops;
	return finish(p, e, start);
}

/* not_test -> 'not' not_test | comparison */
static struct expr *
parse_not(struct parser *p)
{
	uint32_t	 start = cur_offset(p);
	struct expr	*operand, *e;

	if (cur_kind(p) != TOK_KW_NOT)
		return parse_comparison(p);
	if (!enter(p))
		return NULL;
	advance(p);
	operand = parse_not(p);
	leave(p, 1);
	if (operand == NULL)
		return NULL;
	e = new_expr(EXPR_UNARY, start);
	e->as.unary.op = UNOP_NOT;
	e->as.unary.operand = operand;
	return finish(p, e, start);
}

/*
 * and_test -> not_test {'and' not_test}
 * or_test  -> and_test {'or' and_test}
 * A run of one operator is one node (Python's BoolOp).
 */
static struct expr *
parse_boolop(struct parser *p, bool is_or)
{
	uint32_t	 start = cur_offset(p);
	enum token_kind	 k = is_or ? TOK_KW_OR : TOK_KW_AND;
	struct exprvec	 v = { NULL, 0, 0 };
	struct expr	*e;

	e = is_or ? parse_boolop(p, false) : parse_not(p);
	if (e == NULL || cur_kind(p) != k)
		return e;
	if (!enter(p)) {
		ast_free_expr(e);
		return NULL;
	}
	vec_push(&v, e);
	while (cur_kind(p) == k) {
		advance(p);
		e = is_or ? parse_boolop(p, false) : parse_not(p);
		if (e == NULL) {
			vec_free(&v);
			leave(p, 1);
			return NULL;
		}
		vec_push(&v, e);
	}
	leave(p, 1);
	return finish(p, seq_expr(is_or ? EXPR_OR : EXPR_AND, &v), start);
}

/*
 * test -> or_test
 * Conditional expressions, comprehensions and `:=` start after a complete
 * operand: they are refused here.  An expect: line takes its comparison
 * itself, so there a test stops at the arithmetic.
 */
static struct expr *
parse_test(struct parser *p)
{
	struct expr	*e;

	/* no level of its own: every way back here passes a bracket, a
	 * call or a subscript, each of which is one */
	if (cur_kind(p) == TOK_KW_LAMBDA && p->python && !p->expect_mode)
		return parse_lambda(p);
	e = p->expect_mode ? parse_binary(p, false) : parse_boolop(p, true);
	if (e != NULL && cur_kind(p) == TOK_KW_IF && p->python &&
	    !p->expect_mode)
		e = parse_ifexp(p, e);
	if (e != NULL && refuse_after_operand(p)) {
		ast_free_expr(e);
		return NULL;
	}
	return e;
}

/* ifexp -> or_test 'if' or_test 'else' test, after its body (taken). */
static struct expr *
parse_ifexp(struct parser *p, struct expr *body)
{
	struct exprvec	 v = { NULL, 0, 0 };
	struct expr	*e;
	char		 what[80];

	advance(p);
	if ((e = parse_boolop(p, true)) == NULL) {
		ast_free_expr(body);
		return NULL;
	}
	vec_push(&v, e);
	vec_push(&v, body);
	if (cur_kind(p) != TOK_KW_ELSE) {
		vec_free(&v);
		return fail(p, cur_offset(p), NULL, "expected 'else' after "
		    "the condition of a conditional expression, found %s",
		    found(p, what, sizeof what));
	}
	advance(p);
	if ((e = parse_test(p)) == NULL) {
		vec_free(&v);
		return NULL;
	}
	vec_push(&v, e);
	return finish(p, seq_expr(EXPR_IFEXP, &v), body->offset);
}

/* exprlist -> test {',' test} [',']   (a tuple when there is a comma) */
static struct expr *
parse_exprlist(struct parser *p)
{
	uint32_t	 start = cur_offset(p);
	struct exprvec	 v = { NULL, 0, 0 };
	struct expr	*e;

	if ((e = parse_test(p)) == NULL)
		return NULL;
	if (cur_kind(p) != TOK_COMMA)
		return e;
	vec_push(&v, e);
	while (cur_kind(p) == TOK_COMMA) {
		advance(p);
		if (!starts_expr(cur_kind(p)))
			break;
		if ((e = parse_test(p)) == NULL) {
			vec_free(&v);
			return NULL;
		}
		vec_push(&v, e);
	}
	return finish(p, seq_expr(EXPR_TUPLE, &v), start);
}

/* An expression where one is required: names the missing one first. */
static struct expr *
parse_required(struct parser *p, bool list)
{
	if (!starts_expr(cur_kind(p)))
		return expected_expr(p);
	return list ? parse_exprlist(p) : parse_test(p);
}

/* Whether name is __debug__, which no statement may bind. */
static bool
is_debug(atom_t name)
{
	return strcmp(atom_name(name), "__debug__") == 0;
}

enum target_use {
	TARGET_ASSIGN,		/* =  : tuples and lists of targets too */
	TARGET_AUG,		/* += */
	TARGET_DEL		/* del */
};

/*
 * target -> NAME | postfix '.' NAME | postfix '[' index ']'
 *         | '(' target {',' target} ')' | '[' target {',' target} ']'
 * Checks that e may stand on the left of = (or op=, or after del).
 */
static bool
check_target(struct parser *p, const struct expr *e, enum target_use use,
    unsigned depth)
{
	const char	*verb, *what, *hint;
	uint32_t	 i;

	/* __debug__ is a constant to CPython's compiler: never a target,
	 * as a name or as an attribute (del x.__debug__ compiles) */
	if ((e->kind == EXPR_NAME && is_debug(e->as.name)) ||
	    (e->kind == EXPR_ATTR && use != TARGET_DEL &&
	    is_debug(e->as.attr.name))) {
		fail(p, e->kind == EXPR_ATTR ? e->as.attr.name_offset :
		    e->offset, NULL, "SyntaxError: cannot %s __debug__",
		    use == TARGET_DEL ? "delete" : "assign to");
		return false;
	}
	switch (e->kind) {
	case EXPR_NAME:
	case EXPR_ATTR:
	case EXPR_INDEX:
		return true;
	default:
		break;
	}
	verb = use == TARGET_DEL ? "delete" : "assign to";
	hint = use == TARGET_DEL ? "del takes names, attributes (x.a) and "
	    "subscripts (x[0]), separated by commas" : use == TARGET_AUG ?
	    "augment one name, attribute (x.a) or subscript (x[0]) at a time" :
	    HINT_TARGET;
	switch (e->kind) {
	case EXPR_TUPLE:
	case EXPR_LIST:
		if (use == TARGET_ASSIGN) {
			if (depth >= PARSER_MAX_DEPTH) {
				fail(p, e->offset, NULL, "targets nested too "
				    "deeply");
				return false;
			}
			for (i = 0; i < e->as.seq.count; i++) {
				if (!check_target(p, e->as.seq.items[i], use,
				    depth + 1))
					return false;
			}
			return true;
		}
		if (use == TARGET_DEL) {
			fail(p, e->offset, "write `del a, b`", "del takes its "
			    "targets separated by commas, not a %s",
			    e->kind == EXPR_TUPLE ? "tuple" : "list");
			return false;
		}
		fail(p, e->offset, hint, "a %s cannot be the target of an "
		    "augmented assignment", e->kind == EXPR_TUPLE ? "tuple" :
		    "list");
		return false;
	case EXPR_CALL:
		what = "a function call";
		if (use == TARGET_ASSIGN)
			hint = "to compare, use an `expect:` line; "
			    HINT_TARGET;
		break;
	case EXPR_INT:
	case EXPR_FLOAT:
	case EXPR_STR:
		what = "a literal";
		break;
	case EXPR_TRUE:
		what = "True";
		break;
	case EXPR_FALSE:
		what = "False";
		break;
	case EXPR_NONE:
		what = "None";
		break;
	case EXPR_BINARY:
	case EXPR_UNARY:
		what = "an expression";
		break;
	case EXPR_DICT:
		what = "a dict display";
		break;
	case EXPR_SET:
		what = "a set display";
		break;
	default:
		what = "this";
		break;
	}
	fail(p, e->offset, hint, "cannot %s %s", verb, what);
	return false;
}

/* del_stmt -> 'del' test {',' test} [','] */
static struct stmt *
parse_del(struct parser *p, uint32_t start)
{
	struct exprvec	 v = { NULL, 0, 0 };
	struct expr	*e;
	struct stmt	*s;

	advance(p);
	do {
		if ((e = parse_required(p, false)) == NULL)
			goto fail;
		vec_push(&v, e);
		if (!check_target(p, e, TARGET_DEL, 0))
			goto fail;
		if (cur_kind(p) != TOK_COMMA)
			break;
		advance(p);
	} while (starts_expr(cur_kind(p)));
	s = xcalloc(1, sizeof *s);
	s->kind = STMT_DEL;
	s->offset = start;
	s->as.del.targets = v.items;
	s->as.del.count = v.count;
	return s;
fail:
	vec_free(&v);
	return NULL;
}

/* return_stmt -> 'return' [exprlist] */
static struct stmt *
parse_return(struct parser *p, uint32_t start)
{
	struct expr	*value = NULL;
	struct stmt	*s;

	if (!p->in_function && p->python)
		return fail(p, start, NULL, "SyntaxError: 'return' outside "
		    "function");
	if (!p->in_function)
		return fail(p, start, "a step of `steps:` runs at module level; "
		    "put the step in a function's `body:`", "`return` is only "
		    "allowed in a function body (under functions:)");
	advance(p);
	if (starts_expr(cur_kind(p)) &&
	    (value = parse_exprlist(p)) == NULL)
		return NULL;
	s = xcalloc(1, sizeof *s);
	s->kind = STMT_RETURN;
	s->offset = start;
	s->as.value = value;
	return s;
}

/* After first (parsed): when the current token is sep (raise's `from`,
 * assert's comma), the expression after it into *second.  False, first
 * freed, on an error. */
static bool
parse_then(struct parser *p, enum token_kind sep, struct expr *first,
    struct expr **second)
{
	if (cur_kind(p) != sep)
		return true;
	advance(p);
	if ((*second = parse_required(p, false)) != NULL)
		return true;
	ast_free_expr(first);
	return false;
}

/* raise_stmt -> 'raise' [test ['from' test]] */
static struct stmt *
parse_raise(struct parser *p, uint32_t start)
{
	struct expr	*value = NULL, *cause = NULL;
	struct stmt	*s;

	advance(p);
	if (starts_expr(cur_kind(p)) &&
	    (value = parse_required(p, false)) == NULL)
		return NULL;
	if (value != NULL && !parse_then(p, TOK_KW_FROM, value, &cause))
		return NULL;
	s = xcalloc(1, sizeof *s);
	s->kind = STMT_RAISE;
	s->offset = start;
	s->as.value = value;
	s->cause = cause;
	return s;
}

/* assert_stmt -> 'assert' test [',' test] */
static struct stmt *
parse_assert(struct parser *p, uint32_t start)
{
	struct expr	*test, *message = NULL;
	struct stmt	*s;

	advance(p);
	if ((test = parse_required(p, false)) == NULL ||
	    !parse_then(p, TOK_COMMA, test, &message))
		return NULL;
	s = xcalloc(1, sizeof *s);
	s->kind = STMT_ASSERT;
	s->offset = start;
	s->as.test = test;
	s->cause = message;
	return s;
}

/* global_stmt -> 'global' NAME {',' NAME} */
static struct stmt *
parse_global(struct parser *p, uint32_t start)
{
	atom_t		*names = NULL;
	uint32_t	*offsets = NULL, count = 0, cap = 0;
	struct token	*t;
	struct stmt	*s;
	char		 what[80], aft[64];

	advance(p);
	for (;;) {
		t = peek(p, 0);
		if (t->kind != TOK_NAME) {
			fail(p, t->offset, NULL, "expected a name%s, found %s",
			    after(p, aft, sizeof aft),
			    found(p, what, sizeof what));
			xfree(names);
			xfree(offsets);
			return NULL;
		}
		if (count == cap) {
			cap = cap == 0 ? 4 : cap * 2;
			names = xreallocarray(names, cap, sizeof *names);
			offsets = xreallocarray(offsets, cap, sizeof *offsets);
		}
		names[count] = name_atom(p, t);
		offsets[count++] = t->offset;
		if (is_debug(names[count - 1])) {
			fail(p, t->offset, NULL, "SyntaxError: cannot assign to "
			    "__debug__");
			xfree(names);
			xfree(offsets);
			return NULL;
		}
		advance(p);
		if (cur_kind(p) != TOK_COMMA)
			break;
		advance(p);
	}
	s = xcalloc(1, sizeof *s);
	s->kind = STMT_GLOBAL;
	s->offset = start;
	s->as.global.names = names;
	s->as.global.offsets = offsets;
	s->as.global.count = count;
	return s;
}

/*
 * expr_stmt -> exprlist {'=' exprlist}
 *            | exprlist ('+=' | '-=' | '*=') exprlist
 * An expression alone is a statement too, as in Python (the simulator
 * evaluates and drops it); a call is the useful case.
 */
static struct stmt *
parse_expr_stmt(struct parser *p, uint32_t start)
{
	struct exprvec	 v = { NULL, 0, 0 };
	struct expr	*e;
	struct stmt	*s;
	enum token_kind	 k;
	enum binary_op	 op;
	uint32_t	 i;

	if ((e = parse_exprlist(p)) == NULL)
		return NULL;
	k = cur_kind(p);
	if (k == TOK_ASSIGN) {
		vec_push(&v, e);
		while (cur_kind(p) == TOK_ASSIGN) {
			advance(p);
			if ((e = parse_required(p, true)) == NULL)
				goto fail;
			vec_push(&v, e);
		}
		for (i = 0; i + 1 < v.count; i++) {
			if (!check_target(p, v.items[i], TARGET_ASSIGN, 0))
				goto fail;
		}
		s = xcalloc(1, sizeof *s);
		s->kind = STMT_ASSIGN;
		s->offset = start;
		s->as.assign.value = v.items[--v.count];
		s->as.assign.targets = v.items;
		s->as.assign.target_count = v.count;
		return s;
	}
	if (k == TOK_PLUSEQ || k == TOK_MINUSEQ || k == TOK_STAREQ) {
		op = k == TOK_PLUSEQ ? BINOP_ADD : k == TOK_MINUSEQ ?
		    BINOP_SUB : BINOP_MUL;
		vec_push(&v, e);
		if (!check_target(p, e, TARGET_AUG, 0))
			goto fail;
		advance(p);
		if ((e = parse_required(p, true)) == NULL)
			goto fail;
		s = xcalloc(1, sizeof *s);
		s->kind = STMT_AUGASSIGN;
		s->offset = start;
		s->as.aug.op = op;
		s->as.aug.target = v.items[0];
		s->as.aug.value = e;
		xfree(v.items);
		return s;
	}
	switch (k) {
	case TOK_SLASHEQ:
	case TOK_DSLASHEQ:
	case TOK_PERCENTEQ:
		fail(p, cur_offset(p), NULL, "'%s' is not part of the subset",
		    token_kind_text(k));
		snprintf(p->err->hint, sizeof p->err->hint, "only += -= *= are "
		    "part of the subset; write `x = x %.*s y`",
		    (int)strlen(token_kind_text(k)) - 1, token_kind_text(k));
		ast_free_expr(e);
		return NULL;
	case TOK_DSTAREQ: case TOK_ATEQ: case TOK_AMPEQ: case TOK_PIPEEQ:
	case TOK_CARETEQ: case TOK_LSHIFTEQ: case TOK_RSHIFTEQ:
		ast_free_expr(e);
		return fail(p, cur_offset(p), "only += -= *= are part of the "
		    "subset", "'%s' is not part of the subset",
		    token_kind_text(k));
	default:
		break;
	}
	s = xcalloc(1, sizeof *s);
	s->kind = STMT_EXPR;
	s->offset = start;
	s->as.expr = e;
	return s;
fail:
	vec_free(&v);
	return NULL;
}

/* Whether the statement is the single name `name`. */
static bool
stmt_is_name(const struct stmt *s, const char *name)
{
	return s->kind == STMT_EXPR && s->as.expr->kind == EXPR_NAME &&
	    strcmp(atom_name(s->as.expr->as.name), name) == 0;
}

/* What follows a complete statement: only the end of the line (a trailing
 * ';' is Python and harmless). */
static bool
parse_stmt_end(struct parser *p, const struct stmt *s)
{
	enum token_kind	 k = cur_kind(p);
	char		 what[80], aft[64];
	const char	*hint = NULL;

	if (k == TOK_SEMICOLON) {
		advance(p);
		if (cur_kind(p) == TOK_END)
			return true;
		if (p->python) {
			p->more = true;
			return true;
		}
		fail(p, p->toks[p->pos - 1].offset, "one statement per step: "
		    "put the second statement in its own step",
		    "';' separates statements, and a step holds one");
		return false;
	}
	if (k == TOK_NEWLINE) {
		advance(p);
		fail(p, cur_offset(p), "one statement per step: put the "
		    "second statement in its own step", "a step holds one "
		    "statement on one line, found a second line");
		return false;
	}
	if (k == TOK_END)
		return true;
	if (k == TOK_RPAREN || k == TOK_RBRACKET || k == TOK_RBRACE) {
		fail(p, cur_offset(p), NULL, "unmatched '%s'",
		    token_kind_text(k));
		return false;
	}
	if (k == TOK_COLON && s->kind == STMT_EXPR &&
	    s->as.expr->kind == EXPR_NAME) {
		fail(p, cur_offset(p), "write `x = value`", "annotations "
		    "(x: int) are not part of the subset");
		return false;
	}
	if (starts_operand(k) || k == TOK_LPAREN || k == TOK_LBRACKET) {
		if (stmt_is_name(s, "print") || stmt_is_name(s, "exec"))
			hint = "print is a function: print(x)";
		else if (stmt_is_name(s, "match") || stmt_is_name(s, "case"))
			hint = "`match` is not part of the subset: a scenario "
			    "is one straight path";
		else
			hint = "perhaps a comma or an operator is missing?";
	} else if (k == TOK_ASSIGN && s->kind != STMT_ASSIGN &&
	    s->kind != STMT_EXPR)
		hint = "an assignment is a statement of its own";
	else if (find_refusal(k) != NULL)
		hint = find_refusal(k)->hint;
	fail(p, cur_offset(p), hint, "expected the end of the statement%s, "
	    "found %s", after(p, aft, sizeof aft), found(p, what, sizeof what));
	return false;
}

/* The end of a header line: ':' and nothing after it. */
static bool
parse_header_end(struct parser *p, const char *what)
{
	char	found_buf[80];

	if (cur_kind(p) != TOK_COLON) {
		fail(p, cur_offset(p), NULL, "expected ':' after %s, found %s",
		    what, found(p, found_buf, sizeof found_buf));
		return false;
	}
	advance(p);
	if (cur_kind(p) != TOK_END) {
		fail(p, cur_offset(p), "put the block on the lines below, "
		    "indented", "a block on the line of its header is not "
		    "supported yet");
		return false;
	}
	return true;
}

/* header -> ('if' | 'elif' | 'while') test ':' END */
static struct stmt *
parse_test_header(struct parser *p, uint32_t start)
{
	enum token_kind	 k = cur_kind(p);
	struct expr	*test;
	struct stmt	*s;

	advance(p);
	if ((test = parse_required(p, false)) == NULL)
		return NULL;
	if (!parse_header_end(p, "the condition")) {
		ast_free_expr(test);
		return NULL;
	}
	s = xcalloc(1, sizeof *s);
	s->kind = k == TOK_KW_WHILE ? STMT_WHILE : STMT_IF;
	s->offset = start;
	s->as.test = test;
	return s;
}

/*
 * The targets of a `for` (statement or comprehension clause), after the
 * `for`, and the `in` after them:
 * targets -> arith {',' arith} [',']   (a tuple when there is a comma;
 *            arith, not test: the `in` ends it)
 */
static struct expr *
parse_for_target(struct parser *p)
{
	uint32_t	 tstart = cur_offset(p);
	struct exprvec	 v = { NULL, 0, 0 };
	struct expr	*e, *target;
	char		 what[80];
	bool		 comma = false;

	for (;;) {
		if (!starts_expr(cur_kind(p))) {
			vec_free(&v);
			return expected_expr(p);
		}
		if ((e = parse_binary(p, false)) == NULL) {
			vec_free(&v);
			return NULL;
		}
		vec_push(&v, e);
		if (cur_kind(p) != TOK_COMMA)
			break;
		comma = true;
		advance(p);
		if (cur_kind(p) == TOK_KW_IN)
			break;
	}
	if (!comma) {
		target = v.items[0];
		xfree(v.items);
	} else
		target = finish(p, seq_expr(EXPR_TUPLE, &v), tstart);
	if (!check_target(p, target, TARGET_ASSIGN, 0))
		goto fail;
	if (cur_kind(p) != TOK_KW_IN) {
		fail(p, cur_offset(p), NULL, "expected 'in' after the target "
		    "of `for`, found %s", found(p, what, sizeof what));
		goto fail;
	}
	advance(p);
	return target;
fail:
	ast_free_expr(target);
	return NULL;
}

/* What a `for` may iterate over: not a set display. */
static bool
for_iterable(struct parser *p, const struct expr *iter)
{
	if (iter->kind != EXPR_SET)
		return true;
	fail(p, iter->offset, "iterate over a list or a tuple",
	    "a set display after `in` (CPython makes it a frozenset "
	    "constant) is not supported yet");
	return false;
}

/*
 * The clauses of a comprehension whose element (elt, and value for a
 * dict) is parsed, from its first `for` up to and including closer:
 *   comp   -> comp_for {comp_for | 'if' or_test} closer
 *   comp_for -> 'for' targets 'in' or_test
 * Takes elt and value (freed on failure).
 */
static struct expr *
parse_comp(struct parser *p, enum expr_kind kind, struct expr *elt,
    struct expr *value, uint32_t open, enum token_kind closer)
{
	struct expr		*e = new_expr(kind, open);
	struct comp_clause	*c = NULL;
	struct exprvec		 ifs = { NULL, 0, 0 };
	struct expr		*x;

	e->as.comp.elt = elt;
	e->as.comp.value = value;
	e->as.comp.function = COMP_INLINED;
	while (cur_kind(p) == TOK_KW_FOR) {
		struct expr *target, *iter;

		advance(p);
		if ((target = parse_for_target(p)) == NULL)
			goto fail;
		if (!starts_expr(cur_kind(p)) ||
		    (iter = parse_boolop(p, true)) == NULL) {
			if (!starts_expr(cur_kind(p)))
				expected_expr(p);
			ast_free_expr(target);
			goto fail;
		}
		e->as.comp.clauses = xreallocarray(e->as.comp.clauses,
		    e->as.comp.count + 1, sizeof *e->as.comp.clauses);
		c = &e->as.comp.clauses[e->as.comp.count++];
		memset(c, 0, sizeof *c);
		c->target = target;
		c->iter = iter;
		if (!for_iterable(p, iter))
			goto fail;
		while (cur_kind(p) == TOK_KW_IF) {
			advance(p);
			if (!starts_expr(cur_kind(p))) {
				expected_expr(p);
				goto fail;
			}
			if ((x = parse_boolop(p, true)) == NULL)
				goto fail;
			vec_push(&ifs, x);
			c->ifs = ifs.items;
			c->if_count = ifs.count;
		}
		memset(&ifs, 0, sizeof ifs);
	}
	if (cur_kind(p) != closer) {
		close_error(p, closer, open);
		goto fail;
	}
	advance(p);
	return finish(p, e, open);
fail:
	ast_free_expr(e);
	return NULL;
}

/* for_header -> 'for' targets 'in' exprlist ':' END */
static struct stmt *
parse_for(struct parser *p, uint32_t start)
{
	struct expr	*target = NULL, *iter = NULL;
	struct stmt	*s;

	advance(p);
	if ((target = parse_for_target(p)) == NULL)
		goto fail;
	if ((iter = parse_required(p, true)) == NULL ||
	    !for_iterable(p, iter))
		goto fail;
	if (!parse_header_end(p, "the iterable"))
		goto fail;
	s = xcalloc(1, sizeof *s);
	s->kind = STMT_FOR;
	s->offset = start;
	s->as.loop.target = target;
	s->as.loop.iter = iter;
	return s;
fail:
	ast_free_expr(target);
	ast_free_expr(iter);
	return NULL;
}

/* The keyword (`def`, `class`) and the NAME after it. */
static bool
header_name(struct parser *p, const char *whose, const char *keyword,
    atom_t *name, uint32_t *offset)
{
	struct token	*t;
	char		 what[80];

	advance(p);
	t = peek(p, 0);
	if (t->kind != TOK_NAME) {
		fail(p, t->offset, NULL, "expected the %s name after '%s', "
		    "found %s", whose, keyword, found(p, what, sizeof what));
		return false;
	}
	*name = name_atom(p, t);
	*offset = t->offset;
	advance(p);
	return true;
}

/* def_header -> 'def' NAME '(' [NAME {',' NAME} [',']] ')' ':' END */
static struct stmt *
parse_def(struct parser *p, uint32_t start)
{
	struct stmt	*s = xcalloc(1, sizeof *s);
	char		 what[80];

	s->kind = STMT_DEF;
	s->offset = start;
	if (!header_name(p, "function's", "def", &s->as.def.name,
	    &s->as.def.name_offset))
		goto fail;
	if (cur_kind(p) != TOK_LPAREN) {
		fail(p, cur_offset(p), NULL, "expected '(' after the function's "
		    "name, found %s", found(p, what, sizeof what));
		goto fail;
	}
	advance(p);
	if (!parse_params(p, TOK_RPAREN, &s->as.def.params,
	    &s->as.def.offsets, &s->as.def.count, &s->as.def.defaults))
		goto fail;
	advance(p);
	if (cur_kind(p) == TOK_ARROW) {
		fail(p, cur_offset(p), NULL, "annotations are not supported "
		    "yet");
		goto fail;
	}
	if (!parse_header_end(p, "the parameters"))
		goto fail;
	return s;
fail:
	ast_free_stmt(s);
	return NULL;
}

/*
 * params -> [NAME ['=' test] {',' NAME ['=' test]}] [',']
 * A def's (up to its ')') or a lambda's (up to its ':'): stops at close,
 * not taken.  The defaults of the last ones as one tuple display, or
 * NULL; on failure the caller frees what *names, *offsets and *defaults
 * hold.
 */
static bool
parse_params(struct parser *p, enum token_kind close, atom_t **names,
    uint32_t **offsets, uint32_t *count, struct expr **defaults_out)
{
	struct token	*t;
	char		 what[80];
	uint32_t	 cap = 0, defaults_at = 0;
	struct exprvec	 defaults = { NULL, 0, 0 };

	while ((t = peek(p, 0))->kind == TOK_NAME) {
		if (*count == cap) {
			cap = cap ? cap * 2 : 4;
			*names = xreallocarray(*names, cap, sizeof **names);
			*offsets = xreallocarray(*offsets, cap,
			    sizeof **offsets);
		}
		(*names)[*count] = name_atom(p, t);
		(*offsets)[*count] = t->offset;
		for (uint32_t i = 0; i < *count; i++)
			if ((*names)[i] == name_atom(p, t)) {
				fail(p, t->offset, NULL, "SyntaxError: duplicate "
				    "argument '%s' in function definition",
				    atom_name(name_atom(p, t)));
				goto fail;
			}
		(*count)++;
		advance(p);
		if (cur_kind(p) == TOK_ASSIGN) {
			struct expr *d;

			advance(p);
			if ((d = parse_required(p, false)) == NULL)
				goto fail;
			if (defaults.count == 0)
				defaults_at = d->offset;
			vec_push(&defaults, d);
		} else if (defaults.count > 0) {
			fail(p, (*offsets)[*count - 1], NULL,
			    "SyntaxError: non-default argument follows default "
			    "argument");
			goto fail;
		}
		if (cur_kind(p) != TOK_COMMA)
			break;
		advance(p);
	}
	t = peek(p, 0);
	if (t->kind == TOK_STAR || t->kind == TOK_DSTAR || t->kind ==
	    TOK_SLASH) {
		fail(p, t->offset, NULL, "'%s' in a parameter list is not "
		    "supported yet", token_kind_text(t->kind));
		goto fail;
	}
	if (t->kind != close) {
		fail(p, t->offset, NULL, "expected a parameter name or '%s', "
		    "found %s", token_kind_text(close),
		    found(p, what, sizeof what));
		goto fail;
	}
	if (defaults.count > 0) {
		*defaults_out = seq_expr(EXPR_TUPLE, &defaults);
		(*defaults_out)->offset = defaults_at;
	}
	return true;
fail:
	vec_free(&defaults);
	return false;
}

/*
 * lambda -> 'lambda' params ':' test   (.py files)
 * A function of its own whose one line returns test.
 */
static struct expr *
parse_lambda(struct parser *p)
{
	uint32_t	 start = cur_offset(p);
	struct expr	*e = xcalloc(1, sizeof *e), *body;

	e->kind = EXPR_LAMBDA;
	e->offset = start;
	advance(p);
	if (!parse_params(p, TOK_COLON, &e->as.lambda.params,
	    &e->as.lambda.offsets, &e->as.lambda.count,
	    &e->as.lambda.defaults)) {
		ast_free_expr(e);
		return NULL;
	}
	advance(p);
	if ((body = parse_required(p, false)) == NULL) {
		ast_free_expr(e);
		return NULL;
	}
	e->as.lambda.body = xcalloc(1, sizeof *e->as.lambda.body);
	e->as.lambda.body->kind = STMT_RETURN;
	e->as.lambda.body->offset = body->offset;
	e->as.lambda.body->as.value = body;
	return finish(p, e, start);
}

/* class_header -> 'class' NAME [ '(' [NAME] ')' ] ':' END -- one base at
 * most, a name (single inheritance). */
static struct stmt *
parse_class(struct parser *p, uint32_t start)
{
	struct stmt	*s = xcalloc(1, sizeof *s);
	char		 what[80];

	s->kind = STMT_CLASS;
	s->offset = start;
	if (!header_name(p, "class's", "class", &s->as.cls.name,
	    &s->as.cls.name_offset))
		goto fail;
	if (cur_kind(p) == TOK_LPAREN) {
		advance(p);
		if (cur_kind(p) != TOK_RPAREN) {
			if ((s->as.cls.base = parse_required(p, false)) == NULL)
				goto fail;
			if (s->as.cls.base->kind != EXPR_NAME) {
				fail(p, s->as.cls.base->offset, NULL, "a base "
				    "class other than a name is not "
				    "supported yet");
				goto fail;
			}
			if (cur_kind(p) == TOK_COMMA) {
				fail(p, cur_offset(p), NULL, "more than one "
				    "base class (multiple inheritance) is not "
				    "supported yet");
				goto fail;
			}
			if (cur_kind(p) == TOK_ASSIGN) {
				fail(p, cur_offset(p), NULL, "keywords in a "
				    "class header (metaclass=...) are not "
				    "supported yet");
				goto fail;
			}
		}
		if (cur_kind(p) != TOK_RPAREN) {
			fail(p, cur_offset(p), NULL, "expected ')' after the "
			    "base class, found %s", found(p, what,
			    sizeof what));
			goto fail;
		}
		advance(p);
	}
	if (!parse_header_end(p, "the class's name"))
		goto fail;
	return s;
fail:
	ast_free_stmt(s);
	return NULL;
}

/* except_header -> 'except' [test ['as' NAME]] ':' END */
static struct stmt *
parse_except(struct parser *p, uint32_t start)
{
	struct stmt	*s = xcalloc(1, sizeof *s);
	char		 what[80];

	s->kind = STMT_EXCEPT;
	s->offset = start;
	s->as.handler.name = ATOM_NONE;
	advance(p);
	if (cur_kind(p) != TOK_COLON) {
		if ((s->as.handler.type = parse_required(p, false)) == NULL)
			goto fail;
		if (cur_kind(p) == TOK_KW_AS) {
			advance(p);
			s->as.handler.name_offset = cur_offset(p);
			if (cur_kind(p) != TOK_NAME) {
				fail(p, cur_offset(p), NULL, "expected a name "
				    "after `as`, found %s", found(p, what,
				    sizeof what));
				goto fail;
			}
			s->as.handler.name = name_atom(p, peek(p, 0));
			advance(p);
		}
	}
	if (!parse_header_end(p, "the exception"))
		goto fail;
	return s;
fail:
	ast_free_stmt(s);
	return NULL;
}

/*
 * with_header -> 'with' with_item (',' with_item)* ':' END
 * with_item -> test ['as' NAME]
 * A target other than a name (`as self.f`, `as (a, b)`) and the
 * parenthesized form of 3.10 are left out.
 */
static struct stmt *
parse_with(struct parser *p, uint32_t start)
{
	struct stmt	*s = xcalloc(1, sizeof *s);
	uint32_t	 n;

	s->kind = STMT_WITH;
	s->offset = start;
	advance(p);
	for (;;) {
		if (s->as.with.count == SCENARIO_MAX_WITH_ITEMS) {
			fail(p, cur_offset(p), NULL, "more than %u managers "
			    "in one `with` are not supported yet",
			    SCENARIO_MAX_WITH_ITEMS);
			goto fail;
		}
		n = s->as.with.count;
		s->as.with.items = xreallocarray(s->as.with.items, n + 1,
		    sizeof *s->as.with.items);
		s->as.with.names = xreallocarray(s->as.with.names, n + 1,
		    sizeof *s->as.with.names);
		s->as.with.offsets = xreallocarray(s->as.with.offsets, n + 1,
		    sizeof *s->as.with.offsets);
		s->as.with.names[n] = ATOM_NONE;
		s->as.with.offsets[n] = 0;
		if ((s->as.with.items[n] = parse_required(p, false)) == NULL)
			goto fail;
		s->as.with.count++;
		if (cur_kind(p) == TOK_KW_AS) {
			advance(p);
			s->as.with.offsets[n] = cur_offset(p);
			if (cur_kind(p) != TOK_NAME || peek(p, 1)->kind ==
			    TOK_DOT || peek(p, 1)->kind == TOK_LBRACKET) {
				fail(p, cur_offset(p), NULL, "a `with` target "
				    "other than a name is not supported yet");
				goto fail;
			}
			s->as.with.names[n] = name_atom(p, peek(p, 0));
			advance(p);
		}
		if (cur_kind(p) != TOK_COMMA)
			break;
		advance(p);
	}
	if (!parse_header_end(p, "the `with` items"))
		goto fail;
	return s;
fail:
	ast_free_stmt(s);
	return NULL;
}

/* The modules a .py file may import: those the model has.  sys and gc
 * are always there; weakref and copy too, for the file's sake. */
static bool
importable(const char *name)
{
	static const char *const modules[] = { "sys", "gc", "weakref",
	    "copy" };

	for (size_t i = 0; i < sizeof modules / sizeof modules[0]; i++)
		if (strcmp(name, modules[i]) == 0)
			return true;
	return false;
}

/* import_stmt -> 'import' NAME {',' NAME}
 *              | 'from' NAME 'import' NAME {',' NAME}
 * each module one the model has (a .py file imports them to run in
 * python3 too); which names a module has is the interpreter's to say
 * when the line runs. */
static struct stmt *
parse_import(struct parser *p, uint32_t start)
{
	struct stmt	*s;
	atom_t		 module = ATOM_NONE;
	uint32_t	 module_at = 0;
	char		 what[80];

	if (p->in_function)
		return fail(p, start, NULL, "`import` inside a function is "
		    "not supported yet");
	if (cur_kind(p) == TOK_KW_FROM) {
		advance(p);
		module_at = cur_offset(p);
		if (cur_kind(p) != TOK_NAME)
			return fail(p, module_at, NULL, "expected a module name "
			    "after `from`, found %s", found(p, what,
			    sizeof what));
		module = name_atom(p, peek(p, 0));
		advance(p);
		if (cur_kind(p) != TOK_KW_IMPORT)
			return fail(p, cur_offset(p), NULL, "expected `import` "
			    "after `from %s`, found %s", atom_name(module),
			    found(p, what, sizeof what));
		if (!importable(atom_name(module)))
			return fail(p, module_at, NULL, "`from %s import` is "
			    "not supported yet (sys, gc, weakref and copy "
			    "are)", atom_name(module));
	}
	if ((s = parse_global(p, start)) == NULL)
		return NULL;
	s->kind = STMT_IMPORT;
	s->as.global.module = module;
	for (uint32_t i = 0; i < s->as.global.count && module == ATOM_NONE;
	    i++) {
		const char *name = atom_name(s->as.global.names[i]);

		if (!importable(name)) {
			fail(p, s->as.global.offsets[i], NULL, "`import %s` is "
			    "not supported yet (sys, gc, weakref and copy "
			    "are)", name);
			ast_free_stmt(s);
			return NULL;
		}
	}
	if (cur_kind(p) == TOK_KW_AS) {
		fail(p, cur_offset(p), NULL, "`import ... as` is not "
		    "supported yet");
		ast_free_stmt(s);
		return NULL;
	}
	return s;
}

/* What a .py line may hold beyond a YAML step: headers and the statements
 * that steer a loop.  NULL (not failed) when k starts none of them. */
static struct stmt *
parse_python_stmt(struct parser *p, enum token_kind k, uint32_t start,
    bool *done)
{
	struct stmt	*s;

	*done = true;
	switch (k) {
	case TOK_KW_IF:
	case TOK_KW_ELIF:
	case TOK_KW_WHILE:
		return parse_test_header(p, start);
	case TOK_KW_FOR:
		return parse_for(p, start);
	case TOK_KW_DEF:
		return parse_def(p, start);
	case TOK_KW_NONLOCAL:
		/* CPython's symtable: at module level, nonlocal has no
		 * function around it to reach */
		if (!p->in_function)
			return fail(p, start, NULL, "SyntaxError: nonlocal "
			    "declaration not allowed at module level");
		if ((s = parse_global(p, start)) != NULL)
			s->kind = STMT_NONLOCAL;
		return s;
	case TOK_KW_IMPORT:
	case TOK_KW_FROM:
		return parse_import(p, start);
	case TOK_KW_BREAK:
	case TOK_KW_CONTINUE:
		advance(p);
		s = xcalloc(1, sizeof *s);
		s->kind = k == TOK_KW_BREAK ? STMT_BREAK : STMT_CONTINUE;
		s->offset = start;
		return s;
	case TOK_KW_CLASS:
		if (p->in_function)
			return fail(p, start, NULL, "a `class` inside a "
			    "function is not supported yet");
		return parse_class(p, start);
	case TOK_KW_TRY:
		advance(p);
		if (!parse_header_end(p, "`try`"))
			return NULL;
		s = xcalloc(1, sizeof *s);
		s->kind = STMT_TRY;
		s->offset = start;
		return s;
	case TOK_KW_EXCEPT:
		return parse_except(p, start);
	case TOK_KW_RAISE:
		return parse_raise(p, start);
	case TOK_KW_ASSERT:
		return parse_assert(p, start);
	case TOK_KW_WITH:
		return parse_with(p, start);
	case TOK_KW_ELSE:
	case TOK_KW_FINALLY:
	case TOK_KW_LAMBDA:
	case TOK_KW_YIELD:
	case TOK_KW_ASYNC:
	case TOK_KW_AWAIT:
	case TOK_AT:
		return fail(p, start, NULL, "`%s` is not supported yet",
		    token_kind_text(k));
	default:
		*done = false;
		return NULL;
	}
}

/*
 * statement -> ( 'pass' | del_stmt | return_stmt | global_stmt
 *              | expr_stmt ) [';'] END
 */
static struct stmt *
parse_stmt(struct parser *p)
{
	uint32_t		 start;
	enum token_kind		 k;
	const struct refusal	*r;
	struct stmt		*s;
	char			 what[80];

	while (cur_kind(p) == TOK_NEWLINE)
		advance(p);
	start = cur_offset(p);
	k = cur_kind(p);
	switch (k) {
	case TOK_END:
		return fail(p, start, "write `pass` for a step that does "
		    "nothing, or leave out `do:` for a narration step",
		    "expected a statement, found %s",
		    found(p, what, sizeof what));
	case TOK_KW_PASS:
		advance(p);
		s = xcalloc(1, sizeof *s);
		s->kind = STMT_PASS;
		s->offset = start;
		break;
	case TOK_KW_DEL:
		s = parse_del(p, start);
		break;
	case TOK_KW_RETURN:
		s = parse_return(p, start);
		break;
	case TOK_KW_GLOBAL:
		s = parse_global(p, start);
		break;
	case TOK_AT:
		if (p->python)
			goto python;
		return fail(p, start, "define functions under `functions:` in "
		    "the scenario", "decorators are not part of the subset");
	default:
		if (p->python) {
			bool done;
python:
			s = parse_python_stmt(p, k, start, &done);
			if (done) {
				if (s == NULL || s->kind == STMT_BREAK ||
				    s->kind == STMT_CONTINUE ||
				    s->kind == STMT_IMPORT ||
				    s->kind == STMT_NONLOCAL ||
				    s->kind == STMT_RAISE)
					break;
				return s;	/* a header ends its line */
			}
		}
		if ((r = find_refusal(k)) != NULL && k != TOK_KW_NOT)
			return fail(p, start, r->hint, "%s", r->message);
		if (!starts_expr(k))
			return fail(p, start, NULL, "expected a statement, "
			    "found %s", found(p, what, sizeof what));
		s = parse_expr_stmt(p, start);
		break;
	}
	if (s == NULL)
		return NULL;
	if (!parse_stmt_end(p, s)) {
		ast_free_stmt(s);
		return NULL;
	}
	return s;
}

static void
parser_init(struct parser *p, const char *text, size_t len,
    struct parse_error *err)
{
	memset(p, 0, sizeof *p);
	memset(err, 0, sizeof *err);
	p->text = text;
	p->len = len;
	p->err = err;
}

static void
parser_done(struct parser *p)
{
	size_t	i;

	for (i = 0; i < p->ntoks; i++)
		token_clear(&p->toks[i]);
	xfree(p->toks);
}

struct stmt *
parse_line(const char *text, size_t len, bool in_function,
    struct parse_error *err)
{
	struct parser	 p;
	struct stmt	*s, **tail;

	parser_init(&p, text, len, err);
	if (!lexer_init(&p.lx, text, len, err))
		return NULL;
	p.in_function = in_function;
	p.python = true;
	s = parse_stmt(&p);
	tail = &s;
	while (!p.failed && p.more && *tail != NULL) {
		enum token_kind k = cur_kind(&p);

		p.more = false;
		if (k == TOK_KW_IF || k == TOK_KW_ELIF || k == TOK_KW_WHILE ||
		    k == TOK_KW_DEF || k == TOK_KW_FOR ||
		    k == TOK_KW_CLASS) {
			fail(&p, cur_offset(&p), NULL, "SyntaxError: invalid "
			    "syntax (a compound statement starts a line of "
			    "its own)");
			break;
		}
		tail = &(*tail)->next;
		*tail = parse_stmt(&p);
	}
	if (p.failed) {
		ast_free_stmt(s);
		s = NULL;
	}
	parser_done(&p);
	return s;
}

struct stmt *
parse_statement(const char *text, size_t len, bool in_function,
    struct parse_error *err)
{
	struct parser	 p;
	struct stmt	*s;

	parser_init(&p, text, len, err);
	if (!lexer_init(&p.lx, text, len, err))
		return NULL;
	p.in_function = in_function;
	s = parse_stmt(&p);
	if (p.failed) {
		ast_free_stmt(s);
		s = NULL;
	}
	parser_done(&p);
	return s;
}

/*
 * The subject of an expect: line, checked so that evaluating it can
 * neither allocate a visible object nor run code:
 *   subject -> literal | NAME { '.' NAME | '[' literal ']' }
 *   literal -> INT | FLOAT | STRING | True | False | None
 *            | ('-' | '+') (INT | FLOAT) | '(' [literal {',' literal}] ')'
 */
static bool
is_literal(const struct expr *e, unsigned depth)
{
	uint32_t	i;

	switch (e->kind) {
	case EXPR_INT: case EXPR_FLOAT: case EXPR_STR:
	case EXPR_TRUE: case EXPR_FALSE: case EXPR_NONE:
		return true;
	case EXPR_UNARY:
		return e->as.unary.operand->kind == EXPR_INT ||
		    e->as.unary.operand->kind == EXPR_FLOAT;
	case EXPR_TUPLE:
		if (depth >= PARSER_MAX_DEPTH)
			return false;
		for (i = 0; i < e->as.seq.count; i++) {
			if (!is_literal(e->as.seq.items[i], depth + 1))
				return false;
		}
		return true;
	default:
		return false;
	}
}

static const char *
expr_kind_phrase(const struct expr *e)
{
	switch (e->kind) {
	case EXPR_CALL:
		return "a call";
	case EXPR_LIST:
		return "a list display";
	case EXPR_DICT:
		return "a dict display";
	case EXPR_SET:
		return "a set display";
	case EXPR_TUPLE:
		return "a tuple that is not all literals";
	case EXPR_BINARY:
	case EXPR_UNARY:
		return "an operation";
	case EXPR_COMPARE:
		return "a comparison";
	case EXPR_AND:
	case EXPR_OR:
		return "a boolean operation";
	default:
		return "this expression";
	}
}

static bool
check_subject(struct parser *p, const struct expr *e, unsigned depth)
{
	const char *hint = p->label_mode ? HINT_LABEL : HINT_SUBJECT;
	const char *line = p->label_mode ? "a label:" : "an expect: line";

	if (depth >= PARSER_MAX_DEPTH)
		return fail(p, e->offset, NULL, "%s subject nested too "
		    "deeply", p->label_mode ? "label:" : "expect:") != NULL;
	switch (e->kind) {
	case EXPR_NAME:
		return true;
	case EXPR_ATTR:
		return check_subject(p, e->as.attr.object, depth + 1);
	case EXPR_INDEX:
		if (!check_subject(p, e->as.index.object, depth + 1))
			return false;
		if (!is_literal(e->as.index.index, 0))
			return fail(p, e->as.index.index->offset, hint,
			    "the index of a subscript in %s must be a literal",
			    line) != NULL;
		return true;
	default:
		if (is_literal(e, depth) && p->label_mode)
			return fail(p, e->offset, hint, "a literal is no object "
			    "the scenario made: a label: needs one") != NULL;
		if (is_literal(e, depth))
			return true;
		if (e->kind == EXPR_CALL && e->as.call.callee->kind ==
		    EXPR_ATTR && strcmp(atom_name(e->as.call.callee->as.attr.name),
		    "getrefcount") == 0)
			return fail(p, e->offset, "write refcount(x): the count "
			    "without the temporary reference that "
			    "sys.getrefcount adds", "a call cannot be the "
			    "subject of %s", line) != NULL;
		return fail(p, e->offset, hint, "%s cannot be the subject of "
		    "%s", expr_kind_phrase(e), line) != NULL;
	}
}

static struct expr *
parse_subject(struct parser *p)
{
	struct expr	*e;

	if ((e = parse_required(p, false)) == NULL)
		return NULL;
	if (!check_subject(p, e, 0)) {
		ast_free_expr(e);
		return NULL;
	}
	return e;
}

static enum compare_op
compare_op(enum token_kind k)
{
	switch (k) {
	case TOK_NE:
		return CMP_NE;
	case TOK_LT:
		return CMP_LT;
	case TOK_GT:
		return CMP_GT;
	case TOK_LE:
		return CMP_LE;
	case TOK_GE:
		return CMP_GE;
	default:
		return CMP_EQ;
	}
}

/* cmp_number -> ('==' | '!=' | '<' | '>' | '<=' | '>=') ['-' | '+'] INT */
static bool
parse_cmp_number(struct parser *p, struct expect *x)
{
	char		 what[80], aft[64];
	struct token	*t;
	bool		 neg = false;

	if (!is_compare(cur_kind(p))) {
		fail(p, cur_offset(p), cur_kind(p) == TOK_ASSIGN ? "'=' binds "
		    "a name; compare with '=='" : HINT_FORMS,
		    "expected a comparison (==, "
		    "!=, <, >, <= or >=)%s, found %s", after(p, aft, sizeof aft),
		    found(p, what, sizeof what));
		return false;
	}
	x->op = compare_op(cur_kind(p));
	advance(p);
	x->number_offset = cur_offset(p);
	if (cur_kind(p) == TOK_MINUS || cur_kind(p) == TOK_PLUS) {
		neg = cur_kind(p) == TOK_MINUS;
		advance(p);
	}
	t = peek(p, 0);
	if (t->kind != TOK_INT) {
		fail(p, t->offset, t->kind == TOK_FLOAT ? "counts are whole "
		    "numbers" : "the right side is a number written out: "
		    "refcount(x) == 2", "expected an integer%s, found %s",
		    after(p, aft, sizeof aft), found(p, what, sizeof what));
		return false;
	}
	if (t->big != NULL) {
		fail(p, t->offset, "a count is a small whole number", "expected a "
		    "count, found an integer beyond 64 bits");
		return false;
	}
	x->number = neg ? -t->value.int_value : t->value.int_value;
	advance(p);
	return true;
}

/* `len(x) == 2`, `x == y`: a comparison that is not one of the forms. */
static void
refuse_comparison(struct parser *p, const struct expr *subject)
{
	const struct expr	*callee;
	char			*text;
	const char		*op = token_kind_text(cur_kind(p));

	if (subject->kind != EXPR_CALL) {
		fail(p, cur_offset(p), "numbers compare with refcount(...), "
		    "gen(...), heap, collected and freed; objects with `is`",
		    "'%s' in an expect: line compares counts, not objects", op);
		return;
	}
	callee = subject->as.call.callee;
	if (callee->kind == EXPR_ATTR && strcmp(atom_name(callee->as.attr.name),
	    "getrefcount") == 0) {
		fail(p, subject->offset, "write refcount(x) == N: the count "
		    "without the temporary reference that sys.getrefcount adds",
		    "sys.getrefcount(...) is not a form of expect: line");
		return;
	}
	text = ast_expr_text(callee);
	fail(p, subject->offset, HINT_FORMS, "%.40s(...) is not a form of "
	    "expect: line", text);
	xfree(text);
}

/* Whether the current token is the name s. */
static bool
cur_is_name(struct parser *p, const char *s)
{
	struct token	*t = peek(p, 0);

	return t->kind == TOK_NAME && t->length == strlen(s) &&
	    memcmp(p->text + t->offset, s, t->length) == 0;
}

/* In an ask, a number form ends before its comparison: the number is the
 * answer asked for.  A comparison there is refused by the caller. */
static bool
asked(struct parser *p, struct expect *x)
{
	if (!p->ask_mode)
		return false;
	x->asked = true;
	return true;
}

/*
 * expect -> 'refcount' '(' subject ')' cmp_number

 *         | 'gen' '(' subject ')' cmp_number
 *         | 'alive' '(' subject ')'
 *         | ('heap' | 'collected' | 'freed') cmp_number
 *         | subject 'is' ['not'] subject
 * The words are plain names, so `heap is x` still compares a variable.
 */
/* The version named by the token k ahead (a float such as 3.12). */
static bool
version_at(struct parser *p, size_t k, enum py_version *v)
{
	const struct token *t = peek(p, k);

	return t->kind == TOK_FLOAT && pyversion_parse(p->text + t->offset,
	    t->length, v);
}

/*
 * versions -> '[' VERSION ['+' | '-' VERSION] ']' [':']
 * Which CPython versions an expect: is for: [3.14] one, [3.12+] that one
 * and the later ones, [3.12-3.13] a range.  A list display compared with
 * something ([3.12] == x) is no such prefix.  Whether it went well.
 */
static bool
parse_versions(struct parser *p, struct expect *x)
{
	enum py_version	 from, to;
	size_t		 close = 2;

	if (cur_kind(p) != TOK_LBRACKET || kind_at(p, 1) != TOK_FLOAT)
		return true;
	if (kind_at(p, 2) == TOK_PLUS)
		close = 3;
	else if (kind_at(p, 2) == TOK_MINUS && kind_at(p, 3) == TOK_FLOAT)
		close = 4;
	if (kind_at(p, close) != TOK_RBRACKET || is_compare(kind_at(p,
	    close + 1)) || kind_at(p, close + 1) == TOK_KW_IS)
		return true;
	if (!version_at(p, 1, &from) || (close == 4 &&
	    !version_at(p, 3, &to))) {
		size_t bad = version_at(p, 1, &from) ? 3 : 1;

		fail(p, peek(p, bad)->offset, "write the versions as [3.14], "
		    "[3.12+] or [3.12-3.13]", "expected a version of "
		    PY_VERSION_CHOICES ", found %.*s", (int)peek(p, bad)->length,
		    p->text + peek(p, bad)->offset);
		return false;
	}
	to = close == 3 ? PY_VERSION_COUNT - 1 : close == 4 ? to : from;
	if (to < from) {
		fail(p, peek(p, 3)->offset, "write the versions as [3.14], "
		    "[3.12+] or [3.12-3.13]", "expected a version after %s, "
		    "found %s", pyversion_name(from), pyversion_name(to));
		return false;
	}
	for (unsigned v = from; v <= (unsigned)to; v++)
		x->versions |= (uint8_t)(1u << v);
	for (size_t i = 0; i <= close; i++)
		advance(p);
	if (cur_kind(p) == TOK_COLON)
		advance(p);
	return true;
}

static struct expect *
parse_expect_line(struct parser *p)
{
	struct expect	*x = xcalloc(1, sizeof *x);
	uint32_t	 open;
	bool		 call, counter;
	char		 what[80], aft[64];

	while (cur_kind(p) == TOK_NEWLINE)
		advance(p);
	if (!p->ask_mode && !parse_versions(p, x))
		goto fail;
	if (cur_kind(p) == TOK_END) {
		fail(p, cur_offset(p), HINT_FORMS, "expected a check, found "
		    "end of line");
		goto fail;
	}
	call = kind_at(p, 1) == TOK_LPAREN;
	counter = is_compare(kind_at(p, 1)) ||
	    (p->ask_mode && kind_at(p, 1) == TOK_END);
	if (call && (cur_is_name(p, "refcount") || cur_is_name(p, "gen") ||
	    cur_is_name(p, "alive"))) {
		x->kind = cur_is_name(p, "refcount") ? EXPECT_REFCOUNT :
		    cur_is_name(p, "gen") ? EXPECT_GEN : EXPECT_ALIVE;
		advance(p);
		open = cur_offset(p);
		advance(p);
		if ((x->subject = parse_subject(p)) == NULL)
			goto fail;
		if (cur_kind(p) != TOK_RPAREN) {
			close_error(p, TOK_RPAREN, open);
			goto fail;
		}
		advance(p);
		if (x->kind != EXPECT_ALIVE && !asked(p, x) &&
		    !parse_cmp_number(p, x))
			goto fail;
	} else if (counter && (cur_is_name(p, "heap") ||
	    cur_is_name(p, "collected") || cur_is_name(p, "freed"))) {
		x->kind = cur_is_name(p, "heap") ? EXPECT_HEAP :
		    cur_is_name(p, "collected") ? EXPECT_COLLECTED :
		    EXPECT_FREED;
		advance(p);
		if (!asked(p, x) && !parse_cmp_number(p, x))
			goto fail;
	} else {
		if ((x->subject = parse_required(p, false)) == NULL)
			goto fail;
		if (is_compare(cur_kind(p))) {
			refuse_comparison(p, x->subject);
			goto fail;
		}
		if (cur_kind(p) != TOK_KW_IS) {
			fail(p, cur_offset(p), HINT_FORMS, "expected 'is' or "
			    "'is not'%s, found %s", after(p, aft, sizeof aft),
			    found(p, what, sizeof what));
			goto fail;
		}
		if (!check_subject(p, x->subject, 0))
			goto fail;
		advance(p);
		x->kind = EXPECT_IS;
		if (cur_kind(p) == TOK_KW_NOT) {
			x->kind = EXPECT_IS_NOT;
			advance(p);
		}
		if ((x->other = parse_subject(p)) == NULL)
			goto fail;
	}
	if (p->ask_mode && is_compare(cur_kind(p))) {
		fail(p, cur_offset(p), "write the value asked for, such as "
		    "refcount(x); give the answer with answer:",
		    "an ask: asks for a value, not a comparison");
		goto fail;
	}
	if (p->ask_mode)
		x->asked = true;
	if (cur_kind(p) == TOK_SEMICOLON || cur_kind(p) == TOK_NEWLINE) {
		fail(p, cur_offset(p), "write each check as its own line of "
		    "expect:", "an expect: line holds one check");
		goto fail;
	}
	if (cur_kind(p) != TOK_END) {
		fail(p, cur_offset(p), cur_kind(p) == TOK_KW_AND ||
		    cur_kind(p) == TOK_KW_OR ? "write each check as its own "
		    "line of expect:" : HINT_FORMS, "expected the end of the "
		    "expect: line%s, found %s", after(p, aft, sizeof aft),
		    found(p, what, sizeof what));
		goto fail;
	}
	return x;
fail:
	ast_free_expect(x);
	return NULL;
}

static struct expect *
parse_check(const char *text, size_t len, struct parse_error *err, bool ask)
{
	struct parser	 p;
	struct expect	*x;

	parser_init(&p, text, len, err);
	if (!lexer_init(&p.lx, text, len, err))
		return NULL;
	p.expect_mode = true;
	p.ask_mode = ask;
	x = parse_expect_line(&p);
	if (p.failed) {
		ast_free_expect(x);
		x = NULL;
	}
	parser_done(&p);
	return x;
}

struct expect *
parse_expect(const char *text, size_t len, struct parse_error *err)
{
	return parse_check(text, len, err, false);
}

struct expect *
parse_ask(const char *text, size_t len, struct parse_error *err)
{
	return parse_check(text, len, err, true);
}

/* label_subject -> subject END (a label:'s key; no literal) */
struct expr *
parse_label_subject(const char *text, size_t len, struct parse_error *err)
{
	struct parser	 p;
	struct expr	*e = NULL;
	char		 what[80];

	parser_init(&p, text, len, err);
	if (!lexer_init(&p.lx, text, len, err))
		return NULL;
	p.expect_mode = true;
	p.label_mode = true;
	if (cur_kind(&p) == TOK_END)
		fail(&p, 0, HINT_LABEL, "a label: needs an object, found "
		    "nothing");
	else if ((e = parse_subject(&p)) != NULL && cur_kind(&p) != TOK_END)
		fail(&p, cur_offset(&p), HINT_LABEL, "expected the end of the "
		    "label:'s object, found %s", found(&p, what, sizeof what));
	if (p.failed) {
		ast_free_expr(e);
		e = NULL;
	}
	parser_done(&p);
	return e;
}
