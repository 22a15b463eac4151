/*
 * testdb.h — a fresh, migrated SQLite *file* database for unit tests
 * (a real file in a temporary folder, WAL and all, not :memory:).
 */
#ifndef BG_TESTDB_H
#define BG_TESTDB_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sodium.h>
#include "core/i18n.h"
#include "auth/authz.h"
#include "auth/password.h"
#include "db/db.h"
#include "db/migrate.h"

/* The id SQLite gave the last row inserted (db_sqlite.c): for the fixtures
 * of these tests only.  The program's inserts return their id (INSERT …
 * RETURNING id, docs/architecture.md), so db.h does not declare it. */
int64_t db_last_id(db *d);

static char testdb_dir[64];

static inline db *testdb_open(void)
{
	if (sodium_init() < 0)
		abort();
	i18n_init();
	password_init();
	strcpy(testdb_dir, "/tmp/bigre-unit-XXXXXX");
	if (!mkdtemp(testdb_dir))
		abort();
	char path[128];
	snprintf(path, sizeof path, "%s/test.db", testdb_dir);
	db *d = NULL;
	if (db_open(path, true, &d, NULL) != BG_OK || migrate_apply(d, authz_rules_sync, NULL, NULL) != BG_OK)
		abort();
	return d;
}

static inline void testdb_close(db *d)
{
	char cmd[160];
	db_close(d);
	snprintf(cmd, sizeof cmd, "rm -rf %s", testdb_dir);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", testdb_dir);
}

#endif
