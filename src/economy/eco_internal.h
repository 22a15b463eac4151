/*
 * eco_internal.h — what the files of src/economy/ share, and nothing
 * outside them includes: the unchecked loaders (a checked `_get` or list
 * in economy.h/ledger.h takes the acting person and decides; its `_load`
 * here reads for domain code that has already decided), and the SQL
 * condition of the economy's lists.
 */
#ifndef BG_ECO_INTERNAL_H
#define BG_ECO_INTERNAL_H
#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "economy/economy.h"
#include "economy/ledger.h"
#include "core/buf.h"

/* The rule of activity_access() as SQL, for lists: is activity "a" visible
 * to the person bound as ?1 — a member of it who may AUTHZ_ECONOMY_USE in
 * its cooperative, or allowed AUTHZ_ECONOMY_READ there?  Both conditions
 * are the rule table's (authz_rules, see authz.h); the query names no role. */
#define ECONOMY_VISIBLE_SQL                                                                        \
	"(a.id IN (SELECT m.activity_id FROM activity_members m WHERE m.person_id = ?1 AND "           \
	AUTHZ_SQL_ALLOWED(ECONOMY_USE, "m.person_id", "a.cooperative_id", "NULL") ") OR "             \
	AUTHZ_SQL_ALLOWED(ECONOMY_READ, "?1", "a.cooperative_id", "NULL") ")"

/* --- sales_check.c (the public checks are in economy.h) --- */
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

/* --- pdf.c --- */
/* Renders sales document id into out (appended), in lang, or when lang
 * is NULL in the document's language: the client's (clients.lang), else
 * the cooperative's (economy_settings.doc_lang), else French. */
bg_status pdf_render_document(db *d, int64_t id, const char *lang, buf *out, bg_error *err);

/* --- ledger.c --- */
/* Does the account exist, active, in the cooperative's chart? */
bg_status ledger_account_exists(db *d, int64_t coop_id, const char *number, bool *exists,
				bg_error *err) BG_MUST_CHECK;

/* --- expense.c --- */
/* The activity of an expense report (0 when there is no such report). */
int64_t expense_activity_id(db *d, int64_t id);
/* expense_view_get without the rights check. */
bg_status expense_view_load(db *d, arena *a, int64_t id, expense_view *out, bg_error *err) BG_MUST_CHECK;

/* --- sales_view.c --- */
/* sales_document_view_get without the rights check (sales_pdf has decided). */
bg_status sales_document_view_load(db *d, arena *a, int64_t id, sales_doc_view *out, bg_error *err) BG_MUST_CHECK;

/* --- ledger_view.c --- */
/* ledger_entry_view_get without the rights check (any status). */
bg_status ledger_entry_view_load(db *d, arena *a, int64_t id, ledger_entry_view *out, bg_error *err) BG_MUST_CHECK;
/* ledger_lines_page without the rights check. */
bg_status ledger_lines_load(db *d, arena *a, int64_t coop_id, const char *doc_ref, const char *journal,
			    int64_t limit, int64_t offset, ledger_line_row **out, size_t *n, bg_error *err) BG_MUST_CHECK;

#endif
