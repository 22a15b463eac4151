/* web_economy.h — the economy's pages: one route table per resource
 * (src/web/economy/<resource>.c), listed in src/cli/routes.c.  What the
 * files share is in web/economy/web_economy_internal.h. */
#ifndef BG_WEB_ECONOMY_H
#define BG_WEB_ECONOMY_H
#include "http/http.h"

extern const route web_eco_home_routes[];
extern const route web_eco_activities_routes[];
extern const route web_eco_clients_routes[];
extern const route web_eco_documents_routes[];
extern const route web_eco_expenses_routes[];
extern const route web_eco_validation_routes[];
extern const route web_eco_ledger_routes[];
extern const route web_eco_settings_routes[];

#endif
