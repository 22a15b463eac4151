/*
 * manage.c — the management page of a place (/places/{id}/manage): its
 * photo and alternative text, its position on the map, its details,
 * weekly hours, exceptions and closures, resources and archiving.  Each
 * form may come back with what was typed and the error next to its field
 * (manage_back); the forms are handled in edits.c.
 */
#include "web/hospitality/web_hospitality_internal.h"

/* A coordinate's input on the management page, optional, described by
 * the form's hint and, when err names it, the message next to it. */
static void wh_coord_input(request *rq, response *rs, const char *name, const char *label, const char *value,
			   const bg_error *err)
{
	widget w = {.name = name, .label = label, .value = value, .err = err, .inputmode = "decimal",
		    .autocomplete = "off", .described_by = "h-position"};
	widget_input(rq, rs, "text", &w);
}

/* The position form of the management page: the place's own latitude and
 * longitude (typed values and the error when it comes back). */
static void wh_position_form(request *rq, response *rs, const place *p, const char *lat_in, const char *lon_in,
			     const bg_error *err)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
	char lat[24] = "", lon[24] = "";
	if (p->has_position) {
		geo_format_degrees(lat, sizeof lat, p->latitude_e6);
		geo_format_degrees(lon, sizeof lon, p->longitude_e6);
	}
	geo_department dep;
	h_printf(b, "<h2 id=\"position\">%s</h2>", tr(L, "Position on the map"));
	if (rq_query(rq, "position") && !err)
		h_printf(b, "<div class=\"notice\" role=\"status\"><p>%s</p></div>", tr(L, "The position is saved."));
	page_error_summary(rq, rs, err);
	h_printf(b, "<form method=\"post\" action=\"/places/%lld/position\" novalidate>", (long long)p->id);
	page_csrf_field(rq, rs);
	if (geo_department_of(p->postcode, &dep))
		h_printf(b, "<p class=\"hint\" id=\"h-position\">%s</p>",
			 arena_printf(&rq->arena, tr(L, "In decimal degrees, like 44.8378 and -0.5792. Leave both empty to show the place at the centre of its department (%s)."),
				      dep.name));
	else
		h_printf(b, "<p class=\"hint\" id=\"h-position\">%s</p>",
			 tr(L, "In decimal degrees, like 44.8378 and -0.5792. Without them, the place is listed under the map."));
	h_printf(b, "<div class=\"coords\">");
	wh_coord_input(rq, rs, "latitude", tr(L, "Latitude"), lat_in ? lat_in : lat, err);
	wh_coord_input(rq, rs, "longitude", tr(L, "Longitude"), lon_in ? lon_in : lon, err);
	h_printf(b, "</div><button type=\"submit\">%s</button></form>", tr(L, "Save the position"));
}

/* The error of a form coming back when it is this form. */
static const bg_error *wh_back_err(const manage_back *mb, const char *which, int64_t rid)
{
	return mb && mb->which && strcmp(mb->which, which) == 0 && mb->rid == rid ? mb->err : NULL;
}

/* What was typed in a field of this form coming back, else the value shown. */
static const char *wh_back_value(const manage_back *mb, const char *which, int64_t rid, const char *name,
				 const char *value)
{
	if (mb && mb->f && mb->which && strcmp(mb->which, which) == 0 && mb->rid == rid) {
		const char *v = form_get(mb->f, name);
		return v ? v : "";
	}
	return value;
}

/* A labelled input of an edit form: id f-<prefix><name>, an optional hint,
 * the message next to it when err names it.  type "textarea" writes one. */
static void wh_edit_input(request *rq, response *rs, const char *prefix, const char *name, const char *label,
			  const char *type, const char *value, const char *hint, const bg_error *err)
{
	widget w = {.name = name, .prefix = prefix, .label = label, .hint = hint, .value = value, .err = err};
	if (strcmp(type, "textarea") == 0) {
		widget_textarea(rq, rs, 3, &w);
	} else {
		w.autocomplete = "off";
		widget_input(rq, rs, type, &w);
	}
}

/* A checkbox of an edit form. */
static void wh_edit_check(request *rq, response *rs, const char *prefix, const char *name, const char *label, bool on)
{
	widget_checkbox(rq, rs, on, &(widget){.name = name, .prefix = prefix, .label = label});
}

/* A notice after a saved change (?saved=what). */
static void wh_saved_notice(request *rq, response *rs, const char *what, const char *msgid)
{
	const char *saved = rq_query(rq, "saved");
	if (saved && strcmp(saved, what) == 0)
		h_printf(page_html(rs), "<div class=\"notice\" role=\"status\"><p>%s</p></div>", tr(rq->lang, msgid));
}

/* The details form: name, address, time zone, rules of booking. */
static void wh_details_form(request *rq, response *rs, const place *p, const manage_back *mb)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
	const bg_error *err = wh_back_err(mb, "details", 0);
	char n1[16], n2[16], n3[16];
	snprintf(n1, sizeof n1, "%d", p->cancel_deadline_min);
	snprintf(n2, sizeof n2, "%d", p->checkin_release_min);
	snprintf(n3, sizeof n3, "%d", p->offer_minutes);
	h_printf(b, "<h2 id=\"details\">%s</h2>", tr(L, "Details of the place"));
	wh_saved_notice(rq, rs, "details", N_("The details are saved."));
	page_error_summary(rq, rs, err);
	h_printf(b, "<form method=\"post\" action=\"/places/%lld/details\" novalidate>", (long long)p->id);
	page_csrf_field(rq, rs);
#define V(name, value) wh_back_value(mb, "details", 0, name, value)
	wh_edit_input(rq, rs, "", "name", tr(L, "Name"), "text", V("name", p->name), NULL, err);
	wh_edit_input(rq, rs, "", "address", tr(L, "Address"), "text", V("address", p->address), NULL, err);
	wh_edit_input(rq, rs, "", "postcode", tr(L, "Postcode"), "text", V("postcode", p->postcode), NULL, err);
	wh_edit_input(rq, rs, "", "city", tr(L, "City"), "text", V("city", p->city), NULL, err);
	wh_edit_input(rq, rs, "", "territory", tr(L, "Territory"), "text", V("territory", p->territory), NULL, err);
	wh_edit_input(rq, rs, "", "timezone", tr(L, "Time zone"), "text", V("timezone", p->timezone),
		      tr(L, "A zone name like Europe/Paris or America/Cayenne."), err);
	wh_edit_input(rq, rs, "", "accessibility", tr(L, "Accessibility"), "textarea", V("accessibility", p->accessibility),
		      NULL, err);
	wh_edit_check(rq, rs, "", "restricted", tr(L, "Reserved to the people of its cooperative"),
		      mb && mb->f && wh_back_err(mb, "details", 0) ? form_get(mb->f, "restricted") != NULL : p->restricted);
	wh_edit_input(rq, rs, "", "cancel_deadline_min", tr(L, "Cancellation deadline (minutes before the start)"), "number",
		      V("cancel_deadline_min", n1), NULL, err);
	wh_edit_input(rq, rs, "", "checkin_release_min", tr(L, "Release without check-in after (minutes, 0: never)"), "number",
		      V("checkin_release_min", n2), NULL, err);
	wh_edit_input(rq, rs, "", "offer_minutes", tr(L, "A freed slot is kept for the next one waiting (minutes)"), "number",
		      V("offer_minutes", n3), NULL, err);
#undef V
	h_printf(b, "<button type=\"submit\">%s</button></form>", tr(L, "Save the details"));
}

/* Writes a day's ranges as "09:00-12:00, 14:00-18:00". */
static void wh_hours_text(buf *t, const place_hours *h, int n, int weekday)
{
	int k = 0;
	for (int i = 0; i < n; i++)
		if (h[i].weekday == weekday)
			buf_printf(t, "%s%02d:%02d-%02d:%02d", k++ ? ", " : "", h[i].opens / 60, h[i].opens % 60,
				   h[i].closes / 60, h[i].closes % 60);
}

/* The weekly hours form: one field a day (h, n: the place's hours). */
static void wh_hours_form(request *rq, response *rs, const place *p, const place_hours *h, int n, const manage_back *mb)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
	const bg_error *err = wh_back_err(mb, "hours", 0);
	h_printf(b, "<h2 id=\"hours\">%s</h2>", tr(L, "Weekly opening hours"));
	wh_saved_notice(rq, rs, "hours", N_("The opening hours are saved."));
	page_error_summary(rq, rs, err);
	h_printf(b, "<form method=\"post\" action=\"/places/%lld/hours\" novalidate>", (long long)p->id);
	page_csrf_field(rq, rs);
	h_printf(b, "<p class=\"hint\">%s</p>",
		 tr(L, "One line a day: ranges like 09:00-12:30, 14:00-18:00 (24:00 for midnight); leave it empty when closed."));
	for (int w = 1; w <= 7; w++) {
		char name[16];
		snprintf(name, sizeof name, "h%d", w);
		buf t;
		buf_init(&t);
		wh_hours_text(&t, h, n, w);
		bg_error day_err;
		const bg_error *e = NULL;
		if (err && mb->bad_weekday == w) {
			day_err = *err;
			day_err.field = name;
			e = &day_err;
		}
		wh_edit_input(rq, rs, "", name, tr(L, wh_weekdays[w - 1]), "text",
			      wh_back_value(mb, "hours", 0, name, t.data ? t.data : ""), NULL, e);
		buf_free(&t);
	}
	h_printf(b, "<button type=\"submit\">%s</button></form>", tr(L, "Save the opening hours"));
}

/* The forms adding an exception (other hours one day, or closed) and a
 * closure (a range of days). */
static void wh_rules_forms(request *rq, response *rs, const place *p, const manage_back *mb)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
	const bg_error *err = wh_back_err(mb, "exception", 0);
	h_printf(b, "<h3 id=\"add-exception\">%s</h3>", tr(L, "Other hours one day"));
	page_error_summary(rq, rs, err);
	h_printf(b, "<form method=\"post\" action=\"/places/%lld/exceptions\" novalidate>", (long long)p->id);
	page_csrf_field(rq, rs);
	h_printf(b, "<p class=\"hint\">%s</p><div class=\"coords\">", tr(L, "Leave both hours empty to close the place that day."));
	wh_edit_input(rq, rs, "x-", "day", tr(L, "Day"), "date", wh_back_value(mb, "exception", 0, "day", ""), NULL, err);
	wh_edit_input(rq, rs, "x-", "opens", tr(L, "Opens at"), "time", wh_back_value(mb, "exception", 0, "opens", ""), NULL,
		      err);
	wh_edit_input(rq, rs, "x-", "closes", tr(L, "Closes at"), "time", wh_back_value(mb, "exception", 0, "closes", ""), NULL,
		      err);
	h_printf(b, "</div><button type=\"submit\">%s</button></form>", tr(L, "Add the exception"));
	err = wh_back_err(mb, "closure", 0);
	h_printf(b, "<h3 id=\"add-closure\">%s</h3>", tr(L, "A closure over several days"));
	page_error_summary(rq, rs, err);
	h_printf(b, "<form method=\"post\" action=\"/places/%lld/closures\" novalidate>", (long long)p->id);
	page_csrf_field(rq, rs);
	h_printf(b, "<div class=\"coords\">");
	wh_edit_input(rq, rs, "c-", "first_day", tr(L, "First day"), "date", wh_back_value(mb, "closure", 0, "first_day", ""),
		      NULL, err);
	wh_edit_input(rq, rs, "c-", "last_day", tr(L, "Last day"), "date", wh_back_value(mb, "closure", 0, "last_day", ""), NULL,
		      err);
	h_printf(b, "</div>");
	wh_edit_input(rq, rs, "c-", "reason", tr(L, "Reason (shown to members)"), "text",
		      wh_back_value(mb, "closure", 0, "reason", ""), NULL, err);
	h_printf(b, "<button type=\"submit\">%s</button></form>", tr(L, "Add the closure"));
}

/* The exceptions and closures to come, each with a button removing it,
 * then the forms adding them; false when the error page was answered
 * instead (the lists could not be read). */
static bool wh_rules_list(request *rq, response *rs, const place *p, const manage_back *mb)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
	char today[11];
	tz_day_from_today(TZ_GROUP, -1, today);
	h_printf(b, "<h2 id=\"exceptions\">%s</h2>", tr(L, "Exceptions and closures to come"));
	wh_saved_notice(rq, rs, "removed", N_("Removed."));
	wh_saved_notice(rq, rs, "rule", N_("Added."));
	place_exception *ex = NULL;
	place_closure *cl = NULL;
	size_t nex = 0, ncl = 0;
	bg_error e;
	if (place_exception_list(rq->db, &rq->arena, rq->person_id, p->id, today, &ex, &nex, &e) != BG_OK ||
	    place_closure_list(rq->db, &rq->arena, rq->person_id, p->id, today, &cl, &ncl, &e) != BG_OK) {
		page_fail(rq, rs, &e);
		return false;
	}
	/* both lists by day, merged: a closure before an exception of its first day */
	size_t k = 0;
	for (size_t ie = 0, ic = 0; ie < nex || ic < ncl; k++) {
		bool closure = ic < ncl && (ie == nex || strcmp(cl[ic].first_day, ex[ie].day) <= 0);
		const char *day = closure ? cl[ic].first_day : ex[ie].day;
		int64_t id = closure ? cl[ic].id : ex[ie].id;
		if (!k)
			h_printf(b, "<ul class=\"rules\">");
		h_printf(b, "<li>");
		if (closure) {
			h_textf(b, tr(L, "Closed from %s to %s"), day, cl[ic].last_day);
			if (cl[ic].reason && cl[ic].reason[0])
				h_printf(b, " (%s)", cl[ic].reason);
		} else if (ex[ie].opens == 0 && ex[ie].closes == 0) {
			h_textf(b, tr(L, "Closed on %s"), day);
		} else {
			char range[64];
			snprintf(range, sizeof range, "%02d:%02d-%02d:%02d", ex[ie].opens / 60, ex[ie].opens % 60,
				 ex[ie].closes / 60, ex[ie].closes % 60);
			h_textf(b, tr(L, "On %s: open %s"), day, range);
		}
		h_printf(b, " <form method=\"post\" action=\"/places/%lld/%s/%lld/delete\" class=\"inline\">", (long long)p->id,
			 closure ? "closures" : "exceptions", (long long)id);
		page_csrf_field(rq, rs);
		h_printf(b, "<button type=\"submit\" class=\"link\" aria-label=\"%s\">%s</button></form></li>",
			 arena_printf(&rq->arena, tr(L, "Remove the rule of %s"), day), tr(L, "Remove"));
		if (closure)
			ic++;
		else
			ie++;
	}
	if (k)
		h_printf(b, "</ul>");
	else
		h_printf(b, "<p class=\"muted\">%s</p>", tr(L, "None."));
	wh_rules_forms(rq, rs, p, mb);
	return true;
}

/* A resource's edit form and its archive form. */
static void wh_resource_forms(request *rq, response *rs, const place *p, const resource *r, const resource *all, int nall,
			      const manage_back *mb)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
	const bg_error *err = wh_back_err(mb, "resource", r->id);
	char prefix[32], n1[16], n2[16], n3[16], n4[16];
	snprintf(prefix, sizeof prefix, "r%lld-", (long long)r->id);
	snprintf(n1, sizeof n1, "%d", r->capacity);
	snprintf(n2, sizeof n2, "%d", r->min_notice_min);
	snprintf(n3, sizeof n3, "%d", r->max_duration_min);
	snprintf(n4, sizeof n4, "%d", r->buffer_min);
	const bg_error *aerr = wh_back_err(mb, "archive-resource", r->id);
	h_printf(b, "<details id=\"resource-%lld\"", (long long)r->id);
	h_bool(b, "open", err || aerr);
	h_printf(b, "><summary>%s · %s</summary>", r->name, wh_kind(rq, r->kind));
	wh_saved_notice(rq, rs, arena_printf(&rq->arena, "resource-%lld", (long long)r->id), N_("The resource is saved."));
	page_error_summary(rq, rs, err);
	h_printf(b, "<form method=\"post\" action=\"/resources/%lld/edit\" novalidate>", (long long)r->id);
	page_csrf_field(rq, rs);
#define V(name, value) wh_back_value(mb, "resource", r->id, name, value)
	wh_edit_input(rq, rs, prefix, "name", tr(L, "Name"), "text", V("name", r->name), NULL, err);
	const char *kind = V("kind", r->kind);
	widget_select_begin(rq, rs, &(widget){.name = "kind", .prefix = prefix, .label = tr(L, "Kind"), .err = err});
	for (int i = 0; wh_kind_names[i]; i += 2)
		widget_option(rs, wh_kind_names[i], tr(L, wh_kind_names[i + 1]), strcmp(kind, wh_kind_names[i]) == 0);
	widget_select_end(rs);
	wh_edit_input(rq, rs, prefix, "capacity", tr(L, "Capacity"), "number", V("capacity", n1),
		      tr(L, "How many bookings may overlap."), err);
	const char *parent = V("parent_id", arena_printf(&rq->arena, "%lld", (long long)r->parent_id));
	widget_select_begin(rq, rs, &(widget){.name = "parent_id", .prefix = prefix, .label = tr(L, "Inside"), .err = err});
	widget_option(rs, "0", tr(L, "Nothing"), false);
	for (int i = 0; i < nall; i++)
		if (all[i].id != r->id && !all[i].parent_id)
			widget_option(rs, arena_printf(&rq->arena, "%lld", (long long)all[i].id), all[i].name,
				      atoll(parent) == all[i].id);
	widget_select_end(rs);
	wh_edit_input(rq, rs, prefix, "min_notice_min", tr(L, "Minimum notice (minutes)"), "number", V("min_notice_min", n2), NULL, err);
	wh_edit_input(rq, rs, prefix, "max_duration_min", tr(L, "Longest booking (minutes)"), "number", V("max_duration_min", n3),
		      NULL, err);
	wh_edit_input(rq, rs, prefix, "buffer_min", tr(L, "Buffer between bookings (minutes)"), "number", V("buffer_min", n4), NULL,
		      err);
#undef V
	wh_edit_check(rq, rs, prefix, "needs_approval", tr(L, "Bookings wait for a host's approval"),
		      err && mb->f ? form_get(mb->f, "needs_approval") != NULL : r->needs_approval);
	h_printf(b, "<button type=\"submit\">%s</button></form>", tr(L, "Save the resource"));
	page_error_summary(rq, rs, aerr);
	h_printf(b, "<form method=\"post\" action=\"/resources/%lld/archive\" novalidate>", (long long)r->id);
	page_csrf_field(rq, rs);
	wh_edit_check(rq, rs, prefix, "cancel_bookings", tr(L, "Cancel its bookings to come (their bookers get a mail)"), false);
	h_printf(b, "<button type=\"submit\" class=\"secondary\">%s</button></form></details>", tr(L, "Archive this resource"));
	(void)p;
}

/* The resources of the place (all, n: its live ones), each with its forms. */
static void wh_resources_section(request *rq, response *rs, const place *p, const resource *all, size_t n,
				 const manage_back *mb)
{
	const char *L = rq->lang;
	h_printf(page_html(rs), "<h2 id=\"resources\">%s</h2>", tr(L, "Resources"));
	wh_saved_notice(rq, rs, "archived", N_("The resource is archived."));
	for (size_t i = 0; i < n; i++)
		wh_resource_forms(rq, rs, p, &all[i], all, (int)n, mb);
	if (!n)
		h_printf(page_html(rs), "<p class=\"muted\">%s</p>", tr(L, "None."));
}

/* Archiving the place, at the bottom of the page. */
static void wh_archive_place_form(request *rq, response *rs, const place *p, const manage_back *mb)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
	h_printf(b, "<section class=\"danger-zone\" aria-labelledby=\"archive-place\"><h2 id=\"archive-place\">%s</h2>",
		 tr(L, "Archive the place"));
	h_printf(b, "<p>%s</p>", tr(L, "An archived place is no longer listed nor bookable. Its bookings to come must be cancelled first, or with it."));
	page_error_summary(rq, rs, wh_back_err(mb, "archive-place", 0));
	h_printf(b, "<form method=\"post\" action=\"/places/%lld/archive\" novalidate>", (long long)p->id);
	page_csrf_field(rq, rs);
	wh_edit_check(rq, rs, "place-", "cancel_bookings", tr(L, "Cancel its bookings to come (their bookers get a mail)"), false);
	h_printf(b, "<button type=\"submit\" class=\"secondary\">%s</button></form></section>", tr(L, "Archive this place"));
}

/* The management page of a place: its photo and alternative text, its
 * position on the map, its details, weekly hours, exceptions and closures,
 * resources, and archiving.  alt_in/err: the photo form coming back;
 * lat_in, lon_in/pos_err: the position form coming back; mb: one of the
 * edit forms coming back (or NULL). */
void wh_manage_page(request *rq, response *rs, int64_t id, const char *alt_in, const bg_error *err,
		    const char *lat_in, const char *lon_in, const bg_error *pos_err, const manage_back *mb)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
	place p;
	bg_error e2;
	if (place_get(rq->db, rq->person_id, id, &p, &e2) != BG_OK ||
	    place_may_manage(rq->db, rq->person_id, &p, &e2) != BG_OK) {
		page_error(rq, rs, &e2);
		return;
	}
	place_hours hours[7 * HOSP_HOURS_MAX_PER_DAY];
	int nhours = 0;
	resource *all = NULL;
	size_t nall = 0;
	if (place_hours_get(rq->db, rq->person_id, p.id, hours, 7 * HOSP_HOURS_MAX_PER_DAY, &nhours, &e2) != BG_OK ||
	    resource_list(rq->db, &rq->arena, rq->person_id, p.id, &all, &nall, &e2) != BG_OK) {
		page_fail(rq, rs, &e2);
		return;
	}
	page_begin(rq, rs, p.name);
	wh_subnav(rq, rs);
	h_printf(b, "<h1>%s</h1><p class=\"lead\"><a href=\"/places/%lld\">%s</a></p>", tr(L, "Manage a place"),
		 (long long)p.id, p.name);
	h_printf(b, "<nav aria-label=\"%s\"><ul class=\"inline-list\"><li><a href=\"#details\">%s</a></li><li><a href=\"#hours\">%s</a></li>"
		    "<li><a href=\"#exceptions\">%s</a></li><li><a href=\"#resources\">%s</a></li><li><a href=\"#photo\">%s</a></li>"
		    "<li><a href=\"#position\">%s</a></li></ul></nav>",
		 tr(L, "Sections of the page"), tr(L, "Details of the place"), tr(L, "Weekly opening hours"),
		 tr(L, "Exceptions and closures to come"), tr(L, "Resources"), tr(L, "Photo"), tr(L, "Position on the map"));
	wh_details_form(rq, rs, &p, mb);
	wh_hours_form(rq, rs, &p, hours, nhours, mb);
	if (!wh_rules_list(rq, rs, &p, mb))
		return;
	wh_resources_section(rq, rs, &p, all, nall, mb);
	h_printf(b, "<h2 id=\"photo\">%s</h2>", tr(L, "Photo"));
	hosp_file photo;
	bool has = place_photo_read(rq->db, rq->person_id, p.id, false, &photo, &e2) == BG_OK;
	if (has)
		h_printf(b, "<img class=\"place-photo\" src=\"/api/v1/places/%lld/photo\" alt=\"%s\">", (long long)p.id,
			 photo.filename);
	else
		h_printf(b, "<p class=\"muted\">%s</p>", tr(L, "No photo yet."));
	page_error_summary(rq, rs, err);
	h_printf(b, "<form method=\"post\" action=\"/places/%lld/photo\" enctype=\"multipart/form-data\" novalidate>",
		 (long long)p.id);
	page_csrf_field(rq, rs);
	widget_file(rq, rs, ".jpg,.jpeg,.png,image/jpeg,image/png",
		    &(widget){.name = "photo", .label = tr(L, "Photo of the place"),
			      .hint = tr(L, "A JPEG or PNG file of at most 512 KiB."), .err = err});
	page_input(rq, rs, "alt", tr(L, "Description of the photo (for those who cannot see it)"), "text",
		   alt_in ? alt_in : (has ? photo.filename : NULL), NULL, err);
	buf_free(&photo.data);
	h_printf(b, "<button type=\"submit\">%s</button></form>", tr(L, "Save the photo"));
	wh_position_form(rq, rs, &p, lat_in, lon_in, pos_err);
	wh_archive_place_form(rq, rs, &p, mb);
	page_end(rq, rs);
}

/* GET /places/{id}/manage */
static void web_place_manage(request *rq, response *rs)
{
	wh_manage_page(rq, rs, rq_param_id(rq, 0), NULL, NULL, NULL, NULL, NULL, NULL);
}

const route web_hosp_manage_routes[] = {
	{HTTP_GET, "/places/{id}/manage", web_place_manage, ROUTE_PAGE | ROUTE_AUTH},
	{0, NULL, NULL, 0},
};
