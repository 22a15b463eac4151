-- 005_hospitality_more.sql — the hosts' daily digest preference, documents
-- attached to welcome-path steps, a photo per place.

-- A person who hosts may ask for a daily digest by mail; last_day is the
-- local day ("YYYY-MM-DD", Europe/Paris) the last digest was sent, so the
-- periodic tick sends at most one a day.
CREATE TABLE host_digest_prefs (
	person_id  INTEGER PRIMARY KEY REFERENCES people(id),
	wants      INTEGER NOT NULL DEFAULT 0 CHECK (wants IN (0, 1)),
	last_day   TEXT CHECK (last_day IS NULL OR length(last_day) = 10),
	updated_at INTEGER NOT NULL
) STRICT;

-- A file attached to a step of a newcomer's path (PDF, JPEG or PNG; the
-- type is checked on the bytes).  Stored in the database, like receipts.
CREATE TABLE newcomer_documents (
	id           INTEGER PRIMARY KEY,
	newcomer_id  INTEGER NOT NULL REFERENCES newcomers(id),
	step_id      INTEGER NOT NULL REFERENCES newcomer_steps(id),
	filename     TEXT NOT NULL CHECK (length(filename) BETWEEN 1 AND 200),
	content_type TEXT NOT NULL CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png')),
	size         INTEGER NOT NULL CHECK (size BETWEEN 1 AND 1048576),
	data         BLOB NOT NULL,
	created_by   INTEGER REFERENCES people(id),
	created_at   INTEGER NOT NULL
) STRICT;
CREATE INDEX newcomer_documents_newcomer ON newcomer_documents(newcomer_id, step_id);

-- One photo per place (JPEG or PNG), with its alternative text; etag is a
-- hash of the bytes, sent as the ETag of the photo's URL.
CREATE TABLE place_photos (
	place_id     INTEGER PRIMARY KEY REFERENCES places(id) ON DELETE CASCADE,
	content_type TEXT NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png')),
	size         INTEGER NOT NULL CHECK (size BETWEEN 1 AND 1048576),
	data         BLOB NOT NULL,
	alt          TEXT NOT NULL CHECK (length(alt) BETWEEN 1 AND 300),
	etag         TEXT NOT NULL,
	updated_by   INTEGER REFERENCES people(id),
	updated_at   INTEGER NOT NULL
) STRICT;
