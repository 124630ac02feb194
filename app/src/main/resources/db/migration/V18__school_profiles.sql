-- School profiles and mentor resources (issue #22). Institutional data about a school, never about
-- a person: counts of students and staff, vacancies, specialist posts, staff trained, equipment.
-- One profile per school and school year (the year the school year starts: 2026 is 2026/27).
CREATE TABLE school_profile (
    id                      BIGSERIAL PRIMARY KEY,
    school_id               BIGINT NOT NULL REFERENCES school (id),
    school_year             INTEGER NOT NULL CHECK (school_year BETWEEN 2000 AND 2100),
    students                INTEGER NOT NULL CHECK (students BETWEEN 0 AND 100000),
    sen_students            INTEGER NOT NULL CHECK (sen_students BETWEEN 0 AND students),
    other_language_students INTEGER NOT NULL CHECK (other_language_students BETWEEN 0 AND students),
    teachers                INTEGER NOT NULL CHECK (teachers BETWEEN 0 AND 10000),
    teacher_vacancies       INTEGER NOT NULL CHECK (teacher_vacancies BETWEEN 0 AND 10000),
    psychologists           INTEGER NOT NULL CHECK (psychologists BETWEEN 0 AND 1000),
    speech_therapists       INTEGER NOT NULL CHECK (speech_therapists BETWEEN 0 AND 1000),
    special_needs_teachers  INTEGER NOT NULL CHECK (special_needs_teachers BETWEEN 0 AND 1000),
    social_pedagogues       INTEGER NOT NULL CHECK (social_pedagogues BETWEEN 0 AND 1000),
    tutors                  INTEGER NOT NULL CHECK (tutors BETWEEN 0 AND 1000),
    staff_trained           INTEGER NOT NULL CHECK (staff_trained BETWEEN 0 AND 10000),
    -- the items of the fixed equipment list the school has (codes of profile/SchoolProfile.Equipment)
    equipment               TEXT[] NOT NULL DEFAULT '{}',
    -- about the school only, never about a person (the form says so)
    comment                 TEXT NOT NULL DEFAULT '' CHECK (length(comment) <= 1000),
    updated_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (school_id, school_year)
);
CREATE INDEX school_profile_year ON school_profile (school_year);

-- What a mentor-capable school (category ШУВРО, or marked by the coordinator) offers schools it
-- supports: seed 003's "matrix of resources". Tags, not texts about people.
CREATE TABLE mentor_resource (
    school_id      BIGINT PRIMARY KEY REFERENCES school (id),
    marked         BOOLEAN NOT NULL DEFAULT false,
    subjects       TEXT[] NOT NULL DEFAULT '{}',
    methods        TEXT[] NOT NULL DEFAULT '{}',
    practices      TEXT[] NOT NULL DEFAULT '{}',
    mentors        INTEGER NOT NULL DEFAULT 0 CHECK (mentors BETWEEN 0 AND 1000),
    capacity_pairs INTEGER NOT NULL DEFAULT 0 CHECK (capacity_pairs BETWEEN 0 AND 100),
    -- null until the school states its offer (a school only marked has stated nothing)
    updated_at     TIMESTAMPTZ
);
