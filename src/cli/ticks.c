/*
 * ticks.c — the domains' periodic work the server runs (server_tick in
 * src/http/server.h), listed here as routes.c lists the route tables, so
 * that the server names no domain.
 */
#include "core/log.h"
#include "http/server.h"
#include "hospitality/hospitality.h"
#include "network/network.h"

/* Hospitality: releases without check-in, lapsed offers, reminders, the
 * hosts' digest — in one write transaction. */
static void tick_hospitality(db *d, const char *db_path, int64_t now, const char *base_url)
{
	(void)db_path;
	bg_error err;
	if (db_begin(d, DB_WRITE, &err) != BG_OK) {
		log_msg(LOG_WARN, "hospitality tick: %s", err.code);
		return;
	}
	if (hospitality_tick(d, now, base_url, &err) >= 0 && db_commit(d, &err) == BG_OK)
		return;
	db_rollback(d);
	log_msg(LOG_WARN, "hospitality tick: %s", err.code);
}

/* Imports queued by a server that stopped before running them. */
static void tick_import_resume(db *d, const char *db_path, int64_t now, const char *base_url)
{
	(void)now;
	(void)base_url;
	net_import_jobs_resume(d, db_path);
}

const server_tick http_ticks[] = {
	{"imports left queued", 0, tick_import_resume},
	{"hospitality", 60, tick_hospitality},
	{NULL, 0, NULL},
};
