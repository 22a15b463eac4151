/*
 * newcomer.c — the welcome path of people who come to the group.
 *
 * A newcomer record is created when someone registers for an information
 * session (or by a host by hand).  It follows the steps configured by its
 * cooperative (path_steps; the default list when none is set) and every
 * step taken is a row of newcomer_steps, dated, with who did it and notes.
 * "exit" ends the path with a reason from a fixed list.  Orienting the
 * record to another cooperative (with the newcomer's consent) changes its
 * cooperative; the steps keep the cooperative they were taken in, so the
 * history moves with it and nothing is asked twice.  Reaching "cape"
 * (the CAPE contract) creates the person's account and membership and
 * sends the invitation to choose a password (auth/reset.c mechanics).
 */
#include "hospitality/hosp_internal.h"
#include "auth/account.h"
#include "auth/authz.h"
#include "auth/reset.h"
#include "core/csv.h"
#include "core/date.h"
#include "core/i18n.h"
#include "core/json.h"
#include <assert.h>
#include <stdlib.h>

static const path_step path_default[] = {
	{"contact", N_("Contact")},
	{"information_session", N_("Information session")},
	{"welcome_interview", N_("Welcome interview")},
	{"diagnostic", N_("Diagnostic")},
	{"orientation", N_("Orientation")},
	{"cape", N_("CAPE contract")},
	{"cesa", N_("CESA contract")},
	{"associate", N_("Associate")},
};

const char *const newcomer_exit_reasons[] = {
	N_("found a job"), N_("other structure"), N_("project abandoned"), N_("not eligible"),
	N_("no answer"), N_("other"), NULL,
};

int path_steps_get(db *d, int64_t cooperative_id, path_step *out, int max)
{
	int n = 0;
	db_stmt *s = db_query(d, "SELECT code, label FROM path_steps WHERE cooperative_id = ?"
				 " ORDER BY position", "i", cooperative_id);
	while (s && db_next(s) == 1 && n < max) {
		hosp_copy(out[n].code, sizeof out[n].code, db_text(s, 0));
		hosp_copy(out[n].label, sizeof out[n].label, db_text(s, 1));
		n++;
	}
	if (db_done(s) != BG_OK)
		return -1;
	if (n)
		return n;
	for (size_t i = 0; i < sizeof path_default / sizeof *path_default && n < max; i++)
		out[n++] = path_default[i];
	return n;
}

bg_status path_steps_read(db *d, int64_t actor, int64_t cooperative_id, path_step *out, int max, int *n,
			  bg_error *err)
{
	*n = 0;
	if (!place_is_member(d, actor))
		return bg_fail(err, BG_ERR_NOT_FOUND, "not_found", NULL, N_("This page does not exist."));
	*n = path_steps_get(d, cooperative_id, out, max);
	if (*n < 0) {
		*n = 0;
		return bg_db_fail(err);
	}
	return BG_OK;
}

const char *path_step_label(db *d, int64_t cooperative_id, const char *code, char out[101])
{
	path_step steps[PATH_MAX_STEPS];
	int n = path_steps_get(d, cooperative_id, steps, PATH_MAX_STEPS);
	snprintf(out, 101, "%s", code && strcmp(code, "exit") == 0 ? N_("Exit") : code ? code : "");
	for (int i = 0; code && i < n; i++)
		if (strcmp(steps[i].code, code) == 0)
			snprintf(out, 101, "%s", steps[i].label);
	return out;
}

bg_status path_steps_set(db *d, int64_t actor, int64_t cooperative_id, const path_step *steps,
			 int n, bg_error *err)
{
	bg_status st = authz_check(d, actor, AUTHZ_PATH_CONFIGURE, (scope){SCOPE_COOPERATIVE, cooperative_id}, err);
	if (st != BG_OK)
		return st;
	if (n < 1 || n > PATH_MAX_STEPS)
		return bg_fail(err, BG_ERR_INVALID, "invalid_steps", "steps",
			       N_("A path has between 1 and 20 steps."));
	for (int i = 0; i < n; i++) {
		const char *c = steps[i].code;
		bool ok = *c && strcmp(c, "exit") != 0;
		for (; *c; c++)
			ok &= (*c >= 'a' && *c <= 'z') || *c == '_' || (*c >= '0' && *c <= '9');
		for (int k = 0; k < i; k++)
			ok &= strcmp(steps[k].code, steps[i].code) != 0;
		if (!ok || !steps[i].label[0])
			return bg_fail(err, BG_ERR_INVALID, "invalid_step", "steps",
				       N_("Each step needs a label and a distinct code of lowercase letters, digits and _."));
	}
	st = db_exec(d, err, "DELETE FROM path_steps WHERE cooperative_id = ?", "i", cooperative_id);
	for (int i = 0; st == BG_OK && i < n; i++)
		st = db_exec(d, err, "INSERT INTO path_steps(cooperative_id, position, code, label)"
				     " VALUES (?, ?, ?, ?)", "iiss", cooperative_id, (int64_t)i, steps[i].code,
			     steps[i].label);
	if (st == BG_OK)
		st = hosp_audit(d, actor, "configure", "path", cooperative_id, NULL, err);
	return st;
}

bg_status newcomer_may_manage(db *d, int64_t actor, int64_t cooperative_id, bg_error *err)
{
	return authz_check(d, actor, AUTHZ_NEWCOMER_MANAGE, (scope){SCOPE_COOPERATIVE, cooperative_id}, err);
}

bg_status newcomer_orient_choices(db *d, arena *a, int64_t actor, const newcomer *n, hosp_choice **out, size_t *count,
				  bg_error *err)
{
	*out = NULL;
	*count = 0;
	bg_status st = newcomer_may_manage(d, actor, n->cooperative_id, err);
	if (st != BG_OK)
		return st;
	return hosp_choices_read(db_query(d, "SELECT id, name FROM cooperatives WHERE id <> ? ORDER BY name", "i",
					  n->cooperative_id),
				 a, out, count, err);
}

/* Inserts a step row (the caller updates the record). */
static bg_status newcomer_step_row(db *d, int64_t newcomer_id, int64_t coop, const char *code,
				   const char *day, int64_t actor, const char *notes, int64_t *step_id, bg_error *err)
{
	int64_t id = 0;
	bg_status st = db_scalar(d, err, &id, NULL, "INSERT INTO newcomer_steps(newcomer_id, cooperative_id, code, day,"
						    " done_by, notes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
				 "iissIsi", newcomer_id, coop, code, day, actor, notes ? notes : "", date_now());
	if (st == BG_OK && step_id)
		*step_id = id;
	return st;
}

bg_status newcomer_create(db *d, int64_t actor, newcomer *n, bg_error *err)
{
	bg_status st = actor ? newcomer_may_manage(d, actor, n->cooperative_id, err) : BG_OK;
	if (st != BG_OK)
		return st;
	if (!n->name[0])
		return bg_fail(err, BG_ERR_INVALID, "missing_field", "name", N_("The name is required."));
	char email[255];
	st = account_normalise_email(n->email, email, err);
	if (st != BG_OK)
		return st;
	if (n->birth_year && (n->birth_year < 1900 || n->birth_year > 2100))
		return bg_fail(err, BG_ERR_INVALID, "invalid_value", "birth_year", N_("This value is out of range."));
	if (strcmp(n->lang, "en") != 0)
		hosp_copy(n->lang, sizeof n->lang, "fr");
	hosp_copy(n->email, sizeof n->email, email);
	int64_t now = date_now();
	st = db_scalar(d, err, &n->id, NULL, "INSERT INTO newcomers(cooperative_id, name, email, phone, postcode, territory,"
			     " project, referrer, birth_year, lang, current_step, consent_at, created_at, updated_at)"
			     " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'contact', ?, ?, ?) RETURNING id",
		     "isssssssIsIii", n->cooperative_id, n->name, n->email, n->phone, n->postcode,
		     n->territory, n->project, n->referrer, (int64_t)n->birth_year, n->lang,
		     n->consent ? now : 0, now, now);
	if (st != BG_OK)
		return st;
	hosp_copy(n->current_step, sizeof n->current_step, "contact");
	hosp_copy(n->status, sizeof n->status, "open");
	char day[11];
	tz_today(TZ_GROUP, day);
	st = newcomer_step_row(d, n->id, n->cooperative_id, "contact", day, actor, "", NULL, err);
	if (st == BG_OK)
		st = hosp_audit(d, actor, "create", "newcomer", n->id, NULL, err);
	return st;
}

bg_status newcomer_from_registration(db *d, int64_t cooperative_id, const registration_input *in,
				     const char *session_title, int64_t *id_out, bg_error *err)
{
	bool found = false;
	bg_status st = db_scalar(d, err, id_out, &found, "SELECT id FROM newcomers WHERE email = ?"
							 " AND status = 'open' ORDER BY id LIMIT 1", "s", in->email);
	if (st != BG_OK)
		return st;
	char day[11];
	tz_today(TZ_GROUP, day);
	if (!found) {
		newcomer n = {.cooperative_id = cooperative_id, .consent = in->consent};
		hosp_copy(n.name, sizeof n.name, in->name);
		hosp_copy(n.email, sizeof n.email, in->email);
		hosp_copy(n.phone, sizeof n.phone, in->phone);
		hosp_copy(n.postcode, sizeof n.postcode, in->postcode);
		hosp_copy(n.project, sizeof n.project, in->project);
		hosp_copy(n.lang, sizeof n.lang, in->lang);
		if (in->postcode && strlen(in->postcode) >= 2)
			snprintf(n.territory, sizeof n.territory, "%.2s", in->postcode);
		if (in->referrer_id) {
			db_stmt *s = db_query(d, "SELECT name FROM referrers WHERE id = ?", "i", in->referrer_id);
			if (s && db_next(s) == 1)
				hosp_copy(n.referrer, sizeof n.referrer, db_text(s, 0));
			if (db_done(s) != BG_OK)
				return bg_db_fail(err);
		}
		st = newcomer_create(d, 0, &n, err);
		*id_out = n.id;
	}
	char note[300];
	snprintf(note, sizeof note, "%.250s", session_title ? session_title : "");
	if (st == BG_OK)
		st = newcomer_step_row(d, *id_out, cooperative_id, "information_session", day, 0, note, NULL, err);
	if (st == BG_OK)
		st = db_exec(d, err, "UPDATE newcomers SET current_step = 'information_session', updated_at = ?"
				     " WHERE id = ?", "ii", date_now(), *id_out);
	return st;
}

bg_status newcomer_load(db *d, int64_t id, newcomer *o, bg_error *err)
{
	db_stmt *s = db_query(d, "SELECT id, cooperative_id, coalesce(person_id, 0), name, email, phone,"
				 " postcode, territory, project, referrer, coalesce(birth_year, 0), lang,"
				 " current_step, status, consent_at IS NOT NULL FROM newcomers WHERE id = ?", "i", id);
	int rc = s ? db_next(s) : -1;
	if (rc == 1) {
		o->id = db_int(s, 0);
		o->cooperative_id = db_int(s, 1);
		o->person_id = db_int(s, 2);
		hosp_copy(o->name, sizeof o->name, db_text(s, 3));
		hosp_copy(o->email, sizeof o->email, db_text(s, 4));
		hosp_copy(o->phone, sizeof o->phone, db_text(s, 5));
		hosp_copy(o->postcode, sizeof o->postcode, db_text(s, 6));
		hosp_copy(o->territory, sizeof o->territory, db_text(s, 7));
		hosp_copy(o->project, sizeof o->project, db_text(s, 8));
		hosp_copy(o->referrer, sizeof o->referrer, db_text(s, 9));
		o->birth_year = (int)db_int(s, 10);
		hosp_copy(o->lang, sizeof o->lang, db_text(s, 11));
		hosp_copy(o->current_step, sizeof o->current_step, db_text(s, 12));
		hosp_copy(o->status, sizeof o->status, db_text(s, 13));
		o->consent = db_int(s, 14) != 0;
	}
	if (db_done(s) != BG_OK || rc < 0)
		return bg_db_fail(err);
	if (rc == 0)
		return bg_fail(err, BG_ERR_NOT_FOUND, "not_found", "newcomer_id", N_("This newcomer does not exist."));
	return BG_OK;
}

bg_status newcomer_get(db *d, int64_t actor, int64_t id, newcomer *o, bg_error *err)
{
	bg_status st = newcomer_load(d, id, o, err);
	if (st == BG_OK)
		st = newcomer_may_manage(d, actor, o->cooperative_id, err);
	if (st == BG_ERR_NOT_FOUND)
		return bg_fail(err, BG_ERR_NOT_FOUND, "not_found", "newcomer_id",
			       N_("This newcomer does not exist."));
	return st;
}

/* Reaching the CAPE: the account (found by email or created without a
 * password), the member role in the cooperative, the invitation. */
static bg_status newcomer_enter_cape(db *d, newcomer *n, const char *base_url, bg_error *err)
{
	person p;
	int64_t pid = n->person_id;
	bg_status st = BG_OK;
	bool fresh = false;
	if (!pid) {
		if (account_find_email(d, n->email, &p, NULL) == BG_OK) {
			pid = p.id;
		} else {
			st = account_create(d, 0, n->email, n->name, NULL, n->lang, &pid, err);
			fresh = true;
		}
	}
	if (st == BG_OK)
		st = authz_grant(d, 0, pid, ROLE_MEMBER, (scope){SCOPE_COOPERATIVE, n->cooperative_id}, err);
	if (st == BG_OK)
		st = db_exec(d, err, "UPDATE newcomers SET person_id = ? WHERE id = ?", "ii", pid, n->id);
	if (st == BG_OK && fresh)
		st = reset_invite(d, pid, base_url, err);
	n->person_id = pid;
	return st;
}

bg_status newcomer_add_step(db *d, int64_t actor, int64_t id, const char *code, const char *day_in,
			    const char *notes, const char *reason, const char *base_url,
			    int64_t *step_id, bg_error *err)
{
	newcomer n;
	bg_status st = newcomer_get(d, actor, id, &n, err);
	if (st != BG_OK)
		return st;
	return newcomer_step_record(d, actor, &n, code, day_in, notes, reason, base_url, step_id, err);
}

bg_status newcomer_step_record(db *d, int64_t actor, const newcomer *nc, const char *code, const char *day_in,
			       const char *notes, const char *reason, const char *base_url, int64_t *step_id,
			       bg_error *err)
{
	newcomer n = *nc;
	int64_t id = n.id;
	bg_status st;
	if (strcmp(n.status, "open") != 0)
		return bg_fail(err, BG_ERR_CONFLICT, "path_closed", "code",
			       N_("This newcomer has left the path."));
	path_step steps[PATH_MAX_STEPS];
	int ns = path_steps_get(d, n.cooperative_id, steps, PATH_MAX_STEPS);
	if (ns < 0)
		return bg_db_fail(err);
	bool exit = code && strcmp(code, "exit") == 0, known = exit;
	for (int i = 0; code && i < ns; i++)
		known |= strcmp(steps[i].code, code) == 0;
	if (!known)
		return bg_fail(err, BG_ERR_INVALID, "invalid_step", "code",
			       N_("This step is not part of the cooperative's path."));
	char day[11];
	int y, m, dd;
	if (day_in && *day_in) {
		if (!date_parse(day_in, &y, &m, &dd))
			return bg_fail(err, BG_ERR_INVALID, "invalid_date", "day", N_("This date is not valid."));
		hosp_copy(day, sizeof day, day_in);
	} else {
		tz_today(TZ_GROUP, day);
	}
	if (notes && strlen(notes) > 4000)
		return bg_fail(err, BG_ERR_INVALID, "too_long", "notes", N_("This text is too long."));
	if (exit) {
		bool ok = false;
		for (int i = 0; reason && newcomer_exit_reasons[i]; i++)
			ok |= strcmp(reason, newcomer_exit_reasons[i]) == 0;
		if (!ok)
			return bg_fail(err, BG_ERR_INVALID, "invalid_reason", "reason",
				       N_("Choose the reason for leaving from the list."));
	}
	buf note;
	buf_init(&note);
	buf_puts(&note, notes ? notes : "");
	if (exit) {
		buf_printf(&note, "%s[%s]", note.len ? " " : "", reason);
	}
	st = newcomer_step_row(d, id, n.cooperative_id, code, day, actor, note.data, step_id, err);
	buf_free(&note);
	if (st == BG_OK)
		st = db_exec(d, err, "UPDATE newcomers SET current_step = ?, status = ?, exit_reason = ?,"
				     " updated_at = ? WHERE id = ?", "sssii", code, exit ? "exited" : "open",
			     exit ? reason : NULL, date_now(), id);
	if (st == BG_OK && strcmp(code, "cape") == 0)
		st = newcomer_enter_cape(d, &n, base_url, err);
	char after[96];
	snprintf(after, sizeof after, "{\"step\":\"%.40s\",\"day\":\"%s\"}", code, day);
	if (st == BG_OK)
		st = hosp_audit(d, actor, "step", "newcomer", id, after, err);
	return st;
}

/* Tells the hosts of the receiving cooperative (role host there), each in
 * their language, that a newcomer was oriented to them, with the link to
 * the newcomer's path. */
static bg_status newcomer_orient_mail(db *d, const newcomer *n, int64_t to_cooperative, const char *from_name,
				      const char *to_name, const char *base_url, bg_error *err)
{
	enum { MAX = 50 };
	struct { char name[201], email[255], lang[3]; } h[MAX];
	int k = 0;
	db_stmt *s = db_query(d, "SELECT DISTINCT p.display_name, p.email, p.lang FROM roles r JOIN people p ON p.id = r.person_id"
				 " WHERE r.role = 'host' AND r.scope_type = 'cooperative' AND r.scope_id = ?"
				 " ORDER BY p.id LIMIT 50", "i", to_cooperative);
	while (s && db_next(s) == 1 && k < MAX) {
		hosp_copy(h[k].name, sizeof h[k].name, db_text(s, 0));
		hosp_copy(h[k].email, sizeof h[k].email, db_text(s, 1));
		hosp_copy(h[k].lang, sizeof h[k].lang, db_text(s, 2));
		k++;
	}
	bg_status st = db_done(s) == BG_OK ? BG_OK : bg_db_fail(err);
	for (int i = 0; i < k && st == BG_OK; i++) {
		const char *L = h[i].lang;
		buf text;
		buf_init(&text);
		buf_printf(&text, tr(L, "Hello %s,\n\n"), h[i].name);
		buf_printf(&text, tr(L, "%s has oriented %s to %s, with their consent. Their record and the history of their"
					" path are now yours to follow.\n"), from_name, n->name, to_name);
		if (n->project[0])
			buf_printf(&text, tr(L, "Their project: %s\n"), n->project);
		buf_printf(&text, tr(L, "\nTheir path: %s/newcomers/%lld\n"), base_url ? base_url : "", (long long)n->id);
		char subject[300];
		snprintf(subject, sizeof subject, tr(L, "Bigre: %s is oriented to your cooperative"), n->name);
		st = hosp_mail(d, h[i].email, subject, text.data, NULL, NULL, err);
		buf_free(&text);
	}
	return st;
}

bg_status newcomer_orient(db *d, int64_t actor, int64_t id, int64_t to_cooperative, bool consent,
			  const char *base_url, bg_error *err)
{
	newcomer n;
	bg_status st = newcomer_get(d, actor, id, &n, err);
	if (st != BG_OK)
		return st;
	if (!consent)
		return bg_fail(err, BG_ERR_UNPROCESSABLE, "consent_required", "consent",
			       N_("The newcomer must agree to their record being passed on."));
	char from_name[201] = "", to_name[201] = "";
	db_stmt *s = db_query(d, "SELECT id, name FROM cooperatives WHERE id IN (?, ?)", "ii",
			      n.cooperative_id, to_cooperative);
	while (s && db_next(s) == 1)
		hosp_copy(db_int(s, 0) == to_cooperative ? to_name : from_name, 201, db_text(s, 1));
	if (db_done(s) != BG_OK)
		return bg_db_fail(err);
	if (!to_name[0] || to_cooperative == n.cooperative_id)
		return bg_fail(err, BG_ERR_INVALID, "invalid_cooperative", "cooperative_id",
			       N_("Choose another cooperative of the group."));
	char day[11], note[500];
	tz_today(TZ_GROUP, day);
	snprintf(note, sizeof note, "%s → %s", from_name, to_name);
	st = newcomer_step_row(d, id, n.cooperative_id, "orientation", day, actor, note, NULL, err);
	if (st == BG_OK)
		st = db_exec(d, err, "UPDATE newcomers SET cooperative_id = ?, current_step = 'orientation',"
				     " consent_at = coalesce(consent_at, ?), updated_at = ? WHERE id = ?",
			     "iiii", to_cooperative, date_now(), date_now(), id);
	char after[64];
	snprintf(after, sizeof after, "{\"cooperative_id\":%lld}", (long long)to_cooperative);
	if (st == BG_OK)
		st = hosp_audit(d, actor, "orient", "newcomer", id, after, err);
	if (st == BG_OK)
		st = newcomer_orient_mail(d, &n, to_cooperative, from_name, to_name, base_url, err);
	return st;
}

/* One line of the newcomers' statistics: a month of the group (Paris),
 * the columns grouped (cooperative, territory, age band, referrer, step;
 * never NULL) and how many newcomers share them. */
typedef struct {
	char month[8];
	const char *col[5];
	int64_t count;
} newcomer_stats_line;

/* Orders statistics lines by month, cooperative and step, then by the
 * other columns, so that equal lines are neighbours. */
static int newcomer_stats_cmp(const void *pa, const void *pb)
{
	static const int order[5] = {0, 4, 1, 2, 3};
	const newcomer_stats_line *a = pa, *b = pb;
	int c = strcmp(a->month, b->month);
	for (int i = 0; !c && i < 5; i++)
		c = strcmp(a->col[order[i]], b->col[order[i]]);
	return c;
}

/* The statistics as CSV, one line per month, cooperative, territory, age
 * band, referrer and step.  Months and ages are those of the group's
 * days (TZ_GROUP): a newcomer of 00:30 on 1 January in Paris counts in
 * January.  SQL gives one row per newcomer; the month is computed here. */
bg_status newcomer_stats_csv(db *d, int64_t actor, buf *out, bg_error *err)
{
	if (!place_is_member(d, actor))
		return bg_fail(err, BG_ERR_FORBIDDEN, "forbidden", NULL, N_("You are not allowed to do this."));
	char month_now[8];
	tz_this_month(TZ_GROUP, month_now);
	int64_t y = atoi(month_now);
	db_stmt *s = db_query(d,
		"SELECT n.created_at, c.name, n.territory,"
		" CASE WHEN n.birth_year IS NULL THEN 'unknown' WHEN ? - n.birth_year < 26 THEN 'under 26'"
		" WHEN ? - n.birth_year < 36 THEN '26-35' WHEN ? - n.birth_year < 46 THEN '36-45'"
		" WHEN ? - n.birth_year < 56 THEN '46-55' ELSE '56 and over' END AS band,"
		" n.referrer, CASE n.status WHEN 'exited' THEN 'exit' ELSE n.current_step END AS step"
		" FROM newcomers n JOIN cooperatives c ON c.id = n.cooperative_id"
		" WHERE " AUTHZ_SQL_ALLOWED(NEWCOMER_MANAGE, "?", "n.cooperative_id", "NULL"),
		"iiiii", (int64_t)y, (int64_t)y, (int64_t)y, (int64_t)y, actor);
	if (!s)
		return bg_db_fail(err);
	arena a;
	arena_init(&a);
	newcomer_stats_line *lines = NULL;
	size_t n = 0;
	int rc;
	while ((rc = db_next(s)) == 1) {
		lines = arena_grow(&a, lines, n, sizeof *lines);
		newcomer_stats_line *l = &lines[n++];
		tz_month_of(TZ_GROUP, db_int(s, 0), l->month);
		for (int i = 0; i < 5; i++)
			l->col[i] = arena_strdup(&a, db_text(s, i + 1) ? db_text(s, i + 1) : "");
		l->count = 1;
	}
	bg_status st = db_done(s);
	if (rc < 0 || st != BG_OK) {
		arena_free_all(&a);
		return bg_db_fail(err);
	}
	if (n)
		qsort(lines, n, sizeof *lines, newcomer_stats_cmp);
	buf_puts(out, "month,cooperative,territory,age_band,referrer,step,count\r\n");
	for (size_t i = 0; i < n; i++) {
		if (i + 1 < n && newcomer_stats_cmp(&lines[i], &lines[i + 1]) == 0) {
			lines[i + 1].count += lines[i].count;
			continue;
		}
		csv_field(out, lines[i].month, ',', false);
		for (int c = 0; c < 5; c++)
			csv_field(out, lines[i].col[c], ',', false);
		buf_printf(out, "%lld\r\n", (long long)lines[i].count);
	}
	arena_free_all(&a);
	return BG_OK;
}

/* ---------------------------------------------------------- read lists */

bg_status referrer_list(db *d, arena *a, int64_t cooperative_id, referrer_row **out, size_t *n, bg_error *err)
{
	db_stmt *s = db_query(d, "SELECT id, name FROM referrers WHERE cooperative_id = ? ORDER BY name", "i",
			      cooperative_id);
	*out = NULL;
	*n = 0;
	while (s && db_next(s) == 1) {
		*out = arena_grow(a, *out, *n, sizeof **out);
		(*out)[*n].id = db_int(s, 0);
		(*out)[(*n)++].name = arena_strdup(a, db_text(s, 1));
	}
	return db_done(s) == BG_OK ? BG_OK : bg_db_fail(err);
}

/* The newcomers newcomer_list lists: bound by the cooperative twice, the
 * step twice and the actor. */
#define NEWCOMER_FOLLOWED " FROM newcomers n WHERE (? = 0 OR n.cooperative_id = ?)"                                \
	" AND (? IS NULL OR n.current_step = ?) AND "                                                              \
	AUTHZ_SQL_ALLOWED(NEWCOMER_MANAGE, "?", "n.cooperative_id", "NULL")

bg_status newcomer_list(db *d, arena *a, int64_t actor, int64_t cooperative_id, const char *step, int64_t limit,
			int64_t offset, newcomer_row **out, size_t *n, int64_t *total, bg_error *err)
{
	assert(limit > 0 && offset >= 0);
	db_stmt *s = DB_PAGE_QUERY(d, total, "SELECT n.id, n.name, n.email, n.cooperative_id, n.current_step, n.status,"
				     " n.updated_at", NEWCOMER_FOLLOWED, "n.updated_at DESC, n.id DESC", limit, offset,
				     "iissi", cooperative_id, cooperative_id, step, step, actor);
	*out = NULL;
	*n = 0;
	int rc = -1;
	while (s && (rc = db_next(s)) == 1) {
		*out = arena_grow(a, *out, *n, sizeof **out);
		newcomer_row *r = &(*out)[(*n)++];
		r->id = db_int(s, 0);
		r->name = arena_strdup(a, db_text(s, 1));
		r->email = arena_strdup(a, db_text(s, 2));
		r->cooperative_id = db_int(s, 3);
		r->current_step = arena_strdup(a, db_text(s, 4));
		r->status = arena_strdup(a, db_text(s, 5));
		r->updated_at = db_int(s, 6);
	}
	bg_status st = db_done(s);
	return rc == 0 && st == BG_OK ? BG_OK : bg_db_fail(err);
}

/* Reads the documents of one step into st. */
static bool newcomer_step_documents(db *d, arena *a, newcomer_step_view *st)
{
	db_stmt *s = db_query(d, "SELECT id, filename, content_type, size FROM newcomer_documents"
				 " WHERE step_id = ? ORDER BY id", "i", st->id);
	while (s && db_next(s) == 1) {
		st->documents = arena_grow(a, st->documents, st->ndocuments, sizeof *st->documents);
		newcomer_document_row *doc = &st->documents[st->ndocuments++];
		doc->id = db_int(s, 0);
		doc->filename = arena_strdup(a, db_text(s, 1));
		doc->content_type = arena_strdup(a, db_text(s, 2));
		doc->size = db_int(s, 3);
	}
	return db_done(s) == BG_OK;
}

bg_status newcomer_step_list(db *d, arena *a, int64_t actor, int64_t newcomer_id, newcomer_step_view **out,
			     size_t *n, bg_error *err)
{
	*out = NULL;
	*n = 0;
	newcomer nc;
	bg_status allowed = newcomer_get(d, actor, newcomer_id, &nc, err);
	if (allowed != BG_OK)
		return allowed;
	db_stmt *s = db_query(d, "SELECT st.code, st.day, st.cooperative_id, coalesce(p.display_name, ''), st.notes,"
				 " st.id, c.name FROM newcomer_steps st LEFT JOIN people p ON p.id = st.done_by"
				 " JOIN cooperatives c ON c.id = st.cooperative_id"
				 " WHERE st.newcomer_id = ? ORDER BY st.id", "i", newcomer_id);
	bool ok = true;
	while (db_next(s) == 1) {
		*out = arena_grow(a, *out, *n, sizeof **out);
		newcomer_step_view *st = &(*out)[(*n)++];
		memset(st, 0, sizeof *st);
		st->code = arena_strdup(a, db_text(s, 0));
		st->day = arena_strdup(a, db_text(s, 1));
		st->cooperative_id = db_int(s, 2);
		st->done_by = arena_strdup(a, db_text(s, 3));
		st->notes = arena_strdup(a, db_text(s, 4));
		st->id = db_int(s, 5);
		st->cooperative = arena_strdup(a, db_text(s, 6));
		ok = newcomer_step_documents(d, a, st) && ok;
	}
	return db_done(s) == BG_OK && ok ? BG_OK : bg_db_fail(err);
}
