-- Foundation schema: schools and partnerships, questionnaire versions, waves, access codes,
-- responses and answers. Responses deliberately carry no name, IP address, user agent, access
-- code or time finer than the day: nothing that could lead back to a child.

CREATE TABLE school (
    id           BIGSERIAL PRIMARY KEY,
    name         TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
    municipality TEXT NOT NULL CHECK (length(municipality) BETWEEN 1 AND 200),
    -- ШНРО low results, ШРССУ difficult social conditions, ШУВРО stable high results, other
    category     TEXT NOT NULL CHECK (category IN ('SHNRO', 'SHRSSU', 'SHUVRO', 'OTHER')),
    UNIQUE (municipality, name)
);

-- A mentor ("школа-лидер") supports a school with low results ("школа-аутсайдер").
CREATE TABLE partnership (
    id                  BIGSERIAL PRIMARY KEY,
    mentor_school_id    BIGINT NOT NULL REFERENCES school (id),
    supported_school_id BIGINT NOT NULL REFERENCES school (id),
    CHECK (mentor_school_id <> supported_school_id),
    UNIQUE (mentor_school_id, supported_school_id)
);

-- An immutable version of an instrument. The fingerprint covers the file and the shared
-- constructs and scales it uses, so any change to what respondents see or how answers are
-- scored makes a new version; an unchanged file is never stored twice.
CREATE TABLE questionnaire_version (
    id                BIGSERIAL PRIMARY KEY,
    questionnaire_key TEXT NOT NULL,
    version           INTEGER NOT NULL CHECK (version >= 1),
    fingerprint       TEXT NOT NULL,
    source_name       TEXT NOT NULL,
    source_text       TEXT NOT NULL,
    catalogue_json    TEXT NOT NULL,
    respondent        TEXT NOT NULL CHECK (respondent IN ('STUDENT', 'PARENT', 'TEACHER')),
    title_ru          TEXT NOT NULL,
    title_en          TEXT NOT NULL,
    imported_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (questionnaire_key, version),
    UNIQUE (questionnaire_key, fingerprint)
);

CREATE TABLE wave (
    id        BIGSERIAL PRIMARY KEY,
    name      TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    kind      TEXT NOT NULL CHECK (kind IN ('ENTRY', 'INTERIM', 'FINAL')),
    opens_at  TIMESTAMPTZ NOT NULL,
    closes_at TIMESTAMPTZ NOT NULL,
    CHECK (closes_at > opens_at)
);

CREATE TABLE wave_questionnaire (
    wave_id                  BIGINT NOT NULL REFERENCES wave (id),
    questionnaire_version_id BIGINT NOT NULL REFERENCES questionnaire_version (id),
    PRIMARY KEY (wave_id, questionnaire_version_id)
);

-- Identifies a school, a questionnaire and a group (e.g. class 7Б) in a wave; never a person.
CREATE TABLE access_code (
    id                       BIGSERIAL PRIMARY KEY,
    code                     TEXT NOT NULL UNIQUE CHECK (code ~ '^[2-9A-HJKMNP-Z]{10}$'),
    wave_id                  BIGINT NOT NULL,
    school_id                BIGINT NOT NULL REFERENCES school (id),
    questionnaire_version_id BIGINT NOT NULL,
    group_label              TEXT NOT NULL CHECK (length(group_label) BETWEEN 1 AND 50),
    max_uses                 INTEGER NOT NULL CHECK (max_uses >= 1),
    uses                     INTEGER NOT NULL DEFAULT 0 CHECK (uses >= 0 AND uses <= max_uses),
    expected_size            INTEGER CHECK (expected_size IS NULL OR expected_size >= 0),
    FOREIGN KEY (wave_id, questionnaire_version_id) REFERENCES wave_questionnaire (wave_id, questionnaire_version_id)
);
CREATE INDEX access_code_wave_school ON access_code (wave_id, school_id);

-- One submitted questionnaire. The id is random so row order reveals nothing about who
-- answered when; idempotency_key makes a retried submission land exactly once.
CREATE TABLE response (
    id                       UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    idempotency_key          TEXT NOT NULL UNIQUE CHECK (length(idempotency_key) BETWEEN 8 AND 128),
    payload_sha256           TEXT NOT NULL,
    wave_id                  BIGINT NOT NULL REFERENCES wave (id),
    school_id                BIGINT NOT NULL REFERENCES school (id),
    questionnaire_version_id BIGINT NOT NULL REFERENCES questionnaire_version (id),
    group_label              TEXT NOT NULL,
    submitted_on             DATE NOT NULL
);
CREATE INDEX response_wave_school ON response (wave_id, school_id, questionnaire_version_id);

-- One answer. Likert, number: value_int; single choice, free text: value_text;
-- multiple choice: value_choices.
CREATE TABLE answer (
    response_id   UUID NOT NULL REFERENCES response (id) ON DELETE CASCADE,
    item_id       TEXT NOT NULL,
    value_int     INTEGER,
    value_text    TEXT,
    value_choices TEXT[],
    PRIMARY KEY (response_id, item_id),
    CHECK (num_nonnulls(value_int, value_text, value_choices) = 1)
);
