/*
 * api_hospitality_internal.h — what the files of src/api/hospitality share
 * (not for other faces).
 *
 * The JSON face of hospitality (/api/v1/…, documented in docs/api.md,
 * "## Hospitality"), split by resource: places (places.c), their hours and
 * rules (hours.c), resources and availability (resources.c), bookings,
 * waits and quotas (bookings.c), information sessions (sessions.c),
 * newcomers (newcomers.c), welcome interviews (interviews.c), the path
 * (path.c) and calendar feeds (feeds.c); helpers.c holds what they share.
 * Each file keeps its handlers static and exports its own route table,
 * listed in src/cli/routes.c.
 *
 * Handlers are thin: one api_run() each (api/api.h), whose operation
 * reads the body, makes one domain call and renders; the skeleton holds
 * the transaction.  Creating a booking (or a series), a wait or a
 * registration to a session is API_IDEMPOTENT: a retry with the same
 * Idempotency-Key creates nothing twice.  No SQL here: lists and rows are read by functions of
 * src/hospitality/ into arrays in the request's arena.  Times are read as
 * RFC 3339 ("2026-12-01T09:00:00Z", with an offset, or without one: the
 * wall time of the place's zone) and written in UTC ("…Z").
 */
#ifndef BG_API_HOSPITALITY_INTERNAL_H
#define BG_API_HOSPITALITY_INTERNAL_H
#include "api/api.h"
#include "core/date.h"
#include "core/i18n.h"
#include "hospitality/hospitality.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reads a time field of body in zone tz (its error names it); copies a
 * string field (optional unless required) into dst. */
bg_status api_hosp_get_time(json_t *body, const char *field, const char *tz, int64_t *out, bg_error *err) BG_MUST_CHECK;
bg_status api_hosp_copy_string(json_t *body, const char *field, bool required, char *dst, size_t cap,
			       bg_error *err) BG_MUST_CHECK;

/* Passes st through; when an archiving was refused (409: `remaining`
 * bookings are to come, or resources inside), first writes the 409 with
 * that count in error.remaining, for the skeleton to keep. */
bg_status api_hosp_archive_refused(api_req *r, bg_status st, const bg_error *err, int remaining) BG_MUST_CHECK;

/* Is the query parameter cancel_bookings set (1 or true)? */
bool api_hosp_cancel_bookings(request *rq);

/* Passes st through; on failure first writes the error with the clashing
 * slot (a 409 clash: error.clash), for the skeleton to keep. */
bg_status api_hosp_clash(api_req *r, bg_status st, const bg_error *err, const booking_clash *c) BG_MUST_CHECK;

/* Reads an optional flag given as true/false or 1/0. */
bg_status api_hosp_flag(json_t *body, const char *field, bool *dst, bg_error *err) BG_MUST_CHECK;

/* Reads a whole number field (within ±1,000,000) into *dst (left as is
 * when absent and not required). */
bg_status api_hosp_int(json_t *body, const char *field, bool required, int *dst, bg_error *err) BG_MUST_CHECK;

/* Appends "name":"<iso time>". */
void api_hosp_time(buf *b, const char *name, int64_t t);

#endif
