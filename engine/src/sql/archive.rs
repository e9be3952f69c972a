//! SQL for `cleanup_sessions`: each ended session kept whole (`session_json`), with why it
//! ended, under a `ticket` `<session id>@<ended at>` that its queue items point to.

use labs_core::history::{EndReason, HistoryQuery};
use serde::Deserialize;

use super::Conditions;
use super::sessions::{ARCHIVE_JSON, Ending};
use crate::db::{Param, Statement};

/// Archives the sessions `ending` selects (the first statement of the ending batch).
pub fn archive_ended(ending: Ending<'_>, now: &str) -> Statement {
    ending.statement(
        format!(
            "INSERT INTO cleanup_sessions (ticket, session_id, user_id, lab_id, reason, \
             session_json, queued_at) SELECT s.id || '@' || ?1, s.id, s.user_id, s.labId, ?2, \
             {}, ?1 FROM labs_sessions s WHERE {}",
            *ARCHIVE_JSON,
            ending.predicate("s.")
        ),
        now,
    )
}

/// Drops archived sessions queued before `cutoff` that have no queue items left.
pub fn prune(cutoff: &str) -> Statement {
    Statement::new(
        "DELETE FROM cleanup_sessions WHERE queued_at < ?1 AND NOT EXISTS \
         (SELECT 1 FROM cleanup_items i WHERE i.ticket = cleanup_sessions.ticket)",
    )
    .bind(cutoff)
}

/// Counts of an archived session's VM items, as the history list shows them.
const VM_COUNTS: &str = "(SELECT COUNT(*) FROM cleanup_items i WHERE i.ticket = s.ticket AND i.kind = 'vm') AS vms_total, \
    (SELECT COUNT(*) FROM cleanup_items i WHERE i.ticket = s.ticket AND i.kind = 'vm' AND i.state = 'done') AS vms_deleted, \
    (SELECT COUNT(*) FROM cleanup_items i WHERE i.ticket = s.ticket AND i.kind = 'vm' AND i.state = 'pending') AS vms_pending, \
    (SELECT COUNT(*) FROM cleanup_items i WHERE i.ticket = s.ticket AND i.kind = 'vm' AND i.state = 'dead') AS vms_dead";

/// A row of the history list.
#[derive(Debug, Clone, Deserialize)]
pub struct HistoryRow {
    /// The archive's key (the cursor's tie-breaker).
    pub ticket: String,
    /// The session's id.
    pub session_id: String,
    /// The user.
    pub user_id: String,
    /// The lab.
    pub lab_id: String,
    /// Why it ended.
    pub reason: EndReason,
    /// When it ended.
    pub ended_at: String,
    /// VM items.
    pub vms_total: u32,
    /// Of which done.
    pub vms_deleted: u32,
    /// Of which pending.
    pub vms_pending: u32,
    /// Of which dead.
    pub vms_dead: u32,
}

/// A page of ended sessions, newest first, as `q` filters them (one more than the limit).
pub fn history(q: &HistoryQuery) -> Statement {
    let mut f = Conditions::default();
    if let Some((ended, ticket)) = &q.after {
        f.add(
            "(s.queued_at, s.ticket) < (?, ?)",
            vec![Param::from(ended), Param::from(ticket)],
        );
    }
    if let Some(user) = &q.user_id {
        f.add("s.user_id = ?", vec![Param::from(user)]);
    }
    if let Some(lab) = &q.lab_id {
        f.add("s.lab_id = ?", vec![Param::from(lab)]);
    }
    if let Some(reason) = q.reason {
        f.add("s.reason = ?", vec![Param::from(reason.as_str())]);
    }
    if let Some(before) = &q.ended_before {
        f.add("s.queued_at < ?", vec![Param::from(before)]);
    }
    if let Some(after) = &q.ended_after {
        f.add("s.queued_at > ?", vec![Param::from(after)]);
    }
    f.statement(q.limit + 1, |filter, limit| {
        format!(
            "SELECT s.ticket, s.session_id, s.user_id, s.lab_id, s.reason, s.queued_at AS ended_at, \
             {VM_COUNTS} FROM cleanup_sessions s {filter} \
             ORDER BY s.queued_at DESC, s.ticket DESC LIMIT ?{limit}"
        )
    })
}

/// The archived session, as stored when it ended.
#[derive(Debug, Clone, Deserialize)]
pub struct ArchivedRow {
    /// The archive's key.
    pub ticket: String,
    /// Why it ended.
    pub reason: EndReason,
    /// When it ended.
    pub ended_at: String,
    /// The session's row as JSON.
    pub session_json: String,
}

/// The newest archived session with id `session_id`.
pub fn latest_of_session(session_id: &str) -> Statement {
    Statement::new(
        "SELECT ticket, reason, queued_at AS ended_at, session_json FROM cleanup_sessions \
         WHERE session_id = ?1 ORDER BY queued_at DESC, ticket DESC LIMIT 1",
    )
    .bind(session_id)
}
