-- Lab sessions: one row per running lab, at most one per user.
--
-- Column names are the original system's (mixed camelCase and snake_case) so existing tools
-- and queries keep working. Timestamps are fixed-width ISO 8601 UTC text with milliseconds
-- ('2026-11-20T10:00:00.000Z'): in that form text order is time order, which the expiry
-- index relies on. `validation` is a 64-bit integer written as decimal text (see
-- core/src/record.rs); `vm`, `worker_nodes`, `loadBalancers` and `detached_vm_ids` hold JSON.
CREATE TABLE labs_sessions (
    id              TEXT    PRIMARY KEY,
    labId           TEXT    NOT NULL,
    labTitle        TEXT    NOT NULL,
    labGroupID      TEXT    NOT NULL,
    moduleID        TEXT    NOT NULL,
    duration        INTEGER NOT NULL CHECK (duration > 0),
    activatedAt     TEXT    NOT NULL,
    counterID       TEXT    NOT NULL,
    configId        TEXT    NOT NULL,
    workerConfigId  TEXT    NOT NULL,
    lab_request_id  TEXT    NOT NULL,
    user_id         TEXT    NOT NULL UNIQUE,
    terminal_url    TEXT    NOT NULL,
    validation      INTEGER NOT NULL,
    vm              TEXT    NOT NULL CHECK (json_valid(vm)),
    vscode_domain   TEXT,
    puku_domain     TEXT,
    worker_nodes    TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(worker_nodes)),
    loadBalancers   TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(loadBalancers)),
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL,
    -- created_at + duration minutes, recomputed whenever duration changes.
    expires_at      TEXT    NOT NULL,
    -- Bumped on every write: updates are conditional on the version they read.
    version         INTEGER NOT NULL DEFAULT 1,
    -- Worker VM ids dropped from worker_nodes by an update: still deleted at cleanup.
    detached_vm_ids TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(detached_vm_ids))
);

-- The cleanup sweep finds expired sessions by this index, never by a table scan; `id` makes
-- its ORDER BY expires_at, id come straight from the index.
CREATE INDEX labs_sessions_expires_at ON labs_sessions (expires_at, id);
