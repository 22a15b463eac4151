/*
 * hosts.c — the hosts' dashboard (/hosts) and its forms: the host's
 * next bookings, the sessions to come with their fill rate, who waits for
 * what (pending bookings approved or refused here), the newcomers to
 * follow up and whose interview is to book, the host's interviews and
 * slots, and the forms scheduling a session, welcoming a newcomer by hand
 * and publishing a slot.  Each list reads one page from its domain reader
 * (hosts_lists.c and the others), says its total and is paged by its own
 * parameter (?sessions_page=2), the other lists keeping theirs.  Only what
 * authz allows is listed (hosts_scopes); 404 without a role, 403 for a
 * plain member.
 */
#include "web/hospitality/web_hospitality_internal.h"

/* Rows a page of each list of the dashboard shows; the host's own next
 * bookings shown there (all of them on /bookings). */
enum { HOSTS_PER_PAGE = 20, HOSTS_BOOKINGS_SHOWN = 5 };

/* The cooperatives of ids (a JSON array of hosts_scopes), as <option>s. */
static void wh_coop_options(request *rq, response *rs, const char *ids, const char *selected)
{
	hosp_choice *c = NULL;
	size_t n = 0;
	bg_error err;
	if (cooperative_choice_list(rq->db, &rq->arena, ids, &c, &n, &err) != BG_OK)
		return;
	for (size_t i = 0; i < n; i++)
		wh_option(rs, c[i].id, c[i].name, selected);
}

/* The places (not archived) as <option>s, all of them, selected the one
 * whose id is selected. */
static void wh_place_options(request *rq, response *rs, const char *selected)
{
	hosp_choice *c = NULL;
	size_t n = 0;
	bg_error err;
	if (place_choice_list(rq->db, &rq->arena, rq->person_id, &c, &n, &err) != BG_OK)
		return;
	for (size_t i = 0; i < n; i++)
		wh_option(rs, c[i].id, c[i].name, selected);
}

/* The dashboard's forms: schedule a session, welcome a newcomer by hand. */
static void wh_hosts_forms(request *rq, response *rs, const hosts_scopes *h, const form *f, const bg_error *err,
			   int which)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
	const form *fs = which == 1 ? f : NULL, *fn = which == 2 ? f : NULL;
	const bg_error *es = which == 1 ? err : NULL, *en = which == 2 ? err : NULL;
	h_printf(b, "<h2 id=\"schedule\">%s</h2>", tr(L, "Schedule an information session"));
	page_error_summary(rq, rs, es);
	h_printf(b, "<form method=\"post\" action=\"/hosts/sessions#schedule\" novalidate>");
	page_csrf_field(rq, rs);
	h_printf(b, "<div class=\"field\"><label for=\"f-s-coop\">%s</label><select id=\"f-s-coop\" name=\"cooperative_id\">",
		 tr(L, "Cooperative"));
	wh_coop_options(rq, rs, h->sessions.data, fs ? form_get(fs, "cooperative_id") : NULL);
	h_printf(b, "</select></div>");
	page_input(rq, rs, "title", tr(L, "Title"), "text", fs ? form_get(fs, "title") : tr(L, "Information session"), NULL, es);
	h_printf(b, "<div class=\"field\"><label for=\"f-place\">%s</label><select id=\"f-place\" name=\"place_id\"><option value=\"\">%s</option>",
		 tr(L, "Place"), tr(L, "Online"));
	wh_place_options(rq, rs, fs ? form_get(fs, "place_id") : NULL);
	h_printf(b, "</select></div>");
	page_input(rq, rs, "online_url", tr(L, "Online link (when online)"), "url", fs ? form_get(fs, "online_url") : NULL, NULL, es);
	page_input(rq, rs, "day", tr(L, "Day"), "date", fs ? form_get(fs, "day") : NULL, NULL, es);
	page_input(rq, rs, "starts_at", tr(L, "From (local time)"), "time", fs ? form_get(fs, "starts_at") : "10:00", NULL, es);
	page_input(rq, rs, "ends_at", tr(L, "To (local time)"), "time", fs ? form_get(fs, "ends_at") : "12:00", NULL, es);
	page_input(rq, rs, "capacity", tr(L, "Capacity"), "number", fs ? form_get(fs, "capacity") : "12", NULL, es);
	h_printf(b, "<button type=\"submit\">%s</button></form>", tr(L, "Schedule"));
	h_printf(b, "<h2 id=\"welcome\">%s</h2>", tr(L, "Welcome someone by hand"));
	page_error_summary(rq, rs, en);
	h_printf(b, "<form method=\"post\" action=\"/hosts/newcomers#welcome\" novalidate>");
	page_csrf_field(rq, rs);
	h_printf(b, "<div class=\"field\"><label for=\"f-n-coop\">%s</label><select id=\"f-n-coop\" name=\"cooperative_id\">",
		 tr(L, "Cooperative"));
	wh_coop_options(rq, rs, h->newcomers.data, fn ? form_get(fn, "cooperative_id") : NULL);
	h_printf(b, "</select></div>");
	page_input(rq, rs, "name", tr(L, "Name"), "text", fn ? form_get(fn, "name") : NULL, NULL, en);
	page_input(rq, rs, "email", tr(L, "Email address"), "email", fn ? form_get(fn, "email") : NULL, NULL, en);
	page_input(rq, rs, "postcode", tr(L, "Postcode"), "text", fn ? form_get(fn, "postcode") : NULL, NULL, en);
	h_printf(b, "<div class=\"field check\"><input id=\"f-n-consent\" type=\"checkbox\" name=\"consent\" value=\"1\"> "
		    "<label for=\"f-n-consent\">%s</label></div><button type=\"submit\">%s</button></form>",
		 tr(L, "The person agrees to the processing of their data."), tr(L, "Create the record"));
}

static bool wh_hosts_page(request *rq, response *rs, const form *form_in, const bg_error *err, int which);

/* The first row of a page of a dashboard's list. */
static int64_t wh_hosts_offset(int page)
{
	return (int64_t)(page - 1) * HOSTS_PER_PAGE;
}

/* The count above a list of the dashboard (text: its trn'd sentence). */
static void wh_hosts_count(response *rs, const char *text)
{
	h_printf(page_html(rs), "<p role=\"status\" class=\"count\">%s</p>", text);
}

/* A list of the dashboard that could not be read: its error in place. */
static void wh_hosts_failed(request *rq, response *rs, const bg_error *err)
{
	h_printf(page_html(rs), "<p class=\"error\" role=\"alert\">%s</p>", tr(rq->lang, err->msgid));
}

/* The pager of the dashboard's list whose page is the parameter name,
 * keeping the other lists' pages in its links. */
static void wh_hosts_pager(request *rq, response *rs, const char *name, int page, int64_t total)
{
	page_pager_of(rq, rs, "/hosts", rq_query_without(rq, name), name, page, total, HOSTS_PER_PAGE);
}

/* The dashboard's newcomers whose interview is to book (a link to their
 * page), paged by ?to_book_page=. */
static void wh_hosts_to_book(request *rq, response *rs, const hosts_scopes *h)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
	int page = page_number_of(rq, "to_book_page");
	newcomer_to_book_row *r = NULL;
	size_t n = 0;
	int64_t total = 0;
	bg_error err;
	h_printf(b, "<h2 id=\"to-book\">%s</h2>", tr(L, "Interviews to book"));
	if (newcomer_to_book_list(rq->db, &rq->arena, h->newcomers.data, HOSTS_PER_PAGE, wh_hosts_offset(page), &r, &n,
				  &total, &err) != BG_OK) {
		wh_hosts_failed(rq, rs, &err);
		return;
	}
	wh_hosts_count(rs, arena_printf(&rq->arena, trn(L, "%s newcomer", "%s newcomers", (long)total), web_net_int(rq, total)));
	h_printf(b, "<ul>");
	for (size_t i = 0; i < n; i++)
		h_printf(b, "<li class=\"to-book\">%s <small>(%s)</small> — <a href=\"/newcomers/%lld#interview\">%s</a></li>",
			 r[i].name, r[i].cooperative, (long long)r[i].id, tr(L, "Book an interview"));
	if (!n)
		h_printf(b, "<li>%s</li>", tr(L, "Nothing here."));
	h_printf(b, "</ul>");
	wh_hosts_pager(rq, rs, "to_book_page", page, total);
}

/* My next interviews, paged by ?interviews_page=. */
static void wh_hosts_my_interviews(request *rq, response *rs)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
	int page = page_number_of(rq, "interviews_page");
	interview_host_row *r = NULL;
	size_t n = 0;
	int64_t total = 0;
	bg_error err;
	h_printf(b, "<h2>%s</h2>", tr(L, "My next interviews"));
	if (interview_list_host(rq->db, &rq->arena, rq->person_id, HOSTS_PER_PAGE, wh_hosts_offset(page), &r, &n, &total,
				&err) != BG_OK) {
		wh_hosts_failed(rq, rs, &err);
		return;
	}
	wh_hosts_count(rs, arena_printf(&rq->arena, trn(L, "%s interview", "%s interviews", (long)total), web_net_int(rq, total)));
	h_printf(b, "<ul>");
	for (size_t i = 0; i < n; i++) {
		h_printf(b, "<li class=\"my-interview\">");
		wh_when(rq, b, r[i].timezone, r[i].starts_at);
		h_printf(b, " — <a href=\"/newcomers/%lld\">%s</a>, %s</li>", (long long)r[i].newcomer_id, r[i].newcomer, r[i].where);
	}
	if (!n)
		h_printf(b, "<li>%s</li>", tr(L, "No interview to come."));
	h_printf(b, "</ul>");
	wh_hosts_pager(rq, rs, "interviews_page", page, total);
}

/* My interview slots to come (free ones can be deleted), paged by
 * ?slots_page=. */
static void wh_hosts_my_slots(request *rq, response *rs)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
	int page = page_number_of(rq, "slots_page");
	islot_row *r = NULL;
	size_t n = 0;
	int64_t total = 0;
	bg_error err;
	h_printf(b, "<h2 id=\"slots\">%s</h2>", tr(L, "My interview slots"));
	if (islot_list(rq->db, &rq->arena, rq->person_id, ISLOT_MINE, 0, HOSTS_PER_PAGE, wh_hosts_offset(page), &r, &n,
		       &total, &err) != BG_OK) {
		wh_hosts_failed(rq, rs, &err);
		return;
	}
	wh_hosts_count(rs, arena_printf(&rq->arena, trn(L, "%s slot", "%s slots", (long)total), web_net_int(rq, total)));
	h_printf(b, "<ul>");
	for (size_t i = 0; i < n; i++) {
		h_printf(b, "<li class=\"my-slot\">");
		wh_when(rq, b, r[i].timezone, r[i].starts_at);
		buf e;
		buf_init(&e);
		wh_hhmm(&e, r[i].timezone, r[i].ends_at);
		h_printf(b, "–%s, %s — ", e.data, r[i].place_id ? r[i].place : r[i].online_url);
		buf_free(&e);
		if (r[i].interview_id) {
			h_printf(b, "<span class=\"badge\">%s</span> %s</li>", tr(L, "taken"), r[i].newcomer);
			continue;
		}
		h_printf(b, "<span class=\"badge ok\">%s</span> <form method=\"post\" action=\"/interview-slots/%lld/delete\""
			    " class=\"inline\">", tr(L, "free"), (long long)r[i].id);
		page_csrf_field(rq, rs);
		h_printf(b, "<button type=\"submit\" class=\"link\">%s</button></form></li>", tr(L, "Delete"));
	}
	if (!n)
		h_printf(b, "<li>%s</li>", tr(L, "No slot published."));
	h_printf(b, "</ul>");
	wh_hosts_pager(rq, rs, "slots_page", page, total);
}

/* The dashboard's welcome interviews: newcomers whose interview is to book,
 * my next interviews, my slots to come and the form to publish a slot (f,
 * err: a refused one). */
static void wh_hosts_interviews(request *rq, response *rs, const hosts_scopes *h, const form *f, const bg_error *err)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
	wh_hosts_to_book(rq, rs, h);
	wh_hosts_my_interviews(rq, rs);
	wh_hosts_my_slots(rq, rs);
	h_printf(b, "<h3 id=\"publish\">%s</h3>", tr(L, "Publish an interview slot"));
	page_error_summary(rq, rs, err);
	h_printf(b, "<form method=\"post\" action=\"/hosts/interview-slots#publish\" novalidate>");
	page_csrf_field(rq, rs);
	h_printf(b, "<div class=\"field\"><label for=\"f-i-coop\">%s</label><select id=\"f-i-coop\" name=\"cooperative_id\">",
		 tr(L, "Cooperative"));
	wh_coop_options(rq, rs, h->newcomers.data, f ? form_get(f, "cooperative_id") : NULL);
	h_printf(b, "</select></div><div class=\"field\"><label for=\"f-i-place\">%s</label><select id=\"f-i-place\""
		    " name=\"place_id\"><option value=\"\">%s</option>", tr(L, "Place"), tr(L, "Online"));
	wh_place_options(rq, rs, f ? form_get(f, "place_id") : NULL);
	h_printf(b, "</select></div>");
	/* the session form above uses the same field names: distinct ids here */
	static const char *const fields[][3] = {{"online_url", "url", N_("Online link (when online)")},
		{"day", "date", N_("Day")}, {"starts_at", "time", N_("From (local time)")}, {"ends_at", "time", N_("To (local time)")}};
	for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
		const char *name = fields[i][0], *v = f ? form_get(f, name) : NULL;
		/* ids f-i-<name> (the session form above has the same names), the
		 * error's e-<name>, as tests/http/interviews.test.mjs reads it */
		h_printf(b, "<div class=\"field\"><label for=\"f-i-%s\">%s</label>", name, tr(L, fields[i][2]));
		bool bad = wh_field_error(rq, rs, err, name);
		h_printf(b, "<input id=\"f-i-%s\" name=\"%s\" type=\"%s\" value=\"%s\"", name, name, fields[i][1],
			 v ? v : strcmp(name, "starts_at") == 0 ? "09:00" : strcmp(name, "ends_at") == 0 ? "10:00" : "");
		if (bad) {
			h_attr(b, "aria-invalid", "true");
			h_attr(b, "aria-describedby", arena_printf(&rq->arena, "e-%s", name));
		}
		h_printf(b, "></div>");
	}
	h_printf(b, "<button type=\"submit\">%s</button></form>", tr(L, "Publish the slot"));
}

static void web_hosts(request *rq, response *rs)
{
	wh_hosts_page(rq, rs, NULL, NULL, 0);
}

/* POST /hosts/sessions */
static void web_hosts_session(request *rq, response *rs)
{
	bg_error err;
	const form *f = page_form(rq, rs);
	if (!f)
		return;
	infosession is = {0};
	const char *coop = form_get(f, "cooperative_id"), *pid = form_get(f, "place_id"), *cap = form_get(f, "capacity");
	const char *day = form_get(f, "day"), *from = form_get(f, "starts_at"), *to = form_get(f, "ends_at");
	is.cooperative_id = coop ? atoll(coop) : 0;
	is.place_id = pid && *pid ? atoll(pid) : 0;
	is.capacity = cap ? atoi(cap) : 0;
	snprintf(is.title, sizeof is.title, "%s", form_get(f, "title") ? form_get(f, "title") : "");
	snprintf(is.online_url, sizeof is.online_url, "%s", form_get(f, "online_url") ? form_get(f, "online_url") : "");
	char tz[65] = HOSP_DEFAULT_TZ, s1[40], s2[40];
	place p;
	if (is.place_id && place_get(rq->db, rq->person_id, is.place_id, &p, NULL) == BG_OK)
		snprintf(tz, sizeof tz, "%s", p.timezone);
	snprintf(s1, sizeof s1, "%.10sT%.5s", day ? day : "", from ? from : "");
	snprintf(s2, sizeof s2, "%.10sT%.5s", day ? day : "", to ? to : "");
	bg_status st = !hosp_parse_instant(s1, tz, &is.starts_at)
			       ? bg_fail(&err, BG_ERR_INVALID, "invalid_time", "starts_at", N_("Give a day and a time."))
		       : !hosp_parse_instant(s2, tz, &is.ends_at)
			       ? bg_fail(&err, BG_ERR_INVALID, "invalid_time", "ends_at", N_("Give a day and a time."))
			       : BG_OK;
	st = web_begin(rq, st, &err);
	if (st == BG_OK)
		st = infosession_create(rq->db, rq->person_id, &is, &err);
	if (web_finish(rq, rs, st, &err, "/hosts", WEB_REFUSED_FORM))
		wh_hosts_page(rq, rs, f, &err, 1);
}

/* POST /hosts/newcomers */
static void web_hosts_newcomer(request *rq, response *rs)
{
	bg_error err;
	const form *f = page_form(rq, rs);
	if (!f)
		return;
	newcomer n = {0};
	const char *coop = form_get(f, "cooperative_id");
	n.cooperative_id = coop ? atoll(coop) : 0;
	snprintf(n.name, sizeof n.name, "%s", form_get(f, "name") ? form_get(f, "name") : "");
	snprintf(n.email, sizeof n.email, "%s", form_get(f, "email") ? form_get(f, "email") : "");
	snprintf(n.postcode, sizeof n.postcode, "%s", form_get(f, "postcode") ? form_get(f, "postcode") : "");
	snprintf(n.lang, sizeof n.lang, "%s", rq->lang);
	n.consent = form_get(f, "consent") != NULL;
	bg_status st = web_begin(rq, BG_OK, &err);
	if (st == BG_OK)
		st = newcomer_create(rq->db, rq->person_id, &n, &err);
	if (web_finish(rq, rs, st, &err, arena_printf(&rq->arena, "/newcomers/%lld", (long long)n.id), WEB_REFUSED_FORM))
		wh_hosts_page(rq, rs, f, &err, 2);
}

/* POST /hosts/interview-slots — publishes one of my interview slots */
static void web_hosts_islot(request *rq, response *rs)
{
	bg_error err;
	const form *f = page_form(rq, rs);
	if (!f)
		return;
	islot s = {0};
	const char *coop = form_get(f, "cooperative_id"), *pid = form_get(f, "place_id"), *url = form_get(f, "online_url");
	const char *day = form_get(f, "day"), *from = form_get(f, "starts_at"), *to = form_get(f, "ends_at");
	s.cooperative_id = coop ? atoll(coop) : 0;
	s.place_id = pid && *pid ? atoll(pid) : 0;
	snprintf(s.online_url, sizeof s.online_url, "%s", url ? url : "");
	char tz[65] = HOSP_DEFAULT_TZ, s1[40], s2[40];
	place p;
	if (s.place_id && place_get(rq->db, rq->person_id, s.place_id, &p, NULL) == BG_OK)
		snprintf(tz, sizeof tz, "%s", p.timezone);
	snprintf(s1, sizeof s1, "%.10sT%.5s", day ? day : "", from ? from : "");
	snprintf(s2, sizeof s2, "%.10sT%.5s", day ? day : "", to ? to : "");
	bg_status st = !day || !*day || !hosp_parse_instant(s1, tz, &s.starts_at)
			       ? bg_fail(&err, BG_ERR_INVALID, "invalid_time", !day || !*day ? "day" : "starts_at",
					 N_("Give a day and a time."))
		       : !hosp_parse_instant(s2, tz, &s.ends_at)
			       ? bg_fail(&err, BG_ERR_INVALID, "invalid_time", "ends_at", N_("Give a day and a time."))
			       : BG_OK;
	st = web_begin(rq, st, &err);
	if (st == BG_OK)
		st = islot_create(rq->db, rq->person_id, &s, &err);
	if (web_finish(rq, rs, st, &err, "/hosts#slots", WEB_REFUSED_FORM | WEB_409))
		wh_hosts_page(rq, rs, f, &err, 3);
}

/* POST /interview-slots/{id}/delete — one of my free slots */
static void web_islot_delete(request *rq, response *rs)
{
	bg_error err;
	bg_status st = web_begin(rq, BG_OK, &err);
	if (st == BG_OK)
		st = islot_delete(rq->db, rq->person_id, rq_param_id(rq, 0), &err);
	web_finish(rq, rs, st, &err, "/hosts#slots", WEB_BUTTON);
}

/* POST /hosts/digest — wants=1 asks for the daily digest, 0 stops it. */
static void web_hosts_digest(request *rq, response *rs)
{
	bg_error err;
	const form *f = page_form(rq, rs);
	if (!f)
		return;
	const char *w = form_get(f, "wants");
	bg_status st = web_begin(rq, BG_OK, &err);
	if (st == BG_OK)
		st = digest_set(rq->db, rq->person_id, w && strcmp(w, "1") == 0, &err);
	web_finish(rq, rs, st, &err, "/hosts", WEB_BUTTON);
}

/* POST /bookings/{id}/approve, /refuse */
static void wh_booking_decide(request *rq, response *rs, bool approve)
{
	bg_error err;
	bg_status st = web_begin(rq, BG_OK, &err);
	if (st == BG_OK)
		st = booking_decide(rq->db, rq->person_id, rq_param_id(rq, 0), approve, rq_base_url(rq), &err);
	web_finish(rq, rs, st, &err, "/hosts", WEB_MAIL | WEB_BUTTON);
}
static void web_booking_approve(request *rq, response *rs) { wh_booking_decide(rq, rs, true); }
static void web_booking_refuse(request *rq, response *rs) { wh_booking_decide(rq, rs, false); }

/* My own next bookings, first: a host is a member too; the next
 * HOSTS_BOOKINGS_SHOWN of them, how many there are and a link to all. */
static void wh_hosts_my_bookings(request *rq, response *rs)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
	booking_mine_row *r = NULL;
	size_t n = 0;
	int64_t total = 0;
	bg_error err;
	h_printf(b, "<h2>%s</h2>", tr(L, "My next bookings"));
	if (booking_list_mine(rq->db, &rq->arena, rq->person_id, date_now(), true, HOSTS_BOOKINGS_SHOWN, 0, &r, &n, &total,
			      &err) != BG_OK) {
		wh_hosts_failed(rq, rs, &err);
		return;
	}
	wh_hosts_count(rs, arena_printf(&rq->arena, trn(L, "%s booking to come", "%s bookings to come", (long)total),
					web_net_int(rq, total)));
	h_printf(b, "<ul>");
	for (size_t i = 0; i < n; i++) {
		h_printf(b, "<li class=\"my-booking\">%s — %s, ", r[i].resource, r[i].place);
		wh_when(rq, b, r[i].timezone, r[i].starts_at);
		h_printf(b, "</li>");
	}
	if (!n)
		h_printf(b, "<li>%s</li>", tr(L, "No booking to come."));
	h_printf(b, "</ul>");
	if (total > (int64_t)n)
		h_printf(b, "<p><a href=\"/bookings\">%s</a></p>", tr(L, "All my bookings"));
}

/* The sessions to come with their fill rate, paged by ?sessions_page=. */
static void wh_hosts_sessions(request *rq, response *rs, const hosts_scopes *h)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
	int page = page_number_of(rq, "sessions_page");
	infosession_row *r = NULL;
	size_t n = 0;
	int64_t total = 0;
	bg_error err;
	h_printf(b, "<h2>%s</h2>", tr(L, "Sessions to come"));
	if (infosession_list_to_come(rq->db, &rq->arena, h->sessions.data, HOSTS_PER_PAGE, wh_hosts_offset(page), &r, &n,
				     &total, &err) != BG_OK) {
		wh_hosts_failed(rq, rs, &err);
		return;
	}
	wh_hosts_count(rs, arena_printf(&rq->arena, trn(L, "%s session", "%s sessions", (long)total), web_net_int(rq, total)));
	h_printf(b, "<table><thead><tr><th>%s</th><th>%s</th><th class=\"num\">%s</th><th class=\"num\">%s</th></tr></thead><tbody>",
		 tr(L, "When"), tr(L, "Session"), tr(L, "Filled"), tr(L, "Waiting"));
	for (size_t i = 0; i < n; i++) {
		h_printf(b, "<tr><td>");
		wh_when(rq, b, r[i].timezone, r[i].starts_at);
		int64_t cap = r[i].capacity, taken = r[i].registered;
		h_printf(b, "</td><td>%s</td><td class=\"num\">%lld / %lld (%lld %%)</td><td class=\"num\">%lld</td></tr>", r[i].title,
			 (long long)taken, (long long)cap, (long long)(cap ? taken * 100 / cap : 0), (long long)r[i].waiting);
	}
	if (!n)
		h_printf(b, "<tr><td colspan=\"4\">%s</td></tr>", tr(L, "Nothing here."));
	h_printf(b, "</tbody></table>");
	wh_hosts_pager(rq, rs, "sessions_page", page, total);
}

/* Who waits for what, since when (pending bookings with their approve and
 * refuse buttons), paged by ?waits_page=. */
static void wh_hosts_waits(request *rq, response *rs, const hosts_scopes *h)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
	int page = page_number_of(rq, "waits_page");
	hosts_wait_row *r = NULL;
	size_t n = 0;
	int64_t total = 0;
	bg_error err;
	h_printf(b, "<h2>%s</h2>", tr(L, "Who waits for what"));
	if (hosts_wait_list(rq->db, &rq->arena, h, HOSTS_PER_PAGE, wh_hosts_offset(page), &r, &n, &total, &err) != BG_OK) {
		wh_hosts_failed(rq, rs, &err);
		return;
	}
	wh_hosts_count(rs, arena_printf(&rq->arena, trn(L, "%s person waiting", "%s people waiting", (long)total),
					web_net_int(rq, total)));
	h_printf(b, "<table><thead><tr><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>", tr(L, "Who"), tr(L, "For"),
		 tr(L, "Since"));
	for (size_t i = 0; i < n; i++) {
		h_printf(b, "<tr><td>%s</td><td>%s</td><td>", r[i].who, r[i].what);
		buf t;
		buf_init(&t);
		tz_format_day(TZ_GROUP, r[i].since, &t, L);
		h_text(b, t.data);
		buf_free(&t);
		for (int k = 0; r[i].booking_id && k < 2; k++) {
			h_printf(b, " <form method=\"post\" action=\"/bookings/%lld/%s\" class=\"inline\">", (long long)r[i].booking_id,
				 k ? "refuse" : "approve");
			page_csrf_field(rq, rs);
			h_printf(b, "<button type=\"submit\" class=\"link\">%s</button></form>", k ? tr(L, "Refuse") : tr(L, "Approve"));
		}
		h_printf(b, "</td></tr>");
	}
	if (!n)
		h_printf(b, "<tr><td colspan=\"3\">%s</td></tr>", tr(L, "Nothing here."));
	h_printf(b, "</tbody></table>");
	wh_hosts_pager(rq, rs, "waits_page", page, total);
}

/* The newcomers with no step for 30 days, paged by ?follow_page=. */
static void wh_hosts_follow_up(request *rq, response *rs, const hosts_scopes *h)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
	int page = page_number_of(rq, "follow_page");
	newcomer_follow_row *r = NULL;
	size_t n = 0;
	int64_t total = 0;
	bg_error err;
	h_printf(b, "<h2>%s</h2>", tr(L, "Newcomers to follow up"));
	if (newcomer_follow_up_list(rq->db, &rq->arena, h->newcomers.data, HOSTS_PER_PAGE, wh_hosts_offset(page), &r, &n,
				    &total, &err) != BG_OK) {
		wh_hosts_failed(rq, rs, &err);
		return;
	}
	wh_hosts_count(rs, arena_printf(&rq->arena, trn(L, "%s newcomer", "%s newcomers", (long)total), web_net_int(rq, total)));
	h_printf(b, "<table><thead><tr><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>", tr(L, "Who"), tr(L, "Step"),
		 tr(L, "Last step"));
	for (size_t i = 0; i < n; i++) {
		char label[101];
		path_step_label(rq->db, r[i].cooperative_id, r[i].current_step, label);
		h_printf(b, "<tr><td><a href=\"/newcomers/%lld\">%s</a></td><td>%s</td><td>%s</td></tr>", (long long)r[i].id,
			 r[i].name, tr(L, label), r[i].last_day ? r[i].last_day : "");
	}
	if (!n)
		h_printf(b, "<tr><td colspan=\"3\">%s</td></tr>", tr(L, "Nothing here."));
	h_printf(b, "</tbody></table>");
	wh_hosts_pager(rq, rs, "follow_page", page, total);
}

/* The hosts' dashboard (form_in, err: a refused form, which: 1 session,
 * 2 newcomer, 3 interview slot); false, with the error page, for someone
 * who may do no host work or when the rights cannot be read. */
static bool wh_hosts_page(request *rq, response *rs, const form *form_in, const bg_error *err, int which)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
	int64_t me = rq->person_id;
	hosts_scopes h;
	bg_error refused;
	if (hosts_may_work(rq->db, me, &refused) != BG_OK) {
		page_fail(rq, rs, &refused);
		return false;
	}
	if (hosts_scopes_load(rq->db, me, &h, &refused) != BG_OK) {
		hosts_scopes_free(&h);
		page_fail(rq, rs, &refused);
		return false;
	}
	page_begin(rq, rs, tr(L, "Hosts' dashboard"));
	wh_subnav(rq, rs);
	h_printf(b, "<h1>%s</h1>", tr(L, "Hosts' dashboard"));
	/* the daily digest by mail */
	bool wants = digest_wanted(rq->db, me);
	h_printf(b, "<form method=\"post\" action=\"/hosts/digest\" class=\"digest\">");
	page_csrf_field(rq, rs);
	h_printf(b, "<p>%s <input type=\"hidden\" name=\"wants\" value=\"%s\"><button type=\"submit\" id=\"digest-toggle\">%s</button></p></form>",
		 wants ? tr(L, "You receive this dashboard's news by mail every morning.")
		       : tr(L, "You may receive this dashboard's news by mail every morning."),
		 wants ? "0" : "1", wants ? tr(L, "Stop the daily mail") : tr(L, "Send me a daily mail"));
	wh_hosts_my_bookings(rq, rs);
	wh_hosts_sessions(rq, rs, &h);
	wh_hosts_waits(rq, rs, &h);
	wh_hosts_follow_up(rq, rs, &h);
	h_printf(b, "<p><a class=\"button\" href=\"/api/v1/newcomers/stats.csv\">%s</a></p>", tr(L, "Funders' statistics (CSV)"));
	wh_hosts_interviews(rq, rs, &h, which == 3 ? form_in : NULL, which == 3 ? err : NULL);
	wh_hosts_forms(rq, rs, &h, form_in, err, which);
	hosts_scopes_free(&h);
	page_end(rq, rs);
	return true;
}

const route web_hosp_hosts_routes[] = {
	{HTTP_GET, "/hosts", web_hosts, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/hosts/sessions", web_hosts_session, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/hosts/newcomers", web_hosts_newcomer, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/hosts/digest", web_hosts_digest, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/hosts/interview-slots", web_hosts_islot, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/interview-slots/{id}/delete", web_islot_delete, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/bookings/{id}/approve", web_booking_approve, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/bookings/{id}/refuse", web_booking_refuse, ROUTE_PAGE | ROUTE_AUTH},
	{0, NULL, NULL, 0},
};
