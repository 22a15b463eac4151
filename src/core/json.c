/* json.c — JSON in and out (see json.h). */
#include "core/json.h"
#include "core/utf8.h"
#include <string.h>

void json_put_string(buf *b, const char *s)
{
	if (!s) {
		buf_puts(b, "null");
		return;
	}
	buf_putc(b, '"');
	const char *run = s;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c >= 0x20 && c != '"' && c != '\\' && c != '<')
			continue;
		buf_append(b, run, (size_t)(s - run));
		switch (c) {
		case '"': buf_puts(b, "\\\""); break;
		case '\\': buf_puts(b, "\\\\"); break;
		case '\n': buf_puts(b, "\\n"); break;
		case '\r': buf_puts(b, "\\r"); break;
		case '\t': buf_puts(b, "\\t"); break;
		default: buf_printf(b, "\\u%04x", c); break; /* '<' too: safe in <script> */
		}
		run = s + 1;
	}
	buf_append(b, run, (size_t)(s - run));
	buf_putc(b, '"');
}

bg_status json_parse_object(const char *body, size_t len, json_t **out, bg_error *err)
{
	if (!body || len == 0)
		return bg_fail(err, BG_ERR_INVALID, "invalid_json", NULL,
			       N_("The request body must be a JSON object."));
	if (!utf8_valid(body, len))
		return bg_fail(err, BG_ERR_INVALID, "invalid_utf8", NULL,
			       N_("The request body is not valid UTF-8."));
	json_error_t jerr;
	json_t *root = json_loadb(body, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root)
		return bg_fail(err, BG_ERR_INVALID, "invalid_json", NULL,
			       N_("The request body is not valid JSON."));
	if (!json_is_object(root)) {
		json_decref(root);
		return bg_fail(err, BG_ERR_INVALID, "invalid_json", NULL,
			       N_("The request body must be a JSON object."));
	}
	*out = root;
	return BG_OK;
}

static bg_status json_missing(const char *field, bg_error *err)
{
	return bg_fail(err, BG_ERR_INVALID, "missing_field", field, N_("This field is required."));
}

static bg_status json_wrong_type(const char *field, bg_error *err)
{
	return bg_fail(err, BG_ERR_INVALID, "invalid_type", field,
		       N_("This field has the wrong type."));
}

bg_status json_get_string(json_t *obj, const char *field, bool required, size_t max_len,
			  const char **out, bg_error *err)
{
	json_t *v = json_object_get(obj, field);
	if (!v || json_is_null(v))
		return required ? json_missing(field, err) : BG_OK;
	if (!json_is_string(v))
		return json_wrong_type(field, err);
	const char *s = json_string_value(v);
	/* jansson accepts \u0000 escapes: a NUL inside a string is refused */
	if (strlen(s) != json_string_length(v))
		return bg_fail(err, BG_ERR_INVALID, "invalid_utf8", field,
			       N_("This field contains a forbidden character."));
	if (max_len && json_string_length(v) > max_len)
		return bg_fail(err, BG_ERR_INVALID, "too_long", field, N_("This field is too long."));
	if (required && !*s)
		return json_missing(field, err);
	*out = s;
	return BG_OK;
}

bg_status json_get_int(json_t *obj, const char *field, bool required, int64_t *out,
		       bg_error *err)
{
	json_t *v = json_object_get(obj, field);
	if (!v || json_is_null(v))
		return required ? json_missing(field, err) : BG_OK;
	if (!json_is_integer(v))
		return json_wrong_type(field, err);
	*out = (int64_t)json_integer_value(v);
	return BG_OK;
}

bg_status json_get_bool(json_t *obj, const char *field, bool required, bool *out,
			bg_error *err)
{
	json_t *v = json_object_get(obj, field);
	if (!v || json_is_null(v))
		return required ? json_missing(field, err) : BG_OK;
	if (!json_is_boolean(v))
		return json_wrong_type(field, err);
	*out = json_is_true(v);
	return BG_OK;
}
