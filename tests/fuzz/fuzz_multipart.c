/* fuzz_multipart.c — libFuzzer target: multipart/form-data bodies (the
 * first line of the input is the Content-Type header, the rest the body). */
#include <stdint.h>
#include <stddef.h>
#include <string.h>
#include "http/multipart.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	const char *nl = memchr(s, '\n', size);
	if (!nl)
		return 0;
	arena a;
	arena_init(&a);
	char *ct = arena_strndup(&a, s, (size_t)(nl - s));
	const char *boundary = multipart_boundary(&a, ct);
	multipart m;
	bg_error err;
	if (multipart_parse(&a, boundary, nl + 1, size - (size_t)(nl + 1 - s), &m, &err) == BG_OK) {
		(void)form_get(&m.fields, "csrf_token");
		const multipart_file *f = multipart_file_get(&m, "file");
		if (f && f->size)
			(void)f->data[f->size - 1];
	}
	arena_free_all(&a);
	return 0;
}
