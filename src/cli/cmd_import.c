/*
 * cmd_import.c — `bigre import people|organisations`: imports a CSV file
 * exported from a spreadsheet into a cooperative (X7).
 *
 * Every rejected line is printed with its number and reason; nothing is
 * written on --dry-run, nor when a line is rejected unless --partial is
 * given.  Exit code: 0 when every line was accepted (or --partial wrote the
 * good ones), 1 when lines were rejected or the file could not be read,
 * 2 on bad usage.
 */
#include "cli/cli.h"
#include "core/i18n.h"
#include "network/network.h"
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { IMPORT_MAX_BYTES = 64 * 1024 * 1024 };

/* Reads a whole file (malloc'd); NULL with errno on failure or when too big. */
static char *import_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *data = NULL;
	size_t cap = 0, n = 0;
	for (;;) {
		if (n == cap) {
			cap = cap ? cap * 2 : 65536;
			char *grown = cap <= IMPORT_MAX_BYTES ? realloc(data, cap + 1) : NULL;
			if (!grown) {
				free(data);
				fclose(f);
				return NULL;
			}
			data = grown;
		}
		size_t got = fread(data + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	fclose(f);
	data[n] = '\0';
	*len = n;
	return data;
}

/* Shows the progress on a terminal: "n / N lines", rewritten in place. */
static void import_progress(void *ctx, int done, int total)
{
	(void)ctx;
	fprintf(stderr, "\r%d / %d lines%s", done, total, done == total ? "\n" : "");
	fflush(stderr);
}

int cmd_import(int argc, char **argv)
{
	static const char usage[] =
		"usage: bigre import people|organisations --db FILE --coop ID FILE.csv [--dry-run] [--partial]\n"
		"                   [--now INSTANT]   (demo databases only: the clock, as for bigre serve)\n"
		"Imports a CSV file (UTF-8 or Windows-1252, ';' or ',' separated) into a cooperative.\n"
		"The first line names the columns:\n"
		"  people:        email;name;first name;status;started_on;trades;skills;commune;postcode;area;presentation\n"
		"  organisations: name;kind;siren;commune;postcode;area;description;website\n"
		"(French names work too: courriel, nom, prénom, statut, métiers, compétences, code postal …)\n"
		"Every rejected line is listed; nothing is written with --dry-run, nor when a line\n"
		"is rejected unless --partial is given.\n";
	static const struct option opts[] = {
		{"db", required_argument, 0, 'd'}, {"coop", required_argument, 0, 'c'},
		{"dry-run", no_argument, 0, 'n'}, {"partial", no_argument, 0, 'p'},
		{"now", required_argument, 0, 'N'},
		{"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
	const char *path = NULL;
	int64_t coop = 0;
	bool dry = false, partial = false, given_now = false;
	int64_t now = 0;
	int c;
	if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		printf("%s", usage);
		return 0;
	}
	if (argc < 2 || (strcmp(argv[1], "people") != 0 && strcmp(argv[1], "organisations") != 0)) {
		fprintf(stderr, "%s", usage);
		return EXIT_USAGE;
	}
	net_import_kind kind = strcmp(argv[1], "people") == 0 ? NET_IMPORT_PEOPLE : NET_IMPORT_ORGANISATIONS;
	optind = 2;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'h': printf("%s", usage); return 0;
		case 'd': path = optarg; break;
		case 'c': coop = strtoll(optarg, NULL, 10); break;
		case 'n': dry = true; break;
		case 'p': partial = true; break;
		case 'N':
			if (!cli_now_ok(optarg, usage, &now))
				return EXIT_USAGE;
			given_now = true;
			break;
		default: fprintf(stderr, "%s", usage); return EXIT_USAGE;
		}
	}
	if (!path || coop <= 0 || optind != argc - 1) {
		fprintf(stderr, "%s", usage);
		return EXIT_USAGE;
	}
	const char *file = argv[optind];
	size_t len = 0;
	char *data = import_read_file(file, &len);
	if (!data) {
		fprintf(stderr, "bigre: %s: cannot read the file (missing, unreadable or over 64 MiB)\n", file);
		return 1;
	}
	db *d = cli_open_db(path, false);
	if (!d) {
		free(data);
		return 1;
	}
	if (!cli_clock_for(d, path, given_now, now)) {
		db_close(d);
		free(data);
		return EXIT_USAGE;
	}
	bg_error err;
	net_import_report rep;
	bg_status st = db_begin(d, DB_WRITE, &err);
	if (st == BG_OK)
		st = net_import_progress(d, 0, kind, coop, data, len, dry, partial,
					 isatty(STDERR_FILENO) ? import_progress : NULL, NULL, &rep, &err);
	free(data);
	if (st == BG_OK && rep.written > 0)
		st = db_commit(d, &err);
	else
		db_rollback(d);
	db_close(d);
	if (st != BG_OK) {
		cli_print_error(file, &err);
		return 1;
	}
	for (size_t i = 0; i < rep.nerrors; i++)
		printf("line %d: %s%s%s%s (%s)\n", rep.errors[i].line, tr("en", rep.errors[i].msgid),
		       rep.errors[i].field ? " [field " : "", rep.errors[i].field ? rep.errors[i].field : "",
		       rep.errors[i].field ? "]" : "", rep.errors[i].code);
	char invited[80] = "";
	if (rep.invited > 0)
		snprintf(invited, sizeof invited, " (%d of them invited: they had an account)", rep.invited);
	printf("%s: %s, separator '%c': %d lines read, %d accepted%s, %d rejected, %d written%s\n", file,
	       rep.encoding, rep.separator, rep.lines, rep.accepted, invited, rep.rejected, rep.written,
	       dry ? " (dry run: nothing written)"
	       : rep.rejected && !partial ? " (nothing written: fix the lines above, or use --partial)"
					  : "");
	int rc = rep.rejected && !(partial && !dry) ? 1 : 0;
	net_import_report_free(&rep);
	return rc;
}
