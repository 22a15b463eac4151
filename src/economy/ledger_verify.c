/*
 * ledger_verify.c — the ledger's own check (ledger_check, run by `bigre
 * check`): the triggers that keep its rules are there, the hash chain
 * recomputed link by link, every maintained balance recomputed from the
 * lines, numbering without gap or duplicate, each line one-sided, each
 * entry balanced and dated in its journal's order.  A fast sequential walk
 * does it all in one pass when the tables are laid out as ledger_post()
 * writes them, else the exact queries run; what is reported is the same.
 *
 * A query that fails is a problem reported, never the end of the rows: a
 * check that could not read reports that it could not, and fails.
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
		int acct = ledger_acct_index(at, db_text(s, 1), false);
		tot_slot *b = acct < 0 ? NULL : ledger_tot_find(bt, db_int(s, 0), acct, db_int(s, 2), ledger_period_of(p), false);
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
	if (db_done(s) != BG_OK || rc < 0) {
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
		tot_slot *a = ledger_tot_find(&acc, b->coop, b->acct, -1, b->period, true);
		a->debit += b->debit;
		a->credit += b->credit;
	}
	int differ = 0, missing = 0;
	s = db_query(d, "SELECT cooperative_id, account, period, debit, credit FROM ledger_account_totals", NULL);
	rc = s ? 0 : -1;
	while (s && (rc = db_next(s)) == 1) {
		const char *p = db_text(s, 2);
		int acct = ledger_acct_index(at, db_text(s, 1), false);
		tot_slot *a = acct < 0 || !p || strlen(p) != 7 ? NULL
			    : ledger_tot_find(&acc, db_int(s, 0), acct, -1, ledger_period_of(p), false);
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
	if (db_done(s) != BG_OK || rc < 0) {
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
		tot_slot *b = ledger_tot_find(&bt, cur_coop, ledger_acct_index(&at, account, true), activity, cur_period, true);
		b->debit += dbt;
		b->credit += crd;
	}
	if (db_done(s) != BG_OK || rc < 0) {
		free(bt.slots);
		ledger_acct_free(&at);
		report(ctx, "cannot read the ledger");
		return n + 1;
	}
	n += ledger_compare_totals(d, report, ctx, &at, &bt);
	ledger_acct_free(&at);
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
		bg_status es_st = db_done(es); /* giving up either way */
		(void)es_st;
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
			int acct = ledger_acct_index(&at, account, true);
			if (npending == PENDING) {
				for (int k = 0; k < npending; k++) {
					tot_slot *b = ledger_tot_find(&bt, coop, pending[k].acct, pending[k].activity, period, true);
					b->debit += pending[k].debit;
					b->credit += pending[k].credit;
				}
				npending = 0;
			}
			if (bt.cap)
				__builtin_prefetch(&bt.slots[ledger_tot_hash(coop, acct, activity, period) & (bt.cap - 1)], 1);
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
			tot_slot *b = ledger_tot_find(&bt, coop, pending[k].acct, pending[k].activity, period, true);
			b->debit += pending[k].debit;
			b->credit += pending[k].credit;
		}
	}
	/* lines left over: without an entry, or out of place */
	if (!give_up && (erc != 0 || lrc != 0))
		give_up = true;
	bg_status es_st = db_done(es), ls_st = db_done(ls); /* both done, whichever failed */
	if (es_st != BG_OK || ls_st != BG_OK)
		give_up = true;
	free(groups);
	if (give_up) {
		free(bt.slots);
		ledger_acct_free(&at);
		*numbering = *one_sided = true;
		return LEDGER_WALK_GIVE_UP;
	}
	if (chain_report[0]) {
		report(ctx, chain_report);
		n++;
	}
	n += ledger_compare_totals(d, report, ctx, &at, &bt);
	free(bt.slots);
	ledger_acct_free(&at);
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
