/*
 * server.h — the HTTP server (libmicrohttpd, thread pool with epoll).
 *
 * Each worker thread opens its own database connection on first use;
 * connections are closed after the daemon has stopped.  SIGINT and SIGTERM
 * stop the server cleanly: no new connection is accepted, requests in
 * flight finish, the mail sender ends its current message, then the
 * database connections close.
 */
#ifndef BG_SERVER_H
#define BG_SERVER_H
#include <stdbool.h>
#include <stdint.h>
#include "db/db.h"
#include "mail/outbox.h"

typedef struct server_config {
	const char *db_path;
	const char *listen;      /* "127.0.0.1:8080"; port 0 picks a free one */
	int threads;             /* worker threads; 0 = number of CPUs */
	bool trust_proxy;        /* believe X-Forwarded-Proto / X-Forwarded-For */
	bool access_log;
	int timeout_seconds;     /* idle or slow connections are closed after it */
	const char *public_url;  /* "https://bigre.example.org": the base of the links in mail
				  * and pages (no trailing slash); NULL: from the Host header */
	mail_config mail;
} server_config;

/* The domains' periodic work (releases, reminders, digests, jobs left over
 * by a stopped server), run by the mail thread on its own connection before
 * it sends mail: every `every_seconds`, or once at start when 0.  run opens
 * and ends its own transactions; base_url is server_config.public_url.
 * The list is http_ticks[], ended by a NULL run, defined with the route
 * tables in src/cli/ so that the server names no domain. */
typedef struct server_tick {
	const char *name;
	int every_seconds;
	void (*run)(db *d, const char *db_path, int64_t now, const char *base_url);
} server_tick;
extern const server_tick http_ticks[];

/* Runs until SIGINT/SIGTERM; prints "listening on http://ADDR:PORT" on
 * stdout once ready.  Returns a process exit code. */
int server_run(const server_config *cfg);

/* The function that renders an error as an HTML page (set by web/). */
struct request;
struct response;
typedef void (*page_error_fn)(struct request *rq, struct response *rs, const bg_error *err);
void server_set_page_error(page_error_fn fn);

#endif
