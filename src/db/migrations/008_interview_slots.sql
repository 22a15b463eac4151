-- Welcome interviews (issue 4, H4): hosts publish their availability
-- slots; a host books a newcomer of the same cooperative into a free one.
-- A slot is free when it has no interview with status 'booked': the
-- partial unique index makes a second booking of one slot impossible even
-- if the domain's check were bypassed.
CREATE TABLE interview_slots (
	id             INTEGER PRIMARY KEY,
	host_id        INTEGER NOT NULL REFERENCES people(id),
	cooperative_id INTEGER NOT NULL REFERENCES cooperatives(id),
	place_id       INTEGER REFERENCES places(id),
	online_url     TEXT CHECK (online_url IS NULL OR length(online_url) <= 500),
	timezone       TEXT NOT NULL,
	starts_at      INTEGER NOT NULL,
	ends_at        INTEGER NOT NULL,
	deleted_at     INTEGER,
	created_at     INTEGER NOT NULL,
	CHECK (starts_at < ends_at),
	CHECK (place_id IS NOT NULL OR online_url IS NOT NULL)
) STRICT;
CREATE INDEX interview_slots_host ON interview_slots(host_id, starts_at);
CREATE INDEX interview_slots_coop ON interview_slots(cooperative_id, starts_at);

-- One interview booked in a slot; kept (status 'cancelled', sequence
-- increased) when cancelled, so its UID interview-<id>@bigre stays stable.
CREATE TABLE interviews (
	id          INTEGER PRIMARY KEY,
	slot_id     INTEGER NOT NULL REFERENCES interview_slots(id),
	newcomer_id INTEGER NOT NULL REFERENCES newcomers(id),
	booked_by   INTEGER NOT NULL REFERENCES people(id),
	status      TEXT NOT NULL DEFAULT 'booked' CHECK (status IN ('booked', 'cancelled')),
	sequence    INTEGER NOT NULL DEFAULT 0,
	created_at  INTEGER NOT NULL,
	updated_at  INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX interviews_one_per_slot ON interviews(slot_id) WHERE status = 'booked';
CREATE INDEX interviews_newcomer ON interviews(newcomer_id, status);
