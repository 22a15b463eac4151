/*
 * demo.c — the demo database's content.  Deterministic: the same binary
 * always builds the same demo.  The accounts below are listed in README.md;
 * all use the password "bigre-demo", accepted only because the database is
 * marked as a demo (meta demo = 1).
 */
#include "auth/account.h"
#include "auth/authz.h"
#include "auth/password.h"
#include "cli/cli.h"
#include "core/date.h"
#include "network/network.h"
#include "hospitality/hospitality.h"
#include "economy/economy.h"

typedef struct demo_account {
	const char *email, *name;
	role r;
	scope_type where;
	int index; /* 1-based cooperative or unit, 0 for the group */
} demo_account;

static const demo_account demo_accounts[] = {
	{"admin@bigre.coop", "Camille Martin", ROLE_ADMIN, SCOPE_GROUP, 0},
	{"membre@bigre.coop", "Léa Dubois", ROLE_MEMBER, SCOPE_COOPERATIVE, 1},
	{"hote@bigre.coop", "Karim Benali", ROLE_HOST, SCOPE_UNIT, 1},
	{"compta@bigre.coop", "Sophie Laurent", ROLE_ACCOUNTANT, SCOPE_COOPERATIVE, 1},
	{"accompagnement@bigre.coop", "Julien Moreau", ROLE_ACCOMPANIST, SCOPE_COOPERATIVE, 1},
	{"associe@bigre.coop", "Amina Diallo", ROLE_ASSOCIATE, SCOPE_COOPERATIVE, 2},
};

bg_status demo_seed(db *d, bg_error *err)
{
	int64_t now = date_now();
	bg_status st = db_exec(d, err, "INSERT INTO meta(key, value) VALUES ('demo', '1')"
				       " ON CONFLICT(key) DO UPDATE SET value = excluded.value", NULL);
	static const char *const coops[][3] = {
		{"Coopaname", "CAE", "448762526"},
		{"Oxalis", "CAE", "410829477"},
		{"SMart", "SCIC", "838255628"},
	};
	int64_t coop_ids[3] = {0}, unit_ids[2] = {0};
	for (int i = 0; st == BG_OK && i < 3; i++) {
		st = db_scalar(d, err, &coop_ids[i], NULL, "INSERT INTO cooperatives(name, legal_form, siren,"
							   " created_at) VALUES (?, ?, ?, ?) RETURNING id",
			       "sssi", coops[i][0], coops[i][1], coops[i][2], now);
	}
	static const char *const units[] = {"B!bx — Bordeaux", "Antenne de Périgueux"};
	for (int i = 0; st == BG_OK && i < 2; i++) {
		st = db_scalar(d, err, &unit_ids[i], NULL, "INSERT INTO units(cooperative_id, name, created_at)"
							   " VALUES (?, ?, ?) RETURNING id",
			       "isi", coop_ids[i], units[i], now);
	}
	for (size_t i = 0; st == BG_OK && i < sizeof demo_accounts / sizeof *demo_accounts; i++) {
		const demo_account *a = &demo_accounts[i];
		int64_t id;
		st = account_create(d, 0, a->email, a->name, PASSWORD_DEMO, "fr", &id, err);
		scope s = {a->where, a->where == SCOPE_GROUP ? 0
				     : a->where == SCOPE_COOPERATIVE ? coop_ids[a->index - 1]
								     : unit_ids[a->index - 1]};
		if (st == BG_OK)
			st = authz_grant(d, 0, id, a->r, s, err);
		/* everyone in the demo is also a member of a cooperative */
		if (st == BG_OK && a->r != ROLE_MEMBER && a->where != SCOPE_GROUP)
			st = authz_grant(d, 0, id, ROLE_MEMBER,
					 (scope){SCOPE_COOPERATIVE, coop_ids[a->where == SCOPE_UNIT ? 0 : a->index - 1]},
					 err);
	}
	if (st == BG_OK)
		st = network_demo_seed(d, coop_ids, unit_ids, err);
	if (st == BG_OK)
		st = hospitality_demo_seed(d, err);
	if (st == BG_OK)
		st = economy_demo_seed(d, err);
	/* The mail the demo's history produced counts as sent: a fresh demo must
	 * not flood a real relay with messages to invented addresses. */
	if (st == BG_OK)
		st = db_exec(d, err, "UPDATE outbox SET status = 'sent', sent_at = created_at"
				     " WHERE status = 'pending'", NULL);
	return st;
}
