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
	    resource_get(rq->db, rq->person_id, in.resource_id, &r, &err) != BG_OK ||
	    place_get(rq->db, rq->person_id, r.place_id, &p, &err) != BG_OK) {
		json_decref(body);
		reply_error(rq, rs, &err);
		return;
	}
	if (!api_hosp_get_time(rq, rs, body, "starts_at", p.timezone, &in.starts_at) ||
	    !api_hosp_get_time(rq, rs, body, "ends_at", p.timezone, &in.ends_at)) {
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
			api_hosp_clash(rq, rs, &err, &clash);
			return;
		}
		json_decref(body);
		if (!api_commit(rq, rs))
			return;
		buf *b = reply_json(rs, 201);
		buf_printf(b, "{\"id\":%lld,\"status\":\"%s\",", (long long)id,
			   r.needs_approval ? "pending" : "confirmed");
		api_hosp_time(b, "starts_at", in.starts_at);
		buf_putc(b, ',');
		api_hosp_time(b, "ends_at", in.ends_at);
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
		api_hosp_clash(rq, rs, &err, &clash);
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
		api_hosp_time(b, "starts_at", r[i].starts_at);
		buf_putc(b, ',');
		api_hosp_time(b, "ends_at", r[i].ends_at);
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
	bg_status found = booking_resource_of(rq->db, rq->person_id, rq_param_id(rq, 0), &rid, &err);
	resource r;
	place p;
	if (found == BG_ERR_DB) {
		json_decref(body);
		reply_error(rq, rs, &err);
		return;
	}
	if (found != BG_OK || resource_get(rq->db, rq->person_id, rid, &r, &err) != BG_OK ||
	    place_get(rq->db, rq->person_id, r.place_id, &p, &err) != BG_OK) {
		json_decref(body);
		reply_fail(rq, rs, BG_ERR_NOT_FOUND, "not_found", "booking_id", N_("This booking does not exist."));
		return;
	}
	if (!api_hosp_get_time(rq, rs, body, "starts_at", p.timezone, &s) ||
	    !api_hosp_get_time(rq, rs, body, "ends_at", p.timezone, &e)) {
		json_decref(body);
		return;
	}
	json_decref(body);
	booking_clash clash = {0};
	if (db_begin(rq->db, DB_WRITE, &err) != BG_OK ||
	    booking_move(rq->db, rq->person_id, rq_param_id(rq, 0), s, e, rq_base_url(rq), &clash, &err) != BG_OK) {
		api_hosp_clash(rq, rs, &err, &clash);
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
	    resource_get(rq->db, rq->person_id, rid, &r, &err) != BG_OK || place_get(rq->db, rq->person_id, r.place_id, &p, &err) != BG_OK) {
		json_decref(body);
		reply_error(rq, rs, &err);
		return;
	}
	if (!api_hosp_get_time(rq, rs, body, "starts_at", p.timezone, &s) ||
	    !api_hosp_get_time(rq, rs, body, "ends_at", p.timezone, &e)) {
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
	if (booking_wait_list_mine(rq->db, &rq->arena, rq->person_id, &w, &n, &err) != BG_OK) {
		reply_error(rq, rs, &err);
		return;
	}
	buf *b = reply_json(rs, 200);
	buf_puts(b, "{\"waits\":[");
	for (size_t i = 0; i < n; i++) {
		buf_printf(b, "%s{\"id\":%lld,\"resource_id\":%lld,", i ? "," : "", (long long)w[i].id,
			   (long long)w[i].resource_id);
		api_hosp_time(b, "starts_at", w[i].starts_at);
		buf_putc(b, ',');
		api_hosp_time(b, "ends_at", w[i].ends_at);
		buf_puts(b, ",\"status\":");
		json_put_string(b, w[i].status);
		if (w[i].offer_expires_at) {
			buf_putc(b, ',');
			api_hosp_time(b, "offer_expires_at", w[i].offer_expires_at);
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
	quota_row *q = NULL;
	quota_use_row *u = NULL;
	size_t nq = 0, nu = 0;
	bg_error err;
	if (quota_list_mine(rq->db, &rq->arena, rq->person_id, month, &q, &nq, &u, &nu, &err) != BG_OK) {
		reply_error(rq, rs, &err);
		return;
	}
	buf *b = reply_json(rs, 200);
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
}

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
