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
 * to come (with their ids, for DELETE); any member.  Also the answer of a
 * change of the hours. */
API_OP(api_place_hours_get, API_PLAIN, api_place_hours_get_op)
{
	request *rq = r->rq;
	place p;
	bg_status st = place_get(rq->db, rq->person_id, r->id, &p, err);
	if (st == BG_ERR_NOT_FOUND)
		return bg_fail(err, BG_ERR_NOT_FOUND, "not_found", "place_id", N_("This place does not exist."));
	char today[11];
	tz_day_from_today(TZ_GROUP, -1, today);
	place_hours h[7 * HOSP_HOURS_MAX_PER_DAY];
	int n = 0;
	place_exception *ex = NULL;
	place_closure *cl = NULL;
	size_t nex = 0, ncl = 0;
	if (st != BG_OK ||
	    (st = place_hours_get(rq->db, rq->person_id, p.id, h, 7 * HOSP_HOURS_MAX_PER_DAY, &n, err)) != BG_OK ||
	    (st = place_exception_list(rq->db, &rq->arena, rq->person_id, p.id, today, &ex, &nex, err)) != BG_OK ||
	    (st = place_closure_list(rq->db, &rq->arena, rq->person_id, p.id, today, &cl, &ncl, err)) != BG_OK)
		return st;
	buf *b = api_json(r, 200);
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
		api_str(b, "last_day", cl[i].last_day);
		api_str(b, "reason", cl[i].reason);
		buf_putc(b, '}');
	}
	buf_puts(b, "]}");
	return BG_OK;
}

/* PUT /api/v1/places/{id}/hours {hours:[{weekday, opens:"HH:MM", closes}]}
 * — replaces the weekly hours (an empty list: closed every week day). */
API_OP(api_place_hours_put, API_BODY, api_place_hours_put_op)
{
	json_t *jh = json_object_get(r->body, "hours");
	place_hours hours[7 * HOSP_HOURS_MAX_PER_DAY];
	int nh = 0, bad = 0;
	if (!json_is_array(jh) || json_array_size(jh) > 7 * HOSP_HOURS_MAX_PER_DAY)
		return bg_fail(err, BG_ERR_INVALID, jh ? "too_many_hours" : "missing_field", "hours",
			       jh ? N_("At most 8 opening ranges a day.") : N_("Give the list of opening hours."));
	for (size_t i = 0; i < json_array_size(jh); i++) {
		json_t *o = json_array_get(jh, i);
		const char *opens = json_string_value(json_object_get(o, "opens"));
		const char *closes = json_string_value(json_object_get(o, "closes"));
		json_t *wd = json_object_get(o, "weekday");
		if (!json_is_object(o) || !json_is_integer(wd) || !hosp_parse_hhmm(opens, &hours[nh].opens) ||
		    !hosp_parse_hhmm(closes, &hours[nh].closes))
			return bg_fail(err, BG_ERR_INVALID, "invalid_hours", "hours",
				       N_("Each range is {weekday: 1 to 7, opens: \"09:00\", closes: \"12:30\"}."));
		hours[nh++].weekday = (int)json_integer_value(wd);
	}
	bg_status st = place_set_hours(r->rq->db, r->rq->person_id, r->id, hours, nh, &bad, err);
	return st == BG_OK ? api_place_hours_get_op(r, err) : st;
}

/* DELETE /api/v1/places/{id}/exceptions/{eid} and …/closures/{cid} (ctx
 * non-NULL). */
static bg_status api_place_rule_delete_op(api_req *r, bg_error *err)
{
	request *rq = r->rq;
	int64_t id = rq_param_id(rq, 1);
	bg_status st = r->ctx ? place_remove_closure(rq->db, rq->person_id, r->id, id, err)
			      : place_remove_exception(rq->db, rq->person_id, r->id, id, err);
	return api_no_content(r, st);
}

/* POST /api/v1/places/{id}/exceptions {day, opens?, closes?} (none: closed) */
API_OP(api_place_exception, API_BODY, api_place_exception_op)
{
	json_t *body = r->body;
	const char *day = NULL, *opens = NULL, *closes = NULL;
	int o = 0, c = 0;
	bg_status st;
	if ((st = json_get_string(body, "day", true, 10, &day, err)) != BG_OK ||
	    (st = json_get_string(body, "opens", false, 5, &opens, err)) != BG_OK ||
	    (st = json_get_string(body, "closes", false, 5, &closes, err)) != BG_OK)
		return st;
	if ((opens && !hosp_parse_hhmm(opens, &o)) || (closes && !hosp_parse_hhmm(closes, &c)))
		return bg_fail(err, BG_ERR_INVALID, "invalid_hours", opens && !hosp_parse_hhmm(opens, &o) ? "opens" : "closes",
			       N_("Give a time like 09:30."));
	int64_t eid = 0;
	st = place_add_exception(r->rq->db, r->rq->person_id, r->id, day, o, c, &eid, err);
	if (st == BG_OK)
		buf_printf(api_json(r, 201), "{\"status\":\"created\",\"id\":%lld}", (long long)eid);
	return st;
}

/* POST /api/v1/places/{id}/closures {first_day, last_day, reason} */
API_OP(api_place_closure, API_BODY, api_place_closure_op)
{
	const char *first = NULL, *last = NULL, *reason = NULL;
	bg_status st;
	int64_t cid = 0;
	if ((st = json_get_string(r->body, "first_day", true, 10, &first, err)) != BG_OK ||
	    (st = json_get_string(r->body, "last_day", true, 10, &last, err)) != BG_OK ||
	    (st = json_get_string(r->body, "reason", false, 200, &reason, err)) != BG_OK ||
	    (st = place_add_closure(r->rq->db, r->rq->person_id, r->id, first, last, reason, &cid, err)) != BG_OK)
		return st;
	buf_printf(api_json(r, 201), "{\"status\":\"created\",\"id\":%lld}", (long long)cid);
	return BG_OK;
}

/* The handlers of the shared deletion (ctx "closure" for a closure). */
API_HANDLER(api_place_exception_delete, API_PLAIN, api_place_rule_delete_op, NULL)
API_HANDLER(api_place_closure_delete, API_PLAIN, api_place_rule_delete_op, "closure")

const route api_hosp_hours_routes[] = {
	{HTTP_GET, "/api/v1/places/{id}/hours", api_place_hours_get, ROUTE_AUTH},
	{HTTP_PUT, "/api/v1/places/{id}/hours", api_place_hours_put, ROUTE_AUTH},
	{HTTP_DELETE, "/api/v1/places/{id}/exceptions/{id}", api_place_exception_delete, ROUTE_AUTH},
	{HTTP_DELETE, "/api/v1/places/{id}/closures/{id}", api_place_closure_delete, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/places/{id}/exceptions", api_place_exception, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/places/{id}/closures", api_place_closure, ROUTE_AUTH},
	{0, NULL, NULL, 0},
};
