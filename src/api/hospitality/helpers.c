/*
 * helpers.c — what the files of the hospitality's JSON face share: times
 * written in UTC and read in a place's zone, the 409 answers (a clash, an
 * archiving refused while bookings are to come), and the readers of
 * string, whole-number and flag fields that answer 400 naming the field
 * (declared in api_hospitality_internal.h).
 */
#include "api/hospitality/api_hospitality_internal.h"

/* Appends "name":"<iso time>". */
void api_hosp_time(buf *b, const char *name, int64_t t)
{
	buf_putc(b, '"');
	buf_puts(b, name);
	buf_puts(b, "\":\"");
	date_format_iso(b, t);
	buf_putc(b, '"');
}

/* 409 with the clashing slot. */
void api_hosp_clash(request *rq, response *rs, const bg_error *err, const booking_clash *c)
{
	db_rollback(rq->db);
	buf *b = reply_json(rs, bg_status_http(err->status));
	buf_puts(b, "{\"error\":{\"code\":");
	json_put_string(b, err->code);
	buf_puts(b, ",\"message\":");
	json_put_string(b, tr(rq->lang, err->msgid));
	buf_puts(b, ",\"field\":");
	json_put_string(b, err->field);
	if (err->status == BG_ERR_CONFLICT && c && c->resource_id) {
		buf_printf(b, ",\"clash\":{\"resource_id\":%lld,", (long long)c->resource_id);
		api_hosp_time(b, "starts_at", c->starts_at);
		buf_putc(b, ',');
		api_hosp_time(b, "ends_at", c->ends_at);
		buf_putc(b, '}');
	}
	buf_puts(b, "}}");
}

bool api_hosp_get_time(request *rq, response *rs, json_t *body, const char *field, const char *tz, int64_t *out)
{
	const char *s = NULL;
	bg_error err;
	if (json_get_string(body, field, true, 40, &s, &err) != BG_OK) {
		reply_error(rq, rs, &err);
		return false;
	}
	if (!hosp_parse_instant(s, tz, out)) {
		reply_fail(rq, rs, BG_ERR_INVALID, "invalid_time", field,
			   N_("Give a date and time like 2026-12-01T09:00 (local) or with Z / an offset."));
		return false;
	}
	return true;
}

bool api_hosp_copy_string(request *rq, response *rs, json_t *body, const char *field, bool required, char *dst,
			  size_t cap)
{
	const char *s = NULL;
	bg_error err;
	if (json_get_string(body, field, required, cap - 1, &s, &err) != BG_OK) {
		reply_error(rq, rs, &err);
		return false;
	}
	if (s)
		snprintf(dst, cap, "%s", s);
	return true;
}

bool api_hosp_int(request *rq, response *rs, json_t *body, const char *field, bool required, int *dst)
{
	int64_t v = *dst;
	bg_error err;
	if (json_get_int(body, field, required, &v, &err) != BG_OK) {
		reply_error(rq, rs, &err);
		return false;
	}
	if (v < -1000000 || v > 1000000) {
		reply_fail(rq, rs, BG_ERR_INVALID, "invalid_value", field, N_("This value is out of range."));
		return false;
	}
	*dst = (int)v;
	return true;
}

/* Reads an optional flag given as true/false or 1/0; false when answered. */
bool api_hosp_flag(request *rq, response *rs, json_t *body, const char *field, bool *dst)
{
	json_t *v = json_object_get(body, field);
	if (!v)
		return true;
	if (json_is_boolean(v) || (json_is_integer(v) && (json_integer_value(v) == 0 || json_integer_value(v) == 1))) {
		*dst = json_is_true(v) || (json_is_integer(v) && json_integer_value(v) == 1);
		return true;
	}
	reply_fail(rq, rs, BG_ERR_INVALID, "invalid_value", field, N_("Give true or false."));
	return false;
}

/* 409 for an archiving refused while bookings are to come: their count in
 * error.remaining. */
void api_hosp_archive_refused(request *rq, response *rs, const bg_error *err, int remaining)
{
	db_rollback(rq->db);
	buf *b = reply_json(rs, 409);
	buf_puts(b, "{\"error\":{\"code\":");
	json_put_string(b, err->code);
	buf_puts(b, ",\"message\":");
	json_put_string(b, tr(rq->lang, err->msgid));
	buf_puts(b, ",\"field\":");
	json_put_string(b, err->field);
	buf_printf(b, ",\"remaining\":%d}}", remaining);
}

/* Is the query parameter cancel_bookings set (1 or true)? */
bool api_hosp_cancel_bookings(request *rq)
{
	const char *v = rq_query(rq, "cancel_bookings");
	return v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
}
