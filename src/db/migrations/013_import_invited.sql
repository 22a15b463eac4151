-- An import line naming someone who already has an account invites them
-- (they join once they accept): the report counts those apart from the
-- accepted lines that added someone at once.
ALTER TABLE import_jobs ADD COLUMN invited INTEGER NOT NULL DEFAULT 0 CHECK (invited >= 0);
