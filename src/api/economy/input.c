/*
 * economy/input.c — reading the economy's JSON bodies (declared in
 * api_economy_internal.h): every field is read, and every field's error is added to
 * a bg_field_errors, so that an answer names them all (error.fields).
 */
#include "api/economy/api_economy_internal.h"
#include "core/json.h"
#include "economy/economy.h"
#include "economy/ledger.h"
#include <stdio.h>
#include <string.h>

/* Parses a quantity: an integer, or a string "2", "2.5", "0,125" (at most
 * 3 decimals) into thousandths.  Reals are refused: amounts stay integers.
 * A wrong one adds its error to fe. */
void api_eco_quantity(json_t *v, const char *field, int64_t *milli, bg_field_errors *fe)
{
	int64_t q = json_is_integer(v) ? json_integer_value(v) : 0;
	if (json_is_integer(v) && q > 0 && q <= INT64_C(1000000000))
		*milli = q * 1000;
	else if (json_is_integer(v) || !json_is_string(v) || !sales_parse_quantity(json_string_value(v), milli))
		bg_field_error_add(fe, BG_ERR_INVALID, v ? "invalid_quantity" : "missing_field", field,
				   N_("A quantity is positive, with at most 3 decimals."));
}

/* Adds a failed read's error (st, e) to fe under the name of field f (of
 * element list[i] when list is not NULL); true when the field was read. */
bool api_eco_kept(bg_field_errors *fe, bg_status st, const bg_error *e, const char *list, size_t i,
		  const char *f)
{
	if (st != BG_OK)
		bg_field_error_add(fe, st, e->code, list ? ledger_field_name(list, i, f) : f, e->msgid);
	return st == BG_OK;
}

/* Reads integer f of o (element list[i], or the body when list is NULL),
 * adding its error to fe: every field is read, each error kept. */
bool api_eco_int(bg_field_errors *fe, json_t *o, const char *list, size_t i, const char *f, bool req,
		 int64_t *out)
{
	bg_error e;
	return api_eco_kept(fe, json_get_int(o, f, req, out, &e), &e, list, i, f);
}

/* api_eco_int() for strings of at most max bytes. */
bool api_eco_string(bg_field_errors *fe, json_t *o, const char *list, size_t i, const char *f, bool req,
		    size_t max, const char **out)
{
	bg_error e;
	return api_eco_kept(fe, json_get_string(o, f, req, max, out, &e), &e, list, i, f);
}

/* The "lines" array of a sales document, every field's error added to fe. */
void api_eco_sales_lines(json_t *body, sales_line_in *lines, size_t *n, bg_field_errors *fe)
{
	json_t *arr = json_object_get(body, "lines");
	*n = json_is_array(arr) ? json_array_size(arr) : 0;
	if (*n == 0 || *n > SALES_MAX_LINES) {
		*n = 0;
		bg_field_error_add(fe, BG_ERR_INVALID, "invalid_lines", "lines", N_("A document has 1 to 200 lines."));
	}
	for (size_t i = 0; i < *n; i++) {
		json_t *o = json_array_get(arr, i);
		sales_line_in *l = &lines[i];
		*l = (sales_line_in){.quantity_milli = 1000, .vat_bp = 2000};
		if (!json_is_object(o)) {
			bg_field_error_add(fe, BG_ERR_INVALID, "invalid_lines", ledger_field_name("lines", i, "description"),
					   N_("A document has 1 to 200 lines."));
			continue;
		}
		api_eco_string(fe, o, "lines", i, "description", true, 5000, &l->description);
		api_eco_quantity(json_object_get(o, "quantity"), ledger_field_name("lines", i, "quantity"), &l->quantity_milli, fe);
		api_eco_int(fe, o, "lines", i, "unit_price_cents", true, &l->unit_cents);
		api_eco_int(fe, o, "lines", i, "vat_bp", false, &l->vat_bp);
		api_eco_int(fe, o, "lines", i, "discount_bp", false, &l->discount_bp);
		bg_error e;
		api_eco_kept(fe, json_get_bool(o, "goods", false, &l->goods, &e), &e, "lines", i, "goods");
	}
}

/* Reads a document's content from a JSON body, every field's error added
 * to fe; false when the activity or client could not be read (no check of
 * the content can be made then). */
bool api_eco_doc_in(json_t *body, sales_doc_in *in, sales_line_in *lines, bg_field_errors *fe)
{
	bool ids = api_eco_int(fe, body, NULL, 0, "activity_id", in->kind != NULL, &in->activity_id);
	ids &= api_eco_int(fe, body, NULL, 0, "client_id", true, &in->client_id);
	api_eco_string(fe, body, NULL, 0, "issue_date", false, 10, &in->issue_date);
	api_eco_string(fe, body, NULL, 0, "supply_date", false, 10, &in->supply_date);
	api_eco_string(fe, body, NULL, 0, "title", false, 300, &in->title);
	api_eco_string(fe, body, NULL, 0, "notes", false, 20000, &in->notes);
	api_eco_string(fe, body, NULL, 0, "vat_mention", false, 300, &in->vat_mention);
	api_eco_sales_lines(body, lines, &in->nlines, fe);
	in->lines = lines;
	return ids;
}


/* Reads an expense report (kind, title, supplier, its lines) from a JSON
 * body, every field's error added to fe; false when its activity could not
 * be read. */
bool api_eco_expense_in(json_t *body, expense_in *in, expense_line_in *lines, bg_field_errors *fe)
{
	bool act = api_eco_int(fe, body, NULL, 0, "activity_id", true, &in->activity_id);
	api_eco_string(fe, body, NULL, 0, "kind", false, 20, &in->kind);
	api_eco_string(fe, body, NULL, 0, "title", true, 300, &in->title);
	api_eco_string(fe, body, NULL, 0, "supplier", false, 200, &in->supplier);
	api_eco_string(fe, body, NULL, 0, "supplier_ref", false, 100, &in->supplier_ref);
	json_t *arr = json_object_get(body, "lines");
	size_t n = json_is_array(arr) ? json_array_size(arr) : 0;
	if (n == 0 || n > EXPENSE_MAX_LINES) {
		n = 0;
		bg_field_error_add(fe, BG_ERR_INVALID, "invalid_lines", "lines", N_("An expense has 1 to 100 lines."));
	}
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_array_get(arr, i);
		expense_line_in *l = &lines[i];
		*l = (expense_line_in){0};
		api_eco_string(fe, o, "lines", i, "date", true, 10, &l->date);
		api_eco_string(fe, o, "lines", i, "category", true, 40, &l->category);
		api_eco_string(fe, o, "lines", i, "description", false, 1000, &l->description);
		api_eco_int(fe, o, "lines", i, "amount_cents", false, &l->amount_ttc);
		api_eco_int(fe, o, "lines", i, "vat_cents", false, &l->vat);
		api_eco_int(fe, o, "lines", i, "km", false, &l->km);
		api_eco_int(fe, o, "lines", i, "receipt_id", false, &l->receipt_id);
	}
	in->lines = lines;
	in->nlines = n;
	return act;
}

/* Reads a payment (date, method, reference, its allocations) from a JSON
 * body, every field's error added to fe. */
void api_eco_payment_in(json_t *body, const char **date, const char **method, const char **ref,
			payment_alloc *allocs, size_t *n, bg_field_errors *fe)
{
	api_eco_string(fe, body, NULL, 0, "date", true, 10, date);
	api_eco_string(fe, body, NULL, 0, "method", true, 20, method);
	api_eco_string(fe, body, NULL, 0, "reference", false, 200, ref);
	json_t *arr = json_object_get(body, "allocations");
	*n = json_is_array(arr) && json_array_size(arr) <= PAYMENT_MAX_ALLOCATIONS ? json_array_size(arr) : 0;
	for (size_t i = 0; i < *n; i++) {
		json_t *o = json_array_get(arr, i);
		allocs[i] = (payment_alloc){0, 0};
		api_eco_int(fe, o, "allocations", i, "invoice_id", true, &allocs[i].document_id);
		api_eco_int(fe, o, "allocations", i, "amount_cents", true, &allocs[i].amount);
	}
}

/* Reads a manual entry (cooperative, journal, date, label, its lines)
 * from a JSON body, every field's error added to fe; false when its
 * cooperative could not be read. */
bool api_eco_ledger_in(json_t *body, ledger_entry_in *in, ledger_line *lines, bg_field_errors *fe)
{
	bool coop = api_eco_int(fe, body, NULL, 0, "cooperative_id", true, &in->coop_id);
	api_eco_string(fe, body, NULL, 0, "journal", true, 2, &in->journal);
	api_eco_string(fe, body, NULL, 0, "date", true, 10, &in->date);
	api_eco_string(fe, body, NULL, 0, "label", true, 300, &in->label);
	api_eco_string(fe, body, NULL, 0, "doc_ref", false, 100, &in->doc_ref);
	json_t *arr = json_object_get(body, "lines");
	size_t n = json_is_array(arr) ? json_array_size(arr) : 0;
	if (n < 2 || n > LEDGER_MAX_LINES) {
		n = 0;
		bg_field_error_add(fe, BG_ERR_INVALID, "too_few_lines", "lines", N_("An entry has at least two lines."));
	}
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_array_get(arr, i);
		ledger_line *l = &lines[i];
		memset(l, 0, sizeof *l);
		api_eco_string(fe, o, "lines", i, "account", true, 10, &l->account);
		api_eco_int(fe, o, "lines", i, "activity_id", false, &l->activity_id);
		api_eco_int(fe, o, "lines", i, "debit_cents", false, &l->debit);
		api_eco_int(fe, o, "lines", i, "credit_cents", false, &l->credit);
		api_eco_string(fe, o, "lines", i, "label", false, 300, &l->label);
	}
	in->lines = lines;
	in->nlines = n;
	return coop;
}

/* Adds the errors of a manual entry's check to fe, its lines' "debit" and
 * "credit" named as the body names them ("lines[1].debit_cents"). */
void api_eco_ledger_fields_take(bg_field_errors *fe, const bg_field_errors *checked)
{
	for (int k = 0; k < checked->n; k++) {
		char name[BG_FIELD_NAME_MAX];
		const bg_error *e = &checked->items[k];
		bool side = strstr(e->field, "].debit") || strstr(e->field, "].credit");
		snprintf(name, sizeof name, "%s%s", e->field, side ? "_cents" : "");
		bg_field_error_add(fe, e->status, e->code, name, e->msgid);
	}
}
