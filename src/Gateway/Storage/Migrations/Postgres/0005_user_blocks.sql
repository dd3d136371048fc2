-- Per-user blocks (OSM answered 429): records, so that a restart inside the window forgets none.
CREATE TABLE user_blocks (
    user_id  bigint PRIMARY KEY,
    until_ms bigint NOT NULL,
    reason   text   NOT NULL,
    set_at   bigint NOT NULL
);
