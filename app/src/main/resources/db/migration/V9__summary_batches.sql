-- Batches of school summary PDFs (issue #7): all summaries of a wave as one ZIP, made in the
-- background. The job and its result live here, not in a replica's memory, so any replica shows
-- the progress and serves the download, and a restart loses nothing: a RUNNING job whose
-- heartbeat stopped is queued again.
CREATE TABLE summary_batch (
    id                uuid PRIMARY KEY,
    wave_id           bigint NOT NULL REFERENCES wave (id),
    account_id        bigint NOT NULL REFERENCES staff_account (id) ON DELETE CASCADE,
    lang              text NOT NULL CHECK (lang IN ('ru', 'en')),
    school_ids        bigint[] NOT NULL,
    state             text NOT NULL CHECK (state IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED', 'CANCELLED', 'DOWNLOADED')),
    done              integer NOT NULL DEFAULT 0,
    failed_school_ids bigint[] NOT NULL DEFAULT '{}',
    zip               bytea,
    created_at        timestamptz NOT NULL DEFAULT now(),
    heartbeat_at      timestamptz NOT NULL DEFAULT now(),
    finished_at       timestamptz,
    -- only a finished batch holds a ZIP, and only until it is downloaded
    CONSTRAINT summary_batch_zip_when_done CHECK (zip IS NULL OR state = 'DONE')
);

CREATE INDEX summary_batch_queue ON summary_batch (created_at) WHERE state IN ('QUEUED', 'RUNNING');
-- one batch at a time per wave and person: asking again shows the running one
CREATE UNIQUE INDEX summary_batch_one_active ON summary_batch (wave_id, account_id)
    WHERE state IN ('QUEUED', 'RUNNING');
