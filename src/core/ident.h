/*
 * ident.h — identifiers of companies and bank accounts, checked once.
 *
 * Every check answers whether a string, exactly as given (no spaces, capital
 * letters), is a well-formed identifier whose check digits agree.  Faces and
 * domains normalise what people type (ident_compact) and then call these;
 * nothing else in the program checks these numbers.
 *
 *   SIREN   9 digits, Luhn key (INSEE).
 *   SIRET   14 digits: the SIREN, a 5-digit establishment number, Luhn over
 *           the 14 digits; La Poste's establishments (SIREN 356000000) are
 *           the one documented exception, whose digits add up to a
 *           multiple of 5 instead.
 *   VAT     an intra-EU VAT number: a member state's code (EL for Greece,
 *           XI for Northern Ireland) then 2 to 13 letters or digits; a French
 *           one is FR, a 2-digit key = (12 + 3 × (SIREN mod 97)) mod 97, and
 *           a valid SIREN.  Other states' own check digits are not verified.
 *   IBAN    ISO 13616: country, 2 check digits, the national account number
 *           (letters and digits); the length of the country's format when
 *           the country is in SEPA, and mod 97 of the rearranged number = 1.
 *   BIC     ISO 9362: 4 letters (institution), 2 letters (country), 2
 *           letters or digits (location), optionally 3 more (branch).
 *
 * And two things people type as they like:
 *
 *   postcode  a French one: 5 digits (2A/2B for Corsica).
 *   phone     digits, spaces, dots, '+' and parentheses, with at least 10
 *             digits and at most 30 characters in all.
 */
#ifndef BG_IDENT_H
#define BG_IDENT_H
#include <stdbool.h>
#include <stddef.h>

bool ident_siren_valid(const char *s);
bool ident_siret_valid(const char *s);
bool ident_vat_valid(const char *s);
bool ident_iban_valid(const char *s);
bool ident_bic_valid(const char *s);
bool ident_postcode_fr_valid(const char *s);
bool ident_phone_valid(const char *s);

/* Copies s into out (cap bytes) without spaces, dots or dashes and with
 * letters in capitals: "fr76 3000 …" → "FR763000…".  Returns false, with
 * out emptied, when it does not fit. */
bool ident_compact(const char *s, char *out, size_t cap);

#endif
