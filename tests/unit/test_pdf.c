/* test_pdf.c — the layout of invoice PDFs (issue 9): for 1, 20, 45 and
 * 120 lines with amounts of 10 000 € and more, in French and in English,
 * every amount stays whole on one line with its €, the heading row is on
 * every page the lines run onto and on one line, the totals block is on
 * one page, the foot says "page N / M"; the seller's address is the
 * cooperative's record; the 40 € recovery indemnity is printed for a
 * professional client only; migration 018 keeps the address of databases
 * that had it in the economic settings.
 *
 * PDF_KEEP_DIR=/some/dir keeps the PDFs rendered (to look at them). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include "testdb.h"
#include "auth/authz.h"
#include "core/embed.h"
#include "core/money.h"
#include "economy/economy.h"
#include "economy/eco_internal.h"
#include "economy/ledger.h"
#include "economy/pdf.h"
#include "network/network.h"
#include "testclock.h"

static int64_t coop_id, member_id, accountant_id, admin_id, act_id;
static int64_t company_fr, company_en, person_fr;

static int64_t add_person(db *d, const char *email)
{
	assert_int_equal(db_exec(d, NULL, "INSERT INTO people(email, display_name, created_at, updated_at) VALUES (?, ?, 0, 0)",
		"ss", email, email), BG_OK);
	return db_last_id(d);
}

/* A client of the activity; returns its id (0 on failure). */
static int64_t add_client(db *d, const char *kind, const char *name, const char *siren, const char *lang)
{
	client_in c = {act_id, kind, name, siren, NULL, "3 avenue des Champs\n33000 Bordeaux", NULL, 30, lang, NULL};
	int64_t id = 0;
	bg_error err;
	if (client_create(d, member_id, &c, &id, &err) != BG_OK)
		fprintf(stderr, "client: %s %s\n", err.code, err.field ? err.field : "");
	return id;
}

static int setup(void **state)
{
	db *d = testdb_open();
	bg_error err;
	if (db_begin(d, DB_WRITE, NULL) != BG_OK)
		return -1;
	assert_int_equal(db_exec(d, NULL, "INSERT INTO cooperatives(name, legal_form, siren, address, postcode, commune, created_at)"
			 " VALUES ('Coopérative Éole', 'CAE', '448762526', '12 rue de la Paix', '75002', 'Paris', 0)",
		NULL), BG_OK);
	coop_id = db_last_id(d);
	member_id = add_person(d, "m@x.org");
	accountant_id = add_person(d, "a@x.org");
	admin_id = add_person(d, "admin@x.org");
	scope s = {SCOPE_COOPERATIVE, coop_id};
	assert_int_equal(authz_grant(d, 0, member_id, ROLE_MEMBER, s, NULL), BG_OK);
	assert_int_equal(authz_grant(d, 0, accountant_id, ROLE_ACCOUNTANT, s, NULL), BG_OK);
	assert_int_equal(authz_grant(d, 0, admin_id, ROLE_ADMIN, s, NULL), BG_OK);
	int64_t members[] = {member_id};
	if (activity_create(d, accountant_id, coop_id, "GRAPH", "Graphisme Léa", members, 1, -1, &act_id, &err) != BG_OK)
		return -1;
	assert_int_equal(db_exec(d, NULL, "UPDATE economy_settings SET vat_number = 'FR49448762526', self_validation_max = 0"
			 " WHERE cooperative_id = ?", "i", coop_id), BG_OK);
	company_fr = add_client(d, "company", "Société Générale de Peinture", "552120222", NULL);
	company_en = add_client(d, "company", "Thames Painting Ltd", "552120222", "en");
	person_fr = add_client(d, "individual", "Paul Roux", NULL, NULL);
	if (!company_fr || !company_en || !person_fr || db_commit(d, NULL) != BG_OK)
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

/* A validated invoice of n lines to client: line k costs 1 000,00 € to
 * 11 171,16 € (some ≥ 10 000 €, quantities up to 10, so totals up to
 * 111 711,60 €), with a description that wraps every few lines. */
static int64_t invoice(db *d, int64_t client, int n)
{
	static sales_line_in lines[SALES_MAX_LINES];
	static char desc[SALES_MAX_LINES][200];
	for (int k = 0; k < n; k++) {
		snprintf(desc[k], sizeof desc[k], "Ligne %03d — %s", k + 1,
			 k % 4 == 3 ? "accompagnement au long cours, ateliers de conception, maquettes, "
				      "révisions successives et livraison des fichiers définitifs"
				    : "conception graphique");
		int64_t unit = k % 3 ? 1117116 : 100000 + k;
		lines[k] = (sales_line_in){desc[k], (k % 10 + 1) * 1000, unit, k % 5 == 4 ? 550 : 2000,
					   k % 7 == 6 ? 1250 : 0, false};
	}
	sales_doc_in in = {act_id, client, "invoice", NULL, NULL, "Mission", "", NULL, lines, (size_t)n};
	int64_t id = 0;
	bg_error err;
	if (db_begin(d, DB_WRITE, NULL) != BG_OK)
		return 0;
	if (sales_create(d, member_id, &in, &id, &err) != BG_OK || sales_validate(d, accountant_id, id, NULL, &err) != BG_OK) {
		fprintf(stderr, "invoice: %s %s\n", err.code, err.field ? err.field : "");
		db_rollback(d);
		return 0;
	}
	assert_int_equal(db_commit(d, NULL), BG_OK);
	return id;
}

/* Renders document id and returns the text pdftotext -layout reads in it
 * (malloc'd), with the narrow and non-breaking spaces made plain spaces;
 * *pages gets the page count (pages are separated by form feeds). */
static char *render_text(db *d, int64_t id, const char *name, int *pages)
{
	buf pdf;
	buf_init(&pdf);
	bg_error err;
	assert_int_equal(db_begin(d, DB_READ, NULL), BG_OK);
	assert_int_equal(pdf_render_document(d, id, NULL, &pdf, &err), BG_OK);
	db_rollback(d);
	char path[512], cmd[1400];
	const char *keep = getenv("PDF_KEEP_DIR");
	snprintf(path, sizeof path, "%s/%s.pdf", keep ? keep : testdb_dir, name);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fwrite(pdf.data, 1, pdf.len, f);
	fclose(f);
	buf_free(&pdf);
	snprintf(cmd, sizeof cmd, "pdftotext -layout %s %s/out.txt", path, testdb_dir);
	assert_int_equal(system(cmd), 0);
	snprintf(path, sizeof path, "%s/out.txt", testdb_dir);
	f = fopen(path, "rb");
	assert_non_null(f);
	buf t;
	buf_init(&t);
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_append(&t, chunk, n);
	fclose(f);
	char *text = buf_detach(&t, NULL);
	/* U+202F and U+00A0 → ' ' (in place: the text only shrinks) */
	char *w = text;
	*pages = 0;
	for (const char *r = text; *r;) {
		if (!strncmp(r, "\xE2\x80\xAF", 3))
			*w++ = ' ', r += 3;
		else if (!strncmp(r, "\xC2\xA0", 2))
			*w++ = ' ', r += 2;
		else {
			*pages += *r == '\f';
			*w++ = *r++;
		}
	}
	*w = 0;
	return text;
}

/* Cents as the document prints them, with plain spaces. */
static const char *amount(char out[64], int64_t cents)
{
	buf b;
	buf_init(&b);
	money_format(&b, cents, "fr");
	char *w = out;
	for (const char *r = b.data; *r && w < out + 60;) {
		if (!strncmp(r, "\xE2\x80\xAF", 3))
			*w++ = ' ', r += 3;
		else if (!strncmp(r, "\xC2\xA0", 2))
			*w++ = ' ', r += 2;
		else
			*w++ = *r++;
	}
	*w = 0;
	buf_free(&b);
	return out;
}

/* The page (0-based) of text the position at lies on. */
static int page_of(const char *text, const char *at)
{
	int page = 0;
	for (const char *s = text; s < at; s++)
		page += *s == '\f';
	return page;
}

/* The text line that holds the position at, copied into out. */
static const char *line_at(const char *text, const char *at, char *out, size_t size)
{
	const char *start = at;
	while (start > text && start[-1] != '\n' && start[-1] != '\f')
		start--;
	size_t n = strcspn(start, "\n\f");
	snprintf(out, size, "%.*s", (int)n, start);
	return out;
}

/* Is there a text line on which every one of words appears, and on which
 * page?  (-1: none) */
static int page_with_line(const char *text, const char *const *words, size_t nwords)
{
	for (const char *line = text; *line;) {
		size_t n = strcspn(line, "\n");
		bool all = true;
		const char *first = NULL;
		for (size_t i = 0; i < nwords && all; i++) {
			const char *hit = strstr(line, words[i]);
			all = hit && hit < line + n;
			first = first ? first : hit;
		}
		if (all)
			return page_of(text, first);
		line += n + (line[n] != 0);
	}
	return -1;
}

/* Checks one invoice of n lines to client in language fr or en. */
static void check_invoice(db *d, int64_t client, bool english, int n)
{
	int64_t id = invoice(d, client, n);
	assert_true(id > 0);
	char name[64];
	snprintf(name, sizeof name, "invoice-%d-lines-%s", n, english ? "en" : "fr");
	int pages;
	char *text = render_text(d, id, name, &pages);
	char line[2000], a[64], b[64], want[128];
	/* every page says "page N / M", M the true count */
	for (int k = 1; k <= pages; k++) {
		snprintf(want, sizeof want, "page %d / %d", k, pages);
		const char *hit = strstr(text, want);
		if (!hit || page_of(text, hit) != k - 1)
			fail_msg("%s: \"%s\" missing from page %d", name, want, k);
	}
	/* no amount is cut from its €: no text line starts with it */
	for (const char *s = text; (s = strstr(s, "\xE2\x82\xAC")); s++) {
		const char *p = s;
		while (p > text && p[-1] == ' ')
			p--;
		if (p == text || p[-1] == '\n' || p[-1] == '\f')
			fail_msg("%s: a € starts a line: %s", name, line_at(text, s, line, sizeof line));
	}
	/* each row: its unit price and total whole on the line of its number;
	 * its page has the heading row, on one line */
	const char *const heads_fr[] = {"Désignation", "Qté", "PU HT", "Remise", "TVA", "Total HT"};
	const char *const heads_en[] = {"Item", "Qty", "Unit excl. VAT", "Discount", "VAT", "Total excl. VAT"};
	const char *const *heads = english ? heads_en : heads_fr;
	sales_doc_view v;
	arena ar;
	arena_init(&ar);
	bg_error err;
	assert_int_equal(sales_document_view_get(d, &ar, 0, id, &v, &err), BG_OK);
	assert_int_equal(v.nlines, (size_t)n);
	int heads_on[512] = {0};
	for (const char *s = text; (s = strstr(s, heads[0])); s++) {
		line_at(text, s, line, sizeof line);
		bool all = true;
		for (int i = 1; i < 6; i++)
			all = all && strstr(line, heads[i]);
		if (all)
			heads_on[page_of(text, s)] = 1;
	}
	for (size_t k = 0; k < v.nlines; k++) {
		snprintf(want, sizeof want, "Ligne %03zu ", k + 1);
		const char *hit = strstr(text, want);
		if (!hit)
			fail_msg("%s: line %zu missing", name, k + 1);
		line_at(text, hit, line, sizeof line);
		if (!strstr(line, amount(a, v.lines[k].unit_cents)) || !strstr(line, amount(b, v.lines[k].total_ht)))
			fail_msg("%s: line %zu lacks \"%s\" or \"%s\": %s", name, k + 1, a, b, line);
		if (!heads_on[page_of(text, hit)])
			fail_msg("%s: no heading row on page %d", name, page_of(text, hit) + 1);
	}
	/* the totals block on one page, each label with its amount */
	char a_ht[64], a_vat[64], a_ttc[64];
	const char *ht[] = {english ? "Total excl. VAT:" : "Total HT :", amount(a_ht, v.total_ht)};
	int page = page_with_line(text, ht, 2);
	if (page < 0)
		fail_msg("%s: no \"%s %s\"", name, ht[0], ht[1]);
	const char *vat[] = {english ? "Total VAT:" : "Total TVA :", amount(a_vat, v.total_vat)};
	const char *ttc[] = {english ? "Total incl. VAT:" : "Total TTC :", amount(a_ttc, v.total_ttc)};
	assert_int_equal(page_with_line(text, vat, 2), page);
	assert_int_equal(page_with_line(text, ttc, 2), page);
	for (size_t i = 0; i < v.nvat; i++) {
		char rate[16];
		snprintf(rate, sizeof rate, "%s", v.vat[i].vat_bp == 550 ? "5,5 %" : "20 %");
		snprintf(want, sizeof want, english ? "VAT %s on %s:" : "TVA %s sur %s :", rate, amount(a, v.vat[i].base));
		const char *row[] = {want, amount(b, v.vat[i].vat)};
		if (page_with_line(text, row, 2) != page)
			fail_msg("%s: \"%s %s\" not on the totals' page %d", name, want, b, page + 1);
	}
	arena_free_all(&ar);
	free(text);
}

/* 1, 20, 45 and 120 lines, in French and in English. */
static void test_layout(void **state)
{
	db *d = *state;
	static const int counts[] = {1, 20, 45, 120};
	for (size_t i = 0; i < sizeof counts / sizeof *counts; i++) {
		check_invoice(d, company_fr, false, counts[i]);
		check_invoice(d, company_en, true, counts[i]);
	}
}

/* The 40 € recovery indemnity is owed between professionals only; a
 * private person is told of the legal interest instead. */
static void test_recovery_indemnity(void **state)
{
	db *d = *state;
	int pages;
	char *text = render_text(d, invoice(d, company_fr, 2), "company", &pages);
	assert_non_null(strstr(text, "pénalités au taux annuel de 12 %"));
	assert_non_null(strstr(text, "indemnité forfaitaire pour frais de recouvrement de 40 €"));
	free(text);
	text = render_text(d, invoice(d, company_en, 2), "company-en", &pages);
	assert_non_null(strstr(text, "fixed indemnity of 40 €"));
	free(text);
	text = render_text(d, invoice(d, person_fr, 2), "person", &pages);
	assert_null(strstr(text, "40 €"));
	assert_null(strstr(text, "recouvrement"));
	assert_non_null(strstr(text, "intérêts au taux légal"));
	free(text);
}

/* The seller's address is the cooperative's record: changed there, the
 * next document shows it. */
static void test_seller_address(void **state)
{
	db *d = *state;
	int pages;
	char *text = render_text(d, invoice(d, company_fr, 1), "before", &pages);
	assert_non_null(strstr(text, "12 rue de la Paix"));
	assert_non_null(strstr(text, "75002 Paris"));
	free(text);
	bg_error err;
	net_coop_input in = {.address = "5 quai des Chartrons", .postcode = "33000", .commune = "Bordeaux"};
	assert_int_equal(db_begin(d, DB_WRITE, NULL), BG_OK);
	assert_int_equal(net_coop_update(d, admin_id, coop_id, &in, &err), BG_OK);
	assert_int_equal(db_commit(d, NULL), BG_OK);
	text = render_text(d, invoice(d, company_fr, 1), "after", &pages);
	assert_non_null(strstr(text, "5 quai des Chartrons"));
	assert_non_null(strstr(text, "33000 Bordeaux"));
	assert_null(strstr(text, "12 rue de la Paix"));
	free(text);
}

/* A database made before migration 018, with the address in its economic
 * settings: a cooperative without one of its own gets it; one whose own
 * address differs keeps its own, the other stays in the audit trail. */
static void test_migration_keeps_address(void **state)
{
	(void)state;
	char dir[] = "/tmp/bigre-mig-XXXXXX", path[128];
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/old.db", dir);
	db *d = NULL;
	bg_error err;
	assert_int_equal(db_open(path, true, &d, &err), BG_OK);
	assert_int_equal(db_begin(d, DB_WRITE, &err), BG_OK);
	for (const embed_file *f = embedded_migrations; f->name && atoi(f->name) < 18; f++)
		assert_int_equal(db_exec_script(d, (const char *)f->data, &err), BG_OK);
	assert_int_equal(db_exec_script(d, "PRAGMA user_version = 17;"
					   "INSERT INTO cooperatives(id, name, created_at) VALUES (1, 'Sans adresse', 0), (2, 'Avec', 0);"
					   "UPDATE cooperatives SET address = '1 rue Propre', postcode = '69001', commune = 'Lyon' WHERE id = 2;"
					   "INSERT INTO economy_settings(cooperative_id, address) VALUES (1, '9 rue des Réglages, 75011 Paris'),"
					   " (2, '7 rue Ancienne, 13001 Marseille');",
					   &err),
			 BG_OK);
	assert_int_equal(db_commit(d, &err), BG_OK);
	assert_int_equal(migrate_apply(d, authz_rules_sync, NULL, &err), BG_OK);
	int64_t n = 0;
	bool found;
	assert_int_equal(db_scalar(d, &err, &n, &found,
				   "SELECT count(*) FROM cooperatives WHERE id = 1 AND address = '9 rue des Réglages, 75011 Paris'",
				   NULL),
			 BG_OK);
	assert_int_equal(n, 1);
	assert_int_equal(db_scalar(d, &err, &n, &found,
				   "SELECT count(*) FROM cooperatives WHERE id = 2 AND address = '1 rue Propre'", NULL),
			 BG_OK);
	assert_int_equal(n, 1);
	assert_int_equal(db_scalar(d, &err, &n, &found,
				   "SELECT count(*) FROM audit_log WHERE entity = 'cooperative' AND entity_id = 2"
				   " AND before LIKE '%7 rue Ancienne, 13001 Marseille%'",
				   NULL),
			 BG_OK);
	assert_int_equal(n, 1);
	/* the settings keep working without their copy */
	economy_settings_in in = {"FR49448762526", NULL, NULL, 1200, 0, 30, 1000, 603, NULL, NULL};
	assert_int_equal(db_begin(d, DB_WRITE, &err), BG_OK);
	assert_int_equal(ledger_settings_put(d, 0, 1, &in, &err), BG_OK);
	assert_int_equal(db_commit(d, &err), BG_OK);
	db_close(d);
	char cmd[200];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
}

int main(void)
{
	testclock_set();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layout),
		cmocka_unit_test(test_recovery_indemnity),
		cmocka_unit_test(test_seller_address),
		cmocka_unit_test(test_migration_keeps_address),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
