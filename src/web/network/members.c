/*
 * network/members.c — a cooperative's memberships (paged, status per row),
 * ending a membership, and granting and revoking roles.
 */
#include "web/network/web_network_internal.h"

/* A cooperative's current memberships, paged; for those who manage them, a status form per row and an "add a person" form. */
static void web_admin_members_page(request *rq, response *rs, const bg_error *err)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
	int64_t id = rq_param_id(rq, 0);
	int page = page_number(rq);
	net_coop c;
	net_membership *v;
	size_t n;
	int64_t total;
	bg_error e;
	if (net_membership_list(rq->db, &rq->arena, rq->person_id, id, page, PER_PAGE, &v, &n, &total, &e) != BG_OK ||
	    net_coop_get(rq->db, &rq->arena, rq->person_id, id, &c, &e) != BG_OK) {
		page_fail(rq, rs, &e);
		return;
	}
	bg_error ignored;
	bool manage = authz_check(rq->db, rq->person_id, AUTHZ_NET_MEMBERSHIP_MANAGE,
				  (scope){SCOPE_COOPERATIVE, id}, &ignored) == BG_OK;
	page_begin(rq, rs, c.name);
	h_printf(b, "<p><a href=\"/cooperatives/%lld\">%s</a></p><h1>", (long long)id, c.name);
	h_textf(b, tr(L, "Members of %s"), c.name);
	h_printf(b, "</h1>");
	if (rq_query(rq, "done"))
		h_printf(b, "<div class=\"notice\" role=\"status\"><p>%s</p></div>", tr(L, "Saved."));
	if (rq_query(rq, "invited"))
		h_printf(b, "<div class=\"notice\" role=\"status\"><p>%s</p></div>",
			 tr(L, "Invitation sent: the person becomes a member once they accept it in their space."));
	page_error_summary(rq, rs, err);
	h_printf(b, "<p class=\"count\">");
	h_textf(b, trn(L, "%s current membership", "%s current memberships", (long)total), web_net_int(rq, total));
	h_printf(b, "</p><table><caption class=\"visually-hidden\">%s</caption><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		    "<th scope=\"col\">%s</th>",
		 tr(L, "Members"), tr(L, "Name"), tr(L, "Status"), tr(L, "Since"));
	if (manage)
		h_printf(b, "<th scope=\"col\">%s</th>", tr(L, "Membership"));
	h_printf(b, "</tr></thead><tbody>");
	for (size_t i = 0; i < n; i++) {
		h_printf(b, "<tr><td><a href=\"/people/%lld\">%s</a></td><td>", (long long)v[i].person_id,
			 v[i].person_name);
		if (manage) {
			h_printf(b, "<form method=\"post\" action=\"/admin/cooperatives/%lld/members\" class=\"row-form\">",
				 (long long)id);
			page_csrf_field(rq, rs);
			h_printf(b, "<input type=\"hidden\" name=\"person_id\" value=\"%lld\"><input type=\"hidden\" name=\"page\" value=\"%d\">"
				    "<label class=\"visually-hidden\" for=\"s-%lld\">%s</label><select id=\"s-%lld\" name=\"status\">",
				 (long long)v[i].person_id, page, (long long)v[i].person_id,
				 arena_printf(&rq->arena, "%s — %s", tr(L, "Status"), v[i].person_name),
				 (long long)v[i].person_id);
			for (size_t k = 0; web_net_status_options[k]; k += 2)
				widget_option(rs, web_net_status_options[k], tr(L, web_net_status_options[k + 1]),
					      strcmp(web_net_status_options[k], v[i].status) == 0);
			h_printf(b, "</select> <button type=\"submit\" class=\"small\">%s</button></form>", tr(L, "Change"));
		} else {
			h_printf(b, "%s", web_net_label(rq, web_net_status_options, v[i].status));
		}
		h_printf(b, "</td><td>%s</td>", web_net_day(rq, v[i].started_on));
		if (manage && strcmp(v[i].status, "former") != 0)
			h_printf(b, "<td class=\"end\"><a href=\"/admin/cooperatives/%lld/members/%lld/end\">%s<span class=\"visually-hidden\"> — %s</span></a></td>",
				 (long long)id, (long long)v[i].person_id, tr(L, "End"), v[i].person_name);
		else if (manage)
			h_printf(b, "<td></td>");
		h_printf(b, "</tr>");
	}
	h_printf(b, "</tbody></table>");
	page_pager(rq, rs, arena_printf(&rq->arena, "/admin/cooperatives/%lld/members", (long long)id), "",
		      page, total, PER_PAGE);
	net_invitation *inv;
	size_t ninv = 0;
	if (manage && net_invitation_list_coop(rq->db, &rq->arena, rq->person_id, id, &inv, &ninv, &e) == BG_OK && ninv) {
		h_printf(b, "<h2>%s</h2><ul>", tr(L, "Invited, waiting for their answer"));
		for (size_t i = 0; i < ninv; i++)
			h_printf(b, "<li>%s — %s</li>", inv[i].person_name, web_net_label(rq, web_net_status_options, inv[i].status));
		h_printf(b, "</ul>");
	}
	if (manage) {
		h_printf(b, "<h2 id=\"add\">%s</h2><form method=\"post\" action=\"/admin/cooperatives/%lld/members\" novalidate>",
			 tr(L, "Add a person or change a status"), (long long)id);
		page_csrf_field(rq, rs);
		page_input(rq, rs, "email", tr(L, "Email address of the person"), "email", NULL, "off", err);
		h_printf(b, "<div class=\"field-row\">");
		web_net_select(rq, rs, "status", tr(L, "Status"), web_net_status_options, "member", err);
		web_net_text(rq, rs, "started_on", tr(L, "From (YYYY-MM-DD, today if empty)"), NULL, NULL, NULL, err);
		h_printf(b, "</div><button type=\"submit\">%s</button></form>", tr(L, "Save"));
	}
	page_end(rq, rs);
}

/* GET /admin/cooperatives/{id}/members */
static void web_admin_members(request *rq, response *rs)
{
	web_admin_members_page(rq, rs, NULL);
}

/* POST /admin/cooperatives/{id}/members: a status for a person named by id (row form) or email (add form). */
static void web_admin_members_post(request *rq, response *rs)
{
	bg_error err;
	const form *f = page_form(rq, rs);
	if (!f)
		return;
	int64_t id = rq_param_id(rq, 0);
	int64_t who = form_get(f, "person_id") ? strtoll(form_get(f, "person_id"), NULL, 10) : 0;
	bg_status st = BG_OK;
	if (form_get(f, "email")) { /* the "add a person" form names them by email */
		person p;
		char email[255];
		st = account_normalise_email(form_get(f, "email"), email, &err);
		if (st == BG_OK && account_find_email(rq->db, email, &p, NULL) != BG_OK)
			st = bg_fail(&err, BG_ERR_INVALID, "unknown_person", "email",
				     N_("No account uses this email address."));
		who = st == BG_OK ? p.id : 0;
	}
	bool pending = false;
	st = web_begin(rq, st, &err);
	if (st == BG_OK)
		st = net_membership_add(rq->db, rq->person_id, who, id, form_get(f, "status"), form_get(f, "started_on"),
					rq_base_url(rq), &pending, &err);
	const char *page = form_get(f, "page");
	if (web_finish(rq, rs, st, &err,
		       arena_printf(&rq->arena, "/admin/cooperatives/%lld/members?%s=1&page=%d", (long long)id,
				    pending ? "invited" : "done", page ? atoi(page) : 1), 0))
		web_admin_members_page(rq, rs, &err);
}

/* The form ending a membership: the person, their current status, the last day. */
static void web_admin_member_end_page(request *rq, response *rs, const form *f, const bg_error *err)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
	int64_t coop = rq_param_id(rq, 0), who = rq_param_id(rq, 1);
	bg_error e;
	net_coop c;
	net_membership *ms;
	size_t n = 0;
	const net_membership *cur = NULL;
	if (net_coop_get(rq->db, &rq->arena, rq->person_id, coop, &c, &e) != BG_OK ||
	    authz_check(rq->db, rq->person_id, AUTHZ_NET_MEMBERSHIP_MANAGE, (scope){SCOPE_COOPERATIVE, coop}, &e) != BG_OK ||
	    net_membership_history(rq->db, &rq->arena, rq->person_id, who, &ms, &n, &e) != BG_OK) {
		page_fail(rq, rs, &e);
		return;
	}
	for (size_t i = 0; i < n && !cur; i++)
		if (ms[i].cooperative_id == coop && !ms[i].ended_on && strcmp(ms[i].status, "former") != 0)
			cur = &ms[i];
	if (!cur) {
		bg_error_set(&e, BG_ERR_NOT_FOUND, "not_found", NULL, N_("This page does not exist."));
		page_fail(rq, rs, &e);
		return;
	}
	page_begin(rq, rs, tr(L, "End a membership"));
	h_printf(b, "<p><a href=\"/admin/cooperatives/%lld/members\">", (long long)coop);
	h_textf(b, tr(L, "Members of %s"), c.name);
	h_printf(b, "</a></p><h1>%s</h1>", tr(L, "End a membership"));
	page_error_summary(rq, rs, err);
	h_printf(b, "<p class=\"lead\">");
	h_textf(b, tr(L, "%s, %s of %s since %s."), cur->person_name, tr(L, cur->status), c.name,
		 web_net_day(rq, cur->started_on));
	h_printf(b, "</p><p>%s</p>",
		 tr(L, "From the day given, the person is a former member: the history keeps every period, "
		       "and the cooperative no longer sees what they show only to their cooperative."));
	h_printf(b, "<form method=\"post\" action=\"/admin/cooperatives/%lld/members/%lld/end\" novalidate>",
		 (long long)coop, (long long)who);
	page_csrf_field(rq, rs);
	char today[11];
	tz_today(TZ_GROUP, today);
	web_net_text(rq, rs, "ended_on", tr(L, "End date (YYYY-MM-DD)"), NULL,
		     f ? form_get(f, "ended_on") : today, NULL, err);
	h_printf(b, "<button type=\"submit\">%s</button></form>", tr(L, "End the membership"));
	page_end(rq, rs);
}

/* GET /admin/cooperatives/{id}/members/{person}/end */
static void web_admin_member_end(request *rq, response *rs)
{
	web_admin_member_end_page(rq, rs, NULL, NULL);
}

/* POST /admin/cooperatives/{id}/members/{person}/end: the membership ends (former from that day), audited. */
static void web_admin_member_end_post(request *rq, response *rs)
{
	bg_error err;
	const form *f = page_form(rq, rs);
	if (!f)
		return;
	int64_t coop = rq_param_id(rq, 0), who = rq_param_id(rq, 1);
	bg_status st = web_begin(rq, BG_OK, &err);
	if (st == BG_OK)
		st = net_membership_end(rq->db, rq->person_id, who, coop, form_get(f, "ended_on"), &err);
	/* only a bad day shows the form again: a conflict (already ended) is a page */
	if (web_finish(rq, rs, st, &err, arena_printf(&rq->arena, "/admin/cooperatives/%lld/members?done=1", (long long)coop),
		       st != BG_OK && err.status == BG_ERR_INVALID ? 0 : WEB_BUTTON))
		web_admin_member_end_page(rq, rs, f, &err);
}

/* The roles held in a scope, each with a revoke button, and the grant form. */
static void web_admin_roles_page(request *rq, response *rs, const form *f, const bg_error *err)
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
	const char *c = rq_query(rq, "cooperative");
	int64_t coop = c ? strtoll(c, NULL, 10) : 0;
	net_role *v;
	size_t n;
	int64_t total;
	int page = page_number(rq);
	if (net_role_list(rq->db, &rq->arena, rq->person_id, coop, PER_PAGE, (int64_t)(page - 1) * PER_PAGE, &v, &n,
			  &total, &e) != BG_OK) {
		page_fail(rq, rs, &e); /* 404 where one holds no role, 403 where it forbids */
		return;
	}
	page_begin(rq, rs, tr(L, "Roles"));
	h_printf(b, "<p><a href=\"/admin\">%s</a></p><h1>%s</h1>", tr(L, "Administration"), tr(L, "Roles"));
	if (rq_query(rq, "done"))
		h_printf(b, "<div class=\"notice\" role=\"status\"><p>%s</p></div>", tr(L, "Saved."));
	h_printf(b, "<form method=\"get\" action=\"/admin/roles\" class=\"search\"><div class=\"field-row\">");
	web_net_select(rq, rs, "cooperative", tr(L, "Roles held in"), web_net_coop_options(rq, true), c, NULL);
	h_printf(b, "</div><button type=\"submit\">%s</button></form>", tr(L, "Show"));
	h_printf(b, "<table><caption class=\"visually-hidden\">%s</caption><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
		 tr(L, "Roles"), tr(L, "Name"), tr(L, "Role"), tr(L, "Where"), tr(L, "Actions"));
	for (size_t i = 0; i < n; i++) {
		h_printf(b, "<tr><td><a href=\"/people/%lld\">%s</a></td><td>%s</td><td>%s</td><td>",
			 (long long)v[i].person_id, v[i].person_name, tr(L, v[i].role),
			 strcmp(v[i].scope_type, "group") == 0 ? tr(L, "the group") : v[i].scope_name);
		h_printf(b, "<form method=\"post\" action=\"/admin/roles/revoke\" class=\"row-form\">");
		page_csrf_field(rq, rs);
		h_printf(b, "<input type=\"hidden\" name=\"person_id\" value=\"%lld\"><input type=\"hidden\" name=\"role\" value=\"%s\">"
			    "<input type=\"hidden\" name=\"scope\" value=\"%s\"><input type=\"hidden\" name=\"scope_id\" value=\"%lld\">"
			    "<button type=\"submit\" class=\"small secondary\">%s</button></form></td></tr>",
			 (long long)v[i].person_id, v[i].role, v[i].scope_type, (long long)v[i].scope_id,
			 arena_printf(&rq->arena, "%s", tr(L, "Revoke")));
	}
	h_printf(b, "</tbody></table>");
	page_pager(rq, rs, "/admin/roles", rq_query_without(rq, "page"), page, total, PER_PAGE);
	h_printf(b, "<h2 id=\"grant\">%s</h2>", tr(L, "Grant a role"));
	page_error_summary(rq, rs, err);
	h_printf(b, "<form method=\"post\" action=\"/admin/roles\" novalidate>");
	page_csrf_field(rq, rs);
#define FV(name) (f ? form_get(f, name) : NULL)
	page_input(rq, rs, "email", tr(L, "Email address of the person"), "email", FV("email"), "off", err);
	web_net_select(rq, rs, "role", tr(L, "Role"), web_net_roles, FV("role"), err);
	static const char *const scopes[] = {"cooperative", N_("A cooperative"), "unit", N_("A unit"),
					     "group", N_("The whole group"), NULL};
	web_net_select(rq, rs, "scope", tr(L, "Scope"), scopes, FV("scope"), err);
	web_net_text(rq, rs, "scope_id", tr(L, "Number of the cooperative or unit"),
		     tr(L, "Shown in the address of its page, e.g. /units/3"), FV("scope_id"), NULL, err);
#undef FV
	h_printf(b, "<button type=\"submit\">%s</button></form>", tr(L, "Grant the role"));
	page_end(rq, rs);
}

/* GET /admin/roles */
static void web_admin_roles(request *rq, response *rs)
{
	web_admin_roles_page(rq, rs, NULL, NULL);
}

/* POST /admin/roles (grant) and /admin/roles/revoke. */
static void web_admin_role_change(request *rq, response *rs, bool grant)
{
	bg_error err;
	const form *f = page_form(rq, rs);
	if (!f)
		return;
	role r = authz_role_from_name(form_get(f, "role"));
	const char *sc = form_get(f, "scope");
	int64_t sid = form_get(f, "scope_id") ? strtoll(form_get(f, "scope_id"), NULL, 10) : 0;
	scope s = {sc && strcmp(sc, "unit") == 0 ? SCOPE_UNIT : sc && strcmp(sc, "group") == 0 ? SCOPE_GROUP
													  : SCOPE_COOPERATIVE,
		   sc && strcmp(sc, "group") == 0 ? 0 : sid};
	int64_t who = 0;
	bg_status st = BG_OK;
	if (grant) {
		person p = {0};
		char email[255];
		st = account_normalise_email(form_get(f, "email"), email, &err);
		if (st == BG_OK && account_find_email(rq->db, email, &p, &err) != BG_OK)
			st = bg_fail(&err, BG_ERR_INVALID, "unknown_person", "email",
				     N_("No account uses this email address."));
		who = p.id;
		if (st == BG_OK && s.type != SCOPE_GROUP && sid <= 0)
			st = bg_fail(&err, BG_ERR_INVALID, "invalid_scope", "scope_id",
				     N_("This scope does not exist."));
	} else {
		who = form_get(f, "person_id") ? strtoll(form_get(f, "person_id"), NULL, 10) : 0;
	}
	if (st == BG_OK && !r)
		st = bg_fail(&err, BG_ERR_INVALID, "invalid_role", "role", N_("Unknown role."));
	st = web_begin(rq, st, &err);
	if (st == BG_OK)
		st = grant ? authz_grant(rq->db, rq->person_id, who, r, s, &err)
			   : authz_revoke(rq->db, rq->person_id, who, r, s, &err);
	if (web_finish(rq, rs, st, &err, "/admin/roles?done=1", 0))
		web_admin_roles_page(rq, rs, grant ? f : NULL, &err);
}

/* POST /admin/roles */
static void web_admin_role_grant(request *rq, response *rs)
{
	web_admin_role_change(rq, rs, true);
}

/* POST /admin/roles/revoke */
static void web_admin_role_revoke(request *rq, response *rs)
{
	web_admin_role_change(rq, rs, false);
}

const route web_net_members_routes[] = {
	{HTTP_GET, "/admin/cooperatives/{id}/members", web_admin_members, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/admin/cooperatives/{id}/members", web_admin_members_post, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_GET, "/admin/roles", web_admin_roles, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/admin/roles", web_admin_role_grant, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/admin/roles/revoke", web_admin_role_revoke, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_GET, "/admin/cooperatives/{id}/members/{person}/end", web_admin_member_end, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/admin/cooperatives/{id}/members/{person}/end", web_admin_member_end_post, ROUTE_PAGE | ROUTE_AUTH},
	{0, NULL, NULL, 0},
};
