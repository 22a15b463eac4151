/*
 * api_economy.c — the JSON face of the economy (issue 5): activities,
 * clients, quotes, invoices, credit notes, payments, receipts, expenses,
 * and the ledger (entries, balances, accounts, closing).  See docs/api.md.
 *
 * Every handler: parse → db_begin(DB_WRITE) → [idempotency] → domain
 * call(s) → render → [store the answer under the key] → commit.
 *
 * Idempotency: a POST that carries an `Idempotency-Key` header is
 * answered once.  The key, the BLAKE2b hash of (method, path, body) and
 * the first answer (status and body) are stored in idempotency_keys in the
 * SAME transaction as the change, so either both exist or neither does.
 * The same key again with the same request → the stored answer, nothing
 * new; with another request → 409 idempotency_key_reused.  Keys belong to
 * the person who sent them.
 *
 * Lists show what the caller may see: the activities they are a member of,
 * and all activities of the cooperatives where they are accountant,
 * accompanist or administrator (the rule of activity_access(), expressed in
 * SQL as ECONOMY_VISIBLE_SQL inside the domain's list readers, so that lists
 * need no per-row check).  No SQL here: every read goes through a function
 * of src/economy/ that fills structs in the request arena; this file only
 * renders them.
 */
#include "api/api.h"
#include "api/api_economy.h"
#include "api/api_economy_input.h"
#include "auth/authz.h"
#include "core/date.h"
#include "core/tz.h"
#include "core/money.h"
#include "economy/economy.h"
#include "economy/ledger.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* --- idempotency --- */

typedef struct eco_idem {
	const char *key;
	unsigned char hash[32];
} eco_idem;

/* Begins the write transaction and, with an Idempotency-Key, answers a
 * replay or a conflict itself (returns false: the handler stops). */
static bool eco_begin(request *rq, response *rs, eco_idem *ik)
{
	bg_error err;
	ik->key = rq_header(rq, "Idempotency-Key");
	if (ik->key && (!ik->key[0] || strlen(ik->key) > 200)) {
		reply_fail(rq, rs, BG_ERR_INVALID, "invalid_idempotency_key", "Idempotency-Key",
			   N_("An Idempotency-Key has 1 to 200 characters."));
		return false;
	}
	if (db_begin(rq->db, DB_WRITE, &err) != BG_OK) {
		reply_error(rq, rs, &err);
		return false;
	}
	if (!ik->key)
		return true;
	crypto_generichash_state h;
	crypto_generichash_init(&h, NULL, 0, sizeof ik->hash);
	crypto_generichash_update(&h, (const unsigned char *)rq->method_name, strlen(rq->method_name) + 1);
	crypto_generichash_update(&h, (const unsigned char *)rq->path, strlen(rq->path) + 1);
	if (rq->body.len)
		crypto_generichash_update(&h, (const unsigned char *)rq->body.data, rq->body.len);
	crypto_generichash_final(&h, ik->hash, sizeof ik->hash);
	bool same = false;
	int64_t status = 0;
	const char *stored = NULL;
	if (economy_idempotency_get(rq->db, &rq->arena, rq->person_id, ik->key, ik->hash, sizeof ik->hash, &same,
				    &status, &stored)) {
		if (same)
			buf_puts(reply_json(rs, (int)status), stored);
		db_rollback(rq->db);
		if (!same)
			reply_fail(rq, rs, BG_ERR_CONFLICT, "idempotency_key_reused", "Idempotency-Key",
				   N_("This Idempotency-Key was used for another request."));
		else
			rs_header(rq, rs, "Idempotent-Replayed", "true");
		return false;
	}
	return true;
}

/* Stores the answer under the key (if any) and commits. */
static void eco_finish(request *rq, response *rs, eco_idem *ik)
{
	bg_error err;
	if (ik->key) {
		buf_putc(&rs->body, '\0');
		rs->body.len--;
		if (economy_idempotency_put(rq->db, rq->person_id, ik->key, rq->path, ik->hash, sizeof ik->hash,
					    (int64_t)rs->status, rs->body.data ? rs->body.data : "", &err) != BG_OK) {
			api_fail(rq, rs, &err);
			return;
		}
	}
	api_commit(rq, rs);
}

/* --- small parsers --- */

/* Query-string integer (0 when absent or not a positive integer). */
static int64_t eco_query_id(request *rq, const char *name)
{
	const char *v = rq_query(rq, name);
	if (!v || !*v || strspn(v, "0123456789") != strlen(v) || strlen(v) > 18)
		return 0;
	return strtoll(v, NULL, 10);
}

/* --- rendering --- */

static void eco_str(buf *b, const char *name, const char *v, bool comma)
{
	buf_printf(b, "%s\"%s\":", comma ? "," : "", name);
	json_put_string(b, v);
}

/* ,"name":"v" when v says something; nothing at all for NULL or "" (an
 * optional field is absent, never an empty string: docs/api.md). */
static void eco_str_opt(buf *b, const char *name, const char *v)
{
	if (v && *v)
		eco_str(b, name, v, true);
}

/* A document with its lines and VAT per rate ("null" when it cannot be read). */
static void eco_document_json(request *rq, buf *b, int64_t id)
{
	sales_doc_view v;
	bg_error err;
	if (sales_document_view_get(rq->db, &rq->arena, id, &v, &err) != BG_OK) {
		buf_puts(b, "null");
		return;
	}
	buf_printf(b, "{\"id\":%lld,\"cooperative_id\":%lld,\"activity_id\":%lld,\"client_id\":%lld",
		   (long long)v.id, (long long)v.coop_id, (long long)v.activity_id, (long long)v.client_id);
	eco_str(b, "kind", v.kind, true);
	eco_str(b, "status", v.status, true);
	eco_str(b, "number", v.number, true);
	eco_str(b, "issue_date", v.issue_date, true);
	eco_str(b, "supply_date", v.supply_date, true);
	eco_str(b, "due_date", v.due_date, true);
	if (v.source_id)
		buf_printf(b, ",\"source_id\":%lld", (long long)v.source_id);
	eco_str(b, "title", v.title, true);
	eco_str(b, "notes", v.notes, true);
	eco_str(b, "vat_mention", v.vat_mention, true);
	buf_printf(b, ",\"total_ht_cents\":%lld,\"total_vat_cents\":%lld,\"total_ttc_cents\":%lld,"
		      "\"paid_cents\":%lld,\"due_cents\":%lld,\"entry_id\":%lld",
		   (long long)v.total_ht, (long long)v.total_vat, (long long)v.total_ttc, (long long)v.paid,
		   (long long)(v.total_ttc - v.credited - v.paid + v.refunded), (long long)v.entry_id);
	buf_printf(b, ",\"credited_cents\":%lld,\"refunded_cents\":%lld", (long long)v.credited,
		   (long long)v.refunded);
	eco_str(b, "quote_number", v.quote_number, true);
	/* the client as the document shows it: frozen once validated */
	if (v.has_client) {
		buf_puts(b, ",\"client\":{");
		eco_str(b, "name", v.client.name, false);
		eco_str(b, "kind", v.client.kind, true);
		eco_str(b, "siren", v.client.siren, true);
		eco_str(b, "vat_number", v.client.vat_number, true);
		eco_str(b, "address", v.client.address, true);
		eco_str(b, "email", v.client.email, true);
		eco_str(b, "lang", v.client.lang, true);
		buf_printf(b, ",\"frozen\":%s}", v.client.frozen ? "true" : "false");
	}
	buf_puts(b, ",\"lines\":[");
	for (size_t i = 0; i < v.nlines; i++) {
		const sales_doc_line_view *l = &v.lines[i];
		buf_printf(b, "%s{\"position\":%lld", i ? "," : "", (long long)l->position);
		eco_str(b, "description", l->description, true);
		int64_t m = l->quantity_milli;
		buf_printf(b, ",\"quantity\":\"%lld.%03lld\",\"unit_price_cents\":%lld,\"vat_bp\":%lld,"
			      "\"discount_bp\":%lld,\"goods\":%s,\"total_ht_cents\":%lld",
			   (long long)(m / 1000), (long long)(m % 1000), (long long)l->unit_cents, (long long)l->vat_bp,
			   (long long)l->discount_bp, l->goods ? "true" : "false", (long long)l->total_ht);
		/* a quote's line: the invoice it went to, null while it remains to invoice */
		if (!strcmp(v.kind, "quote") && l->invoice_id)
			buf_printf(b, ",\"invoice_id\":%lld}", (long long)l->invoice_id);
		else
			buf_puts(b, !strcmp(v.kind, "quote") ? ",\"invoice_id\":null}" : "}");
	}
	buf_puts(b, "],\"vat\":[");
	for (size_t i = 0; i < v.nvat; i++)
		buf_printf(b, "%s{\"vat_bp\":%lld,\"base_cents\":%lld,\"vat_cents\":%lld}", i ? "," : "",
			   (long long)v.vat[i].vat_bp, (long long)v.vat[i].base, (long long)v.vat[i].vat);
	buf_puts(b, "]}");
}

/* --- activities --- */

static void eco_activity_json(buf *b, const activity_row *r)
{
	buf_printf(b, "{\"id\":%lld,\"cooperative_id\":%lld", (long long)r->id, (long long)r->coop_id);
	eco_str(b, "code", r->code, true);
	eco_str(b, "name", r->name, true);
	eco_str(b, "status", r->status, true);
	if (r->contribution_bp >= 0)
		buf_printf(b, ",\"contribution_bp\":%lld", (long long)r->contribution_bp);
	buf_puts(b, "}");
}

/* GET /api/v1/activities */
static void api_activities(request *rq, response *rs)
{
	activity_row *v;
	size_t n;
	bg_error err;
	if (activity_list_visible(rq->db, &rq->arena, rq->person_id, &v, &n, &err) != BG_OK) {
		reply_error(rq, rs, &err);
		return;
	}
	buf *b = reply_json(rs, 200);
	buf_puts(b, "{\"activities\":[");
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_putc(b, ',');
		eco_activity_json(b, &v[i]);
	}
	buf_puts(b, "]}");
}

/* GET /api/v1/activities/{id} — with its balance per account */
static void api_activity_get(request *rq, response *rs)
{
	activity a;
	bg_error err;
	activity_member_row *m;
	activity_balance_row *bal;
	size_t nm, nb;
	if (activity_access(rq->db, rq->person_id, rq_param_id(rq, 0), false, &a, &err) != BG_OK ||
	    activity_member_list(rq->db, &rq->arena, a.id, &m, &nm, &err) != BG_OK ||
	    activity_balance_list(rq->db, &rq->arena, a.coop_id, a.id, &bal, &nb, &err) != BG_OK) {
		reply_error(rq, rs, &err);
		return;
	}
	buf *b = reply_json(rs, 200);
	buf_printf(b, "{\"id\":%lld,\"cooperative_id\":%lld", (long long)a.id, (long long)a.coop_id);
	eco_str(b, "code", a.code, true);
	eco_str(b, "name", a.name, true);
	eco_str(b, "status", a.status, true);
	buf_puts(b, ",\"members\":[");
	for (size_t i = 0; i < nm; i++) {
		buf_printf(b, "%s{\"id\":%lld", i ? "," : "", (long long)m[i].id);
		eco_str(b, "name", m[i].name, true);
		buf_puts(b, "}");
	}
	buf_puts(b, "],\"balances\":[");
	for (size_t i = 0; i < nb; i++) {
		buf_printf(b, "%s{\"account\":", i ? "," : "");
		json_put_string(b, bal[i].account);
		buf_printf(b, ",\"debit_cents\":%lld,\"credit_cents\":%lld,\"balance_cents\":%lld}",
			   (long long)bal[i].debit, (long long)bal[i].credit, (long long)(bal[i].debit - bal[i].credit));
	}
	buf_puts(b, "]}");
}

/* POST /api/v1/activities {cooperative_id, code, name, members, contribution_bp} */
static void api_activity_create(request *rq, response *rs)
{
	json_t *body = api_body(rq, rs);
	if (!body)
		return;
	int64_t coop = 0, rate = -1, id = 0, members[50];
	size_t nm = 0;
	const char *code = NULL, *name = NULL;
	bg_error err;
	eco_idem ik;
	json_t *arr = json_object_get(body, "members");
	bg_status st = json_get_int(body, "cooperative_id", true, &coop, &err);
	if (st == BG_OK)
		st = json_get_string(body, "code", true, 20, &code, &err);
	if (st == BG_OK)
		st = json_get_string(body, "name", true, 200, &name, &err);
	if (st == BG_OK)
		st = json_get_int(body, "contribution_bp", false, &rate, &err);
	if (st == BG_OK && (!json_is_array(arr) || json_array_size(arr) == 0 || json_array_size(arr) > 50))
		st = bg_fail(&err, BG_ERR_INVALID, "no_member", "members", N_("An activity has at least one member."));
	for (size_t i = 0; st == BG_OK && i < json_array_size(arr); i++) {
		json_t *v = json_array_get(arr, i);
		if (!json_is_integer(v))
			st = bg_fail(&err, BG_ERR_INVALID, "wrong_type", "members", N_("This person does not exist."));
		else
			members[nm++] = json_integer_value(v);
	}
	if (st != BG_OK) {
		json_decref(body);
		reply_error(rq, rs, &err);
		return;
	}
	if (!eco_begin(rq, rs, &ik)) {
		json_decref(body);
		return;
	}
	st = activity_create(rq->db, rq->person_id, coop, code, name, members, nm, rate, &id, &err);
	json_decref(body);
	if (st != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	buf_printf(reply_json(rs, 201), "{\"id\":%lld}", (long long)id);
	eco_finish(rq, rs, &ik);
}

/* PUT /api/v1/activities/{id} {name, status, contribution_bp?, add_members?} (accountants) */
static void api_activity_update(request *rq, response *rs)
{
	json_t *body = api_body(rq, rs);
	if (!body)
		return;
	const char *name = NULL, *status = NULL;
	int64_t rate = -1, members[50];
	size_t nm = 0;
	bg_error err;
	json_t *arr = json_object_get(body, "add_members");
	bg_status st = json_get_string(body, "name", true, 200, &name, &err);
	if (st == BG_OK)
		st = json_get_string(body, "status", true, 20, &status, &err);
	if (st == BG_OK)
		st = json_get_int(body, "contribution_bp", false, &rate, &err);
	for (size_t i = 0; st == BG_OK && json_is_array(arr) && i < json_array_size(arr); i++) {
		json_t *v = json_array_get(arr, i);
		if (!json_is_integer(v) || nm == 50)
			st = bg_fail(&err, BG_ERR_INVALID, "wrong_type", "add_members", N_("This person does not exist."));
		else
			members[nm++] = json_integer_value(v);
	}
	if (st == BG_OK)
		st = db_begin(rq->db, DB_WRITE, &err);
	if (st == BG_OK)
		st = activity_update(rq->db, rq->person_id, rq_param_id(rq, 0), name, status, rate, members, nm, &err);
	json_decref(body);
	if (st != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	if (api_commit(rq, rs))
		api_activity_get(rq, rs);
}

/* --- clients --- */

/* GET /api/v1/clients[?activity_id=] */
static void api_clients(request *rq, response *rs)
{
	int64_t act = eco_query_id(rq, "activity_id");
	client_list_row *v;
	size_t n;
	bg_error err;
	if (client_list_visible(rq->db, &rq->arena, rq->person_id, act, &v, &n, &err) != BG_OK) {
		reply_error(rq, rs, &err);
		return;
	}
	buf *b = reply_json(rs, 200);
	buf_puts(b, "{\"clients\":[");
	for (size_t i = 0; i < n; i++) {
		buf_printf(b, "%s{\"id\":%lld,\"activity_id\":%lld", i ? "," : "", (long long)v[i].id,
			   (long long)v[i].activity_id);
		eco_str(b, "kind", v[i].kind, true);
		eco_str(b, "name", v[i].name, true);
		eco_str(b, "siren", v[i].siren, true);
		eco_str(b, "vat_number", v[i].vat_number, true);
		eco_str(b, "address", v[i].address, true);
		eco_str(b, "email", v[i].email, true);
		buf_printf(b, ",\"payment_terms_days\":%lld", (long long)v[i].payment_terms_days);
		eco_str(b, "lang", v[i].lang, true);
		buf_puts(b, "}");
	}
	buf_puts(b, "]}");
}

/* POST /api/v1/clients */
static void api_client_create(request *rq, response *rs)
{
	json_t *body = api_body(rq, rs);
	if (!body)
		return;
	bg_field_errors fields = {0};
	client_in in = {.payment_terms_days = -1, .fields = &fields};
	bg_error err;
	eco_idem ik;
	int64_t id = 0;
	bool act = eco_int(&fields, body, NULL, 0, "activity_id", true, &in.activity_id);
	eco_string(&fields, body, NULL, 0, "kind", true, 20, &in.kind);
	eco_string(&fields, body, NULL, 0, "name", true, 200, &in.name);
	eco_string(&fields, body, NULL, 0, "siren", false, 20, &in.siren);
	eco_string(&fields, body, NULL, 0, "vat_number", false, 20, &in.vat_number);
	eco_string(&fields, body, NULL, 0, "address", true, 500, &in.address);
	eco_string(&fields, body, NULL, 0, "email", false, 254, &in.email);
	eco_int(&fields, body, NULL, 0, "payment_terms_days", false, &in.payment_terms_days);
	eco_string(&fields, body, NULL, 0, "lang", false, 2, &in.lang);
	if (!eco_begin(rq, rs, &ik)) {
		json_decref(body);
		return;
	}
	bg_status st = act ? BG_OK : bg_field_errors_report(&fields, &err);
	if (st == BG_OK)
		st = client_create(rq->db, rq->person_id, &in, &id, &err);
	json_decref(body);
	if (st != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	buf_printf(reply_json(rs, 201), "{\"id\":%lld}", (long long)id);
	eco_finish(rq, rs, &ik);
}

/* The client as JSON, with its documents (number, status, totals). */
static void eco_client_json(request *rq, buf *b, const client_row *c)
{
	buf_printf(b, "{\"id\":%lld,\"cooperative_id\":%lld,\"activity_id\":%lld", (long long)c->id,
		   (long long)c->coop_id, (long long)c->activity_id);
	eco_str(b, "kind", c->kind, true);
	eco_str(b, "name", c->name, true);
	eco_str(b, "siren", c->siren[0] ? c->siren : NULL, true);
	eco_str(b, "vat_number", c->vat_number[0] ? c->vat_number : NULL, true);
	eco_str(b, "address", c->address, true);
	eco_str(b, "email", c->email[0] ? c->email : NULL, true);
	buf_printf(b, ",\"payment_terms_days\":%lld", (long long)c->payment_terms_days);
	eco_str(b, "lang", c->lang[0] ? c->lang : NULL, true);
	buf_printf(b, ",\"can_edit\":%s,\"documents\":[", c->can_write ? "true" : "false");
	sales_doc_brief *v = NULL;
	size_t n = 0;
	bg_error err;
	if (sales_client_documents(rq->db, &rq->arena, c->id, &v, &n, &err) != BG_OK)
		n = 0;
	for (size_t i = 0; i < n; i++) {
		buf_printf(b, "%s{\"id\":%lld", i ? "," : "", (long long)v[i].id);
		eco_str(b, "kind", v[i].kind, true);
		eco_str(b, "status", v[i].status, true);
		eco_str(b, "number", v[i].number, true);
		eco_str(b, "issue_date", v[i].issue_date, true);
		buf_printf(b, ",\"total_ht_cents\":%lld,\"total_ttc_cents\":%lld,\"paid_cents\":%lld,\"credited_cents\":%lld}",
			   (long long)v[i].total_ht, (long long)v[i].total_ttc, (long long)v[i].paid, (long long)v[i].credited);
	}
	buf_puts(b, "]}");
}

/* GET /api/v1/clients/{id} */
static void api_client_get(request *rq, response *rs)
{
	client_row c;
	bg_error err;
	if (client_get(rq->db, rq->person_id, rq_param_id(rq, 0), &c, &err) != BG_OK) {
		reply_error(rq, rs, &err);
		return;
	}
	eco_client_json(rq, reply_json(rs, 200), &c);
}

/* A PATCH field: absent → *out unchanged; null → "" (cleared); else the
 * string, at most max characters (its error added to fe). */
static void eco_patch_str(json_t *body, const char *field, size_t max, const char **out, bg_field_errors *fe)
{
	json_t *v = json_object_get(body, field);
	if (v && json_is_null(v))
		*out = "";
	else
		eco_string(fe, body, NULL, 0, field, false, max, out);
}

/* PATCH /api/v1/clients/{id}: the fields given change (null or "" clears
 * an optional one), checked as at creation, every field's error at once;
 * then the client is answered. */
static void api_client_patch(request *rq, response *rs)
{
	json_t *body = api_body(rq, rs);
	if (!body)
		return;
	int64_t id = rq_param_id(rq, 0);
	client_row c = {0};
	bg_field_errors fields = {0};
	bg_error err;
	bg_status st = db_begin(rq->db, DB_WRITE, &err);
	if (st == BG_OK)
		st = client_get(rq->db, rq->person_id, id, &c, &err);
	client_in in = {c.activity_id, c.kind, c.name, c.siren, c.vat_number, c.address, c.email,
			c.payment_terms_days, c.lang, &fields};
	static const char *const texts[] = {"kind", "name", "siren", "vat_number", "address", "email", "lang"};
	static const size_t max[] = {20, 200, 20, 20, 500, 254, 2};
	const char **to[] = {&in.kind, &in.name, &in.siren, &in.vat_number, &in.address, &in.email, &in.lang};
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
		eco_patch_str(body, texts[i], max[i], to[i], &fields);
	json_t *terms = json_object_get(body, "payment_terms_days");
	if (terms && json_is_null(terms))
		in.payment_terms_days = -1; /* the cooperative's */
	else
		eco_int(&fields, body, NULL, 0, "payment_terms_days", false, &in.payment_terms_days);
	if (st == BG_OK)
		st = client_update(rq->db, rq->person_id, id, &in, &err);
	json_decref(body);
	if (st != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	if (api_commit(rq, rs))
		api_client_get(rq, rs);
}

/* --- quotes and invoices --- */

/* Lists documents of a kind ("quote", or invoices and credit notes). */
static void eco_documents(request *rq, response *rs, bool quotes)
{
	int64_t act = eco_query_id(rq, "activity_id");
	const char *status = rq_query(rq, "status");
	sales_doc_brief *v;
	size_t n;
	int64_t total;
	bg_error err;
	api_paging pg;
	if (!api_paging_read(rq, rs, &pg))
		return;
	if (sales_document_list_visible(rq->db, &rq->arena, rq->person_id, act, status, quotes, pg.limit, pg.offset, &v,
					&n, &total, &err) != BG_OK) {
		reply_error(rq, rs, &err);
		return;
	}
	buf *b = reply_json(rs, 200);
	buf_printf(b, "{\"%s\":[", quotes ? "quotes" : "invoices");
	for (size_t i = 0; i < n; i++) {
		buf_printf(b, "%s{\"id\":%lld", i ? "," : "", (long long)v[i].id);
		eco_str(b, "kind", v[i].kind, true);
		eco_str(b, "status", v[i].status, true);
		eco_str(b, "number", v[i].number, true);
		eco_str(b, "issue_date", v[i].issue_date, true);
		eco_str(b, "due_date", v[i].due_date, true);
		buf_printf(b, ",\"total_ttc_cents\":%lld,\"paid_cents\":%lld,\"activity_id\":%lld",
			   (long long)v[i].total_ttc, (long long)v[i].paid, (long long)v[i].activity_id);
		eco_str(b, "client", v[i].client, true);
		buf_puts(b, "}");
	}
	buf_puts(b, "]");
	api_paging_json(b, &pg, total);
	buf_puts(b, "}");
}

/* GET /api/v1/quotes */
static void api_quotes(request *rq, response *rs) { eco_documents(rq, rs, true); }
/* GET /api/v1/invoices (with credit notes) */
static void api_invoices(request *rq, response *rs) { eco_documents(rq, rs, false); }

/* GET /api/v1/quotes/{id}, /api/v1/invoices/{id} */
static void api_document_get(request *rq, response *rs)
{
	activity a;
	bg_error err;
	int64_t id = rq_param_id(rq, 0);
	if (sales_access(rq->db, rq->person_id, id, false, &a, &err) != BG_OK) {
		reply_error(rq, rs, &err);
		return;
	}
	eco_document_json(rq, reply_json(rs, 200), id);
}

/* Writes a quote or an invoice (id 0: a new draft, else the draft's new
 * content) from the body, in the caller's transaction: every field's error
 * at once (400 with error.fields), nothing written on any. */
static bg_status eco_document_write(request *rq, json_t *body, sales_doc_in *in, bg_field_errors *fields,
				    int64_t *id, bg_error *err)
{
	sales_line_in *lines = arena_alloc(&rq->arena, SALES_MAX_LINES * sizeof *lines);
	bg_status st = BG_OK;
	if (eco_doc_in(body, in, lines, fields))
		st = sales_check(rq->db, rq->person_id, *id, in, fields, err);
	if (st == BG_OK)
		st = bg_field_errors_report(fields, err);
	if (st == BG_OK)
		st = *id ? sales_update(rq->db, rq->person_id, *id, in, err)
			 : sales_create(rq->db, rq->person_id, in, id, err);
	return st;
}

/* POST /api/v1/quotes and /api/v1/invoices: a draft */
static void eco_document_create(request *rq, response *rs, const char *kind)
{
	json_t *body = api_body(rq, rs);
	if (!body)
		return;
	sales_doc_in in = {.kind = kind};
	bg_field_errors fields = {0};
	bg_error err;
	eco_idem ik;
	int64_t id = 0;
	if (!eco_begin(rq, rs, &ik)) {
		json_decref(body);
		return;
	}
	bg_status st = eco_document_write(rq, body, &in, &fields, &id, &err);
	json_decref(body);
	if (st != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	eco_document_json(rq, reply_json(rs, 201), id);
	eco_finish(rq, rs, &ik);
}

/* POST /api/v1/quotes */
static void api_quote_create(request *rq, response *rs) { eco_document_create(rq, rs, "quote"); }
/* POST /api/v1/invoices */
static void api_invoice_create(request *rq, response *rs) { eco_document_create(rq, rs, "invoice"); }

/* PUT /api/v1/quotes/{id}, /api/v1/invoices/{id}: a draft's new content */
static void api_document_update(request *rq, response *rs)
{
	json_t *body = api_body(rq, rs);
	if (!body)
		return;
	sales_doc_in in = {0};
	bg_field_errors fields = {0};
	bg_error err;
	int64_t id = rq_param_id(rq, 0);
	bg_status st = db_begin(rq->db, DB_WRITE, &err);
	if (st == BG_OK)
		st = eco_document_write(rq, body, &in, &fields, &id, &err);
	json_decref(body);
	if (st != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	if (api_commit(rq, rs))
		eco_document_json(rq, reply_json(rs, 200), id);
}

/* Reads an optional {"date": …} body (an empty body is fine). */
static bool eco_date_body(request *rq, response *rs, json_t **body, const char **date)
{
	*body = NULL;
	*date = NULL;
	if (rq->body.len == 0)
		return true;
	*body = api_body(rq, rs);
	if (!*body)
		return false;
	bg_error err;
	if (json_get_string(*body, "date", false, 10, date, &err) != BG_OK) {
		json_decref(*body);
		reply_error(rq, rs, &err);
		return false;
	}
	return true;
}

/* POST /api/v1/invoices/{id}/validate {date?} */
static void api_invoice_validate(request *rq, response *rs)
{
	json_t *body;
	const char *date;
	bg_error err;
	eco_idem ik;
	int64_t id = rq_param_id(rq, 0);
	if (!eco_date_body(rq, rs, &body, &date))
		return;
	if (!eco_begin(rq, rs, &ik)) {
		json_decref(body);
		return;
	}
	bg_status st = sales_validate(rq->db, rq->person_id, id, date, &err);
	json_decref(body);
	if (st != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	eco_document_json(rq, reply_json(rs, 200), id);
	eco_finish(rq, rs, &ik);
}

/* POST /api/v1/invoices/{id}/credit-note {date?, lines?: [positions], amount_cents?, vat_bp?,
 * description?, refund_method?} — the whole invoice, some lines, or an amount excl. VAT. */
static void api_invoice_credit_note(request *rq, response *rs)
{
	json_t *body;
	const char *date;
	bg_error err;
	eco_idem ik;
	int64_t id = 0, refund = 0, positions[SALES_MAX_LINES];
	if (!eco_date_body(rq, rs, &body, &date))
		return;
	bg_field_errors fields = {0};
	sales_credit_in in = {date, positions, 0, 0, 0, NULL, NULL, &fields};
	json_t *arr = body ? json_object_get(body, "lines") : NULL;
	if (arr && (!json_is_array(arr) || json_array_size(arr) > SALES_MAX_LINES))
		bg_field_error_add(&fields, BG_ERR_INVALID, "wrong_type", "lines", N_("The invoice has no such line."));
	for (size_t i = 0; json_is_array(arr) && i < json_array_size(arr) && i < SALES_MAX_LINES; i++) {
		json_t *v = json_array_get(arr, i);
		if (!json_is_integer(v))
			bg_field_error_add(&fields, BG_ERR_INVALID, "wrong_type", ledger_field_name("lines", i, "position"),
					   N_("The invoice has no such line."));
		else
			positions[in.npositions++] = json_integer_value(v);
	}
	json_t *amount = body ? json_object_get(body, "amount_cents") : NULL;
	eco_int(&fields, body, NULL, 0, "amount_cents", false, &in.amount_ht);
	eco_int(&fields, body, NULL, 0, "vat_bp", amount != NULL, &in.vat_bp);
	eco_string(&fields, body, NULL, 0, "description", false, 5000, &in.description);
	eco_string(&fields, body, NULL, 0, "refund_method", false, 10, &in.refund_method);
	if (amount && json_is_integer(amount) && in.amount_ht == 0)
		bg_field_error_add(&fields, BG_ERR_INVALID, "invalid_amount", "amount_cents", N_("A credit note has an amount."));
	if (!eco_begin(rq, rs, &ik)) {
		json_decref(body);
		return;
	}
	bg_status st = sales_credit_note_make(rq->db, rq->person_id, rq_param_id(rq, 0), &in, &id, &refund, &err);
	json_decref(body);
	if (st != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	eco_document_json(rq, reply_json(rs, 201), id);
	eco_finish(rq, rs, &ik);
}

/* POST /api/v1/quotes/{id}/refuse — the client said no. */
static void api_quote_refuse(request *rq, response *rs)
{
	bg_error err;
	int64_t id = rq_param_id(rq, 0);
	if (db_begin(rq->db, DB_WRITE, &err) != BG_OK || sales_quote_refuse(rq->db, rq->person_id, id, &err) != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	if (api_commit(rq, rs))
		eco_document_json(rq, reply_json(rs, 200), id);
}

/* POST /api/v1/invoices/{id}/send */
static void api_invoice_send(request *rq, response *rs)
{
	bg_error err;
	int64_t id = rq_param_id(rq, 0);
	if (db_begin(rq->db, DB_WRITE, &err) != BG_OK || sales_mark_sent(rq->db, rq->person_id, id, &err) != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	if (api_commit(rq, rs))
		eco_document_json(rq, reply_json(rs, 200), id);
}

/* POST /api/v1/quotes/{id}/invoice {positions?} — a draft invoice from a quote */
static void api_quote_invoice(request *rq, response *rs)
{
	json_t *body = NULL;
	int64_t positions[SALES_MAX_LINES], id = 0;
	size_t np = 0;
	bg_error err;
	eco_idem ik;
	if (rq->body.len) {
		body = api_body(rq, rs);
		if (!body)
			return;
		json_t *arr = json_object_get(body, "positions");
		for (size_t i = 0; json_is_array(arr) && i < json_array_size(arr) && np < SALES_MAX_LINES; i++)
			positions[np++] = json_is_integer(json_array_get(arr, i))
						  ? json_integer_value(json_array_get(arr, i)) : -1;
	}
	if (!eco_begin(rq, rs, &ik)) {
		json_decref(body);
		return;
	}
	bg_status st = sales_invoice_from_quote(rq->db, rq->person_id, rq_param_id(rq, 0), positions, np, &id, &err);
	json_decref(body);
	if (st != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	eco_document_json(rq, reply_json(rs, 201), id);
	eco_finish(rq, rs, &ik);
}

/* GET /api/v1/invoices/{id}/pdf, /api/v1/quotes/{id}/pdf */
static void api_document_pdf(request *rq, response *rs)
{
	unsigned char *pdf = NULL;
	size_t len = 0;
	bg_error err;
	if (sales_pdf(rq->db, rq->person_id, rq_param_id(rq, 0), rq->lang, &pdf, &len, &err) != BG_OK) {
		reply_error(rq, rs, &err);
		return;
	}
	rs->status = 200;
	rs->content_type = "application/pdf";
	buf_reset(&rs->body);
	buf_append(&rs->body, pdf, len);
	free(pdf);
	char disp[80];
	snprintf(disp, sizeof disp, "inline; filename=\"document-%lld.pdf\"", (long long)rq_param_id(rq, 0));
	rs_header(rq, rs, "Content-Disposition", disp);
}

/* --- payments --- */

/* POST /api/v1/payments {date, method, reference?, allocations: [{invoice_id, amount_cents}]} */
static void api_payment_create(request *rq, response *rs)
{
	json_t *body = api_body(rq, rs);
	if (!body)
		return;
	const char *date = NULL, *method = NULL, *ref = NULL;
	payment_alloc allocs[PAYMENT_MAX_ALLOCATIONS];
	size_t n = 0;
	bg_field_errors fields = {0};
	bg_error err;
	eco_idem ik;
	int64_t id = 0;
	eco_payment_in(body, &date, &method, &ref, allocs, &n, &fields);
	payment_check(date, method, ref, allocs, n, &fields);
	if (!eco_begin(rq, rs, &ik)) {
		json_decref(body);
		return;
	}
	bg_status st = bg_field_errors_report(&fields, &err);
	if (st == BG_OK)
		st = payment_record(rq->db, rq->person_id, date, method, ref, allocs, n, &id, &err);
	json_decref(body);
	if (st != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	int64_t entry = payment_entry_id(rq->db, id);
	buf_printf(reply_json(rs, 201), "{\"id\":%lld,\"entry_id\":%lld}", (long long)id, (long long)entry);
	eco_finish(rq, rs, &ik);
}

/* GET /api/v1/payments */
static void api_payments(request *rq, response *rs)
{
	payment_row *v;
	size_t n;
	bg_error err;
	if (payment_list_visible(rq->db, &rq->arena, rq->person_id, &v, &n, &err) != BG_OK) {
		reply_error(rq, rs, &err);
		return;
	}
	buf *b = reply_json(rs, 200);
	buf_puts(b, "{\"payments\":[");
	for (size_t i = 0; i < n; i++) {
		buf_printf(b, "%s{\"id\":%lld", i ? "," : "", (long long)v[i].id);
		eco_str(b, "date", v[i].date, true);
		eco_str(b, "method", v[i].method, true);
		buf_printf(b, ",\"amount_cents\":%lld", (long long)v[i].amount);
		eco_str(b, "reference", v[i].reference, true);
		buf_printf(b, ",\"entry_id\":%lld}", (long long)v[i].entry_id);
	}
	buf_puts(b, "]}");
}

/* --- receipts and expenses --- */

/* POST /api/v1/receipts?activity_id=&filename= — the raw file as the body,
 * its type in Content-Type (application/pdf, image/jpeg, image/png). */
static void api_receipt_create(request *rq, response *rs)
{
	const char *ct = rq_header(rq, "Content-Type");
	char type[40] = "";
	if (ct)
		snprintf(type, sizeof type, "%.*s", (int)strcspn(ct, "; "), ct);
	bg_error err;
	eco_idem ik;
	int64_t id = 0;
	if (!eco_begin(rq, rs, &ik))
		return;
	bg_status st = receipt_store(rq->db, rq->person_id, eco_query_id(rq, "activity_id"), rq_query(rq, "filename"),
				     type, rq->body.data, rq->body.len, &id, &err);
	if (st != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	buf_printf(reply_json(rs, 201), "{\"id\":%lld,\"size\":%zu}", (long long)id, rq->body.len);
	eco_finish(rq, rs, &ik);
}

/* An expense report with its lines as JSON ("null" when it cannot be read). */
static void eco_expense_json(request *rq, buf *b, int64_t id)
{
	expense_view v;
	bg_error err;
	if (expense_view_get(rq->db, &rq->arena, id, &v, &err) != BG_OK) {
		buf_puts(b, "null");
		return;
	}
	buf_printf(b, "{\"id\":%lld,\"activity_id\":%lld,\"person_id\":%lld", (long long)v.id,
		   (long long)v.activity_id, (long long)v.person_id);
	eco_str(b, "kind", v.kind, true);
	eco_str(b, "title", v.title, true);
	eco_str(b, "supplier", v.supplier, true);
	eco_str(b, "supplier_ref", v.supplier_ref, true);
	eco_str(b, "status", v.status, true);
	eco_str(b, "refusal_reason", v.refusal_reason, true);
	buf_printf(b, ",\"total_ttc_cents\":%lld,\"total_vat_cents\":%lld,\"entry_id\":%lld,\"lines\":[",
		   (long long)v.total_ttc, (long long)v.total_vat, (long long)v.entry_id);
	for (size_t i = 0; i < v.nlines; i++) {
		const expense_line_view *l = &v.lines[i];
		buf_puts(b, i ? ",{" : "{");
		eco_str(b, "date", l->date, false);
		eco_str(b, "category", l->category, true);
		eco_str(b, "account", l->account, true);
		eco_str(b, "description", l->description, true);
		buf_printf(b, ",\"km\":%lld,\"amount_cents\":%lld,\"vat_cents\":%lld,\"receipt_id\":%lld}",
			   (long long)l->km, (long long)l->amount_ttc, (long long)l->vat, (long long)l->receipt_id);
	}
	buf_puts(b, "]}");
}

/* POST /api/v1/expenses */
static void api_expense_create(request *rq, response *rs)
{
	json_t *body = api_body(rq, rs);
	if (!body)
		return;
	bg_field_errors fields = {0};
	expense_in in = {.kind = "expense", .fields = &fields};
	expense_line_in *lines = arena_alloc(&rq->arena, EXPENSE_MAX_LINES * sizeof *lines);
	bg_error err;
	eco_idem ik;
	int64_t id = 0;
	bool act = eco_expense_in(body, &in, lines, &fields);
	if (!eco_begin(rq, rs, &ik)) {
		json_decref(body);
		return;
	}
	bg_status st = act ? BG_OK : bg_field_errors_report(&fields, &err);
	if (st == BG_OK)
		st = expense_create(rq->db, rq->person_id, &in, &id, &err);
	json_decref(body);
	if (st != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	eco_expense_json(rq, reply_json(rs, 201), id);
	eco_finish(rq, rs, &ik);
}

/* GET /api/v1/expenses[?status=] */
static void api_expenses(request *rq, response *rs)
{
	const char *status = rq_query(rq, "status");
	expense_view *v;
	size_t n;
	int64_t total;
	bg_error err;
	api_paging pg;
	if (!api_paging_read(rq, rs, &pg))
		return;
	if (expense_list_visible(rq->db, &rq->arena, rq->person_id, status, pg.limit, pg.offset, &v, &n, &total,
				 &err) != BG_OK) {
		reply_error(rq, rs, &err);
		return;
	}
	buf *b = reply_json(rs, 200);
	buf_puts(b, "{\"expenses\":[");
	for (size_t i = 0; i < n; i++) {
		buf_printf(b, "%s{\"id\":%lld,\"activity_id\":%lld", i ? "," : "", (long long)v[i].id,
			   (long long)v[i].activity_id);
		eco_str(b, "kind", v[i].kind, true);
		eco_str(b, "title", v[i].title, true);
		eco_str(b, "status", v[i].status, true);
		buf_printf(b, ",\"total_ttc_cents\":%lld}", (long long)v[i].total_ttc);
	}
	buf_puts(b, "]");
	api_paging_json(b, &pg, total);
	buf_puts(b, "}");
}

/* GET /api/v1/expenses/{id} */
static void api_expense_get(request *rq, response *rs)
{
	int64_t id = rq_param_id(rq, 0);
	activity a;
	bg_error err;
	if (activity_access(rq->db, rq->person_id, expense_activity_id(rq->db, id), false, &a, &err) != BG_OK) {
		reply_error(rq, rs, &err);
		return;
	}
	eco_expense_json(rq, reply_json(rs, 200), id);
}

/* POST /api/v1/expenses/{id}/{submit|validate|refuse|pay} */
static void eco_expense_step(request *rq, response *rs, int step)
{
	json_t *body = NULL;
	const char *date = NULL, *reason = NULL;
	bg_error err;
	eco_idem ik;
	int64_t id = rq_param_id(rq, 0);
	if (rq->body.len) {
		body = api_body(rq, rs);
		if (!body)
			return;
		if (json_get_string(body, "date", false, 10, &date, &err) != BG_OK ||
		    json_get_string(body, "reason", false, 1000, &reason, &err) != BG_OK) {
			json_decref(body);
			reply_error(rq, rs, &err);
			return;
		}
	}
	char today[11];
	tz_today(TZ_GROUP, today);
	if (!eco_begin(rq, rs, &ik)) {
		json_decref(body);
		return;
	}
	bg_status st = step == 0 ? expense_submit(rq->db, rq->person_id, id, &err)
		     : step == 1 ? expense_decide(rq->db, rq->person_id, id, true, NULL, date ? date : today, &err)
		     : step == 2 ? expense_decide(rq->db, rq->person_id, id, false, reason, NULL, &err)
				 : expense_pay(rq->db, rq->person_id, id, date ? date : today, &err);
	json_decref(body);
	if (st != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	eco_expense_json(rq, reply_json(rs, 200), id);
	eco_finish(rq, rs, &ik);
}

/* POST /api/v1/expenses/{id}/submit */
static void api_expense_submit(request *rq, response *rs) { eco_expense_step(rq, rs, 0); }
/* POST /api/v1/expenses/{id}/validate */
static void api_expense_validate(request *rq, response *rs) { eco_expense_step(rq, rs, 1); }
/* POST /api/v1/expenses/{id}/refuse */
static void api_expense_refuse(request *rq, response *rs) { eco_expense_step(rq, rs, 2); }
/* POST /api/v1/expenses/{id}/pay */
static void api_expense_pay(request *rq, response *rs) { eco_expense_step(rq, rs, 3); }

/* --- the ledger --- */

/* The cooperative named by ?cooperative_id=, which the caller may read. */
static bool eco_ledger_coop(request *rq, response *rs, int64_t *coop)
{
	bg_error err;
	*coop = eco_query_id(rq, "cooperative_id");
	if (!*coop) {
		reply_fail(rq, rs, BG_ERR_INVALID, "missing_field", "cooperative_id", N_("This field is required."));
		return false;
	}
	if (authz_check(rq->db, rq->person_id, AUTHZ_ECONOMY_READ, (scope){SCOPE_COOPERATIVE, *coop}, &err) != BG_OK) {
		reply_error(rq, rs, &err);
		return false;
	}
	return true;
}

/* A ledger entry with its lines, hash and previous hash as JSON ("null"
 * when it cannot be read). */
static void eco_entry_json(request *rq, buf *b, int64_t id)
{
	ledger_entry_view v;
	bg_error err;
	if (ledger_entry_view_get(rq->db, &rq->arena, id, &v, &err) != BG_OK) {
		buf_puts(b, "null");
		return;
	}
	buf_printf(b, "{\"id\":%lld", (long long)v.id);
	eco_str(b, "journal", v.journal, true);
	buf_printf(b, ",\"fiscal_year\":%lld,\"number\":%lld", (long long)v.fiscal_year, (long long)v.number);
	eco_str(b, "date", v.date, true);
	eco_str(b, "label", v.label, true);
	eco_str(b, "doc_ref", v.doc_ref, true);
	if (v.reverses_id)
		buf_printf(b, ",\"reverses_id\":%lld", (long long)v.reverses_id);
	buf_printf(b, ",\"total_cents\":%lld", (long long)v.total_cents);
	eco_str(b, "hash", v.hash, true);
	eco_str(b, "prev_hash", v.prev_hash, true);
	buf_puts(b, ",\"lines\":[");
	for (size_t i = 0; i < v.nlines; i++) {
		const ledger_line_view *l = &v.lines[i];
		buf_puts(b, i ? ",{" : "{");
		eco_str(b, "account", l->account, false);
		eco_str_opt(b, "activity", l->activity);
		buf_printf(b, ",\"debit_cents\":%lld,\"credit_cents\":%lld", (long long)l->debit, (long long)l->credit);
		eco_str(b, "label", l->label, true);
		buf_puts(b, "}");
	}
	buf_puts(b, "]}");
}

/* GET /api/v1/ledger/entries?cooperative_id=&journal=&doc_ref=&from=&to=&limit=&offset= */
static void api_ledger_entries(request *rq, response *rs)
{
	int64_t coop;
	api_paging pg;
	if (!eco_ledger_coop(rq, rs, &coop) || !api_paging_read(rq, rs, &pg))
		return;
	const char *journal = rq_query(rq, "journal"), *ref = rq_query(rq, "doc_ref");
	const char *from = rq_query(rq, "from"), *to = rq_query(rq, "to");
	int64_t *ids, total;
	size_t n;
	bg_error err;
	if (ledger_entry_ids(rq->db, &rq->arena, coop, journal, ref, from, to, pg.limit, pg.offset, &ids, &n, &total,
			     &err) != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	buf *b = reply_json(rs, 200);
	buf_puts(b, "{\"entries\":[");
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_putc(b, ',');
		eco_entry_json(rq, b, ids[i]);
	}
	buf_puts(b, "]");
	api_paging_json(b, &pg, total);
	buf_puts(b, "}");
}

/* POST /api/v1/ledger/entries {cooperative_id, journal, date, label, doc_ref?, lines:[{account, activity_id?, debit_cents|credit_cents, label?}]} */
static void api_ledger_post(request *rq, response *rs)
{
	json_t *body = api_body(rq, rs);
	if (!body)
		return;
	ledger_entry_in in = {0};
	ledger_line *lines = arena_alloc(&rq->arena, LEDGER_MAX_LINES * sizeof *lines);
	bg_field_errors fields = {0};
	bg_error err;
	eco_idem ik;
	int64_t id = 0;
	bool coop = eco_ledger_in(body, &in, lines, &fields);
	if (!eco_begin(rq, rs, &ik)) {
		json_decref(body);
		return;
	}
	bg_field_errors checked = {0};
	bg_status st = coop ? ledger_entry_check(rq->db, rq->person_id, &in, &checked, &err) : BG_OK;
	eco_ledger_fields_take(&fields, &checked);
	if (st == BG_OK)
		st = bg_field_errors_report(&fields, &err);
	if (st == BG_OK)
		st = ledger_post_manual(rq->db, rq->person_id, &in, &id, &err);
	json_decref(body);
	if (st != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	eco_entry_json(rq, reply_json(rs, 201), id);
	eco_finish(rq, rs, &ik);
}

/* POST /api/v1/ledger/entries/{id}/reverse {date} */
static void api_ledger_reverse(request *rq, response *rs)
{
	json_t *body;
	const char *date;
	bg_error err;
	eco_idem ik;
	int64_t id = 0;
	if (!eco_date_body(rq, rs, &body, &date))
		return;
	if (!date) {
		json_decref(body);
		reply_fail(rq, rs, BG_ERR_INVALID, "missing_field", "date", N_("This field is required."));
		return;
	}
	if (!eco_begin(rq, rs, &ik)) {
		json_decref(body);
		return;
	}
	bg_status st = ledger_reverse_manual(rq->db, rq->person_id, rq_param_id(rq, 0), date, &id, &err);
	json_decref(body);
	if (st != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	eco_entry_json(rq, reply_json(rs, 201), id);
	eco_finish(rq, rs, &ik);
}

/* GET /api/v1/ledger/balances?cooperative_id=&by=account|activity&from=YYYY-MM&to=YYYY-MM
 * — read from the maintained totals, never from the journal. */
static void api_ledger_balances(request *rq, response *rs)
{
	int64_t coop;
	if (!eco_ledger_coop(rq, rs, &coop))
		return;
	const char *by = rq_query(rq, "by");
	bool per_activity = by && !strcmp(by, "activity");
	const char *from = rq_query(rq, "from"), *to = rq_query(rq, "to");
	ledger_balance_row *v;
	size_t n;
	bg_error err;
	if (ledger_balance_list(rq->db, &rq->arena, coop, per_activity, from, to, &v, &n, &err) != BG_OK) {
		api_fail(rq, rs, &err); /* never an empty list for a failed read */
		return;
	}
	buf *b = reply_json(rs, 200);
	buf_puts(b, "{\"balances\":[");
	for (size_t i = 0; i < n; i++) {
		buf_puts(b, i ? ",{" : "{");
		eco_str(b, "account", v[i].account, false);
		eco_str(b, "label", v[i].label, true);
		if (per_activity)
			eco_str_opt(b, "activity", v[i].activity);
		buf_printf(b, ",\"debit_cents\":%lld,\"credit_cents\":%lld,\"balance_cents\":%lld}",
			   (long long)v[i].debit, (long long)v[i].credit, (long long)(v[i].debit - v[i].credit));
	}
	buf_puts(b, "]}");
}

/* GET /api/v1/ledger/accounts?cooperative_id= */
static void api_ledger_accounts(request *rq, response *rs)
{
	int64_t coop;
	if (!eco_ledger_coop(rq, rs, &coop))
		return;
	ledger_account_row *v;
	size_t n;
	bg_error err;
	if (ledger_account_list(rq->db, &rq->arena, coop, &v, &n, &err) != BG_OK)
		n = 0;
	buf *b = reply_json(rs, 200);
	buf_puts(b, "{\"accounts\":[");
	for (size_t i = 0; i < n; i++) {
		buf_puts(b, i ? ",{" : "{");
		eco_str(b, "number", v[i].number, false);
		eco_str(b, "label", v[i].label, true);
		buf_printf(b, ",\"active\":%s}", v[i].active ? "true" : "false");
	}
	buf_puts(b, "]}");
}

/* POST /api/v1/ledger/accounts {cooperative_id, number, label} (administrators) */
static void api_ledger_account_put(request *rq, response *rs)
{
	json_t *body = api_body(rq, rs);
	if (!body)
		return;
	int64_t coop = 0;
	const char *number = NULL, *label = NULL;
	bg_error err;
	bg_status st = json_get_int(body, "cooperative_id", true, &coop, &err);
	if (st == BG_OK)
		st = json_get_string(body, "number", true, 10, &number, &err);
	if (st == BG_OK)
		st = json_get_string(body, "label", true, 200, &label, &err);
	if (st == BG_OK)
		st = db_begin(rq->db, DB_WRITE, &err);
	if (st == BG_OK)
		st = ledger_account_put(rq->db, rq->person_id, coop, number, label, &err);
	json_decref(body);
	if (st != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	if (api_commit(rq, rs))
		buf_puts(reply_json(rs, 200), "{\"status\":\"saved\"}");
}

/* POST /api/v1/ledger/close {cooperative_id, date} */
static void api_ledger_close(request *rq, response *rs)
{
	json_t *body = api_body(rq, rs);
	if (!body)
		return;
	int64_t coop = 0;
	const char *date = NULL;
	bg_error err;
	bg_status st = json_get_int(body, "cooperative_id", true, &coop, &err);
	if (st == BG_OK)
		st = json_get_string(body, "date", true, 10, &date, &err);
	if (st == BG_OK)
		st = db_begin(rq->db, DB_WRITE, &err);
	if (st == BG_OK)
		st = ledger_close_through(rq->db, rq->person_id, coop, date, &err);
	json_decref(body);
	if (st != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	if (api_commit(rq, rs))
		buf_puts(reply_json(rs, 200), "{\"status\":\"closed\"}");
}

/* A cooperative's economic settings as JSON. */
static void eco_settings_json(request *rq, response *rs, int64_t coop)
{
	economy_settings_view v;
	bool found = false;
	bg_error err;
	if (ledger_settings_get(rq->db, &rq->arena, coop, &v, &found, &err) != BG_OK)
		found = false;
	buf *b = reply_json(rs, 200);
	if (!found) {
		buf_printf(b, "{\"cooperative_id\":%lld}", (long long)coop);
		return;
	}
	buf_printf(b, "{\"cooperative_id\":%lld", (long long)coop);
	eco_str(b, "vat_number", v.vat_number, true);
	eco_str(b, "rcs", v.rcs, true);
	eco_str(b, "capital_text", v.capital_text, true);
	buf_printf(b, ",\"late_rate_bp\":%lld,\"self_validation_max\":%lld,\"payment_terms_days\":%lld,"
		      "\"contribution_bp\":%lld,\"km_rate_milli\":%lld",
		   (long long)v.late_rate_bp, (long long)v.self_validation_max, (long long)v.payment_terms_days,
		   (long long)v.contribution_bp, (long long)v.km_rate_milli);
	eco_str(b, "closed_through", v.closed_through, true);
	buf_puts(b, "}");
}

/* GET /api/v1/economy/settings?cooperative_id= */
static void api_settings_get(request *rq, response *rs)
{
	int64_t coop;
	if (eco_ledger_coop(rq, rs, &coop))
		eco_settings_json(rq, rs, coop);
}

/* PUT /api/v1/economy/settings {cooperative_id, vat_number?, rcs?, capital_text?, late_rate_bp,
 * self_validation_max, payment_terms_days, contribution_bp, km_rate_milli} (administrators).  The
 * address printed on documents is the cooperative's (PATCH /api/v1/cooperatives/{id}). */
static void api_settings_put(request *rq, response *rs)
{
	json_t *body = api_body(rq, rs);
	if (!body)
		return;
	bg_field_errors fields = {0};
	economy_settings_in in = {NULL, NULL, NULL, 1200, 0, 30, 1000, 603, NULL, &fields};
	int64_t coop = 0;
	bg_error err;
	static const char *const texts[] = {"vat_number", "rcs", "capital_text", "doc_lang"};
	static const size_t max[] = {20, 100, 100, 2};
	const char **text_of[] = {&in.vat_number, &in.rcs, &in.capital_text, &in.doc_lang};
	static const char *const numbers[] = {"late_rate_bp", "self_validation_max", "payment_terms_days",
					      "contribution_bp", "km_rate_milli"};
	int64_t *number_of[] = {&in.late_rate_bp, &in.self_validation_max, &in.payment_terms_days, &in.contribution_bp,
				&in.km_rate_milli};
	bool read = eco_int(&fields, body, NULL, 0, "cooperative_id", true, &coop);
	for (size_t i = 0; i < 4; i++)
		eco_string(&fields, body, NULL, 0, texts[i], false, max[i], text_of[i]);
	for (size_t i = 0; i < 5; i++)
		eco_int(&fields, body, NULL, 0, numbers[i], false, number_of[i]);
	bg_status st = db_begin(rq->db, DB_WRITE, &err);
	if (st == BG_OK && !read)
		st = bg_field_errors_report(&fields, &err);
	if (st == BG_OK)
		st = ledger_settings_put(rq->db, rq->person_id, coop, &in, &err);
	json_decref(body);
	if (st != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	if (api_commit(rq, rs))
		eco_settings_json(rq, rs, coop);
}

const route api_economy_routes[] = {
	{HTTP_GET, "/api/v1/economy/settings", api_settings_get, ROUTE_AUTH},
	{HTTP_PUT, "/api/v1/economy/settings", api_settings_put, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/activities", api_activities, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/activities", api_activity_create, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/activities/{id}", api_activity_get, ROUTE_AUTH},
	{HTTP_PUT, "/api/v1/activities/{id}", api_activity_update, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/clients", api_clients, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/clients", api_client_create, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/clients/{id}", api_client_get, ROUTE_AUTH},
	{HTTP_PATCH, "/api/v1/clients/{id}", api_client_patch, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/quotes", api_quotes, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/quotes", api_quote_create, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/quotes/{id}", api_document_get, ROUTE_AUTH},
	{HTTP_PUT, "/api/v1/quotes/{id}", api_document_update, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/quotes/{id}/pdf", api_document_pdf, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/quotes/{id}/invoice", api_quote_invoice, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/quotes/{id}/refuse", api_quote_refuse, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/invoices", api_invoices, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/invoices", api_invoice_create, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/invoices/{id}", api_document_get, ROUTE_AUTH},
	{HTTP_PUT, "/api/v1/invoices/{id}", api_document_update, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/invoices/{id}/validate", api_invoice_validate, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/invoices/{id}/send", api_invoice_send, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/invoices/{id}/credit-note", api_invoice_credit_note, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/invoices/{id}/pdf", api_document_pdf, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/payments", api_payments, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/payments", api_payment_create, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/receipts", api_receipt_create, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/expenses", api_expenses, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/expenses", api_expense_create, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/expenses/{id}", api_expense_get, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/expenses/{id}/submit", api_expense_submit, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/expenses/{id}/validate", api_expense_validate, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/expenses/{id}/refuse", api_expense_refuse, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/expenses/{id}/pay", api_expense_pay, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/ledger/entries", api_ledger_entries, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/ledger/entries", api_ledger_post, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/ledger/entries/{id}/reverse", api_ledger_reverse, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/ledger/balances", api_ledger_balances, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/ledger/accounts", api_ledger_accounts, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/ledger/accounts", api_ledger_account_put, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/ledger/close", api_ledger_close, ROUTE_AUTH},
	{0, NULL, NULL, 0},
};
