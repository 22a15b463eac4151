/*
 * request.c — the request and response accessors of http.h: headers,
 * cookies, the query, path parameters, forms and uploaded files (parsed on
 * first use, into the request's arena), the client's address, the site's
 * base URL, rate limits, and the headers, cookies and redirections of the
 * response.
 *
 * They read the request and the server's state (server_ctx) and call
 * nothing of server.c, so reply.c and every face may use them without a
 * circle through the server.  Every string they hand back lives in the
 * request's arena or in the request itself.
 */
#include "http/server_internal.h"
#include "core/date.h"
#include "core/utf8.h"
#include "http/form.h"
#include "http/multipart.h"
#include <arpa/inet.h>
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>


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
	const char *host = rq->host;
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
	bg_error_set(err, BG_ERR_RATE_LIMITED, "rate_limited", NULL,
		     N_("Too many attempts; please wait a moment and try again."));
	if (err)
		err->retry_after = retry;
	return BG_ERR_RATE_LIMITED;
}

/* Gives back the token rq_rate_limit took for kind and key. */
static void rq_rate_limit_refund(request *rq, rl_kind kind, const char *key)
{
	const char *k = arena_printf(&rq->arena, "%d:%s", (int)kind, key ? key : "");
	ratelimit_refund(rq->server->limits[kind], k, date_now());
}

void rq_login_succeeded(request *rq, const char *email)
{
	rq_rate_limit_refund(rq, RL_LOGIN_ADDRESS, rq_client_address(rq));
	rq_rate_limit_refund(rq, RL_LOGIN_ACCOUNT, email);
}

buf *rs_body(response *rs, const char *content_type)
{
	assert(content_type && strncmp(content_type, "text/html", 9) != 0);
	rs->content_type = content_type;
	buf_reset(&rs->body);
	return &rs->body;
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
