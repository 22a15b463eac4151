/*
 * date.h — calendar dates and instants.
 *
 * Instants are int64_t seconds since the Unix epoch (UTC).  Calendar dates
 * are "YYYY-MM-DD" strings, validated strictly (2026-02-30 is refused).
 */
#ifndef BG_DATE_H
#define BG_DATE_H
#include <stdbool.h>
#include <stdint.h>
#include "core/buf.h"

bool date_is_leap(int year);
int date_days_in_month(int year, int month);
/* Parses exactly "YYYY-MM-DD" with a real day of a real month. */
bool date_parse(const char *s, int *y, int *m, int *d);
/* Days since 1970-01-01 of a (valid) date, and back. */
int64_t date_to_days(int y, int m, int d);
void date_from_days(int64_t days, int *y, int *m, int *d);
/*
 * Current instant: the program's one clock.  It reads the system's time
 * unless a test or a demo server gave it another:
 *   date_clock_set(t)    freezes it at t (unit tests: "today" is t);
 *   date_clock_start(t)  lets it run from t: now = t + the real seconds
 *                        elapsed since the call (a server given --now);
 *   date_clock_reset()   back to the system's time.
 * Reads are lock-free and thread-safe; a read racing a change sees either
 * the old clock or the new one.  Nothing else may read the wall clock for
 * calendar purposes (monotonic clocks for timeouts are fine).
 */
int64_t date_now(void);
void date_clock_set(int64_t t);
void date_clock_start(int64_t t);
void date_clock_reset(void);
/* Parses exactly "YYYY-MM-DDTHH:MM:SSZ" (UTC, a real day, 00:00:00 to
 * 23:59:59), the form date_format_iso writes. */
bool date_parse_instant(const char *s, int64_t *t);
/* Appends an instant as "2026-11-28T15:04:05Z". */
void date_format_iso(buf *b, int64_t t);
/* Appends a calendar day (days since 1970-01-01) for a language: fr
 * "28/11/2026", en "2026-11-28".  An instant's day depends on the zone:
 * tz_format_day (core/tz.h) shows it. */
void date_format_calendar_day(buf *b, int64_t days, const char *lang);
/* Appends an instant as RFC 5322 wants it in mail, in UTC:
 * "Mon, 07 Dec 2026 05:33:05 +0000". */
void date_format_rfc5322(buf *b, int64_t t);

#endif
