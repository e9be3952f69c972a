//! SQL for the cleanup queue (`cleanup_sessions`, `cleanup_items`).
//!
//! Ending a session is one atomic batch built by [`end_sessions`]: archive the row, queue an
//! expose item and one item per distinct VM id (master, workers, detached workers), delete
//! the row. Every statement selects its sessions with the same predicate inside the batch's
//! transaction, so they all see the same set, and a session is never half-moved.

use labs_core::cleanup::{ItemKind, ItemState};
use serde::Deserialize;
use worker::{D1Database, D1PreparedStatement, Result};

use super::{changes, num, opt_text, text};

/// Which sessions to end.
#[derive(Debug, Clone, Copy)]
pub enum Ending<'a> {
    /// Those whose `expires_at` is at or before `now`, oldest first, at most `limit`.
    Expired {
        /// How many sessions at most.
        limit: usize,
    },
    /// The session of one user (a DELETE).
    Deleted {
        /// The user.
        user_id: &'a str,
    },
}

impl Ending<'_> {
    /// The WHERE predicate on a `labs_sessions` row named `alias`. `?1` is now, `?3` the
    /// selector (the limit, or the user id).
    fn predicate(&self, alias: &str) -> String {
        match self {
            Ending::Expired { .. } => format!(
                "{alias}id IN (SELECT id FROM labs_sessions WHERE expires_at <= ?1 \
                 ORDER BY expires_at, id LIMIT ?3)"
            ),
            Ending::Deleted { .. } => format!("{alias}user_id = ?3"),
        }
    }

    fn reason(&self) -> &'static str {
        match self {
            Ending::Expired { .. } => "expired",
            Ending::Deleted { .. } => "deleted",
        }
    }

    fn params(&self, now: &str) -> Vec<wasm_bindgen::JsValue> {
        let selector = match self {
            Ending::Expired { limit } => num(*limit as f64),
            Ending::Deleted { user_id } => text(user_id),
        };
        vec![text(now), text(self.reason()), selector]
    }
}

/// The session as JSON, with the API's field names, for the audit copy.
const SESSION_JSON: &str = "json_object('id', s.id, 'labId', s.labId, 'labTitle', s.labTitle, \
    'labGroupID', s.labGroupID, 'moduleID', s.moduleID, 'duration', s.duration, \
    'activatedAt', s.activatedAt, 'counterID', s.counterID, 'configId', s.configId, \
    'workerConfigId', s.workerConfigId, 'lab_request_id', s.lab_request_id, 'user_id', s.user_id, \
    'terminal_url', s.terminal_url, 'validation', s.validation, 'vm', json(s.vm), \
    'vscode_domain', s.vscode_domain, 'puku_domain', s.puku_domain, \
    'worker_nodes', json(s.worker_nodes), 'loadBalancers', json(s.loadBalancers), \
    'created_at', s.created_at, 'updated_at', s.updated_at, 'expires_at', s.expires_at, \
    'detached_vm_ids', json(s.detached_vm_ids))";

/// The ids of the sessions [`end_sessions`] moved, read from its batch results.
pub struct Ended {
    /// `(session id, ticket)` of each moved session.
    pub tickets: Vec<(String, String)>,
}

/// Moves the sessions `ending` selects into the cleanup queue, atomically, at `now`.
pub async fn end_sessions(db: &D1Database, ending: Ending<'_>, now: &str) -> Result<Ended> {
    let p = ending.predicate("s.");
    let item = |kind: &str, id_expr: &str, from: &str| {
        format!(
            "SELECT s.id || '@' || ?1, s.user_id, s.labId, '{kind}', {id_expr}, ?1, ?1, ?1 \
             FROM labs_sessions s{from} WHERE {p}"
        )
    };
    let insert_items = "INSERT OR IGNORE INTO cleanup_items (ticket, user_id, lab_id, kind, \
        lab_request_id, next_attempt_at, created_at, updated_at) ";
    let statements = [
        format!(
            "INSERT INTO cleanup_sessions (ticket, session_id, user_id, lab_id, reason, \
             session_json, queued_at) SELECT s.id || '@' || ?1, s.id, s.user_id, s.labId, ?2, \
             {SESSION_JSON}, ?1 FROM labs_sessions s WHERE {p}"
        ),
        // The expose item first: lower ids are called first, as the contract orders it.
        format!("{insert_items}{}", item("expose", "s.lab_request_id", "")),
        format!(
            "{insert_items}{} UNION ALL {} UNION ALL {}",
            item("vm", "s.lab_request_id", ""),
            item(
                "vm",
                "json_extract(w.value, '$.worker_lab_request_id')",
                ", json_each(s.worker_nodes) w"
            ),
            item("vm", "d.value", ", json_each(s.detached_vm_ids) d"),
        ),
        format!(
            "DELETE FROM labs_sessions WHERE {} RETURNING id, id || '@' || ?1 AS ticket",
            ending.predicate("")
        ),
    ];
    // Every statement uses ?3, so the same three parameters fit each.
    let params = ending.params(now);
    let batch = statements
        .iter()
        .map(|sql| db.prepare(sql.as_str()).bind(&params))
        .collect::<Result<Vec<D1PreparedStatement>>>()?;
    let results = db.batch(batch).await?;
    #[derive(Deserialize)]
    struct Moved {
        id: String,
        ticket: String,
    }
    let moved: Vec<Moved> = results
        .last()
        .map(|r| r.results())
        .transpose()?
        .unwrap_or_default();
    Ok(Ended {
        tickets: moved.into_iter().map(|m| (m.id, m.ticket)).collect(),
    })
}

/// What a sweep at `now` would end: the expired sessions (at most `limit`, as a sweep takes
/// them) and the calls they need (one expose each, plus each distinct VM id).
pub struct ExpiryPreview {
    /// Sessions the sweep would move into the queue.
    pub sessions: u32,
    /// Backend calls those sessions would need.
    pub calls: u32,
}

/// Counts what a sweep at `now` would end, in one query.
pub async fn preview_expiry(db: &D1Database, now: &str, limit: usize) -> Result<ExpiryPreview> {
    #[derive(Deserialize)]
    struct Counts {
        sessions: f64,
        vms: f64,
    }
    let counts: Option<Counts> = db
        .prepare(
            "WITH ended AS (SELECT * FROM labs_sessions WHERE expires_at <= ?1 \
             ORDER BY expires_at, id LIMIT ?2), \
             ids AS (SELECT id, lab_request_id AS vm FROM ended \
                     UNION SELECT e.id, json_extract(w.value, '$.worker_lab_request_id') \
                           FROM ended e, json_each(e.worker_nodes) w \
                     UNION SELECT e.id, d.value FROM ended e, json_each(e.detached_vm_ids) d) \
             SELECT (SELECT COUNT(*) FROM ended) AS sessions, (SELECT COUNT(*) FROM ids) AS vms",
        )
        .bind(&[text(now), num(limit as f64)])?
        .first(None)
        .await?;
    let (sessions, vms) = counts.map_or((0, 0), |c| (c.sessions as u32, c.vms as u32));
    Ok(ExpiryPreview {
        sessions,
        calls: sessions + vms,
    })
}

/// A queue item a sweep has claimed.
#[derive(Debug, Clone, Deserialize)]
pub struct ClaimedItem {
    /// Item id.
    pub id: i64,
    /// Its session's ticket.
    pub ticket: String,
    /// The user whose lab it was.
    pub user_id: String,
    /// What to call.
    pub kind: ItemKind,
    /// The VM's provisioning request id.
    pub lab_request_id: String,
    /// Failed attempts so far.
    pub attempts: u32,
}

/// Claims up to `limit` due items for `owner` until `lease_until`, in one statement, so
/// sweeps running at once never claim the same item. With `ticket`, only that session's.
pub async fn claim(
    db: &D1Database,
    owner: &str,
    now: &str,
    lease_until: &str,
    limit: usize,
    ticket: Option<&str>,
) -> Result<Vec<ClaimedItem>> {
    let only_ticket = if ticket.is_some() {
        "AND ticket = ?5"
    } else {
        ""
    };
    let sql = format!(
        "UPDATE cleanup_items SET lease_owner = ?1, lease_until = ?2, updated_at = ?3 \
         WHERE id IN (SELECT id FROM cleanup_items WHERE state = 'pending' \
           AND next_attempt_at <= ?3 AND (lease_until IS NULL OR lease_until <= ?3) {only_ticket} \
           ORDER BY next_attempt_at, id LIMIT ?4) \
         RETURNING id, ticket, user_id, kind, lab_request_id, attempts"
    );
    let mut params = vec![text(owner), text(lease_until), text(now), num(limit as f64)];
    if let Some(t) = ticket {
        params.push(text(t));
    }
    let mut items: Vec<ClaimedItem> = db.prepare(sql).bind(&params)?.all().await?.results()?;
    items.sort_by_key(|i| i.id);
    Ok(items)
}

/// Due items nobody holds: what is left for a later sweep.
pub async fn count_due(db: &D1Database, now: &str) -> Result<u32> {
    let n: Option<f64> = db
        .prepare(
            "SELECT COUNT(*) AS n FROM cleanup_items WHERE state = 'pending' \
             AND next_attempt_at <= ?1 AND (lease_until IS NULL OR lease_until <= ?1)",
        )
        .bind(&[text(now)])?
        .first(Some("n"))
        .await?;
    Ok(n.unwrap_or(0.0) as u32)
}

/// How an attempt on a claimed item ended, to be written back.
#[derive(Debug, Clone)]
pub struct Settlement {
    /// The item.
    pub id: i64,
    /// Its new state.
    pub state: ItemState,
    /// Failed attempts after this one (a success keeps the count).
    pub attempts: u32,
    /// The backend's status, if it answered.
    pub status: Option<u16>,
    /// The error, if it failed.
    pub error: Option<String>,
    /// The next attempt's time (pending items only).
    pub next_attempt_at: Option<String>,
}

/// The statement recording `s`, applied only while `owner` still holds the item's lease.
pub fn settle(
    db: &D1Database,
    owner: &str,
    now: &str,
    s: &Settlement,
) -> Result<D1PreparedStatement> {
    let state = match s.state {
        ItemState::Pending => "pending",
        ItemState::Done => "done",
        ItemState::Dead => "dead",
    };
    db.prepare(
        "UPDATE cleanup_items SET state = ?2, attempts = ?3, last_status = ?4, last_error = ?5, \
         next_attempt_at = COALESCE(?6, next_attempt_at), \
         completed_at = CASE WHEN ?2 = 'done' THEN ?7 ELSE completed_at END, \
         updated_at = ?7, lease_owner = NULL, lease_until = NULL \
         WHERE id = ?1 AND lease_owner = ?8",
    )
    .bind(&[
        num(s.id as f64),
        text(state),
        num(s.attempts),
        s.status.map_or(wasm_bindgen::JsValue::NULL, num),
        opt_text(s.error.as_deref()),
        opt_text(s.next_attempt_at.as_deref()),
        text(now),
        text(owner),
    ])
}

/// A queue item as the queue endpoints list it: the wire type, shared with the OpenAPI document.
pub use labs_core::cleanup::QueueItem;

const ITEM_COLUMNS: &str = "i.id, s.session_id, i.user_id, i.lab_id, i.kind, i.lab_request_id, \
    i.state, i.attempts, i.next_attempt_at, i.last_status, i.last_error, i.created_at, \
    i.updated_at, i.completed_at";

/// Items in `states`, by id, after `after_id`, at most `limit`.
pub async fn list(
    db: &D1Database,
    states: &[&str],
    after_id: i64,
    limit: usize,
) -> Result<Vec<QueueItem>> {
    let placeholders: Vec<String> = (0..states.len()).map(|i| format!("?{}", i + 3)).collect();
    let sql = format!(
        "SELECT {ITEM_COLUMNS} FROM cleanup_items i JOIN cleanup_sessions s ON s.ticket = i.ticket \
         WHERE i.id > ?1 AND i.state IN ({}) ORDER BY i.id LIMIT ?2",
        placeholders.join(", ")
    );
    let mut params = vec![num(after_id as f64), num(limit as f64)];
    params.extend(states.iter().map(|s| text(s)));
    db.prepare(sql).bind(&params)?.all().await?.results()
}

/// One item by id.
pub async fn get(db: &D1Database, id: i64) -> Result<Option<QueueItem>> {
    db.prepare(format!(
        "SELECT {ITEM_COLUMNS} FROM cleanup_items i JOIN cleanup_sessions s ON s.ticket = i.ticket WHERE i.id = ?1"
    ))
    .bind(&[num(id as f64)])?
    .first(None)
    .await
}

/// Makes a pending or dead item due now with a fresh attempt count. `false` if no such item
/// is pending or dead.
pub async fn retry(db: &D1Database, id: i64, now: &str) -> Result<bool> {
    let result = db
        .prepare(
            "UPDATE cleanup_items SET state = 'pending', attempts = 0, next_attempt_at = ?2, \
             lease_owner = NULL, lease_until = NULL, updated_at = ?2 \
             WHERE id = ?1 AND state IN ('pending', 'dead')",
        )
        .bind(&[num(id as f64), text(now)])?
        .run()
        .await?;
    Ok(changes(&result)? == 1)
}

/// Makes every dead item due now; returns how many.
pub async fn retry_all_dead(db: &D1Database, now: &str) -> Result<usize> {
    let result = db
        .prepare(
            "UPDATE cleanup_items SET state = 'pending', attempts = 0, next_attempt_at = ?1, \
             lease_owner = NULL, lease_until = NULL, updated_at = ?1 WHERE state = 'dead'",
        )
        .bind(&[text(now)])?
        .run()
        .await?;
    changes(&result)
}

/// Drops finished items completed before `cutoff` and archived sessions with no items left.
pub async fn prune_done(db: &D1Database, cutoff: &str) -> Result<()> {
    db.batch(vec![
        db.prepare("DELETE FROM cleanup_items WHERE state = 'done' AND completed_at < ?1")
            .bind(&[text(cutoff)])?,
        db.prepare(
            "DELETE FROM cleanup_sessions WHERE queued_at < ?1 AND NOT EXISTS \
             (SELECT 1 FROM cleanup_items i WHERE i.ticket = cleanup_sessions.ticket)",
        )
        .bind(&[text(cutoff)])?,
    ])
    .await?;
    Ok(())
}
