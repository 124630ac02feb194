-- Each response's likert answers packed into one byte string (survey/LikertAnswers): byte i = answer to the
-- version's i-th likert item + 1, 0 = not answered. A copy of the answer rows, written with them,
-- so a wave's indices read one short row per response instead of grouping every answer. NULL
-- until filled: responses stored before this migration are filled in the background after start
-- (response/LikertAnswersBackfill) and read from their answers meanwhile.
ALTER TABLE response ADD COLUMN likert_answers BYTEA;
-- Finds the few responses still without them (none once filled): the indices ask on every
-- computation, the fill-in walks them in id order.
CREATE INDEX response_without_likert_answers ON response (questionnaire_version_id, id) WHERE likert_answers IS NULL;
