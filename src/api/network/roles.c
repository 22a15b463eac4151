/*
 * network/roles.c — /api/v1/roles: granting, revoking and listing roles
 * (paged).
 */
#include "api/network/api_network_internal.h"

/* Reads {"person_id","role","scope","scope_id"}. */
static bg_status api_role_input(json_t *body, int64_t *person, role *r, scope *s, bg_error *err)
{
	const char *name = NULL, *scope_name = NULL;
	int64_t scope_id = 0;
	bg_status st = json_get_int(body, "person_id", true, person, err);
	if (st == BG_OK)
		st = json_get_string(body, "role", true, 20, &name, err);
	if (st == BG_OK)
		st = json_get_string(body, "scope", true, 20, &scope_name, err);
	if (st == BG_OK)
		st = json_get_int(body, "scope_id", false, &scope_id, err);
	if (st != BG_OK)
		return st;
	*r = authz_role_from_name(name);
	if (!*r)
		return bg_fail(err, BG_ERR_INVALID, "invalid_role", "role", N_("Unknown role."));
	if (strcmp(scope_name, "group") == 0)
		*s = (scope){SCOPE_GROUP, scope_id};
	else if (strcmp(scope_name, "cooperative") == 0)
		*s = (scope){SCOPE_COOPERATIVE, scope_id};
	else if (strcmp(scope_name, "unit") == 0)
		*s = (scope){SCOPE_UNIT, scope_id};
	else
		return bg_fail(err, BG_ERR_INVALID, "invalid_scope", "scope",
			       N_("The scope is group, cooperative or unit."));
	return BG_OK;
}

/* POST /api/v1/roles (grant, 201) and DELETE /api/v1/roles (revoke, 204), audited. */
API_OP(api_role_change, API_BODY, api_role_change_op)
{
	request *rq = r->rq;
	int64_t person = 0;
	role ro = 0;
	scope s = {0};
	bool grant = rq->method == HTTP_POST;
	bg_status st = api_role_input(r->body, &person, &ro, &s, err);
	if (st == BG_OK)
		st = grant ? authz_grant(rq->db, rq->person_id, person, ro, s, err)
			   : authz_revoke(rq->db, rq->person_id, person, ro, s, err);
	return grant ? api_status(r, st, 201, "granted") : api_no_content(r, st);
}

/* One row of the list of api_role_list_op. */
static void api_role_list_item(buf *b, const void *rows, size_t i)
{
	const net_role *v = rows;
	buf_printf(b, "{\"person_id\":%lld", (long long)v[i].person_id);
	api_str(b, "display_name", v[i].person_name);
	api_str(b, "role", v[i].role);
	api_str(b, "scope", v[i].scope_type);
	buf_printf(b, ",\"scope_id\":%lld", (long long)v[i].scope_id);
	api_str(b, "scope_name", v[i].scope_name);
	buf_puts(b, "}");
}

/* GET /api/v1/roles?cooperative=ID (none: the group's roles), paged */
API_OP(api_role_list, API_PLAIN, api_role_list_op)
{
	request *rq = r->rq;
	const char *c = rq_query(rq, "cooperative");
	int64_t coop = c ? strtoll(c, NULL, 10) : 0;
	net_role *v = NULL;
	api_paging pg;
	bg_status st = api_paging_get(rq, &pg, err);
	if (st == BG_OK && c && coop <= 0)
		st = bg_fail(err, BG_ERR_INVALID, "invalid_cooperative", "cooperative", N_("This cooperative does not exist."));
	if (st == BG_OK)
		st = net_role_list(rq->db, &rq->arena, rq->person_id, coop, pg.limit, pg.offset, &v, &pg.n, &pg.total, err);
	return api_page(r, st, "roles", api_role_list_item, v, &pg);
}

const route api_net_roles_routes[] = {
	{HTTP_GET, "/api/v1/roles", api_role_list, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/roles", api_role_change, ROUTE_AUTH},
	{HTTP_DELETE, "/api/v1/roles", api_role_change, ROUTE_AUTH},
	{0, NULL, NULL, 0},
};
