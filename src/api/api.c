/*
 * api.c — the JSON face's request skeleton (api_run, see api.h for what it
 * promises) and the helpers its handlers share: the body, the paging.
 *
 * The order of api_run is fixed: the body (415/400 before anything else),
 * the Idempotency-Key's form, the transaction, the key's lookup (a replay
 * or a conflict answers and writes nothing), the operation, the answer
 * stored under the key, the commit.  The key is hashed with the method
 * and the path so that one key sent to two routes is two requests, and
 * the lookup runs inside the write transaction so that two retries
 * arriving at once are serialised by BEGIN IMMEDIATE: the second sees the
 * first's stored answer.  Only a success is stored: an error rolls the
 * key back with the change.
 */
#include "api/api.h"
#include "db/idempotency.h"
#include <assert.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* An Idempotency-Key and the hash of the request it came with. */
typedef struct api_idem {
	const char *key; /* NULL: none sent (or the route does not honour one) */
	unsigned char hash[32];
} api_idem;

/* Reads the Idempotency-Key header into ik (key NULL when absent) and
 * hashes (method, path, body); false, answered 400, when the key is not 1
 * to 200 characters. */
static bool api_idem_read(request *rq, response *rs, api_idem *ik)
{
	ik->key = rq->person_id ? rq_header(rq, "Idempotency-Key") : NULL; /* keys are a person's */
	if (!ik->key)
		return true;
	if (!ik->key[0] || strlen(ik->key) > 200) {
		reply_fail(rq, rs, BG_ERR_INVALID, "invalid_idempotency_key", "Idempotency-Key",
			   N_("An Idempotency-Key has 1 to 200 characters."));
		return false;
	}
	crypto_generichash_state h;
	crypto_generichash_init(&h, NULL, 0, sizeof ik->hash);
	crypto_generichash_update(&h, (const unsigned char *)rq->method_name, strlen(rq->method_name) + 1);
	crypto_generichash_update(&h, (const unsigned char *)rq->path, strlen(rq->path) + 1);
	if (rq->body.len)
		crypto_generichash_update(&h, (const unsigned char *)rq->body.data, rq->body.len);
	crypto_generichash_final(&h, ik->hash, sizeof ik->hash);
	return true;
}

/* In the open write transaction: false when the key was seen before, the
 * answer then written (the first answer replayed, or 409 when the key came
 * with another request, or the read's error) and the transaction rolled
 * back. */
static bool api_idem_fresh(request *rq, response *rs, const api_idem *ik)
{
	assert(ik->key && db_in_txn(rq->db));
	bool hit = false, same = false;
	int64_t status = 0;
	const char *stored = NULL;
	bg_error err;
	if (idem_get(rq->db, &rq->arena, rq->person_id, ik->key, ik->hash, sizeof ik->hash, &hit, &same, &status,
		     &stored, &err) != BG_OK) {
		db_rollback(rq->db);
		reply_error(rq, rs, &err);
		return false;
	}
	if (!hit)
		return true;
	db_rollback(rq->db);
	if (!same) {
		reply_fail(rq, rs, BG_ERR_CONFLICT, "idempotency_key_reused", "Idempotency-Key",
			   N_("This Idempotency-Key was used for another request."));
		return false;
	}
	buf_puts(reply_json(rs, (int)status), stored);
	rs_header(rq, rs, "Idempotent-Replayed", "true");
	return false;
}

/* Stores the answer written in rs under the key, in the transaction. */
static bg_status api_idem_store(request *rq, response *rs, const api_idem *ik, bg_error *err)
{
	assert(ik->key && db_in_txn(rq->db));
	buf_putc(&rs->body, '\0'); /* the stored text ends where the body does */
	rs->body.len--;
	return idem_put(rq->db, rq->person_id, ik->key, rq->path, ik->hash, sizeof ik->hash, (int64_t)rs->status,
			rs->body.data ? rs->body.data : "", err);
}

/* The skeleton of every JSON handler (see api.h and the top of this file). */
bool api_run(request *rq, response *rs, unsigned flags, api_op op, void *ctx)
{
	return api_run_checked(rq, rs, flags, NULL, op, ctx);
}

/* The skeleton with a check before the transaction (see api.h). */
bool api_run_checked(request *rq, response *rs, unsigned flags, api_op check, api_op op, void *ctx)
{
	assert(op);
	api_req r = {.rq = rq, .rs = rs, .id = rq_param_id(rq, 0), .ctx = ctx};
	bool write = (flags & API_WRITE) || !(rq->method & (HTTP_GET | HTTP_HEAD));
	api_idem ik = {0};
	bg_error err;
	assert(write || !(flags & API_IDEMPOTENT)); /* a read has nothing to replay */
	if ((flags & API_BODY) || ((flags & API_BODY_OPT) && rq->body.len)) {
		r.body = api_body(rq, rs);
		if (!r.body)
			return false;
	}
	bool ok = !(flags & API_IDEMPOTENT) || api_idem_read(rq, rs, &ik);
	if (ok && check && check(&r, &err) != BG_OK) {
		reply_error(rq, rs, &err);
		ok = false;
	}
	if (ok && write && db_begin(rq->db, DB_WRITE, &err) != BG_OK) {
		reply_error(rq, rs, &err);
		ok = false;
	}
	if (ok && ik.key)
		ok = api_idem_fresh(rq, rs, &ik);
	if (ok) {
		bg_status st = op(&r, &err);
		if (st == BG_OK && ik.key)
			st = api_idem_store(rq, rs, &ik, &err);
		if (st == BG_OK && write)
			st = db_commit(rq->db, &err);
		if (st != BG_OK) {
			if (write)
				db_rollback(rq->db);
			if (!r.error_written)
				reply_error(rq, rs, &err);
			ok = false;
		}
	}
	json_decref(r.body);
	if (ok && (flags & API_MAIL))
		rq_kick_mailer(rq);
	return ok;
}

/* Appends one string member (see api.h). */
void api_str(buf *b, const char *name, const char *v)
{
	buf_printf(b, ",\"%s\":", name);
	json_put_string(b, v);
}

/* Starts the JSON answer of r with status. */
buf *api_json(api_req *r, int status)
{
	return reply_json(r->rs, status);
}

/* Answers 204 with no body when st is BG_OK; passes st through. */
bg_status api_no_content(api_req *r, bg_status st)
{
	if (st != BG_OK)
		return st;
	buf_reset(&r->rs->body);
	r->rs->status = 204;
	r->rs->content_type = NULL;
	return st;
}

/* Answers {"status":"<word>"} with status when st is BG_OK; passes st
 * through.  word is a literal name, written as it is. */
bg_status api_status(api_req *r, bg_status st, int status, const char *word)
{
	assert(word != NULL);
	if (st == BG_OK)
		buf_printf(api_json(r, status), "{\"status\":\"%s\"}", word);
	return st;
}

/* Answers 201 {"id":id} when st is BG_OK; passes st through. */
bg_status api_created(api_req *r, bg_status st, int64_t id)
{
	if (st == BG_OK)
		buf_printf(api_json(r, 201), "{\"id\":%lld}", (long long)id);
	return st;
}

/* The answer of a list (see api.h). */
bg_status api_list(api_req *r, bg_status st, const char *key, api_item item, const void *rows, size_t n,
		   const api_paging *pg, int64_t total)
{
	if (st != BG_OK)
		return st; /* rows and n are not read: a failed reader may leave them unset */
	assert(key && item && (rows || n == 0));
	buf *b = api_json(r, 200);
	buf_printf(b, "{\"%s\":[", key);
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_putc(b, ',');
		item(b, rows, i);
	}
	buf_putc(b, ']');
	if (pg)
		api_paging_json(b, pg, total);
	else if (total >= 0)
		buf_printf(b, ",\"total\":%lld", (long long)total);
	buf_putc(b, '}');
	return BG_OK;
}

/* The answer of a page (see api.h). */
bg_status api_page(api_req *r, bg_status st, const char *key, api_item item, const void *rows, const api_paging *pg)
{
	assert(pg != NULL);
	return api_list(r, st, key, item, rows, pg->n, pg, pg->total);
}

json_t *api_body(request *rq, response *rs)
{
	const char *ct = rq_header(rq, "Content-Type");
	if (!ct || strncasecmp(ct, "application/json", 16) != 0) {
		reply_fail(rq, rs, BG_ERR_INVALID, "unsupported_media_type", NULL,
			   N_("The request body must be JSON (Content-Type: application/json)."));
		rs->status = 415;
		return NULL;
	}
	json_t *obj = NULL;
	bg_error err;
	if (json_parse_object(rq->body.data, rq->body.len, &obj, &err) != BG_OK) {
		reply_error(rq, rs, &err);
		return NULL;
	}
	return obj;
}

/* A query parameter as a whole number in [min, max]; absent gives dflt. */
static bool api_query_number(request *rq, const char *name, int64_t min, int64_t max, int64_t dflt, int64_t *out)
{
	const char *v = rq_query(rq, name);
	if (!v) {
		*out = dflt;
		return true;
	}
	char *end;
	long long n = strtoll(v, &end, 10);
	if (!*v || *end || n < min || n > max)
		return false;
	*out = n;
	return true;
}

/* Reads the paging of a list (see api.h). */
bg_status api_paging_get(request *rq, api_paging *p, bg_error *err)
{
	p->n = 0;
	p->total = 0;
	if (!api_query_number(rq, "limit", 1, API_LIMIT_MAX, API_LIMIT_DEFAULT, &p->limit))
		return bg_fail(err, BG_ERR_INVALID, "invalid_limit", "limit", N_("The limit is a whole number from 1 to 500."));
	if (!api_query_number(rq, "offset", 0, INT32_MAX, 0, &p->offset))
		return bg_fail(err, BG_ERR_INVALID, "invalid_offset", "offset", N_("The offset is a whole number from 0."));
	return BG_OK;
}

/* Appends the paging of a list answered (see api.h). */
void api_paging_json(buf *b, const api_paging *p, int64_t total)
{
	buf_printf(b, ",\"total\":%lld,\"limit\":%lld,\"offset\":%lld", (long long)total, (long long)p->limit,
		   (long long)p->offset);
}
