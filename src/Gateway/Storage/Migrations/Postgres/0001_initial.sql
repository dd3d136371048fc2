-- PatrolScores records, PostgreSQL. Times are Unix milliseconds (UTC), as in the SQLite schema.
CREATE TABLE osm_users (
    user_id                     bigint PRIMARY KEY,
    access_token_protected      text   NOT NULL,
    refresh_token_protected     text   NOT NULL,
    access_token_expires_at     bigint NOT NULL,
    updated_at                  bigint NOT NULL,
    reauthorization_required_at bigint NULL
);

CREATE TABLE devices (
    id           text   PRIMARY KEY,
    token_hash   text   NOT NULL UNIQUE,
    name         text   NOT NULL,
    osm_user_id  bigint NOT NULL,
    section_id   bigint NULL,
    created_at   bigint NOT NULL,
    last_used_at bigint NULL,
    revoked_at   bigint NULL
);

CREATE INDEX ix_devices_osm_user_id ON devices (osm_user_id);

CREATE TABLE section_terms (
    section_id      bigint PRIMARY KEY,
    user_id         bigint NOT NULL,
    term_id         bigint NULL,
    term_checked_at bigint NOT NULL,
    term_end_date   text   NULL
);

CREATE TABLE gateway_state (
    key        text   PRIMARY KEY,
    value      text   NOT NULL,
    updated_at bigint NOT NULL
);
