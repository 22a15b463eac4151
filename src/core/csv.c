/* csv.c — quoted, formula-neutralised CSV fields (see csv.h). */
#include "core/csv.h"
#include <assert.h>
#include <string.h>

bool csv_is_formula(const char *value)
{
	return value && *value && strchr("=+-@\t\r", *value) != NULL;
}

void csv_field(buf *out, const char *value, char separator, bool last)
{
	assert(separator == ',' || separator == ';');
	buf_putc(out, '"');
	if (csv_is_formula(value))
		buf_putc(out, '\'');
	for (const char *p = value ? value : ""; *p; p++) {
		if (*p == '"')
			buf_putc(out, '"');
		buf_putc(out, *p);
	}
	buf_putc(out, '"');
	if (last)
		buf_puts(out, "\r\n");
	else
		buf_putc(out, separator);
}
