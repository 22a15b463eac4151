/*
 * web_hospitality_internal.h — what the files of src/web/hospitality share
 * (not for other faces: their public header is web/web_hospitality.h).
 *
 * The hospitality pages are split by resource: the list of places and its
 * map (places.c), a place's page (place.c), its management page
 * (manage.c) and forms (edits.c), my bookings (bookings.c), the public
 * information sessions (sessions.c), a newcomer's path (newcomers.c), the
 * newcomer's own page (welcome.c), the path configuration (path.c) and the
 * hosts' dashboard (hosts.c); helpers.c holds what they share.  Each file
 * keeps its handlers static and exports its own route table, listed in
 * src/cli/routes.c.
 *
 * Forms work without JavaScript; on an error the form comes back (422, or
 * 409 for a taken slot) with the message next to the field and what was
 * typed.  Public pages (sessions, registration, cancel, the newcomer's own
 * page) need no account.
 */
#ifndef BG_WEB_HOSPITALITY_INTERNAL_H
#define BG_WEB_HOSPITALITY_INTERNAL_H
#include "auth/authz.h"
#include "core/date.h"
#include "core/i18n.h"
#include "hospitality/hospitality.h"
#include "web/page.h"
#include "web/widgets.h"
#include "web/web_hospitality.h"
#include "web/web_network.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The hospitality menu, on every hospitality page. */
void wh_subnav(request *rq, response *rs);
/* Appends a local time of a zone as text. */
void wh_when(request *rq, html *b, const char *tz, int64_t t);
/* HH:MM of an instant in a zone. */
void wh_hhmm(buf *out, const char *tz, int64_t t);
/* A field error paragraph when err names this field; whether it did. */
bool wh_field_error(request *rq, response *rs, const bg_error *err, const char *field);
/* One <option> of a <select> by id, selected when its id is the text
 * selected (the form's value; NULL: none). */
void wh_option(response *rs, int64_t id, const char *name, const char *selected);

/* Rows a page of "My bookings" and of the public sessions shows. */
enum { BOOKINGS_PER_PAGE = 20, SESSIONS_PER_PAGE = 20 };
/* Free interview slots a page of the newcomer's page and of the
 * newcomer's own choice shows. */
enum { SLOTS_PER_PAGE = 20 };

/* A form of the management page coming back: which one ("details",
 * "hours", "resource"), what was typed, the error, the resource it edits,
 * the weekday at fault in the hours. */
typedef struct manage_back {
	const char *which;
	const form *f;
	bg_error *err;
	int64_t rid;
	int bad_weekday;
} manage_back;

/* The kinds of resource: value/label pairs (labels are msgids) ending
 * with NULL. */
extern const char *const wh_kind_names[];

/* The label of a resource kind (translated), or the kind. */
const char *wh_kind(request *rq, const char *kind);

/* The days of the week, Monday first (weekday 1). */
extern const char *const wh_weekdays[];

/* The management page of a place: its photo and alternative text, its
 * position on the map, its details, weekly hours, exceptions and closures,
 * resources, and archiving.  alt_in/err: the photo form coming back;
 * lat_in, lon_in/pos_err: the position form coming back; mb: one of the
 * edit forms coming back (or NULL). */
void wh_manage_page(request *rq, response *rs, int64_t id, const char *alt_in, const bg_error *err,
		    const char *lat_in, const char *lon_in, const bg_error *pos_err, const manage_back *mb);

/* A free interview slot as a choice tells it: when, where (the place,
 * with its city when with_city, or "Online"), and with whom. */
void wh_slot_text(request *rq, html *b, const islot_row *r, bool with_city);

/* How many free slots there are in all, under a page of them. */
void wh_slots_count(request *rq, response *rs, int64_t total);

/* A calendar link just made (shown once), then the person's own links of
 * a kind ("person", or "place" with its target, hcal_feed_list), each with
 * its revoke button posting to <revoke_base>/<id>/revoke; false when the
 * list could not be read (the error page is answered). */
bool wh_feed_links(request *rq, response *rs, const char *new_url, const char *kind, int64_t target_id,
		   const char *ul_class, const char *revoke_base);

#endif
