/*
 * cmd_ledger.c — `bigre ledger-import` (bulk import of journal entries)
 * and `bigre ledger-balance` (the balance by account, from the maintained
 * totals).
 *
 * Import format: UTF-8 text, one posting per line, tab-separated:
 *   entry  date  journal  label  account  activity  debit_cents  credit_cents
 * Consecutive lines with the same `entry` key form one entry.  `activity`
 * is an analytic code (empty: none); unknown codes become activities of
 * the cooperative (with no member yet).  Every entry goes through
 * ledger_post(), the same validation, numbering, hash chain and maintained
 * balances as the application — during a batch the database checks the
 * entries as a set when the batch ends, and the balances are brought up
 * to date once per batch (ledger_bulk_flush), in the batch's transaction
 * (migrations 007 and 010); entries are
 * committed in batches of 125,000,
 * and the import stops at the first refused entry (its line is printed;
 * the batches before it stay).
 */
#include "cli/cli.h"
#include "core/date.h"
#include "db/audit.h"
#include "economy/ledger.h"
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define IMPORT_MAX_LINES 64
#define IMPORT_BATCH 125000

typedef struct import_row {
	char key[64], date[16], journal[4], label[304], account[16], activity[32];
	int64_t debit, credit;
} import_row;

/* Copies src into dst[size], cut to fit (a million lines: no printf). */
static void import_copy(char *dst, size_t size, const char *src)
{
	size_t n = strnlen(src, size - 1);
	memcpy(dst, src, n);
	dst[n] = 0;
}

/* Splits a line into its 8 tab-separated fields; false when malformed. */
static bool import_parse(char *line, import_row *r)
{
	char *f[8];
	int n = 0;
	line[strcspn(line, "\r\n")] = 0;
	for (char *p = line; n < 8; n++) {
		f[n] = p;
		char *tab = strchr(p, '\t');
		if (!tab) {
			n++;
			break;
		}
		*tab = 0;
		p = tab + 1;
	}
	if (n != 8)
		return false;
	import_copy(r->key, sizeof r->key, f[0]);
	import_copy(r->date, sizeof r->date, f[1]);
	import_copy(r->journal, sizeof r->journal, f[2]);
	import_copy(r->label, sizeof r->label, f[3]);
	import_copy(r->account, sizeof r->account, f[4]);
	import_copy(r->activity, sizeof r->activity, f[5]);
	char *end;
	r->debit = strtoll(f[6], &end, 10);
	if (*end)
		return false;
	r->credit = strtoll(f[7], &end, 10);
	return !*end;
}

/* The id of an activity code, created when unknown; codes seen are kept
 * in a small open-addressing table (the import is one process, one
 * cooperative). */
#define IMPORT_CACHE 16384
static struct {
	char code[32];
	int64_t id;
} import_cache[IMPORT_CACHE];

static bg_status import_activity(db *d, int64_t coop, const char *code, int64_t *id, bg_error *err)
{
	if (!code[0]) {
		*id = 0;
		return BG_OK;
	}
	uint32_t h = 2166136261u;
	for (const char *p = code; *p; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	size_t slot = h % IMPORT_CACHE;
	for (size_t probe = 0; probe < IMPORT_CACHE && import_cache[slot].id; probe++, slot = (slot + 1) % IMPORT_CACHE)
		if (!strcmp(import_cache[slot].code, code)) {
			*id = import_cache[slot].id;
			return BG_OK;
		}
	bool found = false;
	bg_status st = db_scalar(d, err, id, &found, "SELECT id FROM activities WHERE cooperative_id = ? AND code = ?",
				 "is", coop, code);
	if (st == BG_OK && !found) {
		st = db_scalar(d, err, id, NULL, "INSERT INTO activities(cooperative_id, code, name, created_at)"
						 " VALUES (?, ?, ?, ?) RETURNING id", "issi", coop, code, code, date_now());
	}
	if (st == BG_OK && !import_cache[slot].id) {
		snprintf(import_cache[slot].code, sizeof import_cache[slot].code, "%s", code);
		import_cache[slot].id = *id;
	}
	return st;
}

/* Posts the rows of one entry. */
static bg_status import_entry(db *d, int64_t coop, import_row *rows, size_t n, ledger_cursor *cur, bg_error *err)
{
	ledger_line lines[IMPORT_MAX_LINES];
	bg_status st = BG_OK;
	for (size_t i = 0; st == BG_OK && i < n; i++) {
		lines[i] = (ledger_line){rows[i].account, 0, rows[i].debit, rows[i].credit, NULL};
		st = import_activity(d, coop, rows[i].activity, &lines[i].activity_id, err);
	}
	if (st != BG_OK)
		return st;
	ledger_entry_in in = {coop, rows[0].journal, rows[0].date, rows[0].label, rows[0].key, 0, lines, n, true, cur};
	return ledger_post(d, 0, &in, NULL, err);
}

/* --db FILE --cooperative-id N, both required (N > 0), for the two ledger
 * commands: -1 to go on, else the exit code (see cli_db_opts). */
static int cli_db_coop_opts(int argc, char **argv, const char *usage, const char **path, int64_t *coop)
{
	const char *id = NULL;
	optind = 1;
	int rc = cli_db_opts(argc, argv, usage, "cooperative-id", path, &id);
	if (rc != -1)
		return rc;
	*coop = strtoll(id, NULL, 10);
	if (*coop <= 0) {
		fprintf(stderr, "%s", usage);
		return EXIT_USAGE;
	}
	return -1;
}

int cmd_ledger_import(int argc, char **argv)
{
	static const char usage[] = "usage: bigre ledger-import --db FILE --cooperative-id N [FILE]\n"
				    "Posts journal entries read from FILE (or standard input), one posting per line:\n"
				    "entry<TAB>date<TAB>journal<TAB>label<TAB>account<TAB>activity<TAB>debit_cents<TAB>credit_cents\n";
	const char *path = NULL;
	int64_t coop = 0;
	int rc = cli_db_coop_opts(argc, argv, usage, &path, &coop);
	if (rc != -1)
		return rc;
	FILE *in = optind < argc ? fopen(argv[optind], "r") : stdin;
	if (!in) {
		perror(argv[optind]);
		return 1;
	}
	db *d = cli_open_db(path, false);
	if (!d)
		return 1;
	bg_error err;
	/* a large page cache for this one long writer (256 MiB) */
	bg_status st = db_exec_script(d, "PRAGMA cache_size = -262144; PRAGMA wal_autocheckpoint = 20000;", &err);
	if (st == BG_OK)
		st = db_begin(d, DB_WRITE, &err);
	if (st == BG_OK)
		st = ledger_coop_init(d, coop, &err);
	if (st == BG_OK)
		st = ledger_bulk_begin(d, &err);
	import_row *rows = calloc(IMPORT_MAX_LINES + 1, sizeof *rows);
	ledger_cursor cursor = {0};
	size_t n = 0;
	long lineno = 0, entries = 0, postings = 0;
	char line[1024];
	int64_t t0 = date_now();
	while (st == BG_OK && rows) {
		bool more = fgets(line, sizeof line, in) != NULL;
		import_row r = {0};
		if (more) {
			lineno++;
			if (!import_parse(line, &r)) {
				fprintf(stderr, "bigre: line %ld: expected 8 tab-separated fields\n", lineno);
				st = BG_ERR_INVALID;
				break;
			}
		}
		if (n && (!more || strcmp(r.key, rows[0].key) != 0)) {
			st = import_entry(d, coop, rows, n, &cursor, &err);
			if (st != BG_OK) {
				/* the refused entry: this one, or one queued before it */
				fprintf(stderr, "bigre: entry %s (before line %ld): ", cursor.refused[0] ? cursor.refused : rows[0].key,
					lineno);
				cli_print_error("refused", &err);
				break;
			}
			entries++;
			postings += (long)n;
			n = 0;
			if (entries % IMPORT_BATCH == 0) {
				if ((st = ledger_bulk_flush(d, &cursor, &err)) != BG_OK || (st = db_commit(d, &err)) != BG_OK ||
				    (st = db_begin(d, DB_WRITE, &err)) != BG_OK || (st = ledger_bulk_begin(d, &err)) != BG_OK) {
					fprintf(stderr, "bigre: the batch ending before line %ld was refused (%s%s%s): ", lineno,
						db_last_error(d), cursor.refused[0] ? ", entry " : "", cursor.refused);
					cli_print_error("refused", &err);
					break;
				}
				cursor.valid = false; /* another writer may have posted between the batches */
			}
		}
		if (!more)
			break;
		if (n == IMPORT_MAX_LINES) {
			fprintf(stderr, "bigre: line %ld: an entry has at most %d lines\n", lineno, IMPORT_MAX_LINES);
			st = BG_ERR_INVALID;
			break;
		}
		rows[n++] = r;
	}
	free(rows);
	if (in != stdin)
		fclose(in);
	/* the import itself is audited once (the entries carry their own
	 * reference, and the chain proves they were not changed since) */
	if (st == BG_OK && (st = ledger_bulk_flush(d, &cursor, &err)) != BG_OK) {
		fprintf(stderr, "bigre: the last batch was refused (%s%s%s): ", db_last_error(d),
			cursor.refused[0] ? ", entry " : "", cursor.refused);
		cli_print_error("refused", &err);
	}
	ledger_cursor_free(&cursor);
	if (st == BG_OK) {
		char after[120];
		snprintf(after, sizeof after, "{\"entries\":%ld,\"postings\":%ld}", entries, postings);
		st = audit_record(d, 0, "import", "ledger", coop, NULL, after, &err);
	}
	if (st == BG_OK)
		st = db_commit(d, &err);
	else
		db_rollback(d);
	db_close(d);
	printf("%ld entries, %ld postings imported in %lld s\n", entries, postings, (long long)(date_now() - t0));
	return st == BG_OK ? 0 : 1;
}

int cmd_ledger_balance(int argc, char **argv)
{
	static const char usage[] = "usage: bigre ledger-balance --db FILE --cooperative-id N\n"
				    "Prints the balance by account (debit, credit, balance in cents), from the maintained totals.\n";
	const char *path = NULL;
	int64_t coop = 0;
	int rc = cli_db_coop_opts(argc, argv, usage, &path, &coop);
	if (rc != -1)
		return rc;
	db *d = cli_open_db(path, false);
	if (!d)
		return 1;
	db_stmt *q = db_query(d, "SELECT account, sum(debit), sum(credit) FROM ledger_account_totals WHERE cooperative_id = ?"
				 " GROUP BY account ORDER BY account", "i", coop);
	int64_t total = 0;
	while (q && db_next(q) == 1) {
		printf("%-10s %16lld %16lld %16lld\n", db_text(q, 0), (long long)db_int(q, 1), (long long)db_int(q, 2),
		       (long long)(db_int(q, 1) - db_int(q, 2)));
		total += db_int(q, 1) - db_int(q, 2);
	}
	if (db_done(q) != BG_OK) { /* a failed step is not the end of the rows */
		fprintf(stderr, "bigre: the balances could not be read\n");
		db_close(d);
		return 1;
	}
	printf("%-10s %16s %16s %16lld\n", "total", "", "", (long long)total);
	db_close(d);
	return 0;
}
