//! `labctl auth logout`: remove the profile's stored token (keyring and file). Succeeds when
//! there was none, so scripts can call it unconditionally; fails (exit 1) when the keyring
//! could not be asked, because a token may then still be there.

use crate::commands::session::display::io_error;
use crate::context::Context;
use crate::exit::CliError;

/// Removes the token.
pub fn run(ctx: &mut Context) -> Result<(), CliError> {
    let removed = ctx.store()?.delete(&ctx.profile)?;
    if !removed.from.is_empty() {
        let places: Vec<String> = removed.from.iter().map(ToString::to_string).collect();
        ctx.io
            .success(&format!(
                "Logged out of profile {} (removed the token from {})",
                ctx.profile,
                places.join(" and ")
            ))
            .map_err(io_error)?;
    } else if removed.keyring_error.is_none() {
        ctx.io
            .note(&format!("No token was stored for profile {}", ctx.profile))
            .map_err(io_error)?;
    }
    if ctx.env.token.is_some() {
        ctx.io
            .warn("LABCTL_TOKEN is still set and still provides a token")
            .map_err(io_error)?;
    }
    match removed.keyring_error {
        Some(reason) => Err(CliError::Keyring {
            profile: ctx.profile.clone(),
            reason,
        }),
        None => Ok(()),
    }
}
