-- Support programmes (issue #19): what a region does for a school with low results after the
-- diagnosis. A programme belongs to one supported school and, usually, its mentor school (the
-- pair); its measures say what is done, by whom (a role, never a person), for which risk factor
-- and indicator, from which baseline wave, towards which target, by when, and how far it got.

CREATE TABLE programme (
    id                  BIGSERIAL PRIMARY KEY,
    supported_school_id BIGINT NOT NULL REFERENCES school (id),
    mentor_school_id    BIGINT REFERENCES school (id),
    title               TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    goals               TEXT NOT NULL DEFAULT '' CHECK (length(goals) <= 4000),
    -- risk factor ids of the risk catalogue (questionnaires/catalogue/risks.yaml) it addresses
    risks               TEXT[] NOT NULL DEFAULT '{}',
    -- the wave whose figures are the programme's baseline
    baseline_wave_id    BIGINT REFERENCES wave (id),
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (mentor_school_id IS NULL OR mentor_school_id <> supported_school_id)
);
CREATE INDEX programme_supported ON programme (supported_school_id);
CREATE INDEX programme_mentor ON programme (mentor_school_id);

CREATE TABLE programme_measure (
    id                  BIGSERIAL PRIMARY KEY,
    programme_id        BIGINT NOT NULL REFERENCES programme (id) ON DELETE CASCADE,
    title               TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
    -- who carries it out: a role of an institution, never a person
    owner               TEXT NOT NULL CHECK (owner IN ('MENTOR_SCHOOL', 'SUPPORTED_SCHOOL', 'MUNICIPALITY')),
    -- the risk factor (catalogue id) it works on, if any
    risk_factor         TEXT CHECK (risk_factor IS NULL OR length(risk_factor) BETWEEN 1 AND 100),
    -- the indicator it should move: a construct of a respondent group (questionnaire key +
    -- construct id) or an external result (assessment + subject, see external_score)
    indicator_kind      TEXT NOT NULL CHECK (indicator_kind IN ('CONSTRUCT', 'EXTERNAL')),
    questionnaire_key   TEXT,
    construct_id        TEXT,
    assessment          TEXT,
    subject             TEXT,
    baseline_wave_id    BIGINT REFERENCES wave (id),
    baseline_value      DOUBLE PRECISION,
    target_value        DOUBLE PRECISION,
    starts_on           DATE NOT NULL,
    due_on              DATE NOT NULL,
    status              TEXT NOT NULL DEFAULT 'PLANNED'
                        CHECK (status IN ('PLANNED', 'IN_PROGRESS', 'DONE', 'DROPPED')),
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (due_on >= starts_on),
    CHECK ((indicator_kind = 'CONSTRUCT' AND questionnaire_key IS NOT NULL AND construct_id IS NOT NULL)
        OR (indicator_kind = 'EXTERNAL' AND assessment IS NOT NULL AND subject IS NOT NULL))
);
CREATE INDEX programme_measure_programme ON programme_measure (programme_id);

-- Dated progress notes on a measure; the author is recorded as a role and school, never a name.
CREATE TABLE measure_note (
    id           BIGSERIAL PRIMARY KEY,
    measure_id   BIGINT NOT NULL REFERENCES programme_measure (id) ON DELETE CASCADE,
    noted_on     DATE NOT NULL,
    body         TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
    author_role  TEXT NOT NULL CHECK (length(author_role) BETWEEN 1 AND 50),
    author_school_id BIGINT REFERENCES school (id),
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX measure_note_measure ON measure_note (measure_id);
