/*
 * encoding.h — content codings and validators (RFC 9110 §8.4, §12.5.3,
 * §13.1.2): which coding a client accepts, gzip with zlib, and whether an
 * If-None-Match list matches an entity tag.  Pure functions over strings;
 * the server (server.c) applies them to every answer.
 */
#ifndef BG_HTTP_ENCODING_H
#define BG_HTTP_ENCODING_H
#include <stdbool.h>
#include <stddef.h>
#include "core/buf.h"

/* Answers shorter than this are sent as they are: gzip's header and the
 * work cost more than the bytes saved. */
#define HTTP_COMPRESS_MIN 1024

/* The quality, in thousandths (0 … 1000), that an Accept-Encoding value
 * gives coding: its own entry, else "*", else 0; q=0 refuses.  No header
 * at all (NULL) accepts nothing but identity. */
int http_coding_quality(const char *accept_encoding, const char *coding);
/* Is a body of this Content-Type text that compresses (HTML, JSON, CSS,
 * CSV, SVG, iCalendar, JavaScript, plain text)? */
bool http_type_compressible(const char *content_type);
/* Appends len bytes of data gzip-compressed (RFC 1952) to out at the given
 * zlib level (1 fastest … 9 smallest); false when zlib fails. */
bool http_gzip(buf *out, const void *data, size_t len, int level);
/* Does an If-None-Match value ("*" or a list of entity tags, weak or not)
 * match etag, by the weak comparison of RFC 9110 §13.1.2? */
bool http_etag_matches(const char *if_none_match, const char *etag);

#endif
