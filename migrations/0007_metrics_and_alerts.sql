-- Counters for GET /metrics, written in the same batch as the work they count, so they never
-- go down when the run history is pruned. `name` is the metric without `labs_` and `_total`;
-- `labels` is `k=v,k=v` from a closed set of values.
CREATE TABLE metrics_counters (
    name   TEXT    NOT NULL,
    labels TEXT    NOT NULL DEFAULT '',
    value  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (name, labels)
);

-- Alerts travel through the same outbox as VM deletions, as items of kind 'alert' whose
-- `payload` is the JSON to POST to ALERT_WEBHOOK_URL. An alert about the cron trigger
-- belongs to no ended session, so `ticket` may now be NULL. SQLite cannot change a CHECK or
-- a NOT NULL in place: the table is rebuilt with the same ids.
CREATE TABLE cleanup_items_next (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    ticket          TEXT    REFERENCES cleanup_sessions (ticket),
    user_id         TEXT    NOT NULL,
    lab_id          TEXT    NOT NULL,
    kind            TEXT    NOT NULL CHECK (kind IN ('vm', 'expose', 'alert')),
    lab_request_id  TEXT    NOT NULL,
    state           TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'dead')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT    NOT NULL,
    lease_owner     TEXT,
    lease_until     TEXT,
    last_status     INTEGER,
    last_error      TEXT,
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL,
    completed_at    TEXT,
    payload         TEXT    CHECK (payload IS NULL OR json_valid(payload)),
    UNIQUE (ticket, kind, lab_request_id)
);
INSERT INTO cleanup_items_next (id, ticket, user_id, lab_id, kind, lab_request_id, state,
    attempts, next_attempt_at, lease_owner, lease_until, last_status, last_error, created_at,
    updated_at, completed_at)
SELECT id, ticket, user_id, lab_id, kind, lab_request_id, state, attempts, next_attempt_at,
    lease_owner, lease_until, last_status, last_error, created_at, updated_at, completed_at
FROM cleanup_items;
DROP TABLE cleanup_items;
ALTER TABLE cleanup_items_next RENAME TO cleanup_items;
CREATE INDEX cleanup_items_due ON cleanup_items (state, next_attempt_at);
CREATE INDEX cleanup_items_ticket ON cleanup_items (ticket);
CREATE INDEX cleanup_items_vm ON cleanup_items (lab_request_id, kind);
