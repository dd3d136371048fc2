-- Score entry (issue 12): a leader's submission of point changes, one row per patrol, kept for ever as history.
-- A submission is written before anything is sent to OSM, so a pending row is the durable queue.
CREATE TABLE award_submissions (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,  -- queue order within a section
    id              TEXT    NOT NULL UNIQUE,
    leader_user_id  INTEGER NOT NULL,
    leader_name     TEXT    NOT NULL,
    idempotency_key TEXT    NOT NULL,
    payload_hash    TEXT    NOT NULL,
    section_id      INTEGER NOT NULL,
    reason          TEXT    NULL,
    undo_of         TEXT    NULL UNIQUE,                -- one undo per submission
    created_at      INTEGER NOT NULL,
    UNIQUE (leader_user_id, idempotency_key)
);
CREATE INDEX award_submissions_section ON award_submissions (section_id, seq);

CREATE TABLE patrol_awards (
    submission_id TEXT    NOT NULL REFERENCES award_submissions (id),
    position      INTEGER NOT NULL,
    patrol_id     INTEGER NOT NULL,
    patrol_name   TEXT    NOT NULL,
    delta         INTEGER NOT NULL,
    state         TEXT    NOT NULL,                     -- pending | writing | applied | failed
    points_before INTEGER NULL,
    points_after  INTEGER NULL,
    not_before    INTEGER NULL,
    finished_at   INTEGER NULL,
    failure       TEXT    NULL,
    PRIMARY KEY (submission_id, patrol_id)
);
CREATE INDEX patrol_awards_open ON patrol_awards (state) WHERE state IN ('pending', 'writing');
