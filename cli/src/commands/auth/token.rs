//! `labctl auth token`: print the token in use, for scripts
//! (`curl -H "Authorization: Bearer $(labctl auth token)" ...`). The only command that
//! prints a token.

use crate::commands::session::display::io_error;
use crate::context::Context;
use crate::exit::CliError;

/// Prints the token and a newline.
pub fn run(ctx: &mut Context) -> Result<(), CliError> {
    let (token, _) = ctx.token()?.ok_or_else(|| CliError::NoToken {
        profile: ctx.profile.clone(),
    })?;
    ctx.io
        .print(&format!("{}\n", token.expose()))
        .map_err(io_error)
}
