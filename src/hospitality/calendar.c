/*
 * calendar.c — iCalendar (RFC 5545) output with libical, feeds at secret
 * revocable URLs, and the mail helper of the hospitality domain.
 *
 * Every occurrence has one stable UID for its whole life, the same in a
 * feed and in an emailed invitation: "booking-<id>@bigre" for a booking,
 * "session-<id>@bigre" for an information session.  Each change increments
 * the row's `sequence`, emitted as SEQUENCE; a cancelled occurrence stays
 * in the feed with STATUS:CANCELLED so calendars remove it.  Times are
 * written with TZID of the place's zone, and the VTIMEZONE is included.
 *
 * Feed tokens are secrets: only their hash is stored (auth/secret.h);
 * revoking sets revoked_at and the URL stops answering at once.
 */
#include "core/mem.h"
#include "hospitality/hosp_internal.h"
#include "auth/authz.h"
#include "auth/secret.h"
#include "core/date.h"
#include "core/i18n.h"
#include "mail/outbox.h"
#include <libical/ical.h>
#include <stdlib.h>

/* A DATE-TIME property value at instant t in zone z (lock held). */
static icalproperty *hcal_time_prop(icalproperty *(*make)(struct icaltimetype), int64_t t,
				    icaltimezone *z, const char *tzid)
{
	struct icaltimetype tt = icaltime_from_timet_with_zone((time_t)t, 0, z);
	/* libical 3.0 converts the wall time but leaves the UTC zone on it,
	 * which would print "…T140000Z" beside a TZID: mark it as z's */
	tt = icaltime_set_timezone(&tt, z);
	icalproperty *p = make(tt);
	if (z != icaltimezone_get_utc_timezone()) {
		icalproperty_remove_parameter_by_kind(p, ICAL_TZID_PARAMETER);
		icalproperty_add_parameter(p, icalparameter_new_tzid(tzid));
	}
	return p;
}

void hcal_render(buf *out, hcal_method method, const hcal_event *events, int n)
{
	pthread_mutex_lock(&tz_lock);
	icalcomponent *cal = icalcomponent_new_vcalendar();
	icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
	icalcomponent_add_property(cal, icalproperty_new_prodid("-//Bigre//Hospitality//FR"));
	icalcomponent_add_property(cal, icalproperty_new_calscale("GREGORIAN"));
	icalcomponent_add_property(cal, icalproperty_new_method(
		method == HCAL_REQUEST ? ICAL_METHOD_REQUEST : method == HCAL_CANCEL ? ICAL_METHOD_CANCEL
										  : ICAL_METHOD_PUBLISH));
	const char *zones_done[8];
	int nzones = 0;
	icaltimezone *utc = icaltimezone_get_utc_timezone();
	struct icaltimetype stamp = icaltime_from_timet_with_zone((time_t)date_now(), 0, utc);
	for (int i = 0; i < n; i++) {
		const hcal_event *e = &events[i];
		const char *tzid = e->tzid && *e->tzid ? e->tzid : HOSP_DEFAULT_TZ;
		icaltimezone *z = icaltimezone_get_builtin_timezone(tzid);
		if (!z) {
			z = utc;
			tzid = "UTC";
		}
		bool seen = z == utc;
		for (int k = 0; k < nzones; k++)
			seen |= strcmp(zones_done[k], tzid) == 0;
		if (!seen && nzones < 8) {
			icalcomponent *vtz = icaltimezone_get_component(z);
			if (vtz) {
				/* the built-in zone is named "/freeassociation…/Europe/Paris":
				 * give the VTIMEZONE the TZID the times refer to */
				icalcomponent *copy = icalcomponent_new_clone(vtz);
				icalproperty *id = icalcomponent_get_first_property(copy, ICAL_TZID_PROPERTY);
				if (id)
					icalproperty_set_tzid(id, tzid);
				icalcomponent_add_component(cal, copy);
			}
			zones_done[nzones++] = tzid;
		}
		icalcomponent *ev = icalcomponent_new_vevent();
		icalcomponent_add_property(ev, icalproperty_new_uid(e->uid));
		icalcomponent_add_property(ev, icalproperty_new_sequence(e->sequence));
		icalcomponent_add_property(ev, icalproperty_new_dtstamp(stamp));
		icalcomponent_add_property(ev, hcal_time_prop(icalproperty_new_dtstart, e->starts_at, z, tzid));
		icalcomponent_add_property(ev, hcal_time_prop(icalproperty_new_dtend, e->ends_at, z, tzid));
		icalcomponent_add_property(ev, icalproperty_new_summary(e->summary ? e->summary : ""));
		if (e->location && *e->location)
			icalcomponent_add_property(ev, icalproperty_new_location(e->location));
		if (e->description && *e->description)
			icalcomponent_add_property(ev, icalproperty_new_description(e->description));
		icalproperty_status status = e->status == HCAL_TENTATIVE ? ICAL_STATUS_TENTATIVE
									 : ICAL_STATUS_CONFIRMED;
		if (e->status == HCAL_CANCELLED || method == HCAL_CANCEL)
			status = ICAL_STATUS_CANCELLED;
		icalcomponent_add_property(ev, icalproperty_new_status(status));
		if (method != HCAL_PUBLISH) {
			icalcomponent_add_property(ev, icalproperty_new_organizer(HOSP_ORGANIZER));
			if (e->attendee) {
				char *mailto = malloc(strlen(e->attendee) + 8);
				sprintf(mailto, "mailto:%s", e->attendee);
				icalcomponent_add_property(ev, icalproperty_new_attendee(mailto));
				free(mailto);
			}
		}
		icalcomponent_add_component(cal, ev);
	}
	char *text = icalcomponent_as_ical_string_r(cal);
	buf_puts(out, text);
	free(text);
	icalcomponent_free(cal);
	pthread_mutex_unlock(&tz_lock);
}

/* Escapes n bytes of text for HTML. */
static void hosp_mail_escape_n(buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		switch (s[i]) {
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '&': buf_puts(b, "&amp;"); break;
		case '"': buf_puts(b, "&quot;"); break;
		case '\n': buf_puts(b, "<br>\n"); break;
		default: buf_putc(b, s[i]);
		}
	}
}

/* Escapes text for the HTML part of a mail (the domain has no HTML writer);
 * an http(s) address becomes a link to itself. */
static void hosp_mail_escape(buf *b, const char *s)
{
	while (*s) {
		const char *h = strstr(s, "http");
		while (h && strncmp(h, "http://", 7) != 0 && strncmp(h, "https://", 8) != 0)
			h = strstr(h + 4, "http");
		if (!h) {
			hosp_mail_escape_n(b, s, strlen(s));
			return;
		}
		hosp_mail_escape_n(b, s, (size_t)(h - s));
		size_t n = strcspn(h, " \t\r\n<>\"'");
		while (n > 8 && strchr(".,;:!?)", h[n - 1]))
			n--; /* the sentence's punctuation is not part of it */
		buf_puts(b, "<a href=\"");
		hosp_mail_escape_n(b, h, n);
		buf_puts(b, "\">");
		hosp_mail_escape_n(b, h, n);
		buf_puts(b, "</a>");
		s = h + n;
	}
}

bg_status hosp_mail(db *d, const char *to, const char *subject, const char *text,
		    const char *ics, const char *ics_method, bg_error *err)
{
	buf html;
	buf_init(&html);
	buf_puts(&html, "<!doctype html><html><body style=\"font-family:sans-serif;line-height:1.5\"><p>");
	hosp_mail_escape(&html, text);
	buf_puts(&html, "</p><p style=\"color:#555\">Bigre</p></body></html>");
	char type[64];
	snprintf(type, sizeof type, "text/calendar; charset=UTF-8; method=%s", ics_method ? ics_method : "REQUEST");
	mail_message m = {.to = to, .subject = subject, .text = text, .html = html.data};
	if (ics) {
		m.attachment_name = "invitation.ics";
		m.attachment_type = type;
		m.attachment = ics;
		m.attachment_len = strlen(ics);
	}
	bg_status st = outbox_enqueue(d, &m, err);
	buf_free(&html);
	return st;
}

/* A place's feed shows all its bookings: for those who manage the place
 * (404 for an unknown one, 403 for a member who does not manage it). */
static bg_status hcal_place_may(db *d, int64_t actor, int64_t place_id, bg_error *err)
{
	place p;
	bg_status st = place_load(d, place_id, &p, err);
	return st == BG_OK ? place_may_manage(d, actor, &p, err) : st;
}

bg_status hcal_feed_create(db *d, int64_t actor, const char *kind, int64_t target_id,
			   char *token_out, size_t token_cap, int64_t *id_out, bg_error *err)
{
	if (!place_is_member(d, actor))
		return bg_fail(err, BG_ERR_FORBIDDEN, "not_a_member", NULL,
			       N_("Only members of the group may do this."));
	if (!kind || (strcmp(kind, "person") && strcmp(kind, "place") && strcmp(kind, "sessions")))
		return bg_fail(err, BG_ERR_INVALID, "invalid_kind", "kind",
			       N_("A feed is for a person, a place or the sessions."));
	if (strcmp(kind, "person") == 0)
		target_id = actor;
	else if (strcmp(kind, "sessions") == 0)
		target_id = 0;
	else {
		bg_status st = hcal_place_may(d, actor, target_id, err);
		if (st != BG_OK)
			return st;
	}
	char token[SECRET_MAX_LEN];
	unsigned char hash[SECRET_HASH_BYTES];
	secret_new("cal_", token, sizeof token);
	secret_hash(token, hash);
	bg_status st = db_scalar(d, err, id_out, NULL, "INSERT INTO calendar_feeds(person_id, kind, target_id, token_hash,"
				       " created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
			       "isibi", actor, kind, target_id, hash, sizeof hash, date_now());
	if (st != BG_OK)
		return st;
	snprintf(token_out, token_cap, "%s", token);
	return hosp_audit(d, actor, "create", "calendar_feed", *id_out, NULL, err);
}

bg_status hcal_feed_list(db *d, arena *a, int64_t actor, const char *kind, int64_t target_id, hcal_feed_row **out,
			 size_t *n, bg_error *err)
{
	*out = NULL;
	*n = 0;
	bool of_place = strcmp(kind, "place") == 0;
	if (of_place) {
		bg_status st = hcal_place_may(d, actor, target_id, err);
		if (st != BG_OK)
			return st;
	}
	db_stmt *s = of_place ? db_query(d, "SELECT id, created_at FROM calendar_feeds WHERE person_id = ? AND kind = 'place'"
					    " AND target_id = ? AND revoked_at IS NULL ORDER BY id", "ii", actor, target_id)
			      : db_query(d, "SELECT id, created_at FROM calendar_feeds WHERE person_id = ? AND kind = ?"
					    " AND revoked_at IS NULL ORDER BY id", "is", actor, kind);
	while (db_next(s) == 1) {
		*out = arena_grow(a, *out, *n, sizeof **out);
		(*out)[(*n)++] = (hcal_feed_row){db_int(s, 0), db_int(s, 1)};
	}
	return db_done(s) == BG_OK ? BG_OK : bg_db_fail(err);
}

bg_status hcal_feed_revoke(db *d, int64_t actor, int64_t id, bg_error *err)
{
	bg_status st = db_exec(d, err, "UPDATE calendar_feeds SET revoked_at = ? WHERE id = ?"
				       " AND person_id = ? AND revoked_at IS NULL", "iii", date_now(), id, actor);
	if (st == BG_OK && db_changes(d) == 0)
		return bg_fail(err, BG_ERR_NOT_FOUND, "not_found", "feed_id", N_("This feed does not exist."));
	if (st == BG_OK)
		st = hosp_audit(d, actor, "revoke", "calendar_feed", id, NULL, err);
	return st;
}

/* The events of a feed, collected from one query shape:
 * uid, summary, location, tz, starts, ends, sequence, status. */
typedef struct hcal_list {
	hcal_event *ev;
	char **strings;
	int n, cap, ns, scap;
} hcal_list;

static const char *hcal_keep(hcal_list *l, const char *s)
{
	if (l->ns == l->scap)
		l->strings = xrealloc(l->strings, sizeof *l->strings * (size_t)(l->scap = l->scap ? 2 * l->scap : 64));
	return l->strings[l->ns++] = strdup(s ? s : "");
}

/* The feed status of a row's status: a booking awaiting a host's approval
 * ('pending') is tentative; a confirmed booking, a scheduled session or a
 * booked interview is confirmed; anything else (cancelled, released,
 * refused) is cancelled, which makes calendars remove it. */
static hcal_status hcal_status_of(const char *row_status)
{
	if (strcmp(row_status, "pending") == 0)
		return HCAL_TENTATIVE;
	if (strcmp(row_status, "confirmed") == 0 || strcmp(row_status, "scheduled") == 0 ||
	    strcmp(row_status, "booked") == 0)
		return HCAL_CONFIRMED;
	return HCAL_CANCELLED;
}

/* Runs a query whose columns are (uid, summary, location, tzid, starts,
 * ends, sequence, status) and appends its events; BG_ERR_DB when the query
 * fails. */
static bg_status hcal_collect(hcal_list *l, db_stmt *s, bg_error *err)
{
	int rc = s ? 0 : -1;
	while (s && (rc = db_next(s)) == 1) {
		if (l->n == l->cap)
			l->ev = xrealloc(l->ev, sizeof *l->ev * (size_t)(l->cap = l->cap ? 2 * l->cap : 64));
		l->ev[l->n++] = (hcal_event){
			.uid = hcal_keep(l, db_text(s, 0)), .summary = hcal_keep(l, db_text(s, 1)),
			.location = hcal_keep(l, db_text(s, 2)), .tzid = hcal_keep(l, db_text(s, 3)),
			.starts_at = db_int(s, 4), .ends_at = db_int(s, 5), .sequence = (int)db_int(s, 6),
			.status = hcal_status_of(db_text(s, 7))};
	}
	return db_done(s) != BG_OK || rc < 0 ? bg_db_fail(err) : BG_OK;
}

bg_status hcal_feed_render(db *d, const char *token, buf *out, bg_error *err)
{
	if (!token || strlen(token) >= SECRET_MAX_LEN)
		return bg_fail(err, BG_ERR_NOT_FOUND, "not_found", NULL, N_("This page does not exist."));
	unsigned char hash[SECRET_HASH_BYTES];
	secret_hash(token, hash);
	char kind[12] = "";
	int64_t target = 0, owner = 0;
	db_stmt *s = db_query(d, "SELECT kind, target_id, person_id FROM calendar_feeds WHERE token_hash = ?"
				 " AND revoked_at IS NULL", "b", hash, sizeof hash);
	if (s && db_next(s) == 1) {
		hosp_copy(kind, sizeof kind, db_text(s, 0));
		target = db_int(s, 1);
		owner = db_int(s, 2);
	}
	if (db_done(s) != BG_OK)
		return bg_db_fail(err);
	if (!kind[0] || !place_is_member(d, owner))
		return bg_fail(err, BG_ERR_NOT_FOUND, "not_found", NULL, N_("This page does not exist."));
	int64_t from = date_now() - HCAL_DAYS_BACK * 86400, to = date_now() + HCAL_DAYS_AHEAD * 86400;
	hcal_list l = {0};
	bg_status st;
	if (strcmp(kind, "person") == 0) {
		st = hcal_collect(&l, db_query(d, "SELECT 'booking-' || b.id || '@bigre', r.name || ' — ' || p.name,"
					     " p.address || ' ' || p.postcode || ' ' || p.city, p.timezone, b.starts_at,"
					     " b.ends_at, b.sequence, b.status"
					     " FROM bookings b JOIN resources r ON r.id = b.resource_id JOIN places p"
					     " ON p.id = r.place_id WHERE b.person_id = ? AND b.starts_at BETWEEN ? AND ?"
					     " ORDER BY b.starts_at", "iii", target, from, to), err);
		if (st == BG_OK)
			st = hcal_collect(&l, db_query(d, "SELECT 'session-' || s.id || '@bigre', s.title,"
					     " coalesce(p.address || ' ' || p.city, s.online_url), coalesce(p.timezone, 'Europe/Paris'),"
					     " s.starts_at, s.ends_at, s.sequence, s.status FROM info_sessions s"
					     " LEFT JOIN places p ON p.id = s.place_id WHERE s.host_id = ?"
					     " AND s.starts_at BETWEEN ? AND ? ORDER BY s.starts_at", "iii", target, from, to), err);
		/* welcome interviews the person holds (interview.c) */
		if (st == BG_OK)
			st = hcal_collect(&l, db_query(d, "SELECT 'interview-' || i.id || '@bigre', n.name,"
					     " coalesce(p.address || ' ' || p.city, s.online_url), s.timezone, s.starts_at,"
					     " s.ends_at, i.sequence, i.status FROM interviews i JOIN interview_slots s"
					     " ON s.id = i.slot_id JOIN newcomers n ON n.id = i.newcomer_id LEFT JOIN places p"
					     " ON p.id = s.place_id WHERE s.host_id = ? AND s.starts_at BETWEEN ? AND ?"
					     " ORDER BY s.starts_at", "iii", target, from, to), err);
	} else if (strcmp(kind, "place") == 0) {
		st = hcal_collect(&l, db_query(d, "SELECT 'booking-' || b.id || '@bigre', r.name,"
					     " p.address || ' ' || p.postcode || ' ' || p.city, p.timezone, b.starts_at,"
					     " b.ends_at, b.sequence, b.status"
					     " FROM bookings b JOIN resources r ON r.id = b.resource_id JOIN places p"
					     " ON p.id = r.place_id WHERE p.id = ? AND b.starts_at BETWEEN ? AND ?"
					     " ORDER BY b.starts_at", "iii", target, from, to), err);
	} else {
		st = hcal_collect(&l, db_query(d, "SELECT 'session-' || s.id || '@bigre', s.title,"
					     " coalesce(p.address || ' ' || p.city, s.online_url), coalesce(p.timezone, 'Europe/Paris'),"
					     " s.starts_at, s.ends_at, s.sequence, s.status FROM info_sessions s"
					     " LEFT JOIN places p ON p.id = s.place_id WHERE s.starts_at BETWEEN ? AND ?"
					     " ORDER BY s.starts_at", "ii", from, to), err);
	}
	if (st == BG_OK)
		hcal_render(out, HCAL_PUBLISH, l.ev, l.n);
	for (int i = 0; i < l.ns; i++)
		free(l.strings[i]);
	free(l.strings);
	free(l.ev);
	return st;
}
