/*
 * economy/documents.c — quotes, invoices and credit notes: the forms of a
 * new quote or invoice (/economy/activities/{id}/invoices/new,
 * …/quotes/new), a document's page /economy/documents/{id} (its entries and
 * its actions: validate, mark as sent, credit note, invoice a quote, refuse,
 * and for accountants record a payment).
 *
 * Every field is checked at once: what the page parses (amounts through
 * money_field_read, quantities) and what the domain checks go into one
 * bg_field_errors, and the form comes back (422) with each field's own
 * message next to it and what was typed kept; nothing is written while
 * any field is wrong.
 */
#include "web/economy/web_economy_internal.h"

/* The credit note form of a validated invoice: the whole invoice (nothing
 * chosen), some of its lines, or an amount excl. VAT at one of its rates;
 * what was paid beyond what stays due is refunded by the chosen method. */
static void web_credit_form(request *rq, response *rs, const sales_doc_view *v, const bg_error *ferr)
{
	int64_t id = v->id;
	const char *L = rq->lang;
	html *b = page_html(rs);
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
	h_printf(b, "<fieldset");
	if (lines_err)
		h_attr(b, "class", "invalid");
	h_printf(b, "><legend>%s</legend>", tr(L, "Lines credited"));
	if (lines_err)
		h_printf(b, "<p class=\"error\" id=\"e-lines\">%s</p>", tr(L, lines_err->msgid));
	for (size_t i = 0; i < v->nlines; i++) {
		const sales_doc_line_view *l = &v->lines[i];
		long long pos = (long long)l->position;
		char name[32];
		snprintf(name, sizeof name, "line-%lld", pos);
		h_printf(b, "<div class=\"field check\"><input type=\"checkbox\" id=\"f-%s\" name=\"%s\" value=\"1\"", name, name);
		h_bool(b, "checked", f && form_get(f, name));
		h_bool(b, "disabled", l->credited);
		h_printf(b, "><label for=\"f-%s\">%s — %s", name, l->description, web_eco_money(rq, l->total_ht));
		if (l->credited)
			h_text(b, tr(L, " (already credited)"));
		h_printf(b, "</label></div>");
	}
	h_printf(b, "</fieldset>");
	web_eco_input(rq, rs, "amount_cents", tr(L, "Or an amount excl. VAT (€)"), "text", f ? form_get(f, "amount_cents") : NULL,
		  false, e);
	static const char *const rates[] = {"2000", "1000", "550", "210", "0"};
	static const char *const rate_names[] = {"20 %", "10 %", "5,5 %", "2,1 %", "0 %"};
	const char *sel = f ? form_get(f, "vat_bp") : NULL;
	widget_select_begin(rq, rs, &(widget){.name = "vat_bp", .label = tr(L, "VAT rate of the amount"), .err = e});
	for (int i = 0; i < 5; i++)
		widget_option(rs, rates[i], rate_names[i], sel && !strcmp(sel, rates[i]));
	widget_select_end(rs);
	web_eco_input(rq, rs, "description", tr(L, "Description of the amount"), "text", f ? form_get(f, "description") : NULL,
		  false, e);
	static const char *const methods[][2] = {{"transfer", N_("transfer")}, {"cheque", N_("cheque")},
						 {"card", N_("card")}, {"cash", N_("cash")}};
	web_eco_select(rq, rs, "refund_method", tr(L, "Refund, if already paid, by"), methods, 4,
		   f ? form_get(f, "refund_method") : NULL, e);
	h_printf(b, "<button type=\"submit\">%s</button></form>", tr(L, "Issue the credit note"));
}

/* GET /economy/documents/{id} */
/* A document's page, with the payment form's error if any. */
static void web_document_page(request *rq, response *rs, int64_t id, const bg_error *ferr)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
	activity a;
	sales_doc_view v;
	sales_entries *entries = NULL;
	size_t nentries = 0;
	bg_error err;
	if (sales_access(rq->db, rq->person_id, id, false, &a, &err) != BG_OK ||
	    sales_document_view_get(rq->db, &rq->arena, rq->person_id, id, &v, &err) != BG_OK ||
	    (strcmp(v.status, "draft") != 0 &&
	     sales_document_entries(rq->db, &rq->arena, rq->person_id, id, rq_query(rq, "journal"), &entries, &nentries,
				    &err) != BG_OK)) {
		page_fail(rq, rs, &err);
		return;
	}
	const char *kind = v.kind, *status = v.status;
	const char *number = v.number ? v.number : v.quote_number ? v.quote_number : "";
	char *title = number && *number ? arena_printf(&rq->arena, "%s %s", web_eco_word(rq, kind), number)
					: arena_printf(&rq->arena, "%s (%s)", web_eco_word(rq, kind), web_eco_word(rq, status));
	if (title[0] >= 'a' && title[0] <= 'z') /* a heading: "Facture 2026-000017" */
		title[0] = (char)(title[0] - 'a' + 'A');
	page_begin(rq, rs, title);
	h_printf(b, "<p><a href=\"/economy/activities/%lld\">%s</a></p><h1>%s</h1>", (long long)a.id, a.name, title);
	/* the client as the document shows it (frozen once validated) */
	h_printf(b, "<dl><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd class=\"doc-client\"><a href=\"/economy/clients/%lld\">%s</a>"
		    "<br>%s", tr(L, "Status"), web_eco_word(rq, status), tr(L, "Client"), (long long)v.client_id, v.client.name,
		 v.client.address);
	if (v.client.siren && *v.client.siren)
		h_printf(b, "<br>SIREN %s", v.client.siren);
	if (v.client.vat_number && *v.client.vat_number)
		h_printf(b, "<br>%s %s", tr(L, "VAT number"), v.client.vat_number);
	if (v.client.edited)
		h_printf(b, "<br><em>%s</em>", tr(L, "The client was edited since; this document keeps the client as it was"
						 " when it was validated."));
	h_printf(b, "</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd>"
		    "<dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd></dl>",
		 tr(L, "Date"), v.issue_date,
		 tr(L, "Due date"), v.due_date ? v.due_date : "", tr(L, "Total excl. VAT"), web_eco_money(rq, v.total_ht), tr(L, "VAT"),
		 web_eco_money(rq, v.total_vat), tr(L, "Total incl. VAT"), web_eco_money(rq, v.total_ttc), tr(L, "Paid"),
		 web_eco_money(rq, v.paid));
	bool quote = !strcmp(kind, "quote");
	h_printf(b, "<table><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th>",
		 tr(L, "Description"), tr(L, "Quantity"), tr(L, "Unit price excl. VAT"), tr(L, "VAT rate"), tr(L, "Total excl. VAT"));
	if (quote)
		h_printf(b, "<th>%s</th>", tr(L, "Invoicing"));
	h_printf(b, "</tr></thead><tbody>");
	/* a quote's lines: each invoiced at most once, by the invoice named, or still to invoice */
	int64_t remaining = 0;
	for (size_t i = 0; i < v.nlines; i++) {
		const sales_doc_line_view *l = &v.lines[i];
		h_printf(b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td>", l->description,
			 arena_printf(&rq->arena, "%lld,%03lld", (long long)(l->quantity_milli / 1000),
				      (long long)(l->quantity_milli % 1000)),
			 web_eco_money(rq, l->unit_cents),
			 arena_printf(&rq->arena, "%lld,%02lld %%", (long long)(l->vat_bp / 100), (long long)(l->vat_bp % 100)),
			 web_eco_money(rq, l->total_ht));
		if (quote && l->invoice_id)
			h_printf(b, "<td class=\"invoiced\"><a href=\"/economy/documents/%lld\">%s</a></td>", (long long)l->invoice_id,
				 l->invoice_number && *l->invoice_number
					 ? arena_printf(&rq->arena, "%s %s", tr(L, "Invoiced:"), l->invoice_number)
					 : tr(L, "Invoiced (draft)"));
		else if (quote)
			h_printf(b, "<td class=\"to-invoice\">%s</td>", tr(L, "To invoice"));
		remaining += quote && !l->invoice_id;
		h_printf(b, "</tr>");
	}
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
		int64_t due = v.total_ttc - v.credited - v.paid + v.refunded;
		buf amount;
		buf_init(&amount);
		buf_printf(&amount, "%lld.%02lld", (long long)(due / 100), (long long)(due % 100));
		h_printf(b, "<h2>%s</h2>", tr(L, "Record a payment"));
		page_error_summary(rq, rs, ferr);
		h_printf(b, "<form method=\"post\" action=\"/economy/documents/%lld/payments\" class=\"narrow\">", (long long)id);
		page_csrf_field(rq, rs);
		web_eco_input(rq, rs, "date", tr(L, "Date (YYYY-MM-DD)"), "text", f ? form_get(f, "date") : today, true, ferr);
		static const char *const methods[][2] = {{"transfer", N_("transfer")}, {"cheque", N_("cheque")},
							 {"card", N_("card")}, {"cash", N_("cash")}};
		web_eco_select(rq, rs, "method", tr(L, "Method"), methods, 4, f ? form_get(f, "method") : NULL, ferr);
		web_eco_input(rq, rs, "amount", tr(L, "Amount (€)"), "text", f ? form_get(f, "amount") : amount.data, true, ferr);
		web_eco_input(rq, rs, "reference", tr(L, "Reference"), "text", f ? form_get(f, "reference") : NULL, false, ferr);
		h_printf(b, "<button type=\"submit\">%s</button></form>", tr(L, "Record the payment"));
		buf_free(&amount);
	}
	if (!strcmp(kind, "invoice") && (!strcmp(status, "validated") || !strcmp(status, "sent") ||
					  !strcmp(status, "partly_paid") || !strcmp(status, "paid")))
		web_credit_form(rq, rs, &v, ferr);
	if (strcmp(status, "draft") != 0) {
		/* its own entries, then those of the payments that settled it and
		 * of the refunds made with its credit notes */
		h_printf(b, "<h2>%s</h2>", tr(L, "Entries of this document"));
		for (size_t i = 0; i < nentries; i++)
			web_eco_entries_table(rq, rs, entries[i].lines, entries[i].n);
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
	const form *f = page_form(rq, rs);
	if (!f)
		return;
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
	st = web_begin(rq, st, &err);
	if (st == BG_OK)
		st = payment_record(rq->db, rq->person_id, date, method, ref, &alloc, 1, &pid, &err);
	if (st != BG_OK && err.field && !strncmp(err.field, "allocations", 11))
		err.field = "amount";
	if (st != BG_OK && err.status == BG_ERR_UNPROCESSABLE)
		err.status = BG_ERR_INVALID; /* overpayment: the form comes back */
	web_eco_finish(rq, rs, st, &err, "/economy/documents/", id, web_document_page, id);
}

/* POST /economy/documents/{id}/validate */
static void web_document_action(request *rq, response *rs, bool validate)
{
	bg_error err;
	int64_t id = rq_param_id(rq, 0), cn = 0;
	bg_status st = web_begin(rq, BG_OK, &err);
	if (st == BG_OK)
		st = validate ? sales_validate(rq->db, rq->person_id, id, NULL, &err)
			      : sales_credit_note(rq->db, rq->person_id, id, NULL, &cn, &err);
	web_finish(rq, rs, st, &err, arena_printf(&rq->arena, "/economy/documents/%lld", (long long)(cn ? cn : id)),
		   WEB_BUTTON);
}

/* POST /economy/documents/{id}/validate */
static void web_document_validate(request *rq, response *rs) { web_document_action(rq, rs, true); }

/* POST /economy/documents/{id}/send, /invoice (a draft invoice from a quote), /refuse (a quote) */
static void web_document_step(request *rq, response *rs)
{
	bg_error err;
	int64_t id = rq_param_id(rq, 0), target = id;
	bool invoice = strstr(rq->path, "/invoice") != NULL, refuse = strstr(rq->path, "/refuse") != NULL;
	bg_status st = web_begin(rq, BG_OK, &err);
	if (st == BG_OK)
		st = invoice  ? sales_invoice_from_quote(rq->db, rq->person_id, id, NULL, 0, &target, &err)
		     : refuse ? sales_quote_refuse(rq->db, rq->person_id, id, &err)
			      : sales_mark_sent(rq->db, rq->person_id, id, &err);
	web_finish(rq, rs, st, &err, arena_printf(&rq->arena, "/economy/documents/%lld", (long long)target), WEB_BUTTON);
}
/* POST /economy/documents/{id}/credit-note {line-N?, amount_cents?, vat_bp, description?, refund_method} */
static void web_document_credit(request *rq, response *rs)
{
	bg_error err;
	int64_t id = rq_param_id(rq, 0), cn = 0, positions[SALES_MAX_LINES];
	const form *f = page_form(rq, rs);
	if (!f)
		return;
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
	bg_status st = web_begin(rq, BG_OK, &err);
	if (st == BG_OK)
		st = sales_credit_note_make(rq->db, rq->person_id, id, &in, &cn, NULL, &err);
	if (st != BG_OK && err.field && !strncmp(err.field, "lines[", 6))
		err.field = "lines";
	web_eco_finish(rq, rs, st, &err, "/economy/documents/", cn, web_document_page, id);
}

/* The new-invoice form: a client, a title, three lines. */
static void web_invoice_form(request *rq, response *rs, int64_t id, const bg_error *ferr)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
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
	widget_select_begin(rq, rs, &(widget){.name = "client_id", .label = tr(L, "Client"), .err = ferr});
	client_list_row *clients = NULL;
	size_t nclients = 0;
	if (client_list_visible(rq->db, &rq->arena, rq->person_id, a.id, &clients, &nclients, &err) != BG_OK) {
		page_fail(rq, rs, &err);
		return;
	}
	const char *chosen = f ? form_get(f, "client_id") : NULL;
	for (size_t i = 0; i < nclients; i++)
		widget_option(rs, arena_printf(&rq->arena, "%lld", (long long)clients[i].id), clients[i].name,
			      chosen && strtoll(chosen, NULL, 10) == clients[i].id);
	widget_select_end(rs);
	web_eco_input(rq, rs, "title", tr(L, "Subject"), "text", f ? form_get(f, "title") : NULL, false, ferr);
	web_eco_input(rq, rs, "supply_date", tr(L, "Date of the supply (YYYY-MM-DD), if it differs"), "text",
		  f ? form_get(f, "supply_date") : NULL, false, ferr);
	web_eco_input(rq, rs, "vat_mention", tr(L, "VAT exemption mention (for lines at 0 %)"), "text",
		  f ? form_get(f, "vat_mention") : NULL, false, ferr);
	static const int64_t rates[] = {2000, 1000, 550, 210, 0};
	static const char *const rate_names[] = {"20 %", "10 %", "5,5 %", "2,1 %", "0 %"};
	for (int i = 0; i < 3; i++) {
		char name[40], label[80];
		h_printf(b, "<fieldset><legend>%s %d</legend>", tr(L, "Line"), i + 1);
		snprintf(name, sizeof name, "lines[%d].description", i);
		web_eco_input(rq, rs, arena_strdup(&rq->arena, name), tr(L, "Description"), "text", f ? form_get(f, name) : NULL, i == 0, ferr);
		snprintf(name, sizeof name, "lines[%d].quantity", i);
		web_eco_input(rq, rs, arena_strdup(&rq->arena, name), tr(L, "Quantity (up to 3 decimals)"), "text",
			  f ? form_get(f, name) : "1", i == 0, ferr);
		snprintf(name, sizeof name, "lines[%d].unit_price_cents", i);
		snprintf(label, sizeof label, "%s", tr(L, "Unit price excl. VAT (€)"));
		web_eco_input(rq, rs, arena_strdup(&rq->arena, name), label, "text", f ? form_get(f, name) : NULL, i == 0, ferr);
		snprintf(name, sizeof name, "lines[%d].vat_bp", i);
		const char *sel = f ? form_get(f, name) : NULL;
		widget_select_begin(rq, rs,
				    &(widget){.name = arena_strdup(&rq->arena, name), .label = tr(L, "VAT rate"), .err = ferr});
		for (int k = 0; k < 5; k++) {
			char v[8];
			snprintf(v, sizeof v, "%lld", (long long)rates[k]);
			widget_option(rs, v, rate_names[k], sel && !strcmp(sel, v));
		}
		widget_select_end(rs);
		h_printf(b, "</fieldset>");
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
	const form *f = page_form(rq, rs);
	if (!f)
		return;
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
	bg_status st = web_begin(rq, BG_OK, &err);
	if (st == BG_OK)
		st = sales_check(rq->db, rq->person_id, 0, &in, &checked, &err);
	web_eco_fields_take(&fields, &checked, index, n);
	if (st == BG_OK)
		st = bg_field_errors_report(&fields, &err);
	if (st == BG_OK)
		st = sales_create(rq->db, rq->person_id, &in, &did, &err);
	web_eco_finish(rq, rs, st, &err, "/economy/documents/", did, web_invoice_form, id);
}

const route web_eco_documents_routes[] = {
	{HTTP_GET, "/economy/activities/{id}/invoices/new", web_invoice_new, ROUTE_AUTH | ROUTE_PAGE},
	{HTTP_POST, "/economy/activities/{id}/invoices/new", web_invoice_post, ROUTE_AUTH | ROUTE_PAGE},
	{HTTP_GET, "/economy/activities/{id}/quotes/new", web_invoice_new, ROUTE_AUTH | ROUTE_PAGE},
	{HTTP_POST, "/economy/activities/{id}/quotes/new", web_invoice_post, ROUTE_AUTH | ROUTE_PAGE},
	{HTTP_GET, "/economy/documents/{id}", web_document, ROUTE_AUTH | ROUTE_PAGE},
	{HTTP_POST, "/economy/documents/{id}/validate", web_document_validate, ROUTE_AUTH | ROUTE_PAGE},
	{HTTP_POST, "/economy/documents/{id}/credit-note", web_document_credit, ROUTE_AUTH | ROUTE_PAGE},
	{HTTP_POST, "/economy/documents/{id}/send", web_document_step, ROUTE_AUTH | ROUTE_PAGE},
	{HTTP_POST, "/economy/documents/{id}/invoice", web_document_step, ROUTE_AUTH | ROUTE_PAGE},
	{HTTP_POST, "/economy/documents/{id}/refuse", web_document_step, ROUTE_AUTH | ROUTE_PAGE},
	{HTTP_POST, "/economy/documents/{id}/payments", web_payment_post, ROUTE_AUTH | ROUTE_PAGE},
	{0, NULL, NULL, 0},
};
