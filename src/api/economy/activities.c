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

/* One row of the list of eco_activities. */
static void eco_activities_item(buf *b, const void *rows, size_t i)
{
	const activity_row *v = rows;
	eco_activity_json(b, &v[i]);
}

/* GET /api/v1/activities */
API_OP(api_activities, API_PLAIN, eco_activities)
{
	activity_row *v;
	size_t n;
	bg_status st = activity_list_visible(r->rq->db, &r->rq->arena, r->rq->person_id, &v, &n, err);
	return api_list(r, st, "activities", eco_activities_item, v, n, NULL, -1);
}

/* GET /api/v1/activities/{id} — with its balance per account (also the
 * answer of a change) */
API_OP(api_activity_get, API_PLAIN, eco_activity_get)
{
	request *rq = r->rq;
	activity a;
	activity_member_row *m;
	activity_balance_row *bal;
	size_t nm, nb;
	bg_status st = activity_access(rq->db, rq->person_id, r->id, false, &a, err);
	if (st == BG_OK)
		st = activity_member_list(rq->db, &rq->arena, rq->person_id, a.id, &m, &nm, err);
	if (st == BG_OK)
		st = activity_balance_list(rq->db, &rq->arena, rq->person_id, a.id, &bal, &nb, err);
	if (st != BG_OK)
		return st;
	buf *b = api_json(r, 200);
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
	return BG_OK;
}

/* Reads the integer array `field` of body (at most 50 ids) into ids;
 * required: it must have at least one.  Its error names the field. */
static bg_status eco_member_ids(json_t *body, const char *field, bool required, int64_t *ids, size_t *n,
				bg_error *err)
{
	json_t *arr = json_object_get(body, field);
	*n = 0;
	if (required && (!json_is_array(arr) || json_array_size(arr) == 0 || json_array_size(arr) > 50))
		return bg_fail(err, BG_ERR_INVALID, "no_member", field, N_("An activity has at least one member."));
	for (size_t i = 0; json_is_array(arr) && i < json_array_size(arr); i++) {
		json_t *v = json_array_get(arr, i);
		if (!json_is_integer(v) || *n == 50)
			return bg_fail(err, BG_ERR_INVALID, "wrong_type", field, N_("This person does not exist."));
		ids[(*n)++] = json_integer_value(v);
	}
	return BG_OK;
}

/* POST /api/v1/activities {cooperative_id, code, name, members, contribution_bp} */
API_OP(api_activity_create, API_ONCE, eco_activity_create)
{
	int64_t coop = 0, rate = -1, id = 0, members[50];
	size_t nm = 0;
	const char *code = NULL, *name = NULL;
	bg_status st = json_get_int(r->body, "cooperative_id", true, &coop, err);
	if (st == BG_OK)
		st = json_get_string(r->body, "code", true, 20, &code, err);
	if (st == BG_OK)
		st = json_get_string(r->body, "name", true, 200, &name, err);
	if (st == BG_OK)
		st = json_get_int(r->body, "contribution_bp", false, &rate, err);
	if (st == BG_OK)
		st = eco_member_ids(r->body, "members", true, members, &nm, err);
	if (st == BG_OK)
		st = activity_create(r->rq->db, r->rq->person_id, coop, code, name, members, nm, rate, &id, err);
	return api_created(r, st, id);
}

/* PUT /api/v1/activities/{id} {name, status, contribution_bp?, add_members?} (accountants) */
API_OP(api_activity_update, API_BODY, eco_activity_update)
{
	const char *name = NULL, *status = NULL;
	int64_t rate = -1, members[50];
	size_t nm = 0;
	bg_status st = json_get_string(r->body, "name", true, 200, &name, err);
	if (st == BG_OK)
		st = json_get_string(r->body, "status", true, 20, &status, err);
	if (st == BG_OK)
		st = json_get_int(r->body, "contribution_bp", false, &rate, err);
	if (st == BG_OK)
		st = eco_member_ids(r->body, "add_members", false, members, &nm, err);
	if (st == BG_OK)
		st = activity_update(r->rq->db, r->rq->person_id, r->id, name, status, rate, members, nm, err);
	return st == BG_OK ? eco_activity_get(r, err) : st;
}

const route api_eco_activities_routes[] = {
	{HTTP_GET, "/api/v1/activities", api_activities, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/activities", api_activity_create, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/activities/{id}", api_activity_get, ROUTE_AUTH},
	{HTTP_PUT, "/api/v1/activities/{id}", api_activity_update, ROUTE_AUTH},
	{0, NULL, NULL, 0},
};
