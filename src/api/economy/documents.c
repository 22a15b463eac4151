/*
 * economy/documents.c — /api/v1/quotes and /api/v1/invoices: list, read,
 * create, change, validate, send, refuse, invoice a quote, credit note,
 * PDF.
 */
#include "api/economy/api_economy_internal.h"

/* One document of a list of quotes or invoices. */
static void eco_document_item(buf *b, const void *rows, size_t i)
{
	const sales_doc_brief *v = rows;
	buf_printf(b, "{\"id\":%lld", (long long)v[i].id);
	api_eco_str(b, "kind", v[i].kind, true);
	api_eco_str(b, "status", v[i].status, true);
	api_eco_str(b, "number", v[i].number, true);
	api_eco_str(b, "issue_date", v[i].issue_date, true);
	api_eco_str(b, "due_date", v[i].due_date, true);
	buf_printf(b, ",\"total_ttc_cents\":%lld,\"paid_cents\":%lld,\"activity_id\":%lld", (long long)v[i].total_ttc,
		   (long long)v[i].paid, (long long)v[i].activity_id);
	api_eco_str(b, "client", v[i].client, true);
	buf_puts(b, "}");
}

/* Lists documents of a kind (ctx non-NULL: quotes; else invoices and
 * credit notes). */
static bg_status eco_documents(api_req *r, bg_error *err)
{
	request *rq = r->rq;
	bool quotes = r->ctx != NULL;
	int64_t act = api_eco_query_id(rq, "activity_id");
	const char *status = rq_query(rq, "status");
	sales_doc_brief *v = NULL;
	api_paging pg;
	bg_status st = api_paging_get(rq, &pg, err);
	if (st == BG_OK)
		st = sales_document_list_visible(rq->db, &rq->arena, rq->person_id, act, status, quotes, pg.limit,
						 pg.offset, &v, &pg.n, &pg.total, err);
	return api_page(r, st, quotes ? "quotes" : "invoices", eco_document_item, v, &pg);
}

/* GET /api/v1/quotes/{id}, /api/v1/invoices/{id} */
API_OP(api_document_get, API_PLAIN, eco_document_get)
{
	activity a;
	bg_status st = sales_access(r->rq->db, r->rq->person_id, r->id, false, &a, err);
	if (st == BG_OK)
		api_eco_document_json(r->rq, api_json(r, 200), r->id);
	return st;
}

/* Writes a quote or an invoice from the body (r->id 0: a new draft of kind
 * r->ctx, answered 201; else the draft's new content, answered 200):
 * every field's error at once (400 with error.fields), nothing written on
 * any. */
static bg_status eco_document_write(api_req *r, bg_error *err)
{
	request *rq = r->rq;
	sales_doc_in in = {.kind = r->id ? NULL : r->ctx};
	sales_line_in *lines = arena_alloc(&rq->arena, SALES_MAX_LINES * sizeof *lines);
	int64_t id = r->id;
	bg_status st = BG_OK;
	if (api_eco_doc_in(r->body, &in, lines, &r->fields))
		st = sales_check(rq->db, rq->person_id, id, &in, &r->fields, err);
	if (st == BG_OK)
		st = bg_field_errors_report(&r->fields, err);
	if (st == BG_OK)
		st = id ? sales_update(rq->db, rq->person_id, id, &in, err) : sales_create(rq->db, rq->person_id, &in, &id, err);
	if (st == BG_OK)
		api_eco_document_json(rq, api_json(r, r->id ? 200 : 201), id);
	return st;
}

/* The optional "date" of r's body (API_BODY_OPT: none, NULL). */
bg_status api_eco_date(api_req *r, const char **date, bg_error *err)
{
	*date = NULL;
	return r->body ? json_get_string(r->body, "date", false, 10, date, err) : BG_OK;
}

/* POST /api/v1/invoices/{id}/validate {date?} */
API_OP(api_invoice_validate, API_ONCE_OPT, eco_invoice_validate)
{
	const char *date;
	bg_status st = api_eco_date(r, &date, err);
	if (st == BG_OK)
		st = sales_validate(r->rq->db, r->rq->person_id, r->id, date, err);
	if (st == BG_OK)
		api_eco_document_json(r->rq, api_json(r, 200), r->id);
	return st;
}

/* POST /api/v1/invoices/{id}/credit-note {date?, lines?: [positions], amount_cents?, vat_bp?,
 * description?, refund_method?} — the whole invoice, some lines, or an amount excl. VAT. */
API_OP(api_invoice_credit_note, API_ONCE_OPT, eco_invoice_credit_note)
{
	json_t *body = r->body;
	bg_field_errors *fields = &r->fields;
	const char *date;
	int64_t id = 0, refund = 0, positions[SALES_MAX_LINES];
	bg_status st = api_eco_date(r, &date, err);
	if (st != BG_OK)
		return st;
	sales_credit_in in = {date, positions, 0, 0, 0, NULL, NULL, fields};
	json_t *arr = body ? json_object_get(body, "lines") : NULL;
	if (arr && (!json_is_array(arr) || json_array_size(arr) > SALES_MAX_LINES))
		bg_field_error_add(fields, BG_ERR_INVALID, "wrong_type", "lines", N_("The invoice has no such line."));
	for (size_t i = 0; json_is_array(arr) && i < json_array_size(arr) && i < SALES_MAX_LINES; i++) {
		json_t *v = json_array_get(arr, i);
		if (!json_is_integer(v))
			bg_field_error_add(fields, BG_ERR_INVALID, "wrong_type", ledger_field_name("lines", i, "position"),
					   N_("The invoice has no such line."));
		else
			positions[in.npositions++] = json_integer_value(v);
	}
	json_t *amount = body ? json_object_get(body, "amount_cents") : NULL;
	api_eco_int(fields, body, NULL, 0, "amount_cents", false, &in.amount_ht);
	api_eco_int(fields, body, NULL, 0, "vat_bp", amount != NULL, &in.vat_bp);
	api_eco_string(fields, body, NULL, 0, "description", false, 5000, &in.description);
	api_eco_string(fields, body, NULL, 0, "refund_method", false, 10, &in.refund_method);
	if (amount && json_is_integer(amount) && in.amount_ht == 0)
		bg_field_error_add(fields, BG_ERR_INVALID, "invalid_amount", "amount_cents", N_("A credit note has an amount."));
	st = sales_credit_note_make(r->rq->db, r->rq->person_id, r->id, &in, &id, &refund, err);
	if (st == BG_OK)
		api_eco_document_json(r->rq, api_json(r, 201), id);
	return st;
}

/* POST /api/v1/quotes/{id}/refuse — the client said no. */
API_OP(api_quote_refuse, API_PLAIN, eco_quote_refuse)
{
	bg_status st = sales_quote_refuse(r->rq->db, r->rq->person_id, r->id, err);
	return st == BG_OK ? eco_document_get(r, err) : st;
}

/* POST /api/v1/invoices/{id}/send */
API_OP(api_invoice_send, API_PLAIN, eco_invoice_send)
{
	bg_status st = sales_mark_sent(r->rq->db, r->rq->person_id, r->id, err);
	return st == BG_OK ? eco_document_get(r, err) : st;
}

/* POST /api/v1/quotes/{id}/invoice {positions?} — a draft invoice from a quote */
API_OP(api_quote_invoice, API_ONCE_OPT, eco_quote_invoice)
{
	int64_t positions[SALES_MAX_LINES], id = 0;
	size_t np = 0;
	json_t *arr = r->body ? json_object_get(r->body, "positions") : NULL;
	for (size_t i = 0; json_is_array(arr) && i < json_array_size(arr) && np < SALES_MAX_LINES; i++)
		positions[np++] = json_is_integer(json_array_get(arr, i)) ? json_integer_value(json_array_get(arr, i)) : -1;
	bg_status st = sales_invoice_from_quote(r->rq->db, r->rq->person_id, r->id, positions, np, &id, err);
	if (st == BG_OK)
		api_eco_document_json(r->rq, api_json(r, 201), id);
	return st;
}

/* GET /api/v1/invoices/{id}/pdf, /api/v1/quotes/{id}/pdf */
API_OP(api_document_pdf, API_PLAIN, eco_document_pdf)
{
	unsigned char *pdf = NULL;
	size_t len = 0;
	bg_status st = sales_pdf(r->rq->db, r->rq->person_id, r->id, r->rq->lang, &pdf, &len, err);
	if (st != BG_OK)
		return st;
	response *rs = r->rs;
	rs->status = 200;
	rs->content_type = "application/pdf";
	buf_reset(&rs->body);
	buf_append(&rs->body, pdf, len);
	free(pdf);
	char disp[80];
	snprintf(disp, sizeof disp, "inline; filename=\"document-%lld.pdf\"", (long long)r->id);
	rs_header(r->rq, rs, "Content-Disposition", disp);
	return BG_OK;
}

/* The handlers: each one api_run of its operation (a document's kind, or
 * which list, in ctx). */
API_HANDLER(api_quotes, API_PLAIN, eco_documents, "quote")
API_HANDLER(api_invoices, API_PLAIN, eco_documents, NULL)
API_HANDLER(api_quote_create, API_ONCE, eco_document_write, "quote")
API_HANDLER(api_invoice_create, API_ONCE, eco_document_write, "invoice")
API_HANDLER(api_document_update, API_BODY, eco_document_write, NULL)

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
