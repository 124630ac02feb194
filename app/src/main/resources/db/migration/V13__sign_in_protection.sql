-- Sign-in protection (issue #15).

-- Wrong passwords given for the account since its last sign-in; its owner is told at the next
-- one, and the count starts again.
ALTER TABLE staff_account ADD COLUMN failed_sign_ins INTEGER NOT NULL DEFAULT 0 CHECK (failed_sign_ins >= 0);

-- That count as it was when this session began, shown once on its first page, then 0.
ALTER TABLE staff_session ADD COLUMN failed_sign_ins INTEGER NOT NULL DEFAULT 0 CHECK (failed_sign_ins >= 0);

-- Secrets the service makes for itself, shared by every replica: 'device-cookie' signs the device
-- cookies of staff who signed in before (unless uklad.accounts.device-cookie-key is set).
CREATE TABLE server_secret (
    name   TEXT PRIMARY KEY,
    secret TEXT NOT NULL CHECK (secret ~ '^[0-9a-f]{64}$')
);
