/*
 * ops.c: the text of each operator, one table per kind.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stddef.h>

#include "py/ops.h"

#define NELEM(a)	(sizeof (a) / sizeof (a)[0])

static const char *const binary_texts[] = {
	[BINOP_ADD] = "+", [BINOP_SUB] = "-", [BINOP_MUL] = "*",
	[BINOP_DIV] = "/", [BINOP_FLOORDIV] = "//", [BINOP_MOD] = "%",
	[BINOP_POW] = "**",
};
static const char *const unary_texts[] = {
	[UNOP_NEG] = "-", [UNOP_POS] = "+", [UNOP_NOT] = "not ",
};
static const char *const compare_texts[] = {
	[CMP_EQ] = "==", [CMP_NE] = "!=", [CMP_LT] = "<",
	[CMP_GT] = ">", [CMP_LE] = "<=", [CMP_GE] = ">=",
	[CMP_IS] = "is", [CMP_IS_NOT] = "is not", [CMP_IN] = "in",
	[CMP_NOT_IN] = "not in",
};

/* An entry of a table above, or "?" past its end or at a gap. */
static const char *
text_at(const char *const *table, size_t count, unsigned int i)
{
	return i < count && table[i] != NULL ? table[i] : "?";
}

const char *
ops_binary_text(enum binary_op op)
{
	return text_at(binary_texts, NELEM(binary_texts), (unsigned int)op);
}

const char *
ops_unary_text(enum unary_op op)
{
	return text_at(unary_texts, NELEM(unary_texts), (unsigned int)op);
}

const char *
ops_compare_text(enum compare_op op)
{
	return text_at(compare_texts, NELEM(compare_texts), (unsigned int)op);
}
