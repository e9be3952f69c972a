//! `labctl cleanup show RUN_ID`: one sweep's record and its errors.

use chrono::Utc;

use super::display::print_run;
use crate::api;
use crate::cli::CleanupShowArgs;
use crate::context::Context;
use crate::exit::CliError;

/// Fetches and prints the run (exit 3 when there is no such run).
pub async fn run(args: CleanupShowArgs, ctx: &mut Context) -> Result<(), CliError> {
    let client = ctx.client()?;
    let record = api::get_cleanup_run(&client, &args.run_id).await?;
    print_run(&mut ctx.io, &record, Utc::now())
}
