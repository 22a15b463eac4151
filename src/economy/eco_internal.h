/*
 * eco_internal.h — what the files of src/economy/ share, and nothing
 * outside them includes: the unchecked loaders (a checked `_get` or list
 * in economy.h/ledger.h takes the acting person and decides; its `_load`
 * here reads for domain code that has already decided), the SQL
 * condition of the economy's lists, the checks and helpers that several
 * files of the domain use.  The ledger's own files share
 * ledger_internal.h (which does not include economy.h).
 */
#ifndef BG_ECO_INTERNAL_H
#define BG_ECO_INTERNAL_H
#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "economy/economy.h"
#include "economy/ledger.h"
#include "core/buf.h"
#include <string.h>

/* The rule of activity_access() as SQL, for lists: is activity "a" visible
 * to the person bound to its two plain "?" (the viewer, twice) — a member of it who may AUTHZ_ECONOMY_USE in
 * its cooperative, or allowed AUTHZ_ECONOMY_READ there?  Both conditions
 * are the rule table's (authz_rules, see authz.h); the query names no role. */
#define ECONOMY_VISIBLE_SQL                                                                        \
	"(a.id IN (SELECT m.activity_id FROM activity_members m WHERE m.person_id = ? AND "            \
	AUTHZ_SQL_ALLOWED(ECONOMY_USE, "m.person_id", "a.cooperative_id", "NULL") ") OR "             \
	AUTHZ_SQL_ALLOWED(ECONOMY_READ, "?", "a.cooperative_id", "NULL") ")"

/* --- sales.c, shared by sales_credit.c and payment.c --- */
/* A document as the functions below need it. */
typedef struct sales_doc {
	int64_t id, coop_id, activity_id, client_id, source_id, entry_id;
	char kind[16], status[16], number[24], issue_date[11];
	int64_t ht, vat, ttc, paid, credited, refunded;
} sales_doc;

/* The client's identity as a validated document keeps it (migration 014),
 * to put in the UPDATE that numbers the document.  client_lang is the
 * document's language at that moment. */
#define SALES_CLIENT_SNAPSHOT_SQL                                                                        \
	"(client_name, client_kind, client_siren, client_vat_number, client_address, client_email,"         \
	" client_lang) = (SELECT k.name, k.kind, k.siren, k.vat_number, k.address, k.email,"                 \
	" coalesce(k.lang, e.doc_lang, 'fr') FROM clients k LEFT JOIN economy_settings e"                    \
	" ON e.cooperative_id = k.cooperative_id WHERE k.id = sales_documents.client_id)"

/* Loads a document (404 when absent; no rights check here). */
bg_status sales_load(db *d, int64_t id, sales_doc *doc, bg_error *err) BG_MUST_CHECK;
/* Records a step of a document in the audit trail. */
bg_status sales_audit(db *d, int64_t actor_id, const char *action, int64_t id, const char *extra,
		      bg_error *err) BG_MUST_CHECK;
/* May actor validate (or cancel) a document of this total? */
bg_status sales_may_validate(db *d, int64_t actor_id, const activity *a, int64_t ttc, bg_error *err) BG_MUST_CHECK;
/* Invoice dates follow their numbers: refuses (BG_ERR_CONFLICT on "date")
 * a date before that of a numbered document of the same cooperative and
 * year. */
bg_status sales_date_after_last(db *d, int64_t coop_id, const char *date, bg_error *err) BG_MUST_CHECK;
/* Takes the next number of the cooperative's yearly sequence. */
bg_status sales_next_number(db *d, int64_t coop_id, int year, int64_t *seq, char number[24],
			    bg_error *err) BG_MUST_CHECK;
/* Renders the document's PDF and stores it (once: the trigger refuses a
 * second, different one). */
bg_status sales_store_pdf(db *d, int64_t id, bg_error *err) BG_MUST_CHECK;

/* --- sales_check.c (the public checks are in economy.h) --- */
/* Adds every field error of a document's lines and content (client of
 * activity a, dates, texts, VAT mention) to fe and computes its totals
 * (right only when fe stays empty); returns only a database failure. */
bg_status sales_content_fields(db *d, const activity *a, const sales_doc_in *in, sales_totals *t,
			       bg_field_errors *fe, bg_error *err) BG_MUST_CHECK;
/* The ways a payment is made, as stored ("transfer" …). */
extern const char *const sales_payment_methods[4];
/* Adds every field error of a credit note on invoice invoice_id (issued
 * on invoice_date) to fe: its date, its amount, rate and description or
 * its lines given twice, its refund method; returns only a database
 * failure. */
bg_status sales_credit_fields(db *d, int64_t invoice_id, const char *invoice_date, const sales_credit_in *in,
			      const char *date, bg_field_errors *fe, bg_error *err) BG_MUST_CHECK;

/* --- pdf.c --- */
/* Renders sales document id into out (appended), in lang, or when lang
 * is NULL in the document's language: the client's (clients.lang), else
 * the cooperative's (economy_settings.doc_lang), else French. */
bg_status pdf_render_document(db *d, int64_t id, const char *lang, buf *out, bg_error *err) BG_MUST_CHECK;

/* --- ledger.c --- */
/* Does the account exist, active, in the cooperative's chart? */
bg_status ledger_account_exists(db *d, int64_t coop_id, const char *number, bool *exists,
				bg_error *err) BG_MUST_CHECK;

/* --- expense.c --- */
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
