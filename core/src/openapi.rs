//! The OpenAPI 3.1 document of the API, built from the route table and the wire types.
//!
//! Only with the `openapi` feature (utoipa). The document is generated natively and checked
//! in as `worker/openapi.json`: a test of this crate fails when the file is stale
//! (`LABS_BLESS=1 cargo test -p labs-core --test openapi` rewrites it), and the Worker serves
//! the file on `GET /openapi.json`, so the wasm never links utoipa.
//!
//! - **Paths** come from [`ENDPOINTS`]: each endpoint is resolved with [`routes::resolve`]
//!   into its [`Route`], and [`operation`] — an exhaustive match over [`Route`] — says what
//!   it takes and answers. A route cannot be added without being described here, and a test
//!   of `routes` checks every route is in [`ENDPOINTS`].
//! - **Schemas** are derived (`utoipa::ToSchema`) from the types the handlers serialize:
//!   [`Session`], the page and payload types, [`RunRecord`], [`QueueItem`], [`TokenInfo`](crate::tokens::TokenInfo),
//!   [`ErrorBody`], ...
//! - **Errors**: every route answers 500 (with a `request_id`); a route behind auth answers
//!   401 and 403; one with a body 400 and 413; one with path or query parameters 400; plus
//!   what [`operation`] lists. Each error status's `code` is restricted to the [`ErrorKind`]s
//!   that produce it on that route.
//! - **Request bodies** are checked by [`crate::validation`] and [`crate::tokens`], which walk
//!   the JSON rather than derive it (to name every bad field); their schemas are the `*Body`
//!   types below. Tests (`core/tests/openapi.rs`, `core/tests/properties.rs`) check that the
//!   schemas and the validators agree: what one accepts, the other does too.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::{Map, Value, json};
use utoipa::ToSchema;

use crate::cleanup::{QueueItem, QueuePage, RetriedCount, RunPage, RunRecord};
use crate::envelope::{ErrorBody, Health, ServiceDescription};
use crate::error::{
    ErrorKind, MSG_EMPTY_BODY, MSG_INVALID_JSON, MSG_NO_VALID_FIELDS, MSG_ROUTE_NOT_FOUND,
    MSG_SESSION_EXISTS, MSG_SESSION_NOT_FOUND, MSG_UNAUTHORIZED,
};
use crate::history::{HISTORY_DEFAULT_LIMIT, HistoryDetail, HistoryPage};
use crate::idempotency;
use crate::query::{MAX_LIMIT, QUEUE_DEFAULT_LIMIT, RUNS_DEFAULT_LIMIT, SESSIONS_DEFAULT_LIMIT};
use crate::routes::{self, ENDPOINTS, Endpoint, Method, Route};
use crate::session::{
    DeletedSession, LoadBalancer, Session, SessionPage, UPDATABLE_FIELDS, WorkerNode,
};
use crate::status::Status;
use crate::time::ClockOffset;
use crate::tokens::{CreatedToken, RevokedToken, Scope, TokenList};

/// Where the document is checked in, relative to the workspace root.
pub const DOCUMENT_PATH: &str = "worker/openapi.json";

/// The body of `POST /api/v1/labs/sessions`, as `validation::parse_new_session` accepts it. Lengths are in bytes on the server (the schema's `maxLength` counts
/// characters, so it is the looser bound). Unknown fields are ignored.
#[derive(Debug, Deserialize, ToSchema)]
#[allow(dead_code, non_snake_case)]
pub struct CreateSessionBody {
    /// The session id; a UUID is generated when absent or `null`.
    #[schema(
        min_length = 1,
        max_length = 256,
        pattern = r"^[^\u0000-\u001f\u007f-\u009f]*$"
    )]
    id: Option<String>,
    /// The lab.
    #[schema(min_length = 1, max_length = 256)]
    labId: String,
    /// The lab's title.
    #[schema(min_length = 1, max_length = 2048)]
    labTitle: String,
    /// The lab's group.
    #[schema(min_length = 1, max_length = 256)]
    labGroupID: String,
    /// The module.
    #[schema(min_length = 1, max_length = 256)]
    moduleID: String,
    /// Minutes until the session expires, from 1 to 525600 (a year).
    #[schema(minimum = 1, maximum = 525_600)]
    duration: u32,
    /// When the lab was activated: an ISO 8601 (RFC 3339) timestamp with an offset.
    #[schema(format = DateTime, min_length = 1, max_length = 256)]
    activatedAt: String,
    /// `counterID`.
    #[schema(min_length = 1, max_length = 256)]
    counterID: String,
    /// `configId`.
    #[schema(min_length = 1, max_length = 256)]
    configId: String,
    /// `workerConfigId`.
    #[schema(min_length = 1, max_length = 256)]
    workerConfigId: String,
    /// The master VM's provisioning request id.
    #[schema(min_length = 1, max_length = 256)]
    lab_request_id: String,
    /// The learner: at most one session per user. Any id without control characters is
    /// reachable through every route once percent-encoded as one path segment.
    #[schema(
        min_length = 1,
        max_length = 256,
        pattern = r"^[^\u0000-\u001f\u007f-\u009f]*$"
    )]
    user_id: String,
    /// `terminal_url`.
    #[schema(min_length = 1, max_length = 2048)]
    terminal_url: String,
    /// A client timestamp in ms; kept exact to 64 bits.
    #[schema(minimum = 0, maximum = 9_223_372_036_854_775_807_i64)]
    validation: i64,
    /// The master VM.
    vm: crate::session::Vm,
    /// `vscode_domain`.
    #[schema(max_length = 2048)]
    vscode_domain: Option<String>,
    /// `puku_domain`.
    #[schema(max_length = 2048)]
    puku_domain: Option<String>,
    /// Worker nodes; each one's `worker_lab_request_id` is what deletes its VM.
    #[schema(max_items = 64)]
    worker_nodes: Option<Vec<WorkerNode>>,
    /// Load balancers.
    #[schema(max_items = 64)]
    loadBalancers: Option<Vec<LoadBalancer>>,
}

/// The body of `PUT /api/v1/labs/sessions/:user_id`, as `validation::parse_update` accepts
/// it: at least one of these fields; others are ignored. `worker_nodes` and `loadBalancers`
/// replace the stored lists; `duration` moves `expires_at` (from `created_at`); `null`
/// clears a domain.
// "At least one" is added to the derived schema by `document` (from `UPDATABLE_FIELDS`):
// utoipa 5.5's `min_properties` writes `maxProperties`.
#[derive(Debug, Deserialize, ToSchema)]
#[allow(dead_code, non_snake_case)]
pub struct UpdateSessionBody {
    /// The new worker node list.
    #[serde(default)]
    #[schema(max_items = 64)]
    worker_nodes: Vec<WorkerNode>,
    /// The new load balancer list.
    #[serde(default)]
    #[schema(max_items = 64)]
    loadBalancers: Vec<LoadBalancer>,
    /// The new `vscode_domain`; `null` clears it.
    #[schema(max_length = 2048)]
    vscode_domain: Option<String>,
    /// The new `puku_domain`; `null` clears it.
    #[schema(max_length = 2048)]
    puku_domain: Option<String>,
    /// The new `terminal_url`.
    #[serde(default)]
    #[schema(max_length = 2048)]
    terminal_url: String,
    /// The new duration in minutes, from 1 to 525600.
    #[serde(default)]
    #[schema(minimum = 1, maximum = 525_600)]
    duration: u32,
}

/// The body of `POST /api/v1/tokens`, as `tokens::parse_new_token` accepts it.
#[derive(Debug, Deserialize, ToSchema)]
#[allow(dead_code)]
pub struct CreateTokenBody {
    /// What the token is for, e.g. `grafana-dashboard`: not blank, at most 100 bytes, no
    /// control characters.
    #[schema(
        min_length = 1,
        max_length = 100,
        pattern = r"^[^\u0000-\u001f\u007f-\u009f]*$"
    )]
    name: String,
    /// What it may do.
    scope: Scope,
    /// Days until it stops working (1 to 3650); never when absent or `null`.
    #[schema(minimum = 1, maximum = 3650)]
    expires_in_days: Option<u32>,
}

/// The (optional) body of `POST /api/v1/labs/cleanup`.
#[derive(Debug, Deserialize, ToSchema)]
#[allow(dead_code)]
pub struct RunCleanupBody {
    /// Only report what a sweep would do.
    dry_run: Option<bool>,
}

/// What a route's success answer carries.
enum Answer {
    /// `{"success": true, "message", "data": <schema>}`.
    Envelope(Value),
    /// A body of its own (`/`, `/health`, `/openapi.json`).
    Bare(Value),
    /// A text body of the given media type (`/metrics`).
    Text(&'static str, &'static str),
}

/// What one operation takes and answers, besides the errors every route shares.
struct Operation {
    tag: &'static str,
    status: u16,
    answer: Answer,
    /// The request body's schema and whether the body is required.
    body: Option<(Value, bool)>,
    query: Vec<Value>,
    /// Errors of this route besides the shared ones.
    errors: Vec<ErrorKind>,
}

impl Operation {
    fn new(tag: &'static str, answer: Answer) -> Operation {
        Operation {
            tag,
            status: 200,
            answer,
            body: None,
            query: Vec::new(),
            errors: Vec::new(),
        }
    }

    fn status(mut self, status: u16) -> Operation {
        self.status = status;
        self
    }

    fn body(mut self, schema: Value, required: bool) -> Operation {
        self.body = Some((schema, required));
        self
    }

    fn query(mut self, params: Vec<Value>) -> Operation {
        self.query = params;
        self
    }

    /// Adds an optional request header parameter.
    fn header(mut self, name: &str, description: &str, schema: Value) -> Operation {
        self.query.push(json!({
            "name": name,
            "in": "header",
            "required": false,
            "description": description,
            "schema": schema,
        }));
        self
    }

    fn errors(mut self, errors: Vec<ErrorKind>) -> Operation {
        self.errors = errors;
        self
    }
}

/// The component schemas and error responses the document refers to, collected as
/// operations name them.
#[derive(Default)]
struct Components {
    schemas: BTreeMap<String, Value>,
    responses: BTreeMap<String, Value>,
}

impl Components {
    /// A `$ref` to `T`'s schema, adding it and every schema it refers to.
    fn of<T: ToSchema>(&mut self) -> Value {
        let name = T::name().into_owned();
        if !self.schemas.contains_key(&name) {
            self.schemas.insert(name.clone(), to_json(&T::schema()));
            let mut nested = Vec::new();
            T::schemas(&mut nested);
            for (nested_name, schema) in nested {
                self.schemas
                    .entry(nested_name)
                    .or_insert_with(|| to_json(&schema));
            }
        }
        json!({ "$ref": format!("#/components/schemas/{name}") })
    }
}

fn to_json(value: &impl serde::Serialize) -> Value {
    serde_json::to_value(value).expect("utoipa schemas serialize")
}

fn query_param(name: &str, description: &str, schema: Value) -> Value {
    json!({ "name": name, "in": "query", "required": false, "description": description, "schema": schema })
}

fn limit_param(default: usize) -> Value {
    query_param(
        "limit",
        "Page size.",
        json!({ "type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": default }),
    )
}

fn cursor_param() -> Value {
    query_param(
        "cursor",
        "The `next_cursor` of the previous page.",
        json!({ "type": "string", "minLength": 1 }),
    )
}

/// What `route` takes and answers. Exhaustive on purpose: a new route does not compile until
/// it is described here.
fn operation(route: &Route, c: &mut Components) -> Operation {
    use Answer::{Bare, Envelope};
    match route {
        Route::Root => Operation::new("service", Bare(c.of::<ServiceDescription>())),
        Route::Health => Operation::new("service", Bare(c.of::<Health>())),
        Route::OpenApi => Operation::new(
            "service",
            Bare(
                json!({ "type": "object", "description": "This document.", "required": ["openapi", "paths"] }),
            ),
        ),
        Route::CreateSession => Operation::new("sessions", Envelope(c.of::<Session>()))
            .status(201)
            .body(c.of::<CreateSessionBody>(), true)
            .header(
                idempotency::HEADER,
                "Optional, 1 to 255 printable ASCII characters. The same key with the same body within 24 hours answers exactly what the first request answered and never creates a second session.",
                json!({ "type": "string", "minLength": 1, "maxLength": idempotency::MAX_KEY_LEN, "pattern": "^[ -~]+$" }),
            )
            .errors(vec![
                ErrorKind::SessionExists,
                ErrorKind::Conflict,
                ErrorKind::IdempotencyKeyReused,
                ErrorKind::IdempotencyKeyInUse,
            ]),
        Route::ListSessions => {
            Operation::new("sessions", Envelope(c.of::<SessionPage>())).query(vec![
                limit_param(SESSIONS_DEFAULT_LIMIT),
                cursor_param(),
                query_param(
                    "expired",
                    "Only expired (`true`) or only live (`false`) sessions.",
                    json!({ "type": "boolean" }),
                ),
                query_param(
                    "lab_id",
                    "Only this `labId`.",
                    json!({ "type": "string", "minLength": 1, "maxLength": 256 }),
                ),
                query_param(
                    "lab_group_id",
                    "Only this `labGroupID`.",
                    json!({ "type": "string", "minLength": 1, "maxLength": 256 }),
                ),
                query_param(
                    "created_before",
                    "Only sessions created strictly before this instant.",
                    json!({ "type": "string", "format": "date-time" }),
                ),
                query_param(
                    "created_after",
                    "Only sessions created strictly after this instant.",
                    json!({ "type": "string", "format": "date-time" }),
                ),
            ])
        }
        Route::GetSession(_) => Operation::new("sessions", Envelope(c.of::<Session>()))
            .errors(vec![ErrorKind::NotFound]),
        Route::ListHistory => Operation::new("sessions", Envelope(c.of::<HistoryPage>())).query(vec![
            limit_param(HISTORY_DEFAULT_LIMIT),
            cursor_param(),
            query_param(
                "user_id",
                "Only this user's labs.",
                json!({ "type": "string", "minLength": 1, "maxLength": 256 }),
            ),
            query_param(
                "lab_id",
                "Only this `labId`.",
                json!({ "type": "string", "minLength": 1, "maxLength": 256 }),
            ),
            query_param(
                "reason",
                "Only labs that ended this way.",
                json!({ "type": "string", "enum": ["expired", "deleted"] }),
            ),
            query_param(
                "ended_before",
                "Only labs that ended strictly before this instant.",
                json!({ "type": "string", "format": "date-time" }),
            ),
            query_param(
                "ended_after",
                "Only labs that ended strictly after this instant.",
                json!({ "type": "string", "format": "date-time" }),
            ),
        ]),
        Route::GetHistory(_) => Operation::new("sessions", Envelope(c.of::<HistoryDetail>()))
            .errors(vec![ErrorKind::NotFound]),
        Route::UpdateSession(_) => Operation::new("sessions", Envelope(c.of::<Session>()))
            .body(c.of::<UpdateSessionBody>(), true)
            .errors(vec![ErrorKind::NotFound, ErrorKind::Conflict]),
        Route::DeleteSession(_) => Operation::new("sessions", Envelope(c.of::<DeletedSession>()))
            .errors(vec![ErrorKind::NotFound]),
        Route::Status => Operation::new("cleanup", Envelope(c.of::<Status>())),
        Route::Metrics => Operation::new(
            "cleanup",
            Answer::Text(
                "text/plain",
                "The Prometheus text exposition format, version 0.0.4 (`Content-Type: text/plain; version=0.0.4; charset=utf-8`).",
            ),
        ),
        Route::RunCleanup => Operation::new("cleanup", Envelope(c.of::<RunRecord>()))
            .body(c.of::<RunCleanupBody>(), false),
        Route::ListCleanupRuns => Operation::new("cleanup", Envelope(c.of::<RunPage>()))
            .query(vec![limit_param(RUNS_DEFAULT_LIMIT), cursor_param()]),
        Route::GetCleanupRun(_) => Operation::new("cleanup", Envelope(c.of::<RunRecord>()))
            .errors(vec![ErrorKind::NotFound]),
        Route::ListCleanupQueue => {
            Operation::new("cleanup", Envelope(c.of::<QueuePage>())).query(vec![
                query_param(
                    "state",
                    "Which items: `pending`, `dead`, `done` or `all` (default: pending and dead).",
                    json!({ "type": "string", "enum": ["pending", "dead", "done", "all"] }),
                ),
                limit_param(QUEUE_DEFAULT_LIMIT),
                cursor_param(),
            ])
        }
        Route::RetryCleanupItem(_) => Operation::new("cleanup", Envelope(c.of::<QueueItem>()))
            .errors(vec![ErrorKind::NotFound, ErrorKind::Conflict]),
        Route::RetryDeadCleanupItems => Operation::new("cleanup", Envelope(c.of::<RetriedCount>())),
        Route::SetDevClock => Operation::new("dev", Envelope(c.of::<ClockOffset>()))
            .body(c.of::<ClockOffset>(), true)
            .errors(vec![ErrorKind::RouteNotFound]),
        Route::CreateToken => Operation::new("tokens", Envelope(c.of::<CreatedToken>()))
            .status(201)
            .body(c.of::<CreateTokenBody>(), true),
        Route::ListTokens => Operation::new("tokens", Envelope(c.of::<TokenList>())),
        Route::RevokeToken(_) => Operation::new("tokens", Envelope(c.of::<RevokedToken>()))
            .errors(vec![ErrorKind::NotFound]),
    }
}

/// Every error kind, one value each (the `Allow` value of `MethodNotAllowed` is immaterial).
fn every_error_kind() -> Vec<ErrorKind> {
    let all = vec![
        ErrorKind::Unauthorized,
        ErrorKind::Forbidden,
        ErrorKind::NotFound,
        ErrorKind::RouteNotFound,
        ErrorKind::MethodNotAllowed(String::new()),
        ErrorKind::SessionExists,
        ErrorKind::Conflict,
        ErrorKind::InvalidJson,
        ErrorKind::ValidationFailed,
        ErrorKind::PayloadTooLarge,
        ErrorKind::IdempotencyKeyReused,
        ErrorKind::IdempotencyKeyInUse,
        ErrorKind::Internal,
    ];
    // Adding a kind breaks this match: add it to the list above too.
    for kind in &all {
        match kind {
            ErrorKind::Unauthorized
            | ErrorKind::Forbidden
            | ErrorKind::NotFound
            | ErrorKind::RouteNotFound
            | ErrorKind::MethodNotAllowed(_)
            | ErrorKind::SessionExists
            | ErrorKind::Conflict
            | ErrorKind::InvalidJson
            | ErrorKind::ValidationFailed
            | ErrorKind::PayloadTooLarge
            | ErrorKind::IdempotencyKeyReused
            | ErrorKind::IdempotencyKeyInUse
            | ErrorKind::Internal => {}
        }
    }
    all
}

/// When an error of `kind` is answered, for the response's description.
fn when(kind: &ErrorKind) -> String {
    match kind {
        ErrorKind::Unauthorized => format!(
            "`unauthorized`: no bearer token, another scheme, or an unknown, revoked or expired token (\"{MSG_UNAUTHORIZED}\")."
        ),
        ErrorKind::Forbidden => "`forbidden`: the token's scope does not cover this route.".into(),
        ErrorKind::NotFound => format!(
            "`not_found`: no such record (for sessions: \"{MSG_SESSION_NOT_FOUND}\")."
        ),
        ErrorKind::RouteNotFound => format!(
            "`route_not_found`: the route is not served here (\"{MSG_ROUTE_NOT_FOUND}\")."
        ),
        ErrorKind::MethodNotAllowed(_) => {
            "`method_not_allowed`: the path takes other methods, listed in `Allow`.".into()
        }
        ErrorKind::SessionExists => {
            format!("`session_exists`: the user already has a session (\"{MSG_SESSION_EXISTS}\").")
        }
        ErrorKind::Conflict => {
            "`conflict`: the request clashes with the stored state (a reused session id, an item already done, a session that kept changing).".into()
        }
        ErrorKind::InvalidJson => {
            format!("`invalid_json`: the body is not JSON (\"{MSG_INVALID_JSON}\").")
        }
        ErrorKind::ValidationFailed => format!(
            "`validation_failed`: a body field, query or path parameter is wrong; `details` names each (\"Missing required fields: ...\", \"Invalid fields: ...\", \"{MSG_EMPTY_BODY}\", \"{MSG_NO_VALID_FIELDS}\")."
        ),
        ErrorKind::PayloadTooLarge => "`payload_too_large`: the body is over 64 KiB.".into(),
        ErrorKind::IdempotencyKeyReused => {
            "`idempotency_key_reused`: this `Idempotency-Key` was used with another body.".into()
        }
        ErrorKind::IdempotencyKeyInUse => {
            "`idempotency_key_in_use`: the first request with this `Idempotency-Key` is still running.".into()
        }
        ErrorKind::Internal => {
            "`internal`: an internal failure, logged under `request_id`; nothing else is sent."
                .into()
        }
    }
}

/// `/api/v1/labs/sessions/:user_id` as OpenAPI writes it, and its path parameters.
fn path_template(path: &str) -> (String, Vec<String>) {
    let mut params = Vec::new();
    let segments: Vec<String> = path
        .split('/')
        .map(|segment| match segment.strip_prefix(':') {
            Some(name) => {
                params.push(name.to_owned());
                format!("{{{name}}}")
            }
            None => segment.to_owned(),
        })
        .collect();
    (segments.join("/"), params)
}

fn path_param(name: &str) -> Value {
    let description = match name {
        "user_id" => {
            "The user, percent-encoded as one path segment (`/`, spaces and unicode are fine)."
        }
        _ => "The record's id, percent-encoded as one path segment.",
    };
    json!({
        "name": name,
        "in": "path",
        "required": true,
        "description": description,
        "schema": { "type": "string", "minLength": 1 },
    })
}

/// The route an endpoint's path template resolves to (parameters filled with a sample).
fn route_of(endpoint: &Endpoint) -> Route {
    let path = endpoint
        .path
        .replace(":user_id", "someone")
        .replace(":id", "42");
    routes::resolve(Method::parse(endpoint.method), &path).unwrap_or_else(|e| {
        panic!(
            "ENDPOINTS lists {} {}, which does not resolve: {e}",
            endpoint.method, endpoint.path
        )
    })
}

fn response_with_request_id(description: String, schema: Value) -> Value {
    json!({
        "description": description,
        "headers": { "X-Request-Id": { "$ref": "#/components/headers/X-Request-Id" } },
        "content": { "application/json": { "schema": schema } },
    })
}

/// A `$ref` to the shared response for errors of `kinds` (all of one status), named after
/// their codes, e.g. `invalid_json_or_validation_failed`.
fn error_response(kinds: &[&ErrorKind], c: &mut Components) -> Value {
    let codes: Vec<&str> = kinds.iter().map(|k| k.code()).collect();
    let name = codes.join("_or_");
    c.responses
        .entry(name.clone())
        .or_insert_with(|| error_response_body(kinds));
    json!({ "$ref": format!("#/components/responses/{name}") })
}

fn error_response_body(kinds: &[&ErrorKind]) -> Value {
    let codes: Vec<&str> = kinds.iter().map(|k| k.code()).collect();
    let mut required = vec!["success", "error", "code"];
    if kinds.iter().any(|k| **k == ErrorKind::Internal) {
        required.push("request_id");
    }
    let description = kinds.iter().map(|k| when(k)).collect::<Vec<_>>().join(" ");
    response_with_request_id(
        description,
        json!({
            "allOf": [
                { "$ref": "#/components/schemas/ErrorBody" },
                {
                    "type": "object",
                    "required": required,
                    "properties": { "success": { "const": false }, "code": { "enum": codes } },
                },
            ],
        }),
    )
}

fn success_response(status: u16, answer: Answer) -> Value {
    if let Answer::Text(media_type, description) = answer {
        return json!({
            "description": format!("OK. {description}"),
            "headers": { "X-Request-Id": { "$ref": "#/components/headers/X-Request-Id" } },
            "content": { media_type: { "schema": { "type": "string" } } },
        });
    }
    let (description, schema) = match answer {
        Answer::Text(..) => unreachable!("answered above"),
        Answer::Bare(schema) => ("The answer.", schema),
        Answer::Envelope(data) => (
            "`{\"success\": true, \"message\", \"data\"}`.",
            json!({
                "type": "object",
                "required": ["success", "message", "data"],
                "properties": {
                    "success": { "const": true },
                    "message": { "type": "string" },
                    "data": data,
                },
            }),
        ),
    };
    let description = match status {
        201 => format!("Created. {description}"),
        _ => format!("OK. {description}"),
    };
    response_with_request_id(description, schema)
}

/// The OpenAPI 3.1 document of every endpoint the Worker serves.
pub fn document() -> Value {
    let mut components = Components::default();
    components.of::<ErrorBody>();
    let mut paths: Map<String, Value> = Map::new();
    for endpoint in ENDPOINTS {
        let route = route_of(endpoint);
        let op = operation(&route, &mut components);
        let (template, path_params) = path_template(endpoint.path);

        let mut errors = op.errors.clone();
        if route.requires_auth() {
            errors.extend([ErrorKind::Unauthorized, ErrorKind::Forbidden]);
        }
        if op.body.is_some() {
            errors.extend([
                ErrorKind::InvalidJson,
                ErrorKind::ValidationFailed,
                ErrorKind::PayloadTooLarge,
            ]);
        }
        if !path_params.is_empty() || !op.query.is_empty() {
            errors.push(ErrorKind::ValidationFailed);
        }
        errors.push(ErrorKind::Internal);

        let mut responses = Map::new();
        responses.insert(
            op.status.to_string(),
            success_response(op.status, op.answer),
        );
        let mut by_status: BTreeMap<u16, Vec<&ErrorKind>> = BTreeMap::new();
        for kind in every_error_kind() {
            if let Some(found) = errors.iter().find(|e| **e == kind) {
                by_status.entry(found.status()).or_default().push(found);
            }
        }
        for (status, kinds) in by_status {
            responses.insert(status.to_string(), error_response(&kinds, &mut components));
        }

        let mut operation = Map::new();
        operation.insert("tags".into(), json!([op.tag]));
        operation.insert("summary".into(), json!(endpoint.description));
        operation.insert("operationId".into(), json!(route.name()));
        let parameters: Vec<Value> = path_params
            .iter()
            .map(|p| path_param(p))
            .chain(op.query)
            .collect();
        if !parameters.is_empty() {
            operation.insert("parameters".into(), Value::Array(parameters));
        }
        if let Some((schema, required)) = op.body {
            operation.insert(
                "requestBody".into(),
                json!({
                    "required": required,
                    "content": { "application/json": { "schema": schema } },
                }),
            );
        }
        operation.insert("responses".into(), Value::Object(responses));
        let security = if route.requires_auth() {
            json!([{ "bearerAuth": [] }])
        } else {
            json!([])
        };
        operation.insert("security".into(), security);

        let item = paths
            .entry(template)
            .or_insert_with(|| Value::Object(Map::new()));
        item[endpoint.method.to_ascii_lowercase()] = Value::Object(operation);
    }

    // An update must name at least one updatable field ("No valid fields to update").
    if let Some(update) = components.schemas.get_mut("UpdateSessionBody") {
        let one_of_them: Vec<Value> = UPDATABLE_FIELDS
            .iter()
            .map(|f| json!({ "required": [f] }))
            .collect();
        update["anyOf"] = Value::Array(one_of_them);
    }

    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Lab Sessions API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Records which hands-on lab each learner runs and deletes its VMs when the lab's time is up.\n\n\
                Every `/api/v1/` answer is an envelope: `{\"success\": true, \"message\", \"data\"}` or \
                `{\"success\": false, \"error\", \"code\", \"details\"?, \"request_id\"?}`. Every `/api/v1/` route \
                needs `Authorization: Bearer <token>` (the scheme's case is free); `read` tokens reach the GET \
                routes, `write` adds session changes, `admin` everything. A known path with another method \
                answers 405 with an `Allow` header; an unknown path 404 `route_not_found`. CORS preflight \
                (`OPTIONS`) needs no token. Generated from the Worker's Rust types (labs-core, feature `openapi`).",
            "license": { "name": "Apache-2.0", "identifier": "Apache-2.0" },
        },
        "tags": [
            { "name": "sessions", "description": "Lab sessions: one per user." },
            { "name": "cleanup", "description": "The cleanup queue and its sweeps." },
            { "name": "tokens", "description": "Scoped API tokens." },
            { "name": "service", "description": "Health, description and this document." },
            { "name": "dev", "description": "Local testing only." },
        ],
        "paths": paths,
        "components": {
            "schemas": components.schemas,
            "responses": components.responses,
            "headers": {
                "X-Request-Id": {
                    "description": "The request's id, also in its log lines.",
                    "required": true,
                    "schema": { "type": "string" },
                },
            },
            "securitySchemes": {
                "bearerAuth": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "`CF_WORKER_TOKEN` (every scope) or a minted `lab_...` token (its scope).",
                },
            },
        },
    })
}

/// [`document`] as the checked-in file holds it: pretty-printed, with a final newline.
pub fn document_json() -> String {
    let mut text = serde_json::to_string_pretty(&document()).expect("the document serializes");
    text.push('\n');
    text
}
