//! SQL for `cleanup_runs`, the sweep history.

use labs_core::cleanup::{RUNS_KEPT, RunRecord, Trigger};
use serde::Deserialize;

use crate::db::{DbError, Statement};

/// A `cleanup_runs` row.
#[derive(Deserialize)]
pub struct RunRow {
    id: String,
    trigger: Trigger,
    dry_run: u8,
    started_at: String,
    finished_at: Option<String>,
    duration_ms: Option<i64>,
    sessions_expired: u32,
    calls_made: u32,
    vms_deleted: u32,
    failures: u32,
    deferred: u32,
    newly_dead: u32,
    errors: String,
    config_problems: String,
}

impl TryFrom<RunRow> for RunRecord {
    type Error = DbError;
    fn try_from(r: RunRow) -> Result<RunRecord, DbError> {
        fn json<T: serde::de::DeserializeOwned>(column: &str, text: &str) -> Result<T, DbError> {
            serde_json::from_str(text).map_err(|e| DbError(format!("cleanup_runs.{column}: {e}")))
        }
        Ok(RunRecord {
            errors: json("errors", &r.errors)?,
            config_problems: json("config_problems", &r.config_problems)?,
            id: r.id,
            trigger: r.trigger,
            dry_run: r.dry_run != 0,
            started_at: r.started_at,
            finished_at: r.finished_at,
            duration_ms: r.duration_ms,
            sessions_expired: r.sessions_expired,
            calls_made: r.calls_made,
            vms_deleted: r.vms_deleted,
            failures: r.failures,
            deferred: r.deferred,
            newly_dead: r.newly_dead,
        })
    }
}

/// Writes `run` (inserted at its start, replaced when it ends).
pub fn save(run: &RunRecord) -> Statement {
    Statement::new(
        "INSERT OR REPLACE INTO cleanup_runs (id, trigger, dry_run, started_at, finished_at, \
         duration_ms, sessions_expired, calls_made, vms_deleted, failures, deferred, newly_dead, \
         errors, config_problems) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )
    .bind(run.id.as_str())
    .bind(run.trigger.as_str())
    .bind(run.dry_run)
    .bind(run.started_at.as_str())
    .bind(run.finished_at.as_deref())
    .bind(run.duration_ms)
    .bind(run.sessions_expired)
    .bind(run.calls_made)
    .bind(run.vms_deleted)
    .bind(run.failures)
    .bind(run.deferred)
    .bind(run.newly_dead)
    .bind(to_json(&run.errors))
    .bind(to_json(&run.config_problems))
}

/// A run field stored as JSON text.
fn to_json(value: &impl serde::Serialize) -> String {
    serde_json::to_string(value).expect("run fields always serialize")
}

const COLUMNS: &str = "id, trigger, dry_run, started_at, finished_at, duration_ms, sessions_expired, \
    calls_made, vms_deleted, failures, deferred, newly_dead, errors, config_problems";

/// One run by id.
pub fn get(id: &str) -> Statement {
    Statement::new(format!("SELECT {COLUMNS} FROM cleanup_runs WHERE id = ?1")).bind(id)
}

/// Runs newest first, strictly before the `(started_at, id)` cursor when given.
pub fn list(before: Option<(&str, &str)>, limit: usize) -> Statement {
    match before {
        Some((started, id)) => Statement::new(format!(
            "SELECT {COLUMNS} FROM cleanup_runs WHERE (started_at, id) < (?1, ?2) \
             ORDER BY started_at DESC, id DESC LIMIT ?3"
        ))
        .bind(started)
        .bind(id)
        .bind(limit),
        None => Statement::new(format!(
            "SELECT {COLUMNS} FROM cleanup_runs ORDER BY started_at DESC, id DESC LIMIT ?1"
        ))
        .bind(limit),
    }
}

/// Keeps the newest [`RUNS_KEPT`] runs that started after `cutoff`.
pub fn prune(cutoff: &str) -> Statement {
    Statement::new(
        "DELETE FROM cleanup_runs WHERE started_at < ?1 OR id IN \
         (SELECT id FROM cleanup_runs ORDER BY started_at DESC, id DESC LIMIT -1 OFFSET ?2)",
    )
    .bind(cutoff)
    .bind(RUNS_KEPT)
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
         AND dry_run = 0 AND finished_at IS NOT NULL ORDER BY started_at DESC LIMIT 1",
    )
}

/// The last finished sweep (any trigger, not dry) that made calls: `calls_made`, `failures`.
pub fn last_calls() -> Statement {
    Statement::new(
        "SELECT calls_made, failures FROM cleanup_runs WHERE dry_run = 0 \
         AND finished_at IS NOT NULL AND calls_made > 0 ORDER BY started_at DESC LIMIT 1",
    )
}

/// Calls made by sweeps started at or after `since`, as column `n`.
pub fn calls_since(since: &str) -> Statement {
    Statement::new(
        "SELECT COALESCE(SUM(calls_made), 0) AS n FROM cleanup_runs WHERE started_at >= ?1 \
         AND dry_run = 0",
    )
    .bind(since)
}
