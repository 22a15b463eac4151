/*
 * api_core.c — the platform's own routes: health, session, me, API tokens,
 * password reset.
 */
#include "api/api.h"
#include "auth/account.h"
#include "auth/authz.h"
#include "auth/reset.h"
#include "auth/session.h"
#include "core/date.h"
#include <stdio.h>
#include <string.h>

#include "core/version.h"

/* GET /healthz is answered by the server's fast path; this serves HEAD. */
static void api_healthz(request *rq, response *rs)
{
	buf_printf(reply_json(rs, 200), "{\"status\":\"ok\",\"version\":\"%s\"}", bigre_version);
	(void)rq;
}

/* Appends {"id":…,"roles":[{"role","scope","scope_id"}…]} for a person;
 * the roles' read error otherwise. */
static bg_status api_person_with_roles(db *d, arena *a, buf *b, const person *p, bg_error *err)
{
	authz_role_row *held;
	size_t n;
	bg_status st = authz_roles_held(d, a, p->id, &held, &n, err);
	if (st != BG_OK)
		return st;
	account_json(b, p);
	b->len--; /* reopen the object */
	buf_puts(b, ",\"roles\":[");
	for (size_t i = 0; i < n; i++) {
		buf_printf(b, "%s{\"role\":", i ? "," : "");
		json_put_string(b, held[i].role);
		api_str(b, "scope", held[i].scope_type);
		buf_printf(b, ",\"scope_id\":%lld}", (long long)held[i].scope_id);
	}
	buf_puts(b, "]}");
	return BG_OK;
}

/* What the login leaves for after its commit. */
typedef struct api_login_out {
	person p;
	const char *email, *password;
	char token[SECRET_MAX_LEN], csrf[CSRF_TOKEN_LEN];
} api_login_out;

/* POST /api/v1/session, before the transaction: the body's fields, and
 * the rate limits per address and per account. */
static bg_status api_login_check(api_req *r, bg_error *err)
{
	api_login_out *o = r->ctx;
	bg_status st = json_get_string(r->body, "email", true, 254, &o->email, err);
	if (st == BG_OK)
		st = json_get_string(r->body, "password", true, 256, &o->password, err);
	if (st == BG_OK)
		st = rq_rate_limit(r->rq, RL_LOGIN_ADDRESS, rq_client_address(r->rq), err);
	if (st == BG_OK)
		st = rq_rate_limit(r->rq, RL_LOGIN_ACCOUNT, o->email, err);
	return st;
}

/* POST /api/v1/session: checks the password and opens a session. */
static bg_status api_login_op(api_req *r, bg_error *err)
{
	api_login_out *o = r->ctx;
	bg_status st = account_login(r->rq->db, o->email, o->password, &o->p, err);
	if (st == BG_OK)
		st = session_create(r->rq->db, o->p.id, o->token, o->csrf, err);
	if (st != BG_OK)
		return st;
	o->email = arena_strdup(&r->rq->arena, o->email); /* it outlives the body */
	buf *b = api_json(r, 200);
	buf_puts(b, "{\"csrf_token\":");
	json_put_string(b, o->csrf);
	buf_puts(b, ",\"person\":");
	st = api_person_with_roles(r->rq->db, &r->rq->arena, b, &o->p, err);
	if (st == BG_OK)
		buf_puts(b, "}");
	return st;
}

/* POST /api/v1/session {"email","password"}; the cookie once committed. */
static void api_login(request *rq, response *rs)
{
	api_login_out o = {0};
	if (!api_run_checked(rq, rs, API_BODY, api_login_check, api_login_op, &o))
		return;
	rq_login_succeeded(rq, o.email);
	rs_cookie(rq, rs, HTTP_SESSION_COOKIE, o.token, SESSION_MAX_SECONDS, true);
}

/* DELETE /api/v1/session: ends the session the request came with (an API
 * token has none to end). */
static bg_status api_logout_op(api_req *r, bg_error *err)
{
	bg_status st = r->rq->auth == AUTH_SESSION ? session_delete(r->rq->db, r->rq->session_token, err) : BG_OK;
	return api_no_content(r, st);
}

/* DELETE /api/v1/session; the cookie cleared once committed. */
static void api_logout(request *rq, response *rs)
{
	if (api_run(rq, rs, API_PLAIN, api_logout_op, NULL))
		rs_cookie(rq, rs, HTTP_SESSION_COOKIE, "", 0, true);
}

/* GET /api/v1/me */
API_OP(api_me, API_PLAIN, api_me_op)
{
	person p;
	bg_status st = account_get(r->rq->db, r->rq->person_id, &p, err);
	return st == BG_OK ? api_person_with_roles(r->rq->db, &r->rq->arena, api_json(r, 200), &p, err) : st;
}

/* POST /api/v1/tokens {"name"} → the token, shown this once */
API_OP(api_token_create, API_BODY, api_token_create_op)
{
	const char *name = NULL;
	char token[SECRET_MAX_LEN];
	int64_t id;
	bg_status st = json_get_string(r->body, "name", true, 100, &name, err);
	if (st == BG_OK)
		st = apitoken_create(r->rq->db, r->rq->person_id, name, token, &id, err);
	if (st != BG_OK)
		return st;
	buf *b = api_json(r, 201);
	buf_printf(b, "{\"id\":%lld,\"token\":", (long long)id);
	json_put_string(b, token);
	buf_puts(b, "}");
	return BG_OK;
}

/* One row of the list of api_token_list_op. */
static void api_token_list_item(buf *b, const void *rows, size_t i)
{
	const apitoken *v = rows;
	buf_printf(b, "{\"id\":%lld,\"name\":", (long long)v[i].id);
	json_put_string(b, v[i].name);
	buf_puts(b, ",\"created_at\":\"");
	date_format_iso(b, v[i].created_at);
	buf_puts(b, "\"}");
}

/* GET /api/v1/tokens — names and dates, never the secrets */
API_OP(api_token_list, API_PLAIN, api_token_list_op)
{
	apitoken *v;
	size_t n;
	bg_status st = apitoken_list(r->rq->db, &r->rq->arena, r->rq->person_id, &v, &n, err);
	return api_list(r, st, "tokens", api_token_list_item, v, n, NULL, -1);
}

/* DELETE /api/v1/tokens/{id} */
API_OP(api_token_revoke, API_PLAIN, api_token_revoke_op)
{
	bg_status st = apitoken_revoke(r->rq->db, r->rq->person_id, r->id, err);
	return api_no_content(r, st);
}

/* POST /api/v1/password-reset, before the transaction: the email (into
 * *r->ctx) and the rate limit of public forms. */
static bg_status api_reset_request_check(api_req *r, bg_error *err)
{
	const char **email = r->ctx;
	bg_status st = json_get_string(r->body, "email", true, 254, email, err);
	return st == BG_OK ? rq_rate_limit(r->rq, RL_PUBLIC_FORM, rq_client_address(r->rq), err) : st;
}

/* POST /api/v1/password-reset {"email"} → 202 whatever the email */
static bg_status api_reset_request_op(api_req *r, bg_error *err)
{
	const char *const *email = r->ctx;
	bg_status st = reset_request(r->rq->db, *email, rq_base_url(r->rq), err);
	return api_status(r, st, 202, "sent_if_known");
}

/* POST /api/v1/password-reset; the mailer woken once committed. */
static void api_reset_request(request *rq, response *rs)
{
	const char *email = NULL;
	api_run_checked(rq, rs, API_BODY_MAIL, api_reset_request_check, api_reset_request_op, &email);
}

/* POST /api/v1/password-reset/confirm {"token","password"} */
API_OP(api_reset_confirm, API_BODY, api_reset_confirm_op)
{
	const char *token = NULL, *password = NULL;
	bg_status st = json_get_string(r->body, "token", true, 100, &token, err);
	if (st == BG_OK)
		st = json_get_string(r->body, "password", true, 256, &password, err);
	if (st == BG_OK)
		st = reset_confirm(r->rq->db, token, password, err);
	return api_status(r, st, 200, "password_changed");
}

const route api_core_routes[] = {
	{HTTP_GET, "/healthz", api_healthz, ROUTE_PUBLIC},
	{HTTP_POST, "/api/v1/session", api_login, ROUTE_NO_CSRF},
	{HTTP_DELETE, "/api/v1/session", api_logout, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/me", api_me, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/tokens", api_token_create, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/tokens", api_token_list, ROUTE_AUTH},
	{HTTP_DELETE, "/api/v1/tokens/{id}", api_token_revoke, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/password-reset", api_reset_request, ROUTE_NO_CSRF},
	{HTTP_POST, "/api/v1/password-reset/confirm", api_reset_confirm, ROUTE_NO_CSRF},
	{0, NULL, NULL, 0},
};
