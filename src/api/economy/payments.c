/*
 * economy/payments.c — /api/v1/payments: record one (allocated to
 * invoices) and list them.
 */
#include "api/economy/api_economy_internal.h"

/* POST /api/v1/payments {date, method, reference?, allocations: [{invoice_id, amount_cents}]} */
static void api_payment_create(request *rq, response *rs)
{
	json_t *body = api_body(rq, rs);
	if (!body)
		return;
	const char *date = NULL, *method = NULL, *ref = NULL;
	payment_alloc allocs[PAYMENT_MAX_ALLOCATIONS];
	size_t n = 0;
	bg_field_errors fields = {0};
	bg_error err;
	api_eco_idem ik;
	int64_t id = 0;
	api_eco_payment_in(body, &date, &method, &ref, allocs, &n, &fields);
	payment_check(date, method, ref, allocs, n, &fields);
	if (!api_eco_begin(rq, rs, &ik)) {
		json_decref(body);
		return;
	}
	bg_status st = bg_field_errors_report(&fields, &err);
	if (st == BG_OK)
		st = payment_record(rq->db, rq->person_id, date, method, ref, allocs, n, &id, &err);
	json_decref(body);
	if (st != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	int64_t entry = 0;
	if (payment_entry_id(rq->db, rq->person_id, id, &entry, &err) != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	buf_printf(reply_json(rs, 201), "{\"id\":%lld,\"entry_id\":%lld}", (long long)id, (long long)entry);
	api_eco_finish(rq, rs, &ik);
}

/* GET /api/v1/payments */
static void api_payments(request *rq, response *rs)
{
	payment_row *v;
	size_t n;
	bg_error err;
	if (payment_list_visible(rq->db, &rq->arena, rq->person_id, &v, &n, &err) != BG_OK) {
		reply_error(rq, rs, &err);
		return;
	}
	buf *b = reply_json(rs, 200);
	buf_puts(b, "{\"payments\":[");
	for (size_t i = 0; i < n; i++) {
		buf_printf(b, "%s{\"id\":%lld", i ? "," : "", (long long)v[i].id);
		api_eco_str(b, "date", v[i].date, true);
		api_eco_str(b, "method", v[i].method, true);
		buf_printf(b, ",\"amount_cents\":%lld", (long long)v[i].amount);
		api_eco_str(b, "reference", v[i].reference, true);
		buf_printf(b, ",\"entry_id\":%lld}", (long long)v[i].entry_id);
	}
	buf_puts(b, "]}");
}

const route api_eco_payments_routes[] = {
	{HTTP_GET, "/api/v1/payments", api_payments, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/payments", api_payment_create, ROUTE_AUTH},
	{0, NULL, NULL, 0},
};
