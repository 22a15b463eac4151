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
