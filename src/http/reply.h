/*
 * reply.h — JSON answers shared by every API handler and the server.
 *
 * Errors always have the shape {"error":{"code","message","field"}}, the
 * message in the request's language.
 */
#ifndef BG_REPLY_H
#define BG_REPLY_H
#include "http/http.h"

/* Sets status from err->status and writes the error body. */
void reply_error(request *rq, response *rs, const bg_error *err);
/* Shorthand for an error that is not a domain result. */
void reply_fail(request *rq, response *rs, bg_status st, const char *code, const char *field,
		const char *msgid);
/* Starts a JSON body with the given status: the caller appends the JSON. */
buf *reply_json(response *rs, int status);

#endif
