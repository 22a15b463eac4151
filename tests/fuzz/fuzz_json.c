/* fuzz_json.c — libFuzzer target: JSON request bodies (json_parse_object and
 * the field getters every API handler uses). */
#include <stdint.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include "core/json.h"

/* Does the error name this field? */
static bool fuzz_names(const bg_error *err, const char *field)
{
	return err->field && strcmp(err->field, field) == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_t *obj = NULL;
	bg_error err;
	if (json_parse_object((const char *)data, size, &obj, &err) != BG_OK)
		return 0;
	const char *s = NULL;
	int64_t n = 0;
	bool b = false;
	/* a getter that refuses names the field it refused */
	if (json_get_string(obj, "email", true, 254, &s, &err) != BG_OK && !fuzz_names(&err, "email"))
		abort();
	if (json_get_string(obj, "name", false, 100, &s, &err) != BG_OK && !fuzz_names(&err, "name"))
		abort();
	if (json_get_int(obj, "id", false, &n, &err) != BG_OK && !fuzz_names(&err, "id"))
		abort();
	if (json_get_bool(obj, "flag", false, &b, &err) != BG_OK && !fuzz_names(&err, "flag"))
		abort();
	buf out;
	buf_init(&out);
	if (s)
		json_put_string(&out, s);
	buf_free(&out);
	json_decref(obj);
	return 0;
}
