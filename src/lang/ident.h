/*
 * ident.h: Python identifiers beyond ASCII (PEP 3131), as CPython 3.11
 * reads them: each character must be XID_Start (the first) or
 * XID_Continue as written, and the name is then the NFKC form, so that
 * `café` written composed or decomposed, `ﬁ` and `fi`, `ｘ` and `x` are
 * one name.  Tables generated from python3's unicodedata
 * (tests/data/nfkc/generate.py).
 */
#ifndef REFSCOPE_IDENT_H
#define REFSCOPE_IDENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Whether cp may start a name / continue one (ASCII included). */
bool	ident_is_start(uint32_t cp);
bool	ident_is_continue(uint32_t cp);

/*
 * The NFKC form of the name s (len bytes of well-formed UTF-8), NUL
 * terminated, its length in *out_len; the caller frees it.  NULL when s
 * is its own NFKC form because it is ASCII (the common case: no copy).
 */
char	*ident_nfkc(const char *s, size_t len, size_t *out_len);

#endif /* REFSCOPE_IDENT_H */
