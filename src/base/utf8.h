/*
 * utf8.h: decoding UTF-8, the one copy every layer uses.
 *
 * Scenario text is untrusted, so decoding is strict, as Unicode defines
 * well-formed UTF-8: no overlong forms, no surrogates (U+D800..U+DFFF),
 * nothing past U+10FFFF.
 */
#ifndef REFSCOPE_UTF8_H
#define REFSCOPE_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What utf8_decode stores for an ill-formed sequence: never a code point. */
#define UTF8_INVALID	UINT32_MAX

/*
 * Decodes the character at s; len > 0 bytes are available (s need not be
 * NUL-terminated, and no byte past s[len - 1] is read).  Never fails:
 *  - at a well-formed sequence, stores its code point (0..U+10FFFF, not a
 *    surrogate) in *cp and returns its length, 1 to 4;
 *  - otherwise stores UTF8_INVALID in *cp and returns the length of the
 *    maximal ill-formed subpart (Unicode 3.9, U+FFFD substitution): the
 *    bytes that began a plausible sequence before it broke, at least 1.
 *    A byte that cannot start a sequence (80..BF, C0, C1, F5..FF) gives 1;
 *    E0 A0 followed by 'a', or E0 A0 at the end of the text, gives 2
 *    ('a' is left for the next call); E0 80 (overlong) and ED A0
 *    (surrogate) give 1, since 80 and A0 are already wrong there.
 * Callers that treat an ill-formed sequence one byte at a time use 1
 * instead of the return value when *cp is UTF8_INVALID.
 */
size_t	utf8_decode(const char *s, size_t len, uint32_t *cp);

/*
 * The length the lead byte announces by its bit pattern, as libyaml's
 * reader counts characters: 1 for ASCII (00..7F), 2 for 110xxxxx (C0..DF),
 * 3 for 1110xxxx (E0..EF), 4 for 11110xxx (F0..F7), and 1 for a byte that
 * cannot start a sequence (a continuation byte 80..BF, or F8..FF).  It
 * reads the lead byte only and does not say the sequence is well formed:
 * C0, C1 (overlong) and F5..F7 (past U+10FFFF) announce 2 and 4 bytes
 * though no well-formed sequence starts with them; utf8_decode tells.
 */
size_t	utf8_sequence_length(unsigned char lead);

/*
 * The characters of the len bytes at s, as a terminal or libyaml's column
 * counts them: each byte that is not a continuation byte (80..BF) starts
 * one.  For well-formed UTF-8 that is the number of code points.
 */
size_t	utf8_count(const char *s, size_t len);

/* Encodes code point cp (at most U+10FFFF) into out; returns its length,
 * 1 to 4 bytes. */
size_t	utf8_encode(uint32_t cp, char out[4]);

/*
 * The one rule for what scenario text may not show as itself, wherever it
 * goes (a terminal, a message, a trace, a dump, an export, the viewer):
 * whether code point c must be written as an escape.  These are the C0
 * controls, DEL and the C1 controls, which a terminal obeys, and the
 * invisible format characters, which reorder or hide the text around
 * them or break it into lines: U+061C ARABIC LETTER MARK, U+180E,
 * U+200B..U+200F (zero widths, LRM, RLM), U+2028 and U+2029 (line and
 * paragraph separators: terminals and editors disagree on them),
 * U+202A..U+202E (bidi embeddings and overrides), U+2060..U+2064,
 * U+2066..U+206F (isolates and the deprecated format characters) and
 * U+FEFF (a byte order mark inside text).
 */
bool	utf8_must_escape(uint32_t c);

/*
 * Whether the user's locale writes text as UTF-8 (its LC_CTYPE, taken from
 * the environment: this sets LC_CTYPE, nothing else, so numbers are still
 * printed with a '.').  Where it does not (LANG=C, a Latin-1 locale), what
 * refscope draws -- the viewer, dump, export --cast -- is ASCII, as with
 * --ascii.
 */
bool	utf8_locale(void);

#endif /* REFSCOPE_UTF8_H */
