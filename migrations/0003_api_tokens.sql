-- Scoped API tokens. Only the SHA-256 of a token is stored (hex, unique: the one indexed
-- lookup per request), with a short display prefix; the token itself is shown once, at
-- creation. CF_WORKER_TOKEN stays the root credential and is not in this table.
CREATE TABLE api_tokens (
    id           TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    scope        TEXT NOT NULL CHECK (scope IN ('read', 'write', 'admin')),
    token_hash   TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
    prefix       TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    expires_at   TEXT,
    -- Written at most once a minute per token.
    last_used_at TEXT,
    revoked_at   TEXT
);
