-- A published response's likert answers are stored once, packed (V10, response/LikertAnswers), no
-- longer also as one answer row each: the forty rows of a forty-item questionnaire and their index
-- entries were most of the database's work and write-ahead log per submission (BENCHMARKS.md,
-- Submissions, eighth round). Answer rows stay for everything else (numbers, choices, texts) and
-- for a likert value that does not pack.
--
-- likert_in_rows: whether the response's likert answers are (also) rows of answer. True for every
-- response stored before this migration (their rows stay; nothing is rewritten) and for a response
-- whose likert answers do not pack; false for the publisher's responses since, whose likert answers
-- are only in likert_answers.
ALTER TABLE response ADD COLUMN likert_in_rows BOOLEAN NOT NULL DEFAULT true;
ALTER TABLE response ADD CONSTRAINT response_likert_stored CHECK (likert_in_rows OR likert_answers IS NOT NULL);

-- What byte `position` (from 0) of a version's packed answers answers: its likert items in
-- questionnaire order (LikertAnswers.items). Written by the publisher in the transaction of the
-- version's first response published this way, so a response never refers to positions missing here.
CREATE TABLE likert_item (
    questionnaire_version_id BIGINT NOT NULL REFERENCES questionnaire_version (id) ON DELETE CASCADE,
    position                 INTEGER NOT NULL CHECK (position >= 0),
    item_id                  TEXT NOT NULL,
    PRIMARY KEY (questionnaire_version_id, position),
    UNIQUE (questionnaire_version_id, item_id)
);

-- Every answer of every published response, however it is stored, with where the response belongs:
-- what readers of answers (exports, statements, triangulation) read instead of the answer table. A
-- packed byte 0 is "not answered", which, as with rows, is no answer at all. Readers filter on the
-- view's own wave_id / school_id / questionnaire_version_id (or join on them): the planner then
-- narrows both halves to the wave's responses through response's index. A join on response_id
-- alone cannot reach into the packed half, which would then read every response (a join each).
CREATE VIEW response_answer AS
SELECT a.response_id, r.wave_id, r.school_id, r.questionnaire_version_id,
       a.item_id, a.value_int, a.value_text, a.value_choices
FROM answer a
JOIN response r ON r.id = a.response_id
UNION ALL
SELECT r.id, r.wave_id, r.school_id, r.questionnaire_version_id,
       l.item_id, get_byte(r.likert_answers, l.position) - 1, NULL::text, NULL::text[]
FROM response r
JOIN likert_item l ON l.questionnaire_version_id = r.questionnaire_version_id
WHERE NOT r.likert_in_rows
  AND CASE WHEN l.position < length(r.likert_answers) THEN get_byte(r.likert_answers, l.position) ELSE 0 END > 0;
