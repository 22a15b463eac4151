/*
 * ledger.c — posting, reversal, closing, the chart of accounts and the
 * economic settings (see ledger.h for the design).
 *
 * The database enforces the rules (migration 004); this file validates
 * first so that the caller gets an error naming the field, computes the
 * entry's number, its place in the hash chain and its hash (the canonical
 * encoding, ledger_hash_*), and posts.  A bulk import's entries go through
 * the same ledger_post(), which queues them in the cursor's group
 * (ledger_bulk.c); the check that recomputes everything is ledger_verify.c.
 */
#include "core/mem.h"
#include "economy/ledger.h"
#include "auth/authz.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/money.h"
#include "db/audit.h"
#include <assert.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "economy/ledger_internal.h"

/* The PCG accounts a CAE uses, seeded into every cooperative's chart. */
static const char *const ledger_pcg[][2] = {
	{"1013", "Capital souscrit – appelé, versé"},
	{"401", "Fournisseurs"},
	{"411", "Clients"},
	{"421", "Personnel – rémunérations dues"},
	{"425", "Personnel – avances et acomptes"},
	{"431", "Sécurité sociale (URSSAF)"},
	{"44566", "TVA déductible sur autres biens et services"},
	{"44571", "TVA collectée"},
	{"4551", "Associés – comptes courants"},
	{"467", "Autres comptes débiteurs ou créditeurs"},
	{"512", "Banque"},
	{"530", "Caisse"},
	{"604", "Achats d'études et prestations de services"},
	{"6063", "Fournitures d'entretien et de petit équipement"},
	{"6064", "Fournitures administratives"},
	{"607", "Achats de marchandises"},
	{"6132", "Locations immobilières"},
	{"616", "Primes d'assurance"},
	{"6226", "Honoraires"},
	{"623", "Publicité, publications, relations publiques"},
	{"6251", "Voyages et déplacements"},
	{"6257", "Réceptions"},
	{"626", "Frais postaux et de télécommunications"},
	{"627", "Services bancaires et assimilés"},
	{"641", "Rémunérations du personnel"},
	{"645", "Charges de sécurité sociale et de prévoyance"},
	{"706", "Prestations de services"},
	{"707", "Ventes de marchandises"},
};

bg_status ledger_coop_init(db *d, int64_t coop_id, bg_error *err)
{
	int64_t one = 0;
	bool fresh = false; /* no row returned: the cooperative was set up already */
	bg_status st = db_scalar(d, err, &one, &fresh, "INSERT INTO economy_settings(cooperative_id) VALUES (?)"
							 " ON CONFLICT DO NOTHING RETURNING 1", "i", coop_id);
	if (st != BG_OK || !fresh)
		return st;
	for (size_t i = 0; st == BG_OK && i < sizeof ledger_pcg / sizeof *ledger_pcg; i++)
		st = db_exec(d, err, "INSERT INTO ledger_accounts(cooperative_id, number, label)"
				     " VALUES (?, ?, ?) ON CONFLICT DO NOTHING", "iss", coop_id, ledger_pcg[i][0],
			     ledger_pcg[i][1]);
	return st;
}

int ledger_journal_valid(const char *j)
{
	return j && (!strcmp(j, "VT") || !strcmp(j, "AC") || !strcmp(j, "BQ") || !strcmp(j, "OD"));
}

bg_status ledger_account_exists(db *d, int64_t coop_id, const char *number, bool *exists,
				bg_error *err)
{
	int64_t one = 0;
	*exists = false;
	return db_scalar(d, err, &one, exists, "SELECT 1 FROM ledger_accounts WHERE cooperative_id = ?"
					       " AND number = ? AND active = 1", "is", coop_id, number);
}

/* Hands the buffered bytes to BLAKE2b. */
static void ledger_hash_flush(ledger_hasher *e)
{
	if (e->n)
		crypto_generichash_update(&e->h, e->buf, e->n);
	e->n = 0;
}

/* Appends raw bytes to the encoding. */
static void ledger_hash_bytes(ledger_hasher *e, const void *p, size_t n)
{
	if (e->n + n > sizeof e->buf) {
		ledger_hash_flush(e);
		if (n > sizeof e->buf) {
			crypto_generichash_update(&e->h, p, n);
			return;
		}
	}
	memcpy(e->buf + e->n, p, n);
	e->n += n;
}

/* Feeds one length-prefixed field to the hash: the 8-byte little-endian
 * length, then the bytes.  Length prefixes make the encoding unambiguous. */
static void ledger_hash_field(ledger_hasher *e, const void *p, size_t n)
{
	unsigned char len[8];
	for (int i = 0; i < 8; i++)
		len[i] = (unsigned char)((uint64_t)n >> (8 * i));
	ledger_hash_bytes(e, len, sizeof len);
	if (n)
		ledger_hash_bytes(e, p, n);
}

/* Feeds a string field (NULL as empty) to the hash. */
static void ledger_hash_str(ledger_hasher *e, const char *s)
{
	ledger_hash_field(e, s ? s : "", s ? strlen(s) : 0);
}

/* Feeds an integer field, in decimal (as printf's %lld writes it), to the
 * hash. */
static void ledger_hash_int(ledger_hasher *e, int64_t v)
{
	char num[24], *end = num + sizeof num, *p = end;
	uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		*--p = '-';
	ledger_hash_field(e, p, (size_t)(end - p));
}

/* The canonical header of an entry: version, cooperative, journal, fiscal
 * year, number, date, label, document, reversed entry, chain position,
 * total.  Then come the lines (ledger_hash_line), then ledger_hash_end. */
void ledger_hash_head(ledger_hasher *e, int64_t coop, const char *journal,
		      int64_t number, const char *date, const char *label, const char *doc_ref,
		      int64_t reverses, int64_t seq, int64_t total)
{
	crypto_generichash_init(&e->h, NULL, 0, LEDGER_HASH_LEN);
	e->n = 0;
	ledger_hash_str(e, "bigre-ledger-v1");
	ledger_hash_int(e, coop);
	ledger_hash_str(e, journal);
	ledger_hash_int(e, number);
	ledger_hash_str(e, date);
	ledger_hash_str(e, label);
	ledger_hash_str(e, doc_ref);
	ledger_hash_int(e, reverses);
	ledger_hash_int(e, seq);
	ledger_hash_int(e, total);
}

/* Feeds one line of an entry to the hash, in the order of its fields. */
void ledger_hash_line(ledger_hasher *e, const char *account, int64_t activity,
		      int64_t debit, int64_t credit, const char *label)
{
	ledger_hash_str(e, account);
	ledger_hash_int(e, activity);
	ledger_hash_int(e, debit);
	ledger_hash_int(e, credit);
	ledger_hash_str(e, label);
}

/* Closes the hash: the number of lines, then the previous entry's hash. */
void ledger_hash_end(ledger_hasher *e, size_t nlines, const unsigned char *prev,
		     unsigned char *out)
{
	ledger_hash_int(e, (int64_t)nlines);
	ledger_hash_field(e, prev, LEDGER_HASH_LEN);
	ledger_hash_flush(e);
	crypto_generichash_final(&e->h, out, LEDGER_HASH_LEN);
}

/* Field name "lines[i].what" kept in a small ring of static-lifetime
 * strings (the error outlives this call; the names are few). */
const char *ledger_field_name(const char *list, size_t i, const char *what)
{
	static _Thread_local char names[4][64];
	static _Thread_local unsigned next;
	char *s = names[next++ % 4];
	snprintf(s, sizeof names[0], "%s[%zu].%s", list, i, what);
	return s;
}

/* Everything that can be said about an entry before writing it: the first
 * of its field errors (ledger_entry_fields finds them all). */
static bg_status ledger_validate(db *d, const ledger_entry_in *in, int64_t *total, bg_error *err)
{
	bg_field_errors fe = {0};
	bg_status st = ledger_entry_fields(d, in, total, &fe, err);
	return st != BG_OK ? st : bg_field_errors_status(&fe, err);
}

bg_status ledger_post(db *d, int64_t actor_id, const ledger_entry_in *in, int64_t *entry_id,
		      bg_error *err)
{
	int64_t total = 0;
	bg_status st = ledger_validate(d, in, &total, err);
	if (st != BG_OK)
		return st;
	int year = atoi(in->date);
	/* The next id, number and chain link are read then written: only one
	 * writer of the ledger at a time (key 0: the chain spans every
	 * cooperative). */
	if ((st = db_lock(d, "ledger", 0)) != BG_OK)
		return st;
	assert(db_in_txn(d)); /* the caller's transaction holds the write lock */
	/* In one look over the indexes (we hold the write lock): the entry's
	 * id, its number (next in the journal and year), the date of the
	 * journal's last entry, its place in the chain and the previous
	 * link's hash. */
	int64_t id = 0, number = 0, seq = 1;
	unsigned char prev[LEDGER_HASH_LEN] = {0}, hash[LEDGER_HASH_LEN];
	ledger_cursor *cur = in->cursor;
	int slot = -1;
	for (int i = 0; cur && cur->valid && i < cur->nnumbers; i++)
		if (cur->numbers[i].year == year && !strcmp(cur->numbers[i].journal, in->journal))
			slot = i;
	if (slot >= 0) {
		id = cur->next_id;
		seq = cur->next_seq;
		number = cur->numbers[slot].last + 1;
		memcpy(prev, cur->prev, LEDGER_HASH_LEN);
		if ((st = ledger_check_after_last(in->date, cur->numbers[slot].last_date, err)) != BG_OK)
			return st;
		goto hash;
	}
	/* the look-up reads the database: queued entries go there first */
	if (cur && (st = ledger_group_write(d, cur, err)) != BG_OK)
		return st;
	db_stmt *q = db_query(d, "SELECT (SELECT coalesce(max(id), 0) + 1 FROM ledger_entries),"
				 " coalesce(j.number, 0) + 1, coalesce(j.entry_date, ''),"
				 " l.seq, l.hash FROM (SELECT 1) LEFT JOIN (SELECT number, entry_date FROM ledger_entries"
				 "  WHERE cooperative_id = ? AND journal = ? AND fiscal_year = ? ORDER BY number DESC LIMIT 1) j"
				 " LEFT JOIN (SELECT seq, hash FROM ledger_entries ORDER BY seq DESC LIMIT 1) l",
			      "isi", in->coop_id, in->journal, (int64_t)year);
	int rc = q ? db_next(q) : -1;
	char last_date[11] = "";
	if (rc == 1) {
		id = db_int(q, 0);
		number = db_int(q, 1);
		snprintf(last_date, sizeof last_date, "%s", db_text(q, 2));
		if (!db_null(q, 3)) {
			size_t n = 0;
			const void *p = db_blob(q, 4, &n);
			seq = db_int(q, 3) + 1;
			if (!p || n != LEDGER_HASH_LEN)
				rc = -1;
			else
				memcpy(prev, p, LEDGER_HASH_LEN);
		}
	}
	if (db_done(q) != BG_OK) /* a failed step, not a broken chain */
		return bg_db_fail(err);
	if (rc != 1)
		return bg_fail(err, BG_ERR_INTERNAL, "chain_broken", NULL,
			       N_("The ledger's hash chain is broken; run bigre check."));
	if ((st = ledger_check_after_last(in->date, last_date, err)) != BG_OK)
		return st;
hash:;
	ledger_hasher h;
	ledger_hash_head(&h, in->coop_id, in->journal, number, in->date, in->label, in->doc_ref,
			 in->reverses_id, seq, total);
	for (size_t i = 0; i < in->nlines; i++)
		ledger_hash_line(&h, in->lines[i].account, in->lines[i].activity_id, in->lines[i].debit,
				 in->lines[i].credit, in->lines[i].label);
	ledger_hash_end(&h, in->nlines, prev, hash);
	if (in->bulk && cur) {
		ledger_queued q1 = {.id = id, .number = number, .seq = seq, .total = total, .actor = actor_id,
				    .year = year};
		memcpy(q1.prev, prev, LEDGER_HASH_LEN);
		memcpy(q1.hash, hash, LEDGER_HASH_LEN);
		bool queued = false;
		st = ledger_group_add(d, cur, in, &q1, &queued, err);
		if (st != BG_OK)
			return st;
		if (queued) {
			ledger_cursor_advance(cur, true, id, seq, hash, in->journal, year, number, in->date);
			if (entry_id)
				*entry_id = id;
			return BG_OK;
		}
		/* too large for a group: written alone, below, after the group */
	}
	/* the lines first (their key to the entry is checked at commit), then
	 * the entry, which the database checks against them (trigger
	 * ledger_entry_insert) */
	const ledger_line *L = in->lines;
	size_t done = 0;
	/* the usual sizes in one statement (each row still meets its trigger,
	 * checks and foreign keys) */
	if (in->nlines == 2) {
		st = db_exec(d, err, "INSERT INTO ledger_lines(entry_id, cooperative_id, account, activity_id,"
				     " label, debit, credit) VALUES (?, ?, ?, ?, ?, ?, ?), (?, ?, ?, ?, ?, ?, ?)",
			     "iisIsiiiisIsii", id, in->coop_id, L[0].account, L[0].activity_id, L[0].label, L[0].debit,
			     L[0].credit, id, in->coop_id, L[1].account, L[1].activity_id, L[1].label, L[1].debit,
			     L[1].credit);
		done = 2;
	} else if (in->nlines == 3) {
		st = db_exec(d, err, "INSERT INTO ledger_lines(entry_id, cooperative_id, account, activity_id,"
				     " label, debit, credit) VALUES (?, ?, ?, ?, ?, ?, ?), (?, ?, ?, ?, ?, ?, ?),"
				     " (?, ?, ?, ?, ?, ?, ?)",
			     "iisIsiiiisIsiiiisIsii", id, in->coop_id, L[0].account, L[0].activity_id, L[0].label,
			     L[0].debit, L[0].credit, id, in->coop_id, L[1].account, L[1].activity_id, L[1].label,
			     L[1].debit, L[1].credit, id, in->coop_id, L[2].account, L[2].activity_id, L[2].label,
			     L[2].debit, L[2].credit);
		done = 3;
	}
	for (size_t i = done; st == BG_OK && i < in->nlines; i++) {
		const ledger_line *l = &in->lines[i];
		st = db_exec(d, err, "INSERT INTO ledger_lines(entry_id, cooperative_id, account, activity_id,"
				     " label, debit, credit) VALUES (?, ?, ?, ?, ?, ?, ?)",
			     "iisIsii", id, in->coop_id, l->account, l->activity_id, l->label, l->debit,
			     l->credit);
	}
	if (st == BG_OK)
		st = db_exec(d, err, "INSERT INTO ledger_entries(id, cooperative_id, journal, entry_date, fiscal_year,"
				     " number, label, doc_ref, reverses_id, seq, prev_hash, hash, total_cents, created_by,"
				     " posted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
			     "iissiissIibbiii", id, in->coop_id, in->journal, in->date, (int64_t)year, number,
			     in->label, in->doc_ref, in->reverses_id, seq, prev, (size_t)LEDGER_HASH_LEN, hash,
			     (size_t)LEDGER_HASH_LEN, total, actor_id, date_now());
	if (cur)
		ledger_cursor_advance(cur, st == BG_OK, id, seq, hash, in->journal, year, number, in->date);
	if (st != BG_OK)
		return st;
	if (in->bulk && cur)
		ledger_batch_add(cur, in);
	if (entry_id)
		*entry_id = id;
	return BG_OK;
}

/* The accountant's right over a cooperative's ledger. */
static bg_status ledger_may_post(db *d, int64_t actor_id, int64_t coop_id, bg_error *err)
{
	if (actor_id == 0)
		return BG_OK;
	return authz_check(d, actor_id, AUTHZ_LEDGER_POST, (scope){SCOPE_COOPERATIVE, coop_id}, err);
}

/* Records a manual posting or reversal in the audit trail. */
static bg_status ledger_audit_entry(db *d, int64_t actor_id, const char *action, int64_t id,
				    bg_error *err)
{
	char after[64];
	snprintf(after, sizeof after, "{\"entry_id\":%lld}", (long long)id);
	return audit_record(d, actor_id, action, "ledger_entry", id, NULL, after, err);
}

bg_status ledger_entry_check(db *d, int64_t actor_id, const ledger_entry_in *in, bg_field_errors *fe,
			     bg_error *err)
{
	int64_t total;
	bg_status st = ledger_may_post(d, actor_id, in->coop_id, err);
	return st != BG_OK ? st : ledger_entry_fields(d, in, &total, fe, err);
}

bg_status ledger_post_manual(db *d, int64_t actor_id, const ledger_entry_in *in,
			     int64_t *entry_id, bg_error *err)
{
	bg_status st = ledger_may_post(d, actor_id, in->coop_id, err);
	if (st == BG_OK)
		st = ledger_coop_init(d, in->coop_id, err);
	if (st == BG_OK)
		st = ledger_post(d, actor_id, in, entry_id, err);
	if (st == BG_OK)
		st = ledger_audit_entry(d, actor_id, "post", *entry_id, err);
	return st;
}

bg_status ledger_reverse(db *d, int64_t actor_id, int64_t entry_id, const char *date,
			 const char *doc_ref, int64_t *reversal_id, bg_error *err)
{
	db_stmt *q = db_query(d, "SELECT cooperative_id, journal, label, status,"
				 " (SELECT count(*) FROM ledger_entries r WHERE r.reverses_id = e.id),"
				 " number, fiscal_year FROM ledger_entries e WHERE id = ?", "i", entry_id);
	if (!q)
		return bg_db_fail(err);
	bg_status st = db_one_row(q, "entry_id", N_("This entry does not exist."), err);
	if (st != BG_OK)
		return st;
	int64_t coop = db_int(q, 0);
	char journal[4], label[320];
	snprintf(journal, sizeof journal, "%s", db_text(q, 1));
	snprintf(label, sizeof label, "Contrepassation %s %lld-%lld", journal, (long long)db_int(q, 6),
		 (long long)db_int(q, 5));
	bool posted = !strcmp(db_text(q, 3), "posted"), reversed = db_int(q, 4) > 0;
	if (db_done(q) != BG_OK)
		return bg_db_fail(err);
	if (!posted)
		return bg_fail(err, BG_ERR_CONFLICT, "not_posted", "entry_id",
			       N_("Only a posted entry can be reversed."));
	if (reversed)
		return bg_fail(err, BG_ERR_CONFLICT, "already_reversed", "entry_id",
			       N_("This entry has already been reversed."));
	/* the lines, debits and credits swapped */
	size_t n = 0, cap = 8;
	ledger_line *lines = xmalloc(cap * sizeof *lines);
	char **strs = xmalloc(cap * 2 * sizeof *strs);
	q = db_query(d, "SELECT account, coalesce(activity_id, 0), debit, credit, label FROM ledger_lines"
			" WHERE entry_id = ? ORDER BY id", "i", entry_id);
	while (q && db_next(q) == 1) {
		if (n == cap) {
			cap *= 2;
			lines = xrealloc(lines, cap * sizeof *lines);
			strs = xrealloc(strs, cap * 2 * sizeof *strs);
		}
		strs[2 * n] = xstrdup(db_text(q, 0));
		strs[2 * n + 1] = xstrdup(db_text(q, 4));
		lines[n] = (ledger_line){strs[2 * n], db_int(q, 1), db_int(q, 3), db_int(q, 2),
					 strs[2 * n + 1]};
		n++;
	}
	st = db_done(q) == BG_OK ? BG_OK : bg_db_fail(err);
	char ref[40];
	snprintf(ref, sizeof ref, "entry:%lld", (long long)entry_id);
	ledger_entry_in in = {coop, journal, date, label, doc_ref ? doc_ref : ref, entry_id, lines, n, false, NULL};
	if (st == BG_OK)
		st = ledger_post(d, actor_id, &in, reversal_id, err);
	for (size_t i = 0; i < 2 * n; i++)
		free(strs[i]);
	free(strs);
	free(lines);
	return st;
}

bg_status ledger_reverse_manual(db *d, int64_t actor_id, int64_t entry_id, const char *date,
				int64_t *reversal_id, bg_error *err)
{
	int64_t coop = 0;
	bool found = false;
	bg_status st = db_scalar(d, err, &coop, &found, "SELECT cooperative_id FROM ledger_entries"
						      " WHERE id = ?", "i", entry_id);
	if (st != BG_OK)
		return st;
	if (!found)
		return bg_fail(err, BG_ERR_NOT_FOUND, "not_found", "entry_id",
			       N_("This entry does not exist."));
	st = ledger_may_post(d, actor_id, coop, err);
	if (st == BG_OK)
		st = ledger_reverse(d, actor_id, entry_id, date, NULL, reversal_id, err);
	if (st == BG_OK)
		st = ledger_audit_entry(d, actor_id, "reverse", *reversal_id, err);
	return st;
}

bg_status ledger_close_through(db *d, int64_t actor_id, int64_t coop_id, const char *date,
			       bg_error *err)
{
	int y, m, dd;
	bg_status st = ledger_may_post(d, actor_id, coop_id, err);
	if (st != BG_OK)
		return st;
	if (!date || !date_parse(date, &y, &m, &dd))
		return bg_fail(err, BG_ERR_INVALID, "invalid_date", "date",
			       N_("This date does not exist (expected YYYY-MM-DD)."));
	st = ledger_coop_init(d, coop_id, err);
	int64_t one;
	bool earlier = false;
	if (st == BG_OK)
		st = db_scalar(d, err, &one, &earlier, "SELECT 1 FROM economy_settings WHERE cooperative_id = ?"
						       " AND closed_through > ?", "is", coop_id, date);
	if (st != BG_OK)
		return st;
	if (earlier)
		return bg_fail(err, BG_ERR_CONFLICT, "period_closed", "date",
			       N_("A later period is already closed; a closed period cannot be reopened."));
	st = db_exec(d, err, "UPDATE economy_settings SET closed_through = ? WHERE cooperative_id = ?",
		     "si", date, coop_id);
	char after[64];
	snprintf(after, sizeof after, "{\"closed_through\":\"%s\"}", date);
	if (st == BG_OK)
		st = audit_record(d, actor_id, "close_period", "cooperative", coop_id, NULL, after, err);
	return st;
}

bg_status ledger_account_put(db *d, int64_t actor_id, int64_t coop_id, const char *number,
			     const char *label, bg_error *err)
{
	bg_status st = actor_id ? authz_check(d, actor_id, AUTHZ_LEDGER_ADMINISTER,
					      (scope){SCOPE_COOPERATIVE, coop_id}, err)
				: BG_OK;
	if (st != BG_OK)
		return st;
	size_t n = number ? strlen(number) : 0;
	if (n < 3 || n > 10 || strspn(number, "0123456789") != n || number[0] < '1' || number[0] > '8')
		return bg_fail(err, BG_ERR_INVALID, "invalid_account", "number",
			       N_("An account number has 3 to 10 digits and starts with 1 to 8."));
	if (!label || !label[0] || strlen(label) > 200)
		return bg_fail(err, BG_ERR_INVALID, "invalid_label", "label",
			       N_("A label of 1 to 200 characters is required."));
	st = ledger_coop_init(d, coop_id, err);
	if (st == BG_OK)
		st = db_exec(d, err, "INSERT INTO ledger_accounts(cooperative_id, number, label) VALUES (?, ?, ?)"
				     " ON CONFLICT (cooperative_id, number) DO UPDATE SET label = excluded.label",
			     "iss", coop_id, number, label);
	if (st == BG_OK) {
		buf b;
		buf_init(&b);
		buf_printf(&b, "{\"cooperative_id\":%lld,\"number\":\"%s\"}", (long long)coop_id, number);
		st = audit_record(d, actor_id, "put", "ledger_account", coop_id, NULL, b.data, err);
		buf_free(&b);
	}
	return st;
}

bg_status ledger_settings_put(db *d, int64_t actor_id, int64_t coop_id, const economy_settings_in *in,
			      bg_error *err)
{
	bg_status st = actor_id ? authz_check(d, actor_id, AUTHZ_LEDGER_ADMINISTER,
					      (scope){SCOPE_COOPERATIVE, coop_id}, err)
				: BG_OK;
	if (st != BG_OK)
		return st;
	size_t vn = in->vat_number ? strlen(in->vat_number) : 0;
	bg_field_errors own = {0};
	bg_field_errors *fe = in->fields ? in->fields : &own;
	ledger_settings_fields(in, fe);
	st = in->fields ? bg_field_errors_report(fe, err) : bg_field_errors_status(fe, err);
	if (st != BG_OK)
		return st;
	st = ledger_coop_init(d, coop_id, err);
	if (st == BG_OK)
		st = db_exec(d, err, "UPDATE economy_settings SET vat_number = ?, rcs = ?, capital_text = ?,"
				     " late_rate_bp = ?, self_validation_max = ?, payment_terms_days = ?, contribution_bp = ?,"
				     " km_rate_milli = ?, doc_lang = ? WHERE cooperative_id = ?", "sssiiiiisi",
			     vn ? in->vat_number : NULL, in->rcs && in->rcs[0] ? in->rcs : NULL,
			     in->capital_text && in->capital_text[0] ? in->capital_text : NULL, in->late_rate_bp,
			     in->self_validation_max, in->payment_terms_days, in->contribution_bp, in->km_rate_milli,
			     in->doc_lang && in->doc_lang[0] ? in->doc_lang : NULL, coop_id);
	if (st == BG_OK) {
		char after[200];
		snprintf(after, sizeof after, "{\"late_rate_bp\":%lld,\"self_validation_max\":%lld,\"km_rate_milli\":%lld}",
			 (long long)in->late_rate_bp, (long long)in->self_validation_max, (long long)in->km_rate_milli);
		st = audit_record(d, actor_id, "settings", "cooperative", coop_id, NULL, after, err);
	}
	return st;
}
