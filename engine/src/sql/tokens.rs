//! SQL for `api_tokens`. Only a token's SHA-256 is stored, never the token.

use labs_core::tokens::Scope;
use serde::Deserialize;

use crate::db::Statement;

/// What authentication needs to know about a presented token.
#[derive(Debug, Clone, Deserialize)]
pub struct TokenAuth {
    /// The token's id.
    pub id: String,
    /// Its scope.
    pub scope: Scope,
    /// When it stops working, if ever.
    pub expires_at: Option<String>,
    /// When it was revoked, if it was.
    pub revoked_at: Option<String>,
    /// When it was last used.
    pub last_used_at: Option<String>,
}

/// The token whose SHA-256 is `hash`: one lookup by the unique index.
pub fn find_by_hash(hash: &str) -> Statement {
    Statement::new(
        "SELECT id, scope, expires_at, revoked_at, last_used_at FROM api_tokens WHERE token_hash = ?1",
    )
    .bind(hash)
}

/// Records a use at `now` unless one was recorded after `not_before`.
pub fn touch(id: &str, now: &str, not_before: &str) -> Statement {
    Statement::new(
        "UPDATE api_tokens SET last_used_at = ?2 WHERE id = ?1 \
         AND (last_used_at IS NULL OR last_used_at < ?3)",
    )
    .bind(id)
    .bind(now)
    .bind(not_before)
}

/// A token to store.
pub struct NewTokenRow<'a> {
    /// Its id.
    pub id: &'a str,
    /// Its name.
    pub name: &'a str,
    /// Its scope.
    pub scope: Scope,
    /// The token's SHA-256, hex.
    pub hash: &'a str,
    /// The display prefix.
    pub prefix: &'a str,
    /// When it was minted.
    pub created_at: &'a str,
    /// When it stops working, if ever.
    pub expires_at: Option<&'a str>,
}

/// Stores a minted token.
pub fn insert(t: &NewTokenRow<'_>) -> Statement {
    Statement::new(
        "INSERT INTO api_tokens (id, name, scope, token_hash, prefix, created_at, expires_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )
    .bind(t.id)
    .bind(t.name)
    .bind(t.scope.as_str())
    .bind(t.hash)
    .bind(t.prefix)
    .bind(t.created_at)
    .bind(t.expires_at)
}

const COLUMNS: &str = "id, name, scope, prefix, created_at, expires_at, last_used_at, revoked_at";

/// Every token, newest first.
pub fn list() -> Statement {
    Statement::new(format!(
        "SELECT {COLUMNS} FROM api_tokens ORDER BY created_at DESC, id"
    ))
}

/// One token by id.
pub fn get(id: &str) -> Statement {
    Statement::new(format!("SELECT {COLUMNS} FROM api_tokens WHERE id = ?1")).bind(id)
}

/// Revokes token `id` at `now`; changes nothing when it was already revoked.
pub fn revoke(id: &str, now: &str) -> Statement {
    Statement::new("UPDATE api_tokens SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL")
        .bind(id)
        .bind(now)
}
