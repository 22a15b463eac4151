/*
 * network/admin.c — the administration page, and creating, editing and
 * deleting cooperatives and units.
 */
#include "web/network/web_network_internal.h"

/* Does the person administer anything (a cooperative, a unit, the group)? */
bool web_net_is_admin(request *rq, bool *group)
{
	bg_error ignored;
	*group = authz_check(rq->db, rq->person_id, AUTHZ_GROUP_ADMINISTER, (scope){SCOPE_GROUP, 0},
			     &ignored) == BG_OK;
	return *group || authz_check_somewhere(rq->db, rq->person_id, AUTHZ_ADMIN_OPEN, &ignored) == BG_OK;
}

/* The cooperative form (create when c is NULL). */
static void web_coop_fields(request *rq, response *rs, const net_coop *c, const form *f,
			    const bg_error *err)
{
	const char *L = rq->lang;
#define CV(name, field) (f ? form_get(f, name) : c ? c->field : NULL)
	web_net_text(rq, rs, "name", tr(L, "Name"), NULL, CV("name", name), "organization", err);
	web_net_select(rq, rs, "legal_form", tr(L, "Legal form"), web_net_legal_forms,
		       CV("legal_form", legal_form), err);
	web_net_text(rq, rs, "siren", "SIREN", tr(L, "9 digits"), CV("siren", siren), NULL, err);
	web_net_textarea(rq, rs, "short_description", tr(L, "Short description"), NULL,
			 CV("short_description", short_description), 3, err);
	web_net_text(rq, rs, "address", tr(L, "Address"), NULL, CV("address", address), "street-address", err);
	h_printf(page_html(rs), "<div class=\"field-row\">");
	web_net_text(rq, rs, "postcode", tr(L, "Postcode"), NULL, CV("postcode", postcode), "postal-code", err);
	web_net_text(rq, rs, "commune", tr(L, "Commune"), NULL, CV("commune", commune), "address-level2", err);
	h_printf(page_html(rs), "</div>");
	web_net_text(rq, rs, "website", tr(L, "Website"), NULL, CV("website", website), "url", err);
	web_net_textarea(rq, rs, "settings", tr(L, "Settings (JSON)"), tr(L, "The cooperative's own rules, as a JSON object."),
			 CV("settings", settings), 3, err);
#undef CV
}

/* The administration home: the cooperatives and what may be done with each, and (for the group's administrators) the form to add one. */
static void web_admin_page(request *rq, response *rs, const form *f, const bg_error *err)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
	bool group;
	bg_error e;
	if (!web_net_is_admin(rq, &group)) {
		bg_error_set(&e, BG_ERR_FORBIDDEN, "forbidden", NULL,
			     N_("You are not allowed to do this."));
		page_fail(rq, rs, &e);
		return;
	}
	net_coop *coops;
	size_t ncoops;
	if (net_coop_list(rq->db, &rq->arena, rq->person_id, &coops, &ncoops, &e) != BG_OK) {
		page_fail(rq, rs, &e);
		return;
	}
	page_begin(rq, rs, tr(L, "Administration"));
	h_printf(b, "<h1>%s</h1>", tr(L, "Administration"));
	if (rq_query(rq, "done"))
		h_printf(b, "<div class=\"notice\" role=\"status\"><p>%s</p></div>", tr(L, "Saved."));
	h_printf(b, "<nav aria-label=\"%s\"><ul class=\"admin-links\">", tr(L, "Administration"));
	h_printf(b, "<li><a href=\"/admin/units/new\">%s</a></li>", tr(L, "Create a unit"));
	h_printf(b, "<li><a href=\"/admin/roles\">%s</a></li>", tr(L, "Roles"));
	h_printf(b, "<li><a href=\"/admin/import\">%s</a></li></ul></nav>", tr(L, "Import from a spreadsheet"));
	h_printf(b, "<h2>%s</h2><table><caption class=\"visually-hidden\">%s</caption><thead><tr><th scope=\"col\">%s</th>"
		    "<th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
		    "<th scope=\"col\">%s</th></tr></thead><tbody>",
		 tr(L, "Cooperatives"), tr(L, "Cooperatives"), tr(L, "Name"), tr(L, "Legal form"),
		 tr(L, "Members"), tr(L, "Units"), tr(L, "Actions"));
	for (size_t i = 0; i < ncoops; i++) {
		bg_error ignored;
		bool may = authz_check(rq->db, rq->person_id, AUTHZ_COOP_READ,
				       (scope){SCOPE_COOPERATIVE, coops[i].id}, &ignored) == BG_OK;
		bool edit = authz_check(rq->db, rq->person_id, AUTHZ_COOP_ADMINISTER,
					(scope){SCOPE_COOPERATIVE, coops[i].id}, &ignored) == BG_OK;
		h_printf(b, "<tr><td><a href=\"/cooperatives/%lld\">%s</a></td><td>%s</td><td class=\"num\">%s</td>"
			    "<td class=\"num\">%s</td><td>",
			 (long long)coops[i].id, coops[i].name, coops[i].legal_form, web_net_int(rq, coops[i].members),
			 web_net_int(rq, coops[i].units));
		if (edit)
			h_printf(b, "<a href=\"/admin/cooperatives/%lld\">%s</a> · ", (long long)coops[i].id, tr(L, "Edit"));
		if (may)
			h_printf(b, "<a href=\"/admin/cooperatives/%lld/members\">%s</a>", (long long)coops[i].id,
				 tr(L, "Members"));
		h_printf(b, "</td></tr>");
	}
	h_printf(b, "</tbody></table>");
	if (group) {
		h_printf(b, "<h2 id=\"new-coop\">%s</h2>", tr(L, "Add a cooperative to the group"));
		page_error_summary(rq, rs, err);
		h_printf(b, "<form method=\"post\" action=\"/admin/cooperatives\" novalidate>");
		page_csrf_field(rq, rs);
		web_coop_fields(rq, rs, NULL, f, err);
		h_printf(b, "<button type=\"submit\">%s</button></form>", tr(L, "Add the cooperative"));
	}
	page_end(rq, rs);
}

/* GET /admin */
static void web_admin(request *rq, response *rs)
{
	web_admin_page(rq, rs, NULL, NULL);
}

/* Reads a cooperative's form fields ("" → NULL for the optional SIREN). */
static void web_coop_input(const form *f, net_coop_input *in)
{
	memset(in, 0, sizeof *in);
	in->name = form_get(f, "name");
	in->legal_form = form_get(f, "legal_form");
	in->siren = form_get(f, "siren");
	in->short_description = form_get(f, "short_description");
	in->address = form_get(f, "address");
	in->postcode = form_get(f, "postcode");
	in->commune = form_get(f, "commune");
	in->website = form_get(f, "website");
	in->settings = form_get(f, "settings");
	if (in->settings && !*in->settings)
		in->settings = "{}";
}

/* POST /admin/cooperatives: adds a cooperative, or shows the administration again (422). */
static void web_admin_coop_create(request *rq, response *rs)
{
	bg_error err;
	const form *f = page_form(rq, rs);
	if (!f)
		return;
	net_coop_input in;
	web_coop_input(f, &in);
	int64_t id;
	bg_status st = web_begin(rq, BG_OK, &err);
	if (st == BG_OK)
		st = net_coop_create(rq->db, rq->person_id, &in, &id, &err);
	if (web_finish(rq, rs, st, &err, "/admin?done=1", 0))
		web_admin_page(rq, rs, f, &err);
}

/* The edit form of a cooperative (its administrators only). */
static void web_admin_coop_form(request *rq, response *rs, const form *f, const bg_error *err)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
	int64_t id = rq_param_id(rq, 0);
	net_coop c;
	bg_error e;
	if (authz_check(rq->db, rq->person_id, AUTHZ_COOP_ADMINISTER, (scope){SCOPE_COOPERATIVE, id}, &e) != BG_OK ||
	    net_coop_get(rq->db, &rq->arena, rq->person_id, id, &c, &e) != BG_OK) {
		page_fail(rq, rs, &e);
		return;
	}
	page_begin(rq, rs, c.name);
	h_printf(b, "<p><a href=\"/admin\">%s</a></p><h1>", tr(L, "Administration"));
	h_textf(b, tr(L, "Edit %s"), c.name);
	h_printf(b, "</h1>");
	page_error_summary(rq, rs, err);
	h_printf(b, "<form method=\"post\" action=\"/admin/cooperatives/%lld\" novalidate>", (long long)id);
	page_csrf_field(rq, rs);
	web_coop_fields(rq, rs, &c, f, err);
	h_printf(b, "<button type=\"submit\">%s</button></form>", tr(L, "Save"));
	bg_error ignored;
	if (authz_check(rq->db, rq->person_id, AUTHZ_GROUP_ADMINISTER, (scope){SCOPE_GROUP, 0}, &ignored) == BG_OK)
		web_net_delete_button(rq, rs, arena_printf(&rq->arena, "/admin/cooperatives/%lld/delete", (long long)id),
				      tr(L, "Delete this cooperative (only when it has nothing left)"));
	page_end(rq, rs);
}

/* GET /admin/cooperatives/{id} */
static void web_admin_coop(request *rq, response *rs)
{
	web_admin_coop_form(rq, rs, NULL, NULL);
}

/* POST /admin/cooperatives/{id}: saves, or shows the form again (422). */
static void web_admin_coop_post(request *rq, response *rs)
{
	bg_error err;
	const form *f = page_form(rq, rs);
	if (!f)
		return;
	net_coop_input in;
	web_coop_input(f, &in);
	bg_status st = web_begin(rq, BG_OK, &err);
	if (st == BG_OK)
		st = net_coop_update(rq->db, rq->person_id, rq_param_id(rq, 0), &in, &err);
	if (web_finish(rq, rs, st, &err, "/admin?done=1", 0))
		web_admin_coop_form(rq, rs, f, &err);
}

/* Options "id, name" of every cooperative, for a select. */
const char *const *web_net_coop_options(request *rq, bool with_none)
{
	net_coop *v;
	size_t n;
	bg_error e;
	if (net_coop_list(rq->db, &rq->arena, rq->person_id, &v, &n, &e) != BG_OK)
		n = 0;
	const char **o = arena_alloc(&rq->arena, (2 * n + 4) * sizeof *o);
	size_t k = 0;
	if (with_none) {
		o[k++] = "";
		o[k++] = N_("None");
	}
	for (size_t i = 0; i < n; i++) {
		o[k++] = arena_printf(&rq->arena, "%lld", (long long)v[i].id);
		o[k++] = v[i].name;
	}
	o[k] = NULL;
	return o;
}

/* The unit form: a new unit when u is NULL, else that unit's values. */
static void web_admin_unit_form(request *rq, response *rs, const net_unit *u, const form *f,
				const bg_error *err)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
	const char *title = u ? arena_printf(&rq->arena, tr(L, "Edit %s"), u->name) : tr(L, "Create a unit");
	page_begin(rq, rs, title);
	h_printf(b, "<p><a href=\"/admin\">%s</a></p><h1>%s</h1>", tr(L, "Administration"), title);
	page_error_summary(rq, rs, err);
	if (u)
		h_printf(b, "<form method=\"post\" action=\"/admin/units/%lld\" novalidate>", (long long)u->id);
	else
		h_printf(b, "<form method=\"post\" action=\"/admin/units\" novalidate>");
	page_csrf_field(rq, rs);
	const char *main_coop = u ? arena_printf(&rq->arena, "%lld", (long long)u->cooperative_id) : NULL;
	const char *other = u && u->ncoops > 1 ? arena_printf(&rq->arena, "%lld", (long long)u->coop_ids[1]) : "";
#define FV(name, value) (f ? form_get(f, name) : (value))
	web_net_text(rq, rs, "name", tr(L, "Name"), NULL, FV("name", u ? u->name : NULL), NULL, err);
	web_net_select(rq, rs, "kind", tr(L, "Kind"), web_net_unit_kinds, FV("kind", u ? u->kind : NULL), err);
	web_net_select(rq, rs, "cooperative_id", tr(L, "Main cooperative"), web_net_coop_options(rq, false),
		       FV("cooperative_id", main_coop), err);
	web_net_select(rq, rs, "other_cooperative", tr(L, "Also spans (optional)"),
		       web_net_coop_options(rq, true), FV("other_cooperative", other), err);
	web_net_text(rq, rs, "address", tr(L, "Address"), NULL, FV("address", u ? u->address : NULL),
		     "street-address", err);
	h_printf(b, "<div class=\"field-row\">");
	web_net_text(rq, rs, "commune", tr(L, "Commune"), NULL, FV("commune", u ? u->territory.commune : NULL),
		     "address-level2", err);
	web_net_text(rq, rs, "postcode", tr(L, "Postcode"), NULL, FV("postcode", u ? u->territory.postcode : NULL),
		     "postal-code", err);
	web_net_select(rq, rs, "area", tr(L, "Area"), web_net_area_options, FV("area", u ? u->territory.kind : NULL), err);
	h_printf(b, "</div>");
	web_net_textarea(rq, rs, "description", tr(L, "Description"), NULL,
			 FV("description", u ? u->description : NULL), 3, err);
#undef FV
	h_printf(b, "<button type=\"submit\">%s</button></form>", u ? tr(L, "Save") : tr(L, "Create the unit"));
	if (u)
		web_net_delete_button(rq, rs, arena_printf(&rq->arena, "/admin/units/%lld/delete", (long long)u->id),
				      tr(L, "Delete this unit"));
	page_end(rq, rs);
}

/* GET /admin/units/new */
static void web_admin_unit_new(request *rq, response *rs)
{
	bool group;
	bg_error e;
	if (!web_net_is_admin(rq, &group)) {
		bg_error_set(&e, BG_ERR_FORBIDDEN, "forbidden", NULL,
			     N_("You are not allowed to do this."));
		page_fail(rq, rs, &e);
		return;
	}
	web_admin_unit_form(rq, rs, NULL, NULL, NULL);
}

/* Reads the unit form into an input (other: storage for the one other
 * cooperative the form offers). */
static void web_unit_input(const form *f, net_unit_input *in, int64_t *other)
{
	const char *o = form_get(f, "other_cooperative");
	*other = o ? strtoll(o, NULL, 10) : 0;
	*in = (net_unit_input){.name = form_get(f, "name"), .kind = form_get(f, "kind"),
			       .address = form_get(f, "address"), .description = form_get(f, "description"),
			       .commune = form_get(f, "commune"), .postcode = form_get(f, "postcode"),
			       .area = form_get(f, "area"),
			       .cooperative_id = form_get(f, "cooperative_id")
							 ? strtoll(form_get(f, "cooperative_id"), NULL, 10) : 0,
			       .other_coops = other, .nother = *other > 0, .set_others = true};
}

/* POST /admin/units: creates, then shows the unit; or the form again (422). */
static void web_admin_unit_create(request *rq, response *rs)
{
	bg_error err;
	const form *f = page_form(rq, rs);
	if (!f)
		return;
	int64_t other_id;
	net_unit_input in;
	web_unit_input(f, &in, &other_id);
	if (in.commune && !*in.commune && in.postcode && !*in.postcode)
		in.commune = in.postcode = NULL;
	int64_t id = 0;
	bg_status st = web_begin(rq, BG_OK, &err);
	if (st == BG_OK)
		st = net_unit_create(rq->db, rq->person_id, &in, &id, &err);
	if (web_finish(rq, rs, st, &err, arena_printf(&rq->arena, "/units/%lld", (long long)(st == BG_OK ? id : 0)), 0))
		web_admin_unit_form(rq, rs, NULL, f, &err);
}

/* GET /admin/units/{id}: the unit's edit form (its administrators only). */
static void web_admin_unit_edit(request *rq, response *rs)
{
	net_unit u;
	bg_error e;
	int64_t id = rq_param_id(rq, 0);
	if (authz_check(rq->db, rq->person_id, AUTHZ_COOP_ADMINISTER, (scope){SCOPE_UNIT, id}, &e) != BG_OK ||
	    net_unit_get(rq->db, &rq->arena, rq->person_id, id, &u, &e) != BG_OK) {
		page_fail(rq, rs, &e);
		return;
	}
	web_admin_unit_form(rq, rs, &u, NULL, NULL);
}

/* POST /admin/units/{id}: saves, or shows the form again (422). */
static void web_admin_unit_post(request *rq, response *rs)
{
	bg_error err;
	const form *f = page_form(rq, rs);
	if (!f)
		return;
	int64_t id = rq_param_id(rq, 0), other;
	net_unit_input in;
	web_unit_input(f, &in, &other);
	bg_status st = web_begin(rq, BG_OK, &err);
	if (st == BG_OK)
		st = net_unit_update(rq->db, rq->person_id, id, &in, &err);
	if (!web_finish(rq, rs, st, &err, arena_printf(&rq->arena, "/units/%lld", (long long)id), 0))
		return;
	net_unit u;
	bg_error e2;
	if (net_unit_get(rq->db, &rq->arena, rq->person_id, id, &u, &e2) != BG_OK) {
		page_error(rq, rs, &err);
		return;
	}
	web_admin_unit_form(rq, rs, &u, f, &err);
}

/* POST /admin/cooperatives/{id}/delete */
static void web_admin_coop_delete(request *rq, response *rs)
{
	web_net_delete(rq, rs, net_coop_delete, "/admin?done=1");
}

/* POST /admin/units/{id}/delete */
static void web_admin_unit_delete(request *rq, response *rs)
{
	web_net_delete(rq, rs, net_unit_delete, "/admin?done=1");
}

const route web_net_admin_routes[] = {
	{HTTP_GET, "/admin", web_admin, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/admin/cooperatives", web_admin_coop_create, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_GET, "/admin/cooperatives/{id}", web_admin_coop, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/admin/cooperatives/{id}", web_admin_coop_post, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_GET, "/admin/units/new", web_admin_unit_new, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/admin/units", web_admin_unit_create, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_GET, "/admin/units/{id}", web_admin_unit_edit, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/admin/units/{id}", web_admin_unit_post, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/admin/units/{id}/delete", web_admin_unit_delete, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/admin/cooperatives/{id}/delete", web_admin_coop_delete, ROUTE_PAGE | ROUTE_AUTH},
	{0, NULL, NULL, 0},
};
