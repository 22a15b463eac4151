/*
 * err.h — errors as values.
 *
 * Every function that can fail returns a bg_status and, when it fails, fills
 * a bg_error with a stable machine code ("invalid_email"), the name of the
 * offending field when there is one, and a message id (an English msgid that
 * the face — API or page — translates into the request's language).  Domain
 * code never builds HTTP answers: the face maps bg_status to a status code.
 */
#ifndef BG_ERR_H
#define BG_ERR_H

typedef enum bg_status {
	BG_OK = 0,
	BG_ERR_INVALID,        /* 400: the input is wrong; field names it */
	BG_ERR_UNAUTHENTICATED,/* 401: no or bad credentials */
	BG_ERR_FORBIDDEN,      /* 403: known, but not allowed (CSRF, rights) */
	BG_ERR_NOT_FOUND,      /* 404: absent, or hidden from this person */
	BG_ERR_CONFLICT,       /* 409: clashes with the current state */
	BG_ERR_TOO_LARGE,      /* 413 */
	BG_ERR_UNPROCESSABLE,  /* 422: well-formed but refused by a rule */
	BG_ERR_RATE_LIMITED,   /* 429: retry_after says when */
	BG_ERR_DB,             /* 500: the database failed */
	BG_ERR_NOMEM,          /* 500 */
	BG_ERR_INTERNAL,       /* 500 */
	BG_ERR_UNAVAILABLE     /* 503 */
} bg_status;

struct bg_field_errors;
typedef struct bg_error {
	bg_status status;
	const char *code;   /* stable, machine readable, e.g. "invalid_json" */
	const char *field;  /* offending field or NULL */
	const char *msgid;  /* English msgid, translated by the face */
	int retry_after;    /* seconds, for BG_ERR_RATE_LIMITED */
	/* Every field error of the form this error is the first of, or NULL
	 * (set by bg_field_errors_report only, so that a face shows them all;
	 * the list belongs to the face and outlives the error's use). */
	const struct bg_field_errors *fields;
} bg_error;

/* On the declaration of a function returning bg_status (or a pointer that
 * may be NULL on failure): the compiler refuses a call that drops it. */
#define BG_MUST_CHECK __attribute__((warn_unused_result))

/* Marks a string for extraction by xgettext without translating it here. */
#define N_(s) (s)

/* Fills err (if not NULL) and returns status, so callers can write
 * `return bg_fail(err, BG_ERR_INVALID, "bad_email", "email", N_("…"));` */
bg_status bg_fail(bg_error *err, bg_status status, const char *code,
		  const char *field, const char *msgid) BG_MUST_CHECK;
/* Fills err the same way for a caller that uses it at once instead of
 * returning a status (a face answering a refusal, a list of field errors):
 * so that bg_fail's status may be required wherever it is returned. */
void bg_error_set(bg_error *err, bg_status status, const char *code, const char *field,
		  const char *msgid);

/* The database failed (a failed step, a statement that would not
 * prepare): the one error and message for it, BG_ERR_DB "db_error".  The
 * details are in the log, never shown. */
bg_status bg_db_fail(bg_error *err) BG_MUST_CHECK;
/* The same for a function that answers a count (the ticks): sets that
 * error in err and returns -1, the count's "failed". */
int bg_db_fail_count(bg_error *err) BG_MUST_CHECK;

/* The field errors of one form, all found at once so that each is shown
 * next to its own field (a bg_error names one field only).  Zero it before
 * use and never copy it (each item's field points into names); a form
 * reports at most BG_FIELD_ERRORS_MAX fields. */
enum { BG_FIELD_ERRORS_MAX = 32, BG_FIELD_NAME_MAX = 48 };
typedef struct bg_field_errors {
	bg_error items[BG_FIELD_ERRORS_MAX];
	char names[BG_FIELD_ERRORS_MAX][BG_FIELD_NAME_MAX];
	int n;
} bg_field_errors;

/* Adds the error of one field (its name is copied, so a name built in a
 * scratch buffer may be given); a field already in the list keeps its
 * first error, and errors beyond the maximum are dropped. */
void bg_field_error_add(bg_field_errors *fe, bg_status status, const char *code,
			const char *field, const char *msgid);
/* The error of this field, or NULL (fe may be NULL). */
const bg_error *bg_field_error_of(const bg_field_errors *fe, const char *field);
/* BG_OK when the list is empty; else copies its first error into err and
 * returns that error's status, so a form fails as a whole (err->field is
 * kept in a small per-thread ring, so the list may die first). */
bg_status bg_field_errors_status(const bg_field_errors *fe, bg_error *err) BG_MUST_CHECK;
/* The same, and err->fields points at the whole list, so that the face
 * shows every field's error (next to each field, or in the API's
 * error.fields).  For a list the face owns, alive while err is used. */
bg_status bg_field_errors_report(const bg_field_errors *fe, bg_error *err) BG_MUST_CHECK;
/* The error err says about this field: err itself when it names it, else
 * the field's own in err->fields; NULL when the field is fine. */
const bg_error *bg_error_of_field(const bg_error *err, const char *field);

/* The HTTP status code that answers a bg_status. */
int bg_status_http(bg_status status);

#endif
