//! `labctl cleanup run [--dry-run]`: a sweep now, a spinner while it runs (on a terminal),
//! then its summary. Exits 0 even when backend calls failed: the sweep itself ran, and the
//! failed items stay queued; the failures are printed and warned about on stderr.
//!
//! A sweep answers when it is done, and each of its backend calls may take the Worker's
//! `CLEANUP_TIMEOUT_MS` (10 s by default, as long as labctl's own default timeout): one
//! hanging VM would make labctl give up while the sweep goes on and succeeds. So this one
//! request waits [`SWEEP_TIMEOUT`] at least ([`sweep_timeout`]).

use std::time::Duration;

use chrono::Utc;

use super::display::{print_advice, print_run, run_advice};
use crate::api;
use crate::cli::CleanupRunArgs;
use crate::config::{Source, Sourced};
use crate::context::Context;
use crate::exit::CliError;

/// How long `cleanup run` waits for a sweep unless `--timeout` says otherwise: more than a
/// sweep takes with the Worker's default bounds (40 calls, 6 at a time, 10 s each: about
/// 70 s) and with calls allowed several times as long.
pub const SWEEP_TIMEOUT: Duration = Duration::from_secs(5 * 60);

/// The time `cleanup run` waits for its answer: `--timeout` exactly when given; otherwise the
/// resolved timeout (`LABCTL_TIMEOUT`, the profile's, the default), but never less than
/// [`SWEEP_TIMEOUT`].
pub fn sweep_timeout(timeout: &Sourced<Duration>) -> Duration {
    match timeout.source {
        Source::Flag(_) => timeout.value,
        _ => timeout.value.max(SWEEP_TIMEOUT),
    }
}

/// Runs the sweep (never retried: it is a POST) and prints the record and the advice.
pub async fn run(args: CleanupRunArgs, ctx: &mut Context) -> Result<(), CliError> {
    let settings = ctx.settings()?;
    let client = ctx
        .client_for(&settings)?
        .with_timeout(sweep_timeout(&settings.timeout));
    let label = if args.dry_run {
        "Working out what a cleanup sweep would do…"
    } else {
        "Running a cleanup sweep…"
    };
    let record = api::run_cleanup(&client, args.dry_run, label).await?;
    print_run(&mut ctx.io, &record, Utc::now())?;
    print_advice(&mut ctx.io, &run_advice(&record))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn from(value: Duration, source: Source) -> Sourced<Duration> {
        Sourced { value, source }
    }

    #[test]
    fn a_sweep_gets_five_minutes_unless_timeout_says_otherwise() {
        let secs = Duration::from_secs;
        // The default 10 s, LABCTL_TIMEOUT or a profile's timeout: at least five minutes.
        assert_eq!(
            sweep_timeout(&from(secs(10), Source::Default)),
            SWEEP_TIMEOUT
        );
        assert_eq!(
            sweep_timeout(&from(secs(30), Source::Env("LABCTL_TIMEOUT"))),
            SWEEP_TIMEOUT
        );
        assert_eq!(
            sweep_timeout(&from(secs(600), Source::Profile("prod".into()))),
            secs(600)
        );
        // --timeout is taken as it is, shorter or longer.
        assert_eq!(
            sweep_timeout(&from(secs(2), Source::Flag("--timeout"))),
            secs(2)
        );
        assert_eq!(
            sweep_timeout(&from(secs(900), Source::Flag("--timeout"))),
            secs(900)
        );
    }
}
