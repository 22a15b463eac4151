/*
 * page.h — the layout every page shares, forms, and error pages.
 *
 * A page handler writes:  page_begin(); …content with h_printf()…; page_end().
 * Forms call page_csrf_field() inside <form method="post">: with a session
 * it is the session's token; anonymous forms get a double-submit cookie.
 * Every visible string goes through tr(rq->lang, …).
 */
#ifndef BG_PAGE_H
#define BG_PAGE_H
#include "http/http.h"
#include "web/html.h"

/* The writer of rs's page (the only way a face reaches its body). */
html *page_html(response *rs);
void page_begin(request *rq, response *rs, const char *title);
void page_end(request *rq, response *rs);
void page_csrf_field(request *rq, response *rs);
/* A labelled input, with its error (if any) next to it, announced to screen
 * readers.  type: "text", "email", "password"…; value may be NULL. */
void page_input(request *rq, response *rs, const char *name, const char *label,
		const char *type, const char *value, const char *autocomplete,
		const bg_error *err);
/* The same input for a field that may be left empty (not `required`). */
void page_input_optional(request *rq, response *rs, const char *name, const char *label,
			 const char *type, const char *value, const char *autocomplete,
			 const bg_error *err);
/* A summary of the error at the top of a form (role=alert). */
void page_error_summary(request *rq, response *rs, const bg_error *err);
/* Renders err as a full page (404, 403 …); the server uses it for pages. */
void page_error(request *rq, response *rs, const bg_error *err);
/* Rolls back, then renders err as a page. */
void page_fail(request *rq, response *rs, const bg_error *err);
/* The POST's form; NULL, the error page written (400, 413 …), when it
 * cannot be read. */
const form *page_form(request *rq, response *rs);
/* The skeleton of every page's writing POST, as api_run is the JSON
 * face's, in two calls around the one domain operation:
 *
 *	bg_status st = web_begin(rq, checked, &err);
 *	if (st == BG_OK)
 *		st = domain_operation(rq->db, rq->person_id, …, &err);
 *	if (web_finish(rq, rs, st, &err, to, 0))
 *		the_form_again(rq, rs, …, &err);
 *
 * web_begin opens the write transaction unless the form's own checks
 * (checked) already failed; web_finish commits and redirects after POST
 * to `to` (its query carries the page's notice: "?saved=1"), or rolls
 * back and answers: the error page for what no form can mend (404, 403,
 * 500 …), or, returning true, 422 (409 for a clash with WEB_409) with the
 * caller to write the form again with every field's error — wrong input, a
 * rule that refuses it (BG_ERR_UNPROCESSABLE: outside the opening hours), a
 * file too large, a clash.  The operation stays a plain call in the
 * handler (its arguments are the handler's locals), not a callback. */
enum {
	WEB_MAIL = 1u, /* after the commit, wake the mailer */
	WEB_409 = 2u,  /* a conflict answers 409, not 422 (the hospitality's pages) */
	WEB_BUTTON = 4u, /* a button, no form to show again: every error is the error page */
	WEB_REFUSED_FORM = 8u, /* a refusal shows the form again too, 403: the hosts' dashboard,
				* whose forms serve some of a host's cooperatives and not others */
};
bg_status web_begin(request *rq, bg_status checked, bg_error *err);
bool web_finish(request *rq, response *rs, bg_status st, bg_error *err, const char *to, unsigned flags);
/* Paging of every list page: ?page= (1 when absent or not a number in
 * range), and the "previous / page N of M / next" links under the list;
 * query holds the other parameters, already encoded ("q=x&skill=y&"). */
int page_number(request *rq);
void page_pager(request *rq, response *rs, const char *path, const char *query, int page, int64_t total,
		int per_page);
/* The same for a page holding several paged lists, each with its own
 * parameter name ("sessions_page"); query then keeps the other lists'. */
int page_number_of(request *rq, const char *name);
void page_pager_of(request *rq, response *rs, const char *path, const char *query, const char *name, int page,
		   int64_t total, int per_page);

extern const route web_core_routes[];

/* The header menu: one entry per link, registered in cli/routes.c beside
 * the route tables (a new domain adds its page there, not in page.c).
 * msgid is translated when the menu is written (N_ in the table); who
 * says which visitors see the link.  The table ends with a NULL path.
 * The log-out button and the language switch are not entries: page.c
 * writes them after the table's links (a form, and a link built from the
 * request's path). */
typedef enum {
	PAGE_MENU_EVERYONE,  /* visitors and members */
	PAGE_MENU_MEMBER,    /* a logged-in person */
	PAGE_MENU_ANONYMOUS, /* a visitor not logged in (the log-in link) */
} page_menu_who;
typedef struct {
	const char *path;
	const char *msgid;
	page_menu_who who;
} page_menu_entry;
extern const page_menu_entry page_menu[];

#endif
