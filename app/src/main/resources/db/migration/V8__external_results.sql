-- A school's external result in a wave (e.g. the mean score of a state exam), entered by a
-- coordinator: what the context/resilience view regresses on the family social context. One per
-- school and wave; the label says what the number is ("ОГЭ, математика, средний балл").
CREATE TABLE external_result (
    wave_id    BIGINT NOT NULL REFERENCES wave (id),
    school_id  BIGINT NOT NULL REFERENCES school (id),
    value      DOUBLE PRECISION NOT NULL CHECK (value BETWEEN -100000 AND 100000),
    label      TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (wave_id, school_id)
);
