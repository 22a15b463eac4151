/*
 * account.h — people's accounts: creation, lookup, passwords, login.
 *
 * All SQL about people, sessions, tokens and resets lives in this folder
 * (account.c, session.c, apitoken.c, reset.c).  Each writing function
 * expects an open write transaction and records its audit line; the caller
 * commits.
 */
#ifndef BG_ACCOUNT_H
#define BG_ACCOUNT_H
#include <stdbool.h>
#include <stdint.h>
#include "db/db.h"

typedef struct person {
	int64_t id;
	char email[255];
	char display_name[201];
	char lang[3];
	bool disabled;
} person;

/* Trims, lower-cases and checks an email (one @, a dot in the domain, no
 * spaces or control characters, at most 254 bytes); field "email". */
bg_status account_normalise_email(const char *in, char out[255], bg_error *err) BG_MUST_CHECK;
/* Is this a demo database (meta demo=1)?  Only those accept PASSWORD_DEMO. */
bool account_demo_db(db *d);

bg_status account_get(db *d, int64_t id, person *out, bg_error *err) BG_MUST_CHECK;
bg_status account_find_email(db *d, const char *email, person *out, bg_error *err) BG_MUST_CHECK;
/* Creates an account; password may be NULL (set later by a reset link). */
bg_status account_create(db *d, int64_t actor_id, const char *email, const char *display_name,
			 const char *password, const char *lang, int64_t *id_out, bg_error *err) BG_MUST_CHECK;
/* The same with a password hash made beforehand (password_hash), or NULL:
 * to create many accounts sharing one password (the demo) without hashing
 * each time. */
bg_status account_create_hashed(db *d, int64_t actor_id, const char *email,
				const char *display_name, const char *hash, const char *lang,
				int64_t *id_out, bg_error *err) BG_MUST_CHECK;
bg_status account_set_password(db *d, int64_t actor_id, int64_t person_id,
				const char *password, bg_error *err) BG_MUST_CHECK;
bg_status account_set_disabled(db *d, int64_t actor_id, int64_t person_id, bool disabled,
			       bg_error *err) BG_MUST_CHECK;
/* Checks credentials.  Unknown email, wrong password and disabled account
 * all give the same BG_ERR_UNAUTHENTICATED "bad_credentials" after the same
 * work.  On success with an outdated hash, stores a new one (needs a write
 * transaction open). */
bg_status account_login(db *d, const char *email, const char *password, person *out,
			bg_error *err) BG_MUST_CHECK;
/* Appends a JSON object of the person (no secrets). */
struct buf;
void account_json(struct buf *b, const person *p);

#endif
