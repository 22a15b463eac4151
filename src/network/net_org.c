/*
 * net_org.c — organisations of the directory: groupements, individual and
 * collective enterprises, partners (research labs, local authorities), and
 * the people linked to them (see network.h).
 *
 * An organisation is seen by everyone (visibility 0), the group (1) or the
 * members of its cooperative (2); others get 404.  Its people are listed
 * only when their own profile is visible to the viewer.  Managing an
 * organisation takes AUTHZ_NET_ORG_MANAGE in its cooperative, or the
 * group's administration when it has none.
 */
#include "network/net_internal.h"
#include "core/ident.h"
#include "auth/authz.h"
#include "core/date.h"
#include "db/audit.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const net_org_kinds[] = {"groupement", "individual_enterprise",
					    "collective_enterprise", "research_lab",
					    "local_authority", "partner"};

bool net_org_kind_valid(const char *k)
{
	for (size_t i = 0; k && i < sizeof net_org_kinds / sizeof *net_org_kinds; i++)
		if (strcmp(k, net_org_kinds[i]) == 0)
			return true;
	return false;
}

void net_org_input_init(net_org_input *in)
{
	memset(in, 0, sizeof *in);
	in->visibility = -1;
}

static const char net_org_json_sql[] =
	"SELECT json_object('kind', kind, 'name', name, 'cooperative_id', cooperative_id, 'siren', siren,"
	" 'territory_id', territory_id, 'description', description, 'website', website,"
	" 'visibility', visibility) FROM organisations WHERE id = ?";

/* JSON snapshot of an organisation (malloc'd, NULL when absent; a failed
 * query sets *st, as net_snapshot). */
static char *net_org_snapshot(db *d, int64_t id, bg_status *st, bg_error *err)
{
	return net_snapshot(d, net_org_json_sql, id, st, err);
}

/* May the actor manage organisations of coop_id (0: the group's)? */
static bg_status net_org_allowed(db *d, int64_t actor_id, int64_t coop_id, bg_error *err)
{
	if (actor_id == 0)
		return BG_OK;
	if (coop_id > 0)
		return authz_check(d, actor_id, AUTHZ_NET_ORG_MANAGE, (scope){SCOPE_COOPERATIVE, coop_id}, err);
	return authz_check(d, actor_id, AUTHZ_GROUP_ADMINISTER, (scope){SCOPE_GROUP, 0}, err);
}

/* Checks the fields given. */
static bg_status net_org_validate(const net_org_input *in, bool create, bg_error *err)
{
	if ((create || in->name) && (!in->name || !*in->name || strlen(in->name) > 200))
		return bg_fail(err, BG_ERR_INVALID, "invalid_name", "name",
			       N_("The name is required (200 characters at most)."));
	if ((create || in->kind) && !net_org_kind_valid(in->kind))
		return bg_fail(err, BG_ERR_INVALID, "invalid_kind", "kind",
			       N_("Unknown kind of organisation."));
	if (in->siren && *in->siren && !ident_siren_valid(in->siren))
		return bg_fail(err, BG_ERR_INVALID, "invalid_siren", "siren",
			       N_("A SIREN is 9 digits with a valid check key."));
	if ((in->description && strlen(in->description) > 2000) || (in->website && strlen(in->website) > 300))
		return bg_fail(err, BG_ERR_INVALID, "too_long", NULL, N_("A field is too long."));
	if (in->website && *in->website && strncmp(in->website, "https://", 8) != 0 &&
	    strncmp(in->website, "http://", 7) != 0)
		return bg_fail(err, BG_ERR_INVALID, "invalid_url", "website",
			       N_("A web address starts with https:// or http://."));
	if (in->visibility > 2)
		return bg_fail(err, BG_ERR_INVALID, "invalid_visibility", "visibility",
			       N_("Visibility is public, group or coop."));
	return BG_OK;
}

/* Resolves the territory of an input (0 none given, -1 clear). */
static bg_status net_org_territory(db *d, const net_org_input *in, int64_t *id, bg_error *err)
{
	*id = 0;
	if (!in->commune && !in->postcode)
		return BG_OK;
	if ((!in->commune || !*in->commune) && (!in->postcode || !*in->postcode)) {
		*id = -1;
		return BG_OK;
	}
	return net_territory_ensure(d, in->commune, in->postcode, in->area && *in->area ? in->area : NULL,
				    id, err);
}

bg_status net_org_create(db *d, int64_t actor_id, const net_org_input *in, int64_t *id_out,
			 bg_error *err)
{
	bg_status st = net_org_allowed(d, actor_id, in->cooperative_id, err);
	int64_t terr = 0;
	if (st == BG_OK)
		st = net_org_validate(in, true, err);
	if (st == BG_OK)
		st = net_org_territory(d, in, &terr, err);
	if (st != BG_OK)
		return st;
	int64_t now = date_now();
	int64_t id = 0;
	st = db_scalar(d, err, &id, NULL, "INSERT INTO organisations(kind, name, cooperative_id, siren,"
					  " territory_id, description, website, visibility, created_at, updated_at)"
					  " VALUES (?, ?, ?, nullif(?, ''), ?, ?, ?, ?, ?, ?) RETURNING id",
		     "ssIsIssiii", in->kind, in->name, in->cooperative_id, in->siren ? in->siren : "",
		     terr > 0 ? terr : 0, in->description ? in->description : "",
		     in->website ? in->website : "", (int64_t)(in->visibility >= 0 ? in->visibility : 0),
		     now, now);
	if (st == BG_ERR_CONFLICT)
		return bg_fail(err, BG_ERR_INVALID, "unknown_cooperative", "cooperative_id",
			       N_("This cooperative does not exist."));
	if (st != BG_OK)
		return st;
	return net_audit_created(d, actor_id, net_org_json_sql, "organisation", id, id_out, err);
}

/* The organisation's cooperative (0 none); NOT_FOUND when absent. */
static bg_status net_org_coop(db *d, int64_t id, int64_t *coop, bg_error *err)
{
	bool found = false;
	bg_status st = db_scalar(d, err, coop, &found,
				 "SELECT coalesce(cooperative_id, 0) FROM organisations WHERE id = ?", "i", id);
	if (st == BG_OK && !found)
		return bg_fail(err, BG_ERR_NOT_FOUND, "not_found", NULL, N_("This page does not exist."));
	return st;
}

bg_status net_org_update(db *d, int64_t actor_id, int64_t id, const net_org_input *in,
			 bg_error *err)
{
	int64_t coop = 0, terr = 0;
	bg_status st = net_org_coop(d, id, &coop, err);
	if (st == BG_OK)
		st = net_org_allowed(d, actor_id, coop, err);
	if (st == BG_OK && in->cooperative_id > 0 && in->cooperative_id != coop)
		st = net_org_allowed(d, actor_id, in->cooperative_id, err);
	if (st == BG_OK)
		st = net_org_validate(in, false, err);
	if (st == BG_OK)
		st = net_org_territory(d, in, &terr, err);
	if (st != BG_OK)
		return st;
	char *before = net_org_snapshot(d, id, &st, err);
	if (st != BG_OK)
		return st;
	st = db_exec(d, err, "UPDATE organisations SET kind = coalesce(?, kind), name = coalesce(?, name),"
			     " cooperative_id = CASE WHEN ? > 0 THEN ? ELSE cooperative_id END,"
			     " siren = CASE WHEN ? IS NULL THEN siren ELSE nullif(?, '') END,"
			     " territory_id = CASE ? WHEN 0 THEN territory_id WHEN -1 THEN NULL ELSE ? END,"
			     " description = coalesce(?, description), website = coalesce(?, website),"
			     " visibility = CASE WHEN ? < 0 THEN visibility ELSE ? END, updated_at = ?"
			     " WHERE id = ?",
		     "ssiissiissiiii", in->kind, in->name, in->cooperative_id, in->cooperative_id,
		     in->siren, in->siren, terr, terr, in->description, in->website,
		     (int64_t)in->visibility, (int64_t)in->visibility, date_now(), id);
	if (st == BG_ERR_CONFLICT)
		st = bg_fail(err, BG_ERR_INVALID, "unknown_cooperative", "cooperative_id",
			     N_("This cooperative does not exist."));
	char *after = net_org_snapshot(d, id, &st, err);
	return net_audit(d, st, actor_id, "update", "organisation", id, before, after, err);
}

bg_status net_org_delete(db *d, int64_t actor_id, int64_t id, bg_error *err)
{
	int64_t coop = 0;
	bg_status st = net_org_coop(d, id, &coop, err);
	if (st == BG_OK)
		st = net_org_allowed(d, actor_id, coop, err);
	if (st != BG_OK)
		return st;
	char *before = net_org_snapshot(d, id, &st, err);
	if (st == BG_OK)
		st = db_exec(d, err, "DELETE FROM organisations WHERE id = ?", "i", id);
	return net_audit(d, st, actor_id, "delete", "organisation", id, before, NULL, err);
}

bg_status net_org_link(db *d, int64_t actor_id, int64_t org_id, int64_t person_id,
		       const char *link_role, bg_error *err)
{
	int64_t coop = 0, one;
	bool found = false;
	bg_status st = net_org_coop(d, org_id, &coop, err);
	if (st == BG_OK)
		st = net_org_allowed(d, actor_id, coop, err);
	if (st == BG_OK)
		st = db_scalar(d, err, &one, &found, "SELECT 1 FROM people WHERE id = ?", "i", person_id);
	if (st == BG_OK && !found)
		st = bg_fail(err, BG_ERR_INVALID, "unknown_person", "person_id",
			     N_("This person does not exist."));
	if (st == BG_OK && link_role && strlen(link_role) > 100)
		st = bg_fail(err, BG_ERR_INVALID, "too_long", "role", N_("A field is too long."));
	if (st == BG_OK)
		st = db_exec(d, err, "INSERT INTO organisation_people(organisation_id, person_id, role)"
				     " VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET role = excluded.role",
			     "iis", org_id, person_id, link_role ? link_role : "");
	if (st != BG_OK)
		return st;
	char after[160];
	snprintf(after, sizeof after, "{\"person_id\":%lld}", (long long)person_id);
	return audit_record(d, actor_id, "link", "organisation", org_id, NULL, after, err);
}

bg_status net_org_unlink(db *d, int64_t actor_id, int64_t org_id, int64_t person_id,
			 bg_error *err)
{
	int64_t coop = 0;
	bg_status st = net_org_coop(d, org_id, &coop, err);
	if (st == BG_OK)
		st = net_org_allowed(d, actor_id, coop, err);
	if (st == BG_OK)
		st = db_exec(d, err, "DELETE FROM organisation_people WHERE organisation_id = ? AND person_id = ?",
			     "ii", org_id, person_id);
	if (st != BG_OK)
		return st;
	if (db_changes(d) == 0)
		return bg_fail(err, BG_ERR_NOT_FOUND, "not_found", "person_id",
			       N_("This person is not linked to this organisation."));
	char before[160];
	snprintf(before, sizeof before, "{\"person_id\":%lld}", (long long)person_id);
	return audit_record(d, actor_id, "unlink", "organisation", org_id, before, NULL, err);
}

/* The condition, over organisation o, for a viewer to see it; its "?" are
 * bound, in order: the viewer is in the group, is an administrator, then
 * the viewer's id three times (NET_ORG_SEES binds them). */
#define NET_ORG_VISIBLE                                                                            \
	" (o.visibility = 0 OR (o.visibility = 1 AND ?) OR ? OR (o.visibility = 2 AND"             \
	"  o.cooperative_id IN (" NET_COOPS_OF("?") ")))"
#define NET_ORG_SEES(group, admin, viewer) (group), (admin), (viewer), (viewer), (viewer)
#define NET_ORG_COLUMNS                                                                            \
	"SELECT o.id, coalesce(o.cooperative_id, 0), o.kind, o.name, coalesce(o.siren, ''),"       \
	" o.description, o.website, c.name, o.visibility, coalesce(t.id, 0), t.commune, t.postcode,"  \
	" t.department, t.kind FROM organisations o LEFT JOIN cooperatives c ON c.id = o.cooperative_id" \
	" LEFT JOIN territories t ON t.id = o.territory_id"

/* Fills an organisation from a row of NET_ORG_COLUMNS. */
static void net_org_row(db_stmt *s, arena *a, net_org *o)
{
	memset(o, 0, sizeof *o);
	o->id = db_int(s, 0);
	o->cooperative_id = db_int(s, 1);
	o->kind = arena_strdup(a, db_text(s, 2));
	o->name = arena_strdup(a, db_text(s, 3));
	o->siren = arena_strdup(a, db_text(s, 4));
	o->description = arena_strdup(a, db_text(s, 5));
	o->website = arena_strdup(a, db_text(s, 6));
	o->coop_name = arena_strdup(a, db_text(s, 7));
	o->visibility = (int)db_int(s, 8);
	o->territory.id = db_int(s, 9);
	o->territory.commune = arena_strdup(a, db_text(s, 10));
	o->territory.postcode = arena_strdup(a, db_text(s, 11));
	o->territory.department = arena_strdup(a, db_text(s, 12));
	o->territory.kind = arena_strdup(a, db_text(s, 13));
}

/* Is the viewer an administrator of the group? */
static int64_t net_org_admin(db *d, int64_t viewer_id)
{
	bg_error refused;
	return viewer_id > 0 &&
	       authz_check(d, viewer_id, AUTHZ_GROUP_ADMINISTER, (scope){SCOPE_GROUP, 0}, &refused) == BG_OK;
}

bg_status net_org_get(db *d, arena *a, int64_t viewer_id, int64_t id, net_org *out,
		      bg_error *err)
{
	db_stmt *s = db_query(d, NET_ORG_COLUMNS " WHERE o.id = ? AND" NET_ORG_VISIBLE, "iiiiii", id,
			      NET_ORG_SEES((int64_t)net_in_group(d, viewer_id), net_org_admin(d, viewer_id),
					   viewer_id));
	int rc = db_next(s);
	if (rc == 1)
		net_org_row(s, a, out);
	if (db_done(s) != BG_OK)
		return bg_db_fail(err);
	if (rc == 0)
		return bg_fail(err, BG_ERR_NOT_FOUND, "not_found", NULL, N_("This page does not exist."));
	/* people, each only if the viewer may see their profile */
	int64_t ids[64];
	const char *roles[64];
	size_t n = 0;
	s = db_query(d, "SELECT person_id, role FROM organisation_people WHERE organisation_id = ?"
			" ORDER BY person_id LIMIT 64", "i", id);
	while (db_next(s) == 1) {
		ids[n] = db_int(s, 0);
		roles[n++] = arena_strdup(a, db_text(s, 1));
	}
	if (db_done(s) != BG_OK)
		return bg_db_fail(err);
	out->people = arena_alloc(a, (n + 1) * sizeof *out->people);
	for (size_t i = 0; i < n; i++) {
		net_profile p;
		bg_error hidden;
		bg_status one = net_profile_load(d, a, viewer_id, ids[i], &p, &hidden);
		if (one == BG_ERR_NOT_FOUND)
			continue; /* a profile the viewer may not see */
		if (one != BG_OK)
			return bg_fail(err, one, hidden.code, hidden.field, hidden.msgid);
		out->people[out->npeople++] = (net_org_person){ids[i], p.display_name, roles[i]};
	}
	return BG_OK;
}

bg_status net_org_list(db *d, arena *a, int64_t viewer_id, const char *q, const char *kind,
		       int page, int per_page, net_org **out, size_t *n, int64_t *total,
		       bg_error *err)
{
	char like[210] = "";
	if (q && strlen(q) > 200)
		return bg_fail(err, BG_ERR_INVALID, "too_long", "q", N_("The search is too long."));
	if (kind && *kind && !net_org_kind_valid(kind))
		return bg_fail(err, BG_ERR_INVALID, "invalid_kind", "kind", N_("Unknown kind of organisation."));
	if (q && *q)
		snprintf(like, sizeof like, "%%%s%%", q);
	if (page < 1)
		page = 1;
	if (per_page < 1 || per_page > 100)
		per_page = 20;
	int64_t admin = net_org_admin(d, viewer_id), group = net_in_group(d, viewer_id);
	const char *k = kind ? kind : "";
	bool found;
	bg_status st = db_scalar(d, err, total, &found,
				 "SELECT count(*) FROM organisations o WHERE" NET_ORG_VISIBLE
				 " AND (? = '' OR o.name LIKE ?) AND (? = '' OR o.kind = ?)",
				 "iiiiissss", NET_ORG_SEES(group, admin, viewer_id), like, like, k, k);
	if (st != BG_OK)
		return st;
	db_stmt *s = db_query(d, NET_ORG_COLUMNS " WHERE" NET_ORG_VISIBLE
				 " AND (? = '' OR o.name LIKE ?) AND (? = '' OR o.kind = ?)"
				 " ORDER BY o.name, o.id LIMIT ? OFFSET ?",
			      "iiiiissssii", NET_ORG_SEES(group, admin, viewer_id), like, like, k, k,
			      (int64_t)per_page, (int64_t)(page - 1) * per_page);
	*out = arena_alloc(a, (size_t)per_page * sizeof **out);
	*n = 0;
	while (*n < (size_t)per_page && db_next(s) == 1)
		net_org_row(s, a, &(*out)[(*n)++]);
	return db_done(s) == BG_OK ? BG_OK : bg_db_fail(err);
}
