-- Fan-out over a Cloudflare Queue: when the cron last named an item in a queue message, so it
-- does not name it again while that message may still be on its way (a lost message delays
-- the item until then; the D1 queue stays the one source of truth either way).
ALTER TABLE cleanup_items ADD COLUMN dispatched_until TEXT;

-- A queue consumer's invocation is a run of its own, with trigger 'queue'. SQLite cannot
-- change a CHECK in place: the table is rebuilt with the same rows.
CREATE TABLE cleanup_runs_next (
    id               TEXT    PRIMARY KEY,
    trigger          TEXT    NOT NULL CHECK (trigger IN ('cron', 'forced', 'delete', 'queue')),
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
    errors           TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(errors)),
    config_problems  TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(config_problems))
);
INSERT INTO cleanup_runs_next SELECT id, trigger, dry_run, started_at, finished_at, duration_ms,
    sessions_expired, calls_made, vms_deleted, failures, deferred, newly_dead, errors,
    config_problems FROM cleanup_runs;
DROP TABLE cleanup_runs;
ALTER TABLE cleanup_runs_next RENAME TO cleanup_runs;
CREATE INDEX cleanup_runs_started_at ON cleanup_runs (started_at);
