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
	buf_puts(b, ",\"territory\":");
	json_put_string(b, s->territory);
	buf_puts(b, ",\"place\":");
	json_put_string(b, s->place);
	buf_puts(b, ",\"city\":");
	json_put_string(b, s->city);
	buf_puts(b, ",\"postcode\":");
	json_put_string(b, s->postcode);
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
	if (s.place_id && place_get(rq->db, rq->person_id, s.place_id, &p, NULL) == BG_OK)
		snprintf(tz, sizeof tz, "%s", p.timezone);
	if (!api_hosp_copy_string(rq, rs, body, "title", true, s.title, sizeof s.title) ||
	    !api_hosp_copy_string(rq, rs, body, "online_url", false, s.online_url, sizeof s.online_url) ||
	    !api_hosp_copy_string(rq, rs, body, "territory", false, s.territory, sizeof s.territory) ||
	    !api_hosp_int(rq, rs, body, "capacity", true, &s.capacity) ||
	    !api_hosp_get_time(rq, rs, body, "starts_at", tz, &s.starts_at) ||
	    !api_hosp_get_time(rq, rs, body, "ends_at", tz, &s.ends_at)) {
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
	if (infosession_get(rq->db, rq->person_id, rq_param_id(rq, 0), &s, &err) != BG_OK ||
	    infosession_may_manage(rq->db, rq->person_id, s.cooperative_id, &err) != BG_OK) {
		reply_error(rq, rs, &err);
		return;
	}
	registration_row *g = NULL;
	size_t n = 0;
	if (infosession_registrations(rq->db, &rq->arena, rq->person_id, s.id, &g, &n, &err) != BG_OK) {
		reply_error(rq, rs, &err);
		return;
	}
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
		api_hosp_time(b, "created_at", g[i].created_at);
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
	if (referrer_list(rq->db, &rq->arena, rq_param_id(rq, 0), &r, &n, &err) != BG_OK) {
		reply_error(rq, rs, &err);
		return;
	}
	buf *b = reply_json(rs, 200);
	buf_puts(b, "{\"referrers\":[");
	for (size_t i = 0; i < n; i++) {
		buf_printf(b, "%s{\"id\":%lld,\"name\":", i ? "," : "", (long long)r[i].id);
		json_put_string(b, r[i].name);
		buf_putc(b, '}');
	}
	buf_puts(b, "]}");
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
