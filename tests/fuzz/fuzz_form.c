/* fuzz_form.c — libFuzzer target: urlencoded form bodies and query strings
 * (form_parse / form_decode), and the HTML writer on what they yield. */
#include <stdint.h>
#include <stddef.h>
#include "http/form.h"
#include "web/html.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	arena a;
	arena_init(&a);
	form f;
	bg_error err;
	if (form_parse(&a, (const char *)data, size, &f, &err) == BG_OK) {
		buf out;
		buf_init(&out);
		for (size_t i = 0; i < f.count; i++)
			h_printf(html_of(&out), "<input name=\"%s\" value=\"%s\">", f.fields[i].name, f.fields[i].value);
		(void)form_get(&f, "csrf_token");
		buf_free(&out);
	}
	(void)form_decode(&a, (const char *)data, size);
	arena_free_all(&a);
	return 0;
}
