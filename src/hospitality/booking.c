/*
 * booking.c — bookings, series, quotas, waiting lists, check-in.
 *
 * Never a double booking: booking_create() runs inside the caller's write
 * transaction (BEGIN IMMEDIATE, taken before anything is read), so the
 * clash check and the insert see and change the same state, and no other
 * writer can slip in between.  The clash check sweeps, on the resource,
 * the active bookings overlapping the slot widened by the resource's
 * buffer, plus slots held by live waiting-list offers to other people, for
 * the most of them present at one moment (as availability does); when that
 * load plus the new booking goes over the capacity it is a clash.  A booking of the resource's parent or of one of
 * its children overlapping the slot is always a clash.
 *
 * Quotas (minutes per month per resource kind, for a person and for a
 * cooperative) are checked before the insert; every use is recorded in
 * quota_uses (a cancellation records the minutes given back), so usage is
 * a sum and its history is kept.
 *
 * Waiting list: when a slot frees (cancel, move, refusal, release, expired
 * offer), the oldest waiting request that now fits is offered the slot for
 * the place's offer_minutes; the offer holds the slot meanwhile.  Expired
 * offers and releases for missing check-ins are processed by
 * hospitality_tick() (called periodically by the server) and, lazily, at
 * the start of each booking of the same place.
 */
#include "hospitality/hosp_internal.h"
#include "auth/account.h"
#include "auth/authz.h"
#include "core/date.h"
#include "core/i18n.h"
#include "core/json.h"
#include "core/mem.h"
#include <assert.h>
#include <stdlib.h>

/* The checks of a slot on its own: order, past, notice, length, hours. */
static bg_status booking_validate_slot(db *d, const resource *r, const place *p, int64_t starts,
				       int64_t ends, int64_t now, bg_error *err)
{
	if (ends <= starts)
		return bg_fail(err, BG_ERR_INVALID, "ends_before_start", "ends_at",
			       N_("The end must come after the start."));
	if (starts < now)
		return bg_fail(err, BG_ERR_INVALID, "in_the_past", "starts_at",
			       N_("This slot is in the past."));
	if (starts < now + r->min_notice_min * 60)
		return bg_fail(err, BG_ERR_UNPROCESSABLE, "too_short_notice", "starts_at",
			       N_("This resource must be booked further in advance."));
	if (ends - starts > (int64_t)r->max_duration_min * 60)
		return bg_fail(err, BG_ERR_INVALID, "too_long", "ends_at",
			       N_("This slot is longer than this resource allows."));
	if (!place_slot_open(d, p, starts, ends))
		return bg_fail(err, BG_ERR_UNPROCESSABLE, "outside_opening_hours", "starts_at",
			       N_("The place is not open for the whole of this slot."));
	return BG_OK;
}

/* One booking or offer loading a resource during a slot: its own times and
 * the part of the slot it takes (widened by the buffer, clipped). */
typedef struct clash_iv {
	int64_t s, e, own_s, own_e;
} clash_iv;

/* One start (+1) or end (-1) of a clash_iv in the sweep. */
typedef struct clash_ev {
	int64_t t;
	int delta, iv;
} clash_ev;

/* Orders events by time, ends before starts at the same instant (a booking
 * ending at 10:00 and one starting at 10:00 are never present together). */
static int clash_ev_cmp(const void *a, const void *b)
{
	const clash_ev *x = a, *y = b;
	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return x->delta - y->delta;
}

/* Adds the rows (starts_at, ends_at) of a query to the intervals loading
 * [starts, ends), widened by buffer; false when the database failed. */
static bool clash_collect(db_stmt *s, int64_t starts, int64_t ends, int64_t buffer,
			  clash_iv **iv, int *n, int *cap)
{
	int rc = -1;
	while (s && (rc = db_next(s)) == 1) {
		int64_t bs = db_int(s, 0), be = db_int(s, 1);
		if (*n == *cap)
			*iv = xrealloc(*iv, sizeof **iv * (size_t)(*cap *= 2));
		(*iv)[(*n)++] = (clash_iv){bs - buffer > starts ? bs - buffer : starts,
					   be + buffer < ends ? be + buffer : ends, bs, be};
	}
	return db_done(s) == BG_OK && rc == 0;
}

/* The most bookings and offers present at once during the slot; *which is
 * the index of one of them present at that moment (the earliest to start). */
static int clash_max_load(const clash_iv *iv, int n, int *which)
{
	clash_ev *ev = xmalloc(sizeof *ev * (size_t)(2 * n + 1));
	int ne = 0;
	for (int i = 0; i < n; i++) {
		if (iv[i].e <= iv[i].s)
			continue;
		ev[ne++] = (clash_ev){iv[i].s, 1, i};
		ev[ne++] = (clash_ev){iv[i].e, -1, i};
	}
	qsort(ev, (size_t)ne, sizeof *ev, clash_ev_cmp);
	int load = 0, best = 0;
	int64_t at = 0;
	for (int i = 0; i < ne; i++) {
		load += ev[i].delta;
		if (load > best) {
			best = load;
			at = ev[i].t;
		}
	}
	free(ev);
	*which = -1;
	for (int i = 0; best > 0 && i < n; i++)
		if (iv[i].s <= at && at < iv[i].e &&
		    (*which < 0 || iv[i].own_s < iv[*which].own_s))
			*which = i;
	return best;
}

/* Finds what stops [starts, ends) on r (ignoring booking `except` and the
 * offers made to `person`); BG_ERR_CONFLICT with *clash filled, or BG_OK.
 * The load is the most of r's bookings and live offers (each widened by the
 * buffer) present at one moment of the slot, as availability computes it:
 * bookings that follow each other count once.  The slot clashes when that
 * load plus this booking goes over the capacity; a booking of r's parent
 * or of one of its children during the slot always clashes. */
static bg_status booking_find_clash(db *d, const resource *r, int64_t starts, int64_t ends,
				    int64_t except, int64_t person_id, booking_clash *clash,
				    bg_error *err)
{
	int64_t now = date_now(), buffer = (int64_t)r->buffer_min * 60;
	int n = 0, cap = 16;
	clash_iv *iv = xmalloc(sizeof *iv * (size_t)cap);
	booking_clash first = {0};
	db_stmt *s = db_query(d, "SELECT starts_at, ends_at FROM bookings WHERE resource_id = ?"
				 " AND starts_at < ? AND starts_at > ? AND ends_at > ? AND id <> ?"
				 " AND status IN ('pending', 'confirmed') ORDER BY starts_at",
			      "iiiii", r->id, ends + buffer, starts - buffer - HOSP_MAX_BOOKING_SPAN,
			      starts - buffer, except);
	bool ok = clash_collect(s, starts, ends, buffer, &iv, &n, &cap);
	if (ok) {
		s = db_query(d, "SELECT starts_at, ends_at FROM booking_waits WHERE resource_id = ?"
				" AND status = 'offered' AND offer_expires_at > ? AND person_id <> ?"
				" AND starts_at < ? AND ends_at > ?",
			     "iiiii", r->id, now, person_id, ends + buffer, starts - buffer);
		ok = clash_collect(s, starts, ends, buffer, &iv, &n, &cap);
	}
	if (!ok) {
		free(iv);
		return bg_db_fail(err);
	}
	int which;
	int load = clash_max_load(iv, n, &which);
	if (load > 0 && which >= 0)
		first = (booking_clash){r->id, iv[which].own_s, iv[which].own_e};
	free(iv);
	if (load + 1 > r->capacity)
		goto clash;
	/* the parent's bookings, and the children's */
	s = db_query(d, "SELECT resource_id, starts_at, ends_at FROM bookings WHERE resource_id IN"
			" (SELECT ? UNION ALL SELECT id FROM resources WHERE parent_id = ?)"
			" AND starts_at < ? AND starts_at > ? AND ends_at > ? AND id <> ?"
			" AND status IN ('pending', 'confirmed') LIMIT 1",
		     "iiiiii", r->parent_id ? r->parent_id : -1, r->id, ends,
		     starts - HOSP_MAX_BOOKING_SPAN, starts, except);
	if (!s)
		return bg_db_fail(err);
	bool related = db_next(s) == 1;
	if (related)
		first = (booking_clash){db_int(s, 0), db_int(s, 1), db_int(s, 2)};
	if (db_done(s) != BG_OK)
		return bg_db_fail(err);
	if (!related)
		return BG_OK;
clash:
	if (clash)
		*clash = first;
	return bg_fail(err, BG_ERR_CONFLICT, "slot_taken", "starts_at",
		       N_("This slot is already taken."));
}

/* "YYYY-MM" of an instant in a zone. */
static void booking_month(const char *tz, int64_t t, char out[8])
{
	int64_t day;
	int minute, y, m, dd;
	tz_utc_to_local(tz, t, &day, &minute);
	date_from_days(day, &y, &m, &dd);
	snprintf(out, 8, "%04d-%02d", (y % 10000 + 10000) % 10000, (m % 100 + 100) % 100);
}

/* The minutes used this month of kind by a person (coop false) or a
 * cooperative, into *used. */
static bg_status booking_quota_used(db *d, bool coop, int64_t id, const char *kind, const char *month,
				    int64_t *used, bg_error *err)
{
	return coop ? db_scalar(d, err, used, NULL, "SELECT coalesce(sum(minutes), 0) FROM quota_uses"
						    " WHERE cooperative_id = ? AND kind = ? AND month = ?",
				"iss", id, kind, month)
		    : db_scalar(d, err, used, NULL, "SELECT coalesce(sum(minutes), 0) FROM quota_uses"
						    " WHERE person_id = ? AND kind = ? AND month = ?",
				"iss", id, kind, month);
}

/* Checks one quota (of the person, or of the cooperative when coop) for
 * minutes more: over it, the refusal with msgid; no quota, no limit. */
static bg_status booking_quota_one(db *d, bool coop, int64_t id, const char *kind, const char *month,
				   int64_t minutes, const char *msgid, bg_error *err)
{
	int64_t limit = 0, used = 0;
	bool found = false;
	bg_status st = db_scalar(d, err, &limit, &found, "SELECT minutes_per_month FROM quotas WHERE"
							 " scope_type = ? AND scope_id = ? AND kind = ?",
				 "sis", coop ? "cooperative" : "person", id, kind);
	if (st == BG_OK && found)
		st = booking_quota_used(d, coop, id, kind, month, &used, err);
	if (st == BG_OK && found && used + minutes > limit)
		return bg_fail(err, BG_ERR_UNPROCESSABLE, "over_quota", "quota", msgid);
	return st;
}

/* Checks the person's and the cooperative's quotas for minutes more. */
static bg_status booking_quota_check(db *d, int64_t person_id, int64_t coop, const char *kind,
				     const char *month, int64_t minutes, bg_error *err)
{
	bg_status st = booking_quota_one(d, false, person_id, kind, month, minutes,
					 N_("This booking would go over your monthly quota for this kind of resource."), err);
	if (st == BG_OK && coop)
		st = booking_quota_one(d, true, coop, kind, month, minutes,
				       N_("This booking would go over your cooperative's monthly quota for this kind of resource."),
				       err);
	return st;
}

/* Records a use (or, negative, a return) of quota for a booking. */
static bg_status booking_quota_record(db *d, int64_t booking_id, int64_t person_id, int64_t coop,
				      const char *kind, const char *month, int64_t minutes,
				      bg_error *err)
{
	return db_exec(d, err, "INSERT INTO quota_uses(booking_id, person_id, cooperative_id, kind,"
			       " month, minutes, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
		       "iiIssii", booking_id, person_id, coop, kind, month, minutes, date_now());
}

/* Gives back whatever quota a booking still uses. */
static bg_status booking_quota_return(db *d, int64_t booking_id, bg_error *err)
{
	db_stmt *s = db_query(d, "SELECT person_id, coalesce(cooperative_id, 0), kind, month, sum(minutes)"
				 " FROM quota_uses WHERE booking_id = ? GROUP BY person_id, cooperative_id,"
				 " kind, month HAVING sum(minutes) <> 0", "i", booking_id);
	struct { int64_t who, coop, minutes; char kind[16], month[8]; } back[4];
	int n = 0;
	while (s && db_next(s) == 1 && n < 4) {
		back[n].who = db_int(s, 0);
		back[n].coop = db_int(s, 1);
		hosp_copy(back[n].kind, sizeof back[n].kind, db_text(s, 2));
		hosp_copy(back[n].month, sizeof back[n].month, db_text(s, 3));
		back[n++].minutes = db_int(s, 4);
	}
	bg_status st = db_done(s) == BG_OK ? BG_OK : bg_db_fail(err);
	for (int i = 0; st == BG_OK && i < n; i++)
		st = booking_quota_record(d, booking_id, back[i].who, back[i].coop, back[i].kind,
					  back[i].month, -back[i].minutes, err);
	return st;
}

/* Releases the bookings of a place (or all places when place_id is 0) that
 * were not checked in in time; frees their slots.  Returns the count. */
static int booking_release_due(db *d, int64_t place_id, int64_t now, const char *base_url, bg_error *err)
{
	enum { MAX = 64 };
	struct { int64_t id, resource_id, s, e; } due[MAX];
	int n = 0;
	db_stmt *q = db_query(d, "SELECT b.id, b.resource_id, b.starts_at, b.ends_at FROM places p"
				 " JOIN resources r ON r.place_id = p.id JOIN bookings b ON b.resource_id = r.id"
				 " WHERE p.checkin_release_min > 0 AND (? = 0 OR p.id = ?)"
				 " AND b.starts_at <= ? AND b.starts_at > ? AND b.status = 'confirmed'"
				 " AND b.checked_in_at IS NULL AND b.starts_at + p.checkin_release_min * 60 <= ?",
			      "iiiii", place_id, place_id, now, now - 86400, now);
	while (q && db_next(q) == 1 && n < MAX) {
		due[n].id = db_int(q, 0);
		due[n].resource_id = db_int(q, 1);
		due[n].s = db_int(q, 2);
		due[n++].e = db_int(q, 3);
	}
	if (db_done(q) != BG_OK) /* a count is answered: the error is set, not returned */
		return bg_db_fail_count(err);
	for (int i = 0; i < n; i++) {
		if (db_exec(d, err, "UPDATE bookings SET status = 'released', sequence = sequence + 1,"
				    " updated_at = ? WHERE id = ?", "ii", now, due[i].id) != BG_OK ||
		    booking_quota_return(d, due[i].id, err) != BG_OK ||
		    hosp_audit(d, 0, "release", "booking", due[i].id, "{\"status\":\"released\"}", err) != BG_OK ||
		    booking_offer_freed(d, due[i].resource_id, due[i].s, due[i].e, base_url, err) != BG_OK)
			return -1;
	}
	return n;
}

/* Books one occurrence once the slot itself is known valid. */
static bg_status booking_insert(db *d, int64_t actor, const resource *r, const place *p,
				int64_t coop, int64_t series_id, int64_t starts, int64_t ends,
				const char *note, int64_t except, int64_t *id_out,
				booking_clash *clash, bg_error *err)
{
	bg_status st = booking_find_clash(d, r, starts, ends, except, actor, clash, err);
	char month[8];
	booking_month(p->timezone, starts, month);
	int64_t minutes = (ends - starts + 59) / 60;
	if (st == BG_OK)
		st = booking_quota_check(d, actor, coop, r->kind, month, minutes, err);
	if (st != BG_OK)
		return st;
	int64_t now = date_now();
	int64_t id = 0;
	st = db_scalar(d, err, &id, NULL, "INSERT INTO bookings(resource_id, person_id, cooperative_id, series_id,"
			     " starts_at, ends_at, status, note, created_at, updated_at)"
			     " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
		     "iiIIiissii", r->id, actor, coop, series_id, starts, ends,
		     r->needs_approval ? "pending" : "confirmed", note ? note : "", now, now);
	if (st != BG_OK)
		return st;
	if (id_out)
		*id_out = id;
	st = booking_quota_record(d, id, actor, coop, r->kind, month, minutes, err);
	char after[160];
	snprintf(after, sizeof after, "{\"resource_id\":%lld,\"starts_at\":%lld,\"ends_at\":%lld,\"status\":\"%s\"}",
		 (long long)r->id, (long long)starts, (long long)ends,
		 r->needs_approval ? "pending" : "confirmed");
	if (st == BG_OK)
		st = hosp_audit(d, actor, "create", "booking", id, after, err);
	return st;
}

/* Common preparation: resource, place, rights, cooperative. */
static bg_status booking_prepare(db *d, int64_t actor, const booking_input *in, resource *r,
				 place *p, int64_t *coop, bg_error *err)
{
	if (in->resource_id <= 0)
		return bg_fail(err, BG_ERR_INVALID, "missing_field", "resource_id",
			       N_("Choose a resource."));
	bg_status st = hosp_resource_place(d, in->resource_id, r, p, err);
	if (st == BG_OK)
		st = place_may_book(d, actor, p, err);
	if (st != BG_OK)
		return st;
	*coop = in->cooperative_id ? in->cooperative_id : hosp_person_cooperative(d, actor);
	if (in->cooperative_id && in->cooperative_id != hosp_person_cooperative(d, actor)) {
		int64_t one;
		bool found = false;
		st = db_scalar(d, err, &one, &found, "SELECT 1 FROM roles r LEFT JOIN units u ON"
						     " r.scope_type = 'unit' AND u.id = r.scope_id WHERE r.person_id = ?"
						     " AND ((r.scope_type = 'cooperative' AND r.scope_id = ?)"
						     " OR u.cooperative_id = ?)", "iii", actor, *coop, *coop);
		if (st != BG_OK)
			return st;
		if (!found)
			return bg_fail(err, BG_ERR_UNPROCESSABLE, "not_in_cooperative", "cooperative_id",
				       N_("You can only book on behalf of a cooperative you belong to."));
	}
	if (in->note && strlen(in->note) > 500)
		return bg_fail(err, BG_ERR_INVALID, "too_long", "note", N_("This text is too long."));
	return booking_release_due(d, p->id, date_now(), in->base_url, err) < 0 ? BG_ERR_DB : BG_OK;
}

bg_status booking_create(db *d, int64_t actor, const booking_input *in, int64_t *id_out,
			 booking_clash *clash, bg_error *err)
{
	resource r;
	place p;
	int64_t coop;
	bg_status st = booking_prepare(d, actor, in, &r, &p, &coop, err);
	if (st == BG_OK)
		st = booking_validate_slot(d, &r, &p, in->starts_at, in->ends_at, date_now(), err);
	if (st == BG_OK)
		st = booking_insert(d, actor, &r, &p, coop, 0, in->starts_at, in->ends_at, in->note, 0,
				    id_out, clash, err);
	return st;
}

bg_status booking_create_series(db *d, int64_t actor, const booking_input *in,
				int64_t *series_id, int64_t *ids, int max_ids, int *count,
				booking_skip_fn skip, void *ctx, booking_clash *clash,
				bg_error *err)
{
	resource r;
	place p;
	int64_t coop, now = date_now();
	*count = 0;
	bool weekly = in->repeat && strcmp(in->repeat, "week") == 0;
	if (!weekly && !(in->repeat && strcmp(in->repeat, "month") == 0))
		return bg_fail(err, BG_ERR_INVALID, "invalid_repeat", "repeat",
			       N_("A series repeats every week or every month."));
	bg_status st = booking_prepare(d, actor, in, &r, &p, &coop, err);
	if (st == BG_OK)
		st = booking_validate_slot(d, &r, &p, in->starts_at, in->ends_at, now, err);
	if (st != BG_OK)
		return st;
	int y, m, dd;
	if (!in->until || !date_parse(in->until, &y, &m, &dd))
		return bg_fail(err, BG_ERR_INVALID, "invalid_date", "until",
			       N_("Give the last day of the series (YYYY-MM-DD)."));
	int64_t until = date_to_days(y, m, dd), day0;
	int minute0;
	tz_utc_to_local(p.timezone, in->starts_at, &day0, &minute0);
	if (until < day0)
		return bg_fail(err, BG_ERR_INVALID, "invalid_date", "until",
			       N_("The series must end on or after its first day."));
	if (until - day0 > HOSP_SERIES_MAX_DAYS)
		return bg_fail(err, BG_ERR_INVALID, "series_too_long", "until",
			       N_("A series may last at most two years."));
	st = db_scalar(d, err, series_id, NULL, "INSERT INTO booking_series(person_id, frequency, until_day, created_at)"
			     " VALUES (?, ?, ?, ?) RETURNING id", "issi", actor, weekly ? "week" : "month", in->until, now);
	if (st != BG_OK)
		return st;
	int64_t length = in->ends_at - in->starts_at;
	date_from_days(day0, &y, &m, &dd);
	for (int k = 0;; k++) {
		int64_t day;
		if (weekly) {
			day = day0 + 7 * k;
		} else {
			int yy = y + (m - 1 + k) / 12, mm = (m - 1 + k) % 12 + 1;
			if (dd > date_days_in_month(yy, mm)) {
				int64_t first = date_to_days(yy, mm, 1);
				if (first > until)
					break;
				bg_error why;
				bg_error_set(&why, BG_ERR_UNPROCESSABLE, "no_such_day", "starts_at",
					N_("This month has no such day."));
				if (skip)
					skip(ctx, tz_local_to_utc(p.timezone, first, minute0), 0, &why, NULL);
				continue;
			}
			day = date_to_days(yy, mm, dd);
		}
		if (day > until)
			break;
		int64_t s = tz_local_to_utc(p.timezone, day, minute0), e = s + length, id = 0;
		bg_error why;
		booking_clash c = {0};
		bg_status o = booking_validate_slot(d, &r, &p, s, e, now, &why);
		if (o == BG_OK)
			o = booking_insert(d, actor, &r, &p, coop, *series_id, s, e, in->note, 0, &id, &c, &why);
		if (o == BG_OK) {
			if (*count < max_ids)
				ids[*count] = id;
			(*count)++;
		} else if (o == BG_ERR_DB || o == BG_ERR_NOMEM || o == BG_ERR_INTERNAL) {
			*err = why;
			return o;
		} else if (skip) {
			skip(ctx, s, e, &why, o == BG_ERR_CONFLICT ? &c : NULL);
		}
	}
	if (*count == 0) {
		if (clash)
			*clash = (booking_clash){0};
		return bg_fail(err, BG_ERR_CONFLICT, "series_empty", "starts_at",
			       N_("No occurrence of this series could be booked."));
	}
	return hosp_audit(d, actor, "create", "booking_series", *series_id, NULL, err);
}

typedef struct booking_row {
	int64_t id, resource_id, person_id, starts_at, ends_at;
	char status[12];
} booking_row;

/* Loads a booking and checks that actor may change it: its owner before
 * the place's deadline, or a manager of the place. */
static bg_status booking_load_for_change(db *d, int64_t actor, int64_t id, booking_row *b,
					 resource *r, place *p, bool *manager, bg_error *err)
{
	db_stmt *s = db_query(d, "SELECT id, resource_id, person_id, starts_at, ends_at, status FROM bookings"
				 " WHERE id = ?", "i", id);
	int rc = s ? db_next(s) : -1;
	if (rc == 1) {
		b->id = db_int(s, 0);
		b->resource_id = db_int(s, 1);
		b->person_id = db_int(s, 2);
		b->starts_at = db_int(s, 3);
		b->ends_at = db_int(s, 4);
		hosp_copy(b->status, sizeof b->status, db_text(s, 5));
	}
	if (db_done(s) != BG_OK || rc < 0)
		return bg_db_fail(err);
	bg_status st = rc == 0 ? BG_ERR_NOT_FOUND : hosp_resource_place(d, b->resource_id, r, p, err);
	bg_error ignored;
	*manager = st == BG_OK && place_may_manage(d, actor, p, &ignored) == BG_OK;
	if (st == BG_ERR_NOT_FOUND || (st == BG_OK && b->person_id != actor && !*manager))
		return bg_fail(err, BG_ERR_NOT_FOUND, "not_found", "booking_id",
			       N_("This booking does not exist."));
	if (st != BG_OK)
		return st;
	if (strcmp(b->status, "pending") != 0 && strcmp(b->status, "confirmed") != 0)
		return bg_fail(err, BG_ERR_CONFLICT, "not_active", "booking_id",
			       N_("This booking is no longer active."));
	if (!*manager && date_now() > b->starts_at - (int64_t)p->cancel_deadline_min * 60)
		return bg_fail(err, BG_ERR_UNPROCESSABLE, "past_deadline", "starts_at",
			       N_("It is too late to change this booking: the place's deadline has passed."));
	return BG_OK;
}

bg_status booking_cancel(db *d, int64_t actor, int64_t id, const char *base_url, bg_error *err)
{
	booking_row b;
	resource r;
	place p;
	bool manager;
	bg_status st = booking_load_for_change(d, actor, id, &b, &r, &p, &manager, err);
	if (st == BG_OK)
		st = db_exec(d, err, "UPDATE bookings SET status = 'cancelled', sequence = sequence + 1,"
				     " updated_at = ? WHERE id = ?", "ii", date_now(), id);
	if (st == BG_OK)
		st = booking_quota_return(d, id, err);
	if (st == BG_OK)
		st = hosp_audit(d, actor, "cancel", "booking", id, "{\"status\":\"cancelled\"}", err);
	if (st == BG_OK)
		st = booking_offer_freed(d, b.resource_id, b.starts_at, b.ends_at, base_url, err);
	return st;
}

bg_status booking_move(db *d, int64_t actor, int64_t id, int64_t starts, int64_t ends,
		       const char *base_url, booking_clash *clash, bg_error *err)
{
	booking_row b;
	resource r;
	place p;
	bool manager;
	bg_status st = booking_load_for_change(d, actor, id, &b, &r, &p, &manager, err);
	if (st == BG_OK)
		st = booking_validate_slot(d, &r, &p, starts, ends, date_now(), err);
	if (st == BG_OK)
		st = booking_find_clash(d, &r, starts, ends, id, b.person_id, clash, err);
	int64_t coop = 0;
	if (st == BG_OK)
		st = db_scalar(d, err, &coop, NULL, "SELECT coalesce(cooperative_id, 0) FROM bookings"
						    " WHERE id = ?", "i", id);
	if (st == BG_OK)
		st = booking_quota_return(d, id, err);
	char month[8];
	booking_month(p.timezone, starts, month);
	int64_t minutes = (ends - starts + 59) / 60;
	if (st == BG_OK)
		st = booking_quota_check(d, b.person_id, coop, r.kind, month, minutes, err);
	if (st == BG_OK)
		st = booking_quota_record(d, id, b.person_id, coop, r.kind, month, minutes, err);
	if (st == BG_OK)
		st = db_exec(d, err, "UPDATE bookings SET starts_at = ?, ends_at = ?, sequence = sequence + 1,"
				     " updated_at = ?, checked_in_at = NULL WHERE id = ?",
			     "iiii", starts, ends, date_now(), id);
	char after[96];
	snprintf(after, sizeof after, "{\"starts_at\":%lld,\"ends_at\":%lld}", (long long)starts,
		 (long long)ends);
	if (st == BG_OK)
		st = hosp_audit(d, actor, "move", "booking", id, after, err);
	if (st == BG_OK)
		st = booking_offer_freed(d, b.resource_id, b.starts_at, b.ends_at, base_url, err);
	return st;
}

bool booking_check_in_open(int64_t starts_at, int64_t ends_at, int64_t now)
{
	assert(starts_at < ends_at);
	return starts_at - BOOKING_CHECK_IN_LEAD <= now && now < ends_at;
}

bg_status booking_check_in(db *d, int64_t actor, int64_t id, bg_error *err)
{
	int64_t now = date_now();
	db_stmt *s = db_query(d, "SELECT person_id, starts_at, ends_at, status = 'confirmed' AND checked_in_at IS NULL"
				 " FROM bookings WHERE id = ?", "i", id);
	int rc = s ? db_next(s) : -1;
	bool own = rc == 1 && db_int(s, 0) == actor;
	bool open = own && db_int(s, 3) && booking_check_in_open(db_int(s, 1), db_int(s, 2), now);
	if (db_done(s) != BG_OK || rc < 0)
		return bg_db_fail(err);
	/* rights first: someone else's booking does not exist for the actor */
	if (!own)
		return bg_fail(err, BG_ERR_NOT_FOUND, "not_found", "booking_id", N_("This booking does not exist."));
	if (!open)
		return bg_fail(err, BG_ERR_CONFLICT, "cannot_check_in", "booking_id",
			       N_("Check-in opens 15 minutes before the start of your booking."));
	bg_status st = db_exec(d, err, "UPDATE bookings SET checked_in_at = ?, updated_at = ? WHERE id = ?",
			       "iii", now, now, id);
	if (st == BG_OK)
		st = hosp_audit(d, actor, "check_in", "booking", id, NULL, err);
	return st;
}

bg_status booking_decide(db *d, int64_t actor, int64_t id, bool approve, const char *base_url,
			 bg_error *err)
{
	booking_row b;
	resource r;
	place p;
	bool manager;
	bg_status st = booking_load_for_change(d, actor, id, &b, &r, &p, &manager, err);
	if (st == BG_OK && !manager)
		st = bg_fail(err, BG_ERR_FORBIDDEN, "forbidden", NULL, N_("You are not allowed to do this."));
	if (st == BG_OK && strcmp(b.status, "pending") != 0)
		st = bg_fail(err, BG_ERR_CONFLICT, "not_pending", "booking_id",
			     N_("This booking does not wait for approval."));
	if (st == BG_OK)
		st = db_exec(d, err, "UPDATE bookings SET status = ?, sequence = sequence + 1, updated_at = ?"
				     " WHERE id = ?", "sii", approve ? "confirmed" : "refused", date_now(), id);
	if (st == BG_OK && !approve)
		st = booking_quota_return(d, id, err);
	if (st == BG_OK)
		st = hosp_audit(d, actor, approve ? "approve" : "refuse", "booking", id, NULL, err);
	person who;
	if (st == BG_OK && account_get(d, b.person_id, &who, NULL) == BG_OK) {
		buf t, when;
		buf_init(&t);
		buf_init(&when);
		hosp_format_local(&when, p.timezone, b.starts_at, who.lang);
		buf_printf(&t, approve ? tr(who.lang, "Hello %s,\n\nYour booking of %s (%s) on %s is confirmed.\n")
				       : tr(who.lang, "Hello %s,\n\nYour booking of %s (%s) on %s was refused.\n"),
			   who.display_name, r.name, p.name, when.data);
		buf_printf(&t, tr(who.lang, "Your bookings: %s/bookings\n"), HOSP_BASE(base_url));
		st = hosp_mail(d, who.email, approve ? tr(who.lang, "Bigre: booking confirmed")
						     : tr(who.lang, "Bigre: booking refused"),
			       t.data, NULL, NULL, err);
		buf_free(&when);
		buf_free(&t);
	}
	if (st == BG_OK && !approve)
		st = booking_offer_freed(d, b.resource_id, b.starts_at, b.ends_at, base_url, err);
	return st;
}

bg_status booking_wait(db *d, int64_t actor, int64_t resource_id, int64_t starts, int64_t ends,
		       int64_t *id_out, bg_error *err)
{
	resource r;
	place p;
	bg_status st = hosp_resource_place(d, resource_id, &r, &p, err);
	if (st == BG_OK)
		st = place_may_book(d, actor, &p, err);
	if (st == BG_OK)
		st = booking_validate_slot(d, &r, &p, starts, ends, date_now(), err);
	if (st != BG_OK)
		return st;
	st = db_scalar(d, err, id_out, NULL, "INSERT INTO booking_waits(resource_id, person_id, starts_at, ends_at,"
			     " status, created_at) VALUES (?, ?, ?, ?, 'waiting', ?) RETURNING id",
		     "iiiii", resource_id, actor, starts, ends, date_now());
	if (st != BG_OK)
		return st;
	return hosp_audit(d, actor, "create", "booking_wait", *id_out, NULL, err);
}

bg_status booking_offer_freed(db *d, int64_t resource_id, int64_t starts, int64_t ends,
			      const char *base_url, bg_error *err)
{
	resource r;
	place p;
	if (hosp_resource_place(d, resource_id, &r, &p, NULL) != BG_OK)
		return BG_OK;
	enum { MAX = 16 };
	struct { int64_t id, who, s, e; } w[MAX];
	int n = 0;
	db_stmt *q = db_query(d, "SELECT id, person_id, starts_at, ends_at FROM booking_waits"
				 " WHERE resource_id = ? AND status = 'waiting' AND starts_at < ? AND ends_at > ?"
				 " AND starts_at > ? ORDER BY created_at, id LIMIT 16",
			      "iiii", resource_id, ends, starts, date_now());
	while (q && db_next(q) == 1 && n < MAX) {
		w[n].id = db_int(q, 0);
		w[n].who = db_int(q, 1);
		w[n].s = db_int(q, 2);
		w[n++].e = db_int(q, 3);
	}
	if (db_done(q) != BG_OK)
		return bg_db_fail(err);
	for (int i = 0; i < n; i++) {
		bg_error ignored;
		if (booking_find_clash(d, &r, w[i].s, w[i].e, 0, w[i].who, NULL, &ignored) != BG_OK)
			continue;
		int64_t expires = date_now() + (int64_t)p.offer_minutes * 60;
		bg_status st = db_exec(d, err, "UPDATE booking_waits SET status = 'offered',"
					       " offer_expires_at = ? WHERE id = ?", "ii", expires, w[i].id);
		if (st == BG_OK)
			st = hosp_audit(d, 0, "offer", "booking_wait", w[i].id, NULL, err);
		person who;
		if (st == BG_OK && account_get(d, w[i].who, &who, NULL) == BG_OK) {
			buf t, when, until;
			buf_init(&t);
			buf_init(&when);
			buf_init(&until);
			hosp_format_local(&when, p.timezone, w[i].s, who.lang);
			hosp_format_local(&until, p.timezone, expires, who.lang);
			buf_printf(&t, tr(who.lang, "Hello %s,\n\nA slot you were waiting for is free: %s (%s), %s.\n"
						    "It is kept for you until %s: take it from \"My bookings\":\n%s/bookings\n"),
				   who.display_name, r.name, p.name, when.data, until.data, HOSP_BASE(base_url));
			buf_free(&when);
			buf_free(&until);
			st = hosp_mail(d, who.email, tr(who.lang, "Bigre: a slot is free for you"), t.data,
				       NULL, NULL, err);
			buf_free(&t);
		}
		return st;
	}
	return BG_OK;
}

bg_status booking_accept_offer(db *d, int64_t actor, int64_t wait_id, int64_t *booking_id,
			       bg_error *err)
{
	int64_t resource_id = 0, s = 0, e = 0, expires = 0;
	char status[12] = "";
	db_stmt *q = db_query(d, "SELECT resource_id, starts_at, ends_at, status, coalesce(offer_expires_at, 0)"
				 " FROM booking_waits WHERE id = ? AND person_id = ?", "ii", wait_id, actor);
	if (q && db_next(q) == 1) {
		resource_id = db_int(q, 0);
		s = db_int(q, 1);
		e = db_int(q, 2);
		hosp_copy(status, sizeof status, db_text(q, 3));
		expires = db_int(q, 4);
	}
	if (db_done(q) != BG_OK)
		return bg_db_fail(err);
	if (!resource_id)
		return bg_fail(err, BG_ERR_NOT_FOUND, "not_found", "wait_id",
			       N_("This waiting-list entry does not exist."));
	if (strcmp(status, "offered") != 0 || expires <= date_now())
		return bg_fail(err, BG_ERR_CONFLICT, "no_live_offer", "wait_id",
			       N_("There is no offer to take, or it has expired."));
	booking_input in = {.resource_id = resource_id, .starts_at = s, .ends_at = e};
	booking_clash c;
	bg_status st = booking_create(d, actor, &in, booking_id, &c, err);
	if (st == BG_OK)
		st = db_exec(d, err, "UPDATE booking_waits SET status = 'accepted' WHERE id = ?", "i", wait_id);
	if (st == BG_OK)
		st = hosp_audit(d, actor, "accept", "booking_wait", wait_id, NULL, err);
	return st;
}

bg_status booking_set_quota(db *d, int64_t actor, const char *scope_kind, int64_t scope_id,
			    const char *kind, int64_t minutes, bg_error *err)
{
	bool for_person = scope_kind && strcmp(scope_kind, "person") == 0;
	if (!for_person && !(scope_kind && strcmp(scope_kind, "cooperative") == 0))
		return bg_fail(err, BG_ERR_INVALID, "invalid_scope", "scope_type",
			       N_("A quota is set for a person or a cooperative."));
	if (minutes < 0 || minutes > 44640)
		return bg_fail(err, BG_ERR_INVALID, "invalid_value", "minutes_per_month",
			       N_("This value is out of range."));
	int64_t coop = for_person ? hosp_person_cooperative(d, scope_id) : scope_id;
	bg_status st = actor ? authz_check(d, actor, AUTHZ_PLACE_MANAGE,
					   (scope){coop ? SCOPE_COOPERATIVE : SCOPE_GROUP, coop}, err)
			     : BG_OK;
	if (st == BG_OK)
		st = db_exec(d, err, "INSERT INTO quotas(scope_type, scope_id, kind, minutes_per_month)"
				     " VALUES (?, ?, ?, ?) ON CONFLICT(scope_type, scope_id, kind)"
				     " DO UPDATE SET minutes_per_month = excluded.minutes_per_month",
			     "sisi", scope_kind, scope_id, kind, minutes);
	if (st == BG_OK)
		st = hosp_audit(d, actor, "set", "quota", scope_id, NULL, err);
	return st;
}

int hospitality_tick(db *d, int64_t now, const char *base_url, bg_error *err)
{
	int done = booking_release_due(d, 0, now, base_url, err);
	if (done < 0)
		return -1;
	enum { MAX = 32 };
	struct { int64_t id, resource_id, s, e; } x[MAX];
	int n = 0;
	db_stmt *q = db_query(d, "SELECT id, resource_id, starts_at, ends_at FROM booking_waits"
				 " WHERE status = 'offered' AND offer_expires_at <= ? LIMIT 32", "i", now);
	while (q && db_next(q) == 1 && n < MAX) {
		x[n].id = db_int(q, 0);
		x[n].resource_id = db_int(q, 1);
		x[n].s = db_int(q, 2);
		x[n++].e = db_int(q, 3);
	}
	if (db_done(q) != BG_OK) /* a count is answered: the error is set, not returned */
		return bg_db_fail_count(err);
	for (int i = 0; i < n; i++) {
		if (db_exec(d, err, "UPDATE booking_waits SET status = 'expired' WHERE id = ?", "i", x[i].id) != BG_OK ||
		    booking_offer_freed(d, x[i].resource_id, x[i].s, x[i].e, base_url, err) != BG_OK)
			return -1;
		done++;
	}
	int r = infosession_send_reminders(d, now, base_url, err);
	if (r < 0)
		return -1;
	int iv = interview_send_reminders(d, now, base_url, err);
	if (iv < 0)
		return -1;
	r += iv;
	int g = digest_send_due(d, now, base_url, err);
	return g < 0 ? -1 : done + r + g;
}

/* Reports each row of sql (an id) through report. */
static void hospitality_check_query(db *d, const char *sql, const char *what,
				    void (*report)(void *ctx, const char *what), void *ctx)
{
	db_check_rows(d, sql, what, 0, report, ctx);
}

void hospitality_check(db *d, void (*report)(void *ctx, const char *what), void *ctx)
{
	hospitality_check_query(d,
		"SELECT b.id FROM bookings b JOIN resources r ON r.id = b.resource_id"
		" WHERE b.status IN ('pending', 'confirmed') AND (SELECT count(*) FROM bookings a"
		" WHERE a.resource_id = b.resource_id AND a.status IN ('pending', 'confirmed')"
		" AND a.starts_at < b.ends_at AND a.ends_at > b.starts_at"
		" AND a.starts_at > b.starts_at - 1209600) > r.capacity",
		"a booking overlaps more bookings than its resource's capacity", report, ctx);
	hospitality_check_query(d,
		"SELECT b.id FROM bookings b JOIN resources r ON r.id = b.resource_id JOIN bookings a"
		" ON a.resource_id = r.parent_id WHERE b.status IN ('pending', 'confirmed')"
		" AND a.status IN ('pending', 'confirmed') AND a.starts_at < b.ends_at AND a.ends_at > b.starts_at",
		"a booking overlaps a booking of its parent resource", report, ctx);
	hospitality_check_query(d,
		"SELECT booking_id FROM quota_uses GROUP BY booking_id HAVING sum(minutes) < 0",
		"a booking gave back more quota than it used", report, ctx);
	hospitality_check_query(d,
		"SELECT b.id FROM bookings b JOIN resources r ON r.id = b.resource_id"
		" WHERE b.ends_at - b.starts_at > r.longest_booking_s",
		"a booking is longer than its resource's longest booking on record", report, ctx);
}

/* ---------------------------------------------------------- read lists */

/* The bookings booking_list_mine lists: bound by the person, since, and 1
 * for the pending and confirmed ones only. */
#define BOOKING_MINE_FROM                                                                                              \
	" FROM bookings b JOIN resources r ON r.id = b.resource_id JOIN places p ON p.id = r.place_id"                  \
	" WHERE b.person_id = ? AND b.ends_at > ? AND (? = 0 OR b.status IN ('pending', 'confirmed'))"

bg_status booking_list_mine(db *d, arena *a, int64_t person_id, int64_t since, bool active_only, int64_t limit,
			    int64_t offset, booking_mine_row **out, size_t *n, int64_t *total, bg_error *err)
{
	assert(limit > 0 && offset >= 0);
	*out = NULL;
	*n = 0;
	db_stmt *s = DB_PAGE_QUERY(d, total, "SELECT b.id, b.resource_id, r.name, p.id, p.name, b.starts_at, b.ends_at,"
				     " b.status, b.sequence, b.checked_in_at IS NOT NULL, p.timezone, p.checkin_release_min",
				     BOOKING_MINE_FROM, "b.starts_at, b.id", limit, offset, "iii", person_id, since,
				     (int64_t)active_only);
	int rc = -1;
	while (s && (rc = db_next(s)) == 1) {
		*out = arena_grow(a, *out, *n, sizeof **out);
		booking_mine_row *r = &(*out)[(*n)++];
		r->id = db_int(s, 0);
		r->resource_id = db_int(s, 1);
		r->resource = arena_strdup(a, db_text(s, 2));
		r->place_id = db_int(s, 3);
		r->place = arena_strdup(a, db_text(s, 4));
		r->starts_at = db_int(s, 5);
		r->ends_at = db_int(s, 6);
		r->status = arena_strdup(a, db_text(s, 7));
		r->sequence = db_int(s, 8);
		r->checked_in = db_int(s, 9) != 0;
		r->timezone = arena_strdup(a, db_text(s, 10));
		r->checkin_release_min = db_int(s, 11);
	}
	bg_status st = db_done(s);
	return rc == 0 && st == BG_OK ? BG_OK : bg_db_fail(err);
}

bg_status booking_resource_of(db *d, int64_t actor, int64_t booking_id, int64_t *resource_id, bg_error *err)
{
	bool found = false;
	*resource_id = 0;
	if (!place_is_member(d, actor))
		return bg_fail(err, BG_ERR_NOT_FOUND, "not_found", NULL, N_("This booking does not exist."));
	if (db_scalar(d, err, resource_id, &found, "SELECT resource_id FROM bookings WHERE id = ?", "i", booking_id) != BG_OK)
		return BG_ERR_DB;
	if (!found)
		return bg_fail(err, BG_ERR_NOT_FOUND, "not_found", NULL, N_("This booking does not exist."));
	return BG_OK;
}

bg_status booking_get_mine(db *d, int64_t actor, int64_t id, bool active_only, int64_t *resource_id,
			   int64_t *starts_at, int64_t *ends_at, bg_error *err)
{
	db_stmt *s = db_query(d, "SELECT resource_id, starts_at, ends_at FROM bookings WHERE id = ? AND person_id = ?"
				 " AND (? = 0 OR status IN ('pending', 'confirmed'))",
			      "iii", id, actor, (int64_t)active_only);
	int rc = db_next(s);
	if (rc == 1) {
		*resource_id = db_int(s, 0);
		*starts_at = db_int(s, 1);
		*ends_at = db_int(s, 2);
	}
	if (db_done(s) != BG_OK)
		return bg_db_fail(err);
	if (rc != 1 || actor <= 0)
		return bg_fail(err, BG_ERR_NOT_FOUND, "not_found", NULL, N_("This booking does not exist."));
	return BG_OK;
}

bg_status booking_wait_list_mine(db *d, arena *a, int64_t person_id, booking_wait_row **out, size_t *n,
				 bg_error *err)
{
	db_stmt *s = db_query(d, "SELECT w.id, w.resource_id, w.starts_at, w.ends_at, w.status,"
				 " coalesce(w.offer_expires_at, 0), r.name, p.timezone FROM booking_waits w"
				 " JOIN resources r ON r.id = w.resource_id JOIN places p ON p.id = r.place_id"
				 " WHERE w.person_id = ? AND w.status IN ('waiting', 'offered') ORDER BY w.starts_at",
			      "i", person_id);
	*out = NULL;
	*n = 0;
	while (db_next(s) == 1) {
		*out = arena_grow(a, *out, *n, sizeof **out);
		booking_wait_row *w = &(*out)[(*n)++];
		w->id = db_int(s, 0);
		w->resource_id = db_int(s, 1);
		w->starts_at = db_int(s, 2);
		w->ends_at = db_int(s, 3);
		w->status = arena_strdup(a, db_text(s, 4));
		w->offer_expires_at = db_int(s, 5);
		w->resource = arena_strdup(a, db_text(s, 6));
		w->timezone = arena_strdup(a, db_text(s, 7));
	}
	return db_done(s) == BG_OK ? BG_OK : bg_db_fail(err);
}

bg_status quota_list_mine(db *d, arena *a, int64_t person_id, const char *month, quota_row **quotas,
			  size_t *nquotas, quota_use_row **uses, size_t *nuses, bg_error *err)
{
	*quotas = NULL;
	*uses = NULL;
	*nquotas = *nuses = 0;
	db_stmt *s = db_query(d, "SELECT q.kind, q.minutes_per_month, (SELECT coalesce(sum(u.minutes), 0) FROM quota_uses u"
				 " WHERE u.person_id = q.scope_id AND u.kind = q.kind AND u.month = ?) FROM quotas q"
				 " WHERE q.scope_type = 'person' AND q.scope_id = ? ORDER BY q.kind", "si", month, person_id);
	while (s && db_next(s) == 1) {
		*quotas = arena_grow(a, *quotas, *nquotas, sizeof **quotas);
		quota_row *q = &(*quotas)[(*nquotas)++];
		q->kind = arena_strdup(a, db_text(s, 0));
		q->minutes_per_month = db_int(s, 1);
		q->minutes_used = db_int(s, 2);
	}
	if (db_done(s) != BG_OK)
		return bg_db_fail(err);
	s = db_query(d, "SELECT booking_id, kind, minutes, at FROM quota_uses WHERE person_id = ? AND month = ? ORDER BY id",
		     "is", person_id, month);
	while (s && db_next(s) == 1) {
		*uses = arena_grow(a, *uses, *nuses, sizeof **uses);
		quota_use_row *u = &(*uses)[(*nuses)++];
		u->booking_id = db_int(s, 0);
		u->kind = arena_strdup(a, db_text(s, 1));
		u->minutes = db_int(s, 2);
		u->at = db_int(s, 3);
	}
	return db_done(s) == BG_OK ? BG_OK : bg_db_fail(err);
}
