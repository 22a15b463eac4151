/* web_economy.h — the economy's pages (web_economy.c for members and the
 * accountants' queues, web_economy_admin.c for the accountants' and
 * administrators' tools), and the helpers both files share. */
#ifndef BG_WEB_ECONOMY_H
#define BG_WEB_ECONOMY_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "auth/authz.h"
#include "http/http.h"

extern const route web_economy_routes[];
extern const route web_economy_admin_routes[];

/* Cents formatted for the page's language (in the request's arena). */
const char *eco_money(request *rq, int64_t cents);
/* The translated word for a status or kind ("draft", "closed" …). */
const char *eco_word(request *rq, const char *w);
/* A labelled input with its error next to it; required adds the attribute. */
void eco_input(request *rq, response *rs, const char *name, const char *label, const char *type,
	       const char *value, bool required, const bg_error *err);
/* A labelled select of n (value, msgid) options with its error next to it. */
void eco_select(request *rq, response *rs, const char *name, const char *label, const char *const (*opts)[2],
		size_t n, const char *value, const bg_error *err);
/* Shows a form again (its id, the error to show next to its field). */
typedef void (*web_form_fn)(request *rq, response *rs, int64_t id, const bg_error *err);
/* The end of a writing POST: commit and redirect to "<prefix><target>", or
 * roll back and show the form again (422) on a field error. */
void web_finish(request *rq, response *rs, bg_status st, bg_error *err, const char *prefix, int64_t target,
		web_form_fn again, int64_t form_id);
/* The ?cooperative_id= of the request, when actor may do action there
 * (otherwise an error page is rendered and false returned). */
bool web_coop(request *rq, response *rs, authz_action action, int64_t *coop);
/* Adds from's errors to `to`, naming line k of the domain's input
 * ("lines[k].x") by the form's line index[k] (n lines): a form skips its
 * empty lines, so its third line may be the domain's second. */
void eco_fields_take(bg_field_errors *to, const bg_field_errors *from, const int *index, size_t n);
/* The document forms (web_economy_forms.c): GET and POST of
 * /economy/activities/{id}/invoices/new and …/quotes/new, and of
 * …/expenses/new. */
void web_invoice_new(request *rq, response *rs);
void web_invoice_post(request *rq, response *rs);
void web_expense_new(request *rq, response *rs);
void web_expense_post(request *rq, response *rs);
/* The posted entries of a cooperative (ref: of one document; NULL: all). */
void web_entries_of(request *rq, response *rs, const char *ref, int64_t coop, int limit, int64_t offset);

#endif
