/*
 * economy/activities.c — /api/v1/activities: list, read, create, change.
 */
#include "api/economy/api_economy_internal.h"

static void eco_activity_json(buf *b, const activity_row *r)
{
	buf_printf(b, "{\"id\":%lld,\"cooperative_id\":%lld", (long long)r->id, (long long)r->coop_id);
	api_eco_str(b, "code", r->code, true);
	api_eco_str(b, "name", r->name, true);
	api_eco_str(b, "status", r->status, true);
	if (r->contribution_bp >= 0)
		buf_printf(b, ",\"contribution_bp\":%lld", (long long)r->contribution_bp);
	buf_puts(b, "}");
}

/* GET /api/v1/activities */
static void api_activities(request *rq, response *rs)
{
	activity_row *v;
	size_t n;
	bg_error err;
	if (activity_list_visible(rq->db, &rq->arena, rq->person_id, &v, &n, &err) != BG_OK) {
		reply_error(rq, rs, &err);
		return;
	}
	buf *b = reply_json(rs, 200);
	buf_puts(b, "{\"activities\":[");
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_putc(b, ',');
		eco_activity_json(b, &v[i]);
	}
	buf_puts(b, "]}");
}

/* GET /api/v1/activities/{id} — with its balance per account */
static void api_activity_get(request *rq, response *rs)
{
	activity a;
	bg_error err;
	activity_member_row *m;
	activity_balance_row *bal;
	size_t nm, nb;
	if (activity_access(rq->db, rq->person_id, rq_param_id(rq, 0), false, &a, &err) != BG_OK ||
	    activity_member_list(rq->db, &rq->arena, rq->person_id, a.id, &m, &nm, &err) != BG_OK ||
	    activity_balance_list(rq->db, &rq->arena, rq->person_id, a.id, &bal, &nb, &err) != BG_OK) {
		reply_error(rq, rs, &err);
		return;
	}
	buf *b = reply_json(rs, 200);
	buf_printf(b, "{\"id\":%lld,\"cooperative_id\":%lld", (long long)a.id, (long long)a.coop_id);
	api_eco_str(b, "code", a.code, true);
	api_eco_str(b, "name", a.name, true);
	api_eco_str(b, "status", a.status, true);
	buf_puts(b, ",\"members\":[");
	for (size_t i = 0; i < nm; i++) {
		buf_printf(b, "%s{\"id\":%lld", i ? "," : "", (long long)m[i].id);
		api_eco_str(b, "name", m[i].name, true);
		buf_puts(b, "}");
	}
	buf_puts(b, "],\"balances\":[");
	for (size_t i = 0; i < nb; i++) {
		buf_printf(b, "%s{\"account\":", i ? "," : "");
		json_put_string(b, bal[i].account);
		buf_printf(b, ",\"debit_cents\":%lld,\"credit_cents\":%lld,\"balance_cents\":%lld}",
			   (long long)bal[i].debit, (long long)bal[i].credit, (long long)(bal[i].debit - bal[i].credit));
	}
	buf_puts(b, "]}");
}

/* POST /api/v1/activities {cooperative_id, code, name, members, contribution_bp} */
static void api_activity_create(request *rq, response *rs)
{
	json_t *body = api_body(rq, rs);
	if (!body)
		return;
	int64_t coop = 0, rate = -1, id = 0, members[50];
	size_t nm = 0;
	const char *code = NULL, *name = NULL;
	bg_error err;
	api_eco_idem ik;
	json_t *arr = json_object_get(body, "members");
	bg_status st = json_get_int(body, "cooperative_id", true, &coop, &err);
	if (st == BG_OK)
		st = json_get_string(body, "code", true, 20, &code, &err);
	if (st == BG_OK)
		st = json_get_string(body, "name", true, 200, &name, &err);
	if (st == BG_OK)
		st = json_get_int(body, "contribution_bp", false, &rate, &err);
	if (st == BG_OK && (!json_is_array(arr) || json_array_size(arr) == 0 || json_array_size(arr) > 50))
		st = bg_fail(&err, BG_ERR_INVALID, "no_member", "members", N_("An activity has at least one member."));
	for (size_t i = 0; st == BG_OK && i < json_array_size(arr); i++) {
		json_t *v = json_array_get(arr, i);
		if (!json_is_integer(v))
			st = bg_fail(&err, BG_ERR_INVALID, "wrong_type", "members", N_("This person does not exist."));
		else
			members[nm++] = json_integer_value(v);
	}
	if (st != BG_OK) {
		json_decref(body);
		reply_error(rq, rs, &err);
		return;
	}
	if (!api_eco_begin(rq, rs, &ik)) {
		json_decref(body);
		return;
	}
	st = activity_create(rq->db, rq->person_id, coop, code, name, members, nm, rate, &id, &err);
	json_decref(body);
	if (st != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	buf_printf(reply_json(rs, 201), "{\"id\":%lld}", (long long)id);
	api_eco_finish(rq, rs, &ik);
}

/* PUT /api/v1/activities/{id} {name, status, contribution_bp?, add_members?} (accountants) */
static void api_activity_update(request *rq, response *rs)
{
	json_t *body = api_body(rq, rs);
	if (!body)
		return;
	const char *name = NULL, *status = NULL;
	int64_t rate = -1, members[50];
	size_t nm = 0;
	bg_error err;
	json_t *arr = json_object_get(body, "add_members");
	bg_status st = json_get_string(body, "name", true, 200, &name, &err);
	if (st == BG_OK)
		st = json_get_string(body, "status", true, 20, &status, &err);
	if (st == BG_OK)
		st = json_get_int(body, "contribution_bp", false, &rate, &err);
	for (size_t i = 0; st == BG_OK && json_is_array(arr) && i < json_array_size(arr); i++) {
		json_t *v = json_array_get(arr, i);
		if (!json_is_integer(v) || nm == 50)
			st = bg_fail(&err, BG_ERR_INVALID, "wrong_type", "add_members", N_("This person does not exist."));
		else
			members[nm++] = json_integer_value(v);
	}
	if (st == BG_OK)
		st = db_begin(rq->db, DB_WRITE, &err);
	if (st == BG_OK)
		st = activity_update(rq->db, rq->person_id, rq_param_id(rq, 0), name, status, rate, members, nm, &err);
	json_decref(body);
	if (st != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	if (api_commit(rq, rs))
		api_activity_get(rq, rs);
}

const route api_eco_activities_routes[] = {
	{HTTP_GET, "/api/v1/activities", api_activities, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/activities", api_activity_create, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/activities/{id}", api_activity_get, ROUTE_AUTH},
	{HTTP_PUT, "/api/v1/activities/{id}", api_activity_update, ROUTE_AUTH},
	{0, NULL, NULL, 0},
};
