/*
 * economy/settings.c — the administrators' pages of a cooperative:
 * /economy/settings?cooperative_id= (the economic settings printed on
 * invoices and used for mileage, payment terms, contribution; the mileage
 * rate in euros per km with up to 3 decimals) and /economy/accounts (the
 * chart of accounts: add an account, rename one).
 */
#include "web/economy/web_economy_internal.h"

/* The settings form, filled from the database or from what was typed. */
static void adm_settings_form(request *rq, response *rs, int64_t coop, const bg_error *ferr)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
	bg_error err;
	const form *f = ferr ? rq_form(rq, &err) : NULL;
	const char *vat = "", *rcs = "", *capital = "";
	int64_t late = 1200, ceiling = 0, terms = 30, contrib = 1000, km = 603;
	const char *closed = NULL, *doc_lang = "";
	economy_settings_view v;
	bool found;
	if (ledger_settings_get(rq->db, &rq->arena, rq->person_id, coop, &v, &found, &err) != BG_OK) {
		page_fail(rq, rs, &err);
		return;
	}
	if (found) {
		vat = v.vat_number ? v.vat_number : "";
		rcs = v.rcs ? v.rcs : "";
		capital = v.capital_text ? v.capital_text : "";
		late = v.late_rate_bp, ceiling = v.self_validation_max, terms = v.payment_terms_days;
		contrib = v.contribution_bp, km = v.km_rate_milli;
		closed = v.closed_through;
		doc_lang = v.doc_lang ? v.doc_lang : "";
	}
	if (!web_eco_heading(rq, rs, coop, tr(L, "Economic settings")))
		return;
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
	web_eco_input(rq, rs, "vat_number", tr(L, "VAT number"), "text", web_eco_value(f, "vat_number", vat), false, ferr);
	web_eco_input(rq, rs, "rcs", tr(L, "Trade register (RCS)"), "text", web_eco_value(f, "rcs", rcs), false, ferr);
	web_eco_input(rq, rs, "capital_text", tr(L, "Share capital (as printed)"), "text", web_eco_value(f, "capital_text", capital),
		  false, ferr);
	web_eco_input(rq, rs, "late_rate_bp", tr(L, "Late-payment penalty rate (%)"), "text",
		  web_eco_value(f, "late_rate_bp", web_eco_percent(rq, late)), true, ferr);
	web_eco_input(rq, rs, "self_validation_max", tr(L, "Members validate their own invoices up to (€ incl. VAT)"), "text",
		  web_eco_value(f, "self_validation_max", arena_strdup(&rq->arena, money)), true, ferr);
	web_eco_input(rq, rs, "payment_terms_days", tr(L, "Payment terms (days, 0 to 60)"), "text",
		  web_eco_value(f, "payment_terms_days", arena_strdup(&rq->arena, terms_s)), true, ferr);
	web_eco_input(rq, rs, "contribution_bp", tr(L, "Contribution rate (%)"), "text",
		  web_eco_value(f, "contribution_bp", web_eco_percent(rq, contrib)), true, ferr);
	web_eco_input(rq, rs, "km_rate_milli", tr(L, "Mileage allowance (€ per km, up to 3 decimals)"), "text",
		  web_eco_value(f, "km_rate_milli", arena_strdup(&rq->arena, kms)), true, ferr);
	static const char *const langs[][2] = {{"", N_("French (default)")}, {"fr", N_("French")}, {"en", N_("English")}};
	web_eco_select(rq, rs, "doc_lang", tr(L, "Language of invoices and quotes (unless the client has one)"), langs, 3,
		   web_eco_value(f, "doc_lang", doc_lang), ferr);
	h_printf(b, "<button type=\"submit\">%s</button></form>", tr(L, "Save"));
	if (closed)
		h_printf(b, "<p>%s %s</p>", tr(L, "Periods closed through"), closed);
	page_end(rq, rs);
}

/* GET /economy/settings?cooperative_id= */
static void adm_settings(request *rq, response *rs)
{
	int64_t coop;
	if (web_eco_coop(rq, rs, AUTHZ_LEDGER_ADMINISTER, &coop))
		adm_settings_form(rq, rs, coop, NULL);
}

/* POST /economy/settings?cooperative_id= */
static void adm_settings_post(request *rq, response *rs)
{
	bg_error err;
	int64_t coop;
	const form *f = web_eco_coop_form(rq, rs, AUTHZ_LEDGER_ADMINISTER, &coop);
	if (!f)
		return;
	bg_field_errors fields = {0}; /* every field's error, shown next to each */
	economy_settings_in in = {form_get(f, "vat_number"), form_get(f, "rcs"), form_get(f, "capital_text"), 0, 0, 0, 0,
				  0, form_get(f, "doc_lang"), &fields};
	const char *terms = form_get(f, "payment_terms_days"), *km = form_get(f, "km_rate_milli");
	if (!web_eco_parse_percent(form_get(f, "late_rate_bp"), &in.late_rate_bp))
		bg_field_error_add(&fields, BG_ERR_INVALID, "invalid_rate", "late_rate_bp",
				   N_("A rate is a percentage with at most 2 decimals."));
	money_field_read(&fields, "self_validation_max", form_get(f, "self_validation_max"), true, MONEY_NOT_NEGATIVE,
			 &in.self_validation_max);
	if (!terms || !*terms || strspn(terms, "0123456789") != strlen(terms) || strlen(terms) > 3)
		bg_field_error_add(&fields, BG_ERR_INVALID, "invalid_terms", "payment_terms_days",
				   N_("Payment terms are between 0 and 60 days."));
	else
		in.payment_terms_days = strtoll(terms, NULL, 10);
	if (!web_eco_parse_percent(form_get(f, "contribution_bp"), &in.contribution_bp))
		bg_field_error_add(&fields, BG_ERR_INVALID, "invalid_rate", "contribution_bp",
				   N_("A rate is a percentage with at most 2 decimals."));
	if (!sales_parse_quantity(km, &in.km_rate_milli) && strcmp(km ? km : "", "0"))
		bg_field_error_add(&fields, BG_ERR_INVALID, "invalid_rate", "km_rate_milli",
				   N_("The mileage rate is between 0 and 100 € per km."));
	bg_status st = web_begin(rq, BG_OK, &err);
	if (st == BG_OK)
		st = ledger_settings_put(rq->db, rq->person_id, coop, &in, &err);
	web_eco_finish(rq, rs, st, &err, "/economy/settings?cooperative_id=", coop, adm_settings_form, coop);
}

/* The chart: every account with a rename form, and a form to add one. */
static void adm_accounts_page(request *rq, response *rs, int64_t coop, const bg_error *ferr)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
	bg_error err;
	const form *f = ferr ? rq_form(rq, &err) : NULL;
	const char *failed = f ? form_get(f, "number") : NULL;
	bool existing = false;
	ledger_account_row *acc;
	size_t nacc;
	if (ledger_account_list(rq->db, &rq->arena, rq->person_id, coop, &acc, &nacc, &err) != BG_OK) {
		page_fail(rq, rs, &err);
		return;
	}
	if (!web_eco_heading(rq, rs, coop, tr(L, "Chart of accounts")))
		return;
	page_error_summary(rq, rs, ferr);
	h_printf(b, "<table><thead><tr><th>%s</th><th>%s</th></tr></thead><tbody>", tr(L, "Account"), tr(L, "Label"));
	for (size_t i = 0; i < nacc; i++) {
		const char *num = acc[i].number;
		bool bad = failed && !strcmp(failed, num);
		existing = existing || bad;
		h_printf(b, "<tr><td>%s</td><td><form class=\"inline\" method=\"post\" action=\"/economy/accounts?cooperative_id=%lld\">",
			 num, (long long)coop);
		page_csrf_field(rq, rs);
		/* markup in the format, never as an argument (which is escaped) */
		h_printf(b, "<input type=\"hidden\" name=\"number\" value=\"%s\"><label class=\"visually-hidden\" for=\"l-%s\">%s %s</label>"
			    "<input id=\"l-%s\" name=\"label\" value=\"%s\" required",
			 num, num, tr(L, "Label of account"), num, num, bad ? form_get(f, "label") : acc[i].label);
		if (bad)
			h_attr(b, "aria-invalid", "true");
		h_printf(b, "> <button type=\"submit\">%s</button>", tr(L, "Rename"));
		if (bad)
			h_printf(b, "<p class=\"error\">%s</p>", tr(L, ferr->msgid));
		h_printf(b, "</form></td></tr>");
	}
	h_printf(b, "</tbody></table><h2>%s</h2><form method=\"post\" action=\"/economy/accounts?cooperative_id=%lld\">",
		 tr(L, "Add an account"), (long long)coop);
	page_csrf_field(rq, rs);
	const bg_error *add_err = existing ? NULL : ferr;
	web_eco_input(rq, rs, "number", tr(L, "Number (3 to 10 digits, PCG)"), "text", existing ? NULL : failed, true, add_err);
	web_eco_input(rq, rs, "label", tr(L, "Label"), "text", existing || !f ? NULL : form_get(f, "label"), true, add_err);
	h_printf(b, "<button type=\"submit\">%s</button></form>", tr(L, "Add"));
	page_end(rq, rs);
}

/* GET /economy/accounts?cooperative_id= */
static void adm_accounts(request *rq, response *rs)
{
	int64_t coop;
	if (web_eco_coop(rq, rs, AUTHZ_LEDGER_ADMINISTER, &coop))
		adm_accounts_page(rq, rs, coop, NULL);
}

/* POST /economy/accounts?cooperative_id= {number, label} — adds or renames. */
static void adm_accounts_post(request *rq, response *rs)
{
	bg_error err;
	int64_t coop;
	const form *f = web_eco_coop_form(rq, rs, AUTHZ_LEDGER_ADMINISTER, &coop);
	if (!f)
		return;
	bg_status st = web_begin(rq, BG_OK, &err);
	if (st == BG_OK)
		st = ledger_account_put(rq->db, rq->person_id, coop, form_get(f, "number"), form_get(f, "label"), &err);
	web_eco_finish(rq, rs, st, &err, "/economy/accounts?cooperative_id=", coop, adm_accounts_page, coop);
}

const route web_eco_settings_routes[] = {
	{HTTP_GET, "/economy/settings", adm_settings, ROUTE_AUTH | ROUTE_PAGE},
	{HTTP_POST, "/economy/settings", adm_settings_post, ROUTE_AUTH | ROUTE_PAGE},
	{HTTP_GET, "/economy/accounts", adm_accounts, ROUTE_AUTH | ROUTE_PAGE},
	{HTTP_POST, "/economy/accounts", adm_accounts_post, ROUTE_AUTH | ROUTE_PAGE},
	{0, NULL, NULL, 0},
};
