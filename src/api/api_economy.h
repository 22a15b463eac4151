/* api_economy.h — the economy's JSON routes (api_economy.c, docs/api.md). */
#ifndef BG_API_ECONOMY_H
#define BG_API_ECONOMY_H
#include "http/http.h"

extern const route api_economy_routes[];

#endif
