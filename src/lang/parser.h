/*
 * parser.h: one statement, or one expect: line, of the subset of DESIGN §3
 * into a tree of ast.h.
 *
 * A step's `do:` text is exactly one statement on one line (a trailing
 * comment is fine).  Anything outside the subset is an error whose message
 * says what was found and what to use instead.
 */
#ifndef REFSCOPE_PARSER_H
#define REFSCOPE_PARSER_H

#include <stdint.h>

#include "lang/ast.h"

/* Where in the text a parse failed, what was wrong, and (maybe) what to do. */
struct parse_error {
	uint32_t offset;		/* byte offset in the text */
	char	 message[256];		/* "expected ')' to close '(' at column 5, found end of line" */
	char	 hint[256];		/* "" or "`for` loops are not part of the subset; use `repeat:`" */
};

/* Recursion guard: deeper nesting of brackets or operators is an error. */
#define PARSER_MAX_DEPTH 64

/*
 * Parses text (NUL-terminated; len bytes) as one statement.  in_function
 * allows `return` and `global`.  Returns the tree (caller frees with
 * ast_free_stmt) or NULL with *err filled.
 */
struct stmt	*parse_statement(const char *text, size_t len, bool in_function,
		    struct parse_error *err);

/*
 * Parses one logical line of a .py scenario: statements separated by ';',
 * or one header (`if`/`elif`/`while` test `:`, `def` name(params) `:`),
 * `break`, `continue`.  The statements after the first hang on ->next.
 * What a .py scenario cannot hold yet is "`for` is not supported yet".
 */
struct stmt	*parse_line(const char *text, size_t len, bool in_function,
		    struct parse_error *err);

/*
 * Parses one expect: line (the forms of enum expect_kind).  Subjects are
 * restricted to names, attributes and subscripts with literal indices, and
 * literals (so an expect never changes the heap).  Returns the tree (caller
 * frees with ast_free_expect) or NULL with *err filled.
 */
struct expect	*parse_expect(const char *text, size_t len,
		    struct parse_error *err);

/* Parses one ask: line: the same forms, the number forms without their
 * comparison (`refcount(x)`, `freed`), each with asked set. */
struct expect	*parse_ask(const char *text, size_t len,
		    struct parse_error *err);

/*
 * Parses the object a label: names (assets/FORMAT.md): a name, an
 * attribute or a subscript with a literal index, as an expect: subject,
 * but no literal.  Returns the tree (caller frees with ast_free_expr) or
 * NULL with *err filled.
 */
struct expr	*parse_label_subject(const char *text, size_t len,
		    struct parse_error *err);

#endif
