//! The cleanup sweep: end expired sessions, then work the queue within the run's budget.
//!
//! One sweep (cron, forced, or after a DELETE):
//! 1. moves expired sessions into the queue in one atomic batch (not for a DELETE's sweep,
//!    whose session was moved by the DELETE itself);
//! 2. claims due items under a lease, at most `CLEANUP_MAX_SUBREQUESTS`;
//! 3. calls the backend, at most `CLEANUP_CONCURRENCY` at once, each within the timeout;
//! 4. writes every outcome back in one batch: done, retry later with backoff, or dead;
//! 5. records the run in `cleanup_runs` and logs one line with its counts.
//!
//! Every decision (what counts as done, the backoff, when to give up, the lease) comes
//! from `labs_core::cleanup`.

use futures_util::StreamExt;
use futures_util::stream;
use labs_core::cleanup::{
    AfterFailure, CallOutcome, CleanupSettings, HISTORY_DAYS, ItemKind, ItemState, RunError,
    RunRecord, Trigger, after_failure,
};
use labs_core::log::Level;
use labs_core::time::Timestamp;
use worker::{D1Database, Env, Error, Result};

use crate::config::Config;
use crate::logger::Logger;
use crate::store::queue::{self, ClaimedItem, Ending, Settlement};
use crate::store::runs;
use crate::{backend, clock, random};

/// The cron entry point. Logs its own failure: the runtime drops the result.
pub async fn scheduled(env: Env) {
    let config = Config::from_env(&env);
    let logger = Logger::new(config.log_level).with("trigger", "cron");
    let db = match env.d1("DB") {
        Ok(db) => db,
        Err(e) => {
            return logger.emit(
                logger
                    .line(Level::Critical, "cleanup sweep cannot reach D1")
                    .with("error", e.to_string()),
            );
        }
    };
    if let Err(e) = sweep(&db, &config, &logger, Trigger::Cron, false, None).await {
        logger.emit(
            logger
                .line(Level::Error, "cleanup sweep failed")
                .with("error", e.to_string()),
        );
    }
}

/// Runs one sweep and returns its record. With `ticket`, works only that session's items
/// (the DELETE path); with `dry_run`, counts what it would do and calls nothing.
pub async fn sweep(
    db: &D1Database,
    config: &Config,
    logger: &Logger,
    trigger: Trigger,
    dry_run: bool,
    ticket: Option<&str>,
) -> Result<RunRecord> {
    let settings = config.cleanup.clone().map_err(Error::RustError)?;
    let now = clock::now(db, config).await?;
    let now_iso = now.to_iso();
    let mut run = RunRecord::start(random::uuid(), trigger, dry_run, now);
    runs::save(db, &run).await?;
    let logger = logger.with("run_id", run.id.clone());

    if dry_run {
        let preview = queue::preview_expiry(db, &now_iso, settings.expire_batch).await?;
        run.sessions_expired = preview.sessions;
        let due = queue::count_due(db, &now_iso).await? + preview.calls;
        run.calls_made = due.min(settings.max_subrequests as u32);
        run.deferred = due - run.calls_made;
    } else {
        if ticket.is_none() {
            let ended = queue::end_sessions(
                db,
                Ending::Expired {
                    limit: settings.expire_batch,
                },
                &now_iso,
            )
            .await?;
            run.sessions_expired = ended.tickets.len() as u32;
        }
        work_queue(db, config, &settings, &logger, &mut run, now, ticket).await?;
    }

    if let (Trigger::Cron, Some(cutoff)) = (trigger, now.plus_millis(-HISTORY_DAYS * 86_400_000)) {
        runs::prune(db, &cutoff.to_iso()).await?;
        queue::prune_done(db, &cutoff.to_iso()).await?;
    }
    run.finish(clock::now(db, config).await?);
    runs::save(db, &run).await?;
    logger.emit(
        logger
            .line(
                if run.failures > 0 {
                    Level::Warn
                } else {
                    Level::Info
                },
                "cleanup run finished",
            )
            .with("trigger", trigger.as_str())
            .with("dry_run", dry_run)
            .with("sessions_expired", run.sessions_expired)
            .with("calls_made", run.calls_made)
            .with("vms_deleted", run.vms_deleted)
            .with("failures", run.failures)
            .with("deferred", run.deferred)
            .with("newly_dead", run.newly_dead)
            .with("duration_ms", run.duration_ms.unwrap_or(0)),
    );
    Ok(run)
}

/// Claims due items, calls the backend for each, and writes the outcomes back.
async fn work_queue(
    db: &D1Database,
    config: &Config,
    settings: &CleanupSettings,
    logger: &Logger,
    run: &mut RunRecord,
    now: Timestamp,
    ticket: Option<&str>,
) -> Result<()> {
    let now_iso = now.to_iso();
    let Some(backend) = config.backend.clone() else {
        // Items stay queued: nothing is lost, and a configured Worker will work them.
        logger.log(
            Level::Error,
            "BACKEND_API_URL or BACKEND_API_TOKEN is not set; cleanup items wait",
        );
        run.deferred = queue::count_due(db, &now_iso).await?;
        return Ok(());
    };
    let lease_until = now.plus_millis(settings.lease_ms()).unwrap_or(now).to_iso();
    let claimed = queue::claim(
        db,
        &run.id,
        &now_iso,
        &lease_until,
        settings.max_subrequests,
        ticket,
    )
    .await?;
    if ticket.is_none() {
        run.deferred = queue::count_due(db, &now_iso).await?;
    }
    let timeout = settings.timeout_ms;
    let outcomes: Vec<(ClaimedItem, CallOutcome)> = stream::iter(claimed)
        .map(|item| {
            let backend = backend.clone();
            async move {
                let outcome = backend::call(
                    &backend,
                    item.kind,
                    &item.lab_request_id,
                    &item.user_id,
                    timeout,
                )
                .await;
                (item, outcome)
            }
        })
        .buffer_unordered(settings.concurrency)
        .collect()
        .await;

    let mut statements = Vec::with_capacity(outcomes.len());
    for (item, outcome) in &outcomes {
        run.calls_made += 1;
        let settlement = settle_one(settings, logger, run, now, item, outcome);
        statements.push(queue::settle(db, &run.id, &now_iso, &settlement)?);
    }
    if !statements.is_empty() {
        db.batch(statements).await?;
    }
    Ok(())
}

/// Decides what one call's outcome does to its item, counting it in `run`.
fn settle_one(
    settings: &CleanupSettings,
    logger: &Logger,
    run: &mut RunRecord,
    now: Timestamp,
    item: &ClaimedItem,
    outcome: &CallOutcome,
) -> Settlement {
    let (status, error) = match outcome {
        CallOutcome::Confirmed { status } => {
            if item.kind == ItemKind::Vm {
                run.vms_deleted += 1;
            }
            return Settlement {
                id: item.id,
                state: ItemState::Done,
                attempts: item.attempts,
                status: Some(*status),
                error: None,
                next_attempt_at: None,
            };
        }
        CallOutcome::Failed { status, error } => (*status, error.clone()),
    };
    run.failures += 1;
    run.note_error(RunError {
        item_id: item.id,
        user_id: item.user_id.clone(),
        lab_request_id: item.lab_request_id.clone(),
        kind: item.kind,
        error: error.clone(),
    });
    let attempts = item.attempts + 1;
    let fate = after_failure(attempts, settings, now, random::unit());
    let line = |level: Level, message: &str| {
        logger
            .line(level, message)
            .with("item_id", item.id)
            .with("user_id", item.user_id.clone())
            .with("lab_request_id", item.lab_request_id.clone())
            .with(
                "kind",
                if item.kind == ItemKind::Vm {
                    "vm"
                } else {
                    "expose"
                },
            )
            .with("attempts", attempts)
            .with("error", error.clone())
    };
    match fate {
        AfterFailure::RetryAt(at) => {
            logger.emit(
                line(Level::Error, "cleanup call failed; will retry")
                    .with("next_attempt_at", at.to_iso()),
            );
            Settlement {
                id: item.id,
                state: ItemState::Pending,
                attempts,
                status,
                error: Some(error),
                next_attempt_at: Some(at.to_iso()),
            }
        }
        AfterFailure::Dead => {
            run.newly_dead += 1;
            // A VM nobody will delete costs money until a person acts: critical.
            let level = if item.kind == ItemKind::Vm {
                Level::Critical
            } else {
                Level::Error
            };
            logger.emit(line(
                level,
                "cleanup item gave up after its last attempt; retry it with `labctl cleanup retry`",
            ));
            Settlement {
                id: item.id,
                state: ItemState::Dead,
                attempts,
                status,
                error: Some(error),
                next_attempt_at: None,
            }
        }
    }
}
