/* api_economy.h — the economy's JSON routes, one table per resource
 * (src/api/economy/<resource>.c, docs/api.md), listed in src/cli/routes.c. */
#ifndef BG_API_ECONOMY_H
#define BG_API_ECONOMY_H
#include "http/http.h"

extern const route api_eco_settings_routes[];
extern const route api_eco_activities_routes[];
extern const route api_eco_clients_routes[];
extern const route api_eco_documents_routes[];
extern const route api_eco_payments_routes[];
extern const route api_eco_expenses_routes[];
extern const route api_eco_ledger_routes[];

#endif
