/*
 * activity.c — activities (E1) and their clients.
 *
 * An activity belongs to one cooperative and has one or more members.
 * activity_access() is the one place that decides whether a person may see
 * or act on an activity: the cooperative's accountants, accompanists and
 * administrators see all of them (AUTHZ_ECONOMY_READ), its members see
 * their own; acting needs membership of the activity or the accountant's
 * right (AUTHZ_LEDGER_POST).
 */
#include "economy/economy.h"
#include "economy/ledger.h"
#include "economy/eco_internal.h"
#include "auth/authz.h"
#include "core/date.h"
#include "core/ident.h"
#include "core/json.h"
#include "db/audit.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bg_status activity_create(db *d, int64_t actor_id, int64_t coop_id, const char *code,
			  const char *name, const int64_t *members, size_t nmembers,
			  int64_t contribution_bp, int64_t *id, bg_error *err)
{
	bg_status st = actor_id ? authz_check(d, actor_id, AUTHZ_LEDGER_POST,
					      (scope){SCOPE_COOPERATIVE, coop_id}, err)
				: BG_OK;
	if (st != BG_OK)
		return st;
	size_t n = code ? strlen(code) : 0;
	if (n < 2 || n > 20 || strspn(code, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") != n)
		return bg_fail(err, BG_ERR_INVALID, "invalid_code", "code",
			       N_("An analytic code has 2 to 20 capital letters, digits, - or _."));
	if (!name || !name[0] || strlen(name) > 200)
		return bg_fail(err, BG_ERR_INVALID, "invalid_name", "name",
			       N_("A name of 1 to 200 characters is required."));
	if (contribution_bp < -1 || contribution_bp > 10000)
		return bg_fail(err, BG_ERR_INVALID, "invalid_rate", "contribution_bp",
			       N_("A rate is between 0 and 10000 basis points."));
	if (nmembers == 0)
		return bg_fail(err, BG_ERR_INVALID, "no_member", "members",
			       N_("An activity has at least one member."));
	st = ledger_coop_init(d, coop_id, err);
	int64_t one;
	bool dup = false;
	if (st == BG_OK)
		st = db_scalar(d, err, &one, &dup, "SELECT 1 FROM activities WHERE cooperative_id = ? AND code = ?",
			       "is", coop_id, code);
	if (st != BG_OK)
		return st;
	if (dup)
		return bg_fail(err, BG_ERR_CONFLICT, "duplicate_code", "code",
			       N_("Another activity of the cooperative has this code."));
	int64_t aid = 0;
	st = db_scalar(d, err, &aid, NULL, "INSERT INTO activities(cooperative_id, code, name, contribution_bp, created_at)"
					   " VALUES (?, ?, ?, ?, ?) RETURNING id", "issIi", coop_id, code, name,
		       contribution_bp < 0 ? 0 : contribution_bp, date_now());
	if (st != BG_OK)
		return st;
	if (contribution_bp < 0)
		st = db_exec(d, err, "UPDATE activities SET contribution_bp = NULL WHERE id = ?", "i", aid);
	for (size_t i = 0; st == BG_OK && i < nmembers; i++) {
		bool found = false;
		st = db_scalar(d, err, &one, &found, "SELECT 1 FROM people WHERE id = ?", "i", members[i]);
		if (st == BG_OK && !found)
			return bg_fail(err, BG_ERR_INVALID, "unknown_person", "members",
				       N_("This person does not exist."));
		if (st == BG_OK)
			st = db_exec(d, err, "INSERT INTO activity_members(activity_id, person_id)"
					     " VALUES (?, ?) ON CONFLICT DO NOTHING", "ii", aid, members[i]);
	}
	if (st != BG_OK)
		return st;
	buf b;
	buf_init(&b);
	buf_printf(&b, "{\"cooperative_id\":%lld,\"code\":", (long long)coop_id);
	json_put_string(&b, code);
	buf_puts(&b, ",\"name\":");
	json_put_string(&b, name);
	buf_puts(&b, "}");
	st = audit_record(d, actor_id, "create", "activity", aid, NULL, b.data, err);
	buf_free(&b);
	if (st == BG_OK && id)
		*id = aid;
	return st;
}

bg_status activity_member_remove(db *d, int64_t actor_id, int64_t activity_id, int64_t person_id,
				 bg_error *err)
{
	activity a;
	bg_status st = activity_access(d, actor_id, activity_id, false, &a, err);
	if (st == BG_OK && actor_id)
		st = authz_check(d, actor_id, AUTHZ_LEDGER_POST, (scope){SCOPE_COOPERATIVE, a.coop_id}, err);
	int64_t n = 0, one;
	bool found = false;
	if (st == BG_OK)
		st = db_scalar(d, err, &one, &found, "SELECT 1 FROM activity_members WHERE activity_id = ? AND person_id = ?",
			       "ii", activity_id, person_id);
	if (st == BG_OK && !found)
		return bg_fail(err, BG_ERR_NOT_FOUND, "unknown_person", "members", N_("This person does not exist."));
	if (st == BG_OK)
		st = db_scalar(d, err, &n, &found, "SELECT count(*) FROM activity_members WHERE activity_id = ?", "i",
			       activity_id);
	if (st != BG_OK)
		return st;
	if (n <= 1)
		return bg_fail(err, BG_ERR_CONFLICT, "last_member", "members", N_("An activity has at least one member."));
	/* their own expense reports not yet settled: once out of the activity
	 * they could no longer see, submit or follow them */
	st = db_scalar(d, err, &n, &found, "SELECT count(*) FROM expense_reports WHERE activity_id = ? AND person_id = ?"
					   " AND kind = 'expense' AND status IN ('draft', 'submitted', 'validated')",
		       "ii", activity_id, person_id);
	if (st != BG_OK)
		return st;
	if (n > 0)
		return bg_fail(err, BG_ERR_CONFLICT, "open_expense_reports", "members",
			       N_("This member still has expense reports in this activity that are not settled (draft, "
				  "submitted or awaiting reimbursement): submit, refuse or reimburse them first."));
	st = db_exec(d, err, "DELETE FROM activity_members WHERE activity_id = ? AND person_id = ?", "ii", activity_id,
		     person_id);
	char before[64];
	snprintf(before, sizeof before, "{\"member\":%lld}", (long long)person_id);
	if (st == BG_OK)
		st = audit_record(d, actor_id, "remove_member", "activity", activity_id, before, NULL, err);
	return st;
}

bg_status activity_update(db *d, int64_t actor_id, int64_t activity_id, const char *name,
			  const char *status, int64_t contribution_bp, const int64_t *add_members,
			  size_t nadd, bg_error *err)
{
	activity a;
	bg_status st = activity_access(d, actor_id, activity_id, false, &a, err);
	if (st == BG_OK && actor_id)
		st = authz_check(d, actor_id, AUTHZ_LEDGER_POST, (scope){SCOPE_COOPERATIVE, a.coop_id}, err);
	if (st != BG_OK)
		return st;
	if (!name || !name[0] || strlen(name) > 200)
		return bg_fail(err, BG_ERR_INVALID, "invalid_name", "name",
			       N_("A name of 1 to 200 characters is required."));
	if (!status || (strcmp(status, "support") && strcmp(status, "salaried") && strcmp(status, "closed")))
		return bg_fail(err, BG_ERR_INVALID, "invalid_status", "status",
			       N_("The status is support, salaried or closed."));
	if (contribution_bp < -1 || contribution_bp > 10000)
		return bg_fail(err, BG_ERR_INVALID, "invalid_rate", "contribution_bp",
			       N_("A rate is between 0 and 10000 basis points."));
	st = db_exec(d, err, "UPDATE activities SET name = ?, status = ?, contribution_bp = ? WHERE id = ?", "ssIi",
		     name, status, contribution_bp < 0 ? 0 : contribution_bp, activity_id);
	if (st == BG_OK && contribution_bp < 0)
		st = db_exec(d, err, "UPDATE activities SET contribution_bp = NULL WHERE id = ?", "i", activity_id);
	for (size_t i = 0; st == BG_OK && i < nadd; i++) {
		int64_t one;
		bool found = false;
		st = db_scalar(d, err, &one, &found, "SELECT 1 FROM people WHERE id = ?", "i", add_members[i]);
		if (st == BG_OK && !found)
			return bg_fail(err, BG_ERR_INVALID, "unknown_person", "members",
				       N_("This person does not exist."));
		if (st == BG_OK)
			st = db_exec(d, err, "INSERT INTO activity_members(activity_id, person_id) VALUES (?, ?)"
					     " ON CONFLICT DO NOTHING",
				     "ii", activity_id, add_members[i]);
	}
	if (st != BG_OK)
		return st;
	buf b;
	buf_init(&b);
	buf_puts(&b, "{\"before\":");
	json_put_string(&b, a.status);
	buf_puts(&b, ",\"status\":");
	json_put_string(&b, status);
	buf_puts(&b, ",\"name\":");
	json_put_string(&b, name);
	buf_printf(&b, ",\"members_added\":%zu}", nadd);
	st = audit_record(d, actor_id, "update", "activity", activity_id, NULL, b.data, err);
	buf_free(&b);
	return st;
}

bg_status activity_access(db *d, int64_t actor_id, int64_t activity_id, bool write,
			  activity *out, bg_error *err)
{
	memset(out, 0, sizeof *out);
	db_stmt *q = db_query(d, "SELECT id, cooperative_id, code, name, status, coalesce(contribution_bp, -1)"
				 " FROM activities WHERE id = ?", "i", activity_id);
	int rc = q ? db_next(q) : -1;
	if (rc == 1) {
		out->id = db_int(q, 0);
		out->coop_id = db_int(q, 1);
		snprintf(out->code, sizeof out->code, "%s", db_text(q, 2));
		snprintf(out->name, sizeof out->name, "%s", db_text(q, 3));
		snprintf(out->status, sizeof out->status, "%s", db_text(q, 4));
		out->contribution_bp = db_int(q, 5);
	}
	if (db_done(q) != BG_OK || rc < 0)
		return bg_db_fail(err);
	if (rc == 0)
		return bg_fail(err, BG_ERR_NOT_FOUND, "not_found", NULL, N_("This page does not exist."));
	if (actor_id == 0) {
		out->can_write = true;
		return BG_OK;
	}
	scope s = {SCOPE_COOPERATIVE, out->coop_id};
	bg_error ignored;
	bool accountant = authz_check(d, actor_id, AUTHZ_LEDGER_POST, s, &ignored) == BG_OK;
	bool reader = accountant || authz_check(d, actor_id, AUTHZ_ECONOMY_READ, s, &ignored) == BG_OK;
	int64_t one;
	bool member = false;
	bg_status st = db_scalar(d, err, &one, &member, "SELECT 1 FROM activity_members WHERE activity_id = ?"
							" AND person_id = ?", "ii", activity_id, actor_id);
	if (st != BG_OK)
		return st;
	if (member && authz_check(d, actor_id, AUTHZ_ECONOMY_USE, s, &ignored) != BG_OK)
		member = false;
	out->can_write = accountant || member;
	if (!reader && !member)
		return bg_fail(err, BG_ERR_NOT_FOUND, "not_found", NULL, N_("This page does not exist."));
	if (write && !out->can_write)
		return bg_fail(err, BG_ERR_FORBIDDEN, "forbidden", NULL, N_("You are not allowed to do this."));
	if (write && !strcmp(out->status, "closed"))
		return bg_fail(err, BG_ERR_CONFLICT, "activity_closed", "activity_id",
			       N_("This activity is closed."));
	return BG_OK;
}

/* Checks every field of a client as creation and editing both require,
 * each wrong one's error added to fe; *terms gets the payment terms, the
 * cooperative's when in->payment_terms_days is -1.  Returns only a
 * database failure. */
static bg_status client_fields_check(db *d, const activity *a, const client_in *in, int64_t *terms,
				     bg_field_errors *fe, bg_error *err)
{
	bool company = in->kind && !strcmp(in->kind, "company");
	if (!company && !(in->kind && !strcmp(in->kind, "individual")))
		bg_field_error_add(fe, BG_ERR_INVALID, "invalid_kind", "kind", N_("A client is a company or an individual."));
	if (!in->name || !in->name[0] || strlen(in->name) > 200)
		bg_field_error_add(fe, BG_ERR_INVALID, "invalid_name", "name", N_("A name of 1 to 200 characters is required."));
	const char *siren = in->siren && in->siren[0] ? in->siren : NULL;
	if (siren && !company)
		bg_field_error_add(fe, BG_ERR_INVALID, "siren_for_individual", "siren", N_("Only a company has a SIREN number."));
	if (siren && !ident_siren_valid(siren))
		bg_field_error_add(fe, BG_ERR_INVALID, "invalid_siren", "siren",
				   N_("A SIREN number has 9 digits with a valid check digit."));
	const char *vat = in->vat_number && in->vat_number[0] ? in->vat_number : NULL;
	if (vat && !ident_vat_valid(vat))
		bg_field_error_add(fe, BG_ERR_INVALID, "invalid_vat_number", "vat_number",
				   N_("This VAT number is not valid (e.g. FR49448762526)."));
	if (!in->address || !in->address[0] || strlen(in->address) > 500)
		bg_field_error_add(fe, BG_ERR_INVALID, "invalid_address", "address",
				   N_("An address of 1 to 500 characters is required."));
	if (in->email && strlen(in->email) > 254)
		bg_field_error_add(fe, BG_ERR_INVALID, "invalid_email", "email", N_("This email address is too long."));
	if (in->email && in->email[0] && (!strchr(in->email, '@') || strchr(in->email, '@') == in->email ||
					  !strchr(in->email, '@')[1] || strpbrk(in->email, " \t\r\n<>,;")))
		bg_field_error_add(fe, BG_ERR_INVALID, "invalid_email", "email", N_("This email address is not valid."));
	/* French law (L441-10 du Code de commerce): at most 60 days */
	if (in->payment_terms_days > 60 || in->payment_terms_days < -1)
		bg_field_error_add(fe, BG_ERR_INVALID, "invalid_terms", "payment_terms_days",
				   N_("Payment terms are between 0 and 60 days."));
	if (in->lang && in->lang[0] && strcmp(in->lang, "fr") && strcmp(in->lang, "en"))
		bg_field_error_add(fe, BG_ERR_INVALID, "invalid_lang", "lang", N_("The language is French or English."));
	*terms = in->payment_terms_days;
	if (*terms >= 0)
		return BG_OK;
	bool found;
	bg_status st = db_scalar(d, err, terms, &found, "SELECT payment_terms_days FROM economy_settings"
						       " WHERE cooperative_id = ?", "i", a->coop_id);
	if (st == BG_OK && !found)
		*terms = 30;
	return st;
}

/* client_fields_check(), then the form's verdict: every field's error in
 * in->fields (linked from err) when the caller gave a list, else the first. */
static bg_status client_check(db *d, const activity *a, const client_in *in, int64_t *terms, bg_error *err)
{
	bg_field_errors own = {0};
	bg_field_errors *fe = in->fields ? in->fields : &own;
	bg_status st = client_fields_check(d, a, in, terms, fe, err);
	if (st != BG_OK)
		return st;
	return in->fields ? bg_field_errors_report(fe, err) : bg_field_errors_status(fe, err);
}

/* An optional text: NULL when absent or empty. */
static const char *client_opt(const char *s)
{
	return s && s[0] ? s : NULL;
}

bg_status client_create(db *d, int64_t actor_id, const client_in *in, int64_t *id, bg_error *err)
{
	activity a;
	int64_t terms;
	bg_status st = activity_access(d, actor_id, in->activity_id, true, &a, err);
	if (st == BG_OK)
		st = client_check(d, &a, in, &terms, err);
	if (st != BG_OK)
		return st;
	int64_t cid = 0;
	st = db_scalar(d, err, &cid, NULL, "INSERT INTO clients(cooperative_id, activity_id, kind, name, siren, vat_number,"
					   " address, email, payment_terms_days, created_at, lang)"
					   " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
		       "iissssssiis", a.coop_id, a.id, in->kind, in->name, client_opt(in->siren), client_opt(in->vat_number),
		       in->address, client_opt(in->email), terms, date_now(), client_opt(in->lang));
	if (st != BG_OK)
		return st;
	buf b;
	buf_init(&b);
	buf_printf(&b, "{\"activity_id\":%lld,\"name\":", (long long)a.id);
	json_put_string(&b, in->name);
	buf_puts(&b, ",\"siren\":");
	json_put_string(&b, client_opt(in->siren));
	buf_puts(&b, "}");
	st = audit_record(d, actor_id, "create", "client", cid, NULL, b.data, err);
	buf_free(&b);
	if (st == BG_OK && id)
		*id = cid;
	return st;
}

bg_status client_get(db *d, int64_t actor_id, int64_t client_id, client_row *out, bg_error *err)
{
	memset(out, 0, sizeof *out);
	db_stmt *q = db_query(d, "SELECT id, cooperative_id, activity_id, kind, name, coalesce(siren, ''),"
				 " coalesce(vat_number, ''), address, coalesce(email, ''), payment_terms_days,"
				 " coalesce(lang, '') FROM clients WHERE id = ?", "i", client_id);
	int rc = q ? db_next(q) : -1;
	if (rc == 1) {
		out->id = db_int(q, 0);
		out->coop_id = db_int(q, 1);
		out->activity_id = db_int(q, 2);
		snprintf(out->kind, sizeof out->kind, "%s", db_text(q, 3));
		snprintf(out->name, sizeof out->name, "%s", db_text(q, 4));
		snprintf(out->siren, sizeof out->siren, "%s", db_text(q, 5));
		snprintf(out->vat_number, sizeof out->vat_number, "%s", db_text(q, 6));
		snprintf(out->address, sizeof out->address, "%s", db_text(q, 7));
		snprintf(out->email, sizeof out->email, "%s", db_text(q, 8));
		out->payment_terms_days = db_int(q, 9);
		snprintf(out->lang, sizeof out->lang, "%s", db_text(q, 10));
	}
	if (db_done(q) != BG_OK || rc < 0)
		return bg_db_fail(err);
	if (rc == 0)
		return bg_fail(err, BG_ERR_NOT_FOUND, "not_found", NULL, N_("This page does not exist."));
	activity a;
	bg_status st = activity_access(d, actor_id, out->activity_id, false, &a, err);
	if (st == BG_OK)
		out->can_write = a.can_write && strcmp(a.status, "closed") != 0;
	return st;
}

/* A client's fields as a JSON object, for the audit trail. */
static void client_audit_json(buf *b, const char *kind, const char *name, const char *siren, const char *vat,
			      const char *address, const char *email, int64_t terms, const char *lang)
{
	buf_puts(b, "{\"kind\":");
	json_put_string(b, kind);
	buf_puts(b, ",\"name\":");
	json_put_string(b, name);
	buf_puts(b, ",\"siren\":");
	json_put_string(b, client_opt(siren));
	buf_puts(b, ",\"vat_number\":");
	json_put_string(b, client_opt(vat));
	buf_puts(b, ",\"address\":");
	json_put_string(b, address);
	buf_puts(b, ",\"email\":");
	json_put_string(b, client_opt(email));
	buf_printf(b, ",\"payment_terms_days\":%lld,\"lang\":", (long long)terms);
	json_put_string(b, client_opt(lang));
	buf_puts(b, "}");
}

bg_status client_update(db *d, int64_t actor_id, int64_t client_id, const client_in *in, bg_error *err)
{
	client_row old;
	activity a;
	int64_t terms;
	bg_status st = client_get(d, actor_id, client_id, &old, err);
	if (st == BG_OK)
		st = activity_access(d, actor_id, old.activity_id, true, &a, err);
	if (st == BG_OK)
		st = client_check(d, &a, in, &terms, err);
	if (st != BG_OK)
		return st;
	st = db_exec(d, err, "UPDATE clients SET kind = ?, name = ?, siren = ?, vat_number = ?, address = ?, email = ?,"
			     " payment_terms_days = ?, lang = ? WHERE id = ?", "ssssssisi", in->kind, in->name,
		     client_opt(in->siren), client_opt(in->vat_number), in->address, client_opt(in->email), terms,
		     client_opt(in->lang), client_id);
	if (st != BG_OK)
		return st;
	buf before, after;
	buf_init(&before);
	buf_init(&after);
	client_audit_json(&before, old.kind, old.name, old.siren, old.vat_number, old.address, old.email,
			  old.payment_terms_days, old.lang);
	client_audit_json(&after, in->kind, in->name, in->siren, in->vat_number, in->address, in->email, terms, in->lang);
	st = audit_record(d, actor_id, "update", "client", client_id, before.data, after.data, err);
	buf_free(&before);
	buf_free(&after);
	return st;
}

/* --- lists for the faces --- */

bg_status activity_list_visible(db *d, arena *a, int64_t viewer_id, activity_row **out, size_t *n,
				bg_error *err)
{
	db_stmt *q = db_query(d, "SELECT a.id, a.cooperative_id, a.code, a.name, a.status, a.contribution_bp"
				 " FROM activities a WHERE " ECONOMY_VISIBLE_SQL " ORDER BY a.cooperative_id, a.code",
			      "ii", viewer_id, viewer_id);
	*out = NULL;
	*n = 0;
	while (q && db_next(q) == 1) {
		*out = arena_grow(a, *out, *n, sizeof **out);
		activity_row *r = &(*out)[(*n)++];
		r->id = db_int(q, 0);
		r->coop_id = db_int(q, 1);
		r->code = arena_strdup(a, db_text(q, 2));
		r->name = arena_strdup(a, db_text(q, 3));
		r->status = arena_strdup(a, db_text(q, 4));
		r->contribution_bp = db_null(q, 5) ? -1 : db_int(q, 5);
	}
	return db_done(q) == BG_OK ? BG_OK : bg_db_fail(err);
}

bg_status activity_overview_visible(db *d, arena *a, int64_t viewer_id, activity_overview_row **out,
				    size_t *n, bg_error *err)
{
	db_stmt *q = db_query(d, "SELECT a.id, a.code, a.name, a.status, c.name,"
				 " (SELECT coalesce(sum(credit - debit), 0) FROM ledger_balances x WHERE x.activity_id = a.id"
				 "  AND x.account IN ('706', '707')),"
				 " (SELECT coalesce(sum(debit - credit), 0) FROM ledger_balances x WHERE x.activity_id = a.id"
				 "  AND x.account = '411')"
				 " FROM activities a JOIN cooperatives c ON c.id = a.cooperative_id WHERE " ECONOMY_VISIBLE_SQL
				 " ORDER BY c.name, a.code",
			      "ii", viewer_id, viewer_id);
	*out = NULL;
	*n = 0;
	while (db_next(q) == 1) {
		*out = arena_grow(a, *out, *n, sizeof **out);
		activity_overview_row *r = &(*out)[(*n)++];
		r->id = db_int(q, 0);
		r->code = arena_strdup(a, db_text(q, 1));
		r->name = arena_strdup(a, db_text(q, 2));
		r->status = arena_strdup(a, db_text(q, 3));
		r->coop_name = arena_strdup(a, db_text(q, 4));
		r->revenue = db_int(q, 5);
		r->receivable = db_int(q, 6);
	}
	return db_done(q) == BG_OK ? BG_OK : bg_db_fail(err);
}

bg_status economy_ledger_coops(db *d, arena *a, int64_t actor, economy_coop_row **out, size_t *n, bg_error *err)
{
	db_stmt *q = db_query(d, "SELECT c.id, c.name FROM cooperatives c WHERE "
				 AUTHZ_SQL_ALLOWED(LEDGER_POST, "?", "c.id", "NULL") " ORDER BY c.name, c.id",
			      "i", actor);
	*out = NULL;
	*n = 0;
	while (db_next(q) == 1) {
		*out = arena_grow(a, *out, *n, sizeof **out);
		(*out)[*n].id = db_int(q, 0);
		(*out)[(*n)++].name = arena_strdup(a, db_text(q, 1));
	}
	return db_done(q) == BG_OK ? BG_OK : bg_db_fail(err);
}

bg_status activity_member_list(db *d, arena *a, int64_t actor, int64_t activity_id, activity_member_row **out,
			       size_t *n, bg_error *err)
{
	*out = NULL;
	*n = 0;
	activity act;
	bg_status st = activity_access(d, actor, activity_id, false, &act, err);
	if (st != BG_OK)
		return st;
	db_stmt *q = db_query(d, "SELECT p.id, p.display_name, p.email FROM activity_members m JOIN people p"
				 " ON p.id = m.person_id WHERE m.activity_id = ? ORDER BY p.id", "i", activity_id);
	while (db_next(q) == 1) {
		*out = arena_grow(a, *out, *n, sizeof **out);
		activity_member_row *r = &(*out)[(*n)++];
		r->id = db_int(q, 0);
		r->name = arena_strdup(a, db_text(q, 1));
		r->email = arena_strdup(a, db_text(q, 2));
	}
	return db_done(q) == BG_OK ? BG_OK : bg_db_fail(err);
}

bg_status activity_balance_list(db *d, arena *a, int64_t actor, int64_t activity_id, activity_balance_row **out,
				size_t *n, bg_error *err)
{
	*out = NULL;
	*n = 0;
	activity act;
	bg_status st = activity_access(d, actor, activity_id, false, &act, err);
	if (st != BG_OK)
		return st;
	db_stmt *q = db_query(d, "SELECT b.account, sum(b.debit), sum(b.credit), x.label FROM ledger_balances b"
				 " LEFT JOIN ledger_accounts x ON x.cooperative_id = b.cooperative_id AND x.number = b.account"
				 " WHERE b.cooperative_id = ? AND b.activity_id = ? GROUP BY b.account ORDER BY b.account",
			      "ii", act.coop_id, activity_id);
	while (db_next(q) == 1) {
		*out = arena_grow(a, *out, *n, sizeof **out);
		activity_balance_row *r = &(*out)[(*n)++];
		r->account = arena_strdup(a, db_text(q, 0));
		r->debit = db_int(q, 1);
		r->credit = db_int(q, 2);
		r->label = arena_strdup(a, db_text(q, 3));
	}
	return db_done(q) == BG_OK ? BG_OK : bg_db_fail(err);
}

bg_status economy_coop_name(db *d, arena *a, int64_t actor, int64_t coop_id, const char **name, bg_error *err)
{
	*name = NULL;
	bg_status st = authz_check(d, actor, AUTHZ_ECONOMY_READ, (scope){SCOPE_COOPERATIVE, coop_id}, err);
	if (st != BG_OK)
		return st;
	db_stmt *q = db_query(d, "SELECT name FROM cooperatives WHERE id = ?", "i", coop_id);
	if (db_next(q) == 1)
		*name = arena_strdup(a, db_text(q, 0));
	if (db_done(q) != BG_OK)
		return bg_db_fail(err);
	return *name ? BG_OK : bg_fail(err, BG_ERR_NOT_FOUND, "not_found", NULL, N_("This page does not exist."));
}

bg_status client_list_visible(db *d, arena *a, int64_t viewer_id, int64_t activity_id,
			      client_list_row **out, size_t *n, bg_error *err)
{
	db_stmt *q = db_query(d, "SELECT c.id, c.activity_id, c.kind, c.name, c.siren, c.vat_number, c.address,"
				 " c.email, c.payment_terms_days, c.lang FROM clients c JOIN activities a ON a.id = c.activity_id"
				 " WHERE " ECONOMY_VISIBLE_SQL " AND (? = 0 OR c.activity_id = ?) ORDER BY c.name, c.id",
			      "iiii", viewer_id, viewer_id, activity_id, activity_id);
	*out = NULL;
	*n = 0;
	while (q && db_next(q) == 1) {
		*out = arena_grow(a, *out, *n, sizeof **out);
		client_list_row *r = &(*out)[(*n)++];
		r->id = db_int(q, 0);
		r->activity_id = db_int(q, 1);
		r->kind = arena_strdup(a, db_text(q, 2));
		r->name = arena_strdup(a, db_text(q, 3));
		r->siren = arena_strdup(a, db_text(q, 4));
		r->vat_number = arena_strdup(a, db_text(q, 5));
		r->address = arena_strdup(a, db_text(q, 6));
		r->email = arena_strdup(a, db_text(q, 7));
		r->payment_terms_days = db_int(q, 8);
		r->lang = arena_strdup(a, db_text(q, 9));
	}
	return db_done(q) == BG_OK ? BG_OK : bg_db_fail(err);
}
