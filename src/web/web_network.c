/*
 * web_network.c — the pages of the structure and the directory: my
 * profile (with a visibility choice per field), the directory with search
 * and filters, a person's, an organisation's, a cooperative's and a unit's
 * page, and the administration of cooperatives, units, memberships, roles
 * and imports.
 *
 * Pages read through the network domain, the same functions as the API,
 * so rights and visibility are the same.  Every form works without
 * JavaScript; on an error it comes back (422) with the message next to the
 * field and what was typed.  Lists are paginated.
 */
#include "auth/account.h"
#include "auth/authz.h"
#include "core/i18n.h"
#include "network/network.h"
#include "web/page.h"
#include "web/web_network.h"
#include "core/csv.h"
#include "core/date.h"
#include "core/tz.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PER_PAGE 20

static bool web_net_is_admin(request *rq, bool *group);
static void web_net_delete_button(request *rq, response *rs, const char *action, const char *label);
static const char *const *web_net_coop_options(request *rq, bool with_none);

/* ----------------------------------------------------------------- helpers */

/* Appends s percent-encoded for a query string. */
static void web_net_urlenc(buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    *p == '-' || *p == '_' || *p == '.' || *p == '~') {
			buf_putc(b, (char)*p);
		} else {
			buf_putc(b, '%');
			buf_putc(b, hex[*p >> 4]);
			buf_putc(b, hex[*p & 15]);
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

/* The error paragraph of a field, when err names it. */
static bool web_net_field_error(request *rq, response *rs, const char *name, const bg_error *err)
{
	if (!err || !err->field || strcmp(err->field, name) != 0)
		return false;
	h_printf(&rs->body, "<p class=\"error\" id=\"e-%s\">%s</p>", name, tr(rq->lang, err->msgid));
	return true;
}

/* A labelled textarea with its error. */
static void web_net_textarea(request *rq, response *rs, const char *name, const char *label,
			     const char *hint, const char *value, int rows, const bg_error *err)
{
	buf *b = &rs->body;
	bool bad = err && err->field && strcmp(err->field, name) == 0;
	h_printf(b, "<div class=\"field%s\"><label for=\"f-%s\">%s</label>", bad ? " invalid" : "", name, label);
	if (hint)
		h_printf(b, "<p class=\"hint\" id=\"h-%s\">%s</p>", name, hint);
	web_net_field_error(rq, rs, name, err);
	h_printf(b, "<textarea id=\"f-%s\" name=\"%s\" rows=\"%d\"", name, name, rows);
	if (bad)
		h_printf(b, " aria-invalid=\"true\" aria-describedby=\"e-%s\"", name);
	else if (hint)
		h_printf(b, " aria-describedby=\"h-%s\"", name);
	h_printf(b, ">%s</textarea></div>", value ? value : "");
}

/* A labelled optional text input (page_input marks fields required). */
static void web_net_text(request *rq, response *rs, const char *name, const char *label,
			 const char *hint, const char *value, const char *autocomplete, const bg_error *err)
{
	buf *b = &rs->body;
	bool bad = err && err->field && strcmp(err->field, name) == 0;
	h_printf(b, "<div class=\"field%s\"><label for=\"f-%s\">%s</label>", bad ? " invalid" : "", name, label);
	if (hint)
		h_printf(b, "<p class=\"hint\" id=\"h-%s\">%s</p>", name, hint);
	web_net_field_error(rq, rs, name, err);
	h_printf(b, "<input id=\"f-%s\" name=\"%s\" type=\"text\" value=\"%s\" autocomplete=\"%s\"", name,
		 name, value ? value : "", autocomplete ? autocomplete : "off");
	if (bad)
		h_printf(b, " aria-invalid=\"true\" aria-describedby=\"e-%s\"", name);
	else if (hint)
		h_printf(b, " aria-describedby=\"h-%s\"", name);
	h_printf(b, "></div>");
}

/* A labelled select; options are value/label pairs ending with NULL. */
static void web_net_select(request *rq, response *rs, const char *name, const char *label,
			   const char *const *options, const char *current, const bg_error *err)
{
	buf *b = &rs->body;
	bool bad = err && err->field && strcmp(err->field, name) == 0;
	h_printf(b, "<div class=\"field%s\"><label for=\"f-%s\">%s</label>", bad ? " invalid" : "", name, label);
	web_net_field_error(rq, rs, name, err);
	h_printf(b, "<select id=\"f-%s\" name=\"%s\"", name, name);
	if (bad)
		h_printf(b, " aria-invalid=\"true\" aria-describedby=\"e-%s\"", name);
	h_printf(b, ">");
	for (size_t i = 0; options[i]; i += 2)
		h_printf(b, "<option value=\"%s\"%s>%s</option>", options[i],
			 current && strcmp(current, options[i]) == 0 ? " selected" : "",
			 tr(rq->lang, options[i + 1]));
	h_printf(b, "</select></div>");
}

/* Joins a list of labels with ", ". */
static const char *web_net_join(request *rq, const char **v, size_t n)
{
	buf b;
	buf_init(&b);
	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", v[i]);
	const char *out = arena_strdup(&rq->arena, b.data ? b.data : "");
	buf_free(&b);
	return out;
}

static const char *const web_net_vis_options[] = {
	"public", N_("Everyone (public)"), "group", N_("The whole group"),
	"coop", N_("My cooperative(s)"), "private", N_("Only me"), NULL};
static const char *const web_net_area_options[] = {"urban", N_("Urban"), "rural", N_("Rural"), NULL};
static const char *const web_net_status_options[] = {
	"newcomer", N_("Newcomer"), "member", N_("Member (salaried entrepreneur)"),
	"associate", N_("Associate"), "staff", N_("Staff"), "former", N_("Former member"), NULL};
static const char *const web_net_unit_kinds[] = {
	"establishment", N_("Establishment"), "antenna", N_("Antenna"),
	"local_group", N_("Local group"), "trade_group", N_("Trade group"), NULL};
static const char *const web_net_org_kinds[] = {
	"", N_("All kinds"), "groupement", N_("Groupement"),
	"individual_enterprise", N_("Individual enterprise"),
	"collective_enterprise", N_("Collective enterprise"), "research_lab", N_("Research lab"),
	"local_authority", N_("Local authority"), "partner", N_("Partner"), NULL};
static const char *const web_net_legal_forms[] = {
	"CAE", "CAE", "SCOP", "SCOP", "SCIC", "SCIC", "CAE-SCOP", "CAE-SCOP", "CAE-SCIC", "CAE-SCIC",
	"CUMA", "CUMA", "SA", "SA", "SAS", "SAS", "SARL", "SARL", "ASSOCIATION", N_("Association"), NULL};
static const char *const web_net_roles[] = {
	"newcomer", N_("newcomer"), "member", N_("member"), "associate", N_("associate"),
	"host", N_("host"), "facilitator", N_("facilitator"), "accompanist", N_("accompanist"),
	"accountant", N_("accountant"), "admin", N_("admin"), "partner", N_("partner"), NULL};

/* The label of value in an options list (translated), or value. */
static const char *web_net_label(request *rq, const char *const *options, const char *value)
{
	for (size_t i = 0; value && options[i]; i += 2)
		if (strcmp(options[i], value) == 0)
			return tr(rq->lang, options[i + 1]);
	return value ? value : "";
}

/* "Bordeaux (33000), urban" */
static void web_net_place(request *rq, response *rs, const net_territory *t)
{
	if (!t->commune)
		return;
	h_printf(&rs->body, "%s (%s) · %s", t->commune, t->postcode,
		 web_net_label(rq, web_net_area_options, t->kind));
}

/* ------------------------------------------------------------ my profile */

/* The profile form, filled from the person's profile, or from what they
 * typed when f is given. */
static void web_profile_form(request *rq, response *rs, const net_profile *p, const form *f,
			     const bg_error *err)
{
	const char *L = rq->lang;
	buf *b = &rs->body;
#define VAL(name, fallback) (f ? form_get(f, name) : (fallback))
	page_begin(rq, rs, tr(L, "My profile"));
	h_printf(b, "<h1>%s</h1>", tr(L, "My profile"));
	h_printf(b, "<p class=\"lead\">%s</p>",
		 tr(L, "What you tell the directory, and who may see each part of it. "
		       "Your choices apply everywhere: pages, search, exports and the API."));
	if (!err && rq_query(rq, "saved"))
		h_printf(b, "<div class=\"notice\" role=\"status\"><p>%s</p></div>", tr(L, "Your profile is saved."));
	else if (!err && net_profile_consent_pending(rq->db, rq->person_id))
		h_printf(b, "<div class=\"alert\"><p>%s</p></div>",
			 tr(L, "Only you see your profile until you save this form: choose below who may see each part of it."));
	page_error_summary(rq, rs, err);
	h_printf(b, "<form method=\"post\" action=\"/me/profile\" novalidate class=\"profile\">");
	page_csrf_field(rq, rs);
	h_printf(b, "<fieldset><legend>%s</legend>", tr(L, "About me"));
	web_net_text(rq, rs, "trades", tr(L, "Trades"), tr(L, "Separated by commas, e.g. Graphiste, Illustratrice"),
		     VAL("trades", web_net_join(rq, p->trades, p->ntrades)), NULL, err);
	web_net_text(rq, rs, "skills", tr(L, "Skills"), tr(L, "Separated by commas, e.g. Identité visuelle, Mise en page"),
		     VAL("skills", web_net_join(rq, p->skills, p->nskills)), NULL, err);
	web_net_textarea(rq, rs, "presentation", tr(L, "Short presentation"), NULL,
			 VAL("presentation", p->presentation), 4, err);
	web_net_textarea(rq, rs, "links", tr(L, "Links"), tr(L, "One web address per line"),
			 VAL("links", p->links), 2, err);
	h_printf(b, "<div class=\"field-row\">");
	web_net_text(rq, rs, "commune", tr(L, "Commune"), NULL, VAL("commune", p->territory.commune),
		     "address-level2", err);
	web_net_text(rq, rs, "postcode", tr(L, "Postcode"), NULL, VAL("postcode", p->territory.postcode),
		     "postal-code", err);
	web_net_select(rq, rs, "area", tr(L, "Area"), web_net_area_options,
		       VAL("area", p->territory.kind), err);
	h_printf(b, "</div>");
	bool coop = f ? form_get(f, "wants_cooperate") != NULL : p->wants_cooperate == 1;
	h_printf(b, "<div class=\"field check\"><input type=\"checkbox\" id=\"f-wants_cooperate\""
		    " name=\"wants_cooperate\" value=\"1\"%s><label for=\"f-wants_cooperate\">%s</label></div>",
		 coop ? " checked" : "", tr(L, "I want to cooperate with other members"));
	h_printf(b, "</fieldset><fieldset id=\"visibility\"><legend>%s</legend><p class=\"hint\">%s</p><div class=\"vis-grid\">",
		 tr(L, "Who may see what"),
		 tr(L, "Your name is shown to whoever may see your profile."));
	static const char *const labels[NET_F_COUNT] = {
		N_("My profile in the directory"), N_("My email address"), N_("My trades"),
		N_("My skills"), N_("My territory"), N_("My presentation"), N_("My links"),
		N_("My wish to cooperate")};
	for (int i = 0; i < NET_F_COUNT; i++) {
		char name[32];
		snprintf(name, sizeof name, "vis_%s", net_field_names[i]);
		web_net_select(rq, rs, arena_strdup(&rq->arena, name), tr(L, labels[i]), web_net_vis_options,
			       VAL(name, net_level_name(p->vis[i])), err);
	}
	h_printf(b, "</div></fieldset><button type=\"submit\">%s</button> "
		    "<a href=\"/people/%lld\">%s</a></form>",
		 tr(L, "Save my profile"), (long long)p->id, tr(L, "See my public page"));
#undef VAL
	page_end(rq, rs);
}

void web_network_me_notices(request *rq, response *rs)
{
	const char *L = rq->lang;
	buf *b = &rs->body;
	if (rq_query(rq, "answered"))
		h_printf(b, "<div class=\"notice\" role=\"status\"><p>%s</p></div>", tr(L, "Your answer is saved."));
	if (net_profile_consent_pending(rq->db, rq->person_id))
		h_printf(b, "<section class=\"alert\" aria-labelledby=\"consent-title\"><h2 id=\"consent-title\">%s</h2>"
			    "<p>%s</p><p><a class=\"button\" href=\"/me/profile#visibility\">%s</a></p></section>",
			 tr(L, "You are not in the directory yet"),
			 tr(L, "Until you choose who may see your profile, only you see it: nobody finds you in the "
			       "directory, not even your cooperative. Choose for each part of your profile: the public, "
			       "the group, your cooperative, or only you."),
			 tr(L, "Choose who sees my profile"));
	net_invitation *v;
	size_t n = 0;
	bg_error err;
	if (net_invitation_list(rq->db, &rq->arena, rq->person_id, &v, &n, &err) != BG_OK || n == 0)
		return;
	h_printf(b, "<section class=\"notice\" aria-labelledby=\"inv-title\"><h2 id=\"inv-title\">%s</h2><ul class=\"invitations\">",
		 tr(L, "Invitations to join a cooperative"));
	for (size_t i = 0; i < n; i++) {
		h_printf(b, "<li><p>");
		h_printf(b, tr(L, "%s invites you as: %s."), v[i].coop_name, tr(L, v[i].status));
		h_printf(b, " %s</p>", tr(L, "If you accept, its members will see what you show to your cooperative."));
		h_printf(b, "<form method=\"post\" action=\"/me/invitations/%lld\" class=\"inline\">", (long long)v[i].id);
		page_csrf_field(rq, rs);
		h_printf(b, "<button type=\"submit\" name=\"answer\" value=\"accept\">%s<span class=\"visually-hidden\"> — %s</span></button> "
			    "<button type=\"submit\" name=\"answer\" value=\"decline\" class=\"secondary\">%s<span class=\"visually-hidden\"> — %s</span></button></form></li>",
			 tr(L, "Accept"), v[i].coop_name, tr(L, "Decline"), v[i].coop_name);
	}
	h_printf(b, "</ul></section>");
}

/* POST /me/invitations/{id}: the person accepts or declines an invitation to a cooperative. */
static void web_invitation_answer(request *rq, response *rs)
{
	bg_error err;
	const form *f = rq_form(rq, &err);
	if (!f) {
		page_fail(rq, rs, &err);
		return;
	}
	const char *answer = form_get(f, "answer");
	bg_status st = answer && (strcmp(answer, "accept") == 0 || strcmp(answer, "decline") == 0)
			       ? db_begin(rq->db, DB_WRITE, &err)
			       : bg_fail(&err, BG_ERR_INVALID, "invalid_value", "answer", N_("This value is not allowed."));
	if (st == BG_OK)
		st = net_invitation_answer(rq->db, rq->person_id, rq_param_id(rq, 0), strcmp(answer, "accept") == 0, &err);
	if (st == BG_OK)
		st = db_commit(rq->db, &err);
	if (st != BG_OK) {
		page_fail(rq, rs, &err);
		return;
	}
	rs_redirect(rq, rs, "/me?answered=1");
}

/* GET /me/profile: the form filled with the person's profile. */
static void web_profile(request *rq, response *rs)
{
	net_profile p;
	bg_error err;
	if (net_profile_load(rq->db, &rq->arena, rq->person_id, rq->person_id, &p, &err) != BG_OK) {
		page_fail(rq, rs, &err);
		return;
	}
	web_profile_form(rq, rs, &p, NULL, NULL);
}

/* POST /me/profile: saves, or shows the form again (422) with the error next to its field. */
static void web_profile_post(request *rq, response *rs)
{
	bg_error err;
	const form *f = rq_form(rq, &err);
	if (!f) {
		page_fail(rq, rs, &err);
		return;
	}
	net_profile_input in;
	net_profile_input_init(&in);
	in.trades = form_get(f, "trades") ? form_get(f, "trades") : "";
	in.skills = form_get(f, "skills") ? form_get(f, "skills") : "";
	in.presentation = form_get(f, "presentation") ? form_get(f, "presentation") : "";
	in.links = form_get(f, "links") ? form_get(f, "links") : "";
	in.commune = form_get(f, "commune") ? form_get(f, "commune") : "";
	in.postcode = form_get(f, "postcode") ? form_get(f, "postcode") : "";
	in.area = form_get(f, "area");
	in.wants_cooperate = form_get(f, "wants_cooperate") ? 1 : 0;
	/* the links textarea sends CRLF: keep LF */
	char *links = arena_strdup(&rq->arena, in.links), *w = links;
	for (const char *r = in.links; *r; r++)
		if (*r != '\r')
			*w++ = *r;
	*w = '\0';
	in.links = links;
	bg_status st = BG_OK;
	for (int i = 0; st == BG_OK && i < NET_F_COUNT; i++) {
		char name[32];
		snprintf(name, sizeof name, "vis_%s", net_field_names[i]);
		const char *v = form_get(f, name);
		if (!v)
			continue;
		in.vis[i] = net_level_from_name(v);
		if (in.vis[i] < 0)
			st = bg_fail(&err, BG_ERR_INVALID, "invalid_visibility", arena_strdup(&rq->arena, name),
				     N_("Visibility is public, group, coop or private."));
	}
	if ((!*in.commune) != (!*in.postcode) && st == BG_OK)
		st = bg_fail(&err, BG_ERR_INVALID, "missing_field", *in.commune ? "postcode" : "commune",
			     N_("The commune and the postcode are both required."));
	if (st == BG_OK)
		st = db_begin(rq->db, DB_WRITE, &err);
	if (st == BG_OK && net_profile_update(rq->db, rq->person_id, rq->person_id, &in, &err) == BG_OK &&
	    db_commit(rq->db, &err) == BG_OK) {
		rs_redirect(rq, rs, "/me/profile?saved=1");
		return;
	}
	db_rollback(rq->db);
	net_profile p;
	bg_error ignored;
	if (net_profile_load(rq->db, &rq->arena, rq->person_id, rq->person_id, &p, &ignored) != BG_OK) {
		page_fail(rq, rs, &err);
		return;
	}
	web_profile_form(rq, rs, &p, f, &err);
	rs->status = 422;
}

/* ------------------------------------------------------------- directory */

/* A person's card in a list. */
static void web_person_card(request *rq, response *rs, const net_profile *p)
{
	const char *L = rq->lang;
	buf *b = &rs->body;
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
	buf *b = &rs->body;
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
	h_printf(b, "</div><div class=\"field check\"><input type=\"checkbox\" id=\"f-cooperate\""
		    " name=\"cooperate\" value=\"1\"%s><label for=\"f-cooperate\">%s</label></div>",
		 q.cooperate_only ? " checked" : "", tr(L, "Only people who want to cooperate"));
	h_printf(b, "<button type=\"submit\">%s</button></form>", tr(L, "Search"));
	if (st == BG_OK) {
		h_printf(b, "<p role=\"status\" class=\"count\">");
		h_printf(b, trn(L, "%s person found", "%s people found", (long)r.total), web_net_int(rq, r.total));
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
	buf *b = &rs->body;
	bg_error limited;
	/* an export is heavy: anonymous visitors share the public forms' limit */
	if (!rq->person_id && rq_rate_limit(rq, RL_PUBLIC_FORM, rq_client_address(rq), &limited) != BG_OK) {
		page_fail(rq, rs, &limited);
		return;
	}
	rs->content_type = "text/csv; charset=utf-8";
	rs_header(rq, rs, "Content-Disposition", "attachment; filename=\"annuaire.csv\"");
	buf_puts(b, "\xEF\xBB\xBF");
	static const char *const head[] = {N_("Name"), N_("Trades"), N_("Skills"), N_("Commune"), N_("Postcode"),
					   N_("Area"), N_("Email"), N_("Wants to cooperate"), N_("Cooperatives"),
					   N_("Page")};
	for (size_t i = 0; i < 10; i++)
		csv_field(b, tr(L, head[i]), ';', i == 9);
	for (q.page = 1; q.page <= 50; q.page++) {
		net_search_result r;
		bg_error err;
		if (net_people_search(rq->db, &rq->arena, rq->person_id, &q, &r, &err) != BG_OK) {
			page_fail(rq, rs, &err);
			return;
		}
		for (size_t i = 0; i < r.n; i++) {
			const net_profile *p = &r.items[i];
			csv_field(b, p->display_name, ';', false);
			csv_field(b, p->trades ? web_net_join(rq, p->trades, p->ntrades) : "", ';', false);
			csv_field(b, p->skills ? web_net_join(rq, p->skills, p->nskills) : "", ';', false);
			csv_field(b, p->territory.commune, ';', false);
			csv_field(b, p->territory.postcode, ';', false);
			csv_field(b, p->territory.commune ? web_net_label(rq, web_net_area_options, p->territory.kind) : "", ';', false);
			csv_field(b, p->email, ';', false);
			csv_field(b, p->wants_cooperate < 0 ? "" : p->wants_cooperate ? tr(L, "Yes") : tr(L, "No"), ';', false);
			csv_field(b, p->coops ? web_net_join(rq, p->coops, p->ncoops) : "", ';', false);
			csv_field(b, arena_printf(&rq->arena, "%s/people/%lld", rq_base_url(rq), (long long)p->id), ';', true);
		}
		if ((int64_t)q.page * q.per_page >= r.total)
			break;
	}
}

/* GET /people/{id}: a person's page, with only what the viewer may see. */
static void web_person(request *rq, response *rs)
{
	const char *L = rq->lang;
	buf *b = &rs->body;
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

/* ---------------------------------------------------------- organisations */

static void web_orgs(request *rq, response *rs)
{
	const char *L = rq->lang;
	buf *b = &rs->body;
	const char *q = rq_query(rq, "q"), *kind = rq_query(rq, "kind");
	int page = page_number(rq);
	net_org *v;
	size_t n;
	int64_t total;
	bg_error err;
	if (net_org_list(rq->db, &rq->arena, rq->person_id, q, kind, page, PER_PAGE, &v, &n, &total,
			 &err) != BG_OK) {
		page_fail(rq, rs, &err);
		return;
	}
	page_begin(rq, rs, tr(L, "Organisations"));
	h_printf(b, "<h1>%s</h1><p class=\"lead\">%s</p>", tr(L, "Organisations"),
		 tr(L, "Groupements, individual and collective enterprises, and the group's partners."));
	h_printf(b, "<form method=\"get\" action=\"/organisations\" role=\"search\" class=\"search\"><div class=\"field-row\">");
	web_net_text(rq, rs, "q", tr(L, "Name"), NULL, q, NULL, NULL);
	web_net_select(rq, rs, "kind", tr(L, "Kind"), web_net_org_kinds, kind, NULL);
	h_printf(b, "</div><button type=\"submit\">%s</button></form>", tr(L, "Search"));
	bool group;
	if (rq->person_id && web_net_is_admin(rq, &group))
		h_printf(b, "<p><a class=\"button secondary\" href=\"/admin/organisations/new\">%s</a></p>",
			 tr(L, "Add an organisation"));
	h_printf(b, "<p role=\"status\" class=\"count\">");
	h_printf(b, trn(L, "%s organisation", "%s organisations", (long)total), web_net_int(rq, total));
	h_printf(b, "</p><ul class=\"cards\">");
	for (size_t i = 0; i < n; i++) {
		h_printf(b, "<li class=\"card\"><h3><a href=\"/organisations/%lld\">%s</a></h3><p class=\"kind\">%s</p>",
			 (long long)v[i].id, v[i].name, web_net_label(rq, web_net_org_kinds, v[i].kind));
		if (v[i].territory.commune) {
			h_printf(b, "<p class=\"place\">");
			web_net_place(rq, rs, &v[i].territory);
			h_printf(b, "</p>");
		}
		h_printf(b, "</li>");
	}
	h_printf(b, "</ul>");
	buf query;
	buf_init(&query);
	if (q && *q) {
		buf_puts(&query, "q=");
		web_net_urlenc(&query, q);
		buf_putc(&query, '&');
	}
	if (kind && *kind) {
		buf_puts(&query, "kind=");
		web_net_urlenc(&query, kind);
		buf_putc(&query, '&');
	}
	page_pager(rq, rs, "/organisations", query.data ? query.data : "", page, total, PER_PAGE);
	buf_free(&query);
	page_end(rq, rs);
}

/* GET /organisations/{id}: an organisation, its people, and for its managers a link form. */
static void web_org(request *rq, response *rs)
{
	const char *L = rq->lang;
	buf *b = &rs->body;
	net_org o;
	bg_error err;
	if (net_org_get(rq->db, &rq->arena, rq->person_id, rq_param_id(rq, 0), &o, &err) != BG_OK) {
		page_fail(rq, rs, &err);
		return;
	}
	page_begin(rq, rs, o.name);
	h_printf(b, "<h1>%s</h1><p class=\"lead\">%s</p>", o.name, web_net_label(rq, web_net_org_kinds, o.kind));
	if (*o.description)
		h_printf(b, "<p>%s</p>", o.description);
	h_printf(b, "<dl class=\"facts\">");
	if (o.coop_name)
		h_printf(b, "<dt>%s</dt><dd><a href=\"/cooperatives/%lld\">%s</a></dd>", tr(L, "Cooperative"),
			 (long long)o.cooperative_id, o.coop_name);
	if (o.territory.commune) {
		h_printf(b, "<dt>%s</dt><dd>", tr(L, "Territory"));
		web_net_place(rq, rs, &o.territory);
		h_printf(b, "</dd>");
	}
	if (*o.siren)
		h_printf(b, "<dt>SIREN</dt><dd>%s</dd>", o.siren);
	if (*o.website)
		h_printf(b, "<dt>%s</dt><dd><a href=\"%s\" rel=\"nofollow noopener\">%s</a></dd>", tr(L, "Website"),
			 o.website, o.website);
	h_printf(b, "</dl><h2>%s</h2>", tr(L, "People"));
	if (o.npeople == 0)
		h_printf(b, "<p>%s</p>", tr(L, "No one you may see."));
	h_printf(b, "<ul class=\"plain\">");
	bg_error ignored;
	bool manage = rq->person_id &&
		      (o.cooperative_id ? authz_check(rq->db, rq->person_id, AUTHZ_NET_ORG_MANAGE,
						      (scope){SCOPE_COOPERATIVE, o.cooperative_id}, &ignored)
					: authz_check(rq->db, rq->person_id, AUTHZ_GROUP_ADMINISTER,
						      (scope){SCOPE_GROUP, 0}, &ignored)) == BG_OK;
	for (size_t i = 0; i < o.npeople; i++) {
		h_printf(b, "<li><a href=\"/people/%lld\">%s</a>", (long long)o.people[i].person_id, o.people[i].name);
		if (*o.people[i].role)
			h_printf(b, " — %s", o.people[i].role);
		if (manage) {
			h_printf(b, " <form method=\"post\" action=\"/organisations/%lld/people/%lld/delete\" class=\"inline\">",
				 (long long)o.id, (long long)o.people[i].person_id);
			page_csrf_field(rq, rs);
			h_printf(b, "<button type=\"submit\" class=\"link\">%s</button></form>",
				 arena_printf(&rq->arena, tr(L, "Unlink %s"), o.people[i].name));
		}
		h_printf(b, "</li>");
	}
	h_printf(b, "</ul>");
	if (manage) {
		h_printf(b, "<h2 id=\"link\">%s</h2><form method=\"post\" action=\"/organisations/%lld/people\" novalidate>",
			 tr(L, "Link a person"), (long long)o.id);
		page_csrf_field(rq, rs);
		h_printf(b, "<div class=\"field-row\">");
		page_input(rq, rs, "email", tr(L, "Email address of the person"), "email", NULL, "off", NULL);
		web_net_text(rq, rs, "role", tr(L, "Role in the organisation"), NULL, NULL, NULL, NULL);
		h_printf(b, "</div><button type=\"submit\">%s</button></form>", tr(L, "Link"));
		web_net_delete_button(rq, rs, arena_printf(&rq->arena, "/organisations/%lld/delete", (long long)o.id),
				      tr(L, "Delete this organisation"));
	}
	page_end(rq, rs);
}

static const char *const web_net_org_vis[] = {"public", N_("Everyone (public)"), "group", N_("The whole group"),
					       "coop", N_("Its cooperative"), NULL};

/* The organisation form (create). */
static void web_admin_org_form(request *rq, response *rs, const form *f, const bg_error *err)
{
	const char *L = rq->lang;
	buf *b = &rs->body;
	page_begin(rq, rs, tr(L, "Add an organisation"));
	h_printf(b, "<p><a href=\"/organisations\">%s</a></p><h1>%s</h1>", tr(L, "Organisations"),
		 tr(L, "Add an organisation"));
	page_error_summary(rq, rs, err);
	h_printf(b, "<form method=\"post\" action=\"/admin/organisations\" novalidate>");
	page_csrf_field(rq, rs);
#define FV(name) (f ? form_get(f, name) : NULL)
	web_net_text(rq, rs, "name", tr(L, "Name"), NULL, FV("name"), "organization", err);
	web_net_select(rq, rs, "kind", tr(L, "Kind"), web_net_org_kinds + 2, FV("kind"), err);
	web_net_select(rq, rs, "cooperative_id", tr(L, "Cooperative"), web_net_coop_options(rq, true),
		       FV("cooperative_id"), err);
	web_net_select(rq, rs, "visibility", tr(L, "Who may see it"), web_net_org_vis, FV("visibility"), err);
	web_net_text(rq, rs, "siren", "SIREN", tr(L, "9 digits"), FV("siren"), NULL, err);
	web_net_textarea(rq, rs, "description", tr(L, "Description"), NULL, FV("description"), 3, err);
	web_net_text(rq, rs, "website", tr(L, "Website"), NULL, FV("website"), "url", err);
	h_printf(b, "<div class=\"field-row\">");
	web_net_text(rq, rs, "commune", tr(L, "Commune"), NULL, FV("commune"), "address-level2", err);
	web_net_text(rq, rs, "postcode", tr(L, "Postcode"), NULL, FV("postcode"), "postal-code", err);
	web_net_select(rq, rs, "area", tr(L, "Area"), web_net_area_options, FV("area"), err);
#undef FV
	h_printf(b, "</div><button type=\"submit\">%s</button></form>", tr(L, "Add the organisation"));
	page_end(rq, rs);
}

/* GET /admin/organisations/new */
static void web_admin_org_new(request *rq, response *rs)
{
	bool group;
	bg_error e;
	if (!web_net_is_admin(rq, &group)) {
		page_fail(rq, rs, (bg_fail(&e, BG_ERR_FORBIDDEN, "forbidden", NULL,
					   N_("You are not allowed to do this.")), &e));
		return;
	}
	web_admin_org_form(rq, rs, NULL, NULL);
}

/* POST /admin/organisations: creates, or shows the form again (422). */
static void web_admin_org_create(request *rq, response *rs)
{
	bg_error err;
	const form *f = rq_form(rq, &err);
	if (!f) {
		page_fail(rq, rs, &err);
		return;
	}
	net_org_input in;
	net_org_input_init(&in);
	in.name = form_get(f, "name");
	in.kind = form_get(f, "kind");
	in.siren = form_get(f, "siren");
	in.description = form_get(f, "description");
	in.website = form_get(f, "website");
	in.commune = form_get(f, "commune");
	in.postcode = form_get(f, "postcode");
	in.area = form_get(f, "area");
	if (in.commune && !*in.commune && in.postcode && !*in.postcode)
		in.commune = in.postcode = NULL;
	in.cooperative_id = form_get(f, "cooperative_id") ? strtoll(form_get(f, "cooperative_id"), NULL, 10) : 0;
	in.visibility = net_level_from_name(form_get(f, "visibility"));
	if (in.visibility < 0)
		in.visibility = 0;
	int64_t id;
	if (db_begin(rq->db, DB_WRITE, &err) == BG_OK && net_org_create(rq->db, rq->person_id, &in, &id, &err) == BG_OK &&
	    db_commit(rq->db, &err) == BG_OK) {
		rs_redirect(rq, rs, arena_printf(&rq->arena, "/organisations/%lld", (long long)id));
		return;
	}
	db_rollback(rq->db);
	if (err.status == BG_ERR_FORBIDDEN || err.status == BG_ERR_NOT_FOUND) {
		page_error(rq, rs, &err);
		return;
	}
	web_admin_org_form(rq, rs, f, &err);
	rs->status = 422;
}

/* POST /organisations/{id}/people — links a person (by email) with a role. */
static void web_org_link(request *rq, response *rs)
{
	bg_error err;
	const form *f = rq_form(rq, &err);
	if (!f) {
		page_fail(rq, rs, &err);
		return;
	}
	int64_t id = rq_param_id(rq, 0);
	person p;
	char email[255];
	bg_status st = account_normalise_email(form_get(f, "email"), email, &err);
	if (st == BG_OK && account_find_email(rq->db, email, &p, NULL) != BG_OK)
		st = bg_fail(&err, BG_ERR_INVALID, "unknown_person", "email", N_("No account uses this email address."));
	if (st == BG_OK && db_begin(rq->db, DB_WRITE, &err) == BG_OK &&
	    net_org_link(rq->db, rq->person_id, id, p.id, form_get(f, "role"), &err) == BG_OK &&
	    db_commit(rq->db, &err) == BG_OK) {
		rs_redirect(rq, rs, arena_printf(&rq->arena, "/organisations/%lld", (long long)id));
		return;
	}
	db_rollback(rq->db);
	if (err.status == BG_ERR_FORBIDDEN || err.status == BG_ERR_NOT_FOUND) {
		page_error(rq, rs, &err);
		return;
	}
	page_error(rq, rs, &err); /* the message, with a link back home */
	rs->status = 422;
}

/* ------------------------------------------------- cooperatives and units */

/* The list of units as cards. */
static void web_unit_cards(request *rq, response *rs, const net_unit *v, size_t n)
{
	buf *b = &rs->body;
	h_printf(b, "<ul class=\"cards\">");
	for (size_t i = 0; i < n; i++) {
		h_printf(b, "<li class=\"card\"><h3><a href=\"/units/%lld\">%s</a></h3><p class=\"kind\">%s</p>",
			 (long long)v[i].id, v[i].name, web_net_label(rq, web_net_unit_kinds, v[i].kind));
		if (v[i].territory.commune) {
			h_printf(b, "<p class=\"place\">");
			web_net_place(rq, rs, &v[i].territory);
			h_printf(b, "</p>");
		}
		h_printf(b, "</li>");
	}
	h_printf(b, "</ul>");
}

/* GET /cooperatives/{id}: identity, members count, places and groups. */
static void web_coop(request *rq, response *rs)
{
	const char *L = rq->lang;
	buf *b = &rs->body;
	net_coop c;
	net_unit *units;
	size_t nunits;
	bg_error err;
	int64_t id = rq_param_id(rq, 0);
	if (net_coop_get(rq->db, &rq->arena, id, &c, &err) != BG_OK ||
	    net_unit_list(rq->db, &rq->arena, id, &units, &nunits, &err) != BG_OK) {
		page_fail(rq, rs, &err);
		return;
	}
	page_begin(rq, rs, c.name);
	h_printf(b, "<h1>%s <span class=\"form\">%s</span></h1>", c.name, c.legal_form);
	if (*c.short_description)
		h_printf(b, "<p class=\"lead\">%s</p>", c.short_description);
	h_printf(b, "<dl class=\"facts\">");
	if (*c.siren)
		h_printf(b, "<dt>SIREN</dt><dd>%s</dd>", c.siren);
	if (*c.address || *c.commune)
		h_printf(b, "<dt>%s</dt><dd>%s, %s %s</dd>", tr(L, "Address"), c.address, c.postcode, c.commune);
	if (*c.website)
		h_printf(b, "<dt>%s</dt><dd><a href=\"%s\">%s</a></dd>", tr(L, "Website"), c.website, c.website);
	h_printf(b, "<dt>%s</dt><dd>%s</dd></dl>", tr(L, "Members"), web_net_int(rq, c.members));
	bg_error ignored;
	if (rq->person_id &&
	    authz_check(rq->db, rq->person_id, AUTHZ_COOP_READ, (scope){SCOPE_COOPERATIVE, id}, &ignored) == BG_OK)
		h_printf(b, "<p><a class=\"button\" href=\"/admin/cooperatives/%lld/members\">%s</a></p>",
			 (long long)id, tr(L, "Members and statuses"));
	h_printf(b, "<h2>%s</h2>", tr(L, "Places and groups"));
	web_unit_cards(rq, rs, units, nunits);
	page_end(rq, rs);
}

/* GET /units/{id}: a unit, its territory and cooperatives. */
static void web_unit(request *rq, response *rs)
{
	const char *L = rq->lang;
	buf *b = &rs->body;
	net_unit u;
	bg_error err;
	if (net_unit_get(rq->db, &rq->arena, rq_param_id(rq, 0), &u, &err) != BG_OK) {
		page_fail(rq, rs, &err);
		return;
	}
	page_begin(rq, rs, u.name);
	h_printf(b, "<h1>%s</h1><p class=\"lead\">%s</p>", u.name, web_net_label(rq, web_net_unit_kinds, u.kind));
	if (*u.description)
		h_printf(b, "<p>%s</p>", u.description);
	h_printf(b, "<dl class=\"facts\">");
	if (u.territory.commune || *u.address) {
		h_printf(b, "<dt>%s</dt><dd>%s%s", tr(L, "Address"), u.address, *u.address ? ", " : "");
		web_net_place(rq, rs, &u.territory);
		h_printf(b, "</dd>");
	}
	h_printf(b, "<dt>%s</dt><dd><ul class=\"plain\">", tr(L, "Cooperatives"));
	for (size_t i = 0; i < u.ncoops; i++) {
		net_coop c;
		if (net_coop_get(rq->db, &rq->arena, u.coop_ids[i], &c, &err) == BG_OK)
			h_printf(b, "<li><a href=\"/cooperatives/%lld\">%s</a></li>", (long long)c.id, c.name);
	}
	h_printf(b, "</ul></dd></dl>");
	bg_error ignored;
	if (rq->person_id &&
	    authz_check(rq->db, rq->person_id, AUTHZ_COOP_ADMINISTER, (scope){SCOPE_UNIT, u.id}, &ignored) == BG_OK)
		h_printf(b, "<p><a class=\"button\" href=\"/admin/units/%lld\">%s</a></p>", (long long)u.id,
			 tr(L, "Edit the unit"));
	page_end(rq, rs);
}

/* ---------------------------------------------------------- administration */

/* Does the person administer anything (a cooperative, a unit, the group)? */
static bool web_net_is_admin(request *rq, bool *group)
{
	bg_error ignored;
	*group = authz_check(rq->db, rq->person_id, AUTHZ_GROUP_ADMINISTER, (scope){SCOPE_GROUP, 0},
			     &ignored) == BG_OK;
	return *group || authz_check_somewhere(rq->db, rq->person_id, AUTHZ_ADMIN_OPEN, &ignored) == BG_OK;
}

/* The cooperative form (create when c is NULL). */
static void web_coop_fields(request *rq, response *rs, const net_coop *c, const form *f,
			    const bg_error *err)
{
	const char *L = rq->lang;
#define CV(name, field) (f ? form_get(f, name) : c ? c->field : NULL)
	web_net_text(rq, rs, "name", tr(L, "Name"), NULL, CV("name", name), "organization", err);
	web_net_select(rq, rs, "legal_form", tr(L, "Legal form"), web_net_legal_forms,
		       CV("legal_form", legal_form), err);
	web_net_text(rq, rs, "siren", "SIREN", tr(L, "9 digits"), CV("siren", siren), NULL, err);
	web_net_textarea(rq, rs, "short_description", tr(L, "Short description"), NULL,
			 CV("short_description", short_description), 3, err);
	web_net_text(rq, rs, "address", tr(L, "Address"), NULL, CV("address", address), "street-address", err);
	h_printf(&rs->body, "<div class=\"field-row\">");
	web_net_text(rq, rs, "postcode", tr(L, "Postcode"), NULL, CV("postcode", postcode), "postal-code", err);
	web_net_text(rq, rs, "commune", tr(L, "Commune"), NULL, CV("commune", commune), "address-level2", err);
	h_printf(&rs->body, "</div>");
	web_net_text(rq, rs, "website", tr(L, "Website"), NULL, CV("website", website), "url", err);
	web_net_textarea(rq, rs, "settings", tr(L, "Settings (JSON)"), tr(L, "The cooperative's own rules, as a JSON object."),
			 CV("settings", settings), 3, err);
#undef CV
}

/* The administration home: the cooperatives and what may be done with each, and (for the group's administrators) the form to add one. */
static void web_admin_page(request *rq, response *rs, const form *f, const bg_error *err)
{
	const char *L = rq->lang;
	buf *b = &rs->body;
	bool group;
	bg_error e;
	if (!web_net_is_admin(rq, &group)) {
		page_fail(rq, rs, (bg_fail(&e, BG_ERR_FORBIDDEN, "forbidden", NULL,
					   N_("You are not allowed to do this.")), &e));
		return;
	}
	net_coop *coops;
	size_t ncoops;
	if (net_coop_list(rq->db, &rq->arena, &coops, &ncoops, &e) != BG_OK) {
		page_fail(rq, rs, &e);
		return;
	}
	page_begin(rq, rs, tr(L, "Administration"));
	h_printf(b, "<h1>%s</h1>", tr(L, "Administration"));
	if (rq_query(rq, "done"))
		h_printf(b, "<div class=\"notice\" role=\"status\"><p>%s</p></div>", tr(L, "Saved."));
	h_printf(b, "<nav aria-label=\"%s\"><ul class=\"admin-links\">", tr(L, "Administration"));
	h_printf(b, "<li><a href=\"/admin/units/new\">%s</a></li>", tr(L, "Create a unit"));
	h_printf(b, "<li><a href=\"/admin/roles\">%s</a></li>", tr(L, "Roles"));
	h_printf(b, "<li><a href=\"/admin/import\">%s</a></li></ul></nav>", tr(L, "Import from a spreadsheet"));
	h_printf(b, "<h2>%s</h2><table><caption class=\"visually-hidden\">%s</caption><thead><tr><th scope=\"col\">%s</th>"
		    "<th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
		    "<th scope=\"col\">%s</th></tr></thead><tbody>",
		 tr(L, "Cooperatives"), tr(L, "Cooperatives"), tr(L, "Name"), tr(L, "Legal form"),
		 tr(L, "Members"), tr(L, "Units"), tr(L, "Actions"));
	for (size_t i = 0; i < ncoops; i++) {
		bg_error ignored;
		bool may = authz_check(rq->db, rq->person_id, AUTHZ_COOP_READ,
				       (scope){SCOPE_COOPERATIVE, coops[i].id}, &ignored) == BG_OK;
		bool edit = authz_check(rq->db, rq->person_id, AUTHZ_COOP_ADMINISTER,
					(scope){SCOPE_COOPERATIVE, coops[i].id}, &ignored) == BG_OK;
		h_printf(b, "<tr><td><a href=\"/cooperatives/%lld\">%s</a></td><td>%s</td><td class=\"num\">%s</td>"
			    "<td class=\"num\">%s</td><td>",
			 (long long)coops[i].id, coops[i].name, coops[i].legal_form, web_net_int(rq, coops[i].members),
			 web_net_int(rq, coops[i].units));
		if (edit)
			h_printf(b, "<a href=\"/admin/cooperatives/%lld\">%s</a> · ", (long long)coops[i].id, tr(L, "Edit"));
		if (may)
			h_printf(b, "<a href=\"/admin/cooperatives/%lld/members\">%s</a>", (long long)coops[i].id,
				 tr(L, "Members"));
		h_printf(b, "</td></tr>");
	}
	h_printf(b, "</tbody></table>");
	if (group) {
		h_printf(b, "<h2 id=\"new-coop\">%s</h2>", tr(L, "Add a cooperative to the group"));
		page_error_summary(rq, rs, err);
		h_printf(b, "<form method=\"post\" action=\"/admin/cooperatives\" novalidate>");
		page_csrf_field(rq, rs);
		web_coop_fields(rq, rs, NULL, f, err);
		h_printf(b, "<button type=\"submit\">%s</button></form>", tr(L, "Add the cooperative"));
	}
	page_end(rq, rs);
}

/* GET /admin */
static void web_admin(request *rq, response *rs)
{
	web_admin_page(rq, rs, NULL, NULL);
}

/* Reads a cooperative's form fields ("" → NULL for the optional SIREN). */
static void web_coop_input(const form *f, net_coop_input *in)
{
	memset(in, 0, sizeof *in);
	in->name = form_get(f, "name");
	in->legal_form = form_get(f, "legal_form");
	in->siren = form_get(f, "siren");
	in->short_description = form_get(f, "short_description");
	in->address = form_get(f, "address");
	in->postcode = form_get(f, "postcode");
	in->commune = form_get(f, "commune");
	in->website = form_get(f, "website");
	in->settings = form_get(f, "settings");
	if (in->settings && !*in->settings)
		in->settings = "{}";
}

/* POST /admin/cooperatives: adds a cooperative, or shows the administration again (422). */
static void web_admin_coop_create(request *rq, response *rs)
{
	bg_error err;
	const form *f = rq_form(rq, &err);
	if (!f) {
		page_fail(rq, rs, &err);
		return;
	}
	net_coop_input in;
	web_coop_input(f, &in);
	int64_t id;
	if (db_begin(rq->db, DB_WRITE, &err) == BG_OK &&
	    net_coop_create(rq->db, rq->person_id, &in, &id, &err) == BG_OK && db_commit(rq->db, &err) == BG_OK) {
		rs_redirect(rq, rs, "/admin?done=1");
		return;
	}
	db_rollback(rq->db);
	if (err.status == BG_ERR_FORBIDDEN || err.status == BG_ERR_NOT_FOUND) {
		page_error(rq, rs, &err);
		return;
	}
	web_admin_page(rq, rs, f, &err);
	rs->status = 422;
}

/* The edit form of a cooperative (its administrators only). */
static void web_admin_coop_form(request *rq, response *rs, const form *f, const bg_error *err)
{
	const char *L = rq->lang;
	buf *b = &rs->body;
	int64_t id = rq_param_id(rq, 0);
	net_coop c;
	bg_error e;
	if (authz_check(rq->db, rq->person_id, AUTHZ_COOP_ADMINISTER, (scope){SCOPE_COOPERATIVE, id}, &e) != BG_OK ||
	    net_coop_get(rq->db, &rq->arena, id, &c, &e) != BG_OK) {
		page_fail(rq, rs, &e);
		return;
	}
	page_begin(rq, rs, c.name);
	h_printf(b, "<p><a href=\"/admin\">%s</a></p><h1>", tr(L, "Administration"));
	h_printf(b, tr(L, "Edit %s"), c.name);
	h_printf(b, "</h1>");
	page_error_summary(rq, rs, err);
	h_printf(b, "<form method=\"post\" action=\"/admin/cooperatives/%lld\" novalidate>", (long long)id);
	page_csrf_field(rq, rs);
	web_coop_fields(rq, rs, &c, f, err);
	h_printf(b, "<button type=\"submit\">%s</button></form>", tr(L, "Save"));
	bg_error ignored;
	if (authz_check(rq->db, rq->person_id, AUTHZ_GROUP_ADMINISTER, (scope){SCOPE_GROUP, 0}, &ignored) == BG_OK)
		web_net_delete_button(rq, rs, arena_printf(&rq->arena, "/admin/cooperatives/%lld/delete", (long long)id),
				      tr(L, "Delete this cooperative (only when it has nothing left)"));
	page_end(rq, rs);
}

/* GET /admin/cooperatives/{id} */
static void web_admin_coop(request *rq, response *rs)
{
	web_admin_coop_form(rq, rs, NULL, NULL);
}

/* POST /admin/cooperatives/{id}: saves, or shows the form again (422). */
static void web_admin_coop_post(request *rq, response *rs)
{
	bg_error err;
	const form *f = rq_form(rq, &err);
	if (!f) {
		page_fail(rq, rs, &err);
		return;
	}
	net_coop_input in;
	web_coop_input(f, &in);
	if (db_begin(rq->db, DB_WRITE, &err) == BG_OK &&
	    net_coop_update(rq->db, rq->person_id, rq_param_id(rq, 0), &in, &err) == BG_OK &&
	    db_commit(rq->db, &err) == BG_OK) {
		rs_redirect(rq, rs, "/admin?done=1");
		return;
	}
	db_rollback(rq->db);
	if (err.status == BG_ERR_FORBIDDEN || err.status == BG_ERR_NOT_FOUND) {
		page_error(rq, rs, &err);
		return;
	}
	web_admin_coop_form(rq, rs, f, &err);
	rs->status = 422;
}

/* Options "id, name" of every cooperative, for a select. */
static const char *const *web_net_coop_options(request *rq, bool with_none)
{
	net_coop *v;
	size_t n;
	bg_error e;
	if (net_coop_list(rq->db, &rq->arena, &v, &n, &e) != BG_OK)
		n = 0;
	const char **o = arena_alloc(&rq->arena, (2 * n + 4) * sizeof *o);
	size_t k = 0;
	if (with_none) {
		o[k++] = "";
		o[k++] = N_("None");
	}
	for (size_t i = 0; i < n; i++) {
		o[k++] = arena_printf(&rq->arena, "%lld", (long long)v[i].id);
		o[k++] = v[i].name;
	}
	o[k] = NULL;
	return o;
}

/* The unit form: a new unit when u is NULL, else that unit's values. */
static void web_admin_unit_form(request *rq, response *rs, const net_unit *u, const form *f,
				const bg_error *err)
{
	const char *L = rq->lang;
	buf *b = &rs->body;
	const char *title = u ? arena_printf(&rq->arena, tr(L, "Edit %s"), u->name) : tr(L, "Create a unit");
	page_begin(rq, rs, title);
	h_printf(b, "<p><a href=\"/admin\">%s</a></p><h1>%s</h1>", tr(L, "Administration"), title);
	page_error_summary(rq, rs, err);
	if (u)
		h_printf(b, "<form method=\"post\" action=\"/admin/units/%lld\" novalidate>", (long long)u->id);
	else
		h_printf(b, "<form method=\"post\" action=\"/admin/units\" novalidate>");
	page_csrf_field(rq, rs);
	const char *main_coop = u ? arena_printf(&rq->arena, "%lld", (long long)u->cooperative_id) : NULL;
	const char *other = u && u->ncoops > 1 ? arena_printf(&rq->arena, "%lld", (long long)u->coop_ids[1]) : "";
#define FV(name, value) (f ? form_get(f, name) : (value))
	web_net_text(rq, rs, "name", tr(L, "Name"), NULL, FV("name", u ? u->name : NULL), NULL, err);
	web_net_select(rq, rs, "kind", tr(L, "Kind"), web_net_unit_kinds, FV("kind", u ? u->kind : NULL), err);
	web_net_select(rq, rs, "cooperative_id", tr(L, "Main cooperative"), web_net_coop_options(rq, false),
		       FV("cooperative_id", main_coop), err);
	web_net_select(rq, rs, "other_cooperative", tr(L, "Also spans (optional)"),
		       web_net_coop_options(rq, true), FV("other_cooperative", other), err);
	web_net_text(rq, rs, "address", tr(L, "Address"), NULL, FV("address", u ? u->address : NULL),
		     "street-address", err);
	h_printf(b, "<div class=\"field-row\">");
	web_net_text(rq, rs, "commune", tr(L, "Commune"), NULL, FV("commune", u ? u->territory.commune : NULL),
		     "address-level2", err);
	web_net_text(rq, rs, "postcode", tr(L, "Postcode"), NULL, FV("postcode", u ? u->territory.postcode : NULL),
		     "postal-code", err);
	web_net_select(rq, rs, "area", tr(L, "Area"), web_net_area_options, FV("area", u ? u->territory.kind : NULL), err);
	h_printf(b, "</div>");
	web_net_textarea(rq, rs, "description", tr(L, "Description"), NULL,
			 FV("description", u ? u->description : NULL), 3, err);
#undef FV
	h_printf(b, "<button type=\"submit\">%s</button></form>", u ? tr(L, "Save") : tr(L, "Create the unit"));
	if (u)
		web_net_delete_button(rq, rs, arena_printf(&rq->arena, "/admin/units/%lld/delete", (long long)u->id),
				      tr(L, "Delete this unit"));
	page_end(rq, rs);
}

/* GET /admin/units/new */
static void web_admin_unit_new(request *rq, response *rs)
{
	bool group;
	bg_error e;
	if (!web_net_is_admin(rq, &group)) {
		page_fail(rq, rs, (bg_fail(&e, BG_ERR_FORBIDDEN, "forbidden", NULL,
					   N_("You are not allowed to do this.")), &e));
		return;
	}
	web_admin_unit_form(rq, rs, NULL, NULL, NULL);
}

/* Reads the unit form into an input (other: storage for the one other
 * cooperative the form offers). */
static void web_unit_input(const form *f, net_unit_input *in, int64_t *other)
{
	const char *o = form_get(f, "other_cooperative");
	*other = o ? strtoll(o, NULL, 10) : 0;
	*in = (net_unit_input){.name = form_get(f, "name"), .kind = form_get(f, "kind"),
			       .address = form_get(f, "address"), .description = form_get(f, "description"),
			       .commune = form_get(f, "commune"), .postcode = form_get(f, "postcode"),
			       .area = form_get(f, "area"),
			       .cooperative_id = form_get(f, "cooperative_id")
							 ? strtoll(form_get(f, "cooperative_id"), NULL, 10) : 0,
			       .other_coops = other, .nother = *other > 0, .set_others = true};
}

/* POST /admin/units: creates, then shows the unit; or the form again (422). */
static void web_admin_unit_create(request *rq, response *rs)
{
	bg_error err;
	const form *f = rq_form(rq, &err);
	if (!f) {
		page_fail(rq, rs, &err);
		return;
	}
	int64_t other_id;
	net_unit_input in;
	web_unit_input(f, &in, &other_id);
	if (in.commune && !*in.commune && in.postcode && !*in.postcode)
		in.commune = in.postcode = NULL;
	int64_t id;
	if (db_begin(rq->db, DB_WRITE, &err) == BG_OK &&
	    net_unit_create(rq->db, rq->person_id, &in, &id, &err) == BG_OK && db_commit(rq->db, &err) == BG_OK) {
		char *to = arena_printf(&rq->arena, "/units/%lld", (long long)id);
		rs_redirect(rq, rs, to);
		return;
	}
	db_rollback(rq->db);
	if (err.status == BG_ERR_FORBIDDEN || err.status == BG_ERR_NOT_FOUND) {
		page_error(rq, rs, &err);
		return;
	}
	web_admin_unit_form(rq, rs, NULL, f, &err);
	rs->status = 422;
}

/* GET /admin/units/{id}: the unit's edit form (its administrators only). */
static void web_admin_unit_edit(request *rq, response *rs)
{
	net_unit u;
	bg_error e;
	int64_t id = rq_param_id(rq, 0);
	if (authz_check(rq->db, rq->person_id, AUTHZ_COOP_ADMINISTER, (scope){SCOPE_UNIT, id}, &e) != BG_OK ||
	    net_unit_get(rq->db, &rq->arena, id, &u, &e) != BG_OK) {
		page_fail(rq, rs, &e);
		return;
	}
	web_admin_unit_form(rq, rs, &u, NULL, NULL);
}

/* POST /admin/units/{id}: saves, or shows the form again (422). */
static void web_admin_unit_post(request *rq, response *rs)
{
	bg_error err;
	const form *f = rq_form(rq, &err);
	if (!f) {
		page_fail(rq, rs, &err);
		return;
	}
	int64_t id = rq_param_id(rq, 0), other;
	net_unit_input in;
	web_unit_input(f, &in, &other);
	if (db_begin(rq->db, DB_WRITE, &err) == BG_OK &&
	    net_unit_update(rq->db, rq->person_id, id, &in, &err) == BG_OK && db_commit(rq->db, &err) == BG_OK) {
		rs_redirect(rq, rs, arena_printf(&rq->arena, "/units/%lld", (long long)id));
		return;
	}
	db_rollback(rq->db);
	net_unit u;
	bg_error e2;
	if (err.status == BG_ERR_FORBIDDEN || err.status == BG_ERR_NOT_FOUND ||
	    net_unit_get(rq->db, &rq->arena, id, &u, &e2) != BG_OK) {
		page_error(rq, rs, &err);
		return;
	}
	web_admin_unit_form(rq, rs, &u, f, &err);
	rs->status = 422;
}

/* A cooperative's current memberships, paged; for those who manage them, a status form per row and an "add a person" form. */
static void web_admin_members_page(request *rq, response *rs, const bg_error *err)
{
	const char *L = rq->lang;
	buf *b = &rs->body;
	int64_t id = rq_param_id(rq, 0);
	int page = page_number(rq);
	net_coop c;
	net_membership *v;
	size_t n;
	int64_t total;
	bg_error e;
	if (net_membership_list(rq->db, &rq->arena, rq->person_id, id, page, PER_PAGE, &v, &n, &total, &e) != BG_OK ||
	    net_coop_get(rq->db, &rq->arena, id, &c, &e) != BG_OK) {
		page_fail(rq, rs, &e);
		return;
	}
	bg_error ignored;
	bool manage = authz_check(rq->db, rq->person_id, AUTHZ_NET_MEMBERSHIP_MANAGE,
				  (scope){SCOPE_COOPERATIVE, id}, &ignored) == BG_OK;
	page_begin(rq, rs, c.name);
	h_printf(b, "<p><a href=\"/cooperatives/%lld\">%s</a></p><h1>", (long long)id, c.name);
	h_printf(b, tr(L, "Members of %s"), c.name);
	h_printf(b, "</h1>");
	if (rq_query(rq, "done"))
		h_printf(b, "<div class=\"notice\" role=\"status\"><p>%s</p></div>", tr(L, "Saved."));
	if (rq_query(rq, "invited"))
		h_printf(b, "<div class=\"notice\" role=\"status\"><p>%s</p></div>",
			 tr(L, "Invitation sent: the person becomes a member once they accept it in their space."));
	page_error_summary(rq, rs, err);
	h_printf(b, "<p class=\"count\">");
	h_printf(b, trn(L, "%s current membership", "%s current memberships", (long)total), web_net_int(rq, total));
	h_printf(b, "</p><table><caption class=\"visually-hidden\">%s</caption><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		    "<th scope=\"col\">%s</th>",
		 tr(L, "Members"), tr(L, "Name"), tr(L, "Status"), tr(L, "Since"));
	if (manage)
		h_printf(b, "<th scope=\"col\">%s</th>", tr(L, "Membership"));
	h_printf(b, "</tr></thead><tbody>");
	for (size_t i = 0; i < n; i++) {
		h_printf(b, "<tr><td><a href=\"/people/%lld\">%s</a></td><td>", (long long)v[i].person_id,
			 v[i].person_name);
		if (manage) {
			h_printf(b, "<form method=\"post\" action=\"/admin/cooperatives/%lld/members\" class=\"row-form\">",
				 (long long)id);
			page_csrf_field(rq, rs);
			h_printf(b, "<input type=\"hidden\" name=\"person_id\" value=\"%lld\"><input type=\"hidden\" name=\"page\" value=\"%d\">"
				    "<label class=\"visually-hidden\" for=\"s-%lld\">%s</label><select id=\"s-%lld\" name=\"status\">",
				 (long long)v[i].person_id, page, (long long)v[i].person_id,
				 arena_printf(&rq->arena, "%s — %s", tr(L, "Status"), v[i].person_name),
				 (long long)v[i].person_id);
			for (size_t k = 0; web_net_status_options[k]; k += 2)
				h_printf(b, "<option value=\"%s\"%s>%s</option>", web_net_status_options[k],
					 strcmp(web_net_status_options[k], v[i].status) == 0 ? " selected" : "",
					 tr(L, web_net_status_options[k + 1]));
			h_printf(b, "</select> <button type=\"submit\" class=\"small\">%s</button></form>", tr(L, "Change"));
		} else {
			h_printf(b, "%s", web_net_label(rq, web_net_status_options, v[i].status));
		}
		h_printf(b, "</td><td>%s</td>", web_net_day(rq, v[i].started_on));
		if (manage && strcmp(v[i].status, "former") != 0)
			h_printf(b, "<td class=\"end\"><a href=\"/admin/cooperatives/%lld/members/%lld/end\">%s<span class=\"visually-hidden\"> — %s</span></a></td>",
				 (long long)id, (long long)v[i].person_id, tr(L, "End"), v[i].person_name);
		else if (manage)
			h_printf(b, "<td></td>");
		h_printf(b, "</tr>");
	}
	h_printf(b, "</tbody></table>");
	page_pager(rq, rs, arena_printf(&rq->arena, "/admin/cooperatives/%lld/members", (long long)id), "",
		      page, total, PER_PAGE);
	net_invitation *inv;
	size_t ninv = 0;
	if (manage && net_invitation_list_coop(rq->db, &rq->arena, rq->person_id, id, &inv, &ninv, &e) == BG_OK && ninv) {
		h_printf(b, "<h2>%s</h2><ul>", tr(L, "Invited, waiting for their answer"));
		for (size_t i = 0; i < ninv; i++)
			h_printf(b, "<li>%s — %s</li>", inv[i].person_name, web_net_label(rq, web_net_status_options, inv[i].status));
		h_printf(b, "</ul>");
	}
	if (manage) {
		h_printf(b, "<h2 id=\"add\">%s</h2><form method=\"post\" action=\"/admin/cooperatives/%lld/members\" novalidate>",
			 tr(L, "Add a person or change a status"), (long long)id);
		page_csrf_field(rq, rs);
		page_input(rq, rs, "email", tr(L, "Email address of the person"), "email", NULL, "off", err);
		h_printf(b, "<div class=\"field-row\">");
		web_net_select(rq, rs, "status", tr(L, "Status"), web_net_status_options, "member", err);
		web_net_text(rq, rs, "started_on", tr(L, "From (YYYY-MM-DD, today if empty)"), NULL, NULL, NULL, err);
		h_printf(b, "</div><button type=\"submit\">%s</button></form>", tr(L, "Save"));
	}
	page_end(rq, rs);
}

/* GET /admin/cooperatives/{id}/members */
static void web_admin_members(request *rq, response *rs)
{
	web_admin_members_page(rq, rs, NULL);
}

/* POST /admin/cooperatives/{id}/members: a status for a person named by id (row form) or email (add form). */
static void web_admin_members_post(request *rq, response *rs)
{
	bg_error err;
	const form *f = rq_form(rq, &err);
	if (!f) {
		page_fail(rq, rs, &err);
		return;
	}
	int64_t id = rq_param_id(rq, 0);
	int64_t who = form_get(f, "person_id") ? strtoll(form_get(f, "person_id"), NULL, 10) : 0;
	bg_status st = BG_OK;
	if (form_get(f, "email")) { /* the "add a person" form names them by email */
		person p;
		char email[255];
		st = account_normalise_email(form_get(f, "email"), email, &err);
		if (st == BG_OK && account_find_email(rq->db, email, &p, NULL) != BG_OK)
			st = bg_fail(&err, BG_ERR_INVALID, "unknown_person", "email",
				     N_("No account uses this email address."));
		who = st == BG_OK ? p.id : 0;
	}
	bool pending = false;
	if (st == BG_OK && db_begin(rq->db, DB_WRITE, &err) == BG_OK &&
	    net_membership_add(rq->db, rq->person_id, who, id, form_get(f, "status"),
			       form_get(f, "started_on"), rq_base_url(rq), &pending, &err) == BG_OK &&
	    db_commit(rq->db, &err) == BG_OK) {
		const char *page = form_get(f, "page");
		rs_redirect(rq, rs, arena_printf(&rq->arena, "/admin/cooperatives/%lld/members?%s=1&page=%d",
						 (long long)id, pending ? "invited" : "done", page ? atoi(page) : 1));
		return;
	}
	db_rollback(rq->db);
	if (err.status == BG_ERR_FORBIDDEN || err.status == BG_ERR_NOT_FOUND) {
		page_error(rq, rs, &err);
		return;
	}
	web_admin_members_page(rq, rs, &err);
	rs->status = 422;
}

/* The form ending a membership: the person, their current status, the last day. */
static void web_admin_member_end_page(request *rq, response *rs, const form *f, const bg_error *err)
{
	const char *L = rq->lang;
	buf *b = &rs->body;
	int64_t coop = rq_param_id(rq, 0), who = rq_param_id(rq, 1);
	bg_error e;
	net_coop c;
	net_membership *ms;
	size_t n = 0;
	const net_membership *cur = NULL;
	if (net_coop_get(rq->db, &rq->arena, coop, &c, &e) != BG_OK ||
	    authz_check(rq->db, rq->person_id, AUTHZ_NET_MEMBERSHIP_MANAGE, (scope){SCOPE_COOPERATIVE, coop}, &e) != BG_OK ||
	    net_membership_history(rq->db, &rq->arena, rq->person_id, who, &ms, &n, &e) != BG_OK) {
		page_fail(rq, rs, &e);
		return;
	}
	for (size_t i = 0; i < n && !cur; i++)
		if (ms[i].cooperative_id == coop && !ms[i].ended_on && strcmp(ms[i].status, "former") != 0)
			cur = &ms[i];
	if (!cur) {
		page_fail(rq, rs, (bg_fail(&e, BG_ERR_NOT_FOUND, "not_found", NULL, N_("This page does not exist.")), &e));
		return;
	}
	page_begin(rq, rs, tr(L, "End a membership"));
	h_printf(b, "<p><a href=\"/admin/cooperatives/%lld/members\">", (long long)coop);
	h_printf(b, tr(L, "Members of %s"), c.name);
	h_printf(b, "</a></p><h1>%s</h1>", tr(L, "End a membership"));
	page_error_summary(rq, rs, err);
	h_printf(b, "<p class=\"lead\">");
	h_printf(b, tr(L, "%s, %s of %s since %s."), cur->person_name, tr(L, cur->status), c.name,
		 web_net_day(rq, cur->started_on));
	h_printf(b, "</p><p>%s</p>",
		 tr(L, "From the day given, the person is a former member: the history keeps every period, "
		       "and the cooperative no longer sees what they show only to their cooperative."));
	h_printf(b, "<form method=\"post\" action=\"/admin/cooperatives/%lld/members/%lld/end\" novalidate>",
		 (long long)coop, (long long)who);
	page_csrf_field(rq, rs);
	char today[11];
	tz_today(TZ_GROUP, today);
	web_net_text(rq, rs, "ended_on", tr(L, "End date (YYYY-MM-DD)"), NULL,
		     f ? form_get(f, "ended_on") : today, NULL, err);
	h_printf(b, "<button type=\"submit\">%s</button></form>", tr(L, "End the membership"));
	page_end(rq, rs);
}

/* GET /admin/cooperatives/{id}/members/{person}/end */
static void web_admin_member_end(request *rq, response *rs)
{
	web_admin_member_end_page(rq, rs, NULL, NULL);
}

/* POST /admin/cooperatives/{id}/members/{person}/end: the membership ends (former from that day), audited. */
static void web_admin_member_end_post(request *rq, response *rs)
{
	bg_error err;
	const form *f = rq_form(rq, &err);
	if (!f) {
		page_fail(rq, rs, &err);
		return;
	}
	int64_t coop = rq_param_id(rq, 0), who = rq_param_id(rq, 1);
	bg_status st = db_begin(rq->db, DB_WRITE, &err);
	if (st == BG_OK)
		st = net_membership_end(rq->db, rq->person_id, who, coop, form_get(f, "ended_on"), &err);
	if (st == BG_OK)
		st = db_commit(rq->db, &err);
	if (st == BG_OK) {
		rs_redirect(rq, rs, arena_printf(&rq->arena, "/admin/cooperatives/%lld/members?done=1", (long long)coop));
		return;
	}
	db_rollback(rq->db);
	if (err.status != BG_ERR_INVALID) {
		page_error(rq, rs, &err);
		return;
	}
	web_admin_member_end_page(rq, rs, f, &err);
	rs->status = 422;
}

/* The roles held in a scope, each with a revoke button, and the grant form. */
static void web_admin_roles_page(request *rq, response *rs, const form *f, const bg_error *err)
{
	const char *L = rq->lang;
	buf *b = &rs->body;
	bool group;
	bg_error e;
	if (!web_net_is_admin(rq, &group)) {
		page_fail(rq, rs, (bg_fail(&e, BG_ERR_FORBIDDEN, "forbidden", NULL,
					   N_("You are not allowed to do this.")), &e));
		return;
	}
	const char *c = rq_query(rq, "cooperative");
	int64_t coop = c ? strtoll(c, NULL, 10) : 0;
	net_role *v;
	size_t n;
	int64_t total;
	int page = page_number(rq);
	if (net_role_list(rq->db, &rq->arena, rq->person_id, coop, PER_PAGE, (int64_t)(page - 1) * PER_PAGE, &v, &n,
			  &total, &e) != BG_OK) {
		page_fail(rq, rs, &e); /* 404 where one holds no role, 403 where it forbids */
		return;
	}
	page_begin(rq, rs, tr(L, "Roles"));
	h_printf(b, "<p><a href=\"/admin\">%s</a></p><h1>%s</h1>", tr(L, "Administration"), tr(L, "Roles"));
	if (rq_query(rq, "done"))
		h_printf(b, "<div class=\"notice\" role=\"status\"><p>%s</p></div>", tr(L, "Saved."));
	h_printf(b, "<form method=\"get\" action=\"/admin/roles\" class=\"search\"><div class=\"field-row\">");
	web_net_select(rq, rs, "cooperative", tr(L, "Roles held in"), web_net_coop_options(rq, true), c, NULL);
	h_printf(b, "</div><button type=\"submit\">%s</button></form>", tr(L, "Show"));
	h_printf(b, "<table><caption class=\"visually-hidden\">%s</caption><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
		 tr(L, "Roles"), tr(L, "Name"), tr(L, "Role"), tr(L, "Where"), tr(L, "Actions"));
	for (size_t i = 0; i < n; i++) {
		h_printf(b, "<tr><td><a href=\"/people/%lld\">%s</a></td><td>%s</td><td>%s</td><td>",
			 (long long)v[i].person_id, v[i].person_name, tr(L, v[i].role),
			 strcmp(v[i].scope_type, "group") == 0 ? tr(L, "the group") : v[i].scope_name);
		h_printf(b, "<form method=\"post\" action=\"/admin/roles/revoke\" class=\"row-form\">");
		page_csrf_field(rq, rs);
		h_printf(b, "<input type=\"hidden\" name=\"person_id\" value=\"%lld\"><input type=\"hidden\" name=\"role\" value=\"%s\">"
			    "<input type=\"hidden\" name=\"scope\" value=\"%s\"><input type=\"hidden\" name=\"scope_id\" value=\"%lld\">"
			    "<button type=\"submit\" class=\"small secondary\">%s</button></form></td></tr>",
			 (long long)v[i].person_id, v[i].role, v[i].scope_type, (long long)v[i].scope_id,
			 arena_printf(&rq->arena, "%s", tr(L, "Revoke")));
	}
	h_printf(b, "</tbody></table>");
	page_pager(rq, rs, "/admin/roles", rq_query_without(rq, "page"), page, total, PER_PAGE);
	h_printf(b, "<h2 id=\"grant\">%s</h2>", tr(L, "Grant a role"));
	page_error_summary(rq, rs, err);
	h_printf(b, "<form method=\"post\" action=\"/admin/roles\" novalidate>");
	page_csrf_field(rq, rs);
#define FV(name) (f ? form_get(f, name) : NULL)
	page_input(rq, rs, "email", tr(L, "Email address of the person"), "email", FV("email"), "off", err);
	web_net_select(rq, rs, "role", tr(L, "Role"), web_net_roles, FV("role"), err);
	static const char *const scopes[] = {"cooperative", N_("A cooperative"), "unit", N_("A unit"),
					     "group", N_("The whole group"), NULL};
	web_net_select(rq, rs, "scope", tr(L, "Scope"), scopes, FV("scope"), err);
	web_net_text(rq, rs, "scope_id", tr(L, "Number of the cooperative or unit"),
		     tr(L, "Shown in the address of its page, e.g. /units/3"), FV("scope_id"), NULL, err);
#undef FV
	h_printf(b, "<button type=\"submit\">%s</button></form>", tr(L, "Grant the role"));
	page_end(rq, rs);
}

/* GET /admin/roles */
static void web_admin_roles(request *rq, response *rs)
{
	web_admin_roles_page(rq, rs, NULL, NULL);
}

/* POST /admin/roles (grant) and /admin/roles/revoke. */
static void web_admin_role_change(request *rq, response *rs, bool grant)
{
	bg_error err;
	const form *f = rq_form(rq, &err);
	if (!f) {
		page_fail(rq, rs, &err);
		return;
	}
	role r = authz_role_from_name(form_get(f, "role"));
	const char *sc = form_get(f, "scope");
	int64_t sid = form_get(f, "scope_id") ? strtoll(form_get(f, "scope_id"), NULL, 10) : 0;
	scope s = {sc && strcmp(sc, "unit") == 0 ? SCOPE_UNIT : sc && strcmp(sc, "group") == 0 ? SCOPE_GROUP
													  : SCOPE_COOPERATIVE,
		   sc && strcmp(sc, "group") == 0 ? 0 : sid};
	int64_t who = 0;
	bg_status st = BG_OK;
	if (grant) {
		person p = {0};
		char email[255];
		st = account_normalise_email(form_get(f, "email"), email, &err);
		if (st == BG_OK && account_find_email(rq->db, email, &p, &err) != BG_OK)
			st = bg_fail(&err, BG_ERR_INVALID, "unknown_person", "email",
				     N_("No account uses this email address."));
		who = p.id;
		if (st == BG_OK && s.type != SCOPE_GROUP && sid <= 0)
			st = bg_fail(&err, BG_ERR_INVALID, "invalid_scope", "scope_id",
				     N_("This scope does not exist."));
	} else {
		who = form_get(f, "person_id") ? strtoll(form_get(f, "person_id"), NULL, 10) : 0;
	}
	if (st == BG_OK && !r)
		st = bg_fail(&err, BG_ERR_INVALID, "invalid_role", "role", N_("Unknown role."));
	if (st == BG_OK)
		st = db_begin(rq->db, DB_WRITE, &err);
	if (st == BG_OK)
		st = grant ? authz_grant(rq->db, rq->person_id, who, r, s, &err)
			   : authz_revoke(rq->db, rq->person_id, who, r, s, &err);
	if (st == BG_OK && db_commit(rq->db, &err) == BG_OK) {
		rs_redirect(rq, rs, "/admin/roles?done=1");
		return;
	}
	db_rollback(rq->db);
	if (err.status == BG_ERR_FORBIDDEN || err.status == BG_ERR_NOT_FOUND) {
		page_error(rq, rs, &err);
		return;
	}
	web_admin_roles_page(rq, rs, grant ? f : NULL, &err);
	rs->status = 422;
}

/* POST /admin/roles */
static void web_admin_role_grant(request *rq, response *rs)
{
	web_admin_role_change(rq, rs, true);
}

/* POST /admin/roles/revoke */
static void web_admin_role_revoke(request *rq, response *rs)
{
	web_admin_role_change(rq, rs, false);
}

/* --------------------------------------------------------------- import */

/* Lists the rejected lines of an import report. */
static void web_import_errors(request *rq, response *rs, const net_import_error *errors, size_t n)
{
	const char *L = rq->lang;
	buf *b = &rs->body;
	if (!n)
		return;
	h_printf(b, "<ul class=\"errors\">");
	for (size_t i = 0; i < n; i++) {
		h_printf(b, "<li>");
		h_printf(b, tr(L, "Line %s: %s"), web_net_int(rq, errors[i].line), tr(L, errors[i].msgid));
		if (errors[i].field)
			h_printf(b, " (%s)", errors[i].field);
		h_printf(b, "</li>");
	}
	h_printf(b, "</ul>");
}

/* The import form: a file (sent as multipart/form-data), or pasted text. */
static void web_admin_import_page(request *rq, response *rs, const form *f, const bg_error *err)
{
	const char *L = rq->lang;
	buf *b = &rs->body;
	page_begin(rq, rs, tr(L, "Import from a spreadsheet"));
	h_printf(b, "<p><a href=\"/admin\">%s</a></p><h1>%s</h1>", tr(L, "Administration"),
		 tr(L, "Import from a spreadsheet"));
	page_error_summary(rq, rs, err);
	h_printf(b, "<p>%s</p><p class=\"hint\">%s</p>",
		 tr(L, "Send a CSV file exported from a spreadsheet (UTF-8 or Windows-1252, separated by "
		       "semicolons or commas). The first line names the columns."),
		 tr(L, "People: email;name;status;started_on;trades;skills;commune;postcode;area. "
		       "Organisations: name;kind;siren;commune;postcode;area;description;website."));
	h_printf(b, "<form method=\"post\" action=\"/admin/import\" enctype=\"multipart/form-data\" novalidate>");
	page_csrf_field(rq, rs);
	static const char *const kinds[] = {"people", N_("People"), "organisations", N_("Organisations"), NULL};
	web_net_select(rq, rs, "kind", tr(L, "What to import"), kinds, f ? form_get(f, "kind") : NULL, err);
	web_net_select(rq, rs, "cooperative_id", tr(L, "Into the cooperative"), web_net_coop_options(rq, false),
		       f ? form_get(f, "cooperative_id") : NULL, err);
	bool bad_file = err && err->field && strcmp(err->field, "file") == 0;
	h_printf(b, "<div class=\"field\"><label for=\"f-file\">%s</label>"
		    "<input type=\"file\" id=\"f-file\" name=\"file\" accept=\".csv,text/csv,text/plain\"",
		 tr(L, "CSV file"));
	h_printf(b, bad_file ? " aria-invalid=\"true\" aria-describedby=\"e-file\">" : ">");
	if (bad_file)
		h_printf(b, "<p class=\"error\" id=\"e-file\">%s</p>", tr(L, err->msgid));
	h_printf(b, "</div>");
	web_net_textarea(rq, rs, "csv", tr(L, "Or paste the CSV content"), NULL, f ? form_get(f, "csv") : NULL, 6, err);
	bool partial = f && form_get(f, "partial");
	h_printf(b, "<div class=\"field check\"><input type=\"checkbox\" id=\"f-partial\" name=\"partial\" value=\"1\"%s>"
		    "<label for=\"f-partial\">%s</label></div>",
		 partial ? " checked" : "", tr(L, "Write the accepted lines even if some are rejected"));
	h_printf(b, "<button type=\"submit\" name=\"dry_run\" value=\"1\" class=\"secondary\">%s</button> "
		    "<button type=\"submit\">%s</button></form>",
		 tr(L, "Trial run"), tr(L, "Import"));
	net_import_job *jobs;
	size_t njobs = 0;
	bg_error e;
	if (net_import_job_list(rq->db, &rq->arena, rq->person_id, &jobs, &njobs, &e) == BG_OK && njobs) {
		h_printf(b, "<h2>%s</h2><ul>", tr(L, "My last imports"));
		for (size_t i = 0; i < njobs; i++) {
			const char *state = strcmp(jobs[i].status, "queued") == 0 || strcmp(jobs[i].status, "running") == 0
						    ? tr(L, "in progress")
					    : strcmp(jobs[i].status, "failed") == 0 ? tr(L, "file not read")
					    : jobs[i].dry_run			    ? tr(L, "trial run")
										    : tr(L, "done");
			h_printf(b, "<li><a href=\"/admin/import/jobs/%lld\">%s</a> — %s, ", (long long)jobs[i].id,
				 *jobs[i].filename ? jobs[i].filename : tr(L, "pasted text"),
				 tr(L, strcmp(jobs[i].kind, "people") == 0 ? "People" : "Organisations"));
			h_printf(b, tr(L, "%s lines read, %s written"), web_net_int(rq, jobs[i].lines),
				 web_net_int(rq, jobs[i].written));
			h_printf(b, " (%s)</li>", state);
		}
		h_printf(b, "</ul>");
	}
	page_end(rq, rs);
}

/* GET /admin/import */
static void web_admin_import(request *rq, response *rs)
{
	bool group;
	bg_error e;
	if (!web_net_is_admin(rq, &group)) {
		page_fail(rq, rs, (bg_fail(&e, BG_ERR_FORBIDDEN, "forbidden", NULL,
					   N_("You are not allowed to do this.")), &e));
		return;
	}
	web_admin_import_page(rq, rs, NULL, NULL);
}

/* Files up to this many lines are imported during the request itself;
 * longer ones in the background, their page showing the progress. */
enum { WEB_IMPORT_INLINE_LINES = 300 };

/* POST /admin/import: queues the import (or its trial) of the uploaded file
 * or the pasted text as a job, and sends to the job's page. */
static void web_admin_import_post(request *rq, response *rs)
{
	bg_error err;
	const form *f = rq_form(rq, &err);
	if (!f) {
		page_fail(rq, rs, &err);
		return;
	}
	const char *kind = form_get(f, "kind"), *csv = form_get(f, "csv");
	const multipart_file *file = rq_file(rq, "file");
	const char *data = file ? (const char *)file->data : csv;
	size_t len = file ? file->size : csv ? strlen(csv) : 0;
	int64_t coop = form_get(f, "cooperative_id") ? strtoll(form_get(f, "cooperative_id"), NULL, 10) : 0;
	bool dry = form_get(f, "dry_run") != NULL, partial = form_get(f, "partial") != NULL;
	bg_status st = BG_OK;
	int64_t job = 0;
	if (!kind || (strcmp(kind, "people") != 0 && strcmp(kind, "organisations") != 0))
		st = bg_fail(&err, BG_ERR_INVALID, "invalid_kind", "kind", N_("Choose what to import."));
	else if (!data || len == 0)
		st = bg_fail(&err, BG_ERR_INVALID, "missing_field", "file",
			     N_("Choose a CSV file, or paste its content."));
	if (st == BG_OK)
		st = db_begin(rq->db, DB_WRITE, &err);
	if (st == BG_OK)
		st = net_import_job_create(rq->db, rq->person_id,
					   strcmp(kind, "people") == 0 ? NET_IMPORT_PEOPLE : NET_IMPORT_ORGANISATIONS,
					   coop, file ? file->filename : NULL, data, len, dry, partial, &job, &err);
	if (st == BG_OK)
		st = db_commit(rq->db, &err);
	else
		db_rollback(rq->db);
	if (st == BG_ERR_FORBIDDEN || st == BG_ERR_NOT_FOUND) {
		page_error(rq, rs, &err);
		return;
	}
	if (st != BG_OK) {
		web_admin_import_page(rq, rs, f, &err);
		rs->status = 422;
		return;
	}
	size_t lines = 0;
	for (const char *p = data; p && (p = memchr(p, '\n', len - (size_t)(p - data))); p++)
		lines++;
	if (lines <= WEB_IMPORT_INLINE_LINES)
		net_import_job_run(rq->db, job, &err); /* its outcome is the job's report */
	else
		net_import_job_spawn(db_path(rq->db), job);
	char where[64];
	snprintf(where, sizeof where, "/admin/import/jobs/%lld", (long long)job);
	rs_redirect(rq, rs, where);
}

/* GET /admin/import/jobs/{id}: the job's progress while it runs (the page
 * reloads itself every second, no JavaScript needed), then its report
 * with every rejected line. */
static void web_admin_import_job(request *rq, response *rs)
{
	const char *L = rq->lang;
	buf *b = &rs->body;
	bg_error err;
	net_import_job j;
	if (net_import_job_get(rq->db, &rq->arena, rq->person_id, rq_param_id(rq, 0), &j, &err) != BG_OK) {
		page_fail(rq, rs, &err);
		return;
	}
	bool waiting = !j.interrupted && (strcmp(j.status, "queued") == 0 || strcmp(j.status, "running") == 0);
	if (waiting)
		rs_header(rq, rs, "Refresh", "1");
	page_begin(rq, rs, tr(L, "Import from a spreadsheet"));
	h_printf(b, "<p><a href=\"/admin/import\">%s</a></p><h1>%s</h1>", tr(L, "Import from a spreadsheet"),
		 j.dry_run ? tr(L, "Trial run of an import") : tr(L, "Import"));
	if (*j.filename)
		h_printf(b, "<p>%s</p>", j.filename);
	if (waiting) {
		h_printf(b, "<section class=\"notice\" role=\"status\" aria-live=\"polite\"><h2>%s</h2>",
			 strcmp(j.status, "queued") == 0 || j.total == 0 ? tr(L, "Waiting to start…")
									 : tr(L, "Import in progress…"));
		if (j.total > 0) {
			h_printf(b, "<p><progress max=\"%d\" value=\"%d\">", j.total, j.done);
			h_printf(b, tr(L, "%s / %s lines"), web_net_int(rq, j.done), web_net_int(rq, j.total));
			h_printf(b, "</progress> ");
			h_printf(b, tr(L, "%s / %s lines"), web_net_int(rq, j.done), web_net_int(rq, j.total));
			h_printf(b, "</p>");
		}
		h_printf(b, "<p class=\"hint\">%s</p></section>",
			 tr(L, "This page updates itself; you may also leave it and come back."));
	} else if (j.interrupted) {
		h_printf(b, "<section class=\"alert\" role=\"alert\"><h2>%s</h2><p>%s</p></section>",
			 tr(L, "The import was interrupted"),
			 tr(L, "The server stopped during the import: nothing was written. Send the file again."));
	} else if (strcmp(j.status, "failed") == 0) {
		h_printf(b, "<section class=\"alert\" role=\"alert\"><h2>%s</h2><p>%s</p></section>",
			 tr(L, "Nothing was written"), j.error_msgid ? tr(L, j.error_msgid) : "");
	} else {
		bool written = j.written > 0;
		h_printf(b, "<section class=\"%s\" role=\"status\" aria-labelledby=\"rep-title\"><h2 id=\"rep-title\">%s</h2><p>",
			 j.rejected ? "alert" : "notice",
			 j.dry_run ? tr(L, "Trial run: nothing was written") : written ? tr(L, "Import done") : tr(L, "Nothing was written"));
		h_printf(b, tr(L, "%s lines read, %s accepted, %s rejected, %s written."), web_net_int(rq, j.lines),
			 web_net_int(rq, j.accepted), web_net_int(rq, j.rejected), web_net_int(rq, j.written));
		if (j.invited > 0) {
			h_printf(b, " ");
			h_printf(b, trn(L, "Of the accepted lines, %s named someone who already has an account:"
					   " they are invited, and join once they accept.",
					"Of the accepted lines, %s named people who already have an account:"
					" they are invited, and join once they accept.", (long)j.invited),
				 web_net_int(rq, j.invited));
		}
		h_printf(b, " ");
		h_printf(b, tr(L, "Read as %s, columns separated by “%s”."), j.encoding, j.separator);
		h_printf(b, "</p>");
		web_import_errors(rq, rs, j.errors, j.nerrors);
		h_printf(b, "</section>");
	}
	/* 200 whatever the job found: the report is what was asked for (its
	 * refusals were answered when the file was sent) */
	page_end(rq, rs);
}

/* ----------------------------------------------------------- deletions */

/* Runs one domain deletion in a transaction and redirects to `to`; errors
 * (409 when still in use, 403, 404) come back as a page. */
static void web_net_delete(request *rq, response *rs,
			   bg_status (*del)(db *, int64_t, int64_t, bg_error *), const char *to)
{
	bg_error err;
	if (db_begin(rq->db, DB_WRITE, &err) == BG_OK && del(rq->db, rq->person_id, rq_param_id(rq, 0), &err) == BG_OK &&
	    db_commit(rq->db, &err) == BG_OK) {
		rs_redirect(rq, rs, to);
		return;
	}
	page_fail(rq, rs, &err);
}

/* POST /admin/cooperatives/{id}/delete */
static void web_admin_coop_delete(request *rq, response *rs)
{
	web_net_delete(rq, rs, net_coop_delete, "/admin?done=1");
}

/* POST /admin/units/{id}/delete */
static void web_admin_unit_delete(request *rq, response *rs)
{
	web_net_delete(rq, rs, net_unit_delete, "/admin?done=1");
}

/* POST /organisations/{id}/delete */
static void web_org_delete(request *rq, response *rs)
{
	web_net_delete(rq, rs, net_org_delete, "/organisations");
}

/* POST /organisations/{id}/people/{person}/delete */
static void web_org_unlink(request *rq, response *rs)
{
	bg_error err;
	int64_t id = rq_param_id(rq, 0);
	if (db_begin(rq->db, DB_WRITE, &err) == BG_OK &&
	    net_org_unlink(rq->db, rq->person_id, id, rq_param_id(rq, 1), &err) == BG_OK &&
	    db_commit(rq->db, &err) == BG_OK) {
		rs_redirect(rq, rs, arena_printf(&rq->arena, "/organisations/%lld", (long long)id));
		return;
	}
	page_fail(rq, rs, &err);
}

/* A form with one button that posts to action (a deletion). */
static void web_net_delete_button(request *rq, response *rs, const char *action, const char *label)
{
	h_printf(&rs->body, "<form method=\"post\" action=\"%s\" class=\"danger-zone\">", action);
	page_csrf_field(rq, rs);
	h_printf(&rs->body, "<button type=\"submit\" class=\"secondary\">%s</button></form>", label);
}

const route web_network_routes[] = {
	{HTTP_GET, "/me/profile", web_profile, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/me/profile", web_profile_post, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/me/invitations/{id}", web_invitation_answer, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_GET, "/directory", web_directory, ROUTE_PAGE},
	{HTTP_GET, "/directory.csv", web_directory_csv, ROUTE_PAGE},
	{HTTP_GET, "/people/{id}", web_person, ROUTE_PAGE},
	{HTTP_GET, "/organisations", web_orgs, ROUTE_PAGE},
	{HTTP_GET, "/organisations/{id}", web_org, ROUTE_PAGE},
	{HTTP_POST, "/organisations/{id}/people", web_org_link, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_GET, "/admin/organisations/new", web_admin_org_new, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/admin/organisations", web_admin_org_create, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_GET, "/cooperatives/{id}", web_coop, ROUTE_PAGE},
	{HTTP_GET, "/units/{id}", web_unit, ROUTE_PAGE},
	{HTTP_GET, "/admin", web_admin, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/admin/cooperatives", web_admin_coop_create, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_GET, "/admin/cooperatives/{id}", web_admin_coop, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/admin/cooperatives/{id}", web_admin_coop_post, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_GET, "/admin/cooperatives/{id}/members", web_admin_members, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/admin/cooperatives/{id}/members", web_admin_members_post, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_GET, "/admin/units/new", web_admin_unit_new, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/admin/units", web_admin_unit_create, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_GET, "/admin/units/{id}", web_admin_unit_edit, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/admin/units/{id}", web_admin_unit_post, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/admin/units/{id}/delete", web_admin_unit_delete, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/admin/cooperatives/{id}/delete", web_admin_coop_delete, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/organisations/{id}/delete", web_org_delete, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/organisations/{id}/people/{person}/delete", web_org_unlink, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_GET, "/admin/roles", web_admin_roles, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/admin/roles", web_admin_role_grant, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/admin/roles/revoke", web_admin_role_revoke, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_GET, "/admin/import", web_admin_import, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/admin/import", web_admin_import_post, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_GET, "/admin/import/jobs/{id}", web_admin_import_job, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_GET, "/admin/cooperatives/{id}/members/{person}/end", web_admin_member_end, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/admin/cooperatives/{id}/members/{person}/end", web_admin_member_end_post, ROUTE_PAGE | ROUTE_AUTH},
	{0, NULL, NULL, 0},
};
