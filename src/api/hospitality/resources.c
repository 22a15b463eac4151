/*
 * resources.c — the resources of a place (/api/v1/places/{id}/resources,
 * /api/v1/resources/{id}) and the place's free intervals
 * (/api/v1/places/{id}/availability).
 */
#include "api/hospitality/api_hospitality_internal.h"

/* GET /api/v1/places/{id}/resources */
static void api_resources_list(request *rq, response *rs)
{
	place p;
	bg_error err;
	if (place_get(rq->db, rq->person_id, rq_param_id(rq, 0), &p, &err) != BG_OK) {
		reply_fail(rq, rs, BG_ERR_NOT_FOUND, "not_found", "place_id", N_("This place does not exist."));
		return;
	}
	resource *r = NULL;
	size_t n = 0;
	if (resource_list(rq->db, &rq->arena, rq->person_id, p.id, &r, &n, &err) != BG_OK) {
		reply_error(rq, rs, &err);
		return;
	}
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
	if (!api_hosp_copy_string(rq, rs, body, "name", true, r.name, sizeof r.name) ||
	    !api_hosp_copy_string(rq, rs, body, "kind", true, r.kind, sizeof r.kind) ||
	    !api_hosp_int(rq, rs, body, "capacity", false, &r.capacity) ||
	    !api_hosp_int(rq, rs, body, "min_notice_min", false, &r.min_notice_min) ||
	    !api_hosp_int(rq, rs, body, "max_duration_min", false, &r.max_duration_min) ||
	    !api_hosp_int(rq, rs, body, "buffer_min", false, &r.buffer_min) ||
	    !api_hosp_int(rq, rs, body, "needs_approval", false, &approval)) {
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
	if (db_begin(rq->db, DB_WRITE, &err) != BG_OK ||
	    resource_get(rq->db, rq->person_id, rq_param_id(rq, 0), &r, &err) != BG_OK) {
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
	if (!api_hosp_copy_string(rq, rs, body, "name", false, r.name, sizeof r.name) ||
	    !api_hosp_copy_string(rq, rs, body, "kind", false, r.kind, sizeof r.kind) ||
	    !api_hosp_int(rq, rs, body, "capacity", false, &r.capacity) ||
	    !api_hosp_int(rq, rs, body, "min_notice_min", false, &r.min_notice_min) ||
	    !api_hosp_int(rq, rs, body, "max_duration_min", false, &r.max_duration_min) ||
	    !api_hosp_int(rq, rs, body, "buffer_min", false, &r.buffer_min) ||
	    !api_hosp_flag(rq, rs, body, "needs_approval", &r.needs_approval)) {
		db_rollback(rq->db);
		json_decref(body);
		return;
	}
	json_decref(body);
	if (resource_update(rq->db, rq->person_id, &r, &clash, &err) != BG_OK) {
		if (err.status == BG_ERR_CONFLICT)
			api_hosp_clash(rq, rs, &err, &clash);
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
	    resource_archive(rq->db, rq->person_id, rq_param_id(rq, 0), api_hosp_cancel_bookings(rq), rq_base_url(rq),
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
	api_hosp_time(c->b, "starts_at", s);
	buf_putc(c->b, ',');
	api_hosp_time(c->b, "ends_at", e);
	buf_putc(c->b, '}');
}

/* GET /api/v1/places/{id}/availability?from=&to= */
static void api_availability(request *rq, response *rs)
{
	place p;
	bg_error err;
	if (place_get(rq->db, rq->person_id, rq_param_id(rq, 0), &p, &err) != BG_OK) {
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
	api_hosp_time(b, "from", from);
	buf_puts(b, ",");
	api_hosp_time(b, "to", to);
	buf_puts(b, ",\"resources\":[");
	buf_append(b, tmp.data, tmp.len);
	buf_puts(b, "]}");
	buf_free(&tmp);
}

const route api_hosp_resources_routes[] = {
	{HTTP_PATCH, "/api/v1/resources/{id}", api_resource_patch, ROUTE_AUTH},
	{HTTP_DELETE, "/api/v1/resources/{id}", api_resource_archive, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/places/{id}/resources", api_resources_list, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/places/{id}/resources", api_resource_create, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/places/{id}/availability", api_availability, ROUTE_AUTH},
	{0, NULL, NULL, 0},
};
