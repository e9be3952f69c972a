//! Cleanup control: run a sweep, read the run history and the queue, retry items.

use labs_core::cleanup::{QueuePage, RetriedCount, RunPage, Trigger};
use labs_core::envelope;
use labs_core::error::{ApiError, ErrorKind, FieldProblem};
use labs_core::query;
use serde_json::Value;

use super::Handled;
use crate::cleanup;
use crate::http::{Failure, Reply, RequestContext};
use crate::store::{queue, runs};

/// `POST /api/v1/labs/cleanup`: runs a sweep now; `{"dry_run": true}` only reports.
pub async fn run_cleanup(rc: &RequestContext<'_>, body: Option<Value>) -> Handled {
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
    if let Err(e) = &rc.config.cleanup {
        return Err(Failure::Internal(format!(
            "cleanup settings are invalid: {e}"
        )));
    }
    let run = cleanup::sweep(
        &rc.db,
        rc.config,
        &rc.logger,
        Trigger::Forced,
        dry_run,
        None,
    )
    .await?;
    let message = if dry_run {
        "Cleanup dry run completed"
    } else {
        "Cleanup run completed"
    };
    Ok(Reply::ok(envelope::success(message, &run)))
}

/// `GET /api/v1/labs/cleanup/runs?limit=&cursor=`: newest first.
pub async fn list_cleanup_runs(rc: &RequestContext<'_>) -> Handled {
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
    let mut page = runs::list(&rc.db, before, limit + 1).await?;
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
pub async fn get_cleanup_run(rc: &RequestContext<'_>, id: &str) -> Handled {
    let run = runs::get(&rc.db, id)
        .await?
        .ok_or_else(|| ApiError::new(ErrorKind::NotFound, "No cleanup run with this id"))?;
    Ok(Reply::ok(envelope::success(
        "Cleanup run retrieved successfully",
        &run,
    )))
}

/// `GET /api/v1/labs/cleanup/queue?state=pending|dead|done|all&limit=&cursor=`.
/// Without `state`: pending and dead items.
pub async fn list_cleanup_queue(rc: &RequestContext<'_>) -> Handled {
    let states: &[&str] = match rc.query("state") {
        None => &["pending", "dead"],
        Some("pending") => &["pending"],
        Some("dead") => &["dead"],
        Some("done") => &["done"],
        Some("all") => &["pending", "dead", "done"],
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
    let mut items = queue::list(&rc.db, states, after, limit + 1).await?;
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
pub async fn retry_cleanup_item(rc: &RequestContext<'_>, id: &str) -> Handled {
    let not_found = || ApiError::new(ErrorKind::NotFound, "No cleanup item with this id");
    let id: i64 = id.parse().map_err(|_| not_found())?;
    let now = rc.now;
    if !queue::retry(&rc.db, id, &now.to_iso()).await? {
        return match queue::get(&rc.db, id).await? {
            None => Err(not_found().into()),
            Some(_) => {
                Err(ApiError::new(ErrorKind::Conflict, "This cleanup item is already done").into())
            }
        };
    }
    let item = queue::get(&rc.db, id).await?.ok_or_else(not_found)?;
    Ok(Reply::ok(envelope::success(
        "Cleanup item queued for retry",
        &item,
    )))
}

/// `POST /api/v1/labs/cleanup/queue/retry-dead`.
pub async fn retry_dead_cleanup_items(rc: &RequestContext<'_>) -> Handled {
    let now = rc.now;
    let revived = queue::retry_all_dead(&rc.db, &now.to_iso()).await?;
    Ok(Reply::ok(envelope::success(
        "Dead cleanup items queued for retry",
        RetriedCount { retried: revived },
    )))
}
