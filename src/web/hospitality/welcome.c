/*
 * welcome.c — the newcomer's own page, opened by the secret link of a mail
 * (/welcome/interview, no account): their booked interview with a button
 * to cancel it, or the free slots of their cooperative to choose from.
 */
#include "web/hospitality/web_hospitality_internal.h"

/* The page a newcomer's link opens: their booked interview (with a button
 * to cancel it), or the free slots of their cooperative to choose from.
 * err: a refused choice, shown next to the list. */
static void wh_self_interview_page(request *rq, response *rs, const char *token, const bg_error *err)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
	newcomer n;
	bg_error e2;
	if (newcomer_link_open(rq->db, token, &n, NULL, &e2) != BG_OK) {
		page_error(rq, rs, &e2);
		return;
	}
	page_begin(rq, rs, tr(L, "Your welcome interview"));
	h_printf(b, "<div class=\"narrow\"><h1>%s</h1><p class=\"lead\">%s</p>", tr(L, "Your welcome interview"),
		 arena_printf(&rq->arena, tr(L, "Hello %s: a one-to-one meeting with someone of the welcome team, to talk about"
					     " your project and what you need."), n.name));
	if (rq_query(rq, "booked"))
		h_printf(b, "<div class=\"notice\" role=\"status\"><p>%s</p></div>",
			 tr(L, "Your interview is booked: we have sent you the invitation by email."));
	if (rq_query(rq, "cancelled"))
		h_printf(b, "<div class=\"notice\" role=\"status\"><p>%s</p></div>",
			 tr(L, "Your interview is cancelled. You can choose another date below."));
	interview_view iv;
	if (interview_booked_by_link(rq->db, &rq->arena, token, &iv, &e2) != BG_OK) {
		page_fail(rq, rs, &e2);
		return;
	}
	if (iv.id) {
		if (iv.timezone) {
			h_printf(b, "<p class=\"interview-booked\"><strong>");
			wh_when(rq, b, iv.timezone, iv.starts_at);
			buf e;
			buf_init(&e);
			wh_hhmm(&e, iv.timezone, iv.ends_at);
			h_printf(b, "–%s</strong><br>%s<br>%s</p>", e.data,
				 arena_printf(&rq->arena, tr(L, "With %s"), iv.host), iv.where_full);
			buf_free(&e);
		}
		page_error_summary(rq, rs, err);
		h_printf(b, "<form method=\"post\" action=\"/welcome/interview/cancel\">");
		page_csrf_field(rq, rs);
		h_printf(b, "<input type=\"hidden\" name=\"token\" value=\"%s\"><button type=\"submit\">%s</button></form></div>",
			 token, tr(L, "Cancel this interview"));
		page_end(rq, rs);
		return;
	}
	int page = page_number(rq);
	islot_row *r = NULL;
	size_t k = 0;
	int64_t total = 0;
	if (islot_list_by_link(rq->db, &rq->arena, token, SLOTS_PER_PAGE, (int64_t)(page - 1) * SLOTS_PER_PAGE, &r, &k,
			       &total, &e2) != BG_OK)
		err = &e2;
	page_error_summary(rq, rs, err);
	h_printf(b, "<form method=\"post\" action=\"/welcome/interview\" novalidate>");
	page_csrf_field(rq, rs);
	h_printf(b, "<input type=\"hidden\" name=\"token\" value=\"%s\">", token);
	bool bad = err && err->field && strcmp(err->field, "slot_id") == 0;
	h_printf(b, "<fieldset");
	h_attr(b, "class", bad ? "field slots-choice invalid" : "field slots-choice");
	if (bad)
		h_attr(b, "aria-describedby", "e-slot_id");
	h_printf(b, "><legend>%s</legend>", tr(L, "Choose a free slot"));
	wh_field_error(rq, rs, err, "slot_id");
	for (size_t i = 0; i < k; i++) {
		h_printf(b, "<div class=\"field check\"><input type=\"radio\" name=\"slot_id\" id=\"slot-%lld\" value=\"%lld\">"
			    "<label for=\"slot-%lld\">", (long long)r[i].id, (long long)r[i].id, (long long)r[i].id);
		wh_slot_text(rq, b, &r[i], true);
		h_printf(b, "</label></div>");
	}
	if (!k)
		h_printf(b, "<p>%s</p>", tr(L, "No free slot for now: the welcome team will write to you."));
	h_printf(b, "</fieldset>");
	if (k)
		h_printf(b, "<button type=\"submit\">%s</button>", tr(L, "Book this slot"));
	h_printf(b, "</form>");
	wh_slots_count(rq, rs, total);
	page_pager(rq, rs, "/welcome/interview", rq_query_without(rq, "page"), page, total, SLOTS_PER_PAGE);
	h_printf(b, "</div>");
	page_end(rq, rs);
}

/* GET /welcome/interview?token= */
static void web_self_interview(request *rq, response *rs)
{
	wh_self_interview_page(rq, rs, rq_query(rq, "token"), NULL);
}

/* POST /welcome/interview (token, slot_id) and /welcome/interview/cancel
 * (token): the newcomer books or cancels; back to their page. */
static void wh_self_interview_post(request *rq, response *rs, bool cancel)
{
	bg_error err;
	const form *f = rq_form(rq, &err);
	const char *token = f ? form_get(f, "token") : NULL, *slot = f ? form_get(f, "slot_id") : NULL;
	if (!f) {
		page_fail(rq, rs, &err);
		return;
	}
	bg_status st = web_begin(rq, rq_rate_limit(rq, RL_PUBLIC_FORM, rq_client_address(rq), &err), &err);
	if (st == BG_OK)
		st = cancel ? interview_cancel_by_link(rq->db, token, rq_base_url(rq), &err)
			    : interview_book_by_link(rq->db, token, slot ? atoll(slot) : 0, rq_base_url(rq), NULL, &err);
	/* a slot gone or taken meanwhile: the list again, the message next to it */
	if (st == BG_ERR_NOT_FOUND && err.field && strcmp(err.field, "slot_id") == 0)
		st = bg_fail(&err, BG_ERR_CONFLICT, "slot_taken", "slot_id", N_("This slot has just been taken: choose another one."));
	/* a link that is not (or no longer) good has no page to show again */
	bool bad_link = st != BG_OK && err.field && strcmp(err.field, "token") == 0;
	if (web_finish(rq, rs, st, &err,
		       arena_printf(&rq->arena, "/welcome/interview?token=%s&%s", token ? token : "", cancel ? "cancelled=1" : "booked=1"),
		       WEB_MAIL | WEB_409 | (bad_link ? WEB_BUTTON : 0)))
		wh_self_interview_page(rq, rs, token, &err);
}

static void web_self_interview_post(request *rq, response *rs) { wh_self_interview_post(rq, rs, false); }
static void web_self_interview_cancel(request *rq, response *rs) { wh_self_interview_post(rq, rs, true); }

const route web_hosp_welcome_routes[] = {
	{HTTP_GET, "/welcome/interview", web_self_interview, ROUTE_PAGE},
	{HTTP_POST, "/welcome/interview", web_self_interview_post, ROUTE_PAGE},
	{HTTP_POST, "/welcome/interview/cancel", web_self_interview_cancel, ROUTE_PAGE},
	{0, NULL, NULL, 0},
};
