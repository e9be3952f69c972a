//! `labctl health`: `GET /health`, no token.

use serde_json::Value;

use crate::api;
use crate::commands::session::display::io_error;
use crate::context::Context;
use crate::exit::CliError;

/// Checks the Worker and prints its health object.
pub async fn run(ctx: &mut Context) -> Result<(), CliError> {
    let settings = ctx.settings()?;
    let client = ctx.client_with(&settings, None)?;
    let health = api::health(&client).await?;
    if ctx.io.json {
        return ctx.io.print_json(&health);
    }
    let field = |key: &str| {
        health
            .get(key)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    ctx.io
        .print_record(&[
            ("url", settings.url.value.clone()),
            ("status", field("status")),
            ("service", field("service")),
            ("timestamp", field("timestamp")),
        ])
        .map_err(io_error)
}
