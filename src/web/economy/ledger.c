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

/* Shows the ledger entries whose doc_ref is ref (NULL: all), newest first,
 * at most limit after skipping offset. */
void web_entries_of(request *rq, response *rs, const char *ref, int64_t coop, int limit, int64_t offset)
{
	const char *L = rq->lang;
	buf *b = &rs->body;
	h_printf(b, "<table><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
		 tr(L, "Journal"), tr(L, "Number"), tr(L, "Date"), tr(L, "Account"), tr(L, "Activity"), tr(L, "Debit"),
		 tr(L, "Credit"));
	const char *journal = rq_query(rq, "journal");
	db_stmt *q = db_query(rq->db,
		"SELECT e.journal, e.fiscal_year || '-' || e.number, e.entry_date, l.account, coalesce(a.code, ''), l.debit,"
		" l.credit, e.label, e.id FROM ledger_entries e JOIN ledger_lines l ON l.entry_id = e.id"
		" LEFT JOIN activities a ON a.id = l.activity_id WHERE e.status = 'posted' AND e.cooperative_id = ?1"
		" AND (?2 IS NULL OR e.doc_ref = ?2) AND (?3 IS NULL OR e.journal = ?3)"
		" AND e.id IN (SELECT id FROM ledger_entries WHERE cooperative_id = ?1 AND status = 'posted'"
		" AND (?2 IS NULL OR doc_ref = ?2) AND (?3 IS NULL OR journal = ?3) ORDER BY entry_date DESC, id DESC LIMIT ?4 OFFSET ?5)"
		" ORDER BY e.entry_date DESC, e.id DESC, l.id", "issii", coop, ref, journal, (int64_t)limit, offset);
	int64_t last = 0;
	while (q && db_next(q) == 1) {
		if (db_int(q, 8) != last)
			h_printf(b, "<tr class=\"entry\"><th colspan=\"7\"><a href=\"/economy/entries/%lld\">%s %s</a> — %s — %s"
				    "</th></tr>", (long long)db_int(q, 8), db_text(q, 0), db_text(q, 1), db_text(q, 2), db_text(q, 7));
		last = db_int(q, 8);
		h_printf(b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>",
			 db_text(q, 0), db_text(q, 1), db_text(q, 2), db_text(q, 3), db_text(q, 4),
			 db_int(q, 5) ? eco_money(rq, db_int(q, 5)) : "", db_int(q, 6) ? eco_money(rq, db_int(q, 6)) : "");
	}
	db_done(q);
	h_printf(b, "</tbody></table>");
}

/* GET /economy/ledger?cooperative_id=&journal=&doc_ref= */
static void web_ledger(request *rq, response *rs)
{
	const char *L = rq->lang;
	buf *b = &rs->body;
	int64_t coop;
	if (!web_coop(rq, rs, AUTHZ_ECONOMY_READ, &coop))
		return;
	/* every entry reachable: the true total, and a page of them below */
	enum { ENTRIES_PER_PAGE = 100 };
	int page = page_number(rq);
	int64_t *ids, total = 0;
	size_t nids;
	bg_error err;
	if (ledger_entry_ids(rq->db, &rq->arena, coop, rq_query(rq, "journal"), rq_query(rq, "doc_ref"), NULL, NULL, 1, 0,
			     &ids, &nids, &total, &err) != BG_OK) {
		page_fail(rq, rs, &err);
		return;
	}
	page_begin(rq, rs, tr(L, "Journals and balances"));
	h_printf(b, "<p><a href=\"/economy\">%s</a></p><h1>%s</h1>", tr(L, "Economy"), tr(L, "Journals and balances"));
	h_printf(b, "<h2>%s</h2><table><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
		 tr(L, "Balance per account"), tr(L, "Account"), tr(L, "Debit"), tr(L, "Credit"), tr(L, "Balance"));
	db_stmt *q = db_query(rq->db, "SELECT b.account, coalesce(x.label, ''), sum(b.debit), sum(b.credit) FROM ledger_account_totals b"
				      " LEFT JOIN ledger_accounts x ON x.cooperative_id = b.cooperative_id AND x.number = b.account"
				      " WHERE b.cooperative_id = ? GROUP BY b.account ORDER BY b.account", "i", coop);
	while (q && db_next(q) == 1)
		h_printf(b, "<tr><td>%s %s</td><td>%s</td><td>%s</td><td>%s</td></tr>", db_text(q, 0), db_text(q, 1),
			 eco_money(rq, db_int(q, 2)), eco_money(rq, db_int(q, 3)), eco_money(rq, db_int(q, 2) - db_int(q, 3)));
	db_done(q);
	h_printf(b, "</tbody></table><h2>%s</h2><table><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
		 tr(L, "Balance per activity"), tr(L, "Activity"), tr(L, "Revenue excl. VAT"), tr(L, "Expenses excl. VAT"),
		 tr(L, "Receivable from clients"), tr(L, "Result"));
	q = db_query(rq->db, "SELECT coalesce(a.code, '—'),"
			     " sum(CASE WHEN b.account GLOB '7*' THEN b.credit - b.debit ELSE 0 END),"
			     " sum(CASE WHEN b.account GLOB '6*' THEN b.debit - b.credit ELSE 0 END),"
			     " sum(CASE WHEN b.account = '411' THEN b.debit - b.credit ELSE 0 END)"
			     " FROM ledger_balances b LEFT JOIN activities a ON a.id = b.activity_id WHERE b.cooperative_id = ?"
			     " GROUP BY b.activity_id ORDER BY 1", "i", coop);
	while (q && db_next(q) == 1)
		h_printf(b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>", db_text(q, 0),
			 eco_money(rq, db_int(q, 1)), eco_money(rq, db_int(q, 2)), eco_money(rq, db_int(q, 3)),
			 eco_money(rq, db_int(q, 1) - db_int(q, 2)));
	db_done(q);
	h_printf(b, "</tbody></table><h2>%s</h2><p>", tr(L, "Journals"));
	static const char *const journals[][2] = {{"VT", N_("Sales")}, {"AC", N_("Purchases")}, {"BQ", N_("Bank")}, {"OD", N_("Miscellaneous")}};
	for (int i = 0; i < 4; i++)
		h_printf(b, "<a href=\"/economy/ledger?cooperative_id=%lld&amp;journal=%s\">%s (%s)</a> · ", (long long)coop,
			 journals[i][0], tr(L, journals[i][1]), journals[i][0]);
	h_printf(b, "<a href=\"/economy/ledger?cooperative_id=%lld\">%s</a></p>", (long long)coop, tr(L, "All"));
	h_printf(b, "<p>");
	h_printf(b, trn(L, "%s entry", "%s entries", (long)total), web_net_int(rq, total));
	h_printf(b, "</p>");
	web_entries_of(rq, rs, rq_query(rq, "doc_ref"), coop, ENTRIES_PER_PAGE, (int64_t)(page - 1) * ENTRIES_PER_PAGE);
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
			h_printf(&rs->body, "<p class=\"error\" id=\"e-lines[%d]\">%s</p>", i, tr(rq->lang, e->msgid));
		else if (show)
			h_printf(&rs->body, "<p class=\"error\">%s</p>", tr(rq->lang, e->msgid));
		any = true;
	}
	return any;
}

/* The manual entry form: journal, date, label, six lines. */
static void adm_entry_form(request *rq, response *rs, int64_t coop, const bg_error *ferr)
{
	const char *L = rq->lang;
	buf *b = &rs->body;
	bg_error err;
	const form *f = ferr ? rq_form(rq, &err) : NULL;
	static const char *const journals[][2] = {{"OD", N_("Miscellaneous")}, {"BQ", N_("Bank")}, {"AC", N_("Purchases")},
						  {"VT", N_("Sales")}};
	adm_heading(rq, rs, coop, tr(L, "New journal entry"));
	page_error_summary(rq, rs, ferr);
	h_printf(b, "<form method=\"post\" action=\"/economy/entries/new?cooperative_id=%lld\">", (long long)coop);
	page_csrf_field(rq, rs);
	eco_select(rq, rs, "journal", tr(L, "Journal"), journals, 4, f ? form_get(f, "journal") : "OD", ferr);
	eco_input(rq, rs, "date", tr(L, "Date (YYYY-MM-DD)"), "text", f ? form_get(f, "date") : adm_today(rq),
		  true, ferr);
	eco_input(rq, rs, "label", tr(L, "Label"), "text", f ? form_get(f, "label") : NULL, true, ferr);
	const bg_error *lines_err = bg_error_of_field(ferr, "lines");
	bool lines_bad = lines_err != NULL;
	h_printf(b, lines_bad ? "<fieldset class=\"invalid\"><legend>%s</legend>" : "<fieldset><legend>%s</legend>",
		 tr(L, "Lines (amounts in euros; each line has a debit or a credit)"));
	if (lines_bad) {
		int64_t d = 0, c = 0, v;
		for (int i = 0; f && i < ENTRY_FORM_LINES; i++) {
			char k[40];
			snprintf(k, sizeof k, "lines[%d].debit", i);
			if (adm_parse_euros(form_get(f, k), &v))
				d += v;
			snprintf(k, sizeof k, "lines[%d].credit", i);
			if (adm_parse_euros(form_get(f, k), &v))
				c += v;
		}
		h_printf(b, "<p class=\"error\" id=\"e-lines\">%s %s %s — %s %s</p>", tr(L, lines_err->msgid), tr(L, "Debits:"),
			 eco_money(rq, d), tr(L, "Credits:"), eco_money(rq, c));
	}
	h_printf(b, "<table><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>", tr(L, "Account"),
		 tr(L, "Activity"), tr(L, "Debit"), tr(L, "Credit"));
	for (int i = 0; i < ENTRY_FORM_LINES; i++) {
		char n[40];
		snprintf(n, sizeof n, "lines[%d].account", i);
		const char *sel = f ? form_get(f, n) : NULL;
		bool bad = adm_line_errors(rq, rs, ferr, i, false);
		h_printf(b, "<tr%s><td>", bad ? " class=\"invalid\"" : "");
		if (bad)
			adm_line_errors(rq, rs, ferr, i, true);
		h_printf(b, "<label class=\"visually-hidden\" for=\"f-%s\">%s %d</label><select id=\"f-%s\" name=\"%s\"%s>"
			    "<option value=\"\">—</option>", n, tr(L, "Account of line"), i + 1, n, n,
			 bad ? " aria-invalid=\"true\"" : "");
		db_stmt *q = db_query(rq->db, "SELECT number, label FROM ledger_accounts WHERE cooperative_id = ? AND active = 1"
					      " ORDER BY number", "i", coop);
		while (q && db_next(q) == 1)
			h_printf(b, "<option value=\"%s\"%s>%s %s</option>", db_text(q, 0),
				 sel && !strcmp(sel, db_text(q, 0)) ? " selected" : "", db_text(q, 0), db_text(q, 1));
		db_done(q);
		snprintf(n, sizeof n, "lines[%d].activity_id", i);
		sel = f ? form_get(f, n) : NULL;
		h_printf(b, "</select></td><td><label class=\"visually-hidden\" for=\"f-%s\">%s %d</label>"
			    "<select id=\"f-%s\" name=\"%s\"><option value=\"\">—</option>", n, tr(L, "Activity of line"), i + 1, n, n);
		q = db_query(rq->db, "SELECT id, code FROM activities WHERE cooperative_id = ? ORDER BY code", "i", coop);
		while (q && db_next(q) == 1) {
			char idv[24];
			snprintf(idv, sizeof idv, "%lld", (long long)db_int(q, 0));
			h_printf(b, "<option value=\"%s\"%s>%s</option>", idv, sel && !strcmp(sel, idv) ? " selected" : "",
				 db_text(q, 1));
		}
		db_done(q);
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
	if (web_coop(rq, rs, AUTHZ_LEDGER_POST, &coop))
		adm_entry_form(rq, rs, coop, NULL);
}

/* POST /economy/entries/new?cooperative_id= — empty lines are skipped. */
static void adm_entry_post(request *rq, response *rs)
{
	bg_error err;
	int64_t coop, eid = 0;
	const form *f = rq_form(rq, &err);
	if (!f) {
		page_fail(rq, rs, &err);
		return;
	}
	if (!web_coop(rq, rs, AUTHZ_LEDGER_POST, &coop))
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
	bg_status st = db_begin(rq->db, DB_WRITE, &err);
	if (st == BG_OK)
		st = ledger_entry_check(rq->db, rq->person_id, &in, &checked, &err);
	eco_fields_take(&fields, &checked, index, n);
	if (st == BG_OK)
		st = bg_field_errors_report(&fields, &err);
	if (st == BG_OK)
		st = ledger_post_manual(rq->db, rq->person_id, &in, &eid, &err);
	web_finish(rq, rs, st, &err, "/economy/entries/", eid, adm_entry_form, coop);
}

/* One entry with its lines, and (accountants) the form to reverse it. */
static void adm_entry_page(request *rq, response *rs, int64_t id, const bg_error *ferr)
{
	const char *L = rq->lang;
	buf *b = &rs->body;
	bg_error err;
	db_stmt *q = db_query(rq->db, "SELECT e.cooperative_id, e.journal, e.fiscal_year || '-' || e.number, e.entry_date, e.label,"
				      " coalesce(e.doc_ref, ''), coalesce(e.reverses_id, 0),"
				      " coalesce((SELECT r.id FROM ledger_entries r WHERE r.reverses_id = e.id), 0)"
				      " FROM ledger_entries e WHERE e.id = ? AND e.status = 'posted'", "i", id);
	if (!q || db_next(q) != 1) {
		db_done(q);
		bg_fail(&err, BG_ERR_NOT_FOUND, "not_found", NULL, N_("This entry does not exist."));
		page_fail(rq, rs, &err);
		return;
	}
	int64_t coop = db_int(q, 0), reverses = db_int(q, 6), reversed_by = db_int(q, 7);
	const char *journal = arena_strdup(&rq->arena, db_text(q, 1)), *num = arena_strdup(&rq->arena, db_text(q, 2));
	const char *date = arena_strdup(&rq->arena, db_text(q, 3)), *label = arena_strdup(&rq->arena, db_text(q, 4));
	const char *ref = arena_strdup(&rq->arena, db_text(q, 5));
	db_done(q);
	if (authz_check(rq->db, rq->person_id, AUTHZ_ECONOMY_READ, (scope){SCOPE_COOPERATIVE, coop}, &err) != BG_OK) {
		page_fail(rq, rs, &err);
		return;
	}
	char title[80];
	snprintf(title, sizeof title, "%s %s", journal, num);
	adm_heading(rq, rs, coop, title);
	h_printf(b, "<dl><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd>", tr(L, "Date"), date, tr(L, "Label"), label);
	if (*ref)
		h_printf(b, "<dt>%s</dt><dd>%s</dd>", tr(L, "Source document"), ref);
	if (reverses)
		h_printf(b, "<dt>%s</dt><dd><a href=\"/economy/entries/%lld\">%lld</a></dd>", tr(L, "Reverses the entry"),
			 (long long)reverses, (long long)reverses);
	if (reversed_by)
		h_printf(b, "<dt>%s</dt><dd><a href=\"/economy/entries/%lld\">%lld</a></dd>", tr(L, "Reversed by the entry"),
			 (long long)reversed_by, (long long)reversed_by);
	h_printf(b, "</dl><table><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
		 tr(L, "Account"), tr(L, "Activity"), tr(L, "Debit"), tr(L, "Credit"));
	q = db_query(rq->db, "SELECT l.account, coalesce(x.label, ''), coalesce(a.code, ''), l.debit, l.credit FROM ledger_lines l"
			     " LEFT JOIN ledger_accounts x ON x.cooperative_id = ? AND x.number = l.account"
			     " LEFT JOIN activities a ON a.id = l.activity_id WHERE l.entry_id = ? ORDER BY l.id", "ii", coop, id);
	while (q && db_next(q) == 1)
		h_printf(b, "<tr><td>%s %s</td><td>%s</td><td>%s</td><td>%s</td></tr>", db_text(q, 0), db_text(q, 1),
			 db_text(q, 2), db_int(q, 3) ? eco_money(rq, db_int(q, 3)) : "",
			 db_int(q, 4) ? eco_money(rq, db_int(q, 4)) : "");
	db_done(q);
	h_printf(b, "</tbody></table>");
	if (!reversed_by &&
	    authz_check(rq->db, rq->person_id, AUTHZ_LEDGER_POST, (scope){SCOPE_COOPERATIVE, coop}, &err) == BG_OK) {
		const form *f = ferr ? rq_form(rq, &err) : NULL;
		h_printf(b, "<h2>%s</h2>", tr(L, "Reverse this entry"));
		page_error_summary(rq, rs, ferr);
		h_printf(b, "<form method=\"post\" action=\"/economy/entries/%lld/reverse\">", (long long)id);
		page_csrf_field(rq, rs);
		eco_input(rq, rs, "date", tr(L, "Date of the reversal (YYYY-MM-DD)"), "text",
			  f ? form_get(f, "date") : adm_today(rq), true, ferr);
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
	const form *f = rq_form(rq, &err);
	if (!f) {
		page_fail(rq, rs, &err);
		return;
	}
	bg_status st = db_begin(rq->db, DB_WRITE, &err);
	if (st == BG_OK)
		st = ledger_reverse_manual(rq->db, rq->person_id, id, form_get(f, "date"), &rid, &err);
	web_finish(rq, rs, st, &err, "/economy/entries/", rid, adm_entry_page, id);
}

/* The closing form: the date through which periods are closed. */
static void adm_close_form(request *rq, response *rs, int64_t coop, const bg_error *ferr)
{
	const char *L = rq->lang;
	buf *b = &rs->body;
	bg_error err;
	const form *f = ferr ? rq_form(rq, &err) : NULL;
	adm_heading(rq, rs, coop, tr(L, "Close a period"));
	const char *closed = NULL;
	db_stmt *q = db_query(rq->db, "SELECT closed_through FROM economy_settings WHERE cooperative_id = ?", "i", coop);
	if (q && db_next(q) == 1 && db_text(q, 0))
		closed = arena_strdup(&rq->arena, db_text(q, 0));
	db_done(q);
	h_printf(b, "<p>%s</p>", closed ? tr(L, "Periods closed through:") : tr(L, "No period is closed yet."));
	if (closed)
		h_printf(b, "<p><strong>%s</strong></p>", closed);
	h_printf(b, "<p>%s</p>", tr(L, "Once closed, no entry can be dated in the period, and it cannot be reopened."));
	page_error_summary(rq, rs, ferr);
	h_printf(b, "<form method=\"post\" action=\"/economy/close?cooperative_id=%lld\">", (long long)coop);
	page_csrf_field(rq, rs);
	eco_input(rq, rs, "date", tr(L, "Close every period through (YYYY-MM-DD)"), "text", f ? form_get(f, "date") : NULL,
		  true, ferr);
	h_printf(b, "<button type=\"submit\">%s</button></form>", tr(L, "Close"));
	page_end(rq, rs);
}

/* GET /economy/close?cooperative_id= */
static void adm_close(request *rq, response *rs)
{
	int64_t coop;
	if (web_coop(rq, rs, AUTHZ_LEDGER_POST, &coop))
		adm_close_form(rq, rs, coop, NULL);
}

/* POST /economy/close?cooperative_id= {date} */
static void adm_close_post(request *rq, response *rs)
{
	bg_error err;
	int64_t coop;
	const form *f = rq_form(rq, &err);
	if (!f) {
		page_fail(rq, rs, &err);
		return;
	}
	if (!web_coop(rq, rs, AUTHZ_LEDGER_POST, &coop))
		return;
	bg_status st = db_begin(rq->db, DB_WRITE, &err);
	if (st == BG_OK)
		st = ledger_close_through(rq->db, rq->person_id, coop, form_get(f, "date"), &err);
	web_finish(rq, rs, st, &err, "/economy/close?cooperative_id=", coop, adm_close_form, coop);
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
