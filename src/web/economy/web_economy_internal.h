/*
 * web_economy_internal.h — what the files of src/web/economy share (not
 * for other faces: their public header is web/web_economy.h).
 *
 * The economy's pages, in French and English, split by resource: home
 * (my activities), activities, clients, documents (quotes, invoices,
 * credit notes, payments), expenses (and receipts), validation (the
 * accountants' queue), ledger (journals, balances, manual entries,
 * reversal, closing) and settings (economic settings, chart of accounts);
 * helpers.c holds what they share.  Each file keeps its handlers static
 * and exports its own route table, listed in src/cli/routes.c.
 *
 * Handlers are thin: parse the form, one transaction around the domain
 * call (src/economy/), redirect on success (POST/redirect/GET); on an
 * error the form comes back with status 422 and the message next to the
 * field.  No state changes on GET.  Amounts typed by people ("1 234,50")
 * go through money_parse() or money_field_read(); quantities allow 3
 * decimals.
 */
#ifndef BG_WEB_ECONOMY_INTERNAL_H
#define BG_WEB_ECONOMY_INTERNAL_H
#include "auth/account.h"
#include "auth/authz.h"
#include "core/date.h"
#include "core/i18n.h"
#include "core/money.h"
#include "core/tz.h"
#include "economy/economy.h"
#include "economy/ledger.h"
#include "http/multipart.h"
#include "web/page.h"
#include "web/widgets.h"
#include "web/web_economy.h"
#include "web/web_network.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Shows a form again (its id, the error to show next to its field). */
typedef void (*web_eco_form_fn)(request *rq, response *rs, int64_t id, const bg_error *err);

/* helpers.c */
/* Formats cents for the page's language into the request's arena. */
const char *web_eco_money(request *rq, int64_t cents);
/* The translated name of a document status or kind. */
const char *web_eco_word(request *rq, const char *w);
/* A labelled input with its error next to it; required or not. */
void web_eco_input(request *rq, response *rs, const char *name, const char *label, const char *type,
		   const char *value, bool required, const bg_error *err);
/* A labelled select of n (value, msgid) options with its error next to it. */
void web_eco_select(request *rq, response *rs, const char *name, const char *label, const char *const (*opts)[2],
		size_t n, const char *value, const bg_error *err);
/* Links to the receipts of an expense report's lines ("—" when none). */
void web_eco_receipt_links(request *rq, html *b, const expense_view *e);
/* The end of every creating POST: on success, commit and redirect to
 * "<prefix><target id>"; on a field error, roll back and show the form
 * again (422) with the message next to the field; otherwise an error page. */
void web_eco_finish(request *rq, response *rs, bg_status st, bg_error *err, const char *prefix,
		    int64_t target, web_eco_form_fn again, int64_t form_id);
/* The cooperative of ?cooperative_id= that the person keeps the books of. */
bool web_eco_coop(request *rq, response *rs, authz_action action, int64_t *coop);
/* The form of a POST to a cooperative's accounting page and that
 * cooperative (web_eco_coop); NULL, the error page written, when either
 * cannot be had. */
const form *web_eco_coop_form(request *rq, response *rs, authz_action action, int64_t *coop);
/* The heading of an accounting page: a link back, the title, the
 * cooperative's name; false (the error page rendered) when the name
 * cannot be read. */
bool web_eco_heading(request *rq, response *rs, int64_t coop, const char *title);
/* Today as YYYY-MM-DD (UTC), in the request's arena. */
const char *web_eco_today(request *rq);
/* The value to show in a field: what was typed when the form comes back,
 * otherwise the stored one. */
const char *web_eco_value(const form *f, const char *name, const char *stored);
/* Basis points as a percentage typed by people ("12", "10,5"). */
const char *web_eco_percent(request *rq, int64_t bp);
/* A typed percentage ("12", "10,5", at most 2 decimals) into basis points. */
bool web_eco_parse_percent(const char *s, int64_t *bp);
/* A typed amount in euros into cents; empty is 0. */
bool web_eco_parse_euros(const char *s, int64_t *cents);
void web_eco_fields_take(bg_field_errors *to, const bg_field_errors *from, const int *index, size_t n);

/* activities.c */
/* The activity page, with the client form (and its error, if any). */
void web_eco_activity_page(request *rq, response *rs, int64_t id, const bg_error *ferr);

/* clients.c */
/* The fields of a client's form (adding one, editing one): what was typed
 * (f) when the form comes back, else the client's values (c, or empty). */
void web_eco_client_fields(request *rq, response *rs, const form *f, const client_row *c, const bg_error *ferr);

/* ledger.c */
/* A table of ledger lines (ledger_lines_page), each entry's heading row
 * (a link to it) before its first line. */
void web_eco_entries_table(request *rq, response *rs, const ledger_line_row *v, size_t n);

#endif
