/*
 * network/organisations.c — /api/v1/organisations: list, read, create,
 * change, delete, and the links between people and organisations.
 */
#include "api/network/api_network_internal.h"

/* GET /api/v1/organisations?q=&kind=&page= */
API_OP(api_org_list, API_PLAIN, api_org_list_op)
{
	request *rq = r->rq;
	int page;
	net_org *v;
	size_t n;
	int64_t total;
	bg_status st = api_net_page(rq, "page", &page, err);
	if (st == BG_OK)
		st = net_org_list(rq->db, &rq->arena, rq->person_id, rq_query(rq, "q"), rq_query(rq, "kind"), page, 20, &v,
				  &n, &total, err);
	if (st != BG_OK)
		return st;
	buf *b = api_json(r, 200);
	buf_puts(b, "{\"organisations\":[");
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_puts(b, ",");
		api_net_org(b, &v[i], false);
	}
	buf_printf(b, "],\"total\":%lld,\"page\":%d,\"per_page\":20}", (long long)total, page);
	return BG_OK;
}

/* GET /api/v1/organisations/{id} (also the answer of a change) */
API_OP(api_org_get, API_PLAIN, api_org_get_op)
{
	net_org o;
	bg_status st = net_org_get(r->rq->db, &r->rq->arena, r->rq->person_id, r->id, &o, err);
	if (st == BG_OK)
		api_net_org(api_json(r, 200), &o, true);
	return st;
}

/* Reads an organisation's fields from a JSON body. */
static bg_status api_org_input(json_t *body, net_org_input *in, bg_error *err)
{
	net_org_input_init(in);
	const char *vis = NULL;
	const api_net_field f[] = {
		{"kind", 40, &in->kind}, {"name", 200, &in->name}, {"siren", 20, &in->siren},
		{"description", 2000, &in->description}, {"website", 300, &in->website},
		{"commune", 100, &in->commune}, {"postcode", 10, &in->postcode}, {"area", 10, &in->area},
		{"visibility", 10, &vis}, {NULL, 0, NULL}};
	bg_status st = api_net_fields(body, f, err);
	if (st == BG_OK)
		st = json_get_int(body, "cooperative_id", false, &in->cooperative_id, err);
	if (st == BG_OK && vis) {
		in->visibility = net_level_from_name(vis);
		if (in->visibility < 0 || in->visibility > 2)
			return bg_fail(err, BG_ERR_INVALID, "invalid_visibility", "visibility",
				       N_("Visibility is public, group or coop."));
	}
	return st;
}

/* POST /api/v1/organisations */
API_OP(api_org_create, API_ONCE, api_org_create_op)
{
	net_org_input in;
	int64_t id = 0;
	bg_status st = api_org_input(r->body, &in, err);
	if (st == BG_OK)
		st = net_org_create(r->rq->db, r->rq->person_id, &in, &id, err);
	return api_created(r, st, id);
}

/* PATCH /api/v1/organisations/{id} */
API_OP(api_org_patch, API_BODY, api_org_patch_op)
{
	net_org_input in;
	bg_status st = api_org_input(r->body, &in, err);
	if (st == BG_OK)
		st = net_org_update(r->rq->db, r->rq->person_id, r->id, &in, err);
	return st == BG_OK ? api_org_get_op(r, err) : st;
}

/* POST /api/v1/organisations/{id}/people {"person_id","role"} */
API_OP(api_org_link, API_BODY, api_org_link_op)
{
	int64_t person = 0;
	const char *link_role = NULL;
	bg_status st = json_get_int(r->body, "person_id", true, &person, err);
	if (st == BG_OK)
		st = json_get_string(r->body, "role", false, 100, &link_role, err);
	if (st == BG_OK)
		st = net_org_link(r->rq->db, r->rq->person_id, r->id, person, link_role, err);
	return api_no_content(r, st);
}

/* DELETE /api/v1/organisations/{id}/people/{person} */
API_OP(api_org_unlink, API_PLAIN, api_org_unlink_op)
{
	bg_status st = net_org_unlink(r->rq->db, r->rq->person_id, r->id, rq_param_id(r->rq, 1), err);
	return api_no_content(r, st);
}

static api_net_deletion api_org_deletion = {net_org_delete};

/* The handler of the shared deletion, with what it deletes in ctx. */
API_HANDLER(api_org_delete, API_PLAIN, api_net_delete, &api_org_deletion)

const route api_net_organisations_routes[] = {
	{HTTP_GET, "/api/v1/organisations", api_org_list, ROUTE_PUBLIC},
	{HTTP_POST, "/api/v1/organisations", api_org_create, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/organisations/{id}", api_org_get, ROUTE_PUBLIC},
	{HTTP_PATCH, "/api/v1/organisations/{id}", api_org_patch, ROUTE_AUTH},
	{HTTP_DELETE, "/api/v1/organisations/{id}", api_org_delete, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/organisations/{id}/people", api_org_link, ROUTE_AUTH},
	{HTTP_DELETE, "/api/v1/organisations/{id}/people/{person}", api_org_unlink, ROUTE_AUTH},
	{0, NULL, NULL, 0},
};
