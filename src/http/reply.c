/* reply.c — JSON answers (see reply.h). */
#include "http/reply.h"
#include "core/i18n.h"
#include "core/json.h"
#include <stdio.h>

buf *reply_json(response *rs, int status)
{
	rs->status = status;
	rs->content_type = "application/json";
	buf_reset(&rs->body);
	return &rs->body;
}

void reply_error(request *rq, response *rs, const bg_error *err)
{
	buf *b = reply_json(rs, bg_status_http(err->status));
	buf_puts(b, "{\"error\":{\"code\":");
	json_put_string(b, err->code ? err->code : "error");
	buf_puts(b, ",\"message\":");
	json_put_string(b, tr(rq->lang, err->msgid ? err->msgid : N_("An error occurred.")));
	buf_puts(b, ",\"field\":");
	json_put_string(b, err->field);
	/* every field's error when the form was checked as a whole */
	for (int i = 0; err->fields && i < err->fields->n; i++) {
		const bg_error *fe = &err->fields->items[i];
		buf_puts(b, i ? "," : ",\"fields\":{");
		json_put_string(b, fe->field);
		buf_puts(b, ":{\"code\":");
		json_put_string(b, fe->code);
		buf_puts(b, ",\"message\":");
		json_put_string(b, tr(rq->lang, fe->msgid));
		buf_puts(b, i + 1 == err->fields->n ? "}}" : "}");
	}
	buf_puts(b, "}}");
	if (err->status == BG_ERR_RATE_LIMITED) {
		char v[16];
		snprintf(v, sizeof v, "%d", err->retry_after > 0 ? err->retry_after : 1);
		rs_header(rq, rs, "Retry-After", v);
	}
}

void reply_fail(request *rq, response *rs, bg_status st, const char *code, const char *field,
		const char *msgid)
{
	bg_error err;
	bg_error_set(&err, st, code, field, msgid);
	reply_error(rq, rs, &err);
}
