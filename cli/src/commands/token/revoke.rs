//! `labctl token revoke ID [--yes]`: the token is refused from the next request on. Asks on
//! a terminal (naming the token); `--yes` skips the question; refuses without `--yes` when
//! nobody can be asked (exit 2), like `session delete`.

use serde_json::Value;

use crate::api;
use crate::cli::TokenRevokeArgs;
use crate::client::Client;
use crate::commands::confirm::confirm;
use crate::commands::session::display::{io_error, text};
use crate::context::Context;
use crate::exit::CliError;

/// Confirms, revokes and reports. Revoking a revoked token again is not an error.
pub async fn run(args: TokenRevokeArgs, ctx: &mut Context) -> Result<(), CliError> {
    // Check the id before asking anything.
    api::segment(&args.id, "a token id")?;
    let client = ctx.client()?;
    let question = if !args.yes && ctx.io.can_prompt() {
        format!(
            "Revoke API token {}? Anything using it gets 401 from its next request",
            describe(&client, &args.id).await
        )
    } else {
        String::new()
    };
    confirm(
        &mut ctx.io,
        args.yes,
        &question,
        &format!("refusing to revoke API token {}", args.id),
    )?;
    let data = api::revoke_token(&client, &args.id).await?;
    if ctx.io.json {
        return ctx.io.print_json(&data);
    }
    ctx.io
        .success(&format!(
            "Revoked API token {} at {}; requests with it now get 401",
            text(&data, "id"),
            text(&data, "revoked_at")
        ))
        .map_err(io_error)
}

/// `grafana (lab_3f9a0c1d…, scope read, id ID)` when the list has it, else the id: a person
/// about to revoke should see which token that is.
async fn describe(client: &Client, id: &str) -> String {
    let Ok(data) = api::list_tokens(client).await else {
        return id.to_owned();
    };
    data.get("tokens")
        .and_then(Value::as_array)
        .and_then(|tokens| tokens.iter().find(|t| t["id"] == id))
        .map_or_else(
            || id.to_owned(),
            |t| {
                format!(
                    "{} ({}…, scope {}, id {id})",
                    text(t, "name"),
                    text(t, "prefix"),
                    text(t, "scope")
                )
            },
        )
}
