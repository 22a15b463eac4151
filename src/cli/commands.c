/*
 * commands.c — serve, migrate, demo, user, backup, restore.
 *
 * Options are parsed with getopt_long; every command answers --help and
 * refuses unknown options and missing values with exit code 2.
 */
#include "auth/account.h"
#include "auth/authz.h"
#include "cli/cli.h"
#include "core/date.h"
#include "core/i18n.h"
#include "db/migrate.h"
#include "http/server.h"
#include "web/page.h"
#include <assert.h>
#include <ctype.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

void cli_print_error(const char *what, const bg_error *err)
{
	fprintf(stderr, "bigre: %s: %s%s%s%s (%s)\n", what, tr("en", err->msgid ? err->msgid : "error"),
		err->field ? " [field " : "", err->field ? err->field : "", err->field ? "]" : "",
		err->code ? err->code : "error");
}

db *cli_open_db(const char *path, bool create)
{
	if (!path) {
		fprintf(stderr, "bigre: --db FILE is required\n");
		return NULL;
	}
	if (!create && access(path, F_OK) != 0) {
		fprintf(stderr, "bigre: %s: no such database (create one with bigre demo or bigre migrate)\n", path);
		return NULL;
	}
	db *d = NULL;
	bg_error err;
	int applied = 0;
	if (db_open(path, true, &d, &err) != BG_OK) {
		cli_print_error(path, &err);
		return NULL;
	}
	if (migrate_apply(d, authz_rules_sync, &applied, &err) != BG_OK) {
		cli_print_error(path, &err);
		db_close(d);
		return NULL;
	}
	return d;
}

char *cli_read_password(const char *prompt)
{
	struct termios old, quiet;
	bool tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &old) == 0;
	if (tty) {
		fprintf(stderr, "%s", prompt);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
	}
	char *line = NULL;
	size_t cap = 0;
	ssize_t n = getline(&line, &cap, stdin);
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSANOW, &old);
		fprintf(stderr, "\n");
	}
	if (n <= 0) {
		free(line);
		return NULL;
	}
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	return line;
}

/* Shared shape of the option loops: returns the option, or -2 for --help,
 * or -1 at the end; prints usage on error. */
static int cli_next_opt(int argc, char **argv, const struct option *opts, const char *usage,
			int *rc)
{
	int c = getopt_long(argc, argv, "h", opts, NULL);
	if (c == 'h') {
		printf("%s", usage);
		*rc = 0;
		return -2;
	}
	if (c == '?' || c == ':') {
		fprintf(stderr, "%s", usage);
		*rc = EXIT_USAGE;
		return -2;
	}
	return c;
}

int cli_db_opts(int argc, char **argv, const char *usage, const char *other, const char **path,
		const char **value)
{
	assert(path && (!other || value));
	struct option opts[] = {{"db", required_argument, 0, 'd'}, {"help", no_argument, 0, 'h'},
				{other, required_argument, 0, 'o'}, {0, 0, 0, 0}};
	if (!other)
		opts[2] = (struct option){0, 0, 0, 0};
	int c, rc = 0;
	while ((c = cli_next_opt(argc, argv, opts, usage, &rc)) != -1) {
		if (c == -2)
			return rc;
		if (c == 'd')
			*path = optarg;
		else if (c == 'o')
			*value = optarg;
	}
	if (!*path || (other && !*value)) {
		fprintf(stderr, "%s", usage);
		return EXIT_USAGE;
	}
	return -1;
}

bool cli_now_ok(const char *arg, const char *usage, int64_t *t)
{
	if (date_parse_instant(arg, t))
		return true;
	fprintf(stderr, "bigre: --now must be an instant in UTC, YYYY-MM-DDTHH:MM:SSZ: %s\n%s", arg, usage);
	return false;
}

bool cli_clock_for(db *d, const char *path, bool given, int64_t now)
{
	if (!given)
		return true;
	if (!account_demo_db(d)) {
		fprintf(stderr, "bigre: --now is accepted by demo databases only (bigre demo); %s is not one\n", path);
		return false;
	}
	date_clock_start(now);
	return true;
}

/* Checks a --public-url: "http://" or "https://", a host name (letters,
 * digits, dots, dashes) or a bracketed IPv6 address, an optional port
 * (1–65535) and an optional path of plain characters; no query, fragment,
 * user info, space or quote.  One trailing slash is dropped (in place). */
static bool cli_public_url_ok(char *url)
{
	const char *p;
	if (strncmp(url, "https://", 8) == 0)
		p = url + 8;
	else if (strncmp(url, "http://", 7) == 0)
		p = url + 7;
	else
		return false;
	const char *host = p;
	if (*p == '[') {
		for (p++; *p && *p != ']'; p++)
			if (!strchr("0123456789abcdefABCDEF:.", *p))
				return false;
		if (*p++ != ']' || p - host < 4)
			return false;
	} else {
		for (; *p && (isalnum((unsigned char)*p) || *p == '.' || *p == '-'); p++)
			;
		if (p == host || host[0] == '.' || host[0] == '-' || p[-1] == '.' || p[-1] == '-')
			return false;
	}
	if (*p == ':') {
		long port = 0;
		const char *digits = ++p;
		for (; *p >= '0' && *p <= '9' && port <= 65535; p++)
			port = port * 10 + (*p - '0');
		if (p == digits || port < 1 || port > 65535)
			return false;
	}
	for (; *p; p++)
		if (!(isalnum((unsigned char)*p) || strchr("/-._~%", *p)) || (p[0] == '/' && p[1] == '/'))
			return false;
	size_t n = strlen(url);
	if (url[n - 1] == '/')
		url[n - 1] = '\0';
	return true;
}

int cmd_serve(int argc, char **argv)
{
	static const char usage[] =
		"usage: bigre serve --db FILE [--listen 127.0.0.1:8080] [--threads N]\n"
		"                   [--smtp smtp://HOST:PORT] [--mail-from ADDR] [--mail-dir DIR]\n"
		"                   [--trust-proxy] [--no-access-log] [--timeout SECONDS]\n"
		"                   [--public-url https://HOST[:PORT][/PATH]] [--now INSTANT]\n"
		"Serves the web interface and the API until SIGINT or SIGTERM.\n"
		"Without --smtp, mail is written as .eml files into --mail-dir (default: FILE.mail/ beside the database).\n"
		"--public-url is the address people reach the server at: every link in mail (the hosts'\n"
		"daily digest and reminders included) is made absolute with it.  Without it, mail sent\n"
		"while answering a request links to the address that request used, and mail sent by the\n"
		"periodic work names the page only.\n"
		"--now 2027-03-28T00:30:00Z runs the server's clock from that instant (UTC) instead of the\n"
		"system's time; only demo databases accept it (for tests and demonstrations).\n";
	static const struct option opts[] = {
		{"db", required_argument, 0, 'd'}, {"listen", required_argument, 0, 'l'},
		{"threads", required_argument, 0, 't'}, {"smtp", required_argument, 0, 's'},
		{"mail-from", required_argument, 0, 'f'}, {"mail-dir", required_argument, 0, 'm'},
		{"trust-proxy", no_argument, 0, 'p'}, {"no-access-log", no_argument, 0, 'q'},
		{"timeout", required_argument, 0, 'T'}, {"public-url", required_argument, 0, 'u'},
		{"now", required_argument, 0, 'n'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
	server_config cfg = {.listen = "127.0.0.1:8080", .access_log = true, .timeout_seconds = 30,
			     .mail = {.from = "bigre@localhost"}};
	int64_t now = 0;
	bool given_now = false;
	int c, rc = 0;
	while ((c = cli_next_opt(argc, argv, opts, usage, &rc)) != -1) {
		switch (c) {
		case -2: return rc;
		case 'd': cfg.db_path = optarg; break;
		case 'l': cfg.listen = optarg; break;
		case 't': cfg.threads = atoi(optarg); break;
		case 's': cfg.mail.smtp_url = optarg; break;
		case 'f': cfg.mail.from = optarg; break;
		case 'm': cfg.mail.mail_dir = optarg; break;
		case 'p': cfg.trust_proxy = true; break;
		case 'q': cfg.access_log = false; break;
		case 'T': cfg.timeout_seconds = atoi(optarg); break;
		case 'u':
			if (!cli_public_url_ok(optarg)) {
				fprintf(stderr, "bigre: --public-url must be http:// or https://, a host, an optional port"
						" and path, nothing else: %s\n%s", optarg, usage);
				return EXIT_USAGE;
			}
			cfg.public_url = optarg;
			break;
		case 'n':
			if (!cli_now_ok(optarg, usage, &now))
				return EXIT_USAGE;
			given_now = true;
			break;
		}
	}
	db *d = cli_open_db(cfg.db_path, false);
	if (!d)
		return 1;
	bool clock_ok = cli_clock_for(d, cfg.db_path, given_now, now);
	db_close(d);
	if (!clock_ok)
		return EXIT_USAGE;
	char maildir[1024];
	if (!cfg.mail.mail_dir) {
		snprintf(maildir, sizeof maildir, "%s.mail", cfg.db_path);
		cfg.mail.mail_dir = maildir;
	}
	server_set_page_error(page_error);
	return server_run(&cfg);
}

int cmd_migrate(int argc, char **argv)
{
	static const char usage[] = "usage: bigre migrate --db FILE\n"
				    "Creates the database if needed and applies the missing migrations.\n";
	const char *path = NULL;
	int rc = cli_db_opts(argc, argv, usage, NULL, &path, NULL);
	if (rc != -1)
		return rc;
	db *d = NULL;
	bg_error err;
	int applied = 0, version = 0;
	if (db_open(path, true, &d, &err) != BG_OK) {
		cli_print_error(path, &err);
		return 1;
	}
	if (migrate_apply(d, authz_rules_sync, &applied, &err) != BG_OK) {
		cli_print_error(path, &err);
		db_close(d);
		return 1;
	}
	if (migrate_current(d, &version, &err) != BG_OK) {
		cli_print_error(path, &err);
		db_close(d);
		return 1;
	}
	printf("%s: schema version %d (%d migration%s applied)\n", path, version, applied,
	       applied == 1 ? "" : "s");
	db_close(d);
	return 0;
}

int cmd_demo(int argc, char **argv)
{
	static const char usage[] = "usage: bigre demo --db FILE [--force] [--now INSTANT]\n"
				    "Creates a demo database (the accounts are listed in README.md).\n"
				    "Its bookings and sessions are dated from today, or from\n"
				    "--now 2027-03-28T00:30:00Z (UTC) when given.\n";
	static const struct option opts[] = {{"db", required_argument, 0, 'd'},
					     {"force", no_argument, 0, 'f'},
					     {"now", required_argument, 0, 'n'},
					     {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
	const char *path = NULL;
	bool force = false;
	int64_t now;
	int c, rc = 0;
	while ((c = cli_next_opt(argc, argv, opts, usage, &rc)) != -1) {
		if (c == -2)
			return rc;
		if (c == 'd')
			path = optarg;
		if (c == 'f')
			force = true;
		if (c == 'n') {
			if (!cli_now_ok(optarg, usage, &now))
				return EXIT_USAGE;
			date_clock_start(now);
		}
	}
	if (!path) {
		fprintf(stderr, "%s", usage);
		return EXIT_USAGE;
	}
	if (access(path, F_OK) == 0) {
		if (!force) {
			fprintf(stderr, "bigre: %s already exists (use --force to replace it)\n", path);
			return 1;
		}
		char side[1100];
		unlink(path);
		snprintf(side, sizeof side, "%s-wal", path);
		unlink(side);
		snprintf(side, sizeof side, "%s-shm", path);
		unlink(side);
	}
	db *d = cli_open_db(path, true);
	if (!d)
		return 1;
	bg_error err;
	bg_status st = db_begin(d, DB_WRITE, &err);
	if (st == BG_OK && (st = demo_seed(d, &err)) == BG_OK)
		st = db_commit(d, &err);
	if (st != BG_OK) {
		db_rollback(d);
		cli_print_error("demo", &err);
		db_close(d);
		return 1;
	}
	db_close(d);
	printf("%s: demo database created\n", path);
	return 0;
}

/* bigre user add|passwd|disable|enable */
int cmd_user(int argc, char **argv)
{
	static const char usage[] =
		"usage: bigre user add --db FILE --email EMAIL --name NAME [--lang fr|en]\n"
		"                      [--role ROLE [--coop ID | --unit ID]]\n"
		"       bigre user passwd --db FILE --email EMAIL\n"
		"       bigre user disable --db FILE --email EMAIL\n"
		"       bigre user enable --db FILE --email EMAIL\n"
		"The password is read from standard input (without echo on a terminal).\n"
		"ROLE is one of newcomer member associate host facilitator accompanist\n"
		"accountant admin partner; without --coop or --unit it applies to the group.\n";
	static const struct option opts[] = {
		{"db", required_argument, 0, 'd'}, {"email", required_argument, 0, 'e'},
		{"name", required_argument, 0, 'n'}, {"lang", required_argument, 0, 'l'},
		{"role", required_argument, 0, 'r'}, {"coop", required_argument, 0, 'c'},
		{"unit", required_argument, 0, 'u'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
	if (argc < 2 || argv[1][0] == '-') {
		bool help = argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"));
		fprintf(help ? stdout : stderr, "%s", usage);
		return help ? 0 : EXIT_USAGE;
	}
	const char *action = argv[1];
	const char *path = NULL, *email = NULL, *name = NULL, *lang = "fr", *role_name = NULL;
	scope s = {SCOPE_GROUP, 0};
	int c, rc = 0;
	while ((c = cli_next_opt(argc - 1, argv + 1, opts, usage, &rc)) != -1) {
		switch (c) {
		case -2: return rc;
		case 'd': path = optarg; break;
		case 'e': email = optarg; break;
		case 'n': name = optarg; break;
		case 'l': lang = optarg; break;
		case 'r': role_name = optarg; break;
		case 'c': s = (scope){SCOPE_COOPERATIVE, atoll(optarg)}; break;
		case 'u': s = (scope){SCOPE_UNIT, atoll(optarg)}; break;
		}
	}
	bool add = !strcmp(action, "add"), passwd = !strcmp(action, "passwd");
	bool disable = !strcmp(action, "disable"), enable = !strcmp(action, "enable");
	if ((!add && !passwd && !disable && !enable) || !path || !email || (add && !name)) {
		fprintf(stderr, "%s", usage);
		return EXIT_USAGE;
	}
	role r = role_name ? authz_role_from_name(role_name) : 0;
	if (role_name && !r) {
		fprintf(stderr, "bigre: unknown role '%s'\n%s", role_name, usage);
		return EXIT_USAGE;
	}
	db *d = cli_open_db(path, false);
	if (!d)
		return 1;
	char *password = NULL;
	if (add || passwd) {
		password = cli_read_password("Password (12 characters at least): ");
		if (!password) {
			fprintf(stderr, "bigre: no password given on standard input\n");
			db_close(d);
			return 1;
		}
	}
	bg_error err;
	person p;
	int64_t id = 0;
	bg_status st = db_begin(d, DB_WRITE, &err);
	if (st == BG_OK) {
		if (add) {
			st = account_create(d, 0, email, name, password, lang, &id, &err);
			if (st == BG_OK && r)
				st = authz_grant(d, 0, id, r, s, &err);
		} else if ((st = account_find_email(d, email, &p, &err)) == BG_OK) {
			id = p.id;
			st = passwd ? account_set_password(d, 0, id, password, &err)
				    : account_set_disabled(d, 0, id, disable, &err);
		}
	}
	if (st == BG_OK)
		st = db_commit(d, &err);
	else
		db_rollback(d);
	free(password);
	db_close(d);
	if (st != BG_OK) {
		cli_print_error(email, &err);
		return 1;
	}
	printf("%s: %s done (person %lld)\n", email, action, (long long)id);
	return 0;
}

int cmd_backup(int argc, char **argv)
{
	static const char usage[] = "usage: bigre backup --db FILE --to BACKUP\n"
				    "Copies the database consistently, even while the server runs.\n";
	const char *path = NULL, *to = NULL;
	int rc = cli_db_opts(argc, argv, usage, "to", &path, &to);
	if (rc != -1)
		return rc;
	if (access(to, F_OK) == 0) {
		fprintf(stderr, "bigre: %s already exists; choose a new file\n", to);
		return 1;
	}
	db *d = cli_open_db(path, false);
	if (!d)
		return 1;
	bg_error err;
	bg_status st = db_backup_to(d, to, true, &err);
	db_close(d);
	if (st != BG_OK) {
		cli_print_error(to, &err);
		return 1;
	}
	printf("%s: backup written to %s\n", path, to);
	return 0;
}

int cmd_restore(int argc, char **argv)
{
	static const char usage[] =
		"usage: bigre restore --from BACKUP --db FILE\n"
		"Checks the backup, then replaces the database's content with it.\n"
		"Stop the server first.\n";
	const char *path = NULL, *from = NULL;
	int rc = cli_db_opts(argc, argv, usage, "from", &path, &from);
	if (rc != -1)
		return rc;
	if (access(from, R_OK) != 0) {
		fprintf(stderr, "bigre: %s: cannot read the backup\n", from);
		return 1;
	}
	db *src = NULL;
	bg_error err;
	int version = 0;
	if (db_open(from, false, &src, &err) != BG_OK || migrate_current(src, &version, &err) != BG_OK) {
		fprintf(stderr, "bigre: %s is not a bigre database\n", from);
		db_close(src);
		return 1;
	}
	if (version < 1 || version > migrate_latest()) {
		fprintf(stderr, "bigre: %s has schema version %d, which this bigre cannot restore\n",
			from, version);
		db_close(src);
		return 1;
	}
	bg_status st = db_backup_to(src, path, false, &err);
	db_close(src);
	if (st != BG_OK) {
		cli_print_error(path, &err);
		return 1;
	}
	db *d = cli_open_db(path, false); /* migrates an older backup */
	if (!d)
		return 1;
	db_close(d);
	printf("%s: restored from %s\n", path, from);
	return 0;
}
