/*
 * sales_credit.c — credit notes and refunds (E2): a credit note cancels a
 * validated invoice in whole (the mirror of its entry), in some of its
 * lines (each at most once: sales_credit_positions) or by an amount excl.
 * VAT at one of its rates; it is numbered in the invoices' sequence,
 * validated at once and its PDF stored.  What the client paid beyond what
 * stays due is refunded (sales_refunds; BQ 411 debit / 512 credit),
 * accountants only.  Never more than the invoice in total: the database
 * checks it too.
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
		if (db_done(q) != BG_OK)
			return bg_db_fail(err);
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
	if (db_done(q) != BG_OK && st == BG_OK)
		st = bg_db_fail(err);
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
	/* the refund's id, known before its entry: read then written, so only
	 * one writer of refunds at a time (key 0: the ids span every
	 * cooperative) */
	bg_status st = db_lock(d, "refunds", 0);
	if (st == BG_OK)
		st = db_scalar(d, err, &next_id, &found, "SELECT coalesce(max(id), 0) + 1 FROM sales_refunds", NULL);
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
	if ((st = sales_date_after_last(d, inv.coop_id, date, err)) != BG_OK)
		return st;
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
		st = db_scalar(d, err, &cid, NULL, "INSERT INTO sales_documents(cooperative_id, activity_id, client_id,"
						   " kind, issue_date, supply_date, source_id, title, notes, vat_mention, total_ht,"
						   " total_vat, total_ttc, created_by, created_at) SELECT cooperative_id,"
						   " activity_id, client_id, 'credit_note', ?, supply_date, id, title, notes,"
						   " vat_mention, ?, ?, ?, ?, ? FROM sales_documents WHERE id = ? RETURNING id",
			       "siiiiii", date, t->ht, t->vat_total, t->ttc, actor_id, date_now(), invoice_id);
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
		st = db_exec(d, err, "UPDATE sales_documents SET credited = credited + ?, refunded = refunded + ?,"
				     " status = CASE WHEN credited + ? = total_ttc THEN 'cancelled'"
				     " WHEN total_ttc - credited - ? - paid + refunded + ? = 0 THEN 'paid' ELSE status END"
				     " WHERE id = ?", "iiiiii", t->ttc, refund, t->ttc, t->ttc, refund, invoice_id);
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
