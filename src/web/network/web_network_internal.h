/*
 * web_network_internal.h — what the files of src/web/network share (not
 * for other faces: their public header is web/web_network.h).
 *
 * The network pages are split by resource (profile, directory,
 * organisations, cooperatives, admin, members, import); each file keeps its
 * handlers static and exports its own route table, listed in
 * src/cli/routes.c.  Pages read and write through the network domain only,
 * the same functions as the API, so rights and visibility are the same;
 * every form works without JavaScript and comes back (422) with the message
 * next to the field.  Lists are paginated.
 */
#ifndef BG_WEB_NETWORK_INTERNAL_H
#define BG_WEB_NETWORK_INTERNAL_H
#include "auth/account.h"
#include "auth/authz.h"
#include "core/csv.h"
#include "core/date.h"
#include "core/i18n.h"
#include "core/tz.h"
#include "network/network.h"
#include "web/page.h"
#include "web/widgets.h"
#include "web/web_network.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Rows per page of the network's lists. */
#define PER_PAGE 20

/* Appends s percent-encoded for a query string. */
void web_net_urlenc(buf *out, const char *s);

/* A labelled textarea with its error. */
void web_net_textarea(request *rq, response *rs, const char *name, const char *label,
		      const char *hint, const char *value, int rows, const bg_error *err);

/* A labelled optional text input (page_input marks fields required). */
void web_net_text(request *rq, response *rs, const char *name, const char *label,
		  const char *hint, const char *value, const char *autocomplete, const bg_error *err);

/* A labelled select; options are value/label pairs ending with NULL. */
void web_net_select(request *rq, response *rs, const char *name, const char *label,
		    const char *const *options, const char *current, const bg_error *err);

/* Joins a list of labels with ", ". */
const char *web_net_join(request *rq, const char **v, size_t n);

/* Option lists for web_net_select and web_net_label: value/label pairs
 * (labels are msgids) ending with NULL. */
extern const char *const web_net_vis_options[];
extern const char *const web_net_area_options[];
extern const char *const web_net_status_options[];
extern const char *const web_net_unit_kinds[];
extern const char *const web_net_org_kinds[];
extern const char *const web_net_legal_forms[];
extern const char *const web_net_roles[];

/* The label of value in an options list (translated), or value. */
const char *web_net_label(request *rq, const char *const *options, const char *value);

/* "Bordeaux (33000), urban" */
void web_net_place(request *rq, response *rs, const net_territory *t);

/* Runs one domain deletion in a transaction and redirects to `to`; errors
 * (409 when still in use, 403, 404) come back as a page. */
void web_net_delete(request *rq, response *rs,
		    bg_status (*del)(db *, int64_t, int64_t, bg_error *), const char *to);

/* A form with one button that posts to action (a deletion). */
void web_net_delete_button(request *rq, response *rs, const char *action, const char *label);

/* Does the person administer anything (a cooperative, a unit, the group)? */
bool web_net_is_admin(request *rq, bool *group);

/* Options "id, name" of every cooperative, for a select. */
const char *const *web_net_coop_options(request *rq, bool with_none);

#endif
