/* sales_check.h — the checks of a sales document's input shared by
 * sales.c and sales_check.c (the public ones are in economy.h). */
#ifndef BG_SALES_CHECK_H
#define BG_SALES_CHECK_H
#include "economy/economy.h"

/* Adds every field error of a document's lines and content (client of
 * activity a, dates, texts, VAT mention) to fe and computes its totals
 * (right only when fe stays empty); returns only a database failure. */
bg_status sales_content_fields(db *d, const activity *a, const sales_doc_in *in, sales_totals *t,
			       bg_field_errors *fe, bg_error *err);
/* The ways a payment is made, as stored ("transfer" …). */
extern const char *const sales_payment_methods[4];

#endif
