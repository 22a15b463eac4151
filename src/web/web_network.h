/*
 * web_network.h — helpers of the directory's pages that other pages use:
 * numbers and days written for the request's language.
 */
#ifndef BG_WEB_NETWORK_H
#define BG_WEB_NETWORK_H
#include "http/http.h"

/* "10 002" in French (narrow no-break space), "10,002" in English. */
const char *web_net_int(request *rq, int64_t n);
/* A "YYYY-MM-DD" day as "15/03/2019" in French, unchanged in English. */
const char *web_net_day(request *rq, const char *day);

/* The notices of /me that belong to the directory: a profile whose person
 * has not chosen its visibility yet, invitations to join a cooperative
 * (each with its accept and decline buttons). */
void web_network_me_notices(request *rq, response *rs);

#endif
