//! Session routes: create, list, read, update, delete.

use labs_core::cleanup::Trigger;
use labs_core::envelope;
use labs_core::error::{ApiError, ErrorKind};
use labs_core::idempotency;
use labs_core::log::Level;
use labs_core::record::{SessionRow, StoredSession};
use labs_core::session::{DeletedSession, Session, SessionPage};
use labs_core::validation;
use serde::Deserialize;
use serde_json::Value;

use super::RequestContext;
use crate::db::Db;
use crate::reply::{Failure, Handled, Reply};
use crate::sql::idempotency as idem;
use crate::sql::items::Scope;
use crate::sql::metrics;
use crate::sql::sessions as sql;
use crate::{Platform, queue, sweep};

/// How many times an update re-reads and retries when another write got there first.
const UPDATE_ATTEMPTS: usize = 5;

/// Reads the session of `user_id`.
pub(crate) async fn find_by_user<D: Db>(
    db: &D,
    user_id: &str,
) -> Result<Option<StoredSession>, Failure> {
    let row = db.first::<SessionRow>(sql::find_by_user(user_id)).await?;
    row.map(StoredSession::try_from)
        .transpose()
        .map_err(|e| Failure::Internal(e.to_string()))
}

/// `POST /api/v1/labs/sessions`, with an optional `Idempotency-Key`: the same key with the
/// same body within 24 hours answers exactly what the first request answered (status and
/// body) and never creates a second session.
pub async fn create_session<P: Platform>(
    rc: &RequestContext<'_, P>,
    key: Option<&str>,
    body: Option<Value>,
) -> Handled {
    let Some(key) = key.map(idempotency::parse_key).transpose()? else {
        return create(rc, body, None)
            .await
            .map(|(status, text)| Reply::raw(status, text));
    };
    let body = body.ok_or_else(ApiError::invalid_json)?;
    let hash = idempotency::body_hash(&body);
    let db = &rc.engine.db;
    let clock = rc.engine.clock().await?;
    let mut waited_ms = 0;
    loop {
        let now = clock.now();
        let lock = now
            .plus_millis(idempotency::KEY_LOCK_MS)
            .unwrap_or(now)
            .to_iso();
        let expired_before = now
            .plus_millis(-idempotency::KEY_TTL_MS)
            .unwrap_or(now)
            .to_iso();
        let mut owner = db
            .run(idem::claim(key, &hash, &now.to_iso(), &lock))
            .await?
            == 1;
        if !owner {
            let Some(row) = db.first::<idem::KeyRow>(idem::get(key)).await? else {
                continue; // pruned in between: claim it again
            };
            let expired = row.created_at < expired_before;
            let abandoned = row.status.is_none()
                && row
                    .locked_until
                    .as_deref()
                    .is_some_and(|l| l <= now.to_iso().as_str());
            if expired || abandoned {
                let take = idem::take_over(key, &hash, &now.to_iso(), &lock, &expired_before);
                owner = db.run(take).await? == 1;
            } else if row.request_hash != hash {
                return Err(idempotency::reused().into());
            } else if let (Some(status), Some(text)) = (row.status, row.body) {
                return Ok(Reply::raw(status, text));
            } else if waited_ms < idempotency::KEY_WAIT_MS {
                // The first request is running: wait for its answer rather than refuse.
                rc.engine.host.timer.sleep(100).await;
                waited_ms += 100;
                continue;
            } else {
                return Err(idempotency::in_use().into());
            }
        }
        if owner {
            return match create(rc, Some(body), Some(key)).await {
                Ok((status, text)) => Ok(Reply::raw(status, text)),
                Err(Failure::Api(e)) => {
                    // A refusal is the answer too: the same request would get it again.
                    let text = envelope::failure(&e, None).to_string();
                    db.run(idem::record(key, e.status(), &text)).await?;
                    Err(Failure::Api(e))
                }
                Err(internal) => {
                    db.run(idem::release(key)).await?;
                    Err(internal)
                }
            };
        }
    }
}

/// Creates the session; with `key`, records the 201 in the same batch as the insert, so a
/// lab is never created without its recorded answer. Returns the status and the body text.
async fn create<P: Platform>(
    rc: &RequestContext<'_, P>,
    body: Option<Value>,
    key: Option<&str>,
) -> Result<(u16, String), Failure> {
    let body = body.ok_or_else(ApiError::invalid_json)?;
    let new = validation::parse_new_session(&body)?;
    let id = new.id.clone().unwrap_or_else(|| rc.engine.host.uuid());
    let stored = StoredSession {
        session: new.into_session(id, rc.now),
        version: 1,
        detached_vm_ids: Vec::new(),
    };
    let answer = envelope::success("Lab session created successfully", &stored.session);
    let db = &rc.engine.db;
    // The insert, the creation counter and (with a key) the recorded answer: one batch.
    let s = &stored.session;
    let mut batch = vec![
        sql::insert(&stored.to_row()),
        metrics::bump_created(&s.id, &s.created_at),
    ];
    if let Some(key) = key {
        batch.push(idem::record_created(key, &answer, &s.id, &s.created_at));
    }
    let created = db.batch(batch).await?[0].changes == 1;
    if created {
        rc.logger.emit(
            rc.logger
                .line(Level::Info, "session created")
                .with("user_id", stored.session.user_id.clone())
                .with("session_id", stored.session.id.clone())
                .with("lab_id", stored.session.lab_id.clone()),
        );
        return Ok((201, answer));
    }
    // The insert was refused by a uniqueness rule. Only a clash on the session id with
    // another user's session is reported as such; otherwise the user already has one.
    #[derive(Deserialize)]
    struct Owner {
        user_id: String,
    }
    match db
        .first::<Owner>(sql::user_of_session(&stored.session.id))
        .await?
    {
        Some(owner) if owner.user_id != stored.session.user_id => {
            Err(ApiError::validation_conflict().into())
        }
        _ => Err(ApiError::session_exists().into()),
    }
}

/// `GET /api/v1/labs/sessions`: newest first, filtered, with a cursor to the next page.
pub async fn list_sessions<P: Platform>(rc: &RequestContext<'_, P>) -> Handled {
    let query = labs_core::query::session_list_query(rc.query)?;
    let rows: Vec<SessionRow> = rc
        .engine
        .db
        .all(sql::list(&query, &rc.now.to_iso()))
        .await?;
    let mut page = rows
        .into_iter()
        .map(StoredSession::try_from)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| Failure::Internal(e.to_string()))?;
    let next_cursor = if page.len() > query.limit {
        page.truncate(query.limit);
        page.last()
            .map(|s| labs_core::query::encode_time_cursor(&s.session.created_at, &s.session.id))
    } else {
        None
    };
    let sessions: Vec<Session> = page.into_iter().map(|s| s.session).collect();
    Ok(Reply::ok(envelope::success(
        "Lab sessions retrieved successfully",
        SessionPage {
            sessions,
            next_cursor,
        },
    )))
}

/// `GET /api/v1/labs/sessions/user/:user_id`.
pub async fn get_session<P: Platform>(rc: &RequestContext<'_, P>, user_id: &str) -> Handled {
    let stored = find_by_user(&rc.engine.db, user_id)
        .await?
        .ok_or_else(ApiError::session_not_found)?;
    Ok(Reply::ok(envelope::success(
        "Lab session retrieved successfully",
        &stored.session,
    )))
}

/// `PUT /api/v1/labs/sessions/:user_id`: a partial update of the user's session, written
/// only over the very row it was computed from (same session, same version), re-read and
/// retried a few times when another write came between.
pub async fn update_session<P: Platform>(
    rc: &RequestContext<'_, P>,
    user_id: &str,
    body: Option<Value>,
) -> Handled {
    let update = validation::parse_update(body.as_ref())?;
    let db = &rc.engine.db;
    for _ in 0..UPDATE_ATTEMPTS {
        let current = find_by_user(db, user_id)
            .await?
            .ok_or_else(ApiError::session_not_found)?;
        let (session, dropped): (Session, Vec<String>) = current
            .session
            .apply(&update, rc.now)
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
        let write =
            sql::update_if_unchanged(&next.to_row(), &current.session.created_at, current.version);
        if db.run(write).await? == 1 {
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
pub async fn delete_session<P: Platform>(rc: &RequestContext<'_, P>, user_id: &str) -> Handled {
    let ended = sweep::end_sessions(
        &rc.engine.db,
        sql::Ending::Deleted { user_id },
        &rc.now.to_iso(),
    )
    .await?;
    let Some((session_id, ticket)) = ended.into_iter().next() else {
        return Err(ApiError::session_not_found().into());
    };
    rc.logger.emit(
        rc.logger
            .line(Level::Info, "session deleted; VM cleanup queued")
            .with("user_id", user_id)
            .with("session_id", session_id),
    );
    let (engine, logger) = (rc.engine.clone(), rc.logger.clone());
    rc.engine.host.spawner.spawn(Box::pin(async move {
        // With a queue, a consumer works the session; without one, or if the message cannot
        // be sent, this invocation does, after answering.
        if let Some(queue) = &engine.queue
            && queue::send_ticket(&engine, queue, &logger, &ticket).await
        {
            return;
        }
        let tickets = queue::json_list(std::slice::from_ref(&ticket));
        if let Err(e) = sweep::sweep(
            &engine,
            &logger,
            Trigger::Delete,
            false,
            Scope::Tickets(&tickets),
        )
        .await
        {
            logger.emit(
                logger
                    .line(
                        Level::Error,
                        "cleanup after delete failed; the cron will retry",
                    )
                    .with("error", e.to_string()),
            );
        }
    }));
    Ok(Reply::ok(envelope::success(
        "Lab session deleted successfully",
        DeletedSession {
            user_id: user_id.to_owned(),
            deleted: true,
        },
    )))
}
