/*
 * economy/documents.c — /api/v1/quotes and /api/v1/invoices: list, read,
 * create, change, validate, send, refuse, invoice a quote, credit note,
 * PDF.
 */
#include "api/economy/api_economy_internal.h"

/* Lists documents of a kind ("quote", or invoices and credit notes). */
static void eco_documents(request *rq, response *rs, bool quotes)
{
	int64_t act = api_eco_query_id(rq, "activity_id");
	const char *status = rq_query(rq, "status");
	sales_doc_brief *v;
	size_t n;
	int64_t total;
	bg_error err;
	api_paging pg;
	if (!api_paging_read(rq, rs, &pg))
		return;
	if (sales_document_list_visible(rq->db, &rq->arena, rq->person_id, act, status, quotes, pg.limit, pg.offset, &v,
					&n, &total, &err) != BG_OK) {
		reply_error(rq, rs, &err);
		return;
	}
	buf *b = reply_json(rs, 200);
	buf_printf(b, "{\"%s\":[", quotes ? "quotes" : "invoices");
	for (size_t i = 0; i < n; i++) {
		buf_printf(b, "%s{\"id\":%lld", i ? "," : "", (long long)v[i].id);
		api_eco_str(b, "kind", v[i].kind, true);
		api_eco_str(b, "status", v[i].status, true);
		api_eco_str(b, "number", v[i].number, true);
		api_eco_str(b, "issue_date", v[i].issue_date, true);
		api_eco_str(b, "due_date", v[i].due_date, true);
		buf_printf(b, ",\"total_ttc_cents\":%lld,\"paid_cents\":%lld,\"activity_id\":%lld",
			   (long long)v[i].total_ttc, (long long)v[i].paid, (long long)v[i].activity_id);
		api_eco_str(b, "client", v[i].client, true);
		buf_puts(b, "}");
	}
	buf_puts(b, "]");
	api_paging_json(b, &pg, total);
	buf_puts(b, "}");
}

/* GET /api/v1/quotes */
static void api_quotes(request *rq, response *rs) { eco_documents(rq, rs, true); }
/* GET /api/v1/invoices (with credit notes) */
static void api_invoices(request *rq, response *rs) { eco_documents(rq, rs, false); }

/* GET /api/v1/quotes/{id}, /api/v1/invoices/{id} */
static void api_document_get(request *rq, response *rs)
{
	activity a;
	bg_error err;
	int64_t id = rq_param_id(rq, 0);
	if (sales_access(rq->db, rq->person_id, id, false, &a, &err) != BG_OK) {
		reply_error(rq, rs, &err);
		return;
	}
	api_eco_document_json(rq, reply_json(rs, 200), id);
}

/* Writes a quote or an invoice (id 0: a new draft, else the draft's new
 * content) from the body, in the caller's transaction: every field's error
 * at once (400 with error.fields), nothing written on any. */
static bg_status eco_document_write(request *rq, json_t *body, sales_doc_in *in, bg_field_errors *fields,
				    int64_t *id, bg_error *err)
{
	sales_line_in *lines = arena_alloc(&rq->arena, SALES_MAX_LINES * sizeof *lines);
	bg_status st = BG_OK;
	if (api_eco_doc_in(body, in, lines, fields))
		st = sales_check(rq->db, rq->person_id, *id, in, fields, err);
	if (st == BG_OK)
		st = bg_field_errors_report(fields, err);
	if (st == BG_OK)
		st = *id ? sales_update(rq->db, rq->person_id, *id, in, err)
			 : sales_create(rq->db, rq->person_id, in, id, err);
	return st;
}

/* POST /api/v1/quotes and /api/v1/invoices: a draft */
static void eco_document_create(request *rq, response *rs, const char *kind)
{
	json_t *body = api_body(rq, rs);
	if (!body)
		return;
	sales_doc_in in = {.kind = kind};
	bg_field_errors fields = {0};
	bg_error err;
	api_eco_idem ik;
	int64_t id = 0;
	if (!api_eco_begin(rq, rs, &ik)) {
		json_decref(body);
		return;
	}
	bg_status st = eco_document_write(rq, body, &in, &fields, &id, &err);
	json_decref(body);
	if (st != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	api_eco_document_json(rq, reply_json(rs, 201), id);
	api_eco_finish(rq, rs, &ik);
}

/* POST /api/v1/quotes */
static void api_quote_create(request *rq, response *rs) { eco_document_create(rq, rs, "quote"); }
/* POST /api/v1/invoices */
static void api_invoice_create(request *rq, response *rs) { eco_document_create(rq, rs, "invoice"); }

/* PUT /api/v1/quotes/{id}, /api/v1/invoices/{id}: a draft's new content */
static void api_document_update(request *rq, response *rs)
{
	json_t *body = api_body(rq, rs);
	if (!body)
		return;
	sales_doc_in in = {0};
	bg_field_errors fields = {0};
	bg_error err;
	int64_t id = rq_param_id(rq, 0);
	bg_status st = db_begin(rq->db, DB_WRITE, &err);
	if (st == BG_OK)
		st = eco_document_write(rq, body, &in, &fields, &id, &err);
	json_decref(body);
	if (st != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	if (api_commit(rq, rs))
		api_eco_document_json(rq, reply_json(rs, 200), id);
}

/* Reads an optional {"date": …} body (an empty body is fine). */
bool api_eco_date_body(request *rq, response *rs, json_t **body, const char **date)
{
	*body = NULL;
	*date = NULL;
	if (rq->body.len == 0)
		return true;
	*body = api_body(rq, rs);
	if (!*body)
		return false;
	bg_error err;
	if (json_get_string(*body, "date", false, 10, date, &err) != BG_OK) {
		json_decref(*body);
		reply_error(rq, rs, &err);
		return false;
	}
	return true;
}

/* POST /api/v1/invoices/{id}/validate {date?} */
static void api_invoice_validate(request *rq, response *rs)
{
	json_t *body;
	const char *date;
	bg_error err;
	api_eco_idem ik;
	int64_t id = rq_param_id(rq, 0);
	if (!api_eco_date_body(rq, rs, &body, &date))
		return;
	if (!api_eco_begin(rq, rs, &ik)) {
		json_decref(body);
		return;
	}
	bg_status st = sales_validate(rq->db, rq->person_id, id, date, &err);
	json_decref(body);
	if (st != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	api_eco_document_json(rq, reply_json(rs, 200), id);
	api_eco_finish(rq, rs, &ik);
}

/* POST /api/v1/invoices/{id}/credit-note {date?, lines?: [positions], amount_cents?, vat_bp?,
 * description?, refund_method?} — the whole invoice, some lines, or an amount excl. VAT. */
static void api_invoice_credit_note(request *rq, response *rs)
{
	json_t *body;
	const char *date;
	bg_error err;
	api_eco_idem ik;
	int64_t id = 0, refund = 0, positions[SALES_MAX_LINES];
	if (!api_eco_date_body(rq, rs, &body, &date))
		return;
	bg_field_errors fields = {0};
	sales_credit_in in = {date, positions, 0, 0, 0, NULL, NULL, &fields};
	json_t *arr = body ? json_object_get(body, "lines") : NULL;
	if (arr && (!json_is_array(arr) || json_array_size(arr) > SALES_MAX_LINES))
		bg_field_error_add(&fields, BG_ERR_INVALID, "wrong_type", "lines", N_("The invoice has no such line."));
	for (size_t i = 0; json_is_array(arr) && i < json_array_size(arr) && i < SALES_MAX_LINES; i++) {
		json_t *v = json_array_get(arr, i);
		if (!json_is_integer(v))
			bg_field_error_add(&fields, BG_ERR_INVALID, "wrong_type", ledger_field_name("lines", i, "position"),
					   N_("The invoice has no such line."));
		else
			positions[in.npositions++] = json_integer_value(v);
	}
	json_t *amount = body ? json_object_get(body, "amount_cents") : NULL;
	api_eco_int(&fields, body, NULL, 0, "amount_cents", false, &in.amount_ht);
	api_eco_int(&fields, body, NULL, 0, "vat_bp", amount != NULL, &in.vat_bp);
	api_eco_string(&fields, body, NULL, 0, "description", false, 5000, &in.description);
	api_eco_string(&fields, body, NULL, 0, "refund_method", false, 10, &in.refund_method);
	if (amount && json_is_integer(amount) && in.amount_ht == 0)
		bg_field_error_add(&fields, BG_ERR_INVALID, "invalid_amount", "amount_cents", N_("A credit note has an amount."));
	if (!api_eco_begin(rq, rs, &ik)) {
		json_decref(body);
		return;
	}
	bg_status st = sales_credit_note_make(rq->db, rq->person_id, rq_param_id(rq, 0), &in, &id, &refund, &err);
	json_decref(body);
	if (st != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	api_eco_document_json(rq, reply_json(rs, 201), id);
	api_eco_finish(rq, rs, &ik);
}

/* POST /api/v1/quotes/{id}/refuse — the client said no. */
static void api_quote_refuse(request *rq, response *rs)
{
	bg_error err;
	int64_t id = rq_param_id(rq, 0);
	if (db_begin(rq->db, DB_WRITE, &err) != BG_OK || sales_quote_refuse(rq->db, rq->person_id, id, &err) != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	if (api_commit(rq, rs))
		api_eco_document_json(rq, reply_json(rs, 200), id);
}

/* POST /api/v1/invoices/{id}/send */
static void api_invoice_send(request *rq, response *rs)
{
	bg_error err;
	int64_t id = rq_param_id(rq, 0);
	if (db_begin(rq->db, DB_WRITE, &err) != BG_OK || sales_mark_sent(rq->db, rq->person_id, id, &err) != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	if (api_commit(rq, rs))
		api_eco_document_json(rq, reply_json(rs, 200), id);
}

/* POST /api/v1/quotes/{id}/invoice {positions?} — a draft invoice from a quote */
static void api_quote_invoice(request *rq, response *rs)
{
	json_t *body = NULL;
	int64_t positions[SALES_MAX_LINES], id = 0;
	size_t np = 0;
	bg_error err;
	api_eco_idem ik;
	if (rq->body.len) {
		body = api_body(rq, rs);
		if (!body)
			return;
		json_t *arr = json_object_get(body, "positions");
		for (size_t i = 0; json_is_array(arr) && i < json_array_size(arr) && np < SALES_MAX_LINES; i++)
			positions[np++] = json_is_integer(json_array_get(arr, i))
						  ? json_integer_value(json_array_get(arr, i)) : -1;
	}
	if (!api_eco_begin(rq, rs, &ik)) {
		json_decref(body);
		return;
	}
	bg_status st = sales_invoice_from_quote(rq->db, rq->person_id, rq_param_id(rq, 0), positions, np, &id, &err);
	json_decref(body);
	if (st != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	api_eco_document_json(rq, reply_json(rs, 201), id);
	api_eco_finish(rq, rs, &ik);
}

/* GET /api/v1/invoices/{id}/pdf, /api/v1/quotes/{id}/pdf */
static void api_document_pdf(request *rq, response *rs)
{
	unsigned char *pdf = NULL;
	size_t len = 0;
	bg_error err;
	if (sales_pdf(rq->db, rq->person_id, rq_param_id(rq, 0), rq->lang, &pdf, &len, &err) != BG_OK) {
		reply_error(rq, rs, &err);
		return;
	}
	rs->status = 200;
	rs->content_type = "application/pdf";
	buf_reset(&rs->body);
	buf_append(&rs->body, pdf, len);
	free(pdf);
	char disp[80];
	snprintf(disp, sizeof disp, "inline; filename=\"document-%lld.pdf\"", (long long)rq_param_id(rq, 0));
	rs_header(rq, rs, "Content-Disposition", disp);
}

const route api_eco_documents_routes[] = {
	{HTTP_GET, "/api/v1/quotes", api_quotes, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/quotes", api_quote_create, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/quotes/{id}", api_document_get, ROUTE_AUTH},
	{HTTP_PUT, "/api/v1/quotes/{id}", api_document_update, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/quotes/{id}/pdf", api_document_pdf, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/quotes/{id}/invoice", api_quote_invoice, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/quotes/{id}/refuse", api_quote_refuse, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/invoices", api_invoices, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/invoices", api_invoice_create, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/invoices/{id}", api_document_get, ROUTE_AUTH},
	{HTTP_PUT, "/api/v1/invoices/{id}", api_document_update, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/invoices/{id}/validate", api_invoice_validate, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/invoices/{id}/send", api_invoice_send, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/invoices/{id}/credit-note", api_invoice_credit_note, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/invoices/{id}/pdf", api_document_pdf, ROUTE_AUTH},
	{0, NULL, NULL, 0},
};
