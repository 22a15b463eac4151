-- Hospitality, third pass (issue 4): more secret links, and the interview
-- reminder.  Every token is shown once in a mail; only its hash is kept.

-- Further cancel links of a registration (the first one is
-- session_registrations.cancel_hash): the promotion from the waiting list
-- and the reminder each carry a new one; any of them cancels.
CREATE TABLE registration_links (
	id              INTEGER PRIMARY KEY,
	registration_id INTEGER NOT NULL REFERENCES session_registrations(id),
	token_hash      BLOB NOT NULL UNIQUE,
	created_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX registration_links_registration ON registration_links(registration_id);

-- The reminder of a welcome interview goes once, the day before.
ALTER TABLE interviews ADD COLUMN reminded_at INTEGER;

-- A newcomer's own link to choose their welcome interview slot (no
-- account before CAPE): made by a host, mailed to the newcomer, valid
-- until expires_at or revoked (a new link revokes the older ones).
CREATE TABLE newcomer_links (
	id          INTEGER PRIMARY KEY,
	newcomer_id INTEGER NOT NULL REFERENCES newcomers(id),
	token_hash  BLOB NOT NULL UNIQUE,
	created_by  INTEGER REFERENCES people(id),
	created_at  INTEGER NOT NULL,
	expires_at  INTEGER NOT NULL,
	revoked_at  INTEGER
) STRICT;
CREATE INDEX newcomer_links_newcomer ON newcomer_links(newcomer_id);
