/*
 * api.h — helpers shared by the JSON API handlers (/api/v1/…).
 */
#ifndef BG_API_H
#define BG_API_H
#include "core/json.h"
#include "http/http.h"
#include "http/reply.h"

/* Parses the body as a JSON object; answers 415/400 itself and returns
 * NULL when it is not one.  The caller json_decref()s the result. */
json_t *api_body(request *rq, response *rs);
/* Commits the request's transaction; on failure answers the error and
 * returns false. */
bool api_commit(request *rq, response *rs);
/* Rolls back and answers err. */
void api_fail(request *rq, response *rs, const bg_error *err);

/* The paging of every list: ?limit= (API_LIMIT_DEFAULT when absent, at most
 * API_LIMIT_MAX) and ?offset= (0 when absent); see docs/api.md. */
enum { API_LIMIT_DEFAULT = 50, API_LIMIT_MAX = 500 };
typedef struct api_paging {
	int64_t limit, offset;
} api_paging;
/* Reads ?limit= and ?offset=; when one is not a whole number in range,
 * answers 400 invalid_limit (field "limit") or invalid_offset (field
 * "offset") and returns false. */
bool api_paging_read(request *rq, response *rs, api_paging *p);
/* Appends ,"total":N,"limit":L,"offset":O to the list's JSON object. */
void api_paging_json(buf *b, const api_paging *p, int64_t total);

extern const route api_core_routes[];
/* The network's JSON face, one table per resource (src/api/network/). */
extern const route api_net_cooperatives_routes[];
extern const route api_net_units_routes[];
extern const route api_net_people_routes[];
extern const route api_net_organisations_routes[];
extern const route api_net_roles_routes[];
/* The hospitality's JSON face, one table per resource (src/api/hospitality/). */
extern const route api_hosp_places_routes[];
extern const route api_hosp_hours_routes[];
extern const route api_hosp_resources_routes[];
extern const route api_hosp_bookings_routes[];
extern const route api_hosp_sessions_routes[];
extern const route api_hosp_newcomers_routes[];
extern const route api_hosp_interviews_routes[];
extern const route api_hosp_path_routes[];
extern const route api_hosp_feeds_routes[];

#endif
