//! `labctl session get USER_ID`: show a user's active session.

use super::display::print_session;
use crate::api;
use crate::cli::UserArgs;
use crate::context::Context;
use crate::exit::CliError;

/// Fetches and prints the session.
pub async fn run(args: UserArgs, ctx: &mut Context) -> Result<(), CliError> {
    let client = ctx.client()?;
    let session = api::get_session(&client, &args.user_id).await?;
    print_session(&mut ctx.io, &session)
}
