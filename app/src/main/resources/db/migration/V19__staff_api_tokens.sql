-- Personal staff API tokens (issue #23): a script (R, Python) reads /api/v1/staff/** as its owner,
-- with the owner's role and schools, without imitating a browser sign-in.

-- The token is 'uk_' + public_id + '_' + 256 random bits (base64url). Only the SHA-256 of the whole
-- token is stored, so reading this table (or a backup) gives no usable token; public_id is the short
-- visible part that names a token in lists and the audit log.
CREATE TABLE staff_api_token (
    id           BIGSERIAL PRIMARY KEY,
    account_id   BIGINT NOT NULL REFERENCES staff_account (id) ON DELETE CASCADE,
    public_id    TEXT NOT NULL UNIQUE CHECK (public_id ~ '^[0-9a-z]{8}$'),
    name         TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    secret_hash  TEXT NOT NULL UNIQUE CHECK (secret_hash ~ '^[0-9a-f]{64}$'),
    created_at   TIMESTAMPTZ NOT NULL,
    -- NULL: valid until revoked
    expires_at   TIMESTAMPTZ,
    -- the day (in the configured zone) the token was last accepted; no finer, so it records no habits
    last_used_on DATE,
    revoked_at   TIMESTAMPTZ,
    CHECK (expires_at IS NULL OR expires_at > created_at)
);
CREATE INDEX staff_api_token_account ON staff_api_token (account_id);
