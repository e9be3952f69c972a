-- The cleanup queue: every VM of an ended lab stays here until the backend confirmed its
-- deletion. Ending a lab (expiry or DELETE) moves its row out of labs_sessions into
-- cleanup_sessions and one cleanup_items row per distinct VM id (plus one best-effort
-- 'expose' item) in one atomic batch, so the user may start a new lab at once and no VM id
-- is ever only in memory.

-- The ended session, kept whole for audit. `ticket` is '<session id>@<queued_at>', unique
-- even when a client reuses a session id for a later lab.
CREATE TABLE cleanup_sessions (
    ticket       TEXT PRIMARY KEY,
    session_id   TEXT NOT NULL,
    user_id      TEXT NOT NULL,
    lab_id       TEXT NOT NULL,
    reason       TEXT NOT NULL CHECK (reason IN ('expired', 'deleted')),
    session_json TEXT NOT NULL CHECK (json_valid(session_json)),
    queued_at    TEXT NOT NULL
);
CREATE INDEX cleanup_sessions_user ON cleanup_sessions (user_id);

-- One backend call to make until it succeeds: 'vm' (POST /api/v1/labs/delete) or 'expose'
-- (DELETE /api/v1/expose/, best effort).
CREATE TABLE cleanup_items (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    ticket          TEXT    NOT NULL REFERENCES cleanup_sessions (ticket),
    user_id         TEXT    NOT NULL,
    lab_id          TEXT    NOT NULL,
    kind            TEXT    NOT NULL CHECK (kind IN ('vm', 'expose')),
    lab_request_id  TEXT    NOT NULL,
    state           TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'dead')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT    NOT NULL,
    -- A sweep owns an item while lease_until is in the future; others skip it.
    lease_owner     TEXT,
    lease_until     TEXT,
    last_status     INTEGER,
    last_error      TEXT,
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL,
    completed_at    TEXT,
    UNIQUE (ticket, kind, lab_request_id)
);
-- Sweeps claim due pending items by this index.
CREATE INDEX cleanup_items_due ON cleanup_items (state, next_attempt_at);
CREATE INDEX cleanup_items_ticket ON cleanup_items (ticket);

-- One row per sweep (cron, forced, or from a DELETE): what it did, for operators.
CREATE TABLE cleanup_runs (
    id               TEXT    PRIMARY KEY,
    trigger          TEXT    NOT NULL CHECK (trigger IN ('cron', 'forced', 'delete')),
    dry_run          INTEGER NOT NULL DEFAULT 0,
    started_at       TEXT    NOT NULL,
    finished_at      TEXT,
    duration_ms      INTEGER,
    sessions_expired INTEGER NOT NULL DEFAULT 0,
    calls_made       INTEGER NOT NULL DEFAULT 0,
    vms_deleted      INTEGER NOT NULL DEFAULT 0,
    failures         INTEGER NOT NULL DEFAULT 0,
    deferred         INTEGER NOT NULL DEFAULT 0,
    newly_dead       INTEGER NOT NULL DEFAULT 0,
    errors           TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(errors))
);
CREATE INDEX cleanup_runs_started_at ON cleanup_runs (started_at);

-- A clock offset for local testing only (LABS_DEV_CLOCK=enabled, never in production):
-- lets tests move expiry and backoff into the past without waiting real minutes.
CREATE TABLE dev_clock (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    offset_ms INTEGER NOT NULL
);
