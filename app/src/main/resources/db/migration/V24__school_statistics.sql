-- Incremental statistics of a live wave (issue #21): per wave, questionnaire version and school, the
-- integer sufficient statistics of every scored construct (indices/VersionScan, analysis
-- ScaleAccumulator and GapAccumulator states, one compact byte string), kept up to date as responses
-- are published, so that a dashboard merges the schools' states instead of re-reading the wave's
-- answers, and a published group costs the same work however large the wave.
--
-- school_statistics_ready: the states of a (wave, version) are complete (they hold every published
-- response of it) and were written for the scoring plan named by plan_key (the version's constructs
-- and the state layout; another key after an upgrade means: rebuild). Without this row the states
-- are not used and the next reader rebuilds them from the answers in one pass, holding the wave's
-- wave_revision row (V22) so that no publisher commits in between. Deleting it drops the states.
CREATE TABLE school_statistics_ready (
    wave_id                  BIGINT NOT NULL REFERENCES wave (id) ON DELETE CASCADE,
    questionnaire_version_id BIGINT NOT NULL REFERENCES questionnaire_version (id) ON DELETE CASCADE,
    plan_key                 TEXT NOT NULL,
    PRIMARY KEY (wave_id, questionnaire_version_id)
);

CREATE TABLE school_statistics (
    wave_id                  BIGINT NOT NULL,
    questionnaire_version_id BIGINT NOT NULL,
    school_id                BIGINT NOT NULL,
    state                    BYTEA NOT NULL,
    PRIMARY KEY (wave_id, questionnaire_version_id, school_id),
    FOREIGN KEY (wave_id, questionnaire_version_id)
        REFERENCES school_statistics_ready (wave_id, questionnaire_version_id) ON DELETE CASCADE
);

-- A change to published responses that nobody accounted for in the states (a migration, a repair,
-- a script, a test writing rows directly) makes the states of the versions it touches unusable:
-- they are dropped, and the next reader rebuilds them. The publisher (response/ResponseRelease,
-- whose listener adds the group to the states in the same transaction) and the nightly rewrite in
-- random order (which changes no answer) say so for their transaction with
-- set_config('uklad.responses_accounted', 'on', true).
CREATE FUNCTION school_statistics_unaccounted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF coalesce(current_setting('uklad.responses_accounted', true), '') = 'on' THEN
        RETURN NULL;
    END IF;
    DELETE FROM school_statistics_ready r
    USING (SELECT DISTINCT wave_id, questionnaire_version_id FROM changed) c
    WHERE r.wave_id = c.wave_id AND r.questionnaire_version_id = c.questionnaire_version_id;
    RETURN NULL;
END $$;

CREATE TRIGGER school_statistics_response_added AFTER INSERT ON response
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION school_statistics_unaccounted();
CREATE TRIGGER school_statistics_response_removed AFTER DELETE ON response
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION school_statistics_unaccounted();
-- an update may move a response (old row) or change what it holds (new row): both versions' states go
CREATE TRIGGER school_statistics_response_moved AFTER UPDATE ON response
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION school_statistics_unaccounted();
CREATE TRIGGER school_statistics_response_changed AFTER UPDATE ON response
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION school_statistics_unaccounted();
