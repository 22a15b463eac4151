/*
 * net_internal.h — what the files of src/network/ share, and nothing
 * outside the directory includes.
 *
 * The public header (network.h) holds only functions that take the acting
 * person and check their rights; the loaders here do not check, so that a
 * face can never reach one: a domain function calls them once it has
 * decided.  The snapshot, audit and rights helpers are here too, written
 * once for the cooperatives, units, memberships, organisations and
 * profiles.
 */
#ifndef BG_NET_INTERNAL_H
#define BG_NET_INTERNAL_H
#include "network/network.h"
#include "auth/authz.h"

/* One JSON text from a query "SELECT json_object(…) FROM t WHERE id = ?"
 * (an audit snapshot, made by SQLite over the row as stored); malloc'd,
 * NULL when no row.  Does nothing and answers NULL when *st is already a
 * failure; a failed query sets *st (and err), so that the caller tells "no
 * row" from "the database failed" (net_common.c). */
char *net_snapshot(db *d, const char *sql, int64_t id, bg_status *st, bg_error *err);

/* Records an audit line with the before/after snapshots when st, the
 * status so far, is BG_OK, frees both in any case and answers the status
 * (net_common.c). */
bg_status net_audit(db *d, bg_status st, int64_t actor, const char *action, const char *entity,
		    int64_t id, char *before, char *after, bg_error *err) BG_MUST_CHECK;

/* Checks an action for the actor; actor 0 is the command line (an
 * operator on the host), allowed (net_common.c). */
bg_status net_allow(db *d, int64_t actor, authz_action a, scope s, bg_error *err) BG_MUST_CHECK;

#endif
