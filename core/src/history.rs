//! Ended labs: the wire types and query of `GET /api/v1/labs/sessions/history[/:session_id]`.
//!
//! An ended session is kept whole, with why it ended and every backend call it was owed,
//! for as long as the queue keeps its finished items ([`crate::cleanup::HISTORY_DAYS`]).

use serde::{Deserialize, Serialize};

use crate::cleanup::{ItemKind, ItemState};
use crate::error::ApiError;
use crate::query::QueryReader;
use crate::session::Session;

/// Why a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum EndReason {
    /// Its time was up (the cron ended it).
    Expired,
    /// `DELETE /api/v1/labs/sessions/:user_id`.
    Deleted,
}

impl EndReason {
    /// The name stored in `cleanup_sessions.reason` and shown by the API.
    pub fn as_str(self) -> &'static str {
        match self {
            EndReason::Expired => "expired",
            EndReason::Deleted => "deleted",
        }
    }
}

/// One ended lab in the history list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HistoryEntry {
    /// The session's id (what `history/:session_id` takes).
    pub session_id: String,
    /// The user.
    pub user_id: String,
    /// The lab.
    pub lab_id: String,
    /// Why it ended.
    pub reason: EndReason,
    /// When it ended.
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub ended_at: String,
    /// Its VMs (one deletion each).
    pub vms_total: u32,
    /// VMs whose deletion the backend confirmed.
    pub vms_deleted: u32,
    /// VMs still waiting for a confirmed deletion.
    pub vms_pending: u32,
    /// VMs whose deletion gave up (an operator must retry them).
    pub vms_dead: u32,
    /// Whether every VM's deletion was confirmed.
    pub all_deleted: bool,
}

/// The `data` of `GET /api/v1/labs/sessions/history`: newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HistoryPage {
    /// The ended labs of this page.
    pub entries: Vec<HistoryEntry>,
    /// Pass as `cursor` for the next page; `null` on the last page.
    pub next_cursor: Option<String>,
}

/// One backend call an ended session was owed, and where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HistoryCall {
    /// The cleanup item's id (what `labctl cleanup retry` takes).
    pub id: i64,
    /// The VM's provisioning request id.
    pub lab_request_id: String,
    /// `vm` (delete the VM) or `expose` (remove the master's exposed services).
    pub kind: ItemKind,
    /// `pending`, `done` or `dead`.
    pub state: ItemState,
    /// Failed attempts so far.
    pub attempts: u32,
    /// The backend's last status, if it answered.
    pub last_status: Option<u16>,
    /// The last error, if any.
    pub last_error: Option<String>,
    /// When the backend confirmed it.
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub completed_at: Option<String>,
}

/// The `data` of `GET /api/v1/labs/sessions/history/:session_id`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HistoryDetail {
    /// The session as it was when it ended.
    pub session: Session,
    /// When it ended.
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub ended_at: String,
    /// Why it ended.
    pub reason: EndReason,
    /// Every backend call it was owed: one per VM, and the expose call.
    pub vms: Vec<HistoryCall>,
    /// VMs still waiting for a confirmed deletion.
    pub vms_pending: u32,
    /// VMs whose deletion gave up.
    pub vms_dead: u32,
    /// Whether every VM's deletion was confirmed.
    pub all_deleted: bool,
}

impl HistoryDetail {
    /// Fills in the counts from `vms`.
    pub fn new(
        session: Session,
        ended_at: String,
        reason: EndReason,
        vms: Vec<HistoryCall>,
    ) -> HistoryDetail {
        let count = |state: ItemState| {
            vms.iter()
                .filter(|c| c.kind == ItemKind::Vm && c.state == state)
                .count() as u32
        };
        let (vms_pending, vms_dead) = (count(ItemState::Pending), count(ItemState::Dead));
        HistoryDetail {
            session,
            ended_at,
            reason,
            all_deleted: vms_pending == 0 && vms_dead == 0,
            vms,
            vms_pending,
            vms_dead,
        }
    }
}

/// The history list's query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HistoryQuery {
    /// Page size, 1 to 100 (default 50).
    pub limit: usize,
    /// Continue after this `(ended_at, ticket)`.
    pub after: Option<(String, String)>,
    /// Only this user.
    pub user_id: Option<String>,
    /// Only this `labId`.
    pub lab_id: Option<String>,
    /// Only labs that ended this way.
    pub reason: Option<EndReason>,
    /// Only labs that ended strictly before this instant (normalised ISO 8601).
    pub ended_before: Option<String>,
    /// Only labs that ended strictly after this instant.
    pub ended_after: Option<String>,
}

/// The default history page size.
pub const HISTORY_DEFAULT_LIMIT: usize = 50;

/// Reads the history query from its pairs. Every bad parameter is named in one 400.
pub fn history_query(pairs: &[(String, String)]) -> Result<HistoryQuery, ApiError> {
    let mut q = QueryReader::new(pairs);
    let query = HistoryQuery {
        limit: q.limit(HISTORY_DEFAULT_LIMIT),
        after: q.time_cursor(),
        user_id: q.text("user_id"),
        lab_id: q.text("lab_id"),
        reason: q.choice(
            "reason",
            &[
                ("expired", EndReason::Expired),
                ("deleted", EndReason::Deleted),
            ],
        ),
        ended_before: q.timestamp("ended_before"),
        ended_after: q.timestamp("ended_after"),
    };
    q.finish(query)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn reads_filters_and_names_every_bad_one() {
        let q = history_query(&pairs(&[
            ("user_id", "u-1"),
            ("reason", "deleted"),
            ("ended_after", "2026-11-20T10:00:00Z"),
            ("limit", "5"),
        ]))
        .unwrap();
        assert_eq!(q.user_id.as_deref(), Some("u-1"));
        assert_eq!(q.reason, Some(EndReason::Deleted));
        assert_eq!(q.ended_after.as_deref(), Some("2026-11-20T10:00:00.000Z"));
        assert_eq!(q.limit, 5);
        let e = history_query(&pairs(&[
            ("reason", "gone"),
            ("ended_before", "yesterday"),
            ("limit", "0"),
            ("user_id", ""),
        ]))
        .unwrap_err();
        let fields: Vec<&str> = e.details.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["limit", "user_id", "reason", "ended_before"]);
        assert_eq!(e.status(), 400);
    }

    #[test]
    fn counts_only_vms_and_all_deleted_needs_every_one() {
        let call = |kind, state| HistoryCall {
            id: 1,
            lab_request_id: "vm".into(),
            kind,
            state,
            attempts: 0,
            last_status: None,
            last_error: None,
            completed_at: None,
        };
        let session: Session = serde_json::from_value(serde_json::json!({
            "id": "s", "labId": "l", "labTitle": "t", "labGroupID": "g", "moduleID": "m",
            "duration": 1, "activatedAt": "a", "counterID": "c", "configId": "c",
            "workerConfigId": "w", "lab_request_id": "r", "user_id": "u", "terminal_url": "t",
            "validation": 1, "vm": {"name": "m", "network_id": "n", "netbird_ip": "i"},
            "worker_nodes": [], "loadBalancers": [], "created_at": "c", "updated_at": "u",
            "expires_at": "e"
        }))
        .unwrap();
        let d = HistoryDetail::new(
            session.clone(),
            "t".into(),
            EndReason::Expired,
            vec![
                call(ItemKind::Expose, ItemState::Dead),
                call(ItemKind::Vm, ItemState::Done),
            ],
        );
        assert!(d.all_deleted, "a dead expose call does not keep a VM alive");
        let d = HistoryDetail::new(
            session,
            "t".into(),
            EndReason::Expired,
            vec![
                call(ItemKind::Vm, ItemState::Done),
                call(ItemKind::Vm, ItemState::Dead),
            ],
        );
        assert!(!d.all_deleted);
        assert_eq!((d.vms_pending, d.vms_dead), (0, 1));
    }
}
