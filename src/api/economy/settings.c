/*
 * economy/settings.c — /api/v1/economy/settings: read and change a
 * cooperative's economic settings.
 */
#include "api/economy/api_economy_internal.h"

/* A cooperative's economic settings as JSON (a failed read is the error,
 * never settings not made yet). */
static bg_status eco_settings_json(api_req *r, int64_t coop, bg_error *err)
{
	request *rq = r->rq;
	economy_settings_view v;
	bool found = false;
	bg_status st = ledger_settings_get(rq->db, &rq->arena, rq->person_id, coop, &v, &found, err);
	if (st != BG_OK)
		return st;
	buf *b = api_json(r, 200);
	buf_printf(b, "{\"cooperative_id\":%lld", (long long)coop);
	if (!found) {
		buf_puts(b, "}");
		return BG_OK;
	}
	api_eco_str(b, "vat_number", v.vat_number, true);
	api_eco_str(b, "rcs", v.rcs, true);
	api_eco_str(b, "capital_text", v.capital_text, true);
	buf_printf(b, ",\"late_rate_bp\":%lld,\"self_validation_max\":%lld,\"payment_terms_days\":%lld,"
		      "\"contribution_bp\":%lld,\"km_rate_milli\":%lld",
		   (long long)v.late_rate_bp, (long long)v.self_validation_max, (long long)v.payment_terms_days,
		   (long long)v.contribution_bp, (long long)v.km_rate_milli);
	api_eco_str(b, "closed_through", v.closed_through, true);
	buf_puts(b, "}");
	return BG_OK;
}

/* GET /api/v1/economy/settings?cooperative_id= */
API_OP(api_settings_get, API_PLAIN, eco_settings_get)
{
	int64_t coop;
	bg_status st = api_eco_ledger_coop(r->rq, &coop, err);
	return st == BG_OK ? eco_settings_json(r, coop, err) : st;
}

/* PUT /api/v1/economy/settings {cooperative_id, vat_number?, rcs?, capital_text?, late_rate_bp,
 * self_validation_max, payment_terms_days, contribution_bp, km_rate_milli} (administrators).  The
 * address printed on documents is the cooperative's (PATCH /api/v1/cooperatives/{id}). */
API_OP(api_settings_put, API_BODY, eco_settings_put)
{
	json_t *body = r->body;
	bg_field_errors *fields = &r->fields;
	economy_settings_in in = {NULL, NULL, NULL, 1200, 0, 30, 1000, 603, NULL, fields};
	int64_t coop = 0;
	static const char *const texts[] = {"vat_number", "rcs", "capital_text", "doc_lang"};
	static const size_t max[] = {20, 100, 100, 2};
	const char **text_of[] = {&in.vat_number, &in.rcs, &in.capital_text, &in.doc_lang};
	static const char *const numbers[] = {"late_rate_bp", "self_validation_max", "payment_terms_days",
					      "contribution_bp", "km_rate_milli"};
	int64_t *number_of[] = {&in.late_rate_bp, &in.self_validation_max, &in.payment_terms_days, &in.contribution_bp,
				&in.km_rate_milli};
	bool read = api_eco_int(fields, body, NULL, 0, "cooperative_id", true, &coop);
	for (size_t i = 0; i < 4; i++)
		api_eco_string(fields, body, NULL, 0, texts[i], false, max[i], text_of[i]);
	for (size_t i = 0; i < 5; i++)
		api_eco_int(fields, body, NULL, 0, numbers[i], false, number_of[i]);
	bg_status st = read ? BG_OK : bg_field_errors_report(fields, err);
	if (st == BG_OK)
		st = ledger_settings_put(r->rq->db, r->rq->person_id, coop, &in, err);
	return st == BG_OK ? eco_settings_json(r, coop, err) : st;
}

const route api_eco_settings_routes[] = {
	{HTTP_GET, "/api/v1/economy/settings", api_settings_get, ROUTE_AUTH},
	{HTTP_PUT, "/api/v1/economy/settings", api_settings_put, ROUTE_AUTH},
	{0, NULL, NULL, 0},
};
