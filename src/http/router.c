/*
 * router.c — matches a path against the route tables.
 *
 * Patterns are literal segments and {name} placeholders, which match one
 * non-empty segment and are handed to the handler in rq->params.  When
 * several patterns match, the most literal one (fewest placeholders) wins.  A path
 * that matches some route but not with this method answers 405 with the
 * Allow header; a path that matches none answers 404.
 */
#include "http/http.h"
#include <string.h>

http_method http_method_parse(const char *m)
{
	if (strcmp(m, "GET") == 0)
		return HTTP_GET;
	if (strcmp(m, "HEAD") == 0)
		return HTTP_HEAD;
	if (strcmp(m, "POST") == 0)
		return HTTP_POST;
	if (strcmp(m, "PUT") == 0)
		return HTTP_PUT;
	if (strcmp(m, "PATCH") == 0)
		return HTTP_PATCH;
	if (strcmp(m, "DELETE") == 0)
		return HTTP_DELETE;
	return HTTP_OTHER;
}

/* Does path match pattern?  Fills params (arena copies) when it does. */
static bool router_match(request *rq, const char *pattern, const char *path,
			 const char **params, int *nparams)
{
	*nparams = 0;
	const char *p = pattern, *s = path;
	while (*p && *s) {
		if (*p == '{') {
			const char *pend = strchr(p, '}');
			const char *send = strchr(s, '/');
			if (!send)
				send = s + strlen(s);
			if (send == s || *nparams == HTTP_MAX_PARAMS)
				return false;
			params[(*nparams)++] = arena_strndup(&rq->arena, s, (size_t)(send - s));
			p = pend + 1;
			s = send;
		} else if (*p == *s) {
			p++;
			s++;
		} else {
			return false;
		}
	}
	return *p == '\0' && *s == '\0';
}

route_match router_find(request *rq, const route **out, unsigned *allowed)
{
	*allowed = 0;
	const char *params[HTTP_MAX_PARAMS];
	int nparams, best_params = HTTP_MAX_PARAMS + 1;
	const route *best = NULL;
	/* Every route is tried: among those that match with this method, the
	 * one with the fewest placeholders wins, so "/x/new" beats "/x/{id}"
	 * whatever the order of the tables. */
	for (int t = 0; http_route_tables[t]; t++) {
		for (const route *r = http_route_tables[t]; r->pattern; r++) {
			if (!router_match(rq, r->pattern, rq->path, params, &nparams))
				continue;
			unsigned methods = r->methods | ((r->methods & HTTP_GET) ? HTTP_HEAD : 0);
			*allowed |= methods;
			if ((methods & rq->method) && nparams < best_params) {
				best = r;
				best_params = nparams;
				memcpy(rq->params, params, sizeof params);
				rq->nparams = nparams;
			}
		}
	}
	if (best) {
		*out = best;
		return ROUTE_FOUND;
	}
	return *allowed ? ROUTE_BAD_METHOD : ROUTE_NO_PATH;
}
