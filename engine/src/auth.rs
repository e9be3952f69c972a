//! Who is calling: the root token(s) in `CF_WORKER_TOKEN`, or a scoped API token looked up
//! by its SHA-256 (one indexed lookup). Nothing here logs or returns a presented token.

use std::rc::Rc;

use labs_core::auth;
use labs_core::error::ApiError;
use labs_core::log::Level;
use labs_core::time::Timestamp;
use labs_core::tokens::{self, LAST_USED_RESOLUTION_MS, Scope};

use crate::db::Db;
use crate::reply::Failure;
use crate::sql::tokens as sql;
use crate::{Engine, Platform};

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

    /// How logs name the caller: `root` or `token:<id>`.
    pub fn label(&self) -> String {
        match self {
            Principal::Root => "root".to_owned(),
            Principal::Token { id, .. } => format!("token:{id}"),
        }
    }
}

/// Authenticates the `Authorization` header value at `now`. Unknown, revoked and expired
/// tokens are all the contract's 401. A token's use is recorded after the response, at most
/// once a minute.
pub async fn authenticate<P: Platform>(
    engine: &Rc<Engine<P>>,
    header: Option<&str>,
    now: Timestamp,
) -> Result<Principal, Failure> {
    let presented = auth::bearer_token(header).ok_or_else(ApiError::unauthorized)?;
    if engine.config.tokens.accepts(presented) {
        return Ok(Principal::Root);
    }
    if !tokens::looks_minted(presented) {
        return Err(ApiError::unauthorized().into());
    }
    let found = engine
        .db
        .first::<sql::TokenAuth>(sql::find_by_hash(&tokens::hash(presented)))
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
        let (engine2, id) = (engine.clone(), found.id.clone());
        engine.host.spawner.spawn(Box::pin(async move {
            if let Err(e) = engine2.db.run(sql::touch(&id, &now_iso, &not_before)).await {
                let logger = engine2.logger();
                logger.emit(
                    logger
                        .line(Level::Warn, "could not record token use")
                        .with("token_id", id)
                        .with("error", e.to_string()),
                );
            }
        }));
    }
    Ok(Principal::Token {
        id: found.id,
        scope: found.scope,
    })
}
