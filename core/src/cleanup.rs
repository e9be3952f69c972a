//! The cleanup policy: when a VM deletion counts as done, how failures back off, when an
//! item is given up on, and how much one sweep may do.
//!
//! The Worker's sweep (worker/src/cleanup.rs) does the I/O; every decision it makes comes
//! from here. See ARCHITECTURE.md for the life of a session from expiry to VM deletion.

use serde::{Deserialize, Serialize};

use crate::time::Timestamp;

/// The first retry delay: one minute.
pub const BACKOFF_BASE_MS: i64 = 60_000;
/// The longest retry delay: one hour.
pub const BACKOFF_CAP_MS: i64 = 3_600_000;
/// How far jitter moves a delay either way, as a fraction of it.
pub const JITTER_FRACTION: f64 = 0.2;

/// How a sweep is bounded. Read from the Worker's vars; every field has a default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CleanupSettings {
    /// Backend calls in flight at once (`CLEANUP_CONCURRENCY`, default 6: a Worker
    /// invocation gets six simultaneous connections).
    pub concurrency: usize,
    /// Backend calls one sweep may make (`CLEANUP_MAX_SUBREQUESTS`, default 40, under the
    /// free plan's 50 subrequests). What does not fit waits for the next sweep.
    pub max_subrequests: usize,
    /// Per-call timeout in ms (`CLEANUP_TIMEOUT_MS`, default 10000).
    pub timeout_ms: u32,
    /// Failed attempts after which an item is parked as dead (`CLEANUP_MAX_ATTEMPTS`, default 12).
    pub max_attempts: u32,
    /// Expired sessions one sweep moves into the queue (`CLEANUP_EXPIRE_BATCH`, default 500).
    pub expire_batch: usize,
}

impl Default for CleanupSettings {
    fn default() -> CleanupSettings {
        CleanupSettings {
            concurrency: 6,
            max_subrequests: 40,
            timeout_ms: 10_000,
            max_attempts: 12,
            expire_batch: 500,
        }
    }
}

impl CleanupSettings {
    /// Reads the settings through `var` (name → value); unset vars keep their defaults.
    ///
    /// A set but invalid value falls back to its default and is reported in the returned
    /// list (each entry names the var, what it must be and the default used): one typo must
    /// never stop every sweep, which would leave every VM undeleted.
    pub fn from_vars(var: impl Fn(&str) -> Option<String>) -> (CleanupSettings, Vec<String>) {
        fn read<T: std::str::FromStr + PartialOrd + Copy + std::fmt::Display>(
            var: &impl Fn(&str) -> Option<String>,
            problems: &mut Vec<String>,
            name: &str,
            default: T,
            (min, max): (T, T),
        ) -> T {
            let Some(raw) = var(name) else {
                return default;
            };
            match raw.trim().parse::<T>() {
                Ok(v) if v >= min && v <= max => v,
                _ => {
                    problems.push(format!(
                        "{name} must be a whole number from {min} to {max}; using the default {default}"
                    ));
                    default
                }
            }
        }
        let d = CleanupSettings::default();
        let mut p = Vec::new();
        let settings = CleanupSettings {
            concurrency: read(&var, &mut p, "CLEANUP_CONCURRENCY", d.concurrency, (1, 64)),
            max_subrequests: read(
                &var,
                &mut p,
                "CLEANUP_MAX_SUBREQUESTS",
                d.max_subrequests,
                (1, 100_000),
            ),
            timeout_ms: read(
                &var,
                &mut p,
                "CLEANUP_TIMEOUT_MS",
                d.timeout_ms,
                (100, 600_000),
            ),
            max_attempts: read(
                &var,
                &mut p,
                "CLEANUP_MAX_ATTEMPTS",
                d.max_attempts,
                (1, 1_000),
            ),
            expire_batch: read(
                &var,
                &mut p,
                "CLEANUP_EXPIRE_BATCH",
                d.expire_batch,
                (1, 10_000),
            ),
        };
        (settings, p)
    }

    /// How long a sweep holds the items it claimed: long enough to make every call it may
    /// make, one wave of `concurrency` at a time, each up to the timeout, plus a minute.
    pub fn lease_ms(&self) -> i64 {
        let waves = self.max_subrequests.div_ceil(self.concurrency) as i64;
        waves * i64::from(self.timeout_ms) + 60_000
    }
}

/// What a cleanup item asks of the backend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ItemKind {
    /// Delete one VM: `POST /api/v1/labs/delete`.
    Vm,
    /// Remove the master VM's exposed services: `DELETE /api/v1/expose/` (best effort).
    Expose,
    /// Tell a person: POST the item's payload to `ALERT_WEBHOOK_URL`.
    Alert,
}

/// Where an item stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ItemState {
    /// Waiting for its next attempt.
    Pending,
    /// The backend confirmed it.
    Done,
    /// Given up after the last attempt; kept until an operator retries it.
    Dead,
}

impl ItemKind {
    /// The name stored in `cleanup_items.kind` and shown by the API.
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Vm => "vm",
            ItemKind::Expose => "expose",
            ItemKind::Alert => "alert",
        }
    }
}

impl ItemState {
    /// Every state, in the order the API lists them.
    pub const ALL: [ItemState; 3] = [ItemState::Pending, ItemState::Dead, ItemState::Done];

    /// The name stored in `cleanup_items.state` and shown by the API.
    pub fn as_str(self) -> &'static str {
        match self {
            ItemState::Pending => "pending",
            ItemState::Done => "done",
            ItemState::Dead => "dead",
        }
    }
}

/// The result of one backend call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CallOutcome {
    /// The backend answered 2xx, or 404 (already gone).
    Confirmed {
        /// The status it answered.
        status: u16,
    },
    /// Anything else: another status, a timeout, a refused or dropped connection.
    Failed {
        /// The status, when there was an answer.
        status: Option<u16>,
        /// What went wrong, for the item's `last_error` (never holds a credential).
        error: String,
    },
}

impl CallOutcome {
    /// The outcome of an answer with `status` to a call of `kind`: 2xx confirms, and so
    /// does 404 from the VM backend (already gone), never from an alert's webhook. The error
    /// says what the answer was; the caller puts the endpoint in front.
    pub fn from_status(kind: ItemKind, status: u16) -> CallOutcome {
        let gone = status == 404 && kind != ItemKind::Alert;
        if (200..300).contains(&status) || gone {
            CallOutcome::Confirmed { status }
        } else {
            CallOutcome::Failed {
                status: Some(status),
                error: match status {
                    300..=399 => {
                        format!("answered {status} (a redirect; redirects are not followed)")
                    }
                    _ => format!("answered {status}"),
                },
            }
        }
    }

    /// Whether the backend confirmed the deletion.
    pub fn is_confirmed(&self) -> bool {
        matches!(self, CallOutcome::Confirmed { .. })
    }
}

/// The base delay before attempt `attempts + 1`, after `attempts` failures (at least 1):
/// 1 min, 2 min, 4 min, ... at most 1 h.
pub fn backoff_base_ms(attempts: u32) -> i64 {
    let doublings = attempts.saturating_sub(1).min(32);
    BACKOFF_BASE_MS
        .saturating_mul(1_i64 << doublings)
        .min(BACKOFF_CAP_MS)
}

/// The jittered delay after `attempts` failures. `unit` is a random number in `[0, 1)`; the
/// delay lies within ±20% of the base, and never above the one-hour cap.
pub fn backoff_ms(attempts: u32, unit: f64) -> i64 {
    let base = backoff_base_ms(attempts) as f64;
    let factor = 1.0 - JITTER_FRACTION + 2.0 * JITTER_FRACTION * unit.clamp(0.0, 1.0);
    ((base * factor) as i64).min(BACKOFF_CAP_MS)
}

/// What happens to an item after a failed call that brought it to `attempts` failures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterFailure {
    /// Try again at this instant.
    RetryAt(Timestamp),
    /// Park it as dead: no more automatic attempts.
    Dead,
}

/// Decides the fate of an item that has now failed `attempts` times at `now`.
pub fn after_failure(
    attempts: u32,
    settings: &CleanupSettings,
    now: Timestamp,
    unit: f64,
) -> AfterFailure {
    if attempts >= settings.max_attempts {
        return AfterFailure::Dead;
    }
    match now.plus_millis(backoff_ms(attempts, unit)) {
        Some(at) => AfterFailure::RetryAt(at),
        None => AfterFailure::Dead,
    }
}

/// What started a sweep.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Trigger {
    /// The every-minute cron.
    Cron,
    /// `POST /api/v1/labs/cleanup`.
    Forced,
    /// `DELETE /api/v1/labs/sessions/:user_id`.
    Delete,
    /// A Cloudflare Queue consumer working the sessions its messages name.
    Queue,
}

impl Trigger {
    /// The name stored in `cleanup_runs.trigger`.
    pub fn as_str(self) -> &'static str {
        match self {
            Trigger::Cron => "cron",
            Trigger::Forced => "forced",
            Trigger::Delete => "delete",
            Trigger::Queue => "queue",
        }
    }
}

/// One item's error, as a run record lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RunError {
    /// The cleanup item.
    pub item_id: i64,
    /// The user whose lab it was.
    pub user_id: String,
    /// The VM's provisioning request id.
    pub lab_request_id: String,
    /// `vm` or `expose`.
    pub kind: ItemKind,
    /// What went wrong.
    pub error: String,
}

/// The most errors a run record keeps.
pub const MAX_RUN_ERRORS: usize = 20;

/// The record of one sweep: what `cleanup_runs` stores and the cleanup endpoints return.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RunRecord {
    /// The run's id.
    pub id: String,
    /// What started it.
    pub trigger: Trigger,
    /// Whether it only reported what it would do.
    pub dry_run: bool,
    /// When it started.
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub started_at: String,
    /// When it ended (`null` while running).
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub finished_at: Option<String>,
    /// How long it took, in ms.
    pub duration_ms: Option<i64>,
    /// Sessions it moved from `labs_sessions` into the queue (would move, when dry).
    pub sessions_expired: u32,
    /// Backend calls made (would make, when dry).
    pub calls_made: u32,
    /// VM deletions the backend confirmed.
    pub vms_deleted: u32,
    /// Calls that failed.
    pub failures: u32,
    /// Due items left for a later sweep because the budget was spent.
    pub deferred: u32,
    /// Items parked as dead by this run.
    pub newly_dead: u32,
    /// The first few errors.
    pub errors: Vec<RunError>,
    /// `CLEANUP_*` values that were refused for this run, each replaced by its default.
    pub config_problems: Vec<String>,
}

impl RunRecord {
    /// A fresh record for a run starting at `now`.
    pub fn start(id: String, trigger: Trigger, dry_run: bool, now: Timestamp) -> RunRecord {
        RunRecord {
            id,
            trigger,
            dry_run,
            started_at: now.to_iso(),
            finished_at: None,
            duration_ms: None,
            sessions_expired: 0,
            calls_made: 0,
            vms_deleted: 0,
            failures: 0,
            deferred: 0,
            newly_dead: 0,
            errors: Vec::new(),
            config_problems: Vec::new(),
        }
    }

    /// Notes an error, keeping at most [`MAX_RUN_ERRORS`].
    pub fn note_error(&mut self, error: RunError) {
        if self.errors.len() < MAX_RUN_ERRORS {
            self.errors.push(error);
        }
    }

    /// Closes the record at `now`.
    pub fn finish(&mut self, now: Timestamp) {
        let started = Timestamp::parse(&self.started_at)
            .map(Timestamp::as_millis)
            .unwrap_or(now.as_millis());
        self.finished_at = Some(now.to_iso());
        self.duration_ms = Some((now.as_millis() - started).max(0));
    }
}

/// The `data` of `GET /api/v1/labs/cleanup/runs`: one page of runs, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RunPage {
    /// The runs of this page.
    pub runs: Vec<RunRecord>,
    /// Pass as `cursor` for the next page; `null` on the last page.
    pub next_cursor: Option<String>,
}

/// A cleanup queue item, as the queue endpoints return it (one `cleanup_items` row joined
/// with its ended session).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QueueItem {
    /// Item id (what `retry` takes).
    pub id: i64,
    /// The ended session's id (`null` for an alert about the cron trigger).
    pub session_id: Option<String>,
    /// The user whose lab it was.
    pub user_id: String,
    /// The lab.
    pub lab_id: String,
    /// `vm` or `expose`.
    pub kind: ItemKind,
    /// The VM's provisioning request id.
    pub lab_request_id: String,
    /// `pending`, `done` or `dead`.
    pub state: ItemState,
    /// Failed attempts so far.
    pub attempts: u32,
    /// When it will next be tried.
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub next_attempt_at: String,
    /// The backend's last status, if any.
    pub last_status: Option<u16>,
    /// The last error, if any.
    pub last_error: Option<String>,
    /// When it was queued.
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub created_at: String,
    /// When it last changed.
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub updated_at: String,
    /// When the backend confirmed it.
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub completed_at: Option<String>,
}

/// The `data` of `GET /api/v1/labs/cleanup/queue`: one page of items, by id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QueuePage {
    /// The items of this page.
    pub items: Vec<QueueItem>,
    /// Pass as `cursor` for the next page; `null` on the last page.
    pub next_cursor: Option<String>,
}

/// The `data` of `POST /api/v1/labs/cleanup/queue/retry-dead`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RetriedCount {
    /// How many dead items were made due again.
    pub retried: usize,
}

/// How many run records and days of history are kept.
pub const RUNS_KEPT: usize = 1_000;
/// Days of run history (and of finished queue items) kept.
pub const HISTORY_DAYS: i64 = 30;

/// Rounds of ending expired sessions one cron run makes, each of up to `expire_batch`
/// sessions (one atomic batch each): 5,000 sessions a minute at the defaults.
pub const END_ROUNDS_MAX: usize = 10;

/// Fan-out over a Cloudflare Queue (the `CLEANUP_QUEUE` binding).
///
/// The D1 queue (`cleanup_items`) stays the one source of truth: a message only names ended
/// sessions whose items are due, and the consumer that gets it claims those items under a
/// lease, as any sweep does. So a lost message only delays its items (the cron dispatches
/// them again once [`DISPATCH_HOLD_MS`] has passed), and a duplicated or late one finds them
/// leased or done and makes no call.
pub mod fanout {
    use serde::{Deserialize, Serialize};

    /// How long the cron leaves an item it dispatched before dispatching it again: the most
    /// a lost message delays its items.
    pub const DISPATCH_HOLD_MS: i64 = 5 * 60_000;
    /// Items one cron run dispatches at most (20,000: a cohort of 5,000 three-VM labs).
    pub const DISPATCH_MAX_ITEMS: usize = 20_000;
    /// Messages per send (the platform's `sendBatch` takes at most 100).
    pub const SEND_BATCH_MAX: usize = 100;

    /// One queue message: the ended sessions (tickets) whose due items a consumer works, in
    /// the order the work was queued.
    #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Message {
        /// Tickets of ended sessions (`cleanup_sessions.ticket`).
        pub tickets: Vec<String>,
    }

    impl Message {
        /// The message's body as sent (JSON text).
        pub fn to_body(&self) -> String {
            serde_json::json!({ "tickets": self.tickets }).to_string()
        }

        /// Reads a body; `None` for anything but a non-empty list of tickets.
        pub fn parse(body: &str) -> Option<Message> {
            let m: Message = serde_json::from_str(body).ok()?;
            (!m.tickets.is_empty() && m.tickets.iter().all(|t| !t.is_empty())).then_some(m)
        }
    }

    /// Packs tickets, each with its count of due items and in work order, into messages of
    /// at most `per_message` items each (one consumer invocation's call budget), keeping the
    /// order; each message comes with its count of items. A ticket with more items than
    /// that travels alone: its consumer works what its budget allows and hands the message
    /// back for the rest.
    pub fn pack(
        tickets: impl IntoIterator<Item = (String, usize)>,
        per_message: usize,
    ) -> Vec<(Message, usize)> {
        let mut messages = Vec::new();
        let mut current: Vec<String> = Vec::new();
        let mut items = 0;
        for (ticket, n) in tickets {
            if !current.is_empty() && items + n > per_message {
                let tickets = std::mem::take(&mut current);
                messages.push((Message { tickets }, items));
                items = 0;
            }
            current.push(ticket);
            items += n;
        }
        if !current.is_empty() {
            messages.push((Message { tickets: current }, items));
        }
        messages
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        fn t(names: &[&str]) -> Message {
            Message {
                tickets: names.iter().map(|n| n.to_string()).collect(),
            }
        }

        #[test]
        fn packing_fills_each_message_up_to_the_budget_in_order() {
            let tickets = [("a", 4), ("b", 4), ("c", 4), ("d", 1), ("e", 9), ("f", 2)]
                .map(|(n, c)| (n.to_string(), c));
            assert_eq!(
                pack(tickets, 9),
                vec![
                    (t(&["a", "b"]), 8),
                    (t(&["c", "d"]), 5),
                    (t(&["e"]), 9),
                    (t(&["f"]), 2)
                ]
            );
        }

        #[test]
        fn a_ticket_over_the_budget_travels_alone() {
            let tickets = [("a", 1), ("big", 50), ("b", 1)].map(|(n, c)| (n.to_string(), c));
            assert_eq!(
                pack(tickets, 40),
                vec![(t(&["a"]), 1), (t(&["big"]), 50), (t(&["b"]), 1)]
            );
            assert!(pack(Vec::new(), 40).is_empty());
        }

        #[test]
        fn bodies_round_trip_and_anything_else_is_refused() {
            let m = t(&["s-1@2026-12-01T00:00:00.000Z", "s-2@x"]);
            assert_eq!(Message::parse(&m.to_body()), Some(m));
            for bad in [
                "",
                "null",
                "{}",
                "[]",
                r#"{"tickets": []}"#,
                r#"{"tickets": [""]}"#,
                r#"{"tickets": [1]}"#,
                r#"{"tickets": ["a"], "extra": 1}"#,
                "not json",
            ] {
                assert_eq!(Message::parse(bad), None, "{bad}");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(ms: i64) -> Timestamp {
        Timestamp::from_millis(ms).unwrap()
    }

    #[test]
    fn two_xx_and_404_confirm_everything_else_fails() {
        for s in [200, 201, 204, 299, 404] {
            assert!(
                CallOutcome::from_status(ItemKind::Vm, s).is_confirmed(),
                "{s}"
            );
        }
        for s in [199, 300, 302, 400, 401, 403, 409, 429, 500, 502, 503] {
            assert!(
                !CallOutcome::from_status(ItemKind::Vm, s).is_confirmed(),
                "{s}"
            );
        }
        assert!(!CallOutcome::from_status(ItemKind::Alert, 404).is_confirmed());
        assert!(CallOutcome::from_status(ItemKind::Alert, 204).is_confirmed());
    }

    #[test]
    fn backoff_doubles_from_a_minute_to_an_hour() {
        let bases: Vec<i64> = (1..=9).map(backoff_base_ms).collect();
        assert_eq!(
            bases,
            [
                60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000, 3_600_000, 3_600_000,
                3_600_000
            ]
        );
        assert_eq!(backoff_base_ms(u32::MAX), BACKOFF_CAP_MS);
        assert_eq!(backoff_base_ms(0), BACKOFF_BASE_MS);
    }

    #[test]
    fn jitter_stays_within_bounds_and_delays_keep_growing() {
        for attempts in 1..=12 {
            let low = backoff_ms(attempts, 0.0);
            let high = backoff_ms(attempts, 0.999_999);
            let base = backoff_base_ms(attempts);
            assert!(
                low >= (base as f64 * 0.8) as i64 - 1 && high <= BACKOFF_CAP_MS,
                "{attempts}: {low}..{high}"
            );
            if attempts < 6 {
                // Even the unluckiest next delay beats the luckiest current one.
                assert!(backoff_ms(attempts + 1, 0.0) > high, "{attempts}");
            }
        }
        assert_eq!(backoff_ms(3, 7.0), backoff_ms(3, 1.0), "unit is clamped");
    }

    #[test]
    fn items_die_after_the_last_attempt() {
        let s = CleanupSettings {
            max_attempts: 3,
            ..Default::default()
        };
        let now = at(1_000_000);
        assert_eq!(
            after_failure(1, &s, now, 0.5),
            AfterFailure::RetryAt(at(1_060_000))
        );
        assert!(matches!(
            after_failure(2, &s, now, 0.5),
            AfterFailure::RetryAt(_)
        ));
        assert_eq!(after_failure(3, &s, now, 0.5), AfterFailure::Dead);
        assert_eq!(after_failure(4, &s, now, 0.5), AfterFailure::Dead);
    }

    #[test]
    fn settings_read_vars_and_replace_bad_ones_by_their_defaults() {
        let (s, problems) = CleanupSettings::from_vars(|_| None);
        assert_eq!(s, CleanupSettings::default());
        assert!(problems.is_empty());
        let (s, problems) =
            CleanupSettings::from_vars(|n| (n == "CLEANUP_CONCURRENCY").then(|| "3".into()));
        assert_eq!(s.concurrency, 3);
        assert!(problems.is_empty());
        let (s, problems) = CleanupSettings::from_vars(|n| match n {
            "CLEANUP_TIMEOUT_MS" => Some("ten".into()),
            "CLEANUP_CONCURRENCY" => Some("0".into()),
            "CLEANUP_MAX_ATTEMPTS" => Some("5".into()),
            _ => None,
        });
        assert_eq!(s.timeout_ms, 10_000);
        assert_eq!(s.concurrency, 6);
        assert_eq!(s.max_attempts, 5);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(
            problems[0].starts_with("CLEANUP_CONCURRENCY"),
            "{problems:?}"
        );
        assert!(problems[1].contains("CLEANUP_TIMEOUT_MS") && problems[1].contains("10000"));
    }

    #[test]
    fn lease_outlasts_the_longest_run() {
        let s = CleanupSettings::default();
        // 40 calls, 6 at a time = 7 waves of up to 10 s, plus a minute.
        assert_eq!(s.lease_ms(), 7 * 10_000 + 60_000);
    }

    #[test]
    fn run_records_cap_errors_and_time_themselves() {
        let mut r = RunRecord::start("r1".into(), Trigger::Cron, false, at(1_000));
        for i in 0..30 {
            r.note_error(RunError {
                item_id: i,
                user_id: "u".into(),
                lab_request_id: "v".into(),
                kind: ItemKind::Vm,
                error: "500".into(),
            });
        }
        assert_eq!(r.errors.len(), MAX_RUN_ERRORS);
        r.finish(at(3_500));
        assert_eq!(r.duration_ms, Some(2_500));
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!(json["trigger"], "cron");
        assert_eq!(json["errors"][0]["kind"], "vm");
    }
}
