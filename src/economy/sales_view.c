/*
 * sales_view.c — the sales documents as the faces read them: a client's
 * and an activity's documents, the visible lists of quotes and invoices,
 * one whole document (header, client as the document shows it, lines, VAT
 * per rate), the entries that settled it, and the payments.
 *
 * Every exported reader takes the acting person and decides through
 * sales_access()/activity_access() (a document, a client, an activity:
 * 404 without a role in its cooperative nor membership, 403 where the
 * role forbids) or, for a list, through ECONOMY_VISIBLE_SQL (its rows are
 * those activity_access() would show).  The unchecked loaders, for domain
 * code that has already decided (the PDF of sales_pdf), are declared in
 * eco_internal.h.
 */
#include "economy/eco_internal.h"
#include "economy/economy.h"
#include "economy/ledger.h"
#include "core/money.h"
#include <assert.h>
#include <stdio.h>
#include <string.h>

bg_status sales_client_documents(db *d, arena *a, int64_t actor, int64_t client_id, sales_doc_brief **out,
				 size_t *n, bg_error *err)
{
	*out = NULL;
	*n = 0;
	client_row c;
	bg_status st = client_get(d, actor, client_id, &c, err);
	if (st != BG_OK)
		return st;
	db_stmt *q = db_query(d, "SELECT id, kind, " SALES_STATUS_SQL("s") ", coalesce(number, quote_number), issue_date,"
				 " total_ht, total_ttc, paid, credited FROM sales_documents s WHERE client_id = ?"
				 " ORDER BY issue_date DESC, id DESC", "i", client_id);
	while (db_next(q) == 1) {
		*out = arena_grow(a, *out, *n, sizeof **out);
		sales_doc_brief *r = &(*out)[(*n)++];
		memset(r, 0, sizeof *r);
		r->id = db_int(q, 0);
		r->kind = arena_strdup(a, db_text(q, 1));
		r->status = arena_strdup(a, db_text(q, 2));
		r->number = arena_strdup(a, db_text(q, 3));
		r->issue_date = arena_strdup(a, db_text(q, 4));
		r->total_ht = db_int(q, 5);
		r->total_ttc = db_int(q, 6);
		r->paid = db_int(q, 7);
		r->credited = db_int(q, 8);
	}
	return db_done(q) == BG_OK ? BG_OK : bg_db_fail(err);
}

bg_status sales_activity_documents(db *d, arena *a, int64_t actor, int64_t activity_id, int64_t limit,
				   int64_t offset, sales_doc_brief **out, size_t *n, int64_t *total, bg_error *err)
{
	assert(limit > 0 && offset >= 0);
	*out = NULL;
	*n = 0;
	activity act;
	bg_status st = activity_access(d, actor, activity_id, false, &act, err);
	if (st != BG_OK)
		return st;
	st = db_scalar(d, err, total, NULL, "SELECT count(*) FROM sales_documents WHERE activity_id = ?", "i",
				 activity_id);
	if (st != BG_OK)
		return st;
	db_stmt *q = db_query(d, "SELECT s.id, s.kind, s.status, coalesce(s.number, s.quote_number, '—'), s.issue_date,"
				 " s.total_ttc, k.name FROM sales_documents s JOIN sales_document_client k ON k.document_id = s.id"
				 " WHERE s.activity_id = ? ORDER BY s.issue_date DESC, s.id DESC LIMIT ? OFFSET ?",
			      "iii", activity_id, limit, offset);
	*out = arena_alloc(a, (size_t)limit * sizeof **out);
	while (*n < (size_t)limit && db_next(q) == 1) {
		sales_doc_brief *r = &(*out)[(*n)++];
		memset(r, 0, sizeof *r);
		r->id = db_int(q, 0);
		r->kind = arena_strdup(a, db_text(q, 1));
		r->status = arena_strdup(a, db_text(q, 2));
		r->number = arena_strdup(a, db_text(q, 3));
		r->issue_date = arena_strdup(a, db_text(q, 4));
		r->total_ttc = db_int(q, 5);
		r->activity_id = activity_id;
		r->client = arena_strdup(a, db_text(q, 6));
	}
	return db_done(q) == BG_OK ? BG_OK : bg_db_fail(err);
}

/* The documents sales_document_list_visible lists, with their client. */
#define SALES_LIST_FROM                                                                                                \
	" FROM sales_documents s JOIN activities a ON a.id = s.activity_id"                                            \
	" JOIN sales_document_client k ON k.document_id = s.id"                                                         \
	" WHERE " ECONOMY_VISIBLE_SQL " AND (? = 0 OR s.activity_id = ?) AND (? IS NULL OR " SALES_STATUS_SQL("s")   \
	" = ?) AND ((? = 1 AND s.kind = 'quote') OR (? = 0 AND s.kind <> 'quote'))"
/* Its parameters: the viewer twice, the activity twice, the status twice,
 * quotes twice. */
#define SALES_LIST_ARGS(viewer, activity, status, quotes) \
	(viewer), (viewer), (activity), (activity), (status), (status), (int64_t)(quotes), (int64_t)(quotes)

bg_status sales_document_list_visible(db *d, arena *a, int64_t viewer_id, int64_t activity_id,
				      const char *status, bool quotes, int64_t limit, int64_t offset,
				      sales_doc_brief **out, size_t *n, int64_t *total, bg_error *err)
{
	assert(limit > 0 && offset >= 0);
	db_stmt *q = DB_PAGE_QUERY(d, total,
		"SELECT s.id, s.kind, " SALES_STATUS_SQL("s") ", s.number, s.issue_date, s.due_date, s.total_ttc, s.paid,"
		" s.activity_id, k.name", SALES_LIST_FROM, "s.issue_date DESC, s.id DESC", limit, offset,
		"iiiissii", SALES_LIST_ARGS(viewer_id, activity_id, status, quotes));
	*out = NULL;
	*n = 0;
	while (db_next(q) == 1) {
		*out = arena_grow(a, *out, *n, sizeof **out);
		sales_doc_brief *r = &(*out)[(*n)++];
		memset(r, 0, sizeof *r);
		r->id = db_int(q, 0);
		r->kind = arena_strdup(a, db_text(q, 1));
		r->status = arena_strdup(a, db_text(q, 2));
		r->number = arena_strdup(a, db_text(q, 3));
		r->issue_date = arena_strdup(a, db_text(q, 4));
		r->due_date = arena_strdup(a, db_text(q, 5));
		r->total_ttc = db_int(q, 6);
		r->paid = db_int(q, 7);
		r->activity_id = db_int(q, 8);
		r->client = arena_strdup(a, db_text(q, 9));
	}
	return db_done(q) == BG_OK ? BG_OK : bg_db_fail(err);
}

bg_status sales_document_view_get(db *d, arena *a, int64_t actor, int64_t id, sales_doc_view *out, bg_error *err)
{
	memset(out, 0, sizeof *out);
	activity act;
	bg_status st = sales_access(d, actor, id, false, &act, err);
	return st == BG_OK ? sales_document_view_load(d, a, id, out, err) : st;
}

/* sales_document_view_get without the rights check. */
bg_status sales_document_view_load(db *d, arena *a, int64_t id, sales_doc_view *out, bg_error *err)
{
	memset(out, 0, sizeof *out);
	db_stmt *q = db_query(d,
		"SELECT id, cooperative_id, activity_id, client_id, kind, " SALES_STATUS_SQL("s") ", number, issue_date,"
		" supply_date, due_date, coalesce(source_id, 0), title, notes, vat_mention, total_ht, total_vat, total_ttc,"
		" paid, coalesce(entry_id, 0), credited, refunded, quote_number FROM sales_documents s WHERE id = ?", "i", id);
	bg_status st = db_one_row(q, NULL, NULL, err); /* a failed step is not "no such document" */
	if (st != BG_OK)
		return st;
	out->id = db_int(q, 0);
	out->coop_id = db_int(q, 1);
	out->activity_id = db_int(q, 2);
	out->client_id = db_int(q, 3);
	out->kind = arena_strdup(a, db_text(q, 4));
	out->status = arena_strdup(a, db_text(q, 5));
	out->number = arena_strdup(a, db_text(q, 6));
	out->issue_date = arena_strdup(a, db_text(q, 7));
	out->supply_date = arena_strdup(a, db_text(q, 8));
	out->due_date = arena_strdup(a, db_text(q, 9));
	out->source_id = db_int(q, 10);
	out->title = arena_strdup(a, db_text(q, 11));
	out->notes = arena_strdup(a, db_text(q, 12));
	out->vat_mention = arena_strdup(a, db_text(q, 13));
	out->total_ht = db_int(q, 14);
	out->total_vat = db_int(q, 15);
	out->total_ttc = db_int(q, 16);
	out->paid = db_int(q, 17);
	out->entry_id = db_int(q, 18);
	out->credited = db_int(q, 19);
	out->refunded = db_int(q, 20);
	out->quote_number = arena_strdup(a, db_text(q, 21));
	if (db_done(q) != BG_OK)
		return bg_db_fail(err);
	/* edited: a frozen copy that the client's record no longer matches */
	q = db_query(d, "SELECT k.name, k.kind, k.siren, k.vat_number, k.address, k.email, k.lang, k.frozen,"
			" k.frozen AND (c.name, c.address, coalesce(c.siren, ''), coalesce(c.vat_number, ''))"
			" IS NOT (k.name, k.address, coalesce(k.siren, ''), coalesce(k.vat_number, ''))"
			" FROM sales_document_client k JOIN sales_documents s ON s.id = k.document_id"
			" JOIN clients c ON c.id = s.client_id WHERE k.document_id = ?", "i", id);
	if (db_next(q) == 1) {
		out->has_client = true;
		out->client.name = arena_strdup(a, db_text(q, 0));
		out->client.kind = arena_strdup(a, db_text(q, 1));
		out->client.siren = arena_strdup(a, db_text(q, 2));
		out->client.vat_number = arena_strdup(a, db_text(q, 3));
		out->client.address = arena_strdup(a, db_text(q, 4));
		out->client.email = arena_strdup(a, db_text(q, 5));
		out->client.lang = arena_strdup(a, db_text(q, 6));
		out->client.frozen = db_int(q, 7) != 0;
		out->client.edited = db_int(q, 8) != 0;
	}
	if (db_done(q) != BG_OK)
		return bg_db_fail(err);
	q = db_query(d, "SELECT l.position, l.description, l.quantity_milli, l.unit_cents, l.vat_bp, l.discount_bp,"
			" l.goods, l.total_ht, coalesce(x.invoice_id, 0), i.number, EXISTS (SELECT 1 FROM"
			" sales_credit_positions c WHERE c.invoice_id = l.document_id AND c.position = l.position)"
			" FROM sales_lines l LEFT JOIN sales_quote_invoicing x ON x.quote_line_id = l.id"
			" LEFT JOIN sales_documents i ON i.id = x.invoice_id WHERE l.document_id = ? ORDER BY l.position",
		    "i", id);
	while (db_next(q) == 1) {
		out->lines = arena_grow(a, out->lines, out->nlines, sizeof *out->lines);
		sales_doc_line_view *l = &out->lines[out->nlines++];
		l->position = db_int(q, 0);
		l->description = arena_strdup(a, db_text(q, 1));
		l->quantity_milli = db_int(q, 2);
		l->unit_cents = db_int(q, 3);
		l->vat_bp = db_int(q, 4);
		l->discount_bp = db_int(q, 5);
		l->goods = db_int(q, 6) != 0;
		l->total_ht = db_int(q, 7);
		l->invoice_id = db_int(q, 8);
		l->invoice_number = arena_strdup(a, db_text(q, 9));
		l->credited = db_int(q, 10) != 0;
	}
	if (db_done(q) != BG_OK)
		return bg_db_fail(err);
	q = db_query(d, "SELECT vat_bp, sum(total_ht) FROM sales_lines WHERE document_id = ? GROUP BY vat_bp"
			" ORDER BY vat_bp DESC", "i", id);
	while (db_next(q) == 1) {
		out->vat = arena_grow(a, out->vat, out->nvat, sizeof *out->vat);
		sales_doc_vat_view *v = &out->vat[out->nvat++];
		v->vat_bp = db_int(q, 0);
		v->base = db_int(q, 1);
		v->vat = 0;
		money_apply_bp(v->base, v->vat_bp, &v->vat);
	}
	return db_done(q) == BG_OK ? BG_OK : bg_db_fail(err);
}

/* The ids of rows of sql (one int64 parameter), at most max, in *out. */
static bg_status sales_ids(db *d, arena *a, const char *sql, int64_t id, size_t max, int64_t **out, size_t *n,
			   bg_error *err)
{
	*out = arena_alloc(a, max * sizeof **out);
	*n = 0;
	db_stmt *q = db_query(d, sql, "i", id);
	while (*n < max && db_next(q) == 1)
		(*out)[(*n)++] = db_int(q, 0);
	return db_done(q) == BG_OK ? BG_OK : bg_db_fail(err);
}

bg_status sales_document_entries(db *d, arena *a, int64_t actor, int64_t id, const char *journal,
				 sales_entries **out, size_t *n, bg_error *err)
{
	enum { SETTLEMENTS_MAX = 50, DOC_ENTRIES = 50, SETTLEMENT_ENTRIES = 5 };
	*out = NULL;
	*n = 0;
	activity act;
	int64_t credit_note = 0;
	bg_status st = sales_access(d, actor, id, false, &act, err);
	if (st == BG_OK)
		st = db_scalar(d, err, &credit_note, NULL, "SELECT kind = 'credit_note' FROM sales_documents WHERE id = ?",
			       "i", id);
	int64_t *pays = NULL, *refunds = NULL;
	size_t np = 0, nr = 0;
	if (st == BG_OK)
		st = sales_ids(d, a, "SELECT payment_id FROM payment_allocations WHERE document_id = ? ORDER BY payment_id",
			       id, SETTLEMENTS_MAX, &pays, &np, err);
	if (st == BG_OK)
		st = sales_ids(d, a, "SELECT id FROM sales_refunds WHERE ? IN (invoice_id, credit_note_id) ORDER BY id",
			       id, SETTLEMENTS_MAX, &refunds, &nr, err);
	if (st != BG_OK)
		return st;
	*out = arena_alloc(a, (1 + np + nr) * sizeof **out);
	for (size_t i = 0; st == BG_OK && i < 1 + np + nr; i++) {
		sales_entries *g = &(*out)[(*n)++];
		if (i == 0)
			g->ref = arena_printf(a, "%s:%lld", credit_note ? "credit_note" : "invoice",
					      (long long)id);
		else if (i <= np)
			g->ref = arena_printf(a, "payment:%lld", (long long)pays[i - 1]);
		else
			g->ref = arena_printf(a, "refund:%lld", (long long)refunds[i - 1 - np]);
		st = ledger_lines_load(d, a, act.coop_id, g->ref, journal, i ? SETTLEMENT_ENTRIES : DOC_ENTRIES, 0,
				       &g->lines, &g->n, err);
	}
	return st;
}

bg_status sales_draft_invoices(db *d, arena *a, int64_t actor, int64_t coop_id, sales_doc_brief **out, size_t *n,
			       bg_error *err)
{
	*out = NULL;
	*n = 0;
	bg_status st = authz_check(d, actor, AUTHZ_ECONOMY_READ, (scope){SCOPE_COOPERATIVE, coop_id}, err);
	if (st != BG_OK)
		return st;
	db_stmt *q = db_query(d, "SELECT s.id, a.code, k.name, s.total_ttc, s.title, s.activity_id FROM sales_documents s"
				 " JOIN activities a ON a.id = s.activity_id JOIN sales_document_client k ON k.document_id = s.id"
				 " WHERE s.cooperative_id = ? AND s.kind = 'invoice' AND s.status = 'draft' ORDER BY s.id",
			      "i", coop_id);
	while (db_next(q) == 1) {
		*out = arena_grow(a, *out, *n, sizeof **out);
		sales_doc_brief *r = &(*out)[(*n)++];
		memset(r, 0, sizeof *r);
		r->id = db_int(q, 0);
		r->activity_code = arena_strdup(a, db_text(q, 1));
		r->client = arena_strdup(a, db_text(q, 2));
		r->total_ttc = db_int(q, 3);
		r->title = arena_strdup(a, db_text(q, 4));
		r->activity_id = db_int(q, 5);
		r->kind = "invoice";
		r->status = "draft";
	}
	return db_done(q) == BG_OK ? BG_OK : bg_db_fail(err);
}

bg_status payment_entry_id(db *d, int64_t actor, int64_t payment_id, int64_t *entry, bg_error *err)
{
	*entry = 0;
	int64_t doc = 0;
	bool found = false;
	activity act;
	bg_status st = db_scalar(d, err, &doc, &found, "SELECT min(document_id) FROM payment_allocations"
						      " WHERE payment_id = ?", "i", payment_id);
	if (st == BG_OK && (!found || !doc))
		st = bg_fail(err, BG_ERR_NOT_FOUND, "not_found", NULL, N_("This page does not exist."));
	if (st == BG_OK)
		st = sales_access(d, actor, doc, false, &act, err);
	if (st == BG_OK)
		st = db_scalar(d, err, entry, &found, "SELECT coalesce(entry_id, 0) FROM payments WHERE id = ?", "i",
			       payment_id);
	return st;
}

bg_status payment_list_visible(db *d, arena *a, int64_t viewer_id, payment_row **out, size_t *n,
			       bg_error *err)
{
	db_stmt *q = db_query(d,
		"SELECT DISTINCT p.id, p.pay_date, p.method, p.amount, p.reference, p.entry_id FROM payments p"
		" JOIN payment_allocations x ON x.payment_id = p.id JOIN sales_documents s ON s.id = x.document_id"
		" JOIN activities a ON a.id = s.activity_id WHERE " ECONOMY_VISIBLE_SQL " ORDER BY p.pay_date DESC, p.id DESC"
		" LIMIT 500", "ii", viewer_id, viewer_id);
	*out = NULL;
	*n = 0;
	while (db_next(q) == 1) {
		*out = arena_grow(a, *out, *n, sizeof **out);
		payment_row *r = &(*out)[(*n)++];
		r->id = db_int(q, 0);
		r->date = arena_strdup(a, db_text(q, 1));
		r->method = arena_strdup(a, db_text(q, 2));
		r->amount = db_int(q, 3);
		r->reference = arena_strdup(a, db_text(q, 4));
		r->entry_id = db_int(q, 5);
	}
	return db_done(q) == BG_OK ? BG_OK : bg_db_fail(err);
}
