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
	api_str(b, "owner_type", p->owner_type);
	buf_printf(b, ",\"owner_id\":%lld,\"address\":", (long long)p->owner_id);
	json_put_string(b, p->address);
	api_str(b, "postcode", p->postcode);
	api_str(b, "city", p->city);
	api_str(b, "territory", p->territory);
	api_str(b, "timezone", p->timezone);
	api_str(b, "accessibility", p->accessibility);
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

/* Reads latitude and longitude, both or neither (*given: one of them is
 * in the body). */
static bg_status api_position(json_t *body, bool *given, bool *has, int64_t *lat, int64_t *lon, bg_error *err)
{
	char t1[48], t2[48];
	*given = json_object_get(body, "latitude") || json_object_get(body, "longitude");
	return geo_parse_position(api_coordinate(body, "latitude", t1, sizeof t1),
				  api_coordinate(body, "longitude", t2, sizeof t2), has, lat, lon, err);
}

/* One row of the list of api_places_list_op. */
static void api_places_list_item(buf *b, const void *rows, size_t i)
{
	const place_summary *ps = rows;
	api_place_json(b, &ps[i]);
}

/* GET /api/v1/places?territory=&city=&kind= */
API_OP(api_places_list, API_PLAIN, api_places_list_op)
{
	request *rq = r->rq;
	if (!place_is_member(rq->db, rq->person_id))
		return bg_fail(err, BG_ERR_FORBIDDEN, "not_a_member", NULL, N_("Only members of the group may do this."));
	const char *territory = rq_query(rq, "territory"), *city = rq_query(rq, "city");
	const char *kind = rq_query(rq, "kind");
	place_summary *ps = NULL;
	size_t n = 0;
	bg_status st = place_summary_list(rq->db, &rq->arena, rq->person_id, territory, city, kind, &ps, &n, err);
	return api_list(r, st, "places", api_places_list_item, ps, n, NULL, -1);
}

/* GET /api/v1/places/{id} (a place one may not see does not exist) */
API_OP(api_place_get, API_PLAIN, api_place_get_op)
{
	place_summary ps;
	if (!place_is_member(r->rq->db, r->rq->person_id) ||
	    place_summary_get(r->rq->db, &r->rq->arena, r->rq->person_id, r->id, false, &ps, err) != BG_OK)
		return bg_fail(err, BG_ERR_NOT_FOUND, "not_found", NULL, N_("This place does not exist."));
	api_place_json(api_json(r, 200), &ps);
	return BG_OK;
}

/* The 400 of opening hours that are not a list of {weekday, opens, closes}. */
static bg_status api_hours_invalid(bg_error *err)
{
	return bg_fail(err, BG_ERR_INVALID, "invalid_hours", "hours",
		       N_("Opening hours must close after they open, within the day."));
}

/* POST /api/v1/places {name, owner_type, owner_id, address…, hours:[{weekday, opens, closes}]} */
API_OP(api_place_create, API_BODY, api_place_create_op)
{
	json_t *body = r->body;
	place p;
	place_defaults(&p);
	int64_t owner = 0;
	int restricted = 0;
	bool given;
	bg_status st;
	if ((st = api_hosp_copy_string(body, "name", true, p.name, sizeof p.name, err)) != BG_OK ||
	    (st = api_hosp_copy_string(body, "owner_type", false, p.owner_type, sizeof p.owner_type, err)) != BG_OK ||
	    (st = api_hosp_copy_string(body, "address", false, p.address, sizeof p.address, err)) != BG_OK ||
	    (st = api_hosp_copy_string(body, "postcode", false, p.postcode, sizeof p.postcode, err)) != BG_OK ||
	    (st = api_hosp_copy_string(body, "city", false, p.city, sizeof p.city, err)) != BG_OK ||
	    (st = api_hosp_copy_string(body, "territory", false, p.territory, sizeof p.territory, err)) != BG_OK ||
	    (st = api_hosp_copy_string(body, "timezone", false, p.timezone, sizeof p.timezone, err)) != BG_OK ||
	    (st = api_hosp_copy_string(body, "accessibility", false, p.accessibility, sizeof p.accessibility, err)) != BG_OK ||
	    (st = api_hosp_int(body, "restricted", false, &restricted, err)) != BG_OK ||
	    (st = api_hosp_int(body, "cancel_deadline_min", false, &p.cancel_deadline_min, err)) != BG_OK ||
	    (st = api_hosp_int(body, "checkin_release_min", false, &p.checkin_release_min, err)) != BG_OK ||
	    (st = api_hosp_int(body, "offer_minutes", false, &p.offer_minutes, err)) != BG_OK ||
	    (st = json_get_int(body, "owner_id", true, &owner, err)) != BG_OK ||
	    (st = api_position(body, &given, &p.has_position, &p.latitude_e6, &p.longitude_e6, err)) != BG_OK)
		return st;
	p.owner_id = owner;
	p.restricted = restricted != 0;
	place_hours hours[28];
	int nh = 0;
	json_t *jh = json_object_get(body, "hours");
	if (jh && (!json_is_array(jh) || json_array_size(jh) > 28))
		return api_hours_invalid(err);
	for (size_t i = 0; jh && i < json_array_size(jh); i++) {
		json_t *o = json_array_get(jh, i);
		const char *opens = json_string_value(json_object_get(o, "opens"));
		const char *closes = json_string_value(json_object_get(o, "closes"));
		json_int_t wd = json_integer_value(json_object_get(o, "weekday"));
		if (!json_is_object(o) || !hosp_parse_hhmm(opens, &hours[nh].opens) ||
		    !hosp_parse_hhmm(closes, &hours[nh].closes))
			return api_hours_invalid(err);
		hours[nh++].weekday = (int)wd;
	}
	st = place_create(r->rq->db, r->rq->person_id, &p, hours, nh, err);
	return api_created(r, st, p.id);
}

/* The fields of a place PATCH may change (besides latitude/longitude). */
static const char *const place_patch_fields[] = {"name", "address", "postcode", "city", "territory", "timezone",
						 "accessibility", "restricted", "cancel_deadline_min",
						 "checkin_release_min", "offer_minutes", NULL};

/* Reads the fields of a place PATCH that are given into p. */
static bg_status api_place_patch_read(json_t *body, place *p, bg_error *err)
{
	bg_status st;
	if ((st = api_hosp_copy_string(body, "name", false, p->name, sizeof p->name, err)) != BG_OK ||
	    (st = api_hosp_copy_string(body, "address", false, p->address, sizeof p->address, err)) != BG_OK ||
	    (st = api_hosp_copy_string(body, "postcode", false, p->postcode, sizeof p->postcode, err)) != BG_OK ||
	    (st = api_hosp_copy_string(body, "city", false, p->city, sizeof p->city, err)) != BG_OK ||
	    (st = api_hosp_copy_string(body, "territory", false, p->territory, sizeof p->territory, err)) != BG_OK ||
	    (st = api_hosp_copy_string(body, "timezone", false, p->timezone, sizeof p->timezone, err)) != BG_OK ||
	    (st = api_hosp_copy_string(body, "accessibility", false, p->accessibility, sizeof p->accessibility, err)) != BG_OK ||
	    (st = api_hosp_flag(body, "restricted", &p->restricted, err)) != BG_OK ||
	    (st = api_hosp_int(body, "cancel_deadline_min", false, &p->cancel_deadline_min, err)) != BG_OK ||
	    (st = api_hosp_int(body, "checkin_release_min", false, &p->checkin_release_min, err)) != BG_OK)
		return st;
	return api_hosp_int(body, "offer_minutes", false, &p->offer_minutes, err);
}

/* PATCH /api/v1/places/{id} {name?, address?, postcode?, city?, territory?,
 * timezone?, accessibility?, restricted?, cancel_deadline_min?,
 * checkin_release_min?, offer_minutes?, latitude?, longitude?} — partial:
 * the fields given change, the others stay; managers only; one transaction
 * (an error on any field writes nothing). */
API_OP(api_place_patch, API_BODY, api_place_patch_op)
{
	request *rq = r->rq;
	json_t *body = r->body;
	bool given, has;
	int64_t lat = 0, lon = 0;
	bg_status st = api_position(body, &given, &has, &lat, &lon, err);
	if (st != BG_OK)
		return st;
	bool fields = false;
	for (int i = 0; place_patch_fields[i]; i++)
		fields |= json_object_get(body, place_patch_fields[i]) != NULL;
	if (!given && !fields)
		return bg_fail(err, BG_ERR_INVALID, "missing_field", "latitude", N_("Give at least one field to change."));
	place p;
	st = place_get(rq->db, rq->person_id, r->id, &p, err);
	if (st == BG_OK && fields)
		st = api_place_patch_read(body, &p, err);
	if (st == BG_OK && fields)
		st = place_update(rq->db, rq->person_id, &p, err);
	if (st == BG_OK && given)
		st = place_set_position(rq->db, rq->person_id, r->id, has, lat, lon, err);
	if (st != BG_OK)
		return st;
	place_summary ps;
	if (place_summary_get(rq->db, &rq->arena, rq->person_id, r->id, true, &ps, err) != BG_OK)
		return bg_fail(err, BG_ERR_DB, "db_error", NULL, N_("The change could not be saved."));
	api_place_json(api_json(r, 200), &ps);
	return BG_OK;
}

/* DELETE /api/v1/places/{id}[?cancel_bookings=1] — archives the place and
 * its resources; 409 bookings_to_come (error.remaining) unless asked to
 * cancel them (their bookers are mailed). */
API_OP(api_place_archive, API_MAIL, api_place_archive_op)
{
	int remaining = 0;
	bg_status st = place_archive(r->rq->db, r->rq->person_id, r->id, api_hosp_cancel_bookings(r->rq),
				     rq_base_url(r->rq), &remaining, err);
	api_no_content(r, st);
	return api_hosp_archive_refused(r, st, err, remaining);
}

/* GET /api/v1/places/{id}/photo — the photo, with its ETag (the server
 * answers 304 when the browser has it). */
API_OP(api_place_photo_get, API_PLAIN, api_place_photo_get_op)
{
	request *rq = r->rq;
	response *rs = r->rs;
	hosp_file file;
	bg_status st = place_photo_read(rq->db, rq->person_id, r->id, true, &file, err);
	if (st == BG_OK) {
		rs_header(rq, rs, "ETag", arena_strdup(&rq->arena, file.etag));
		rs_header(rq, rs, "Cache-Control", "private, max-age=86400, must-revalidate");
		rs->status = 200;
		rs->content_type = arena_strdup(&rq->arena, file.content_type);
		buf_reset(&rs->body);
		buf_append(&rs->body, file.data.data, file.data.len);
	}
	buf_free(&file.data);
	return st;
}

/* POST /api/v1/places/{id}/photo — multipart/form-data with photo (the
 * file) and alt (its alternative text). */
API_OP(api_place_photo_set, API_PLAIN, api_place_photo_set_op)
{
	request *rq = r->rq;
	const form *f = rq_form(rq, err);
	if (!f)
		return err->status;
	const multipart_file *file = rq_file(rq, "photo");
	bg_status st = place_photo_set(rq->db, rq->person_id, r->id, file ? file->data : NULL, file ? file->size : 0,
				       form_get(f, "alt"), err);
	if (st == BG_OK)
		buf_printf(api_json(r, 200), "{\"url\":\"/api/v1/places/%lld/photo\"}", (long long)r->id);
	return st;
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
