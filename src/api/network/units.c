/*
 * network/units.c — /api/v1/units: list, read, create, change and delete.
 */
#include "api/network/api_network_internal.h"

/* One of the units of a list. */
static void api_units_item(buf *b, const void *rows, size_t i)
{
	api_net_unit(b, (const net_unit *)rows + i);
}

/* GET /api/v1/units?cooperative= */
API_OP(api_unit_list, API_PLAIN, api_unit_list_op)
{
	request *rq = r->rq;
	const char *c = rq_query(rq, "cooperative");
	int64_t coop = c ? strtoll(c, NULL, 10) : 0;
	if (c && coop <= 0)
		return bg_fail(err, BG_ERR_INVALID, "invalid_cooperative", "cooperative", N_("This cooperative does not exist."));
	net_unit *v;
	size_t n;
	bg_status st = net_unit_list(rq->db, &rq->arena, rq->person_id, coop, &v, &n, err);
	return api_list(r, st, "units", api_units_item, v, n, NULL, (int64_t)n);
}

/* GET /api/v1/units/{id} (also the answer of a change) */
API_OP(api_unit_get, API_PLAIN, api_unit_get_op)
{
	net_unit u;
	bg_status st = net_unit_get(r->rq->db, &r->rq->arena, r->rq->person_id, r->id, &u, err);
	if (st == BG_OK)
		api_net_unit(api_json(r, 200), &u);
	return st;
}

/* Reads a unit's fields; cooperatives: an array of ids (the others). */
static bg_status api_unit_input(request *rq, json_t *body, net_unit_input *in, bg_error *err)
{
	memset(in, 0, sizeof *in);
	const api_net_field f[] = {
		{"name", 200, &in->name}, {"kind", 20, &in->kind}, {"address", 300, &in->address},
		{"description", 2000, &in->description}, {"commune", 100, &in->commune},
		{"postcode", 10, &in->postcode}, {"area", 10, &in->area}, {NULL, 0, NULL}};
	bg_status st = api_net_fields(body, f, err);
	if (st == BG_OK)
		st = json_get_int(body, "cooperative_id", false, &in->cooperative_id, err);
	json_t *others = json_object_get(body, "other_cooperatives");
	if (st == BG_OK && others && !json_is_null(others)) {
		if (!json_is_array(others) || json_array_size(others) > 15)
			return bg_fail(err, BG_ERR_INVALID, "invalid_type", "other_cooperatives",
				       N_("This field has the wrong type."));
		int64_t *ids = arena_alloc(&rq->arena, (json_array_size(others) + 1) * sizeof *ids);
		for (size_t i = 0; i < json_array_size(others); i++) {
			json_t *v = json_array_get(others, i);
			if (!json_is_integer(v))
				return bg_fail(err, BG_ERR_INVALID, "invalid_type", "other_cooperatives",
					       N_("This field has the wrong type."));
			ids[i] = json_integer_value(v);
		}
		in->other_coops = ids;
		in->nother = json_array_size(others);
		in->set_others = true;
	}
	return st;
}

/* POST /api/v1/units */
API_OP(api_unit_create, API_ONCE, api_unit_create_op)
{
	net_unit_input in;
	int64_t id = 0;
	bg_status st = api_unit_input(r->rq, r->body, &in, err);
	if (st == BG_OK)
		st = net_unit_create(r->rq->db, r->rq->person_id, &in, &id, err);
	return api_created(r, st, id);
}

/* PATCH /api/v1/units/{id} */
API_OP(api_unit_patch, API_BODY, api_unit_patch_op)
{
	net_unit_input in;
	bg_status st = api_unit_input(r->rq, r->body, &in, err);
	if (st == BG_OK)
		st = net_unit_update(r->rq->db, r->rq->person_id, r->id, &in, err);
	return st == BG_OK ? api_unit_get_op(r, err) : st;
}

static api_net_deletion api_unit_deletion = {net_unit_delete};

/* The handler of the shared deletion, with what it deletes in ctx. */
API_HANDLER(api_unit_delete, API_PLAIN, api_net_delete, &api_unit_deletion)

const route api_net_units_routes[] = {
	{HTTP_GET, "/api/v1/units", api_unit_list, ROUTE_PUBLIC},
	{HTTP_POST, "/api/v1/units", api_unit_create, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/units/{id}", api_unit_get, ROUTE_PUBLIC},
	{HTTP_PATCH, "/api/v1/units/{id}", api_unit_patch, ROUTE_AUTH},
	{HTTP_DELETE, "/api/v1/units/{id}", api_unit_delete, ROUTE_AUTH},
	{0, NULL, NULL, 0},
};
