/* api.c — helpers shared by API handlers (see api.h). */
#include "api/api.h"
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
