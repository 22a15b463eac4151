/*
 * place_edit.c — editing a place and its resources after creation: the
 * place's fields, its weekly hours, removing an exception or a closure,
 * a resource's fields, archiving a resource or a whole place.
 *
 * Rights: those who manage the place (place_may_manage).  Validation: the
 * same as at creation (place_validate, resource_validate), plus what only
 * an edit can break: overlapping weekly ranges, a parent that would nest
 * two levels, a capacity below the bookings already made.
 *
 * What hosts expect, decided here:
 *  - lowering a capacity below the load of the bookings to come is refused
 *    (409, the first clashing slot named): the host moves or cancels
 *    bookings first; nobody loses a booking by surprise;
 *  - archiving a resource or a place with bookings to come is refused (409
 *    with their count) unless the host asks to cancel them: then each goes
 *    through booking_cancel (quota given back, audited) and its booker is
 *    mailed; the waiting lists of the archived resources are always closed
 *    (first, so no freed slot is offered on a resource that goes away);
 *  - other limits (maximum duration, notice, buffer, hours) apply to new
 *    bookings only: bookings already made stay as they are.
 *
 * Availability: every table written here (places, place_hours,
 * place_exceptions, place_closures, resources, bookings, booking_waits)
 * carries the triggers of migration 009 that give the place a new version,
 * so the availability cache (avail_cache.c) never serves an answer from
 * before the edit.  Archived rows are left out of availability by
 * place_get/avail_resources (archived = 0).
 */
#include "auth/account.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/i18n.h"
#include "core/json.h"
#include "core/mem.h"
#include "db/audit.h"
#include "hospitality/hosp_internal.h"
#include <assert.h>
#include <stdlib.h>

/* Appends the editable fields of a place as a JSON object (for audit). */
static void place_json(buf *b, const place *p)
{
	buf_puts(b, "{\"name\":");
	json_put_string(b, p->name);
	buf_puts(b, ",\"address\":");
	json_put_string(b, p->address);
	buf_puts(b, ",\"postcode\":");
	json_put_string(b, p->postcode);
	buf_puts(b, ",\"city\":");
	json_put_string(b, p->city);
	buf_puts(b, ",\"territory\":");
	json_put_string(b, p->territory);
	buf_puts(b, ",\"timezone\":");
	json_put_string(b, p->timezone);
	buf_puts(b, ",\"accessibility\":");
	json_put_string(b, p->accessibility);
	buf_printf(b, ",\"restricted\":%s,\"cancel_deadline_min\":%d,\"checkin_release_min\":%d,\"offer_minutes\":%d}",
		   p->restricted ? "true" : "false", p->cancel_deadline_min, p->checkin_release_min,
		   p->offer_minutes);
}

/* Appends the fields of a resource as a JSON object (for audit). */
static void resource_json(buf *b, const resource *r)
{
	buf_printf(b, "{\"place_id\":%lld,\"parent_id\":%lld,\"name\":", (long long)r->place_id,
		   (long long)r->parent_id);
	json_put_string(b, r->name);
	buf_printf(b, ",\"kind\":\"%s\",\"capacity\":%d,\"min_notice_min\":%d,\"max_duration_min\":%d,"
		      "\"buffer_min\":%d,\"needs_approval\":%s}",
		   r->kind, r->capacity, r->min_notice_min, r->max_duration_min, r->buffer_min,
		   r->needs_approval ? "true" : "false");
}

/* Audits a change with before and after texts held in two buffers, and
 * frees them. */
static bg_status place_edit_audit(db *d, int64_t actor, const char *action, const char *entity, int64_t id,
				  buf *before, buf *after, bg_error *err)
{
	bg_status st = audit_record(d, actor, action, entity, id, before ? before->data : NULL,
				    after ? after->data : NULL, err);
	if (before)
		buf_free(before);
	if (after)
		buf_free(after);
	return st;
}

/* Loads a place and checks that actor manages it. */
static bg_status place_load_managed(db *d, int64_t actor, int64_t place_id, place *p, bg_error *err)
{
	bg_status st = place_load(d, place_id, p, err);
	if (st == BG_OK)
		st = place_may_manage(d, actor, p, err);
	return st;
}

bg_status place_update(db *d, int64_t actor, const place *p, bg_error *err)
{
	place old;
	bg_status st = place_load_managed(d, actor, p->id, &old, err);
	if (st != BG_OK)
		return st;
	place now = *p;
	/* the owner and the position are not edited here */
	hosp_copy(now.owner_type, sizeof now.owner_type, old.owner_type);
	now.owner_id = old.owner_id;
	now.has_position = old.has_position;
	now.latitude_e6 = old.latitude_e6;
	now.longitude_e6 = old.longitude_e6;
	st = place_validate(d, &now, err);
	if (st == BG_OK)
		st = db_exec(d, err,
			     "UPDATE places SET name = ?, address = ?, postcode = ?, city = ?, territory = ?,"
			     " timezone = ?, accessibility = ?, restricted = ?, cancel_deadline_min = ?,"
			     " checkin_release_min = ?, offer_minutes = ? WHERE id = ?",
			     "sssssssiiiii", now.name, now.address, now.postcode, now.city, now.territory,
			     now.timezone, now.accessibility, (int64_t)now.restricted,
			     (int64_t)now.cancel_deadline_min, (int64_t)now.checkin_release_min,
			     (int64_t)now.offer_minutes, now.id);
	if (st != BG_OK)
		return st;
	buf before, after;
	buf_init(&before);
	buf_init(&after);
	place_json(&before, &old);
	place_json(&after, &now);
	return place_edit_audit(d, actor, "update", "place", now.id, &before, &after, err);
}

resource *place_resources(db *d, int64_t place_id, int *n)
{
	return avail_resources(d, place_id, n);
}

/* Orders hours by weekday, then opening. */
static int place_hours_cmp(const void *a, const void *b)
{
	const place_hours *x = a, *y = b;
	if (x->weekday != y->weekday)
		return x->weekday - y->weekday;
	return x->opens - y->opens;
}

/* The weekly hours of a place (at most max, by weekday and opening) into
 * out and *n, without rights. */
static bg_status place_hours_read(db *d, int64_t place_id, place_hours *out, int max, int *n, bg_error *err)
{
	assert(max >= 0);
	*n = 0;
	db_stmt *s = db_query(d, "SELECT weekday, opens, closes FROM place_hours WHERE place_id = ?"
				 " ORDER BY weekday, opens", "i", place_id);
	while (*n < max && db_next(s) == 1)
		out[(*n)++] = (place_hours){(int)db_int(s, 0), (int)db_int(s, 1), (int)db_int(s, 2)};
	return db_done(s) == BG_OK ? BG_OK : bg_db_fail(err);
}

bg_status place_hours_get(db *d, int64_t actor, int64_t place_id, place_hours *out, int max, int *n, bg_error *err)
{
	*n = 0;
	if (!place_is_member(d, actor))
		return bg_fail(err, BG_ERR_NOT_FOUND, "not_found", "place_id", N_("This place does not exist."));
	return place_hours_read(d, place_id, out, max, n, err);
}

/* Appends hours as a JSON array (for audit). */
static void place_hours_json(buf *b, const place_hours *h, int n)
{
	buf_putc(b, '[');
	for (int i = 0; i < n; i++)
		buf_printf(b, "%s{\"weekday\":%d,\"opens\":%d,\"closes\":%d}", i ? "," : "", h[i].weekday,
			   h[i].opens, h[i].closes);
	buf_putc(b, ']');
}

bg_status place_set_hours(db *d, int64_t actor, int64_t place_id, const place_hours *hours, int n,
			  int *bad_weekday, bg_error *err)
{
	if (bad_weekday)
		*bad_weekday = 0;
	place p;
	bg_status st = place_load_managed(d, actor, place_id, &p, err);
	if (st != BG_OK)
		return st;
	if (n < 0 || n > 7 * HOSP_HOURS_MAX_PER_DAY)
		return bg_fail(err, BG_ERR_INVALID, "too_many_hours", "hours",
			       N_("At most 8 opening ranges a day."));
	place_hours *h = xmalloc(sizeof *h * (size_t)(n + 1));
	if (n)
		memcpy(h, hours, sizeof *h * (size_t)n);
	qsort(h, (size_t)n, sizeof *h, place_hours_cmp);
	int per_day = 0;
	for (int i = 0; st == BG_OK && i < n; i++) {
		per_day = i > 0 && h[i].weekday == h[i - 1].weekday ? per_day + 1 : 1;
		if (h[i].weekday < 1 || h[i].weekday > 7)
			st = bg_fail(err, BG_ERR_INVALID, "invalid_weekday", "hours",
				     N_("A weekday is a number from 1 (Monday) to 7 (Sunday)."));
		else if (h[i].opens < 0 || h[i].closes > 1440 || h[i].opens >= h[i].closes)
			st = bg_fail(err, BG_ERR_INVALID, "invalid_hours", "hours",
				     N_("Opening hours must close after they open, within the day."));
		else if (i > 0 && h[i].weekday == h[i - 1].weekday && h[i].opens < h[i - 1].closes)
			st = bg_fail(err, BG_ERR_INVALID, "overlapping_hours", "hours",
				     N_("Two opening ranges of the same day overlap."));
		else if (per_day > HOSP_HOURS_MAX_PER_DAY)
			st = bg_fail(err, BG_ERR_INVALID, "too_many_hours", "hours",
				     N_("At most 8 opening ranges a day."));
		if (st != BG_OK && bad_weekday)
			*bad_weekday = h[i].weekday >= 1 && h[i].weekday <= 7 ? h[i].weekday : 0;
	}
	place_hours old[7 * HOSP_HOURS_MAX_PER_DAY];
	int nold = 0;
	if (st == BG_OK)
		st = place_hours_read(d, place_id, old, 7 * HOSP_HOURS_MAX_PER_DAY, &nold, err);
	if (st == BG_OK)
		st = db_exec(d, err, "DELETE FROM place_hours WHERE place_id = ?", "i", place_id);
	for (int i = 0; st == BG_OK && i < n; i++)
		st = db_exec(d, err, "INSERT INTO place_hours(place_id, weekday, opens, closes) VALUES (?, ?, ?, ?)",
			     "iiii", place_id, (int64_t)h[i].weekday, (int64_t)h[i].opens, (int64_t)h[i].closes);
	if (st == BG_OK) {
		buf before, after;
		buf_init(&before);
		buf_init(&after);
		place_hours_json(&before, old, nold);
		place_hours_json(&after, h, n);
		st = place_edit_audit(d, actor, "hours", "place", place_id, &before, &after, err);
	}
	free(h);
	return st;
}

bg_status place_remove_exception(db *d, int64_t actor, int64_t place_id, int64_t exception_id, bg_error *err)
{
	place p;
	bg_status st = place_load_managed(d, actor, place_id, &p, err);
	if (st != BG_OK)
		return st;
	db_stmt *s = db_query(d, "SELECT day, opens, closes FROM place_exceptions WHERE id = ? AND place_id = ?",
			      "ii", exception_id, place_id);
	buf before;
	buf_init(&before);
	int rc = s ? db_next(s) : -1;
	if (rc == 1)
		buf_printf(&before, "{\"place_id\":%lld,\"day\":\"%s\",\"opens\":%lld,\"closes\":%lld}",
			   (long long)place_id, db_text(s, 0), (long long)db_int(s, 1), (long long)db_int(s, 2));
	if (db_done(s) != BG_OK)
		rc = -1; /* a failed step */
	if (rc != 1) {
		buf_free(&before);
		return rc < 0 ? bg_db_fail(err)
			      : bg_fail(err, BG_ERR_NOT_FOUND, "not_found", "exception_id",
					N_("This exception does not exist."));
	}
	st = db_exec(d, err, "DELETE FROM place_exceptions WHERE id = ?", "i", exception_id);
	if (st != BG_OK) {
		buf_free(&before);
		return st;
	}
	return place_edit_audit(d, actor, "delete", "place_exception", exception_id, &before, NULL, err);
}

bg_status place_remove_closure(db *d, int64_t actor, int64_t place_id, int64_t closure_id, bg_error *err)
{
	place p;
	bg_status st = place_load_managed(d, actor, place_id, &p, err);
	if (st != BG_OK)
		return st;
	db_stmt *s = db_query(d, "SELECT first_day, last_day, reason FROM place_closures WHERE id = ? AND place_id = ?",
			      "ii", closure_id, place_id);
	buf before;
	buf_init(&before);
	int rc = s ? db_next(s) : -1;
	if (rc == 1) {
		buf_printf(&before, "{\"place_id\":%lld,\"first_day\":\"%s\",\"last_day\":\"%s\",\"reason\":",
			   (long long)place_id, db_text(s, 0), db_text(s, 1));
		json_put_string(&before, db_text(s, 2));
		buf_putc(&before, '}');
	}
	if (db_done(s) != BG_OK)
		rc = -1; /* a failed step */
	if (rc != 1) {
		buf_free(&before);
		return rc < 0 ? bg_db_fail(err)
			      : bg_fail(err, BG_ERR_NOT_FOUND, "not_found", "closure_id",
					N_("This closure does not exist."));
	}
	st = db_exec(d, err, "DELETE FROM place_closures WHERE id = ?", "i", closure_id);
	if (st != BG_OK) {
		buf_free(&before);
		return st;
	}
	return place_edit_audit(d, actor, "delete", "place_closure", closure_id, &before, NULL, err);
}

/* An instant where a resource's load changes: +1 a booking starts, -1 one ends. */
typedef struct load_ev {
	int64_t t;
	int delta;
} load_ev;

/* Orders load changes by time, ends before starts at the same instant. */
static int load_ev_cmp(const void *a, const void *b)
{
	const load_ev *x = a, *y = b;
	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return x->delta - y->delta;
}

/* Finds the first slot where more bookings to come of the resource overlap
 * than capacity: 1 with *clash filled when there is one, 0 when none, -1
 * when the bookings could not be read. */
static int resource_overloaded(db *d, int64_t resource_id, int capacity, int64_t now, booking_clash *clash)
{
	int n = 0, cap = 64;
	load_ev *evs = xmalloc(sizeof *evs * (size_t)cap);
	db_stmt *s = db_query(d, "SELECT starts_at, ends_at FROM bookings WHERE resource_id = ?"
				 " AND status IN ('pending', 'confirmed') AND ends_at > ?", "ii", resource_id, now);
	while (s && db_next(s) == 1) {
		if (n + 2 > cap)
			evs = xrealloc(evs, sizeof *evs * (size_t)(cap *= 2));
		evs[n++] = (load_ev){db_int(s, 0), 1};
		evs[n++] = (load_ev){db_int(s, 1), -1};
	}
	if (db_done(s) != BG_OK) {
		free(evs);
		return -1;
	}
	qsort(evs, (size_t)n, sizeof *evs, load_ev_cmp);
	int load = 0;
	bool found = false;
	for (int i = 0; i < n && !found; i++) {
		load += evs[i].delta;
		if (load > capacity) {
			found = true;
			clash->resource_id = resource_id;
			clash->starts_at = evs[i].t;
			/* until the load falls back to the capacity */
			clash->ends_at = evs[i].t;
			for (int j = i + 1, l = load; j < n; j++) {
				l += evs[j].delta;
				if (l <= capacity) {
					clash->ends_at = evs[j].t;
					break;
				}
			}
		}
	}
	free(evs);
	return found;
}

bg_status resource_update(db *d, int64_t actor, const resource *r, booking_clash *clash, bg_error *err)
{
	resource old;
	place p;
	booking_clash ignored;
	if (!clash)
		clash = &ignored;
	memset(clash, 0, sizeof *clash);
	bg_status st = hosp_resource_place(d, r->id, &old, &p, err);
	if (st == BG_OK)
		st = place_may_manage(d, actor, &p, err);
	if (st != BG_OK)
		return st;
	resource now = *r;
	now.place_id = old.place_id;
	st = resource_validate(&now, err);
	if (st != BG_OK)
		return st;
	if (now.parent_id) {
		int64_t one;
		bool found = false, children = false;
		if (now.parent_id == now.id)
			return bg_fail(err, BG_ERR_INVALID, "invalid_parent", "parent_id",
				       N_("A resource cannot be its own parent."));
		st = db_scalar(d, err, &one, &found, "SELECT 1 FROM resources WHERE id = ? AND place_id = ?"
						     " AND parent_id IS NULL AND archived = 0", "ii", now.parent_id, now.place_id);
		if (st == BG_OK)
			st = db_scalar(d, err, &one, &children, "SELECT 1 FROM resources WHERE parent_id = ?"
								" AND archived = 0 LIMIT 1", "i", now.id);
		if (st != BG_OK)
			return st;
		if (!found)
			return bg_fail(err, BG_ERR_INVALID, "invalid_parent", "parent_id",
				       N_("The parent must be a resource of the same place, itself without a parent."));
		if (children)
			return bg_fail(err, BG_ERR_INVALID, "invalid_parent", "parent_id",
				       N_("A resource with resources inside it cannot be placed inside another."));
	}
	int over = now.capacity < old.capacity ? resource_overloaded(d, now.id, now.capacity, date_now(), clash) : 0;
	if (over < 0)
		return bg_db_fail(err);
	if (over)
		return bg_fail(err, BG_ERR_CONFLICT, "capacity_below_bookings", "capacity",
			       N_("More bookings to come overlap than this capacity allows: move or cancel them first."));
	st = db_exec(d, err, "UPDATE resources SET parent_id = ?, name = ?, kind = ?, capacity = ?, min_notice_min = ?,"
			     " max_duration_min = ?, buffer_min = ?, needs_approval = ? WHERE id = ?",
		     "Issiiiiii", now.parent_id, now.name, now.kind, (int64_t)now.capacity,
		     (int64_t)now.min_notice_min, (int64_t)now.max_duration_min, (int64_t)now.buffer_min,
		     (int64_t)now.needs_approval, now.id);
	if (st != BG_OK)
		return st;
	buf before, after;
	buf_init(&before);
	buf_init(&after);
	resource_json(&before, &old);
	resource_json(&after, &now);
	return place_edit_audit(d, actor, "update", "resource", now.id, &before, &after, err);
}

/* The SQL condition on bookings "b" of the resources being archived: still
 * to come (pending or confirmed, not yet ended). */
#define ARCHIVE_TO_COME " b.status IN ('pending', 'confirmed') AND b.ends_at > ?"

/* Mails a booker that their booking was cancelled because the host
 * archived the resource (or the place). */
static bg_status archive_mail(db *d, int64_t booking_id, const char *base_url, bg_error *err)
{
	db_stmt *s = db_query(d, "SELECT b.person_id, b.starts_at, r.name, p.name, p.timezone FROM bookings b"
				 " JOIN resources r ON r.id = b.resource_id JOIN places p ON p.id = r.place_id"
				 " WHERE b.id = ?", "i", booking_id);
	if (!s || db_next(s) != 1) {
		bg_status qs = db_done(s); /* failed either way */
		(void)qs;
		return bg_db_fail(err);
	}
	int64_t who_id = db_int(s, 0), starts = db_int(s, 1);
	char rname[201], pname[201], tz[65];
	hosp_copy(rname, sizeof rname, db_text(s, 2));
	hosp_copy(pname, sizeof pname, db_text(s, 3));
	hosp_copy(tz, sizeof tz, db_text(s, 4));
	if (db_done(s) != BG_OK)
		return bg_db_fail(err);
	person who;
	if (account_get(d, who_id, &who, NULL) != BG_OK)
		return BG_OK;
	buf t, when;
	buf_init(&t);
	buf_init(&when);
	hosp_format_local(&when, tz, starts, who.lang);
	buf_printf(&t, tr(who.lang, "Hello %s,\n\nYour booking of %s (%s) on %s is cancelled: the hosts no longer offer it.\n"),
		   who.display_name, rname, pname, when.data);
	buf_printf(&t, tr(who.lang, "Your bookings: %s/bookings\n"), HOSP_BASE(base_url));
	bg_status st = hosp_mail(d, who.email, tr(who.lang, "Bigre: booking cancelled"), t.data, NULL, NULL, err);
	buf_free(&when);
	buf_free(&t);
	return st;
}

/* The bookings to come on the resources matched by `where` (a condition
 * on "r" with one "?" bound to id): counts them and refuses when there are
 * some and cancel is false; otherwise closes the waiting lists of these
 * resources and cancels each booking, mailing its booker. */
static bg_status archive_bookings(db *d, int64_t actor, const char *where, int64_t id, bool cancel,
				  const char *base_url, int *remaining, bg_error *err)
{
	int64_t now = date_now(), count = 0;
	buf q;
	buf_init(&q);
	buf_printf(&q, "SELECT count(*) FROM bookings b JOIN resources r ON r.id = b.resource_id WHERE %s AND"
		       ARCHIVE_TO_COME, where);
	bg_status st = db_scalar(d, err, &count, NULL, q.data, "ii", id, now);
	*remaining = (int)count;
	if (st == BG_OK && count > 0 && !cancel)
		st = bg_fail(err, BG_ERR_CONFLICT, "bookings_to_come", "cancel_bookings",
			     N_("There are bookings to come: cancel them first, or ask to cancel them with the archiving."));
	if (st != BG_OK) {
		buf_free(&q);
		return st;
	}
	/* nobody keeps waiting for a resource that goes away */
	buf_reset(&q);
	buf_printf(&q, "UPDATE booking_waits SET status = 'cancelled' WHERE status IN ('waiting', 'offered') AND"
		       " resource_id IN (SELECT r.id FROM resources r WHERE %s)", where);
	st = db_exec(d, err, q.data, "i", id);
	if (st != BG_OK || count == 0) {
		buf_free(&q);
		return st;
	}
	int64_t *ids = xmalloc(sizeof *ids * (size_t)count);
	int n = 0;
	buf_reset(&q);
	buf_printf(&q, "SELECT b.id FROM bookings b JOIN resources r ON r.id = b.resource_id WHERE %s AND"
		       ARCHIVE_TO_COME " ORDER BY b.starts_at, b.id", where);
	db_stmt *s = st == BG_OK ? db_query(d, q.data, "ii", id, now) : NULL;
	while (s && db_next(s) == 1 && n < count)
		ids[n++] = db_int(s, 0);
	if (st == BG_OK && db_done(s) != BG_OK)
		st = bg_db_fail(err);
	buf_free(&q);
	for (int i = 0; st == BG_OK && i < n; i++) {
		st = booking_cancel(d, actor, ids[i], base_url, err);
		if (st == BG_OK)
			st = archive_mail(d, ids[i], base_url, err);
	}
	free(ids);
	if (st == BG_OK)
		*remaining = 0;
	return st;
}

bg_status resource_archive(db *d, int64_t actor, int64_t id, bool cancel_bookings, const char *base_url,
			   int *remaining, bg_error *err)
{
	resource r;
	place p;
	int left = 0;
	if (!remaining)
		remaining = &left;
	*remaining = 0;
	bg_status st = hosp_resource_place(d, id, &r, &p, err);
	if (st == BG_OK)
		st = place_may_manage(d, actor, &p, err);
	int64_t one;
	bool children = false;
	if (st == BG_OK)
		st = db_scalar(d, err, &one, &children, "SELECT 1 FROM resources WHERE parent_id = ? AND archived = 0"
							" LIMIT 1", "i", id);
	if (st == BG_OK && children)
		st = bg_fail(err, BG_ERR_CONFLICT, "has_children", "resource_id",
			     N_("Archive the resources inside this one first."));
	if (st == BG_OK)
		st = archive_bookings(d, actor, "r.id = ?", id, cancel_bookings, base_url, remaining, err);
	if (st == BG_OK)
		st = db_exec(d, err, "UPDATE resources SET archived = 1 WHERE id = ?", "i", id);
	if (st != BG_OK)
		return st;
	buf before;
	buf_init(&before);
	resource_json(&before, &r);
	return place_edit_audit(d, actor, "archive", "resource", id, &before, NULL, err);
}

bg_status place_archive(db *d, int64_t actor, int64_t id, bool cancel_bookings, const char *base_url,
			int *remaining, bg_error *err)
{
	place p;
	int left = 0;
	if (!remaining)
		remaining = &left;
	*remaining = 0;
	bg_status st = place_load_managed(d, actor, id, &p, err);
	if (st == BG_OK)
		st = archive_bookings(d, actor, "r.place_id = ? AND r.archived = 0", id, cancel_bookings, base_url,
				      remaining, err);
	if (st == BG_OK)
		st = db_exec(d, err, "UPDATE resources SET archived = 1 WHERE place_id = ?", "i", id);
	if (st == BG_OK)
		st = db_exec(d, err, "UPDATE places SET archived = 1 WHERE id = ?", "i", id);
	if (st != BG_OK)
		return st;
	buf before;
	buf_init(&before);
	place_json(&before, &p);
	return place_edit_audit(d, actor, "archive", "place", id, &before, NULL, err);
}
