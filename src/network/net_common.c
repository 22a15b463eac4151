/*
 * net_common.c — the helpers every file of the network domain uses (see
 * net_internal.h): audit snapshots and their recording, and the rights
 * check that lets the command line through.
 *
 * Audit snapshots are made by SQLite itself (json_object over the row), so
 * the trail shows the row as stored, before and after each change.  A
 * snapshot's query can fail like any other: the status chain (`*st`) makes
 * that failure the change's, never an audit line written without its
 * "before" or "after".
 */
#include "network/net_internal.h"
#include "db/audit.h"
#include <assert.h>
#include <stdlib.h>
#include <string.h>

char *net_snapshot(db *d, const char *sql, int64_t id, bg_status *st, bg_error *err)
{
	assert(st);
	if (*st != BG_OK)
		return NULL;
	db_stmt *s = db_query(d, sql, "i", id);
	char *out = NULL;
	if (db_next(s) == 1 && db_text(s, 0))
		out = strdup(db_text(s, 0));
	if (db_done(s) != BG_OK) {
		free(out);
		*st = bg_db_fail(err);
		return NULL;
	}
	return out;
}

bg_status net_before(db *d, const char *sql, int64_t id, char **before, bg_error *err)
{
	bg_status st = BG_OK;
	*before = net_snapshot(d, sql, id, &st, err);
	if (st == BG_OK && !*before)
		return bg_fail(err, BG_ERR_NOT_FOUND, "not_found", NULL, N_("This page does not exist."));
	return st;
}

bg_status net_audit_created(db *d, int64_t actor, const char *sql, const char *entity, int64_t id,
			    int64_t *id_out, bg_error *err)
{
	assert(id > 0);
	if (id_out)
		*id_out = id;
	bg_status st = BG_OK;
	char *after = net_snapshot(d, sql, id, &st, err);
	return net_audit(d, st, actor, "create", entity, id, NULL, after, err);
}

bg_status net_audit(db *d, bg_status st, int64_t actor, const char *action, const char *entity,
		    int64_t id, char *before, char *after, bg_error *err)
{
	if (st == BG_OK)
		st = audit_record(d, actor, action, entity, id, before, after, err);
	free(before);
	free(after);
	return st;
}

bg_status net_allow(db *d, int64_t actor, authz_action a, scope s, bg_error *err)
{
	return actor == 0 ? BG_OK : authz_check(d, actor, a, s, err);
}
