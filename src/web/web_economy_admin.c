/*
 * web_economy_admin.c — the accountants' and administrators' economy pages,
 * in French and English (what the first pass offered only in the API).
 *
 * Administrators of a cooperative: /economy/settings?cooperative_id= (the
 * economic settings printed on invoices and used for mileage, payment
 * terms, contribution), /economy/accounts?cooperative_id= (the chart of
 * accounts: add an account, rename one).
 * Accountants (and administrators): /economy/entries/new?cooperative_id=
 * (a manual journal entry: lines in euros typed with up to 2 decimals,
 * kept in cents; an unbalanced entry comes back with both totals next to
 * the lines), /economy/entries/{id} (one entry, and its reversal),
 * /economy/close?cooperative_id= (closing the periods up to a date),
 * /economy/activities/new?cooperative_id= and
 * /economy/activities/{id}/edit (an activity: name, status, own rate,
 * members added by email or removed).
 *
 * Same shape as web_economy.c: parse the form, one transaction around the
 * domain call (src/economy/), POST/redirect/GET; on an error the form
 * comes back with status 422 and the message next to its field.  Rates
 * are typed in percent with up to 2 decimals (= basis points, parsed by
 * money_parse), the mileage rate in euros per km with up to 3 decimals.
 */
#include "auth/account.h"
#include "auth/authz.h"
#include "core/date.h"
#include "core/tz.h"
#include "core/i18n.h"
#include "core/money.h"
#include "economy/economy.h"
#include "economy/ledger.h"
#include "web/page.h"
#include "web/web_economy.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { ENTRY_FORM_LINES = 6 };

/* The cooperative's name, for headings (in the request's arena). */
static const char *adm_coop_name(request *rq, int64_t coop)
{
	const char *name = "";
	db_stmt *q = db_query(rq->db, "SELECT name FROM cooperatives WHERE id = ?", "i", coop);
	if (q && db_next(q) == 1)
		name = arena_strdup(&rq->arena, db_text(q, 0));
	db_done(q);
	return name;
}

/* The heading of an accounting page: a link back, the title, the cooperative. */
static void adm_heading(request *rq, response *rs, int64_t coop, const char *title)
{
	page_begin(rq, rs, title);
	h_printf(&rs->body, "<p><a href=\"/economy\">%s</a> · <a href=\"/economy/ledger?cooperative_id=%lld\">%s</a></p>"
			    "<h1>%s</h1><p class=\"lead\">%s</p>", tr(rq->lang, "Economy"), (long long)coop,
		 tr(rq->lang, "Journals and balances"), title, adm_coop_name(rq, coop));
}

/* Today as YYYY-MM-DD (UTC), in the request's arena. */
static const char *adm_today(request *rq)
{
	char s[11];
	tz_today(TZ_GROUP, s);
	return arena_strdup(&rq->arena, s);
}

/* The value to show in a field: what was typed when the form comes back,
 * otherwise the stored one. */
static const char *adm_value(const form *f, const char *name, const char *stored)
{
	const char *v = f ? form_get(f, name) : NULL;
	return v ? v : stored;
}

/* Basis points as a percentage typed by people ("12", "10,5"). */
static const char *adm_percent(request *rq, int64_t bp)
{
	char s[32];
	if (bp % 100)
		snprintf(s, sizeof s, "%lld,%02lld", (long long)(bp / 100), (long long)(bp % 100));
	else
		snprintf(s, sizeof s, "%lld", (long long)(bp / 100));
	return arena_strdup(&rq->arena, s);
}

/* A typed percentage ("12", "10,5", at most 2 decimals) into basis points. */
static bool adm_parse_percent(const char *s, int64_t *bp)
{
	return s && *s && money_parse(s, bp) && *bp >= 0;
}

/* A typed amount in euros into cents; empty is 0. */
static bool adm_parse_euros(const char *s, int64_t *cents)
{
	*cents = 0;
	return !s || !*s || (money_parse(s, cents) && *cents >= 0);
}

/* --- economic settings (administrators) --- */

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

/* The settings form, filled from the database or from what was typed. */
static void adm_settings_form(request *rq, response *rs, int64_t coop, const bg_error *ferr)
{
	const char *L = rq->lang;
	buf *b = &rs->body;
	bg_error err;
	const form *f = ferr ? rq_form(rq, &err) : NULL;
	const char *vat = "", *rcs = "", *capital = "";
	int64_t late = 1200, ceiling = 0, terms = 30, contrib = 1000, km = 603;
	const char *closed = NULL, *doc_lang = "";
	db_stmt *q = db_query(rq->db, "SELECT coalesce(vat_number, ''), coalesce(rcs, ''), coalesce(capital_text, ''),"
				      " late_rate_bp, self_validation_max, payment_terms_days, contribution_bp, km_rate_milli,"
				      " closed_through, coalesce(doc_lang, '') FROM economy_settings WHERE cooperative_id = ?",
			      "i", coop);
	if (q && db_next(q) == 1) {
		vat = arena_strdup(&rq->arena, db_text(q, 0));
		rcs = arena_strdup(&rq->arena, db_text(q, 1));
		capital = arena_strdup(&rq->arena, db_text(q, 2));
		late = db_int(q, 3), ceiling = db_int(q, 4), terms = db_int(q, 5), contrib = db_int(q, 6), km = db_int(q, 7);
		closed = db_text(q, 8) ? arena_strdup(&rq->arena, db_text(q, 8)) : NULL;
		doc_lang = arena_strdup(&rq->arena, db_text(q, 9));
	}
	db_done(q);
	adm_heading(rq, rs, coop, tr(L, "Economic settings"));
	page_error_summary(rq, rs, ferr);
	h_printf(b, "<form method=\"post\" action=\"/economy/settings?cooperative_id=%lld\">", (long long)coop);
	page_csrf_field(rq, rs);
	char money[40], kms[40], terms_s[16];
	snprintf(money, sizeof money, "%lld,%02lld", (long long)(ceiling / 100), (long long)(ceiling % 100));
	snprintf(kms, sizeof kms, "%lld,%03lld", (long long)(km / 1000), (long long)(km % 1000));
	snprintf(terms_s, sizeof terms_s, "%lld", (long long)terms);
	h_printf(b, "<p class=\"hint\">%s <a href=\"/admin/cooperatives/%lld\">%s</a></p>",
		 tr(L, "The name, SIREN and address printed on invoices are the cooperative's own:"), (long long)coop,
		 tr(L, "edit the cooperative"));
	eco_input(rq, rs, "vat_number", tr(L, "VAT number"), "text", adm_value(f, "vat_number", vat), false, ferr);
	eco_input(rq, rs, "rcs", tr(L, "Trade register (RCS)"), "text", adm_value(f, "rcs", rcs), false, ferr);
	eco_input(rq, rs, "capital_text", tr(L, "Share capital (as printed)"), "text", adm_value(f, "capital_text", capital),
		  false, ferr);
	eco_input(rq, rs, "late_rate_bp", tr(L, "Late-payment penalty rate (%)"), "text",
		  adm_value(f, "late_rate_bp", adm_percent(rq, late)), true, ferr);
	eco_input(rq, rs, "self_validation_max", tr(L, "Members validate their own invoices up to (€ incl. VAT)"), "text",
		  adm_value(f, "self_validation_max", arena_strdup(&rq->arena, money)), true, ferr);
	eco_input(rq, rs, "payment_terms_days", tr(L, "Payment terms (days, 0 to 60)"), "text",
		  adm_value(f, "payment_terms_days", arena_strdup(&rq->arena, terms_s)), true, ferr);
	eco_input(rq, rs, "contribution_bp", tr(L, "Contribution rate (%)"), "text",
		  adm_value(f, "contribution_bp", adm_percent(rq, contrib)), true, ferr);
	eco_input(rq, rs, "km_rate_milli", tr(L, "Mileage allowance (€ per km, up to 3 decimals)"), "text",
		  adm_value(f, "km_rate_milli", arena_strdup(&rq->arena, kms)), true, ferr);
	static const char *const langs[][2] = {{"", N_("French (default)")}, {"fr", N_("French")}, {"en", N_("English")}};
	eco_select(rq, rs, "doc_lang", tr(L, "Language of invoices and quotes (unless the client has one)"), langs, 3,
		   adm_value(f, "doc_lang", doc_lang), ferr);
	h_printf(b, "<button type=\"submit\">%s</button></form>", tr(L, "Save"));
	if (closed)
		h_printf(b, "<p>%s %s</p>", tr(L, "Periods closed through"), closed);
	page_end(rq, rs);
}

/* GET /economy/settings?cooperative_id= */
static void adm_settings(request *rq, response *rs)
{
	int64_t coop;
	if (web_coop(rq, rs, AUTHZ_LEDGER_ADMINISTER, &coop))
		adm_settings_form(rq, rs, coop, NULL);
}

/* POST /economy/settings?cooperative_id= */
static void adm_settings_post(request *rq, response *rs)
{
	bg_error err;
	int64_t coop;
	const form *f = rq_form(rq, &err);
	if (!f) {
		page_fail(rq, rs, &err);
		return;
	}
	if (!web_coop(rq, rs, AUTHZ_LEDGER_ADMINISTER, &coop))
		return;
	bg_field_errors fields = {0}; /* every field's error, shown next to each */
	economy_settings_in in = {form_get(f, "vat_number"), form_get(f, "rcs"), form_get(f, "capital_text"), 0, 0, 0, 0,
				  0, form_get(f, "doc_lang"), &fields};
	const char *terms = form_get(f, "payment_terms_days"), *km = form_get(f, "km_rate_milli");
	if (!adm_parse_percent(form_get(f, "late_rate_bp"), &in.late_rate_bp))
		bg_field_error_add(&fields, BG_ERR_INVALID, "invalid_rate", "late_rate_bp",
				   N_("A rate is a percentage with at most 2 decimals."));
	money_field_read(&fields, "self_validation_max", form_get(f, "self_validation_max"), true, MONEY_NOT_NEGATIVE,
			 &in.self_validation_max);
	if (!terms || !*terms || strspn(terms, "0123456789") != strlen(terms) || strlen(terms) > 3)
		bg_field_error_add(&fields, BG_ERR_INVALID, "invalid_terms", "payment_terms_days",
				   N_("Payment terms are between 0 and 60 days."));
	else
		in.payment_terms_days = strtoll(terms, NULL, 10);
	if (!adm_parse_percent(form_get(f, "contribution_bp"), &in.contribution_bp))
		bg_field_error_add(&fields, BG_ERR_INVALID, "invalid_rate", "contribution_bp",
				   N_("A rate is a percentage with at most 2 decimals."));
	if (!sales_parse_quantity(km, &in.km_rate_milli) && strcmp(km ? km : "", "0"))
		bg_field_error_add(&fields, BG_ERR_INVALID, "invalid_rate", "km_rate_milli",
				   N_("The mileage rate is between 0 and 100 € per km."));
	bg_status st = db_begin(rq->db, DB_WRITE, &err);
	if (st == BG_OK)
		st = ledger_settings_put(rq->db, rq->person_id, coop, &in, &err);
	web_finish(rq, rs, st, &err, "/economy/settings?cooperative_id=", coop, adm_settings_form, coop);
}

/* --- the chart of accounts (administrators) --- */

/* The chart: every account with a rename form, and a form to add one. */
static void adm_accounts_page(request *rq, response *rs, int64_t coop, const bg_error *ferr)
{
	const char *L = rq->lang;
	buf *b = &rs->body;
	bg_error err;
	const form *f = ferr ? rq_form(rq, &err) : NULL;
	const char *failed = f ? form_get(f, "number") : NULL;
	bool existing = false;
	adm_heading(rq, rs, coop, tr(L, "Chart of accounts"));
	page_error_summary(rq, rs, ferr);
	h_printf(b, "<table><thead><tr><th>%s</th><th>%s</th></tr></thead><tbody>", tr(L, "Account"), tr(L, "Label"));
	db_stmt *q = db_query(rq->db, "SELECT number, label FROM ledger_accounts WHERE cooperative_id = ? ORDER BY number",
			      "i", coop);
	while (q && db_next(q) == 1) {
		const char *num = db_text(q, 0);
		bool bad = failed && !strcmp(failed, num);
		existing = existing || bad;
		h_printf(b, "<tr><td>%s</td><td><form class=\"inline\" method=\"post\" action=\"/economy/accounts?cooperative_id=%lld\">",
			 num, (long long)coop);
		page_csrf_field(rq, rs);
		h_printf(b, "<input type=\"hidden\" name=\"number\" value=\"%s\"><label class=\"visually-hidden\" for=\"l-%s\">%s %s</label>"
			    "<input id=\"l-%s\" name=\"label\" value=\"%s\" required",
			 num, num, tr(L, "Label of account"), num, num, bad ? form_get(f, "label") : db_text(q, 1));
		if (bad)
			h_printf(b, " aria-invalid=\"true\"");
		h_printf(b, "> <button type=\"submit\">%s</button>", tr(L, "Rename"));
		if (bad)
			h_printf(b, "<p class=\"error\">%s</p>", tr(L, ferr->msgid));
		h_printf(b, "</form></td></tr>");
	}
	db_done(q);
	h_printf(b, "</tbody></table><h2>%s</h2><form method=\"post\" action=\"/economy/accounts?cooperative_id=%lld\">",
		 tr(L, "Add an account"), (long long)coop);
	page_csrf_field(rq, rs);
	const bg_error *add_err = existing ? NULL : ferr;
	eco_input(rq, rs, "number", tr(L, "Number (3 to 10 digits, PCG)"), "text", existing ? NULL : failed, true, add_err);
	eco_input(rq, rs, "label", tr(L, "Label"), "text", existing || !f ? NULL : form_get(f, "label"), true, add_err);
	h_printf(b, "<button type=\"submit\">%s</button></form>", tr(L, "Add"));
	page_end(rq, rs);
}

/* GET /economy/accounts?cooperative_id= */
static void adm_accounts(request *rq, response *rs)
{
	int64_t coop;
	if (web_coop(rq, rs, AUTHZ_LEDGER_ADMINISTER, &coop))
		adm_accounts_page(rq, rs, coop, NULL);
}

/* POST /economy/accounts?cooperative_id= {number, label} — adds or renames. */
static void adm_accounts_post(request *rq, response *rs)
{
	bg_error err;
	int64_t coop;
	const form *f = rq_form(rq, &err);
	if (!f) {
		page_fail(rq, rs, &err);
		return;
	}
	if (!web_coop(rq, rs, AUTHZ_LEDGER_ADMINISTER, &coop))
		return;
	bg_status st = db_begin(rq->db, DB_WRITE, &err);
	if (st == BG_OK)
		st = ledger_account_put(rq->db, rq->person_id, coop, form_get(f, "number"), form_get(f, "label"), &err);
	web_finish(rq, rs, st, &err, "/economy/accounts?cooperative_id=", coop, adm_accounts_page, coop);
}

/* --- manual entries, reversal, closing (accountants) --- */

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
		h_printf(b, bad ? "<tr class=\"invalid\"><td>" : "<tr><td>");
		if (bad)
			adm_line_errors(rq, rs, ferr, i, true);
		h_printf(b, "<label class=\"visually-hidden\" for=\"f-%s\">%s %d</label><select id=\"f-%s\" name=\"%s\"",
			 n, tr(L, "Account of line"), i + 1, n, n);
		if (bad)
			h_printf(b, " aria-invalid=\"true\"");
		h_printf(b, "><option value=\"\">—</option>");
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

/* --- activities (accountants) --- */

static const char *const adm_statuses[][2] = {{"support", N_("support")}, {"salaried", N_("salaried")},
					      {"closed", N_("closed")}};

/* A person's id from the email typed in field "members" (0 and err set when unknown). */
static int64_t adm_member_by_email(request *rq, const char *email, bg_error *err)
{
	person p;
	bg_error ignored;
	if (email && *email && account_find_email(rq->db, email, &p, &ignored) == BG_OK)
		return p.id;
	bg_fail(err, BG_ERR_INVALID, "unknown_person", "members", N_("No one has this email address."));
	return 0;
}

/* The contribution rate typed ("" = the cooperative's) into bp or -1. */
static bool adm_parse_rate(const char *s, int64_t *bp)
{
	*bp = -1;
	return !s || !*s || adm_parse_percent(s, bp);
}

/* The new-activity form. */
static void adm_activity_new_form(request *rq, response *rs, int64_t coop, const bg_error *ferr)
{
	const char *L = rq->lang;
	bg_error err;
	const form *f = ferr ? rq_form(rq, &err) : NULL;
	adm_heading(rq, rs, coop, tr(L, "New activity"));
	page_error_summary(rq, rs, ferr);
	h_printf(&rs->body, "<form method=\"post\" action=\"/economy/activities/new?cooperative_id=%lld\">", (long long)coop);
	page_csrf_field(rq, rs);
	eco_input(rq, rs, "code", tr(L, "Analytic code (capitals, digits, - or _)"), "text", f ? form_get(f, "code") : NULL,
		  true, ferr);
	eco_input(rq, rs, "name", tr(L, "Name"), "text", f ? form_get(f, "name") : NULL, true, ferr);
	eco_input(rq, rs, "contribution_bp", tr(L, "Own contribution rate (%, empty: the cooperative's)"), "text",
		  f ? form_get(f, "contribution_bp") : NULL, false, ferr);
	eco_input(rq, rs, "members", tr(L, "Email of the first member"), "email", f ? form_get(f, "members") : NULL, true, ferr);
	h_printf(&rs->body, "<button type=\"submit\">%s</button></form>", tr(L, "Create the activity"));
	page_end(rq, rs);
}

/* GET /economy/activities/new?cooperative_id= */
static void adm_activity_new(request *rq, response *rs)
{
	int64_t coop;
	if (web_coop(rq, rs, AUTHZ_LEDGER_POST, &coop))
		adm_activity_new_form(rq, rs, coop, NULL);
}

/* POST /economy/activities/new?cooperative_id= */
static void adm_activity_create(request *rq, response *rs)
{
	bg_error err;
	int64_t coop, rate, id = 0, member = 0;
	const form *f = rq_form(rq, &err);
	if (!f) {
		page_fail(rq, rs, &err);
		return;
	}
	if (!web_coop(rq, rs, AUTHZ_LEDGER_POST, &coop))
		return;
	bg_status st = BG_OK;
	if (!adm_parse_rate(form_get(f, "contribution_bp"), &rate))
		st = bg_fail(&err, BG_ERR_INVALID, "invalid_rate", "contribution_bp", N_("A rate is a percentage with at most 2 decimals."));
	if (st == BG_OK)
		st = db_begin(rq->db, DB_WRITE, &err);
	if (st == BG_OK && !(member = adm_member_by_email(rq, form_get(f, "members"), &err)))
		st = err.status;
	if (st == BG_OK)
		st = activity_create(rq->db, rq->person_id, coop, form_get(f, "code"), form_get(f, "name"), &member, 1, rate,
				     &id, &err);
	web_finish(rq, rs, st, &err, "/economy/activities/", id, adm_activity_new_form, coop);
}

/* The activity edit form and its members (each with a remove button). */
static void adm_activity_edit_form(request *rq, response *rs, int64_t id, const bg_error *ferr)
{
	const char *L = rq->lang;
	buf *b = &rs->body;
	bg_error err;
	activity a;
	if (activity_access(rq->db, rq->person_id, id, false, &a, &err) != BG_OK ||
	    authz_check(rq->db, rq->person_id, AUTHZ_LEDGER_POST, (scope){SCOPE_COOPERATIVE, a.coop_id}, &err) != BG_OK) {
		page_fail(rq, rs, &err);
		return;
	}
	const form *f = ferr ? rq_form(rq, &err) : NULL;
	char title[260];
	snprintf(title, sizeof title, "%s — %s", tr(L, "Edit the activity"), a.code);
	adm_heading(rq, rs, a.coop_id, title);
	h_printf(b, "<p><a href=\"/economy/activities/%lld\">%s</a></p>", (long long)a.id, a.name);
	page_error_summary(rq, rs, ferr);
	h_printf(b, "<form method=\"post\" action=\"/economy/activities/%lld/edit\">", (long long)a.id);
	page_csrf_field(rq, rs);
	eco_input(rq, rs, "name", tr(L, "Name"), "text", adm_value(f, "name", a.name), true, ferr);
	eco_select(rq, rs, "status", tr(L, "Status"), adm_statuses, 3, adm_value(f, "status", a.status), ferr);
	eco_input(rq, rs, "contribution_bp", tr(L, "Own contribution rate (%, empty: the cooperative's)"), "text",
		  adm_value(f, "contribution_bp", a.contribution_bp >= 0 ? adm_percent(rq, a.contribution_bp) : ""), false,
		  ferr);
	eco_input(rq, rs, "members", tr(L, "Add a member (email)"), "email", f ? form_get(f, "members") : NULL, false, ferr);
	h_printf(b, "<button type=\"submit\">%s</button></form><h2>%s</h2><ul>", tr(L, "Save"), tr(L, "Members"));
	db_stmt *q = db_query(rq->db, "SELECT p.id, p.display_name, p.email FROM activity_members m JOIN people p ON p.id = m.person_id"
				      " WHERE m.activity_id = ? ORDER BY p.display_name", "i", a.id);
	while (q && db_next(q) == 1) {
		h_printf(b, "<li>%s &lt;%s&gt; <form class=\"inline\" method=\"post\" action=\"/economy/activities/%lld/members/%lld/remove\">",
			 db_text(q, 1), db_text(q, 2), (long long)a.id, (long long)db_int(q, 0));
		page_csrf_field(rq, rs);
		h_printf(b, "<button type=\"submit\" aria-label=\"%s %s\">%s</button></form></li>", tr(L, "Remove"), db_text(q, 1),
			 tr(L, "Remove"));
	}
	db_done(q);
	h_printf(b, "</ul>");
	page_end(rq, rs);
}

/* GET /economy/activities/{id}/edit */
static void adm_activity_edit(request *rq, response *rs)
{
	adm_activity_edit_form(rq, rs, rq_param_id(rq, 0), NULL);
}

/* POST /economy/activities/{id}/edit {name, status, contribution_bp, members (an email to add)} */
static void adm_activity_update(request *rq, response *rs)
{
	bg_error err;
	int64_t id = rq_param_id(rq, 0), rate, member = 0;
	const form *f = rq_form(rq, &err);
	if (!f) {
		page_fail(rq, rs, &err);
		return;
	}
	bg_status st = BG_OK;
	const char *email = form_get(f, "members");
	if (!adm_parse_rate(form_get(f, "contribution_bp"), &rate))
		st = bg_fail(&err, BG_ERR_INVALID, "invalid_rate", "contribution_bp", N_("A rate is a percentage with at most 2 decimals."));
	if (st == BG_OK)
		st = db_begin(rq->db, DB_WRITE, &err);
	if (st == BG_OK && email && *email && !(member = adm_member_by_email(rq, email, &err)))
		st = err.status;
	if (st == BG_OK)
		st = activity_update(rq->db, rq->person_id, id, form_get(f, "name"), form_get(f, "status"), rate, &member,
				     member ? 1 : 0, &err);
	web_finish(rq, rs, st, &err, "/economy/activities/", id, adm_activity_edit_form, id);
}

/* POST /economy/activities/{id}/members/{person}/remove */
static void adm_member_remove(request *rq, response *rs)
{
	bg_error err;
	int64_t id = rq_param_id(rq, 0);
	bg_status st = db_begin(rq->db, DB_WRITE, &err);
	if (st == BG_OK)
		st = activity_member_remove(rq->db, rq->person_id, id, rq_param_id(rq, 1), &err);
	if (st == BG_OK && db_commit(rq->db, &err) == BG_OK) {
		char to[80];
		snprintf(to, sizeof to, "/economy/activities/%lld/edit", (long long)id);
		rs_redirect(rq, rs, to);
		return;
	}
	db_rollback(rq->db);
	if (err.status == BG_ERR_CONFLICT) {
		err.field = NULL; /* about the member removed, not the field that adds one: shown above the form */
		adm_activity_edit_form(rq, rs, id, &err);
		rs->status = 409;
		return;
	}
	page_fail(rq, rs, &err);
}

const route web_economy_admin_routes[] = {
	{HTTP_GET, "/economy/settings", adm_settings, ROUTE_AUTH | ROUTE_PAGE},
	{HTTP_POST, "/economy/settings", adm_settings_post, ROUTE_AUTH | ROUTE_PAGE},
	{HTTP_GET, "/economy/accounts", adm_accounts, ROUTE_AUTH | ROUTE_PAGE},
	{HTTP_POST, "/economy/accounts", adm_accounts_post, ROUTE_AUTH | ROUTE_PAGE},
	{HTTP_GET, "/economy/entries/new", adm_entry_new, ROUTE_AUTH | ROUTE_PAGE},
	{HTTP_POST, "/economy/entries/new", adm_entry_post, ROUTE_AUTH | ROUTE_PAGE},
	{HTTP_GET, "/economy/entries/{id}", adm_entry, ROUTE_AUTH | ROUTE_PAGE},
	{HTTP_POST, "/economy/entries/{id}/reverse", adm_entry_reverse, ROUTE_AUTH | ROUTE_PAGE},
	{HTTP_GET, "/economy/close", adm_close, ROUTE_AUTH | ROUTE_PAGE},
	{HTTP_POST, "/economy/close", adm_close_post, ROUTE_AUTH | ROUTE_PAGE},
	{HTTP_GET, "/economy/activities/new", adm_activity_new, ROUTE_AUTH | ROUTE_PAGE},
	{HTTP_POST, "/economy/activities/new", adm_activity_create, ROUTE_AUTH | ROUTE_PAGE},
	{HTTP_GET, "/economy/activities/{id}/edit", adm_activity_edit, ROUTE_AUTH | ROUTE_PAGE},
	{HTTP_POST, "/economy/activities/{id}/edit", adm_activity_update, ROUTE_AUTH | ROUTE_PAGE},
	{HTTP_POST, "/economy/activities/{id}/members/{person}/remove", adm_member_remove, ROUTE_AUTH | ROUTE_PAGE},
	{0, NULL, NULL, 0},
};
