/*
 * hospitality_demo.c — the demo group's places, bookings, information
 * sessions, registrations and newcomers.
 *
 * Deterministic: a fixed-seed xorshift generator picks every choice, and
 * dates are counted in whole days from today (so that the month of
 * bookings and the sessions are always ahead).  Runs after the core demo
 * (cooperatives 1–3, units 1–2, the demo accounts) and adds one account:
 * accueil@bigre.coop, host of Coopaname (password "bigre-demo").
 */
#include "hospitality/hosp_internal.h"
#include "auth/account.h"
#include "auth/authz.h"
#include "auth/password.h"
#include "core/date.h"

/* xorshift64*, seeded: the same sequence on every run. */
static uint64_t demo_rng = 0x9E3779B97F4A7C15ull;
static uint32_t demo_next(uint32_t n)
{
	demo_rng ^= demo_rng >> 12;
	demo_rng ^= demo_rng << 25;
	demo_rng ^= demo_rng >> 27;
	return (uint32_t)((demo_rng * 0x2545F4914F6CDD1Dull) >> 33) % n;
}

typedef struct demo_place {
	const char *name, *owner_type;
	int owner_index;
	const char *address, *postcode, *city, *territory, *access;
	int restricted, saturday, release;
	int64_t lat_e6, lon_e6; /* position on the map of places */
} demo_place;

static const demo_place demo_places[] = {
	{"La Ruche — Chartrons", "cooperative", 1, "12 quai des Chartrons", "33000", "Bordeaux", "Gironde",
	 "Plain-pied, toilettes accessibles, boucle magnétique en salle Garonne.", 0, 1, 0, 44853000, -570000},
	{"Darwin — Bastide", "unit", 1, "87 quai des Queyries", "33100", "Bordeaux", "Gironde",
	 "Ascenseur ; places PMR sur le parking.", 0, 0, 30, 44849700, -559600},
	{"Tiers-lieu de Mérignac", "cooperative", 1, "4 avenue de l'Yser", "33700", "Mérignac", "Gironde",
	 "Accès en fauteuil par l'entrée latérale.", 0, 0, 0, 44838600, -643600},
	{"Maison des initiatives — Périgueux", "unit", 2, "10 rue Wilson", "24000", "Périgueux", "Dordogne",
	 "Étage sans ascenseur : prévenir pour un accueil au rez-de-chaussée.", 0, 1, 0, 45184200, 721400},
	{"Oxalis — Annecy", "cooperative", 2, "3 rue de la Gare", "74000", "Annecy", "Haute-Savoie",
	 "Plain-pied.", 0, 0, 0, 45902000, 6122300},
	{"Atelier des Pentes — Lyon", "cooperative", 2, "21 montée de la Grande-Côte", "69001", "Lyon",
	 "Rhône", "Escaliers : atelier non accessible en fauteuil.", 1, 0, 0, 45770000, 4831600},
	{"SMart — Paris Belleville", "cooperative", 3, "45 rue de Belleville", "75019", "Paris",
	 "Paris", "Ascenseur, toilettes accessibles.", 0, 1, 0, 48872200, 2378500},
};

static const char *const demo_referrers[] = {"France Travail", "Mission locale", "Cap emploi",
	"Chambre de commerce", "Bouche-à-oreille", "Réseau Entreprendre"};

static const char *const demo_first[] = {"Inès", "Thomas", "Nadia", "Hugo", "Chloé", "Yanis",
	"Manon", "Bastien", "Aïcha", "Lucas", "Élodie", "Mehdi", "Sarah", "Romain", "Fatou", "Paul"};
static const char *const demo_last[] = {"Garcia", "Lefèvre", "Haddad", "Roux", "Nguyen", "Faure",
	"Bernard", "Mercier", "Diop", "Girard", "Blanc", "Chevalier"};
static const char *const demo_postcodes[] = {"33000", "33100", "33800", "33400", "24000",
	"74000", "69001", "75019", "33700", "33130"};

/* The id of a demo account by email (0 when absent). */
static int64_t demo_person(db *d, const char *email)
{
	person p;
	return account_find_email(d, email, &p, NULL) == BG_OK ? p.id : 0;
}

bg_status hospitality_demo_seed(db *d, bg_error *err)
{
	int64_t coops[3] = {0}, units[2] = {0};
	db_stmt *s = db_query(d, "SELECT id FROM cooperatives ORDER BY id LIMIT 3", NULL);
	for (int i = 0; i < 3 && db_next(s) == 1; i++)
		coops[i] = db_int(s, 0);
	if (db_done(s) != BG_OK)
		return bg_db_fail(err);
	s = db_query(d, "SELECT id FROM units ORDER BY id LIMIT 2", NULL);
	for (int i = 0; i < 2 && db_next(s) == 1; i++)
		units[i] = db_int(s, 0);
	if (db_done(s) != BG_OK)
		return bg_db_fail(err);
	if (!coops[2] || !units[1])
		return BG_OK; /* no core demo: nothing to hang places on */
	int64_t admin = demo_person(d, "admin@bigre.coop"), host = demo_person(d, "hote@bigre.coop");
	int64_t member = demo_person(d, "membre@bigre.coop");
	int64_t bookers[] = {member, host, demo_person(d, "compta@bigre.coop"),
			     demo_person(d, "accompagnement@bigre.coop"), demo_person(d, "associe@bigre.coop")};
	/* the welcome host of Coopaname: sessions, newcomers, approvals */
	int64_t welcome = 0;
	bg_status st = account_create(d, 0, "accueil@bigre.coop", "Nadia Benhamou", PASSWORD_DEMO, "fr", &welcome, err);
	if (st == BG_OK)
		st = authz_grant(d, 0, welcome, ROLE_HOST, (scope){SCOPE_COOPERATIVE, coops[0]}, err);
	if (st == BG_OK)
		st = authz_grant(d, 0, welcome, ROLE_MEMBER, (scope){SCOPE_COOPERATIVE, coops[0]}, err);
	int64_t today = tz_today_days(TZ_GROUP);
	int64_t place_ids[sizeof demo_places / sizeof *demo_places] = {0};
	int64_t rooms[sizeof demo_places / sizeof *demo_places] = {0};
	int64_t all_resources[64];
	int nres = 0;
	for (size_t i = 0; st == BG_OK && i < sizeof demo_places / sizeof *demo_places; i++) {
		const demo_place *dp = &demo_places[i];
		place p;
		place_defaults(&p);
		hosp_copy(p.name, sizeof p.name, dp->name);
		hosp_copy(p.owner_type, sizeof p.owner_type, dp->owner_type);
		p.owner_id = strcmp(dp->owner_type, "unit") == 0 ? units[dp->owner_index - 1] : coops[dp->owner_index - 1];
		hosp_copy(p.address, sizeof p.address, dp->address);
		hosp_copy(p.postcode, sizeof p.postcode, dp->postcode);
		hosp_copy(p.city, sizeof p.city, dp->city);
		hosp_copy(p.territory, sizeof p.territory, dp->territory);
		hosp_copy(p.accessibility, sizeof p.accessibility, dp->access);
		p.restricted = dp->restricted;
		p.checkin_release_min = dp->release;
		p.has_position = true;
		p.latitude_e6 = dp->lat_e6;
		p.longitude_e6 = dp->lon_e6;
		place_hours hours[6];
		int nh = 0;
		for (int wd = 1; wd <= 5; wd++)
			hours[nh++] = (place_hours){wd, 8 * 60 + 30, 19 * 60};
		if (dp->saturday)
			hours[nh++] = (place_hours){6, 9 * 60, 13 * 60};
		st = place_create(d, 0, &p, hours, nh, err);
		place_ids[i] = p.id;
		/* a drawing of its façade as its photo */
		buf png;
		buf_init(&png);
		int floors = demo_photo_png((int)i, &png);
		if (st == BG_OK && floors > 0) {
			char alt[300];
			snprintf(alt, sizeof alt, "Dessin de la façade du lieu « %s » : un bâtiment de %d niveaux au toit rouge, un arbre à sa droite",
				 dp->name, floors);
			st = place_photo_set(d, 0, p.id, (const unsigned char *)png.data, png.len, alt, err);
		}
		buf_free(&png);
		/* a closure for the end-of-year holidays */
		if (st == BG_OK)
			st = db_exec(d, err, "INSERT INTO place_closures(place_id, first_day, last_day, reason)"
					     " VALUES (?, '2026-12-24', '2027-01-01', 'Fêtes de fin d''année')", "i", p.id);
		resource room, open_space, desk, machine;
		resource_defaults(&room);
		room.place_id = p.id;
		snprintf(room.name, sizeof room.name, "Salle de réunion %s", i % 2 ? "Garonne" : "Estuaire");
		hosp_copy(room.kind, sizeof room.kind, "meeting_room");
		room.buffer_min = 15;
		room.max_duration_min = 480;
		if (st == BG_OK)
			st = resource_create(d, 0, &room, err);
		rooms[i] = room.id;
		all_resources[nres++] = room.id;
		resource_defaults(&open_space);
		open_space.place_id = p.id;
		hosp_copy(open_space.name, sizeof open_space.name, "Espace partagé (entier)");
		hosp_copy(open_space.kind, sizeof open_space.kind, "office");
		open_space.needs_approval = true;
		if (st == BG_OK)
			st = resource_create(d, 0, &open_space, err);
		for (int k = 1; st == BG_OK && k <= 4; k++) {
			resource_defaults(&desk);
			desk.place_id = p.id;
			desk.parent_id = open_space.id;
			snprintf(desk.name, sizeof desk.name, "Poste %d", k);
			st = resource_create(d, 0, &desk, err);
			if (nres < 64)
				all_resources[nres++] = desk.id;
		}
		if (i == 0 || i == 5) {
			resource_defaults(&machine);
			machine.place_id = p.id;
			hosp_copy(machine.name, sizeof machine.name, i == 0 ? "Découpeuse laser" : "Atelier bois");
			hosp_copy(machine.kind, sizeof machine.kind, i == 0 ? "machine" : "workshop");
			machine.min_notice_min = 1440;
			machine.max_duration_min = 240;
			if (st == BG_OK)
				st = resource_create(d, 0, &machine, err);
		}
	}
	/* quotas: Coopaname's meeting rooms, and the demo member's */
	if (st == BG_OK)
		st = booking_set_quota(d, 0, "cooperative", coops[0], "meeting_room", 200 * 60, err);
	if (st == BG_OK)
		st = booking_set_quota(d, 0, "person", member, "meeting_room", 20 * 60, err);
	/* a month of bookings, from tomorrow */
	for (int k = 0; st == BG_OK && k < 240; k++) {
		int64_t day = today + 1 + demo_next(30);
		int weekday = (int)(((day % 7) + 7 + 3) % 7) + 1;
		if (weekday > 5)
			continue;
		int64_t rid = all_resources[demo_next((uint32_t)nres)];
		resource r;
		place p;
		if (hosp_resource_place(d, rid, &r, &p, err) != BG_OK)
			break;
		if (p.restricted)
			continue;
		int hour = 9 + (int)demo_next(8), len = 1 + (int)demo_next(3);
		booking_input in = {.resource_id = rid,
				    .starts_at = tz_local_to_utc(p.timezone, day, hour * 60),
				    .ends_at = tz_local_to_utc(p.timezone, day, (hour + len) * 60)};
		int64_t who = bookers[demo_next(5)], id;
		booking_clash c;
		bg_error ignored;
		bg_status o = booking_create(d, who, &in, &id, &c, &ignored);
		if (o == BG_ERR_DB) {
			*err = ignored;
			st = o;
		}
	}
	(void)rooms;
	/* referring bodies */
	for (int c = 0; st == BG_OK && c < 3; c++)
		for (size_t k = 0; st == BG_OK && k < sizeof demo_referrers / sizeof *demo_referrers; k++) {
			int64_t rid;
			st = referrer_add(d, 0, coops[c], demo_referrers[k], &rid, err);
		}
	/* information sessions over the next four weeks */
	static const struct { int place; int coop; int day, hour, capacity; const char *title; } sessions[] = {
		{0, 0, 3, 10, 12, "Réunion d'information — entreprendre en coopérative"},
		{1, 0, 8, 14, 3, "Réunion d'information à Darwin"},
		{2, 0, 15, 18, 10, "Réunion d'information du soir — Mérignac"},
		{3, 0, 10, 10, 8, "Réunion d'information — Périgueux"},
		{-1, 0, 6, 12, 30, "Réunion d'information en ligne"},
		{4, 1, 9, 9, 12, "Découvrir Oxalis — Annecy"},
		{6, 2, 12, 14, 15, "Découvrir SMart — Paris"},
	};
	int64_t session_ids[7] = {0};
	for (size_t k = 0; st == BG_OK && k < sizeof sessions / sizeof *sessions; k++) {
		infosession is = {0};
		is.cooperative_id = coops[sessions[k].coop];
		hosp_copy(is.title, sizeof is.title, sessions[k].title);
		int64_t day = today + sessions[k].day;
		if ((((day % 7) + 7 + 3) % 7) + 1 > 5)
			day += 2;
		if (sessions[k].place >= 0) {
			is.place_id = place_ids[sessions[k].place];
		} else {
			hosp_copy(is.online_url, sizeof is.online_url, "https://visio.bigre.coop/info");
			hosp_copy(is.territory, sizeof is.territory, "En ligne");
		}
		is.starts_at = tz_local_to_utc(HOSP_DEFAULT_TZ, day, sessions[k].hour * 60);
		is.ends_at = is.starts_at + 2 * 3600;
		is.capacity = sessions[k].capacity;
		is.host_id = welcome;
		st = infosession_create(d, 0, &is, err);
		session_ids[k] = is.id;
	}
	/* registrations: the Darwin one is full with a waiting list */
	for (int k = 0; st == BG_OK && k < 24; k++) {
		size_t which = k < 5 ? 1 : demo_next(7);
		char name[80], email[120];
		const char *first = demo_first[demo_next(16)], *last = demo_last[demo_next(12)];
		snprintf(name, sizeof name, "%s %s", first, last);
		snprintf(email, sizeof email, "visiteur%02d@example.org", k + 1);
		registration_input in = {.name = name, .email = email, .postcode = demo_postcodes[demo_next(10)],
					 .project = "Créer mon activité de graphiste / formateur·rice",
					 .consent = true, .lang = "fr"};
		in.referrer_id = 0;
		st = infosession_register(d, session_ids[which], &in, "http://127.0.0.1:8080", NULL, err);
	}
	/* newcomers at every step of the default path, and two who left */
	static const char *const path[] = {"contact", "information_session", "welcome_interview", "diagnostic",
					   "orientation", "cape", "cesa", "associate"};
	for (int k = 0; st == BG_OK && k < 12; k++) {
		newcomer n = {0};
		n.cooperative_id = coops[k % 4 == 3 ? 1 : 0];
		snprintf(n.name, sizeof n.name, "%s %s", demo_first[(k + 3) % 16], demo_last[(k + 5) % 12]);
		snprintf(n.email, sizeof n.email, "parcours%02d@example.org", k + 1);
		hosp_copy(n.postcode, sizeof n.postcode, demo_postcodes[k % 10]);
		hosp_copy(n.territory, sizeof n.territory, k % 3 ? "Gironde" : "Dordogne");
		hosp_copy(n.referrer, sizeof n.referrer, demo_referrers[k % 6]);
		hosp_copy(n.project, sizeof n.project, "Activité de conseil, ateliers, artisanat");
		n.birth_year = 1965 + (int)demo_next(40);
		n.consent = true;
		hosp_copy(n.lang, sizeof n.lang, "fr");
		st = newcomer_create(d, 0, &n, err);
		int upto = k % 8;
		for (int j = 1; st == BG_OK && j <= upto; j++) {
			int64_t day = today - 60 + j * 7;
			int y, m, dd;
			date_from_days(day, &y, &m, &dd);
			char ds[32];
			snprintf(ds, sizeof ds, "%04d-%02d-%02d", y, m, dd);
			st = newcomer_add_step(d, admin, n.id, path[j], ds, "", NULL, "http://127.0.0.1:8080", NULL, err);
		}
		if (st == BG_OK && k >= 10)
			st = newcomer_add_step(d, admin, n.id, "exit", NULL, "Projet mis en pause", k == 10 ? "found a job" : "project abandoned",
					       NULL, NULL, err);
	}
	/* the welcome host's interview slots on the next working days (16:00,
	 * at the first place), the first one booked for the first newcomer of
	 * Coopaname who came to an information session */
	int64_t first_slot = 0;
	for (int k = 1; st == BG_OK && k <= 7; k++) {
		int64_t day = today + k;
		if ((((day % 7) + 7 + 3) % 7) + 1 > 5)
			continue;
		islot slot = {.cooperative_id = coops[0], .place_id = place_ids[0]};
		slot.starts_at = tz_local_to_utc(HOSP_DEFAULT_TZ, day, 16 * 60);
		slot.ends_at = slot.starts_at + 3600;
		st = islot_create(d, welcome, &slot, err);
		if (!first_slot)
			first_slot = slot.id;
	}
	int64_t first_newcomer = 0;
	bool found = false;
	if (st == BG_OK)
		st = db_scalar(d, err, &first_newcomer, &found, "SELECT id FROM newcomers WHERE cooperative_id = ? AND status = 'open'"
							       " AND current_step = 'information_session' ORDER BY id LIMIT 1", "i", coops[0]);
	if (st == BG_OK && found && first_slot)
		st = interview_book(d, welcome, first_newcomer, first_slot, "http://127.0.0.1:8080", NULL, err);
	return st;
}
