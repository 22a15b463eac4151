/*
 * resources.c — the resources of a place (/api/v1/places/{id}/resources,
 * /api/v1/resources/{id}) and the place's free intervals
 * (/api/v1/places/{id}/availability).
 */
#include "api/hospitality/api_hospitality_internal.h"

/* One row of the list of api_resources_list_op. */
static void api_resources_list_item(buf *b, const void *rows, size_t i)
{
	const resource *v = rows;
	buf_printf(b, "{\"id\":%lld,\"parent_id\":%lld,\"name\":", (long long)v[i].id, (long long)v[i].parent_id);
	json_put_string(b, v[i].name);
	api_str(b, "kind", v[i].kind);
	buf_printf(b, ",\"capacity\":%lld,\"min_notice_min\":%lld,\"max_duration_min\":%lld,"
		      "\"buffer_min\":%lld,\"needs_approval\":%s}",
		   (long long)v[i].capacity, (long long)v[i].min_notice_min, (long long)v[i].max_duration_min,
		   (long long)v[i].buffer_min, v[i].needs_approval ? "true" : "false");
}

/* GET /api/v1/places/{id}/resources */
API_OP(api_resources_list, API_PLAIN, api_resources_list_op)
{
	request *rq = r->rq;
	place p;
	if (place_get(rq->db, rq->person_id, r->id, &p, err) != BG_OK)
		return bg_fail(err, BG_ERR_NOT_FOUND, "not_found", "place_id", N_("This place does not exist."));
	resource *v = NULL;
	size_t n = 0;
	bg_status st = resource_list(rq->db, &rq->arena, rq->person_id, p.id, &v, &n, err);
	return api_list(r, st, "resources", api_resources_list_item, v, n, NULL, 0);
}

/* POST /api/v1/places/{id}/resources */
API_OP(api_resource_create, API_BODY, api_resource_create_op)
{
	json_t *body = r->body;
	resource res;
	resource_defaults(&res);
	res.place_id = r->id;
	int approval = 0;
	int64_t parent = 0;
	bg_status st;
	if ((st = api_hosp_copy_string(body, "name", true, res.name, sizeof res.name, err)) != BG_OK ||
	    (st = api_hosp_copy_string(body, "kind", true, res.kind, sizeof res.kind, err)) != BG_OK ||
	    (st = api_hosp_int(body, "capacity", false, &res.capacity, err)) != BG_OK ||
	    (st = api_hosp_int(body, "min_notice_min", false, &res.min_notice_min, err)) != BG_OK ||
	    (st = api_hosp_int(body, "max_duration_min", false, &res.max_duration_min, err)) != BG_OK ||
	    (st = api_hosp_int(body, "buffer_min", false, &res.buffer_min, err)) != BG_OK ||
	    (st = api_hosp_int(body, "needs_approval", false, &approval, err)) != BG_OK ||
	    (st = json_get_int(body, "parent_id", false, &parent, err)) != BG_OK)
		return st;
	res.parent_id = parent;
	res.needs_approval = approval != 0;
	st = resource_create(r->rq->db, r->rq->person_id, &res, err);
	return api_created(r, st, res.id);
}

/* PATCH /api/v1/resources/{id} {name?, kind?, capacity?, parent_id? (0 or
 * null: none), min_notice_min?, max_duration_min?, buffer_min?,
 * needs_approval?} — partial; managers of its place.  A capacity below the
 * bookings to come: 409 capacity_below_bookings with error.clash. */
API_OP(api_resource_patch, API_BODY, api_resource_patch_op)
{
	json_t *body = r->body;
	resource res;
	booking_clash clash = {0};
	bg_status st = resource_get(r->rq->db, r->rq->person_id, r->id, &res, err);
	if (st != BG_OK)
		return st;
	json_t *jp = json_object_get(body, "parent_id");
	if (jp && !json_is_null(jp) && !json_is_integer(jp))
		return bg_fail(err, BG_ERR_INVALID, "invalid_parent", "parent_id",
			       N_("The parent must be a resource of the same place, itself without a parent."));
	if (jp)
		res.parent_id = json_is_integer(jp) ? json_integer_value(jp) : 0;
	if ((st = api_hosp_copy_string(body, "name", false, res.name, sizeof res.name, err)) != BG_OK ||
	    (st = api_hosp_copy_string(body, "kind", false, res.kind, sizeof res.kind, err)) != BG_OK ||
	    (st = api_hosp_int(body, "capacity", false, &res.capacity, err)) != BG_OK ||
	    (st = api_hosp_int(body, "min_notice_min", false, &res.min_notice_min, err)) != BG_OK ||
	    (st = api_hosp_int(body, "max_duration_min", false, &res.max_duration_min, err)) != BG_OK ||
	    (st = api_hosp_int(body, "buffer_min", false, &res.buffer_min, err)) != BG_OK ||
	    (st = api_hosp_flag(body, "needs_approval", &res.needs_approval, err)) != BG_OK)
		return st;
	st = resource_update(r->rq->db, r->rq->person_id, &res, &clash, err);
	if (st == BG_ERR_CONFLICT || (st != BG_OK && err->status == BG_ERR_CONFLICT))
		return api_hosp_clash(r, st, err, &clash);
	if (st != BG_OK)
		return st;
	buf *b = api_json(r, 200);
	buf_printf(b, "{\"id\":%lld,\"place_id\":%lld,\"parent_id\":%lld,\"name\":", (long long)res.id,
		   (long long)res.place_id, (long long)res.parent_id);
	json_put_string(b, res.name);
	api_str(b, "kind", res.kind);
	buf_printf(b, ",\"capacity\":%d,\"min_notice_min\":%d,\"max_duration_min\":%d,\"buffer_min\":%d,"
		      "\"needs_approval\":%s}",
		   res.capacity, res.min_notice_min, res.max_duration_min, res.buffer_min,
		   res.needs_approval ? "true" : "false");
	return BG_OK;
}

/* DELETE /api/v1/resources/{id}[?cancel_bookings=1] — archives it; 409
 * bookings_to_come (error.remaining) unless asked to cancel them, 409
 * has_children while resources inside it remain. */
API_OP(api_resource_archive, API_MAIL, api_resource_archive_op)
{
	int remaining = 0;
	bg_status st = resource_archive(r->rq->db, r->rq->person_id, r->id, api_hosp_cancel_bookings(r->rq),
					rq_base_url(r->rq), &remaining, err);
	api_no_content(r, st);
	return api_hosp_archive_refused(r, st, err, remaining);
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

/* Reads the bound `name` of the availability (?from=, ?to=) in zone tz:
 * an instant, or a date (its start; the day after for the end); a 400
 * naming it otherwise. */
static bg_status api_avail_bound(request *rq, const char *name, const char *tz, bool end, int64_t *out,
				 bg_error *err)
{
	const char *v = rq_query(rq, name);
	int y, m, d;
	if (v && hosp_parse_instant(v, tz, out))
		return BG_OK;
	if (v && date_parse(v, &y, &m, &d)) {
		*out = tz_local_to_utc(tz, date_to_days(y, m, d) + (end ? 1 : 0), 0);
		return BG_OK;
	}
	return bg_fail(err, BG_ERR_INVALID, "invalid_time", name, N_("Give a date like 2026-12-01."));
}

/* GET /api/v1/places/{id}/availability?from=&to= */
API_OP(api_availability, API_PLAIN, api_availability_op)
{
	request *rq = r->rq;
	place p;
	int64_t from, to;
	bg_status st = place_get(rq->db, rq->person_id, r->id, &p, err);
	if (st == BG_OK)
		st = api_avail_bound(rq, "from", p.timezone, false, &from, err);
	if (st == BG_OK)
		st = api_avail_bound(rq, "to", p.timezone, true, &to, err);
	if (st != BG_OK)
		return st;
	buf tmp;
	buf_init(&tmp);
	avail_ctx c = {.b = &tmp};
	st = place_availability(rq->db, rq->person_id, p.id, from, to, api_avail_emit, &c, err);
	if (st == BG_OK) {
		if (c.last)
			buf_puts(&tmp, "]}");
		buf *b = api_json(r, 200);
		buf_printf(b, "{\"place_id\":%lld,\"timezone\":", (long long)p.id);
		json_put_string(b, p.timezone);
		buf_puts(b, ",");
		api_hosp_time(b, "from", from);
		buf_puts(b, ",");
		api_hosp_time(b, "to", to);
		buf_puts(b, ",\"resources\":[");
		buf_append(b, tmp.data, tmp.len);
		buf_puts(b, "]}");
	}
	buf_free(&tmp);
	return st;
}

const route api_hosp_resources_routes[] = {
	{HTTP_PATCH, "/api/v1/resources/{id}", api_resource_patch, ROUTE_AUTH},
	{HTTP_DELETE, "/api/v1/resources/{id}", api_resource_archive, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/places/{id}/resources", api_resources_list, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/places/{id}/resources", api_resource_create, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/places/{id}/availability", api_availability, ROUTE_AUTH},
	{0, NULL, NULL, 0},
};
