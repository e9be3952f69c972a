//! Cleanup control: run a sweep, read the run history and the queue, retry items.

use labs_core::cleanup::{
    ItemState, QueueItem, QueuePage, RetriedCount, RunPage, RunRecord, Trigger,
};
use labs_core::envelope;
use labs_core::error::{ApiError, ErrorKind, FieldProblem};
use labs_core::query;
use serde_json::Value;

use super::RequestContext;
use crate::db::Db;
use crate::reply::{Handled, Reply};
use crate::sql::items::Scope;
use crate::sql::{items, runs};
use crate::{Platform, sweep};

/// `POST /api/v1/labs/cleanup`: runs a sweep now; `{"dry_run": true}` only reports.
pub async fn run_cleanup<P: Platform>(rc: &RequestContext<'_, P>, body: Option<Value>) -> Handled {
    let options = match &body {
        None => None,
        Some(Value::Object(options)) => Some(options),
        Some(_) => {
            return Err(ApiError::validation(
                "Request body must be a JSON object",
                vec![FieldProblem::new("body", "must be a JSON object")],
            )
            .into());
        }
    };
    let dry_run = match options.and_then(|o| o.get("dry_run")) {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => {
            return Err(ApiError::validation(
                "Invalid fields: dry_run must be a boolean",
                vec![FieldProblem::new("dry_run", "must be a boolean")],
            )
            .into());
        }
    };
    let run = sweep::sweep(rc.engine, &rc.logger, Trigger::Forced, dry_run, Scope::All).await?;
    let message = if dry_run {
        "Cleanup dry run completed"
    } else {
        "Cleanup run completed"
    };
    Ok(Reply::ok(envelope::success(message, &run)))
}

/// `GET /api/v1/labs/cleanup/runs?limit=&cursor=`: newest first.
pub async fn list_cleanup_runs<P: Platform>(rc: &RequestContext<'_, P>) -> Handled {
    let limit = query::limit(
        rc.query("limit"),
        query::RUNS_DEFAULT_LIMIT,
        query::MAX_LIMIT,
    )?;
    let cursor = rc
        .query("cursor")
        .map(query::decode_time_cursor)
        .transpose()?;
    let before = cursor.as_ref().map(|(t, id)| (t.as_str(), id.as_str()));
    let rows: Vec<runs::RunRow> = rc.engine.db.all(runs::list(before, limit + 1)).await?;
    let mut page = rows
        .into_iter()
        .map(RunRecord::try_from)
        .collect::<Result<Vec<_>, _>>()?;
    let next_cursor = if page.len() > limit {
        page.truncate(limit);
        page.last()
            .map(|r| query::encode_time_cursor(&r.started_at, &r.id))
    } else {
        None
    };
    Ok(Reply::ok(envelope::success(
        "Cleanup runs retrieved successfully",
        RunPage {
            runs: page,
            next_cursor,
        },
    )))
}

/// `GET /api/v1/labs/cleanup/runs/:id`.
pub async fn get_cleanup_run<P: Platform>(rc: &RequestContext<'_, P>, id: &str) -> Handled {
    let row = rc.engine.db.first::<runs::RunRow>(runs::get(id)).await?;
    let run = row
        .map(RunRecord::try_from)
        .transpose()?
        .ok_or_else(|| ApiError::new(ErrorKind::NotFound, "No cleanup run with this id"))?;
    Ok(Reply::ok(envelope::success(
        "Cleanup run retrieved successfully",
        &run,
    )))
}

/// `GET /api/v1/labs/cleanup/queue?state=pending|dead|done|all&limit=&cursor=`.
/// Without `state`: pending and dead items.
pub async fn list_cleanup_queue<P: Platform>(rc: &RequestContext<'_, P>) -> Handled {
    use ItemState::*;
    let states: &[ItemState] = match rc.query("state") {
        None => &[Pending, Dead],
        Some("pending") => &[Pending],
        Some("dead") => &[Dead],
        Some("done") => &[Done],
        Some("all") => &ItemState::ALL,
        Some(_) => {
            return Err(query::bad("state", "must be one of pending, dead, done, all").into());
        }
    };
    let limit = query::limit(
        rc.query("limit"),
        query::QUEUE_DEFAULT_LIMIT,
        query::MAX_LIMIT,
    )?;
    let after = match rc.query("cursor") {
        None => 0,
        Some(raw) => raw
            .parse::<i64>()
            .map_err(|_| query::bad("cursor", "is not a cursor this API returned"))?,
    };
    let mut items: Vec<QueueItem> = rc
        .engine
        .db
        .all(items::list(states, after, limit + 1))
        .await?;
    let next_cursor = if items.len() > limit {
        items.truncate(limit);
        items.last().map(|i| i.id.to_string())
    } else {
        None
    };
    Ok(Reply::ok(envelope::success(
        "Cleanup queue retrieved successfully",
        QueuePage { items, next_cursor },
    )))
}

/// `POST /api/v1/labs/cleanup/queue/:id/retry`: due now, with a fresh attempt count.
/// Refused with 409 while a sweep holds the item (its call may be in flight) and for an
/// item already done.
pub async fn retry_cleanup_item<P: Platform>(rc: &RequestContext<'_, P>, id: &str) -> Handled {
    let not_found = || ApiError::new(ErrorKind::NotFound, "No cleanup item with this id");
    let id: i64 = id.parse().map_err(|_| not_found())?;
    let db = &rc.engine.db;
    if db.run(items::retry(id, &rc.now.to_iso())).await? != 1 {
        let lease = db
            .first::<items::ItemLease>(items::lease_of(id))
            .await?
            .ok_or_else(not_found)?;
        return Err(match (lease.state, lease.lease_until) {
            (ItemState::Done, _) => {
                ApiError::new(ErrorKind::Conflict, "This cleanup item is already done")
            }
            (_, Some(until)) => ApiError::new(
                ErrorKind::Conflict,
                format!(
                    "A sweep is working on this cleanup item (its call may be in flight) until \
                     {until}; retry it after that"
                ),
            ),
            (_, None) => ApiError::new(
                ErrorKind::Conflict,
                "This cleanup item changed during the retry; try again",
            ),
        }
        .into());
    }
    let item = db
        .first::<QueueItem>(items::get(id))
        .await?
        .ok_or_else(not_found)?;
    Ok(Reply::ok(envelope::success(
        "Cleanup item queued for retry",
        &item,
    )))
}

/// `POST /api/v1/labs/cleanup/queue/retry-dead`.
pub async fn retry_dead_cleanup_items<P: Platform>(rc: &RequestContext<'_, P>) -> Handled {
    let revived = rc
        .engine
        .db
        .run(items::retry_all_dead(&rc.now.to_iso()))
        .await?;
    Ok(Reply::ok(envelope::success(
        "Dead cleanup items queued for retry",
        RetriedCount {
            retried: revived as usize,
        },
    )))
}
