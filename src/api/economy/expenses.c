/*
 * economy/expenses.c — /api/v1/receipts (the raw file) and
 * /api/v1/expenses: create, list, read, submit, validate, refuse, pay.
 */
#include "api/economy/api_economy_internal.h"

/* POST /api/v1/receipts?activity_id=&filename= — the raw file as the body,
 * its type in Content-Type (application/pdf, image/jpeg, image/png). */
API_OP(api_receipt_create, API_IDEMPOTENT, eco_receipt_create)
{
	request *rq = r->rq;
	const char *ct = rq_header(rq, "Content-Type");
	char type[40] = "";
	if (ct)
		snprintf(type, sizeof type, "%.*s", (int)strcspn(ct, "; "), ct);
	int64_t id = 0;
	bg_status st = receipt_store(rq->db, rq->person_id, api_eco_query_id(rq, "activity_id"), rq_query(rq, "filename"),
				     type, rq->body.data, rq->body.len, &id, err);
	if (st == BG_OK)
		buf_printf(api_json(r, 201), "{\"id\":%lld,\"size\":%zu}", (long long)id, rq->body.len);
	return st;
}

/* An expense report with its lines as JSON ("null" when it cannot be read). */
static void eco_expense_json(request *rq, buf *b, int64_t id)
{
	expense_view v;
	bg_error err;
	if (expense_view_get(rq->db, &rq->arena, rq->person_id, id, &v, &err) != BG_OK) {
		buf_puts(b, "null");
		return;
	}
	buf_printf(b, "{\"id\":%lld,\"activity_id\":%lld,\"person_id\":%lld", (long long)v.id,
		   (long long)v.activity_id, (long long)v.person_id);
	api_eco_str(b, "kind", v.kind, true);
	api_eco_str(b, "title", v.title, true);
	api_eco_str(b, "supplier", v.supplier, true);
	api_eco_str(b, "supplier_ref", v.supplier_ref, true);
	api_eco_str(b, "status", v.status, true);
	api_eco_str(b, "refusal_reason", v.refusal_reason, true);
	buf_printf(b, ",\"total_ttc_cents\":%lld,\"total_vat_cents\":%lld,\"entry_id\":%lld,\"lines\":[",
		   (long long)v.total_ttc, (long long)v.total_vat, (long long)v.entry_id);
	for (size_t i = 0; i < v.nlines; i++) {
		const expense_line_view *l = &v.lines[i];
		buf_puts(b, i ? ",{" : "{");
		api_eco_str(b, "date", l->date, false);
		api_eco_str(b, "category", l->category, true);
		api_eco_str(b, "account", l->account, true);
		api_eco_str(b, "description", l->description, true);
		buf_printf(b, ",\"km\":%lld,\"amount_cents\":%lld,\"vat_cents\":%lld,\"receipt_id\":%lld}",
			   (long long)l->km, (long long)l->amount_ttc, (long long)l->vat, (long long)l->receipt_id);
	}
	buf_puts(b, "]}");
}

/* POST /api/v1/expenses */
API_OP(api_expense_create, API_ONCE, eco_expense_create)
{
	expense_in in = {.kind = "expense", .fields = &r->fields};
	expense_line_in *lines = arena_alloc(&r->rq->arena, EXPENSE_MAX_LINES * sizeof *lines);
	int64_t id = 0;
	bool act = api_eco_expense_in(r->body, &in, lines, &r->fields);
	bg_status st = act ? BG_OK : bg_field_errors_report(&r->fields, err);
	if (st == BG_OK)
		st = expense_create(r->rq->db, r->rq->person_id, &in, &id, err);
	if (st == BG_OK)
		eco_expense_json(r->rq, api_json(r, 201), id);
	return st;
}

/* One row of the list of eco_expenses. */
static void eco_expenses_item(buf *b, const void *rows, size_t i)
{
	const expense_view *v = rows;
	buf_printf(b, "{\"id\":%lld,\"activity_id\":%lld", (long long)v[i].id,
		   (long long)v[i].activity_id);
	api_eco_str(b, "kind", v[i].kind, true);
	api_eco_str(b, "title", v[i].title, true);
	api_eco_str(b, "status", v[i].status, true);
	buf_printf(b, ",\"total_ttc_cents\":%lld}", (long long)v[i].total_ttc);
}

/* GET /api/v1/expenses[?status=] */
API_OP(api_expenses, API_PLAIN, eco_expenses)
{
	request *rq = r->rq;
	const char *status = rq_query(rq, "status");
	expense_view *v = NULL;
	api_paging pg;
	bg_status st = api_paging_get(rq, &pg, err);
	if (st == BG_OK)
		st = expense_list_visible(rq->db, &rq->arena, rq->person_id, status, pg.limit, pg.offset, &v, &pg.n,
					  &pg.total, err);
	return api_page(r, st, "expenses", eco_expenses_item, v, &pg);
}

/* GET /api/v1/expenses/{id} */
API_OP(api_expense_get, API_PLAIN, eco_expense_get)
{
	expense_view v;
	bg_status st = expense_view_get(r->rq->db, &r->rq->arena, r->rq->person_id, r->id, &v, err);
	if (st == BG_OK)
		eco_expense_json(r->rq, api_json(r, 200), r->id);
	return st;
}

/* The steps of an expense report, the route's ctx pointing to one. */
enum { ECO_SUBMIT, ECO_VALIDATE, ECO_REFUSE, ECO_PAY };
static const int eco_steps[] = {ECO_SUBMIT, ECO_VALIDATE, ECO_REFUSE, ECO_PAY};

/* POST /api/v1/expenses/{id}/{submit|validate|refuse|pay} {date?, reason?} */
static bg_status eco_expense_step(api_req *r, bg_error *err)
{
	request *rq = r->rq;
	const char *date = NULL, *reason = NULL;
	int step = *(const int *)r->ctx;
	bg_status st = api_eco_date(r, &date, err);
	if (st == BG_OK && r->body)
		st = json_get_string(r->body, "reason", false, 1000, &reason, err);
	if (st != BG_OK)
		return st;
	char today[11];
	tz_today(TZ_GROUP, today);
	st = step == ECO_SUBMIT	    ? expense_submit(rq->db, rq->person_id, r->id, err)
	     : step == ECO_VALIDATE ? expense_decide(rq->db, rq->person_id, r->id, true, NULL, date ? date : today, err)
	     : step == ECO_REFUSE   ? expense_decide(rq->db, rq->person_id, r->id, false, reason, NULL, err)
				    : expense_pay(rq->db, rq->person_id, r->id, date ? date : today, err);
	if (st == BG_OK)
		eco_expense_json(rq, api_json(r, 200), r->id);
	return st;
}

/* The handlers of an expense's steps: one operation, the step in ctx. */
API_HANDLER(api_expense_submit, API_ONCE_OPT, eco_expense_step, (void *)&eco_steps[ECO_SUBMIT])
API_HANDLER(api_expense_validate, API_ONCE_OPT, eco_expense_step, (void *)&eco_steps[ECO_VALIDATE])
API_HANDLER(api_expense_refuse, API_ONCE_OPT, eco_expense_step, (void *)&eco_steps[ECO_REFUSE])
API_HANDLER(api_expense_pay, API_ONCE_OPT, eco_expense_step, (void *)&eco_steps[ECO_PAY])

const route api_eco_expenses_routes[] = {
	{HTTP_POST, "/api/v1/receipts", api_receipt_create, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/expenses", api_expenses, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/expenses", api_expense_create, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/expenses/{id}", api_expense_get, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/expenses/{id}/submit", api_expense_submit, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/expenses/{id}/validate", api_expense_validate, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/expenses/{id}/refuse", api_expense_refuse, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/expenses/{id}/pay", api_expense_pay, ROUTE_AUTH},
	{0, NULL, NULL, 0},
};
