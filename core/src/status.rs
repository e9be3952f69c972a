//! Whether VMs are being deleted, at a glance: the rules behind `GET /api/v1/labs/status`,
//! `labctl status` and the gauges of `GET /metrics`.
//!
//! | code | when | status |
//! | --- | --- | --- |
//! | `cron_stale` | no cron-triggered sweep for more than 3 minutes while sessions are live or items pending: the trigger is not firing | failing |
//! | `dead_items` | an item gave up and waits for `labctl cleanup retry` | failing |
//! | `backend_failing` | every call of the last sweep that made calls (cron, queue consumer, forced or DELETE) failed, at least 3 | failing |
//! | `backlog` | the pending calls would take more than 30 minutes at the rate of the last 5 minutes (at least one budget a minute) | degraded |
//! | `config_invalid` | a `CLEANUP_*` value was refused and its default used | degraded |

use serde::{Deserialize, Serialize};

use crate::time::Timestamp;

/// How long without a cron sweep counts as the trigger not firing.
pub const CRON_STALE_MS: i64 = 3 * 60_000;
/// How long a backlog may take to drain before it is a problem, in minutes.
pub const BACKLOG_MINUTES: u64 = 30;
/// The fewest calls a cron sweep must have made, all failing, for `backend_failing`.
pub const BACKEND_FAILING_MIN_CALLS: u32 = 3;

/// The overall state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum StatusLevel {
    /// Nothing wrong.
    Ok,
    /// Something needs attention soon.
    Degraded,
    /// VMs are not being deleted, or one never will be without a person.
    Failing,
}

/// One problem: a stable code and what it means here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Problem {
    /// `cron_stale`, `dead_items`, `backend_failing`, `backlog` or `config_invalid`.
    pub code: String,
    /// What is wrong, with the figures.
    pub message: String,
}

/// Sessions, as the status counts them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionCounts {
    /// Rows in `labs_sessions` (expired ones not yet swept included).
    pub live: u64,
    /// Live sessions expiring within 10 minutes.
    pub expiring_10m: u64,
    /// Sessions past their expiry that no sweep has ended yet.
    pub expired_waiting: u64,
}

/// The cleanup queue (VM and expose calls), as the status counts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QueueCounts {
    /// Calls waiting.
    pub pending: u64,
    /// Of which due now.
    pub due_now: u64,
    /// Calls that gave up.
    pub dead: u64,
    /// Age of the oldest pending call, in seconds.
    pub oldest_pending_age_s: Option<i64>,
}

/// The cron trigger.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CronState {
    /// When the last cron-triggered sweep started.
    pub last_run_at: Option<String>,
    /// How long ago, in seconds.
    pub age_s: Option<i64>,
}

/// How fast the queue drains.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Capacity {
    /// Backend calls one sweep may make (`CLEANUP_MAX_SUBREQUESTS`).
    pub calls_per_run: u64,
    /// The drain rate the backlog is judged by: calls a minute over the last 5 minutes,
    /// at least one sweep's budget (the cron's alone, without a queue).
    #[serde(default)]
    pub calls_per_minute: u64,
    /// Minutes the pending calls take at that rate.
    pub drain_minutes: u64,
}

/// The `data` of `GET /api/v1/labs/status`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Status {
    /// `ok`, `degraded` or `failing`.
    pub status: StatusLevel,
    /// What is wrong, worst first.
    pub problems: Vec<Problem>,
    /// Sessions.
    pub sessions: SessionCounts,
    /// The queue.
    pub queue: QueueCounts,
    /// The cron trigger.
    pub cron: CronState,
    /// The drain rate.
    pub capacity: Capacity,
}

/// What the status is computed from (one read of the database, and the configuration).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Observed {
    /// Session counts.
    pub sessions: SessionCounts,
    /// Queue counts (without the age).
    pub pending: u64,
    /// Due now.
    pub due_now: u64,
    /// Dead.
    pub dead: u64,
    /// When the oldest pending call was queued.
    pub oldest_pending_at: Option<String>,
    /// When the oldest live session was created (the clock for `cron_stale` before any run).
    pub oldest_live_at: Option<String>,
    /// The last cron sweep: when it started, calls it made, of which failed.
    pub last_cron: Option<(String, u32, u32)>,
    /// The last sweep of any trigger that made calls: calls made, of which failed (with a
    /// queue, the cron makes none: its consumers do).
    pub last_calls: Option<(u32, u32)>,
    /// Calls made by sweeps that started in the last 5 minutes.
    pub recent_calls: u64,
    /// `CLEANUP_MAX_SUBREQUESTS`.
    pub calls_per_run: u64,
    /// Refused `CLEANUP_*` values.
    pub config_problems: Vec<String>,
}

fn age_s(now: Timestamp, at: Option<&str>) -> Option<i64> {
    at.and_then(Timestamp::parse)
        .map(|t| (now.as_millis() - t.as_millis()).max(0) / 1000)
}

/// Applies the rules (see the module docs) at `now`.
pub fn assess(o: &Observed, now: Timestamp) -> Status {
    let mut problems = Vec::new();
    let mut problem = |code: &str, message: String| {
        problems.push(Problem {
            code: code.into(),
            message,
        })
    };
    let cron_age = age_s(now, o.last_cron.as_ref().map(|(at, _, _)| at.as_str()));
    let busy = o.sessions.live > 0 || o.pending > 0;
    // Before any cron sweep, the clock starts with the oldest work waiting for one.
    let waiting_since = match (&o.oldest_live_at, &o.oldest_pending_at) {
        (Some(a), Some(b)) => Some(a.min(b).clone()),
        (a, b) => a.clone().or_else(|| b.clone()),
    };
    let stale_for = cron_age.or_else(|| age_s(now, waiting_since.as_deref()));
    if busy && stale_for.is_some_and(|s| s * 1000 > CRON_STALE_MS) {
        problem(
            "cron_stale",
            match cron_age {
                Some(s) => format!("no cron sweep for {s} s while work is waiting: the cron trigger is not firing"),
                None => "no cron sweep has run yet while work has been waiting for over 3 minutes: the cron trigger is not firing".into(),
            },
        );
    }
    if o.dead > 0 {
        problem(
            "dead_items",
            format!(
                "{} cleanup call(s) gave up and will not be retried without an operator",
                o.dead
            ),
        );
    }
    if let Some((calls, failures)) = &o.last_calls
        && *calls >= BACKEND_FAILING_MIN_CALLS
        && failures == calls
    {
        problem(
            "backend_failing",
            format!("every one of the last sweep's {calls} backend calls failed"),
        );
    }
    let per_minute = o.calls_per_run.max(o.recent_calls / 5).max(1);
    let drain_minutes = o.pending.div_ceil(per_minute);
    if drain_minutes > BACKLOG_MINUTES {
        problem(
            "backlog",
            format!(
                "{} pending calls take {drain_minutes} minutes at {per_minute} calls a minute",
                o.pending
            ),
        );
    }
    for p in &o.config_problems {
        problem("config_invalid", p.clone());
    }
    let failing = ["cron_stale", "dead_items", "backend_failing"];
    let status = if problems.iter().any(|p| failing.contains(&p.code.as_str())) {
        StatusLevel::Failing
    } else if problems.is_empty() {
        StatusLevel::Ok
    } else {
        StatusLevel::Degraded
    };
    Status {
        status,
        problems,
        sessions: o.sessions,
        queue: QueueCounts {
            pending: o.pending,
            due_now: o.due_now,
            dead: o.dead,
            oldest_pending_age_s: age_s(now, o.oldest_pending_at.as_deref()),
        },
        cron: CronState {
            last_run_at: o.last_cron.as_ref().map(|(at, _, _)| at.clone()),
            age_s: cron_age,
        },
        capacity: Capacity {
            calls_per_run: o.calls_per_run,
            calls_per_minute: per_minute,
            drain_minutes,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: &str = "2026-12-01T12:00:00.000Z";

    fn now() -> Timestamp {
        Timestamp::parse(NOW).unwrap()
    }

    fn ago(minutes: i64) -> String {
        now().plus_millis(-minutes * 60_000).unwrap().to_iso()
    }

    fn codes(s: &Status) -> Vec<&str> {
        s.problems.iter().map(|p| p.code.as_str()).collect()
    }

    fn fresh() -> Observed {
        Observed {
            calls_per_run: 40,
            ..Default::default()
        }
    }

    #[test]
    fn a_fresh_service_is_ok() {
        let s = assess(&fresh(), now());
        assert_eq!(s.status, StatusLevel::Ok);
        assert!(s.problems.is_empty());
        assert_eq!(s.cron.last_run_at, None);
    }

    #[test]
    fn a_cron_that_stopped_firing_is_failing_only_while_work_waits() {
        let mut o = fresh();
        o.last_cron = Some((ago(5), 0, 0));
        assert_eq!(
            assess(&o, now()).status,
            StatusLevel::Ok,
            "idle: nothing to sweep"
        );
        o.sessions.live = 1;
        let s = assess(&o, now());
        assert_eq!(
            (s.status, codes(&s)),
            (StatusLevel::Failing, vec!["cron_stale"])
        );
        assert_eq!(s.cron.age_s, Some(300));
        o.last_cron = Some((ago(2), 0, 0));
        assert_eq!(assess(&o, now()).status, StatusLevel::Ok);
        // Never ran: stale once the oldest waiting work is over 3 minutes old.
        o.last_cron = None;
        o.oldest_live_at = Some(ago(1));
        assert_eq!(assess(&o, now()).status, StatusLevel::Ok);
        o.oldest_live_at = Some(ago(4));
        assert_eq!(codes(&assess(&o, now())), vec!["cron_stale"]);
    }

    #[test]
    fn dead_items_and_a_failing_backend_are_failing() {
        let mut o = fresh();
        o.dead = 2;
        assert_eq!(codes(&assess(&o, now())), vec!["dead_items"]);
        let mut o = fresh();
        o.last_cron = Some((ago(1), 0, 0));
        o.last_calls = Some((3, 3));
        assert_eq!(codes(&assess(&o, now())), vec!["backend_failing"]);
        o.last_calls = Some((2, 2));
        assert!(
            assess(&o, now()).problems.is_empty(),
            "too few calls to judge"
        );
        o.last_calls = Some((5, 4));
        assert!(
            assess(&o, now()).problems.is_empty(),
            "one call got through"
        );
    }

    #[test]
    fn a_backlog_and_a_bad_setting_are_degraded() {
        let mut o = fresh();
        o.last_cron = Some((ago(0), 0, 0));
        o.pending = 1_240;
        o.calls_per_run = 40;
        let s = assess(&o, now());
        assert_eq!(
            (s.status, codes(&s)),
            (StatusLevel::Degraded, vec!["backlog"])
        );
        assert_eq!(s.capacity.drain_minutes, 31);
        o.pending = 1_200;
        assert!(assess(&o, now()).problems.is_empty());
        // Queue consumers draining 2,000 calls a minute: 20,000 pending is a 10-minute job.
        o.pending = 20_000;
        assert_eq!(codes(&assess(&o, now())), vec!["backlog"]);
        o.recent_calls = 10_000;
        let s = assess(&o, now());
        assert!(s.problems.is_empty(), "{s:?}");
        assert_eq!(
            (s.capacity.calls_per_minute, s.capacity.drain_minutes),
            (2_000, 10)
        );
        o.pending = 1_200;
        o.config_problems = vec!["CLEANUP_TIMEOUT_MS must be ...".into()];
        let s = assess(&o, now());
        assert_eq!(
            (s.status, codes(&s)),
            (StatusLevel::Degraded, vec!["config_invalid"])
        );
        o.dead = 1;
        assert_eq!(
            assess(&o, now()).status,
            StatusLevel::Failing,
            "the worst wins"
        );
    }
}
