//! SQL for `labs_sessions`.

use labs_core::query::SessionListQuery;
use labs_core::record::{SessionRow, StoredSession};
use wasm_bindgen::JsValue;
use worker::{D1Database, Error, Result};

use super::{changes, num, opt_text, text};

/// The columns every read selects, `validation` as exact decimal text.
const COLUMNS: &str = "id, labId, labTitle, labGroupID, moduleID, duration, activatedAt, counterID, \
    configId, workerConfigId, lab_request_id, user_id, terminal_url, \
    CAST(validation AS TEXT) AS validation, vm, vscode_domain, puku_domain, worker_nodes, \
    loadBalancers, created_at, updated_at, expires_at, version, detached_vm_ids";

fn decode(row: Option<SessionRow>) -> Result<Option<StoredSession>> {
    row.map(|r| StoredSession::try_from(r).map_err(|e| Error::RustError(e.to_string())))
        .transpose()
}

/// The session of `user_id`, if any.
pub async fn find_by_user(db: &D1Database, user_id: &str) -> Result<Option<StoredSession>> {
    let row = db
        .prepare(format!(
            "SELECT {COLUMNS} FROM labs_sessions WHERE user_id = ?1"
        ))
        .bind(&[text(user_id)])?
        .first::<SessionRow>(None)
        .await?;
    decode(row)
}

/// The user owning session `id`, if it exists.
pub async fn user_of_session(db: &D1Database, id: &str) -> Result<Option<String>> {
    db.prepare("SELECT user_id FROM labs_sessions WHERE id = ?1")
        .bind(&[text(id)])?
        .first::<String>(Some("user_id"))
        .await
}

/// Inserts a new session. `false` when a uniqueness rule (one session per user, unique
/// id) refused it: the constraint decides, never a read-then-write, so concurrent creates
/// for one user give exactly one row.
pub async fn insert(db: &D1Database, stored: &StoredSession) -> Result<bool> {
    let r = stored.to_row();
    let result = db
        .prepare(
            "INSERT INTO labs_sessions (id, labId, labTitle, labGroupID, moduleID, duration, \
             activatedAt, counterID, configId, workerConfigId, lab_request_id, user_id, \
             terminal_url, validation, vm, vscode_domain, puku_domain, worker_nodes, \
             loadBalancers, created_at, updated_at, expires_at, version, detached_vm_ids) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, \
             ?18, ?19, ?20, ?21, ?22, ?23, ?24) \
             ON CONFLICT DO NOTHING",
        )
        .bind(&[
            text(&r.id),
            text(&r.labId),
            text(&r.labTitle),
            text(&r.labGroupID),
            text(&r.moduleID),
            num(r.duration),
            text(&r.activatedAt),
            text(&r.counterID),
            text(&r.configId),
            text(&r.workerConfigId),
            text(&r.lab_request_id),
            text(&r.user_id),
            text(&r.terminal_url),
            // Decimal text: INTEGER affinity stores it as an exact 64-bit integer.
            text(&r.validation),
            text(&r.vm),
            opt_text(r.vscode_domain.as_deref()),
            opt_text(r.puku_domain.as_deref()),
            text(&r.worker_nodes),
            text(&r.loadBalancers),
            text(&r.created_at),
            text(&r.updated_at),
            text(&r.expires_at),
            num(r.version),
            text(&r.detached_vm_ids),
        ])?
        .run()
        .await?;
    Ok(changes(&result)? == 1)
}

/// Writes the updatable fields of `next` if the row is still at `expected_version`.
/// `false` when another write got there first (the caller re-reads and retries).
pub async fn update_if_version(
    db: &D1Database,
    next: &StoredSession,
    expected_version: u32,
) -> Result<bool> {
    let r = next.to_row();
    let result = db
        .prepare(
            "UPDATE labs_sessions SET worker_nodes = ?1, loadBalancers = ?2, vscode_domain = ?3, \
             puku_domain = ?4, terminal_url = ?5, duration = ?6, updated_at = ?7, expires_at = ?8, \
             detached_vm_ids = ?9, version = version + 1 \
             WHERE user_id = ?10 AND version = ?11",
        )
        .bind(&[
            text(&r.worker_nodes),
            text(&r.loadBalancers),
            opt_text(r.vscode_domain.as_deref()),
            opt_text(r.puku_domain.as_deref()),
            text(&r.terminal_url),
            num(r.duration),
            text(&r.updated_at),
            text(&r.expires_at),
            text(&r.detached_vm_ids),
            text(&r.user_id),
            num(expected_version),
        ])?
        .run()
        .await?;
    Ok(changes(&result)? == 1)
}

/// A page of sessions, newest first, as `query` filters them; `now` decides what is expired.
/// Fetches one more than the limit so the caller knows whether there is a next page.
pub async fn list(
    db: &D1Database,
    query: &SessionListQuery,
    now: &str,
) -> Result<Vec<StoredSession>> {
    /// Adds `condition` (with one `?`) and its value as the next numbered parameter.
    fn bind(
        conditions: &mut Vec<String>,
        params: &mut Vec<JsValue>,
        condition: &str,
        value: JsValue,
    ) {
        params.push(value);
        conditions.push(condition.replace('?', &format!("?{}", params.len())));
    }
    let mut conditions: Vec<String> = Vec::new();
    let mut params = Vec::new();
    if let Some((created, id)) = &query.after {
        params.push(text(created));
        params.push(text(id));
        let n = params.len();
        conditions.push(format!("(created_at, id) < (?{}, ?{n})", n - 1));
    }
    match query.expired {
        Some(true) => bind(&mut conditions, &mut params, "expires_at <= ?", text(now)),
        Some(false) => bind(&mut conditions, &mut params, "expires_at > ?", text(now)),
        None => {}
    }
    if let Some(lab) = &query.lab_id {
        bind(&mut conditions, &mut params, "labId = ?", text(lab));
    }
    if let Some(group) = &query.lab_group_id {
        bind(&mut conditions, &mut params, "labGroupID = ?", text(group));
    }
    if let Some(before) = &query.created_before {
        bind(&mut conditions, &mut params, "created_at < ?", text(before));
    }
    if let Some(after) = &query.created_after {
        bind(&mut conditions, &mut params, "created_at > ?", text(after));
    }
    params.push(num((query.limit + 1) as f64));
    let filter = if conditions.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", conditions.join(" AND "))
    };
    let sql = format!(
        "SELECT {COLUMNS} FROM labs_sessions {filter} ORDER BY created_at DESC, id DESC LIMIT ?{}",
        params.len()
    );
    let rows: Vec<SessionRow> = db.prepare(sql).bind(&params)?.all().await?.results()?;
    rows.into_iter()
        .map(|r| StoredSession::try_from(r).map_err(|e| Error::RustError(e.to_string())))
        .collect()
}
