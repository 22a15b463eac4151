/* migrate.c — numbered schema migrations (see migrate.h). */
#include "db/migrate.h"
#include "core/embed.h"
#include "core/log.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Migration number from a name like "003_hospitality.sql". */
static int migration_number(const char *name)
{
	return atoi(name);
}

int migrate_latest(void)
{
	int latest = 0;
	for (const embed_file *f = embedded_migrations; f->name; f++)
		if (migration_number(f->name) > latest)
			latest = migration_number(f->name);
	return latest;
}

bg_status migrate_current(db *d, int *version, bg_error *err)
{
	int64_t v = 0;
	bg_status st = db_scalar(d, err, &v, NULL, "PRAGMA user_version", NULL);
	*version = (int)v;
	return st;
}

bg_status migrate_apply(db *d, int *applied, bg_error *err)
{
	int current;
	bg_status st = migrate_current(d, &current, err);
	if (st != BG_OK)
		return st;
	if (current > migrate_latest())
		return bg_fail(err, BG_ERR_CONFLICT, "db_too_new", NULL,
			       N_("This database was written by a newer version of bigre."));
	int count = 0;
	/* embedded_migrations is sorted by name, so by number */
	for (const embed_file *f = embedded_migrations; f->name; f++) {
		int n = migration_number(f->name);
		if (n <= current)
			continue;
		if ((st = db_begin(d, DB_WRITE, err)) != BG_OK)
			return st;
		char bump[64];
		snprintf(bump, sizeof bump, "PRAGMA user_version = %d;", n);
		if ((st = db_exec_script(d, (const char *)f->data, err)) != BG_OK ||
		    (st = db_exec_script(d, bump, err)) != BG_OK) {
			log_msg(LOG_ERROR, "migration %s failed", f->name);
			db_rollback(d);
			return st;
		}
		if ((st = db_commit(d, err)) != BG_OK)
			return st;
		log_msg(LOG_DEBUG, "applied migration %s", f->name);
		count++;
	}
	if (applied)
		*applied = count;
	return BG_OK;
}
