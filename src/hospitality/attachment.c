/*
 * attachment.c — files of hospitality: documents attached to the steps of
 * a newcomer's path, and a place's photo.
 *
 * Both are kept in the database (newcomer_documents, place_photos), like
 * the receipts of the economy, so a backup holds everything.  A file's
 * type is read from its first bytes (PDF "%PDF-", JPEG FF D8 FF, PNG's
 * 8-byte signature), never from its name or the type the browser declared;
 * sizes are capped (a document 1 MiB, the server's body cap; a photo
 * 512 KiB).  A document is seen only by those who may follow the newcomer
 * (newcomer_get checks it); adding and reading one are audited.  A photo
 * is seen by the members of the group, like the place; its ETag is a hash
 * of its bytes, so a browser keeps it until it changes.
 */
#include "hospitality/hosp_internal.h"
#include "core/buf.h"
#include "core/date.h"
#include <sodium.h>

const char *hosp_file_type(const unsigned char *p, size_t n)
{
	if (n >= 5 && !memcmp(p, "%PDF-", 5))
		return "application/pdf";
	if (n >= 3 && p[0] == 0xFF && p[1] == 0xD8 && p[2] == 0xFF)
		return "image/jpeg";
	if (n >= 8 && !memcmp(p, "\x89PNG\r\n\x1a\n", 8))
		return "image/png";
	return NULL;
}

/* A file name as shown and sent back: 1 to 200 bytes, no path, no quote,
 * no control character (it goes into a Content-Disposition header). */
static bool hosp_filename_ok(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n == 0 || n > 200)
		return false;
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == '/' || *s == '\\' || *s == '"' || *s == 0x7f)
			return false;
	return true;
}

bg_status newcomer_document_add(db *d, int64_t actor, int64_t newcomer_id, int64_t step_id, const char *filename,
				const unsigned char *data, size_t len, int64_t *id_out, bg_error *err)
{
	newcomer n;
	bg_status st = newcomer_get(d, actor, newcomer_id, &n, err);
	if (st != BG_OK)
		return st;
	int64_t one;
	bool found = false;
	if (db_scalar(d, err, &one, &found, "SELECT 1 FROM newcomer_steps WHERE id = ? AND newcomer_id = ?", "ii",
		      step_id, newcomer_id) != BG_OK)
		return BG_ERR_DB;
	if (!found)
		return bg_fail(err, BG_ERR_INVALID, "invalid_step", "step_id",
			       N_("Choose a step of this newcomer's path."));
	if (!data || len == 0)
		return bg_fail(err, BG_ERR_INVALID, "file_required", "document", N_("Choose a file to send."));
	if (len > HOSP_DOCUMENT_MAX)
		return bg_fail(err, BG_ERR_INVALID, "file_too_large", "document", N_("The file is larger than 1 MiB."));
	const char *type = hosp_file_type(data, len);
	if (!type)
		return bg_fail(err, BG_ERR_INVALID, "unsupported_type", "document",
			       N_("A document is a PDF, JPEG or PNG file."));
	if (!hosp_filename_ok(filename))
		return bg_fail(err, BG_ERR_INVALID, "invalid_filename", "document",
			       N_("A file name of 1 to 200 characters, without a path, is required."));
	int64_t id = 0;
	st = db_scalar(d, err, &id, NULL, "INSERT INTO newcomer_documents(newcomer_id, step_id, filename, content_type, size, data,"
			     " created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id", "iissibIi", newcomer_id, step_id,
		     filename, type, (int64_t)len, data, len, actor, date_now());
	if (st != BG_OK)
		return st;
	char after[96];
	snprintf(after, sizeof after, "{\"newcomer_id\":%lld,\"step_id\":%lld,\"size\":%zu}", (long long)newcomer_id,
		 (long long)step_id, len);
	st = hosp_audit(d, actor, "create", "newcomer_document", id, after, err);
	if (st == BG_OK && id_out)
		*id_out = id;
	return st;
}

bg_status newcomer_document_read(db *d, int64_t actor, int64_t newcomer_id, int64_t doc_id, hosp_file *out,
				 bg_error *err)
{
	newcomer n;
	buf_init(&out->data);
	bg_status st = newcomer_get(d, actor, newcomer_id, &n, err);
	if (st != BG_OK)
		return st;
	db_stmt *s = db_query(d, "SELECT filename, content_type, data FROM newcomer_documents WHERE id = ?"
				 " AND newcomer_id = ?", "ii", doc_id, newcomer_id);
	int rc = s ? db_next(s) : -1;
	if (rc == 1) {
		hosp_copy(out->filename, sizeof out->filename, db_text(s, 0));
		hosp_copy(out->content_type, sizeof out->content_type, db_text(s, 1));
		size_t len = 0;
		const void *p = db_blob(s, 2, &len);
		buf_append(&out->data, p, len);
	}
	if (db_done(s) != BG_OK || rc < 0)
		return bg_db_fail(err);
	if (rc == 0)
		return bg_fail(err, BG_ERR_NOT_FOUND, "not_found", "document_id", N_("This document does not exist."));
	return hosp_audit(d, actor, "read", "newcomer_document", doc_id, NULL, err);
}

bg_status place_photo_set(db *d, int64_t actor, int64_t place_id, const unsigned char *data, size_t len,
			  const char *alt, bg_error *err)
{
	place p;
	bg_status st = place_load(d, place_id, &p, err);
	if (st == BG_OK && actor) /* 0: the demo seed */
		st = place_may_manage(d, actor, &p, err);
	if (st != BG_OK)
		return st;
	if (!data || len == 0)
		return bg_fail(err, BG_ERR_INVALID, "file_required", "photo", N_("Choose a file to send."));
	if (len > HOSP_PHOTO_MAX)
		return bg_fail(err, BG_ERR_INVALID, "file_too_large", "photo", N_("The photo is larger than 512 KiB."));
	const char *type = hosp_file_type(data, len);
	if (!type || !strcmp(type, "application/pdf"))
		return bg_fail(err, BG_ERR_INVALID, "unsupported_type", "photo", N_("A photo is a JPEG or PNG file."));
	size_t altlen = alt ? strlen(alt) : 0;
	if (altlen == 0 || altlen > 300)
		return bg_fail(err, BG_ERR_INVALID, "alt_required", "alt",
			       N_("Describe the photo in a few words (up to 300 characters) for those who cannot see it."));
	unsigned char h[8];
	crypto_generichash(h, sizeof h, data, len, NULL, 0);
	char etag[24];
	snprintf(etag, sizeof etag, "\"%02x%02x%02x%02x%02x%02x%02x%02x\"", h[0], h[1], h[2], h[3], h[4], h[5], h[6],
		 h[7]);
	st = db_exec(d, err, "INSERT INTO place_photos(place_id, content_type, size, data, alt, etag, updated_by,"
			     " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(place_id) DO UPDATE SET"
			     " content_type = excluded.content_type, size = excluded.size, data = excluded.data,"
			     " alt = excluded.alt, etag = excluded.etag, updated_by = excluded.updated_by,"
			     " updated_at = excluded.updated_at", "isibssIi", place_id, type, (int64_t)len, data, len, alt,
		     etag, actor, date_now());
	char after[64];
	snprintf(after, sizeof after, "{\"size\":%zu}", len);
	if (st == BG_OK)
		st = hosp_audit(d, actor, "photo", "place", place_id, after, err);
	return st;
}

bg_status place_photo_read(db *d, int64_t actor, int64_t place_id, bool with_data, hosp_file *out, bg_error *err)
{
	buf_init(&out->data);
	if (!place_is_member(d, actor))
		return bg_fail(err, BG_ERR_FORBIDDEN, "not_a_member", NULL, N_("Only members of the group may do this."));
	db_stmt *s = db_query(d, "SELECT content_type, alt, etag, data FROM place_photos WHERE place_id = ?", "i",
			      place_id);
	int rc = s ? db_next(s) : -1;
	if (rc == 1) {
		hosp_copy(out->content_type, sizeof out->content_type, db_text(s, 0));
		hosp_copy(out->filename, sizeof out->filename, db_text(s, 1));
		hosp_copy(out->etag, sizeof out->etag, db_text(s, 2));
		if (with_data) {
			size_t len = 0;
			const void *p = db_blob(s, 3, &len);
			buf_append(&out->data, p, len);
		}
	}
	if (db_done(s) != BG_OK || rc < 0)
		return bg_db_fail(err);
	if (rc == 0)
		return bg_fail(err, BG_ERR_NOT_FOUND, "not_found", "photo", N_("This place has no photo."));
	return BG_OK;
}
