-- 023: the rights of auth/authz.c, readable from SQL (issue 10 §1).
--
-- One row per action and role that allows it.  The rows are not written
-- here: the binary writes them from its own rule table (authz.c,
-- authz_rules_sync) each time the database is migrated, in the same
-- transaction, and only when they differ — so the C table stays the one
-- source and a newer binary brings its rules with it.  SQL reads them only
-- through AUTHZ_SQL_ALLOWED / AUTHZ_SQL_SOMEWHERE (auth/authz.h).
--
-- unit_reach = 1: the role, held in a unit, also allows the action in every
-- cooperative the unit spans (unit_cooperatives): a unit's host works for
-- the cooperatives of the unit.
-- IF NOT EXISTS: a database of the time before schema_migrations that says
-- user_version 21 is taken to lack 022 and 023 and gets both again.
CREATE TABLE IF NOT EXISTS authz_rules (
	action     TEXT NOT NULL,
	role       TEXT NOT NULL CHECK (role IN ('newcomer', 'member', 'associate', 'host',
		'facilitator', 'accompanist', 'accountant', 'admin', 'partner')),
	unit_reach INTEGER NOT NULL DEFAULT 0 CHECK (unit_reach IN (0, 1)),
	PRIMARY KEY (action, role)
) STRICT, WITHOUT ROWID;
