/*
 * mem.h — allocation that cannot fail silently.
 *
 * Like the arena and buf, these abort when memory is exhausted: a server
 * that cannot get a few kilobytes cannot answer anyway, and checking every
 * growth of a list by hand is where leaks and NULL dereferences come from.
 */
#ifndef BG_MEM_H
#define BG_MEM_H
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* realloc(p, n) or abort(); n == 0 gives a valid 1-byte block. */
static inline void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		abort();
	return q;
}

static inline void *xmalloc(size_t n)
{
	return xrealloc(NULL, n);
}

/* strdup or abort; NULL stays NULL. */
static inline char *xstrdup(const char *s)
{
	if (!s)
		return NULL;
	size_t n = strlen(s) + 1;
	char *d = xmalloc(n);
	memcpy(d, s, n);
	return d;
}

#endif
