/*
 * web_hospitality.h — the route tables of the hospitality pages
 * (src/web/hospitality/, one per resource), listed in src/cli/routes.c.
 * What those files share is in web/hospitality/web_hospitality_internal.h.
 */
#ifndef BG_WEB_HOSPITALITY_H
#define BG_WEB_HOSPITALITY_H
#include "http/http.h"

extern const route web_hosp_places_routes[];
extern const route web_hosp_place_routes[];
extern const route web_hosp_manage_routes[];
extern const route web_hosp_edits_routes[];
extern const route web_hosp_bookings_routes[];
extern const route web_hosp_sessions_routes[];
extern const route web_hosp_newcomers_routes[];
extern const route web_hosp_welcome_routes[];
extern const route web_hosp_path_routes[];
extern const route web_hosp_hosts_routes[];

#endif
