/* err.c — helpers for errors as values (see err.h). */
#include "core/err.h"
#include <stddef.h>
#include <string.h>

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

bg_status bg_db_fail(bg_error *err)
{
	return bg_fail(err, BG_ERR_DB, "db_error", NULL, N_("The change could not be saved."));
}

void bg_field_error_add(bg_field_errors *fe, bg_status status, const char *code,
			const char *field, const char *msgid)
{
	if (fe->n >= BG_FIELD_ERRORS_MAX || bg_field_error_of(fe, field))
		return;
	bg_fail(&fe->items[fe->n++], status, code, field, msgid);
}

const bg_error *bg_field_error_of(const bg_field_errors *fe, const char *field)
{
	for (int i = 0; fe && field && i < fe->n; i++)
		if (fe->items[i].field && strcmp(fe->items[i].field, field) == 0)
			return &fe->items[i];
	return NULL;
}

bg_status bg_field_errors_status(const bg_field_errors *fe, bg_error *err)
{
	if (fe->n == 0)
		return BG_OK;
	if (err)
		*err = fe->items[0];
	return fe->items[0].status;
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
