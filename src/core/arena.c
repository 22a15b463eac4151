/* arena.c — bump allocator for per-request memory (see arena.h). */
#include "core/arena.h"
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct arena_chunk {
	arena_chunk *next;
	size_t size, used;
	_Alignas(16) unsigned char data[];
};

enum { ARENA_FIRST_CHUNK = 4096, ARENA_MAX_CHUNK = 1 << 20 };

void arena_init(arena *a)
{
	a->head = NULL;
	a->next_size = ARENA_FIRST_CHUNK;
}

void *arena_alloc(arena *a, size_t n)
{
	n = (n + 15) & ~(size_t)15;
	if (n == 0)
		n = 16;
	arena_chunk *c = a->head;
	if (!c || c->size - c->used < n) {
		size_t size = a->next_size;
		if (size < n)
			size = n;
		c = malloc(sizeof *c + size);
		if (!c)
			abort();
		c->size = size;
		c->used = 0;
		c->next = a->head;
		a->head = c;
		if (a->next_size < ARENA_MAX_CHUNK)
			a->next_size *= 2;
	}
	void *p = c->data + c->used;
	c->used += n;
	assert(c->used <= c->size);
	memset(p, 0, n);
	return p;
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
	if (!s)
		return NULL;
	char *d = arena_alloc(a, n + 1);
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *arena_strdup(arena *a, const char *s)
{
	return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *arena_printf(arena *a, const char *fmt, ...)
{
	va_list ap, ap2;
	va_start(ap, fmt);
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	assert(n >= 0);
	char *d = arena_alloc(a, (size_t)n + 1);
	vsnprintf(d, (size_t)n + 1, fmt, ap2);
	va_end(ap2);
	return d;
}

void *arena_grow(arena *a, void *old, size_t n, size_t size)
{
	assert(size > 0 && (n == 0 || old));
	/* the capacity is n rounded up to a power of two (at least 8): full
	 * exactly when n is 0, or at least 8 and a power of two */
	if (n && (n < 8 || (n & (n - 1))))
		return old;
	assert(n <= SIZE_MAX / 2 / size);
	void *fresh = arena_alloc(a, (n ? 2 * n : 8) * size);
	if (n)
		memcpy(fresh, old, n * size);
	return fresh;
}

void arena_free_all(arena *a)
{
	arena_chunk *c = a->head;
	while (c) {
		arena_chunk *next = c->next;
		free(c);
		c = next;
	}
	arena_init(a);
}

void arena_reset(arena *a)
{
	arena_chunk *c = a->head, *keep = NULL;
	while (c) {
		arena_chunk *next = c->next;
		if (next)
			free(c);
		else
			keep = c; /* the oldest, first-sized chunk */
		c = next;
	}
	a->head = keep;
	a->next_size = ARENA_FIRST_CHUNK * 2;
	if (keep)
		keep->used = 0;
}
