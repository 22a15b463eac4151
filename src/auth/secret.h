/*
 * secret.h — random secrets (session, API, reset tokens) and their hashes.
 *
 * A secret is 32 random bytes (libsodium's CSPRNG) in URL-safe base64,
 * optionally with a prefix that tells what it is ("bgr_" for API tokens).
 * Only the BLAKE2b-256 hash of the full string is stored; lookups hash the
 * presented string and compare hashes in the database (an index lookup on
 * a hash does not leak timing about the secret).
 */
#ifndef BG_SECRET_H
#define BG_SECRET_H
#include <stddef.h>

#define SECRET_HASH_BYTES 32
#define SECRET_MAX_LEN 64

/* out gets prefix + 43 base64url chars, NUL-terminated; out_len >= SECRET_MAX_LEN. */
void secret_new(const char *prefix, char *out, size_t out_len);
void secret_hash(const char *secret, unsigned char hash[SECRET_HASH_BYTES]);
/* Constant-time equality of two NUL-terminated strings. */
int secret_equal(const char *a, const char *b);

#endif
