/*
 * main.c — entry point of the `bigre` command: dispatches to subcommands.
 */
#include "cli/cli.h"
#include "auth/password.h"
#include "core/i18n.h"
#include <curl/curl.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/version.h"

static const struct {
	const char *name;
	int (*run)(int, char **);
	const char *summary;
} commands[] = {
	{"serve", cmd_serve, "serve the web interface and the API"},
	{"migrate", cmd_migrate, "bring a database to the latest schema"},
	{"demo", cmd_demo, "create a demo database"},
	{"user", cmd_user, "add, change the password of, or disable an account"},
	{"backup", cmd_backup, "copy a database consistently, even while it is served"},
	{"restore", cmd_restore, "put a backup back in place"},
	{"check", cmd_check, "verify the database's invariants"},
	{"import", cmd_import, "import people or organisations from a CSV file"},
	{"ledger-import", cmd_ledger_import, "post journal entries in bulk (tab-separated postings)"},
	{"ledger-balance", cmd_ledger_balance, "print the balance by account of a cooperative"},
};

static void usage(FILE *out)
{
	fprintf(out, "usage: bigre COMMAND [OPTIONS]   (bigre COMMAND --help for details)\n\n");
	for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
		fprintf(out, "  %-8s %s\n", commands[i].name, commands[i].summary);
	fprintf(out, "  %-8s %s\n", "version", "print the version");
}

int main(int argc, char **argv)
{
	if (sodium_init() < 0) {
		fprintf(stderr, "bigre: libsodium cannot start\n");
		return 1;
	}
	curl_global_init(CURL_GLOBAL_DEFAULT);
	i18n_init();
	password_init();
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "version") || !strcmp(argv[1], "--version")) {
		printf("bigre %s\n", bigre_version);
		return 0;
	}
	for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
		if (!strcmp(argv[1], commands[i].name)) {
			int rc = commands[i].run(argc - 1, argv + 1);
			curl_global_cleanup();
			return rc;
		}
	fprintf(stderr, "bigre: unknown command '%s'\n", argv[1]);
	usage(stderr);
	return EXIT_USAGE;
}
