//! The cleanup sweep: end expired sessions, then work the queue within the run's budget.
//!
//! One sweep (cron, forced, after a DELETE, or a queue consumer's):
//! 1. moves expired sessions into the queue, one atomic batch of `CLEANUP_EXPIRE_BATCH` at a
//!    time, up to [`END_ROUNDS_MAX`] batches ([`end_sessions`]; only when it works every
//!    session: a DELETE moves its own session, a consumer works the sessions its messages
//!    name);
//! 2. with a queue bound, the cron stops there and names the due work in queue messages
//!    ([`crate::queue::dispatch`]); otherwise
//! 3. claims claimable items under a lease, in queue order, at most `CLEANUP_MAX_SUBREQUESTS`
//!    in all: ended sessions in the order they ended, each session's expose item then its
//!    VMs, so neither kind starves the other;
//! 4. calls the backend, at most `CLEANUP_CONCURRENCY` at once, each within the timeout,
//!    a VM only once its session's expose call is over, and never starts a call its lease
//!    would not outlive (such an item is released unworked);
//! 5. writes every outcome back in one batch, only where the lease is still the run's: done,
//!    retry later with backoff, or dead; and claims again while budget remains;
//! 6. records the run in `cleanup_runs` and logs one line with its counts.
//!
//! Every decision (what counts as done, the backoff, when to give up, the lease) comes from
//! `labs_core::cleanup`. A `CLEANUP_*` value that was refused is logged as critical at every
//! sweep and named in the run record; the sweep runs on the default instead.

use std::rc::Rc;

use futures_util::StreamExt;
use futures_util::stream;
use labs_core::cleanup::{
    AfterFailure, CallOutcome, CleanupSettings, END_ROUNDS_MAX, HISTORY_DAYS, ItemKind, ItemState,
    RunError, RunRecord, Trigger, after_failure,
};
use labs_core::log::Level;
use labs_core::time::Timestamp;
use serde::Deserialize;

use crate::db::{Db, DbError};
use crate::log::Logger;
use crate::sql::items::{self, ClaimedItem, Scope, Settlement};
use crate::sql::sessions::{self, Ending};
use crate::sql::{archive, metrics, runs};
use crate::{Engine, Platform, ServiceClock, backend, queue};

/// The cron entry point. Logs its own failure: the runtime drops the result.
pub async fn scheduled<P: Platform>(engine: Rc<Engine<P>>) {
    let logger = engine.logger().with("trigger", "cron");
    if let Err(e) = sweep(&engine, &logger, Trigger::Cron, false, Scope::All).await {
        logger.emit(
            logger
                .line(Level::Error, "cleanup sweep failed")
                .with("error", e.to_string()),
        );
    }
}

/// Moves the sessions `ending` selects into the cleanup queue, atomically, at `now`:
/// archive each row, queue its calls, delete it — one batch whose statements all select
/// with the same predicate, so a session is never half-moved and no VM id exists only in
/// memory. Returns `(session id, ticket)` of each session moved.
pub async fn end_sessions<D: Db>(
    db: &D,
    ending: Ending<'_>,
    now: &str,
) -> Result<Vec<(String, String)>, DbError> {
    let outcomes = db
        .batch(vec![
            archive::archive_ended(ending, now),
            items::queue_ended(ending, now),
            metrics::bump_ended(ending, now),
            sessions::delete_ended(ending, now),
        ])
        .await?;
    #[derive(Deserialize)]
    struct Moved {
        id: String,
        ticket: String,
    }
    let moved: Vec<Moved> = crate::db::decode_rows(
        outcomes
            .into_iter()
            .last()
            .map(|o| o.rows)
            .unwrap_or_default(),
    )?;
    Ok(moved.into_iter().map(|m| (m.id, m.ticket)).collect())
}

#[derive(Deserialize)]
struct Count {
    n: u32,
}

async fn count_due<D: Db>(db: &D, now: Timestamp) -> Result<u32, DbError> {
    Ok(db
        .first::<Count>(items::count_due(&now.to_iso()))
        .await?
        .map_or(0, |c| c.n))
}

/// Runs one sweep and returns its record. With [`Scope::Tickets`], works only those
/// sessions' items (a DELETE's, a queue message's) and ends no session; with `dry_run`,
/// counts what it would do and calls nothing.
pub async fn sweep<P: Platform>(
    engine: &Rc<Engine<P>>,
    logger: &Logger,
    trigger: Trigger,
    dry_run: bool,
    scope: Scope<'_>,
) -> Result<RunRecord, DbError> {
    Ok(
        run_sweep(engine, logger, trigger, dry_run, scope, Vec::new())
            .await?
            .0,
    )
}

/// [`sweep`] of `scope`'s items, not dry: its record and, when it spent its whole budget,
/// the sessions of [`Scope::Tickets`] that still have claimable items.
///
/// `finish_with` is written in the batch that records the run's end (a consumer's message
/// counters: one round trip fewer).
pub async fn sweep_scoped<P: Platform>(
    engine: &Rc<Engine<P>>,
    logger: &Logger,
    trigger: Trigger,
    scope: Scope<'_>,
    finish_with: Vec<crate::db::Statement>,
) -> Result<(RunRecord, Vec<String>), DbError> {
    run_sweep(engine, logger, trigger, false, scope, finish_with).await
}

async fn run_sweep<P: Platform>(
    engine: &Rc<Engine<P>>,
    logger: &Logger,
    trigger: Trigger,
    dry_run: bool,
    scope: Scope<'_>,
    finish_with: Vec<crate::db::Statement>,
) -> Result<(RunRecord, Vec<String>), DbError> {
    let db = &engine.db;
    let settings = engine.config.cleanup;
    let clock = engine.clock().await?;
    let now = clock.now();
    let mut run = RunRecord::start(engine.host.uuid(), trigger, dry_run, now);
    let mut budget_left = settings.max_subrequests;
    run.config_problems = engine.config.config_problems.clone();
    let logger = logger.with("run_id", run.id.clone());
    if trigger == Trigger::Cron && !dry_run && engine.webhook.is_some() {
        alert_if_cron_resumed(engine, now).await?;
    }
    for problem in &run.config_problems {
        logger.emit(
            logger
                .line(
                    Level::Critical,
                    "a cleanup setting is invalid; the sweep uses its default",
                )
                .with("problem", problem.clone()),
        );
    }
    // The record goes in at the start, so a run that dies shows as unfinished. A scoped
    // sweep (a consumer's, a DELETE's) ends no session first: its record rides in its first
    // claim's batch, one round trip fewer.
    let start_record = runs::save(&run);
    let start_record = if dry_run || matches!(scope, Scope::All) {
        db.run(start_record).await?;
        None
    } else {
        Some(start_record)
    };

    if dry_run {
        #[derive(Deserialize)]
        struct Preview {
            sessions: u32,
            vms: u32,
        }
        let preview = db
            .first::<Preview>(sessions::preview_expiry(
                &now.to_iso(),
                settings.expire_batch,
            ))
            .await?
            .unwrap_or(Preview {
                sessions: 0,
                vms: 0,
            });
        run.sessions_expired = preview.sessions;
        let due = count_due(db, now).await? + preview.sessions + preview.vms;
        run.calls_made = due.min(settings.max_subrequests as u32);
        run.deferred = due - run.calls_made;
    } else {
        if let Scope::All = scope {
            // Round after round while whole batches end, so a cohort that expires together
            // is queued in one run, each round one atomic batch.
            for _ in 0..END_ROUNDS_MAX {
                let ended = end_sessions(
                    db,
                    Ending::Expired {
                        limit: settings.expire_batch,
                    },
                    &clock.now().to_iso(),
                )
                .await?;
                run.sessions_expired += ended.len() as u32;
                if ended.len() < settings.expire_batch {
                    break;
                }
            }
        }
        let fanned_out = match (&engine.queue, trigger) {
            (Some(queue), Trigger::Cron) => {
                let sent = queue::dispatch(engine, queue, &logger, clock.now()).await?;
                logger.emit(
                    logger
                        .line(Level::Info, "cleanup work sent to the queue")
                        .with("messages", sent.messages)
                        .with("items", sent.items),
                );
                !sent.send_failed
            }
            _ => false,
        };
        if !fanned_out {
            budget_left = work_queue(
                engine,
                &settings,
                &logger,
                &mut run,
                &clock,
                scope,
                start_record,
            )
            .await?;
        }
        if let Scope::All = scope {
            run.deferred = count_due(db, clock.now()).await?;
            work_alerts(engine, &settings, &logger, &mut run, &clock).await?;
        }
    }

    if let (Trigger::Cron, Some(cutoff)) = (trigger, now.plus_millis(-HISTORY_DAYS * 86_400_000)) {
        let cutoff = cutoff.to_iso();
        db.run(runs::prune(&cutoff)).await?;
        db.batch(vec![items::prune_done(&cutoff), archive::prune(&cutoff)])
            .await?;
    }
    if let (Trigger::Cron, Some(cutoff)) = (
        trigger,
        now.plus_millis(-labs_core::idempotency::KEY_TTL_MS),
    ) {
        db.run(crate::sql::idempotency::prune(&cutoff.to_iso()))
            .await?;
    }
    run.finish(clock.now());
    let mut finish = vec![runs::save(&run)];
    if !dry_run {
        finish.push(metrics::bump(
            "cleanup_runs",
            &format!("trigger={}", trigger.as_str()),
            1,
        ));
    }
    finish.extend(finish_with);
    // A scoped sweep that spent its whole budget reads, in the same batch, which of its
    // sessions still have claimable items (a queue consumer hands their messages back).
    let check_left = match scope {
        Scope::Tickets(tickets) if budget_left == 0 && !dry_run => {
            finish.push(items::tickets_with_claimable(
                tickets,
                &clock.now().to_iso(),
            ));
            true
        }
        _ => false,
    };
    let finished = db.batch(finish).await?;
    #[derive(Deserialize)]
    struct Left {
        ticket: String,
    }
    let left: Vec<String> = if check_left {
        crate::db::decode_rows::<Left>(
            finished
                .into_iter()
                .last()
                .map(|o| o.rows)
                .unwrap_or_default(),
        )?
        .into_iter()
        .map(|l| l.ticket)
        .collect()
    } else {
        Vec::new()
    };
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
    Ok((run, left))
}

/// Claims items in rounds, calls the backend for each, and writes the outcomes back;
/// returns the budget left unspent.
async fn work_queue<P: Platform>(
    engine: &Rc<Engine<P>>,
    settings: &CleanupSettings,
    logger: &Logger,
    run: &mut RunRecord,
    clock: &ServiceClock,
    scope: Scope<'_>,
    mut start_record: Option<crate::db::Statement>,
) -> Result<usize, DbError> {
    let db = &engine.db;
    let Some(backend) = engine.backend.as_ref() else {
        // Items stay queued: nothing is lost, and a configured Worker will work them.
        logger.log(
            Level::Error,
            "BACKEND_API_URL or BACKEND_API_TOKEN is not set; cleanup items wait",
        );
        return Ok(settings.max_subrequests);
    };
    let mut budget = settings.max_subrequests;
    while budget > 0 {
        let now = clock.now();
        let lease_until = now
            .plus_millis(settings.lease_ms())
            .unwrap_or(Timestamp::MAX);
        let mut statements: Vec<crate::db::Statement> = start_record.take().into_iter().collect();
        let skip = statements.len();
        statements.push(items::claim(
            &run.id,
            &now.to_iso(),
            &lease_until.to_iso(),
            budget,
            scope,
        ));
        statements.push(items::unclaim_gated(&run.id));
        let mut outcomes = db.batch(statements).await?.into_iter().skip(skip);
        let mut claimed: Vec<ClaimedItem> =
            crate::db::decode_rows(outcomes.next().map(|o| o.rows).unwrap_or_default())?;
        #[derive(Deserialize)]
        struct Id {
            id: i64,
        }
        let gated: Vec<Id> =
            crate::db::decode_rows(outcomes.next().map(|o| o.rows).unwrap_or_default())?;
        if claimed.is_empty() {
            break;
        }
        // What was claimed counts against the budget, given back or not: every round
        // spends some, so the rounds end.
        budget = budget.saturating_sub(claimed.len());
        claimed.retain(|i| !gated.iter().any(|g| g.id == i.id));
        let outcomes = call_all(backend, settings, clock, lease_until, claimed).await;

        let settled_at = clock.now();
        let mut statements = Vec::with_capacity(outcomes.len() + 4);
        let mut calls = CallCounts::default();
        for (item, outcome) in &outcomes {
            let Some(outcome) = outcome else {
                statements.push(items::release(&run.id, &settled_at.to_iso(), item.id));
                continue;
            };
            run.calls_made += 1;
            calls.add(item.kind, outcome);
            let settlement = settle_one(engine, settings, logger, run, settled_at, item, outcome);
            let dead = settlement.state == ItemState::Dead;
            statements.push(items::settle(&run.id, &settled_at.to_iso(), &settlement));
            if dead && item.kind == ItemKind::Vm && engine.webhook.is_some() {
                let payload = dead_vm_alert(item, settlement.attempts, settlement.error.as_deref());
                statements.push(items::alert_dead(item.id, &payload, &settled_at.to_iso()));
            }
        }
        statements.extend(calls.statements());
        db.batch(statements).await?;
    }
    Ok(budget)
}

/// Makes the calls for `claimed` (in claim order), at most `CLEANUP_CONCURRENCY` at once,
/// keeping every slot busy: a VM whose session's expose call is among them starts once that
/// call is over, the others at once. Each call starts only if the lease outlives it; an item
/// whose call did not start comes back with no outcome.
async fn call_all<B: backend::Backend>(
    backend: &B,
    settings: &CleanupSettings,
    clock: &ServiceClock,
    lease_until: Timestamp,
    claimed: Vec<ClaimedItem>,
) -> Vec<(ClaimedItem, Option<CallOutcome>)> {
    let timeout_ms = settings.timeout_ms;
    // At most one budget of items: plain lists are enough (and smaller in the wasm than maps).
    let exposes: Vec<Option<String>> = claimed
        .iter()
        .filter(|i| i.kind == ItemKind::Expose)
        .map(|i| i.ticket.clone())
        .collect();
    let mut ready = std::collections::VecDeque::new();
    let mut waiting: Vec<ClaimedItem> = Vec::new();
    for item in claimed {
        if item.kind == ItemKind::Vm && exposes.contains(&item.ticket) {
            waiting.push(item);
        } else {
            ready.push_back(item);
        }
    }
    let call = |item: ClaimedItem| async move {
        // Never start a call the lease would not outlive: another sweep may claim the item
        // once the lease ends, and two calls for one VM must never overlap.
        let outlives = clock
            .now()
            .plus_millis(i64::from(timeout_ms))
            .is_some_and(|end| end <= lease_until);
        if !outlives {
            return (item, None);
        }
        let request = backend::request_for(
            item.kind,
            &item.lab_request_id,
            &item.user_id,
            item.payload.as_deref(),
            timeout_ms,
        );
        let outcome = backend::call(backend, item.kind, &request).await;
        (item, Some(outcome))
    };
    let mut in_flight = stream::FuturesUnordered::new();
    let mut outcomes = Vec::new();
    loop {
        while in_flight.len() < settings.concurrency {
            let Some(item) = ready.pop_front() else {
                break;
            };
            in_flight.push(call(item));
        }
        let Some((item, outcome)) = in_flight.next().await else {
            break;
        };
        if item.kind == ItemKind::Expose {
            let (now_ready, still): (Vec<_>, Vec<_>) = std::mem::take(&mut waiting)
                .into_iter()
                .partition(|vm| vm.ticket == item.ticket);
            ready.extend(now_ready);
            waiting = still;
        }
        outcomes.push((item, outcome));
    }
    outcomes
}

/// Alerts one sweep may send, on top of its VM budget (the free plan allows 50 subrequests
/// an invocation; the VM budget's default is 40).
pub const ALERT_BUDGET: usize = 5;

/// Sends due alerts to the webhook: the same outbox, lease and backoff as VM deletions, a
/// budget of their own, after the VM work, so an alert never delays a deletion.
async fn work_alerts<P: Platform>(
    engine: &Rc<Engine<P>>,
    settings: &CleanupSettings,
    logger: &Logger,
    run: &mut RunRecord,
    clock: &ServiceClock,
) -> Result<(), DbError> {
    let Some(webhook) = engine.webhook.as_ref() else {
        return Ok(());
    };
    let now = clock.now();
    let lease_until = now
        .plus_millis(settings.lease_ms())
        .unwrap_or(Timestamp::MAX);
    let claimed: Vec<ClaimedItem> = engine
        .db
        .all(items::claim_alerts(
            &run.id,
            &now.to_iso(),
            &lease_until.to_iso(),
            ALERT_BUDGET,
        ))
        .await?;
    if claimed.is_empty() {
        return Ok(());
    }
    let mut statements = Vec::with_capacity(claimed.len() + 2);
    let mut calls = CallCounts::default();
    for item in &claimed {
        // As for VMs: never start a call the lease would not outlive (a second sweep could
        // then post the same alert).
        let outlives = clock
            .now()
            .plus_millis(i64::from(settings.timeout_ms))
            .is_some_and(|end| end <= lease_until);
        if !outlives {
            statements.push(items::release(&run.id, &clock.now().to_iso(), item.id));
            continue;
        }
        let request = backend::request_for(
            item.kind,
            &item.lab_request_id,
            &item.user_id,
            item.payload.as_deref(),
            settings.timeout_ms,
        );
        let outcome = backend::call(webhook, item.kind, &request).await;
        calls.add(item.kind, &outcome);
        // An alert's failure is not the run's: its own counts and record stay the VMs'.
        let mut scratch = RunRecord::start(run.id.clone(), run.trigger, false, now);
        let settled_at = clock.now();
        let settlement = settle_one(
            engine,
            settings,
            logger,
            &mut scratch,
            settled_at,
            item,
            &outcome,
        );
        statements.push(items::settle(&run.id, &settled_at.to_iso(), &settlement));
    }
    statements.extend(calls.statements());
    engine.db.batch(statements).await?;
    Ok(())
}

/// Calls made, by kind and outcome, for `labs_cleanup_calls_total`.
#[derive(Default)]
struct CallCounts(std::collections::BTreeMap<(&'static str, &'static str), u64>);

impl CallCounts {
    fn add(&mut self, kind: ItemKind, outcome: &CallOutcome) {
        let result = match outcome {
            CallOutcome::Confirmed { status: 404 } => "not_found",
            CallOutcome::Confirmed { .. } => "deleted",
            CallOutcome::Failed { .. } => "failed",
        };
        *self.0.entry((kind.as_str(), result)).or_default() += 1;
    }

    fn statements(self) -> impl Iterator<Item = crate::db::Statement> {
        self.0.into_iter().map(|((kind, outcome), n)| {
            metrics::bump(
                "cleanup_calls",
                &format!("kind={kind},outcome={outcome}"),
                n,
            )
        })
    }
}

/// The alert for a VM whose deletion gave up: Slack-compatible `text`, the same facts as
/// fields beside it. Never a token or the backend's URL (the error names only the endpoint).
fn dead_vm_alert(item: &ClaimedItem, attempts: u32, error: Option<&str>) -> String {
    let retry = format!("labctl cleanup retry {}", item.id);
    let error = error.unwrap_or("unknown");
    serde_json::json!({
        "text": format!(
            "VM {} of user {} (lab {}) was not deleted after {attempts} attempts: {error}. \
             It costs money until it is: retry it with `{retry}`.",
            item.lab_request_id, item.user_id, item.lab_id
        ),
        "event": "vm_deletion_dead",
        "item_id": item.id,
        "user_id": item.user_id,
        "lab_id": item.lab_id,
        "lab_request_id": item.lab_request_id,
        "attempts": attempts,
        "last_error": error,
        "retry_command": retry,
    })
    .to_string()
}

/// At a cron sweep: if the previous one is more than 3 minutes old, the trigger was stale and
/// fires again: say so.
async fn alert_if_cron_resumed<P: Platform>(
    engine: &Rc<Engine<P>>,
    now: Timestamp,
) -> Result<(), DbError> {
    let Some(last) = engine
        .db
        .first::<runs::LastCronRow>(runs::last_cron())
        .await?
    else {
        return Ok(());
    };
    let Some(gap_ms) = Timestamp::parse(&last.started_at).map(|t| now.as_millis() - t.as_millis())
    else {
        return Ok(());
    };
    if gap_ms <= labs_core::status::CRON_STALE_MS {
        return Ok(());
    }
    let payload = serde_json::json!({
        "text": format!(
            "The cleanup cron fires again after {} minutes without a run: VM deletions were stalled until now.",
            gap_ms / 60_000
        ),
        "event": "cron_resumed",
        "last_run_at": last.started_at,
        "resumed_at": now.to_iso(),
        "gap_s": gap_ms / 1000,
    })
    .to_string();
    engine
        .db
        .run(items::alert(
            &format!("cron_resumed@{}", now.to_iso()),
            &payload,
            &now.to_iso(),
        ))
        .await?;
    Ok(())
}

/// Decides what one call's outcome does to its item, counting it in `run`.
fn settle_one<P: Platform>(
    engine: &Engine<P>,
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
    let fate = after_failure(attempts, settings, now, engine.host.unit());
    let line = |level: Level, message: &str| {
        logger
            .line(level, message)
            .with("item_id", item.id)
            .with("user_id", item.user_id.clone())
            .with("lab_request_id", item.lab_request_id.clone())
            .with("kind", item.kind.as_str())
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
