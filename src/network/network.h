/*
 * network.h — the group's structure and its directory (N1, N2, X7).
 *
 * Cooperatives (legal identity, address, settings), territories, units
 * (belonging to a main cooperative, possibly spanning others), memberships
 * (periods with a status; history kept), directory profiles with a
 * visibility per field, trades and skills as normalised tags,
 * organisations and their people, the directory search, CSV import.
 *
 * Visibility.  Each profile field carries a level: 0 public, 1 the group,
 * 2 my cooperative(s), 3 only me.  net_viewer_level() is the one place
 * that decides how close a viewer is to a person; net_profile_load() is
 * the one place that blanks what the viewer may not see.  Every face (API,
 * pages, search, export) reads profiles through those two functions.
 *
 * Functions reading lists allocate their results in an arena given by the
 * caller; writing functions expect an open write transaction, check rights
 * with authz_check() first and audit every change.  actor_id 0 is the
 * command line (allowed everything).
 */
#ifndef BG_NETWORK_H
#define BG_NETWORK_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/arena.h"
#include "db/db.h"

/* --- text helpers (net_text.c) --- */

/* Folds s for comparison: lower case, Latin accents removed, runs of white
 * space made one space, trimmed.  Writes at most cap-1 bytes into out. */
void net_fold(const char *s, char *out, size_t cap);

/* --- visibility --- */

/* SQL: the level a profile is shown at (pr: its profiles row, maybe NULL).
 * Consent (X5): until the person has chosen who sees their profile, only
 * they do, whatever the vis_* columns hold. */
#define NET_VIS_PROFILE "(CASE WHEN pr.visibility_chosen_at IS NULL THEN 3 ELSE pr.vis_profile END)"

typedef enum net_level { NET_PUBLIC = 0, NET_GROUP = 1, NET_COOP = 2, NET_SELF = 3 } net_level;
/* "public" "group" "coop" "private" ↔ level; -1 when unknown. */
int net_level_from_name(const char *name);
const char *net_level_name(int level);
/* How close viewer_id (0: anonymous) is to person_id. */
net_level net_viewer_level(db *d, int64_t viewer_id, int64_t person_id);

/* --- cooperatives --- */
typedef struct net_coop {
	int64_t id;
	const char *name, *legal_form, *siren, *short_description, *address, *postcode, *commune,
		*website, *settings;
	int64_t members, units; /* current members (status not former), units */
} net_coop;

/* NULL fields: not given (create: default; update: unchanged). */
typedef struct net_coop_input {
	const char *name, *legal_form, *siren, *short_description, *address, *postcode, *commune,
		*website, *settings;
} net_coop_input;

/* "CAE" "SCOP" "SCIC" "CAE-SCOP" "CAE-SCIC" "SA-SCOP" "ASSOCIATION"? */
bool net_legal_form_valid(const char *f);
bg_status net_coop_create(db *d, int64_t actor_id, const net_coop_input *in, int64_t *id_out,
			  bg_error *err) BG_MUST_CHECK;
bg_status net_coop_update(db *d, int64_t actor_id, int64_t id, const net_coop_input *in,
			  bg_error *err) BG_MUST_CHECK;
/* Refused (409 "coop_not_empty") while it has units, memberships or roles. */
bg_status net_coop_delete(db *d, int64_t actor_id, int64_t id, bg_error *err) BG_MUST_CHECK;
/* Readers take the viewer (0: anonymous), as every reader of the domain
 * does, and decide for it: a cooperative's identity is public (N1), so
 * anyone may read it. */
bg_status net_coop_get(db *d, arena *a, int64_t viewer_id, int64_t id, net_coop *out,
		       bg_error *err) BG_MUST_CHECK;
bg_status net_coop_list(db *d, arena *a, int64_t viewer_id, net_coop **out, size_t *n,
			bg_error *err) BG_MUST_CHECK;

/* --- territories --- */
typedef struct net_territory {
	int64_t id;
	const char *commune, *postcode, *department, *kind;
} net_territory;

/* --- units --- */
typedef struct net_unit {
	int64_t id, cooperative_id;
	const char *name, *kind, *address, *description, *coop_name;
	net_territory territory; /* id 0 when none */
	int64_t *coop_ids;       /* every cooperative (main first) */
	size_t ncoops;
} net_unit;

typedef struct net_unit_input {
	const char *name, *kind, *address, *description;
	const char *commune, *postcode, *area; /* territory; area urban/rural */
	int64_t cooperative_id;                /* main cooperative (0: unchanged) */
	const int64_t *other_coops;            /* other cooperatives, replaces the list when set */
	size_t nother;
	bool set_others;
} net_unit_input;

bool net_unit_kind_valid(const char *k);
bg_status net_unit_create(db *d, int64_t actor_id, const net_unit_input *in, int64_t *id_out,
			  bg_error *err) BG_MUST_CHECK;
bg_status net_unit_update(db *d, int64_t actor_id, int64_t id, const net_unit_input *in,
			  bg_error *err) BG_MUST_CHECK;
bg_status net_unit_delete(db *d, int64_t actor_id, int64_t id, bg_error *err) BG_MUST_CHECK;
/* Units, like cooperatives, are public (N1): any viewer (0: anonymous). */
bg_status net_unit_get(db *d, arena *a, int64_t viewer_id, int64_t id, net_unit *out,
		       bg_error *err) BG_MUST_CHECK;
/* coop_id 0: every unit; else those of that cooperative (main or linked). */
bg_status net_unit_list(db *d, arena *a, int64_t viewer_id, int64_t coop_id, net_unit **out,
			size_t *n, bg_error *err) BG_MUST_CHECK;

/* --- memberships --- */
typedef struct net_membership {
	int64_t id, person_id, cooperative_id;
	const char *person_name, *coop_name, *status, *started_on, *ended_on;
} net_membership;

bool net_membership_status_valid(const char *s);
/* Sets the person's status in the cooperative from day (YYYY-MM-DD; NULL:
 * today): ends the current period, opens a new one.  Same status: no-op.
 * Rights: AUTHZ_NET_MEMBERSHIP_MANAGE in the cooperative. */
bg_status net_membership_set(db *d, int64_t actor_id, int64_t person_id, int64_t coop_id,
			     const char *status, const char *day, bg_error *err) BG_MUST_CHECK;
/* Adds a person to a cooperative with a status.  When they are already a
 * current member there, it is net_membership_set.  Otherwise it is an
 * invitation (*pending true) that the person accepts or declines on /me:
 * being a member shows the cooperative their "my cooperative" fields, so it
 * needs their consent.  Rights: AUTHZ_NET_MEMBERSHIP_MANAGE.  Audited; the
 * invited person is told by mail (base_url: the site's address, for the
 * link to their page; NULL when unknown). */
bg_status net_membership_add(db *d, int64_t actor_id, int64_t person_id, int64_t coop_id,
			     const char *status, const char *day, const char *base_url, bool *pending,
			     bg_error *err) BG_MUST_CHECK;
/* Ends a current membership on day (YYYY-MM-DD): the period closes, a
 * "former" one opens.  NOT_FOUND when the person is not a current member.
 * Rights: AUTHZ_NET_MEMBERSHIP_MANAGE.  Audited. */
bg_status net_membership_end(db *d, int64_t actor_id, int64_t person_id, int64_t coop_id,
			     const char *day, bg_error *err) BG_MUST_CHECK;

typedef struct net_invitation {
	int64_t id, person_id, cooperative_id;
	const char *coop_name, *status, *started_on, *invited_by;
	const char *person_name;      /* filled by net_invitation_list_coop */
} net_invitation;
/* The invitations of a cooperative waiting for an answer (at most 50).
 * Rights: AUTHZ_NET_MEMBERSHIP_MANAGE in the cooperative. */
bg_status net_invitation_list_coop(db *d, arena *a, int64_t viewer_id, int64_t coop_id,
				   net_invitation **out, size_t *n, bg_error *err) BG_MUST_CHECK;
/* The person's pending invitations (at most 16). */
bg_status net_invitation_list(db *d, arena *a, int64_t person_id, net_invitation **out, size_t *n,
			      bg_error *err) BG_MUST_CHECK;
/* The person accepts (the membership opens) or declines their invitation;
 * NOT_FOUND when it is not theirs.  Audited. */
bg_status net_invitation_answer(db *d, int64_t person_id, int64_t invitation_id, bool accept,
				bg_error *err) BG_MUST_CHECK;

/* Current memberships of a cooperative, by name; page from 1.  Rights:
 * AUTHZ_COOP_READ in the cooperative (404 to outsiders). */
bg_status net_membership_list(db *d, arena *a, int64_t viewer_id, int64_t coop_id, int page,
			      int per_page, net_membership **out, size_t *n, int64_t *total,
			      bg_error *err) BG_MUST_CHECK;
/* Every period of a person (all cooperatives, newest first).  Rights: the
 * person themself, or AUTHZ_COOP_READ in each cooperative shown (the others
 * are left out). */
bg_status net_membership_history(db *d, arena *a, int64_t viewer_id, int64_t person_id,
				 net_membership **out, size_t *n, bg_error *err) BG_MUST_CHECK;

/* --- directory profiles --- */
enum net_field {
	NET_F_PROFILE, NET_F_EMAIL, NET_F_TRADES, NET_F_SKILLS, NET_F_TERRITORY,
	NET_F_PRESENTATION, NET_F_LINKS, NET_F_COOPERATE, NET_F_COUNT
};
/* Field names as in the API ("profile", "email", "trades" …). */
extern const char *const net_field_names[NET_F_COUNT];

typedef struct net_profile {
	int64_t id;
	net_level level;              /* the viewer's level towards this person */
	const char *display_name;
	const char *email;            /* NULL when hidden from the viewer (as every field) */
	const char *presentation, *links;
	net_territory territory;      /* territory.commune NULL when hidden or none */
	int wants_cooperate;          /* 0/1, -1 hidden */
	const char **trades, **skills;
	size_t ntrades, nskills;
	const char **coops;           /* cooperatives' names (shown to the group) */
	size_t ncoops;
	int vis[NET_F_COUNT];         /* the person's choices (filled for themself only) */
	bool vis_chosen;              /* they have chosen (consent; filled for themself only) */
} net_profile;

/* NULL / -1: unchanged.  trades, skills: comma- or newline-separated tags. */
typedef struct net_profile_input {
	const char *presentation, *links, *trades, *skills;
	const char *commune, *postcode, *area;
	int wants_cooperate;
	int vis[NET_F_COUNT];
	bool chosen;                  /* the person chose these levels (the demo says so);
				       * their own changes of visibility always count */
} net_profile_input;
void net_profile_input_init(net_profile_input *in);

/* The person as viewer_id may see them; NOT_FOUND when they may not see
 * the person at all. */
bg_status net_profile_load(db *d, arena *a, int64_t viewer_id, int64_t person_id,
			   net_profile *out, bg_error *err) BG_MUST_CHECK;
/* Changes a profile: the person themself, or a group administrator. */
bg_status net_profile_update(db *d, int64_t actor_id, int64_t person_id,
			     const net_profile_input *in, bg_error *err) BG_MUST_CHECK;
/* Has the person not yet chosen who sees their profile (then only they do)? */
bool net_profile_consent_pending(db *d, int64_t person_id);

/* --- search --- */
typedef struct net_search {
	const char *q, *skill, *trade, *territory;
	bool cooperate_only;
	int page, per_page;           /* page from 1; per_page ≤ 100 */
} net_search;

typedef struct net_search_result {
	int64_t total;
	net_profile *items;
	size_t n;
} net_search_result;

bg_status net_people_search(db *d, arena *a, int64_t viewer_id, const net_search *s,
			    net_search_result *out, bg_error *err) BG_MUST_CHECK;

/* --- organisations --- */
typedef struct net_org_person {
	int64_t person_id;
	const char *name, *role;
} net_org_person;

typedef struct net_org {
	int64_t id, cooperative_id;
	const char *kind, *name, *siren, *description, *website, *coop_name;
	int visibility;               /* 0 public, 1 group, 2 its cooperative */
	net_territory territory;
	net_org_person *people;       /* only those the viewer may see */
	size_t npeople;
} net_org;

typedef struct net_org_input {
	const char *kind, *name, *siren, *description, *website, *commune, *postcode, *area;
	int64_t cooperative_id;       /* 0: none / unchanged */
	int visibility;               /* -1 unchanged */
} net_org_input;
void net_org_input_init(net_org_input *in);

bool net_org_kind_valid(const char *k);
bg_status net_org_create(db *d, int64_t actor_id, const net_org_input *in, int64_t *id_out,
			 bg_error *err) BG_MUST_CHECK;
bg_status net_org_update(db *d, int64_t actor_id, int64_t id, const net_org_input *in,
			 bg_error *err) BG_MUST_CHECK;
bg_status net_org_delete(db *d, int64_t actor_id, int64_t id, bg_error *err) BG_MUST_CHECK;
/* Links (or relinks with another role) / unlinks a person. */
bg_status net_org_link(db *d, int64_t actor_id, int64_t org_id, int64_t person_id,
		       const char *link_role, bg_error *err) BG_MUST_CHECK;
bg_status net_org_unlink(db *d, int64_t actor_id, int64_t org_id, int64_t person_id,
			 bg_error *err) BG_MUST_CHECK;
bg_status net_org_get(db *d, arena *a, int64_t viewer_id, int64_t id, net_org *out,
		      bg_error *err) BG_MUST_CHECK;
/* q: folded substring of the name (NULL: all); kind NULL: all. */
bg_status net_org_list(db *d, arena *a, int64_t viewer_id, const char *q, const char *kind,
		       int page, int per_page, net_org **out, size_t *n, int64_t *total,
		       bg_error *err) BG_MUST_CHECK;

/* --- roles (thin, audited wrappers over authz_grant / authz_revoke) --- */
typedef struct net_role {
	int64_t person_id, scope_id;
	const char *person_name, *role, *scope_type, *scope_name;
} net_role;
/* Roles held in a cooperative and its units (coop_id 0: the group's), at
 * most `limit` after skipping `offset`, allocated in `a`; *total counts
 * them all. */
bg_status net_role_list(db *d, arena *a, int64_t viewer_id, int64_t coop_id, int64_t limit, int64_t offset,
			net_role **out, size_t *n, int64_t *total, bg_error *err) BG_MUST_CHECK;

/* --- import (net_import.c) --- */
typedef enum net_import_kind { NET_IMPORT_PEOPLE, NET_IMPORT_ORGANISATIONS } net_import_kind;
typedef struct net_import_error {
	int line;                     /* 1 is the header line */
	const char *field, *code, *msgid; /* static strings; msgid to translate */
} net_import_error;
typedef struct net_import_report {
	int lines;                    /* data lines read */
	int accepted, rejected;
	int invited;                  /* of the accepted: people with an account
				       * already, invited (they join once they accept) */
	int written;                  /* rows written (0 on dry run or refusal) */
	net_import_error *errors;     /* malloc'd: net_import_report_free */
	size_t nerrors;
	const char *encoding;         /* "UTF-8" or "Windows-1252" */
	char separator;
} net_import_report;
/* Imports a CSV file's bytes into coop_id.  Writes nothing when dry_run,
 * or when a line is rejected and partial is false (report->written = 0).
 * Rights: AUTHZ_NET_IMPORT in the cooperative.  Runs in the caller's
 * transaction (a savepoint per line); the caller commits when written > 0.
 * A file that cannot be read at all (no header, unknown columns, bad
 * quoting) is an error, not a report. */
bg_status net_import(db *d, int64_t actor_id, net_import_kind kind, int64_t coop_id,
		     const char *data, size_t len, bool dry_run, bool partial,
		     net_import_report *report, bg_error *err) BG_MUST_CHECK;
void net_import_report_free(net_import_report *r);
/* May actor_id (0: the command line) import into coop_id?  INVALID when
 * the cooperative does not exist, else authz_check's answer. */
bg_status net_import_allowed(db *d, int64_t actor_id, int64_t coop_id, bg_error *err) BG_MUST_CHECK;
/* Told how many data lines of total are done, every 50 lines and at the
 * end (from the importing thread). */
typedef void (*net_import_progress_fn)(void *ctx, int done, int total);
/* net_import, calling progress (when not NULL) as it goes. */
bg_status net_import_progress(db *d, int64_t actor_id, net_import_kind kind, int64_t coop_id,
			      const char *data, size_t len, bool dry_run, bool partial,
			      net_import_progress_fn progress, void *ctx, net_import_report *rep,
			      bg_error *err) BG_MUST_CHECK;

/* --- import jobs (net_jobs.c): imports from the pages run in the
 * background, one at a time, and their page shows the progress --- */
typedef struct net_import_job {
	int64_t id, person_id, cooperative_id;
	const char *kind, *status, *filename, *encoding, *separator;
	bool dry_run, partial;
	bool interrupted;             /* "running" but no worker has it (server restarted) */
	int done, total;              /* progress while running (total 0: not yet known) */
	int lines, accepted, rejected, written, invited;
	const char *error_field, *error_msgid; /* the file could not be read at all */
	net_import_error *errors;     /* arena memory */
	size_t nerrors;
} net_import_job;

/* Queues an import of the file's bytes into coop_id.  Rights: AUTHZ_NET_IMPORT
 * in the cooperative (checked again when it runs).  Audited. */
bg_status net_import_job_create(db *d, int64_t actor_id, net_import_kind kind, int64_t coop_id,
				const char *filename, const void *data, size_t len, bool dry_run,
				bool partial, int64_t *id_out, bg_error *err) BG_MUST_CHECK;
/* Runs a queued job to its end on d (no transaction open): marks it
 * running, imports in one transaction, records the report (with the
 * import when it writes; after the rollback otherwise) and drops the file. */
bg_status net_import_job_run(db *d, int64_t job_id, bg_error *err) BG_MUST_CHECK;
/* Runs the job in a background thread with its own connection to the
 * database at db_path; jobs run one after the other. */
void net_import_job_spawn(const char *db_path, int64_t job_id);
/* Starts the oldest job still queued, if any, as net_import_job_spawn()
 * does (the jobs queued after it follow): a server that stopped before
 * running a job runs it when it starts again. */
void net_import_jobs_resume(db *d, const char *db_path);
/* The viewer's last imports (at most 10, newest first): id, kind, status,
 * filename, dry_run, lines, written filled; no errors. */
bg_status net_import_job_list(db *d, arena *a, int64_t viewer_id, net_import_job **out, size_t *n,
			      bg_error *err) BG_MUST_CHECK;
/* Waits for the import running in the background, if any (tests). */
void net_import_jobs_wait(void);
/* The job as its author sees it (NOT_FOUND for anyone else). */
bg_status net_import_job_get(db *d, arena *a, int64_t viewer_id, int64_t job_id,
			     net_import_job *out, bg_error *err) BG_MUST_CHECK;

/* --- invariants (bigre check) --- */
/* Reports every broken invariant of the structure and directory: SIRENs,
 * units' links to their cooperative, overlapping membership periods, the
 * search index against the visibility choices. */
void network_check(db *d, void (*report)(void *ctx, const char *what), void *ctx);

/* --- demo (net_demo.c) --- */
/* Adds the demo's structure and directory: units, territories, memberships,
 * profiles, 600 people (one shared password hash), organisations.  coops:
 * the three demo cooperatives' ids; demo_people: the README's accounts. */
bg_status network_demo_seed(db *d, const int64_t coops[3], const int64_t units[2],
			    bg_error *err) BG_MUST_CHECK;

/* Deterministic person generator for the demo and the benchmark: adds
 * count people with profiles, memberships and tags, seeded by seed. */
bg_status network_demo_people(db *d, const int64_t *coops, size_t ncoops, int count,
			      uint64_t seed, const char *password_hash, bg_error *err) BG_MUST_CHECK;

#endif
