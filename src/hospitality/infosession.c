/*
 * infosession.c — information sessions, the group's entry doors.
 *
 * Hosts schedule sessions (in a place or online) with a capacity.  Anyone
 * may register without an account; the public answer never tells whether
 * an email was already registered (a second registration with the same
 * email changes nothing and answers the same), and a filled honeypot field
 * is accepted silently with nothing written.  Over capacity a registration
 * waits; when a registered person cancels (by the secret link mailed to
 * them, stored only as a hash), the oldest waiting one is promoted and
 * told by email with the invitation.  Invitations are iCalendar
 * METHOD:REQUEST attachments with the session's stable UID; cancellations
 * are METHOD:CANCEL.  A reminder goes the day before (hospitality_tick).
 *
 * The promotion mail and the reminder each carry a cancel link of their
 * own: a new token whose hash goes to registration_links (the first
 * link's hash stays in session_registrations.cancel_hash); any of a
 * registration's links cancels it.
 */
#include "hospitality/hosp_internal.h"
#include "auth/account.h"
#include "auth/authz.h"
#include "auth/secret.h"
#include "core/date.h"
#include "core/i18n.h"
#include "core/json.h"
#include "core/ident.h"
#include "core/utf8.h"
#include <assert.h>
#include <stdlib.h>

#define SESSION_COLUMNS "id, cooperative_id, coalesce(place_id, 0), coalesce(online_url, ''), title," \
	" territory, starts_at, ends_at, capacity, host_id, status, sequence"

/* Reads a session row selected with SESSION_COLUMNS. */
static void infosession_read(db_stmt *s, infosession *o)
{
	o->id = db_int(s, 0);
	o->cooperative_id = db_int(s, 1);
	o->place_id = db_int(s, 2);
	hosp_copy(o->online_url, sizeof o->online_url, db_text(s, 3));
	hosp_copy(o->title, sizeof o->title, db_text(s, 4));
	hosp_copy(o->territory, sizeof o->territory, db_text(s, 5));
	o->starts_at = db_int(s, 6);
	o->ends_at = db_int(s, 7);
	o->capacity = (int)db_int(s, 8);
	o->host_id = db_int(s, 9);
	hosp_copy(o->status, sizeof o->status, db_text(s, 10));
	o->sequence = (int)db_int(s, 11);
}

bg_status infosession_load(db *d, int64_t id, infosession *out, bg_error *err)
{
	db_stmt *s = db_query(d, "SELECT " SESSION_COLUMNS " FROM info_sessions WHERE id = ?", "i", id);
	int rc = s ? db_next(s) : -1;
	if (rc == 1)
		infosession_read(s, out);
	if (db_done(s) != BG_OK || rc < 0)
		return bg_db_fail(err);
	if (rc == 0)
		return bg_fail(err, BG_ERR_NOT_FOUND, "not_found", "session_id",
			       N_("This session does not exist."));
	return BG_OK;
}

const char *infosession_timezone(db *d, arena *a, const infosession *s)
{
	place p;
	bg_error e;
	if (s->place_id && place_load(d, s->place_id, &p, &e) == BG_OK)
		return arena_strdup(a, p.timezone);
	return HOSP_DEFAULT_TZ;
}

bg_status infosession_get(db *d, int64_t actor, int64_t id, infosession *out, bg_error *err)
{
	bg_status st = infosession_load(d, id, out, err);
	if (st != BG_OK || (strcmp(out->status, "scheduled") == 0 && out->starts_at > date_now()))
		return st;
	st = infosession_may_manage(d, actor, out->cooperative_id, err);
	if (st == BG_ERR_NOT_FOUND)
		return bg_fail(err, BG_ERR_NOT_FOUND, "not_found", "session_id", N_("This session does not exist."));
	return st;
}

bg_status infosession_may_manage(db *d, int64_t actor, int64_t cooperative_id, bg_error *err)
{
	return authz_check(d, actor, AUTHZ_SESSION_MANAGE, (scope){SCOPE_COOPERATIVE, cooperative_id}, err);
}

bg_status infosession_create(db *d, int64_t actor, infosession *s, bg_error *err)
{
	bg_status st = actor ? authz_check(d, actor, AUTHZ_SESSION_MANAGE,
					   (scope){SCOPE_COOPERATIVE, s->cooperative_id}, err)
			     : BG_OK;
	if (st != BG_OK)
		return st;
	if (!s->title[0])
		return bg_fail(err, BG_ERR_INVALID, "missing_field", "title", N_("The title is required."));
	if (s->ends_at <= s->starts_at)
		return bg_fail(err, BG_ERR_INVALID, "ends_before_start", "ends_at",
			       N_("The end must come after the start."));
	if (s->starts_at < date_now())
		return bg_fail(err, BG_ERR_INVALID, "in_the_past", "starts_at", N_("This slot is in the past."));
	if (s->ends_at - s->starts_at > 86400)
		return bg_fail(err, BG_ERR_INVALID, "too_long", "ends_at",
			       N_("A session lasts at most a day."));
	if (s->capacity < 1 || s->capacity > 1000)
		return bg_fail(err, BG_ERR_INVALID, "invalid_value", "capacity", N_("This value is out of range."));
	place p;
	if (s->place_id) {
		st = place_load(d, s->place_id, &p, err);
		if (st != BG_OK)
			return st;
		if (!s->territory[0])
			hosp_copy(s->territory, sizeof s->territory, p.territory);
	} else if (strncmp(s->online_url, "https://", 8) != 0) {
		return bg_fail(err, BG_ERR_INVALID, "missing_field", "online_url",
			       N_("Give a place or an online link (https://…)."));
	}
	if (!s->host_id)
		s->host_id = actor;
	st = db_scalar(d, err, &s->id, NULL, "INSERT INTO info_sessions(cooperative_id, place_id, online_url, title,"
			     " territory, starts_at, ends_at, capacity, host_id, created_at)"
			     " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
		     "iIsssiiiii", s->cooperative_id, s->place_id, s->online_url[0] ? s->online_url : NULL,
		     s->title, s->territory, s->starts_at, s->ends_at, (int64_t)s->capacity, s->host_id,
		     date_now());
	if (st != BG_OK)
		return st;
	hosp_copy(s->status, sizeof s->status, "scheduled");
	buf a;
	buf_init(&a);
	buf_puts(&a, "{\"title\":");
	json_put_string(&a, s->title);
	buf_printf(&a, ",\"starts_at\":%lld,\"capacity\":%d}", (long long)s->starts_at, s->capacity);
	st = hosp_audit(d, actor, "create", "info_session", s->id, a.data, err);
	buf_free(&a);
	return st;
}

/* The session's location text and time zone. */
static void infosession_where(db *d, const infosession *s, buf *where, char tz[65])
{
	place p;
	hosp_copy(tz, 65, HOSP_DEFAULT_TZ);
	if (s->place_id && place_load(d, s->place_id, &p, NULL) == BG_OK) {
		buf_printf(where, "%s, %s %s %s", p.name, p.address, p.postcode, p.city);
		hosp_copy(tz, 65, p.timezone);
	} else {
		buf_puts(where, s->online_url);
	}
}

typedef enum { MAIL_CONFIRMED, MAIL_WAITING, MAIL_PROMOTED, MAIL_CANCELLED, MAIL_REMINDER,
	       MAIL_SESSION_CANCELLED } reg_mail;

/* Writes one of the registration mails, with its invitation when due. */
static bg_status infosession_mail(db *d, const infosession *s, const char *name, const char *email,
				  const char *lang, int reg_sequence, reg_mail kind,
				  const char *cancel_url, bg_error *err)
{
	buf where, when, text, ics;
	char tz[65];
	buf_init(&where);
	buf_init(&when);
	buf_init(&text);
	buf_init(&ics);
	infosession_where(d, s, &where, tz);
	hosp_format_local(&when, tz, s->starts_at, lang);
	const char *subject = "";
	buf_printf(&text, tr(lang, "Hello %s,\n\n"), name);
	switch (kind) {
	case MAIL_CONFIRMED:
	case MAIL_PROMOTED:
		subject = tr(lang, "Bigre: your place at the information session");
		buf_printf(&text, kind == MAIL_CONFIRMED
			   ? tr(lang, "You are registered for the information session \"%s\" on %s, at %s.\n")
			   : tr(lang, "A place has freed: you are now registered for the information session \"%s\" on %s, at %s.\n"),
			   s->title, when.data, where.data);
		buf_puts(&text, tr(lang, "The invitation is attached: add it to your calendar.\n"));
		break;
	case MAIL_WAITING:
		subject = tr(lang, "Bigre: you are on the waiting list");
		buf_printf(&text, tr(lang, "The information session \"%s\" on %s is full: you are on its waiting list."
					   " We will write to you as soon as a place frees.\n"),
			   s->title, when.data);
		break;
	case MAIL_CANCELLED:
		subject = tr(lang, "Bigre: registration cancelled");
		buf_printf(&text, tr(lang, "Your registration for the information session \"%s\" on %s is cancelled.\n"),
			   s->title, when.data);
		break;
	case MAIL_REMINDER:
		subject = tr(lang, "Bigre: your information session is tomorrow");
		buf_printf(&text, tr(lang, "A reminder: the information session \"%s\" is on %s, at %s.\n"),
			   s->title, when.data, where.data);
		break;
	case MAIL_SESSION_CANCELLED:
		subject = tr(lang, "Bigre: information session cancelled");
		buf_printf(&text, tr(lang, "We are sorry: the information session \"%s\" on %s is cancelled.\n"),
			   s->title, when.data);
		break;
	}
	if (cancel_url)
		buf_printf(&text, tr(lang, "\nTo cancel your registration, open this link:\n%s\n"), cancel_url);
	else if (kind != MAIL_CANCELLED && kind != MAIL_SESSION_CANCELLED)
		buf_puts(&text, tr(lang, "\nTo cancel, use the link in your first email.\n"));
	const char *method = NULL;
	if (kind == MAIL_CONFIRMED || kind == MAIL_PROMOTED || kind == MAIL_CANCELLED ||
	    kind == MAIL_SESSION_CANCELLED) {
		char uid[64];
		snprintf(uid, sizeof uid, "session-%lld@bigre", (long long)s->id);
		bool cancel = kind == MAIL_CANCELLED || kind == MAIL_SESSION_CANCELLED;
		hcal_event e = {.uid = uid, .summary = s->title, .location = where.data, .tzid = tz,
				.starts_at = s->starts_at, .ends_at = s->ends_at,
				.sequence = s->sequence + reg_sequence, .status = cancel ? HCAL_CANCELLED : HCAL_CONFIRMED, .attendee = email};
		hcal_render(&ics, cancel ? HCAL_CANCEL : HCAL_REQUEST, &e, 1);
		method = cancel ? "CANCEL" : "REQUEST";
	}
	bg_status st = hosp_mail(d, email, subject, text.data, method ? ics.data : NULL, method, err);
	buf_free(&where);
	buf_free(&when);
	buf_free(&text);
	buf_free(&ics);
	return st;
}

/* The longest name a registration takes, in characters. */
enum { INFOSESSION_NAME_MAX = 200 };

/* Checks every field of a registration at once, each error for its own
 * field; the normalised email goes to email (empty when it is wrong). */
static void infosession_check_fields(db *d, const infosession *s, const registration_input *in,
				     char email[255], bg_field_errors *fe)
{
	const char *name = in->name ? in->name : "";
	if (!*name)
		bg_field_error_add(fe, BG_ERR_INVALID, "missing_field", "name", N_("Your name is required."));
	else if (utf8_chars(name) > INFOSESSION_NAME_MAX)
		bg_field_error_add(fe, BG_ERR_INVALID, "too_long", "name", N_("Too long (at most 200 characters)."));
	bg_error e;
	if (account_normalise_email(in->email ? in->email : "", email, &e) != BG_OK) {
		email[0] = '\0';
		bg_field_error_add(fe, e.status, e.code, "email", e.msgid);
	}
	if (in->phone && *in->phone && !ident_phone_valid(in->phone))
		bg_field_error_add(fe, BG_ERR_INVALID, "invalid_phone", "phone",
				   N_("Give a phone number of at least 10 digits (digits, spaces, dots, + and brackets)."));
	if (!in->postcode || !*in->postcode)
		bg_field_error_add(fe, BG_ERR_INVALID, "missing_field", "postcode", N_("Your postcode is required."));
	else if (!ident_postcode_fr_valid(in->postcode))
		bg_field_error_add(fe, BG_ERR_INVALID, "invalid_postcode", "postcode",
				   N_("A French postcode has 5 digits."));
	if (in->project && strlen(in->project) > 2000)
		bg_field_error_add(fe, BG_ERR_INVALID, "too_long", "project", N_("This text is too long."));
	if (in->referrer_id) {
		int64_t one;
		bool found = false;
		if (db_scalar(d, NULL, &one, &found, "SELECT 1 FROM referrers WHERE id = ? AND cooperative_id = ?",
			      "ii", in->referrer_id, s->cooperative_id) != BG_OK)
			bg_field_error_add(fe, BG_ERR_DB, "db_error", "referrer_id", N_("The change could not be saved."));
		else if (!found)
			bg_field_error_add(fe, BG_ERR_INVALID, "invalid_referrer", "referrer_id",
					   N_("Choose how you heard of us from the list."));
	}
	if (!in->consent)
		bg_field_error_add(fe, BG_ERR_UNPROCESSABLE, "consent_required", "consent",
				   N_("We need your consent to process your data to register you."));
}

bg_status infosession_register(db *d, int64_t session_id, const registration_input *in,
			       const char *base_url, bg_field_errors *fields, bg_error *err)
{
	infosession s;
	bg_status st = infosession_load(d, session_id, &s, err);
	if (st != BG_OK)
		return st;
	if (strcmp(s.status, "scheduled") != 0 || s.starts_at <= date_now())
		return bg_fail(err, BG_ERR_NOT_FOUND, "not_found", "session_id",
			       N_("This session does not exist."));
	bg_field_errors own = {0};
	bg_field_errors *fe = fields ? fields : &own;
	char email[255];
	infosession_check_fields(d, &s, in, email, fe);
	st = bg_field_errors_status(fe, err);
	if (st != BG_OK)
		return st;
	const char *name = in->name;
	if (in->honeypot && *in->honeypot)
		return BG_OK; /* a robot: same answer, nothing written */
	const char *lang = in->lang && strcmp(in->lang, "en") == 0 ? "en" : "fr";
	int64_t existing = 0;
	bool found = false;
	st = db_scalar(d, err, &existing, &found, "SELECT id FROM session_registrations WHERE"
						  " session_id = ? AND email = ? AND status <> 'cancelled'",
		       "is", session_id, email);
	if (st != BG_OK || found)
		return st; /* already registered: same answer, nothing changes */
	int64_t taken = 0;
	st = db_scalar(d, err, &taken, NULL, "SELECT count(*) FROM session_registrations WHERE"
					     " session_id = ? AND status = 'registered'", "i", session_id);
	if (st != BG_OK)
		return st;
	bool waiting = taken >= s.capacity;
	char token[SECRET_MAX_LEN];
	unsigned char hash[SECRET_HASH_BYTES];
	secret_new("reg_", token, sizeof token);
	secret_hash(token, hash);
	int64_t now = date_now(), reg_id = 0, newcomer_id = 0;
	/* a cancelled registration with the same email is replaced */
	st = db_exec(d, err, "UPDATE session_registrations SET email = email || '#' || id WHERE session_id = ?"
			     " AND email = ? AND status = 'cancelled'", "is", session_id, email);
	if (st == BG_OK)
		st = db_scalar(d, err, &reg_id, NULL, "INSERT INTO session_registrations(session_id, name, email, phone, postcode,"
				     " project, referrer_id, lang, consent_at, status, cancel_hash, created_at,"
				     " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
			     "isssssIsisbii", session_id, name, email, in->phone ? in->phone : "",
			     in->postcode, in->project ? in->project : "", in->referrer_id, lang, now,
			     waiting ? "waiting" : "registered", hash, sizeof hash, now, now);
	if (st != BG_OK)
		return st;
	registration_input copy = *in;
	copy.email = email;
	copy.lang = lang;
	st = newcomer_from_registration(d, s.cooperative_id, &copy, s.title, &newcomer_id, err);
	if (st == BG_OK)
		st = db_exec(d, err, "UPDATE session_registrations SET newcomer_id = ? WHERE id = ?", "ii",
			     newcomer_id, reg_id);
	char after[96];
	snprintf(after, sizeof after, "{\"session_id\":%lld,\"status\":\"%s\"}", (long long)session_id,
		 waiting ? "waiting" : "registered");
	if (st == BG_OK)
		st = hosp_audit(d, 0, "register", "session_registration", reg_id, after, err);
	char url[512];
	snprintf(url, sizeof url, "%s/sessions/cancel?token=%s", base_url ? base_url : "", token);
	if (st == BG_OK)
		st = infosession_mail(d, &s, name, email, lang, 0, waiting ? MAIL_WAITING : MAIL_CONFIRMED,
				      url, err);
	return st;
}

/* A new cancel link for a registration: the token goes into url (with
 * base_url before it), only its hash is stored. */
static bg_status infosession_new_link(db *d, int64_t reg_id, const char *base_url, char *url, size_t cap,
				      bg_error *err)
{
	char token[SECRET_MAX_LEN];
	unsigned char hash[SECRET_HASH_BYTES];
	secret_new("reg_", token, sizeof token);
	secret_hash(token, hash);
	bg_status st = db_exec(d, err, "INSERT INTO registration_links(registration_id, token_hash, created_at)"
				       " VALUES (?, ?, ?)", "ibi", reg_id, hash, sizeof hash, date_now());
	snprintf(url, cap, "%s/sessions/cancel?token=%s", HOSP_BASE(base_url), token);
	return st;
}

/* The registration a cancel token opens (its first link or a later one)
 * into *id, 0 when none. */
static bg_status infosession_reg_by_token(db *d, const char *token, int64_t *id, bg_error *err)
{
	*id = 0;
	if (!token || !*token || strlen(token) >= SECRET_MAX_LEN)
		return BG_OK;
	unsigned char hash[SECRET_HASH_BYTES];
	secret_hash(token, hash);
	return db_scalar(d, err, id, NULL, "SELECT coalesce((SELECT id FROM session_registrations WHERE cancel_hash = ?),"
					   " (SELECT registration_id FROM registration_links WHERE token_hash = ?), 0)",
			 "bb", hash, sizeof hash, hash, sizeof hash);
}

/* A registration as its mails need it: whom to write to, and the sequence
 * of the calendar invitation. */
typedef struct {
	int64_t id;
	char name[201], email[255], lang[3];
	int seq;
} infosession_reg;

/* Reads the registration q finds, if any (columns id, name, email, lang,
 * sequence), into *r with its next sequence, and finishes q; r->id is 0
 * when there is none. */
static bg_status infosession_reg_next(db_stmt *q, infosession_reg *r, bg_error *err)
{
	*r = (infosession_reg){.lang = "fr"};
	if (q && db_next(q) == 1) {
		r->id = db_int(q, 0);
		hosp_copy(r->name, sizeof r->name, db_text(q, 1));
		hosp_copy(r->email, sizeof r->email, db_text(q, 2));
		hosp_copy(r->lang, sizeof r->lang, db_text(q, 3));
		r->seq = (int)db_int(q, 4) + 1;
	}
	return db_done(q) == BG_OK ? BG_OK : bg_db_fail(err);
}

/* Promotes the oldest waiting registrations while places are free; each
 * promoted one is mailed the invitation with a new cancel link. */
static bg_status infosession_promote(db *d, const infosession *s, const char *base_url, bg_error *err)
{
	for (;;) {
		int64_t taken = 0;
		bg_status st = db_scalar(d, err, &taken, NULL, "SELECT count(*) FROM session_registrations"
							       " WHERE session_id = ? AND status = 'registered'",
					 "i", s->id);
		if (st != BG_OK || taken >= s->capacity)
			return st;
		infosession_reg r;
		st = infosession_reg_next(db_query(d, "SELECT id, name, email, lang, sequence FROM session_registrations"
						      " WHERE session_id = ? AND status = 'waiting'"
						      " ORDER BY created_at, id LIMIT 1", "i", s->id), &r, err);
		if (st != BG_OK || !r.id)
			return st;
		st = db_exec(d, err, "UPDATE session_registrations SET status = 'registered', sequence = ?,"
				     " updated_at = ? WHERE id = ?", "iii", (int64_t)r.seq, date_now(), r.id);
		if (st == BG_OK)
			st = hosp_audit(d, 0, "promote", "session_registration", r.id, "{\"status\":\"registered\"}", err);
		char url[512];
		if (st == BG_OK)
			st = infosession_new_link(d, r.id, base_url, url, sizeof url, err);
		if (st == BG_OK)
			st = infosession_mail(d, s, r.name, r.email, r.lang, r.seq, MAIL_PROMOTED, url, err);
		if (st != BG_OK)
			return st;
	}
}

bg_status infosession_by_token(db *d, const char *token, infosession *out, bool *cancelled,
			       bg_error *err)
{
	int64_t reg_id = 0, session_id = 0;
	bg_status st = infosession_reg_by_token(d, token, &reg_id, err);
	if (st != BG_OK)
		return st;
	db_stmt *q = db_query(d, "SELECT session_id, status FROM session_registrations WHERE id = ?", "i", reg_id);
	if (q && db_next(q) == 1) {
		session_id = db_int(q, 0);
		*cancelled = strcmp(db_text(q, 1), "cancelled") == 0;
	}
	if (db_done(q) != BG_OK)
		return bg_db_fail(err);
	if (!session_id)
		return bg_fail(err, BG_ERR_NOT_FOUND, "invalid_token", "token", N_("This link is not valid."));
	return infosession_load(d, session_id, out, err);
}

bg_status infosession_unregister(db *d, const char *token, const char *base_url, bg_error *err)
{
	infosession s;
	bool cancelled = false;
	bg_status st = infosession_by_token(d, token, &s, &cancelled, err);
	if (st != BG_OK)
		return st;
	if (cancelled)
		return BG_OK; /* twice: nothing more to do */
	int64_t reg_id = 0;
	st = infosession_reg_by_token(d, token, &reg_id, err);
	if (st != BG_OK)
		return st;
	infosession_reg r;
	st = infosession_reg_next(db_query(d, "SELECT id, name, email, lang, sequence FROM session_registrations"
					      " WHERE id = ?", "i", reg_id), &r, err);
	if (st != BG_OK)
		return st;
	st = db_exec(d, err, "UPDATE session_registrations SET status = 'cancelled', sequence = ?,"
			     " updated_at = ? WHERE id = ?", "iii", (int64_t)r.seq, date_now(), r.id);
	if (st == BG_OK)
		st = hosp_audit(d, 0, "cancel", "session_registration", r.id, "{\"status\":\"cancelled\"}", err);
	if (st == BG_OK)
		st = infosession_mail(d, &s, r.name, r.email, r.lang, r.seq, MAIL_CANCELLED, NULL, err);
	if (st == BG_OK && strcmp(s.status, "scheduled") == 0)
		st = infosession_promote(d, &s, base_url, err);
	return st;
}

bg_status infosession_cancel(db *d, int64_t actor, int64_t id, bg_error *err)
{
	infosession s;
	bg_status st = infosession_load(d, id, &s, err);
	if (st == BG_OK)
		st = authz_check(d, actor, AUTHZ_SESSION_MANAGE, (scope){SCOPE_COOPERATIVE, s.cooperative_id}, err);
	if (st == BG_OK && strcmp(s.status, "scheduled") != 0)
		st = bg_fail(err, BG_ERR_CONFLICT, "already_cancelled", "session_id",
			     N_("This session is already cancelled."));
	if (st == BG_OK)
		st = db_exec(d, err, "UPDATE info_sessions SET status = 'cancelled', sequence = sequence + 1"
				     " WHERE id = ?", "i", id);
	if (st != BG_OK)
		return st;
	s.sequence++;
	hosp_copy(s.status, sizeof s.status, "cancelled");
	db_stmt *q = db_query(d, "SELECT name, email, lang, sequence FROM session_registrations"
				 " WHERE session_id = ? AND status <> 'cancelled'", "i", id);
	enum { MAX = 1000 };
	struct reg { char name[201], email[255], lang[3]; int seq; } *regs = malloc(sizeof *regs * MAX);
	int n = 0;
	while (q && db_next(q) == 1 && n < MAX) {
		hosp_copy(regs[n].name, sizeof regs[n].name, db_text(q, 0));
		hosp_copy(regs[n].email, sizeof regs[n].email, db_text(q, 1));
		hosp_copy(regs[n].lang, sizeof regs[n].lang, db_text(q, 2));
		regs[n++].seq = (int)db_int(q, 3);
	}
	if (db_done(q) != BG_OK)
		st = bg_db_fail(err);
	for (int i = 0; st == BG_OK && i < n; i++)
		st = infosession_mail(d, &s, regs[i].name, regs[i].email, regs[i].lang, regs[i].seq,
				      MAIL_SESSION_CANCELLED, NULL, err);
	free(regs);
	if (st == BG_OK)
		st = hosp_audit(d, actor, "cancel", "info_session", id, "{\"status\":\"cancelled\"}", err);
	return st;
}

int infosession_send_reminders(db *d, int64_t now, const char *base_url, bg_error *err)
{
	enum { MAX = 64 };
	struct { int64_t id, session; char name[201], email[255], lang[3]; int seq; } r[MAX];
	int n = 0;
	db_stmt *q = db_query(d, "SELECT g.id, g.session_id, g.name, g.email, g.lang, g.sequence"
				 " FROM info_sessions s JOIN session_registrations g ON g.session_id = s.id"
				 " WHERE s.status = 'scheduled' AND s.starts_at > ? AND s.starts_at <= ?"
				 " AND g.status = 'registered' AND g.reminded_at IS NULL LIMIT 64",
			      "ii", now, now + 86400);
	while (q && db_next(q) == 1 && n < MAX) {
		r[n].id = db_int(q, 0);
		r[n].session = db_int(q, 1);
		hosp_copy(r[n].name, sizeof r[n].name, db_text(q, 2));
		hosp_copy(r[n].email, sizeof r[n].email, db_text(q, 3));
		hosp_copy(r[n].lang, sizeof r[n].lang, db_text(q, 4));
		r[n++].seq = (int)db_int(q, 5);
	}
	if (db_done(q) != BG_OK) /* a count is answered: the error is set, not returned */
		return bg_db_fail_count(err);
	for (int i = 0; i < n; i++) {
		infosession s;
		char url[512];
		if (infosession_load(d, r[i].session, &s, err) != BG_OK ||
		    db_exec(d, err, "UPDATE session_registrations SET reminded_at = ? WHERE id = ?", "ii",
			    now, r[i].id) != BG_OK ||
		    infosession_new_link(d, r[i].id, base_url, url, sizeof url, err) != BG_OK ||
		    infosession_mail(d, &s, r[i].name, r[i].email, r[i].lang, r[i].seq, MAIL_REMINDER,
				     url, err) != BG_OK)
			return -1;
	}
	return n;
}

bg_status referrer_add(db *d, int64_t actor, int64_t cooperative_id, const char *name,
		       int64_t *id_out, bg_error *err)
{
	bg_status st = actor ? authz_check(d, actor, AUTHZ_SESSION_MANAGE,
					   (scope){SCOPE_COOPERATIVE, cooperative_id}, err)
			     : BG_OK;
	if (st != BG_OK)
		return st;
	if (!name || !*name || strlen(name) > 200)
		return bg_fail(err, BG_ERR_INVALID, "missing_field", "name", N_("The name is required."));
	st = db_scalar(d, err, id_out, NULL, "INSERT INTO referrers(cooperative_id, name) VALUES (?, ?) RETURNING id", "is",
		     cooperative_id, name);
	if (st != BG_OK)
		return st;
	return hosp_audit(d, actor, "create", "referrer", *id_out, NULL, err);
}

/* ---------------------------------------------------------- read lists */

/* The lists' columns: id, title, coop id, coop name, territory, place name,
 * city, postcode, online, starts, ends, capacity, registered, waiting, the
 * zone its times are told in (the place's, Paris online). */
#define SESSION_LIST_SQL "SELECT s.id, s.title, s.cooperative_id, c.name, s.territory, coalesce(p.name, ''),"  \
	" coalesce(p.city, ''), coalesce(p.postcode, ''), s.online_url IS NOT NULL, s.starts_at, s.ends_at,"     \
	" s.capacity, (SELECT count(*) FROM session_registrations g WHERE g.session_id = s.id"                  \
	" AND g.status = 'registered'), (SELECT count(*) FROM session_registrations g WHERE"                     \
	" g.session_id = s.id AND g.status = 'waiting'), coalesce(p.timezone, '" HOSP_DEFAULT_TZ "')"
#define SESSION_FROM " FROM info_sessions s JOIN cooperatives c ON c.id = s.cooperative_id"                     \
	" LEFT JOIN places p ON p.id = s.place_id"

/* Reads the rows of a SESSION_LIST_SQL query (NULL: it failed) into an
 * arena array. */
static bg_status infosession_rows(db_stmt *s, arena *a, infosession_row **out, size_t *n, bg_error *err)
{
	*out = NULL;
	*n = 0;
	int rc = -1;
	while (s && (rc = db_next(s)) == 1) {
		*out = arena_grow(a, *out, *n, sizeof **out);
		infosession_row *r = &(*out)[(*n)++];
		r->id = db_int(s, 0);
		r->title = arena_strdup(a, db_text(s, 1));
		r->cooperative_id = db_int(s, 2);
		r->cooperative = arena_strdup(a, db_text(s, 3));
		r->territory = arena_strdup(a, db_text(s, 4));
		r->place = arena_strdup(a, db_text(s, 5));
		r->city = arena_strdup(a, db_text(s, 6));
		r->postcode = arena_strdup(a, db_text(s, 7));
		r->online = db_int(s, 8) != 0;
		r->starts_at = db_int(s, 9);
		r->ends_at = db_int(s, 10);
		r->capacity = db_int(s, 11);
		r->registered = db_int(s, 12);
		r->waiting = db_int(s, 13);
		r->timezone = arena_strdup(a, db_text(s, 14));
	}
	bg_status st = db_done(s);
	return rc == 0 && st == BG_OK ? BG_OK : bg_db_fail(err);
}

/* The public list's condition: scheduled, to come, near a territory, of a
 * cooperative; bound by the instant, the territory four times and the
 * cooperative twice. */
#define PUBLIC_WHERE " WHERE s.status = 'scheduled' AND s.starts_at > ?"                                        \
	" AND (? IS NULL OR s.territory = ? OR p.city = ? OR p.postcode LIKE ? || '%')"                          \
	" AND (? = 0 OR s.cooperative_id = ?)"

bg_status infosession_territories(db *d, arena *a, int64_t now, const char ***out, size_t *n, bg_error *err)
{
	db_stmt *s = db_query(d, "SELECT DISTINCT territory FROM info_sessions WHERE status = 'scheduled' AND starts_at > ?"
				 " AND territory <> '' ORDER BY territory", "i", now);
	*out = NULL;
	*n = 0;
	while (db_next(s) == 1) {
		*out = arena_grow(a, *out, *n, sizeof **out);
		(*out)[(*n)++] = arena_strdup(a, db_text(s, 0));
	}
	return db_done(s) == BG_OK ? BG_OK : bg_db_fail(err);
}

bg_status infosession_list_public(db *d, arena *a, const char *territory, int64_t cooperative_id, int64_t limit,
				  int64_t offset, infosession_row **out, size_t *n, int64_t *total, bg_error *err)
{
	assert(limit > 0 && offset >= 0);
	int64_t now = date_now();
	return infosession_rows(DB_PAGE_QUERY(d, total, SESSION_LIST_SQL, SESSION_FROM PUBLIC_WHERE, "s.starts_at, s.id",
						limit, offset, "issssii", now, territory, territory, territory, territory,
						cooperative_id, cooperative_id),
				a, out, n, err);
}

/* The hosts' list's condition: since yesterday, of a cooperative where the
 * actor manages sessions; bound by the start and the actor. */
#define MANAGED_WHERE " WHERE s.starts_at > ? AND " AUTHZ_SQL_ALLOWED(SESSION_MANAGE, "?", "s.cooperative_id", "NULL")

bg_status infosession_list_managed(db *d, arena *a, int64_t actor, int64_t limit, int64_t offset,
				   infosession_row **out, size_t *n, int64_t *total, bg_error *err)
{
	assert(limit > 0 && offset >= 0);
	return infosession_rows(DB_PAGE_QUERY(d, total, SESSION_LIST_SQL, SESSION_FROM MANAGED_WHERE,
						"s.starts_at, s.id", limit, offset, "ii", date_now() - 86400, actor),
				a, out, n, err);
}

bg_status infosession_list_to_come(db *d, arena *a, const char *cooperative_ids, int64_t limit, int64_t offset,
				   infosession_row **out, size_t *n, int64_t *total, bg_error *err)
{
	assert(limit > 0 && offset >= 0);
	return infosession_rows(DB_PAGE_QUERY(d, total, SESSION_LIST_SQL, SESSION_FROM " WHERE s.status = 'scheduled'"
						" AND s.starts_at > ? AND" HOSP_IN_IDS("s.cooperative_id"),
						"s.starts_at, s.id", limit, offset, "is", date_now(), cooperative_ids),
				a, out, n, err);
}

bg_status infosession_registrations(db *d, arena *a, int64_t actor, int64_t session_id, registration_row **out,
				    size_t *n, bg_error *err)
{
	*out = NULL;
	*n = 0;
	infosession sess;
	bg_status st = infosession_load(d, session_id, &sess, err);
	if (st == BG_OK)
		st = infosession_may_manage(d, actor, sess.cooperative_id, err);
	if (st != BG_OK)
		return st;
	db_stmt *q = db_query(d, "SELECT id, name, email, phone, postcode, status, created_at, coalesce(newcomer_id, 0)"
				 " FROM session_registrations WHERE session_id = ? ORDER BY created_at, id", "i", session_id);
	*out = NULL;
	*n = 0;
	while (q && db_next(q) == 1) {
		*out = arena_grow(a, *out, *n, sizeof **out);
		registration_row *r = &(*out)[(*n)++];
		r->id = db_int(q, 0);
		r->name = arena_strdup(a, db_text(q, 1));
		r->email = arena_strdup(a, db_text(q, 2));
		r->phone = arena_strdup(a, db_text(q, 3));
		r->postcode = arena_strdup(a, db_text(q, 4));
		r->status = arena_strdup(a, db_text(q, 5));
		r->created_at = db_int(q, 6);
		r->newcomer_id = db_int(q, 7);
	}
	return db_done(q) == BG_OK ? BG_OK : bg_db_fail(err);
}
