-- Local teams (issue 13, part 3): one scoreboard per leader (their OSM user id) of up to 20 teams that are not OSM patrols.
-- Scores live here only: nothing of it is ever sent to OSM. Times in Unix milliseconds.
CREATE TABLE local_scoreboards (
    owner_user_id INTEGER PRIMARY KEY,
    updated_at    INTEGER NOT NULL            -- every stored change touches it first: it serialises one leader's changes
);

CREATE TABLE local_teams (
    owner_user_id INTEGER NOT NULL REFERENCES local_scoreboards (owner_user_id),
    id            TEXT    NOT NULL,           -- made by the gateway, stable
    name          TEXT    NOT NULL,
    name_key      TEXT    NOT NULL,           -- the name in lower case: unique per scoreboard
    colour        TEXT    NOT NULL CHECK (colour IN ('', 'red', 'green', 'blue', 'yellow', 'cyan', 'magenta', 'orange', 'white')),
    score         INTEGER NOT NULL,
    position      INTEGER NOT NULL,           -- the order shown
    created_at    INTEGER NOT NULL,
    PRIMARY KEY (owner_user_id, id),
    UNIQUE (owner_user_id, name_key)
);

-- Every change of scores: an award (under the leader's idempotency key), an undo (of one submission, once) or a reset.
CREATE TABLE local_team_submissions (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,   -- history order
    id              TEXT    NOT NULL UNIQUE,
    owner_user_id   INTEGER NOT NULL REFERENCES local_scoreboards (owner_user_id),
    kind            TEXT    NOT NULL CHECK (kind IN ('award', 'undo', 'reset')),
    idempotency_key TEXT    NULL,
    payload_hash    TEXT    NULL,
    reason          TEXT    NULL,
    undo_of         TEXT    NULL UNIQUE REFERENCES local_team_submissions (id),  -- one undo per submission
    created_at      INTEGER NOT NULL,
    UNIQUE (owner_user_id, idempotency_key),
    CHECK ((kind = 'award') = (idempotency_key IS NOT NULL)),
    CHECK ((kind = 'undo') = (undo_of IS NOT NULL))
);
CREATE INDEX local_team_submissions_owner ON local_team_submissions (owner_user_id, seq);

-- A submission's per-team changes with the scores before and after, in one transaction with the scores themselves.
CREATE TABLE local_team_changes (
    submission_id TEXT    NOT NULL REFERENCES local_team_submissions (id),
    position      INTEGER NOT NULL,
    team_id       TEXT    NOT NULL,
    team_name     TEXT    NOT NULL,
    delta         INTEGER NOT NULL,
    score_before  INTEGER NOT NULL,
    score_after   INTEGER NOT NULL,
    PRIMARY KEY (submission_id, team_id)
);
