/*
 * reset.h — password reset by an emailed one-time link.
 *
 * reset_request() answers the same whether or not the email has an account
 * (no enumeration); when it has one, a one-hour single-use token is stored
 * hashed and a mail with the link goes through the outbox.  reset_confirm()
 * sets the new password, burns the token and ends every session.
 */
#ifndef BG_RESET_H
#define BG_RESET_H
#include "db/db.h"

#define RESET_VALID_SECONDS 3600

/* base_url like "http://127.0.0.1:8080"; needs a write transaction. */
bg_status reset_request(db *d, const char *email, const char *base_url, bg_error *err) BG_MUST_CHECK;
/* Invites a person with no password yet to choose one: the same one-time
 * link mechanics, valid INVITE_VALID_SECONDS, with an invitation text. */
#define INVITE_VALID_SECONDS (7 * 86400)
bg_status reset_invite(db *d, int64_t person_id, const char *base_url, bg_error *err) BG_MUST_CHECK;
bg_status reset_confirm(db *d, const char *token, const char *password, bg_error *err) BG_MUST_CHECK;

#endif
