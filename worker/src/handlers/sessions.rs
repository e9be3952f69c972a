//! Session routes: create, read, update, delete.

use labs_core::cleanup::Trigger;
use labs_core::envelope;
use labs_core::error::{ApiError, ErrorKind};
use labs_core::log::Level;
use labs_core::record::StoredSession;
use labs_core::session::{DeletedSession, Session, SessionPage};
use labs_core::validation;
use serde_json::Value;

use super::Handled;
use crate::cleanup;
use crate::http::{Failure, Reply, RequestContext};
use crate::random;
use crate::store::queue::{self, Ending};
use crate::store::sessions;

/// How many times an update re-reads and retries when another write got there first.
const UPDATE_ATTEMPTS: usize = 5;

/// `POST /api/v1/labs/sessions`.
pub async fn create_session(rc: &RequestContext<'_>, body: Option<Value>) -> Handled {
    let body = body.ok_or_else(ApiError::invalid_json)?;
    let new = validation::parse_new_session(&body)?;
    let now = rc.now;
    let id = new.id.clone().unwrap_or_else(random::uuid);
    let stored = StoredSession {
        session: new.into_session(id, now),
        version: 1,
        detached_vm_ids: Vec::new(),
    };
    if sessions::insert(&rc.db, &stored).await? {
        rc.logger.emit(
            rc.logger
                .line(Level::Info, "session created")
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

/// `GET /api/v1/labs/sessions`: newest first, filtered, with a cursor to the next page.
pub async fn list_sessions(rc: &RequestContext<'_>) -> Handled {
    let query = labs_core::query::session_list_query(&rc.query)?;
    let now = rc.now;
    let mut page = sessions::list(&rc.db, &query, &now.to_iso()).await?;
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
        let now = rc.now;
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
    let now = rc.now;
    let ended = queue::end_sessions(&rc.db, Ending::Deleted { user_id }, &now.to_iso()).await?;
    let Some((session_id, ticket)) = ended.tickets.into_iter().next() else {
        return Err(ApiError::session_not_found().into());
    };
    rc.logger.emit(
        rc.logger
            .line(Level::Info, "session deleted; VM cleanup queued")
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
                        Level::Error,
                        "cleanup after delete failed; the cron will retry",
                    )
                    .with("error", e.to_string()),
            );
        }
    });
    Ok(Reply::ok(envelope::success(
        "Lab session deleted successfully",
        DeletedSession {
            user_id: user_id.to_owned(),
            deleted: true,
        },
    )))
}
