/* form.c — urlencoded form parsing (see form.h). */
#include "http/form.h"
#include "core/utf8.h"
#include <string.h>

static int form_hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

char *form_decode(arena *a, const char *s, size_t len)
{
	char *out = arena_alloc(a, len + 1);
	size_t o = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '+') {
			out[o++] = ' ';
		} else if (s[i] == '%') {
			if (i + 2 >= len)
				return NULL;
			int hi = form_hex(s[i + 1]), lo = form_hex(s[i + 2]);
			if (hi < 0 || lo < 0)
				return NULL;
			out[o++] = (char)(hi * 16 + lo);
			i += 2;
		} else {
			out[o++] = s[i];
		}
	}
	out[o] = '\0';
	if (!utf8_valid(out, o))
		return NULL;
	return out;
}

bg_status form_parse(arena *a, const char *data, size_t len, form *out, bg_error *err)
{
	out->fields = arena_alloc(a, sizeof *out->fields * FORM_MAX_FIELDS);
	out->count = 0;
	size_t i = 0;
	while (i < len) {
		size_t end = i;
		while (end < len && data[end] != '&')
			end++;
		if (end > i) {
			size_t eq = i;
			while (eq < end && data[eq] != '=')
				eq++;
			if (out->count == FORM_MAX_FIELDS)
				return bg_fail(err, BG_ERR_INVALID, "invalid_form", NULL,
					       N_("The form has too many fields."));
			char *name = form_decode(a, data + i, eq - i);
			char *value = eq < end ? form_decode(a, data + eq + 1, end - eq - 1)
					       : arena_strdup(a, "");
			if (!name || !value)
				return bg_fail(err, BG_ERR_INVALID, "invalid_utf8", NULL,
					       N_("The form contains invalid characters."));
			out->fields[out->count++] = (form_field){name, value};
		}
		i = end + 1;
	}
	return BG_OK;
}

const char *form_get(const form *f, const char *name)
{
	for (size_t i = 0; i < f->count; i++)
		if (strcmp(f->fields[i].name, name) == 0)
			return f->fields[i].value;
	return NULL;
}
