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

use crate::db::Param;

/// The `WHERE` of a filtered list: conditions with `?` standing for their values, numbered
/// `?1`, `?2`, ... in the order they are added.
#[derive(Default)]
pub(crate) struct Conditions {
    conditions: Vec<String>,
    params: Vec<Param>,
}

impl Conditions {
    /// Adds `condition`, whose `?`s take `values` in order.
    pub(crate) fn add(&mut self, condition: &str, values: Vec<Param>) {
        let mut sql = String::new();
        let mut pieces = condition.split('?');
        sql.push_str(pieces.next().unwrap_or(""));
        for (piece, value) in pieces.zip(values) {
            self.params.push(value);
            sql.push_str(&format!("?{}{piece}", self.params.len()));
        }
        self.conditions.push(sql);
    }

    /// The statement `SELECT ... {WHERE} ORDER BY ... LIMIT ?n`: `sql` is called with the
    /// `WHERE` clause (empty without conditions) and the number of the limit's parameter.
    pub(crate) fn statement(
        mut self,
        limit: usize,
        sql: impl FnOnce(&str, usize) -> String,
    ) -> Statement {
        let filter = if self.conditions.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", self.conditions.join(" AND "))
        };
        self.params.push(Param::from(limit));
        Statement {
            sql: sql(&filter, self.params.len()),
            params: self.params,
        }
    }
}
