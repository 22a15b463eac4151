/*
 * places.c — the JSON face of places (/api/v1/places…): the list, one
 * place, creating, changing (PATCH, partial, one transaction) and
 * archiving one, and its photo.
 */
#include "api/hospitality/api_hospitality_internal.h"

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
	if (place_summary_list(rq->db, &rq->arena, rq->person_id, territory, city, kind, &ps, &n, &err) != BG_OK) {
		reply_error(rq, rs, &err);
		return;
	}
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
	if (place_summary_get(rq->db, &rq->arena, rq->person_id, rq_param_id(rq, 0), false, &ps, &err) == BG_OK) {
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
	if (!api_hosp_copy_string(rq, rs, body, "name", true, p.name, sizeof p.name) ||
	    !api_hosp_copy_string(rq, rs, body, "owner_type", false, p.owner_type, sizeof p.owner_type) ||
	    !api_hosp_copy_string(rq, rs, body, "address", false, p.address, sizeof p.address) ||
	    !api_hosp_copy_string(rq, rs, body, "postcode", false, p.postcode, sizeof p.postcode) ||
	    !api_hosp_copy_string(rq, rs, body, "city", false, p.city, sizeof p.city) ||
	    !api_hosp_copy_string(rq, rs, body, "territory", false, p.territory, sizeof p.territory) ||
	    !api_hosp_copy_string(rq, rs, body, "timezone", false, p.timezone, sizeof p.timezone) ||
	    !api_hosp_copy_string(rq, rs, body, "accessibility", false, p.accessibility, sizeof p.accessibility) ||
	    !api_hosp_int(rq, rs, body, "restricted", false, &restricted) ||
	    !api_hosp_int(rq, rs, body, "cancel_deadline_min", false, &p.cancel_deadline_min) ||
	    !api_hosp_int(rq, rs, body, "checkin_release_min", false, &p.checkin_release_min) ||
	    !api_hosp_int(rq, rs, body, "offer_minutes", false, &p.offer_minutes)) {
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
	if (db_begin(rq->db, DB_WRITE, &err) != BG_OK || place_get(rq->db, rq->person_id, id, &p, &err) != BG_OK) {
		json_decref(body);
		api_fail(rq, rs, &err);
		return;
	}
	if (fields && (!api_hosp_copy_string(rq, rs, body, "name", false, p.name, sizeof p.name) ||
		       !api_hosp_copy_string(rq, rs, body, "address", false, p.address, sizeof p.address) ||
		       !api_hosp_copy_string(rq, rs, body, "postcode", false, p.postcode, sizeof p.postcode) ||
		       !api_hosp_copy_string(rq, rs, body, "city", false, p.city, sizeof p.city) ||
		       !api_hosp_copy_string(rq, rs, body, "territory", false, p.territory, sizeof p.territory) ||
		       !api_hosp_copy_string(rq, rs, body, "timezone", false, p.timezone, sizeof p.timezone) ||
		       !api_hosp_copy_string(rq, rs, body, "accessibility", false, p.accessibility, sizeof p.accessibility) ||
		       !api_hosp_flag(rq, rs, body, "restricted", &p.restricted) ||
		       !api_hosp_int(rq, rs, body, "cancel_deadline_min", false, &p.cancel_deadline_min) ||
		       !api_hosp_int(rq, rs, body, "checkin_release_min", false, &p.checkin_release_min) ||
		       !api_hosp_int(rq, rs, body, "offer_minutes", false, &p.offer_minutes))) {
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
	if (place_summary_get(rq->db, &rq->arena, rq->person_id, id, true, &ps, &err) == BG_OK)
		api_place_json(reply_json(rs, 200), &ps);
	else
		reply_fail(rq, rs, BG_ERR_DB, "db_error", NULL, N_("The change could not be saved."));
}

/* DELETE /api/v1/places/{id}[?cancel_bookings=1] — archives the place and
 * its resources; 409 bookings_to_come (error.remaining) unless asked to
 * cancel them (their bookers are mailed). */
static void api_place_archive(request *rq, response *rs)
{
	bg_error err;
	int remaining = 0;
	if (db_begin(rq->db, DB_WRITE, &err) != BG_OK ||
	    place_archive(rq->db, rq->person_id, rq_param_id(rq, 0), api_hosp_cancel_bookings(rq), rq_base_url(rq),
			  &remaining, &err) != BG_OK) {
		if (err.status == BG_ERR_CONFLICT)
			api_hosp_archive_refused(rq, rs, &err, remaining);
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

const route api_hosp_places_routes[] = {
	{HTTP_GET, "/api/v1/places", api_places_list, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/places", api_place_create, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/places/{id}", api_place_get, ROUTE_AUTH},
	{HTTP_PATCH, "/api/v1/places/{id}", api_place_patch, ROUTE_AUTH},
	{HTTP_DELETE, "/api/v1/places/{id}", api_place_archive, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/places/{id}/photo", api_place_photo_get, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/places/{id}/photo", api_place_photo_set, ROUTE_AUTH},
	{0, NULL, NULL, 0},
};
