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

/* Brings the seeded rows up to date when no migration ran: reads first,
 * and takes the write lock only when they differ. */
static bg_status migrate_seed_alone(db *d, migrate_seed *seed, bg_error *err)
{
	bool differs = false;
	bg_status st = db_begin(d, DB_READ, err);
	if (st != BG_OK)
		return st;
	st = seed(d, false, &differs, err);
	db_rollback(d);
	if (st != BG_OK || !differs)
		return st;
	if ((st = db_begin(d, DB_WRITE, err)) != BG_OK)
		return st;
	if ((st = seed(d, true, &differs, err)) != BG_OK) {
		db_rollback(d);
		return st;
	}
	return db_commit(d, err);
}

bg_status migrate_apply(db *d, migrate_seed *seed, int *applied, bg_error *err)
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
		bool last = n == migrate_latest(), differs = false;
		if ((st = db_exec_script(d, (const char *)f->data, err)) != BG_OK ||
		    (st = db_exec_script(d, bump, err)) != BG_OK ||
		    (last && seed && (st = seed(d, true, &differs, err)) != BG_OK)) {
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
	return count == 0 && seed ? migrate_seed_alone(d, seed, err) : BG_OK;
}
