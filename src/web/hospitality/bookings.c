/*
 * bookings.c — "My bookings" (/bookings): the person's bookings and
 * waits, paged, with their calendar feeds; cancelling, checking in,
 * accepting an offered wait and moving a booking (409 when the new slot
 * is taken).
 */
#include "web/hospitality/web_hospitality_internal.h"
#include "web/table.h"

static void wh_bookings_page(request *rq, response *rs, const char *new_feed_url);

static void web_bookings(request *rq, response *rs)
{
	wh_bookings_page(rq, rs, NULL);
}

/* POST /calendar-feeds — a new secret link to my calendar, shown once */
static void web_feed_create(request *rq, response *rs)
{
	bg_error err;
	char token[80];
	int64_t id;
	if (db_begin(rq->db, DB_WRITE, &err) != BG_OK ||
	    hcal_feed_create(rq->db, rq->person_id, "person", 0, token, sizeof token, &id, &err) != BG_OK ||
	    db_commit(rq->db, &err) != BG_OK) {
		page_fail(rq, rs, &err);
		return;
	}
	wh_bookings_page(rq, rs, arena_printf(&rq->arena, "%s/calendar.ics?token=%s", rq_base_url(rq), token));
}

/* POST /calendar-feeds/{id}/revoke */
static void web_feed_revoke(request *rq, response *rs)
{
	bg_error err;
	bg_status st = web_begin(rq, BG_OK, &err);
	if (st == BG_OK)
		st = hcal_feed_revoke(rq->db, rq->person_id, rq_param_id(rq, 0), &err);
	web_finish(rq, rs, st, &err, "/bookings", WEB_BUTTON);
}

static void wh_bookings_page(request *rq, response *rs, const char *new_feed_url)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
	int page = page_number(rq);
	int64_t now = date_now(), total = 0;
	booking_mine_row *r = NULL;
	size_t n = 0;
	bg_error err;
	if (booking_list_mine(rq->db, &rq->arena, rq->person_id, now, true, BOOKINGS_PER_PAGE,
			      (int64_t)(page - 1) * BOOKINGS_PER_PAGE, &r, &n, &total, &err) != BG_OK) {
		page_fail(rq, rs, &err);
		return;
	}
	page_begin(rq, rs, tr(L, "My bookings"));
	wh_subnav(rq, rs);
	h_printf(b, "<h1>%s</h1>", tr(L, "My bookings"));
	if (rq_query(rq, "booked"))
		h_printf(b, "<div class=\"notice\" role=\"status\"><p>%s</p></div>", tr(L, "Your booking is saved."));
	if (rq_query(rq, "cancelled"))
		h_printf(b, "<div class=\"notice\" role=\"status\"><p>%s</p></div>", tr(L, "Your booking is cancelled."));
	h_printf(b, "<p role=\"status\" class=\"count\">%s</p>",
		 arena_printf(&rq->arena, trn(L, "%s booking to come", "%s bookings to come", (long)total), web_net_int(rq, total)));
	table t;
	table_with(&t, b, (const char *[]){tr(L, "When"), tr(L, "Resource"), tr(L, "Place"), tr(L, "Status"),
					   "", NULL});
	for (size_t i = 0; i < n; i++) {
		const booking_mine_row *k = &r[i];
		table_row(&t);
		table_cell(&t);
		wh_when(rq, b, k->timezone, k->starts_at);
		h_printf(b, " – ");
		buf e;
		buf_init(&e);
		wh_hhmm(&e, k->timezone, k->ends_at);
		h_text(b, e.data);
		buf_free(&e);
		bool pending = strcmp(k->status, "pending") == 0;
		table_cell_text(&t, k->resource);
		table_cell(&t);
		h_printf(b, "<a href=\"/places/%lld\">%s</a>", (long long)k->place_id, k->place);
		table_cell_text(&t, pending ? tr(L, "awaiting approval") : tr(L, "confirmed"));
		table_cell(&t);
		if (k->checkin_release_min && !k->checked_in && !pending &&
		    booking_check_in_open(k->starts_at, k->ends_at, now)) {
			h_printf(b, "<form method=\"post\" action=\"/bookings/%lld/check-in\" class=\"inline\">", (long long)k->id);
			page_csrf_field(rq, rs);
			h_printf(b, "<button type=\"submit\" class=\"link\">%s</button></form> ", tr(L, "Check in"));
		}
		h_printf(b, "<a href=\"/bookings/%lld/move\">%s</a> ", (long long)k->id, tr(L, "Move"));
		h_printf(b, "<form method=\"post\" action=\"/bookings/%lld/cancel\" class=\"inline\">", (long long)k->id);
		page_csrf_field(rq, rs);
		h_printf(b, "<button type=\"submit\" class=\"link\">%s</button></form>", tr(L, "Cancel"));
	}
	if (!n) {
		table_empty(&t);
		h_printf(b, "%s <a href=\"/places\">%s</a>", tr(L, "No booking to come."), tr(L, "Find a place"));
	}
	table_end(&t);
	page_pager(rq, rs, "/bookings", "", page, total, BOOKINGS_PER_PAGE);
	booking_wait_row *w = NULL;
	size_t nw = 0;
	bg_error werr;
	if (booking_wait_list_mine(rq->db, &rq->arena, rq->person_id, &w, &nw, &werr) != BG_OK) {
		page_fail(rq, rs, &werr);
		return;
	}
	size_t k = 0;
	for (; k < nw; k++) {
		if (!k)
			h_printf(b, "<h2>%s</h2><ul>", tr(L, "Waiting lists"));
		h_printf(b, "<li>%s, ", w[k].resource);
		wh_when(rq, b, w[k].timezone, w[k].starts_at);
		if (strcmp(w[k].status, "offered") == 0) {
			h_printf(b, " — <strong>%s</strong> <form method=\"post\" action=\"/waits/%lld/accept\" class=\"inline\">",
				 tr(L, "free for you now"), (long long)w[k].id);
			page_csrf_field(rq, rs);
			h_printf(b, "<button type=\"submit\">%s</button></form>", tr(L, "Take it"));
		} else {
			h_printf(b, " — %s", tr(L, "waiting"));
		}
		h_printf(b, "</li>");
	}
	if (k)
		h_printf(b, "</ul>");
	/* calendar links */
	h_printf(b, "<h2>%s</h2><p>%s</p>", tr(L, "My calendar"),
		 tr(L, "Subscribe to your bookings and sessions from your calendar application with a secret link."));
	if (!wh_feed_links(rq, rs, new_feed_url, "person", 0, "feeds", "/calendar-feeds"))
		return;
	h_printf(b, "<form method=\"post\" action=\"/calendar-feeds\">");
	page_csrf_field(rq, rs);
	h_printf(b, "<button type=\"submit\">%s</button></form>", tr(L, "Create a calendar link"));
	page_end(rq, rs);
}

/* POST /bookings/{id}/cancel, /bookings/{id}/check-in, /waits/{id}/accept */
static void wh_booking_post(request *rq, response *rs, int what)
{
	bg_error err;
	int64_t id = rq_param_id(rq, 0), bid;
	bg_status st = web_begin(rq, BG_OK, &err);
	if (st == BG_OK)
		st = what == 0	 ? booking_cancel(rq->db, rq->person_id, id, rq_base_url(rq), &err)
		     : what == 1 ? booking_check_in(rq->db, rq->person_id, id, &err)
				 : booking_accept_offer(rq->db, rq->person_id, id, &bid, &err);
	web_finish(rq, rs, st, &err, what == 0 ? "/bookings?cancelled=1" : "/bookings?booked=1", WEB_MAIL | WEB_BUTTON);
}
static void web_booking_cancel(request *rq, response *rs) { wh_booking_post(rq, rs, 0); }
static void web_booking_check_in(request *rq, response *rs) { wh_booking_post(rq, rs, 1); }
static void web_wait_accept(request *rq, response *rs) { wh_booking_post(rq, rs, 2); }

/* The form to move a booking: same resource, another day or time. */
static void wh_move_page(request *rq, response *rs, int64_t id, const char *day_in, const char *from_in,
			 const char *to_in, const bg_error *err, const booking_clash *clash)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
	int64_t rid = 0, starts = 0, ends = 0;
	resource r;
	place p;
	bg_error e2;
	bg_status st = booking_get_mine(rq->db, rq->person_id, id, true, &rid, &starts, &ends, &e2);
	if (st == BG_ERR_DB) {
		page_fail(rq, rs, &e2);
		return;
	}
	if (st != BG_OK || resource_get(rq->db, rq->person_id, rid, &r, &e2) != BG_OK ||
	    place_get(rq->db, rq->person_id, r.place_id, &p, &e2) != BG_OK) {
		bg_error_set(&e2, BG_ERR_NOT_FOUND, "not_found", NULL, N_("This booking does not exist."));
		page_error(rq, rs, &e2);
		return;
	}
	int64_t day;
	int minute, y, m, d;
	tz_utc_to_local(p.timezone, starts, &day, &minute);
	date_from_days(day, &y, &m, &d);
	char ds[32];
	snprintf(ds, sizeof ds, "%04d-%02d-%02d", y, m, d);
	buf f, t;
	buf_init(&f);
	buf_init(&t);
	wh_hhmm(&f, p.timezone, starts);
	wh_hhmm(&t, p.timezone, ends);
	page_begin(rq, rs, tr(L, "Move a booking"));
	wh_subnav(rq, rs);
	h_printf(b, "<div class=\"narrow\"><h1>%s</h1><p class=\"lead\">%s — %s</p>", tr(L, "Move a booking"), r.name, p.name);
	page_error_summary(rq, rs, err);
	if (clash && clash->resource_id) {
		h_printf(b, "<p class=\"alert\" role=\"alert\">%s ", tr(L, "Taken from"));
		wh_when(rq, b, p.timezone, clash->starts_at);
		h_printf(b, " %s ", tr(L, "to"));
		wh_when(rq, b, p.timezone, clash->ends_at);
		h_printf(b, "</p>");
	}
	h_printf(b, "<form method=\"post\" action=\"/bookings/%lld/move\" novalidate>", (long long)id);
	page_csrf_field(rq, rs);
	page_input(rq, rs, "day", tr(L, "Day"), "date", day_in ? day_in : ds, NULL, err);
	page_input(rq, rs, "starts_at", tr(L, "From (local time)"), "time", from_in ? from_in : f.data, NULL, err);
	page_input(rq, rs, "ends_at", tr(L, "To (local time)"), "time", to_in ? to_in : t.data, NULL, err);
	h_printf(b, "<button type=\"submit\">%s</button></form></div>", tr(L, "Move"));
	buf_free(&f);
	buf_free(&t);
	page_end(rq, rs);
}

static void web_booking_move(request *rq, response *rs)
{
	wh_move_page(rq, rs, rq_param_id(rq, 0), NULL, NULL, NULL, NULL, NULL);
}

/* POST /bookings/{id}/move */
static void web_booking_move_post(request *rq, response *rs)
{
	bg_error err;
	const form *f = page_form(rq, rs);
	if (!f)
		return;
	int64_t id = rq_param_id(rq, 0), rid = 0, s = 0, e = 0, was_s, was_e;
	const char *day = form_get(f, "day"), *from = form_get(f, "starts_at"), *to = form_get(f, "ends_at");
	bg_status found = booking_get_mine(rq->db, rq->person_id, id, false, &rid, &was_s, &was_e, &err);
	if (found == BG_ERR_DB) {
		page_fail(rq, rs, &err);
		return;
	}
	resource r;
	place p;
	booking_clash clash = {0};
	char s1[40], s2[40];
	snprintf(s1, sizeof s1, "%.10sT%.5s", day ? day : "", from ? from : "");
	snprintf(s2, sizeof s2, "%.10sT%.5s", day ? day : "", to ? to : "");
	if (found != BG_OK || resource_get(rq->db, rq->person_id, rid, &r, &err) != BG_OK ||
	    place_get(rq->db, rq->person_id, r.place_id, &p, &err) != BG_OK) {
		bg_error_set(&err, BG_ERR_NOT_FOUND, "not_found", NULL, N_("This booking does not exist."));
		page_error(rq, rs, &err);
		return;
	}
	bg_status st = !hosp_parse_instant(s1, p.timezone, &s)
			       ? bg_fail(&err, BG_ERR_INVALID, "invalid_time", "starts_at", N_("Give a day and a time."))
		       : !hosp_parse_instant(s2, p.timezone, &e)
			       ? bg_fail(&err, BG_ERR_INVALID, "invalid_time", "ends_at", N_("Give a day and a time."))
			       : BG_OK;
	st = web_begin(rq, st, &err);
	if (st == BG_OK)
		st = booking_move(rq->db, rq->person_id, id, s, e, rq_base_url(rq), &clash, &err);
	if (web_finish(rq, rs, st, &err, "/bookings?booked=1", WEB_MAIL | WEB_409))
		wh_move_page(rq, rs, id, day, from, to, &err, &clash);
}

const route web_hosp_bookings_routes[] = {
	{HTTP_GET, "/bookings", web_bookings, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/bookings/{id}/cancel", web_booking_cancel, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_GET, "/bookings/{id}/move", web_booking_move, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/bookings/{id}/move", web_booking_move_post, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/bookings/{id}/check-in", web_booking_check_in, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/waits/{id}/accept", web_wait_accept, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/calendar-feeds", web_feed_create, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/calendar-feeds/{id}/revoke", web_feed_revoke, ROUTE_PAGE | ROUTE_AUTH},
	{0, NULL, NULL, 0},
};
