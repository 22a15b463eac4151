/*
 * ledger_bulk.c — what the bulk import adds to posting (see ledger.h,
 * ledger_bulk_begin/ledger_bulk_flush): the batch's totals kept in memory
 * (accounts interned as small integers, totals in an open-addressing table
 * keyed by cooperative, account, activity and month), the cursor that
 * remembers numbers, links and hashes between entries of one transaction,
 * and the groups of entries written with one multi-row INSERT.  The same
 * tables serve the check (ledger_verify.c) to recompute every balance.
 *
 * Nothing here decides rights: ledger_post's callers have.  Every rule
 * is still the database's (migrations 007 and 010 check a batch as a set
 * when it ends); what is kept in memory only saves look-ups.
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
#include "economy/ledger_internal.h"

/* calloc that never returns NULL (as xmalloc). */
void *ledger_zalloc(size_t n, size_t size)
{
	void *p = calloc(n, size);
	if (!p)
		abort();
	return p;
}

/* FNV-1a of a string. */
static uint64_t acct_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

/* The index of an account number (added when new, unless !create: -1). */
int ledger_acct_index(acct_table *t, const char *name, bool create)
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
void ledger_acct_free(acct_table *t)
{
	for (size_t i = 0; i < t->used; i++)
		free(t->names[i]);
	free(t->names);
	free(t->slots);
}

/* Mixes the integer key of a total. */
uint64_t ledger_tot_hash(int64_t coop, int acct, int64_t activity, int period)
{
	uint64_t h = (uint64_t)coop * 0x9E3779B97F4A7C15ULL;
	h ^= ((uint64_t)(uint32_t)acct << 32 | (uint32_t)period) * 0xC2B2AE3D27D4EB4FULL;
	h ^= (uint64_t)activity * 0x165667B19E3779F9ULL;
	return h ^ (h >> 29);
}

/* The slot of a key (created when absent, unless !create: NULL). */
tot_slot *ledger_tot_find(tot_table *t, int64_t coop, int acct, int64_t activity, int period, bool create)
{
	if (create && (t->used + 1) * 2 > t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 4096;
		tot_slot *slots = ledger_zalloc(cap, sizeof *slots);
		for (size_t i = 0; i < t->cap; i++)
			if (t->slots[i].period) {
				tot_slot *o = &t->slots[i];
				size_t j = ledger_tot_hash(o->coop, o->acct, o->activity, o->period) & (cap - 1);
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
	for (size_t i = ledger_tot_hash(coop, acct, activity, period) & (t->cap - 1);; i = (i + 1) & (t->cap - 1)) {
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
int ledger_period_of(const char *date)
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

/* Adds a just-posted bulk entry's lines to its batch's totals. */
void ledger_batch_add(ledger_cursor *cur, const ledger_entry_in *in)
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
		tot_slot *b = ledger_tot_find(&t->bt, in->coop_id, ledger_acct_index(&t->at, l->account, true), l->activity_id,
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
		ledger_acct_free(&cur->totals->at);
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
void ledger_cursor_advance(ledger_cursor *cur, bool ok, int64_t id, int64_t seq,
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
bg_status ledger_check_after_last(const char *date, const char *last_date, bg_error *err)
{
	if (strcmp(date, last_date) < 0)
		return bg_fail(err, BG_ERR_CONFLICT, "date_before_last", "date",
			       N_("An entry cannot be dated before the last one of its journal."));
	return BG_OK;
}

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

/* Sends the cursor's queued entries to the database (nothing queued: OK).
 * The batch's totals count them once written. */
bg_status ledger_group_write(db *d, ledger_cursor *cur, bg_error *err)
{
	struct ledger_group *g = cur->group;
	if (!g || !g->n)
		return BG_OK;
	bg_status st = ledger_group_insert(d, g, 0, g->n, err);
	if (st != BG_OK) {
		/* a failed statement leaves nothing; the lines of a refused
		 * group of entries go (allowed: their entries do not exist) */
		if (db_exec(d, err, "DELETE FROM ledger_lines WHERE entry_id BETWEEN ? AND ?", "ii", g->e[0].id,
			    g->e[g->n - 1].id) != BG_OK) {
			cur->valid = false; /* the lines stay: the batch cannot go on */
			g->n = g->nlines = g->used = 0;
			return BG_ERR_DB;
		}
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
bg_status ledger_group_add(db *d, ledger_cursor *cur, const ledger_entry_in *in, const ledger_queued *q,
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
		st = bg_db_fail(err);
	else {
		lines = db_int(q, 0);
		debit = db_int(q, 1);
		credit = db_int(q, 2);
	}
	if (db_done(q) != BG_OK && st == BG_OK)
		st = bg_db_fail(err);
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
		tot_slot *a = ledger_tot_find(&acc, r->coop, r->acct, -1, r->period, true);
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
