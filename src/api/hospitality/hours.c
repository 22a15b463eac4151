/*
 * hours.c — a place's weekly hours, exceptions and closures
 * (/api/v1/places/{id}/hours, …/exceptions, …/closures).
 */
#include "api/hospitality/api_hospitality_internal.h"

/* Appends minutes as "HH:MM". */
static void api_hhmm(buf *b, int minutes)
{
	buf_printf(b, "\"%02d:%02d\"", minutes / 60, minutes % 60);
}

/* GET /api/v1/places/{id}/hours — weekly hours, exceptions and closures
 * to come (with their ids, for DELETE); any member. */
static void api_place_hours_get(request *rq, response *rs)
{
	place p;
	bg_error err;
	bg_status st = place_get(rq->db, rq->person_id, rq_param_id(rq, 0), &p, &err);
	if (st == BG_ERR_NOT_FOUND) {
		reply_fail(rq, rs, BG_ERR_NOT_FOUND, "not_found", "place_id", N_("This place does not exist."));
		return;
	}
	char today[11];
	tz_day_from_today(TZ_GROUP, -1, today);
	place_hours h[7 * HOSP_HOURS_MAX_PER_DAY];
	int n = 0;
	place_exception *ex = NULL;
	place_closure *cl = NULL;
	size_t nex = 0, ncl = 0;
	if (st != BG_OK ||
	    place_hours_get(rq->db, rq->person_id, p.id, h, 7 * HOSP_HOURS_MAX_PER_DAY, &n, &err) != BG_OK ||
	    place_exception_list(rq->db, &rq->arena, rq->person_id, p.id, today, &ex, &nex, &err) != BG_OK ||
	    place_closure_list(rq->db, &rq->arena, rq->person_id, p.id, today, &cl, &ncl, &err) != BG_OK) {
		reply_error(rq, rs, &err);
		return;
	}
	buf *b = reply_json(rs, 200);
	buf_puts(b, "{\"hours\":[");
	for (int i = 0; i < n; i++) {
		buf_printf(b, "%s{\"weekday\":%d,\"opens\":", i ? "," : "", h[i].weekday);
		api_hhmm(b, h[i].opens);
		buf_puts(b, ",\"closes\":");
		api_hhmm(b, h[i].closes);
		buf_putc(b, '}');
	}
	buf_puts(b, "],\"exceptions\":[");
	for (size_t i = 0; i < nex; i++) {
		buf_printf(b, "%s{\"id\":%lld,\"day\":", i ? "," : "", (long long)ex[i].id);
		json_put_string(b, ex[i].day);
		buf_puts(b, ",\"opens\":");
		api_hhmm(b, ex[i].opens);
		buf_puts(b, ",\"closes\":");
		api_hhmm(b, ex[i].closes);
		buf_puts(b, ex[i].opens == 0 && ex[i].closes == 0 ? ",\"closed\":true}" : ",\"closed\":false}");
	}
	buf_puts(b, "],\"closures\":[");
	for (size_t i = 0; i < ncl; i++) {
		buf_printf(b, "%s{\"id\":%lld,\"first_day\":", i ? "," : "", (long long)cl[i].id);
		json_put_string(b, cl[i].first_day);
		buf_puts(b, ",\"last_day\":");
		json_put_string(b, cl[i].last_day);
		buf_puts(b, ",\"reason\":");
		json_put_string(b, cl[i].reason);
		buf_putc(b, '}');
	}
	buf_puts(b, "]}");
}

/* PUT /api/v1/places/{id}/hours {hours:[{weekday, opens:"HH:MM", closes}]}
 * — replaces the weekly hours (an empty list: closed every week day). */
static void api_place_hours_put(request *rq, response *rs)
{
	json_t *body = api_body(rq, rs);
	if (!body)
		return;
	json_t *jh = json_object_get(body, "hours");
	place_hours hours[7 * HOSP_HOURS_MAX_PER_DAY];
	int nh = 0;
	if (!json_is_array(jh) || json_array_size(jh) > 7 * HOSP_HOURS_MAX_PER_DAY) {
		json_decref(body);
		reply_fail(rq, rs, BG_ERR_INVALID, jh ? "too_many_hours" : "missing_field", "hours",
			   jh ? N_("At most 8 opening ranges a day.") : N_("Give the list of opening hours."));
		return;
	}
	for (size_t i = 0; i < json_array_size(jh); i++) {
		json_t *o = json_array_get(jh, i);
		const char *opens = json_string_value(json_object_get(o, "opens"));
		const char *closes = json_string_value(json_object_get(o, "closes"));
		json_t *wd = json_object_get(o, "weekday");
		if (!json_is_object(o) || !json_is_integer(wd) || !hosp_parse_hhmm(opens, &hours[nh].opens) ||
		    !hosp_parse_hhmm(closes, &hours[nh].closes)) {
			json_decref(body);
			reply_fail(rq, rs, BG_ERR_INVALID, "invalid_hours", "hours",
				   N_("Each range is {weekday: 1 to 7, opens: \"09:00\", closes: \"12:30\"}."));
			return;
		}
		hours[nh++].weekday = (int)json_integer_value(wd);
	}
	json_decref(body);
	bg_error err;
	int bad = 0;
	if (db_begin(rq->db, DB_WRITE, &err) != BG_OK ||
	    place_set_hours(rq->db, rq->person_id, rq_param_id(rq, 0), hours, nh, &bad, &err) != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	if (api_commit(rq, rs))
		api_place_hours_get(rq, rs);
}

/* DELETE /api/v1/places/{id}/exceptions/{eid} and …/closures/{cid}. */
static void api_place_rule_delete(request *rq, response *rs, bool closure)
{
	bg_error err;
	int64_t place_id = rq_param_id(rq, 0), id = rq_param_id(rq, 1);
	if (db_begin(rq->db, DB_WRITE, &err) != BG_OK ||
	    (closure ? place_remove_closure(rq->db, rq->person_id, place_id, id, &err)
		     : place_remove_exception(rq->db, rq->person_id, place_id, id, &err)) != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	if (!api_commit(rq, rs))
		return;
	rs->status = 204;
	rs->content_type = NULL;
}

static void api_place_exception_delete(request *rq, response *rs) { api_place_rule_delete(rq, rs, false); }
static void api_place_closure_delete(request *rq, response *rs) { api_place_rule_delete(rq, rs, true); }

/* POST /api/v1/places/{id}/exceptions {day, opens?, closes?} (none: closed) */
static void api_place_exception(request *rq, response *rs)
{
	json_t *body = api_body(rq, rs);
	if (!body)
		return;
	const char *day = NULL, *opens = NULL, *closes = NULL;
	int o = 0, c = 0;
	bg_error err;
	if (json_get_string(body, "day", true, 10, &day, &err) != BG_OK ||
	    json_get_string(body, "opens", false, 5, &opens, &err) != BG_OK ||
	    json_get_string(body, "closes", false, 5, &closes, &err) != BG_OK) {
		json_decref(body);
		reply_error(rq, rs, &err);
		return;
	}
	if ((opens && !hosp_parse_hhmm(opens, &o)) || (closes && !hosp_parse_hhmm(closes, &c))) {
		json_decref(body);
		reply_fail(rq, rs, BG_ERR_INVALID, "invalid_hours", opens && !hosp_parse_hhmm(opens, &o) ? "opens" : "closes",
			   N_("Give a time like 09:30."));
		return;
	}
	int64_t eid = 0;
	if (db_begin(rq->db, DB_WRITE, &err) != BG_OK ||
	    place_add_exception(rq->db, rq->person_id, rq_param_id(rq, 0), day, o, c, &eid, &err) != BG_OK) {
		json_decref(body);
		api_fail(rq, rs, &err);
		return;
	}
	json_decref(body);
	if (api_commit(rq, rs))
		buf_printf(reply_json(rs, 201), "{\"status\":\"created\",\"id\":%lld}", (long long)eid);
}

/* POST /api/v1/places/{id}/closures {first_day, last_day, reason} */
static void api_place_closure(request *rq, response *rs)
{
	json_t *body = api_body(rq, rs);
	if (!body)
		return;
	const char *first = NULL, *last = NULL, *reason = NULL;
	bg_error err;
	int64_t cid = 0;
	if (json_get_string(body, "first_day", true, 10, &first, &err) != BG_OK ||
	    json_get_string(body, "last_day", true, 10, &last, &err) != BG_OK ||
	    json_get_string(body, "reason", false, 200, &reason, &err) != BG_OK ||
	    db_begin(rq->db, DB_WRITE, &err) != BG_OK ||
	    place_add_closure(rq->db, rq->person_id, rq_param_id(rq, 0), first, last, reason, &cid, &err) != BG_OK) {
		json_decref(body);
		api_fail(rq, rs, &err);
		return;
	}
	json_decref(body);
	if (api_commit(rq, rs))
		buf_printf(reply_json(rs, 201), "{\"status\":\"created\",\"id\":%lld}", (long long)cid);
}

const route api_hosp_hours_routes[] = {
	{HTTP_GET, "/api/v1/places/{id}/hours", api_place_hours_get, ROUTE_AUTH},
	{HTTP_PUT, "/api/v1/places/{id}/hours", api_place_hours_put, ROUTE_AUTH},
	{HTTP_DELETE, "/api/v1/places/{id}/exceptions/{id}", api_place_exception_delete, ROUTE_AUTH},
	{HTTP_DELETE, "/api/v1/places/{id}/closures/{id}", api_place_closure_delete, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/places/{id}/exceptions", api_place_exception, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/places/{id}/closures", api_place_closure, ROUTE_AUTH},
	{0, NULL, NULL, 0},
};
