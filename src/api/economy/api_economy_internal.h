/*
 * api_economy_internal.h — what the files of src/api/economy share (not
 * for other faces; the tables are declared in api/api_economy.h).
 *
 * The JSON face of the economy (issue 5), split by resource: activities,
 * clients, quotes, invoices, credit notes, payments, receipts, expenses,
 * and the ledger (entries, balances, accounts, closing).  See docs/api.md.
 *
 * Every handler is one api_run() (api/api.h): the skeleton parses the
 * body, opens the transaction, runs the handler's operation (the body's
 * fields → the domain call → the answer rendered inside the transaction),
 * commits or answers the error.  Every POST that moves money or creates a
 * record (activities, clients, documents, validation, credit notes,
 * payments, receipts, expenses and their steps, manual entries and their
 * reversal) is API_IDEMPOTENT: an `Idempotency-Key` replays the first
 * answer and writes nothing (docs/api.md).
 *
 * Lists show what the caller may see: the activities they are a member of,
 * and all activities of the cooperatives where they are accountant,
 * accompanist or administrator (the rule of activity_access(), expressed in
 * SQL as ECONOMY_VISIBLE_SQL inside the domain's list readers, so that lists
 * need no per-row check).  No SQL here: every read goes through a function
 * of src/economy/ that takes the caller and decides, and fills structs in
 * the request arena; these files only render them.
 */
#ifndef BG_API_ECONOMY_INTERNAL_H
#define BG_API_ECONOMY_INTERNAL_H
#include "api/api.h"
#include "api/api_economy.h"
#include "auth/authz.h"
#include "core/date.h"
#include "core/tz.h"
#include "core/money.h"
#include "economy/economy.h"
#include "economy/ledger.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* helpers.c */
/* Query-string integer (0 when absent or not a positive integer). */
int64_t api_eco_query_id(request *rq, const char *name);
void api_eco_str(buf *b, const char *name, const char *v, bool comma);
/* ,"name":"v" when v says something; nothing at all for NULL or "" (an
 * optional field is absent, never an empty string: docs/api.md). */
void api_eco_str_opt(buf *b, const char *name, const char *v);
/* A document with its lines and VAT per rate ("null" when it cannot be read). */
void api_eco_document_json(request *rq, buf *b, int64_t id);

/* documents.c */
/* The optional "date" of r's body (API_BODY_OPT: none, NULL). */
bg_status api_eco_date(api_req *r, const char **date, bg_error *err) BG_MUST_CHECK;

/* ledger.c */
/* The cooperative named by ?cooperative_id=, which the caller may read. */
bg_status api_eco_ledger_coop(request *rq, int64_t *coop, bg_error *err) BG_MUST_CHECK;

/* The JSON bodies' readers (input.c). */
/* Each reader reads every field and adds each wrong one's error to fe,
 * named as the body names it ("lines[2].unit_price_cents"). */

/* Adds a failed read's error (st, e) to fe under the name of field f (of
 * element list[i] when list is not NULL); true when the field was read. */
bool api_eco_kept(bg_field_errors *fe, bg_status st, const bg_error *e, const char *list, size_t i,
		  const char *f);
/* Integer f of o (element list[i], or the body when list is NULL). */
bool api_eco_int(bg_field_errors *fe, json_t *o, const char *list, size_t i, const char *f, bool req,
		 int64_t *out);
/* String f of o, of at most max bytes. */
bool api_eco_string(bg_field_errors *fe, json_t *o, const char *list, size_t i, const char *f, bool req,
		    size_t max, const char **out);
/* A quantity: an integer, or a string "2", "2.5", "0,125" (thousandths). */
void api_eco_quantity(json_t *v, const char *field, int64_t *milli, bg_field_errors *fe);
/* The "lines" array of a sales document (lines holds SALES_MAX_LINES). */
void api_eco_sales_lines(json_t *body, sales_line_in *lines, size_t *n, bg_field_errors *fe);
/* A sales document's content; false when its activity or client could not
 * be read (then its content cannot be checked). */
bool api_eco_doc_in(json_t *body, sales_doc_in *in, sales_line_in *lines, bg_field_errors *fe);
/* An expense report (lines holds EXPENSE_MAX_LINES); false when its
 * activity could not be read. */
bool api_eco_expense_in(json_t *body, expense_in *in, expense_line_in *lines, bg_field_errors *fe);
/* A payment (allocs holds PAYMENT_MAX_ALLOCATIONS; *n is 0 when the
 * allocations are not a list of at most that many: payment_check says so). */
void api_eco_payment_in(json_t *body, const char **date, const char **method, const char **ref,
			payment_alloc *allocs, size_t *n, bg_field_errors *fe);
/* The most lines a manual entry of the API has. */
#define LEDGER_MAX_LINES 100
/* A manual entry (lines holds LEDGER_MAX_LINES); false when its
 * cooperative could not be read. */
bool api_eco_ledger_in(json_t *body, ledger_entry_in *in, ledger_line *lines, bg_field_errors *fe);
/* A manual entry's check errors into fe, named as the body names them. */
void api_eco_ledger_fields_take(bg_field_errors *fe, const bg_field_errors *checked);


#endif
