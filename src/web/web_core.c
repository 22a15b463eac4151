/*
 * web_core.c — the platform's own pages: home, login, logout, my space,
 * forgotten password.  Forms work without JavaScript; on an error the form
 * comes back (422) with the message next to the field, in the person's
 * language, and what they typed (never the password).
 */
#include "auth/account.h"
#include "auth/authz.h"
#include "auth/reset.h"
#include "auth/session.h"
#include "core/i18n.h"
#include "network/network.h"
#include "web/web_network.h"
#include "web/page.h"
#include <string.h>

/* A local path to go back to after login: "/me" when none is given, "/"
 * when it is not a plain local path (no open redirect). */
static const char *web_safe_next(const char *next)
{
	/* RFC 3986 pchar (less "%" escapes' own check) and the separators of a
	 * path, query and fragment; no space, control character or backslash,
	 * which browsers read as "/" or drop, turning "/\t/evil.example" into
	 * a link to another host. */
	static const char path_chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
					 "-._~!$&'()*+,;=:@%/?#";
	if (!next || !*next)
		return "/me";
	if (next[0] != '/' || (next[1] && (next[1] == '/' || !strchr(path_chars, next[1]))))
		return "/";
	if (strspn(next, path_chars) != strlen(next))
		return "/";
	return next;
}

/* GET /: what the group is, its cooperatives, its places and groups, how to come in. */
static void web_home(request *rq, response *rs)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
	net_coop *coops = NULL;
	net_unit *units = NULL;
	size_t ncoops = 0, nunits = 0;
	bg_error err;
	if (net_coop_list(rq->db, &rq->arena, rq->person_id, &coops, &ncoops, &err) != BG_OK ||
	    net_unit_list(rq->db, &rq->arena, rq->person_id, 0, &units, &nunits, &err) != BG_OK) {
		page_fail(rq, rs, &err);
		return;
	}
	page_begin(rq, rs, tr(L, "Home"));
	h_printf(b, "<section class=\"hero\"><h1>%s</h1><p class=\"lead\">%s</p>",
		 tr(L, "Bigre, the work mutual"),
		 tr(L, "A group of worker cooperatives where thousands of salaried entrepreneurs"
		       " share places, accompany each other and govern together."));
	h_printf(b, "<p class=\"actions\"><a class=\"button\" href=\"/directory\">%s</a>", tr(L, "Browse the directory"));
	if (!rq->person_id)
		h_printf(b, " <a class=\"button secondary\" href=\"/login\">%s</a>", tr(L, "Log in"));
	h_printf(b, "</p></section><section aria-labelledby=\"h-coops\"><h2 id=\"h-coops\">%s</h2><ul class=\"cards\">",
		 tr(L, "Our cooperatives"));
	for (size_t i = 0; i < ncoops; i++) {
		h_printf(b, "<li class=\"card\"><h3><a href=\"/cooperatives/%lld\">%s</a></h3><p class=\"kind\">%s",
			 (long long)coops[i].id, coops[i].name, coops[i].legal_form);
		if (*coops[i].commune)
			h_printf(b, " · %s", coops[i].commune);
		h_printf(b, "</p>");
		if (*coops[i].short_description)
			h_printf(b, "<p>%s</p>", coops[i].short_description);
		h_printf(b, "<p class=\"meta\">");
		h_textf(b, trn(L, "%s member", "%s members", (long)coops[i].members), web_net_int(rq, coops[i].members));
		h_printf(b, "</p></li>");
	}
	if (ncoops == 0)
		h_printf(b, "<li>%s</li>", tr(L, "No cooperative yet."));
	h_printf(b, "</ul></section><section aria-labelledby=\"h-places\"><h2 id=\"h-places\">%s</h2><p>%s</p><ul class=\"places\">",
		 tr(L, "Our places and groups"),
		 tr(L, "Places to work and meet, in towns and in the countryside, open to the members of every cooperative."));
	for (size_t i = 0; i < nunits; i++) {
		h_printf(b, "<li><a href=\"/units/%lld\">%s</a>", (long long)units[i].id, units[i].name);
		if (units[i].territory.commune)
			h_printf(b, " <span class=\"meta\">%s (%s) · %s</span>", units[i].territory.commune,
				 units[i].territory.department,
				 strcmp(units[i].territory.kind, "rural") == 0 ? tr(L, "Rural") : tr(L, "Urban"));
		h_printf(b, "</li>");
	}
	h_printf(b, "</ul></section><section aria-labelledby=\"h-join\"><h2 id=\"h-join\">%s</h2><ol class=\"steps\">",
		 tr(L, "How to come in"));
	h_printf(b, "<li><strong>%s</strong> %s</li>", tr(L, "Come to an information session."),
		 tr(L, "Held regularly in each place, open to anyone with a project."));
	h_printf(b, "<li><strong>%s</strong> %s</li>", tr(L, "Meet a host."),
		 tr(L, "A welcome interview to talk about your activity and what you need."));
	h_printf(b, "<li><strong>%s</strong> %s</li>", tr(L, "Test your activity."),
		 tr(L, "With a support contract, then as a salaried entrepreneur."));
	h_printf(b, "<li><strong>%s</strong> %s</li></ol></section>", tr(L, "Become an associate."),
		 tr(L, "And take part in the decisions of your cooperative and of the group."));
	page_end(rq, rs);
}

static void web_login_form(request *rq, response *rs, const char *email, const char *next,
			   const bg_error *err)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
	page_begin(rq, rs, tr(L, "Log in"));
	h_printf(b, "<div class=\"narrow\"><h1>%s</h1>", tr(L, "Log in"));
	page_error_summary(rq, rs, err);
	h_printf(b, "<form method=\"post\" action=\"/login\" novalidate>");
	page_csrf_field(rq, rs);
	h_printf(b, "<input type=\"hidden\" name=\"next\" value=\"%s\">", web_safe_next(next));
	page_input(rq, rs, "email", tr(L, "Email address"), "email", email, "username", err);
	page_input(rq, rs, "password", tr(L, "Password"), "password", NULL, "current-password", err);
	h_printf(b, "<button type=\"submit\">%s</button></form>", tr(L, "Log in"));
	h_printf(b, "<p><a href=\"/password/forgot\">%s</a></p></div>", tr(L, "Forgot your password?"));
	page_end(rq, rs);
}

static void web_login(request *rq, response *rs)
{
	if (rq->person_id) {
		rs_redirect(rq, rs, "/me");
		return;
	}
	web_login_form(rq, rs, NULL, rq_query(rq, "next"), NULL);
}

static void web_login_post(request *rq, response *rs)
{
	bg_error err;
	const form *f = page_form(rq, rs);
	if (!f)
		return;
	const char *email = form_get(f, "email"), *password = form_get(f, "password");
	const char *next = form_get(f, "next");
	person p;
	char token[SECRET_MAX_LEN], csrf[CSRF_TOKEN_LEN];
	if (!email || !*email) {
		bg_error_set(&err, BG_ERR_INVALID, "missing_field", "email", N_("The email address is required."));
	} else if (!password || !*password) {
		bg_error_set(&err, BG_ERR_INVALID, "missing_field", "password", N_("The password is required."));
	} else if (rq_rate_limit(rq, RL_LOGIN_ADDRESS, rq_client_address(rq), &err) == BG_OK &&
		   rq_rate_limit(rq, RL_LOGIN_ACCOUNT, email, &err) == BG_OK &&
		   db_begin(rq->db, DB_WRITE, &err) == BG_OK) {
		if (account_login(rq->db, email, password, &p, &err) == BG_OK &&
		    session_create(rq->db, p.id, token, csrf, &err) == BG_OK &&
		    db_commit(rq->db, &err) == BG_OK) {
			rq_login_succeeded(rq, email);
			rs_cookie(rq, rs, HTTP_SESSION_COOKIE, token, SESSION_MAX_SECONDS, true);
			rs_redirect(rq, rs, web_safe_next(next));
			return;
		}
		db_rollback(rq->db);
	}
	web_login_form(rq, rs, email, next, &err);
	rs->status = err.status == BG_ERR_RATE_LIMITED ? 429 : err.status == BG_ERR_UNAUTHENTICATED ? 401 : 422;
}

static void web_logout(request *rq, response *rs)
{
	bg_error err;
	if (rq->auth == AUTH_SESSION) {
		if (db_begin(rq->db, DB_WRITE, &err) != BG_OK ||
		    session_delete(rq->db, rq->session_token, &err) != BG_OK ||
		    db_commit(rq->db, &err) != BG_OK) {
			page_fail(rq, rs, &err);
			return;
		}
	}
	rs_cookie(rq, rs, HTTP_SESSION_COOKIE, "", 0, true);
	rs_redirect(rq, rs, "/");
}

/* GET /me: my roles, my cooperatives with their dated history, what I can do. */
static void web_me(request *rq, response *rs)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
	person p;
	bg_error err;
	if (account_get(rq->db, rq->person_id, &p, &err) != BG_OK) {
		page_fail(rq, rs, &err);
		return;
	}
	page_begin(rq, rs, tr(L, "My space"));
	h_printf(b, "<h1>%s</h1>", tr(L, "My space"));
	h_printf(b, "<p class=\"lead\">");
	h_textf(b, tr(L, "Welcome, %s."), p.display_name);
	h_printf(b, "</p>");
	web_network_me_notices(rq, rs);
	h_printf(b, "<section><h2>%s</h2><ul class=\"roles\">", tr(L, "My roles"));
	authz_role_row *held;
	size_t n;
	if (authz_roles_held(rq->db, &rq->arena, p.id, &held, &n, &err) != BG_OK) {
		page_fail(rq, rs, &err);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		const char *where = strcmp(held[i].scope_type, "group") == 0 ? tr(L, "the group") : held[i].scope_name;
		h_printf(b, "<li><strong>%s</strong> — %s</li>", tr(L, held[i].role), where);
	}
	if (n == 0)
		h_printf(b, "<li>%s</li>", tr(L, "No role yet."));
	h_printf(b, "</ul></section>");
	net_membership *ms;
	size_t nms;
	if (net_membership_history(rq->db, &rq->arena, p.id, p.id, &ms, &nms, &err) == BG_OK && nms) {
		h_printf(b, "<section><h2>%s</h2><ul class=\"roles\">", tr(L, "My cooperatives"));
		for (size_t i = 0; i < nms; i++) {
			h_printf(b, "<li><strong>%s</strong> — %s, ", ms[i].coop_name, tr(L, ms[i].status));
			if (ms[i].ended_on)
				h_textf(b, tr(L, "from %s to %s"), web_net_day(rq, ms[i].started_on), web_net_day(rq, ms[i].ended_on));
			else
				h_textf(b, tr(L, "since %s"), web_net_day(rq, ms[i].started_on));
			h_printf(b, "</li>");
		}
		h_printf(b, "</ul></section>");
	}
	h_printf(b, "<section><h2>%s</h2><ul class=\"cards\">", tr(L, "What I can do"));
	h_printf(b, "<li class=\"card\"><h3><a href=\"/me/profile\">%s</a></h3><p>%s</p></li>", tr(L, "My profile"),
		 tr(L, "My trades, skills and territory, and who may see them."));
	h_printf(b, "<li class=\"card\"><h3><a href=\"/directory\">%s</a></h3><p>%s</p></li>", tr(L, "Directory"),
		 tr(L, "Find people to cooperate with, by skill, trade or territory."));
	h_printf(b, "<li class=\"card\"><h3><a href=\"/organisations\">%s</a></h3><p>%s</p></li>", tr(L, "Organisations"),
		 tr(L, "Groupements, enterprises and partners of the group."));
	bg_error refused;
	if (authz_check_somewhere(rq->db, p.id, AUTHZ_ADMIN_OPEN, &refused) == BG_OK)
		h_printf(b, "<li class=\"card\"><h3><a href=\"/admin\">%s</a></h3><p>%s</p></li>", tr(L, "Administration"),
			 tr(L, "Cooperatives, units, memberships, roles and imports."));
	h_printf(b, "</ul></section>");
	page_end(rq, rs);
}

static void web_forgot_form(request *rq, response *rs, const char *email, const bg_error *err,
			    bool sent)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
	page_begin(rq, rs, tr(L, "Forgot your password?"));
	h_printf(b, "<div class=\"narrow\"><h1>%s</h1>", tr(L, "Forgot your password?"));
	if (sent) {
		h_printf(b, "<div class=\"notice\" role=\"status\"><p>%s</p></div></div>",
			 tr(L, "If an account uses this address, a link to choose a new password"
			       " has been sent to it. It is valid for one hour."));
		page_end(rq, rs);
		return;
	}
	page_error_summary(rq, rs, err);
	h_printf(b, "<p>%s</p><form method=\"post\" action=\"/password/forgot\" novalidate>",
		 tr(L, "Enter your email address: we will send you a link to choose a new password."));
	page_csrf_field(rq, rs);
	page_input(rq, rs, "email", tr(L, "Email address"), "email", email, "email", err);
	h_printf(b, "<button type=\"submit\">%s</button></form></div>", tr(L, "Send the link"));
	page_end(rq, rs);
}

static void web_forgot(request *rq, response *rs)
{
	web_forgot_form(rq, rs, NULL, NULL, false);
}

static void web_forgot_post(request *rq, response *rs)
{
	bg_error err;
	const form *f = rq_form(rq, &err);
	const char *email = f ? form_get(f, "email") : NULL;
	if (f && rq_rate_limit(rq, RL_PUBLIC_FORM, rq_client_address(rq), &err) == BG_OK &&
	    db_begin(rq->db, DB_WRITE, &err) == BG_OK) {
		if (reset_request(rq->db, email, rq_base_url(rq), &err) == BG_OK &&
		    db_commit(rq->db, &err) == BG_OK) {
			rq_kick_mailer(rq);
			web_forgot_form(rq, rs, NULL, NULL, true);
			return;
		}
		db_rollback(rq->db);
	}
	web_forgot_form(rq, rs, email, &err, false);
	rs->status = err.status == BG_ERR_RATE_LIMITED ? 429 : 422;
}

static void web_reset_form(request *rq, response *rs, const char *token, const bg_error *err)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
	page_begin(rq, rs, tr(L, "Choose a new password"));
	h_printf(b, "<div class=\"narrow\"><h1>%s</h1>", tr(L, "Choose a new password"));
	page_error_summary(rq, rs, err);
	h_printf(b, "<form method=\"post\" action=\"/reset\" novalidate>");
	page_csrf_field(rq, rs);
	h_printf(b, "<input type=\"hidden\" name=\"token\" value=\"%s\">", token ? token : "");
	page_input(rq, rs, "password", tr(L, "New password (12 characters at least)"), "password",
		   NULL, "new-password", err);
	h_printf(b, "<button type=\"submit\">%s</button></form></div>", tr(L, "Save the password"));
	page_end(rq, rs);
}

static void web_reset(request *rq, response *rs)
{
	web_reset_form(rq, rs, rq_query(rq, "token"), NULL);
}

static void web_reset_post(request *rq, response *rs)
{
	bg_error err;
	const form *f = rq_form(rq, &err);
	const char *token = f ? form_get(f, "token") : NULL;
	if (f && db_begin(rq->db, DB_WRITE, &err) == BG_OK) {
		if (reset_confirm(rq->db, token, form_get(f, "password"), &err) == BG_OK &&
		    db_commit(rq->db, &err) == BG_OK) {
			rs_redirect(rq, rs, "/login");
			return;
		}
		db_rollback(rq->db);
	}
	web_reset_form(rq, rs, token, &err);
	rs->status = 422;
}

const route web_core_routes[] = {
	{HTTP_GET, "/", web_home, ROUTE_PAGE},
	{HTTP_GET, "/login", web_login, ROUTE_PAGE},
	{HTTP_POST, "/login", web_login_post, ROUTE_PAGE},
	{HTTP_POST, "/logout", web_logout, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_GET, "/me", web_me, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_GET, "/password/forgot", web_forgot, ROUTE_PAGE},
	{HTTP_POST, "/password/forgot", web_forgot_post, ROUTE_PAGE},
	{HTTP_GET, "/reset", web_reset, ROUTE_PAGE},
	{HTTP_POST, "/reset", web_reset_post, ROUTE_PAGE},
	{0, NULL, NULL, 0},
};
