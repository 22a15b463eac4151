/*
 * ledger.h — the debit-and-credit ledger of each cooperative (issue 5, E4).
 *
 * Design.  An entry (journal VT sales, AC purchases, BQ bank, OD misc.)
 * has a date, a label, a source-document reference and at least two
 * lines; each line carries an account of the cooperative's chart, an
 * optional activity (the analytic code) and a debit or a credit in cents.
 * ledger_post() writes the lines first, then inserts the entry already
 * posted; the database itself checks it against its lines (migration 004:
 * trigger ledger_entry_insert; the lines' key to their entry is deferred
 * to the commit): balanced, numbered next in its journal and fiscal year
 * (calendar year), next link of the hash chain, outside the closed
 * period.  Once posted nothing can change it; a mistake is corrected by
 * ledger_reverse(), which posts the mirror entry referencing the original.
 *
 * Tamper evidence: entries form one chain (posting order `seq`); each
 * stores prev_hash (the previous entry's hash, 32 zero bytes for the
 * first) and hash = BLAKE2b-256 over a canonical encoding of its content
 * (every field length-prefixed, lines in their order) and prev_hash.
 * Balances per account, activity and month are maintained by a trigger in
 * the posting transaction (by ledger_bulk_flush() for a bulk batch, whose
 * entries the database checks as a set when the batch ends: migration
 * 010).  ledger_check() recomputes the chain and every
 * balance and reports the first broken link.
 *
 * Functions here do not commit: callers own the transaction.
 */
#ifndef BG_LEDGER_H
#define BG_LEDGER_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"

#define LEDGER_HASH_LEN 32

typedef struct ledger_line {
	const char *account;  /* "411" */
	int64_t activity_id;  /* 0: none */
	int64_t debit, credit; /* exactly one is > 0 */
	const char *label;    /* optional */
} ledger_line;

typedef struct ledger_entry_in {
	int64_t coop_id;
	const char *journal;  /* "VT", "AC", "BQ", "OD" */
	const char *date;     /* "YYYY-MM-DD" */
	const char *label;
	const char *doc_ref;  /* "invoice:12", optional */
	int64_t reverses_id;  /* 0 unless a reversal */
	const ledger_line *lines;
	size_t nlines;
	/* Bulk import only: skip the lookups whose rules the database enforces
	 * anyway (accounts and activities by foreign keys, the closed period
	 * by trigger) — a refusal then names no field, the importer names the
	 * line.  Amounts, sides and balance are still checked here. */
	bool bulk;
	/* Bulk import only, optional: what the previous entry of the same
	 * transaction left (next id, place in the chain, last hash, last
	 * numbers), so as not to look it up again; the database's triggers
	 * still check numbering and chain.  Reset it (valid = false) whenever
	 * the transaction ends. */
	struct ledger_cursor *cursor;
} ledger_entry_in;

enum { LEDGER_CURSOR_NUMBERS = 16 };
typedef struct ledger_cursor {
	bool valid;
	int64_t next_id, next_seq;
	unsigned char prev[32];
	struct {
		char journal[4];
		int year;
		int64_t last;
		char last_date[11]; /* of the entry numbered last */
	} numbers[LEDGER_CURSOR_NUMBERS];
	int nnumbers;
	/* what the batch's entries add to the maintained balances, kept in
	 * memory until ledger_bulk_flush() writes it (bulk import) */
	struct ledger_batch_totals *totals;
	/* entries queued, not yet written (bulk import: see ledger_post) */
	struct ledger_group *group;
	char refused[101]; /* doc_ref of an entry the database refused */
} ledger_cursor;

/* Frees what a cursor holds (the batch's totals, when not flushed). */
void ledger_cursor_free(ledger_cursor *cur);

/* Bulk import: between ledger_bulk_begin() and ledger_bulk_flush(), in
 * one transaction, posted entries leave the maintained balances alone;
 * ledger_post() (bulk, with a cursor) adds their lines to totals kept in
 * the cursor, and the flush adds those to the maintained balances, one
 * upsert per key in the table's order — after checking against the
 * database that the batch's lines (count, debits, credits) are exactly
 * the ones totalled.  Every other rule is checked entry by entry as
 * usual; committing without the flush fails (migration 007). */
bg_status ledger_bulk_begin(db *d, bg_error *err) BG_MUST_CHECK;
bg_status ledger_bulk_flush(db *d, ledger_cursor *cur, bg_error *err) BG_MUST_CHECK;

/* Creates the cooperative's economic settings and seeds its chart of
 * accounts from the PCG accounts a CAE uses; harmless when already done. */
bg_status ledger_coop_init(db *d, int64_t coop_id, bg_error *err) BG_MUST_CHECK;

/* Is journal one of VT, AC, BQ, OD? */
int ledger_journal_valid(const char *journal);

/* Validates and posts an entry (no rights check: callers are domain
 * functions that checked theirs, or ledger_post_manual).  Field errors
 * name "journal", "date", "label", "lines[i].account" …  Each journal is
 * numbered in date order: an entry dated before the last one of its
 * journal and fiscal year is refused (409 "date_before_last", field
 * "date"), whoever posts it — invoices, payments, expenses, reversals,
 * manual entries, imports. */
bg_status ledger_post(db *d, int64_t actor_id, const ledger_entry_in *in, int64_t *entry_id,
		      bg_error *err) BG_MUST_CHECK;

/* Every field error of an entry that ledger_post would refuse (journal,
 * date and its closed period, label, each line's account, activity and
 * amounts, the balance), added to fe; fills *total (the debits).  Returns
 * only a database failure.  ledger_post refuses the first. */
bg_status ledger_entry_fields(db *d, const ledger_entry_in *in, int64_t *total, bg_field_errors *fe,
			      bg_error *err) BG_MUST_CHECK;
/* The rights of ledger_post_manual (accountants: 403/404), then every field
 * error of the entry added to fe, so that a form shows them all. */
bg_status ledger_entry_check(db *d, int64_t actor_id, const ledger_entry_in *in, bg_field_errors *fe,
			     bg_error *err) BG_MUST_CHECK;

/* A manual entry by an accountant of the cooperative (audited). */
bg_status ledger_post_manual(db *d, int64_t actor_id, const ledger_entry_in *in,
			     int64_t *entry_id, bg_error *err) BG_MUST_CHECK;

/* Posts the reversal of a posted entry (same journal, debits and credits
 * swapped, dated date), referencing it; an entry is reversed at most once.
 * doc_ref: the reversal's source document (NULL: "entry:<id>"). */
bg_status ledger_reverse(db *d, int64_t actor_id, int64_t entry_id, const char *date,
			 const char *doc_ref, int64_t *reversal_id, bg_error *err) BG_MUST_CHECK;
/* The same, with the accountant's rights checked (audited). */
bg_status ledger_reverse_manual(db *d, int64_t actor_id, int64_t entry_id, const char *date,
				int64_t *reversal_id, bg_error *err) BG_MUST_CHECK;

/* Closes every period up to and including date (forward only). */
bg_status ledger_close_through(db *d, int64_t actor_id, int64_t coop_id, const char *date,
			       bg_error *err) BG_MUST_CHECK;

/* Adds or renames an account of the chart (administrators). */
bg_status ledger_account_put(db *d, int64_t actor_id, int64_t coop_id, const char *number,
			     const char *label, bg_error *err) BG_MUST_CHECK;

/* A cooperative's economic settings (economy_settings).  Its name, SIREN
 * and address are not among them: documents take those from the
 * cooperative's own record (network.h, net_coop_update). */
typedef struct economy_settings_in {
	const char *vat_number, *rcs, *capital_text;
	int64_t late_rate_bp, self_validation_max, payment_terms_days, contribution_bp, km_rate_milli;
	const char *doc_lang; /* of the legal documents: "fr", "en", NULL/"": French */
	/* NULL: a wrong input answers its first field's error; else every
	 * field's error is added here (a face's list, linked from the error) */
	bg_field_errors *fields;
} economy_settings_in;

/* Adds every field error of the settings to fe (ledger_settings_put
 * refuses them: VAT number, texts, rates, ceiling, terms, language). */
void ledger_settings_fields(const economy_settings_in *in, bg_field_errors *fe);

/* Sets them all (administrators of the cooperative; audited). */
bg_status ledger_settings_put(db *d, int64_t actor_id, int64_t coop_id, const economy_settings_in *in,
			      bg_error *err) BG_MUST_CHECK;



/* "lines[3].account": a field name for an error about the i-th element of
 * a list (kept in a small per-thread ring; valid until a few more calls). */
const char *ledger_field_name(const char *list, size_t i, const char *what);

/* Recomputes the hash chain, every maintained balance and the ledger's
 * invariants; reports each problem (the chain: only its first broken
 * link) and returns how many were found. */
int ledger_check(db *d, void (*report)(void *ctx, const char *what), void *ctx);
/* Reports each entry dated before the one numbered just before it in its
 * journal and fiscal year (an inversion); returns how many were found. */
int ledger_check_date_order(db *d, void (*report)(void *ctx, const char *what), void *ctx);


/* --- reading the ledger for the faces --- */



/* Every reader below takes the acting person and checks
 * AUTHZ_ECONOMY_READ in the cooperative: 404 without a role there, 403
 * where the role forbids (the unchecked loaders are in eco_internal.h). */

/* One line of an entry: account, the account's label in the chart and the
 * activity's code (NULL when none), amounts. */
typedef struct ledger_line_view {
	const char *account, *activity, *label, *account_label;
	int64_t debit, credit;
} ledger_line_view;

/* An entry with its lines; hash and prev_hash in upper-case hex,
 * reverses_id 0 when it reverses nothing, reversed_by the entry that
 * reverses it (0: none), posted false for an entry of an unfinished bulk
 * batch (strings in the arena). */
typedef struct ledger_entry_view {
	int64_t id, coop_id, fiscal_year, number, reverses_id, reversed_by, total_cents;
	const char *journal, *date, *label, *doc_ref, *hash, *prev_hash;
	bool posted;
	ledger_line_view *lines;
	size_t nlines;
} ledger_entry_view;

/* Reads an entry into `out` (allocated in `a`) for actor; BG_ERR_NOT_FOUND
 * when there is none (out->id then 0). */
bg_status ledger_entry_view_get(db *d, arena *a, int64_t actor, int64_t id, ledger_entry_view *out,
				bg_error *err) BG_MUST_CHECK;
/* The ids of a cooperative's posted entries, filtered by journal, doc_ref
 * and date range (each NULL: any), newest first, at most `limit` after
 * skipping `offset`, allocated in `a`; *total counts every entry that
 * matches. */
bg_status ledger_entry_ids(db *d, arena *a, int64_t actor, int64_t coop_id, const char *journal,
			   const char *doc_ref, const char *from, const char *to, int64_t limit, int64_t offset,
			   int64_t **out, size_t *n, int64_t *total, bg_error *err) BG_MUST_CHECK;

/* One line of a posted entry as a journal shows it: its entry (id, journal,
 * "year-number", date, label), account, activity code (NULL when none). */
typedef struct ledger_line_row {
	int64_t entry_id, debit, credit;
	const char *journal, *number, *date, *label, *account, *activity;
} ledger_line_row;

/* The lines of a cooperative's posted entries of doc_ref and journal
 * (each NULL: any), newest entry first, at most `limit` entries after
 * skipping `offset`, allocated in `a`. */
bg_status ledger_lines_page(db *d, arena *a, int64_t actor, int64_t coop_id, const char *doc_ref,
			    const char *journal, int64_t limit, int64_t offset, ledger_line_row **out, size_t *n,
			    bg_error *err) BG_MUST_CHECK;

/* What an activity of a cooperative earned and spent: revenue excl. VAT
 * (class 7, credit - debit), expenses excl. VAT (class 6, debit - credit),
 * receivable from clients (411); activity is its code, NULL for the lines
 * of no activity. */
typedef struct ledger_activity_result {
	const char *activity;
	int64_t revenue, expenses, receivable;
} ledger_activity_result;

/* The results of every activity of a cooperative (and of no activity), by
 * code, allocated in `a`. */
bg_status ledger_activity_results(db *d, arena *a, int64_t actor, int64_t coop_id, ledger_activity_result **out,
				  size_t *n, bg_error *err) BG_MUST_CHECK;

/* An account's totals over a period: label NULL when the account is not
 * in the chart, activity the activity's code (NULL when none, and always
 * NULL unless asked per activity). */
typedef struct ledger_balance_row {
	const char *account, *activity, *label;
	int64_t debit, credit;
} ledger_balance_row;

/* A cooperative's balances per account, or per activity and account when
 * per_activity, over periods from..to (each NULL: open), allocated in `a`. */
bg_status ledger_balance_list(db *d, arena *a, int64_t actor, int64_t coop_id, bool per_activity, const char *from,
			      const char *to, ledger_balance_row **out, size_t *n, bg_error *err) BG_MUST_CHECK;

/* An account of the chart. */
typedef struct ledger_account_row {
	const char *number, *label;
	bool active;
} ledger_account_row;

/* A cooperative's chart of accounts, by number, allocated in `a`. */
bg_status ledger_account_list(db *d, arena *a, int64_t actor, int64_t coop_id, ledger_account_row **out,
			      size_t *n, bg_error *err) BG_MUST_CHECK;

/* A cooperative's economic settings (strings in the arena, NULL when
 * absent). */
typedef struct economy_settings_view {
	const char *vat_number, *rcs, *capital_text, *closed_through, *doc_lang;
	int64_t late_rate_bp, self_validation_max, payment_terms_days, contribution_bp, km_rate_milli;
} economy_settings_view;

/* Reads a cooperative's settings; *found false when it has none yet. */
bg_status ledger_settings_get(db *d, arena *a, int64_t actor, int64_t coop_id, economy_settings_view *out,
			      bool *found, bg_error *err) BG_MUST_CHECK;

#endif
