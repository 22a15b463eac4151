/*
 * test_db.c — the storage interface (db/db.h) on a real SQLite file: how
 * the end of a query is told from a failed step.
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

int main(void)
{
	testclock_set();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_done_reports_failed_step, setup, teardown),
		cmocka_unit_test_setup_teardown(test_done_reports_unprepared_query, setup, teardown),
		cmocka_unit_test_setup_teardown(test_done_reports_conflict, setup, teardown),
	};
	return cmocka_run_group_tests_name("db", tests, NULL, NULL);
}
