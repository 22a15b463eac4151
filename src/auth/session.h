/*
 * session.h — login sessions and personal API tokens.
 *
 * A session is a random secret in the bigre_session cookie; the database
 * holds only its hash, the person, a CSRF token and its times.  A session
 * ends after SESSION_IDLE_SECONDS without use or SESSION_MAX_SECONDS in
 * all.  Login always creates a new session (rotation: a token planted
 * before login is worthless after it).  last_seen_at is written at most
 * once a minute, so reads stay reads.
 *
 * API tokens ("bgr_…") are shown once at creation and authenticate with
 * `Authorization: Bearer`; they need no CSRF token (a browser never sends
 * them on its own).
 */
#ifndef BG_SESSION_H
#define BG_SESSION_H
#include <stdint.h>
#include "auth/secret.h"
#include "core/arena.h"
#include "db/db.h"

#define SESSION_IDLE_SECONDS (8 * 3600)
#define SESSION_MAX_SECONDS (30 * 86400)
#define SESSION_TOUCH_SECONDS 60
#define CSRF_TOKEN_LEN SECRET_MAX_LEN

/* Creates a session (write transaction): token and csrf are filled. */
bg_status session_create(db *d, int64_t person_id, char token[SECRET_MAX_LEN],
			 char csrf[CSRF_TOKEN_LEN], bg_error *err) BG_MUST_CHECK;
/* Finds the live session of token: person and csrf filled; expired or
 * unknown → BG_ERR_UNAUTHENTICATED.  May write last_seen_at (autocommit). */
bg_status session_lookup(db *d, const char *token, int64_t *person_id,
			 char csrf[CSRF_TOKEN_LEN], bg_error *err) BG_MUST_CHECK;
/* Ends the session of token (audited); unknown tokens are not an error.
 * Needs a write transaction. */
bg_status session_delete(db *d, const char *token, bg_error *err) BG_MUST_CHECK;

bg_status apitoken_create(db *d, int64_t person_id, const char *name,
			  char token[SECRET_MAX_LEN], int64_t *id_out, bg_error *err) BG_MUST_CHECK;
bg_status apitoken_lookup(db *d, const char *token, int64_t *person_id, bg_error *err) BG_MUST_CHECK;
bg_status apitoken_revoke(db *d, int64_t person_id, int64_t token_id, bg_error *err) BG_MUST_CHECK;

/* A live token as its owner's list shows it: never its secret. */
typedef struct apitoken {
	int64_t id, created_at, last_used_at; /* last_used_at 0: never */
	const char *name;
} apitoken;
/* The person's own live tokens, oldest first, in a (the person is the
 * actor: one sees only one's own). */
bg_status apitoken_list(db *d, arena *a, int64_t person_id, apitoken **out, size_t *n,
			bg_error *err) BG_MUST_CHECK;

#endif
