/*
 * password.h — password hashing (argon2id) and policy.
 *
 * Hashes are libsodium's crypto_pwhash_str strings (argon2id with the
 * parameters below, recorded in the string itself), so verifying an old
 * hash works after the parameters change and password_needs_rehash() says
 * when to store a new one (done at the next successful login).
 *
 * Each hash takes PASSWORD_MEMLIMIT bytes for a moment; a semaphore lets
 * at most PASSWORD_MAX_CONCURRENT run at once, so a burst of logins
 * cannot take the server's memory.
 */
#ifndef BG_PASSWORD_H
#define BG_PASSWORD_H
#include <stdbool.h>
#include <stddef.h>
#include "core/err.h"

#define PASSWORD_HASH_LEN 128     /* crypto_pwhash_STRBYTES */
#define PASSWORD_MIN_LEN 12       /* characters (code points) */
#define PASSWORD_MAX_LEN 256      /* bytes */
#define PASSWORD_DEMO "bigre-demo" /* accepted by demo databases only */

void password_init(void);
/* Fills out with the hash string. */
bg_status password_hash(const char *password, char out[PASSWORD_HASH_LEN], bg_error *err) BG_MUST_CHECK;
bool password_verify(const char *hash, const char *password);
bool password_needs_rehash(const char *hash);
/* Burns the time of one verification (used when the account is unknown, so
 * the answer takes as long whether or not the email exists). */
void password_verify_dummy(const char *password);
/* Checks length and the common-password list; demo databases also accept
 * PASSWORD_DEMO.  The error names field "password". */
bg_status password_policy(const char *password, bool demo, bg_error *err) BG_MUST_CHECK;

#endif
