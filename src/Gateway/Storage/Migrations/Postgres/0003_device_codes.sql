-- Pairing (RFC 8628): the OAuth clients allowed to ask for codes, and the codes themselves.
-- Device codes are stored only as SHA-256 hashes; user codes are short-lived and shown to people.
CREATE TABLE oauth_clients (
    client_id  text   PRIMARY KEY,
    created_at bigint NOT NULL
);

CREATE TABLE device_codes (
    device_code_hash  text   PRIMARY KEY,
    user_code         text   NOT NULL UNIQUE,
    client_id         text   NOT NULL,
    scope             text   NULL,
    status            text   NOT NULL,
    created_at        bigint NOT NULL,
    expires_at        bigint NOT NULL,
    interval_seconds  integer NOT NULL,
    last_polled_at    bigint NULL,
    requester_address text   NULL,
    requester_country text   NULL,
    osm_user_id       bigint NULL,
    section_id        bigint NULL
);

CREATE INDEX ix_device_codes_expires_at ON device_codes (expires_at);
