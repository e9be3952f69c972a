//! `labctl session extend USER_ID --by 30m`: read the duration, add, write it back.
//!
//! The API has no "add" operation: this reads the session and PUTs `duration + by`. Two
//! operators extending the same session at the same instant can lose one extension; the
//! PUT itself is idempotent, so a retried PUT never adds twice.

use serde_json::{Value, json};

use super::display::{io_error, print_session};
use crate::api;
use crate::cli::ExtendArgs;
use crate::context::Context;
use crate::exit::CliError;

/// The new duration in minutes: `current + by`.
pub fn extended(current: &Value, by: u32) -> Result<i64, CliError> {
    let current = current
        .get("duration")
        .and_then(Value::as_i64)
        .ok_or_else(|| {
            CliError::from(anyhow::anyhow!(
                "the session returned by the Worker has no numeric duration"
            ))
        })?;
    current
        .checked_add(i64::from(by))
        .ok_or_else(|| CliError::usage("the extended duration is too large"))
}

/// Extends the session and prints it.
pub async fn run(args: ExtendArgs, ctx: &mut Context) -> Result<(), CliError> {
    let client = ctx.client()?;
    let session = api::get_session(&client, &args.user_id).await?;
    let before = session
        .get("duration")
        .and_then(Value::as_i64)
        .unwrap_or_default();
    let after = extended(&session, args.by)?;
    let updated =
        api::update_session(&client, &args.user_id, &json!({ "duration": after })).await?;
    print_session(&mut ctx.io, &updated)?;
    if !ctx.io.json {
        let expires = updated
            .get("expires_at")
            .and_then(Value::as_str)
            .unwrap_or("unknown");
        ctx.io
            .success(&format!(
                "Extended the lab session of {} from {before} to {after} minutes; it expires at {expires}",
                args.user_id
            ))
            .map_err(io_error)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adds_to_the_current_duration() {
        assert_eq!(extended(&json!({"duration": 60}), 30).unwrap(), 90);
        assert!(extended(&json!({"duration": "60"}), 30).is_err());
        assert!(extended(&json!({"duration": i64::MAX}), 1).is_err());
    }
}
