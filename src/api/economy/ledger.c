/*
 * economy/ledger.c — /api/v1/ledger: entries (list, post, reverse),
 * balances, the chart of accounts, closing.
 */
#include "api/economy/api_economy_internal.h"

/* The cooperative named by ?cooperative_id=, which the caller may read. */
bg_status api_eco_ledger_coop(request *rq, int64_t *coop, bg_error *err)
{
	*coop = api_eco_query_id(rq, "cooperative_id");
	if (!*coop)
		return bg_fail(err, BG_ERR_INVALID, "missing_field", "cooperative_id", N_("This field is required."));
	return authz_check(rq->db, rq->person_id, AUTHZ_ECONOMY_READ, (scope){SCOPE_COOPERATIVE, *coop}, err);
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
API_OP(api_ledger_entries, API_PLAIN, eco_ledger_entries)
{
	request *rq = r->rq;
	int64_t coop, *ids, total;
	api_paging pg;
	size_t n;
	const char *journal = rq_query(rq, "journal"), *ref = rq_query(rq, "doc_ref");
	const char *from = rq_query(rq, "from"), *to = rq_query(rq, "to");
	bg_status st = api_eco_ledger_coop(rq, &coop, err);
	if (st == BG_OK)
		st = api_paging_get(rq, &pg, err);
	if (st == BG_OK)
		st = ledger_entry_ids(rq->db, &rq->arena, rq->person_id, coop, journal, ref, from, to, pg.limit, pg.offset,
				      &ids, &n, &total, err);
	if (st != BG_OK)
		return st;
	buf *b = api_json(r, 200);
	buf_puts(b, "{\"entries\":[");
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_putc(b, ',');
		eco_entry_json(rq, b, ids[i]);
	}
	buf_puts(b, "]");
	api_paging_json(b, &pg, total);
	buf_puts(b, "}");
	return BG_OK;
}

/* POST /api/v1/ledger/entries {cooperative_id, journal, date, label, doc_ref?, lines:[{account, activity_id?, debit_cents|credit_cents, label?}]} */
API_OP(api_ledger_post, API_ONCE, eco_ledger_post)
{
	request *rq = r->rq;
	ledger_entry_in in = {0};
	ledger_line *lines = arena_alloc(&rq->arena, LEDGER_MAX_LINES * sizeof *lines);
	int64_t id = 0;
	bool coop = api_eco_ledger_in(r->body, &in, lines, &r->fields);
	bg_field_errors checked = {0};
	bg_status st = coop ? ledger_entry_check(rq->db, rq->person_id, &in, &checked, err) : BG_OK;
	api_eco_ledger_fields_take(&r->fields, &checked);
	if (st == BG_OK)
		st = bg_field_errors_report(&r->fields, err);
	if (st == BG_OK)
		st = ledger_post_manual(rq->db, rq->person_id, &in, &id, err);
	if (st == BG_OK)
		eco_entry_json(rq, api_json(r, 201), id);
	return st;
}

/* POST /api/v1/ledger/entries/{id}/reverse {date} */
API_OP(api_ledger_reverse, API_ONCE_OPT, eco_ledger_reverse)
{
	const char *date;
	int64_t id = 0;
	bg_status st = api_eco_date(r, &date, err);
	if (st == BG_OK && !date)
		st = bg_fail(err, BG_ERR_INVALID, "missing_field", "date", N_("This field is required."));
	if (st == BG_OK)
		st = ledger_reverse_manual(r->rq->db, r->rq->person_id, r->id, date, &id, err);
	if (st == BG_OK)
		eco_entry_json(r->rq, api_json(r, 201), id);
	return st;
}

/* GET /api/v1/ledger/balances?cooperative_id=&by=account|activity&from=YYYY-MM&to=YYYY-MM
 * — read from the maintained totals, never from the journal; a failed
 * read is the error, never an empty list. */
API_OP(api_ledger_balances, API_PLAIN, eco_ledger_balances)
{
	request *rq = r->rq;
	int64_t coop;
	const char *by = rq_query(rq, "by");
	bool per_activity = by && !strcmp(by, "activity");
	const char *from = rq_query(rq, "from"), *to = rq_query(rq, "to");
	ledger_balance_row *v;
	size_t n;
	bg_status st = api_eco_ledger_coop(rq, &coop, err);
	if (st == BG_OK)
		st = ledger_balance_list(rq->db, &rq->arena, rq->person_id, coop, per_activity, from, to, &v, &n, err);
	if (st != BG_OK)
		return st;
	buf *b = api_json(r, 200);
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
	return BG_OK;
}

/* One row of the list of eco_ledger_accounts. */
static void eco_ledger_accounts_item(buf *b, const void *rows, size_t i)
{
	const ledger_account_row *v = rows;
	buf_putc(b, '{');
	api_eco_str(b, "number", v[i].number, false);
	api_eco_str(b, "label", v[i].label, true);
	buf_printf(b, ",\"active\":%s}", v[i].active ? "true" : "false");
}

/* GET /api/v1/ledger/accounts?cooperative_id= (a failed read is the
 * error, never an empty chart) */
API_OP(api_ledger_accounts, API_PLAIN, eco_ledger_accounts)
{
	request *rq = r->rq;
	int64_t coop;
	ledger_account_row *v = NULL;
	size_t n = 0;
	bg_status st = api_eco_ledger_coop(rq, &coop, err);
	if (st == BG_OK)
		st = ledger_account_list(rq->db, &rq->arena, rq->person_id, coop, &v, &n, err);
	return api_list(r, st, "accounts", eco_ledger_accounts_item, v, n, NULL, -1);
}

/* POST /api/v1/ledger/accounts {cooperative_id, number, label} (administrators) */
API_OP(api_ledger_account_put, API_BODY, eco_ledger_account_put)
{
	int64_t coop = 0;
	const char *number = NULL, *label = NULL;
	bg_status st = json_get_int(r->body, "cooperative_id", true, &coop, err);
	if (st == BG_OK)
		st = json_get_string(r->body, "number", true, 10, &number, err);
	if (st == BG_OK)
		st = json_get_string(r->body, "label", true, 200, &label, err);
	if (st == BG_OK)
		st = ledger_account_put(r->rq->db, r->rq->person_id, coop, number, label, err);
	return api_status(r, st, 200, "saved");
}

/* POST /api/v1/ledger/close {cooperative_id, date} */
API_OP(api_ledger_close, API_BODY, eco_ledger_close)
{
	int64_t coop = 0;
	const char *date = NULL;
	bg_status st = json_get_int(r->body, "cooperative_id", true, &coop, err);
	if (st == BG_OK)
		st = json_get_string(r->body, "date", true, 10, &date, err);
	if (st == BG_OK)
		st = ledger_close_through(r->rq->db, r->rq->person_id, coop, date, err);
	return api_status(r, st, 200, "closed");
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
