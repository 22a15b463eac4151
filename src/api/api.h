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

extern const route api_core_routes[];
extern const route api_network_routes[];  /* api_network.c */
extern const route api_hospitality_routes[];

#endif
