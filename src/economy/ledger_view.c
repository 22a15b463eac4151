/*
 * ledger_view.c — the ledger as the faces read it: one entry with its
 * lines, the entries of a cooperative (filtered, paged), their lines as a
 * journal shows them, the balances per account and per activity, the
 * chart of accounts and the economic settings.
 *
 * Every exported reader takes the acting person and checks
 * AUTHZ_ECONOMY_READ in the cooperative (authz_check: 404 without a role
 * there, 403 where the role forbids); the unchecked loaders, for domain
 * code that has already decided, are in eco_internal.h.
 */
#include "economy/eco_internal.h"
#include "economy/economy.h"
#include "economy/ledger.h"
#include "auth/authz.h"
#include <assert.h>
#include <stdio.h>
#include <string.h>

/* Reads entry id with its lines, whatever its status; no rights check. */
bg_status ledger_entry_view_load(db *d, arena *a, int64_t id, ledger_entry_view *out, bg_error *err)
{
	memset(out, 0, sizeof *out);
	db_stmt *q = db_query(d, "SELECT e.id, e.journal, e.fiscal_year, e.number, e.entry_date, e.label, e.doc_ref,"
				 " coalesce(e.reverses_id, 0), e.total_cents, hex(e.hash), hex(e.prev_hash), e.cooperative_id,"
				 " e.status = 'posted',"
				 " coalesce((SELECT r.id FROM ledger_entries r WHERE r.reverses_id = e.id), 0)"
				 " FROM ledger_entries e WHERE e.id = ?", "i", id);
	bg_status st = db_one_row(q, NULL, NULL, err);
	if (st != BG_OK)
		return st;
	out->id = db_int(q, 0);
	out->journal = arena_strdup(a, db_text(q, 1));
	out->fiscal_year = db_int(q, 2);
	out->number = db_int(q, 3);
	out->date = arena_strdup(a, db_text(q, 4));
	out->label = arena_strdup(a, db_text(q, 5));
	out->doc_ref = arena_strdup(a, db_text(q, 6));
	out->reverses_id = db_int(q, 7);
	out->total_cents = db_int(q, 8);
	out->hash = arena_strdup(a, db_text(q, 9));
	out->prev_hash = arena_strdup(a, db_text(q, 10));
	out->coop_id = db_int(q, 11);
	out->posted = db_int(q, 12) != 0;
	out->reversed_by = db_int(q, 13);
	if (db_done(q) != BG_OK)
		return bg_db_fail(err);
	q = db_query(d, "SELECT l.account, a.code, l.debit, l.credit, l.label, x.label FROM ledger_lines l"
			" LEFT JOIN activities a ON a.id = l.activity_id LEFT JOIN ledger_accounts x"
			" ON x.cooperative_id = ? AND x.number = l.account WHERE l.entry_id = ? ORDER BY l.id", "ii",
		    out->coop_id, id);
	while (db_next(q) == 1) {
		out->lines = arena_grow(a, out->lines, out->nlines, sizeof *out->lines);
		ledger_line_view *l = &out->lines[out->nlines++];
		l->account = arena_strdup(a, db_text(q, 0));
		l->activity = arena_strdup(a, db_text(q, 1));
		l->debit = db_int(q, 2);
		l->credit = db_int(q, 3);
		l->label = arena_strdup(a, db_text(q, 4));
		l->account_label = arena_strdup(a, db_text(q, 5));
	}
	return db_done(q) == BG_OK ? BG_OK : bg_db_fail(err);
}

/* AUTHZ_ECONOMY_READ in cooperative coop (404 without a role there, 403
 * where the role forbids), the right of every reader of this file. */
static bg_status ledger_may_read(db *d, int64_t actor, int64_t coop, bg_error *err)
{
	return authz_check(d, actor, AUTHZ_ECONOMY_READ, (scope){SCOPE_COOPERATIVE, coop}, err);
}

bg_status ledger_entry_view_get(db *d, arena *a, int64_t actor, int64_t id, ledger_entry_view *out, bg_error *err)
{
	bg_status st = ledger_entry_view_load(d, a, id, out, err);
	if (st == BG_OK)
		st = ledger_may_read(d, actor, out->coop_id, err);
	return st;
}

bg_status ledger_entry_ids(db *d, arena *a, int64_t actor, int64_t coop_id, const char *journal,
			   const char *doc_ref, const char *from, const char *to, int64_t limit, int64_t offset,
			   int64_t **out, size_t *n, int64_t *total, bg_error *err)
{
	*out = arena_alloc(a, (size_t)(limit > 0 ? limit : 1) * sizeof **out);
	*n = 0;
	bg_status st = ledger_may_read(d, actor, coop_id, err);
	if (st != BG_OK)
		return st;
#define LEDGER_ENTRY_FILTER                                                                    \
	" FROM ledger_entries WHERE cooperative_id = ? AND status = 'posted'"                  \
	" AND (? IS NULL OR journal = ?) AND (? IS NULL OR doc_ref = ?)"                       \
	" AND (? IS NULL OR entry_date >= ?) AND (? IS NULL OR entry_date <= ?)"
#define LEDGER_ENTRY_ARGS coop_id, journal, journal, doc_ref, doc_ref, from, from, to, to
	db_stmt *q = DB_PAGE_QUERY(d, total, "SELECT id", LEDGER_ENTRY_FILTER, "entry_date DESC, id DESC", limit, offset,
				   "issssssss", LEDGER_ENTRY_ARGS);
#undef LEDGER_ENTRY_ARGS
#undef LEDGER_ENTRY_FILTER
	while (*n < (size_t)limit && db_next(q) == 1)
		(*out)[(*n)++] = db_int(q, 0);
	return db_done(q) == BG_OK ? BG_OK : bg_db_fail(err);
}

bg_status ledger_balance_list(db *d, arena *a, int64_t actor, int64_t coop_id, bool per_activity, const char *from,
			      const char *to, ledger_balance_row **out, size_t *n, bg_error *err)
{
	*out = NULL;
	*n = 0;
	bg_status st = ledger_may_read(d, actor, coop_id, err);
	if (st != BG_OK)
		return st;
	db_stmt *q = db_query(d,
		per_activity
			? "SELECT b.account, a.code, sum(b.debit), sum(b.credit), x.label FROM ledger_balances b"
			  " LEFT JOIN activities a ON a.id = b.activity_id LEFT JOIN ledger_accounts x"
			  " ON x.cooperative_id = b.cooperative_id AND x.number = b.account WHERE b.cooperative_id = ?"
			  " AND (? IS NULL OR b.period >= ?) AND (? IS NULL OR b.period <= ?)"
			  " GROUP BY b.activity_id, b.account ORDER BY 2, 1"
			: "SELECT b.account, NULL, sum(b.debit), sum(b.credit), x.label FROM ledger_account_totals b"
			  " LEFT JOIN ledger_accounts x ON x.cooperative_id = b.cooperative_id AND x.number = b.account"
			  " WHERE b.cooperative_id = ? AND (? IS NULL OR b.period >= ?) AND (? IS NULL OR b.period <= ?)"
			  " GROUP BY b.account ORDER BY 1",
		"issss", coop_id, from, from, to, to);
	while (db_next(q) == 1) {
		*out = arena_grow(a, *out, *n, sizeof **out);
		ledger_balance_row *r = &(*out)[(*n)++];
		r->account = arena_strdup(a, db_text(q, 0));
		r->activity = arena_strdup(a, db_text(q, 1));
		r->debit = db_int(q, 2);
		r->credit = db_int(q, 3);
		r->label = arena_strdup(a, db_text(q, 4));
	}
	return db_done(q) == BG_OK ? BG_OK : bg_db_fail(err);
}

bg_status ledger_account_list(db *d, arena *a, int64_t actor, int64_t coop_id, ledger_account_row **out,
			      size_t *n, bg_error *err)
{
	*out = NULL;
	*n = 0;
	bg_status st = ledger_may_read(d, actor, coop_id, err);
	if (st != BG_OK)
		return st;
	db_stmt *q = db_query(d, "SELECT number, label, active FROM ledger_accounts WHERE cooperative_id = ?"
				 " ORDER BY number", "i", coop_id);
	while (db_next(q) == 1) {
		*out = arena_grow(a, *out, *n, sizeof **out);
		ledger_account_row *r = &(*out)[(*n)++];
		r->number = arena_strdup(a, db_text(q, 0));
		r->label = arena_strdup(a, db_text(q, 1));
		r->active = db_int(q, 2) != 0;
	}
	return db_done(q) == BG_OK ? BG_OK : bg_db_fail(err);
}

bg_status ledger_settings_get(db *d, arena *a, int64_t actor, int64_t coop_id, economy_settings_view *out,
			      bool *found, bg_error *err)
{
	memset(out, 0, sizeof *out);
	*found = false;
	bg_status st = ledger_may_read(d, actor, coop_id, err);
	if (st != BG_OK)
		return st;
	db_stmt *q = db_query(d, "SELECT vat_number, rcs, capital_text, late_rate_bp, self_validation_max,"
				 " payment_terms_days, contribution_bp, km_rate_milli, closed_through, doc_lang"
				 " FROM economy_settings WHERE cooperative_id = ?", "i", coop_id);
	if (db_next(q) == 1) {
		*found = true;
		out->vat_number = arena_strdup(a, db_text(q, 0));
		out->rcs = arena_strdup(a, db_text(q, 1));
		out->capital_text = arena_strdup(a, db_text(q, 2));
		out->late_rate_bp = db_int(q, 3);
		out->self_validation_max = db_int(q, 4);
		out->payment_terms_days = db_int(q, 5);
		out->contribution_bp = db_int(q, 6);
		out->km_rate_milli = db_int(q, 7);
		out->closed_through = arena_strdup(a, db_text(q, 8));
		out->doc_lang = arena_strdup(a, db_text(q, 9));
	}
	return db_done(q) == BG_OK ? BG_OK : bg_db_fail(err);
}

bg_status ledger_lines_page(db *d, arena *a, int64_t actor, int64_t coop_id, const char *doc_ref,
			    const char *journal, int64_t limit, int64_t offset, ledger_line_row **out, size_t *n,
			    bg_error *err)
{
	*out = NULL;
	*n = 0;
	bg_status st = ledger_may_read(d, actor, coop_id, err);
	return st == BG_OK ? ledger_lines_load(d, a, coop_id, doc_ref, journal, limit, offset, out, n, err) : st;
}

/* The lines of a cooperative's posted entries whose doc_ref is doc_ref
 * and journal is journal (each NULL: any), newest entry first, at most
 * limit entries after skipping offset; no rights check. */
bg_status ledger_lines_load(db *d, arena *a, int64_t coop_id, const char *doc_ref, const char *journal,
			    int64_t limit, int64_t offset, ledger_line_row **out, size_t *n, bg_error *err)
{
	assert(limit > 0 && offset >= 0);
	*out = NULL;
	*n = 0;
	db_stmt *q = db_query(d,
		"SELECT e.journal, e.fiscal_year || '-' || e.number, e.entry_date, l.account, a.code, l.debit,"
		" l.credit, e.label, e.id FROM ledger_entries e JOIN ledger_lines l ON l.entry_id = e.id"
		" LEFT JOIN activities a ON a.id = l.activity_id WHERE e.status = 'posted' AND e.cooperative_id = ?"
		" AND (? IS NULL OR e.doc_ref = ?) AND (? IS NULL OR e.journal = ?)"
		" AND e.id IN (SELECT id FROM ledger_entries WHERE cooperative_id = ? AND status = 'posted'"
		" AND (? IS NULL OR doc_ref = ?) AND (? IS NULL OR journal = ?) ORDER BY entry_date DESC, id DESC LIMIT ? OFFSET ?)"
		" ORDER BY e.entry_date DESC, e.id DESC, l.id", "issssissssii", coop_id, doc_ref, doc_ref, journal, journal,
		coop_id, doc_ref, doc_ref, journal, journal, limit, offset);
	while (db_next(q) == 1) {
		*out = arena_grow(a, *out, *n, sizeof **out);
		ledger_line_row *r = &(*out)[(*n)++];
		r->journal = arena_strdup(a, db_text(q, 0));
		r->number = arena_strdup(a, db_text(q, 1));
		r->date = arena_strdup(a, db_text(q, 2));
		r->account = arena_strdup(a, db_text(q, 3));
		r->activity = arena_strdup(a, db_text(q, 4));
		r->debit = db_int(q, 5);
		r->credit = db_int(q, 6);
		r->label = arena_strdup(a, db_text(q, 7));
		r->entry_id = db_int(q, 8);
	}
	return db_done(q) == BG_OK ? BG_OK : bg_db_fail(err);
}

bg_status ledger_activity_results(db *d, arena *a, int64_t actor, int64_t coop_id, ledger_activity_result **out,
				  size_t *n, bg_error *err)
{
	*out = NULL;
	*n = 0;
	bg_status st = ledger_may_read(d, actor, coop_id, err);
	if (st != BG_OK)
		return st;
	/* account numbers are digits: LIKE '7%' is "a class 7 account" */
	db_stmt *q = db_query(d, "SELECT a.code,"
				 " sum(CASE WHEN b.account LIKE '7%' THEN b.credit - b.debit ELSE 0 END),"
				 " sum(CASE WHEN b.account LIKE '6%' THEN b.debit - b.credit ELSE 0 END),"
				 " sum(CASE WHEN b.account = '411' THEN b.debit - b.credit ELSE 0 END)"
				 " FROM ledger_balances b LEFT JOIN activities a ON a.id = b.activity_id WHERE b.cooperative_id = ?"
				 " GROUP BY b.activity_id ORDER BY coalesce(a.code, '—')", "i", coop_id);
	while (db_next(q) == 1) {
		*out = arena_grow(a, *out, *n, sizeof **out);
		ledger_activity_result *r = &(*out)[(*n)++];
		r->activity = arena_strdup(a, db_text(q, 0));
		r->revenue = db_int(q, 1);
		r->expenses = db_int(q, 2);
		r->receivable = db_int(q, 3);
	}
	return db_done(q) == BG_OK ? BG_OK : bg_db_fail(err);
}
