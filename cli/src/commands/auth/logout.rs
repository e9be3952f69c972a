//! `labctl auth logout`: remove the profile's stored token (keyring and file). Succeeds when
//! there was none, so scripts can call it unconditionally.

use crate::commands::session::display::io_error;
use crate::context::Context;
use crate::exit::CliError;

/// Removes the token.
pub fn run(ctx: &mut Context) -> Result<(), CliError> {
    let removed = ctx.store()?.delete(&ctx.profile)?;
    if removed.is_empty() {
        ctx.io
            .note(&format!("No token was stored for profile {}", ctx.profile))
            .map_err(io_error)?;
    } else {
        let places: Vec<String> = removed.iter().map(ToString::to_string).collect();
        ctx.io
            .success(&format!(
                "Logged out of profile {} (removed the token from {})",
                ctx.profile,
                places.join(" and ")
            ))
            .map_err(io_error)?;
    }
    if ctx.env.token.is_some() {
        ctx.io
            .warn("LABCTL_TOKEN is still set and still provides a token")
            .map_err(io_error)?;
    }
    Ok(())
}
