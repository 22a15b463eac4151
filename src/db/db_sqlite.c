/*
 * db_sqlite.c — the SQLite implementation of the storage interface (db.h).
 *
 * Each connection keeps a statement cache: an open-addressing table keyed by
 * the SQL text (hashed, then compared), so each distinct statement is
 * compiled once per connection with SQLITE_PREPARE_PERSISTENT.
 */
#include "db/db.h"
#include "core/date.h"
#include "core/log.h"
#include <assert.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { DB_CACHE_SLOTS = 4096 };

struct db_stmt {
	sqlite3_stmt *st;
	db *owner;
	uint64_t hash;
	bg_status step_status; /* BG_OK, or the failure of a step since db_query */
};

struct db {
	sqlite3 *conn;
	char *path;
	bool in_txn;
	db_txn_kind txn_kind;
	bg_status last_status;
	db_stmt *cache[DB_CACHE_SLOTS];
	/* recently used statements by the address of their SQL text: most SQL
	 * is a string literal, found again here without hashing it */
	struct {
		const char *sql;
		db_stmt *stmt;
	} recent[256];
};

static uint64_t db_hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

/* Process-wide SQLite settings, before the first connection: no memory
 * statistics (they take a global mutex on every allocation, which
 * serialises the worker threads). */
static void db_configure_once(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	sqlite3_initialize();
}

/* SQL's bigre_now(): the program's clock (date_now), for the SQL of
 * migrations; SQLite's 'now' and CURRENT_* read the wall clock instead
 * and are never used. */
static void db_sql_now(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	(void)argv;
	sqlite3_result_int64(ctx, date_now());
}

bg_status db_open(const char *path, bool create, db **out, bg_error *err)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, db_configure_once);
	sqlite3 *conn = NULL;
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
	int rc = sqlite3_open_v2(path, &conn, flags, NULL);
	if (rc != SQLITE_OK) {
		log_msg(LOG_ERROR, "cannot open database %s: %s", path,
			conn ? sqlite3_errmsg(conn) : sqlite3_errstr(rc));
		sqlite3_close(conn);
		return bg_fail(err, BG_ERR_DB, "db_open", NULL, N_("The database cannot be opened."));
	}
	sqlite3_extended_result_codes(conn, 1);
	/* a larger lookaside: SQLite's small allocations (cursors, records)
	 * come from it instead of malloc, ~10 % of a bulk import otherwise */
	sqlite3_db_config(conn, SQLITE_DBCONFIG_LOOKASIDE, NULL, 512, 2048);
	sqlite3_busy_timeout(conn, 10000);
	const char *pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
			      "PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;"
			      "PRAGMA cache_size=-16000; PRAGMA trusted_schema=OFF;";
	char *msg = NULL;
	if (sqlite3_create_function(conn, "bigre_now", 0, SQLITE_UTF8 | SQLITE_DIRECTONLY, NULL, db_sql_now, NULL,
				    NULL) != SQLITE_OK ||
	    sqlite3_exec(conn, pragmas, NULL, NULL, &msg) != SQLITE_OK) {
		log_msg(LOG_ERROR, "cannot configure database %s: %s", path, msg ? msg : "?");
		sqlite3_free(msg);
		sqlite3_close(conn);
		return bg_fail(err, BG_ERR_DB, "db_open", NULL, N_("The database cannot be opened."));
	}
	db *d = calloc(1, sizeof *d);
	if (!d)
		abort();
	d->conn = conn;
	d->path = strdup(path);
	*out = d;
	return BG_OK;
}

void db_close(db *d)
{
	if (!d)
		return;
	if (d->in_txn)
		db_rollback(d);
	for (int i = 0; i < DB_CACHE_SLOTS; i++) {
		if (d->cache[i]) {
			sqlite3_finalize(d->cache[i]->st);
			free(d->cache[i]);
		}
	}
	sqlite3_close(d->conn);
	free(d->path);
	free(d);
}

const char *db_path(const db *d)
{
	return d->path;
}

static db_stmt *db_prepare(db *d, const char *sql);

/* Runs a transaction-control statement from the cache (they are run on
 * every request: compiling them each time would cost more than the query). */
static bool db_control(db *d, const char *sql)
{
	db_stmt *s = db_prepare(d, sql);
	if (!s)
		return false;
	int rc = sqlite3_step(s->st);
	sqlite3_reset(s->st);
	return rc == SQLITE_DONE;
}

bg_status db_begin(db *d, db_txn_kind kind, bg_error *err)
{
	if (d->in_txn) {
		/* Only a read transaction may be open here (the server opens one
		 * around GET handlers): a read joins it; a write ends it first. */
		assert(d->txn_kind == DB_READ);
		if (kind == DB_READ)
			return BG_OK;
		db_rollback(d);
	}
	const char *sql = kind == DB_WRITE ? "BEGIN IMMEDIATE" : "BEGIN";
	if (!db_control(d, sql)) {
		log_msg(LOG_ERROR, "%s failed: %s", sql, sqlite3_errmsg(d->conn));
		return bg_fail(err, BG_ERR_UNAVAILABLE, "db_busy", NULL,
			       N_("The service is busy; please try again."));
	}
	d->in_txn = true;
	d->txn_kind = kind;
	return BG_OK;
}

bg_status db_commit(db *d, bg_error *err)
{
	assert(d->in_txn);
	if (!db_control(d, "COMMIT")) {
		log_msg(LOG_ERROR, "COMMIT failed: %s", sqlite3_errmsg(d->conn));
		db_rollback(d);
		return bg_db_fail(err);
	}
	d->in_txn = false;
	return BG_OK;
}

void db_rollback(db *d)
{
	if (!sqlite3_get_autocommit(d->conn))
		db_control(d, "ROLLBACK");
	d->in_txn = false;
}

bool db_in_txn(const db *d)
{
	return d->in_txn;
}

static db_stmt *db_prepare_slow(db *d, const char *sql);

/* Finds or prepares the cached statement for sql. */
static db_stmt *db_prepare(db *d, const char *sql)
{
	size_t r = ((uintptr_t)sql >> 3) % 256;
	/* the same address may hold other text (a buffer reused): compare */
	if (d->recent[r].sql == sql && strcmp(sqlite3_sql(d->recent[r].stmt->st), sql) == 0)
		return d->recent[r].stmt;
	db_stmt *found = db_prepare_slow(d, sql);
	if (found) {
		d->recent[r].sql = sql;
		d->recent[r].stmt = found;
	}
	return found;
}

/* Finds or prepares the cached statement for sql through the hash table. */
static db_stmt *db_prepare_slow(db *d, const char *sql)
{
	uint64_t h = db_hash(sql);
	size_t i = h % DB_CACHE_SLOTS;
	for (size_t probe = 0; probe < DB_CACHE_SLOTS; probe++, i = (i + 1) % DB_CACHE_SLOTS) {
		db_stmt *s = d->cache[i];
		if (!s)
			break;
		if (s->hash == h && strcmp(sqlite3_sql(s->st), sql) == 0)
			return s;
	}
	if (d->cache[i]) {
		log_msg(LOG_ERROR, "statement cache full");
		abort();
	}
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v3(d->conn, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
		log_msg(LOG_ERROR, "cannot prepare SQL: %s — %s", sqlite3_errmsg(d->conn), sql);
		return NULL;
	}
	db_stmt *s = malloc(sizeof *s);
	if (!s)
		abort();
	s->st = st;
	s->owner = d;
	s->hash = h;
	d->cache[i] = s;
	return s;
}

static bool db_bind_va(db_stmt *s, const char *types, va_list ap)
{
	int n = 1;
	for (const char *t = types ? types : ""; *t; t++, n++) {
		int rc;
		switch (*t) {
		case 'i':
			rc = sqlite3_bind_int64(s->st, n, va_arg(ap, int64_t));
			break;
		case 'I': {
			int64_t v = va_arg(ap, int64_t);
			rc = v ? sqlite3_bind_int64(s->st, n, v) : sqlite3_bind_null(s->st, n);
			break;
		}
		case 's': {
			const char *v = va_arg(ap, const char *);
			rc = v ? sqlite3_bind_text(s->st, n, v, -1, SQLITE_TRANSIENT)
			       : sqlite3_bind_null(s->st, n);
			break;
		}
		case 'b': {
			const void *p = va_arg(ap, const void *);
			size_t len = va_arg(ap, size_t);
			rc = p ? sqlite3_bind_blob64(s->st, n, p, len, SQLITE_TRANSIENT)
			       : sqlite3_bind_null(s->st, n);
			break;
		}
		default:
			log_msg(LOG_ERROR, "bad bind type '%c'", *t);
			return false;
		}
		if (rc != SQLITE_OK) {
			log_msg(LOG_ERROR, "bind %d failed: %s", n, sqlite3_errstr(rc));
			return false;
		}
	}
	return true;
}

/* Resets a statement and clears its bindings, when what it returns does
 * not matter (nothing was stepped; or the caller reads the result of its
 * steps itself): db_done() is this and the status of the steps. */
static void db_release(db_stmt *s)
{
	sqlite3_reset(s->st);
	sqlite3_clear_bindings(s->st);
}

static db_stmt *db_query_va(db *d, const char *sql, const char *types, va_list ap)
{
	db_stmt *s = db_prepare(d, sql);
	if (!s)
		return NULL;
	/* db.h: a cached statement is not re-entered — a loop over a query
	 * does not run the very same query inside itself (the outer loop's
	 * rows would silently start again).  A statement left mid-rows is
	 * finished with db_done() before it is queried again. */
	assert(!sqlite3_stmt_busy(s->st) && "a cached statement is re-entered (or left without db_done)");
	sqlite3_reset(s->st);
	sqlite3_clear_bindings(s->st);
	s->step_status = BG_OK;
	if (!db_bind_va(s, types, ap)) {
		db_release(s);
		return NULL;
	}
	return s;
}

db_stmt *db_query(db *d, const char *sql, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	db_stmt *s = db_query_va(d, sql, types, ap);
	va_end(ap);
	return s;
}

int db_next(db_stmt *s)
{
	if (!s)
		return -1; /* db_query failed, and said why in the log */
	/* db.h: writes run in db_begin(DB_WRITE), never in the read
	 * transaction the server holds around a GET (a GET changes nothing). */
	assert((sqlite3_stmt_readonly(s->st) || !s->owner->in_txn || s->owner->txn_kind == DB_WRITE) &&
	       "a write inside a read transaction");
	int rc = sqlite3_step(s->st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	db *d = s->owner;
	d->last_status = (rc & 0xff) == SQLITE_CONSTRAINT ? BG_ERR_CONFLICT
			 : (rc & 0xff) == SQLITE_BUSY     ? BG_ERR_UNAVAILABLE
							  : BG_ERR_DB;
	if (d->last_status != BG_ERR_CONFLICT)
		log_msg(LOG_ERROR, "SQL step failed: %s — %s", sqlite3_errmsg(d->conn), sqlite3_sql(s->st));
	s->step_status = d->last_status;
	sqlite3_reset(s->st);
	return -1;
}

bg_status db_done(db_stmt *s)
{
	if (!s)
		return BG_ERR_DB;
	db_release(s);
	return s->step_status;
}

bg_status db_one_row(db_stmt *s, const char *field, const char *msgid, bg_error *err)
{
	int rc = db_next(s);
	if (rc == 1)
		return BG_OK;
	bg_status st = db_done(s);
	if (rc != 0 || st != BG_OK) /* a failed step is not "no such row" */
		return bg_db_fail(err);
	return bg_fail(err, BG_ERR_NOT_FOUND, "not_found", field, msgid ? msgid : N_("This page does not exist."));
}

int64_t db_int(db_stmt *s, int col)
{
	return sqlite3_column_int64(s->st, col);
}

const char *db_text(db_stmt *s, int col)
{
	return (const char *)sqlite3_column_text(s->st, col);
}

const void *db_blob(db_stmt *s, int col, size_t *len)
{
	const void *p = sqlite3_column_blob(s->st, col);
	*len = (size_t)sqlite3_column_bytes(s->st, col);
	return p;
}

bool db_null(db_stmt *s, int col)
{
	return sqlite3_column_type(s->st, col) == SQLITE_NULL;
}

static bg_status db_step_error(db *d, bg_error *err)
{
	if (d->last_status == BG_ERR_CONFLICT)
		return bg_fail(err, BG_ERR_CONFLICT, "constraint", NULL,
			       N_("This change conflicts with existing data."));
	if (d->last_status == BG_ERR_UNAVAILABLE)
		return bg_fail(err, BG_ERR_UNAVAILABLE, "db_busy", NULL,
			       N_("The service is busy; please try again."));
	return bg_db_fail(err);
}

bg_status db_exec(db *d, bg_error *err, const char *sql, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	db_stmt *s = db_query_va(d, sql, types, ap);
	va_end(ap);
	if (!s)
		return bg_db_fail(err);
	while (db_next(s) == 1)
		;
	return db_done(s) != BG_OK ? db_step_error(d, err) : BG_OK;
}

bg_status db_exec_values(db *d, bg_error *err, const char *sql, const db_value *v, size_t n)
{
	db_stmt *s = db_prepare(d, sql);
	if (!s)
		return bg_db_fail(err);
	db_release(s);
	s->step_status = BG_OK; /* a failure of its last run is not this run's */
	for (size_t k = 0; k < n; k++) {
		int rc, col = (int)k + 1;
		switch (v[k].type) {
		case 'i':
			rc = sqlite3_bind_int64(s->st, col, v[k].i);
			break;
		case 'I':
			rc = v[k].i ? sqlite3_bind_int64(s->st, col, v[k].i) : sqlite3_bind_null(s->st, col);
			break;
		case 's':
			rc = v[k].p ? sqlite3_bind_text(s->st, col, v[k].p, -1, SQLITE_STATIC) : sqlite3_bind_null(s->st, col);
			break;
		case 'b':
			rc = v[k].p ? sqlite3_bind_blob64(s->st, col, v[k].p, v[k].len, SQLITE_STATIC)
				    : sqlite3_bind_null(s->st, col);
			break;
		default:
			rc = SQLITE_MISUSE;
		}
		if (rc != SQLITE_OK) {
			log_msg(LOG_ERROR, "bind %d failed: %s", col, sqlite3_errstr(rc));
			db_release(s);
			return bg_db_fail(err);
		}
	}
	while (db_next(s) == 1)
		;
	/* the bindings point to the caller's memory: cleared */
	return db_done(s) != BG_OK ? db_step_error(d, err) : BG_OK;
}

bg_status db_scalar(db *d, bg_error *err, int64_t *out, bool *found,
		    const char *sql, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	db_stmt *s = db_query_va(d, sql, types, ap);
	va_end(ap);
	if (!s)
		return bg_db_fail(err);
	int rc = db_next(s);
	if (rc == 1)
		*out = db_int(s, 0);
	if (found)
		*found = rc == 1;
	return db_done(s) != BG_OK ? db_step_error(d, err) : BG_OK;
}

/* Not in db.h (the program's inserts return their id): declared by the
 * unit tests' fixtures (tests/unit/testdb.h) for their setup rows. */
int64_t db_last_id(db *d);
int64_t db_last_id(db *d)
{
	return sqlite3_last_insert_rowid(d->conn);
}

int db_changes(db *d)
{
	return sqlite3_changes(d->conn);
}

bg_status db_last_status(db *d)
{
	return d->last_status;
}

const char *db_last_error(db *d)
{
	return sqlite3_errmsg(d->conn);
}

bg_status db_exec_script(db *d, const char *sql, bg_error *err)
{
	char *msg = NULL;
	if (sqlite3_exec(d->conn, sql, NULL, NULL, &msg) != SQLITE_OK) {
		log_msg(LOG_ERROR, "SQL script failed: %s", msg ? msg : "?");
		sqlite3_free(msg);
		return bg_db_fail(err);
	}
	return BG_OK;
}

bg_status db_backup_to(db *d, const char *dest_path, bool standalone, bg_error *err)
{
	sqlite3 *dest = NULL;
	if (sqlite3_open_v2(dest_path, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		sqlite3_close(dest);
		return bg_fail(err, BG_ERR_INVALID, "backup_target", "to",
			       N_("The backup file cannot be created."));
	}
	sqlite3_backup *b = sqlite3_backup_init(dest, "main", d->conn, "main");
	int rc = SQLITE_ERROR;
	if (b) {
		/* Copies in steps so writers are not blocked for the whole copy;
		 * a write in between restarts the copy, keeping it consistent. */
		do {
			rc = sqlite3_backup_step(b, 256);
			if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
				sqlite3_sleep(5);
		} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
		sqlite3_backup_finish(b);
	}
	if (rc == SQLITE_DONE && standalone)
		sqlite3_exec(dest, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL);
	sqlite3_close(dest);
	if (rc != SQLITE_DONE) {
		log_msg(LOG_ERROR, "backup failed: %s", sqlite3_errstr(rc));
		return bg_fail(err, BG_ERR_DB, "backup_failed", NULL, N_("The backup failed."));
	}
	return BG_OK;
}

/* Reports that the check of `what` could not run (its query failed). */
static int db_check_failed(db_report_fn report, void *ctx, const char *what)
{
	char line[300];
	snprintf(line, sizeof line, "this check could not run (the query failed): %s", what);
	report(ctx, line);
	return 1;
}

bg_status db_lock(db *d, const char *name, int64_t key)
{
	assert(name && *name);
	assert(d->in_txn && d->txn_kind == DB_WRITE && "db_lock outside a write transaction");
	(void)key; /* SQLite has one writer: BEGIN IMMEDIATE already holds every lock */
	return BG_OK;
}

int db_check_rows(db *d, const char *sql, const char *what, int max, db_report_fn report, void *ctx)
{
	assert(sql && what && report && max >= 0);
	int problems = 0, rc;
	db_stmt *s = db_query(d, sql, NULL);
	while ((rc = db_next(s)) == 1 && (max == 0 || problems < max)) {
		char line[400];
		if (sqlite3_column_type(s->st, 0) == SQLITE_INTEGER)
			snprintf(line, sizeof line, "%s (id %lld)", what, (long long)db_int(s, 0));
		else
			snprintf(line, sizeof line, "%s: %s", what, db_text(s, 0) ? db_text(s, 0) : "?");
		report(ctx, line);
		problems++;
	}
	if (rc < 0 || db_done(s) != BG_OK)
		problems += db_check_failed(report, ctx, what);
	return problems;
}

int db_integrity_storage(db *d, void (*report)(void *ctx, const char *what), void *ctx)
{
	int problems = 0, rc;
	db_stmt *s = db_query(d, "PRAGMA integrity_check", NULL);
	while ((rc = db_next(s)) == 1) {
		const char *t = db_text(s, 0);
		if (t && strcmp(t, "ok") != 0) {
			report(ctx, t);
			problems++;
		}
	}
	if (rc < 0 || db_done(s) != BG_OK)
		problems += db_check_failed(report, ctx, "the storage (PRAGMA integrity_check)");
	return problems;
}

int db_integrity_keys(db *d, void (*report)(void *ctx, const char *what), void *ctx)
{
	int problems = 0, rc;
	db_stmt *s = db_query(d, "PRAGMA foreign_key_check", NULL);
	while ((rc = db_next(s)) == 1) {
		char line[256];
		snprintf(line, sizeof line, "foreign key broken: table %s row %lld refers to %s",
			 db_text(s, 0), (long long)db_int(s, 1), db_text(s, 2));
		report(ctx, line);
		problems++;
	}
	if (rc < 0 || db_done(s) != BG_OK)
		problems += db_check_failed(report, ctx, "the foreign keys (PRAGMA foreign_key_check)");
	return problems;
}

int db_integrity(db *d, void (*report)(void *ctx, const char *what), void *ctx)
{
	return db_integrity_storage(d, report, ctx) + db_integrity_keys(d, report, ctx);
}
