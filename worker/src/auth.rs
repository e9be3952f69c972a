//! Who is calling: the root token(s) in `CF_WORKER_TOKEN`, or a scoped API token looked up by
//! its SHA-256 (one indexed lookup). Nothing here ever logs or returns a presented token.

use labs_core::auth;
use labs_core::error::ApiError;
use labs_core::log::Level;
use labs_core::time::Timestamp;
use labs_core::tokens::{self, LAST_USED_RESOLUTION_MS, Scope};
use worker::{Context, D1Database, Env};

use crate::config::Config;
use crate::http::Failure;
use crate::logger::Logger;
use crate::store::tokens as store;

/// An authenticated caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Principal {
    /// A `CF_WORKER_TOKEN` token: every scope.
    Root,
    /// A scoped API token.
    Token {
        /// Its id (safe to log).
        id: String,
        /// Its scope.
        scope: Scope,
    },
}

impl Principal {
    /// What the caller may do.
    pub fn scope(&self) -> Scope {
        match self {
            Principal::Root => Scope::Admin,
            Principal::Token { scope, .. } => *scope,
        }
    }

    /// How logs name the caller: `root` or the token's id.
    pub fn label(&self) -> String {
        match self {
            Principal::Root => "root".to_owned(),
            Principal::Token { id, .. } => format!("token:{id}"),
        }
    }
}

/// Authenticates the `Authorization` header value. Unknown, revoked and expired tokens are
/// all the contract's 401.
pub async fn authenticate(
    header: Option<&str>,
    config: &Config,
    db: &D1Database,
    env: &Env,
    ctx: &Context,
    now: Timestamp,
) -> Result<Principal, Failure> {
    let presented = auth::bearer_token(header).ok_or_else(ApiError::unauthorized)?;
    if config.tokens.accepts(presented) {
        return Ok(Principal::Root);
    }
    if !tokens::looks_minted(presented) {
        return Err(ApiError::unauthorized().into());
    }
    let found = store::find_by_hash(db, &tokens::hash(presented))
        .await?
        .ok_or_else(ApiError::unauthorized)?;
    let now_iso = now.to_iso();
    let expired = found
        .expires_at
        .as_deref()
        .is_some_and(|at| at <= now_iso.as_str());
    if found.revoked_at.is_some() || expired {
        return Err(ApiError::unauthorized().into());
    }
    let not_before = now
        .plus_millis(-LAST_USED_RESOLUTION_MS)
        .unwrap_or(now)
        .to_iso();
    if found
        .last_used_at
        .as_deref()
        .is_none_or(|at| at < not_before.as_str())
    {
        // Written after the response, at most once a minute per token.
        let (env, id, logger) = (env.clone(), found.id.clone(), Logger::new(config.log_level));
        ctx.wait_until(async move {
            let result = match env.d1("DB") {
                Ok(db) => store::touch(&db, &id, &now_iso, &not_before).await,
                Err(e) => Err(e),
            };
            if let Err(e) = result {
                logger.emit(
                    logger
                        .line(Level::Warn, "could not record token use")
                        .with("token_id", id)
                        .with("error", e.to_string()),
                );
            }
        });
    }
    Ok(Principal::Token {
        id: found.id,
        scope: found.scope,
    })
}
