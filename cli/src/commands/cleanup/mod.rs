//! `labctl cleanup ...`: run a sweep now, read the sweep history and the queue, retry items
//! (issue 4, item 5). One module per command; [`display`] holds how runs and items look.

pub mod display;
pub mod queue;
pub mod retry;
pub mod run;
pub mod runs;
pub mod show;

use crate::cli::CleanupCommand;
use crate::context::Context;
use crate::exit::CliError;

/// Runs a `cleanup` subcommand.
pub async fn run(command: CleanupCommand, ctx: &mut Context) -> Result<(), CliError> {
    match command {
        CleanupCommand::Run(args) => run::run(args, ctx).await,
        CleanupCommand::Runs(args) => runs::run(args, ctx).await,
        CleanupCommand::Show(args) => show::run(args, ctx).await,
        CleanupCommand::Queue(args) => queue::run(args, ctx).await,
        CleanupCommand::Retry(args) => retry::run(args, ctx).await,
    }
}
