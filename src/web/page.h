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

#endif
