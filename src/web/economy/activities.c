/*
 * economy/activities.c — an activity: its page /economy/activities/{id}
 * (balance, clients, quotes and invoices, expenses, the form to add a
 * client) and, for accountants, /economy/activities/new?cooperative_id=
 * and /economy/activities/{id}/edit (name, status, own rate, members added
 * by email or removed).  Rates are typed in percent with up to 2 decimals
 * (= basis points, parsed by money_parse).
 */
#include "web/economy/web_economy_internal.h"

/* The activity page, with the client form (and its error, if any). */
void web_eco_activity_page(request *rq, response *rs, int64_t id, const bg_error *ferr)
{
	enum { DOCUMENTS_PER_PAGE = 50 };
	const char *L = rq->lang;
	html *b = page_html(rs);
	activity a;
	bg_error err;
	if (activity_access(rq->db, rq->person_id, id, false, &a, &err) != BG_OK) {
		page_fail(rq, rs, &err);
		return;
	}
	enum { EXPENSES_SHOWN = 100 };
	int page = page_number(rq);
	sales_doc_brief *docs;
	activity_balance_row *bal;
	expense_view *exps;
	client_list_row *clients;
	size_t ndocs, nbal, nexps, nclients;
	int64_t total;
	if (sales_activity_documents(rq->db, &rq->arena, rq->person_id, a.id, DOCUMENTS_PER_PAGE,
				     (int64_t)(page - 1) * DOCUMENTS_PER_PAGE, &docs, &ndocs, &total, &err) != BG_OK ||
	    activity_balance_list(rq->db, &rq->arena, rq->person_id, a.id, &bal, &nbal, &err) != BG_OK ||
	    expense_activity_list(rq->db, &rq->arena, rq->person_id, a.id, EXPENSES_SHOWN, &exps, &nexps, &err) != BG_OK ||
	    client_list_visible(rq->db, &rq->arena, rq->person_id, a.id, &clients, &nclients, &err) != BG_OK) {
		page_fail(rq, rs, &err);
		return;
	}
	page_begin(rq, rs, a.name);
	h_printf(b, "<p><a href=\"/economy\">%s</a></p><h1>%s</h1><p>%s %s · %s</p>", tr(L, "Economy"), a.name,
		 tr(L, "Analytic code"), a.code, web_eco_word(rq, a.status));
	bg_error ignored;
	if (authz_check(rq->db, rq->person_id, AUTHZ_LEDGER_POST, (scope){SCOPE_COOPERATIVE, a.coop_id}, &ignored) == BG_OK)
		h_printf(b, "<p><a href=\"/economy/activities/%lld/edit\">%s</a></p>", (long long)a.id,
			 tr(L, "Edit the activity and its members"));
	/* balance of the activity, from the maintained totals */
	h_printf(b, "<h2>%s</h2><table><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
		 tr(L, "Balance of the activity"), tr(L, "Account"), tr(L, "Debit"), tr(L, "Credit"), tr(L, "Balance"));
	for (size_t i = 0; i < nbal; i++)
		h_printf(b, "<tr><td>%s %s</td><td>%s</td><td>%s</td><td>%s</td></tr>", bal[i].account,
			 bal[i].label ? bal[i].label : "", web_eco_money(rq, bal[i].debit), web_eco_money(rq, bal[i].credit),
			 web_eco_money(rq, bal[i].debit - bal[i].credit));
	h_printf(b, "</tbody></table>");
	/* documents */
	h_printf(b, "<h2>%s</h2>", tr(L, "Quotes and invoices"));
	if (a.can_write)
		h_printf(b, "<p><a class=\"button\" href=\"/economy/activities/%lld/invoices/new\">%s</a> "
			    "<a class=\"button\" href=\"/economy/activities/%lld/quotes/new\">%s</a></p>",
			 (long long)a.id, tr(L, "New invoice"), (long long)a.id, tr(L, "New quote"));
	h_printf(b, "<table><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
		 tr(L, "Number"), tr(L, "Kind"), tr(L, "Date"), tr(L, "Client"), tr(L, "Total incl. VAT"), tr(L, "Status"));
	for (size_t i = 0; i < ndocs; i++)
		h_printf(b, "<tr><td><a href=\"/economy/documents/%lld\">%s</a></td><td>%s</td><td>%s</td><td>%s</td>"
			    "<td>%s</td><td>%s</td></tr>", (long long)docs[i].id, docs[i].number, web_eco_word(rq, docs[i].kind),
			 docs[i].issue_date, docs[i].client, web_eco_money(rq, docs[i].total_ttc), web_eco_word(rq, docs[i].status));
	h_printf(b, "</tbody></table>");
	page_pager(rq, rs, arena_printf(&rq->arena, "/economy/activities/%lld", (long long)a.id), "", page, total,
		   DOCUMENTS_PER_PAGE);
	/* expenses */
	h_printf(b, "<h2>%s</h2><table><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead>"
		    "<tbody>", tr(L, "Expenses"), tr(L, "Title"), tr(L, "Kind"), tr(L, "Total incl. VAT"), tr(L, "Receipts"),
		 tr(L, "Status"));
	for (size_t i = 0; i < nexps; i++) {
		const expense_view *e = &exps[i];
		h_printf(b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>", e->title, web_eco_word(rq, e->kind),
			 web_eco_money(rq, e->total_ttc));
		web_eco_receipt_links(rq, b, e);
		h_printf(b, "</td><td>%s %s", web_eco_word(rq, e->status), e->refusal_reason ? e->refusal_reason : "");
		if (a.can_write && !strcmp(e->status, "draft")) {
			h_printf(b, " <form class=\"inline\" method=\"post\" action=\"/economy/expenses/%lld/submit\">",
				 (long long)e->id);
			page_csrf_field(rq, rs);
			h_printf(b, "<button type=\"submit\">%s</button></form>", tr(L, "Submit"));
		}
		h_printf(b, "</td></tr>");
	}
	h_printf(b, "</tbody></table>");
	if (a.can_write)
		h_printf(b, "<p><a class=\"button\" href=\"/economy/activities/%lld/expenses/new\">%s</a></p>",
			 (long long)a.id, tr(L, "New expense"));
	/* clients (each with its page), and the form to add one */
	h_printf(b, "<h2>%s</h2><ul>", tr(L, "Clients"));
	for (size_t i = 0; i < nclients; i++)
		h_printf(b, "<li><a href=\"/economy/clients/%lld\"><strong>%s</strong></a> %s — %s</li>",
			 (long long)clients[i].id, clients[i].name, clients[i].siren ? clients[i].siren : "",
			 clients[i].address ? clients[i].address : "");
	h_printf(b, "</ul>");
	if (a.can_write) {
		const form *f = ferr ? rq_form(rq, &err) : NULL;
		h_printf(b, "<h3>%s</h3>", tr(L, "Add a client"));
		page_error_summary(rq, rs, ferr);
		h_printf(b, "<form method=\"post\" action=\"/economy/activities/%lld/clients\" class=\"narrow\">", (long long)a.id);
		page_csrf_field(rq, rs);
		web_eco_client_fields(rq, rs, f, NULL, ferr);
		h_printf(b, "<button type=\"submit\">%s</button></form>", tr(L, "Add the client"));
	}
	page_end(rq, rs);
}

/* GET /economy/activities/{id} */
static void web_activity(request *rq, response *rs)
{
	web_eco_activity_page(rq, rs, rq_param_id(rq, 0), NULL);
}

static const char *const adm_statuses[][2] = {{"support", N_("support")}, {"salaried", N_("salaried")},
					      {"closed", N_("closed")}};

/* A person's id from the email typed in field "members" (0 and err set when unknown). */
static int64_t adm_member_by_email(request *rq, const char *email, bg_error *err)
{
	person p;
	bg_error ignored;
	if (email && *email && account_find_email(rq->db, email, &p, &ignored) == BG_OK)
		return p.id;
	bg_error_set(err, BG_ERR_INVALID, "unknown_person", "members", N_("No one has this email address."));
	return 0;
}

/* The contribution rate typed ("" = the cooperative's) into bp or -1. */
static bool adm_parse_rate(const char *s, int64_t *bp)
{
	*bp = -1;
	return !s || !*s || web_eco_parse_percent(s, bp);
}

/* The new-activity form. */
static void adm_activity_new_form(request *rq, response *rs, int64_t coop, const bg_error *ferr)
{
	const char *L = rq->lang;
	bg_error err;
	const form *f = ferr ? rq_form(rq, &err) : NULL;
	if (!web_eco_heading(rq, rs, coop, tr(L, "New activity")))
		return;
	page_error_summary(rq, rs, ferr);
	h_printf(page_html(rs), "<form method=\"post\" action=\"/economy/activities/new?cooperative_id=%lld\">", (long long)coop);
	page_csrf_field(rq, rs);
	web_eco_input(rq, rs, "code", tr(L, "Analytic code (capitals, digits, - or _)"), "text", f ? form_get(f, "code") : NULL,
		  true, ferr);
	web_eco_input(rq, rs, "name", tr(L, "Name"), "text", f ? form_get(f, "name") : NULL, true, ferr);
	web_eco_input(rq, rs, "contribution_bp", tr(L, "Own contribution rate (%, empty: the cooperative's)"), "text",
		  f ? form_get(f, "contribution_bp") : NULL, false, ferr);
	web_eco_input(rq, rs, "members", tr(L, "Email of the first member"), "email", f ? form_get(f, "members") : NULL, true, ferr);
	h_printf(page_html(rs), "<button type=\"submit\">%s</button></form>", tr(L, "Create the activity"));
	page_end(rq, rs);
}

/* GET /economy/activities/new?cooperative_id= */
static void adm_activity_new(request *rq, response *rs)
{
	int64_t coop;
	if (web_eco_coop(rq, rs, AUTHZ_LEDGER_POST, &coop))
		adm_activity_new_form(rq, rs, coop, NULL);
}

/* POST /economy/activities/new?cooperative_id= */
static void adm_activity_create(request *rq, response *rs)
{
	bg_error err;
	int64_t coop, rate, id = 0, member = 0;
	const form *f = web_eco_coop_form(rq, rs, AUTHZ_LEDGER_POST, &coop);
	if (!f)
		return;
	bg_status st = BG_OK;
	if (!adm_parse_rate(form_get(f, "contribution_bp"), &rate))
		st = bg_fail(&err, BG_ERR_INVALID, "invalid_rate", "contribution_bp", N_("A rate is a percentage with at most 2 decimals."));
	st = web_begin(rq, st, &err);
	if (st == BG_OK && !(member = adm_member_by_email(rq, form_get(f, "members"), &err)))
		st = err.status;
	if (st == BG_OK)
		st = activity_create(rq->db, rq->person_id, coop, form_get(f, "code"), form_get(f, "name"), &member, 1, rate,
				     &id, &err);
	web_eco_finish(rq, rs, st, &err, "/economy/activities/", id, adm_activity_new_form, coop);
}

/* Orders members by name (then id), as the edit form lists them. */
static int adm_member_cmp(const void *x, const void *y)
{
	const activity_member_row *a = x, *b = y;
	int c = strcmp(a->name, b->name);
	return c ? c : (a->id > b->id) - (a->id < b->id);
}

/* The activity edit form and its members (each with a remove button). */
static void adm_activity_edit_form(request *rq, response *rs, int64_t id, const bg_error *ferr)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
	bg_error err;
	activity a;
	activity_member_row *m;
	size_t nm;
	if (activity_access(rq->db, rq->person_id, id, false, &a, &err) != BG_OK ||
	    authz_check(rq->db, rq->person_id, AUTHZ_LEDGER_POST, (scope){SCOPE_COOPERATIVE, a.coop_id}, &err) != BG_OK ||
	    activity_member_list(rq->db, &rq->arena, rq->person_id, a.id, &m, &nm, &err) != BG_OK) {
		page_fail(rq, rs, &err);
		return;
	}
	const form *f = ferr ? rq_form(rq, &err) : NULL;
	char title[260];
	snprintf(title, sizeof title, "%s — %s", tr(L, "Edit the activity"), a.code);
	if (!web_eco_heading(rq, rs, a.coop_id, title))
		return;
	h_printf(b, "<p><a href=\"/economy/activities/%lld\">%s</a></p>", (long long)a.id, a.name);
	page_error_summary(rq, rs, ferr);
	h_printf(b, "<form method=\"post\" action=\"/economy/activities/%lld/edit\">", (long long)a.id);
	page_csrf_field(rq, rs);
	web_eco_input(rq, rs, "name", tr(L, "Name"), "text", web_eco_value(f, "name", a.name), true, ferr);
	web_eco_select(rq, rs, "status", tr(L, "Status"), adm_statuses, 3, web_eco_value(f, "status", a.status), ferr);
	web_eco_input(rq, rs, "contribution_bp", tr(L, "Own contribution rate (%, empty: the cooperative's)"), "text",
		  web_eco_value(f, "contribution_bp", a.contribution_bp >= 0 ? web_eco_percent(rq, a.contribution_bp) : ""), false,
		  ferr);
	web_eco_input(rq, rs, "members", tr(L, "Add a member (email)"), "email", f ? form_get(f, "members") : NULL, false, ferr);
	h_printf(b, "<button type=\"submit\">%s</button></form><h2>%s</h2><ul>", tr(L, "Save"), tr(L, "Members"));
	qsort(m, nm, sizeof *m, adm_member_cmp);
	for (size_t i = 0; i < nm; i++) {
		h_printf(b, "<li>%s &lt;%s&gt; <form class=\"inline\" method=\"post\" action=\"/economy/activities/%lld/members/%lld/remove\">",
			 m[i].name, m[i].email, (long long)a.id, (long long)m[i].id);
		page_csrf_field(rq, rs);
		h_printf(b, "<button type=\"submit\" aria-label=\"%s %s\">%s</button></form></li>", tr(L, "Remove"), m[i].name,
			 tr(L, "Remove"));
	}
	h_printf(b, "</ul>");
	page_end(rq, rs);
}

/* GET /economy/activities/{id}/edit */
static void adm_activity_edit(request *rq, response *rs)
{
	adm_activity_edit_form(rq, rs, rq_param_id(rq, 0), NULL);
}

/* POST /economy/activities/{id}/edit {name, status, contribution_bp, members (an email to add)} */
static void adm_activity_update(request *rq, response *rs)
{
	bg_error err;
	int64_t id = rq_param_id(rq, 0), rate, member = 0;
	const form *f = page_form(rq, rs);
	if (!f)
		return;
	bg_status st = BG_OK;
	const char *email = form_get(f, "members");
	if (!adm_parse_rate(form_get(f, "contribution_bp"), &rate))
		st = bg_fail(&err, BG_ERR_INVALID, "invalid_rate", "contribution_bp", N_("A rate is a percentage with at most 2 decimals."));
	st = web_begin(rq, st, &err);
	if (st == BG_OK && email && *email && !(member = adm_member_by_email(rq, email, &err)))
		st = err.status;
	if (st == BG_OK)
		st = activity_update(rq->db, rq->person_id, id, form_get(f, "name"), form_get(f, "status"), rate, &member,
				     member ? 1 : 0, &err);
	web_eco_finish(rq, rs, st, &err, "/economy/activities/", id, adm_activity_edit_form, id);
}

/* POST /economy/activities/{id}/members/{person}/remove */
static void adm_member_remove(request *rq, response *rs)
{
	bg_error err;
	int64_t id = rq_param_id(rq, 0);
	bg_status st = web_begin(rq, BG_OK, &err);
	if (st == BG_OK)
		st = activity_member_remove(rq->db, rq->person_id, id, rq_param_id(rq, 1), &err);
	/* a button: only a conflict (the last member) shows the form again,
	 * the message above it, not next to the field that adds one */
	bool conflict = st != BG_OK && err.status == BG_ERR_CONFLICT;
	if (conflict)
		err.field = NULL;
	if (web_finish(rq, rs, st, &err, arena_printf(&rq->arena, "/economy/activities/%lld/edit", (long long)id),
		       WEB_409 | (conflict ? 0 : WEB_BUTTON)))
		adm_activity_edit_form(rq, rs, id, &err);
}

const route web_eco_activities_routes[] = {
	{HTTP_GET, "/economy/activities/{id}", web_activity, ROUTE_AUTH | ROUTE_PAGE},
	{HTTP_GET, "/economy/activities/new", adm_activity_new, ROUTE_AUTH | ROUTE_PAGE},
	{HTTP_POST, "/economy/activities/new", adm_activity_create, ROUTE_AUTH | ROUTE_PAGE},
	{HTTP_GET, "/economy/activities/{id}/edit", adm_activity_edit, ROUTE_AUTH | ROUTE_PAGE},
	{HTTP_POST, "/economy/activities/{id}/edit", adm_activity_update, ROUTE_AUTH | ROUTE_PAGE},
	{HTTP_POST, "/economy/activities/{id}/members/{person}/remove", adm_member_remove, ROUTE_AUTH | ROUTE_PAGE},
	{0, NULL, NULL, 0},
};
