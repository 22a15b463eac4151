/*
 * newcomers.c — newcomers (/api/v1/newcomers…): the list, welcoming one
 * by hand, one newcomer with their steps, documents, steps and
 * orientation, and the anonymous statistics (stats.csv).
 */
#include "api/hospitality/api_hospitality_internal.h"

/* GET /api/v1/newcomers?cooperative_id=&step=&limit=&offset= */
static void api_newcomers_list(request *rq, response *rs)
{
	const char *coop = rq_query(rq, "cooperative_id"), *step = rq_query(rq, "step");
	newcomer_row *r = NULL;
	size_t n = 0;
	int64_t total = 0;
	bg_error err;
	api_paging pg;
	if (!api_paging_read(rq, rs, &pg))
		return;
	if (newcomer_list(rq->db, &rq->arena, rq->person_id, coop ? atoll(coop) : 0, step, pg.limit, pg.offset, &r, &n,
			  &total, &err) != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	buf *b = reply_json(rs, 200);
	buf_puts(b, "{\"newcomers\":[");
	for (size_t i = 0; i < n; i++) {
		buf_printf(b, "%s{\"id\":%lld,\"name\":", i ? "," : "", (long long)r[i].id);
		json_put_string(b, r[i].name);
		buf_puts(b, ",\"email\":");
		json_put_string(b, r[i].email);
		buf_printf(b, ",\"cooperative_id\":%lld,\"current_step\":", (long long)r[i].cooperative_id);
		json_put_string(b, r[i].current_step);
		buf_puts(b, ",\"status\":");
		json_put_string(b, r[i].status);
		buf_putc(b, ',');
		api_hosp_time(b, "updated_at", r[i].updated_at);
		buf_putc(b, '}');
	}
	buf_putc(b, ']');
	api_paging_json(b, &pg, total);
	buf_putc(b, '}');
}

/* POST /api/v1/newcomers {cooperative_id, name, email, phone?, postcode?, territory?,
 * project?, referrer?, birth_year?, consent?} */
static void api_newcomer_create(request *rq, response *rs)
{
	json_t *body = api_body(rq, rs);
	if (!body)
		return;
	newcomer n = {0};
	int by = 0;
	bg_error err;
	if (json_get_int(body, "cooperative_id", true, &n.cooperative_id, &err) != BG_OK ||
	    json_get_bool(body, "consent", false, &n.consent, &err) != BG_OK) {
		json_decref(body);
		reply_error(rq, rs, &err);
		return;
	}
	if (!api_hosp_copy_string(rq, rs, body, "name", true, n.name, sizeof n.name) ||
	    !api_hosp_copy_string(rq, rs, body, "email", true, n.email, sizeof n.email) ||
	    !api_hosp_copy_string(rq, rs, body, "phone", false, n.phone, sizeof n.phone) ||
	    !api_hosp_copy_string(rq, rs, body, "postcode", false, n.postcode, sizeof n.postcode) ||
	    !api_hosp_copy_string(rq, rs, body, "territory", false, n.territory, sizeof n.territory) ||
	    !api_hosp_copy_string(rq, rs, body, "project", false, n.project, sizeof n.project) ||
	    !api_hosp_copy_string(rq, rs, body, "referrer", false, n.referrer, sizeof n.referrer) ||
	    !api_hosp_copy_string(rq, rs, body, "lang", false, n.lang, sizeof n.lang) ||
	    !api_hosp_int(rq, rs, body, "birth_year", false, &by)) {
		json_decref(body);
		return;
	}
	json_decref(body);
	n.birth_year = by;
	if (db_begin(rq->db, DB_WRITE, &err) != BG_OK ||
	    newcomer_create(rq->db, rq->person_id, &n, &err) != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	if (api_commit(rq, rs))
		buf_printf(reply_json(rs, 201), "{\"id\":%lld}", (long long)n.id);
}

/* GET /api/v1/newcomers/{id} and /steps */
static void api_newcomer_get(request *rq, response *rs)
{
	newcomer n;
	bg_error err;
	newcomer_step_view *st = NULL;
	size_t nst = 0;
	if (newcomer_get(rq->db, rq->person_id, rq_param_id(rq, 0), &n, &err) != BG_OK ||
	    newcomer_step_list(rq->db, &rq->arena, rq->person_id, n.id, &st, &nst, &err) != BG_OK) {
		reply_error(rq, rs, &err);
		return;
	}
	buf *b = reply_json(rs, 200);
	buf_printf(b, "{\"id\":%lld,\"cooperative_id\":%lld,\"person_id\":%lld,\"name\":", (long long)n.id,
		   (long long)n.cooperative_id, (long long)n.person_id);
	json_put_string(b, n.name);
	buf_puts(b, ",\"email\":");
	json_put_string(b, n.email);
	buf_puts(b, ",\"current_step\":");
	json_put_string(b, n.current_step);
	buf_puts(b, ",\"status\":");
	json_put_string(b, n.status);
	buf_puts(b, ",\"steps\":[");
	for (size_t k = 0; k < nst; k++) {
		buf_printf(b, "%s{\"code\":", k ? "," : "");
		json_put_string(b, st[k].code);
		buf_puts(b, ",\"day\":");
		json_put_string(b, st[k].day);
		buf_printf(b, ",\"cooperative_id\":%lld,\"done_by\":", (long long)st[k].cooperative_id);
		json_put_string(b, st[k].done_by);
		buf_puts(b, ",\"notes\":");
		json_put_string(b, st[k].notes);
		buf_printf(b, ",\"id\":%lld,\"documents\":[", (long long)st[k].id);
		for (size_t j = 0; j < st[k].ndocuments; j++) {
			const newcomer_document_row *doc = &st[k].documents[j];
			buf_printf(b, "%s{\"id\":%lld,\"filename\":", j ? "," : "", (long long)doc->id);
			json_put_string(b, doc->filename);
			buf_puts(b, ",\"content_type\":");
			json_put_string(b, doc->content_type);
			buf_printf(b, ",\"size\":%lld,\"url\":\"/api/v1/newcomers/%lld/documents/%lld\"}",
				   (long long)doc->size, (long long)n.id, (long long)doc->id);
		}
		buf_puts(b, "]}");
	}
	buf_puts(b, "]}");
}

/* POST /api/v1/newcomers/{id}/documents — multipart/form-data with the
 * fields step_id and document (the file). */
static void api_newcomer_document_add(request *rq, response *rs)
{
	bg_error err;
	const form *f = rq_form(rq, &err);
	if (!f) {
		reply_error(rq, rs, &err);
		return;
	}
	const multipart_file *file = rq_file(rq, "document");
	const char *step = form_get(f, "step_id");
	int64_t id = 0;
	if (db_begin(rq->db, DB_WRITE, &err) != BG_OK ||
	    newcomer_document_add(rq->db, rq->person_id, rq_param_id(rq, 0), step ? atoll(step) : 0,
				  file ? file->filename : NULL, file ? file->data : NULL, file ? file->size : 0, &id,
				  &err) != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	if (!api_commit(rq, rs))
		return;
	buf *b = reply_json(rs, 201);
	buf_printf(b, "{\"id\":%lld,\"step_id\":%lld,\"filename\":", (long long)id, (long long)atoll(step));
	json_put_string(b, file->filename);
	buf_printf(b, ",\"content_type\":\"%s\",\"size\":%zu}", hosp_file_type(file->data, file->size), file->size);
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
 * follow the newcomer (the reading is audited). */
static void api_newcomer_document_get(request *rq, response *rs)
{
	bg_error err;
	hosp_file file;
	buf_init(&file.data);
	if (db_begin(rq->db, DB_WRITE, &err) != BG_OK ||
	    newcomer_document_read(rq->db, rq->person_id, rq_param_id(rq, 0), rq_param_id(rq, 1), &file, &err) != BG_OK) {
		buf_free(&file.data);
		api_fail(rq, rs, &err);
		return;
	}
	if (!api_commit(rq, rs)) {
		buf_free(&file.data);
		return;
	}
	rs->status = 200;
	rs->content_type = arena_strdup(&rq->arena, file.content_type);
	buf_reset(&rs->body);
	buf_append(&rs->body, file.data.data, file.data.len);
	buf_free(&file.data);
	rs_header(rq, rs, "Content-Disposition", api_disposition(rq, file.filename));
	rs_header(rq, rs, "Cache-Control", "private, no-store");
}

/* POST /api/v1/newcomers/{id}/steps {code, day?, notes?, reason?} */
static void api_newcomer_step(request *rq, response *rs)
{
	json_t *body = api_body(rq, rs);
	if (!body)
		return;
	const char *code = NULL, *day = NULL, *notes = NULL, *reason = NULL;
	bg_error err;
	int64_t step_id = 0;
	if (json_get_string(body, "code", true, 40, &code, &err) != BG_OK ||
	    json_get_string(body, "day", false, 10, &day, &err) != BG_OK ||
	    json_get_string(body, "notes", false, 4000, &notes, &err) != BG_OK ||
	    json_get_string(body, "reason", false, 100, &reason, &err) != BG_OK ||
	    db_begin(rq->db, DB_WRITE, &err) != BG_OK ||
	    newcomer_add_step(rq->db, rq->person_id, rq_param_id(rq, 0), code, day, notes, reason,
			      rq_base_url(rq), &step_id, &err) != BG_OK) {
		json_decref(body);
		api_fail(rq, rs, &err);
		return;
	}
	json_decref(body);
	if (!api_commit(rq, rs))
		return;
	rq_kick_mailer(rq);
	buf_printf(reply_json(rs, 201), "{\"status\":\"recorded\",\"step_id\":%lld}", (long long)step_id);
}

/* POST /api/v1/newcomers/{id}/orientation {cooperative_id, consent} */
static void api_newcomer_orient(request *rq, response *rs)
{
	json_t *body = api_body(rq, rs);
	if (!body)
		return;
	int64_t to = 0;
	bool consent = false;
	bg_error err;
	if (json_get_int(body, "cooperative_id", true, &to, &err) != BG_OK ||
	    json_get_bool(body, "consent", false, &consent, &err) != BG_OK ||
	    db_begin(rq->db, DB_WRITE, &err) != BG_OK ||
	    newcomer_orient(rq->db, rq->person_id, rq_param_id(rq, 0), to, consent, rq_base_url(rq), &err) != BG_OK) {
		json_decref(body);
		api_fail(rq, rs, &err);
		return;
	}
	json_decref(body);
	if (!api_commit(rq, rs))
		return;
	rq_kick_mailer(rq);
	buf_puts(reply_json(rs, 200), "{\"status\":\"oriented\"}");
}

/* GET /api/v1/newcomers/stats.csv */
static void api_newcomer_stats(request *rq, response *rs)
{
	bg_error err;
	buf_reset(&rs->body);
	if (newcomer_stats_csv(rq->db, rq->person_id, &rs->body, &err) != BG_OK) {
		reply_error(rq, rs, &err);
		return;
	}
	rs->status = 200;
	rs->content_type = "text/csv; charset=utf-8";
	rs_header(rq, rs, "Content-Disposition", "attachment; filename=\"newcomers.csv\"");
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
