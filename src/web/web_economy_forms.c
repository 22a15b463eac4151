/*
 * web_economy_forms.c — the economy's document forms (see web_economy.c
 * for the other pages): a new quote or invoice
 * (/economy/activities/{id}/invoices/new, …/quotes/new) and a new expense
 * report or supplier invoice (/economy/activities/{id}/expenses/new).
 *
 * Every field is checked at once: what the page parses (amounts through
 * money_field_read, quantities) and what the domain checks go into one
 * bg_field_errors, and the form comes back (422) with each field's own
 * message next to it and what was typed kept; nothing is written while
 * any field is wrong.
 */
#include "core/i18n.h"
#include "core/money.h"
#include "economy/economy.h"
#include "economy/ledger.h"
#include "http/multipart.h"
#include "web/page.h"
#include "web/web_economy.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void eco_fields_take(bg_field_errors *to, const bg_field_errors *from, const int *index, size_t n)
{
	for (int k = 0; k < from->n; k++) {
		const bg_error *e = &from->items[k];
		char name[BG_FIELD_NAME_MAX];
		size_t line = 0;
		int used = 0;
		if (sscanf(e->field, "lines[%zu].%n", &line, &used) == 1 && used > 0 && line < n)
			snprintf(name, sizeof name, "lines[%d].%s", index[line], e->field + used);
		else
			snprintf(name, sizeof name, "%s", e->field);
		bg_field_error_add(to, e->status, e->code, name, e->msgid);
	}
}

/* A file input for a receipt, with its error next to it; a file is never
 * sent back, so after an error the person chooses it again. */
static void eco_file_input(request *rq, response *rs, const char *name, const char *label, const bg_error *err)
{
	buf *b = &rs->body;
	bool bad = (err = bg_error_of_field(err, name)) != NULL;
	h_printf(b, "<div class=\"field%s\"><label for=\"f-%s\">%s</label>", bad ? " invalid" : "", name, label);
	if (bad)
		h_printf(b, "<p class=\"error\" id=\"e-%s\">%s</p>", name, tr(rq->lang, err->msgid));
	h_printf(b, "<input id=\"f-%s\" name=\"%s\" type=\"file\""
		    " accept=\"application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png\"", name, name);
	if (bad)
		h_printf(b, " aria-invalid=\"true\" aria-describedby=\"e-%s\"", name);
	h_printf(b, "></div>");
}

/* The new-invoice form: a client, a title, three lines. */
static void web_invoice_form(request *rq, response *rs, int64_t id, const bg_error *ferr)
{
	const char *L = rq->lang;
	buf *b = &rs->body;
	activity a;
	bg_error err;
	if (activity_access(rq->db, rq->person_id, id, true, &a, &err) != BG_OK) {
		page_fail(rq, rs, &err);
		return;
	}
	const form *f = ferr ? rq_form(rq, &err) : NULL;
	bool quote = strstr(rq->path, "/quotes/") != NULL;
	const char *title = quote ? tr(L, "New quote") : tr(L, "New invoice");
	page_begin(rq, rs, title);
	h_printf(b, "<p><a href=\"/economy/activities/%lld\">%s</a></p><h1>%s</h1>", (long long)a.id, a.name, title);
	page_error_summary(rq, rs, ferr);
	h_printf(b, "<form method=\"post\" action=\"/economy/activities/%lld/%s/new\">", (long long)a.id,
		 quote ? "quotes" : "invoices");
	page_csrf_field(rq, rs);
	h_printf(b, "<div class=\"field\"><label for=\"f-client_id\">%s</label><select id=\"f-client_id\" name=\"client_id\">",
		 tr(L, "Client"));
	client_list_row *clients = NULL;
	size_t nclients = 0;
	if (client_list_visible(rq->db, &rq->arena, rq->person_id, a.id, &clients, &nclients, &err) != BG_OK) {
		page_fail(rq, rs, &err);
		return;
	}
	const char *chosen = f ? form_get(f, "client_id") : NULL;
	for (size_t i = 0; i < nclients; i++)
		h_printf(b, "<option value=\"%lld\"%s>%s</option>", (long long)clients[i].id,
			 chosen && strtoll(chosen, NULL, 10) == clients[i].id ? " selected" : "", clients[i].name);
	h_printf(b, "</select></div>");
	eco_input(rq, rs, "title", tr(L, "Subject"), "text", f ? form_get(f, "title") : NULL, false, ferr);
	eco_input(rq, rs, "supply_date", tr(L, "Date of the supply (YYYY-MM-DD), if it differs"), "text",
		  f ? form_get(f, "supply_date") : NULL, false, ferr);
	eco_input(rq, rs, "vat_mention", tr(L, "VAT exemption mention (for lines at 0 %)"), "text",
		  f ? form_get(f, "vat_mention") : NULL, false, ferr);
	static const int64_t rates[] = {2000, 1000, 550, 210, 0};
	static const char *const rate_names[] = {"20 %", "10 %", "5,5 %", "2,1 %", "0 %"};
	for (int i = 0; i < 3; i++) {
		char name[40], label[80];
		h_printf(b, "<fieldset><legend>%s %d</legend>", tr(L, "Line"), i + 1);
		snprintf(name, sizeof name, "lines[%d].description", i);
		eco_input(rq, rs, arena_strdup(&rq->arena, name), tr(L, "Description"), "text", f ? form_get(f, name) : NULL, i == 0, ferr);
		snprintf(name, sizeof name, "lines[%d].quantity", i);
		eco_input(rq, rs, arena_strdup(&rq->arena, name), tr(L, "Quantity (up to 3 decimals)"), "text",
			  f ? form_get(f, name) : "1", i == 0, ferr);
		snprintf(name, sizeof name, "lines[%d].unit_price_cents", i);
		snprintf(label, sizeof label, "%s", tr(L, "Unit price excl. VAT (€)"));
		eco_input(rq, rs, arena_strdup(&rq->arena, name), label, "text", f ? form_get(f, name) : NULL, i == 0, ferr);
		snprintf(name, sizeof name, "lines[%d].vat_bp", i);
		const char *sel = f ? form_get(f, name) : NULL;
		h_printf(b, "<div class=\"field\"><label for=\"f-%s\">%s</label><select id=\"f-%s\" name=\"%s\">", name,
			 tr(L, "VAT rate"), name, name);
		for (int k = 0; k < 5; k++) {
			char v[8];
			snprintf(v, sizeof v, "%lld", (long long)rates[k]);
			h_printf(b, "<option value=\"%s\"%s>%s</option>", v, sel && !strcmp(sel, v) ? " selected" : "", rate_names[k]);
		}
		h_printf(b, "</select></div></fieldset>");
	}
	h_printf(b, "<button type=\"submit\">%s</button></form>", tr(L, "Save the draft"));
	page_end(rq, rs);
}

/* GET /economy/activities/{id}/invoices/new and /quotes/new */
void web_invoice_new(request *rq, response *rs)
{
	web_invoice_form(rq, rs, rq_param_id(rq, 0), NULL);
}

/* POST /economy/activities/{id}/invoices/new */
void web_invoice_post(request *rq, response *rs)
{
	bg_error err;
	const form *f = rq_form(rq, &err);
	if (!f) {
		page_fail(rq, rs, &err);
		return;
	}
	int64_t id = rq_param_id(rq, 0), did = 0;
	sales_line_in lines[3];
	int index[3]; /* the form's line of each line given */
	size_t n = 0;
	bg_field_errors fields = {0}, checked = {0}; /* every field's error, shown next to each */
	for (int i = 0; i < 3; i++) {
		char k[40];
		snprintf(k, sizeof k, "lines[%d].description", i);
		const char *desc = form_get(f, k);
		if (i > 0 && (!desc || !*desc))
			continue;
		index[n] = i;
		sales_line_in *l = &lines[n++];
		*l = (sales_line_in){.description = desc, .quantity_milli = 1000};
		snprintf(k, sizeof k, "lines[%d].quantity", i);
		if (!sales_parse_quantity(form_get(f, k), &l->quantity_milli))
			bg_field_error_add(&fields, BG_ERR_INVALID, "invalid_quantity", k, N_("A quantity is positive, with at most 3 decimals."));
		snprintf(k, sizeof k, "lines[%d].unit_price_cents", i);
		money_field_read(&fields, k, form_get(f, k), false, MONEY_NOT_NEGATIVE, &l->unit_cents);
		snprintf(k, sizeof k, "lines[%d].vat_bp", i);
		l->vat_bp = form_get(f, k) ? strtoll(form_get(f, k), NULL, 10) : 2000;
	}
	const char *client = form_get(f, "client_id");
	const char *kind = strstr(rq->path, "/quotes/") ? "quote" : "invoice";
	sales_doc_in in = {id, client ? strtoll(client, NULL, 10) : 0, kind, NULL, form_get(f, "supply_date"),
			   form_get(f, "title"), NULL, form_get(f, "vat_mention"), lines, n};
	bg_status st = db_begin(rq->db, DB_WRITE, &err);
	if (st == BG_OK)
		st = sales_check(rq->db, rq->person_id, 0, &in, &checked, &err);
	eco_fields_take(&fields, &checked, index, n);
	if (st == BG_OK)
		st = bg_field_errors_report(&fields, &err);
	if (st == BG_OK)
		st = sales_create(rq->db, rq->person_id, &in, &did, &err);
	web_finish(rq, rs, st, &err, "/economy/documents/", did, web_invoice_form, id);
}

/* The new-expense form: an expense report or a supplier invoice, three lines. */
static void web_expense_form(request *rq, response *rs, int64_t id, const bg_error *ferr)
{
	const char *L = rq->lang;
	buf *b = &rs->body;
	activity a;
	bg_error err;
	if (activity_access(rq->db, rq->person_id, id, true, &a, &err) != BG_OK) {
		page_fail(rq, rs, &err);
		return;
	}
	const form *f = ferr ? rq_form(rq, &err) : NULL;
	page_begin(rq, rs, tr(L, "New expense"));
	h_printf(b, "<p><a href=\"/economy/activities/%lld\">%s</a></p><h1>%s</h1>", (long long)a.id, a.name,
		 tr(L, "New expense"));
	page_error_summary(rq, rs, ferr);
	h_printf(b, "<form method=\"post\" enctype=\"multipart/form-data\" action=\"/economy/activities/%lld/expenses/new\">",
		 (long long)a.id);
	page_csrf_field(rq, rs);
	const char *kind = f ? form_get(f, "kind") : NULL;
	h_printf(b, "<div class=\"field\"><label for=\"f-kind\">%s</label><select id=\"f-kind\" name=\"kind\">"
		    "<option value=\"expense\">%s</option><option value=\"supplier_invoice\"%s>%s</option></select></div>",
		 tr(L, "Kind"), eco_word(rq, "expense"), kind && !strcmp(kind, "supplier_invoice") ? " selected" : "",
		 eco_word(rq, "supplier_invoice"));
	eco_input(rq, rs, "title", tr(L, "Title"), "text", f ? form_get(f, "title") : NULL, true, ferr);
	eco_input(rq, rs, "supplier", tr(L, "Supplier (supplier invoices)"), "text", f ? form_get(f, "supplier") : NULL,
		  false, ferr);
	static const char *const cats[] = {N_("travel"), N_("mileage"), N_("meals"), N_("supplies"), N_("equipment"),
		N_("fees"), N_("telecom"), N_("rent"), N_("insurance"), N_("bank"), N_("advertising"), N_("goods"),
		N_("subcontracting")};
	for (int i = 0; i < 3; i++) {
		char name[40];
		h_printf(b, "<fieldset><legend>%s %d</legend>", tr(L, "Line"), i + 1);
		snprintf(name, sizeof name, "lines[%d].date", i);
		eco_input(rq, rs, arena_strdup(&rq->arena, name), tr(L, "Date (YYYY-MM-DD)"), "text",
			  f ? form_get(f, name) : NULL, i == 0, ferr);
		snprintf(name, sizeof name, "lines[%d].category", i);
		const char *sel = f ? form_get(f, name) : NULL;
		h_printf(b, "<div class=\"field\"><label for=\"f-%s\">%s</label><select id=\"f-%s\" name=\"%s\">", name,
			 tr(L, "Category"), name, name);
		for (size_t k = 0; k < sizeof cats / sizeof *cats; k++)
			h_printf(b, "<option value=\"%s\"%s>%s</option>", cats[k], sel && !strcmp(sel, cats[k]) ? " selected" : "",
				 tr(L, cats[k]));
		h_printf(b, "</select></div>");
		snprintf(name, sizeof name, "lines[%d].description", i);
		eco_input(rq, rs, arena_strdup(&rq->arena, name), tr(L, "Description"), "text", f ? form_get(f, name) : NULL,
			  false, ferr);
		snprintf(name, sizeof name, "lines[%d].amount_cents", i);
		eco_input(rq, rs, arena_strdup(&rq->arena, name), tr(L, "Amount incl. VAT (€)"), "text",
			  f ? form_get(f, name) : NULL, false, ferr);
		snprintf(name, sizeof name, "lines[%d].vat_cents", i);
		eco_input(rq, rs, arena_strdup(&rq->arena, name), tr(L, "Deductible VAT (€)"), "text",
			  f ? form_get(f, name) : NULL, false, ferr);
		snprintf(name, sizeof name, "lines[%d].km", i);
		eco_input(rq, rs, arena_strdup(&rq->arena, name), tr(L, "Kilometres (mileage)"), "text",
			  f ? form_get(f, name) : NULL, false, ferr);
		snprintf(name, sizeof name, "lines[%d].receipt", i);
		eco_file_input(rq, rs, arena_strdup(&rq->arena, name), tr(L, "Receipt (PDF, JPEG or PNG, at most 1 MiB)"),
			       ferr);
		h_printf(b, "</fieldset>");
	}
	h_printf(b, "<button type=\"submit\">%s</button></form>", tr(L, "Save the draft"));
	page_end(rq, rs);
}

/* GET /economy/activities/{id}/expenses/new */
void web_expense_new(request *rq, response *rs)
{
	web_expense_form(rq, rs, rq_param_id(rq, 0), NULL);
}

/* POST /economy/activities/{id}/expenses/new */
void web_expense_post(request *rq, response *rs)
{
	bg_error err;
	const form *f = rq_form(rq, &err);
	if (!f) {
		page_fail(rq, rs, &err);
		return;
	}
	int64_t id = rq_param_id(rq, 0), eid = 0;
	expense_line_in lines[3];
	const multipart_file *files[3] = {NULL, NULL, NULL};
	const char *file_field[3] = {NULL, NULL, NULL};
	size_t n = 0;
	int index[3]; /* the form's line of each line given */
	/* every field's error, named by the line given (checked), then by the
	 * form's line (fields) to be shown next to each */
	bg_field_errors fields = {0}, checked = {0};
	for (int i = 0; i < 3; i++) {
		char k[40];
		snprintf(k, sizeof k, "lines[%d].date", i);
		const char *date = form_get(f, k);
		if (i > 0 && (!date || !*date))
			continue;
		index[n] = i;
		expense_line_in *l = &lines[n];
		*l = (expense_line_in){.date = date};
		snprintf(k, sizeof k, "lines[%d].category", i);
		l->category = form_get(f, k);
		snprintf(k, sizeof k, "lines[%d].description", i);
		l->description = form_get(f, k);
		snprintf(k, sizeof k, "lines[%d].amount_cents", i);
		money_field_read(&checked, ledger_field_name("lines", n, "amount_cents"), form_get(f, k), true, MONEY_NOT_NEGATIVE,
				 &l->amount_ttc);
		snprintf(k, sizeof k, "lines[%d].vat_cents", i);
		money_field_read(&checked, ledger_field_name("lines", n, "vat_cents"), form_get(f, k), true, MONEY_NOT_NEGATIVE,
				 &l->vat);
		snprintf(k, sizeof k, "lines[%d].receipt", i);
		files[n] = rq_file(rq, k);
		file_field[n] = arena_strdup(&rq->arena, ledger_field_name("lines", n, "receipt"));
		snprintf(k, sizeof k, "lines[%d].km", i);
		const char *km = form_get(f, k);
		if (km && *km && (strspn(km, "0123456789") != strlen(km) || strlen(km) > 6))
			bg_field_error_add(&checked, BG_ERR_INVALID, "invalid_km", ledger_field_name("lines", n, "km"),
					   N_("Mileage is 1 to 100000 km, without VAT."));
		else if (km && *km)
			l->km = strtoll(km, NULL, 10);
		n++;
	}
	expense_in in = {id, form_get(f, "kind"), form_get(f, "title"), form_get(f, "supplier"), NULL, lines, n, &checked};
	bg_status st = db_begin(rq->db, DB_WRITE, &err);
	/* The receipts go in the same transaction, through the API's function:
	 * a refused file or expense writes nothing. */
	for (size_t i = 0; st == BG_OK && i < n; i++) {
		if (!files[i])
			continue;
		bg_error e;
		st = receipt_store(rq->db, rq->person_id, id, files[i]->filename, receipt_type_of_name(files[i]->filename),
				   files[i]->data, files[i]->size, &lines[i].receipt_id, &e);
		if (st == BG_ERR_INVALID)
			bg_field_error_add(&checked, e.status, e.code, file_field[i], e.msgid);
		if (st != BG_OK && st != BG_ERR_INVALID)
			err = e;
		else
			st = BG_OK;
	}
	if (st == BG_OK)
		st = expense_create(rq->db, rq->person_id, &in, &eid, &err);
	if (st != BG_OK && err.fields == &checked) {
		eco_fields_take(&fields, &checked, index, n);
		st = bg_field_errors_report(&fields, &err);
	}
	web_finish(rq, rs, st, &err, "/economy/activities/", id, web_expense_form, id);
}

