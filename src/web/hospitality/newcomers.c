/*
 * newcomers.c — a newcomer's path as the hosts see it (/newcomers/{id}):
 * the steps, the orientation to another cooperative, the welcome
 * interview booked in a host's slot or cancelled, and the mail that sends
 * the newcomer a link to choose it.
 */
#include "web/hospitality/web_hospitality_internal.h"

/* A free interview slot as a choice tells it: when, where (the place,
 * with its city when with_city, or "Online"), and with whom. */
void wh_slot_text(request *rq, html *b, const islot_row *r, bool with_city)
{
	const char *L = rq->lang;
	wh_when(rq, b, r->timezone, r->starts_at);
	buf e;
	buf_init(&e);
	wh_hhmm(&e, r->timezone, r->ends_at);
	const char *where = !r->place_id ? tr(L, "Online")
			    : with_city ? arena_printf(&rq->arena, "%s, %s", r->place, r->city) : r->place;
	h_printf(b, "–%s, %s — %s", e.data, where, with_city ? arena_printf(&rq->arena, tr(L, "With %s"), r->host) : r->host);
	buf_free(&e);
}

/* How many free slots there are in all, under a page of them. */
void wh_slots_count(request *rq, response *rs, int64_t total)
{
	h_printf(page_html(rs), "<p role=\"status\" class=\"count\">%s</p>",
		 arena_printf(&rq->arena, trn(rq->lang, "%s free slot", "%s free slots", (long)total), web_net_int(rq, total)));
}

/* The newcomer page's "welcome interview" section: the interview booked
 * (with a cancel button), or the free slots of the newcomer's cooperative
 * to book one (the error of a refused booking next to the list); false
 * when the error page was answered instead. */
static bool wh_newcomer_interview(request *rq, response *rs, const newcomer *n, const bg_error *err)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
	h_printf(b, "<h2 id=\"interview\">%s</h2>", tr(L, "Welcome interview"));
	interview_view iv;
	bg_error e;
	if (interview_booked(rq->db, &rq->arena, rq->person_id, n->id, &iv, &e) != BG_OK) {
		page_fail(rq, rs, &e);
		return false;
	}
	if (iv.id) {
		if (iv.timezone) {
			h_printf(b, "<p class=\"interview-booked\">%s ", tr(L, "Booked:"));
			wh_when(rq, b, iv.timezone, iv.starts_at);
			h_printf(b, ", %s — %s</p>", iv.where, iv.host);
		}
		page_error_summary(rq, rs, err);
		h_printf(b, "<form method=\"post\" action=\"/interviews/%lld/cancel\">", (long long)iv.id);
		page_csrf_field(rq, rs);
		h_printf(b, "<button type=\"submit\">%s</button></form>", tr(L, "Cancel the interview"));
		return true;
	}
	int page = page_number_of(rq, "slots_page");
	islot_row *r = NULL;
	size_t k = 0;
	int64_t total = 0;
	if (islot_list(rq->db, &rq->arena, rq->person_id, ISLOT_FREE_OF_COOP, n->cooperative_id, SLOTS_PER_PAGE,
		       (int64_t)(page - 1) * SLOTS_PER_PAGE, &r, &k, &total, &e) != BG_OK) {
		page_error_summary(rq, rs, &e);
		return true;
	}
	h_printf(b, "<form method=\"post\" action=\"/newcomers/%lld/interview#interview\" novalidate>", (long long)n->id);
	page_csrf_field(rq, rs);
	h_printf(b, "<div class=\"field\"><label for=\"f-slot_id\">%s</label>", tr(L, "Free slot"));
	bool bad = wh_field_error(rq, rs, err, "slot_id") || wh_field_error(rq, rs, err, "newcomer_id");
	h_printf(b, "<select id=\"f-slot_id\" name=\"slot_id\"");
	if (bad)
		h_printf(b, " aria-invalid=\"true\" aria-describedby=\"e-%s\"", err->field);
	h_printf(b, ">");
	for (size_t i = 0; i < k; i++) {
		h_printf(b, "<option value=\"%lld\">", (long long)r[i].id);
		wh_slot_text(rq, b, &r[i], false);
		h_printf(b, "</option>");
	}
	h_printf(b, "</select></div>");
	if (k)
		h_printf(b, "<button type=\"submit\">%s</button>", tr(L, "Book the interview"));
	else
		h_printf(b, "<p>%s</p>", tr(L, "No free slot: hosts publish theirs on the hosts' dashboard."));
	h_printf(b, "</form>");
	wh_slots_count(rq, rs, total);
	page_pager_of(rq, rs, arena_printf(&rq->arena, "/newcomers/%lld", (long long)n->id), rq_query_without(rq, "slots_page"),
		      "slots_page", page, total, SLOTS_PER_PAGE);
	/* or let the newcomer choose, through a link mailed to them */
	if (rq_query(rq, "link_sent"))
		h_printf(b, "<div class=\"notice\" role=\"status\"><p>%s</p></div>",
			 tr(L, "The link is sent: the newcomer can now choose a slot themself."));
	h_printf(b, "<form method=\"post\" action=\"/newcomers/%lld/interview-link\">", (long long)n->id);
	page_csrf_field(rq, rs);
	h_printf(b, "<p>%s <button type=\"submit\" class=\"link\">%s</button></p></form>",
		 tr(L, "Or let them choose:"), tr(L, "Mail them a link to choose their slot"));
	return true;
}

/* POST /newcomers/{id}/interview-link — mails the newcomer their link */
static void web_newcomer_link(request *rq, response *rs)
{
	bg_error err;
	int64_t id = rq_param_id(rq, 0);
	bg_status st = web_begin(rq, BG_OK, &err);
	if (st == BG_OK)
		st = newcomer_link_send(rq->db, rq->person_id, id, rq_base_url(rq), &err);
	web_finish(rq, rs, st, &err, arena_printf(&rq->arena, "/newcomers/%lld?link_sent=1#interview", (long long)id),
		   WEB_MAIL | WEB_BUTTON);
}

static void wh_newcomer_page(request *rq, response *rs, int64_t id, const bg_error *err_in)
{
	const char *L = rq->lang;
	/* an error of the interview section is shown there, others at the step form */
	bool interview_err = err_in && err_in->field && (strcmp(err_in->field, "slot_id") == 0 ||
		strcmp(err_in->field, "newcomer_id") == 0 || strcmp(err_in->field, "interview_id") == 0);
	const bg_error *err = interview_err ? NULL : err_in;
	html *b = page_html(rs);
	newcomer n;
	bg_error e2;
	if (newcomer_get(rq->db, rq->person_id, id, &n, &e2) != BG_OK) {
		page_error(rq, rs, &e2);
		return;
	}
	newcomer_step_view *st = NULL;
	hosp_choice *to = NULL;
	size_t nst = 0, nto = 0;
	if (newcomer_step_list(rq->db, &rq->arena, rq->person_id, n.id, &st, &nst, &e2) != BG_OK ||
	    (strcmp(n.status, "open") == 0 && newcomer_orient_choices(rq->db, &rq->arena, rq->person_id, &n, &to, &nto, &e2) != BG_OK)) {
		page_fail(rq, rs, &e2);
		return;
	}
	page_begin(rq, rs, n.name);
	wh_subnav(rq, rs);
	h_printf(b, "<h1>%s</h1><p class=\"lead\">%s · %s</p>", n.name, n.email, n.postcode);
	if (n.project[0])
		h_printf(b, "<p>%s</p>", n.project);
	path_step steps[PATH_MAX_STEPS];
	int ns = 0;
	if (path_steps_read(rq->db, rq->person_id, n.cooperative_id, steps, PATH_MAX_STEPS, &ns, &e2) != BG_OK) {
		page_fail(rq, rs, &e2);
		return;
	}
	h_printf(b, "<h2>%s</h2><ol class=\"path\">", tr(L, "Path"));
	for (int i = 0; i < ns; i++) {
		bool done = false;
		for (size_t j = 0; j < nst && !done; j++)
			done = strcmp(st[j].code, steps[i].code) == 0;
		bool current = strcmp(steps[i].code, n.current_step) == 0;
		h_printf(b, "<li");
		h_attr(b, "class", done ? (current ? "done current" : "done") : (current ? "todo current" : "todo"));
		h_printf(b, ">%s</li>", tr(L, steps[i].label));
	}
	h_printf(b, "</ol><h2>%s</h2><table><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
		 tr(L, "History"), tr(L, "Day"), tr(L, "Step"), tr(L, "By"), tr(L, "Notes"), tr(L, "Documents"));
	for (size_t j = 0; j < nst; j++) {
		char label[101];
		path_step_label(rq->db, n.cooperative_id, st[j].code, label);
		h_printf(b, "<tr><td>%s</td><td>%s <small>(%s)</small></td><td>%s</td><td>%s</td><td>", st[j].day,
			 tr(L, label), st[j].cooperative, st[j].done_by, st[j].notes);
		for (size_t k = 0; k < st[j].ndocuments; k++) {
			const newcomer_document_row *doc = &st[j].documents[k];
			/* (the <br> was a %s once, so shown as text: markup is never an argument) */
			if (k)
				h_printf(b, "<br>");
			h_printf(b, "<a class=\"document\" href=\"/api/v1/newcomers/%lld/documents/%lld\">%s</a> <small>(%lld %s)</small>",
				 (long long)n.id, (long long)doc->id, doc->filename,
				 (long long)((doc->size + 1023) / 1024), tr(L, "KiB"));
		}
		h_printf(b, "</td></tr>");
	}
	h_printf(b, "</tbody></table>");
	if (strcmp(n.status, "open") == 0) {
		if (!wh_newcomer_interview(rq, rs, &n, interview_err ? err_in : NULL))
			return;
		h_printf(b, "<h2>%s</h2>", tr(L, "Record a step"));
		page_error_summary(rq, rs, err);
		h_printf(b, "<form method=\"post\" action=\"/newcomers/%lld/steps\" enctype=\"multipart/form-data\" novalidate>",
			 (long long)n.id);
		page_csrf_field(rq, rs);
		widget_select_begin(rq, rs, &(widget){.name = "code", .label = tr(L, "Step"), .err = err});
		for (int i = 0; i < ns; i++)
			widget_option(rs, steps[i].code, tr(L, steps[i].label), false);
		widget_option(rs, "exit", tr(L, "Exit"), false);
		widget_select_end(rs);
		widget_select_begin(rq, rs, &(widget){.name = "reason", .label = tr(L, "Reason for leaving (exit only)"), .err = err});
		widget_option(rs, "", "—", false);
		for (int i = 0; newcomer_exit_reasons[i]; i++)
			widget_option(rs, newcomer_exit_reasons[i], tr(L, newcomer_exit_reasons[i]), false);
		widget_select_end(rs);
		page_input(rq, rs, "day", tr(L, "Day"), "date", NULL, NULL, err);
		widget_textarea(rq, rs, 3, &(widget){.name = "notes", .label = tr(L, "Notes"), .err = err});
		widget_file(rq, rs, ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png",
			    &(widget){.name = "document", .label = tr(L, "Document (optional)"),
				      .hint = tr(L, "A PDF, JPEG or PNG file of at most 1 MiB."), .err = err});
		h_printf(b, "<button type=\"submit\">%s</button></form>", tr(L, "Record"));
		h_printf(b, "<h2>%s</h2><form method=\"post\" action=\"/newcomers/%lld/orientation\" novalidate>",
			 tr(L, "Orient to another cooperative"), (long long)n.id);
		page_csrf_field(rq, rs);
		h_printf(b, "<div class=\"field\"><label for=\"f-to\">%s</label><select id=\"f-to\" name=\"cooperative_id\">",
			 tr(L, "Cooperative"));
		for (size_t j = 0; j < nto; j++)
			h_printf(b, "<option value=\"%lld\">%s</option>", (long long)to[j].id, to[j].name);
		h_printf(b, "</select></div><div class=\"field check\"><input id=\"f-o-consent\" type=\"checkbox\" name=\"consent\" value=\"1\"> "
			    "<label for=\"f-o-consent\">%s</label></div><button type=\"submit\">%s</button></form>",
			 tr(L, "The person agrees to their record being passed on, with its history."), tr(L, "Orient"));
	}
	page_end(rq, rs);
}

static void web_newcomer(request *rq, response *rs)
{
	wh_newcomer_page(rq, rs, rq_param_id(rq, 0), NULL);
}

/* POST /newcomers/{id}/interview — books the chosen free slot */
static void web_newcomer_interview(request *rq, response *rs)
{
	bg_error err;
	const form *f = rq_form(rq, &err);
	int64_t id = rq_param_id(rq, 0);
	const char *slot = f ? form_get(f, "slot_id") : NULL;
	if (!f) {
		page_fail(rq, rs, &err);
		return;
	}
	if (db_begin(rq->db, DB_WRITE, &err) == BG_OK) {
		if (interview_book(rq->db, rq->person_id, id, slot ? atoll(slot) : 0, rq_base_url(rq), NULL, &err) == BG_OK &&
		    db_commit(rq->db, &err) == BG_OK) {
			rq_kick_mailer(rq);
			rs_redirect(rq, rs, arena_printf(&rq->arena, "/newcomers/%lld#interview", (long long)id));
			return;
		}
		db_rollback(rq->db);
	}
	bool mine = newcomer_get(rq->db, rq->person_id, id, &(newcomer){0}, NULL) == BG_OK;
	if (!mine) {
		page_error(rq, rs, &err);
		return;
	}
	wh_newcomer_page(rq, rs, id, &err);
	rs->status = err.status == BG_ERR_CONFLICT ? 409 : err.status == BG_ERR_NOT_FOUND ? 404 : 422;
}

/* POST /interviews/{id}/cancel — back to the newcomer's page */
static void web_interview_cancel(request *rq, response *rs)
{
	bg_error err;
	int64_t id = rq_param_id(rq, 0), nid = 0;
	bg_status st = web_begin(rq, BG_OK, &err);
	if (st == BG_OK)
		st = interview_cancel(rq->db, rq->person_id, id, rq_base_url(rq), &err);
	if (st == BG_OK)
		st = interview_newcomer_of(rq->db, rq->person_id, id, &nid, &err);
	web_finish(rq, rs, st, &err, arena_printf(&rq->arena, "/newcomers/%lld#interview", (long long)nid),
		   WEB_MAIL | WEB_BUTTON);
}

/* POST /newcomers/{id}/orientation */
static void web_newcomer_orient(request *rq, response *rs)
{
	bg_error err;
	const form *f = rq_form(rq, &err);
	int64_t id = rq_param_id(rq, 0);
	const char *to = f ? form_get(f, "cooperative_id") : NULL;
	bg_status st = web_begin(rq, f ? BG_OK : err.status, &err);
	if (st == BG_OK)
		st = newcomer_orient(rq->db, rq->person_id, id, to ? atoll(to) : 0, form_get(f, "consent") != NULL,
				     rq_base_url(rq), &err);
	/* the record may now belong to a cooperative the host does not follow: /hosts */
	if (web_finish(rq, rs, st, &err, "/hosts", WEB_MAIL))
		wh_newcomer_page(rq, rs, id, &err);
}

static void web_newcomer_step(request *rq, response *rs)
{
	bg_error err;
	const form *f = rq_form(rq, &err);
	int64_t id = rq_param_id(rq, 0);
	const char *reason = f ? form_get(f, "reason") : NULL;
	const multipart_file *doc = f ? rq_file(rq, "document") : NULL;
	int64_t step = 0;
	bg_status st = web_begin(rq, f ? BG_OK : err.status, &err);
	if (st == BG_OK)
		st = newcomer_add_step(rq->db, rq->person_id, id, form_get(f, "code"), form_get(f, "day"), form_get(f, "notes"),
				       reason && *reason ? reason : NULL, rq_base_url(rq), &step, &err);
	if (st == BG_OK && doc)
		st = newcomer_document_add(rq->db, rq->person_id, id, step, doc->filename, doc->data, doc->size, NULL, &err);
	if (web_finish(rq, rs, st, &err, arena_printf(&rq->arena, "/newcomers/%lld", (long long)id), WEB_MAIL))
		wh_newcomer_page(rq, rs, id, &err);
}

const route web_hosp_newcomers_routes[] = {
	{HTTP_POST, "/newcomers/{id}/interview", web_newcomer_interview, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/newcomers/{id}/interview-link", web_newcomer_link, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/interviews/{id}/cancel", web_interview_cancel, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/newcomers/{id}/orientation", web_newcomer_orient, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_GET, "/newcomers/{id}", web_newcomer, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/newcomers/{id}/steps", web_newcomer_step, ROUTE_PAGE | ROUTE_AUTH},
	{0, NULL, NULL, 0},
};
