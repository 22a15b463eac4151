/* fuzz_json.c — libFuzzer target: JSON request bodies (json_parse_object and
 * the field getters every API handler uses). */
#include <stdint.h>
#include <stddef.h>
#include "core/json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_t *obj = NULL;
	bg_error err;
	if (json_parse_object((const char *)data, size, &obj, &err) != BG_OK)
		return 0;
	const char *s = NULL;
	int64_t n = 0;
	bool b = false;
	json_get_string(obj, "email", true, 254, &s, &err);
	json_get_string(obj, "name", false, 100, &s, &err);
	json_get_int(obj, "id", false, &n, &err);
	json_get_bool(obj, "flag", false, &b, &err);
	buf out;
	buf_init(&out);
	if (s)
		json_put_string(&out, s);
	buf_free(&out);
	json_decref(obj);
	return 0;
}
