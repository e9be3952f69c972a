-- GET /api/v1/labs/sessions/history pages ended sessions newest first by (queued_at, ticket).
CREATE INDEX cleanup_sessions_queued ON cleanup_sessions (queued_at, ticket);

-- Idempotency-Key on POST /api/v1/labs/sessions: the first answer to each key, kept 24 hours.
-- A row with a NULL status is a request still running, which holds the key until
-- locked_until (a request that died is taken over after that). request_hash is the SHA-256
-- of the request body as JSON, so the same key with another body is refused.
CREATE TABLE idempotency_keys (
    key          TEXT    PRIMARY KEY,
    request_hash TEXT    NOT NULL,
    status       INTEGER,
    body         TEXT,
    created_at   TEXT    NOT NULL,
    locked_until TEXT
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
