/*
 * api_network_internal.h — what the files of src/api/network share (not
 * for other faces).
 *
 * The JSON face of the structure and the directory, split by resource
 * (cooperatives, units, people, organisations, roles); each file keeps its
 * handlers static and exports its own route table, listed in
 * src/cli/routes.c.  Thin handlers: one api_run() each (api/api.h), whose
 * operation reads the body, calls the network domain's functions (which
 * check rights and visibility) and renders; none moves money, so none is
 * API_IDEMPOTENT.  A
 * profile is rendered from what net_profile_load()/net_people_search() left
 * visible: a hidden field is absent from the answer, never
 * null-but-present.
 */
#ifndef BG_API_NETWORK_INTERNAL_H
#define BG_API_NETWORK_INTERNAL_H
#include "api/api.h"
#include "auth/authz.h"
#include "core/i18n.h"
#include "network/network.h"
#include <assert.h>
#include <stdlib.h>
#include <string.h>

/* One optional string field of a JSON body, read by api_net_fields into
 * *out (at most max bytes). */
typedef struct api_net_field {
	const char *name;
	size_t max;
	const char **out;
} api_net_field;

/* Reads ?name= as a positive page number (default 1); a 400 naming it
 * when it is not one. */
bg_status api_net_page(request *rq, const char *name, int *out, bg_error *err) BG_MUST_CHECK;

/* A profile as the viewer may see it: hidden fields are left out. */
void api_net_profile(buf *b, const net_profile *p);

/* Appends a cooperative (public identity, settings, counts). */
void api_net_coop(buf *b, const net_coop *c);

/* Appends a unit with its territory and cooperatives (main first). */
void api_net_unit(buf *b, const net_unit *u);

/* Appends an organisation; with_people adds the people the caller may see. */
void api_net_org(buf *b, const net_org *o, bool with_people);

/* Reads each listed optional string field; stops at the first that is wrong. */
bg_status api_net_fields(json_t *body, const api_net_field *f, bg_error *err) BG_MUST_CHECK;

/* A network domain deletion of the path's {id}, passed as a route's ctx. */
typedef struct api_net_deletion {
	bg_status (*del)(db *d, int64_t actor, int64_t id, bg_error *err);
} api_net_deletion;

/* The operation of a DELETE: r->ctx's deletion of r->id, then 204. */
bg_status api_net_delete(api_req *r, bg_error *err) BG_MUST_CHECK;

#endif
