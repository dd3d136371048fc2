-- What a board shows (issue 13): its section's patrols (0) or its leader's local teams (1). A board moved to
-- another of its leader's sections keeps this row: only section_id changes, so it needs no new pairing.
ALTER TABLE devices ADD COLUMN shows_local_teams INTEGER NOT NULL DEFAULT 0;
