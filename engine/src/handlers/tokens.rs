//! Scoped API tokens: mint (shown once), list (never the secret), revoke.

use labs_core::envelope;
use labs_core::error::{ApiError, ErrorKind};
use labs_core::log::Level;
use labs_core::tokens::{self, CreatedToken, RevokedToken, TokenInfo, TokenList};
use serde_json::Value;

use super::RequestContext;
use crate::Platform;
use crate::db::Db;
use crate::reply::{Handled, Reply};
use crate::sql::tokens as sql;

/// `POST /api/v1/tokens` `{name, scope, expires_in_days?}`: the token, this once.
pub async fn create_token<P: Platform>(rc: &RequestContext<'_, P>, body: Option<Value>) -> Handled {
    let new = tokens::parse_new_token(body.as_ref())?;
    let now = rc.now;
    let host = &rc.engine.host;
    let minted = tokens::mint(host.bytes32());
    let id = host.uuid();
    let expires_at = new
        .expires_in_days
        .and_then(|days| now.plus_millis(i64::from(days) * 86_400_000))
        .map(|t| t.to_iso());
    let created_at = now.to_iso();
    rc.engine
        .db
        .run(sql::insert(&sql::NewTokenRow {
            id: &id,
            name: &new.name,
            scope: new.scope,
            hash: &minted.hash,
            prefix: &minted.display_prefix,
            created_at: &created_at,
            expires_at: expires_at.as_deref(),
        }))
        .await?;
    rc.logger.emit(
        rc.logger
            .line(Level::Info, "api token created")
            .with("token_id", id.clone())
            .with("token_prefix", minted.display_prefix.clone())
            .with("scope", new.scope.as_str()),
    );
    let info = TokenInfo {
        id,
        name: new.name,
        scope: new.scope,
        prefix: minted.display_prefix,
        created_at,
        expires_at,
        last_used_at: None,
        revoked_at: None,
    };
    Ok(Reply::created(envelope::success(
        "API token created; it is shown only this once",
        CreatedToken {
            info,
            token: minted.secret,
        },
    )))
}

/// `GET /api/v1/tokens`: every token, newest first, without secrets.
pub async fn list_tokens<P: Platform>(rc: &RequestContext<'_, P>) -> Handled {
    let tokens: Vec<TokenInfo> = rc.engine.db.all(sql::list()).await?;
    Ok(Reply::ok(envelope::success(
        "API tokens retrieved successfully",
        TokenList { tokens },
    )))
}

/// `DELETE /api/v1/tokens/:id`: refused from the next request on. Revoking twice is fine.
pub async fn revoke_token<P: Platform>(rc: &RequestContext<'_, P>, id: &str) -> Handled {
    let db = &rc.engine.db;
    let revoked_now = db.run(sql::revoke(id, &rc.now.to_iso())).await? == 1;
    let info = db
        .first::<TokenInfo>(sql::get(id))
        .await?
        .ok_or_else(|| ApiError::new(ErrorKind::NotFound, "No API token with this id"))?;
    if revoked_now {
        rc.logger.emit(
            rc.logger
                .line(Level::Info, "api token revoked")
                .with("token_id", id),
        );
    }
    Ok(Reply::ok(envelope::success(
        "API token revoked",
        RevokedToken {
            id: info.id,
            revoked: true,
            revoked_at: info.revoked_at,
        },
    )))
}
