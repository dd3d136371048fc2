-- Per-user blocks (OSM answered 429): records, so that a restart inside the window forgets none.
CREATE TABLE user_blocks (
    user_id  INTEGER PRIMARY KEY,
    until_ms INTEGER NOT NULL,
    reason   TEXT    NOT NULL,
    set_at   INTEGER NOT NULL
);
