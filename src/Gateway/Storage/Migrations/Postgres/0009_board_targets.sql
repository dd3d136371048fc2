-- What a board shows (issue 13): its section's patrols (false) or its leader's local teams (true). A board moved to
-- another of its leader's sections keeps this row: only section_id changes, so it needs no new pairing.
ALTER TABLE devices ADD COLUMN shows_local_teams boolean NOT NULL DEFAULT false;
