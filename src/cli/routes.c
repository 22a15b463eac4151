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
#include "core/err.h"

/* The header menu, in the order it is shown (web/page.h). */
const page_menu_entry page_menu[] = {
	{"/", N_("Home"), PAGE_MENU_EVERYONE},
	{"/directory", N_("Directory"), PAGE_MENU_EVERYONE},
	{"/sessions", N_("Information sessions"), PAGE_MENU_EVERYONE},
	{"/places", N_("Places"), PAGE_MENU_MEMBER},
	{"/economy", N_("Economy"), PAGE_MENU_MEMBER},
	{"/me", N_("My space"), PAGE_MENU_MEMBER},
	{"/login", N_("Log in"), PAGE_MENU_ANONYMOUS},
	{NULL, NULL, PAGE_MENU_EVERYONE},
};

const route *const http_route_tables[] = {
	api_core_routes,
	/* the network's JSON face, one table per resource (api/api.h) */
	api_net_cooperatives_routes,
	api_net_units_routes,
	api_net_people_routes,
	api_net_organisations_routes,
	api_net_roles_routes,
	/* the hospitality's JSON face, one table per resource (api/api.h) */
	api_hosp_places_routes,
	api_hosp_hours_routes,
	api_hosp_resources_routes,
	api_hosp_bookings_routes,
	api_hosp_sessions_routes,
	api_hosp_newcomers_routes,
	api_hosp_interviews_routes,
	api_hosp_path_routes,
	api_hosp_feeds_routes,
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
	/* the hospitality pages, one table per resource (web/web_hospitality.h) */
	web_hosp_places_routes,
	web_hosp_place_routes,
	web_hosp_manage_routes,
	web_hosp_edits_routes,
	web_hosp_bookings_routes,
	web_hosp_sessions_routes,
	web_hosp_newcomers_routes,
	web_hosp_welcome_routes,
	web_hosp_path_routes,
	web_hosp_hosts_routes,
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
