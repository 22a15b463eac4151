/* test_network.c — the structure and directory domain: folding, SIREN,
 * memberships and their history, the viewer's level and per-field
 * visibility, search, import (encodings, separators, rejected lines,
 * dry run, partial). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "auth/account.h"
#include "auth/authz.h"
#include "network/network.h"
#include "testdb.h"
#include "testclock.h"

static void test_fold(void **state)
{
	(void)state;
	char out[64];
	net_fold("  Éco-Construction  ", out, sizeof out);
	assert_string_equal(out, "eco construction");
	net_fold("ÉBÉNISTERIE", out, sizeof out);
	assert_string_equal(out, "ebenisterie");
	net_fold("Cœur   d’Œuvre", out, sizeof out);
	assert_string_equal(out, "coeur d oeuvre");
	net_fold("Saint-Émilion", out, sizeof out);
	assert_string_equal(out, "saint emilion");
	net_fold("Ça  va\tbien", out, sizeof out);
	assert_string_equal(out, "ca va bien");
	net_fold("日本", out, sizeof out); /* other scripts are kept */
	assert_string_equal(out, "日本");
	net_fold("ééééééééééé", out, 5); /* never overflows */
	assert_string_equal(out, "eeee");
}

/* A small world: two cooperatives, four people. */
typedef struct world {
	db *d;
	int64_t c1, c2, admin, ann, bob, cat;
} world;

static void world_make(world *w)
{
	bg_error err;
	w->d = testdb_open();
	assert_int_equal(db_begin(w->d, DB_WRITE, &err), BG_OK);
	net_coop_input a = {.name = "Alpha", .legal_form = "CAE", .siren = "448762526"};
	net_coop_input b = {.name = "Beta", .legal_form = "SCIC"};
	assert_int_equal(net_coop_create(w->d, 0, &a, &w->c1, &err), BG_OK);
	assert_int_equal(net_coop_create(w->d, 0, &b, &w->c2, &err), BG_OK);
	assert_int_equal(account_create_hashed(w->d, 0, "admin@x.fr", "Admin", NULL, "fr", &w->admin, &err), BG_OK);
	assert_int_equal(account_create_hashed(w->d, 0, "ann@x.fr", "Ann Éluard", NULL, "fr", &w->ann, &err), BG_OK);
	assert_int_equal(account_create_hashed(w->d, 0, "bob@x.fr", "Bob", NULL, "fr", &w->bob, &err), BG_OK);
	assert_int_equal(account_create_hashed(w->d, 0, "cat@x.fr", "Cat", NULL, "fr", &w->cat, &err), BG_OK);
	assert_int_equal(authz_grant(w->d, 0, w->admin, ROLE_ADMIN, (scope){SCOPE_GROUP, 0}, &err), BG_OK);
	assert_int_equal(authz_grant(w->d, 0, w->bob, ROLE_ASSOCIATE, (scope){SCOPE_COOPERATIVE, w->c1}, &err), BG_OK);
	assert_int_equal(net_membership_set(w->d, 0, w->ann, w->c1, "member", "2020-01-01", &err), BG_OK);
	assert_int_equal(net_membership_set(w->d, 0, w->bob, w->c1, "associate", "2019-05-01", &err), BG_OK);
	assert_int_equal(net_membership_set(w->d, 0, w->cat, w->c2, "member", "2021-02-01", &err), BG_OK);
	assert_int_equal(db_commit(w->d, &err), BG_OK);
}

static void test_levels_and_visibility(void **state)
{
	(void)state;
	world w;
	bg_error err;
	arena a;
	arena_init(&a);
	world_make(&w);
	assert_int_equal(net_viewer_level(w.d, 0, w.ann), NET_PUBLIC);
	assert_int_equal(net_viewer_level(w.d, w.ann, w.ann), NET_SELF);
	assert_int_equal(net_viewer_level(w.d, w.bob, w.ann), NET_COOP);
	assert_int_equal(net_viewer_level(w.d, w.cat, w.ann), NET_GROUP);
	assert_int_equal(net_viewer_level(w.d, w.admin, w.ann), NET_COOP);
	/* Ann: profile public, skills for her cooperative, presentation private */
	net_profile_input in;
	net_profile_input_init(&in);
	in.skills = "Céramique, ÉMAILLAGE ,  tournage ";
	in.presentation = "secret";
	in.vis[NET_F_PROFILE] = NET_PUBLIC;
	in.vis[NET_F_SKILLS] = NET_COOP;
	in.vis[NET_F_PRESENTATION] = NET_SELF;
	assert_int_equal(db_begin(w.d, DB_WRITE, &err), BG_OK);
	assert_int_equal(net_profile_update(w.d, w.ann, w.ann, &in, &err), BG_OK);
	/* someone else may not change it: 404 */
	assert_int_equal(net_profile_update(w.d, w.bob, w.ann, &in, &err), BG_ERR_NOT_FOUND);
	assert_int_equal(db_commit(w.d, &err), BG_OK);
	net_profile p;
	assert_int_equal(net_profile_load(w.d, &a, 0, w.ann, &p, &err), BG_OK);
	assert_null(p.skills);
	assert_null(p.presentation);
	assert_null(p.email);
	assert_int_equal(net_profile_load(w.d, &a, w.cat, w.ann, &p, &err), BG_OK);
	assert_null(p.skills);
	assert_int_equal(net_profile_load(w.d, &a, w.bob, w.ann, &p, &err), BG_OK);
	assert_int_equal(p.nskills, 3);
	assert_string_equal(p.skills[0], "Céramique");
	assert_string_equal(p.skills[1], "ÉMAILLAGE");
	assert_string_equal(p.skills[2], "tournage");
	assert_null(p.presentation);
	assert_string_equal(p.email, "ann@x.fr");
	assert_int_equal(net_profile_load(w.d, &a, w.ann, w.ann, &p, &err), BG_OK);
	assert_string_equal(p.presentation, "secret");
	assert_int_equal(p.vis[NET_F_PRESENTATION], NET_SELF);
	/* search by skill, accents and case folded, only where visible */
	net_search q = {.skill = "emaillage"};
	net_search_result r;
	assert_int_equal(net_people_search(w.d, &a, 0, &q, &r, &err), BG_OK);
	assert_int_equal(r.total, 0);
	assert_int_equal(net_people_search(w.d, &a, w.cat, &q, &r, &err), BG_OK);
	assert_int_equal(r.total, 0);
	assert_int_equal(net_people_search(w.d, &a, w.bob, &q, &r, &err), BG_OK);
	assert_int_equal(r.total, 1);
	assert_int_equal(r.items[0].id, w.ann);
	net_search words = {.q = "CERAM"};
	assert_int_equal(net_people_search(w.d, &a, w.bob, &words, &r, &err), BG_OK);
	assert_int_equal(r.total, 1);
	assert_int_equal(net_people_search(w.d, &a, 0, &words, &r, &err), BG_OK);
	assert_int_equal(r.total, 0);
	net_search name = {.q = "eluard"};
	assert_int_equal(net_people_search(w.d, &a, 0, &name, &r, &err), BG_OK);
	assert_int_equal(r.total, 1);
	net_search secret = {.q = "secret"};
	assert_int_equal(net_people_search(w.d, &a, w.bob, &secret, &r, &err), BG_OK);
	assert_int_equal(r.total, 0);
	arena_free_all(&a);
	testdb_close(w.d);
}

/* A list whose query fails while stepping answers the database's error,
 * never an empty or cut list (issue 10 §2): a temporary view shadows the
 * table and makes one row's step fail (an integer overflow). */
static void test_failed_list_is_an_error(void **state)
{
	(void)state;
	world w;
	bg_error err;
	arena a;
	arena_init(&a);
	world_make(&w);
	net_coop *c;
	net_membership *h;
	size_t n;
	assert_int_equal(net_membership_history(w.d, &a, w.ann, w.ann, &h, &n, &err), BG_OK);
	assert_int_equal(n, 1);
	assert_int_equal(db_exec_script(w.d, "CREATE TEMP VIEW cooperatives AS SELECT id,"
					     " CASE WHEN name = 'Beta' THEN abs(-9223372036854775807 - 1) ELSE name END"
					     " AS name, legal_form, siren, short_description, address, postcode,"
					     " commune, website, settings FROM main.cooperatives", &err), BG_OK);
	assert_int_equal(net_coop_list(w.d, &a, w.ann, &c, &n, &err), BG_ERR_DB);
	assert_string_equal(err.code, "db_error");
	assert_int_equal(db_exec_script(w.d, "DROP VIEW temp.cooperatives;"
					     " CREATE TEMP VIEW memberships AS SELECT id, person_id, cooperative_id,"
					     " CASE WHEN status = 'member' THEN abs(-9223372036854775807 - 1) ELSE status END"
					     " AS status, started_on, ended_on FROM main.memberships", &err), BG_OK);
	assert_int_equal(net_membership_history(w.d, &a, w.ann, w.ann, &h, &n, &err), BG_ERR_DB);
	arena_free_all(&a);
	testdb_close(w.d);
}

static void test_membership_history(void **state)
{
	(void)state;
	world w;
	bg_error err;
	arena a;
	arena_init(&a);
	world_make(&w);
	assert_int_equal(db_begin(w.d, DB_WRITE, &err), BG_OK);
	assert_int_equal(net_membership_set(w.d, 0, w.ann, w.c1, "associate", "2022-06-01", &err), BG_OK);
	/* same status: nothing changes */
	assert_int_equal(net_membership_set(w.d, 0, w.ann, w.c1, "associate", "2023-01-01", &err), BG_OK);
	assert_int_equal(net_membership_set(w.d, 0, w.ann, w.c1, "member", "2021-01-01", &err), BG_ERR_INVALID);
	assert_string_equal(err.code, "invalid_date");
	assert_int_equal(net_membership_set(w.d, 0, w.ann, w.c1, "boss", NULL, &err), BG_ERR_INVALID);
	/* a member of another cooperative may not set statuses here: 404 */
	assert_int_equal(net_membership_set(w.d, w.cat, w.ann, w.c1, "former", NULL, &err), BG_ERR_NOT_FOUND);
	assert_int_equal(net_membership_set(w.d, w.bob, w.ann, w.c1, "former", NULL, &err), BG_ERR_FORBIDDEN);
	assert_int_equal(db_commit(w.d, &err), BG_OK);
	net_membership *h;
	size_t n;
	assert_int_equal(net_membership_history(w.d, &a, w.ann, w.ann, &h, &n, &err), BG_OK);
	assert_int_equal(n, 2);
	assert_string_equal(h[0].status, "associate");
	assert_null(h[0].ended_on);
	assert_string_equal(h[1].status, "member");
	assert_string_equal(h[1].ended_on, "2022-06-01");
	int64_t total;
	assert_int_equal(net_membership_list(w.d, &a, w.cat, w.c1, 1, 20, &h, &n, &total, &err), BG_ERR_NOT_FOUND);
	assert_int_equal(net_membership_list(w.d, &a, w.admin, w.c1, 1, 20, &h, &n, &total, &err), BG_OK);
	assert_int_equal(total, 2);
	arena_free_all(&a);
	testdb_close(w.d);
}

/* Runs an import in its own transaction; returns the status. */
static bg_status run_import(db *d, int64_t coop, const char *csv, bool dry, bool partial,
			    net_import_report *rep)
{
	bg_error err;
	if (db_begin(d, DB_WRITE, &err) != BG_OK)
		return BG_ERR_DB;
	bg_status st = net_import(d, 0, NET_IMPORT_PEOPLE, coop, csv, strlen(csv), dry, partial, rep, &err);
	if (st == BG_OK && rep->written)
		st = db_commit(d, &err);
	else
		db_rollback(d);
	return st;
}

static int64_t count_people(db *d)
{
	int64_t n = 0;
	bool found;
	assert_int_equal(db_scalar(d, NULL, &n, &found, "SELECT count(*) FROM people", NULL), BG_OK);
	return n;
}

static void test_import(void **state)
{
	(void)state;
	world w;
	world_make(&w);
	net_import_report rep;
	const char *csv = "email,nom,statut,compétences\n"
			  "dee@x.fr,Dee,membre,\"Céramique, Vidéo\"\n"
			  "nope,Eve,membre,\n"
			  "\n"
			  "fay@x.fr,Fay,chef,\n";
	int64_t before = count_people(w.d);
	assert_int_equal(run_import(w.d, w.c1, csv, false, false, &rep), BG_OK);
	assert_int_equal(rep.separator, ',');
	assert_int_equal(rep.lines, 3);
	assert_int_equal(rep.accepted, 1);
	assert_int_equal(rep.rejected, 2);
	assert_int_equal(rep.written, 0);
	assert_int_equal(rep.nerrors, 2);
	assert_int_equal(rep.errors[0].line, 3);
	assert_string_equal(rep.errors[0].code, "invalid_email");
	assert_int_equal(rep.errors[1].line, 5);
	assert_string_equal(rep.errors[1].code, "invalid_status");
	net_import_report_free(&rep);
	assert_int_equal(count_people(w.d), before);
	/* dry run: nothing written even when all is good */
	assert_int_equal(run_import(w.d, w.c1, "email;name\ngus@x.fr;Gus\n", true, false, &rep), BG_OK);
	assert_int_equal(rep.separator, ';');
	assert_int_equal(rep.accepted, 1);
	assert_int_equal(rep.written, 0);
	net_import_report_free(&rep);
	assert_int_equal(count_people(w.d), before);
	/* partial: the good lines are written */
	assert_int_equal(run_import(w.d, w.c1, csv, false, true, &rep), BG_OK);
	assert_int_equal(rep.written, 1);
	net_import_report_free(&rep);
	assert_int_equal(count_people(w.d), before + 1);
	/* Windows-1252: "Hélène" with é = 0xE9 */
	assert_int_equal(run_import(w.d, w.c2, "email;nom;competences\nhel@x.fr;H\xe9l\xe8ne;C\xe9ramique\n", false,
				    false, &rep), BG_OK);
	assert_string_equal(rep.encoding, "Windows-1252");
	assert_int_equal(rep.written, 1);
	net_import_report_free(&rep);
	person p;
	assert_int_equal(account_find_email(w.d, "hel@x.fr", &p, NULL), BG_OK);
	assert_string_equal(p.display_name, "Hélène");
	/* unreadable files are errors, not reports */
	assert_int_equal(run_import(w.d, w.c1, "", false, false, &rep), BG_ERR_INVALID);
	assert_int_equal(run_import(w.d, w.c1, "foo;bar\n1;2\n", false, false, &rep), BG_ERR_INVALID);
	assert_int_equal(run_import(w.d, w.c1, "email;name\n\"a@x.fr;B\n", false, false, &rep), BG_ERR_INVALID);
	assert_int_equal(run_import(w.d, 999, "email;name\na@x.fr;A\n", false, false, &rep), BG_ERR_INVALID);
	testdb_close(w.d);
}

static int64_t count_rows(db *d, const char *sql, int64_t id)
{
	int64_t n = 0;
	bool found;
	assert_int_equal(db_scalar(d, NULL, &n, &found, sql, "i", id), BG_OK);
	return n;
}

static void test_consent_invitations_end(void **state)
{
	(void)state;
	world w;
	world_make(&w);
	bg_error err;
	arena a;
	arena_init(&a);
	net_profile p;
	/* nobody chose for Cat yet: only she sees her profile, whatever the levels say */
	net_profile_input in;
	net_profile_input_init(&in);
	in.skills = "Vannerie";
	in.vis[NET_F_PROFILE] = 0;
	in.vis[NET_F_SKILLS] = 0;
	assert_int_equal(db_begin(w.d, DB_WRITE, &err), BG_OK);
	assert_int_equal(net_profile_update(w.d, w.admin, w.cat, &in, &err), BG_OK);
	assert_int_equal(db_commit(w.d, &err), BG_OK);
	assert_true(net_profile_consent_pending(w.d, w.cat));
	assert_int_equal(net_profile_load(w.d, &a, 0, w.cat, &p, &err), BG_ERR_NOT_FOUND);
	assert_int_equal(net_profile_load(w.d, &a, w.admin, w.cat, &p, &err), BG_ERR_NOT_FOUND);
	assert_int_equal(net_profile_load(w.d, &a, w.cat, w.cat, &p, &err), BG_OK);
	assert_int_equal(p.vis[NET_F_PROFILE], NET_SELF);
	net_search q = {.skill = "vannerie", .page = 1, .per_page = 10};
	net_search_result r;
	assert_int_equal(net_people_search(w.d, &a, w.admin, &q, &r, &err), BG_OK);
	assert_int_equal(r.total, 0);
	/* she chooses: public */
	net_profile_input_init(&in);
	in.vis[NET_F_PROFILE] = 0;
	assert_int_equal(db_begin(w.d, DB_WRITE, &err), BG_OK);
	assert_int_equal(net_profile_update(w.d, w.cat, w.cat, &in, &err), BG_OK);
	assert_int_equal(db_commit(w.d, &err), BG_OK);
	assert_false(net_profile_consent_pending(w.d, w.cat));
	assert_int_equal(net_profile_load(w.d, &a, 0, w.cat, &p, &err), BG_OK);
	assert_int_equal(net_people_search(w.d, &a, 0, &q, &r, &err), BG_OK);
	assert_int_equal(r.total, 1);
	/* Cat (Beta) added to Alpha: an invitation, Ann is not her cooperative mate */
	bool pending = false;
	assert_int_equal(db_begin(w.d, DB_WRITE, &err), BG_OK);
	assert_int_equal(net_membership_add(w.d, w.ann, w.cat, w.c1, "member", NULL, NULL, &pending, &err), BG_ERR_NOT_FOUND);
	assert_int_equal(net_membership_add(w.d, w.admin, w.cat, w.c1, "former", NULL, NULL, &pending, &err), BG_ERR_INVALID);
	assert_int_equal(net_membership_add(w.d, w.admin, w.cat, w.c1, "member", "2024-01-02", NULL, &pending, &err), BG_OK);
	assert_true(pending);
	assert_int_equal(db_commit(w.d, &err), BG_OK);
	/* she is told by mail, which leaves with the invitation's commit */
	assert_int_equal(count_rows(w.d, "SELECT count(*) FROM outbox WHERE to_addr = (SELECT email FROM people WHERE id = ?)"
				    " AND subject LIKE '%Alpha%'", w.cat), 1);
	assert_int_equal(net_viewer_level(w.d, w.ann, w.cat), NET_GROUP);
	net_invitation *v;
	size_t n;
	assert_int_equal(net_invitation_list(w.d, &a, w.cat, &v, &n, &err), BG_OK);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].coop_name, "Alpha");
	assert_int_equal(db_begin(w.d, DB_WRITE, &err), BG_OK);
	assert_int_equal(net_invitation_answer(w.d, w.ann, v[0].id, true, &err), BG_ERR_NOT_FOUND);
	assert_int_equal(net_invitation_answer(w.d, w.cat, v[0].id, true, &err), BG_OK);
	assert_int_equal(db_commit(w.d, &err), BG_OK);
	assert_int_equal(net_viewer_level(w.d, w.ann, w.cat), NET_COOP);
	assert_int_equal(count_rows(w.d, "SELECT count(*) FROM memberships WHERE person_id = ? AND started_on = '2024-01-02'", w.cat), 1);
	assert_int_equal(count_rows(w.d, "SELECT count(*) FROM membership_invitations WHERE person_id = ?", w.cat), 0);
	assert_int_equal(count_rows(w.d, "SELECT count(*) FROM audit_log WHERE entity = 'membership_invitation' AND actor_id = ?", w.cat), 1);
	/* a current member's status changes at once */
	assert_int_equal(db_begin(w.d, DB_WRITE, &err), BG_OK);
	assert_int_equal(net_membership_add(w.d, w.admin, w.cat, w.c1, "associate", "2024-06-01", NULL, &pending, &err), BG_OK);
	assert_false(pending);
	/* ending: a date after the current status, by someone who manages memberships */
	assert_int_equal(net_membership_end(w.d, w.ann, w.cat, w.c1, "2025-01-31", &err), BG_ERR_NOT_FOUND);
	assert_int_equal(net_membership_end(w.d, w.admin, w.cat, w.c1, "", &err), BG_ERR_INVALID);
	assert_string_equal(err.field, "ended_on");
	assert_int_equal(net_membership_end(w.d, w.admin, w.cat, w.c1, "2024-05-01", &err), BG_ERR_INVALID);
	assert_string_equal(err.field, "ended_on");
	assert_int_equal(net_membership_end(w.d, w.admin, w.cat, w.c1, "2025-01-31", &err), BG_OK);
	assert_int_equal(net_membership_end(w.d, w.admin, w.cat, w.c1, "2025-02-01", &err), BG_ERR_NOT_FOUND);
	assert_int_equal(db_commit(w.d, &err), BG_OK);
	assert_int_equal(net_viewer_level(w.d, w.ann, w.cat), NET_GROUP);
	assert_int_equal(count_rows(w.d, "SELECT count(*) FROM memberships WHERE person_id = ? AND status = 'former'"
					 " AND started_on = '2025-01-31' AND ended_on IS NULL", w.cat), 1);
	assert_int_equal(count_rows(w.d, "SELECT count(*) FROM memberships WHERE person_id = ? AND status = 'associate'"
					 " AND ended_on = '2025-01-31'", w.cat), 1);
	assert_int_equal(count_rows(w.d, "SELECT count(*) FROM audit_log WHERE action = 'end' AND actor_id = ?", w.admin), 1);
	arena_free_all(&a);
	testdb_close(w.d);
}

/* Counts the progress calls and remembers the last. */
typedef struct progress_seen {
	int calls, done, total;
} progress_seen;

static void progress_note(void *ctx, int done, int total)
{
	progress_seen *p = ctx;
	p->calls++;
	p->done = done;
	p->total = total;
}

static void test_import_jobs(void **state)
{
	(void)state;
	world w;
	world_make(&w);
	bg_error err;
	arena a = {0};
	/* progress: every 50 lines and at the end */
	char csv[20000] = "email;nom\n";
	for (int i = 0; i < 120; i++)
		snprintf(csv + strlen(csv), sizeof csv - strlen(csv), "p%d@x.fr;P %d\n", i, i);
	progress_seen seen = {0};
	net_import_report rep;
	assert_int_equal(db_begin(w.d, DB_WRITE, &err), BG_OK);
	assert_int_equal(net_import_progress(w.d, 0, NET_IMPORT_PEOPLE, w.c1, csv, strlen(csv), true, false,
					     progress_note, &seen, &rep, &err), BG_OK);
	db_rollback(w.d);
	assert_int_equal(seen.calls, 4); /* 0, 50, 100, 120 */
	assert_int_equal(seen.done, 120);
	assert_int_equal(seen.total, 120);
	net_import_report_free(&rep);
	/* a job: only importers create it; the run records the report */
	int64_t job = 0;
	const char *bad = "email;nom\nq@x.fr;Q\nnope;R\n";
	assert_int_equal(db_begin(w.d, DB_WRITE, &err), BG_OK);
	assert_int_equal(net_import_job_create(w.d, w.ann, NET_IMPORT_PEOPLE, w.c1, "a.csv", bad, strlen(bad),
					       false, false, &job, &err), BG_ERR_NOT_FOUND);
	assert_int_equal(net_import_job_create(w.d, w.admin, NET_IMPORT_PEOPLE, w.c1, "a.xlsx", "PK\x03\x04xx", 6,
					       false, false, &job, &err), BG_ERR_INVALID);
	assert_string_equal(err.code, "not_csv");
	assert_int_equal(net_import_job_create(w.d, w.admin, NET_IMPORT_PEOPLE, w.c1, "a.csv", bad, strlen(bad),
					       false, false, &job, &err), BG_OK);
	assert_int_equal(db_commit(w.d, &err), BG_OK);
	int64_t before = count_people(w.d);
	assert_int_equal(net_import_job_run(w.d, job, &err), BG_OK);
	assert_int_equal(count_people(w.d), before); /* all or nothing */
	net_import_job j;
	assert_int_equal(net_import_job_get(w.d, &a, w.ann, job, &j, &err), BG_ERR_NOT_FOUND);
	assert_int_equal(net_import_job_get(w.d, &a, w.admin, job, &j, &err), BG_OK);
	assert_string_equal(j.status, "done");
	assert_false(j.interrupted);
	assert_int_equal(j.lines, 2);
	assert_int_equal(j.accepted, 1);
	assert_int_equal(j.rejected, 1);
	assert_int_equal(j.written, 0);
	assert_int_equal(j.nerrors, 1);
	assert_int_equal(j.errors[0].line, 3);
	assert_string_equal(j.errors[0].code, "invalid_email");
	/* a job runs once */
	assert_int_equal(net_import_job_run(w.d, job, &err), BG_OK);
	/* partial: written with its report; an unreadable file: failed */
	assert_int_equal(db_begin(w.d, DB_WRITE, &err), BG_OK);
	assert_int_equal(net_import_job_create(w.d, w.admin, NET_IMPORT_PEOPLE, w.c1, "a.csv", bad, strlen(bad),
					       false, true, &job, &err), BG_OK);
	int64_t job2 = 0;
	assert_int_equal(net_import_job_create(w.d, w.admin, NET_IMPORT_PEOPLE, w.c1, NULL, "foo;bar\n1;2\n", 12,
					       false, false, &job2, &err), BG_OK);
	assert_int_equal(db_commit(w.d, &err), BG_OK);
	assert_int_equal(net_import_job_run(w.d, job, &err), BG_OK);
	assert_int_equal(count_people(w.d), before + 1);
	assert_int_equal(net_import_job_get(w.d, &a, w.admin, job, &j, &err), BG_OK);
	assert_int_equal(j.written, 1);
	assert_int_equal(net_import_job_run(w.d, job2, &err), BG_OK);
	assert_int_equal(net_import_job_get(w.d, &a, w.admin, job2, &j, &err), BG_OK);
	assert_string_equal(j.status, "failed");
	assert_string_equal(j.error_field, "file");
	/* in the background, on its own connection: two jobs queued, one spawn runs both */
	int64_t j3 = 0, j4 = 0;
	const char *good = "email;nom\nbg1@x.fr;Bg Un\n";
	assert_int_equal(db_begin(w.d, DB_WRITE, &err), BG_OK);
	assert_int_equal(net_import_job_create(w.d, w.admin, NET_IMPORT_PEOPLE, w.c1, "b.csv", good, strlen(good),
					       false, false, &j3, &err), BG_OK);
	assert_int_equal(net_import_job_create(w.d, w.admin, NET_IMPORT_PEOPLE, w.c1, "c.csv", good, strlen(good),
					       true, false, &j4, &err), BG_OK);
	assert_int_equal(db_commit(w.d, &err), BG_OK);
	net_import_job_spawn(db_path(w.d), j3);
	for (int i = 0; i < 500; i++) {
		assert_int_equal(net_import_job_get(w.d, &a, w.admin, j4, &j, &err), BG_OK);
		if (strcmp(j.status, "done") == 0)
			break;
		struct timespec ts = {0, 20 * 1000 * 1000};
		nanosleep(&ts, NULL);
	}
	assert_string_equal(j.status, "done");
	assert_int_equal(net_import_job_get(w.d, &a, w.admin, j3, &j, &err), BG_OK);
	assert_string_equal(j.status, "done");
	assert_int_equal(j.written, 1);
	net_import_jobs_wait(); /* the worker has closed its connection */
	/* the file is dropped once the job is over */
	int64_t left = -1;
	bool found;
	assert_int_equal(db_scalar(w.d, NULL, &left, &found, "SELECT count(*) FROM import_jobs WHERE data IS NOT NULL", NULL), BG_OK);
	assert_int_equal(left, 0);
	arena_free_all(&a);
	testdb_close(w.d);
}

int main(void)
{
	testclock_set();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_levels_and_visibility),
		cmocka_unit_test(test_membership_history),
		cmocka_unit_test(test_failed_list_is_an_error),
		cmocka_unit_test(test_import),
		cmocka_unit_test(test_import_jobs),
		cmocka_unit_test(test_consent_invitations_end),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
