/* web_economy.h — the economy's pages (web_economy.c). */
#ifndef BG_WEB_ECONOMY_H
#define BG_WEB_ECONOMY_H
#include "http/http.h"

extern const route web_economy_routes[];

#endif
