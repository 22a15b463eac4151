/*
 * json.h — JSON in (jansson, with the checks every API body needs) and
 * JSON out (a small writer onto a buf).
 *
 * Input: json_parse_object() accepts only a UTF-8 object; the getters take
 * a field name and say precisely what is wrong with it (missing, wrong
 * type, too long), so every face answers the same 400 with "field".
 */
#ifndef BG_JSON_H
#define BG_JSON_H
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include "core/buf.h"
#include "core/err.h"

/* Appends s as a JSON string literal, quotes included (NULL → null). */
void json_put_string(buf *b, const char *s);

/* Parses a request body that must be a JSON object.  *out is owned by the
 * caller (json_decref). */
bg_status json_parse_object(const char *body, size_t len, json_t **out, bg_error *err) BG_MUST_CHECK;

/* Field getters.  A missing optional field leaves *out unchanged and
 * returns BG_OK; a present field of the wrong type is always an error. */
bg_status json_get_string(json_t *obj, const char *field, bool required, size_t max_len,
			  const char **out, bg_error *err) BG_MUST_CHECK;
bg_status json_get_int(json_t *obj, const char *field, bool required, int64_t *out,
		       bg_error *err) BG_MUST_CHECK;
bg_status json_get_bool(json_t *obj, const char *field, bool required, bool *out,
			bg_error *err) BG_MUST_CHECK;

#endif
