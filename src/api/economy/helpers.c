/*
 * economy/helpers.c — what the economy's JSON handlers share: the
 * query-string id, the string writers and a document's JSON.  (The
 * Idempotency-Key of a money-moving POST is the skeleton's: api_run,
 * API_IDEMPOTENT, in src/api/api.c.)
 */
#include "api/economy/api_economy_internal.h"

/* --- small parsers --- */

/* Query-string integer (0 when absent or not a positive integer). */
int64_t api_eco_query_id(request *rq, const char *name)
{
	const char *v = rq_query(rq, name);
	if (!v || !*v || strspn(v, "0123456789") != strlen(v) || strlen(v) > 18)
		return 0;
	return strtoll(v, NULL, 10);
}

/* --- rendering --- */

void api_eco_str(buf *b, const char *name, const char *v, bool comma)
{
	buf_printf(b, "%s\"%s\":", comma ? "," : "", name);
	json_put_string(b, v);
}

/* ,"name":"v" when v says something; nothing at all for NULL or "" (an
 * optional field is absent, never an empty string: docs/api.md). */
void api_eco_str_opt(buf *b, const char *name, const char *v)
{
	if (v && *v)
		api_eco_str(b, name, v, true);
}

/* A document with its lines and VAT per rate ("null" when it cannot be read). */
void api_eco_document_json(request *rq, buf *b, int64_t id)
{
	sales_doc_view v;
	bg_error err;
	if (sales_document_view_get(rq->db, &rq->arena, rq->person_id, id, &v, &err) != BG_OK) {
		buf_puts(b, "null");
		return;
	}
	buf_printf(b, "{\"id\":%lld,\"cooperative_id\":%lld,\"activity_id\":%lld,\"client_id\":%lld",
		   (long long)v.id, (long long)v.coop_id, (long long)v.activity_id, (long long)v.client_id);
	api_eco_str(b, "kind", v.kind, true);
	api_eco_str(b, "status", v.status, true);
	api_eco_str(b, "number", v.number, true);
	api_eco_str(b, "issue_date", v.issue_date, true);
	api_eco_str(b, "supply_date", v.supply_date, true);
	api_eco_str(b, "due_date", v.due_date, true);
	if (v.source_id)
		buf_printf(b, ",\"source_id\":%lld", (long long)v.source_id);
	api_eco_str(b, "title", v.title, true);
	api_eco_str(b, "notes", v.notes, true);
	api_eco_str(b, "vat_mention", v.vat_mention, true);
	buf_printf(b, ",\"total_ht_cents\":%lld,\"total_vat_cents\":%lld,\"total_ttc_cents\":%lld,"
		      "\"paid_cents\":%lld,\"due_cents\":%lld,\"entry_id\":%lld",
		   (long long)v.total_ht, (long long)v.total_vat, (long long)v.total_ttc, (long long)v.paid,
		   (long long)(v.total_ttc - v.credited - v.paid + v.refunded), (long long)v.entry_id);
	buf_printf(b, ",\"credited_cents\":%lld,\"refunded_cents\":%lld", (long long)v.credited,
		   (long long)v.refunded);
	api_eco_str(b, "quote_number", v.quote_number, true);
	/* the client as the document shows it: frozen once validated */
	if (v.has_client) {
		buf_puts(b, ",\"client\":{");
		api_eco_str(b, "name", v.client.name, false);
		api_eco_str(b, "kind", v.client.kind, true);
		api_eco_str(b, "siren", v.client.siren, true);
		api_eco_str(b, "vat_number", v.client.vat_number, true);
		api_eco_str(b, "address", v.client.address, true);
		api_eco_str(b, "email", v.client.email, true);
		api_eco_str(b, "lang", v.client.lang, true);
		buf_printf(b, ",\"frozen\":%s}", v.client.frozen ? "true" : "false");
	}
	buf_puts(b, ",\"lines\":[");
	for (size_t i = 0; i < v.nlines; i++) {
		const sales_doc_line_view *l = &v.lines[i];
		buf_printf(b, "%s{\"position\":%lld", i ? "," : "", (long long)l->position);
		api_eco_str(b, "description", l->description, true);
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
