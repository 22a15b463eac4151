/*
 * db.h — the storage interface.
 *
 * Domain code sees only this: a connection (db), transactions, and
 * statements prepared from SQL text with `?` placeholders, bound by a type
 * string and read column by column.  Nothing here leaks SQLite types, so a
 * PostgreSQL backend can implement the same functions (translating `?` to
 * `$n`) without touching domain code.
 *
 * Statements are prepared once per connection and cached (keyed by their
 * text); db_query() hands back a statement bound and ready to step, which
 * stays valid until db_done() or the next db_query() of the same text.  So
 * a loop over one query must not run the very same query inside itself.
 *
 * Connections are not shared between threads: the HTTP server gives each
 * worker thread its own, and runs GET handlers inside a read transaction;
 * db_begin(DB_READ) then joins it and db_begin(DB_WRITE) ends it first.  Every write runs inside db_begin(d, DB_WRITE)
 * (BEGIN IMMEDIATE: the write lock is taken up front, so two writers never
 * deadlock upgrading a read lock) and db_commit() or db_rollback().
 */
#ifndef BG_DB_H
#define BG_DB_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/err.h"

typedef struct db db;
typedef struct db_stmt db_stmt;

typedef enum { DB_READ, DB_WRITE } db_txn_kind;

/* Opens (creating if asked) the database file and sets WAL, foreign keys
 * and the busy timeout.  Does not migrate: see migrate.h. */
bg_status db_open(const char *path, bool create, db **out, bg_error *err) BG_MUST_CHECK;
void db_close(db *d);
const char *db_path(const db *d);

bg_status db_begin(db *d, db_txn_kind kind, bg_error *err) BG_MUST_CHECK;
bg_status db_commit(db *d, bg_error *err) BG_MUST_CHECK;
void db_rollback(db *d);        /* harmless when no transaction is open */
bool db_in_txn(const db *d);

/*
 * Prepares (or reuses) sql and binds its parameters from the variadic
 * arguments, one per character of types:
 *   'i' int64_t   'I' int64_t, bound as NULL when 0 (optional references)
 *   's' const char * (NULL binds NULL)   'b' const void *, size_t (blob)
 * Returns NULL on a programming error (bad SQL), logged.
 */
db_stmt *db_query(db *d, const char *sql, const char *types, ...);
/* Steps: 1 when a row is there, 0 when done, -1 on error (then the
 * statement is reset and db_last_status() tells what kind); -1 too for a
 * NULL statement (db_query failed), so that a loop needs no NULL test:
 *   while (db_next(q) == 1) { … }
 *   if (db_done(q) != BG_OK) return bg_db_fail(err);  */
int db_next(db_stmt *s);
/* Resets and unbinds; always call when a query is no longer needed.
 * Returns how the query went: BG_OK, or the failure of one of its steps
 * (BG_ERR_DB, BG_ERR_CONFLICT, BG_ERR_UNAVAILABLE), or BG_ERR_DB for a
 * NULL statement — so the end of the rows is told from a failed step. */
bg_status db_done(db_stmt *s) BG_MUST_CHECK;

/* Steps a one-row read: BG_OK with the row there; otherwise the statement
 * done, BG_ERR_NOT_FOUND "not_found" (on field, with msgid, or "This page
 * does not exist." when msgid is NULL) when there is no row, and BG_ERR_DB
 * when a step failed (never taken for "no such row"). */
bg_status db_one_row(db_stmt *s, const char *field, const char *msgid, bg_error *err) BG_MUST_CHECK;

int64_t db_int(db_stmt *s, int col);
const char *db_text(db_stmt *s, int col);       /* NULL for NULL */
const void *db_blob(db_stmt *s, int col, size_t *len);
bool db_null(db_stmt *s, int col);

/* One page of a list and its total, the skeleton of every paged reader:
 * counts the rows of from_where (its FROM and WHERE, whose "?" types binds
 * from the arguments) into *total, then prepares
 *   select from_where ORDER BY order LIMIT limit OFFSET offset
 * with the same arguments.  The statement, or NULL when the count or the
 * query failed (db_next and db_done then fail too, so the reader's usual
 * "while (db_next(q) == 1) …; if (db_done(q) != BG_OK) return
 * bg_db_fail(err);" reports it).  Every piece of SQL is a literal. */
#define DB_PAGE_QUERY(d, total, select, from_where, order, limit, offset, types, ...)                              \
	(db_scalar((d), NULL, (total), NULL, "SELECT count(*)" from_where, types, __VA_ARGS__) == BG_OK              \
		 ? db_query((d), select from_where " ORDER BY " order " LIMIT ? OFFSET ?", types "ii", __VA_ARGS__,     \
			    (int64_t)(limit), (int64_t)(offset))                                                      \
		 : NULL)

/* Runs a statement that returns no row (or ignores them). Constraint
 * failures → BG_ERR_CONFLICT (code "constraint"); others → BG_ERR_DB. */
bg_status db_exec(db *d, bg_error *err, const char *sql, const char *types, ...) BG_MUST_CHECK;
/* Runs a query expected to return one integer; *found tells if a row came. */
bg_status db_scalar(db *d, bg_error *err, int64_t *out, bool *found,
		    const char *sql, const char *types, ...) BG_MUST_CHECK;

int db_changes(db *d);
/* Status of the last failed step on this connection (conflict vs. other). */
bg_status db_last_status(db *d) BG_MUST_CHECK;
const char *db_last_error(db *d);

/* Runs a multi-statement SQL script (migrations); no parameters. */
bg_status db_exec_script(db *d, const char *sql, bg_error *err) BG_MUST_CHECK;

/* Online copy of the whole database into dest_path (SQLite backup API):
 * consistent even while other connections write.  standalone: leave the
 * copy as a single file (rollback journal), fit to be moved around. */
bg_status db_backup_to(db *d, const char *dest_path, bool standalone, bg_error *err) BG_MUST_CHECK;

/* A parameter given by position to db_exec_values(). */
typedef struct db_value {
	char type;        /* 'i' integer, 'I' integer (0: NULL), 's' text (NULL: NULL), 'b' blob */
	int64_t i;        /* 'i', 'I' */
	const void *p;    /* 's': NUL-terminated text; 'b': bytes */
	size_t len;       /* 'b' */
} db_value;

/* db_exec with its n parameters in an array, for statements whose number
 * of parameters is known only when running (a multi-row INSERT).  Texts
 * and blobs are bound without being copied: they must outlive the call. */
bg_status db_exec_values(db *d, bg_error *err, const char *sql, const db_value *v, size_t n) BG_MUST_CHECK;

/* Takes the named lock (name, key) until the write transaction ends, for
 * code that relies on being the only writer of something (the next number
 * of a journal, the head of the ledger's hash chain).  On SQLite the write
 * transaction (BEGIN IMMEDIATE) already excludes every other writer, so it
 * only asserts that one is open; a PostgreSQL backend takes an advisory
 * transaction lock on (name, key).  Call it before reading what the
 * writing depends on. */
bg_status db_lock(db *d, const char *name, int64_t key) BG_MUST_CHECK;

/* How a check (`bigre check`) reports one problem, in a line. */
typedef void (*db_report_fn)(void *ctx, const char *what);

/* Runs sql, a query each of whose rows breaks a rule, and reports each row
 * as a problem: "what (id N)" when the first column is an integer, "what:
 * TEXT" otherwise; at most max rows (0: all).  A query that fails to
 * prepare or to step is reported as a problem too ("this check could not
 * run"), so a check never passes because its query failed.  Returns the
 * number of problems reported. */
int db_check_rows(db *d, const char *sql, const char *what, int max, db_report_fn report, void *ctx);

/* Integrity check (PRAGMA integrity_check + foreign_key_check): appends
 * problems to report via the callback (a failed check is one); returns the
 * count. */
int db_integrity(db *d, void (*report)(void *ctx, const char *what), void *ctx);
/* Its two halves, to run apart (e.g. on two connections at once): the
 * storage (PRAGMA integrity_check), and the foreign keys. */
int db_integrity_storage(db *d, void (*report)(void *ctx, const char *what), void *ctx);
int db_integrity_keys(db *d, void (*report)(void *ctx, const char *what), void *ctx);

#endif
