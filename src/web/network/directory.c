/*
 * network/directory.c — the directory: search and filters (paged), its CSV
 * export through core/csv.h (';'-separated, formula-neutralised), and a
 * person's page with only what the viewer may see.
 */
#include "web/network/web_network_internal.h"

/* A person's card in a list. */
static void web_person_card(request *rq, response *rs, const net_profile *p)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
	h_printf(b, "<li class=\"card person\"><h3><a href=\"/people/%lld\">%s</a></h3>", (long long)p->id,
		 p->display_name);
	if (p->trades && p->ntrades)
		h_printf(b, "<p class=\"trades\">%s</p>", web_net_join(rq, p->trades, p->ntrades));
	if (p->territory.commune) {
		h_printf(b, "<p class=\"place\">");
		web_net_place(rq, rs, &p->territory);
		h_printf(b, "</p>");
	}
	if (p->skills && p->nskills) {
		h_printf(b, "<ul class=\"tags\" aria-label=\"%s\">", tr(L, "Skills"));
		for (size_t i = 0; i < p->nskills; i++)
			h_printf(b, "<li>%s</li>", p->skills[i]);
		h_printf(b, "</ul>");
	}
	if (p->wants_cooperate == 1)
		h_printf(b, "<p class=\"badge\">%s</p>", tr(L, "Wants to cooperate"));
	h_printf(b, "</li>");
}

/* GET /directory: the search form, the people found (as the viewer may see them), pages. */
static void web_directory(request *rq, response *rs)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
	net_search q = {.q = rq_query(rq, "q"), .skill = rq_query(rq, "skill"),
			.trade = rq_query(rq, "trade"), .territory = rq_query(rq, "territory"),
			.cooperate_only = rq_query(rq, "cooperate") != NULL, .page = page_number(rq),
			.per_page = PER_PAGE};
	net_search_result r;
	bg_error err;
	bg_status st = net_people_search(rq->db, &rq->arena, rq->person_id, &q, &r, &err);
	if (st != BG_OK && st != BG_ERR_INVALID) {
		page_fail(rq, rs, &err);
		return;
	}
	page_begin(rq, rs, tr(L, "Directory"));
	h_printf(b, "<h1>%s</h1>", tr(L, "Directory"));
	h_printf(b, "<p class=\"lead\">%s</p>",
		 rq->person_id ? tr(L, "The people of the group's cooperatives, as each chose to appear.")
			       : tr(L, "The people of the group who chose to appear publicly. Log in to see more."));
	h_printf(b, "<form method=\"get\" action=\"/directory\" role=\"search\" class=\"search\">");
	if (st != BG_OK)
		page_error_summary(rq, rs, &err);
	h_printf(b, "<div class=\"field-row\">");
	web_net_text(rq, rs, "q", tr(L, "Name or words"), NULL, q.q, NULL, st != BG_OK ? &err : NULL);
	web_net_text(rq, rs, "skill", tr(L, "Skill"), NULL, q.skill, NULL, NULL);
	web_net_text(rq, rs, "trade", tr(L, "Trade"), NULL, q.trade, NULL, NULL);
	web_net_text(rq, rs, "territory", tr(L, "Commune, postcode or department"), NULL, q.territory,
		     NULL, NULL);
	h_printf(b, "</div>");
	widget_checkbox(rq, rs, q.cooperate_only,
			&(widget){.name = "cooperate", .label = tr(L, "Only people who want to cooperate")});
	h_printf(b, "<button type=\"submit\">%s</button></form>", tr(L, "Search"));
	if (st == BG_OK) {
		h_printf(b, "<p role=\"status\" class=\"count\">");
		h_textf(b, trn(L, "%s person found", "%s people found", (long)r.total), web_net_int(rq, r.total));
		h_printf(b, "</p><ul class=\"cards\">");
		for (size_t i = 0; i < r.n; i++)
			web_person_card(rq, rs, &r.items[i]);
		h_printf(b, "</ul>");
		buf query;
		buf_init(&query);
		static const char *const keys[] = {"q", "skill", "trade", "territory", "cooperate"};
		for (size_t i = 0; i < 5; i++) {
			const char *v = rq_query(rq, keys[i]);
			if (v && *v) {
				buf_printf(&query, "%s=", keys[i]);
				web_net_urlenc(&query, v);
				buf_putc(&query, '&');
			}
		}
		page_pager(rq, rs, "/directory", query.data ? query.data : "", q.page, r.total, PER_PAGE);
		if (r.total)
			h_printf(b, "<p><a href=\"/directory.csv?%s\" download>%s</a></p>", query.data ? query.data : "",
				 tr(L, "Download this list (CSV, for a spreadsheet)"));
		buf_free(&query);
	} else {
		rs->status = 400;
	}
	page_end(rq, rs);
}

/* GET /directory.csv?… — the search as a spreadsheet (UTF-8 with BOM, ';'),
 * through the same search and visibility as the page: a hidden field is an
 * empty cell.  At most 5,000 rows. */
static void web_directory_csv(request *rq, response *rs)
{
	const char *L = rq->lang;
	net_search q = {.q = rq_query(rq, "q"), .skill = rq_query(rq, "skill"),
			.trade = rq_query(rq, "trade"), .territory = rq_query(rq, "territory"),
			.cooperate_only = rq_query(rq, "cooperate") != NULL, .per_page = 100};
	bg_error limited;
	/* an export is heavy: anonymous visitors share the public forms' limit */
	if (!rq->person_id && rq_rate_limit(rq, RL_PUBLIC_FORM, rq_client_address(rq), &limited) != BG_OK) {
		page_fail(rq, rs, &limited);
		return;
	}
	buf *csv = rs_body(rs, "text/csv; charset=utf-8");
	rs_header(rq, rs, "Content-Disposition", "attachment; filename=\"annuaire.csv\"");
	buf_puts(csv, "\xEF\xBB\xBF");
	static const char *const head[] = {N_("Name"), N_("Trades"), N_("Skills"), N_("Commune"), N_("Postcode"),
					   N_("Area"), N_("Email"), N_("Wants to cooperate"), N_("Cooperatives"),
					   N_("Page")};
	for (size_t i = 0; i < 10; i++)
		csv_field(csv, tr(L, head[i]), ';', i == 9);
	for (q.page = 1; q.page <= 50; q.page++) {
		net_search_result r;
		bg_error err;
		if (net_people_search(rq->db, &rq->arena, rq->person_id, &q, &r, &err) != BG_OK) {
			page_fail(rq, rs, &err);
			return;
		}
		for (size_t i = 0; i < r.n; i++) {
			const net_profile *p = &r.items[i];
			csv_field(csv, p->display_name, ';', false);
			csv_field(csv, p->trades ? web_net_join(rq, p->trades, p->ntrades) : "", ';', false);
			csv_field(csv, p->skills ? web_net_join(rq, p->skills, p->nskills) : "", ';', false);
			csv_field(csv, p->territory.commune, ';', false);
			csv_field(csv, p->territory.postcode, ';', false);
			csv_field(csv, p->territory.commune ? web_net_label(rq, web_net_area_options, p->territory.kind) : "", ';', false);
			csv_field(csv, p->email, ';', false);
			csv_field(csv, p->wants_cooperate < 0 ? "" : p->wants_cooperate ? tr(L, "Yes") : tr(L, "No"), ';', false);
			csv_field(csv, p->coops ? web_net_join(rq, p->coops, p->ncoops) : "", ';', false);
			csv_field(csv, arena_printf(&rq->arena, "%s/people/%lld", rq_base_url(rq), (long long)p->id), ';', true);
		}
		if ((int64_t)q.page * q.per_page >= r.total)
			break;
	}
}

/* GET /people/{id}: a person's page, with only what the viewer may see. */
static void web_person(request *rq, response *rs)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
	net_profile p;
	bg_error err;
	if (net_profile_load(rq->db, &rq->arena, rq->person_id, rq_param_id(rq, 0), &p, &err) != BG_OK) {
		page_fail(rq, rs, &err);
		return;
	}
	page_begin(rq, rs, p.display_name);
	h_printf(b, "<article class=\"person-page\"><h1>%s</h1>", p.display_name);
	if (p.trades && p.ntrades)
		h_printf(b, "<p class=\"lead\">%s</p>", web_net_join(rq, p.trades, p.ntrades));
	if (p.presentation && *p.presentation)
		h_printf(b, "<p>%s</p>", p.presentation);
	h_printf(b, "<dl class=\"facts\">");
	if (p.coops && p.ncoops)
		h_printf(b, "<dt>%s</dt><dd>%s</dd>", tr(L, "Cooperatives"), web_net_join(rq, p.coops, p.ncoops));
	if (p.territory.commune) {
		h_printf(b, "<dt>%s</dt><dd>", tr(L, "Territory"));
		web_net_place(rq, rs, &p.territory);
		h_printf(b, "</dd>");
	}
	if (p.skills && p.nskills) {
		h_printf(b, "<dt>%s</dt><dd><ul class=\"tags\">", tr(L, "Skills"));
		for (size_t i = 0; i < p.nskills; i++) {
			buf enc;
			buf_init(&enc);
			web_net_urlenc(&enc, p.skills[i]);
			h_printf(b, "<li><a href=\"/directory?skill=%s\">%s</a></li>", enc.data, p.skills[i]);
			buf_free(&enc);
		}
		h_printf(b, "</ul></dd>");
	}
	if (p.email)
		h_printf(b, "<dt>%s</dt><dd><a href=\"mailto:%s\">%s</a></dd>", tr(L, "Email"), p.email, p.email);
	if (p.links && *p.links) {
		h_printf(b, "<dt>%s</dt><dd><ul class=\"plain\">", tr(L, "Links"));
		for (const char *s = p.links; *s;) {
			size_t n = strcspn(s, "\n");
			char *one = arena_strndup(&rq->arena, s, n);
			if (*one)
				h_printf(b, "<li><a href=\"%s\" rel=\"nofollow noopener\">%s</a></li>", one, one);
			s += n + (s[n] != '\0');
		}
		h_printf(b, "</ul></dd>");
	}
	if (p.wants_cooperate >= 0)
		h_printf(b, "<dt>%s</dt><dd>%s</dd>", tr(L, "Wants to cooperate"),
			 p.wants_cooperate ? tr(L, "Yes") : tr(L, "Not at the moment"));
	h_printf(b, "</dl>");
	if (p.level == NET_SELF)
		h_printf(b, "<p><a class=\"button\" href=\"/me/profile\">%s</a></p>", tr(L, "Edit my profile"));
	h_printf(b, "</article>");
	page_end(rq, rs);
}

const route web_net_directory_routes[] = {
	{HTTP_GET, "/directory", web_directory, ROUTE_PAGE},
	{HTTP_GET, "/directory.csv", web_directory_csv, ROUTE_PAGE},
	{HTTP_GET, "/people/{id}", web_person, ROUTE_PAGE},
	{0, NULL, NULL, 0},
};
