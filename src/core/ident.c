/*
 * ident.c — SIREN, SIRET, intra-EU VAT numbers, IBAN and BIC (see ident.h).
 *
 * Design: each identifier is checked in two steps, its shape (length and
 * alphabet, by country where the format depends on it) and then its check
 * digits.  The arithmetic is done on small integers digit by digit (Luhn,
 * mod 97 piecewise), so no identifier, however long, overflows.  The tables
 * of countries are the published ones: the EU member states' VAT prefixes
 * (European Commission, VIES) and the IBAN lengths of the SEPA countries
 * (SWIFT's IBAN registry).
 */
#include "core/ident.h"
#include <assert.h>
#include <string.h>

/* Are the n first characters of s all decimal digits? */
static bool ident_digits(const char *s, size_t n)
{
	return strspn(s, "0123456789") >= n;
}

static bool ident_is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

static bool ident_is_alnum(char c)
{
	return ident_is_upper(c) || (c >= '0' && c <= '9');
}

/* Luhn's sum of n digits is a multiple of 10: from the right, every second
 * digit doubled (minus 9 when over 9). */
static bool ident_luhn(const char *s, size_t n)
{
	int sum = 0;
	for (size_t i = 0; i < n; i++) {
		int v = s[n - 1 - i] - '0';
		assert(v >= 0 && v <= 9);
		if (i % 2 == 1 && (v *= 2) > 9)
			v -= 9;
		sum += v;
	}
	return sum % 10 == 0;
}

bool ident_siren_valid(const char *s)
{
	return s && strlen(s) == 9 && ident_digits(s, 9) && ident_luhn(s, 9);
}

bool ident_siret_valid(const char *s)
{
	if (!s || strlen(s) != 14 || !ident_digits(s, 14))
		return false;
	if (!strncmp(s, "356000000", 9)) { /* La Poste: sum of the digits */
		int sum = 0;
		for (int i = 0; i < 14; i++)
			sum += s[i] - '0';
		return sum % 5 == 0;
	}
	return ident_luhn(s, 14);
}

/* The EU member states' VAT prefixes (Greece is EL, Northern Ireland XI). */
static const char ident_vat_countries[][3] = {
	"AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "EL", "ES", "FI", "FR", "HR", "HU",
	"IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK", "XI",
};

bool ident_vat_valid(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n < 4 || n > 15)
		return false;
	bool known = false;
	for (size_t i = 0; i < sizeof ident_vat_countries / sizeof *ident_vat_countries; i++)
		known = known || !strncmp(s, ident_vat_countries[i], 2);
	if (!known)
		return false;
	for (size_t i = 2; i < n; i++)
		if (!ident_is_alnum(s[i]))
			return false;
	if (strncmp(s, "FR", 2))
		return true;
	/* FR + key + SIREN; the key of a SIREN is (12 + 3 × (SIREN mod 97)) mod 97 */
	if (n != 13 || !ident_digits(s + 2, 11) || !ident_siren_valid(s + 4))
		return false;
	int siren_mod = 0;
	for (int i = 4; i < 13; i++)
		siren_mod = (siren_mod * 10 + (s[i] - '0')) % 97;
	return (s[2] - '0') * 10 + (s[3] - '0') == (12 + 3 * siren_mod) % 97;
}

/* The IBAN length of each SEPA country (SWIFT IBAN registry). */
static const struct {
	char country[3];
	unsigned char length;
} ident_iban_lengths[] = {
	{"AD", 24}, {"AT", 20}, {"BE", 16}, {"BG", 22}, {"CH", 21}, {"CY", 28}, {"CZ", 24},
	{"DE", 22}, {"DK", 18}, {"EE", 20}, {"ES", 24}, {"FI", 18}, {"FR", 27}, {"GB", 22},
	{"GI", 23}, {"GR", 27}, {"HR", 21}, {"HU", 28}, {"IE", 22}, {"IS", 26}, {"IT", 27},
	{"LI", 21}, {"LT", 20}, {"LU", 20}, {"LV", 21}, {"MC", 27}, {"MT", 31}, {"NL", 18},
	{"NO", 15}, {"PL", 28}, {"PT", 25}, {"RO", 24}, {"SE", 24}, {"SI", 19}, {"SK", 24},
	{"SM", 27}, {"VA", 22},
};

bool ident_iban_valid(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n < 15 || n > 34 || !ident_is_upper(s[0]) || !ident_is_upper(s[1]) || !ident_digits(s + 2, 2))
		return false;
	for (size_t i = 4; i < n; i++)
		if (!ident_is_alnum(s[i]))
			return false;
	for (size_t i = 0; i < sizeof ident_iban_lengths / sizeof *ident_iban_lengths; i++)
		if (!strncmp(s, ident_iban_lengths[i].country, 2) && n != ident_iban_lengths[i].length)
			return false;
	/* the four first characters moved to the end, letters as 10..35, mod 97 */
	int mod = 0;
	for (size_t k = 0; k < n; k++) {
		char c = s[(k + 4) % n];
		if (c >= '0' && c <= '9')
			mod = (mod * 10 + (c - '0')) % 97;
		else
			mod = (mod * 100 + (c - 'A' + 10)) % 97;
	}
	return mod == 1;
}

bool ident_bic_valid(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n != 8 && n != 11)
		return false;
	for (size_t i = 0; i < 6; i++)
		if (!ident_is_upper(s[i]))
			return false;
	for (size_t i = 6; i < n; i++)
		if (!ident_is_alnum(s[i]))
			return false;
	return true;
}

bool ident_compact(const char *s, char *out, size_t cap)
{
	assert(cap > 0);
	size_t n = 0;
	for (; s && *s; s++) {
		char c = *s;
		if (c == ' ' || c == '.' || c == '-')
			continue;
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (n + 1 >= cap) {
			out[0] = '\0';
			return false;
		}
		out[n++] = c;
	}
	out[n] = '\0';
	return true;
}

/* A French postcode: 5 digits (2A/2B for Corsica). */
bool ident_postcode_fr_valid(const char *s)
{
	if (!s || strlen(s) != 5)
		return false;
	for (int i = 0; i < 5; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (i == 1 && s[0] == '2' && (s[i] == 'A' || s[i] == 'B'))))
			return false;
	return true;
}

/* A phone number as people write it: "05 56 00 00 00", "+33 (0)5.56…". */
bool ident_phone_valid(const char *s)
{
	if (!s || strlen(s) > 30)
		return false;
	int digits = 0;
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9')
			digits++;
		else if (!strchr(" .+()", *s))
			return false;
	}
	return digits >= 10;
}
