/*
 * economy_demo.c — the demo's economy: activities for the demo members,
 * their clients, and a year (2026) of quotes, invoices, payments, expense
 * reports and supplier invoices, all posted through the same domain
 * functions as the application (so the ledger is consistent by
 * construction and `bigre check` passes on the demo).
 *
 * Deterministic: a fixed-seed xorshift generator, fixed dates.  Leaves
 * some work for the validation queues: draft invoices, a submitted expense
 * report, unpaid and partly paid invoices.
 */
#include "economy/economy.h"
#include "economy/ledger.h"
#include <stdio.h>
#include <string.h>

static uint64_t demo_state = 0x2545F4914F6CDD1DULL;

/* xorshift64*: the same sequence on every run. */
static uint64_t demo_rand(void)
{
	demo_state ^= demo_state >> 12;
	demo_state ^= demo_state << 25;
	demo_state ^= demo_state >> 27;
	return demo_state * 0x2545F4914F6CDD1DULL;
}

/* A deterministic integer in [lo, hi]. */
static int64_t demo_between(int64_t lo, int64_t hi)
{
	return lo + (int64_t)(demo_rand() % (uint64_t)(hi - lo + 1));
}

/* The id of a demo account by its email into *id (0 when absent). */
static bg_status demo_person(db *d, const char *email, int64_t *id, bg_error *err)
{
	*id = 0;
	return db_scalar(d, err, id, NULL, "SELECT id FROM people WHERE email = ?", "s", email);
}

typedef struct demo_activity {
	const char *code, *name, *emails[2];
	int coop; /* 1-based */
	const char *service;
	int64_t day_rate; /* cents excl. VAT */
	int64_t vat_bp;
} demo_activity;

static const demo_activity demo_activities[] = {
	{"LEA-GRAPH", "Léa Dubois — graphisme", {"membre@bigre.coop", NULL}, 1,
	 "Création graphique : maquettes, déclinaisons, révisions", 45000, 2000},
	{"KARIM-CUISINE", "Cuisine de Karim — traiteur", {"hote@bigre.coop", NULL}, 1,
	 "Prestation traiteur : buffet, service et vaisselle", 32000, 1000},
	{"COLLECTIF-WEB", "Collectif Web (Léa & Julien)", {"membre@bigre.coop", "accompagnement@bigre.coop"}, 1,
	 "Développement web : intégration, tests et mise en ligne", 55000, 2000},
	{"AMINA-TRAD", "Amina Diallo — traduction", {"associe@bigre.coop", NULL}, 2,
	 "Traduction français–anglais, relecture comprise", 38000, 2000},
};

static const struct {
	const char *kind, *name, *siren, *vat, *address;
} demo_clients[] = {
	{"company", "Mairie de Bègles", "213300395", NULL, "77 rue Calixte Camelle, 33130 Bègles"},
	{"company", "Librairie Mollat", "457200913", "FR53457200913", "15 rue Vital-Carles, 33000 Bordeaux"},
	{"individual", "Marie-Hélène Lefèvre", NULL, NULL, "4 allée des Tilleuls, 24000 Périgueux"},
	{"company", "Association Les Petits Débrouillards", "340123454", NULL, "12 cours Victor Hugo, 33000 Bordeaux"},
};

/* Runs one domain step; keeps the first error. */
#define DEMO_TRY(call)                          \
	do {                                    \
		if (st == BG_OK)                \
			st = (call);            \
	} while (0)

bg_status economy_demo_seed(db *d, bg_error *err)
{
	bg_status st = BG_OK;
	int64_t coops[3] = {0};
	db_stmt *q = db_query(d, "SELECT id FROM cooperatives ORDER BY id LIMIT 3", NULL);
	for (int i = 0; q && i < 3 && db_next(q) == 1; i++)
		coops[i] = db_int(q, 0);
	if (db_done(q) != BG_OK)
		return bg_db_fail(err);
	if (!coops[0] || !coops[1])
		return BG_OK;
	int64_t accountant = 0;
	DEMO_TRY(demo_person(d, "compta@bigre.coop", &accountant, err));
	static const char *const vats[] = {"FR49448762526", "FR41410829477"};
	for (int i = 0; st == BG_OK && i < 2; i++) {
		DEMO_TRY(ledger_coop_init(d, coops[i], err));
		DEMO_TRY(db_exec(d, err, "UPDATE economy_settings SET vat_number = ?, rcs = ?,"
					 " capital_text = 'SCOP SA à capital variable', self_validation_max = 150000"
					 " WHERE cooperative_id = ?",
				 "ssi", vats[i], i ? "RCS Bordeaux 410 829 477" : "RCS Paris 448 762 526",
				 coops[i]));
	}
	enum { NACT = sizeof demo_activities / sizeof *demo_activities };
	int64_t act_ids[NACT] = {0}, owner[NACT] = {0}, clients[NACT][4] = {{0}};
	for (int i = 0; st == BG_OK && i < NACT; i++) {
		const demo_activity *a = &demo_activities[i];
		int64_t members[2];
		size_t n = 0;
		for (int k = 0; st == BG_OK && k < 2 && a->emails[k]; k++) {
			DEMO_TRY(demo_person(d, a->emails[k], &members[n], err));
			if (members[n])
				n++;
		}
		if (!n)
			continue;
		owner[i] = members[0];
		DEMO_TRY(activity_create(d, 0, coops[a->coop - 1], a->code, a->name, members, n, i == 2 ? 800 : -1,
					 &act_ids[i], err));
		for (int c = 0; st == BG_OK && c < 4; c++) {
			client_in in = {act_ids[i], demo_clients[c].kind, demo_clients[c].name, demo_clients[c].siren,
					demo_clients[c].vat, demo_clients[c].address, NULL, c == 2 ? 0 : 30, NULL, NULL};
			DEMO_TRY(client_create(d, owner[i], &in, &clients[i][c], err));
		}
	}
	/* a year of invoices, month by month; each journal in date order
	 * (ledger_post refuses an inversion): in a month, first the payments
	 * of the previous month's invoices (BQ, day 1 to 23, activity by
	 * activity), then the month's invoices (VT, day 2 + 6 per activity),
	 * then the expenses (AC and BQ, the 27th) */
	char date[32], pay[32], supply[32];
	struct {
		int64_t invoice, amount;
		int day;
	} due[NACT] = {{0}};
	for (int month = 1; st == BG_OK && month <= 11; month++) {
		for (int i = 0; st == BG_OK && i < NACT; i++) {
			if (!due[i].invoice)
				continue;
			static const char *const methods[] = {"transfer", "cheque", "card", "transfer"};
			int64_t pid;
			payment_alloc alloc = {due[i].invoice, due[i].amount};
			snprintf(pay, sizeof pay, "2026-%02d-%02d", month, due[i].day);
			DEMO_TRY(payment_record(d, demo_activities[i].coop == 1 ? accountant : 0, pay, methods[(month - 1) % 4],
						"Relevé bancaire", &alloc, 1, &pid, err));
			due[i].invoice = 0;
		}
		for (int i = 0; st == BG_OK && i < NACT; i++) {
			if (!act_ids[i])
				continue;
			const demo_activity *a = &demo_activities[i];
			int64_t validator = a->coop == 1 ? accountant : 0;
			int day = 2 + i * 6;
			snprintf(date, sizeof date, "2026-%02d-%02d", month, day);
			snprintf(supply, sizeof supply, "2026-%02d-%02d", month, day > 3 ? day - 3 : 1);
			int c = (int)demo_between(0, 3);
			int64_t days_milli = demo_between(1, 12) * 500; /* half days */
			sales_line_in lines[2] = {
				{a->service, days_milli, a->day_rate, a->vat_bp, month == 6 ? 1000 : 0, false},
				{"Frais de déplacement forfaitaires", 1000, demo_between(20, 90) * 100, 2000, 0, false},
			};
			sales_doc_in in = {act_ids[i], clients[i][c], "invoice", date, month % 3 ? NULL : supply,
					   "Prestation du mois", "", NULL, lines, month % 2 ? 2 : 1};
			int64_t inv = 0;
			DEMO_TRY(sales_create(d, owner[i], &in, &inv, err));
			if (month == 11 && i == 0)
				continue; /* a draft waiting for validation */
			DEMO_TRY(sales_validate(d, validator, inv, date, err));
			if (month == 11)
				continue; /* recent: unpaid */
			int64_t ttc = 0;
			DEMO_TRY(db_scalar(d, err, &ttc, NULL, "SELECT total_ttc FROM sales_documents WHERE id = ?", "i", inv));
			int pay_day = (int)demo_between(1, 5) + i * 6; /* next month, in the order of activities */
			if (month == 4 && i == 1) {
				int64_t cn;
				DEMO_TRY(sales_credit_note(d, validator, inv, date, &cn, err));
				continue;
			}
			DEMO_TRY(sales_mark_sent(d, owner[i], inv, err));
			due[i].invoice = inv;
			due[i].amount = month == 10 ? ttc / 2 : ttc;
			due[i].day = pay_day;
		}
		/* expense reports and a supplier invoice each month */
		for (int i = 0; st == BG_OK && i < NACT; i++) {
			if (!act_ids[i])
				continue;
			int64_t validator = demo_activities[i].coop == 1 ? accountant : 0;
			snprintf(date, sizeof date, "2026-%02d-%02d", month, 20);
			expense_line_in lines[3] = {
				{date, "travel", "Train aller-retour", demo_between(40, 150) * 100, 0, 0, 0},
				{date, "meals", "Repas client", demo_between(15, 60) * 100, 0, 0, 0},
				{date, "mileage", "Déplacement client", 0, 0, demo_between(20, 200), 0},
			};
			lines[0].vat = lines[0].amount_ttc / 11; /* 10 % VAT included */
			lines[1].vat = lines[1].amount_ttc / 11;
			expense_in in = {act_ids[i], "expense", "Frais du mois", NULL, NULL, lines, 3, NULL};
			int64_t e = 0;
			DEMO_TRY(expense_create(d, owner[i], &in, &e, err));
			DEMO_TRY(expense_submit(d, owner[i], e, err));
			if (month == 11)
				continue; /* in the validation queue */
			snprintf(pay, sizeof pay, "2026-%02d-%02d", month, 27);
			DEMO_TRY(expense_decide(d, validator, e, true, NULL, pay, err));
			DEMO_TRY(expense_pay(d, validator, e, pay, err));
			if (month % 3 == 0) {
				expense_line_in sl[1] = {{date, "supplies", "Papier et encre", demo_between(50, 300) * 100, 0, 0, 0}};
				sl[0].vat = sl[0].amount_ttc / 6; /* 20 % VAT included */
				expense_in si = {act_ids[i], "supplier_invoice", "Fournitures", "Bureau Vallée", "F-2026-118", sl, 1, NULL};
				DEMO_TRY(expense_create(d, owner[i], &si, &e, err));
				DEMO_TRY(expense_submit(d, owner[i], e, err));
				DEMO_TRY(expense_decide(d, validator, e, true, NULL, pay, err));
			}
		}
	}
	/* a quote, partly invoiced */
	if (st == BG_OK && act_ids[0]) {
		sales_line_in lines[2] = {
			{"Charte graphique complète", 1000, 180000, 2000, 0, false},
			{"Déclinaison sur supports imprimés", 3000, 25000, 2000, 0, false},
		};
		sales_doc_in in = {act_ids[0], clients[0][1], "quote", "2026-11-20", NULL, "Refonte de l'identité visuelle",
				   "", NULL, lines, 2};
		int64_t quote = 0, inv = 0, pos[] = {1};
		DEMO_TRY(sales_create(d, owner[0], &in, &quote, err));
		DEMO_TRY(sales_invoice_from_quote(d, owner[0], quote, pos, 1, &inv, err));
	}
	return st;
}
