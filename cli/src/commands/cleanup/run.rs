//! `labctl cleanup run [--dry-run]`: a sweep now, a spinner while it runs (on a terminal),
//! then its summary. Exits 0 even when backend calls failed: the sweep itself ran, and the
//! failed items stay queued; the failures are printed and warned about on stderr.

use chrono::Utc;

use super::display::{print_advice, print_run, run_advice};
use crate::api;
use crate::cli::CleanupRunArgs;
use crate::context::Context;
use crate::exit::CliError;

/// Runs the sweep (never retried: it is a POST) and prints the record and the advice.
pub async fn run(args: CleanupRunArgs, ctx: &mut Context) -> Result<(), CliError> {
    let client = ctx.client()?;
    let label = if args.dry_run {
        "Working out what a cleanup sweep would do…"
    } else {
        "Running a cleanup sweep…"
    };
    let record = api::run_cleanup(&client, args.dry_run, label).await?;
    print_run(&mut ctx.io, &record, Utc::now())?;
    print_advice(&mut ctx.io, &run_advice(&record))
}
