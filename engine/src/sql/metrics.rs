//! SQL for `metrics_counters`, the counters of `GET /metrics`. (The gauges are read from
//! each table's own module: `sessions::status_counts`, `items::status_counts`,
//! `runs::last_cron`.)

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
