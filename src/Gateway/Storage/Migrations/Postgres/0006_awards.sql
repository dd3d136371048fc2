-- Score entry (issue 12): a leader's submission of point changes, one row per patrol, kept for ever as history.
-- A submission is written before anything is sent to OSM, so a pending row is the durable queue.
CREATE TABLE award_submissions (
    seq             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,  -- queue order within a section
    id              text   NOT NULL UNIQUE,
    leader_user_id  bigint NOT NULL,
    leader_name     text   NOT NULL,
    idempotency_key text   NOT NULL,
    payload_hash    text   NOT NULL,
    section_id      bigint NOT NULL,
    reason          text   NULL,
    undo_of         text   NULL UNIQUE,                               -- one undo per submission
    created_at      bigint NOT NULL,
    UNIQUE (leader_user_id, idempotency_key)
);
CREATE INDEX award_submissions_section ON award_submissions (section_id, seq);

CREATE TABLE patrol_awards (
    submission_id text   NOT NULL REFERENCES award_submissions (id),
    position      bigint NOT NULL,
    patrol_id     bigint NOT NULL,
    patrol_name   text   NOT NULL,
    delta         bigint NOT NULL,
    state         text   NOT NULL,                                    -- pending | writing | applied | failed
    points_before bigint NULL,
    points_after  bigint NULL,
    not_before    bigint NULL,
    finished_at   bigint NULL,
    failure       text   NULL,
    PRIMARY KEY (submission_id, patrol_id)
);
CREATE INDEX patrol_awards_open ON patrol_awards (state) WHERE state IN ('pending', 'writing');
