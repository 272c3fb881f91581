/*
 * strbuf.h: a growable byte string, and the escapes refscope needs when
 * scenario text goes anywhere a person or a program reads it.
 *
 * A strbuf owns its bytes; data is always NUL-terminated (len excludes it).
 */
#ifndef REFSCOPE_STRBUF_H
#define REFSCOPE_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

struct strbuf {
	char	*data;		/* owned; NULL until the first append */
	size_t	 len;
	size_t	 cap;
};

#define STRBUF_INIT { NULL, 0, 0 }

void	 strbuf_append(struct strbuf *sb, const char *bytes, size_t len);
void	 strbuf_puts(struct strbuf *sb, const char *s);
void	 strbuf_putc(struct strbuf *sb, char c);
void	 strbuf_printf(struct strbuf *sb, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	 strbuf_vprintf(struct strbuf *sb, const char *fmt, va_list ap)
	    __attribute__((format(printf, 2, 0)));
void	 strbuf_truncate(struct strbuf *sb, size_t len);
/* Gives the bytes to the caller (xfree them) and empties sb.  Never NULL. */
char	*strbuf_detach(struct strbuf *sb);
void	 strbuf_free(struct strbuf *sb);
/* data, or "" when nothing was appended yet. */
const char *strbuf_str(const struct strbuf *sb);

/*
 * Appends text with every character utf8_must_escape names made visible,
 * so that scenario text can never move a terminal's cursor, change its
 * state, or reorder or hide what is around it: C0 controls and DEL as \n
 * \t \r \x1b ..., the C1 controls and the invisible format characters as
 * \u202e, and invalid UTF-8 bytes as \xff.  With keep_newline, '\n' passes
 * through.
 */
void	 strbuf_append_visible(struct strbuf *sb, const char *text, size_t len,
	    int keep_newline);

/* Appends a JSON string literal (with the quotes) for text, escaping as
 * RFC 8259 asks and also every character utf8_must_escape names, as
 * \uXXXX.  Invalid UTF-8 becomes U+FFFD. */
void	 strbuf_append_json_string(struct strbuf *sb, const char *text,
	    size_t len);

#endif
