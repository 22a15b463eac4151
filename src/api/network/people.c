/*
 * network/people.c — /api/v1/people: the directory search, a person's
 * profile (only what the viewer may see), its changes and its memberships.
 */
#include "api/network/api_network_internal.h"

/* GET /api/v1/people?q=&skill=&trade=&territory=&cooperate=&page=&per_page= */
API_OP(api_people_list, API_PLAIN, api_people_list_op)
{
	request *rq = r->rq;
	net_search q = {.q = rq_query(rq, "q"), .skill = rq_query(rq, "skill"),
			.trade = rq_query(rq, "trade"), .territory = rq_query(rq, "territory"),
			.per_page = 20};
	const char *coop = rq_query(rq, "cooperate");
	q.cooperate_only = coop && (strcmp(coop, "1") == 0 || strcmp(coop, "true") == 0);
	bg_status st = api_net_page(rq, "page", &q.page, err);
	if (st == BG_OK)
		st = api_net_page(rq, "per_page", &q.per_page, err);
	if (!rq_query(rq, "per_page"))
		q.per_page = 20;
	if (st == BG_OK && q.per_page > 100)
		st = bg_fail(err, BG_ERR_INVALID, "invalid_page", "per_page", N_("This page number is not valid."));
	net_search_result res;
	if (st == BG_OK)
		st = net_people_search(rq->db, &rq->arena, rq->person_id, &q, &res, err);
	if (st != BG_OK)
		return st;
	buf *b = api_json(r, 200);
	buf_puts(b, "{\"people\":[");
	for (size_t i = 0; i < res.n; i++) {
		if (i)
			buf_puts(b, ",");
		api_net_profile(b, &res.items[i]);
	}
	buf_printf(b, "],\"total\":%lld,\"page\":%d,\"per_page\":%d}", (long long)res.total, q.page, q.per_page);
	return BG_OK;
}

/* GET /api/v1/people/{id}: the profile as the caller may see it. */
API_OP(api_person_get, API_PLAIN, api_person_get_op)
{
	net_profile p;
	bg_status st = net_profile_load(r->rq->db, &r->rq->arena, r->rq->person_id, r->id, &p, err);
	if (st == BG_OK)
		api_net_profile(api_json(r, 200), &p);
	return st;
}

/* Reads a tag list given as an array of strings or one string. */
static bg_status api_net_tags(request *rq, json_t *body, const char *field, const char **out,
			      bg_error *err)
{
	json_t *v = json_object_get(body, field);
	if (!v || json_is_null(v))
		return BG_OK;
	if (json_is_string(v))
		return json_get_string(body, field, false, 4000, out, err);
	if (!json_is_array(v) || json_array_size(v) > 30)
		return bg_fail(err, BG_ERR_INVALID, "invalid_type", field,
			       N_("This field has the wrong type."));
	buf b;
	buf_init(&b);
	for (size_t i = 0; i < json_array_size(v); i++) {
		json_t *s = json_array_get(v, i);
		if (!json_is_string(s) || strlen(json_string_value(s)) != json_string_length(s) ||
		    strchr(json_string_value(s), ',') || strchr(json_string_value(s), ';')) {
			buf_free(&b);
			return bg_fail(err, BG_ERR_INVALID, "invalid_tag", field,
				       N_("Each trade or skill is a text without commas."));
		}
		buf_printf(&b, "%s%s", i ? "\n" : "", json_string_value(s));
	}
	*out = arena_strdup(&rq->arena, b.data ? b.data : "");
	buf_free(&b);
	return BG_OK;
}

/* PATCH /api/v1/people/{id} — one's own profile (or a group administrator);
 * the profile answered as the caller now sees it. */
API_OP(api_person_patch, API_BODY, api_person_patch_op)
{
	request *rq = r->rq;
	json_t *body = r->body;
	net_profile_input in;
	net_profile_input_init(&in);
	bool coop = false;
	const api_net_field f[] = {{"presentation", 2000, &in.presentation}, {"links", 2000, &in.links},
				   {NULL, 0, NULL}};
	bg_status st = api_net_fields(body, f, err);
	if (st == BG_OK)
		st = api_net_tags(rq, body, "trades", &in.trades, err);
	if (st == BG_OK)
		st = api_net_tags(rq, body, "skills", &in.skills, err);
	if (st == BG_OK && json_object_get(body, "wants_cooperate") &&
	    (st = json_get_bool(body, "wants_cooperate", false, &coop, err)) == BG_OK)
		in.wants_cooperate = coop;
	json_t *t = json_object_get(body, "territory");
	if (st == BG_OK && t) {
		if (json_is_null(t)) {
			in.commune = in.postcode = "";
		} else if (!json_is_object(t)) {
			st = bg_fail(err, BG_ERR_INVALID, "invalid_type", "territory",
				     N_("This field has the wrong type."));
		} else {
			const api_net_field tf[] = {{"commune", 100, &in.commune},
						    {"postcode", 10, &in.postcode},
						    {"area", 10, &in.area}, {NULL, 0, NULL}};
			st = api_net_fields(t, tf, err);
			if (st == BG_OK && (!in.commune || !in.postcode))
				st = bg_fail(err, BG_ERR_INVALID, "missing_field", in.commune ? "postcode" : "commune",
					     N_("The commune and the postcode are both required."));
		}
	}
	json_t *vis = json_object_get(body, "visibility");
	if (st == BG_OK && vis && !json_is_null(vis)) {
		if (!json_is_object(vis))
			st = bg_fail(err, BG_ERR_INVALID, "invalid_type", "visibility",
				     N_("This field has the wrong type."));
		const char *key;
		json_t *value;
		json_object_foreach(vis, key, value) {
			if (st != BG_OK)
				break;
			int field = -1;
			for (int i = 0; i < NET_F_COUNT; i++)
				if (strcmp(key, net_field_names[i]) == 0)
					field = i;
			int level = json_is_string(value) ? net_level_from_name(json_string_value(value)) : -1;
			if (field < 0 || level < 0)
				st = bg_fail(err, BG_ERR_INVALID, "invalid_visibility", "visibility",
					     N_("Visibility is public, group, coop or private."));
			else
				in.vis[field] = level;
		}
	}
	if (st == BG_OK)
		st = net_profile_update(rq->db, rq->person_id, r->id, &in, err);
	if (st != BG_OK)
		return st;
	net_profile p;
	st = net_profile_load(rq->db, &rq->arena, rq->person_id, r->id, &p, err);
	if (st == BG_ERR_NOT_FOUND) {
		/* an administrator changed a profile its person has not opened to anyone yet */
		buf_printf(api_json(r, 200), "{\"id\":%lld,\"status\":\"saved\",\"visible\":false}", (long long)r->id);
		return BG_OK;
	}
	if (st == BG_OK)
		api_net_profile(api_json(r, 200), &p);
	return st;
}

/* One row of the list of api_person_memberships_op. */
static void api_person_memberships_item(buf *b, const void *rows, size_t i)
{
	const net_membership *v = rows;
	buf_printf(b, "{\"id\":%lld,\"cooperative_id\":%lld", (long long)v[i].id,
		   (long long)v[i].cooperative_id);
	api_str(b, "cooperative", v[i].coop_name);
	api_str(b, "status", v[i].status);
	api_str(b, "started_on", v[i].started_on);
	api_str(b, "ended_on", v[i].ended_on);
	buf_puts(b, "}");
}

/* GET /api/v1/people/{id}/memberships: the history the caller may see. */
API_OP(api_person_memberships, API_PLAIN, api_person_memberships_op)
{
	request *rq = r->rq;
	net_membership *v = NULL;
	size_t n = 0;
	net_profile p;
	/* a person one may not see has no history either */
	bg_status st = net_profile_load(rq->db, &rq->arena, rq->person_id, r->id, &p, err);
	if (st == BG_OK)
		st = net_membership_history(rq->db, &rq->arena, rq->person_id, r->id, &v, &n, err);
	return api_list(r, st, "memberships", api_person_memberships_item, v, n, NULL, -1);
}

const route api_net_people_routes[] = {
	{HTTP_GET, "/api/v1/people", api_people_list, ROUTE_PUBLIC},
	{HTTP_GET, "/api/v1/people/{id}", api_person_get, ROUTE_PUBLIC},
	{HTTP_PATCH, "/api/v1/people/{id}", api_person_patch, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/people/{id}/memberships", api_person_memberships, ROUTE_AUTH},
	{0, NULL, NULL, 0},
};
