//! Ended labs: what happened to a learner's lab after it ended.

use labs_core::envelope;
use labs_core::error::{ApiError, ErrorKind};
use labs_core::history::{self, HistoryCall, HistoryDetail, HistoryEntry, HistoryPage};
use labs_core::session::Session;

use super::RequestContext;
use crate::Platform;
use crate::db::Db;
use crate::reply::{Failure, Handled, Reply};
use crate::sql::{archive, items};

/// `GET /api/v1/labs/sessions/history`: newest first, filtered, with a cursor.
pub async fn list_history<P: Platform>(rc: &RequestContext<'_, P>) -> Handled {
    let query = history::history_query(rc.query)?;
    let mut rows: Vec<archive::HistoryRow> = rc.engine.db.all(archive::history(&query)).await?;
    let next_cursor = if rows.len() > query.limit {
        rows.truncate(query.limit);
        rows.last()
            .map(|r| labs_core::query::encode_time_cursor(&r.ended_at, &r.ticket))
    } else {
        None
    };
    let entries = rows
        .into_iter()
        .map(|r| HistoryEntry {
            all_deleted: r.vms_pending == 0 && r.vms_dead == 0,
            session_id: r.session_id,
            user_id: r.user_id,
            lab_id: r.lab_id,
            reason: r.reason,
            ended_at: r.ended_at,
            vms_total: r.vms_total,
            vms_deleted: r.vms_deleted,
            vms_pending: r.vms_pending,
            vms_dead: r.vms_dead,
        })
        .collect();
    Ok(Reply::ok(envelope::success(
        "Lab session history retrieved successfully",
        HistoryPage {
            entries,
            next_cursor,
        },
    )))
}

/// `GET /api/v1/labs/sessions/history/:session_id`: the session as it ended and every
/// backend call it was owed (the newest, if a client reused the id).
pub async fn get_history<P: Platform>(rc: &RequestContext<'_, P>, session_id: &str) -> Handled {
    let db = &rc.engine.db;
    let row = db
        .first::<archive::ArchivedRow>(archive::latest_of_session(session_id))
        .await?
        .ok_or_else(|| ApiError::new(ErrorKind::NotFound, "No ended lab session with this id"))?;
    let session: Session = serde_json::from_str(&row.session_json)
        .map_err(|e| Failure::Internal(format!("cleanup_sessions.session_json: {e}")))?;
    let vms: Vec<HistoryCall> = db.all(items::for_ticket(&row.ticket)).await?;
    Ok(Reply::ok(envelope::success(
        "Ended lab session retrieved successfully",
        HistoryDetail::new(session, row.ended_at, row.reason, vms),
    )))
}
