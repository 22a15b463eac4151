/*
 * hosts_lists.c — the lists of the hosts' dashboard (/hosts): who waits
 * for what, the newcomers to follow up and those whose interview is to
 * book, a host's next interviews.  Each reads one page (limit rows from
 * offset, by DB_PAGE_QUERY) and the list's total, so that the dashboard
 * says how many there are and pages through all of them instead of cutting
 * at a cap.  The scopes are those hosts_scopes_load found (digest.c): the
 * caller decides the rights, these only read.  The sessions to come are
 * infosession_list_to_come (infosession.c), a host's slots islot_list
 * (interview.c).  And the cooperatives a dashboard's form offers.
 */
#include "hospitality/hosp_internal.h"
#include "core/date.h"
#include <assert.h>

/* Who waits: the waiting registrations to sessions to come of the
 * cooperatives h->sessions (booking 0), then the pending bookings to come
 * of the places h manages; bound by the instant, the sessions' ids, the
 * instant, the places' cooperatives and units. */
#define WAITS_FROM " FROM (SELECT g.name AS who, s.title AS what, g.created_at AS since, 0 AS booking"                \
	" FROM session_registrations g JOIN info_sessions s ON s.id = g.session_id WHERE g.status = 'waiting'"      \
	" AND s.starts_at > ? AND" HOSP_IN_IDS("s.cooperative_id")                                                  \
	" UNION ALL SELECT pe.display_name, r.name || ' — ' || p.name, b.created_at, b.id FROM bookings b"          \
	" JOIN resources r ON r.id = b.resource_id JOIN places p ON p.id = r.place_id JOIN people pe"               \
	" ON pe.id = b.person_id WHERE b.status = 'pending' AND b.starts_at > ? AND ((p.owner_type = 'cooperative'" \
	" AND" HOSP_IN_IDS("p.owner_id") ") OR (p.owner_type = 'unit' AND" HOSP_IN_IDS("p.owner_id") "))) w"

bg_status hosts_wait_list(db *d, arena *a, const hosts_scopes *h, int64_t limit, int64_t offset, hosts_wait_row **out,
			  size_t *n, int64_t *total, bg_error *err)
{
	assert(limit > 0 && offset >= 0);
	int64_t now = date_now();
	db_stmt *s = DB_PAGE_QUERY(d, total, "SELECT w.who, w.what, w.since, w.booking", WAITS_FROM,
				     "w.since, w.booking", limit, offset, "isiss", now, h->sessions.data, now,
				     h->place_coops.data, h->place_units.data);
	*out = NULL;
	*n = 0;
	int rc = -1;
	while (s && (rc = db_next(s)) == 1) {
		*out = arena_grow(a, *out, *n, sizeof **out);
		hosts_wait_row *r = &(*out)[(*n)++];
		r->who = arena_strdup(a, db_text(s, 0));
		r->what = arena_strdup(a, db_text(s, 1));
		r->since = db_int(s, 2);
		r->booking_id = db_int(s, 3);
	}
	bg_status st = db_done(s);
	return rc == 0 && st == BG_OK ? BG_OK : bg_db_fail(err);
}

/* The newcomers to follow up: open, of the cooperatives bound, and with
 * no change since the instant bound or still at the information session. */
#define FOLLOW_UP_FROM " FROM newcomers n WHERE n.status = 'open' AND" HOSP_IN_IDS("n.cooperative_id")                \
	" AND (n.updated_at < ? OR n.current_step = 'information_session')"

bg_status newcomer_follow_up_list(db *d, arena *a, const char *cooperative_ids, int64_t limit, int64_t offset,
				  newcomer_follow_row **out, size_t *n, int64_t *total, bg_error *err)
{
	assert(limit > 0 && offset >= 0);
	db_stmt *s = DB_PAGE_QUERY(d, total,
				     "SELECT n.id, n.name, n.current_step, (SELECT max(day) FROM newcomer_steps st"
				     " WHERE st.newcomer_id = n.id) AS last, n.cooperative_id",
				     FOLLOW_UP_FROM, "last, n.id", limit, offset, "si", cooperative_ids,
				     date_now() - 30 * 86400);
	*out = NULL;
	*n = 0;
	int rc = -1;
	while (s && (rc = db_next(s)) == 1) {
		*out = arena_grow(a, *out, *n, sizeof **out);
		newcomer_follow_row *r = &(*out)[(*n)++];
		r->id = db_int(s, 0);
		r->name = arena_strdup(a, db_text(s, 1));
		r->current_step = arena_strdup(a, db_text(s, 2));
		r->last_day = arena_strdup(a, db_text(s, 3));
		r->cooperative_id = db_int(s, 4);
	}
	bg_status st = db_done(s);
	return rc == 0 && st == BG_OK ? BG_OK : bg_db_fail(err);
}

bg_status newcomer_to_book_list(db *d, arena *a, const char *cooperative_ids, int64_t limit, int64_t offset,
				newcomer_to_book_row **out, size_t *n, int64_t *total, bg_error *err)
{
	assert(limit > 0 && offset >= 0);
	db_stmt *s = DB_PAGE_QUERY(d, total, "SELECT n.id, n.name, c.name",
				     " FROM newcomers n JOIN cooperatives c ON c.id = n.cooperative_id WHERE"
				     HOSP_INTERVIEW_TO_BOOK " AND" HOSP_IN_IDS("n.cooperative_id"),
				     "n.created_at, n.id", limit, offset, "s", cooperative_ids);
	*out = NULL;
	*n = 0;
	int rc = -1;
	while (s && (rc = db_next(s)) == 1) {
		*out = arena_grow(a, *out, *n, sizeof **out);
		newcomer_to_book_row *r = &(*out)[(*n)++];
		r->id = db_int(s, 0);
		r->name = arena_strdup(a, db_text(s, 1));
		r->cooperative = arena_strdup(a, db_text(s, 2));
	}
	bg_status st = db_done(s);
	return rc == 0 && st == BG_OK ? BG_OK : bg_db_fail(err);
}

bg_status interview_list_host(db *d, arena *a, int64_t host_id, int64_t limit, int64_t offset,
			      interview_host_row **out, size_t *n, int64_t *total, bg_error *err)
{
	assert(limit > 0 && offset >= 0);
	db_stmt *s = DB_PAGE_QUERY(d, total,
				     "SELECT n.id, n.name, t.timezone, t.starts_at, coalesce(p.name, t.online_url)",
				     " FROM interviews i JOIN interview_slots t ON t.id = i.slot_id JOIN newcomers n"
				     " ON n.id = i.newcomer_id LEFT JOIN places p ON p.id = t.place_id WHERE t.host_id = ?"
				     " AND i.status = 'booked' AND t.ends_at > ?",
				     "t.starts_at, i.id", limit, offset, "ii", host_id, date_now());
	*out = NULL;
	*n = 0;
	int rc = -1;
	while (s && (rc = db_next(s)) == 1) {
		*out = arena_grow(a, *out, *n, sizeof **out);
		interview_host_row *r = &(*out)[(*n)++];
		r->newcomer_id = db_int(s, 0);
		r->newcomer = arena_strdup(a, db_text(s, 1));
		r->timezone = arena_strdup(a, db_text(s, 2));
		r->starts_at = db_int(s, 3);
		r->where = arena_strdup(a, db_text(s, 4));
	}
	bg_status st = db_done(s);
	return rc == 0 && st == BG_OK ? BG_OK : bg_db_fail(err);
}

bg_status hosp_choices_read(db_stmt *s, arena *a, hosp_choice **out, size_t *n, bg_error *err)
{
	*out = NULL;
	*n = 0;
	int rc = -1;
	while (s && (rc = db_next(s)) == 1) {
		*out = arena_grow(a, *out, *n, sizeof **out);
		(*out)[*n].id = db_int(s, 0);
		(*out)[(*n)++].name = arena_strdup(a, db_text(s, 1));
	}
	bg_status st = db_done(s);
	return rc == 0 && st == BG_OK ? BG_OK : bg_db_fail(err);
}

bg_status cooperative_choice_list(db *d, arena *a, const char *cooperative_ids, hosp_choice **out, size_t *n,
				  bg_error *err)
{
	return hosp_choices_read(db_query(d, "SELECT c.id, c.name FROM cooperatives c WHERE" HOSP_IN_IDS("c.id")
					  " ORDER BY c.name, c.id", "s", cooperative_ids),
				 a, out, n, err);
}

bg_status cooperative_choice_all(db *d, arena *a, hosp_choice **out, size_t *n, bg_error *err)
{
	return hosp_choices_read(db_query(d, "SELECT id, name FROM cooperatives ORDER BY name", NULL), a, out, n, err);
}
