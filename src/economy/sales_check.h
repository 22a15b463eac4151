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
/* Adds every field error of a credit note on invoice invoice_id (issued
 * on invoice_date) to fe: its date, its amount, rate and description or
 * its lines given twice, its refund method; returns only a database
 * failure. */
bg_status sales_credit_fields(db *d, int64_t invoice_id, const char *invoice_date, const sales_credit_in *in,
			      const char *date, bg_field_errors *fe, bg_error *err);

#endif
