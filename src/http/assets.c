/*
 * assets.c — the embedded static assets (CSS, icons) as the server serves
 * them (see server_internal.h).
 *
 * Each asset is hashed once at start: the hash is its ETag and part of its
 * versioned URL (/static/bigre.<hash>.css), which pages link through
 * rq_asset_url, so that a browser may keep it a year and still sees a new
 * one the moment the binary changes.  Text assets worth it are gzipped
 * once, at level 9, rather than on every request.  Nothing here answers an
 * error: the server does, so this file needs nothing of server.c.
 */
#include "http/server_internal.h"
#include "http/encoding.h"
#include <sodium.h>
#include <stdio.h>
#include <string.h>

/* The Content-Type of an asset, from its name's extension. */
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

/* An embedded asset by name (server_internal.h). */
bool server_asset_serve(request *rq, response *rs)
{
	const char *name = rq->path + strlen("/static/");
	server_ctx *s = rq->server;
	const served_asset *a = NULL;
	bool versioned = false;
	for (int i = 0; i < s->nassets && !a; i++) {
		versioned = strcmp(s->assets[i].versioned, name) == 0;
		if (versioned || strcmp(s->assets[i].file->name, name) == 0)
			a = &s->assets[i];
	}
	if (!a)
		return false;
	rs_header(rq, rs, MHD_HTTP_HEADER_ETAG, a->etag);
	rs_header(rq, rs, MHD_HTTP_HEADER_CACHE_CONTROL,
		  versioned ? "public, max-age=31536000, immutable" : "public, max-age=3600");
	rs->status = 200;
	rs->content_type = asset_type(name);
	rs->static_body = a->file->data;
	rs->static_len = a->file->size;
	if (a->gzip.len) {
		rs->static_gzip = a->gzip.data;
		rs->static_gzip_len = a->gzip.len;
	}
	return true;
}

const char *rq_asset_url(request *rq, const char *name)
{
	const server_ctx *s = rq->server;
	for (int i = 0; i < s->nassets; i++)
		if (strcmp(s->assets[i].file->name, name) == 0)
			return s->assets[i].url;
	return arena_printf(&rq->arena, "/static/%s", name);
}

/* Every asset's validator, versioned URL and gzip form (server_internal.h). */
void server_assets_prepare(server_ctx *s)
{
	for (const embed_file *f = embedded_assets; f->name && s->nassets < SERVER_MAX_ASSETS; f++) {
		served_asset *a = &s->assets[s->nassets++];
		a->file = f;
		unsigned char h[8];
		crypto_generichash(h, sizeof h, f->data, f->size, NULL, 0);
		char hex[17];
		sodium_bin2hex(hex, sizeof hex, h, sizeof h);
		snprintf(a->etag, sizeof a->etag, "\"%s\"", hex);
		const char *dot = strrchr(f->name, '.');
		int stem = dot ? (int)(dot - f->name) : (int)strlen(f->name);
		snprintf(a->url, sizeof a->url, "/static/%.*s.%s%s", stem, f->name, hex, dot ? dot : "");
		a->versioned = a->url + strlen("/static/");
		buf_init(&a->gzip);
		if (http_type_compressible(asset_type(f->name)) && f->size >= HTTP_COMPRESS_MIN &&
		    !http_gzip(&a->gzip, f->data, f->size, 9))
			buf_free(&a->gzip);
	}
}

/* Frees what server_assets_prepare made. */
void server_assets_release(server_ctx *s)
{
	for (int i = 0; i < s->nassets; i++)
		buf_free(&s->assets[i].gzip);
}
