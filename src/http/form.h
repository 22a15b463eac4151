/*
 * form.h — application/x-www-form-urlencoded and query-string parsing.
 *
 * Decodes into arena memory; '+' is a space, %XX a byte.  Every decoded
 * name and value is checked to be valid UTF-8 without NUL; a body that
 * fails gives BG_ERR_INVALID "invalid_form" (or "invalid_utf8").
 */
#ifndef BG_FORM_H
#define BG_FORM_H
#include <stddef.h>
#include "core/arena.h"
#include "core/err.h"

typedef struct form_field {
	const char *name, *value;
} form_field;

typedef struct form {
	form_field *fields;
	size_t count;
} form;

enum { FORM_MAX_FIELDS = 256 };

bg_status form_parse(arena *a, const char *data, size_t len, form *out, bg_error *err) BG_MUST_CHECK;
/* The first value of name, or NULL. */
const char *form_get(const form *f, const char *name);
/* Percent-decodes s[0..len) into arena memory; NULL if malformed. */
char *form_decode(arena *a, const char *s, size_t len);

#endif
