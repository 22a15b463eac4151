/*
 * ledger.c — posting, reversal, closing, the chart of accounts, and the
 * ledger's own check (see ledger.h for the design).
 *
 * The database enforces the rules (migration 004); this file validates
 * first so that the caller gets an error naming the field, computes the
 * entry's number, its place in the hash chain and its hash, and posts.
 */
#include "core/mem.h"
#include "economy/ledger.h"
#include "auth/authz.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/money.h"
#include "db/audit.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* The error of a failed database read. */
static bg_status ledger_db_fail(bg_error *err)
{
	return bg_fail(err, BG_ERR_DB, "db_error", NULL, N_("The change could not be saved."));
}

bg_status ledger_coop_init(db *d, int64_t coop_id, bg_error *err)
{
	bg_status st = db_exec(d, err, "INSERT OR IGNORE INTO economy_settings(cooperative_id) VALUES (?)",
			       "i", coop_id);
	if (st != BG_OK || db_changes(d) == 0)
		return st;
	for (size_t i = 0; st == BG_OK && i < sizeof ledger_pcg / sizeof *ledger_pcg; i++)
		st = db_exec(d, err, "INSERT OR IGNORE INTO ledger_accounts(cooperative_id, number, label)"
				     " VALUES (?, ?, ?)", "iss", coop_id, ledger_pcg[i][0], ledger_pcg[i][1]);
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

/* The hash being computed: the canonical encoding is gathered in a small
 * buffer and given to BLAKE2b a few hundred bytes at a time (an entry is
 * some thirty short fields; one update per field would cost more than the
 * hashing itself).  The bytes hashed are the same either way. */
typedef struct ledger_hasher {
	crypto_generichash_state h;
	size_t n;
	unsigned char buf[512];
} ledger_hasher;

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
static void ledger_hash_head(ledger_hasher *e, int64_t coop, const char *journal,
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
static void ledger_hash_line(ledger_hasher *e, const char *account, int64_t activity,
			     int64_t debit, int64_t credit, const char *label)
{
	ledger_hash_str(e, account);
	ledger_hash_int(e, activity);
	ledger_hash_int(e, debit);
	ledger_hash_int(e, credit);
	ledger_hash_str(e, label);
}

/* Closes the hash: the number of lines, then the previous entry's hash. */
static void ledger_hash_end(ledger_hasher *e, size_t nlines, const unsigned char *prev,
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

/* --- totals kept in memory: by the bulk import (what a batch adds to the
 * maintained balances) and by the check (every balance recomputed) --- */

/* calloc that never returns NULL (as xmalloc). */
static void *ledger_zalloc(size_t n, size_t size)
{
	void *p = calloc(n, size);
	if (!p)
		abort();
	return p;
}

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

/* FNV-1a of a string. */
static uint64_t acct_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

/* The index of an account number (added when new, unless !create: -1). */
static int acct_index(acct_table *t, const char *name, bool create)
{
	if (!name)
		name = "";
	if (create && (t->used + 1) * 2 > t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 64;
		acct_slot *slots = ledger_zalloc(cap, sizeof *slots);
		for (size_t i = 0; i < t->cap; i++)
			if (t->slots[i].name) {
				size_t j = acct_hash(t->slots[i].name) & (cap - 1);
				while (slots[j].name)
					j = (j + 1) & (cap - 1);
				slots[j] = t->slots[i];
			}
		free(t->slots);
		t->slots = slots;
		t->cap = cap;
		t->names = xrealloc(t->names, cap * sizeof *t->names);
	}
	if (!t->cap)
		return -1;
	for (size_t i = acct_hash(name) & (t->cap - 1);; i = (i + 1) & (t->cap - 1)) {
		acct_slot *a = &t->slots[i];
		if (!a->name) {
			if (!create)
				return -1;
			a->name = xstrdup(name);
			a->idx = (int)t->used;
			t->names[t->used++] = a->name;
			return a->idx;
		}
		if (!strcmp(a->name, name))
			return a->idx;
	}
}

/* Frees the interned accounts. */
static void acct_free(acct_table *t)
{
	for (size_t i = 0; i < t->used; i++)
		free(t->names[i]);
	free(t->names);
	free(t->slots);
}

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

/* Mixes the integer key of a total. */
static uint64_t tot_hash(int64_t coop, int acct, int64_t activity, int period)
{
	uint64_t h = (uint64_t)coop * 0x9E3779B97F4A7C15ULL;
	h ^= ((uint64_t)(uint32_t)acct << 32 | (uint32_t)period) * 0xC2B2AE3D27D4EB4FULL;
	h ^= (uint64_t)activity * 0x165667B19E3779F9ULL;
	return h ^ (h >> 29);
}

/* The slot of a key (created when absent, unless !create: NULL). */
static tot_slot *tot_find(tot_table *t, int64_t coop, int acct, int64_t activity, int period, bool create)
{
	if (create && (t->used + 1) * 2 > t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 4096;
		tot_slot *slots = ledger_zalloc(cap, sizeof *slots);
		for (size_t i = 0; i < t->cap; i++)
			if (t->slots[i].period) {
				tot_slot *o = &t->slots[i];
				size_t j = tot_hash(o->coop, o->acct, o->activity, o->period) & (cap - 1);
				while (slots[j].period)
					j = (j + 1) & (cap - 1);
				slots[j] = *o;
			}
		free(t->slots);
		t->slots = slots;
		t->cap = cap;
	}
	if (!t->cap)
		return NULL;
	for (size_t i = tot_hash(coop, acct, activity, period) & (t->cap - 1);; i = (i + 1) & (t->cap - 1)) {
		tot_slot *b = &t->slots[i];
		if (!b->period) {
			if (!create)
				return NULL;
			*b = (tot_slot){coop, activity, 0, 0, acct, period, false};
			t->used++;
			return b;
		}
		if (b->period == period && b->acct == acct && b->activity == activity && b->coop == coop)
			return b;
	}
}

/* "2026-07…" → 202607; -1 when it is not a year and a month. */
static int ledger_period_of(const char *date)
{
	if (!date)
		return -1;
	int v = 0;
	for (int i = 0; i < 7; i++) {
		if (i == 4) {
			if (date[i] != '-')
				return -1;
			continue;
		}
		if (date[i] < '0' || date[i] > '9')
			return -1;
		v = v * 10 + (date[i] - '0');
	}
	return v > 0 ? v : -1;
}

/* What the entries of a bulk batch add to the maintained balances: per
 * (cooperative, account, activity, month), plus how many lines and how
 * much in all (checked against the lines themselves at the flush). */
struct ledger_batch_totals {
	acct_table at;
	tot_table bt;
	int64_t lines, debit, credit;
};

/* Adds a just-posted bulk entry's lines to its batch's totals. */
static void ledger_batch_add(ledger_cursor *cur, const ledger_entry_in *in)
{
	if (!cur->totals) {
		cur->totals = ledger_zalloc(1, sizeof *cur->totals);
		/* room for a large batch from the start: no rehashing on the way */
		cur->totals->bt.cap = (size_t)1 << 16;
		cur->totals->bt.slots = ledger_zalloc(cur->totals->bt.cap, sizeof(tot_slot));
	}
	struct ledger_batch_totals *t = cur->totals;
	int period = ledger_period_of(in->date);
	for (size_t i = 0; i < in->nlines; i++) {
		const ledger_line *l = &in->lines[i];
		tot_slot *b = tot_find(&t->bt, in->coop_id, acct_index(&t->at, l->account, true), l->activity_id,
				       period, true);
		b->debit += l->debit;
		b->credit += l->credit;
		t->debit += l->debit;
		t->credit += l->credit;
	}
	t->lines += (int64_t)in->nlines;
}

void ledger_cursor_free(ledger_cursor *cur)
{
	free(cur->group);
	cur->group = NULL;
	if (cur->totals) {
		acct_free(&cur->totals->at);
		free(cur->totals->bt.slots);
		free(cur->totals);
		cur->totals = NULL;
	}
}

/* Key order of the maintained balances (cooperative, account, activity,
 * month): upserts in that order walk the table's B-tree forward. */
static const acct_table *ledger_sort_accounts;
static int ledger_slot_order(const void *pa, const void *pb)
{
	const tot_slot *a = pa, *b = pb;
	if (a->coop != b->coop)
		return a->coop < b->coop ? -1 : 1;
	int c = a->acct == b->acct ? 0 : strcmp(ledger_sort_accounts->names[a->acct], ledger_sort_accounts->names[b->acct]);
	if (c)
		return c;
	if (a->activity != b->activity)
		return a->activity < b->activity ? -1 : 1;
	return (a->period > b->period) - (a->period < b->period);
}

/* Remembers what a posted entry leaves for the next one of a bulk import
 * (or forgets everything when the posting failed). */
static void ledger_cursor_advance(ledger_cursor *cur, bool ok, int64_t id, int64_t seq,
				  const unsigned char hash[LEDGER_HASH_LEN], const char *journal, int year,
				  int64_t number, const char *date)
{
	if (!ok) {
		cur->valid = false;
		cur->nnumbers = 0;
		return;
	}
	if (!cur->valid)
		cur->nnumbers = 0;
	cur->valid = true;
	cur->next_id = id + 1;
	cur->next_seq = seq + 1;
	memcpy(cur->prev, hash, LEDGER_HASH_LEN);
	int i = 0;
	while (i < cur->nnumbers && (cur->numbers[i].year != year || strcmp(cur->numbers[i].journal, journal)))
		i++;
	if (i == cur->nnumbers) {
		if (i == LEDGER_CURSOR_NUMBERS)
			return; /* not remembered: looked up next time */
		cur->nnumbers++;
		snprintf(cur->numbers[i].journal, sizeof cur->numbers[i].journal, "%s", journal);
		cur->numbers[i].year = year;
	}
	cur->numbers[i].last = number;
	snprintf(cur->numbers[i].last_date, sizeof cur->numbers[i].last_date, "%s", date);
}

/* The rule of date order: an entry is not dated before the last one of its
 * journal and fiscal year (last_date, "" when it is the first). */
static bg_status ledger_check_after_last(const char *date, const char *last_date, bg_error *err)
{
	if (strcmp(date, last_date) < 0)
		return bg_fail(err, BG_ERR_CONFLICT, "date_before_last", "date",
			       N_("An entry cannot be dated before the last one of its journal."));
	return BG_OK;
}

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

/* A copy of s in the group's text (NULL stays NULL); NULL when full. */
static const char *ledger_group_text(struct ledger_group *g, const char *s, bool *full)
{
	if (!s)
		return NULL;
	size_t n = strlen(s) + 1;
	if (g->used + n > sizeof g->text) {
		*full = true;
		return NULL;
	}
	char *p = g->text + g->used;
	memcpy(p, s, n);
	g->used += n;
	return p;
}

/* Writes entries [from, to) of the group: their lines, then them. */
static bg_status ledger_group_insert(db *d, struct ledger_group *g, size_t from, size_t to, bg_error *err)
{
	enum { LINE_COLS = 7, ENTRY_COLS = 15 };
	db_value v[LEDGER_GROUP_LINES * LINE_COLS];
	char sql[LEDGER_GROUP_LINES * 24 + 200];
	int64_t now = date_now();
	size_t nv = 0;
	int len = snprintf(sql, sizeof sql, "INSERT INTO ledger_lines(entry_id, cooperative_id, account, activity_id,"
					    " label, debit, credit) VALUES ");
	for (size_t i = from; i < to; i++) {
		const ledger_queued *q = &g->e[i];
		for (size_t j = 0; j < q->in.nlines; j++) {
			const ledger_line *l = &q->in.lines[j];
			len += snprintf(sql + len, sizeof sql - (size_t)len, "%s(?, ?, ?, ?, ?, ?, ?)", nv ? ", " : "");
			v[nv++] = (db_value){.type = 'i', .i = q->id};
			v[nv++] = (db_value){.type = 'i', .i = q->in.coop_id};
			v[nv++] = (db_value){.type = 's', .p = l->account};
			v[nv++] = (db_value){.type = 'I', .i = l->activity_id};
			v[nv++] = (db_value){.type = 's', .p = l->label};
			v[nv++] = (db_value){.type = 'i', .i = l->debit};
			v[nv++] = (db_value){.type = 'i', .i = l->credit};
		}
	}
	bg_status st = db_exec_values(d, err, sql, v, nv);
	if (st != BG_OK)
		return st;
	nv = 0;
	len = snprintf(sql, sizeof sql, "INSERT INTO ledger_entries(id, cooperative_id, journal, entry_date, fiscal_year,"
					" number, label, doc_ref, reverses_id, seq, prev_hash, hash, total_cents, created_by,"
					" posted_at) VALUES ");
	for (size_t i = from; i < to; i++) {
		const ledger_queued *q = &g->e[i];
		len += snprintf(sql + len, sizeof sql - (size_t)len, "%s(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
				i > from ? ", " : "");
		v[nv++] = (db_value){.type = 'i', .i = q->id};
		v[nv++] = (db_value){.type = 'i', .i = q->in.coop_id};
		v[nv++] = (db_value){.type = 's', .p = q->in.journal};
		v[nv++] = (db_value){.type = 's', .p = q->in.date};
		v[nv++] = (db_value){.type = 'i', .i = q->year};
		v[nv++] = (db_value){.type = 'i', .i = q->number};
		v[nv++] = (db_value){.type = 's', .p = q->in.label};
		v[nv++] = (db_value){.type = 's', .p = q->in.doc_ref};
		v[nv++] = (db_value){.type = 'I', .i = q->in.reverses_id};
		v[nv++] = (db_value){.type = 'i', .i = q->seq};
		v[nv++] = (db_value){.type = 'b', .p = q->prev, .len = LEDGER_HASH_LEN};
		v[nv++] = (db_value){.type = 'b', .p = q->hash, .len = LEDGER_HASH_LEN};
		v[nv++] = (db_value){.type = 'i', .i = q->total};
		v[nv++] = (db_value){.type = 'i', .i = q->actor};
		v[nv++] = (db_value){.type = 'i', .i = now};
	}
	return db_exec_values(d, err, sql, v, nv);
}

static void ledger_batch_add(ledger_cursor *cur, const ledger_entry_in *in);

/* Sends the cursor's queued entries to the database (nothing queued: OK).
 * The batch's totals count them once written. */
static bg_status ledger_group_write(db *d, ledger_cursor *cur, bg_error *err)
{
	struct ledger_group *g = cur->group;
	if (!g || !g->n)
		return BG_OK;
	bg_status st = ledger_group_insert(d, g, 0, g->n, err);
	if (st != BG_OK) {
		/* a failed statement leaves nothing; the lines of a refused
		 * group of entries go (allowed: their entries do not exist) */
		db_exec(d, NULL, "DELETE FROM ledger_lines WHERE entry_id BETWEEN ? AND ?", "ii", g->e[0].id,
			g->e[g->n - 1].id);
		for (size_t i = 0; i < g->n; i++) {
			bg_error one;
			if (ledger_group_insert(d, g, i, i + 1, &one) != BG_OK) {
				snprintf(cur->refused, sizeof cur->refused, "%s", g->e[i].in.doc_ref ? g->e[i].in.doc_ref : "");
				if (err)
					*err = one;
				st = one.status ? one.status : BG_ERR_CONFLICT;
				break;
			}
		}
		if (st != BG_OK) {
			cur->valid = false;
			g->n = g->nlines = g->used = 0;
			return st;
		}
	}
	for (size_t i = 0; i < g->n; i++)
		ledger_batch_add(cur, &g->e[i].in);
	g->n = g->nlines = g->used = 0;
	return BG_OK;
}

/* Queues a validated, numbered and hashed entry (*queued false, when it
 * has too many lines or texts for a group: the caller writes it alone,
 * after the group). */
static bg_status ledger_group_add(db *d, ledger_cursor *cur, const ledger_entry_in *in, const ledger_queued *q,
				  bool *queued, bg_error *err)
{
	*queued = false;
	if (!cur->group)
		cur->group = ledger_zalloc(1, sizeof *cur->group);
	struct ledger_group *g = cur->group;
	if (in->nlines > LEDGER_GROUP_LINES)
		return ledger_group_write(d, cur, err);
	for (int attempt = 0; attempt < 2; attempt++) {
		if (g->n == LEDGER_GROUP_ENTRIES || g->nlines + in->nlines > LEDGER_GROUP_LINES || attempt) {
			bg_status st = ledger_group_write(d, cur, err);
			if (st != BG_OK)
				return st;
		}
		size_t used = g->used;
		bool full = false;
		ledger_queued *e = &g->e[g->n];
		*e = *q;
		e->in = *in;
		e->in.cursor = NULL;
		e->in.journal = ledger_group_text(g, in->journal, &full);
		e->in.date = ledger_group_text(g, in->date, &full);
		e->in.label = ledger_group_text(g, in->label, &full);
		e->in.doc_ref = ledger_group_text(g, in->doc_ref, &full);
		ledger_line *lines = &g->lines[g->nlines];
		for (size_t j = 0; j < in->nlines; j++) {
			lines[j] = in->lines[j];
			lines[j].account = ledger_group_text(g, in->lines[j].account, &full);
			lines[j].label = ledger_group_text(g, in->lines[j].label, &full);
		}
		if (!full) {
			e->in.lines = lines;
			g->nlines += in->nlines;
			g->n++;
			*queued = true;
			return BG_OK;
		}
		g->used = used; /* the texts did not fit: send the group, then try again once */
	}
	return BG_OK; /* too long even for an empty group: not queued */
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
	db_done(q);
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

bg_status ledger_bulk_begin(db *d, bg_error *err)
{
	bg_status st = db_lock(d, "ledger", 0);
	if (st != BG_OK)
		return st;
	return db_exec(d, err, "INSERT INTO ledger_bulk(one, from_id, from_seq) SELECT 1, coalesce(max(id), 0) + 1,"
			       " (SELECT coalesce(max(seq), 0) + 1 FROM ledger_entries) FROM ledger_entries", NULL);
}

bg_status ledger_bulk_flush(db *d, ledger_cursor *cur, bg_error *err)
{
	bg_status st = cur ? ledger_group_write(d, cur, err) : BG_OK;
	if (st != BG_OK) {
		ledger_cursor_free(cur);
		return st;
	}
	struct ledger_batch_totals *t = cur ? cur->totals : NULL;
	/* the batch's lines, counted and summed by the database: they must be
	 * exactly the ones whose totals are about to be added */
	int64_t lines = 0, debit = 0, credit = 0;
	db_stmt *q = db_query(d, "SELECT count(*), coalesce(sum(debit), 0), coalesce(sum(credit), 0) FROM ledger_lines"
				 " WHERE entry_id >= (SELECT from_id FROM ledger_bulk)", NULL);
	if (!q || db_next(q) != 1)
		st = ledger_db_fail(err);
	else {
		lines = db_int(q, 0);
		debit = db_int(q, 1);
		credit = db_int(q, 2);
	}
	db_done(q);
	if (st == BG_OK && (lines != (t ? t->lines : 0) || debit != (t ? t->debit : 0) || credit != (t ? t->credit : 0)))
		st = bg_fail(err, BG_ERR_INTERNAL, "bulk_totals", NULL,
			     N_("The ledger's maintained balances could not be brought up to date."));
	size_t n = 0;
	tot_slot *rows = NULL;
	if (st == BG_OK && t) {
		rows = xmalloc((t->bt.used + 1) * sizeof *rows);
		for (size_t i = 0; i < t->bt.cap; i++)
			if (t->bt.slots[i].period)
				rows[n++] = t->bt.slots[i];
		ledger_sort_accounts = &t->at;
		qsort(rows, n, sizeof *rows, ledger_slot_order);
	}
	tot_table acc = {0};
	for (size_t i = 0; st == BG_OK && i < n; i++) {
		const tot_slot *r = &rows[i];
		char period[16];
		snprintf(period, sizeof period, "%04d-%02d", r->period / 100 % 10000, r->period % 100);
		st = db_exec(d, err, "INSERT INTO ledger_balances(cooperative_id, account, activity_id, period, debit, credit)"
				     " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (cooperative_id, account, activity_id, period)"
				     " DO UPDATE SET debit = debit + excluded.debit, credit = credit + excluded.credit",
			     "isisii", r->coop, t->at.names[r->acct], r->activity, period, r->debit, r->credit);
		tot_slot *a = tot_find(&acc, r->coop, r->acct, -1, r->period, true);
		a->debit += r->debit;
		a->credit += r->credit;
	}
	free(rows);
	for (size_t i = 0; st == BG_OK && i < acc.cap; i++) {
		const tot_slot *r = &acc.slots[i];
		if (!r->period)
			continue;
		char period[16];
		snprintf(period, sizeof period, "%04d-%02d", r->period / 100 % 10000, r->period % 100);
		st = db_exec(d, err, "INSERT INTO ledger_account_totals(cooperative_id, account, period, debit, credit)"
				     " VALUES (?, ?, ?, ?, ?) ON CONFLICT (cooperative_id, account, period)"
				     " DO UPDATE SET debit = debit + excluded.debit, credit = credit + excluded.credit",
			     "issii", r->coop, t->at.names[r->acct], period, r->debit, r->credit);
	}
	free(acc.slots);
	/* the end of the batch: the database checks its entries (trigger
	 * ledger_bulk_end, migration 010) */
	if (st == BG_OK)
		st = db_exec(d, err, "DELETE FROM ledger_bulk", NULL);
	if (st == BG_OK && db_changes(d) != 1)
		st = bg_fail(err, BG_ERR_INTERNAL, "bulk_totals", NULL,
			     N_("The ledger's maintained balances could not be brought up to date."));
	if (cur)
		ledger_cursor_free(cur);
	return st;
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
		return ledger_db_fail(err);
	if (db_next(q) != 1) {
		db_done(q);
		return bg_fail(err, BG_ERR_NOT_FOUND, "not_found", "entry_id",
			       N_("This entry does not exist."));
	}
	int64_t coop = db_int(q, 0);
	char journal[4], label[320];
	snprintf(journal, sizeof journal, "%s", db_text(q, 1));
	snprintf(label, sizeof label, "Contrepassation %s %lld-%lld", journal, (long long)db_int(q, 6),
		 (long long)db_int(q, 5));
	bool posted = !strcmp(db_text(q, 3), "posted"), reversed = db_int(q, 4) > 0;
	db_done(q);
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
	db_done(q);
	char ref[40];
	snprintf(ref, sizeof ref, "entry:%lld", (long long)entry_id);
	ledger_entry_in in = {coop, journal, date, label, doc_ref ? doc_ref : ref, entry_id, lines, n, false, NULL};
	bg_status st = ledger_post(d, actor_id, &in, reversal_id, err);
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

/* --- the check --- */

/* The triggers that keep the ledger's rules; a missing one is a problem. */
static const char *const ledger_triggers[] = {
	"ledger_entry_insert", "ledger_line_insert", "ledger_line_no_update", "ledger_line_delete",
	"ledger_entry_immutable", "ledger_entry_no_delete", "ledger_bulk_start", "ledger_bulk_no_update",
	"ledger_bulk_end", "ledger_entry_date_order", "ledger_bulk_end_date_order",
	"sales_document_frozen", "sales_document_no_delete", "sales_line_insert", "sales_line_update",
	"sales_line_delete", "payments_no_update", "payments_no_delete",
};

/* Reports the rows of a query (first column: what is broken) as
 * problems, the first 20 of them. */
static int ledger_check_rows(db *d, void (*report)(void *, const char *), void *ctx,
			     const char *sql, const char *what)
{
	return db_check_rows(d, sql, what, 20, report, ctx);
}

/* Compares the maintained totals with the recomputed ones (bt, accounts
 * interned in at), both ways: per account, activity and month, then per
 * account and month.  Returns the number of problems. */
static int ledger_compare_totals(db *d, void (*report)(void *, const char *), void *ctx, acct_table *at,
				 tot_table *bt)
{
	int n = 0;
	/* the maintained balances against the recomputed ones, both ways */
	int shown = 0;
	db_stmt *s = db_query(d, "SELECT cooperative_id, account, activity_id, period, debit, credit FROM ledger_balances",
			      NULL);
	int rc = s ? 0 : -1;
	while (s && (rc = db_next(s)) == 1) {
		const char *p = db_text(s, 3);
		int acct = acct_index(at, db_text(s, 1), false);
		tot_slot *b = acct < 0 ? NULL : tot_find(bt, db_int(s, 0), acct, db_int(s, 2), ledger_period_of(p), false);
		if (p && strlen(p) != 7)
			b = NULL;
		if (b)
			b->seen = true;
		if (!b || b->debit != db_int(s, 4) || b->credit != db_int(s, 5)) {
			if (shown++ < 20) {
				char line[300];
				snprintf(line, sizeof line, "a maintained balance differs from its entries: account %s activity %lld"
					 " period %s (cooperative %lld)", db_text(s, 1), (long long)db_int(s, 2), p ? p : "?",
					 (long long)db_int(s, 0));
				report(ctx, line);
			}
			n++;
		}
	}
	db_done(s);
	if (rc < 0) {
		report(ctx, "cannot read the maintained balances");
		n++;
	}
	/* the per-account totals, from the recomputed balances */
	tot_table acc = {0};
	for (size_t i = 0; i < bt->cap; i++) {
		tot_slot *b = &bt->slots[i];
		if (!b->period)
			continue;
		if (!b->seen) {
			if (shown++ < 20) {
				char line[300];
				snprintf(line, sizeof line, "a balance is missing from the maintained totals: account %s activity %lld"
					 " period %04d-%02d (cooperative %lld)", at->names[b->acct], (long long)b->activity,
					 b->period / 100, b->period % 100, (long long)b->coop);
				report(ctx, line);
			}
			n++;
		}
		tot_slot *a = tot_find(&acc, b->coop, b->acct, -1, b->period, true);
		a->debit += b->debit;
		a->credit += b->credit;
	}
	int differ = 0, missing = 0;
	s = db_query(d, "SELECT cooperative_id, account, period, debit, credit FROM ledger_account_totals", NULL);
	rc = s ? 0 : -1;
	while (s && (rc = db_next(s)) == 1) {
		const char *p = db_text(s, 2);
		int acct = acct_index(at, db_text(s, 1), false);
		tot_slot *a = acct < 0 || !p || strlen(p) != 7 ? NULL
			    : tot_find(&acc, db_int(s, 0), acct, -1, ledger_period_of(p), false);
		if (a)
			a->seen = true;
		if ((!a || a->debit != db_int(s, 3) || a->credit != db_int(s, 4)) && differ < 20) {
			char line[400];
			snprintf(line, sizeof line, "a maintained account total differs from its entries: account %s period %s"
				 " (cooperative %lld)", db_text(s, 1), p ? p : "?", (long long)db_int(s, 0));
			report(ctx, line);
			differ++;
		}
	}
	db_done(s);
	if (rc < 0) {
		report(ctx, "cannot read the maintained account totals");
		n++;
	}
	for (size_t i = 0; i < acc.cap && missing < 20; i++) {
		tot_slot *a = &acc.slots[i];
		if (a->period && !a->seen) {
			char line[300];
			snprintf(line, sizeof line, "a maintained account total is missing: account %s period %04d-%02d",
				 at->names[a->acct], a->period / 100, a->period % 100);
			report(ctx, line);
			missing++;
		}
	}
	free(acc.slots);
	return n + differ + missing;
}

/* Walks the chain in posting order, recomputing each hash (stops at the
 * first broken link) and every balance, then compares the balances with
 * the maintained ones. */
static int ledger_check_chain(db *d, void (*report)(void *, const char *), void *ctx)
{
	db_stmt *s = db_query(d,
			      "SELECT e.id, e.cooperative_id, e.journal, e.number, e.entry_date, e.label,"
			      " e.doc_ref, coalesce(e.reverses_id, 0), e.seq, e.total_cents, e.prev_hash,"
			      " e.hash, l.account, coalesce(l.activity_id, 0), l.debit, l.credit, l.label, e.fiscal_year"
			      " FROM ledger_entries e JOIN ledger_lines l ON l.entry_id = e.id"
			      " WHERE e.status = 'posted' ORDER BY e.seq, l.id", NULL);
	if (!s) {
		report(ctx, "cannot read the ledger");
		return 1;
	}
	acct_table at = {0};
	tot_table bt = {0};
	unsigned char prev[LEDGER_HASH_LEN] = {0}, stored[LEDGER_HASH_LEN], got[LEDGER_HASH_LEN];
	ledger_hasher h;
	int64_t cur = 0, expect_seq = 1, seen = 0, debits = 0, credits = 0, cur_coop = 0;
	int64_t cur_seq = 0, cur_number = 0, cur_year = 0, cur_total = 0;
	int cur_period = 0;
	char cur_journal[4] = "";
	char problem[300] = "";
	bool chain_ok = true;
	int rc, n = 0;
	for (;;) {
		rc = db_next(s);
		int64_t id = rc == 1 ? db_int(s, 0) : 0;
		if (cur && id != cur && chain_ok) {
			ledger_hash_end(&h, (size_t)seen, prev, got);
			if (problem[0])
				; /* found at its first line */
			else if (memcmp(got, stored, LEDGER_HASH_LEN) != 0)
				snprintf(problem, sizeof problem, "its hash does not match its content");
			else if (debits != credits || debits != cur_total)
				snprintf(problem, sizeof problem, "not balanced (debits %lld, credits %lld, total %lld)",
					 (long long)debits, (long long)credits, (long long)cur_total);
			if (problem[0]) {
				char line[400];
				snprintf(line, sizeof line, "hash chain broken at entry %lld (%s %lld-%lld, link %lld): %s",
					 (long long)cur, cur_journal, (long long)cur_year, (long long)cur_number,
					 (long long)cur_seq, problem);
				report(ctx, line);
				n++;
				chain_ok = false; /* the links after it cannot be trusted: only the first is named */
			}
			memcpy(prev, got, LEDGER_HASH_LEN);
		}
		if (rc != 1)
			break;
		if (id != cur) {
			cur = id;
			cur_coop = db_int(s, 1);
			cur_seq = db_int(s, 8);
			cur_number = db_int(s, 3);
			cur_year = db_int(s, 17);
			cur_total = db_int(s, 9);
			const char *date = db_text(s, 4);
			cur_period = ledger_period_of(date);
			snprintf(cur_journal, sizeof cur_journal, "%s", db_text(s, 2));
			seen = debits = credits = 0;
			if (chain_ok) {
				size_t pn = 0, hn = 0;
				const void *pp = db_blob(s, 10, &pn), *hp = db_blob(s, 11, &hn);
				if (cur_seq != expect_seq)
					snprintf(problem, sizeof problem, "link %lld expected, found %lld",
						 (long long)expect_seq, (long long)cur_seq);
				else if (pn != LEDGER_HASH_LEN || memcmp(pp, prev, LEDGER_HASH_LEN) != 0)
					snprintf(problem, sizeof problem, "its previous hash is not the previous entry's hash");
				if (hn == LEDGER_HASH_LEN)
					memcpy(stored, hp, LEDGER_HASH_LEN);
				else
					memset(stored, 0, sizeof stored);
				ledger_hash_head(&h, cur_coop, db_text(s, 2), cur_number, date, db_text(s, 5),
						 db_text(s, 6), db_int(s, 7), cur_seq, cur_total);
			}
			expect_seq++;
		}
		const char *account = db_text(s, 12);
		int64_t activity = db_int(s, 13), dbt = db_int(s, 14), crd = db_int(s, 15);
		if (chain_ok)
			ledger_hash_line(&h, account, activity, dbt, crd, db_text(s, 16));
		debits += dbt;
		credits += crd;
		seen++;
		tot_slot *b = tot_find(&bt, cur_coop, acct_index(&at, account, true), activity, cur_period, true);
		b->debit += dbt;
		b->credit += crd;
	}
	db_done(s);
	if (rc < 0) {
		free(bt.slots);
		acct_free(&at);
		report(ctx, "cannot read the ledger");
		return n + 1;
	}
	n += ledger_compare_totals(d, report, ctx, &at, &bt);
	acct_free(&at);
	free(bt.slots);
	return n;
}

/* --- the fast walk ---
 *
 * What ledger_check_chain() and the queries after it verify, in one
 * sequential pass over each table: the entries in id order and the lines
 * in id order, merged.  Posting gives an entry its id and its link (seq)
 * together, both the next ones, and writes its lines just before it, so
 * on a ledger written by ledger_post() id order is chain order and the
 * lines come grouped by entry, in entry order.  Everything is kept in
 * memory under integer keys (accounts interned once).  When the tables
 * are not laid out that way (an entry out of chain order, a line out of
 * place or without its entry, an entry without lines — all signs of
 * tampering), the walk gives up and the exact, slower checks run instead,
 * so what is reported never depends on which walk ran. */

/* The last number seen per (cooperative, journal, fiscal year). */
typedef struct num_group {
	int64_t coop, year, last;
	char journal[4];
} num_group;

enum { LEDGER_WALK_GIVE_UP = -1 };

/* The walk itself.  Returns the number of problems reported, or
 * LEDGER_WALK_GIVE_UP (nothing reported) when the tables are not in
 * posting order; *numbering / *one_sided tell that those exact queries
 * must run to name the culprits. */
static int ledger_check_walk(db *d, void (*report)(void *, const char *), void *ctx, bool *numbering,
			     bool *one_sided)
{
	db_stmt *es = db_query(d,
			       "SELECT id, seq, cooperative_id, journal, number, fiscal_year, entry_date, label, doc_ref,"
			       " coalesce(reverses_id, 0), total_cents, prev_hash, hash, status = 'posted'"
			       " FROM ledger_entries ORDER BY id", NULL);
	if (!es)
		return LEDGER_WALK_GIVE_UP;
	/* a second statement at the same time: the lines */
	db_stmt *ls = db_query(d, "SELECT entry_id, account, coalesce(activity_id, 0), debit, credit, label"
				  " FROM ledger_lines ORDER BY id", NULL);
	if (!ls) {
		db_done(es);
		return LEDGER_WALK_GIVE_UP;
	}
	acct_table at = {0};
	tot_table bt = {0};
	/* sized once from the maintained rows (usually as many), so the table
	 * is not grown and rehashed on the way */
	int64_t rows = 0;
	if (db_scalar(d, NULL, &rows, NULL, "SELECT count(*) FROM ledger_balances", NULL) == BG_OK && rows > 0 &&
	    rows < ((int64_t)1 << 26)) {
		size_t cap = 4096;
		while (cap < (size_t)rows * 2 + 2)
			cap *= 2;
		bt.slots = ledger_zalloc(cap, sizeof *bt.slots);
		bt.cap = cap;
	}
	num_group *groups = NULL;
	size_t ngroups = 0, gcap = 0, last_group = 0;
	unsigned char prev[LEDGER_HASH_LEN] = {0}, got[LEDGER_HASH_LEN];
	char chain_problem[200] = "", chain_report[400] = "";
	ledger_hasher h;
	int64_t expect_seq = 1;
	int n = 0, lrc = db_next(ls), erc = 0;
	bool give_up = false;
	*numbering = *one_sided = false;
	while (!give_up && (erc = db_next(es)) == 1) {
		int64_t id = db_int(es, 0), seq = db_int(es, 1), coop = db_int(es, 2), number = db_int(es, 4);
		int64_t year = db_int(es, 5), total = db_int(es, 10);
		const char *journal = db_text(es, 3), *date = db_text(es, 6);
		int period = ledger_period_of(date);
		size_t pn = 0, hn = 0;
		const void *pp = db_blob(es, 11, &pn), *hp = db_blob(es, 12, &hn);
		/* out of chain order, or not posted: the exact walk says what */
		if (seq != expect_seq || !db_int(es, 13) || lrc != 1 || db_int(ls, 0) != id) {
			give_up = true;
			break;
		}
		expect_seq++;
		/* numbering: in posting order each journal and year counts 1, 2, 3… */
		if (!journal)
			journal = "";
		num_group *g = last_group < ngroups ? &groups[last_group] : NULL;
		if (!g || g->coop != coop || g->year != year || strcmp(g->journal, journal)) {
			g = NULL;
			for (size_t k = 0; k < ngroups && !g; k++)
				if (groups[k].coop == coop && groups[k].year == year && !strcmp(groups[k].journal, journal)) {
					g = &groups[k];
					last_group = k;
				}
			if (!g) {
				if (ngroups == gcap) {
					gcap = gcap ? gcap * 2 : 16;
					groups = xrealloc(groups, gcap * sizeof *groups);
				}
				g = &groups[ngroups];
				*g = (num_group){coop, year, 0, ""};
				snprintf(g->journal, sizeof g->journal, "%s", journal);
				last_group = ngroups++;
			}
		}
		if (number != g->last + 1)
			*numbering = true;
		g->last = number;
		bool chain_ok = !chain_problem[0];
		if (chain_ok) {
			if (pn != LEDGER_HASH_LEN || memcmp(pp, prev, LEDGER_HASH_LEN) != 0)
				snprintf(chain_problem, sizeof chain_problem,
					 "its previous hash is not the previous entry's hash");
			ledger_hash_head(&h, coop, journal, number, date, db_text(es, 7), db_text(es, 8),
					 db_int(es, 9), seq, total);
		}
		/* its lines; their totals are added after the entry's hash: the
		 * slots, asked for from memory as each line is read, are there by
		 * then (the table is large, its slots are far apart) */
		enum { PENDING = 32 };
		struct {
			int64_t activity, debit, credit;
			int acct;
		} pending[PENDING];
		int npending = 0;
		int64_t debits = 0, credits = 0, seen = 0;
		for (; lrc == 1 && db_int(ls, 0) == id; lrc = db_next(ls)) {
			const char *account = db_text(ls, 1);
			int64_t activity = db_int(ls, 2), dbt = db_int(ls, 3), crd = db_int(ls, 4);
			int acct = acct_index(&at, account, true);
			if (npending == PENDING) {
				for (int k = 0; k < npending; k++) {
					tot_slot *b = tot_find(&bt, coop, pending[k].acct, pending[k].activity, period, true);
					b->debit += pending[k].debit;
					b->credit += pending[k].credit;
				}
				npending = 0;
			}
			if (bt.cap)
				__builtin_prefetch(&bt.slots[tot_hash(coop, acct, activity, period) & (bt.cap - 1)], 1);
			pending[npending].activity = activity;
			pending[npending].debit = dbt;
			pending[npending].credit = crd;
			pending[npending++].acct = acct;
			if (chain_ok)
				ledger_hash_line(&h, account, activity, dbt, crd, db_text(ls, 5));
			if ((dbt > 0) == (crd > 0) || dbt < 0 || crd < 0)
				*one_sided = true;
			debits += dbt;
			credits += crd;
			seen++;
		}
		if (chain_ok) {
			ledger_hash_end(&h, (size_t)seen, prev, got);
			if (chain_problem[0])
				; /* its previous hash, above */
			else if (hn != LEDGER_HASH_LEN || memcmp(got, hp, LEDGER_HASH_LEN) != 0)
				snprintf(chain_problem, sizeof chain_problem, "its hash does not match its content");
			else if (debits != credits || debits != total)
				snprintf(chain_problem, sizeof chain_problem,
					 "not balanced (debits %lld, credits %lld, total %lld)", (long long)debits,
					 (long long)credits, (long long)total);
			if (chain_problem[0])
				snprintf(chain_report, sizeof chain_report,
					 "hash chain broken at entry %lld (%.3s %lld-%lld, link %lld): %s", (long long)id,
					 journal, (long long)year, (long long)number, (long long)seq, chain_problem);
			memcpy(prev, got, LEDGER_HASH_LEN);
		}
		for (int k = 0; k < npending; k++) {
			tot_slot *b = tot_find(&bt, coop, pending[k].acct, pending[k].activity, period, true);
			b->debit += pending[k].debit;
			b->credit += pending[k].credit;
		}
	}
	/* lines left over: without an entry, or out of place */
	if (!give_up && (erc != 0 || lrc != 0))
		give_up = true;
	db_done(es);
	db_done(ls);
	free(groups);
	if (give_up) {
		free(bt.slots);
		acct_free(&at);
		*numbering = *one_sided = true;
		return LEDGER_WALK_GIVE_UP;
	}
	if (chain_report[0]) {
		report(ctx, chain_report);
		n++;
	}
	n += ledger_compare_totals(d, report, ctx, &at, &bt);
	free(bt.slots);
	acct_free(&at);
	return n;
}

int ledger_check(db *d, void (*report)(void *ctx, const char *what), void *ctx)
{
	int n = 0;
	for (size_t i = 0; i < sizeof ledger_triggers / sizeof *ledger_triggers; i++) {
		int64_t one;
		bool found = false;
		if (db_scalar(d, NULL, &one, &found, "SELECT 1 FROM sqlite_master WHERE type = 'trigger'"
						     " AND name = ?", "s", ledger_triggers[i]) != BG_OK || !found) {
			char line[120];
			snprintf(line, sizeof line, "the rule (trigger) %s is missing", ledger_triggers[i]);
			report(ctx, line);
			n++;
		}
	}
	bool numbering = true, one_sided = true;
	int walked = ledger_check_walk(d, report, ctx, &numbering, &one_sided);
	if (walked != LEDGER_WALK_GIVE_UP)
		n += walked;
	else
		n += ledger_check_chain(d, report, ctx);
	if (numbering)
		n += ledger_check_rows(d, report, ctx,
				       "SELECT 'entry ' || id FROM (SELECT id, number, row_number() OVER (PARTITION BY"
				       " cooperative_id, journal, fiscal_year ORDER BY number) AS rn FROM ledger_entries"
				       " WHERE status = 'posted') WHERE rn <> number",
				       "numbering has a gap or a duplicate before");
	if (one_sided)
		n += ledger_check_rows(d, report, ctx,
				       "SELECT 'line ' || id FROM ledger_lines WHERE (debit > 0) = (credit > 0)"
				       " OR debit < 0 OR credit < 0",
				       "a line has both or neither a debit and a credit");
	if (walked == LEDGER_WALK_GIVE_UP) /* the walk saw every line with its entry */
		n += ledger_check_rows(d, report, ctx,
				       "SELECT 'line ' || id FROM ledger_lines l WHERE NOT EXISTS"
				       " (SELECT 1 FROM ledger_entries e WHERE e.id = l.entry_id)",
				       "a line belongs to no entry");
	return n;
}

int ledger_check_date_order(db *d, void (*report)(void *ctx, const char *what), void *ctx)
{
	return ledger_check_rows(d, report, ctx,
				 "SELECT 'entry ' || id || ' (' || journal || ' ' || fiscal_year || ' n°' || number"
				 " || ', ' || entry_date || ' after ' || previous || ')' FROM (SELECT id, journal,"
				 " fiscal_year, number, entry_date, lag(entry_date) OVER (PARTITION BY cooperative_id,"
				 " journal, fiscal_year ORDER BY number) AS previous FROM ledger_entries)"
				 " WHERE entry_date < previous",
				 "an entry is dated before the one numbered before it in its journal");
}
