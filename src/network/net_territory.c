/*
 * net_territory.c — territories: a commune and its postcode, with the
 * department derived from the postcode (2 digits, 3 overseas, 2A/2B for
 * Corsica) and the kind of area (urban, rural).
 *
 * A territory is found by its folded name and postcode, or made on first
 * use, so that "Saint-Émilion" and "saint emilion" are one place for the
 * directory's search.  Writers of cooperatives, units, organisations and
 * profiles call net_territory_ensure once they have checked their rights:
 * it decides nothing (net_internal.h).
 */
#include "network/net_internal.h"
#include "core/ident.h"
#include <string.h>

bg_status net_territory_ensure(db *d, const char *commune, const char *postcode,
			       const char *kind, int64_t *id_out, bg_error *err)
{
	char norm[101];
	if (!commune || !*commune || strlen(commune) > 100)
		return bg_fail(err, BG_ERR_INVALID, "invalid_commune", "commune",
			       N_("The commune is required (100 characters at most)."));
	if (!ident_postcode_fr_valid(postcode))
		return bg_fail(err, BG_ERR_INVALID, "invalid_postcode", "postcode",
			       N_("A postcode is 5 digits."));
	if (kind && strcmp(kind, "urban") != 0 && strcmp(kind, "rural") != 0)
		return bg_fail(err, BG_ERR_INVALID, "invalid_area", "area",
			       N_("The area is urban or rural."));
	net_fold(commune, norm, sizeof norm);
	bool found = false;
	bg_status st = db_scalar(d, err, id_out, &found,
				 "SELECT id FROM territories WHERE norm = ? AND postcode = ?", "ss",
				 norm, postcode);
	if (st != BG_OK)
		return st;
	if (found) {
		if (kind)
			st = db_exec(d, err, "UPDATE territories SET kind = ? WHERE id = ? AND kind <> ?",
				     "sis", kind, *id_out, kind);
		return st;
	}
	/* department: 2 first characters, 3 for overseas (97x, 98x) */
	char dep[4] = {postcode[0], postcode[1], 0, 0};
	if (postcode[0] == '9' && (postcode[1] == '7' || postcode[1] == '8'))
		dep[2] = postcode[2];
	if (strncmp(postcode, "20", 2) == 0) /* Corsica written with digits */
		dep[1] = postcode[2] < '2' ? 'A' : 'B';
	return db_scalar(d, err, id_out, NULL, "INSERT INTO territories(commune, norm, postcode, department,"
					       " kind) VALUES (?, ?, ?, ?, ?) RETURNING id",
			 "sssss", commune, norm, postcode, dep, kind ? kind : "urban");
}
