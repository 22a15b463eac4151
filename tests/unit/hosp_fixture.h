/*
 * hosp_fixture.h — the place the hospitality unit tests share: a
 * cooperative with a member (and, when asked, a host), a place of it open
 * every day 08:00–20:00 with a room and a desk inside the room.
 */
#ifndef BG_HOSP_FIXTURE_H
#define BG_HOSP_FIXTURE_H
#include "testdb.h"
#include "auth/account.h"
#include "auth/authz.h"
#include "core/date.h"
#include "hospitality/hospitality.h"

typedef struct fixture {
	db *d;
	int64_t host, member, coop;
	place p;
	resource room, desk;
} fixture;

/* Builds the fixture; with_host adds a host of the cooperative (created
 * after the member), room_capacity sets the room's capacity. */
static void hosp_fixture_make(fixture *f, bool with_host, int room_capacity)
{
	bg_error err;
	f->d = testdb_open();
	f->host = 0;
	assert_int_equal(db_begin(f->d, DB_WRITE, &err), BG_OK);
	assert_int_equal(db_exec(f->d, &err, "INSERT INTO cooperatives(name, created_at) VALUES ('Coop', 0)", NULL), BG_OK);
	f->coop = db_last_id(f->d);
	assert_int_equal(account_create(f->d, 0, "m@example.org", "M", NULL, "fr", &f->member, &err), BG_OK);
	assert_int_equal(authz_grant(f->d, 0, f->member, ROLE_MEMBER, (scope){SCOPE_COOPERATIVE, f->coop}, &err), BG_OK);
	if (with_host) {
		assert_int_equal(account_create(f->d, 0, "h@example.org", "H", NULL, "fr", &f->host, &err), BG_OK);
		assert_int_equal(authz_grant(f->d, 0, f->host, ROLE_HOST, (scope){SCOPE_COOPERATIVE, f->coop}, &err),
				 BG_OK);
	}
	place_defaults(&f->p);
	snprintf(f->p.name, sizeof f->p.name, "Lieu");
	f->p.owner_id = f->coop;
	place_hours h[7];
	for (int i = 0; i < 7; i++)
		h[i] = (place_hours){i + 1, 8 * 60, 20 * 60};
	assert_int_equal(place_create(f->d, 0, &f->p, h, 7, &err), BG_OK);
	resource_defaults(&f->room);
	f->room.place_id = f->p.id;
	snprintf(f->room.name, sizeof f->room.name, "Salle");
	snprintf(f->room.kind, sizeof f->room.kind, "meeting_room");
	f->room.capacity = room_capacity;
	assert_int_equal(resource_create(f->d, 0, &f->room, &err), BG_OK);
	resource_defaults(&f->desk);
	f->desk.place_id = f->p.id;
	f->desk.parent_id = f->room.id;
	snprintf(f->desk.name, sizeof f->desk.name, "Poste");
	assert_int_equal(resource_create(f->d, 0, &f->desk, &err), BG_OK);
	assert_int_equal(db_commit(f->d, &err), BG_OK);
}

/* hour:00 local time at the place, n days from today there. */
static int64_t at(const fixture *f, int n, int hour)
{
	return tz_local_to_utc(f->p.timezone, tz_today_days(f->p.timezone) + n, hour * 60);
}

#endif
