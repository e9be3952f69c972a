//! One function per route. Each checks its input through `labs_core`, runs its SQL through
//! [`crate::store`], and returns a [`Reply`] or a [`Failure`]; the pipeline in
//! [`crate::http`] does the rest.

use labs_core::cleanup::Trigger;
use labs_core::envelope;
use labs_core::error::{ApiError, ErrorKind, FieldProblem};
use labs_core::query;
use labs_core::record::StoredSession;
use labs_core::session::Session;
use labs_core::validation;
use serde_json::{Value, json};

use crate::cleanup;
use crate::clock;
use crate::http::{Failure, Reply, RequestContext};
use crate::random;
use crate::store::queue::{self, Ending};
use crate::store::{dev_clock, runs, sessions};

/// How many times an update re-reads and retries when another write got there first.
const UPDATE_ATTEMPTS: usize = 5;

type Handled = Result<Reply, Failure>;

/// `GET /`.
pub fn root(rc: &RequestContext<'_>) -> Reply {
    Reply::ok(envelope::service_description(
        env!("CARGO_PKG_VERSION"),
        &rc.config.environment,
    ))
}

/// `GET /health`.
pub fn health() -> Reply {
    Reply::ok(envelope::health(&clock::wall().to_iso()))
}

/// `POST /api/v1/labs/sessions`.
pub async fn create_session(rc: &RequestContext<'_>, body: Option<Value>) -> Handled {
    let body = body.ok_or_else(ApiError::invalid_json)?;
    let new = validation::parse_new_session(&body)?;
    let now = clock::now(&rc.db, rc.config).await?;
    let id = new.id.clone().unwrap_or_else(random::uuid);
    let stored = StoredSession {
        session: new.into_session(id, now),
        version: 1,
        detached_vm_ids: Vec::new(),
    };
    if sessions::insert(&rc.db, &stored).await? {
        rc.logger.emit(
            rc.logger
                .line(labs_core::log::Level::Info, "session created")
                .with("user_id", stored.session.user_id.clone())
                .with("session_id", stored.session.id.clone())
                .with("lab_id", stored.session.lab_id.clone()),
        );
        return Ok(Reply {
            status: 201,
            body: envelope::success("Lab session created successfully", &stored.session),
        });
    }
    // The insert was refused by a uniqueness rule. Only a clash on the session id with
    // another user's session is reported as such; otherwise the user already has one.
    match sessions::user_of_session(&rc.db, &stored.session.id).await? {
        Some(owner) if owner != stored.session.user_id => {
            Err(ApiError::validation_conflict().into())
        }
        _ => Err(ApiError::session_exists().into()),
    }
}

/// `GET /api/v1/labs/sessions/user/:user_id`.
pub async fn get_session(rc: &RequestContext<'_>, user_id: &str) -> Handled {
    let stored = sessions::find_by_user(&rc.db, user_id)
        .await?
        .ok_or_else(ApiError::session_not_found)?;
    Ok(Reply::ok(envelope::success(
        "Lab session retrieved successfully",
        &stored.session,
    )))
}

/// `PUT /api/v1/labs/sessions/:user_id`: a partial update, written only if no other write
/// came between the read and the write (the row's version), retried a few times.
pub async fn update_session(
    rc: &RequestContext<'_>,
    user_id: &str,
    body: Option<Value>,
) -> Handled {
    let update = validation::parse_update(body.as_ref())?;
    for _ in 0..UPDATE_ATTEMPTS {
        let current = sessions::find_by_user(&rc.db, user_id)
            .await?
            .ok_or_else(ApiError::session_not_found)?;
        let now = clock::now(&rc.db, rc.config).await?;
        let (session, dropped): (Session, Vec<String>) = current
            .session
            .apply(&update, now)
            .map_err(|e| Failure::Internal(e.to_string()))?;
        let mut detached = current.detached_vm_ids.clone();
        for id in dropped {
            if !detached.contains(&id) {
                detached.push(id);
            }
        }
        let next = StoredSession {
            session,
            version: current.version + 1,
            detached_vm_ids: detached,
        };
        if sessions::update_if_version(&rc.db, &next, current.version).await? {
            return Ok(Reply::ok(envelope::success(
                "Lab session updated successfully",
                &next.session,
            )));
        }
    }
    Err(ApiError::new(
        ErrorKind::Conflict,
        "The session kept changing during the update; try again",
    )
    .into())
}

/// `DELETE /api/v1/labs/sessions/:user_id`: moves the session into the cleanup queue in one
/// atomic batch, then works its VM deletions right after the response (`wait_until`).
pub async fn delete_session(rc: &RequestContext<'_>, user_id: &str) -> Handled {
    let now = clock::now(&rc.db, rc.config).await?;
    let ended = queue::end_sessions(&rc.db, Ending::Deleted { user_id }, &now.to_iso()).await?;
    let Some((session_id, ticket)) = ended.tickets.into_iter().next() else {
        return Err(ApiError::session_not_found().into());
    };
    rc.logger.emit(
        rc.logger
            .line(
                labs_core::log::Level::Info,
                "session deleted; VM cleanup queued",
            )
            .with("user_id", user_id)
            .with("session_id", session_id),
    );
    let (db, config, logger) = (rc.env.d1("DB")?, rc.config.clone(), rc.logger.clone());
    rc.ctx.wait_until(async move {
        if let Err(e) =
            cleanup::sweep(&db, &config, &logger, Trigger::Delete, false, Some(&ticket)).await
        {
            logger.emit(
                logger
                    .line(
                        labs_core::log::Level::Error,
                        "cleanup after delete failed; the cron will retry",
                    )
                    .with("error", e.to_string()),
            );
        }
    });
    Ok(Reply::ok(envelope::success(
        "Lab session deleted successfully",
        json!({ "user_id": user_id, "deleted": true }),
    )))
}

/// `POST /api/v1/labs/cleanup`: runs a sweep now; `{"dry_run": true}` only reports.
pub async fn run_cleanup(rc: &RequestContext<'_>, body: Option<Value>) -> Handled {
    let dry_run = match body.as_ref().and_then(|b| b.get("dry_run")) {
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
    let limit = query::limit(rc.query("limit"), 20, 100)?;
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
        json!({ "runs": page, "next_cursor": next_cursor }),
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
    let limit = query::limit(rc.query("limit"), 50, 100)?;
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
        json!({ "items": items, "next_cursor": next_cursor }),
    )))
}

/// `POST /api/v1/labs/cleanup/queue/:id/retry`: due now, with a fresh attempt count.
pub async fn retry_cleanup_item(rc: &RequestContext<'_>, id: &str) -> Handled {
    let not_found = || ApiError::new(ErrorKind::NotFound, "No cleanup item with this id");
    let id: i64 = id.parse().map_err(|_| not_found())?;
    let now = clock::now(&rc.db, rc.config).await?;
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
    let now = clock::now(&rc.db, rc.config).await?;
    let revived = queue::retry_all_dead(&rc.db, &now.to_iso()).await?;
    Ok(Reply::ok(envelope::success(
        "Dead cleanup items queued for retry",
        json!({ "retried": revived }),
    )))
}

/// `PUT /api/v1/dev/clock` `{"offset_ms": N}`: only with `LABS_DEV_CLOCK=enabled` outside
/// production; otherwise the route does not exist.
pub async fn set_dev_clock(rc: &RequestContext<'_>, body: Option<Value>) -> Handled {
    if !rc.config.dev_clock {
        return Err(ApiError::route_not_found().into());
    }
    let offset = body
        .as_ref()
        .and_then(|b| b.get("offset_ms"))
        .and_then(Value::as_i64)
        .ok_or_else(|| {
            ApiError::validation(
                "Invalid fields: offset_ms must be an integer",
                vec![FieldProblem::new("offset_ms", "must be an integer")],
            )
        })?;
    dev_clock::set_offset_ms(&rc.db, offset).await?;
    Ok(Reply::ok(envelope::success(
        "Clock offset set",
        json!({ "offset_ms": offset }),
    )))
}
