/* test_auth.c — passwords, secrets, accounts, sessions, tokens, resets and
 * the authorisation rules, on a real SQLite file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include "testdb.h"
#include "auth/account.h"
#include "auth/authz.h"
#include "auth/password.h"
#include "auth/reset.h"
#include "auth/secret.h"
#include "auth/session.h"
#include "core/date.h"
#include "testclock.h"

static int setup(void **state)
{
	*state = testdb_open();
	return 0;
}

static int teardown(void **state)
{
	testdb_close(*state);
	return 0;
}

static int64_t add_person(db *d, const char *email, const char *password)
{
	int64_t id = 0;
	assert_int_equal(db_begin(d, DB_WRITE, NULL), BG_OK);
	assert_int_equal(account_create(d, 0, email, "Test Person", password, "fr", &id, NULL), BG_OK);
	assert_int_equal(db_commit(d, NULL), BG_OK);
	return id;
}

static void test_password_policy(void **state)
{
	(void)state;
	bg_error err;
	assert_int_equal(password_policy("short", false, &err), BG_ERR_INVALID);
	assert_string_equal(err.code, "password_too_short");
	assert_string_equal(err.field, "password");
	/* 12 characters counted as characters, not bytes */
	assert_int_equal(password_policy("ééééééééééé", false, &err), BG_ERR_INVALID);
	assert_int_equal(password_policy("Motdepasse123", false, &err), BG_ERR_INVALID);
	assert_string_equal(err.code, "password_too_common");
	assert_int_equal(password_policy("zzzzzzzzzzzzzzzz", false, &err), BG_ERR_INVALID);
	assert_int_equal(password_policy("correct horse battery", false, &err), BG_OK);
	assert_int_equal(password_policy(PASSWORD_DEMO, false, &err), BG_ERR_INVALID);
	assert_int_equal(password_policy(PASSWORD_DEMO, true, &err), BG_OK);
}

static void test_password_hash(void **state)
{
	(void)state;
	char h1[PASSWORD_HASH_LEN], h2[PASSWORD_HASH_LEN];
	assert_int_equal(password_hash("correct horse battery", h1, NULL), BG_OK);
	assert_int_equal(password_hash("correct horse battery", h2, NULL), BG_OK);
	assert_memory_not_equal(h1, h2, 40); /* salted */
	assert_true(strncmp(h1, "$argon2id$", 10) == 0);
	assert_true(password_verify(h1, "correct horse battery"));
	assert_false(password_verify(h1, "correct horse batterY"));
	assert_false(password_needs_rehash(h1));
	/* a hash made with weaker parameters asks to be redone */
	char weak[PASSWORD_HASH_LEN];
	assert_int_equal(crypto_pwhash_str_alg(weak, "x", 1, 1, 8192 * 1024, crypto_pwhash_ALG_ARGON2ID13), 0);
	assert_true(password_needs_rehash(weak));
}

static void test_secrets(void **state)
{
	(void)state;
	char a[SECRET_MAX_LEN], b[SECRET_MAX_LEN];
	secret_new("bgr_", a, sizeof a);
	secret_new("bgr_", b, sizeof b);
	assert_true(strncmp(a, "bgr_", 4) == 0);
	assert_int_equal(strlen(a), 4 + 43);
	assert_string_not_equal(a, b);
	assert_true(secret_equal(a, a));
	assert_false(secret_equal(a, b));
	assert_false(secret_equal(a, "bgr_"));
	unsigned char h1[SECRET_HASH_BYTES], h2[SECRET_HASH_BYTES];
	secret_hash(a, h1);
	secret_hash(a, h2);
	assert_memory_equal(h1, h2, SECRET_HASH_BYTES);
}

static void test_email_normalisation(void **state)
{
	(void)state;
	char out[255];
	bg_error err;
	assert_int_equal(account_normalise_email("  Lea.Dubois@Example.FR ", out, &err), BG_OK);
	assert_string_equal(out, "lea.dubois@example.fr");
	const char *bad[] = {"", "no-at", "a@b", "@b.fr", "a@.fr", "a@b.", "a b@c.fr", "a@@b.fr", "a@b.fr\n"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		bg_status st = account_normalise_email(bad[i], out, &err);
		if (i == 8) /* trailing newline is trimmed like spaces */
			assert_int_equal(st, BG_OK);
		else
			assert_int_equal(st, BG_ERR_INVALID);
	}
}

static void test_account_and_login(void **state)
{
	db *d = *state;
	int64_t id = add_person(d, "Alice@Example.fr", "a long enough password");
	bg_error err;
	int64_t dup;
	assert_int_equal(db_begin(d, DB_WRITE, NULL), BG_OK);
	assert_int_equal(account_create(d, 0, "alice@example.fr", "Other", NULL, "fr", &dup, &err), BG_ERR_CONFLICT);
	assert_string_equal(err.code, "email_taken");
	db_rollback(d);
	person p;
	assert_int_equal(account_login(d, "ALICE@example.fr", "a long enough password", &p, &err), BG_OK);
	assert_int_equal(p.id, id);
	assert_int_equal(account_login(d, "alice@example.fr", "wrong password!!", &p, &err), BG_ERR_UNAUTHENTICATED);
	assert_string_equal(err.code, "bad_credentials");
	assert_int_equal(account_login(d, "nobody@example.fr", "wrong password!!", &p, &err), BG_ERR_UNAUTHENTICATED);
	assert_string_equal(err.code, "bad_credentials");
	/* disabled accounts cannot log in, and lose their sessions */
	char token[SECRET_MAX_LEN], csrf[CSRF_TOKEN_LEN];
	int64_t pid;
	assert_int_equal(db_begin(d, DB_WRITE, NULL), BG_OK);
	assert_int_equal(session_create(d, id, token, csrf, NULL), BG_OK);
	assert_int_equal(db_commit(d, NULL), BG_OK);
	assert_int_equal(session_lookup(d, token, &pid, csrf, NULL), BG_OK);
	assert_int_equal(db_begin(d, DB_WRITE, NULL), BG_OK);
	assert_int_equal(account_set_disabled(d, 0, id, true, NULL), BG_OK);
	assert_int_equal(db_commit(d, NULL), BG_OK);
	assert_int_equal(session_lookup(d, token, &pid, csrf, NULL), BG_ERR_UNAUTHENTICATED);
	assert_int_equal(account_login(d, "alice@example.fr", "a long enough password", &p, &err), BG_ERR_UNAUTHENTICATED);
	/* every change is in the audit trail, without secrets */
	int64_t n = 0;
	assert_int_equal(db_scalar(d, NULL, &n, NULL, "SELECT count(*) FROM audit_log WHERE entity = 'person'"
				   " AND entity_id = ?", "i", id), BG_OK);
	assert_true(n >= 3);
	assert_int_equal(db_scalar(d, NULL, &n, NULL, "SELECT count(*) FROM audit_log WHERE after LIKE '%argon%'", NULL), BG_OK);
	assert_int_equal(n, 0);
}

static void test_login_rehashes_old_hashes(void **state)
{
	db *d = *state;
	int64_t id = add_person(d, "old@example.fr", NULL);
	char weak[PASSWORD_HASH_LEN];
	assert_int_equal(crypto_pwhash_str_alg(weak, "an old long password", 20, 2, 8192 * 1024,
					       crypto_pwhash_ALG_ARGON2ID13), 0);
	assert_int_equal(db_exec(d, NULL, "UPDATE people SET password_hash = ? WHERE id = ?", "si", weak, id), BG_OK);
	person p;
	assert_int_equal(db_begin(d, DB_WRITE, NULL), BG_OK);
	assert_int_equal(account_login(d, "old@example.fr", "an old long password", &p, NULL), BG_OK);
	assert_int_equal(db_commit(d, NULL), BG_OK);
	db_stmt *s = db_query(d, "SELECT password_hash FROM people WHERE id = ?", "i", id);
	assert_int_equal(db_next(s), 1);
	char now[PASSWORD_HASH_LEN];
	snprintf(now, sizeof now, "%s", db_text(s, 0));
	assert_int_equal(db_done(s), BG_OK);
	assert_string_not_equal(now, weak);
	assert_false(password_needs_rehash(now));
	assert_true(password_verify(now, "an old long password"));
}

static void test_audit_is_append_only(void **state)
{
	db *d = *state;
	add_person(d, "audit@example.fr", NULL);
	bg_error err;
	assert_int_not_equal(db_exec(d, &err, "UPDATE audit_log SET action = 'x'", NULL), BG_OK);
	assert_int_not_equal(db_exec(d, &err, "DELETE FROM audit_log", NULL), BG_OK);
}

static void test_session_expiry(void **state)
{
	db *d = *state;
	int64_t id = add_person(d, "session@example.fr", NULL);
	char token[SECRET_MAX_LEN], csrf[CSRF_TOKEN_LEN], got[CSRF_TOKEN_LEN];
	int64_t pid;
	assert_int_equal(db_begin(d, DB_WRITE, NULL), BG_OK);
	assert_int_equal(session_create(d, id, token, csrf, NULL), BG_OK);
	assert_int_equal(db_commit(d, NULL), BG_OK);
	assert_int_equal(session_lookup(d, token, &pid, got, NULL), BG_OK);
	assert_string_equal(got, csrf);
	/* the token itself is not stored */
	int64_t n = 0;
	assert_int_equal(db_scalar(d, NULL, &n, NULL, "SELECT count(*) FROM sessions WHERE token_hash = ?", "s", token), BG_OK);
	assert_int_equal(n, 0);
	/* idle too long → gone */
	assert_int_equal(db_exec(d, NULL, "UPDATE sessions SET last_seen_at = ?", "i",
				 date_now() - SESSION_IDLE_SECONDS - 1), BG_OK);
	assert_int_equal(session_lookup(d, token, &pid, got, NULL), BG_ERR_UNAUTHENTICATED);
	assert_int_equal(session_lookup(d, "garbage", &pid, got, NULL), BG_ERR_UNAUTHENTICATED);
}

static void test_api_tokens(void **state)
{
	db *d = *state;
	int64_t id = add_person(d, "token@example.fr", NULL), other = add_person(d, "other@example.fr", NULL);
	char token[SECRET_MAX_LEN];
	int64_t tid, pid;
	bg_error err;
	assert_int_equal(db_begin(d, DB_WRITE, NULL), BG_OK);
	assert_int_equal(apitoken_create(d, id, "", token, &tid, &err), BG_ERR_INVALID);
	assert_int_equal(apitoken_create(d, id, "ci", token, &tid, &err), BG_OK);
	assert_int_equal(db_commit(d, NULL), BG_OK);
	assert_int_equal(apitoken_lookup(d, token, &pid, NULL), BG_OK);
	assert_int_equal(pid, id);
	/* someone else cannot revoke it (each change in its transaction, as
	 * the API runs it) */
	assert_int_equal(db_begin(d, DB_WRITE, NULL), BG_OK);
	assert_int_equal(apitoken_revoke(d, other, tid, &err), BG_ERR_NOT_FOUND);
	assert_int_equal(apitoken_revoke(d, id, tid, &err), BG_OK);
	assert_int_equal(db_commit(d, NULL), BG_OK);
	assert_int_equal(apitoken_lookup(d, token, &pid, NULL), BG_ERR_UNAUTHENTICATED);
}

static void test_reset(void **state)
{
	db *d = *state;
	add_person(d, "reset@example.fr", "the first password");
	assert_int_equal(db_begin(d, DB_WRITE, NULL), BG_OK);
	assert_int_equal(reset_request(d, "reset@example.fr", "http://x", NULL), BG_OK);
	assert_int_equal(reset_request(d, "unknown@example.fr", "http://x", NULL), BG_OK);
	assert_int_equal(db_commit(d, NULL), BG_OK);
	int64_t mails = 0;
	assert_int_equal(db_scalar(d, NULL, &mails, NULL, "SELECT count(*) FROM outbox", NULL), BG_OK);
	assert_int_equal(mails, 1); /* nothing sent for an unknown address */
	bg_error err;
	assert_int_equal(reset_confirm(d, "not-a-token", "a new long password", &err), BG_ERR_INVALID);
	assert_string_equal(err.code, "invalid_reset_token");
}

static void test_authz_rules(void **state)
{
	db *d = *state;
	int64_t admin = add_person(d, "admin@example.fr", NULL), member = add_person(d, "m@example.fr", NULL);
	int64_t stranger = add_person(d, "s@example.fr", NULL);
	assert_int_equal(db_exec(d, NULL, "INSERT INTO cooperatives(id, name, created_at) VALUES (1, 'A', 0), (2, 'B', 0)", NULL), BG_OK);
	assert_int_equal(db_exec(d, NULL, "INSERT INTO units(id, cooperative_id, name, created_at) VALUES (10, 1, 'U', 0)", NULL), BG_OK);
	bg_error err;
	assert_int_equal(db_begin(d, DB_WRITE, NULL), BG_OK);
	assert_int_equal(authz_grant(d, 0, admin, ROLE_ADMIN, (scope){SCOPE_COOPERATIVE, 1}, &err), BG_OK);
	assert_int_equal(authz_grant(d, 0, member, ROLE_MEMBER, (scope){SCOPE_COOPERATIVE, 1}, &err), BG_OK);
	assert_int_equal(authz_grant(d, 0, stranger, ROLE_MEMBER, (scope){SCOPE_COOPERATIVE, 2}, &err), BG_OK);
	/* a role held already: granted again, nothing written, one audit line
	 * naming the role's own row (INSERT … ON CONFLICT DO NOTHING RETURNING) */
	assert_int_equal(authz_grant(d, 0, stranger, ROLE_MEMBER, (scope){SCOPE_COOPERATIVE, 2}, &err), BG_OK);
	int64_t grants = 0, audited = 0;
	assert_int_equal(db_scalar(d, NULL, &grants, NULL, "SELECT count(*) FROM roles WHERE person_id = ?", "i",
				   stranger), BG_OK);
	assert_int_equal(grants, 1);
	assert_int_equal(db_scalar(d, NULL, &audited, NULL, "SELECT count(*) FROM audit_log a JOIN roles r"
							   " ON r.id = a.entity_id WHERE a.entity = 'role'"
							   " AND a.action = 'grant' AND r.person_id = ?", "i", stranger), BG_OK);
	assert_int_equal(audited, 1);
	/* a member cannot grant; a cooperative's admin cannot grant in another one */
	assert_int_equal(authz_grant(d, member, member, ROLE_ADMIN, (scope){SCOPE_COOPERATIVE, 1}, &err), BG_ERR_FORBIDDEN);
	assert_int_equal(authz_grant(d, admin, admin, ROLE_ADMIN, (scope){SCOPE_COOPERATIVE, 2}, &err), BG_ERR_NOT_FOUND);
	assert_int_equal(authz_grant(d, 0, member, ROLE_HOST, (scope){SCOPE_COOPERATIVE, 99}, &err), BG_ERR_INVALID);
	assert_int_equal(db_commit(d, NULL), BG_OK);
	/* roles in a cooperative apply to its units */
	assert_int_equal(authz_check(d, member, AUTHZ_COOP_READ, (scope){SCOPE_UNIT, 10}, &err), BG_OK);
	assert_int_equal(authz_check(d, member, AUTHZ_COOP_ADMINISTER, (scope){SCOPE_COOPERATIVE, 1}, &err), BG_ERR_FORBIDDEN);
	assert_int_equal(authz_check(d, admin, AUTHZ_COOP_ADMINISTER, (scope){SCOPE_UNIT, 10}, &err), BG_OK);
	/* another cooperative's data does not exist for you */
	assert_int_equal(authz_check(d, stranger, AUTHZ_COOP_READ, (scope){SCOPE_COOPERATIVE, 1}, &err), BG_ERR_NOT_FOUND);
	assert_int_equal(authz_check(d, admin, AUTHZ_GROUP_ADMINISTER, (scope){SCOPE_GROUP, 0}, &err), BG_ERR_FORBIDDEN);
	assert_int_equal(authz_check(d, 0, AUTHZ_COOP_READ, (scope){SCOPE_COOPERATIVE, 1}, &err), BG_ERR_UNAUTHENTICATED);
	/* revoking takes the right away */
	assert_int_equal(db_begin(d, DB_WRITE, NULL), BG_OK);
	assert_int_equal(authz_revoke(d, admin, member, ROLE_MEMBER, (scope){SCOPE_COOPERATIVE, 1}, &err), BG_OK);
	assert_int_equal(authz_revoke(d, admin, member, ROLE_MEMBER, (scope){SCOPE_COOPERATIVE, 1}, &err), BG_ERR_NOT_FOUND);
	assert_int_equal(db_commit(d, NULL), BG_OK);
	assert_int_equal(authz_check(d, member, AUTHZ_COOP_READ, (scope){SCOPE_COOPERATIVE, 1}, &err), BG_ERR_NOT_FOUND);
	assert_int_equal(authz_role_from_name("accountant"), ROLE_ACCOUNTANT);
	assert_int_equal(authz_role_from_name("king"), 0);
}

int main(void)
{
	testclock_set();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_password_policy),
		cmocka_unit_test(test_password_hash),
		cmocka_unit_test(test_secrets),
		cmocka_unit_test(test_email_normalisation),
		cmocka_unit_test_setup_teardown(test_account_and_login, setup, teardown),
		cmocka_unit_test_setup_teardown(test_login_rehashes_old_hashes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_audit_is_append_only, setup, teardown),
		cmocka_unit_test_setup_teardown(test_session_expiry, setup, teardown),
		cmocka_unit_test_setup_teardown(test_api_tokens, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reset, setup, teardown),
		cmocka_unit_test_setup_teardown(test_authz_rules, setup, teardown),
	};
	if (sodium_init() < 0)
		return 1;
	password_init();
	return cmocka_run_group_tests_name("auth", tests, NULL, NULL);
}
