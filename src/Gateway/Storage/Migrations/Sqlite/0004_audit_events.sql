-- The audit trail: who did what, when, from where, and how it ended. Never a secret: actors are
-- key or tool names, devices appear by the first 8 hex characters of their token hash.
CREATE TABLE audit_events (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    occurred_at INTEGER NOT NULL,
    actor       TEXT    NOT NULL,
    action      TEXT    NOT NULL,
    target      TEXT    NULL,
    outcome     TEXT    NOT NULL,
    source      TEXT    NULL,
    detail      TEXT    NULL
);

CREATE INDEX ix_audit_events_occurred_at ON audit_events (occurred_at);
