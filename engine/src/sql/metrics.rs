//! SQL for `metrics_counters`, and the reads behind `GET /api/v1/labs/status` and
//! `GET /metrics` (one batch: a consistent snapshot).

use serde::Deserialize;

use super::sessions::Ending;
use crate::db::Statement;

/// Adds `n` to counter `name{labels}`.
pub fn bump(name: &str, labels: &str, n: u64) -> Statement {
    Statement::new(
        "INSERT INTO metrics_counters (name, labels, value) VALUES (?1, ?2, ?3) \
         ON CONFLICT (name, labels) DO UPDATE SET value = value + excluded.value",
    )
    .bind(name)
    .bind(labels)
    .bind(n as i64)
}

/// Counts a created session, only if its row exists (in the insert's batch).
pub fn bump_created(session_id: &str, created_at: &str) -> Statement {
    Statement::new(
        "INSERT INTO metrics_counters (name, labels, value) SELECT 'sessions_created', '', 1 \
         WHERE EXISTS (SELECT 1 FROM labs_sessions WHERE id = ?1 AND created_at = ?2) \
         ON CONFLICT (name, labels) DO UPDATE SET value = value + 1",
    )
    .bind(session_id)
    .bind(created_at)
}

/// Counts the sessions `ending` ends (in the ending batch, before their rows go).
pub fn bump_ended(ending: Ending<'_>, now: &str) -> Statement {
    ending.statement(
        format!(
            "INSERT INTO metrics_counters (name, labels, value) \
             SELECT 'sessions_ended', 'reason=' || ?2, COUNT(*) FROM labs_sessions s WHERE {} \
             ON CONFLICT (name, labels) DO UPDATE SET value = value + excluded.value",
            ending.predicate("s.")
        ),
        now,
    )
}

/// A counter's row.
#[derive(Debug, Clone, Deserialize)]
pub struct CounterRow {
    /// Name without `labs_` and `_total`.
    pub name: String,
    /// `k=v,k=v`.
    pub labels: String,
    /// The count.
    pub value: u64,
}

/// Every counter.
pub fn counters() -> Statement {
    Statement::new("SELECT name, labels, value FROM metrics_counters ORDER BY name, labels")
}

/// Session counts at `now` (`in_10m` = now + 10 minutes).
#[derive(Debug, Clone, Deserialize)]
pub struct SessionsRow {
    /// Rows.
    pub live: u64,
    /// Expiring within 10 minutes.
    pub expiring_10m: Option<u64>,
    /// Past expiry, not yet swept.
    pub expired_waiting: Option<u64>,
    /// The oldest row's `created_at`.
    pub oldest: Option<String>,
}

/// [`SessionsRow`].
pub fn sessions(now: &str, in_10m: &str) -> Statement {
    Statement::new(
        "SELECT COUNT(*) AS live, SUM(expires_at > ?1 AND expires_at <= ?2) AS expiring_10m, \
         SUM(expires_at <= ?1) AS expired_waiting, MIN(created_at) AS oldest FROM labs_sessions",
    )
    .bind(now)
    .bind(in_10m)
}

/// Queue items (not alerts) by state and kind, with what is due now and the oldest pending.
#[derive(Debug, Clone, Deserialize)]
pub struct QueueRow {
    /// `pending` or `dead`.
    pub state: String,
    /// `vm`, `expose` or `alert`.
    pub kind: String,
    /// How many.
    pub n: u64,
    /// Of which due now and unleased.
    pub due: Option<u64>,
    /// The oldest one's `created_at`.
    pub oldest: Option<String>,
}

/// [`QueueRow`]s.
pub fn queue(now: &str) -> Statement {
    Statement::new(
        "SELECT state, kind, COUNT(*) AS n, \
         SUM(next_attempt_at <= ?1 AND (lease_until IS NULL OR lease_until <= ?1)) AS due, \
         MIN(created_at) AS oldest FROM cleanup_items WHERE state IN ('pending', 'dead') \
         GROUP BY state, kind",
    )
    .bind(now)
}

/// The last finished cron sweep.
#[derive(Debug, Clone, Deserialize)]
pub struct LastCronRow {
    /// When it started.
    pub started_at: String,
    /// Calls it made.
    pub calls_made: u32,
    /// Of which failed.
    pub failures: u32,
}

/// [`LastCronRow`].
pub fn last_cron() -> Statement {
    Statement::new(
        "SELECT started_at, calls_made, failures FROM cleanup_runs WHERE trigger = 'cron' \
         AND dry_run = 0 AND finished_at IS NOT NULL ORDER BY started_at DESC, id DESC LIMIT 1",
    )
}
