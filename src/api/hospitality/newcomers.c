/*
 * newcomers.c — newcomers (/api/v1/newcomers…): the list, welcoming one
 * by hand, one newcomer with their steps, documents, steps and
 * orientation, and the anonymous statistics (stats.csv).
 */
#include "api/hospitality/api_hospitality_internal.h"
#include <assert.h>

/* One row of the list of api_newcomers_list_op. */
static void api_newcomers_list_item(buf *b, const void *rows, size_t i)
{
	const newcomer_row *v = rows;
	buf_printf(b, "{\"id\":%lld,\"name\":", (long long)v[i].id);
	json_put_string(b, v[i].name);
	api_str(b, "email", v[i].email);
	buf_printf(b, ",\"cooperative_id\":%lld,\"current_step\":", (long long)v[i].cooperative_id);
	json_put_string(b, v[i].current_step);
	api_str(b, "status", v[i].status);
	buf_putc(b, ',');
	api_hosp_time(b, "updated_at", v[i].updated_at);
	buf_putc(b, '}');
}

/* GET /api/v1/newcomers?cooperative_id=&step=&limit=&offset= */
API_OP(api_newcomers_list, API_PLAIN, api_newcomers_list_op)
{
	request *rq = r->rq;
	const char *coop = rq_query(rq, "cooperative_id"), *step = rq_query(rq, "step");
	newcomer_row *v = NULL;
	api_paging pg;
	bg_status st = api_paging_get(rq, &pg, err);
	if (st == BG_OK)
		st = newcomer_list(rq->db, &rq->arena, rq->person_id, coop ? atoll(coop) : 0, step, pg.limit, pg.offset, &v,
				   &pg.n, &pg.total, err);
	return api_page(r, st, "newcomers", api_newcomers_list_item, v, &pg);
}

/* POST /api/v1/newcomers {cooperative_id, name, email, phone?, postcode?, territory?,
 * project?, referrer?, birth_year?, consent?} */
API_OP(api_newcomer_create, API_BODY, api_newcomer_create_op)
{
	json_t *body = r->body;
	newcomer n = {0};
	int by = 0;
	bg_status st;
	if ((st = json_get_int(body, "cooperative_id", true, &n.cooperative_id, err)) != BG_OK ||
	    (st = json_get_bool(body, "consent", false, &n.consent, err)) != BG_OK ||
	    (st = api_hosp_copy_string(body, "name", true, n.name, sizeof n.name, err)) != BG_OK ||
	    (st = api_hosp_copy_string(body, "email", true, n.email, sizeof n.email, err)) != BG_OK ||
	    (st = api_hosp_copy_string(body, "phone", false, n.phone, sizeof n.phone, err)) != BG_OK ||
	    (st = api_hosp_copy_string(body, "postcode", false, n.postcode, sizeof n.postcode, err)) != BG_OK ||
	    (st = api_hosp_copy_string(body, "territory", false, n.territory, sizeof n.territory, err)) != BG_OK ||
	    (st = api_hosp_copy_string(body, "project", false, n.project, sizeof n.project, err)) != BG_OK ||
	    (st = api_hosp_copy_string(body, "referrer", false, n.referrer, sizeof n.referrer, err)) != BG_OK ||
	    (st = api_hosp_copy_string(body, "lang", false, n.lang, sizeof n.lang, err)) != BG_OK ||
	    (st = api_hosp_int(body, "birth_year", false, &by, err)) != BG_OK)
		return st;
	n.birth_year = by;
	st = newcomer_create(r->rq->db, r->rq->person_id, &n, err);
	return api_created(r, st, n.id);
}

/* GET /api/v1/newcomers/{id} and /steps */
API_OP(api_newcomer_get, API_PLAIN, api_newcomer_get_op)
{
	request *rq = r->rq;
	newcomer n;
	newcomer_step_view *sv = NULL;
	size_t nst = 0;
	bg_status st = newcomer_get(rq->db, rq->person_id, r->id, &n, err);
	if (st == BG_OK)
		st = newcomer_step_list(rq->db, &rq->arena, rq->person_id, n.id, &sv, &nst, err);
	if (st != BG_OK)
		return st;
	buf *b = api_json(r, 200);
	buf_printf(b, "{\"id\":%lld,\"cooperative_id\":%lld,\"person_id\":%lld,\"name\":", (long long)n.id,
		   (long long)n.cooperative_id, (long long)n.person_id);
	json_put_string(b, n.name);
	api_str(b, "email", n.email);
	api_str(b, "current_step", n.current_step);
	api_str(b, "status", n.status);
	buf_puts(b, ",\"steps\":[");
	for (size_t k = 0; k < nst; k++) {
		buf_printf(b, "%s{\"code\":", k ? "," : "");
		json_put_string(b, sv[k].code);
		api_str(b, "day", sv[k].day);
		buf_printf(b, ",\"cooperative_id\":%lld,\"done_by\":", (long long)sv[k].cooperative_id);
		json_put_string(b, sv[k].done_by);
		api_str(b, "notes", sv[k].notes);
		buf_printf(b, ",\"id\":%lld,\"documents\":[", (long long)sv[k].id);
		for (size_t j = 0; j < sv[k].ndocuments; j++) {
			const newcomer_document_row *doc = &sv[k].documents[j];
			buf_printf(b, "%s{\"id\":%lld,\"filename\":", j ? "," : "", (long long)doc->id);
			json_put_string(b, doc->filename);
			api_str(b, "content_type", doc->content_type);
			buf_printf(b, ",\"size\":%lld,\"url\":\"/api/v1/newcomers/%lld/documents/%lld\"}",
				   (long long)doc->size, (long long)n.id, (long long)doc->id);
		}
		buf_puts(b, "]}");
	}
	buf_puts(b, "]}");
	return BG_OK;
}

/* POST /api/v1/newcomers/{id}/documents — multipart/form-data with the
 * fields step_id and document (the file). */
API_OP(api_newcomer_document_add, API_PLAIN, api_newcomer_document_add_op)
{
	request *rq = r->rq;
	const form *f = rq_form(rq, err);
	if (!f)
		return err->status;
	const multipart_file *file = rq_file(rq, "document");
	const char *step = form_get(f, "step_id");
	int64_t id = 0;
	bg_status st = newcomer_document_add(rq->db, rq->person_id, r->id, step ? atoll(step) : 0,
					     file ? file->filename : NULL, file ? file->data : NULL, file ? file->size : 0,
					     &id, err);
	if (st != BG_OK)
		return st;
	assert(file && step); /* the domain refuses a document without them */
	buf *b = api_json(r, 201);
	buf_printf(b, "{\"id\":%lld,\"step_id\":%lld,\"filename\":", (long long)id, (long long)atoll(step));
	json_put_string(b, file->filename);
	buf_printf(b, ",\"content_type\":\"%s\",\"size\":%zu}", hosp_file_type(file->data, file->size), file->size);
	return BG_OK;
}

/* Content-Disposition for a download: an ASCII fallback name and the
 * UTF-8 name percent-encoded (RFC 6266). */
static const char *api_disposition(request *rq, const char *filename)
{
	buf b;
	buf_init(&b);
	buf_puts(&b, "attachment; filename=\"");
	for (const char *p = filename; *p; p++)
		buf_putc(&b, (unsigned char)*p < 0x80 && *p != '%' ? *p : '_');
	buf_puts(&b, "\"; filename*=UTF-8''");
	for (const unsigned char *p = (const unsigned char *)filename; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || strchr(".-_", *p))
			buf_putc(&b, (char)*p);
		else
			buf_printf(&b, "%%%02X", *p);
	}
	const char *out = arena_strdup(&rq->arena, b.data);
	buf_free(&b);
	return out;
}

/* GET /api/v1/newcomers/{id}/documents/{doc} — the file, for those who
 * follow the newcomer (the reading is audited: a write transaction). */
API_OP(api_newcomer_document_get, API_WRITE, api_newcomer_document_get_op)
{
	request *rq = r->rq;
	response *rs = r->rs;
	hosp_file file;
	buf_init(&file.data);
	bg_status st = newcomer_document_read(rq->db, rq->person_id, r->id, rq_param_id(rq, 1), &file, err);
	if (st == BG_OK) {
		rs->status = 200;
		rs->content_type = arena_strdup(&rq->arena, file.content_type);
		buf_reset(&rs->body);
		buf_append(&rs->body, file.data.data, file.data.len);
		rs_header(rq, rs, "Content-Disposition", api_disposition(rq, file.filename));
		rs_header(rq, rs, "Cache-Control", "private, no-store");
	}
	buf_free(&file.data);
	return st;
}

/* POST /api/v1/newcomers/{id}/steps {code, day?, notes?, reason?} */
API_OP(api_newcomer_step, API_BODY_MAIL, api_newcomer_step_op)
{
	json_t *body = r->body;
	const char *code = NULL, *day = NULL, *notes = NULL, *reason = NULL;
	bg_status st;
	int64_t step_id = 0;
	if ((st = json_get_string(body, "code", true, 40, &code, err)) != BG_OK ||
	    (st = json_get_string(body, "day", false, 10, &day, err)) != BG_OK ||
	    (st = json_get_string(body, "notes", false, 4000, &notes, err)) != BG_OK ||
	    (st = json_get_string(body, "reason", false, 100, &reason, err)) != BG_OK ||
	    (st = newcomer_add_step(r->rq->db, r->rq->person_id, r->id, code, day, notes, reason, rq_base_url(r->rq),
				    &step_id, err)) != BG_OK)
		return st;
	buf_printf(api_json(r, 201), "{\"status\":\"recorded\",\"step_id\":%lld}", (long long)step_id);
	return BG_OK;
}

/* POST /api/v1/newcomers/{id}/orientation {cooperative_id, consent} */
API_OP(api_newcomer_orient, API_BODY_MAIL, api_newcomer_orient_op)
{
	int64_t to = 0;
	bool consent = false;
	bg_status st;
	if ((st = json_get_int(r->body, "cooperative_id", true, &to, err)) != BG_OK ||
	    (st = json_get_bool(r->body, "consent", false, &consent, err)) != BG_OK ||
	    (st = newcomer_orient(r->rq->db, r->rq->person_id, r->id, to, consent, rq_base_url(r->rq), err)) != BG_OK)
		return st;
	return api_status(r, st, 200, "oriented");
}

/* GET /api/v1/newcomers/stats.csv */
API_OP(api_newcomer_stats, API_PLAIN, api_newcomer_stats_op)
{
	buf_reset(&r->rs->body);
	bg_status st = newcomer_stats_csv(r->rq->db, r->rq->person_id, &r->rs->body, err);
	if (st != BG_OK)
		return st;
	r->rs->status = 200;
	r->rs->content_type = "text/csv; charset=utf-8";
	rs_header(r->rq, r->rs, "Content-Disposition", "attachment; filename=\"newcomers.csv\"");
	return BG_OK;
}

const route api_hosp_newcomers_routes[] = {
	{HTTP_GET, "/api/v1/newcomers", api_newcomers_list, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/newcomers", api_newcomer_create, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/newcomers/stats.csv", api_newcomer_stats, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/newcomers/{id}", api_newcomer_get, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/newcomers/{id}/steps", api_newcomer_get, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/newcomers/{id}/steps", api_newcomer_step, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/newcomers/{id}/orientation", api_newcomer_orient, ROUTE_AUTH},
	{HTTP_POST, "/api/v1/newcomers/{id}/documents", api_newcomer_document_add, ROUTE_AUTH},
	{HTTP_GET, "/api/v1/newcomers/{id}/documents/{doc}", api_newcomer_document_get, ROUTE_AUTH},
	{0, NULL, NULL, 0},
};
