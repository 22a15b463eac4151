/*
 * network/import.c — importing people from a CSV file: the form, the
 * answer with its per-line errors, and the page of an import job.
 */
#include "web/network/web_network_internal.h"

/* Lists the rejected lines of an import report. */
static void web_import_errors(request *rq, response *rs, const net_import_error *errors, size_t n)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
	if (!n)
		return;
	h_printf(b, "<ul class=\"errors\">");
	for (size_t i = 0; i < n; i++) {
		h_printf(b, "<li>");
		h_textf(b, tr(L, "Line %s: %s"), web_net_int(rq, errors[i].line), tr(L, errors[i].msgid));
		if (errors[i].field)
			h_printf(b, " (%s)", errors[i].field);
		h_printf(b, "</li>");
	}
	h_printf(b, "</ul>");
}

/* The import form: a file (sent as multipart/form-data), or pasted text. */
static void web_admin_import_page(request *rq, response *rs, const form *f, const bg_error *err)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
	page_begin(rq, rs, tr(L, "Import from a spreadsheet"));
	h_printf(b, "<p><a href=\"/admin\">%s</a></p><h1>%s</h1>", tr(L, "Administration"),
		 tr(L, "Import from a spreadsheet"));
	page_error_summary(rq, rs, err);
	h_printf(b, "<p>%s</p><p class=\"hint\">%s</p>",
		 tr(L, "Send a CSV file exported from a spreadsheet (UTF-8 or Windows-1252, separated by "
		       "semicolons or commas). The first line names the columns."),
		 tr(L, "People: email;name;status;started_on;trades;skills;commune;postcode;area. "
		       "Organisations: name;kind;siren;commune;postcode;area;description;website."));
	h_printf(b, "<form method=\"post\" action=\"/admin/import\" enctype=\"multipart/form-data\" novalidate>");
	page_csrf_field(rq, rs);
	static const char *const kinds[] = {"people", N_("People"), "organisations", N_("Organisations"), NULL};
	web_net_select(rq, rs, "kind", tr(L, "What to import"), kinds, f ? form_get(f, "kind") : NULL, err);
	web_net_select(rq, rs, "cooperative_id", tr(L, "Into the cooperative"), web_net_coop_options(rq, false),
		       f ? form_get(f, "cooperative_id") : NULL, err);
	widget_file(rq, rs, ".csv,text/csv,text/plain", &(widget){.name = "file", .label = tr(L, "CSV file"), .err = err});
	web_net_textarea(rq, rs, "csv", tr(L, "Or paste the CSV content"), NULL, f ? form_get(f, "csv") : NULL, 6, err);
	bool partial = f && form_get(f, "partial");
	widget_checkbox(rq, rs, partial,
			&(widget){.name = "partial", .label = tr(L, "Write the accepted lines even if some are rejected")});
	h_printf(b, "<button type=\"submit\" name=\"dry_run\" value=\"1\" class=\"secondary\">%s</button> "
		    "<button type=\"submit\">%s</button></form>",
		 tr(L, "Trial run"), tr(L, "Import"));
	net_import_job *jobs;
	size_t njobs = 0;
	bg_error e;
	if (net_import_job_list(rq->db, &rq->arena, rq->person_id, &jobs, &njobs, &e) == BG_OK && njobs) {
		h_printf(b, "<h2>%s</h2><ul>", tr(L, "My last imports"));
		for (size_t i = 0; i < njobs; i++) {
			const char *state = strcmp(jobs[i].status, "queued") == 0 || strcmp(jobs[i].status, "running") == 0
						    ? tr(L, "in progress")
					    : strcmp(jobs[i].status, "failed") == 0 ? tr(L, "file not read")
					    : jobs[i].dry_run			    ? tr(L, "trial run")
										    : tr(L, "done");
			h_printf(b, "<li><a href=\"/admin/import/jobs/%lld\">%s</a> — %s, ", (long long)jobs[i].id,
				 *jobs[i].filename ? jobs[i].filename : tr(L, "pasted text"),
				 tr(L, strcmp(jobs[i].kind, "people") == 0 ? "People" : "Organisations"));
			h_textf(b, tr(L, "%s lines read, %s written"), web_net_int(rq, jobs[i].lines),
				 web_net_int(rq, jobs[i].written));
			h_printf(b, " (%s)</li>", state);
		}
		h_printf(b, "</ul>");
	}
	page_end(rq, rs);
}

/* GET /admin/import */
static void web_admin_import(request *rq, response *rs)
{
	bool group;
	bg_error e;
	if (!web_net_is_admin(rq, &group)) {
		bg_error_set(&e, BG_ERR_FORBIDDEN, "forbidden", NULL,
			     N_("You are not allowed to do this."));
		page_fail(rq, rs, &e);
		return;
	}
	web_admin_import_page(rq, rs, NULL, NULL);
}

/* Files up to this many lines are imported during the request itself;
 * longer ones in the background, their page showing the progress. */
enum { WEB_IMPORT_INLINE_LINES = 300 };

/* POST /admin/import: queues the import (or its trial) of the uploaded file
 * or the pasted text as a job, and sends to the job's page. */
static void web_admin_import_post(request *rq, response *rs)
{
	bg_error err;
	const form *f = page_form(rq, rs);
	if (!f)
		return;
	const char *kind = form_get(f, "kind"), *csv = form_get(f, "csv");
	const multipart_file *file = rq_file(rq, "file");
	const char *data = file ? (const char *)file->data : csv;
	size_t len = file ? file->size : csv ? strlen(csv) : 0;
	int64_t coop = form_get(f, "cooperative_id") ? strtoll(form_get(f, "cooperative_id"), NULL, 10) : 0;
	bool dry = form_get(f, "dry_run") != NULL, partial = form_get(f, "partial") != NULL;
	bg_status st = BG_OK;
	int64_t job = 0;
	if (!kind || (strcmp(kind, "people") != 0 && strcmp(kind, "organisations") != 0))
		st = bg_fail(&err, BG_ERR_INVALID, "invalid_kind", "kind", N_("Choose what to import."));
	else if (!data || len == 0)
		st = bg_fail(&err, BG_ERR_INVALID, "missing_field", "file",
			     N_("Choose a CSV file, or paste its content."));
	st = web_begin(rq, st, &err);
	if (st == BG_OK)
		st = net_import_job_create(rq->db, rq->person_id,
					   strcmp(kind, "people") == 0 ? NET_IMPORT_PEOPLE : NET_IMPORT_ORGANISATIONS,
					   coop, file ? file->filename : NULL, data, len, dry, partial, &job, &err);
	if (st == BG_OK)
		st = db_commit(rq->db, &err);
	else
		db_rollback(rq->db);
	if (st == BG_ERR_FORBIDDEN || st == BG_ERR_NOT_FOUND) {
		page_error(rq, rs, &err);
		return;
	}
	if (st != BG_OK) {
		web_admin_import_page(rq, rs, f, &err);
		rs->status = 422;
		return;
	}
	size_t lines = 0;
	for (const char *p = data; p && (p = memchr(p, '\n', len - (size_t)(p - data))); p++)
		lines++;
	if (lines <= WEB_IMPORT_INLINE_LINES) {
		/* the import's outcome is the job's report; a failure here is
		 * the database's, when the job could not run or be recorded */
		if (net_import_job_run(rq->db, job, &err) != BG_OK) {
			page_error(rq, rs, &err);
			return;
		}
	} else
		net_import_job_spawn(db_path(rq->db), job);
	char where[64];
	snprintf(where, sizeof where, "/admin/import/jobs/%lld", (long long)job);
	rs_redirect(rq, rs, where);
}

/* GET /admin/import/jobs/{id}: the job's progress while it runs (the page
 * reloads itself every second, no JavaScript needed), then its report
 * with every rejected line. */
static void web_admin_import_job(request *rq, response *rs)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
	bg_error err;
	net_import_job j;
	if (net_import_job_get(rq->db, &rq->arena, rq->person_id, rq_param_id(rq, 0), &j, &err) != BG_OK) {
		page_fail(rq, rs, &err);
		return;
	}
	bool waiting = !j.interrupted && (strcmp(j.status, "queued") == 0 || strcmp(j.status, "running") == 0);
	if (waiting)
		rs_header(rq, rs, "Refresh", "1");
	page_begin(rq, rs, tr(L, "Import from a spreadsheet"));
	h_printf(b, "<p><a href=\"/admin/import\">%s</a></p><h1>%s</h1>", tr(L, "Import from a spreadsheet"),
		 j.dry_run ? tr(L, "Trial run of an import") : tr(L, "Import"));
	if (*j.filename)
		h_printf(b, "<p>%s</p>", j.filename);
	if (waiting) {
		h_printf(b, "<section class=\"notice\" role=\"status\" aria-live=\"polite\"><h2>%s</h2>",
			 strcmp(j.status, "queued") == 0 || j.total == 0 ? tr(L, "Waiting to start…")
									 : tr(L, "Import in progress…"));
		if (j.total > 0) {
			h_printf(b, "<p><progress max=\"%d\" value=\"%d\">", j.total, j.done);
			h_textf(b, tr(L, "%s / %s lines"), web_net_int(rq, j.done), web_net_int(rq, j.total));
			h_printf(b, "</progress> ");
			h_textf(b, tr(L, "%s / %s lines"), web_net_int(rq, j.done), web_net_int(rq, j.total));
			h_printf(b, "</p>");
		}
		h_printf(b, "<p class=\"hint\">%s</p></section>",
			 tr(L, "This page updates itself; you may also leave it and come back."));
	} else if (j.interrupted) {
		h_printf(b, "<section class=\"alert\" role=\"alert\"><h2>%s</h2><p>%s</p></section>",
			 tr(L, "The import was interrupted"),
			 tr(L, "The server stopped during the import: nothing was written. Send the file again."));
	} else if (strcmp(j.status, "failed") == 0) {
		h_printf(b, "<section class=\"alert\" role=\"alert\"><h2>%s</h2><p>%s</p></section>",
			 tr(L, "Nothing was written"), j.error_msgid ? tr(L, j.error_msgid) : "");
	} else {
		bool written = j.written > 0;
		h_printf(b, "<section class=\"%s\" role=\"status\" aria-labelledby=\"rep-title\"><h2 id=\"rep-title\">%s</h2><p>",
			 j.rejected ? "alert" : "notice",
			 j.dry_run ? tr(L, "Trial run: nothing was written") : written ? tr(L, "Import done") : tr(L, "Nothing was written"));
		h_textf(b, tr(L, "%s lines read, %s accepted, %s rejected, %s written."), web_net_int(rq, j.lines),
			 web_net_int(rq, j.accepted), web_net_int(rq, j.rejected), web_net_int(rq, j.written));
		if (j.invited > 0) {
			h_printf(b, " ");
			h_textf(b, trn(L, "Of the accepted lines, %s named someone who already has an account:"
					   " they are invited, and join once they accept.",
					"Of the accepted lines, %s named people who already have an account:"
					" they are invited, and join once they accept.", (long)j.invited),
				 web_net_int(rq, j.invited));
		}
		h_printf(b, " ");
		h_textf(b, tr(L, "Read as %s, columns separated by “%s”."), j.encoding, j.separator);
		h_printf(b, "</p>");
		web_import_errors(rq, rs, j.errors, j.nerrors);
		h_printf(b, "</section>");
	}
	/* 200 whatever the job found: the report is what was asked for (its
	 * refusals were answered when the file was sent) */
	page_end(rq, rs);
}

const route web_net_import_routes[] = {
	{HTTP_GET, "/admin/import", web_admin_import, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/admin/import", web_admin_import_post, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_GET, "/admin/import/jobs/{id}", web_admin_import_job, ROUTE_PAGE | ROUTE_AUTH},
	{0, NULL, NULL, 0},
};
