//! The VM backend interface: one HTTP call → a status or a transport error.
//!
//! The engine decides what to send ([`request_for`]) and what the answer means ([`call`]);
//! the adapter behind [`Backend`] only moves bytes. Adapters must never follow redirects (a
//! 3xx that ends at a page answering 200 is not the backend confirming a deletion) and must
//! keep the configured URL and token out of every [`Transport`] message: error texts name
//! the endpoint by method and path only, and end up in queue items and run records that read
//! tokens can see.

use labs_core::cleanup::{CallOutcome, ItemKind};
use serde_json::json;

/// One request to the backend, relative to its configured base URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackendRequest {
    /// `POST` or `DELETE`.
    pub method: &'static str,
    /// The endpoint's path, e.g. `/api/v1/labs/delete`.
    pub path: &'static str,
    /// The JSON body.
    pub body: String,
    /// Give up after this many ms.
    pub timeout_ms: u32,
}

impl BackendRequest {
    /// `METHOD /path`, how errors name the endpoint.
    pub fn endpoint(&self) -> String {
        format!("{} {}", self.method, self.path)
    }
}

/// Why a call got no HTTP answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Transport {
    /// No answer within the request's timeout.
    TimedOut,
    /// The connection failed (refused, reset, dropped). The text never holds the URL.
    Failed(String),
}

/// The VM backend.
#[allow(async_fn_in_trait)]
pub trait Backend {
    /// Sends `request` once, without following redirects, and returns the answer's status.
    async fn send(&self, request: &BackendRequest) -> Result<u16, Transport>;
}

/// The path of the VM deletion endpoint.
pub const DELETE_VM_PATH: &str = "/api/v1/labs/delete";
/// The path of the endpoint that removes a master's exposed services.
pub const EXPOSE_PATH: &str = "/api/v1/expose/";

/// The request that works one queue item: a VM deletion or an expose removal at the VM
/// backend, or an alert's payload for the webhook (whose configured URL is the endpoint:
/// the path is empty).
pub fn request_for(
    kind: ItemKind,
    lab_request_id: &str,
    user_id: &str,
    payload: Option<&str>,
    timeout_ms: u32,
) -> BackendRequest {
    let (method, path, body) = match kind {
        ItemKind::Vm => (
            "POST",
            DELETE_VM_PATH,
            json!({ "lab_request_id": lab_request_id, "user_id": user_id }).to_string(),
        ),
        ItemKind::Expose => (
            "DELETE",
            EXPOSE_PATH,
            json!({ "lab_request_id": lab_request_id }).to_string(),
        ),
        ItemKind::Alert => ("POST", "", payload.unwrap_or("{}").to_owned()),
    };
    BackendRequest {
        method,
        path,
        body,
        timeout_ms,
    }
}

/// Makes one call of `kind` and says what it means (`CallOutcome::from_status`); a failure's
/// error names the endpoint and the status or transport problem.
pub async fn call<B: Backend>(
    backend: &B,
    kind: ItemKind,
    request: &BackendRequest,
) -> CallOutcome {
    let endpoint = if request.path.is_empty() {
        format!("{} ALERT_WEBHOOK_URL", request.method)
    } else {
        request.endpoint()
    };
    match backend.send(request).await {
        Ok(status) => match CallOutcome::from_status(kind, status) {
            CallOutcome::Failed { status, error } => CallOutcome::Failed {
                status,
                error: format!("{endpoint} {error}"),
            },
            confirmed => confirmed,
        },
        Err(Transport::TimedOut) => CallOutcome::Failed {
            status: None,
            error: format!("{endpoint} timed out after {} ms", request.timeout_ms),
        },
        Err(Transport::Failed(why)) => CallOutcome::Failed {
            status: None,
            error: format!("{endpoint} failed: {why}"),
        },
    }
}
