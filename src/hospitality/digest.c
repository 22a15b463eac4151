/*
 * digest.c — the hosts' daily digest by mail.
 *
 * A person who follows newcomers or hosts sessions may ask, on the hosts'
 * dashboard, for one mail a day (host_digest_prefs.wants).  The periodic
 * tick (hospitality_tick) calls digest_send_due(): from 07:00, Paris time,
 * each person who asked and has not had today's digest gets one, in their
 * language, text + HTML through the outbox, with what the dashboard shows
 * for the cooperatives they host: who waits for what and since when,
 * sessions to come with their fill rate, interviews to book, newcomers with
 * no step for 30 days.  The day is recorded before the mail is queued, in
 * the same transaction, so a digest is never sent twice the same day; a
 * day with nothing to tell is recorded too and sends nothing.
 */
#include "hospitality/hosp_internal.h"
#include "auth/authz.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/i18n.h"
#include "core/tz.h"

bg_status digest_set(db *d, int64_t actor, bool wants, bg_error *err)
{
	if (!place_is_member(d, actor))
		return bg_fail(err, BG_ERR_FORBIDDEN, "not_a_member", NULL,
			       N_("Only members of the group may do this."));
	bg_status st = db_exec(d, err, "INSERT INTO host_digest_prefs(person_id, wants, updated_at) VALUES (?, ?, ?)"
				       " ON CONFLICT(person_id) DO UPDATE SET wants = excluded.wants,"
				       " updated_at = excluded.updated_at", "iii", actor, (int64_t)wants, date_now());
	if (st == BG_OK)
		st = hosp_audit(d, actor, "set", "host_digest", actor, wants ? "{\"wants\":true}" : "{\"wants\":false}",
				err);
	return st;
}

bool digest_wanted(db *d, int64_t person)
{
	int64_t v = 0;
	bool found = false;
	if (db_scalar(d, NULL, &v, &found, "SELECT wants FROM host_digest_prefs WHERE person_id = ?", "i", person) !=
	    BG_OK)
		return false; /* logged by the db layer; no digest is the cautious answer */
	return found && v;
}

bg_status hosts_scopes_load(db *d, int64_t person, hosts_scopes *out, bg_error *err)
{
	buf_init(&out->sessions);
	buf_init(&out->newcomers);
	buf_init(&out->place_coops);
	buf_init(&out->place_units);
	bg_status st = authz_ids_json(d, person, AUTHZ_SESSION_MANAGE, SCOPE_COOPERATIVE, &out->sessions, err);
	if (st == BG_OK)
		st = authz_ids_json(d, person, AUTHZ_NEWCOMER_MANAGE, SCOPE_COOPERATIVE, &out->newcomers, err);
	if (st == BG_OK)
		st = authz_ids_json(d, person, AUTHZ_PLACE_MANAGE, SCOPE_COOPERATIVE, &out->place_coops, err);
	if (st == BG_OK)
		st = authz_ids_json(d, person, AUTHZ_PLACE_MANAGE, SCOPE_UNIT, &out->place_units, err);
	return st;
}

void hosts_scopes_free(hosts_scopes *h)
{
	buf_free(&h->sessions);
	buf_free(&h->newcomers);
	buf_free(&h->place_coops);
	buf_free(&h->place_units);
}

bg_status hosts_may_work(db *d, int64_t person, bg_error *err)
{
	static const authz_action work[] = {AUTHZ_SESSION_MANAGE, AUTHZ_NEWCOMER_MANAGE, AUTHZ_PLACE_MANAGE};
	bg_status st = BG_ERR_NOT_FOUND;
	for (size_t i = 0; i < sizeof work / sizeof *work; i++)
		if ((st = authz_check_somewhere(d, person, work[i], err)) != BG_ERR_FORBIDDEN &&
		    st != BG_ERR_NOT_FOUND)
			return st;
	return st;
}

/* Appends a section title and its lines; returns how many lines, or -1
 * when the query failed. */
static int digest_section(db *d, buf *text, const char *lang, const char *title, const char *sql, int64_t now,
			  const hosts_scopes *h, int kind)
{
	db_stmt *s;
	if (kind == 0) /* waiting lists and bookings to approve */
		s = db_query(d, sql, "isiss", now, h->sessions.data, now, h->place_coops.data, h->place_units.data);
	else if (kind == 1) /* sessions of the next 14 days */
		s = db_query(d, sql, "iis", now, now + 14 * 86400, h->sessions.data);
	else if (kind == 2) /* interviews to book */
		s = db_query(d, sql, "s", h->newcomers.data);
	else /* no step for 30 days */
		s = db_query(d, sql, "si", h->newcomers.data, now - 30 * 86400);
	if (!s)
		return -1;
	int n = 0, rc;
	while ((rc = db_next(s)) == 1) {
		if (!n++)
			buf_printf(text, "\n%s\n", title);
		buf day;
		buf_init(&day);
		if (kind == 0 || kind == 1)
			tz_format_day(TZ_GROUP, db_int(s, 2), &day, lang);
		if (kind == 0)
			buf_printf(text, tr(lang, "- %s waits for %s since %s\n"), db_text(s, 0), db_text(s, 1), day.data);
		else if (kind == 1)
			buf_printf(text, tr(lang, "- %s, %s: %lld / %lld places taken (%lld %%), %lld waiting\n"),
				   db_text(s, 1), day.data, (long long)db_int(s, 3), (long long)db_int(s, 4),
				   (long long)(db_int(s, 4) ? db_int(s, 3) * 100 / db_int(s, 4) : 0),
				   (long long)db_int(s, 5));
		else
			buf_printf(text, tr(lang, "- %s (%s), last step on %s\n"), db_text(s, 0), db_text(s, 1),
				   db_text(s, 2) ? db_text(s, 2) : "—");
		buf_free(&day);
	}
	if (db_done(s) != BG_OK)
		rc = -1; /* a failed step */
	return rc < 0 ? -1 : n;
}

/* Builds and queues one host's digest; *sent tells whether there was
 * anything to tell. */
static bg_status digest_one(db *d, int64_t person, const char *name, const char *email, const char *lang,
			    int64_t now, const char *base_url, bool *sent, bg_error *err)
{
	hosts_scopes h;
	bg_status st = hosts_scopes_load(d, person, &h, err);
	if (st != BG_OK) {
		hosts_scopes_free(&h);
		return st;
	}
	buf text;
	buf_init(&text);
	buf_printf(&text, tr(lang, "Hello %s,\n\nHere is what waits for you today on Bigre.\n"), name);
	int counts[4];
	counts[0] = digest_section(d, &text, lang, tr(lang, "Who waits for what, since when:"),
			       "SELECT g.name, s.title, g.created_at FROM session_registrations g JOIN info_sessions s"
			       " ON s.id = g.session_id WHERE g.status = 'waiting' AND s.starts_at > ? AND"
			       HOSP_IN_IDS("s.cooperative_id")
			       " UNION ALL SELECT pe.display_name, r.name || ' — ' || p.name, b.created_at FROM bookings b"
			       " JOIN resources r ON r.id = b.resource_id JOIN places p ON p.id = r.place_id"
			       " JOIN people pe ON pe.id = b.person_id WHERE b.status = 'pending' AND b.starts_at > ? AND"
			       " ((p.owner_type = 'cooperative' AND" HOSP_IN_IDS("p.owner_id") ") OR (p.owner_type = 'unit'"
			       " AND" HOSP_IN_IDS("p.owner_id") "))"
			       " ORDER BY 3 LIMIT 50", now, &h, 0);
	counts[1] = digest_section(d, &text, lang, tr(lang, "Sessions to come (next 14 days):"),
			    "SELECT s.id, s.title, s.starts_at, (SELECT count(*) FROM session_registrations g WHERE"
			    " g.session_id = s.id AND g.status = 'registered'), s.capacity, (SELECT count(*) FROM"
			    " session_registrations g WHERE g.session_id = s.id AND g.status = 'waiting')"
			    " FROM info_sessions s WHERE s.status = 'scheduled' AND s.starts_at > ? AND s.starts_at <= ?"
			    " AND" HOSP_IN_IDS("s.cooperative_id") " ORDER BY s.starts_at LIMIT 50", now, &h, 1);
	counts[2] = digest_section(d, &text, lang, tr(lang, "Welcome interviews to book:"),
			    "SELECT n.name, n.email, (SELECT max(day) FROM newcomer_steps st WHERE st.newcomer_id = n.id)"
			    " FROM newcomers n WHERE" HOSP_INTERVIEW_TO_BOOK " AND"
			    HOSP_IN_IDS("n.cooperative_id") " ORDER BY n.updated_at LIMIT 50", now, &h, 2);
	counts[3] = digest_section(d, &text, lang, tr(lang, "Newcomers with no step for 30 days:"),
			    "SELECT n.name, n.email, (SELECT max(day) FROM newcomer_steps st WHERE st.newcomer_id = n.id)"
			    " FROM newcomers n WHERE n.status = 'open' AND" HOSP_IN_IDS("n.cooperative_id")
			    " AND n.updated_at < ? ORDER BY n.updated_at LIMIT 50", now, &h, 3);
	hosts_scopes_free(&h);
	int n = 0;
	for (int i = 0; i < 4; i++) {
		if (counts[i] < 0) {
			buf_free(&text);
			return bg_db_fail(err);
		}
		n += counts[i];
	}
	*sent = n > 0;
	if (n > 0) {
		buf_printf(&text, tr(lang, "\nThe hosts' dashboard has the details, and you can stop this daily mail"
					   " there:\n%s/hosts\n"), HOSP_BASE(base_url));
		st = hosp_mail(d, email, tr(lang, "Bigre: your hosts' digest"), text.data, NULL, NULL, err);
	}
	buf_free(&text);
	return st;
}

int digest_send_due(db *d, int64_t now, const char *base_url, bg_error *err)
{
	int64_t day;
	int minute;
	tz_utc_to_local(HOSP_DEFAULT_TZ, now, &day, &minute);
	if (minute < 7 * 60)
		return 0;
	int y, m, dd;
	date_from_days(day, &y, &m, &dd);
	char today[32];
	snprintf(today, sizeof today, "%04d-%02d-%02d", y, m, dd);
	enum { MAX = 32 };
	struct { int64_t id; char name[201], email[255], lang[3]; } h[MAX];
	int n = 0;
	db_stmt *q = db_query(d, "SELECT p.id, p.display_name, p.email, p.lang FROM host_digest_prefs h JOIN people p"
				 " ON p.id = h.person_id WHERE h.wants = 1 AND (h.last_day IS NULL OR h.last_day < ?)"
				 " ORDER BY p.id LIMIT 32", "s", today);
	while (q && db_next(q) == 1 && n < MAX) {
		h[n].id = db_int(q, 0);
		hosp_copy(h[n].name, sizeof h[n].name, db_text(q, 1));
		hosp_copy(h[n].email, sizeof h[n].email, db_text(q, 2));
		hosp_copy(h[n].lang, sizeof h[n].lang, db_text(q, 3));
		n++;
	}
	if (db_done(q) != BG_OK) /* a count is answered: the error is set, not returned */
		return bg_db_fail_count(err);
	int sent = 0;
	for (int i = 0; i < n; i++) {
		bool any = false;
		if (db_exec(d, err, "UPDATE host_digest_prefs SET last_day = ? WHERE person_id = ?", "si", today,
			    h[i].id) != BG_OK ||
		    digest_one(d, h[i].id, h[i].name, h[i].email, h[i].lang, now, base_url, &any, err) != BG_OK)
			return -1;
		sent += any;
	}
	return sent;
}
