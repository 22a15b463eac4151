/* api_economy_input.h — the readers of the economy's JSON bodies
 * (api_economy_input.c), shared by the handlers of api_economy.c. */
#ifndef BG_API_ECONOMY_INPUT_H
#define BG_API_ECONOMY_INPUT_H
#include "core/err.h"
#include "economy/economy.h"
#include "economy/ledger.h"
#include <jansson.h>

/* Each reader reads every field and adds each wrong one's error to fe,
 * named as the body names it ("lines[2].unit_price_cents"). */

/* Adds a failed read's error (st, e) to fe under the name of field f (of
 * element list[i] when list is not NULL); true when the field was read. */
bool eco_kept(bg_field_errors *fe, bg_status st, const bg_error *e, const char *list, size_t i,
	      const char *f);
/* Integer f of o (element list[i], or the body when list is NULL). */
bool eco_int(bg_field_errors *fe, json_t *o, const char *list, size_t i, const char *f, bool req,
	     int64_t *out);
/* String f of o, of at most max bytes. */
bool eco_string(bg_field_errors *fe, json_t *o, const char *list, size_t i, const char *f, bool req,
		size_t max, const char **out);
/* A quantity: an integer, or a string "2", "2.5", "0,125" (thousandths). */
void eco_quantity(json_t *v, const char *field, int64_t *milli, bg_field_errors *fe);
/* The "lines" array of a sales document (lines holds SALES_MAX_LINES). */
void eco_sales_lines(json_t *body, sales_line_in *lines, size_t *n, bg_field_errors *fe);
/* A sales document's content; false when its activity or client could not
 * be read (then its content cannot be checked). */
bool eco_doc_in(json_t *body, sales_doc_in *in, sales_line_in *lines, bg_field_errors *fe);
/* An expense report (lines holds EXPENSE_MAX_LINES); false when its
 * activity could not be read. */
bool eco_expense_in(json_t *body, expense_in *in, expense_line_in *lines, bg_field_errors *fe);
/* A payment (allocs holds PAYMENT_MAX_ALLOCATIONS; *n is 0 when the
 * allocations are not a list of at most that many: payment_check says so). */
void eco_payment_in(json_t *body, const char **date, const char **method, const char **ref,
		    payment_alloc *allocs, size_t *n, bg_field_errors *fe);
/* The most lines a manual entry of the API has. */
#define LEDGER_MAX_LINES 100
/* A manual entry (lines holds LEDGER_MAX_LINES); false when its
 * cooperative could not be read. */
bool eco_ledger_in(json_t *body, ledger_entry_in *in, ledger_line *lines, bg_field_errors *fe);
/* A manual entry's check errors into fe, named as the body names them. */
void eco_ledger_fields_take(bg_field_errors *fe, const bg_field_errors *checked);

#endif
