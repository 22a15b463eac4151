/*
 * economy.h — activities, clients, quotes, invoices, credit notes,
 * payments, expense reports and supplier invoices (issue 5, E1–E3).
 *
 * Plain C over a db handle: each function checks rights (authz_check and
 * activity membership), validates every field (errors name the field),
 * writes, posts the ledger entries the document implies (ledger.h) and
 * records the change in the audit trail — all inside the caller's
 * transaction, which the caller commits or rolls back.
 *
 * Who sees what: accountants, accompanists and administrators of a
 * cooperative see all of its activities and documents (AUTHZ_ECONOMY_READ);
 * a member sees the activities they belong to (activity_members) and what
 * hangs from them.  Accountants validate invoices, record payments and
 * decide on expenses (AUTHZ_LEDGER_POST); a member may validate their own
 * invoice when its total incl. VAT is at most the cooperative's
 * self-validation ceiling (economy_settings.self_validation_max).
 */
#ifndef BG_ECONOMY_H
#define BG_ECONOMY_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/arena.h"
#include "auth/authz.h"
#include "core/buf.h"
#include "db/db.h"



/* --- activities --- */
typedef struct activity {
	int64_t id, coop_id;
	char code[24];
	char name[204];
	char status[12];
	int64_t contribution_bp; /* -1: the cooperative's */
	bool can_write;          /* filled by activity_access */
} activity;

/* One activity as a list shows it (strings in the arena; contribution_bp
 * is -1 when the activity follows its cooperative's rate). */
typedef struct activity_row {
	int64_t id, coop_id;
	const char *code, *name, *status;
	int64_t contribution_bp;
} activity_row;

/* A member of an activity: person id, display name and email. */
typedef struct activity_member_row {
	int64_t id;
	const char *name, *email;
} activity_member_row;

/* An account's totals for one activity (from ledger_balances), and its
 * label in the chart (NULL when it is not there). */
typedef struct activity_balance_row {
	const char *account, *label;
	int64_t debit, credit;
} activity_balance_row;

/* The activities `viewer_id` may see (ECONOMY_VISIBLE_SQL, eco_internal.h), ordered by
 * cooperative then code, allocated in `a`. */
bg_status activity_list_visible(db *d, arena *a, int64_t viewer_id, activity_row **out, size_t *n,
				bg_error *err) BG_MUST_CHECK;
/* An activity on the economy's home page: its cooperative's name, its
 * revenue excl. VAT (706, 707) and what its clients owe (411), in cents. */
typedef struct activity_overview_row {
	int64_t id;
	const char *code, *name, *status, *coop_name;
	int64_t revenue, receivable;
} activity_overview_row;
/* The activities `viewer_id` may see (ECONOMY_VISIBLE_SQL, eco_internal.h) with their
 * totals, ordered by cooperative name then code, allocated in `a`. */
bg_status activity_overview_visible(db *d, arena *a, int64_t viewer_id, activity_overview_row **out,
				    size_t *n, bg_error *err) BG_MUST_CHECK;
/* A cooperative whose books someone keeps: id and name. */
typedef struct economy_coop_row {
	int64_t id;
	const char *name;
} economy_coop_row;
/* The cooperatives where `actor` may AUTHZ_LEDGER_POST, by name, in `a`. */
bg_status economy_ledger_coops(db *d, arena *a, int64_t actor, economy_coop_row **out, size_t *n, bg_error *err) BG_MUST_CHECK;
/* The members of an activity that actor may see (activity_access's
 * rights), ordered by person id, allocated in `a`. */
bg_status activity_member_list(db *d, arena *a, int64_t actor, int64_t activity_id, activity_member_row **out,
			       size_t *n, bg_error *err) BG_MUST_CHECK;
/* The debit and credit totals per account of an activity that actor may
 * see, ordered by account, allocated in `a`. */
bg_status activity_balance_list(db *d, arena *a, int64_t actor, int64_t activity_id, activity_balance_row **out,
				size_t *n, bg_error *err) BG_MUST_CHECK;
/* The name of a cooperative whose economy actor may read
 * (AUTHZ_ECONOMY_READ), in `a`. */
bg_status economy_coop_name(db *d, arena *a, int64_t actor, int64_t coop_id, const char **name,
			    bg_error *err) BG_MUST_CHECK;

bg_status activity_create(db *d, int64_t actor_id, int64_t coop_id, const char *code,
			  const char *name, const int64_t *members, size_t nmembers,
			  int64_t contribution_bp, int64_t *id, bg_error *err) BG_MUST_CHECK;
/* Changes an activity's name, status ("support", "salaried", "closed")
 * and own contribution rate (-1: the cooperative's); adds members
 * (accountants and administrators; audited). */
bg_status activity_update(db *d, int64_t actor_id, int64_t activity_id, const char *name,
			  const char *status, int64_t contribution_bp, const int64_t *add_members,
			  size_t nadd, bg_error *err) BG_MUST_CHECK;
/* Removes a member from an activity (accountants and administrators;
 * audited); the last member stays (409 "last_member"), and so does a
 * member whose own expense reports in the activity are not settled
 * (draft, submitted, or validated and not yet reimbursed: 409
 * "open_expense_reports").  Documents they wrote stay with the activity
 * (created_by unchanged): the other members carry on with its drafts. */
bg_status activity_member_remove(db *d, int64_t actor_id, int64_t activity_id, int64_t person_id,
				 bg_error *err) BG_MUST_CHECK;
/* Loads an activity that actor may see (404 otherwise); write: also needs
 * to act on it (member of it, or accountant) → 403. */
bg_status activity_access(db *d, int64_t actor_id, int64_t activity_id, bool write,
			  activity *out, bg_error *err) BG_MUST_CHECK;

/* --- clients --- */
typedef struct client_in {
	int64_t activity_id;
	const char *kind;     /* "company" | "individual" */
	const char *name, *siren, *vat_number, *address, *email;
	int64_t payment_terms_days; /* -1: the cooperative's */
	const char *lang;           /* of its documents: "fr", "en", NULL/"": the cooperative's */
	/* NULL: a wrong input answers its first field's error; else every
	 * field's error is added here (a face's list, linked from the error) */
	bg_field_errors *fields;
} client_in;

bg_status client_create(db *d, int64_t actor_id, const client_in *in, int64_t *id, bg_error *err) BG_MUST_CHECK;

/* A client as stored ("" for an absent optional field). */
typedef struct client_row {
	int64_t id, coop_id, activity_id;
	char kind[12], name[204], siren[12], vat_number[24], address[504], email[256], lang[4];
	int64_t payment_terms_days;
	bool can_write; /* may actor edit it (client_update) */
} client_row;

/* Loads a client whose activity actor may see (404 otherwise). */
bg_status client_get(db *d, int64_t actor_id, int64_t client_id, client_row *out, bg_error *err) BG_MUST_CHECK;
/* A client as the list shows it (strings in the arena, NULL when absent). */
typedef struct client_list_row {
	int64_t id, activity_id, payment_terms_days;
	const char *kind, *name, *siren, *vat_number, *address, *email, *lang;
} client_list_row;

/* The clients of the activities `viewer_id` may see (all of them, or
 * those of `activity_id` when it is not 0), ordered by name then id,
 * allocated in `a`. */
bg_status client_list_visible(db *d, arena *a, int64_t viewer_id, int64_t activity_id,
			      client_list_row **out, size_t *n, bg_error *err) BG_MUST_CHECK;
/* Replaces a client's fields with in's (in->activity_id is ignored: a
 * client stays with its activity), checked as client_create checks them,
 * for those who may create clients for its activity (its members, the
 * accountants; not once the activity is closed).  Audited with the fields
 * before and after.  Validated documents keep the client as it was at
 * their validation (their copy, migration 014); drafts and quotes follow. */
bg_status client_update(db *d, int64_t actor_id, int64_t client_id, const client_in *in, bg_error *err) BG_MUST_CHECK;

/* --- quotes, invoices, credit notes --- */
#define SALES_MAX_LINES 200

/* The status of sales document `s` as shown: a quote's stored status,
 * except an accepted quote that is "invoiced" when none of its lines
 * remains to invoice and "partly_invoiced" when some were (migration 015,
 * sales_quote_invoicing). */
#define SALES_STATUS_SQL(s)                                                                        \
	"(CASE WHEN " s ".kind = 'quote' AND " s ".status = 'accepted' THEN CASE"                      \
	" WHEN NOT EXISTS (SELECT 1 FROM sales_lines ql LEFT JOIN sales_quote_invoicing qi"            \
	"  ON qi.quote_line_id = ql.id WHERE ql.document_id = " s ".id AND qi.quote_line_id IS NULL)"  \
	" THEN 'invoiced' WHEN EXISTS (SELECT 1 FROM sales_quote_invoicing qi WHERE qi.quote_id = "    \
	s ".id) THEN 'partly_invoiced' ELSE " s ".status END ELSE " s ".status END)"

typedef struct sales_line_in {
	const char *description;
	int64_t quantity_milli; /* thousandths */
	int64_t unit_cents;     /* excl. VAT */
	int64_t vat_bp;         /* 2000, 1000, 550, 210 or 0 */
	int64_t discount_bp;    /* 0..10000 */
	bool goods;             /* 707 instead of 706 */
} sales_line_in;

typedef struct sales_doc_in {
	int64_t activity_id, client_id;
	const char *kind;       /* "quote" | "invoice" */
	const char *issue_date; /* the draft's date; an invoice gets its date at validation */
	const char *supply_date;/* optional: date of the supply when it differs */
	const char *title, *notes, *vat_mention;
	const sales_line_in *lines;
	size_t nlines;
} sales_doc_in;

/* Totals per VAT rate and for the document. */
typedef struct sales_totals {
	int nrates;
	int64_t rate_bp[5], base[5], vat[5];
	int64_t ht, vat_total, ttc, services_ht, goods_ht;
	int64_t line_ht[SALES_MAX_LINES];
} sales_totals;

/* Checks the lines (errors name "lines[i].field") and computes totals by
 * THE RULE: each line's amount excl. VAT = money_mul_div(unit_cents,
 * quantity_milli, 1000), minus money_apply_bp(that, discount_bp); the
 * lines are added per VAT rate, and the VAT of each rate is
 * money_apply_bp(base of the rate, rate) — VAT is never rounded per line.
 * Total incl. VAT = Σ bases + Σ VAT. */
bg_status sales_compute(const sales_line_in *lines, size_t n, sales_totals *t, bg_error *err) BG_MUST_CHECK;
/* The same, adding every line's every field error to fe (the totals are
 * right only when fe stays empty). */
void sales_compute_fields(const sales_line_in *lines, size_t n, sales_totals *t, bg_field_errors *fe);
/* Every field error sales_create (id 0) or sales_update (id: the draft)
 * would find in `in`, added to fe, so that a form shows them all; returns
 * the errors that are not a field's (rights 403/404, a frozen document
 * 409, the database).  Writes nothing. */
bg_status sales_check(db *d, int64_t actor_id, int64_t id, const sales_doc_in *in, bg_field_errors *fe,
		      bg_error *err) BG_MUST_CHECK;

/* Parses a typed quantity — "2", "2.5", "0,125" (at most 3 decimals, at
 * most 10^9) — into thousandths; false when it is not one or not > 0. */
bool sales_parse_quantity(const char *s, int64_t *milli);

bg_status sales_create(db *d, int64_t actor_id, const sales_doc_in *in, int64_t *id, bg_error *err) BG_MUST_CHECK;
/* Replaces a draft's content; a validated document → 409 "document_frozen". */
bg_status sales_update(db *d, int64_t actor_id, int64_t id, const sales_doc_in *in, bg_error *err) BG_MUST_CHECK;
/* Validates an invoice dated date (NULL: today): its number (gap-free per
 * cooperative and year), its due date, its sales entry. */
bg_status sales_validate(db *d, int64_t actor_id, int64_t id, const char *date, bg_error *err) BG_MUST_CHECK;
/* An invoice (draft) from a quote: the lines that remain to invoice, or
 * those at the given 1-based positions (a partial invoice).  A quote line
 * is invoiced at most once (the database refuses it too, migration 015):
 * a position already invoiced → 409 "quote_line_invoiced" (field
 * "positions"), nothing left → 409 "quote_invoiced". */
bg_status sales_invoice_from_quote(db *d, int64_t actor_id, int64_t quote_id,
				   const int64_t *positions, size_t npositions, int64_t *id,
				   bg_error *err) BG_MUST_CHECK;
/* A credit note on a validated invoice: all its lines (the whole invoice,
 * cancelled: the mirror of its entry), some of its lines (each line at
 * most once), or an amount excl. VAT at one of the invoice's VAT rates.
 * Numbered in the invoices' sequence, validated at once, PDF stored; its
 * entry credits 411 and debits 706/707 and 44571.  Never more than the
 * invoice in total.  When the invoice was paid beyond what the credit
 * leaves due, the excess is refunded to the client (refund_method; BQ
 * 411 debit / 512 credit; sales_refunds) — accountants only. */
typedef struct sales_credit_in {
	const char *date;          /* NULL: today */
	const int64_t *positions;  /* 1-based line positions of the invoice */
	size_t npositions;
	int64_t amount_ht;         /* or an amount excl. VAT … */
	int64_t vat_bp;            /* … at this rate of the invoice */
	const char *description;   /* of the amount's line (default "Avoir commercial") */
	const char *refund_method; /* transfer (default), cheque, card, cash */
	/* NULL: a wrong input answers its first field's error; else every
	 * field's error is added here (a face's list, linked from the error) */
	bg_field_errors *fields;
} sales_credit_in;
bg_status sales_credit_note_make(db *d, int64_t actor_id, int64_t invoice_id, const sales_credit_in *in,
				 int64_t *id, int64_t *refund_id, bg_error *err) BG_MUST_CHECK;
/* The whole invoice (sales_credit_note_make with all its lines). */
bg_status sales_credit_note(db *d, int64_t actor_id, int64_t invoice_id, const char *date,
			    int64_t *id, bg_error *err) BG_MUST_CHECK;
bg_status sales_mark_sent(db *d, int64_t actor_id, int64_t id, bg_error *err) BG_MUST_CHECK;
/* The client refused a quote (still a draft): it can no longer be
 * invoiced (409 "quote_refused"); refused or accepted is final. */
bg_status sales_quote_refuse(db *d, int64_t actor_id, int64_t id, bg_error *err) BG_MUST_CHECK;
/* May actor see document id?  Fills its cooperative and activity. */
bg_status sales_access(db *d, int64_t actor_id, int64_t id, bool write, activity *act,
		       bg_error *err) BG_MUST_CHECK;
/* The PDF of a document; for a validated one, rendered once, stored, and
 * served identically afterwards.  *pdf is malloc'd. */
bg_status sales_pdf(db *d, int64_t actor_id, int64_t id, const char *lang, unsigned char **pdf,
		    size_t *len, bg_error *err) BG_MUST_CHECK;

/* --- payments --- */
typedef struct payment_alloc {
	int64_t document_id, amount;
} payment_alloc;

#define PAYMENT_MAX_ALLOCATIONS 100
/* Every field error payment_record would find in its input before reading
 * the invoices (method, date, reference, each allocation's amount, an
 * invoice twice), added to fe so that a form shows them all; the invoices'
 * own refusals (not payable, overpayment, rights) come from payment_record. */
void payment_check(const char *date, const char *method, const char *reference, const payment_alloc *allocs,
		   size_t n, bg_field_errors *fe);
/* Records a payment of 1 to PAYMENT_MAX_ALLOCATIONS invoices of one
 * cooperative (accountants), its BQ entry 512 / 411. */
bg_status payment_record(db *d, int64_t actor_id, const char *date, const char *method,
			 const char *reference, const payment_alloc *allocs, size_t n,
			 int64_t *id, bg_error *err) BG_MUST_CHECK;

/* The ledger entry of a payment (0 when it has none), for actor who may
 * see a document it settles (sales_access: 404 otherwise). */
bg_status payment_entry_id(db *d, int64_t actor, int64_t payment_id, int64_t *entry, bg_error *err) BG_MUST_CHECK;

/* A payment as the list shows it (strings in the arena). */
typedef struct payment_row {
	int64_t id, amount, entry_id;
	const char *date, *method, *reference;
} payment_row;

/* The payments allocated to documents of the activities `viewer_id` may
 * see, newest first, at most 500, allocated in `a`. */
bg_status payment_list_visible(db *d, arena *a, int64_t viewer_id, payment_row **out, size_t *n,
			       bg_error *err) BG_MUST_CHECK;

/* --- expense reports and supplier invoices --- */
typedef struct expense_line_in {
	const char *date, *category, *description;
	int64_t amount_ttc, vat, km; /* km > 0: mileage, amount computed */
	int64_t receipt_id;
} expense_line_in;

typedef struct expense_in {
	int64_t activity_id;
	const char *kind;      /* "expense" | "supplier_invoice" */
	const char *title, *supplier, *supplier_ref;
	const expense_line_in *lines;
	size_t nlines; /* 1 to EXPENSE_MAX_LINES */
	/* NULL: a wrong input answers its first field's error; else every
	 * field's error is added here (a face's list, linked from the error) */
	bg_field_errors *fields;
} expense_in;
#define EXPENSE_MAX_LINES 100

/* The expense account of a category ("travel" → 6251 …); NULL if unknown. */
const char *expense_category_account(const char *category);
/* A receipt's bytes (malloc'd, the caller frees), its type and name
 * (malloc'd too), for whoever may read the activity of the expense it is
 * attached to, or for the person who sent it while it is attached to none. */
bg_status receipt_get(db *d, int64_t actor_id, int64_t receipt_id, char **content_type, char **filename,
		      unsigned char **data, size_t *len, bg_error *err) BG_MUST_CHECK;
/* The receipt type its file name's extension claims (application/pdf,
 * image/jpeg, image/png), or NULL; receipt_store then checks the bytes. */
const char *receipt_type_of_name(const char *filename);
/* Stores a receipt after checking its size and that its bytes are what
 * its content type and file name say (PDF, JPEG, PNG). */
bg_status receipt_store(db *d, int64_t actor_id, int64_t activity_id, const char *filename,
			const char *content_type, const void *data, size_t len, int64_t *id,
			bg_error *err) BG_MUST_CHECK;
bg_status expense_create(db *d, int64_t actor_id, const expense_in *in, int64_t *id, bg_error *err) BG_MUST_CHECK;
bg_status expense_submit(db *d, int64_t actor_id, int64_t id, bg_error *err) BG_MUST_CHECK;
/* Validates (posts the purchase entry) or refuses (reason required). */
bg_status expense_decide(db *d, int64_t actor_id, int64_t id, bool accept, const char *reason,
			 const char *date, bg_error *err) BG_MUST_CHECK;
bg_status expense_pay(db *d, int64_t actor_id, int64_t id, const char *date, bg_error *err) BG_MUST_CHECK;

/* --- demo, import, check --- */
bg_status economy_demo_seed(db *d, bg_error *err) BG_MUST_CHECK;
/* Reports the economy's invariants beyond the ledger's. */
int economy_check(db *d, void (*report)(void *ctx, const char *what), void *ctx);


/* --- sales documents as the faces read them --- */

/* A document in a list (strings in the arena, NULL when absent).  The
 * list of a client fills total_ht and credited; the visible list fills
 * due_date, activity_id and client (the client's name on the document). */
typedef struct sales_doc_brief {
	int64_t id, activity_id, total_ht, total_ttc, paid, credited;
	const char *kind, *status, *number, *issue_date, *due_date, *client;
	const char *activity_code, *title; /* filled by sales_draft_invoices */
} sales_doc_brief;

/* One line of a document as stored; for a quote's line, invoice_id is the
 * invoice it went to (0: it remains to invoice). */
typedef struct sales_doc_line_view {
	int64_t position, quantity_milli, unit_cents, vat_bp, discount_bp, total_ht, invoice_id;
	bool goods;
	bool credited;               /* an invoice's line already in a credit note */
	const char *description;
	const char *invoice_number;  /* of invoice_id (NULL while it is a draft) */
} sales_doc_line_view;

/* The base and VAT of one rate of a document (VAT by money_apply_bp). */
typedef struct sales_doc_vat_view {
	int64_t vat_bp, base, vat;
} sales_doc_vat_view;

/* A whole document: its header, the client as the document shows it
 * (frozen once validated), its lines by position and its VAT by rate
 * (highest first).  source_id and entry_id are 0 when absent. */
typedef struct sales_doc_view {
	int64_t id, coop_id, activity_id, client_id, source_id, entry_id;
	int64_t total_ht, total_vat, total_ttc, paid, credited, refunded;
	const char *kind, *status, *number, *issue_date, *supply_date, *due_date, *title, *notes,
		*vat_mention, *quote_number;
	bool has_client;
	struct {
		const char *name, *kind, *siren, *vat_number, *address, *email, *lang;
		bool frozen;
		bool edited; /* frozen, and the client's record changed since */
	} client;
	sales_doc_line_view *lines;
	size_t nlines;
	sales_doc_vat_view *vat;
	size_t nvat;
} sales_doc_view;

/* The documents of a client that actor may see (client_get's rights),
 * newest first, allocated in `a`. */
bg_status sales_client_documents(db *d, arena *a, int64_t actor, int64_t client_id, sales_doc_brief **out,
				 size_t *n, bg_error *err) BG_MUST_CHECK;
/* Every document of an activity that actor may see (activity_access's
 * rights: quotes, invoices, credit notes), newest first, at most `limit`
 * after skipping `offset`, allocated in `a`, with the stored status and the
 * client's name; *total counts them all. */
bg_status sales_activity_documents(db *d, arena *a, int64_t actor, int64_t activity_id, int64_t limit,
				   int64_t offset, sales_doc_brief **out, size_t *n, int64_t *total,
				   bg_error *err) BG_MUST_CHECK;
/* The quotes (quotes true) or the invoices and credit notes of the
 * activities `viewer_id` may see, filtered by activity (0: all) and status
 * (NULL: all), newest first, at most `limit` after skipping `offset`,
 * allocated in `a`; *total counts every document that matches. */
bg_status sales_document_list_visible(db *d, arena *a, int64_t viewer_id, int64_t activity_id,
				      const char *status, bool quotes, int64_t limit, int64_t offset,
				      sales_doc_brief **out, size_t *n, int64_t *total, bg_error *err) BG_MUST_CHECK;
/* Reads a whole document that actor may see (sales_access: 404 when there
 * is none or actor may not see it) into `out` (allocated in `a`). */
bg_status sales_document_view_get(db *d, arena *a, int64_t actor, int64_t id, sales_doc_view *out,
				  bg_error *err) BG_MUST_CHECK;
/* The entries of a document's settlement, as a page shows them: the
 * document's own (ref "invoice:ID" or "credit_note:ID", at most 50), then
 * those of each payment allocated to it ("payment:ID") and of each refund
 * made with it ("refund:ID"), at most 5 each and 50 of each kind; lines as
 * ledger_lines_page gives them, of journal (NULL: any). */
typedef struct sales_entries {
	const char *ref;
	struct ledger_line_row *lines;
	size_t n;
} sales_entries;
bg_status sales_document_entries(db *d, arena *a, int64_t actor, int64_t id, const char *journal,
				 sales_entries **out, size_t *n, bg_error *err) BG_MUST_CHECK;
/* The draft invoices of a cooperative, oldest first, with their activity's
 * code, client and title (AUTHZ_ECONOMY_READ there), allocated in `a`. */
bg_status sales_draft_invoices(db *d, arena *a, int64_t actor, int64_t coop_id, sales_doc_brief **out, size_t *n,
			       bg_error *err) BG_MUST_CHECK;


/* --- expense reports as the faces read them --- */

/* One line of an expense report (strings in the arena). */
typedef struct expense_line_view {
	const char *date, *category, *account, *description;
	int64_t km, amount_ttc, vat, receipt_id;
} expense_line_view;

/* A receipt attached to a line of an expense report: id and file name. */
typedef struct expense_receipt_row {
	int64_t id;
	const char *filename;
} expense_receipt_row;

/* An expense report with its lines in order (entry_id 0 when none).  The
 * list fills only id, activity_id, kind, title, status and total_ttc; the
 * lists of an activity and of the validation queue fill its receipts. */
typedef struct expense_view {
	int64_t id, activity_id, person_id, total_ttc, total_vat, entry_id;
	const char *kind, *title, *supplier, *supplier_ref, *status, *refusal_reason;
	const char *activity_code; /* filled by expense_submitted_list */
	expense_receipt_row *receipts; /* in the order of the lines */
	size_t nreceipts;
	expense_line_view *lines;
	size_t nlines;
} expense_view;

/* Reads an expense report that actor may see (activity_access's rights:
 * 404 when there is none or actor may not see it) into `out` (allocated in
 * `a`). */
bg_status expense_view_get(db *d, arena *a, int64_t actor, int64_t id, expense_view *out,
			   bg_error *err) BG_MUST_CHECK;
/* The latest `limit` expense reports of an activity that actor may see,
 * newest first (id, kind, title, status, refusal reason, total, receipts),
 * in `a`. */
bg_status expense_activity_list(db *d, arena *a, int64_t actor, int64_t activity_id, int64_t limit,
				expense_view **out, size_t *n, bg_error *err) BG_MUST_CHECK;
/* The submitted expense reports of a cooperative, oldest first, with their
 * activity's code and receipts (AUTHZ_ECONOMY_READ there), in `a`. */
bg_status expense_submitted_list(db *d, arena *a, int64_t actor, int64_t coop_id, expense_view **out, size_t *n,
				 bg_error *err) BG_MUST_CHECK;


/* The expense reports of the activities `viewer_id` may see, of a status
 * (NULL: all), newest first, at most `limit` after skipping `offset`,
 * allocated in `a`; *total counts every report that matches. */
bg_status expense_list_visible(db *d, arena *a, int64_t viewer_id, const char *status, int64_t limit,
			       int64_t offset, expense_view **out, size_t *n, int64_t *total, bg_error *err) BG_MUST_CHECK;

#endif
