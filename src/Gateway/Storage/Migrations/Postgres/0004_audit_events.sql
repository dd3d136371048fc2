-- The audit trail: who did what, when, from where, and how it ended. Never a secret: actors are
-- key or tool names, devices appear by the first 8 hex characters of their token hash.
CREATE TABLE audit_events (
    id          bigserial PRIMARY KEY,
    occurred_at bigint    NOT NULL,
    actor       text      NOT NULL,
    action      text      NOT NULL,
    target      text      NULL,
    outcome     text      NOT NULL,
    source      text      NULL,
    detail      text      NULL
);

CREATE INDEX ix_audit_events_occurred_at ON audit_events (occurred_at);
