/*
 * server.c — libmicrohttpd glue: request life cycle, limits, authentication,
 * CSRF, routing, static assets, the mail sender thread and clean shutdown.
 *
 * Life of a request:
 *   1st call of on_request: allocate the request; answer 413 at once when
 *      Content-Length is over HTTP_MAX_BODY.  GET /healthz is answered here
 *      from a response built once (it is the liveness probe; it must cost
 *      nothing).
 *   next calls: append body bytes, or drop them once over the cap.
 *   last call: process(): route, authenticate, check CSRF, run the handler,
 *      queue the response.
 *   on_completed: access log line, free the request and its arena.
 */
#include "http/server.h"
#include "auth/session.h"
#include "core/date.h"
#include "core/embed.h"
#include "core/i18n.h"
#include "core/log.h"
#include "core/utf8.h"
#include "http/http.h"
#include "http/ratelimit.h"
#include "http/reply.h"
#include <arpa/inet.h>
#include <microhttpd.h>
#include <pthread.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "core/version.h"

enum { SERVER_MAX_DBS = 256 };

struct server_ctx {
	const server_config *cfg;
	struct MHD_Daemon *daemon;
	struct MHD_Response *healthz;
	pthread_mutex_t lock;
	db *dbs[SERVER_MAX_DBS]; /* one per worker thread, closed at shutdown */
	request *spares[SERVER_MAX_DBS]; /* per worker: a request kept for reuse */
	int ndbs;
	/* the mail sender */
	pthread_t mailer;
	pthread_cond_t mailer_wake;
	bool stopping;
	char asset_etags[64][24];
	ratelimit *limits[RL_KIND_COUNT];
	int active; /* requests begun and not yet completed (under lock) */
};

static page_error_fn page_error_renderer;
static char healthz_marker; /* con_cls of a GET /healthz on its fast path */
static __thread db *thread_db;
static __thread int thread_slot = -1; /* index of this worker in dbs/spares */

void server_set_page_error(page_error_fn fn)
{
	page_error_renderer = fn;
}

static int64_t now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* The worker thread's own connection, opened on first use. */
static db *server_db(server_ctx *s)
{
	if (thread_db)
		return thread_db;
	db *d = NULL;
	if (db_open(s->cfg->db_path, false, &d, NULL) != BG_OK)
		return NULL;
	pthread_mutex_lock(&s->lock);
	if (s->ndbs == SERVER_MAX_DBS) {
		pthread_mutex_unlock(&s->lock);
		db_close(d);
		return NULL;
	}
	thread_slot = s->ndbs;
	s->dbs[s->ndbs++] = d;
	pthread_mutex_unlock(&s->lock);
	thread_db = d;
	return d;
}

/* --- request accessors (http.h) --- */

const char *rq_header(request *rq, const char *name)
{
	return MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND, name);
}

const char *rq_cookie(request *rq, const char *name)
{
	return MHD_lookup_connection_value(rq->conn, MHD_COOKIE_KIND, name);
}

const char *rq_query(request *rq, const char *name)
{
	const char *v = MHD_lookup_connection_value(rq->conn, MHD_GET_ARGUMENT_KIND, name);
	if (v && !utf8_valid(v, strlen(v)))
		return NULL;
	return v;
}

int64_t rq_param_id(request *rq, int i)
{
	if (i >= rq->nparams)
		return 0;
	const char *s = rq->params[i];
	int64_t v = 0;
	if (!*s || strlen(s) > 15)
		return 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return 0;
		v = v * 10 + (*s - '0');
	}
	return v;
}

/* Parses a multipart body once; NULL (err set) when it is not one or is bad. */
static const multipart *rq_multipart(request *rq, bg_error *err)
{
	if (!rq->multipart_cache) {
		const char *boundary = multipart_boundary(&rq->arena, rq_header(rq, MHD_HTTP_HEADER_CONTENT_TYPE));
		multipart *m = arena_alloc(&rq->arena, sizeof *m);
		if (multipart_parse(&rq->arena, boundary, rq->body.data ? rq->body.data : "", rq->body.len,
				    m, err) != BG_OK)
			return NULL;
		rq->multipart_cache = m;
	}
	return rq->multipart_cache;
}

static bool rq_is_multipart(request *rq)
{
	const char *ct = rq_header(rq, MHD_HTTP_HEADER_CONTENT_TYPE);
	return ct && strncasecmp(ct, "multipart/form-data", 19) == 0;
}

const form *rq_form(request *rq, bg_error *err)
{
	if (rq_is_multipart(rq)) {
		const multipart *m = rq_multipart(rq, err);
		return m ? &m->fields : NULL;
	}
	if (!rq->form_cache) {
		form *f = arena_alloc(&rq->arena, sizeof *f);
		if (form_parse(&rq->arena, rq->body.data ? rq->body.data : "", rq->body.len, f, err) != BG_OK)
			return NULL;
		rq->form_cache = f;
	}
	return rq->form_cache;
}

const multipart_file *rq_file(request *rq, const char *field)
{
	const multipart *m = rq_is_multipart(rq) ? rq_multipart(rq, NULL) : NULL;
	return m ? multipart_file_get(m, field) : NULL;
}

const char *rq_client_address(request *rq)
{
	if (rq->server->cfg->trust_proxy) {
		const char *fwd = rq_header(rq, "X-Forwarded-For");
		if (fwd && *fwd) {
			const char *comma = strchr(fwd, ',');
			return comma ? arena_strndup(&rq->arena, fwd, (size_t)(comma - fwd)) : fwd;
		}
	}
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(rq->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	char *out = arena_alloc(&rq->arena, INET6_ADDRSTRLEN);
	if (ci && ci->client_addr->sa_family == AF_INET)
		inet_ntop(AF_INET, &((struct sockaddr_in *)ci->client_addr)->sin_addr, out, INET6_ADDRSTRLEN);
	else if (ci && ci->client_addr->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((struct sockaddr_in6 *)ci->client_addr)->sin6_addr, out, INET6_ADDRSTRLEN);
	else
		strcpy(out, "unknown");
	return out;
}

typedef struct query_copy {
	buf *out;
	const char *skip;
} query_copy;

/* Appends one query argument, percent-encoded, unless it is the one skipped. */
static enum MHD_Result query_copy_one(void *cls, enum MHD_ValueKind kind, const char *key,
				      const char *value)
{
	(void)kind;
	query_copy *q = cls;
	if (strcmp(key, q->skip) == 0 || !utf8_valid(key, strlen(key)) ||
	    (value && !utf8_valid(value, strlen(value))))
		return MHD_YES;
	for (int part = 0; part < 2; part++) {
		const char *s = part ? (value ? value : "") : key;
		if (part)
			buf_putc(q->out, '=');
		for (; *s; s++) {
			unsigned char c = (unsigned char)*s;
			if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
			    c == '-' || c == '_' || c == '.' || c == '~')
				buf_putc(q->out, (char)c);
			else
				buf_printf(q->out, "%%%02X", c);
		}
	}
	buf_putc(q->out, '&');
	return MHD_YES;
}

const char *rq_query_without(request *rq, const char *skip)
{
	buf b;
	buf_init(&b);
	query_copy q = {&b, skip};
	MHD_get_connection_values(rq->conn, MHD_GET_ARGUMENT_KIND, query_copy_one, &q);
	const char *out = arena_strndup(&rq->arena, b.data ? b.data : "", b.len);
	buf_free(&b);
	return out;
}

const char *rq_base_url(request *rq)
{
	if (rq->server->cfg->public_url)
		return rq->server->cfg->public_url;
	const char *host = rq_header(rq, "Host");
	if (!host || !*host || strpbrk(host, " \"<>\\/"))
		host = "127.0.0.1";
	return arena_printf(&rq->arena, "%s://%s", rq->secure ? "https" : "http", host);
}

const mail_config *rq_mail_config(request *rq)
{
	return &rq->server->cfg->mail;
}

void rq_kick_mailer(request *rq)
{
	pthread_mutex_lock(&rq->server->lock);
	pthread_cond_signal(&rq->server->mailer_wake);
	pthread_mutex_unlock(&rq->server->lock);
}

bg_status rq_rate_limit(request *rq, rl_kind kind, const char *key, bg_error *err)
{
	int retry = 1;
	const char *k = arena_printf(&rq->arena, "%d:%s", (int)kind, key ? key : "");
	if (ratelimit_take(rq->server->limits[kind], k, date_now(), &retry))
		return BG_OK;
	bg_fail(err, BG_ERR_RATE_LIMITED, "rate_limited", NULL,
		N_("Too many attempts; please wait a moment and try again."));
	if (err)
		err->retry_after = retry;
	return BG_ERR_RATE_LIMITED;
}

void rs_header(request *rq, response *rs, const char *name, const char *value)
{
	http_header *h = arena_alloc(&rq->arena, sizeof *h);
	h->name = name;
	h->value = arena_strdup(&rq->arena, value);
	h->next = rs->headers;
	rs->headers = h;
}

void rs_cookie(request *rq, response *rs, const char *name, const char *value, int max_age,
	       bool http_only)
{
	rs_header(rq, rs, MHD_HTTP_HEADER_SET_COOKIE,
		  arena_printf(&rq->arena, "%s=%s; Path=/; Max-Age=%d; SameSite=Lax%s%s", name,
			       value, max_age, http_only ? "; HttpOnly" : "",
			       rq->secure ? "; Secure" : ""));
}

void rs_redirect(request *rq, response *rs, const char *location)
{
	rs->status = 303;
	rs_header(rq, rs, MHD_HTTP_HEADER_LOCATION, location);
	rs->content_type = "text/plain; charset=utf-8";
	buf_reset(&rs->body);
}

/* --- errors, whichever face --- */

static bool is_api_path(const char *path)
{
	return strncmp(path, "/api/", 5) == 0 || strcmp(path, "/api") == 0;
}

static void server_error(request *rq, response *rs, bool page, bg_status st, const char *code,
			 const char *msgid)
{
	bg_error err;
	bg_fail(&err, st, code, NULL, msgid);
	if (page && page_error_renderer)
		page_error_renderer(rq, rs, &err);
	else
		reply_error(rq, rs, &err);
}

/* --- static assets --- */

static const char *asset_type(const char *name)
{
	const char *dot = strrchr(name, '.');
	if (!dot)
		return "application/octet-stream";
	if (!strcmp(dot, ".css"))
		return "text/css; charset=utf-8";
	if (!strcmp(dot, ".js"))
		return "text/javascript; charset=utf-8";
	if (!strcmp(dot, ".svg"))
		return "image/svg+xml";
	if (!strcmp(dot, ".png"))
		return "image/png";
	if (!strcmp(dot, ".woff2"))
		return "font/woff2";
	if (!strcmp(dot, ".ico"))
		return "image/x-icon";
	return "application/octet-stream";
}

static void serve_asset(request *rq, response *rs)
{
	const char *name = rq->path + strlen("/static/");
	int i = 0;
	const embed_file *f = embedded_assets;
	for (; f->name && strcmp(f->name, name) != 0; f++, i++)
		;
	if (!f->name || i >= 64) {
		server_error(rq, rs, false, BG_ERR_NOT_FOUND, "not_found", N_("This page does not exist."));
		return;
	}
	const char *etag = rq->server->asset_etags[i];
	rs_header(rq, rs, MHD_HTTP_HEADER_ETAG, etag);
	rs_header(rq, rs, MHD_HTTP_HEADER_CACHE_CONTROL, "public, max-age=86400");
	const char *inm = rq_header(rq, MHD_HTTP_HEADER_IF_NONE_MATCH);
	if (inm && strstr(inm, etag)) {
		rs->status = 304;
		return;
	}
	rs->status = 200;
	rs->content_type = asset_type(name);
	rs->static_body = f->data;
	rs->static_len = f->size;
}

static void compute_asset_etags(server_ctx *s)
{
	int i = 0;
	for (const embed_file *f = embedded_assets; f->name && i < 64; f++, i++) {
		unsigned char h[8];
		crypto_generichash(h, sizeof h, f->data, f->size, NULL, 0);
		snprintf(s->asset_etags[i], sizeof s->asset_etags[i], "\"%02x%02x%02x%02x%02x%02x%02x%02x\"",
			 h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7]);
	}
}

/* --- authentication and CSRF --- */

static void authenticate(request *rq)
{
	const char *authz = rq_header(rq, MHD_HTTP_HEADER_AUTHORIZATION);
	if (authz && strncasecmp(authz, "Bearer ", 7) == 0) {
		int64_t pid;
		if (apitoken_lookup(rq->db, authz + 7, &pid, NULL) == BG_OK) {
			rq->auth = AUTH_TOKEN;
			rq->person_id = pid;
		}
		return; /* a bad token never falls back to the cookie */
	}
	const char *cookie = rq_cookie(rq, HTTP_SESSION_COOKIE);
	int64_t pid;
	if (cookie && session_lookup(rq->db, cookie, &pid, rq->csrf, NULL) == BG_OK) {
		rq->auth = AUTH_SESSION;
		rq->person_id = pid;
		rq->session_token = cookie;
	}
}

/* An unsafe method needs proof that the request comes from our own page:
 * with a session, its CSRF token (header or form field); anonymous forms
 * use a double-submit cookie.  Bearer tokens and anonymous JSON endpoints
 * (ROUTE_NO_CSRF, which also demand Content-Type: application/json, which
 * a cross-site form cannot send) need nothing more. */
static bool csrf_ok(request *rq, const route *r)
{
	if (rq->method & (HTTP_GET | HTTP_HEAD))
		return true;
	if (rq->auth == AUTH_TOKEN)
		return true;
	if (rq->auth == AUTH_NONE && (r->flags & ROUTE_NO_CSRF))
		return true;
	const char *given = rq_header(rq, "X-CSRF-Token");
	if (!given) {
		const char *ct = rq_header(rq, MHD_HTTP_HEADER_CONTENT_TYPE);
		if (ct && (strncasecmp(ct, "application/x-www-form-urlencoded", 33) == 0 ||
			   strncasecmp(ct, "multipart/form-data", 19) == 0)) {
			const form *f = rq_form(rq, NULL);
			given = f ? form_get(f, "csrf_token") : NULL;
		}
	}
	if (!given || !*given)
		return false;
	if (rq->auth == AUTH_SESSION)
		return secret_equal(given, rq->csrf);
	const char *cookie = rq_cookie(rq, HTTP_CSRF_COOKIE);
	return cookie && *cookie && secret_equal(given, cookie);
}

/* --- processing --- */

static void choose_language(request *rq)
{
	const char *l = i18n_supported(rq_query(rq, "lang"));
	if (!l)
		l = i18n_supported(rq_cookie(rq, HTTP_LANG_COOKIE));
	if (!l)
		l = i18n_negotiate(rq_header(rq, MHD_HTTP_HEADER_ACCEPT_LANGUAGE));
	rq->lang = l;
}

static void process(request *rq, response *rs)
{
	bool page = !is_api_path(rq->path);
	if (!utf8_valid(rq->path, strlen(rq->path))) {
		server_error(rq, rs, page, BG_ERR_INVALID, "invalid_utf8", N_("The address is not valid UTF-8."));
		return;
	}
	if (rq->body_too_large) {
		server_error(rq, rs, page, BG_ERR_TOO_LARGE, "body_too_large",
			     N_("The request is too large (1 MiB at most)."));
		return;
	}
	if (strncmp(rq->path, "/static/", 8) == 0 && (rq->method & (HTTP_GET | HTTP_HEAD))) {
		serve_asset(rq, rs);
		return;
	}
	const route *r = NULL;
	unsigned allowed = 0;
	route_match m = router_find(rq, &r, &allowed);
	if (m == ROUTE_NO_PATH) {
		server_error(rq, rs, page, BG_ERR_NOT_FOUND, "not_found", N_("This page does not exist."));
		return;
	}
	if (m == ROUTE_BAD_METHOD) {
		char allow[80] = "";
		const char *names[] = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"};
		for (int i = 0; i < 6; i++)
			if (allowed & (1u << i))
				snprintf(allow + strlen(allow), sizeof allow - strlen(allow), "%s%s",
					 allow[0] ? ", " : "", names[i]);
		rs_header(rq, rs, MHD_HTTP_HEADER_ALLOW, allow);
		bg_error err;
		bg_fail(&err, BG_ERR_INVALID, "method_not_allowed", NULL,
			N_("This method is not allowed here."));
		page ? (page_error_renderer ? page_error_renderer(rq, rs, &err) : reply_error(rq, rs, &err))
		     : reply_error(rq, rs, &err);
		rs->status = 405;
		return;
	}
	page = (r->flags & ROUTE_PAGE) != 0;
	rq->db = server_db(rq->server);
	if (!rq->db) {
		server_error(rq, rs, page, BG_ERR_UNAVAILABLE, "db_unavailable",
			     N_("The service is busy; please try again."));
		return;
	}
	authenticate(rq);
	if ((r->flags & ROUTE_AUTH) && rq->auth == AUTH_NONE) {
		if (page) {
			rs_redirect(rq, rs, arena_printf(&rq->arena, "/login?next=%s", rq->path));
			return;
		}
		server_error(rq, rs, false, BG_ERR_UNAUTHENTICATED, "unauthenticated", N_("Please log in."));
		return;
	}
	if (!csrf_ok(rq, r)) {
		server_error(rq, rs, page, BG_ERR_FORBIDDEN, "csrf_failed",
			     N_("The form has expired or did not come from this site; please try again."));
		return;
	}
	/* A GET or HEAD runs in one read transaction: one consistent snapshot,
	 * and the WAL locks are taken once instead of once per statement. */
	bool read_txn = (rq->method & (HTTP_GET | HTTP_HEAD)) && db_begin(rq->db, DB_READ, NULL) == BG_OK;
	r->handler(rq, rs);
	if (read_txn && db_in_txn(rq->db))
		db_rollback(rq->db);
	else if (db_in_txn(rq->db)) {
		log_msg(LOG_ERROR, "handler for %s left a transaction open; rolled back", r->pattern);
		db_rollback(rq->db);
	}
}

static void add_common_headers(request *rq, struct MHD_Response *resp, const response *rs, bool page)
{
	MHD_add_response_header(resp, "X-Request-Id", rq->id);
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
	if (page || (rs->content_type && strncmp(rs->content_type, "text/html", 9) == 0)) {
		MHD_add_response_header(resp, "X-Frame-Options", "DENY");
		MHD_add_response_header(resp, "Content-Security-Policy",
					"default-src 'self'; img-src 'self' data:; object-src 'none';"
					" frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
	}
	bool has_cache = false;
	for (const http_header *h = rs->headers; h; h = h->next) {
		MHD_add_response_header(resp, h->name, h->value);
		if (strcasecmp(h->name, MHD_HTTP_HEADER_CACHE_CONTROL) == 0)
			has_cache = true;
	}
	if (!has_cache)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	if (rs->content_type)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, rs->content_type);
}

static enum MHD_Result queue(request *rq, struct MHD_Connection *c, response *rs)
{
	struct MHD_Response *resp;
	if (rs->static_body) {
		resp = MHD_create_response_from_buffer(rs->static_len, (void *)rs->static_body,
						       MHD_RESPMEM_PERSISTENT);
	} else {
		size_t len;
		char *data = buf_detach(&rs->body, &len);
		resp = MHD_create_response_from_buffer(len, data, MHD_RESPMEM_MUST_FREE);
	}
	if (!resp)
		return MHD_NO;
	add_common_headers(rq, resp, rs, !is_api_path(rq->path));
	enum MHD_Result ok = MHD_queue_response(c, (unsigned)rs->status, resp);
	MHD_destroy_response(resp);
	return ok;
}

/* A request id: a random per-thread prefix and a counter (no system call
 * per request, unique across threads and restarts in practice). */
static void request_new_id(char id[17])
{
	static __thread uint32_t prefix, counter;
	if (!prefix)
		prefix = randombytes_random() | 1u;
	snprintf(id, 17, "%08x%08x", prefix, ++counter);
}

static request *request_new(server_ctx *s, struct MHD_Connection *c, const char *url,
			    const char *method)
{
	request *rq = thread_slot >= 0 ? s->spares[thread_slot] : NULL;
	if (rq) {
		s->spares[thread_slot] = NULL;
		arena kept = rq->arena;
		memset(rq, 0, sizeof *rq);
		rq->arena = kept;
	} else {
		rq = calloc(1, sizeof *rq);
		if (!rq)
			abort();
		arena_init(&rq->arena);
	}
	buf_init(&rq->body);
	pthread_mutex_lock(&s->lock);
	s->active++;
	pthread_mutex_unlock(&s->lock);
	rq->conn = c;
	rq->server = s;
	rq->started_us = now_us();
	rq->method = http_method_parse(method);
	rq->method_name = arena_strdup(&rq->arena, method);
	rq->path = arena_strdup(&rq->arena, url);
	request_new_id(rq->id);
	const char *proto = s->cfg->trust_proxy ? MHD_lookup_connection_value(c, MHD_HEADER_KIND,
									       "X-Forwarded-Proto") : NULL;
	rq->secure = proto && strcasecmp(proto, "https") == 0;
	return rq;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
				  const char *method, const char *version, const char *upload_data,
				  size_t *upload_data_size, void **con_cls)
{
	(void)version;
	server_ctx *s = cls;
	request *rq = *con_cls;
	if ((void *)rq == &healthz_marker) {
		/* second call: queueing on the first would make MHD drop keep-alive */
		if (s->cfg->access_log)
			log_access("-", method, url, 200, 0);
		return MHD_queue_response(c, MHD_HTTP_OK, s->healthz);
	}
	if (!rq) {
		if (strcmp(url, "/healthz") == 0 && strcmp(method, "GET") == 0) {
			*con_cls = &healthz_marker;
			return MHD_YES;
		}
		rq = request_new(s, c, url, method);
		*con_cls = rq;
		const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
							     MHD_HTTP_HEADER_CONTENT_LENGTH);
		if (cl && strtoull(cl, NULL, 10) > HTTP_MAX_BODY) {
			rq->body_too_large = true;
			if (strtoull(cl, NULL, 10) > HTTP_MAX_DISCARD) {
				/* far too large to read through: answer now, MHD closes */
				response rs = {.status = 413};
				buf_init(&rs.body);
				choose_language(rq);
				server_error(rq, &rs, !is_api_path(rq->path), BG_ERR_TOO_LARGE,
					     "body_too_large", N_("The request is too large (1 MiB at most)."));
				rq->status = rs.status;
				return queue(rq, c, &rs);
			}
		}
		return MHD_YES;
	}
	if (*upload_data_size > 0) {
		/* Over the cap, the rest is read and dropped (up to HTTP_MAX_DISCARD)
		 * so that the client, still sending, can read the 413 answer. */
		rq->body_seen += *upload_data_size;
		if (!rq->body_too_large && rq->body_seen > HTTP_MAX_BODY) {
			rq->body_too_large = true;
			buf_free(&rq->body);
		}
		if (rq->body_seen > HTTP_MAX_DISCARD)
			return MHD_NO;
		if (!rq->body_too_large)
			buf_append(&rq->body, upload_data, *upload_data_size);
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (rq->status)
		return MHD_YES; /* already answered (413) */
	response rs = {.status = 200, .content_type = "application/json"};
	buf_init(&rs.body);
	choose_language(rq);
	process(rq, &rs);
	rq->status = rs.status;
	return queue(rq, c, &rs);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	(void)c;
	(void)toe;
	server_ctx *s = cls;
	request *rq = *con_cls;
	*con_cls = NULL;
	if (!rq || (void *)rq == &healthz_marker)
		return;
	pthread_mutex_lock(&s->lock);
	s->active--;
	pthread_mutex_unlock(&s->lock);
	if (s->cfg->access_log)
		log_access(rq->id, rq->method_name, rq->path, rq->status ? rq->status : 500,
			   now_us() - rq->started_us);
	buf_free(&rq->body);
	if (thread_slot >= 0 && !s->spares[thread_slot]) {
		/* keep it (and its arena's first chunk) for this thread's next request */
		arena_reset(&rq->arena);
		s->spares[thread_slot] = rq;
	} else {
		arena_free_all(&rq->arena);
		free(rq);
	}
}

/* Sends due mail every few seconds, or at once when kicked. */
static void *mailer_main(void *arg)
{
	server_ctx *s = arg;
	db *d = NULL;
	if (db_open(s->cfg->db_path, false, &d, NULL) != BG_OK)
		return NULL;
	enum { MAX_TICKS = 16 };
	int64_t last_run[MAX_TICKS] = {0};
	pthread_mutex_lock(&s->lock);
	while (!s->stopping) {
		pthread_mutex_unlock(&s->lock);
		int64_t now = date_now();
		for (int i = 0; i < MAX_TICKS && http_ticks[i].run; i++) {
			const server_tick *t = &http_ticks[i];
			bool due = last_run[i] == 0 || (t->every_seconds > 0 && now - last_run[i] >= t->every_seconds);
			if (!due)
				continue;
			last_run[i] = now;
			t->run(d, s->cfg->db_path, now, s->cfg->public_url);
		}
		outbox_deliver_due(d, &s->cfg->mail);
		pthread_mutex_lock(&s->lock);
		if (s->stopping)
			break;
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += 2;
		pthread_cond_timedwait(&s->mailer_wake, &s->lock, &until);
	}
	pthread_mutex_unlock(&s->lock);
	db_close(d);
	return NULL;
}

/* Lets the requests in flight finish and their answers go out before the
 * daemon closes every connection: a short grace for requests already sent
 * but not yet read, then until none is active (30 s at most). */
static void server_drain(server_ctx *s)
{
	struct timespec tick = {0, 10 * 1000 * 1000};
	for (int i = 0; i < 3000; i++) {
		pthread_mutex_lock(&s->lock);
		int active = s->active;
		pthread_mutex_unlock(&s->lock);
		if (active == 0 && i >= 10)
			return;
		nanosleep(&tick, NULL);
	}
	log_msg(LOG_WARN, "stopping with requests still in flight");
}

static bool parse_listen(const char *listen, struct sockaddr_in *sa)
{
	char host[64];
	const char *colon = strrchr(listen, ':');
	if (!colon || (size_t)(colon - listen) >= sizeof host)
		return false;
	memcpy(host, listen, (size_t)(colon - listen));
	host[colon - listen] = '\0';
	char *end;
	long port = strtol(colon + 1, &end, 10);
	if (*end || port < 0 || port > 65535)
		return false;
	memset(sa, 0, sizeof *sa);
	sa->sin_family = AF_INET;
	sa->sin_port = htons((uint16_t)port);
	return inet_pton(AF_INET, host, &sa->sin_addr) == 1;
}

int server_run(const server_config *cfg)
{
	struct sockaddr_in sa;
	if (!parse_listen(cfg->listen, &sa)) {
		fprintf(stderr, "bigre: --listen wants IPV4:PORT, e.g. 127.0.0.1:8080\n");
		return 2;
	}
	server_ctx *s = calloc(1, sizeof *s);
	if (!s)
		abort();
	s->cfg = cfg;
	pthread_mutex_init(&s->lock, NULL);
	pthread_cond_init(&s->mailer_wake, NULL);
	compute_asset_etags(s);
	/* login: 30 tries per address then 1 a second; 10 per account then 1 a
	 * minute; public forms: 20 per address then 1 every 10 seconds */
	s->limits[RL_LOGIN_ADDRESS] = ratelimit_new(30, 1);
	s->limits[RL_LOGIN_ACCOUNT] = ratelimit_new(10, 60);
	s->limits[RL_PUBLIC_FORM] = ratelimit_new(20, 10);
	static char health[128];
	snprintf(health, sizeof health, "{\"status\":\"ok\",\"version\":\"%s\"}", bigre_version);
	s->healthz = MHD_create_response_from_buffer(strlen(health), health, MHD_RESPMEM_PERSISTENT);
	MHD_add_response_header(s->healthz, MHD_HTTP_HEADER_CONTENT_TYPE, "application/json");
	MHD_add_response_header(s->healthz, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");

	/* Signals are taken by sigwait() below, never by a worker thread. */
	sigset_t sigs;
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);

	int threads = cfg->threads > 0 ? cfg->threads : (int)sysconf(_SC_NPROCESSORS_ONLN);
	if (threads < 1)
		threads = 1;
	s->daemon = MHD_start_daemon(
		MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC | MHD_USE_ERROR_LOG, 0, NULL, NULL,
		on_request, s, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
		MHD_OPTION_THREAD_POOL_SIZE, (unsigned)threads, MHD_OPTION_CONNECTION_TIMEOUT,
		(unsigned)(cfg->timeout_seconds > 0 ? cfg->timeout_seconds : 30),
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(16 * 1024), MHD_OPTION_CONNECTION_LIMIT,
		(unsigned)4096, MHD_OPTION_LISTENING_ADDRESS_REUSE, (unsigned)1,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, s, MHD_OPTION_END);
	if (!s->daemon) {
		fprintf(stderr, "bigre: cannot listen on %s\n", cfg->listen);
		MHD_destroy_response(s->healthz);
		free(s);
		return 1;
	}
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
	char host[INET_ADDRSTRLEN];
	inet_ntop(AF_INET, &sa.sin_addr, host, sizeof host);
	printf("listening on http://%s:%u\n", host, info ? info->port : ntohs(sa.sin_port));
	fflush(stdout);
	log_msg(LOG_INFO, "bigre %s serving %s with %d threads", bigre_version, cfg->db_path, threads);
	pthread_create(&s->mailer, NULL, mailer_main, s);

	int sig = 0;
	sigwait(&sigs, &sig);
	log_msg(LOG_INFO, "signal %d: stopping", sig);
	MHD_quiesce_daemon(s->daemon); /* no new connection from here */
	server_drain(s);
	MHD_stop_daemon(s->daemon);
	pthread_mutex_lock(&s->lock);
	s->stopping = true;
	pthread_cond_signal(&s->mailer_wake);
	pthread_mutex_unlock(&s->lock);
	pthread_join(s->mailer, NULL);
	for (int i = 0; i < s->ndbs; i++) {
		db_close(s->dbs[i]);
		if (s->spares[i]) {
			arena_free_all(&s->spares[i]->arena);
			free(s->spares[i]);
		}
	}
	MHD_destroy_response(s->healthz);
	for (int i = 0; i < RL_KIND_COUNT; i++)
		ratelimit_free(s->limits[i]);
	pthread_cond_destroy(&s->mailer_wake);
	pthread_mutex_destroy(&s->lock);
	free(s);
	log_msg(LOG_INFO, "stopped");
	return 0;
}
