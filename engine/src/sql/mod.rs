//! Every SQL statement the engine runs, one module per table, as text with bound
//! parameters only. Each function builds a [`Statement`] (or runs it through a
//! [`Db`](crate::db::Db)); nothing here decides policy.
//!
//! - [`sessions`] — `labs_sessions`, whose columns are listed once, in [`sessions::COLUMNS`].
//! - [`archive`] — `cleanup_sessions`, ended sessions kept whole.
//! - [`items`] — `cleanup_items`, the outbox of backend calls still owed.
//! - [`runs`] — `cleanup_runs`, the sweep history.
//! - [`metrics`] — `metrics_counters`, and the reads behind the status and `/metrics`.
//! - [`tokens`] — `api_tokens`.
//! - [`idempotency`] — `idempotency_keys`, the first answer to each `Idempotency-Key`.
//! - [`dev_clock`] — the test-only clock offset.

pub mod archive;
pub mod dev_clock;
pub mod idempotency;
pub mod items;
pub mod metrics;
pub mod runs;
pub mod sessions;
pub mod tokens;

pub use crate::db::Statement;
