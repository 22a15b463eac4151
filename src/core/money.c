/* money.c — integer cents and the one rounding rule (see money.h). */
#include "core/money.h"
#include <assert.h>
#include <ctype.h>
#include <string.h>

bool money_in_range(int64_t c)
{
	return c >= -MONEY_MAX && c <= MONEY_MAX;
}

bool money_mul_div(int64_t a, int64_t num, int64_t den, int64_t *out)
{
	assert(den > 0);
	__int128 p = (__int128)a * num;
	bool neg = p < 0;
	if (neg)
		p = -p;
	__int128 q = p / den, r = p % den;
	if (2 * r >= den)
		q++;
	if (neg)
		q = -q;
	if (q > MONEY_MAX || q < -MONEY_MAX)
		return false;
	*out = (int64_t)q;
	return true;
}

bool money_apply_bp(int64_t a, int64_t rate_bp, int64_t *out)
{
	return money_mul_div(a, rate_bp, 10000, out);
}

bool money_add(int64_t a, int64_t b, int64_t *out)
{
	if (!money_in_range(a) || !money_in_range(b))
		return false;
	int64_t s = a + b; /* cannot overflow: both within 10^13 */
	if (!money_in_range(s))
		return false;
	*out = s;
	return true;
}

money_reading money_read(const char *s, int64_t *cents)
{
	if (!s)
		return MONEY_NOT_AN_AMOUNT;
	while (*s == ' ')
		s++;
	bool neg = false;
	if (*s == '-' || *s == '+') {
		neg = *s == '-';
		s++;
	}
	int64_t units = 0;
	int digits = 0;
	for (; *s; s++) {
		if (isdigit((unsigned char)*s)) {
			if (units > MONEY_MAX / 10)
				return MONEY_OUT_OF_RANGE;
			units = units * 10 + (*s - '0');
			digits++;
		} else if (*s == ' ' && digits > 0) {
			continue;
		} else {
			break;
		}
	}
	if (digits == 0)
		return MONEY_NOT_AN_AMOUNT;
	int64_t frac = 0;
	if (*s == '.' || *s == ',') {
		s++;
		int fd = 0;
		while (isdigit((unsigned char)*s)) {
			if (++fd > 2)
				return MONEY_NOT_AN_AMOUNT;
			frac = frac * 10 + (*s - '0');
			s++;
		}
		if (fd == 0)
			return MONEY_NOT_AN_AMOUNT;
		if (fd == 1)
			frac *= 10;
	}
	while (*s == ' ')
		s++;
	if (*s)
		return MONEY_NOT_AN_AMOUNT;
	if (units > MONEY_MAX / 100)
		return MONEY_OUT_OF_RANGE;
	int64_t c = units * 100 + frac;
	if (c > MONEY_MAX)
		return MONEY_OUT_OF_RANGE;
	*cents = neg ? -c : c;
	return MONEY_READ;
}

bool money_parse(const char *s, int64_t *cents)
{
	return money_read(s, cents) == MONEY_READ;
}

bool money_field_check(bg_field_errors *fe, const char *field, int64_t cents, money_sign sign)
{
	if (!money_in_range(cents)) {
		bg_field_error_add(fe, BG_ERR_INVALID, "amount_too_large", field,
				   N_("Too large: an amount is at most 100 billion euros."));
		return false;
	}
	if (cents < 0 && sign == MONEY_NOT_NEGATIVE) {
		bg_field_error_add(fe, BG_ERR_INVALID, "negative_amount", field,
				   N_("This amount cannot be negative."));
		return false;
	}
	return true;
}

bool money_field_read(bg_field_errors *fe, const char *field, const char *text, bool optional,
		      money_sign sign, int64_t *cents)
{
	*cents = 0;
	size_t blank = text ? strspn(text, " ") : 0;
	if (!text || !text[blank]) {
		if (!optional)
			bg_field_error_add(fe, BG_ERR_INVALID, "missing_field", field, N_("This field is required."));
		return optional;
	}
	int64_t read = 0;
	switch (money_read(text, &read)) {
	case MONEY_NOT_AN_AMOUNT:
		bg_field_error_add(fe, BG_ERR_INVALID, "invalid_amount", field,
				   N_("Not an amount: write it like 1234.50 or 1 234,50."));
		return false;
	case MONEY_OUT_OF_RANGE:
		return money_field_check(fe, field, MONEY_MAX + 1, sign);
	case MONEY_READ:
		break;
	}
	if (!money_field_check(fe, field, read, sign))
		return false;
	*cents = read;
	return true;
}

void money_format(buf *b, int64_t cents, const char *lang)
{
	bool fr = !lang || strcmp(lang, "en") != 0;
	uint64_t abs = cents < 0 ? (uint64_t)(-(cents + 1)) + 1 : (uint64_t)cents;
	uint64_t units = abs / 100, frac = abs % 100;
	char digits[32];
	int nd = 0;
	do {
		digits[nd++] = (char)('0' + units % 10);
		units /= 10;
	} while (units);
	const char *sep = fr ? "\xE2\x80\xAF" : ",";
	if (cents < 0)
		buf_putc(b, '-');
	if (!fr)
		buf_puts(b, "\xE2\x82\xAC");
	for (int i = nd - 1; i >= 0; i--) {
		buf_putc(b, digits[i]);
		if (i > 0 && i % 3 == 0)
			buf_puts(b, sep);
	}
	buf_printf(b, "%s%02u", fr ? "," : ".", (unsigned)frac);
	if (fr)
		buf_puts(b, "\xC2\xA0\xE2\x82\xAC");
}
