/*
 * economy/helpers.c — what the economy's pages share: amounts and words
 * for the page's language, the labelled inputs and selects with their
 * error next to them, the end of a writing POST (web_eco_finish), the
 * cooperative of ?cooperative_id= (web_eco_coop), the receipts' links, and
 * the accounting pages' heading, today's date and typed percentages and
 * euros.
 */
#include "web/economy/web_economy_internal.h"

/* Formats cents for the page's language into the request's arena. */
const char *web_eco_money(request *rq, int64_t cents)
{
	buf b;
	buf_init(&b);
	money_format(&b, cents, rq->lang);
	char *s = arena_strdup(&rq->arena, b.data);
	buf_free(&b);
	return s;
}

/* The translated name of a document status or kind. */
const char *web_eco_word(request *rq, const char *w)
{
	static const char *const words[] = {N_("draft"), N_("validated"), N_("sent"), N_("partly_paid"),
		N_("paid"), N_("cancelled"), N_("accepted"), N_("refused"), N_("submitted"), N_("quote"),
		N_("invoice"), N_("credit_note"), N_("expense"), N_("supplier_invoice"), N_("support"),
		N_("salaried"), N_("closed"), N_("invoiced"), N_("partly_invoiced")};
	for (size_t i = 0; w && i < sizeof words / sizeof *words; i++)
		if (!strcmp(w, words[i]))
			return tr(rq->lang, words[i]);
	return w ? w : "";
}

/* A labelled input with its error next to it; required or not. */
void web_eco_input(request *rq, response *rs, const char *name, const char *label, const char *type,
		   const char *value, bool required, const bg_error *err)
{
	widget w = {.name = name, .label = label, .value = value, .required = required, .err = err};
	widget_input(rq, rs, type, &w);
}

/* A labelled select of n (value, msgid) options with its error next to it. */
void web_eco_select(request *rq, response *rs, const char *name, const char *label, const char *const (*opts)[2],
		size_t n, const char *value, const bg_error *err)
{
	widget w = {.name = name, .label = label, .err = err};
	widget_select_begin(rq, rs, &w);
	for (size_t i = 0; i < n; i++)
		widget_option(rs, opts[i][0], tr(rq->lang, opts[i][1]), value && !strcmp(value, opts[i][0]));
	widget_select_end(rs);
}

/* Links to the receipts of an expense report's lines ("—" when none). */
void web_eco_receipt_links(request *rq, html *b, const expense_view *e)
{
	for (size_t i = 0; i < e->nreceipts; i++)
		h_printf(b, "%s<a href=\"/economy/receipts/%lld\">%s</a>", i ? ", " : "", (long long)e->receipts[i].id,
			 e->receipts[i].filename);
	if (!e->nreceipts)
		h_printf(b, "—");
}

/* The end of every creating POST: on success, commit and redirect to
 * "<prefix><target id>"; on a field error, roll back and show the form
 * again (422) with the message next to the field; otherwise an error page. */
void web_eco_finish(request *rq, response *rs, bg_status st, bg_error *err, const char *prefix,
		    int64_t target, web_eco_form_fn again, int64_t form_id)
{
	if (web_finish(rq, rs, st, err, arena_printf(&rq->arena, "%s%lld", prefix, (long long)target), 0))
		again(rq, rs, form_id, err);
}

/* The cooperative of ?cooperative_id= that the person keeps the books of. */
bool web_eco_coop(request *rq, response *rs, authz_action action, int64_t *coop)
{
	bg_error err;
	const char *v = rq_query(rq, "cooperative_id");
	*coop = v ? strtoll(v, NULL, 10) : 0;
	if (authz_check(rq->db, rq->person_id, action, (scope){SCOPE_COOPERATIVE, *coop}, &err) != BG_OK) {
		page_fail(rq, rs, &err);
		return false;
	}
	return true;
}

/* The form of a POST to a cooperative's accounting page (see the header). */
const form *web_eco_coop_form(request *rq, response *rs, authz_action action, int64_t *coop)
{
	bg_error err;
	const form *f = rq_form(rq, &err);
	if (!f) {
		page_fail(rq, rs, &err);
		return NULL;
	}
	return web_eco_coop(rq, rs, action, coop) ? f : NULL;
}

/* The heading of an accounting page: a link back, the title, the
 * cooperative's name.  The name is read first: when it cannot be, the
 * error page is rendered instead and false returned (the caller stops). */
bool web_eco_heading(request *rq, response *rs, int64_t coop, const char *title)
{
	const char *name;
	bg_error err;
	if (economy_coop_name(rq->db, &rq->arena, rq->person_id, coop, &name, &err) != BG_OK) {
		page_fail(rq, rs, &err);
		return false;
	}
	page_begin(rq, rs, title);
	h_printf(page_html(rs), "<p><a href=\"/economy\">%s</a> · <a href=\"/economy/ledger?cooperative_id=%lld\">%s</a></p>"
			    "<h1>%s</h1><p class=\"lead\">%s</p>", tr(rq->lang, "Economy"), (long long)coop,
		 tr(rq->lang, "Journals and balances"), title, name);
	return true;
}

/* Today as YYYY-MM-DD (UTC), in the request's arena. */
const char *web_eco_today(request *rq)
{
	char s[11];
	tz_today(TZ_GROUP, s);
	return arena_strdup(&rq->arena, s);
}

/* The value to show in a field: what was typed when the form comes back,
 * otherwise the stored one. */
const char *web_eco_value(const form *f, const char *name, const char *stored)
{
	const char *v = f ? form_get(f, name) : NULL;
	return v ? v : stored;
}

/* Basis points as a percentage typed by people ("12", "10,5"). */
const char *web_eco_percent(request *rq, int64_t bp)
{
	char s[32];
	if (bp % 100)
		snprintf(s, sizeof s, "%lld,%02lld", (long long)(bp / 100), (long long)(bp % 100));
	else
		snprintf(s, sizeof s, "%lld", (long long)(bp / 100));
	return arena_strdup(&rq->arena, s);
}

/* A typed percentage ("12", "10,5", at most 2 decimals) into basis points. */
bool web_eco_parse_percent(const char *s, int64_t *bp)
{
	return s && *s && money_parse(s, bp) && *bp >= 0;
}

/* A typed amount in euros into cents; empty is 0. */
bool web_eco_parse_euros(const char *s, int64_t *cents)
{
	*cents = 0;
	return !s || !*s || (money_parse(s, cents) && *cents >= 0);
}

void web_eco_fields_take(bg_field_errors *to, const bg_field_errors *from, const int *index, size_t n)
{
	for (int k = 0; k < from->n; k++) {
		const bg_error *e = &from->items[k];
		char name[BG_FIELD_NAME_MAX];
		size_t line = 0;
		int used = 0;
		if (sscanf(e->field, "lines[%zu].%n", &line, &used) == 1 && used > 0 && line < n)
			snprintf(name, sizeof name, "lines[%d].%s", index[line], e->field + used);
		else
			snprintf(name, sizeof name, "%s", e->field);
		bg_field_error_add(to, e->status, e->code, name, e->msgid);
	}
}
