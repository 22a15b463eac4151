/*
 * economy/expenses.c — expense reports and supplier invoices: the form
 * /economy/activities/{id}/expenses/new (with its receipts), submitting
 * one, its receipts /economy/receipts/{id} (the file as it was sent), and
 * the accountants' decision (validate, refuse).  Every field is checked at
 * once, as on the documents' forms.
 */
#include "web/economy/web_economy_internal.h"

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
	/* the stored type came from the file's magic bytes at upload (PDF, PNG,
	 * JPEG); a row saying anything else is served as bytes, never as a page */
	bool known = !strcmp(type, "application/pdf") || !strcmp(type, "image/png") || !strcmp(type, "image/jpeg");
	buf_append(rs_body(rs, known ? arena_strdup(&rq->arena, type) : "application/octet-stream"), data, len);
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
	int64_t id = rq_param_id(rq, 0);
	expense_view v = {0};
	bg_status st = web_begin(rq, BG_OK, &err);
	if (st == BG_OK)
		st = expense_submit(rq->db, rq->person_id, id, &err);
	if (st == BG_OK)
		st = expense_view_get(rq->db, &rq->arena, rq->person_id, id, &v, &err);
	web_finish(rq, rs, st, &err, arena_printf(&rq->arena, "/economy/activities/%lld", (long long)v.activity_id),
		   WEB_BUTTON);
}

/* POST /economy/expenses/{id}/validate|refuse?cooperative_id= */
static void web_expense_decide(request *rq, response *rs, bool accept)
{
	bg_error err;
	const form *f = page_form(rq, rs);
	if (!f)
		return;
	char today[11];
	tz_today(TZ_GROUP, today);
	bg_status st = web_begin(rq, BG_OK, &err);
	if (st == BG_OK)
		st = expense_decide(rq->db, rq->person_id, rq_param_id(rq, 0), accept, form_get(f, "reason"), today, &err);
	const char *coop = rq_query(rq, "cooperative_id");
	web_finish(rq, rs, st, &err,
		   arena_printf(&rq->arena, "/economy/validation?cooperative_id=%lld", coop ? strtoll(coop, NULL, 10) : 0LL),
		   WEB_BUTTON);
}

/* POST /economy/expenses/{id}/validate */
static void web_expense_validate(request *rq, response *rs) { web_expense_decide(rq, rs, true); }
/* POST /economy/expenses/{id}/refuse */
static void web_expense_refuse(request *rq, response *rs) { web_expense_decide(rq, rs, false); }

/* The new-expense form: an expense report or a supplier invoice, three lines. */
static void web_expense_form(request *rq, response *rs, int64_t id, const bg_error *ferr)
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
	page_begin(rq, rs, tr(L, "New expense"));
	h_printf(b, "<p><a href=\"/economy/activities/%lld\">%s</a></p><h1>%s</h1>", (long long)a.id, a.name,
		 tr(L, "New expense"));
	page_error_summary(rq, rs, ferr);
	h_printf(b, "<form method=\"post\" enctype=\"multipart/form-data\" action=\"/economy/activities/%lld/expenses/new\">",
		 (long long)a.id);
	page_csrf_field(rq, rs);
	const char *kind = f ? form_get(f, "kind") : NULL;
	widget_select_begin(rq, rs, &(widget){.name = "kind", .label = tr(L, "Kind"), .err = ferr});
	widget_option(rs, "expense", web_eco_word(rq, "expense"), false);
	widget_option(rs, "supplier_invoice", web_eco_word(rq, "supplier_invoice"), kind && !strcmp(kind, "supplier_invoice"));
	widget_select_end(rs);
	web_eco_input(rq, rs, "title", tr(L, "Title"), "text", f ? form_get(f, "title") : NULL, true, ferr);
	web_eco_input(rq, rs, "supplier", tr(L, "Supplier (supplier invoices)"), "text", f ? form_get(f, "supplier") : NULL,
		  false, ferr);
	static const char *const cats[] = {N_("travel"), N_("mileage"), N_("meals"), N_("supplies"), N_("equipment"),
		N_("fees"), N_("telecom"), N_("rent"), N_("insurance"), N_("bank"), N_("advertising"), N_("goods"),
		N_("subcontracting")};
	for (int i = 0; i < 3; i++) {
		char name[40];
		h_printf(b, "<fieldset><legend>%s %d</legend>", tr(L, "Line"), i + 1);
		snprintf(name, sizeof name, "lines[%d].date", i);
		web_eco_input(rq, rs, arena_strdup(&rq->arena, name), tr(L, "Date (YYYY-MM-DD)"), "text",
			  f ? form_get(f, name) : NULL, i == 0, ferr);
		snprintf(name, sizeof name, "lines[%d].category", i);
		const char *sel = f ? form_get(f, name) : NULL;
		widget_select_begin(rq, rs,
				    &(widget){.name = arena_strdup(&rq->arena, name), .label = tr(L, "Category"), .err = ferr});
		for (size_t k = 0; k < sizeof cats / sizeof *cats; k++)
			widget_option(rs, cats[k], tr(L, cats[k]), sel && !strcmp(sel, cats[k]));
		widget_select_end(rs);
		snprintf(name, sizeof name, "lines[%d].description", i);
		web_eco_input(rq, rs, arena_strdup(&rq->arena, name), tr(L, "Description"), "text", f ? form_get(f, name) : NULL,
			  false, ferr);
		snprintf(name, sizeof name, "lines[%d].amount_cents", i);
		web_eco_input(rq, rs, arena_strdup(&rq->arena, name), tr(L, "Amount incl. VAT (€)"), "text",
			  f ? form_get(f, name) : NULL, false, ferr);
		snprintf(name, sizeof name, "lines[%d].vat_cents", i);
		web_eco_input(rq, rs, arena_strdup(&rq->arena, name), tr(L, "Deductible VAT (€)"), "text",
			  f ? form_get(f, name) : NULL, false, ferr);
		snprintf(name, sizeof name, "lines[%d].km", i);
		web_eco_input(rq, rs, arena_strdup(&rq->arena, name), tr(L, "Kilometres (mileage)"), "text",
			  f ? form_get(f, name) : NULL, false, ferr);
		snprintf(name, sizeof name, "lines[%d].receipt", i);
		/* a file is never sent back: after an error it is chosen again */
		widget receipt = {.name = arena_strdup(&rq->arena, name),
				  .label = tr(L, "Receipt (PDF, JPEG or PNG, at most 1 MiB)"), .err = ferr};
		widget_file(rq, rs, "application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png", &receipt);
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
	const form *f = page_form(rq, rs);
	if (!f)
		return;
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
	bg_status st = web_begin(rq, BG_OK, &err);
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
		web_eco_fields_take(&fields, &checked, index, n);
		st = bg_field_errors_report(&fields, &err);
	}
	web_eco_finish(rq, rs, st, &err, "/economy/activities/", id, web_expense_form, id);
}

const route web_eco_expenses_routes[] = {
	{HTTP_GET, "/economy/activities/{id}/expenses/new", web_expense_new, ROUTE_AUTH | ROUTE_PAGE},
	{HTTP_POST, "/economy/activities/{id}/expenses/new", web_expense_post, ROUTE_AUTH | ROUTE_PAGE},
	{HTTP_POST, "/economy/expenses/{id}/submit", web_expense_submit, ROUTE_AUTH | ROUTE_PAGE},
	{HTTP_GET, "/economy/receipts/{id}", web_receipt, ROUTE_AUTH | ROUTE_PAGE},
	{HTTP_POST, "/economy/expenses/{id}/validate", web_expense_validate, ROUTE_AUTH | ROUTE_PAGE},
	{HTTP_POST, "/economy/expenses/{id}/refuse", web_expense_refuse, ROUTE_AUTH | ROUTE_PAGE},
	{0, NULL, NULL, 0},
};
