/*
 * sessions.c — the public information sessions (/sessions, no account
 * needed): the list, the registration form (every field's error at once,
 * next to its field), the cancel link sent by mail, and the privacy
 * notice.
 */
#include "web/hospitality/web_hospitality_internal.h"

/* GET /sessions?territory= — no account needed */
static void web_sessions(request *rq, response *rs)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
	const char *territory = rq_query(rq, "territory"), *coop = rq_query(rq, "cooperative_id");
	if (territory && !*territory)
		territory = NULL;
	int64_t coop_id = coop ? atoll(coop) : 0, total = 0;
	int page = page_number(rq);
	infosession_row *r = NULL;
	const char **territories = NULL;
	hosp_choice *coops = NULL;
	size_t n = 0, nterritories = 0, ncoops = 0;
	bg_error err;
	if (infosession_list_public(rq->db, &rq->arena, territory, coop_id, SESSIONS_PER_PAGE,
				    (int64_t)(page - 1) * SESSIONS_PER_PAGE, &r, &n, &total, &err) != BG_OK ||
	    infosession_territories(rq->db, &rq->arena, date_now(), &territories, &nterritories, &err) != BG_OK ||
	    cooperative_choice_all(rq->db, &rq->arena, &coops, &ncoops, &err) != BG_OK) {
		page_fail(rq, rs, &err);
		return;
	}
	page_begin(rq, rs, tr(L, "Information sessions"));
	wh_subnav(rq, rs);
	h_printf(b, "<h1>%s</h1><p class=\"lead\">%s</p>", tr(L, "Information sessions"),
		 tr(L, "Come and find out how to start your activity in a cooperative: these meetings are free and open to all."));
	h_printf(b, "<form method=\"get\" action=\"/sessions\" class=\"filters\">");
	widget_select_begin(rq, rs, &(widget){.name = "territory", .label = tr(L, "Where")});
	widget_option(rs, "", tr(L, "Everywhere"), false);
	for (size_t i = 0; i < nterritories; i++)
		widget_option(rs, territories[i], territories[i], territory && strcmp(territory, territories[i]) == 0);
	widget_select_end(rs);
	h_printf(b, "<div class=\"field\"><label for=\"f-cooperative\">%s</label>"
		    "<select id=\"f-cooperative\" name=\"cooperative_id\"><option value=\"\">%s</option>",
		 tr(L, "Cooperative"), tr(L, "All"));
	for (size_t i = 0; i < ncoops; i++)
		wh_option(rs, coops[i].id, coops[i].name, coop);
	h_printf(b, "</select></div><div class=\"field\"><button type=\"submit\">%s</button></div></form>", tr(L, "Filter"));
	h_printf(b, "<p role=\"status\" class=\"count\">%s</p><ul class=\"cards\">",
		 arena_printf(&rq->arena, trn(L, "%s session", "%s sessions", (long)total), web_net_int(rq, total)));
	for (size_t i = 0; i < n; i++) {
		const infosession_row *k = &r[i];
		h_printf(b, "<li class=\"card session\"><h3>%s</h3><p>", k->title);
		wh_when(rq, b, k->timezone, k->starts_at);
		if (k->online)
			h_printf(b, "<br>%s", tr(L, "Online"));
		else
			h_printf(b, "<br>%s, %s", k->place, k->city);
		h_printf(b, "<br><span class=\"badge\">%s</span> <span class=\"badge\">%s</span></p>", k->cooperative,
			 k->territory);
		h_printf(b, "<p><a class=\"button\" href=\"/sessions/%lld/register\">%s</a></p></li>", (long long)k->id,
			 k->registered >= k->capacity ? tr(L, "Join the waiting list") : tr(L, "Register"));
	}
	if (!n)
		h_printf(b, "<li>%s</li>", tr(L, "No session is planned here for now."));
	h_printf(b, "</ul>");
	page_pager(rq, rs, "/sessions", rq_query_without(rq, "page"), page, total, SESSIONS_PER_PAGE);
	page_end(rq, rs);
}

/* The time zone a session is told in: its place's, else Paris (online). */
static const char *wh_session_tz(request *rq, const infosession *s)
{
	return infosession_timezone(rq->db, &rq->arena, s);
}

/* The registration form, with what was typed, the error that is no field's
 * at the top and each field's own error next to it. */
static void wh_register_form(request *rq, response *rs, int64_t id, const form *f, const bg_error *err,
			     const bg_field_errors *fe)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
	infosession s;
	bg_error e2;
	if (infosession_get(rq->db, rq->person_id, id, &s, &e2) != BG_OK || strcmp(s.status, "scheduled") != 0 ||
	    s.starts_at <= date_now()) {
		bg_error_set(&e2, BG_ERR_NOT_FOUND, "not_found", NULL, N_("This session does not exist."));
		page_error(rq, rs, &e2);
		return;
	}
	referrer_row *refs = NULL;
	size_t nref = 0;
	if (referrer_list(rq->db, &rq->arena, s.cooperative_id, &refs, &nref, &e2) != BG_OK) {
		page_fail(rq, rs, &e2);
		return;
	}
	page_begin(rq, rs, tr(L, "Register"));
	wh_subnav(rq, rs);
	h_printf(b, "<div class=\"narrow\"><h1>%s</h1><p class=\"lead\">%s<br>", tr(L, "Register"), s.title);
	wh_when(rq, b, wh_session_tz(rq, &s), s.starts_at);
	h_printf(b, "</p>");
	page_error_summary(rq, rs, err);
	h_printf(b, "<form method=\"post\" action=\"/sessions/%lld/register\" novalidate>", (long long)id);
	page_csrf_field(rq, rs);
	page_input(rq, rs, "name", tr(L, "Your name"), "text", f ? form_get(f, "name") : NULL, "name", bg_field_error_of(fe, "name"));
	page_input(rq, rs, "email", tr(L, "Email address"), "email", f ? form_get(f, "email") : NULL, "email", bg_field_error_of(fe, "email"));
	page_input_optional(rq, rs, "phone", tr(L, "Phone (optional)"), "tel", f ? form_get(f, "phone") : NULL, "tel",
			    bg_field_error_of(fe, "phone"));
	page_input(rq, rs, "postcode", tr(L, "Postcode"), "text", f ? form_get(f, "postcode") : NULL, "postal-code",
		   bg_field_error_of(fe, "postcode"));
	widget_textarea(rq, rs, 3,
			&(widget){.name = "project", .label = tr(L, "What would you like to do?"),
				  .value = f ? form_get(f, "project") : NULL, .err = bg_field_error_of(fe, "project")});
	widget_select_begin(rq, rs, &(widget){.name = "referrer_id", .label = tr(L, "How did you hear of us?"),
					      .err = bg_field_error_of(fe, "referrer_id")});
	widget_option(rs, "", "—", false);
	const char *sel = f ? form_get(f, "referrer_id") : NULL;
	for (size_t i = 0; i < nref; i++)
		wh_option(rs, refs[i].id, refs[i].name, sel);
	widget_select_end(rs);
	/* the honeypot: hidden from people, filled by robots */
	h_printf(b, "<div class=\"hp\" aria-hidden=\"true\"><label for=\"f-website\">Website</label>"
		    "<input id=\"f-website\" name=\"website\" type=\"text\" tabindex=\"-1\" autocomplete=\"off\"></div>");
	bool bad = bg_field_error_of(fe, "consent") != NULL;
	h_printf(b, "<div");
	h_attr(b, "class", bad ? "field check invalid" : "field check");
	h_printf(b, ">");
	wh_field_error(rq, rs, bg_field_error_of(fe, "consent"), "consent");
	h_printf(b, "<input id=\"f-consent\" type=\"checkbox\" name=\"consent\" value=\"1\"");
	h_bool(b, "checked", f && form_get(f, "consent"));
	if (bad) {
		h_attr(b, "aria-invalid", "true");
		h_attr(b, "aria-describedby", "e-consent");
	}
	h_printf(b, "> <label for=\"f-consent\">%s <a href=\"/sessions/privacy\">%s</a></label></div>",
		 tr(L, "I agree that the group processes these data to organise my welcome."), tr(L, "Privacy notice"));
	h_printf(b, "<button type=\"submit\">%s</button></form></div>", tr(L, "Register"));
	page_end(rq, rs);
}

static void web_register(request *rq, response *rs)
{
	wh_register_form(rq, rs, rq_param_id(rq, 0), NULL, NULL, NULL);
}

/* POST /sessions/{id}/register */
static void web_register_post(request *rq, response *rs)
{
	const char *L = rq->lang;
	bg_error err;
	const form *f = page_form(rq, rs);
	if (!f)
		return;
	const char *ref = form_get(f, "referrer_id");
	registration_input in = {.name = form_get(f, "name"), .email = form_get(f, "email"),
				 .phone = form_get(f, "phone"), .postcode = form_get(f, "postcode"),
				 .project = form_get(f, "project"), .referrer_id = ref && *ref ? atoll(ref) : 0,
				 .consent = form_get(f, "consent") != NULL, .honeypot = form_get(f, "website"),
				 .lang = rq->lang};
	bg_field_errors fields = {0};
	if (rq_rate_limit(rq, RL_PUBLIC_FORM, rq_client_address(rq), &err) == BG_OK &&
	    db_begin(rq->db, DB_WRITE, &err) == BG_OK) {
		if (infosession_register(rq->db, rq_param_id(rq, 0), &in, rq_base_url(rq), &fields, &err) == BG_OK &&
		    db_commit(rq->db, &err) == BG_OK) {
			rq_kick_mailer(rq);
			page_begin(rq, rs, tr(L, "Thank you"));
			wh_subnav(rq, rs);
			h_printf(page_html(rs), "<div class=\"narrow\"><h1>%s</h1><div class=\"notice\" role=\"status\"><p>%s</p></div>"
					    "<p><a href=\"/sessions\">%s</a></p></div>",
				 tr(L, "Thank you"),
				 tr(L, "Your request is registered. Check your email: we have sent you the confirmation"
				       " (or told you that you are on the waiting list), with a link to cancel."),
				 tr(L, "Back to the sessions"));
			page_end(rq, rs);
			return;
		}
		db_rollback(rq->db);
	}
	if (err.status == BG_ERR_NOT_FOUND) {
		page_error(rq, rs, &err);
		return;
	}
	wh_register_form(rq, rs, rq_param_id(rq, 0), f, &err, &fields);
	rs->status = err.status == BG_ERR_RATE_LIMITED ? 429 : 422;
}

/* GET /sessions/cancel?token= — asks to confirm (no change on GET) */
static void web_unregister(request *rq, response *rs)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
	const char *token = rq_query(rq, "token");
	infosession s;
	bool cancelled = false;
	bg_error err;
	if (infosession_by_token(rq->db, token, &s, &cancelled, &err) != BG_OK) {
		page_error(rq, rs, &err);
		return;
	}
	page_begin(rq, rs, tr(L, "Cancel my registration"));
	h_printf(b, "<div class=\"narrow\"><h1>%s</h1><p class=\"lead\">%s<br>", tr(L, "Cancel my registration"), s.title);
	wh_when(rq, b, wh_session_tz(rq, &s), s.starts_at);
	h_printf(b, "</p>");
	if (cancelled) {
		h_printf(b, "<div class=\"notice\" role=\"status\"><p>%s</p></div></div>", tr(L, "Your registration is cancelled."));
		page_end(rq, rs);
		return;
	}
	h_printf(b, "<form method=\"post\" action=\"/sessions/cancel\">");
	page_csrf_field(rq, rs);
	h_printf(b, "<input type=\"hidden\" name=\"token\" value=\"%s\"><button type=\"submit\">%s</button></form></div>",
		 token, tr(L, "Yes, cancel my registration"));
	page_end(rq, rs);
}

static void web_unregister_post(request *rq, response *rs)
{
	bg_error err;
	const form *f = rq_form(rq, &err);
	const char *token = f ? form_get(f, "token") : NULL;
	bg_status st = web_begin(rq, f ? rq_rate_limit(rq, RL_PUBLIC_FORM, rq_client_address(rq), &err) : err.status, &err);
	if (st == BG_OK)
		st = infosession_unregister(rq->db, token, rq_base_url(rq), &err);
	web_finish(rq, rs, st, &err, arena_printf(&rq->arena, "/sessions/cancel?token=%s", token ? token : ""),
		   WEB_MAIL | WEB_BUTTON);
}

/* GET /sessions/privacy — what is done with the data of a registration */
static void web_privacy(request *rq, response *rs)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
	page_begin(rq, rs, tr(L, "Privacy notice"));
	wh_subnav(rq, rs);
	h_printf(b, "<div class=\"narrow\"><h1>%s</h1><p>%s</p><p>%s</p><p>%s</p></div>", tr(L, "Privacy notice"),
		 tr(L, "When you register for an information session, the cooperative that organises it records your name,"
		       " email, phone, postcode, what you would like to do and how you heard of us, to welcome you and"
		       " follow your path with you (legal basis: your consent)."),
		 tr(L, "Only the hosts of that cooperative see them; if you agree to be oriented to another cooperative"
		       " of the group, your record is passed on to it. Anonymous counts are shared with the funders of"
		       " the welcome."),
		 tr(L, "You may ask to see, correct or erase your data at any time by writing to the cooperative;"
		       " a record without activity is erased after three years."));
	page_end(rq, rs);
}

const route web_hosp_sessions_routes[] = {
	{HTTP_GET, "/sessions/privacy", web_privacy, ROUTE_PAGE},
	{HTTP_GET, "/sessions", web_sessions, ROUTE_PAGE},
	{HTTP_GET, "/sessions/cancel", web_unregister, ROUTE_PAGE},
	{HTTP_POST, "/sessions/cancel", web_unregister_post, ROUTE_PAGE},
	{HTTP_GET, "/sessions/{id}/register", web_register, ROUTE_PAGE},
	{HTTP_POST, "/sessions/{id}/register", web_register_post, ROUTE_PAGE},
	{0, NULL, NULL, 0},
};
