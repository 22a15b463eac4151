/*
 * place_browse.c — what the list of places (/places) reads: the live
 * places one may see, filtered by territory and by the kind of one of
 * their resources, each with its number of live resources, its photo's
 * alternative text and its position (the page groups them by territory
 * and city and draws the map from the same rows), and the territories of
 * the filter.  Both need PLACE_SEE somewhere (any role in the group), the
 * same rule as a place's page and booking; a person without it is refused
 * (403 not_a_member), as the page always did.
 */
#include "hospitality/hosp_internal.h"
#include "auth/authz.h"
#include <assert.h>

/* Refuses a person who may not see the group's places. */
static bg_status place_browse_may(db *d, int64_t actor, bg_error *err)
{
	if (place_is_member(d, actor))
		return BG_OK;
	return bg_fail(err, BG_ERR_FORBIDDEN, "not_a_member", NULL, N_("Only members of the group may do this."));
}

bg_status place_browse(db *d, arena *a, int64_t actor, const char *territory, const char *kind,
		       place_browse_row **out, size_t *n, bg_error *err)
{
	*out = NULL;
	*n = 0;
	bg_status st = place_browse_may(d, actor, err);
	if (st != BG_OK)
		return st;
	db_stmt *s = db_query(d, "SELECT p.id, p.name, p.address, p.postcode, p.city, p.territory, p.accessibility,"
				 " p.restricted, (SELECT count(*) FROM resources r WHERE r.place_id = p.id AND r.archived = 0),"
				 " (SELECT alt FROM place_photos ph WHERE ph.place_id = p.id), p.latitude_e6, p.longitude_e6"
				 " FROM places p WHERE p.archived = 0 AND (? IS NULL OR p.territory = ?) AND (? IS NULL OR"
				 " EXISTS (SELECT 1 FROM resources r WHERE r.place_id = p.id AND r.kind = ?))"
				 " ORDER BY p.territory, p.city, p.name",
			      "ssss", territory, territory, kind, kind);
	while (db_next(s) == 1) {
		*out = arena_grow(a, *out, *n, sizeof **out);
		place_browse_row *p = &(*out)[(*n)++];
		p->id = db_int(s, 0);
		p->name = arena_strdup(a, db_text(s, 1));
		p->address = arena_strdup(a, db_text(s, 2));
		p->postcode = arena_strdup(a, db_text(s, 3));
		p->city = arena_strdup(a, db_text(s, 4));
		p->territory = arena_strdup(a, db_text(s, 5));
		p->accessibility = arena_strdup(a, db_text(s, 6));
		p->restricted = db_int(s, 7) != 0;
		p->resources = db_int(s, 8);
		p->photo_alt = db_null(s, 9) ? NULL : arena_strdup(a, db_text(s, 9));
		p->has_position = !db_null(s, 10) && !db_null(s, 11);
		p->latitude_e6 = db_int(s, 10);
		p->longitude_e6 = db_int(s, 11);
	}
	if (db_done(s) != BG_OK)
		return bg_db_fail(err);
	return BG_OK;
}

bg_status place_territories(db *d, arena *a, int64_t actor, const char ***out, size_t *n, bg_error *err)
{
	*out = NULL;
	*n = 0;
	bg_status st = place_browse_may(d, actor, err);
	if (st != BG_OK)
		return st;
	db_stmt *s = db_query(d, "SELECT DISTINCT territory FROM places WHERE archived = 0 AND territory <> ''"
				 " ORDER BY territory", NULL);
	while (db_next(s) == 1) {
		*out = arena_grow(a, *out, *n, sizeof **out);
		(*out)[(*n)++] = arena_strdup(a, db_text(s, 0));
	}
	if (db_done(s) != BG_OK)
		return bg_db_fail(err);
	assert(*n == 0 || *out);
	return BG_OK;
}
