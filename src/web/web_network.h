/*
 * web_network.h — helpers of the directory's pages that other pages use:
 * numbers and days written for the request's language; and the route
 * tables of src/web/network/, one per resource, listed in src/cli/routes.c.
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

/* The network pages' route tables (src/web/network/<resource>.c). */
extern const route web_net_profile_routes[];
extern const route web_net_directory_routes[];
extern const route web_net_organisations_routes[];
extern const route web_net_cooperatives_routes[];
extern const route web_net_admin_routes[];
extern const route web_net_members_routes[];
extern const route web_net_import_routes[];

#endif
