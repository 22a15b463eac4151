/*
 * buf.h — a growable byte buffer, always NUL-terminated.
 *
 * Used to build response bodies (JSON, HTML, CSV).  Growth failure aborts.
 * Ownership: buf_init()/buf_free(); buf_detach() hands the bytes over to
 * the caller, who frees them with free().
 */
#ifndef BG_BUF_H
#define BG_BUF_H
#include <stddef.h>
#include <stdarg.h>

typedef struct buf {
	char *data;
	size_t len, cap;
} buf;

void buf_init(buf *b);
void buf_free(buf *b);
void buf_reset(buf *b);
/* Makes room for extra more bytes (and the NUL) at data + len, for a
 * writer that fills them itself and then advances len. */
void buf_reserve(buf *b, size_t extra);
void buf_append(buf *b, const void *p, size_t n);
void buf_puts(buf *b, const char *s);
void buf_putc(buf *b, char c);
void buf_printf(buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_vprintf(buf *b, const char *fmt, va_list ap);
char *buf_detach(buf *b, size_t *len);

#endif
