//! SQL for `api_tokens`.

use labs_core::tokens::{Scope, TokenInfo};
use serde::Deserialize;
use worker::{D1Database, Result};

use super::{changes, opt_text, text};

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
pub async fn find_by_hash(db: &D1Database, hash: &str) -> Result<Option<TokenAuth>> {
    db.prepare("SELECT id, scope, expires_at, revoked_at, last_used_at FROM api_tokens WHERE token_hash = ?1")
        .bind(&[text(hash)])?
        .first(None)
        .await
}

/// Records a use at `now` unless one was recorded after `not_before`.
pub async fn touch(db: &D1Database, id: &str, now: &str, not_before: &str) -> Result<()> {
    db.prepare(
        "UPDATE api_tokens SET last_used_at = ?2 WHERE id = ?1 \
         AND (last_used_at IS NULL OR last_used_at < ?3)",
    )
    .bind(&[text(id), text(now), text(not_before)])?
    .run()
    .await?;
    Ok(())
}

/// Stores a minted token.
#[allow(clippy::too_many_arguments)]
pub async fn insert(
    db: &D1Database,
    id: &str,
    name: &str,
    scope: Scope,
    hash: &str,
    prefix: &str,
    created_at: &str,
    expires_at: Option<&str>,
) -> Result<()> {
    db.prepare(
        "INSERT INTO api_tokens (id, name, scope, token_hash, prefix, created_at, expires_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )
    .bind(&[
        text(id),
        text(name),
        text(scope.as_str()),
        text(hash),
        text(prefix),
        text(created_at),
        opt_text(expires_at),
    ])?
    .run()
    .await?;
    Ok(())
}

const COLUMNS: &str = "id, name, scope, prefix, created_at, expires_at, last_used_at, revoked_at";

/// Every token, newest first.
pub async fn list(db: &D1Database) -> Result<Vec<TokenInfo>> {
    db.prepare(format!(
        "SELECT {COLUMNS} FROM api_tokens ORDER BY created_at DESC, id"
    ))
    .all()
    .await?
    .results()
}

/// One token by id.
pub async fn get(db: &D1Database, id: &str) -> Result<Option<TokenInfo>> {
    db.prepare(format!("SELECT {COLUMNS} FROM api_tokens WHERE id = ?1"))
        .bind(&[text(id)])?
        .first(None)
        .await
}

/// Revokes token `id` at `now`; `false` when it does not exist or was already revoked.
pub async fn revoke(db: &D1Database, id: &str, now: &str) -> Result<bool> {
    let result = db
        .prepare("UPDATE api_tokens SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL")
        .bind(&[text(id), text(now)])?
        .run()
        .await?;
    Ok(changes(&result)? == 1)
}
