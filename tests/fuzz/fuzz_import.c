/*
 * fuzz_import.c — libFuzzer target: the CSV import (libcsv, encodings,
 * separators, header aliases, every line's checks) and the text folding,
 * on arbitrary bytes.  The import runs as a dry run in a transaction that
 * is rolled back: it must never crash, and must never leave a row behind.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sodium.h>
#include "auth/authz.h"
#include "auth/password.h"
#include "core/i18n.h"
#include "db/db.h"
#include "db/migrate.h"
#include "network/network.h"
#include "core/ident.h"

static db *fuzz_db;
static int64_t fuzz_coop;

/* Opens a fresh migrated database in a temporary folder, once. */
static void fuzz_setup(void)
{
	char dir[] = "/tmp/bigre-fuzz-XXXXXX", path[64];
	bg_error err;
	if (sodium_init() < 0 || !mkdtemp(dir))
		abort();
	i18n_init();
	password_init();
	snprintf(path, sizeof path, "%s/f.db", dir);
	if (db_open(path, true, &fuzz_db, &err) != BG_OK || migrate_apply(fuzz_db, authz_rules_sync, NULL, &err) != BG_OK)
		abort();
	net_coop_input in = {.name = "Fuzz", .legal_form = "CAE"};
	if (db_begin(fuzz_db, DB_WRITE, &err) != BG_OK || net_coop_create(fuzz_db, 0, &in, &fuzz_coop, &err) != BG_OK ||
	    db_commit(fuzz_db, &err) != BG_OK)
		abort();
}

static int64_t fuzz_count(void)
{
	int64_t n = -1;
	bool found;
	if (db_scalar(fuzz_db, NULL, &n, &found, "SELECT (SELECT count(*) FROM people) + (SELECT count(*) FROM organisations)",
		      NULL) != BG_OK)
		abort();
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!fuzz_db)
		fuzz_setup();
	if (size > 64 * 1024)
		return 0;
	char *text = malloc(size + 1), folded[256];
	memcpy(text, data, size);
	text[size] = '\0';
	net_fold(text, folded, sizeof folded);
	/* the identifier checks read any text without going past it */
	(void)(ident_siren_valid(text) + ident_siret_valid(text) + ident_vat_valid(text) +
	       ident_iban_valid(text) + ident_bic_valid(text));
	free(text);
	int64_t before = fuzz_count();
	for (int kind = 0; kind < 2; kind++) {
		bg_error err;
		net_import_report rep;
		if (db_begin(fuzz_db, DB_WRITE, &err) != BG_OK)
			abort();
		bg_status st = net_import(fuzz_db, 0, kind ? NET_IMPORT_ORGANISATIONS : NET_IMPORT_PEOPLE,
					  fuzz_coop, (const char *)data, size, true, true, &rep, &err);
		if (st == BG_ERR_DB)
			abort(); /* no text makes the database fail: it is refused or read */
		if (rep.written != 0)
			abort(); /* a dry run writes nothing */
		net_import_report_free(&rep);
		db_rollback(fuzz_db);
	}
	if (fuzz_count() != before)
		abort();
	return 0;
}
