-- 006_network.sql — second pass on the structure and directory (issue 3):
-- imports run as jobs with a report, consent before a profile is listed,
-- memberships an existing person must accept.

-- An import sent from the administration page.  The file waits in `data`
-- until a background worker runs it (then it is dropped); the report is the
-- counts below and the rejected lines in import_job_errors.  Progress while
-- it runs is kept in memory by the worker (the import is one transaction).
CREATE TABLE import_jobs (
	id             INTEGER PRIMARY KEY,
	person_id      INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
	cooperative_id INTEGER NOT NULL REFERENCES cooperatives(id) ON DELETE CASCADE,
	kind           TEXT NOT NULL CHECK (kind IN ('people', 'organisations')),
	dry_run        INTEGER NOT NULL CHECK (dry_run IN (0, 1)),
	partial        INTEGER NOT NULL CHECK (partial IN (0, 1)),
	filename       TEXT NOT NULL DEFAULT '' CHECK (length(filename) <= 255),
	data           BLOB,
	status         TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
	lines          INTEGER NOT NULL DEFAULT 0,
	accepted       INTEGER NOT NULL DEFAULT 0,
	rejected       INTEGER NOT NULL DEFAULT 0,
	written        INTEGER NOT NULL DEFAULT 0,
	encoding       TEXT NOT NULL DEFAULT '',
	separator      TEXT NOT NULL DEFAULT '',
	-- a file that could not be read at all
	error_field    TEXT,
	error_msgid    TEXT,
	created_at     INTEGER NOT NULL,
	finished_at    INTEGER
) STRICT;
CREATE INDEX import_jobs_person ON import_jobs(person_id, id);

CREATE TABLE import_job_errors (
	job_id INTEGER NOT NULL REFERENCES import_jobs(id) ON DELETE CASCADE,
	line   INTEGER NOT NULL,
	field  TEXT,
	code   TEXT NOT NULL,
	msgid  TEXT NOT NULL
) STRICT;
CREATE INDEX import_job_errors_job ON import_job_errors(job_id, line);

-- Consent (X5): a profile is listed only once its person has chosen who
-- sees it.  Until then (NULL) it is seen by the person alone, whatever the
-- vis_* columns say.
ALTER TABLE profiles ADD COLUMN visibility_chosen_at INTEGER;

-- A cooperative adding a person who already has an account (by email, by
-- import) does not make them members at once: that would show it the
-- person's "my cooperative" fields without their consent.  The person
-- accepts (a membership opens) or declines (the invitation goes) on /me.
CREATE TABLE membership_invitations (
	id             INTEGER PRIMARY KEY,
	person_id      INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
	cooperative_id INTEGER NOT NULL REFERENCES cooperatives(id) ON DELETE CASCADE,
	status         TEXT NOT NULL CHECK (status IN ('newcomer', 'member', 'associate', 'staff')),
	started_on     TEXT CHECK (started_on IS NULL OR date(started_on) IS started_on),
	invited_by     INTEGER REFERENCES people(id) ON DELETE SET NULL,
	created_at     INTEGER NOT NULL,
	UNIQUE (person_id, cooperative_id)
) STRICT;
