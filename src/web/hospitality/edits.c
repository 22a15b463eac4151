/*
 * edits.c — the forms of a place's management page: photo, position,
 * details, hours, exceptions and closures, resources, archiving.  Each
 * post runs one transaction through the hospitality domain (which checks
 * rights) and redirects to the page, or shows it again (422) with the
 * form's error next to its field.
 */
#include "web/hospitality/web_hospitality_internal.h"

/* POST /places/{id}/position — latitude, longitude (both empty: the
 * centre of the department); errors next to the field. */
static void web_place_position(request *rq, response *rs)
{
	bg_error err;
	int64_t id = rq_param_id(rq, 0);
	const form *f = page_form(rq, rs);
	if (!f)
		return;
	const char *lat_s = form_get(f, "latitude"), *lon_s = form_get(f, "longitude");
	int64_t lat = 0, lon = 0;
	bool has;
	bg_status st = web_begin(rq, geo_parse_position(lat_s, lon_s, &has, &lat, &lon, &err), &err);
	if (st == BG_OK)
		st = place_set_position(rq->db, rq->person_id, id, has, lat, lon, &err);
	if (web_finish(rq, rs, st, &err, arena_printf(&rq->arena, "/places/%lld/manage?position=saved#position", (long long)id), 0))
		wh_manage_page(rq, rs, id, NULL, NULL, lat_s, lon_s, &err, NULL);
}

/* POST /places/{id}/photo — multipart: photo (file), alt. */
static void web_place_photo(request *rq, response *rs)
{
	bg_error err;
	int64_t id = rq_param_id(rq, 0);
	const form *f = page_form(rq, rs);
	if (!f)
		return;
	const multipart_file *file = rq_file(rq, "photo");
	bg_status st = web_begin(rq, BG_OK, &err);
	if (st == BG_OK)
		st = place_photo_set(rq->db, rq->person_id, id, file ? file->data : NULL, file ? file->size : 0,
				     form_get(f, "alt"), &err);
	if (web_finish(rq, rs, st, &err, arena_printf(&rq->arena, "/places/%lld", (long long)id), 0))
		wh_manage_page(rq, rs, id, form_get(f, "alt"), &err, NULL, NULL, NULL, NULL);
}

/* Reads a whole number of a form field into *out (empty: left as is);
 * false with err naming the field when it is not one. */
static bool wh_form_int(const form *f, const char *name, int *out, bg_error *err)
{
	const char *s = form_get(f, name);
	if (!s || !*s)
		return true;
	char *end;
	long v = strtol(s, &end, 10);
	if (*end || v < -1000000 || v > 1000000) {
		bg_error_set(err, BG_ERR_INVALID, "invalid_value", name, N_("Give a whole number."));
		return false;
	}
	*out = (int)v;
	return true;
}

/* Copies a form field into a fixed buffer; false with err naming the
 * field when it is too long. */
static bool wh_form_text(const form *f, const char *name, char *dst, size_t cap, bg_error *err)
{
	const char *s = form_get(f, name);
	if (!s)
		s = "";
	if (strlen(s) >= cap) {
		bg_error_set(err, BG_ERR_INVALID, "too_long", name, N_("This text is too long."));
		return false;
	}
	snprintf(dst, cap, "%s", s);
	return true;
}

/* Answers a form of the management page that failed: the page again with
 * the message next to the field (422, 409 for a conflict), or the error
 * page when the place is not there or not the actor's to manage. */
static void wh_manage_back(request *rq, response *rs, int64_t place_id, manage_back *mb)
{
	if (mb->err->status == BG_ERR_NOT_FOUND || mb->err->status == BG_ERR_FORBIDDEN) {
		page_error(rq, rs, mb->err);
		return;
	}
	wh_manage_page(rq, rs, place_id, NULL, NULL, NULL, NULL, NULL, mb);
	rs->status = mb->err->status == BG_ERR_CONFLICT ? 409 : 422;
}

/* The end of a management form's POST (web_finish): the management page
 * at an anchor with its notice, or that page again with the form's error. */
static void wh_manage_done(request *rq, response *rs, int64_t place_id, bg_status st, manage_back *mb, const char *saved,
			   const char *anchor)
{
	if (web_finish(rq, rs, st, mb->err,
		       arena_printf(&rq->arena, "/places/%lld/manage?saved=%s#%s", (long long)place_id, saved, anchor),
		       WEB_MAIL | WEB_409))
		wh_manage_page(rq, rs, place_id, NULL, NULL, NULL, NULL, NULL, mb);
}

/* POST /places/{id}/details — the place's fields (owner and position aside). */
static void web_place_details(request *rq, response *rs)
{
	bg_error err = {0};
	int64_t id = rq_param_id(rq, 0);
	const form *f = page_form(rq, rs);
	if (!f)
		return;
	manage_back mb = {"details", f, &err, 0, 0};
	place p;
	bg_status st = web_begin(rq, BG_OK, &err);
	if (st == BG_OK)
		st = place_get(rq->db, rq->person_id, id, &p, &err);
	if (st == BG_OK && !(wh_form_text(f, "name", p.name, sizeof p.name, &err) &&
			     wh_form_text(f, "address", p.address, sizeof p.address, &err) &&
			     wh_form_text(f, "postcode", p.postcode, sizeof p.postcode, &err) &&
			     wh_form_text(f, "city", p.city, sizeof p.city, &err) &&
			     wh_form_text(f, "territory", p.territory, sizeof p.territory, &err) &&
			     wh_form_text(f, "timezone", p.timezone, sizeof p.timezone, &err) &&
			     wh_form_text(f, "accessibility", p.accessibility, sizeof p.accessibility, &err) &&
			     wh_form_int(f, "cancel_deadline_min", &p.cancel_deadline_min, &err) &&
			     wh_form_int(f, "checkin_release_min", &p.checkin_release_min, &err) &&
			     wh_form_int(f, "offer_minutes", &p.offer_minutes, &err)))
		st = err.status;
	if (st == BG_OK) {
		p.restricted = form_get(f, "restricted") != NULL;
		st = place_update(rq->db, rq->person_id, &p, &err);
	}
	wh_manage_done(rq, rs, id, st, &mb, "details", "details");
}

/* Parses a day's line "09:00-12:30, 14:00-18:00" into hours of weekday w;
 * false when a range is not written so. */
static bool wh_parse_day(const char *s, int w, place_hours *h, int *n, int max)
{
	char tmp[256];
	if (!s)
		return true;
	if (strlen(s) >= sizeof tmp)
		return false;
	snprintf(tmp, sizeof tmp, "%s", s);
	for (char *save = NULL, *tok = strtok_r(tmp, ",;", &save); tok; tok = strtok_r(NULL, ",;", &save)) {
		while (*tok == ' ')
			tok++;
		size_t len = strlen(tok);
		while (len && tok[len - 1] == ' ')
			tok[--len] = 0;
		if (!len)
			continue;
		/* the separator: "-" or an en dash */
		char *dash = strstr(tok, "\xe2\x80\x93");
		size_t dlen = 3;
		if (!dash) {
			dash = strchr(tok, '-');
			dlen = 1;
		}
		if (!dash || *n >= max)
			return false;
		*dash = 0;
		char a[8], b[8];
		const char *l = tok, *r = dash + dlen;
		while (*r == ' ')
			r++;
		size_t ll = strlen(l);
		while (ll && l[ll - 1] == ' ')
			ll--;
		/* "9:00" is read as "09:00" */
		snprintf(a, sizeof a, "%s%.*s", ll == 4 ? "0" : "", (int)ll, l);
		snprintf(b, sizeof b, "%s%s", strlen(r) == 4 ? "0" : "", r);
		if (!hosp_parse_hhmm(a, &h[*n].opens) || !hosp_parse_hhmm(b, &h[*n].closes))
			return false;
		h[(*n)++].weekday = w;
	}
	return true;
}

/* POST /places/{id}/hours — h1…h7, one line a day. */
static void web_place_hours(request *rq, response *rs)
{
	bg_error err = {0};
	int64_t id = rq_param_id(rq, 0);
	const form *f = page_form(rq, rs);
	if (!f)
		return;
	manage_back mb = {"hours", f, &err, 0, 0};
	place_hours h[7 * HOSP_HOURS_MAX_PER_DAY];
	int n = 0;
	for (int w = 1; w <= 7; w++) {
		char name[16];
		snprintf(name, sizeof name, "h%d", w);
		if (!wh_parse_day(form_get(f, name), w, h, &n, 7 * HOSP_HOURS_MAX_PER_DAY)) {
			bg_error_set(&err, BG_ERR_INVALID, "invalid_hours", "hours",
				N_("Write ranges like 09:00-12:30, 14:00-18:00."));
			mb.bad_weekday = w;
			place p;
			bg_error e2;
			/* a stranger learns nothing from the message: rights first */
			if (place_get(rq->db, rq->person_id, id, &p, &e2) != BG_OK ||
			    place_may_manage(rq->db, rq->person_id, &p, &e2) != BG_OK) {
				page_error(rq, rs, &e2);
				return;
			}
			wh_manage_back(rq, rs, id, &mb);
			return;
		}
	}
	bg_status st = web_begin(rq, BG_OK, &err);
	if (st == BG_OK)
		st = place_set_hours(rq->db, rq->person_id, id, h, n, &mb.bad_weekday, &err);
	wh_manage_done(rq, rs, id, st, &mb, "hours", "hours");
}

/* POST /places/{id}/exceptions/{eid}/delete and …/closures/{cid}/delete. */
static void wh_rule_delete(request *rq, response *rs, bool closure)
{
	bg_error err = {0};
	int64_t id = rq_param_id(rq, 0), rid = rq_param_id(rq, 1);
	manage_back mb = {"rules", NULL, &err, 0, 0};
	bg_status st = web_begin(rq, BG_OK, &err);
	if (st == BG_OK)
		st = closure ? place_remove_closure(rq->db, rq->person_id, id, rid, &err)
			     : place_remove_exception(rq->db, rq->person_id, id, rid, &err);
	wh_manage_done(rq, rs, id, st, &mb, "removed", "exceptions");
}

/* POST /places/{id}/exceptions — day, opens, closes (both empty: closed). */
static void web_place_exception_add(request *rq, response *rs)
{
	bg_error err = {0};
	int64_t id = rq_param_id(rq, 0);
	const form *f = page_form(rq, rs);
	if (!f)
		return;
	manage_back mb = {"exception", f, &err, 0, 0};
	const char *o = form_get(f, "opens"), *c = form_get(f, "closes");
	int opens = 0, closes = 0;
	bg_status st = web_begin(rq, BG_OK, &err);
	if (st == BG_OK && o && *o && !hosp_parse_hhmm(o, &opens))
		st = bg_fail(&err, BG_ERR_INVALID, "invalid_hours", "opens", N_("Give a time like 09:30."));
	if (st == BG_OK && c && *c && !hosp_parse_hhmm(c, &closes))
		st = bg_fail(&err, BG_ERR_INVALID, "invalid_hours", "closes", N_("Give a time like 09:30."));
	if (st == BG_OK)
		st = place_add_exception(rq->db, rq->person_id, id, form_get(f, "day") ? form_get(f, "day") : "", opens, closes,
					 NULL, &err);
	wh_manage_done(rq, rs, id, st, &mb, "rule", "exceptions");
}

/* POST /places/{id}/closures — first_day, last_day, reason. */
static void web_place_closure_add(request *rq, response *rs)
{
	bg_error err = {0};
	int64_t id = rq_param_id(rq, 0);
	const form *f = page_form(rq, rs);
	if (!f)
		return;
	manage_back mb = {"closure", f, &err, 0, 0};
	const char *reason = form_get(f, "reason");
	bg_status st = web_begin(rq, BG_OK, &err);
	if (st == BG_OK && reason && strlen(reason) > 200)
		st = bg_fail(&err, BG_ERR_INVALID, "too_long", "reason", N_("This text is too long."));
	if (st == BG_OK)
		st = place_add_closure(rq->db, rq->person_id, id, form_get(f, "first_day") ? form_get(f, "first_day") : "",
				       form_get(f, "last_day") ? form_get(f, "last_day") : "", reason, NULL, &err);
	wh_manage_done(rq, rs, id, st, &mb, "rule", "exceptions");
}

static void web_place_exception_delete(request *rq, response *rs) { wh_rule_delete(rq, rs, false); }
static void web_place_closure_delete(request *rq, response *rs) { wh_rule_delete(rq, rs, true); }

/* POST /resources/{id}/edit — a resource's fields. */
static void web_resource_edit(request *rq, response *rs)
{
	bg_error err = {0};
	int64_t rid = rq_param_id(rq, 0);
	const form *f = page_form(rq, rs);
	if (!f)
		return;
	manage_back mb = {"resource", f, &err, rid, 0};
	resource r;
	booking_clash clash;
	int parent = 0;
	if (resource_get(rq->db, rq->person_id, rid, &r, &err) != BG_OK) {
		page_error(rq, rs, &err);
		return;
	}
	parent = (int)r.parent_id;
	bg_status st = web_begin(rq, BG_OK, &err);
	if (st == BG_OK && !(wh_form_text(f, "name", r.name, sizeof r.name, &err) &&
			     wh_form_text(f, "kind", r.kind, sizeof r.kind, &err) &&
			     wh_form_int(f, "capacity", &r.capacity, &err) && wh_form_int(f, "parent_id", &parent, &err) &&
			     wh_form_int(f, "min_notice_min", &r.min_notice_min, &err) &&
			     wh_form_int(f, "max_duration_min", &r.max_duration_min, &err) &&
			     wh_form_int(f, "buffer_min", &r.buffer_min, &err)))
		st = err.status;
	if (st == BG_OK) {
		r.parent_id = parent;
		r.needs_approval = form_get(f, "needs_approval") != NULL;
		st = resource_update(rq->db, rq->person_id, &r, &clash, &err);
	}
	wh_manage_done(rq, rs, r.place_id, st, &mb, arena_printf(&rq->arena, "resource-%lld", (long long)rid),
		       arena_printf(&rq->arena, "resource-%lld", (long long)rid));
}

/* POST /resources/{id}/archive — cancel_bookings (checkbox). */
static void web_resource_archive(request *rq, response *rs)
{
	bg_error err = {0};
	const form *f = rq_form(rq, &err);
	int64_t rid = rq_param_id(rq, 0);
	resource r;
	if (!f || resource_get(rq->db, rq->person_id, rid, &r, &err) != BG_OK) {
		page_error(rq, rs, &err);
		return;
	}
	manage_back mb = {"archive-resource", f, &err, rid, 0};
	int remaining = 0;
	bg_status st = web_begin(rq, BG_OK, &err);
	if (st == BG_OK)
		st = resource_archive(rq->db, rq->person_id, rid, form_get(f, "cancel_bookings") != NULL, rq_base_url(rq),
				      &remaining, &err);
	wh_manage_done(rq, rs, r.place_id, st, &mb, "archived", "resources");
}

/* POST /places/{id}/archive — cancel_bookings (checkbox); then the list. */
static void web_place_archive(request *rq, response *rs)
{
	bg_error err = {0};
	int64_t id = rq_param_id(rq, 0);
	const form *f = page_form(rq, rs);
	if (!f)
		return;
	manage_back mb = {"archive-place", f, &err, 0, 0};
	int remaining = 0;
	bg_status st = web_begin(rq, BG_OK, &err);
	if (st == BG_OK)
		st = place_archive(rq->db, rq->person_id, id, form_get(f, "cancel_bookings") != NULL, rq_base_url(rq),
				   &remaining, &err);
	if (web_finish(rq, rs, st, &err, "/places", WEB_MAIL | WEB_409))
		wh_manage_page(rq, rs, id, NULL, NULL, NULL, NULL, NULL, &mb);
}

const route web_hosp_edits_routes[] = {
	{HTTP_POST, "/places/{id}/photo", web_place_photo, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/places/{id}/position", web_place_position, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/places/{id}/details", web_place_details, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/places/{id}/hours", web_place_hours, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/places/{id}/exceptions", web_place_exception_add, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/places/{id}/closures", web_place_closure_add, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/places/{id}/exceptions/{id}/delete", web_place_exception_delete, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/places/{id}/closures/{id}/delete", web_place_closure_delete, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/places/{id}/archive", web_place_archive, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/resources/{id}/edit", web_resource_edit, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/resources/{id}/archive", web_resource_archive, ROUTE_PAGE | ROUTE_AUTH},
	{0, NULL, NULL, 0},
};
