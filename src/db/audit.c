/* audit.c — append-only audit trail (see audit.h). */
#include "db/audit.h"
#include <assert.h>
#include "core/date.h"

bg_status audit_record(db *d, int64_t actor_id, const char *action, const char *entity,
		       int64_t entity_id, const char *before, const char *after, bg_error *err)
{
	/* audit.h: the record is written in the change's own transaction, so
	 * that a change and its trace land (or fail) together. */
	assert(db_in_txn(d) && "an audit record outside the change's transaction");
	return db_exec(d, err,
		       "INSERT INTO audit_log(at, actor_id, action, entity, entity_id, before, after)"
		       " VALUES (?, ?, ?, ?, ?, ?, ?)",
		       "iIssIss", date_now(), actor_id, action, entity, entity_id, before, after);
}
