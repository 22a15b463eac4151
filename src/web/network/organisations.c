/*
 * network/organisations.c — organisations: the list, an organisation's
 * page, the links between people and organisations, creation and deletion.
 */
#include "web/network/web_network_internal.h"

static void web_orgs(request *rq, response *rs)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
	const char *q = rq_query(rq, "q"), *kind = rq_query(rq, "kind");
	int page = page_number(rq);
	net_org *v;
	size_t n;
	int64_t total;
	bg_error err;
	if (net_org_list(rq->db, &rq->arena, rq->person_id, q, kind, page, PER_PAGE, &v, &n, &total,
			 &err) != BG_OK) {
		page_fail(rq, rs, &err);
		return;
	}
	page_begin(rq, rs, tr(L, "Organisations"));
	h_printf(b, "<h1>%s</h1><p class=\"lead\">%s</p>", tr(L, "Organisations"),
		 tr(L, "Groupements, individual and collective enterprises, and the group's partners."));
	h_printf(b, "<form method=\"get\" action=\"/organisations\" role=\"search\" class=\"search\"><div class=\"field-row\">");
	web_net_text(rq, rs, "q", tr(L, "Name"), NULL, q, NULL, NULL);
	web_net_select(rq, rs, "kind", tr(L, "Kind"), web_net_org_kinds, kind, NULL);
	h_printf(b, "</div><button type=\"submit\">%s</button></form>", tr(L, "Search"));
	bool group;
	if (rq->person_id && web_net_is_admin(rq, &group))
		h_printf(b, "<p><a class=\"button secondary\" href=\"/admin/organisations/new\">%s</a></p>",
			 tr(L, "Add an organisation"));
	h_printf(b, "<p role=\"status\" class=\"count\">");
	h_textf(b, trn(L, "%s organisation", "%s organisations", (long)total), web_net_int(rq, total));
	h_printf(b, "</p><ul class=\"cards\">");
	for (size_t i = 0; i < n; i++) {
		h_printf(b, "<li class=\"card\"><h3><a href=\"/organisations/%lld\">%s</a></h3><p class=\"kind\">%s</p>",
			 (long long)v[i].id, v[i].name, web_net_label(rq, web_net_org_kinds, v[i].kind));
		if (v[i].territory.commune) {
			h_printf(b, "<p class=\"place\">");
			web_net_place(rq, rs, &v[i].territory);
			h_printf(b, "</p>");
		}
		h_printf(b, "</li>");
	}
	h_printf(b, "</ul>");
	buf query;
	buf_init(&query);
	if (q && *q) {
		buf_puts(&query, "q=");
		web_net_urlenc(&query, q);
		buf_putc(&query, '&');
	}
	if (kind && *kind) {
		buf_puts(&query, "kind=");
		web_net_urlenc(&query, kind);
		buf_putc(&query, '&');
	}
	page_pager(rq, rs, "/organisations", query.data ? query.data : "", page, total, PER_PAGE);
	buf_free(&query);
	page_end(rq, rs);
}

/* GET /organisations/{id}: an organisation, its people, and for its managers a link form. */
static void web_org(request *rq, response *rs)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
	net_org o;
	bg_error err;
	if (net_org_get(rq->db, &rq->arena, rq->person_id, rq_param_id(rq, 0), &o, &err) != BG_OK) {
		page_fail(rq, rs, &err);
		return;
	}
	page_begin(rq, rs, o.name);
	h_printf(b, "<h1>%s</h1><p class=\"lead\">%s</p>", o.name, web_net_label(rq, web_net_org_kinds, o.kind));
	if (*o.description)
		h_printf(b, "<p>%s</p>", o.description);
	h_printf(b, "<dl class=\"facts\">");
	if (o.coop_name)
		h_printf(b, "<dt>%s</dt><dd><a href=\"/cooperatives/%lld\">%s</a></dd>", tr(L, "Cooperative"),
			 (long long)o.cooperative_id, o.coop_name);
	if (o.territory.commune) {
		h_printf(b, "<dt>%s</dt><dd>", tr(L, "Territory"));
		web_net_place(rq, rs, &o.territory);
		h_printf(b, "</dd>");
	}
	if (*o.siren)
		h_printf(b, "<dt>SIREN</dt><dd>%s</dd>", o.siren);
	if (*o.website)
		h_printf(b, "<dt>%s</dt><dd><a href=\"%s\" rel=\"nofollow noopener\">%s</a></dd>", tr(L, "Website"),
			 o.website, o.website);
	h_printf(b, "</dl><h2>%s</h2>", tr(L, "People"));
	if (o.npeople == 0)
		h_printf(b, "<p>%s</p>", tr(L, "No one you may see."));
	h_printf(b, "<ul class=\"plain\">");
	bg_error ignored;
	bool manage = rq->person_id &&
		      (o.cooperative_id ? authz_check(rq->db, rq->person_id, AUTHZ_NET_ORG_MANAGE,
						      (scope){SCOPE_COOPERATIVE, o.cooperative_id}, &ignored)
					: authz_check(rq->db, rq->person_id, AUTHZ_GROUP_ADMINISTER,
						      (scope){SCOPE_GROUP, 0}, &ignored)) == BG_OK;
	for (size_t i = 0; i < o.npeople; i++) {
		h_printf(b, "<li><a href=\"/people/%lld\">%s</a>", (long long)o.people[i].person_id, o.people[i].name);
		if (*o.people[i].role)
			h_printf(b, " — %s", o.people[i].role);
		if (manage) {
			h_printf(b, " <form method=\"post\" action=\"/organisations/%lld/people/%lld/delete\" class=\"inline\">",
				 (long long)o.id, (long long)o.people[i].person_id);
			page_csrf_field(rq, rs);
			h_printf(b, "<button type=\"submit\" class=\"link\">%s</button></form>",
				 arena_printf(&rq->arena, tr(L, "Unlink %s"), o.people[i].name));
		}
		h_printf(b, "</li>");
	}
	h_printf(b, "</ul>");
	if (manage) {
		h_printf(b, "<h2 id=\"link\">%s</h2><form method=\"post\" action=\"/organisations/%lld/people\" novalidate>",
			 tr(L, "Link a person"), (long long)o.id);
		page_csrf_field(rq, rs);
		h_printf(b, "<div class=\"field-row\">");
		page_input(rq, rs, "email", tr(L, "Email address of the person"), "email", NULL, "off", NULL);
		web_net_text(rq, rs, "role", tr(L, "Role in the organisation"), NULL, NULL, NULL, NULL);
		h_printf(b, "</div><button type=\"submit\">%s</button></form>", tr(L, "Link"));
		web_net_delete_button(rq, rs, arena_printf(&rq->arena, "/organisations/%lld/delete", (long long)o.id),
				      tr(L, "Delete this organisation"));
	}
	page_end(rq, rs);
}

static const char *const web_net_org_vis[] = {"public", N_("Everyone (public)"), "group", N_("The whole group"),
					       "coop", N_("Its cooperative"), NULL};

/* The organisation form (create). */
static void web_admin_org_form(request *rq, response *rs, const form *f, const bg_error *err)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
	page_begin(rq, rs, tr(L, "Add an organisation"));
	h_printf(b, "<p><a href=\"/organisations\">%s</a></p><h1>%s</h1>", tr(L, "Organisations"),
		 tr(L, "Add an organisation"));
	page_error_summary(rq, rs, err);
	h_printf(b, "<form method=\"post\" action=\"/admin/organisations\" novalidate>");
	page_csrf_field(rq, rs);
#define FV(name) (f ? form_get(f, name) : NULL)
	web_net_text(rq, rs, "name", tr(L, "Name"), NULL, FV("name"), "organization", err);
	web_net_select(rq, rs, "kind", tr(L, "Kind"), web_net_org_kinds + 2, FV("kind"), err);
	web_net_select(rq, rs, "cooperative_id", tr(L, "Cooperative"), web_net_coop_options(rq, true),
		       FV("cooperative_id"), err);
	web_net_select(rq, rs, "visibility", tr(L, "Who may see it"), web_net_org_vis, FV("visibility"), err);
	web_net_text(rq, rs, "siren", "SIREN", tr(L, "9 digits"), FV("siren"), NULL, err);
	web_net_textarea(rq, rs, "description", tr(L, "Description"), NULL, FV("description"), 3, err);
	web_net_text(rq, rs, "website", tr(L, "Website"), NULL, FV("website"), "url", err);
	h_printf(b, "<div class=\"field-row\">");
	web_net_text(rq, rs, "commune", tr(L, "Commune"), NULL, FV("commune"), "address-level2", err);
	web_net_text(rq, rs, "postcode", tr(L, "Postcode"), NULL, FV("postcode"), "postal-code", err);
	web_net_select(rq, rs, "area", tr(L, "Area"), web_net_area_options, FV("area"), err);
#undef FV
	h_printf(b, "</div><button type=\"submit\">%s</button></form>", tr(L, "Add the organisation"));
	page_end(rq, rs);
}

/* GET /admin/organisations/new */
static void web_admin_org_new(request *rq, response *rs)
{
	bool group;
	bg_error e;
	if (!web_net_is_admin(rq, &group)) {
		bg_error_set(&e, BG_ERR_FORBIDDEN, "forbidden", NULL,
			     N_("You are not allowed to do this."));
		page_fail(rq, rs, &e);
		return;
	}
	web_admin_org_form(rq, rs, NULL, NULL);
}

/* POST /admin/organisations: creates, or shows the form again (422). */
static void web_admin_org_create(request *rq, response *rs)
{
	bg_error err;
	const form *f = page_form(rq, rs);
	if (!f)
		return;
	net_org_input in;
	net_org_input_init(&in);
	in.name = form_get(f, "name");
	in.kind = form_get(f, "kind");
	in.siren = form_get(f, "siren");
	in.description = form_get(f, "description");
	in.website = form_get(f, "website");
	in.commune = form_get(f, "commune");
	in.postcode = form_get(f, "postcode");
	in.area = form_get(f, "area");
	if (in.commune && !*in.commune && in.postcode && !*in.postcode)
		in.commune = in.postcode = NULL;
	in.cooperative_id = form_get(f, "cooperative_id") ? strtoll(form_get(f, "cooperative_id"), NULL, 10) : 0;
	in.visibility = net_level_from_name(form_get(f, "visibility"));
	if (in.visibility < 0)
		in.visibility = 0;
	int64_t id = 0;
	bg_status st = web_begin(rq, BG_OK, &err);
	if (st == BG_OK)
		st = net_org_create(rq->db, rq->person_id, &in, &id, &err);
	if (web_finish(rq, rs, st, &err, arena_printf(&rq->arena, "/organisations/%lld", (long long)(st == BG_OK ? id : 0)), 0))
		web_admin_org_form(rq, rs, f, &err);
}

/* POST /organisations/{id}/people — links a person (by email) with a role. */
static void web_org_link(request *rq, response *rs)
{
	bg_error err;
	const form *f = page_form(rq, rs);
	if (!f)
		return;
	int64_t id = rq_param_id(rq, 0);
	person p;
	char email[255];
	bg_status st = account_normalise_email(form_get(f, "email"), email, &err);
	if (st == BG_OK && account_find_email(rq->db, email, &p, NULL) != BG_OK)
		st = bg_fail(&err, BG_ERR_INVALID, "unknown_person", "email", N_("No account uses this email address."));
	st = web_begin(rq, st, &err);
	if (st == BG_OK)
		st = net_org_link(rq->db, rq->person_id, id, p.id, form_get(f, "role"), &err);
	if (web_finish(rq, rs, st, &err, arena_printf(&rq->arena, "/organisations/%lld", (long long)id), 0)) {
		page_error(rq, rs, &err); /* the message, with a link back home */
		rs->status = 422;
	}
}

/* POST /organisations/{id}/delete */
static void web_org_delete(request *rq, response *rs)
{
	web_net_delete(rq, rs, net_org_delete, "/organisations");
}

/* POST /organisations/{id}/people/{person}/delete */
static void web_org_unlink(request *rq, response *rs)
{
	bg_error err;
	int64_t id = rq_param_id(rq, 0);
	bg_status st = web_begin(rq, BG_OK, &err);
	if (st == BG_OK)
		st = net_org_unlink(rq->db, rq->person_id, id, rq_param_id(rq, 1), &err);
	web_finish(rq, rs, st, &err, arena_printf(&rq->arena, "/organisations/%lld", (long long)id), WEB_BUTTON);
}

const route web_net_organisations_routes[] = {
	{HTTP_GET, "/organisations", web_orgs, ROUTE_PAGE},
	{HTTP_GET, "/organisations/{id}", web_org, ROUTE_PAGE},
	{HTTP_POST, "/organisations/{id}/people", web_org_link, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_GET, "/admin/organisations/new", web_admin_org_new, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/admin/organisations", web_admin_org_create, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/organisations/{id}/delete", web_org_delete, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/organisations/{id}/people/{person}/delete", web_org_unlink, ROUTE_PAGE | ROUTE_AUTH},
	{0, NULL, NULL, 0},
};
