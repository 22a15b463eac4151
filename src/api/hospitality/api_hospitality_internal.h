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
 * Handlers are thin: parse, db_begin(DB_WRITE), one domain call, commit,
 * render.  No SQL here: lists and rows are read by functions of
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
#include <stdlib.h>
#include <string.h>

/* Reads a time field of body in zone tz, answering 400 naming it when
 * wrong; copies a string field (optional unless required) into dst,
 * false (answered) on error. */
bool api_hosp_get_time(request *rq, response *rs, json_t *body, const char *field, const char *tz, int64_t *out);
bool api_hosp_copy_string(request *rq, response *rs, json_t *body, const char *field, bool required, char *dst,
			  size_t cap);

/* 409 for an archiving refused while bookings are to come: their count in
 * error.remaining. */
void api_hosp_archive_refused(request *rq, response *rs, const bg_error *err, int remaining);

/* Is the query parameter cancel_bookings set (1 or true)? */
bool api_hosp_cancel_bookings(request *rq);

/* 409 with the clashing slot. */
void api_hosp_clash(request *rq, response *rs, const bg_error *err, const booking_clash *c);

/* Reads an optional flag given as true/false or 1/0; false when answered. */
bool api_hosp_flag(request *rq, response *rs, json_t *body, const char *field, bool *dst);

/* Reads a whole number field (within ±1,000,000) into *dst (left as is
 * when absent and not required); false when answered (400). */
bool api_hosp_int(request *rq, response *rs, json_t *body, const char *field, bool required, int *dst);

/* Appends "name":"<iso time>". */
void api_hosp_time(buf *b, const char *name, int64_t t);

#endif
