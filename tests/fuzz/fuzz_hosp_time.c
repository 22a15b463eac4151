/* fuzz_hosp_time.c — the parsers of times that come from outside (API
 * bodies, forms, query strings): hosp_parse_instant (RFC 3339 with or
 * without an offset, wall time of a zone) and hosp_parse_hhmm.  Checks
 * that a parsed wall time converts back to the same local minute. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "hospitality/hospitality.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 64)
		return 0;
	char s[65];
	memcpy(s, data, size);
	s[size] = '\0';
	int64_t t;
	if (hosp_parse_instant(s, "Europe/Paris", &t) && strlen(s) == 16) {
		/* "YYYY-MM-DDTHH:MM" in Paris: back to local, same minute unless
		 * the wall time does not exist (the spring-forward hour) */
		int64_t day;
		int minute;
		tz_utc_to_local("Europe/Paris", t, &day, &minute);
		int h = (s[11] - '0') * 10 + (s[12] - '0'), m = (s[14] - '0') * 10 + (s[15] - '0');
		if (minute != h * 60 + m && !(h == 2 || h == 3))
			abort();
	}
	int minutes;
	if (hosp_parse_hhmm(s, &minutes) && (minutes < 0 || minutes > 1440))
		abort();
	return 0;
}
