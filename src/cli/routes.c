/*
 * routes.c — the list of route tables, one per face and domain.  A new
 * domain adds its table here (declared in its own header).
 */
#include "api/api.h"
#include "api/api_economy.h"
#include "web/page.h"
#include "web/web_economy.h"
#include "web/web_hospitality.h"
#include "web/web_network.h"

const route *const http_route_tables[] = {
	api_core_routes,
	/* the network's JSON face, one table per resource (api/api.h) */
	api_net_cooperatives_routes,
	api_net_units_routes,
	api_net_people_routes,
	api_net_organisations_routes,
	api_net_roles_routes,
	api_hospitality_routes,
	api_interview_routes,
	web_core_routes,
	/* the network pages, one table per resource (web/web_network.h) */
	web_net_profile_routes,
	web_net_directory_routes,
	web_net_organisations_routes,
	web_net_cooperatives_routes,
	web_net_admin_routes,
	web_net_members_routes,
	web_net_import_routes,
	/* the economy's JSON face, one table per resource (api/api_economy.h) */
	api_eco_settings_routes,
	api_eco_activities_routes,
	api_eco_clients_routes,
	api_eco_documents_routes,
	api_eco_payments_routes,
	api_eco_expenses_routes,
	api_eco_ledger_routes,
	web_hospitality_routes,
	web_hosts_routes,
	/* the economy pages, one table per resource (web/web_economy.h) */
	web_eco_home_routes,
	web_eco_activities_routes,
	web_eco_clients_routes,
	web_eco_documents_routes,
	web_eco_expenses_routes,
	web_eco_validation_routes,
	web_eco_ledger_routes,
	web_eco_settings_routes,
	NULL,
};
