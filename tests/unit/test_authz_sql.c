/* test_authz_sql.c — the rules as SQL agree with the C decision.
 *
 * For every action, every person of a fixture (each role held in the group,
 * in a cooperative, in a unit of a cooperative, in a unit of none, and a few
 * people with several roles or none) and every scope (the group, the own
 * cooperative, another one reached through a unit, an unrelated one, units
 * of each kind, scopes that do not exist), AUTHZ_SQL_ALLOWED answers what
 * authz_check answers, and AUTHZ_SQL_SOMEWHERE what authz_check_somewhere
 * answers.  Then authz_rules_sync: a current table is not written again, a
 * changed one is put back at the next migration. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include "testdb.h"
#include "auth/authz.h"

/* The fixture's cooperatives and units (ids as inserted below). */
enum { COOP_OWN = 1, COOP_REACHED = 2, COOP_FAR = 3, COOP_NONE = 98 };
enum { UNIT_OF_OWN = 1, UNIT_OF_REACHED = 2, UNIT_OF_NONE = 3, UNIT_NONE = 99 };

/* Where a fixture person holds a role. */
static const scope holding_scopes[] = {
	{SCOPE_GROUP, 0},
	{SCOPE_COOPERATIVE, COOP_OWN},
	{SCOPE_UNIT, UNIT_OF_OWN},
	{SCOPE_UNIT, UNIT_OF_NONE},
};

/* The scopes every decision is asked about. */
static const scope asked_scopes[] = {
	{SCOPE_GROUP, 0},
	{SCOPE_COOPERATIVE, COOP_OWN},
	{SCOPE_COOPERATIVE, COOP_REACHED},
	{SCOPE_COOPERATIVE, COOP_FAR},
	{SCOPE_COOPERATIVE, COOP_NONE},
	{SCOPE_UNIT, UNIT_OF_OWN},
	{SCOPE_UNIT, UNIT_OF_REACHED},
	{SCOPE_UNIT, UNIT_OF_NONE},
	{SCOPE_UNIT, UNIT_NONE},
};

#define ROLE_COUNT 9 /* the bits of ROLE_ANY */

/* For each action, one query: the SQL condition for the person (?1), in the
 * scope given by the cooperative (?2) and unit (?3), NULL when 0. */
#define ALLOWED_QUERY(name) \
	[AUTHZ_##name] = "SELECT " AUTHZ_SQL_ALLOWED(name, "?", "t.coop", "t.unit") " FROM (SELECT ? AS coop, ? AS unit) t",
static const char *const allowed_sql[AUTHZ_ACTION_COUNT] = {AUTHZ_ACTIONS(ALLOWED_QUERY)};
#undef ALLOWED_QUERY
#define SOMEWHERE_QUERY(name) [AUTHZ_##name] = "SELECT " AUTHZ_SQL_SOMEWHERE(name, "?"),
static const char *const somewhere_sql[AUTHZ_ACTION_COUNT] = {AUTHZ_ACTIONS(SOMEWHERE_QUERY)};
#undef SOMEWHERE_QUERY

static int setup(void **state)
{
	db *d = testdb_open();
	assert_int_equal(db_begin(d, DB_WRITE, NULL), BG_OK);
	assert_int_equal(db_exec_script(d,
					"INSERT INTO cooperatives(id, name, created_at) VALUES (1, 'Own', 0), (2, 'Reached', 0), (3, 'Far', 0);"
					"INSERT INTO units(id, cooperative_id, name, created_at) VALUES (1, 1, 'Of own', 0),"
					" (2, 2, 'Of reached', 0), (3, NULL, 'Of none', 0);"
					"DELETE FROM unit_cooperatives;"
					"INSERT INTO unit_cooperatives(unit_id, cooperative_id) VALUES (1, 1), (1, 2), (2, 2), (3, 3);",
					NULL),
			 BG_OK);
	assert_int_equal(db_commit(d, NULL), BG_OK);
	*state = d;
	return 0;
}

static int teardown(void **state)
{
	testdb_close(*state);
	return 0;
}

/* Inserts a person (no password) and returns the id. */
static int64_t add_person(db *d, int n)
{
	char email[64];
	snprintf(email, sizeof email, "p%d@example.test", n);
	assert_int_equal(db_exec(d, NULL, "INSERT INTO people(email, display_name, created_at, updated_at) VALUES (?, 'P', 0, 0)",
				 "s", email),
			 BG_OK);
	return db_last_id(d);
}

/* Gives person the role r in scope s (straight into the table: the fixture
 * is not about who may grant). */
static void add_role(db *d, int64_t person, role r, scope s)
{
	assert_int_equal(db_exec(d, NULL, "INSERT INTO roles(person_id, role, scope_type, scope_id, granted_at) VALUES (?, ?, ?, ?, 0)",
				 "issi", person, authz_role_name(r), authz_scope_name(s.type), s.id),
			 BG_OK);
}

/* Builds the people of the fixture; returns their count (ids in out). */
static size_t add_people(db *d, int64_t *out, size_t cap)
{
	size_t n = 0;
	assert_int_equal(db_begin(d, DB_WRITE, NULL), BG_OK);
	for (unsigned i = 0; i < ROLE_COUNT; i++)
		for (size_t h = 0; h < sizeof holding_scopes / sizeof *holding_scopes; h++) {
			assert_true(n < cap);
			out[n] = add_person(d, (int)n);
			add_role(d, out[n++], (role)(1u << i), holding_scopes[h]);
		}
	out[n] = add_person(d, (int)n); /* no role at all */
	n++;
	out[n] = add_person(d, (int)n); /* a member of a cooperative who hosts a unit of another */
	add_role(d, out[n], ROLE_MEMBER, (scope){SCOPE_COOPERATIVE, COOP_FAR});
	add_role(d, out[n++], ROLE_HOST, (scope){SCOPE_UNIT, UNIT_OF_OWN});
	out[n] = add_person(d, (int)n); /* a partner of the group, accountant of one cooperative */
	add_role(d, out[n], ROLE_PARTNER, (scope){SCOPE_GROUP, 0});
	add_role(d, out[n++], ROLE_ACCOUNTANT, (scope){SCOPE_COOPERATIVE, COOP_REACHED});
	out[n] = add_person(d, (int)n); /* a facilitator of a unit, newcomer of its cooperative */
	add_role(d, out[n], ROLE_FACILITATOR, (scope){SCOPE_UNIT, UNIT_OF_REACHED});
	add_role(d, out[n++], ROLE_NEWCOMER, (scope){SCOPE_COOPERATIVE, COOP_REACHED});
	assert_int_equal(db_commit(d, NULL), BG_OK);
	return n;
}

/* The answer (0 or 1) of a one-row, one-column query. */
static int64_t sql_answer(db_stmt *q)
{
	assert_non_null(q);
	assert_int_equal(db_next(q), 1);
	int64_t v = db_int(q, 0);
	assert_int_equal(db_done(q), BG_OK);
	return v;
}

/* Does authz_check allow it?  (Refusals are 403 or 404: both "no".) */
static int64_t c_answer(bg_status st)
{
	assert_true(st == BG_OK || st == BG_ERR_FORBIDDEN || st == BG_ERR_NOT_FOUND);
	return st == BG_OK;
}

/* Every action × person × scope: the SQL condition answers as authz_check,
 * and the "somewhere" form as authz_check_somewhere. */
static void test_sql_agrees_with_c(void **state)
{
	db *d = *state;
	int64_t people[64];
	size_t npeople = add_people(d, people, sizeof people / sizeof *people - 1);
	size_t compared = 0, allowed = 0;
	bg_error err;
	for (unsigned a = 0; a < AUTHZ_ACTION_COUNT; a++)
		for (size_t p = 0; p < npeople; p++) {
			for (size_t s = 0; s < sizeof asked_scopes / sizeof *asked_scopes; s++) {
				scope sc = asked_scopes[s];
				int64_t coop = sc.type == SCOPE_COOPERATIVE ? sc.id : 0;
				int64_t unit = sc.type == SCOPE_UNIT ? sc.id : 0;
				/* a unit's scope is the unit's: a cooperative given beside it is ignored */
				if (sc.type == SCOPE_UNIT)
					coop = COOP_FAR;
				int64_t in_c = c_answer(authz_check(d, people[p], (authz_action)a, sc, &err));
				int64_t in_sql = sql_answer(db_query(d, allowed_sql[a], "iII", people[p], coop, unit));
				if (in_c != in_sql)
					fail_msg("%s for person %zu in %s %lld: C says %lld, SQL says %lld",
						 authz_action_name((authz_action)a), p, authz_scope_name(sc.type),
						 (long long)sc.id, (long long)in_c, (long long)in_sql);
				compared++;
				allowed += (size_t)in_c;
			}
			int64_t in_c = c_answer(authz_check_somewhere(d, people[p], (authz_action)a, &err));
			int64_t in_sql = sql_answer(db_query(d, somewhere_sql[a], "i", people[p]));
			if (in_c != in_sql)
				fail_msg("%s somewhere for person %zu: C says %lld, SQL says %lld",
					 authz_action_name((authz_action)a), p, (long long)in_c, (long long)in_sql);
			compared++;
		}
	/* the comparison covered both answers, many times */
	assert_true(compared > 5000);
	assert_true(allowed > 500 && allowed < compared - 2000);
}

/* Counts the writes to authz_rules from now on (a temporary trigger). */
static void watch_writes(db *d)
{
	assert_int_equal(db_exec_script(d,
					"CREATE TEMP TABLE IF NOT EXISTS rule_writes(n INTEGER);"
					"DELETE FROM rule_writes;"
					"CREATE TEMP TRIGGER IF NOT EXISTS rule_delete AFTER DELETE ON main.authz_rules"
					" BEGIN INSERT INTO rule_writes VALUES (1); END;"
					"CREATE TEMP TRIGGER IF NOT EXISTS rule_insert AFTER INSERT ON main.authz_rules"
					" BEGIN INSERT INTO rule_writes VALUES (1); END;",
					NULL),
			 BG_OK);
}

/* How many writes to authz_rules watch_writes has seen. */
static int64_t writes(db *d)
{
	int64_t n = -1;
	assert_int_equal(db_scalar(d, NULL, &n, NULL, "SELECT count(*) FROM rule_writes", NULL), BG_OK);
	return n;
}

/* authz_rules_sync: the migrated table is the C table; opening a current
 * database writes nothing; a damaged table is seen and put back. */
static void test_sync(void **state)
{
	db *d = *state;
	bg_error err;
	bool differs = true;
	/* after the migration, the table holds the C rules */
	assert_int_equal(authz_rules_sync(d, false, &differs, &err), BG_OK);
	assert_false(differs);
	int64_t n = 0;
	assert_int_equal(db_scalar(d, NULL, &n, NULL, "SELECT count(*) FROM authz_rules WHERE action = 'ECONOMY_READ'"
						     " AND role IN ('accountant', 'accompanist', 'admin')", NULL),
			 BG_OK);
	assert_int_equal(n, 3);
	/* opening a current database again writes nothing */
	watch_writes(d);
	assert_int_equal(migrate_apply(d, authz_rules_sync, NULL, &err), BG_OK);
	assert_int_equal(writes(d), 0);
	/* a rule lost, a rule added, a reach changed: each seen and put back */
	static const char *const damage[] = {
		"DELETE FROM authz_rules WHERE action = 'LEDGER_POST' AND role = 'accountant'",
		"INSERT INTO authz_rules(action, role) VALUES ('LEDGER_POST', 'partner')",
		"UPDATE authz_rules SET unit_reach = 1 - unit_reach WHERE action = 'SESSION_MANAGE' AND role = 'host'",
	};
	for (size_t i = 0; i < sizeof damage / sizeof *damage; i++) {
		assert_int_equal(db_exec_script(d, damage[i], NULL), BG_OK);
		assert_int_equal(authz_rules_sync(d, false, &differs, &err), BG_OK);
		assert_true(differs);
		assert_int_equal(migrate_apply(d, authz_rules_sync, NULL, &err), BG_OK);
		assert_int_equal(authz_rules_sync(d, false, &differs, &err), BG_OK);
		assert_false(differs);
		assert_true(writes(d) > 0);
		assert_int_equal(db_exec_script(d, "DELETE FROM rule_writes", NULL), BG_OK);
	}
	/* every action has a name and at least one role */
	for (unsigned a = 0; a < AUTHZ_ACTION_COUNT; a++) {
		assert_non_null(authz_action_name((authz_action)a));
		assert_int_equal(db_scalar(d, NULL, &n, NULL, "SELECT count(*) FROM authz_rules WHERE action = ?", "s",
					   authz_action_name((authz_action)a)),
				 BG_OK);
		assert_true(n > 0);
	}
	assert_null(authz_action_name(AUTHZ_ACTION_COUNT));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_sql_agrees_with_c, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sync, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
