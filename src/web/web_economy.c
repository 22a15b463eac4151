/*
 * web_economy.c — the economy's pages, in French and English.
 *
 * For members: /economy (my activities), /economy/activities/{id} (its
 * balance, clients, quotes and invoices, expenses; a form to add a
 * client), /economy/activities/{id}/invoices/new (a draft invoice),
 * /economy/activities/{id}/expenses/new (an expense report or a supplier
 * invoice; submitted from the activity page),
 * /economy/activities/{id}/quotes/new (a quote), /economy/documents/{id}
 * (a document, its entries, its actions: validate, mark as sent, credit
 * note, invoice a quote, and for accountants record a payment),
 * /economy/clients/{id} (a client, its documents, the form to edit it).
 * For accountants: /economy/validation?cooperative_id= (draft invoices and
 * submitted expenses to decide on), /economy/ledger?cooperative_id= (the
 * journals, balances per account and per activity, the entries of one
 * document with &doc_ref=).
 *
 * Handlers are thin: parse the form, one transaction around the domain
 * call, redirect on success (POST/redirect/GET); on an error the form
 * comes back with status 422 and the message next to the field.  No
 * state changes on GET.  Amounts typed by people ("1 234,50") go through
 * money_parse(); quantities allow 3 decimals.
 */
#include "auth/authz.h"
#include "core/date.h"
#include "core/tz.h"
#include "core/i18n.h"
#include "core/money.h"
#include "economy/economy.h"
#include "economy/ledger.h"
#include "web/web_network.h"
#include "web/page.h"
#include "web/web_economy.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Formats cents for the page's language into the request's arena. */
const char *eco_money(request *rq, int64_t cents)
{
	buf b;
	buf_init(&b);
	money_format(&b, cents, rq->lang);
	char *s = arena_strdup(&rq->arena, b.data);
	buf_free(&b);
	return s;
}

/* The translated name of a document status or kind. */
const char *eco_word(request *rq, const char *w)
{
	static const char *const words[] = {N_("draft"), N_("validated"), N_("sent"), N_("partly_paid"),
		N_("paid"), N_("cancelled"), N_("accepted"), N_("refused"), N_("submitted"), N_("quote"),
		N_("invoice"), N_("credit_note"), N_("expense"), N_("supplier_invoice"), N_("support"),
		N_("salaried"), N_("closed"), N_("invoiced"), N_("partly_invoiced")};
	for (size_t i = 0; w && i < sizeof words / sizeof *words; i++)
		if (!strcmp(w, words[i]))
			return tr(rq->lang, words[i]);
	return w ? w : "";
}

/* A labelled input with its error next to it; required or not. */
void eco_input(request *rq, response *rs, const char *name, const char *label, const char *type,
		      const char *value, bool required, const bg_error *err)
{
	buf *b = &rs->body;
	bool bad = (err = bg_error_of_field(err, name)) != NULL;
	h_printf(b, "<div class=\"field%s\"><label for=\"f-%s\">%s</label>", bad ? " invalid" : "", name, label);
	if (bad)
		h_printf(b, "<p class=\"error\" id=\"e-%s\">%s</p>", name, tr(rq->lang, err->msgid));
	h_printf(b, "<input id=\"f-%s\" name=\"%s\" type=\"%s\" value=\"%s\"%s", name, name, type,
		 value ? value : "", required ? " required" : "");
	if (bad)
		h_printf(b, " aria-invalid=\"true\" aria-describedby=\"e-%s\"", name);
	h_printf(b, "></div>");
}

/* A labelled select of n (value, msgid) options with its error next to it. */
void eco_select(request *rq, response *rs, const char *name, const char *label, const char *const (*opts)[2],
		size_t n, const char *value, const bg_error *err)
{
	buf *b = &rs->body;
	bool bad = (err = bg_error_of_field(err, name)) != NULL;
	h_printf(b, "<div class=\"field%s\"><label for=\"f-%s\">%s</label>", bad ? " invalid" : "", name, label);
	if (bad)
		h_printf(b, "<p class=\"error\" id=\"e-%s\">%s</p>", name, tr(rq->lang, err->msgid));
	h_printf(b, "<select id=\"f-%s\" name=\"%s\"", name, name);
	if (bad)
		h_printf(b, " aria-invalid=\"true\" aria-describedby=\"e-%s\"", name);
	h_printf(b, ">");
	for (size_t i = 0; i < n; i++)
		h_printf(b, "<option value=\"%s\"%s>%s</option>", opts[i][0], value && !strcmp(value, opts[i][0]) ? " selected" : "",
			 tr(rq->lang, opts[i][1]));
	h_printf(b, "</select></div>");
}

/* The fields of a client's form (adding one, editing one): what was typed
 * (f) when the form comes back, else the client's values (c, or empty). */
static void web_client_fields(request *rq, response *rs, const form *f, const client_row *c, const bg_error *ferr)
{
	const char *L = rq->lang;
	static const char *const kinds[][2] = {{"company", N_("Company")}, {"individual", N_("Individual")}};
	static const char *const langs[][2] = {{"", N_("The cooperative's")}, {"fr", N_("French")}, {"en", N_("English")}};
	char terms[24] = "30";
	if (c)
		snprintf(terms, sizeof terms, "%lld", (long long)c->payment_terms_days);
#define WEB_CLIENT_VALUE(field, dflt) (f ? form_get(f, field) : c ? (dflt) : NULL)
	eco_select(rq, rs, "kind", tr(L, "Kind"), kinds, 2, WEB_CLIENT_VALUE("kind", c->kind), ferr);
	eco_input(rq, rs, "name", tr(L, "Name"), "text", WEB_CLIENT_VALUE("name", c->name), true, ferr);
	eco_input(rq, rs, "siren", tr(L, "SIREN (companies)"), "text", WEB_CLIENT_VALUE("siren", c->siren), false, ferr);
	eco_input(rq, rs, "vat_number", tr(L, "VAT number"), "text", WEB_CLIENT_VALUE("vat_number", c->vat_number), false,
		  ferr);
	eco_input(rq, rs, "address", tr(L, "Address"), "text", WEB_CLIENT_VALUE("address", c->address), true, ferr);
	eco_input(rq, rs, "email", tr(L, "Email (optional)"), "email", WEB_CLIENT_VALUE("email", c->email), false, ferr);
	eco_input(rq, rs, "payment_terms_days", tr(L, "Payment terms (days)"), "number",
		  f ? form_get(f, "payment_terms_days") : terms, true, ferr);
	eco_select(rq, rs, "lang", tr(L, "Language of the client's invoices and quotes"), langs, 3,
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

/* Links to the receipts of an expense report's lines ("—" when none). */
static void web_receipt_links(request *rq, buf *b, int64_t report_id)
{
	db_stmt *q = db_query(rq->db, "SELECT r.id, r.filename FROM expense_lines l JOIN receipts r ON r.id = l.receipt_id"
				      " WHERE l.report_id = ? ORDER BY l.id", "i", report_id);
	int n = 0;
	for (; q && db_next(q) == 1; n++)
		h_printf(b, "%s<a href=\"/economy/receipts/%lld\">%s</a>", n ? ", " : "", (long long)db_int(q, 0),
			 db_text(q, 1));
	db_done(q);
	if (!n)
		h_printf(b, "—");
}

/* The end of every creating POST: on success, commit and redirect to
 * "<prefix><target id>"; on a field error, roll back and show the form
 * again (422) with the message next to the field; otherwise an error page. */
void web_finish(request *rq, response *rs, bg_status st, bg_error *err, const char *prefix,
		       int64_t target, web_form_fn again, int64_t form_id)
{
	if (st == BG_OK && db_commit(rq->db, err) == BG_OK) {
		char to[80];
		snprintf(to, sizeof to, "%s%lld", prefix, (long long)target);
		rs_redirect(rq, rs, to);
		return;
	}
	db_rollback(rq->db);
	if (err->status != BG_ERR_INVALID && err->status != BG_ERR_CONFLICT) {
		page_fail(rq, rs, err);
		return;
	}
	again(rq, rs, form_id, err);
	rs->status = 422;
}

/* GET /economy */
static void web_economy_home(request *rq, response *rs)
{
	const char *L = rq->lang;
	buf *b = &rs->body;
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
			 (long long)acts[i].id, acts[i].name, acts[i].code, acts[i].coop_name, eco_word(rq, acts[i].status),
			 eco_money(rq, acts[i].revenue), eco_money(rq, acts[i].receivable));
	}
	h_printf(b, n ? "</tbody></table>" : "<p>%s</p>", tr(L, "You have no activity yet."));
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

/* The activity page, with the client form (and its error, if any). */
static void web_activity_page(request *rq, response *rs, int64_t id, const bg_error *ferr)
{
	enum { DOCUMENTS_PER_PAGE = 50 };
	const char *L = rq->lang;
	buf *b = &rs->body;
	activity a;
	bg_error err;
	if (activity_access(rq->db, rq->person_id, id, false, &a, &err) != BG_OK) {
		page_fail(rq, rs, &err);
		return;
	}
	int page = page_number(rq);
	sales_doc_brief *docs;
	size_t ndocs;
	int64_t total;
	if (sales_activity_documents(rq->db, &rq->arena, a.id, DOCUMENTS_PER_PAGE, (int64_t)(page - 1) * DOCUMENTS_PER_PAGE,
				     &docs, &ndocs, &total, &err) != BG_OK) {
		page_fail(rq, rs, &err);
		return;
	}
	page_begin(rq, rs, a.name);
	h_printf(b, "<p><a href=\"/economy\">%s</a></p><h1>%s</h1><p>%s %s · %s</p>", tr(L, "Economy"), a.name,
		 tr(L, "Analytic code"), a.code, eco_word(rq, a.status));
	bg_error ignored;
	if (authz_check(rq->db, rq->person_id, AUTHZ_LEDGER_POST, (scope){SCOPE_COOPERATIVE, a.coop_id}, &ignored) == BG_OK)
		h_printf(b, "<p><a href=\"/economy/activities/%lld/edit\">%s</a></p>", (long long)a.id,
			 tr(L, "Edit the activity and its members"));
	/* balance of the activity, from the maintained totals */
	h_printf(b, "<h2>%s</h2><table><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
		 tr(L, "Balance of the activity"), tr(L, "Account"), tr(L, "Debit"), tr(L, "Credit"), tr(L, "Balance"));
	db_stmt *q = db_query(rq->db, "SELECT b.account, coalesce(x.label, ''), sum(b.debit), sum(b.credit)"
				      " FROM ledger_balances b LEFT JOIN ledger_accounts x ON x.cooperative_id = b.cooperative_id"
				      " AND x.number = b.account WHERE b.activity_id = ? GROUP BY b.account ORDER BY b.account",
			      "i", a.id);
	while (q && db_next(q) == 1)
		h_printf(b, "<tr><td>%s %s</td><td>%s</td><td>%s</td><td>%s</td></tr>", db_text(q, 0), db_text(q, 1),
			 eco_money(rq, db_int(q, 2)), eco_money(rq, db_int(q, 3)), eco_money(rq, db_int(q, 2) - db_int(q, 3)));
	db_done(q);
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
			    "<td>%s</td><td>%s</td></tr>", (long long)docs[i].id, docs[i].number, eco_word(rq, docs[i].kind),
			 docs[i].issue_date, docs[i].client, eco_money(rq, docs[i].total_ttc), eco_word(rq, docs[i].status));
	h_printf(b, "</tbody></table>");
	page_pager(rq, rs, arena_printf(&rq->arena, "/economy/activities/%lld", (long long)a.id), "", page, total,
		   DOCUMENTS_PER_PAGE);
	/* expenses */
	h_printf(b, "<h2>%s</h2><table><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead>"
		    "<tbody>", tr(L, "Expenses"), tr(L, "Title"), tr(L, "Kind"), tr(L, "Total incl. VAT"), tr(L, "Receipts"),
		 tr(L, "Status"));
	q = db_query(rq->db, "SELECT title, kind, total_ttc, status, coalesce(refusal_reason, ''), id FROM expense_reports"
			     " WHERE activity_id = ? ORDER BY id DESC LIMIT 100", "i", a.id);
	while (q && db_next(q) == 1) {
		h_printf(b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>", db_text(q, 0), eco_word(rq, db_text(q, 1)),
			 eco_money(rq, db_int(q, 2)));
		web_receipt_links(rq, b, db_int(q, 5));
		h_printf(b, "</td><td>%s %s", eco_word(rq, db_text(q, 3)), db_text(q, 4));
		if (a.can_write && !strcmp(db_text(q, 3), "draft")) {
			h_printf(b, " <form class=\"inline\" method=\"post\" action=\"/economy/expenses/%lld/submit\">",
				 (long long)db_int(q, 5));
			page_csrf_field(rq, rs);
			h_printf(b, "<button type=\"submit\">%s</button></form>", tr(L, "Submit"));
		}
		h_printf(b, "</td></tr>");
	}
	db_done(q);
	h_printf(b, "</tbody></table>");
	if (a.can_write)
		h_printf(b, "<p><a class=\"button\" href=\"/economy/activities/%lld/expenses/new\">%s</a></p>",
			 (long long)a.id, tr(L, "New expense"));
	/* clients (each with its page), and the form to add one */
	h_printf(b, "<h2>%s</h2><ul>", tr(L, "Clients"));
	q = db_query(rq->db, "SELECT id, name, coalesce(siren, ''), address FROM clients WHERE activity_id = ? ORDER BY name",
		     "i", a.id);
	while (q && db_next(q) == 1)
		h_printf(b, "<li><a href=\"/economy/clients/%lld\"><strong>%s</strong></a> %s — %s</li>", (long long)db_int(q, 0),
			 db_text(q, 1), db_text(q, 2), db_text(q, 3));
	db_done(q);
	h_printf(b, "</ul>");
	if (a.can_write) {
		const form *f = ferr ? rq_form(rq, &err) : NULL;
		h_printf(b, "<h3>%s</h3>", tr(L, "Add a client"));
		page_error_summary(rq, rs, ferr);
		h_printf(b, "<form method=\"post\" action=\"/economy/activities/%lld/clients\" class=\"narrow\">", (long long)a.id);
		page_csrf_field(rq, rs);
		web_client_fields(rq, rs, f, NULL, ferr);
		h_printf(b, "<button type=\"submit\">%s</button></form>", tr(L, "Add the client"));
	}
	page_end(rq, rs);
}

/* GET /economy/activities/{id} */
static void web_activity(request *rq, response *rs)
{
	web_activity_page(rq, rs, rq_param_id(rq, 0), NULL);
}

/* POST /economy/activities/{id}/clients */
static void web_client_post(request *rq, response *rs)
{
	bg_error err;
	const form *f = rq_form(rq, &err);
	if (!f) {
		page_fail(rq, rs, &err);
		return;
	}
	int64_t id = rq_param_id(rq, 0), cid;
	client_in in;
	bg_field_errors fields = {0}; /* alive while the form is shown again */
	web_client_in(f, id, &in, &fields);
	bg_status st = db_begin(rq->db, DB_WRITE, &err);
	if (st == BG_OK)
		st = client_create(rq->db, rq->person_id, &in, &cid, &err);
	web_finish(rq, rs, st, &err, "/economy/activities/", id, web_activity_page, id);
}

/* A client's page: its details, its documents (quotes, invoices, credit
 * notes with number, status, totals) and, for those who may, the form to
 * edit it (ferr: the error to show next to its field). */
static void web_client_page(request *rq, response *rs, int64_t id, const bg_error *ferr)
{
	const char *L = rq->lang;
	buf *b = &rs->body;
	client_row c;
	activity a;
	bg_error err;
	if (client_get(rq->db, rq->person_id, id, &c, &err) != BG_OK ||
	    activity_access(rq->db, rq->person_id, c.activity_id, false, &a, &err) != BG_OK) {
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
	db_stmt *q = db_query(rq->db, "SELECT id, coalesce(number, quote_number, '—'), kind, issue_date, status, total_ht,"
				      " total_ttc, paid FROM sales_documents WHERE client_id = ? ORDER BY issue_date DESC, id DESC",
			      "i", c.id);
	int n = 0;
	for (; q && db_next(q) == 1; n++) {
		if (!n)
			h_printf(b, "<table><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
				    "<th>%s</th></tr></thead><tbody>", tr(L, "Number"), tr(L, "Kind"), tr(L, "Date"), tr(L, "Status"),
				 tr(L, "Total excl. VAT"), tr(L, "Total incl. VAT"), tr(L, "Paid"));
		h_printf(b, "<tr><td><a href=\"/economy/documents/%lld\">%s</a></td><td>%s</td><td>%s</td><td>%s</td>"
			    "<td>%s</td><td>%s</td><td>%s</td></tr>", (long long)db_int(q, 0), db_text(q, 1),
			 eco_word(rq, db_text(q, 2)), db_text(q, 3), eco_word(rq, db_text(q, 4)), eco_money(rq, db_int(q, 5)),
			 eco_money(rq, db_int(q, 6)), eco_money(rq, db_int(q, 7)));
	}
	db_done(q);
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
		web_client_fields(rq, rs, f, &c, ferr);
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
	const form *f = rq_form(rq, &err);
	if (!f) {
		page_fail(rq, rs, &err);
		return;
	}
	int64_t id = rq_param_id(rq, 0);
	client_in in;
	bg_field_errors fields = {0};
	web_client_in(f, 0, &in, &fields);
	bg_status st = db_begin(rq->db, DB_WRITE, &err);
	if (st == BG_OK)
		st = client_update(rq->db, rq->person_id, id, &in, &err);
	web_finish(rq, rs, st, &err, "/economy/clients/", id, web_client_page, id);
}

/* GET /economy/receipts/{id} — the file as it was sent, as an attachment
 * (never rendered inline by this site's origin). */
static void web_receipt(request *rq, response *rs)
{
	char *type = NULL, *name = NULL;
	unsigned char *data = NULL;
	size_t len = 0;
	bg_error err;
	if (receipt_get(rq->db, rq->person_id, rq_param_id(rq, 0), &type, &name, &data, &len, &err) != BG_OK) {
		page_fail(rq, rs, &err);
		return;
	}
	rs->status = 200;
	rs->content_type = arena_strdup(&rq->arena, type);
	buf_reset(&rs->body);
	buf_append(&rs->body, data, len);
	char disp[80];
	snprintf(disp, sizeof disp, "attachment; filename=\"receipt-%lld%s\"", (long long)rq_param_id(rq, 0),
		 !strcmp(type, "application/pdf") ? ".pdf" : !strcmp(type, "image/png") ? ".png" : ".jpg");
	rs_header(rq, rs, "Content-Disposition", disp);
	free(type);
	free(name);
	free(data);
}

/* POST /economy/expenses/{id}/submit */
static void web_expense_submit(request *rq, response *rs)
{
	bg_error err;
	int64_t id = rq_param_id(rq, 0), act = 0;
	bool found = false;
	bg_status st = db_begin(rq->db, DB_WRITE, &err);
	if (st == BG_OK)
		st = expense_submit(rq->db, rq->person_id, id, &err);
	if (st == BG_OK)
		st = db_scalar(rq->db, &err, &act, &found, "SELECT activity_id FROM expense_reports WHERE id = ?", "i", id);
	if (st == BG_OK)
		st = db_commit(rq->db, &err);
	if (st != BG_OK) {
		page_fail(rq, rs, &err);
		return;
	}
	char to[64];
	snprintf(to, sizeof to, "/economy/activities/%lld", (long long)act);
	rs_redirect(rq, rs, to);
}

/* Shows the ledger entries whose doc_ref is ref (NULL: all), newest first,
 * at most limit after skipping offset. */
void web_entries_of(request *rq, response *rs, const char *ref, int64_t coop, int limit, int64_t offset)
{
	const char *L = rq->lang;
	buf *b = &rs->body;
	h_printf(b, "<table><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
		 tr(L, "Journal"), tr(L, "Number"), tr(L, "Date"), tr(L, "Account"), tr(L, "Activity"), tr(L, "Debit"),
		 tr(L, "Credit"));
	const char *journal = rq_query(rq, "journal");
	db_stmt *q = db_query(rq->db,
		"SELECT e.journal, e.fiscal_year || '-' || e.number, e.entry_date, l.account, coalesce(a.code, ''), l.debit,"
		" l.credit, e.label, e.id FROM ledger_entries e JOIN ledger_lines l ON l.entry_id = e.id"
		" LEFT JOIN activities a ON a.id = l.activity_id WHERE e.status = 'posted' AND e.cooperative_id = ?1"
		" AND (?2 IS NULL OR e.doc_ref = ?2) AND (?3 IS NULL OR e.journal = ?3)"
		" AND e.id IN (SELECT id FROM ledger_entries WHERE cooperative_id = ?1 AND status = 'posted'"
		" AND (?2 IS NULL OR doc_ref = ?2) AND (?3 IS NULL OR journal = ?3) ORDER BY entry_date DESC, id DESC LIMIT ?4 OFFSET ?5)"
		" ORDER BY e.entry_date DESC, e.id DESC, l.id", "issii", coop, ref, journal, (int64_t)limit, offset);
	int64_t last = 0;
	while (q && db_next(q) == 1) {
		if (db_int(q, 8) != last)
			h_printf(b, "<tr class=\"entry\"><th colspan=\"7\"><a href=\"/economy/entries/%lld\">%s %s</a> — %s — %s"
				    "</th></tr>", (long long)db_int(q, 8), db_text(q, 0), db_text(q, 1), db_text(q, 2), db_text(q, 7));
		last = db_int(q, 8);
		h_printf(b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>",
			 db_text(q, 0), db_text(q, 1), db_text(q, 2), db_text(q, 3), db_text(q, 4),
			 db_int(q, 5) ? eco_money(rq, db_int(q, 5)) : "", db_int(q, 6) ? eco_money(rq, db_int(q, 6)) : "");
	}
	db_done(q);
	h_printf(b, "</tbody></table>");
}

/* The credit note form of a validated invoice: the whole invoice (nothing
 * chosen), some of its lines, or an amount excl. VAT at one of its rates;
 * what was paid beyond what stays due is refunded by the chosen method. */
static void web_credit_form(request *rq, response *rs, int64_t id, const bg_error *ferr)
{
	const char *L = rq->lang;
	buf *b = &rs->body;
	bg_error err;
	const form *f = ferr ? rq_form(rq, &err) : NULL;
	bool mine = ferr && ferr->field && (!strncmp(ferr->field, "lines", 5) || !strcmp(ferr->field, "amount_cents") ||
					    !strcmp(ferr->field, "vat_bp") || !strcmp(ferr->field, "refund_method") ||
					    !strcmp(ferr->field, "credit_date"));
	const bg_error *e = mine ? ferr : NULL;
	h_printf(b, "<h2>%s</h2><p>%s</p>", tr(L, "Credit note"),
		 tr(L, "Choose nothing to cancel the whole invoice, or some lines, or an amount excl. VAT."));
	if (e)
		page_error_summary(rq, rs, e);
	h_printf(b, "<form method=\"post\" action=\"/economy/documents/%lld/credit-note\" class=\"narrow\">", (long long)id);
	page_csrf_field(rq, rs);
	const bg_error *lines_err = e && !strncmp(e->field, "lines", 5) ? e : NULL;
	for (int k = 0; !lines_err && e && e->fields && k < e->fields->n; k++)
		if (!strncmp(e->fields->items[k].field, "lines", 5))
			lines_err = &e->fields->items[k];
	h_printf(b, lines_err ? "<fieldset class=\"invalid\"><legend>%s</legend>" : "<fieldset><legend>%s</legend>",
		 tr(L, "Lines credited"));
	if (lines_err)
		h_printf(b, "<p class=\"error\" id=\"e-lines\">%s</p>", tr(L, lines_err->msgid));
	db_stmt *q = db_query(rq->db, "SELECT position, description, total_ht, EXISTS (SELECT 1 FROM sales_credit_positions c"
				      " WHERE c.invoice_id = l.document_id AND c.position = l.position) FROM sales_lines l"
				      " WHERE document_id = ? ORDER BY position", "i", id);
	while (q && db_next(q) == 1) {
		long long pos = (long long)db_int(q, 0);
		char name[32];
		snprintf(name, sizeof name, "line-%lld", pos);
		h_printf(b, "<div class=\"field check\"><input type=\"checkbox\" id=\"f-%s\" name=\"%s\" value=\"1\"%s%s>"
			    "<label for=\"f-%s\">%s — %s%s</label></div>", name, name, f && form_get(f, name) ? " checked" : "",
			 db_int(q, 3) ? " disabled" : "", name, db_text(q, 1), eco_money(rq, db_int(q, 2)),
			 db_int(q, 3) ? tr(L, " (already credited)") : "");
	}
	db_done(q);
	h_printf(b, "</fieldset>");
	eco_input(rq, rs, "amount_cents", tr(L, "Or an amount excl. VAT (€)"), "text", f ? form_get(f, "amount_cents") : NULL,
		  false, e);
	static const char *const rates[] = {"2000", "1000", "550", "210", "0"};
	static const char *const rate_names[] = {"20 %", "10 %", "5,5 %", "2,1 %", "0 %"};
	const char *sel = f ? form_get(f, "vat_bp") : NULL;
	h_printf(b, "<div class=\"field\"><label for=\"f-vat_bp\">%s</label>", tr(L, "VAT rate of the amount"));
	if (bg_error_of_field(e, "vat_bp"))
		h_printf(b, "<p class=\"error\" id=\"e-vat_bp\">%s</p>", tr(L, bg_error_of_field(e, "vat_bp")->msgid));
	h_printf(b, "<select id=\"f-vat_bp\" name=\"vat_bp\">");
	for (int i = 0; i < 5; i++)
		h_printf(b, "<option value=\"%s\"%s>%s</option>", rates[i], sel && !strcmp(sel, rates[i]) ? " selected" : "",
			 rate_names[i]);
	h_printf(b, "</select></div>");
	eco_input(rq, rs, "description", tr(L, "Description of the amount"), "text", f ? form_get(f, "description") : NULL,
		  false, e);
	static const char *const methods[][2] = {{"transfer", N_("transfer")}, {"cheque", N_("cheque")},
						 {"card", N_("card")}, {"cash", N_("cash")}};
	eco_select(rq, rs, "refund_method", tr(L, "Refund, if already paid, by"), methods, 4,
		   f ? form_get(f, "refund_method") : NULL, e);
	h_printf(b, "<button type=\"submit\">%s</button></form>", tr(L, "Issue the credit note"));
}

/* GET /economy/documents/{id} */
/* A document's page, with the payment form's error if any. */
static void web_document_page(request *rq, response *rs, int64_t id, const bg_error *ferr)
{
	const char *L = rq->lang;
	buf *b = &rs->body;
	activity a;
	bg_error err;
	if (sales_access(rq->db, rq->person_id, id, false, &a, &err) != BG_OK) {
		page_fail(rq, rs, &err);
		return;
	}
	db_stmt *q = db_query(rq->db, "SELECT s.kind, " SALES_STATUS_SQL("s") ", coalesce(s.number, s.quote_number, ''), s.issue_date,"
				      " coalesce(s.due_date, ''),"
				      " k.name, s.total_ht, s.total_vat, s.total_ttc, s.paid, s.title, k.client_id, k.address,"
				      " coalesce(k.siren, ''), coalesce(k.vat_number, ''),"
				      " k.frozen AND (c.name, c.address, coalesce(c.siren, ''), coalesce(c.vat_number, ''))"
				      " IS NOT (k.name, k.address, coalesce(k.siren, ''), coalesce(k.vat_number, ''))"
				      " FROM sales_documents s JOIN sales_document_client k ON k.document_id = s.id"
				      " JOIN clients c ON c.id = s.client_id WHERE s.id = ?", "i", id);
	if (!q || db_next(q) != 1) {
		db_done(q);
		return;
	}
	char kind[16], status[16];
	snprintf(kind, sizeof kind, "%s", db_text(q, 0));
	snprintf(status, sizeof status, "%s", db_text(q, 1));
	const char *number = db_text(q, 2);
	char *title = number && *number ? arena_printf(&rq->arena, "%s %s", eco_word(rq, kind), number)
					: arena_printf(&rq->arena, "%s (%s)", eco_word(rq, kind), eco_word(rq, status));
	if (title[0] >= 'a' && title[0] <= 'z') /* a heading: "Facture 2026-000017" */
		title[0] = (char)(title[0] - 'a' + 'A');
	page_begin(rq, rs, title);
	h_printf(b, "<p><a href=\"/economy/activities/%lld\">%s</a></p><h1>%s</h1>", (long long)a.id, a.name, title);
	/* the client as the document shows it (frozen once validated) */
	h_printf(b, "<dl><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd class=\"doc-client\"><a href=\"/economy/clients/%lld\">%s</a>"
		    "<br>%s", tr(L, "Status"), eco_word(rq, status), tr(L, "Client"), (long long)db_int(q, 11), db_text(q, 5),
		 db_text(q, 12));
	if (db_text(q, 13)[0])
		h_printf(b, "<br>SIREN %s", db_text(q, 13));
	if (db_text(q, 14)[0])
		h_printf(b, "<br>%s %s", tr(L, "VAT number"), db_text(q, 14));
	if (db_int(q, 15))
		h_printf(b, "<br><em>%s</em>", tr(L, "The client was edited since; this document keeps the client as it was"
						 " when it was validated."));
	h_printf(b, "</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd>"
		    "<dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd></dl>",
		 tr(L, "Date"), db_text(q, 3),
		 tr(L, "Due date"), db_text(q, 4), tr(L, "Total excl. VAT"), eco_money(rq, db_int(q, 6)), tr(L, "VAT"),
		 eco_money(rq, db_int(q, 7)), tr(L, "Total incl. VAT"), eco_money(rq, db_int(q, 8)), tr(L, "Paid"),
		 eco_money(rq, db_int(q, 9)));
	db_done(q);
	bool quote = !strcmp(kind, "quote");
	h_printf(b, "<table><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th>",
		 tr(L, "Description"), tr(L, "Quantity"), tr(L, "Unit price excl. VAT"), tr(L, "VAT rate"), tr(L, "Total excl. VAT"));
	if (quote)
		h_printf(b, "<th>%s</th>", tr(L, "Invoicing"));
	h_printf(b, "</tr></thead><tbody>");
	/* a quote's lines: each invoiced at most once, by the invoice named, or still to invoice */
	q = db_query(rq->db, "SELECT l.description, l.quantity_milli, l.unit_cents, l.vat_bp, l.total_ht,"
			     " coalesce(x.invoice_id, 0), coalesce(i.number, '') FROM sales_lines l"
			     " LEFT JOIN sales_quote_invoicing x ON x.quote_line_id = l.id"
			     " LEFT JOIN sales_documents i ON i.id = x.invoice_id"
			     " WHERE l.document_id = ? ORDER BY l.position", "i", id);
	int64_t remaining = 0;
	while (q && db_next(q) == 1) {
		h_printf(b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td>", db_text(q, 0),
			 arena_printf(&rq->arena, "%lld,%03lld", (long long)(db_int(q, 1) / 1000), (long long)(db_int(q, 1) % 1000)),
			 eco_money(rq, db_int(q, 2)),
			 arena_printf(&rq->arena, "%lld,%02lld %%", (long long)(db_int(q, 3) / 100), (long long)(db_int(q, 3) % 100)),
			 eco_money(rq, db_int(q, 4)));
		if (quote && db_int(q, 5))
			h_printf(b, "<td class=\"invoiced\"><a href=\"/economy/documents/%lld\">%s</a></td>", (long long)db_int(q, 5),
				 db_text(q, 6)[0] ? arena_printf(&rq->arena, "%s %s", tr(L, "Invoiced:"), db_text(q, 6))
						  : tr(L, "Invoiced (draft)"));
		else if (quote)
			h_printf(b, "<td class=\"to-invoice\">%s</td>", tr(L, "To invoice"));
		remaining += quote && !db_int(q, 5);
		h_printf(b, "</tr>");
	}
	db_done(q);
	h_printf(b, "</tbody></table><p><a class=\"button\" href=\"/api/v1/invoices/%lld/pdf\">%s</a></p>", (long long)id,
		 tr(L, "PDF"));
	if (!strcmp(kind, "invoice") && !strcmp(status, "draft")) {
		h_printf(b, "<form method=\"post\" action=\"/economy/documents/%lld/validate\">", (long long)id);
		page_csrf_field(rq, rs);
		h_printf(b, "<button type=\"submit\">%s</button></form>", tr(L, "Validate the invoice"));
	} else if (!strcmp(kind, "invoice") && (!strcmp(status, "validated") || !strcmp(status, "sent"))) {
		if (!strcmp(status, "validated") && a.can_write) {
			h_printf(b, "<form method=\"post\" action=\"/economy/documents/%lld/send\">", (long long)id);
			page_csrf_field(rq, rs);
			h_printf(b, "<button type=\"submit\">%s</button></form>", tr(L, "Mark as sent"));
		}
	} else if (quote && strcmp(status, "refused") != 0 && a.can_write && remaining > 0) {
		/* the button invoices what remains */
		h_printf(b, "<form method=\"post\" action=\"/economy/documents/%lld/invoice\">", (long long)id);
		page_csrf_field(rq, rs);
		h_printf(b, "<button type=\"submit\">%s</button></form>",
			 !strcmp(status, "partly_invoiced") ? tr(L, "Invoice what remains") : tr(L, "Invoice this quote"));
		if (!strcmp(status, "draft")) {
			h_printf(b, "<form method=\"post\" action=\"/economy/documents/%lld/refuse\">", (long long)id);
			page_csrf_field(rq, rs);
			h_printf(b, "<button type=\"submit\">%s</button></form>", tr(L, "The client refused this quote"));
		}
	}
	bg_error ignored;
	if (!strcmp(kind, "invoice") && (!strcmp(status, "validated") || !strcmp(status, "sent") ||
					  !strcmp(status, "partly_paid")) &&
	    authz_check(rq->db, rq->person_id, AUTHZ_LEDGER_POST, (scope){SCOPE_COOPERATIVE, a.coop_id}, &ignored) == BG_OK) {
		const form *f = ferr ? rq_form(rq, &err) : NULL;
		char today[11];
		tz_today(TZ_GROUP, today);
		int64_t due = 0;
		bool found;
		db_scalar(rq->db, NULL, &due, &found, "SELECT total_ttc - credited - paid + refunded FROM sales_documents WHERE id = ?", "i", id);
		buf amount;
		buf_init(&amount);
		buf_printf(&amount, "%lld.%02lld", (long long)(due / 100), (long long)(due % 100));
		h_printf(b, "<h2>%s</h2>", tr(L, "Record a payment"));
		page_error_summary(rq, rs, ferr);
		h_printf(b, "<form method=\"post\" action=\"/economy/documents/%lld/payments\" class=\"narrow\">", (long long)id);
		page_csrf_field(rq, rs);
		eco_input(rq, rs, "date", tr(L, "Date (YYYY-MM-DD)"), "text", f ? form_get(f, "date") : today, true, ferr);
		static const char *const methods[][2] = {{"transfer", N_("transfer")}, {"cheque", N_("cheque")},
							 {"card", N_("card")}, {"cash", N_("cash")}};
		eco_select(rq, rs, "method", tr(L, "Method"), methods, 4, f ? form_get(f, "method") : NULL, ferr);
		eco_input(rq, rs, "amount", tr(L, "Amount (€)"), "text", f ? form_get(f, "amount") : amount.data, true, ferr);
		eco_input(rq, rs, "reference", tr(L, "Reference"), "text", f ? form_get(f, "reference") : NULL, false, ferr);
		h_printf(b, "<button type=\"submit\">%s</button></form>", tr(L, "Record the payment"));
		buf_free(&amount);
	}
	if (!strcmp(kind, "invoice") && (!strcmp(status, "validated") || !strcmp(status, "sent") ||
					  !strcmp(status, "partly_paid") || !strcmp(status, "paid")))
		web_credit_form(rq, rs, id, ferr);
	if (strcmp(status, "draft") != 0) {
		h_printf(b, "<h2>%s</h2>", tr(L, "Entries of this document"));
		char ref[48];
		snprintf(ref, sizeof ref, "%s:%lld", !strcmp(kind, "credit_note") ? "credit_note" : "invoice", (long long)id);
		web_entries_of(rq, rs, ref, a.coop_id, 50, 0);
		/* and the entries of the payments that settled it */
		int64_t pays[50];
		size_t np = 0;
		q = db_query(rq->db, "SELECT payment_id FROM payment_allocations WHERE document_id = ? ORDER BY payment_id"
				     " LIMIT 50", "i", id);
		while (q && db_next(q) == 1)
			pays[np++] = db_int(q, 0);
		db_done(q);
		for (size_t i = 0; i < np; i++) {
			snprintf(ref, sizeof ref, "payment:%lld", (long long)pays[i]);
			web_entries_of(rq, rs, ref, a.coop_id, 5, 0);
		}
		/* and of the refunds made with its credit notes */
		np = 0;
		q = db_query(rq->db, "SELECT id FROM sales_refunds WHERE invoice_id = ?1 OR credit_note_id = ?1 ORDER BY id"
				     " LIMIT 50", "i", id);
		while (q && db_next(q) == 1)
			pays[np++] = db_int(q, 0);
		db_done(q);
		for (size_t i = 0; i < np; i++) {
			snprintf(ref, sizeof ref, "refund:%lld", (long long)pays[i]);
			web_entries_of(rq, rs, ref, a.coop_id, 5, 0);
		}
	}
	page_end(rq, rs);
}

/* GET /economy/documents/{id} */
static void web_document(request *rq, response *rs)
{
	web_document_page(rq, rs, rq_param_id(rq, 0), NULL);
}

/* POST /economy/documents/{id}/payments — one invoice, one payment */
static void web_payment_post(request *rq, response *rs)
{
	bg_error err;
	const form *f = rq_form(rq, &err);
	if (!f) {
		page_fail(rq, rs, &err);
		return;
	}
	int64_t id = rq_param_id(rq, 0), pid = 0;
	payment_alloc alloc = {id, 0};
	bg_field_errors fields = {0}, checked = {0};
	const char *date = form_get(f, "date"), *method = form_get(f, "method"), *ref = form_get(f, "reference");
	bool read = money_field_read(&fields, "amount", form_get(f, "amount"), false, MONEY_NOT_NEGATIVE, &alloc.amount);
	payment_check(date, method, ref, &alloc, read ? 1 : 0, &checked);
	/* the one allocation is the form's amount */
	for (int i = 0; i < checked.n; i++)
		bg_field_error_add(&fields, checked.items[i].status, checked.items[i].code,
				   strncmp(checked.items[i].field, "allocations", 11) ? checked.items[i].field : "amount",
				   checked.items[i].msgid);
	bg_status st = bg_field_errors_report(&fields, &err);
	if (st == BG_OK)
		st = db_begin(rq->db, DB_WRITE, &err);
	if (st == BG_OK)
		st = payment_record(rq->db, rq->person_id, date, method, ref, &alloc, 1, &pid, &err);
	if (st != BG_OK && err.field && !strncmp(err.field, "allocations", 11))
		err.field = "amount";
	if (st != BG_OK && err.status == BG_ERR_UNPROCESSABLE)
		err.status = BG_ERR_INVALID; /* overpayment: the form comes back */
	web_finish(rq, rs, st, &err, "/economy/documents/", id, web_document_page, id);
}

/* POST /economy/documents/{id}/validate */
static void web_document_action(request *rq, response *rs, bool validate)
{
	bg_error err;
	int64_t id = rq_param_id(rq, 0), cn = 0;
	bg_status st = db_begin(rq->db, DB_WRITE, &err);
	if (st == BG_OK)
		st = validate ? sales_validate(rq->db, rq->person_id, id, NULL, &err)
			      : sales_credit_note(rq->db, rq->person_id, id, NULL, &cn, &err);
	if (st == BG_OK)
		st = db_commit(rq->db, &err);
	if (st != BG_OK) {
		page_fail(rq, rs, &err);
		return;
	}
	char to[64];
	snprintf(to, sizeof to, "/economy/documents/%lld", (long long)(cn ? cn : id));
	rs_redirect(rq, rs, to);
}

/* POST /economy/documents/{id}/validate */
static void web_document_validate(request *rq, response *rs) { web_document_action(rq, rs, true); }

/* POST /economy/documents/{id}/send, /invoice (a draft invoice from a quote), /refuse (a quote) */
static void web_document_step(request *rq, response *rs)
{
	bg_error err;
	int64_t id = rq_param_id(rq, 0), target = id;
	bool invoice = strstr(rq->path, "/invoice") != NULL, refuse = strstr(rq->path, "/refuse") != NULL;
	bg_status st = db_begin(rq->db, DB_WRITE, &err);
	if (st == BG_OK)
		st = invoice  ? sales_invoice_from_quote(rq->db, rq->person_id, id, NULL, 0, &target, &err)
		     : refuse ? sales_quote_refuse(rq->db, rq->person_id, id, &err)
			      : sales_mark_sent(rq->db, rq->person_id, id, &err);
	if (st != BG_OK) {
		page_fail(rq, rs, &err);
		return;
	}
	web_finish(rq, rs, st, &err, "/economy/documents/", target, web_document_page, id);
}
/* POST /economy/documents/{id}/credit-note {line-N?, amount_cents?, vat_bp, description?, refund_method} */
static void web_document_credit(request *rq, response *rs)
{
	bg_error err;
	int64_t id = rq_param_id(rq, 0), cn = 0, positions[SALES_MAX_LINES];
	const form *f = rq_form(rq, &err);
	if (!f) {
		page_fail(rq, rs, &err);
		return;
	}
	bg_field_errors fields = {0}; /* every field's error, shown next to each */
	sales_credit_in in = {NULL, positions, 0, 0, 0, form_get(f, "description"), form_get(f, "refund_method"), &fields};
	for (int64_t pos = 1; pos <= SALES_MAX_LINES; pos++) {
		char name[32];
		snprintf(name, sizeof name, "line-%lld", (long long)pos);
		if (form_get(f, name))
			positions[in.npositions++] = pos;
	}
	const char *amount = form_get(f, "amount_cents");
	if (money_field_read(&fields, "amount_cents", amount, true, MONEY_NOT_NEGATIVE, &in.amount_ht) && amount && *amount &&
	    !in.amount_ht)
		bg_field_error_add(&fields, BG_ERR_INVALID, "invalid_amount", "amount_cents", N_("A credit note has an amount."));
	in.vat_bp = form_get(f, "vat_bp") ? strtoll(form_get(f, "vat_bp"), NULL, 10) : 2000;
	bg_status st = db_begin(rq->db, DB_WRITE, &err);
	if (st == BG_OK)
		st = sales_credit_note_make(rq->db, rq->person_id, id, &in, &cn, NULL, &err);
	if (st != BG_OK && err.field && !strncmp(err.field, "lines[", 6))
		err.field = "lines";
	web_finish(rq, rs, st, &err, "/economy/documents/", cn, web_document_page, id);
}

/* The cooperative of ?cooperative_id= that the person keeps the books of. */
bool web_coop(request *rq, response *rs, authz_action action, int64_t *coop)
{
	bg_error err;
	const char *v = rq_query(rq, "cooperative_id");
	*coop = v ? strtoll(v, NULL, 10) : 0;
	if (authz_check(rq->db, rq->person_id, action, (scope){SCOPE_COOPERATIVE, *coop}, &err) != BG_OK) {
		page_fail(rq, rs, &err);
		return false;
	}
	return true;
}

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

/* POST /economy/expenses/{id}/validate|refuse?cooperative_id= */
static void web_expense_decide(request *rq, response *rs, bool accept)
{
	bg_error err;
	const form *f = rq_form(rq, &err);
	if (!f) {
		page_fail(rq, rs, &err);
		return;
	}
	char today[11];
	tz_today(TZ_GROUP, today);
	bg_status st = db_begin(rq->db, DB_WRITE, &err);
	if (st == BG_OK)
		st = expense_decide(rq->db, rq->person_id, rq_param_id(rq, 0), accept, form_get(f, "reason"), today, &err);
	if (st == BG_OK)
		st = db_commit(rq->db, &err);
	if (st != BG_OK) {
		page_fail(rq, rs, &err);
		return;
	}
	const char *coop = rq_query(rq, "cooperative_id");
	char to[80];
	snprintf(to, sizeof to, "/economy/validation?cooperative_id=%lld", coop ? strtoll(coop, NULL, 10) : 0LL);
	rs_redirect(rq, rs, to);
}

/* POST /economy/expenses/{id}/validate */
static void web_expense_validate(request *rq, response *rs) { web_expense_decide(rq, rs, true); }
/* POST /economy/expenses/{id}/refuse */
static void web_expense_refuse(request *rq, response *rs) { web_expense_decide(rq, rs, false); }

/* GET /economy/ledger?cooperative_id=&journal=&doc_ref= */
static void web_ledger(request *rq, response *rs)
{
	const char *L = rq->lang;
	buf *b = &rs->body;
	int64_t coop;
	if (!web_coop(rq, rs, AUTHZ_ECONOMY_READ, &coop))
		return;
	/* every entry reachable: the true total, and a page of them below */
	enum { ENTRIES_PER_PAGE = 100 };
	int page = page_number(rq);
	int64_t *ids, total = 0;
	size_t nids;
	bg_error err;
	if (ledger_entry_ids(rq->db, &rq->arena, coop, rq_query(rq, "journal"), rq_query(rq, "doc_ref"), NULL, NULL, 1, 0,
			     &ids, &nids, &total, &err) != BG_OK) {
		page_fail(rq, rs, &err);
		return;
	}
	page_begin(rq, rs, tr(L, "Journals and balances"));
	h_printf(b, "<p><a href=\"/economy\">%s</a></p><h1>%s</h1>", tr(L, "Economy"), tr(L, "Journals and balances"));
	h_printf(b, "<h2>%s</h2><table><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
		 tr(L, "Balance per account"), tr(L, "Account"), tr(L, "Debit"), tr(L, "Credit"), tr(L, "Balance"));
	db_stmt *q = db_query(rq->db, "SELECT b.account, coalesce(x.label, ''), sum(b.debit), sum(b.credit) FROM ledger_account_totals b"
				      " LEFT JOIN ledger_accounts x ON x.cooperative_id = b.cooperative_id AND x.number = b.account"
				      " WHERE b.cooperative_id = ? GROUP BY b.account ORDER BY b.account", "i", coop);
	while (q && db_next(q) == 1)
		h_printf(b, "<tr><td>%s %s</td><td>%s</td><td>%s</td><td>%s</td></tr>", db_text(q, 0), db_text(q, 1),
			 eco_money(rq, db_int(q, 2)), eco_money(rq, db_int(q, 3)), eco_money(rq, db_int(q, 2) - db_int(q, 3)));
	db_done(q);
	h_printf(b, "</tbody></table><h2>%s</h2><table><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
		 tr(L, "Balance per activity"), tr(L, "Activity"), tr(L, "Revenue excl. VAT"), tr(L, "Expenses excl. VAT"),
		 tr(L, "Receivable from clients"), tr(L, "Result"));
	q = db_query(rq->db, "SELECT coalesce(a.code, '—'),"
			     " sum(CASE WHEN b.account GLOB '7*' THEN b.credit - b.debit ELSE 0 END),"
			     " sum(CASE WHEN b.account GLOB '6*' THEN b.debit - b.credit ELSE 0 END),"
			     " sum(CASE WHEN b.account = '411' THEN b.debit - b.credit ELSE 0 END)"
			     " FROM ledger_balances b LEFT JOIN activities a ON a.id = b.activity_id WHERE b.cooperative_id = ?"
			     " GROUP BY b.activity_id ORDER BY 1", "i", coop);
	while (q && db_next(q) == 1)
		h_printf(b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>", db_text(q, 0),
			 eco_money(rq, db_int(q, 1)), eco_money(rq, db_int(q, 2)), eco_money(rq, db_int(q, 3)),
			 eco_money(rq, db_int(q, 1) - db_int(q, 2)));
	db_done(q);
	h_printf(b, "</tbody></table><h2>%s</h2><p>", tr(L, "Journals"));
	static const char *const journals[][2] = {{"VT", N_("Sales")}, {"AC", N_("Purchases")}, {"BQ", N_("Bank")}, {"OD", N_("Miscellaneous")}};
	for (int i = 0; i < 4; i++)
		h_printf(b, "<a href=\"/economy/ledger?cooperative_id=%lld&amp;journal=%s\">%s (%s)</a> · ", (long long)coop,
			 journals[i][0], tr(L, journals[i][1]), journals[i][0]);
	h_printf(b, "<a href=\"/economy/ledger?cooperative_id=%lld\">%s</a></p>", (long long)coop, tr(L, "All"));
	h_printf(b, "<p>");
	h_printf(b, trn(L, "%s entry", "%s entries", (long)total), web_net_int(rq, total));
	h_printf(b, "</p>");
	web_entries_of(rq, rs, rq_query(rq, "doc_ref"), coop, ENTRIES_PER_PAGE, (int64_t)(page - 1) * ENTRIES_PER_PAGE);
	page_pager(rq, rs, "/economy/ledger", rq_query_without(rq, "page"), page, total, ENTRIES_PER_PAGE);
	page_end(rq, rs);
}

const route web_economy_routes[] = {
	{HTTP_GET, "/economy", web_economy_home, ROUTE_AUTH | ROUTE_PAGE},
	{HTTP_GET, "/economy/activities/{id}", web_activity, ROUTE_AUTH | ROUTE_PAGE},
	{HTTP_POST, "/economy/activities/{id}/clients", web_client_post, ROUTE_AUTH | ROUTE_PAGE},
	{HTTP_GET, "/economy/clients/{id}", web_client, ROUTE_AUTH | ROUTE_PAGE},
	{HTTP_POST, "/economy/clients/{id}", web_client_update, ROUTE_AUTH | ROUTE_PAGE},
	{HTTP_GET, "/economy/activities/{id}/invoices/new", web_invoice_new, ROUTE_AUTH | ROUTE_PAGE},
	{HTTP_POST, "/economy/activities/{id}/invoices/new", web_invoice_post, ROUTE_AUTH | ROUTE_PAGE},
	{HTTP_GET, "/economy/activities/{id}/quotes/new", web_invoice_new, ROUTE_AUTH | ROUTE_PAGE},
	{HTTP_POST, "/economy/activities/{id}/quotes/new", web_invoice_post, ROUTE_AUTH | ROUTE_PAGE},
	{HTTP_GET, "/economy/activities/{id}/expenses/new", web_expense_new, ROUTE_AUTH | ROUTE_PAGE},
	{HTTP_POST, "/economy/activities/{id}/expenses/new", web_expense_post, ROUTE_AUTH | ROUTE_PAGE},
	{HTTP_POST, "/economy/expenses/{id}/submit", web_expense_submit, ROUTE_AUTH | ROUTE_PAGE},
	{HTTP_GET, "/economy/receipts/{id}", web_receipt, ROUTE_AUTH | ROUTE_PAGE},
	{HTTP_GET, "/economy/documents/{id}", web_document, ROUTE_AUTH | ROUTE_PAGE},
	{HTTP_POST, "/economy/documents/{id}/validate", web_document_validate, ROUTE_AUTH | ROUTE_PAGE},
	{HTTP_POST, "/economy/documents/{id}/credit-note", web_document_credit, ROUTE_AUTH | ROUTE_PAGE},
	{HTTP_POST, "/economy/documents/{id}/send", web_document_step, ROUTE_AUTH | ROUTE_PAGE},
	{HTTP_POST, "/economy/documents/{id}/invoice", web_document_step, ROUTE_AUTH | ROUTE_PAGE},
	{HTTP_POST, "/economy/documents/{id}/refuse", web_document_step, ROUTE_AUTH | ROUTE_PAGE},
	{HTTP_POST, "/economy/documents/{id}/payments", web_payment_post, ROUTE_AUTH | ROUTE_PAGE},
	{HTTP_GET, "/economy/validation", web_validation, ROUTE_AUTH | ROUTE_PAGE},
	{HTTP_POST, "/economy/expenses/{id}/validate", web_expense_validate, ROUTE_AUTH | ROUTE_PAGE},
	{HTTP_POST, "/economy/expenses/{id}/refuse", web_expense_refuse, ROUTE_AUTH | ROUTE_PAGE},
	{HTTP_GET, "/economy/ledger", web_ledger, ROUTE_AUTH | ROUTE_PAGE},
	{0, NULL, NULL, 0},
};
