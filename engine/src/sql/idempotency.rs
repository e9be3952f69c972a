//! SQL for `idempotency_keys`: the first answer to each `Idempotency-Key`, kept 24 hours.

use serde::Deserialize;

use crate::db::Statement;

/// A key's row.
#[derive(Debug, Clone, Deserialize)]
pub struct KeyRow {
    /// SHA-256 of the first request's body.
    pub request_hash: String,
    /// The first answer's status; `None` while that request runs.
    pub status: Option<u16>,
    /// The first answer's body.
    pub body: Option<String>,
    /// When the key was first used.
    pub created_at: String,
    /// Until when the running request holds the key.
    pub locked_until: Option<String>,
}

/// Takes a key nobody used: changes one row if it was free.
pub fn claim(key: &str, hash: &str, now: &str, locked_until: &str) -> Statement {
    Statement::new(
        "INSERT INTO idempotency_keys (key, request_hash, created_at, locked_until) \
         VALUES (?1, ?2, ?3, ?4) ON CONFLICT (key) DO NOTHING",
    )
    .bind(key)
    .bind(hash)
    .bind(now)
    .bind(locked_until)
}

/// The key's row.
pub fn get(key: &str) -> Statement {
    Statement::new(
        "SELECT request_hash, status, body, created_at, locked_until FROM idempotency_keys WHERE key = ?1",
    )
    .bind(key)
}

/// Takes over a key whose answer expired (used before `expired_before`) or whose request
/// died (still running past its lock): changes one row if it did.
pub fn take_over(
    key: &str,
    hash: &str,
    now: &str,
    locked_until: &str,
    expired_before: &str,
) -> Statement {
    Statement::new(
        "UPDATE idempotency_keys SET request_hash = ?2, status = NULL, body = NULL, created_at = ?3, \
         locked_until = ?4 WHERE key = ?1 AND (created_at < ?5 OR (status IS NULL AND locked_until <= ?3))",
    )
    .bind(key)
    .bind(hash)
    .bind(now)
    .bind(locked_until)
    .bind(expired_before)
}

/// Stores the answer to the key's request.
pub fn record(key: &str, status: u16, body: &str) -> Statement {
    Statement::new(
        "UPDATE idempotency_keys SET status = ?2, body = ?3, locked_until = NULL WHERE key = ?1",
    )
    .bind(key)
    .bind(status)
    .bind(body)
}

/// Stores a create's 201 only if its session row exists (in the same batch as the insert, so
/// a lab created is never left without its recorded answer, nor an answer without its lab).
pub fn record_created(key: &str, body: &str, session_id: &str, created_at: &str) -> Statement {
    Statement::new(
        "UPDATE idempotency_keys SET status = 201, body = ?2, locked_until = NULL WHERE key = ?1 \
         AND EXISTS (SELECT 1 FROM labs_sessions WHERE id = ?3 AND created_at = ?4)",
    )
    .bind(key)
    .bind(body)
    .bind(session_id)
    .bind(created_at)
}

/// Frees a key whose request failed inside the service, so a retry runs it again.
pub fn release(key: &str) -> Statement {
    Statement::new("DELETE FROM idempotency_keys WHERE key = ?1 AND status IS NULL").bind(key)
}

/// Drops keys first used before `cutoff`.
pub fn prune(cutoff: &str) -> Statement {
    Statement::new("DELETE FROM idempotency_keys WHERE created_at < ?1").bind(cutoff)
}
