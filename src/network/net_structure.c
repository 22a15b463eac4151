/*
 * net_structure.c — the group's structure (see network.h): cooperatives
 * (legal identity, address, settings), units (one main cooperative,
 * possibly spanning others), the lists of roles held in them, and the
 * invariants `bigre check` verifies.
 *
 * Cooperatives and units are public (N1): their readers take the viewer
 * like every reader of the domain and let anyone read them.  Their writers
 * check the rule table first (the group's administration to create or
 * delete a cooperative, the cooperative's to change it or its units,
 * including each other cooperative a unit is linked to), validate every
 * field, write, and audit with the row before and after (snapshots made by
 * SQLite, net_common.c).  A cooperative is deleted only when empty: units,
 * members, organisations and roles keep it (409).  Memberships live in
 * net_membership.c, territories in net_territory.c, the viewer's levels in
 * net_level.c.
 */
#include "network/net_internal.h"
#include "core/ident.h"
#include "core/date.h"
#include "core/json.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------- cooperatives */

static const char *const net_legal_forms[] = {"CAE", "SCOP", "SCIC", "CAE-SCOP", "CAE-SCIC",
					      "CUMA", "SA", "SAS", "SARL", "ASSOCIATION"};

bool net_legal_form_valid(const char *f)
{
	for (size_t i = 0; f && i < sizeof net_legal_forms / sizeof *net_legal_forms; i++)
		if (strcmp(f, net_legal_forms[i]) == 0)
			return true;
	return false;
}

/* Is s (NULL allowed) at most max bytes? */
static bool net_len_ok(const char *s, size_t max)
{
	return !s || strlen(s) <= max;
}

/* Validates the fields given of a cooperative (create: name required). */
static bg_status net_coop_validate(const net_coop_input *in, bool create, bg_error *err)
{
	if ((create || in->name) && (!in->name || !*in->name || strlen(in->name) > 200))
		return bg_fail(err, BG_ERR_INVALID, "invalid_name", "name",
			       N_("The name is required (200 characters at most)."));
	if (in->legal_form && !net_legal_form_valid(in->legal_form))
		return bg_fail(err, BG_ERR_INVALID, "invalid_legal_form", "legal_form",
			       N_("Unknown legal form (CAE, SCOP, SCIC, CAE-SCOP, CAE-SCIC …)."));
	if (in->siren && *in->siren && !ident_siren_valid(in->siren))
		return bg_fail(err, BG_ERR_INVALID, "invalid_siren", "siren",
			       N_("A SIREN is 9 digits with a valid check key."));
	if (in->postcode && *in->postcode && !ident_postcode_fr_valid(in->postcode))
		return bg_fail(err, BG_ERR_INVALID, "invalid_postcode", "postcode",
			       N_("A postcode is 5 digits."));
	if (!net_len_ok(in->short_description, 1000) || !net_len_ok(in->address, 300) ||
	    !net_len_ok(in->commune, 100) || !net_len_ok(in->website, 300))
		return bg_fail(err, BG_ERR_INVALID, "too_long", NULL, N_("A field is too long."));
	if (in->website && *in->website && strncmp(in->website, "https://", 8) != 0 &&
	    strncmp(in->website, "http://", 7) != 0)
		return bg_fail(err, BG_ERR_INVALID, "invalid_url", "website",
			       N_("A web address starts with https:// or http://."));
	if (in->settings) {
		json_t *obj = NULL;
		bg_error ignored;
		if (strlen(in->settings) > 20000 ||
		    json_parse_object(in->settings, strlen(in->settings), &obj, &ignored) != BG_OK)
			return bg_fail(err, BG_ERR_INVALID, "invalid_settings", "settings",
				       N_("The settings must be a JSON object."));
		json_decref(obj);
	}
	return BG_OK;
}

static const char net_coop_json_sql[] =
	"SELECT json_object('name', name, 'legal_form', legal_form, 'siren', siren,"
	" 'address', address, 'postcode', postcode, 'commune', commune, 'website', website,"
	" 'short_description', short_description, 'settings', json(settings))"
	" FROM cooperatives WHERE id = ?";

bg_status net_coop_create(db *d, int64_t actor_id, const net_coop_input *in, int64_t *id_out,
			  bg_error *err)
{
	bg_status st = net_allow(d, actor_id, AUTHZ_GROUP_ADMINISTER, (scope){SCOPE_GROUP, 0}, err);
	if (st == BG_OK)
		st = net_coop_validate(in, true, err);
	if (st != BG_OK)
		return st;
	int64_t now = date_now();
	int64_t id = 0;
	st = db_scalar(d, err, &id, NULL, "INSERT INTO cooperatives(name, legal_form, siren, short_description,"
					  " address, postcode, commune, website, settings, created_at, updated_at)"
					  " VALUES (?, ?, nullif(?, ''), ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
		     "sssssssssii", in->name, in->legal_form ? in->legal_form : "CAE",
		     in->siren ? in->siren : "", in->short_description ? in->short_description : "",
		     in->address ? in->address : "", in->postcode ? in->postcode : "",
		     in->commune ? in->commune : "", in->website ? in->website : "",
		     in->settings ? in->settings : "{}", now, now);
	if (st == BG_ERR_CONFLICT)
		return bg_fail(err, BG_ERR_CONFLICT, "coop_exists", "name",
			       N_("A cooperative already has this name or SIREN."));
	if (st != BG_OK)
		return st;
	return net_audit_created(d, actor_id, net_coop_json_sql, "cooperative", id, id_out, err);
}

bg_status net_coop_update(db *d, int64_t actor_id, int64_t id, const net_coop_input *in,
			  bg_error *err)
{
	bg_status st = net_allow(d, actor_id, AUTHZ_COOP_ADMINISTER, (scope){SCOPE_COOPERATIVE, id}, err);
	if (st == BG_OK)
		st = net_coop_validate(in, false, err);
	if (st != BG_OK)
		return st;
	char *before = NULL;
	st = net_before(d, net_coop_json_sql, id, &before, err);
	if (st != BG_OK)
		return st;
	st = db_exec(d, err, "UPDATE cooperatives SET name = coalesce(?, name),"
			     " legal_form = coalesce(?, legal_form),"
			     " siren = CASE WHEN ? IS NULL THEN siren ELSE nullif(?, '') END,"
			     " short_description = coalesce(?, short_description),"
			     " address = coalesce(?, address), postcode = coalesce(?, postcode),"
			     " commune = coalesce(?, commune), website = coalesce(?, website),"
			     " settings = coalesce(?, settings), updated_at = ? WHERE id = ?",
		     "ssssssssssii", in->name, in->legal_form, in->siren, in->siren,
		     in->short_description, in->address, in->postcode, in->commune, in->website,
		     in->settings, date_now(), id);
	if (st == BG_ERR_CONFLICT)
		st = bg_fail(err, BG_ERR_CONFLICT, "coop_exists", "name",
			     N_("A cooperative already has this name or SIREN."));
	char *after = net_snapshot(d, net_coop_json_sql, id, &st, err); /* NULL after a failure */
	return net_audit(d, st, actor_id, "update", "cooperative", id, before, after, err);
}

bg_status net_coop_delete(db *d, int64_t actor_id, int64_t id, bg_error *err)
{
	bg_status st = net_allow(d, actor_id, AUTHZ_GROUP_ADMINISTER, (scope){SCOPE_GROUP, 0}, err);
	if (st != BG_OK)
		return st;
	char *before = NULL;
	st = net_before(d, net_coop_json_sql, id, &before, err);
	if (st != BG_OK)
		return st;
	int64_t used = 0;
	bool found = false;
	st = db_scalar(d, err, &used, &found,
		       "SELECT EXISTS (SELECT 1 FROM units WHERE cooperative_id = ?)"
		       " OR EXISTS (SELECT 1 FROM unit_cooperatives WHERE cooperative_id = ?)"
		       " OR EXISTS (SELECT 1 FROM memberships WHERE cooperative_id = ?)"
		       " OR EXISTS (SELECT 1 FROM organisations WHERE cooperative_id = ?)"
		       " OR EXISTS (SELECT 1 FROM roles WHERE scope_type = 'cooperative' AND scope_id = ?)",
		       "iiiii", id, id, id, id, id);
	if (st == BG_OK && used)
		st = bg_fail(err, BG_ERR_CONFLICT, "coop_not_empty", NULL,
			     N_("This cooperative still has units, members, organisations or roles."));
	if (st == BG_OK)
		st = db_exec(d, err, "DELETE FROM cooperatives WHERE id = ?", "i", id);
	if (st != BG_OK) {
		free(before);
		return st;
	}
	return net_audit(d, st, actor_id, "delete", "cooperative", id, before, NULL, err);
}

static const char net_coop_select[] =
	"SELECT c.id, c.name, c.legal_form, coalesce(c.siren, ''), c.short_description, c.address,"
	" c.postcode, c.commune, c.website, c.settings,"
	" (SELECT count(*) FROM memberships m WHERE m.cooperative_id = c.id AND m.ended_on IS NULL"
	"  AND m.status <> 'former'),"
	" (SELECT count(*) FROM units u WHERE u.cooperative_id = c.id OR u.id IN"
	"  (SELECT unit_id FROM unit_cooperatives uc WHERE uc.cooperative_id = c.id))"
	" FROM cooperatives c";

/* Fills a net_coop from a row of net_coop_select. */
static void net_coop_row(db_stmt *s, arena *a, net_coop *c)
{
	c->id = db_int(s, 0);
	c->name = arena_strdup(a, db_text(s, 1));
	c->legal_form = arena_strdup(a, db_text(s, 2));
	c->siren = arena_strdup(a, db_text(s, 3));
	c->short_description = arena_strdup(a, db_text(s, 4));
	c->address = arena_strdup(a, db_text(s, 5));
	c->postcode = arena_strdup(a, db_text(s, 6));
	c->commune = arena_strdup(a, db_text(s, 7));
	c->website = arena_strdup(a, db_text(s, 8));
	c->settings = arena_strdup(a, db_text(s, 9));
	c->members = db_int(s, 10);
	c->units = db_int(s, 11);
}

bg_status net_coop_get(db *d, arena *a, int64_t viewer_id, int64_t id, net_coop *out, bg_error *err)
{
	(void)viewer_id; /* public: every viewer may read it (network.h) */
	char sql[sizeof net_coop_select + 32];
	snprintf(sql, sizeof sql, "%s WHERE c.id = ?", net_coop_select);
	db_stmt *s = db_query(d, sql, "i", id);
	int rc = db_next(s);
	if (rc == 1)
		net_coop_row(s, a, out);
	if (db_done(s) != BG_OK)
		return bg_db_fail(err);
	if (rc == 0)
		return bg_fail(err, BG_ERR_NOT_FOUND, "not_found", NULL, N_("This page does not exist."));
	return BG_OK;
}

bg_status net_coop_list(db *d, arena *a, int64_t viewer_id, net_coop **out, size_t *n, bg_error *err)
{
	(void)viewer_id; /* public (network.h) */
	char sql[sizeof net_coop_select + 32];
	snprintf(sql, sizeof sql, "%s ORDER BY c.name", net_coop_select);
	db_stmt *s = db_query(d, sql, NULL);
	*out = NULL;
	*n = 0;
	while (db_next(s) == 1) {
		*out = arena_grow(a, *out, *n, sizeof **out);
		net_coop_row(s, a, &(*out)[(*n)++]);
	}
	return db_done(s) == BG_OK ? BG_OK : bg_db_fail(err);
}

/* Resolves the territory fields of an input: *id 0 when none given, -1 to
 * clear (empty commune and postcode). */
static bg_status net_territory_input(db *d, const char *commune, const char *postcode,
				     const char *area, int64_t *id, bg_error *err)
{
	*id = 0;
	if (!commune && !postcode)
		return BG_OK;
	if ((!commune || !*commune) && (!postcode || !*postcode)) {
		*id = -1;
		return BG_OK;
	}
	return net_territory_ensure(d, commune, postcode, area && *area ? area : NULL, id, err);
}

/* ------------------------------------------------------------------ units */

static const char *const net_unit_kinds[] = {"establishment", "antenna", "local_group", "trade_group"};

bool net_unit_kind_valid(const char *k)
{
	for (size_t i = 0; k && i < 4; i++)
		if (strcmp(k, net_unit_kinds[i]) == 0)
			return true;
	return false;
}

static const char net_unit_json_sql[] =
	"SELECT json_object('name', name, 'kind', kind, 'cooperative_id', cooperative_id,"
	" 'address', address, 'territory_id', territory_id, 'description', description,"
	" 'cooperatives', (SELECT json_group_array(cooperative_id) FROM unit_cooperatives"
	"  WHERE unit_id = units.id)) FROM units WHERE id = ?";

bg_status net_coop_exists(db *d, int64_t id, const char *field, bg_error *err)
{
	int64_t one;
	bool found = false;
	bg_status st = db_scalar(d, err, &one, &found, "SELECT 1 FROM cooperatives WHERE id = ?", "i", id);
	if (st == BG_OK && !found)
		return bg_fail(err, BG_ERR_INVALID, "unknown_cooperative", field,
			       N_("This cooperative does not exist."));
	return st;
}

/* Validates, checks rights over every cooperative named, and writes the
 * unit's cooperative links. */
static bg_status net_unit_links(db *d, int64_t actor_id, int64_t unit_id, int64_t main_coop,
				const net_unit_input *in, bool replace, bg_error *err)
{
	bg_status st = BG_OK;
	if (replace)
		st = db_exec(d, err, "DELETE FROM unit_cooperatives WHERE unit_id = ?", "i", unit_id);
	if (st == BG_OK)
		st = db_exec(d, err, "INSERT INTO unit_cooperatives VALUES (?, ?) ON CONFLICT DO NOTHING", "ii",
			     unit_id, main_coop);
	for (size_t i = 0; st == BG_OK && replace && i < in->nother; i++) {
		st = net_coop_exists(d, in->other_coops[i], "cooperatives", err);
		if (st == BG_OK)
			st = net_allow(d, actor_id, AUTHZ_COOP_ADMINISTER,
				       (scope){SCOPE_COOPERATIVE, in->other_coops[i]}, err);
		if (st == BG_OK)
			st = db_exec(d, err, "INSERT INTO unit_cooperatives VALUES (?, ?) ON CONFLICT DO NOTHING",
				     "ii", unit_id, in->other_coops[i]);
	}
	return st;
}

/* Checks the text fields of a unit. */
static bg_status net_unit_validate(const net_unit_input *in, bool create, bg_error *err)
{
	if ((create || in->name) && (!in->name || !*in->name || strlen(in->name) > 200))
		return bg_fail(err, BG_ERR_INVALID, "invalid_name", "name",
			       N_("The name is required (200 characters at most)."));
	if (in->kind && !net_unit_kind_valid(in->kind))
		return bg_fail(err, BG_ERR_INVALID, "invalid_kind", "kind",
			       N_("Unknown kind of unit."));
	if (!net_len_ok(in->address, 300) || !net_len_ok(in->description, 2000))
		return bg_fail(err, BG_ERR_INVALID, "too_long", NULL, N_("A field is too long."));
	if (create && in->cooperative_id <= 0)
		return bg_fail(err, BG_ERR_INVALID, "missing_field", "cooperative_id",
			       N_("Choose the unit's cooperative."));
	return BG_OK;
}

bg_status net_unit_create(db *d, int64_t actor_id, const net_unit_input *in, int64_t *id_out,
			  bg_error *err)
{
	bg_status st = net_unit_validate(in, true, err);
	if (st == BG_OK)
		st = net_coop_exists(d, in->cooperative_id, "cooperative_id", err);
	if (st == BG_OK)
		st = net_allow(d, actor_id, AUTHZ_COOP_ADMINISTER,
			       (scope){SCOPE_COOPERATIVE, in->cooperative_id}, err);
	int64_t terr = 0;
	if (st == BG_OK)
		st = net_territory_input(d, in->commune, in->postcode, in->area, &terr, err);
	if (st != BG_OK)
		return st;
	int64_t now = date_now();
	int64_t id = 0;
	st = db_scalar(d, err, &id, NULL, "INSERT INTO units(cooperative_id, name, kind, territory_id, address,"
					  " description, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
					  " RETURNING id",
		     "issIssii", in->cooperative_id, in->name,
		     in->kind ? in->kind : "establishment", terr > 0 ? terr : 0,
		     in->address ? in->address : "", in->description ? in->description : "", now, now);
	if (st != BG_OK)
		return st;
	st = net_unit_links(d, actor_id, id, in->cooperative_id, in, true, err);
	if (st != BG_OK)
		return st;
	return net_audit_created(d, actor_id, net_unit_json_sql, "unit", id, id_out, err);
}

bg_status net_unit_update(db *d, int64_t actor_id, int64_t id, const net_unit_input *in,
			  bg_error *err)
{
	bg_status st = net_allow(d, actor_id, AUTHZ_COOP_ADMINISTER, (scope){SCOPE_UNIT, id}, err);
	if (st == BG_OK)
		st = net_unit_validate(in, false, err);
	if (st != BG_OK)
		return st;
	char *before = NULL;
	st = net_before(d, net_unit_json_sql, id, &before, err);
	if (st != BG_OK)
		return st;
	int64_t main_coop = 0, terr = 0;
	bool found = false;
	st = db_scalar(d, err, &main_coop, &found, "SELECT cooperative_id FROM units WHERE id = ?", "i", id);
	if (st == BG_OK && in->cooperative_id > 0 && in->cooperative_id != main_coop) {
		st = net_coop_exists(d, in->cooperative_id, "cooperative_id", err);
		if (st == BG_OK)
			st = net_allow(d, actor_id, AUTHZ_COOP_ADMINISTER,
				       (scope){SCOPE_COOPERATIVE, in->cooperative_id}, err);
		main_coop = in->cooperative_id;
	}
	if (st == BG_OK)
		st = net_territory_input(d, in->commune, in->postcode, in->area, &terr, err);
	if (st == BG_OK)
		st = db_exec(d, err, "UPDATE units SET name = coalesce(?, name), kind = coalesce(?, kind),"
				     " address = coalesce(?, address), description = coalesce(?, description),"
				     " cooperative_id = ?,"
				     " territory_id = CASE ? WHEN 0 THEN territory_id WHEN -1 THEN NULL ELSE ? END,"
				     " updated_at = ? WHERE id = ?",
			     "ssssiiiii", in->name, in->kind, in->address, in->description, main_coop,
			     terr, terr, date_now(), id);
	if (st == BG_OK)
		st = net_unit_links(d, actor_id, id, main_coop, in, in->set_others, err);
	char *after = net_snapshot(d, net_unit_json_sql, id, &st, err);
	return net_audit(d, st, actor_id, "update", "unit", id, before, after, err);
}

bg_status net_unit_delete(db *d, int64_t actor_id, int64_t id, bg_error *err)
{
	bg_status st = net_allow(d, actor_id, AUTHZ_COOP_ADMINISTER, (scope){SCOPE_UNIT, id}, err);
	if (st != BG_OK)
		return st;
	char *before = NULL;
	st = net_before(d, net_unit_json_sql, id, &before, err);
	if (st != BG_OK)
		return st;
	st = db_exec(d, err, "DELETE FROM roles WHERE scope_type = 'unit' AND scope_id = ?", "i", id);
	if (st == BG_OK)
		st = db_exec(d, err, "DELETE FROM units WHERE id = ?", "i", id);
	if (st == BG_ERR_CONFLICT)
		st = bg_fail(err, BG_ERR_CONFLICT, "unit_in_use", NULL,
			     N_("This unit is still used elsewhere (places, groups …)."));
	return net_audit(d, st, actor_id, "delete", "unit", id, before, NULL, err);
}

static const char net_unit_select[] =
	"SELECT u.id, coalesce(u.cooperative_id, 0), u.name, u.kind, u.address, u.description,"
	" c.name, coalesce(t.id, 0), t.commune, t.postcode, t.department, t.kind"
	" FROM units u LEFT JOIN cooperatives c ON c.id = u.cooperative_id"
	" LEFT JOIN territories t ON t.id = u.territory_id";

/* Fills a net_unit from a row of net_unit_select; its cooperatives other
 * than the main one come after, from net_unit_coops (once the row's
 * statement is done). */
static void net_unit_row(db_stmt *s, arena *a, net_unit *u)
{
	u->id = db_int(s, 0);
	u->cooperative_id = db_int(s, 1);
	u->name = arena_strdup(a, db_text(s, 2));
	u->kind = arena_strdup(a, db_text(s, 3));
	u->address = arena_strdup(a, db_text(s, 4));
	u->description = arena_strdup(a, db_text(s, 5));
	u->coop_name = arena_strdup(a, db_text(s, 6));
	u->territory.id = db_int(s, 7);
	u->territory.commune = arena_strdup(a, db_text(s, 8));
	u->territory.postcode = arena_strdup(a, db_text(s, 9));
	u->territory.department = arena_strdup(a, db_text(s, 10));
	u->territory.kind = arena_strdup(a, db_text(s, 11));
	u->coop_ids = arena_alloc(a, 16 * sizeof *u->coop_ids);
	u->coop_ids[0] = u->cooperative_id; /* the main cooperative first */
	u->ncoops = u->cooperative_id ? 1 : 0;
}

/* Adds to each of the n units the cooperatives it spans besides its main
 * one (at most 16 in all, in the order of their ids), read in C rather
 * than joined into a text by the query (group_concat is SQLite's). */
static bg_status net_unit_coops(db *d, net_unit *units, size_t n, bg_error *err)
{
	for (size_t i = 0; i < n; i++) {
		net_unit *u = &units[i];
		db_stmt *s = db_query(d, "SELECT cooperative_id FROM unit_cooperatives WHERE unit_id = ?"
					 " ORDER BY cooperative_id", "i", u->id);
		while (db_next(s) == 1) {
			int64_t id = db_int(s, 0);
			if (id != u->cooperative_id && u->ncoops < 16)
				u->coop_ids[u->ncoops++] = id;
		}
		if (db_done(s) != BG_OK)
			return bg_db_fail(err);
	}
	return BG_OK;
}

bg_status net_unit_get(db *d, arena *a, int64_t viewer_id, int64_t id, net_unit *out, bg_error *err)
{
	(void)viewer_id; /* public (network.h) */
	char sql[sizeof net_unit_select + 32];
	snprintf(sql, sizeof sql, "%s WHERE u.id = ?", net_unit_select);
	db_stmt *s = db_query(d, sql, "i", id);
	int rc = db_next(s);
	if (rc == 1)
		net_unit_row(s, a, out);
	if (db_done(s) != BG_OK)
		return bg_db_fail(err);
	if (rc == 0)
		return bg_fail(err, BG_ERR_NOT_FOUND, "not_found", NULL, N_("This page does not exist."));
	return net_unit_coops(d, out, 1, err);
}

bg_status net_unit_list(db *d, arena *a, int64_t viewer_id, int64_t coop_id, net_unit **out,
			size_t *n, bg_error *err)
{
	(void)viewer_id; /* public (network.h) */
	char sql[sizeof net_unit_select + 160];
	snprintf(sql, sizeof sql, "%s WHERE ? = 0 OR u.cooperative_id = ? OR u.id IN (SELECT unit_id FROM unit_cooperatives"
		 " WHERE cooperative_id = ?) ORDER BY u.name", net_unit_select);
	db_stmt *s = db_query(d, sql, "iii", coop_id, coop_id, coop_id);
	*out = NULL;
	*n = 0;
	while (db_next(s) == 1) {
		*out = arena_grow(a, *out, *n, sizeof **out);
		net_unit_row(s, a, &(*out)[(*n)++]);
	}
	return db_done(s) == BG_OK ? net_unit_coops(d, *out, *n, err) : bg_db_fail(err);
}

/* ------------------------------------------------------------------ roles */

/* The roles net_role_list lists: those of the group (the cooperative's id
 * 0), or those of the cooperative and of its units; its three "?" are the
 * cooperative's id. */
#define NET_ROLE_FROM                                                                                  \
	" FROM roles r JOIN people p ON p.id = r.person_id"                                             \
	" LEFT JOIN cooperatives c ON r.scope_type = 'cooperative' AND c.id = r.scope_id"               \
	" LEFT JOIN units u ON r.scope_type = 'unit' AND u.id = r.scope_id"                             \
	" WHERE (? = 0 AND r.scope_type = 'group')"                                                     \
	" OR (r.scope_type = 'cooperative' AND r.scope_id = ?)"                                         \
	" OR (r.scope_type = 'unit' AND u.cooperative_id = ?)"

bg_status net_role_list(db *d, arena *a, int64_t viewer_id, int64_t coop_id, int64_t limit, int64_t offset,
			net_role **out, size_t *n, int64_t *total, bg_error *err)
{
	*out = NULL;
	*n = 0;
	bg_status st = coop_id ? net_allow(d, viewer_id, AUTHZ_COOP_ADMINISTER,
					   (scope){SCOPE_COOPERATIVE, coop_id}, err)
			       : net_allow(d, viewer_id, AUTHZ_GROUP_ADMINISTER, (scope){SCOPE_GROUP, 0}, err);
	if (st != BG_OK)
		return st;
	db_stmt *s = DB_PAGE_QUERY(d, total, "SELECT r.person_id, r.scope_id, p.display_name, r.role, r.scope_type,"
					     " coalesce(c.name, u.name, '')", NET_ROLE_FROM,
				   "r.scope_type, p.display_name, r.role, r.person_id, r.scope_id", limit, offset, "iii",
				   coop_id, coop_id, coop_id);
	*out = arena_alloc(a, (size_t)limit * sizeof **out + 1);
	while (db_next(s) == 1) {
		net_role *r = &(*out)[(*n)++];
		r->person_id = db_int(s, 0);
		r->scope_id = db_int(s, 1);
		r->person_name = arena_strdup(a, db_text(s, 2));
		r->role = arena_strdup(a, db_text(s, 3));
		r->scope_type = arena_strdup(a, db_text(s, 4));
		r->scope_name = arena_strdup(a, db_text(s, 5));
	}
	return db_done(s) == BG_OK ? BG_OK : bg_db_fail(err);
}

/* ------------------------------------------------------------- invariants */

/* Reports each row id of a query as a problem. */
static void net_check_query(db *d, void (*report)(void *, const char *), void *ctx,
			    const char *sql, const char *what)
{
	db_check_rows(d, sql, what, 0, report, ctx);
}

void network_check(db *d, void (*report)(void *ctx, const char *what), void *ctx)
{
	net_check_query(d, report, ctx,
			"SELECT id FROM cooperatives WHERE siren IS NOT NULL AND siren <> '' AND"
			" (length(siren) <> 9 OR trim(siren, '0123456789') <> '')",
			"a cooperative's SIREN is not 9 digits");
	net_check_query(d, report, ctx,
			"SELECT u.id FROM units u WHERE u.cooperative_id IS NOT NULL AND NOT EXISTS"
			" (SELECT 1 FROM unit_cooperatives uc WHERE uc.unit_id = u.id"
			" AND uc.cooperative_id = u.cooperative_id)",
			"a unit is not linked to its main cooperative");
	net_check_query(d, report, ctx,
			"SELECT a.id FROM memberships a JOIN memberships b ON a.person_id = b.person_id"
			" AND a.cooperative_id = b.cooperative_id AND a.id < b.id"
			" WHERE a.started_on < coalesce(b.ended_on, '9999-12-31')"
			" AND b.started_on < coalesce(a.ended_on, '9999-12-31')",
			"two membership periods of a person in a cooperative overlap");
	net_check_query(d, report, ctx,
			"SELECT p.id FROM people p LEFT JOIN profiles pr ON pr.person_id = p.id"
			" WHERE p.disabled = 0 AND " NET_VIS_PROFILE " = 0 AND NOT EXISTS"
			" (SELECT 1 FROM people_fts WHERE rowid = p.id * 4)",
			"a public profile is missing from the search index");
	net_check_query(d, report, ctx,
			"SELECT f.person_id FROM people_fts f LEFT JOIN profiles pr ON pr.person_id = f.person_id"
			" WHERE f.level < " NET_VIS_PROFILE "",
			"the search index shows a profile above its visibility");
}
