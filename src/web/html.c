/* html.c — the escaping HTML writer (see html.h).  The one file that turns
 * an html * back into the buf it writes to, so the one place where bytes
 * reach a page unescaped: h_printf's literal formats and h_raw. */
#include "web/html.h"
#include <assert.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* The buf under h (see the typedef: struct html is never defined). */
static buf *h_buf(html *h)
{
	assert(h);
	return (buf *)h;
}

/* The writer over b: the same pointer, seen as an html *. */
html *html_of(buf *b)
{
	assert(b);
	return (html *)b;
}

/* Empties the page written so far (an error page replaces it). */
void h_clear(html *h)
{
	buf_reset(h_buf(h));
}

/* Writes s with & < > " ' as entities. */
void h_text(html *h, const char *s)
{
	buf *b = h_buf(h);
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

/* Formats the whole sentence as text first, then escapes it: a translator's
 * "<" or "&" is shown, never interpreted. */
void h_textf(html *h, const char *fmt, ...)
{
	buf text;
	buf_init(&text);
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&text, fmt, ap);
	va_end(ap);
	h_text(h, text.data);
	buf_free(&text);
}

/* Appends markup as it is (see html.h: only markup this writer built). */
void h_raw(html *h, const char *markup)
{
	if (markup)
		buf_puts(h_buf(h), markup);
}

/* ` name="value"`, value escaped; name is a literal of the code (asserted
 * to hold no character that would end the attribute). */
void h_attr_(html *h, const char *name, const char *value)
{
	assert(name && *name && !strpbrk(name, " \"'<>=&"));
	if (!value)
		return;
	buf *b = h_buf(h);
	buf_printf(b, " %s=\"", name);
	h_text(h, value);
	buf_putc(b, '"');
}

/* ` name` when on (a boolean attribute: required, checked, open). */
void h_bool_(html *h, const char *name, bool on)
{
	assert(name && *name && !strpbrk(name, " \"'<>=&"));
	if (on)
		buf_printf(h_buf(h), " %s", name);
}

/* Copies one conversion ("%-08.3lld") into spec; returns its length. */
static size_t h_conversion(const char *p, char spec[16])
{
	size_t n = 1;
	while (p[n] && strchr("-+ #0123456789.", p[n]) && n < 10)
		n++;
	while (p[n] && strchr("hlzjt", p[n]) && n < 13)
		n++;
	if (p[n])
		n++;
	memcpy(spec, p, n);
	spec[n] = '\0';
	return n;
}

/* Writes fmt's markup as it is and its arguments escaped (see html.h). */
void h_printf_(html *h, const char *fmt, ...)
{
	buf *b = h_buf(h);
	va_list ap;
	va_start(ap, fmt);
	const char *run = fmt;
	const char *p = fmt;
	while (*p) {
		if (*p != '%') {
			p++;
			continue;
		}
		buf_append(b, run, (size_t)(p - run));
		char spec[16];
		size_t n = h_conversion(p, spec);
		char conv = spec[n - 1];
		bool longlong = strstr(spec, "ll") != NULL, size = strchr(spec, 'z') != NULL;
		bool islong = !longlong && strchr(spec, 'l') != NULL;
		switch (conv) {
		case 's':
			/* text is always escaped; width and precision make no sense in markup */
			h_text(h, va_arg(ap, const char *));
			break;
		case '%':
			buf_putc(b, '%');
			break;
		case 'd': case 'i': case 'u': case 'x': case 'X': case 'c':
			if (longlong)
				buf_printf(b, spec, va_arg(ap, long long));
			else if (size)
				buf_printf(b, spec, va_arg(ap, size_t));
			else if (islong)
				buf_printf(b, spec, va_arg(ap, long));
			else
				buf_printf(b, spec, va_arg(ap, int));
			break;
		default:
			/* floating point and pointers have no place in a page (money is
			 * integer cents): a programming error, made loud */
			abort();
		}
		p += n;
		run = p;
	}
	buf_append(b, run, strlen(run));
	va_end(ap);
}
