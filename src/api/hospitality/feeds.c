/*
 * feeds.c — calendar feeds: creating and revoking a secret link
 * (/api/v1/calendar-feeds…) and the iCalendar it serves (/calendar.ics, no
 * account: the link is the key).
 */
#include "api/hospitality/api_hospitality_internal.h"

/* POST /api/v1/calendar-feeds {kind, target_id?} → {id, url} */
static void api_feed_create(request *rq, response *rs)
{
	json_t *body = api_body(rq, rs);
	if (!body)
		return;
	const char *kind = NULL;
	int64_t target = 0, id = 0;
	char token[80];
	bg_error err;
	if (json_get_string(body, "kind", true, 20, &kind, &err) != BG_OK ||
	    json_get_int(body, "target_id", false, &target, &err) != BG_OK ||
	    db_begin(rq->db, DB_WRITE, &err) != BG_OK ||
	    hcal_feed_create(rq->db, rq->person_id, kind, target, token, sizeof token, &id, &err) != BG_OK) {
		json_decref(body);
		api_fail(rq, rs, &err);
		return;
	}
	json_decref(body);
	if (!api_commit(rq, rs))
		return;
	buf *b = reply_json(rs, 201);
	buf_printf(b, "{\"id\":%lld,\"url\":\"%s/calendar.ics?token=%s\"}", (long long)id, rq_base_url(rq), token);
}

/* DELETE /api/v1/calendar-feeds/{id} */
static void api_feed_revoke(request *rq, response *rs)
{
	bg_error err;
	if (db_begin(rq->db, DB_WRITE, &err) != BG_OK ||
	    hcal_feed_revoke(rq->db, rq->person_id, rq_param_id(rq, 0), &err) != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	if (!api_commit(rq, rs))
		return;
	rs->status = 204;
	rs->content_type = NULL;
}

/* GET /calendar.ics?token= (no account: the token is the key; in the query
 * string so that the access log, which drops queries, never holds it) */
static void api_feed_get(request *rq, response *rs)
{
	bg_error err;
	buf_reset(&rs->body);
	if (hcal_feed_render(rq->db, rq_query(rq, "token"), &rs->body, &err) != BG_OK) {
		reply_error(rq, rs, &err);
		return;
	}
	rs->status = 200;
	rs->content_type = "text/calendar; charset=utf-8";
}

const route api_hosp_feeds_routes[] = {
	{HTTP_POST, "/api/v1/calendar-feeds", api_feed_create, ROUTE_AUTH},
	{HTTP_DELETE, "/api/v1/calendar-feeds/{id}", api_feed_revoke, ROUTE_AUTH},
	{HTTP_GET, "/calendar.ics", api_feed_get, ROUTE_PUBLIC},
	{0, NULL, NULL, 0},
};
