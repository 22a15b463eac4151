/*
 * net_level.c — how close a viewer is to a person (network.h, "Visibility"):
 * the level names, belonging to the group (net_in_group) and the one
 * decision of the viewer's level (net_viewer_level) that net_profile_load
 * applies to every field.
 *
 * The levels come from two sources, kept apart on purpose: what the rule
 * table of auth/authz.c allows (the group's administrators see every
 * profile at the cooperative's level; any role but partner counts as
 * being in the group, AUTHZ_GROUP_SEE), and belonging (NET_COOPS_OF: a
 * membership, or a role where it is held), which is not a right.  A query
 * that fails answers the narrower level: a viewer is never shown more
 * because the database failed (the failure is logged).
 */
#include "network/net_internal.h"
#include <string.h>

static const char *const net_level_names[] = {"public", "group", "coop", "private"};

int net_level_from_name(const char *name)
{
	for (int i = 0; name && i < 4; i++)
		if (strcmp(name, net_level_names[i]) == 0)
			return i;
	return -1;
}

const char *net_level_name(int level)
{
	return level >= 0 && level < 4 ? net_level_names[level] : "private";
}

bool net_in_group(db *d, int64_t viewer_id)
{
	if (viewer_id <= 0)
		return false;
	int64_t v = 0;
	bool found = false;
	bg_error refused;
	if (authz_check_somewhere(d, viewer_id, AUTHZ_GROUP_SEE, &refused) == BG_OK)
		return true;
	if (db_scalar(d, NULL, &v, &found,
		      "SELECT 1 FROM memberships WHERE person_id = ? AND ended_on IS NULL AND status <> 'former'",
		      "i", viewer_id) != BG_OK)
		return false; /* the failure is logged; the narrower view is the safe one */
	return found && v;
}

/* Is the viewer an administrator of the group (AUTHZ_GROUP_ADMINISTER)? */
static bool net_group_admin(db *d, int64_t viewer_id)
{
	bg_error refused;
	return authz_check(d, viewer_id, AUTHZ_GROUP_ADMINISTER, (scope){SCOPE_GROUP, 0}, &refused) == BG_OK;
}

net_level net_viewer_level(db *d, int64_t viewer_id, int64_t person_id)
{
	if (viewer_id <= 0)
		return NET_PUBLIC;
	if (viewer_id == person_id)
		return NET_SELF;
	if (net_group_admin(d, viewer_id))
		return NET_COOP;
	int64_t v = 0;
	bool found = false;
	if (db_scalar(d, NULL, &v, &found,
		      "SELECT 1 FROM (" NET_COOPS_OF("?") ") a JOIN (" NET_COOPS_OF("?") ") b"
		      " ON a.cid = b.cid LIMIT 1", "iiiiii", viewer_id, viewer_id, viewer_id,
		      person_id, person_id, person_id) != BG_OK)
		return NET_PUBLIC; /* the failure is logged; the narrowest view is the safe one */
	if (found && v)
		return NET_COOP;
	return net_in_group(d, viewer_id) ? NET_GROUP : NET_PUBLIC;
}
