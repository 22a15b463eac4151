/*
 * api.h — the JSON face's request skeleton and the helpers its handlers
 * share (/api/v1/…).
 *
 * Every API handler is one call of api_run() with an operation, written
 * by API_OP at the head of the operation's definition (API_HANDLER when
 * one operation serves several routes, each with its ctx): the
 * skeleton parses the body (API_BODY, API_BODY_OPT), opens the
 * transaction (none of its own for a GET or HEAD: the server's read
 * transaction serves; BEGIN IMMEDIATE for any other method), runs the
 * operation — which reads the body's fields, calls the domain function
 * and, when it succeeds, writes the answer with api_json() — then commits,
 * or rolls back and answers the error as JSON (its status from
 * bg_status_http, `error.fields` when the body was checked as a whole
 * through r->fields).  With API_IDEMPOTENT (the routes that move money or
 * create a record a retry would create twice) an `Idempotency-Key` header
 * is honoured: the first answer is stored under the key in the same
 * transaction as the change; the same key again with the same method,
 * path and body answers that first answer (header Idempotent-Replayed)
 * and writes nothing; with another request it is a 409
 * idempotency_key_reused (docs/api.md).  A failed request stores nothing
 * and may be retried with its key.
 */
#ifndef BG_API_H
#define BG_API_H
#include "core/json.h"
#include "http/http.h"
#include "http/reply.h"

/* What api_run() does around an operation. */
enum {
	API_BODY = 1u << 0,	  /* the body is a JSON object (415 or 400 otherwise) */
	API_BODY_OPT = 1u << 1,	  /* as API_BODY, but an empty body is fine (r->body NULL) */
	API_IDEMPOTENT = 1u << 2, /* honours the Idempotency-Key (a POST that moves money or creates) */
	API_MAIL = 1u << 3,	  /* wakes the mailer once committed (the change queued mail) */
	API_WRITE = 1u << 4,	  /* a GET that writes (an audited reading): BEGIN IMMEDIATE too */
	/* the usual sets, named so that every handler reads alike */
	API_PLAIN = 0,				  /* no body read, no key */
	API_ONCE = API_BODY | API_IDEMPOTENT,	  /* a body, honoured once per key */
	API_ONCE_OPT = API_BODY_OPT | API_IDEMPOTENT, /* an optional body, honoured once per key */
	API_BODY_MAIL = API_BODY | API_MAIL,	  /* a body; the mailer woken once committed */
};

/* One request as the operation sees it.  The strings read from body stay
 * valid until api_run() returns; fields outlives the operation, so an
 * error linked to it by bg_field_errors_report is still there when the
 * skeleton answers it. */
typedef struct api_req {
	request *rq;
	response *rs;
	json_t *body;		/* the body's object, or NULL (no API_BODY, or empty with API_BODY_OPT) */
	int64_t id;		/* the path's first {id}; 0 when there is none */
	bg_field_errors fields; /* every wrong field of the body, for bg_field_errors_report */
	void *ctx;		/* the handler's own, passed through */
	bool error_written;	/* the operation wrote its own error body (a clash): kept as it is */
} api_req;

/* An operation: reads what it needs from r, calls the domain, and on
 * success writes the answer (api_json, api_no_content); returns the
 * domain's status with err filled on failure. */
typedef bg_status (*api_op)(api_req *r, bg_error *err);

/* Defines the handler `handler` of a route table — one api_run() of op
 * with flags and no ctx — and starts op's own definition, whose body
 * follows the macro: each operation carries its flags where it is
 * written, and no list of one-line handlers stands above the table.
 *	API_OP(api_ledger_close, API_BODY, eco_ledger_close)
 *	{ ... r and err as in api_op ... }
 * The parameters are r and err, as every operation's. */
#define API_OP(handler, flags, op)                                                         \
	static bg_status op(api_req *r, bg_error *err);                                     \
	static void handler(request *rq, response *rs) { api_run(rq, rs, (flags), op, NULL); } \
	static bg_status op(api_req *r, bg_error *err)
/* Writes the handler `handler`: one api_run() of op with flags and ctx —
 * for an operation that serves several routes, each with its ctx (a
 * document's kind, a deletion's description), or with other flags. */
#define API_HANDLER(handler, flags, op, ctx) \
	static void handler(request *rq, response *rs) { api_run(rq, rs, (flags), op, (ctx)); }

/* Runs op in the skeleton described above.  True when op succeeded and
 * its transaction committed (the handler may then do what must follow a
 * commit: a cookie, a mail kick); false when the answer is an error. */
bool api_run(request *rq, response *rs, unsigned flags, api_op op, void *ctx);
/* The same with check run first, before the transaction opens (and before
 * the key is looked up): what must refuse a request without taking the
 * write lock, a rate limit.  It writes nothing; its error is answered as
 * op's would be.  The two share r (r->ctx carries what check read). */
bool api_run_checked(request *rq, response *rs, unsigned flags, api_op check, api_op op, void *ctx);
/* Appends ,"name":<v as a JSON string, null for NULL> (name a literal). */
void api_str(buf *b, const char *name, const char *v);
/* Starts the JSON answer of r with status (reply_json). */
buf *api_json(api_req *r, int status);
/* The plain answers of an operation's end.  Each passes st through and
 * answers only when it is BG_OK (as api_list does), so that an operation
 * ends with `return api_…(r, st, …);`:
 * api_no_content 204 with no body; api_status {"status":"<word>"} with
 * status (word a literal name, written as it is); api_created 201
 * {"id":id}. */
bg_status api_no_content(api_req *r, bg_status st);
bg_status api_status(api_req *r, bg_status st, int status, const char *word);
bg_status api_created(api_req *r, bg_status st, int64_t id);

/* Parses the body as a JSON object; answers 415/400 itself and returns
 * NULL when it is not one.  The caller json_decref()s the result. */
json_t *api_body(request *rq, response *rs);

/* The paging of every list: ?limit= (API_LIMIT_DEFAULT when absent, at most
 * API_LIMIT_MAX) and ?offset= (0 when absent); see docs/api.md. */
enum { API_LIMIT_DEFAULT = 50, API_LIMIT_MAX = 500 };
typedef struct api_paging {
	int64_t limit, offset;
	size_t n;	/* the rows the domain answered for the page */
	int64_t total;	/* the rows of the whole list */
} api_paging;
/* Reads ?limit= and ?offset= (n and total set to 0); when one is not a whole number in range,
 * the error is 400 invalid_limit (field "limit") or invalid_offset (field
 * "offset"). */
bg_status api_paging_get(request *rq, api_paging *p, bg_error *err) BG_MUST_CHECK;
/* Appends ,"total":N,"limit":L,"offset":O to the list's JSON object. */
void api_paging_json(buf *b, const api_paging *p, int64_t total);

/* Writes row i of a list's rows (one JSON value, no comma). */
typedef void (*api_item)(buf *b, const void *rows, size_t i);
/* Passes st through; when it is BG_OK, answers 200 with
 * {"<key>":[item(rows, 0),…,item(rows, n-1)]}, then the paging of total
 * when pg is not NULL (api_paging_json), else "total" when it is not
 * negative.  key is a literal name (written as it is). */
bg_status api_list(api_req *r, bg_status st, const char *key, api_item item, const void *rows, size_t n,
		   const api_paging *pg, int64_t total);
/* api_list of a page: the rows' count and the total read from pg, which
 * the domain's list filled (&pg.n, &pg.total). */
bg_status api_page(api_req *r, bg_status st, const char *key, api_item item, const void *rows, const api_paging *pg);

extern const route api_core_routes[];
/* The network's JSON face, one table per resource (src/api/network/). */
extern const route api_net_cooperatives_routes[];
extern const route api_net_units_routes[];
extern const route api_net_people_routes[];
extern const route api_net_organisations_routes[];
extern const route api_net_roles_routes[];
/* The hospitality's JSON face, one table per resource (src/api/hospitality/). */
extern const route api_hosp_places_routes[];
extern const route api_hosp_hours_routes[];
extern const route api_hosp_resources_routes[];
extern const route api_hosp_bookings_routes[];
extern const route api_hosp_sessions_routes[];
extern const route api_hosp_newcomers_routes[];
extern const route api_hosp_interviews_routes[];
extern const route api_hosp_path_routes[];
extern const route api_hosp_feeds_routes[];

#endif
