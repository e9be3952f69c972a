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
