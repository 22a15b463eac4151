/*
 * hosp_time.c — wall time in a place's time zone.
 *
 * The conversions themselves are core/tz.c's; this file parses and
 * formats the wall times hospitality shows.
 */
#include "hospitality/hospitality.h"
#include "hospitality/hosp_internal.h"
#include "core/date.h"
#include "core/tz.h"
#include <stdlib.h>
#include <string.h>


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
		*out = tz_local_to_utc(tzid, days, h * 60 + mi) + sec;
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
	tz_utc_to_local(tzid, t, &day, &minute);
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
	tz_utc_to_local(tzid, t, &day, &minute);
	date_from_days(day, &y, &m, &d);
	int64_t off = (day * 86400 + minute * 60) - (t - t % 60);
	long long ao = off < 0 ? -off : off;
	buf_printf(b, "%04d-%02d-%02dT%02d:%02d:%02d%c%02lld:%02lld", y, m, d, minute / 60,
		   minute % 60, (int)(t % 60), off < 0 ? '-' : '+', ao / 3600, ao / 60 % 60);
}
