/* api.c — helpers shared by API handlers (see api.h). */
#include "api/api.h"
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

bool api_commit(request *rq, response *rs)
{
	bg_error err;
	if (db_commit(rq->db, &err) != BG_OK) {
		reply_error(rq, rs, &err);
		return false;
	}
	return true;
}

void api_fail(request *rq, response *rs, const bg_error *err)
{
	db_rollback(rq->db);
	reply_error(rq, rs, err);
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

bool api_paging_read(request *rq, response *rs, api_paging *p)
{
	if (!api_query_number(rq, "limit", 1, API_LIMIT_MAX, API_LIMIT_DEFAULT, &p->limit)) {
		reply_fail(rq, rs, BG_ERR_INVALID, "invalid_limit", "limit",
			   N_("The limit is a whole number from 1 to 500."));
		return false;
	}
	if (!api_query_number(rq, "offset", 0, INT32_MAX, 0, &p->offset)) {
		reply_fail(rq, rs, BG_ERR_INVALID, "invalid_offset", "offset",
			   N_("The offset is a whole number from 0."));
		return false;
	}
	return true;
}

void api_paging_json(buf *b, const api_paging *p, int64_t total)
{
	buf_printf(b, ",\"total\":%lld,\"limit\":%lld,\"offset\":%lld", (long long)total, (long long)p->limit,
		   (long long)p->offset);
}
