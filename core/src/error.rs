//! The API's errors: one enum of kinds, each with its HTTP status and stable `code`.
//!
//! Handlers return [`ApiError`]; the Worker turns it into the contract's error envelope
//! (`{"success": false, "error": ..., "code": ..., "details": ...}`) in one place. The
//! messages clients match on are the constants below, written exactly as in the contract.

use serde::Serialize;

/// Contract message for a missing, malformed or rejected bearer token.
pub const MSG_UNAUTHORIZED: &str = "Invalid or missing authentication token";
/// Contract message when a user has no session.
pub const MSG_SESSION_NOT_FOUND: &str = "No active lab session found for this user";
/// Contract message when a user already has a session.
pub const MSG_SESSION_EXISTS: &str =
    "User already has an active lab session. Only one active lab per user is allowed.";
/// Contract message for a body that is not JSON.
pub const MSG_INVALID_JSON: &str = "Invalid JSON in request body";
/// Contract message for an update with an empty body or `{}`.
pub const MSG_EMPTY_BODY: &str = "Request body cannot be empty";
/// Contract message for an update naming none of the updatable fields.
pub const MSG_NO_VALID_FIELDS: &str = "No valid fields to update";
/// Contract message for an unknown path.
pub const MSG_ROUTE_NOT_FOUND: &str = "Route not found";

/// What went wrong, which fixes the status code and the machine-readable `code`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorKind {
    /// No valid credential was presented (401).
    Unauthorized,
    /// The credential is valid but its scope does not cover the route (403).
    Forbidden,
    /// The user has no session, or a named record does not exist (404).
    NotFound,
    /// No route matches the path (404).
    RouteNotFound,
    /// The path exists but not for this method (405); holds the `Allow` header value.
    MethodNotAllowed(String),
    /// The user already has a session (409).
    SessionExists,
    /// Another uniqueness rule was broken, such as a reused session `id` (409).
    Conflict,
    /// The body is not JSON at all (400).
    InvalidJson,
    /// The JSON has the wrong shape, types or values (400); details name the fields.
    ValidationFailed,
    /// The body is larger than the limit (413).
    PayloadTooLarge,
    /// An `Idempotency-Key` was used before with another body (422).
    IdempotencyKeyReused,
    /// The first request with this `Idempotency-Key` is still running (409).
    IdempotencyKeyInUse,
    /// Something failed inside the service (500); the caller gets only a request id.
    Internal,
}

impl ErrorKind {
    /// The HTTP status code of this kind.
    pub fn status(&self) -> u16 {
        match self {
            ErrorKind::Unauthorized => 401,
            ErrorKind::Forbidden => 403,
            ErrorKind::NotFound | ErrorKind::RouteNotFound => 404,
            ErrorKind::MethodNotAllowed(_) => 405,
            ErrorKind::SessionExists | ErrorKind::Conflict => 409,
            ErrorKind::InvalidJson | ErrorKind::ValidationFailed => 400,
            ErrorKind::PayloadTooLarge => 413,
            ErrorKind::IdempotencyKeyReused => 422,
            ErrorKind::IdempotencyKeyInUse => 409,
            ErrorKind::Internal => 500,
        }
    }

    /// The stable machine-readable code sent as `"code"`.
    pub fn code(&self) -> &'static str {
        match self {
            ErrorKind::Unauthorized => "unauthorized",
            ErrorKind::Forbidden => "forbidden",
            ErrorKind::NotFound => "not_found",
            ErrorKind::RouteNotFound => "route_not_found",
            ErrorKind::MethodNotAllowed(_) => "method_not_allowed",
            ErrorKind::SessionExists => "session_exists",
            ErrorKind::Conflict => "conflict",
            ErrorKind::InvalidJson => "invalid_json",
            ErrorKind::ValidationFailed => "validation_failed",
            ErrorKind::PayloadTooLarge => "payload_too_large",
            ErrorKind::IdempotencyKeyReused => "idempotency_key_reused",
            ErrorKind::IdempotencyKeyInUse => "idempotency_key_in_use",
            ErrorKind::Internal => "internal",
        }
    }
}

/// One problem with one field of a request body, e.g. `vm.name`: "must be a string".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldProblem {
    /// The field's path: `labId`, `vm.netbird_ip`, `worker_nodes[1].worker_lab_request_id`.
    pub field: String,
    /// What is wrong with it, as a phrase: "is required", "must be a string".
    pub problem: String,
}

impl FieldProblem {
    /// A problem with `field`.
    pub fn new(field: impl Into<String>, problem: impl Into<String>) -> FieldProblem {
        FieldProblem {
            field: field.into(),
            problem: problem.into(),
        }
    }
}

/// An error answer: its kind, the message clients see, and per-field details.
///
/// The message of an [`ErrorKind::Internal`] error is always the generic one: the cause is
/// logged by the Worker under the request id, never sent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ApiError {
    /// What went wrong.
    pub kind: ErrorKind,
    /// The message sent as `"error"`.
    pub message: String,
    /// Per-field problems, sent as `"details"` when not empty.
    pub details: Vec<FieldProblem>,
}

impl ApiError {
    /// An error of `kind` with `message`.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> ApiError {
        ApiError {
            kind,
            message: message.into(),
            details: Vec::new(),
        }
    }

    /// The contract's 401.
    pub fn unauthorized() -> ApiError {
        ApiError::new(ErrorKind::Unauthorized, MSG_UNAUTHORIZED)
    }

    /// A 403: the token is valid but its scope does not cover the route.
    pub fn forbidden() -> ApiError {
        ApiError::new(
            ErrorKind::Forbidden,
            "This token's scope does not allow this request",
        )
    }

    /// The contract's 404 for a user with no session.
    pub fn session_not_found() -> ApiError {
        ApiError::new(ErrorKind::NotFound, MSG_SESSION_NOT_FOUND)
    }

    /// The contract's 409 for a second session of one user.
    pub fn session_exists() -> ApiError {
        ApiError::new(ErrorKind::SessionExists, MSG_SESSION_EXISTS)
    }

    /// The contract's 400 for a body that is not JSON.
    pub fn invalid_json() -> ApiError {
        ApiError::new(ErrorKind::InvalidJson, MSG_INVALID_JSON)
    }

    /// The contract's 404 for an unknown path.
    pub fn route_not_found() -> ApiError {
        ApiError::new(ErrorKind::RouteNotFound, MSG_ROUTE_NOT_FOUND)
    }

    /// A 405 for a known path with another method; `allow` lists the methods it takes.
    pub fn method_not_allowed(allow: &[&str]) -> ApiError {
        let allow = allow.join(", ");
        ApiError::new(
            ErrorKind::MethodNotAllowed(allow.clone()),
            format!("Method not allowed; this route accepts {allow}"),
        )
    }

    /// A 409 for a session `id` already used by another user's session.
    pub fn validation_conflict() -> ApiError {
        ApiError::new(
            ErrorKind::Conflict,
            "A lab session with this id already exists",
        )
    }

    /// A 413 for a body over `limit` bytes.
    pub fn payload_too_large(limit: usize) -> ApiError {
        ApiError::new(
            ErrorKind::PayloadTooLarge,
            format!("Request body is too large (limit {} KiB)", limit / 1024),
        )
    }

    /// A 400 listing per-field problems, with `message` as the headline.
    pub fn validation(message: impl Into<String>, details: Vec<FieldProblem>) -> ApiError {
        ApiError {
            kind: ErrorKind::ValidationFailed,
            message: message.into(),
            details,
        }
    }

    /// A 500. The caller sees only this generic message and the request id.
    pub fn internal() -> ApiError {
        ApiError::new(ErrorKind::Internal, "Internal server error")
    }

    /// The HTTP status of this error.
    pub fn status(&self) -> u16 {
        self.kind.status()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_and_codes_follow_the_contract() {
        assert_eq!(ApiError::unauthorized().status(), 401);
        assert_eq!(ApiError::unauthorized().kind.code(), "unauthorized");
        assert_eq!(ApiError::session_not_found().status(), 404);
        assert_eq!(ApiError::session_exists().status(), 409);
        assert_eq!(ApiError::session_exists().kind.code(), "session_exists");
        assert_eq!(ApiError::invalid_json().status(), 400);
        assert_eq!(ApiError::payload_too_large(65536).status(), 413);
        assert_eq!(
            ApiError::payload_too_large(65536).message,
            "Request body is too large (limit 64 KiB)"
        );
        assert_eq!(ApiError::internal().status(), 500);
        let e = ApiError::method_not_allowed(&["GET", "PUT"]);
        assert_eq!(e.status(), 405);
        assert_eq!(e.kind, ErrorKind::MethodNotAllowed("GET, PUT".into()));
    }
}
