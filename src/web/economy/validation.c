/*
 * economy/validation.c — GET /economy/validation?cooperative_id=: the
 * accountants' queue of draft invoices and submitted expenses to decide on.
 */
#include "web/economy/web_economy_internal.h"
#include "web/table.h"

/* GET /economy/validation?cooperative_id= */
static void web_validation(request *rq, response *rs)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
	int64_t coop;
	if (!web_eco_coop(rq, rs, AUTHZ_LEDGER_POST, &coop))
		return;
	sales_doc_brief *docs;
	expense_view *exps;
	size_t ndocs, nexps;
	bg_error err;
	if (sales_draft_invoices(rq->db, &rq->arena, rq->person_id, coop, &docs, &ndocs, &err) != BG_OK ||
	    expense_submitted_list(rq->db, &rq->arena, rq->person_id, coop, &exps, &nexps, &err) != BG_OK) {
		page_fail(rq, rs, &err);
		return;
	}
	page_begin(rq, rs, tr(L, "Validation queue"));
	h_printf(b, "<p><a href=\"/economy\">%s</a></p><h1>%s</h1><h2>%s</h2>", tr(L, "Economy"), tr(L, "Validation queue"),
		 tr(L, "Invoices to validate"));
	size_t n = 0;
	table t = {0};
	for (; n < ndocs; n++) {
		const sales_doc_brief *d = &docs[n];
		if (!n) {
			table_with(&t, b, (const char *[]){tr(L, "Activity"), tr(L, "Client"),
							   tr(L, "Subject"), tr(L, "Total incl. VAT"), "", NULL});
		}
		table_row(&t);
		table_cell_text(&t, d->activity_code);
		table_cell_text(&t, d->client);
		table_cell(&t);
		h_printf(b, "<a href=\"/economy/documents/%lld\">%s</a>", (long long)d->id, d->title ? d->title : "");
		table_cell_text(&t, web_eco_money(rq, d->total_ttc));
		table_cell(&t);
		h_printf(b, "<form class=\"inline\" method=\"post\" action=\"/economy/documents/%lld/validate\">",
			 (long long)d->id);
		page_csrf_field(rq, rs);
		h_printf(b, "<button type=\"submit\">%s</button></form>", tr(L, "Validate"));
	}
	if (n)
		table_end(&t);
	else
		h_printf(b, "<p>%s</p>", tr(L, "Nothing to validate."));
	h_printf(b, "<h2>%s</h2>", tr(L, "Expenses to decide on"));
	for (n = 0; n < nexps; n++) {
		const expense_view *e = &exps[n];
		if (!n) {
			table_with(&t, b, (const char *[]){tr(L, "Activity"), tr(L, "Title"), tr(L, "Kind"),
							   tr(L, "Total incl. VAT"), tr(L, "Receipts"), "",
							   NULL});
		}
		long long eid = (long long)e->id;
		table_row(&t);
		table_cell_text(&t, e->activity_code);
		table_cell_text(&t, e->title);
		table_cell_text(&t, web_eco_word(rq, e->kind));
		table_cell_text(&t, web_eco_money(rq, e->total_ttc));
		table_cell(&t);
		web_eco_receipt_links(rq, b, e);
		table_cell(&t);
		h_printf(b, "<form class=\"inline\" method=\"post\""
			    " action=\"/economy/expenses/%lld/validate?cooperative_id=%lld\">", eid, (long long)coop);
		page_csrf_field(rq, rs);
		h_printf(b, "<button type=\"submit\">%s</button></form> <form class=\"inline\" method=\"post\""
			    " action=\"/economy/expenses/%lld/refuse?cooperative_id=%lld\">", tr(L, "Validate"), eid, (long long)coop);
		page_csrf_field(rq, rs);
		h_printf(b, "<label for=\"r-%lld\">%s</label><input id=\"r-%lld\" name=\"reason\" required>"
			    "<button type=\"submit\">%s</button></form>", eid, tr(L, "Reason for refusal"), eid,
			 tr(L, "Refuse"));
	}
	if (n)
		table_end(&t);
	else
		h_printf(b, "<p>%s</p>", tr(L, "Nothing to decide on."));
	page_end(rq, rs);
}

const route web_eco_validation_routes[] = {
	{HTTP_GET, "/economy/validation", web_validation, ROUTE_AUTH | ROUTE_PAGE},
	{0, NULL, NULL, 0},
};
