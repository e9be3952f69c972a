//! Scoped API tokens: mint (shown once), list (never the secret), revoke.

use labs_core::envelope;
use labs_core::error::{ApiError, ErrorKind};
use labs_core::log::Level;
use labs_core::tokens::{self, CreatedToken, RevokedToken, TokenInfo, TokenList};
use serde_json::Value;

use super::Handled;
use crate::http::{Reply, RequestContext};
use crate::random;
use crate::store::tokens as store;

/// `POST /api/v1/tokens` `{name, scope, expires_in_days?}`: the token, this once.
pub async fn create_token(rc: &RequestContext<'_>, body: Option<Value>) -> Handled {
    let new = tokens::parse_new_token(body.as_ref())?;
    let now = rc.now;
    let minted = tokens::mint(random::bytes32());
    let id = random::uuid();
    let expires_at = new
        .expires_in_days
        .and_then(|days| now.plus_millis(i64::from(days) * 86_400_000))
        .map(|t| t.to_iso());
    store::insert(
        &rc.db,
        &id,
        &new.name,
        new.scope,
        &minted.hash,
        &minted.display_prefix,
        &now.to_iso(),
        expires_at.as_deref(),
    )
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
        created_at: now.to_iso(),
        expires_at,
        last_used_at: None,
        revoked_at: None,
    };
    let data = CreatedToken {
        info,
        token: minted.secret,
    };
    Ok(Reply {
        status: 201,
        body: envelope::success("API token created; it is shown only this once", data),
    })
}

/// `GET /api/v1/tokens`: every token, newest first, without secrets.
pub async fn list_tokens(rc: &RequestContext<'_>) -> Handled {
    let tokens = store::list(&rc.db).await?;
    Ok(Reply::ok(envelope::success(
        "API tokens retrieved successfully",
        TokenList { tokens },
    )))
}

/// `DELETE /api/v1/tokens/:id`: refused from the next request on. Revoking twice is fine.
pub async fn revoke_token(rc: &RequestContext<'_>, id: &str) -> Handled {
    let now = rc.now;
    let revoked_now = store::revoke(&rc.db, id, &now.to_iso()).await?;
    let info = store::get(&rc.db, id)
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
