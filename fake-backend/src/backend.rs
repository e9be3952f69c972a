//! The two backend endpoints the Worker calls, the alert webhook, and the `404` for
//! everything else.
//!
//! One handler takes every request outside `/__fake/`, so that all of them are recorded the
//! same way. It reads the body, decides the answer (`200` for the landing page that default
//! redirects point at, `404` for an unknown route, then `401` for a bad token — never for the
//! webhook, which takes none — then `400` for a bad body, then the rules), waits out the
//! global latency, and carries the outcome out: a response, a redirect, a hang, or a dropped
//! connection.

use std::sync::Arc;
use std::time::Instant;

use axum::body::{Body, Bytes, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use tokio::sync::Notify;

use crate::calls::{Answer, CallKind};
use crate::rules::{LANDING_PATH, Outcome};
use crate::server::AppState;
use crate::state::{Arrival, InFlight};

/// Bodies larger than this are not read (and answered `400`); the real ones are ~80 bytes.
const MAX_BODY: usize = 1 << 20;

/// Put into every request's extensions by the connection task: notifying it makes the task
/// close the connection without a response.
#[derive(Clone)]
pub(crate) struct ConnKill(pub(crate) Arc<Notify>);

/// The fallback handler: every non-control request.
pub(crate) async fn handle(State(state): State<AppState>, request: Request) -> Response {
    let received = Instant::now();
    let (parts, body) = request.into_parts();
    let path = parts.uri.path().to_string();
    if path.starts_with("/__fake/") {
        // An unknown control route: not a backend call, so not recorded.
        return (
            StatusCode::NOT_FOUND,
            axum::Json(json!({"error": format!("no control route {} {path}", parts.method)})),
        )
            .into_response();
    }
    let kill = parts.extensions.get::<ConnKill>().cloned();
    let method = parts.method.to_string();
    let kind = state.shared.classify(&method, &path);
    let authorization = header_str(&parts.headers, header::AUTHORIZATION);
    let has_authorization = parts.headers.contains_key(header::AUTHORIZATION);
    // A webhook (Slack's, say) takes no token: whether one came anyway is recorded.
    let auth_ok = kind == CallKind::Webhook || state.shared.auth_ok(authorization);
    let content_type = header_str(&parts.headers, header::CONTENT_TYPE).map(str::to_string);

    let (body_text, fields) = match to_bytes(body, MAX_BODY).await {
        Ok(bytes) => (
            String::from_utf8_lossy(&bytes).into_owned(),
            parse_body(kind, &bytes),
        ),
        Err(_) => (
            String::new(),
            BodyFields::problem("the body could not be read"),
        ),
    };

    let forced = if kind == CallKind::Landing {
        // Where redirects end: a plain 200, whoever asks, whatever the body.
        Some(Outcome::ok())
    } else if kind == CallKind::Other {
        Some(error_outcome(
            404,
            format!("fake backend: no such endpoint: {method} {path}"),
        ))
    } else if !auth_ok {
        Some(error_outcome(
            401,
            "fake backend: invalid or missing bearer token".into(),
        ))
    } else {
        fields
            .problem
            .as_ref()
            .map(|problem| error_outcome(400, format!("fake backend: {problem}")))
    };

    let (guard, outcome, latency) = state.shared.begin(Arrival {
        received,
        kind,
        method,
        path,
        lab_request_id: fields.lab_request_id,
        user_id: fields.user_id,
        auth_ok,
        has_authorization,
        content_type,
        body: body_text,
        forced,
    });
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    carry_out(outcome, guard, kill).await
}

fn header_str(headers: &HeaderMap, name: header::HeaderName) -> Option<&str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

fn error_outcome(status: u16, error: String) -> Outcome {
    Outcome::status_with_body(
        status,
        json!({"success": false, "error": error}).to_string(),
    )
}

/// What the handler takes from a body: the ids, or why the body is unacceptable.
#[derive(Debug, Default, PartialEq)]
struct BodyFields {
    lab_request_id: Option<String>,
    user_id: Option<String>,
    problem: Option<String>,
}

impl BodyFields {
    fn problem(problem: &str) -> Self {
        BodyFields {
            problem: Some(problem.to_string()),
            ..BodyFields::default()
        }
    }
}

/// Both VM backend endpoints need a non-empty string `lab_request_id`; a VM delete also
/// needs a non-empty string `user_id`. Ids are kept even when the body is otherwise refused,
/// so the call can still be found by id. A webhook call needs what a Slack incoming webhook
/// needs, a non-empty string `text`; its `lab_request_id` and `user_id`, when it has string
/// ones, are kept (rules and [`crate::FakeBackend::calls_for`] find it by them).
fn parse_body(kind: CallKind, bytes: &Bytes) -> BodyFields {
    let Ok(Value::Object(map)) = serde_json::from_slice::<Value>(bytes) else {
        return BodyFields::problem("the body is not a JSON object");
    };
    let string = |name: &str| match map.get(name) {
        Some(Value::String(s)) if !s.is_empty() => Ok(Some(s.clone())),
        None => Ok(None),
        Some(other) => Err(format!("{name} must be a non-empty string, got {other}")),
    };
    if kind == CallKind::Webhook {
        return BodyFields {
            lab_request_id: string("lab_request_id").ok().flatten(),
            user_id: string("user_id").ok().flatten(),
            problem: match string("text") {
                Ok(Some(_)) => None,
                Ok(None) => Some("text is missing (a Slack webhook needs it)".into()),
                Err(problem) => Some(problem),
            },
        };
    }
    let mut fields = BodyFields::default();
    let mut problems = Vec::new();
    match string("lab_request_id") {
        Ok(Some(id)) => fields.lab_request_id = Some(id),
        Ok(None) => problems.push("lab_request_id is missing".to_string()),
        Err(problem) => problems.push(problem),
    }
    match string("user_id") {
        Ok(Some(user)) => fields.user_id = Some(user),
        Ok(None) if kind == CallKind::DeleteVm => problems.push("user_id is missing".to_string()),
        Ok(None) => {}
        Err(problem) => problems.push(problem),
    }
    if !problems.is_empty() {
        fields.problem = Some(problems.join("; "));
    }
    fields
}

/// Carries out `outcome`, recording in `guard` what happened.
async fn carry_out(mut outcome: Outcome, mut guard: InFlight, kill: Option<ConnKill>) -> Response {
    loop {
        match outcome {
            Outcome::Status { status, body } => {
                let response = respond(status, body);
                guard.finish(Answer::Status(response.status().as_u16()));
                return response;
            }
            Outcome::Redirect { status, location } => {
                let location = location.as_deref().unwrap_or(LANDING_PATH);
                let response = redirect(status, location);
                guard.finish(Answer::Status(response.status().as_u16()));
                return response;
            }
            Outcome::Hang { duration, then } => {
                match duration {
                    Some(duration) => tokio::time::sleep(duration).await,
                    // Until shutdown: the runtime drops this future, and `guard` records
                    // `Abandoned`.
                    None => std::future::pending::<()>().await,
                }
                outcome = then.map_or(Outcome::Drop, |then| *then);
            }
            Outcome::Drop => {
                guard.finish(Answer::Dropped);
                if let Some(ConnKill(kill)) = kill {
                    kill.notify_one();
                    // The connection task drops this future together with the connection.
                    std::future::pending::<()>().await;
                }
                // No connection to kill (not served by `server`): the closest thing.
                return StatusCode::INTERNAL_SERVER_ERROR.into_response();
            }
        }
    }
}

fn redirect(status: u16, location: &str) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::FOUND);
    let body = json!({"success": false, "error": format!("fake backend: redirect to {location}")});
    Response::builder()
        .status(status)
        .header(header::LOCATION, location)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))
        .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

fn respond(status: u16, body: Option<String>) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = body.unwrap_or_else(|| Outcome::default_body(status.as_u16()));
    let content_type = if serde_json::from_str::<Value>(&body).is_ok() {
        "application/json"
    } else {
        "text/plain; charset=utf-8"
    };
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, content_type)
        .body(Body::from(body))
        .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(kind: CallKind, body: &str) -> BodyFields {
        parse_body(kind, &Bytes::copy_from_slice(body.as_bytes()))
    }

    #[test]
    fn accepts_the_contract_bodies() {
        let delete = parse(
            CallKind::DeleteVm,
            r#"{"lab_request_id": "lr-1", "user_id": "u-1", "extra": 1}"#,
        );
        assert_eq!(delete.lab_request_id.as_deref(), Some("lr-1"));
        assert_eq!(delete.user_id.as_deref(), Some("u-1"));
        assert_eq!(delete.problem, None);

        let expose = parse(CallKind::Expose, r#"{"lab_request_id": "lr-1"}"#);
        assert_eq!(expose.lab_request_id.as_deref(), Some("lr-1"));
        assert_eq!(expose.problem, None);
    }

    #[test]
    fn rejects_bad_bodies_but_keeps_what_it_can() {
        for (kind, body) in [
            (CallKind::Expose, ""),
            (CallKind::Expose, "not json"),
            (CallKind::Expose, "[1]"),
            (CallKind::Expose, "{}"),
            (CallKind::Expose, r#"{"lab_request_id": ""}"#),
            (CallKind::Expose, r#"{"lab_request_id": 5}"#),
            (CallKind::DeleteVm, r#"{"lab_request_id": "lr-1"}"#),
            (
                CallKind::DeleteVm,
                r#"{"lab_request_id": "lr-1", "user_id": 7}"#,
            ),
        ] {
            assert!(parse(kind, body).problem.is_some(), "{kind} {body:?}");
        }
        let partial = parse(CallKind::DeleteVm, r#"{"lab_request_id": "lr-1"}"#);
        assert_eq!(partial.lab_request_id.as_deref(), Some("lr-1"));
    }

    #[test]
    fn a_webhook_body_needs_text_and_may_name_a_vm() {
        let alert = parse(
            CallKind::Webhook,
            r#"{"text": "VM lr-1 was not deleted", "lab_request_id": "lr-1", "user_id": "u-1", "attempts": 3}"#,
        );
        assert_eq!(alert.problem, None);
        assert_eq!(alert.lab_request_id.as_deref(), Some("lr-1"));
        assert_eq!(alert.user_id.as_deref(), Some("u-1"));
        let plain = parse(
            CallKind::Webhook,
            r#"{"text": "the cron fires again", "user_id": ""}"#,
        );
        assert_eq!(
            (plain.problem, plain.lab_request_id, plain.user_id),
            (None, None, None)
        );
        for body in ["", "[]", "{}", r#"{"text": ""}"#, r#"{"text": 5}"#] {
            assert!(parse(CallKind::Webhook, body).problem.is_some(), "{body:?}");
        }
    }

    #[test]
    fn responses_pick_a_content_type() {
        let json = respond(500, None);
        assert_eq!(json.status(), 500);
        assert_eq!(json.headers()[header::CONTENT_TYPE], "application/json");
        let moved = redirect(307, "/landing");
        assert_eq!(moved.status(), 307);
        assert_eq!(moved.headers()[header::LOCATION], "/landing");
        let text = respond(503, Some("down".into()));
        assert_eq!(
            text.headers()[header::CONTENT_TYPE],
            "text/plain; charset=utf-8"
        );
    }
}
