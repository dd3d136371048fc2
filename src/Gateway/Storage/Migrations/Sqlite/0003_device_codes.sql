-- Pairing (RFC 8628): the OAuth clients allowed to ask for codes, and the codes themselves.
-- Device codes are stored only as SHA-256 hashes; user codes are short-lived and shown to people.
CREATE TABLE oauth_clients (
    client_id  TEXT   PRIMARY KEY,
    created_at INTEGER NOT NULL
);

CREATE TABLE device_codes (
    device_code_hash  TEXT   PRIMARY KEY,
    user_code         TEXT   NOT NULL UNIQUE,
    client_id         TEXT   NOT NULL,
    scope             TEXT   NULL,
    status            TEXT   NOT NULL,
    created_at        INTEGER NOT NULL,
    expires_at        INTEGER NOT NULL,
    interval_seconds  INTEGER NOT NULL,
    last_polled_at    INTEGER NULL,
    requester_address TEXT   NULL,
    requester_country TEXT   NULL,
    osm_user_id       INTEGER NULL,
    section_id        INTEGER NULL
);

CREATE INDEX ix_device_codes_expires_at ON device_codes (expires_at);
