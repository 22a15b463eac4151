-- 003_hospitality.sql — places, resources, bookings, quotas, waiting lists,
-- information sessions and their registrations, the welcome path, calendar
-- feeds.  Instants are INTEGER seconds since the epoch (UTC); times of day
-- are minutes since local midnight in the place's time zone.

-- A place is offered by a cooperative, a unit or a member (owner_type/owner_id).
CREATE TABLE places (
	id                 INTEGER PRIMARY KEY,
	name               TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	owner_type         TEXT NOT NULL CHECK (owner_type IN ('cooperative', 'unit', 'person')),
	owner_id           INTEGER NOT NULL CHECK (owner_id > 0),
	address            TEXT NOT NULL DEFAULT '' CHECK (length(address) <= 500),
	postcode           TEXT NOT NULL DEFAULT '' CHECK (length(postcode) <= 10),
	city               TEXT NOT NULL DEFAULT '' CHECK (length(city) <= 100),
	territory          TEXT NOT NULL DEFAULT '' CHECK (length(territory) <= 100),
	timezone           TEXT NOT NULL DEFAULT 'Europe/Paris' CHECK (length(timezone) BETWEEN 1 AND 64),
	accessibility      TEXT NOT NULL DEFAULT '' CHECK (length(accessibility) <= 2000),
	-- 1: only people holding a role in the owner's cooperative may book
	restricted         INTEGER NOT NULL DEFAULT 0 CHECK (restricted IN (0, 1)),
	cancel_deadline_min INTEGER NOT NULL DEFAULT 120 CHECK (cancel_deadline_min BETWEEN 0 AND 43200),
	-- 0: no check-in; else a booking not checked in after N minutes is released
	checkin_release_min INTEGER NOT NULL DEFAULT 0 CHECK (checkin_release_min BETWEEN 0 AND 1440),
	offer_minutes      INTEGER NOT NULL DEFAULT 120 CHECK (offer_minutes BETWEEN 5 AND 10080),
	created_at         INTEGER NOT NULL,
	archived           INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1))
) STRICT;
CREATE INDEX places_owner ON places(owner_type, owner_id);

-- Weekly hours: weekday 1 (Monday) … 7 (Sunday); several ranges a day allowed.
CREATE TABLE place_hours (
	id       INTEGER PRIMARY KEY,
	place_id INTEGER NOT NULL REFERENCES places(id) ON DELETE CASCADE,
	weekday  INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
	opens    INTEGER NOT NULL CHECK (opens BETWEEN 0 AND 1440),
	closes   INTEGER NOT NULL CHECK (closes BETWEEN 0 AND 1440),
	CHECK (opens < closes)
) STRICT;
CREATE INDEX place_hours_place ON place_hours(place_id, weekday);

-- Exceptions by date: other hours that day, or closed (opens = closes = 0).
-- Closures: a range of days closed (holidays, works).
CREATE TABLE place_exceptions (
	id       INTEGER PRIMARY KEY,
	place_id INTEGER NOT NULL REFERENCES places(id) ON DELETE CASCADE,
	day      TEXT NOT NULL CHECK (length(day) = 10),
	opens    INTEGER NOT NULL DEFAULT 0 CHECK (opens BETWEEN 0 AND 1440),
	closes   INTEGER NOT NULL DEFAULT 0 CHECK (closes BETWEEN 0 AND 1440),
	CHECK (opens < closes OR (opens = 0 AND closes = 0))
) STRICT;
CREATE INDEX place_exceptions_day ON place_exceptions(place_id, day);
CREATE TABLE place_closures (
	id        INTEGER PRIMARY KEY,
	place_id  INTEGER NOT NULL REFERENCES places(id) ON DELETE CASCADE,
	first_day TEXT NOT NULL CHECK (length(first_day) = 10),
	last_day  TEXT NOT NULL CHECK (length(last_day) = 10),
	reason    TEXT NOT NULL DEFAULT '' CHECK (length(reason) <= 200),
	CHECK (first_day <= last_day)
) STRICT;
CREATE INDEX place_closures_place ON place_closures(place_id, last_day);

-- A resource; capacity = how many bookings may overlap.  A parent (a room)
-- has children (its desks): booking one blocks the other.
CREATE TABLE resources (
	id               INTEGER PRIMARY KEY,
	place_id         INTEGER NOT NULL REFERENCES places(id) ON DELETE CASCADE,
	parent_id        INTEGER REFERENCES resources(id),
	name             TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	kind             TEXT NOT NULL CHECK (kind IN ('desk', 'meeting_room', 'workshop', 'machine', 'office')),
	capacity         INTEGER NOT NULL DEFAULT 1 CHECK (capacity BETWEEN 1 AND 1000),
	min_notice_min   INTEGER NOT NULL DEFAULT 0 CHECK (min_notice_min BETWEEN 0 AND 43200),
	max_duration_min INTEGER NOT NULL DEFAULT 600 CHECK (max_duration_min BETWEEN 15 AND 20160),
	buffer_min       INTEGER NOT NULL DEFAULT 0 CHECK (buffer_min BETWEEN 0 AND 240),
	needs_approval   INTEGER NOT NULL DEFAULT 0 CHECK (needs_approval IN (0, 1)),
	archived         INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
	CHECK (parent_id IS NULL OR parent_id <> id)
) STRICT;
CREATE INDEX resources_place ON resources(place_id);
CREATE INDEX resources_parent ON resources(parent_id);

CREATE TABLE booking_series (
	id         INTEGER PRIMARY KEY,
	person_id  INTEGER NOT NULL REFERENCES people(id),
	frequency  TEXT NOT NULL CHECK (frequency IN ('week', 'month')),
	until_day  TEXT NOT NULL,
	created_at INTEGER NOT NULL
) STRICT;

-- status: pending (awaits a host's approval; holds the slot), confirmed,
-- cancelled, released (no check-in in time), refused.
CREATE TABLE bookings (
	id             INTEGER PRIMARY KEY,
	resource_id    INTEGER NOT NULL REFERENCES resources(id),
	person_id      INTEGER NOT NULL REFERENCES people(id),
	cooperative_id INTEGER REFERENCES cooperatives(id),
	series_id      INTEGER REFERENCES booking_series(id),
	starts_at      INTEGER NOT NULL,
	ends_at        INTEGER NOT NULL,
	status         TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'cancelled', 'released', 'refused')),
	note           TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 500),
	sequence       INTEGER NOT NULL DEFAULT 0,
	checked_in_at  INTEGER,
	created_at     INTEGER NOT NULL,
	updated_at     INTEGER NOT NULL,
	CHECK (starts_at < ends_at)
) STRICT;
CREATE INDEX bookings_slot ON bookings(resource_id, starts_at);
CREATE INDEX bookings_person ON bookings(person_id, starts_at);

-- Quotas: hours per month per resource kind, for a person or a cooperative.
CREATE TABLE quotas (
	id           INTEGER PRIMARY KEY,
	scope_type   TEXT NOT NULL CHECK (scope_type IN ('person', 'cooperative')),
	scope_id     INTEGER NOT NULL,
	kind         TEXT NOT NULL,
	minutes_per_month INTEGER NOT NULL CHECK (minutes_per_month >= 0),
	UNIQUE (scope_type, scope_id, kind)
) STRICT;
-- Every use of a quota (one line per booking, credited back on cancel).
CREATE TABLE quota_uses (
	id             INTEGER PRIMARY KEY,
	booking_id     INTEGER NOT NULL REFERENCES bookings(id),
	person_id      INTEGER NOT NULL,
	cooperative_id INTEGER,
	kind           TEXT NOT NULL,
	month          TEXT NOT NULL CHECK (length(month) = 7),
	minutes        INTEGER NOT NULL,
	at             INTEGER NOT NULL
) STRICT;
CREATE INDEX quota_uses_person ON quota_uses(person_id, kind, month);
CREATE INDEX quota_uses_coop ON quota_uses(cooperative_id, kind, month);

-- Waiting list per slot; an offer holds the slot until offer_expires_at.
CREATE TABLE booking_waits (
	id               INTEGER PRIMARY KEY,
	resource_id      INTEGER NOT NULL REFERENCES resources(id),
	person_id        INTEGER NOT NULL REFERENCES people(id),
	starts_at        INTEGER NOT NULL,
	ends_at          INTEGER NOT NULL,
	status           TEXT NOT NULL CHECK (status IN ('waiting', 'offered', 'accepted', 'expired', 'cancelled')),
	created_at       INTEGER NOT NULL,
	offer_expires_at INTEGER,
	CHECK (starts_at < ends_at)
) STRICT;
CREATE INDEX booking_waits_slot ON booking_waits(resource_id, status, starts_at);

-- Referring bodies (France Travail, Mission locale…), a list per cooperative.
CREATE TABLE referrers (
	id             INTEGER PRIMARY KEY,
	cooperative_id INTEGER NOT NULL REFERENCES cooperatives(id),
	name           TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	UNIQUE (cooperative_id, name)
) STRICT;

-- Information sessions (entry doors): in a place or online.
CREATE TABLE info_sessions (
	id             INTEGER PRIMARY KEY,
	cooperative_id INTEGER NOT NULL REFERENCES cooperatives(id),
	place_id       INTEGER REFERENCES places(id),
	online_url     TEXT CHECK (online_url IS NULL OR length(online_url) <= 500),
	title          TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
	territory      TEXT NOT NULL DEFAULT '' CHECK (length(territory) <= 100),
	starts_at      INTEGER NOT NULL,
	ends_at        INTEGER NOT NULL,
	capacity       INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 1000),
	host_id        INTEGER NOT NULL REFERENCES people(id),
	status         TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
	sequence       INTEGER NOT NULL DEFAULT 0,
	created_at     INTEGER NOT NULL,
	CHECK (starts_at < ends_at),
	CHECK (place_id IS NOT NULL OR online_url IS NOT NULL)
) STRICT;
CREATE INDEX info_sessions_start ON info_sessions(status, starts_at);

CREATE TABLE session_registrations (
	id          INTEGER PRIMARY KEY,
	session_id  INTEGER NOT NULL REFERENCES info_sessions(id),
	name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	email       TEXT NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
	phone       TEXT NOT NULL DEFAULT '' CHECK (length(phone) <= 30),
	postcode    TEXT NOT NULL CHECK (length(postcode) BETWEEN 1 AND 10),
	project     TEXT NOT NULL DEFAULT '' CHECK (length(project) <= 2000),
	referrer_id INTEGER REFERENCES referrers(id),
	lang        TEXT NOT NULL DEFAULT 'fr' CHECK (lang IN ('fr', 'en')),
	consent_at  INTEGER NOT NULL,
	status      TEXT NOT NULL CHECK (status IN ('registered', 'waiting', 'cancelled')),
	cancel_hash BLOB NOT NULL UNIQUE,
	sequence    INTEGER NOT NULL DEFAULT 0,
	newcomer_id INTEGER,
	reminded_at INTEGER,
	created_at  INTEGER NOT NULL,
	updated_at  INTEGER NOT NULL,
	UNIQUE (session_id, email)
) STRICT;
CREATE INDEX session_registrations_session ON session_registrations(session_id, status, created_at);

-- The welcome path: steps per cooperative (the default list when none).
CREATE TABLE path_steps (
	id             INTEGER PRIMARY KEY,
	cooperative_id INTEGER NOT NULL REFERENCES cooperatives(id),
	position       INTEGER NOT NULL,
	code           TEXT NOT NULL CHECK (length(code) BETWEEN 1 AND 40),
	label          TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 100),
	UNIQUE (cooperative_id, code)
) STRICT;

CREATE TABLE newcomers (
	id             INTEGER PRIMARY KEY,
	cooperative_id INTEGER NOT NULL REFERENCES cooperatives(id),
	person_id      INTEGER REFERENCES people(id),
	name           TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	email          TEXT NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
	phone          TEXT NOT NULL DEFAULT '',
	postcode       TEXT NOT NULL DEFAULT '',
	territory      TEXT NOT NULL DEFAULT '',
	project        TEXT NOT NULL DEFAULT '',
	referrer       TEXT NOT NULL DEFAULT '',
	birth_year     INTEGER CHECK (birth_year IS NULL OR birth_year BETWEEN 1900 AND 2100),
	lang           TEXT NOT NULL DEFAULT 'fr' CHECK (lang IN ('fr', 'en')),
	current_step   TEXT NOT NULL DEFAULT 'contact',
	status         TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'exited')),
	exit_reason    TEXT,
	consent_at     INTEGER,
	created_at     INTEGER NOT NULL,
	updated_at     INTEGER NOT NULL
) STRICT;
CREATE INDEX newcomers_coop ON newcomers(cooperative_id, status);

-- Each step taken, with its date, who and notes; kept when the record moves.
CREATE TABLE newcomer_steps (
	id             INTEGER PRIMARY KEY,
	newcomer_id    INTEGER NOT NULL REFERENCES newcomers(id),
	cooperative_id INTEGER NOT NULL,
	code           TEXT NOT NULL,
	day            TEXT NOT NULL CHECK (length(day) = 10),
	done_by        INTEGER REFERENCES people(id),
	notes          TEXT NOT NULL DEFAULT '' CHECK (length(notes) <= 4000),
	created_at     INTEGER NOT NULL
) STRICT;
CREATE INDEX newcomer_steps_newcomer ON newcomer_steps(newcomer_id, id);

-- Secret, revocable calendar feed URLs (only the token's hash is stored).
CREATE TABLE calendar_feeds (
	id         INTEGER PRIMARY KEY,
	person_id  INTEGER NOT NULL REFERENCES people(id),
	kind       TEXT NOT NULL CHECK (kind IN ('person', 'place', 'sessions')),
	target_id  INTEGER NOT NULL DEFAULT 0,
	token_hash BLOB NOT NULL UNIQUE,
	created_at INTEGER NOT NULL,
	revoked_at INTEGER
) STRICT;
