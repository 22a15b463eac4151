/*
 * server_internal.h — what the files of the HTTP server share, and
 * nothing outside src/http/ includes: the server's state (server_ctx), the
 * static assets it serves, and their functions.
 *
 * The server is three files, each using only what is below it:
 *   request.c  the request and response accessors of http.h (headers,
 *              cookies, forms, the client's address, rate limits);
 *   assets.c   the embedded assets, hashed and compressed once at start;
 *   server.c   libmicrohttpd's glue: a request's life, authentication,
 *              CSRF, routing, the mail thread and the shutdown.
 * reply.c (the JSON answers) uses request.c; server.c uses all three.
 */
#ifndef BG_SERVER_INTERNAL_H
#define BG_SERVER_INTERNAL_H
#include <microhttpd.h>
#include <pthread.h>
#include <stdbool.h>
#include "core/buf.h"
#include "core/embed.h"
#include "http/http.h"
#include "http/ratelimit.h"
#include "http/server.h"

enum { SERVER_MAX_DBS = 256, SERVER_MAX_ASSETS = 64 };

/* zlib level of answers compressed per request: level 4 makes the demo's
 * directory CSV (110 kB) 17.0 kB in 1.7 ms, where level 6 makes it 14.9 kB
 * in 2.7 ms and level 1 20.6 kB in 1.0 ms; on 8 kB of JSON or HTML the
 * levels differ by 5 % (bench/README.md).  Assets are compressed once, at
 * level 9. */
#define SERVER_GZIP_LEVEL 4

/* An embedded asset as served: its validator, its versioned name, and its
 * gzip form (made at start, when it is text worth compressing). */
typedef struct served_asset {
	const embed_file *file;
	char etag[24];        /* "8596ccbb1e86c56e", quotes included */
	char url[144];        /* /static/bigre.8596ccbb1e86c56e.css */
	const char *versioned; /* in url: bigre.8596ccbb1e86c56e.css */
	buf gzip;             /* empty when not compressed */
} served_asset;

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
	served_asset assets[SERVER_MAX_ASSETS];
	int nassets;
	ratelimit *limits[RL_KIND_COUNT];
	int active; /* requests begun and not yet completed (under lock) */
};

/* Hashes every embedded asset once, names its versioned URL
 * ("stem.HASH.ext") and compresses the text ones worth it (assets.c). */
void server_assets_prepare(server_ctx *s);
/* Frees what server_assets_prepare made (assets.c). */
void server_assets_release(server_ctx *s);
/* GET /static/NAME: answers the embedded asset; false when there is none
 * of that name (the caller answers 404).  Under its versioned name (the
 * one pages link) it never changes, so caches keep it a year without
 * asking; under its plain name, an hour.  Compression and the 304 are the
 * server's (assets.c). */
bool server_asset_serve(request *rq, response *rs);

#endif
