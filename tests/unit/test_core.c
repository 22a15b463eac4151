/* test_core.c — money, dates, UTF-8, buffers, arenas, JSON, i18n. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "core/arena.h"
#include "core/buf.h"
#include "core/csv.h"
#include "core/date.h"
#include "core/err.h"
#include "core/ident.h"
#include "core/i18n.h"
#include "core/json.h"
#include "core/money.h"
#include "core/tz.h"
#include "core/utf8.h"
#include "testclock.h"

static void test_money_rounding_rule(void **state)
{
	(void)state;
	int64_t out;
	/* halves away from zero */
	assert_true(money_mul_div(5, 1, 10, &out));
	assert_int_equal(out, 1);
	assert_true(money_mul_div(-5, 1, 10, &out));
	assert_int_equal(out, -1);
	assert_true(money_mul_div(4, 1, 10, &out));
	assert_int_equal(out, 0);
	/* 20 % VAT on 12.345 € is 2.469 → 2.47 */
	assert_true(money_apply_bp(1235, 2000, &out));
	assert_int_equal(out, 247);
	/* 5.5 % of 0.10 € = 0.0055 → 0.01 */
	assert_true(money_apply_bp(10, 550, &out));
	assert_int_equal(out, 1);
	/* 5.5 % of 0.09 € = 0.00495 → 0.00 */
	assert_true(money_apply_bp(9, 550, &out));
	assert_int_equal(out, 0);
	/* the bound */
	assert_false(money_mul_div(MONEY_MAX, 2, 1, &out));
	assert_true(money_mul_div(MONEY_MAX, 1, 1, &out));
	assert_false(money_add(MONEY_MAX, 1, &out));
	assert_true(money_add(MONEY_MAX, -1, &out));
}

static void test_money_parse(void **state)
{
	(void)state;
	int64_t c;
	assert_true(money_parse("1234,56", &c));
	assert_int_equal(c, 123456);
	assert_true(money_parse("1 234.5", &c));
	assert_int_equal(c, 123450);
	assert_true(money_parse("-0.07", &c));
	assert_int_equal(c, -7);
	assert_true(money_parse("12", &c));
	assert_int_equal(c, 1200);
	assert_false(money_parse("1.234", &c));
	assert_false(money_parse("abc", &c));
	assert_false(money_parse("12,", &c));
	assert_false(money_parse("", &c));
	assert_false(money_parse("100000000001", &c)); /* over 10^13 cents */
	assert_true(money_parse("100000000000", &c));
	assert_int_equal(c, MONEY_MAX);
}

static void test_money_format(void **state)
{
	(void)state;
	buf b;
	buf_init(&b);
	money_format(&b, 123456, "fr");
	assert_string_equal(b.data, "1\xE2\x80\xAF" "234,56\xC2\xA0\xE2\x82\xAC");
	buf_reset(&b);
	money_format(&b, -5, "fr");
	assert_string_equal(b.data, "-0,05\xC2\xA0\xE2\x82\xAC");
	buf_reset(&b);
	money_format(&b, 123456789, "en");
	assert_string_equal(b.data, "\xE2\x82\xAC" "1,234,567.89");
	buf_free(&b);
}

static void test_dates(void **state)
{
	(void)state;
	int y, m, d;
	assert_true(date_parse("2024-02-29", &y, &m, &d));
	assert_false(date_parse("2026-02-29", &y, &m, &d));
	assert_false(date_parse("2026-02-30", &y, &m, &d));
	assert_false(date_parse("2026-13-01", &y, &m, &d));
	assert_false(date_parse("2026-1-01", &y, &m, &d));
	assert_false(date_parse("2026-01-01x", &y, &m, &d));
	assert_true(date_parse("2026-11-28", &y, &m, &d));
	int64_t days = date_to_days(2026, 11, 28);
	date_from_days(days, &y, &m, &d);
	assert_int_equal(y, 2026);
	assert_int_equal(m, 11);
	assert_int_equal(d, 28);
	assert_int_equal(date_to_days(1970, 1, 1), 0);
	buf b;
	buf_init(&b);
	date_format_iso(&b, 86400 + 3661);
	assert_string_equal(b.data, "1970-01-02T01:01:01Z");
	buf_reset(&b);
	/* the digit-by-digit writer: zeros, the last second of a year, before 1970 */
	date_format_iso(&b, date_to_days(2026, 12, 31) * 86400 + 86399);
	assert_string_equal(b.data, "2026-12-31T23:59:59Z");
	buf_reset(&b);
	date_format_iso(&b, date_to_days(2000, 1, 1) * 86400);
	assert_string_equal(b.data, "2000-01-01T00:00:00Z");
	buf_reset(&b);
	date_format_iso(&b, -1);
	assert_string_equal(b.data, "1969-12-31T23:59:59Z");
	buf_reset(&b);
	date_format_calendar_day(&b, days, "fr");
	assert_string_equal(b.data, "28/11/2026");
	buf_reset(&b);
	/* an instant's day is the group's (Paris) day: 00:30 on 1 January */
	tz_format_day(TZ_GROUP, date_to_days(2026, 12, 31) * 86400 + 23 * 3600 + 1800, &b, "fr");
	assert_string_equal(b.data, "01/01/2027");
	buf_free(&b);
}

/* buf_printf writes in the room left when the text fits, and grows the
 * buffer and writes again when it does not: both give the whole text. */
static void test_buf_printf(void **state)
{
	(void)state;
	buf b;
	buf_init(&b);
	buf_printf(&b, "%lld|%lld", LLONG_MAX, LLONG_MIN);
	assert_string_equal(b.data, "9223372036854775807|-9223372036854775808");
	buf_reset(&b);
	for (int i = 0; i < 1000; i++)
		buf_printf(&b, "%d:%s;", i, "abcdefghijklmnopqrstuvwxyz");
	assert_int_equal(b.len, strlen(b.data));
	assert_non_null(strstr(b.data, ";999:abcdefghijklmnopqrstuvwxyz;"));
	assert_memory_equal(b.data, "0:abcdefghijklmnopqrstuvwxyz;1:", 31);
	buf_free(&b);
}

static void test_utf8(void **state)
{
	(void)state;
	assert_true(utf8_valid("héllo €", strlen("héllo €")));
	assert_false(utf8_valid("\xc3\x28", 2));
	assert_false(utf8_valid("\xc0\xaf", 2));          /* overlong */
	assert_false(utf8_valid("\xed\xa0\x80", 3));      /* surrogate */
	assert_false(utf8_valid("\xf4\x90\x80\x80", 4));  /* > U+10FFFF */
	assert_false(utf8_valid("a\0b", 3));               /* NUL */
	assert_false(utf8_valid("\xe2\x82", 2));           /* truncated */
}

/* arena_grow keeps the array while it has room and doubles it when full:
 * 1,000 elements keep their values through every copy. */
static void test_arena_grow(void **state)
{
	(void)state;
	arena a;
	arena_init(&a);
	int64_t *v = NULL;
	size_t n = 0;
	int copies = 0;
	for (int64_t i = 0; i < 1000; i++) {
		int64_t *before = v;
		v = arena_grow(&a, v, n, sizeof *v);
		copies += v != before;
		v[n++] = i * 3;
	}
	for (size_t i = 0; i < n; i++)
		assert_int_equal(v[i], (int64_t)i * 3);
	assert_int_equal(copies, 8); /* 8, 16, 32 … 1024 */
	arena_free_all(&a);
}

static void test_arena_and_buf(void **state)
{
	(void)state;
	arena a;
	arena_init(&a);
	char *big = arena_alloc(&a, 100000);
	memset(big, 1, 100000);
	char *s = arena_printf(&a, "%s-%d", "x", 42);
	assert_string_equal(s, "x-42");
	assert_null(arena_strdup(&a, NULL));
	arena_free_all(&a);
	buf b;
	buf_init(&b);
	for (int i = 0; i < 1000; i++)
		buf_printf(&b, "%d,", i);
	assert_int_equal(b.len, strlen(b.data));
	size_t len;
	char *d = buf_detach(&b, &len);
	assert_int_equal(len, strlen(d));
	free(d);
}

static void test_json(void **state)
{
	(void)state;
	buf b;
	buf_init(&b);
	json_put_string(&b, "a\"b\\c\n<\x01");
	assert_string_equal(b.data, "\"a\\\"b\\\\c\\n\\u003c\\u0001\"");
	buf_free(&b);
	json_t *o = NULL;
	bg_error err;
	assert_int_equal(json_parse_object("{\"a\":1,\"a\":2}", 13, &o, &err), BG_ERR_INVALID);
	assert_int_equal(json_parse_object("[]", 2, &o, &err), BG_ERR_INVALID);
	assert_string_equal(err.code, "invalid_json");
	/* a NUL inside a string is refused at parse time */
	const char *nul = "{\"s\":\"x\\u0000y\"}";
	assert_int_equal(json_parse_object(nul, strlen(nul), &o, &err), BG_ERR_INVALID);
	const char *body = "{\"s\":7,\"n\":3,\"t\":\"t\"}";
	assert_int_equal(json_parse_object(body, strlen(body), &o, &err), BG_OK);
	const char *s = NULL;
	int64_t n = 0;
	assert_int_equal(json_get_string(o, "s", true, 100, &s, &err), BG_ERR_INVALID);
	assert_string_equal(err.field, "s");
	assert_int_equal(json_get_int(o, "n", true, &n, &err), BG_OK);
	assert_int_equal(n, 3);
	assert_int_equal(json_get_int(o, "t", true, &n, &err), BG_ERR_INVALID);
	assert_string_equal(err.code, "invalid_type");
	assert_int_equal(json_get_string(o, "missing", true, 100, &s, &err), BG_ERR_INVALID);
	assert_string_equal(err.code, "missing_field");
	assert_int_equal(json_get_string(o, "missing", false, 100, &s, &err), BG_OK);
	json_decref(o);
}

static void test_i18n(void **state)
{
	(void)state;
	i18n_init();
	assert_string_equal(tr("fr", "Log in"), "Se connecter");
	assert_string_equal(tr("en", "Log in"), "Log in");
	assert_string_equal(tr("fr", "no such message"), "no such message");
	assert_string_equal(i18n_negotiate("en-US,en;q=0.9,fr;q=0.8"), "en");
	assert_string_equal(i18n_negotiate("de-DE, fr-CH;q=0.7"), "fr");
	assert_string_equal(i18n_negotiate(NULL), "fr");
	assert_null(i18n_supported("english"));
}

/* The mail Date: header (RFC 5322 §3.3): day name, two-digit day, month
 * name, UTC offset "+0000"; a 29 February, a 31 December, the epoch. */
static void test_date_rfc5322(void **state)
{
	(void)state;
	buf b;
	buf_init(&b);
	date_format_rfc5322(&b, date_to_days(2026, 12, 7) * 86400 + 5 * 3600 + 33 * 60 + 5);
	assert_string_equal(b.data, "Mon, 07 Dec 2026 05:33:05 +0000");
	buf_reset(&b);
	date_format_rfc5322(&b, date_to_days(2028, 2, 29) * 86400 + 12 * 3600);
	assert_string_equal(b.data, "Tue, 29 Feb 2028 12:00:00 +0000");
	buf_reset(&b);
	date_format_rfc5322(&b, date_to_days(2026, 12, 31) * 86400 + 86399);
	assert_string_equal(b.data, "Thu, 31 Dec 2026 23:59:59 +0000");
	buf_reset(&b);
	date_format_rfc5322(&b, 0);
	assert_string_equal(b.data, "Thu, 01 Jan 1970 00:00:00 +0000");
	buf_reset(&b);
	date_format_rfc5322(&b, -1);
	assert_string_equal(b.data, "Wed, 31 Dec 1969 23:59:59 +0000");
	buf_free(&b);
}

/* An instant read back by date_parse_instant is the one date_format_iso
 * wrote; malformed or impossible instants are refused. */
static void test_instants(void **state)
{
	(void)state;
	static const char *const good[] = {"2027-03-28T00:30:00Z", "2028-02-29T23:59:59Z",
					   "1970-01-01T00:00:00Z", "2026-12-31T22:30:00Z"};
	static const char *const bad[] = {"2027-02-29T00:00:00Z", "2027-03-28T24:00:00Z",
					  "2027-03-28T00:60:00Z", "2027-03-28T00:00:60Z",
					  "2027-03-28 00:30:00Z", "2027-03-28T00:30:00",
					  "2027-03-28T00:30:00Z ", "2027-03-28T0a:30:00Z", ""};
	buf b;
	buf_init(&b);
	int64_t t;
	for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
		assert_true(date_parse_instant(good[i], &t));
		buf_reset(&b);
		date_format_iso(&b, t);
		assert_string_equal(b.data, good[i]);
	}
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_false(date_parse_instant(bad[i], &t));
	assert_false(date_parse_instant(NULL, &t));
	buf_free(&b);
}

/* The clock: frozen by date_clock_set, running from the given instant
 * after date_clock_start, the system's again after date_clock_reset. */
static void test_clock(void **state)
{
	(void)state;
	int64_t t;
	assert_true(date_parse_instant("2027-10-31T00:30:00Z", &t));
	date_clock_set(t);
	assert_int_equal(date_now(), t);
	date_clock_start(t);
	int64_t ran = date_now() - t;
	assert_true(ran >= 0 && ran <= 1);
	date_clock_reset();
	int64_t system = (int64_t)time(NULL), now = date_now(); /* the one wall-clock read of the tests */
	assert_true(now >= system && now <= system + 1);
	testclock_set();
}

/* Today in the group's zone, at the nights where the UTC day is not Paris's. */
static void test_tz_today(void **state)
{
	(void)state;
	static const struct {
		const char *now, *today;
	} cases[] = {
		{"2026-12-31T22:30:00Z", "2026-12-31"}, /* 23:30 CET */
		{"2026-12-31T23:30:00Z", "2027-01-01"}, /* 00:30 CET, another year */
		{"2027-03-28T00:30:00Z", "2027-03-28"}, /* the night of the spring change */
		{"2027-06-30T22:30:00Z", "2027-07-01"}, /* 00:30 CEST (+2) */
		{"2027-10-30T22:30:00Z", "2027-10-31"}, /* 00:30 CEST, before the autumn change */
		{"2027-10-31T23:30:00Z", "2027-11-01"}, /* 00:30 CET, after it */
		{"2028-02-28T23:30:00Z", "2028-02-29"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		int64_t t;
		char today[11];
		assert_true(date_parse_instant(cases[i].now, &t));
		date_clock_set(t);
		tz_today(TZ_GROUP, today);
		assert_string_equal(today, cases[i].today);
	}
	testclock_set();
}

/* The group's days of an instant, on pages and in mail: the Paris day,
 * not the UTC one (00:30 on 1 January in Paris is 31 December in UTC);
 * yesterday and this month by the clock, also Paris ones. */
static void test_paris_days(void **state)
{
	(void)state;
	static const struct {
		const char *now, *fr, *en, *yesterday, *month;
	} cases[] = {
		{"2026-12-31T22:30:00Z", "31/12/2026", "2026-12-31", "2026-12-30", "2026-12"},
		{"2026-12-31T23:30:00Z", "01/01/2027", "2027-01-01", "2026-12-31", "2027-01"},
		{"2027-03-28T00:30:00Z", "28/03/2027", "2027-03-28", "2027-03-27", "2027-03"},
		{"2027-06-30T22:30:00Z", "01/07/2027", "2027-07-01", "2027-06-30", "2027-07"},
		{"2027-10-31T23:30:00Z", "01/11/2027", "2027-11-01", "2027-10-31", "2027-11"},
		{"2028-02-29T22:59:59Z", "29/02/2028", "2028-02-29", "2028-02-28", "2028-02"},
		{"2028-03-01T00:00:00Z", "01/03/2028", "2028-03-01", "2028-02-29", "2028-03"},
	};
	buf b;
	buf_init(&b);
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		int64_t t;
		assert_true(date_parse_instant(cases[i].now, &t));
		buf_reset(&b);
		tz_format_day(TZ_GROUP, t, &b, "fr");
		assert_string_equal(b.data, cases[i].fr);
		buf_reset(&b);
		tz_format_day(TZ_GROUP, t, &b, "en");
		assert_string_equal(b.data, cases[i].en);
		char day[11], month[8];
		date_clock_set(t);
		tz_day_from_today(TZ_GROUP, -1, day);
		assert_string_equal(day, cases[i].yesterday);
		tz_day_from_today(TZ_GROUP, 0, day);
		assert_string_equal(day, cases[i].en);
		tz_this_month(TZ_GROUP, month);
		assert_string_equal(month, cases[i].month);
		tz_month_of(TZ_GROUP, t, month);
		assert_string_equal(month, cases[i].month);
		assert_int_equal(tz_today_days(TZ_GROUP), date_to_days(atoi(cases[i].en), atoi(cases[i].en + 5),
									atoi(cases[i].en + 8)));
	}
	buf_free(&b);
	testclock_set();
}

/* A form's field errors: one per field (the first kept), the first of all
 * making the form's status; French postcodes, phones, character counts. */
static void test_field_errors(void **state)
{
	(void)state;
	bg_field_errors fe = {0};
	bg_error err;
	assert_int_equal(bg_field_errors_status(&fe, &err), BG_OK);
	bg_field_error_add(&fe, BG_ERR_INVALID, "missing_field", "name", "name?");
	bg_field_error_add(&fe, BG_ERR_UNPROCESSABLE, "consent_required", "consent", "consent?");
	bg_field_error_add(&fe, BG_ERR_INVALID, "too_long", "name", "second");
	assert_int_equal(fe.n, 2);
	assert_string_equal(bg_field_error_of(&fe, "name")->msgid, "name?");
	assert_string_equal(bg_field_error_of(&fe, "consent")->code, "consent_required");
	assert_null(bg_field_error_of(&fe, "phone"));
	assert_null(bg_field_error_of(NULL, "phone"));
	assert_int_equal(bg_field_errors_status(&fe, &err), BG_ERR_INVALID);
	assert_string_equal(err.field, "name");
	assert_true(ident_postcode_fr_valid("33000") && ident_postcode_fr_valid("2A004"));
	assert_false(ident_postcode_fr_valid("123") || ident_postcode_fr_valid("3300a") || ident_postcode_fr_valid("330000"));
	assert_true(ident_phone_valid("05 56 00 00 00") && ident_phone_valid("+33 (0)5.56.00.00.00"));
	assert_false(ident_phone_valid("abc") || ident_phone_valid("05 56 00") || ident_phone_valid("05-56-00-00-00"));
	assert_int_equal(utf8_chars("été"), 3);
	int64_t c;
	assert_int_equal(money_read("abc", &c), MONEY_NOT_AN_AMOUNT);
	assert_int_equal(money_read("1,234", &c), MONEY_NOT_AN_AMOUNT);
	assert_int_equal(money_read("999999999999999", &c), MONEY_OUT_OF_RANGE);
	assert_int_equal(money_read("1 234,5", &c), MONEY_READ);
	assert_int_equal(c, 123450);
}

/* CSV fields: quoted, quotes doubled, the caller's separator, CR LF at the
 * end of a line, and every formula opener neutralised — a leading tab or
 * CR included, which the newcomers' statistics once let through. */
static void test_csv_field(void **state)
{
	(void)state;
	buf b;
	buf_init(&b);
	csv_field(&b, "Zoé \"la\" Fée", ';', false);
	csv_field(&b, NULL, ';', false);
	csv_field(&b, "fin", ';', true);
	assert_string_equal(b.data, "\"Zoé \"\"la\"\" Fée\";\"\";\"fin\"\r\n");
	buf_reset(&b);
	static const char *const formulas[] = {"=1+1", "+33", "-2", "@SUM(A1)", "\tcmd", "\rcmd"};
	for (size_t i = 0; i < sizeof formulas / sizeof *formulas; i++) {
		buf_reset(&b);
		csv_field(&b, formulas[i], ',', true);
		assert_true(b.len > 2);
		assert_int_equal(b.data[0], '"');
		assert_int_equal(b.data[1], '\'');
		assert_memory_equal(b.data + 2, formulas[i], strlen(formulas[i]));
		assert_true(csv_is_formula(formulas[i]));
	}
	buf_reset(&b);
	csv_field(&b, "a,b", ',', false);
	csv_field(&b, "2026", ',', true);
	assert_string_equal(b.data, "\"a,b\",\"2026\"\r\n");
	assert_false(csv_is_formula("a=b"));
	assert_false(csv_is_formula(""));
	assert_false(csv_is_formula(NULL));
	buf_free(&b);
}

/* The one reader of a typed amount: each wrong text gets its own code and
 * message, next to its own field, and a right one is read. */
static void test_money_field_read(void **state)
{
	(void)state;
	bg_field_errors fe = {0};
	int64_t c = 7;
	assert_false(money_field_read(&fe, "a", "abc", false, MONEY_NOT_NEGATIVE, &c));
	assert_int_equal(c, 0);
	assert_false(money_field_read(&fe, "b", "1,234", false, MONEY_NOT_NEGATIVE, &c));
	assert_false(money_field_read(&fe, "c", "999999999999999", false, MONEY_ANY_SIGN, &c));
	assert_false(money_field_read(&fe, "d", "-3,50", false, MONEY_NOT_NEGATIVE, &c));
	assert_false(money_field_read(&fe, "e", "  ", false, MONEY_NOT_NEGATIVE, &c));
	assert_int_equal(fe.n, 5);
	assert_string_equal(bg_field_error_of(&fe, "a")->code, "invalid_amount");
	assert_string_equal(bg_field_error_of(&fe, "a")->msgid, "Not an amount: write it like 1234.50 or 1 234,50.");
	assert_string_equal(bg_field_error_of(&fe, "b")->code, "invalid_amount");
	assert_string_equal(bg_field_error_of(&fe, "c")->code, "amount_too_large");
	assert_string_equal(bg_field_error_of(&fe, "c")->msgid, "Too large: an amount is at most 100 billion euros.");
	assert_string_equal(bg_field_error_of(&fe, "d")->code, "negative_amount");
	assert_string_equal(bg_field_error_of(&fe, "d")->msgid, "This amount cannot be negative.");
	assert_string_equal(bg_field_error_of(&fe, "e")->code, "missing_field");
	/* three different messages for the three ways of being wrong */
	assert_string_not_equal(bg_field_error_of(&fe, "a")->msgid, bg_field_error_of(&fe, "c")->msgid);
	assert_string_not_equal(bg_field_error_of(&fe, "c")->msgid, bg_field_error_of(&fe, "d")->msgid);
	/* right ones add nothing */
	assert_true(money_field_read(&fe, "f", "-3,50", false, MONEY_ANY_SIGN, &c));
	assert_int_equal(c, -350);
	assert_true(money_field_read(&fe, "g", "1 234,5", false, MONEY_NOT_NEGATIVE, &c));
	assert_int_equal(c, 123450);
	assert_true(money_field_read(&fe, "h", "", true, MONEY_NOT_NEGATIVE, &c));
	assert_int_equal(c, 0);
	assert_true(money_field_read(&fe, "i", "100000000000", false, MONEY_NOT_NEGATIVE, &c));
	assert_int_equal(c, MONEY_MAX);
	assert_int_equal(fe.n, 5);
	/* cents already read (the API's): too large, negative */
	assert_false(money_field_check(&fe, "j", MONEY_MAX + 1, MONEY_ANY_SIGN));
	assert_false(money_field_check(&fe, "k", -1, MONEY_NOT_NEGATIVE));
	assert_true(money_field_check(&fe, "l", -1, MONEY_ANY_SIGN));
	assert_string_equal(bg_field_error_of(&fe, "j")->code, "amount_too_large");
	assert_string_equal(bg_field_error_of(&fe, "k")->code, "negative_amount");
}

/* A form's list keeps its own copy of each field's name (built in a
 * scratch buffer), and reporting it links every error to the first. */
static void test_field_errors_report(void **state)
{
	(void)state;
	bg_field_errors fe = {0};
	char name[48];
	for (int i = 0; i < 3; i++) {
		snprintf(name, sizeof name, "lines[%d].unit_price_cents", i);
		bg_field_error_add(&fe, BG_ERR_INVALID, "invalid_amount", name, "amount?");
	}
	snprintf(name, sizeof name, "overwritten");
	assert_int_equal(fe.n, 3);
	assert_string_equal(fe.items[2].field, "lines[2].unit_price_cents");
	bg_error err;
	assert_int_equal(bg_field_errors_report(&fe, &err), BG_ERR_INVALID);
	assert_ptr_equal(err.fields, &fe);
	assert_string_equal(err.field, "lines[0].unit_price_cents");
	assert_ptr_equal(bg_error_of_field(&err, "lines[1].unit_price_cents"), &fe.items[1]);
	assert_null(bg_error_of_field(&err, "lines[3].unit_price_cents"));
	/* the first error itself is found whatever the list */
	assert_ptr_equal(bg_error_of_field(&err, "lines[0].unit_price_cents"), &err);
	/* status never links: a list on a callee's stack may die */
	assert_int_equal(bg_field_errors_status(&fe, &err), BG_ERR_INVALID);
	assert_null(err.fields);
	/* bg_fail clears the link of an error reused */
	assert_int_equal(bg_field_errors_report(&fe, &err), BG_ERR_INVALID);
	assert_int_equal(bg_fail(&err, BG_ERR_CONFLICT, "x", "y", "z"), BG_ERR_CONFLICT);
	assert_null(err.fields);
	assert_null(bg_error_of_field(NULL, "y"));
	/* at most BG_FIELD_ERRORS_MAX, the rest dropped */
	bg_field_errors many = {0};
	for (int i = 0; i < BG_FIELD_ERRORS_MAX + 5; i++) {
		snprintf(name, sizeof name, "f%d", i);
		bg_field_error_add(&many, BG_ERR_INVALID, "c", name, "m");
	}
	assert_int_equal(many.n, BG_FIELD_ERRORS_MAX);
}

int main(void)
{
	testclock_set();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_money_rounding_rule), cmocka_unit_test(test_money_parse),
		cmocka_unit_test(test_money_format),       cmocka_unit_test(test_dates),
		cmocka_unit_test(test_instants), cmocka_unit_test(test_clock),
		cmocka_unit_test(test_buf_printf),
		cmocka_unit_test(test_utf8),               cmocka_unit_test(test_arena_and_buf), cmocka_unit_test(test_arena_grow),
		cmocka_unit_test(test_json),               cmocka_unit_test(test_i18n),
		cmocka_unit_test(test_date_rfc5322),       cmocka_unit_test(test_tz_today),
		cmocka_unit_test(test_paris_days),
		cmocka_unit_test(test_field_errors),
		cmocka_unit_test(test_csv_field),
		cmocka_unit_test(test_money_field_read),
		cmocka_unit_test(test_field_errors_report),
	};
	return cmocka_run_group_tests_name("core", tests, NULL, NULL);
}
