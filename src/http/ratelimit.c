/* ratelimit.c — token buckets (see ratelimit.h). */
#include "http/ratelimit.h"
#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

enum { RL_SLOTS = 8192, RL_PROBE = 8 };

typedef struct rl_slot {
	uint64_t key;   /* keyed hash of the key string; 0 = empty */
	int64_t stamp;  /* time of the last refill */
	int tokens;
} rl_slot;

struct ratelimit {
	pthread_mutex_t lock;
	int burst, refill;
	unsigned char hash_key[crypto_shorthash_KEYBYTES];
	rl_slot slots[RL_SLOTS];
};

ratelimit *ratelimit_new(int burst, int refill_seconds)
{
	ratelimit *rl = calloc(1, sizeof *rl);
	if (!rl)
		abort();
	pthread_mutex_init(&rl->lock, NULL);
	rl->burst = burst;
	rl->refill = refill_seconds;
	/* keyed hash: an attacker cannot aim keys at one bucket */
	crypto_shorthash_keygen(rl->hash_key);
	return rl;
}

void ratelimit_free(ratelimit *rl)
{
	if (rl) {
		pthread_mutex_destroy(&rl->lock);
		free(rl);
	}
}

/* The slot of key, found or made (an empty or the oldest of the probed
 * slots), refilled up to now.  Called with the lock held. */
static rl_slot *ratelimit_slot(ratelimit *rl, const char *key, int64_t now)
{
	uint64_t h;
	crypto_shorthash((unsigned char *)&h, (const unsigned char *)key, strlen(key), rl->hash_key);
	if (h == 0)
		h = 1;
	rl_slot *slot = NULL, *oldest = NULL;
	for (int i = 0; i < RL_PROBE; i++) {
		rl_slot *s = &rl->slots[(h + (uint64_t)i) % RL_SLOTS];
		if (s->key == h) {
			slot = s;
			break;
		}
		if (!oldest || s->key == 0 || (oldest->key != 0 && s->stamp < oldest->stamp))
			oldest = s;
	}
	if (!slot) {
		slot = oldest;
		slot->key = h;
		slot->stamp = now;
		slot->tokens = rl->burst;
	}
	int64_t refills = (now - slot->stamp) / rl->refill;
	if (refills > 0) {
		slot->tokens = (int)(slot->tokens + refills > rl->burst ? rl->burst : slot->tokens + refills);
		slot->stamp += refills * rl->refill;
	}
	return slot;
}

bool ratelimit_take(ratelimit *rl, const char *key, int64_t now, int *retry_after)
{
	pthread_mutex_lock(&rl->lock);
	rl_slot *slot = ratelimit_slot(rl, key, now);
	bool ok = slot->tokens > 0;
	if (ok)
		slot->tokens--;
	else if (retry_after)
		*retry_after = (int)(slot->stamp + rl->refill - now > 0 ? slot->stamp + rl->refill - now : 1);
	pthread_mutex_unlock(&rl->lock);
	return ok;
}

void ratelimit_refund(ratelimit *rl, const char *key, int64_t now)
{
	pthread_mutex_lock(&rl->lock);
	rl_slot *slot = ratelimit_slot(rl, key, now);
	if (slot->tokens < rl->burst)
		slot->tokens++;
	pthread_mutex_unlock(&rl->lock);
}
