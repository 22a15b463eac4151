/* date.c — strict dates and instants (see date.h). */
#include "core/date.h"
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

bool date_is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_days_in_month(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m < 1 || m > 12)
		return 0;
	return m == 2 && date_is_leap(y) ? 29 : days[m - 1];
}

bool date_parse(const char *s, int *y, int *m, int *d)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	int yy = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	int mm = (s[5] - '0') * 10 + (s[6] - '0');
	int dd = (s[8] - '0') * 10 + (s[9] - '0');
	if (yy < 1900 || mm < 1 || mm > 12 || dd < 1 || dd > date_days_in_month(yy, mm))
		return false;
	*y = yy;
	*m = mm;
	*d = dd;
	return true;
}

/* Howard Hinnant's days-from-civil algorithm. */
int64_t date_to_days(int y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void date_from_days(int64_t z, int *y, int *m, int *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t yy = yoe + era * 400;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yy + (*m <= 2));
}

/* The clock's setting, as two atomics: the frozen instant (CLOCK_RUNS when
 * the clock runs), and the offset added to the monotonic clock when a
 * start instant was given (CLOCK_SYSTEM when the system's time is read).
 * A change writes the offset before the frozen instant and a read loads
 * them in the other order, so a read sees one setting, old or new. */
#define CLOCK_RUNS INT64_MIN
#define CLOCK_SYSTEM INT64_MIN
static _Atomic int64_t clock_frozen_at = CLOCK_RUNS;
static _Atomic int64_t clock_offset = CLOCK_SYSTEM;

/* Seconds of the monotonic clock (never set back, unlike the wall clock). */
static int64_t date_monotonic(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec;
}

int64_t date_now(void)
{
	int64_t frozen = atomic_load(&clock_frozen_at);
	if (frozen != CLOCK_RUNS)
		return frozen;
	int64_t offset = atomic_load(&clock_offset);
	if (offset != CLOCK_SYSTEM)
		return date_monotonic() + offset;
	return (int64_t)time(NULL);
}

void date_clock_set(int64_t t)
{
	atomic_store(&clock_frozen_at, t);
}

void date_clock_start(int64_t t)
{
	atomic_store(&clock_offset, t - date_monotonic());
	atomic_store(&clock_frozen_at, CLOCK_RUNS);
}

void date_clock_reset(void)
{
	atomic_store(&clock_offset, CLOCK_SYSTEM);
	atomic_store(&clock_frozen_at, CLOCK_RUNS);
}

/* Reads n decimal digits at s into *v; false if one is not a digit. */
static bool date_get_digits(const char *s, int n, int *v)
{
	*v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		*v = *v * 10 + (s[i] - '0');
	}
	return true;
}

bool date_parse_instant(const char *s, int64_t *t)
{
	char day[11];
	int y, m, d, hh, mm, ss;
	if (!s || strlen(s) != 20 || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z')
		return false;
	memcpy(day, s, 10);
	day[10] = '\0';
	if (!date_parse(day, &y, &m, &d) || !date_get_digits(s + 11, 2, &hh) ||
	    !date_get_digits(s + 14, 2, &mm) || !date_get_digits(s + 17, 2, &ss) || hh > 23 || mm > 59 ||
	    ss > 59)
		return false;
	*t = date_to_days(y, m, d) * 86400 + hh * 3600 + mm * 60 + ss;
	return true;
}

/* Writes v as n decimal digits at p. */
static void date_put_digits(char *p, int v, int n)
{
	while (n-- > 0) {
		p[n] = (char)('0' + v % 10);
		v /= 10;
	}
}

void date_format_iso(buf *b, int64_t t)
{
	int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
	int secs = (int)(t - days * 86400);
	/* Availability answers write thousands of these, mostly on the same
	 * few days: each thread remembers its last day's "YYYY-MM-DD". */
	static _Thread_local int64_t memo_days = INT64_MIN;
	static _Thread_local char memo_date[10];
	if (days != memo_days) {
		int y, m, d;
		date_from_days(days, &y, &m, &d);
		if (y < 0 || y > 9999) {
			buf_printf(b, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, m, d, secs / 3600,
				   secs / 60 % 60, secs % 60);
			return;
		}
		date_put_digits(memo_date, y, 4);
		memo_date[4] = memo_date[7] = '-';
		date_put_digits(memo_date + 5, m, 2);
		date_put_digits(memo_date + 8, d, 2);
		memo_days = days;
	}
	char s[20];
	memcpy(s, memo_date, sizeof memo_date);
	s[10] = 'T';
	date_put_digits(s + 11, secs / 3600, 2);
	s[13] = ':';
	date_put_digits(s + 14, secs / 60 % 60, 2);
	s[16] = ':';
	date_put_digits(s + 17, secs % 60, 2);
	s[19] = 'Z';
	buf_append(b, s, sizeof s);
}

void date_format_calendar_day(buf *b, int64_t days, const char *lang)
{
	int y, m, d;
	date_from_days(days, &y, &m, &d);
	if (lang && strcmp(lang, "en") == 0)
		buf_printf(b, "%04d-%02d-%02d", y, m, d);
	else
		buf_printf(b, "%02d/%02d/%04d", d, m, y);
}

/* RFC 5322 §3.3 date-time, the form of a mail's Date: header, in UTC:
 * day name, day, month name, year, time, and the zone "+0000". */
void date_format_rfc5322(buf *b, int64_t t)
{
	static const char wdays[7][4] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
	static const char months[12][4] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
					   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
	int secs = (int)(t - days * 86400);
	int y, m, d;
	date_from_days(days, &y, &m, &d);
	int wday = (int)(((days + 4) % 7 + 7) % 7); /* 1970-01-01 was a Thursday */
	buf_printf(b, "%s, %02d %s %04d %02d:%02d:%02d +0000", wdays[wday], d, months[m - 1], y,
		   secs / 3600, secs / 60 % 60, secs % 60);
}
