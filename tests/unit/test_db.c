/*
 * test_db.c — the storage interface (db/db.h) on a real SQLite file: how
 * the end of a query is told from a failed step; which migrations a
 * database has (db/migrate.h).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "testclock.h"
#include "testdb.h"

static int setup(void **state)
{
	*state = testdb_open();
	return 0;
}

static int teardown(void **state)
{
	testdb_close(*state);
	return 0;
}

/* Rows 1 and 2, then a step that fails (integer overflow in abs) at the
 * third row: the loop stops as at the end, db_done tells the difference. */
#define FAILS_AT_THIRD_ROW                                                              \
	"WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 5)" \
	" SELECT CASE WHEN x = 3 THEN abs(-9223372036854775807 - 1) ELSE x END FROM n"

static void test_done_reports_failed_step(void **state)
{
	db *d = *state;
	db_stmt *q = db_query(d, FAILS_AT_THIRD_ROW, NULL);
	assert_non_null(q);
	int rows = 0;
	while (db_next(q) == 1)
		rows++;
	assert_int_equal(rows, 2);
	assert_int_equal(db_done(q), BG_ERR_DB);

	/* The same (cached) statement run again starts with a clean status. */
	q = db_query(d, "SELECT 1", NULL);
	assert_int_equal(db_next(q), 1);
	assert_int_equal(db_next(q), 0);
	assert_int_equal(db_done(q), BG_OK);
}

static void test_done_reports_unprepared_query(void **state)
{
	db *d = *state;
	db_stmt *q = db_query(d, "SELECT * FROM no_such_table", NULL);
	assert_null(q);
	assert_int_equal(db_next(q), -1);
	assert_int_equal(db_done(q), BG_ERR_DB);
}

static void test_done_reports_conflict(void **state)
{
	db *d = *state;
	assert_int_equal(db_begin(d, DB_WRITE, NULL), BG_OK);
	assert_int_equal(db_exec(d, NULL, "CREATE TABLE t (k TEXT PRIMARY KEY)", NULL), BG_OK);
	db_stmt *q = db_query(d, "INSERT INTO t (k) VALUES ('a'), ('a') RETURNING k", NULL);
	while (db_next(q) == 1)
		;
	assert_int_equal(db_done(q), BG_ERR_CONFLICT);
	db_rollback(d);
}

/* The number of rows `sql` counts. */
static int64_t count_of(db *d, const char *sql)
{
	int64_t n = -1;
	assert_int_equal(db_scalar(d, NULL, &n, NULL, sql, NULL), BG_OK);
	return n;
}

#define JOURNAL_TRIGGER "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = 'ledger_entry_date_order'"

/* A database of the time before schema_migrations, at version 21 without
 * the journal-order triggers (their migration was first numbered 016,
 * below 018 and 021, and never ran there): migrating records 1..21 as
 * applied and runs 022, so the triggers are there. */
static void test_old_database_gets_renumbered_migration(void **state)
{
	db *d = *state;
	assert_int_equal(db_exec(d, NULL, "DROP TABLE schema_migrations", NULL), BG_OK);
	assert_int_equal(db_exec(d, NULL, "DROP TRIGGER ledger_entry_date_order", NULL), BG_OK);
	assert_int_equal(db_exec(d, NULL, "DROP TRIGGER ledger_bulk_end_date_order", NULL), BG_OK);
	assert_int_equal(db_exec(d, NULL, "PRAGMA user_version = 21", NULL), BG_OK);
	int missing = 0, applied = 0;
	assert_int_equal(migrate_missing(d, &missing, NULL), BG_OK);
	assert_true(missing > 0);
	assert_int_equal(migrate_apply(d, authz_rules_sync, &applied, NULL), BG_OK);
	assert_true(applied >= 1);
	assert_int_equal(count_of(d, JOURNAL_TRIGGER), 1);
	assert_int_equal(migrate_missing(d, &missing, NULL), BG_OK);
	assert_int_equal(missing, 0);
	int version = 0;
	assert_int_equal(migrate_current(d, &version, NULL), BG_OK);
	assert_int_equal(version, migrate_latest());
}

/* A migration that lands below the highest one a database has (a branch
 * merged late) is still applied: what counts is its record, not
 * user_version. */
static void test_late_lower_migration_is_applied(void **state)
{
	db *d = *state;
	assert_int_equal(db_exec(d, NULL, "DELETE FROM schema_migrations WHERE number = 22", NULL), BG_OK);
	assert_int_equal(db_exec(d, NULL, "DROP TRIGGER ledger_entry_date_order", NULL), BG_OK);
	assert_int_equal(db_exec(d, NULL, "PRAGMA user_version = 99", NULL), BG_OK);
	int applied = 0;
	/* user_version 99 alone is a newer database: refused */
	bg_error err;
	assert_int_equal(migrate_apply(d, authz_rules_sync, &applied, &err), BG_ERR_CONFLICT);
	assert_string_equal(err.code, "db_too_new");
	assert_int_equal(db_exec(d, NULL, "PRAGMA user_version = 21", NULL), BG_OK);
	assert_int_equal(migrate_apply(d, authz_rules_sync, &applied, NULL), BG_OK);
	assert_int_equal(applied, 1);
	assert_int_equal(count_of(d, JOURNAL_TRIGGER), 1);
	assert_int_equal(count_of(d, "SELECT count(*) FROM schema_migrations WHERE number = 22"), 1);
}

/* A database recording a migration this binary does not know was written
 * by a newer bigre: refused, nothing applied. */
static void test_newer_database_refused(void **state)
{
	db *d = *state;
	assert_int_equal(db_exec(d, NULL, "INSERT INTO schema_migrations (number, name, applied_at)"
				 " VALUES (9999, '9999_future.sql', 0)", NULL), BG_OK);
	bg_error err;
	int applied = -1;
	assert_int_equal(migrate_apply(d, authz_rules_sync, &applied, &err), BG_ERR_CONFLICT);
	assert_string_equal(err.code, "db_too_new");
}

int main(void)
{
	testclock_set();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_done_reports_failed_step, setup, teardown),
		cmocka_unit_test_setup_teardown(test_done_reports_unprepared_query, setup, teardown),
		cmocka_unit_test_setup_teardown(test_done_reports_conflict, setup, teardown),
		cmocka_unit_test_setup_teardown(test_old_database_gets_renumbered_migration, setup, teardown),
		cmocka_unit_test_setup_teardown(test_late_lower_migration_is_applied, setup, teardown),
		cmocka_unit_test_setup_teardown(test_newer_database_refused, setup, teardown),
	};
	return cmocka_run_group_tests_name("db", tests, NULL, NULL);
}
