/*
 * api_network.c — the JSON face of the structure and the directory:
 * /api/v1/cooperatives, /units, /people, /organisations, /roles.
 *
 * Thin handlers: parse, one transaction, the network domain's functions
 * (which check rights and visibility), render.  A profile is rendered from
 * what net_profile_load()/net_people_search() left visible: a hidden field
 * is absent from the answer, never null-but-present.
 */
#include "api/api.h"
#include "auth/authz.h"
#include "core/i18n.h"
#include "network/network.h"
#include <stdlib.h>
#include <string.h>

/* --------------------------------------------------------------- helpers */

/* Reads ?name= as a positive page number (default 1); false (answered
 * 400) when it is not one. */
static bool api_net_page(request *rq, response *rs, const char *name, int *out)
{
	const char *v = rq_query(rq, name);
	*out = 1;
	if (!v)
		return true;
	char *end;
	long n = strtol(v, &end, 10);
	if (!*v || *end || n < 1 || n > 100000) {
		reply_fail(rq, rs, BG_ERR_INVALID, "invalid_page", name,
			   N_("This page number is not valid."));
		return false;
	}
	*out = (int)n;
	return true;
}

/* Appends ,"key":"value" (value may be NULL: null). */
static void api_net_str(buf *b, const char *key, const char *value)
{
	buf_printf(b, ",\"%s\":", key);
	json_put_string(b, value);
}

/* Appends a territory object, or null when there is none (or it is hidden). */
static void api_net_territory(buf *b, const net_territory *t)
{
	if (!t->commune) {
		buf_puts(b, "null");
		return;
	}
	buf_puts(b, "{\"commune\":");
	json_put_string(b, t->commune);
	api_net_str(b, "postcode", t->postcode);
	api_net_str(b, "department", t->department);
	api_net_str(b, "area", t->kind);
	buf_puts(b, "}");
}

/* Appends an array of strings. */
static void api_net_strings(buf *b, const char **v, size_t n)
{
	buf_puts(b, "[");
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_puts(b, ",");
		json_put_string(b, v[i]);
	}
	buf_puts(b, "]");
}

/* A profile as the viewer may see it: hidden fields are left out. */
static void api_net_profile(buf *b, const net_profile *p)
{
	buf_printf(b, "{\"id\":%lld", (long long)p->id);
	api_net_str(b, "display_name", p->display_name);
	if (p->email)
		api_net_str(b, "email", p->email);
	if (p->trades) {
		buf_puts(b, ",\"trades\":");
		api_net_strings(b, p->trades, p->ntrades);
	}
	if (p->skills) {
		buf_puts(b, ",\"skills\":");
		api_net_strings(b, p->skills, p->nskills);
	}
	if (p->territory.commune) {
		buf_puts(b, ",\"territory\":");
		api_net_territory(b, &p->territory);
	}
	if (p->presentation)
		api_net_str(b, "presentation", p->presentation);
	if (p->links)
		api_net_str(b, "links", p->links);
	if (p->wants_cooperate >= 0)
		buf_printf(b, ",\"wants_cooperate\":%s", p->wants_cooperate ? "true" : "false");
	if (p->coops) {
		buf_puts(b, ",\"cooperatives\":");
		api_net_strings(b, p->coops, p->ncoops);
	}
	if (p->level == NET_SELF) {
		buf_puts(b, ",\"visibility\":{");
		for (int i = 0; i < NET_F_COUNT; i++)
			buf_printf(b, "%s\"%s\":\"%s\"", i ? "," : "", net_field_names[i],
				   net_level_name(p->vis[i]));
		buf_printf(b, "},\"visibility_chosen\":%s", p->vis_chosen ? "true" : "false");
	}
	buf_puts(b, "}");
}

/* Appends a cooperative (public identity, settings, counts). */
static void api_net_coop(buf *b, const net_coop *c)
{
	buf_printf(b, "{\"id\":%lld", (long long)c->id);
	api_net_str(b, "name", c->name);
	api_net_str(b, "legal_form", c->legal_form);
	api_net_str(b, "siren", *c->siren ? c->siren : NULL);
	api_net_str(b, "short_description", c->short_description);
	api_net_str(b, "address", c->address);
	api_net_str(b, "postcode", c->postcode);
	api_net_str(b, "commune", c->commune);
	api_net_str(b, "website", c->website);
	buf_puts(b, ",\"settings\":");
	buf_puts(b, c->settings && *c->settings ? c->settings : "{}");
	buf_printf(b, ",\"members\":%lld,\"units\":%lld}", (long long)c->members, (long long)c->units);
}

/* Appends a unit with its territory and cooperatives (main first). */
static void api_net_unit(buf *b, const net_unit *u)
{
	buf_printf(b, "{\"id\":%lld,\"cooperative_id\":%lld", (long long)u->id,
		   (long long)u->cooperative_id);
	api_net_str(b, "name", u->name);
	api_net_str(b, "kind", u->kind);
	api_net_str(b, "address", u->address);
	api_net_str(b, "description", u->description);
	buf_puts(b, ",\"territory\":");
	api_net_territory(b, &u->territory);
	buf_puts(b, ",\"cooperatives\":[");
	for (size_t i = 0; i < u->ncoops; i++)
		buf_printf(b, "%s%lld", i ? "," : "", (long long)u->coop_ids[i]);
	buf_puts(b, "]}");
}

static const char *const api_net_org_vis[] = {"public", "group", "coop"};

/* Appends an organisation; with_people adds the people the caller may see. */
static void api_net_org(buf *b, const net_org *o, bool with_people)
{
	buf_printf(b, "{\"id\":%lld", (long long)o->id);
	api_net_str(b, "kind", o->kind);
	api_net_str(b, "name", o->name);
	if (o->cooperative_id)
		buf_printf(b, ",\"cooperative_id\":%lld", (long long)o->cooperative_id);
	else
		buf_puts(b, ",\"cooperative_id\":null");
	api_net_str(b, "siren", *o->siren ? o->siren : NULL);
	api_net_str(b, "description", o->description);
	api_net_str(b, "website", o->website);
	api_net_str(b, "visibility", api_net_org_vis[o->visibility % 3]);
	buf_puts(b, ",\"territory\":");
	api_net_territory(b, &o->territory);
	if (with_people) {
		buf_puts(b, ",\"people\":[");
		for (size_t i = 0; i < o->npeople; i++) {
			buf_printf(b, "%s{\"person_id\":%lld", i ? "," : "", (long long)o->people[i].person_id);
			api_net_str(b, "display_name", o->people[i].name);
			api_net_str(b, "role", o->people[i].role);
			buf_puts(b, "}");
		}
		buf_puts(b, "]");
	}
	buf_puts(b, "}");
}

/* Reads the string fields of a JSON body into pointers; stops at the first
 * error. */
typedef struct api_net_field {
	const char *name;
	size_t max;
	const char **out;
} api_net_field;

/* Reads each listed optional string field; stops at the first that is wrong. */
static bg_status api_net_fields(json_t *body, const api_net_field *f, bg_error *err)
{
	for (; f->name; f++) {
		bg_status st = json_get_string(body, f->name, false, f->max, f->out, err);
		if (st != BG_OK)
			return st;
	}
	return BG_OK;
}

/* Answers 201/200 with {"id":N} after committing. */
static void api_net_done_id(request *rq, response *rs, int status, int64_t id)
{
	if (!api_commit(rq, rs))
		return;
	buf_printf(reply_json(rs, status), "{\"id\":%lld}", (long long)id);
}

/* Commits and answers 204. */
static void api_net_done_empty(request *rq, response *rs)
{
	if (!api_commit(rq, rs))
		return;
	rs->status = 204;
	rs->content_type = NULL;
}

/* ---------------------------------------------------------- cooperatives */

static void api_coop_list(request *rq, response *rs)
{
	net_coop *v;
	size_t n;
	bg_error err;
	if (net_coop_list(rq->db, &rq->arena, &v, &n, &err) != BG_OK) {
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
	if (net_coop_get(rq->db, &rq->arena, rq_param_id(rq, 0), &c, &err) != BG_OK) {
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
	bg_error err;
	if (db_begin(rq->db, DB_WRITE, &err) != BG_OK ||
	    net_coop_delete(rq->db, rq->person_id, rq_param_id(rq, 0), &err) != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	api_net_done_empty(rq, rs);
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

/* ------------------------------------------------------------------ units */

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
	if (net_unit_list(rq->db, &rq->arena, coop, &v, &n, &err) != BG_OK) {
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
	if (net_unit_get(rq->db, &rq->arena, rq_param_id(rq, 0), &u, &err) != BG_OK) {
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
	bg_error err;
	if (db_begin(rq->db, DB_WRITE, &err) != BG_OK ||
	    net_unit_delete(rq->db, rq->person_id, rq_param_id(rq, 0), &err) != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	api_net_done_empty(rq, rs);
}

/* ----------------------------------------------------------------- people */

static void api_people_list(request *rq, response *rs)
{
	net_search q = {.q = rq_query(rq, "q"), .skill = rq_query(rq, "skill"),
			.trade = rq_query(rq, "trade"), .territory = rq_query(rq, "territory"),
			.per_page = 20};
	const char *coop = rq_query(rq, "cooperate");
	q.cooperate_only = coop && (strcmp(coop, "1") == 0 || strcmp(coop, "true") == 0);
	if (!api_net_page(rq, rs, "page", &q.page) || !api_net_page(rq, rs, "per_page", &q.per_page))
		return;
	if (!rq_query(rq, "per_page"))
		q.per_page = 20;
	if (q.per_page > 100) {
		reply_fail(rq, rs, BG_ERR_INVALID, "invalid_page", "per_page",
			   N_("This page number is not valid."));
		return;
	}
	net_search_result r;
	bg_error err;
	if (net_people_search(rq->db, &rq->arena, rq->person_id, &q, &r, &err) != BG_OK) {
		reply_error(rq, rs, &err);
		return;
	}
	buf *b = reply_json(rs, 200);
	buf_puts(b, "{\"people\":[");
	for (size_t i = 0; i < r.n; i++) {
		if (i)
			buf_puts(b, ",");
		api_net_profile(b, &r.items[i]);
	}
	buf_printf(b, "],\"total\":%lld,\"page\":%d,\"per_page\":%d}", (long long)r.total, q.page,
		   q.per_page);
}

/* GET /api/v1/people/{id}: the profile as the caller may see it. */
static void api_person_get(request *rq, response *rs)
{
	net_profile p;
	bg_error err;
	if (net_profile_load(rq->db, &rq->arena, rq->person_id, rq_param_id(rq, 0), &p, &err) != BG_OK) {
		reply_error(rq, rs, &err);
		return;
	}
	api_net_profile(reply_json(rs, 200), &p);
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

/* PATCH /api/v1/people/{id} — one's own profile (or a group administrator). */
static void api_person_patch(request *rq, response *rs)
{
	json_t *body = api_body(rq, rs);
	if (!body)
		return;
	net_profile_input in;
	net_profile_input_init(&in);
	bg_error err;
	bool coop = false;
	const api_net_field f[] = {{"presentation", 2000, &in.presentation}, {"links", 2000, &in.links},
				   {NULL, 0, NULL}};
	bg_status st = api_net_fields(body, f, &err);
	if (st == BG_OK)
		st = api_net_tags(rq, body, "trades", &in.trades, &err);
	if (st == BG_OK)
		st = api_net_tags(rq, body, "skills", &in.skills, &err);
	if (st == BG_OK && json_object_get(body, "wants_cooperate") &&
	    (st = json_get_bool(body, "wants_cooperate", false, &coop, &err)) == BG_OK)
		in.wants_cooperate = coop;
	json_t *t = json_object_get(body, "territory");
	if (st == BG_OK && t) {
		if (json_is_null(t)) {
			in.commune = in.postcode = "";
		} else if (!json_is_object(t)) {
			st = bg_fail(&err, BG_ERR_INVALID, "invalid_type", "territory",
				     N_("This field has the wrong type."));
		} else {
			const api_net_field tf[] = {{"commune", 100, &in.commune},
						    {"postcode", 10, &in.postcode},
						    {"area", 10, &in.area}, {NULL, 0, NULL}};
			st = api_net_fields(t, tf, &err);
			if (st == BG_OK && (!in.commune || !in.postcode))
				st = bg_fail(&err, BG_ERR_INVALID, "missing_field", in.commune ? "postcode" : "commune",
					     N_("The commune and the postcode are both required."));
		}
	}
	json_t *vis = json_object_get(body, "visibility");
	if (st == BG_OK && vis && !json_is_null(vis)) {
		if (!json_is_object(vis))
			st = bg_fail(&err, BG_ERR_INVALID, "invalid_type", "visibility",
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
				st = bg_fail(&err, BG_ERR_INVALID, "invalid_visibility", "visibility",
					     N_("Visibility is public, group, coop or private."));
			else
				in.vis[field] = level;
		}
	}
	if (st == BG_OK)
		st = db_begin(rq->db, DB_WRITE, &err);
	if (st == BG_OK)
		st = net_profile_update(rq->db, rq->person_id, rq_param_id(rq, 0), &in, &err);
	json_decref(body);
	if (st != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	if (!api_commit(rq, rs))
		return;
	net_profile p;
	if (net_profile_load(rq->db, &rq->arena, rq->person_id, rq_param_id(rq, 0), &p, &err) == BG_ERR_NOT_FOUND) {
		/* an administrator changed a profile its person has not opened to anyone yet */
		buf_printf(reply_json(rs, 200), "{\"id\":%lld,\"status\":\"saved\",\"visible\":false}",
			   (long long)rq_param_id(rq, 0));
		return;
	}
	api_person_get(rq, rs);
}

/* GET /api/v1/people/{id}/memberships: the history the caller may see. */
static void api_person_memberships(request *rq, response *rs)
{
	net_membership *v;
	size_t n;
	bg_error err;
	int64_t id = rq_param_id(rq, 0);
	net_profile p;
	/* a person one may not see has no history either */
	if (net_profile_load(rq->db, &rq->arena, rq->person_id, id, &p, &err) != BG_OK ||
	    net_membership_history(rq->db, &rq->arena, rq->person_id, id, &v, &n, &err) != BG_OK) {
		reply_error(rq, rs, &err);
		return;
	}
	buf *b = reply_json(rs, 200);
	buf_puts(b, "{\"memberships\":[");
	for (size_t i = 0; i < n; i++) {
		buf_printf(b, "%s{\"id\":%lld,\"cooperative_id\":%lld", i ? "," : "", (long long)v[i].id,
			   (long long)v[i].cooperative_id);
		api_net_str(b, "cooperative", v[i].coop_name);
		api_net_str(b, "status", v[i].status);
		api_net_str(b, "started_on", v[i].started_on);
		api_net_str(b, "ended_on", v[i].ended_on);
		buf_puts(b, "}");
	}
	buf_puts(b, "]}");
}

/* ---------------------------------------------------------- organisations */

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
	bg_error err;
	if (db_begin(rq->db, DB_WRITE, &err) != BG_OK ||
	    net_org_delete(rq->db, rq->person_id, rq_param_id(rq, 0), &err) != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	api_net_done_empty(rq, rs);
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

/* ------------------------------------------------------------------ roles */

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

/* POST /api/v1/roles (grant) and DELETE /api/v1/roles (revoke), audited. */
static void api_role_change(request *rq, response *rs)
{
	json_t *body = api_body(rq, rs);
	if (!body)
		return;
	int64_t person = 0;
	role r = 0;
	scope s = {0};
	bg_error err;
	bg_status st = api_role_input(body, &person, &r, &s, &err);
	json_decref(body);
	if (st == BG_OK)
		st = db_begin(rq->db, DB_WRITE, &err);
	if (st == BG_OK)
		st = rq->method == HTTP_POST ? authz_grant(rq->db, rq->person_id, person, r, s, &err)
					     : authz_revoke(rq->db, rq->person_id, person, r, s, &err);
	if (st != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	if (!api_commit(rq, rs))
		return;
	if (rq->method == HTTP_POST) {
		buf_puts(reply_json(rs, 201), "{\"status\":\"granted\"}");
	} else {
		rs->status = 204;
		rs->content_type = NULL;
	}
}

/* GET /api/v1/roles?cooperative=ID (none: the group's roles), paged */
static void api_role_list(request *rq, response *rs)
{
	const char *c = rq_query(rq, "cooperative");
	int64_t coop = c ? strtoll(c, NULL, 10) : 0;
	net_role *v;
	size_t n;
	int64_t total;
	bg_error err;
	api_paging pg;
	if (!api_paging_read(rq, rs, &pg))
		return;
	if ((c && coop <= 0) ||
	    net_role_list(rq->db, &rq->arena, rq->person_id, coop, pg.limit, pg.offset, &v, &n, &total, &err) != BG_OK) {
		if (c && coop <= 0)
			bg_fail(&err, BG_ERR_INVALID, "invalid_cooperative", "cooperative",
				N_("This cooperative does not exist."));
		reply_error(rq, rs, &err);
		return;
	}
	buf *b = reply_json(rs, 200);
	buf_puts(b, "{\"roles\":[");
	for (size_t i = 0; i < n; i++) {
		buf_printf(b, "%s{\"person_id\":%lld", i ? "," : "", (long long)v[i].person_id);
		api_net_str(b, "display_name", v[i].person_name);
		api_net_str(b, "role", v[i].role);
		api_net_str(b, "scope", v[i].scope_type);
		buf_printf(b, ",\"scope_id\":%lld", (long long)v[i].scope_id);
		api_net_str(b, "scope_name", v[i].scope_name);
		buf_puts(b, "}");
	}
	buf_puts(b, "]");
	api_paging_json(b, &pg, total);
	buf_puts(b, "}");
}

const route api_network_routes[] = {
	{HTTP_GET, "/api/v1/cooperatives", api_coop_list, ROUTE_PUBLIC},
	{HTTP_POST, "/api/v1/cooperatives", api_coop_create, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/cooperatives/{id}", api_coop_get, ROUTE_PUBLIC},
	{HTTP_PATCH, "/api/v1/cooperatives/{id}", api_coop_patch, ROUTE_AUTH},
	{HTTP_DELETE, "/api/v1/cooperatives/{id}", api_coop_delete, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/cooperatives/{id}/memberships", api_membership_list, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/cooperatives/{id}/memberships", api_membership_set, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/units", api_unit_list, ROUTE_PUBLIC},
	{HTTP_POST, "/api/v1/units", api_unit_create, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/units/{id}", api_unit_get, ROUTE_PUBLIC},
	{HTTP_PATCH, "/api/v1/units/{id}", api_unit_patch, ROUTE_AUTH},
	{HTTP_DELETE, "/api/v1/units/{id}", api_unit_delete, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/people", api_people_list, ROUTE_PUBLIC},
	{HTTP_GET, "/api/v1/people/{id}", api_person_get, ROUTE_PUBLIC},
	{HTTP_GET, "/api/v1/me/invitations", api_invitation_list, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/me/invitations/{id}", api_invitation_answer, ROUTE_AUTH},
	{HTTP_PATCH, "/api/v1/people/{id}", api_person_patch, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/people/{id}/memberships", api_person_memberships, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/organisations", api_org_list, ROUTE_PUBLIC},
	{HTTP_POST, "/api/v1/organisations", api_org_create, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/organisations/{id}", api_org_get, ROUTE_PUBLIC},
	{HTTP_PATCH, "/api/v1/organisations/{id}", api_org_patch, ROUTE_AUTH},
	{HTTP_DELETE, "/api/v1/organisations/{id}", api_org_delete, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/organisations/{id}/people", api_org_link, ROUTE_AUTH},
	{HTTP_DELETE, "/api/v1/organisations/{id}/people/{person}", api_org_unlink, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/roles", api_role_list, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/roles", api_role_change, ROUTE_AUTH},
	{HTTP_DELETE, "/api/v1/roles", api_role_change, ROUTE_AUTH},
	{0, NULL, NULL, 0},
};
