-- Countdowns on boards (issue 13): one per section (device_id NULL) and one per board, kept so that a board that
-- reconnects, a restarted gateway and every replica know the remaining time. Times in Unix milliseconds.
CREATE TABLE countdowns (
    scope         TEXT   PRIMARY KEY,   -- section:{id} or device:{id}
    section_id    INTEGER NOT NULL,
    device_id     TEXT   NULL,
    duration_ms   INTEGER NOT NULL,
    remaining_ms  INTEGER NOT NULL,
    running_since INTEGER NULL,             -- null: paused
    updated_at    INTEGER NOT NULL
);
CREATE INDEX countdowns_section ON countdowns (section_id);
