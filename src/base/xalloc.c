/*
 * xalloc.c: allocation that never returns NULL.
 *
 * Every allocating call first asks alloc_allowed(), which is where tests
 * inject a failure: xalloc_fail_after(n) makes the nth allocation from then
 * on behave as if malloc had returned NULL.  A failure, real or injected,
 * ends in the fatal handler; nothing is allocated on that path, so a handler
 * that restores the terminal and exits cannot itself run out of memory.
 */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/xalloc.h"

static unsigned long	  fail_countdown;	/* 0: disarmed */
static void		(*fatal_handler)(void);

static _Noreturn void
out_of_memory(void)
{
	static const char msg[] = "refscope: out of memory\n";
	ssize_t n;

	if (fatal_handler != NULL)
		fatal_handler();
	/* The default, and the fallback for a handler that returned anyway. */
	n = write(STDERR_FILENO, msg, sizeof msg - 1);
	(void)n;
	exit(2);
}

/* False when this allocation is the one a test asked to fail. */
static int
alloc_allowed(void)
{
	if (fail_countdown == 0)
		return 1;
	if (--fail_countdown == 0)
		return 0;
	return 1;
}

void
xalloc_fail_after(unsigned long nth)
{
	fail_countdown = nth;
}

void
xalloc_set_fatal(void (*handler)(void))
{
	fatal_handler = handler;
}

void *
xmalloc(size_t size)
{
	void *p;

	if (!alloc_allowed())
		out_of_memory();
	/* malloc(0) may return NULL; promise a real pointer instead. */
	if ((p = malloc(size == 0 ? 1 : size)) == NULL)
		out_of_memory();
	return p;
}

void *
xcalloc(size_t count, size_t size)
{
	void *p;

	if (size != 0 && count > SIZE_MAX / size)
		out_of_memory();
	if (!alloc_allowed())
		out_of_memory();
	if (count == 0 || size == 0)
		count = size = 1;
	if ((p = calloc(count, size)) == NULL)
		out_of_memory();
	return p;
}

void *
xrealloc(void *ptr, size_t size)
{
	void *p;

	if (!alloc_allowed())
		out_of_memory();
	/* realloc(p, 0) may free p and return NULL: never ask for 0. */
	if ((p = realloc(ptr, size == 0 ? 1 : size)) == NULL)
		out_of_memory();
	return p;
}

void *
xreallocarray(void *ptr, size_t count, size_t size)
{
	if (size != 0 && count > SIZE_MAX / size)
		out_of_memory();
	return xrealloc(ptr, count * size);
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t len)
{
	const char *nul;
	char *p;

	if ((nul = memchr(s, '\0', len)) != NULL)
		len = (size_t)(nul - s);
	if (len == SIZE_MAX)
		out_of_memory();
	p = xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap, ap2;
	char *p;
	int n;

	va_start(ap, fmt);
	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	/* Only a bad format or a result over INT_MAX fails here. */
	if (n < 0) {
		va_end(ap2);
		out_of_memory();
	}
	p = xmalloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap2);
	va_end(ap2);
	return p;
}

void
xfree(void *ptr)
{
	free(ptr);
}
