/*
 * migrate.c — numbered schema migrations (see migrate.h).
 *
 * Which migrations a database has is recorded migration by migration in
 * the table schema_migrations, not only as the highest number applied
 * (PRAGMA user_version, still kept as that highest number for the tools
 * that read it).  The difference matters when branches land out of order:
 * a migration numbered below one a database already has (016 landed after
 * 018 and 021) would be skipped forever by a "numbers above user_version"
 * rule.  Here every embedded migration not recorded is applied, in number
 * order, each in its own write transaction together with its record, so a
 * crash leaves the database between two whole migrations.
 *
 * Databases written before the table existed are taken to hold every
 * migration numbered up to their user_version (that was the rule then);
 * the table is filled accordingly the first time.  A database recording a
 * migration this binary does not embed was written by a newer bigre and
 * is refused.
 */
#include "db/migrate.h"
#include "core/date.h"
#include "core/embed.h"
#include "core/log.h"
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Migration number from a name like "003_hospitality.sql". */
static int migration_number(const char *name)
{
	return atoi(name);
}

/* True when this binary embeds a migration numbered n. */
static bool migration_known(int n)
{
	for (const embed_file *f = embedded_migrations; f->name; f++)
		if (migration_number(f->name) == n)
			return true;
	return false;
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

/* Creates the record of applied migrations if absent and, for a database
 * of the time before it, records every embedded migration numbered up to
 * its user_version.  Runs in the caller's write transaction. */
static bg_status migrate_record_init(db *d, bg_error *err)
{
	int current;
	bg_status st = migrate_current(d, &current, err);
	if (st != BG_OK)
		return st;
	if ((st = db_exec(d, err,
			  "CREATE TABLE IF NOT EXISTS schema_migrations ("
			  " number INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT",
			  NULL)) != BG_OK)
		return st;
	int64_t recorded = 0;
	if ((st = db_scalar(d, err, &recorded, NULL, "SELECT count(*) FROM schema_migrations", NULL)) != BG_OK)
		return st;
	if (recorded > 0 || current == 0)
		return BG_OK;
	for (const embed_file *f = embedded_migrations; f->name; f++) {
		int n = migration_number(f->name);
		if (n <= current &&
		    (st = db_exec(d, err, "INSERT INTO schema_migrations (number, name, applied_at) VALUES (?, ?, ?)",
				  "isi", n, f->name, date_now())) != BG_OK)
			return st;
	}
	return BG_OK;
}

/* Is migration n recorded as applied? */
static bg_status migrate_recorded(db *d, int n, bool *applied, bg_error *err)
{
	int64_t one = 0;
	return db_scalar(d, err, &one, applied, "SELECT 1 FROM schema_migrations WHERE number = ?", "i", n);
}

/* Fails with db_too_new when the database records a migration this binary
 * does not know. */
static bg_status migrate_refuse_newer(db *d, bg_error *err)
{
	db_stmt *q = db_query(d, "SELECT number FROM schema_migrations ORDER BY number", NULL);
	int r;
	bool unknown = false;
	while ((r = db_next(q)) == 1)
		if (!migration_known((int)db_int(q, 0)))
			unknown = true;
	if (r < 0 || db_done(q) != BG_OK)
		return bg_db_fail(err);
	if (unknown)
		return bg_fail(err, BG_ERR_CONFLICT, "db_too_new", NULL,
			       N_("This database was written by a newer version of bigre."));
	return BG_OK;
}

bg_status migrate_missing(db *d, int *missing, bg_error *err)
{
	assert(missing);
	*missing = 0;
	bool have_table = false;
	int64_t one = 0;
	bg_status st = db_scalar(d, err, &one, &have_table,
				 "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'", NULL);
	if (st != BG_OK)
		return st;
	for (const embed_file *f = embedded_migrations; f->name; f++) {
		bool applied = false;
		if (have_table && (st = migrate_recorded(d, migration_number(f->name), &applied, err)) != BG_OK)
			return st;
		if (!applied)
			(*missing)++;
	}
	return BG_OK;
}

/* The number of the last migration migrate_apply will apply (the highest
 * not recorded), 0 when none is missing: the seed runs in its transaction. */
static bg_status migrate_last_missing(db *d, int *last, bg_error *err)
{
	*last = 0;
	for (const embed_file *f = embedded_migrations; f->name; f++) {
		bool done = false;
		bg_status st = migrate_recorded(d, migration_number(f->name), &done, err);
		if (st != BG_OK)
			return st;
		if (!done && migration_number(f->name) > *last)
			*last = migration_number(f->name);
	}
	return BG_OK;
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
	int current, last = 0;
	bg_status st;
	if ((st = db_begin(d, DB_WRITE, err)) != BG_OK)
		return st;
	if ((st = migrate_current(d, &current, err)) != BG_OK ||
	    (st = migrate_record_init(d, err)) != BG_OK ||
	    (st = migrate_refuse_newer(d, err)) != BG_OK ||
	    (st = migrate_last_missing(d, &last, err)) != BG_OK ||
	    (st = db_commit(d, err)) != BG_OK) {
		db_rollback(d);
		return st;
	}
	if (current > migrate_latest())
		return bg_fail(err, BG_ERR_CONFLICT, "db_too_new", NULL,
			       N_("This database was written by a newer version of bigre."));
	int count = 0;
	/* embedded_migrations is sorted by name, so by number */
	for (const embed_file *f = embedded_migrations; f->name; f++) {
		int n = migration_number(f->name);
		bool done = false;
		if ((st = db_begin(d, DB_WRITE, err)) != BG_OK)
			return st;
		if ((st = migrate_recorded(d, n, &done, err)) != BG_OK) {
			db_rollback(d);
			return st;
		}
		if (done) {
			db_rollback(d);
			continue;
		}
		char bump[64];
		snprintf(bump, sizeof bump, "PRAGMA user_version = %d;", n > current ? n : current);
		bool differs = false;
		if ((st = db_exec_script(d, (const char *)f->data, err)) != BG_OK ||
		    (st = db_exec(d, err, "INSERT INTO schema_migrations (number, name, applied_at) VALUES (?, ?, ?)",
				  "isi", n, f->name, date_now())) != BG_OK ||
		    (st = db_exec_script(d, bump, err)) != BG_OK ||
		    (n == last && seed && (st = seed(d, true, &differs, err)) != BG_OK)) {
			log_msg(LOG_ERROR, "migration %s failed", f->name);
			db_rollback(d);
			return st;
		}
		if ((st = db_commit(d, err)) != BG_OK)
			return st;
		if (n > current)
			current = n;
		log_msg(LOG_DEBUG, "applied migration %s", f->name);
		count++;
	}
	if (applied)
		*applied = count;
	return count == 0 && seed ? migrate_seed_alone(d, seed, err) : BG_OK;
}
