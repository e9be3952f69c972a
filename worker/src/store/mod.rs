//! Every SQL statement the Worker runs, in small named functions with bound parameters.
//!
//! - [`sessions`]: `labs_sessions` (create, read, optimistic update).
//! - [`queue`]: moving ended sessions into the cleanup queue, claiming and settling items.
//! - [`runs`]: the `cleanup_runs` history.
//! - [`tokens`]: scoped API tokens (`api_tokens`).
//! - [`dev_clock`]: the test-only clock offset.

pub mod dev_clock;
pub mod queue;
pub mod runs;
pub mod sessions;
pub mod tokens;

use wasm_bindgen::JsValue;

/// A text parameter.
pub(crate) fn text(value: &str) -> JsValue {
    JsValue::from_str(value)
}

/// A numeric parameter. D1 binds numbers as doubles: only for values well inside 2^53.
pub(crate) fn num(value: impl Into<f64>) -> JsValue {
    JsValue::from_f64(value.into())
}

/// A nullable text parameter.
pub(crate) fn opt_text(value: Option<&str>) -> JsValue {
    value.map_or(JsValue::NULL, JsValue::from_str)
}

/// How many rows a write statement changed.
pub(crate) fn changes(result: &worker::D1Result) -> worker::Result<usize> {
    Ok(result.meta()?.and_then(|m| m.changes).unwrap_or(0))
}
