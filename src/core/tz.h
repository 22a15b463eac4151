/*
 * tz.h — wall time in a named time zone ("Europe/Paris"), for every layer.
 *
 * Instants are UTC seconds (core/date.h); people live in local days and
 * minutes.  A place has its own zone; the group's own days (the dates of
 * documents, entries, memberships: French legal dates) are those of
 * TZ_GROUP, never the UTC day.  Unknown zones are read as UTC.
 */
#ifndef BG_TZ_H
#define BG_TZ_H
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/buf.h"

#define TZ_GROUP "Europe/Paris"

/* Held around every call into libical (its zone cache is shared). */
extern pthread_mutex_t tz_lock;

/* Local wall time in a zone → instant.  minute: minutes since midnight. */
int64_t tz_local_to_utc(const char *tzid, int64_t day, int minute);
/* The same for n instants at once, under one lock (availability converts
 * two per opening range per day, and the workers contended on the lock). */
void tz_local_to_utc_batch(const char *tzid, size_t n, const int64_t *days, const int *minutes, int64_t *out);
/* Instant → local day number (days since 1970-01-01) and minute of day. */
void tz_utc_to_local(const char *tzid, int64_t t, int64_t *day, int *minute);
/* Is tzid a time zone libical knows? */
bool tz_valid(const char *tzid);
/* Today's day number (days since 1970-01-01) in zone tzid, by the
 * program's clock: the group's "today" is tz_today_days(TZ_GROUP), never
 * date_now() / 86400 (the UTC day). */
int64_t tz_today_days(const char *tzid);
/* Today's date "YYYY-MM-DD" in zone tzid, by the program's clock. */
void tz_today(const char *tzid, char out[11]);
/* The date delta days after today in zone tzid, "YYYY-MM-DD" (delta -1:
 * yesterday), by the program's clock. */
void tz_day_from_today(const char *tzid, int delta, char out[11]);
/* This month in zone tzid, "YYYY-MM", by the program's clock. */
void tz_this_month(const char *tzid, char out[8]);
/* The month of instant t in zone tzid, "YYYY-MM". */
void tz_month_of(const char *tzid, int64_t t, char out[8]);
/* Appends the day of instant t in zone tzid for a language: fr
 * "01/01/2027", en "2027-01-01" (2026-12-31T23:30:00Z in Europe/Paris). */
void tz_format_day(const char *tzid, int64_t t, buf *b, const char *lang);

#endif
