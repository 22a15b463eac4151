/*
 * interview.c — one-to-one welcome interviews in hosts' availability slots.
 *
 * A host publishes slots (interview_slots) for a cooperative they follow
 * newcomers of (AUTHZ_NEWCOMER_MANAGE): a day, a start and an end in the
 * time zone of the place (Europe/Paris when online); a host's own slots may
 * not overlap (deleted ones aside).  A slot is free while no interview row
 * with status 'booked' points at it.
 *
 * Booking: a host who follows the newcomer picks a free slot of the
 * newcomer's cooperative (theirs or a colleague's).  The check "is it
 * free" and the insert run in the caller's one write transaction (BEGIN
 * IMMEDIATE, so under the database's single write lock), and the partial
 * unique index interviews_one_per_slot refuses a second booked row for
 * a slot in any case: two newcomers can never share a slot.  The path gets
 * its "welcome_interview" step, dated the interview's local day, with a
 * note saying when and with whom; the newcomer is mailed, in their
 * language, an invitation (METHOD:REQUEST, UID interview-<id>@bigre,
 * SEQUENCE 0).  Cancelling marks the row cancelled (the slot is free
 * again), increases its sequence and mails METHOD:CANCEL with the same UID.
 * The day before, the tick mails the newcomer a reminder, once (reminded_at),
 * in their language, with the invitation again (same UID and SEQUENCE).
 * The host's personal calendar feed shows the interviews (calendar.c).
 *
 * The newcomer has no account before the CAPE: a host mails them a secret
 * link (newcomer_links, only the token's hash kept, valid 30 days), and
 * every interview mail carries a new one.  The page it opens lists the
 * free slots of the newcomer's cooperative; the newcomer books one (the
 * same checks and the same unique index as a host's booking) or cancels
 * the booked one.  Such changes are audited with actor 0 and "by":
 * "newcomer"; booked_by is the host who sent the link.
 */
#include "hospitality/hosp_internal.h"
#include "auth/authz.h"
#include "auth/secret.h"
#include "core/date.h"
#include "core/i18n.h"
#include "core/json.h"
#include <assert.h>

#define ISLOT_MAX_SPAN (8 * 3600)
#define NEWCOMER_LINK_DAYS 30

bg_status islot_create(db *d, int64_t actor, islot *s, bg_error *err)
{
	bg_status st = newcomer_may_manage(d, actor, s->cooperative_id, err);
	if (st != BG_OK)
		return st;
	if (s->ends_at <= s->starts_at)
		return bg_fail(err, BG_ERR_INVALID, "ends_before_start", "ends_at",
			       N_("The end must come after the start."));
	if (s->starts_at < date_now())
		return bg_fail(err, BG_ERR_INVALID, "in_the_past", "starts_at", N_("This slot is in the past."));
	if (s->ends_at - s->starts_at > ISLOT_MAX_SPAN)
		return bg_fail(err, BG_ERR_INVALID, "too_long", "ends_at",
			       N_("An interview slot lasts at most 8 hours."));
	if (s->place_id) {
		place p;
		st = place_load(d, s->place_id, &p, err);
		if (st != BG_OK)
			return st;
		hosp_copy(s->timezone, sizeof s->timezone, p.timezone);
	} else if (strncmp(s->online_url, "https://", 8) != 0) {
		return bg_fail(err, BG_ERR_INVALID, "missing_field", "online_url",
			       N_("Give a place or an online link (https://…)."));
	} else if (!s->timezone[0]) {
		hosp_copy(s->timezone, sizeof s->timezone, HOSP_DEFAULT_TZ);
	}
	s->host_id = actor;
	int64_t other = 0;
	bool found = false;
	st = db_scalar(d, err, &other, &found, "SELECT id FROM interview_slots WHERE host_id = ? AND deleted_at IS NULL"
					      " AND starts_at < ? AND ends_at > ? LIMIT 1", "iii", actor, s->ends_at, s->starts_at);
	if (st != BG_OK)
		return st;
	if (found)
		return bg_fail(err, BG_ERR_CONFLICT, "slot_overlap", "starts_at",
			       N_("This slot overlaps another of your interview slots."));
	st = db_scalar(d, err, &s->id, NULL, "INSERT INTO interview_slots(host_id, cooperative_id, place_id, online_url, timezone,"
			     " starts_at, ends_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
		     "iiIssiii", actor, s->cooperative_id, s->place_id, s->place_id ? NULL : s->online_url,
		     s->timezone, s->starts_at, s->ends_at, date_now());
	if (st != BG_OK)
		return st;
	char after[128];
	snprintf(after, sizeof after, "{\"starts_at\":%lld,\"ends_at\":%lld,\"cooperative_id\":%lld}",
		 (long long)s->starts_at, (long long)s->ends_at, (long long)s->cooperative_id);
	return hosp_audit(d, actor, "create", "interview_slot", s->id, after, err);
}

bg_status islot_load(db *d, int64_t id, islot *o, bg_error *err)
{
	db_stmt *s = db_query(d, "SELECT id, host_id, cooperative_id, coalesce(place_id, 0), coalesce(online_url, ''),"
				 " timezone, starts_at, ends_at FROM interview_slots WHERE id = ? AND deleted_at IS NULL",
			      "i", id);
	int rc = s ? db_next(s) : -1;
	if (rc == 1) {
		o->id = db_int(s, 0);
		o->host_id = db_int(s, 1);
		o->cooperative_id = db_int(s, 2);
		o->place_id = db_int(s, 3);
		hosp_copy(o->online_url, sizeof o->online_url, db_text(s, 4));
		hosp_copy(o->timezone, sizeof o->timezone, db_text(s, 5));
		o->starts_at = db_int(s, 6);
		o->ends_at = db_int(s, 7);
	}
	if (db_done(s) != BG_OK || rc < 0)
		return bg_db_fail(err);
	if (rc == 0)
		return bg_fail(err, BG_ERR_NOT_FOUND, "not_found", "slot_id", N_("This slot does not exist."));
	return BG_OK;
}

/* Is the slot taken (a booked interview in it)? */
static bg_status islot_taken(db *d, int64_t slot_id, bool *taken, bg_error *err)
{
	int64_t one = 0;
	*taken = false;
	return db_scalar(d, err, &one, taken, "SELECT 1 FROM interviews WHERE slot_id = ? AND status = 'booked'", "i",
			 slot_id);
}

bg_status islot_delete(db *d, int64_t actor, int64_t id, bg_error *err)
{
	islot s;
	bg_status st = islot_load(d, id, &s, err);
	if (st != BG_OK)
		return st;
	if (s.host_id != actor)
		return bg_fail(err, BG_ERR_NOT_FOUND, "not_found", "slot_id", N_("This slot does not exist."));
	bool taken = false;
	if ((st = islot_taken(d, id, &taken, err)) != BG_OK)
		return st;
	if (taken)
		return bg_fail(err, BG_ERR_CONFLICT, "slot_taken", "slot_id",
			       N_("An interview is booked in this slot: cancel it first."));
	st = db_exec(d, err, "UPDATE interview_slots SET deleted_at = ? WHERE id = ?", "ii", date_now(), id);
	return st == BG_OK ? hosp_audit(d, actor, "delete", "interview_slot", id, "{}", err) : st;
}

/* Where the slot is, as one line: the place's name and address, or the link. */
static void islot_where(db *d, const islot *s, buf *out)
{
	place p;
	if (s->place_id && place_load(d, s->place_id, &p, NULL) == BG_OK)
		buf_printf(out, "%s, %s %s %s", p.name, p.address, p.postcode, p.city);
	else
		buf_puts(out, s->online_url);
}

typedef enum { IV_MAIL_INVITE, IV_MAIL_CANCEL, IV_MAIL_REMINDER } iv_mail;

static bg_status newcomer_link_new(db *d, int64_t created_by, int64_t newcomer_id, const char *base_url, char *url,
				   size_t cap, int64_t *link_id, bg_error *err);

/* Mails the newcomer the invitation (REQUEST), its cancellation (CANCEL) or
 * the reminder the day before (REQUEST again, same UID and SEQUENCE), each
 * with a new link of their own to see, cancel or choose their interview
 * (made in link_by's name). */
static bg_status interview_mail(db *d, const newcomer *n, const islot *s, int64_t interview_id, int sequence,
				iv_mail kind, const char *base_url, int64_t link_by, bg_error *err)
{
	char url[512];
	int64_t link_id = 0;
	bg_status st = newcomer_link_new(d, link_by, n->id, base_url, url, sizeof url, &link_id, err);
	if (st != BG_OK)
		return st;
	const char *lang = n->lang[0] ? n->lang : "fr";
	bool cancel = kind == IV_MAIL_CANCEL;
	buf where, when, text, ics, host;
	buf_init(&where);
	buf_init(&when);
	buf_init(&text);
	buf_init(&ics);
	buf_init(&host);
	islot_where(d, s, &where);
	hosp_format_local(&when, s->timezone, s->starts_at, lang);
	db_stmt *q = db_query(d, "SELECT display_name FROM people WHERE id = ?", "i", s->host_id);
	if (q && db_next(q) == 1)
		buf_puts(&host, db_text(q, 0) ? db_text(q, 0) : "");
	if (db_done(q) != BG_OK) {
		buf_free(&where);
		buf_free(&when);
		buf_free(&text);
		buf_free(&ics);
		buf_free(&host);
		return bg_db_fail(err);
	}
	buf_printf(&text, tr(lang, "Hello %s,\n\n"), n->name);
	const char *subject;
	if (cancel) {
		subject = tr(lang, "Bigre: welcome interview cancelled");
		buf_printf(&text, tr(lang, "Your welcome interview on %s is cancelled. We will write to you to set another date.\n"),
			   when.data);
	} else if (kind == IV_MAIL_REMINDER) {
		subject = tr(lang, "Bigre: your welcome interview is tomorrow");
		buf_printf(&text, tr(lang, "A reminder: your one-to-one welcome interview with %s is on %s, at %s.\n"),
			   host.data, when.data, where.data);
		buf_puts(&text, tr(lang, "The invitation is attached again: add it to your calendar.\n"));
	} else {
		subject = tr(lang, "Bigre: your welcome interview");
		buf_printf(&text, tr(lang, "Your one-to-one welcome interview with %s is planned on %s, at %s.\n"),
			   host.data, when.data, where.data);
		buf_puts(&text, tr(lang, "The invitation is attached: add it to your calendar.\n"));
	}
	buf_printf(&text, cancel ? tr(lang, "\nChoose another date on your page:\n%s\n")
				 : tr(lang, "\nYour page, to cancel it or choose another date:\n%s\n"), url);
	char uid[64];
	snprintf(uid, sizeof uid, "interview-%lld@bigre", (long long)interview_id);
	hcal_event e = {.uid = uid, .summary = tr(lang, "Welcome interview"), .location = where.data,
			.tzid = s->timezone, .starts_at = s->starts_at, .ends_at = s->ends_at,
			.sequence = sequence, .status = cancel ? HCAL_CANCELLED : HCAL_CONFIRMED, .attendee = n->email};
	hcal_render(&ics, cancel ? HCAL_CANCEL : HCAL_REQUEST, &e, 1);
	st = hosp_mail(d, n->email, subject, text.data, ics.data, cancel ? "CANCEL" : "REQUEST", err);
	buf_free(&where);
	buf_free(&when);
	buf_free(&text);
	buf_free(&ics);
	buf_free(&host);
	return st;
}

int interview_send_reminders(db *d, int64_t now, const char *base_url, bg_error *err)
{
	enum { MAX = 64 };
	struct { int64_t id, slot, newcomer, by; int seq; } r[MAX];
	int n = 0;
	db_stmt *q = db_query(d, "SELECT i.id, i.slot_id, i.newcomer_id, i.sequence, i.booked_by FROM interviews i JOIN"
				 " interview_slots s ON s.id = i.slot_id WHERE i.status = 'booked' AND"
				 " i.reminded_at IS NULL AND s.starts_at > ? AND s.starts_at <= ? ORDER BY s.starts_at"
				 " LIMIT 64", "ii", now, now + 86400);
	while (q && db_next(q) == 1 && n < MAX) {
		r[n].id = db_int(q, 0);
		r[n].slot = db_int(q, 1);
		r[n].newcomer = db_int(q, 2);
		r[n].by = db_int(q, 4);
		r[n++].seq = (int)db_int(q, 3);
	}
	if (db_done(q) != BG_OK) /* a count is answered: the error is set, not returned */
		return bg_db_fail_count(err);
	for (int i = 0; i < n; i++) {
		newcomer nc;
		islot s;
		/* marked first: a newcomer or slot that cannot be read is not retried every minute */
		if (db_exec(d, err, "UPDATE interviews SET reminded_at = ? WHERE id = ?", "ii", now, r[i].id) != BG_OK)
			return -1;
		if (newcomer_load(d, r[i].newcomer, &nc, NULL) != BG_OK || islot_load(d, r[i].slot, &s, NULL) != BG_OK ||
		    strcmp(nc.status, "open") != 0)
			continue;
		if (interview_mail(d, &nc, &s, r[i].id, r[i].seq, IV_MAIL_REMINDER, base_url, r[i].by, err) != BG_OK)
			return -1;
	}
	return n;
}

/* Books n into a free slot of their cooperative, in the caller's write
 * transaction: the row (booked_by: who booked, or who sent the newcomer
 * their link), the path's step, the audit row (by actor; 0 when the
 * newcomer chose through their link) and the invitation. */
static bg_status interview_book_core(db *d, int64_t actor, int64_t booked_by, const newcomer *n, int64_t slot_id,
				     const char *base_url, int64_t *id_out, bg_error *err)
{
	if (strcmp(n->status, "open") != 0)
		return bg_fail(err, BG_ERR_CONFLICT, "path_closed", "newcomer_id", N_("This newcomer has left the path."));
	islot s;
	bg_status st = islot_load(d, slot_id, &s, err);
	if (st != BG_OK)
		return st;
	/* a slot of another cooperative is not one this host may see */
	if (s.cooperative_id != n->cooperative_id)
		return bg_fail(err, BG_ERR_NOT_FOUND, "not_found", "slot_id", N_("This slot does not exist."));
	if (s.starts_at < date_now())
		return bg_fail(err, BG_ERR_INVALID, "in_the_past", "slot_id", N_("This slot is in the past."));
	bool taken = false;
	if ((st = islot_taken(d, slot_id, &taken, err)) != BG_OK)
		return st;
	if (taken)
		return bg_fail(err, BG_ERR_CONFLICT, "slot_taken", "slot_id",
			       N_("This slot has just been taken: choose another one."));
	if (interview_current(d, n->id))
		return bg_fail(err, BG_ERR_CONFLICT, "already_booked", "newcomer_id",
			       N_("An interview is already booked for this person: cancel it first."));
	int64_t now = date_now();
	int64_t id = 0;
	st = db_scalar(d, err, &id, NULL, "INSERT INTO interviews(slot_id, newcomer_id, booked_by, created_at, updated_at)"
			     " VALUES (?, ?, ?, ?, ?) RETURNING id", "iiiii", slot_id, n->id, booked_by, now, now);
	if (st != BG_OK)
		return st;
	if (id_out)
		*id_out = id;
	/* the path's step, dated the interview's local day, when the path has it */
	path_step steps[PATH_MAX_STEPS];
	int ns = path_steps_get(d, n->cooperative_id, steps, PATH_MAX_STEPS);
	if (ns < 0)
		return bg_db_fail(err);
	bool has_step = false;
	for (int i = 0; i < ns; i++)
		has_step |= strcmp(steps[i].code, "welcome_interview") == 0;
	if (has_step) {
		int64_t day;
		int minute, y, m, dd;
		tz_utc_to_local(s.timezone, s.starts_at, &day, &minute);
		date_from_days(day, &y, &m, &dd);
		char dstr[32];
		snprintf(dstr, sizeof dstr, "%04d-%02d-%02d", y, m, dd);
		buf note;
		buf_init(&note);
		buf_printf(&note, "%s ", tr(n->lang, "Planned:"));
		hosp_format_local(&note, s.timezone, s.starts_at, n->lang);
		st = newcomer_step_record(d, actor, n, "welcome_interview", dstr, note.data, NULL, base_url, NULL, err);
		buf_free(&note);
		if (st != BG_OK)
			return st;
	}
	char after[128];
	snprintf(after, sizeof after, "{\"slot_id\":%lld,\"newcomer_id\":%lld,\"by\":\"%s\"}", (long long)slot_id,
		 (long long)n->id, actor ? "host" : "newcomer");
	st = hosp_audit(d, actor, "create", "interview", id, after, err);
	return st == BG_OK ? interview_mail(d, n, &s, id, 0, IV_MAIL_INVITE, base_url, booked_by, err) : st;
}

/* The newcomer actor follows; someone who does not follow them learns
 * nothing of them (404, not 403). */
static bg_status interview_newcomer(db *d, int64_t actor, int64_t newcomer_id, newcomer *n, bg_error *err)
{
	bg_status st = newcomer_get(d, actor, newcomer_id, n, err);
	if (st == BG_ERR_FORBIDDEN)
		return bg_fail(err, BG_ERR_NOT_FOUND, "not_found", "newcomer_id", N_("This newcomer does not exist."));
	return st;
}

bg_status interview_book(db *d, int64_t actor, int64_t newcomer_id, int64_t slot_id, const char *base_url,
			 int64_t *id_out, bg_error *err)
{
	newcomer n;
	bg_status st = interview_newcomer(d, actor, newcomer_id, &n, err);
	if (st != BG_OK)
		return st;
	return interview_book_core(d, actor, actor, &n, slot_id, base_url, id_out, err);
}

int64_t interview_current(db *d, int64_t newcomer_id)
{
	int64_t id = 0;
	bool found = false;
	if (db_scalar(d, NULL, &id, &found, "SELECT i.id FROM interviews i JOIN interview_slots s ON s.id = i.slot_id"
					     " WHERE i.newcomer_id = ? AND i.status = 'booked' AND s.ends_at > ?"
					     " ORDER BY s.starts_at LIMIT 1", "ii", newcomer_id, date_now()) != BG_OK)
		return 0; /* logged by the db layer; the failed transaction fails its commit */
	return found ? id : 0;
}

/* The booked interview to come of newcomer_id (id 0 when none). */
static bg_status interview_view_load(db *d, arena *a, int64_t newcomer_id, interview_view *out, bg_error *err)
{
	memset(out, 0, sizeof *out);
	out->id = interview_current(d, newcomer_id);
	if (!out->id)
		return BG_OK;
	db_stmt *s = db_query(d, "SELECT s.timezone, s.starts_at, s.ends_at, pe.display_name, coalesce(p.name, s.online_url),"
				 " coalesce(p.name || ', ' || p.address || ' ' || p.postcode || ' ' || p.city, s.online_url)"
				 " FROM interviews i JOIN interview_slots s ON s.id = i.slot_id JOIN people pe ON"
				 " pe.id = s.host_id LEFT JOIN places p ON p.id = s.place_id WHERE i.id = ?", "i", out->id);
	if (db_next(s) == 1) {
		out->timezone = arena_strdup(a, db_text(s, 0));
		out->starts_at = db_int(s, 1);
		out->ends_at = db_int(s, 2);
		out->host = arena_strdup(a, db_text(s, 3));
		out->where = arena_strdup(a, db_text(s, 4));
		out->where_full = arena_strdup(a, db_text(s, 5));
	}
	return db_done(s) == BG_OK ? BG_OK : bg_db_fail(err);
}

bg_status interview_booked(db *d, arena *a, int64_t actor, int64_t newcomer_id, interview_view *out, bg_error *err)
{
	newcomer n;
	bg_status st = newcomer_get(d, actor, newcomer_id, &n, err);
	return st != BG_OK ? st : interview_view_load(d, a, n.id, out, err);
}

bg_status interview_booked_by_link(db *d, arena *a, const char *token, interview_view *out, bg_error *err)
{
	newcomer n;
	int64_t by;
	bg_status st = newcomer_link_open(d, token, &n, &by, err);
	return st != BG_OK ? st : interview_view_load(d, a, n.id, out, err);
}

bg_status interview_newcomer_of(db *d, int64_t actor, int64_t id, int64_t *newcomer_id, bg_error *err)
{
	bool found = false;
	*newcomer_id = 0;
	if (db_scalar(d, err, newcomer_id, &found, "SELECT newcomer_id FROM interviews WHERE id = ?", "i", id) != BG_OK)
		return BG_ERR_DB;
	if (!found)
		return bg_fail(err, BG_ERR_NOT_FOUND, "not_found", NULL, N_("This interview does not exist."));
	newcomer n;
	return newcomer_get(d, actor, *newcomer_id, &n, err);
}

/* Cancels the booked interview id of n (checked by the caller): the slot
 * is free again, CANCEL mailed with the same UID and SEQUENCE + 1. */
static bg_status interview_cancel_core(db *d, int64_t actor, int64_t id, const newcomer *n, int64_t slot_id,
				       int64_t seq, int64_t link_by, const char *base_url, bg_error *err)
{
	islot s;
	bg_status st = islot_load(d, slot_id, &s, err);
	if (st != BG_OK)
		return st;
	st = db_exec(d, err, "UPDATE interviews SET status = 'cancelled', sequence = sequence + 1, updated_at = ?"
			     " WHERE id = ?", "ii", date_now(), id);
	if (st == BG_OK)
		st = hosp_audit(d, actor, "cancel", "interview", id, actor ? "{\"by\":\"host\"}" : "{\"by\":\"newcomer\"}",
				err);
	return st == BG_OK ? interview_mail(d, n, &s, id, (int)seq + 1, IV_MAIL_CANCEL, base_url, link_by, err) : st;
}

/* The booked interview id: its slot, newcomer, sequence and booker.
 * Returns 1 when found, 0 when not, -1 when the database failed. */
static int interview_row(db *d, int64_t id, int64_t *slot_id, int64_t *newcomer_id, int64_t *seq, int64_t *by)
{
	db_stmt *q = db_query(d, "SELECT slot_id, newcomer_id, sequence, booked_by FROM interviews WHERE id = ?"
				 " AND status = 'booked'", "i", id);
	int rc = q ? db_next(q) : -1;
	if (rc == 1) {
		*slot_id = db_int(q, 0);
		*newcomer_id = db_int(q, 1);
		*seq = db_int(q, 2);
		*by = db_int(q, 3);
	}
	if (db_done(q) != BG_OK)
		rc = -1; /* a failed step */
	return rc;
}

bg_status interview_cancel(db *d, int64_t actor, int64_t id, const char *base_url, bg_error *err)
{
	int64_t slot_id = 0, newcomer_id = 0, seq = 0, by = 0;
	int rc = interview_row(d, id, &slot_id, &newcomer_id, &seq, &by);
	if (rc < 0)
		return bg_db_fail(err);
	if (rc == 0)
		return bg_fail(err, BG_ERR_NOT_FOUND, "not_found", "interview_id", N_("This interview does not exist."));
	newcomer n;
	bg_status st = newcomer_get(d, actor, newcomer_id, &n, err);
	/* someone who does not follow the newcomer learns nothing of the interview */
	if (st == BG_ERR_FORBIDDEN || st == BG_ERR_NOT_FOUND)
		return bg_fail(err, BG_ERR_NOT_FOUND, "not_found", "interview_id", N_("This interview does not exist."));
	if (st != BG_OK)
		return st;
	return interview_cancel_core(d, actor, id, &n, slot_id, seq, actor, base_url, err);
}

/* ---- the newcomer's own link ---- */

/* A new link for the newcomer to see, cancel or choose their interview
 * (valid NEWCOMER_LINK_DAYS days); the token goes into url only, the
 * link's id into *link_id. */
static bg_status newcomer_link_new(db *d, int64_t created_by, int64_t newcomer_id, const char *base_url, char *url,
				   size_t cap, int64_t *link_id, bg_error *err)
{
	char token[SECRET_MAX_LEN];
	unsigned char hash[SECRET_HASH_BYTES];
	secret_new("nwc_", token, sizeof token);
	secret_hash(token, hash);
	int64_t now = date_now();
	bg_status st = db_scalar(d, err, link_id, NULL, "INSERT INTO newcomer_links(newcomer_id, token_hash, created_by,"
							" created_at, expires_at) VALUES (?, ?, ?, ?, ?) RETURNING id", "ibIii",
				 newcomer_id, hash, sizeof hash, created_by, now, now + (int64_t)NEWCOMER_LINK_DAYS * 86400);
	snprintf(url, cap, "%s/welcome/interview?token=%s", HOSP_BASE(base_url), token);
	return st;
}

bg_status newcomer_link_send(db *d, int64_t actor, int64_t newcomer_id, const char *base_url, bg_error *err)
{
	newcomer n;
	bg_status st = interview_newcomer(d, actor, newcomer_id, &n, err);
	if (st != BG_OK)
		return st;
	if (strcmp(n.status, "open") != 0)
		return bg_fail(err, BG_ERR_CONFLICT, "path_closed", "newcomer_id", N_("This newcomer has left the path."));
	char url[512];
	int64_t link_id = 0;
	st = newcomer_link_new(d, actor, n.id, base_url, url, sizeof url, &link_id, err);
	if (st != BG_OK)
		return st;
	const char *lang = n.lang[0] ? n.lang : "fr";
	buf text;
	buf_init(&text);
	buf_printf(&text, tr(lang, "Hello %s,\n\n"), n.name);
	buf_printf(&text, tr(lang, "Choose the date of your one-to-one welcome interview on this page (the link is yours"
				   " alone, valid %d days):\n%s\n"), NEWCOMER_LINK_DAYS, url);
	st = hosp_mail(d, n.email, tr(lang, "Bigre: choose the date of your welcome interview"), text.data, NULL, NULL,
		       err);
	buf_free(&text);
	char after[64];
	snprintf(after, sizeof after, "{\"newcomer_id\":%lld}", (long long)n.id);
	return st == BG_OK ? hosp_audit(d, actor, "create", "newcomer_link", link_id, after, err) : st;
}

bg_status newcomer_link_open(db *d, const char *token, newcomer *out, int64_t *created_by, bg_error *err)
{
	int64_t newcomer_id = 0, by = 0;
	if (token && *token && strlen(token) < SECRET_MAX_LEN) {
		unsigned char hash[SECRET_HASH_BYTES];
		secret_hash(token, hash);
		db_stmt *q = db_query(d, "SELECT newcomer_id, coalesce(created_by, 0) FROM newcomer_links WHERE token_hash = ?"
					 " AND revoked_at IS NULL AND expires_at > ?", "bi", hash, sizeof hash, date_now());
		if (q && db_next(q) == 1) {
			newcomer_id = db_int(q, 0);
			by = db_int(q, 1);
		}
		if (db_done(q) != BG_OK)
			return bg_db_fail(err);
	}
	if (!newcomer_id || newcomer_load(d, newcomer_id, out, NULL) != BG_OK || strcmp(out->status, "open") != 0)
		return bg_fail(err, BG_ERR_NOT_FOUND, "invalid_link", "token",
			       N_("This link is not valid, or no longer: ask the welcome team for a new one."));
	if (created_by)
		*created_by = by;
	return BG_OK;
}

bg_status interview_book_by_link(db *d, const char *token, int64_t slot_id, const char *base_url, int64_t *id_out,
				 bg_error *err)
{
	newcomer n;
	int64_t by = 0;
	bg_status st = newcomer_link_open(d, token, &n, &by, err);
	if (st != BG_OK)
		return st;
	if (!slot_id)
		return bg_fail(err, BG_ERR_INVALID, "missing_field", "slot_id", N_("Choose a slot."));
	/* the slot's host stands as the booker when the link's maker is unknown */
	if (!by) {
		islot s;
		if (islot_load(d, slot_id, &s, NULL) == BG_OK)
			by = s.host_id;
	}
	return interview_book_core(d, 0, by, &n, slot_id, base_url, id_out, err);
}

bg_status interview_cancel_by_link(db *d, const char *token, const char *base_url, bg_error *err)
{
	newcomer n;
	int64_t by = 0;
	bg_status st = newcomer_link_open(d, token, &n, &by, err);
	if (st != BG_OK)
		return st;
	int64_t id = interview_current(d, n.id), slot_id = 0, newcomer_id = 0, seq = 0, booked_by = 0;
	if (!id || interview_row(d, id, &slot_id, &newcomer_id, &seq, &booked_by) != 1)
		return bg_fail(err, BG_ERR_NOT_FOUND, "not_found", "interview_id", N_("This interview does not exist."));
	return interview_cancel_core(d, 0, id, &n, slot_id, seq, booked_by, base_url, err);
}

/* ---------------------------------------------------------- read lists */

/* The lists' columns: id, host, host's name, cooperative, place, online
 * link, zone, start, end, the booked interview, the place's name and city
 * ("" online), the name of the newcomer it is booked for. */
#define ISLOT_SQL "SELECT s.id, s.host_id, pe.display_name, s.cooperative_id, s.place_id, s.online_url, s.timezone," \
	" s.starts_at, s.ends_at, i.id, coalesce(p.name, ''), coalesce(p.city, ''), n.name"
#define ISLOT_FROM " FROM interview_slots s JOIN people pe ON pe.id = s.host_id LEFT JOIN places p"                  \
	" ON p.id = s.place_id LEFT JOIN interviews i ON i.slot_id = s.id AND i.status = 'booked'"                  \
	" LEFT JOIN newcomers n ON n.id = i.newcomer_id"
/* The conditions of each islot_which: bound by the instant, the actor
 * (not for ISLOT_WHERE_COOP) and the cooperative twice. */
#define ISLOT_FREE " WHERE s.deleted_at IS NULL AND s.starts_at > ? AND i.id IS NULL"
#define ISLOT_OF_COOP " AND (? = 0 OR s.cooperative_id = ?)"
#define ISLOT_WHERE_MINE " WHERE s.deleted_at IS NULL AND s.ends_at > ? AND s.host_id = ?" ISLOT_OF_COOP
#define ISLOT_WHERE_FOLLOWED                                                                                  \
	ISLOT_FREE " AND " AUTHZ_SQL_ALLOWED(NEWCOMER_MANAGE, "?", "s.cooperative_id", "NULL") ISLOT_OF_COOP
#define ISLOT_WHERE_COOP ISLOT_FREE ISLOT_OF_COOP

/* Reads the rows of an ISLOT_SQL query (NULL: it failed) into an arena
 * array. */
static bg_status islot_rows(db_stmt *s, arena *a, islot_row **out, size_t *n, bg_error *err)
{
	*out = NULL;
	*n = 0;
	int rc = -1;
	while (s && (rc = db_next(s)) == 1) {
		*out = arena_grow(a, *out, *n, sizeof **out);
		islot_row *r = &(*out)[(*n)++];
		r->id = db_int(s, 0);
		r->host_id = db_int(s, 1);
		r->host = arena_strdup(a, db_text(s, 2));
		r->cooperative_id = db_int(s, 3);
		r->place_id = db_null(s, 4) ? 0 : db_int(s, 4);
		r->online_url = arena_strdup(a, db_text(s, 5));
		r->timezone = arena_strdup(a, db_text(s, 6));
		r->starts_at = db_int(s, 7);
		r->ends_at = db_int(s, 8);
		r->interview_id = db_null(s, 9) ? 0 : db_int(s, 9);
		r->place = arena_strdup(a, db_text(s, 10));
		r->city = arena_strdup(a, db_text(s, 11));
		r->newcomer = arena_strdup(a, db_text(s, 12));
	}
	bg_status st = db_done(s);
	return rc == 0 && st == BG_OK ? BG_OK : bg_db_fail(err);
}

bg_status islot_list(db *d, arena *a, int64_t actor, islot_which which, int64_t cooperative_id, int64_t limit,
		     int64_t offset, islot_row **out, size_t *n, int64_t *total, bg_error *err)
{
	assert(limit > 0 && offset >= 0);
	assert(which != ISLOT_FREE_OF_COOP || cooperative_id > 0);
	int64_t now = date_now();
	db_stmt *s;
	switch (which) {
	case ISLOT_MINE:
		s = DB_PAGE_QUERY(d, total, ISLOT_SQL, ISLOT_FROM ISLOT_WHERE_MINE, "s.starts_at, s.id", limit, offset,
				    "iiii", now, actor, cooperative_id, cooperative_id);
		break;
	case ISLOT_FREE_FOLLOWED:
		s = DB_PAGE_QUERY(d, total, ISLOT_SQL, ISLOT_FROM ISLOT_WHERE_FOLLOWED, "s.starts_at, s.id", limit,
				    offset, "iiii", now, actor, cooperative_id, cooperative_id);
		break;
	default: {
		bg_status st = newcomer_may_manage(d, actor, cooperative_id, err);
		if (st != BG_OK) {
			*out = NULL;
			*n = 0;
			*total = 0;
			return st;
		}
		s = DB_PAGE_QUERY(d, total, ISLOT_SQL, ISLOT_FROM ISLOT_WHERE_COOP, "s.starts_at, s.id", limit, offset,
				    "iii", now, cooperative_id, cooperative_id);
		break;
	}
	}
	return islot_rows(s, a, out, n, err);
}

bg_status islot_list_by_link(db *d, arena *a, const char *token, int64_t limit, int64_t offset, islot_row **out,
			     size_t *n, int64_t *total, bg_error *err)
{
	assert(limit > 0 && offset >= 0);
	*out = NULL;
	*n = 0;
	*total = 0;
	newcomer nc;
	int64_t by;
	bg_status st = newcomer_link_open(d, token, &nc, &by, err);
	if (st != BG_OK)
		return st;
	int64_t now = date_now();
	db_stmt *s = DB_PAGE_QUERY(d, total, ISLOT_SQL, ISLOT_FROM ISLOT_WHERE_COOP, "s.starts_at, s.id", limit,
				     offset, "iii", now, nc.cooperative_id, nc.cooperative_id);
	return islot_rows(s, a, out, n, err);
}
