/* test_ledger.c — the double-entry ledger: posting, the database's own
 * refusals, immutability, reversal, closed periods, numbering, the hash
 * chain and the maintained balances. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include "testdb.h"
#include "economy/ledger.h"
#include "core/date.h"
#include "core/money.h"
#include "testclock.h"

static int64_t coop_id;

static int setup(void **state)
{
	db *d = testdb_open();
	if (db_begin(d, DB_WRITE, NULL) != BG_OK)
		return -1;
	assert_int_equal(db_exec(d, NULL, "INSERT INTO cooperatives(name, legal_form, siren, created_at)"
			 " VALUES ('Coop', 'CAE', '448762526', 0)", NULL), BG_OK);
	coop_id = db_last_id(d);
	assert_int_equal(db_exec(d, NULL, "INSERT INTO activities(cooperative_id, code, name, created_at)"
			 " VALUES (?, 'ACT1', 'Activité 1', 0)", "i", coop_id), BG_OK);
	if (ledger_coop_init(d, coop_id, NULL) != BG_OK || db_commit(d, NULL) != BG_OK)
		return -1;
	*state = d;
	return 0;
}

static int teardown(void **state)
{
	testdb_close(*state);
	return 0;
}

/* Posts a two-line entry in its own transaction. */
static bg_status post2(db *d, const char *journal, const char *date, const char *dr, const char *cr,
		       int64_t amount, int64_t *id, bg_error *err)
{
	ledger_line lines[] = {{dr, 1, amount, 0, NULL}, {cr, 0, 0, amount, "ligne é"}};
	ledger_entry_in in = {coop_id, journal, date, "Écriture de test", "test:1", 0, lines, 2, false, NULL};
	bg_status st = db_begin(d, DB_WRITE, err);
	if (st == BG_OK)
		st = ledger_post(d, 0, &in, id, err);
	if (st == BG_OK)
		st = db_commit(d, err);
	else
		db_rollback(d);
	return st;
}

static int64_t count(db *d, const char *sql)
{
	int64_t n = -1;
	bool found;
	assert_int_equal(db_scalar(d, NULL, &n, &found, sql, NULL), BG_OK);
	return n;
}

static int check_problems;
static char check_first[512], check_all[4096];
static void on_problem(void *ctx, const char *what)
{
	(void)ctx;
	if (!check_problems++)
		snprintf(check_first, sizeof check_first, "%s", what);
	size_t n = strlen(check_all);
	snprintf(check_all + n, sizeof check_all - n, "%s\n", what);
}

static int run_check(db *d)
{
	check_problems = 0;
	check_first[0] = check_all[0] = 0;
	return ledger_check(d, on_problem, NULL);
}

static void test_post_and_number(void **state)
{
	db *d = *state;
	bg_error err;
	int64_t a, b, c;
	assert_int_equal(post2(d, "VT", "2026-03-01", "411", "706", 12000, &a, &err), BG_OK);
	assert_int_equal(post2(d, "VT", "2026-03-02", "411", "706", 500, &b, &err), BG_OK);
	assert_int_equal(post2(d, "BQ", "2026-03-02", "512", "411", 500, &c, &err), BG_OK);
	int64_t n;
	bool found;
	assert_int_equal(db_scalar(d, NULL, &n, &found, "SELECT number FROM ledger_entries WHERE id = ?", "i", b), BG_OK);
	assert_int_equal(n, 2);
	assert_int_equal(db_scalar(d, NULL, &n, &found, "SELECT number FROM ledger_entries WHERE id = ?", "i", c), BG_OK);
	assert_int_equal(n, 1);
	/* maintained balances */
	assert_int_equal(db_scalar(d, NULL, &n, &found, "SELECT debit - credit FROM ledger_balances WHERE account = '411'"
				       " AND activity_id = 1 AND period = '2026-03'", NULL), BG_OK);
	assert_int_equal(n, 12500);
	assert_int_equal(run_check(d), 0);
}

static void test_refusals_name_the_field(void **state)
{
	db *d = *state;
	bg_error err;
	int64_t before = count(d, "SELECT count(*) FROM ledger_entries"), id;
	ledger_line unbalanced[] = {{"411", 0, 100, 0, NULL}, {"706", 0, 0, 99, NULL}};
	ledger_entry_in in = {coop_id, "VT", "2026-04-01", "x", NULL, 0, unbalanced, 2, false, NULL};
	assert_int_equal(db_begin(d, DB_WRITE, NULL), BG_OK);
	assert_int_equal(ledger_post(d, 0, &in, &id, &err), BG_ERR_INVALID);
	assert_string_equal(err.field, "lines");
	ledger_line both[] = {{"411", 0, 100, 100, NULL}, {"706", 0, 0, 100, NULL}};
	in.lines = both;
	assert_int_equal(ledger_post(d, 0, &in, &id, &err), BG_ERR_INVALID);
	assert_string_equal(err.field, "lines[0].debit");
	ledger_line unknown[] = {{"411", 0, 100, 0, NULL}, {"999", 0, 0, 100, NULL}};
	in.lines = unknown;
	assert_int_equal(ledger_post(d, 0, &in, &id, &err), BG_ERR_INVALID);
	assert_string_equal(err.field, "lines[1].account");
	ledger_line huge[] = {{"411", 0, MONEY_MAX + 1, 0, NULL}, {"706", 0, 0, MONEY_MAX + 1, NULL}};
	in.lines = huge;
	assert_int_equal(ledger_post(d, 0, &in, &id, &err), BG_ERR_INVALID);
	assert_string_equal(err.field, "lines[0].debit");
	in.lines = unbalanced;
	in.date = "2026-02-30";
	assert_int_equal(ledger_post(d, 0, &in, &id, &err), BG_ERR_INVALID);
	assert_string_equal(err.field, "date");
	in.date = "2026-04-01";
	in.journal = "XX";
	assert_int_equal(ledger_post(d, 0, &in, &id, &err), BG_ERR_INVALID);
	assert_string_equal(err.field, "journal");
	db_rollback(d);
	assert_int_equal(count(d, "SELECT count(*) FROM ledger_entries"), before);
}

/* Inserts an entry row by hand (number, seq given), as a forger would. */
static bg_status raw_entry(db *d, int64_t id, int64_t number, int64_t seq, int64_t total, bg_error *err)
{
	return db_exec(d, err, "INSERT INTO ledger_entries(id, cooperative_id, journal, entry_date, fiscal_year,"
			       " number, label, seq, prev_hash, hash, total_cents, posted_at)"
			       " VALUES (?, ?, 'OD', '2026-05-01', 2026, ?, 'x', ?, zeroblob(32), zeroblob(32), ?, 0)",
		       "iiiii", id, coop_id, number, seq, total);
}

/* The database refuses by itself, whatever the code above it does. */
static void test_database_refuses(void **state)
{
	db *d = *state;
	bg_error err;
	int64_t e = 9999;
	assert_int_equal(db_begin(d, DB_WRITE, NULL), BG_OK);
	/* both, neither, negative */
	assert_int_equal(db_exec(d, &err, "INSERT INTO ledger_lines(entry_id, cooperative_id, account, debit,"
					  " credit) VALUES (?, ?, '411', 5, 5)", "ii", e, coop_id),
			 BG_ERR_CONFLICT);
	assert_int_equal(db_exec(d, &err, "INSERT INTO ledger_lines(entry_id, cooperative_id, account, debit,"
					  " credit) VALUES (?, ?, '411', 0, 0)", "ii", e, coop_id),
			 BG_ERR_CONFLICT);
	assert_int_equal(db_exec(d, &err, "INSERT INTO ledger_lines(entry_id, cooperative_id, account, debit,"
					  " credit) VALUES (?, ?, '411', -5, 0)", "ii", e, coop_id),
			 BG_ERR_CONFLICT);
	/* an entry without lines, an unbalanced one */
	assert_int_equal(raw_entry(d, e, 1, 999, 7, &err), BG_ERR_CONFLICT);
	assert_string_equal(db_last_error(d), "ledger: an entry has at least two lines");
	assert_int_equal(db_exec(d, &err, "INSERT INTO ledger_lines(entry_id, cooperative_id, account, debit) VALUES (?, ?, '411', 7)",
		"ii", e, coop_id), BG_OK);
	assert_int_equal(db_exec(d, &err, "INSERT INTO ledger_lines(entry_id, cooperative_id, account, credit) VALUES (?, ?, '706', 6)",
		"ii", e, coop_id), BG_OK);
	assert_int_equal(raw_entry(d, e, 1, 999, 7, &err), BG_ERR_CONFLICT);
	assert_string_equal(db_last_error(d), "ledger: the entry is not balanced");
	/* a gap in the numbering */
	assert_int_equal(db_exec(d, &err, "INSERT INTO ledger_lines(entry_id, cooperative_id, account, credit) VALUES (?, ?, '706', 1)",
		"ii", e, coop_id), BG_OK);
	assert_int_equal(raw_entry(d, e, 5, 999, 7, &err), BG_ERR_CONFLICT);
	assert_string_equal(db_last_error(d), "ledger: numbers follow each other without gaps");
	/* a break in the chain */
	assert_int_equal(raw_entry(d, e, 1, 999, 7, &err), BG_ERR_CONFLICT);
	assert_string_equal(db_last_error(d), "ledger: the hash chain continues from the last entry");
	/* lines whose entry never comes: the commit fails */
	assert_int_not_equal(db_commit(d, &err), BG_OK);
	db_rollback(d);
	assert_int_equal(count(d, "SELECT count(*) FROM ledger_lines WHERE entry_id = 9999"), 0);
}

static void test_posted_is_immutable_and_reversal(void **state)
{
	db *d = *state;
	bg_error err;
	int64_t id, rev;
	assert_int_equal(post2(d, "OD", "2026-06-01", "6251", "425", 4321, &id, &err), BG_OK);
	assert_int_equal(db_exec(d, &err, "UPDATE ledger_entries SET label = 'changed' WHERE id = ?", "i", id),
			 BG_ERR_CONFLICT);
	assert_int_equal(db_exec(d, &err, "DELETE FROM ledger_entries WHERE id = ?", "i", id), BG_ERR_CONFLICT);
	assert_int_equal(db_exec(d, &err, "UPDATE ledger_lines SET debit = 1 WHERE entry_id = ?", "i", id),
			 BG_ERR_CONFLICT);
	assert_int_equal(db_exec(d, &err, "DELETE FROM ledger_lines WHERE entry_id = ?", "i", id), BG_ERR_CONFLICT);
	assert_int_equal(db_exec(d, &err, "INSERT INTO ledger_lines(entry_id, cooperative_id, account, debit)"
					  " VALUES (?, ?, '411', 1)", "ii", id, coop_id), BG_ERR_CONFLICT);
	/* reversal */
	assert_int_equal(db_begin(d, DB_WRITE, NULL), BG_OK);
	assert_int_equal(ledger_reverse(d, 0, id, "2026-06-02", NULL, &rev, &err), BG_OK);
	assert_int_equal(db_commit(d, NULL), BG_OK);
	int64_t n;
	bool found;
	assert_int_equal(db_scalar(d, NULL, &n, &found, "SELECT sum(debit - credit) FROM ledger_balances WHERE account = '6251'", NULL), BG_OK);
	assert_int_equal(n, 0);
	assert_int_equal(db_scalar(d, NULL, &n, &found, "SELECT reverses_id FROM ledger_entries WHERE id = ?", "i", rev), BG_OK);
	assert_int_equal(n, id);
	assert_int_equal(db_begin(d, DB_WRITE, NULL), BG_OK);
	assert_int_equal(ledger_reverse(d, 0, id, "2026-06-03", NULL, &rev, &err), BG_ERR_CONFLICT);
	assert_string_equal(err.code, "already_reversed");
	db_rollback(d);
	assert_int_equal(run_check(d), 0);
}

static void test_closed_period(void **state)
{
	db *d = *state;
	bg_error err;
	int64_t id;
	assert_int_equal(db_begin(d, DB_WRITE, NULL), BG_OK);
	assert_int_equal(ledger_close_through(d, 0, coop_id, "2026-01-31", &err), BG_OK);
	assert_int_equal(db_commit(d, NULL), BG_OK);
	assert_int_equal(post2(d, "OD", "2026-01-15", "6251", "425", 100, &id, &err), BG_ERR_CONFLICT);
	assert_string_equal(err.field, "date");
	assert_string_equal(err.code, "period_closed");
	/* the database refuses too */
	assert_int_equal(db_exec(d, &err, "INSERT INTO ledger_entries(cooperative_id, journal, entry_date,"
					  " fiscal_year, label) VALUES (?, 'OD', '2026-01-20', 2026, 'x')",
				 "i", coop_id), BG_ERR_CONFLICT);
	/* and it cannot be reopened */
	assert_int_equal(db_exec(d, &err, "UPDATE economy_settings SET closed_through = '2025-12-31'"
					  " WHERE cooperative_id = ?", "i", coop_id), BG_ERR_CONFLICT);
	assert_int_equal(post2(d, "OD", "2026-06-10", "6251", "425", 100, &id, &err), BG_OK);
}

static void test_tampering_is_detected(void **state)
{
	db *d = *state;
	bg_error err;
	int64_t id;
	assert_int_equal(post2(d, "VT", "2026-07-01", "411", "706", 777, &id, &err), BG_OK);
	assert_int_equal(run_check(d), 0);
	/* someone drops the rule and edits an amount on both sides */
	assert_int_equal(db_exec_script(d, "DROP TRIGGER ledger_line_no_update;", &err), BG_OK);
	char sql[200];
	snprintf(sql, sizeof sql, "UPDATE ledger_lines SET debit = debit * 10 WHERE entry_id = %lld AND debit > 0;"
				  "UPDATE ledger_lines SET credit = credit * 10 WHERE entry_id = %lld AND credit > 0;",
		 (long long)id, (long long)id);
	assert_int_equal(db_exec_script(d, sql, &err), BG_OK);
	assert_true(run_check(d) >= 3); /* missing rule, chain, balances */
	char want[64];
	snprintf(want, sizeof want, "at entry %lld ", (long long)id);
	assert_non_null(strstr(check_first, "ledger_line_no_update"));
	assert_non_null(strstr(check_all, want));
	assert_non_null(strstr(check_all, "its hash does not match its content"));
	assert_non_null(strstr(check_all, "a maintained balance differs"));
	/* and an edited per-account total */
	assert_int_equal(db_exec_script(d, "UPDATE ledger_account_totals SET credit = credit + 1"
					   " WHERE account = '706' AND period = '2026-07';", &err), BG_OK);
	run_check(d);
	assert_non_null(strstr(check_all, "a maintained account total differs from its entries: account 706 period 2026-07"));
}

/* The check reads both tables in one sequential pass when they are laid
 * out in posting order, and falls back to the exact queries otherwise:
 * either way a tampered number and a line without its entry are named. */
static void test_check_walk_and_fallback(void **state)
{
	(void)state;
	int64_t saved = coop_id;
	db *d = NULL;
	assert_int_equal(setup((void **)&d), 0);
	bg_error err;
	int64_t id[4];
	assert_int_equal(post2(d, "VT", "2026-03-01", "411", "706", 100, &id[0], &err), BG_OK);
	assert_int_equal(post2(d, "VT", "2026-03-02", "411", "706", 200, &id[1], &err), BG_OK);
	assert_int_equal(post2(d, "BQ", "2026-03-03", "512", "411", 300, &id[2], &err), BG_OK);
	assert_int_equal(post2(d, "VT", "2027-01-04", "411", "706", 400, &id[3], &err), BG_OK);
	assert_int_equal(run_check(d), 0);
	/* a number changed behind the rules: the walk names the entry's link,
	 * the exact query the numbers that no longer follow each other */
	char sql[300];
	snprintf(sql, sizeof sql, "DROP TRIGGER ledger_entry_immutable;"
				  " UPDATE ledger_entries SET number = 7 WHERE id = %lld;", (long long)id[1]);
	assert_int_equal(db_exec_script(d, sql, &err), BG_OK);
	assert_true(run_check(d) >= 3);
	char want[80];
	snprintf(want, sizeof want, "hash chain broken at entry %lld (VT 2026-7", (long long)id[1]);
	assert_non_null(strstr(check_all, want));
	snprintf(want, sizeof want, "numbering has a gap or a duplicate before: entry %lld\n", (long long)id[1]);
	assert_non_null(strstr(check_all, want));
	/* a line without its entry: the walk gives up, the exact checks say it */
	assert_int_equal(db_exec_script(d, "PRAGMA foreign_keys = OFF; INSERT INTO ledger_lines(entry_id,"
					   " cooperative_id, account, debit) VALUES (424242, 1, '512', 5);"
					   " PRAGMA foreign_keys = ON;", &err), BG_OK);
	int64_t orphan = db_last_id(d);
	run_check(d);
	snprintf(want, sizeof want, "a line belongs to no entry: line %lld\n", (long long)orphan);
	assert_non_null(strstr(check_all, want));
	snprintf(want, sizeof want, "hash chain broken at entry %lld (VT 2026-7", (long long)id[1]);
	assert_non_null(strstr(check_all, want));
	assert_non_null(strstr(check_all, "numbering has a gap or a duplicate before"));
	testdb_close(d);
	coop_id = saved;
}

/* Inserts an entry of two lines (6251 / 425) by hand, as a writer that
 * skipped ledger_post would: number_skip 1 is the next number, hash_ok
 * false breaks the chain, credit != debit unbalances it. */
static bg_status hand_entry(db *d, const char *date, int64_t number_skip, bool hash_ok, int64_t debit,
			   int64_t credit, bg_error *err)
{
	int64_t id = count(d, "SELECT coalesce(max(id), 0) + 1 FROM ledger_entries");
	bg_status st = db_exec(d, err, "INSERT INTO ledger_lines(entry_id, cooperative_id, account, debit, credit)"
				       " VALUES (?, ?, '6251', ?, 0), (?, ?, '425', 0, ?)", "iiiiii", id, coop_id, debit,
			       id, coop_id, credit);
	if (st == BG_OK)
		st = db_exec(d, err, "INSERT INTO ledger_entries(id, cooperative_id, journal, entry_date, fiscal_year,"
				     " number, label, seq, prev_hash, hash, total_cents, posted_at) VALUES (?, ?, 'OD', ?,"
				     " CAST(substr(?, 1, 4) AS INTEGER), (SELECT coalesce(max(number), 0) + ? FROM ledger_entries"
				     " WHERE cooperative_id = ? AND journal = 'OD' AND fiscal_year = CAST(substr(?, 1, 4) AS INTEGER)),"
				     " 'à la main', (SELECT coalesce(max(seq), 0) + 1 FROM ledger_entries),"
				     " CASE WHEN ? THEN coalesce((SELECT hash FROM ledger_entries ORDER BY seq DESC LIMIT 1),"
				     " zeroblob(32)) ELSE randomblob(32) END, randomblob(32), ?, 0)",
			     "iissiisii", id, coop_id, date, date, number_skip, coop_id, date, (int64_t)hash_ok, debit);
	return st;
}

static int order_problems;
/* Counts what ledger_check_date_order reports. */
static void on_order_problem(void *ctx, const char *what)
{
	(void)ctx;
	(void)what;
	order_problems++;
}

/* Each journal is numbered in date order: an entry dated before the last
 * one of its journal and fiscal year is refused, by a posting, a reversal
 * or a bulk import alike, and by the database for an entry written
 * straight in SQL; other journals and other years are apart.  An
 * inversion written before that rule is reported by the check. */
static void test_journals_in_date_order(void **state)
{
	(void)state;
	int64_t saved = coop_id;
	db *d = NULL;
	assert_int_equal(setup((void **)&d), 0);
	bg_error err;
	int64_t late, id;
	assert_int_equal(post2(d, "OD", "2026-11-20", "6251", "425", 100, &late, &err), BG_OK);
	assert_int_equal(post2(d, "OD", "2026-02-03", "6251", "425", 100, &id, &err), BG_ERR_CONFLICT);
	assert_string_equal(err.code, "date_before_last");
	assert_string_equal(err.field, "date");
	assert_int_equal(post2(d, "OD", "2026-11-20", "6251", "425", 200, &id, &err), BG_OK);
	assert_int_equal(post2(d, "BQ", "2026-02-03", "512", "411", 100, &id, &err), BG_OK);
	assert_int_equal(post2(d, "OD", "2025-12-31", "6251", "425", 100, &id, &err), BG_OK);
	int64_t rev;
	assert_int_equal(db_begin(d, DB_WRITE, &err), BG_OK);
	assert_int_equal(ledger_reverse(d, 0, late, "2026-03-01", NULL, &rev, &err), BG_ERR_CONFLICT);
	assert_string_equal(err.code, "date_before_last");
	db_rollback(d);
	/* the importer's path, where the cursor remembers the last date */
	assert_int_equal(db_begin(d, DB_WRITE, &err), BG_OK);
	assert_int_equal(ledger_bulk_begin(d, &err), BG_OK);
	ledger_cursor cur = {0};
	ledger_line lines[] = {{"411", 1, 1000, 0, NULL}, {"706", 1, 0, 1000, NULL}};
	ledger_entry_in in = {coop_id, "VT", "2026-05-01", "Vente", "bulk:1", 0, lines, 2, true, &cur};
	assert_int_equal(ledger_post(d, 0, &in, NULL, &err), BG_OK);
	in.date = "2026-04-30";
	assert_int_equal(ledger_post(d, 0, &in, NULL, &err), BG_ERR_CONFLICT);
	assert_string_equal(err.code, "date_before_last");
	ledger_cursor_free(&cur);
	db_rollback(d);
	order_problems = 0;
	assert_int_equal(ledger_check_date_order(d, on_order_problem, NULL), 0);
	/* by hand, straight in SQL, an OD entry of March numbered after
	 * November's: the database refuses it (migration 022) */
	assert_int_equal(db_begin(d, DB_WRITE, &err), BG_OK);
	assert_int_equal(hand_entry(d, "2026-03-01", 1, true, 100, 100, &err), BG_ERR_CONFLICT);
	assert_string_equal(db_last_error(d), "ledger: an entry is not dated before the previous one of its journal");
	db_rollback(d);
	/* without that rule (a database written before it), the check reports
	 * the inversion */
	assert_int_equal(db_begin(d, DB_WRITE, &err), BG_OK);
	assert_int_equal(db_exec(d, &err, "DROP TRIGGER ledger_entry_date_order", NULL), BG_OK);
	assert_int_equal(hand_entry(d, "2026-03-01", 1, true, 100, 100, &err), BG_OK);
	assert_int_equal(db_commit(d, &err), BG_OK);
	assert_int_not_equal(run_check(d), 0);
	assert_string_equal(check_first, "the rule (trigger) ledger_entry_date_order is missing");
	assert_int_equal(ledger_check_date_order(d, on_order_problem, NULL), 1);
	assert_int_equal(order_problems, 1);
	testdb_close(d);
	coop_id = saved;
}

/* A bulk batch: entries posted through ledger_post get their balances at
 * the flush; and whatever a writer inserts by hand during a batch, the
 * database checks when the batch ends — an unbalanced, misnumbered or
 * unchained entry, or one in a closed period, keeps the batch from
 * ending, and a batch that has not ended cannot be committed. */
static void test_bulk_batch_checked_by_database(void **state)
{
	(void)state;
	int64_t saved = coop_id;
	db *d = NULL;
	assert_int_equal(setup((void **)&d), 0);
	bg_error err;
	/* through the importer's path */
	assert_int_equal(db_begin(d, DB_WRITE, &err), BG_OK);
	assert_int_equal(ledger_bulk_begin(d, &err), BG_OK);
	ledger_cursor cur = {0};
	for (int i = 0; i < 5; i++) {
		ledger_line lines[] = {{"411", 1, 1000 + i, 0, NULL}, {"706", 1, 0, 1000 + i, NULL}};
		ledger_entry_in in = {coop_id, "VT", i < 3 ? "2026-03-01" : "2026-04-02", "Vente", "bulk:1", 0, lines, 2,
				      true, &cur};
		assert_int_equal(ledger_post(d, 0, &in, NULL, &err), BG_OK);
	}
	/* nothing in the balances until the flush, and no commit before it */
	assert_int_equal(count(d, "SELECT count(*) FROM ledger_balances"), 0);
	assert_int_equal(ledger_bulk_flush(d, &cur, &err), BG_OK);
	assert_int_equal(db_commit(d, &err), BG_OK);
	assert_int_equal(count(d, "SELECT debit FROM ledger_balances WHERE account = '411' AND period = '2026-03'"), 3003);
	assert_int_equal(count(d, "SELECT debit FROM ledger_account_totals WHERE account = '411' AND period = '2026-04'"),
			 2007);
	assert_int_equal(run_check(d), 0);

	/* entries are queued and written a group at a time: one the database
	 * refuses (an account not in the chart) is named, whichever entry's
	 * posting or the flush sent its group */
	assert_int_equal(db_begin(d, DB_WRITE, &err), BG_OK);
	assert_int_equal(ledger_bulk_begin(d, &err), BG_OK);
	ledger_cursor cur2 = {0};
	bg_status st = BG_OK;
	for (int i = 0; i < 40 && st == BG_OK; i++) {
		char ref[24];
		snprintf(ref, sizeof ref, "bulk:%d", i);
		ledger_line lines[] = {{i == 21 ? "999" : "411", 1, 500, 0, NULL}, {"706", 1, 0, 500, NULL}};
		ledger_entry_in in = {coop_id, "VT", "2026-06-01", "Vente", ref, 0, lines, 2, true, &cur2};
		st = ledger_post(d, 0, &in, NULL, &err);
	}
	if (st == BG_OK)
		st = ledger_bulk_flush(d, &cur2, &err);
	assert_int_equal(st, BG_ERR_CONFLICT);
	assert_string_equal(cur2.refused, "bulk:21");
	ledger_cursor_free(&cur2);
	db_rollback(d);
	assert_int_equal(run_check(d), 0);

	/* by hand, during a batch: each bad entry stops the batch's end */
	struct {
		int64_t skip, credit;
		bool hash_ok;
		const char *date, *why;
	} bad[] = {
		{1, 99, true, "2026-05-01", "not balanced"},
		{2, 100, true, "2026-05-01", "without gaps"},
		{1, 100, false, "2026-05-01", "hash chain"},
		{1, 100, true, "2026-01-10", "period is closed"},
	};
	assert_int_equal(db_begin(d, DB_WRITE, &err), BG_OK);
	assert_int_equal(ledger_close_through(d, 0, coop_id, "2026-01-31", &err), BG_OK);
	assert_int_equal(db_commit(d, &err), BG_OK);
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		assert_int_equal(db_begin(d, DB_WRITE, &err), BG_OK);
		assert_int_equal(ledger_bulk_begin(d, &err), BG_OK);
		/* the per-entry trigger stands aside during the batch */
		assert_int_equal(hand_entry(d, bad[i].date, bad[i].skip, bad[i].hash_ok, 100, bad[i].credit, &err), BG_OK);
		assert_int_equal(db_exec(d, &err, "DELETE FROM ledger_bulk", NULL), BG_ERR_CONFLICT);
		assert_non_null(strstr(db_last_error(d), bad[i].why));
		assert_int_equal(db_commit(d, &err), BG_ERR_DB); /* the batch has not ended */
		db_rollback(d);
	}
	/* and one dated before the entry numbered just before it in its
	 * journal (posted alone, outside the batch) */
	int64_t may;
	assert_int_equal(post2(d, "OD", "2026-05-01", "6251", "425", 100, &may, &err), BG_OK);
	assert_int_equal(db_begin(d, DB_WRITE, &err), BG_OK);
	assert_int_equal(ledger_bulk_begin(d, &err), BG_OK);
	assert_int_equal(hand_entry(d, "2026-04-30", 1, true, 100, 100, &err), BG_OK);
	assert_int_equal(db_exec(d, &err, "DELETE FROM ledger_bulk", NULL), BG_ERR_CONFLICT);
	assert_string_equal(db_last_error(d), "ledger: an entry is not dated before the previous one of its journal");
	db_rollback(d);
	/* a good one by hand ends well, with the balances left to the flush */
	assert_int_equal(db_begin(d, DB_WRITE, &err), BG_OK);
	assert_int_equal(ledger_bulk_begin(d, &err), BG_OK);
	assert_int_equal(hand_entry(d, "2026-05-01", 1, true, 100, 100, &err), BG_OK);
	/* the flush refuses: this entry's lines are not among the batch's totals */
	ledger_cursor none = {0};
	assert_int_equal(ledger_bulk_flush(d, &none, &err), BG_ERR_INTERNAL);
	/* a batch cannot be moved nor started elsewhere than after the last link */
	assert_int_equal(db_exec(d, &err, "UPDATE ledger_bulk SET from_seq = from_seq + 1", NULL), BG_ERR_CONFLICT);
	assert_int_equal(db_exec(d, &err, "DELETE FROM ledger_bulk", NULL), BG_OK);
	assert_int_equal(db_exec(d, &err, "INSERT INTO ledger_bulk(one, from_id, from_seq) VALUES (1, 1, 1)", NULL),
			 BG_ERR_CONFLICT);
	db_rollback(d);
	assert_int_equal(run_check(d), 0);
	testdb_close(d);
	coop_id = saved;
}

int main(void)
{
	testclock_set();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_post_and_number),
		cmocka_unit_test(test_refusals_name_the_field),
		cmocka_unit_test(test_database_refuses),
		cmocka_unit_test(test_posted_is_immutable_and_reversal),
		cmocka_unit_test(test_closed_period),
		cmocka_unit_test(test_tampering_is_detected),
		cmocka_unit_test(test_check_walk_and_fallback),
		cmocka_unit_test(test_bulk_batch_checked_by_database),
		cmocka_unit_test(test_journals_in_date_order),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
