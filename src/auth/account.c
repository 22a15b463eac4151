/* account.c — people's accounts (see account.h). */
#include "auth/account.h"
#include "auth/password.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/json.h"
#include "core/log.h"
#include "db/audit.h"
#include <ctype.h>
#include <string.h>

bg_status account_normalise_email(const char *in, char out[255], bg_error *err)
{
	if (!in)
		return bg_fail(err, BG_ERR_INVALID, "missing_field", "email",
			       N_("The email address is required."));
	while (isspace((unsigned char)*in))
		in++;
	size_t n = strlen(in);
	while (n && isspace((unsigned char)in[n - 1]))
		n--;
	if (n == 0)
		return bg_fail(err, BG_ERR_INVALID, "missing_field", "email",
			       N_("The email address is required."));
	if (n > 254)
		return bg_fail(err, BG_ERR_INVALID, "invalid_email", "email",
			       N_("This email address is not valid."));
	int at = -1;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)in[i];
		if (c <= ' ' || c == 0x7f || c == '<' || c == '>' || c == ',' || c == ';' || c == '"')
			return bg_fail(err, BG_ERR_INVALID, "invalid_email", "email",
				       N_("This email address is not valid."));
		if (c == '@') {
			if (at >= 0)
				return bg_fail(err, BG_ERR_INVALID, "invalid_email", "email",
					       N_("This email address is not valid."));
			at = (int)i;
		}
		out[i] = (char)tolower(c);
	}
	out[n] = '\0';
	const char *dot = at > 0 ? strchr(out + at, '.') : NULL;
	if (at <= 0 || !dot || dot == out + at + 1 || out[n - 1] == '.')
		return bg_fail(err, BG_ERR_INVALID, "invalid_email", "email",
			       N_("This email address is not valid."));
	return BG_OK;
}

bool account_demo_db(db *d)
{
	int64_t v = 0;
	bool found = false;
	if (db_scalar(d, NULL, &v, &found, "SELECT value = '1' FROM meta WHERE key = 'demo'", NULL) != BG_OK)
		return false; /* logged; not knowing, the demo's leniencies stay off */
	return found && v;
}

static void account_copy(char *dst, size_t cap, const char *src)
{
	snprintf(dst, cap, "%s", src ? src : "");
}

static bg_status account_fetch(db_stmt *s, person *out, bg_error *err)
{
	if (!s)
		return bg_db_fail(err);
	int rc = db_next(s);
	if (rc == 1) {
		out->id = db_int(s, 0);
		account_copy(out->email, sizeof out->email, db_text(s, 1));
		account_copy(out->display_name, sizeof out->display_name, db_text(s, 2));
		account_copy(out->lang, sizeof out->lang, db_text(s, 3));
		out->disabled = db_int(s, 4) != 0;
	}
	if (db_done(s) != BG_OK)
		return bg_db_fail(err);
	if (rc == 0)
		return bg_fail(err, BG_ERR_NOT_FOUND, "not_found", NULL,
			       N_("This account does not exist."));
	return BG_OK;
}

bg_status account_get(db *d, int64_t id, person *out, bg_error *err)
{
	return account_fetch(db_query(d, "SELECT id, email, display_name, lang, disabled"
					 " FROM people WHERE id = ?", "i", id), out, err);
}

bg_status account_find_email(db *d, const char *email, person *out, bg_error *err)
{
	return account_fetch(db_query(d, "SELECT id, email, display_name, lang, disabled"
					 " FROM people WHERE email = ?", "s", email), out, err);
}

void account_json(buf *b, const person *p)
{
	buf_printf(b, "{\"id\":%lld,\"email\":", (long long)p->id);
	json_put_string(b, p->email);
	buf_puts(b, ",\"display_name\":");
	json_put_string(b, p->display_name);
	buf_puts(b, ",\"lang\":");
	json_put_string(b, p->lang);
	buf_printf(b, ",\"disabled\":%s}", p->disabled ? "true" : "false");
}

/* JSON of a person for the audit trail (never the password hash). */
static char *account_audit_json(const person *p)
{
	buf b;
	buf_init(&b);
	account_json(&b, p);
	return buf_detach(&b, NULL);
}

bg_status account_create(db *d, int64_t actor_id, const char *email_in, const char *display_name,
			 const char *password, const char *lang, int64_t *id_out, bg_error *err)
{
	char hash[PASSWORD_HASH_LEN] = "";
	bg_status st;
	if (password) {
		if ((st = password_policy(password, account_demo_db(d), err)) != BG_OK)
			return st;
		if ((st = password_hash(password, hash, err)) != BG_OK)
			return st;
	}
	return account_create_hashed(d, actor_id, email_in, display_name, password ? hash : NULL,
				     lang, id_out, err);
}

bg_status account_create_hashed(db *d, int64_t actor_id, const char *email_in,
				const char *display_name, const char *hash, const char *lang,
				int64_t *id_out, bg_error *err)
{
	char email[255];
	bg_status st = account_normalise_email(email_in, email, err);
	if (st != BG_OK)
		return st;
	if (!display_name || !*display_name || strlen(display_name) > 200)
		return bg_fail(err, BG_ERR_INVALID, "invalid_name", "display_name",
			       N_("The name is required (200 characters at most)."));
	if (!lang)
		lang = "fr";
	if (strcmp(lang, "fr") != 0 && strcmp(lang, "en") != 0)
		return bg_fail(err, BG_ERR_INVALID, "invalid_lang", "lang",
			       N_("The language must be fr or en."));
	if (hash && strncmp(hash, "$argon2id$", 10) != 0)
		return bg_fail(err, BG_ERR_INTERNAL, "invalid_hash", NULL,
			       N_("The change could not be saved."));
	int64_t now = date_now();
	int64_t id = 0;
	st = db_scalar(d, err, &id, NULL, "INSERT INTO people(email, display_name, password_hash, lang,"
					  " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
		       "ssssii", email, display_name, hash, lang, now, now);
	if (st == BG_ERR_CONFLICT)
		return bg_fail(err, BG_ERR_CONFLICT, "email_taken", "email",
			       N_("An account already uses this email address."));
	if (st != BG_OK)
		return st;
	person p = {.id = id};
	account_copy(p.email, sizeof p.email, email);
	account_copy(p.display_name, sizeof p.display_name, display_name);
	account_copy(p.lang, sizeof p.lang, lang);
	char *after = account_audit_json(&p);
	st = audit_record(d, actor_id, "create", "person", p.id, NULL, after, err);
	free(after);
	if (id_out)
		*id_out = p.id;
	return st;
}

bg_status account_set_password(db *d, int64_t actor_id, int64_t person_id,
				const char *password, bg_error *err)
{
	person p;
	bg_status st = account_get(d, person_id, &p, err);
	if (st != BG_OK)
		return st;
	if ((st = password_policy(password, account_demo_db(d), err)) != BG_OK)
		return st;
	char hash[PASSWORD_HASH_LEN];
	if ((st = password_hash(password, hash, err)) != BG_OK)
		return st;
	st = db_exec(d, err, "UPDATE people SET password_hash = ?, updated_at = ? WHERE id = ?",
		     "sii", hash, date_now(), person_id);
	/* A new password ends every open session of the account. */
	if (st == BG_OK)
		st = db_exec(d, err, "DELETE FROM sessions WHERE person_id = ?", "i", person_id);
	if (st == BG_OK)
		st = audit_record(d, actor_id, "set_password", "person", person_id, NULL, NULL, err);
	return st;
}

bg_status account_set_disabled(db *d, int64_t actor_id, int64_t person_id, bool disabled,
			       bg_error *err)
{
	person p;
	bg_status st = account_get(d, person_id, &p, err);
	if (st != BG_OK)
		return st;
	char *before = account_audit_json(&p);
	p.disabled = disabled;
	char *after = account_audit_json(&p);
	st = db_exec(d, err, "UPDATE people SET disabled = ?, updated_at = ? WHERE id = ?",
		     "iii", (int64_t)disabled, date_now(), person_id);
	if (st == BG_OK && disabled)
		st = db_exec(d, err, "DELETE FROM sessions WHERE person_id = ?", "i", person_id);
	if (st == BG_OK && disabled)
		st = db_exec(d, err, "UPDATE api_tokens SET revoked_at = ? WHERE person_id = ?"
				     " AND revoked_at IS NULL", "ii", date_now(), person_id);
	if (st == BG_OK)
		st = audit_record(d, actor_id, disabled ? "disable" : "enable", "person",
				  person_id, before, after, err);
	free(before);
	free(after);
	return st;
}

bg_status account_login(db *d, const char *email_in, const char *password, person *out,
			bg_error *err)
{
	char email[255];
	char hash[PASSWORD_HASH_LEN] = "";
	bool known = false;
	if (account_normalise_email(email_in, email, NULL) == BG_OK) {
		db_stmt *s = db_query(d, "SELECT id, email, display_name, lang, disabled, password_hash"
					 " FROM people WHERE email = ?", "s", email);
		if (db_next(s) == 1) {
			out->id = db_int(s, 0);
			account_copy(out->email, sizeof out->email, db_text(s, 1));
			account_copy(out->display_name, sizeof out->display_name, db_text(s, 2));
			account_copy(out->lang, sizeof out->lang, db_text(s, 3));
			out->disabled = db_int(s, 4) != 0;
			account_copy(hash, sizeof hash, db_text(s, 5));
			known = hash[0] != '\0';
		}
		if (db_done(s) != BG_OK)
			return bg_db_fail(err);
	}
	if (!password || strlen(password) > PASSWORD_MAX_LEN)
		password = "";
	bool ok;
	if (known) {
		ok = password_verify(hash, password);
	} else {
		password_verify_dummy(password);
		ok = false;
	}
	if (!ok || out->disabled)
		return bg_fail(err, BG_ERR_UNAUTHENTICATED, "bad_credentials", NULL,
			       N_("Wrong email or password."));
	if (password_needs_rehash(hash) && db_in_txn(d)) {
		char fresh[PASSWORD_HASH_LEN];
		/* a better hash next time: the login stands without it */
		if (password_hash(password, fresh, NULL) == BG_OK &&
		    db_exec(d, NULL, "UPDATE people SET password_hash = ? WHERE id = ?", "si", fresh,
			    out->id) != BG_OK)
			log_msg(LOG_WARN, "login: the password hash of account %lld could not be renewed",
				(long long)out->id);
	}
	return BG_OK;
}
