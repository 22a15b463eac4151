/*
 * sales.c — quotes and invoices (E2): drafts, validation, quotes invoiced,
 * refused, sent, and their PDF.  Credit notes and refunds are in
 * sales_credit.c, payments in payment.c, the readers in sales_view.c.
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

/* Is s a real calendar date "YYYY-MM-DD"? */
static bool sales_date_ok(const char *s)
{
	int y, m, d;
	return s && date_parse(s, &y, &m, &d);
}

/* Loads a document (404 when absent; no rights check here). */
bg_status sales_load(db *d, int64_t id, sales_doc *doc, bg_error *err)
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
	if (db_done(q) != BG_OK || rc < 0)
		return bg_db_fail(err);
	if (rc == 0)
		return bg_fail(err, BG_ERR_NOT_FOUND, "not_found", NULL, N_("This page does not exist."));
	return BG_OK;
}

/* Loads document id into *doc and checks that the actor may read it (or,
 * with write, change it) through its activity, filled into *act. */
static bg_status sales_load_access(db *d, int64_t actor_id, int64_t id, bool write, sales_doc *doc, activity *act,
				   bg_error *err)
{
	bg_status st = sales_load(d, id, doc, err);
	if (st == BG_OK)
		st = activity_access(d, actor_id, doc->activity_id, write, act, err);
	return st;
}

bg_status sales_access(db *d, int64_t actor_id, int64_t id, bool write, activity *act, bg_error *err)
{
	sales_doc doc;
	return sales_load_access(d, actor_id, id, write, &doc, act, err);
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
bg_status sales_audit(db *d, int64_t actor_id, const char *action, int64_t id, const char *extra,
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
	int64_t did = 0;
	st = db_scalar(d, err, &did, NULL, "INSERT INTO sales_documents(cooperative_id, activity_id, client_id, kind,"
					   " issue_date, supply_date, title, notes, vat_mention, total_ht, total_vat,"
					   " total_ttc, created_by, created_at)"
					   " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
		     "iiissssssiiiii", a.coop_id, a.id, in->client_id, in->kind,
		     in->issue_date ? in->issue_date : today,
		     in->supply_date && in->supply_date[0] ? in->supply_date : NULL, in->title ? in->title : "",
		     in->notes ? in->notes : "", in->vat_mention && in->vat_mention[0] ? in->vat_mention : NULL,
		     t.ht, t.vat_total, t.ttc, actor_id, date_now());
	if (st != BG_OK)
		return st;
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
			st = bg_db_fail(err);
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
	bg_status st = sales_load_access(d, actor_id, id, true, &doc, &a, err);
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
bg_status sales_may_validate(db *d, int64_t actor_id, const activity *a, int64_t ttc, bg_error *err)
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
bg_status sales_date_after_last(db *d, int64_t coop_id, const char *date, bg_error *err)
{
	int64_t one;
	bool later = false;
	bg_status st = db_scalar(d, err, &one, &later, "SELECT 1 FROM sales_documents WHERE cooperative_id = ? AND year = ?"
						       " AND issue_date > ? AND number IS NOT NULL", "iis", coop_id,
				 (int64_t)atoi(date), date);
	if (st == BG_OK && later)
		st = bg_fail(err, BG_ERR_CONFLICT, "date_before_last", "date",
			     N_("An invoice cannot be dated before the last validated one."));
	return st;
}

bg_status sales_next_number(db *d, int64_t coop_id, int year, int64_t *seq, char number[24],
			    bg_error *err)
{
	bool found = false;
	bg_status st = db_scalar(d, err, seq, &found,
				 "INSERT INTO sales_sequences(cooperative_id, year, last_seq) VALUES (?, ?, 1)"
				 " ON CONFLICT (cooperative_id, year) DO UPDATE SET last_seq = last_seq + 1"
				 " RETURNING last_seq", "ii", coop_id, (int64_t)year);
	if (st == BG_OK && !found)
		st = bg_db_fail(err);
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
bg_status sales_store_pdf(db *d, int64_t id, bg_error *err)
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
	assert(db_in_txn(d)); /* number, entry and PDF in ONE transaction, under its write lock */
	sales_doc doc;
	activity a;
	bg_status st = sales_load_access(d, actor_id, id, false, &doc, &a, err);
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
	if ((st = sales_date_after_last(d, doc.coop_id, date, err)) != BG_OK)
		return st;
	int64_t terms = 30;
	bool found = false;
	char client[210] = "";
	db_stmt *q = db_query(d, "SELECT payment_terms_days, name FROM clients WHERE id = ?", "i", doc.client_id);
	if (q && db_next(q) == 1) {
		terms = db_int(q, 0);
		snprintf(client, sizeof client, "%s", db_text(q, 1));
	}
	if (db_done(q) != BG_OK) /* never the default terms for a failed read */
		return bg_db_fail(err);
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
	if (db_done(q) != BG_OK || rc < 0)
		return bg_db_fail(err);
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
			st = bg_db_fail(err);
		}
		if (db_done(s) != BG_OK && st == BG_OK)
			st = bg_db_fail(err);
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

bg_status sales_quote_refuse(db *d, int64_t actor_id, int64_t id, bg_error *err)
{
	sales_doc doc;
	activity a;
	bg_status st = sales_load_access(d, actor_id, id, true, &doc, &a, err);
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
	bg_status st = sales_load_access(d, actor_id, id, true, &doc, &a, err);
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
	if (db_done(q) != BG_OK) {
		free(*pdf);
		*pdf = NULL;
		*len = 0;
		return bg_db_fail(err);
	}
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
