/*
 * authz.h — the one authorisation function.
 *
 * A person holds roles, each in a scope: the group, a cooperative, or a
 * unit.  A role held in the group applies everywhere; one held in a
 * cooperative applies to it and to its units; one held in a unit applies
 * to that unit.  Each action lists the roles that may perform it
 * (authz.c, authz_rules): to add a capability, add an action and its rule
 * there, and call authz_check() at the top of the domain function.
 *
 * Answers: BG_OK; BG_ERR_NOT_FOUND when the person holds no role at all
 * where the data lives (the data of a cooperative one has nothing to do
 * with does not even exist for them); BG_ERR_FORBIDDEN when they are in
 * the scope but their roles do not allow the action.
 */
#ifndef BG_AUTHZ_H
#define BG_AUTHZ_H
#include <stdint.h>
#include "core/arena.h"
#include "core/buf.h"
#include "db/db.h"

typedef enum scope_type { SCOPE_GROUP, SCOPE_COOPERATIVE, SCOPE_UNIT } scope_type;

typedef struct scope {
	scope_type type;
	int64_t id; /* 0 for the group */
} scope;

typedef enum role {
	ROLE_NEWCOMER = 1 << 0,
	ROLE_MEMBER = 1 << 1,
	ROLE_ASSOCIATE = 1 << 2,
	ROLE_HOST = 1 << 3,
	ROLE_FACILITATOR = 1 << 4,
	ROLE_ACCOMPANIST = 1 << 5,
	ROLE_ACCOUNTANT = 1 << 6,
	ROLE_ADMIN = 1 << 7,
	ROLE_PARTNER = 1 << 8,
} role;

#define ROLE_ANY 0x1ff

/* The actions, each with the comment that says what it allows.  One list,
 * expanded into the enum below and into the names stored in authz_rules
 * (the enum name without AUTHZ_, e.g. 'ECONOMY_READ'), so that the C table
 * and the SQL condition cannot name an action differently. */
#define AUTHZ_ACTIONS(X)                                                                          \
	X(GROUP_ADMINISTER)       /* configure the group, grant any role */                           \
	X(COOP_READ)              /* see a cooperative's internal pages */                            \
	X(COOP_ADMINISTER)        /* configure a cooperative, grant roles in it */                    \
	X(PEOPLE_ADMINISTER)      /* create, disable accounts in a scope */                           \
	X(AUDIT_READ)             /* read the audit trail of a scope */                               \
	X(NET_MEMBERSHIP_MANAGE)  /* set people's membership status in a cooperative */               \
	X(NET_ORG_MANAGE)         /* create, change organisations of a cooperative */                 \
	X(NET_IMPORT)             /* import people or organisations into a cooperative */             \
	X(ADMIN_OPEN)             /* open the administration pages (somewhere to administer) */      \
	X(GROUP_SEE)              /* see what the group shows its own people (directory level) */     \
	X(PLACE_SEE)              /* see the group's places and book the open ones (any role) */      \
	X(PLACE_BOOK)             /* book in a place restricted to its owner's scope */               \
	X(PLACE_MANAGE)           /* manage a place, its resources, approve bookings */               \
	X(SESSION_MANAGE)         /* schedule information sessions, see registrations */             \
	X(NEWCOMER_MANAGE)        /* follow newcomers on the welcome path, see statistics */          \
	X(PATH_CONFIGURE)         /* configure a cooperative's welcome path */                        \
	X(ECONOMY_READ)           /* see every activity, document and the ledger of a cooperative */  \
	X(ECONOMY_USE)            /* hold activities: clients, quotes, invoices, expenses of one's own */ \
	X(LEDGER_POST)            /* validate documents, record payments, post and reverse entries */ \
	X(LEDGER_ADMINISTER)      /* edit the chart of accounts and the economic settings */

#define AUTHZ_ENUM_ITEM(name) AUTHZ_##name,
typedef enum authz_action { AUTHZ_ACTIONS(AUTHZ_ENUM_ITEM) AUTHZ_ACTION_COUNT } authz_action;
#undef AUTHZ_ENUM_ITEM

/*
 * The rules as SQL: the only role condition allowed in a query.
 *
 * AUTHZ_SQL_ALLOWED(ACTION, person, coop, unit) is true when authz_check
 * would allow the person the action in the scope of the row:
 *   - unit not NULL: the unit (roles of the group, of the unit's
 *     cooperative units.cooperative_id, and of the unit itself);
 *   - else coop not NULL: the cooperative (roles of the group, of the
 *     cooperative, and the unit_reach roles of the units spanning it);
 *   - both NULL: the group (roles held in the group).
 * ACTION is the enum name without AUTHZ_ (ECONOMY_READ); person, coop and
 * unit are SQL expressions (column names, "NULL").  person appears once, so
 * it may be "?"; coop and unit appear several times: columns or constants,
 * never "?".  Example, the activities an accountant may see:
 *   "SELECT a.id FROM activities a WHERE "
 *   AUTHZ_SQL_ALLOWED(ECONOMY_READ, "?", "a.cooperative_id", "NULL")
 * It reads the table authz_rules, written from authz.c at migration
 * (authz_rules_sync); tests/unit/test_authz_sql.c checks that it agrees
 * with authz_check for every action, role and scope.
 */
#define AUTHZ_SQL_ALLOWED(action, person, coop, unit)                                                      \
	"EXISTS (SELECT 1 FROM roles az_r JOIN authz_rules az ON az.role = az_r.role"                      \
	" AND az.action = '" #action "' WHERE az_r.person_id = (" person ") AND (az_r.scope_type = 'group'" \
	" OR (az_r.scope_type = 'cooperative' AND az_r.scope_id = CASE WHEN (" unit ") IS NULL"             \
	" THEN (" coop ") ELSE (SELECT az_u.cooperative_id FROM units az_u WHERE az_u.id = (" unit "))"     \
	" END) OR (az_r.scope_type = 'unit' AND az_r.scope_id = (" unit "))"                               \
	" OR (az.unit_reach = 1 AND (" unit ") IS NULL AND az_r.scope_type = 'unit' AND az_r.scope_id IN"  \
	" (SELECT az_uc.unit_id FROM unit_cooperatives az_uc WHERE az_uc.cooperative_id = (" coop ")))))"
/* True when one of the person's roles, wherever held, allows ACTION: the
 * SQL of authz_check_somewhere (e.g. "any role anywhere" is PLACE_SEE). */
#define AUTHZ_SQL_SOMEWHERE(action, person)                                                                \
	"EXISTS (SELECT 1 FROM roles az_r JOIN authz_rules az ON az.role = az_r.role"                      \
	" AND az.action = '" #action "' WHERE az_r.person_id = (" person "))"

/* The name of an action in authz_rules ("ECONOMY_READ"); NULL when unknown. */
const char *authz_action_name(authz_action a);
/* Makes the table authz_rules hold exactly the rules of authz.c.  With
 * write false only tells (*differs) whether it holds something else; with
 * write true (inside a write transaction) also rewrites it then.  Given to
 * migrate_apply, which calls it after the migrations (see migrate.h). */
bg_status authz_rules_sync(db *d, bool write, bool *differs, bg_error *err) BG_MUST_CHECK;

/* Role name ("member") ↔ bit; 0 / NULL when unknown. */
role authz_role_from_name(const char *name);
const char *authz_role_name(role r);
const char *authz_scope_name(scope_type t);

/* The roles (bit set) that person_id holds that apply to scope s. */
bg_status authz_roles_in(db *d, int64_t person_id, scope s, unsigned *roles, bg_error *err) BG_MUST_CHECK;
/* The decision: may person_id do action in s? (see the header comment) */
bg_status authz_check(db *d, int64_t person_id, authz_action action, scope s, bg_error *err) BG_MUST_CHECK;

/* May person_id do action in at least one scope?  BG_OK when one of their
 * roles allows it where it is held; else BG_ERR_NOT_FOUND when they hold no
 * role at all, BG_ERR_FORBIDDEN when their roles do not allow it (for a page
 * of work done in many scopes, such as the hosts' dashboard). */
bg_status authz_check_somewhere(db *d, int64_t person_id, authz_action action, bg_error *err) BG_MUST_CHECK;
/* Appends to out the JSON array ("[1,3]") of the ids of the cooperatives
 * (t = SCOPE_COOPERATIVE) or units (SCOPE_UNIT) where authz_check allows
 * person_id the action: for a listing's "col IN (SELECT value FROM
 * json_each(?))", so that lists and actions decide alike. */
bg_status authz_ids_json(db *d, int64_t person_id, authz_action action, scope_type t, buf *out, bg_error *err) BG_MUST_CHECK;

/* A role as the person's own page shows it: the role's and the scope
 * type's names, the scope's id and the name of the cooperative or unit
 * ("" for the group). */
typedef struct authz_role_row {
	const char *role, *scope_type, *scope_name;
	int64_t scope_id;
} authz_role_row;
/* The roles person_id holds, by scope type, scope id, then role, in a. */
bg_status authz_roles_held(db *d, arena *a, int64_t person_id, authz_role_row **out, size_t *n, bg_error *err) BG_MUST_CHECK;

/* Grants or revokes a role (write transaction; audited).  The actor must be
 * allowed AUTHZ_COOP_ADMINISTER in the scope (or the group's for a group
 * role); actor_id 0 is the command line, allowed everything. */
bg_status authz_grant(db *d, int64_t actor_id, int64_t person_id, role r, scope s, bg_error *err) BG_MUST_CHECK;
bg_status authz_revoke(db *d, int64_t actor_id, int64_t person_id, role r, scope s, bg_error *err) BG_MUST_CHECK;

#endif
