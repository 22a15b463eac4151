/*
 * tz.c — wall time in a time zone (see tz.h).
 *
 * Conversions go through libical's built-in time zones (read from the
 * system's zoneinfo).  libical's zone cache is not documented as
 * thread-safe, and the server calls these from several worker threads, so
 * every libical call of the program holds tz_lock (calendar feeds too).
 */
#include "core/tz.h"
#include "core/date.h"
#include <assert.h>
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

pthread_mutex_t tz_lock = PTHREAD_MUTEX_INITIALIZER;

/* The zone for tzid (UTC when unknown); call with the lock held.
 * libical finds a built-in zone by comparing the name with each of its
 * ~600 zones in turn, which showed in profiles of availability (hundreds
 * of conversions per answer).  Its zones are never freed, so the last few
 * found are remembered here by name. */
static icaltimezone *tz_zone(const char *tzid)
{
	enum { TZ_ZONE_MEMO = 8 };
	static struct {
		char name[65];
		icaltimezone *zone;
	} memo[TZ_ZONE_MEMO];
	static int memo_next;
	if (!tzid)
		return icaltimezone_get_utc_timezone();
	for (int i = 0; i < TZ_ZONE_MEMO && memo[i].zone; i++)
		if (strcmp(memo[i].name, tzid) == 0)
			return memo[i].zone;
	icaltimezone *z = icaltimezone_get_builtin_timezone(tzid);
	if (!z)
		return icaltimezone_get_utc_timezone();
	if (strlen(tzid) < sizeof memo[0].name) {
		strcpy(memo[memo_next].name, tzid);
		memo[memo_next].zone = z;
		memo_next = (memo_next + 1) % TZ_ZONE_MEMO;
	}
	return z;
}

bool tz_valid(const char *tzid)
{
	if (!tzid || !*tzid || strlen(tzid) > 64)
		return false;
	pthread_mutex_lock(&tz_lock);
	bool ok = icaltimezone_get_builtin_timezone(tzid) != NULL;
	pthread_mutex_unlock(&tz_lock);
	return ok;
}

/* day + minute (local) as UTC seconds in zone z; call with the lock held. */
static int64_t tz_local_to_utc_locked(icaltimezone *z, int64_t day, int minute)
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

int64_t tz_local_to_utc(const char *tzid, int64_t day, int minute)
{
	pthread_mutex_lock(&tz_lock);
	int64_t t = tz_local_to_utc_locked(tz_zone(tzid), day, minute);
	pthread_mutex_unlock(&tz_lock);
	return t;
}

void tz_local_to_utc_batch(const char *tzid, size_t n, const int64_t *days, const int *minutes, int64_t *out)
{
	pthread_mutex_lock(&tz_lock);
	icaltimezone *z = tz_zone(tzid);
	for (size_t i = 0; i < n; i++)
		out[i] = tz_local_to_utc_locked(z, days[i], minutes[i]);
	pthread_mutex_unlock(&tz_lock);
}

void tz_utc_to_local(const char *tzid, int64_t t, int64_t *day, int *minute)
{
	pthread_mutex_lock(&tz_lock);
	struct icaltimetype tt = icaltime_from_timet_with_zone((time_t)t, 0, tz_zone(tzid));
	pthread_mutex_unlock(&tz_lock);
	*day = date_to_days(tt.year, tt.month, tt.day);
	*minute = tt.hour * 60 + tt.minute;
}

int64_t tz_today_days(const char *tzid)
{
	int64_t day;
	int minute;
	tz_utc_to_local(tzid, date_now(), &day, &minute);
	return day;
}

void tz_today(const char *tzid, char out[11])
{
	tz_day_from_today(tzid, 0, out);
}

void tz_day_from_today(const char *tzid, int delta, char out[11])
{
	int y, m, d;
	date_from_days(tz_today_days(tzid) + delta, &y, &m, &d);
	assert(y >= 0 && y <= 9999);
	snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
}

void tz_this_month(const char *tzid, char out[8])
{
	tz_month_of(tzid, date_now(), out);
}

void tz_month_of(const char *tzid, int64_t t, char out[8])
{
	int64_t day;
	int minute, y, m, d;
	tz_utc_to_local(tzid, t, &day, &minute);
	date_from_days(day, &y, &m, &d);
	assert(y >= 0 && y <= 9999);
	snprintf(out, 8, "%04d-%02d", y, m);
}

void tz_format_day(const char *tzid, int64_t t, buf *b, const char *lang)
{
	int64_t day;
	int minute;
	tz_utc_to_local(tzid, t, &day, &minute);
	date_format_calendar_day(b, day, lang);
}
