//! `labctl cleanup retry ITEM_ID | --all-dead`: make an item (or every dead one) due now
//! with a fresh attempt count. The next sweep (the cron runs every minute, or
//! `labctl cleanup run`) calls the backend for it.

use serde_json::Value;

use crate::api;
use crate::cli::CleanupRetryArgs;
use crate::commands::session::display::{io_error, text};
use crate::context::Context;
use crate::exit::CliError;

/// Retries and reports: exit 3 for an unknown item, 5 for an item already done.
pub async fn run(args: CleanupRetryArgs, ctx: &mut Context) -> Result<(), CliError> {
    let client = ctx.client()?;
    let (data, message, retried) = match args.item_id {
        Some(id) if !args.all_dead => {
            let item = api::retry_cleanup_item(&client, id).await?;
            let message = format!(
                "Cleanup item {} ({} {} of {}) is due now",
                text(&item, "id"),
                text(&item, "kind"),
                text(&item, "lab_request_id"),
                text(&item, "user_id"),
            );
            (item, message, true)
        }
        _ => {
            let data = api::retry_dead_cleanup_items(&client).await?;
            let n = data.get("retried").and_then(Value::as_u64).unwrap_or(0);
            let message = if n == 0 {
                "There were no dead cleanup items to retry".to_owned()
            } else {
                format!("{n} dead cleanup item(s) are due now")
            };
            (data, message, n > 0)
        }
    };
    if ctx.io.json {
        return ctx.io.print_json(&data);
    }
    ctx.io.success(&message).map_err(io_error)?;
    if retried {
        ctx.io
            .note(
                "the next sweep (within a minute) calls the backend; `labctl cleanup run` \
                 does it now",
            )
            .map_err(io_error)?;
    }
    Ok(())
}
