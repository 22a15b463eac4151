/*
 * economy/validation.c — GET /economy/validation?cooperative_id=: the
 * accountants' queue of draft invoices and submitted expenses to decide on.
 */
#include "web/economy/web_economy_internal.h"

/* GET /economy/validation?cooperative_id= */
static void web_validation(request *rq, response *rs)
{
	const char *L = rq->lang;
	buf *b = &rs->body;
	int64_t coop;
	if (!web_coop(rq, rs, AUTHZ_LEDGER_POST, &coop))
		return;
	page_begin(rq, rs, tr(L, "Validation queue"));
	h_printf(b, "<p><a href=\"/economy\">%s</a></p><h1>%s</h1><h2>%s</h2>", tr(L, "Economy"), tr(L, "Validation queue"),
		 tr(L, "Invoices to validate"));
	db_stmt *q = db_query(rq->db, "SELECT s.id, a.code, k.name, s.total_ttc, s.title FROM sales_documents s"
				      " JOIN activities a ON a.id = s.activity_id JOIN sales_document_client k ON k.document_id = s.id"
				      " WHERE s.cooperative_id = ? AND s.kind = 'invoice' AND s.status = 'draft' ORDER BY s.id", "i", coop);
	int n = 0;
	for (; q && db_next(q) == 1; n++) {
		if (!n)
			h_printf(b, "<table><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th></th></tr></thead><tbody>",
				 tr(L, "Activity"), tr(L, "Client"), tr(L, "Subject"), tr(L, "Total incl. VAT"));
		h_printf(b, "<tr><td>%s</td><td>%s</td><td><a href=\"/economy/documents/%lld\">%s</a></td><td>%s</td><td>"
			    "<form class=\"inline\" method=\"post\" action=\"/economy/documents/%lld/validate\">",
			 db_text(q, 1), db_text(q, 2), (long long)db_int(q, 0), db_text(q, 4), eco_money(rq, db_int(q, 3)),
			 (long long)db_int(q, 0));
		page_csrf_field(rq, rs);
		h_printf(b, "<button type=\"submit\">%s</button></form></td></tr>", tr(L, "Validate"));
	}
	db_done(q);
	h_printf(b, n ? "</tbody></table>" : "<p>%s</p>", tr(L, "Nothing to validate."));
	h_printf(b, "<h2>%s</h2>", tr(L, "Expenses to decide on"));
	q = db_query(rq->db, "SELECT e.id, a.code, e.title, e.total_ttc, e.kind FROM expense_reports e JOIN activities a"
			     " ON a.id = e.activity_id WHERE e.cooperative_id = ? AND e.status = 'submitted' ORDER BY e.id", "i", coop);
	for (n = 0; q && db_next(q) == 1; n++) {
		if (!n)
			h_printf(b, "<table><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th></th></tr>"
				    "</thead><tbody>", tr(L, "Activity"), tr(L, "Title"), tr(L, "Kind"), tr(L, "Total incl. VAT"),
				 tr(L, "Receipts"));
		long long eid = (long long)db_int(q, 0);
		h_printf(b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>", db_text(q, 1), db_text(q, 2),
			 eco_word(rq, db_text(q, 4)), eco_money(rq, db_int(q, 3)));
		web_receipt_links(rq, b, eid);
		h_printf(b, "</td><td><form class=\"inline\" method=\"post\""
			    " action=\"/economy/expenses/%lld/validate?cooperative_id=%lld\">", eid, (long long)coop);
		page_csrf_field(rq, rs);
		h_printf(b, "<button type=\"submit\">%s</button></form> <form class=\"inline\" method=\"post\""
			    " action=\"/economy/expenses/%lld/refuse?cooperative_id=%lld\">", tr(L, "Validate"), eid, (long long)coop);
		page_csrf_field(rq, rs);
		h_printf(b, "<label for=\"r-%lld\">%s</label><input id=\"r-%lld\" name=\"reason\" required>"
			    "<button type=\"submit\">%s</button></form></td></tr>", eid, tr(L, "Reason for refusal"), eid,
			 tr(L, "Refuse"));
	}
	db_done(q);
	h_printf(b, n ? "</tbody></table>" : "<p>%s</p>", tr(L, "Nothing to decide on."));
	page_end(rq, rs);
}

const route web_eco_validation_routes[] = {
	{HTTP_GET, "/economy/validation", web_validation, ROUTE_AUTH | ROUTE_PAGE},
	{0, NULL, NULL, 0},
};
