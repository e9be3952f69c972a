//! One function per route, grouped by concern. Each checks its input through `labs_core`,
//! runs its SQL from [`crate::sql`], and returns a [`Reply`] or a [`Failure`]; the pipeline
//! in [`crate::http`] does the rest. Handlers never import the pipeline.
//!
//! - [`sessions`] — the contract's session routes and the session list.
//! - [`cleanup`] — sweeps, run history, the queue and retries.
//! - [`history`] — ended labs and their VM deletions.
//! - [`status`] — the cleanup status and the Prometheus metrics.
//! - [`tokens`] — scoped API tokens.
//! - [`dev`] — local-testing routes.

pub mod cleanup;
pub mod dev;
pub mod history;
pub mod sessions;
pub mod status;
pub mod tokens;

use std::rc::Rc;

use labs_core::envelope;
use labs_core::time::Timestamp;

use crate::log::Logger;
use crate::reply::{Handled, Reply};
use crate::{Engine, Platform};

/// What a handler may use.
pub struct RequestContext<'a, P: Platform> {
    /// The engine (clone it into work that outlives the response).
    pub engine: &'a Rc<Engine<P>>,
    /// A logger carrying the request id.
    pub logger: Logger,
    /// The query string's pairs, decoded.
    pub query: &'a [(String, String)],
    /// "Now" for this request, read once.
    pub now: Timestamp,
}

impl<P: Platform> RequestContext<'_, P> {
    /// The value of query parameter `name`, if present.
    pub fn query(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// `GET /`.
pub fn root<P: Platform>(rc: &RequestContext<'_, P>) -> Reply {
    Reply::ok(envelope::service_description(
        env!("CARGO_PKG_VERSION"),
        &rc.engine.config.environment,
    ))
}

/// `GET /health`.
pub fn health<P: Platform>(rc: &RequestContext<'_, P>) -> Reply {
    Reply::ok(envelope::health(&rc.engine.host.wall().to_iso()))
}

/// Where the OpenAPI document is: a static asset. It is generated natively from
/// labs-core's wire types (`labs_core::openapi`, feature `openapi`) into
/// `worker/openapi.json`, checked in, kept fresh by a labs-core test, and copied into the
/// Worker's assets by the build: the wasm never carries it (nor utoipa).
pub const OPENAPI_ASSET: &str = "/openapi.json";

/// `GET /openapi.json`: the asset, answered through the pipeline like any route.
pub fn openapi() -> Handled {
    Ok(Reply::asset(OPENAPI_ASSET))
}
