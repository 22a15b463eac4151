/*
 * money.h — amounts in integer cents, rates in basis points.
 *
 * No floating point ever touches an amount.  Amounts are int64_t cents and
 * are bounded by MONEY_MAX (10^13 cents, 100 billion euros) so that any sum
 * of a few million of them, and any product by a rate, fits in 64 bits.
 *
 * THE ROUNDING RULE (the only one in the program): when an amount must be
 * multiplied by a fraction — a rate in basis points (1/10000), a quantity
 * in thousandths — the exact result is rounded to the nearest cent, halves
 * away from zero ("arrondi commercial"): 0.5 cent → 1 cent, -0.5 → -1.
 * money_mul_div() implements it; everything else calls money_mul_div().
 */
#ifndef BG_MONEY_H
#define BG_MONEY_H
#include <stdbool.h>
#include <stdint.h>
#include "core/buf.h"
#include "core/err.h"

#define MONEY_MAX INT64_C(10000000000000) /* 10^13 cents */

/* Is |cents| within MONEY_MAX? */
bool money_in_range(int64_t cents);

/* round(a * num / den) with halves away from zero; den > 0.  Returns false
 * (and leaves *out alone) when the result would leave MONEY_MAX. */
bool money_mul_div(int64_t a, int64_t num, int64_t den, int64_t *out);

/* a * rate_bp / 10000, rounded by the rule above. */
bool money_apply_bp(int64_t a, int64_t rate_bp, int64_t *out);

/* Checked addition within MONEY_MAX. */
bool money_add(int64_t a, int64_t b, int64_t *out);

/* Parses "1234", "1234.5", "1234,56", "-12.30", "1 234,56" (spaces as
 * thousands separators) into cents.  More than two decimals, junk, or an
 * amount outside MONEY_MAX → false. */
bool money_parse(const char *s, int64_t *cents);
/* What money_parse made of a text: an amount, something that is no amount
 * ("abc", three decimals), or an amount past MONEY_MAX, so that a form
 * can say which. */
typedef enum money_reading { MONEY_READ, MONEY_NOT_AN_AMOUNT, MONEY_OUT_OF_RANGE } money_reading;
money_reading money_read(const char *s, int64_t *cents);

/* Where an amount of a form or of the API may be negative. */
typedef enum money_sign { MONEY_NOT_NEGATIVE, MONEY_ANY_SIGN } money_sign;
/* The one reader of an amount typed in a form field: fills *cents and
 * returns true, or adds the field's own error to fe and returns false —
 * "invalid_amount" (not an amount: "abc", three decimals),
 * "amount_too_large" (past MONEY_MAX) or "negative_amount" (below 0 where
 * sign forbids it), each with its own message.  An empty text is 0 when
 * optional, else "missing_field". */
bool money_field_read(bg_field_errors *fe, const char *field, const char *text, bool optional,
		      money_sign sign, int64_t *cents);
/* The same checks for an amount already in cents (the API's numbers):
 * too large or negative adds the field's error and returns false. */
bool money_field_check(bg_field_errors *fe, const char *field, int64_t cents, money_sign sign);

/* Appends the amount for a language: "fr" → "1 234,56 €" (narrow no-break
 * space U+202F between thousands, no-break space U+00A0 before €);
 * "en" → "€1,234.56". */
void money_format(buf *b, int64_t cents, const char *lang);

#endif
