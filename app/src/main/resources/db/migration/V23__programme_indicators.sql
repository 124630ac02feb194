-- Programme indicators, plan and fact (issue #22): the region's target indicators (seed 003's
-- "целевые индикаторы") with a plan value and a due date, and the facts entered by the coordinator
-- where Uklad cannot count them itself (events held, regulations adopted). A computed indicator
-- names its metric (plan/Metric) in `source`; an entered one says ENTERED.

CREATE TABLE programme_indicator (
    id           BIGSERIAL PRIMARY KEY,
    name         TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
    unit         TEXT NOT NULL CHECK (unit IN ('COUNT', 'PERCENT', 'SHARE_OF_SCHOOLS')),
    -- where the plan applies: the region as a whole, each municipality, each identified school
    level        TEXT NOT NULL CHECK (level IN ('REGION', 'MUNICIPALITY', 'SCHOOL')),
    source       TEXT NOT NULL CHECK (source ~ '^[A-Z_]{1,60}$'),
    plan_value   DOUBLE PRECISION NOT NULL CHECK (plan_value >= 0 AND plan_value <= 1000000000),
    due_on       DATE NOT NULL,
    note         TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
    -- the row of seed 003's table it was created from by the "standard set" (created once)
    standard_row INT UNIQUE CHECK (standard_row BETWEEN 1 AND 12),
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- One entered fact: the value reached as of a date, for the region, a municipality or a school as
-- the indicator's level asks. The latest entry of a place is its fact; earlier ones stay as history.
CREATE TABLE indicator_fact (
    id           BIGSERIAL PRIMARY KEY,
    indicator_id BIGINT NOT NULL REFERENCES programme_indicator (id) ON DELETE CASCADE,
    municipality TEXT CHECK (municipality IS NULL OR length(municipality) BETWEEN 1 AND 200),
    school_id    BIGINT REFERENCES school (id),
    value        DOUBLE PRECISION NOT NULL CHECK (value >= 0 AND value <= 1000000000),
    noted_on     DATE NOT NULL,
    note         TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (municipality IS NULL OR school_id IS NULL)
);
CREATE INDEX indicator_fact_indicator ON indicator_fact (indicator_id, noted_on DESC, id DESC);
