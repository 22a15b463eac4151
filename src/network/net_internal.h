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

/* The snapshot (sql as for net_snapshot) of row id before it changes or
 * goes, into *before (malloc'd): BG_ERR_NOT_FOUND when there is no such
 * row (net_common.c). */
bg_status net_before(db *d, const char *sql, int64_t id, char **before, bg_error *err) BG_MUST_CHECK;

/* Ends a create whose insert gave id: the id to *id_out (when not NULL)
 * and the audit line "create" of entity with the new row's snapshot (sql as
 * for net_snapshot) (net_common.c). */
bg_status net_audit_created(db *d, int64_t actor, const char *sql, const char *entity, int64_t id,
			    int64_t *id_out, bg_error *err) BG_MUST_CHECK;

/* Checks an action for the actor; actor 0 is the command line (an
 * operator on the host), allowed (net_common.c). */
bg_status net_allow(db *d, int64_t actor, authz_action a, scope s, bg_error *err) BG_MUST_CHECK;

/* --- loaders and helpers that decide nothing (the caller has) --- */

/* SQL: the cooperatives person p (SQL text: "?", which is then bound
 * three times, or a column) is part of now: a current membership,
 * or a role held in the cooperative or in one of its units (written so
 * that every branch uses a person_id index).  This is belonging, not a
 * right: it says whose "my cooperative" fields one sees, so a role counts
 * only where it is held — a group role makes no one a cooperative's mate
 * (the group's administrators see every profile at that level through
 * AUTHZ_GROUP_ADMINISTER instead), which the rule table, where a group
 * role applies everywhere, cannot say. */
#define NET_COOPS_OF(p)                                                                            \
	"SELECT cooperative_id AS cid FROM memberships WHERE person_id = " p                      \
	" AND ended_on IS NULL AND status <> 'former'"                                            \
	" UNION SELECT scope_id FROM roles WHERE person_id = " p " AND scope_type = 'cooperative'"  \
	" UNION SELECT u.cooperative_id FROM roles r JOIN units u ON u.id = r.scope_id"             \
	" WHERE r.person_id = " p " AND r.scope_type = 'unit' AND u.cooperative_id IS NOT NULL"

/* Does the viewer belong to the group: a current membership, or allowed
 * AUTHZ_GROUP_SEE somewhere (a role other than partner)?  A failed query
 * answers false (logged), the narrower view. */
bool net_in_group(db *d, int64_t viewer_id);

/* Finds or creates the territory (commune, postcode) of a cooperative,
 * unit, organisation or profile being written (its writer checked the
 * rights); kind "urban"/"rural" (NULL: "urban" for a new one). */
bg_status net_territory_ensure(db *d, const char *commune, const char *postcode,
			       const char *kind, int64_t *id_out, bg_error *err) BG_MUST_CHECK;

/* Rebuilds the person's rows of the full-text index, after a write that
 * changes them (the writer checked the rights). */
bg_status net_profile_reindex(db *d, int64_t person_id, bg_error *err) BG_MUST_CHECK;

/* Does the cooperative exist?  field names it in the error (BG_ERR_INVALID
 * "unknown_cooperative"); the caller decides the rights (net_structure.c). */
bg_status net_coop_exists(db *d, int64_t id, const char *field, bg_error *err) BG_MUST_CHECK;

#endif
