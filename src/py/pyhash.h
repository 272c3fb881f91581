/*
 * pyhash.h: the parts of CPython 3.11's value semantics that refscope must
 * reproduce bit for bit: hashes (they decide set order), the repr of floats
 * and strings, and int/float arithmetic with Python's rules.
 *
 * Strings are hashed as CPython does with PYTHONHASHSEED=0 (SipHash-1-3
 * with a zero key over the string's UCS1/UCS2/UCS4 form), which is how the
 * differential tests run python3.  Pure functions: no allocation unless a
 * strbuf is passed.
 */
#ifndef REFSCOPE_PYHASH_H
#define REFSCOPE_PYHASH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/strbuf.h"

typedef int64_t pyhash_t;	/* Py_hash_t on a 64-bit build; never -1 */

pyhash_t	pyhash_int(int64_t value);		/* hash(int)   */
pyhash_t	pyhash_float(double value);		/* hash(float); NaN as in 3.11 is id-based: not supported, returns 0 */
pyhash_t	pyhash_str(const char *utf8, size_t len);	/* hash(str), PYTHONHASHSEED=0 */
/* hash(tuple) from the hashes of its items (3.11's xxHash-based combine). */
pyhash_t	pyhash_tuple(const pyhash_t *item_hashes, size_t count);
/* The same, one item at a time: acc = pyhash_tuple_start(), then
 * acc = pyhash_tuple_add(acc, item) for each item in order, then
 * pyhash_tuple_end(acc, count). */
uint64_t	pyhash_tuple_start(void);
uint64_t	pyhash_tuple_add(uint64_t acc, pyhash_t item_hash);
pyhash_t	pyhash_tuple_end(uint64_t acc, size_t count);
/* hash(None) / hash(object()) in 3.11 are address-based; refscope uses
 * this stand-in from the object's id (documented as a difference). */
pyhash_t	pyhash_identity(uint32_t id);

/* Appends repr(value) for a float exactly as CPython: '1.0', '0.1',
 * '1e+16', '1.5e-05', 'inf', '-inf', 'nan', '-0.0'. */
void	pyrepr_float(struct strbuf *out, double value);
/* Appends repr(s) for a str: quotes chosen as CPython does, escapes \\ \n
 * \r \t \xhh \uXXXX \UXXXXXXXX for non-printable characters.  The one
 * repr of a str: the simulator, the syntax tree's text and the Python
 * export all write str through it. */
void	pyrepr_str(struct strbuf *out, const char *utf8, size_t len);
/* Appends what pyrepr_str writes between its quotes, with quote (' or ",
 * or 0 for neither) escaped as \' or \".  For Python source that needs
 * its own quotes, built on the one repr: a triple-quoted block, one quote
 * style throughout a file. */
void	pyrepr_str_body(struct strbuf *out, const char *utf8, size_t len,
	    char quote);

/* Number of characters (code points) of a valid UTF-8 string. */
size_t	pystr_length(const char *utf8, size_t len);
/* Whether s is an identifier-like ASCII string that CPython interns when it
 * appears as a constant: [A-Za-z0-9_]* (the empty string counts too). */
bool	pystr_is_identifier_like(const char *utf8, size_t len);
/* Whether s is one character in U+0000..U+00FF (a cached singleton). */
bool	pystr_is_latin1_char(const char *utf8, size_t len);

/* Integer arithmetic with Python's rules on int64; false on overflow
 * (the caller goes on with py/bigint.h). */
bool	pyint_add(int64_t a, int64_t b, int64_t *out);
bool	pyint_sub(int64_t a, int64_t b, int64_t *out);
bool	pyint_mul(int64_t a, int64_t b, int64_t *out);
/* Floor division and modulo as Python (sign of the divisor); b != 0. */
bool	pyint_floordiv(int64_t a, int64_t b, int64_t *out);
bool	pyint_mod(int64_t a, int64_t b, int64_t *out);
/* a / b as Python: correctly rounded (round half to even) from the exact
 * quotient, never from the operands rounded to doubles; b != 0. */
double	pyint_truediv(int64_t a, int64_t b);
/* float // and % as Python; b != 0. */
double	pyfloat_floordiv(double a, double b);
double	pyfloat_mod(double a, double b);

#endif
