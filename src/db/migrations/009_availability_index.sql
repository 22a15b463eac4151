-- Availability and the clash check read, for each resource of a place,
-- the bookings around a range: resource, start, end, status and check-in.
-- With only (resource_id, starts_at) indexed, each of those rows cost a
-- lookup in the table (measured: 15 % of an availability answer).  The
-- index now carries every column those queries read, so they are answered
-- from the index alone.
DROP INDEX bookings_slot;
CREATE INDEX bookings_slot ON bookings(resource_id, starts_at, ends_at, status, checked_in_at);

-- The longest booking a resource has ever had (seconds; never lowered).
-- Availability looks for bookings that started before the range and still
-- run into it: it only has to look back this far, not a fortnight (the
-- longest any resource allows), which a third of the rows read went to.
-- Kept by triggers, so no path that writes a booking can leave it short.
ALTER TABLE resources ADD COLUMN longest_booking_s INTEGER NOT NULL DEFAULT 0
	CHECK (longest_booking_s >= 0);
UPDATE resources SET longest_booking_s =
	coalesce((SELECT max(ends_at - starts_at) FROM bookings b WHERE b.resource_id = resources.id), 0);
-- Rule: a resource's longest_booking_s is at least the length of each of
-- its bookings (a new one).
CREATE TRIGGER bookings_longest_insert AFTER INSERT ON bookings BEGIN
	UPDATE resources SET longest_booking_s = NEW.ends_at - NEW.starts_at
	 WHERE id = NEW.resource_id AND longest_booking_s < NEW.ends_at - NEW.starts_at;
END;
-- Rule: a resource's longest_booking_s is at least the length of each of
-- its bookings (a booking moved or resized).
CREATE TRIGGER bookings_longest_update AFTER UPDATE OF resource_id, starts_at, ends_at ON bookings BEGIN
	UPDATE resources SET longest_booking_s = NEW.ends_at - NEW.starts_at
	 WHERE id = NEW.resource_id AND longest_booking_s < NEW.ends_at - NEW.starts_at;
END;

-- A version per place, changed by every write that can change the place's
-- availability: its bookings and waiting-list offers, its resources, its
-- hours, exceptions and closures, the place itself.  The server remembers
-- computed availability under the version it was computed at
-- (src/hospitality/avail_cache.c); triggers raise it, so no writer — a
-- request, the periodic tick, a command, a hand-made SQL fix — can leave a
-- stale answer behind.  A version is a random 64-bit number rather than a
-- count, so that two databases (tests, a restored backup) never share one.
CREATE TABLE place_versions (
	place_id INTEGER PRIMARY KEY, -- no foreign key: a row outliving its place is harmless
	version  INTEGER NOT NULL
) STRICT;
INSERT INTO place_versions(place_id, version) SELECT id, random() FROM places;
-- Rule: an insert into places gives its place a new version.
CREATE TRIGGER place_version_place_insert AFTER INSERT ON places BEGIN
	INSERT INTO place_versions(place_id, version) VALUES (NEW.id, random());
END;
-- Rule: an update of places gives its place a new version.
CREATE TRIGGER place_version_place AFTER UPDATE ON places BEGIN
	INSERT INTO place_versions(place_id, version) VALUES (NEW.id, random())
	ON CONFLICT(place_id) DO UPDATE SET version = random();
END;
-- Rule: an insert into resources gives its place a new version.
CREATE TRIGGER place_version_resources_insert AFTER INSERT ON resources BEGIN
	INSERT INTO place_versions(place_id, version) VALUES (NEW.place_id, random())
	ON CONFLICT(place_id) DO UPDATE SET version = random();
END;
-- Rule: an update of resources gives its place a new version (the old and the new place).
CREATE TRIGGER place_version_resources_update AFTER UPDATE ON resources BEGIN
	INSERT INTO place_versions(place_id, version) VALUES (NEW.place_id, random())
	ON CONFLICT(place_id) DO UPDATE SET version = random();
	INSERT INTO place_versions(place_id, version) VALUES (OLD.place_id, random())
	ON CONFLICT(place_id) DO UPDATE SET version = random();
END;
-- Rule: a delete from resources gives its place a new version.
CREATE TRIGGER place_version_resources_delete AFTER DELETE ON resources BEGIN
	INSERT INTO place_versions(place_id, version) VALUES (OLD.place_id, random())
	ON CONFLICT(place_id) DO UPDATE SET version = random();
END;
-- Rule: an insert into place_hours gives its place a new version.
CREATE TRIGGER place_version_place_hours_insert AFTER INSERT ON place_hours BEGIN
	INSERT INTO place_versions(place_id, version) VALUES (NEW.place_id, random())
	ON CONFLICT(place_id) DO UPDATE SET version = random();
END;
-- Rule: an update of place_hours gives its place a new version (the old and the new place).
CREATE TRIGGER place_version_place_hours_update AFTER UPDATE ON place_hours BEGIN
	INSERT INTO place_versions(place_id, version) VALUES (NEW.place_id, random())
	ON CONFLICT(place_id) DO UPDATE SET version = random();
	INSERT INTO place_versions(place_id, version) VALUES (OLD.place_id, random())
	ON CONFLICT(place_id) DO UPDATE SET version = random();
END;
-- Rule: a delete from place_hours gives its place a new version.
CREATE TRIGGER place_version_place_hours_delete AFTER DELETE ON place_hours BEGIN
	INSERT INTO place_versions(place_id, version) VALUES (OLD.place_id, random())
	ON CONFLICT(place_id) DO UPDATE SET version = random();
END;
-- Rule: an insert into place_exceptions gives its place a new version.
CREATE TRIGGER place_version_place_exceptions_insert AFTER INSERT ON place_exceptions BEGIN
	INSERT INTO place_versions(place_id, version) VALUES (NEW.place_id, random())
	ON CONFLICT(place_id) DO UPDATE SET version = random();
END;
-- Rule: an update of place_exceptions gives its place a new version (the old and the new place).
CREATE TRIGGER place_version_place_exceptions_update AFTER UPDATE ON place_exceptions BEGIN
	INSERT INTO place_versions(place_id, version) VALUES (NEW.place_id, random())
	ON CONFLICT(place_id) DO UPDATE SET version = random();
	INSERT INTO place_versions(place_id, version) VALUES (OLD.place_id, random())
	ON CONFLICT(place_id) DO UPDATE SET version = random();
END;
-- Rule: a delete from place_exceptions gives its place a new version.
CREATE TRIGGER place_version_place_exceptions_delete AFTER DELETE ON place_exceptions BEGIN
	INSERT INTO place_versions(place_id, version) VALUES (OLD.place_id, random())
	ON CONFLICT(place_id) DO UPDATE SET version = random();
END;
-- Rule: an insert into place_closures gives its place a new version.
CREATE TRIGGER place_version_place_closures_insert AFTER INSERT ON place_closures BEGIN
	INSERT INTO place_versions(place_id, version) VALUES (NEW.place_id, random())
	ON CONFLICT(place_id) DO UPDATE SET version = random();
END;
-- Rule: an update of place_closures gives its place a new version (the old and the new place).
CREATE TRIGGER place_version_place_closures_update AFTER UPDATE ON place_closures BEGIN
	INSERT INTO place_versions(place_id, version) VALUES (NEW.place_id, random())
	ON CONFLICT(place_id) DO UPDATE SET version = random();
	INSERT INTO place_versions(place_id, version) VALUES (OLD.place_id, random())
	ON CONFLICT(place_id) DO UPDATE SET version = random();
END;
-- Rule: a delete from place_closures gives its place a new version.
CREATE TRIGGER place_version_place_closures_delete AFTER DELETE ON place_closures BEGIN
	INSERT INTO place_versions(place_id, version) VALUES (OLD.place_id, random())
	ON CONFLICT(place_id) DO UPDATE SET version = random();
END;
-- Rule: an insert into bookings gives its place a new version.
CREATE TRIGGER place_version_bookings_insert AFTER INSERT ON bookings BEGIN
	INSERT INTO place_versions(place_id, version)
	SELECT place_id, random() FROM resources WHERE id = NEW.resource_id
	ON CONFLICT(place_id) DO UPDATE SET version = random();
END;
-- Rule: an update of bookings gives its place a new version (the old and the new place).
CREATE TRIGGER place_version_bookings_update AFTER UPDATE ON bookings BEGIN
	INSERT INTO place_versions(place_id, version)
	SELECT place_id, random() FROM resources WHERE id = NEW.resource_id
	ON CONFLICT(place_id) DO UPDATE SET version = random();
	INSERT INTO place_versions(place_id, version)
	SELECT place_id, random() FROM resources WHERE id = OLD.resource_id
	ON CONFLICT(place_id) DO UPDATE SET version = random();
END;
-- Rule: a delete from bookings gives its place a new version.
CREATE TRIGGER place_version_bookings_delete AFTER DELETE ON bookings BEGIN
	INSERT INTO place_versions(place_id, version)
	SELECT place_id, random() FROM resources WHERE id = OLD.resource_id
	ON CONFLICT(place_id) DO UPDATE SET version = random();
END;
-- Rule: an insert into booking_waits gives its place a new version.
CREATE TRIGGER place_version_booking_waits_insert AFTER INSERT ON booking_waits BEGIN
	INSERT INTO place_versions(place_id, version)
	SELECT place_id, random() FROM resources WHERE id = NEW.resource_id
	ON CONFLICT(place_id) DO UPDATE SET version = random();
END;
-- Rule: an update of booking_waits gives its place a new version (the old and the new place).
CREATE TRIGGER place_version_booking_waits_update AFTER UPDATE ON booking_waits BEGIN
	INSERT INTO place_versions(place_id, version)
	SELECT place_id, random() FROM resources WHERE id = NEW.resource_id
	ON CONFLICT(place_id) DO UPDATE SET version = random();
	INSERT INTO place_versions(place_id, version)
	SELECT place_id, random() FROM resources WHERE id = OLD.resource_id
	ON CONFLICT(place_id) DO UPDATE SET version = random();
END;
-- Rule: a delete from booking_waits gives its place a new version.
CREATE TRIGGER place_version_booking_waits_delete AFTER DELETE ON booking_waits BEGIN
	INSERT INTO place_versions(place_id, version)
	SELECT place_id, random() FROM resources WHERE id = OLD.resource_id
	ON CONFLICT(place_id) DO UPDATE SET version = random();
END;
