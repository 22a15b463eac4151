/*
 * routes.c — the list of route tables, one per face and domain.  A new
 * domain adds its table here (declared in its own header).
 */
#include "api/api.h"
#include "api/api_economy.h"
#include "web/page.h"
#include "web/web_economy.h"
#include "web/web_hospitality.h"

const route *const http_route_tables[] = {
	api_core_routes,
	api_network_routes,
	api_hospitality_routes,
	api_interview_routes,
	web_core_routes,
	web_network_routes,
	api_economy_routes,
	web_hospitality_routes,
	web_hosts_routes,
	web_economy_admin_routes, /* before web_economy_routes: /economy/activities/new */
	web_economy_routes,
	NULL,
};
