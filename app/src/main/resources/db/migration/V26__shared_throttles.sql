-- The throttles' failure counts (issue #21), shared by every replica: with N replicas behind a
-- load balancer a guesser gets the budget of one, not N of them (system/FailureThrottle).
--
-- One row per throttle and key. The key (a client's address or /64, a login, a device) is stored
-- only as its HMAC-SHA-256 with a server secret, never in clear. Times are epoch milliseconds of
-- the replicas' clocks (kept in step by NTP; a second of skew moves a 10-minute window by a second).
--
-- UNLOGGED: a failure costs no WAL flush, and the counts are not replicated to a standby. After a
-- crash of PostgreSQL (or a fail-over) the counts start from zero, as they did in memory after a
-- restart of the service: a guesser cannot bring either about.
CREATE UNLOGGED TABLE throttle_window (
    throttle   TEXT     NOT NULL,
    key_hash   BYTEA    NOT NULL CHECK (octet_length(key_hash) = 32),
    -- the newest failures within the window, at most the throttle's limit (older ones no longer count)
    failures   BIGINT[] NOT NULL DEFAULT '{}',
    -- attempts counted before their outcome is known, each by the end of its lease: an attempt of
    -- a replica that died stops counting when its lease ends
    open_until BIGINT[] NOT NULL DEFAULT '{}',
    -- nothing in the row counts after this: the periodic cleanup deletes it
    expires_at BIGINT   NOT NULL,
    PRIMARY KEY (throttle, key_hash)
);
CREATE INDEX throttle_window_expiry ON throttle_window (expires_at);
