//! The command bodies: one module per command group, each with a `run` that takes the
//! group's parsed arguments and the [`Context`].
//!
//! A new group is one module here, one variant of [`crate::cli::Command`] and one arm in
//! [`run`].

pub mod api;
pub mod auth;
pub mod cleanup;
pub mod completions;
pub mod config;
pub mod confirm;
pub mod health;
pub mod session;
pub mod status;
pub mod token;

use crate::cli::Command;
use crate::context::Context;
use crate::exit::CliError;

/// Runs one command.
pub async fn run(command: Command, ctx: &mut Context) -> Result<(), CliError> {
    match command {
        Command::Session(command) => session::run(command, ctx).await,
        Command::Cleanup(command) => cleanup::run(command, ctx).await,
        Command::Token(command) => token::run(command, ctx).await,
        Command::Health => health::run(ctx).await,
        Command::Status => status::run(ctx).await,
        Command::Api(args) => api::run(args, ctx).await,
        Command::Auth(command) => auth::run(command, ctx).await,
        Command::Config(command) => config::run(command, ctx),
        Command::Completions(args) => completions::run(args, ctx),
    }
}
