/*
 * economy/clients.c — a client: added from its activity's page
 * (POST /economy/activities/{id}/clients), its page /economy/clients/{id}
 * (details, documents, the form to edit it).
 */
#include "web/economy/web_economy_internal.h"

/* The fields of a client's form (adding one, editing one): what was typed
 * (f) when the form comes back, else the client's values (c, or empty). */
void web_eco_client_fields(request *rq, response *rs, const form *f, const client_row *c, const bg_error *ferr)
{
	const char *L = rq->lang;
	static const char *const kinds[][2] = {{"company", N_("Company")}, {"individual", N_("Individual")}};
	static const char *const langs[][2] = {{"", N_("The cooperative's")}, {"fr", N_("French")}, {"en", N_("English")}};
	char terms[24] = "30";
	if (c)
		snprintf(terms, sizeof terms, "%lld", (long long)c->payment_terms_days);
#define WEB_CLIENT_VALUE(field, dflt) (f ? form_get(f, field) : c ? (dflt) : NULL)
	web_eco_select(rq, rs, "kind", tr(L, "Kind"), kinds, 2, WEB_CLIENT_VALUE("kind", c->kind), ferr);
	web_eco_input(rq, rs, "name", tr(L, "Name"), "text", WEB_CLIENT_VALUE("name", c->name), true, ferr);
	web_eco_input(rq, rs, "siren", tr(L, "SIREN (companies)"), "text", WEB_CLIENT_VALUE("siren", c->siren), false, ferr);
	web_eco_input(rq, rs, "vat_number", tr(L, "VAT number"), "text", WEB_CLIENT_VALUE("vat_number", c->vat_number), false,
		  ferr);
	web_eco_input(rq, rs, "address", tr(L, "Address"), "text", WEB_CLIENT_VALUE("address", c->address), true, ferr);
	web_eco_input(rq, rs, "email", tr(L, "Email (optional)"), "email", WEB_CLIENT_VALUE("email", c->email), false, ferr);
	web_eco_input(rq, rs, "payment_terms_days", tr(L, "Payment terms (days)"), "number",
		  f ? form_get(f, "payment_terms_days") : terms, true, ferr);
	web_eco_select(rq, rs, "lang", tr(L, "Language of the client's invoices and quotes"), langs, 3,
		   WEB_CLIENT_VALUE("lang", c->lang), ferr);
#undef WEB_CLIENT_VALUE
}

/* A client's fields as typed in a form (into in; id: its activity; every
 * field's error to go to fields). */
static void web_client_in(const form *f, int64_t activity_id, client_in *in, bg_field_errors *fields)
{
	const char *terms = form_get(f, "payment_terms_days");
	*in = (client_in){activity_id, form_get(f, "kind"), form_get(f, "name"), form_get(f, "siren"),
			  form_get(f, "vat_number"), form_get(f, "address"), form_get(f, "email"),
			  terms && *terms ? strtoll(terms, NULL, 10) : -1, form_get(f, "lang"), fields};
	/* not a number of days: refused by the range check, next to the field */
	if (terms && *terms && (strspn(terms, "0123456789") != strlen(terms) || strlen(terms) > 6))
		in->payment_terms_days = 61;
}

/* POST /economy/activities/{id}/clients */
static void web_client_post(request *rq, response *rs)
{
	bg_error err;
	const form *f = page_form(rq, rs);
	if (!f)
		return;
	int64_t id = rq_param_id(rq, 0), cid;
	client_in in;
	bg_field_errors fields = {0}; /* alive while the form is shown again */
	web_client_in(f, id, &in, &fields);
	bg_status st = web_begin(rq, BG_OK, &err);
	if (st == BG_OK)
		st = client_create(rq->db, rq->person_id, &in, &cid, &err);
	web_eco_finish(rq, rs, st, &err, "/economy/activities/", id, web_eco_activity_page, id);
}

/* A client's page: its details, its documents (quotes, invoices, credit
 * notes with number, status, totals) and, for those who may, the form to
 * edit it (ferr: the error to show next to its field). */
static void web_client_page(request *rq, response *rs, int64_t id, const bg_error *ferr)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
	client_row c;
	activity a;
	bg_error err;
	sales_doc_brief *docs;
	size_t ndocs;
	if (client_get(rq->db, rq->person_id, id, &c, &err) != BG_OK ||
	    activity_access(rq->db, rq->person_id, c.activity_id, false, &a, &err) != BG_OK ||
	    sales_client_documents(rq->db, &rq->arena, rq->person_id, c.id, &docs, &ndocs, &err) != BG_OK) {
		page_fail(rq, rs, &err);
		return;
	}
	page_begin(rq, rs, c.name);
	h_printf(b, "<p><a href=\"/economy/activities/%lld\">%s</a></p><h1>%s</h1>", (long long)a.id, a.name, c.name);
	h_printf(b, "<dl><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd>", tr(L, "Kind"),
		 tr(L, strcmp(c.kind, "company") ? "Individual" : "Company"), tr(L, "Address"), c.address);
	if (c.siren[0])
		h_printf(b, "<dt>SIREN</dt><dd>%s</dd>", c.siren);
	if (c.vat_number[0])
		h_printf(b, "<dt>%s</dt><dd>%s</dd>", tr(L, "VAT number"), c.vat_number);
	if (c.email[0])
		h_printf(b, "<dt>%s</dt><dd>%s</dd>", tr(L, "Email"), c.email);
	h_printf(b, "<dt>%s</dt><dd>%lld</dd><dt>%s</dt><dd>%s</dd></dl>", tr(L, "Payment terms (days)"),
		 (long long)c.payment_terms_days, tr(L, "Language of the client's invoices and quotes"),
		 tr(L, !strcmp(c.lang, "fr") ? "French" : !strcmp(c.lang, "en") ? "English" : "The cooperative's"));
	/* its documents */
	h_printf(b, "<h2>%s</h2>", tr(L, "Documents"));
	size_t n = 0;
	for (; n < ndocs; n++) {
		const sales_doc_brief *r = &docs[n];
		if (!n)
			h_printf(b, "<table><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
				    "<th>%s</th></tr></thead><tbody>", tr(L, "Number"), tr(L, "Kind"), tr(L, "Date"), tr(L, "Status"),
				 tr(L, "Total excl. VAT"), tr(L, "Total incl. VAT"), tr(L, "Paid"));
		h_printf(b, "<tr><td><a href=\"/economy/documents/%lld\">%s</a></td><td>%s</td><td>%s</td><td>%s</td>"
			    "<td>%s</td><td>%s</td><td>%s</td></tr>", (long long)r->id, r->number ? r->number : "—",
			 web_eco_word(rq, r->kind), r->issue_date, web_eco_word(rq, r->status), web_eco_money(rq, r->total_ht),
			 web_eco_money(rq, r->total_ttc), web_eco_money(rq, r->paid));
	}
	if (n)
		h_printf(b, "</tbody></table>");
	else
		h_printf(b, "<p>%s</p>", tr(L, "No document for this client yet."));
	if (c.can_write) {
		const form *f = ferr ? rq_form(rq, &err) : NULL;
		h_printf(b, "<h2>%s</h2><p>%s</p>", tr(L, "Edit the client"),
			 tr(L, "Validated invoices and credit notes keep the client as it was when they were validated;"
			       " drafts and quotes follow the change."));
		page_error_summary(rq, rs, ferr);
		h_printf(b, "<form method=\"post\" action=\"/economy/clients/%lld\" class=\"narrow\">", (long long)c.id);
		page_csrf_field(rq, rs);
		web_eco_client_fields(rq, rs, f, &c, ferr);
		h_printf(b, "<button type=\"submit\">%s</button></form>", tr(L, "Save"));
	}
	page_end(rq, rs);
}

/* GET /economy/clients/{id} */
static void web_client(request *rq, response *rs)
{
	web_client_page(rq, rs, rq_param_id(rq, 0), NULL);
}

/* POST /economy/clients/{id}: the client's new fields */
static void web_client_update(request *rq, response *rs)
{
	bg_error err;
	const form *f = page_form(rq, rs);
	if (!f)
		return;
	int64_t id = rq_param_id(rq, 0);
	client_in in;
	bg_field_errors fields = {0};
	web_client_in(f, 0, &in, &fields);
	bg_status st = web_begin(rq, BG_OK, &err);
	if (st == BG_OK)
		st = client_update(rq->db, rq->person_id, id, &in, &err);
	web_eco_finish(rq, rs, st, &err, "/economy/clients/", id, web_client_page, id);
}

const route web_eco_clients_routes[] = {
	{HTTP_POST, "/economy/activities/{id}/clients", web_client_post, ROUTE_AUTH | ROUTE_PAGE},
	{HTTP_GET, "/economy/clients/{id}", web_client, ROUTE_AUTH | ROUTE_PAGE},
	{HTTP_POST, "/economy/clients/{id}", web_client_update, ROUTE_AUTH | ROUTE_PAGE},
	{0, NULL, NULL, 0},
};
