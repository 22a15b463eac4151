/*
 * payment.c — payments (E3): one payment of 1 to PAYMENT_MAX_ALLOCATIONS
 * invoices of one cooperative, recorded by an accountant; its BQ entry
 * debits 512 and credits 411 per activity, and each invoice becomes partly
 * paid or paid.  An overpayment is refused; payments are never changed nor
 * deleted (triggers payments_no_update, payments_no_delete).
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
	/* the payment's id, known before its entry: read then written, so only
	 * one writer of payments at a time (key 0: the ids span every
	 * cooperative) */
	assert(db_in_txn(d));
	if (st == BG_OK)
		st = db_lock(d, "payments", 0);
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
	int64_t pid = next_id;
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
