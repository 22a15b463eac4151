/* err.c — helpers for errors as values (see err.h). */
#include "core/err.h"
#include <assert.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

void bg_error_set(bg_error *err, bg_status status, const char *code, const char *field,
		  const char *msgid)
{
	if (err) {
		err->status = status;
		err->code = code;
		err->field = field;
		err->msgid = msgid;
		err->retry_after = 0;
		err->fields = NULL;
	}
}

bg_status bg_fail(bg_error *err, bg_status status, const char *code,
		  const char *field, const char *msgid)
{
	bg_error_set(err, status, code, field, msgid);
	return status;
}

bg_status bg_db_fail(bg_error *err)
{
	return bg_fail(err, BG_ERR_DB, "db_error", NULL, N_("The change could not be saved."));
}

int bg_db_fail_count(bg_error *err)
{
	bg_error_set(err, BG_ERR_DB, "db_error", NULL, N_("The change could not be saved."));
	return -1;
}

void bg_field_error_add(bg_field_errors *fe, bg_status status, const char *code,
			const char *field, const char *msgid)
{
	assert(field && strlen(field) < BG_FIELD_NAME_MAX);
	if (fe->n >= BG_FIELD_ERRORS_MAX || bg_field_error_of(fe, field))
		return;
	char *name = fe->names[fe->n];
	snprintf(name, BG_FIELD_NAME_MAX, "%s", field);
	bg_error_set(&fe->items[fe->n++], status, code, name, msgid);
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
	if (err) {
		/* the first field's name outlives a list on the callee's stack */
		static _Thread_local char kept[8][BG_FIELD_NAME_MAX];
		static _Thread_local unsigned next;
		char *name = kept[next++ % 8];
		*err = fe->items[0];
		snprintf(name, BG_FIELD_NAME_MAX, "%s", fe->items[0].field);
		err->field = name;
	}
	return fe->items[0].status;
}

bg_status bg_field_errors_report(const bg_field_errors *fe, bg_error *err)
{
	bg_status st = bg_field_errors_status(fe, err);
	if (st != BG_OK && err)
		err->fields = fe;
	return st;
}

const bg_error *bg_error_of_field(const bg_error *err, const char *field)
{
	if (!err || !field)
		return NULL;
	if (err->field && strcmp(err->field, field) == 0)
		return err;
	return bg_field_error_of(err->fields, field);
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
