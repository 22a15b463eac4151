/*
 * web_hospitality.h — what the hospitality pages share between
 * web_hospitality.c (places, bookings, sessions, newcomers), which defines
 * these, and web_hosts.c (the hosts' dashboard).
 */
#ifndef BG_WEB_HOSPITALITY_H
#define BG_WEB_HOSPITALITY_H
#include "http/http.h"

/* The hospitality menu, on every hospitality page. */
void wh_subnav(request *rq, response *rs);
/* Appends a local time of a zone as text. */
void wh_when(request *rq, buf *b, const char *tz, int64_t t);
/* HH:MM of an instant in a zone. */
void wh_hhmm(buf *b, const char *tz, int64_t t);
/* A field error paragraph when err names this field; whether it did. */
bool wh_field_error(request *rq, response *rs, const bg_error *err, const char *field);
/* One <option> of a <select> by id, selected when its id is the text
 * selected (the form's value; NULL: none). */
void wh_option(response *rs, int64_t id, const char *name, const char *selected);

/* The routes of the hosts' dashboard (web_hosts.c). */
extern const route web_hosts_routes[];

#endif
