//! SQL for `cleanup_runs`, the sweep history.

use labs_core::cleanup::{RUNS_KEPT, RunRecord, Trigger};
use serde::Deserialize;
use worker::{D1Database, Error, Result};

use super::{num, opt_text, text};

#[derive(Deserialize)]
struct RunRow {
    id: String,
    trigger: Trigger,
    dry_run: u8,
    started_at: String,
    finished_at: Option<String>,
    duration_ms: Option<f64>,
    sessions_expired: u32,
    calls_made: u32,
    vms_deleted: u32,
    failures: u32,
    deferred: u32,
    newly_dead: u32,
    errors: String,
}

impl TryFrom<RunRow> for RunRecord {
    type Error = Error;
    fn try_from(r: RunRow) -> Result<RunRecord> {
        Ok(RunRecord {
            id: r.id,
            trigger: r.trigger,
            dry_run: r.dry_run != 0,
            started_at: r.started_at,
            finished_at: r.finished_at,
            duration_ms: r.duration_ms.map(|d| d as i64),
            sessions_expired: r.sessions_expired,
            calls_made: r.calls_made,
            vms_deleted: r.vms_deleted,
            failures: r.failures,
            deferred: r.deferred,
            newly_dead: r.newly_dead,
            errors: serde_json::from_str(&r.errors)
                .map_err(|e| Error::RustError(format!("cleanup_runs.errors: {e}")))?,
        })
    }
}

/// Writes `run` (insert at its start, replace when it ends).
pub async fn save(db: &D1Database, run: &RunRecord) -> Result<()> {
    let errors = serde_json::to_string(&run.errors).map_err(|e| Error::RustError(e.to_string()))?;
    db.prepare(
        "INSERT OR REPLACE INTO cleanup_runs (id, trigger, dry_run, started_at, finished_at, \
         duration_ms, sessions_expired, calls_made, vms_deleted, failures, deferred, newly_dead, \
         errors) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )
    .bind(&[
        text(&run.id),
        text(run.trigger.as_str()),
        num(u8::from(run.dry_run)),
        text(&run.started_at),
        opt_text(run.finished_at.as_deref()),
        run.duration_ms
            .map_or(wasm_bindgen::JsValue::NULL, |d| num(d as f64)),
        num(run.sessions_expired),
        num(run.calls_made),
        num(run.vms_deleted),
        num(run.failures),
        num(run.deferred),
        num(run.newly_dead),
        text(&errors),
    ])?
    .run()
    .await?;
    Ok(())
}

const COLUMNS: &str = "id, trigger, dry_run, started_at, finished_at, duration_ms, sessions_expired, \
    calls_made, vms_deleted, failures, deferred, newly_dead, errors";

/// One run by id.
pub async fn get(db: &D1Database, id: &str) -> Result<Option<RunRecord>> {
    let row: Option<RunRow> = db
        .prepare(format!("SELECT {COLUMNS} FROM cleanup_runs WHERE id = ?1"))
        .bind(&[text(id)])?
        .first(None)
        .await?;
    row.map(RunRecord::try_from).transpose()
}

/// Runs newest first, strictly before the `(started_at, id)` cursor when given.
pub async fn list(
    db: &D1Database,
    before: Option<(&str, &str)>,
    limit: usize,
) -> Result<Vec<RunRecord>> {
    let (sql, params) = match before {
        Some((started, id)) => (
            format!(
                "SELECT {COLUMNS} FROM cleanup_runs WHERE (started_at, id) < (?1, ?2) \
                 ORDER BY started_at DESC, id DESC LIMIT ?3"
            ),
            vec![text(started), text(id), num(limit as f64)],
        ),
        None => (
            format!(
                "SELECT {COLUMNS} FROM cleanup_runs ORDER BY started_at DESC, id DESC LIMIT ?1"
            ),
            vec![num(limit as f64)],
        ),
    };
    let rows: Vec<RunRow> = db.prepare(sql).bind(&params)?.all().await?.results()?;
    rows.into_iter().map(RunRecord::try_from).collect()
}

/// Keeps the newest [`RUNS_KEPT`] runs that started after `cutoff`.
pub async fn prune(db: &D1Database, cutoff: &str) -> Result<()> {
    db.prepare(
        "DELETE FROM cleanup_runs WHERE started_at < ?1 OR id IN \
         (SELECT id FROM cleanup_runs ORDER BY started_at DESC, id DESC LIMIT -1 OFFSET ?2)",
    )
    .bind(&[text(cutoff), num(RUNS_KEPT as f64)])?
    .run()
    .await?;
    Ok(())
}
