-- Local teams (issue 13, part 3): one scoreboard per leader (their OSM user id) of up to 20 teams that are not OSM patrols.
-- Scores live here only: nothing of it is ever sent to OSM. Times in Unix milliseconds.
CREATE TABLE local_scoreboards (
    owner_user_id bigint PRIMARY KEY,
    updated_at    bigint  NOT NULL            -- every stored change touches it first: it serialises one leader's changes
);

CREATE TABLE local_teams (
    owner_user_id bigint  NOT NULL REFERENCES local_scoreboards (owner_user_id),
    id            text    NOT NULL,           -- made by the gateway, stable
    name          text    NOT NULL,
    name_key      text    NOT NULL,           -- the name in lower case: unique per scoreboard
    colour        text    NOT NULL CHECK (colour IN ('', 'red', 'green', 'blue', 'yellow', 'cyan', 'magenta', 'orange', 'white')),
    score         bigint  NOT NULL,
    position      bigint  NOT NULL,           -- the order shown
    created_at    bigint  NOT NULL,
    PRIMARY KEY (owner_user_id, id),
    UNIQUE (owner_user_id, name_key)
);

-- Every change of scores: an award (under the leader's idempotency key), an undo (of one submission, once) or a reset.
CREATE TABLE local_team_submissions (
    seq             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, -- history order
    id              text    NOT NULL UNIQUE,
    owner_user_id   bigint  NOT NULL REFERENCES local_scoreboards (owner_user_id),
    kind            text    NOT NULL CHECK (kind IN ('award', 'undo', 'reset')),
    idempotency_key text    NULL,
    payload_hash    text    NULL,
    reason          text    NULL,
    undo_of         text    NULL UNIQUE REFERENCES local_team_submissions (id),  -- one undo per submission
    created_at      bigint  NOT NULL,
    UNIQUE (owner_user_id, idempotency_key),
    CHECK ((kind = 'award') = (idempotency_key IS NOT NULL)),
    CHECK ((kind = 'undo') = (undo_of IS NOT NULL))
);
CREATE INDEX local_team_submissions_owner ON local_team_submissions (owner_user_id, seq);

-- A submission's per-team changes with the scores before and after, in one transaction with the scores themselves.
CREATE TABLE local_team_changes (
    submission_id text    NOT NULL REFERENCES local_team_submissions (id),
    position      bigint  NOT NULL,
    team_id       text    NOT NULL,
    team_name     text    NOT NULL,
    delta         bigint  NOT NULL,
    score_before  bigint  NOT NULL,
    score_after   bigint  NOT NULL,
    PRIMARY KEY (submission_id, team_id)
);
