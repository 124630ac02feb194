-- Responses that a reader of the database cannot link to the access code used or put in order.
--
-- Before: a submission took a use of its code and inserted its response in one transaction, so
-- both rows carried the same xmin (a single-use code named its response), and xmin or the
-- physical position (ctid) gave the order of arrival. Now (response/ResponseStore, ResponseRelease):
-- * submission_key: the exactly-once register. It keeps a hash of the client's idempotency key and
--   a hash of key and payload, never the answers, so sharing a transaction with the code's use
--   reveals nothing about the answers.
-- * response_held: an acknowledged submission waits here with its answers sealed (AES-GCM, key
--   outside the answers: uklad.responses.sealing-key) until its group (wave, school, questionnaire
--   version, group label) has at least k (the minimum group size) waiting. Without a configured key
--   the service keeps one in server_secret (V13) under the name 'sealing'.
-- * response/answer: published answers only. A group's waiting submissions are published together,
--   in random order, under new random ids, in a transaction of their own; so every published
--   figure moves in steps of at least k respondents, and a code's use shares nothing with a
--   published row. A nightly step rewrites each group's responses of a past day again in random
--   order (day_shuffled), so not even the order of the blocks within a day remains.
-- The tables are rebuilt here, in random order under new ids, and the old ones dropped: their
-- files, with the old row versions and their order, go with them.

CREATE TABLE submission_key (
    key_hash     TEXT PRIMARY KEY CHECK (key_hash ~ '^[0-9a-f]{64}$'),     -- SHA-256 of the idempotency key
    payload_hash TEXT NOT NULL CHECK (payload_hash ~ '^[0-9a-f]{64}$'),    -- SHA-256 of key '|' payload fingerprint
    submitted_on DATE NOT NULL
);

-- Paper-import keys named only the file and the row, so the same file posted to another school or
-- wave was taken for a repeat and stored nothing. They now name the wave, school and version too
-- (ResponseExchange.paperKey); the stored ones are rewritten the same way.
INSERT INTO submission_key (key_hash, payload_hash, submitted_on)
SELECT encode(sha256(convert_to(k.key, 'UTF8')), 'hex'),
       encode(sha256(convert_to(k.key || '|' || r.payload_sha256, 'UTF8')), 'hex'),
       r.submitted_on
FROM response r
CROSS JOIN LATERAL (SELECT CASE
        WHEN r.idempotency_key ~ '^paper:[0-9a-f]{32}:[0-9]+$' THEN
            'paper:' || substr(encode(sha256(convert_to(r.wave_id || '|' || r.school_id || '|'
                || r.questionnaire_version_id || '|' || split_part(r.idempotency_key, ':', 2), 'UTF8')), 'hex'), 1, 32)
            || ':' || split_part(r.idempotency_key, ':', 3)
        ELSE r.idempotency_key END AS key) k
ORDER BY random();

CREATE TEMP TABLE response_move ON COMMIT DROP AS
SELECT id AS old_id, gen_random_uuid() AS new_id, random() AS rnd FROM response;

CREATE TABLE response_rebuilt (
    id                       UUID PRIMARY KEY,
    wave_id                  BIGINT NOT NULL REFERENCES wave (id),
    school_id                BIGINT NOT NULL REFERENCES school (id),
    questionnaire_version_id BIGINT NOT NULL REFERENCES questionnaire_version (id),
    group_label              TEXT NOT NULL,
    submitted_on             DATE NOT NULL,
    likert_answers           BYTEA,
    -- rewritten in random order with the rest of its group's day (ResponseRelease.shuffleDays)
    day_shuffled             BOOLEAN NOT NULL DEFAULT false
);
INSERT INTO response_rebuilt (id, wave_id, school_id, questionnaire_version_id, group_label, submitted_on, likert_answers, day_shuffled)
SELECT m.new_id, r.wave_id, r.school_id, r.questionnaire_version_id, r.group_label, r.submitted_on, r.likert_answers, true
FROM response r JOIN response_move m ON m.old_id = r.id
ORDER BY m.rnd;

CREATE TABLE answer_rebuilt (
    response_id   UUID NOT NULL REFERENCES response_rebuilt (id) ON DELETE CASCADE,
    item_id       TEXT NOT NULL,
    value_int     INTEGER,
    value_text    TEXT,
    value_choices TEXT[],
    PRIMARY KEY (response_id, item_id),
    CHECK (num_nonnulls(value_int, value_text, value_choices) = 1)
);
INSERT INTO answer_rebuilt (response_id, item_id, value_int, value_text, value_choices)
SELECT m.new_id, a.item_id, a.value_int, a.value_text, a.value_choices
FROM answer a JOIN response_move m ON m.old_id = a.response_id
ORDER BY m.rnd, a.item_id;

DROP TABLE answer;
DROP TABLE response;

ALTER TABLE response_rebuilt RENAME TO response;
ALTER INDEX response_rebuilt_pkey RENAME TO response_pkey;
ALTER TABLE response RENAME CONSTRAINT response_rebuilt_wave_id_fkey TO response_wave_id_fkey;
ALTER TABLE response RENAME CONSTRAINT response_rebuilt_school_id_fkey TO response_school_id_fkey;
ALTER TABLE response RENAME CONSTRAINT response_rebuilt_questionnaire_version_id_fkey TO response_questionnaire_version_id_fkey;
CREATE INDEX response_wave_school ON response (wave_id, school_id, questionnaire_version_id);
CREATE INDEX response_without_likert_answers ON response (questionnaire_version_id, id) WHERE likert_answers IS NULL;
CREATE INDEX response_day_unshuffled ON response (submitted_on) WHERE NOT day_shuffled;

ALTER TABLE answer_rebuilt RENAME TO answer;
ALTER INDEX answer_rebuilt_pkey RENAME TO answer_pkey;
ALTER TABLE answer RENAME CONSTRAINT answer_rebuilt_response_id_fkey TO answer_response_id_fkey;
ALTER TABLE answer RENAME CONSTRAINT answer_rebuilt_check TO answer_check;

-- Acknowledged submissions not yet published: where they belong (needed to publish them by
-- group, and no more than the access code already says) and their answers sealed.
CREATE TABLE response_held (
    id                       UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    wave_id                  BIGINT NOT NULL REFERENCES wave (id),
    school_id                BIGINT NOT NULL REFERENCES school (id),
    questionnaire_version_id BIGINT NOT NULL REFERENCES questionnaire_version (id),
    group_label              TEXT NOT NULL,
    submitted_on             DATE NOT NULL,
    sealing_key_id           TEXT NOT NULL,
    sealed                   BYTEA NOT NULL
);
CREATE INDEX response_held_group ON response_held (wave_id, school_id, questionnaire_version_id, group_label);
