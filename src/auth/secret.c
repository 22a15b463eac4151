/* secret.c — random secrets and their hashes (see secret.h). */
#include "auth/secret.h"
#include <assert.h>
#include <sodium.h>
#include <string.h>

void secret_new(const char *prefix, char *out, size_t out_len)
{
	unsigned char raw[32];
	randombytes_buf(raw, sizeof raw);
	size_t plen = prefix ? strlen(prefix) : 0;
	assert(out_len >= SECRET_MAX_LEN && plen < 16);
	if (plen)
		memcpy(out, prefix, plen);
	sodium_bin2base64(out + plen, out_len - plen, raw, sizeof raw,
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof raw);
}

void secret_hash(const char *secret, unsigned char hash[SECRET_HASH_BYTES])
{
	crypto_generichash(hash, SECRET_HASH_BYTES, (const unsigned char *)secret,
			   strlen(secret), NULL, 0);
}

int secret_equal(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la != lb)
		return 0;
	return sodium_memcmp(a, b, la) == 0;
}
