/*
 * network/profile.c — my profile (a visibility choice per field), the
 * notices of /me that belong to the directory, and the answers to
 * invitations.
 */
#include "web/network/web_network_internal.h"

/* The profile form, filled from the person's profile, or from what they
 * typed when f is given. */
static void web_profile_form(request *rq, response *rs, const net_profile *p, const form *f,
			     const bg_error *err)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
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
	widget_checkbox(rq, rs, coop,
			&(widget){.name = "wants_cooperate", .label = tr(L, "I want to cooperate with other members")});
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
	html *b = page_html(rs);
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
		h_textf(b, tr(L, "%s invites you as: %s."), v[i].coop_name, tr(L, v[i].status));
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
	const form *f = page_form(rq, rs);
	if (!f)
		return;
	const char *answer = form_get(f, "answer");
	bg_status st = answer && (strcmp(answer, "accept") == 0 || strcmp(answer, "decline") == 0)
			       ? web_begin(rq, BG_OK, &err)
			       : bg_fail(&err, BG_ERR_INVALID, "invalid_value", "answer", N_("This value is not allowed."));
	if (st == BG_OK)
		st = net_invitation_answer(rq->db, rq->person_id, rq_param_id(rq, 0), strcmp(answer, "accept") == 0, &err);
	web_finish(rq, rs, st, &err, "/me?answered=1", WEB_BUTTON);
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
	const form *f = page_form(rq, rs);
	if (!f)
		return;
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
	st = web_begin(rq, st, &err);
	if (st == BG_OK)
		st = net_profile_update(rq->db, rq->person_id, rq->person_id, &in, &err);
	if (!web_finish(rq, rs, st, &err, "/me/profile?saved=1", 0))
		return;
	net_profile p;
	bg_error ignored;
	if (net_profile_load(rq->db, &rq->arena, rq->person_id, rq->person_id, &p, &ignored) != BG_OK) {
		page_error(rq, rs, &err);
		return;
	}
	web_profile_form(rq, rs, &p, f, &err);
}

const route web_net_profile_routes[] = {
	{HTTP_GET, "/me/profile", web_profile, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/me/profile", web_profile_post, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/me/invitations/{id}", web_invitation_answer, ROUTE_PAGE | ROUTE_AUTH},
	{0, NULL, NULL, 0},
};
