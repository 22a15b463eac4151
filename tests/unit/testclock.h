/*
 * testclock.h — the unit tests' "today".  Every test binary's main calls
 * testclock_set() first: the program's clock (date_now) is frozen at the
 * instant in BIGRE_TEST_NOW ("YYYY-MM-DDTHH:MM:SSZ", set by tests/run.sh),
 * or at TESTCLOCK_DEFAULT when it is unset, so that what a test checks
 * does not depend on the day it runs.  Tests that need "today" use
 * date_now(), never the wall clock.
 */
#ifndef BG_TESTCLOCK_H
#define BG_TESTCLOCK_H
#include <stdio.h>
#include <stdlib.h>
#include "core/date.h"

#define TESTCLOCK_DEFAULT "2026-11-28T15:04:05Z"

/* Freezes the clock at BIGRE_TEST_NOW (or the default); a malformed value
 * stops the binary rather than testing some other day. */
static inline void testclock_set(void)
{
	const char *env = getenv("BIGRE_TEST_NOW");
	const char *iso = env && *env ? env : TESTCLOCK_DEFAULT;
	int64_t t;
	if (!date_parse_instant(iso, &t)) {
		fprintf(stderr, "BIGRE_TEST_NOW is not YYYY-MM-DDTHH:MM:SSZ: %s\n", iso);
		exit(2);
	}
	date_clock_set(t);
}

#endif
