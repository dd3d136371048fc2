-- Countdowns on boards (issue 13): one per section (device_id NULL) and one per board, kept so that a board that
-- reconnects, a restarted gateway and every replica know the remaining time. Times in Unix milliseconds.
CREATE TABLE countdowns (
    scope         text   PRIMARY KEY,   -- section:{id} or device:{id}
    section_id    bigint NOT NULL,
    device_id     text   NULL,
    duration_ms   bigint NOT NULL,
    remaining_ms  bigint NOT NULL,
    running_since bigint NULL,             -- null: paused
    updated_at    bigint NOT NULL
);
CREATE INDEX countdowns_section ON countdowns (section_id);
