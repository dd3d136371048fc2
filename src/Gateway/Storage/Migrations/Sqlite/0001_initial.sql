-- PatrolScores records, SQLite. Times are Unix milliseconds (UTC), as in the PostgreSQL schema.
CREATE TABLE osm_users (
    user_id                     INTEGER PRIMARY KEY,
    access_token_protected      TEXT   NOT NULL,
    refresh_token_protected     TEXT   NOT NULL,
    access_token_expires_at     INTEGER NOT NULL,
    updated_at                  INTEGER NOT NULL,
    reauthorization_required_at INTEGER NULL
);

CREATE TABLE devices (
    id           TEXT   PRIMARY KEY,
    token_hash   TEXT   NOT NULL UNIQUE,
    name         TEXT   NOT NULL,
    osm_user_id  INTEGER NOT NULL,
    section_id   INTEGER NULL,
    created_at   INTEGER NOT NULL,
    last_used_at INTEGER NULL,
    revoked_at   INTEGER NULL
);

CREATE INDEX ix_devices_osm_user_id ON devices (osm_user_id);

CREATE TABLE section_terms (
    section_id      INTEGER PRIMARY KEY,
    user_id         INTEGER NOT NULL,
    term_id         INTEGER NULL,
    term_checked_at INTEGER NOT NULL,
    term_end_date   TEXT   NULL
);

CREATE TABLE gateway_state (
    key        TEXT   PRIMARY KEY,
    value      TEXT   NOT NULL,
    updated_at INTEGER NOT NULL
);
