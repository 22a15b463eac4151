/*
 * path.c — the path configuration of a cooperative
 * (/api/v1/cooperatives/{id}/path): the steps its newcomers go through.
 */
#include "api/hospitality/api_hospitality_internal.h"

/* GET /api/v1/cooperatives/{id}/path */
static void api_path_get(request *rq, response *rs)
{
	path_step steps[PATH_MAX_STEPS];
	int n = 0;
	bg_error err;
	if (path_steps_read(rq->db, rq->person_id, rq_param_id(rq, 0), steps, PATH_MAX_STEPS, &n, &err) != BG_OK) {
		reply_error(rq, rs, &err);
		return;
	}
	buf *b = reply_json(rs, 200);
	buf_puts(b, "{\"steps\":[");
	for (int i = 0; i < n; i++) {
		buf_printf(b, "%s{\"code\":", i ? "," : "");
		json_put_string(b, steps[i].code);
		buf_puts(b, ",\"label\":");
		json_put_string(b, tr(rq->lang, steps[i].label));
		buf_putc(b, '}');
	}
	buf_puts(b, "]}");
}

/* PUT /api/v1/cooperatives/{id}/path {steps:[{code,label}]} */
static void api_path_set(request *rq, response *rs)
{
	json_t *body = api_body(rq, rs);
	if (!body)
		return;
	json_t *arr = json_object_get(body, "steps");
	path_step steps[PATH_MAX_STEPS] = {0};
	int n = 0;
	bg_error err;
	if (!json_is_array(arr) || json_array_size(arr) > PATH_MAX_STEPS) {
		json_decref(body);
		reply_fail(rq, rs, BG_ERR_INVALID, "invalid_steps", "steps", N_("A path has between 1 and 20 steps."));
		return;
	}
	for (size_t i = 0; i < json_array_size(arr); i++) {
		json_t *o = json_array_get(arr, i);
		const char *code = json_string_value(json_object_get(o, "code"));
		const char *label = json_string_value(json_object_get(o, "label"));
		if (!code || !label || strlen(code) > 40 || strlen(label) > 100) {
			json_decref(body);
			reply_fail(rq, rs, BG_ERR_INVALID, "invalid_step", "steps",
				   N_("Each step needs a label and a distinct code of lowercase letters, digits and _."));
			return;
		}
		snprintf(steps[n].code, sizeof steps[0].code, "%s", code);
		snprintf(steps[n++].label, sizeof steps[0].label, "%s", label);
	}
	json_decref(body);
	if (db_begin(rq->db, DB_WRITE, &err) != BG_OK ||
	    path_steps_set(rq->db, rq->person_id, rq_param_id(rq, 0), steps, n, &err) != BG_OK) {
		api_fail(rq, rs, &err);
		return;
	}
	if (api_commit(rq, rs))
		buf_puts(reply_json(rs, 200), "{\"status\":\"saved\"}");
}

const route api_hosp_path_routes[] = {
	{HTTP_GET, "/api/v1/cooperatives/{id}/path", api_path_get, ROUTE_AUTH},
	{HTTP_PUT, "/api/v1/cooperatives/{id}/path", api_path_set, ROUTE_AUTH},
	{0, NULL, NULL, 0},
};
