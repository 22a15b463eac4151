/* session.c — login sessions and API tokens (see session.h). */
#include "auth/session.h"
#include "core/date.h"
#include "core/log.h"
#include "db/audit.h"
#include <stdio.h>
#include <string.h>

bg_status session_create(db *d, int64_t person_id, char token[SECRET_MAX_LEN],
			 char csrf[CSRF_TOKEN_LEN], bg_error *err)
{
	unsigned char hash[SECRET_HASH_BYTES];
	secret_new(NULL, token, SECRET_MAX_LEN);
	secret_new(NULL, csrf, CSRF_TOKEN_LEN);
	secret_hash(token, hash);
	int64_t now = date_now();
	/* Old expired sessions of this person go at each login. */
	bg_status st = db_exec(d, err, "DELETE FROM sessions WHERE person_id = ? AND"
				       " (expires_at < ? OR last_seen_at < ?)",
			       "iii", person_id, now, now - SESSION_IDLE_SECONDS);
	if (st == BG_OK)
		st = db_exec(d, err, "INSERT INTO sessions(token_hash, person_id, csrf_token,"
				     " created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
			     "bisiii", hash, sizeof hash, person_id, csrf, now, now,
			     now + SESSION_MAX_SECONDS);
	if (st == BG_OK)
		st = audit_record(d, person_id, "login", "person", person_id, NULL, NULL, err);
	return st;
}

bg_status session_lookup(db *d, const char *token, int64_t *person_id,
			 char csrf[CSRF_TOKEN_LEN], bg_error *err)
{
	unsigned char hash[SECRET_HASH_BYTES];
	if (!token || strlen(token) >= SECRET_MAX_LEN)
		return bg_fail(err, BG_ERR_UNAUTHENTICATED, "unauthenticated", NULL,
			       N_("Please log in."));
	secret_hash(token, hash);
	int64_t now = date_now();
	db_stmt *s = db_query(d, "SELECT s.id, s.person_id, s.csrf_token, s.last_seen_at"
				 " FROM sessions s JOIN people p ON p.id = s.person_id"
				 " WHERE s.token_hash = ? AND s.expires_at > ? AND s.last_seen_at > ?"
				 " AND p.disabled = 0",
			      "bii", hash, sizeof hash, now, now - SESSION_IDLE_SECONDS);
	if (db_next(s) != 1) {
		/* a failed lookup is the database's failure, not a logout */
		if (db_done(s) != BG_OK)
			return bg_db_fail(err);
		return bg_fail(err, BG_ERR_UNAUTHENTICATED, "unauthenticated", NULL,
			       N_("Please log in."));
	}
	int64_t id = db_int(s, 0), last_seen = db_int(s, 3);
	*person_id = db_int(s, 1);
	snprintf(csrf, CSRF_TOKEN_LEN, "%s", db_text(s, 2));
	if (db_done(s) != BG_OK)
		return bg_db_fail(err);
	/* the idle clock is renewed at best: the request stands without it */
	if (now - last_seen > SESSION_TOUCH_SECONDS && !db_in_txn(d) &&
	    db_exec(d, NULL, "UPDATE sessions SET last_seen_at = ? WHERE id = ?", "ii", now, id) != BG_OK)
		log_msg(LOG_WARN, "session %lld: last_seen_at not renewed", (long long)id);
	return BG_OK;
}

bg_status session_delete(db *d, const char *token, bg_error *err)
{
	unsigned char hash[SECRET_HASH_BYTES];
	secret_hash(token, hash);
	int64_t person_id = 0;
	bool found = false;
	bg_status st = db_scalar(d, err, &person_id, &found,
				 "SELECT person_id FROM sessions WHERE token_hash = ?", "b", hash, sizeof hash);
	if (st != BG_OK || !found)
		return st;
	st = db_exec(d, err, "DELETE FROM sessions WHERE token_hash = ?", "b", hash, sizeof hash);
	if (st == BG_OK)
		st = audit_record(d, person_id, "logout", "person", person_id, NULL, NULL, err);
	return st;
}

bg_status apitoken_create(db *d, int64_t person_id, const char *name,
			  char token[SECRET_MAX_LEN], int64_t *id_out, bg_error *err)
{
	if (!name || !*name || strlen(name) > 100)
		return bg_fail(err, BG_ERR_INVALID, "invalid_name", "name",
			       N_("The name is required (100 characters at most)."));
	unsigned char hash[SECRET_HASH_BYTES];
	secret_new("bgr_", token, SECRET_MAX_LEN);
	secret_hash(token, hash);
	bg_status st = db_scalar(d, err, id_out, NULL, "INSERT INTO api_tokens(person_id, name, token_hash,"
						      " created_at) VALUES (?, ?, ?, ?) RETURNING id",
				 "isbi", person_id, name, hash, sizeof hash, date_now());
	if (st != BG_OK)
		return st;
	return audit_record(d, person_id, "create", "api_token", *id_out, NULL, NULL, err);
}

bg_status apitoken_lookup(db *d, const char *token, int64_t *person_id, bg_error *err)
{
	unsigned char hash[SECRET_HASH_BYTES];
	if (!token || strlen(token) >= SECRET_MAX_LEN || strncmp(token, "bgr_", 4) != 0)
		return bg_fail(err, BG_ERR_UNAUTHENTICATED, "invalid_token", NULL,
			       N_("This API token is not valid."));
	secret_hash(token, hash);
	bool found = false;
	bg_status st = db_scalar(d, err, person_id, &found,
				 "SELECT t.person_id FROM api_tokens t JOIN people p ON p.id = t.person_id"
				 " WHERE t.token_hash = ? AND t.revoked_at IS NULL AND p.disabled = 0",
				 "b", hash, sizeof hash);
	if (st != BG_OK)
		return st;
	if (!found)
		return bg_fail(err, BG_ERR_UNAUTHENTICATED, "invalid_token", NULL,
			       N_("This API token is not valid."));
	return BG_OK;
}

bg_status apitoken_revoke(db *d, int64_t person_id, int64_t token_id, bg_error *err)
{
	bg_status st = db_exec(d, err, "UPDATE api_tokens SET revoked_at = ? WHERE id = ?"
				       " AND person_id = ? AND revoked_at IS NULL",
			       "iii", date_now(), token_id, person_id);
	if (st != BG_OK)
		return st;
	if (db_changes(d) == 0)
		return bg_fail(err, BG_ERR_NOT_FOUND, "not_found", NULL,
			       N_("This token does not exist."));
	return audit_record(d, person_id, "revoke", "api_token", token_id, NULL, NULL, err);
}

bg_status apitoken_list(db *d, arena *a, int64_t person_id, apitoken **out, size_t *n, bg_error *err)
{
	*out = NULL;
	*n = 0;
	db_stmt *s = db_query(d, "SELECT id, name, created_at, coalesce(last_used_at, 0) FROM api_tokens"
				 " WHERE person_id = ? AND revoked_at IS NULL ORDER BY id",
			      "i", person_id);
	while (db_next(s) == 1) {
		*out = arena_grow(a, *out, *n, sizeof **out);
		(*out)[(*n)++] = (apitoken){.id = db_int(s, 0), .name = arena_strdup(a, db_text(s, 1)),
					    .created_at = db_int(s, 2), .last_used_at = db_int(s, 3)};
	}
	return db_done(s) == BG_OK ? BG_OK : bg_db_fail(err);
}
