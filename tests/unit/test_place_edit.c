/* test_place_edit.c — editing places and resources after creation: the
 * rules (validation as at creation, overlapping hours, parents, capacity
 * below the bookings to come, archiving with bookings to come), rights,
 * the audit, and availability answering each edit at once (through the
 * cache of avail_cache.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "hosp_fixture.h"
#include "auth/account.h"
#include "auth/authz.h"
#include "core/date.h"
#include "hospitality/hospitality.h"
#include "hospitality/hosp_internal.h"
#include "testclock.h"

/* The shared place with a host, its room of capacity 3. */
static void fixture_make(fixture *f)
{
	hosp_fixture_make(f, true, 3);
}

/* The free minutes of a resource over day n (through the cache). */
typedef struct free_sum {
	int64_t rid, seconds;
	int spans;
} free_sum;

static void sum_emit(void *ctx, const resource *r, int64_t s, int64_t e)
{
	free_sum *f = ctx;
	if (r->id == f->rid) {
		f->seconds += e - s;
		f->spans++;
	}
}

static free_sum free_of(fixture *f, int64_t rid, int day)
{
	free_sum s = {rid, 0, 0};
	bg_error err;
	assert_int_equal(place_availability(f->d, f->member, f->p.id, at(f, day, 0), at(f, day + 1, 0), sum_emit, &s, &err),
			 BG_OK);
	return s;
}

/* How many audit rows of an action on an entity (with before and after). */
static int64_t audited(fixture *f, const char *action, const char *entity, bool with_before)
{
	int64_t n = 0;
	bg_error err;
	assert_int_equal(db_scalar(f->d, &err, &n, NULL, "SELECT count(*) FROM audit_log WHERE action = ? AND entity = ?"
						  " AND (? = 0 OR before IS NOT NULL)",
				   "ssi", action, entity, (int64_t)with_before), BG_OK);
	return n;
}

static void test_place_update(void **state)
{
	(void)state;
	fixture f;
	fixture_make(&f);
	bg_error err;
	place p;
	assert_int_equal(place_load(f.d, f.p.id, &p, &err), BG_OK);
	/* a member who does not manage the place */
	snprintf(p.name, sizeof p.name, "Autre");
	assert_int_equal(db_begin(f.d, DB_WRITE, &err), BG_OK);
	assert_int_equal(place_update(f.d, f.member, &p, &err), BG_ERR_FORBIDDEN);
	db_rollback(f.d);
	/* validation as at creation */
	p.name[0] = 0;
	assert_int_equal(db_begin(f.d, DB_WRITE, &err), BG_OK);
	assert_int_equal(place_update(f.d, f.host, &p, &err), BG_ERR_INVALID);
	assert_string_equal(err.field, "name");
	snprintf(p.name, sizeof p.name, "Autre");
	snprintf(p.timezone, sizeof p.timezone, "Mars/Olympus");
	assert_int_equal(place_update(f.d, f.host, &p, &err), BG_ERR_INVALID);
	assert_string_equal(err.field, "timezone");
	snprintf(p.timezone, sizeof p.timezone, "Europe/Paris");
	p.offer_minutes = 1;
	assert_int_equal(place_update(f.d, f.host, &p, &err), BG_ERR_INVALID);
	assert_string_equal(err.field, "offer_minutes");
	p.offer_minutes = 60;
	p.checkin_release_min = 15;
	p.restricted = true;
	snprintf(p.city, sizeof p.city, "Bordeaux");
	assert_int_equal(place_update(f.d, f.host, &p, &err), BG_OK);
	assert_int_equal(db_commit(f.d, &err), BG_OK);
	place back;
	assert_int_equal(place_load(f.d, f.p.id, &back, &err), BG_OK);
	assert_string_equal(back.name, "Autre");
	assert_string_equal(back.city, "Bordeaux");
	assert_true(back.restricted);
	assert_int_equal(back.offer_minutes, 60);
	assert_int_equal(back.checkin_release_min, 15);
	assert_int_equal(audited(&f, "update", "place", true), 1);
	testdb_close(f.d);
}

static void test_place_hours(void **state)
{
	(void)state;
	fixture f;
	fixture_make(&f);
	bg_error err;
	int bad;
	free_sum before = free_of(&f, f.room.id, 3);
	assert_int_equal(before.seconds, 12 * 3600);
	/* overlapping ranges of the same day: refused, the day named */
	place_hours h[14];
	for (int i = 0; i < 7; i++) {
		h[2 * i] = (place_hours){i + 1, 9 * 60, 12 * 60};
		h[2 * i + 1] = (place_hours){i + 1, 14 * 60, 18 * 60};
	}
	h[5].opens = 11 * 60; /* Wednesday 11:00–18:00 overlaps 09:00–12:00 */
	assert_int_equal(db_begin(f.d, DB_WRITE, &err), BG_OK);
	assert_int_equal(place_set_hours(f.d, f.host, f.p.id, h, 14, &bad, &err), BG_ERR_INVALID);
	assert_string_equal(err.code, "overlapping_hours");
	assert_string_equal(err.field, "hours");
	assert_int_equal(bad, 3);
	h[5].opens = 14 * 60;
	h[0].closes = 24 * 60 + 1;
	assert_int_equal(place_set_hours(f.d, f.host, f.p.id, h, 14, &bad, &err), BG_ERR_INVALID);
	assert_int_equal(bad, 1);
	h[0].closes = 12 * 60;
	h[1].weekday = 8;
	assert_int_equal(place_set_hours(f.d, f.host, f.p.id, h, 14, &bad, &err), BG_ERR_INVALID);
	h[1].weekday = 1;
	assert_int_equal(place_set_hours(f.d, f.member, f.p.id, h, 14, &bad, &err), BG_ERR_FORBIDDEN);
	db_rollback(f.d);
	/* nothing was written */
	assert_int_equal(free_of(&f, f.room.id, 3).seconds, 12 * 3600);
	/* two ranges a day: availability answers at once */
	assert_int_equal(db_begin(f.d, DB_WRITE, &err), BG_OK);
	assert_int_equal(place_set_hours(f.d, f.host, f.p.id, h, 14, &bad, &err), BG_OK);
	assert_int_equal(db_commit(f.d, &err), BG_OK);
	free_sum after = free_of(&f, f.room.id, 3);
	assert_int_equal(after.seconds, 7 * 3600);
	assert_int_equal(after.spans, 2);
	place_hours back[64];
	int nback = 0;
	assert_int_equal(place_hours_get(f.d, f.host, f.p.id, back, 64, &nback, &err), BG_OK);
	assert_int_equal(nback, 14);
	assert_int_equal(audited(&f, "hours", "place", true), 1);
	/* no hours at all: closed every day */
	assert_int_equal(db_begin(f.d, DB_WRITE, &err), BG_OK);
	assert_int_equal(place_set_hours(f.d, f.host, f.p.id, NULL, 0, &bad, &err), BG_OK);
	assert_int_equal(db_commit(f.d, &err), BG_OK);
	assert_int_equal(free_of(&f, f.room.id, 3).seconds, 0);
	testdb_close(f.d);
}

/* A place closed every day: its weeks have no free span at all, and such
 * a week is cached and read back like any other (issue 9: the empty week's
 * copy was a memcpy from NULL, undefined behaviour caught by UBSan). */
static void test_empty_week_cached(void **state)
{
	(void)state;
	fixture f;
	fixture_make(&f);
	bg_error err;
	int bad;
	assert_int_equal(db_begin(f.d, DB_WRITE, &err), BG_OK);
	assert_int_equal(place_set_hours(f.d, f.host, f.p.id, NULL, 0, &bad, &err), BG_OK);
	assert_int_equal(db_commit(f.d, &err), BG_OK);
	/* three weeks ahead hold at least one whole week, which is cached */
	free_sum first = {f.room.id, 0, 0}, again = {f.room.id, 0, 0};
	uint64_t hits0, misses0, hits1, misses1;
	assert_int_equal(place_availability(f.d, f.member, f.p.id, at(&f, 10, 0), at(&f, 31, 0), sum_emit, &first, &err),
			 BG_OK);
	avail_cache_counts(&hits0, &misses0);
	assert_int_equal(place_availability(f.d, f.member, f.p.id, at(&f, 10, 0), at(&f, 31, 0), sum_emit, &again, &err),
			 BG_OK);
	avail_cache_counts(&hits1, &misses1);
	assert_true(hits1 > hits0);
	assert_int_equal(first.spans, 0);
	assert_int_equal(again.spans, 0);
	testdb_close(f.d);
}

static void test_remove_exception_closure(void **state)
{
	(void)state;
	fixture f;
	fixture_make(&f);
	bg_error err;
	char day[11];
	tz_day_from_today(TZ_GROUP, 4, day);
	assert_int_equal(db_begin(f.d, DB_WRITE, &err), BG_OK);
	assert_int_equal(place_add_exception(f.d, f.host, f.p.id, day, 0, 0, NULL, &err), BG_OK);
	int64_t eid = 0, cid = 0;
	assert_int_equal(db_scalar(f.d, &err, &eid, NULL, "SELECT max(id) FROM place_exceptions", NULL), BG_OK);
	assert_int_equal(db_commit(f.d, &err), BG_OK);
	assert_int_equal(free_of(&f, f.room.id, 4).seconds, 0);
	/* someone else's id, a member: refused; nothing removed */
	assert_int_equal(db_begin(f.d, DB_WRITE, &err), BG_OK);
	assert_int_equal(place_remove_exception(f.d, f.host, f.p.id, eid + 1000, &err), BG_ERR_NOT_FOUND);
	assert_int_equal(place_remove_exception(f.d, f.member, f.p.id, eid, &err), BG_ERR_FORBIDDEN);
	assert_int_equal(place_remove_exception(f.d, f.host, f.p.id, eid, &err), BG_OK);
	assert_int_equal(db_commit(f.d, &err), BG_OK);
	assert_int_equal(free_of(&f, f.room.id, 4).seconds, 12 * 3600);
	assert_int_equal(db_begin(f.d, DB_WRITE, &err), BG_OK);
	assert_int_equal(place_add_closure(f.d, f.host, f.p.id, day, day, "Travaux", NULL, &err), BG_OK);
	assert_int_equal(db_scalar(f.d, &err, &cid, NULL, "SELECT max(id) FROM place_closures", NULL), BG_OK);
	assert_int_equal(db_commit(f.d, &err), BG_OK);
	assert_int_equal(free_of(&f, f.room.id, 4).seconds, 0);
	assert_int_equal(db_begin(f.d, DB_WRITE, &err), BG_OK);
	assert_int_equal(place_remove_closure(f.d, f.member, f.p.id, cid, &err), BG_ERR_FORBIDDEN);
	assert_int_equal(place_remove_closure(f.d, f.host, f.p.id, cid, &err), BG_OK);
	assert_int_equal(place_remove_closure(f.d, f.host, f.p.id, cid, &err), BG_ERR_NOT_FOUND);
	assert_int_equal(db_commit(f.d, &err), BG_OK);
	assert_int_equal(free_of(&f, f.room.id, 4).seconds, 12 * 3600);
	assert_int_equal(audited(&f, "delete", "place_exception", true), 1);
	assert_int_equal(audited(&f, "delete", "place_closure", true), 1);
	testdb_close(f.d);
}

static void test_resource_update(void **state)
{
	(void)state;
	fixture f;
	fixture_make(&f);
	bg_error err;
	booking_clash c;
	int64_t id;
	/* two overlapping bookings of the room (capacity 3) */
	assert_int_equal(db_begin(f.d, DB_WRITE, &err), BG_OK);
	booking_input in = {.resource_id = f.room.id, .starts_at = at(&f, 5, 9), .ends_at = at(&f, 5, 11)};
	assert_int_equal(booking_create(f.d, f.member, &in, &id, &c, &err), BG_OK);
	in.starts_at = at(&f, 5, 10);
	in.ends_at = at(&f, 5, 12);
	assert_int_equal(booking_create(f.d, f.host, &in, &id, &c, &err), BG_OK);
	assert_int_equal(db_commit(f.d, &err), BG_OK);
	resource r = f.room;
	/* capacity 1 is below the load 10:00–11:00: refused, the slot named */
	r.capacity = 1;
	assert_int_equal(db_begin(f.d, DB_WRITE, &err), BG_OK);
	assert_int_equal(resource_update(f.d, f.host, &r, &c, &err), BG_ERR_CONFLICT);
	assert_string_equal(err.field, "capacity");
	assert_int_equal(c.starts_at, at(&f, 5, 10));
	assert_int_equal(c.ends_at, at(&f, 5, 11));
	/* the parent: not itself, not a child, not one that has children */
	r.capacity = 2;
	r.parent_id = r.id;
	assert_int_equal(resource_update(f.d, f.host, &r, &c, &err), BG_ERR_INVALID);
	assert_string_equal(err.field, "parent_id");
	r.parent_id = f.desk.id;
	assert_int_equal(resource_update(f.d, f.host, &r, &c, &err), BG_ERR_INVALID);
	assert_string_equal(err.field, "parent_id");
	r.parent_id = 0;
	snprintf(r.kind, sizeof r.kind, "spaceship");
	assert_int_equal(resource_update(f.d, f.host, &r, &c, &err), BG_ERR_INVALID);
	assert_string_equal(err.field, "kind");
	snprintf(r.kind, sizeof r.kind, "workshop");
	assert_int_equal(resource_update(f.d, f.member, &r, &c, &err), BG_ERR_FORBIDDEN);
	db_rollback(f.d);
	/* capacity 2 holds both bookings; the room is then full 10:00–11:00 */
	free_sum before = free_of(&f, f.room.id, 5);
	assert_int_equal(before.seconds, 12 * 3600);
	assert_int_equal(db_begin(f.d, DB_WRITE, &err), BG_OK);
	assert_int_equal(resource_update(f.d, f.host, &r, &c, &err), BG_OK);
	assert_int_equal(db_commit(f.d, &err), BG_OK);
	assert_int_equal(free_of(&f, f.room.id, 5).seconds, 11 * 3600);
	resource back;
	assert_int_equal(resource_load(f.d, f.room.id, &back, &err), BG_OK);
	assert_string_equal(back.kind, "workshop");
	assert_int_equal(back.capacity, 2);
	/* the desk leaves the room: the room's bookings no longer block it */
	assert_int_equal(free_of(&f, f.desk.id, 5).seconds, 9 * 3600);
	resource desk = f.desk;
	desk.parent_id = 0;
	desk.buffer_min = 15;
	assert_int_equal(db_begin(f.d, DB_WRITE, &err), BG_OK);
	assert_int_equal(resource_update(f.d, f.host, &desk, &c, &err), BG_OK);
	assert_int_equal(db_commit(f.d, &err), BG_OK);
	assert_int_equal(free_of(&f, f.desk.id, 5).seconds, 12 * 3600);
	assert_int_equal(audited(&f, "update", "resource", true), 2);
	testdb_close(f.d);
}

static void test_archive(void **state)
{
	(void)state;
	fixture f;
	fixture_make(&f);
	bg_error err;
	booking_clash c;
	int64_t id;
	int remaining;
	assert_int_equal(db_begin(f.d, DB_WRITE, &err), BG_OK);
	booking_input in = {.resource_id = f.desk.id, .starts_at = at(&f, 6, 9), .ends_at = at(&f, 6, 11)};
	assert_int_equal(booking_create(f.d, f.member, &in, &id, &c, &err), BG_OK);
	assert_int_equal(db_commit(f.d, &err), BG_OK);
	assert_int_equal(free_of(&f, f.room.id, 6).seconds, 10 * 3600);
	assert_int_equal(db_begin(f.d, DB_WRITE, &err), BG_OK);
	/* the room has a desk inside: archive the desk first */
	assert_int_equal(resource_archive(f.d, f.host, f.room.id, false, NULL, &remaining, &err), BG_ERR_CONFLICT);
	assert_string_equal(err.code, "has_children");
	/* the desk has a booking to come: refused with the count */
	assert_int_equal(resource_archive(f.d, f.host, f.desk.id, false, NULL, &remaining, &err), BG_ERR_CONFLICT);
	assert_string_equal(err.code, "bookings_to_come");
	assert_int_equal(remaining, 1);
	assert_int_equal(resource_archive(f.d, f.member, f.desk.id, true, NULL, &remaining, &err), BG_ERR_FORBIDDEN);
	db_rollback(f.d);
	/* someone waits for the desk: their wait is closed with the archiving */
	int64_t wait_id;
	assert_int_equal(db_begin(f.d, DB_WRITE, &err), BG_OK);
	assert_int_equal(booking_wait(f.d, f.host, f.desk.id, at(&f, 6, 9), at(&f, 6, 10), &wait_id, &err), BG_OK);
	assert_int_equal(db_commit(f.d, &err), BG_OK);
	/* with cancel_bookings: cancelled, the booker mailed, the desk gone */
	int64_t mails0 = 0, mails1 = 0;
	assert_int_equal(db_scalar(f.d, &err, &mails0, NULL, "SELECT count(*) FROM outbox", NULL), BG_OK);
	assert_int_equal(db_begin(f.d, DB_WRITE, &err), BG_OK);
	assert_int_equal(resource_archive(f.d, f.host, f.desk.id, true, "https://bigre.example", &remaining, &err), BG_OK);
	assert_int_equal(db_commit(f.d, &err), BG_OK);
	assert_int_equal(db_scalar(f.d, &err, &mails1, NULL, "SELECT count(*) FROM outbox", NULL), BG_OK);
	assert_int_equal(mails1, mails0 + 1);
	int64_t status_ok = 0;
	assert_int_equal(db_scalar(f.d, &err, &status_ok, NULL, "SELECT count(*) FROM bookings WHERE id = ? AND status = 'cancelled'",
				   "i", id), BG_OK);
	assert_int_equal(status_ok, 1);
	assert_int_equal(db_scalar(f.d, &err, &status_ok, NULL, "SELECT count(*) FROM booking_waits WHERE id = ? AND status = 'cancelled'",
				   "i", wait_id), BG_OK);
	assert_int_equal(status_ok, 1);
	assert_int_equal(resource_load(f.d, f.desk.id, &f.desk, &err), BG_ERR_NOT_FOUND);
	assert_int_equal(free_of(&f, f.room.id, 6).seconds, 12 * 3600);
	/* the place: a booking of the room to come, then archived with it */
	assert_int_equal(db_begin(f.d, DB_WRITE, &err), BG_OK);
	in.resource_id = f.room.id;
	assert_int_equal(booking_create(f.d, f.member, &in, &id, &c, &err), BG_OK);
	assert_int_equal(db_commit(f.d, &err), BG_OK);
	assert_int_equal(db_begin(f.d, DB_WRITE, &err), BG_OK);
	assert_int_equal(place_archive(f.d, f.host, f.p.id, false, NULL, &remaining, &err), BG_ERR_CONFLICT);
	assert_int_equal(remaining, 1);
	assert_int_equal(place_archive(f.d, f.host, f.p.id, true, NULL, &remaining, &err), BG_OK);
	assert_int_equal(db_commit(f.d, &err), BG_OK);
	place gone;
	assert_int_equal(place_load(f.d, f.p.id, &gone, &err), BG_ERR_NOT_FOUND);
	free_sum none = {f.room.id, 0, 0};
	assert_int_equal(place_availability(f.d, f.member, f.p.id, at(&f, 6, 0), at(&f, 7, 0), sum_emit, &none, &err),
			 BG_ERR_NOT_FOUND);
	assert_int_equal(audited(&f, "archive", "resource", true), 1);
	assert_int_equal(audited(&f, "archive", "place", true), 1);
	testdb_close(f.d);
}

int main(void)
{
	testclock_set();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_place_update),
		cmocka_unit_test(test_place_hours), cmocka_unit_test(test_empty_week_cached),
		cmocka_unit_test(test_remove_exception_closure),
		cmocka_unit_test(test_resource_update),
		cmocka_unit_test(test_archive),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
