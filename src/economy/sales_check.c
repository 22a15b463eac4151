/*
 * sales_check.c — everything said about a quote's or an invoice's input
 * before it is written: its lines and their totals (sales_compute, THE
 * rounding rule of economy.h) and its content (client, dates, texts, the
 * VAT mention).  Every field is checked, and every field's error is
 * collected (bg_field_errors), so that a form shows them all at once; the
 * writers (sales_create, sales_update in sales.c) refuse the first one.
 */
#include "economy/economy.h"
#include "economy/ledger.h"
#include "economy/eco_internal.h"
#include "core/date.h"
#include "core/mem.h"
#include "core/money.h"
#include <assert.h>
#include <stdlib.h>
#include <string.h>

const char *const sales_payment_methods[4] = {"transfer", "cheque", "card", "cash"};

/* The VAT rates an invoice line may have, in basis points. */
static const int64_t sales_check_rates[] = {2000, 1000, 550, 210, 0};

/* The message of an amount that is out of range, or a total that would be. */
#define SALES_AMOUNT_MSG N_("Amounts are positive and at most 100 billion euros.")

/* Adds the error of field `what` of line i. */
static void sales_line_error(bg_field_errors *fe, size_t i, const char *what, const char *code,
			     const char *msgid)
{
	bg_field_error_add(fe, BG_ERR_INVALID, code, ledger_field_name("lines", i, what), msgid);
}

/* Checks one line's own fields, each of them; true when all are right. */
static bool sales_line_check(const sales_line_in *l, size_t i, bg_field_errors *fe)
{
	int before = fe->n;
	if (!l->description || !l->description[0] || strlen(l->description) > 5000)
		sales_line_error(fe, i, "description", "invalid_description",
				 N_("A description of 1 to 5000 characters is required."));
	if (l->quantity_milli <= 0 || l->quantity_milli > INT64_C(1000000000000))
		sales_line_error(fe, i, "quantity", "invalid_quantity",
				 N_("A quantity is positive, with at most 3 decimals."));
	if (l->unit_cents < 0)
		sales_line_error(fe, i, "unit_price_cents", "negative_amount", N_("This amount cannot be negative."));
	else if (l->unit_cents > MONEY_MAX)
		sales_line_error(fe, i, "unit_price_cents", "amount_too_large",
				 N_("Too large: an amount is at most 100 billion euros."));
	bool rate = false;
	for (size_t k = 0; k < sizeof sales_check_rates / sizeof *sales_check_rates; k++)
		rate |= l->vat_bp == sales_check_rates[k];
	if (!rate)
		sales_line_error(fe, i, "vat_bp", "invalid_vat_rate",
				 N_("The VAT rate must be 20 %, 10 %, 5.5 %, 2.1 % or 0 %."));
	if (l->discount_bp < 0 || l->discount_bp > 10000)
		sales_line_error(fe, i, "discount_bp", "invalid_discount",
				 N_("A discount is between 0 and 10000 basis points."));
	return fe->n == before;
}

/* Adds a right line's amount excl. VAT to the totals of its rate; false
 * when a sum leaves MONEY_MAX (a line amount that does is the error of
 * its quantity). */
static bool sales_line_add(const sales_line_in *l, size_t i, sales_totals *t, bg_field_errors *fe)
{
	int64_t gross, discount;
	if (!money_mul_div(l->unit_cents, l->quantity_milli, 1000, &gross) ||
	    !money_apply_bp(gross, l->discount_bp, &discount)) {
		sales_line_error(fe, i, "quantity", "invalid_amount", SALES_AMOUNT_MSG);
		return true;
	}
	int64_t net = gross - discount;
	t->line_ht[i] = net;
	int slot = -1;
	for (int k = 0; k < t->nrates; k++)
		if (t->rate_bp[k] == l->vat_bp)
			slot = k;
	if (slot < 0) {
		assert(t->nrates < 5);
		slot = t->nrates++;
		t->rate_bp[slot] = l->vat_bp;
	}
	int64_t *kind_ht = l->goods ? &t->goods_ht : &t->services_ht;
	return money_add(t->base[slot], net, &t->base[slot]) && money_add(*kind_ht, net, kind_ht);
}

void sales_compute_fields(const sales_line_in *lines, size_t n, sales_totals *t, bg_field_errors *fe)
{
	memset(t, 0, sizeof *t);
	if (n == 0 || n > SALES_MAX_LINES) {
		bg_field_error_add(fe, BG_ERR_INVALID, "invalid_lines", "lines", N_("A document has 1 to 200 lines."));
		return;
	}
	bool sums = true;
	for (size_t i = 0; i < n; i++)
		if (sales_line_check(&lines[i], i, fe) && !sales_line_add(&lines[i], i, t, fe))
			sums = false;
	for (int k = 0; sums && k < t->nrates; k++)
		sums = money_apply_bp(t->base[k], t->rate_bp[k], &t->vat[k]) && money_add(t->ht, t->base[k], &t->ht) &&
		       money_add(t->vat_total, t->vat[k], &t->vat_total);
	if (!sums || !money_add(t->ht, t->vat_total, &t->ttc))
		bg_field_error_add(fe, BG_ERR_INVALID, "invalid_amount", "lines", SALES_AMOUNT_MSG);
}

bg_status sales_compute(const sales_line_in *lines, size_t n, sales_totals *t, bg_error *err)
{
	bg_field_errors fe = {0};
	sales_compute_fields(lines, n, t, &fe);
	return bg_field_errors_status(&fe, err);
}

bool sales_parse_quantity(const char *s, int64_t *milli)
{
	size_t whole = s ? strspn(s, "0123456789") : 0;
	if (!whole || whole > 10)
		return false;
	int64_t q = strtoll(s, NULL, 10);
	if (q > INT64_C(1000000000))
		return false;
	q *= 1000;
	const char *p = s + whole;
	if (*p == '.' || *p == ',') {
		size_t dec = strspn(++p, "0123456789");
		if (!dec || dec > 3 || p[dec])
			return false;
		int64_t scale = 100;
		for (size_t i = 0; i < dec; i++, scale /= 10)
			q += (p[i] - '0') * scale;
	} else if (*p) {
		return false;
	}
	*milli = q;
	return q > 0;
}

/* Adds the error of a date field that is given (optional: and not empty)
 * and is not a calendar day. */
static void sales_date_check(const char *s, bool optional, const char *field, bg_field_errors *fe)
{
	int y, m, d;
	if (s && (s[0] || !optional) && !date_parse(s, &y, &m, &d))
		bg_field_error_add(fe, BG_ERR_INVALID, "invalid_date", field,
				   N_("This date does not exist (expected YYYY-MM-DD)."));
}

bg_status sales_content_fields(db *d, const activity *a, const sales_doc_in *in, sales_totals *t,
			       bg_field_errors *fe, bg_error *err)
{
	sales_compute_fields(in->lines, in->nlines, t, fe);
	int64_t one;
	bool found = false;
	bg_status st = db_scalar(d, err, &one, &found, "SELECT 1 FROM clients WHERE id = ? AND activity_id = ?",
				 "ii", in->client_id, a->id);
	if (st != BG_OK)
		return st;
	if (!found)
		bg_field_error_add(fe, BG_ERR_INVALID, "unknown_client", "client_id",
				   N_("This client does not exist for this activity."));
	sales_date_check(in->issue_date, false, "issue_date", fe);
	sales_date_check(in->supply_date, true, "supply_date", fe);
	if (in->title && strlen(in->title) > 300)
		bg_field_error_add(fe, BG_ERR_INVALID, "invalid_title", "title", N_("A title has at most 300 characters."));
	if (in->notes && strlen(in->notes) > 20000)
		bg_field_error_add(fe, BG_ERR_INVALID, "invalid_notes", "notes", N_("Notes have at most 20000 characters."));
	bool zero = false;
	for (size_t i = 0; i < in->nlines && i < SALES_MAX_LINES; i++)
		zero |= in->lines[i].vat_bp == 0;
	size_t ml = in->vat_mention ? strlen(in->vat_mention) : 0;
	if (zero && ml == 0)
		bg_field_error_add(fe, BG_ERR_INVALID, "vat_mention_required", "vat_mention",
				   N_("A line without VAT needs the exemption mention (e.g. \"TVA non applicable, art. 293 B du CGI\")."));
	if (ml > 300)
		bg_field_error_add(fe, BG_ERR_INVALID, "invalid_vat_mention", "vat_mention",
				   N_("The VAT mention has at most 300 characters."));
	return BG_OK;
}

bg_status sales_check(db *d, int64_t actor_id, int64_t id, const sales_doc_in *in, bg_field_errors *fe,
		      bg_error *err)
{
	activity a;
	int64_t activity_id = in->activity_id;
	if (id) {
		activity_id = 0;
		bg_status st = db_scalar(d, err, &activity_id, NULL, "SELECT activity_id FROM sales_documents WHERE id = ?",
					 "i", id);
		bool frozen = false;
		int64_t one;
		if (st == BG_OK)
			st = db_scalar(d, err, &one, &frozen, "SELECT 1 FROM sales_documents WHERE id = ? AND status <> 'draft'",
				       "i", id);
		if (st == BG_OK && frozen)
			st = bg_fail(err, BG_ERR_CONFLICT, "document_frozen", "status",
				     N_("A validated document cannot be changed; cancel it with a credit note."));
		if (st != BG_OK)
			return st;
	}
	bg_status st = activity_access(d, actor_id, activity_id, true, &a, err);
	if (st != BG_OK)
		return st;
	if (!id && (!in->kind || (strcmp(in->kind, "quote") && strcmp(in->kind, "invoice"))))
		bg_field_error_add(fe, BG_ERR_INVALID, "invalid_kind", "kind", N_("A document is a quote or an invoice."));
	sales_totals *t = xmalloc(sizeof *t);
	st = sales_content_fields(d, &a, in, t, fe, err);
	free(t);
	return st;
}

void payment_check(const char *date, const char *method, const char *reference, const payment_alloc *allocs,
		   size_t n, bg_field_errors *fe)
{
	bool method_ok = false;
	for (size_t i = 0; method && i < 4; i++)
		method_ok |= !strcmp(method, sales_payment_methods[i]);
	if (!method_ok)
		bg_field_error_add(fe, BG_ERR_INVALID, "invalid_method", "method",
				   N_("The method is transfer, cheque, card or cash."));
	sales_date_check(date ? date : "", false, "date", fe);
	if (reference && strlen(reference) > 200)
		bg_field_error_add(fe, BG_ERR_INVALID, "invalid_reference", "reference",
				   N_("A reference has at most 200 characters."));
	if (n == 0 || n > PAYMENT_MAX_ALLOCATIONS)
		bg_field_error_add(fe, BG_ERR_INVALID, "invalid_allocations", "allocations",
				   N_("A payment settles 1 to 100 invoices."));
	int64_t total = 0;
	bool sums = true;
	for (size_t i = 0; i < n && i < PAYMENT_MAX_ALLOCATIONS; i++) {
		const char *amount = ledger_field_name("allocations", i, "amount_cents");
		if (allocs[i].amount == 0)
			bg_field_error_add(fe, BG_ERR_INVALID, "missing_field", amount, N_("A payment settles an amount above zero."));
		else if (money_field_check(fe, amount, allocs[i].amount, MONEY_NOT_NEGATIVE))
			sums = sums && money_add(total, allocs[i].amount, &total);
		for (size_t j = 0; j < i; j++)
			if (allocs[j].document_id == allocs[i].document_id)
				bg_field_error_add(fe, BG_ERR_INVALID, "duplicate_invoice",
						   ledger_field_name("allocations", i, "invoice_id"),
						   N_("An invoice appears twice in this payment."));
	}
	if (!sums)
		bg_field_error_add(fe, BG_ERR_INVALID, "invalid_amount", "allocations", SALES_AMOUNT_MSG);
}

bg_status sales_credit_fields(db *d, int64_t invoice_id, const char *invoice_date, const sales_credit_in *in,
			      const char *date, bg_field_errors *fe, bg_error *err)
{
	int y, m, dd;
	if (!date || !date_parse(date, &y, &m, &dd) || strcmp(date, invoice_date) < 0)
		bg_field_error_add(fe, BG_ERR_INVALID, "invalid_date", "date",
				   N_("A credit note is dated on or after its invoice."));
	bool method_ok = !in->refund_method || !in->refund_method[0];
	for (size_t i = 0; !method_ok && i < 4; i++)
		method_ok = !strcmp(in->refund_method, sales_payment_methods[i]);
	if (!method_ok)
		bg_field_error_add(fe, BG_ERR_INVALID, "invalid_method", "refund_method",
				   N_("The method is transfer, cheque, card or cash."));
	for (size_t i = 0; i < in->npositions; i++)
		for (size_t j = 0; j < i; j++)
			if (in->positions[i] == in->positions[j])
				bg_field_error_add(fe, BG_ERR_INVALID, "duplicate_line", ledger_field_name("lines", i, "position"),
						   N_("A line appears twice in this credit note."));
	if (!in->amount_ht)
		return BG_OK;
	if (in->npositions)
		bg_field_error_add(fe, BG_ERR_INVALID, "lines_or_amount", "amount_cents",
				   N_("A credit note takes some lines or an amount, not both."));
	money_field_check(fe, "amount_cents", in->amount_ht, MONEY_NOT_NEGATIVE);
	if (in->description && strlen(in->description) > 5000)
		bg_field_error_add(fe, BG_ERR_INVALID, "invalid_description", "description",
				   N_("A description of 1 to 5000 characters is required."));
	int64_t one;
	bool rate_ok = false;
	bg_status st = db_scalar(d, err, &one, &rate_ok, "SELECT 1 FROM sales_lines WHERE document_id = ? AND vat_bp = ?"
						      " LIMIT 1", "ii", invoice_id, in->vat_bp);
	if (st == BG_OK && !rate_ok)
		bg_field_error_add(fe, BG_ERR_INVALID, "invalid_vat", "vat_bp", N_("The VAT rate must be one of the invoice's."));
	return st;
}
