/*
 * feeds.c — calendar feeds: creating and revoking a secret link
 * (/api/v1/calendar-feeds…) and the iCalendar it serves (/calendar.ics, no
 * account: the link is the key).
 */
#include "api/hospitality/api_hospitality_internal.h"

/* POST /api/v1/calendar-feeds {kind, target_id?} → {id, url} */
API_OP(api_feed_create, API_BODY, api_feed_create_op)
{
	const char *kind = NULL;
	int64_t target = 0, id = 0;
	char token[80];
	bg_status st;
	if ((st = json_get_string(r->body, "kind", true, 20, &kind, err)) != BG_OK ||
	    (st = json_get_int(r->body, "target_id", false, &target, err)) != BG_OK ||
	    (st = hcal_feed_create(r->rq->db, r->rq->person_id, kind, target, token, sizeof token, &id, err)) != BG_OK)
		return st;
	buf_printf(api_json(r, 201), "{\"id\":%lld,\"url\":\"%s/calendar.ics?token=%s\"}", (long long)id,
		   rq_base_url(r->rq), token);
	return BG_OK;
}

/* DELETE /api/v1/calendar-feeds/{id} */
API_OP(api_feed_revoke, API_PLAIN, api_feed_revoke_op)
{
	bg_status st = hcal_feed_revoke(r->rq->db, r->rq->person_id, r->id, err);
	return api_no_content(r, st);
}

/* GET /calendar.ics?token= (no account: the token is the key; in the query
 * string so that the access log, which drops queries, never holds it) */
API_OP(api_feed_get, API_PLAIN, api_feed_get_op)
{
	buf_reset(&r->rs->body);
	bg_status st = hcal_feed_render(r->rq->db, rq_query(r->rq, "token"), &r->rs->body, err);
	if (st == BG_OK) {
		r->rs->status = 200;
		r->rs->content_type = "text/calendar; charset=utf-8";
	}
	return st;
}

const route api_hosp_feeds_routes[] = {
	{HTTP_POST, "/api/v1/calendar-feeds", api_feed_create, ROUTE_AUTH},
	{HTTP_DELETE, "/api/v1/calendar-feeds/{id}", api_feed_revoke, ROUTE_AUTH},
	{HTTP_GET, "/calendar.ics", api_feed_get, ROUTE_PUBLIC},
	{0, NULL, NULL, 0},
};
