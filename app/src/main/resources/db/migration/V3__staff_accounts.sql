-- Staff accounts, their school scope and server-side sign-in sessions.
-- (V2 is reserved for another change.)

CREATE TABLE staff_account (
    id                   BIGSERIAL PRIMARY KEY,
    -- stored in lower case; unique regardless of case
    login                TEXT NOT NULL CHECK (login ~ '^[a-z0-9][a-z0-9._-]{2,63}$'),
    display_name         TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
    -- bcrypt ($2b$, cost from uklad.accounts.password-hash-cost)
    password_hash        TEXT NOT NULL,
    role                 TEXT NOT NULL CHECK (role IN ('ADMIN', 'PSYCHOLOGIST', 'DIRECTOR')),
    active               BOOLEAN NOT NULL DEFAULT TRUE,
    must_change_password BOOLEAN NOT NULL DEFAULT FALSE,
    created_at           TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX staff_account_login ON staff_account (lower(login));

-- The schools an account works with: a psychologist's assigned schools, a director's one school.
-- Administrators see everything and have no rows here.
CREATE TABLE staff_account_school (
    id         BIGSERIAL PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES staff_account (id) ON DELETE CASCADE,
    school_id  BIGINT NOT NULL REFERENCES school (id),
    UNIQUE (account_id, school_id)
);
CREATE INDEX staff_account_school_school ON staff_account_school (school_id);

-- A signed-in browser. The cookie carries 256 random bits; only their SHA-256 is stored, so
-- reading this table gives no usable session. Kept in PostgreSQL so any app replica serves it.
CREATE TABLE staff_session (
    id           BIGSERIAL PRIMARY KEY,
    token_hash   TEXT NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    account_id   BIGINT NOT NULL REFERENCES staff_account (id) ON DELETE CASCADE,
    csrf_token   TEXT NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    last_seen_at TIMESTAMPTZ NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL,
    CHECK (expires_at > created_at)
);
CREATE INDEX staff_session_account ON staff_session (account_id);
CREATE INDEX staff_session_expires ON staff_session (expires_at);
