/* page.c — layout, forms and error pages (see page.h). */
#include "web/page.h"
#include "auth/account.h"
#include "auth/secret.h"
#include "core/i18n.h"
#include "web/web_network.h"
#include "web/widgets.h"
#include <assert.h>
#include <stdlib.h>
#include <string.h>

/* The token an anonymous form carries: the double-submit cookie's value,
 * created on first need. */
static const char *page_anonymous_csrf(request *rq, response *rs)
{
	const char *c = rq_cookie(rq, HTTP_CSRF_COOKIE);
	if (c && strlen(c) >= 32 && strlen(c) < SECRET_MAX_LEN)
		return c;
	char *fresh = arena_alloc(&rq->arena, SECRET_MAX_LEN);
	secret_new(NULL, fresh, SECRET_MAX_LEN);
	rs_cookie(rq, rs, HTTP_CSRF_COOKIE, fresh, 86400, true);
	return fresh;
}

/* The one place a face's writer is made from the response's body. */
html *page_html(response *rs)
{
	return html_of(&rs->body);
}

void page_csrf_field(request *rq, response *rs)
{
	const char *token = rq->auth == AUTH_SESSION ? rq->csrf : page_anonymous_csrf(rq, rs);
	h_printf(page_html(rs), "<input type=\"hidden\" name=\"csrf_token\" value=\"%s\">", token);
}

/* Whether the visitor of rq sees a menu entry meant for who. */
static bool page_menu_shown(const request *rq, page_menu_who who)
{
	switch (who) {
	case PAGE_MENU_EVERYONE:
		return true;
	case PAGE_MENU_MEMBER:
		return rq->person_id != 0;
	case PAGE_MENU_ANONYMOUS:
		return rq->person_id == 0;
	}
	assert(!"page_menu_who out of range");
	return false;
}

/* The menu's list: the entries of cli/routes.c's table the visitor sees,
 * then the log-out button (a POST form) and the switch to the other
 * language (it keeps the page's query: a search, a page number). */
static void page_menu_list(request *rq, response *rs)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
	h_printf(b, "<ul>");
	for (const page_menu_entry *e = page_menu; e->path; e++) {
		assert(e->msgid);
		if (page_menu_shown(rq, e->who))
			h_printf(b, "<li><a href=\"%s\">%s</a></li>", e->path, tr(L, e->msgid));
	}
	if (rq->person_id) {
		h_printf(b, "<li><form method=\"post\" action=\"/logout\" class=\"inline\">");
		page_csrf_field(rq, rs);
		h_printf(b, "<button type=\"submit\" class=\"link\">%s</button></form></li>",
			 tr(L, "Log out"));
	}
	const char *other = strcmp(L, "en") == 0 ? "fr" : "en";
	h_printf(b, "<li><a href=\"%s?%slang=%s\" lang=\"%s\" hreflang=\"%s\">%s</a></li>",
		 rq->path, rq_query_without(rq, "lang"), other, other, other, strcmp(other, "fr") == 0 ? "Français" : "English");
	h_printf(b, "</ul>");
}

void page_begin(request *rq, response *rs, const char *title)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
	rs->content_type = "text/html; charset=utf-8";
	if (rq_query(rq, "lang") && i18n_supported(rq_query(rq, "lang")))
		rs_cookie(rq, rs, HTTP_LANG_COOKIE, rq->lang, 365 * 86400, false);
	h_printf(b, "<!doctype html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
		    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
		    "<title>%s — Bigre</title>"
		    "<link rel=\"stylesheet\" href=\"%s\">"
		    "<link rel=\"icon\" href=\"%s\" type=\"image/svg+xml\">"
		    "</head><body>",
		 L, title, rq_asset_url(rq, "bigre.css"), rq_asset_url(rq, "favicon.svg"));
	h_printf(b, "<a class=\"skip\" href=\"#main\">%s</a>", tr(L, "Skip to content"));
	h_printf(b, "<header class=\"site\"><a class=\"brand\" href=\"/\">"
		    "<span class=\"logo\" aria-hidden=\"true\">B!</span> Bigre</a>");
	/* the menu twice: the plain list on a wide screen, folded in a
	 * <details> on a phone; the stylesheet shows one (display: none takes
	 * the other out of the accessibility tree), no JavaScript needed */
	h_printf(b, "<nav class=\"menu-wide\" aria-label=\"%s\">", tr(L, "Main menu"));
	page_menu_list(rq, rs);
	h_printf(b, "</nav><details class=\"menu-narrow\"><summary>%s</summary>"
		    "<nav aria-label=\"%s\">", tr(L, "Menu"), tr(L, "Main menu"));
	page_menu_list(rq, rs);
	h_printf(b, "</nav></details></header><main id=\"main\" tabindex=\"-1\">");
}

void page_end(request *rq, response *rs)
{
	h_printf(page_html(rs), "</main><footer class=\"site\"><p>%s</p></footer></body></html>\n",
		 tr(rq->lang, "Bigre — the work mutual of worker cooperatives"));
}

/* The labelled input of page_input and page_input_optional. */
static void page_input_field(request *rq, response *rs, const char *name, const char *label,
			     const char *type, const char *value, const char *autocomplete,
			     bool required, const bg_error *err)
{
	widget w = {.name = name, .label = label, .value = value, .required = required, .err = err,
		    .autocomplete = autocomplete ? autocomplete : "off"};
	widget_input(rq, rs, type, &w);
}

void page_input(request *rq, response *rs, const char *name, const char *label,
		const char *type, const char *value, const char *autocomplete,
		const bg_error *err)
{
	page_input_field(rq, rs, name, label, type, value, autocomplete, true, err);
}

void page_input_optional(request *rq, response *rs, const char *name, const char *label,
			 const char *type, const char *value, const char *autocomplete,
			 const bg_error *err)
{
	page_input_field(rq, rs, name, label, type, value, autocomplete, false, err);
}

void page_error_summary(request *rq, response *rs, const bg_error *err)
{
	if (!err || !err->msgid)
		return;
	h_printf(page_html(rs), "<div class=\"alert\" role=\"alert\"><p>%s</p></div>",
		 tr(rq->lang, err->msgid));
}

void page_error(request *rq, response *rs, const bg_error *err)
{
	h_clear(page_html(rs));
	rs->status = bg_status_http(err->status);
	const char *title = rs->status == 404 ? tr(rq->lang, "Page not found")
			    : rs->status == 403 ? tr(rq->lang, "Not allowed")
			    : rs->status < 500   ? tr(rq->lang, "Request refused")
						 : tr(rq->lang, "Something went wrong");
	page_begin(rq, rs, title);
	h_printf(page_html(rs), "<h1>%s</h1><p>%s</p><p><a href=\"/\">%s</a></p>", title,
		 tr(rq->lang, err->msgid ? err->msgid : N_("An error occurred.")),
		 tr(rq->lang, "Back to the home page"));
	page_end(rq, rs);
}

void page_fail(request *rq, response *rs, const bg_error *err)
{
	if (rq->db)
		db_rollback(rq->db);
	page_error(rq, rs, err);
}

/* Opens the write transaction of a page's POST unless checked failed
 * (see page.h). */
bg_status web_begin(request *rq, bg_status checked, bg_error *err)
{
	return checked == BG_OK ? db_begin(rq->db, DB_WRITE, err) : checked;
}

/* Ends a page's writing POST (see page.h): true, status 422, when the
 * caller must write the form again with err. */
bool web_finish(request *rq, response *rs, bg_status st, bg_error *err, const char *to, unsigned flags)
{
	assert(to && to[0] == '/');
	if (st == BG_OK && db_commit(rq->db, err) == BG_OK) {
		if (flags & WEB_MAIL)
			rq_kick_mailer(rq);
		rs_redirect(rq, rs, to);
		return false;
	}
	db_rollback(rq->db);
	bool refused = (flags & WEB_REFUSED_FORM) && err->status == BG_ERR_FORBIDDEN;
	/* what the person can mend on the form: wrong input, a rule that
	 * refuses it (outside the opening hours, over a quota), a file too
	 * large, a clash with the current state */
	bool mendable = err->status == BG_ERR_INVALID || err->status == BG_ERR_UNPROCESSABLE ||
			err->status == BG_ERR_TOO_LARGE || err->status == BG_ERR_CONFLICT;
	if ((flags & WEB_BUTTON) || (!mendable && !refused)) {
		page_error(rq, rs, err);
		return false;
	}
	rs->status = refused ? 403 : (flags & WEB_409) && err->status == BG_ERR_CONFLICT ? 409 : 422;
	return true;
}

/* The POST's form, or NULL with its error page (see page.h). */
const form *page_form(request *rq, response *rs)
{
	bg_error err;
	const form *f = rq_form(rq, &err);
	if (!f)
		page_fail(rq, rs, &err);
	return f;
}

int page_number(request *rq)
{
	return page_number_of(rq, "page");
}

int page_number_of(request *rq, const char *name)
{
	const char *v = rq_query(rq, name);
	long n = v ? strtol(v, NULL, 10) : 1;
	return n >= 1 && n <= 100000 ? (int)n : 1;
}

void page_pager(request *rq, response *rs, const char *path, const char *query, int page, int64_t total,
		int per_page)
{
	page_pager_of(rq, rs, path, query, "page", page, total, per_page);
}

void page_pager_of(request *rq, response *rs, const char *path, const char *query, const char *name, int page,
		   int64_t total, int per_page)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
	int64_t pages = (total + per_page - 1) / per_page;
	if (pages <= 1)
		return;
	h_printf(b, "<nav class=\"pager\" aria-label=\"%s\"><ul>", tr(L, "Pages"));
	if (page > 1)
		h_printf(b, "<li><a rel=\"prev\" href=\"%s?%s%s=%d\">%s</a></li>", path, query, name, page - 1,
			 tr(L, "Previous page"));
	h_printf(b, "<li aria-current=\"page\">");
	h_textf(b, tr(L, "Page %s of %s"), web_net_int(rq, page), web_net_int(rq, pages));
	h_printf(b, "</li>");
	if (page < pages)
		h_printf(b, "<li><a rel=\"next\" href=\"%s?%s%s=%d\">%s</a></li>", path, query, name, page + 1,
			 tr(L, "Next page"));
	h_printf(b, "</ul></nav>");
}
