/*
 * idempotency.h — the first answers of retried requests (idempotency_keys).
 *
 * A request that carries an Idempotency-Key is answered once: its key,
 * the hash of (method, path, body) and its first answer (status and body)
 * are stored in the SAME transaction as the change it made, so either both
 * exist or neither does.  The JSON face's request skeleton (api_run,
 * src/api/api.c) is the one user; it decides what a hit means.  Keys
 * belong to the person who sent them: (person_id, key) is the table's
 * primary key.  Like the audit trail, the table serves every domain, so
 * its SQL lives here rather than in one of them.
 */
#ifndef BG_IDEMPOTENCY_H
#define BG_IDEMPOTENCY_H
#include "core/arena.h"
#include "db/db.h"

/* Looks up `key` of `person_id`: *hit false when it was never used; else
 * true, *same telling whether it was stored with the same request hash,
 * and when so the first answer's status and body (*response in `a`).  A
 * failed read is BG_ERR_DB, never "never used" (the change would run
 * twice). */
bg_status idem_get(db *d, arena *a, int64_t person_id, const char *key, const unsigned char *hash,
		   size_t hash_len, bool *hit, bool *same, int64_t *status, const char **response,
		   bg_error *err) BG_MUST_CHECK;
/* Stores the first answer under `key`, in the caller's transaction. */
bg_status idem_put(db *d, int64_t person_id, const char *key, const char *route, const unsigned char *hash,
		   size_t hash_len, int64_t status, const char *response, bg_error *err) BG_MUST_CHECK;

#endif
