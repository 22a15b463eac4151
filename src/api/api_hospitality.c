/*
 * api_hospitality.c — the JSON face of places, bookings, information
 * sessions, newcomers and calendar feeds (/api/v1/…, documented in
 * docs/api.md, "## Hospitality").
 *
 * Handlers are thin: parse, db_begin(DB_WRITE), one domain call, commit,
 * render.  No SQL here: lists and rows are read by functions of
 * src/hospitality/ into arrays in the request's arena.  Times are read as RFC 3339 ("2026-12-01T09:00:00Z", with an
 * offset, or without one: the wall time of the place's zone) and written
 * in UTC ("…Z").  A booking that clashes answers 409 with the clashing
 * slot in error.clash.
 */
#include "api/api.h"
#include "core/date.h"
#include "core/i18n.h"
#include "hospitality/hospitality.h"
#include <stdlib.h>
#include <string.h>

/* Appends "name":"<iso time>". */
static void api_time(buf *b, const char *name, int64_t t)
{
	buf_putc(b, '"');
	buf_puts(b, name);
	buf_puts(b, "\":\"");
	date_format_iso(b, t);
	buf_putc(b, '"');
}

/* 409 with the clashing slot. */
static void api_clash(request *rq, response *rs, const bg_error *err, const booking_clash *c)
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
		api_time(b, "starts_at", c->starts_at);
		buf_putc(b, ',');
		api_time(b, "ends_at", c->ends_at);
		buf_putc(b, '}');
	}
	buf_puts(b, "}}");
}

bool api_get_time(request *rq, response *rs, json_t *body, const char *field, const char *tz, int64_t *out)
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

bool api_copy_string(request *rq, response *rs, json_t *body, const char *field, bool required, char *dst,
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

static bool api_int(request *rq, response *rs, json_t *body, const char *field, bool required, int *dst)
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

/* ---------- places ---------- */

/* Appends a place as the lists show it. */
static void api_place_json(buf *b, const place_summary *p)
{
	buf_printf(b, "{\"id\":%lld,\"name\":", (long long)p->id);
	json_put_string(b, p->name);
	buf_puts(b, ",\"owner_type\":");
	json_put_string(b, p->owner_type);
	buf_printf(b, ",\"owner_id\":%lld,\"address\":", (long long)p->owner_id);
	json_put_string(b, p->address);
	buf_puts(b, ",\"postcode\":");
	json_put_string(b, p->postcode);
	buf_puts(b, ",\"city\":");
	json_put_string(b, p->city);
	buf_puts(b, ",\"territory\":");
	json_put_string(b, p->territory);
	buf_puts(b, ",\"timezone\":");
	json_put_string(b, p->timezone);
	buf_puts(b, ",\"accessibility\":");
	json_put_string(b, p->accessibility);
	buf_printf(b, ",\"restricted\":%s,\"resources\":%lld", p->restricted ? "true" : "false",
		   (long long)p->resources);
	char deg[24];
	for (int c = 0; c < 2; c++) {
		buf_puts(b, c == 0 ? ",\"latitude\":" : ",\"longitude\":");
		if (!p->has_position) {
			buf_puts(b, "null");
			continue;
		}
		geo_format_degrees(deg, sizeof deg, c == 0 ? p->latitude_e6 : p->longitude_e6);
		buf_puts(b, deg);
	}
	buf_putc(b, '}');
}

/* A coordinate of a JSON body as text for geo_parse_position: a number or
 * a string; NULL when absent or null; "?" (refused) for anything else. */
static const char *api_coordinate(json_t *body, const char *field, char *text, size_t cap)
{
	json_t *v = json_object_get(body, field);
	if (!v || json_is_null(v))
		return NULL;
	if (json_is_integer(v))
		snprintf(text, cap, "%lld", (long long)json_integer_value(v));
	else if (json_is_real(v))
		snprintf(text, cap, "%.6f", json_real_value(v));
	else if (json_is_string(v))
		snprintf(text, cap, "%s", json_string_value(v));
	else
		snprintf(text, cap, "?");
	return text;
}

/* Reads latitude and longitude, both or neither; false when answered. */
static bool api_position(request *rq, response *rs, json_t *body, bool *given, bool *has, int64_t *lat,
			 int64_t *lon)
{
	char t1[48], t2[48];
	bg_error err;
	*given = json_object_get(body, "latitude") || json_object_get(body, "longitude");
	if (geo_parse_position(api_coordinate(body, "latitude", t1, sizeof t1),
			       api_coordinate(body, "longitude", t2, sizeof t2), has, lat, lon, &err) == BG_OK)
		return true;
	reply_error(rq, rs, &err);
	return false;
}

/* GET /api/v1/places?territory=&city=&kind= */
static void api_places_list(request *rq, response *rs)
{
	if (!place_is_member(rq->db, rq->person_id)) {
		reply_fail(rq, rs, BG_ERR_FORBIDDEN, "not_a_member", NULL,
			   N_("Only members of the group may do this."));
		return;
	}
	const char *territory = rq_query(rq, "territory"), *city = rq_query(rq, "city");
	const char *kind = rq_query(rq, "kind");
	place_summary *ps = NULL;
	size_t n = 0;
	bg_error err;
	place_summary_list(rq->db, &rq->arena, territory, city, kind, &ps, &n, &err);
	buf *b = reply_json(rs, 200);
	buf_puts(b, "{\"places\":[");
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_putc(b, ',');
		api_place_json(b, &ps[i]);
	}
	buf_puts(b, "]}");
}

/* GET /api/v1/places/{id} */
static void api_place_get(request *rq, response *rs)
{
	if (!place_is_member(rq->db, rq->person_id)) {
		reply_fail(rq, rs, BG_ERR_NOT_FOUND, "not_found", NULL, N_("This place does not exist."));
		return;
	}
	place_summary ps;
	bg_error err;
	if (place_summary_get(rq->db, &rq->arena, rq_param_id(rq, 0), false, &ps, &err) == BG_OK) {
		api_place_json(reply_json(rs, 200), &ps);
		return;
	}
	reply_fail(rq, rs, BG_ERR_NOT_FOUND, "not_found", NULL, N_("This place does not exist."));
}

/* POST /api/v1/places {name, owner_type, owner_id, address…, hours:[{weekday, opens, closes}]} */
static void api_place_create(request *rq, response *rs)
{
	json_t *body = api_body(rq, rs);
	if (!body)
		return;
	place p;
	place_defaults(&p);
	int64_t owner = 0;
	bg_error err;
	int restricted = 0;
	if (!api_copy_string(rq, rs, body, "name", true, p.name, sizeof p.name) ||
	    !api_copy_string(rq, rs, body, "owner_type", false, p.owner_type, sizeof p.owner_type) ||
	    !api_copy_string(rq, rs, body, "address", false, p.address, sizeof p.address) ||
	    !api_copy_string(rq, rs, body, "postcode", false, p.postcode, sizeof p.postcode) ||
	    !api_copy_string(rq, rs, body, "city", false, p.city, sizeof p.city) ||
	    !api_copy_string(rq, rs, body, "territory", false, p.territory, sizeof p.territory) ||
	    !api_copy_string(rq, rs, body, "timezone", false, p.timezone, sizeof p.timezone) ||
	    !api_copy_string(rq, rs, body, "accessibility", false, p.accessibility, sizeof p.accessibility) ||
	    !api_int(rq, rs, body, "restricted", false, &restricted) ||
	    !api_int(rq, rs, body, "cancel_deadline_min", false, &p.cancel_deadline_min) ||
	    !api_int(rq, rs, body, "checkin_release_min", false, &p.checkin_release_min) ||
	    !api_int(rq, rs, body, "offer_minutes", false, &p.offer_minutes)) {
		json_decref(body);
		return;
	}
	if (json_get_int(body, "owner_id", true, &owner, &err) != BG_OK) {
		json_decref(body);
		reply_error(rq, rs, &err);
		return;
	}
	p.owner_id = owner;
	p.restricted = restricted != 0;
	bool given;
	if (!api_position(rq, rs, body, &given, &p.has_position, &p.latitude_e6, &p.longitude_e6)) {
		json_decref(body);
		return;
	}
	place_hours hours[28];
	int nh = 0;
	json_t *jh = json_object_get(body, "hours");
	if (jh && (!json_is_array(jh) || json_array_size(jh) > 28)) {
		json_decref(body);
		reply_fail(rq, rs, BG_ERR_INVALID, "invalid_hours", "hours",
			   N_("Opening hours must close after they open, within the day."));
		return;
	}
	for (size_t i = 0; jh && i < json_array_size(jh); i++) {
		json_t *o = json_array_get(jh, i);
		const char *opens = json_string_value(json_object_get(o, "opens"));
		const char *closes = json_string_value(json_object_get(o, "closes"));
		json_int_t wd = json_integer_value(json_object_get(o, "weekday"));
		if (!json_is_object(o) || !hosp_parse_hhmm(opens, &hours[nh].opens) ||
		    !hosp_parse_hhmm(closes, &hours[nh].closes)) {
			json_decref(body);
			reply_fail(rq, rs, BG_ERR_INVALID, "invalid_hours", "hours",
				   N_("Opening hours must close after they open, within the day."));
			return;
		}
		hours[nh++].weekday = (int)wd;
	}
	json_decref(body);
	if (db_begin(rq->db, DB_WRITE, &err) != BG_OK ||
	    place_create(rq->db, rq->person_id, &p, hours, nh, &err) != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	if (!api_commit(rq, rs))
		return;
	buf_printf(reply_json(rs, 201), "{\"id\":%lld}", (long long)p.id);
}

/* Reads an optional flag given as true/false or 1/0; false when answered. */
static bool api_flag(request *rq, response *rs, json_t *body, const char *field, bool *dst)
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

/* The fields of a place PATCH may change (besides latitude/longitude). */
static const char *const place_patch_fields[] = {"name", "address", "postcode", "city", "territory", "timezone",
						 "accessibility", "restricted", "cancel_deadline_min",
						 "checkin_release_min", "offer_minutes", NULL};

/* PATCH /api/v1/places/{id} {name?, address?, postcode?, city?, territory?,
 * timezone?, accessibility?, restricted?, cancel_deadline_min?,
 * checkin_release_min?, offer_minutes?, latitude?, longitude?} — partial:
 * the fields given change, the others stay; managers only; one transaction
 * (an error on any field writes nothing). */
static void api_place_patch(request *rq, response *rs)
{
	json_t *body = api_body(rq, rs);
	if (!body)
		return;
	int64_t id = rq_param_id(rq, 0);
	bool given, has;
	int64_t lat = 0, lon = 0;
	if (!api_position(rq, rs, body, &given, &has, &lat, &lon)) {
		json_decref(body);
		return;
	}
	bool fields = false;
	for (int i = 0; place_patch_fields[i]; i++)
		fields |= json_object_get(body, place_patch_fields[i]) != NULL;
	if (!given && !fields) {
		json_decref(body);
		reply_fail(rq, rs, BG_ERR_INVALID, "missing_field", "latitude",
			   N_("Give at least one field to change."));
		return;
	}
	bg_error err;
	place p;
	if (db_begin(rq->db, DB_WRITE, &err) != BG_OK || place_get(rq->db, id, &p, &err) != BG_OK) {
		json_decref(body);
		api_fail(rq, rs, &err);
		return;
	}
	if (fields && (!api_copy_string(rq, rs, body, "name", false, p.name, sizeof p.name) ||
		       !api_copy_string(rq, rs, body, "address", false, p.address, sizeof p.address) ||
		       !api_copy_string(rq, rs, body, "postcode", false, p.postcode, sizeof p.postcode) ||
		       !api_copy_string(rq, rs, body, "city", false, p.city, sizeof p.city) ||
		       !api_copy_string(rq, rs, body, "territory", false, p.territory, sizeof p.territory) ||
		       !api_copy_string(rq, rs, body, "timezone", false, p.timezone, sizeof p.timezone) ||
		       !api_copy_string(rq, rs, body, "accessibility", false, p.accessibility, sizeof p.accessibility) ||
		       !api_flag(rq, rs, body, "restricted", &p.restricted) ||
		       !api_int(rq, rs, body, "cancel_deadline_min", false, &p.cancel_deadline_min) ||
		       !api_int(rq, rs, body, "checkin_release_min", false, &p.checkin_release_min) ||
		       !api_int(rq, rs, body, "offer_minutes", false, &p.offer_minutes))) {
		db_rollback(rq->db);
		json_decref(body);
		return;
	}
	json_decref(body);
	if ((fields && place_update(rq->db, rq->person_id, &p, &err) != BG_OK) ||
	    (given && place_set_position(rq->db, rq->person_id, id, has, lat, lon, &err) != BG_OK)) {
		api_fail(rq, rs, &err);
		return;
	}
	if (!api_commit(rq, rs))
		return;
	place_summary ps;
	if (place_summary_get(rq->db, &rq->arena, id, true, &ps, &err) == BG_OK)
		api_place_json(reply_json(rs, 200), &ps);
	else
		reply_fail(rq, rs, BG_ERR_DB, "db_error", NULL, N_("The change could not be saved."));
}

/* 409 for an archiving refused while bookings are to come: their count in
 * error.remaining. */
static void api_archive_refused(request *rq, response *rs, const bg_error *err, int remaining)
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
static bool api_cancel_bookings(request *rq)
{
	const char *v = rq_query(rq, "cancel_bookings");
	return v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
}

/* DELETE /api/v1/places/{id}[?cancel_bookings=1] — archives the place and
 * its resources; 409 bookings_to_come (error.remaining) unless asked to
 * cancel them (their bookers are mailed). */
static void api_place_archive(request *rq, response *rs)
{
	bg_error err;
	int remaining = 0;
	if (db_begin(rq->db, DB_WRITE, &err) != BG_OK ||
	    place_archive(rq->db, rq->person_id, rq_param_id(rq, 0), api_cancel_bookings(rq), rq_base_url(rq),
			  &remaining, &err) != BG_OK) {
		if (err.status == BG_ERR_CONFLICT)
			api_archive_refused(rq, rs, &err, remaining);
		else
			api_fail(rq, rs, &err);
		return;
	}
	if (!api_commit(rq, rs))
		return;
	rq_kick_mailer(rq);
	rs->status = 204;
	rs->content_type = NULL;
}

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
	if (place_get(rq->db, rq_param_id(rq, 0), &p, &err) != BG_OK || !place_is_member(rq->db, rq->person_id)) {
		reply_fail(rq, rs, BG_ERR_NOT_FOUND, "not_found", "place_id", N_("This place does not exist."));
		return;
	}
	place_hours h[7 * HOSP_HOURS_MAX_PER_DAY];
	int n = place_hours_get(rq->db, p.id, h, 7 * HOSP_HOURS_MAX_PER_DAY);
	buf *b = reply_json(rs, 200);
	buf_puts(b, "{\"hours\":[");
	for (int i = 0; i < n; i++) {
		buf_printf(b, "%s{\"weekday\":%d,\"opens\":", i ? "," : "", h[i].weekday);
		api_hhmm(b, h[i].opens);
		buf_puts(b, ",\"closes\":");
		api_hhmm(b, h[i].closes);
		buf_putc(b, '}');
	}
	char today[11];
	tz_day_from_today(TZ_GROUP, -1, today);
	buf_puts(b, "],\"exceptions\":[");
	place_exception *ex = NULL;
	size_t nex = 0;
	bg_error lerr;
	place_exception_list(rq->db, &rq->arena, p.id, today, &ex, &nex, &lerr);
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
	place_closure *cl = NULL;
	size_t ncl = 0;
	place_closure_list(rq->db, &rq->arena, p.id, today, &cl, &ncl, &lerr);
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
	if (db_begin(rq->db, DB_WRITE, &err) != BG_OK ||
	    place_add_exception(rq->db, rq->person_id, rq_param_id(rq, 0), day, o, c, &err) != BG_OK) {
		json_decref(body);
		api_fail(rq, rs, &err);
		return;
	}
	json_decref(body);
	int64_t eid = place_exception_last_id(rq->db, rq_param_id(rq, 0));
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
	if (json_get_string(body, "first_day", true, 10, &first, &err) != BG_OK ||
	    json_get_string(body, "last_day", true, 10, &last, &err) != BG_OK ||
	    json_get_string(body, "reason", false, 200, &reason, &err) != BG_OK ||
	    db_begin(rq->db, DB_WRITE, &err) != BG_OK ||
	    place_add_closure(rq->db, rq->person_id, rq_param_id(rq, 0), first, last, reason, &err) != BG_OK) {
		json_decref(body);
		api_fail(rq, rs, &err);
		return;
	}
	json_decref(body);
	int64_t cid = place_closure_last_id(rq->db, rq_param_id(rq, 0));
	if (api_commit(rq, rs))
		buf_printf(reply_json(rs, 201), "{\"status\":\"created\",\"id\":%lld}", (long long)cid);
}

/* GET /api/v1/places/{id}/resources */
static void api_resources_list(request *rq, response *rs)
{
	place p;
	bg_error err;
	if (place_get(rq->db, rq_param_id(rq, 0), &p, &err) != BG_OK || !place_is_member(rq->db, rq->person_id)) {
		reply_fail(rq, rs, BG_ERR_NOT_FOUND, "not_found", "place_id", N_("This place does not exist."));
		return;
	}
	resource *r = NULL;
	size_t n = 0;
	resource_list(rq->db, &rq->arena, p.id, &r, &n, &err);
	buf *b = reply_json(rs, 200);
	buf_puts(b, "{\"resources\":[");
	for (size_t i = 0; i < n; i++) {
		buf_printf(b, "%s{\"id\":%lld,\"parent_id\":%lld,\"name\":", i ? "," : "",
			   (long long)r[i].id, (long long)r[i].parent_id);
		json_put_string(b, r[i].name);
		buf_puts(b, ",\"kind\":");
		json_put_string(b, r[i].kind);
		buf_printf(b, ",\"capacity\":%lld,\"min_notice_min\":%lld,\"max_duration_min\":%lld,"
			      "\"buffer_min\":%lld,\"needs_approval\":%s}",
			   (long long)r[i].capacity, (long long)r[i].min_notice_min, (long long)r[i].max_duration_min,
			   (long long)r[i].buffer_min, r[i].needs_approval ? "true" : "false");
	}
	buf_puts(b, "]}");
}

/* POST /api/v1/places/{id}/resources */
static void api_resource_create(request *rq, response *rs)
{
	json_t *body = api_body(rq, rs);
	if (!body)
		return;
	resource r;
	resource_defaults(&r);
	r.place_id = rq_param_id(rq, 0);
	int approval = 0;
	int64_t parent = 0;
	bg_error err;
	if (!api_copy_string(rq, rs, body, "name", true, r.name, sizeof r.name) ||
	    !api_copy_string(rq, rs, body, "kind", true, r.kind, sizeof r.kind) ||
	    !api_int(rq, rs, body, "capacity", false, &r.capacity) ||
	    !api_int(rq, rs, body, "min_notice_min", false, &r.min_notice_min) ||
	    !api_int(rq, rs, body, "max_duration_min", false, &r.max_duration_min) ||
	    !api_int(rq, rs, body, "buffer_min", false, &r.buffer_min) ||
	    !api_int(rq, rs, body, "needs_approval", false, &approval)) {
		json_decref(body);
		return;
	}
	if (json_get_int(body, "parent_id", false, &parent, &err) != BG_OK) {
		json_decref(body);
		reply_error(rq, rs, &err);
		return;
	}
	json_decref(body);
	r.parent_id = parent;
	r.needs_approval = approval != 0;
	if (db_begin(rq->db, DB_WRITE, &err) != BG_OK ||
	    resource_create(rq->db, rq->person_id, &r, &err) != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	if (api_commit(rq, rs))
		buf_printf(reply_json(rs, 201), "{\"id\":%lld}", (long long)r.id);
}

/* PATCH /api/v1/resources/{id} {name?, kind?, capacity?, parent_id? (0 or
 * null: none), min_notice_min?, max_duration_min?, buffer_min?,
 * needs_approval?} — partial; managers of its place.  A capacity below the
 * bookings to come: 409 capacity_below_bookings with error.clash. */
static void api_resource_patch(request *rq, response *rs)
{
	json_t *body = api_body(rq, rs);
	if (!body)
		return;
	bg_error err;
	resource r;
	booking_clash clash = {0};
	if (db_begin(rq->db, DB_WRITE, &err) != BG_OK || resource_get(rq->db, rq_param_id(rq, 0), &r, &err) != BG_OK) {
		json_decref(body);
		api_fail(rq, rs, &err);
		return;
	}
	json_t *jp = json_object_get(body, "parent_id");
	if (jp && !json_is_null(jp) && !json_is_integer(jp)) {
		json_decref(body);
		db_rollback(rq->db);
		reply_fail(rq, rs, BG_ERR_INVALID, "invalid_parent", "parent_id",
			   N_("The parent must be a resource of the same place, itself without a parent."));
		return;
	}
	if (jp)
		r.parent_id = json_is_integer(jp) ? json_integer_value(jp) : 0;
	if (!api_copy_string(rq, rs, body, "name", false, r.name, sizeof r.name) ||
	    !api_copy_string(rq, rs, body, "kind", false, r.kind, sizeof r.kind) ||
	    !api_int(rq, rs, body, "capacity", false, &r.capacity) ||
	    !api_int(rq, rs, body, "min_notice_min", false, &r.min_notice_min) ||
	    !api_int(rq, rs, body, "max_duration_min", false, &r.max_duration_min) ||
	    !api_int(rq, rs, body, "buffer_min", false, &r.buffer_min) ||
	    !api_flag(rq, rs, body, "needs_approval", &r.needs_approval)) {
		db_rollback(rq->db);
		json_decref(body);
		return;
	}
	json_decref(body);
	if (resource_update(rq->db, rq->person_id, &r, &clash, &err) != BG_OK) {
		if (err.status == BG_ERR_CONFLICT)
			api_clash(rq, rs, &err, &clash);
		else
			api_fail(rq, rs, &err);
		return;
	}
	if (!api_commit(rq, rs))
		return;
	buf *b = reply_json(rs, 200);
	buf_printf(b, "{\"id\":%lld,\"place_id\":%lld,\"parent_id\":%lld,\"name\":", (long long)r.id,
		   (long long)r.place_id, (long long)r.parent_id);
	json_put_string(b, r.name);
	buf_puts(b, ",\"kind\":");
	json_put_string(b, r.kind);
	buf_printf(b, ",\"capacity\":%d,\"min_notice_min\":%d,\"max_duration_min\":%d,\"buffer_min\":%d,"
		      "\"needs_approval\":%s}",
		   r.capacity, r.min_notice_min, r.max_duration_min, r.buffer_min, r.needs_approval ? "true" : "false");
}

/* DELETE /api/v1/resources/{id}[?cancel_bookings=1] — archives it; 409
 * bookings_to_come (error.remaining) unless asked to cancel them, 409
 * has_children while resources inside it remain. */
static void api_resource_archive(request *rq, response *rs)
{
	bg_error err;
	int remaining = 0;
	if (db_begin(rq->db, DB_WRITE, &err) != BG_OK ||
	    resource_archive(rq->db, rq->person_id, rq_param_id(rq, 0), api_cancel_bookings(rq), rq_base_url(rq),
			     &remaining, &err) != BG_OK) {
		if (err.status == BG_ERR_CONFLICT)
			api_archive_refused(rq, rs, &err, remaining);
		else
			api_fail(rq, rs, &err);
		return;
	}
	if (!api_commit(rq, rs))
		return;
	rq_kick_mailer(rq);
	rs->status = 204;
	rs->content_type = NULL;
}

typedef struct avail_ctx {
	buf *b;
	int64_t last;
	int n, m;
} avail_ctx;

/* Emits one free interval, grouping by resource. */
static void api_avail_emit(void *arg, const resource *r, int64_t s, int64_t e)
{
	avail_ctx *c = arg;
	if (c->last != r->id) {
		if (c->last)
			buf_puts(c->b, "]}");
		buf_printf(c->b, "%s{\"resource_id\":%lld,\"name\":", c->n++ ? "," : "", (long long)r->id);
		json_put_string(c->b, r->name);
		buf_printf(c->b, ",\"kind\":\"%s\",\"capacity\":%d,\"free\":[", r->kind, r->capacity);
		c->last = r->id;
		c->m = 0;
	}
	buf_puts(c->b, c->m++ ? ",{" : "{");
	api_time(c->b, "starts_at", s);
	buf_putc(c->b, ',');
	api_time(c->b, "ends_at", e);
	buf_putc(c->b, '}');
}

/* GET /api/v1/places/{id}/availability?from=&to= */
static void api_availability(request *rq, response *rs)
{
	place p;
	bg_error err;
	if (place_get(rq->db, rq_param_id(rq, 0), &p, &err) != BG_OK) {
		reply_error(rq, rs, &err);
		return;
	}
	int64_t from, to;
	const char *f = rq_query(rq, "from"), *t = rq_query(rq, "to");
	int y, m, d;
	if (!f || !(hosp_parse_instant(f, p.timezone, &from) ||
		    (date_parse(f, &y, &m, &d) && (from = tz_local_to_utc(p.timezone, date_to_days(y, m, d), 0), true)))) {
		reply_fail(rq, rs, BG_ERR_INVALID, "invalid_time", "from", N_("Give a date like 2026-12-01."));
		return;
	}
	if (!t || !(hosp_parse_instant(t, p.timezone, &to) ||
		    (date_parse(t, &y, &m, &d) && (to = tz_local_to_utc(p.timezone, date_to_days(y, m, d) + 1, 0), true)))) {
		reply_fail(rq, rs, BG_ERR_INVALID, "invalid_time", "to", N_("Give a date like 2026-12-01."));
		return;
	}
	buf tmp;
	buf_init(&tmp);
	avail_ctx c = {.b = &tmp};
	if (place_availability(rq->db, rq->person_id, p.id, from, to, api_avail_emit, &c, &err) != BG_OK) {
		buf_free(&tmp);
		reply_error(rq, rs, &err);
		return;
	}
	if (c.last)
		buf_puts(&tmp, "]}");
	buf *b = reply_json(rs, 200);
	buf_printf(b, "{\"place_id\":%lld,\"timezone\":", (long long)p.id);
	json_put_string(b, p.timezone);
	buf_puts(b, ",");
	api_time(b, "from", from);
	buf_puts(b, ",");
	api_time(b, "to", to);
	buf_puts(b, ",\"resources\":[");
	buf_append(b, tmp.data, tmp.len);
	buf_puts(b, "]}");
	buf_free(&tmp);
}

/* ---------- bookings ---------- */

typedef struct skip_ctx {
	buf b;
	int n;
} skip_ctx;

static void api_skip(void *arg, int64_t s, int64_t e, const bg_error *why, const booking_clash *c)
{
	skip_ctx *k = arg;
	buf_printf(&k->b, "%s{", k->n++ ? "," : "");
	api_time(&k->b, "starts_at", s);
	if (e) {
		buf_putc(&k->b, ',');
		api_time(&k->b, "ends_at", e);
	}
	buf_puts(&k->b, ",\"reason\":");
	json_put_string(&k->b, why->code);
	if (c && c->resource_id) {
		buf_printf(&k->b, ",\"clash\":{\"resource_id\":%lld,", (long long)c->resource_id);
		api_time(&k->b, "starts_at", c->starts_at);
		buf_putc(&k->b, ',');
		api_time(&k->b, "ends_at", c->ends_at);
		buf_putc(&k->b, '}');
	}
	buf_putc(&k->b, '}');
}

/* POST /api/v1/bookings {resource_id, starts_at, ends_at, note?, cooperative_id?,
 * repeat?: "week"|"month", until?: "YYYY-MM-DD"} */
static void api_booking_create(request *rq, response *rs)
{
	json_t *body = api_body(rq, rs);
	if (!body)
		return;
	booking_input in = {.base_url = rq_base_url(rq)};
	bg_error err;
	resource r;
	place p;
	if (json_get_int(body, "resource_id", true, &in.resource_id, &err) != BG_OK ||
	    json_get_int(body, "cooperative_id", false, &in.cooperative_id, &err) != BG_OK ||
	    json_get_string(body, "note", false, 500, &in.note, &err) != BG_OK ||
	    json_get_string(body, "repeat", false, 10, &in.repeat, &err) != BG_OK ||
	    json_get_string(body, "until", false, 10, &in.until, &err) != BG_OK ||
	    resource_get(rq->db, in.resource_id, &r, &err) != BG_OK ||
	    place_get(rq->db, r.place_id, &p, &err) != BG_OK) {
		json_decref(body);
		reply_error(rq, rs, &err);
		return;
	}
	if (!api_get_time(rq, rs, body, "starts_at", p.timezone, &in.starts_at) ||
	    !api_get_time(rq, rs, body, "ends_at", p.timezone, &in.ends_at)) {
		json_decref(body);
		return;
	}
	booking_clash clash = {0};
	if (db_begin(rq->db, DB_WRITE, &err) != BG_OK) {
		json_decref(body);
		api_fail(rq, rs, &err);
		return;
	}
	if (!in.repeat) {
		int64_t id = 0;
		if (booking_create(rq->db, rq->person_id, &in, &id, &clash, &err) != BG_OK) {
			json_decref(body);
			api_clash(rq, rs, &err, &clash);
			return;
		}
		json_decref(body);
		if (!api_commit(rq, rs))
			return;
		buf *b = reply_json(rs, 201);
		buf_printf(b, "{\"id\":%lld,\"status\":\"%s\",", (long long)id,
			   r.needs_approval ? "pending" : "confirmed");
		api_time(b, "starts_at", in.starts_at);
		buf_putc(b, ',');
		api_time(b, "ends_at", in.ends_at);
		buf_putc(b, '}');
		return;
	}
	int64_t series = 0, ids[800];
	int count = 0;
	skip_ctx k = {.n = 0};
	buf_init(&k.b);
	if (booking_create_series(rq->db, rq->person_id, &in, &series, ids, 800, &count, api_skip, &k,
				  &clash, &err) != BG_OK) {
		json_decref(body);
		buf_free(&k.b);
		api_clash(rq, rs, &err, &clash);
		return;
	}
	json_decref(body);
	if (!api_commit(rq, rs)) {
		buf_free(&k.b);
		return;
	}
	buf *b = reply_json(rs, 201);
	buf_printf(b, "{\"series_id\":%lld,\"bookings\":[", (long long)series);
	for (int i = 0; i < count && i < 800; i++)
		buf_printf(b, "%s%lld", i ? "," : "", (long long)ids[i]);
	buf_puts(b, "],\"skipped\":[");
	buf_append(b, k.b.data ? k.b.data : "", k.b.len);
	buf_puts(b, "]}");
	buf_free(&k.b);
}

/* GET /api/v1/bookings — mine, upcoming first (?past=1 for the last 90 days too) */
static void api_bookings_list(request *rq, response *rs)
{
	int64_t since = rq_query(rq, "past") ? date_now() - 90 * 86400 : date_now() - 86400;
	booking_mine_row *r = NULL;
	size_t n = 0;
	int64_t total;
	bg_error err;
	api_paging pg;
	if (!api_paging_read(rq, rs, &pg))
		return;
	if (booking_list_mine(rq->db, &rq->arena, rq->person_id, since, false, pg.limit, pg.offset, &r, &n, &total,
			      &err) != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	buf *b = reply_json(rs, 200);
	buf_puts(b, "{\"bookings\":[");
	for (size_t i = 0; i < n; i++) {
		buf_printf(b, "%s{\"id\":%lld,\"resource_id\":%lld,\"resource\":", i ? "," : "",
			   (long long)r[i].id, (long long)r[i].resource_id);
		json_put_string(b, r[i].resource);
		buf_printf(b, ",\"place_id\":%lld,\"place\":", (long long)r[i].place_id);
		json_put_string(b, r[i].place);
		buf_putc(b, ',');
		api_time(b, "starts_at", r[i].starts_at);
		buf_putc(b, ',');
		api_time(b, "ends_at", r[i].ends_at);
		buf_puts(b, ",\"status\":");
		json_put_string(b, r[i].status);
		buf_printf(b, ",\"sequence\":%lld,\"checked_in\":%s}", (long long)r[i].sequence,
			   r[i].checked_in ? "true" : "false");
	}
	buf_putc(b, ']');
	api_paging_json(b, &pg, total);
	buf_putc(b, '}');
}

/* DELETE /api/v1/bookings/{id} */
static void api_booking_cancel(request *rq, response *rs)
{
	bg_error err;
	if (db_begin(rq->db, DB_WRITE, &err) != BG_OK ||
	    booking_cancel(rq->db, rq->person_id, rq_param_id(rq, 0), rq_base_url(rq), &err) != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	if (!api_commit(rq, rs))
		return;
	rq_kick_mailer(rq);
	rs->status = 204;
	rs->content_type = NULL;
}

/* PATCH /api/v1/bookings/{id} {starts_at, ends_at} — move */
static void api_booking_move(request *rq, response *rs)
{
	json_t *body = api_body(rq, rs);
	if (!body)
		return;
	bg_error err;
	int64_t rid = 0, s, e;
	bool found = booking_resource_of(rq->db, rq_param_id(rq, 0), &rid);
	resource r;
	place p;
	if (!found || resource_get(rq->db, rid, &r, &err) != BG_OK || place_get(rq->db, r.place_id, &p, &err) != BG_OK) {
		json_decref(body);
		reply_fail(rq, rs, BG_ERR_NOT_FOUND, "not_found", "booking_id", N_("This booking does not exist."));
		return;
	}
	if (!api_get_time(rq, rs, body, "starts_at", p.timezone, &s) ||
	    !api_get_time(rq, rs, body, "ends_at", p.timezone, &e)) {
		json_decref(body);
		return;
	}
	json_decref(body);
	booking_clash clash = {0};
	if (db_begin(rq->db, DB_WRITE, &err) != BG_OK ||
	    booking_move(rq->db, rq->person_id, rq_param_id(rq, 0), s, e, rq_base_url(rq), &clash, &err) != BG_OK) {
		api_clash(rq, rs, &err, &clash);
		return;
	}
	if (!api_commit(rq, rs))
		return;
	rq_kick_mailer(rq);
	buf_puts(reply_json(rs, 200), "{\"status\":\"moved\"}");
}

/* POST /api/v1/bookings/{id}/check-in, /approve, /refuse */
static void api_booking_action(request *rq, response *rs, int what)
{
	bg_error err;
	int64_t id = rq_param_id(rq, 0);
	if (db_begin(rq->db, DB_WRITE, &err) != BG_OK ||
	    (what == 0 ? booking_check_in(rq->db, rq->person_id, id, &err)
		       : booking_decide(rq->db, rq->person_id, id, what == 1, rq_base_url(rq), &err)) != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	if (!api_commit(rq, rs))
		return;
	rq_kick_mailer(rq);
	buf_printf(reply_json(rs, 200), "{\"status\":\"%s\"}",
		   what == 0 ? "checked_in" : what == 1 ? "confirmed" : "refused");
}
static void api_booking_check_in(request *rq, response *rs) { api_booking_action(rq, rs, 0); }
static void api_booking_approve(request *rq, response *rs) { api_booking_action(rq, rs, 1); }
static void api_booking_refuse(request *rq, response *rs) { api_booking_action(rq, rs, 2); }

/* POST /api/v1/waits {resource_id, starts_at, ends_at} */
static void api_wait_create(request *rq, response *rs)
{
	json_t *body = api_body(rq, rs);
	if (!body)
		return;
	int64_t rid = 0, s, e, id = 0;
	bg_error err;
	resource r;
	place p;
	if (json_get_int(body, "resource_id", true, &rid, &err) != BG_OK ||
	    resource_get(rq->db, rid, &r, &err) != BG_OK || place_get(rq->db, r.place_id, &p, &err) != BG_OK) {
		json_decref(body);
		reply_error(rq, rs, &err);
		return;
	}
	if (!api_get_time(rq, rs, body, "starts_at", p.timezone, &s) ||
	    !api_get_time(rq, rs, body, "ends_at", p.timezone, &e)) {
		json_decref(body);
		return;
	}
	json_decref(body);
	if (db_begin(rq->db, DB_WRITE, &err) != BG_OK ||
	    booking_wait(rq->db, rq->person_id, rid, s, e, &id, &err) != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	if (api_commit(rq, rs))
		buf_printf(reply_json(rs, 201), "{\"id\":%lld,\"status\":\"waiting\"}", (long long)id);
}

/* GET /api/v1/waits — mine */
static void api_waits_list(request *rq, response *rs)
{
	booking_wait_row *w = NULL;
	size_t n = 0;
	bg_error err;
	booking_wait_list_mine(rq->db, &rq->arena, rq->person_id, &w, &n, &err);
	buf *b = reply_json(rs, 200);
	buf_puts(b, "{\"waits\":[");
	for (size_t i = 0; i < n; i++) {
		buf_printf(b, "%s{\"id\":%lld,\"resource_id\":%lld,", i ? "," : "", (long long)w[i].id,
			   (long long)w[i].resource_id);
		api_time(b, "starts_at", w[i].starts_at);
		buf_putc(b, ',');
		api_time(b, "ends_at", w[i].ends_at);
		buf_puts(b, ",\"status\":");
		json_put_string(b, w[i].status);
		if (w[i].offer_expires_at) {
			buf_putc(b, ',');
			api_time(b, "offer_expires_at", w[i].offer_expires_at);
		}
		buf_putc(b, '}');
	}
	buf_puts(b, "]}");
}

/* POST /api/v1/waits/{id}/accept */
static void api_wait_accept(request *rq, response *rs)
{
	bg_error err;
	int64_t id = 0;
	if (db_begin(rq->db, DB_WRITE, &err) != BG_OK ||
	    booking_accept_offer(rq->db, rq->person_id, rq_param_id(rq, 0), &id, &err) != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	if (api_commit(rq, rs))
		buf_printf(reply_json(rs, 201), "{\"booking_id\":%lld}", (long long)id);
}

/* PUT /api/v1/quotas {scope_type, scope_id, kind, hours_per_month} */
static void api_quota_set(request *rq, response *rs)
{
	json_t *body = api_body(rq, rs);
	if (!body)
		return;
	const char *st = NULL, *kind = NULL;
	int64_t sid = 0, hours = 0;
	bg_error err;
	if (json_get_string(body, "scope_type", true, 20, &st, &err) != BG_OK ||
	    json_get_int(body, "scope_id", true, &sid, &err) != BG_OK ||
	    json_get_string(body, "kind", true, 20, &kind, &err) != BG_OK ||
	    json_get_int(body, "hours_per_month", true, &hours, &err) != BG_OK ||
	    db_begin(rq->db, DB_WRITE, &err) != BG_OK ||
	    booking_set_quota(rq->db, rq->person_id, st, sid, kind, hours * 60, &err) != BG_OK) {
		json_decref(body);
		api_fail(rq, rs, &err);
		return;
	}
	json_decref(body);
	if (api_commit(rq, rs))
		buf_puts(reply_json(rs, 200), "{\"status\":\"saved\"}");
}

/* GET /api/v1/quotas/mine?month=YYYY-MM — my quotas and every use recorded */
static void api_quota_mine(request *rq, response *rs)
{
	const char *month = rq_query(rq, "month");
	char cur[8];
	if (!month) {
		tz_this_month(TZ_GROUP, cur);
		month = cur;
	}
	if (strlen(month) != 7 || month[4] != '-') {
		reply_fail(rq, rs, BG_ERR_INVALID, "invalid_month", "month", N_("Give a month like 2026-12."));
		return;
	}
	buf *b = reply_json(rs, 200);
	buf_puts(b, "{\"month\":");
	json_put_string(b, month);
	buf_puts(b, ",\"quotas\":[");
	quota_row *q = NULL;
	quota_use_row *u = NULL;
	size_t nq = 0, nu = 0;
	bg_error err;
	quota_list_mine(rq->db, &rq->arena, rq->person_id, month, &q, &nq, &u, &nu, &err);
	for (size_t i = 0; i < nq; i++) {
		buf_printf(b, "%s{\"kind\":", i ? "," : "");
		json_put_string(b, q[i].kind);
		buf_printf(b, ",\"minutes_per_month\":%lld,\"minutes_used\":%lld}", (long long)q[i].minutes_per_month,
			   (long long)q[i].minutes_used);
	}
	buf_puts(b, "],\"uses\":[");
	for (size_t i = 0; i < nu; i++) {
		buf_printf(b, "%s{\"booking_id\":%lld,\"kind\":", i ? "," : "", (long long)u[i].booking_id);
		json_put_string(b, u[i].kind);
		buf_printf(b, ",\"minutes\":%lld,", (long long)u[i].minutes);
		api_time(b, "at", u[i].at);
		buf_putc(b, '}');
	}
	buf_puts(b, "]}");
}

/* ---------- information sessions ---------- */

/* Appends a session as the lists show it; counts: with the registered and
 * waiting counts (the hosts' view). */
static void api_session_json(buf *b, const infosession_row *s, bool counts)
{
	buf_printf(b, "{\"id\":%lld,\"title\":", (long long)s->id);
	json_put_string(b, s->title);
	buf_printf(b, ",\"cooperative_id\":%lld,\"cooperative\":", (long long)s->cooperative_id);
	json_put_string(b, s->cooperative);
	buf_puts(b, ",\"territory\":");
	json_put_string(b, s->territory);
	buf_puts(b, ",\"place\":");
	json_put_string(b, s->place);
	buf_puts(b, ",\"city\":");
	json_put_string(b, s->city);
	buf_puts(b, ",\"postcode\":");
	json_put_string(b, s->postcode);
	buf_printf(b, ",\"online\":%s,", s->online ? "true" : "false");
	api_time(b, "starts_at", s->starts_at);
	buf_putc(b, ',');
	api_time(b, "ends_at", s->ends_at);
	int64_t cap = s->capacity, taken = s->registered;
	buf_printf(b, ",\"capacity\":%lld,\"full\":%s", (long long)cap, taken >= cap ? "true" : "false");
	if (counts)
		buf_printf(b, ",\"registered\":%lld,\"waiting\":%lld", (long long)taken, (long long)s->waiting);
	buf_putc(b, '}');
}

/* Answers a page of sessions (counts: the hosts' view), or the error of
 * reading it. */
static void api_sessions_reply(request *rq, response *rs, bg_status st, const bg_error *err, const api_paging *pg,
			       const infosession_row *r, size_t n, int64_t total, bool counts)
{
	if (st != BG_OK) {
		api_fail(rq, rs, err);
		return;
	}
	buf *b = reply_json(rs, 200);
	buf_puts(b, "{\"sessions\":[");
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_putc(b, ',');
		api_session_json(b, &r[i], counts);
	}
	buf_putc(b, ']');
	api_paging_json(b, pg, total);
	buf_putc(b, '}');
}

/* GET /api/v1/public/sessions?territory=&cooperative_id=&limit=&offset= (no account) */
static void api_public_sessions(request *rq, response *rs)
{
	const char *territory = rq_query(rq, "territory"), *coop = rq_query(rq, "cooperative_id");
	infosession_row *r = NULL;
	size_t n = 0;
	int64_t total = 0;
	bg_error err;
	api_paging pg;
	if (!api_paging_read(rq, rs, &pg))
		return;
	bg_status st = infosession_list_public(rq->db, &rq->arena, territory, coop ? atoll(coop) : 0, pg.limit,
					       pg.offset, &r, &n, &total, &err);
	api_sessions_reply(rq, rs, st, &err, &pg, r, n, total, false);
}

/* GET /api/v1/sessions?limit=&offset= — the hosts' view: the sessions of
 * cooperatives where the caller may manage them, with fill counts */
static void api_sessions_list(request *rq, response *rs)
{
	infosession_row *r = NULL;
	size_t n = 0;
	int64_t total = 0;
	bg_error err;
	api_paging pg;
	if (!api_paging_read(rq, rs, &pg))
		return;
	bg_status st = infosession_list_managed(rq->db, &rq->arena, rq->person_id, pg.limit, pg.offset, &r, &n, &total,
						&err);
	api_sessions_reply(rq, rs, st, &err, &pg, r, n, total, true);
}

/* POST /api/v1/sessions {cooperative_id, title, place_id | online_url, starts_at, ends_at, capacity} */
static void api_session_create(request *rq, response *rs)
{
	json_t *body = api_body(rq, rs);
	if (!body)
		return;
	infosession s = {0};
	bg_error err;
	char tz[65] = HOSP_DEFAULT_TZ;
	if (json_get_int(body, "cooperative_id", true, &s.cooperative_id, &err) != BG_OK ||
	    json_get_int(body, "place_id", false, &s.place_id, &err) != BG_OK) {
		json_decref(body);
		reply_error(rq, rs, &err);
		return;
	}
	place p;
	if (s.place_id && place_get(rq->db, s.place_id, &p, NULL) == BG_OK)
		snprintf(tz, sizeof tz, "%s", p.timezone);
	if (!api_copy_string(rq, rs, body, "title", true, s.title, sizeof s.title) ||
	    !api_copy_string(rq, rs, body, "online_url", false, s.online_url, sizeof s.online_url) ||
	    !api_copy_string(rq, rs, body, "territory", false, s.territory, sizeof s.territory) ||
	    !api_int(rq, rs, body, "capacity", true, &s.capacity) ||
	    !api_get_time(rq, rs, body, "starts_at", tz, &s.starts_at) ||
	    !api_get_time(rq, rs, body, "ends_at", tz, &s.ends_at)) {
		json_decref(body);
		return;
	}
	json_decref(body);
	if (db_begin(rq->db, DB_WRITE, &err) != BG_OK ||
	    infosession_create(rq->db, rq->person_id, &s, &err) != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	if (api_commit(rq, rs))
		buf_printf(reply_json(rs, 201), "{\"id\":%lld}", (long long)s.id);
}

/* DELETE /api/v1/sessions/{id} — cancels it, registrants are told */
static void api_session_cancel(request *rq, response *rs)
{
	bg_error err;
	if (db_begin(rq->db, DB_WRITE, &err) != BG_OK ||
	    infosession_cancel(rq->db, rq->person_id, rq_param_id(rq, 0), &err) != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	if (!api_commit(rq, rs))
		return;
	rq_kick_mailer(rq);
	rs->status = 204;
	rs->content_type = NULL;
}

/* GET /api/v1/sessions/{id}/registrations — hosts only */
static void api_session_registrations(request *rq, response *rs)
{
	infosession s;
	bg_error err;
	if (infosession_get(rq->db, rq_param_id(rq, 0), &s, &err) != BG_OK ||
	    infosession_may_manage(rq->db, rq->person_id, s.cooperative_id, &err) != BG_OK) {
		reply_error(rq, rs, &err);
		return;
	}
	registration_row *g = NULL;
	size_t n = 0;
	infosession_registrations(rq->db, &rq->arena, s.id, &g, &n, &err);
	buf *b = reply_json(rs, 200);
	buf_puts(b, "{\"registrations\":[");
	for (size_t i = 0; i < n; i++) {
		buf_printf(b, "%s{\"id\":%lld,\"name\":", i ? "," : "", (long long)g[i].id);
		json_put_string(b, g[i].name);
		buf_puts(b, ",\"email\":");
		json_put_string(b, g[i].email);
		buf_puts(b, ",\"phone\":");
		json_put_string(b, g[i].phone);
		buf_puts(b, ",\"postcode\":");
		json_put_string(b, g[i].postcode);
		buf_puts(b, ",\"status\":");
		json_put_string(b, g[i].status);
		buf_putc(b, ',');
		api_time(b, "created_at", g[i].created_at);
		buf_printf(b, ",\"newcomer_id\":%lld}", (long long)g[i].newcomer_id);
	}
	buf_puts(b, "]}");
}

/* POST /api/v1/public/sessions/{id}/registrations (no account) → 202 whatever */
static void api_public_register(request *rq, response *rs)
{
	json_t *body = api_body(rq, rs);
	if (!body)
		return;
	registration_input in = {.lang = rq->lang};
	bool consent = false;
	bg_error err;
	if (json_get_string(body, "name", true, 200, &in.name, &err) != BG_OK ||
	    json_get_string(body, "email", true, 254, &in.email, &err) != BG_OK ||
	    json_get_string(body, "phone", false, 30, &in.phone, &err) != BG_OK ||
	    json_get_string(body, "postcode", true, 10, &in.postcode, &err) != BG_OK ||
	    json_get_string(body, "project", false, 2000, &in.project, &err) != BG_OK ||
	    json_get_string(body, "website", false, 500, &in.honeypot, &err) != BG_OK ||
	    json_get_int(body, "referrer_id", false, &in.referrer_id, &err) != BG_OK ||
	    json_get_bool(body, "consent", false, &consent, &err) != BG_OK ||
	    rq_rate_limit(rq, RL_PUBLIC_FORM, rq_client_address(rq), &err) != BG_OK) {
		json_decref(body);
		reply_error(rq, rs, &err);
		return;
	}
	in.consent = consent;
	if (db_begin(rq->db, DB_WRITE, &err) != BG_OK ||
	    infosession_register(rq->db, rq_param_id(rq, 0), &in, rq_base_url(rq), NULL, &err) != BG_OK) {
		json_decref(body);
		api_fail(rq, rs, &err);
		return;
	}
	json_decref(body);
	if (!api_commit(rq, rs))
		return;
	rq_kick_mailer(rq);
	buf_puts(reply_json(rs, 202), "{\"status\":\"received\"}");
}

/* POST /api/v1/public/registrations/cancel {token} */
static void api_public_unregister(request *rq, response *rs)
{
	json_t *body = api_body(rq, rs);
	if (!body)
		return;
	const char *token = NULL;
	bg_error err;
	if (json_get_string(body, "token", true, 100, &token, &err) != BG_OK ||
	    rq_rate_limit(rq, RL_PUBLIC_FORM, rq_client_address(rq), &err) != BG_OK ||
	    db_begin(rq->db, DB_WRITE, &err) != BG_OK ||
	    infosession_unregister(rq->db, token, rq_base_url(rq), &err) != BG_OK) {
		json_decref(body);
		api_fail(rq, rs, &err);
		return;
	}
	json_decref(body);
	if (!api_commit(rq, rs))
		return;
	rq_kick_mailer(rq);
	buf_puts(reply_json(rs, 200), "{\"status\":\"cancelled\"}");
}

/* POST /api/v1/cooperatives/{id}/referrers {name} */
static void api_referrer_add(request *rq, response *rs)
{
	json_t *body = api_body(rq, rs);
	if (!body)
		return;
	const char *name = NULL;
	int64_t id = 0;
	bg_error err;
	if (json_get_string(body, "name", true, 200, &name, &err) != BG_OK ||
	    db_begin(rq->db, DB_WRITE, &err) != BG_OK ||
	    referrer_add(rq->db, rq->person_id, rq_param_id(rq, 0), name, &id, &err) != BG_OK) {
		json_decref(body);
		api_fail(rq, rs, &err);
		return;
	}
	json_decref(body);
	if (api_commit(rq, rs))
		buf_printf(reply_json(rs, 201), "{\"id\":%lld}", (long long)id);
}

/* GET /api/v1/public/cooperatives/{id}/referrers (no account) */
static void api_referrers_list(request *rq, response *rs)
{
	referrer_row *r = NULL;
	size_t n = 0;
	bg_error err;
	referrer_list(rq->db, &rq->arena, rq_param_id(rq, 0), &r, &n, &err);
	buf *b = reply_json(rs, 200);
	buf_puts(b, "{\"referrers\":[");
	for (size_t i = 0; i < n; i++) {
		buf_printf(b, "%s{\"id\":%lld,\"name\":", i ? "," : "", (long long)r[i].id);
		json_put_string(b, r[i].name);
		buf_putc(b, '}');
	}
	buf_puts(b, "]}");
}

/* ---------- newcomers ---------- */

/* GET /api/v1/newcomers?cooperative_id=&step=&limit=&offset= */
static void api_newcomers_list(request *rq, response *rs)
{
	const char *coop = rq_query(rq, "cooperative_id"), *step = rq_query(rq, "step");
	newcomer_row *r = NULL;
	size_t n = 0;
	int64_t total = 0;
	bg_error err;
	api_paging pg;
	if (!api_paging_read(rq, rs, &pg))
		return;
	if (newcomer_list(rq->db, &rq->arena, rq->person_id, coop ? atoll(coop) : 0, step, pg.limit, pg.offset, &r, &n,
			  &total, &err) != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	buf *b = reply_json(rs, 200);
	buf_puts(b, "{\"newcomers\":[");
	for (size_t i = 0; i < n; i++) {
		buf_printf(b, "%s{\"id\":%lld,\"name\":", i ? "," : "", (long long)r[i].id);
		json_put_string(b, r[i].name);
		buf_puts(b, ",\"email\":");
		json_put_string(b, r[i].email);
		buf_printf(b, ",\"cooperative_id\":%lld,\"current_step\":", (long long)r[i].cooperative_id);
		json_put_string(b, r[i].current_step);
		buf_puts(b, ",\"status\":");
		json_put_string(b, r[i].status);
		buf_putc(b, ',');
		api_time(b, "updated_at", r[i].updated_at);
		buf_putc(b, '}');
	}
	buf_putc(b, ']');
	api_paging_json(b, &pg, total);
	buf_putc(b, '}');
}

/* POST /api/v1/newcomers {cooperative_id, name, email, phone?, postcode?, territory?,
 * project?, referrer?, birth_year?, consent?} */
static void api_newcomer_create(request *rq, response *rs)
{
	json_t *body = api_body(rq, rs);
	if (!body)
		return;
	newcomer n = {0};
	int by = 0;
	bg_error err;
	if (json_get_int(body, "cooperative_id", true, &n.cooperative_id, &err) != BG_OK ||
	    json_get_bool(body, "consent", false, &n.consent, &err) != BG_OK) {
		json_decref(body);
		reply_error(rq, rs, &err);
		return;
	}
	if (!api_copy_string(rq, rs, body, "name", true, n.name, sizeof n.name) ||
	    !api_copy_string(rq, rs, body, "email", true, n.email, sizeof n.email) ||
	    !api_copy_string(rq, rs, body, "phone", false, n.phone, sizeof n.phone) ||
	    !api_copy_string(rq, rs, body, "postcode", false, n.postcode, sizeof n.postcode) ||
	    !api_copy_string(rq, rs, body, "territory", false, n.territory, sizeof n.territory) ||
	    !api_copy_string(rq, rs, body, "project", false, n.project, sizeof n.project) ||
	    !api_copy_string(rq, rs, body, "referrer", false, n.referrer, sizeof n.referrer) ||
	    !api_copy_string(rq, rs, body, "lang", false, n.lang, sizeof n.lang) ||
	    !api_int(rq, rs, body, "birth_year", false, &by)) {
		json_decref(body);
		return;
	}
	json_decref(body);
	n.birth_year = by;
	if (db_begin(rq->db, DB_WRITE, &err) != BG_OK ||
	    newcomer_create(rq->db, rq->person_id, &n, &err) != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	if (api_commit(rq, rs))
		buf_printf(reply_json(rs, 201), "{\"id\":%lld}", (long long)n.id);
}

/* GET /api/v1/newcomers/{id} and /steps */
static void api_newcomer_get(request *rq, response *rs)
{
	newcomer n;
	bg_error err;
	if (newcomer_get(rq->db, rq->person_id, rq_param_id(rq, 0), &n, &err) != BG_OK) {
		reply_error(rq, rs, &err);
		return;
	}
	buf *b = reply_json(rs, 200);
	buf_printf(b, "{\"id\":%lld,\"cooperative_id\":%lld,\"person_id\":%lld,\"name\":", (long long)n.id,
		   (long long)n.cooperative_id, (long long)n.person_id);
	json_put_string(b, n.name);
	buf_puts(b, ",\"email\":");
	json_put_string(b, n.email);
	buf_puts(b, ",\"current_step\":");
	json_put_string(b, n.current_step);
	buf_puts(b, ",\"status\":");
	json_put_string(b, n.status);
	buf_puts(b, ",\"steps\":[");
	newcomer_step_view *st = NULL;
	size_t nst = 0;
	newcomer_step_list(rq->db, &rq->arena, n.id, &st, &nst, &err);
	for (size_t k = 0; k < nst; k++) {
		buf_printf(b, "%s{\"code\":", k ? "," : "");
		json_put_string(b, st[k].code);
		buf_puts(b, ",\"day\":");
		json_put_string(b, st[k].day);
		buf_printf(b, ",\"cooperative_id\":%lld,\"done_by\":", (long long)st[k].cooperative_id);
		json_put_string(b, st[k].done_by);
		buf_puts(b, ",\"notes\":");
		json_put_string(b, st[k].notes);
		buf_printf(b, ",\"id\":%lld,\"documents\":[", (long long)st[k].id);
		for (size_t j = 0; j < st[k].ndocuments; j++) {
			const newcomer_document_row *doc = &st[k].documents[j];
			buf_printf(b, "%s{\"id\":%lld,\"filename\":", j ? "," : "", (long long)doc->id);
			json_put_string(b, doc->filename);
			buf_puts(b, ",\"content_type\":");
			json_put_string(b, doc->content_type);
			buf_printf(b, ",\"size\":%lld,\"url\":\"/api/v1/newcomers/%lld/documents/%lld\"}",
				   (long long)doc->size, (long long)n.id, (long long)doc->id);
		}
		buf_puts(b, "]}");
	}
	buf_puts(b, "]}");
}

/* POST /api/v1/newcomers/{id}/documents — multipart/form-data with the
 * fields step_id and document (the file). */
static void api_newcomer_document_add(request *rq, response *rs)
{
	bg_error err;
	const form *f = rq_form(rq, &err);
	if (!f) {
		reply_error(rq, rs, &err);
		return;
	}
	const multipart_file *file = rq_file(rq, "document");
	const char *step = form_get(f, "step_id");
	int64_t id = 0;
	if (db_begin(rq->db, DB_WRITE, &err) != BG_OK ||
	    newcomer_document_add(rq->db, rq->person_id, rq_param_id(rq, 0), step ? atoll(step) : 0,
				  file ? file->filename : NULL, file ? file->data : NULL, file ? file->size : 0, &id,
				  &err) != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	if (!api_commit(rq, rs))
		return;
	buf *b = reply_json(rs, 201);
	buf_printf(b, "{\"id\":%lld,\"step_id\":%lld,\"filename\":", (long long)id, (long long)atoll(step));
	json_put_string(b, file->filename);
	buf_printf(b, ",\"content_type\":\"%s\",\"size\":%zu}", hosp_file_type(file->data, file->size), file->size);
}

/* Content-Disposition for a download: an ASCII fallback name and the
 * UTF-8 name percent-encoded (RFC 6266). */
static const char *api_disposition(request *rq, const char *filename)
{
	buf b;
	buf_init(&b);
	buf_puts(&b, "attachment; filename=\"");
	for (const char *p = filename; *p; p++)
		buf_putc(&b, (unsigned char)*p < 0x80 && *p != '%' ? *p : '_');
	buf_puts(&b, "\"; filename*=UTF-8''");
	for (const unsigned char *p = (const unsigned char *)filename; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || strchr(".-_", *p))
			buf_putc(&b, (char)*p);
		else
			buf_printf(&b, "%%%02X", *p);
	}
	const char *out = arena_strdup(&rq->arena, b.data);
	buf_free(&b);
	return out;
}

/* GET /api/v1/newcomers/{id}/documents/{doc} — the file, for those who
 * follow the newcomer (the reading is audited). */
static void api_newcomer_document_get(request *rq, response *rs)
{
	bg_error err;
	hosp_file file;
	buf_init(&file.data);
	if (db_begin(rq->db, DB_WRITE, &err) != BG_OK ||
	    newcomer_document_read(rq->db, rq->person_id, rq_param_id(rq, 0), rq_param_id(rq, 1), &file, &err) != BG_OK) {
		buf_free(&file.data);
		api_fail(rq, rs, &err);
		return;
	}
	if (!api_commit(rq, rs)) {
		buf_free(&file.data);
		return;
	}
	rs->status = 200;
	rs->content_type = arena_strdup(&rq->arena, file.content_type);
	buf_reset(&rs->body);
	buf_append(&rs->body, file.data.data, file.data.len);
	buf_free(&file.data);
	rs_header(rq, rs, "Content-Disposition", api_disposition(rq, file.filename));
	rs_header(rq, rs, "Cache-Control", "private, no-store");
}

/* GET /api/v1/places/{id}/photo — the photo, with its ETag (the server
 * answers 304 when the browser has it). */
static void api_place_photo_get(request *rq, response *rs)
{
	bg_error err;
	hosp_file file;
	if (place_photo_read(rq->db, rq->person_id, rq_param_id(rq, 0), true, &file, &err) != BG_OK) {
		buf_free(&file.data);
		reply_error(rq, rs, &err);
		return;
	}
	rs_header(rq, rs, "ETag", arena_strdup(&rq->arena, file.etag));
	rs_header(rq, rs, "Cache-Control", "private, max-age=86400, must-revalidate");
	rs->status = 200;
	rs->content_type = arena_strdup(&rq->arena, file.content_type);
	buf_reset(&rs->body);
	buf_append(&rs->body, file.data.data, file.data.len);
	buf_free(&file.data);
}

/* POST /api/v1/places/{id}/photo — multipart/form-data with photo (the
 * file) and alt (its alternative text). */
static void api_place_photo_set(request *rq, response *rs)
{
	bg_error err;
	const form *f = rq_form(rq, &err);
	if (!f) {
		reply_error(rq, rs, &err);
		return;
	}
	const multipart_file *file = rq_file(rq, "photo");
	if (db_begin(rq->db, DB_WRITE, &err) != BG_OK ||
	    place_photo_set(rq->db, rq->person_id, rq_param_id(rq, 0), file ? file->data : NULL, file ? file->size : 0,
			    form_get(f, "alt"), &err) != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	if (api_commit(rq, rs))
		buf_printf(reply_json(rs, 200), "{\"url\":\"/api/v1/places/%lld/photo\"}", (long long)rq_param_id(rq, 0));
}

/* POST /api/v1/newcomers/{id}/steps {code, day?, notes?, reason?} */
static void api_newcomer_step(request *rq, response *rs)
{
	json_t *body = api_body(rq, rs);
	if (!body)
		return;
	const char *code = NULL, *day = NULL, *notes = NULL, *reason = NULL;
	bg_error err;
	if (json_get_string(body, "code", true, 40, &code, &err) != BG_OK ||
	    json_get_string(body, "day", false, 10, &day, &err) != BG_OK ||
	    json_get_string(body, "notes", false, 4000, &notes, &err) != BG_OK ||
	    json_get_string(body, "reason", false, 100, &reason, &err) != BG_OK ||
	    db_begin(rq->db, DB_WRITE, &err) != BG_OK ||
	    newcomer_add_step(rq->db, rq->person_id, rq_param_id(rq, 0), code, day, notes, reason,
			      rq_base_url(rq), &err) != BG_OK) {
		json_decref(body);
		api_fail(rq, rs, &err);
		return;
	}
	json_decref(body);
	if (!api_commit(rq, rs))
		return;
	rq_kick_mailer(rq);
	buf_printf(reply_json(rs, 201), "{\"status\":\"recorded\",\"step_id\":%lld}",
		   (long long)newcomer_last_step_id(rq->db, rq_param_id(rq, 0)));
}

/* POST /api/v1/newcomers/{id}/orientation {cooperative_id, consent} */
static void api_newcomer_orient(request *rq, response *rs)
{
	json_t *body = api_body(rq, rs);
	if (!body)
		return;
	int64_t to = 0;
	bool consent = false;
	bg_error err;
	if (json_get_int(body, "cooperative_id", true, &to, &err) != BG_OK ||
	    json_get_bool(body, "consent", false, &consent, &err) != BG_OK ||
	    db_begin(rq->db, DB_WRITE, &err) != BG_OK ||
	    newcomer_orient(rq->db, rq->person_id, rq_param_id(rq, 0), to, consent, rq_base_url(rq), &err) != BG_OK) {
		json_decref(body);
		api_fail(rq, rs, &err);
		return;
	}
	json_decref(body);
	if (!api_commit(rq, rs))
		return;
	rq_kick_mailer(rq);
	buf_puts(reply_json(rs, 200), "{\"status\":\"oriented\"}");
}

/* GET /api/v1/newcomers/stats.csv */
static void api_newcomer_stats(request *rq, response *rs)
{
	bg_error err;
	buf_reset(&rs->body);
	if (newcomer_stats_csv(rq->db, rq->person_id, &rs->body, &err) != BG_OK) {
		reply_error(rq, rs, &err);
		return;
	}
	rs->status = 200;
	rs->content_type = "text/csv; charset=utf-8";
	rs_header(rq, rs, "Content-Disposition", "attachment; filename=\"newcomers.csv\"");
}

/* GET /api/v1/cooperatives/{id}/path */
static void api_path_get(request *rq, response *rs)
{
	path_step steps[PATH_MAX_STEPS];
	int n = path_steps_get(rq->db, rq_param_id(rq, 0), steps, PATH_MAX_STEPS);
	buf *b = reply_json(rs, 200);
	buf_puts(b, "{\"steps\":[");
	for (int i = 0; i < n; i++) {
		buf_printf(b, "%s{\"code\":", i ? "," : "");
		json_put_string(b, steps[i].code);
		buf_puts(b, ",\"label\":");
		json_put_string(b, tr(rq->lang, steps[i].label));
		buf_putc(b, '}');
	}
	buf_puts(b, "]}");
}

/* PUT /api/v1/cooperatives/{id}/path {steps:[{code,label}]} */
static void api_path_set(request *rq, response *rs)
{
	json_t *body = api_body(rq, rs);
	if (!body)
		return;
	json_t *arr = json_object_get(body, "steps");
	path_step steps[PATH_MAX_STEPS] = {0};
	int n = 0;
	bg_error err;
	if (!json_is_array(arr) || json_array_size(arr) > PATH_MAX_STEPS) {
		json_decref(body);
		reply_fail(rq, rs, BG_ERR_INVALID, "invalid_steps", "steps", N_("A path has between 1 and 20 steps."));
		return;
	}
	for (size_t i = 0; i < json_array_size(arr); i++) {
		json_t *o = json_array_get(arr, i);
		const char *code = json_string_value(json_object_get(o, "code"));
		const char *label = json_string_value(json_object_get(o, "label"));
		if (!code || !label || strlen(code) > 40 || strlen(label) > 100) {
			json_decref(body);
			reply_fail(rq, rs, BG_ERR_INVALID, "invalid_step", "steps",
				   N_("Each step needs a label and a distinct code of lowercase letters, digits and _."));
			return;
		}
		snprintf(steps[n].code, sizeof steps[0].code, "%s", code);
		snprintf(steps[n++].label, sizeof steps[0].label, "%s", label);
	}
	json_decref(body);
	if (db_begin(rq->db, DB_WRITE, &err) != BG_OK ||
	    path_steps_set(rq->db, rq->person_id, rq_param_id(rq, 0), steps, n, &err) != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	if (api_commit(rq, rs))
		buf_puts(reply_json(rs, 200), "{\"status\":\"saved\"}");
}

/* ---------- calendar feeds ---------- */

/* POST /api/v1/calendar-feeds {kind, target_id?} → {id, url} */
static void api_feed_create(request *rq, response *rs)
{
	json_t *body = api_body(rq, rs);
	if (!body)
		return;
	const char *kind = NULL;
	int64_t target = 0, id = 0;
	char token[80];
	bg_error err;
	if (json_get_string(body, "kind", true, 20, &kind, &err) != BG_OK ||
	    json_get_int(body, "target_id", false, &target, &err) != BG_OK ||
	    db_begin(rq->db, DB_WRITE, &err) != BG_OK ||
	    hcal_feed_create(rq->db, rq->person_id, kind, target, token, sizeof token, &id, &err) != BG_OK) {
		json_decref(body);
		api_fail(rq, rs, &err);
		return;
	}
	json_decref(body);
	if (!api_commit(rq, rs))
		return;
	buf *b = reply_json(rs, 201);
	buf_printf(b, "{\"id\":%lld,\"url\":\"%s/calendar.ics?token=%s\"}", (long long)id, rq_base_url(rq), token);
}

/* DELETE /api/v1/calendar-feeds/{id} */
static void api_feed_revoke(request *rq, response *rs)
{
	bg_error err;
	if (db_begin(rq->db, DB_WRITE, &err) != BG_OK ||
	    hcal_feed_revoke(rq->db, rq->person_id, rq_param_id(rq, 0), &err) != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	if (!api_commit(rq, rs))
		return;
	rs->status = 204;
	rs->content_type = NULL;
}

/* GET /calendar.ics?token= (no account: the token is the key; in the query
 * string so that the access log, which drops queries, never holds it) */
static void api_feed_get(request *rq, response *rs)
{
	bg_error err;
	buf_reset(&rs->body);
	if (hcal_feed_render(rq->db, rq_query(rq, "token"), &rs->body, &err) != BG_OK) {
		reply_error(rq, rs, &err);
		return;
	}
	rs->status = 200;
	rs->content_type = "text/calendar; charset=utf-8";
}

const route api_hospitality_routes[] = {
	{HTTP_GET, "/api/v1/places", api_places_list, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/places", api_place_create, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/places/{id}", api_place_get, ROUTE_AUTH},
	{HTTP_PATCH, "/api/v1/places/{id}", api_place_patch, ROUTE_AUTH},
	{HTTP_DELETE, "/api/v1/places/{id}", api_place_archive, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/places/{id}/hours", api_place_hours_get, ROUTE_AUTH},
	{HTTP_PUT, "/api/v1/places/{id}/hours", api_place_hours_put, ROUTE_AUTH},
	{HTTP_DELETE, "/api/v1/places/{id}/exceptions/{id}", api_place_exception_delete, ROUTE_AUTH},
	{HTTP_DELETE, "/api/v1/places/{id}/closures/{id}", api_place_closure_delete, ROUTE_AUTH},
	{HTTP_PATCH, "/api/v1/resources/{id}", api_resource_patch, ROUTE_AUTH},
	{HTTP_DELETE, "/api/v1/resources/{id}", api_resource_archive, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/places/{id}/exceptions", api_place_exception, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/places/{id}/closures", api_place_closure, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/places/{id}/resources", api_resources_list, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/places/{id}/resources", api_resource_create, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/places/{id}/availability", api_availability, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/bookings", api_bookings_list, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/bookings", api_booking_create, ROUTE_AUTH},
	{HTTP_PATCH, "/api/v1/bookings/{id}", api_booking_move, ROUTE_AUTH},
	{HTTP_DELETE, "/api/v1/bookings/{id}", api_booking_cancel, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/bookings/{id}/check-in", api_booking_check_in, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/bookings/{id}/approve", api_booking_approve, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/bookings/{id}/refuse", api_booking_refuse, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/waits", api_waits_list, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/waits", api_wait_create, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/waits/{id}/accept", api_wait_accept, ROUTE_AUTH},
	{HTTP_PUT, "/api/v1/quotas", api_quota_set, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/quotas/mine", api_quota_mine, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/sessions", api_sessions_list, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/sessions", api_session_create, ROUTE_AUTH},
	{HTTP_DELETE, "/api/v1/sessions/{id}", api_session_cancel, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/sessions/{id}/registrations", api_session_registrations, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/public/sessions", api_public_sessions, ROUTE_PUBLIC},
	{HTTP_POST, "/api/v1/public/sessions/{id}/registrations", api_public_register, ROUTE_NO_CSRF},
	{HTTP_POST, "/api/v1/public/registrations/cancel", api_public_unregister, ROUTE_NO_CSRF},
	{HTTP_GET, "/api/v1/public/cooperatives/{id}/referrers", api_referrers_list, ROUTE_PUBLIC},
	{HTTP_POST, "/api/v1/cooperatives/{id}/referrers", api_referrer_add, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/cooperatives/{id}/path", api_path_get, ROUTE_AUTH},
	{HTTP_PUT, "/api/v1/cooperatives/{id}/path", api_path_set, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/newcomers", api_newcomers_list, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/newcomers", api_newcomer_create, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/newcomers/stats.csv", api_newcomer_stats, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/newcomers/{id}", api_newcomer_get, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/newcomers/{id}/steps", api_newcomer_get, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/newcomers/{id}/steps", api_newcomer_step, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/newcomers/{id}/orientation", api_newcomer_orient, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/newcomers/{id}/documents", api_newcomer_document_add, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/newcomers/{id}/documents/{doc}", api_newcomer_document_get, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/places/{id}/photo", api_place_photo_get, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/places/{id}/photo", api_place_photo_set, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/calendar-feeds", api_feed_create, ROUTE_AUTH},
	{HTTP_DELETE, "/api/v1/calendar-feeds/{id}", api_feed_revoke, ROUTE_AUTH},
	{HTTP_GET, "/calendar.ics", api_feed_get, ROUTE_PUBLIC},
	{0, NULL, NULL, 0},
};
