/*
 * sessions.c — information sessions: the hosts' list, scheduling and
 * cancelling one, its registrations (/api/v1/sessions…), the public list,
 * registration and cancellation (/api/v1/public/…, no account), and the
 * referrers of a cooperative.
 */
#include "api/hospitality/api_hospitality_internal.h"

/* Appends a session as the lists show it; counts: with the registered and
 * waiting counts (the hosts' view). */
static void api_session_json(buf *b, const infosession_row *s, bool counts)
{
	buf_printf(b, "{\"id\":%lld,\"title\":", (long long)s->id);
	json_put_string(b, s->title);
	buf_printf(b, ",\"cooperative_id\":%lld,\"cooperative\":", (long long)s->cooperative_id);
	json_put_string(b, s->cooperative);
	api_str(b, "territory", s->territory);
	api_str(b, "place", s->place);
	api_str(b, "city", s->city);
	api_str(b, "postcode", s->postcode);
	buf_printf(b, ",\"online\":%s,", s->online ? "true" : "false");
	api_hosp_time(b, "starts_at", s->starts_at);
	buf_putc(b, ',');
	api_hosp_time(b, "ends_at", s->ends_at);
	int64_t cap = s->capacity, taken = s->registered;
	buf_printf(b, ",\"capacity\":%lld,\"full\":%s", (long long)cap, taken >= cap ? "true" : "false");
	if (counts)
		buf_printf(b, ",\"registered\":%lld,\"waiting\":%lld", (long long)taken, (long long)s->waiting);
	buf_putc(b, '}');
}

/* One session of the public list, and of the hosts' (with the counts). */
static void api_session_item(buf *b, const void *rows, size_t i)
{
	api_session_json(b, (const infosession_row *)rows + i, false);
}
static void api_session_hosts_item(buf *b, const void *rows, size_t i)
{
	api_session_json(b, (const infosession_row *)rows + i, true);
}

/* GET /api/v1/public/sessions?territory=&cooperative_id=&limit=&offset= (no
 * account), and GET /api/v1/sessions?limit=&offset= (ctx non-NULL) — the
 * hosts' view: the sessions of cooperatives where the caller may manage
 * them, with fill counts. */
static bg_status api_sessions_op(api_req *r, bg_error *err)
{
	request *rq = r->rq;
	bool hosts = r->ctx != NULL;
	const char *territory = rq_query(rq, "territory"), *coop = rq_query(rq, "cooperative_id");
	infosession_row *v = NULL;
	api_paging pg;
	bg_status st = api_paging_get(rq, &pg, err);
	if (st == BG_OK && hosts)
		st = infosession_list_managed(rq->db, &rq->arena, rq->person_id, pg.limit, pg.offset, &v, &pg.n, &pg.total, err);
	else if (st == BG_OK)
		st = infosession_list_public(rq->db, &rq->arena, territory, coop ? atoll(coop) : 0, pg.limit, pg.offset, &v,
					     &pg.n, &pg.total, err);
	return api_page(r, st, "sessions", hosts ? api_session_hosts_item : api_session_item, v, &pg);
}

/* POST /api/v1/sessions {cooperative_id, title, place_id | online_url, starts_at, ends_at, capacity} */
API_OP(api_session_create, API_BODY, api_session_create_op)
{
	request *rq = r->rq;
	json_t *body = r->body;
	infosession s = {0};
	char tz[65] = HOSP_DEFAULT_TZ;
	bg_status st;
	if ((st = json_get_int(body, "cooperative_id", true, &s.cooperative_id, err)) != BG_OK ||
	    (st = json_get_int(body, "place_id", false, &s.place_id, err)) != BG_OK)
		return st;
	place p;
	if (s.place_id && place_get(rq->db, rq->person_id, s.place_id, &p, NULL) == BG_OK)
		snprintf(tz, sizeof tz, "%s", p.timezone);
	if ((st = api_hosp_copy_string(body, "title", true, s.title, sizeof s.title, err)) != BG_OK ||
	    (st = api_hosp_copy_string(body, "online_url", false, s.online_url, sizeof s.online_url, err)) != BG_OK ||
	    (st = api_hosp_copy_string(body, "territory", false, s.territory, sizeof s.territory, err)) != BG_OK ||
	    (st = api_hosp_int(body, "capacity", true, &s.capacity, err)) != BG_OK ||
	    (st = api_hosp_get_time(body, "starts_at", tz, &s.starts_at, err)) != BG_OK ||
	    (st = api_hosp_get_time(body, "ends_at", tz, &s.ends_at, err)) != BG_OK ||
	    (st = infosession_create(rq->db, rq->person_id, &s, err)) != BG_OK)
		return st;
	return api_created(r, st, s.id);
}

/* DELETE /api/v1/sessions/{id} — cancels it, registrants are told */
API_OP(api_session_cancel, API_MAIL, api_session_cancel_op)
{
	bg_status st = infosession_cancel(r->rq->db, r->rq->person_id, r->id, err);
	return api_no_content(r, st);
}

/* GET /api/v1/sessions/{id}/registrations — hosts only */
API_OP(api_session_registrations, API_PLAIN, api_session_registrations_op)
{
	request *rq = r->rq;
	infosession s;
	registration_row *g = NULL;
	size_t n = 0;
	bg_status st;
	if ((st = infosession_get(rq->db, rq->person_id, r->id, &s, err)) != BG_OK ||
	    (st = infosession_may_manage(rq->db, rq->person_id, s.cooperative_id, err)) != BG_OK ||
	    (st = infosession_registrations(rq->db, &rq->arena, rq->person_id, s.id, &g, &n, err)) != BG_OK)
		return st;
	buf *b = api_json(r, 200);
	buf_puts(b, "{\"registrations\":[");
	for (size_t i = 0; i < n; i++) {
		buf_printf(b, "%s{\"id\":%lld,\"name\":", i ? "," : "", (long long)g[i].id);
		json_put_string(b, g[i].name);
		api_str(b, "email", g[i].email);
		api_str(b, "phone", g[i].phone);
		api_str(b, "postcode", g[i].postcode);
		api_str(b, "status", g[i].status);
		buf_putc(b, ',');
		api_hosp_time(b, "created_at", g[i].created_at);
		buf_printf(b, ",\"newcomer_id\":%lld}", (long long)g[i].newcomer_id);
	}
	buf_puts(b, "]}");
	return BG_OK;
}

/* POST /api/v1/public/sessions/{id}/registrations, before the
 * transaction: the body's fields into *r->ctx (a registration_input), and
 * the rate limit of public forms. */
static bg_status api_public_register_check(api_req *r, bg_error *err)
{
	request *rq = r->rq;
	json_t *body = r->body;
	registration_input *in = r->ctx;
	bool consent = false;
	bg_status st;
	if ((st = json_get_string(body, "name", true, 200, &in->name, err)) != BG_OK ||
	    (st = json_get_string(body, "email", true, 254, &in->email, err)) != BG_OK ||
	    (st = json_get_string(body, "phone", false, 30, &in->phone, err)) != BG_OK ||
	    (st = json_get_string(body, "postcode", true, 10, &in->postcode, err)) != BG_OK ||
	    (st = json_get_string(body, "project", false, 2000, &in->project, err)) != BG_OK ||
	    (st = json_get_string(body, "website", false, 500, &in->honeypot, err)) != BG_OK ||
	    (st = json_get_int(body, "referrer_id", false, &in->referrer_id, err)) != BG_OK ||
	    (st = json_get_bool(body, "consent", false, &consent, err)) != BG_OK)
		return st;
	in->consent = consent;
	return rq_rate_limit(rq, RL_PUBLIC_FORM, rq_client_address(rq), err);
}

/* POST /api/v1/public/sessions/{id}/registrations (no account) → 202 whatever */
static bg_status api_public_register_op(api_req *r, bg_error *err)
{
	bg_status st = infosession_register(r->rq->db, r->id, r->ctx, rq_base_url(r->rq), NULL, err);
	return api_status(r, st, 202, "received");
}

/* POST /api/v1/public/registrations/cancel, before the transaction: the
 * token (into *r->ctx) and the rate limit of public forms. */
static bg_status api_public_unregister_check(api_req *r, bg_error *err)
{
	bg_status st = json_get_string(r->body, "token", true, 100, (const char **)r->ctx, err);
	return st == BG_OK ? rq_rate_limit(r->rq, RL_PUBLIC_FORM, rq_client_address(r->rq), err) : st;
}

/* POST /api/v1/public/registrations/cancel {token} */
static bg_status api_public_unregister_op(api_req *r, bg_error *err)
{
	const char *const *token = r->ctx;
	bg_status st = infosession_unregister(r->rq->db, *token, rq_base_url(r->rq), err);
	return api_status(r, st, 200, "cancelled");
}

/* POST /api/v1/cooperatives/{id}/referrers {name} */
API_OP(api_referrer_add, API_BODY, api_referrer_add_op)
{
	const char *name = NULL;
	int64_t id = 0;
	bg_status st;
	if ((st = json_get_string(r->body, "name", true, 200, &name, err)) != BG_OK ||
	    (st = referrer_add(r->rq->db, r->rq->person_id, r->id, name, &id, err)) != BG_OK)
		return st;
	return api_created(r, st, id);
}

/* One row of the list of api_referrers_list_op. */
static void api_referrers_list_item(buf *b, const void *rows, size_t i)
{
	const referrer_row *v = rows;
	buf_printf(b, "{\"id\":%lld,\"name\":", (long long)v[i].id);
	json_put_string(b, v[i].name);
	buf_putc(b, '}');
}

/* GET /api/v1/public/cooperatives/{id}/referrers (no account) */
API_OP(api_referrers_list, API_PLAIN, api_referrers_list_op)
{
	referrer_row *v = NULL;
	size_t n = 0;
	bg_status st = referrer_list(r->rq->db, &r->rq->arena, r->id, &v, &n, err);
	return api_list(r, st, "referrers", api_referrers_list_item, v, n, NULL, -1);
}

/* The handlers of the shared list (ctx "hosts" for the hosts' own). */
API_HANDLER(api_sessions_list, API_PLAIN, api_sessions_op, "hosts")
API_HANDLER(api_public_sessions, API_PLAIN, api_sessions_op, NULL)
static void api_public_register(request *rq, response *rs)
{
	registration_input in = {.lang = rq->lang};
	api_run_checked(rq, rs, API_BODY_MAIL, api_public_register_check, api_public_register_op, &in);
}
static void api_public_unregister(request *rq, response *rs)
{
	const char *token = NULL;
	api_run_checked(rq, rs, API_BODY_MAIL, api_public_unregister_check, api_public_unregister_op, &token);
}

const route api_hosp_sessions_routes[] = {
	{HTTP_GET, "/api/v1/sessions", api_sessions_list, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/sessions", api_session_create, ROUTE_AUTH},
	{HTTP_DELETE, "/api/v1/sessions/{id}", api_session_cancel, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/sessions/{id}/registrations", api_session_registrations, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/public/sessions", api_public_sessions, ROUTE_PUBLIC},
	{HTTP_POST, "/api/v1/public/sessions/{id}/registrations", api_public_register, ROUTE_NO_CSRF},
	{HTTP_POST, "/api/v1/public/registrations/cancel", api_public_unregister, ROUTE_NO_CSRF},
	{HTTP_GET, "/api/v1/public/cooperatives/{id}/referrers", api_referrers_list, ROUTE_PUBLIC},
	{HTTP_POST, "/api/v1/cooperatives/{id}/referrers", api_referrer_add, ROUTE_AUTH},
	{0, NULL, NULL, 0},
};
