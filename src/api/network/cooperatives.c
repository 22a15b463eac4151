/*
 * network/cooperatives.c — /api/v1/cooperatives: list, read, create,
 * change and delete; a cooperative's memberships; my invitations and their
 * answers.
 */
#include "api/network/api_network_internal.h"

/* One of the cooperatives of a list. */
static void api_cooperatives_item(buf *b, const void *rows, size_t i)
{
	api_net_coop(b, (const net_coop *)rows + i);
}

/* GET /api/v1/cooperatives */
API_OP(api_coop_list, API_PLAIN, api_coop_list_op)
{
	net_coop *v;
	size_t n;
	bg_status st = net_coop_list(r->rq->db, &r->rq->arena, r->rq->person_id, &v, &n, err);
	return api_list(r, st, "cooperatives", api_cooperatives_item, v, n, NULL, (int64_t)n);
}

/* GET /api/v1/cooperatives/{id} (also the answer of a change) */
API_OP(api_coop_get, API_PLAIN, api_coop_get_op)
{
	net_coop c;
	bg_status st = net_coop_get(r->rq->db, &r->rq->arena, r->rq->person_id, r->id, &c, err);
	if (st == BG_OK)
		api_net_coop(api_json(r, 200), &c);
	return st;
}

/* Reads a cooperative's fields from a JSON body (settings, when given, in
 * the request's arena). */
static bg_status api_coop_input(request *rq, json_t *body, net_coop_input *in, bg_error *err)
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
		char *text = json_dumps(settings, JSON_COMPACT);
		in->settings = text ? arena_strdup(&rq->arena, text) : NULL;
		free(text);
	}
	return st;
}

/* POST /api/v1/cooperatives */
API_OP(api_coop_create, API_ONCE, api_coop_create_op)
{
	net_coop_input in;
	int64_t id = 0;
	bg_status st = api_coop_input(r->rq, r->body, &in, err);
	if (st == BG_OK)
		st = net_coop_create(r->rq->db, r->rq->person_id, &in, &id, err);
	return api_created(r, st, id);
}

/* PATCH /api/v1/cooperatives/{id}: the fields given change, then the cooperative is answered. */
API_OP(api_coop_patch, API_BODY, api_coop_patch_op)
{
	net_coop_input in;
	bg_status st = api_coop_input(r->rq, r->body, &in, err);
	if (st == BG_OK)
		st = net_coop_update(r->rq->db, r->rq->person_id, r->id, &in, err);
	return st == BG_OK ? api_coop_get_op(r, err) : st;
}

/* GET /api/v1/cooperatives/{id}/memberships?page= */
API_OP(api_membership_list, API_PLAIN, api_membership_list_op)
{
	int page;
	net_membership *v;
	size_t n;
	int64_t total;
	bg_status st = api_net_page(r->rq, "page", &page, err);
	if (st == BG_OK)
		st = net_membership_list(r->rq->db, &r->rq->arena, r->rq->person_id, r->id, page, 50, &v, &n, &total, err);
	if (st != BG_OK)
		return st;
	buf *b = api_json(r, 200);
	buf_puts(b, "{\"memberships\":[");
	for (size_t i = 0; i < n; i++) {
		buf_printf(b, "%s{\"id\":%lld,\"person_id\":%lld", i ? "," : "", (long long)v[i].id,
			   (long long)v[i].person_id);
		api_str(b, "display_name", v[i].person_name);
		api_str(b, "status", v[i].status);
		api_str(b, "started_on", v[i].started_on);
		buf_puts(b, "}");
	}
	buf_printf(b, "],\"total\":%lld,\"page\":%d,\"per_page\":50}", (long long)total, page);
	return BG_OK;
}

/* POST /api/v1/cooperatives/{id}/memberships {"person_id","status","started_on"}:
 * changes a current member's status (200 "saved"), or invites someone not a
 * member yet (202 "invited": they accept on /me). */
API_OP(api_membership_set, API_BODY, api_membership_set_op)
{
	bool pending = false;
	int64_t person = 0;
	const char *status = NULL, *day = NULL;
	bg_status st = json_get_int(r->body, "person_id", true, &person, err);
	if (st == BG_OK)
		st = json_get_string(r->body, "status", true, 20, &status, err);
	if (st == BG_OK)
		st = json_get_string(r->body, "started_on", false, 10, &day, err);
	if (st == BG_OK)
		st = net_membership_add(r->rq->db, r->rq->person_id, person, r->id, status, day, rq_base_url(r->rq),
					&pending, err);
	return api_status(r, st, pending ? 202 : 200, pending ? "invited" : "saved");
}

/* One row of the list of api_invitation_list_op. */
static void api_invitation_list_item(buf *b, const void *rows, size_t i)
{
	const net_invitation *v = rows;
	buf_printf(b, "{\"id\":%lld,\"cooperative_id\":%lld", (long long)v[i].id,
		   (long long)v[i].cooperative_id);
	api_str(b, "cooperative", v[i].coop_name);
	api_str(b, "status", v[i].status);
	api_str(b, "started_on", v[i].started_on);
	buf_puts(b, "}");
}

/* GET /api/v1/me/invitations: the caller's invitations to join a cooperative. */
API_OP(api_invitation_list, API_PLAIN, api_invitation_list_op)
{
	net_invitation *v;
	size_t n;
	bg_status st = net_invitation_list(r->rq->db, &r->rq->arena, r->rq->person_id, &v, &n, err);
	return api_list(r, st, "invitations", api_invitation_list_item, v, n, NULL, -1);
}

/* POST /api/v1/me/invitations/{id} {"answer":"accept"|"decline"} */
API_OP(api_invitation_answer, API_BODY, api_invitation_answer_op)
{
	const char *answer = NULL;
	bg_status st = json_get_string(r->body, "answer", true, 10, &answer, err);
	if (st == BG_OK && strcmp(answer, "accept") != 0 && strcmp(answer, "decline") != 0)
		st = bg_fail(err, BG_ERR_INVALID, "invalid_value", "answer", N_("This value is not allowed."));
	bool accept = st == BG_OK && strcmp(answer, "accept") == 0;
	if (st == BG_OK)
		st = net_invitation_answer(r->rq->db, r->rq->person_id, r->id, accept, err);
	return api_status(r, st, 200, accept ? "accepted" : "declined");
}

static api_net_deletion api_coop_deletion = {net_coop_delete};

/* The handler of the shared deletion, with what it deletes in ctx. */
API_HANDLER(api_coop_delete, API_PLAIN, api_net_delete, &api_coop_deletion)

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
