/*
 * log.h — structured logging to stderr, one JSON object per line.
 *
 * Callers pass only what is safe to log: never a password, token, cookie or
 * request body.  The access log takes the path without its query string for
 * that reason (a query may carry a token).
 */
#ifndef BG_LOG_H
#define BG_LOG_H
#include <stdint.h>

typedef enum { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR } log_level;

void log_set_level(log_level level);
void log_msg(log_level level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void log_access(const char *request_id, const char *method, const char *path,
		int status, int64_t duration_us);

#endif
