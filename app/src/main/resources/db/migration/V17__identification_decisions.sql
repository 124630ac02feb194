-- The coordinator's decisions on the proposed school categories (issue #20): each confirms or
-- overrides what the identification rules propose from the external results over years and the
-- families' context. Kept as history (the latest row of a school is its decision); an override
-- carries its reason. Who decided is recorded by role only, never by name: the audit log holds
-- the account.
CREATE TABLE identification_decision (
    id                BIGSERIAL PRIMARY KEY,
    school_id         BIGINT NOT NULL REFERENCES school (id),
    proposed_category TEXT NOT NULL CHECK (proposed_category IN ('SHNRO', 'SHRSSU', 'SHUVRO', 'OTHER')),
    decided_category  TEXT NOT NULL CHECK (decided_category IN ('SHNRO', 'SHRSSU', 'SHUVRO', 'OTHER')),
    reason            TEXT CHECK (reason IS NULL OR length(reason) BETWEEN 1 AND 1000),
    decided_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    decided_by_role   TEXT NOT NULL CHECK (length(decided_by_role) BETWEEN 1 AND 30),
    -- an override without a reason is refused by the service; the table holds the same line
    CHECK (decided_category = proposed_category OR reason IS NOT NULL)
);
CREATE INDEX identification_decision_school ON identification_decision (school_id, decided_at DESC, id DESC);
