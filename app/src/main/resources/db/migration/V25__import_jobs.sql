-- Streamed imports of paper responses (issue #23): a region's file of 100,000 rows is spooled to
-- the replica that received it and checked and stored there in the background. The job's state
-- and progress live here, not in that replica's memory, so any replica answers the progress bar
-- and the result. A RUNNING job whose heartbeat stopped (its replica died) stored nothing: its one
-- transaction never committed; the pages show it as interrupted.
CREATE TABLE import_job (
    id                        uuid PRIMARY KEY,
    wave_id                   bigint NOT NULL REFERENCES wave (id),
    school_id                 bigint NOT NULL REFERENCES school (id),
    questionnaire_version_id  bigint NOT NULL REFERENCES questionnaire_version (id),
    account_id                bigint REFERENCES staff_account (id) ON DELETE SET NULL,
    state                     text NOT NULL CHECK (state IN ('QUEUED', 'CHECKING', 'STORING', 'DONE', 'REFUSED', 'FAILED')),
    bytes_total               bigint NOT NULL,
    bytes_read                bigint NOT NULL DEFAULT 0,
    rows_read                 integer NOT NULL DEFAULT 0,
    rows_total                integer,
    rows_stored               integer NOT NULL DEFAULT 0,
    stored                    integer,
    already_present           integer,
    -- a refused file: its first problems (row, column, reason) and how many there were in all;
    -- codes and arguments only, never a whole row
    error_count               integer NOT NULL DEFAULT 0,
    error_fields              text[] NOT NULL DEFAULT '{}',
    error_codes               text[] NOT NULL DEFAULT '{}',
    error_args                text[] NOT NULL DEFAULT '{}',
    created_at                timestamptz NOT NULL DEFAULT now(),
    heartbeat_at              timestamptz NOT NULL DEFAULT now(),
    finished_at               timestamptz
);

CREATE INDEX import_job_finished ON import_job (finished_at) WHERE finished_at IS NOT NULL;
