/*
 * hospitality.h — shared places and their bookings, information sessions
 * (the group's entry doors), the welcome path of newcomers, calendars.
 *
 * Plain C over a db handle: every function returns a bg_status and fills
 * a bg_error whose field names the offending input.  Writing functions
 * expect the caller's write transaction (db_begin(DB_WRITE), i.e. BEGIN
 * IMMEDIATE): the clash check of a booking and its insert therefore run
 * under the database's single write lock, so two requests for the same
 * slot can never both see it free.  They audit every change in the same
 * transaction and never commit.
 *
 * Time: instants are int64 seconds (UTC).  A place has a time zone
 * (Europe/Paris by default); its opening hours are minutes since local
 * midnight, converted through libical's time-zone data, so a slot is
 * checked against the hours of the day it falls on, summer time included.
 *
 * Who may do what:
 *  - a "member of the group" is anyone who holds a role in `roles`; any
 *    member may book any place, unless the place is restricted to the
 *    people of its owner's cooperative (or unit);
 *  - hosts and admins of the owner's scope manage a place (AUTHZ_PLACE_MANAGE);
 *  - hosts, facilitators and admins of a cooperative schedule its sessions;
 *  - hosts, accompanists and admins follow its newcomers.
 */
#ifndef BG_HOSPITALITY_H
#define BG_HOSPITALITY_H
#include <stdbool.h>
#include <stdint.h>
#include "core/arena.h"
#include "core/buf.h"
#include "core/tz.h"
#include "db/db.h"

#define HOSP_DEFAULT_TZ "Europe/Paris"
#define HOSP_SERIES_MAX_DAYS 731      /* a series may span at most two years */
#define HOSP_MAX_BOOKING_SPAN (14 * 86400) /* longest booking any resource allows */
#define HOSP_ORGANIZER "mailto:accueil@bigre.coop"
/* The base of a link in mail: the public URL, or "" (the path alone). */
#define HOSP_BASE(base_url) ((base_url) ? (base_url) : "")

/* ---- time (hosp_time.c) ---- */

/* Conversions between instants and local time: core/tz.h. */
/* Parses "2026-12-01T09:30[:00]" followed by "Z", "+01:00" or nothing
 * (then the wall time of tzid). */
bool hosp_parse_instant(const char *s, const char *tzid, int64_t *out);
/* Parses "HH:MM" into minutes (24:00 allowed as 1440). */
bool hosp_parse_hhmm(const char *s, int *minutes);
/* Appends the local wall time "2026-12-01 09:30" (fr: "01/12/2026 09:30"). */
void hosp_format_local(buf *b, const char *tzid, int64_t t, const char *lang);
/* Appends the instant as an RFC 3339 local time with offset. */
void hosp_format_iso_local(buf *b, const char *tzid, int64_t t);

/* ---- places and resources (place.c) ---- */

typedef struct place {
	int64_t id;
	char name[201];
	char owner_type[12]; /* cooperative, unit, person */
	int64_t owner_id;
	char address[501], postcode[11], city[101], territory[101];
	char timezone[65];
	char accessibility[2001];
	bool restricted;
	int cancel_deadline_min, checkin_release_min, offer_minutes;
	bool has_position;                  /* latitude/longitude given */
	int64_t latitude_e6, longitude_e6;  /* micro-degrees, WGS 84 */
} place;

typedef struct resource {
	int64_t id, place_id, parent_id;
	char name[201];
	char kind[16]; /* desk, meeting_room, workshop, machine, office */
	int capacity, min_notice_min, max_duration_min, buffer_min;
	bool needs_approval;
} resource;

/* One opening range of a weekday (1 Monday … 7 Sunday). */
typedef struct place_hours {
	int weekday, opens, closes;
} place_hours;

/* Fills p with defaults (time zone, deadlines) before the caller sets fields. */
void place_defaults(place *p);
/* Creates a place with its weekly hours; the actor must manage the owner's
 * scope (a member may offer a place of their own). */
bg_status place_create(db *d, int64_t actor, place *p, const place_hours *hours, int nhours,
		       bg_error *err) BG_MUST_CHECK;
/* A live place, for a person who may see the group's places (PLACE_SEE
 * somewhere); 404 for anyone else, or when there is none.  The domain's own
 * unchecked loader is place_load (hosp_internal.h). */
bg_status place_get(db *d, int64_t actor, int64_t id, place *out, bg_error *err) BG_MUST_CHECK;
/* Is actor a member of the group: allowed AUTHZ_PLACE_SEE somewhere (any
 * role, wherever held)?  False too when the database fails. */
bool place_is_member(db *d, int64_t actor);
/* May actor manage (hosts, admins of the owner's scope; the owning member)? */
bg_status place_may_manage(db *d, int64_t actor, const place *p, bg_error *err) BG_MUST_CHECK;
/* May actor book in this place?  Field "resource_id" on refusal. */
bg_status place_may_book(db *d, int64_t actor, const place *p, bg_error *err) BG_MUST_CHECK;
/* An exception for one day ("YYYY-MM-DD"): other hours, or closed when
 * opens = closes = 0; a closure from first_day to last_day.  The new row's
 * id goes into *id_out (when not NULL). */
bg_status place_add_exception(db *d, int64_t actor, int64_t place_id, const char *day,
			      int opens, int closes, int64_t *id_out, bg_error *err) BG_MUST_CHECK;
bg_status place_add_closure(db *d, int64_t actor, int64_t place_id, const char *first_day,
			    const char *last_day, const char *reason, int64_t *id_out, bg_error *err) BG_MUST_CHECK;

void resource_defaults(resource *r);
bg_status resource_create(db *d, int64_t actor, resource *r, bg_error *err) BG_MUST_CHECK;
/* A live resource, on the same terms as place_get. */
bg_status resource_get(db *d, int64_t actor, int64_t id, resource *out, bg_error *err) BG_MUST_CHECK;

/* A place as the lists show it: texts live in the arena given to the
 * reading function; resources counts the live resources. */
typedef struct place_summary {
	int64_t id, owner_id, resources, latitude_e6, longitude_e6;
	const char *name, *owner_type, *address, *postcode, *city, *territory, *timezone,
		*accessibility;
	bool restricted, has_position;
} place_summary;
/* The live places, filtered by territory, city and the kind of one of their
 * resources (NULL: any), ordered by territory, city, name; actor needs
 * PLACE_SEE somewhere (else 403 not_a_member). */
bg_status place_summary_list(db *d, arena *a, int64_t actor, const char *territory, const char *city,
			     const char *kind, place_summary **out, size_t *n, bg_error *err) BG_MUST_CHECK;
/* One place as the lists show it; archived ones only with_archived;
 * BG_ERR_NOT_FOUND when none, or for a person who may not see the group's
 * places (as every reader of a place below, which take the place's id). */
bg_status place_summary_get(db *d, arena *a, int64_t actor, int64_t id, bool with_archived, place_summary *out,
			    bg_error *err) BG_MUST_CHECK;
/* A place or a cooperative as a form's choice offers it (its name in the
 * arena). */
typedef struct hosp_choice {
	int64_t id;
	const char *name;
} hosp_choice;
/* Every live place, by name: all of them, as a <select> lists every
 * choice; for those who may see the group's places (404 otherwise). */
bg_status place_choice_list(db *d, arena *a, int64_t actor, hosp_choice **out, size_t *n, bg_error *err) BG_MUST_CHECK;
/* A place as the list of /places shows it (texts in the arena; photo_alt
 * NULL when it has no photo; resources: its live resources). */
typedef struct place_browse_row {
	int64_t id, resources, latitude_e6, longitude_e6;
	const char *name, *address, *postcode, *city, *territory, *accessibility, *photo_alt;
	bool restricted, has_position;
} place_browse_row;
/* The live places, of a territory and with a resource of a kind (NULL:
 * any), by territory, city and name: all of them, the page groups them and
 * draws its map (place_browse.c).  actor needs PLACE_SEE somewhere (else
 * 403 not_a_member). */
bg_status place_browse(db *d, arena *a, int64_t actor, const char *territory, const char *kind,
		       place_browse_row **out, size_t *n, bg_error *err) BG_MUST_CHECK;
/* The territories of the live places, by name (the list's filter); the
 * same right. */
bg_status place_territories(db *d, arena *a, int64_t actor, const char ***out, size_t *n, bg_error *err) BG_MUST_CHECK;
/* A day of other hours (opens = closes = 0: closed). */
typedef struct place_exception {
	int64_t id;
	const char *day;
	int opens, closes;
} place_exception;
/* A closure of whole days. */
typedef struct place_closure {
	int64_t id;
	const char *first_day, *last_day, *reason;
} place_closure;
/* The exceptions of a place from from_day ("YYYY-MM-DD") on, by day then
 * opening time. */
bg_status place_exception_list(db *d, arena *a, int64_t actor, int64_t place_id, const char *from_day,
			       place_exception **out, size_t *n, bg_error *err) BG_MUST_CHECK;
/* The closures of a place that end on from_day or later, by first day. */
bg_status place_closure_list(db *d, arena *a, int64_t actor, int64_t place_id, const char *from_day,
			     place_closure **out, size_t *n, bg_error *err) BG_MUST_CHECK;
/* The live resources of a place, parents before their children. */
bg_status resource_list(db *d, arena *a, int64_t actor, int64_t place_id, resource **out, size_t *n, bg_error *err) BG_MUST_CHECK;

/* A slot that clashes (a booking, or a capacity change): its resource and times. */
typedef struct booking_clash {
	int64_t resource_id, starts_at, ends_at;
} booking_clash;

/* ---- editing places and resources (place_edit.c) ----
 * All for those who manage the place (place_may_manage), validated as at
 * creation, audited with the record before and after, in the caller's
 * write transaction.  Every table they write carries the triggers that
 * change the place's availability version, so availability answers the
 * change at once. */

#define HOSP_HOURS_MAX_PER_DAY 8 /* what the opening rules hold per weekday */

/* Writes the fields of p (an existing place, loaded with place_get and
 * changed by the caller) but its owner and position (place_set_position). */
bg_status place_update(db *d, int64_t actor, const place *p, bg_error *err) BG_MUST_CHECK;
/* Replaces the weekly hours: each range within 00:00–24:00, opening before
 * closing, no two overlapping on a day, at most HOSP_HOURS_MAX_PER_DAY a
 * day.  Field "hours"; *bad_weekday (may be NULL) names the day at fault
 * (0 when none). */
bg_status place_set_hours(db *d, int64_t actor, int64_t place_id, const place_hours *hours, int n,
			  int *bad_weekday, bg_error *err) BG_MUST_CHECK;
/* Reads the weekly hours of a place (up to max, by weekday and time) into
 * out and *n. */
bg_status place_hours_get(db *d, int64_t actor, int64_t place_id, place_hours *out, int max, int *n, bg_error *err) BG_MUST_CHECK;
/* Removes an exception or a closure of the place (404 when not its own). */
bg_status place_remove_exception(db *d, int64_t actor, int64_t place_id, int64_t exception_id, bg_error *err) BG_MUST_CHECK;
bg_status place_remove_closure(db *d, int64_t actor, int64_t place_id, int64_t closure_id, bg_error *err) BG_MUST_CHECK;
/* Writes a resource's fields (its place stays).  The parent: another
 * resource of the same place without a parent, and only for a resource
 * without children.  A capacity below the bookings to come is refused
 * (BG_ERR_CONFLICT "capacity_below_bookings", field capacity, *clash the
 * first slot where more bookings overlap than the new capacity). */
bg_status resource_update(db *d, int64_t actor, const resource *r, booking_clash *clash, bg_error *err) BG_MUST_CHECK;
/* Archives a resource (no longer listed nor bookable).  With bookings to
 * come (pending or confirmed, not yet ended): refused, BG_ERR_CONFLICT
 * "bookings_to_come" with *remaining their count, unless cancel_bookings:
 * then each is cancelled (booking_cancel) and its booker mailed.  Its
 * waiting lists are closed whenever it is archived.  A resource with children: refused
 * ("has_children") until they are archived. */
bg_status resource_archive(db *d, int64_t actor, int64_t id, bool cancel_bookings, const char *base_url,
			   int *remaining, bg_error *err) BG_MUST_CHECK;
/* Archives a place and its resources, with the same rule about bookings to
 * come over all its resources. */
bg_status place_archive(db *d, int64_t actor, int64_t id, bool cancel_bookings, const char *base_url,
			int *remaining, bg_error *err) BG_MUST_CHECK;

/* The opening ranges of one local day (after exceptions and closures):
 * up to max ranges [opens, closes) in minutes; returns how many, -1 when
 * the rules could not be read (place_slot_open then says no). */
int place_day_ranges(db *d, const place *p, int64_t day, int ranges[][2], int max);
/* Is [starts, ends) inside one opening range of the place's local day? */
bool place_slot_open(db *d, const place *p, int64_t starts, int64_t ends);

/* Free intervals of each resource of a place in [from, to): calls emit for
 * each (resource, free start, free end). */
typedef void (*availability_fn)(void *ctx, const resource *r, int64_t starts, int64_t ends);
bg_status place_availability(db *d, int64_t actor, int64_t place_id, int64_t from, int64_t to,
			     availability_fn emit, void *ctx, bg_error *err) BG_MUST_CHECK;

/* ---- bookings (booking.c) ---- */

typedef struct booking_input {
	int64_t resource_id;
	int64_t starts_at, ends_at;
	int64_t cooperative_id; /* whose quota; 0: the booker's first cooperative */
	const char *note;
	const char *repeat;     /* NULL, "week" or "month" */
	const char *until;      /* last day of a series, "YYYY-MM-DD" */
	const char *base_url;   /* the server's address for links in mail, or NULL */
} booking_input;

/* Called for each occurrence of a series that could not be booked. */
typedef void (*booking_skip_fn)(void *ctx, int64_t starts, int64_t ends, const bg_error *why,
				const booking_clash *clash);

/* Books one slot.  BG_ERR_CONFLICT with *clash filled when it is taken. */
bg_status booking_create(db *d, int64_t actor, const booking_input *in, int64_t *id_out,
			 booking_clash *clash, bg_error *err) BG_MUST_CHECK;
/* Books a weekly or monthly series: the first slot is validated like a
 * single booking (field errors fail the whole request); occurrences that
 * clash, are closed or over quota are skipped and reported through skip.
 * ids receives up to max_ids booking ids; *count how many were made. */
bg_status booking_create_series(db *d, int64_t actor, const booking_input *in,
				int64_t *series_id, int64_t *ids, int max_ids, int *count,
				booking_skip_fn skip, void *ctx, booking_clash *clash,
				bg_error *err) BG_MUST_CHECK;
/* Cancels (owner before the place's deadline, or a manager).  base_url
 * (the request's, or NULL) makes the link in the mail offering the freed
 * slot to the next one waiting absolute, as in booking_move/decide. */
bg_status booking_cancel(db *d, int64_t actor, int64_t id, const char *base_url, bg_error *err) BG_MUST_CHECK;
/* Moves a booking to another slot of the same resource. */
bg_status booking_move(db *d, int64_t actor, int64_t id, int64_t starts, int64_t ends,
		       const char *base_url, booking_clash *clash, bg_error *err) BG_MUST_CHECK;
/* Check-in opens BOOKING_CHECK_IN_LEAD seconds before a booking starts and
 * closes when it ends: the one rule, for the action and for the pages that
 * offer it. */
#define BOOKING_CHECK_IN_LEAD 900
bool booking_check_in_open(int64_t starts_at, int64_t ends_at, int64_t now);
/* The booker says they have arrived: 404 unless the booking is the actor's
 * own, 409 when it is not confirmed, already checked in, or check-in is
 * not open. */
bg_status booking_check_in(db *d, int64_t actor, int64_t id, bg_error *err) BG_MUST_CHECK;
/* A host approves or refuses a pending booking; the mail to the booker
 * links to <base_url>/bookings. */
bg_status booking_decide(db *d, int64_t actor, int64_t id, bool approve, const char *base_url,
			 bg_error *err) BG_MUST_CHECK;
/* Joins the waiting list of a slot. */
bg_status booking_wait(db *d, int64_t actor, int64_t resource_id, int64_t starts, int64_t ends,
		       int64_t *id_out, bg_error *err) BG_MUST_CHECK;
/* Takes an offered slot (before the offer expires). */
bg_status booking_accept_offer(db *d, int64_t actor, int64_t wait_id, int64_t *booking_id,
			       bg_error *err) BG_MUST_CHECK;
/* Sets the monthly quota (minutes) of a person or cooperative for a kind. */
bg_status booking_set_quota(db *d, int64_t actor, const char *scope_kind, int64_t scope_id,
			    const char *kind, int64_t minutes, bg_error *err) BG_MUST_CHECK;
/* A booking as its booker's list shows it (texts in the arena). */
typedef struct booking_mine_row {
	int64_t id, resource_id, place_id, starts_at, ends_at, sequence, checkin_release_min;
	const char *resource, *place, *status, *timezone;
	bool checked_in;
} booking_mine_row;
/* The bookings of person ending after since (only the pending and confirmed
 * ones when active_only), by start: limit rows from offset, and in *total
 * how many there are in all. */
bg_status booking_list_mine(db *d, arena *a, int64_t person_id, int64_t since, bool active_only, int64_t limit,
			    int64_t offset, booking_mine_row **out, size_t *n, int64_t *total, bg_error *err) BG_MUST_CHECK;
/* The resource of a booking, for a person who may see the group's places
 * (booking_move then decides who may move it); 404 otherwise or when
 * there is no such booking. */
bg_status booking_resource_of(db *d, int64_t actor, int64_t booking_id, int64_t *resource_id, bg_error *err) BG_MUST_CHECK;
/* One of actor's own bookings (only a pending or confirmed one when
 * active_only): its resource and times; 404 "This booking does not exist."
 * for anyone else's. */
bg_status booking_get_mine(db *d, int64_t actor, int64_t id, bool active_only, int64_t *resource_id,
			   int64_t *starts_at, int64_t *ends_at, bg_error *err) BG_MUST_CHECK;
/* A place on a waiting list (offer_expires_at 0 when not offered). */
typedef struct booking_wait_row {
	int64_t id, resource_id, starts_at, ends_at, offer_expires_at;
	const char *status, *resource, *timezone; /* timezone: the place's */
} booking_wait_row;
/* The person's waits still waiting or offered, by start. */
bg_status booking_wait_list_mine(db *d, arena *a, int64_t person_id, booking_wait_row **out, size_t *n,
				 bg_error *err) BG_MUST_CHECK;
/* A person's own quota of a kind and what the month used of it. */
typedef struct quota_row {
	const char *kind;
	int64_t minutes_per_month, minutes_used;
} quota_row;
/* One use of a quota by a booking. */
typedef struct quota_use_row {
	int64_t booking_id, minutes, at;
	const char *kind;
} quota_use_row;
/* The person's own quotas by kind, with the minutes used in month
 * ("YYYY-MM"), and every use recorded that month in order. */
bg_status quota_list_mine(db *d, arena *a, int64_t person_id, const char *month, quota_row **quotas,
			  size_t *nquotas, quota_use_row **uses, size_t *nuses, bg_error *err) BG_MUST_CHECK;
/* The periodic work, in the caller's write transaction: releases bookings
 * not checked in, expires offers (offering to the next), sends session and
 * welcome interview reminders and the hosts' daily digests.  base_url (the server's public
 * URL, or NULL) makes the links in these mails absolute; without it they
 * name the page ("/hosts").  Returns how many things it did. */
int hospitality_tick(db *d, int64_t now, const char *base_url, bg_error *err);

/* ---- information sessions (infosession.c) ---- */

typedef struct infosession {
	int64_t id, cooperative_id, place_id;
	char online_url[501];
	char title[201], territory[101];
	int64_t starts_at, ends_at;
	int capacity;
	int64_t host_id;
	char status[12];
	int sequence;
} infosession;

typedef struct registration_input {
	const char *name, *email, *phone, *postcode, *project;
	int64_t referrer_id;
	bool consent;
	const char *honeypot; /* must be empty */
	const char *lang;
} registration_input;

bg_status infosession_create(db *d, int64_t actor, infosession *s, bg_error *err) BG_MUST_CHECK;
/* A session: anyone's when it is scheduled and to come (the public list
 * shows it), else only for those who manage its cooperative's sessions
 * (404 without a role there, 403 with another one).  The unchecked loader
 * is infosession_load (hosp_internal.h). */
bg_status infosession_get(db *d, int64_t actor, int64_t id, infosession *out, bg_error *err) BG_MUST_CHECK;
/* The time zone a session is told in, public as the session: its place's,
 * else HOSP_DEFAULT_TZ (online, or when the place cannot be read). */
const char *infosession_timezone(db *d, arena *a, const infosession *s);
/* May actor schedule and see the sessions of this cooperative? */
bg_status infosession_may_manage(db *d, int64_t actor, int64_t cooperative_id, bg_error *err) BG_MUST_CHECK;
/* A session as the lists show it (texts in the arena; place, city and
 * postcode "" when online). */
typedef struct infosession_row {
	int64_t id, cooperative_id, starts_at, ends_at, capacity, registered, waiting;
	const char *title, *cooperative, *territory, *place, *city, *postcode, *timezone;
	bool online;
} infosession_row;
/* The territories of the sessions to come (from now on), by name: the
 * public list's filter (no account needed). */
bg_status infosession_territories(db *d, arena *a, int64_t now, const char ***out, size_t *n, bg_error *err) BG_MUST_CHECK;
/* The public list: scheduled sessions to come, near territory (a territory,
 * a city or a postcode prefix; NULL: anywhere), of one cooperative (0: any),
 * by start: limit rows from offset, and in *total how many there are. */
bg_status infosession_list_public(db *d, arena *a, const char *territory, int64_t cooperative_id, int64_t limit,
				  int64_t offset, infosession_row **out, size_t *n, int64_t *total, bg_error *err) BG_MUST_CHECK;
/* The hosts' list: sessions since yesterday of the cooperatives where
 * actor is host, facilitator or admin (or any with a group role), by start:
 * limit rows from offset, and in *total how many there are. */
bg_status infosession_list_managed(db *d, arena *a, int64_t actor, int64_t limit, int64_t offset,
				   infosession_row **out, size_t *n, int64_t *total, bg_error *err) BG_MUST_CHECK;
/* The hosts' dashboard: the scheduled sessions to come of the cooperatives
 * (a JSON array of ids, hosts_scopes), by start: limit rows from offset,
 * and in *total how many there are. */
bg_status infosession_list_to_come(db *d, arena *a, const char *cooperative_ids, int64_t limit, int64_t offset,
				   infosession_row **out, size_t *n, int64_t *total, bg_error *err) BG_MUST_CHECK;
/* A registration to a session, as its hosts see it (newcomer_id 0: none). */
typedef struct registration_row {
	int64_t id, created_at, newcomer_id;
	const char *name, *email, *phone, *postcode, *status;
} registration_row;
/* The registrations of a session by date, for those who manage its
 * cooperative's sessions (infosession_may_manage: 404 without a role, 403
 * with another one). */
bg_status infosession_registrations(db *d, arena *a, int64_t actor, int64_t session_id, registration_row **out,
				    size_t *n, bg_error *err) BG_MUST_CHECK;
/* Cancels a session: registrants get a METHOD:CANCEL invitation. */
bg_status infosession_cancel(db *d, int64_t actor, int64_t id, bg_error *err) BG_MUST_CHECK;
/* Public registration (no account).  Answers the same whether the email was
 * already registered (no enumeration); a filled honeypot writes nothing.
 * Every field is checked at once: fields (or NULL) receives each field's
 * error, err the first of them or the error that is no field's. */
bg_status infosession_register(db *d, int64_t session_id, const registration_input *in,
			       const char *base_url, bg_field_errors *fields, bg_error *err) BG_MUST_CHECK;
/* Cancels a registration by its secret link; promotes the first waiting. */
bg_status infosession_unregister(db *d, const char *token, const char *base_url,
				 bg_error *err) BG_MUST_CHECK;
/* Finds the session of a cancel token (for the confirmation page). */
bg_status infosession_by_token(db *d, const char *token, infosession *out, bool *cancelled,
			       bg_error *err) BG_MUST_CHECK;
bg_status referrer_add(db *d, int64_t actor, int64_t cooperative_id, const char *name,
		       int64_t *id_out, bg_error *err) BG_MUST_CHECK;

/* ---- the welcome path (newcomer.c) ---- */

typedef struct newcomer {
	int64_t id, cooperative_id, person_id;
	char name[201], email[255], phone[31], postcode[11], territory[101];
	char project[2001], referrer[201];
	int birth_year;
	char lang[3];
	char current_step[41];
	char status[8];
	bool consent;
} newcomer;

typedef struct path_step {
	char code[41];
	char label[101];
} path_step;

#define PATH_MAX_STEPS 20
extern const char *const newcomer_exit_reasons[];

/* The steps of a cooperative's path (the default list when none is set),
 * at most max, into out and *n: for anyone with a role in the group
 * (docs/api.md: members), 404 otherwise.  The domain's unchecked reader is
 * path_steps_get (hosp_internal.h). */
bg_status path_steps_read(db *d, int64_t actor, int64_t cooperative_id, path_step *out, int max, int *n,
			  bg_error *err) BG_MUST_CHECK;
/* The label msgid of a step code in a cooperative's path (the code when unknown). */
const char *path_step_label(db *d, int64_t cooperative_id, const char *code, char out[101]);
bg_status path_steps_set(db *d, int64_t actor, int64_t cooperative_id, const path_step *steps,
			 int n, bg_error *err) BG_MUST_CHECK;
/* Creates a record by hand (actor a host) or at registration (actor 0). */
bg_status newcomer_create(db *d, int64_t actor, newcomer *n, bg_error *err) BG_MUST_CHECK;
bg_status newcomer_get(db *d, int64_t actor, int64_t id, newcomer *out, bg_error *err) BG_MUST_CHECK;
/* A referrer a cooperative offers on its registration form. */
typedef struct referrer_row {
	int64_t id;
	const char *name;
} referrer_row;
/* The referrers of a cooperative by name (public: no rights check). */
bg_status referrer_list(db *d, arena *a, int64_t cooperative_id, referrer_row **out, size_t *n, bg_error *err) BG_MUST_CHECK;
/* A newcomer as the hosts' list shows it. */
typedef struct newcomer_row {
	int64_t id, cooperative_id, updated_at;
	const char *name, *email, *current_step, *status;
} newcomer_row;
/* The newcomers actor follows (host, accompanist or admin of their
 * cooperative, or a group role), of one cooperative (0: any) and at one
 * step (NULL: any), the latest changed first: limit rows from offset, and
 * in *total how many there are. */
bg_status newcomer_list(db *d, arena *a, int64_t actor, int64_t cooperative_id, const char *step, int64_t limit,
			int64_t offset, newcomer_row **out, size_t *n, int64_t *total, bg_error *err) BG_MUST_CHECK;
/* A document attached to a step. */
typedef struct newcomer_document_row {
	int64_t id, size;
	const char *filename, *content_type;
} newcomer_document_row;
/* A step of a newcomer's path with its documents (done_by: the display
 * name of who recorded it, "" when unknown). */
typedef struct newcomer_step_view {
	int64_t id, cooperative_id;
	const char *code, *day, *done_by, *notes, *cooperative; /* cooperative: its name */
	newcomer_document_row *documents;
	size_t ndocuments;
} newcomer_step_view;
/* The steps of a newcomer actor follows (newcomer_get's rule), in order,
 * each with its documents. */
bg_status newcomer_step_list(db *d, arena *a, int64_t actor, int64_t newcomer_id, newcomer_step_view **out,
			     size_t *n, bg_error *err) BG_MUST_CHECK;
/* Records a step, its id into *step_id (when not NULL).  "exit" needs a
 * reason from newcomer_exit_reasons; "cape" creates the account and
 * membership and invites to set a password. */
bg_status newcomer_add_step(db *d, int64_t actor, int64_t id, const char *code, const char *day,
			    const char *notes, const char *reason, const char *base_url,
			    int64_t *step_id, bg_error *err) BG_MUST_CHECK;
/* Moves the record (with its history) to another cooperative, and mails
 * that cooperative's hosts (in their language) a link to the path. */
bg_status newcomer_orient(db *d, int64_t actor, int64_t id, int64_t to_cooperative,
			  bool consent, const char *base_url, bg_error *err) BG_MUST_CHECK;
/* Funders' statistics as CSV: month, cooperative, territory, age band,
 * referrer, step, count — over the cooperatives the actor follows. */
bg_status newcomer_stats_csv(db *d, int64_t actor, buf *out, bg_error *err) BG_MUST_CHECK;
/* May actor follow the newcomers of this cooperative? */
bg_status newcomer_may_manage(db *d, int64_t actor, int64_t cooperative_id, bg_error *err) BG_MUST_CHECK;
/* The cooperatives a newcomer actor follows may be oriented to (every
 * other one, by name). */
bg_status newcomer_orient_choices(db *d, arena *a, int64_t actor, const newcomer *n, hosp_choice **out, size_t *count,
				  bg_error *err) BG_MUST_CHECK;

/* ---- calendars (calendar.c) ---- */

typedef enum hcal_method { HCAL_PUBLISH, HCAL_REQUEST, HCAL_CANCEL } hcal_method;
/* An event's STATUS (RFC 5545 §3.8.1.11): a booking awaiting a host's
 * approval is tentative. */
typedef enum hcal_status { HCAL_CONFIRMED, HCAL_TENTATIVE, HCAL_CANCELLED } hcal_status;
typedef struct hcal_event {
	const char *uid, *summary, *location, *description, *tzid;
	int64_t starts_at, ends_at;
	int sequence;
	hcal_status status;
	const char *attendee; /* email, for invitations */
} hcal_event;

/* Appends a VCALENDAR with the events (and their VTIMEZONEs) to out. */
void hcal_render(buf *out, hcal_method method, const hcal_event *events, int n);
/* Creates a feed URL token; kind person (target 0 = actor), place, sessions. */
bg_status hcal_feed_create(db *d, int64_t actor, const char *kind, int64_t target_id,
			   char *token_out, size_t token_cap, int64_t *id_out, bg_error *err) BG_MUST_CHECK;
bg_status hcal_feed_revoke(db *d, int64_t actor, int64_t id, bg_error *err) BG_MUST_CHECK;
/* A calendar link as its maker's lists show it. */
typedef struct hcal_feed_row {
	int64_t id, created_at;
} hcal_feed_row;
/* actor's own live calendar links, by id: of their bookings (kind
 * "person", target_id 0) or of a place (kind "place", for those who
 * manage it: 404/403 otherwise). */
bg_status hcal_feed_list(db *d, arena *a, int64_t actor, const char *kind, int64_t target_id, hcal_feed_row **out,
			 size_t *n, bg_error *err) BG_MUST_CHECK;
/* The window a feed shows, whole, however many events it holds: the
 * events starting from HCAL_DAYS_BACK days ago to HCAL_DAYS_AHEAD days
 * ahead (docs/api.md). */
enum { HCAL_DAYS_BACK = 90, HCAL_DAYS_AHEAD = 400 };
/* Renders the feed a token opens, every event of its window;
 * BG_ERR_NOT_FOUND when unknown or revoked. */
bg_status hcal_feed_render(db *d, const char *token, buf *out, bg_error *err) BG_MUST_CHECK;

/* ---- files: step documents, place photos (attachment.c) ---- */

#define HOSP_DOCUMENT_MAX (1024 * 1024)
#define HOSP_PHOTO_MAX (512 * 1024)

/* A stored file as read back (data owned by the caller: buf_free it,
 * whatever the answer). */
typedef struct hosp_file {
	char filename[301];   /* a document's name; a photo's alternative text */
	char content_type[32];
	char etag[24];        /* photos only */
	buf data;
} hosp_file;

/* The type a file's first bytes show: "application/pdf", "image/jpeg",
 * "image/png", or NULL for anything else. */
const char *hosp_file_type(const unsigned char *p, size_t n);
/* Attaches a document to a step of a newcomer's path (audited); the
 * actor must follow the newcomer.  Fields: step_id, document. */
bg_status newcomer_document_add(db *d, int64_t actor, int64_t newcomer_id, int64_t step_id, const char *filename,
				const unsigned char *data, size_t len, int64_t *id_out, bg_error *err) BG_MUST_CHECK;
/* Reads a document back for someone who follows the newcomer, and audits
 * the reading (in the caller's write transaction). */
bg_status newcomer_document_read(db *d, int64_t actor, int64_t newcomer_id, int64_t doc_id, hosp_file *out,
				 bg_error *err) BG_MUST_CHECK;
/* Sets (or replaces) a place's photo with its alternative text; managers
 * (actor 0: the demo seed). */
bg_status place_photo_set(db *d, int64_t actor, int64_t place_id, const unsigned char *data, size_t len,
			  const char *alt, bg_error *err) BG_MUST_CHECK;
/* A place's photo for a member: type, alt text (in filename), ETag, and
 * the bytes when with_data.  BG_ERR_NOT_FOUND when it has none. */
bg_status place_photo_read(db *d, int64_t actor, int64_t place_id, bool with_data, hosp_file *out, bg_error *err) BG_MUST_CHECK;

/* ---- the hosts' daily digest (digest.c) ---- */

/* What the hosts' dashboard and digest show a person, decided by
 * authz_check: the cooperatives where they manage sessions and follow
 * newcomers, the cooperatives and units whose places they manage (each a
 * JSON array of ids, bound to HOSP_IN_IDS's "?"). */
typedef struct hosts_scopes {
	buf sessions, newcomers, place_coops, place_units;
} hosts_scopes;
bg_status hosts_scopes_load(db *d, int64_t person, hosts_scopes *out, bg_error *err) BG_MUST_CHECK;
void hosts_scopes_free(hosts_scopes *h);
/* May person do host work somewhere (sessions, newcomers or places)?
 * BG_ERR_NOT_FOUND with no role at all, BG_ERR_FORBIDDEN when the roles
 * held allow none of it. */
bg_status hosts_may_work(db *d, int64_t person, bg_error *err) BG_MUST_CHECK;
/* SQL condition: the column col is one of the ids of the JSON array bound
 * to "?" (a field of hosts_scopes). */
#define HOSP_IN_IDS(col) " " col " IN (SELECT value FROM json_each(?))"

/* The cooperatives whose ids are in the JSON array (hosts_scopes), by
 * name: all of them, the choices of a <select>. */
bg_status cooperative_choice_list(db *d, arena *a, const char *cooperative_ids, hosp_choice **out, size_t *n,
				  bg_error *err) BG_MUST_CHECK;
/* Every cooperative, by name: the public list of sessions' filter (the
 * group's cooperatives are public). */
bg_status cooperative_choice_all(db *d, arena *a, hosp_choice **out, size_t *n, bg_error *err) BG_MUST_CHECK;

/* ---- the hosts' dashboard lists (hosts_lists.c) ----
 * Each reads limit rows from offset and in *total how many there are
 * (texts in the arena); the caller checked the rights (hosts_scopes). */

/* Someone waiting: on a session's waiting list (booking_id 0) or a pending
 * booking to approve. */
typedef struct hosts_wait_row {
	int64_t since, booking_id;
	const char *who, *what;
} hosts_wait_row;
/* Who waits for what in h's scopes, for something to come, the longest
 * waiting first. */
bg_status hosts_wait_list(db *d, arena *a, const hosts_scopes *h, int64_t limit, int64_t offset, hosts_wait_row **out,
			  size_t *n, int64_t *total, bg_error *err) BG_MUST_CHECK;
/* A newcomer to follow up (last_day NULL: no step yet). */
typedef struct newcomer_follow_row {
	int64_t id, cooperative_id;
	const char *name, *current_step, *last_day;
} newcomer_follow_row;
/* The open newcomers of the cooperatives (a JSON array of ids) with no
 * change for 30 days or still at the information session, the oldest last
 * step first. */
bg_status newcomer_follow_up_list(db *d, arena *a, const char *cooperative_ids, int64_t limit, int64_t offset,
				  newcomer_follow_row **out, size_t *n, int64_t *total, bg_error *err) BG_MUST_CHECK;
/* A newcomer whose welcome interview is to book. */
typedef struct newcomer_to_book_row {
	int64_t id;
	const char *name, *cooperative;
} newcomer_to_book_row;
/* The newcomers of the cooperatives (a JSON array of ids) whose interview
 * is to book (HOSP_INTERVIEW_TO_BOOK), the first recorded first. */
bg_status newcomer_to_book_list(db *d, arena *a, const char *cooperative_ids, int64_t limit, int64_t offset,
				newcomer_to_book_row **out, size_t *n, int64_t *total, bg_error *err) BG_MUST_CHECK;
/* An interview a host holds: the newcomer, when (in the slot's zone) and
 * where (the place's name, or the online link). */
typedef struct interview_host_row {
	int64_t newcomer_id, starts_at;
	const char *newcomer, *timezone, *where;
} interview_host_row;
/* The booked interviews not yet ended in host_id's slots, by start. */
bg_status interview_list_host(db *d, arena *a, int64_t host_id, int64_t limit, int64_t offset,
			      interview_host_row **out, size_t *n, int64_t *total, bg_error *err) BG_MUST_CHECK;

/* Sets whether actor wants the daily digest by mail (audited). */
bg_status digest_set(db *d, int64_t actor, bool wants, bg_error *err) BG_MUST_CHECK;
/* Does person want the daily digest? */
bool digest_wanted(db *d, int64_t person);
/* Sends the digests due at now (from 07:00 Paris time, once a day per
 * person who asked; nothing when there is nothing to tell), in the
 * caller's write transaction.  Returns how many mails, -1 on failure. */
int digest_send_due(db *d, int64_t now, const char *base_url, bg_error *err);

/* ---- welcome interviews in hosts' slots (interview.c) ---- */

typedef struct islot {
	int64_t id, host_id, cooperative_id, place_id;
	char online_url[501];
	char timezone[65];
	int64_t starts_at, ends_at;
} islot;

/* Publishes one of actor's availability slots for welcome interviews in a
 * cooperative whose newcomers actor follows; the host is always actor.
 * BG_ERR_CONFLICT (field starts_at) when it overlaps another of theirs. */
bg_status islot_create(db *d, int64_t actor, islot *s, bg_error *err) BG_MUST_CHECK;
/* A slot as the lists show it: place_id 0 and online_url NULL when not
 * given, place and city "" then; interview_id 0 and newcomer NULL when the
 * slot is free (texts in the arena). */
typedef struct islot_row {
	int64_t id, host_id, cooperative_id, place_id, starts_at, ends_at, interview_id;
	const char *host, *online_url, *timezone, *place, *city, *newcomer;
} islot_row;
/* Which slots islot_list lists. */
typedef enum islot_which {
	ISLOT_MINE,          /* actor's own slots not yet ended, free or taken */
	ISLOT_FREE_FOLLOWED, /* the free slots to come of the cooperatives where actor is host,
				accompanist or admin (or any with a group role) */
	ISLOT_FREE_OF_COOP,  /* the free slots to come of one cooperative whose newcomers actor
				follows (newcomer_may_manage: 404 without a role, 403) */
} islot_which;
/* The slots which says, of one cooperative (0: any, not for
 * ISLOT_FREE_OF_COOP), by start: limit rows from offset, and in *total how
 * many there are. */
bg_status islot_list(db *d, arena *a, int64_t actor, islot_which which, int64_t cooperative_id, int64_t limit,
		     int64_t offset, islot_row **out, size_t *n, int64_t *total, bg_error *err) BG_MUST_CHECK;
/* The free slots to come of the cooperative of the newcomer a secret link
 * opens (404 invalid_link otherwise), paged as islot_list. */
bg_status islot_list_by_link(db *d, arena *a, const char *token, int64_t limit, int64_t offset, islot_row **out,
			     size_t *n, int64_t *total, bg_error *err) BG_MUST_CHECK;
/* Deletes one of actor's own free slots (a taken one: BG_ERR_CONFLICT). */
bg_status islot_delete(db *d, int64_t actor, int64_t id, bg_error *err) BG_MUST_CHECK;
/* Books the newcomer into a free slot of their cooperative, records the
 * "welcome_interview" step and mails the invitation (METHOD:REQUEST). */
bg_status interview_book(db *d, int64_t actor, int64_t newcomer_id, int64_t slot_id, const char *base_url,
			 int64_t *id_out, bg_error *err) BG_MUST_CHECK;
/* Cancels a booked interview: the slot is free again, METHOD:CANCEL mailed
 * with the same UID and a higher SEQUENCE (and a link to choose again). */
bg_status interview_cancel(db *d, int64_t actor, int64_t id, const char *base_url, bg_error *err) BG_MUST_CHECK;
/* Mails the newcomer a secret link (30 days; only its hash is kept) to a
 * page where they choose their interview themself; actor follows them. */
bg_status newcomer_link_send(db *d, int64_t actor, int64_t newcomer_id, const char *base_url, bg_error *err) BG_MUST_CHECK;
/* The newcomer a link opens (valid, not expired, path open), and who made
 * it; BG_ERR_NOT_FOUND "invalid_link" otherwise. */
bg_status newcomer_link_open(db *d, const char *token, newcomer *out, int64_t *created_by, bg_error *err) BG_MUST_CHECK;
/* The newcomer books a free slot of their cooperative through their link:
 * the same checks as interview_book (409 slot_taken when taken meanwhile). */
bg_status interview_book_by_link(db *d, const char *token, int64_t slot_id, const char *base_url, int64_t *id_out,
				 bg_error *err) BG_MUST_CHECK;
/* The newcomer cancels their booked interview through their link. */
bg_status interview_cancel_by_link(db *d, const char *token, const char *base_url, bg_error *err) BG_MUST_CHECK;
/* SQL condition on the newcomers row "n": their welcome interview is still
 * to book (at contact or information session, or their last interview was
 * cancelled) and none is booked (the dashboard and the digest). */
#define HOSP_INTERVIEW_TO_BOOK " n.status = 'open' AND (n.current_step IN ('contact', 'information_session') OR" \
	" (n.current_step = 'welcome_interview' AND (SELECT iv.status FROM interviews iv WHERE iv.newcomer_id = n.id" \
	" ORDER BY iv.id DESC LIMIT 1) = 'cancelled')) AND NOT EXISTS (SELECT 1 FROM interviews iv WHERE" \
	" iv.newcomer_id = n.id AND iv.status = 'booked')"
/* A booked interview as the newcomer's pages tell it (texts in the arena):
 * when, with whom (host), where (the place's name, or its name and
 * address in where_full; the online link when it is not in a place). */
typedef struct interview_view {
	int64_t id, starts_at, ends_at;
	const char *timezone, *host, *where, *where_full;
} interview_view;
/* The booked interview to come of a newcomer actor follows (id 0 when
 * none; 404 for a newcomer actor does not follow). */
bg_status interview_booked(db *d, arena *a, int64_t actor, int64_t newcomer_id, interview_view *out, bg_error *err) BG_MUST_CHECK;
/* The same for the newcomer a secret link opens (404 invalid_link). */
bg_status interview_booked_by_link(db *d, arena *a, const char *token, interview_view *out, bg_error *err) BG_MUST_CHECK;
/* The newcomer of an interview, when actor follows them (404 otherwise). */
bg_status interview_newcomer_of(db *d, int64_t actor, int64_t id, int64_t *newcomer_id, bg_error *err) BG_MUST_CHECK;

/* ---- the map of places (geo.c) ---- */

/* A metropolitan department: code ("33", "2A"), name, approximate centre. */
typedef struct geo_department {
	char code[4];
	const char *name;
	int64_t lat_e6, lon_e6;
} geo_department;

/* A point of the outline of France, in 1/10 000 of a degree. */
typedef struct geo_point {
	int32_t lon_e4, lat_e4;
} geo_point;

/* The map's frame: equirectangular, longitudes scaled by cos(46.5°); one
 * unit is 1/100 of a degree of latitude. */
#define GEO_LON_MIN_E6 (-5200000)
#define GEO_LAT_MAX_E6 51200000
#define GEO_COS_E4 6884
#define GEO_MAP_W 1033
#define GEO_MAP_H 1000
#define GEO_LAT_LIMIT_E6 90000000
#define GEO_LON_LIMIT_E6 180000000

/* The department of a French postcode (Corsica: 200xx–201xx 2A, 202xx and
 * up 2B); false for overseas or malformed postcodes. */
bool geo_department_of(const char *postcode, geo_department *out);
/* Parses decimal degrees ("44.8378", "-0,5792", at most 6 decimals kept)
 * into micro-degrees, refusing anything beyond ±limit_e6. */
bool geo_parse_degrees(const char *s, int64_t limit_e6, int64_t *out);
/* Parses a position typed as two texts (NULL or blank: not given): both
 * or neither (*has), each in range; the error names the field. */
bg_status geo_parse_position(const char *lat, const char *lon, bool *has, int64_t *lat_e6, int64_t *lon_e6,
			     bg_error *err) BG_MUST_CHECK;
/* Writes micro-degrees as decimal degrees without trailing zeros. */
void geo_format_degrees(char *dst, size_t cap, int64_t e6);
/* Projects onto the map (0..GEO_MAP_W, 0..GEO_MAP_H); false when the point
 * falls outside metropolitan France's frame. */
bool geo_project(int64_t lat_e6, int64_t lon_e6, int *x, int *y);
/* The outline polygons: 0 the mainland, 1 Corsica. */
const geo_point *geo_outline(int which, int *n);
/* Where a place goes on the map: its own position, or the centre of its
 * department (*approximate); false when neither is known.  *dep (may be
 * NULL) receives the department, or an empty code. */
bool geo_place_position(const place *p, int64_t *lat_e6, int64_t *lon_e6, bool *approximate,
			geo_department *dep);
/* Sets or (has false) clears a place's position; managers only (actor 0:
 * the system); audited. */
bg_status place_set_position(db *d, int64_t actor, int64_t place_id, bool has, int64_t lat_e6,
			     int64_t lon_e6, bg_error *err) BG_MUST_CHECK;

/* ---- demo, check ---- */
bg_status hospitality_demo_seed(db *d, bg_error *err) BG_MUST_CHECK;
/* `bigre check`: reports double bookings (more active overlapping bookings
 * than capacity is impossible to write; this proves it on the data), a
 * booking overlapping its parent's or child's, negative quota use. */
void hospitality_check(db *d, void (*report)(void *ctx, const char *what), void *ctx);

#endif
