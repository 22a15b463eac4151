/*
 * ledger_check.c — everything said about an entry before it is written
 * (ledger_entry_fields, see ledger.h): its journal, date, label and each
 * line, every field's error collected so that the manual entry form shows
 * them all at once; ledger_post refuses the first.
 */
#include "economy/ledger.h"
#include "economy/eco_internal.h"
#include "core/date.h"
#include "core/money.h"
#include <string.h>

/* The message of an amount out of range, or of a sum that would be. */
#define LEDGER_AMOUNT_MSG N_("Amounts are positive and at most 100 billion euros.")

/* Adds the error of field `what` of line i. */
static void ledger_line_error(bg_field_errors *fe, size_t i, const char *what, const char *code, const char *msgid)
{
	bg_field_error_add(fe, BG_ERR_INVALID, code, ledger_field_name("lines", i, what), msgid);
}

/* Checks line i of an entry of cooperative coop_id (its account and
 * activity in the database unless bulk), each error added to fe; returns
 * only a database failure. */
static bg_status ledger_line_fields(db *d, int64_t coop_id, bool bulk, const ledger_line *l, size_t i,
				    bg_field_errors *fe, bg_error *err)
{
	if (!money_in_range(l->debit) || !money_in_range(l->credit) || l->debit < 0 || l->credit < 0) {
		bool debit = l->debit < 0 || !money_in_range(l->debit);
		money_field_check(fe, ledger_field_name("lines", i, debit ? "debit" : "credit"), debit ? l->debit : l->credit,
				  MONEY_NOT_NEGATIVE);
	} else if ((l->debit > 0) == (l->credit > 0)) {
		ledger_line_error(fe, i, "debit", "one_sided_line", N_("A line has either a debit or a credit."));
	}
	bool ok = l->account != NULL;
	bg_status st = BG_OK;
	if (ok && !bulk)
		st = ledger_account_exists(d, coop_id, l->account, &ok, err);
	if (st == BG_OK && !ok)
		ledger_line_error(fe, i, "account", "unknown_account", N_("This account is not in the chart of accounts."));
	if (st != BG_OK || bulk || !l->activity_id)
		return st;
	int64_t one;
	st = db_scalar(d, err, &one, &ok, "SELECT 1 FROM activities WHERE id = ? AND cooperative_id = ?", "ii",
		       l->activity_id, coop_id);
	if (st == BG_OK && !ok)
		ledger_line_error(fe, i, "activity_id", "unknown_activity", N_("This activity does not exist."));
	return st;
}

bg_status ledger_entry_fields(db *d, const ledger_entry_in *in, int64_t *total, bg_field_errors *fe, bg_error *err)
{
	int y, m, dd;
	if (!ledger_journal_valid(in->journal))
		bg_field_error_add(fe, BG_ERR_INVALID, "invalid_journal", "journal", N_("The journal must be VT, AC, BQ or OD."));
	bool dated = in->date && date_parse(in->date, &y, &m, &dd);
	if (!dated)
		bg_field_error_add(fe, BG_ERR_INVALID, "invalid_date", "date",
				   N_("This date does not exist (expected YYYY-MM-DD)."));
	if (!in->label || !in->label[0] || strlen(in->label) > 300)
		bg_field_error_add(fe, BG_ERR_INVALID, "invalid_label", "label", N_("A label of 1 to 300 characters is required."));
	if (in->nlines < 2)
		bg_field_error_add(fe, BG_ERR_INVALID, "too_few_lines", "lines", N_("An entry has at least two lines."));
	int64_t debits = 0, credits = 0;
	bool sums = true;
	int before = fe->n;
	bg_status st = BG_OK;
	for (size_t i = 0; st == BG_OK && i < in->nlines; i++) {
		const ledger_line *l = &in->lines[i];
		st = ledger_line_fields(d, in->coop_id, in->bulk, l, i, fe, err);
		sums = sums && money_add(debits, l->debit, &debits) && money_add(credits, l->credit, &credits);
	}
	if (st != BG_OK)
		return st;
	if (!sums)
		bg_field_error_add(fe, BG_ERR_INVALID, "invalid_amount", "lines", LEDGER_AMOUNT_MSG);
	else if (fe->n == before && debits != credits)
		bg_field_error_add(fe, BG_ERR_INVALID, "unbalanced", "lines",
				   N_("The debits and the credits of an entry must be equal."));
	*total = debits;
	if (in->bulk || !dated)
		return BG_OK;
	int64_t one;
	bool closed = false;
	st = db_scalar(d, err, &one, &closed, "SELECT 1 FROM economy_settings WHERE cooperative_id = ?"
					      " AND closed_through IS NOT NULL AND ? <= closed_through", "is", in->coop_id, in->date);
	if (st == BG_OK && closed)
		bg_field_error_add(fe, BG_ERR_CONFLICT, "period_closed", "date",
				   N_("This period is closed: no entry can be dated in it."));
	return st;
}

void ledger_settings_fields(const economy_settings_in *in, bg_field_errors *fe)
{
	size_t vn = in->vat_number ? strlen(in->vat_number) : 0;
	if (vn && (vn < 4 || vn > 20))
		bg_field_error_add(fe, BG_ERR_INVALID, "invalid_vat_number", "vat_number",
				   N_("This VAT number is not valid (e.g. FR49448762526)."));
	if (in->rcs && strlen(in->rcs) > 100)
		bg_field_error_add(fe, BG_ERR_INVALID, "too_long", "rcs", N_("This field is too long."));
	if (in->capital_text && strlen(in->capital_text) > 100)
		bg_field_error_add(fe, BG_ERR_INVALID, "too_long", "capital_text", N_("This field is too long."));
	if (in->late_rate_bp < 0 || in->late_rate_bp > 100000)
		bg_field_error_add(fe, BG_ERR_INVALID, "invalid_rate", "late_rate_bp",
				   N_("A rate is between 0 and 100000 basis points."));
	money_field_check(fe, "self_validation_max", in->self_validation_max, MONEY_NOT_NEGATIVE);
	if (in->payment_terms_days < 0 || in->payment_terms_days > 60)
		bg_field_error_add(fe, BG_ERR_INVALID, "invalid_terms", "payment_terms_days",
				   N_("Payment terms are between 0 and 60 days."));
	if (in->contribution_bp < 0 || in->contribution_bp > 10000)
		bg_field_error_add(fe, BG_ERR_INVALID, "invalid_rate", "contribution_bp",
				   N_("A rate is between 0 and 10000 basis points."));
	if (in->doc_lang && in->doc_lang[0] && strcmp(in->doc_lang, "fr") && strcmp(in->doc_lang, "en"))
		bg_field_error_add(fe, BG_ERR_INVALID, "invalid_lang", "doc_lang", N_("The language is French or English."));
	if (in->km_rate_milli < 0 || in->km_rate_milli > 100000)
		bg_field_error_add(fe, BG_ERR_INVALID, "invalid_rate", "km_rate_milli",
				   N_("The mileage rate is between 0 and 100 € per km."));
}
