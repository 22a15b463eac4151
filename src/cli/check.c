/*
 * check.c — `bigre check`: verifies the database's invariants and prints a
 * readable report; exit code 1 when anything is broken.
 *
 * Each check is a function in the `checks` table; domains add theirs there
 * (the ledger's hash chain and balances, for instance).  A check reports
 * each problem through check_report() and keeps going, so one run shows
 * everything that is wrong.
 *
 * SQLite's own check (PRAGMA integrity_check, every page, every index
 * against its table) is the longest and needs nothing from the others: it
 * runs in a thread of its own, on its own connection, and so does the
 * check of every foreign key, while the domains' checks run on the first.  Reports are
 * gathered per check and printed in the table's order at the end, so the
 * output is the same as one check after the other.
 */
#include "auth/authz.h"
#include "cli/cli.h"
#include "core/buf.h"
#include "db/migrate.h"
#include "economy/economy.h"
#include "economy/ledger.h"
#include "network/network.h"
#include "hospitality/hospitality.h"
#include <getopt.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

typedef struct check_ctx {
	const char *current;
	int problems;
	buf out; /* the report of this check (printed at the end) */
} check_ctx;

/* Records one problem of the current check. */
static void check_report(void *arg, const char *what)
{
	check_ctx *c = arg;
	buf_printf(&c->out, "  BROKEN [%s] %s\n", c->current, what);
	c->problems++;
}

/* SQLite's own check of every page and index (its own thread). */
static void check_sqlite(db *d, check_ctx *c)
{
	db_integrity_storage(d, check_report, c);
}

/* Every foreign key (its own thread). */
static void check_keys(db *d, check_ctx *c)
{
	db_integrity_keys(d, check_report, c);
}

static void check_schema(db *d, check_ctx *c)
{
	int version = 0, missing = 0;
	if (migrate_current(d, &version, NULL) != BG_OK || migrate_missing(d, &missing, NULL) != BG_OK ||
	    version != migrate_latest() || missing > 0) {
		char line[128];
		snprintf(line, sizeof line, "schema version %d, expected %d; %d migration(s) not applied",
			 version, migrate_latest(), missing);
		check_report(c, line);
	}
}

/* The rights SQL reads (authz_rules) are this binary's (authz.c); they
 * differ when an older binary migrated last or someone edited the table. */
static void check_rights(db *d, check_ctx *c)
{
	bool differs = false;
	bg_error err;
	if (authz_rules_sync(d, false, &differs, &err) != BG_OK)
		check_report(c, "the table authz_rules cannot be read");
	else if (differs)
		check_report(c, "the rights in authz_rules are not this binary's (bigre migrate writes them)");
}

/* Rows that break a rule SQL cannot express as a constraint. */
static void check_query(db *d, check_ctx *c, const char *sql, const char *what)
{
	db_check_rows(d, sql, what, 0, check_report, c);
}

static void check_accounts(db *d, check_ctx *c)
{
	check_query(d, c, "SELECT id FROM people WHERE email <> lower(trim(email))",
		    "an email address is not normalised");
	check_query(d, c, "SELECT id FROM people WHERE password_hash IS NOT NULL AND"
		       " password_hash NOT LIKE '$argon2id$%'",
		    "a password is not hashed with argon2id");
	check_query(d, c, "SELECT r.id FROM roles r WHERE (r.scope_type = 'cooperative' AND NOT EXISTS"
		       " (SELECT 1 FROM cooperatives c WHERE c.id = r.scope_id)) OR (r.scope_type = 'unit'"
		       " AND NOT EXISTS (SELECT 1 FROM units u WHERE u.id = r.scope_id))",
		    "a role is held in a scope that does not exist");
	check_query(d, c, "SELECT id FROM sessions WHERE length(token_hash) <> 32",
		    "a session token is not stored as a hash");
}

static void check_audit(db *d, check_ctx *c)
{
	check_query(d, c, "SELECT id FROM audit_log WHERE before LIKE '%password_hash%'"
		       " OR after LIKE '%password_hash%' OR before LIKE '%$argon2id$%' OR after LIKE '%$argon2id$%'",
		    "the audit trail holds a secret");
}

/* The ledger: hash chain, maintained balances, numbering (economy/ledger.c). */
static void check_ledger(db *d, check_ctx *c)
{
	ledger_check(d, check_report, c);
}

/* Each journal numbered in date order, without inversion (economy/ledger.h). */
static void check_journal_order(db *d, check_ctx *c)
{
	ledger_check_date_order(d, check_report, c);
}

/* Invoices, payments, expenses against the ledger (economy/sales.c). */
static void check_economy(db *d, check_ctx *c)
{
	economy_check(d, check_report, c);
}

/* The structure and directory (network/network.h). */
static void check_network(db *d, check_ctx *c)
{
	network_check(d, check_report, c);
}

static void check_hospitality(db *d, check_ctx *c)
{
	hospitality_check(d, check_report, c);
}

static const struct {
	const char *name;
	void (*run)(db *d, check_ctx *c);
} checks[] = {
	{"sqlite", check_sqlite},
	{"keys", check_keys},
	{"schema", check_schema},
	{"rights", check_rights},
	{"accounts", check_accounts},
	{"audit", check_audit},
	{"ledger", check_ledger},
	{"journal-order", check_journal_order},
	{"economy", check_economy},
	{"network", check_network},
	{"hospitality", check_hospitality},
};

/* A check run in its own thread. */
typedef struct check_job {
	const char *path;
	size_t index; /* in checks[] */
	check_ctx ctx;
	pthread_t thread;
	bool started;
} check_job;

/* The thread of a check with its own connection. */
static void *check_job_run(void *arg)
{
	check_job *job = arg;
	db *d = NULL;
	bg_error err;
	if (db_open(job->path, false, &d, &err) != BG_OK) {
		check_report(&job->ctx, "cannot open a second connection to the database");
		return NULL;
	}
	checks[job->index].run(d, &job->ctx);
	db_close(d);
	return NULL;
}

int cmd_check(int argc, char **argv)
{
	static const char usage[] = "usage: bigre check --db FILE\n"
				    "Verifies the database's invariants; exit code 1 when one is broken.\n";
	const char *path = NULL;
	int rc = cli_db_opts(argc, argv, usage, NULL, &path, NULL);
	if (rc != -1)
		return rc;
	db *d = NULL;
	bg_error err;
	if (db_open(path, false, &d, &err) != BG_OK) {
		cli_print_error(path, &err);
		return 1;
	}
	enum { NCHECKS = sizeof checks / sizeof *checks };
	check_job jobs[NCHECKS];
	memset(jobs, 0, sizeof jobs);
	printf("checking %s\n", path);
	for (size_t i = 0; i < NCHECKS; i++) {
		jobs[i] = (check_job){.path = path, .index = i, .ctx = {.current = checks[i].name}};
		buf_init(&jobs[i].ctx.out);
		if (checks[i].run == check_sqlite || checks[i].run == check_keys) /* on their own connections */
			jobs[i].started = pthread_create(&jobs[i].thread, NULL, check_job_run, &jobs[i]) == 0;
	}
	for (size_t i = 0; i < NCHECKS; i++)
		if (!jobs[i].started)
			checks[i].run(d, &jobs[i].ctx); /* here (or here after all, if no thread) */
	check_ctx ctx = {0};
	for (size_t i = 0; i < NCHECKS; i++) {
		if (jobs[i].started)
			pthread_join(jobs[i].thread, NULL);
		if (jobs[i].ctx.out.data)
			fputs(jobs[i].ctx.out.data, stdout);
		if (!jobs[i].ctx.problems)
			printf("  ok     [%s]\n", checks[i].name);
		ctx.problems += jobs[i].ctx.problems;
		buf_free(&jobs[i].ctx.out);
	}
	db_close(d);
	if (ctx.problems) {
		printf("%d problem%s found\n", ctx.problems, ctx.problems == 1 ? "" : "s");
		return 1;
	}
	printf("all invariants hold\n");
	return 0;
}
