/* outbox.c — transactional outbox and its sender (see outbox.h). */
#include "mail/outbox.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/log.h"
#include <assert.h>
#include <curl/curl.h>
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define OUTBOX_MAX_BACKOFF (6 * 3600)

bg_status outbox_enqueue(db *d, const mail_message *m, bg_error *err)
{
	return db_exec(d, err,
		       "INSERT INTO outbox(created_at, to_addr, subject, body_text, body_html,"
		       " attachment_name, attachment_type, attachment, next_attempt_at)"
		       " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
		       "issssssbi", date_now(), m->to, m->subject, m->text, m->html,
		       m->attachment_name, m->attachment_type, m->attachment, m->attachment_len,
		       date_now());
}

/* Encodes a header value as RFC 2047 UTF-8 base64 when it is not ASCII. */
static void outbox_header_text(buf *out, const char *s)
{
	bool ascii = true;
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p >= 0x80 || *p == '\r' || *p == '\n')
			ascii = false;
	if (ascii) {
		buf_puts(out, s);
		return;
	}
	size_t n = strlen(s);
	char enc[sodium_base64_ENCODED_LEN(600, sodium_base64_VARIANT_ORIGINAL)];
	if (n > 600)
		n = 600;
	sodium_bin2base64(enc, sizeof enc, (const unsigned char *)s, n,
			  sodium_base64_VARIANT_ORIGINAL);
	buf_printf(out, "=?UTF-8?B?%s?=", enc);
}

/* Appends data base64-encoded in lines of 76. */
static void outbox_base64(buf *out, const void *data, size_t len)
{
	const unsigned char *p = data;
	for (size_t off = 0; off < len; off += 57) {
		size_t n = len - off < 57 ? len - off : 57;
		char line[80];
		sodium_bin2base64(line, sizeof line, p + off, n, sodium_base64_VARIANT_ORIGINAL);
		buf_puts(out, line);
		buf_puts(out, "\r\n");
	}
}

static void outbox_part(buf *out, const char *boundary, const char *type, const void *data,
			size_t len, const char *filename)
{
	buf_printf(out, "--%s\r\nContent-Type: %s\r\nContent-Transfer-Encoding: base64\r\n",
		   boundary, type);
	if (filename)
		buf_printf(out, "Content-Disposition: attachment; filename=\"%s\"\r\n", filename);
	buf_puts(out, "\r\n");
	outbox_base64(out, data, len);
}

void outbox_render_mime(buf *out, const mail_config *cfg, const mail_message *m, int64_t id)
{
	buf_printf(out, "From: %s\r\nTo: %s\r\nSubject: ", cfg->from, m->to);
	outbox_header_text(out, m->subject);
	buf_puts(out, "\r\nDate: ");
	date_format_rfc5322(out, date_now());
	buf_printf(out, "\r\nMessage-ID: <outbox-%lld-%lld@bigre>\r\nMIME-Version: 1.0\r\n",
		   (long long)id, (long long)date_now());
	const char *boundary = "bigre-boundary-7f3a9c";
	if (!m->html && !m->attachment_name) {
		buf_puts(out, "Content-Type: text/plain; charset=UTF-8\r\n"
			      "Content-Transfer-Encoding: base64\r\n\r\n");
		outbox_base64(out, m->text, strlen(m->text));
		return;
	}
	buf_printf(out, "Content-Type: multipart/mixed; boundary=\"%s\"\r\n\r\n", boundary);
	if (m->html) {
		const char *alt = "bigre-alt-7f3a9c";
		buf_printf(out, "--%s\r\nContent-Type: multipart/alternative; boundary=\"%s\"\r\n\r\n",
			   boundary, alt);
		outbox_part(out, alt, "text/plain; charset=UTF-8", m->text, strlen(m->text), NULL);
		outbox_part(out, alt, "text/html; charset=UTF-8", m->html, strlen(m->html), NULL);
		buf_printf(out, "--%s--\r\n", alt);
	} else {
		outbox_part(out, boundary, "text/plain; charset=UTF-8", m->text, strlen(m->text), NULL);
	}
	if (m->attachment_name)
		outbox_part(out, boundary, m->attachment_type ? m->attachment_type
							       : "application/octet-stream",
			    m->attachment, m->attachment_len, m->attachment_name);
	buf_printf(out, "--%s--\r\n", boundary);
}

typedef struct upload {
	const char *data;
	size_t len, off;
} upload;

static size_t outbox_read(char *ptr, size_t size, size_t nmemb, void *ud)
{
	upload *u = ud;
	size_t n = size * nmemb;
	if (n > u->len - u->off)
		n = u->len - u->off;
	memcpy(ptr, u->data + u->off, n);
	u->off += n;
	return n;
}

static bool outbox_send_smtp(const mail_config *cfg, const char *to, const buf *mime,
			     char *error, size_t error_len)
{
	CURL *c = curl_easy_init();
	if (!c) {
		snprintf(error, error_len, "curl_easy_init failed");
		return false;
	}
	struct curl_slist *rcpt = curl_slist_append(NULL, to);
	upload u = {mime->data, mime->len, 0};
	curl_easy_setopt(c, CURLOPT_URL, cfg->smtp_url);
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, cfg->from);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, outbox_read);
	curl_easy_setopt(c, CURLOPT_READDATA, &u);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	CURLcode rc = curl_easy_perform(c);
	if (rc != CURLE_OK)
		snprintf(error, error_len, "%s", curl_easy_strerror(rc));
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(c);
	return rc == CURLE_OK;
}

static bool outbox_write_file(const mail_config *cfg, int64_t id, const buf *mime, char *error,
			      size_t error_len)
{
	const char *dir = cfg->mail_dir ? cfg->mail_dir : "mail";
	mkdir(dir, 0700);
	char path[1024], tmp[1040];
	snprintf(path, sizeof path, "%s/%06lld.eml", dir, (long long)id);
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	FILE *f = fopen(tmp, "wb");
	if (!f || fwrite(mime->data, 1, mime->len, f) != mime->len || fclose(f) != 0) {
		snprintf(error, error_len, "cannot write the mail file: %s", strerror(errno));
		return false;
	}
	/* rename: a reader never sees half a message */
	if (rename(tmp, path) != 0) {
		snprintf(error, error_len, "cannot rename the mail file: %s", strerror(errno));
		return false;
	}
	return true;
}

int outbox_deliver_due(db *d, const mail_config *cfg)
{
	int sent = 0;
	int64_t now = date_now();
	for (int batch = 0; batch < 100; batch++) {
		db_stmt *s = db_query(d, "SELECT id, to_addr, subject, body_text, body_html,"
					 " attachment_name, attachment_type, attachment, attempts"
					 " FROM outbox WHERE status = 'pending' AND next_attempt_at <= ?"
					 " ORDER BY id LIMIT 1", "i", now);
		if (db_next(s) != 1) {
			if (db_done(s) != BG_OK)
				log_msg(LOG_ERROR, "outbox: the pending mail could not be read");
			break;
		}
		int64_t id = db_int(s, 0), attempts = db_int(s, 8);
		mail_message m = {0};
		size_t alen = 0;
		char *to = strdup(db_text(s, 1)), *subject = strdup(db_text(s, 2));
		char *text = strdup(db_text(s, 3));
		char *html = db_null(s, 4) ? NULL : strdup(db_text(s, 4));
		char *aname = db_null(s, 5) ? NULL : strdup(db_text(s, 5));
		char *atype = db_null(s, 6) ? NULL : strdup(db_text(s, 6));
		const void *ab = db_blob(s, 7, &alen);
		void *adata = alen ? malloc(alen) : NULL;
		if (adata)
			memcpy(adata, ab, alen);
		/* a row came, so the statement cannot have failed */
		bool row_read = db_done(s) == BG_OK;
		assert(row_read);
		(void)row_read;
		m = (mail_message){to, subject, text, html, aname, atype, adata, alen};
		buf mime;
		buf_init(&mime);
		outbox_render_mime(&mime, cfg, &m, id);
		char error[256] = "";
		bool ok = cfg->smtp_url ? outbox_send_smtp(cfg, to, &mime, error, sizeof error)
					: outbox_write_file(cfg, id, &mime, error, sizeof error);
		/* a mail whose sending is not recorded would be sent again at
		 * once: the round stops, and the next one tries anew */
		bool recorded;
		if (ok) {
			recorded = db_exec(d, NULL, "UPDATE outbox SET status = 'sent', sent_at = ?,"
						    " attempts = attempts + 1 WHERE id = ?", "ii", date_now(), id) == BG_OK;
			sent++;
		} else {
			int64_t delay = 60;
			for (int64_t i = 0; i < attempts && delay < OUTBOX_MAX_BACKOFF; i++)
				delay *= 2;
			if (delay > OUTBOX_MAX_BACKOFF)
				delay = OUTBOX_MAX_BACKOFF;
			log_msg(LOG_WARN, "mail %lld not sent (attempt %lld): %s", (long long)id,
				(long long)attempts + 1, error);
			recorded = db_exec(d, NULL, "UPDATE outbox SET attempts = attempts + 1, last_error = ?,"
						    " next_attempt_at = ? WHERE id = ?", "sii", error,
					   date_now() + delay, id) == BG_OK;
		}
		buf_free(&mime);
		free(to), free(subject), free(text), free(html), free(aname), free(atype), free(adata);
		if (!recorded) {
			log_msg(LOG_ERROR, "outbox: the attempt at mail %lld could not be recorded", (long long)id);
			break;
		}
	}
	return sent;
}
