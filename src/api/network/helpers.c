/*
 * network/helpers.c — what the network's JSON handlers share: page
 * numbers, the renderers of a profile, a cooperative, a unit and an
 * organisation, string fields read from a body, the {"id"} answer and
 * the deletions.
 */
#include "api/network/api_network_internal.h"

/* Reads ?name= as a positive page number (default 1); a 400 naming it
 * when it is not one. */
bg_status api_net_page(request *rq, const char *name, int *out, bg_error *err)
{
	const char *v = rq_query(rq, name);
	*out = 1;
	if (!v)
		return BG_OK;
	char *end;
	long n = strtol(v, &end, 10);
	if (!*v || *end || n < 1 || n > 100000)
		return bg_fail(err, BG_ERR_INVALID, "invalid_page", name, N_("This page number is not valid."));
	*out = (int)n;
	return BG_OK;
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
	api_str(b, "postcode", t->postcode);
	api_str(b, "department", t->department);
	api_str(b, "area", t->kind);
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
void api_net_profile(buf *b, const net_profile *p)
{
	buf_printf(b, "{\"id\":%lld", (long long)p->id);
	api_str(b, "display_name", p->display_name);
	if (p->email)
		api_str(b, "email", p->email);
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
		api_str(b, "presentation", p->presentation);
	if (p->links)
		api_str(b, "links", p->links);
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
void api_net_coop(buf *b, const net_coop *c)
{
	buf_printf(b, "{\"id\":%lld", (long long)c->id);
	api_str(b, "name", c->name);
	api_str(b, "legal_form", c->legal_form);
	api_str(b, "siren", *c->siren ? c->siren : NULL);
	api_str(b, "short_description", c->short_description);
	api_str(b, "address", c->address);
	api_str(b, "postcode", c->postcode);
	api_str(b, "commune", c->commune);
	api_str(b, "website", c->website);
	buf_puts(b, ",\"settings\":");
	buf_puts(b, c->settings && *c->settings ? c->settings : "{}");
	buf_printf(b, ",\"members\":%lld,\"units\":%lld}", (long long)c->members, (long long)c->units);
}

/* Appends a unit with its territory and cooperatives (main first). */
void api_net_unit(buf *b, const net_unit *u)
{
	buf_printf(b, "{\"id\":%lld,\"cooperative_id\":%lld", (long long)u->id,
		   (long long)u->cooperative_id);
	api_str(b, "name", u->name);
	api_str(b, "kind", u->kind);
	api_str(b, "address", u->address);
	api_str(b, "description", u->description);
	buf_puts(b, ",\"territory\":");
	api_net_territory(b, &u->territory);
	buf_puts(b, ",\"cooperatives\":[");
	for (size_t i = 0; i < u->ncoops; i++)
		buf_printf(b, "%s%lld", i ? "," : "", (long long)u->coop_ids[i]);
	buf_puts(b, "]}");
}

static const char *const api_net_org_vis[] = {"public", "group", "coop"};

/* Appends an organisation; with_people adds the people the caller may see. */
void api_net_org(buf *b, const net_org *o, bool with_people)
{
	buf_printf(b, "{\"id\":%lld", (long long)o->id);
	api_str(b, "kind", o->kind);
	api_str(b, "name", o->name);
	if (o->cooperative_id)
		buf_printf(b, ",\"cooperative_id\":%lld", (long long)o->cooperative_id);
	else
		buf_puts(b, ",\"cooperative_id\":null");
	api_str(b, "siren", *o->siren ? o->siren : NULL);
	api_str(b, "description", o->description);
	api_str(b, "website", o->website);
	api_str(b, "visibility", api_net_org_vis[o->visibility % 3]);
	buf_puts(b, ",\"territory\":");
	api_net_territory(b, &o->territory);
	if (with_people) {
		buf_puts(b, ",\"people\":[");
		for (size_t i = 0; i < o->npeople; i++) {
			buf_printf(b, "%s{\"person_id\":%lld", i ? "," : "", (long long)o->people[i].person_id);
			api_str(b, "display_name", o->people[i].name);
			api_str(b, "role", o->people[i].role);
			buf_puts(b, "}");
		}
		buf_puts(b, "]");
	}
	buf_puts(b, "}");
}

/* Reads each listed optional string field; stops at the first that is wrong. */
bg_status api_net_fields(json_t *body, const api_net_field *f, bg_error *err)
{
	for (; f->name; f++) {
		bg_status st = json_get_string(body, f->name, false, f->max, f->out, err);
		if (st != BG_OK)
			return st;
	}
	return BG_OK;
}

/* Deletes the {id} of the path through the deletion in r->ctx (an
 * api_net_deletion: a network domain deletion, which checks the rights)
 * and answers 204; an error (404, 403, 409 when still in use) is the
 * skeleton's to answer. */
bg_status api_net_delete(api_req *r, bg_error *err)
{
	const api_net_deletion *d = r->ctx;
	assert(d && d->del);
	bg_status st = d->del(r->rq->db, r->rq->person_id, r->id, err);
	return api_no_content(r, st);
}
