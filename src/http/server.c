/*
 * server.c — libmicrohttpd glue: request life cycle, limits, authentication,
 * CSRF, routing, the mail sender thread and clean shutdown.  The request's
 * accessors are in request.c, the static assets in assets.c (the layout:
 * server_internal.h); this file uses them and nothing uses this file but
 * the command line (server_run).
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
#include "http/server_internal.h"
#include "auth/session.h"
#include "core/date.h"
#include "core/embed.h"
#include "core/i18n.h"
#include "core/log.h"
#include "core/utf8.h"
#include "http/encoding.h"
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

/* --- errors, whichever face --- */

static bool is_api_path(const char *path)
{
	return strncmp(path, "/api/", 5) == 0 || strcmp(path, "/api") == 0;
}

static void server_error(request *rq, response *rs, bool page, bg_status st, const char *code,
			 const char *msgid)
{
	bg_error err;
	bg_error_set(&err, st, code, NULL, msgid);
	if (page && page_error_renderer)
		page_error_renderer(rq, rs, &err);
	else
		reply_error(rq, rs, &err);
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
	if (rq->bad_host) {
		server_error(rq, rs, false, BG_ERR_INVALID, "bad_host",
			     N_("The request must name its host once, in one Host header."));
		return;
	}
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
		if (!server_asset_serve(rq, rs))
			server_error(rq, rs, false, BG_ERR_NOT_FOUND, "not_found", N_("This page does not exist."));
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
		bg_error_set(&err, BG_ERR_INVALID, "method_not_allowed", NULL,
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

/* The headers every answer carries, /healthz's fast path included; html
 * adds those that only mean something for a page. */
static void add_security_headers(struct MHD_Response *resp, bool html)
{
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
	if (html) {
		MHD_add_response_header(resp, "X-Frame-Options", "DENY");
		MHD_add_response_header(resp, "Content-Security-Policy",
					"default-src 'self'; img-src 'self' data:; object-src 'none';"
					" frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
	}
}

static void add_common_headers(request *rq, struct MHD_Response *resp, const response *rs, bool page)
{
	MHD_add_response_header(resp, "X-Request-Id", rq->id);
	add_security_headers(resp, page || (rs->content_type && strncmp(rs->content_type, "text/html", 9) == 0));
	/* a 304 carries the validators and the caching headers of the 200 it
	 * stands for, not the metadata of a body it does not have */
	bool not_modified = rs->status == MHD_HTTP_NOT_MODIFIED;
	bool has_cache = false;
	for (const http_header *h = rs->headers; h; h = h->next) {
		if (not_modified && strcasecmp(h->name, MHD_HTTP_HEADER_CONTENT_ENCODING) == 0)
			continue;
		MHD_add_response_header(resp, h->name, h->value);
		if (strcasecmp(h->name, MHD_HTTP_HEADER_CACHE_CONTROL) == 0)
			has_cache = true;
	}
	if (!has_cache)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	if (rs->content_type && !not_modified)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, rs->content_type);
}

/* The header of rs named name, or NULL. */
static http_header *rs_find_header(response *rs, const char *name)
{
	for (http_header *h = rs->headers; h; h = h->next)
		if (strcasecmp(h->name, name) == 0)
			return h;
	return NULL;
}

/* Compresses a text answer with gzip when the client accepts it: the
 * asset's gzip made at start, or the body from HTTP_COMPRESS_MIN bytes
 * on.  Every text answer says Vary: Accept-Encoding, compressed or not;
 * a compressed one gets its own entity tag ("…-gzip"). */
static void encode_response(request *rq, response *rs)
{
	if (!http_type_compressible(rs->content_type) || rs_find_header(rs, MHD_HTTP_HEADER_CONTENT_ENCODING))
		return;
	rs_header(rq, rs, MHD_HTTP_HEADER_VARY, MHD_HTTP_HEADER_ACCEPT_ENCODING);
	if (http_coding_quality(rq_header(rq, MHD_HTTP_HEADER_ACCEPT_ENCODING), "gzip") == 0)
		return;
	if (rs->static_body) {
		if (!rs->static_gzip)
			return;
		rs->static_body = rs->static_gzip;
		rs->static_len = rs->static_gzip_len;
	} else {
		if (rs->body.len < HTTP_COMPRESS_MIN)
			return;
		buf gz;
		buf_init(&gz);
		if (!http_gzip(&gz, rs->body.data, rs->body.len, SERVER_GZIP_LEVEL)) {
			log_msg(LOG_WARN, "gzip failed; %s sent uncompressed", rq->path);
			buf_free(&gz);
			return;
		}
		buf_free(&rs->body);
		rs->body = gz;
	}
	rs_header(rq, rs, MHD_HTTP_HEADER_CONTENT_ENCODING, "gzip");
	http_header *etag = rs_find_header(rs, MHD_HTTP_HEADER_ETAG);
	size_t n = etag ? strlen(etag->value) : 0;
	if (n >= 2 && etag->value[n - 1] == '"')
		etag->value = arena_printf(&rq->arena, "%.*s-gzip\"", (int)(n - 1), etag->value);
}

/* A GET or HEAD whose representation the client already holds (its
 * If-None-Match matches the ETag) is answered 304.  The body stays: MHD
 * sends no body with a 304 but its length as Content-Length, which is
 * what RFC 9110 §8.6 allows (the length a 200 would have). */
static void apply_preconditions(request *rq, response *rs)
{
	const http_header *etag = rs_find_header(rs, MHD_HTTP_HEADER_ETAG);
	if (rs->status == MHD_HTTP_OK && (rq->method & (HTTP_GET | HTTP_HEAD)) && etag &&
	    http_etag_matches(rq_header(rq, MHD_HTTP_HEADER_IF_NONE_MATCH), etag->value))
		rs->status = MHD_HTTP_NOT_MODIFIED;
}

static enum MHD_Result queue(request *rq, struct MHD_Connection *c, response *rs)
{
	encode_response(rq, rs);
	apply_preconditions(rq, rs);
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

/* The authority of an absolute-form target ("http://host:port/path", RFC
 * 9112 §3.2.2) into *authority (arena copy), and the path that follows,
 * which is what is routed; an origin-form target is returned as it is. */
static const char *target_path(arena *a, const char *url, const char **authority)
{
	size_t scheme = strncasecmp(url, "http://", 7) == 0 ? 7 : strncasecmp(url, "https://", 8) == 0 ? 8 : 0;
	if (!scheme)
		return url;
	const char *host = url + scheme;
	const char *path = host + strcspn(host, "/");
	*authority = arena_strndup(a, host, (size_t)(path - host));
	return *path ? path : "/";
}

typedef struct host_count {
	int n;
	const char *value;
} host_count;

/* Counts the Host header lines of a request (MHD keeps each line). */
static enum MHD_Result count_host(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	(void)kind;
	host_count *h = cls;
	if (strcasecmp(key, MHD_HTTP_HEADER_HOST) == 0) {
		h->n++;
		h->value = value;
	}
	return MHD_YES;
}

/* Does the request name its host as RFC 9112 §3.2 wants: exactly one Host
 * line, which HTTP/1.1 must send and HTTP/1.0 may omit?  *value is it. */
static bool host_ok(struct MHD_Connection *c, const char *version, const char **value)
{
	host_count h = {0, NULL};
	MHD_get_connection_values(c, MHD_HEADER_KIND, count_host, &h);
	*value = h.value;
	return h.n == 1 || (h.n == 0 && strcmp(version, MHD_HTTP_VERSION_1_1) != 0);
}

static request *request_new(server_ctx *s, struct MHD_Connection *c, const char *url,
			    const char *method, const char *version)
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
	const char *authority = NULL, *host = NULL;
	rq->path = arena_strdup(&rq->arena, target_path(&rq->arena, url, &authority));
	rq->bad_host = !host_ok(c, version, &host);
	rq->host = authority ? authority : host;
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
	server_ctx *s = cls;
	request *rq = *con_cls;
	if ((void *)rq == &healthz_marker) {
		/* second call: queueing on the first would make MHD drop keep-alive */
		if (s->cfg->access_log)
			log_access("-", method, url, 200, 0);
		return MHD_queue_response(c, MHD_HTTP_OK, s->healthz);
	}
	if (!rq) {
		const char *host;
		if (strcmp(url, "/healthz") == 0 && strcmp(method, "GET") == 0 && host_ok(c, version, &host)) {
			*con_cls = &healthz_marker;
			return MHD_YES;
		}
		rq = request_new(s, c, url, method, version);
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
	server_assets_prepare(s);
	/* login: 30 tries per address then 1 a second; 10 per account then 1 a
	 * minute; public forms: 20 per address then 1 every 10 seconds */
	s->limits[RL_LOGIN_ADDRESS] = ratelimit_new(30, 1);
	s->limits[RL_LOGIN_ACCOUNT] = ratelimit_new(10, 60);
	s->limits[RL_PUBLIC_FORM] = ratelimit_new(20, 10);
	static char health[128];
	snprintf(health, sizeof health, "{\"status\":\"ok\",\"version\":\"%s\"}", bigre_version);
	s->healthz = MHD_create_response_from_buffer(strlen(health), health, MHD_RESPMEM_PERSISTENT);
	/* the headers HEAD /healthz gets through the router, but X-Request-Id */
	add_security_headers(s->healthz, false);
	MHD_add_response_header(s->healthz, MHD_HTTP_HEADER_VARY, MHD_HTTP_HEADER_ACCEPT_ENCODING);
	MHD_add_response_header(s->healthz, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	MHD_add_response_header(s->healthz, MHD_HTTP_HEADER_CONTENT_TYPE, "application/json");

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
		server_assets_release(s);
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
	server_assets_release(s);
	free(s);
	log_msg(LOG_INFO, "stopped");
	return 0;
}
