/*
 * network/cooperatives.c — /api/v1/cooperatives: list, read, create,
 * change and delete; a cooperative's memberships; my invitations and their
 * answers.
 */
#include "api/network/api_network_internal.h"

static void api_coop_list(request *rq, response *rs)
{
	net_coop *v;
	size_t n;
	bg_error err;
	if (net_coop_list(rq->db, &rq->arena, rq->person_id, &v, &n, &err) != BG_OK) {
		reply_error(rq, rs, &err);
		return;
	}
	buf *b = reply_json(rs, 200);
	buf_puts(b, "{\"cooperatives\":[");
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_puts(b, ",");
		api_net_coop(b, &v[i]);
	}
	buf_printf(b, "],\"total\":%zu}", n);
}

/* GET /api/v1/cooperatives/{id} */
static void api_coop_get(request *rq, response *rs)
{
	net_coop c;
	bg_error err;
	if (net_coop_get(rq->db, &rq->arena, rq->person_id, rq_param_id(rq, 0), &c, &err) != BG_OK) {
		reply_error(rq, rs, &err);
		return;
	}
	api_net_coop(reply_json(rs, 200), &c);
}

/* Reads a cooperative's fields from a JSON body. */
static bg_status api_coop_input(json_t *body, net_coop_input *in, bg_error *err)
{
	memset(in, 0, sizeof *in);
	const api_net_field f[] = {
		{"name", 200, &in->name}, {"legal_form", 20, &in->legal_form}, {"siren", 20, &in->siren},
		{"short_description", 1000, &in->short_description}, {"address", 300, &in->address},
		{"postcode", 10, &in->postcode}, {"commune", 100, &in->commune},
		{"website", 300, &in->website}, {NULL, 0, NULL}};
	bg_status st = api_net_fields(body, f, err);
	json_t *settings = json_object_get(body, "settings");
	if (st == BG_OK && settings && !json_is_null(settings)) {
		if (!json_is_object(settings))
			return bg_fail(err, BG_ERR_INVALID, "invalid_settings", "settings",
				       N_("The settings must be a JSON object."));
		in->settings = json_dumps(settings, JSON_COMPACT); /* freed by the caller */
	}
	return st;
}

/* POST /api/v1/cooperatives */
static void api_coop_create(request *rq, response *rs)
{
	json_t *body = api_body(rq, rs);
	if (!body)
		return;
	net_coop_input in;
	bg_error err;
	int64_t id = 0;
	bg_status st = api_coop_input(body, &in, &err);
	if (st == BG_OK)
		st = db_begin(rq->db, DB_WRITE, &err);
	if (st == BG_OK)
		st = net_coop_create(rq->db, rq->person_id, &in, &id, &err);
	free((char *)in.settings);
	json_decref(body);
	if (st != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	api_net_done_id(rq, rs, 201, id);
}

/* PATCH /api/v1/cooperatives/{id}: the fields given change, then the cooperative is answered. */
static void api_coop_patch(request *rq, response *rs)
{
	json_t *body = api_body(rq, rs);
	if (!body)
		return;
	net_coop_input in;
	bg_error err;
	int64_t id = rq_param_id(rq, 0);
	bg_status st = api_coop_input(body, &in, &err);
	if (st == BG_OK)
		st = db_begin(rq->db, DB_WRITE, &err);
	if (st == BG_OK)
		st = net_coop_update(rq->db, rq->person_id, id, &in, &err);
	free((char *)in.settings);
	json_decref(body);
	if (st != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	if (!api_commit(rq, rs))
		return;
	api_coop_get(rq, rs);
}

/* DELETE /api/v1/cooperatives/{id} */
static void api_coop_delete(request *rq, response *rs)
{
	api_net_delete(rq, rs, net_coop_delete);
}

/* GET /api/v1/cooperatives/{id}/memberships?page= */
static void api_membership_list(request *rq, response *rs)
{
	int page;
	if (!api_net_page(rq, rs, "page", &page))
		return;
	net_membership *v;
	size_t n;
	int64_t total;
	bg_error err;
	if (net_membership_list(rq->db, &rq->arena, rq->person_id, rq_param_id(rq, 0), page, 50, &v,
				&n, &total, &err) != BG_OK) {
		reply_error(rq, rs, &err);
		return;
	}
	buf *b = reply_json(rs, 200);
	buf_puts(b, "{\"memberships\":[");
	for (size_t i = 0; i < n; i++) {
		buf_printf(b, "%s{\"id\":%lld,\"person_id\":%lld", i ? "," : "", (long long)v[i].id,
			   (long long)v[i].person_id);
		api_net_str(b, "display_name", v[i].person_name);
		api_net_str(b, "status", v[i].status);
		api_net_str(b, "started_on", v[i].started_on);
		buf_puts(b, "}");
	}
	buf_printf(b, "],\"total\":%lld,\"page\":%d,\"per_page\":50}", (long long)total, page);
}

/* POST /api/v1/cooperatives/{id}/memberships {"person_id","status","started_on"}:
 * changes a current member's status (200 "saved"), or invites someone not a
 * member yet (202 "invited"). */
static void api_membership_set(request *rq, response *rs)
{
	json_t *body = api_body(rq, rs);
	if (!body)
		return;
	bool pending = false;
	int64_t person = 0;
	const char *status = NULL, *day = NULL;
	bg_error err;
	bg_status st = json_get_int(body, "person_id", true, &person, &err);
	if (st == BG_OK)
		st = json_get_string(body, "status", true, 20, &status, &err);
	if (st == BG_OK)
		st = json_get_string(body, "started_on", false, 10, &day, &err);
	if (st == BG_OK)
		st = db_begin(rq->db, DB_WRITE, &err);
	if (st == BG_OK)
		st = net_membership_add(rq->db, rq->person_id, person, rq_param_id(rq, 0), status, day, rq_base_url(rq), &pending, &err);
	json_decref(body);
	if (st != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	if (!api_commit(rq, rs))
		return;
	/* someone not yet a member is invited: they accept on /me */
	buf_puts(reply_json(rs, pending ? 202 : 200), pending ? "{\"status\":\"invited\"}" : "{\"status\":\"saved\"}");
}

/* GET /api/v1/me/invitations: the caller's invitations to join a cooperative. */
static void api_invitation_list(request *rq, response *rs)
{
	net_invitation *v;
	size_t n;
	bg_error err;
	if (net_invitation_list(rq->db, &rq->arena, rq->person_id, &v, &n, &err) != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	buf *b = reply_json(rs, 200);
	buf_puts(b, "{\"invitations\":[");
	for (size_t i = 0; i < n; i++) {
		buf_printf(b, "%s{\"id\":%lld,\"cooperative_id\":%lld", i ? "," : "", (long long)v[i].id,
			   (long long)v[i].cooperative_id);
		api_net_str(b, "cooperative", v[i].coop_name);
		api_net_str(b, "status", v[i].status);
		api_net_str(b, "started_on", v[i].started_on);
		buf_puts(b, "}");
	}
	buf_puts(b, "]}");
}

/* POST /api/v1/me/invitations/{id} {"answer":"accept"|"decline"} */
static void api_invitation_answer(request *rq, response *rs)
{
	json_t *body = api_body(rq, rs);
	if (!body)
		return;
	const char *answer = NULL;
	bg_error err;
	bg_status st = json_get_string(body, "answer", true, 10, &answer, &err);
	if (st == BG_OK && strcmp(answer, "accept") != 0 && strcmp(answer, "decline") != 0)
		st = bg_fail(&err, BG_ERR_INVALID, "invalid_value", "answer", N_("This value is not allowed."));
	bool accept = st == BG_OK && strcmp(answer, "accept") == 0;
	json_decref(body);
	if (st == BG_OK)
		st = db_begin(rq->db, DB_WRITE, &err);
	if (st == BG_OK)
		st = net_invitation_answer(rq->db, rq->person_id, rq_param_id(rq, 0), accept, &err);
	if (st != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	if (!api_commit(rq, rs))
		return;
	buf_puts(reply_json(rs, 200), accept ? "{\"status\":\"accepted\"}" : "{\"status\":\"declined\"}");
}

const route api_net_cooperatives_routes[] = {
	{HTTP_GET, "/api/v1/cooperatives", api_coop_list, ROUTE_PUBLIC},
	{HTTP_POST, "/api/v1/cooperatives", api_coop_create, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/cooperatives/{id}", api_coop_get, ROUTE_PUBLIC},
	{HTTP_PATCH, "/api/v1/cooperatives/{id}", api_coop_patch, ROUTE_AUTH},
	{HTTP_DELETE, "/api/v1/cooperatives/{id}", api_coop_delete, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/cooperatives/{id}/memberships", api_membership_list, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/cooperatives/{id}/memberships", api_membership_set, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/me/invitations", api_invitation_list, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/me/invitations/{id}", api_invitation_answer, ROUTE_AUTH},
	{0, NULL, NULL, 0},
};
