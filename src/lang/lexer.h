/*
 * lexer.h: the tokens of one statement (or one expect: line) of the Python
 * subset of DESIGN §3.
 *
 * The lexer knows all of Python's tokens and keywords, not only the ones
 * the subset uses, so that the parser can say "`for` loops are not part of
 * the subset" instead of "unexpected name".  What cannot be a token of the
 * subset at all (bytes, triple quotes, complex numbers, an int of more than
 * 4300 decimal digits or beyond refscope's size, over-long strings) is an
 * error here, with a hint.
 *
 * Offsets are bytes from the start of the text.  A line break outside
 * brackets is a TOK_NEWLINE (the parser rejects a second statement); inside
 * brackets, and after a backslash, it is white space, as in Python.
 */
#ifndef REFSCOPE_LEXER_H
#define REFSCOPE_LEXER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/strbuf.h"
#include "lang/parser.h"
#include "py/bigint.h"

enum token_kind {
	TOK_END,		/* end of the text (or of its last line) */
	TOK_NEWLINE,		/* a line break outside brackets */
	TOK_NAME,		/* value.name */
	TOK_INT,		/* value.int_value, or big */
	TOK_FLOAT,		/* value.float_value */
	TOK_STRING,		/* value.str: decoded, owned by the token */
	TOK_FSTRING,		/* value.str: the text between the quotes as
				   written (the parser reads its fields and
				   decodes its literal parts with
				   lexer_decode), owned by the token */

	/* Delimiters and operators. */
	TOK_LPAREN, TOK_RPAREN, TOK_LBRACKET, TOK_RBRACKET,
	TOK_LBRACE, TOK_RBRACE,
	TOK_COMMA, TOK_DOT, TOK_COLON, TOK_SEMICOLON, TOK_ASSIGN,
	TOK_PLUS, TOK_MINUS, TOK_STAR, TOK_SLASH, TOK_DSLASH, TOK_PERCENT,
	TOK_PLUSEQ, TOK_MINUSEQ, TOK_STAREQ, TOK_SLASHEQ, TOK_DSLASHEQ,
	TOK_PERCENTEQ,
	TOK_EQ, TOK_NE, TOK_LT, TOK_GT, TOK_LE, TOK_GE,

	/* Python tokens outside the subset, lexed only to be refused well. */
	TOK_DSTAR,		/* **  */
	TOK_DSTAREQ,		/* **= */
	TOK_AT, TOK_ATEQ,	/* @ @= */
	TOK_AMP, TOK_AMPEQ, TOK_PIPE, TOK_PIPEEQ, TOK_CARET, TOK_CARETEQ,
	TOK_LSHIFT, TOK_LSHIFTEQ, TOK_RSHIFT, TOK_RSHIFTEQ,
	TOK_TILDE,		/* ~  */
	TOK_ARROW,		/* -> */
	TOK_WALRUS,		/* := */
	TOK_ELLIPSIS,		/* ... */

	/* Python 3.11's keywords, in its order. */
	TOK_KW_FALSE, TOK_KW_NONE, TOK_KW_TRUE, TOK_KW_AND, TOK_KW_AS,
	TOK_KW_ASSERT, TOK_KW_ASYNC, TOK_KW_AWAIT, TOK_KW_BREAK, TOK_KW_CLASS,
	TOK_KW_CONTINUE, TOK_KW_DEF, TOK_KW_DEL, TOK_KW_ELIF, TOK_KW_ELSE,
	TOK_KW_EXCEPT, TOK_KW_FINALLY, TOK_KW_FOR, TOK_KW_FROM, TOK_KW_GLOBAL,
	TOK_KW_IF, TOK_KW_IMPORT, TOK_KW_IN, TOK_KW_IS, TOK_KW_LAMBDA,
	TOK_KW_NONLOCAL, TOK_KW_NOT, TOK_KW_OR, TOK_KW_PASS, TOK_KW_RAISE,
	TOK_KW_RETURN, TOK_KW_TRY, TOK_KW_WHILE, TOK_KW_WITH, TOK_KW_YIELD
};

#define TOK_FIRST_KEYWORD TOK_KW_FALSE
#define TOK_LAST_KEYWORD TOK_KW_YIELD

struct token {
	enum token_kind	 kind;
	uint32_t	 offset;	/* first byte in the text */
	uint32_t	 length;	/* bytes of text, quotes and prefix included */
	union {
		int64_t	 int_value;
		double	 float_value;
		/* a STRING's value; a NAME's NFKC form when it is not
		 * ASCII (bytes NULL: the name is the text as written) */
		struct {
			char	*bytes;	/* owned (token_clear), NUL-terminated UTF-8 */
			size_t	 len;	/* bytes; may hold NULs */
			size_t	 chars;	/* code points */
		} str;
	} value;
	struct bigint	*big;		/* an INT beyond 64 bits: owned
					   (token_clear); value.int_value is
					   then 0 */
};

struct lexer {
	const char	*text;
	size_t		 len;
	size_t		 pos;		/* next byte to read */
	unsigned	 brackets;	/* open ( [ { : line breaks are blanks */
	bool		 failed;	/* sticky: a lexing error was returned */
};

/*
 * Starts lexing len bytes of text (which need not be NUL-terminated).  The
 * text must outlive the lexer.  Fails (false, *err filled) when the text
 * is longer than UINT32_MAX bytes, is not valid UTF-8, or holds a NUL
 * byte (Python source cannot).
 */
bool		 lexer_init(struct lexer *lx, const char *text, size_t len,
		    struct parse_error *err);

/*
 * Reads the next token into *tok.  Returns true, or false with *err filled
 * (and *tok set to TOK_END at the problem).  After TOK_END, keeps returning
 * TOK_END.  A TOK_STRING's bytes belong to *tok: release with token_clear.
 */
bool		 lexer_next(struct lexer *lx, struct token *tok,
		    struct parse_error *err);

/*
 * Decodes text[start, end) as the inside of a string literal (escapes
 * unless raw) onto out, counting its characters in *chars.  False with
 * *err filled (located in text) on a bad escape.
 */
bool		 lexer_decode(const char *text, size_t start, size_t end,
		    bool raw, struct strbuf *out, size_t *chars,
		    struct parse_error *err);

/* Frees what a token owns and makes it TOK_END.  NULL is fine. */
void		 token_clear(struct token *tok);

/* Whether kind is one of Python's keywords. */
bool		 token_is_keyword(enum token_kind kind);

/* Fixed spelling of a token kind: "(", "+=", "for", ...; for NAME, INT,
 * FLOAT, STRING, NEWLINE and END a word: "name", "end of line", .... */
const char	*token_kind_text(enum token_kind kind);

/*
 * A short description of tok for messages, as "found ..." continues:
 * "end of line", "')'", "keyword 'for'", "name 'x'", "number 12",
 * "string 'ab'".  Long source text is cut at a character boundary and
 * ended with "...".  text is what the token was lexed from.
 */
void		 token_describe(const struct token *tok, const char *text,
		    char *buf, size_t size);

/* The 1-based column, in characters, of byte offset in text. */
uint32_t	 lexer_column(const char *text, size_t offset);

#endif
