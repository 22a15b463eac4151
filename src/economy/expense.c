/*
 * expense.c — expense reports of members and supplier invoices (E3), and
 * their receipts.
 *
 * Both follow one path: draft (lines editable) → submitted by a member of
 * the activity → validated by an accountant, which posts the purchase
 * entry (journal AC: each line's amount excl. VAT on its category's
 * expense account, the deductible VAT on 44566, the total on 425 — owed
 * to the member — or 401 — owed to the supplier; all with the activity's
 * analytic code) — or refused with a reason → paid, which posts the bank
 * entry (425/401 against 512).
 *
 * Mileage lines: km × the cooperative's per-km scale (thousandths of a
 * euro per km), rounded by money_mul_div; no VAT.
 *
 * Receipts: PDF, JPEG or PNG, at most 1 MiB (the server's body cap); the
 * first bytes must be those of the type the client declares, and the file
 * name's extension must agree — a "facture.pdf" that is a PNG is refused.
 */
#include "economy/eco_internal.h"
#include "economy/economy.h"
#include "economy/ledger.h"
#include "auth/authz.h"
#include "core/date.h"
#include "core/mem.h"
#include "core/money.h"
#include "db/audit.h"
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const expense_categories[][2] = {
	{"travel", "6251"},       {"mileage", "6251"},   {"meals", "6257"},
	{"supplies", "6064"},     {"equipment", "6063"}, {"fees", "6226"},
	{"telecom", "626"},       {"rent", "6132"},      {"insurance", "616"},
	{"bank", "627"},          {"advertising", "623"}, {"goods", "607"},
	{"subcontracting", "604"},
};

const char *expense_category_account(const char *category)
{
	for (size_t i = 0; category && i < sizeof expense_categories / sizeof *expense_categories; i++)
		if (!strcmp(category, expense_categories[i][0]))
			return expense_categories[i][1];
	return NULL;
}

const char *receipt_type_of_name(const char *filename)
{
	const char *dot = filename ? strrchr(filename, '.') : NULL;
	if (!dot)
		return NULL;
	if (!strcasecmp(dot, ".pdf"))
		return "application/pdf";
	if (!strcasecmp(dot, ".jpg") || !strcasecmp(dot, ".jpeg"))
		return "image/jpeg";
	if (!strcasecmp(dot, ".png"))
		return "image/png";
	return NULL;
}

/* Are the first bytes those of the type? */
static bool receipt_magic_ok(const unsigned char *p, size_t n, const char *type)
{
	if (!strcmp(type, "application/pdf"))
		return n >= 5 && !memcmp(p, "%PDF-", 5);
	if (!strcmp(type, "image/jpeg"))
		return n >= 3 && p[0] == 0xFF && p[1] == 0xD8 && p[2] == 0xFF;
	return n >= 8 && !memcmp(p, "\x89PNG\r\n\x1a\n", 8);
}

bg_status receipt_store(db *d, int64_t actor_id, int64_t activity_id, const char *filename,
			const char *content_type, const void *data, size_t len, int64_t *id,
			bg_error *err)
{
	activity a;
	bg_status st = activity_access(d, actor_id, activity_id, true, &a, err);
	if (st != BG_OK)
		return st;
	if (!filename || !filename[0] || strlen(filename) > 200 || strchr(filename, '/'))
		return bg_fail(err, BG_ERR_INVALID, "invalid_filename", "filename",
			       N_("A file name of 1 to 200 characters is required."));
	if (!content_type || (strcmp(content_type, "application/pdf") && strcmp(content_type, "image/jpeg") &&
			      strcmp(content_type, "image/png")))
		return bg_fail(err, BG_ERR_INVALID, "unsupported_type", "content_type",
			       N_("A receipt is a PDF, JPEG or PNG file."));
	if (len == 0 || len > 1048576)
		return bg_fail(err, BG_ERR_INVALID, "invalid_size", "file",
			       N_("A receipt is between 1 byte and 1 MiB."));
	const char *named = receipt_type_of_name(filename);
	if (!named || strcmp(named, content_type) || !receipt_magic_ok(data, len, content_type))
		return bg_fail(err, BG_ERR_INVALID, "file_type_mismatch", "file",
			       N_("The file is not what its name and type say."));
	int64_t rid = 0;
	st = db_scalar(d, err, &rid, NULL, "INSERT INTO receipts(cooperative_id, activity_id, person_id, filename,"
					   " content_type, size, data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
					   " RETURNING id", "iiissibi", a.coop_id, a.id,
		       actor_id, filename, content_type, (int64_t)len, data, len, date_now());
	if (st != BG_OK)
		return st;
	char after[80];
	snprintf(after, sizeof after, "{\"size\":%zu}", len);
	st = audit_record(d, actor_id, "create", "receipt", rid, NULL, after, err);
	if (st == BG_OK && id)
		*id = rid;
	return st;
}

bg_status receipt_get(db *d, int64_t actor_id, int64_t receipt_id, char **content_type, char **filename,
		      unsigned char **data, size_t *len, bg_error *err)
{
	int64_t act = 0, owner = 0;
	bool found = false;
	bg_status st = db_scalar(d, err, &act, &found, "SELECT coalesce((SELECT r.activity_id FROM expense_lines l"
			 " JOIN expense_reports r ON r.id = l.report_id WHERE l.receipt_id = ? LIMIT 1), 0)"
			 " FROM receipts WHERE id = ?", "ii", receipt_id, receipt_id);
	if (st != BG_OK)
		return st;
	if (found && act) {
		activity a;
		st = activity_access(d, actor_id, act, false, &a, err);
		if (st != BG_OK)
			return st;
	} else if (found) {
		st = db_scalar(d, err, &owner, &found, "SELECT person_id FROM receipts WHERE id = ?", "i", receipt_id);
		if (st != BG_OK)
			return st;
	}
	if (!found || (!act && owner != actor_id))
		return bg_fail(err, BG_ERR_NOT_FOUND, "not_found", NULL, N_("This receipt does not exist."));
	db_stmt *q = db_query(d, "SELECT content_type, filename, data FROM receipts WHERE id = ?", "i", receipt_id);
	st = db_one_row(q, NULL, N_("This receipt does not exist."), err);
	if (st != BG_OK)
		return st;
	size_t n = 0;
	const void *p = db_blob(q, 2, &n);
	*content_type = xstrdup(db_text(q, 0));
	*filename = xstrdup(db_text(q, 1));
	*data = xmalloc(n ? n : 1);
	if (n)
		memcpy(*data, p, n);
	*len = n;
	if (db_done(q) != BG_OK) { /* the copies are the caller's only on success */
		free(*content_type);
		free(*filename);
		free(*data);
		*content_type = *filename = NULL;
		*data = NULL;
		*len = 0;
		return bg_db_fail(err);
	}
	return BG_OK;
}

/* Adds the error of field `what` of line i. */
static void expense_line_error(bg_field_errors *fe, size_t i, const char *what, const char *code, const char *msgid)
{
	bg_field_error_add(fe, BG_ERR_INVALID, code, ledger_field_name("lines", i, what), msgid);
}

/* Checks every field of line i (its amount into *amount: the mileage's
 * by the cooperative's rate km_rate), each wrong one's error added to fe;
 * returns only a database failure. */
static bg_status expense_line_check(db *d, int64_t actor_id, const activity *a, const expense_line_in *l, size_t i,
				    int64_t km_rate, int64_t *amount, bg_field_errors *fe, bg_error *err)
{
	int y, m, dd;
	*amount = 0;
	if (!l->date || !date_parse(l->date, &y, &m, &dd))
		expense_line_error(fe, i, "date", "invalid_date", N_("This date does not exist (expected YYYY-MM-DD)."));
	if (!expense_category_account(l->category))
		expense_line_error(fe, i, "category", "invalid_category", N_("Unknown expense category."));
	if (l->description && strlen(l->description) > 1000)
		expense_line_error(fe, i, "description", "invalid_description",
				   N_("A description has at most 1000 characters."));
	if (l->category && !strcmp(l->category, "mileage")) {
		if (l->km < 1 || l->km > 100000 || l->vat != 0 || !money_mul_div(l->km, km_rate, 10, amount) || *amount <= 0)
			expense_line_error(fe, i, "km", "invalid_km", N_("Mileage is 1 to 100000 km, without VAT."));
	} else if (l->amount_ttc == 0) {
		expense_line_error(fe, i, "amount_cents", "missing_field", N_("An expense line has an amount above zero."));
	} else if (money_field_check(fe, ledger_field_name("lines", i, "amount_cents"), l->amount_ttc, MONEY_NOT_NEGATIVE)) {
		*amount = l->amount_ttc;
		if (l->vat < 0 || l->vat > l->amount_ttc)
			expense_line_error(fe, i, "vat_cents", "invalid_vat",
					   N_("The deductible VAT is between 0 and the amount incl. VAT."));
	}
	if (!l->receipt_id)
		return BG_OK;
	int64_t one;
	bool ok = false;
	/* a receipt sent for this activity (older ones: sent by the actor) and
	 * attached to no other report; any other is, for the actor, a receipt
	 * that does not exist */
	bg_status st = db_scalar(d, err, &one, &ok, "SELECT 1 FROM receipts r WHERE r.id = ? AND r.cooperative_id = ?"
				 " AND (r.activity_id = ? OR (r.activity_id IS NULL AND r.person_id = ?))"
				 " AND NOT EXISTS (SELECT 1 FROM expense_lines l WHERE l.receipt_id = r.id)",
				 "iiii", l->receipt_id, a->coop_id, a->id, actor_id);
	if (st == BG_OK && !ok)
		expense_line_error(fe, i, "receipt_id", "unknown_receipt",
				   N_("This receipt does not exist or is already attached to an expense."));
	return st;
}

/* Checks every field of an expense report and of its lines, each wrong
 * one's error added to fe; fills each line's amount and the totals.
 * Returns only a database failure. */
static bg_status expense_check(db *d, int64_t actor_id, const activity *a, const expense_in *in, int64_t *amounts,
			       int64_t *total, int64_t *vat, bg_field_errors *fe, bg_error *err)
{
	bool supplier = in->kind && !strcmp(in->kind, "supplier_invoice");
	if (!supplier && !(in->kind && !strcmp(in->kind, "expense")))
		bg_field_error_add(fe, BG_ERR_INVALID, "invalid_kind", "kind",
				   N_("An expense is an expense report or a supplier invoice."));
	if (!in->title || !in->title[0] || strlen(in->title) > 300)
		bg_field_error_add(fe, BG_ERR_INVALID, "invalid_title", "title", N_("A title of 1 to 300 characters is required."));
	if (supplier && (!in->supplier || !in->supplier[0] || strlen(in->supplier) > 200))
		bg_field_error_add(fe, BG_ERR_INVALID, "invalid_supplier", "supplier", N_("A supplier invoice names its supplier."));
	if (in->nlines == 0 || in->nlines > EXPENSE_MAX_LINES)
		bg_field_error_add(fe, BG_ERR_INVALID, "invalid_lines", "lines", N_("An expense has 1 to 100 lines."));
	int64_t km_rate = 603;
	bool found;
	bg_status st = db_scalar(d, err, &km_rate, &found, "SELECT km_rate_milli FROM economy_settings WHERE cooperative_id = ?",
				 "i", a->coop_id);
	*total = *vat = 0;
	bool sums = true;
	for (size_t i = 0; st == BG_OK && i < in->nlines && i < EXPENSE_MAX_LINES; i++) {
		st = expense_line_check(d, actor_id, a, &in->lines[i], i, km_rate, &amounts[i], fe, err);
		sums = sums && money_add(*total, amounts[i], total) && money_add(*vat, in->lines[i].vat, vat);
	}
	if (!sums)
		bg_field_error_add(fe, BG_ERR_INVALID, "invalid_amount", "lines",
				   N_("Amounts are positive and at most 100 billion euros."));
	return st;
}

bg_status expense_create(db *d, int64_t actor_id, const expense_in *in, int64_t *id, bg_error *err)
{
	activity a;
	bg_status st = activity_access(d, actor_id, in->activity_id, true, &a, err);
	if (st != BG_OK)
		return st;
	bool supplier = in->kind && !strcmp(in->kind, "supplier_invoice");
	int64_t *amounts = xmalloc(EXPENSE_MAX_LINES * sizeof *amounts);
	int64_t total = 0, vat = 0;
	bg_field_errors own = {0};
	bg_field_errors *fe = in->fields ? in->fields : &own;
	st = expense_check(d, actor_id, &a, in, amounts, &total, &vat, fe, err);
	if (st == BG_OK)
		st = in->fields ? bg_field_errors_report(fe, err) : bg_field_errors_status(fe, err);
	int64_t eid = 0;
	if (st == BG_OK)
		st = db_scalar(d, err, &eid, NULL, "INSERT INTO expense_reports(cooperative_id, activity_id, person_id,"
						   " kind, title, supplier, supplier_ref, total_ttc, total_vat, created_at)"
						   " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id", "iiissssiii",
			       a.coop_id, a.id, actor_id,
			       supplier ? "supplier_invoice" : "expense", in->title, supplier ? in->supplier : NULL,
			       in->supplier_ref && in->supplier_ref[0] ? in->supplier_ref : NULL, total, vat, date_now());
	for (size_t i = 0; st == BG_OK && i < in->nlines; i++) {
		const expense_line_in *l = &in->lines[i];
		bool mileage = !strcmp(l->category, "mileage");
		st = db_exec(d, err, "INSERT INTO expense_lines(report_id, line_date, category, account, description, km,"
				     " amount_ttc, vat, receipt_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", "issssIiiI",
			     eid, l->date, l->category, expense_category_account(l->category),
			     l->description ? l->description : "", mileage ? l->km : 0, amounts[i], l->vat,
			     l->receipt_id);
	}
	free(amounts);
	if (st == BG_OK) {
		char after[80];
		snprintf(after, sizeof after, "{\"total_ttc\":%lld}", (long long)total);
		st = audit_record(d, actor_id, "create", "expense_report", eid, NULL, after, err);
	}
	if (st == BG_OK && id)
		*id = eid;
	return st;
}

typedef struct expense_row {
	int64_t id, coop_id, activity_id, person_id, ttc, vat, entry_id;
	char kind[20], status[12];
} expense_row;

/* Loads an expense report the actor may see (or act on, with write). */
static bg_status expense_load(db *d, int64_t actor_id, int64_t id, bool write, expense_row *r, bg_error *err)
{
	memset(r, 0, sizeof *r);
	db_stmt *q = db_query(d, "SELECT id, cooperative_id, activity_id, person_id, total_ttc, total_vat,"
				 " coalesce(entry_id, 0), kind, status FROM expense_reports WHERE id = ?", "i", id);
	int rc = q ? db_next(q) : -1;
	if (rc == 1) {
		r->id = db_int(q, 0);
		r->coop_id = db_int(q, 1);
		r->activity_id = db_int(q, 2);
		r->person_id = db_int(q, 3);
		r->ttc = db_int(q, 4);
		r->vat = db_int(q, 5);
		r->entry_id = db_int(q, 6);
		snprintf(r->kind, sizeof r->kind, "%s", db_text(q, 7));
		snprintf(r->status, sizeof r->status, "%s", db_text(q, 8));
	}
	if (db_done(q) != BG_OK || rc < 0)
		return bg_db_fail(err);
	if (rc == 0)
		return bg_fail(err, BG_ERR_NOT_FOUND, "not_found", NULL, N_("This page does not exist."));
	activity a;
	return activity_access(d, actor_id, r->activity_id, write, &a, err);
}

/* Records a step of an expense report in the audit trail. */
static bg_status expense_audit(db *d, int64_t actor_id, const char *action, int64_t id, bg_error *err)
{
	char after[60];
	snprintf(after, sizeof after, "{\"expense_report_id\":%lld}", (long long)id);
	return audit_record(d, actor_id, action, "expense_report", id, NULL, after, err);
}

bg_status expense_submit(db *d, int64_t actor_id, int64_t id, bg_error *err)
{
	expense_row r;
	bg_status st = expense_load(d, actor_id, id, true, &r, err);
	if (st != BG_OK)
		return st;
	if (strcmp(r.status, "draft") != 0)
		return bg_fail(err, BG_ERR_CONFLICT, "not_draft", "status", N_("Only a draft can be submitted."));
	st = db_exec(d, err, "UPDATE expense_reports SET status = 'submitted' WHERE id = ?", "i", id);
	if (st == BG_OK)
		st = expense_audit(d, actor_id, "submit", id, err);
	return st;
}

/* Loads expense id for a decision that posts to the ledger (validate,
 * refuse, pay): the actor must also be allowed AUTHZ_LEDGER_POST in its
 * cooperative (actor 0: the program itself). */
static bg_status expense_load_to_post(db *d, int64_t actor_id, int64_t id, expense_row *r, bg_error *err)
{
	bg_status st = expense_load(d, actor_id, id, false, r, err);
	if (st == BG_OK && actor_id)
		st = authz_check(d, actor_id, AUTHZ_LEDGER_POST, (scope){SCOPE_COOPERATIVE, r->coop_id}, err);
	return st;
}

bg_status expense_decide(db *d, int64_t actor_id, int64_t id, bool accept, const char *reason,
			 const char *date, bg_error *err)
{
	expense_row r;
	bg_status st = expense_load_to_post(d, actor_id, id, &r, err);
	if (st != BG_OK)
		return st;
	if (strcmp(r.status, "submitted") != 0)
		return bg_fail(err, BG_ERR_CONFLICT, "not_submitted", "status",
			       N_("Only a submitted expense can be validated or refused."));
	if (!accept) {
		if (!reason || !reason[0] || strlen(reason) > 1000)
			return bg_fail(err, BG_ERR_INVALID, "reason_required", "reason",
				       N_("A refusal gives its reason (1 to 1000 characters)."));
		st = db_exec(d, err, "UPDATE expense_reports SET status = 'refused', refusal_reason = ?, decided_by = ?,"
				     " decided_at = ? WHERE id = ?", "siii", reason, actor_id, date_now(), id);
		if (st == BG_OK)
			st = expense_audit(d, actor_id, "refuse", id, err);
		return st;
	}
	int y, m, dd;
	if (!date || !date_parse(date, &y, &m, &dd))
		return bg_fail(err, BG_ERR_INVALID, "invalid_date", "date",
			       N_("This date does not exist (expected YYYY-MM-DD)."));
	/* the purchase entry: one debit per line, the VAT, the total owed */
	ledger_line lines[102];
	char accounts[100][12];
	size_t n = 0;
	db_stmt *q = db_query(d, "SELECT account, sum(amount_ttc - vat) FROM expense_lines WHERE report_id = ?"
				 " GROUP BY account ORDER BY account", "i", id);
	while (q && db_next(q) == 1 && n < 100) {
		snprintf(accounts[n], sizeof accounts[n], "%s", db_text(q, 0));
		int64_t ht = db_int(q, 1);
		if (ht > 0)
			lines[n] = (ledger_line){accounts[n], r.activity_id, ht, 0, NULL}, n++;
	}
	if (db_done(q) != BG_OK) /* a failed step is not the end of the lines */
		return bg_db_fail(err);
	if (r.vat > 0)
		lines[n++] = (ledger_line){"44566", r.activity_id, r.vat, 0, NULL};
	bool supplier = !strcmp(r.kind, "supplier_invoice");
	lines[n++] = (ledger_line){supplier ? "401" : "425", r.activity_id, 0, r.ttc, NULL};
	char label[120], ref[48];
	snprintf(label, sizeof label, "%s n° %lld", supplier ? "Facture fournisseur" : "Note de frais", (long long)id);
	snprintf(ref, sizeof ref, "expense:%lld", (long long)id);
	ledger_entry_in in = {r.coop_id, "AC", date, label, ref, 0, lines, n, false, NULL};
	int64_t entry = 0;
	st = ledger_coop_init(d, r.coop_id, err);
	if (st == BG_OK)
		st = ledger_post(d, actor_id, &in, &entry, err);
	if (st == BG_OK)
		st = db_exec(d, err, "UPDATE expense_reports SET status = 'validated', entry_id = ?, decided_by = ?,"
				     " decided_at = ? WHERE id = ?", "iiii", entry, actor_id, date_now(), id);
	if (st == BG_OK)
		st = expense_audit(d, actor_id, "validate", id, err);
	return st;
}

bg_status expense_pay(db *d, int64_t actor_id, int64_t id, const char *date, bg_error *err)
{
	expense_row r;
	bg_status st = expense_load_to_post(d, actor_id, id, &r, err);
	if (st != BG_OK)
		return st;
	if (strcmp(r.status, "validated") != 0)
		return bg_fail(err, BG_ERR_CONFLICT, "not_validated", "status",
			       N_("Only a validated expense can be paid."));
	int y, m, dd;
	if (!date || !date_parse(date, &y, &m, &dd))
		return bg_fail(err, BG_ERR_INVALID, "invalid_date", "date",
			       N_("This date does not exist (expected YYYY-MM-DD)."));
	bool supplier = !strcmp(r.kind, "supplier_invoice");
	ledger_line lines[] = {{supplier ? "401" : "425", r.activity_id, r.ttc, 0, NULL},
			       {"512", r.activity_id, 0, r.ttc, NULL}};
	char label[120], ref[48];
	snprintf(label, sizeof label, "Paiement %s n° %lld", supplier ? "facture fournisseur" : "note de frais",
		 (long long)id);
	snprintf(ref, sizeof ref, "expense:%lld", (long long)id);
	ledger_entry_in in = {r.coop_id, "BQ", date, label, ref, 0, lines, 2, false, NULL};
	int64_t entry = 0;
	st = ledger_post(d, actor_id, &in, &entry, err);
	if (st == BG_OK)
		st = db_exec(d, err, "UPDATE expense_reports SET status = 'paid', pay_entry_id = ? WHERE id = ?",
			     "ii", entry, id);
	if (st == BG_OK)
		st = expense_audit(d, actor_id, "pay", id, err);
	return st;
}

/* --- reading reports for the faces --- */

bg_status expense_view_get(db *d, arena *a, int64_t actor, int64_t id, expense_view *out, bg_error *err)
{
	bg_status st = expense_view_load(d, a, id, out, err);
	activity act;
	if (st == BG_OK)
		st = activity_access(d, actor, out->activity_id, false, &act, err);
	return st;
}

/* expense_view_get without the rights check. */
bg_status expense_view_load(db *d, arena *a, int64_t id, expense_view *out, bg_error *err)
{
	memset(out, 0, sizeof *out);
	db_stmt *q = db_query(d, "SELECT id, activity_id, person_id, kind, title, supplier, supplier_ref, status,"
				 " refusal_reason, total_ttc, total_vat, coalesce(entry_id, 0) FROM expense_reports"
				 " WHERE id = ?", "i", id);
	bg_status st = db_one_row(q, NULL, NULL, err);
	if (st != BG_OK)
		return st;
	out->id = db_int(q, 0);
	out->activity_id = db_int(q, 1);
	out->person_id = db_int(q, 2);
	out->kind = arena_strdup(a, db_text(q, 3));
	out->title = arena_strdup(a, db_text(q, 4));
	out->supplier = arena_strdup(a, db_text(q, 5));
	out->supplier_ref = arena_strdup(a, db_text(q, 6));
	out->status = arena_strdup(a, db_text(q, 7));
	out->refusal_reason = arena_strdup(a, db_text(q, 8));
	out->total_ttc = db_int(q, 9);
	out->total_vat = db_int(q, 10);
	out->entry_id = db_int(q, 11);
	if (db_done(q) != BG_OK)
		return bg_db_fail(err);
	q = db_query(d, "SELECT line_date, category, account, description, km, amount_ttc, vat, receipt_id"
			" FROM expense_lines WHERE report_id = ? ORDER BY id", "i", id);
	while (db_next(q) == 1) {
		out->lines = arena_grow(a, out->lines, out->nlines, sizeof *out->lines);
		expense_line_view *l = &out->lines[out->nlines++];
		l->date = arena_strdup(a, db_text(q, 0));
		l->category = arena_strdup(a, db_text(q, 1));
		l->account = arena_strdup(a, db_text(q, 2));
		l->description = arena_strdup(a, db_text(q, 3));
		l->km = db_int(q, 4);
		l->amount_ttc = db_int(q, 5);
		l->vat = db_int(q, 6);
		l->receipt_id = db_int(q, 7);
	}
	return db_done(q) == BG_OK ? BG_OK : bg_db_fail(err);
}

/* Fills the receipts of each of the n reports of v (their rights decided
 * by the caller). */
static bg_status expense_receipts_fill(db *d, arena *a, expense_view *v, size_t n, bg_error *err)
{
	for (size_t i = 0; i < n; i++) {
		db_stmt *q = db_query(d, "SELECT r.id, r.filename FROM expense_lines l JOIN receipts r ON r.id = l.receipt_id"
					 " WHERE l.report_id = ? ORDER BY l.id", "i", v[i].id);
		while (db_next(q) == 1) {
			v[i].receipts = arena_grow(a, v[i].receipts, v[i].nreceipts, sizeof *v[i].receipts);
			expense_receipt_row *r = &v[i].receipts[v[i].nreceipts++];
			r->id = db_int(q, 0);
			r->filename = arena_strdup(a, db_text(q, 1));
		}
		if (db_done(q) != BG_OK)
			return bg_db_fail(err);
	}
	return BG_OK;
}

bg_status expense_activity_list(db *d, arena *a, int64_t actor, int64_t activity_id, int64_t limit,
				expense_view **out, size_t *n, bg_error *err)
{
	assert(limit > 0);
	*out = NULL;
	*n = 0;
	activity act;
	bg_status st = activity_access(d, actor, activity_id, false, &act, err);
	if (st != BG_OK)
		return st;
	db_stmt *q = db_query(d, "SELECT id, kind, title, total_ttc, status, refusal_reason FROM expense_reports"
				 " WHERE activity_id = ? ORDER BY id DESC LIMIT ?", "ii", activity_id, limit);
	while (db_next(q) == 1) {
		*out = arena_grow(a, *out, *n, sizeof **out);
		expense_view *r = &(*out)[(*n)++];
		memset(r, 0, sizeof *r);
		r->id = db_int(q, 0);
		r->activity_id = activity_id;
		r->kind = arena_strdup(a, db_text(q, 1));
		r->title = arena_strdup(a, db_text(q, 2));
		r->total_ttc = db_int(q, 3);
		r->status = arena_strdup(a, db_text(q, 4));
		r->refusal_reason = arena_strdup(a, db_text(q, 5));
	}
	if (db_done(q) != BG_OK)
		return bg_db_fail(err);
	return expense_receipts_fill(d, a, *out, *n, err);
}

bg_status expense_submitted_list(db *d, arena *a, int64_t actor, int64_t coop_id, expense_view **out, size_t *n,
				 bg_error *err)
{
	*out = NULL;
	*n = 0;
	bg_status st = authz_check(d, actor, AUTHZ_ECONOMY_READ, (scope){SCOPE_COOPERATIVE, coop_id}, err);
	if (st != BG_OK)
		return st;
	db_stmt *q = db_query(d, "SELECT e.id, a.code, e.title, e.total_ttc, e.kind, e.activity_id FROM expense_reports e"
				 " JOIN activities a ON a.id = e.activity_id WHERE e.cooperative_id = ? AND e.status = 'submitted'"
				 " ORDER BY e.id", "i", coop_id);
	while (db_next(q) == 1) {
		*out = arena_grow(a, *out, *n, sizeof **out);
		expense_view *r = &(*out)[(*n)++];
		memset(r, 0, sizeof *r);
		r->id = db_int(q, 0);
		r->activity_code = arena_strdup(a, db_text(q, 1));
		r->title = arena_strdup(a, db_text(q, 2));
		r->total_ttc = db_int(q, 3);
		r->kind = arena_strdup(a, db_text(q, 4));
		r->activity_id = db_int(q, 5);
		r->status = "submitted";
	}
	if (db_done(q) != BG_OK)
		return bg_db_fail(err);
	return expense_receipts_fill(d, a, *out, *n, err);
}


/* The reports expense_list_visible lists. */
#define EXPENSE_LIST_FROM                                                                                              \
	" FROM expense_reports e JOIN activities a ON a.id = e.activity_id WHERE " ECONOMY_VISIBLE_SQL                \
	" AND (? IS NULL OR e.status = ?)" /* the viewer twice, the status twice */

bg_status expense_list_visible(db *d, arena *a, int64_t viewer_id, const char *status, int64_t limit,
			       int64_t offset, expense_view **out, size_t *n, int64_t *total, bg_error *err)
{
	assert(limit > 0 && offset >= 0);
	db_stmt *q = DB_PAGE_QUERY(d, total, "SELECT e.id, e.activity_id, e.kind, e.title, e.status, e.total_ttc",
				   EXPENSE_LIST_FROM, "e.id DESC", limit, offset, "iiss", viewer_id, viewer_id, status,
				   status);
	*out = NULL;
	*n = 0;
	while (db_next(q) == 1) {
		*out = arena_grow(a, *out, *n, sizeof **out);
		expense_view *r = &(*out)[(*n)++];
		memset(r, 0, sizeof *r);
		r->id = db_int(q, 0);
		r->activity_id = db_int(q, 1);
		r->kind = arena_strdup(a, db_text(q, 2));
		r->title = arena_strdup(a, db_text(q, 3));
		r->status = arena_strdup(a, db_text(q, 4));
		r->total_ttc = db_int(q, 5);
	}
	return db_done(q) == BG_OK ? BG_OK : bg_db_fail(err);
}
