/*
 * economy/ledger.c — the books: /economy/ledger?cooperative_id= (the
 * journals, balances per account and per activity, the entries of one
 * document with &doc_ref=), a manual entry /economy/entries/new (lines in
 * euros typed with up to 2 decimals, kept in cents; an unbalanced entry
 * comes back with both totals next to the lines), one entry
 * /economy/entries/{id} and its reversal, and /economy/close (closing the
 * periods up to a date).
 */
#include "web/economy/web_economy_internal.h"
#include "web/table.h"
#include <assert.h>

/* A table of ledger lines (ledger_lines_page), each entry's heading row
 * (a link to it) before its first line. */
void web_eco_entries_table(request *rq, response *rs, const ledger_line_row *v, size_t n)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
	table t;
	table_with(&t, b, (const char *[]){tr(L, "Journal"), tr(L, "Number"), tr(L, "Date"), tr(L, "Account"),
					   tr(L, "Activity"), tr(L, "Debit"), tr(L, "Credit"), NULL});
	int64_t last = 0;
	for (size_t i = 0; i < n; i++) {
		const ledger_line_row *r = &v[i];
		if (r->entry_id != last) {
			table_heading(&t, "entry");
			h_printf(b, "<a href=\"/economy/entries/%lld\">%s %s</a> — %s — %s", (long long)r->entry_id,
				 r->journal, r->number, r->date, r->label);
		}
		last = r->entry_id;
		table_row(&t);
		table_cell_text(&t, r->journal);
		table_cell_text(&t, r->number);
		table_cell_text(&t, r->date);
		table_cell_text(&t, r->account);
		table_cell_text(&t, r->activity);
		table_cell_text(&t, r->debit ? web_eco_money(rq, r->debit) : "");
		table_cell_text(&t, r->credit ? web_eco_money(rq, r->credit) : "");
	}
	table_end(&t);
}

/* Writes the translated text, escaped, with its one "%s" replaced by n: a
 * translation is never a format. */
static void web_eco_count(request *rq, html *b, const char *text, const char *n)
{
	const char *at = strstr(text, "%s");
	assert(at); /* every translation of the msgid keeps its %s (msgfmt --check) */
	h_text(b, arena_strndup(&rq->arena, text, (size_t)(at - text)));
	h_text(b, n);
	h_text(b, at + 2);
}

/* GET /economy/ledger?cooperative_id=&journal=&doc_ref= */
static void web_ledger(request *rq, response *rs)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
	int64_t coop;
	if (!web_eco_coop(rq, rs, AUTHZ_ECONOMY_READ, &coop))
		return;
	/* every entry reachable: the true total, and a page of them below */
	enum { ENTRIES_PER_PAGE = 100 };
	int page = page_number(rq);
	int64_t *ids, total = 0;
	size_t nids, nbal, nres, nlines;
	ledger_balance_row *bal;
	ledger_activity_result *res;
	ledger_line_row *lines;
	bg_error err;
	const char *journal = rq_query(rq, "journal"), *ref = rq_query(rq, "doc_ref");
	if (ledger_entry_ids(rq->db, &rq->arena, rq->person_id, coop, journal, ref, NULL, NULL, 1, 0, &ids, &nids,
			     &total, &err) != BG_OK ||
	    ledger_balance_list(rq->db, &rq->arena, rq->person_id, coop, false, NULL, NULL, &bal, &nbal, &err) != BG_OK ||
	    ledger_activity_results(rq->db, &rq->arena, rq->person_id, coop, &res, &nres, &err) != BG_OK ||
	    ledger_lines_page(rq->db, &rq->arena, rq->person_id, coop, ref, journal, ENTRIES_PER_PAGE,
			      (int64_t)(page - 1) * ENTRIES_PER_PAGE, &lines, &nlines, &err) != BG_OK) {
		page_fail(rq, rs, &err);
		return;
	}
	page_begin(rq, rs, tr(L, "Journals and balances"));
	h_printf(b, "<p><a href=\"/economy\">%s</a></p><h1>%s</h1>", tr(L, "Economy"), tr(L, "Journals and balances"));
	table t;
	h_printf(b, "<h2>%s</h2>", tr(L, "Balance per account"));
	table_with(&t, b, (const char *[]){tr(L, "Account"), tr(L, "Debit"), tr(L, "Credit"), tr(L, "Balance"), NULL});
	for (size_t i = 0; i < nbal; i++) {
		table_row(&t);
		table_cell(&t);
		h_printf(b, "%s %s", bal[i].account, bal[i].label ? bal[i].label : "");
		table_cell_text(&t, web_eco_money(rq, bal[i].debit));
		table_cell_text(&t, web_eco_money(rq, bal[i].credit));
		table_cell_text(&t, web_eco_money(rq, bal[i].debit - bal[i].credit));
	}
	table_end(&t);
	h_printf(b, "<h2>%s</h2>", tr(L, "Balance per activity"));
	table_with(&t, b, (const char *[]){tr(L, "Activity"), tr(L, "Revenue excl. VAT"), tr(L, "Expenses excl. VAT"),
					   tr(L, "Receivable from clients"), tr(L, "Result"), NULL});
	for (size_t i = 0; i < nres; i++) {
		table_row(&t);
		table_cell_text(&t, res[i].activity ? res[i].activity : "—");
		table_cell_text(&t, web_eco_money(rq, res[i].revenue));
		table_cell_text(&t, web_eco_money(rq, res[i].expenses));
		table_cell_text(&t, web_eco_money(rq, res[i].receivable));
		table_cell_text(&t, web_eco_money(rq, res[i].revenue - res[i].expenses));
	}
	table_end(&t);
	h_printf(b, "<h2>%s</h2><p>", tr(L, "Journals"));
	static const char *const journals[][2] = {{"VT", N_("Sales")}, {"AC", N_("Purchases")}, {"BQ", N_("Bank")}, {"OD", N_("Miscellaneous")}};
	for (int i = 0; i < 4; i++)
		h_printf(b, "<a href=\"/economy/ledger?cooperative_id=%lld&amp;journal=%s\">%s (%s)</a> · ", (long long)coop,
			 journals[i][0], tr(L, journals[i][1]), journals[i][0]);
	h_printf(b, "<a href=\"/economy/ledger?cooperative_id=%lld\">%s</a></p>", (long long)coop, tr(L, "All"));
	h_printf(b, "<p>");
	web_eco_count(rq, b, trn(L, "%s entry", "%s entries", (long)total), web_net_int(rq, total));
	h_printf(b, "</p>");
	web_eco_entries_table(rq, rs, lines, nlines);
	page_pager(rq, rs, "/economy/ledger", rq_query_without(rq, "page"), page, total, ENTRIES_PER_PAGE);
	page_end(rq, rs);
}

enum { ENTRY_FORM_LINES = 6 };

/* Does the error of a form (ferr, and every field's in ferr->fields) say
 * something about line i of the entry form?  show: writes each of its
 * messages, the first with the id the row's fields refer to. */
static bool adm_line_errors(request *rq, response *rs, const bg_error *ferr, int i, bool show)
{
	char prefix[24];
	int len = snprintf(prefix, sizeof prefix, "lines[%d].", i);
	bool any = false;
	int n = ferr && ferr->fields ? ferr->fields->n : 1;
	for (int k = 0; ferr && k < n; k++) {
		const bg_error *e = ferr->fields ? &ferr->fields->items[k] : ferr;
		if (!e->field || strncmp(e->field, prefix, (size_t)len))
			continue;
		if (show && !any)
			h_printf(page_html(rs), "<p class=\"error\" id=\"e-lines[%d]\">%s</p>", i, tr(rq->lang, e->msgid));
		else if (show)
			h_printf(page_html(rs), "<p class=\"error\">%s</p>", tr(rq->lang, e->msgid));
		any = true;
	}
	return any;
}

/* The manual entry form: journal, date, label, six lines. */
static void adm_entry_form(request *rq, response *rs, int64_t coop, const bg_error *ferr)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
	bg_error err;
	const form *f = ferr ? rq_form(rq, &err) : NULL;
	static const char *const journals[][2] = {{"OD", N_("Miscellaneous")}, {"BQ", N_("Bank")}, {"AC", N_("Purchases")},
						  {"VT", N_("Sales")}};
	ledger_account_row *acc;
	activity_row *acts;
	size_t nacc, nacts;
	if (ledger_account_list(rq->db, &rq->arena, rq->person_id, coop, &acc, &nacc, &err) != BG_OK ||
	    activity_list_visible(rq->db, &rq->arena, rq->person_id, &acts, &nacts, &err) != BG_OK) {
		page_fail(rq, rs, &err);
		return;
	}
	if (!web_eco_heading(rq, rs, coop, tr(L, "New journal entry")))
		return;
	page_error_summary(rq, rs, ferr);
	h_printf(b, "<form method=\"post\" action=\"/economy/entries/new?cooperative_id=%lld\">", (long long)coop);
	page_csrf_field(rq, rs);
	web_eco_select(rq, rs, "journal", tr(L, "Journal"), journals, 4, f ? form_get(f, "journal") : "OD", ferr);
	web_eco_input(rq, rs, "date", tr(L, "Date (YYYY-MM-DD)"), "text", f ? form_get(f, "date") : web_eco_today(rq),
		  true, ferr);
	web_eco_input(rq, rs, "label", tr(L, "Label"), "text", f ? form_get(f, "label") : NULL, true, ferr);
	const bg_error *lines_err = bg_error_of_field(ferr, "lines");
	bool lines_bad = lines_err != NULL;
	h_printf(b, "<fieldset");
	if (lines_bad)
		h_attr(b, "class", "invalid");
	h_printf(b, "><legend>%s</legend>", tr(L, "Lines (amounts in euros; each line has a debit or a credit)"));
	if (lines_bad) {
		int64_t d = 0, c = 0, v;
		for (int i = 0; f && i < ENTRY_FORM_LINES; i++) {
			char k[40];
			snprintf(k, sizeof k, "lines[%d].debit", i);
			if (web_eco_parse_euros(form_get(f, k), &v))
				d += v;
			snprintf(k, sizeof k, "lines[%d].credit", i);
			if (web_eco_parse_euros(form_get(f, k), &v))
				c += v;
		}
		h_printf(b, "<p class=\"error\" id=\"e-lines\">%s %s %s — %s %s</p>", tr(L, lines_err->msgid), tr(L, "Debits:"),
			 web_eco_money(rq, d), tr(L, "Credits:"), web_eco_money(rq, c));
	}
	h_printf(b, "<table><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>", tr(L, "Account"),
		 tr(L, "Activity"), tr(L, "Debit"), tr(L, "Credit"));
	for (int i = 0; i < ENTRY_FORM_LINES; i++) {
		char n[40];
		snprintf(n, sizeof n, "lines[%d].account", i);
		const char *sel = f ? form_get(f, n) : NULL;
		bool bad = adm_line_errors(rq, rs, ferr, i, false);
		/* markup in the format, never as an argument (which is escaped) */
		h_printf(b, "<tr");
		if (bad)
			h_attr(b, "class", "invalid");
		h_printf(b, "><td>");
		if (bad)
			adm_line_errors(rq, rs, ferr, i, true);
		h_printf(b, "<label class=\"visually-hidden\" for=\"f-%s\">%s %d</label><select id=\"f-%s\" name=\"%s\"", n,
			 tr(L, "Account of line"), i + 1, n, n);
		if (bad)
			h_attr(b, "aria-invalid", "true");
		h_printf(b, "><option value=\"\">—</option>");
		for (size_t k = 0; k < nacc; k++)
			if (acc[k].active)
				widget_option(rs, acc[k].number, arena_printf(&rq->arena, "%s %s", acc[k].number, acc[k].label),
					      sel && !strcmp(sel, acc[k].number));
		snprintf(n, sizeof n, "lines[%d].activity_id", i);
		sel = f ? form_get(f, n) : NULL;
		h_printf(b, "</select></td><td><label class=\"visually-hidden\" for=\"f-%s\">%s %d</label>"
			    "<select id=\"f-%s\" name=\"%s\"><option value=\"\">—</option>", n, tr(L, "Activity of line"), i + 1, n, n);
		for (size_t k = 0; k < nacts; k++) { /* the cooperative's, by code */
			if (acts[k].coop_id != coop)
				continue;
			char idv[24];
			snprintf(idv, sizeof idv, "%lld", (long long)acts[k].id);
			widget_option(rs, idv, acts[k].code, sel && !strcmp(sel, idv));
		}
		h_printf(b, "</select></td>");
		static const char *const sides[] = {"debit", "credit"};
		static const char *const side_labels[] = {N_("Debit of line"), N_("Credit of line")};
		for (int s = 0; s < 2; s++) {
			snprintf(n, sizeof n, "lines[%d].%s", i, sides[s]);
			h_printf(b, "<td><label class=\"visually-hidden\" for=\"f-%s\">%s %d</label><input id=\"f-%s\" name=\"%s\""
				    " inputmode=\"decimal\" size=\"10\" value=\"%s\"></td>", n, tr(L, side_labels[s]),
				 i + 1, n, n, f && form_get(f, n) ? form_get(f, n) : "");
		}
		h_printf(b, "</tr>");
	}
	h_printf(b, "</tbody></table></fieldset><button type=\"submit\">%s</button></form>", tr(L, "Post the entry"));
	page_end(rq, rs);
}

/* GET /economy/entries/new?cooperative_id= */
static void adm_entry_new(request *rq, response *rs)
{
	int64_t coop;
	if (web_eco_coop(rq, rs, AUTHZ_LEDGER_POST, &coop))
		adm_entry_form(rq, rs, coop, NULL);
}

/* POST /economy/entries/new?cooperative_id= — empty lines are skipped. */
static void adm_entry_post(request *rq, response *rs)
{
	bg_error err;
	int64_t coop, eid = 0;
	const form *f = web_eco_coop_form(rq, rs, AUTHZ_LEDGER_POST, &coop);
	if (!f)
		return;
	ledger_line lines[ENTRY_FORM_LINES];
	int index[ENTRY_FORM_LINES]; /* the form's line of each line given */
	size_t n = 0;
	bg_field_errors fields = {0}, checked = {0}; /* every field's error, shown next to each */
	for (int i = 0; i < ENTRY_FORM_LINES; i++) {
		char k[40];
		snprintf(k, sizeof k, "lines[%d].account", i);
		const char *acc = form_get(f, k);
		snprintf(k, sizeof k, "lines[%d].debit", i);
		const char *ds = form_get(f, k);
		snprintf(k, sizeof k, "lines[%d].credit", i);
		const char *cs = form_get(f, k);
		if ((!acc || !*acc) && (!ds || !*ds) && (!cs || !*cs))
			continue;
		index[n] = i;
		ledger_line *l = &lines[n++];
		memset(l, 0, sizeof *l);
		l->account = acc && *acc ? acc : NULL;
		snprintf(k, sizeof k, "lines[%d].debit", i);
		money_field_read(&fields, k, ds, true, MONEY_NOT_NEGATIVE, &l->debit);
		snprintf(k, sizeof k, "lines[%d].credit", i);
		money_field_read(&fields, k, cs, true, MONEY_NOT_NEGATIVE, &l->credit);
		snprintf(k, sizeof k, "lines[%d].activity_id", i);
		const char *act = form_get(f, k);
		l->activity_id = act && *act ? strtoll(act, NULL, 10) : 0;
	}
	ledger_entry_in in = {coop, form_get(f, "journal"), form_get(f, "date"), form_get(f, "label"), NULL, 0, lines, n,
			      false, NULL};
	bg_status st = web_begin(rq, BG_OK, &err);
	if (st == BG_OK)
		st = ledger_entry_check(rq->db, rq->person_id, &in, &checked, &err);
	web_eco_fields_take(&fields, &checked, index, n);
	if (st == BG_OK)
		st = bg_field_errors_report(&fields, &err);
	if (st == BG_OK)
		st = ledger_post_manual(rq->db, rq->person_id, &in, &eid, &err);
	web_eco_finish(rq, rs, st, &err, "/economy/entries/", eid, adm_entry_form, coop);
}

/* One entry with its lines, and (accountants) the form to reverse it. */
static void adm_entry_page(request *rq, response *rs, int64_t id, const bg_error *ferr)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
	bg_error err;
	ledger_entry_view v;
	bg_status st = ledger_entry_view_get(rq->db, &rq->arena, rq->person_id, id, &v, &err);
	if ((st == BG_ERR_NOT_FOUND && !v.id) || (st == BG_OK && !v.posted))
		bg_error_set(&err, BG_ERR_NOT_FOUND, "not_found", NULL, N_("This entry does not exist."));
	if (st != BG_OK || !v.posted) {
		page_fail(rq, rs, &err);
		return;
	}
	int64_t coop = v.coop_id, reverses = v.reverses_id, reversed_by = v.reversed_by;
	const char *date = v.date, *label = v.label, *ref = v.doc_ref ? v.doc_ref : "";
	char title[80];
	snprintf(title, sizeof title, "%s %lld-%lld", v.journal, (long long)v.fiscal_year, (long long)v.number);
	if (!web_eco_heading(rq, rs, coop, title))
		return;
	h_printf(b, "<dl><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd>", tr(L, "Date"), date, tr(L, "Label"), label);
	if (*ref)
		h_printf(b, "<dt>%s</dt><dd>%s</dd>", tr(L, "Source document"), ref);
	if (reverses)
		h_printf(b, "<dt>%s</dt><dd><a href=\"/economy/entries/%lld\">%lld</a></dd>", tr(L, "Reverses the entry"),
			 (long long)reverses, (long long)reverses);
	if (reversed_by)
		h_printf(b, "<dt>%s</dt><dd><a href=\"/economy/entries/%lld\">%lld</a></dd>", tr(L, "Reversed by the entry"),
			 (long long)reversed_by, (long long)reversed_by);
	h_printf(b, "</dl>");
	table t;
	table_with(&t, b, (const char *[]){tr(L, "Account"), tr(L, "Activity"), tr(L, "Debit"), tr(L, "Credit"), NULL});
	for (size_t i = 0; i < v.nlines; i++) {
		const ledger_line_view *l = &v.lines[i];
		table_row(&t);
		table_cell(&t);
		h_printf(b, "%s %s", l->account, l->account_label ? l->account_label : "");
		table_cell_text(&t, l->activity);
		table_cell_text(&t, l->debit ? web_eco_money(rq, l->debit) : "");
		table_cell_text(&t, l->credit ? web_eco_money(rq, l->credit) : "");
	}
	table_end(&t);
	if (!reversed_by &&
	    authz_check(rq->db, rq->person_id, AUTHZ_LEDGER_POST, (scope){SCOPE_COOPERATIVE, coop}, &err) == BG_OK) {
		const form *f = ferr ? rq_form(rq, &err) : NULL;
		h_printf(b, "<h2>%s</h2>", tr(L, "Reverse this entry"));
		page_error_summary(rq, rs, ferr);
		h_printf(b, "<form method=\"post\" action=\"/economy/entries/%lld/reverse\">", (long long)id);
		page_csrf_field(rq, rs);
		web_eco_input(rq, rs, "date", tr(L, "Date of the reversal (YYYY-MM-DD)"), "text",
			  f ? form_get(f, "date") : web_eco_today(rq), true, ferr);
		h_printf(b, "<button type=\"submit\">%s</button></form>", tr(L, "Reverse"));
	}
	page_end(rq, rs);
}

/* GET /economy/entries/{id} */
static void adm_entry(request *rq, response *rs)
{
	adm_entry_page(rq, rs, rq_param_id(rq, 0), NULL);
}

/* POST /economy/entries/{id}/reverse {date} */
static void adm_entry_reverse(request *rq, response *rs)
{
	bg_error err;
	int64_t id = rq_param_id(rq, 0), rid = 0;
	const form *f = page_form(rq, rs);
	if (!f)
		return;
	bg_status st = web_begin(rq, BG_OK, &err);
	if (st == BG_OK)
		st = ledger_reverse_manual(rq->db, rq->person_id, id, form_get(f, "date"), &rid, &err);
	web_eco_finish(rq, rs, st, &err, "/economy/entries/", rid, adm_entry_page, id);
}

/* The closing form: the date through which periods are closed. */
static void adm_close_form(request *rq, response *rs, int64_t coop, const bg_error *ferr)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
	bg_error err;
	const form *f = ferr ? rq_form(rq, &err) : NULL;
	economy_settings_view v;
	bool found;
	if (ledger_settings_get(rq->db, &rq->arena, rq->person_id, coop, &v, &found, &err) != BG_OK) {
		page_fail(rq, rs, &err);
		return;
	}
	const char *closed = found ? v.closed_through : NULL;
	if (!web_eco_heading(rq, rs, coop, tr(L, "Close a period")))
		return;
	h_printf(b, "<p>%s</p>", closed ? tr(L, "Periods closed through:") : tr(L, "No period is closed yet."));
	if (closed)
		h_printf(b, "<p><strong>%s</strong></p>", closed);
	h_printf(b, "<p>%s</p>", tr(L, "Once closed, no entry can be dated in the period, and it cannot be reopened."));
	page_error_summary(rq, rs, ferr);
	h_printf(b, "<form method=\"post\" action=\"/economy/close?cooperative_id=%lld\">", (long long)coop);
	page_csrf_field(rq, rs);
	web_eco_input(rq, rs, "date", tr(L, "Close every period through (YYYY-MM-DD)"), "text", f ? form_get(f, "date") : NULL,
		  true, ferr);
	h_printf(b, "<button type=\"submit\">%s</button></form>", tr(L, "Close"));
	page_end(rq, rs);
}

/* GET /economy/close?cooperative_id= */
static void adm_close(request *rq, response *rs)
{
	int64_t coop;
	if (web_eco_coop(rq, rs, AUTHZ_LEDGER_POST, &coop))
		adm_close_form(rq, rs, coop, NULL);
}

/* POST /economy/close?cooperative_id= {date} */
static void adm_close_post(request *rq, response *rs)
{
	bg_error err;
	int64_t coop;
	const form *f = web_eco_coop_form(rq, rs, AUTHZ_LEDGER_POST, &coop);
	if (!f)
		return;
	bg_status st = web_begin(rq, BG_OK, &err);
	if (st == BG_OK)
		st = ledger_close_through(rq->db, rq->person_id, coop, form_get(f, "date"), &err);
	web_eco_finish(rq, rs, st, &err, "/economy/close?cooperative_id=", coop, adm_close_form, coop);
}

const route web_eco_ledger_routes[] = {
	{HTTP_GET, "/economy/ledger", web_ledger, ROUTE_AUTH | ROUTE_PAGE},
	{HTTP_GET, "/economy/entries/new", adm_entry_new, ROUTE_AUTH | ROUTE_PAGE},
	{HTTP_POST, "/economy/entries/new", adm_entry_post, ROUTE_AUTH | ROUTE_PAGE},
	{HTTP_GET, "/economy/entries/{id}", adm_entry, ROUTE_AUTH | ROUTE_PAGE},
	{HTTP_POST, "/economy/entries/{id}/reverse", adm_entry_reverse, ROUTE_AUTH | ROUTE_PAGE},
	{HTTP_GET, "/economy/close", adm_close, ROUTE_AUTH | ROUTE_PAGE},
	{HTTP_POST, "/economy/close", adm_close_post, ROUTE_AUTH | ROUTE_PAGE},
	{0, NULL, NULL, 0},
};
