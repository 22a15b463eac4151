/*
 * interviews.c — the JSON face of welcome interviews in hosts' slots
 * (/api/v1/interview-slots, /api/v1/newcomers/{id}/interview…,
 * /api/v1/interviews/{id}; docs/api.md, "## Hospitality").
 *
 * Handlers are thin: one api_run() each, whose operation reads the body,
 * makes one domain call of src/hospitality/interview.c and renders; no
 * SQL.
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
	api_str(b, "timezone", s->timezone);
	buf_puts(b, ",\"starts_at\":\"");
	hosp_format_iso_local(b, s->timezone, s->starts_at);
	buf_puts(b, "\",\"ends_at\":\"");
	hosp_format_iso_local(b, s->timezone, s->ends_at);
	buf_printf(b, "\",\"free\":%s", !s->interview_id ? "true" : "false");
	if (s->interview_id)
		buf_printf(b, ",\"interview_id\":%lld", (long long)s->interview_id);
	buf_putc(b, '}');
}

/* One row of the list of api_islots_list_op. */
static void api_islots_list_item(buf *b, const void *rows, size_t i)
{
	const islot_row *v = rows;
	api_islot_json(b, &v[i]);
}

/* GET /api/v1/interview-slots — my slots to come; ?free=1: the free slots
 * to come of the cooperatives whose newcomers I follow (mine included);
 * &cooperative_id= narrows to one. */
API_OP(api_islots_list, API_PLAIN, api_islots_list_op)
{
	request *rq = r->rq;
	const char *free_q = rq_query(rq, "free"), *coop_q = rq_query(rq, "cooperative_id");
	bool free_only = free_q && strcmp(free_q, "1") == 0;
	islot_row *v = NULL;
	api_paging pg;
	bg_status st = api_paging_get(rq, &pg, err);
	if (st == BG_OK)
		st = islot_list(rq->db, &rq->arena, rq->person_id, free_only ? ISLOT_FREE_FOLLOWED : ISLOT_MINE,
				coop_q ? atoll(coop_q) : 0, pg.limit, pg.offset, &v, &pg.n, &pg.total, err);
	return api_page(r, st, "slots", api_islots_list_item, v, &pg);
}

/* POST /api/v1/interview-slots {cooperative_id, place_id | online_url,
 * starts_at, ends_at} — local times of the place's zone (Paris online). */
API_OP(api_islot_create, API_BODY, api_islot_create_op)
{
	request *rq = r->rq;
	json_t *body = r->body;
	islot s = {0};
	bg_status st;
	if ((st = json_get_int(body, "cooperative_id", true, &s.cooperative_id, err)) != BG_OK ||
	    (st = json_get_int(body, "place_id", false, &s.place_id, err)) != BG_OK)
		return st;
	char tz[65] = HOSP_DEFAULT_TZ;
	place p;
	if (s.place_id && place_get(rq->db, rq->person_id, s.place_id, &p, NULL) == BG_OK)
		snprintf(tz, sizeof tz, "%s", p.timezone);
	if ((st = api_hosp_copy_string(body, "online_url", false, s.online_url, sizeof s.online_url, err)) != BG_OK ||
	    (st = api_hosp_get_time(body, "starts_at", tz, &s.starts_at, err)) != BG_OK ||
	    (st = api_hosp_get_time(body, "ends_at", tz, &s.ends_at, err)) != BG_OK ||
	    (st = islot_create(rq->db, rq->person_id, &s, err)) != BG_OK)
		return st;
	return api_created(r, st, s.id);
}

/* DELETE /api/v1/interview-slots/{id} — one of my free slots */
API_OP(api_islot_delete, API_PLAIN, api_islot_delete_op)
{
	bg_status st = islot_delete(r->rq->db, r->rq->person_id, r->id, err);
	return api_no_content(r, st);
}

/* POST /api/v1/newcomers/{id}/interview {slot_id} — books the interview */
API_OP(api_interview_book, API_BODY_MAIL, api_interview_book_op)
{
	int64_t slot = 0, id = 0;
	bg_status st;
	if ((st = json_get_int(r->body, "slot_id", true, &slot, err)) != BG_OK ||
	    (st = interview_book(r->rq->db, r->rq->person_id, r->id, slot, rq_base_url(r->rq), &id, err)) != BG_OK)
		return st;
	buf_printf(api_json(r, 201), "{\"id\":%lld,\"uid\":\"interview-%lld@bigre\"}", (long long)id, (long long)id);
	return BG_OK;
}

/* DELETE /api/v1/interviews/{id} — cancels it; the slot is free again */
API_OP(api_interview_cancel, API_MAIL, api_interview_cancel_op)
{
	bg_status st = interview_cancel(r->rq->db, r->rq->person_id, r->id, rq_base_url(r->rq), err);
	return api_no_content(r, st);
}

/* POST /api/v1/newcomers/{id}/interview-link — mails the newcomer a secret
 * link to choose their interview themself (the token is never answered) */
API_OP(api_newcomer_link, API_MAIL, api_newcomer_link_op)
{
	bg_status st = newcomer_link_send(r->rq->db, r->rq->person_id, r->id, rq_base_url(r->rq), err);
	return api_status(r, st, 202, "sent");
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
