/*
 * net_demo.c — the demo's structure and directory: the cooperatives'
 * identity, thirteen units in towns and the countryside, 600 people with
 * French names, trades, skills and territories, memberships with some
 * history, organisations and partners.
 *
 * Deterministic: a fixed-seed xorshift generator picks everything, so the
 * same binary always builds the same demo.  Every generated person shares
 * one argon2id hash of the demo password, computed once.
 */
#include "network/network.h"
#include "auth/account.h"
#include "auth/authz.h"
#include "auth/password.h"
#include "core/buf.h"
#include <stdio.h>
#include <string.h>

/* xorshift64*: small, fixed, the same everywhere. */
static uint64_t demo_next(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ULL;
}

/* A number in [0, n). */
static size_t demo_pick(uint64_t *s, size_t n)
{
	return (size_t)(demo_next(s) >> 33) % n;
}

#define COUNT(a) (sizeof(a) / sizeof *(a))

static const char *const demo_first[] = {
	"Camille", "Léa", "Manon", "Chloé", "Inès", "Jade", "Louise", "Zoé", "Lina", "Emma",
	"Sarah", "Juliette", "Anaïs", "Mathilde", "Clémence", "Agathe", "Maëlle", "Noémie",
	"Hélène", "Élodie", "Margaux", "Océane", "Nadia", "Fatou", "Yasmine", "Sofia", "Aurélie",
	"Cécile", "Josiane", "Françoise", "Lucas", "Hugo", "Louis", "Gabriel", "Arthur", "Jules",
	"Raphaël", "Adam", "Nathan", "Théo", "Mathis", "Maxime", "Antoine", "Baptiste", "Clément",
	"Étienne", "Jérôme", "Benoît", "François", "Grégoire", "Mehdi", "Youssef", "Karim",
	"Mamadou", "Thierry", "Pascal", "Gaël", "Loïc", "Yannick", "Hervé"};
static const char *const demo_last[] = {
	"Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau",
	"Laurent", "Simon", "Michel", "Lefèvre", "Leroy", "Roux", "David", "Bertrand", "Morel",
	"Fournier", "Girard", "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Vincent",
	"Muller", "Lefebvre", "Faure", "André", "Mercier", "Blanc", "Guérin", "Boyer", "Garnier",
	"Chevalier", "François", "Legrand", "Gauthier", "Garcia", "Perrin", "Robin", "Clément",
	"Morin", "Nicolas", "Henry", "Roussel", "Mathieu", "Gautier", "Masson", "Marchand",
	"Duval", "Denis", "Dumont", "Marie", "Lemaire", "Noël", "Meyer", "Dufour", "Meunier",
	"Brun", "Blanchard", "Giraud", "Joly", "Rivière", "Lucas", "Brunet", "Gaillard", "Barbier",
	"Arnaud", "Martínez", "Gérard", "Roche", "Renard", "Schmitt", "Roy", "Leroux", "Colin",
	"Vidal", "Caron", "Picard", "Roger", "Fabre", "Aubert", "Lemoine", "Renaud", "Dumas",
	"Lacroix", "Olivier", "Philippe", "Bourgeois", "Pierre", "Benoît", "Rey", "Lecomte",
	"Mallet", "Diallo", "Traoré", "Benali", "Nguyen", "Haddad", "Ferreira", "Da Silva"};

/* A trade and the skills that go with it. */
static const struct {
	const char *trade;
	const char *skills[5];
} demo_trades[] = {
	{"Graphiste", {"Identité visuelle", "Illustration", "Mise en page", "Typographie", "Photoshop"}},
	{"Menuisier·ère", {"Menuiserie", "Ébénisterie", "Agencement", "Éco-construction", "Bois massif"}},
	{"Développeur·euse web", {"Développement web", "Accessibilité numérique", "Logiciel libre", "Bases de données", "Référencement"}},
	{"Formateur·rice", {"Formation d'adultes", "Ingénierie pédagogique", "Animation de groupe", "Médiation", "Qualiopi"}},
	{"Traducteur·rice", {"Traduction anglais", "Traduction espagnol", "Rédaction", "Relecture", "Sous-titrage"}},
	{"Photographe", {"Photographie", "Retouche photo", "Reportage", "Vidéo", "Prise de vue culinaire"}},
	{"Consultant·e RSE", {"Bilan carbone", "Économie sociale et solidaire", "Gestion de projet", "Animation de groupe", "Économie circulaire"}},
	{"Céramiste", {"Céramique", "Tournage", "Émaillage", "Poterie", "Vente en marché"}},
	{"Paysagiste", {"Permaculture", "Jardins partagés", "Taille douce", "Maraîchage", "Éco-pâturage"}},
	{"Comédien·ne", {"Théâtre", "Clown", "Lecture publique", "Médiation culturelle", "Écriture"}},
	{"Rédacteur·rice", {"Rédaction", "Communication", "Relecture", "Réseaux sociaux", "Écriture"}},
	{"Électricien·ne", {"Électricité", "Photovoltaïque", "Domotique", "Rénovation énergétique", "Dépannage"}},
	{"Couturier·ère", {"Couture", "Retouches", "Upcycling", "Patronage", "Costumes de scène"}},
	{"Comptable", {"Comptabilité", "Gestion", "Paie", "Fiscalité", "Tableaux de bord"}},
	{"Architecte", {"Architecture", "Éco-construction", "Rénovation énergétique", "Dessin technique", "Urbanisme"}},
	{"Musicien·ne", {"Musique", "Composition", "Son", "Enseignement musical", "Médiation culturelle"}},
	{"Cuisinier·ère", {"Cuisine", "Traiteur", "Cuisine végétarienne", "Circuits courts", "Pâtisserie"}},
	{"Coach", {"Accompagnement", "Coaching", "Médiation", "Communication non violente", "Gestion de projet"}},
	{"Sophrologue", {"Sophrologie", "Relaxation", "Gestion du stress", "Accompagnement", "Méditation"}},
	{"Vidéaste", {"Vidéo", "Montage", "Motion design", "Son", "Réseaux sociaux"}},
	{"Urbaniste", {"Urbanisme", "Concertation", "Cartographie", "Animation de groupe", "Gestion de projet"}},
	{"Maraîcher·ère", {"Maraîchage", "Permaculture", "Circuits courts", "Vente en marché", "Agroécologie"}},
	{"Chargé·e de communication", {"Communication", "Réseaux sociaux", "Relations presse", "Rédaction", "Événementiel"}},
	{"Artisan·e d'art", {"Vitrail", "Dorure", "Restauration de meubles", "Ébénisterie", "Céramique"}},
};

/* Territories: commune, postcode, urban/rural; Bordeaux and its region
 * first (weighted), then elsewhere in France. */
static const struct {
	const char *commune, *postcode, *kind;
} demo_places[] = {
	{"Bordeaux", "33000", "urban"}, {"Bordeaux", "33800", "urban"}, {"Bègles", "33130", "urban"},
	{"Pessac", "33600", "urban"}, {"Mérignac", "33700", "urban"}, {"Talence", "33400", "urban"},
	{"Cenon", "33150", "urban"}, {"Libourne", "33500", "urban"}, {"Saint-Émilion", "33330", "rural"},
	{"Lesparre-Médoc", "33340", "rural"}, {"La Réole", "33190", "rural"}, {"Créon", "33670", "rural"},
	{"Bazas", "33430", "rural"}, {"Arcachon", "33120", "urban"}, {"Périgueux", "24000", "urban"},
	{"Sarlat-la-Canéda", "24200", "rural"}, {"Marmande", "47200", "rural"}, {"Agen", "47000", "urban"},
	{"Bayonne", "64100", "urban"}, {"Mont-de-Marsan", "40000", "urban"}, {"Paris", "75020", "urban"},
	{"Paris", "75011", "urban"}, {"Montreuil", "93100", "urban"}, {"Chambéry", "73000", "urban"},
	{"Die", "26150", "rural"}, {"Lyon", "69001", "urban"}, {"Lille", "59000", "urban"},
	{"Nantes", "44000", "urban"}, {"Tulle", "19000", "rural"}, {"Ménilmontant", "75020", "urban"},
};

/* The units: name, kind, commune index in demo_places, main cooperative
 * (0-based), other cooperatives (bits), description. */
static const struct {
	const char *name, *kind;
	int place, coop;
	unsigned others;
	const char *address, *description;
} demo_units[] = {
	{"B!bx — Bordeaux", "establishment", 0, 0, 6, "12 rue des Faures",
	 "Le premier lieu partagé de Bigre : accueil, bureaux, ateliers et salles de réunion."},
	{"Antenne de Périgueux", "antenna", 14, 1, 0, "5 place Francheville",
	 "Permanences d'accueil et réunions d'information en Dordogne."},
	{"Coopaname Paris 20e", "establishment", 20, 0, 0, "3-7 rue Albert-Marquet",
	 "Le siège de Coopaname et son espace de travail partagé."},
	{"Coopaname Montreuil", "establishment", 22, 0, 0, "31 rue Robespierre",
	 "Bureaux partagés et ateliers collectifs."},
	{"Oxalis Chambéry", "establishment", 23, 1, 0, "45 avenue de la Boisse",
	 "Accueil des entrepreneur·es d'Oxalis en Savoie."},
	{"Antenne du Médoc", "antenna", 9, 2, 1, "8 cours du Général-de-Gaulle",
	 "Une antenne rurale partagée entre SMart et Coopaname."},
	{"Antenne de La Réole", "antenna", 10, 1, 0, "2 rue Peysseguin",
	 "Permanence mensuelle et atelier de co-accompagnement en Sud-Gironde."},
	{"SMart Lille", "establishment", 26, 2, 0, "18 rue de Gand",
	 "Le bureau de SMart dans les Hauts-de-France."},
	{"Groupe métier Bois et éco-construction", "trade_group", 8, 1, 1, "",
	 "Menuisier·ères, charpentier·ères et architectes de plusieurs coopératives."},
	{"Groupe local Pays basque", "local_group", 18, 2, 1, "Maison des associations",
	 "Entrepreneur·es du Pays basque qui se retrouvent chaque mois."},
	{"Antenne du Diois", "antenna", 24, 1, 0, "Place de l'Évêché",
	 "Une antenne rurale dans la Drôme."},
	{"Groupe métier Arts et spectacle", "trade_group", 25, 2, 1, "",
	 "Artistes et technicien·nes du spectacle de SMart et Coopaname."},
	{"Antenne de Marmande", "antenna", 16, 0, 0, "14 rue de la Libération",
	 "Permanences d'accueil en Lot-et-Garonne."},
};

/* Demo organisations: kind, name, cooperative (-1: none), place, description. */
static const struct {
	const char *kind, *name;
	int coop, place;
	const char *description;
} demo_orgs[] = {
	{"groupement", "Les Charpentiers du Libournais", 1, 7, "Groupement de charpentier·ères et menuisier·ères pour les marchés publics."},
	{"collective_enterprise", "Atelier Graphique Garonne", 0, 0, "Studio de design graphique partagé par quatre entrepreneures."},
	{"collective_enterprise", "Cantine Solidaire de Bègles", 2, 2, "Traiteur coopératif en circuits courts."},
	{"individual_enterprise", "Céramiques Rivière", 0, 8, "Atelier de céramique utilitaire."},
	{"individual_enterprise", "Traductions Haddad", 1, 14, "Traduction et sous-titrage anglais, arabe, espagnol."},
	{"groupement", "Collectif Numérique Accessible", 0, 20, "Développeur·euses et designers pour des sites accessibles."},
	{"research_lab", "Laboratoire d'économie sociale — Université de Bordeaux", -1, 3, "Partenaire de recherche sur les coopératives d'activité et d'emploi."},
	{"local_authority", "Bordeaux Métropole", -1, 0, "Soutien au lieu B!bx et aux antennes de la métropole."},
	{"local_authority", "Région Nouvelle-Aquitaine", -1, 0, "Partenaire de l'accompagnement à la création d'activité."},
	{"partner", "France Active Nouvelle-Aquitaine", -1, 0, "Garanties et prêts d'honneur pour les entrepreneur·es."},
	{"partner", "Tiers-lieu de Lesparre", 2, 9, "Un tiers-lieu rural qui accueille l'antenne du Médoc."},
	{"research_lab", "Chaire ESS de Sciences Po Lille", -1, 26, "Recherche sur le travail indépendant et la mutualisation."},
};

/* Profiles of the README's accounts (by email). */
static const struct {
	const char *email, *trades, *skills, *presentation;
	int place, coop, vis_profile;
	const char *status;
} demo_known[] = {
	{"admin@bigre.coop", "Coordinatrice", "Gouvernance coopérative, Animation de groupe",
	 "Je coordonne le groupe Bigre et l'équipe d'appui.", 0, 0, 0, "staff"},
	{"membre@bigre.coop", "Graphiste", "Identité visuelle, Illustration, Mise en page",
	 "Graphiste à Bordeaux, j'aime travailler avec des artisan·es et des associations.", 0, 0, 0, "member"},
	{"hote@bigre.coop", "Hôte d'accueil", "Accueil, Médiation, Animation de groupe",
	 "J'accueille les porteurs et porteuses de projet à B!bx.", 0, 0, 0, "staff"},
	{"compta@bigre.coop", "Comptable", "Comptabilité, Paie, Fiscalité",
	 "Comptable de Coopaname.", 20, 0, 1, "staff"},
	{"accompagnement@bigre.coop", "Accompagnateur", "Accompagnement, Gestion de projet, Formation d'adultes",
	 "J'accompagne les entrepreneur·es de Coopaname.", 2, 0, 1, "staff"},
	{"associe@bigre.coop", "Céramiste", "Céramique, Émaillage, Vente en marché",
	 "Céramiste associée d'Oxalis, atelier à Périgueux.", 14, 1, 0, "associate"},
};

bg_status network_demo_people(db *d, const int64_t *coops, size_t ncoops, int count,
			      uint64_t seed, const char *password_hash, bg_error *err)
{
	uint64_t rng = seed ? seed : 0x9E3779B97F4A7C15ULL;
	static const char *const statuses[] = {"newcomer", "member", "member", "member", "member",
					       "associate", "associate", "associate", "staff", "member"};
	static const int vis_weights[] = {0, 0, 0, 0, 0, 0, 1, 1, 1, 2}; /* profile visibility */
	bg_status st = BG_OK;
	for (int i = 0; st == BG_OK && i < count; i++) {
		const char *first = demo_first[demo_pick(&rng, COUNT(demo_first))];
		const char *last = demo_last[demo_pick(&rng, COUNT(demo_last))];
		char name[160], email[200], folded[160];
		snprintf(name, sizeof name, "%s %s", first, last);
		net_fold(name, folded, sizeof folded);
		for (char *p = folded; *p; p++)
			if (*p == ' ')
				*p = '.';
		snprintf(email, sizeof email, "%s.%llu@demo.bigre.coop", folded,
			 (unsigned long long)((seed % 1000) * 100000 + (uint64_t)i + 1));
		int64_t id;
		st = account_create_hashed(d, 0, email, name, password_hash, "fr", &id, err);
		if (st != BG_OK)
			break;
		/* membership, sometimes with a history */
		size_t c = demo_pick(&rng, 10) < 4 ? 0 : demo_pick(&rng, ncoops);
		const char *status = statuses[demo_pick(&rng, COUNT(statuses))];
		char since[11];
		snprintf(since, sizeof since, "%04d-%02d-%02d", 2012 + (int)demo_pick(&rng, 14),
			 1 + (int)demo_pick(&rng, 12), 1 + (int)demo_pick(&rng, 28));
		if (strcmp(status, "associate") == 0 || demo_pick(&rng, 4) == 0) {
			char first_day[11];
			memcpy(first_day, since, 11);
			first_day[3] = first_day[3] > '0' ? (char)(first_day[3] - 1) : first_day[3];
			st = net_membership_set(d, 0, id, coops[c], "member", first_day, err);
			if (st == BG_OK && demo_pick(&rng, 6) == 0 && ncoops > 1) {
				/* came from another cooperative of the group */
				size_t other = (c + 1) % ncoops;
				st = net_membership_set(d, 0, id, coops[other], "member", first_day, err);
				if (st == BG_OK)
					st = net_membership_set(d, 0, id, coops[other], "former", since, err);
			}
		}
		if (st == BG_OK)
			st = net_membership_set(d, 0, id, coops[c], status, since, err);
		role r = strcmp(status, "staff") == 0 ? ROLE_ACCOMPANIST : authz_role_from_name(status);
		if (st == BG_OK)
			st = authz_grant(d, 0, id, r, (scope){SCOPE_COOPERATIVE, coops[c]}, err);
		/* profile */
		size_t t = demo_pick(&rng, COUNT(demo_trades));
		char trades[200], skills[400], pres[600];
		snprintf(trades, sizeof trades, "%s", demo_trades[t].trade);
		if (demo_pick(&rng, 5) == 0) {
			size_t t2 = demo_pick(&rng, COUNT(demo_trades));
			if (t2 != t)
				snprintf(trades + strlen(trades), sizeof trades - strlen(trades), ", %s",
					 demo_trades[t2].trade);
		}
		size_t nskills = 2 + demo_pick(&rng, 4);
		skills[0] = '\0';
		for (size_t k = 0; k < nskills; k++)
			snprintf(skills + strlen(skills), sizeof skills - strlen(skills), "%s%s",
				 k ? ", " : "", demo_trades[t].skills[(k + demo_pick(&rng, 2)) % 5]);
		int place = (int)(demo_pick(&rng, 3) ? demo_pick(&rng, 14) : demo_pick(&rng, COUNT(demo_places)));
		snprintf(pres, sizeof pres, "%s installé·e à %s depuis %.4s. %s", demo_trades[t].trade,
			 demo_places[place].commune, since,
			 demo_pick(&rng, 2) ? "Ouvert·e aux projets collectifs et aux coopérations."
					    : "J'aime transmettre et travailler en équipe.");
		net_profile_input in;
		net_profile_input_init(&in);
		in.trades = trades;
		in.skills = skills;
		in.presentation = pres;
		in.commune = demo_places[place].commune;
		in.postcode = demo_places[place].postcode;
		in.area = demo_places[place].kind;
		in.wants_cooperate = demo_pick(&rng, 5) < 2;
		in.vis[NET_F_PROFILE] = vis_weights[demo_pick(&rng, COUNT(vis_weights))];
		in.vis[NET_F_EMAIL] = demo_pick(&rng, 3) ? 2 : 1;
		in.vis[NET_F_SKILLS] = in.vis[NET_F_PROFILE];
		in.vis[NET_F_TRADES] = in.vis[NET_F_PROFILE];
		in.vis[NET_F_TERRITORY] = in.vis[NET_F_PROFILE] + (demo_pick(&rng, 4) == 0);
		in.vis[NET_F_PRESENTATION] = in.vis[NET_F_PROFILE];
		in.vis[NET_F_LINKS] = 1;
		in.vis[NET_F_COOPERATE] = in.vis[NET_F_PROFILE];
		in.chosen = true; /* the demo people have chosen who sees them */
		if (st == BG_OK)
			st = net_profile_update(d, 0, id, &in, err);
	}
	return st;
}

bg_status network_demo_seed(db *d, const int64_t coops[3], const int64_t units[2], bg_error *err)
{
	static const net_coop_input identity[3] = {
		{.short_description = "Coopérative d'activité et d'emploi fondée en 2004 : "
				      "des centaines d'entrepreneur·es salarié·es et associé·es.",
		 .address = "3-7 rue Albert-Marquet", .postcode = "75020", .commune = "Paris",
		 .website = "https://www.coopaname.coop",
		 .settings = "{\"contribution_bp\":1000,\"welcome_path\":\"standard\"}"},
		{.short_description = "Coopérative d'activité et d'emploi multi-activités, "
				      "en Savoie, en Dordogne et ailleurs.",
		 .address = "45 avenue de la Boisse", .postcode = "73000", .commune = "Chambéry",
		 .website = "https://www.oxalis-scop.fr",
		 .settings = "{\"contribution_bp\":1100,\"welcome_path\":\"standard\"}"},
		{.short_description = "Société coopérative d'intérêt collectif au service des "
				      "artistes et des travailleur·ses autonomes.",
		 .address = "18 rue de Gand", .postcode = "59000", .commune = "Lille",
		 .website = "https://smartfr.fr",
		 .settings = "{\"contribution_bp\":850,\"colleges\":[\"workers\",\"users\",\"partners\"]}"},
	};
	bg_status st = BG_OK;
	for (int i = 0; st == BG_OK && i < 3; i++)
		st = net_coop_update(d, 0, coops[i], &identity[i], err);
	/* units: the two of the core demo first (updated), then the others */
	int64_t unit_ids[COUNT(demo_units)];
	for (size_t i = 0; st == BG_OK && i < COUNT(demo_units); i++) {
		int64_t others[3];
		size_t nothers = 0;
		for (int k = 0; k < 3; k++)
			if ((demo_units[i].others >> k) & 1)
				others[nothers++] = coops[k];
		net_unit_input in = {.name = demo_units[i].name, .kind = demo_units[i].kind,
				     .address = demo_units[i].address,
				     .description = demo_units[i].description,
				     .commune = demo_places[demo_units[i].place].commune,
				     .postcode = demo_places[demo_units[i].place].postcode,
				     .area = demo_places[demo_units[i].place].kind,
				     .cooperative_id = coops[demo_units[i].coop], .other_coops = others,
				     .nother = nothers, .set_others = true};
		if (i < 2) {
			unit_ids[i] = units[i];
			st = net_unit_update(d, 0, units[i], &in, err);
		} else {
			st = net_unit_create(d, 0, &in, &unit_ids[i], err);
		}
	}
	/* the README's accounts: memberships and profiles */
	for (size_t i = 0; st == BG_OK && i < COUNT(demo_known); i++) {
		person p;
		if ((st = account_find_email(d, demo_known[i].email, &p, err)) != BG_OK)
			break;
		st = net_membership_set(d, 0, p.id, coops[demo_known[i].coop], demo_known[i].status,
					"2021-09-01", err);
		net_profile_input in;
		net_profile_input_init(&in);
		in.trades = demo_known[i].trades;
		in.skills = demo_known[i].skills;
		in.presentation = demo_known[i].presentation;
		in.commune = demo_places[demo_known[i].place].commune;
		in.postcode = demo_places[demo_known[i].place].postcode;
		in.area = demo_places[demo_known[i].place].kind;
		in.wants_cooperate = 1;
		in.vis[NET_F_PROFILE] = demo_known[i].vis_profile;
		in.vis[NET_F_SKILLS] = demo_known[i].vis_profile;
		in.vis[NET_F_TRADES] = demo_known[i].vis_profile;
		in.vis[NET_F_PRESENTATION] = demo_known[i].vis_profile;
		in.chosen = true;
		if (st == BG_OK)
			st = net_profile_update(d, 0, p.id, &in, err);
	}
	/* 594 more people, so that the directory holds 600 */
	char hash[PASSWORD_HASH_LEN];
	if (st == BG_OK)
		st = password_hash(PASSWORD_DEMO, hash, err);
	if (st == BG_OK)
		st = network_demo_people(d, coops, 3, 600 - (int)COUNT(demo_known), 20261128, hash, err);
	/* organisations, each with a few people of its cooperative */
	int64_t org_ids[COUNT(demo_orgs)] = {0};
	for (size_t i = 0; st == BG_OK && i < COUNT(demo_orgs); i++) {
		net_org_input in;
		net_org_input_init(&in);
		in.kind = demo_orgs[i].kind;
		in.name = demo_orgs[i].name;
		in.description = demo_orgs[i].description;
		in.cooperative_id = demo_orgs[i].coop >= 0 ? coops[demo_orgs[i].coop] : 0;
		in.commune = demo_places[demo_orgs[i].place].commune;
		in.postcode = demo_places[demo_orgs[i].place].postcode;
		in.area = demo_places[demo_orgs[i].place].kind;
		in.visibility = 0;
		int64_t org;
		st = net_org_create(d, 0, &in, &org, err);
		org_ids[i] = org;
		if (st != BG_OK || demo_orgs[i].coop < 0)
			continue;
		db_stmt *s = db_query(d, "SELECT person_id FROM memberships WHERE cooperative_id = ?"
					 " AND ended_on IS NULL AND status IN ('member', 'associate')"
					 " ORDER BY person_id LIMIT 3 OFFSET ?",
				      "ii", in.cooperative_id, (int64_t)(i * 7));
		int64_t ids[3];
		size_t n = 0;
		while (n < 3 && db_next(s) == 1)
			ids[n++] = db_int(s, 0);
		if (db_done(s) != BG_OK)
			st = bg_db_fail(err);
		for (size_t k = 0; st == BG_OK && k < n; k++)
			st = net_org_link(d, 0, org, ids[k], k == 0 ? "gérant·e" : "associé·e", err);
	}
	/* Léa Dubois belongs to the graphic studio */
	person lea;
	if (st == BG_OK && account_find_email(d, "membre@bigre.coop", &lea, NULL) == BG_OK)
		st = net_org_link(d, 0, org_ids[1], lea.id, "cofondatrice", err);
	return st;
}
