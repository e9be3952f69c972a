//! The route table: which method and path reach which operation.
//!
//! [`resolve`] is the only router. It works on the raw (still percent-encoded) path, splits
//! it on `/`, and decodes each segment on its own, so a user id holding `/`, `%`, spaces or
//! unicode arrives whole when the client encodes it as one segment. [`ENDPOINTS`] lists the
//! same routes for `GET /`; a test keeps the two in step.

use percent_encoding::percent_decode_str;

use crate::error::{ApiError, ErrorKind, FieldProblem};

/// An HTTP method the API knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// GET
    Get,
    /// POST
    Post,
    /// PUT
    Put,
    /// DELETE
    Delete,
    /// OPTIONS (CORS preflight; answered before routing)
    Options,
    /// Any other method.
    Other,
}

impl Method {
    /// The method named `name` (case-sensitive, as HTTP has it).
    pub fn parse(name: &str) -> Method {
        match name {
            "GET" => Method::Get,
            "POST" => Method::Post,
            "PUT" => Method::Put,
            "DELETE" => Method::Delete,
            "OPTIONS" => Method::Options,
            _ => Method::Other,
        }
    }
}

/// What a request asks for, with its decoded path parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// `GET /`: the service description.
    Root,
    /// `GET /health`.
    Health,
    /// `GET /openapi.json`: the OpenAPI 3.1 document of every route.
    OpenApi,
    /// `POST /api/v1/labs/sessions`.
    CreateSession,
    /// `GET /api/v1/labs/sessions`: newest first, filtered, paged.
    ListSessions,
    /// `GET /api/v1/labs/sessions/user/:user_id`.
    GetSession(String),
    /// `GET /api/v1/labs/sessions/history`: ended labs, newest first.
    ListHistory,
    /// `GET /api/v1/labs/sessions/history/:session_id`.
    GetHistory(String),
    /// `PUT /api/v1/labs/sessions/:user_id`.
    UpdateSession(String),
    /// `DELETE /api/v1/labs/sessions/:user_id`.
    DeleteSession(String),
    /// `GET /api/v1/labs/status`: whether VMs are being deleted.
    Status,
    /// `GET /metrics`: the Prometheus text format.
    Metrics,
    /// `POST /api/v1/labs/cleanup`: run a sweep now.
    RunCleanup,
    /// `GET /api/v1/labs/cleanup/runs`.
    ListCleanupRuns,
    /// `GET /api/v1/labs/cleanup/runs/:id`.
    GetCleanupRun(String),
    /// `GET /api/v1/labs/cleanup/queue`.
    ListCleanupQueue,
    /// `POST /api/v1/labs/cleanup/queue/:id/retry`.
    RetryCleanupItem(String),
    /// `POST /api/v1/labs/cleanup/queue/retry-dead`.
    RetryDeadCleanupItems,
    /// `PUT /api/v1/dev/clock`: shift the clock (local testing only; 404 elsewhere).
    SetDevClock,
    /// `POST /api/v1/tokens`: mint a scoped token.
    CreateToken,
    /// `GET /api/v1/tokens`.
    ListTokens,
    /// `DELETE /api/v1/tokens/:id`.
    RevokeToken(String),
}

impl Route {
    /// Whether the route needs a bearer token (everything under `/api/v1/`).
    pub fn requires_auth(&self) -> bool {
        !matches!(self, Route::Root | Route::Health | Route::OpenApi)
    }

    /// A short stable name for logs and metrics, without parameters.
    pub fn name(&self) -> &'static str {
        match self {
            Route::Root => "root",
            Route::Health => "health",
            Route::OpenApi => "openapi",
            Route::CreateSession => "create_session",
            Route::ListSessions => "list_sessions",
            Route::GetSession(_) => "get_session",
            Route::ListHistory => "list_history",
            Route::GetHistory(_) => "get_history",
            Route::UpdateSession(_) => "update_session",
            Route::DeleteSession(_) => "delete_session",
            Route::Status => "status",
            Route::Metrics => "metrics",
            Route::RunCleanup => "run_cleanup",
            Route::ListCleanupRuns => "list_cleanup_runs",
            Route::GetCleanupRun(_) => "get_cleanup_run",
            Route::ListCleanupQueue => "list_cleanup_queue",
            Route::RetryCleanupItem(_) => "retry_cleanup_item",
            Route::RetryDeadCleanupItems => "retry_dead_cleanup_items",
            Route::SetDevClock => "set_dev_clock",
            Route::CreateToken => "create_token",
            Route::ListTokens => "list_tokens",
            Route::RevokeToken(_) => "revoke_token",
        }
    }
}

/// One documented endpoint, as `GET /` lists it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Endpoint {
    /// The HTTP method.
    pub method: &'static str,
    /// The path, with `:name` for parameters.
    pub path: &'static str,
    /// What it does.
    pub description: &'static str,
    /// Whether it needs a bearer token.
    pub auth: bool,
}

/// Every endpoint the Worker serves.
pub const ENDPOINTS: &[Endpoint] = &[
    Endpoint {
        method: "GET",
        path: "/",
        description: "Describe the service and its endpoints",
        auth: false,
    },
    Endpoint {
        method: "GET",
        path: "/health",
        description: "Health check",
        auth: false,
    },
    Endpoint {
        method: "GET",
        path: "/openapi.json",
        description: "The OpenAPI 3.1 document of every endpoint",
        auth: false,
    },
    Endpoint {
        method: "POST",
        path: "/api/v1/labs/sessions",
        description: "Create a lab session (one per user)",
        auth: true,
    },
    Endpoint {
        method: "GET",
        path: "/api/v1/labs/sessions",
        description: "List lab sessions, newest first (limit, cursor, expired, lab_id, lab_group_id, created_before, created_after)",
        auth: true,
    },
    Endpoint {
        method: "GET",
        path: "/api/v1/labs/sessions/user/:user_id",
        description: "Get a user's lab session",
        auth: true,
    },
    Endpoint {
        method: "GET",
        path: "/api/v1/labs/status",
        description: "Whether VMs are being deleted: ok, degraded or failing, with the problems and the counts behind them",
        auth: true,
    },
    Endpoint {
        method: "GET",
        path: "/metrics",
        description: "Prometheus metrics (text format 0.0.4): sessions, queue, cron, and counters of runs, calls, creates and ends",
        auth: true,
    },
    Endpoint {
        method: "GET",
        path: "/api/v1/labs/sessions/history",
        description: "List ended lab sessions, newest first (filters: user_id, lab_id, reason, ended_before, ended_after)",
        auth: true,
    },
    Endpoint {
        method: "GET",
        path: "/api/v1/labs/sessions/history/:session_id",
        description: "An ended lab session as it was, and every VM deletion it was owed",
        auth: true,
    },
    Endpoint {
        method: "PUT",
        path: "/api/v1/labs/sessions/:user_id",
        description: "Update a user's lab session",
        auth: true,
    },
    Endpoint {
        method: "DELETE",
        path: "/api/v1/labs/sessions/:user_id",
        description: "Terminate a user's lab session and delete its VMs",
        auth: true,
    },
    Endpoint {
        method: "POST",
        path: "/api/v1/labs/cleanup",
        description: "Run a cleanup sweep now ({\"dry_run\": true} only reports)",
        auth: true,
    },
    Endpoint {
        method: "GET",
        path: "/api/v1/labs/cleanup/runs",
        description: "Cleanup run history, newest first (limit, cursor)",
        auth: true,
    },
    Endpoint {
        method: "GET",
        path: "/api/v1/labs/cleanup/runs/:id",
        description: "One cleanup run",
        auth: true,
    },
    Endpoint {
        method: "GET",
        path: "/api/v1/labs/cleanup/queue",
        description: "Cleanup queue items (state=pending|dead|done|all, limit, cursor)",
        auth: true,
    },
    Endpoint {
        method: "POST",
        path: "/api/v1/labs/cleanup/queue/:id/retry",
        description: "Make a pending or dead cleanup item due now",
        auth: true,
    },
    Endpoint {
        method: "POST",
        path: "/api/v1/labs/cleanup/queue/retry-dead",
        description: "Make every dead cleanup item due now",
        auth: true,
    },
    Endpoint {
        method: "POST",
        path: "/api/v1/tokens",
        description: "Mint a scoped API token (read, write, admin); shown once",
        auth: true,
    },
    Endpoint {
        method: "GET",
        path: "/api/v1/tokens",
        description: "List API tokens, without secrets",
        auth: true,
    },
    Endpoint {
        method: "DELETE",
        path: "/api/v1/tokens/:id",
        description: "Revoke an API token",
        auth: true,
    },
    Endpoint {
        method: "PUT",
        path: "/api/v1/dev/clock",
        description: "Shift the Worker's clock (local testing only: 404 unless LABS_DEV_CLOCK=enabled outside production)",
        auth: true,
    },
];

/// Finds the route for `method` and the raw, percent-encoded `path` (no query string).
///
/// Unknown paths give the contract's 404 `Route not found`; a known path with another method
/// gives 405 with the methods it takes; a segment that does not decode to UTF-8 gives 400.
pub fn resolve(method: Method, path: &str) -> Result<Route, ApiError> {
    // One trailing slash is allowed after a fixed segment (`/health/`), never after a
    // parameter: `/sessions/user/` must not become user `user`, nor `/sessions/alice/` a
    // route of its own. An empty parameter (`//`) is a route that does not exist.
    let trimmed = path.strip_prefix('/').unwrap_or(path);
    let (trimmed, trailing_slash) = match trimmed.strip_suffix('/') {
        Some(rest) => (rest, true),
        None => (trimmed, false),
    };
    let segments: Vec<&str> = if trimmed.is_empty() {
        Vec::new()
    } else {
        trimmed.split('/').collect()
    };
    // A parameter in the last place: only without a trailing slash.
    let last_param = !trailing_slash;
    use Method::*;
    match segments.as_slice() {
        [] => only(method, &[Get], || Ok(Route::Root)),
        ["health"] => only(method, &[Get], || Ok(Route::Health)),
        ["openapi.json"] => only(method, &[Get], || Ok(Route::OpenApi)),
        ["metrics"] => only(method, &[Get], || Ok(Route::Metrics)),
        ["api", "v1", "labs", "status"] => only(method, &[Get], || Ok(Route::Status)),
        ["api", "v1", "labs", "sessions"] => match method {
            Post => Ok(Route::CreateSession),
            Get => Ok(Route::ListSessions),
            _ => Err(ApiError::method_not_allowed(&["GET", "POST"])),
        },
        // `history` is also a user id like any other for PUT and DELETE.
        ["api", "v1", "labs", "sessions", "history"] => match method {
            Get => Ok(Route::ListHistory),
            Put => Ok(Route::UpdateSession("history".into())),
            Delete => Ok(Route::DeleteSession("history".into())),
            _ => Err(ApiError::method_not_allowed(&["GET", "PUT", "DELETE"])),
        },
        ["api", "v1", "labs", "sessions", "history", id] if last_param => {
            only(method, &[Get], || Ok(Route::GetHistory(decode(id)?)))
        }
        ["api", "v1", "labs", "sessions", "user", user] if last_param => {
            only(method, &[Get], || Ok(Route::GetSession(decode(user)?)))
        }
        ["api", "v1", "labs", "sessions", user] if last_param => match method {
            Put => Ok(Route::UpdateSession(decode(user)?)),
            Delete => Ok(Route::DeleteSession(decode(user)?)),
            _ => Err(ApiError::method_not_allowed(&["PUT", "DELETE"])),
        },
        ["api", "v1", "labs", "cleanup"] => only(method, &[Post], || Ok(Route::RunCleanup)),
        ["api", "v1", "labs", "cleanup", "runs"] => {
            only(method, &[Get], || Ok(Route::ListCleanupRuns))
        }
        ["api", "v1", "labs", "cleanup", "runs", id] if last_param => {
            only(method, &[Get], || Ok(Route::GetCleanupRun(decode(id)?)))
        }
        ["api", "v1", "labs", "cleanup", "queue"] => {
            only(method, &[Get], || Ok(Route::ListCleanupQueue))
        }
        ["api", "v1", "labs", "cleanup", "queue", "retry-dead"] => {
            only(method, &[Post], || Ok(Route::RetryDeadCleanupItems))
        }
        ["api", "v1", "labs", "cleanup", "queue", id, "retry"] => {
            only(method, &[Post], || Ok(Route::RetryCleanupItem(decode(id)?)))
        }
        ["api", "v1", "dev", "clock"] => only(method, &[Put], || Ok(Route::SetDevClock)),
        ["api", "v1", "tokens"] => match method {
            Post => Ok(Route::CreateToken),
            Get => Ok(Route::ListTokens),
            _ => Err(ApiError::method_not_allowed(&["GET", "POST"])),
        },
        ["api", "v1", "tokens", id] if last_param => {
            only(method, &[Delete], || Ok(Route::RevokeToken(decode(id)?)))
        }
        _ => Err(ApiError::route_not_found()),
    }
}

fn only(
    method: Method,
    allowed: &[Method],
    route: impl FnOnce() -> Result<Route, ApiError>,
) -> Result<Route, ApiError> {
    if allowed.contains(&method) {
        route()
    } else {
        let names: Vec<&str> = allowed.iter().map(|m| method_name(*m)).collect();
        Err(ApiError::method_not_allowed(&names))
    }
}

fn method_name(method: Method) -> &'static str {
    match method {
        Method::Get => "GET",
        Method::Post => "POST",
        Method::Put => "PUT",
        Method::Delete => "DELETE",
        Method::Options => "OPTIONS",
        Method::Other => "OTHER",
    }
}

/// Decodes one path segment. An empty segment or one that is not UTF-8 once decoded is a 400.
fn decode(segment: &str) -> Result<String, ApiError> {
    let decoded = percent_decode_str(segment).decode_utf8().map_err(|_| {
        ApiError::validation(
            "Path parameter is not valid percent-encoded UTF-8",
            vec![FieldProblem::new(
                "user_id",
                "must be valid UTF-8 once percent-decoded",
            )],
        )
    })?;
    if decoded.is_empty() {
        return Err(ApiError::new(
            ErrorKind::RouteNotFound,
            crate::error::MSG_ROUTE_NOT_FOUND,
        ));
    }
    Ok(decoded.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get(path: &str) -> Result<Route, ApiError> {
        resolve(Method::Get, path)
    }

    #[test]
    fn contract_routes_resolve() {
        assert_eq!(get("/"), Ok(Route::Root));
        assert_eq!(get("/health"), Ok(Route::Health));
        assert_eq!(
            resolve(Method::Post, "/api/v1/labs/sessions"),
            Ok(Route::CreateSession)
        );
        assert_eq!(
            get("/api/v1/labs/sessions/user/user-1001"),
            Ok(Route::GetSession("user-1001".into()))
        );
        assert_eq!(
            resolve(Method::Put, "/api/v1/labs/sessions/u1"),
            Ok(Route::UpdateSession("u1".into()))
        );
        assert_eq!(
            resolve(Method::Delete, "/api/v1/labs/sessions/u1"),
            Ok(Route::DeleteSession("u1".into()))
        );
    }

    #[test]
    fn user_ids_are_decoded_per_segment() {
        assert_eq!(
            get("/api/v1/labs/sessions/user/a%2Fb%20c"),
            Ok(Route::GetSession("a/b c".into()))
        );
        assert_eq!(
            get("/api/v1/labs/sessions/user/%C3%A9l%C3%A8ve"),
            Ok(Route::GetSession("élève".into()))
        );
        assert_eq!(
            get("/api/v1/labs/sessions/user/..%2F..%2Fetc"),
            Ok(Route::GetSession("../../etc".into()))
        );
        assert_eq!(
            get("/api/v1/labs/sessions/user/100%25"),
            Ok(Route::GetSession("100%".into()))
        );
        assert_eq!(
            resolve(Method::Delete, "/api/v1/labs/sessions/user"),
            Ok(Route::DeleteSession("user".into()))
        );
        let err = get("/api/v1/labs/sessions/user/%FF").unwrap_err();
        assert_eq!(err.status(), 400);
    }

    #[test]
    fn unknown_paths_are_404_and_wrong_methods_405() {
        for path in [
            "/nope",
            "/api/v1",
            "/api/v1/labs/sessions/user/a/b",
            "/api/v2/labs/sessions",
        ] {
            let err = get(path).unwrap_err();
            assert_eq!(
                (err.status(), err.message.as_str()),
                (404, "Route not found"),
                "{path}"
            );
        }
        let err = resolve(Method::Delete, "/health").unwrap_err();
        assert_eq!(err.kind, ErrorKind::MethodNotAllowed("GET".into()));
        let err = get("/api/v1/labs/sessions/u1").unwrap_err();
        assert_eq!(err.kind, ErrorKind::MethodNotAllowed("PUT, DELETE".into()));
        let err = resolve(Method::Other, "/api/v1/labs/sessions").unwrap_err();
        assert_eq!(err.status(), 405);
    }

    #[test]
    fn a_trailing_slash_never_becomes_another_route_or_user() {
        let not_found = |m: Method, p: &str| {
            let err = resolve(m, p).unwrap_err();
            assert_eq!(err.kind, ErrorKind::RouteNotFound, "{p}");
            assert_eq!(err.status(), 404, "{p}");
        };
        // An empty user id, with or without the trailing slash.
        not_found(Method::Get, "/api/v1/labs/sessions/user/");
        not_found(Method::Delete, "/api/v1/labs/sessions/user/");
        not_found(Method::Put, "/api/v1/labs/sessions/user/");
        not_found(Method::Get, "/api/v1/labs/sessions/user//");
        // A slash after a parameter is not that parameter.
        not_found(Method::Get, "/api/v1/labs/sessions/user/alice/");
        not_found(Method::Delete, "/api/v1/labs/sessions/alice/");
        not_found(Method::Delete, "/api/v1/tokens/t-1/");
        not_found(Method::Get, "/api/v1/labs/cleanup/runs/r-1/");
        // Without the slash, `user` is a user id like any other.
        assert_eq!(
            resolve(Method::Delete, "/api/v1/labs/sessions/user"),
            Ok(Route::DeleteSession("user".into()))
        );
    }

    #[test]
    fn trailing_slash_is_tolerated_after_fixed_segments() {
        assert_eq!(get("/health/"), Ok(Route::Health));
        assert_eq!(
            get("/api/v1/labs/cleanup/runs/r-1"),
            Ok(Route::GetCleanupRun("r-1".into()))
        );
        assert_eq!(
            resolve(Method::Post, "/api/v1/labs/cleanup/queue/7/retry"),
            Ok(Route::RetryCleanupItem("7".into()))
        );
        assert_eq!(
            resolve(Method::Post, "/api/v1/labs/sessions/"),
            Ok(Route::CreateSession)
        );
    }

    #[test]
    fn every_route_is_listed_once_in_endpoints() {
        // One value of each variant. The match stops compiling when a variant is added: list
        // it here and in ENDPOINTS (which `GET /` and the OpenAPI document are built from).
        let every = [
            Route::Root,
            Route::Health,
            Route::OpenApi,
            Route::CreateSession,
            Route::ListSessions,
            Route::GetSession("someone".into()),
            Route::ListHistory,
            Route::GetHistory("42".into()),
            Route::UpdateSession("someone".into()),
            Route::DeleteSession("someone".into()),
            Route::Status,
            Route::Metrics,
            Route::RunCleanup,
            Route::ListCleanupRuns,
            Route::GetCleanupRun("42".into()),
            Route::ListCleanupQueue,
            Route::RetryCleanupItem("42".into()),
            Route::RetryDeadCleanupItems,
            Route::SetDevClock,
            Route::CreateToken,
            Route::ListTokens,
            Route::RevokeToken("42".into()),
        ];
        for route in &every {
            match route {
                Route::Root
                | Route::Health
                | Route::OpenApi
                | Route::CreateSession
                | Route::ListSessions
                | Route::GetSession(_)
                | Route::ListHistory
                | Route::GetHistory(_)
                | Route::UpdateSession(_)
                | Route::DeleteSession(_)
                | Route::Status
                | Route::Metrics
                | Route::RunCleanup
                | Route::ListCleanupRuns
                | Route::GetCleanupRun(_)
                | Route::ListCleanupQueue
                | Route::RetryCleanupItem(_)
                | Route::RetryDeadCleanupItems
                | Route::SetDevClock
                | Route::CreateToken
                | Route::ListTokens
                | Route::RevokeToken(_) => {}
            }
            let listed = ENDPOINTS
                .iter()
                .filter(|e| {
                    let path = e
                        .path
                        .replace(":user_id", "someone")
                        .replace(":session_id", "42")
                        .replace(":id", "42");
                    resolve(Method::parse(e.method), &path).as_ref() == Ok(route)
                })
                .count();
            assert_eq!(listed, 1, "{route:?} is listed {listed} times in ENDPOINTS");
        }
        assert_eq!(every.len(), ENDPOINTS.len());
    }

    #[test]
    fn history_is_a_route_for_get_and_a_user_id_for_put_and_delete() {
        assert_eq!(get("/api/v1/labs/sessions/history"), Ok(Route::ListHistory));
        assert_eq!(
            get("/api/v1/labs/sessions/history/s-1"),
            Ok(Route::GetHistory("s-1".into()))
        );
        assert_eq!(
            resolve(Method::Delete, "/api/v1/labs/sessions/history"),
            Ok(Route::DeleteSession("history".into()))
        );
        assert_eq!(
            resolve(Method::Put, "/api/v1/labs/sessions/history"),
            Ok(Route::UpdateSession("history".into()))
        );
        let err = resolve(Method::Post, "/api/v1/labs/sessions/history").unwrap_err();
        assert_eq!(
            err.kind,
            ErrorKind::MethodNotAllowed("GET, PUT, DELETE".into())
        );
    }

    #[test]
    fn openapi_document_is_public() {
        assert_eq!(get("/openapi.json"), Ok(Route::OpenApi));
        assert!(!Route::OpenApi.requires_auth());
        let err = resolve(Method::Post, "/openapi.json").unwrap_err();
        assert_eq!(err.kind, ErrorKind::MethodNotAllowed("GET".into()));
    }

    #[test]
    fn every_documented_endpoint_resolves() {
        for e in ENDPOINTS {
            let path = e
                .path
                .replace(":user_id", "someone")
                .replace(":session_id", "42")
                .replace(":id", "42");
            let route = resolve(Method::parse(e.method), &path)
                .unwrap_or_else(|err| panic!("{} {} does not resolve: {err}", e.method, e.path));
            assert_eq!(route.requires_auth(), e.auth, "{} {}", e.method, e.path);
        }
    }
}
