/*
 * audit.h — the audit trail (X6).
 *
 * Every change to data calls audit_record() inside the transaction that
 * makes it, so the trail and the data cannot disagree: both commit or
 * neither does.  before/after are JSON texts of the record (NULL when it
 * did not exist / no longer exists); they must never hold a secret (no
 * password hash, no token).  The table is append-only (triggers refuse
 * UPDATE and DELETE).
 */
#ifndef BG_AUDIT_H
#define BG_AUDIT_H
#include "db/db.h"

/* actor_id 0 means "the system" (the command line, a background job). */
bg_status audit_record(db *d, int64_t actor_id, const char *action, const char *entity,
		       int64_t entity_id, const char *before, const char *after, bg_error *err) BG_MUST_CHECK;

#endif
