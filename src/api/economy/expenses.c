/*
 * economy/expenses.c — /api/v1/receipts (the raw file) and
 * /api/v1/expenses: create, list, read, submit, validate, refuse, pay.
 */
#include "api/economy/api_economy_internal.h"

/* POST /api/v1/receipts?activity_id=&filename= — the raw file as the body,
 * its type in Content-Type (application/pdf, image/jpeg, image/png). */
static void api_receipt_create(request *rq, response *rs)
{
	const char *ct = rq_header(rq, "Content-Type");
	char type[40] = "";
	if (ct)
		snprintf(type, sizeof type, "%.*s", (int)strcspn(ct, "; "), ct);
	bg_error err;
	api_eco_idem ik;
	int64_t id = 0;
	if (!api_eco_begin(rq, rs, &ik))
		return;
	bg_status st = receipt_store(rq->db, rq->person_id, api_eco_query_id(rq, "activity_id"), rq_query(rq, "filename"),
				     type, rq->body.data, rq->body.len, &id, &err);
	if (st != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	buf_printf(reply_json(rs, 201), "{\"id\":%lld,\"size\":%zu}", (long long)id, rq->body.len);
	api_eco_finish(rq, rs, &ik);
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
static void api_expense_create(request *rq, response *rs)
{
	json_t *body = api_body(rq, rs);
	if (!body)
		return;
	bg_field_errors fields = {0};
	expense_in in = {.kind = "expense", .fields = &fields};
	expense_line_in *lines = arena_alloc(&rq->arena, EXPENSE_MAX_LINES * sizeof *lines);
	bg_error err;
	api_eco_idem ik;
	int64_t id = 0;
	bool act = api_eco_expense_in(body, &in, lines, &fields);
	if (!api_eco_begin(rq, rs, &ik)) {
		json_decref(body);
		return;
	}
	bg_status st = act ? BG_OK : bg_field_errors_report(&fields, &err);
	if (st == BG_OK)
		st = expense_create(rq->db, rq->person_id, &in, &id, &err);
	json_decref(body);
	if (st != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	eco_expense_json(rq, reply_json(rs, 201), id);
	api_eco_finish(rq, rs, &ik);
}

/* GET /api/v1/expenses[?status=] */
static void api_expenses(request *rq, response *rs)
{
	const char *status = rq_query(rq, "status");
	expense_view *v;
	size_t n;
	int64_t total;
	bg_error err;
	api_paging pg;
	if (!api_paging_read(rq, rs, &pg))
		return;
	if (expense_list_visible(rq->db, &rq->arena, rq->person_id, status, pg.limit, pg.offset, &v, &n, &total,
				 &err) != BG_OK) {
		reply_error(rq, rs, &err);
		return;
	}
	buf *b = reply_json(rs, 200);
	buf_puts(b, "{\"expenses\":[");
	for (size_t i = 0; i < n; i++) {
		buf_printf(b, "%s{\"id\":%lld,\"activity_id\":%lld", i ? "," : "", (long long)v[i].id,
			   (long long)v[i].activity_id);
		api_eco_str(b, "kind", v[i].kind, true);
		api_eco_str(b, "title", v[i].title, true);
		api_eco_str(b, "status", v[i].status, true);
		buf_printf(b, ",\"total_ttc_cents\":%lld}", (long long)v[i].total_ttc);
	}
	buf_puts(b, "]");
	api_paging_json(b, &pg, total);
	buf_puts(b, "}");
}

/* GET /api/v1/expenses/{id} */
static void api_expense_get(request *rq, response *rs)
{
	int64_t id = rq_param_id(rq, 0);
	expense_view v;
	bg_error err;
	if (expense_view_get(rq->db, &rq->arena, rq->person_id, id, &v, &err) != BG_OK) {
		reply_error(rq, rs, &err);
		return;
	}
	eco_expense_json(rq, reply_json(rs, 200), id);
}

/* POST /api/v1/expenses/{id}/{submit|validate|refuse|pay} */
static void eco_expense_step(request *rq, response *rs, int step)
{
	json_t *body = NULL;
	const char *date = NULL, *reason = NULL;
	bg_error err;
	api_eco_idem ik;
	int64_t id = rq_param_id(rq, 0);
	if (rq->body.len) {
		body = api_body(rq, rs);
		if (!body)
			return;
		if (json_get_string(body, "date", false, 10, &date, &err) != BG_OK ||
		    json_get_string(body, "reason", false, 1000, &reason, &err) != BG_OK) {
			json_decref(body);
			reply_error(rq, rs, &err);
			return;
		}
	}
	char today[11];
	tz_today(TZ_GROUP, today);
	if (!api_eco_begin(rq, rs, &ik)) {
		json_decref(body);
		return;
	}
	bg_status st = step == 0 ? expense_submit(rq->db, rq->person_id, id, &err)
		     : step == 1 ? expense_decide(rq->db, rq->person_id, id, true, NULL, date ? date : today, &err)
		     : step == 2 ? expense_decide(rq->db, rq->person_id, id, false, reason, NULL, &err)
				 : expense_pay(rq->db, rq->person_id, id, date ? date : today, &err);
	json_decref(body);
	if (st != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	eco_expense_json(rq, reply_json(rs, 200), id);
	api_eco_finish(rq, rs, &ik);
}

/* POST /api/v1/expenses/{id}/submit */
static void api_expense_submit(request *rq, response *rs) { eco_expense_step(rq, rs, 0); }
/* POST /api/v1/expenses/{id}/validate */
static void api_expense_validate(request *rq, response *rs) { eco_expense_step(rq, rs, 1); }
/* POST /api/v1/expenses/{id}/refuse */
static void api_expense_refuse(request *rq, response *rs) { eco_expense_step(rq, rs, 2); }
/* POST /api/v1/expenses/{id}/pay */
static void api_expense_pay(request *rq, response *rs) { eco_expense_step(rq, rs, 3); }

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
