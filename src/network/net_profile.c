/*
 * net_profile.c — directory profiles, their visibility, tags and search
 * (see network.h).
 *
 * Visibility is applied here and only here: net_profile_fill() blanks every
 * field above the viewer's level, and both the one-person read and the
 * search go through it.  The search filters (skill, trade, territory,
 * cooperate) only match a field the viewer may see, and the full-text
 * query runs against the index row of the viewer's level, which holds only
 * the fields visible at that level (rowid = person_id * 4 + level).
 */
#include "network/net_internal.h"
#include "auth/authz.h"
#include "core/buf.h"
#include "core/date.h"
#include "db/audit.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const net_field_names[NET_F_COUNT] = {
	"profile", "email", "trades", "skills", "territory", "presentation", "links", "cooperate"};

/* Columns of the vis_* choices, in net_field order (defaults: email 2, others 1). */
static const char *const net_vis_columns[NET_F_COUNT] = {
	"vis_profile", "vis_email", "vis_trades", "vis_skills", "vis_territory",
	"vis_presentation", "vis_links", "vis_cooperate"};

void net_profile_input_init(net_profile_input *in)
{
	memset(in, 0, sizeof *in);
	in->wants_cooperate = -1;
	for (int i = 0; i < NET_F_COUNT; i++)
		in->vis[i] = -1;
}

/* The columns every profile read selects (0..18); the search adds the
 * level as column 19. */
#define NET_PROFILE_COLUMNS                                                                        \
	"p.id, p.display_name, p.email, coalesce(pr.presentation, ''), coalesce(pr.links, ''),"    \
	" t.commune, t.postcode, t.department, t.kind, coalesce(pr.wants_cooperate, 0),"           \
	" " NET_VIS_PROFILE ", coalesce(pr.vis_email, 2), coalesce(pr.vis_trades, 1),"     \
	" coalesce(pr.vis_skills, 1), coalesce(pr.vis_territory, 1),"                              \
	" coalesce(pr.vis_presentation, 1), coalesce(pr.vis_links, 1),"                            \
	" coalesce(pr.vis_cooperate, 1), coalesce(t.id, 0)"
#define NET_PROFILE_FROM                                                                           \
	" FROM people p LEFT JOIN profiles pr ON pr.person_id = p.id"                              \
	" LEFT JOIN territories t ON t.id = pr.territory_id"

/* The labels of a person's tags of one kind, in arena memory (*out);
 * false when the query failed. */
static bool net_tags_of(db *d, arena *a, int64_t person_id, const char *kind, const char ***out,
			size_t *n)
{
	*out = arena_alloc(a, 32 * sizeof **out);
	*n = 0;
	db_stmt *s = db_query(d, "SELECT g.label FROM person_tags pt JOIN tags g ON g.id = pt.tag_id"
				 " WHERE pt.person_id = ? AND g.kind = ? ORDER BY g.norm LIMIT 32",
			      "is", person_id, kind);
	while (*n < 32 && db_next(s) == 1)
		(*out)[(*n)++] = arena_strdup(a, db_text(s, 0));
	return db_done(s) == BG_OK;
}

/* Fills out from a row of NET_PROFILE_COLUMNS, keeping only what a viewer
 * at level may see.  The one place where visibility is applied.  The tags
 * and cooperatives come from other queries: BG_ERR_DB when one failed. */
static bg_status net_profile_fill(db *d, arena *a, db_stmt *s, net_level level, net_profile *out,
				  bg_error *err)
{
	bool ok = true;
	memset(out, 0, sizeof *out);
	int vis[NET_F_COUNT];
	for (int i = 0; i < NET_F_COUNT; i++)
		vis[i] = (int)db_int(s, 10 + i);
#define SEES(f) (vis[f] <= (int)level)
	out->id = db_int(s, 0);
	out->level = level;
	out->display_name = arena_strdup(a, db_text(s, 1));
	out->email = SEES(NET_F_EMAIL) ? arena_strdup(a, db_text(s, 2)) : NULL;
	out->presentation = SEES(NET_F_PRESENTATION) ? arena_strdup(a, db_text(s, 3)) : NULL;
	out->links = SEES(NET_F_LINKS) ? arena_strdup(a, db_text(s, 4)) : NULL;
	if (SEES(NET_F_TERRITORY) && db_text(s, 5)) {
		out->territory.id = db_int(s, 18);
		out->territory.commune = arena_strdup(a, db_text(s, 5));
		out->territory.postcode = arena_strdup(a, db_text(s, 6));
		out->territory.department = arena_strdup(a, db_text(s, 7));
		out->territory.kind = arena_strdup(a, db_text(s, 8));
	}
	out->wants_cooperate = SEES(NET_F_COOPERATE) ? (int)db_int(s, 9) : -1;
	if (level == NET_SELF) {
		memcpy(out->vis, vis, sizeof vis);
		int64_t chosen = 0;
		bool found = false;
		ok = db_scalar(d, err, &chosen, &found, "SELECT visibility_chosen_at IS NOT NULL FROM profiles"
							" WHERE person_id = ?", "i", out->id) == BG_OK;
		out->vis_chosen = found && chosen;
	}
	else
		for (int i = 0; i < NET_F_COUNT; i++)
			out->vis[i] = -1;
	if (ok && SEES(NET_F_TRADES))
		ok = net_tags_of(d, a, out->id, "trade", &out->trades, &out->ntrades);
	if (ok && SEES(NET_F_SKILLS))
		ok = net_tags_of(d, a, out->id, "skill", &out->skills, &out->nskills);
	if (ok && level >= NET_GROUP) {
		out->coops = arena_alloc(a, 8 * sizeof *out->coops);
		db_stmt *c = db_query(d, "SELECT c.name FROM cooperatives c WHERE c.id IN (" NET_COOPS_OF("?") ")"
					 " ORDER BY c.name LIMIT 8", "iii", out->id, out->id, out->id);
		while (out->ncoops < 8 && db_next(c) == 1)
			out->coops[out->ncoops++] = arena_strdup(a, db_text(c, 0));
		ok = db_done(c) == BG_OK;
	}
#undef SEES
	return ok ? BG_OK : bg_db_fail(err);
}

bg_status net_profile_load(db *d, arena *a, int64_t viewer_id, int64_t person_id,
			   net_profile *out, bg_error *err)
{
	net_level level = net_viewer_level(d, viewer_id, person_id);
	db_stmt *s = db_query(d, "SELECT " NET_PROFILE_COLUMNS NET_PROFILE_FROM
				 " WHERE p.id = ? AND (p.disabled = 0 OR ? = 3)",
			      "ii", person_id, (int64_t)level);
	int rc = db_next(s);
	bg_status st = BG_OK;
	if (rc == 1 && db_int(s, 10) <= (int64_t)level)
		st = net_profile_fill(d, a, s, level, out, err);
	else if (rc == 1)
		rc = 0;
	if (db_done(s) != BG_OK)
		return bg_db_fail(err);
	if (st != BG_OK)
		return st;
	if (rc == 0)
		return bg_fail(err, BG_ERR_NOT_FOUND, "not_found", NULL, N_("This page does not exist."));
	return BG_OK;
}

/* --------------------------------------------------------------- writing */

/* Copies s trimmed with its white space runs made one space. */
static void net_clean_label(const char *s, size_t n, char *out, size_t cap)
{
	size_t k = 0;
	bool space = false;
	for (size_t i = 0; i < n && k + 1 < cap; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c <= ' ') {
			space = k > 0;
			continue;
		}
		if (space && k + 2 < cap)
			out[k++] = ' ';
		space = false;
		out[k++] = (char)c;
	}
	/* do not cut a UTF-8 sequence in two */
	while (k > 0 && ((unsigned char)out[k - 1] & 0xC0) == 0x80 && k + 1 >= cap)
		k--;
	out[k] = '\0';
}

/* Replaces the person's tags of a kind by those listed in list
 * (separated by commas, semicolons or new lines). */
static bg_status net_tags_set(db *d, int64_t person_id, const char *kind, const char *list,
			      const char *field, bg_error *err)
{
	bg_status st = db_exec(d, err, "DELETE FROM person_tags WHERE person_id = ? AND tag_id IN"
				       " (SELECT id FROM tags WHERE kind = ?)", "is", person_id, kind);
	int count = 0;
	for (const char *p = list; st == BG_OK && *p;) {
		size_t n = strcspn(p, ",;\n");
		char label[81], norm[81];
		if (n > 80)
			return bg_fail(err, BG_ERR_INVALID, "invalid_tag", field,
				       N_("Each trade or skill is 80 characters at most."));
		net_clean_label(p, n, label, sizeof label);
		net_fold(label, norm, sizeof norm);
		p += n + (p[n] != '\0');
		if (!*norm)
			continue;
		if (++count > 30)
			return bg_fail(err, BG_ERR_INVALID, "too_many_tags", field,
				       N_("30 trades or skills at most."));
		st = db_exec(d, err, "INSERT INTO tags(kind, norm, label) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
			     "sss", kind, norm, label);
		if (st == BG_OK)
			st = db_exec(d, err, "INSERT INTO person_tags(person_id, tag_id)"
					     " SELECT ?, id FROM tags WHERE kind = ? AND norm = ?"
					     " ON CONFLICT DO NOTHING",
				     "iss", person_id, kind, norm);
	}
	return st;
}

static const char net_profile_json_sql[] =
	"SELECT json_object('presentation', presentation, 'links', links, 'territory_id', territory_id,"
	" 'wants_cooperate', wants_cooperate, 'visibility', json_object('profile', vis_profile,"
	" 'email', vis_email, 'trades', vis_trades, 'skills', vis_skills, 'territory', vis_territory,"
	" 'presentation', vis_presentation, 'links', vis_links, 'cooperate', vis_cooperate),"
	" 'tags', (SELECT json_group_array(g.kind || ':' || g.label) FROM person_tags pt"
	"  JOIN tags g ON g.id = pt.tag_id WHERE pt.person_id = profiles.person_id))"
	" FROM profiles WHERE person_id = ?";

/* JSON snapshot of a profile (malloc'd or NULL; a failed query sets *st,
 * as net_snapshot). */
static char *net_profile_snapshot(db *d, int64_t person_id, bg_status *st, bg_error *err)
{
	return net_snapshot(d, net_profile_json_sql, person_id, st, err);
}

/* Checks every line of links is a web address. */
static bool net_links_valid(const char *links)
{
	for (const char *p = links; *p;) {
		size_t n = strcspn(p, "\n");
		const char *q = p;
		while (q < p + n && (*q == ' ' || *q == '\r'))
			q++;
		if (q < p + n && strncmp(q, "https://", 8) != 0 && strncmp(q, "http://", 7) != 0)
			return false;
		p += n + (p[n] != '\0');
	}
	return true;
}

bg_status net_profile_update(db *d, int64_t actor_id, int64_t person_id,
			     const net_profile_input *in, bg_error *err)
{
	bg_status st = BG_OK;
	if (actor_id != 0 && actor_id != person_id) {
		st = authz_check(d, actor_id, AUTHZ_GROUP_ADMINISTER, (scope){SCOPE_GROUP, 0}, err);
		if (st == BG_ERR_FORBIDDEN) /* others' profiles do not exist for writing */
			st = bg_fail(err, BG_ERR_NOT_FOUND, "not_found", NULL, N_("This page does not exist."));
		if (st != BG_OK)
			return st;
	}
	int64_t one;
	bool found = false;
	st = db_scalar(d, err, &one, &found, "SELECT 1 FROM people WHERE id = ?", "i", person_id);
	if (st == BG_OK && !found)
		return bg_fail(err, BG_ERR_NOT_FOUND, "not_found", NULL, N_("This page does not exist."));
	if (in->presentation && strlen(in->presentation) > 2000)
		return bg_fail(err, BG_ERR_INVALID, "too_long", "presentation",
			       N_("The presentation is 2000 characters at most."));
	if (in->links && (strlen(in->links) > 2000 || !net_links_valid(in->links)))
		return bg_fail(err, BG_ERR_INVALID, "invalid_url", "links",
			       N_("Give one web address per line, each starting with https:// or http://."));
	if (in->wants_cooperate > 1)
		return bg_fail(err, BG_ERR_INVALID, "invalid_value", "wants_cooperate",
			       N_("This value is not allowed."));
	for (int i = 0; i < NET_F_COUNT; i++)
		if (in->vis[i] > 3)
			return bg_fail(err, BG_ERR_INVALID, "invalid_visibility", net_field_names[i],
				       N_("Visibility is public, group, coop or private."));
	int64_t terr = 0;
	if (in->commune || in->postcode) {
		if ((!in->commune || !*in->commune) && (!in->postcode || !*in->postcode))
			terr = -1;
		else if ((st = net_territory_ensure(d, in->commune, in->postcode,
						    in->area && *in->area ? in->area : NULL, &terr, err)) != BG_OK)
			return st;
	}
	char *before = net_profile_snapshot(d, person_id, &st, err);
	if (st == BG_OK)
		st = db_exec(d, err, "INSERT INTO profiles(person_id, updated_at) VALUES (?, ?)"
				     " ON CONFLICT DO NOTHING", "ii", person_id, date_now());
	if (st == BG_OK)
		st = db_exec(d, err, "UPDATE profiles SET presentation = coalesce(?, presentation),"
				     " links = coalesce(?, links),"
				     " wants_cooperate = CASE WHEN ? < 0 THEN wants_cooperate ELSE ? END,"
				     " territory_id = CASE ? WHEN 0 THEN territory_id WHEN -1 THEN NULL ELSE ? END,"
				     " updated_at = ? WHERE person_id = ?",
			     "ssiiiiii", in->presentation, in->links, (int64_t)in->wants_cooperate,
			     (int64_t)in->wants_cooperate, terr, terr, date_now(), person_id);
	bool chosen = in->chosen;
	for (int i = 0; st == BG_OK && i < NET_F_COUNT; i++) {
		if (in->vis[i] < 0)
			continue;
		chosen = chosen || actor_id == person_id;
		char sql[96];
		snprintf(sql, sizeof sql, "UPDATE profiles SET %s = ? WHERE person_id = ?", net_vis_columns[i]);
		st = db_exec(d, err, sql, "ii", (int64_t)in->vis[i], person_id);
	}
	if (st == BG_OK && chosen)
		st = db_exec(d, err, "UPDATE profiles SET visibility_chosen_at = ? WHERE person_id = ?", "ii",
			     date_now(), person_id);
	if (st == BG_OK && in->trades)
		st = net_tags_set(d, person_id, "trade", in->trades, "trades", err);
	if (st == BG_OK && in->skills)
		st = net_tags_set(d, person_id, "skill", in->skills, "skills", err);
	if (st == BG_OK)
		st = net_profile_reindex(d, person_id, err);
	char *after = net_profile_snapshot(d, person_id, &st, err);
	return net_audit(d, st, actor_id, "update", "profile", person_id, before, after, err);
}

bool net_profile_consent_pending(db *d, int64_t person_id)
{
	int64_t chosen = 0;
	bool found = false;
	if (db_scalar(d, NULL, &chosen, &found, "SELECT visibility_chosen_at IS NOT NULL FROM profiles"
						" WHERE person_id = ?", "i", person_id) != BG_OK)
		return false; /* logged; the page then shows no reminder, and no more */
	return !found || !chosen;
}

/* Appends the labels of a person's tags of one kind visible at level. */
static bg_status net_index_tags(db *d, buf *b, int64_t person_id, const char *kind, bg_error *err)
{
	db_stmt *s = db_query(d, "SELECT g.label FROM person_tags pt JOIN tags g ON g.id = pt.tag_id"
				 " WHERE pt.person_id = ? AND g.kind = ?", "is", person_id, kind);
	while (db_next(s) == 1) {
		buf_puts(b, db_text(s, 0));
		buf_puts(b, ", ");
	}
	return db_done(s) == BG_OK ? BG_OK : bg_db_fail(err);
}

bg_status net_profile_reindex(db *d, int64_t person_id, bg_error *err)
{
	bg_status st = db_exec(d, err, "DELETE FROM people_fts WHERE rowid BETWEEN ? AND ?", "ii",
			       person_id * 4, person_id * 4 + 3);
	if (st != BG_OK)
		return st;
	db_stmt *s = db_query(d, "SELECT p.display_name, p.disabled, coalesce(pr.presentation, ''),"
				 " coalesce(t.commune || ' ' || t.postcode, ''),"
				 " " NET_VIS_PROFILE ", coalesce(pr.vis_trades, 1),"
				 " coalesce(pr.vis_skills, 1), coalesce(pr.vis_territory, 1),"
				 " coalesce(pr.vis_presentation, 1)" NET_PROFILE_FROM " WHERE p.id = ?",
			      "i", person_id);
	if (db_next(s) != 1)
		return db_done(s) == BG_OK ? BG_OK : bg_db_fail(err);
	char *name = strdup(db_text(s, 0)), *pres = strdup(db_text(s, 2)), *where = strdup(db_text(s, 3));
	bool disabled = db_int(s, 1) != 0;
	int v_profile = (int)db_int(s, 4), v_trades = (int)db_int(s, 5), v_skills = (int)db_int(s, 6),
	    v_terr = (int)db_int(s, 7), v_pres = (int)db_int(s, 8);
	if (db_done(s) != BG_OK)
		st = bg_db_fail(err);
	buf trades, skills;
	buf_init(&trades);
	buf_init(&skills);
	if (st == BG_OK)
		st = net_index_tags(d, &trades, person_id, "trade", err);
	if (st == BG_OK)
		st = net_index_tags(d, &skills, person_id, "skill", err);
	for (int level = 0; st == BG_OK && !disabled && level <= 2; level++) {
		if (v_profile > level)
			continue;
		st = db_exec(d, err, "INSERT INTO people_fts(rowid, person_id, level, name, trades, skills,"
				     " territory, presentation) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
			     "iiisssss", person_id * 4 + level, person_id, (int64_t)level, name,
			     v_trades <= level ? trades.data : "", v_skills <= level ? skills.data : "",
			     v_terr <= level ? where : "", v_pres <= level ? pres : "");
	}
	buf_free(&trades);
	buf_free(&skills);
	free(name);
	free(pres);
	free(where);
	return st;
}

/* ---------------------------------------------------------------- search */

/* Turns free text into an FTS5 query: every word a quoted prefix term, all
 * required.  Characters that FTS5 reads as syntax never reach it. */
static void net_fts_query(const char *q, char *out, size_t cap)
{
	size_t n = 0;
	int words = 0;
	out[0] = '\0';
	for (const char *p = q; *p && words < 8;) {
		while (*p && (unsigned char)*p < 0x80 && !((*p >= '0' && *p <= '9') ||
			      (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
			p++;
		const char *start = p;
		while (*p && ((unsigned char)*p >= 0x80 || (*p >= '0' && *p <= '9') ||
			      (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
			p++;
		size_t len = (size_t)(p - start);
		if (!len || n + len + 6 >= cap)
			continue;
		n += (size_t)snprintf(out + n, cap - n, "%s\"%.*s\"*", words ? " " : "", (int)len, start);
		words++;
	}
}

/* The parts of the search query (fixed text; only parameters vary). */
#define NET_SEARCH_WITH                                                                            \
	"WITH vc(cid) AS (" NET_COOPS_OF("?1") "),"                                                   \
	" mates(pid) AS (SELECT person_id FROM memberships WHERE cooperative_id IN vc"              \
	"  AND ended_on IS NULL AND status <> 'former'"                                            \
	"  UNION SELECT person_id FROM roles WHERE scope_type = 'cooperative' AND scope_id IN vc"   \
	"  UNION SELECT r.person_id FROM roles r JOIN units u ON r.scope_type = 'unit'"            \
	"  AND u.id = r.scope_id WHERE u.cooperative_id IN vc) "
/* The viewer's level towards row p (as net_viewer_level), inline so that
 * the planner may start from the most selective filter. */
#define NET_LVL "(CASE WHEN p.id = ?1 THEN 3 WHEN ?2 THEN 2 WHEN p.id IN mates THEN 2 ELSE ?3 END)"
/* Filters are non-correlated IN lists (computed once, then probed), each
 * matching only a field the viewer may see on that row. */
#define NET_SEARCH_WHERE                                                                           \
	" WHERE p.disabled = 0 AND " NET_VIS_PROFILE " <= " NET_LVL                         \
	" AND (?4 = '' OR (coalesce(pr.vis_skills, 1) <= " NET_LVL " AND p.id IN (SELECT pt.person_id"   \
	"  FROM tags g JOIN person_tags pt ON pt.tag_id = g.id WHERE g.kind = 'skill' AND g.norm = ?4)))" \
	" AND (?5 = '' OR (coalesce(pr.vis_trades, 1) <= " NET_LVL " AND p.id IN (SELECT pt.person_id"   \
	"  FROM tags g JOIN person_tags pt ON pt.tag_id = g.id WHERE g.kind = 'trade' AND g.norm = ?5)))" \
	" AND (?6 = '' OR (coalesce(pr.vis_territory, 1) <= " NET_LVL " AND pr.territory_id IN"           \
	"  (SELECT id FROM territories WHERE norm = ?6 OR postcode = ?6 OR lower(department) = ?6)))" \
	" AND (?7 = 0 OR (pr.wants_cooperate = 1 AND pr.vis_cooperate <= " NET_LVL "))"
#define NET_SEARCH_FTS " AND (p.id * 4 + min(" NET_LVL ", 2)) IN (SELECT rowid FROM people_fts WHERE people_fts MATCH ?8)"
#define NET_SEARCH_NO_FTS " AND ?8 = ''"

bg_status net_people_search(db *d, arena *a, int64_t viewer_id, const net_search *q,
			    net_search_result *out, bg_error *err)
{
	char skill[81] = "", trade[81] = "", terr[101] = "", fts[512] = "";
	memset(out, 0, sizeof *out);
	int per = q->per_page > 0 && q->per_page <= 100 ? q->per_page : 20;
	int page = q->page > 0 ? q->page : 1;
	if (page > 100000)
		return bg_fail(err, BG_ERR_INVALID, "invalid_page", "page", N_("This page number is not valid."));
	if ((q->q && strlen(q->q) > 200) || (q->skill && strlen(q->skill) > 80) ||
	    (q->trade && strlen(q->trade) > 80) || (q->territory && strlen(q->territory) > 100))
		return bg_fail(err, BG_ERR_INVALID, "too_long", "q", N_("The search is too long."));
	net_fold(q->skill, skill, sizeof skill);
	net_fold(q->trade, trade, sizeof trade);
	net_fold(q->territory, terr, sizeof terr);
	if (q->q)
		net_fts_query(q->q, fts, sizeof fts);
	bg_error refused;
	bool admin = viewer_id > 0 && authz_check(d, viewer_id, AUTHZ_GROUP_ADMINISTER, (scope){SCOPE_GROUP, 0},
						  &refused) == BG_OK;
	int64_t base = net_in_group(d, viewer_id) ? 1 : 0;
	bool with_fts = fts[0] != '\0';
	const char *count_sql = with_fts
		? NET_SEARCH_WITH "SELECT count(*)" NET_PROFILE_FROM NET_SEARCH_WHERE NET_SEARCH_FTS
		: NET_SEARCH_WITH "SELECT count(*)" NET_PROFILE_FROM NET_SEARCH_WHERE NET_SEARCH_NO_FTS;
	const char *list_sql = with_fts
		? NET_SEARCH_WITH "SELECT p.id, " NET_LVL NET_PROFILE_FROM NET_SEARCH_WHERE
		  NET_SEARCH_FTS " ORDER BY p.display_name, p.id LIMIT ?9 OFFSET ?10"
		: NET_SEARCH_WITH "SELECT p.id, " NET_LVL NET_PROFILE_FROM NET_SEARCH_WHERE
		  NET_SEARCH_NO_FTS " ORDER BY p.display_name, p.id LIMIT ?9 OFFSET ?10";
	/* the total, then the page (measured faster than one pass with
	 * count(*) OVER (), which sorts every match: bench/README.md) */
	bool found = false;
	bg_status st = db_scalar(d, err, &out->total, &found, count_sql, "iiisssis", viewer_id,
				 (int64_t)admin, base, skill, trade, terr, (int64_t)q->cooperate_only, fts);
	if (st != BG_OK)
		return st;
	out->items = arena_alloc(a, (size_t)per * sizeof *out->items);
	/* rows first, then fill (filling runs other queries) */
	db_stmt *s = db_query(d, list_sql, "iiisssisii", viewer_id, (int64_t)admin, base, skill, trade,
			      terr, (int64_t)q->cooperate_only, fts, (int64_t)per, (int64_t)(page - 1) * per);
	int64_t ids[100], levels[100];
	size_t n = 0;
	while (n < (size_t)per && db_next(s) == 1) {
		ids[n] = db_int(s, 0);
		levels[n++] = db_int(s, 1);
	}
	if (db_done(s) != BG_OK)
		return bg_db_fail(err);
	for (size_t i = 0; st == BG_OK && i < n; i++) {
		db_stmt *r = db_query(d, "SELECT " NET_PROFILE_COLUMNS NET_PROFILE_FROM " WHERE p.id = ?",
				      "i", ids[i]);
		if (db_next(r) == 1)
			st = net_profile_fill(d, a, r, (net_level)levels[i], &out->items[out->n++], err);
		if (db_done(r) != BG_OK && st == BG_OK)
			st = bg_db_fail(err);
	}
	return st;
}
