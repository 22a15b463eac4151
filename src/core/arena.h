/*
 * arena.h — per-request memory.
 *
 * A request allocates from its arena and never frees piecemeal; the whole
 * arena goes when the response has been sent.  Chunks grow geometrically;
 * an allocation larger than a chunk gets a chunk of its own.  Allocation
 * failure aborts: a server that cannot get a few kilobytes cannot answer.
 */
#ifndef BG_ARENA_H
#define BG_ARENA_H
#include <stddef.h>
#include <stdarg.h>

typedef struct arena_chunk arena_chunk;
typedef struct arena {
	arena_chunk *head;
	size_t next_size;
} arena;

void arena_init(arena *a);
void *arena_alloc(arena *a, size_t n);         /* zeroed, 16-byte aligned */
char *arena_strdup(arena *a, const char *s);    /* NULL stays NULL */
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_printf(arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Room for one more element at the end of an arena array of n elements
 * of size bytes, made by this function (NULL when n is 0): the same array
 * while it has room, else a copy twice as large (from 8), so that a list
 * of n rows costs O(n) copies.  Use: v = arena_grow(a, v, n, sizeof *v);
 * v[n++] = x; */
void *arena_grow(arena *a, void *old, size_t n, size_t size);
void arena_free_all(arena *a);                   /* leaves it reusable */
/* Forgets every allocation but keeps the first chunk for the next use (a
 * worker thread reuses one arena from request to request). */
void arena_reset(arena *a);

#endif
