//! Helpers shared by the integration tests: starting a fake and calling it like the Worker.

#![allow(dead_code)]

use labs_fake_backend::{FakeBackend, FakeBackendConfig};
use serde_json::json;

/// The token the tests start fakes with.
pub const TOKEN: &str = "test-backend-token";

/// A fake on a free port that expects [`TOKEN`].
pub fn start() -> FakeBackend {
    FakeBackend::start(FakeBackendConfig {
        token: Some(TOKEN.into()),
        ..FakeBackendConfig::default()
    })
    .expect("fake backend starts")
}

/// A client like the Worker's: no proxy, keep-alive on.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .build()
        .expect("client builds")
}

/// `POST /api/v1/labs/delete` for `id` with the right token.
pub async fn delete_vm(
    client: &reqwest::Client,
    backend: &FakeBackend,
    id: &str,
) -> reqwest::Result<reqwest::Response> {
    client
        .post(format!("{}/api/v1/labs/delete", backend.url()))
        .bearer_auth(TOKEN)
        .json(&json!({"lab_request_id": id, "user_id": "user-1"}))
        .send()
        .await
}

/// `DELETE /api/v1/expose/` for `id` with the right token.
pub async fn expose(
    client: &reqwest::Client,
    backend: &FakeBackend,
    id: &str,
) -> reqwest::Result<reqwest::Response> {
    client
        .delete(format!("{}/api/v1/expose/", backend.url()))
        .bearer_auth(TOKEN)
        .json(&json!({"lab_request_id": id}))
        .send()
        .await
}

/// The status of a VM delete for `id`, panicking on a transport error.
pub async fn delete_status(client: &reqwest::Client, backend: &FakeBackend, id: &str) -> u16 {
    delete_vm(client, backend, id)
        .await
        .expect("the fake answers")
        .status()
        .as_u16()
}
