/* fuzz_text.c — libFuzzer target: the small parsers of outside text —
 * Accept-Language and language cookies, amounts, dates, email addresses,
 * password policy, UTF-8 validation. */
#include <stdint.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include "auth/account.h"
#include "auth/password.h"
#include "core/date.h"
#include "core/i18n.h"
#include "core/money.h"
#include "core/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	(void)utf8_valid(s, size);
	(void)i18n_negotiate(s);
	(void)i18n_supported(s);
	int64_t cents;
	if (money_parse(s, &cents)) {
		buf b;
		buf_init(&b);
		money_format(&b, cents, "fr");
		buf_free(&b);
	}
	int y, m, d;
	if (date_parse(s, &y, &m, &d)) {
		int64_t days = date_to_days(y, m, d);
		int y2, m2, d2;
		date_from_days(days, &y2, &m2, &d2);
		if (y2 != y || m2 != m || d2 != d)
			abort(); /* the calendar must round-trip */
	}
	char email[255];
	bg_error err;
	(void)account_normalise_email(s, email, &err);
	if (utf8_valid(s, strlen(s)))
		(void)password_policy(s, false, &err);
	free(s);
	return 0;
}
