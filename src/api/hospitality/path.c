/*
 * path.c — the path configuration of a cooperative
 * (/api/v1/cooperatives/{id}/path): the steps its newcomers go through.
 */
#include "api/hospitality/api_hospitality_internal.h"

/* GET /api/v1/cooperatives/{id}/path */
API_OP(api_path_get, API_PLAIN, api_path_get_op)
{
	path_step steps[PATH_MAX_STEPS];
	int n = 0;
	bg_status st = path_steps_read(r->rq->db, r->rq->person_id, r->id, steps, PATH_MAX_STEPS, &n, err);
	if (st != BG_OK)
		return st;
	buf *b = api_json(r, 200);
	buf_puts(b, "{\"steps\":[");
	for (int i = 0; i < n; i++) {
		buf_printf(b, "%s{\"code\":", i ? "," : "");
		json_put_string(b, steps[i].code);
		api_str(b, "label", tr(r->rq->lang, steps[i].label));
		buf_putc(b, '}');
	}
	buf_puts(b, "]}");
	return BG_OK;
}

/* PUT /api/v1/cooperatives/{id}/path {steps:[{code,label}]} */
API_OP(api_path_set, API_BODY, api_path_set_op)
{
	json_t *arr = json_object_get(r->body, "steps");
	path_step steps[PATH_MAX_STEPS] = {0};
	int n = 0;
	if (!json_is_array(arr) || json_array_size(arr) > PATH_MAX_STEPS)
		return bg_fail(err, BG_ERR_INVALID, "invalid_steps", "steps", N_("A path has between 1 and 20 steps."));
	for (size_t i = 0; i < json_array_size(arr); i++) {
		json_t *o = json_array_get(arr, i);
		const char *code = json_string_value(json_object_get(o, "code"));
		const char *label = json_string_value(json_object_get(o, "label"));
		if (!code || !label || strlen(code) > 40 || strlen(label) > 100)
			return bg_fail(err, BG_ERR_INVALID, "invalid_step", "steps",
				       N_("Each step needs a label and a distinct code of lowercase letters, digits and _."));
		snprintf(steps[n].code, sizeof steps[0].code, "%s", code);
		snprintf(steps[n++].label, sizeof steps[0].label, "%s", label);
	}
	bg_status st = path_steps_set(r->rq->db, r->rq->person_id, r->id, steps, n, err);
	return api_status(r, st, 200, "saved");
}

const route api_hosp_path_routes[] = {
	{HTTP_GET, "/api/v1/cooperatives/{id}/path", api_path_get, ROUTE_AUTH},
	{HTTP_PUT, "/api/v1/cooperatives/{id}/path", api_path_set, ROUTE_AUTH},
	{0, NULL, NULL, 0},
};
