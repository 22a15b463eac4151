/*
 * path.c — the path configuration of a cooperative
 * (/cooperatives/{id}/path): the steps its newcomers go through.
 */
#include "web/hospitality/web_hospitality_internal.h"

static void wh_path_page(request *rq, response *rs, int64_t coop, const char *text, const bg_error *err, bool saved)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
	bg_error e2;
	if (authz_check(rq->db, rq->person_id, AUTHZ_PATH_CONFIGURE, (scope){SCOPE_COOPERATIVE, coop}, &e2) != BG_OK) {
		page_error(rq, rs, &e2);
		return;
	}
	page_begin(rq, rs, tr(L, "Welcome path"));
	wh_subnav(rq, rs);
	h_printf(b, "<h1>%s</h1><p class=\"lead\">%s</p>", tr(L, "Welcome path"),
		 tr(L, "One step a line: a code (lowercase letters, digits, _), a bar, then its label."));
	if (saved)
		h_printf(b, "<div class=\"notice\" role=\"status\"><p>%s</p></div>", tr(L, "The path is saved."));
	page_error_summary(rq, rs, err);
	buf cur;
	buf_init(&cur);
	if (!text) {
		path_step steps[PATH_MAX_STEPS];
		int n = 0;
		bg_error e;
		if (path_steps_read(rq->db, rq->person_id, coop, steps, PATH_MAX_STEPS, &n, &e) != BG_OK) {
			buf_free(&cur);
			page_fail(rq, rs, &e);
			return;
		}
		for (int i = 0; i < n; i++)
			buf_printf(&cur, "%s|%s\n", steps[i].code, tr(L, steps[i].label));
		text = cur.data;
	}
	h_printf(b, "<form method=\"post\" action=\"/cooperatives/%lld/path\" novalidate>", (long long)coop);
	page_csrf_field(rq, rs);
	widget_textarea(rq, rs, 12, &(widget){.name = "steps", .label = tr(L, "Steps"), .value = text, .err = err});
	h_printf(b, "<button type=\"submit\">%s</button></form>", tr(L, "Save"));
	buf_free(&cur);
	page_end(rq, rs);
}

static void web_path(request *rq, response *rs)
{
	wh_path_page(rq, rs, rq_param_id(rq, 0), NULL, NULL, rq_query(rq, "saved") != NULL);
}

static void web_path_post(request *rq, response *rs)
{
	bg_error err;
	const form *f = rq_form(rq, &err);
	const char *text = f ? form_get(f, "steps") : NULL;
	path_step steps[PATH_MAX_STEPS] = {0};
	int n = 0;
	bool ok = f && text;
	for (const char *p = text; ok && p && *p;) {
		const char *eol = strchr(p, '\n');
		size_t len = eol ? (size_t)(eol - p) : strlen(p);
		const char *bar = memchr(p, '|', len);
		if (len > 0 && !(len == 1 && p[0] == '\r')) {
			if (!bar || n == PATH_MAX_STEPS || (size_t)(bar - p) > 40 || len - (size_t)(bar - p) > 101) {
				ok = false;
				break;
			}
			snprintf(steps[n].code, sizeof steps[0].code, "%.*s", (int)(bar - p), p);
			snprintf(steps[n].label, sizeof steps[n].label, "%.*s", (int)(len - (size_t)(bar - p) - 1), bar + 1);
			size_t ll = strlen(steps[n].label);
			if (ll && steps[n].label[ll - 1] == '\r')
				steps[n].label[ll - 1] = '\0';
			n++;
		}
		p = eol ? eol + 1 : p + len;
	}
	int64_t coop = rq_param_id(rq, 0);
	bg_status st = ok ? BG_OK
			  : bg_fail(&err, BG_ERR_INVALID, "invalid_step", "steps",
				    N_("Each step needs a label and a distinct code of lowercase letters, digits and _."));
	st = web_begin(rq, st, &err);
	if (st == BG_OK)
		st = path_steps_set(rq->db, rq->person_id, coop, steps, n, &err);
	if (web_finish(rq, rs, st, &err, arena_printf(&rq->arena, "/cooperatives/%lld/path?saved=1", (long long)coop), 0))
		wh_path_page(rq, rs, coop, text, &err, false);
}

const route web_hosp_path_routes[] = {
	{HTTP_GET, "/cooperatives/{id}/path", web_path, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/cooperatives/{id}/path", web_path_post, ROUTE_PAGE | ROUTE_AUTH},
	{0, NULL, NULL, 0},
};
