/*
 * xalloc.h: every allocation of refscope goes through here.
 *
 * Running out of memory is not a recoverable error for a teaching tool:
 * these functions never return NULL.  On failure they call the fatal
 * handler (by default: restore nothing, print "refscope: out of memory"
 * and exit with status 2).  Tests can make the Nth allocation from now
 * fail, to check that refscope then exits cleanly instead of crashing.
 */
#ifndef REFSCOPE_XALLOC_H
#define REFSCOPE_XALLOC_H

#include <stddef.h>

void	*xmalloc(size_t size);
void	*xcalloc(size_t count, size_t size);	/* checks count * size */
void	*xrealloc(void *ptr, size_t size);
void	*xreallocarray(void *ptr, size_t count, size_t size);
char	*xstrdup(const char *s);
char	*xstrndup(const char *s, size_t len);	/* copies at most len bytes, NUL-terminates */
char	*xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void	 xfree(void *ptr);

/* Tests: the nth allocation from now (1 = the next one) fails; 0 disarms. */
void	 xalloc_fail_after(unsigned long nth);

/* Replaces the fatal handler (for the viewer: restore the terminal first).
 * The handler must not return.  NULL restores the default handler. */
void	 xalloc_set_fatal(void (*handler)(void));

#endif
