//! Session routes: create, list, read, update, delete.

use labs_core::cleanup::Trigger;
use labs_core::envelope;
use labs_core::error::{ApiError, ErrorKind};
use labs_core::log::Level;
use labs_core::record::{SessionRow, StoredSession};
use labs_core::session::{DeletedSession, Session, SessionPage};
use labs_core::validation;
use serde::Deserialize;
use serde_json::Value;

use super::RequestContext;
use crate::db::Db;
use crate::reply::{Failure, Handled, Reply};
use crate::sql::sessions as sql;
use crate::{Platform, sweep};

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

/// `POST /api/v1/labs/sessions`.
pub async fn create_session<P: Platform>(
    rc: &RequestContext<'_, P>,
    body: Option<Value>,
) -> Handled {
    let body = body.ok_or_else(ApiError::invalid_json)?;
    let new = validation::parse_new_session(&body)?;
    let id = new.id.clone().unwrap_or_else(|| rc.engine.host.uuid());
    let stored = StoredSession {
        session: new.into_session(id, rc.now),
        version: 1,
        detached_vm_ids: Vec::new(),
    };
    let db = &rc.engine.db;
    if db.run(sql::insert(&stored.to_row())).await? == 1 {
        rc.logger.emit(
            rc.logger
                .line(Level::Info, "session created")
                .with("user_id", stored.session.user_id.clone())
                .with("session_id", stored.session.id.clone())
                .with("lab_id", stored.session.lab_id.clone()),
        );
        return Ok(Reply::created(envelope::success(
            "Lab session created successfully",
            &stored.session,
        )));
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
        if let Err(e) = sweep::sweep(&engine, &logger, Trigger::Delete, false, Some(&ticket)).await
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
