/* test_sales.c — totals and their rounding rule, SIREN checks, invoices
 * from draft to paid, credit notes, rights, gap-free numbering under 20
 * concurrent validations, the PDF's mandatory mentions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include "testdb.h"
#include "auth/authz.h"
#include "core/money.h"
#include "economy/economy.h"
#include "economy/eco_internal.h"
#include "economy/ledger.h"
#include "economy/pdf.h"
#include "testclock.h"

static int64_t coop_id, member_id, accountant_id, outsider_id, act_id, client_id;

static int64_t add_person(db *d, const char *email)
{
	assert_int_equal(db_exec(d, NULL, "INSERT INTO people(email, display_name, created_at, updated_at) VALUES (?, ?, 0, 0)",
		"ss", email, email), BG_OK);
	return db_last_id(d);
}

static int setup(void **state)
{
	db *d = testdb_open();
	bg_error err;
	if (db_begin(d, DB_WRITE, NULL) != BG_OK)
		return -1;
	assert_int_equal(db_exec(d, NULL, "INSERT INTO cooperatives(name, legal_form, siren, created_at)"
			 " VALUES ('Coopérative Éole', 'CAE', '448762526', 0)", NULL), BG_OK);
	coop_id = db_last_id(d);
	assert_int_equal(db_exec(d, NULL, "INSERT INTO cooperatives(name, legal_form, created_at) VALUES ('Other', 'CAE', 0)", NULL), BG_OK);
	member_id = add_person(d, "m@x.org");
	accountant_id = add_person(d, "a@x.org");
	outsider_id = add_person(d, "o@x.org");
	scope s = {SCOPE_COOPERATIVE, coop_id};
	assert_int_equal(authz_grant(d, 0, member_id, ROLE_MEMBER, s, NULL), BG_OK);
	assert_int_equal(authz_grant(d, 0, accountant_id, ROLE_ACCOUNTANT, s, NULL), BG_OK);
	assert_int_equal(authz_grant(d, 0, outsider_id, ROLE_MEMBER, (scope){SCOPE_COOPERATIVE, coop_id + 1}, NULL), BG_OK);
	int64_t members[] = {member_id};
	if (activity_create(d, accountant_id, coop_id, "GRAPH", "Graphisme Léa", members, 1, -1, &act_id, &err) != BG_OK)
		return -1;
	assert_int_equal(db_exec(d, NULL, "UPDATE cooperatives SET address = '12 rue de la Paix', postcode = '75002', commune = 'Paris'"
			 " WHERE id = ?", "i", coop_id), BG_OK);
	assert_int_equal(db_exec(d, NULL, "UPDATE economy_settings SET vat_number = 'FR49448762526', self_validation_max = 100000"
			 " WHERE cooperative_id = ?", "i", coop_id), BG_OK);
	client_in c = {act_id, "company", "Société Générale de Peinture", "552120222", "FR27552120222",
		       "3 avenue des Champs, 33000 Bordeaux", NULL, 45, NULL, NULL};
	if (client_create(d, member_id, &c, &client_id, &err) != BG_OK) {
		fprintf(stderr, "client: %s %s\n", err.code, err.field ? err.field : "");
		return -1;
	}
	if (db_commit(d, NULL) != BG_OK)
		return -1;
	*state = d;
	return 0;
}

static int teardown(void **state)
{
	testdb_close(*state);
	pdf_shutdown();
	return 0;
}

static void test_rounding_rule(void **state)
{
	(void)state;
	sales_totals t;
	bg_error err;
	/* 3 × 0.333 € at 20 %: per line 0.999 → 1.00 €; VAT on the base of the rate */
	sales_line_in l1[] = {{"a", 1000, 33, 2000, 0, false}, {"b", 1000, 33, 2000, 0, false},
			      {"c", 1000, 34, 2000, 0, false}};
	assert_int_equal(sales_compute(l1, 3, &t, &err), BG_OK);
	assert_int_equal(t.ht, 100);
	assert_int_equal(t.vat_total, 20);
	/* quantity 1.255 × 10.01 € = 12.56255 → 12.56; VAT 5.5 % of 12.56 = 0.6908 → 0.69 */
	sales_line_in l2[] = {{"x", 1255, 1001, 550, 0, false}};
	assert_int_equal(sales_compute(l2, 1, &t, &err), BG_OK);
	assert_int_equal(t.line_ht[0], 1256);
	assert_int_equal(t.vat_total, 69);
	assert_int_equal(t.ttc, 1325);
	/* VAT per rate, not per line: 2 × 0.05 € at 10 % → base 0.10, VAT 0.01
	 * (per line it would be 2 × round(0.005) = 0.02) */
	sales_line_in l3[] = {{"x", 1000, 5, 1000, 0, false}, {"y", 1000, 5, 1000, 0, false}};
	assert_int_equal(sales_compute(l3, 2, &t, &err), BG_OK);
	assert_int_equal(t.vat_total, 1);
	/* discount 12.5 % of 99.99 € = 12.49875 → 12.50, line 87.49 */
	sales_line_in l4[] = {{"x", 1000, 9999, 2000, 1250, false}};
	assert_int_equal(sales_compute(l4, 1, &t, &err), BG_OK);
	assert_int_equal(t.line_ht[0], 8749);
	/* bad inputs name their field */
	sales_line_in bad[] = {{"x", 1000, 100, 1900, 0, false}};
	assert_int_equal(sales_compute(bad, 1, &t, &err), BG_ERR_INVALID);
	assert_string_equal(err.field, "lines[0].vat_bp");
	bad[0].vat_bp = 2000;
	bad[0].unit_cents = -1;
	assert_int_equal(sales_compute(bad, 1, &t, &err), BG_ERR_INVALID);
	assert_string_equal(err.field, "lines[0].unit_price_cents");
	bad[0].unit_cents = MONEY_MAX;
	bad[0].quantity_milli = 2000;
	assert_int_equal(sales_compute(bad, 1, &t, &err), BG_ERR_INVALID);
	assert_string_equal(err.field, "lines[0].quantity");
	/* every line's every wrong field at once, each its own error */
	sales_line_in several[] = {{"", 0, 100, 2000, 0, false},
				   {"ok", 1000, -5, 1900, 10001, false},
				   {"ok", 1000, 100, 2000, 0, false},
				   {"ok", 1000, MONEY_MAX + 1, 2000, 0, false}};
	bg_field_errors fe = {0};
	sales_compute_fields(several, 4, &t, &fe);
	assert_int_equal(fe.n, 6);
	assert_string_equal(bg_field_error_of(&fe, "lines[0].description")->code, "invalid_description");
	assert_string_equal(bg_field_error_of(&fe, "lines[0].quantity")->code, "invalid_quantity");
	assert_string_equal(bg_field_error_of(&fe, "lines[1].unit_price_cents")->code, "negative_amount");
	assert_string_equal(bg_field_error_of(&fe, "lines[1].vat_bp")->code, "invalid_vat_rate");
	assert_string_equal(bg_field_error_of(&fe, "lines[1].discount_bp")->code, "invalid_discount");
	assert_string_equal(bg_field_error_of(&fe, "lines[3].unit_price_cents")->code, "amount_too_large");
	assert_null(bg_field_error_of(&fe, "lines[2].description"));
	/* sales_compute says the first of them */
	assert_int_equal(sales_compute(several, 4, &t, &err), BG_ERR_INVALID);
	assert_string_equal(err.field, "lines[0].description");
}

static int64_t draft_invoice(db *d, int64_t actor, int64_t unit_cents, bg_error *err)
{
	sales_line_in lines[] = {
		{"Création d'un logo — « identité visuelle » complète", 2500, unit_cents, 2000, 0, false},
		{"Impression", 1000, 1000, 550, 0, true},
	};
	sales_doc_in in = {act_id, client_id, "invoice", NULL, "2026-01-10", "Logo", "", NULL, lines, 2};
	int64_t id = 0;
	if (db_begin(d, DB_WRITE, NULL) != BG_OK)
		return 0;
	if (sales_create(d, actor, &in, &id, err) != BG_OK) {
		db_rollback(d);
		return 0;
	}
	assert_int_equal(db_commit(d, NULL), BG_OK);
	return id;
}

static bg_status validate(db *d, int64_t actor, int64_t id, const char *date, bg_error *err)
{
	bg_status st = db_begin(d, DB_WRITE, err);
	if (st == BG_OK)
		st = sales_validate(d, actor, id, date, err);
	if (st == BG_OK)
		return db_commit(d, err);
	db_rollback(d);
	return st;
}

static void test_invoice_life(void **state)
{
	db *d = *state;
	bg_error err;
	int64_t id = draft_invoice(d, member_id, 40000, &err);
	assert_true(id > 0);
	/* an outsider does not even see it; above the ceiling a member cannot validate */
	assert_int_equal(validate(d, outsider_id, id, "2026-02-01", &err), BG_ERR_NOT_FOUND);
	assert_int_equal(validate(d, member_id, id, "2026-02-01", &err), BG_ERR_FORBIDDEN);
	assert_int_equal(validate(d, accountant_id, id, "2026-02-30", &err), BG_ERR_INVALID);
	assert_string_equal(err.field, "date");
	assert_int_equal(validate(d, accountant_id, id, "2026-02-01", &err), BG_OK);
	db_stmt *q = db_query(d, "SELECT number, status, due_date, total_ht, total_vat, total_ttc, entry_id,"
				 " length(pdf) FROM sales_documents WHERE id = ?", "i", id);
	assert_int_equal(db_next(q), 1);
	assert_string_equal(db_text(q, 0), "2026-000001");
	assert_string_equal(db_text(q, 1), "validated");
	assert_string_equal(db_text(q, 2), "2026-03-18"); /* 45 days */
	assert_int_equal(db_int(q, 3), 101000);
	assert_int_equal(db_int(q, 4), 20055);             /* 20 % of 1000 + 5.5 % of 10 */
	assert_int_equal(db_int(q, 5), 121055);
	int64_t entry = db_int(q, 6);
	assert_true(db_int(q, 7) > 1000);
	assert_int_equal(db_done(q), BG_OK);
	/* the sales entry */
	int64_t n;
	bool found;
	assert_int_equal(db_scalar(d, NULL, &n, &found, "SELECT debit FROM ledger_lines WHERE entry_id = ? AND account = '411'"
				       " AND activity_id = ?", "ii", entry, act_id), BG_OK);
	assert_int_equal(n, 121055);
	assert_int_equal(db_scalar(d, NULL, &n, &found, "SELECT credit FROM ledger_lines WHERE entry_id = ? AND account = '44571'", "i", entry), BG_OK);
	assert_int_equal(n, 20055);
	assert_int_equal(db_scalar(d, NULL, &n, &found, "SELECT credit FROM ledger_lines WHERE entry_id = ? AND account = '707'", "i", entry), BG_OK);
	assert_int_equal(n, 1000);
	/* validating twice, editing after validation */
	assert_int_equal(validate(d, accountant_id, id, "2026-02-01", &err), BG_ERR_CONFLICT);
	assert_string_equal(err.code, "already_validated");
	sales_line_in lines[] = {{"x", 1000, 1, 2000, 0, false}};
	sales_doc_in in = {act_id, client_id, "invoice", NULL, NULL, "", "", NULL, lines, 1};
	assert_int_equal(db_begin(d, DB_WRITE, NULL), BG_OK);
	assert_int_equal(sales_update(d, member_id, id, &in, &err), BG_ERR_CONFLICT);
	assert_string_equal(err.code, "document_frozen");
	/* and the database refuses by itself */
	assert_int_equal(db_exec(d, &err, "UPDATE sales_documents SET total_ht = 1 WHERE id = ?", "i", id), BG_ERR_CONFLICT);
	assert_int_equal(db_exec(d, &err, "UPDATE sales_lines SET unit_cents = 1 WHERE document_id = ?", "i", id), BG_ERR_CONFLICT);
	assert_int_equal(db_exec(d, &err, "UPDATE sales_documents SET pdf = x'00' WHERE id = ?", "i", id), BG_ERR_CONFLICT);
	db_rollback(d);
	/* payments: partial, overpayment refused, the rest */
	payment_alloc a1[] = {{id, 50000}};
	int64_t pid;
	assert_int_equal(db_begin(d, DB_WRITE, NULL), BG_OK);
	assert_int_equal(payment_record(d, member_id, "2026-02-10", "transfer", "VIR 1", a1, 1, &pid, &err), BG_ERR_FORBIDDEN);
	assert_int_equal(payment_record(d, accountant_id, "2026-02-10", "transfer", "VIR 1", a1, 1, &pid, &err), BG_OK);
	a1[0].amount = 71056;
	assert_int_equal(payment_record(d, accountant_id, "2026-02-11", "cheque", "CHQ", a1, 1, &pid, &err), BG_ERR_UNPROCESSABLE);
	assert_string_equal(err.field, "allocations[0].amount_cents");
	a1[0].amount = 71055;
	assert_int_equal(payment_record(d, accountant_id, "2026-02-11", "cheque", "CHQ", a1, 1, &pid, &err), BG_OK);
	assert_int_equal(db_commit(d, NULL), BG_OK);
	assert_int_equal(db_scalar(d, NULL, &n, &found, "SELECT status = 'paid' AND paid = total_ttc FROM sales_documents WHERE id = ?", "i", id), BG_OK);
	assert_int_equal(n, 1);
	assert_int_equal(db_scalar(d, NULL, &n, &found, "SELECT sum(debit - credit) FROM ledger_balances WHERE account = '411'", NULL), BG_OK);
	assert_int_equal(n, 0);
}

static void test_credit_note_and_self_validation(void **state)
{
	db *d = *state;
	bg_error err;
	/* under the ceiling (1 000 €) the member validates their own invoice */
	int64_t id = draft_invoice(d, member_id, 10000, &err);
	assert_int_equal(validate(d, member_id, id, "2026-02-15", &err), BG_OK);
	/* an invoice cannot be dated before the last one */
	int64_t id2 = draft_invoice(d, member_id, 10000, &err);
	assert_int_equal(validate(d, member_id, id2, "2026-02-14", &err), BG_ERR_CONFLICT);
	assert_string_equal(err.field, "date");
	int64_t cn;
	assert_int_equal(db_begin(d, DB_WRITE, NULL), BG_OK);
	assert_int_equal(sales_credit_note(d, member_id, id, "2026-02-16", &cn, &err), BG_OK);
	assert_int_equal(db_commit(d, NULL), BG_OK);
	db_stmt *q = db_query(d, "SELECT number, kind, source_id, (SELECT status FROM sales_documents WHERE id = ?)"
				 " FROM sales_documents WHERE id = ?", "ii", id, cn);
	assert_int_equal(db_next(q), 1);
	assert_string_equal(db_text(q, 0), "2026-000003");
	assert_string_equal(db_text(q, 1), "credit_note");
	assert_int_equal(db_int(q, 2), id);
	assert_string_equal(db_text(q, 3), "cancelled");
	assert_int_equal(db_done(q), BG_OK);
	/* the credit note's entry reverses the invoice's */
	int64_t n;
	bool found;
	assert_int_equal(db_scalar(d, NULL, &n, &found, "SELECT count(*) FROM ledger_entries r JOIN sales_documents i"
				       " ON i.entry_id = r.reverses_id WHERE i.id = ?", "i", id), BG_OK);
	assert_int_equal(n, 1);
	assert_int_equal(db_begin(d, DB_WRITE, NULL), BG_OK);
	assert_int_equal(sales_credit_note(d, member_id, id, "2026-02-16", &cn, &err), BG_ERR_CONFLICT);
	db_rollback(d);
}

static void test_pdf_mentions(void **state)
{
	db *d = *state;
	bg_error err;
	int64_t id = draft_invoice(d, member_id, 12345, &err);
	/* a long description that must wrap across pages */
	char *longtext = malloc(60000);
	longtext[0] = 0;
	for (int i = 0; i < 65; i++)
		strcat(longtext, "Prestation détaillée : réunion, maquettes, révisions et livraison. ");
	sales_line_in lines[] = {{longtext, 1000, 10000, 2000, 0, false}, {"Formation élève", 1500, 2000, 0, 0, false}};
	sales_doc_in in = {act_id, client_id, "invoice", NULL, "2026-01-05", "Mission été", "Merci !",
			   "TVA non applicable, art. 293 B du CGI", lines, 2};
	assert_int_equal(db_begin(d, DB_WRITE, NULL), BG_OK);
	assert_int_equal(sales_update(d, member_id, id, &in, &err), BG_OK);
	assert_int_equal(db_commit(d, NULL), BG_OK);
	assert_int_equal(validate(d, accountant_id, id, "2026-03-01", &err), BG_OK);
	unsigned char *pdf;
	size_t len;
	assert_int_equal(db_begin(d, DB_READ, NULL), BG_OK);
	assert_int_equal(sales_pdf(d, member_id, id, "fr", &pdf, &len, &err), BG_OK);
	db_rollback(d);
	char path[128], cmd[400];
	snprintf(path, sizeof path, "%s/invoice.pdf", testdb_dir);
	FILE *f = fopen(path, "wb");
	fwrite(pdf, 1, len, f);
	fclose(f);
	free(pdf);
	free(longtext);
	snprintf(cmd, sizeof cmd, "pdftotext -layout %s %s/invoice.txt && pdfinfo %s | grep -q 'Pages: *[2-9]'",
		 path, testdb_dir, path);
	assert_int_equal(system(cmd), 0);
	snprintf(path, sizeof path, "%s/invoice.txt", testdb_dir);
	f = fopen(path, "rb");
	static char text[400000];
	size_t n = fread(text, 1, sizeof text - 1, f);
	text[n] = 0;
	fclose(f);
	static const char *const mentions[] = {
		"FACTURE N° 2026-00000", "Coopérative Éole", "SIREN 448 762 526", "FR49448762526",
		"12 rue de la Paix", "Société Générale de Peinture", "SIREN 552 120 222", "FR27552120222",
		"Date : 01/03/2026", "Date de la prestation ou de la livraison : 05/01/2026",
		"Date d'échéance du paiement : 15/04/2026", "TVA 20 % sur", "TVA 0 % sur", "Total HT",
		"Total TTC", "pénalités au taux annuel de 12 %", "40 €",
		"TVA non applicable, art. 293 B du CGI", "Formation élève", "Graphisme Léa", "1,5",
		"Merci !", "page 2", "Catégorie de l'opération : prestation de services",
	};
	for (size_t i = 0; i < sizeof mentions / sizeof *mentions; i++)
		if (!strstr(text, mentions[i]))
			fail_msg("mention missing from the PDF: %s", mentions[i]);
}

static void count_problem(void *ctx, const char *what)
{
	fprintf(stderr, "problem: %s\n", what);
	(*(int *)ctx)++;
}

/* --- 20 validations in parallel, each on its own connection --- */
typedef struct worker {
	int64_t id;
	bg_status st;
} worker;

static void *validate_worker(void *arg)
{
	worker *w = arg;
	char path[128];
	snprintf(path, sizeof path, "%s/test.db", testdb_dir);
	db *d = NULL;
	bg_error err;
	if (db_open(path, false, &d, &err) != BG_OK) {
		w->st = BG_ERR_DB;
		return NULL;
	}
	w->st = validate(d, accountant_id, w->id, "2026-06-01", &err);
	db_close(d);
	return NULL;
}

static void test_concurrent_numbering(void **state)
{
	db *d = *state;
	bg_error err;
	enum { N = 24 };
	worker w[N];
	pthread_t th[N];
	for (int i = 0; i < N; i++) {
		w[i].id = draft_invoice(d, member_id, 1000 + i, &err);
		assert_true(w[i].id > 0);
	}
	for (int i = 0; i < N; i++)
		pthread_create(&th[i], NULL, validate_worker, &w[i]);
	for (int i = 0; i < N; i++)
		pthread_join(th[i], NULL);
	for (int i = 0; i < N; i++)
		assert_int_equal(w[i].st, BG_OK);
	int64_t n, lo, hi;
	bool found;
	assert_int_equal(db_scalar(d, NULL, &n, &found, "SELECT count(DISTINCT number) FROM sales_documents WHERE issue_date = '2026-06-01'", NULL), BG_OK);
	assert_int_equal(n, N);
	assert_int_equal(db_scalar(d, NULL, &lo, &found, "SELECT min(seq) FROM sales_documents WHERE issue_date = '2026-06-01'", NULL), BG_OK);
	assert_int_equal(db_scalar(d, NULL, &hi, &found, "SELECT max(seq) FROM sales_documents WHERE issue_date = '2026-06-01'", NULL), BG_OK);
	assert_int_equal(hi - lo + 1, N);
	assert_int_equal(db_scalar(d, NULL, &n, &found, "SELECT max(seq) = count(*) FROM sales_documents WHERE year = 2026", NULL), BG_OK);
	assert_int_equal(n, 1);
}

/* Runs f(d) in one write transaction, committed when it succeeds. */
#define IN_TX(d, call)                                                                      \
	do {                                                                                \
		assert_int_equal(db_begin(d, DB_WRITE, NULL), BG_OK);                       \
		bg_status st_ = (call);                                                     \
		if (st_ == BG_OK)                                                           \
			assert_int_equal(db_commit(d, NULL), BG_OK);                        \
		else                                                                        \
			db_rollback(d);                                                     \
		last_status = st_;                                                          \
	} while (0)
static bg_status last_status;

/* The text of a PDF (pdftotext), into a static buffer. */
static const char *pdf_text(const unsigned char *pdf, size_t len)
{
	char path[512], cmd[1200];
	snprintf(path, sizeof path, "%s/client.pdf", testdb_dir);
	FILE *f = fopen(path, "wb");
	fwrite(pdf, 1, len, f);
	fclose(f);
	snprintf(cmd, sizeof cmd, "pdftotext -layout %s %s/client.txt", path, testdb_dir);
	assert_int_equal(system(cmd), 0);
	snprintf(path, sizeof path, "%s/client.txt", testdb_dir);
	f = fopen(path, "rb");
	static char text[200000];
	size_t n = fread(text, 1, sizeof text - 1, f);
	text[n] = 0;
	fclose(f);
	return text;
}

/* A client is read by who sees its activity, edited by who may create
 * clients there, checked as at creation, audited before/after; a
 * validated invoice keeps the client as it was, a new draft follows. */
static void test_client_edit(void **state)
{
	db *d = *state;
	bg_error err;
	int64_t cid = 0, other = 0;
	client_in c = {act_id, "company", "Ancienne Raison SA", "552120222", "FR27552120222",
		       "1 rue Ancienne, 69001 Lyon", "compta@ancienne.fr", 30, "en", NULL};
	IN_TX(d, client_create(d, member_id, &c, &cid, &err));
	assert_int_equal(last_status, BG_OK);
	/* a validated invoice for it, and a member of the cooperative outside the activity */
	sales_line_in lines[] = {{"Conseil", 1000, 10000, 2000, 0, false}};
	sales_doc_in in = {act_id, cid, "invoice", NULL, NULL, "Conseil", "", NULL, lines, 1};
	int64_t inv = 0;
	IN_TX(d, sales_create(d, member_id, &in, &inv, &err));
	assert_int_equal(last_status, BG_OK);
	assert_int_equal(validate(d, accountant_id, inv, "2026-07-01", &err), BG_OK);
	assert_int_equal(db_begin(d, DB_WRITE, NULL), BG_OK);
	other = add_person(d, "other-member@x.org");
	assert_int_equal(authz_grant(d, 0, other, ROLE_MEMBER, (scope){SCOPE_COOPERATIVE, coop_id}, NULL), BG_OK);
	assert_int_equal(db_commit(d, NULL), BG_OK);

	client_row row;
	assert_int_equal(client_get(d, member_id, cid, &row, &err), BG_OK);
	assert_string_equal(row.name, "Ancienne Raison SA");
	assert_string_equal(row.lang, "en");
	assert_int_equal(row.payment_terms_days, 30);
	assert_true(row.can_write);
	assert_int_equal(client_get(d, outsider_id, cid, &row, &err), BG_ERR_NOT_FOUND);
	assert_int_equal(client_get(d, other, cid, &row, &err), BG_ERR_NOT_FOUND);
	assert_int_equal(client_get(d, accountant_id, cid, &row, &err), BG_OK);

	/* refusals name their field and change nothing */
	struct {
		client_in in;
		bg_status st;
		const char *field;
	} bad[] = {
		{{0, "company", "X", "552120223", NULL, "a", NULL, 30, NULL, NULL}, BG_ERR_INVALID, "siren"},
		{{0, "individual", "X", "552120222", NULL, "a", NULL, 30, NULL, NULL}, BG_ERR_INVALID, "siren"},
		{{0, "company", "X", NULL, "FR00552120222", "a", NULL, 30, NULL, NULL}, BG_ERR_INVALID, "vat_number"},
		{{0, "company", "", NULL, NULL, "a", NULL, 30, NULL, NULL}, BG_ERR_INVALID, "name"},
		{{0, "company", "X", NULL, NULL, "", NULL, 30, NULL, NULL}, BG_ERR_INVALID, "address"},
		{{0, "company", "X", NULL, NULL, "a", "not-an-address", 30, NULL, NULL}, BG_ERR_INVALID, "email"},
		{{0, "company", "X", NULL, NULL, "a", NULL, 61, NULL, NULL}, BG_ERR_INVALID, "payment_terms_days"},
		{{0, "company", "X", NULL, NULL, "a", NULL, 30, "de", NULL}, BG_ERR_INVALID, "lang"},
		{{0, "shop", "X", NULL, NULL, "a", NULL, 30, NULL, NULL}, BG_ERR_INVALID, "kind"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		IN_TX(d, client_update(d, member_id, cid, &bad[i].in, &err));
		assert_int_equal(last_status, bad[i].st);
		assert_string_equal(err.field, bad[i].field);
	}
	client_in ok = {0, "company", "Nouvelle Raison SAS", "448762526", "FR49448762526", "9 quai Neuf, 44000 Nantes",
			"", -1, "fr", NULL};
	IN_TX(d, client_update(d, outsider_id, cid, &ok, &err));
	assert_int_equal(last_status, BG_ERR_NOT_FOUND);
	IN_TX(d, client_update(d, other, cid, &ok, &err));
	assert_int_equal(last_status, BG_ERR_NOT_FOUND);
	assert_int_equal(client_get(d, member_id, cid, &row, &err), BG_OK);
	assert_string_equal(row.name, "Ancienne Raison SA");
	int64_t n;
	bool found;
	assert_int_equal(db_scalar(d, NULL, &n, &found, "SELECT count(*) FROM audit_log WHERE entity = 'client' AND action = 'update'"
				       " AND entity_id = ?", "i", cid), BG_OK);
	assert_int_equal(n, 0);

	/* the member edits it: every field, the cooperative's terms, audited */
	IN_TX(d, client_update(d, member_id, cid, &ok, &err));
	assert_int_equal(last_status, BG_OK);
	assert_int_equal(client_get(d, member_id, cid, &row, &err), BG_OK);
	assert_string_equal(row.name, "Nouvelle Raison SAS");
	assert_string_equal(row.siren, "448762526");
	assert_string_equal(row.address, "9 quai Neuf, 44000 Nantes");
	assert_string_equal(row.email, "");
	assert_string_equal(row.lang, "fr");
	assert_int_equal(row.payment_terms_days, 30);
	db_stmt *q = db_query(d, "SELECT actor_id, before, after FROM audit_log WHERE entity = 'client' AND action = 'update'"
				 " AND entity_id = ?", "i", cid);
	assert_int_equal(db_next(q), 1);
	assert_int_equal(db_int(q, 0), member_id);
	assert_non_null(strstr(db_text(q, 1), "\"name\":\"Ancienne Raison SA\""));
	assert_non_null(strstr(db_text(q, 1), "\"email\":\"compta@ancienne.fr\""));
	assert_non_null(strstr(db_text(q, 2), "\"name\":\"Nouvelle Raison SAS\""));
	assert_non_null(strstr(db_text(q, 2), "\"email\":null"));
	assert_int_equal(db_done(q), BG_OK);

	/* the validated invoice keeps the client as it was, in every view */
	q = db_query(d, "SELECT name, address, siren, lang, frozen FROM sales_document_client WHERE document_id = ?", "i", inv);
	assert_int_equal(db_next(q), 1);
	assert_string_equal(db_text(q, 0), "Ancienne Raison SA");
	assert_string_equal(db_text(q, 1), "1 rue Ancienne, 69001 Lyon");
	assert_string_equal(db_text(q, 2), "552120222");
	assert_string_equal(db_text(q, 3), "en");
	assert_int_equal(db_int(q, 4), 1);
	assert_int_equal(db_done(q), BG_OK);
	buf pdf;
	buf_init(&pdf);
	assert_int_equal(pdf_render_document(d, inv, NULL, &pdf, &err), BG_OK); /* a re-render */
	const char *text = pdf_text((const unsigned char *)pdf.data, pdf.len);
	assert_non_null(strstr(text, "Ancienne Raison SA"));
	assert_non_null(strstr(text, "1 rue Ancienne"));
	assert_non_null(strstr(text, "INVOICE")); /* the language of the day */
	assert_null(strstr(text, "Nouvelle Raison"));
	buf_free(&pdf);
	/* the database refuses to change the copy */
	assert_int_equal(db_begin(d, DB_WRITE, NULL), BG_OK);
	assert_int_equal(db_exec(d, &err, "UPDATE sales_documents SET client_name = 'X' WHERE id = ?", "i", inv),
			 BG_ERR_CONFLICT);
	db_rollback(d);
	/* a new draft follows the client; validated, it keeps the new identity */
	int64_t draft = 0;
	IN_TX(d, sales_create(d, member_id, &in, &draft, &err));
	assert_int_equal(last_status, BG_OK);
	q = db_query(d, "SELECT name, frozen FROM sales_document_client WHERE document_id = ?", "i", draft);
	assert_int_equal(db_next(q), 1);
	assert_string_equal(db_text(q, 0), "Nouvelle Raison SAS");
	assert_int_equal(db_int(q, 1), 0);
	assert_int_equal(db_done(q), BG_OK);
	unsigned char *bytes;
	size_t len;
	assert_int_equal(sales_pdf(d, member_id, draft, NULL, &bytes, &len, &err), BG_OK);
	text = pdf_text(bytes, len);
	free(bytes);
	assert_non_null(strstr(text, "Nouvelle Raison SAS"));
	assert_non_null(strstr(text, "FACTURE"));

	/* a closed activity's clients are no longer edited */
	assert_int_equal(db_begin(d, DB_WRITE, NULL), BG_OK);
	assert_int_equal(activity_update(d, accountant_id, act_id, "Graphisme Léa", "closed", -1, NULL, 0, &err), BG_OK);
	assert_int_equal(client_update(d, accountant_id, cid, &ok, &err), BG_ERR_CONFLICT);
	assert_int_equal(client_get(d, accountant_id, cid, &row, &err), BG_OK);
	assert_false(row.can_write);
	db_rollback(d);
}

/* A member whose own expense reports are not settled stays in the
 * activity; once settled they may be removed, and their drafts stay with
 * the activity for the other members. */
static void test_member_remove_open_items(void **state)
{
	db *d = *state;
	bg_error err;
	assert_int_equal(db_begin(d, DB_WRITE, NULL), BG_OK);
	int64_t leaver = add_person(d, "leaver@x.org");
	assert_int_equal(authz_grant(d, 0, leaver, ROLE_MEMBER, (scope){SCOPE_COOPERATIVE, coop_id}, NULL), BG_OK);
	int64_t add[] = {leaver};
	assert_int_equal(activity_update(d, accountant_id, act_id, "Graphisme Léa", "support", -1, add, 1, &err), BG_OK);
	assert_int_equal(db_commit(d, NULL), BG_OK);
	expense_line_in el[] = {{"2026-07-02", "travel", "Train", 5000, 0, 0, 0}};
	expense_in ex = {act_id, "expense", "Déplacement", NULL, NULL, el, 1, NULL};
	int64_t exp = 0, inv = 0;
	IN_TX(d, expense_create(d, leaver, &ex, &exp, &err));
	assert_int_equal(last_status, BG_OK);
	sales_line_in lines[] = {{"Affiche", 1000, 20000, 2000, 0, false}};
	sales_doc_in in = {act_id, client_id, "invoice", NULL, NULL, "Affiche", "", NULL, lines, 1};
	IN_TX(d, sales_create(d, leaver, &in, &inv, &err));
	assert_int_equal(last_status, BG_OK);
	/* draft, then submitted, then validated-but-unpaid: refused each time */
	IN_TX(d, activity_member_remove(d, accountant_id, act_id, leaver, &err));
	assert_int_equal(last_status, BG_ERR_CONFLICT);
	assert_string_equal(err.code, "open_expense_reports");
	assert_string_equal(err.field, "members");
	IN_TX(d, expense_submit(d, leaver, exp, &err));
	assert_int_equal(last_status, BG_OK);
	IN_TX(d, activity_member_remove(d, accountant_id, act_id, leaver, &err));
	assert_int_equal(last_status, BG_ERR_CONFLICT);
	IN_TX(d, expense_decide(d, accountant_id, exp, true, NULL, "2026-07-03", &err));
	assert_int_equal(last_status, BG_OK);
	IN_TX(d, activity_member_remove(d, accountant_id, act_id, leaver, &err));
	assert_int_equal(last_status, BG_ERR_CONFLICT);
	int64_t n;
	bool found;
	assert_int_equal(db_scalar(d, NULL, &n, &found, "SELECT count(*) FROM activity_members WHERE activity_id = ? AND person_id = ?",
		  "ii", act_id, leaver), BG_OK);
	assert_int_equal(n, 1);
	/* reimbursed: the member may go */
	IN_TX(d, expense_pay(d, accountant_id, exp, "2026-07-04", &err));
	assert_int_equal(last_status, BG_OK);
	IN_TX(d, activity_member_remove(d, accountant_id, act_id, leaver, &err));
	assert_int_equal(last_status, BG_OK);
	/* their draft invoice stays theirs, and the other member carries on with it */
	assert_int_equal(db_scalar(d, NULL, &n, &found, "SELECT created_by FROM sales_documents WHERE id = ?", "i", inv), BG_OK);
	assert_int_equal(n, leaver);
	IN_TX(d, sales_update(d, member_id, inv, &in, &err));
	assert_int_equal(last_status, BG_OK);
	IN_TX(d, sales_update(d, leaver, inv, &in, &err));
	assert_int_equal(last_status, BG_ERR_NOT_FOUND);
}

/* Regression: documents were dated by the UTC day, so an invoice validated
 * at 00:30 in Paris on 1 January was dated 31 December and numbered in the
 * old year.  The group's days are Paris days (core/tz.h). */
static void test_documents_dated_in_paris(void **state)
{
	db *d = *state;
	bg_error err;
	int64_t t;
	assert_true(date_parse_instant("2026-12-31T23:30:00Z", &t)); /* 00:30 on 1 January in Paris */
	date_clock_set(t);
	int64_t id = draft_invoice(d, member_id, 1000, &err);
	assert_true(id > 0);
	assert_int_equal(validate(d, accountant_id, id, NULL, &err), BG_OK);
	db_stmt *q = db_query(d, "SELECT issue_date, number FROM sales_documents WHERE id = ?", "i", id);
	assert_int_equal(db_next(q), 1);
	assert_string_equal(db_text(q, 0), "2027-01-01");
	assert_string_equal(db_text(q, 1), "2027-000001");
	assert_int_equal(db_done(q), BG_OK);
	testclock_set();
}

/* The readers decide for the actor: 404 without a role nor membership, 403
 * where the role does not allow reading the books; and a list shows an
 * activity exactly when activity_access lets one see it, even to a member
 * of it who holds no role allowing ECONOMY_USE (ECONOMY_VISIBLE_SQL). */
static void test_readers_check_the_actor(void **state)
{
	db *d = *state;
	arena ar;
	arena_init(&ar);
	bg_error err;
	size_t n;
	activity_balance_row *bal;
	assert_int_equal(activity_balance_list(d, &ar, outsider_id, act_id, &bal, &n, &err), BG_ERR_NOT_FOUND);
	assert_int_equal(activity_balance_list(d, &ar, member_id, act_id, &bal, &n, &err), BG_OK);
	ledger_account_row *acc;
	assert_int_equal(ledger_account_list(d, &ar, outsider_id, coop_id, &acc, &n, &err), BG_ERR_NOT_FOUND);
	assert_int_equal(ledger_account_list(d, &ar, member_id, coop_id, &acc, &n, &err), BG_ERR_FORBIDDEN);
	assert_int_equal(ledger_account_list(d, &ar, accountant_id, coop_id, &acc, &n, &err), BG_OK);
	assert_true(n > 0);
	client_list_row *clients;
	assert_int_equal(client_list_visible(d, &ar, outsider_id, act_id, &clients, &n, &err), BG_OK);
	assert_int_equal(n, 0);
	int64_t lone = add_person(d, "lone@x.org");
	assert_int_equal(db_exec(d, &err, "INSERT INTO activity_members(activity_id, person_id) VALUES (?, ?)", "ii",
				 act_id, lone), BG_OK);
	activity a;
	assert_int_equal(activity_access(d, lone, act_id, false, &a, &err), BG_ERR_NOT_FOUND);
	activity_row *rows;
	assert_int_equal(activity_list_visible(d, &ar, lone, &rows, &n, &err), BG_OK);
	assert_int_equal(n, 0);
	assert_int_equal(activity_list_visible(d, &ar, member_id, &rows, &n, &err), BG_OK);
	assert_int_equal(n, 1);
	assert_int_equal(db_exec(d, &err, "DELETE FROM activity_members WHERE person_id = ?", "i", lone), BG_OK);
	arena_free_all(&ar);
}

/* A read that fails is an error, never an empty answer: with a table the
 * queries need hidden (renamed inside a transaction that is rolled back),
 * a list reader answers BG_ERR_DB, and `bigre check` (ledger_check,
 * economy_check) reports a problem instead of passing. */
static void test_failed_read_is_an_error(void **state)
{
	db *d = *state;
	arena ar;
	arena_init(&ar);
	bg_error err;
	size_t n = 0;
	int problems = 0;
	assert_int_equal(db_begin(d, DB_WRITE, &err), BG_OK);
	assert_int_equal(db_exec(d, &err, "ALTER TABLE payment_allocations RENAME TO hidden_allocations", NULL), BG_OK);
	payment_row *pays;
	assert_int_equal(payment_list_visible(d, &ar, accountant_id, &pays, &n, &err), BG_ERR_DB);
	economy_check(d, count_problem, &problems);
	assert_true(problems > 0);
	db_rollback(d);
	assert_int_equal(db_begin(d, DB_WRITE, &err), BG_OK);
	assert_int_equal(db_exec(d, &err, "ALTER TABLE ledger_balances RENAME TO hidden_balances", NULL), BG_OK);
	ledger_activity_result *res;
	assert_int_equal(ledger_activity_results(d, &ar, accountant_id, coop_id, &res, &n, &err), BG_ERR_DB);
	problems = 0;
	ledger_check(d, count_problem, &problems);
	assert_true(problems > 0);
	db_rollback(d);
	problems = 0;
	ledger_check(d, count_problem, &problems);
	economy_check(d, count_problem, &problems);
	assert_int_equal(problems, 0);
	arena_free_all(&ar);
}

static void test_checks_hold(void **state)
{
	db *d = *state;
	int problems = 0;
	ledger_check(d, count_problem, &problems);
	economy_check(d, count_problem, &problems);
	assert_int_equal(problems, 0);
}

int main(void)
{
	testclock_set();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rounding_rule),
		cmocka_unit_test(test_invoice_life),
		cmocka_unit_test(test_credit_note_and_self_validation),
		cmocka_unit_test(test_pdf_mentions),
		cmocka_unit_test(test_concurrent_numbering),
		cmocka_unit_test(test_client_edit),
		cmocka_unit_test(test_member_remove_open_items),
		cmocka_unit_test(test_documents_dated_in_paris),
		cmocka_unit_test(test_readers_check_the_actor),
		cmocka_unit_test(test_failed_read_is_an_error),
		cmocka_unit_test(test_checks_hold),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
