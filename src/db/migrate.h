/*
 * migrate.h — numbered schema migrations.
 *
 * Migrations are the files src/db/migrations/NNN_name.sql, embedded in the
 * binary.  PRAGMA user_version holds the number of the last one applied.
 * Each migration runs in its own write transaction together with the
 * user_version bump, so a crash leaves the database at a whole version.
 * A database whose version is newer than the newest migration known to
 * this binary is refused (an older binary must not write to it).
 */
#ifndef BG_MIGRATE_H
#define BG_MIGRATE_H
#include "db/db.h"

/* The newest schema version this binary knows. */
int migrate_latest(void);
/* The database's current version. */
bg_status migrate_current(db *d, int *version, bg_error *err);
/* Applies what is missing; *applied counts them (may be NULL). */
bg_status migrate_apply(db *d, int *applied, bg_error *err);

#endif
