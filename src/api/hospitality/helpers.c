/*
 * helpers.c — what the files of the hospitality's JSON face share: times
 * written in UTC and read in a place's zone, the 409 answers (a clash, an
 * archiving refused while bookings are to come, written by the operation
 * for the skeleton to keep), and the readers of string, whole-number and
 * flag fields whose errors name the field (declared in
 * api_hospitality_internal.h).
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

/* Writes the error body of err with what follows "field" (extra, a
 * fragment of JSON members starting with a comma, or "") and marks it
 * written: the skeleton rolls back and keeps it. */
static void api_hosp_error_with(api_req *r, const bg_error *err, int status, const char *extra)
{
	buf *b = api_json(r, status);
	buf_puts(b, "{\"error\":{\"code\":");
	json_put_string(b, err->code);
	api_str(b, "message", tr(r->rq->lang, err->msgid));
	api_str(b, "field", err->field);
	buf_puts(b, extra);
	buf_puts(b, "}}");
	r->error_written = true;
}

/* The error of a booking refused (see the header): 409 with the clashing
 * slot in error.clash when it is a clash. */
bg_status api_hosp_clash(api_req *r, bg_status st, const bg_error *err, const booking_clash *c)
{
	if (st == BG_OK)
		return st;
	buf extra;
	buf_init(&extra);
	if (err->status == BG_ERR_CONFLICT && c && c->resource_id) {
		buf_printf(&extra, ",\"clash\":{\"resource_id\":%lld,", (long long)c->resource_id);
		api_hosp_time(&extra, "starts_at", c->starts_at);
		buf_putc(&extra, ',');
		api_hosp_time(&extra, "ends_at", c->ends_at);
		buf_putc(&extra, '}');
	}
	api_hosp_error_with(r, err, bg_status_http(err->status), extra.data ? extra.data : "");
	buf_free(&extra);
	return st;
}

/* Reads a time field of body in zone tz (see the header). */
bg_status api_hosp_get_time(json_t *body, const char *field, const char *tz, int64_t *out, bg_error *err)
{
	const char *s = NULL;
	bg_status st = json_get_string(body, field, true, 40, &s, err);
	if (st == BG_OK && !hosp_parse_instant(s, tz, out))
		st = bg_fail(err, BG_ERR_INVALID, "invalid_time", field,
			     N_("Give a date and time like 2026-12-01T09:00 (local) or with Z / an offset."));
	return st;
}

/* Copies a string field into dst (see the header). */
bg_status api_hosp_copy_string(json_t *body, const char *field, bool required, char *dst, size_t cap, bg_error *err)
{
	const char *s = NULL;
	bg_status st = json_get_string(body, field, required, cap - 1, &s, err);
	if (st == BG_OK && s)
		snprintf(dst, cap, "%s", s);
	return st;
}

/* Reads a whole number field (see the header). */
bg_status api_hosp_int(json_t *body, const char *field, bool required, int *dst, bg_error *err)
{
	int64_t v = *dst;
	bg_status st = json_get_int(body, field, required, &v, err);
	if (st != BG_OK)
		return st;
	if (v < -1000000 || v > 1000000)
		return bg_fail(err, BG_ERR_INVALID, "invalid_value", field, N_("This value is out of range."));
	*dst = (int)v;
	return BG_OK;
}

/* Reads an optional flag given as true/false or 1/0. */
bg_status api_hosp_flag(json_t *body, const char *field, bool *dst, bg_error *err)
{
	json_t *v = json_object_get(body, field);
	if (!v)
		return BG_OK;
	if (json_is_boolean(v) || (json_is_integer(v) && (json_integer_value(v) == 0 || json_integer_value(v) == 1))) {
		*dst = json_is_true(v) || (json_is_integer(v) && json_integer_value(v) == 1);
		return BG_OK;
	}
	return bg_fail(err, BG_ERR_INVALID, "invalid_value", field, N_("Give true or false."));
}

/* The error of an archiving (see the header): a 409 carries the count of
 * the bookings to come in error.remaining (0 when something else refused
 * it: resources inside). */
bg_status api_hosp_archive_refused(api_req *r, bg_status st, const bg_error *err, int remaining)
{
	if (st == BG_OK || err->status != BG_ERR_CONFLICT)
		return st;
	char extra[40];
	snprintf(extra, sizeof extra, ",\"remaining\":%d", remaining);
	api_hosp_error_with(r, err, 409, extra);
	return st;
}

/* Is the query parameter cancel_bookings set (1 or true)? */
bool api_hosp_cancel_bookings(request *rq)
{
	const char *v = rq_query(rq, "cancel_bookings");
	return v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
}
