//! `labctl token ...`: mint, list and revoke scoped API tokens (issue 5, item 6). Managing
//! tokens needs an admin token; a smaller scope gets 403, exit 4.
//!
//! A minted token is printed once, by `token create`, on stdout; it is redacted from `-vv`
//! traces ([`crate::client::redact`]) and `token list` never has it.

pub mod create;
pub mod list;
pub mod revoke;

use crate::cli::TokenCommand;
use crate::context::Context;
use crate::exit::CliError;

/// Runs a `token` subcommand.
pub async fn run(command: TokenCommand, ctx: &mut Context) -> Result<(), CliError> {
    match command {
        TokenCommand::Create(args) => create::run(args, ctx).await,
        TokenCommand::List => list::run(ctx).await,
        TokenCommand::Revoke(args) => revoke::run(args, ctx).await,
    }
}
