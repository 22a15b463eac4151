/* password.c — argon2id hashing and password policy (see password.h). */
#include "auth/password.h"
#include "core/log.h"
#include <assert.h>
#include <ctype.h>
#include <pthread.h>
#include <semaphore.h>
#include <sodium.h>
#include <string.h>
#include <strings.h>

/* OWASP's argon2id floor is 19 MiB, t=2; we use 32 MiB, t=3. */
#define PASSWORD_OPSLIMIT 3
#define PASSWORD_MEMLIMIT (32u * 1024 * 1024)
#define PASSWORD_MAX_CONCURRENT 2

static sem_t password_slots;
static char password_dummy_hash[PASSWORD_HASH_LEN];

/* The most common passwords of 12 characters or more (lower-cased, compared
 * without case), from public breach statistics. */
static const char *const password_common[] = {
	"123456789012", "1234567890123", "12345678910", "123456789123",
	"azertyuiopqs", "azertyuiop123", "qwertyuiop123", "qwertyuiopas",
	"motdepasse123", "motdepasse1234", "password1234", "password12345",
	"passwordpassword", "iloveyou1234", "jetaime123456", "soleil123456",
	"bonjour12345", "football1234", "princesse123", "administrator",
	"administrateur", "changeme1234", "welcome12345", "letmein12345",
	"000000000000", "111111111111", "abcdefghijkl", "aaaaaaaaaaaa",
	"qwerty123456", "azerty123456", "1q2w3e4r5t6y", "zaq12wsxcde3",
	"bigrebigrebigre", "cooperative123", "mutuelle1234",
};

/* The dummy hash is made on first need (a failed login), not at start-up:
 * every command would otherwise pay one argon2id computation. */
static void password_make_dummy(void)
{
	bg_error err;
	if (password_hash("dummy password for timing", password_dummy_hash, &err) != BG_OK)
		log_msg(LOG_ERROR, "password: the dummy hash could not be made (%s)", err.code);
}

void password_init(void)
{
	sem_init(&password_slots, 0, PASSWORD_MAX_CONCURRENT);
}

bg_status password_hash(const char *password, char out[PASSWORD_HASH_LEN], bg_error *err)
{
	sem_wait(&password_slots);
	int rc = crypto_pwhash_str_alg(out, password, strlen(password), PASSWORD_OPSLIMIT,
				       PASSWORD_MEMLIMIT, crypto_pwhash_ALG_ARGON2ID13);
	sem_post(&password_slots);
	if (rc != 0)
		return bg_fail(err, BG_ERR_NOMEM, "hash_failed", NULL,
			       N_("The service is busy; please try again."));
	return BG_OK;
}

bool password_verify(const char *hash, const char *password)
{
	if (!hash || !*hash)
		return false;
	sem_wait(&password_slots);
	int rc = crypto_pwhash_str_verify(hash, password, strlen(password));
	sem_post(&password_slots);
	return rc == 0;
}

bool password_needs_rehash(const char *hash)
{
	return crypto_pwhash_str_needs_rehash(hash, PASSWORD_OPSLIMIT, PASSWORD_MEMLIMIT) != 0;
}

void password_verify_dummy(const char *password)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, password_make_dummy);
	(void)password_verify(password_dummy_hash, password);
}

/* Number of code points in valid UTF-8. */
static size_t utf8_length(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

bg_status password_policy(const char *password, bool demo, bg_error *err)
{
	if (!password || !*password)
		return bg_fail(err, BG_ERR_INVALID, "missing_field", "password",
			       N_("The password is required."));
	if (demo && strcmp(password, PASSWORD_DEMO) == 0)
		return BG_OK;
	if (strlen(password) > PASSWORD_MAX_LEN)
		return bg_fail(err, BG_ERR_INVALID, "password_too_long", "password",
			       N_("The password is too long (256 bytes at most)."));
	if (utf8_length(password) < PASSWORD_MIN_LEN)
		return bg_fail(err, BG_ERR_INVALID, "password_too_short", "password",
			       N_("The password must have at least 12 characters."));
	for (size_t i = 0; i < sizeof password_common / sizeof *password_common; i++)
		if (strcasecmp(password, password_common[i]) == 0)
			return bg_fail(err, BG_ERR_INVALID, "password_too_common", "password",
				       N_("This password is too common; please choose another."));
	/* One character repeated is as weak as a listed password. */
	bool all_same = true;
	for (const char *p = password + 1; *p; p++)
		if (*p != password[0])
			all_same = false;
	if (all_same)
		return bg_fail(err, BG_ERR_INVALID, "password_too_common", "password",
			       N_("This password is too common; please choose another."));
	return BG_OK;
}
