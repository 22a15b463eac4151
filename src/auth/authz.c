/* authz.c — roles, scopes and the one authorisation function (see authz.h). */
#include "auth/authz.h"
#include "core/date.h"
#include "db/audit.h"
#include <assert.h>
#include <stdio.h>
#include <string.h>

/* Names as stored; N_() so that pages can show them translated. */
static const char *const role_names[] = {N_("newcomer"), N_("member"), N_("associate"),
	N_("host"), N_("facilitator"), N_("accompanist"), N_("accountant"), N_("admin"),
	N_("partner")};

/* Which roles allow which action (in the scope, or above it). */
static const unsigned authz_rules[AUTHZ_ACTION_COUNT] = {
	[AUTHZ_GROUP_ADMINISTER] = ROLE_ADMIN,
	[AUTHZ_COOP_READ] = ROLE_MEMBER | ROLE_ASSOCIATE | ROLE_HOST | ROLE_FACILITATOR |
			    ROLE_ACCOMPANIST | ROLE_ACCOUNTANT | ROLE_ADMIN,
	[AUTHZ_COOP_ADMINISTER] = ROLE_ADMIN,
	[AUTHZ_PEOPLE_ADMINISTER] = ROLE_ADMIN,
	[AUTHZ_AUDIT_READ] = ROLE_ADMIN | ROLE_ACCOUNTANT,
	[AUTHZ_NET_MEMBERSHIP_MANAGE] = ROLE_ADMIN | ROLE_ACCOMPANIST,
	[AUTHZ_NET_ORG_MANAGE] = ROLE_ADMIN | ROLE_ACCOMPANIST,
	[AUTHZ_NET_IMPORT] = ROLE_ADMIN,
	[AUTHZ_ADMIN_OPEN] = ROLE_ADMIN | ROLE_ACCOMPANIST,
	[AUTHZ_GROUP_SEE] = ROLE_ANY & ~(unsigned)ROLE_PARTNER,
	[AUTHZ_PLACE_SEE] = ROLE_ANY,
	[AUTHZ_PLACE_BOOK] = ROLE_ANY,
	[AUTHZ_PLACE_MANAGE] = ROLE_HOST | ROLE_ADMIN,
	[AUTHZ_SESSION_MANAGE] = ROLE_HOST | ROLE_FACILITATOR | ROLE_ADMIN,
	[AUTHZ_NEWCOMER_MANAGE] = ROLE_HOST | ROLE_ACCOMPANIST | ROLE_ADMIN,
	[AUTHZ_PATH_CONFIGURE] = ROLE_HOST | ROLE_ADMIN,
	[AUTHZ_ECONOMY_READ] = ROLE_ACCOUNTANT | ROLE_ACCOMPANIST | ROLE_ADMIN,
	[AUTHZ_ECONOMY_USE] = ROLE_MEMBER | ROLE_ASSOCIATE | ROLE_ACCOUNTANT | ROLE_ADMIN,
	[AUTHZ_LEDGER_POST] = ROLE_ACCOUNTANT | ROLE_ADMIN,
	[AUTHZ_LEDGER_ADMINISTER] = ROLE_ADMIN,
};

/* Host work: the roles that, held in a unit, also allow the action in every
 * cooperative the unit spans (unit_cooperatives) — a unit's host works for
 * the cooperatives of the unit. */
static const unsigned authz_unit_reach[AUTHZ_ACTION_COUNT] = {
	[AUTHZ_SESSION_MANAGE] = ROLE_HOST,
	[AUTHZ_NEWCOMER_MANAGE] = ROLE_HOST,
};

/* The actions' names as authz_rules stores them (see AUTHZ_ACTIONS). */
#define AUTHZ_NAME_ITEM(name) [AUTHZ_##name] = #name,
static const char *const authz_action_names[AUTHZ_ACTION_COUNT] = {AUTHZ_ACTIONS(AUTHZ_NAME_ITEM)};
#undef AUTHZ_NAME_ITEM

const char *authz_action_name(authz_action a)
{
	return (unsigned)a < AUTHZ_ACTION_COUNT ? authz_action_names[a] : NULL;
}

role authz_role_from_name(const char *name)
{
	for (unsigned i = 0; name && i < sizeof role_names / sizeof *role_names; i++)
		if (strcmp(name, role_names[i]) == 0)
			return (role)(1u << i);
	return 0;
}

const char *authz_role_name(role r)
{
	for (unsigned i = 0; i < sizeof role_names / sizeof *role_names; i++)
		if (r == (role)(1u << i))
			return role_names[i];
	return NULL;
}

const char *authz_scope_name(scope_type t)
{
	return t == SCOPE_GROUP ? "group" : t == SCOPE_COOPERATIVE ? "cooperative" : "unit";
}

/* Adds to *roles the role named in column 0 of every row of q, then ends q. */
static bg_status authz_collect(db_stmt *q, unsigned *roles, bg_error *err)
{
	if (!q)
		return bg_db_fail(err);
	while (db_next(q) == 1)
		*roles |= (unsigned)authz_role_from_name(db_text(q, 0));
	if (db_done(q) != BG_OK)
		return bg_db_fail(err);
	return BG_OK;
}

bg_status authz_roles_in(db *d, int64_t person_id, scope s, unsigned *roles, bg_error *err)
{
	*roles = 0;
	/* A unit's cooperative: roles held there apply to the unit. */
	int64_t coop_id = s.type == SCOPE_COOPERATIVE ? s.id : 0;
	if (s.type == SCOPE_UNIT) {
		bool found = false;
		bg_status st = db_scalar(d, err, &coop_id, &found,
					 "SELECT coalesce(cooperative_id, 0) FROM units WHERE id = ?",
					 "i", s.id);
		if (st != BG_OK)
			return st;
		if (!found)
			coop_id = 0;
	}
	db_stmt *q = db_query(d,
			      "SELECT role FROM roles WHERE person_id = ? AND ("
			      " scope_type = 'group'"
			      " OR (scope_type = 'cooperative' AND scope_id = ?)"
			      " OR (scope_type = 'unit' AND scope_id = ?))",
			      "iii", person_id, coop_id, s.type == SCOPE_UNIT ? s.id : (int64_t)-1);
	return authz_collect(q, roles, err);
}

/* The roles person_id holds in the units that span cooperative coop_id. */
static bg_status authz_unit_roles_of_coop(db *d, int64_t person_id, int64_t coop_id, unsigned *roles, bg_error *err)
{
	*roles = 0;
	return authz_collect(db_query(d, "SELECT r.role FROM roles r JOIN unit_cooperatives uc ON uc.unit_id = r.scope_id"
					 " WHERE r.person_id = ? AND r.scope_type = 'unit' AND uc.cooperative_id = ?",
				      "ii", person_id, coop_id),
			     roles, err);
}

bg_status authz_check(db *d, int64_t person_id, authz_action action, scope s, bg_error *err)
{
	if (action >= AUTHZ_ACTION_COUNT || person_id <= 0)
		return bg_fail(err, BG_ERR_UNAUTHENTICATED, "unauthenticated", NULL,
			       N_("Please log in."));
	unsigned roles;
	bg_status st = authz_roles_in(d, person_id, s, &roles, err);
	if (st == BG_OK && s.type == SCOPE_COOPERATIVE && authz_unit_reach[action] && !(roles & authz_rules[action])) {
		unsigned in_units;
		st = authz_unit_roles_of_coop(d, person_id, s.id, &in_units, err);
		roles |= in_units & authz_unit_reach[action];
	}
	if (st != BG_OK)
		return st;
	if (roles & authz_rules[action])
		return BG_OK;
	if (roles == 0 && s.type != SCOPE_GROUP)
		return bg_fail(err, BG_ERR_NOT_FOUND, "not_found", NULL,
			       N_("This page does not exist."));
	return bg_fail(err, BG_ERR_FORBIDDEN, "forbidden", NULL,
		       N_("You are not allowed to do this."));
}

bg_status authz_check_somewhere(db *d, int64_t person_id, authz_action action, bg_error *err)
{
	if (action >= AUTHZ_ACTION_COUNT || person_id <= 0)
		return bg_fail(err, BG_ERR_UNAUTHENTICATED, "unauthenticated", NULL, N_("Please log in."));
	unsigned roles = 0;
	bg_status st = authz_collect(db_query(d, "SELECT role FROM roles WHERE person_id = ?", "i", person_id), &roles, err);
	if (st != BG_OK)
		return st;
	if (roles & authz_rules[action])
		return BG_OK;
	if (roles == 0)
		return bg_fail(err, BG_ERR_NOT_FOUND, "not_found", NULL, N_("This page does not exist."));
	return bg_fail(err, BG_ERR_FORBIDDEN, "forbidden", NULL, N_("You are not allowed to do this."));
}

bg_status authz_ids_json(db *d, int64_t person_id, authz_action action, scope_type t, buf *out, bg_error *err)
{
	buf_putc(out, '[');
	db_stmt *q = db_query(d, t == SCOPE_UNIT ? "SELECT id FROM units ORDER BY id" : "SELECT id FROM cooperatives ORDER BY id",
			      NULL);
	if (!q)
		return bg_db_fail(err);
	int n = 0;
	bg_status st = BG_OK;
	while (st == BG_OK && db_next(q) == 1) {
		int64_t id = db_int(q, 0);
		bg_error refused;
		bg_status one = authz_check(d, person_id, action, (scope){t, id}, &refused);
		if (one == BG_OK)
			buf_printf(out, "%s%lld", n++ ? "," : "", (long long)id);
		else if (one != BG_ERR_NOT_FOUND && one != BG_ERR_FORBIDDEN)
			st = bg_fail(err, one, refused.code, refused.field, refused.msgid);
	}
	bg_status done = db_done(q);
	buf_putc(out, ']');
	if (st == BG_OK && done != BG_OK)
		return bg_db_fail(err);
	return st;
}

/* Does authz_rules hold the row (action, role, unit_reach)?  *same false
 * when it is missing or its unit_reach differs. */
static bg_status authz_rule_stored(db *d, authz_action a, unsigned bit, bool *same, bg_error *err)
{
	int64_t reach = 0;
	bool found = false;
	bg_status st = db_scalar(d, err, &reach, &found,
				 "SELECT unit_reach FROM authz_rules WHERE action = ? AND role = ?", "ss",
				 authz_action_name(a), authz_role_name((role)bit));
	*same = st == BG_OK && found && reach == ((authz_unit_reach[a] & bit) != 0);
	return st;
}

/* Writes every rule of the C table into the emptied authz_rules. */
static bg_status authz_rules_write(db *d, bg_error *err)
{
	bg_status st = db_exec(d, err, "DELETE FROM authz_rules", NULL);
	for (unsigned a = 0; st == BG_OK && a < AUTHZ_ACTION_COUNT; a++)
		for (unsigned bit = 1; st == BG_OK && bit & ROLE_ANY; bit <<= 1)
			if (authz_rules[a] & bit)
				st = db_exec(d, err, "INSERT INTO authz_rules(action, role, unit_reach) VALUES (?, ?, ?)",
					     "ssi", authz_action_name(a), authz_role_name((role)bit),
					     (int64_t)((authz_unit_reach[a] & bit) != 0));
	return st;
}

bg_status authz_rules_sync(db *d, bool write, bool *differs, bg_error *err)
{
	int64_t stored = 0, expected = 0;
	bg_status st = db_scalar(d, err, &stored, NULL, "SELECT count(*) FROM authz_rules", NULL);
	bool same = true;
	for (unsigned a = 0; st == BG_OK && a < AUTHZ_ACTION_COUNT; a++) {
		/* a role that reaches from units must be one the rule allows */
		assert((authz_unit_reach[a] & ~authz_rules[a]) == 0);
		for (unsigned bit = 1; st == BG_OK && same && bit & ROLE_ANY; bit <<= 1)
			if (authz_rules[a] & bit) {
				expected++;
				st = authz_rule_stored(d, a, bit, &same, err);
			}
	}
	if (st != BG_OK)
		return st;
	*differs = !same || stored != expected;
	if (*differs && write)
		return authz_rules_write(d, err);
	return BG_OK;
}

bg_status authz_roles_held(db *d, arena *a, int64_t person_id, authz_role_row **out, size_t *n, bg_error *err)
{
	int64_t count = 0;
	*out = NULL;
	*n = 0;
	bg_status st = db_scalar(d, err, &count, NULL, "SELECT count(*) FROM roles WHERE person_id = ?", "i", person_id);
	if (st != BG_OK || count == 0)
		return st;
	*out = arena_alloc(a, (size_t)count * sizeof **out);
	db_stmt *q = db_query(d, "SELECT r.role, r.scope_type, coalesce(c.name, u.name, ''), r.scope_id FROM roles r"
				 " LEFT JOIN cooperatives c ON r.scope_type = 'cooperative' AND c.id = r.scope_id"
				 " LEFT JOIN units u ON r.scope_type = 'unit' AND u.id = r.scope_id"
				 " WHERE r.person_id = ? ORDER BY r.scope_type, r.scope_id, r.role",
			      "i", person_id);
	while (*n < (size_t)count && db_next(q) == 1) {
		authz_role_row *r = &(*out)[(*n)++];
		r->role = arena_strdup(a, db_text(q, 0));
		r->scope_type = arena_strdup(a, db_text(q, 1));
		r->scope_name = arena_strdup(a, db_text(q, 2));
		r->scope_id = db_int(q, 3);
	}
	if (db_done(q) != BG_OK)
		return bg_db_fail(err);
	return BG_OK;
}

/* Checks that the actor may change roles in scope s. */
static bg_status authz_may_grant(db *d, int64_t actor_id, scope s, bg_error *err)
{
	if (actor_id == 0)
		return BG_OK;
	if (s.type == SCOPE_GROUP)
		return authz_check(d, actor_id, AUTHZ_GROUP_ADMINISTER, s, err);
	return authz_check(d, actor_id, AUTHZ_COOP_ADMINISTER, s, err);
}

static bg_status authz_scope_exists(db *d, scope s, bg_error *err)
{
	if (s.type == SCOPE_GROUP)
		return s.id == 0 ? BG_OK : bg_fail(err, BG_ERR_INVALID, "invalid_scope", "scope_id",
						   N_("This scope does not exist."));
	bool found = false;
	int64_t one;
	bg_status st = db_scalar(d, err, &one, &found,
				 s.type == SCOPE_COOPERATIVE ? "SELECT 1 FROM cooperatives WHERE id = ?"
							     : "SELECT 1 FROM units WHERE id = ?",
				 "i", s.id);
	if (st == BG_OK && !found)
		return bg_fail(err, BG_ERR_INVALID, "invalid_scope", "scope_id",
			       N_("This scope does not exist."));
	return st;
}

static char *authz_role_json(char *out, size_t cap, int64_t person_id, role r, scope s)
{
	snprintf(out, cap, "{\"person_id\":%lld,\"role\":\"%s\",\"scope\":\"%s\",\"scope_id\":%lld}",
		 (long long)person_id, authz_role_name(r), authz_scope_name(s.type), (long long)s.id);
	return out;
}

bg_status authz_grant(db *d, int64_t actor_id, int64_t person_id, role r, scope s, bg_error *err)
{
	if (!authz_role_name(r))
		return bg_fail(err, BG_ERR_INVALID, "invalid_role", "role", N_("Unknown role."));
	bg_status st = authz_may_grant(d, actor_id, s, err);
	if (st == BG_OK)
		st = authz_scope_exists(d, s, err);
	/* only once the actor may grant here: no oracle of who exists */
	int64_t one;
	bool found = false;
	if (st == BG_OK)
		st = db_scalar(d, err, &one, &found, "SELECT 1 FROM people WHERE id = ?", "i", person_id);
	if (st == BG_OK && !found)
		st = bg_fail(err, BG_ERR_INVALID, "unknown_person", "person_id", N_("This person does not exist."));
	if (st != BG_OK)
		return st;
	int64_t id = 0;
	bool granted = false; /* no row: the role was held already */
	st = db_scalar(d, err, &id, &granted, "INSERT INTO roles(person_id, role, scope_type, scope_id,"
					      " granted_at, granted_by) VALUES (?, ?, ?, ?, ?, ?)"
					      " ON CONFLICT DO NOTHING RETURNING id",
		       "issiiI", person_id, authz_role_name(r), authz_scope_name(s.type), s.id,
		       date_now(), actor_id);
	if (st != BG_OK || !granted)
		return st;
	char after[256];
	return audit_record(d, actor_id, "grant", "role", id, NULL,
			    authz_role_json(after, sizeof after, person_id, r, s), err);
}

bg_status authz_revoke(db *d, int64_t actor_id, int64_t person_id, role r, scope s, bg_error *err)
{
	if (!authz_role_name(r))
		return bg_fail(err, BG_ERR_INVALID, "invalid_role", "role", N_("Unknown role."));
	bg_status st = authz_may_grant(d, actor_id, s, err);
	if (st != BG_OK)
		return st;
	st = db_exec(d, err, "DELETE FROM roles WHERE person_id = ? AND role = ? AND scope_type = ?"
			     " AND scope_id = ?",
		     "issi", person_id, authz_role_name(r), authz_scope_name(s.type), s.id);
	if (st != BG_OK)
		return st;
	if (db_changes(d) == 0)
		return bg_fail(err, BG_ERR_NOT_FOUND, "not_found", "role",
			       N_("This person does not hold this role."));
	char before[256];
	return audit_record(d, actor_id, "revoke", "role", person_id,
			    authz_role_json(before, sizeof before, person_id, r, s), NULL, err);
}
