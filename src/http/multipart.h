/*
 * multipart.h — multipart/form-data bodies (forms with a file).
 *
 * The body has already been read under the 1 MiB cap; this splits it into
 * parts by the boundary of the Content-Type header, and reads each part's
 * name, file name and type from its headers.  Parts point into arena copies
 * (file data may hold any byte; text fields are checked to be UTF-8 without
 * NUL, like urlencoded fields).  Anything malformed is a 400
 * "invalid_multipart".
 */
#ifndef BG_MULTIPART_H
#define BG_MULTIPART_H
#include <stddef.h>
#include "core/arena.h"
#include "core/err.h"
#include "http/form.h"

typedef struct multipart_file {
	const char *field;        /* the form field's name */
	const char *filename;     /* as the browser sent it (UTF-8), never a path */
	const char *content_type; /* as declared; check the bytes, not this */
	const unsigned char *data;
	size_t size;
} multipart_file;

typedef struct multipart {
	form fields;              /* the text fields, as form_get() reads them */
	multipart_file *files;
	size_t nfiles;
} multipart;

enum { MULTIPART_MAX_PARTS = 64 };

/* The boundary of a "multipart/form-data; boundary=…" Content-Type, or NULL. */
const char *multipart_boundary(arena *a, const char *content_type);
bg_status multipart_parse(arena *a, const char *boundary, const char *body, size_t len,
			  multipart *out, bg_error *err) BG_MUST_CHECK;
/* The first file sent in field, or NULL (an empty file input counts as none). */
const multipart_file *multipart_file_get(const multipart *m, const char *field);

#endif
