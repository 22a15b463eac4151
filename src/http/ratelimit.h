/*
 * ratelimit.h — in-memory token buckets, keyed by a string.
 *
 * Used for login and public forms, per client address and per account.
 * A fixed-size table (old keys are overwritten when it is full: under a
 * flood of distinct keys the limiter forgets, it never grows).  Thread-safe.
 * Limits live in memory: a restart forgets them, which is acceptable for
 * abuse control (the passwords themselves are slow to test anyway).
 */
#ifndef BG_RATELIMIT_H
#define BG_RATELIMIT_H
#include <stdbool.h>
#include <stdint.h>

typedef struct ratelimit ratelimit;

/* burst tokens, refilled one per refill_seconds. */
ratelimit *ratelimit_new(int burst, int refill_seconds);
void ratelimit_free(ratelimit *rl);
/* Takes a token for key at time now; false with *retry_after (seconds)
 * when none is left. */
bool ratelimit_take(ratelimit *rl, const char *key, int64_t now, int *retry_after);
/* Gives back the token an attempt took, when the attempt turned out to be
 * one the limit is not about (a successful login): only failures count. */
void ratelimit_refund(ratelimit *rl, const char *key, int64_t now);

#endif
