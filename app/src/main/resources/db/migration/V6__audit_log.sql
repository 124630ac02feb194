-- Who did what to staff data, and when: sign-ins, exports, account, wave and registry changes.
-- Staff actions only; never passwords, session ids or access codes.
CREATE TABLE audit_event (
    id          BIGSERIAL PRIMARY KEY,
    occurred_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    target      TEXT NOT NULL DEFAULT '',
    detail      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_event_time ON audit_event (occurred_at DESC);
