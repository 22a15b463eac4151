/*
 * idempotency.c — the store of idempotency_keys (see idempotency.h): one
 * read by (person, key) and one insert, both in the caller's transaction.
 * Moved here from the economy when every domain's JSON face came to offer
 * the key (issue 10 §3); the table is still created by 004_economy.sql.
 */
#include "db/idempotency.h"
#include "core/date.h"
#include <assert.h>
#include <string.h>

/* Looks the key up (see idempotency.h). */
bg_status idem_get(db *d, arena *a, int64_t person_id, const char *key, const unsigned char *hash,
		   size_t hash_len, bool *hit, bool *same, int64_t *status, const char **response,
		   bg_error *err)
{
	assert(key && hash && hash_len > 0);
	db_stmt *q = db_query(d, "SELECT body_hash, status, response FROM idempotency_keys"
				 " WHERE person_id = ? AND key = ?", "is", person_id, key);
	*hit = false;
	if (db_next(q) == 1) {
		size_t n = 0;
		const void *p = db_blob(q, 0, &n);
		*hit = true;
		*same = n == hash_len && !memcmp(p, hash, n);
		*status = db_int(q, 1);
		*response = arena_strdup(a, db_text(q, 2));
	}
	return db_done(q) == BG_OK ? BG_OK : bg_db_fail(err);
}

/* Stores the first answer (see idempotency.h). */
bg_status idem_put(db *d, int64_t person_id, const char *key, const char *route, const unsigned char *hash,
		   size_t hash_len, int64_t status, const char *response, bg_error *err)
{
	assert(key && route && response);
	return db_exec(d, err, "INSERT INTO idempotency_keys(person_id, key, route, body_hash, status,"
			       " response, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", "issbisi",
		       person_id, key, route, hash, hash_len, status, response, date_now());
}
