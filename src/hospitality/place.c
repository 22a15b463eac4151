/*
 * place.c — places, their opening rules and resources, and availability.
 *
 * Opening rules of a local day, in order: a closure covering the day
 * closes it; exceptions for that date replace the weekly hours (a 0–0
 * exception closes it); otherwise the weekly ranges of its weekday apply.
 *
 * Availability is computed when asked, never stored in the database (the
 * server remembers computed weeks: see avail_cache.c): for each resource,
 * the opening ranges of each day minus the times where its load reaches
 * its capacity.  Load counts its own active bookings (pending, confirmed,
 * and slots held by a waiting-list offer) widened by its buffer, and a
 * booking of its parent or of any of its children counts as the whole
 * capacity (booking a room blocks its desks, and a booked desk blocks the
 * room).  Bookings due for release (no check-in in time) are not counted.
 * The checked entry, place_availability, is in avail_cache.c: this file
 * computes (avail_compute), the cache calls it, and nothing here calls
 * the cache back.
 */
#include "core/mem.h"
#include "hospitality/hosp_internal.h"
#include "auth/authz.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/json.h"
#include "db/audit.h"
#include <stdlib.h>

bg_status hosp_audit(db *d, int64_t actor, const char *action, const char *entity, int64_t id,
		     const char *after_json, bg_error *err)
{
	return audit_record(d, actor, action, entity, id, NULL, after_json, err);
}

int64_t hosp_person_cooperative(db *d, int64_t person_id)
{
	int64_t coop = 0;
	bool found = false;
	if (db_scalar(d, NULL, &coop, &found,
		      "SELECT CASE r.scope_type WHEN 'cooperative' THEN r.scope_id"
		      " ELSE (SELECT cooperative_id FROM units u WHERE u.id = r.scope_id) END"
		      " FROM roles r WHERE r.person_id = ? AND r.scope_type IN ('cooperative', 'unit')"
		      " ORDER BY r.scope_type, r.id LIMIT 1", "i", person_id) != BG_OK || !found)
		return 0;
	return coop;
}

void place_defaults(place *p)
{
	memset(p, 0, sizeof *p);
	hosp_copy(p->timezone, sizeof p->timezone, HOSP_DEFAULT_TZ);
	hosp_copy(p->owner_type, sizeof p->owner_type, "cooperative");
	p->cancel_deadline_min = 120;
	p->offer_minutes = 120;
}

/* The scope a place's owner stands for (a member's place: the group). */
static scope place_owner_scope(const place *p)
{
	if (strcmp(p->owner_type, "cooperative") == 0)
		return (scope){SCOPE_COOPERATIVE, p->owner_id};
	if (strcmp(p->owner_type, "unit") == 0)
		return (scope){SCOPE_UNIT, p->owner_id};
	return (scope){SCOPE_GROUP, 0};
}

bool place_is_member(db *d, int64_t actor)
{
	bg_error refused;
	return actor > 0 && authz_check_somewhere(d, actor, AUTHZ_PLACE_SEE, &refused) == BG_OK;
}

bg_status place_may_manage(db *d, int64_t actor, const place *p, bg_error *err)
{
	if (strcmp(p->owner_type, "person") == 0 && p->owner_id == actor && actor > 0)
		return BG_OK;
	bg_status st = authz_check(d, actor, AUTHZ_PLACE_MANAGE, place_owner_scope(p), err);
	if (st == BG_ERR_NOT_FOUND && place_is_member(d, actor))
		return bg_fail(err, BG_ERR_FORBIDDEN, "forbidden", NULL,
			       N_("You are not allowed to do this."));
	return st;
}

bg_status place_may_book(db *d, int64_t actor, const place *p, bg_error *err)
{
	if (!place_is_member(d, actor))
		return bg_fail(err, BG_ERR_FORBIDDEN, "not_a_member", "resource_id",
			       N_("Only members of the group may book places."));
	if (!p->restricted)
		return BG_OK;
	if (strcmp(p->owner_type, "person") == 0 && p->owner_id == actor)
		return BG_OK;
	bg_error inner;
	if (strcmp(p->owner_type, "person") != 0 &&
	    authz_check(d, actor, AUTHZ_PLACE_BOOK, place_owner_scope(p), &inner) == BG_OK)
		return BG_OK;
	return bg_fail(err, BG_ERR_FORBIDDEN, "place_restricted", "resource_id",
		       N_("This place is reserved to the people of its cooperative."));
}

/* Checks a position: latitude within ±90°, longitude within ±180°. */
static bg_status place_validate_position(bool has, int64_t lat_e6, int64_t lon_e6, bg_error *err)
{
	if (has && (lat_e6 < -GEO_LAT_LIMIT_E6 || lat_e6 > GEO_LAT_LIMIT_E6))
		return bg_fail(err, BG_ERR_INVALID, "invalid_latitude", "latitude",
			       N_("The latitude is a number of degrees between -90 and 90, like 44.8378."));
	if (has && (lon_e6 < -GEO_LON_LIMIT_E6 || lon_e6 > GEO_LON_LIMIT_E6))
		return bg_fail(err, BG_ERR_INVALID, "invalid_longitude", "longitude",
			       N_("The longitude is a number of degrees between -180 and 180, like -0.5792."));
	return BG_OK;
}

bg_status place_validate(db *d, const place *p, bg_error *err)
{
	if (!p->name[0])
		return bg_fail(err, BG_ERR_INVALID, "missing_field", "name", N_("The name is required."));
	if (!tz_valid(p->timezone))
		return bg_fail(err, BG_ERR_INVALID, "invalid_timezone", "timezone",
			       N_("Unknown time zone."));
	const char *sql = strcmp(p->owner_type, "cooperative") == 0 ? "SELECT 1 FROM cooperatives WHERE id = ?"
			  : strcmp(p->owner_type, "unit") == 0       ? "SELECT 1 FROM units WHERE id = ?"
			  : strcmp(p->owner_type, "person") == 0     ? "SELECT 1 FROM people WHERE id = ?"
								     : NULL;
	int64_t one;
	bool found = false;
	if (!sql || db_scalar(d, NULL, &one, &found, sql, "i", p->owner_id) != BG_OK || !found)
		return bg_fail(err, BG_ERR_INVALID, "invalid_owner", "owner_id",
			       N_("The place must be offered by a cooperative, a unit or a member."));
	if (p->cancel_deadline_min < 0 || p->cancel_deadline_min > 43200)
		return bg_fail(err, BG_ERR_INVALID, "invalid_value", "cancel_deadline_min",
			       N_("This value is out of range."));
	if (p->checkin_release_min < 0 || p->checkin_release_min > 1440)
		return bg_fail(err, BG_ERR_INVALID, "invalid_value", "checkin_release_min",
			       N_("This value is out of range."));
	if (p->offer_minutes < 5 || p->offer_minutes > 10080)
		return bg_fail(err, BG_ERR_INVALID, "invalid_value", "offer_minutes",
			       N_("This value is out of range."));
	return place_validate_position(p->has_position, p->latitude_e6, p->longitude_e6, err);
}

bg_status place_create(db *d, int64_t actor, place *p, const place_hours *hours, int nhours,
		       bg_error *err)
{
	bg_status st = place_validate(d, p, err);
	if (st == BG_OK && actor)
		st = place_may_manage(d, actor, p, err);
	for (int i = 0; st == BG_OK && i < nhours; i++)
		if (hours[i].weekday < 1 || hours[i].weekday > 7 || hours[i].opens < 0 ||
		    hours[i].closes > 1440 || hours[i].opens >= hours[i].closes)
			st = bg_fail(err, BG_ERR_INVALID, "invalid_hours", "hours",
				     N_("Opening hours must close after they open, within the day."));
	if (st != BG_OK)
		return st;
	st = db_scalar(d, err, &p->id, NULL,
		     "INSERT INTO places(name, owner_type, owner_id, address, postcode, city, territory,"
		     " timezone, accessibility, restricted, cancel_deadline_min, checkin_release_min,"
		     " offer_minutes, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
		     "ssissssssiiiii", p->name, p->owner_type, p->owner_id, p->address, p->postcode,
		     p->city, p->territory, p->timezone, p->accessibility, (int64_t)p->restricted,
		     (int64_t)p->cancel_deadline_min, (int64_t)p->checkin_release_min,
		     (int64_t)p->offer_minutes, date_now());
	if (st != BG_OK)
		return st;
	/* (a coordinate may be 0: the Greenwich meridian crosses France) */
	if (p->has_position)
		st = db_exec(d, err, "UPDATE places SET latitude_e6 = ?, longitude_e6 = ? WHERE id = ?", "iii",
			     p->latitude_e6, p->longitude_e6, p->id);
	for (int i = 0; st == BG_OK && i < nhours; i++)
		st = db_exec(d, err, "INSERT INTO place_hours(place_id, weekday, opens, closes)"
				     " VALUES (?, ?, ?, ?)", "iiii", p->id, (int64_t)hours[i].weekday,
			     (int64_t)hours[i].opens, (int64_t)hours[i].closes);
	if (st != BG_OK)
		return st;
	buf a;
	buf_init(&a);
	buf_puts(&a, "{\"name\":");
	json_put_string(&a, p->name);
	buf_printf(&a, ",\"owner_type\":\"%s\",\"owner_id\":%lld}", p->owner_type,
		   (long long)p->owner_id);
	st = hosp_audit(d, actor, "create", "place", p->id, a.data, err);
	buf_free(&a);
	return st;
}

bg_status place_load(db *d, int64_t id, place *out, bg_error *err)
{
	db_stmt *s = db_query(d, "SELECT id, name, owner_type, owner_id, address, postcode, city,"
				 " territory, timezone, accessibility, restricted, cancel_deadline_min,"
				 " checkin_release_min, offer_minutes, latitude_e6, longitude_e6"
				 " FROM places WHERE id = ? AND archived = 0",
			      "i", id);
	int rc = s ? db_next(s) : -1;
	if (rc == 1) {
		out->id = db_int(s, 0);
		hosp_copy(out->name, sizeof out->name, db_text(s, 1));
		hosp_copy(out->owner_type, sizeof out->owner_type, db_text(s, 2));
		out->owner_id = db_int(s, 3);
		hosp_copy(out->address, sizeof out->address, db_text(s, 4));
		hosp_copy(out->postcode, sizeof out->postcode, db_text(s, 5));
		hosp_copy(out->city, sizeof out->city, db_text(s, 6));
		hosp_copy(out->territory, sizeof out->territory, db_text(s, 7));
		hosp_copy(out->timezone, sizeof out->timezone, db_text(s, 8));
		hosp_copy(out->accessibility, sizeof out->accessibility, db_text(s, 9));
		out->restricted = db_int(s, 10) != 0;
		out->cancel_deadline_min = (int)db_int(s, 11);
		out->checkin_release_min = (int)db_int(s, 12);
		out->offer_minutes = (int)db_int(s, 13);
		out->has_position = !db_null(s, 14) && !db_null(s, 15);
		out->latitude_e6 = out->has_position ? db_int(s, 14) : 0;
		out->longitude_e6 = out->has_position ? db_int(s, 15) : 0;
	}
	if (db_done(s) != BG_OK || rc < 0)
		return bg_db_fail(err);
	if (rc == 0)
		return bg_fail(err, BG_ERR_NOT_FOUND, "not_found", "place_id",
			       N_("This place does not exist."));
	return BG_OK;
}

/* 404 for a person who may not see the group's places: for them, no place
 * exists. */
static bg_status place_visible(db *d, int64_t actor, bg_error *err)
{
	if (place_is_member(d, actor))
		return BG_OK;
	return bg_fail(err, BG_ERR_NOT_FOUND, "not_found", "place_id", N_("This place does not exist."));
}

bg_status place_get(db *d, int64_t actor, int64_t id, place *out, bg_error *err)
{
	bg_status st = place_visible(d, actor, err);
	return st == BG_OK ? place_load(d, id, out, err) : st;
}

bg_status place_set_position(db *d, int64_t actor, int64_t place_id, bool has, int64_t lat_e6,
			     int64_t lon_e6, bg_error *err)
{
	place p;
	bg_status st = place_load(d, place_id, &p, err);
	if (st == BG_OK && actor)
		st = place_may_manage(d, actor, &p, err);
	if (st == BG_OK)
		st = place_validate_position(has, lat_e6, lon_e6, err);
	if (st == BG_OK && has)
		st = db_exec(d, err, "UPDATE places SET latitude_e6 = ?, longitude_e6 = ? WHERE id = ?", "iii",
			     lat_e6, lon_e6, place_id);
	else if (st == BG_OK)
		st = db_exec(d, err, "UPDATE places SET latitude_e6 = NULL, longitude_e6 = NULL WHERE id = ?",
			     "i", place_id);
	char after[96];
	if (has)
		snprintf(after, sizeof after, "{\"latitude_e6\":%lld,\"longitude_e6\":%lld}", (long long)lat_e6,
			 (long long)lon_e6);
	else
		snprintf(after, sizeof after, "{\"latitude_e6\":null,\"longitude_e6\":null}");
	if (st == BG_OK)
		st = hosp_audit(d, actor, "position", "place", place_id, after, err);
	return st;
}

bg_status place_add_exception(db *d, int64_t actor, int64_t place_id, const char *day,
			      int opens, int closes, int64_t *id_out, bg_error *err)
{
	place p;
	int y, m, dd;
	bg_status st = place_load(d, place_id, &p, err);
	if (st == BG_OK)
		st = place_may_manage(d, actor, &p, err);
	if (st != BG_OK)
		return st;
	if (!date_parse(day, &y, &m, &dd))
		return bg_fail(err, BG_ERR_INVALID, "invalid_date", "day", N_("This date is not valid."));
	if (!(opens == 0 && closes == 0) && (opens < 0 || closes > 1440 || opens >= closes))
		return bg_fail(err, BG_ERR_INVALID, "invalid_hours", "closes",
			       N_("Opening hours must close after they open, within the day."));
	int64_t id = 0;
	st = db_scalar(d, err, &id, NULL, "INSERT INTO place_exceptions(place_id, day, opens, closes) VALUES (?,?,?,?)"
					  " RETURNING id", "isii", place_id, day, (int64_t)opens, (int64_t)closes);
	if (st == BG_OK && id_out)
		*id_out = id;
	if (st == BG_OK)
		st = hosp_audit(d, actor, "create", "place_exception", id, NULL, err);
	return st;
}

bg_status place_add_closure(db *d, int64_t actor, int64_t place_id, const char *first_day,
			    const char *last_day, const char *reason, int64_t *id_out, bg_error *err)
{
	place p;
	int y, m, dd;
	bg_status st = place_load(d, place_id, &p, err);
	if (st == BG_OK)
		st = place_may_manage(d, actor, &p, err);
	if (st != BG_OK)
		return st;
	if (!date_parse(first_day, &y, &m, &dd))
		return bg_fail(err, BG_ERR_INVALID, "invalid_date", "first_day", N_("This date is not valid."));
	if (!date_parse(last_day, &y, &m, &dd) || strcmp(last_day, first_day) < 0)
		return bg_fail(err, BG_ERR_INVALID, "invalid_date", "last_day",
			       N_("The last day must be a valid date on or after the first day."));
	int64_t id = 0;
	st = db_scalar(d, err, &id, NULL, "INSERT INTO place_closures(place_id, first_day, last_day, reason)"
					  " VALUES (?,?,?,?) RETURNING id", "isss", place_id, first_day, last_day,
		       reason ? reason : "");
	if (st == BG_OK && id_out)
		*id_out = id;
	if (st == BG_OK)
		st = hosp_audit(d, actor, "create", "place_closure", id, NULL, err);
	return st;
}

void resource_defaults(resource *r)
{
	memset(r, 0, sizeof *r);
	hosp_copy(r->kind, sizeof r->kind, "desk");
	r->capacity = 1;
	r->max_duration_min = 600;
}

static const char *const resource_kinds[] = {"desk", "meeting_room", "workshop", "machine", "office", NULL};

bg_status resource_validate(const resource *r, bg_error *err)
{
	bool kind_ok = false;
	for (int i = 0; resource_kinds[i]; i++)
		kind_ok |= strcmp(r->kind, resource_kinds[i]) == 0;
	if (!r->name[0])
		return bg_fail(err, BG_ERR_INVALID, "missing_field", "name", N_("The name is required."));
	if (!kind_ok)
		return bg_fail(err, BG_ERR_INVALID, "invalid_kind", "kind",
			       N_("The kind must be desk, meeting_room, workshop, machine or office."));
	if (r->capacity < 1 || r->capacity > 1000)
		return bg_fail(err, BG_ERR_INVALID, "invalid_value", "capacity", N_("This value is out of range."));
	if (r->min_notice_min < 0 || r->min_notice_min > 43200)
		return bg_fail(err, BG_ERR_INVALID, "invalid_value", "min_notice_min", N_("This value is out of range."));
	if (r->max_duration_min < 15 || r->max_duration_min > 20160)
		return bg_fail(err, BG_ERR_INVALID, "invalid_value", "max_duration_min", N_("This value is out of range."));
	if (r->buffer_min < 0 || r->buffer_min > 240)
		return bg_fail(err, BG_ERR_INVALID, "invalid_value", "buffer_min", N_("This value is out of range."));
	return BG_OK;
}

bg_status resource_create(db *d, int64_t actor, resource *r, bg_error *err)
{
	place p;
	bg_status st = place_load(d, r->place_id, &p, err);
	if (st == BG_OK && actor)
		st = place_may_manage(d, actor, &p, err);
	if (st != BG_OK)
		return st;
	st = resource_validate(r, err);
	if (st != BG_OK)
		return st;
	if (r->parent_id) {
		/* one level: the parent is a resource of the same place without a parent */
		int64_t one;
		bool found = false;
		st = db_scalar(d, err, &one, &found, "SELECT 1 FROM resources WHERE id = ? AND place_id = ?"
						     " AND parent_id IS NULL", "ii", r->parent_id, r->place_id);
		if (st != BG_OK)
			return st;
		if (!found)
			return bg_fail(err, BG_ERR_INVALID, "invalid_parent", "parent_id",
				       N_("The parent must be a resource of the same place, itself without a parent."));
	}
	st = db_scalar(d, err, &r->id, NULL, "INSERT INTO resources(place_id, parent_id, name, kind, capacity,"
			     " min_notice_min, max_duration_min, buffer_min, needs_approval)"
			     " VALUES (?,?,?,?,?,?,?,?,?) RETURNING id",
		     "iIssiiiii", r->place_id, r->parent_id, r->name, r->kind, (int64_t)r->capacity,
		     (int64_t)r->min_notice_min, (int64_t)r->max_duration_min, (int64_t)r->buffer_min,
		     (int64_t)r->needs_approval);
	if (st != BG_OK)
		return st;
	buf a;
	buf_init(&a);
	buf_printf(&a, "{\"place_id\":%lld,\"name\":", (long long)r->place_id);
	json_put_string(&a, r->name);
	buf_printf(&a, ",\"kind\":\"%s\",\"capacity\":%d}", r->kind, r->capacity);
	st = hosp_audit(d, actor, "create", "resource", r->id, a.data, err);
	buf_free(&a);
	return st;
}

/* Reads a resource row selected with the column order of resource_get. */
static void resource_read(db_stmt *s, resource *out)
{
	out->id = db_int(s, 0);
	out->place_id = db_int(s, 1);
	out->parent_id = db_int(s, 2);
	hosp_copy(out->name, sizeof out->name, db_text(s, 3));
	hosp_copy(out->kind, sizeof out->kind, db_text(s, 4));
	out->capacity = (int)db_int(s, 5);
	out->min_notice_min = (int)db_int(s, 6);
	out->max_duration_min = (int)db_int(s, 7);
	out->buffer_min = (int)db_int(s, 8);
	out->needs_approval = db_int(s, 9) != 0;
}

#define RESOURCE_COLUMNS "id, place_id, coalesce(parent_id, 0), name, kind, capacity," \
	" min_notice_min, max_duration_min, buffer_min, needs_approval"

bg_status resource_load(db *d, int64_t id, resource *out, bg_error *err)
{
	db_stmt *s = db_query(d, "SELECT " RESOURCE_COLUMNS " FROM resources WHERE id = ? AND archived = 0",
			      "i", id);
	int rc = s ? db_next(s) : -1;
	if (rc == 1)
		resource_read(s, out);
	if (db_done(s) != BG_OK || rc < 0)
		return bg_db_fail(err);
	if (rc == 0)
		return bg_fail(err, BG_ERR_NOT_FOUND, "not_found", "resource_id",
			       N_("This resource does not exist."));
	return BG_OK;
}

bg_status resource_get(db *d, int64_t actor, int64_t id, resource *out, bg_error *err)
{
	bg_status st = place_visible(d, actor, err);
	return st == BG_OK ? resource_load(d, id, out, err) : st;
}

bg_status hosp_resource_place(db *d, int64_t resource_id, resource *r, place *p, bg_error *err)
{
	bg_status st = resource_load(d, resource_id, r, err);
	if (st == BG_OK)
		st = place_load(d, r->place_id, p, err);
	return st;
}

/* The opening rules of a place over a range of days, loaded with three
 * queries (weekly hours, exceptions, closures) instead of three a day. */
typedef struct place_rules {
	int hours[7][8][2];
	int nhours[7];
	struct { int64_t day; int opens, closes; } exc[64];
	int nexc;
	struct { int64_t first, last; } clo[32];
	int nclo;
} place_rules;

/* "YYYY-MM-DD" → day number (0 when malformed). */
static int64_t place_day_number(const char *s)
{
	int y, m, d;
	return s && date_parse(s, &y, &m, &d) ? date_to_days(y, m, d) : 0;
}

/* Loads the weekly hours of p and its exceptions and closures between the
 * local days d0 and d1 into r; false when one could not be read. */
static bool place_rules_load(db *d, const place *p, int64_t d0, int64_t d1, place_rules *r)
{
	memset(r, 0, sizeof *r);
	bool ok = true;
	char a[32], b[32];
	int y, m, dd;
	date_from_days(d0, &y, &m, &dd);
	snprintf(a, sizeof a, "%04d-%02d-%02d", y, m, dd);
	date_from_days(d1, &y, &m, &dd);
	snprintf(b, sizeof b, "%04d-%02d-%02d", y, m, dd);
	db_stmt *s = db_query(d, "SELECT weekday, opens, closes FROM place_hours WHERE place_id = ? ORDER BY weekday, opens",
			      "i", p->id);
	while (s && db_next(s) == 1) {
		int w = (int)db_int(s, 0) - 1;
		if (w >= 0 && w < 7 && r->nhours[w] < 8) {
			r->hours[w][r->nhours[w]][0] = (int)db_int(s, 1);
			r->hours[w][r->nhours[w]++][1] = (int)db_int(s, 2);
		}
	}
	ok = db_done(s) == BG_OK && ok;
	s = db_query(d, "SELECT day, opens, closes FROM place_exceptions WHERE place_id = ? AND day BETWEEN ? AND ?"
			" ORDER BY day, opens", "iss", p->id, a, b);
	while (s && db_next(s) == 1 && r->nexc < 64) {
		r->exc[r->nexc].day = place_day_number(db_text(s, 0));
		r->exc[r->nexc].opens = (int)db_int(s, 1);
		r->exc[r->nexc++].closes = (int)db_int(s, 2);
	}
	ok = db_done(s) == BG_OK && ok;
	s = db_query(d, "SELECT first_day, last_day FROM place_closures WHERE place_id = ? AND last_day >= ? AND first_day <= ?",
		     "iss", p->id, a, b);
	while (s && db_next(s) == 1 && r->nclo < 32) {
		r->clo[r->nclo].first = place_day_number(db_text(s, 0));
		r->clo[r->nclo++].last = place_day_number(db_text(s, 1));
	}
	return db_done(s) == BG_OK && ok;
}

/* The opening ranges of one day from loaded rules. */
static int place_rules_day(const place_rules *r, int64_t day, int ranges[][2], int max)
{
	for (int i = 0; i < r->nclo; i++)
		if (day >= r->clo[i].first && day <= r->clo[i].last)
			return 0;
	int n = 0;
	bool exception = false;
	for (int i = 0; i < r->nexc; i++) {
		if (r->exc[i].day != day)
			continue;
		exception = true;
		if (r->exc[i].closes > r->exc[i].opens && n < max) {
			ranges[n][0] = r->exc[i].opens;
			ranges[n++][1] = r->exc[i].closes;
		}
	}
	if (exception)
		return n;
	int w = (int)(((day % 7) + 7 + 3) % 7);
	for (int i = 0; i < r->nhours[w] && n < max; i++) {
		ranges[n][0] = r->hours[w][i][0];
		ranges[n++][1] = r->hours[w][i][1];
	}
	return n;
}

int place_day_ranges(db *d, const place *p, int64_t day, int ranges[][2], int max)
{
	place_rules r;
	if (!place_rules_load(d, p, day, day, &r))
		return -1;
	return place_rules_day(&r, day, ranges, max);
}

bool place_slot_open(db *d, const place *p, int64_t starts, int64_t ends)
{
	int64_t day;
	int minute;
	tz_utc_to_local(p->timezone, starts, &day, &minute);
	int ranges[8][2];
	int n = place_day_ranges(d, p, day, ranges, 8);
	for (int i = 0; i < n; i++) {
		int64_t open = tz_local_to_utc(p->timezone, day, ranges[i][0]);
		int64_t close = tz_local_to_utc(p->timezone, day, ranges[i][1]);
		if (starts >= open && ends <= close)
			return true;
	}
	return false;
}

/* A busy or free interval, and the bookings loaded for availability. */
typedef struct span {
	int64_t s, e;
} span;
typedef struct held {
	int64_t resource_id, s, e;
} held;
typedef struct ev {
	int64_t t;
	int delta;
} ev;

static int ev_cmp(const void *a, const void *b)
{
	const ev *x = a, *y = b;
	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return x->delta - y->delta; /* ends before starts at the same instant */
}

/* The intervals where r's load reaches its capacity, sorted; returns count.
 * h holds r's own bookings (resource_id = r->id) and those of related
 * resources tagged resource_id = -r->id. */
static int availability_busy(const resource *r, const held *h, int nh, span *out, ev *evs)
{
	int ne = 0;
	for (int i = 0; i < nh; i++) {
		if (h[i].resource_id == r->id) {
			evs[ne++] = (ev){h[i].s - r->buffer_min * 60, 1};
			evs[ne++] = (ev){h[i].e + r->buffer_min * 60, -1};
		} else if (h[i].resource_id == -r->id) {
			/* a parent's or child's booking, tagged with -r->id: blocks all */
			evs[ne++] = (ev){h[i].s, r->capacity};
			evs[ne++] = (ev){h[i].e, -r->capacity};
		}
	}
	qsort(evs, (size_t)ne, sizeof *evs, ev_cmp);
	int load = 0, n = 0;
	int64_t since = 0;
	for (int i = 0; i < ne; i++) {
		int before = load;
		load += evs[i].delta;
		if (before < r->capacity && load >= r->capacity)
			since = evs[i].t;
		else if (before >= r->capacity && load < r->capacity && evs[i].t > since)
			out[n++] = (span){since, evs[i].t};
	}
	return n;
}

resource *avail_resources(db *d, int64_t place_id, int *n)
{
	int cap = 16;
	*n = 0;
	resource *rs = xmalloc(sizeof *rs * (size_t)cap);
	db_stmt *s = db_query(d, "SELECT " RESOURCE_COLUMNS " FROM resources WHERE place_id = ?"
				 " AND archived = 0 ORDER BY coalesce(parent_id, id), id", "i", place_id);
	int rc = -1;
	while (s && (rc = db_next(s)) == 1) {
		if (*n == cap)
			rs = xrealloc(rs, sizeof *rs * (size_t)(cap *= 2));
		resource_read(s, &rs[(*n)++]);
	}
	if (db_done(s) != BG_OK)
		rc = -1; /* a failed step */
	if (rc != 0) {
		free(rs);
		return NULL;
	}
	return rs;
}

bg_status avail_compute(db *d, const place *pp, const resource *rs, int nr, int64_t from, int64_t to,
			int64_t now, availability_fn emit, void *ctx, int64_t *valid_until, bg_error *err)
{
	const place p = *pp;
	int64_t place_id = p.id;
	*valid_until = INT64_MAX;
	db_stmt *s;
	/* active bookings and offers of the place's resources around the range */
	int nh = 0, caph = 256;
	held *h = xmalloc(sizeof *h * (size_t)caph);
	int64_t release = p.checkin_release_min * 60;
	/* how far back a booking running into the range may have started */
	int64_t longest = 0;
	bool found;
	if (db_scalar(d, err, &longest, &found, "SELECT coalesce(max(longest_booking_s), 0) FROM resources"
						 " WHERE place_id = ?", "i", place_id) != BG_OK) {
		free(h);
		return err->status;
	}
	/* the fourth column: when the row stops counting without any write (a
	 * booking with no check-in is released, an offer expires), else 0 */
	s = db_query(d, "SELECT b.resource_id, b.starts_at, b.ends_at,"
			" CASE WHEN ? > 0 AND b.checked_in_at IS NULL THEN b.starts_at + ? ELSE 0 END"
			" FROM resources r JOIN bookings b ON b.resource_id = r.id"
			" WHERE r.place_id = ? AND b.starts_at < ? AND b.starts_at > ? AND b.ends_at > ?"
			" AND b.status IN ('pending', 'confirmed')"
			" AND NOT (? > 0 AND b.checked_in_at IS NULL AND b.starts_at + ? <= ?)"
			" UNION ALL SELECT w.resource_id, w.starts_at, w.ends_at, w.offer_expires_at FROM resources r"
			" JOIN booking_waits w ON w.resource_id = r.id WHERE r.place_id = ?"
			" AND w.status = 'offered' AND w.offer_expires_at > ? AND w.starts_at < ? AND w.ends_at > ?",
		     "iiiiiiiiiiiii", release, release, place_id, to + 14400, from - longest - 14400,
		     from - 14400, release, release, now, place_id, now, to + 14400, from - 14400);
	int rc = -1;
	while (s && (rc = db_next(s)) == 1) {
		if (nh == caph)
			h = xrealloc(h, sizeof *h * (size_t)(caph *= 2));
		h[nh++] = (held){db_int(s, 0), db_int(s, 1), db_int(s, 2)};
		int64_t lapses = db_int(s, 3);
		if (lapses > 0 && lapses < *valid_until)
			*valid_until = lapses;
	}
	if (db_done(s) != BG_OK)
		rc = -1; /* a failed step */
	if (rc != 0) {
		/* an answer read halfway must not be given, nor remembered */
		free(h);
		return bg_db_fail(err);
	}
	/* related bookings: a parent's or a child's count whole, tagged -id of
	 * the resource they block (only places with nested resources pay) */
	bool nested = false;
	for (int j = 0; j < nr; j++)
		nested |= rs[j].parent_id != 0;
	int base = nested ? nh : 0;
	for (int i = 0; i < base; i++)
		for (int j = 0; j < nr; j++) {
			bool related = false;
			for (int k = 0; k < nr; k++)
				if (rs[k].id == h[i].resource_id)
					related = rs[j].parent_id == rs[k].id || rs[k].parent_id == rs[j].id;
			if (!related)
				continue;
			if (nh == caph)
				h = xrealloc(h, sizeof *h * (size_t)(caph *= 2));
			h[nh++] = (held){-rs[j].id, h[i].s, h[i].e};
		}
	span *busy = xmalloc(sizeof *busy * (size_t)(nh + 1));
	ev *evs = xmalloc(sizeof *evs * (size_t)(2 * nh + 2));
	/* opening ranges of each local day of the range */
	int64_t d0, d1;
	int m0, m1;
	tz_utc_to_local(p.timezone, from, &d0, &m0);
	tz_utc_to_local(p.timezone, to, &d1, &m1);
	/* the local bounds of every opening range, converted under one lock */
	int nopen = 0, capo = 64;
	int64_t *days = xmalloc(sizeof *days * (size_t)capo * 2);
	int *minutes = xmalloc(sizeof *minutes * (size_t)capo * 2);
	place_rules *rules = xmalloc(sizeof *rules);
	if (!place_rules_load(d, &p, d0, d1, rules)) {
		free(rules);
		free(minutes);
		free(days);
		free(evs);
		free(h);
		return bg_db_fail(err);
	}
	for (int64_t day = d0; day <= d1; day++) {
		int ranges[8][2];
		int n = place_rules_day(rules, day, ranges, 8);
		for (int i = 0; i < n; i++) {
			if (nopen == capo) {
				capo *= 2;
				days = xrealloc(days, sizeof *days * (size_t)capo * 2);
				minutes = xrealloc(minutes, sizeof *minutes * (size_t)capo * 2);
			}
			days[2 * nopen] = days[2 * nopen + 1] = day;
			minutes[2 * nopen] = ranges[i][0];
			minutes[2 * nopen + 1] = ranges[i][1];
			nopen++;
		}
	}
	int64_t *bounds = xmalloc(sizeof *bounds * (size_t)(2 * nopen + 1));
	tz_local_to_utc_batch(p.timezone, (size_t)(2 * nopen), days, minutes, bounds);
	span *open = xmalloc(sizeof *open * (size_t)(nopen + 1));
	int kept = 0;
	for (int i = 0; i < nopen; i++) {
		int64_t a = bounds[2 * i], b = bounds[2 * i + 1];
		if (a < from)
			a = from;
		if (a < now)
			a = now - now % 60 + 60;
		if (b > to)
			b = to;
		if (a < b)
			open[kept++] = (span){a, b};
	}
	nopen = kept;
	free(bounds);
	free(minutes);
	free(days);
	for (int j = 0; j < nr; j++) {
		int nb = availability_busy(&rs[j], h, nh, busy, evs);
		for (int i = 0; i < nopen; i++) {
			int64_t cur = open[i].s;
			for (int k = 0; k < nb && cur < open[i].e; k++) {
				if (busy[k].e <= cur || busy[k].s >= open[i].e)
					continue;
				if (busy[k].s > cur)
					emit(ctx, &rs[j], cur, busy[k].s);
				cur = busy[k].e;
			}
			if (cur < open[i].e)
				emit(ctx, &rs[j], cur, open[i].e);
		}
	}
	free(rules);
	free(open);
	free(evs);
	free(busy);
	free(h);
	return BG_OK;
}

/* ---------------------------------------------------------- read lists */

#define PLACE_SUMMARY_SQL "SELECT p.id, p.name, p.owner_type, p.owner_id, p.address, p.postcode, p.city," \
	" p.territory, p.timezone, p.accessibility, p.restricted," \
	" (SELECT count(*) FROM resources r WHERE r.place_id = p.id AND r.archived = 0)," \
	" p.latitude_e6, p.longitude_e6 FROM places p"

/* Reads a row of PLACE_SUMMARY_SQL. */
static void place_summary_row(db_stmt *s, arena *a, place_summary *p)
{
	p->id = db_int(s, 0);
	p->name = arena_strdup(a, db_text(s, 1));
	p->owner_type = arena_strdup(a, db_text(s, 2));
	p->owner_id = db_int(s, 3);
	p->address = arena_strdup(a, db_text(s, 4));
	p->postcode = arena_strdup(a, db_text(s, 5));
	p->city = arena_strdup(a, db_text(s, 6));
	p->territory = arena_strdup(a, db_text(s, 7));
	p->timezone = arena_strdup(a, db_text(s, 8));
	p->accessibility = arena_strdup(a, db_text(s, 9));
	p->restricted = db_int(s, 10) != 0;
	p->resources = db_int(s, 11);
	p->has_position = !db_null(s, 12) && !db_null(s, 13);
	p->latitude_e6 = db_int(s, 12);
	p->longitude_e6 = db_int(s, 13);
}

bg_status place_summary_list(db *d, arena *a, int64_t actor, const char *territory, const char *city,
			     const char *kind, place_summary **out, size_t *n, bg_error *err)
{
	*out = NULL;
	*n = 0;
	if (!place_is_member(d, actor))
		return bg_fail(err, BG_ERR_FORBIDDEN, "not_a_member", NULL, N_("Only members of the group may do this."));
	db_stmt *s = db_query(d, PLACE_SUMMARY_SQL " WHERE p.archived = 0 AND (? IS NULL OR p.territory = ?)"
				 " AND (? IS NULL OR p.city = ?) AND (? IS NULL OR EXISTS (SELECT 1 FROM"
				 " resources r WHERE r.place_id = p.id AND r.kind = ?)) ORDER BY p.territory, p.city, p.name",
			      "ssssss", territory, territory, city, city, kind, kind);
	*out = NULL;
	*n = 0;
	while (s && db_next(s) == 1) {
		*out = arena_grow(a, *out, *n, sizeof **out);
		place_summary_row(s, a, &(*out)[(*n)++]);
	}
	return db_done(s) == BG_OK ? BG_OK : bg_db_fail(err);
}

bg_status place_summary_get(db *d, arena *a, int64_t actor, int64_t id, bool with_archived, place_summary *out,
			    bg_error *err)
{
	bg_status vis = place_visible(d, actor, err);
	if (vis != BG_OK)
		return vis;
	db_stmt *s = db_query(d, PLACE_SUMMARY_SQL " WHERE p.id = ? AND (? OR p.archived = 0)", "ii", id,
			      (int64_t)with_archived);
	int rc = s ? db_next(s) : -1;
	if (rc == 1)
		place_summary_row(s, a, out);
	if (db_done(s) != BG_OK)
		rc = -1; /* a failed step */
	if (rc == 1)
		return BG_OK;
	return rc < 0 ? bg_db_fail(err)
		      : bg_fail(err, BG_ERR_NOT_FOUND, "not_found", NULL, N_("This place does not exist."));
}

bg_status place_choice_list(db *d, arena *a, int64_t actor, hosp_choice **out, size_t *n, bg_error *err)
{
	*out = NULL;
	*n = 0;
	bg_status vis = place_visible(d, actor, err);
	if (vis != BG_OK)
		return vis;
	return hosp_choices_read(db_query(d, "SELECT id, name FROM places WHERE archived = 0 ORDER BY name, id", NULL), a,
				 out, n, err);
}

bg_status place_exception_list(db *d, arena *a, int64_t actor, int64_t place_id, const char *from_day,
			       place_exception **out, size_t *n, bg_error *err)
{
	*out = NULL;
	*n = 0;
	bg_status vis = place_visible(d, actor, err);
	if (vis != BG_OK)
		return vis;
	db_stmt *s = db_query(d, "SELECT id, day, opens, closes FROM place_exceptions WHERE place_id = ? AND day >= ?"
				 " ORDER BY day, opens", "is", place_id, from_day);
	while (s && db_next(s) == 1) {
		*out = arena_grow(a, *out, *n, sizeof **out);
		place_exception *e = &(*out)[(*n)++];
		e->id = db_int(s, 0);
		e->day = arena_strdup(a, db_text(s, 1));
		e->opens = (int)db_int(s, 2);
		e->closes = (int)db_int(s, 3);
	}
	return db_done(s) == BG_OK ? BG_OK : bg_db_fail(err);
}

bg_status place_closure_list(db *d, arena *a, int64_t actor, int64_t place_id, const char *from_day, place_closure **out,
			     size_t *n, bg_error *err)
{
	*out = NULL;
	*n = 0;
	bg_status vis = place_visible(d, actor, err);
	if (vis != BG_OK)
		return vis;
	db_stmt *s = db_query(d, "SELECT id, first_day, last_day, reason FROM place_closures WHERE place_id = ?"
				 " AND last_day >= ? ORDER BY first_day", "is", place_id, from_day);
	while (s && db_next(s) == 1) {
		*out = arena_grow(a, *out, *n, sizeof **out);
		place_closure *c = &(*out)[(*n)++];
		c->id = db_int(s, 0);
		c->first_day = arena_strdup(a, db_text(s, 1));
		c->last_day = arena_strdup(a, db_text(s, 2));
		c->reason = arena_strdup(a, db_text(s, 3));
	}
	return db_done(s) == BG_OK ? BG_OK : bg_db_fail(err);
}

bg_status resource_list(db *d, arena *a, int64_t actor, int64_t place_id, resource **out, size_t *n, bg_error *err)
{
	*out = NULL;
	*n = 0;
	bg_status vis = place_visible(d, actor, err);
	if (vis != BG_OK)
		return vis;
	db_stmt *s = db_query(d, "SELECT id, coalesce(parent_id, 0), name, kind, capacity, min_notice_min,"
				 " max_duration_min, buffer_min, needs_approval FROM resources"
				 " WHERE place_id = ? AND archived = 0 ORDER BY coalesce(parent_id, id), id", "i", place_id);
	*out = NULL;
	*n = 0;
	while (s && db_next(s) == 1) {
		*out = arena_grow(a, *out, *n, sizeof **out);
		resource *r = &(*out)[(*n)++];
		r->id = db_int(s, 0);
		r->place_id = place_id;
		r->parent_id = db_int(s, 1);
		hosp_copy(r->name, sizeof r->name, db_text(s, 2));
		hosp_copy(r->kind, sizeof r->kind, db_text(s, 3));
		r->capacity = (int)db_int(s, 4);
		r->min_notice_min = (int)db_int(s, 5);
		r->max_duration_min = (int)db_int(s, 6);
		r->buffer_min = (int)db_int(s, 7);
		r->needs_approval = db_int(s, 8) != 0;
	}
	return db_done(s) == BG_OK ? BG_OK : bg_db_fail(err);
}
