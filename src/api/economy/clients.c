/*
 * economy/clients.c — /api/v1/clients: list, create, read, change.
 */
#include "api/economy/api_economy_internal.h"

/* One row of the list of eco_clients. */
static void eco_clients_item(buf *b, const void *rows, size_t i)
{
	const client_list_row *v = rows;
	buf_printf(b, "{\"id\":%lld,\"activity_id\":%lld", (long long)v[i].id,
		   (long long)v[i].activity_id);
	api_eco_str(b, "kind", v[i].kind, true);
	api_eco_str(b, "name", v[i].name, true);
	api_eco_str(b, "siren", v[i].siren, true);
	api_eco_str(b, "vat_number", v[i].vat_number, true);
	api_eco_str(b, "address", v[i].address, true);
	api_eco_str(b, "email", v[i].email, true);
	buf_printf(b, ",\"payment_terms_days\":%lld", (long long)v[i].payment_terms_days);
	api_eco_str(b, "lang", v[i].lang, true);
	buf_puts(b, "}");
}

/* GET /api/v1/clients[?activity_id=] */
API_OP(api_clients, API_PLAIN, eco_clients)
{
	int64_t act = api_eco_query_id(r->rq, "activity_id");
	client_list_row *v;
	size_t n;
	bg_status st = client_list_visible(r->rq->db, &r->rq->arena, r->rq->person_id, act, &v, &n, err);
	return api_list(r, st, "clients", eco_clients_item, v, n, NULL, -1);
}

/* POST /api/v1/clients */
API_OP(api_client_create, API_ONCE, eco_client_create)
{
	json_t *body = r->body;
	bg_field_errors *fields = &r->fields;
	client_in in = {.payment_terms_days = -1, .fields = fields};
	int64_t id = 0;
	bool act = api_eco_int(fields, body, NULL, 0, "activity_id", true, &in.activity_id);
	api_eco_string(fields, body, NULL, 0, "kind", true, 20, &in.kind);
	api_eco_string(fields, body, NULL, 0, "name", true, 200, &in.name);
	api_eco_string(fields, body, NULL, 0, "siren", false, 20, &in.siren);
	api_eco_string(fields, body, NULL, 0, "vat_number", false, 20, &in.vat_number);
	api_eco_string(fields, body, NULL, 0, "address", true, 500, &in.address);
	api_eco_string(fields, body, NULL, 0, "email", false, 254, &in.email);
	api_eco_int(fields, body, NULL, 0, "payment_terms_days", false, &in.payment_terms_days);
	api_eco_string(fields, body, NULL, 0, "lang", false, 2, &in.lang);
	bg_status st = act ? BG_OK : bg_field_errors_report(fields, err);
	if (st == BG_OK)
		st = client_create(r->rq->db, r->rq->person_id, &in, &id, err);
	return api_created(r, st, id);
}

/* The client as JSON, with its documents (number, status, totals). */
static void eco_client_json(buf *b, const client_row *c, const sales_doc_brief *v, size_t n)
{
	buf_printf(b, "{\"id\":%lld,\"cooperative_id\":%lld,\"activity_id\":%lld", (long long)c->id,
		   (long long)c->coop_id, (long long)c->activity_id);
	api_eco_str(b, "kind", c->kind, true);
	api_eco_str(b, "name", c->name, true);
	api_eco_str(b, "siren", c->siren[0] ? c->siren : NULL, true);
	api_eco_str(b, "vat_number", c->vat_number[0] ? c->vat_number : NULL, true);
	api_eco_str(b, "address", c->address, true);
	api_eco_str(b, "email", c->email[0] ? c->email : NULL, true);
	buf_printf(b, ",\"payment_terms_days\":%lld", (long long)c->payment_terms_days);
	api_eco_str(b, "lang", c->lang[0] ? c->lang : NULL, true);
	buf_printf(b, ",\"can_edit\":%s,\"documents\":[", c->can_write ? "true" : "false");
	for (size_t i = 0; i < n; i++) {
		buf_printf(b, "%s{\"id\":%lld", i ? "," : "", (long long)v[i].id);
		api_eco_str(b, "kind", v[i].kind, true);
		api_eco_str(b, "status", v[i].status, true);
		api_eco_str(b, "number", v[i].number, true);
		api_eco_str(b, "issue_date", v[i].issue_date, true);
		buf_printf(b, ",\"total_ht_cents\":%lld,\"total_ttc_cents\":%lld,\"paid_cents\":%lld,\"credited_cents\":%lld}",
			   (long long)v[i].total_ht, (long long)v[i].total_ttc, (long long)v[i].paid, (long long)v[i].credited);
	}
	buf_puts(b, "]}");
}

/* GET /api/v1/clients/{id} (also the answer of a change) */
API_OP(api_client_get, API_PLAIN, eco_client_get)
{
	client_row c;
	sales_doc_brief *v;
	size_t n;
	bg_status st = client_get(r->rq->db, r->rq->person_id, r->id, &c, err);
	if (st == BG_OK) /* never a client without documents for a failed read */
		st = sales_client_documents(r->rq->db, &r->rq->arena, r->rq->person_id, c.id, &v, &n, err);
	if (st == BG_OK)
		eco_client_json(api_json(r, 200), &c, v, n);
	return st;
}

/* A PATCH field: absent → *out unchanged; null → "" (cleared); else the
 * string, at most max characters (its error added to fe). */
static void eco_patch_str(json_t *body, const char *field, size_t max, const char **out, bg_field_errors *fe)
{
	json_t *v = json_object_get(body, field);
	if (v && json_is_null(v))
		*out = "";
	else
		api_eco_string(fe, body, NULL, 0, field, false, max, out);
}

/* PATCH /api/v1/clients/{id}: the fields given change (null or "" clears
 * an optional one), checked as at creation, every field's error at once;
 * then the client is answered. */
API_OP(api_client_patch, API_BODY, eco_client_patch)
{
	json_t *body = r->body;
	client_row c = {0};
	bg_status st = client_get(r->rq->db, r->rq->person_id, r->id, &c, err);
	client_in in = {c.activity_id, c.kind, c.name, c.siren, c.vat_number, c.address, c.email,
			c.payment_terms_days, c.lang, &r->fields};
	static const char *const texts[] = {"kind", "name", "siren", "vat_number", "address", "email", "lang"};
	static const size_t max[] = {20, 200, 20, 20, 500, 254, 2};
	const char **to[] = {&in.kind, &in.name, &in.siren, &in.vat_number, &in.address, &in.email, &in.lang};
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
		eco_patch_str(body, texts[i], max[i], to[i], &r->fields);
	json_t *terms = json_object_get(body, "payment_terms_days");
	if (terms && json_is_null(terms))
		in.payment_terms_days = -1; /* the cooperative's */
	else
		api_eco_int(&r->fields, body, NULL, 0, "payment_terms_days", false, &in.payment_terms_days);
	if (st == BG_OK)
		st = client_update(r->rq->db, r->rq->person_id, r->id, &in, err);
	return st == BG_OK ? eco_client_get(r, err) : st;
}

const route api_eco_clients_routes[] = {
	{HTTP_GET, "/api/v1/clients", api_clients, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/clients", api_client_create, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/clients/{id}", api_client_get, ROUTE_AUTH},
	{HTTP_PATCH, "/api/v1/clients/{id}", api_client_patch, ROUTE_AUTH},
	{0, NULL, NULL, 0},
};
