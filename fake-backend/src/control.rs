//! The HTTP control API under `/__fake/`, for driving a fake in another process (curl).
//!
//! Control requests are neither recorded nor delayed, and ignore the bearer token. Request
//! bodies are JSON whatever their `Content-Type`; errors come back as `400`
//! `{"error": "<why>"}`. The routes and JSON shapes are listed in the crate docs.

use std::time::Duration;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::calls::CallKind;
use crate::rules::{Endpoint, Rule};
use crate::server::{AppState, Command};

/// The id in `/__fake/rules/{id}` that names the default rule instead of a lab.
pub(crate) const DEFAULT_RULE_ID: &str = "default";

/// Why a control request failed.
#[derive(Debug)]
pub(crate) enum ControlError {
    /// The body is not the JSON the route expects.
    BadJson(String),
}

impl IntoResponse for ControlError {
    fn into_response(self) -> Response {
        match self {
            ControlError::BadJson(why) => {
                (StatusCode::BAD_REQUEST, Json(json!({ "error": why }))).into_response()
            }
        }
    }
}

fn parse<T: DeserializeOwned>(body: &Bytes) -> Result<T, ControlError> {
    serde_json::from_slice(body).map_err(|err| ControlError::BadJson(err.to_string()))
}

/// `?lab_request_id=` and `?kind=` on `GET /__fake/calls`.
#[derive(Deserialize)]
pub(crate) struct CallsQuery {
    lab_request_id: Option<String>,
    kind: Option<CallKind>,
}

/// `GET /__fake/calls[?lab_request_id=ID][&kind=KIND]`: the recorded calls, oldest first.
pub(crate) async fn list_calls(
    State(state): State<AppState>,
    Query(query): Query<CallsQuery>,
) -> Response {
    let mut calls = match query.lab_request_id {
        Some(id) => state.shared.calls_for(&id),
        None => state.shared.calls(),
    };
    if let Some(kind) = query.kind {
        calls.retain(|c| c.kind == kind);
    }
    Json(calls).into_response()
}

/// `DELETE /__fake/calls`: forget the recorded calls.
pub(crate) async fn clear_calls(State(state): State<AppState>) -> StatusCode {
    state.shared.clear_calls();
    StatusCode::NO_CONTENT
}

/// `GET /__fake/rules`: the installed rules with their progress.
pub(crate) async fn list_rules(State(state): State<AppState>) -> Response {
    Json(state.shared.rules()).into_response()
}

/// `DELETE /__fake/rules`: remove every rule, the default ones included.
pub(crate) async fn clear_rules(State(state): State<AppState>) -> StatusCode {
    state.shared.clear_rules();
    StatusCode::NO_CONTENT
}

/// `?endpoint=expose|delete_vm` on the `/__fake/rules/{id}` routes.
#[derive(Deserialize)]
pub(crate) struct RuleQuery {
    endpoint: Option<Endpoint>,
}

fn rule_id(id: String) -> Option<String> {
    (id != DEFAULT_RULE_ID).then_some(id)
}

/// `PUT /__fake/rules/{id}[?endpoint=..]` with a rule: install it (replacing any rule with
/// the same id and endpoint, and restarting its script and PRNG).
pub(crate) async fn put_rule(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<RuleQuery>,
    body: Bytes,
) -> Result<StatusCode, ControlError> {
    let rule: Rule = parse(&body)?;
    state.shared.set_rule(rule_id(id), query.endpoint, rule);
    Ok(StatusCode::NO_CONTENT)
}

/// `DELETE /__fake/rules/{id}[?endpoint=..]`: remove the id's rules (or only the one for
/// that endpoint).
pub(crate) async fn delete_rule(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<RuleQuery>,
) -> StatusCode {
    state
        .shared
        .remove_rules(rule_id(id).as_deref(), query.endpoint);
    StatusCode::NO_CONTENT
}

/// The body of `PUT /__fake/latency` and `GET /__fake/latency`: `{"ms": 50}`.
#[derive(Serialize, Deserialize)]
pub(crate) struct Millis {
    ms: u64,
}

/// `GET /__fake/latency`.
pub(crate) async fn get_latency(State(state): State<AppState>) -> Json<Millis> {
    Json(Millis {
        ms: state.shared.stats().latency_ms,
    })
}

/// `PUT /__fake/latency {"ms": N}`: add N ms to every backend answer.
pub(crate) async fn put_latency(
    State(state): State<AppState>,
    body: Bytes,
) -> Result<StatusCode, ControlError> {
    let Millis { ms } = parse(&body)?;
    state.shared.set_latency(Duration::from_millis(ms));
    Ok(StatusCode::NO_CONTENT)
}

/// `PUT /__fake/refuse {"ms": N}`: refuse connections for N ms, then listen again on the same
/// port. (There is no "refuse until told": nothing could reach this API to tell it.)
pub(crate) async fn put_refuse(
    State(state): State<AppState>,
    body: Bytes,
) -> Result<StatusCode, ControlError> {
    let Millis { ms } = parse(&body)?;
    let commands = state.commands.clone();
    let _ = commands.send(Command::Refuse {
        refuse: true,
        ack: None,
    });
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(ms)).await;
        let _ = commands.send(Command::Refuse {
            refuse: false,
            ack: None,
        });
    });
    // This connection is shut down gracefully: the answer still goes out.
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /__fake/stats`: see [`crate::Stats`].
pub(crate) async fn get_stats(State(state): State<AppState>) -> Response {
    Json(state.shared.stats()).into_response()
}

/// `POST /__fake/stats/reset`: set the maximum in flight back to the current number.
pub(crate) async fn reset_stats(State(state): State<AppState>) -> StatusCode {
    state.shared.reset_max_in_flight();
    StatusCode::NO_CONTENT
}

/// `GET /__fake/deleted`: `{"<lab_request_id>": <confirmed deletes>, ...}`.
pub(crate) async fn get_deleted(State(state): State<AppState>) -> Response {
    Json(state.shared.confirmed_delete_counts()).into_response()
}

/// `POST /__fake/reset`: what [`crate::FakeBackend::clear`] does.
pub(crate) async fn reset(State(state): State<AppState>) -> StatusCode {
    state.shared.clear();
    StatusCode::NO_CONTENT
}
