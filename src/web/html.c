/* html.c — the escaping HTML writer (see html.h). */
#include "web/html.h"
#include <stdarg.h>
#include <string.h>

void h_text(buf *b, const char *s)
{
	if (!s)
		return;
	const char *run = s;
	for (; *s; s++) {
		const char *rep;
		switch (*s) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		buf_append(b, run, (size_t)(s - run));
		buf_puts(b, rep);
		run = s + 1;
	}
	buf_append(b, run, (size_t)(s - run));
}

void h_raw(buf *b, const char *html)
{
	if (html)
		buf_puts(b, html);
}

void h_printf(buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	const char *run = fmt;
	for (const char *p = fmt; *p; p++) {
		if (*p != '%')
			continue;
		buf_append(b, run, (size_t)(p - run));
		p++;
		if (*p == 's') {
			h_text(b, va_arg(ap, const char *));
		} else if (*p == 'd') {
			buf_printf(b, "%d", va_arg(ap, int));
		} else if (*p == 'u') {
			buf_printf(b, "%u", va_arg(ap, unsigned));
		} else if (*p == '%') {
			buf_putc(b, '%');
		} else if (p[0] == 'z' && p[1] == 'u') {
			buf_printf(b, "%zu", va_arg(ap, size_t));
			p++;
		} else if (p[0] == 'l' && p[1] == 'd') {
			buf_printf(b, "%ld", va_arg(ap, long));
			p++;
		} else if (p[0] == 'l' && p[1] == 'l' && p[2] == 'd') {
			buf_printf(b, "%lld", va_arg(ap, long long));
			p += 2;
		} else {
			/* unsupported conversion: a programming error, visible in tests */
			buf_puts(b, "%?");
		}
		run = p + 1;
	}
	buf_append(b, run, strlen(run));
	va_end(ap);
}
