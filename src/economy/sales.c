/*
 * sales.c — quotes, invoices, credit notes (E2) and payments (E3).
 *
 * Life of an invoice: draft (freely edited by the activity's members) →
 * validated by sales_validate(), which in ONE transaction takes the next
 * number of the cooperative's yearly sequence (sales_sequences: an UPSERT
 * … RETURNING under the write lock that BEGIN IMMEDIATE takes, so two
 * validations can never get the same number nor leave a gap), sets the
 * date and the due date, posts the sales entry (411 / 706-707 / 44571 with
 * the activity as analytic code) and renders and stores the PDF; from then
 * on the database refuses any change to it (trigger sales_document_frozen)
 * → sent → partly paid → paid by payment_record(); or cancelled by a
 * credit note (sales_credit_note), numbered in the same sequence, whose
 * entry is the reversal of the invoice's.
 *
 * Totals: see sales_compute() in economy.h for the rounding rule.
 *
 * The client of a validated document: the UPDATE that numbers an invoice
 * or a credit note also copies its client's identity onto it
 * (client_name … client_lang, migration 014), frozen by trigger; every view and
 * render reads the client through the view sales_document_client, so a
 * client edited later changes drafts and quotes only.
 */
#include "economy/economy.h"
#include "economy/ledger.h"
#include "economy/pdf.h"
#include "economy/eco_internal.h"
#include "auth/authz.h"
#include "core/date.h"
#include "core/tz.h"
#include "core/json.h"
#include "core/mem.h"
#include "core/money.h"
#include "db/audit.h"
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>



/* A document as the functions below need it. */
typedef struct sales_doc {
	int64_t id, coop_id, activity_id, client_id, source_id, entry_id;
	char kind[16], status[16], number[24], issue_date[11];
	int64_t ht, vat, ttc, paid, credited, refunded;
} sales_doc;

/* The client's identity as a validated document keeps it (migration 014),
 * to put in the UPDATE that numbers the document.  client_lang is the
 * document's language at that moment. */
#define SALES_CLIENT_SNAPSHOT_SQL                                                                        \
	"(client_name, client_kind, client_siren, client_vat_number, client_address, client_email,"         \
	" client_lang) = (SELECT k.name, k.kind, k.siren, k.vat_number, k.address, k.email,"                 \
	" coalesce(k.lang, e.doc_lang, 'fr') FROM clients k LEFT JOIN economy_settings e"                    \
	" ON e.cooperative_id = k.cooperative_id WHERE k.id = sales_documents.client_id)"

/* The error of a failed database read. */
static bg_status sales_db_fail(bg_error *err)
{
	return bg_fail(err, BG_ERR_DB, "db_error", NULL, N_("The change could not be saved."));
}

/* Is s a real calendar date "YYYY-MM-DD"? */
static bool sales_date_ok(const char *s)
{
	int y, m, d;
	return s && date_parse(s, &y, &m, &d);
}

/* Loads a document (404 when absent; no rights check here). */
static bg_status sales_load(db *d, int64_t id, sales_doc *doc, bg_error *err)
{
	memset(doc, 0, sizeof *doc);
	db_stmt *q = db_query(d, "SELECT id, cooperative_id, activity_id, client_id, coalesce(source_id, 0),"
				 " coalesce(entry_id, 0), kind, status, coalesce(number, ''), issue_date,"
				 " total_ht, total_vat, total_ttc, paid, credited, refunded FROM sales_documents"
				 " WHERE id = ?", "i", id);
	int rc = q ? db_next(q) : -1;
	if (rc == 1) {
		doc->id = db_int(q, 0);
		doc->coop_id = db_int(q, 1);
		doc->activity_id = db_int(q, 2);
		doc->client_id = db_int(q, 3);
		doc->source_id = db_int(q, 4);
		doc->entry_id = db_int(q, 5);
		snprintf(doc->kind, sizeof doc->kind, "%s", db_text(q, 6));
		snprintf(doc->status, sizeof doc->status, "%s", db_text(q, 7));
		snprintf(doc->number, sizeof doc->number, "%s", db_text(q, 8));
		snprintf(doc->issue_date, sizeof doc->issue_date, "%s", db_text(q, 9));
		doc->ht = db_int(q, 10);
		doc->vat = db_int(q, 11);
		doc->ttc = db_int(q, 12);
		doc->paid = db_int(q, 13);
		doc->credited = db_int(q, 14);
		doc->refunded = db_int(q, 15);
	}
	db_done(q);
	if (rc < 0)
		return sales_db_fail(err);
	if (rc == 0)
		return bg_fail(err, BG_ERR_NOT_FOUND, "not_found", NULL, N_("This page does not exist."));
	return BG_OK;
}

bg_status sales_access(db *d, int64_t actor_id, int64_t id, bool write, activity *act, bg_error *err)
{
	sales_doc doc;
	bg_status st = sales_load(d, id, &doc, err);
	if (st == BG_OK)
		st = activity_access(d, actor_id, doc.activity_id, write, act, err);
	return st;
}

/* Writes the lines of a draft (after deleting the old ones). */
static bg_status sales_write_lines(db *d, int64_t id, const sales_line_in *lines, size_t n,
				   const sales_totals *t, bg_error *err)
{
	bg_status st = db_exec(d, err, "DELETE FROM sales_lines WHERE document_id = ?", "i", id);
	for (size_t i = 0; st == BG_OK && i < n; i++) {
		const sales_line_in *l = &lines[i];
		st = db_exec(d, err, "INSERT INTO sales_lines(document_id, position, description, quantity_milli,"
				     " unit_cents, vat_bp, discount_bp, goods, total_ht) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
			     "iisiiiiii", id, (int64_t)i + 1, l->description, l->quantity_milli, l->unit_cents,
			     l->vat_bp, l->discount_bp, (int64_t)l->goods, t->line_ht[i]);
	}
	return st;
}

/* Records a step of a document in the audit trail. */
static bg_status sales_audit(db *d, int64_t actor_id, const char *action, int64_t id, const char *extra,
			     bg_error *err)
{
	char after[200];
	snprintf(after, sizeof after, "{\"document_id\":%lld%s%s}", (long long)id, extra ? "," : "",
		 extra ? extra : "");
	return audit_record(d, actor_id, action, "sales_document", id, NULL, after, err);
}

bg_status sales_create(db *d, int64_t actor_id, const sales_doc_in *in, int64_t *id, bg_error *err)
{
	activity a;
	sales_totals t;
	bg_status st = activity_access(d, actor_id, in->activity_id, true, &a, err);
	if (st != BG_OK)
		return st;
	if (!in->kind || (strcmp(in->kind, "quote") && strcmp(in->kind, "invoice")))
		return bg_fail(err, BG_ERR_INVALID, "invalid_kind", "kind",
			       N_("A document is a quote or an invoice."));
	bg_field_errors fe = {0};
	st = sales_content_fields(d, &a, in, &t, &fe, err);
	if (st == BG_OK)
		st = bg_field_errors_status(&fe, err);
	if (st != BG_OK)
		return st;
	char today[11];
	tz_today(TZ_GROUP, today);
	st = db_exec(d, err, "INSERT INTO sales_documents(cooperative_id, activity_id, client_id, kind, issue_date,"
			     " supply_date, title, notes, vat_mention, total_ht, total_vat, total_ttc, created_by,"
			     " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		     "iiissssssiiiii", a.coop_id, a.id, in->client_id, in->kind,
		     in->issue_date ? in->issue_date : today,
		     in->supply_date && in->supply_date[0] ? in->supply_date : NULL, in->title ? in->title : "",
		     in->notes ? in->notes : "", in->vat_mention && in->vat_mention[0] ? in->vat_mention : NULL,
		     t.ht, t.vat_total, t.ttc, actor_id, date_now());
	if (st != BG_OK)
		return st;
	int64_t did = db_last_id(d);
	st = sales_write_lines(d, did, in->lines, in->nlines, &t, err);
	/* a quote takes its number at once, from its own yearly sequence */
	if (st == BG_OK && !strcmp(in->kind, "quote")) {
		int year = atoi(in->issue_date ? in->issue_date : today);
		int64_t seq = 0;
		bool found = false;
		st = db_scalar(d, err, &seq, &found, "INSERT INTO quote_sequences(cooperative_id, year, last_seq) VALUES (?, ?, 1)"
						     " ON CONFLICT (cooperative_id, year) DO UPDATE SET last_seq = last_seq + 1"
						     " RETURNING last_seq", "ii", a.coop_id, (int64_t)year);
		char qn[32];
		snprintf(qn, sizeof qn, "D%04d-%06lld", year, (long long)seq);
		if (st == BG_OK && !found)
			st = sales_db_fail(err);
		if (st == BG_OK)
			st = db_exec(d, err, "UPDATE sales_documents SET quote_number = ? WHERE id = ?", "si", qn, did);
	}
	if (st == BG_OK)
		st = sales_audit(d, actor_id, "create", did, NULL, err);
	if (st == BG_OK && id)
		*id = did;
	return st;
}

/* The error for any change to a validated document. */
static bg_status sales_frozen(bg_error *err)
{
	return bg_fail(err, BG_ERR_CONFLICT, "document_frozen", "status",
		       N_("A validated document cannot be changed; cancel it with a credit note."));
}

bg_status sales_update(db *d, int64_t actor_id, int64_t id, const sales_doc_in *in, bg_error *err)
{
	sales_doc doc;
	activity a;
	sales_totals t;
	bg_status st = sales_load(d, id, &doc, err);
	if (st == BG_OK)
		st = activity_access(d, actor_id, doc.activity_id, true, &a, err);
	if (st != BG_OK)
		return st;
	if (strcmp(doc.status, "draft") != 0)
		return sales_frozen(err);
	sales_doc_in copy = *in;
	copy.activity_id = doc.activity_id;
	bg_field_errors fe = {0};
	st = sales_content_fields(d, &a, &copy, &t, &fe, err);
	if (st == BG_OK)
		st = bg_field_errors_status(&fe, err);
	if (st == BG_OK)
		st = db_exec(d, err, "UPDATE sales_documents SET client_id = ?, issue_date = coalesce(?, issue_date),"
				     " supply_date = ?, title = ?, notes = ?, vat_mention = ?, total_ht = ?,"
				     " total_vat = ?, total_ttc = ? WHERE id = ? AND status = 'draft'",
			     "isssssiiii", copy.client_id, copy.issue_date,
			     copy.supply_date && copy.supply_date[0] ? copy.supply_date : NULL,
			     copy.title ? copy.title : "", copy.notes ? copy.notes : "",
			     copy.vat_mention && copy.vat_mention[0] ? copy.vat_mention : NULL, t.ht, t.vat_total,
			     t.ttc, id);
	if (st == BG_OK)
		st = sales_write_lines(d, id, copy.lines, copy.nlines, &t, err);
	if (st == BG_OK)
		st = sales_audit(d, actor_id, "update", id, NULL, err);
	return st;
}

/* May actor validate (or cancel) a document of this total? */
static bg_status sales_may_validate(db *d, int64_t actor_id, const activity *a, int64_t ttc, bg_error *err)
{
	if (actor_id == 0)
		return BG_OK;
	bg_error ignored;
	if (authz_check(d, actor_id, AUTHZ_LEDGER_POST, (scope){SCOPE_COOPERATIVE, a->coop_id}, &ignored) == BG_OK)
		return BG_OK;
	int64_t ceiling = 0;
	bool found;
	bg_status st = db_scalar(d, err, &ceiling, &found, "SELECT self_validation_max FROM economy_settings"
							 " WHERE cooperative_id = ?", "i", a->coop_id);
	if (st != BG_OK)
		return st;
	if (a->can_write && ttc <= ceiling)
		return BG_OK;
	return bg_fail(err, BG_ERR_FORBIDDEN, "validation_reserved", NULL,
		       N_("Above the cooperative's self-validation ceiling, an accountant validates."));
}

/* Takes the next number of the cooperative's yearly sequence. */
static bg_status sales_next_number(db *d, int64_t coop_id, int year, int64_t *seq, char number[24],
				   bg_error *err)
{
	bool found = false;
	bg_status st = db_scalar(d, err, seq, &found,
				 "INSERT INTO sales_sequences(cooperative_id, year, last_seq) VALUES (?, ?, 1)"
				 " ON CONFLICT (cooperative_id, year) DO UPDATE SET last_seq = last_seq + 1"
				 " RETURNING last_seq", "ii", coop_id, (int64_t)year);
	if (st == BG_OK && !found)
		st = sales_db_fail(err);
	if (st == BG_OK)
		snprintf(number, 24, "%04d-%06lld", year, (long long)*seq);
	return st;
}

/* The sales entry of a document: 411 incl. VAT against 706/707 and
 * 44571, all with the activity's analytic code. */
static bg_status sales_post_entry(db *d, int64_t actor_id, const sales_doc *doc, const char *date,
				  const char *client, int64_t services, int64_t goods, int64_t *entry_id,
				  bg_error *err)
{
	ledger_line lines[4];
	size_t n = 0;
	lines[n++] = (ledger_line){"411", doc->activity_id, doc->ttc, 0, NULL};
	if (services)
		lines[n++] = (ledger_line){"706", doc->activity_id, 0, services, NULL};
	if (goods)
		lines[n++] = (ledger_line){"707", doc->activity_id, 0, goods, NULL};
	if (doc->vat)
		lines[n++] = (ledger_line){"44571", doc->activity_id, 0, doc->vat, NULL};
	char label[300], ref[48];
	snprintf(label, sizeof label, "Facture %s — %s", doc->number, client);
	snprintf(ref, sizeof ref, "invoice:%lld", (long long)doc->id);
	ledger_entry_in in = {doc->coop_id, "VT", date, label, ref, 0, lines, n, false, NULL};
	return ledger_post(d, actor_id, &in, entry_id, err);
}

/* Renders the document's PDF and stores it (once: the trigger refuses a
 * second, different one). */
static bg_status sales_store_pdf(db *d, int64_t id, bg_error *err)
{
	buf pdf;
	buf_init(&pdf);
	bg_status st = pdf_render_document(d, id, NULL, &pdf, err);
	if (st == BG_OK)
		st = db_exec(d, err, "UPDATE sales_documents SET pdf = ? WHERE id = ? AND pdf IS NULL", "bi",
			     pdf.data, pdf.len, id);
	buf_free(&pdf);
	return st;
}

bg_status sales_validate(db *d, int64_t actor_id, int64_t id, const char *date, bg_error *err)
{
	sales_doc doc;
	activity a;
	bg_status st = sales_load(d, id, &doc, err);
	if (st == BG_OK)
		st = activity_access(d, actor_id, doc.activity_id, false, &a, err);
	if (st != BG_OK)
		return st;
	if (strcmp(doc.kind, "invoice") != 0)
		return bg_fail(err, BG_ERR_CONFLICT, "not_an_invoice", "kind",
			       N_("Only an invoice is validated; turn the quote into an invoice first."));
	if (strcmp(doc.status, "draft") != 0)
		return bg_fail(err, BG_ERR_CONFLICT, "already_validated", "status",
			       N_("This invoice is already validated."));
	st = sales_may_validate(d, actor_id, &a, doc.ttc, err);
	if (st != BG_OK)
		return st;
	char today[11];
	tz_today(TZ_GROUP, today);
	if (!date)
		date = today;
	if (!sales_date_ok(date))
		return bg_fail(err, BG_ERR_INVALID, "invalid_date", "date",
			       N_("This date does not exist (expected YYYY-MM-DD)."));
	int year = atoi(date);
	/* invoice dates follow their numbers */
	int64_t one;
	bool later = false;
	st = db_scalar(d, err, &one, &later, "SELECT 1 FROM sales_documents WHERE cooperative_id = ? AND year = ?"
					     " AND issue_date > ? AND number IS NOT NULL", "iis", doc.coop_id,
		       (int64_t)year, date);
	if (st != BG_OK)
		return st;
	if (later)
		return bg_fail(err, BG_ERR_CONFLICT, "date_before_last", "date",
			       N_("An invoice cannot be dated before the last validated one."));
	int64_t terms = 30;
	bool found = false;
	char client[210] = "";
	db_stmt *q = db_query(d, "SELECT payment_terms_days, name FROM clients WHERE id = ?", "i", doc.client_id);
	if (q && db_next(q) == 1) {
		terms = db_int(q, 0);
		snprintf(client, sizeof client, "%s", db_text(q, 1));
	}
	db_done(q);
	int y, m, dd;
	date_parse(date, &y, &m, &dd);
	char due[11];
	date_from_days(date_to_days(y, m, dd) + terms, &y, &m, &dd);
	snprintf(due, sizeof due, "%04d-%02d-%02d", y, m, dd);
	int64_t services = 0, goods = 0;
	st = db_scalar(d, err, &services, &found, "SELECT coalesce(sum(total_ht), 0) FROM sales_lines"
						 " WHERE document_id = ? AND goods = 0", "i", id);
	if (st == BG_OK)
		st = db_scalar(d, err, &goods, &found, "SELECT coalesce(sum(total_ht), 0) FROM sales_lines"
						      " WHERE document_id = ? AND goods = 1", "i", id);
	int64_t seq = 0, entry = 0;
	if (st == BG_OK)
		st = ledger_coop_init(d, doc.coop_id, err);
	if (st == BG_OK)
		st = sales_next_number(d, doc.coop_id, year, &seq, doc.number, err);
	if (st == BG_OK)
		st = sales_post_entry(d, actor_id, &doc, date, client, services, goods, &entry, err);
	if (st == BG_OK)
		st = db_exec(d, err, "UPDATE sales_documents SET status = 'validated', number = ?, year = ?, seq = ?,"
				     " issue_date = ?, due_date = ?, entry_id = ?, validated_by = ?, validated_at = ?,"
				     " " SALES_CLIENT_SNAPSHOT_SQL " WHERE id = ? AND status = 'draft'",
			     "siissiIii", doc.number, (int64_t)year, seq, date, due, entry, actor_id, date_now(), id);
	if (st == BG_OK)
		st = sales_store_pdf(d, id, err);
	if (st == BG_OK) {
		char extra[80];
		snprintf(extra, sizeof extra, "\"number\":\"%s\",\"entry_id\":%lld", doc.number, (long long)entry);
		st = sales_audit(d, actor_id, "validate", id, extra, err);
	}
	return st;
}

/* The lines of quote_id an invoice takes, with their ids: those at the
 * given positions, or all that remain to invoice when there are none
 * (descriptions xstrdup'd: the caller frees them).  Refuses a position
 * not in the quote, one already invoiced, and a quote with nothing left. */
static bg_status sales_quote_lines_to_invoice(db *d, int64_t quote_id, const int64_t *positions, size_t npositions,
					      sales_line_in *lines, int64_t *line_ids, size_t *n, bg_error *err)
{
	*n = 0;
	db_stmt *q = db_query(d, "SELECT l.id, l.position, l.description, l.quantity_milli, l.unit_cents, l.vat_bp,"
				 " l.discount_bp, l.goods, x.invoice_id IS NOT NULL FROM sales_lines l"
				 " LEFT JOIN sales_quote_invoicing x ON x.quote_line_id = l.id"
				 " WHERE l.document_id = ? ORDER BY l.position", "i", quote_id);
	int rc = 0;
	bool taken = false;
	while (*n < SALES_MAX_LINES && q && (rc = db_next(q)) == 1) {
		bool invoiced = db_int(q, 8) != 0, wanted = npositions == 0 && !invoiced;
		for (size_t i = 0; i < npositions; i++)
			if (positions[i] == db_int(q, 1)) {
				wanted = true;
				taken |= invoiced;
			}
		if (!wanted)
			continue;
		line_ids[*n] = db_int(q, 0);
		lines[(*n)++] = (sales_line_in){xstrdup(db_text(q, 2)), db_int(q, 3), db_int(q, 4), db_int(q, 5),
						db_int(q, 6), db_int(q, 7) != 0};
	}
	db_done(q);
	if (!q || rc < 0)
		return economy_db_fail(err);
	for (size_t i = 0; i < npositions; i++)
		if (positions[i] < 1 || *n != npositions)
			return bg_fail(err, BG_ERR_INVALID, "invalid_position", "positions",
				       N_("These line positions are not in the quote."));
	if (taken)
		return bg_fail(err, BG_ERR_CONFLICT, "quote_line_invoiced", "positions",
			       N_("A line of this quote is already invoiced: a quote line is invoiced only once."));
	if (*n == 0)
		return bg_fail(err, BG_ERR_CONFLICT, "quote_invoiced", "quote_id",
			       N_("Every line of this quote is already invoiced."));
	return BG_OK;
}

bg_status sales_invoice_from_quote(db *d, int64_t actor_id, int64_t quote_id,
				   const int64_t *positions, size_t npositions, int64_t *id,
				   bg_error *err)
{
	sales_doc q;
	activity a;
	bg_status st = sales_load(d, quote_id, &q, err);
	if (st == BG_OK)
		st = activity_access(d, actor_id, q.activity_id, true, &a, err);
	if (st != BG_OK)
		return st;
	if (strcmp(q.kind, "quote") != 0)
		return bg_fail(err, BG_ERR_CONFLICT, "not_a_quote", "quote_id", N_("This document is not a quote."));
	if (!strcmp(q.status, "refused"))
		return bg_fail(err, BG_ERR_CONFLICT, "quote_refused", "quote_id", N_("This quote was refused."));
	sales_line_in *lines = xmalloc(SALES_MAX_LINES * sizeof *lines);
	int64_t *line_ids = xmalloc(SALES_MAX_LINES * sizeof *line_ids);
	size_t n = 0;
	st = sales_quote_lines_to_invoice(d, quote_id, positions, npositions, lines, line_ids, &n, err);
	char title[320] = "", mention[310] = "";
	db_stmt *s = st == BG_OK ? db_query(d, "SELECT title, coalesce(vat_mention, '') FROM sales_documents"
					       " WHERE id = ?", "i", quote_id)
				 : NULL;
	if (st == BG_OK) {
		if (s && db_next(s) == 1) {
			snprintf(title, sizeof title, "%s", db_text(s, 0));
			snprintf(mention, sizeof mention, "%s", db_text(s, 1));
		} else {
			st = economy_db_fail(err);
		}
		db_done(s);
	}
	if (st == BG_OK) {
		/* the draft carries the quote's date until its own, at validation */
		sales_doc_in in = {q.activity_id, q.client_id, "invoice", q.issue_date, NULL, title, NULL, mention,
				   lines, n};
		st = sales_create(d, actor_id, &in, id, err);
	}
	if (st == BG_OK)
		st = db_exec(d, err, "UPDATE sales_documents SET source_id = ? WHERE id = ?", "ii", quote_id, *id);
	/* each quote line is claimed by this invoice (the primary key refuses a second claim) */
	for (size_t i = 0; st == BG_OK && i < n; i++)
		st = db_exec(d, err, "INSERT INTO sales_quote_invoicing(quote_line_id, quote_id, invoice_id) VALUES (?, ?, ?)",
			     "iii", line_ids[i], quote_id, *id);
	if (st == BG_OK && strcmp(q.status, "accepted") != 0)
		st = db_exec(d, err, "UPDATE sales_documents SET status = 'accepted' WHERE id = ?", "i", quote_id);
	for (size_t i = 0; i < n; i++)
		free((char *)lines[i].description);
	free(line_ids);
	free(lines);
	return st;
}

/* The lines of a credit note: the invoice's lines at the given positions
 * (all when none and no amount), or one line of amount_ht at vat_bp. */
static bg_status sales_credit_lines(db *d, const sales_doc *inv, const sales_credit_in *in, sales_line_in *lines,
				    int64_t *orig, size_t *n, bg_error *err)
{
	*n = 0;
	if (in->amount_ht) {
		bool rate_ok = false, goods_only = true;
		db_stmt *q = db_query(d, "SELECT goods FROM sales_lines WHERE document_id = ? AND vat_bp = ?", "ii", inv->id,
				      in->vat_bp);
		while (q && db_next(q) == 1) {
			rate_ok = true;
			goods_only = goods_only && db_int(q, 0);
		}
		db_done(q);
		assert(rate_ok && !in->npositions); /* sales_credit_fields said so */
		lines[0] = (sales_line_in){xstrdup(in->description && *in->description ? in->description : "Avoir commercial"),
					   1000, in->amount_ht, in->vat_bp, 0, goods_only};
		*n = 1;
		return BG_OK;
	}
	db_stmt *q = db_query(d, "SELECT position, description, quantity_milli, unit_cents, vat_bp, discount_bp, goods,"
				 " EXISTS (SELECT 1 FROM sales_credit_positions c WHERE c.invoice_id = l.document_id"
				 " AND c.position = l.position) FROM sales_lines l WHERE document_id = ? ORDER BY position",
			      "i", inv->id);
	bg_status st = BG_OK;
	size_t found = 0;
	while (st == BG_OK && q && db_next(q) == 1) {
		int64_t pos = db_int(q, 0);
		size_t k = 0;
		for (; k < in->npositions && in->positions[k] != pos; k++)
			;
		if (in->npositions && k == in->npositions)
			continue;
		if (db_int(q, 7)) {
			st = bg_fail(err, BG_ERR_CONFLICT, "line_credited", in->npositions ? ledger_field_name("lines", k, "position")
										     : "lines",
				     N_("This line of the invoice is already credited."));
			break;
		}
		if (*n == SALES_MAX_LINES)
			break;
		orig[*n] = pos;
		lines[(*n)++] = (sales_line_in){xstrdup(db_text(q, 1)), db_int(q, 2), db_int(q, 3), db_int(q, 4),
						db_int(q, 5), db_int(q, 6) != 0};
		found++;
	}
	db_done(q);
	if (st == BG_OK && found != (in->npositions ? in->npositions : found))
		st = bg_fail(err, BG_ERR_INVALID, "unknown_line", "lines", N_("The invoice has no such line."));
	if (st == BG_OK && !*n)
		st = bg_fail(err, BG_ERR_INVALID, "unknown_line", "lines", N_("The invoice has no such line."));
	return st;
}

/* The sales entry of a credit note that is not the whole invoice: 411
 * credited incl. VAT against 706/707 and 44571 debited. */
static bg_status sales_post_credit_entry(db *d, int64_t actor_id, const sales_doc *inv, int64_t cid, const char *number,
					 const char *date, const sales_totals *t, int64_t *entry_id, bg_error *err)
{
	ledger_line lines[4];
	size_t n = 0;
	lines[n++] = (ledger_line){"411", inv->activity_id, 0, t->ttc, NULL};
	if (t->services_ht)
		lines[n++] = (ledger_line){"706", inv->activity_id, t->services_ht, 0, NULL};
	if (t->goods_ht)
		lines[n++] = (ledger_line){"707", inv->activity_id, t->goods_ht, 0, NULL};
	if (t->vat_total)
		lines[n++] = (ledger_line){"44571", inv->activity_id, t->vat_total, 0, NULL};
	char label[300], ref[48];
	snprintf(label, sizeof label, "Avoir %s — facture %s", number, inv->number);
	snprintf(ref, sizeof ref, "credit_note:%lld", (long long)cid);
	ledger_entry_in in = {inv->coop_id, "VT", date, label, ref, 0, lines, n, false, NULL};
	return ledger_post(d, actor_id, &in, entry_id, err);
}

/* Pays back amount to the client of the invoice (BQ 411 / 512, with the
 * activity's analytic code) and records the refund. */
static bg_status sales_refund(db *d, int64_t actor_id, const sales_doc *inv, int64_t cid, const char *cn_number,
			      const char *date, const char *method, int64_t amount, int64_t *refund_id, bg_error *err)
{
	static const char *const methods_fr[] = {"virement", "chèque", "carte", "espèces"};
	const char *how = NULL;
	for (size_t i = 0; i < 4; i++)
		if (method && !strcmp(method, sales_payment_methods[i]))
			how = methods_fr[i];
	if (!how)
		return bg_fail(err, BG_ERR_INVALID, "invalid_method", "refund_method",
			       N_("The method is transfer, cheque, card or cash."));
	int64_t next_id = 0, entry = 0;
	bool found = false;
	bg_status st = db_scalar(d, err, &next_id, &found, "SELECT coalesce(max(id), 0) + 1 FROM sales_refunds", NULL);
	char label[300], ref[48];
	snprintf(label, sizeof label, "Remboursement client (%s) avoir %s", how, cn_number);
	snprintf(ref, sizeof ref, "refund:%lld", (long long)next_id);
	ledger_line lines[2] = {{"411", inv->activity_id, amount, 0, NULL}, {"512", inv->activity_id, 0, amount, NULL}};
	ledger_entry_in in = {inv->coop_id, "BQ", date, label, ref, 0, lines, 2, false, NULL};
	if (st == BG_OK)
		st = ledger_post(d, actor_id, &in, &entry, err);
	if (st == BG_OK)
		st = db_exec(d, err, "INSERT INTO sales_refunds(id, cooperative_id, invoice_id, credit_note_id, refund_date,"
				     " method, amount, entry_id, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
			     "iiiissiiii", next_id, inv->coop_id, inv->id, cid, date, method, amount, entry, actor_id,
			     date_now());
	if (st == BG_OK) {
		char after[120];
		snprintf(after, sizeof after, "{\"amount\":%lld,\"entry_id\":%lld}", (long long)amount, (long long)entry);
		st = audit_record(d, actor_id, "create", "refund", next_id, NULL, after, err);
	}
	if (st == BG_OK && refund_id)
		*refund_id = next_id;
	return st;
}

bg_status sales_credit_note_make(db *d, int64_t actor_id, int64_t invoice_id, const sales_credit_in *in, int64_t *id,
				 int64_t *refund_id, bg_error *err)
{
	sales_doc inv;
	activity a;
	bg_status st = sales_load(d, invoice_id, &inv, err);
	if (st == BG_OK)
		st = activity_access(d, actor_id, inv.activity_id, false, &a, err);
	if (st != BG_OK)
		return st;
	if (strcmp(inv.kind, "invoice") != 0 || !strcmp(inv.status, "draft"))
		return bg_fail(err, BG_ERR_CONFLICT, "not_validated", "status",
			       N_("Only a validated invoice is cancelled by a credit note; a draft is simply changed."));
	if (!strcmp(inv.status, "cancelled"))
		return bg_fail(err, BG_ERR_CONFLICT, "already_cancelled", "status",
			       N_("This invoice is already cancelled."));
	char today[11];
	tz_today(TZ_GROUP, today);
	const char *date = in->date ? in->date : today;
	bg_field_errors own = {0};
	bg_field_errors *fe = in->fields ? in->fields : &own;
	st = sales_credit_fields(d, inv.id, inv.issue_date, in, date, fe, err);
	if (st == BG_OK)
		st = in->fields ? bg_field_errors_report(fe, err) : bg_field_errors_status(fe, err);
	if (st != BG_OK)
		return st;
	int year = atoi(date);
	int64_t one;
	bool later = false;
	st = db_scalar(d, err, &one, &later, "SELECT 1 FROM sales_documents WHERE cooperative_id = ? AND year = ?"
					     " AND issue_date > ? AND number IS NOT NULL", "iis", inv.coop_id,
		       (int64_t)year, date);
	if (st != BG_OK)
		return st;
	if (later)
		return bg_fail(err, BG_ERR_CONFLICT, "date_before_last", "date",
			       N_("An invoice cannot be dated before the last validated one."));
	sales_line_in *lines = xmalloc(SALES_MAX_LINES * sizeof *lines);
	int64_t *orig = xmalloc(SALES_MAX_LINES * sizeof *orig);
	sales_totals *t = xmalloc(sizeof *t);
	size_t n = 0;
	st = sales_credit_lines(d, &inv, in, lines, orig, &n, err);
	if (st == BG_OK)
		st = sales_compute(lines, n, t, err);
	if (st == BG_OK && t->ttc <= 0)
		st = bg_fail(err, BG_ERR_INVALID, "invalid_amount", in->amount_ht ? "amount_cents" : "lines",
			     N_("A credit note has an amount."));
	if (st == BG_OK && inv.credited + t->ttc > inv.ttc)
		st = bg_fail(err, BG_ERR_CONFLICT, "over_credit", in->amount_ht ? "amount_cents" : "lines",
			     N_("This is more than what remains to be credited on the invoice."));
	/* what the credit note leaves owed to the client is refunded */
	int64_t due = inv.ttc - inv.credited - inv.paid + inv.refunded;
	int64_t refund = t->ttc > due ? t->ttc - due : 0;
	bool whole = inv.credited == 0 && !in->amount_ht && !in->npositions;
	if (st == BG_OK)
		st = sales_may_validate(d, actor_id, &a, t->ttc, err);
	if (st == BG_OK && refund && actor_id)
		st = authz_check(d, actor_id, AUTHZ_LEDGER_POST, (scope){SCOPE_COOPERATIVE, inv.coop_id}, err);
	int64_t cid = 0;
	if (st == BG_OK)
		st = db_exec(d, err, "INSERT INTO sales_documents(cooperative_id, activity_id, client_id, kind, issue_date,"
				     " supply_date, source_id, title, notes, vat_mention, total_ht, total_vat, total_ttc,"
				     " created_by, created_at) SELECT cooperative_id, activity_id, client_id, 'credit_note', ?,"
				     " supply_date, id, title, notes, vat_mention, ?, ?, ?, ?, ? FROM sales_documents WHERE id = ?",
			     "siiiiii", date, t->ht, t->vat_total, t->ttc, actor_id, date_now(), invoice_id);
	if (st == BG_OK)
		cid = db_last_id(d);
	for (size_t i = 0; st == BG_OK && i < n; i++) {
		const sales_line_in *l = &lines[i];
		st = db_exec(d, err, "INSERT INTO sales_lines(document_id, position, description, quantity_milli, unit_cents,"
				     " vat_bp, discount_bp, goods, total_ht) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", "iisiiiiii",
			     cid, (int64_t)(i + 1), l->description, l->quantity_milli, l->unit_cents, l->vat_bp,
			     l->discount_bp, (int64_t)l->goods, t->line_ht[i]);
		if (st == BG_OK && !in->amount_ht)
			st = db_exec(d, err, "INSERT INTO sales_credit_positions(invoice_id, position, credit_note_id)"
					     " VALUES (?, ?, ?)", "iii", invoice_id, orig[i], cid);
	}
	int64_t seq = 0, entry = 0;
	char number[24] = "";
	char ref[48];
	snprintf(ref, sizeof ref, "credit_note:%lld", (long long)cid);
	if (st == BG_OK)
		st = sales_next_number(d, inv.coop_id, year, &seq, number, err);
	/* the whole invoice: the mirror of its entry; otherwise an entry of its own */
	if (st == BG_OK)
		st = whole ? ledger_reverse(d, actor_id, inv.entry_id, date, ref, &entry, err)
			   : sales_post_credit_entry(d, actor_id, &inv, cid, number, date, t, &entry, err);
	if (st == BG_OK)
		st = db_exec(d, err, "UPDATE sales_documents SET status = 'validated', number = ?, year = ?, seq = ?,"
				     " entry_id = ?, validated_by = ?, validated_at = ?,"
				     " " SALES_CLIENT_SNAPSHOT_SQL " WHERE id = ?",
			     "siiiIii", number, (int64_t)year, seq, entry, actor_id, date_now(), cid);
	if (st == BG_OK && refund)
		st = sales_refund(d, actor_id, &inv, cid, number, date, in->refund_method ? in->refund_method : "transfer",
				  refund, refund_id, err);
	if (st == BG_OK)
		st = db_exec(d, err, "UPDATE sales_documents SET credited = credited + ?1, refunded = refunded + ?2,"
				     " status = CASE WHEN credited + ?1 = total_ttc THEN 'cancelled'"
				     " WHEN total_ttc - credited - ?1 - paid + refunded + ?2 = 0 THEN 'paid' ELSE status END"
				     " WHERE id = ?3", "iii", t->ttc, refund, invoice_id);
	if (st == BG_OK)
		st = sales_store_pdf(d, cid, err);
	if (st == BG_OK) {
		char extra[160];
		snprintf(extra, sizeof extra, "\"number\":\"%s\",\"credits\":%lld,\"amount\":%lld,\"refund\":%lld", number,
			 (long long)invoice_id, (long long)t->ttc, (long long)refund);
		st = sales_audit(d, actor_id, "credit_note", cid, extra, err);
	}
	for (size_t i = 0; i < n; i++)
		free((char *)lines[i].description);
	free(lines);
	free(orig);
	free(t);
	if (st == BG_OK && id)
		*id = cid;
	return st;
}

bg_status sales_credit_note(db *d, int64_t actor_id, int64_t invoice_id, const char *date, int64_t *id,
			    bg_error *err)
{
	sales_credit_in in = {date, NULL, 0, 0, 0, NULL, NULL, NULL};
	return sales_credit_note_make(d, actor_id, invoice_id, &in, id, NULL, err);
}

bg_status sales_quote_refuse(db *d, int64_t actor_id, int64_t id, bg_error *err)
{
	sales_doc doc;
	activity a;
	bg_status st = sales_load(d, id, &doc, err);
	if (st == BG_OK)
		st = activity_access(d, actor_id, doc.activity_id, true, &a, err);
	if (st != BG_OK)
		return st;
	if (strcmp(doc.kind, "quote") != 0)
		return bg_fail(err, BG_ERR_CONFLICT, "not_a_quote", "status", N_("Only a quote can be refused."));
	if (strcmp(doc.status, "draft") != 0)
		return bg_fail(err, BG_ERR_CONFLICT, "quote_decided", "status",
			       N_("This quote was already accepted or refused."));
	st = db_exec(d, err, "UPDATE sales_documents SET status = 'refused' WHERE id = ?", "i", id);
	if (st == BG_OK)
		st = sales_audit(d, actor_id, "refuse", id, NULL, err);
	return st;
}

bg_status sales_mark_sent(db *d, int64_t actor_id, int64_t id, bg_error *err)
{
	sales_doc doc;
	activity a;
	bg_status st = sales_load(d, id, &doc, err);
	if (st == BG_OK)
		st = activity_access(d, actor_id, doc.activity_id, true, &a, err);
	if (st != BG_OK)
		return st;
	if (strcmp(doc.status, "validated") != 0)
		return bg_fail(err, BG_ERR_CONFLICT, "not_validated", "status",
			       N_("Only a validated document can be marked as sent."));
	st = db_exec(d, err, "UPDATE sales_documents SET status = 'sent' WHERE id = ?", "i", id);
	if (st == BG_OK)
		st = sales_audit(d, actor_id, "send", id, NULL, err);
	return st;
}

bg_status sales_pdf(db *d, int64_t actor_id, int64_t id, const char *lang, unsigned char **pdf,
		    size_t *len, bg_error *err)
{
	activity a;
	bg_status st = sales_access(d, actor_id, id, false, &a, err);
	if (st != BG_OK)
		return st;
	*pdf = NULL;
	*len = 0;
	db_stmt *q = db_query(d, "SELECT pdf FROM sales_documents WHERE id = ? AND pdf IS NOT NULL", "i", id);
	if (q && db_next(q) == 1) {
		size_t n = 0;
		const void *p = db_blob(q, 0, &n);
		*pdf = malloc(n ? n : 1);
		if (*pdf) {
			memcpy(*pdf, p, n);
			*len = n;
		}
	}
	db_done(q);
	if (*pdf)
		return BG_OK;
	/* a draft or a quote: rendered each time, marked as such */
	buf b;
	buf_init(&b);
	st = pdf_render_document(d, id, NULL, &b, err);
	if (st == BG_OK)
		*pdf = (unsigned char *)buf_detach(&b, len);
	buf_free(&b);
	return st;
}

/* --- payments --- */


bg_status payment_record(db *d, int64_t actor_id, const char *date, const char *method,
			 const char *reference, const payment_alloc *allocs, size_t n,
			 int64_t *id, bg_error *err)
{
	bg_field_errors fe = {0};
	payment_check(date, method, reference, allocs, n, &fe);
	bg_status checked = bg_field_errors_status(&fe, err);
	if (checked != BG_OK)
		return checked;
	ledger_line *lines = calloc(2 * n, sizeof *lines);
	char (*numbers)[24] = calloc(n, sizeof *numbers); /* the lines' labels outlive the loop */
	if (!lines || !numbers) {
		free(lines);
		free(numbers);
		return bg_fail(err, BG_ERR_NOMEM, "nomem", NULL, N_("The change could not be saved."));
	}
	int64_t coop = 0, total = 0;
	bg_status st = BG_OK;
	for (size_t i = 0; st == BG_OK && i < n; i++) {
		sales_doc doc;
		activity a;
		const payment_alloc *p = &allocs[i];
		st = sales_load(d, p->document_id, &doc, err);
		if (st == BG_OK)
			st = activity_access(d, actor_id, doc.activity_id, false, &a, err);
		if (st == BG_OK && actor_id)
			st = authz_check(d, actor_id, AUTHZ_LEDGER_POST, (scope){SCOPE_COOPERATIVE, doc.coop_id}, err);
		if (st != BG_OK) {
			err->field = ledger_field_name("allocations", i, "invoice_id");
			break;
		}
		if (coop && doc.coop_id != coop) {
			st = bg_fail(err, BG_ERR_INVALID, "mixed_cooperatives",
				     ledger_field_name("allocations", i, "invoice_id"),
				     N_("A payment settles invoices of one cooperative."));
			break;
		}
		coop = doc.coop_id;
		if (strcmp(doc.kind, "invoice") != 0 || !strcmp(doc.status, "draft") || !strcmp(doc.status, "cancelled")) {
			st = bg_fail(err, BG_ERR_CONFLICT, "not_payable",
				     ledger_field_name("allocations", i, "invoice_id"),
				     N_("Only a validated invoice can be paid."));
			break;
		}
		if (p->amount > doc.ttc - doc.credited - doc.paid + doc.refunded) {
			st = bg_fail(err, BG_ERR_UNPROCESSABLE, "overpayment",
				     ledger_field_name("allocations", i, "amount_cents"),
				     N_("This is more than what remains due on the invoice."));
			break;
		}
		if (!money_add(total, p->amount, &total)) {
			st = bg_fail(err, BG_ERR_INVALID, "invalid_amount", "allocations",
				     N_("Amounts are positive and at most 100 billion euros."));
			break;
		}
		lines[2 * i] = (ledger_line){"512", doc.activity_id, p->amount, 0, NULL};
		memcpy(numbers[i], doc.number, sizeof numbers[i]);
		lines[2 * i + 1] = (ledger_line){"411", doc.activity_id, 0, p->amount, numbers[i]};
	}
	int64_t entry = 0, next_id = 0;
	bool found = false;
	char label[300], ref[48];
	/* entry labels are French, like the ledger they belong to */
	static const char *const methods_fr[] = {"virement", "chèque", "carte", "espèces"};
	const char *how = method;
	for (size_t i = 0; i < 4; i++)
		if (!strcmp(method, sales_payment_methods[i]))
			how = methods_fr[i];
	snprintf(label, sizeof label, "Règlement client (%s) %s", how, reference ? reference : "");
	if (st == BG_OK)
		st = ledger_coop_init(d, coop, err);
	/* the payment's id, known before its entry (under the write lock) */
	if (st == BG_OK)
		st = db_scalar(d, err, &next_id, &found, "SELECT coalesce(max(id), 0) + 1 FROM payments", NULL);
	snprintf(ref, sizeof ref, "payment:%lld", (long long)next_id);
	if (st == BG_OK) {
		ledger_entry_in in = {coop, "BQ", date, label, ref, 0, lines, 2 * n, false, NULL};
		st = ledger_post(d, actor_id, &in, &entry, err);
	}
	free(lines);
	free(numbers);
	if (st != BG_OK)
		return st;
	st = db_exec(d, err, "INSERT INTO payments(id, cooperative_id, pay_date, method, amount, reference, entry_id,"
			     " created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", "iissisiii", next_id, coop, date,
		     method, total, reference ? reference : "", entry, actor_id, date_now());
	int64_t pid = db_last_id(d);
	for (size_t i = 0; st == BG_OK && i < n; i++) {
		st = db_exec(d, err, "INSERT INTO payment_allocations(payment_id, document_id, amount) VALUES (?, ?, ?)",
			     "iii", pid, allocs[i].document_id, allocs[i].amount);
		if (st == BG_OK)
			st = db_exec(d, err, "UPDATE sales_documents SET paid = paid + ?, status = CASE WHEN total_ttc - credited"
					     " - paid - ? + refunded = 0 THEN 'paid' ELSE 'partly_paid' END WHERE id = ?",
				     "iii", allocs[i].amount, allocs[i].amount, allocs[i].document_id);
	}
	if (st == BG_OK) {
		char after[120];
		snprintf(after, sizeof after, "{\"amount\":%lld,\"entry_id\":%lld}", (long long)total, (long long)entry);
		st = audit_record(d, actor_id, "create", "payment", pid, NULL, after, err);
	}
	if (st == BG_OK && id)
		*id = pid;
	return st;
}

/* --- the economy's own invariants (bigre check) --- */

int economy_check(db *d, void (*report)(void *ctx, const char *what), void *ctx)
{
	static const struct {
		const char *sql, *what;
	} rules[] = {
		{"SELECT 'document ' || id FROM sales_documents d WHERE paid <> coalesce((SELECT sum(amount)"
		 " FROM payment_allocations a WHERE a.document_id = d.id), 0)",
		 "the amount paid differs from the payments"},
		{"SELECT 'document ' || id FROM sales_documents WHERE number IS NOT NULL AND (entry_id IS NULL"
		 " OR NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.id = entry_id AND e.status = 'posted'"
		 " AND e.total_cents = total_ttc))",
		 "a validated document has no matching posted entry"},
		{"SELECT 'cooperative ' || cooperative_id || ' year ' || year FROM sales_documents"
		 " WHERE number IS NOT NULL GROUP BY cooperative_id, year HAVING count(*) <> max(seq)"
		 " OR min(seq) <> 1 OR max(seq) <> (SELECT last_seq FROM sales_sequences s"
		 " WHERE s.cooperative_id = sales_documents.cooperative_id AND s.year = sales_documents.year)",
		 "the invoice numbering has a gap"},
		{"SELECT 'document ' || id FROM sales_documents WHERE number IS NOT NULL AND pdf IS NULL",
		 "a validated document has no stored PDF"},
		{"SELECT 'payment ' || id FROM payments p WHERE amount <> (SELECT sum(amount) FROM payment_allocations a"
		 " WHERE a.payment_id = p.id) OR NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.id = p.entry_id"
		 " AND e.total_cents = p.amount AND e.status = 'posted')",
		 "a payment does not match its allocations or its entry"},
		{"SELECT 'invoice ' || id FROM sales_documents d WHERE kind = 'invoice' AND credited <> coalesce((SELECT"
		 " sum(total_ttc) FROM sales_documents c WHERE c.kind = 'credit_note' AND c.source_id = d.id), 0)",
		 "the amount credited differs from the credit notes"},
		{"SELECT 'invoice ' || id FROM sales_documents d WHERE refunded <> coalesce((SELECT sum(amount)"
		 " FROM sales_refunds r WHERE r.invoice_id = d.id), 0) OR total_ttc - credited - paid + refunded < 0"
		 " OR (kind = 'invoice' AND number IS NOT NULL AND (status = 'cancelled') <> (credited = total_ttc))",
		 "the invoice's credit notes, payments and refunds do not add up"},
		{"SELECT 'refund ' || id FROM sales_refunds r WHERE NOT EXISTS (SELECT 1 FROM ledger_entries e"
		 " WHERE e.id = r.entry_id AND e.status = 'posted' AND e.journal = 'BQ' AND e.total_cents = r.amount"
		 " AND e.doc_ref = 'refund:' || r.id)",
		 "a refund has no matching posted entry"},
		{"SELECT 'expense report ' || id FROM expense_reports WHERE status IN ('validated', 'paid')"
		 " AND NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.id = entry_id AND e.status = 'posted')",
		 "a validated expense report has no posted entry"},
	};
	int n = 0;
	for (size_t i = 0; i < sizeof rules / sizeof *rules; i++)
		n += db_check_rows(d, rules[i].sql, rules[i].what, 0, report, ctx);
	return n;
}
