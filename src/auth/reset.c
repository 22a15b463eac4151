/* reset.c — password reset links (see reset.h). */
#include "auth/reset.h"
#include "auth/account.h"
#include "auth/secret.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/i18n.h"
#include "db/audit.h"
#include "mail/outbox.h"
#include <assert.h>
#include <string.h>

/* Makes a new link for person_id, valid for valid_seconds from now: its
 * token (written to token, SECRET_MAX_LEN bytes) goes in the mail, only its
 * hash in the database. */
static bg_status reset_link_new(db *d, int64_t person_id, int64_t valid_seconds,
				char token[SECRET_MAX_LEN], bg_error *err)
{
	assert(person_id > 0 && valid_seconds > 0);
	unsigned char hash[SECRET_HASH_BYTES];
	secret_new(NULL, token, SECRET_MAX_LEN);
	secret_hash(token, hash);
	int64_t now = date_now();
	return db_exec(d, err, "INSERT INTO password_resets(person_id, token_hash, created_at, expires_at)"
			       " VALUES (?, ?, ?, ?)", "ibii", person_id, hash, sizeof hash, now,
		       now + valid_seconds);
}

/* Queues the mail (subject, text) that carries a link to p, frees text, and
 * records action in the audit log. */
static bg_status reset_mail_send(db *d, const person *p, const char *subject, buf *text,
				 const char *action, bg_error *err)
{
	mail_message m = {.to = p->email, .subject = subject, .text = text->data};
	bg_status st = outbox_enqueue(d, &m, err);
	buf_free(text);
	if (st == BG_OK)
		st = audit_record(d, 0, action, "person", p->id, NULL, NULL, err);
	return st;
}

bg_status reset_request(db *d, const char *email_in, const char *base_url, bg_error *err)
{
	char email[255];
	bg_status st = account_normalise_email(email_in, email, err);
	if (st != BG_OK)
		return st;
	person p;
	if (account_find_email(d, email, &p, NULL) != BG_OK || p.disabled)
		return BG_OK; /* same answer: nothing tells whether the account exists */
	char token[SECRET_MAX_LEN];
	st = reset_link_new(d, p.id, RESET_VALID_SECONDS, token, err);
	if (st != BG_OK)
		return st;
	buf text;
	buf_init(&text);
	buf_printf(&text, tr(p.lang, "Hello %s,\n\nTo choose a new password for Bigre, open this link"
				     " within one hour:\n\n%s/reset?token=%s\n\nIf you did not ask for"
				     " it, ignore this message: your password stays the same.\n"),
		   p.display_name, base_url, token);
	return reset_mail_send(d, &p, tr(p.lang, "Bigre: choose a new password"), &text, "reset_request", err);
}

bg_status reset_invite(db *d, int64_t person_id, const char *base_url, bg_error *err)
{
	person p;
	bg_status st = account_get(d, person_id, &p, err);
	if (st != BG_OK)
		return st;
	char token[SECRET_MAX_LEN];
	st = reset_link_new(d, p.id, INVITE_VALID_SECONDS, token, err);
	if (st != BG_OK)
		return st;
	buf text;
	buf_init(&text);
	buf_printf(&text, tr(p.lang, "Hello %s,\n\nWelcome to Bigre! Your account is ready. To choose your"
				     " password, open this link within seven days:\n\n%s/reset?token=%s\n\n"
				     "Then log in with your email address, %s.\n"),
		   p.display_name, base_url ? base_url : "", token, p.email);
	return reset_mail_send(d, &p, tr(p.lang, "Bigre: your account is ready"), &text, "invite", err);
}

bg_status reset_confirm(db *d, const char *token, const char *password, bg_error *err)
{
	if (!token || !*token || strlen(token) >= SECRET_MAX_LEN)
		return bg_fail(err, BG_ERR_INVALID, "invalid_reset_token", "token",
			       N_("This link is not valid or has expired."));
	unsigned char hash[SECRET_HASH_BYTES];
	secret_hash(token, hash);
	int64_t person_id = 0, reset_id = 0;
	db_stmt *s = db_query(d, "SELECT id, person_id FROM password_resets WHERE token_hash = ?"
				 " AND used_at IS NULL AND expires_at > ?",
			      "bi", hash, sizeof hash, date_now());
	if (db_next(s) == 1) {
		reset_id = db_int(s, 0);
		person_id = db_int(s, 1);
	}
	if (db_done(s) != BG_OK)
		return bg_db_fail(err);
	if (!reset_id)
		return bg_fail(err, BG_ERR_INVALID, "invalid_reset_token", "token",
			       N_("This link is not valid or has expired."));
	bg_status st = account_set_password(d, person_id, person_id, password, err);
	if (st == BG_OK)
		st = db_exec(d, err, "UPDATE password_resets SET used_at = ? WHERE person_id = ?"
				     " AND used_at IS NULL", "ii", date_now(), person_id);
	return st;
}
