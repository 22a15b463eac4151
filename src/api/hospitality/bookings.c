/*
 * bookings.c — bookings (/api/v1/bookings…: one or a repeated series,
 * moving, cancelling, checking in, approving or refusing), waits
 * (/api/v1/waits…) and quotas (/api/v1/quotas…).  A booking that clashes
 * answers 409 with the clashing slot in error.clash.
 */
#include "api/hospitality/api_hospitality_internal.h"

typedef struct skip_ctx {
	buf b;
	int n;
} skip_ctx;

static void api_skip(void *arg, int64_t s, int64_t e, const bg_error *why, const booking_clash *c)
{
	skip_ctx *k = arg;
	buf_printf(&k->b, "%s{", k->n++ ? "," : "");
	api_hosp_time(&k->b, "starts_at", s);
	if (e) {
		buf_putc(&k->b, ',');
		api_hosp_time(&k->b, "ends_at", e);
	}
	buf_puts(&k->b, ",\"reason\":");
	json_put_string(&k->b, why->code);
	if (c && c->resource_id) {
		buf_printf(&k->b, ",\"clash\":{\"resource_id\":%lld,", (long long)c->resource_id);
		api_hosp_time(&k->b, "starts_at", c->starts_at);
		buf_putc(&k->b, ',');
		api_hosp_time(&k->b, "ends_at", c->ends_at);
		buf_putc(&k->b, '}');
	}
	buf_putc(&k->b, '}');
}

/* Reads the starts_at and ends_at of body in the zone of the place of
 * resource rid (a resource one may not see: its error). */
static bg_status api_slot_read(request *rq, json_t *body, int64_t rid, resource *res, int64_t *s, int64_t *e,
			       bg_error *err)
{
	place p;
	bg_status st = resource_get(rq->db, rq->person_id, rid, res, err);
	if (st == BG_OK)
		st = place_get(rq->db, rq->person_id, res->place_id, &p, err);
	if (st == BG_OK)
		st = api_hosp_get_time(body, "starts_at", p.timezone, s, err);
	if (st == BG_OK)
		st = api_hosp_get_time(body, "ends_at", p.timezone, e, err);
	return st;
}

/* POST /api/v1/bookings {resource_id, starts_at, ends_at, note?, cooperative_id?,
 * repeat?: "week"|"month", until?: "YYYY-MM-DD"}: one booking, or a
 * series with the occurrences skipped and why. */
API_OP(api_booking_create, API_ONCE, api_booking_create_op)
{
	request *rq = r->rq;
	json_t *body = r->body;
	booking_input in = {.base_url = rq_base_url(rq)};
	resource res;
	bg_status st;
	if ((st = json_get_int(body, "resource_id", true, &in.resource_id, err)) != BG_OK ||
	    (st = json_get_int(body, "cooperative_id", false, &in.cooperative_id, err)) != BG_OK ||
	    (st = json_get_string(body, "note", false, 500, &in.note, err)) != BG_OK ||
	    (st = json_get_string(body, "repeat", false, 10, &in.repeat, err)) != BG_OK ||
	    (st = json_get_string(body, "until", false, 10, &in.until, err)) != BG_OK ||
	    (st = api_slot_read(rq, body, in.resource_id, &res, &in.starts_at, &in.ends_at, err)) != BG_OK)
		return st;
	booking_clash clash = {0};
	if (!in.repeat) {
		int64_t id = 0;
		st = booking_create(rq->db, rq->person_id, &in, &id, &clash, err);
		if (st != BG_OK)
			return api_hosp_clash(r, st, err, &clash);
		buf *b = api_json(r, 201);
		buf_printf(b, "{\"id\":%lld,\"status\":\"%s\",", (long long)id, res.needs_approval ? "pending" : "confirmed");
		api_hosp_time(b, "starts_at", in.starts_at);
		buf_putc(b, ',');
		api_hosp_time(b, "ends_at", in.ends_at);
		buf_putc(b, '}');
		return BG_OK;
	}
	int64_t series = 0, ids[800];
	int count = 0;
	skip_ctx k = {.n = 0};
	buf_init(&k.b);
	st = booking_create_series(rq->db, rq->person_id, &in, &series, ids, 800, &count, api_skip, &k, &clash, err);
	if (st == BG_OK) {
		buf *b = api_json(r, 201);
		buf_printf(b, "{\"series_id\":%lld,\"bookings\":[", (long long)series);
		for (int i = 0; i < count && i < 800; i++)
			buf_printf(b, "%s%lld", i ? "," : "", (long long)ids[i]);
		buf_puts(b, "],\"skipped\":[");
		buf_append(b, k.b.data ? k.b.data : "", k.b.len);
		buf_puts(b, "]}");
	}
	buf_free(&k.b);
	return api_hosp_clash(r, st, err, &clash);
}

/* One row of the list of api_bookings_list_op. */
static void api_bookings_list_item(buf *b, const void *rows, size_t i)
{
	const booking_mine_row *v = rows;
	buf_printf(b, "{\"id\":%lld,\"resource_id\":%lld,\"resource\":", (long long)v[i].id, (long long)v[i].resource_id);
	json_put_string(b, v[i].resource);
	buf_printf(b, ",\"place_id\":%lld,\"place\":", (long long)v[i].place_id);
	json_put_string(b, v[i].place);
	buf_putc(b, ',');
	api_hosp_time(b, "starts_at", v[i].starts_at);
	buf_putc(b, ',');
	api_hosp_time(b, "ends_at", v[i].ends_at);
	api_str(b, "status", v[i].status);
	buf_printf(b, ",\"sequence\":%lld,\"checked_in\":%s}", (long long)v[i].sequence,
		   v[i].checked_in ? "true" : "false");
}

/* GET /api/v1/bookings — mine, upcoming first (?past=1 for the last 90 days too) */
API_OP(api_bookings_list, API_PLAIN, api_bookings_list_op)
{
	request *rq = r->rq;
	int64_t since = rq_query(rq, "past") ? date_now() - 90 * 86400 : date_now() - 86400;
	booking_mine_row *v = NULL;
	api_paging pg;
	bg_status st = api_paging_get(rq, &pg, err);
	if (st == BG_OK)
		st = booking_list_mine(rq->db, &rq->arena, rq->person_id, since, false, pg.limit, pg.offset, &v, &pg.n,
				       &pg.total, err);
	return api_page(r, st, "bookings", api_bookings_list_item, v, &pg);
}

/* DELETE /api/v1/bookings/{id} */
API_OP(api_booking_cancel, API_MAIL, api_booking_cancel_op)
{
	bg_status st = booking_cancel(r->rq->db, r->rq->person_id, r->id, rq_base_url(r->rq), err);
	return api_no_content(r, st);
}

/* PATCH /api/v1/bookings/{id} {starts_at, ends_at} — move */
API_OP(api_booking_move, API_BODY_MAIL, api_booking_move_op)
{
	request *rq = r->rq;
	int64_t rid = 0, s, e;
	resource res;
	bg_status st = booking_resource_of(rq->db, rq->person_id, r->id, &rid, err);
	if (st == BG_ERR_DB)
		return st;
	if (st == BG_OK)
		st = api_slot_read(rq, r->body, rid, &res, &s, &e, err);
	if (st != BG_OK && err->status != BG_ERR_INVALID)
		return bg_fail(err, BG_ERR_NOT_FOUND, "not_found", "booking_id", N_("This booking does not exist."));
	booking_clash clash = {0};
	if (st == BG_OK)
		st = booking_move(rq->db, rq->person_id, r->id, s, e, rq_base_url(rq), &clash, err);
	api_status(r, st, 200, "moved");
	return api_hosp_clash(r, st, err, &clash);
}

/* The actions on a booking, the route's ctx pointing to one. */
enum { API_CHECK_IN, API_APPROVE, API_REFUSE };
static const int api_booking_actions[] = {API_CHECK_IN, API_APPROVE, API_REFUSE};

/* POST /api/v1/bookings/{id}/check-in, /approve, /refuse */
static bg_status api_booking_action_op(api_req *r, bg_error *err)
{
	int what = *(const int *)r->ctx;
	bg_status st = what == API_CHECK_IN
			       ? booking_check_in(r->rq->db, r->rq->person_id, r->id, err)
			       : booking_decide(r->rq->db, r->rq->person_id, r->id, what == API_APPROVE, rq_base_url(r->rq), err);
	return api_status(r, st, 200, what == API_CHECK_IN ? "checked_in" : what == API_APPROVE ? "confirmed" : "refused");
}

/* POST /api/v1/waits {resource_id, starts_at, ends_at} */
API_OP(api_wait_create, API_ONCE, api_wait_create_op)
{
	int64_t rid = 0, s, e, id = 0;
	resource res;
	bg_status st = json_get_int(r->body, "resource_id", true, &rid, err);
	if (st == BG_OK)
		st = api_slot_read(r->rq, r->body, rid, &res, &s, &e, err);
	if (st == BG_OK)
		st = booking_wait(r->rq->db, r->rq->person_id, rid, s, e, &id, err);
	if (st == BG_OK)
		buf_printf(api_json(r, 201), "{\"id\":%lld,\"status\":\"waiting\"}", (long long)id);
	return st;
}

/* One row of the list of api_waits_list_op. */
static void api_waits_list_item(buf *b, const void *rows, size_t i)
{
	const booking_wait_row *w = rows;
	buf_printf(b, "{\"id\":%lld,\"resource_id\":%lld,", (long long)w[i].id,
		   (long long)w[i].resource_id);
	api_hosp_time(b, "starts_at", w[i].starts_at);
	buf_putc(b, ',');
	api_hosp_time(b, "ends_at", w[i].ends_at);
	api_str(b, "status", w[i].status);
	if (w[i].offer_expires_at) {
		buf_putc(b, ',');
		api_hosp_time(b, "offer_expires_at", w[i].offer_expires_at);
	}
	buf_putc(b, '}');
}

/* GET /api/v1/waits — mine */
API_OP(api_waits_list, API_PLAIN, api_waits_list_op)
{
	booking_wait_row *w = NULL;
	size_t n = 0;
	bg_status st = booking_wait_list_mine(r->rq->db, &r->rq->arena, r->rq->person_id, &w, &n, err);
	return api_list(r, st, "waits", api_waits_list_item, w, n, NULL, -1);
}

/* POST /api/v1/waits/{id}/accept */
API_OP(api_wait_accept, API_PLAIN, api_wait_accept_op)
{
	int64_t id = 0;
	bg_status st = booking_accept_offer(r->rq->db, r->rq->person_id, r->id, &id, err);
	if (st == BG_OK)
		buf_printf(api_json(r, 201), "{\"booking_id\":%lld}", (long long)id);
	return st;
}

/* PUT /api/v1/quotas {scope_type, scope_id, kind, hours_per_month} */
API_OP(api_quota_set, API_BODY, api_quota_set_op)
{
	json_t *body = r->body;
	const char *type = NULL, *kind = NULL;
	int64_t sid = 0, hours = 0;
	bg_status st;
	if ((st = json_get_string(body, "scope_type", true, 20, &type, err)) != BG_OK ||
	    (st = json_get_int(body, "scope_id", true, &sid, err)) != BG_OK ||
	    (st = json_get_string(body, "kind", true, 20, &kind, err)) != BG_OK ||
	    (st = json_get_int(body, "hours_per_month", true, &hours, err)) != BG_OK ||
	    (st = booking_set_quota(r->rq->db, r->rq->person_id, type, sid, kind, hours * 60, err)) != BG_OK)
		return st;
	return api_status(r, st, 200, "saved");
}

/* GET /api/v1/quotas/mine?month=YYYY-MM — my quotas and every use recorded */
API_OP(api_quota_mine, API_PLAIN, api_quota_mine_op)
{
	request *rq = r->rq;
	const char *month = rq_query(rq, "month");
	char cur[8];
	if (!month) {
		tz_this_month(TZ_GROUP, cur);
		month = cur;
	}
	if (strlen(month) != 7 || month[4] != '-')
		return bg_fail(err, BG_ERR_INVALID, "invalid_month", "month", N_("Give a month like 2026-12."));
	quota_row *q = NULL;
	quota_use_row *u = NULL;
	size_t nq = 0, nu = 0;
	bg_status st = quota_list_mine(rq->db, &rq->arena, rq->person_id, month, &q, &nq, &u, &nu, err);
	if (st != BG_OK)
		return st;
	buf *b = api_json(r, 200);
	buf_puts(b, "{\"month\":");
	json_put_string(b, month);
	buf_puts(b, ",\"quotas\":[");
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
		api_hosp_time(b, "at", u[i].at);
		buf_putc(b, '}');
	}
	buf_puts(b, "]}");
	return BG_OK;
}

/* The handlers of a booking's actions: one operation, the action in ctx. */
API_HANDLER(api_booking_check_in, API_MAIL, api_booking_action_op, (void *)&api_booking_actions[API_CHECK_IN])
API_HANDLER(api_booking_approve, API_MAIL, api_booking_action_op, (void *)&api_booking_actions[API_APPROVE])
API_HANDLER(api_booking_refuse, API_MAIL, api_booking_action_op, (void *)&api_booking_actions[API_REFUSE])

const route api_hosp_bookings_routes[] = {
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
	{0, NULL, NULL, 0},
};
