/* log.c — structured logging (see log.h). */
#include "core/log.h"
#include "core/buf.h"
#include "core/date.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static log_level log_min = LOG_INFO;
static const char *log_names[] = {"debug", "info", "warn", "error"};

void log_set_level(log_level level)
{
	log_min = level;
}

/* Appends s as a JSON string body (without quotes). */
static void log_json_text(buf *b, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			buf_printf(b, "\\%c", c);
		else if (c < 0x20)
			buf_printf(b, "\\u%04x", c);
		else
			buf_putc(b, (char)c);
	}
}

static void log_emit(buf *b)
{
	buf_putc(b, '\n');
	fwrite(b->data, 1, b->len, stderr); /* one write: lines do not interleave */
	buf_free(b);
}

void log_msg(log_level level, const char *fmt, ...)
{
	if (level < log_min)
		return;
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	buf b;
	buf_init(&b);
	buf_puts(&b, "{\"t\":\"");
	date_format_iso(&b, date_now());
	buf_printf(&b, "\",\"level\":\"%s\",\"msg\":\"", log_names[level]);
	log_json_text(&b, msg);
	buf_puts(&b, "\"}");
	log_emit(&b);
}

void log_access(const char *request_id, const char *method, const char *path,
		int status, int64_t duration_us)
{
	if (LOG_INFO < log_min)
		return;
	buf b;
	buf_init(&b);
	buf_puts(&b, "{\"t\":\"");
	date_format_iso(&b, date_now());
	buf_puts(&b, "\",\"req\":\"");
	log_json_text(&b, request_id);
	buf_puts(&b, "\",\"method\":\"");
	log_json_text(&b, method);
	buf_puts(&b, "\",\"path\":\"");
	log_json_text(&b, path);
	buf_printf(&b, "\",\"status\":%d,\"us\":%lld}", status, (long long)duration_us);
	log_emit(&b);
}
