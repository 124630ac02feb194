-- Focus groups (seed 000): sessions, notes per guide question, coded excerpts, quick polls.
-- No participant is ever named: participants are counts by role and grade, polls are counts per
-- point of a card, never one row per person. (V2 and V5 are reserved for other changes.)

-- Extra codes of the project, beside the catalogue's constructs.
CREATE TABLE focus_code (
    id         BIGSERIAL PRIMARY KEY,
    code       TEXT NOT NULL UNIQUE CHECK (code ~ '^[a-z][a-z0-9_]{1,39}$'),
    label_ru   TEXT NOT NULL CHECK (length(label_ru) BETWEEN 1 AND 200),
    label_en   TEXT NOT NULL CHECK (length(label_en) BETWEEN 1 AND 200),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE focus_session (
    id          BIGSERIAL PRIMARY KEY,
    school_id   BIGINT NOT NULL REFERENCES school (id),
    wave_id     BIGINT NOT NULL REFERENCES wave (id),
    audience    TEXT NOT NULL CHECK (audience IN ('STUDENT', 'PARENT', 'TEACHER')),
    held_on     DATE NOT NULL,
    -- the staff member who moderated (never a participant)
    moderator   TEXT NOT NULL CHECK (length(moderator) BETWEEN 1 AND 200),
    -- the bundled guide used and the SHA-256 of its file, so a later edit of the guide is visible
    guide_key   TEXT,
    guide_hash  TEXT CHECK (guide_hash ~ '^[0-9a-f]{64}$'),
    created_by  BIGINT REFERENCES staff_account (id) ON DELETE SET NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK ((guide_key IS NULL) = (guide_hash IS NULL))
);
CREATE INDEX focus_session_school_wave ON focus_session (school_id, wave_id);

-- How many took part, by role and grade (grade 0 = not applicable). Counts only.
CREATE TABLE focus_participants (
    id         BIGSERIAL PRIMARY KEY,
    session_id BIGINT NOT NULL REFERENCES focus_session (id) ON DELETE CASCADE,
    role       TEXT NOT NULL CHECK (role IN ('STUDENT', 'PARENT', 'TEACHER', 'STAFF')),
    grade      INT NOT NULL CHECK (grade BETWEEN 0 AND 11),
    count      INT NOT NULL CHECK (count BETWEEN 1 AND 100),
    UNIQUE (session_id, role, grade)
);

-- The moderator's notes, one per guide question (question_id 'general' for the session as a whole).
CREATE TABLE focus_note (
    id          BIGSERIAL PRIMARY KEY,
    session_id  BIGINT NOT NULL REFERENCES focus_session (id) ON DELETE CASCADE,
    question_id TEXT NOT NULL CHECK (length(question_id) BETWEEN 1 AND 64),
    text        TEXT NOT NULL CHECK (length(text) <= 5000),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (session_id, question_id)
);

-- A quote or paraphrase coded with a construct (or an extra code), a sentiment and tags.
CREATE TABLE focus_excerpt (
    id             BIGSERIAL PRIMARY KEY,
    session_id     BIGINT NOT NULL REFERENCES focus_session (id) ON DELETE CASCADE,
    question_id    TEXT CHECK (length(question_id) BETWEEN 1 AND 64),
    text           TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
    code           TEXT NOT NULL CHECK (length(code) BETWEEN 1 AND 40),
    sentiment      TEXT NOT NULL CHECK (sentiment IN ('POSITIVE', 'NEGATIVE', 'MIXED')),
    tags           TEXT[] NOT NULL DEFAULT '{}',
    representative BOOLEAN NOT NULL DEFAULT FALSE,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX focus_excerpt_session ON focus_excerpt (session_id);

-- A quick poll: how many participants chose each point of a card (counts[1] = point 1 ...).
CREATE TABLE focus_poll (
    id         BIGSERIAL PRIMARY KEY,
    session_id BIGINT NOT NULL REFERENCES focus_session (id) ON DELETE CASCADE,
    theme      TEXT NOT NULL CHECK (length(theme) BETWEEN 1 AND 40),
    question   TEXT NOT NULL CHECK (length(question) BETWEEN 1 AND 500),
    counts     INT[] NOT NULL CHECK (cardinality(counts) BETWEEN 2 AND 10 AND 0 <= ALL (counts)),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX focus_poll_session ON focus_poll (session_id);
