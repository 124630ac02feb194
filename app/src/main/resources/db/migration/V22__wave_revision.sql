-- What the cached indices of a wave depend on, kept by the database as one number per wave, so a
-- reader checks whether its cache still holds in O(1) instead of counting the wave's responses and
-- access codes (issue #21: at region size that count alone took 75 ms and grew with the wave).
--
-- Any statement that adds, changes or removes a wave's published responses or its access codes
-- gives the wave a new revision from one sequence, so a revision is never seen twice, not even
-- for a wave id reused after a restore. The counter is per wave and per statement: it says that
-- something changed, never which response or when it arrived (publication is already in batches).
CREATE SEQUENCE wave_revision_seq;

CREATE TABLE wave_revision (
    wave_id  BIGINT PRIMARY KEY REFERENCES wave (id) ON DELETE CASCADE,
    revision BIGINT NOT NULL
);
INSERT INTO wave_revision (wave_id, revision) SELECT id, nextval('wave_revision_seq') FROM wave;

CREATE FUNCTION wave_revision_new_wave() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO wave_revision (wave_id, revision) VALUES (NEW.id, nextval('wave_revision_seq'));
    RETURN NULL;
END $$;
CREATE TRIGGER wave_revision_new_wave AFTER INSERT ON wave FOR EACH ROW EXECUTE FUNCTION wave_revision_new_wave();

-- Statement-level with a transition table: one bump per statement and wave, however many rows.
-- Not on an access code's update: a submission counts a use there, and the indices do not depend
-- on uses (only on which schools have codes); a bump there would put every submission of a wave
-- in a queue on this one row.
CREATE FUNCTION wave_revision_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE wave_revision w SET revision = nextval('wave_revision_seq')
    WHERE w.wave_id IN (SELECT DISTINCT wave_id FROM changed);
    RETURN NULL;
END $$;

CREATE TRIGGER response_added AFTER INSERT ON response
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION wave_revision_bump();
CREATE TRIGGER response_changed AFTER UPDATE ON response
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION wave_revision_bump();
CREATE TRIGGER response_removed AFTER DELETE ON response
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION wave_revision_bump();
CREATE TRIGGER access_code_added AFTER INSERT ON access_code
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION wave_revision_bump();
CREATE TRIGGER access_code_removed AFTER DELETE ON access_code
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION wave_revision_bump();
