-- A read of a live wave's indices that costs what changed, not what exists (issue #21): each
-- school's stored statistics carry the wave revision (V22) of the transaction that wrote them, so a
-- replica that has read the states up to revision R reads next only the states written after R.
--
-- Why the wave's revision orders the writes: a publisher renews the wave's revision row (V22's
-- trigger on the response insert) before it adds the block to the school's state in the same
-- transaction, and holds that row locked until it commits; so the states of one wave are committed
-- in the order of their revisions, and one statement that reads the wave's revision and the states
-- written after R sees every state up to that revision and none after it.
ALTER TABLE school_statistics ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;
CREATE INDEX school_statistics_since ON school_statistics (wave_id, questionnaire_version_id, revision);

-- Which build of the states this is: a rebuild (after an upgrade, or a change the publisher did not
-- account for) writes every school's state anew, so a reader that knows an older build reads all.
ALTER TABLE school_statistics_ready ADD COLUMN build BIGINT NOT NULL DEFAULT nextval('wave_revision_seq');

-- The schools with codes for a wave change far more rarely than its responses: their own number,
-- renewed only when a wave's access codes are added or removed (always together with the revision),
-- lets a replica keep that list while responses arrive.
-- Like the revision, a number never seen twice (a new wave starts at its first revision).
ALTER TABLE wave_revision ADD COLUMN codes_revision BIGINT NOT NULL DEFAULT 0;
UPDATE wave_revision SET codes_revision = revision;

CREATE OR REPLACE FUNCTION wave_revision_new_wave() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    first BIGINT := nextval('wave_revision_seq');
BEGIN
    INSERT INTO wave_revision (wave_id, revision, codes_revision) VALUES (NEW.id, first, first);
    RETURN NULL;
END $$;

CREATE FUNCTION wave_codes_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE wave_revision w SET revision = n.revision, codes_revision = n.revision
    FROM (SELECT d.wave_id, nextval('wave_revision_seq') AS revision
          FROM (SELECT DISTINCT wave_id FROM changed) d) n
    WHERE w.wave_id = n.wave_id;
    RETURN NULL;
END $$;

DROP TRIGGER access_code_added ON access_code;
DROP TRIGGER access_code_removed ON access_code;
CREATE TRIGGER access_code_added AFTER INSERT ON access_code
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION wave_codes_bump();
CREATE TRIGGER access_code_removed AFTER DELETE ON access_code
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION wave_codes_bump();
