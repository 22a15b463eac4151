/*
 * net_jobs.c — imports from the administration page run as jobs (X7, and
 * "every long action shows progress").
 *
 * The page stores the uploaded file in import_jobs and answers at once with
 * a redirect to the job's page; a background thread (one per job, jobs
 * serialised by one mutex) opens its own connection and runs the import
 * with the same domain function as the command line, in ONE transaction,
 * so the all-or-nothing rule and the dry run are unchanged.  Because that
 * transaction is not visible to other connections until it ends, the
 * progress (lines done / total) lives in memory, in a small table guarded
 * by a mutex; the job's page reads it while the job runs, and the report
 * from the database once it is over.  A job left "running" that no thread
 * of this process holds (the server stopped in the middle) is shown as
 * interrupted: its transaction was never committed, nothing was written.
 */
#include "network/network.h"
#include "auth/authz.h"
#include "core/date.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/mem.h"
#include "db/audit.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ progress */

enum { NET_JOB_SLOTS = 16 };
static struct {
	int64_t job_id; /* 0: free */
	int done, total;
} net_job_slots[NET_JOB_SLOTS];
static pthread_mutex_t net_job_slots_lock = PTHREAD_MUTEX_INITIALIZER;
/* one import at a time: they all write */
static pthread_mutex_t net_job_run_lock = PTHREAD_MUTEX_INITIALIZER;

/* Takes a slot for job_id (false when all are busy: no progress shown). */
static bool net_job_slot_take(int64_t job_id)
{
	bool ok = false;
	pthread_mutex_lock(&net_job_slots_lock);
	for (int i = 0; i < NET_JOB_SLOTS && !ok; i++)
		if (net_job_slots[i].job_id == 0) {
			net_job_slots[i].job_id = job_id;
			net_job_slots[i].done = net_job_slots[i].total = 0;
			ok = true;
		}
	pthread_mutex_unlock(&net_job_slots_lock);
	return ok;
}

/* Frees job_id's slot. */
static void net_job_slot_drop(int64_t job_id)
{
	pthread_mutex_lock(&net_job_slots_lock);
	for (int i = 0; i < NET_JOB_SLOTS; i++)
		if (net_job_slots[i].job_id == job_id)
			net_job_slots[i].job_id = 0;
	pthread_mutex_unlock(&net_job_slots_lock);
}

/* Reads job_id's progress; false when no thread holds the job. */
static bool net_job_slot_read(int64_t job_id, int *done, int *total)
{
	bool found = false;
	pthread_mutex_lock(&net_job_slots_lock);
	for (int i = 0; i < NET_JOB_SLOTS && !found; i++)
		if (net_job_slots[i].job_id == job_id) {
			*done = net_job_slots[i].done;
			*total = net_job_slots[i].total;
			found = true;
		}
	pthread_mutex_unlock(&net_job_slots_lock);
	return found;
}

/* The import's progress callback: ctx points to the job id. */
static void net_job_progress(void *ctx, int done, int total)
{
	int64_t job_id = *(const int64_t *)ctx;
	pthread_mutex_lock(&net_job_slots_lock);
	for (int i = 0; i < NET_JOB_SLOTS; i++)
		if (net_job_slots[i].job_id == job_id) {
			net_job_slots[i].done = done;
			net_job_slots[i].total = total;
		}
	pthread_mutex_unlock(&net_job_slots_lock);
}

/* ---------------------------------------------------------------- jobs */

bg_status net_import_job_create(db *d, int64_t actor_id, net_import_kind kind, int64_t coop_id,
				const char *filename, const void *data, size_t len, bool dry_run,
				bool partial, int64_t *id_out, bg_error *err)
{
	bg_status st = net_import_allowed(d, actor_id, coop_id, err);
	if (st != BG_OK)
		return st;
	if (len == 0)
		return bg_fail(err, BG_ERR_INVALID, "empty_file", "file", N_("The file is empty."));
	/* the bytes say what the file is, whatever its name or declared type */
	const unsigned char *m = data;
	if ((len >= 4 && memcmp(m, "PK\x03\x04", 4) == 0) || (len >= 4 && memcmp(m, "\xD0\xCF\x11\xE0", 4) == 0))
		return bg_fail(err, BG_ERR_INVALID, "not_csv", "file",
			       N_("This is a spreadsheet file (.xlsx, .ods, .xls): save it as CSV first."));
	if (memchr(data, '\0', len) || (len >= 4 && memcmp(m, "%PDF", 4) == 0))
		return bg_fail(err, BG_ERR_INVALID, "not_csv", "file", N_("This file is not a CSV text file."));
	char name[256] = "";
	if (filename)
		snprintf(name, sizeof name, "%s", filename); /* multipart gives UTF-8; cut is harmless here */
	while (strlen(name) && ((unsigned char)name[strlen(name) - 1] & 0xC0) == 0x80)
		name[strlen(name) - 1] = '\0'; /* never half a character */
	if (strlen(name) && (unsigned char)name[strlen(name) - 1] >= 0xC0)
		name[strlen(name) - 1] = '\0';
	int64_t id = 0;
	st = db_scalar(d, err, &id, NULL, "INSERT INTO import_jobs(person_id, cooperative_id, kind, dry_run,"
					  " partial, filename, data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
					  " RETURNING id",
		       "iisiisbi", actor_id, coop_id, kind == NET_IMPORT_PEOPLE ? "people" : "organisations",
		     (int64_t)dry_run, (int64_t)partial, name, data, len, date_now());
	if (st != BG_OK)
		return st;
	if (id_out)
		*id_out = id;
	return audit_record(d, actor_id, "create", "import_job", id, NULL, NULL, err);
}

/* Records the report of a job (counts, rejected lines, or the reason the
 * file could not be read) and drops its file. */
static bg_status net_job_record(db *d, int64_t job_id, bg_status outcome, const bg_error *why,
				const net_import_report *rep, bg_error *err)
{
	bg_status st;
	if (outcome == BG_OK) {
		st = db_exec(d, err, "UPDATE import_jobs SET status = 'done', data = NULL, lines = ?,"
				     " accepted = ?, rejected = ?, written = ?, encoding = ?, separator = ?,"
				     " finished_at = ?, invited = ? WHERE id = ?",
			     "iiiissiii", (int64_t)rep->lines, (int64_t)rep->accepted, (int64_t)rep->rejected,
			     (int64_t)rep->written, rep->encoding ? rep->encoding : "",
			     (char[2]){rep->separator, 0}, date_now(), (int64_t)rep->invited, job_id);
		for (size_t i = 0; st == BG_OK && i < rep->nerrors; i++)
			st = db_exec(d, err, "INSERT INTO import_job_errors(job_id, line, field, code, msgid)"
					     " VALUES (?, ?, ?, ?, ?)",
				     "iisss", job_id, (int64_t)rep->errors[i].line, rep->errors[i].field,
				     rep->errors[i].code ? rep->errors[i].code : "invalid",
				     rep->errors[i].msgid ? rep->errors[i].msgid : "");
	} else {
		st = db_exec(d, err, "UPDATE import_jobs SET status = 'failed', data = NULL,"
				     " error_field = ?, error_msgid = ?, finished_at = ? WHERE id = ?",
			     "ssii", why->field, why->msgid ? why->msgid : N_("The import failed."),
			     date_now(), job_id);
	}
	return st;
}

bg_status net_import_job_run(db *d, int64_t job_id, bg_error *err)
{
	/* take the job: queued → running, committed at once so its page says so;
	 * the progress slot first, so a running job always has one */
	bool slot = net_job_slot_take(job_id);
	bg_status st = db_begin(d, DB_WRITE, err);
	if (st == BG_OK)
		st = db_exec(d, err, "UPDATE import_jobs SET status = 'running' WHERE id = ? AND status = 'queued'",
			     "i", job_id);
	bool taken = st == BG_OK && db_changes(d) == 1;
	if (st == BG_OK && taken)
		st = db_commit(d, err);
	else
		db_rollback(d);
	if (st != BG_OK || !taken) {
		if (slot)
			net_job_slot_drop(job_id);
		return st;
	}
	/* read the file */
	int64_t person = 0, coop = 0;
	bool dry = false, partial = false;
	net_import_kind kind = NET_IMPORT_PEOPLE;
	char *data = NULL;
	size_t len = 0;
	db_stmt *s = db_query(d, "SELECT person_id, cooperative_id, kind, dry_run, partial, data"
				 " FROM import_jobs WHERE id = ?", "i", job_id);
	if (s && db_next(s) == 1) {
		person = db_int(s, 0);
		coop = db_int(s, 1);
		kind = strcmp(db_text(s, 2), "people") == 0 ? NET_IMPORT_PEOPLE : NET_IMPORT_ORGANISATIONS;
		dry = db_int(s, 3) != 0;
		partial = db_int(s, 4) != 0;
		const void *blob = db_blob(s, 5, &len);
		data = xmalloc(len + 1);
		if (len)
			memcpy(data, blob, len);
		data[len] = '\0';
	}
	if (db_done(s) != BG_OK) {
		free(data);
		data = NULL;
	}
	if (!data) {
		if (slot)
			net_job_slot_drop(job_id);
		return bg_db_fail(err);
	}
	net_import_report rep;
	memset(&rep, 0, sizeof rep);
	bg_error why = {0};
	st = db_begin(d, DB_WRITE, err);
	bg_status outcome = st;
	if (st == BG_OK) {
		outcome = net_import_progress(d, person, kind, coop, data, len, dry, partial,
					      slot ? net_job_progress : NULL, &job_id, &rep, &why);
		if (outcome == BG_OK && rep.written > 0) {
			/* the report commits with what it reports */
			st = net_job_record(d, job_id, outcome, &why, &rep, err);
			if (st == BG_OK)
				st = audit_record(d, person, "import", "import_job", job_id, NULL, NULL, err);
			if (st == BG_OK)
				st = db_commit(d, err);
			else
				db_rollback(d);
		} else {
			db_rollback(d);
			st = db_begin(d, DB_WRITE, err);
			if (st == BG_OK)
				st = net_job_record(d, job_id, outcome, &why, &rep, err);
			if (st == BG_OK)
				st = db_commit(d, err);
			else
				db_rollback(d);
		}
	}
	if (slot)
		net_job_slot_drop(job_id);
	free(data);
	net_import_report_free(&rep);
	return st;
}

/* The worker thread's argument: where the database is and which job. */
typedef struct net_job_arg {
	char *path;
	int64_t job_id;
} net_job_arg;

/* Runs one job on its own connection, after the jobs before it; then any
 * job still queued (left by a server that stopped before running it).
 * Taking a job is atomic (queued → running), so no job runs twice. */
static void *net_job_main(void *p)
{
	net_job_arg *arg = p;
	pthread_mutex_lock(&net_job_run_lock);
	db *d = NULL;
	bg_error err;
	if (db_open(arg->path, false, &d, &err) == BG_OK) {
		int64_t job = arg->job_id;
		bool found = true;
		for (int i = 0; i < 100 && found && net_import_job_run(d, job, &err) == BG_OK; i++)
			if (db_scalar(d, &err, &job, &found, "SELECT id FROM import_jobs WHERE status = 'queued'"
							     " ORDER BY id LIMIT 1", NULL) != BG_OK)
				break;
		db_close(d);
	}
	free(arg->path);
	free(arg);
	pthread_mutex_unlock(&net_job_run_lock);
	return NULL;
}

void net_import_jobs_wait(void)
{
	pthread_mutex_lock(&net_job_run_lock);
	pthread_mutex_unlock(&net_job_run_lock);
}

void net_import_job_spawn(const char *db_path, int64_t job_id)
{
	net_job_arg *arg = xmalloc(sizeof *arg);
	arg->path = xstrdup(db_path);
	arg->job_id = job_id;
	pthread_t t;
	pthread_attr_t attr;
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	if (pthread_create(&t, &attr, net_job_main, arg) != 0) {
		free(arg->path);
		free(arg);
	}
	pthread_attr_destroy(&attr);
}

void net_import_jobs_resume(db *d, const char *db_path)
{
	int64_t job = 0;
	bool found = false;
	if (db_scalar(d, NULL, &job, &found, "SELECT id FROM import_jobs WHERE status = 'queued'"
					      " ORDER BY id LIMIT 1", NULL) == BG_OK && found)
		net_import_job_spawn(db_path, job);
}

bg_status net_import_job_get(db *d, arena *a, int64_t viewer_id, int64_t job_id,
			     net_import_job *out, bg_error *err)
{
	memset(out, 0, sizeof *out);
	db_stmt *s = db_query(d, "SELECT id, person_id, cooperative_id, kind, status, filename, encoding,"
				 " separator, dry_run, partial, lines, accepted, rejected, written,"
				 " error_field, error_msgid, invited FROM import_jobs WHERE id = ? AND person_id = ?",
			      "ii", job_id, viewer_id);
	bool found = db_next(s) == 1;
	if (found) {
		out->id = db_int(s, 0);
		out->person_id = db_int(s, 1);
		out->cooperative_id = db_int(s, 2);
		out->kind = arena_strdup(a, db_text(s, 3));
		out->status = arena_strdup(a, db_text(s, 4));
		out->filename = arena_strdup(a, db_text(s, 5));
		out->encoding = arena_strdup(a, db_text(s, 6));
		out->separator = arena_strdup(a, db_text(s, 7));
		out->dry_run = db_int(s, 8) != 0;
		out->partial = db_int(s, 9) != 0;
		out->lines = (int)db_int(s, 10);
		out->accepted = (int)db_int(s, 11);
		out->rejected = (int)db_int(s, 12);
		out->written = (int)db_int(s, 13);
		out->error_field = arena_strdup(a, db_text(s, 14));
		out->error_msgid = arena_strdup(a, db_text(s, 15));
		out->invited = (int)db_int(s, 16);
	}
	if (db_done(s) != BG_OK)
		return bg_db_fail(err);
	if (!found)
		return bg_fail(err, BG_ERR_NOT_FOUND, "not_found", NULL, N_("This page does not exist."));
	if (strcmp(out->status, "running") == 0)
		out->interrupted = !net_job_slot_read(job_id, &out->done, &out->total);
	else if (strcmp(out->status, "queued") == 0)
		net_job_slot_read(job_id, &out->done, &out->total);
	int64_t n = 0;
	bool any = false;
	bg_status st = db_scalar(d, err, &n, &any, "SELECT count(*) FROM import_job_errors WHERE job_id = ?",
				 "i", job_id);
	if (st != BG_OK)
		return st;
	out->errors = arena_alloc(a, (size_t)(n > 0 ? n : 1) * sizeof *out->errors);
	s = db_query(d, "SELECT line, field, code, msgid FROM import_job_errors WHERE job_id = ?"
			" ORDER BY line", "i", job_id);
	while (out->nerrors < (size_t)n && db_next(s) == 1)
		out->errors[out->nerrors++] = (net_import_error){
			(int)db_int(s, 0), arena_strdup(a, db_text(s, 1)), arena_strdup(a, db_text(s, 2)),
			arena_strdup(a, db_text(s, 3))};
	return db_done(s) == BG_OK ? BG_OK : bg_db_fail(err);
}

bg_status net_import_job_list(db *d, arena *a, int64_t viewer_id, net_import_job **out, size_t *n,
			      bg_error *err)
{
	*n = 0;
	*out = arena_alloc(a, 10 * sizeof **out);
	db_stmt *s = db_query(d, "SELECT id, kind, status, filename, dry_run, lines, written, created_at"
				 " FROM import_jobs WHERE person_id = ? ORDER BY id DESC LIMIT 10", "i", viewer_id);
	if (!s)
		return bg_db_fail(err);
	while (db_next(s) == 1) {
		net_import_job *j = &(*out)[(*n)++];
		j->id = db_int(s, 0);
		j->person_id = viewer_id;
		j->kind = arena_strdup(a, db_text(s, 1));
		j->status = arena_strdup(a, db_text(s, 2));
		j->filename = arena_strdup(a, db_text(s, 3));
		j->dry_run = db_int(s, 4) != 0;
		j->lines = (int)db_int(s, 5);
		j->written = (int)db_int(s, 6);
	}
	return db_done(s) == BG_OK ? BG_OK : bg_db_fail(err);
}
