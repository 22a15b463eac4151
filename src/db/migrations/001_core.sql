-- 001_core.sql — accounts, the structure's skeleton, sessions, audit, outbox.
-- Amounts are never here; later migrations add the domains.

CREATE TABLE meta (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) STRICT;

-- The group is implicit (one per instance); cooperatives and units form the
-- structure that roles are scoped to.  Issue "structure" extends them.
CREATE TABLE cooperatives (
	id         INTEGER PRIMARY KEY,
	name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	legal_form TEXT NOT NULL DEFAULT 'CAE',
	siren      TEXT,
	created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE units (
	id             INTEGER PRIMARY KEY,
	cooperative_id INTEGER REFERENCES cooperatives(id),
	name           TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	created_at     INTEGER NOT NULL
) STRICT;

CREATE TABLE people (
	id            INTEGER PRIMARY KEY,
	email         TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(email) BETWEEN 3 AND 254),
	display_name  TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
	password_hash TEXT,
	disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
	lang          TEXT NOT NULL DEFAULT 'fr' CHECK (lang IN ('fr', 'en')),
	created_at    INTEGER NOT NULL,
	updated_at    INTEGER NOT NULL
) STRICT;

-- A role is held in a scope: the group (scope_id 0), a cooperative or a unit.
CREATE TABLE roles (
	id         INTEGER PRIMARY KEY,
	person_id  INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
	role       TEXT NOT NULL CHECK (role IN ('newcomer', 'member', 'associate', 'host',
		'facilitator', 'accompanist', 'accountant', 'admin', 'partner')),
	scope_type TEXT NOT NULL CHECK (scope_type IN ('group', 'cooperative', 'unit')),
	scope_id   INTEGER NOT NULL DEFAULT 0,
	granted_at INTEGER NOT NULL,
	granted_by INTEGER REFERENCES people(id),
	CHECK ((scope_type = 'group') = (scope_id = 0)),
	UNIQUE (person_id, role, scope_type, scope_id)
) STRICT;
CREATE INDEX roles_scope ON roles(scope_type, scope_id);

-- Session and token secrets are never stored: only their BLAKE2b hash.
CREATE TABLE sessions (
	id           INTEGER PRIMARY KEY,
	token_hash   BLOB NOT NULL UNIQUE,
	person_id    INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
	csrf_token   TEXT NOT NULL,
	created_at   INTEGER NOT NULL,
	last_seen_at INTEGER NOT NULL,
	expires_at   INTEGER NOT NULL
) STRICT;
CREATE INDEX sessions_person ON sessions(person_id);

CREATE TABLE api_tokens (
	id           INTEGER PRIMARY KEY,
	person_id    INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
	name         TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
	token_hash   BLOB NOT NULL UNIQUE,
	created_at   INTEGER NOT NULL,
	last_used_at INTEGER,
	revoked_at   INTEGER
) STRICT;

CREATE TABLE password_resets (
	id         INTEGER PRIMARY KEY,
	person_id  INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
	token_hash BLOB NOT NULL UNIQUE,
	created_at INTEGER NOT NULL,
	expires_at INTEGER NOT NULL,
	used_at    INTEGER
) STRICT;

-- Who did what, when, with the record before and after (JSON).  Append-only.
CREATE TABLE audit_log (
	id         INTEGER PRIMARY KEY,
	at         INTEGER NOT NULL,
	actor_id   INTEGER REFERENCES people(id),
	action     TEXT NOT NULL,
	entity     TEXT NOT NULL,
	entity_id  INTEGER,
	before     TEXT,
	after      TEXT
) STRICT;
CREATE INDEX audit_entity ON audit_log(entity, entity_id);
-- Rule: the audit log is append-only; no row is ever changed.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
-- Rule: the audit log is append-only; no row is ever deleted.
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

-- Mail is written here in the transaction that causes it, and sent later.
CREATE TABLE outbox (
	id              INTEGER PRIMARY KEY,
	created_at      INTEGER NOT NULL,
	to_addr         TEXT NOT NULL,
	subject         TEXT NOT NULL,
	body_text       TEXT NOT NULL,
	body_html       TEXT,
	attachment_name TEXT,
	attachment_type TEXT,
	attachment      BLOB,
	status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent')),
	attempts        INTEGER NOT NULL DEFAULT 0,
	next_attempt_at INTEGER NOT NULL,
	last_error      TEXT,
	sent_at         INTEGER
) STRICT;
CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
