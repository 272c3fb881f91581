/*
 * ast.h: the tree of one statement (or one expect: line) of the Python
 * subset of DESIGN §3.
 *
 * Every node records the byte offset, within the text it was parsed from,
 * where it starts; the scenario loader turns an offset into a file
 * line:col.  A tree is owned by whoever parsed it and freed with
 * ast_free_stmt / ast_free_expect, which free every child.
 */
#ifndef REFSCOPE_AST_H
#define REFSCOPE_AST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/atom.h"
#include "py/bigint.h"
#include "py/ops.h"

enum expr_kind {
	EXPR_INT,		/* as.int_value, or big beyond 64 bits */
	EXPR_FLOAT,		/* as.float_value */
	EXPR_STR,		/* as.str: the decoded UTF-8 bytes */
	EXPR_TRUE,
	EXPR_FALSE,
	EXPR_NONE,
	EXPR_NAME,		/* as.name */
	EXPR_ATTR,		/* as.attr: object.name */
	EXPR_INDEX,		/* as.index: object[index] */
	EXPR_LIST,		/* as.seq */
	EXPR_TUPLE,		/* as.seq; also the target of  a, b = ... */
	EXPR_SET,		/* as.seq; never empty ({} is a dict) */
	EXPR_DICT,		/* as.dict */
	EXPR_BINARY,		/* as.binary */
	EXPR_UNARY,		/* as.unary */
	EXPR_CALL,		/* as.call: callee is any postfix expression;
				   the simulator decides what it can call */
	EXPR_COMPARE,		/* as.seq: operands, count >= 2, and
				   as.seq.ops: count - 1 compare_ops, as
				   Python's Compare (a < b < c is one) */
	EXPR_AND,		/* as.seq: operands, count >= 2 (BoolOp) */
	EXPR_OR,		/* as.seq: operands, count >= 2 */
	EXPR_IFEXP,		/* as.seq (.py): test, body, orelse, count 3:
				   `body if test else orelse` (IfExp), in
				   the order the compiler visits them */
	EXPR_SLICE,		/* as.seq: lower, upper, step, count 3; only
				   as the index of an EXPR_INDEX.  A bound
				   not written is an EXPR_NONE of length 0 */
	EXPR_FSTRING,		/* as.seq: the pieces of an f-string with a
				   field, EXPR_STR (a literal part, never
				   empty) or EXPR_FORMAT, in order */
	EXPR_FORMAT,		/* as.seq: a field {value[!c][:spec]} of an
				   f-string: items[0] the value, items[1]
				   the spec (an EXPR_STR) when count is 2;
				   ops[0] the conversion: 0, 's' or 'r' */
	EXPR_LAMBDA,		/* as.lambda (.py): a function of its own;
				   its only child is its defaults */
	/* Comprehensions (.py), as.comp: a function of their own in 3.11,
	 * inlined in the code they are in for list, set and dict from 3.12
	 * (PEP 709).  Their only child is the first iterable, which the
	 * enclosing code evaluates; ast_comp_each_own walks the rest. */
	EXPR_LISTCOMP,		/* [elt for ...] */
	EXPR_SETCOMP,		/* {elt for ...} */
	EXPR_DICTCOMP,		/* {elt: value for ...} */
	EXPR_GENEXP		/* (elt for ...), f(elt for ...) */
};

/* One `for target in iter [if test]...` of a comprehension. */
struct comp_clause {
	struct expr	 *target;	/* as a for statement's */
	struct expr	 *iter;
	struct expr	**ifs;		/* owned array */
	uint32_t	  if_count;
};

/* The program function a comprehension runs as, when it is inlined. */
#define COMP_INLINED	UINT32_MAX

struct expr {
	enum expr_kind	 kind;
	uint32_t	 offset;	/* where the node starts in the text */
	uint32_t	 length;	/* bytes of text the node covers */
	uint32_t	 constant;	/* set by the compiler (program.c), not the
					   parser: 1 + index of the node's value in
					   its unit's constant pool, or 0 */
	uint32_t	 items_constant; /* LIST only, set by the compiler:
					   1 + index of the constant tuple its
					   items come from (three or more
					   constants: 3.11's LIST_EXTEND), or 0 */
	struct bigint	*big;		/* an INT beyond 64 bits: owned;
					   as.int_value is then 0 */
	union {
		int64_t	 int_value;
		double	 float_value;
		struct {
			char	*bytes;		/* owned, NUL-terminated */
			size_t	 len;		/* bytes, may hold NULs */
		} str;
		atom_t	 name;
		struct {
			struct expr	*object;
			atom_t		 name;
			uint32_t	 name_offset;
		} attr;
		struct {
			struct expr	*object;
			struct expr	*index;
		} index;
		struct {
			struct expr	**items;	/* owned array */
			uint32_t	  count;
			uint8_t		 *ops;		/* COMPARE only: owned,
							   count - 1 of enum
							   compare_op */
		} seq;
		struct {
			struct expr	**keys;		/* owned arrays, count each */
			struct expr	**values;
			uint32_t	  count;
		} dict;
		struct {
			enum binary_op	 op;
			struct expr	*left;
			struct expr	*right;
		} binary;
		struct {
			enum unary_op	 op;
			struct expr	*operand;
		} unary;
		struct {
			atom_t		*params;	/* owned array */
			uint32_t	*offsets;	/* owned array */
			uint32_t	 count;
			/* the defaults of the last params, a tuple
			 * display (as a def's), or NULL */
			struct expr	*defaults;
			/* owned: `return BODY`, the one line of its code;
			 * its own scope, no child of the lambda */
			struct stmt	*body;
			uint32_t	 function;	/* set by the compiler:
							   its program function */
		} lambda;
		struct {
			struct expr		*elt;	/* a dict's key */
			struct expr		*value;	/* DICTCOMP only */
			struct comp_clause	*clauses; /* owned, count >= 1 */
			uint32_t		 count;
			/* set by the compiler: its program function, or
			 * COMP_INLINED */
			uint32_t		 function;
		} comp;
		struct {
			struct expr	 *callee;
			struct expr	**args;		/* owned array */
			uint32_t	  count;
			/* owned: each argument's keyword (ATOM_NONE when
			 * passed by position), or NULL when none has one
			 * (keywords are read in .py files only) */
			atom_t		 *keywords;
		} call;
	} as;
};

enum stmt_kind {
	STMT_ASSIGN,		/* targets[0] = targets[1] = ... = value */
	STMT_AUGASSIGN,		/* target op= value (op: ADD, SUB, MUL) */
	STMT_DEL,		/* del targets[0], targets[1], ... */
	STMT_EXPR,		/* an expression statement (a call) */
	STMT_RETURN,		/* return [value]  (value may be NULL) */
	STMT_GLOBAL,		/* global names[0], ... */
	STMT_PASS,
	/* The statements of a .py scenario's lines (lang/pyfile.c): a
	 * header is one line; where control goes next is the step's
	 * (scenario_step.next, .alt), not the tree's. */
	STMT_IF,		/* if test:  or  elif test:  (as.test) */
	STMT_WHILE,		/* while test:  (as.test) */
	STMT_FOR,		/* for target in iter:  (as.loop) */
	STMT_BREAK,
	STMT_CONTINUE,
	STMT_DEF,		/* def name(params):  (as.def) */
	STMT_IMPORT,		/* import sys, gc  (as.global: the names;
				   the modules the model has are always
				   there, so it binds nothing new);
				   from weakref import ref  (as.global's
				   module: weakref; names: what it lets
				   the module's lines call bare) */
	STMT_CLASS,		/* class name[(base)]:  (as.cls) */
	STMT_NONLOCAL,		/* nonlocal names[0], ...  (as.global) */
	STMT_TRY,		/* try:  (a NOP CPython gives a line) */
	STMT_EXCEPT,		/* except [type [as name]]:  (as.handler) */
	STMT_RAISE,		/* raise [value]  (as.value, NULL: re-raise) */
	STMT_WITH,		/* with mgr [as name], ...:  (as.with) */
	STMT_ASSERT		/* assert test[, message]  (as.test, cause:
				   the message or NULL) */
};

/*
 * Targets (of =, +=, del) are NAME, ATTR, INDEX, or, for = only, a TUPLE or
 * LIST of targets (one level or nested).  The parser checks this.
 */
struct stmt {
	enum stmt_kind	 kind;
	uint32_t	 offset;
	union {
		struct {
			struct expr	**targets;	/* owned array */
			uint32_t	  target_count;	/* >= 1 */
			struct expr	 *value;
		} assign;
		struct {
			enum binary_op	 op;
			struct expr	*target;
			struct expr	*value;
		} aug;
		struct {
			struct expr	**targets;	/* owned array */
			uint32_t	  count;
		} del;
		struct expr	*expr;			/* STMT_EXPR */
		struct expr	*value;			/* STMT_RETURN, STMT_RAISE:
							   may be NULL */
		struct {
			atom_t		*names;		/* owned array */
			uint32_t	*offsets;	/* owned array */
			atom_t		 module;	/* STMT_IMPORT: from
							   MODULE import ...,
							   else ATOM_NONE */
			uint32_t	 count;
		} global;
		struct expr	*test;			/* STMT_IF, STMT_WHILE,
							   STMT_ASSERT */
		struct {
			struct expr	*target;	/* as check_target's
							   TARGET_ASSIGN */
			struct expr	*iter;
		} loop;					/* STMT_FOR */
		struct {
			atom_t		 name;
			uint32_t	 name_offset;
			atom_t		*params;	/* owned array */
			uint32_t	*offsets;	/* owned array */
			uint32_t	 count;
			/* the default values of the last parameters, as a
			 * tuple display (MAKE_FUNCTION's defaults tuple), or
			 * NULL: it is evaluated when the def line runs */
			struct expr	*defaults;
			uint32_t	 function;	/* set by the compiler:
							   its program function */
		} def;
		struct {
			struct expr	*type;		/* NULL: a bare except */
			atom_t		 name;		/* ATOM_NONE: no `as` */
			uint32_t	 name_offset;
		} handler;				/* STMT_EXCEPT */
		struct {
			atom_t		 name;
			uint32_t	 name_offset;
			struct expr	*base;		/* NULL: no base */
			uint32_t	 function;	/* set by the compiler:
							   the body's program
							   function */
		} cls;
		struct {
			struct expr	**items;	/* owned array: each
							   manager's expression */
			atom_t		 *names;	/* owned array: each one's
							   `as` name, ATOM_NONE:
							   none */
			uint32_t	 *offsets;	/* owned array: where
							   each name is */
			uint32_t	  count;	/* >= 1 */
		} with;					/* STMT_WITH */
	} as;
	struct expr	*cause;	/* owned: STMT_RAISE's `from` expression,
				   STMT_ASSERT's message, or NULL */
	struct stmt	*next;	/* owned: the statement after a ';' on the
				   same line (.py scenarios), or NULL */
};

/* The forms an expect: line may take (DESIGN §2, and gen() of the
 * collectors issue). */
enum expect_kind {
	EXPECT_REFCOUNT,	/* refcount(subject) op number */
	EXPECT_GEN,		/* gen(subject) op number */
	EXPECT_IS,		/* subject is other */
	EXPECT_IS_NOT,		/* subject is not other */
	EXPECT_ALIVE,		/* alive(subject) */
	EXPECT_HEAP,		/* heap op number */
	EXPECT_COLLECTED,	/* collected op number */
	EXPECT_FREED		/* freed op number */
};

struct expect {
	enum expect_kind kind;
	enum compare_op	 op;		/* for the forms with a number */
	struct expr	*subject;	/* NULL for HEAP, COLLECTED, FREED */
	struct expr	*other;		/* IS and IS_NOT only */
	int64_t		 number;
	uint32_t	 number_offset;
	bool		 asked;		/* an ask: a value, no comparison */
	uint8_t		 versions;	/* [3.12+]: a bit per enum py_version
					   it is checked on; 0 for every one */
};

/* Whether expect x is checked on CPython version v (an enum py_version). */
static inline bool
expect_for_version(const struct expect *x, unsigned v)
{
	return x->versions == 0 || (x->versions & (1u << v)) != 0;
}

void	ast_free_expr(struct expr *e);
void	ast_free_stmt(struct stmt *s);

/* Calls fn(child, ctx) on each direct subexpression of e, in the order
 * CPython evaluates them (a call's callee before its arguments, a dict's
 * key before its value).  The one list of an expression's children:
 * freeing, collecting constants and every other walk go through it. */
typedef void	ast_child_fn(struct expr *child, void *ctx);
void	ast_expr_each_child(const struct expr *e, ast_child_fn *fn,
	    void *ctx);
void	ast_free_expect(struct expect *x);
/* Calls fn on each part of comprehension e that its own code evaluates,
 * in CPython's order: the first clause's tests, then each later clause's
 * iterable and tests, then elt and value.  Targets are not visited:
 * ast_comp_each_target does, in the same order as the code stores them. */
void	ast_comp_each_own(const struct expr *e, ast_child_fn *fn, void *ctx);
void	ast_comp_each_target(const struct expr *e, ast_child_fn *fn,
	    void *ctx);
bool	ast_is_comp(const struct expr *e);

/* Source-like text for an expression or a statement, for reasons and
 * narration ("argument of print", "x = [1, 2]").  Caller frees. */
char	*ast_expr_text(const struct expr *e);
char	*ast_stmt_text(const struct stmt *s);
/* The same for an expect: line ("refcount(x) == 2").  Caller frees. */
char	*ast_expect_text(const struct expect *x);

#endif
