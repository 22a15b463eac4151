/*
 * http.h — requests, responses and routes, as handlers see them.
 *
 * The server (server.c) turns each libmicrohttpd request into a `request`:
 * its body read under a cap, its language chosen, the caller authenticated
 * (session cookie or Bearer token), the CSRF token checked for unsafe
 * methods, a database connection of the worker thread attached.  The router
 * (router.c) picks the handler; the handler fills a `response`.  All
 * per-request memory comes from rq->arena.
 *
 * Handlers stay thin: parse input, call one domain function inside one
 * transaction, render.  api/ renders JSON, web/ renders HTML.
 */
#ifndef BG_HTTP_H
#define BG_HTTP_H
#include <stdbool.h>
#include <stdint.h>
#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "db/db.h"
#include "http/form.h"
#include "http/multipart.h"
#include "mail/outbox.h"

#define HTTP_MAX_BODY (1024 * 1024)
#define HTTP_MAX_DISCARD (16 * 1024 * 1024) /* beyond this, the connection is cut */
#define HTTP_MAX_PARAMS 4
#define HTTP_SESSION_COOKIE "bigre_session"
#define HTTP_CSRF_COOKIE "bigre_csrf"
#define HTTP_LANG_COOKIE "bigre_lang"

typedef enum http_method {
	HTTP_GET = 1 << 0,
	HTTP_HEAD = 1 << 1,
	HTTP_POST = 1 << 2,
	HTTP_PUT = 1 << 3,
	HTTP_PATCH = 1 << 4,
	HTTP_DELETE = 1 << 5,
	HTTP_OTHER = 1 << 6,
} http_method;

typedef enum auth_kind { AUTH_NONE, AUTH_SESSION, AUTH_TOKEN } auth_kind;

typedef struct server_ctx server_ctx;

typedef struct request {
	arena arena;
	void *conn;             /* struct MHD_Connection */
	server_ctx *server;
	http_method method;
	const char *method_name;
	const char *path;       /* origin form: an absolute-form target loses "http://host" */
	const char *host;       /* the target's authority, else the Host header; NULL if none */
	bool bad_host;          /* no Host on HTTP/1.1, or several: answered 400 */
	char id[17];            /* request id, also sent as X-Request-Id */
	const char *lang;       /* "fr" or "en" */
	buf body;
	bool body_too_large;
	size_t body_seen;       /* bytes of body received, kept or not */
	db *db;
	/* authentication */
	auth_kind auth;
	int64_t person_id;      /* 0 when anonymous */
	char csrf[64];          /* the session's CSRF token */
	const char *session_token;
	bool secure;            /* https, directly or through a trusted proxy */
	/* routing */
	const char *params[HTTP_MAX_PARAMS];
	int nparams;
	form *form_cache;
	multipart *multipart_cache;
	int64_t started_us;
	int status;             /* the answer's status, for the access log */
} request;

typedef struct http_header {
	const char *name, *value;
	struct http_header *next;
} http_header;

typedef struct response {
	int status;
	const char *content_type;
	buf body;
	const void *static_body; /* when set, served instead of body (not copied) */
	size_t static_len;
	const void *static_gzip; /* static_body made gzip once, for clients that take it */
	size_t static_gzip_len;
	http_header *headers;
} response;

typedef void (*http_handler)(request *rq, response *rs);

enum route_flags {
	ROUTE_PUBLIC = 0,        /* no authentication needed */
	ROUTE_AUTH = 1 << 0,     /* 401 (API) / redirect to login (page) without it */
	ROUTE_PAGE = 1 << 1,     /* HTML face: errors as pages */
	ROUTE_NO_CSRF = 1 << 2,  /* anonymous JSON endpoint (login): see server.c */
};

typedef struct route {
	unsigned methods;        /* http_method bits */
	const char *pattern;     /* "/api/v1/tokens/{id}" */
	http_handler handler;
	unsigned flags;
} route;

/* Route tables, each ended by a route whose pattern is NULL; the list of
 * tables is in routes.c. */
extern const route *const http_route_tables[];

/* --- reading the request --- */
const char *rq_header(request *rq, const char *name);
const char *rq_cookie(request *rq, const char *name);
/* Query-string argument, decoded and checked to be UTF-8; NULL if absent
 * or not valid text. */
const char *rq_query(request *rq, const char *name);
/* Path parameter i as an id (>0), or 0 if not a plain positive integer. */
int64_t rq_param_id(request *rq, int i);
/* The form fields of the body, urlencoded or multipart/form-data (parsed
 * once); NULL with err set when the body is malformed. */
const form *rq_form(request *rq, bg_error *err);
/* A file sent in field of a multipart/form-data body, or NULL. */
const multipart_file *rq_file(request *rq, const char *field);
/* The query string without the argument skip, re-encoded, each argument
 * followed by '&' (so "…?" + it + "lang=en" is a valid link); "" if none. */
const char *rq_query_without(request *rq, const char *skip);
/* The base of absolute links (in mail): the server's --public-url when
 * given, else "http://host:port" the client used. */
const char *rq_base_url(request *rq);
const char *rq_client_address(request *rq);
const mail_config *rq_mail_config(request *rq);
/* Rate limits (per server, in memory): BG_ERR_RATE_LIMITED with
 * retry_after when key has used its share of kind. */
typedef enum rl_kind { RL_LOGIN_ADDRESS, RL_LOGIN_ACCOUNT, RL_PUBLIC_FORM, RL_KIND_COUNT } rl_kind;
bg_status rq_rate_limit(request *rq, rl_kind kind, const char *key, bg_error *err) BG_MUST_CHECK;
/* A login succeeded: the tokens its rq_rate_limit calls took for the
 * address and the account are given back, so only failures count. */
void rq_login_succeeded(request *rq, const char *email);
/* Wakes the mail sender (call after committing an outbox write). */
void rq_kick_mailer(request *rq);

/* --- writing the response --- */
void rs_header(request *rq, response *rs, const char *name, const char *value);
/* The body of a response that is NOT an HTML page (a CSV export, a file):
 * emptied, its Content-Type set to content_type.  A page is written
 * through web/page.h's page_html(rs) alone, never through this. */
buf *rs_body(response *rs, const char *content_type);
void rs_cookie(request *rq, response *rs, const char *name, const char *value, int max_age,
	       bool http_only);
void rs_redirect(request *rq, response *rs, const char *location);
/* The URL of an embedded asset (src/assets/name) with its content hash in
 * it, e.g. "/static/bigre.3f2a1c9b0d4e5f60.css", served as immutable. */
const char *rq_asset_url(request *rq, const char *name);

/* --- routing (router.c) --- */
typedef enum route_match { ROUTE_FOUND, ROUTE_NO_PATH, ROUTE_BAD_METHOD } route_match;
route_match router_find(request *rq, const route **out, unsigned *allowed);
http_method http_method_parse(const char *name);

#endif
