/*
 * place.c — a place's page (/places/{id}): its week or month of free
 * slots per resource, the booking form (409 with the clash when a slot is
 * taken), and the place's calendar feeds; posting a booking, creating and
 * revoking a feed.
 */
#include "web/hospitality/web_hospitality_internal.h"

/* Free intervals collected for the week table. */
typedef struct slot_list {
	arena *a;
	struct slot { int64_t rid, s, e; } *v;
	int n, cap;
} slot_list;

static void wh_slot_emit(void *arg, const resource *r, int64_t s, int64_t e)
{
	slot_list *l = arg;
	if (l->n == l->cap) {
		int cap = l->cap ? 2 * l->cap : 64;
		struct slot *v = arena_alloc(l->a, sizeof *v * (size_t)cap);
		if (l->n)
			memcpy(v, l->v, sizeof *v * (size_t)l->n);
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = (struct slot){r->id, s, e};
}

/* The week of free slots: a row per resource (res, nres: the place's live
 * resources), a column per day; false when the error page was answered
 * instead (the free slots could not be read). */
static bool wh_week_table(request *rq, response *rs, const place *p, const resource *res, size_t nres, int64_t day)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
	static const char *const wd[] = {N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun")};
	slot_list l = {.a = &rq->arena};
	bg_error err;
	if (place_availability(rq->db, rq->person_id, p->id, tz_local_to_utc(p->timezone, day, 0),
			       tz_local_to_utc(p->timezone, day + 7, 0), wh_slot_emit, &l, &err) != BG_OK) {
		page_fail(rq, rs, &err);
		return false;
	}
	h_printf(b, "<div class=\"scroll\"><table class=\"slots\"><thead><tr><th scope=\"col\">%s</th>", tr(L, "Resource"));
	for (int k = 0; k < 7; k++) {
		int y, m, d;
		date_from_days(day + k, &y, &m, &d);
		char head[32];
		snprintf(head, sizeof head, strcmp(L, "en") == 0 ? "%02d-%02d" : "%02d/%02d", strcmp(L, "en") == 0 ? m : d,
			 strcmp(L, "en") == 0 ? d : m);
		h_printf(b, "<th scope=\"col\">%s %s</th>", tr(L, wd[(((day + k) % 7) + 7 + 3) % 7]), head);
	}
	h_printf(b, "</tr></thead><tbody>");
	for (size_t ri = 0; ri < nres; ri++) {
		int64_t rid = res[ri].id;
		h_printf(b, "<tr><th scope=\"row\">%s <small>(%s)</small></th>", res[ri].name, wh_kind(rq, res[ri].kind));
		for (int k = 0; k < 7; k++) {
			h_printf(b, "<td>");
			int shown = 0;
			for (int i = 0; i < l.n; i++) {
				int64_t dd;
				int minute;
				if (l.v[i].rid != rid)
					continue;
				tz_utc_to_local(p->timezone, l.v[i].s, &dd, &minute);
				if (dd != day + k)
					continue;
				buf t;
				buf_init(&t);
				wh_hhmm(&t, p->timezone, l.v[i].s);
				buf_puts(&t, "–");
				wh_hhmm(&t, p->timezone, l.v[i].e);
				h_printf(b, "<span class=\"slot\">%s</span> ", t.data);
				buf_free(&t);
				shown++;
			}
			if (!shown)
				h_printf(b, "<span class=\"muted\">—</span>");
			h_printf(b, "</td>");
		}
		h_printf(b, "</tr>");
	}
	h_printf(b, "</tbody></table></div>");
	return true;
}

/* A month of free slots: a calendar grid (a row per week, Monday first),
 * each day telling how many resources have free time and how many hours
 * in all, linking to the week from that day; false when the error page
 * was answered instead. */
static bool wh_month_table(request *rq, response *rs, const place *p, int y, int m)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
	static const char *const wd[] = {N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun")};
	int64_t first = date_to_days(y, m, 1);
	int ndays = date_days_in_month(y, m);
	slot_list l = {.a = &rq->arena};
	bg_error err;
	if (place_availability(rq->db, rq->person_id, p->id, tz_local_to_utc(p->timezone, first, 0),
			       tz_local_to_utc(p->timezone, first + ndays, 0), wh_slot_emit, &l, &err) != BG_OK) {
		page_fail(rq, rs, &err);
		return false;
	}
	int64_t today;
	int now_minute;
	tz_utc_to_local(p->timezone, date_now(), &today, &now_minute);
	int64_t minutes[31] = {0};
	int resources[31] = {0};
	/* the local day of each free interval, once (libical is behind a lock) */
	int64_t *day_of = arena_alloc(&rq->arena, sizeof *day_of * (size_t)(l.n ? l.n : 1));
	for (int i = 0; i < l.n; i++) {
		int minute;
		tz_utc_to_local(p->timezone, l.v[i].s, &day_of[i], &minute);
	}
	for (int i = 0; i < l.n; i++) {
		int64_t dd = day_of[i];
		if (dd < first || dd >= first + ndays)
			continue;
		int k = (int)(dd - first);
		minutes[k] += (l.v[i].e - l.v[i].s) / 60;
		bool seen = false;
		for (int j = 0; j < i && !seen; j++)
			seen = l.v[j].rid == l.v[i].rid && day_of[j] == dd;
		resources[k] += !seen;
	}
	static const char *const months[] = {N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"),
		N_("July"), N_("August"), N_("September"), N_("October"), N_("November"), N_("December")};
	h_printf(b, "<table class=\"month\"><caption>%s %d</caption><thead><tr>", tr(L, months[m - 1]), y);
	for (int k = 0; k < 7; k++)
		h_printf(b, "<th scope=\"col\">%s</th>", tr(L, wd[k]));
	h_printf(b, "</tr></thead><tbody><tr>");
	int lead = (int)(((first % 7) + 7 + 3) % 7); /* 1970-01-01 was a Thursday */
	for (int k = 0; k < lead; k++)
		h_printf(b, "<td class=\"other\"></td>");
	for (int k = 0; k < ndays; k++) {
		if ((lead + k) % 7 == 0 && k)
			h_printf(b, "</tr><tr>");
		h_printf(b, "<td><a class=\"daynum\" href=\"/places/%lld?day=%04d-%02d-%02d#free\">%d</a>", (long long)p->id, y, m,
			 k + 1, k + 1);
		int ranges[8][2];
		if (first + k < today)
			h_printf(b, "<span class=\"full\">%s</span>", tr(L, "past"));
		else if (place_day_ranges(rq->db, p, first + k, ranges, 8) == 0)
			h_printf(b, "<span class=\"full\">%s</span>", tr(L, "closed"));
		else if (resources[k])
			h_printf(b, "<span class=\"free\">%s</span>",
				 arena_printf(&rq->arena, tr(L, "%d free, %lld h"), resources[k], (long long)(minutes[k] / 60)));
		else
			h_printf(b, "<span class=\"full\">%s</span>", tr(L, "nothing free"));
		h_printf(b, "</td>");
	}
	for (int k = (lead + ndays) % 7; k && k < 7; k++)
		h_printf(b, "<td class=\"other\"></td>");
	h_printf(b, "</tr></tbody></table>");
	return true;
}

/* A calendar link just made (shown once), then the person's own links of
 * a kind ("person", or "place" with its target, hcal_feed_list), each with
 * its revoke button posting to <revoke_base>/<id>/revoke; false when the
 * list could not be read (the error page is answered). */
bool wh_feed_links(request *rq, response *rs, const char *new_url, const char *kind, int64_t target_id,
		   const char *ul_class, const char *revoke_base)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
	hcal_feed_row *f = NULL;
	size_t n = 0;
	bg_error err;
	if (hcal_feed_list(rq->db, &rq->arena, rq->person_id, kind, target_id, &f, &n, &err) != BG_OK) {
		page_fail(rq, rs, &err);
		return false;
	}
	if (new_url)
		h_printf(b, "<div class=\"notice\" role=\"status\"><p>%s</p><p><code class=\"feed\">%s</code></p></div>",
			 tr(L, "Your new link (shown only now: copy it):"), new_url);
	for (size_t k = 0; k < n; k++) {
		if (!k)
			h_printf(b, "<ul class=\"%s\">", ul_class);
		h_printf(b, "<li>%s ", tr(L, "Link created on"));
		buf t;
		buf_init(&t);
		tz_format_day(TZ_GROUP, f[k].created_at, &t, L);
		h_text(b, t.data);
		buf_free(&t);
		h_printf(b, " <form method=\"post\" action=\"%s/%lld/revoke\" class=\"inline\">", revoke_base,
			 (long long)f[k].id);
		page_csrf_field(rq, rs);
		h_printf(b, "<button type=\"submit\" class=\"link\">%s</button></form></li>", tr(L, "Revoke"));
	}
	if (n)
		h_printf(b, "</ul>");
	return true;
}

/* The calendar links of a place, for those who manage it: the links they
 * made (each revocable), a button for a new one, and the new link when
 * one was just made (shown once: only its hash is kept); false when the
 * error page was answered instead. */
static bool wh_place_feeds(request *rq, response *rs, const place *p, const char *feed_url)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
	h_printf(b, "<h2 id=\"calendar\">%s</h2><p>%s</p>", tr(L, "Calendar link for this place"),
		 tr(L, "A secret link to follow this place's bookings from a calendar application. Revoke it when it has leaked."));
	if (!wh_feed_links(rq, rs, feed_url, "place", p->id, "place-feeds",
			   arena_printf(&rq->arena, "/places/%lld/calendar-feeds", (long long)p->id)))
		return false;
	h_printf(b, "<form method=\"post\" action=\"/places/%lld/calendar-feed\">", (long long)p->id);
	page_csrf_field(rq, rs);
	h_printf(b, "<button type=\"submit\">%s</button></form>", tr(L, "Create a calendar link"));
	return true;
}

/* The place page: details, free slots of a day, booking form; for its
 * managers, the calendar links (feed_url: the one just made, or NULL). */
static void wh_place_page(request *rq, response *rs, int64_t id, const char *day_in, const char *rid_in,
			  const char *from_in, const char *to_in, const bg_error *err, const booking_clash *clash,
			  const char *feed_url)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
	place p;
	bg_error e2;
	if (place_get(rq->db, rq->person_id, id, &p, &e2) != BG_OK) {
		bg_error_set(&e2, BG_ERR_NOT_FOUND, "not_found", NULL, N_("This place does not exist."));
		page_error(rq, rs, &e2);
		return;
	}
	int y, m, d;
	int64_t day;
	if (day_in && date_parse(day_in, &y, &m, &d)) {
		day = date_to_days(y, m, d);
	} else {
		int minute;
		tz_utc_to_local(p.timezone, date_now(), &day, &minute);
	}
	date_from_days(day, &y, &m, &d);
	char ds[32];
	snprintf(ds, sizeof ds, "%04d-%02d-%02d", y, m, d);
	resource *res = NULL;
	size_t nres = 0;
	place_hours hours[7 * HOSP_HOURS_MAX_PER_DAY];
	int nhours = 0;
	if (place_hours_get(rq->db, rq->person_id, p.id, hours, 7 * HOSP_HOURS_MAX_PER_DAY, &nhours, &e2) != BG_OK ||
	    resource_list(rq->db, &rq->arena, rq->person_id, p.id, &res, &nres, &e2) != BG_OK) {
		page_fail(rq, rs, &e2);
		return;
	}
	page_begin(rq, rs, p.name);
	wh_subnav(rq, rs);
	h_printf(b, "<h1>%s</h1><p class=\"lead\">%s, %s %s</p>", p.name, p.address, p.postcode, p.city);
	hosp_file photo;
	if (place_photo_read(rq->db, rq->person_id, p.id, false, &photo, &e2) == BG_OK)
		h_printf(b, "<img class=\"place-photo\" src=\"/api/v1/places/%lld/photo\" alt=\"%s\">", (long long)p.id,
			 photo.filename);
	buf_free(&photo.data);
	bool manager = place_may_manage(rq->db, rq->person_id, &p, &e2) == BG_OK;
	if (manager)
		h_printf(b, "<p><a href=\"/places/%lld/manage\">%s</a> · <a href=\"#calendar\">%s</a></p>", (long long)p.id,
			 tr(L, "Manage this place"), tr(L, "Calendar link for this place"));
	if (p.accessibility[0])
		h_printf(b, "<p><strong>%s</strong> %s</p>", tr(L, "Accessibility:"), p.accessibility);
	h_printf(b, "<h2>%s</h2><table><tbody>", tr(L, "Opening hours"));
	for (int w = 1; w <= 7; w++) {
		h_printf(b, "<tr><th scope=\"row\">%s</th><td>", tr(L, wh_weekdays[w - 1]));
		int k = 0;
		buf t;
		buf_init(&t);
		for (int i = 0; i < nhours; i++)
			if (hours[i].weekday == w)
				buf_printf(&t, "%s%02d:%02d–%02d:%02d", k++ ? ", " : "", hours[i].opens / 60, hours[i].opens % 60,
					   hours[i].closes / 60, hours[i].closes % 60);
		h_text(b, t.data ? t.data : "");
		buf_free(&t);
		if (!k)
			h_printf(b, "%s", tr(L, "closed"));
		h_printf(b, "</td></tr>");
	}
	h_printf(b, "</tbody></table>");
	/* free slots of the week from the chosen day, or of its month */
	const char *view = rq_query(rq, "view");
	bool month_view = view && strcmp(view, "month") == 0;
	h_printf(b, "<h2 id=\"free\">%s</h2><form method=\"get\" action=\"/places/%lld#free\" class=\"filters\">"
		    "<div class=\"field\"><label for=\"f-show\">%s</label><input id=\"f-show\" type=\"date\" name=\"day\" value=\"%s\"></div>"
		    "<div class=\"field\">",
		 tr(L, "Free slots"), (long long)p.id, tr(L, "From"), ds);
	if (month_view)
		h_printf(b, "<input type=\"hidden\" name=\"view\" value=\"month\">");
	h_printf(b, "<button type=\"submit\">%s</button></div></form>", tr(L, "Show"));
	h_printf(b, "<p class=\"views\">%s <a href=\"/places/%lld?day=%s#free\"", tr(L, "Show:"), (long long)p.id, ds);
	if (!month_view)
		h_printf(b, " aria-current=\"page\"");
	h_printf(b, ">%s</a> · <a href=\"/places/%lld?view=month&amp;day=%s#free\"", tr(L, "a week"), (long long)p.id, ds);
	if (month_view)
		h_printf(b, " aria-current=\"page\"");
	h_printf(b, ">%s</a></p>", tr(L, "a month"));
	if (month_view) {
		if (!wh_month_table(rq, rs, &p, y, m))
			return;
		int py = m == 1 ? y - 1 : y, pm = m == 1 ? 12 : m - 1, ny = m == 12 ? y + 1 : y, nm = m == 12 ? 1 : m + 1;
		h_printf(b, "<p><a href=\"/places/%lld?view=month&amp;day=%04d-%02d-01#free\">← %s</a> · "
			    "<a href=\"/places/%lld?view=month&amp;day=%04d-%02d-01#free\">%s →</a></p>",
			 (long long)p.id, py, pm, tr(L, "Previous month"), (long long)p.id, ny, nm, tr(L, "Next month"));
	} else {
		if (!wh_week_table(rq, rs, &p, res, nres, day))
			return;
		int py, pm, pd, ny, nm, nd;
		date_from_days(day - 7, &py, &pm, &pd);
		date_from_days(day + 7, &ny, &nm, &nd);
		char prev[32], next[32];
		snprintf(prev, sizeof prev, "%04d-%02d-%02d", py, pm, pd);
		snprintf(next, sizeof next, "%04d-%02d-%02d", ny, nm, nd);
		h_printf(b, "<p><a href=\"/places/%lld?day=%s#free\">← %s</a> · <a href=\"/places/%lld?day=%s#free\">%s →</a></p>",
			 (long long)p.id, prev, tr(L, "Previous week"), (long long)p.id, next, tr(L, "Next week"));
	}
	/* booking form */
	h_printf(b, "<h2 id=\"book\">%s</h2>", tr(L, "Book"));
	page_error_summary(rq, rs, err);
	if (clash && clash->resource_id) {
		h_printf(b, "<p class=\"alert\" role=\"alert\">%s ", tr(L, "Taken from"));
		wh_when(rq, b, p.timezone, clash->starts_at);
		h_printf(b, " %s ", tr(L, "to"));
		wh_when(rq, b, p.timezone, clash->ends_at);
		h_printf(b, "</p>");
	}
	h_printf(b, "<form method=\"post\" action=\"/places/%lld/book\" novalidate>", (long long)p.id);
	page_csrf_field(rq, rs);
	widget_select_begin(rq, rs, &(widget){.name = "resource_id", .label = tr(L, "Resource"), .err = err});
	for (size_t ri = 0; ri < nres; ri++) {
		char idtxt[24];
		snprintf(idtxt, sizeof idtxt, "%lld", (long long)res[ri].id);
		widget_option(rs, idtxt,
			      arena_printf(&rq->arena, "%s%s (%s)", res[ri].parent_id ? "— " : "", res[ri].name,
					   wh_kind(rq, res[ri].kind)),
			      rid_in && strcmp(rid_in, idtxt) == 0);
	}
	widget_select_end(rs);
	page_input(rq, rs, "day", tr(L, "Day"), "date", day_in ? day_in : ds, NULL, err);
	page_input(rq, rs, "starts_at", tr(L, "From (local time)"), "time", from_in ? from_in : "09:00", NULL, err);
	page_input(rq, rs, "ends_at", tr(L, "To (local time)"), "time", to_in ? to_in : "10:00", NULL, err);
	h_printf(b, "<button type=\"submit\">%s</button></form>", tr(L, "Book this slot"));
	if (manager && !wh_place_feeds(rq, rs, &p, feed_url))
		return;
	page_end(rq, rs);
}

static void web_place(request *rq, response *rs)
{
	wh_place_page(rq, rs, rq_param_id(rq, 0), rq_query(rq, "day"), NULL, NULL, NULL, NULL, NULL, NULL);
}

/* POST /places/{id}/calendar-feed — a secret link to the place's calendar,
 * for those who manage it (the domain refuses the others). */
static void web_place_feed(request *rq, response *rs)
{
	bg_error err;
	char token[80];
	int64_t id, place_id = rq_param_id(rq, 0);
	if (db_begin(rq->db, DB_WRITE, &err) != BG_OK)
		goto fail;
	if (hcal_feed_create(rq->db, rq->person_id, "place", place_id, token, sizeof token, &id, &err) != BG_OK ||
	    db_commit(rq->db, &err) != BG_OK) {
		db_rollback(rq->db);
		goto fail;
	}
	wh_place_page(rq, rs, place_id, NULL, NULL, NULL, NULL, NULL, NULL,
		      arena_printf(&rq->arena, "%s/calendar.ics?token=%s", rq_base_url(rq), token));
	return;
fail:
	page_fail(rq, rs, &err);
}

/* POST /places/{id}/calendar-feeds/{feed}/revoke — one's own link of the place */
static void web_place_feed_revoke(request *rq, response *rs)
{
	bg_error err;
	int64_t place_id = rq_param_id(rq, 0);
	bg_status st = web_begin(rq, BG_OK, &err);
	if (st == BG_OK)
		st = hcal_feed_revoke(rq->db, rq->person_id, rq_param_id(rq, 1), &err);
	web_finish(rq, rs, st, &err, arena_printf(&rq->arena, "/places/%lld#calendar", (long long)place_id), WEB_BUTTON);
}

/* POST /places/{id}/book */
static void web_place_book(request *rq, response *rs)
{
	bg_error err;
	const form *f = page_form(rq, rs);
	if (!f)
		return;
	const char *rid = form_get(f, "resource_id"), *day = form_get(f, "day");
	const char *from = form_get(f, "starts_at"), *to = form_get(f, "ends_at");
	booking_input in = {.resource_id = rid ? atoll(rid) : 0, .base_url = rq_base_url(rq)};
	booking_clash clash = {0};
	resource r;
	place p;
	char s1[40], s2[40];
	snprintf(s1, sizeof s1, "%.10sT%.5s", day ? day : "", from ? from : "");
	snprintf(s2, sizeof s2, "%.10sT%.5s", day ? day : "", to ? to : "");
	int64_t id = 0;
	if (resource_get(rq->db, rq->person_id, in.resource_id, &r, &err) != BG_OK ||
	    r.place_id != rq_param_id(rq, 0) ||
	    place_get(rq->db, rq->person_id, r.place_id, &p, &err) != BG_OK) {
		bg_error_set(&err, BG_ERR_INVALID, "missing_field", "resource_id", N_("Choose a resource."));
	} else if (!hosp_parse_instant(s1, p.timezone, &in.starts_at)) {
		bg_error_set(&err, BG_ERR_INVALID, "invalid_time", "starts_at", N_("Give a day and a time."));
	} else if (!hosp_parse_instant(s2, p.timezone, &in.ends_at)) {
		bg_error_set(&err, BG_ERR_INVALID, "invalid_time", "ends_at", N_("Give a day and a time."));
	} else if (db_begin(rq->db, DB_WRITE, &err) == BG_OK) {
		if (booking_create(rq->db, rq->person_id, &in, &id, &clash, &err) == BG_OK &&
		    db_commit(rq->db, &err) == BG_OK) {
			rq_kick_mailer(rq);
			rs_redirect(rq, rs, arena_printf(&rq->arena, "/bookings?booked=%lld", (long long)id));
			return;
		}
		db_rollback(rq->db);
	}
	wh_place_page(rq, rs, rq_param_id(rq, 0), day, rid, from, to, &err, &clash, NULL);
	rs->status = err.status == BG_ERR_CONFLICT ? 409 : err.status == BG_ERR_FORBIDDEN ? 403 : 422;
}

const route web_hosp_place_routes[] = {
	{HTTP_GET, "/places/{id}", web_place, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/places/{id}/book", web_place_book, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/places/{id}/calendar-feed", web_place_feed, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/places/{id}/calendar-feeds/{id}/revoke", web_place_feed_revoke, ROUTE_PAGE | ROUTE_AUTH},
	{0, NULL, NULL, 0},
};
