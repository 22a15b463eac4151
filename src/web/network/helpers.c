/*
 * network/helpers.c — what the network pages share: labelled fields with
 * their error, the option lists (visibility, kinds, roles…) and their
 * labels, numbers and days for the request's language, deletions in a
 * transaction.
 */
#include "web/network/web_network_internal.h"

/* Appends s percent-encoded for a query string. */
void web_net_urlenc(buf *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    *p == '-' || *p == '_' || *p == '.' || *p == '~') {
			buf_putc(out, (char)*p);
		} else {
			buf_putc(out, '%');
			buf_putc(out, hex[*p >> 4]);
			buf_putc(out, hex[*p & 15]);
		}
	}
}

const char *web_net_int(request *rq, int64_t n)
{
	char digits[32], out[64];
	snprintf(digits, sizeof digits, "%lld", (long long)(n < 0 ? -n : n));
	const char *sep = strcmp(rq->lang, "fr") == 0 ? "\u202f" : ",";
	size_t len = strlen(digits), k = 0;
	if (n < 0)
		out[k++] = '-';
	for (size_t i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0)
			k += (size_t)snprintf(out + k, sizeof out - k, "%s", sep);
		out[k++] = digits[i];
	}
	out[k] = '\0';
	return arena_strdup(&rq->arena, out);
}

const char *web_net_day(request *rq, const char *day)
{
	int y, m, d;
	if (!day || !date_parse(day, &y, &m, &d))
		return day ? day : "";
	buf b;
	buf_init(&b);
	date_format_calendar_day(&b, date_to_days(y, m, d), rq->lang);
	const char *out = arena_strdup(&rq->arena, b.data ? b.data : day);
	buf_free(&b);
	return out;
}

/* A labelled textarea with its error. */
void web_net_textarea(request *rq, response *rs, const char *name, const char *label,
		      const char *hint, const char *value, int rows, const bg_error *err)
{
	widget w = {.name = name, .label = label, .hint = hint, .value = value, .err = err};
	widget_textarea(rq, rs, rows, &w);
}

/* A labelled optional text input (page_input marks fields required). */
void web_net_text(request *rq, response *rs, const char *name, const char *label,
		  const char *hint, const char *value, const char *autocomplete, const bg_error *err)
{
	widget w = {.name = name, .label = label, .hint = hint, .value = value, .err = err,
		    .autocomplete = autocomplete ? autocomplete : "off"};
	widget_input(rq, rs, "text", &w);
}

/* A labelled select; options are value/label pairs ending with NULL. */
void web_net_select(request *rq, response *rs, const char *name, const char *label,
		    const char *const *options, const char *current, const bg_error *err)
{
	widget w = {.name = name, .label = label, .err = err};
	widget_select_begin(rq, rs, &w);
	for (size_t i = 0; options[i]; i += 2)
		widget_option(rs, options[i], tr(rq->lang, options[i + 1]), current && strcmp(current, options[i]) == 0);
	widget_select_end(rs);
}

/* Joins a list of labels with ", ". */
const char *web_net_join(request *rq, const char **v, size_t n)
{
	buf b;
	buf_init(&b);
	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", v[i]);
	const char *out = arena_strdup(&rq->arena, b.data ? b.data : "");
	buf_free(&b);
	return out;
}

const char *const web_net_vis_options[] = {
	"public", N_("Everyone (public)"), "group", N_("The whole group"),
	"coop", N_("My cooperative(s)"), "private", N_("Only me"), NULL};
const char *const web_net_area_options[] = {"urban", N_("Urban"), "rural", N_("Rural"), NULL};
const char *const web_net_status_options[] = {
	"newcomer", N_("Newcomer"), "member", N_("Member (salaried entrepreneur)"),
	"associate", N_("Associate"), "staff", N_("Staff"), "former", N_("Former member"), NULL};
const char *const web_net_unit_kinds[] = {
	"establishment", N_("Establishment"), "antenna", N_("Antenna"),
	"local_group", N_("Local group"), "trade_group", N_("Trade group"), NULL};
const char *const web_net_org_kinds[] = {
	"", N_("All kinds"), "groupement", N_("Groupement"),
	"individual_enterprise", N_("Individual enterprise"),
	"collective_enterprise", N_("Collective enterprise"), "research_lab", N_("Research lab"),
	"local_authority", N_("Local authority"), "partner", N_("Partner"), NULL};
const char *const web_net_legal_forms[] = {
	"CAE", "CAE", "SCOP", "SCOP", "SCIC", "SCIC", "CAE-SCOP", "CAE-SCOP", "CAE-SCIC", "CAE-SCIC",
	"CUMA", "CUMA", "SA", "SA", "SAS", "SAS", "SARL", "SARL", "ASSOCIATION", N_("Association"), NULL};
const char *const web_net_roles[] = {
	"newcomer", N_("newcomer"), "member", N_("member"), "associate", N_("associate"),
	"host", N_("host"), "facilitator", N_("facilitator"), "accompanist", N_("accompanist"),
	"accountant", N_("accountant"), "admin", N_("admin"), "partner", N_("partner"), NULL};

/* The label of value in an options list (translated), or value. */
const char *web_net_label(request *rq, const char *const *options, const char *value)
{
	for (size_t i = 0; value && options[i]; i += 2)
		if (strcmp(options[i], value) == 0)
			return tr(rq->lang, options[i + 1]);
	return value ? value : "";
}

/* "Bordeaux (33000), urban" */
void web_net_place(request *rq, response *rs, const net_territory *t)
{
	if (!t->commune)
		return;
	h_printf(page_html(rs), "%s (%s) · %s", t->commune, t->postcode,
		 web_net_label(rq, web_net_area_options, t->kind));
}

/* Runs one domain deletion in a transaction and redirects to `to`; errors
 * (409 when still in use, 403, 404) come back as a page. */
void web_net_delete(request *rq, response *rs,
		    bg_status (*del)(db *, int64_t, int64_t, bg_error *), const char *to)
{
	bg_error err;
	bg_status st = web_begin(rq, BG_OK, &err);
	if (st == BG_OK)
		st = del(rq->db, rq->person_id, rq_param_id(rq, 0), &err);
	web_finish(rq, rs, st, &err, to, WEB_BUTTON);
}

/* A form with one button that posts to action (a deletion). */
void web_net_delete_button(request *rq, response *rs, const char *action, const char *label)
{
	h_printf(page_html(rs), "<form method=\"post\" action=\"%s\" class=\"danger-zone\">", action);
	page_csrf_field(rq, rs);
	h_printf(page_html(rs), "<button type=\"submit\" class=\"secondary\">%s</button></form>", label);
}
