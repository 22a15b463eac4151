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
 * false (the error answered) when the roles cannot be read. */
static bool api_person_with_roles(request *rq, response *rs, buf *b, const person *p)
{
	authz_role_row *held;
	size_t n;
	bg_error err;
	if (authz_roles_held(rq->db, &rq->arena, p->id, &held, &n, &err) != BG_OK) {
		reply_error(rq, rs, &err);
		return false;
	}
	account_json(b, p);
	b->len--; /* reopen the object */
	buf_puts(b, ",\"roles\":[");
	for (size_t i = 0; i < n; i++) {
		buf_printf(b, "%s{\"role\":", i ? "," : "");
		json_put_string(b, held[i].role);
		buf_puts(b, ",\"scope\":");
		json_put_string(b, held[i].scope_type);
		buf_printf(b, ",\"scope_id\":%lld}", (long long)held[i].scope_id);
	}
	buf_puts(b, "]}");
	return true;
}

/* POST /api/v1/session {"email","password"} */
static void api_login(request *rq, response *rs)
{
	json_t *body = api_body(rq, rs);
	if (!body)
		return;
	const char *email = NULL, *password = NULL;
	bg_error err;
	person p;
	char token[SECRET_MAX_LEN], csrf[CSRF_TOKEN_LEN];
	if (json_get_string(body, "email", true, 254, &email, &err) != BG_OK ||
	    json_get_string(body, "password", true, 256, &password, &err) != BG_OK ||
	    rq_rate_limit(rq, RL_LOGIN_ADDRESS, rq_client_address(rq), &err) != BG_OK ||
	    rq_rate_limit(rq, RL_LOGIN_ACCOUNT, email, &err) != BG_OK) {
		json_decref(body);
		reply_error(rq, rs, &err);
		return;
	}
	if (db_begin(rq->db, DB_WRITE, &err) != BG_OK ||
	    account_login(rq->db, email, password, &p, &err) != BG_OK ||
	    session_create(rq->db, p.id, token, csrf, &err) != BG_OK) {
		json_decref(body);
		api_fail(rq, rs, &err);
		return;
	}
	email = arena_strdup(&rq->arena, email); /* it outlives the body */
	json_decref(body);
	if (!api_commit(rq, rs))
		return;
	rq_login_succeeded(rq, email);
	rs_cookie(rq, rs, HTTP_SESSION_COOKIE, token, SESSION_MAX_SECONDS, true);
	buf *b = reply_json(rs, 200);
	buf_puts(b, "{\"csrf_token\":");
	json_put_string(b, csrf);
	buf_puts(b, ",\"person\":");
	if (api_person_with_roles(rq, rs, b, &p))
		buf_puts(b, "}");
}

/* DELETE /api/v1/session */
static void api_logout(request *rq, response *rs)
{
	bg_error err;
	if (rq->auth == AUTH_SESSION) {
		if (db_begin(rq->db, DB_WRITE, &err) != BG_OK ||
		    session_delete(rq->db, rq->session_token, &err) != BG_OK) {
			api_fail(rq, rs, &err);
			return;
		}
		if (!api_commit(rq, rs))
			return;
	}
	rs_cookie(rq, rs, HTTP_SESSION_COOKIE, "", 0, true);
	rs->status = 204;
	rs->content_type = NULL;
}

/* GET /api/v1/me */
static void api_me(request *rq, response *rs)
{
	person p;
	bg_error err;
	if (account_get(rq->db, rq->person_id, &p, &err) != BG_OK) {
		reply_error(rq, rs, &err);
		return;
	}
	api_person_with_roles(rq, rs, reply_json(rs, 200), &p);
}

/* POST /api/v1/tokens {"name"} → the token, shown this once */
static void api_token_create(request *rq, response *rs)
{
	json_t *body = api_body(rq, rs);
	if (!body)
		return;
	const char *name = NULL;
	bg_error err;
	char token[SECRET_MAX_LEN];
	int64_t id;
	if (json_get_string(body, "name", true, 100, &name, &err) != BG_OK ||
	    db_begin(rq->db, DB_WRITE, &err) != BG_OK ||
	    apitoken_create(rq->db, rq->person_id, name, token, &id, &err) != BG_OK) {
		json_decref(body);
		api_fail(rq, rs, &err);
		return;
	}
	json_decref(body);
	if (!api_commit(rq, rs))
		return;
	buf *b = reply_json(rs, 201);
	buf_printf(b, "{\"id\":%lld,\"token\":", (long long)id);
	json_put_string(b, token);
	buf_puts(b, "}");
}

/* GET /api/v1/tokens — names and dates, never the secrets */
static void api_token_list(request *rq, response *rs)
{
	apitoken *v;
	size_t n;
	bg_error err;
	if (apitoken_list(rq->db, &rq->arena, rq->person_id, &v, &n, &err) != BG_OK) {
		reply_error(rq, rs, &err);
		return;
	}
	buf *b = reply_json(rs, 200);
	buf_puts(b, "{\"tokens\":[");
	for (size_t i = 0; i < n; i++) {
		buf_printf(b, "%s{\"id\":%lld,\"name\":", i ? "," : "", (long long)v[i].id);
		json_put_string(b, v[i].name);
		buf_puts(b, ",\"created_at\":\"");
		date_format_iso(b, v[i].created_at);
		buf_puts(b, "\"}");
	}
	buf_puts(b, "]}");
}

/* DELETE /api/v1/tokens/{id} */
static void api_token_revoke(request *rq, response *rs)
{
	bg_error err;
	if (db_begin(rq->db, DB_WRITE, &err) != BG_OK ||
	    apitoken_revoke(rq->db, rq->person_id, rq_param_id(rq, 0), &err) != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	if (!api_commit(rq, rs))
		return;
	rs->status = 204;
	rs->content_type = NULL;
}

/* POST /api/v1/password-reset {"email"} → 202 whatever the email */
static void api_reset_request(request *rq, response *rs)
{
	json_t *body = api_body(rq, rs);
	if (!body)
		return;
	const char *email = NULL;
	bg_error err;
	if (json_get_string(body, "email", true, 254, &email, &err) != BG_OK ||
	    rq_rate_limit(rq, RL_PUBLIC_FORM, rq_client_address(rq), &err) != BG_OK ||
	    db_begin(rq->db, DB_WRITE, &err) != BG_OK ||
	    reset_request(rq->db, email, rq_base_url(rq), &err) != BG_OK) {
		json_decref(body);
		api_fail(rq, rs, &err);
		return;
	}
	json_decref(body);
	if (!api_commit(rq, rs))
		return;
	rq_kick_mailer(rq);
	buf_puts(reply_json(rs, 202), "{\"status\":\"sent_if_known\"}");
}

/* POST /api/v1/password-reset/confirm {"token","password"} */
static void api_reset_confirm(request *rq, response *rs)
{
	json_t *body = api_body(rq, rs);
	if (!body)
		return;
	const char *token = NULL, *password = NULL;
	bg_error err;
	if (json_get_string(body, "token", true, 100, &token, &err) != BG_OK ||
	    json_get_string(body, "password", true, 256, &password, &err) != BG_OK ||
	    db_begin(rq->db, DB_WRITE, &err) != BG_OK ||
	    reset_confirm(rq->db, token, password, &err) != BG_OK) {
		json_decref(body);
		api_fail(rq, rs, &err);
		return;
	}
	json_decref(body);
	if (!api_commit(rq, rs))
		return;
	buf_puts(reply_json(rs, 200), "{\"status\":\"password_changed\"}");
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
