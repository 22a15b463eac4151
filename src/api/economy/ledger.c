/*
 * economy/ledger.c — /api/v1/ledger: entries (list, post, reverse),
 * balances, the chart of accounts, closing.
 */
#include "api/economy/api_economy_internal.h"

/* The cooperative named by ?cooperative_id=, which the caller may read. */
bool api_eco_ledger_coop(request *rq, response *rs, int64_t *coop)
{
	bg_error err;
	*coop = api_eco_query_id(rq, "cooperative_id");
	if (!*coop) {
		reply_fail(rq, rs, BG_ERR_INVALID, "missing_field", "cooperative_id", N_("This field is required."));
		return false;
	}
	if (authz_check(rq->db, rq->person_id, AUTHZ_ECONOMY_READ, (scope){SCOPE_COOPERATIVE, *coop}, &err) != BG_OK) {
		reply_error(rq, rs, &err);
		return false;
	}
	return true;
}

/* A ledger entry with its lines, hash and previous hash as JSON ("null"
 * when it cannot be read). */
static void eco_entry_json(request *rq, buf *b, int64_t id)
{
	ledger_entry_view v;
	bg_error err;
	if (ledger_entry_view_get(rq->db, &rq->arena, rq->person_id, id, &v, &err) != BG_OK) {
		buf_puts(b, "null");
		return;
	}
	buf_printf(b, "{\"id\":%lld", (long long)v.id);
	api_eco_str(b, "journal", v.journal, true);
	buf_printf(b, ",\"fiscal_year\":%lld,\"number\":%lld", (long long)v.fiscal_year, (long long)v.number);
	api_eco_str(b, "date", v.date, true);
	api_eco_str(b, "label", v.label, true);
	api_eco_str(b, "doc_ref", v.doc_ref, true);
	if (v.reverses_id)
		buf_printf(b, ",\"reverses_id\":%lld", (long long)v.reverses_id);
	buf_printf(b, ",\"total_cents\":%lld", (long long)v.total_cents);
	api_eco_str(b, "hash", v.hash, true);
	api_eco_str(b, "prev_hash", v.prev_hash, true);
	buf_puts(b, ",\"lines\":[");
	for (size_t i = 0; i < v.nlines; i++) {
		const ledger_line_view *l = &v.lines[i];
		buf_puts(b, i ? ",{" : "{");
		api_eco_str(b, "account", l->account, false);
		api_eco_str_opt(b, "activity", l->activity);
		buf_printf(b, ",\"debit_cents\":%lld,\"credit_cents\":%lld", (long long)l->debit, (long long)l->credit);
		api_eco_str(b, "label", l->label, true);
		buf_puts(b, "}");
	}
	buf_puts(b, "]}");
}

/* GET /api/v1/ledger/entries?cooperative_id=&journal=&doc_ref=&from=&to=&limit=&offset= */
static void api_ledger_entries(request *rq, response *rs)
{
	int64_t coop;
	api_paging pg;
	if (!api_eco_ledger_coop(rq, rs, &coop) || !api_paging_read(rq, rs, &pg))
		return;
	const char *journal = rq_query(rq, "journal"), *ref = rq_query(rq, "doc_ref");
	const char *from = rq_query(rq, "from"), *to = rq_query(rq, "to");
	int64_t *ids, total;
	size_t n;
	bg_error err;
	if (ledger_entry_ids(rq->db, &rq->arena, rq->person_id, coop, journal, ref, from, to, pg.limit, pg.offset, &ids, &n, &total,
			     &err) != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	buf *b = reply_json(rs, 200);
	buf_puts(b, "{\"entries\":[");
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_putc(b, ',');
		eco_entry_json(rq, b, ids[i]);
	}
	buf_puts(b, "]");
	api_paging_json(b, &pg, total);
	buf_puts(b, "}");
}

/* POST /api/v1/ledger/entries {cooperative_id, journal, date, label, doc_ref?, lines:[{account, activity_id?, debit_cents|credit_cents, label?}]} */
static void api_ledger_post(request *rq, response *rs)
{
	json_t *body = api_body(rq, rs);
	if (!body)
		return;
	ledger_entry_in in = {0};
	ledger_line *lines = arena_alloc(&rq->arena, LEDGER_MAX_LINES * sizeof *lines);
	bg_field_errors fields = {0};
	bg_error err;
	api_eco_idem ik;
	int64_t id = 0;
	bool coop = api_eco_ledger_in(body, &in, lines, &fields);
	if (!api_eco_begin(rq, rs, &ik)) {
		json_decref(body);
		return;
	}
	bg_field_errors checked = {0};
	bg_status st = coop ? ledger_entry_check(rq->db, rq->person_id, &in, &checked, &err) : BG_OK;
	api_eco_ledger_fields_take(&fields, &checked);
	if (st == BG_OK)
		st = bg_field_errors_report(&fields, &err);
	if (st == BG_OK)
		st = ledger_post_manual(rq->db, rq->person_id, &in, &id, &err);
	json_decref(body);
	if (st != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	eco_entry_json(rq, reply_json(rs, 201), id);
	api_eco_finish(rq, rs, &ik);
}

/* POST /api/v1/ledger/entries/{id}/reverse {date} */
static void api_ledger_reverse(request *rq, response *rs)
{
	json_t *body;
	const char *date;
	bg_error err;
	api_eco_idem ik;
	int64_t id = 0;
	if (!api_eco_date_body(rq, rs, &body, &date))
		return;
	if (!date) {
		json_decref(body);
		reply_fail(rq, rs, BG_ERR_INVALID, "missing_field", "date", N_("This field is required."));
		return;
	}
	if (!api_eco_begin(rq, rs, &ik)) {
		json_decref(body);
		return;
	}
	bg_status st = ledger_reverse_manual(rq->db, rq->person_id, rq_param_id(rq, 0), date, &id, &err);
	json_decref(body);
	if (st != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	eco_entry_json(rq, reply_json(rs, 201), id);
	api_eco_finish(rq, rs, &ik);
}

/* GET /api/v1/ledger/balances?cooperative_id=&by=account|activity&from=YYYY-MM&to=YYYY-MM
 * — read from the maintained totals, never from the journal. */
static void api_ledger_balances(request *rq, response *rs)
{
	int64_t coop;
	if (!api_eco_ledger_coop(rq, rs, &coop))
		return;
	const char *by = rq_query(rq, "by");
	bool per_activity = by && !strcmp(by, "activity");
	const char *from = rq_query(rq, "from"), *to = rq_query(rq, "to");
	ledger_balance_row *v;
	size_t n;
	bg_error err;
	if (ledger_balance_list(rq->db, &rq->arena, rq->person_id, coop, per_activity, from, to, &v, &n, &err) != BG_OK) {
		api_fail(rq, rs, &err); /* never an empty list for a failed read */
		return;
	}
	buf *b = reply_json(rs, 200);
	buf_puts(b, "{\"balances\":[");
	for (size_t i = 0; i < n; i++) {
		buf_puts(b, i ? ",{" : "{");
		api_eco_str(b, "account", v[i].account, false);
		api_eco_str(b, "label", v[i].label, true);
		if (per_activity)
			api_eco_str_opt(b, "activity", v[i].activity);
		buf_printf(b, ",\"debit_cents\":%lld,\"credit_cents\":%lld,\"balance_cents\":%lld}",
			   (long long)v[i].debit, (long long)v[i].credit, (long long)(v[i].debit - v[i].credit));
	}
	buf_puts(b, "]}");
}

/* GET /api/v1/ledger/accounts?cooperative_id= */
static void api_ledger_accounts(request *rq, response *rs)
{
	int64_t coop;
	if (!api_eco_ledger_coop(rq, rs, &coop))
		return;
	ledger_account_row *v;
	size_t n;
	bg_error err;
	if (ledger_account_list(rq->db, &rq->arena, rq->person_id, coop, &v, &n, &err) != BG_OK) {
		api_fail(rq, rs, &err); /* never an empty chart for a failed read */
		return;
	}
	buf *b = reply_json(rs, 200);
	buf_puts(b, "{\"accounts\":[");
	for (size_t i = 0; i < n; i++) {
		buf_puts(b, i ? ",{" : "{");
		api_eco_str(b, "number", v[i].number, false);
		api_eco_str(b, "label", v[i].label, true);
		buf_printf(b, ",\"active\":%s}", v[i].active ? "true" : "false");
	}
	buf_puts(b, "]}");
}

/* POST /api/v1/ledger/accounts {cooperative_id, number, label} (administrators) */
static void api_ledger_account_put(request *rq, response *rs)
{
	json_t *body = api_body(rq, rs);
	if (!body)
		return;
	int64_t coop = 0;
	const char *number = NULL, *label = NULL;
	bg_error err;
	bg_status st = json_get_int(body, "cooperative_id", true, &coop, &err);
	if (st == BG_OK)
		st = json_get_string(body, "number", true, 10, &number, &err);
	if (st == BG_OK)
		st = json_get_string(body, "label", true, 200, &label, &err);
	if (st == BG_OK)
		st = db_begin(rq->db, DB_WRITE, &err);
	if (st == BG_OK)
		st = ledger_account_put(rq->db, rq->person_id, coop, number, label, &err);
	json_decref(body);
	if (st != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	if (api_commit(rq, rs))
		buf_puts(reply_json(rs, 200), "{\"status\":\"saved\"}");
}

/* POST /api/v1/ledger/close {cooperative_id, date} */
static void api_ledger_close(request *rq, response *rs)
{
	json_t *body = api_body(rq, rs);
	if (!body)
		return;
	int64_t coop = 0;
	const char *date = NULL;
	bg_error err;
	bg_status st = json_get_int(body, "cooperative_id", true, &coop, &err);
	if (st == BG_OK)
		st = json_get_string(body, "date", true, 10, &date, &err);
	if (st == BG_OK)
		st = db_begin(rq->db, DB_WRITE, &err);
	if (st == BG_OK)
		st = ledger_close_through(rq->db, rq->person_id, coop, date, &err);
	json_decref(body);
	if (st != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	if (api_commit(rq, rs))
		buf_puts(reply_json(rs, 200), "{\"status\":\"closed\"}");
}

const route api_eco_ledger_routes[] = {
	{HTTP_GET, "/api/v1/ledger/entries", api_ledger_entries, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/ledger/entries", api_ledger_post, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/ledger/entries/{id}/reverse", api_ledger_reverse, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/ledger/balances", api_ledger_balances, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/ledger/accounts", api_ledger_accounts, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/ledger/accounts", api_ledger_account_put, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/ledger/close", api_ledger_close, ROUTE_AUTH},
	{0, NULL, NULL, 0},
};
