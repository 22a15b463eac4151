/*
 * ledger_internal.h — what the files of the ledger share (ledger.c,
 * ledger_bulk.c, ledger_verify.c), and nothing else includes: the hasher
 * of the canonical encoding, the tables of totals kept in memory, the
 * bulk groups, and the functions that cross from one file to another.
 */
#ifndef BG_LEDGER_INTERNAL_H
#define BG_LEDGER_INTERNAL_H
#include "economy/ledger.h"
#include <sodium.h>
#include <stdbool.h>
#include <stdint.h>

/* The hash being computed: the canonical encoding is gathered in a small
 * buffer and given to BLAKE2b a few hundred bytes at a time (an entry is
 * some thirty short fields; one update per field would cost more than the
 * hashing itself).  The bytes hashed are the same either way. */
typedef struct ledger_hasher {
	crypto_generichash_state h;
	size_t n;
	unsigned char buf[512];
} ledger_hasher;

/* Account numbers seen, each given a small integer. */
typedef struct acct_slot {
	char *name;
	int idx;
} acct_slot;

typedef struct acct_table {
	acct_slot *slots;
	char **names; /* by index */
	size_t cap, used;
} acct_table;

/* A recomputed total: per (cooperative, account, activity, month), or per
 * (cooperative, account, month) with activity -1. */
typedef struct tot_slot {
	int64_t coop, activity, debit, credit;
	int32_t acct, period; /* period = year * 100 + month; 0: empty slot */
	bool seen;            /* matched by a maintained row */
} tot_slot;

typedef struct tot_table {
	tot_slot *slots;
	size_t cap, used;
} tot_table;

/* What the entries of a bulk batch add to the maintained balances: per
 * (cooperative, account, activity, month), plus how many lines and how
 * much in all (checked against the lines themselves at the flush). */
struct ledger_batch_totals {
	acct_table at;
	tot_table bt;
	int64_t lines, debit, credit;
};

/* --- bulk groups ---
 *
 * In a bulk batch, ledger_post() queues entries in the cursor's group and
 * writes LEDGER_GROUP_ENTRIES of them at a time: one multi-row INSERT for
 * all their lines, then one for the entries (each row still meets its
 * CHECKs, foreign keys and ledger_line_insert; the batch's end checks the
 * entries, migration 010).  Fewer statements: fewer cursors opened and
 * closed, fewer bindings (the texts are bound without copies).  Numbers,
 * links and hashes are computed as each entry is queued, from the
 * cursor; an entry that needs a look-up first sends the group to the
 * database.  When a group is refused, its entries are written again one
 * by one so that the refused one is named (cursor->refused). */
enum { LEDGER_GROUP_ENTRIES = 16, LEDGER_GROUP_LINES = 64, LEDGER_GROUP_TEXT = 16384 };

typedef struct ledger_queued {
	ledger_entry_in in; /* its texts and lines: copies in the group */
	int64_t id, number, seq, total, actor;
	int year;
	unsigned char prev[LEDGER_HASH_LEN], hash[LEDGER_HASH_LEN];
} ledger_queued;

struct ledger_group {
	size_t n, nlines, used;
	ledger_queued e[LEDGER_GROUP_ENTRIES];
	ledger_line lines[LEDGER_GROUP_LINES];
	char text[LEDGER_GROUP_TEXT];
};

/* --- ledger.c --- */
/* The canonical header of an entry: version, cooperative, journal, fiscal
 * year, number, date, label, document, reversed entry, chain position,
 * total.  Then come the lines (ledger_hash_line), then ledger_hash_end. */
void ledger_hash_head(ledger_hasher *e, int64_t coop, const char *journal,
		      int64_t number, const char *date, const char *label, const char *doc_ref,
		      int64_t reverses, int64_t seq, int64_t total);
/* Feeds one line of an entry to the hash, in the order of its fields. */
void ledger_hash_line(ledger_hasher *e, const char *account, int64_t activity,
		      int64_t debit, int64_t credit, const char *label);
/* Closes the hash: the number of lines, then the previous entry's hash. */
void ledger_hash_end(ledger_hasher *e, size_t nlines, const unsigned char *prev,
		     unsigned char *out);

/* --- ledger_bulk.c --- */
/* calloc that never returns NULL (as xmalloc). */
void *ledger_zalloc(size_t n, size_t size);
/* The index of an account number (added when new, unless !create: -1). */
int ledger_acct_index(acct_table *t, const char *name, bool create);
/* Frees the interned accounts. */
void ledger_acct_free(acct_table *t);
/* Mixes the integer key of a total. */
uint64_t ledger_tot_hash(int64_t coop, int acct, int64_t activity, int period);
/* The slot of a key (created when absent, unless !create: NULL). */
tot_slot *ledger_tot_find(tot_table *t, int64_t coop, int acct, int64_t activity, int period, bool create);
/* "2026-07…" → 202607; -1 when it is not a year and a month. */
int ledger_period_of(const char *date);
/* Adds a just-posted bulk entry's lines to its batch's totals. */
void ledger_batch_add(ledger_cursor *cur, const ledger_entry_in *in);
/* Remembers what a posted entry leaves for the next one of a bulk import
 * (or forgets everything when the posting failed). */
void ledger_cursor_advance(ledger_cursor *cur, bool ok, int64_t id, int64_t seq,
			   const unsigned char hash[LEDGER_HASH_LEN], const char *journal, int year,
			   int64_t number, const char *date);
/* The rule of date order: an entry is not dated before the last one of its
 * journal and fiscal year (last_date, "" when it is the first). */
bg_status ledger_check_after_last(const char *date, const char *last_date, bg_error *err) BG_MUST_CHECK;
/* Sends the cursor's queued entries to the database (nothing queued: OK).
 * The batch's totals count them once written. */
bg_status ledger_group_write(db *d, ledger_cursor *cur, bg_error *err) BG_MUST_CHECK;
/* Queues a validated, numbered and hashed entry (*queued false, when it
 * has too many lines or texts for a group: the caller writes it alone,
 * after the group). */
bg_status ledger_group_add(db *d, ledger_cursor *cur, const ledger_entry_in *in, const ledger_queued *q,
			   bool *queued, bg_error *err) BG_MUST_CHECK;

#endif
