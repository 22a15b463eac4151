/*
 * network/cooperatives.c — the public pages of a cooperative and of a
 * unit.
 */
#include "web/network/web_network_internal.h"

/* The list of units as cards. */
static void web_unit_cards(request *rq, response *rs, const net_unit *v, size_t n)
{
	html *b = page_html(rs);
	h_printf(b, "<ul class=\"cards\">");
	for (size_t i = 0; i < n; i++) {
		h_printf(b, "<li class=\"card\"><h3><a href=\"/units/%lld\">%s</a></h3><p class=\"kind\">%s</p>",
			 (long long)v[i].id, v[i].name, web_net_label(rq, web_net_unit_kinds, v[i].kind));
		if (v[i].territory.commune) {
			h_printf(b, "<p class=\"place\">");
			web_net_place(rq, rs, &v[i].territory);
			h_printf(b, "</p>");
		}
		h_printf(b, "</li>");
	}
	h_printf(b, "</ul>");
}

/* GET /cooperatives/{id}: identity, members count, places and groups. */
static void web_coop(request *rq, response *rs)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
	net_coop c;
	net_unit *units;
	size_t nunits;
	bg_error err;
	int64_t id = rq_param_id(rq, 0);
	if (net_coop_get(rq->db, &rq->arena, rq->person_id, id, &c, &err) != BG_OK ||
	    net_unit_list(rq->db, &rq->arena, rq->person_id, id, &units, &nunits, &err) != BG_OK) {
		page_fail(rq, rs, &err);
		return;
	}
	page_begin(rq, rs, c.name);
	h_printf(b, "<h1>%s <span class=\"form\">%s</span></h1>", c.name, c.legal_form);
	if (*c.short_description)
		h_printf(b, "<p class=\"lead\">%s</p>", c.short_description);
	h_printf(b, "<dl class=\"facts\">");
	if (*c.siren)
		h_printf(b, "<dt>SIREN</dt><dd>%s</dd>", c.siren);
	if (*c.address || *c.commune)
		h_printf(b, "<dt>%s</dt><dd>%s, %s %s</dd>", tr(L, "Address"), c.address, c.postcode, c.commune);
	if (*c.website)
		h_printf(b, "<dt>%s</dt><dd><a href=\"%s\">%s</a></dd>", tr(L, "Website"), c.website, c.website);
	h_printf(b, "<dt>%s</dt><dd>%s</dd></dl>", tr(L, "Members"), web_net_int(rq, c.members));
	bg_error ignored;
	if (rq->person_id &&
	    authz_check(rq->db, rq->person_id, AUTHZ_COOP_READ, (scope){SCOPE_COOPERATIVE, id}, &ignored) == BG_OK)
		h_printf(b, "<p><a class=\"button\" href=\"/admin/cooperatives/%lld/members\">%s</a></p>",
			 (long long)id, tr(L, "Members and statuses"));
	h_printf(b, "<h2>%s</h2>", tr(L, "Places and groups"));
	web_unit_cards(rq, rs, units, nunits);
	page_end(rq, rs);
}

/* GET /units/{id}: a unit, its territory and cooperatives. */
static void web_unit(request *rq, response *rs)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
	net_unit u;
	bg_error err;
	if (net_unit_get(rq->db, &rq->arena, rq->person_id, rq_param_id(rq, 0), &u, &err) != BG_OK) {
		page_fail(rq, rs, &err);
		return;
	}
	page_begin(rq, rs, u.name);
	h_printf(b, "<h1>%s</h1><p class=\"lead\">%s</p>", u.name, web_net_label(rq, web_net_unit_kinds, u.kind));
	if (*u.description)
		h_printf(b, "<p>%s</p>", u.description);
	h_printf(b, "<dl class=\"facts\">");
	if (u.territory.commune || *u.address) {
		h_printf(b, "<dt>%s</dt><dd>%s%s", tr(L, "Address"), u.address, *u.address ? ", " : "");
		web_net_place(rq, rs, &u.territory);
		h_printf(b, "</dd>");
	}
	h_printf(b, "<dt>%s</dt><dd><ul class=\"plain\">", tr(L, "Cooperatives"));
	for (size_t i = 0; i < u.ncoops; i++) {
		net_coop c;
		if (net_coop_get(rq->db, &rq->arena, rq->person_id, u.coop_ids[i], &c, &err) == BG_OK)
			h_printf(b, "<li><a href=\"/cooperatives/%lld\">%s</a></li>", (long long)c.id, c.name);
	}
	h_printf(b, "</ul></dd></dl>");
	bg_error ignored;
	if (rq->person_id &&
	    authz_check(rq->db, rq->person_id, AUTHZ_COOP_ADMINISTER, (scope){SCOPE_UNIT, u.id}, &ignored) == BG_OK)
		h_printf(b, "<p><a class=\"button\" href=\"/admin/units/%lld\">%s</a></p>", (long long)u.id,
			 tr(L, "Edit the unit"));
	page_end(rq, rs);
}

const route web_net_cooperatives_routes[] = {
	{HTTP_GET, "/cooperatives/{id}", web_coop, ROUTE_PAGE},
	{HTTP_GET, "/units/{id}", web_unit, ROUTE_PAGE},
	{0, NULL, NULL, 0},
};
