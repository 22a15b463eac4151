/*
 * economy_check.c — the economy's own invariants beyond the ledger's, for
 * `bigre check`: amounts paid, credited and refunded that agree with the
 * payments, credit notes and refunds; validated documents, payments,
 * refunds and expense reports with their posted entry (and a document
 * with its stored PDF); invoice numbers without a gap.  Each rule is a
 * query whose rows are the problems (db_check_rows).
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
