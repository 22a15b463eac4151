/*
 * economy/home.c — GET /economy: the activities of the person, and links
 * to the accountants' and administrators' tools where they hold them.
 */
#include "web/economy/web_economy_internal.h"

/* GET /economy */
static void web_economy_home(request *rq, response *rs)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
	page_begin(rq, rs, tr(L, "Economy"));
	h_printf(b, "<h1>%s</h1><h2>%s</h2>", tr(L, "Economy"), tr(L, "My activities"));
	activity_overview_row *acts;
	size_t n;
	bg_error e;
	if (activity_overview_visible(rq->db, &rq->arena, rq->person_id, &acts, &n, &e) != BG_OK) {
		page_fail(rq, rs, &e);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		if (!i)
			h_printf(b, "<table><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
				 tr(L, "Activity"), tr(L, "Cooperative"), tr(L, "Status"), tr(L, "Revenue excl. VAT"),
				 tr(L, "Receivable from clients"));
		h_printf(b, "<tr><td><a href=\"/economy/activities/%lld\">%s</a> <small>%s</small></td><td>%s</td><td>%s</td>"
			    "<td>%s</td><td>%s</td></tr>",
			 (long long)acts[i].id, acts[i].name, acts[i].code, acts[i].coop_name, web_eco_word(rq, acts[i].status),
			 web_eco_money(rq, acts[i].revenue), web_eco_money(rq, acts[i].receivable));
	}
	if (n)
		h_printf(b, "</tbody></table>");
	else
		h_printf(b, "<p>%s</p>", tr(L, "You have no activity yet."));
	/* the accountant's tools, per cooperative */
	economy_coop_row *coops;
	size_t ncoops;
	if (economy_ledger_coops(rq->db, &rq->arena, rq->person_id, &coops, &ncoops, &e) != BG_OK) {
		page_fail(rq, rs, &e);
		return;
	}
	for (size_t i = 0; i < ncoops; i++) {
		long long c = (long long)coops[i].id;
		if (!i)
			h_printf(b, "<h2>%s</h2><ul>", tr(L, "Accounting"));
		h_printf(b, "<li>%s — <a href=\"/economy/validation?cooperative_id=%lld\">%s</a> · "
			    "<a href=\"/economy/ledger?cooperative_id=%lld\">%s</a> · "
			    "<a href=\"/economy/entries/new?cooperative_id=%lld\">%s</a> · "
			    "<a href=\"/economy/close?cooperative_id=%lld\">%s</a> · "
			    "<a href=\"/economy/activities/new?cooperative_id=%lld\">%s</a>",
			 coops[i].name, c, tr(L, "Validation queue"), c, tr(L, "Journals and balances"), c,
			 tr(L, "New journal entry"), c, tr(L, "Close a period"), c, tr(L, "New activity"));
		bg_error ignored;
		if (authz_check(rq->db, rq->person_id, AUTHZ_LEDGER_ADMINISTER, (scope){SCOPE_COOPERATIVE, c}, &ignored) == BG_OK)
			h_printf(b, " · <a href=\"/economy/settings?cooperative_id=%lld\">%s</a> · "
				    "<a href=\"/economy/accounts?cooperative_id=%lld\">%s</a>", c, tr(L, "Economic settings"), c,
				 tr(L, "Chart of accounts"));
		h_printf(b, "</li>");
	}
	if (ncoops)
		h_printf(b, "</ul>");
	page_end(rq, rs);
}

const route web_eco_home_routes[] = {
	{HTTP_GET, "/economy", web_economy_home, ROUTE_AUTH | ROUTE_PAGE},
	{0, NULL, NULL, 0},
};
