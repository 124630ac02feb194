-- External results over years (issue #20): per school, year, assessment (ЕГЭ, ОГЭ, ВПР or a
-- regional test) and subject, the mean score and the number of participants, and where the
-- monitoring centre gives it, the share below the pass mark. One row per school × year ×
-- assessment × subject, as a regional monitoring centre publishes them. Institutional data: no
-- person is in it.
CREATE TABLE external_score (
    school_id        BIGINT NOT NULL REFERENCES school (id),
    year             INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    assessment       TEXT NOT NULL CHECK (length(assessment) BETWEEN 1 AND 100),
    subject          TEXT NOT NULL CHECK (length(subject) BETWEEN 1 AND 200),
    mean_score       DOUBLE PRECISION NOT NULL CHECK (mean_score BETWEEN 0 AND 100000),
    participants     INTEGER NOT NULL CHECK (participants BETWEEN 0 AND 1000000),
    below_pass_share DOUBLE PRECISION CHECK (below_pass_share BETWEEN 0 AND 1),
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (school_id, year, assessment, subject)
);
CREATE INDEX external_score_year ON external_score (year, assessment, subject);
