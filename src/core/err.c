/* err.c — helpers for errors as values (see err.h). */
#include "core/err.h"
#include <stddef.h>

bg_status bg_fail(bg_error *err, bg_status status, const char *code,
		  const char *field, const char *msgid)
{
	if (err) {
		err->status = status;
		err->code = code;
		err->field = field;
		err->msgid = msgid;
		err->retry_after = 0;
	}
	return status;
}

int bg_status_http(bg_status status)
{
	switch (status) {
	case BG_OK: return 200;
	case BG_ERR_INVALID: return 400;
	case BG_ERR_UNAUTHENTICATED: return 401;
	case BG_ERR_FORBIDDEN: return 403;
	case BG_ERR_NOT_FOUND: return 404;
	case BG_ERR_CONFLICT: return 409;
	case BG_ERR_TOO_LARGE: return 413;
	case BG_ERR_UNPROCESSABLE: return 422;
	case BG_ERR_RATE_LIMITED: return 429;
	case BG_ERR_UNAVAILABLE: return 503;
	case BG_ERR_DB:
	case BG_ERR_NOMEM:
	case BG_ERR_INTERNAL: return 500;
	}
	return 500;
}
