-- External results over years (issue #20): the one number per school and wave (V8's
-- external_result) becomes a view of external_score (V15). Each wave names its outcome — which
-- year, assessment and subject of external_score the context/resilience view regresses on.
CREATE TABLE wave_outcome (
    wave_id    BIGINT PRIMARY KEY REFERENCES wave (id),
    year       INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    assessment TEXT NOT NULL CHECK (length(assessment) BETWEEN 1 AND 100),
    subject    TEXT NOT NULL CHECK (length(subject) BETWEEN 1 AND 200),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- What V8 stored moves into external_score: year = the school year the wave opened in (a school
-- year begins on 1 September, in UTC), assessment 'ИНОЕ' (other), subject = the label, participants
-- 0 (not known). When two waves of one school year used the same label, each keeps its own numbers:
-- the subject then says the wave ("label [волна 12]"). Only results of 0 and more fit external_score
-- (a mean score is never negative); the old table stays, renamed, so nothing is lost.
CREATE TEMPORARY TABLE moved ON COMMIT DROP AS
SELECT r.wave_id, r.school_id, r.value, r.label, r.updated_at,
       (extract(YEAR FROM w.opens_at AT TIME ZONE 'UTC')
           - CASE WHEN extract(MONTH FROM w.opens_at AT TIME ZONE 'UTC') < 9 THEN 1 ELSE 0 END)::INTEGER AS year
FROM external_result r JOIN wave w ON w.id = r.wave_id;

ALTER TABLE moved ADD COLUMN subject TEXT;
UPDATE moved m SET subject = CASE
    WHEN (SELECT count(DISTINCT o.wave_id) FROM moved o WHERE o.year = m.year AND o.label = m.label) > 1
        THEN left(m.label, 170) || ' [волна ' || m.wave_id || ']'
    ELSE m.label END;

INSERT INTO external_score (school_id, year, assessment, subject, mean_score, participants, updated_at)
SELECT school_id, year, 'ИНОЕ', subject, value, 0, updated_at FROM moved WHERE value >= 0
ON CONFLICT (school_id, year, assessment, subject) DO NOTHING;

-- a wave's outcome: its label used by the most schools (ties: the first in alphabetical order)
INSERT INTO wave_outcome (wave_id, year, assessment, subject)
SELECT DISTINCT ON (wave_id) wave_id, year, 'ИНОЕ', subject
FROM (SELECT wave_id, year, subject, count(*) AS n FROM moved GROUP BY wave_id, year, subject) c
ORDER BY wave_id, n DESC, subject;

ALTER TABLE external_result RENAME TO external_result_v8;

-- The one number per school and wave, as the overview reads it: the wave's outcome in external_score.
CREATE VIEW external_result AS
SELECT o.wave_id, s.school_id, s.mean_score AS value,
       CASE WHEN o.assessment = 'ИНОЕ' THEN o.subject ELSE o.assessment || ', ' || o.subject || ', ' || o.year END AS label,
       s.updated_at
FROM wave_outcome o
JOIN external_score s ON s.year = o.year AND s.assessment = o.assessment AND s.subject = o.subject;
