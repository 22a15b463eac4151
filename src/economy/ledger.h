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
bg_status ledger_bulk_begin(db *d, bg_error *err);
bg_status ledger_bulk_flush(db *d, ledger_cursor *cur, bg_error *err);

/* Creates the cooperative's economic settings and seeds its chart of
 * accounts from the PCG accounts a CAE uses; harmless when already done. */
bg_status ledger_coop_init(db *d, int64_t coop_id, bg_error *err);

/* Is journal one of VT, AC, BQ, OD? */
int ledger_journal_valid(const char *journal);

/* Validates and posts an entry (no rights check: callers are domain
 * functions that checked theirs, or ledger_post_manual).  Field errors
 * name "journal", "date", "label", "lines[i].account" … */
bg_status ledger_post(db *d, int64_t actor_id, const ledger_entry_in *in, int64_t *entry_id,
		      bg_error *err);

/* A manual entry by an accountant of the cooperative (audited). */
bg_status ledger_post_manual(db *d, int64_t actor_id, const ledger_entry_in *in,
			     int64_t *entry_id, bg_error *err);

/* Posts the reversal of a posted entry (same journal, debits and credits
 * swapped, dated date), referencing it; an entry is reversed at most once.
 * doc_ref: the reversal's source document (NULL: "entry:<id>"). */
bg_status ledger_reverse(db *d, int64_t actor_id, int64_t entry_id, const char *date,
			 const char *doc_ref, int64_t *reversal_id, bg_error *err);
/* The same, with the accountant's rights checked (audited). */
bg_status ledger_reverse_manual(db *d, int64_t actor_id, int64_t entry_id, const char *date,
				int64_t *reversal_id, bg_error *err);

/* Closes every period up to and including date (forward only). */
bg_status ledger_close_through(db *d, int64_t actor_id, int64_t coop_id, const char *date,
			       bg_error *err);

/* Adds or renames an account of the chart (administrators). */
bg_status ledger_account_put(db *d, int64_t actor_id, int64_t coop_id, const char *number,
			     const char *label, bg_error *err);

/* A cooperative's economic settings (economy_settings). */
typedef struct economy_settings_in {
	const char *address, *vat_number, *rcs, *capital_text;
	int64_t late_rate_bp, self_validation_max, payment_terms_days, contribution_bp, km_rate_milli;
	const char *doc_lang; /* of the legal documents: "fr", "en", NULL/"": French */
} economy_settings_in;

/* Sets them all (administrators of the cooperative; audited). */
bg_status ledger_settings_put(db *d, int64_t actor_id, int64_t coop_id, const economy_settings_in *in,
			      bg_error *err);

/* Does the account exist, active, in the cooperative's chart? */
bg_status ledger_account_exists(db *d, int64_t coop_id, const char *number, bool *exists,
				bg_error *err);

/* "lines[3].account": a field name for an error about the i-th element of
 * a list (kept in a small per-thread ring; valid until a few more calls). */
const char *ledger_field_name(const char *list, size_t i, const char *what);

/* Recomputes the hash chain, every maintained balance and the ledger's
 * invariants; reports each problem (the chain: only its first broken
 * link) and returns how many were found. */
int ledger_check(db *d, void (*report)(void *ctx, const char *what), void *ctx);

#endif
