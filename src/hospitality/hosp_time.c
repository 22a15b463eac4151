/*
 * hosp_time.c — wall time in a place's time zone.
 *
 * Conversions go through libical's built-in time zones (read from the
 * system's zoneinfo).  libical's zone cache is not documented as
 * thread-safe, and the server calls these from several worker threads, so
 * every libical call here (and in calendar.c) holds hosp_ical_lock.
 */
#include "hospitality/hospitality.h"
#include "hospitality/hosp_internal.h"
#include "core/date.h"
#include <libical/ical.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

pthread_mutex_t hosp_ical_lock = PTHREAD_MUTEX_INITIALIZER;

/* The zone for tzid (UTC when unknown); call with the lock held.
 * libical finds a built-in zone by comparing the name with each of its
 * ~600 zones in turn, which showed in profiles of availability (hundreds
 * of conversions per answer).  Its zones are never freed, so the last few
 * found are remembered here by name. */
static icaltimezone *hosp_zone(const char *tzid)
{
	enum { HOSP_ZONE_MEMO = 8 };
	static struct {
		char name[65];
		icaltimezone *zone;
	} memo[HOSP_ZONE_MEMO];
	static int memo_next;
	if (!tzid)
		return icaltimezone_get_utc_timezone();
	for (int i = 0; i < HOSP_ZONE_MEMO && memo[i].zone; i++)
		if (strcmp(memo[i].name, tzid) == 0)
			return memo[i].zone;
	icaltimezone *z = icaltimezone_get_builtin_timezone(tzid);
	if (!z)
		return icaltimezone_get_utc_timezone();
	if (strlen(tzid) < sizeof memo[0].name) {
		strcpy(memo[memo_next].name, tzid);
		memo[memo_next].zone = z;
		memo_next = (memo_next + 1) % HOSP_ZONE_MEMO;
	}
	return z;
}

bool hosp_tz_valid(const char *tzid)
{
	if (!tzid || !*tzid || strlen(tzid) > 64)
		return false;
	pthread_mutex_lock(&hosp_ical_lock);
	bool ok = icaltimezone_get_builtin_timezone(tzid) != NULL;
	pthread_mutex_unlock(&hosp_ical_lock);
	return ok;
}

/* day + minute (local) as UTC seconds in zone z; call with the lock held. */
static int64_t hosp_local_to_utc_locked(icaltimezone *z, int64_t day, int minute)
{
	int y, m, dd;
	day += minute / 1440;
	minute %= 1440;
	date_from_days(day, &y, &m, &dd);
	struct icaltimetype tt = icaltime_null_time();
	tt.year = y;
	tt.month = m;
	tt.day = dd;
	tt.hour = minute / 60;
	tt.minute = minute % 60;
	tt.zone = z;
	return (int64_t)icaltime_as_timet_with_zone(tt, z);
}

int64_t hosp_local_to_utc(const char *tzid, int64_t day, int minute)
{
	pthread_mutex_lock(&hosp_ical_lock);
	int64_t t = hosp_local_to_utc_locked(hosp_zone(tzid), day, minute);
	pthread_mutex_unlock(&hosp_ical_lock);
	return t;
}

void hosp_local_to_utc_batch(const char *tzid, size_t n, const int64_t *days, const int *minutes, int64_t *out)
{
	pthread_mutex_lock(&hosp_ical_lock);
	icaltimezone *z = hosp_zone(tzid);
	for (size_t i = 0; i < n; i++)
		out[i] = hosp_local_to_utc_locked(z, days[i], minutes[i]);
	pthread_mutex_unlock(&hosp_ical_lock);
}

void hosp_utc_to_local(const char *tzid, int64_t t, int64_t *day, int *minute)
{
	pthread_mutex_lock(&hosp_ical_lock);
	struct icaltimetype tt = icaltime_from_timet_with_zone((time_t)t, 0, hosp_zone(tzid));
	pthread_mutex_unlock(&hosp_ical_lock);
	*day = date_to_days(tt.year, tt.month, tt.day);
	*minute = tt.hour * 60 + tt.minute;
}

/* Reads exactly n digits at s into *out. */
static bool hosp_digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

bool hosp_parse_hhmm(const char *s, int *minutes)
{
	int h, m;
	if (!s || strlen(s) != 5 || s[2] != ':' || !hosp_digits(s, 2, &h) || !hosp_digits(s + 3, 2, &m))
		return false;
	if (m > 59 || h > 24 || (h == 24 && m != 0))
		return false;
	*minutes = h * 60 + m;
	return true;
}

bool hosp_parse_instant(const char *s, const char *tzid, int64_t *out)
{
	char day[11];
	int y, mo, d, h, mi, sec = 0;
	if (!s || strlen(s) < 16 || strlen(s) > 25 || s[10] != 'T')
		return false;
	memcpy(day, s, 10);
	day[10] = '\0';
	if (!date_parse(day, &y, &mo, &d) || s[13] != ':' || !hosp_digits(s + 11, 2, &h) ||
	    !hosp_digits(s + 14, 2, &mi) || h > 23 || mi > 59)
		return false;
	const char *rest = s + 16;
	if (*rest == ':') {
		if (!hosp_digits(rest + 1, 2, &sec) || sec > 59)
			return false;
		rest += 3;
	}
	int64_t days = date_to_days(y, mo, d);
	if (*rest == '\0') {
		*out = hosp_local_to_utc(tzid, days, h * 60 + mi) + sec;
		return true;
	}
	int64_t t = days * 86400 + h * 3600 + mi * 60 + sec;
	if (strcmp(rest, "Z") == 0) {
		*out = t;
		return true;
	}
	int oh, om;
	if ((rest[0] != '+' && rest[0] != '-') || strlen(rest) != 6 || rest[3] != ':' ||
	    !hosp_digits(rest + 1, 2, &oh) || !hosp_digits(rest + 4, 2, &om) || oh > 14 || om > 59)
		return false;
	int64_t off = oh * 3600 + om * 60;
	*out = rest[0] == '+' ? t - off : t + off;
	return true;
}

void hosp_format_local(buf *b, const char *tzid, int64_t t, const char *lang)
{
	int64_t day;
	int minute, y, m, d;
	hosp_utc_to_local(tzid, t, &day, &minute);
	date_from_days(day, &y, &m, &d);
	if (lang && strcmp(lang, "en") == 0)
		buf_printf(b, "%04d-%02d-%02d %02d:%02d", y, m, d, minute / 60, minute % 60);
	else
		buf_printf(b, "%02d/%02d/%04d %02d:%02d", d, m, y, minute / 60, minute % 60);
}

void hosp_format_iso_local(buf *b, const char *tzid, int64_t t)
{
	int64_t day;
	int minute, y, m, d;
	hosp_utc_to_local(tzid, t, &day, &minute);
	date_from_days(day, &y, &m, &d);
	int64_t off = (day * 86400 + minute * 60) - (t - t % 60);
	long long ao = off < 0 ? -off : off;
	buf_printf(b, "%04d-%02d-%02dT%02d:%02d:%02d%c%02lld:%02lld", y, m, d, minute / 60,
		   minute % 60, (int)(t % 60), off < 0 ? '-' : '+', ao / 3600, ao / 60 % 60);
}
