/* test_ident.c — SIREN, SIRET, VAT numbers, IBAN and BIC (core/ident.h).
 *
 * Vectors: the IBANs are the examples of the ISO 13616 / EPC documents
 * (GB82WEST…, DE89…) and of the French banks' format (FR14 2004 1…); the
 * SIRET 732 829 320 00074 is INSEE's own example; the French VAT keys are
 * computed by the published formula from real SIRENs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "core/ident.h"
#include "testclock.h"

static void test_siren(void **state)
{
	(void)state;
	assert_true(ident_siren_valid("443061841"));
	assert_true(ident_siren_valid("732829320"));
	assert_true(ident_siren_valid("448762526"));
	assert_true(ident_siren_valid("552120222"));
	assert_false(ident_siren_valid("732829321"));
	assert_false(ident_siren_valid("443061842")); /* key wrong */
	assert_false(ident_siren_valid("44306184"));  /* 8 digits */
	assert_false(ident_siren_valid("4430618410"));
	assert_false(ident_siren_valid("44306184a"));
	assert_false(ident_siren_valid(""));
	assert_false(ident_siren_valid(NULL));
}

static void test_siret(void **state)
{
	(void)state;
	assert_true(ident_siret_valid("73282932000074"));
	assert_true(ident_siret_valid("44306184100047"));
	assert_false(ident_siret_valid("73282932000075"));
	assert_false(ident_siret_valid("7328293200007"));
	/* La Poste: the digits add up to a multiple of 5, Luhn or not */
	assert_true(ident_siret_valid("35600000000010"));  /* 3+5+6+1 = 15 */
	assert_false(ident_siret_valid("35600000000011")); /* 16 */
}

static void test_vat(void **state)
{
	(void)state;
	assert_true(ident_vat_valid("FR49448762526"));
	assert_true(ident_vat_valid("FR64443061841"));
	assert_false(ident_vat_valid("FR00448762526")); /* key */
	assert_false(ident_vat_valid("FR49448762527")); /* SIREN key */
	assert_false(ident_vat_valid("FR4944876252"));  /* short */
	assert_true(ident_vat_valid("DE123456789"));    /* shape only outside France */
	assert_true(ident_vat_valid("EL123456789"));
	assert_false(ident_vat_valid("GR123456789")); /* Greece is EL */
	assert_false(ident_vat_valid("US123456789")); /* not a member state */
	assert_false(ident_vat_valid("de123456789"));
	assert_false(ident_vat_valid("DE12345-789"));
	assert_false(ident_vat_valid(NULL));
}

static void test_iban(void **state)
{
	(void)state;
	assert_true(ident_iban_valid("GB82WEST12345698765432"));
	assert_true(ident_iban_valid("DE89370400440532013000"));
	assert_true(ident_iban_valid("FR1420041010050500013M02606"));
	assert_false(ident_iban_valid("GB82WEST12345698765433")); /* one digit off */
	assert_false(ident_iban_valid("GB28WEST12345698765432")); /* two digits swapped */
	assert_false(ident_iban_valid("FR142004101005050013M02606"));   /* a French one has 27 */
	assert_false(ident_iban_valid("FR1420041010050500013m02606"));  /* not compacted */
	assert_false(ident_iban_valid("FR14 2004 1010 0505 0001 3M02 606"));
	assert_false(ident_iban_valid(""));
}

static void test_bic(void **state)
{
	(void)state;
	assert_true(ident_bic_valid("DEUTDEFF"));
	assert_true(ident_bic_valid("DEUTDEFF500"));
	assert_true(ident_bic_valid("BNPAFRPPXXX"));
	assert_false(ident_bic_valid("DEUTDEF"));
	assert_false(ident_bic_valid("DEUT1EFF"));  /* country is letters */
	assert_false(ident_bic_valid("DEUTDEFF50")); /* 10 characters */
	assert_false(ident_bic_valid("deutdeff"));
}

static void test_compact(void **state)
{
	(void)state;
	char out[40];
	assert_true(ident_compact("fr14 2004 1010-0505.0001 3m02 606", out, sizeof out));
	assert_string_equal(out, "FR1420041010050500013M02606");
	assert_true(ident_iban_valid(out));
	char small[5];
	assert_false(ident_compact("123456", small, sizeof small));
	assert_string_equal(small, "");
	assert_true(ident_compact("1234", small, sizeof small));
	assert_string_equal(small, "1234");
}

int main(void)
{
	testclock_set();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_siren), cmocka_unit_test(test_siret), cmocka_unit_test(test_vat),
		cmocka_unit_test(test_iban),  cmocka_unit_test(test_bic),   cmocka_unit_test(test_compact),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
