/*
 * net_import.c — importing people and organisations from spreadsheets (X7).
 *
 * The file is what a French spreadsheet exports: UTF-8 (with or without a
 * BOM) or Windows-1252, fields separated by ';' or ',' (whichever the
 * header line has more of), quoted as CSV does.  Debian's libcsv parses;
 * iconv converts Windows-1252.  The first line names the columns, in
 * English or French, in any order (see net_import_columns).
 *
 * Each data line is applied inside its own savepoint: a line that fails is
 * rolled back alone and reported with its number in the file (the header
 * is line 1; a record spanning lines is numbered by where its first field
 * ends) and the reason.  The whole import runs in one outer savepoint, rolled
 * back on a dry run, or when a line was rejected and partial is not set:
 * so nothing is half-written.
 */
#include "core/log.h"
#include "core/mem.h"
#include "network/network.h"
#include "auth/account.h"
#include "auth/authz.h"
#include "core/utf8.h"
#include "db/audit.h"
#include <csv.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { NET_IMPORT_MAX_COLS = 32, NET_IMPORT_MAX_LINES = 100000 };

/* The parsed file: rows of fields (malloc'd). */
typedef struct net_csv {
	char ***rows;
	size_t *ncols;
	int *lines;          /* the physical line where each row starts */
	int line, row_line;  /* the line being fed; where the current row started */
	size_t nrows, cap;
	char *fields[NET_IMPORT_MAX_COLS];
	size_t nfields;
	bool too_many;
} net_csv;

/* libcsv: one field read. */
static void net_csv_field(void *s, size_t len, void *arg)
{
	net_csv *c = arg;
	if (c->nfields >= NET_IMPORT_MAX_COLS) {
		c->too_many = true;
		return;
	}
	if (c->nfields == 0)
		c->row_line = c->line;
	char *f = malloc(len + 1);
	if (!f)
		abort();
	memcpy(f, s ? s : "", len);
	f[len] = '\0';
	c->fields[c->nfields++] = f;
}

/* libcsv: end of a row. */
static void net_csv_row(int ch, void *arg)
{
	net_csv *c = arg;
	(void)ch;
	if (c->nrows == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		c->rows = xrealloc(c->rows, c->cap * sizeof *c->rows);
		c->ncols = xrealloc(c->ncols, c->cap * sizeof *c->ncols);
		c->lines = xrealloc(c->lines, c->cap * sizeof *c->lines);
		if (!c->rows || !c->ncols || !c->lines)
			abort();
	}
	char **row = malloc((c->nfields + 1) * sizeof *row);
	if (!row)
		abort();
	memcpy(row, c->fields, c->nfields * sizeof *row);
	c->rows[c->nrows] = row;
	c->lines[c->nrows] = c->nfields ? c->row_line : c->line;
	c->ncols[c->nrows++] = c->nfields;
	c->nfields = 0;
}

/* Frees every row and field of a parsed file. */
static void net_csv_free(net_csv *c)
{
	for (size_t i = 0; i < c->nrows; i++) {
		for (size_t k = 0; k < c->ncols[i]; k++)
			free(c->rows[i][k]);
		free(c->rows[i]);
	}
	for (size_t k = 0; k < c->nfields; k++)
		free(c->fields[k]);
	free(c->rows);
	free(c->ncols);
	free(c->lines);
}

/* Converts Windows-1252 to UTF-8 (malloc'd); NULL on failure. */
static char *net_from_cp1252(const char *in, size_t len, size_t *out_len)
{
	iconv_t cd = iconv_open("UTF-8", "WINDOWS-1252");
	if (cd == (iconv_t)-1)
		return NULL;
	size_t cap = len * 3 + 1, left = cap;
	char *out = malloc(cap), *w = out;
	char *r = (char *)in;
	size_t rleft = len;
	if (!out || iconv(cd, &r, &rleft, &w, &left) == (size_t)-1) {
		free(out);
		iconv_close(cd);
		return NULL;
	}
	iconv_close(cd);
	*out_len = (size_t)(w - out);
	*w = '\0';
	return out;
}

/* Known columns: the field's index in the row, by folded header name. */
enum { C_EMAIL, C_NAME, C_FIRST, C_STATUS, C_START, C_TRADES, C_SKILLS, C_COMMUNE, C_POSTCODE,
       C_AREA, C_PRESENTATION, C_KIND, C_SIREN, C_DESCRIPTION, C_WEBSITE, C_COUNT };

static const struct {
	const char *folded;
	int col;
} net_import_columns[] = {
	{"email", C_EMAIL}, {"e mail", C_EMAIL}, {"courriel", C_EMAIL}, {"mail", C_EMAIL},
	{"adresse e mail", C_EMAIL}, {"name", C_NAME}, {"nom", C_NAME}, {"display name", C_NAME},
	{"nom complet", C_NAME}, {"raison sociale", C_NAME}, {"prenom", C_FIRST},
	{"first name", C_FIRST}, {"status", C_STATUS}, {"statut", C_STATUS},
	{"started on", C_START}, {"date", C_START}, {"date d entree", C_START}, {"debut", C_START},
	{"trades", C_TRADES}, {"metiers", C_TRADES}, {"metier", C_TRADES}, {"skills", C_SKILLS},
	{"competences", C_SKILLS}, {"commune", C_COMMUNE}, {"ville", C_COMMUNE},
	{"postcode", C_POSTCODE}, {"code postal", C_POSTCODE}, {"cp", C_POSTCODE},
	{"area", C_AREA}, {"zone", C_AREA}, {"territoire", C_AREA}, {"presentation", C_PRESENTATION},
	{"kind", C_KIND}, {"type", C_KIND}, {"siren", C_SIREN}, {"description", C_DESCRIPTION},
	{"website", C_WEBSITE}, {"site", C_WEBSITE}, {"site web", C_WEBSITE}, {"site internet", C_WEBSITE},
};

/* Folded value aliases → stored value. */
static const char *net_import_alias(const char *folded, const char *const *pairs)
{
	for (size_t i = 0; pairs[i]; i += 2)
		if (strcmp(folded, pairs[i]) == 0)
			return pairs[i + 1];
	return NULL;
}

static const char *const net_status_aliases[] = {
	"newcomer", "newcomer", "porteur de projet", "newcomer", "porteuse de projet", "newcomer",
	"candidat", "newcomer", "candidate", "newcomer", "nouveau", "newcomer", "nouvelle", "newcomer",
	"member", "member", "membre", "member", "entrepreneur salarie", "member",
	"entrepreneure salariee", "member", "es", "member", "associate", "associate",
	"associe", "associate", "associee", "associate", "societaire", "associate",
	"staff", "staff", "permanent", "staff", "permanente", "staff", "equipe", "staff",
	"equipe d appui", "staff", "former", "former", "ancien", "former", "ancienne", "former", NULL};
static const char *const net_area_aliases[] = {
	"urban", "urban", "urbain", "urban", "urbaine", "urban", "ville", "urban",
	"rural", "rural", "rurale", "rural", "campagne", "rural", NULL};
static const char *const net_kind_aliases[] = {
	"groupement", "groupement", "individual enterprise", "individual_enterprise",
	"individual_enterprise", "individual_enterprise", "entreprise individuelle", "individual_enterprise",
	"collective enterprise", "collective_enterprise", "collective_enterprise", "collective_enterprise",
	"entreprise collective", "collective_enterprise", "research lab", "research_lab",
	"research_lab", "research_lab", "laboratoire", "research_lab", "laboratoire de recherche", "research_lab",
	"local authority", "local_authority", "local_authority", "local_authority",
	"collectivite", "local_authority", "collectivite locale", "local_authority",
	"collectivite territoriale", "local_authority", "partner", "partner", "partenaire", "partner", NULL};

/* A field of the current row by column, trimmed ("" when absent). */
typedef struct net_row {
	char **f;
	size_t n;
	int idx[C_COUNT];
} net_row;

/* The field of the current row for a known column, trimmed in place ("" when the file has no such column). */
static char *net_get(net_row *r, int col)
{
	int i = r->idx[col];
	if (i < 0 || (size_t)i >= r->n)
		return "";
	char *s = r->f[i];
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		s[--n] = '\0';
	return s;
}

/* Normalises a date given as YYYY-MM-DD or DD/MM/YYYY into out. */
static bool net_import_date(const char *in, char out[11])
{
	int y, m, d;
	if (strlen(in) == 10 && in[2] == '/' && in[5] == '/') {
		snprintf(out, 11, "%.4s-%.2s-%.2s", in + 6, in + 3, in);
	} else if (strlen(in) == 10) {
		memcpy(out, in, 11);
	} else {
		return false;
	}
	return sscanf(out, "%4d-%2d-%2d", &y, &m, &d) == 3 && y > 1900 && m >= 1 && m <= 12 &&
	       d >= 1 && d <= 31 && out[4] == '-' && out[7] == '-';
}

/* Applies one line of people.  err names what is wrong. */
static bg_status net_import_person(db *d, int64_t actor, int64_t coop, net_row *r, bool *invited,
				   bg_error *err)
{
	char name[220], folded[120], day[11] = "";
	const char *email = net_get(r, C_EMAIL), *first = net_get(r, C_FIRST);
	snprintf(name, sizeof name, "%s%s%s", first, *first ? " " : "", net_get(r, C_NAME));
	if (!*email)
		return bg_fail(err, BG_ERR_INVALID, "missing_field", "email",
			       N_("The email address is required."));
	if (!*net_get(r, C_NAME))
		return bg_fail(err, BG_ERR_INVALID, "invalid_name", "name",
			       N_("The name is required (200 characters at most)."));
	net_fold(net_get(r, C_STATUS), folded, sizeof folded);
	const char *status = *folded ? net_import_alias(folded, net_status_aliases) : "member";
	if (!status)
		return bg_fail(err, BG_ERR_INVALID, "invalid_status", "status",
			       N_("Unknown membership status."));
	if (*net_get(r, C_START) && !net_import_date(net_get(r, C_START), day))
		return bg_fail(err, BG_ERR_INVALID, "invalid_date", "started_on",
			       N_("A date is written YYYY-MM-DD."));
	net_fold(net_get(r, C_AREA), folded, sizeof folded);
	const char *area = *folded ? net_import_alias(folded, net_area_aliases) : NULL;
	if (*folded && !area)
		return bg_fail(err, BG_ERR_INVALID, "invalid_area", "area", N_("The area is urban or rural."));
	char norm[255];
	bg_status st = account_normalise_email(email, norm, err);
	if (st != BG_OK)
		return st;
	person p;
	int64_t id;
	bool known = account_find_email(d, norm, &p, NULL) == BG_OK;
	if (known)
		id = p.id; /* known: only the membership; the profile is theirs to write */
	else if ((st = account_create_hashed(d, actor, norm, name, NULL, "fr", &id, err)) != BG_OK)
		return st;
	if (known) {
		/* someone with an account already: invited, unless already a member
		 * there (their consent, as from the pages) */
		return net_membership_add(d, actor, id, coop, status, *day ? day : NULL, NULL, invited, err);
	}
	st = net_membership_set(d, actor, id, coop, status, *day ? day : NULL, err);
	if (st != BG_OK)
		return st;
	net_profile_input in;
	net_profile_input_init(&in);
	if (*net_get(r, C_TRADES))
		in.trades = net_get(r, C_TRADES);
	if (*net_get(r, C_SKILLS))
		in.skills = net_get(r, C_SKILLS);
	if (*net_get(r, C_PRESENTATION))
		in.presentation = net_get(r, C_PRESENTATION);
	if (*net_get(r, C_COMMUNE) || *net_get(r, C_POSTCODE)) {
		in.commune = net_get(r, C_COMMUNE);
		in.postcode = net_get(r, C_POSTCODE);
		if (!*in.commune || !*in.postcode)
			return bg_fail(err, BG_ERR_INVALID, "missing_field", *in.commune ? "postcode" : "commune",
				       N_("The commune and the postcode are both required."));
		in.area = area;
	}
	/* the import's rights were checked for the cooperative: the profile is
	 * written by the system, and the import line records who ran it */
	st = net_profile_update(d, 0, id, &in, err);
	if (st == BG_OK)
		st = audit_record(d, actor, "import", "person", id, NULL, NULL, err);
	return st;
}

/* Applies one line of organisations. */
static bg_status net_import_org(db *d, int64_t actor, int64_t coop, net_row *r, bg_error *err)
{
	char folded[120];
	net_fold(net_get(r, C_KIND), folded, sizeof folded);
	const char *kind = net_import_alias(folded, net_kind_aliases);
	if (!kind)
		return bg_fail(err, BG_ERR_INVALID, "invalid_kind", "kind", N_("Unknown kind of organisation."));
	net_fold(net_get(r, C_AREA), folded, sizeof folded);
	const char *area = *folded ? net_import_alias(folded, net_area_aliases) : NULL;
	if (*folded && !area)
		return bg_fail(err, BG_ERR_INVALID, "invalid_area", "area", N_("The area is urban or rural."));
	net_org_input in;
	net_org_input_init(&in);
	in.kind = kind;
	in.name = net_get(r, C_NAME);
	in.siren = net_get(r, C_SIREN);
	in.description = net_get(r, C_DESCRIPTION);
	in.website = net_get(r, C_WEBSITE);
	in.cooperative_id = coop;
	in.visibility = 0;
	if (*net_get(r, C_COMMUNE) || *net_get(r, C_POSTCODE)) {
		in.commune = net_get(r, C_COMMUNE);
		in.postcode = net_get(r, C_POSTCODE);
		in.area = area;
	}
	return net_org_create(d, actor, &in, NULL, err);
}

/* Adds an error line to the report. */
static void net_report_add(net_import_report *rep, int line, const bg_error *e)
{
	net_import_error *v = xrealloc(rep->errors, (rep->nerrors + 1) * sizeof *v);
	if (!v)
		abort();
	rep->errors = v;
	v[rep->nerrors++] = (net_import_error){line, e->field, e->code, e->msgid};
}

void net_import_report_free(net_import_report *r)
{
	free(r->errors);
	r->errors = NULL;
	r->nerrors = 0;
}

bg_status net_import_allowed(db *d, int64_t actor_id, int64_t coop_id, bg_error *err)
{
	int64_t one;
	bool found = false;
	bg_status st = db_scalar(d, err, &one, &found, "SELECT 1 FROM cooperatives WHERE id = ?", "i", coop_id);
	if (st == BG_OK && !found)
		return bg_fail(err, BG_ERR_INVALID, "unknown_cooperative", "cooperative_id",
			       N_("This cooperative does not exist."));
	if (st == BG_OK && actor_id)
		st = authz_check(d, actor_id, AUTHZ_NET_IMPORT, (scope){SCOPE_COOPERATIVE, coop_id}, err);
	return st;
}

bg_status net_import(db *d, int64_t actor_id, net_import_kind kind, int64_t coop_id,
		     const char *data, size_t len, bool dry_run, bool partial,
		     net_import_report *rep, bg_error *err)
{
	return net_import_progress(d, actor_id, kind, coop_id, data, len, dry_run, partial, NULL, NULL,
				   rep, err);
}

bg_status net_import_progress(db *d, int64_t actor_id, net_import_kind kind, int64_t coop_id,
			      const char *data, size_t len, bool dry_run, bool partial,
			      net_import_progress_fn progress, void *ctx, net_import_report *rep,
			      bg_error *err)
{
	memset(rep, 0, sizeof *rep);
	bg_status st = net_import_allowed(d, actor_id, coop_id, err);
	if (st != BG_OK)
		return st;
	/* encoding */
	char *converted = NULL;
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		data += 3, len -= 3;
	rep->encoding = "UTF-8";
	if (!utf8_valid(data, len)) {
		size_t n;
		converted = net_from_cp1252(data, len, &n);
		if (!converted || memchr(converted, '\0', n)) {
			free(converted);
			return bg_fail(err, BG_ERR_INVALID, "invalid_encoding", "file",
				       N_("The file is neither UTF-8 nor Windows-1252 text."));
		}
		data = converted;
		len = n;
		rep->encoding = "Windows-1252";
	}
	/* separator: the one the header line has more of */
	const char *header_end = memchr(data, '\n', len); /* data need not end with a NUL */
	size_t header_len = header_end ? (size_t)(header_end - data) : len;
	size_t semis = 0, commas = 0;
	for (size_t i = 0; i < header_len && i < len; i++)
		semis += data[i] == ';', commas += data[i] == ',';
	rep->separator = semis >= commas ? ';' : ',';
	struct csv_parser p;
	net_csv c = {0};
	csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
	csv_set_delim(&p, (unsigned char)rep->separator);
	/* fed line by line, so that each row knows its line number */
	bool bad = false;
	for (size_t at = 0; at < len && !bad;) {
		const char *nl = memchr(data + at, '\n', len - at);
		size_t n = nl ? (size_t)(nl - (data + at)) + 1 : len - at;
		c.line++;
		bad = csv_parse(&p, data + at, n, net_csv_field, net_csv_row, &c) != n;
		at += n;
	}
	bad = bad || csv_fini(&p, net_csv_field, net_csv_row, &c) != 0;
	csv_free(&p);
	free(converted);
	if (bad || c.too_many || c.nrows > NET_IMPORT_MAX_LINES) {
		net_csv_free(&c);
		return bg_fail(err, BG_ERR_INVALID, "invalid_csv", "file",
			       c.too_many ? N_("The file has too many columns (32 at most).")
					  : N_("The file is not valid CSV (check the quotes)."));
	}
	if (c.nrows < 1) {
		net_csv_free(&c);
		return bg_fail(err, BG_ERR_INVALID, "empty_file", "file", N_("The file is empty."));
	}
	/* header */
	net_row row;
	for (int k = 0; k < C_COUNT; k++)
		row.idx[k] = -1;
	for (size_t i = 0; i < c.ncols[0]; i++) {
		char folded[80];
		net_fold(c.rows[0][i], folded, sizeof folded);
		for (size_t k = 0; k < sizeof net_import_columns / sizeof *net_import_columns; k++)
			if (strcmp(folded, net_import_columns[k].folded) == 0 && row.idx[net_import_columns[k].col] < 0)
				row.idx[net_import_columns[k].col] = (int)i;
	}
	if (row.idx[C_NAME] < 0 || (kind == NET_IMPORT_PEOPLE && row.idx[C_EMAIL] < 0) ||
	    (kind == NET_IMPORT_ORGANISATIONS && row.idx[C_KIND] < 0)) {
		net_csv_free(&c);
		return bg_fail(err, BG_ERR_INVALID, "missing_columns", "file",
			       kind == NET_IMPORT_PEOPLE
				       ? N_("The first line must name the columns, with at least email and name.")
				       : N_("The first line must name the columns, with at least name and kind."));
	}
	st = db_exec(d, err, "SAVEPOINT net_import", NULL);
	char **emails = kind == NET_IMPORT_PEOPLE ? calloc(c.nrows, sizeof *emails) : NULL;
	for (size_t i = 1; st == BG_OK && i < c.nrows; i++) {
		if (progress && (i - 1) % 50 == 0)
			progress(ctx, (int)(i - 1), (int)(c.nrows - 1));
		row.f = c.rows[i];
		row.n = c.ncols[i];
		bool blank = true;
		for (size_t k = 0; k < row.n; k++)
			blank = blank && !*c.rows[i][k];
		if (blank)
			continue;
		rep->lines++;
		bg_error e = {0};
		bg_status line = BG_OK;
		bool invited = false;
		if (emails) {
			/* the same person twice in one file is a mistake to show */
			char norm[255];
			if (account_normalise_email(net_get(&row, C_EMAIL), norm, NULL) == BG_OK) {
				for (size_t k = 1; k < i && line == BG_OK; k++)
					if (emails[k] && strcmp(emails[k], norm) == 0)
						line = bg_fail(&e, BG_ERR_INVALID, "duplicate_email", "email",
							       N_("This email address appears twice in the file."));
				emails[i] = strdup(norm);
			}
		}
		if (line == BG_OK && (st = db_exec(d, err, "SAVEPOINT net_import_line", NULL)) != BG_OK)
			break;
		if (line == BG_OK) {
			line = kind == NET_IMPORT_PEOPLE ? net_import_person(d, actor_id, coop_id, &row, &invited, &e)
							 : net_import_org(d, actor_id, coop_id, &row, &e);
			if (line == BG_OK)
				st = db_exec(d, err, "RELEASE net_import_line", NULL);
			else
				st = db_exec(d, err, "ROLLBACK TO net_import_line", NULL) == BG_OK
					     ? db_exec(d, err, "RELEASE net_import_line", NULL)
					     : BG_ERR_DB;
		}
		if (line == BG_OK) {
			rep->accepted++;
			rep->invited += invited;
		} else if (line == BG_ERR_DB || line == BG_ERR_NOMEM || line == BG_ERR_INTERNAL) {
			st = line;
			*err = e;
		} else {
			rep->rejected++;
			net_report_add(rep, c.lines[i], &e);
		}
	}
	if (progress && st == BG_OK)
		progress(ctx, (int)(c.nrows - 1), (int)(c.nrows - 1));
	for (size_t i = 0; emails && i < c.nrows; i++)
		free(emails[i]);
	free(emails);
	net_csv_free(&c);
	if (st != BG_OK) {
		/* st says why; the caller then rolls its whole transaction
		 * back, so an undo that fails here is only logged */
		if (db_exec(d, NULL, "ROLLBACK TO net_import", NULL) != BG_OK ||
		    db_exec(d, NULL, "RELEASE net_import", NULL) != BG_OK)
			log_msg(LOG_WARN, "import: the savepoint net_import could not be undone");
		return st;
	}
	if (dry_run || (rep->rejected && !partial) || rep->accepted == 0) {
		st = db_exec(d, err, "ROLLBACK TO net_import", NULL);
		if (st == BG_OK)
			st = db_exec(d, err, "RELEASE net_import", NULL);
		return st;
	}
	rep->written = rep->accepted;
	return db_exec(d, err, "RELEASE net_import", NULL);
}
