//! `labctl cleanup runs [--limit N]`: the latest sweeps, newest first, following the cursors
//! until `N` runs are in.

use chrono::Utc;

use super::display::print_runs;
use crate::api;
use crate::cli::CleanupRunsArgs;
use crate::context::Context;
use crate::exit::CliError;
use crate::paging::{self, Paging};

/// Fetches and prints the runs.
pub async fn run(args: CleanupRunsArgs, ctx: &mut Context) -> Result<(), CliError> {
    let client = ctx.client()?;
    let collected = paging::collect(
        Paging::up_to(args.limit),
        |limit, cursor| {
            let client = &client;
            async move { api::list_cleanup_runs(client, limit, cursor.as_deref()).await }
        },
        |_| {},
    )
    .await?;
    print_runs(&mut ctx.io, &collected.items, Utc::now())
}
