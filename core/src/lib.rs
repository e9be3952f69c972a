//! Pure logic of the Lab Sessions API, shared by the Worker and `labctl`.
//!
//! Nothing here does I/O, reads a clock or an environment variable: callers pass instants,
//! configuration and bodies in, and get values and decisions out. That keeps every rule
//! testable natively, and the crate compiles both for the host and for `wasm32-unknown-unknown`.
//!
//! # Tour
//! - [`session`]: the wire types (`Session`, `Vm`, `WorkerNode`, ...) and update rules.
//! - [`validation`]: request JSON in, checked values or a 400 naming each bad field out.
//! - [`routes`]: the route table; [`auth`]: bearer tokens; [`cors`]: allowed origins.
//! - [`error`]: error kinds, statuses, codes and the contract's messages.
//! - [`envelope`]: the `{success, message, data}` / `{success, error, code}` bodies.
//! - [`time`]: fixed-width ISO 8601 timestamps and expiry arithmetic.
//! - [`log`]: structured JSON log lines.
//! - [`status`]: the status rules (ok, degraded, failing); [`metrics`]: the Prometheus text.
//! - [`cleanup`]: the cleanup policy (done, backoff, dead, budgets, run records).
//! - [`history`]: ended labs and the backend calls each was owed.
//! - [`idempotency`]: `Idempotency-Key` on creates.
//! - [`tokens`]: scoped API tokens (format, hash, which scope each route needs).
//! - [`record`]: the D1 row layout; [`query`]: query-string parameters.
//! - `openapi` (feature `openapi`): the OpenAPI 3.1 document, built from the route table and
//!   these types; the Worker serves it from the checked-in `worker/openapi.json`.
//!
//! # Example
//! ```
//! use labs_core::{validation, time::Timestamp};
//! let body = serde_json::json!({
//!     "labId": "lab-1", "labTitle": "Intro", "labGroupID": "g", "moduleID": "m",
//!     "duration": 60, "activatedAt": "2026-11-20T10:00:00.000Z", "counterID": "c",
//!     "configId": "cfg", "workerConfigId": "wcfg", "lab_request_id": "req-1",
//!     "user_id": "user-1", "terminal_url": "https://t.example.com", "validation": 1763632800000_i64,
//!     "vm": {"name": "vm", "network_id": "net", "netbird_ip": "100.64.0.1"}
//! });
//! let new = validation::parse_new_session(&body).unwrap();
//! let now = Timestamp::parse("2026-11-20T10:00:00.000Z").unwrap();
//! let session = new.into_session("s-1".into(), now);
//! assert_eq!(session.expires_at, "2026-11-20T11:00:00.000Z");
//! ```
#![warn(missing_docs)]

pub mod auth;
pub mod cleanup;
pub mod cors;
pub mod envelope;
pub mod error;
pub mod history;
pub mod idempotency;
pub mod log;
pub mod metrics;
#[cfg(feature = "openapi")]
pub mod openapi;
pub mod query;
pub mod record;
pub mod routes;
pub mod session;
pub mod status;
pub mod time;
pub mod tokens;
pub mod validation;
