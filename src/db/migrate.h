/*
 * migrate.h — numbered schema migrations.
 *
 * Migrations are the files src/db/migrations/NNN_name.sql, embedded in the
 * binary.  The table schema_migrations records each one applied (so one
 * that lands after a higher number is still applied); PRAGMA user_version
 * holds the highest number applied.  Each migration runs in its own write
 * transaction together with its record, so a crash leaves the database
 * between two whole migrations.  A database recording a migration unknown
 * to this binary is refused (an older binary must not write to it).
 * Numbers are unique; a new migration takes the next number above every
 * one on main.
 */
#ifndef BG_MIGRATE_H
#define BG_MIGRATE_H
#include "db/db.h"

/* The newest schema version this binary knows. */
int migrate_latest(void);
/* The database's current version. */
bg_status migrate_current(db *d, int *version, bg_error *err) BG_MUST_CHECK;
/* How many embedded migrations the database has not applied (0 when it
 * is up to date). */
bg_status migrate_missing(db *d, int *missing, bg_error *err) BG_MUST_CHECK;
/* Rows the binary writes from its own tables once the schema is current
 * (the rights of auth/authz.c: authz_rules_sync).  With write false it only
 * tells (*differs) whether the stored rows differ; with write true, inside
 * a write transaction, it rewrites them when they do.  The db layer knows
 * nothing of what they are: the caller passes the function. */
typedef bg_status migrate_seed(db *d, bool write, bool *differs, bg_error *err);
/* Applies what is missing; *applied counts them (may be NULL).  Then seed
 * (NULL: none) brings its rows up to date: asked first in a read
 * transaction, with a write transaction opened only when the rows differ
 * (opening a current database for a read-only command writes nothing). */
bg_status migrate_apply(db *d, migrate_seed *seed, int *applied, bg_error *err) BG_MUST_CHECK;

#endif
