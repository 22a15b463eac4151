/* test_hospitality.c — time zones, opening rules, availability, the clash
 * check, and iCalendar output parsed back with libical (UID stable,
 * SEQUENCE increasing across an edit, CANCELLED, TZID). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <libical/ical.h>
#include "hosp_fixture.h"
#include "auth/account.h"
#include "auth/authz.h"
#include "core/date.h"
#include "hospitality/hospitality.h"
#include "hospitality/hosp_internal.h"
#include "testclock.h"

static void test_time_zones(void **state)
{
	(void)state;
	int64_t t;
	/* summer: UTC+2, winter: UTC+1 */
	assert_true(hosp_parse_instant("2026-07-01T10:00", "Europe/Paris", &t));
	assert_int_equal(t, date_to_days(2026, 7, 1) * 86400 + 8 * 3600);
	assert_true(hosp_parse_instant("2026-12-01T10:00:00", "Europe/Paris", &t));
	assert_int_equal(t, date_to_days(2026, 12, 1) * 86400 + 9 * 3600);
	assert_true(hosp_parse_instant("2026-12-01T10:00:00Z", "Europe/Paris", &t));
	assert_int_equal(t, date_to_days(2026, 12, 1) * 86400 + 10 * 3600);
	assert_true(hosp_parse_instant("2026-12-01T10:00+05:30", "Europe/Paris", &t));
	assert_int_equal(t, date_to_days(2026, 12, 1) * 86400 + 10 * 3600 - 5 * 3600 - 1800);
	assert_false(hosp_parse_instant("2026-02-30T10:00", "Europe/Paris", &t));
	assert_false(hosp_parse_instant("2026-12-01 10:00", "Europe/Paris", &t));
	assert_false(hosp_parse_instant("2026-12-01T25:00", "Europe/Paris", &t));
	int64_t day;
	int minute;
	tz_utc_to_local("Europe/Paris", date_to_days(2026, 3, 29) * 86400 + 3600, &day, &minute);
	assert_int_equal(day, date_to_days(2026, 3, 29));
	assert_int_equal(minute, 3 * 60); /* 01:00Z is 03:00 on the day summer time starts */
	int m;
	assert_true(hosp_parse_hhmm("24:00", &m));
	assert_int_equal(m, 1440);
	assert_false(hosp_parse_hhmm("9:00", &m));
	assert_true(tz_valid("America/Montreal"));
	assert_false(tz_valid("Mars/Olympus"));
}

/* The shared place, without a host, its room of capacity 1. */
static void fixture_make(fixture *f)
{
	hosp_fixture_make(f, false, 1);
}

/* A confirmed booking written straight into the table, as a host's or an
 * import's would be (no duration limit, no domain check). */
static void book_by_hand(fixture *f, int64_t resource_id, int64_t starts, int64_t ends)
{
	bg_error err;
	assert_int_equal(db_exec(f->d, &err, "INSERT INTO bookings(resource_id, person_id, cooperative_id, starts_at,"
				 " ends_at, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'confirmed', 0, 0)",
				 "iiiii", resource_id, f->member, f->coop, starts, ends), BG_OK);
}

typedef struct collect {
	int64_t rid;
	int n;
	int64_t s[16], e[16];
} collect;

static void collect_emit(void *ctx, const resource *r, int64_t s, int64_t e)
{
	collect *c = ctx;
	if (r->id == c->rid && c->n < 16) {
		c->s[c->n] = s;
		c->e[c->n++] = e;
	}
}

static void test_availability_and_clash(void **state)
{
	(void)state;
	fixture f;
	fixture_make(&f);
	bg_error err;
	booking_clash c;
	int64_t id;
	assert_int_equal(db_begin(f.d, DB_WRITE, &err), BG_OK);
	booking_input in = {.resource_id = f.room.id, .starts_at = at(&f, 2, 10), .ends_at = at(&f, 2, 12)};
	assert_int_equal(booking_create(f.d, f.member, &in, &id, &c, &err), BG_OK);
	/* the desk inside the room is blocked */
	booking_input desk = {.resource_id = f.desk.id, .starts_at = at(&f, 2, 11), .ends_at = at(&f, 2, 13)};
	assert_int_equal(booking_create(f.d, f.member, &desk, &id, &c, &err), BG_ERR_CONFLICT);
	assert_int_equal(c.resource_id, f.room.id);
	assert_int_equal(c.starts_at, at(&f, 2, 10));
	/* a closure closes the day */
	char ds[11];
	tz_day_from_today(TZ_GROUP, 3, ds);
	assert_int_equal(place_add_closure(f.d, 0 + f.member, f.p.id, ds, ds, "travaux", NULL, &err), BG_ERR_FORBIDDEN);
	assert_int_equal(db_exec(f.d, &err, "INSERT INTO place_closures(place_id, first_day, last_day) VALUES (?, ?, ?)",
				 "iss", f.p.id, ds, ds), BG_OK);
	booking_input closed = {.resource_id = f.desk.id, .starts_at = at(&f, 3, 10), .ends_at = at(&f, 3, 11)};
	assert_int_equal(booking_create(f.d, f.member, &closed, &id, &c, &err), BG_ERR_UNPROCESSABLE);
	assert_string_equal(err.code, "outside_opening_hours");
	assert_int_equal(db_commit(f.d, &err), BG_OK);
	/* free slots of the desk on day 2: 08:00–10:00 and 12:00–20:00 */
	collect col = {.rid = f.desk.id};
	assert_int_equal(place_availability(f.d, f.member, f.p.id, at(&f, 2, 0), at(&f, 3, 0), collect_emit, &col, &err), BG_OK);
	assert_int_equal(col.n, 2);
	assert_int_equal(col.s[0], at(&f, 2, 8));
	assert_int_equal(col.e[0], at(&f, 2, 10));
	assert_int_equal(col.s[1], at(&f, 2, 12));
	assert_int_equal(col.e[1], at(&f, 2, 20));
	col.n = 0;
	assert_int_equal(place_availability(f.d, f.member, f.p.id, at(&f, 3, 0), at(&f, 4, 0), collect_emit, &col, &err), BG_OK);
	assert_int_equal(col.n, 0);
	testdb_close(f.d);
}

/* Capacity above 1: the clash check counts the most bookings present at
 * one moment of the slot, as availability does, not every booking that
 * overlaps it; the buffer widens each booking; the clash names a booking
 * present at the busiest moment. */
static void test_clash_capacity(void **state)
{
	(void)state;
	fixture f;
	fixture_make(&f);
	bg_error err;
	booking_clash c;
	int64_t id;
	resource pool;
	resource_defaults(&pool);
	pool.place_id = f.p.id;
	pool.capacity = 2;
	snprintf(pool.name, sizeof pool.name, "Postes libres");
	resource buffered = pool;
	buffered.buffer_min = 15;
	snprintf(buffered.name, sizeof buffered.name, "Atelier");
	assert_int_equal(db_begin(f.d, DB_WRITE, &err), BG_OK);
	assert_int_equal(resource_create(f.d, 0, &pool, &err), BG_OK);
	assert_int_equal(resource_create(f.d, 0, &buffered, &err), BG_OK);
	/* 9–10 and 10–11 never meet: 9–11 fits in a capacity of 2 */
	booking_input a = {.resource_id = pool.id, .starts_at = at(&f, 2, 9), .ends_at = at(&f, 2, 10)};
	booking_input b = {.resource_id = pool.id, .starts_at = at(&f, 2, 10), .ends_at = at(&f, 2, 11)};
	booking_input whole = {.resource_id = pool.id, .starts_at = at(&f, 2, 9), .ends_at = at(&f, 2, 11)};
	assert_int_equal(booking_create(f.d, f.member, &a, &id, &c, &err), BG_OK);
	assert_int_equal(booking_create(f.d, f.member, &b, &id, &c, &err), BG_OK);
	assert_int_equal(booking_create(f.d, f.member, &whole, &id, &c, &err), BG_OK);
	/* 9:30–10:30: two are present at 9:30 (9–10 and 9–11) → refused,
	 * naming a booking present then */
	booking_input third = {.resource_id = pool.id, .starts_at = at(&f, 2, 9) + 1800, .ends_at = at(&f, 2, 10) + 1800};
	assert_int_equal(booking_create(f.d, f.member, &third, &id, &c, &err), BG_ERR_CONFLICT);
	assert_string_equal(err.code, "slot_taken");
	assert_int_equal(c.resource_id, pool.id);
	assert_int_equal(c.starts_at, at(&f, 2, 9));
	assert_true(c.ends_at == at(&f, 2, 10) || c.ends_at == at(&f, 2, 11));
	/* 11–12 is free again: only one booking at most */
	booking_input later = {.resource_id = pool.id, .starts_at = at(&f, 2, 11), .ends_at = at(&f, 2, 12)};
	assert_int_equal(booking_create(f.d, f.member, &later, &id, &c, &err), BG_OK);
	/* with a 15-minute buffer, 9–10 and 10:10–11 meet (9:55–10:15), so a
	 * 9–11 booking would be the third at once */
	booking_input ba = {.resource_id = buffered.id, .starts_at = at(&f, 2, 9), .ends_at = at(&f, 2, 10)};
	booking_input bb = {.resource_id = buffered.id, .starts_at = at(&f, 2, 10) + 600, .ends_at = at(&f, 2, 11)};
	booking_input bw = {.resource_id = buffered.id, .starts_at = at(&f, 2, 9), .ends_at = at(&f, 2, 11)};
	assert_int_equal(booking_create(f.d, f.member, &ba, &id, &c, &err), BG_OK);
	assert_int_equal(booking_create(f.d, f.member, &bb, &id, &c, &err), BG_OK);
	assert_int_equal(booking_create(f.d, f.member, &bw, &id, &c, &err), BG_ERR_CONFLICT);
	assert_int_equal(c.resource_id, buffered.id);
	/* but 9–9:50 beside the 9–10 one is fine (one present, widened or not) */
	booking_input bs = {.resource_id = buffered.id, .starts_at = at(&f, 2, 9), .ends_at = at(&f, 2, 9) + 3000};
	assert_int_equal(booking_create(f.d, f.member, &bs, &id, &c, &err), BG_OK);
	assert_int_equal(db_commit(f.d, &err), BG_OK);
	/* availability agrees: the pool is full from 9:00 to 11:00 */
	collect col = {.rid = pool.id};
	assert_int_equal(place_availability(f.d, f.member, f.p.id, at(&f, 2, 0), at(&f, 3, 0), collect_emit, &col, &err), BG_OK);
	assert_int_equal(col.n, 2);
	assert_int_equal(col.e[0], at(&f, 2, 9));
	assert_int_equal(col.s[1], at(&f, 2, 11));
	testdb_close(f.d);
}

/* The map's geography: decimal degrees parsed into micro-degrees, a
 * postcode's department (Corsica split by postcode), the projection of
 * France's corners inside the frame and of elsewhere outside, every point
 * of the outline inside, and a place's own position before its
 * department's centre. */
static void test_geo(void **state)
{
	(void)state;
	int64_t v;
	assert_true(geo_parse_degrees("44.8378", GEO_LAT_LIMIT_E6, &v));
	assert_int_equal(v, 44837800);
	assert_true(geo_parse_degrees("-0,5792", GEO_LON_LIMIT_E6, &v));
	assert_int_equal(v, -579200);
	assert_true(geo_parse_degrees(" 45 ", GEO_LAT_LIMIT_E6, &v));
	assert_int_equal(v, 45000000);
	assert_true(geo_parse_degrees("1.23456789", GEO_LAT_LIMIT_E6, &v));
	assert_int_equal(v, 1234567);
	assert_true(geo_parse_degrees("-90", GEO_LAT_LIMIT_E6, &v));
	assert_int_equal(v, -90000000);
	assert_false(geo_parse_degrees("90.000001", GEO_LAT_LIMIT_E6, &v));
	assert_false(geo_parse_degrees("180.5", GEO_LON_LIMIT_E6, &v));
	assert_false(geo_parse_degrees("", GEO_LAT_LIMIT_E6, &v));
	assert_false(geo_parse_degrees("12.", GEO_LAT_LIMIT_E6, &v));
	assert_false(geo_parse_degrees("4e1", GEO_LAT_LIMIT_E6, &v));
	assert_false(geo_parse_degrees("44°50'", GEO_LAT_LIMIT_E6, &v));
	assert_false(geo_parse_degrees("12345", GEO_LON_LIMIT_E6, &v));
	char s[24];
	geo_format_degrees(s, sizeof s, -579200);
	assert_string_equal(s, "-0.5792");
	geo_format_degrees(s, sizeof s, 45000000);
	assert_string_equal(s, "45.0");
	geo_department dep;
	assert_true(geo_department_of("33000", &dep));
	assert_string_equal(dep.code, "33");
	assert_string_equal(dep.name, "Gironde");
	assert_true(geo_department_of("20090", &dep));
	assert_string_equal(dep.code, "2A");
	assert_true(geo_department_of("20200", &dep));
	assert_string_equal(dep.code, "2B");
	assert_true(geo_department_of("20600", &dep));
	assert_string_equal(dep.code, "2B");
	assert_true(geo_department_of("01000", &dep));
	assert_string_equal(dep.name, "Ain");
	assert_true(geo_department_of("95000", &dep));
	assert_false(geo_department_of("97300", &dep)); /* Cayenne */
	assert_false(geo_department_of("98000", &dep));
	assert_false(geo_department_of("3300", &dep));
	assert_false(geo_department_of("", &dep));
	/* every metropolitan department's centre lies on the map */
	int x, y, count = 0;
	for (int d1 = 0; d1 <= 9; d1++)
		for (int d2 = 0; d2 <= 9; d2++) {
			char pc[6] = {(char)('0' + d1), (char)('0' + d2), '1', '0', '0', 0};
			if (geo_department_of(pc, &dep)) {
				assert_true(geo_project(dep.lat_e6, dep.lon_e6, &x, &y));
				count++;
			}
		}
	assert_int_equal(count, 95); /* 01–95 but 20, plus 2B from 20100 being 2A: 94 + 1 */
	/* Brest west, Strasbourg east, Dunkirk north, Bonifacio south */
	int bx, by, sx, sy, dx, dy, cx, cy;
	assert_true(geo_project(48390000, -4490000, &bx, &by));
	assert_true(geo_project(48573000, 7752000, &sx, &sy));
	assert_true(geo_project(51034000, 2377000, &dx, &dy));
	assert_true(geo_project(41387000, 9159000, &cx, &cy));
	assert_true(bx < dx && dx < sx && sx < cx);
	assert_true(dy < sy && sy < cy);
	assert_true(bx >= 0 && cx <= GEO_MAP_W && dy >= 0 && cy <= GEO_MAP_H);
	/* one unit of y is 1/100 of a degree of latitude; x is scaled by cos 46.5° */
	int ax, ay;
	assert_true(geo_project(46000000, 0, &x, &y));
	assert_true(geo_project(45000000, 1000000, &ax, &ay));
	assert_int_equal(ay - y, 100);
	assert_true(ax - x >= 68 && ax - x <= 69);
	assert_false(geo_project(40712800, -74006000, &x, &y)); /* New York */
	assert_false(geo_project(4937000, -52326000, &x, &y));  /* Cayenne */
	for (int w = 0; w < 2; w++) {
		int n;
		const geo_point *pt = geo_outline(w, &n);
		assert_true(n >= 16);
		for (int i = 0; i < n; i++)
			assert_true(geo_project((int64_t)pt[i].lat_e4 * 100, (int64_t)pt[i].lon_e4 * 100, &x, &y));
	}
	/* a place: its own position first, else its department's centre */
	place p;
	place_defaults(&p);
	snprintf(p.postcode, sizeof p.postcode, "24000");
	int64_t lat, lon;
	bool approx;
	assert_true(geo_place_position(&p, &lat, &lon, &approx, &dep));
	assert_true(approx);
	assert_string_equal(dep.code, "24");
	p.has_position = true;
	p.latitude_e6 = 45184200;
	p.longitude_e6 = 721400;
	assert_true(geo_place_position(&p, &lat, &lon, &approx, NULL));
	assert_false(approx);
	assert_int_equal(lat, 45184200);
	p.has_position = false;
	snprintf(p.postcode, sizeof p.postcode, "97300");
	assert_false(geo_place_position(&p, &lat, &lon, &approx, NULL));
}

/* A place's position: created with one, changed and cleared by a manager
 * only (audited); out of range refused; the database refuses half a
 * position and a latitude beyond 90°. */
static void test_place_position(void **state)
{
	(void)state;
	fixture f;
	fixture_make(&f);
	bg_error err;
	place got;
	assert_int_equal(place_load(f.d, f.p.id, &got, &err), BG_OK);
	assert_false(got.has_position);
	assert_int_equal(db_begin(f.d, DB_WRITE, &err), BG_OK);
	assert_int_equal(place_set_position(f.d, f.member, f.p.id, true, 44000000, 0, &err), BG_ERR_FORBIDDEN);
	assert_int_equal(place_set_position(f.d, 0, f.p.id, true, 91000000, 0, &err), BG_ERR_INVALID);
	assert_string_equal(err.field, "latitude");
	assert_int_equal(place_set_position(f.d, 0, f.p.id, true, 44000000, -181000000, &err), BG_ERR_INVALID);
	assert_string_equal(err.field, "longitude");
	/* the Greenwich meridian: a longitude of 0 is a position */
	assert_int_equal(place_set_position(f.d, 0, f.p.id, true, 44000000, 0, &err), BG_OK);
	assert_int_equal(db_commit(f.d, &err), BG_OK);
	assert_int_equal(place_load(f.d, f.p.id, &got, &err), BG_OK);
	assert_true(got.has_position);
	assert_int_equal(got.latitude_e6, 44000000);
	assert_int_equal(got.longitude_e6, 0);
	int64_t n;
	assert_int_equal(db_scalar(f.d, &err, &n, NULL, "SELECT count(*) FROM audit_log WHERE action = 'position'"
				   " AND entity = 'place' AND entity_id = ?", "i", f.p.id), BG_OK);
	assert_int_equal(n, 1);
	assert_int_not_equal(db_exec(f.d, &err, "UPDATE places SET latitude_e6 = NULL WHERE id = ?", "i", f.p.id), BG_OK);
	assert_int_not_equal(db_exec(f.d, &err, "UPDATE places SET latitude_e6 = 90000001 WHERE id = ?", "i", f.p.id), BG_OK);
	assert_int_equal(db_begin(f.d, DB_WRITE, &err), BG_OK);
	assert_int_equal(place_set_position(f.d, 0, f.p.id, false, 0, 0, &err), BG_OK);
	assert_int_equal(db_commit(f.d, &err), BG_OK);
	assert_int_equal(place_load(f.d, f.p.id, &got, &err), BG_OK);
	assert_false(got.has_position);
	/* created with a position */
	place q;
	place_defaults(&q);
	snprintf(q.name, sizeof q.name, "Ailleurs");
	q.owner_id = f.coop;
	q.has_position = true;
	q.latitude_e6 = 0;
	q.longitude_e6 = 2350000;
	assert_int_equal(db_begin(f.d, DB_WRITE, &err), BG_OK);
	assert_int_equal(place_create(f.d, 0, &q, NULL, 0, &err), BG_OK);
	assert_int_equal(db_commit(f.d, &err), BG_OK);
	assert_int_equal(place_load(f.d, q.id, &got, &err), BG_OK);
	assert_true(got.has_position);
	assert_int_equal(got.latitude_e6, 0);
	assert_int_equal(got.longitude_e6, 2350000);
	testdb_close(f.d);
}

/* Availability looks back only as far as the longest booking a resource has
 * had: a booking running over several days, written as a host would (no
 * duration limit), still blocks the days it runs into, also after a move. */
static void test_availability_long_booking(void **state)
{
	(void)state;
	fixture f;
	fixture_make(&f);
	bg_error err;
	assert_int_equal(db_begin(f.d, DB_WRITE, &err), BG_OK);
book_by_hand(&f, f.room.id, at(&f, 4, 10), at(&f, 6, 12));
	int64_t booking = db_last_id(f.d);
	assert_int_equal(db_commit(f.d, &err), BG_OK);
	int64_t longest = 0;
	bool found;
	assert_int_equal(db_scalar(f.d, &err, &longest, &found, "SELECT longest_booking_s FROM resources WHERE id = ?",
				   "i", f.room.id), BG_OK);
	assert_int_equal(longest, at(&f, 6, 12) - at(&f, 4, 10));
	/* day 5 is wholly taken, for the room and the desk inside it */
	collect room = {.rid = f.room.id}, desk = {.rid = f.desk.id};
	assert_int_equal(place_availability(f.d, f.member, f.p.id, at(&f, 5, 0), at(&f, 6, 0), collect_emit, &room, &err), BG_OK);
	assert_int_equal(room.n, 0);
	assert_int_equal(place_availability(f.d, f.member, f.p.id, at(&f, 5, 0), at(&f, 6, 0), collect_emit, &desk, &err), BG_OK);
	assert_int_equal(desk.n, 0);
	/* day 6: free from noon */
	room.n = 0;
	assert_int_equal(place_availability(f.d, f.member, f.p.id, at(&f, 6, 0), at(&f, 7, 0), collect_emit, &room, &err), BG_OK);
	assert_int_equal(room.n, 1);
	assert_int_equal(room.s[0], at(&f, 6, 12));
	/* moved to start a day earlier: the look-back grows with it */
	assert_int_equal(db_begin(f.d, DB_WRITE, &err), BG_OK);
	assert_int_equal(db_exec(f.d, &err, "UPDATE bookings SET starts_at = ? WHERE id = ?", "ii", at(&f, 3, 10), booking), BG_OK);
	assert_int_equal(db_commit(f.d, &err), BG_OK);
	room.n = 0;
	assert_int_equal(place_availability(f.d, f.member, f.p.id, at(&f, 5, 0), at(&f, 6, 0), collect_emit, &room, &err), BG_OK);
	assert_int_equal(room.n, 0);
	assert_int_equal(db_scalar(f.d, &err, &longest, &found, "SELECT longest_booking_s FROM resources WHERE id = ?",
				   "i", f.room.id), BG_OK);
	assert_int_equal(longest, at(&f, 6, 12) - at(&f, 3, 10));
	testdb_close(f.d);
}

/* avail_compute() over the place's resources, as the cache calls it. */
static bg_status compute(fixture *f, int64_t from, int64_t to, int64_t now, availability_fn emit, void *ctx,
			 int64_t *until, bg_error *err)
{
	int nr;
	resource *rs = avail_resources(f->d, f->p.id, &nr);
	assert_non_null(rs);
	bg_status st = avail_compute(f->d, &f->p, rs, nr, from, to, now, emit, ctx, until, err);
	free(rs);
	return st;
}

/* Every free interval of an answer, whatever the resource. */
typedef struct all_spans {
	int n;
	int64_t r[512], s[512], e[512];
} all_spans;

static void all_emit(void *ctx, const resource *r, int64_t s, int64_t e)
{
	all_spans *a = ctx;
	assert_true(a->n < 512);
	a->r[a->n] = r->id;
	a->s[a->n] = s;
	a->e[a->n++] = e;
}

/* The answer through the cache equals the answer computed in one go, for
 * ranges cut anywhere in a week; the second asking is served from the
 * cache; and a write of any kind — even by hand in SQL, past the domain —
 * is seen at once. */
static void check_cached_equals_computed(fixture *f, int64_t from, int64_t to)
{
	bg_error err;
	all_spans cached = {0}, computed = {0};
	int64_t until;
	assert_int_equal(place_availability(f->d, f->member, f->p.id, from, to, all_emit, &cached, &err), BG_OK);
	assert_int_equal(compute(f, from, to, date_now(), all_emit, &computed, &until, &err), BG_OK);
	assert_int_equal(cached.n, computed.n);
	for (int i = 0; i < cached.n; i++) {
		assert_int_equal(cached.r[i], computed.r[i]);
		assert_int_equal(cached.s[i], computed.s[i]);
		assert_int_equal(cached.e[i], computed.e[i]);
	}
}

static void test_availability_cache(void **state)
{
	(void)state;
	fixture f;
	fixture_make(&f);
	bg_error err;
	booking_clash c;
	int64_t id;
	assert_int_equal(db_begin(f.d, DB_WRITE, &err), BG_OK);
	for (int day = 1; day < 40; day += 3) {
		booking_input in = {.resource_id = day % 2 ? f.room.id : f.desk.id,
				    .starts_at = at(&f, day, 9 + day % 5), .ends_at = at(&f, day, 11 + day % 5)};
		assert_int_equal(booking_create(f.d, f.member, &in, &id, &c, &err), BG_OK);
	}
	assert_int_equal(db_commit(f.d, &err), BG_OK);
	/* ranges starting and ending at odd hours, today included, up to 40 days */
	for (int i = 0; i < 12; i++)
		check_cached_equals_computed(&f, at(&f, i * 3, i % 24) + 1234, at(&f, i * 3 + 1 + i * 2, (i * 7) % 24) + 77);
	uint64_t hits0, misses0, hits1, misses1;
	avail_cache_counts(&hits0, &misses0);
	check_cached_equals_computed(&f, at(&f, 10, 0), at(&f, 30, 0));
	avail_cache_counts(&hits1, &misses1);
	assert_true(hits1 > hits0);
	/* a booking written by hand: the free slots of that day change at once */
	all_spans before = {0}, after = {0};
	assert_int_equal(place_availability(f.d, f.member, f.p.id, at(&f, 20, 0), at(&f, 21, 0), all_emit, &before, &err), BG_OK);
book_by_hand(&f, f.desk.id, at(&f, 20, 15), at(&f, 20, 16));
	check_cached_equals_computed(&f, at(&f, 20, 0), at(&f, 21, 0));
	assert_int_equal(place_availability(f.d, f.member, f.p.id, at(&f, 20, 0), at(&f, 21, 0), all_emit, &after, &err), BG_OK);
	assert_int_not_equal(before.n, after.n);
	/* a closure by hand, then a change of hours */
	char ds[11];
	tz_day_from_today(TZ_GROUP, 25, ds);
	assert_int_equal(db_exec(f.d, &err, "INSERT INTO place_closures(place_id, first_day, last_day) VALUES (?, ?, ?)",
				 "iss", f.p.id, ds, ds), BG_OK);
	check_cached_equals_computed(&f, at(&f, 10, 0), at(&f, 30, 0));
	assert_int_equal(db_exec(f.d, &err, "UPDATE place_hours SET closes = 18 * 60 WHERE place_id = ?", "i", f.p.id), BG_OK);
	check_cached_equals_computed(&f, at(&f, 10, 0), at(&f, 30, 0));
	/* a cancellation */
	assert_int_equal(db_exec(f.d, &err, "UPDATE bookings SET status = 'cancelled' WHERE resource_id = ?", "i", f.room.id), BG_OK);
	check_cached_equals_computed(&f, at(&f, 1, 0), at(&f, 40, 0));
	testdb_close(f.d);
}

/* A booking without check-in stops counting when its release comes due:
 * the computation says until when its answer holds. */
static void test_availability_valid_until(void **state)
{
	(void)state;
	fixture f;
	fixture_make(&f);
	bg_error err;
	int64_t until;
	all_spans a = {0};
	assert_int_equal(compute(&f, at(&f, 5, 0), at(&f, 6, 0), date_now(), all_emit, &a, &until, &err), BG_OK);
	assert_true(until == INT64_MAX);
	assert_int_equal(db_exec(f.d, &err, "UPDATE places SET checkin_release_min = 15 WHERE id = ?", "i", f.p.id), BG_OK);
	f.p.checkin_release_min = 15;
book_by_hand(&f, f.desk.id, at(&f, 5, 10), at(&f, 5, 12));
	a.n = 0;
	assert_int_equal(compute(&f, at(&f, 5, 0), at(&f, 6, 0), date_now(), all_emit, &a, &until, &err), BG_OK);
	assert_int_equal(until, at(&f, 5, 10) + 15 * 60);
	/* as seen after that moment, the booking no longer counts */
	all_spans later = {0};
	assert_int_equal(compute(&f, at(&f, 5, 0), at(&f, 6, 0), until, all_emit, &later, &until, &err), BG_OK);
	assert_true(later.n < a.n);
	testdb_close(f.d);
}

/* Parses an iCalendar text and finds the VEVENT with uid. */
static icalcomponent *find_event(icalcomponent *cal, const char *uid)
{
	for (icalcomponent *e = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); e;
	     e = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT))
		if (strcmp(icalcomponent_get_uid(e), uid) == 0)
			return e;
	return NULL;
}

static void test_ical_uid_and_sequence(void **state)
{
	(void)state;
	fixture f;
	fixture_make(&f);
	bg_error err;
	booking_clash c;
	int64_t id, feed;
	char token[80], uid[64];
	assert_int_equal(db_begin(f.d, DB_WRITE, &err), BG_OK);
	booking_input in = {.resource_id = f.desk.id, .starts_at = at(&f, 2, 9), .ends_at = at(&f, 2, 10)};
	assert_int_equal(booking_create(f.d, f.member, &in, &id, &c, &err), BG_OK);
	assert_int_equal(hcal_feed_create(f.d, f.member, "person", 0, token, sizeof token, &feed, &err), BG_OK);
	assert_int_equal(db_commit(f.d, &err), BG_OK);
	snprintf(uid, sizeof uid, "booking-%lld@bigre", (long long)id);
	int seqs[3];
	for (int round = 0; round < 3; round++) {
		buf b;
		buf_init(&b);
		assert_int_equal(hcal_feed_render(f.d, token, &b, &err), BG_OK);
		icalcomponent *cal = icalparser_parse_string(b.data);
		assert_non_null(cal);
		icalcomponent *ev = find_event(cal, uid);
		assert_non_null(ev);
		seqs[round] = icalcomponent_get_sequence(ev);
		icalproperty *dt = icalcomponent_get_first_property(ev, ICAL_DTSTART_PROPERTY);
		icalparameter *tz = icalproperty_get_first_parameter(dt, ICAL_TZID_PARAMETER);
		assert_non_null(tz);
		assert_string_equal(icalparameter_get_tzid(tz), "Europe/Paris");
		assert_non_null(icalcomponent_get_first_component(cal, ICAL_VTIMEZONE_COMPONENT));
		if (round == 0) {
			struct icaltimetype st = icalcomponent_get_dtstart(ev);
			assert_int_equal(st.hour, 9);
			assert_int_equal(icalcomponent_get_status(ev), ICAL_STATUS_CONFIRMED);
		}
		if (round == 2)
			assert_int_equal(icalcomponent_get_status(ev), ICAL_STATUS_CANCELLED);
		icalcomponent_free(cal);
		buf_free(&b);
		assert_int_equal(db_begin(f.d, DB_WRITE, &err), BG_OK);
		if (round == 0)
			assert_int_equal(booking_move(f.d, f.member, id, at(&f, 2, 14), at(&f, 2, 15), NULL, &c, &err), BG_OK);
		else if (round == 1)
			assert_int_equal(booking_cancel(f.d, f.member, id, NULL, &err), BG_OK);
		assert_int_equal(db_commit(f.d, &err), BG_OK);
	}
	assert_int_equal(seqs[0], 0);
	assert_true(seqs[1] > seqs[0]);
	assert_true(seqs[2] > seqs[1]);
	/* revoked: the URL no longer answers */
	assert_int_equal(db_begin(f.d, DB_WRITE, &err), BG_OK);
	assert_int_equal(hcal_feed_revoke(f.d, f.member, feed, &err), BG_OK);
	assert_int_equal(db_commit(f.d, &err), BG_OK);
	buf b;
	buf_init(&b);
	assert_int_equal(hcal_feed_render(f.d, token, &b, &err), BG_ERR_NOT_FOUND);
	buf_free(&b);
	testdb_close(f.d);
}

static void test_invitation_methods(void **state)
{
	(void)state;
	hcal_event e = {.uid = "session-7@bigre", .summary = "Réunion", .tzid = "Europe/Paris",
			.starts_at = date_to_days(2026, 12, 3) * 86400 + 9 * 3600,
			.ends_at = date_to_days(2026, 12, 3) * 86400 + 11 * 3600, .sequence = 2,
			.attendee = "a@example.org"};
	buf b;
	buf_init(&b);
	hcal_render(&b, HCAL_REQUEST, &e, 1);
	icalcomponent *cal = icalparser_parse_string(b.data);
	assert_non_null(cal);
	assert_int_equal(icalcomponent_get_method(cal), ICAL_METHOD_REQUEST);
	icalcomponent *ev = find_event(cal, "session-7@bigre");
	assert_non_null(ev);
	assert_int_equal(icalcomponent_get_sequence(ev), 2);
	assert_non_null(icalcomponent_get_first_property(ev, ICAL_ORGANIZER_PROPERTY));
	assert_int_equal(icalcomponent_get_dtstart(ev).hour, 10); /* 09:00Z is 10:00 in Paris in December */
	icalcomponent_free(cal);
	buf_reset(&b);
	e.sequence = 3;
	hcal_render(&b, HCAL_CANCEL, &e, 1);
	cal = icalparser_parse_string(b.data);
	assert_int_equal(icalcomponent_get_method(cal), ICAL_METHOD_CANCEL);
	assert_int_equal(icalcomponent_get_status(find_event(cal, "session-7@bigre")), ICAL_STATUS_CANCELLED);
	icalcomponent_free(cal);
	buf_free(&b);
}

/* The periodic work: releases without check-in, expired offers passed to
 * the next one waiting, reminders the day before. */
static void test_tick(void **state)
{
	(void)state;
	fixture f;
	fixture_make(&f);
	bg_error err;
	int64_t now = date_now(), one;
	bool found;
	assert_int_equal(db_begin(f.d, DB_WRITE, &err), BG_OK);
	assert_int_equal(db_exec(f.d, &err, "UPDATE places SET checkin_release_min = 30 WHERE id = ?", "i", f.p.id), BG_OK);
	const char *ins = "INSERT INTO bookings(resource_id, person_id, starts_at, ends_at, status, created_at, updated_at)"
			  " VALUES (?, ?, ?, ?, 'confirmed', 0, 0)";
	assert_int_equal(db_exec(f.d, &err, ins, "iiii", f.desk.id, f.member, now - 3600, now + 3600), BG_OK);
	int64_t late = db_last_id(f.d);
	assert_int_equal(db_exec(f.d, &err, ins, "iiii", f.room.id, f.member, now - 600, now + 3600), BG_OK);
	int64_t recent = db_last_id(f.d);
	const char *wait = "INSERT INTO booking_waits(resource_id, person_id, starts_at, ends_at, status, created_at,"
			   " offer_expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)";
	int64_t s = at(&f, 5, 10), e = at(&f, 5, 11);
	assert_int_equal(db_exec(f.d, &err, wait, "iiiisiI", f.desk.id, f.member, s, e, "offered", now - 100, now - 1), BG_OK);
	int64_t expired = db_last_id(f.d);
	assert_int_equal(db_exec(f.d, &err, wait, "iiiisiI", f.desk.id, f.member, s, e, "waiting", now - 50, (int64_t)0), BG_OK);
	int64_t next = db_last_id(f.d);
	assert_int_equal(db_exec(f.d, &err, "INSERT INTO info_sessions(cooperative_id, online_url, title, starts_at, ends_at,"
					    " capacity, host_id, created_at) VALUES (?, 'https://x.example', 'Réunion', ?, ?, 5, ?, 0)",
				 "iiii", f.coop, now + 20 * 3600, now + 22 * 3600, f.member), BG_OK);
	int64_t session = db_last_id(f.d);
	assert_int_equal(db_exec(f.d, &err, "INSERT INTO session_registrations(session_id, name, email, postcode, consent_at,"
					    " status, cancel_hash, created_at, updated_at) VALUES (?, 'A', 'a@example.org', '33000', 0,"
					    " 'registered', randomblob(32), 0, 0)", "i", session), BG_OK);
	assert_true(hospitality_tick(f.d, now, "https://bigre.example.org", &err) >= 3);
	assert_int_equal(db_commit(f.d, &err), BG_OK);
	/* the reminder carries a cancel link of its own, absolute on the public URL, that works */
	char body[4096] = "";
	db_stmt *q = db_query(f.d, "SELECT body_text, body_html FROM outbox WHERE to_addr = 'a@example.org'", NULL);
	assert_int_equal(db_next(q), 1);
	snprintf(body, sizeof body, "%s", db_text(q, 0));
	assert_non_null(strstr(db_text(q, 1), "<a href=\"https://bigre.example.org/sessions/cancel?token=reg_"));
	assert_int_equal(db_done(q), BG_OK);
	const char *link = strstr(body, "https://bigre.example.org/sessions/cancel?token=");
	assert_non_null(link);
	char token[128];
	assert_int_equal(sscanf(link + strlen("https://bigre.example.org/sessions/cancel?token="), "%127[A-Za-z0-9_-]", token), 1);
	int64_t links = 0;
	assert_int_equal(db_scalar(f.d, &err, &links, NULL, "SELECT count(*) FROM registration_links", NULL), BG_OK);
	assert_int_equal(links, 1);
	infosession sess;
	bool cancelled = true;
	assert_int_equal(infosession_by_token(f.d, token, &sess, &cancelled, &err), BG_OK);
	assert_int_equal(sess.id, session);
	assert_false(cancelled);
	/* the offer to the next one waiting links to the bookings page */
	found = false;
	assert_int_equal(db_scalar(f.d, &err, &one, &found, "SELECT 1 FROM outbox WHERE to_addr = 'm@example.org' AND"
					   " body_text LIKE '%https://bigre.example.org/bookings%'", NULL), BG_OK);
	assert_true(found);
	found = false;
	assert_int_equal(db_scalar(f.d, &err, &one, &found, "SELECT 1 FROM bookings WHERE id = ? AND status = 'released'", "i", late), BG_OK);
	assert_true(found);
	found = false;
	assert_int_equal(db_scalar(f.d, &err, &one, &found, "SELECT 1 FROM bookings WHERE id = ? AND status = 'confirmed'", "i", recent), BG_OK);
	assert_true(found);
	found = false;
	assert_int_equal(db_scalar(f.d, &err, &one, &found, "SELECT 1 FROM booking_waits WHERE id = ? AND status = 'expired'", "i", expired), BG_OK);
	assert_true(found);
	found = false;
	assert_int_equal(db_scalar(f.d, &err, &one, &found, "SELECT 1 FROM booking_waits WHERE id = ? AND status = 'offered'"
					   " AND offer_expires_at > ?", "ii", next, now), BG_OK);
	assert_true(found);
	found = false;
	assert_int_equal(db_scalar(f.d, &err, &one, &found, "SELECT 1 FROM outbox WHERE to_addr = 'a@example.org'", NULL), BG_OK);
	assert_true(found);
	/* a second tick sends no second reminder */
	int64_t mails0 = 0, mails1 = 0;
	assert_int_equal(db_scalar(f.d, &err, &mails0, NULL, "SELECT count(*) FROM outbox", NULL), BG_OK);
	assert_int_equal(db_begin(f.d, DB_WRITE, &err), BG_OK);
	hospitality_tick(f.d, now + 60, NULL, &err);
	assert_int_equal(db_commit(f.d, &err), BG_OK);
	assert_int_equal(db_scalar(f.d, &err, &mails1, NULL, "SELECT count(*) FROM outbox", NULL), BG_OK);
	assert_int_equal(mails0, mails1);
	testdb_close(f.d);
}

/* Counts the mails queued to an address. */
static int64_t mails_to(db *d, const char *to)
{
	int64_t n = 0;
	bg_error err;
	assert_int_equal(db_scalar(d, &err, &n, NULL, "SELECT count(*) FROM outbox WHERE to_addr = ?", "s", to), BG_OK);
	return n;
}

/* The daily digest goes once a day, only to hosts who asked, in their
 * language, with the waiting list, the fill rate and the interview to book. */
/* Inserts the online session "Session X" of coop, for one person, from
 * starts for two hours: Alice registered, Bruno Attente waiting, both
 * registered at registered_at. */
static void digest_full_session(db *d, int64_t coop, int64_t host, int64_t starts, int64_t registered_at)
{
	bg_error err;
	assert_int_equal(db_exec(d, &err, "INSERT INTO info_sessions(cooperative_id, online_url, title, starts_at, ends_at,"
					  " capacity, host_id, created_at) VALUES (?, 'https://x.example', 'Session X', ?, ?, 1, ?, 0)",
				 "iiii", coop, starts, starts + 7200, host), BG_OK);
	int64_t session = db_last_id(d);
	const char *reg = "INSERT INTO session_registrations(session_id, name, email, postcode, consent_at, status,"
			  " cancel_hash, created_at, updated_at) VALUES (?, ?, ?, '33000', 0, ?, randomblob(32), ?, ?)";
	assert_int_equal(db_exec(d, &err, reg, "isssii", session, "Alice", "alice@example.org", "registered", registered_at,
				 registered_at), BG_OK);
	assert_int_equal(db_exec(d, &err, reg, "isssii", session, "Bruno Attente", "b@example.org", "waiting", registered_at,
				 registered_at), BG_OK);
}

static void test_digest(void **state)
{
	(void)state;
	fixture f;
	fixture_make(&f);
	bg_error err;
	int64_t wants, silent;
	/* 10:00 UTC today: 11:00 or 12:00 in Paris, after 07:00 */
	int64_t now = date_now() / 86400 * 86400 + 10 * 3600;
	assert_int_equal(db_begin(f.d, DB_WRITE, &err), BG_OK);
	assert_int_equal(account_create(f.d, 0, "host@example.org", "Hôte", NULL, "en", &wants, &err), BG_OK);
	assert_int_equal(account_create(f.d, 0, "quiet@example.org", "Discret", NULL, "fr", &silent, &err), BG_OK);
	assert_int_equal(authz_grant(f.d, 0, wants, ROLE_HOST, (scope){SCOPE_COOPERATIVE, f.coop}, &err), BG_OK);
	assert_int_equal(authz_grant(f.d, 0, silent, ROLE_HOST, (scope){SCOPE_COOPERATIVE, f.coop}, &err), BG_OK);
	assert_int_equal(digest_set(f.d, wants, true, &err), BG_OK);
	assert_int_equal(digest_set(f.d, silent, true, &err), BG_OK);
	assert_int_equal(digest_set(f.d, silent, false, &err), BG_OK);
	assert_true(digest_wanted(f.d, wants));
	assert_false(digest_wanted(f.d, silent));
	digest_full_session(f.d, f.coop, wants, now + 2 * 86400, 0);
	assert_int_equal(db_exec(f.d, &err, "INSERT INTO newcomers(cooperative_id, name, email, current_step, created_at,"
					    " updated_at) VALUES (?, 'Chloé Entretien', 'c@example.org', 'information_session', ?, ?)",
				 "iii", f.coop, now, now), BG_OK);
	assert_int_equal(db_commit(f.d, &err), BG_OK);
	/* before 07:00 in Paris: nothing yet */
	assert_int_equal(db_begin(f.d, DB_WRITE, &err), BG_OK);
	assert_int_equal(digest_send_due(f.d, now / 86400 * 86400 + 4 * 3600, NULL, &err), 0);
	assert_int_equal(db_commit(f.d, &err), BG_OK);
	assert_int_equal(mails_to(f.d, "host@example.org"), 0);
	/* the tick sends it once */
	assert_int_equal(db_begin(f.d, DB_WRITE, &err), BG_OK);
	assert_true(hospitality_tick(f.d, now, NULL, &err) >= 1);
	assert_int_equal(db_commit(f.d, &err), BG_OK);
	assert_int_equal(mails_to(f.d, "host@example.org"), 1);
	assert_int_equal(mails_to(f.d, "quiet@example.org"), 0);
	db_stmt *s = db_query(f.d, "SELECT subject, body_text, body_html FROM outbox WHERE to_addr = 'host@example.org'", NULL);
	assert_int_equal(db_next(s), 1);
	assert_string_equal(db_text(s, 0), "Bigre: your hosts' digest");
	assert_non_null(strstr(db_text(s, 1), "Bruno Attente waits for Session X"));
	assert_non_null(strstr(db_text(s, 1), "1 / 1 places taken (100 %), 1 waiting"));
	assert_non_null(strstr(db_text(s, 1), "Chloé Entretien"));
	assert_non_null(strstr(db_text(s, 2), "Bruno Attente"));
	assert_int_equal(db_done(s), BG_OK);
	/* later the same day: no second digest */
	assert_int_equal(db_begin(f.d, DB_WRITE, &err), BG_OK);
	assert_int_equal(digest_send_due(f.d, now + 3 * 3600, NULL, &err), 0);
	hospitality_tick(f.d, now + 4 * 3600, NULL, &err);
	assert_int_equal(db_commit(f.d, &err), BG_OK);
	assert_int_equal(mails_to(f.d, "host@example.org"), 1);
	/* the next morning: the next one */
	assert_int_equal(db_begin(f.d, DB_WRITE, &err), BG_OK);
	assert_int_equal(digest_send_due(f.d, now + 86400, NULL, &err), 1);
	assert_int_equal(db_commit(f.d, &err), BG_OK);
	assert_int_equal(mails_to(f.d, "host@example.org"), 2);
	assert_int_equal(mails_to(f.d, "quiet@example.org"), 0);
	testdb_close(f.d);
}

/* The digest dates by the group's (Paris) days: a session at 00:30 on
 * 2 January in Paris (23:30 on 1 January in UTC) is told on 2 January, a
 * registration of 00:30 on 1 January in Paris waits since 1 January. */
static void test_digest_paris_days(void **state)
{
	(void)state;
	fixture f;
	hosp_fixture_make(&f, true, 1);
	bg_error err;
	int64_t registered, starts, now;
	assert_true(date_parse_instant("2026-12-31T23:30:00Z", &registered));
	assert_true(date_parse_instant("2027-01-01T23:30:00Z", &starts));
	assert_true(date_parse_instant("2027-01-01T08:00:00Z", &now));
	assert_int_equal(db_begin(f.d, DB_WRITE, &err), BG_OK);
	assert_int_equal(db_exec(f.d, &err, "UPDATE people SET lang = 'en' WHERE id = ?", "i", f.host), BG_OK);
	assert_int_equal(digest_set(f.d, f.host, true, &err), BG_OK);
	digest_full_session(f.d, f.coop, f.host, starts, registered);
	assert_int_equal(digest_send_due(f.d, now, NULL, &err), 1);
	assert_int_equal(db_commit(f.d, &err), BG_OK);
	db_stmt *s = db_query(f.d, "SELECT o.body_text FROM outbox o JOIN people p ON p.email = o.to_addr WHERE p.id = ?", "i",
			      f.host);
	assert_int_equal(db_next(s), 1);
	assert_non_null(strstr(db_text(s, 0), "Bruno Attente waits for Session X since 2027-01-01\n"));
	assert_non_null(strstr(db_text(s, 0), "- Session X, 2027-01-02: 1 / 1 places taken"));
	assert_int_equal(db_done(s), BG_OK);
	testdb_close(f.d);
}

/* The .ics attached to the last mail sent to addr, parsed by libical:
 * its METHOD, the UID and SEQUENCE of its event. */
static void last_invitation(db *d, const char *addr, icalproperty_method *method, char uid[64], int *seq)
{
	db_stmt *s = db_query(d, "SELECT attachment FROM outbox WHERE to_addr = ? ORDER BY id DESC LIMIT 1", "s", addr);
	assert_int_equal(db_next(s), 1);
	size_t n = 0;
	const void *blob = db_blob(s, 0, &n);
	char *text = calloc(1, n + 1);
	memcpy(text, blob, n);
	assert_int_equal(db_done(s), BG_OK);
	icalcomponent *cal = icalparser_parse_string(text);
	free(text);
	assert_non_null(cal);
	*method = icalcomponent_get_method(cal);
	icalcomponent *ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
	assert_non_null(ev);
	snprintf(uid, 64, "%s", icalcomponent_get_uid(ev));
	*seq = icalcomponent_get_sequence(ev);
	icalcomponent_free(cal);
}

/* Interview slots: overlap refused, one newcomer per slot (the domain's
 * check and, behind it, the partial unique index), a cancellation frees
 * the slot and sends CANCEL with the same UID and a higher SEQUENCE. */
static void test_interviews(void **state)
{
	(void)state;
	fixture f;
	fixture_make(&f);
	bg_error err;
	int64_t host, a, b, iv = 0, iv2 = 0;
	assert_int_equal(db_begin(f.d, DB_WRITE, &err), BG_OK);
	assert_int_equal(account_create(f.d, 0, "hote@example.org", "Hôte", NULL, "fr", &host, &err), BG_OK);
	assert_int_equal(authz_grant(f.d, 0, host, ROLE_HOST, (scope){SCOPE_COOPERATIVE, f.coop}, &err), BG_OK);
	newcomer na = {.cooperative_id = f.coop, .consent = true}, nb = na;
	snprintf(na.name, sizeof na.name, "Anna");
	snprintf(na.email, sizeof na.email, "anna@example.org");
	snprintf(na.lang, sizeof na.lang, "en");
	snprintf(nb.name, sizeof nb.name, "Basile");
	snprintf(nb.email, sizeof nb.email, "basile@example.org");
	snprintf(nb.lang, sizeof nb.lang, "fr");
	assert_int_equal(newcomer_create(f.d, 0, &na, &err), BG_OK);
	assert_int_equal(newcomer_create(f.d, 0, &nb, &err), BG_OK);
	a = na.id;
	b = nb.id;
	islot s = {.cooperative_id = f.coop, .place_id = f.p.id, .starts_at = at(&f, 3, 10), .ends_at = at(&f, 3, 11)};
	assert_int_equal(islot_create(f.d, host, &s, &err), BG_OK);
	islot over = s;
	over.starts_at += 1800;
	over.ends_at += 1800;
	assert_int_equal(islot_create(f.d, host, &over, &err), BG_ERR_CONFLICT);
	assert_string_equal(err.field, "starts_at");
	/* a member may not publish */
	islot m = {.cooperative_id = f.coop, .place_id = f.p.id, .starts_at = at(&f, 4, 10), .ends_at = at(&f, 4, 11)};
	assert_int_equal(islot_create(f.d, f.member, &m, &err), BG_ERR_FORBIDDEN);
	assert_int_equal(interview_book(f.d, host, a, s.id, "http://x", &iv, &err), BG_OK);
	assert_int_equal(interview_book(f.d, host, b, s.id, "http://x", &iv2, &err), BG_ERR_CONFLICT);
	assert_string_equal(err.code, "slot_taken");
	/* even bypassing the domain, the database keeps one booked row a slot */
	assert_int_not_equal(db_exec(f.d, NULL, "INSERT INTO interviews(slot_id, newcomer_id, booked_by, created_at, updated_at)"
					       " VALUES (?, ?, ?, 0, 0)", "iii", s.id, b, host), BG_OK);
	assert_int_equal(islot_delete(f.d, host, s.id, &err), BG_ERR_CONFLICT);
	assert_int_equal(interview_current(f.d, a), iv);
	icalproperty_method method;
	char uid[64], uid2[64];
	int seq;
	last_invitation(f.d, "anna@example.org", &method, uid, &seq);
	assert_int_equal(method, ICAL_METHOD_REQUEST);
	assert_int_equal(seq, 0);
	assert_int_equal(interview_cancel(f.d, host, iv, NULL, &err), BG_OK);
	last_invitation(f.d, "anna@example.org", &method, uid2, &seq);
	assert_int_equal(method, ICAL_METHOD_CANCEL);
	assert_string_equal(uid2, uid);
	assert_int_equal(seq, 1);
	assert_int_equal(interview_current(f.d, a), 0);
	assert_int_equal(interview_book(f.d, host, b, s.id, "http://x", &iv2, &err), BG_OK);
	assert_int_not_equal(iv2, iv);
	assert_int_equal(db_commit(f.d, &err), BG_OK);
	testdb_close(f.d);
}

/* The reminder of a booked welcome interview: sent by the tick the day
 * before, once, in the newcomer's language, with the invitation (same UID,
 * REQUEST, local time with TZID); none for a cancelled one or one further
 * away. */
static void test_interview_reminder(void **state)
{
	(void)state;
	fixture f;
	fixture_make(&f);
	bg_error err;
	int64_t host, iv = 0, iv_far = 0, iv_cancelled = 0;
	assert_int_equal(db_begin(f.d, DB_WRITE, &err), BG_OK);
	assert_int_equal(account_create(f.d, 0, "hote@example.org", "Hôte Rappel", NULL, "fr", &host, &err), BG_OK);
	assert_int_equal(authz_grant(f.d, 0, host, ROLE_HOST, (scope){SCOPE_COOPERATIVE, f.coop}, &err), BG_OK);
	newcomer na = {.cooperative_id = f.coop, .consent = true}, nb = na, nc = na;
	snprintf(na.name, sizeof na.name, "Anna");
	snprintf(na.email, sizeof na.email, "anna@example.org");
	snprintf(na.lang, sizeof na.lang, "en");
	snprintf(nb.name, sizeof nb.name, "Basile");
	snprintf(nb.email, sizeof nb.email, "basile@example.org");
	snprintf(nb.lang, sizeof nb.lang, "fr");
	snprintf(nc.name, sizeof nc.name, "Chloé");
	snprintf(nc.email, sizeof nc.email, "chloe@example.org");
	snprintf(nc.lang, sizeof nc.lang, "fr");
	assert_int_equal(newcomer_create(f.d, 0, &na, &err), BG_OK);
	assert_int_equal(newcomer_create(f.d, 0, &nb, &err), BG_OK);
	assert_int_equal(newcomer_create(f.d, 0, &nc, &err), BG_OK);
	int64_t now = date_now();
	/* Anna: in 20 hours; Basile: in 3 days; Chloé: in 20 hours, cancelled */
	islot s1 = {.cooperative_id = f.coop, .place_id = f.p.id, .starts_at = now + 20 * 3600, .ends_at = now + 21 * 3600};
	islot s2 = {.cooperative_id = f.coop, .place_id = f.p.id, .starts_at = now + 72 * 3600, .ends_at = now + 73 * 3600};
	islot s3 = {.cooperative_id = f.coop, .place_id = f.p.id, .starts_at = now + 22 * 3600, .ends_at = now + 23 * 3600};
	assert_int_equal(islot_create(f.d, host, &s1, &err), BG_OK);
	assert_int_equal(islot_create(f.d, host, &s2, &err), BG_OK);
	assert_int_equal(islot_create(f.d, host, &s3, &err), BG_OK);
	assert_int_equal(interview_book(f.d, host, na.id, s1.id, NULL, &iv, &err), BG_OK);
	assert_int_equal(interview_book(f.d, host, nb.id, s2.id, NULL, &iv_far, &err), BG_OK);
	assert_int_equal(interview_book(f.d, host, nc.id, s3.id, NULL, &iv_cancelled, &err), BG_OK);
	assert_int_equal(interview_cancel(f.d, host, iv_cancelled, NULL, &err), BG_OK);
	int64_t anna0 = mails_to(f.d, "anna@example.org"), basile0 = mails_to(f.d, "basile@example.org");
	int64_t chloe0 = mails_to(f.d, "chloe@example.org");
	assert_true(hospitality_tick(f.d, now, NULL, &err) >= 1);
	assert_int_equal(db_commit(f.d, &err), BG_OK);
	assert_int_equal(mails_to(f.d, "anna@example.org"), anna0 + 1);
	assert_int_equal(mails_to(f.d, "basile@example.org"), basile0);
	assert_int_equal(mails_to(f.d, "chloe@example.org"), chloe0);
	/* in English (Anna's language), naming the host, with the invitation */
	db_stmt *q = db_query(f.d, "SELECT subject, body_text, attachment_name FROM outbox WHERE to_addr = 'anna@example.org'"
				   " ORDER BY id DESC LIMIT 1", NULL);
	assert_int_equal(db_next(q), 1);
	assert_string_equal(db_text(q, 0), "Bigre: your welcome interview is tomorrow");
	assert_non_null(strstr(db_text(q, 1), "A reminder: your one-to-one welcome interview with Hôte Rappel"));
	assert_string_equal(db_text(q, 2), "invitation.ics");
	assert_int_equal(db_done(q), BG_OK);
	icalproperty_method method;
	char uid[64], want[64];
	int seq;
	last_invitation(f.d, "anna@example.org", &method, uid, &seq);
	snprintf(want, sizeof want, "interview-%lld@bigre", (long long)iv);
	assert_int_equal(method, ICAL_METHOD_REQUEST);
	assert_string_equal(uid, want);
	assert_int_equal(seq, 0);
	/* once only: the next tick, and the one a day later, send nothing more */
	assert_int_equal(db_begin(f.d, DB_WRITE, &err), BG_OK);
	hospitality_tick(f.d, now + 60, NULL, &err);
	hospitality_tick(f.d, now + 3 * 3600, NULL, &err);
	assert_int_equal(db_commit(f.d, &err), BG_OK);
	assert_int_equal(mails_to(f.d, "anna@example.org"), anna0 + 1);
	/* Basile's comes the day before his */
	assert_int_equal(db_begin(f.d, DB_WRITE, &err), BG_OK);
	hospitality_tick(f.d, now + 50 * 3600, NULL, &err);
	assert_int_equal(db_commit(f.d, &err), BG_OK);
	assert_int_equal(mails_to(f.d, "basile@example.org"), basile0 + 1);
	q = db_query(f.d, "SELECT subject FROM outbox WHERE to_addr = 'basile@example.org' ORDER BY id DESC LIMIT 1", NULL);
	assert_int_equal(db_next(q), 1);
	assert_string_equal(db_text(q, 0), "Bigre : votre entretien d’accueil a lieu demain");
	assert_int_equal(db_done(q), BG_OK);
	testdb_close(f.d);
}

/* The newcomers' statistics count by the group's (Paris) month and age:
 * at 23:30 on 31 December in Paris a newcomer counts in December, an hour
 * later (00:30 on 1 January, still 31 December in UTC) in January, with
 * the age of 2027; their first step is dated 1 January. */
static void test_newcomer_stats_paris_month(void **state)
{
	(void)state;
	fixture f;
	hosp_fixture_make(&f, true, 1);
	bg_error err;
	int64_t december, january;
	assert_true(date_parse_instant("2026-12-31T22:30:00Z", &december));
	assert_true(date_parse_instant("2026-12-31T23:30:00Z", &january));
	static const char *const names[] = {"Anne Décembre", "Bruno Janvier", "Clara Janvier"};
	assert_int_equal(db_begin(f.d, DB_WRITE, &err), BG_OK);
	int64_t last = 0;
	for (int i = 0; i < 3; i++) {
		date_clock_set(i ? january : december);
		newcomer n = {.cooperative_id = f.coop, .consent = true, .birth_year = 2001};
		snprintf(n.name, sizeof n.name, "%s", names[i]);
		snprintf(n.email, sizeof n.email, "n%d@example.org", i);
		snprintf(n.lang, sizeof n.lang, "fr");
		assert_int_equal(newcomer_create(f.d, 0, &n, &err), BG_OK);
		last = n.id;
	}
	assert_int_equal(db_commit(f.d, &err), BG_OK);
	db_stmt *s = db_query(f.d, "SELECT day FROM newcomer_steps WHERE newcomer_id = ?", "i", last);
	assert_int_equal(db_next(s), 1);
	assert_string_equal(db_text(s, 0), "2027-01-01");
	assert_int_equal(db_done(s), BG_OK);
	buf csv;
	buf_init(&csv);
	assert_int_equal(newcomer_stats_csv(f.d, f.host, &csv, &err), BG_OK);
	assert_string_equal(csv.data, "month,cooperative,territory,age_band,referrer,step,count\r\n"
				      "\"2026-12\",\"Coop\",\"\",\"26-35\",\"\",\"contact\",1\r\n"
				      "\"2027-01\",\"Coop\",\"\",\"26-35\",\"\",\"contact\",2\r\n");
	buf_free(&csv);
	testclock_set();
	testdb_close(f.d);
}

int main(void)
{
	testclock_set();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_time_zones),
		cmocka_unit_test(test_availability_and_clash),
		cmocka_unit_test(test_clash_capacity),
		cmocka_unit_test(test_geo),
		cmocka_unit_test(test_place_position),
		cmocka_unit_test(test_availability_long_booking),
		cmocka_unit_test(test_availability_cache),
		cmocka_unit_test(test_availability_valid_until),
		cmocka_unit_test(test_ical_uid_and_sequence),
		cmocka_unit_test(test_invitation_methods),
		cmocka_unit_test(test_tick),
		cmocka_unit_test(test_digest),
		cmocka_unit_test(test_digest_paris_days),
		cmocka_unit_test(test_interviews),
		cmocka_unit_test(test_interview_reminder),
		cmocka_unit_test(test_newcomer_stats_paris_month),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
