-- 002_structure.sql — the group's structure and its directory (issue 3):
-- cooperatives' identity and settings, territories, units spanning several
-- cooperatives, memberships with their history, directory profiles with a
-- visibility per field, normalised tags (trades, skills), organisations,
-- and the full-text index of the directory.
--
-- Visibility levels are ordered integers so that "may the viewer see this
-- field" is one comparison:  0 public, 1 the group, 2 my cooperative(s),
-- 3 only me.  The viewer's level towards a person is computed by
-- src/network/network.c (net_viewer_level) and nowhere else.

ALTER TABLE cooperatives ADD COLUMN short_description TEXT NOT NULL DEFAULT '';
ALTER TABLE cooperatives ADD COLUMN address TEXT NOT NULL DEFAULT '';
ALTER TABLE cooperatives ADD COLUMN postcode TEXT NOT NULL DEFAULT '';
ALTER TABLE cooperatives ADD COLUMN commune TEXT NOT NULL DEFAULT '';
ALTER TABLE cooperatives ADD COLUMN website TEXT NOT NULL DEFAULT '';
-- Settings: the cooperative's own rules as JSON (later issues read them).
-- (json_valid() cannot be a CHECK here: the schema is untrusted.)
ALTER TABLE cooperatives ADD COLUMN settings TEXT NOT NULL DEFAULT '{}';  -- a JSON object: checked by net_coop_validate
ALTER TABLE cooperatives ADD COLUMN updated_at INTEGER NOT NULL DEFAULT 0;
CREATE UNIQUE INDEX cooperatives_name ON cooperatives(name COLLATE NOCASE);
CREATE UNIQUE INDEX cooperatives_siren ON cooperatives(siren) WHERE siren IS NOT NULL AND siren <> '';

CREATE TABLE territories (
	id         INTEGER PRIMARY KEY,
	commune    TEXT NOT NULL CHECK (length(commune) BETWEEN 1 AND 100),
	norm       TEXT NOT NULL,  -- commune folded (case, accents, spaces) for search
	postcode   TEXT NOT NULL CHECK (length(postcode) = 5 AND postcode GLOB '[0-9][0-9AB][0-9][0-9][0-9]'),
	department TEXT NOT NULL CHECK (length(department) BETWEEN 2 AND 3),
	kind       TEXT NOT NULL CHECK (kind IN ('urban', 'rural')),
	UNIQUE (norm, postcode)
) STRICT;
CREATE INDEX territories_postcode ON territories(postcode);
CREATE INDEX territories_department ON territories(department);

ALTER TABLE units ADD COLUMN kind TEXT NOT NULL DEFAULT 'establishment'
	CHECK (kind IN ('establishment', 'antenna', 'local_group', 'trade_group'));
ALTER TABLE units ADD COLUMN territory_id INTEGER REFERENCES territories(id);
ALTER TABLE units ADD COLUMN address TEXT NOT NULL DEFAULT '';
ALTER TABLE units ADD COLUMN description TEXT NOT NULL DEFAULT '';
ALTER TABLE units ADD COLUMN updated_at INTEGER NOT NULL DEFAULT 0;

-- A unit belongs to its main cooperative (units.cooperative_id, which the
-- rights follow) and may span others: every cooperative of a unit, the main
-- one included, has a row here.
CREATE TABLE unit_cooperatives (
	unit_id        INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
	cooperative_id INTEGER NOT NULL REFERENCES cooperatives(id) ON DELETE CASCADE,
	PRIMARY KEY (unit_id, cooperative_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX unit_cooperatives_coop ON unit_cooperatives(cooperative_id);
INSERT INTO unit_cooperatives(unit_id, cooperative_id)
	SELECT id, cooperative_id FROM units WHERE cooperative_id IS NOT NULL;

-- A membership is a period: a person in a cooperative with one status from
-- started_on to ended_on (NULL while current).  A change of status ends the
-- current period and opens a new one, so the history is every row.
CREATE TABLE memberships (
	id             INTEGER PRIMARY KEY,
	person_id      INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
	cooperative_id INTEGER NOT NULL REFERENCES cooperatives(id),
	status         TEXT NOT NULL CHECK (status IN ('newcomer', 'member', 'associate', 'staff', 'former')),
	started_on     TEXT NOT NULL CHECK (date(started_on) IS started_on),
	ended_on       TEXT CHECK (ended_on IS NULL OR (date(ended_on) IS ended_on AND ended_on >= started_on)),
	changed_by     INTEGER REFERENCES people(id),
	created_at     INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX memberships_current ON memberships(person_id, cooperative_id) WHERE ended_on IS NULL;
CREATE INDEX memberships_coop ON memberships(cooperative_id, status) WHERE ended_on IS NULL;

-- The cooperatives a person is part of now: a current membership (not
-- "former"), or a role held in the cooperative or one of its units.
CREATE VIEW network_person_coops AS
	SELECT person_id, cooperative_id FROM memberships WHERE ended_on IS NULL AND status <> 'former'
	UNION
	SELECT person_id, scope_id FROM roles WHERE scope_type = 'cooperative'
	UNION
	SELECT r.person_id, u.cooperative_id FROM roles r JOIN units u ON r.scope_type = 'unit' AND u.id = r.scope_id
	WHERE u.cooperative_id IS NOT NULL;

-- The directory profile of a person; vis_* say who sees each field.
CREATE TABLE profiles (
	person_id        INTEGER PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
	presentation     TEXT NOT NULL DEFAULT '' CHECK (length(presentation) <= 2000),
	links            TEXT NOT NULL DEFAULT '' CHECK (length(links) <= 2000),
	territory_id     INTEGER REFERENCES territories(id),
	wants_cooperate  INTEGER NOT NULL DEFAULT 0 CHECK (wants_cooperate IN (0, 1)),
	vis_profile      INTEGER NOT NULL DEFAULT 1 CHECK (vis_profile BETWEEN 0 AND 3),
	vis_email        INTEGER NOT NULL DEFAULT 2 CHECK (vis_email BETWEEN 0 AND 3),
	vis_trades       INTEGER NOT NULL DEFAULT 1 CHECK (vis_trades BETWEEN 0 AND 3),
	vis_skills       INTEGER NOT NULL DEFAULT 1 CHECK (vis_skills BETWEEN 0 AND 3),
	vis_territory    INTEGER NOT NULL DEFAULT 1 CHECK (vis_territory BETWEEN 0 AND 3),
	vis_presentation INTEGER NOT NULL DEFAULT 1 CHECK (vis_presentation BETWEEN 0 AND 3),
	vis_links        INTEGER NOT NULL DEFAULT 1 CHECK (vis_links BETWEEN 0 AND 3),
	vis_cooperate    INTEGER NOT NULL DEFAULT 1 CHECK (vis_cooperate BETWEEN 0 AND 3),
	updated_at       INTEGER NOT NULL
) STRICT;
CREATE INDEX profiles_territory ON profiles(territory_id);
-- the directory lists people by name
CREATE INDEX people_display_name ON people(display_name, id);

-- Trades and skills are tags: norm is the comparison form (lower case, no
-- accents, single spaces), label the first spelling met.
CREATE TABLE tags (
	id    INTEGER PRIMARY KEY,
	kind  TEXT NOT NULL CHECK (kind IN ('trade', 'skill')),
	norm  TEXT NOT NULL CHECK (length(norm) BETWEEN 1 AND 80),
	label TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 80),
	UNIQUE (kind, norm)
) STRICT;
CREATE TABLE person_tags (
	person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
	tag_id    INTEGER NOT NULL REFERENCES tags(id),
	PRIMARY KEY (person_id, tag_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX person_tags_tag ON person_tags(tag_id, person_id);

CREATE TABLE organisations (
	id             INTEGER PRIMARY KEY,
	kind           TEXT NOT NULL CHECK (kind IN ('groupement', 'individual_enterprise',
		'collective_enterprise', 'research_lab', 'local_authority', 'partner')),
	name           TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	cooperative_id INTEGER REFERENCES cooperatives(id),
	siren          TEXT,
	territory_id   INTEGER REFERENCES territories(id),
	description    TEXT NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
	website        TEXT NOT NULL DEFAULT '',
	visibility     INTEGER NOT NULL DEFAULT 0 CHECK (visibility BETWEEN 0 AND 2),
	created_at     INTEGER NOT NULL,
	updated_at     INTEGER NOT NULL
) STRICT;
CREATE INDEX organisations_coop ON organisations(cooperative_id);
CREATE TABLE organisation_people (
	organisation_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
	person_id       INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
	role            TEXT NOT NULL DEFAULT '' CHECK (length(role) <= 100),
	PRIMARY KEY (organisation_id, person_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX organisation_people_person ON organisation_people(person_id);

-- Full-text index of the directory: for each person, one row per viewer
-- level (0 public, 1 group, 2 cooperative) holding only the fields visible
-- at that level; rowid = person_id * 4 + level.  Maintained by
-- net_profile_reindex().  Accents and case are folded by the tokenizer.
CREATE VIRTUAL TABLE people_fts USING fts5(
	person_id UNINDEXED, level UNINDEXED, name, trades, skills, territory, presentation,
	tokenize = 'unicode61 remove_diacritics 2'
);
