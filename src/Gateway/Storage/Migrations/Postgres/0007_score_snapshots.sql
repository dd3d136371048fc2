-- Trends: every new copy of a section's scores whose scores changed, one row per patrol. A snapshot is
-- (section_id, taken_at); its rows keep the copy's patrol order in position. Times are Unix milliseconds.
-- Rows older than History:SnapshotRetention are deleted by an hourly job.
CREATE TABLE score_snapshots (
    section_id  bigint  NOT NULL,
    taken_at    bigint  NOT NULL,
    term_id     bigint  NOT NULL,
    position    integer NOT NULL,
    patrol_id   text    NOT NULL,
    patrol_name text    NOT NULL,
    score       integer NOT NULL,
    PRIMARY KEY (section_id, taken_at, position)
);

CREATE INDEX ix_score_snapshots_taken_at ON score_snapshots (taken_at);
