/*
 * interviews.c — the JSON face of welcome interviews in hosts' slots
 * (/api/v1/interview-slots, /api/v1/newcomers/{id}/interview…,
 * /api/v1/interviews/{id}; docs/api.md, "## Hospitality").
 *
 * Handlers are thin: parse, one domain call of
 * src/hospitality/interview.c, commit, render; no SQL.
 */
#include "api/hospitality/api_hospitality_internal.h"

/* Appends one slot. */
static void api_islot_json(buf *b, const islot_row *s)
{
	buf_printf(b, "{\"id\":%lld,\"host_id\":%lld,\"host\":", (long long)s->id, (long long)s->host_id);
	json_put_string(b, s->host);
	buf_printf(b, ",\"cooperative_id\":%lld,\"place_id\":", (long long)s->cooperative_id);
	if (!s->place_id)
		buf_puts(b, "null");
	else
		buf_printf(b, "%lld", (long long)s->place_id);
	buf_puts(b, ",\"online_url\":");
	if (!s->online_url)
		buf_puts(b, "null");
	else
		json_put_string(b, s->online_url);
	buf_puts(b, ",\"timezone\":");
	json_put_string(b, s->timezone);
	buf_puts(b, ",\"starts_at\":\"");
	hosp_format_iso_local(b, s->timezone, s->starts_at);
	buf_puts(b, "\",\"ends_at\":\"");
	hosp_format_iso_local(b, s->timezone, s->ends_at);
	buf_printf(b, "\",\"free\":%s", !s->interview_id ? "true" : "false");
	if (s->interview_id)
		buf_printf(b, ",\"interview_id\":%lld", (long long)s->interview_id);
	buf_putc(b, '}');
}

/* GET /api/v1/interview-slots — my slots to come; ?free=1: the free slots
 * to come of the cooperatives whose newcomers I follow (mine included);
 * &cooperative_id= narrows to one. */
static void api_islots_list(request *rq, response *rs)
{
	const char *free_q = rq_query(rq, "free"), *coop_q = rq_query(rq, "cooperative_id");
	bool free_only = free_q && strcmp(free_q, "1") == 0;
	islot_row *r = NULL;
	size_t n = 0;
	int64_t total = 0;
	bg_error err;
	api_paging pg;
	if (!api_paging_read(rq, rs, &pg))
		return;
	if (islot_list(rq->db, &rq->arena, rq->person_id, free_only ? ISLOT_FREE_FOLLOWED : ISLOT_MINE,
		       coop_q ? atoll(coop_q) : 0, pg.limit, pg.offset, &r, &n, &total, &err) != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	buf *b = reply_json(rs, 200);
	buf_puts(b, "{\"slots\":[");
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_putc(b, ',');
		api_islot_json(b, &r[i]);
	}
	buf_putc(b, ']');
	api_paging_json(b, &pg, total);
	buf_putc(b, '}');
}

/* POST /api/v1/interview-slots {cooperative_id, place_id | online_url,
 * starts_at, ends_at} — local times of the place's zone (Paris online). */
static void api_islot_create(request *rq, response *rs)
{
	json_t *body = api_body(rq, rs);
	if (!body)
		return;
	islot s = {0};
	bg_error err;
	if (json_get_int(body, "cooperative_id", true, &s.cooperative_id, &err) != BG_OK ||
	    json_get_int(body, "place_id", false, &s.place_id, &err) != BG_OK) {
		json_decref(body);
		reply_error(rq, rs, &err);
		return;
	}
	char tz[65] = HOSP_DEFAULT_TZ;
	place p;
	if (s.place_id && place_get(rq->db, rq->person_id, s.place_id, &p, NULL) == BG_OK)
		snprintf(tz, sizeof tz, "%s", p.timezone);
	if (!api_hosp_copy_string(rq, rs, body, "online_url", false, s.online_url, sizeof s.online_url) ||
	    !api_hosp_get_time(rq, rs, body, "starts_at", tz, &s.starts_at) ||
	    !api_hosp_get_time(rq, rs, body, "ends_at", tz, &s.ends_at)) {
		json_decref(body);
		return;
	}
	json_decref(body);
	if (db_begin(rq->db, DB_WRITE, &err) != BG_OK || islot_create(rq->db, rq->person_id, &s, &err) != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	if (api_commit(rq, rs))
		buf_printf(reply_json(rs, 201), "{\"id\":%lld}", (long long)s.id);
}

/* DELETE /api/v1/interview-slots/{id} — one of my free slots */
static void api_islot_delete(request *rq, response *rs)
{
	bg_error err;
	if (db_begin(rq->db, DB_WRITE, &err) != BG_OK ||
	    islot_delete(rq->db, rq->person_id, rq_param_id(rq, 0), &err) != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	if (!api_commit(rq, rs))
		return;
	rs->status = 204;
	rs->content_type = NULL;
}

/* POST /api/v1/newcomers/{id}/interview {slot_id} — books the interview */
static void api_interview_book(request *rq, response *rs)
{
	json_t *body = api_body(rq, rs);
	if (!body)
		return;
	int64_t slot = 0, id = 0;
	bg_error err;
	if (json_get_int(body, "slot_id", true, &slot, &err) != BG_OK || db_begin(rq->db, DB_WRITE, &err) != BG_OK ||
	    interview_book(rq->db, rq->person_id, rq_param_id(rq, 0), slot, rq_base_url(rq), &id, &err) != BG_OK) {
		json_decref(body);
		api_fail(rq, rs, &err);
		return;
	}
	json_decref(body);
	if (!api_commit(rq, rs))
		return;
	rq_kick_mailer(rq);
	buf_printf(reply_json(rs, 201), "{\"id\":%lld,\"uid\":\"interview-%lld@bigre\"}", (long long)id, (long long)id);
}

/* DELETE /api/v1/interviews/{id} — cancels it; the slot is free again */
static void api_interview_cancel(request *rq, response *rs)
{
	bg_error err;
	if (db_begin(rq->db, DB_WRITE, &err) != BG_OK ||
	    interview_cancel(rq->db, rq->person_id, rq_param_id(rq, 0), rq_base_url(rq), &err) != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	if (!api_commit(rq, rs))
		return;
	rq_kick_mailer(rq);
	rs->status = 204;
	rs->content_type = NULL;
}

/* POST /api/v1/newcomers/{id}/interview-link — mails the newcomer a secret
 * link to choose their interview themself (the token is never answered) */
static void api_newcomer_link(request *rq, response *rs)
{
	bg_error err;
	if (db_begin(rq->db, DB_WRITE, &err) != BG_OK ||
	    newcomer_link_send(rq->db, rq->person_id, rq_param_id(rq, 0), rq_base_url(rq), &err) != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	if (!api_commit(rq, rs))
		return;
	rq_kick_mailer(rq);
	buf_puts(reply_json(rs, 202), "{\"status\":\"sent\"}");
}

const route api_hosp_interviews_routes[] = {
	{HTTP_GET, "/api/v1/interview-slots", api_islots_list, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/interview-slots", api_islot_create, ROUTE_AUTH},
	{HTTP_DELETE, "/api/v1/interview-slots/{id}", api_islot_delete, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/newcomers/{id}/interview", api_interview_book, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/newcomers/{id}/interview-link", api_newcomer_link, ROUTE_AUTH},
	{HTTP_DELETE, "/api/v1/interviews/{id}", api_interview_cancel, ROUTE_AUTH},
	{0, NULL, NULL, 0},
};
