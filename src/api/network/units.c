/*
 * network/units.c — /api/v1/units: list, read, create, change and delete.
 */
#include "api/network/api_network_internal.h"

static void api_unit_list(request *rq, response *rs)
{
	const char *c = rq_query(rq, "cooperative");
	int64_t coop = c ? strtoll(c, NULL, 10) : 0;
	if (c && coop <= 0) {
		reply_fail(rq, rs, BG_ERR_INVALID, "invalid_cooperative", "cooperative",
			   N_("This cooperative does not exist."));
		return;
	}
	net_unit *v;
	size_t n;
	bg_error err;
	if (net_unit_list(rq->db, &rq->arena, rq->person_id, coop, &v, &n, &err) != BG_OK) {
		reply_error(rq, rs, &err);
		return;
	}
	buf *b = reply_json(rs, 200);
	buf_puts(b, "{\"units\":[");
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_puts(b, ",");
		api_net_unit(b, &v[i]);
	}
	buf_printf(b, "],\"total\":%zu}", n);
}

/* GET /api/v1/units/{id} */
static void api_unit_get(request *rq, response *rs)
{
	net_unit u;
	bg_error err;
	if (net_unit_get(rq->db, &rq->arena, rq->person_id, rq_param_id(rq, 0), &u, &err) != BG_OK) {
		reply_error(rq, rs, &err);
		return;
	}
	api_net_unit(reply_json(rs, 200), &u);
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
static void api_unit_create(request *rq, response *rs)
{
	json_t *body = api_body(rq, rs);
	if (!body)
		return;
	net_unit_input in;
	bg_error err;
	int64_t id = 0;
	bg_status st = api_unit_input(rq, body, &in, &err);
	if (st == BG_OK)
		st = db_begin(rq->db, DB_WRITE, &err);
	if (st == BG_OK)
		st = net_unit_create(rq->db, rq->person_id, &in, &id, &err);
	json_decref(body);
	if (st != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	api_net_done_id(rq, rs, 201, id);
}

/* PATCH /api/v1/units/{id} */
static void api_unit_patch(request *rq, response *rs)
{
	json_t *body = api_body(rq, rs);
	if (!body)
		return;
	net_unit_input in;
	bg_error err;
	bg_status st = api_unit_input(rq, body, &in, &err);
	if (st == BG_OK)
		st = db_begin(rq->db, DB_WRITE, &err);
	if (st == BG_OK)
		st = net_unit_update(rq->db, rq->person_id, rq_param_id(rq, 0), &in, &err);
	json_decref(body);
	if (st != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	if (!api_commit(rq, rs))
		return;
	api_unit_get(rq, rs);
}

/* DELETE /api/v1/units/{id} */
static void api_unit_delete(request *rq, response *rs)
{
	api_net_delete(rq, rs, net_unit_delete);
}

const route api_net_units_routes[] = {
	{HTTP_GET, "/api/v1/units", api_unit_list, ROUTE_PUBLIC},
	{HTTP_POST, "/api/v1/units", api_unit_create, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/units/{id}", api_unit_get, ROUTE_PUBLIC},
	{HTTP_PATCH, "/api/v1/units/{id}", api_unit_patch, ROUTE_AUTH},
	{HTTP_DELETE, "/api/v1/units/{id}", api_unit_delete, ROUTE_AUTH},
	{0, NULL, NULL, 0},
};
