/*
 * network/organisations.c — /api/v1/organisations: list, read, create,
 * change, delete, and the links between people and organisations.
 */
#include "api/network/api_network_internal.h"

static void api_org_list(request *rq, response *rs)
{
	int page;
	if (!api_net_page(rq, rs, "page", &page))
		return;
	net_org *v;
	size_t n;
	int64_t total;
	bg_error err;
	if (net_org_list(rq->db, &rq->arena, rq->person_id, rq_query(rq, "q"), rq_query(rq, "kind"),
			 page, 20, &v, &n, &total, &err) != BG_OK) {
		reply_error(rq, rs, &err);
		return;
	}
	buf *b = reply_json(rs, 200);
	buf_puts(b, "{\"organisations\":[");
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_puts(b, ",");
		api_net_org(b, &v[i], false);
	}
	buf_printf(b, "],\"total\":%lld,\"page\":%d,\"per_page\":20}", (long long)total, page);
}

/* GET /api/v1/organisations/{id} */
static void api_org_get(request *rq, response *rs)
{
	net_org o;
	bg_error err;
	if (net_org_get(rq->db, &rq->arena, rq->person_id, rq_param_id(rq, 0), &o, &err) != BG_OK) {
		reply_error(rq, rs, &err);
		return;
	}
	api_net_org(reply_json(rs, 200), &o, true);
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
static void api_org_create(request *rq, response *rs)
{
	json_t *body = api_body(rq, rs);
	if (!body)
		return;
	net_org_input in;
	bg_error err;
	int64_t id = 0;
	bg_status st = api_org_input(body, &in, &err);
	if (st == BG_OK)
		st = db_begin(rq->db, DB_WRITE, &err);
	if (st == BG_OK)
		st = net_org_create(rq->db, rq->person_id, &in, &id, &err);
	json_decref(body);
	if (st != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	api_net_done_id(rq, rs, 201, id);
}

/* PATCH /api/v1/organisations/{id} */
static void api_org_patch(request *rq, response *rs)
{
	json_t *body = api_body(rq, rs);
	if (!body)
		return;
	net_org_input in;
	bg_error err;
	bg_status st = api_org_input(body, &in, &err);
	if (st == BG_OK)
		st = db_begin(rq->db, DB_WRITE, &err);
	if (st == BG_OK)
		st = net_org_update(rq->db, rq->person_id, rq_param_id(rq, 0), &in, &err);
	json_decref(body);
	if (st != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	if (!api_commit(rq, rs))
		return;
	api_org_get(rq, rs);
}

/* DELETE /api/v1/organisations/{id} */
static void api_org_delete(request *rq, response *rs)
{
	api_net_delete(rq, rs, net_org_delete);
}

/* POST /api/v1/organisations/{id}/people {"person_id","role"} */
static void api_org_link(request *rq, response *rs)
{
	json_t *body = api_body(rq, rs);
	if (!body)
		return;
	int64_t person = 0;
	const char *link_role = NULL;
	bg_error err;
	bg_status st = json_get_int(body, "person_id", true, &person, &err);
	if (st == BG_OK)
		st = json_get_string(body, "role", false, 100, &link_role, &err);
	if (st == BG_OK)
		st = db_begin(rq->db, DB_WRITE, &err);
	if (st == BG_OK)
		st = net_org_link(rq->db, rq->person_id, rq_param_id(rq, 0), person, link_role, &err);
	json_decref(body);
	if (st != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	api_net_done_empty(rq, rs);
}

/* DELETE /api/v1/organisations/{id}/people/{person} */
static void api_org_unlink(request *rq, response *rs)
{
	bg_error err;
	if (db_begin(rq->db, DB_WRITE, &err) != BG_OK ||
	    net_org_unlink(rq->db, rq->person_id, rq_param_id(rq, 0), rq_param_id(rq, 1), &err) != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	api_net_done_empty(rq, rs);
}

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
