//! One function per route, grouped by concern. Each checks its input through `labs_core`,
//! runs its SQL through [`crate::store`], and returns a [`Reply`] or a [`Failure`]; the
//! pipeline in [`crate::http`] does the rest.
//!
//! - [`sessions`]: the contract's session routes.
//! - [`cleanup`]: sweeps, run history, the queue.
//! - [`tokens`]: scoped API tokens.
//! - [`dev`]: local-testing routes.

pub mod cleanup;
pub mod dev;
pub mod sessions;
pub mod tokens;

use labs_core::envelope;

use crate::clock;
use crate::http::{Failure, Reply, RequestContext};

/// What a handler returns.
pub type Handled = Result<Reply, Failure>;

/// `GET /`.
pub fn root(rc: &RequestContext<'_>) -> Reply {
    Reply::ok(envelope::service_description(
        env!("CARGO_PKG_VERSION"),
        &rc.config.environment,
    ))
}

/// `GET /health`.
pub fn health() -> Reply {
    Reply::ok(envelope::health(&clock::wall().to_iso()))
}

/// The OpenAPI document. It is generated natively from labs-core's wire types
/// (`labs_core::openapi`, feature `openapi`) and checked in; a labs-core test fails when the
/// file is stale. Serving the file keeps utoipa out of the wasm.
const OPENAPI_JSON: &str = include_str!("../../openapi.json");

/// `GET /openapi.json`.
pub fn openapi() -> Handled {
    serde_json::from_str(OPENAPI_JSON)
        .map(Reply::ok)
        .map_err(|e| Failure::Internal(format!("worker/openapi.json is not JSON: {e}")))
}
