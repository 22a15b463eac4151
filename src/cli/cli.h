/*
 * cli.h — the `bigre` command's subcommands.
 *
 * Each subcommand is a function (argc, argv) → exit code: 0 success,
 * 1 failure (the reason printed on stderr), 2 bad usage.  Each answers
 * --help.
 */
#ifndef BG_CLI_H
#define BG_CLI_H
#include <stdbool.h>
#include "db/db.h"

enum { EXIT_USAGE = 2 };

/* Opens the database at path and brings it to the latest schema (creating
 * the file only when create is set). Prints the error and returns NULL on
 * failure. */
db *cli_open_db(const char *path, bool create);
/* The option loop of the commands that take --db FILE and at most one more
 * option with a value (its long name other, stored in *value; NULL for
 * none): both required; -h/--help prints usage. Returns -1 to go on, or the
 * exit code to return at once (0 after --help, EXIT_USAGE on a bad or
 * missing option, after printing the usage). */
int cli_db_opts(int argc, char **argv, const char *usage, const char *other, const char **path,
		const char **value);
/* Reads a --now INSTANT ("YYYY-MM-DDTHH:MM:SSZ") into *t; prints why and
 * the usage when it is not one. */
bool cli_now_ok(const char *arg, const char *usage, int64_t *t);
/* --now for a command on database d: when given, accepted only on a demo
 * database (then the program's clock runs from now); false, after saying
 * why, on any other. */
bool cli_clock_for(db *d, const char *path, bool given, int64_t now);
/* Prints err (translated to French? no: the command line speaks English). */
void cli_print_error(const char *what, const bg_error *err);
/* Reads a password from stdin (no echo on a terminal); NULL on EOF. */
char *cli_read_password(const char *prompt);

int cmd_serve(int argc, char **argv);
int cmd_migrate(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_backup(int argc, char **argv);
int cmd_restore(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_ledger_import(int argc, char **argv);   /* cmd_ledger.c */
int cmd_ledger_balance(int argc, char **argv);  /* cmd_ledger.c */

/* Demo content (demo.c): fills a freshly migrated database. */
bg_status demo_seed(db *d, bg_error *err) BG_MUST_CHECK;

#endif
