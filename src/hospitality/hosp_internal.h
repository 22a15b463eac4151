/*
 * hosp_internal.h — helpers shared by the files of src/hospitality/ only.
 */
#ifndef BG_HOSP_INTERNAL_H
#define BG_HOSP_INTERNAL_H
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include "core/err.h"
#include "db/db.h"
#include "hospitality/hospitality.h"

/* Copies a possibly NULL text column into a fixed buffer. */
static inline void hosp_copy(char *dst, size_t cap, const char *src)
{
	snprintf(dst, cap, "%s", src ? src : "");
}

/* Reads the (id, name) rows of s (NULL: it failed) into an arena array of
 * choices (hosts_lists.c). */
bg_status hosp_choices_read(db_stmt *s, arena *a, hosp_choice **out, size_t *n, bg_error *err) BG_MUST_CHECK;

/* Audits a change with a small JSON "after" built by the caller. */
bg_status hosp_audit(db *d, int64_t actor, const char *action, const char *entity, int64_t id,
		     const char *after_json, bg_error *err) BG_MUST_CHECK;
/* The cooperative a person belongs to first (a role in it or in one of its
 * units), or 0. */
int64_t hosp_person_cooperative(db *d, int64_t person_id);
/* The unchecked loaders beside the checked readers of hospitality.h (the
 * domain's own use, once it has decided the rights): a live place, a live
 * resource, a session, a slot not deleted (BG_ERR_NOT_FOUND, field
 * slot_id, otherwise). */
bg_status place_load(db *d, int64_t id, place *out, bg_error *err) BG_MUST_CHECK;
bg_status resource_load(db *d, int64_t id, resource *out, bg_error *err) BG_MUST_CHECK;
bg_status infosession_load(db *d, int64_t id, infosession *out, bg_error *err) BG_MUST_CHECK;
bg_status islot_load(db *d, int64_t id, islot *out, bg_error *err) BG_MUST_CHECK;
/* The newcomer's booked interview to come (0 when none). */
int64_t interview_current(db *d, int64_t newcomer_id);
/* The steps of a cooperative's path (the default list when none is set);
 * -1 when they could not be read (path_steps_read without the check). */
int path_steps_get(db *d, int64_t cooperative_id, path_step *out, int max);
/* The resources of a place that can be booked (avail_resources). */
resource *place_resources(db *d, int64_t place_id, int *n);
/* Checks the fields of a place as at creation (name, time zone, owner,
 * delays, position); the error names the first wrong one (place.c). */
bg_status place_validate(db *d, const place *p, bg_error *err) BG_MUST_CHECK;
/* Checks the fields of a resource (name, kind, capacity, delays), its
 * parent aside (place.c). */
bg_status resource_validate(const resource *r, bg_error *err) BG_MUST_CHECK;
/* Loads the resource and its place. */
bg_status hosp_resource_place(db *d, int64_t resource_id, resource *r, place *p, bg_error *err) BG_MUST_CHECK;
/* A mail in the recipient's language, text + HTML, through the outbox. */
bg_status hosp_mail(db *d, const char *to, const char *subject, const char *text,
		    const char *ics, const char *ics_method, bg_error *err) BG_MUST_CHECK;
/* The resources of a place that can be booked, parents before their
 * children, the order availability answers in; NULL when the database
 * fails.  The caller frees the array. */
resource *avail_resources(db *d, int64_t place_id, int *n);
/* Free intervals of rs (p's resources, as avail_resources() gives them) in
 * [from, to) as of now (place.c), without rights or range checks: emit is
 * called resource by resource, in time order.  *valid_until: the first
 * instant after now at which the answer changes with no write (a booking
 * without check-in is released, an offer expires), INT64_MAX when none. */
bg_status avail_compute(db *d, const place *p, const resource *rs, int nr, int64_t from, int64_t to,
			int64_t now, availability_fn emit, void *ctx, int64_t *valid_until, bg_error *err) BG_MUST_CHECK;
/* The same answer, through the cache of computed weeks (avail_cache.c). */
bg_status avail_cached(db *d, const place *p, int64_t from, int64_t to, availability_fn emit,
		       void *ctx, bg_error *err) BG_MUST_CHECK;
/* How many weeks were served from the cache and computed, since start. */
void avail_cache_counts(uint64_t *hits, uint64_t *misses);
/* Offers a freed slot to the first one waiting for it (base_url: see
 * hospitality_tick; NULL from a request that has none at hand). */
bg_status booking_offer_freed(db *d, int64_t resource_id, int64_t starts, int64_t ends,
			      const char *base_url, bg_error *err) BG_MUST_CHECK;
/* Records a step of a newcomer already read (newcomer_add_step without the
 * check of rights: the caller made it; actor 0 leaves done_by empty). */
bg_status newcomer_step_record(db *d, int64_t actor, const newcomer *n, const char *code, const char *day,
			       const char *notes, const char *reason, const char *base_url, int64_t *step_id,
			       bg_error *err) BG_MUST_CHECK;
/* Reads a newcomer record, with no check of rights (the tick, secret links). */
bg_status newcomer_load(db *d, int64_t id, newcomer *o, bg_error *err) BG_MUST_CHECK;
/* Sends the reminders of booked welcome interviews due (the day before, once). */
int interview_send_reminders(db *d, int64_t now, const char *base_url, bg_error *err);
/* Sends the session reminders due (the day before). */
int infosession_send_reminders(db *d, int64_t now, const char *base_url, bg_error *err);
/* The newcomer record of a registration (created if needed). */
bg_status newcomer_from_registration(db *d, int64_t cooperative_id, const registration_input *in,
				     const char *session_title, int64_t *id_out, bg_error *err) BG_MUST_CHECK;
/* A drawing of a façade as a PNG (demo_photo.c), the same for the same
 * index; returns its number of floors, -1 on failure. */
int demo_photo_png(int index, buf *out);

#endif
