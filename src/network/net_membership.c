/*
 * net_membership.c — memberships and invitations (see network.h): a
 * person's periods in a cooperative, each with a status, and the
 * invitations that ask a person's consent before a cooperative counts them
 * among its people.
 *
 * A membership is history, never rewritten: a new status ends the current
 * period the day the new one starts (which may not be before it), and
 * "former" is a period like the others, so that the list of a person's
 * periods is the whole story (net_membership_history).  Adding a person
 * who is not a current member is an invitation: being a member shows the
 * cooperative one's "my cooperative" fields, so it waits for the person's
 * answer on their page, told by mail through the outbox (the mail leaves
 * only if the invitation commits).  Every change is audited with the
 * period before and after, and re-indexes the person's directory rows,
 * which depend on their cooperatives.
 */
#include "network/net_internal.h"
#include "auth/account.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/i18n.h"
#include "core/tz.h"
#include "mail/outbox.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const net_statuses[] = {N_("newcomer"), N_("member"), N_("associate"),
					   N_("staff"), N_("former")};

bool net_membership_status_valid(const char *s)
{
	for (size_t i = 0; s && i < 5; i++)
		if (strcmp(s, net_statuses[i]) == 0)
			return true;
	return false;
}

bg_status net_membership_set(db *d, int64_t actor_id, int64_t person_id, int64_t coop_id,
			     const char *status, const char *day, bg_error *err)
{
	char today[11];
	int y, m, dd;
	bg_status st = net_coop_exists(d, coop_id, "cooperative_id", err);
	if (st == BG_OK)
		st = net_allow(d, actor_id, AUTHZ_NET_MEMBERSHIP_MANAGE,
			       (scope){SCOPE_COOPERATIVE, coop_id}, err);
	if (st != BG_OK)
		return st;
	if (!net_membership_status_valid(status))
		return bg_fail(err, BG_ERR_INVALID, "invalid_status", "status",
			       N_("Unknown membership status."));
	if (!day || !*day) {
		tz_today(TZ_GROUP, today);
		day = today;
	} else if (!date_parse(day, &y, &m, &dd)) {
		return bg_fail(err, BG_ERR_INVALID, "invalid_date", "started_on",
			       N_("A date is written YYYY-MM-DD."));
	}
	int64_t one;
	bool found = false;
	st = db_scalar(d, err, &one, &found, "SELECT 1 FROM people WHERE id = ?", "i", person_id);
	if (st == BG_OK && !found)
		return bg_fail(err, BG_ERR_INVALID, "unknown_person", "person_id",
			       N_("This person does not exist."));
	int64_t cur_id = 0;
	found = false;
	if (st == BG_OK)
		st = db_scalar(d, err, &cur_id, &found, "SELECT id FROM memberships WHERE person_id = ?"
				" AND cooperative_id = ? AND ended_on IS NULL", "ii", person_id, coop_id);
	if (st != BG_OK)
		return st;
	char *before = found ? net_snapshot(d, "SELECT json_object('status', status, 'started_on',"
						  " started_on) FROM memberships WHERE id = ?", cur_id, &st, err)
			     : NULL;
	if (found && st == BG_OK) {
		int64_t same = 0, later = 0;
		bool f2;
		st = db_scalar(d, err, &same, &f2, "SELECT status = ? FROM memberships WHERE id = ?", "si",
			       status, cur_id);
		if (st == BG_OK && same) {
			free(before);
			return BG_OK;
		}
		if (st == BG_OK)
			st = db_scalar(d, err, &later, &f2, "SELECT started_on > ? FROM memberships WHERE id = ?",
				       "si", day, cur_id);
		if (st == BG_OK && later) {
			free(before);
			return bg_fail(err, BG_ERR_INVALID, "invalid_date", "started_on",
				       N_("The new status cannot start before the current one."));
		}
		if (st == BG_OK)
			st = db_exec(d, err, "UPDATE memberships SET ended_on = ? WHERE id = ?", "si", day, cur_id);
	}
	int64_t id = 0;
	if (st == BG_OK)
		st = db_scalar(d, err, &id, NULL, "INSERT INTO memberships(person_id, cooperative_id, status,"
						  " started_on, changed_by, created_at) VALUES (?, ?, ?, ?, ?, ?)"
						  " RETURNING id",
			       "iissIi", person_id, coop_id, status, day, actor_id, date_now());
	if (st != BG_OK) {
		free(before);
		return st;
	}
	char *after = net_snapshot(d, "SELECT json_object('person_id', person_id, 'cooperative_id',"
				      " cooperative_id, 'status', status, 'started_on', started_on)"
				      " FROM memberships WHERE id = ?", id, &st, err);
	st = net_audit(d, st, actor_id, "set_status", "membership", id, before, after, err);
	/* the person's directory rows depend on their cooperatives */
	return st == BG_OK ? net_profile_reindex(d, person_id, err) : st;
}

/* Does the person have a current period (not "former") in the cooperative?
 * *current tells; a failed query is the error. */
static bg_status net_is_current_member(db *d, int64_t person_id, int64_t coop_id, bool *current,
				       bg_error *err)
{
	int64_t one = 0;
	*current = false;
	return db_scalar(d, err, &one, current, "SELECT 1 FROM memberships WHERE person_id = ? AND cooperative_id = ?"
						" AND ended_on IS NULL AND status <> 'former'", "ii", person_id, coop_id);
}

/* The name of a membership status, as the invitation mail says it. */
static const char *net_status_name(const char *status)
{
	static const char *const names[] = {
		"newcomer", N_("newcomer"), "member", N_("member (salaried entrepreneur)"),
		"associate", N_("associate"), "staff", N_("staff member"), NULL};
	for (int i = 0; names[i]; i += 2)
		if (strcmp(names[i], status) == 0)
			return names[i + 1];
	return status;
}

/* Tells the invited person by mail, in their language, through the outbox
 * (so it leaves only if the invitation commits).  base_url: the site's
 * address for the link to their page, NULL when unknown (an import): the
 * mail then tells them where to look. */
static bg_status net_invitation_mail(db *d, int64_t actor_id, int64_t person_id, int64_t coop_id,
				     const char *status, const char *base_url, bg_error *err)
{
	person p, by;
	bg_status st = account_get(d, person_id, &p, err);
	if (st != BG_OK)
		return st;
	if (actor_id == 0 || account_get(d, actor_id, &by, NULL) != BG_OK)
		snprintf(by.display_name, sizeof by.display_name, "%s", tr(p.lang, "The cooperative's team"));
	char coop[300] = "";
	db_stmt *q = db_query(d, "SELECT name FROM cooperatives WHERE id = ?", "i", coop_id);
	if (db_next(q) == 1)
		snprintf(coop, sizeof coop, "%s", db_text(q, 0));
	if (db_done(q) != BG_OK)
		return bg_db_fail(err);
	buf subject, text;
	buf_init(&subject);
	buf_init(&text);
	buf_printf(&subject, tr(p.lang, "Bigre: %s invites you to join them"), coop);
	buf_printf(&text, tr(p.lang, "Hello %s,\n\n%s invites you to join %s as %s.\n\n"), p.display_name,
		   by.display_name, coop, tr(p.lang, net_status_name(status)));
	if (base_url && *base_url)
		buf_printf(&text, tr(p.lang, "Accept or decline on your page: %s/me\n"), base_url);
	else
		buf_puts(&text, tr(p.lang, "Log in to Bigre: the invitation waits in \"My space\", where you"
					   " accept or decline it.\n"));
	buf_puts(&text, tr(p.lang, "\nNothing changes until you answer: the cooperative sees your profile only"
				   " once you accept.\n"));
	mail_message m = {.to = p.email, .subject = subject.data, .text = text.data};
	st = outbox_enqueue(d, &m, err);
	buf_free(&subject);
	buf_free(&text);
	return st;
}

bg_status net_membership_add(db *d, int64_t actor_id, int64_t person_id, int64_t coop_id,
			     const char *status, const char *day, const char *base_url, bool *pending,
			     bg_error *err)
{
	*pending = false;
	bool current;
	bg_status st = net_is_current_member(d, person_id, coop_id, &current, err);
	if (st != BG_OK)
		return st;
	if (current)
		return net_membership_set(d, actor_id, person_id, coop_id, status, day, err);
	st = net_coop_exists(d, coop_id, "cooperative_id", err);
	if (st == BG_OK)
		st = net_allow(d, actor_id, AUTHZ_NET_MEMBERSHIP_MANAGE, (scope){SCOPE_COOPERATIVE, coop_id}, err);
	if (st != BG_OK)
		return st;
	if (!net_membership_status_valid(status) || strcmp(status, "former") == 0)
		return bg_fail(err, BG_ERR_INVALID, "invalid_status", "status", N_("Unknown membership status."));
	int y, m, dd;
	if (day && *day && !date_parse(day, &y, &m, &dd))
		return bg_fail(err, BG_ERR_INVALID, "invalid_date", "started_on", N_("A date is written YYYY-MM-DD."));
	int64_t one;
	bool found = false;
	st = db_scalar(d, err, &one, &found, "SELECT 1 FROM people WHERE id = ? AND disabled = 0", "i", person_id);
	if (st == BG_OK && !found)
		return bg_fail(err, BG_ERR_INVALID, "unknown_person", "person_id", N_("This person does not exist."));
	if (st == BG_OK)
		st = db_exec(d, err, "INSERT INTO membership_invitations(person_id, cooperative_id, status,"
				     " started_on, invited_by, created_at) VALUES (?, ?, ?, ?, ?, ?)"
				     " ON CONFLICT(person_id, cooperative_id) DO UPDATE SET status = excluded.status,"
				     " started_on = excluded.started_on, invited_by = excluded.invited_by,"
				     " created_at = excluded.created_at",
			     "iissIi", person_id, coop_id, status, day && *day ? day : NULL, actor_id, date_now());
	if (st != BG_OK)
		return st;
	int64_t id = 0;
	st = db_scalar(d, err, &id, &found, "SELECT id FROM membership_invitations WHERE person_id = ?"
					    " AND cooperative_id = ?", "ii", person_id, coop_id);
	char *after = net_snapshot(d, "SELECT json_object('person_id', person_id, 'cooperative_id',"
				      " cooperative_id, 'status', status) FROM membership_invitations"
				      " WHERE id = ?", id, &st, err);
	st = net_audit(d, st, actor_id, "invite", "membership_invitation", id, NULL, after, err);
	if (st == BG_OK)
		st = net_invitation_mail(d, actor_id, person_id, coop_id, status, base_url, err);
	*pending = st == BG_OK;
	return st;
}

bg_status net_invitation_list(db *d, arena *a, int64_t person_id, net_invitation **out, size_t *n,
			      bg_error *err)
{
	*n = 0;
	*out = arena_alloc(a, 16 * sizeof **out);
	db_stmt *s = db_query(d, "SELECT i.id, i.cooperative_id, c.name, i.status, i.started_on,"
				 " coalesce(p.display_name, '') FROM membership_invitations i"
				 " JOIN cooperatives c ON c.id = i.cooperative_id"
				 " LEFT JOIN people p ON p.id = i.invited_by"
				 " WHERE i.person_id = ? ORDER BY i.id LIMIT 16", "i", person_id);
	if (!s)
		return bg_db_fail(err);
	while (db_next(s) == 1)
		(*out)[(*n)++] = (net_invitation){.id = db_int(s, 0), .person_id = person_id,
						  .cooperative_id = db_int(s, 1),
						  .coop_name = arena_strdup(a, db_text(s, 2)),
						  .status = arena_strdup(a, db_text(s, 3)),
						  .started_on = arena_strdup(a, db_text(s, 4)),
						  .invited_by = arena_strdup(a, db_text(s, 5))};
	return db_done(s) == BG_OK ? BG_OK : bg_db_fail(err);
}

bg_status net_invitation_list_coop(db *d, arena *a, int64_t viewer_id, int64_t coop_id,
				   net_invitation **out, size_t *n, bg_error *err)
{
	*n = 0;
	*out = arena_alloc(a, 50 * sizeof **out);
	bg_status st = net_allow(d, viewer_id, AUTHZ_NET_MEMBERSHIP_MANAGE, (scope){SCOPE_COOPERATIVE, coop_id}, err);
	if (st != BG_OK)
		return st;
	db_stmt *s = db_query(d, "SELECT i.id, i.person_id, p.display_name, i.status, i.started_on"
				 " FROM membership_invitations i JOIN people p ON p.id = i.person_id"
				 " WHERE i.cooperative_id = ? ORDER BY i.id DESC LIMIT 50", "i", coop_id);
	if (!s)
		return bg_db_fail(err);
	while (db_next(s) == 1) {
		net_invitation *v = &(*out)[(*n)++];
		*v = (net_invitation){.id = db_int(s, 0), .person_id = db_int(s, 1), .cooperative_id = coop_id,
				      .person_name = arena_strdup(a, db_text(s, 2)),
				      .status = arena_strdup(a, db_text(s, 3)),
				      .started_on = arena_strdup(a, db_text(s, 4))};
	}
	return db_done(s) == BG_OK ? BG_OK : bg_db_fail(err);
}

bg_status net_invitation_answer(db *d, int64_t person_id, int64_t invitation_id, bool accept,
				bg_error *err)
{
	int64_t coop = 0;
	bool found = false;
	bg_status st = db_scalar(d, err, &coop, &found, "SELECT cooperative_id FROM membership_invitations"
							" WHERE id = ? AND person_id = ?", "ii", invitation_id, person_id);
	if (st == BG_OK && !found)
		return bg_fail(err, BG_ERR_NOT_FOUND, "not_found", NULL, N_("This page does not exist."));
	char *before = net_snapshot(d, "SELECT json_object('cooperative_id', cooperative_id,"
				       " 'status', status, 'started_on', started_on)"
				       " FROM membership_invitations WHERE id = ?", invitation_id, &st, err);
	if (st == BG_OK && accept) {
		char status[16] = "member", day[11] = "";
		db_stmt *q = db_query(d, "SELECT status, coalesce(started_on, '') FROM membership_invitations"
					 " WHERE id = ?", "i", invitation_id);
		if (db_next(q) == 1) {
			snprintf(status, sizeof status, "%s", db_text(q, 0));
			snprintf(day, sizeof day, "%s", db_text(q, 1));
		}
		st = db_done(q) == BG_OK ? BG_OK : bg_db_fail(err);
		/* the cooperative's right was checked when it invited; the person consents now */
		if (st == BG_OK)
			st = net_membership_set(d, 0, person_id, coop, status, *day ? day : NULL, err);
	}
	if (st == BG_OK)
		st = db_exec(d, err, "DELETE FROM membership_invitations WHERE id = ?", "i", invitation_id);
	return net_audit(d, st, person_id, accept ? "accept" : "decline", "membership_invitation",
			 invitation_id, before, NULL, err);
}

bg_status net_membership_end(db *d, int64_t actor_id, int64_t person_id, int64_t coop_id,
			     const char *day, bg_error *err)
{
	bg_status st = net_coop_exists(d, coop_id, "cooperative_id", err);
	if (st == BG_OK)
		st = net_allow(d, actor_id, AUTHZ_NET_MEMBERSHIP_MANAGE, (scope){SCOPE_COOPERATIVE, coop_id}, err);
	if (st != BG_OK)
		return st;
	bool current;
	st = net_is_current_member(d, person_id, coop_id, &current, err);
	if (st != BG_OK)
		return st;
	if (!current)
		return bg_fail(err, BG_ERR_NOT_FOUND, "not_found", NULL, N_("This page does not exist."));
	if (!day || !*day)
		return bg_fail(err, BG_ERR_INVALID, "missing_field", "ended_on", N_("Give the end date of the membership."));
	int y, m, dd;
	if (!date_parse(day, &y, &m, &dd))
		return bg_fail(err, BG_ERR_INVALID, "invalid_date", "ended_on", N_("A date is written YYYY-MM-DD."));
	st = net_membership_set(d, actor_id, person_id, coop_id, "former", day, err);
	if (st == BG_ERR_INVALID && err->field && strcmp(err->field, "started_on") == 0)
		err->field = "ended_on"; /* the end cannot come before the current status began */
	int64_t ended = 0;
	bool found = false;
	if (st == BG_OK)
		st = db_scalar(d, err, &ended, &found, "SELECT id FROM memberships WHERE person_id = ?"
				" AND cooperative_id = ? AND ended_on = ? ORDER BY id DESC LIMIT 1",
			       "iis", person_id, coop_id, day);
	char *after = net_snapshot(d, "SELECT json_object('person_id', person_id, 'cooperative_id',"
				      " cooperative_id, 'status', status, 'started_on', started_on,"
				      " 'ended_on', ended_on) FROM memberships WHERE id = ?", ended, &st, err);
	return net_audit(d, st, actor_id, "end", "membership", ended, NULL, after, err);
}

/* Fills a net_membership from a row (id, person, coop, names, status, dates). */
static void net_membership_row(db_stmt *s, arena *a, net_membership *m)
{
	m->id = db_int(s, 0);
	m->person_id = db_int(s, 1);
	m->cooperative_id = db_int(s, 2);
	m->person_name = arena_strdup(a, db_text(s, 3));
	m->coop_name = arena_strdup(a, db_text(s, 4));
	m->status = arena_strdup(a, db_text(s, 5));
	m->started_on = arena_strdup(a, db_text(s, 6));
	m->ended_on = arena_strdup(a, db_text(s, 7));
}

bg_status net_membership_list(db *d, arena *a, int64_t viewer_id, int64_t coop_id, int page,
			      int per_page, net_membership **out, size_t *n, int64_t *total,
			      bg_error *err)
{
	bg_status st = net_allow(d, viewer_id, AUTHZ_COOP_READ, (scope){SCOPE_COOPERATIVE, coop_id}, err);
	if (st != BG_OK)
		return st;
	bool found;
	st = db_scalar(d, err, total, &found, "SELECT count(*) FROM memberships WHERE cooperative_id = ?"
			" AND ended_on IS NULL", "i", coop_id);
	if (st != BG_OK)
		return st;
	if (page < 1)
		page = 1;
	db_stmt *s = db_query(d, "SELECT m.id, m.person_id, m.cooperative_id, p.display_name, c.name,"
				 " m.status, m.started_on, m.ended_on FROM memberships m"
				 " JOIN people p ON p.id = m.person_id JOIN cooperatives c ON c.id = m.cooperative_id"
				 " WHERE m.cooperative_id = ? AND m.ended_on IS NULL"
				 " ORDER BY p.display_name, p.id LIMIT ? OFFSET ?",
			      "iii", coop_id, (int64_t)per_page, (int64_t)(page - 1) * per_page);
	*out = arena_alloc(a, (size_t)per_page * sizeof **out + 1);
	*n = 0;
	while (*n < (size_t)per_page && db_next(s) == 1)
		net_membership_row(s, a, &(*out)[(*n)++]);
	return db_done(s) == BG_OK ? BG_OK : bg_db_fail(err);
}

bg_status net_membership_history(db *d, arena *a, int64_t viewer_id, int64_t person_id,
				 net_membership **out, size_t *n, bg_error *err)
{
	db_stmt *s = db_query(d, "SELECT m.id, m.person_id, m.cooperative_id, p.display_name, c.name,"
				 " m.status, m.started_on, m.ended_on FROM memberships m"
				 " JOIN people p ON p.id = m.person_id JOIN cooperatives c ON c.id = m.cooperative_id"
				 " WHERE m.person_id = ? ORDER BY m.started_on DESC, m.id DESC",
			      "i", person_id);
	*out = NULL;
	*n = 0;
	net_membership row;
	int64_t *coops = NULL;
	size_t ncoops = 0;
	while (db_next(s) == 1) {
		net_membership_row(s, a, &row);
		*out = arena_grow(a, *out, *n, sizeof **out);
		(*out)[(*n)++] = row;
		coops = arena_grow(a, coops, ncoops, sizeof *coops);
		coops[ncoops++] = row.cooperative_id;
	}
	if (db_done(s) != BG_OK)
		return bg_db_fail(err);
	if (viewer_id == person_id || viewer_id == 0)
		return BG_OK;
	/* keep only the periods in cooperatives the viewer may read */
	size_t k = 0;
	for (size_t i = 0; i < *n; i++) {
		bg_error ignored;
		if (authz_check(d, viewer_id, AUTHZ_COOP_READ,
				(scope){SCOPE_COOPERATIVE, (*out)[i].cooperative_id}, &ignored) == BG_OK)
			(*out)[k++] = (*out)[i];
	}
	*n = k;
	return BG_OK;
}
