/*
 * ops.h: Python's operators as the subset has them.  The parser builds
 * them, the compiler folds them (scalar.h), the simulator runs them and
 * the writers print them: they live in py/ so that none of those takes
 * them from the syntax tree.
 */
#ifndef REFSCOPE_OPS_H
#define REFSCOPE_OPS_H

enum binary_op {
	BINOP_ADD,		/* +  */
	BINOP_SUB,		/* -  */
	BINOP_MUL,		/* *  */
	BINOP_DIV,		/* /  */
	BINOP_FLOORDIV,		/* // */
	BINOP_MOD,		/* %  */
	BINOP_POW		/* ** */
};

enum unary_op {
	UNOP_NEG,		/* -x */
	UNOP_POS,		/* +x */
	UNOP_NOT		/* not x */
};

/* The forms with a number compare counts (EQ..GE); the expressions of a
 * statement use them all. */
enum compare_op {
	CMP_EQ, CMP_NE, CMP_LT, CMP_GT, CMP_LE, CMP_GE,
	CMP_IS, CMP_IS_NOT, CMP_IN, CMP_NOT_IN
};

/* The operator as Python writes it: "+", "//", "-", "<=", ...  Static
 * text; "?" for a value outside the enum. */
const char	*ops_binary_text(enum binary_op op);
const char	*ops_unary_text(enum unary_op op);
const char	*ops_compare_text(enum compare_op op);

#endif
