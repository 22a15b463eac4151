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

typedef enum authz_action {
	AUTHZ_GROUP_ADMINISTER,   /* configure the group, grant any role */
	AUTHZ_COOP_READ,          /* see a cooperative's internal pages */
	AUTHZ_COOP_ADMINISTER,    /* configure a cooperative, grant roles in it */
	AUTHZ_PEOPLE_ADMINISTER,  /* create, disable accounts in a scope */
	AUTHZ_AUDIT_READ,         /* read the audit trail of a scope */
	AUTHZ_NET_MEMBERSHIP_MANAGE, /* set people's membership status in a cooperative */
	AUTHZ_NET_ORG_MANAGE,     /* create, change organisations of a cooperative */
	AUTHZ_NET_IMPORT,         /* import people or organisations into a cooperative */
	AUTHZ_PLACE_BOOK,         /* book in a place restricted to its owner's scope */
	AUTHZ_PLACE_MANAGE,       /* manage a place, its resources, approve bookings */
	AUTHZ_SESSION_MANAGE,     /* schedule information sessions, see registrations */
	AUTHZ_NEWCOMER_MANAGE,    /* follow newcomers on the welcome path, see statistics */
	AUTHZ_PATH_CONFIGURE,     /* configure a cooperative's welcome path */
	AUTHZ_ECONOMY_READ,       /* see every activity, document and the ledger of a cooperative */
	AUTHZ_ECONOMY_USE,        /* hold activities: clients, quotes, invoices, expenses of one's own */
	AUTHZ_LEDGER_POST,        /* validate documents, record payments, post and reverse entries */
	AUTHZ_LEDGER_ADMINISTER,  /* edit the chart of accounts and the economic settings */
	AUTHZ_ACTION_COUNT
} authz_action;

/* Role name ("member") ↔ bit; 0 / NULL when unknown. */
role authz_role_from_name(const char *name);
const char *authz_role_name(role r);
const char *authz_scope_name(scope_type t);

/* The roles (bit set) that person_id holds that apply to scope s. */
bg_status authz_roles_in(db *d, int64_t person_id, scope s, unsigned *roles, bg_error *err);
/* The decision: may person_id do action in s? (see the header comment) */
bg_status authz_check(db *d, int64_t person_id, authz_action action, scope s, bg_error *err);

/* May person_id do action in at least one scope?  BG_OK when one of their
 * roles allows it where it is held; else BG_ERR_NOT_FOUND when they hold no
 * role at all, BG_ERR_FORBIDDEN when their roles do not allow it (for a page
 * of work done in many scopes, such as the hosts' dashboard). */
bg_status authz_check_somewhere(db *d, int64_t person_id, authz_action action, bg_error *err);
/* Appends to out the JSON array ("[1,3]") of the ids of the cooperatives
 * (t = SCOPE_COOPERATIVE) or units (SCOPE_UNIT) where authz_check allows
 * person_id the action: for a listing's "col IN (SELECT value FROM
 * json_each(?))", so that lists and actions decide alike. */
bg_status authz_ids_json(db *d, int64_t person_id, authz_action action, scope_type t, buf *out, bg_error *err);

/* Grants or revokes a role (write transaction; audited).  The actor must be
 * allowed AUTHZ_COOP_ADMINISTER in the scope (or the group's for a group
 * role); actor_id 0 is the command line, allowed everything. */
bg_status authz_grant(db *d, int64_t actor_id, int64_t person_id, role r, scope s, bg_error *err);
bg_status authz_revoke(db *d, int64_t actor_id, int64_t person_id, role r, scope s, bg_error *err);

#endif
