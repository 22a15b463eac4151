/*
 * outbox.h — outgoing mail, never lost.
 *
 * A message is written into the outbox table inside the transaction that
 * causes it (a registration, a reset request): if that transaction rolls
 * back, no mail goes; if it commits, the mail will go.  A sender (a thread
 * of `bigre serve`, or outbox_deliver_due() called directly) takes due
 * messages, sends each with libcurl SMTP to the configured relay — or,
 * with no relay, writes it as an .eml file in a folder, for demos and
 * tests — and marks it sent.  A failure schedules a retry with exponential
 * back-off (1 min, 2, 4 … capped at 6 h); messages are never dropped.
 */
#ifndef BG_OUTBOX_H
#define BG_OUTBOX_H
#include <stddef.h>
#include <stdint.h>
#include "db/db.h"

typedef struct mail_config {
	const char *smtp_url;  /* "smtp://127.0.0.1:2525", or NULL */
	const char *from;      /* envelope and header From */
	const char *mail_dir;  /* used when smtp_url is NULL */
} mail_config;

typedef struct mail_message {
	const char *to;
	const char *subject;
	const char *text;
	const char *html;              /* may be NULL */
	const char *attachment_name;   /* may be NULL, e.g. "invitation.ics" */
	const char *attachment_type;   /* e.g. "text/calendar; method=REQUEST" */
	const void *attachment;
	size_t attachment_len;
} mail_message;

bg_status outbox_enqueue(db *d, const mail_message *m, bg_error *err) BG_MUST_CHECK;
/* Sends what is due now; returns how many were sent (failures are
 * rescheduled, not counted). */
int outbox_deliver_due(db *d, const mail_config *cfg);
/* Builds the MIME text of a message (multipart when HTML or attachment). */
struct buf;
void outbox_render_mime(struct buf *out, const mail_config *cfg, const mail_message *m,
			int64_t id);

#endif
