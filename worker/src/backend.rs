//! The VM backend client: one function per backend call, each making exactly one attempt
//! within a timeout and returning a [`CallOutcome`]. Retrying is the cleanup queue's job.

use std::time::Duration;

use futures_util::future::{Either, select};
use labs_core::cleanup::{CallOutcome, ItemKind};
use serde_json::json;
use wasm_bindgen::JsValue;
use worker::{AbortController, Delay, Fetch, Headers, Method, Request, RequestInit};

use crate::config::BackendConfig;

/// Makes the backend call for one queue item: delete a VM, or remove the master's exposed
/// services. Never returns an error: every failure is a [`CallOutcome::Failed`].
pub async fn call(
    backend: &BackendConfig,
    kind: ItemKind,
    lab_request_id: &str,
    user_id: &str,
    timeout_ms: u32,
) -> CallOutcome {
    let (method, path, body) = match kind {
        ItemKind::Vm => (
            Method::Post,
            "/api/v1/labs/delete",
            json!({ "lab_request_id": lab_request_id, "user_id": user_id }),
        ),
        ItemKind::Expose => (
            Method::Delete,
            "/api/v1/expose/",
            json!({ "lab_request_id": lab_request_id }),
        ),
    };
    let url = format!("{}{}", backend.url, path);
    let request = match build(&url, method, &backend.token, &body.to_string()) {
        Ok(r) => r,
        Err(e) => {
            return CallOutcome::Failed {
                status: None,
                error: format!("could not build request to {url}: {e}"),
            };
        }
    };
    let controller = AbortController::default();
    let signal = controller.signal();
    let fetch = Fetch::Request(request);
    let send = Box::pin(fetch.send_with_signal(&signal));
    let timeout = Delay::from(Duration::from_millis(u64::from(timeout_ms)));
    match select(send, timeout).await {
        Either::Left((Ok(response), _)) => CallOutcome::from_status(response.status_code()),
        Either::Left((Err(e), _)) => CallOutcome::Failed {
            status: None,
            error: format!("request to {url} failed: {e}"),
        },
        Either::Right(((), _)) => {
            controller.abort();
            CallOutcome::Failed {
                status: None,
                error: format!("request to {url} timed out after {timeout_ms} ms"),
            }
        }
    }
}

fn build(url: &str, method: Method, token: &str, body: &str) -> worker::Result<Request> {
    let headers = Headers::new();
    headers.set("Authorization", &format!("Bearer {token}"))?;
    headers.set("Content-Type", "application/json")?;
    let mut init = RequestInit::new();
    init.with_method(method)
        .with_headers(headers)
        .with_body(Some(JsValue::from_str(body)));
    Request::new_with_init(url, &init)
}
