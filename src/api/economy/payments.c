/*
 * economy/payments.c — /api/v1/payments: record one (allocated to
 * invoices) and list them.
 */
#include "api/economy/api_economy_internal.h"

/* POST /api/v1/payments {date, method, reference?, allocations: [{invoice_id, amount_cents}]} */
API_OP(api_payment_create, API_ONCE, eco_payment_create)
{
	const char *date = NULL, *method = NULL, *ref = NULL;
	payment_alloc allocs[PAYMENT_MAX_ALLOCATIONS];
	size_t n = 0;
	int64_t id = 0, entry = 0;
	api_eco_payment_in(r->body, &date, &method, &ref, allocs, &n, &r->fields);
	payment_check(date, method, ref, allocs, n, &r->fields);
	bg_status st = bg_field_errors_report(&r->fields, err);
	if (st == BG_OK)
		st = payment_record(r->rq->db, r->rq->person_id, date, method, ref, allocs, n, &id, err);
	if (st == BG_OK)
		st = payment_entry_id(r->rq->db, r->rq->person_id, id, &entry, err);
	if (st == BG_OK)
		buf_printf(api_json(r, 201), "{\"id\":%lld,\"entry_id\":%lld}", (long long)id, (long long)entry);
	return st;
}

/* One row of the list of eco_payments. */
static void eco_payments_item(buf *b, const void *rows, size_t i)
{
	const payment_row *v = rows;
	buf_printf(b, "{\"id\":%lld", (long long)v[i].id);
	api_eco_str(b, "date", v[i].date, true);
	api_eco_str(b, "method", v[i].method, true);
	buf_printf(b, ",\"amount_cents\":%lld", (long long)v[i].amount);
	api_eco_str(b, "reference", v[i].reference, true);
	buf_printf(b, ",\"entry_id\":%lld}", (long long)v[i].entry_id);
}

/* GET /api/v1/payments */
API_OP(api_payments, API_PLAIN, eco_payments)
{
	payment_row *v;
	size_t n;
	bg_status st = payment_list_visible(r->rq->db, &r->rq->arena, r->rq->person_id, &v, &n, err);
	return api_list(r, st, "payments", eco_payments_item, v, n, NULL, -1);
}

const route api_eco_payments_routes[] = {
	{HTTP_GET, "/api/v1/payments", api_payments, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/payments", api_payment_create, ROUTE_AUTH},
	{0, NULL, NULL, 0},
};
